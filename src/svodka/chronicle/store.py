"""The chronicle's embedded store: one DuckDB file.

Records go in; what spans documents comes out: entities linked across documents (one row per
real-world entity, with the mentions of every document), events with a store-wide ``event_id``
shared by the reports of one real-world event, stories, and the sources behind every figure,
quote and event. Each document is written in one transaction: a re-ingested document with the
same content hash changes nothing; a changed one replaces all of its old rows at once.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from svodka.chronicle.linking import Linker
from svodka.chronicle.stories import assign_stories
from svodka.record import Record, dumps

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, date VARCHAR, date_precision VARCHAR, day DATE,
    title VARCHAR, source VARCHAR, url VARCHAR, text VARCHAR, content_hash VARCHAR NOT NULL,
    story_id VARCHAR, record JSON, lemmas VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS entities (
    entity_id VARCHAR PRIMARY KEY, link_key VARCHAR UNIQUE, type VARCHAR, subtype VARCHAR,
    name VARCHAR, name_en VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR, geo_precision VARCHAR
);
CREATE TABLE IF NOT EXISTS aliases (entity_id VARCHAR, alias VARCHAR, PRIMARY KEY (entity_id, alias));
CREATE TABLE IF NOT EXISTS mentions (
    doc_id VARCHAR, local_id VARCHAR, entity_id VARCHAR, start INTEGER, "end" INTEGER,
    text VARCHAR, normal VARCHAR, lang VARCHAR
);
CREATE TABLE IF NOT EXISTS timexes (
    doc_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, type VARCHAR,
    value VARCHAR, precision VARCHAR
);
CREATE TABLE IF NOT EXISTS figures (
    doc_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR,
    value DOUBLE, qualifier VARCHAR, low DOUBLE, high DOUBLE, day DATE, attribution VARCHAR[]
);
CREATE TABLE IF NOT EXISTS quotes (
    doc_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR,
    speaker VARCHAR, speaker_text VARCHAR, cue VARCHAR, via VARCHAR[], lang VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR, doc_id VARCHAR, idx INTEGER, type VARCHAR, mode VARCHAR,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
    actor VARCHAR[], recipient VARCHAR[], location VARCHAR,
    day DATE, date_value VARCHAR, date_precision VARCHAR, date_resolved BOOLEAN,
    lat DOUBLE, lon DOUBLE, country VARCHAR, figures INTEGER[], attribution VARCHAR[]
);
CREATE TABLE IF NOT EXISTS sources (
    doc_id VARCHAR, layer VARCHAR, idx INTEGER, position INTEGER, entity_id VARCHAR
);
CREATE INDEX IF NOT EXISTS events_day ON events (day);
CREATE INDEX IF NOT EXISTS events_event ON events (event_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id);
"""

_DOC_TABLES = ("mentions", "timexes", "figures", "quotes", "events", "sources")


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@lru_cache(maxsize=500_000)
def _lemma(word: str) -> str:
    from svodka import models

    if not re.search(r"[а-яё]", word):
        return word
    parses = models.morph().parse(word)
    return parses[0].normal_form.replace("ё", "е") if parses else word


def lemmas(text: str) -> list[str]:
    """Dictionary forms of the words of ``text``, lower-cased ("протестов" -> "протест")."""
    return [_lemma(w.lower().replace("ё", "е")) for w in _WORD.findall(text)]


def lemma_string(text: str) -> str:
    """The distinct lemmas of a document between spaces, for whole-word search with LIKE '% w %'."""
    return " " + " ".join(sorted(set(lemmas(text)))) + " "


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_SEASON_MONTH = {"SP": "03", "SU": "06", "FA": "09", "AU": "09", "WI": "12"}


def day_of(value: str | None) -> str | None:
    """The first day a TIMEX value stands for ("2022-01" -> "2022-01-01", "2017-W48" -> the
    Monday of ISO week 48, "2013-SP" -> "2013-03-01", "2022-Q2" -> "2022-04-01"), else None."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    year = value[:4]
    rest = value[5:]
    if value[4:5] == "-" and rest[:1] == "W" and rest[1:3].isdigit():
        try:
            return date.fromisocalendar(int(year), int(rest[1:3]), 1).isoformat()
        except ValueError:
            return f"{year}-01-01"
    if value[4:5] == "-" and rest[:2] in _SEASON_MONTH:
        return f"{year}-{_SEASON_MONTH[rest[:2]]}-01"
    if value[4:5] == "-" and rest[:1] == "Q" and rest[1:2] in "1234" and rest[1:2]:
        return f"{year}-{3 * int(rest[1]) - 2:02d}-01"
    month = value[5:7] if len(value) >= 7 and value[5:7].isdigit() else "01"
    day = value[8:10] if len(value) >= 10 and value[8:10].isdigit() else "01"
    return f"{year}-{month}-{day}"


@dataclass
class _Rows:
    """The rows of one ingest batch, table by table, inserted in bulk."""

    documents: list[tuple[Any, ...]] = field(default_factory=list)
    mentions: list[tuple[Any, ...]] = field(default_factory=list)
    timexes: list[tuple[Any, ...]] = field(default_factory=list)
    figures: list[tuple[Any, ...]] = field(default_factory=list)
    quotes: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    sources: list[tuple[Any, ...]] = field(default_factory=list)

    def empty(self) -> bool:
        return not self.documents

    def write(self, db: duckdb.DuckDBPyConnection) -> None:
        for table in ("documents", "mentions", "timexes", "figures", "quotes", "events", "sources"):
            rows = getattr(self, table)
            if rows:
                bulk_insert(db, table, rows)


def bulk_insert(db: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]],
                conflict: str = "") -> None:
    """Insert many rows at once through an Arrow table (orders of magnitude faster than executemany)."""
    import pyarrow as pa

    columns = [c[0] for c in db.execute(f"SELECT * FROM {table} LIMIT 0").description]
    columns = [c for c in columns if c != "ingested_at"]  # takes its default
    types = {c: t for c, t in db.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
    arrays = {}
    for k, col in enumerate(columns):
        values = [row[k] for row in rows]
        arrays[col] = pa.array(values, type=_ARROW.get(types[col])) if types[col] in _ARROW else pa.array(values)
    batch = pa.table(arrays)  # noqa: F841 - read by DuckDB's replacement scan below
    names = ", ".join(f'"{c}"' for c in columns)
    db.execute(f"INSERT {conflict} INTO {table} ({names}) SELECT {names} FROM batch")


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    return {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
            "DATE": pa.string(), "JSON": pa.string(), "VARCHAR[]": pa.list_(pa.string()),
            "INTEGER[]": pa.list_(pa.int32())}


_ARROW = _arrow_types()


@dataclass
class IngestStats:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0


class Store:
    """A svodka chronicle in one DuckDB file (``:memory:`` for tests)."""

    def __init__(self, path: str | Path = "svodka.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self.db = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.db.execute(SCHEMA)
        self.linker = Linker(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- writing ---------------------------------------------------------------------------

    def ingest(self, records: Iterable[Record], batch_size: int = 200) -> IngestStats:
        """Store records in batches, each batch in one transaction (DuckDB is fast at bulk
        inserts and slow at single rows: 52 documents took 9.6 s row by row, well under 1 s batched)."""
        stats = IngestStats()
        batch: list[Record] = []
        for record in records:
            if record.error is not None or record.text is None:
                stats.failed += 1
                continue
            batch.append(record)
            if len(batch) >= batch_size:
                self._ingest_batch(batch, stats)
                batch = []
        if batch:
            self._ingest_batch(batch, stats)
        return stats

    def _ingest_batch(self, batch: list[Record], stats: IngestStats) -> None:
        latest = {r.id: r for r in batch}  # the same id twice in one batch: the last one wins
        ids = list(latest)
        known = dict(self.db.execute(
            "SELECT id, content_hash FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall())
        rows = _Rows()
        replaced: list[str] = []
        for doc_id, record in latest.items():
            digest = content_hash(record.text or "")
            if known.get(doc_id) == digest:
                stats.unchanged += 1
                continue
            if doc_id in known:
                replaced.append(doc_id)
                stats.replaced += 1
            else:
                stats.added += 1
            self._rows(record, digest, rows)
        if rows.empty():
            return
        try:
            self._write_batch(rows, replaced)
        except BaseException:
            self.linker = Linker(self.db)  # forget ids whose rows were rolled back
            raise

    def _write_batch(self, rows: _Rows, replaced: list[str]) -> None:
        with self.transaction():
            if replaced:
                for table in ("documents", *_DOC_TABLES):
                    column = "id" if table == "documents" else "doc_id"
                    self.db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", [replaced])
            self.linker.flush()
            rows.write(self.db)
            assign_stories(self.db, [row[0] for row in rows.documents])  # same transaction: crash-safe

    def _rows(self, record: Record, digest: str, rows: _Rows) -> None:
        doc_day = day_of(record.date)
        ids = {ent.id: self.linker.link(ent) for ent in record.entities or []}
        rows.documents.append((record.id, record.date, record.date_precision, doc_day, record.title, record.source,
                               record.url, record.text, digest, f"s:{record.id}", dumps(record).decode("utf-8"),
                               lemma_string(f"{record.title or ''} {record.text}")))
        rows.mentions += [(record.id, ent.id, ids[ent.id], m.start, m.end, m.text, m.normal, m.lang)
                          for ent in record.entities or [] for m in ent.mentions]
        rows.timexes += [(record.id, i, t.start, t.end, t.text, t.type, t.value, t.precision)
                         for i, t in enumerate(record.timexes or [])]
        for i, f in enumerate(record.figures or []):
            attribution = [ids[x] for x in f.attribution if x in ids]
            rows.figures.append((record.id, i, f.start, f.end, f.text, f.kind, f.value, f.qualifier, f.low, f.high,
                                 doc_day, attribution))
            rows.sources += [(record.id, "figures", i, n, eid) for n, eid in enumerate(attribution)]
        for i, q in enumerate(record.quotes or []):
            via = [ids[x] for x in q.via if x in ids]
            speaker = ids.get(q.speaker) if q.speaker else None
            rows.quotes.append((record.id, i, q.start, q.end, q.text, q.kind, speaker, q.speaker_text, q.cue, via,
                                q.lang))
            chain = ([speaker] if speaker else []) + via
            rows.sources += [(record.id, "quotes", i, n, eid) for n, eid in enumerate(chain)]
        places = {e.id: e.geo for e in record.entities or [] if e.geo is not None}
        for i, ev in enumerate(record.events or []):
            actor = [ids[x] for x in ev.actor if x in ids]
            recipient = [ids[x] for x in ev.recipient if x in ids]
            location = ids.get(ev.location) if ev.location else None
            geo = places.get(ev.location) if ev.location else None
            day = day_of(ev.date.value) or doc_day
            attribution = [ids[x] for x in ev.attribution if x in ids]
            rows.events.append((
                self._event_id(ev.type, day, actor, recipient, location), record.id, i, ev.type, ev.mode,
                ev.trigger.start, ev.trigger.end, ev.trigger.text, actor, recipient, location, day, ev.date.value,
                ev.date.precision, ev.date.resolved, geo.lat if geo else None, geo.lon if geo else None,
                geo.country if geo else None, ev.figures, attribution))
            rows.sources += [(record.id, "events", i, n, eid) for n, eid in enumerate(attribution)]

    @staticmethod
    def _event_id(etype: str, day: str | None, actor: list[str], recipient: list[str], location: str | None) -> str:
        """One id for the reports of one real-world event: same type, day, participants and place."""
        key = json.dumps([etype, day, sorted(actor), sorted(recipient), location])
        return "v:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    # --- reading ---------------------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in ("documents", "entities", *_DOC_TABLES):
            raise ValueError(f"unknown table {table!r}")
        row = self.db.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored document as its record, with ``story_id`` and store-wide ids added."""
        entity_ids: dict[tuple[str, str], str] = {}
        for doc_id, local, eid in self.db.execute(
                "SELECT DISTINCT doc_id, local_id, entity_id FROM mentions").fetchall():
            entity_ids[(doc_id, local)] = eid
        event_ids = {(d, i): e for d, i, e in self.db.execute("SELECT doc_id, idx, event_id FROM events").fetchall()}
        cursor = self.db.execute("SELECT id, story_id, record FROM documents ORDER BY id")
        while True:
            rows = cursor.fetchmany(500)
            if not rows:
                break
            for doc_id, story_id, raw in rows:
                rec = json.loads(raw)
                rec["story_id"] = story_id
                for ent in rec.get("entities") or []:
                    ent["store_id"] = entity_ids.get((doc_id, ent["id"]))
                for i, ev in enumerate(rec.get("events") or []):
                    ev["event_id"] = event_ids.get((doc_id, i))
                yield rec
