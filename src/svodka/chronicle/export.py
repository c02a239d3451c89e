"""Exports that fit the field: records as JSONL, events as Parquet, ACLED-like and PLOVER/POLECAT-like
CSV, and GeoJSON. Every row keeps the document id and trigger offsets it came from."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from svodka.chronicle.store import Store

FORMATS = ("jsonl", "parquet", "csv-acled", "csv-plover", "geojson")

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "doc_id",
    "trigger_start", "trigger_end",
]
PLOVER_COLUMNS = [
    "event_id", "story_id", "event_date", "date_precision", "date_resolved", "event_type", "event_mode",
    "event_text", "actor", "actor_country", "recipient", "recipient_country", "place_name", "country",
    "latitude", "longitude", "geo_precision", "sources", "doc_id", "trigger_start", "trigger_end",
]


def _event_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One dict per event report, with entity names and the document's context resolved."""
    ents = {row[0]: row for row in store.db.execute(
        "SELECT entity_id, name, name_en, type, country, geo_precision FROM entities").fetchall()}
    docs = {row[0]: row for row in store.db.execute("SELECT id, story_id, source, title FROM documents").fetchall()}
    killed = {(d, i): v for d, i, v in store.db.execute(
        "SELECT doc_id, idx, value FROM figures WHERE kind = 'killed'").fetchall()}
    cursor = store.db.execute(
        "SELECT event_id, doc_id, idx, type, mode, trigger_start, trigger_end, trigger_text, actor, recipient, "
        "location, day, date_value, date_precision, date_resolved, lat, lon, country, figures, attribution "
        "FROM events ORDER BY day, doc_id, idx")
    cols = [d[0] for d in cursor.description]
    while True:
        batch = cursor.fetchmany(2000)
        if not batch:
            break
        for values in batch:
            row = dict(zip(cols, values, strict=True))
            doc = docs.get(row["doc_id"])
            row["story_id"] = doc[1] if doc else None
            row["outlet"] = doc[2] if doc else None
            row["actor_names"] = [ents[e][1] for e in row["actor"] or [] if e in ents]
            row["recipient_names"] = [ents[e][1] for e in row["recipient"] or [] if e in ents]
            row["actor_countries"] = [ents[e][4] for e in row["actor"] or [] if e in ents and ents[e][4]]
            row["recipient_countries"] = [ents[e][4] for e in row["recipient"] or [] if e in ents and ents[e][4]]
            place = ents.get(row["location"]) if row["location"] else None
            row["place_name"] = place[1] if place else None
            row["geo_precision"] = place[5] if place else None
            row["source_names"] = [ents[e][1] for e in row["attribution"] or [] if e in ents]
            row["fatalities"] = int(sum(killed.get((row["doc_id"], i), 0) or 0 for i in row["figures"] or []))
            yield row


def _acled(row: dict[str, Any]) -> dict[str, Any]:
    day = row["day"]
    actors, recipients = row["actor_names"], row["recipient_names"]
    return {
        "event_id_cnty": row["event_id"], "event_date": str(day) if day else "",
        "year": day.year if day else "", "time_precision": 1 if row["date_precision"] == "day" else 2
        if row["date_precision"] == "month" else 3,
        "event_type": row["type"], "sub_event_type": row["mode"] or row["trigger_text"],
        "actor1": actors[0] if actors else "", "assoc_actor_1": "; ".join(actors[1:]),
        "actor2": recipients[0] if recipients else "", "assoc_actor_2": "; ".join(recipients[1:]),
        "iso": row["country"] or "", "country": row["country"] or "", "admin1": "",
        "location": row["place_name"] or "", "latitude": row["lat"] if row["lat"] is not None else "",
        "longitude": row["lon"] if row["lon"] is not None else "", "geo_precision": row["geo_precision"] or "",
        "source": "; ".join(row["source_names"] or ([row["outlet"]] if row["outlet"] else [])),
        "notes": row["trigger_text"], "fatalities": row["fatalities"], "doc_id": row["doc_id"],
        "trigger_start": row["trigger_start"], "trigger_end": row["trigger_end"],
    }


def _plover(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": row["event_id"], "story_id": row["story_id"],
        "event_date": row["date_value"] or (str(row["day"]) if row["day"] else ""),
        "date_precision": row["date_precision"] or "", "date_resolved": row["date_resolved"],
        "event_type": row["type"], "event_mode": row["mode"] or "", "event_text": row["trigger_text"],
        "actor": "; ".join(row["actor_names"]), "actor_country": "; ".join(row["actor_countries"]),
        "recipient": "; ".join(row["recipient_names"]), "recipient_country": "; ".join(row["recipient_countries"]),
        "place_name": row["place_name"] or "", "country": row["country"] or "",
        "latitude": row["lat"] if row["lat"] is not None else "",
        "longitude": row["lon"] if row["lon"] is not None else "", "geo_precision": row["geo_precision"] or "",
        "sources": "; ".join(row["source_names"]), "doc_id": row["doc_id"],
        "trigger_start": row["trigger_start"], "trigger_end": row["trigger_end"],
    }


def _write_csv(out: IO[str], columns: list[str], rows: Iterator[dict[str, Any]]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def export(store: Store, fmt: str, out: IO[str] | None = None, path: Path | None = None) -> int:
    """Write the store in ``fmt``; Parquet needs ``path``, the others write to ``out``. Returns the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if path is None:
            raise ValueError("parquet needs an output file (-o FILE.parquet)")
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [_plover(r) for r in _event_rows(store)]
        table = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([], pa.string()) for c in PLOVER_COLUMNS})
        pq.write_table(table, str(path))
        return len(rows)
    assert out is not None
    if fmt == "jsonl":
        n = 0
        for rec in store.records():
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv-acled":
        return _write_csv(out, ACLED_COLUMNS, (_acled(r) for r in _event_rows(store)))
    if fmt == "csv-plover":
        return _write_csv(out, PLOVER_COLUMNS, (_plover(r) for r in _event_rows(store)))
    features = []
    for r in _event_rows(store):
        if r["lat"] is None or r["lon"] is None:
            continue
        props = _plover(r)
        props.pop("latitude")
        props.pop("longitude")
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                         "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
