"""The HTTP API over a chronicle store, and the dashboard it serves.

Read-only by default: the store is opened read-only and every query is parameterised; only an app
made with an ingest token opens it for writing and offers POST /api/ingest. Every page of the
dashboard is drawn from these JSON endpoints (the Datasette idea: one data path for the API,
the pages and the tests). Every parameter is validated and bounded by FastAPI.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import hmac
import io
import json
import re
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, BeforeValidator

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
# Spelled out, not \w: Python's \w is Unicode-wide, the OpenAPI (ECMA) one ASCII-only, and the schema
# must say exactly what the server accepts (schemathesis found "iÜ" accepted against the pattern).
Id = Annotated[str | None, Query(max_length=100, pattern=r"^[A-Za-z0-9_:.\-\u0400-\u04FF]+$")]
Fmt = Annotated[Literal["json", "csv"], Query(description="json or csv.")]
EventType = Literal["ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
                    "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"]
TypeParam = Annotated[EventType | None, Query(description="PLOVER event type.")]


class Chronicle:
    """A read-only connection per thread (DuckDB connections are not shared across threads).

    ``writable`` opens the file for writing (the ingest route's writer shares the database with
    these cursors: DuckDB lets one process write, and not alongside read-only openers)."""

    def __init__(self, path: str | Path, writable: bool = False) -> None:
        self.path = str(path)
        if not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path}; run `svodka ingest` first")
        self._local = threading.local()
        self._writable = writable
        self._guard = threading.Lock()
        self._root: duckdb.DuckDBPyConnection | None = duckdb.connect(self.path, read_only=not writable)
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._generation = 0

    def db(self) -> duckdb.DuckDBPyConnection:
        mine = getattr(self._local, "conn", None)
        if mine is not None and mine[0] == self._generation:
            return mine[1]
        with self._guard:
            if self._root is None:  # reopened after a shutdown (an app served again)
                self._root = duckdb.connect(self.path, read_only=not self._writable)
            conn = self._root.cursor()
            self._cursors.append(conn)
            self._local.conn = (self._generation, conn)
        return conn

    def close(self) -> None:
        """Close every thread's cursor and the file, at the app's shutdown: left to the interpreter's
        exit, the native connections were torn down in dying worker threads (seen once as an abort
        after every test had passed). A later request opens them again."""
        with self._guard:
            for conn in self._cursors:
                conn.close()
            self._cursors.clear()
            if self._root is not None:
                self._root.close()
                self._root = None
            self._generation += 1

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


def create_app(db_path: str | Path, ingest_token: str | None = None) -> FastAPI:
    """The app over the store at ``db_path``; read-only unless an ``ingest_token`` enables POST
    /api/ingest (then a missing store is created empty)."""
    if ingest_token is not None:
        _check_token(ingest_token)
        if not Path(db_path).exists():
            from svodka.chronicle.store import Store

            Store(db_path).close()
    chronicle = Chronicle(db_path, writable=ingest_token is not None)

    closing: list[Callable[[], None]] = [chronicle.close]

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        for close in reversed(closing):
            close()

    app = FastAPI(title="svodka", version=__version__, lifespan=lifespan,
                  description="A sourced chronicle of news events: who did what to whom, where, when, "
                              "how many, according to whom. Read-only"
                              + (", but for token-protected ingest." if ingest_token is not None else "."))
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

    @app.get("/api/report", responses={200: {"description": "The report as JSON (sentences with their sources), "
                                              "or as a standalone HTML page with format=html.",
                                              "content": {"application/json": {}, "text/html": {}}},
                                       400: {"description": "A period that makes no report."},
                                       **_NOT_FOUND})
    def report(start: Day = None, end: Day = None, place: Text = None, entity: Text = None, story: Id = None,
               lang: Annotated[Literal["ru", "en"], Query(description="ru or en.")] = "ru",
               format: Annotated[Literal["json", "html"], Query(description="json or html.")] = "json") -> Response:
        """The сводка: the period's main stories with timeline, figures, quotes and map, and what changed
        since the previous period of the same length; every sentence with its sources."""
        from svodka.chronicle.report import Filters, ReportError, UnknownFilter, build_report
        from svodka.chronicle.report_render import to_dict, to_html

        if start and end and start > end:  # the period between the two dates, as the other routes read it
            start, end = end, start
        try:
            made = build_report(chronicle.db(), Filters(start, end, place, entity, story), lang=lang)
        except UnknownFilter as exc:
            raise HTTPException(404, str(exc)) from exc
        except ReportError as exc:
            raise HTTPException(400, str(exc)) from exc
        if format == "html":
            return HTMLResponse(to_html(made, stylesheet="/static/report.css", doc_links="/#/doc/"))
        return JSONResponse(to_dict(made))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse((web / "index.html").read_text(encoding="utf-8"))

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: Annotated[str, PathParam(max_length=40)]) -> Response:
        allowed = {"app.js", "style.css", "basemap.json", "report.css"}
        if name not in allowed:
            raise HTTPException(404, "not found")
        with resources.as_file(web / name) as path:
            return FileResponse(path)

    if ingest_token is not None:
        closing.append(_add_ingest(app, chronicle.path, ingest_token).close)
    return app


# --- ingest over HTTP, only with a token ---------------------------------------------------------

#: Largest request body POST /api/ingest takes; bigger batches are refused with 413 before storing.
MAX_INGEST_BYTES = 50 * 2**20
#: Shortest token accepted: a short token can be guessed, and then the store is anyone's.
MIN_TOKEN_CHARS = 16
#: Error messages returned per request at most (``failed`` always counts every failure).
MAX_INGEST_ERRORS = 1000
#: Longest document id taken over HTTP: the API's own /api/documents/{doc_id} route takes no longer.
MAX_ID_CHARS = 300
_BEARER = HTTPBearer(auto_error=False, description="The token `svodka serve` was given "
                                                   "(--ingest-token-file or SVODKA_INGEST_TOKEN).")


class IngestError(BaseModel):
    line: int
    id: str | None
    error: str


class IngestResult(BaseModel):
    stored: int
    added: int
    replaced: int
    unchanged: int
    failed: int
    errors: list[IngestError]


def _check_token(token: str) -> None:
    if len(token) < MIN_TOKEN_CHARS or not token.isprintable() or token != token.strip():
        raise ValueError(f"the ingest token must be at least {MIN_TOKEN_CHARS} printable characters without "
                         "surrounding spaces (e.g. `python -c 'import secrets; print(secrets.token_urlsafe())'`)")


class _Writer:
    """The one writer of the store in this process. Requests take turns (a lock) to extract and store;
    reads go on meanwhile through the Chronicle's cursors and see each batch once it is committed."""

    def __init__(self, path: str) -> None:
        from svodka.chronicle.store import Store

        self.path = path
        self.store: Store | None = Store(path)
        self.lock = threading.Lock()

    def close(self) -> None:
        """At the app's shutdown; a later request opens the store again."""
        with self.lock:
            if self.store is not None:
                self.store.close()
                self.store = None

    def ingest(self, body: bytes, records: bool) -> IngestResult:
        from svodka.pipeline import Pipeline

        errors: list[IngestError] = []
        failed = 0
        pipeline = None if records else Pipeline()

        def good() -> Iterator[Any]:
            nonlocal failed
            for n, raw in enumerate(body.removeprefix(codecs.BOM_UTF8).split(b"\n"), 1):
                if not raw.strip():
                    continue
                doc_id, rec_or_error = _ingest_line(raw, n, pipeline)
                if isinstance(rec_or_error, str):
                    failed += 1
                    if len(errors) < MAX_INGEST_ERRORS:
                        errors.append(IngestError(line=n, id=doc_id, error=rec_or_error))
                else:
                    yield rec_or_error

        with self.lock:
            if self.store is None:
                from svodka.chronicle.store import Store

                self.store = Store(self.path)
            stats = self.store.ingest(good())
        return IngestResult(stored=stats.added + stats.replaced, added=stats.added, replaced=stats.replaced,
                            unchanged=stats.unchanged, failed=failed, errors=errors)


def _ingest_line(raw: bytes, n: int, pipeline: Any) -> tuple[str | None, Any]:
    """``(id, record)`` for a good line, ``(id or None, message)`` for a bad one. A document is read as
    a JSONL line of ``svodka extract`` input (an id-less one is named by its content, so that sending it
    again changes nothing) and extracted; a record (``pipeline`` None) is only type-checked."""
    import msgspec

    from svodka import read
    from svodka.record import loads

    where = f"line {n}"
    if pipeline is None:
        try:
            rec = loads(raw)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            return None, f"{where}: not a svodka record: {exc}"
    else:
        doc = read._parse_jsonl_line(raw, "http:" + hashlib.sha256(raw.strip()).hexdigest()[:16], where)
        if isinstance(doc, read.ReadError):
            return doc.id, doc.error
        if len(doc.id) > MAX_ID_CHARS:
            return None, f"{where}: \"id\" longer than {MAX_ID_CHARS} characters"
        doc.content_hash = read.content_hash(doc.text, doc.title)
        rec = pipeline.extract(doc)
    if len(rec.id) > MAX_ID_CHARS:
        return None, f"{where}: \"id\" longer than {MAX_ID_CHARS} characters"
    if rec.error is not None or rec.text is None:
        return rec.id, f"{where}: {rec.error or 'record without text'}"
    return rec.id, rec


async def _bounded_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit`` bytes (from the
    declared length, else while streaming), so an oversized upload is never held whole in memory."""
    too_big = HTTPException(413, f"request body over {limit:,} bytes; send the documents in smaller batches")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    parts: list[bytes] = []
    size = 0
    async for part in request.stream():
        size += len(part)
        if size > limit:
            raise too_big
        parts.append(part)
    return b"".join(parts)


def _add_ingest(app: FastAPI, path: str, token: str) -> _Writer:
    writer = _Writer(path)
    expected = token.encode("utf-8")

    def authorised(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]) -> None:
        if credentials is None:
            raise HTTPException(401, "ingest needs `Authorization: Bearer <token>`",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(credentials.credentials.encode("utf-8"), expected):  # constant time
            raise HTTPException(403, "wrong token")

    body_doc = ("JSON Lines, one document a line as `svodka extract` reads them (`id`, `text`, `date`, "
                "`title`, `source`, `url`), or with records=true one svodka record a line.")
    responses: dict[int | str, dict[str, Any]] = {
        400: {"description": "Empty body."}, 401: {"description": "No bearer token."},
        403: {"description": "Wrong token."}, 413: {"description": f"Body over {MAX_INGEST_BYTES:,} bytes."}}

    @app.post("/api/ingest", response_model=IngestResult, dependencies=[Depends(authorised)], responses=responses,
              openapi_extra={"requestBody": {"required": True, "description": body_doc, "content": {
                  "application/x-ndjson": {"schema": {"type": "string", "minLength": 1}}}}})
    async def ingest(request: Request, records: Annotated[bool, Query(
            description="The lines are records from `svodka extract`: store them without extracting.")] = False,
                     ) -> IngestResult:
        """Extract documents and store them; every line is stored, unchanged (same id and text as
        stored) or failed with its message, and a bad line never stops the others."""
        body = await _bounded_body(request, MAX_INGEST_BYTES)
        if not body:
            raise HTTPException(400, "empty request body: send JSON Lines, one document a line")
        result: IngestResult = await run_in_threadpool(writer.ingest, body, records)
        return result

    return writer
