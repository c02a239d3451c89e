"""The HTTP API over a chronicle store, and the dashboard it serves.

Read-only: the store is opened read-only and every query is parameterised. Every page of the
dashboard is drawn from these JSON endpoints (the Datasette idea: one data path for the API,
the pages and the tests). Every parameter is validated and bounded by FastAPI.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from pydantic import BeforeValidator

from svodka import __version__

EVENT_TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
               "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
MAX_PAGE = 500
_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

_TABLE: dict[int | str, dict[str, Any]] = {200: {
    "description": "Rows as JSON (rows, count, total), or as CSV with format=csv.",
    "content": {"application/json": {}, "text/csv": {"schema": {"type": "string"}}}}}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such item."}}
_JOIN_DOCS = "JOIN documents d ON d.id = ev.doc_id"
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD: pydantic would otherwise read "0" as a Unix timestamp."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


Day = Annotated[date | None, BeforeValidator(_iso_day), Query(description="ISO date (YYYY-MM-DD).")]
Text = Annotated[str | None, Query(max_length=200)]
Id = Annotated[str | None, Query(max_length=100, pattern=r"^[\w:.\-]+$")]
Fmt = Annotated[Literal["json", "csv"], Query(description="json or csv.")]
EventType = Literal["ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
                    "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"]
TypeParam = Annotated[EventType | None, Query(description="PLOVER event type.")]


class Chronicle:
    """A read-only connection per thread (DuckDB connections are not shared across threads)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path}; run `svodka ingest` first")
        self._local = threading.local()
        self._root = duckdb.connect(self.path, read_only=True)

    def db(self) -> duckdb.DuckDBPyConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._root.cursor()
            self._local.conn = conn
        return conn

    def rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.db().execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _respond(rows: list[dict[str, Any]], fmt: str, total: int | None = None, **extra: Any) -> Response:
    rows = [{k: _jsonable(v) for k, v in r.items()} for r in rows]
    if fmt == "csv":
        out = io.StringIO()
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            for r in rows:
                writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                                 for k, v in r.items()})
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8")
    body = {"rows": rows, "count": len(rows), **extra}
    if total is not None:
        body["total"] = total
    return JSONResponse(body)


class _Where:
    """A WHERE clause built from optional filters; a filter whose value is empty is left out."""

    def __init__(self) -> None:
        self.parts: list[str] = ["TRUE"]
        self.params: list[Any] = []

    def add(self, clause: str, *values: Any) -> None:
        if all(v not in (None, "") for v in values):
            self.parts.append(clause)
            self.params.extend(values)

    @property
    def sql(self) -> str:
        return " AND ".join(self.parts)


def _event_filters(start: date | None, end: date | None, etype: str | None, entity: str | None,
                   place: str | None, country: str | None, doc: str | None, story: str | None,
                   q: str | None) -> tuple[str, list[Any]]:
    w = _Where()
    w.add("ev.day >= ?", start)
    w.add("ev.day <= ?", end)
    w.add("ev.type = ?", etype)
    w.add("(list_contains(ev.actor, ?) OR list_contains(ev.recipient, ?) OR ev.location = ?)", entity, entity, entity)
    w.add("ev.location = ?", place)
    w.add("ev.country = ?", country.upper() if country else None)
    w.add("ev.doc_id = ?", doc)
    w.add("d.story_id = ?", story)
    if q:
        clause, values = _lemma_match(q)
        w.add(f"(ev.trigger_text ILIKE ? OR ({clause}))", f"%{q}%", *values)
    return w.sql, w.params


def _lemma_match(q: str, column: str = "d.lemmas") -> tuple[str, list[Any]]:
    """Every word of the query, in any inflected form, occurs in the document ("протестов" finds "протест")."""
    from svodka.chronicle.store import lemmas

    words = lemmas(q)[:12] or [q.lower()]
    return " AND ".join(f"{column} LIKE ?" for _ in words), [f"% {w} %" for w in words]


def _add_names(chronicle: Chronicle, rows: list[dict[str, Any]]) -> None:
    """Entity names and document titles for a page of event rows, in two small queries."""
    ids = {e for r in rows for col in ("actor", "recipient", "attribution") for e in r[col] or []}
    ids |= {r["location"] for r in rows if r["location"]}
    names = dict(chronicle.db().execute(
        "SELECT entity_id, name FROM entities WHERE entity_id IN (SELECT unnest(?))", [sorted(ids)]).fetchall())
    docs = {d: (t, s, src) for d, t, s, src in chronicle.db().execute(
        "SELECT id, title, story_id, source FROM documents WHERE id IN (SELECT unnest(?))",
        [sorted({r["doc_id"] for r in rows})]).fetchall()}
    for r in rows:
        r["title"], r["story_id"], r["source"] = docs.get(r["doc_id"], (None, None, None))
        r["actor_names"] = [names[e] for e in r["actor"] or [] if e in names]
        r["recipient_names"] = [names[e] for e in r["recipient"] or [] if e in names]
        r["place_name"] = names.get(r["location"]) if r["location"] else None
        r["source_names"] = [names[e] for e in r["attribution"] or [] if e in names]


def create_app(db_path: str | Path) -> FastAPI:
    chronicle = Chronicle(db_path)
    app = FastAPI(title="svodka", version=__version__,
                  description="A sourced chronicle of news events: who did what to whom, where, when, "
                              "how many, according to whom. Read-only.")
    web = resources.files("svodka") / "web"

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        counts = chronicle.rows("SELECT (SELECT count(*) FROM documents) AS documents, "
                                "(SELECT count(*) FROM entities) AS entities, "
                                "(SELECT count(*) FROM events) AS events", [])[0]
        return {"status": "ok", "version": __version__, **counts}

    @app.get("/api/events", responses=_TABLE)
    def events(start: Day = None, end: Day = None, type: TypeParam = None, entity: Id = None, place: Id = None,
               country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None, doc: Id = None,
               story: Id = None, q: Text = None, limit: Limit = 100, offset: Offset = 0,
               format: Fmt = "json") -> Response:
        """Event reports, newest first, with their actors, place and source document."""
        where, params = _event_filters(start, end, type, entity, place, country, doc, story, q)
        join = _JOIN_DOCS if (story or q) else ""
        total = chronicle.db().execute(f"SELECT count(*) FROM events ev {join} WHERE {where}", params).fetchone()
        # The page first, names after: resolving names inside the query made DuckDB join them for every
        # matching row before the LIMIT (15 s on a million events instead of milliseconds).
        rows = chronicle.rows(
            f"""SELECT ev.event_id, ev.doc_id, ev.idx, ev.type, ev.mode, ev.trigger_text, ev.trigger_start,
                   ev.trigger_end, ev.day, ev.date_value, ev.date_precision, ev.date_resolved,
                   ev.lat, ev.lon, ev.country, ev.actor, ev.recipient, ev.location, ev.attribution
                FROM events ev {join} WHERE {where}
                ORDER BY ev.day DESC NULLS LAST, ev.doc_id, ev.idx LIMIT ? OFFSET ?""",
            [*params, limit, offset])
        _add_names(chronicle, rows)
        return _respond(rows, format, total=int(total[0]) if total else 0)

    @app.get("/api/events/{event_id}", responses=_NOT_FOUND)
    def event(event_id: Annotated[str, PathParam(max_length=100)]) -> Response:
        """All reports of one real-world event, one per document."""
        rows = chronicle.rows(
            """SELECT event_id, doc_id, idx, type, mode, trigger_text, trigger_start, trigger_end, day, date_value,
                      date_precision, date_resolved, lat, lon, country, actor, recipient, location, attribution,
                      figures FROM events WHERE event_id = ? ORDER BY day, doc_id, idx""", [event_id])
        if not rows:
            raise HTTPException(404, "no such event")
        _add_names(chronicle, rows)
        # The figures ledger of this event: every report's counts, with who said them and when.
        ledger = chronicle.rows(
            """SELECT f.doc_id, f.idx, f.kind, f.value, f.qualifier, f.low, f.high, f.text, f.start, f."end", f.day,
                      (SELECT list(name) FROM entities WHERE list_contains(f.attribution, entity_id)) AS sources
               FROM figures f JOIN events ev ON ev.doc_id = f.doc_id AND list_contains(ev.figures, f.idx)
               WHERE ev.event_id = ? ORDER BY f.kind, f.day, f.doc_id""", [event_id])
        return _respond(rows, "json", figures=[{k: _jsonable(v) for k, v in r.items()} for r in ledger])

    @app.get("/api/timeline", responses=_TABLE)
    def timeline(start: Day = None, end: Day = None, type: TypeParam = None, entity: Id = None, place: Id = None,
                 country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None, story: Id = None,
                 by_type: bool = False, format: Fmt = "json") -> Response:
        """Event reports (and distinct events) per day, or per day and type with ``by_type``."""
        where, params = _event_filters(start, end, type, entity, place, country, None, story, None)
        by = "ev.day, ev.type" if by_type else "ev.day"
        rows = chronicle.rows(
            f"""SELECT {by}, count(*) AS reports
                FROM events ev {_JOIN_DOCS if story else ""}
                WHERE {where} AND ev.day IS NOT NULL GROUP BY ALL ORDER BY {by} LIMIT 50000""", params)
        return _respond(rows, format)

    @app.get("/api/map", responses=_TABLE)
    def map_points(start: Day = None, end: Day = None, type: TypeParam = None, entity: Id = None,
                   country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None, story: Id = None,
                   format: Fmt = "json") -> Response:
        """Places with events: one point per place, with counts."""
        where, params = _event_filters(start, end, type, entity, None, country, None, story, None)
        rows = chronicle.rows(
            f"""SELECT p.place, e.name, p.lat, p.lon, e.geo_precision AS precision, p.reports
                FROM (SELECT ev.location AS place, round(any_value(ev.lat), 4) AS lat,
                             round(any_value(ev.lon), 4) AS lon, count(*) AS reports
                      FROM events ev {_JOIN_DOCS if story else ""}
                      WHERE {where} AND ev.lat IS NOT NULL GROUP BY ev.location) p
                LEFT JOIN entities e ON e.entity_id = p.place ORDER BY p.reports DESC LIMIT 5000""", params)
        return _respond(rows, format)

    @app.get("/api/entities", responses=_TABLE)
    def entities(q: Text = None, type: Annotated[Literal["PER", "ORG", "LOC"] | None, Query()] = None,
                 limit: Limit = 100, offset: Offset = 0, format: Fmt = "json") -> Response:
        """Entities linked across documents, most mentioned first."""
        w = _Where()
        w.add("e.entity_id IN (SELECT entity_id FROM aliases WHERE alias ILIKE ?)", f"%{q}%" if q else None)
        w.add("e.type = ?", type)
        rows = chronicle.rows(
            f"""SELECT e.entity_id, e.type, e.subtype, e.name, e.name_en, e.country, e.lat, e.lon,
                   count(m.doc_id) AS mentions, count(DISTINCT m.doc_id) AS documents
                FROM entities e LEFT JOIN mentions m USING (entity_id) WHERE {w.sql}
                GROUP BY ALL ORDER BY documents DESC, mentions DESC, e.name LIMIT ? OFFSET ?""",
            [*w.params, limit, offset])
        return _respond(rows, format)

    @app.get("/api/entities/{entity_id}", responses=_NOT_FOUND)
    def entity(entity_id: Annotated[str, PathParam(max_length=100)]) -> dict[str, Any]:
        found = chronicle.rows("SELECT * FROM entities WHERE entity_id = ?", [entity_id])
        if not found:
            raise HTTPException(404, "no such entity")
        aliases = [r["alias"] for r in chronicle.rows(
            "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias", [entity_id])]
        docs = chronicle.rows(
            """SELECT d.id, d.title, d.day, d.story_id, count(*) AS mentions FROM mentions m
               JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ? GROUP BY ALL
               ORDER BY d.day DESC NULLS LAST LIMIT 200""", [entity_id])
        return {"entity": {k: _jsonable(v) for k, v in found[0].items()}, "aliases": aliases,
                "documents": [{k: _jsonable(v) for k, v in d.items()} for d in docs]}

    @app.get("/api/stories", responses=_TABLE)
    def stories(start: Day = None, end: Day = None, limit: Limit = 100, offset: Offset = 0,
                format: Fmt = "json") -> Response:
        w = _Where()
        w.add("day >= ?", start)
        w.add("day <= ?", end)
        rows = chronicle.rows(
            f"""SELECT story_id, count(*) AS documents, min(day) AS first_day, max(day) AS last_day,
                   arg_min(title, coalesce(day, DATE '9999-12-31')) AS title, list(id ORDER BY day, id) AS doc_ids
                FROM documents WHERE {w.sql} GROUP BY story_id
                ORDER BY documents DESC, last_day DESC NULLS LAST LIMIT ? OFFSET ?""", [*w.params, limit, offset])
        return _respond(rows, format)

    @app.get("/api/figures", responses=_TABLE)
    def figures(kind: Text = None, start: Day = None, end: Day = None, doc: Id = None, limit: Limit = 100,
                offset: Offset = 0, format: Fmt = "json") -> Response:
        """The figures ledger: who said how many, when, in which document."""
        w = _Where()
        w.add("f.kind = ?", kind)
        w.add("f.doc_id = ?", doc)
        w.add("f.day >= ?", start)
        w.add("f.day <= ?", end)
        rows = chronicle.rows(
            f"""SELECT f.doc_id, f.idx, f.kind, f.value, f.qualifier, f.low, f.high, f.text, f.start, f."end",
                   f.day, d.title, d.story_id,
                   (SELECT list(name) FROM entities WHERE list_contains(f.attribution, entity_id)) AS sources
                FROM figures f JOIN documents d ON d.id = f.doc_id WHERE {w.sql}
                ORDER BY f.day DESC NULLS LAST, f.doc_id, f.idx LIMIT ? OFFSET ?""", [*w.params, limit, offset])
        return _respond(rows, format)

    @app.get("/api/documents", responses=_TABLE)
    def documents(q: Text = None, story: Id = None, start: Day = None, end: Day = None, limit: Limit = 100,
                  offset: Offset = 0, format: Fmt = "json") -> Response:
        w = _Where()
        if q:
            clause, values = _lemma_match(q, "lemmas")
            w.add(f"(title ILIKE ? OR ({clause}))", f"%{q}%", *values)
        w.add("story_id = ?", story)
        w.add("day >= ?", start)
        w.add("day <= ?", end)
        rows = chronicle.rows(
            f"""SELECT id, date, day, title, source, url, story_id, left(text, 200) AS snippet
                FROM documents WHERE {w.sql} ORDER BY day DESC NULLS LAST, id LIMIT ? OFFSET ?""",
            [*w.params, limit, offset])
        return _respond(rows, format)

    @app.get("/api/documents/{doc_id}", responses=_NOT_FOUND)
    def document(doc_id: Annotated[str, PathParam(max_length=300)]) -> dict[str, Any]:
        found = chronicle.rows("SELECT story_id, record FROM documents WHERE id = ?", [doc_id])
        if not found:
            raise HTTPException(404, "no such document")
        record = json.loads(found[0]["record"])
        record["story_id"] = found[0]["story_id"]
        store_ids = dict(chronicle.db().execute(
            "SELECT DISTINCT local_id, entity_id FROM mentions WHERE doc_id = ?", [doc_id]).fetchall())
        for ent in record.get("entities") or []:
            ent["store_id"] = store_ids.get(ent["id"])
        return record

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse((web / "index.html").read_text(encoding="utf-8"))

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: Annotated[str, PathParam(max_length=40)]) -> Response:
        allowed = {"app.js", "style.css", "basemap.json"}
        if name not in allowed:
            raise HTTPException(404, "not found")
        with resources.as_file(web / name) as path:
            return FileResponse(path)

    return app
