"""The chronicle store: idempotent ingest, replacement in one transaction, linking, exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from svodka.chronicle import export
from svodka.chronicle.store import Store, day_of
from svodka.cli import app
from svodka.record import Record, dumps

from .sample_records import en_record, ru_record


def test_day_of() -> None:
    assert day_of("2022") == "2022-01-01" and day_of("2022-01") == "2022-01-01"
    assert day_of("2022-01-06T18") == "2022-01-06" and day_of(None) is None and day_of("P3D") is None


def test_reingest_changes_nothing_and_changed_document_replaces_its_rows() -> None:
    with Store(":memory:") as store:
        assert store.ingest([ru_record()]).added == 1
        assert store.ingest([ru_record()]).unchanged == 1
        counts = {t: store.count(t) for t in ("documents", "mentions", "events", "figures")}
        assert counts == {"documents": 1, "mentions": 2, "events": 1, "figures": 1}
        stats = store.ingest([ru_record(extra=" Ещё одно предложение.")])
        assert stats.replaced == 1
        assert {t: store.count(t) for t in counts} == counts
        text = store.db.execute("SELECT text FROM documents").fetchone()
        assert text is not None and text[0].endswith("предложение.")


def test_error_records_are_counted_not_stored() -> None:
    with Store(":memory:") as store:
        bad = Record(id="x", date=None, date_precision=None, text=None, error="binary file, not text")
        stats = store.ingest([bad, ru_record()])
        assert (stats.failed, stats.added, store.count("documents")) == (1, 1, 1)


def test_entities_link_across_documents_and_languages() -> None:
    with Store(":memory:") as store:
        store.ingest([ru_record("ru1"), ru_record("ru2", extra=" Снова."), en_record()])
        rows = store.db.execute(
            "SELECT e.name, count(DISTINCT m.doc_id) FROM mentions m JOIN entities e USING (entity_id) "
            "GROUP BY e.name ORDER BY e.name").fetchall()
        assert [n for _, n in rows] == [3, 3], rows
        aliases = {a for (a,) in store.db.execute("SELECT alias FROM aliases").fetchall()}
        assert {"Касым-Жомарт Токаев", "Kassym-Jomart Tokayev", "Алма-Ата", "Almaty"} <= aliases


def test_one_real_event_reported_twice_shares_an_event_id() -> None:
    with Store(":memory:") as store:
        store.ingest([ru_record("ru1"), en_record()])
        ids = store.db.execute("SELECT DISTINCT event_id FROM events").fetchall()
        assert len(ids) == 1 and store.count("events") == 2


def test_exports(tmp_path: Path) -> None:
    with Store(":memory:") as store:
        store.ingest([ru_record(), en_record()])
        out = io.StringIO()
        assert export.export(store, "jsonl", out=out) == 2
        recs = [json.loads(line) for line in out.getvalue().splitlines()]
        assert all(r["story_id"] and all(e["store_id"] for e in r["entities"]) for r in recs)
        assert all(ev["event_id"] for r in recs for ev in r["events"])
        out = io.StringIO()
        assert export.export(store, "csv-acled", out=out) == 2
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert rows[0]["event_type"] == "CONSULT" and rows[0]["latitude"] == "43.25"
        assert {r["fatalities"] for r in rows} == {"5", "0"}
        assert list(rows[0]) == export.ACLED_COLUMNS
        out = io.StringIO()
        export.export(store, "csv-plover", out=out)
        assert next(iter(csv.DictReader(io.StringIO(out.getvalue()))))["actor"] in ("Касым-Жомарт Токаев",
                                                                                "Kassym-Jomart Tokayev")
        out = io.StringIO()
        assert export.export(store, "geojson", out=out) == 2
        geo = json.loads(out.getvalue())
        assert geo["features"][0]["geometry"]["coordinates"] == [76.92, 43.25]
        assert export.export(store, "parquet", path=tmp_path / "e.parquet") == 2
        assert pq.read_table(tmp_path / "e.parquet").num_rows == 2
        with pytest.raises(ValueError):
            export.export(store, "xml", out=io.StringIO())


def test_cli_ingest_records_and_export(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_bytes(dumps(ru_record()) + b"\n" + b"{broken\n" + dumps(en_record()) + b"\n")
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "--records", str(records), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "csv-plover", "-o", str(tmp_path / "e.csv")])
    assert result.exit_code == 0
    assert len((tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()) == 3
    assert runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb"), "-f", "jsonl"]).exit_code == 2


@pytest.mark.parametrize(("value", "day"), [
    ("2022-01-06", "2022-01-06"), ("2022-01-06TEV", "2022-01-06"), ("2022-01", "2022-01-01"), ("2022", "2022-01-01"),
    ("2017-W48", "2017-11-27"), ("2013-SP", "2013-03-01"), ("2022-Q2", "2022-04-01"), ("2021-W53", "2021-01-01"),
    (None, None), ("PXD", None),
])
def test_day_of_gives_the_first_day_of_a_timex_value(value: str | None, day: str | None) -> None:
    from svodka.chronicle.store import day_of

    assert day_of(value) == day
