"""The сводка: an extractive situation report over the stored chronicle.

For a period (and optionally a place, an entity or a story) the report puts the period's main
stories first, ranked by the number of independent sources and then by the weight of their
facts; for each story a dated timeline of events, the figures ledger (who said how many and
when: ranges across sources, disagreement shown and never averaged, the latest figure of each
source marked), key quotes with their speakers, and the places on a map; and what changed
since the previous period of the same length (new events, revised figures).

Nothing is written that no document says: every sentence comes from a template
(``report_text``) filled with the entities, types, numbers and dates of stored rows, and
carries its sources: outlet, document id and the character span the fact was read from.
The report is data (:class:`Report`); ``report_render`` writes it as Markdown, JSON, HTML or PDF.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlparse

import duckdb

from svodka.chronicle import report_text as rt
from svodka.chronicle.report_text import Lang, Named

#: Days in the default period (a week ending on the latest dated event).
DEFAULT_DAYS = 7
#: Events read for one report at most (a country-week of a large store has a few thousand).
MAX_EVENTS = 50_000
_PRECISE = ("day", "part_of_day", "hour", "minute")
#: Dates a report can cover (the SQL looks a month before the period; Python dates end in 9999).
_FIRST_DAY, _LAST_DAY = date(1, 3, 1), date(9998, 12, 31)


class ReportError(ValueError):
    """A report that cannot be made as asked (unknown place, no Chromium for PDF, ...)."""


class UnknownFilter(ReportError):
    """A place or entity filter that names nothing in the store."""


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    place: str | None = None
    entity: str | None = None
    story: str | None = None


@dataclass(frozen=True)
class Limits:
    stories: int = 10
    events_per_story: int = 40
    quotes_per_story: int = 5
    new_events: int = 10


@dataclass
class Source:
    """Where a sentence comes from: the outlet, the document and the span read."""

    doc_id: str
    outlet: str | None
    title: str | None
    url: str | None
    date: str | None
    start: int | None
    end: int | None
    quote: str
    per: list[str] = field(default_factory=list)  # the attribution chain inside the document
    field: str = "text"  # "text", or "title" for a headline taken from the title


@dataclass
class Evidence:
    """The document's sentence around the span, the span itself marked."""

    before: str
    mark: str
    after: str


@dataclass
class Sentence:
    text: str
    kind: str
    sources: list[Source]
    evidence: Evidence | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class FigureGroup:
    kind: str
    label: str
    summary: Sentence | None  # a range across sources when there is more than one figure
    items: list[Sentence]


@dataclass
class MapPlace:
    entity_id: str
    name: str
    lat: float | None
    lon: float | None
    precision: str | None
    events: int


@dataclass
class StorySection:
    story_id: str
    headline: Sentence
    summary: Sentence
    sources: int
    events: int
    weight: float
    timeline: list[Sentence]
    more_events: int
    figures: list[FigureGroup]
    quotes: list[Sentence]
    places: list[MapPlace]


@dataclass
class Report:
    lang: Lang
    title: str
    start: date | None
    end: date | None
    previous_start: date | None
    previous_end: date | None
    previous_label: str | None  # the previous period in words ("24–30 декабря 2021")
    filters: dict[str, str | None]
    documents: int
    stories: list[StorySection]
    since: list[Sentence]
    notes: list[str]

    def sentences(self) -> Iterator[Sentence]:
        """Every sentence of the report (each must carry at least one source)."""
        yield from self.since
        for s in self.stories:
            yield s.headline
            yield s.summary
            yield from s.timeline
            for g in s.figures:
                if g.summary is not None:
                    yield g.summary
                yield from g.items
            yield from s.quotes


# --- the store ------------------------------------------------------------------------------

@dataclass
class _Doc:
    id: str
    story_id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None  # the document's date as given, at its own precision
    precision: str | None
    day: date | None
    order: tuple[Any, ...]


@dataclass
class _Report:
    """One event report (a row of ``events``)."""

    event_id: str
    doc_id: str
    idx: int
    type: str
    trigger_start: int
    trigger_end: int
    trigger_text: str
    actor: list[str]
    recipient: list[str]
    location: str | None
    day: date | None
    date_value: str | None
    date_precision: str | None
    lat: float | None
    lon: float | None
    attribution: list[str]


@dataclass
class _Span:
    """The columns a figure row and a quote row share: where in which document, and what kind."""

    doc_id: str
    idx: int
    start: int
    end: int
    text: str
    kind: str


@dataclass
class _Figure(_Span):
    value: float | None
    qualifier: str
    low: float | None
    high: float | None
    attribution: list[str]


@dataclass
class _Quote(_Span):
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    via: list[str]


@dataclass
class _Entity:
    id: str
    type: str | None
    subtype: str | None
    name: str
    name_en: str
    lat: float | None
    lon: float | None
    country: str | None
    precision: str | None


@dataclass
class _Scope:
    """The filters as SQL over ``events ev`` and a description for the title."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    narrowing: bool = False  # a place or entity filter: only documents with matching events count
    unplaced_too: bool = False  # a place filter: also the events without a place of their own ...
    rest: list[str] = field(default_factory=list)  # ... in the documents of the matching ones, with the
    rest_params: list[Any] = field(default_factory=list)  # other filters (entity, story)
    story: str | None = None
    labels: dict[str, str | None] = field(default_factory=dict)


def _interval_sql(column: str = "ev") -> str:
    """The last day an event date (or a document date) stands for, by its precision."""
    return (f"CASE coalesce({column}.date_precision, 'day') WHEN 'month' THEN last_day({column}.day) "
            f"WHEN 'year' THEN make_date(year({column}.day), 12, 31) WHEN 'week' THEN {column}.day + 6 "
            f"ELSE {column}.day END")


def _overlap_sql(column: str = "ev") -> str:
    """Dates in the period: a day inside it; a week or month overlapping it; a year only when the
    whole year lies inside (a report on one week does not repeat everything dated "2022")."""
    last = _interval_sql(column)
    return (f"{column}.day <= ? AND {column}.day >= ? AND {last} >= ? AND "
            f"(coalesce({column}.date_precision, 'day') <> 'year' OR ({column}.day >= ? AND {last} <= ?))")


def _overlap_params(start: date, end: date) -> list[Any]:
    return [end, start - timedelta(days=31), start, start, end]


class _Reader:
    """The queries of one report, over one DuckDB connection (the store's or the API's)."""

    def __init__(self, db: duckdb.DuckDBPyConnection) -> None:
        self.db = db

    def rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, params).fetchall()

    # filters -----------------------------------------------------------------------------

    def entity_row(self, entity_id: str) -> tuple[Any, ...] | None:
        found = self.rows("SELECT entity_id, type, subtype, name, name_en, country, geo_precision FROM entities "
                          "WHERE entity_id = ?", [entity_id])
        return found[0] if found else None

    def find_entities(self, name: str, loc_only: bool) -> list[tuple[Any, ...]]:
        """Entities with this name or alias (any case), the most mentioned first."""
        type_clause = "AND e.type = 'LOC'" if loc_only else ""
        return self.rows(
            f"""SELECT e.entity_id, e.type, e.subtype, e.name, e.name_en, e.country, e.geo_precision
                FROM entities e WHERE e.entity_id IN (
                    SELECT entity_id FROM aliases WHERE lower(alias) = lower(?)
                    UNION SELECT entity_id FROM entities WHERE lower(name) = lower(?) OR lower(name_en) = lower(?))
                {type_clause}
                ORDER BY (SELECT count(*) FROM mentions m WHERE m.entity_id = e.entity_id) DESC, e.entity_id
                LIMIT 5""", [name, name, name])

    def scope(self, filters: Filters, lang: Lang) -> _Scope:
        scope = _Scope(story=filters.story)
        if filters.place:
            ids, country, label = self._place(filters.place, lang)
            # events in the place, or with the place itself as a party ("помощь Казахстану")
            # (an ISO code no place entity stands for is the country column alone: cheaper to scan)
            involved = ("ev.location IN (SELECT unnest(?)) OR list_has_any(ev.actor, ?::VARCHAR[]) "
                        "OR list_has_any(ev.recipient, ?::VARCHAR[])")
            if country and not ids:
                scope.where.append("ev.country = ?")
                scope.params.append(country)
            elif country:
                scope.where.append(f"(ev.country = ? OR {involved})")
                scope.params += [country, ids, ids, ids]
            else:
                scope.where.append(f"({involved})")
                scope.params += [ids, ids, ids]
            scope.narrowing = scope.unplaced_too = True
            scope.labels["place"] = label
        if filters.entity:
            found = self.entity_row(filters.entity) if filters.entity.startswith("e:") else None
            rows = [found] if found else self.find_entities(filters.entity, loc_only=False)
            if not rows:
                raise UnknownFilter(f"no entity named {filters.entity!r} in the store")
            eid = rows[0][0]
            clause = "(list_contains(ev.actor, ?) OR list_contains(ev.recipient, ?) OR ev.location = ?)"
            scope.where.append(clause)
            scope.params += [eid, eid, eid]
            scope.rest.append(clause)
            scope.rest_params += [eid, eid, eid]
            scope.narrowing = True
            scope.labels["entity"] = rows[0][3] if lang == "ru" else rows[0][4] or rows[0][3]
        if filters.story:
            scope.where.append("ev.doc_id IN (SELECT id FROM documents WHERE story_id = ?)")
            scope.params.append(filters.story)
            scope.rest.append("ev.doc_id IN (SELECT id FROM documents WHERE story_id = ?)")
            scope.rest_params.append(filters.story)
            scope.labels["story"] = filters.story
        return scope

    def _place(self, value: str, lang: Lang) -> tuple[list[str], str | None, str]:
        """A place filter as entity ids and, for a country, its ISO code: an entity id, an ISO
        3166 alpha-2 code, or a name or alias of a place in the store."""
        if value.startswith("e:"):
            row = self.entity_row(value)
            if row is None:
                raise UnknownFilter(f"no place {value!r} in the store")
            rows = [row]
        elif re.fullmatch(r"[A-Za-z]{2}", value):
            code = value.upper()
            rows = self.rows("SELECT entity_id, type, subtype, name, name_en, country, geo_precision FROM entities "
                             "WHERE country = ? AND geo_precision = 'country' ORDER BY entity_id", [code])
            return [r[0] for r in rows], code, (rows[0][3] if lang == "ru" else rows[0][4] or rows[0][3]) if rows \
                else code
        else:
            rows = self.find_entities(value, loc_only=True)
            if not rows:
                raise UnknownFilter(f"no place named {value!r} in the store")
        eid, _, subtype, name, name_en, country, precision = rows[0]
        name = name if lang == "ru" else name_en or name
        if country and (precision == "country" or subtype == "country"):
            return [eid], country, name
        return [eid], None, name

    # period --------------------------------------------------------------------------------

    def latest_day(self, scope: _Scope) -> date | None:
        """The latest precise event date of the scope, no later than the latest document allows
        (a date in a text that lies after every document is a plan, not the news)."""
        where = " AND ".join(["TRUE", *scope.where])
        row = self.rows(
            f"""SELECT max(ev.day) FROM events ev
                WHERE {where} AND coalesce(ev.date_precision, 'day') IN ('day', 'part_of_day', 'hour', 'minute')
                  AND ev.day <= (SELECT max({_interval_sql('d')}) FROM documents d)""", scope.params)
        if row and row[0][0] is not None:
            return row[0][0]
        row = self.rows(f"SELECT max(ev.day) FROM events ev WHERE {where}", scope.params)
        if row and row[0][0] is not None:
            return row[0][0]
        if scope.narrowing:
            return None
        row = self.rows("SELECT max(day) FROM documents", [])
        return row[0][0] if row else None

    # rows ----------------------------------------------------------------------------------

    def _event_rows(self, columns: str, scope: _Scope, start: date, end: date) -> list[tuple[Any, ...]]:
        """The period's event reports matching the filters; for a place, also the events without a place
        of their own in the documents that report an event there (the MVD's threat, the foreign
        minister's call in an article about Kazakhstan), never events placed elsewhere."""
        where = " AND ".join([_overlap_sql(), *scope.where])
        rows = self.rows(f"SELECT {columns} FROM events ev WHERE {where} ORDER BY ev.day, ev.doc_id, ev.idx "
                         f"LIMIT {MAX_EVENTS}", [*_overlap_params(start, end), *scope.params])
        if scope.unplaced_too and rows:
            docs = sorted({r[1] for r in rows})
            more = self.rows(
                f"""SELECT {columns} FROM events ev WHERE ev.doc_id IN (SELECT unnest(?)) AND ev.location IS NULL
                    AND {" AND ".join([_overlap_sql(), *scope.rest])} ORDER BY ev.day, ev.doc_id, ev.idx
                    LIMIT {MAX_EVENTS}""", [docs, *_overlap_params(start, end), *scope.rest_params])
            seen = {(r[1], r[2]) for r in rows}
            rows += [r for r in more if (r[1], r[2]) not in seen]
        return rows

    def events(self, scope: _Scope, start: date, end: date) -> list[_Report]:
        rows = self._event_rows(
            """ev.event_id, ev.doc_id, ev.idx, ev.type, ev.trigger_start, ev.trigger_end, ev.trigger_text,
               ev.actor, ev.recipient, ev.location, ev.day, ev.date_value, ev.date_precision, ev.lat, ev.lon,
               ev.attribution""", scope, start, end)
        return [_Report(*[*r[:7], list(r[7] or []), list(r[8] or []), *r[9:15], list(r[15] or [])]) for r in rows]

    def event_keys(self, scope: _Scope, start: date, end: date) -> list[tuple[str, str]]:
        """(event id, document id) of the period's event reports: a few columns, not whole rows."""
        return [(r[0], r[1]) for r in self._event_rows("ev.event_id, ev.doc_id, ev.idx", scope, start, end)]

    def period_documents(self, scope: _Scope, start: date, end: date) -> list[str]:
        """Documents of the period without events (figures and quotes only), unless a place or an
        entity narrows the report to the documents that report matching events."""
        if scope.narrowing:
            return []
        story = "AND d.story_id = ?" if scope.story else ""
        params = [*_overlap_params(start, end), *([scope.story] if scope.story else [])]
        return [r[0] for r in self.rows(f"SELECT d.id FROM documents d WHERE {_overlap_sql('d')} {story} "
                                        f"LIMIT {MAX_EVENTS}", params)]

    def documents(self, ids: set[str]) -> dict[str, _Doc]:
        rows = self.rows("SELECT id, story_id, source, title, url, date, date_precision, day, ingested_at "
                         "FROM documents WHERE id IN (SELECT unnest(?))", [sorted(ids)])
        return {r[0]: _Doc(r[0], r[1] or f"s:{r[0]}", r[2] or _domain(r[4]), r[3], r[4], r[5], r[6], r[7],
                           (r[7] or date.min, r[8], r[0])) for r in rows}

    def figures(self, doc_ids: set[str]) -> list[_Figure]:
        rows = self.rows('SELECT doc_id, idx, start, "end", text, kind, value, qualifier, low, high, attribution '
                         "FROM figures WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, idx", [sorted(doc_ids)])
        return [_Figure(*[*r[:10], list(r[10] or [])]) for r in rows]

    def quotes(self, doc_ids: set[str]) -> list[_Quote]:
        rows = self.rows('SELECT doc_id, idx, start, "end", text, kind, speaker, speaker_text, cue, via '
                         "FROM quotes WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, idx", [sorted(doc_ids)])
        return [_Quote(*[*r[:9], list(r[9] or [])]) for r in rows]

    def entities(self, ids: set[str]) -> dict[str, _Entity]:
        rows = self.rows("SELECT entity_id, type, subtype, name, name_en, lat, lon, country, geo_precision "
                         "FROM entities WHERE entity_id IN (SELECT unnest(?))", [sorted(ids)])
        out = {r[0]: _Entity(r[0], r[1], r[2], r[3] or r[0], r[4] or r[3] or r[0], *r[5:9]) for r in rows}
        latin = [e.id for e in out.values() if not re.search(r"[а-яё]", e.name, re.IGNORECASE)]
        if latin:  # a Russian name for an entity first seen in an English document
            for eid, normal in self.rows(
                    """SELECT entity_id, arg_max(normal, n) FROM (
                           SELECT entity_id, normal, count(*) AS n FROM mentions
                           WHERE entity_id IN (SELECT unnest(?)) AND regexp_matches(normal, '[А-Яа-яЁё]')
                           GROUP BY ALL) GROUP BY entity_id""", [latin]):
                out[eid].name = normal
        return out

    def texts(self, ids: set[str]) -> dict[str, str]:
        return dict(self.rows("SELECT id, text FROM documents WHERE id IN (SELECT unnest(?))",
                              [sorted(ids)]))


#: Words that end with a full stop without ending the sentence ("и. о. министра", "г. Москва").
_ABBREVIATIONS = frozenset({"и", "о", "т", "е", "г", "гг", "см", "ул", "д", "им", "н", "э", "пр", "тыс", "млн",
                            "млрд", "руб", "ст", "чел", "mr", "mrs", "dr", "st", "no", "vs", "u", "s"})
#: At most this many characters of context on each side of a span.
CONTEXT = 240


def _ends_sentence(text: str, i: int) -> bool:
    """Whether the character at ``i`` ends a sentence: a line break, or . ! ? followed by a space
    and a capital, a digit, a quote or a dash, and not after an abbreviation or an initial."""
    ch = text[i]
    if ch == "\n":
        return True
    if ch not in ".!?…":
        return False
    rest = text[i + 1:i + 4]
    if rest and not rest[0].isspace() and rest[0] not in "»\"”)":
        return False
    nxt = rest.lstrip(" »\"”)")[:1]
    if nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "«\"„“—–-\n"):
        return False
    if ch == ".":
        word = re.search(r"(\w+)$", text[max(0, i - 12):i])
        if word and (word.group(1).lower() in _ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isupper())):
            return False
    return True


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end], at most ``CONTEXT`` characters on each side."""
    a = start
    while a > 0 and start - a < CONTEXT and not _ends_sentence(text, a - 1):
        a -= 1
    b = end
    while b < len(text) and b - end < CONTEXT and not _ends_sentence(text, b):
        b += 1
    if b < len(text) and text[b] in ".!?…":
        b += 1
    while a < start and text[a].isspace():
        a += 1
    return a, b


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


# --- building -------------------------------------------------------------------------------

@dataclass
class _Event:
    """One real-world event: its reports, one per document (and per mention)."""

    event_id: str
    reports: list[_Report]
    story_id: str

    @property
    def first(self) -> _Report:
        return self.reports[0]

    def interval(self) -> tuple[date, date] | None:
        best = max(self.reports, key=lambda r: _PRECISE.index(r.date_precision) + 1
                   if r.date_precision in _PRECISE else 0)
        return rt.date_interval(best.date_value, best.date_precision, best.day)

    def weight(self) -> float:
        template = rt.event_templates().get(self.first.type)
        return (template.weight if template else 1.0) * (1 + math.log2(len({r.doc_id for r in self.reports})))


class _Builder:
    def __init__(self, db: duckdb.DuckDBPyConnection, filters: Filters, lang: Lang, limits: Limits) -> None:
        if lang not in ("ru", "en"):
            raise ReportError(f"unknown language {lang!r}; choose ru or en")
        self.read = _Reader(db)
        self.filters = filters
        self.lang: Lang = lang
        self.limits = limits
        self.entities: dict[str, _Entity] = {}
        self.docs: dict[str, _Doc] = {}
        self.texts: dict[str, str] = {}

    def build(self) -> Report:
        scope = self.read.scope(self.filters, self.lang)
        start, end = self._period(scope)
        filters = {"place": scope.labels.get("place"), "entity": scope.labels.get("entity"),
                   "story": scope.labels.get("story")}
        if start is None or end is None:
            return Report(self.lang, self._title(None, None, filters), None, None, None, None, None, filters, 0, [], [],
                          [self._t("Хроника пуста для этих фильтров.", "The chronicle has nothing for these filters.")])
        length = (end - start).days + 1
        prev_start = start - timedelta(days=min(length, (start - _FIRST_DAY).days))
        prev_end = max(prev_start, start - timedelta(days=1))
        reports = self.read.events(scope, start, end)
        doc_ids = {r.doc_id for r in reports} | set(self.read.period_documents(scope, start, end))
        prev_keys = self.read.event_keys(scope, prev_start, prev_end)
        prev_ids = {e for e, _ in prev_keys}
        prev_doc_ids = {d for _, d in prev_keys} | set(self.read.period_documents(scope, prev_start, prev_end))
        self.docs = self.read.documents(doc_ids | prev_doc_ids)
        # figures and quotes are what was said in the period: from the documents published in it
        # (an event dated "January" brings its document into a week's timeline, not its January numbers)
        figures = self.read.figures(self._published(doc_ids, start, end))
        quotes = self.read.quotes(self._published(doc_ids, start, end))
        prev_figures = self.read.figures(self._published(prev_doc_ids, prev_start, prev_end))
        events = self._events(reports)

        by_story: dict[str, dict[str, Any]] = defaultdict(lambda: {"events": [], "figures": [], "quotes": [],
                                                                   "docs": set()})
        for doc_id in doc_ids:
            by_story[self.docs[doc_id].story_id]["docs"].add(doc_id)
        for ev in events:
            by_story[ev.story_id]["events"].append(ev)
        for f in figures:
            by_story[self.docs[f.doc_id].story_id]["figures"].append(f)
        for q in quotes:
            by_story[self.docs[q.doc_id].story_id]["quotes"].append(q)
        ranked = sorted(by_story.items(), key=lambda kv: self._rank(kv[1]))
        chosen = ranked[: self.limits.stories]
        ids: set[str] = set()
        for _, parts in ranked:
            for ev in parts["events"]:
                for r in ev.reports:
                    ids |= {*r.actor, *r.recipient, *r.attribution, *([r.location] if r.location else [])}
            for f in parts["figures"]:
                ids |= set(f.attribution)
            for q in parts["quotes"]:
                ids |= {*q.via, *([q.speaker] if q.speaker else [])}
        ids |= {a for f in prev_figures for a in f.attribution}
        self.entities = self.read.entities(ids)
        new_events = [ev for ev in events if ev.event_id not in prev_ids]
        text_docs = {d for _, parts in chosen for d in parts["docs"]} | {r.doc_id for ev in new_events[:200]
                                                                          for r in ev.reports[:1]}
        self.texts = self.read.texts(text_docs)
        stories = [self._story(story_id, parts, new_events) for story_id, parts in chosen]
        since = self._since(new_events, figures, prev_figures)
        notes = []
        if len(ranked) > len(chosen):
            notes.append(self._t(f"Показаны главные сюжеты: {len(chosen)} из {len(ranked)}.",
                                 f"Main stories shown: {len(chosen)} of {len(ranked)}."))
        return Report(self.lang, self._title(start, end, filters), start, end, prev_start, prev_end,
                      rt.format_period(prev_start, prev_end, self.lang), filters, len(doc_ids),
                      stories, since, notes)

    # helpers -------------------------------------------------------------------------------

    def _t(self, ru: str, en: str) -> str:
        return ru if self.lang == "ru" else en

    def _period(self, scope: _Scope) -> tuple[date | None, date | None]:
        start, end = self.filters.start, self.filters.end
        if start and end and start > end:
            raise ReportError("the period starts after it ends (--from after --to)")
        # the calendar's ends leave no room for the previous period: clamp (no document lies there)
        lo = _FIRST_DAY + timedelta(days=DEFAULT_DAYS)
        start = min(max(start, lo), _LAST_DAY) if start else None
        end = min(max(end, lo), _LAST_DAY) if end else None
        if start and end and start > end:
            raise ReportError("the period starts after it ends (--from after --to)")
        if start and end:
            return start, end
        if start:
            return start, start + timedelta(days=DEFAULT_DAYS - 1)
        if end:
            return end - timedelta(days=DEFAULT_DAYS - 1), end
        latest = self.read.latest_day(scope)
        if latest is None:
            return None, None
        latest = min(max(latest, _FIRST_DAY + timedelta(days=DEFAULT_DAYS)), _LAST_DAY)
        return latest - timedelta(days=DEFAULT_DAYS - 1), latest

    def _published(self, doc_ids: set[str], start: date, end: date) -> set[str]:
        """The documents whose own date falls in the period (an undated document counts)."""
        out = set()
        for d in doc_ids:
            doc = self.docs[d]
            interval = rt.date_interval(doc.published, doc.precision, doc.day)
            if interval is None or (interval[0] <= end and interval[1] >= start and (
                    doc.precision != "year" or (interval[0] >= start and interval[1] <= end))):
                out.add(d)
        return out

    def _title(self, start: date | None, end: date | None, filters: dict[str, str | None]) -> str:
        parts = [v for v in (filters.get("place"), filters.get("entity")) if v]
        if filters.get("story"):
            parts.append(self._t(f"сюжет {filters['story']}", f"story {filters['story']}"))
        if start and end:
            parts.append(rt.format_period(start, end, self.lang))
        head = self._t("Сводка", "Situation report")
        return f"{head}: {', '.join(parts)}" if parts else head

    def _events(self, reports: list[_Report]) -> list[_Event]:
        grouped: dict[str, list[_Report]] = defaultdict(list)
        for r in reports:
            grouped[r.event_id].append(r)
        out = []
        for event_id, rs in grouped.items():
            rs.sort(key=lambda r: (self.docs[r.doc_id].order, r.idx))
            out.append(_Event(event_id, rs, self.docs[rs[0].doc_id].story_id))
        return out

    def _sources_of(self, doc_ids: set[str]) -> set[str]:
        """Independent sources: distinct outlets; a document of unknown outlet counts as its own."""
        return {(self.docs[d].outlet or "").lower() or f"doc:{d}" for d in doc_ids}

    def _rank(self, parts: dict[str, Any]) -> tuple[Any, ...]:
        weight = sum(ev.weight() for ev in parts["events"])
        top: dict[str, float] = {}
        for f in parts["figures"]:
            top[f.kind] = max(top.get(f.kind, 0.0), f.high or f.value or 0.0)
        weight += sum(rt.figure_weight(k, v) for k, v in top.items()) + 0.5 * min(len(parts["quotes"]), 6)
        last = max((self.docs[d].order for d in parts["docs"]), default=(date.min,))
        return (-len(self._sources_of(parts["docs"])), -weight, tuple(-x.toordinal() if isinstance(x, date) else 0
                                                                     for x in last[:1]), min(parts["docs"]))

    def named(self, entity_id: str) -> Named:
        ent = self.entities.get(entity_id)
        if ent is None:
            return Named(entity_id, None)
        return Named(ent.name if self.lang == "ru" else ent.name_en, ent.type, ent.subtype)

    def _names(self, ids: list[str], case: str = "nomn") -> str:
        return rt.join_names([self.named(i).display(self.lang, case) for i in ids], self.lang)

    def source(self, doc_id: str, start: int | None, end: int | None, quote: str, per: list[str] | None = None,
               kind: str = "text") -> Source:
        doc = self.docs[doc_id]
        return Source(doc_id, doc.outlet, doc.title, doc.url, doc.published, start, end, quote,
                      [self.named(p).name for p in per or []], kind)

    def evidence(self, doc_id: str, start: int, end: int) -> Evidence | None:
        text = self.texts.get(doc_id)
        if not text or not 0 <= start < end <= len(text):
            return None
        a, b = sentence_bounds(text, start, end)
        before, after = text[a:start].lstrip(), text[end:b].rstrip()
        k = a - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        if k >= 0 and not _ends_sentence(text, k):
            before = "…" + before
        if b < len(text) and not _ends_sentence(text, b - 1):
            after += "…"
        return Evidence(" ".join(before.split()) + (" " if before[-1:].isspace() else ""), text[start:end],
                        (" " if after[:1].isspace() else "") + " ".join(after.split()))

    # stories -------------------------------------------------------------------------------

    def _story(self, story_id: str, parts: dict[str, Any], new_events: list[_Event]) -> StorySection:
        docs = sorted(parts["docs"], key=lambda d: self.docs[d].order)
        headline = self._headline(docs[0])
        events: list[_Event] = parts["events"]
        keep = sorted(events, key=lambda e: -e.weight())[: self.limits.events_per_story]
        keep.sort(key=lambda e: (e.interval() or (date.max, date.max), self.docs[e.first.doc_id].order, e.first.idx))
        new_ids = {e.event_id for e in new_events}
        timeline = [self.event_sentence(e, new=e.event_id in new_ids) for e in keep]
        figures = self._figures(parts["figures"])
        quotes = self._quotes(parts["quotes"])
        n_sources = len(self._sources_of(parts["docs"]))
        days = [iv for e in events if (iv := e.interval())]
        summary = self._summary(docs, n_sources, len(events), sum(len(g.items) for g in figures), len(quotes), days)
        places = self._places(events)
        weight = -self._rank(parts)[1]
        return StorySection(story_id, headline, summary, n_sources, len(events), round(weight, 3), timeline,
                            len(events) - len(keep), figures, quotes, places)

    def _headline(self, doc_id: str) -> Sentence:
        doc = self.docs[doc_id]
        if doc.title and doc.title.strip():
            src = self.source(doc_id, None, None, doc.title.strip(), kind="title")
            return Sentence(doc.title.strip(), "headline", [src])
        text = self.texts.get(doc_id, "")
        a = len(text) - len(text.lstrip())
        m = re.search(r"[.!?\n]", text[a + 20: a + 240])
        b = a + 20 + m.start() + (1 if m.group() != "\n" else 0) if m else min(len(text), a + 200)
        if not m and b < len(text):
            b = text.rfind(" ", a, b) if text.rfind(" ", a, b) > a else b
        span = text[a:b].strip()
        shown = span if m or b >= len(text) else span + "…"
        return Sentence(shown or doc_id, "headline", [self.source(doc_id, a, a + len(span), span)])

    def _summary(self, docs: list[str], n_sources: int, n_events: int, n_figures: int, n_quotes: int,
                 days: list[tuple[date, date]]) -> Sentence:
        if self.lang == "ru":
            parts = [rt.count_words(n_sources, "независимый источник"), rt.count_words(n_events, "событие"),
                     rt.count_words(n_figures, "цифра"), rt.count_words(n_quotes, "цитата")]
        else:
            parts = [rt.plural_en(n_sources, "independent source"), rt.plural_en(n_events, "event"),
                     rt.plural_en(n_figures, "figure"), rt.plural_en(n_quotes, "quote")]
        text = ", ".join(parts)
        if days:
            text += "; " + rt.format_period(min(d[0] for d in days), max(d[1] for d in days), self.lang)
        sources = [self._headline(d).sources[0] for d in docs[:20]]
        return Sentence(rt.capitalize(text) + ".", "summary", sources,
                        data={"sources": n_sources, "events": n_events, "figures": n_figures, "quotes": n_quotes})

    def event_sentence(self, ev: _Event, new: bool = False) -> Sentence:
        r = ev.first
        actors = [self.named(a) for a in r.actor]
        recipients = [self.named(a) for a in r.recipient]
        core = rt.event_core(r.type, actors, recipients, self.lang)
        best = max(ev.reports, key=lambda x: _PRECISE.index(x.date_precision) + 1
                   if x.date_precision in _PRECISE else 0)
        when = rt.format_date(best.date_value, best.date_precision, best.day, self.lang)
        place = self.named(r.location).name if r.location else None
        head = f"{rt.capitalize(when)}, {place}" if place else rt.capitalize(when)
        trigger = r.trigger_text.strip()
        repeated = trigger.lower() in core.lower() or (" " not in trigger and re.search(
            r"(?<!\w)" + re.escape(trigger.lower()[:5]), core.lower()))  # "Протесты", not "Протесты («протесты»)"
        if trigger and not repeated:
            core += f" («{trigger}»)" if self.lang == "ru" else f" (“{trigger}”)"
        sources = [self.source(x.doc_id, x.trigger_start, x.trigger_end, x.trigger_text, x.attribution)
                   for x in ev.reports]
        data = {"event_id": ev.event_id, "type": r.type, "date": best.date_value, "precision": best.date_precision,
                "actors": [self.named(a).name for a in r.actor],
                "recipients": [self.named(a).name for a in r.recipient],
                "place": place, "new": new, "reports": len(ev.reports)}
        return Sentence(f"{head}: {core}.", "event", sources, self.evidence(r.doc_id, r.trigger_start, r.trigger_end),
                        data)

    def _places(self, events: list[_Event]) -> list[MapPlace]:
        counts: Counter[str] = Counter()
        for ev in events:
            if ev.first.location:
                counts[ev.first.location] += 1
        out = []
        for eid, n in counts.most_common(50):
            ent = self.entities.get(eid)
            if ent is None:
                continue
            out.append(MapPlace(eid, self.named(eid).name, ent.lat, ent.lon, ent.precision, n))
        return out

    # figures -------------------------------------------------------------------------------

    def _source_key(self, f: _Figure) -> str:
        if f.attribution:
            return f.attribution[0]
        outlet = self.docs[f.doc_id].outlet
        return f"outlet:{outlet.lower()}" if outlet else f"doc:{f.doc_id}"

    def _per(self, f: _Figure) -> str:
        """"по данным Минздрава (через «Хабар 24»)", "according to Health Ministry (via Khabar 24)"."""
        if f.attribution:
            first = self.named(f.attribution[0])
            if self.lang == "ru":
                lead = "по словам" if first.type == "PER" else "по данным"
                text = f"{lead} {first.display('ru', 'gent')}"
                if f.attribution[1:]:
                    text += f" ({rt.with_preposition('через', self._names(f.attribution[1:], 'accs'))})"
            else:
                text = f"according to {first.name}"
                if f.attribution[1:]:
                    text += f" (via {self._names(f.attribution[1:])})"
            return text
        outlet = self.docs[f.doc_id].outlet
        if outlet:
            return self._t(f"по данным издания «{outlet}»", f"according to {outlet}")
        return self._t("без указания источника", "no source named")

    def _figures(self, figures: list[_Figure]) -> list[FigureGroup]:
        by_kind: dict[str, list[_Figure]] = defaultdict(list)
        for f in figures:
            if f.value is not None or (f.low is not None and f.high is not None):
                by_kind[f.kind].append(f)
        order = list(rt.figure_wordings())
        groups = []
        for kind in sorted(by_kind, key=lambda k: order.index(k) if k in order else len(order)):
            groups.append(self._figure_group(kind, by_kind[kind]))
        return groups

    def _figure_group(self, kind: str, figures: list[_Figure]) -> FigureGroup:
        wording = rt.figure_wordings().get(kind) or rt.figure_wordings()["other"]
        label = wording.ru_label if self.lang == "ru" else wording.en_label
        items: dict[tuple[Any, ...], list[_Figure]] = {}
        for f in sorted(figures, key=lambda f: (self.docs[f.doc_id].order, f.idx)):
            key = (self._source_key(f), f.value, f.qualifier, f.low, f.high) if kind != "other" else \
                (self._source_key(f), f.doc_id, f.idx)
            items.setdefault(key, []).append(f)
        # a source's latest figures are those of its latest document (several numbers in one article
        # are said at once: none of them revises another)
        last_doc: dict[str, tuple[Any, ...]] = {}
        docs_of: dict[str, set[str]] = defaultdict(set)
        for key, fs in items.items():
            for f in fs:
                docs_of[key[0]].add(f.doc_id)
                order = self.docs[f.doc_id].order
                if key[0] not in last_doc or order > last_doc[key[0]]:
                    last_doc[key[0]] = order
        latest = {key for key, fs in items.items() if any(self.docs[f.doc_id].order == last_doc[key[0]] for f in fs)}
        sentences = [self.figure_sentence(fs, key in latest, several=len(docs_of[key[0]]) > 1 and kind != "other")
                     for key, fs in items.items()]
        summary = None
        if len(last_doc) > 1 and kind != "other":  # a range across sources, never an average
            summary = self._figure_range(label, [items[k][-1] for k in items if k in latest],
                                         [f for k in items if k in latest for f in items[k]], len(last_doc))
        return FigureGroup(kind, label, summary, sentences)

    def figure_sentence(self, fs: list[_Figure], latest: bool, several: bool) -> Sentence:
        f = fs[-1]
        if f.kind == "other":
            phrase = self._t(f"Названа цифра: «{f.text}»", f"Figure given: “{f.text}”")
        else:
            phrase = rt.capitalize(rt.figure_phrase(f.kind, f.value, f.qualifier, self.lang, f.low, f.high) or f.text)
        doc = self.docs[f.doc_id]
        when = rt.format_date(doc.published, doc.precision, doc.day, self.lang) if doc.day else None
        text = f"{phrase} — {self._per(f)}" + (f", {when}" if when else "")
        if latest and several:
            text += self._t(" (последняя цифра источника)", " (latest figure of this source)")
        sources = [self.source(x.doc_id, x.start, x.end, x.text, x.attribution) for x in fs]
        data = {"kind": f.kind, "value": f.value, "qualifier": f.qualifier, "low": f.low, "high": f.high,
                "source": self._source_key(f), "latest": latest, "date": doc.published}
        return Sentence(text + ".", "figure", sources, self.evidence(f.doc_id, f.start, f.end), data)

    def _figure_range(self, label: str, latest: list[_Figure], every: list[_Figure], n: int) -> Sentence:
        values = {(f.value, f.qualifier, f.low, f.high) for f in latest}
        lows = [f.low if f.qualifier == "range" and f.low is not None else f.value for f in latest]
        highs = [f.high if f.qualifier == "range" and f.high is not None else f.value for f in latest]
        lo = min(v for v in lows if v is not None)
        hi = max(v for v in highs if v is not None)
        if len(values) == 1:
            f = latest[0]
            phrase = rt.figure_phrase(f.kind, f.value, f.qualifier, self.lang, f.low, f.high) or f.text
            text = self._t(f"{rt.capitalize(phrase)} — по данным {rt.count_words(n, 'источник', genitive=True)}",
                           f"{rt.capitalize(phrase)} — according to {rt.plural_en(n, 'source')}")
        else:
            text = self._t(f"{label}: данные расходятся, от {rt.format_number(lo, 'ru')} до "
                           f"{rt.format_number(hi, 'ru')} по последним цифрам "
                           f"{rt.count_words(n, 'источник', genitive=True)}",
                           f"{label}: sources disagree, from {rt.format_number(lo, 'en')} to "
                           f"{rt.format_number(hi, 'en')} in the latest figures of {rt.plural_en(n, 'source')}")
        sources = [self.source(f.doc_id, f.start, f.end, f.text, f.attribution) for f in every]
        return Sentence(text + ".", "figure_range", sources,
                        data={"kind": latest[0].kind, "low": lo, "high": hi, "sources": n,
                              "agree": len(values) == 1})

    # quotes --------------------------------------------------------------------------------

    def _quotes(self, quotes: list[_Quote]) -> list[Sentence]:
        seen: set[str] = set()
        scored = []
        for q in quotes:
            if not (q.speaker or q.speaker_text) or len(q.text.strip()) < 15:
                continue
            norm = re.sub(r"\W+", " ", q.text.lower()).strip()
            if norm in seen:
                continue
            seen.add(norm)
            score = (2.0 if q.kind == "direct" else 0.0) + (1.0 if q.speaker else 0.0) + min(len(q.text), 300) / 300
            scored.append((score, q))
        chosen = sorted(scored, key=lambda sq: -sq[0])[: self.limits.quotes_per_story]
        chosen.sort(key=lambda sq: (self.docs[sq[1].doc_id].order, sq[1].idx))
        return [self.quote_sentence(q) for _, q in chosen]

    def quote_sentence(self, q: _Quote) -> Sentence:
        speaker = self.named(q.speaker) if q.speaker else Named(q.speaker_text or "", None)
        name = speaker.display(self.lang)
        body = " ".join(q.text.split())
        if len(body) > 400:
            cut = body.rfind(" ", 0, 400)
            body = body[: cut if cut > 200 else 400] + "…"
        if self.lang == "ru":
            cue = self._cue(q.cue, speaker)
            text = f"{rt.capitalize(name)}{' ' + cue if cue else ''}: «{body}»"
            if q.via:
                text += f" ({rt.with_preposition('через', self._names(q.via, 'accs'))})"
        else:
            text = f"{rt.capitalize(name)}: “{body}”"
            if q.via:
                text += f" (via {self._names(q.via)})"
        per = ([q.speaker] if q.speaker else []) + q.via
        src = self.source(q.doc_id, q.start, q.end, q.text, per)
        return Sentence(text + ".", "quote", [src], data={"speaker": name, "kind": q.kind})

    @staticmethod
    def _cue(cue: str | None, speaker: Named) -> str | None:
        """The document's own verb of saying when it agrees with the speaker as named here."""
        if not cue or " " in cue.strip() or cue.endswith(("ся", "сь")):
            return None
        from svodka import models

        parse = models.morph().parse(cue.lower())[0]
        if parse.tag.POS != "VERB" or "indc" not in parse.tag:
            return None
        agreement = rt.phrase_agreement(speaker.name, speaker.type) if speaker.type else None
        if "past" in parse.tag:
            form = "plur" if "plur" in parse.tag else str(parse.tag.gender)
            return cue.lower() if agreement is not None and form == agreement else None
        number = "plur" if "plur" in parse.tag else "sing"
        if "3per" in parse.tag and agreement is not None and (agreement == "plur") == (number == "plur"):
            return cue.lower()
        return None

    # since the last report -----------------------------------------------------------------

    def _since(self, new_events: list[_Event], figures: list[_Figure], prev_figures: list[_Figure]) -> list[Sentence]:
        revised = self._revised(figures, prev_figures)
        out: list[Sentence] = []
        if new_events or revised:
            counts = [rt.count_words(len(new_events), "новое событие") if self.lang == "ru"
                      else rt.plural_en(len(new_events), "new event")]
            if revised:
                counts.append(rt.count_words(len(revised), "пересмотренная цифра") if self.lang == "ru"
                              else rt.plural_en(len(revised), "revised figure"))
            sources = [self.source(e.first.doc_id, e.first.trigger_start, e.first.trigger_end, e.first.trigger_text,
                                   e.first.attribution) for e in new_events[:50]]
            sources += [src for s in revised for src in s.sources]
            text = rt.capitalize(", ".join(counts)) + "."
            out.append(Sentence(text, "since", sources, data={"new_events": len(new_events),
                                                               "revised_figures": len(revised)}))
        top = sorted(new_events, key=lambda e: (-e.weight(), e.interval() or (date.max, date.max)))
        out += [self.event_sentence(e, new=True) for e in top[: self.limits.new_events]]
        return out + revised

    def _revised(self, figures: list[_Figure], prev_figures: list[_Figure]) -> list[Sentence]:
        """A source's latest figure of a kind that differs from its latest of the previous period."""
        def latest(fs: list[_Figure]) -> dict[tuple[str, str, str], _Figure]:
            out: dict[tuple[str, str, str], _Figure] = {}
            for f in sorted(fs, key=lambda f: (self.docs[f.doc_id].order, f.idx)):
                if f.kind != "other" and (f.value is not None or f.high is not None):
                    out[(self.docs[f.doc_id].story_id, f.kind, self._source_key(f))] = f
            return out

        before, now = latest(prev_figures), latest(figures)
        out = []
        for key, cur in now.items():
            old = before.get(key)
            if old is None or (old.value, old.qualifier, old.low, old.high) == (cur.value, cur.qualifier, cur.low,
                                                                                   cur.high):
                continue
            was = rt.figure_phrase(old.kind, old.value, old.qualifier, self.lang, old.low, old.high)
            now_ = rt.figure_phrase(cur.kind, cur.value, cur.qualifier, self.lang, cur.low, cur.high)
            d_old, d_cur = self.docs[old.doc_id], self.docs[cur.doc_id]
            w_old = rt.format_date(d_old.published, d_old.precision, d_old.day, self.lang)
            w_cur = rt.format_date(d_cur.published, d_cur.precision, d_cur.day, self.lang)
            who = rt.capitalize(self._per(cur))
            text = self._t(f"{who}: было {was} ({w_old}), стало {now_} ({w_cur}).",
                           f"{who}: {was} ({w_old}), now {now_} ({w_cur}).")
            sources = [self.source(f.doc_id, f.start, f.end, f.text, f.attribution) for f in (old, cur)]
            out.append(Sentence(text, "revised", sources, self.evidence(cur.doc_id, cur.start, cur.end),
                                data={"kind": cur.kind, "was": old.value, "now": cur.value}))
        return out


def build_report(db: duckdb.DuckDBPyConnection, filters: Filters | None = None, lang: Lang = "ru",
                 limits: Limits | None = None) -> Report:
    """The report over a store connection (read-only is enough)."""
    return _Builder(db, filters or Filters(), lang, limits or Limits()).build()
