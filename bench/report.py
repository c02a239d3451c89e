"""The сводка over a store of one million event reports: one country and one week must take under 2 s.

    python bench/report.py [--events 1000000] [--db /tmp/svodka-report-scale.duckdb] [--rebuild]

The store is bench/store_scale.py's synthetic one (1M event reports from 200k documents over three
years, 16 event types, 5,000 places in 150 countries, 50,000 entities), plus what a report also
reads: 300 outlets, two figures a document (kinds, qualifiers and sources varying) and one quote
a document. Each report is built and written as Markdown 7 times (models and the process warm; the
first, cold run is printed apart); the median and the worst are printed. The same one-country week
is then asked of the API (``/api/report``, JSON), as the dashboard asks it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from store_scale import build  # noqa: E402

from svodka.chronicle.store import Store  # noqa: E402


def add_report_rows(db: Path) -> None:
    """Outlets, figures and quotes for the synthetic store (store_scale builds events only)."""
    with Store(db) as store:
        con = store.db
        con.execute("BEGIN TRANSACTION")
        con.execute("UPDATE documents SET source = 'outlet ' || (hash(id) % 300)")
        con.execute("""INSERT INTO figures SELECT d.id, k, 10 + k * 4, 20 + k * 4, 'text',
                ['killed','injured','hospitalized','arrested','participants'][1 + ((hash(d.id) % 5)::BIGINT + k) % 5],
                (1 + (hash(d.id || k) % 500)::BIGINT)::DOUBLE,
                ['exact','approx','more_than'][1 + (hash(d.id) % 3)::BIGINT], NULL, NULL,
                d.day, ['e:' || (3 * (hash(d.id) % 16000)::BIGINT + 1)]
            FROM documents d, range(2) t(k)""")
        con.execute("""INSERT INTO quotes SELECT id, 0, 0, 4, 'text', 'direct',
                'e:' || (3 * (hash(id) % 16000)::BIGINT), NULL, 'заявил', [], 'ru' FROM documents""")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")


def timed(fn, runs: int = 7) -> tuple[float, float, float, object]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = fn()
    cold = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return cold, statistics.median(times), max(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/svodka-report-scale.duckdb"))
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    if args.rebuild or not args.db.exists():
        args.db.unlink(missing_ok=True)
        started = time.perf_counter()
        build(args.db, args.events)
        add_report_rows(args.db)
        print(f"built {args.events:,} event reports with figures and quotes in {time.perf_counter() - started:.1f} s"
              f" -> {args.db}")
    import duckdb
    from fastapi.testclient import TestClient

    from svodka.api import create_app
    from svodka.chronicle.report import Filters, build_report
    from svodka.chronicle.report_render import to_markdown

    con = duckdb.connect(str(args.db), read_only=True)
    counts = con.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM documents), "
                         "(SELECT count(*) FROM figures), (SELECT count(*) FROM quotes)").fetchone()
    print(f"store: {counts[0]:,} event reports, {counts[1]:,} documents, {counts[2]:,} figures, "  # type: ignore[index]
          f"{counts[3]:,} quotes")  # type: ignore[index]
    week = {"start": date(2021, 3, 1), "end": date(2021, 3, 7)}
    cases = {
        "one country (CA), one week, ru": (Filters(place="CA", **week), "ru"),
        "one country (CA), one week, en": (Filters(place="CA", **week), "en"),
        "one country, default week": (Filters(place="CA"), "ru"),
        "one place (entity), one month": (Filters(place="e:5", start=date(2021, 3, 1), end=date(2021, 3, 31)), "ru"),
        "everything, one week": (Filters(**week), "ru"),
    }
    print(f"{'report':34} {'cold ms':>8} {'median ms':>10} {'worst ms':>9} {'events':>7} {'stories':>8} "
          f"{'sentences':>9}")
    for name, (filters, lang) in cases.items():
        def make(filters: Filters = filters, lang: str = lang) -> object:
            report = build_report(con, filters, lang=lang)  # type: ignore[arg-type]
            to_markdown(report)
            return report

        cold, median, worst, report = timed(make)
        events = sum(s.events for s in report.stories)  # type: ignore[attr-defined]
        sentences = sum(1 for _ in report.sentences())  # type: ignore[attr-defined]
        print(f"{name:34} {cold:8.0f} {median:10.0f} {worst:9.0f} {events:7} {len(report.stories):8} "  # type: ignore[attr-defined]
              f"{sentences:9}")
    client = TestClient(create_app(args.db))
    url = "/api/report?place=CA&start=2021-03-01&end=2021-03-07"
    cold, median, worst, response = timed(lambda: client.get(url))
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    print(f"{'API ' + url:34} {cold:8.0f} {median:10.0f} {worst:9.0f}")


if __name__ == "__main__":
    main()
