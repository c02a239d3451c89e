"""Timeline and map queries over a store of one million event reports.

    python bench/store_scale.py [--events 1000000] [--db /tmp/svodka-scale.duckdb]

Synthetic but shaped like the real store: 1M event reports from 200k documents over three years,
16 event types, 5,000 places in 150 countries, 50,000 entities. The queries are the API's own
(`/api/timeline`, `/api/map`, `/api/events` first page), sent through FastAPI's test client, so
the numbers include JSON encoding. Each query is run 7 times; the median and the worst are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka.chronicle.store import Store  # noqa: E402


def build(db: Path, n_events: int) -> None:
    n_docs = max(1, n_events // 5)
    with Store(db) as store:
        con = store.db
        con.execute("BEGIN TRANSACTION")
        con.execute("""INSERT INTO entities SELECT 'e:' || i, 'k:' || i,
            CASE WHEN i % 3 = 0 THEN 'PER' WHEN i % 3 = 1 THEN 'ORG' ELSE 'LOC' END, NULL, 'entity ' || i, NULL,
            CASE WHEN i % 3 = 2 THEN (hash(i) % 140)::INTEGER - 70 ELSE NULL END,
            CASE WHEN i % 3 = 2 THEN (hash(i * 7) % 360)::INTEGER - 180 ELSE NULL END,
            CASE WHEN i % 3 = 2 THEN chr((65 + (i % 150) % 26)::INTEGER) || chr((65 + (i % 150) // 26)::INTEGER)
                 ELSE NULL END, 'city' FROM range(50000) t(i)""")
        con.execute(f"""INSERT INTO documents (id, date, date_precision, day, title, text, content_hash, story_id)
            SELECT 'd' || i, NULL, 'day', DATE '2020-01-01' + CAST(i % 1095 AS INTEGER), 'title ' || i, 'text',
                   'h' || i, 's:' || (i // 3) FROM range({n_docs}) t(i)""")
        con.execute(f"""INSERT INTO events SELECT 'v:' || (i // 2), 'd' || (i % {n_docs}), i // {n_docs},
            ['ACCUSE','AGREE','AID','ASSAULT','COERCE','CONCEDE','CONSULT','COOPERATE','MOBILIZE','PROTEST',
             'REJECT','REQUEST','RETREAT','SANCTION','SUPPORT','THREATEN'][1 + i % 16], NULL, 0, 5, 'trigger',
            ['e:' || (i % 49999)], ['e:' || ((i * 7) % 49999)], 'e:' || (3 * (i % 5000) + 2),
            DATE '2020-01-01' + CAST((i % {n_docs}) % 1095 AS INTEGER), NULL, 'day', true,
            ((hash(3 * (i % 5000) + 2) % 140)::INTEGER - 70)::DOUBLE,
            ((hash((3 * (i % 5000) + 2) * 7) % 360)::INTEGER - 180)::DOUBLE,
            chr((65 + ((3 * (i % 5000) + 2) % 150) % 26)::INTEGER)
                || chr((65 + ((3 * (i % 5000) + 2) % 150) // 26)::INTEGER),
            [], [] FROM range({n_events}) t(i)""")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/svodka-scale.duckdb"))
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    if args.rebuild or not args.db.exists():
        args.db.unlink(missing_ok=True)
        started = time.perf_counter()
        build(args.db, args.events)
        print(f"built {args.events:,} event reports in {time.perf_counter() - started:.1f} s -> {args.db}")
    from fastapi.testclient import TestClient

    from svodka.api import create_app

    client = TestClient(create_app(args.db))
    print(f"store: {client.get('/api/health').json()}")
    queries = {
        "timeline, all": "/api/timeline",
        "timeline, one type, one year": "/api/timeline?type=PROTEST&start=2021-01-01&end=2021-12-31",
        "timeline, one country, one week": "/api/timeline?country=CA&start=2021-03-01&end=2021-03-07",
        "map, all": "/api/map",
        "map, one type, one month": "/api/map?type=ASSAULT&start=2021-06-01&end=2021-06-30",
        "events, first page, one week": "/api/events?start=2021-03-01&end=2021-03-07&limit=100",
    }
    print(f"{'query':36} {'median ms':>10} {'worst ms':>9} {'rows':>6}")
    for name, url in queries.items():
        times, rows = [], 0
        for _ in range(7):
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, r.text
            rows = r.json()["count"]
        print(f"{name:36} {statistics.median(times):10.1f} {max(times):9.1f} {rows:6}")


if __name__ == "__main__":
    main()
