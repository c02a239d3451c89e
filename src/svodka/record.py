"""The document record: svodka's output contract as typed classes.

This module is the single source of truth for the record. The JSON Schema shipped in
``svodka/schema/record.schema.json`` is generated from these classes (``svodka schema``),
so the code, the schema and the docs cannot drift apart. It imports nothing of svodka.

Conventions (see shared CONTRACT.md): offsets are Python string indices (code points) into
``Record.text``, end exclusive, and ``text[start:end] == span.text`` for every span.
Fields without a default are always written, even when null, because consumers rely on
seeing them; optional extensions default to ``None`` and are left out when unset.
"""

from __future__ import annotations

from typing import Literal

import msgspec

SCHEMA_VERSION = "1.0"

EntityType = Literal["PER", "ORG", "LOC"]
DatePrecision = Literal["year", "month", "day", "minute"]
GeoPrecision = Literal["country", "region", "city", "site"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TimexPrecision = Literal["year", "month", "week", "day", "part_of_day", "hour", "minute"]
FigureKind = Literal[
    "killed", "injured", "hospitalized", "critical", "missing", "arrested", "evacuated",
    "participants", "troops", "other",
]
Qualifier = Literal["exact", "approx", "more_than", "less_than", "at_least", "at_most", "range"]
QuoteKind = Literal["direct", "indirect"]
EventType = Literal[
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
]
DateSource = Literal["header", "input", "metadata", "dateline", "crawl"]
Layer = Literal["languages", "entities", "timexes", "figures", "quotes", "events"]
ALL_LAYERS: tuple[Layer, ...] = ("languages", "entities", "timexes", "figures", "quotes", "events")


class Base(msgspec.Struct, forbid_unknown_fields=False, omit_defaults=True):
    """Common settings: unknown fields tolerated on input, unset extensions left out on output."""


class InputDocument(Base, kw_only=True):
    """A document as read from disk, before any analysis.

    ``origin`` says where it came from (``path`` or ``path:line``) so that an error can point
    the user at the exact place to look. ``date_source`` says where ``date`` came from (a
    ``date`` header line, the input's own field, page metadata, a dateline in the text, or only
    the crawl); ``crawl_date`` keeps a crawl time apart from the publication date.
    """

    id: str
    text: str
    date: str | None = None
    date_precision: DatePrecision | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None
    date_source: DateSource | None = None
    crawl_date: str | None = None
    author: str | None = None
    site: str | None = None
    content_hash: str | None = None


class LanguageSpan(Base):
    lang: str
    start: int
    end: int


class Geo(Base, kw_only=True):
    """Where a place is. ``lat``/``lon`` null when unknown (a site, a region without a point);
    a country's point is a conventional reference point, never a location within it.
    Optional: ``geonames_id`` (towns), ``admin1`` (ISO 3166-2 code of the first-level region the
    place lies in, or of the region itself), ``name`` (the gazetteer's English name)."""

    lat: float | None
    lon: float | None
    country: str | None
    precision: GeoPrecision | None
    geonames_id: int | None = None
    admin1: str | None = None
    name: str | None = None


class Mention(Base, kw_only=True):
    start: int
    end: int
    text: str
    normal: str
    lang: str | None = None


class Entity(Base, kw_only=True):
    id: str
    type: EntityType
    name: str
    name_en: str | None
    mentions: list[Mention]
    geo: Geo | None
    subtype: str | None = None


class Timex(Base, kw_only=True):
    start: int
    end: int
    text: str
    type: TimexType
    value: str | None
    precision: TimexPrecision | None


class Figure(Base, kw_only=True):
    start: int
    end: int
    text: str
    kind: FigureKind
    value: float | None
    qualifier: Qualifier
    attribution: list[str]
    low: float | None = None
    high: float | None = None


class Quote(Base, kw_only=True):
    """Reported speech. ``speaker_text`` is the speaker as the text names them: set when no entity
    is the speaker, and beside ``speaker`` when the text names the person by a role only
    ("украинский лидер" for Петр Порошенко, introduced earlier as "президент Украины")."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None
    cue: str | None
    via: list[str]
    lang: str | None
    speaker_text: str | None = None


class Trigger(Base):
    start: int
    end: int
    text: str


class EventDate(Base, kw_only=True):
    value: str | None
    precision: TimexPrecision | DatePrecision | None
    resolved: bool


class Event(Base, kw_only=True):
    type: EventType
    trigger: Trigger
    actor: list[str]
    recipient: list[str]
    location: str | None
    date: EventDate
    figures: list[int]
    attribution: list[str]
    mode: str | None = None


class Record(Base, kw_only=True):
    """One analysed document. ``error`` set means the document could not be read or analysed:
    then no layer is present, and the message says what went wrong and where.

    ``body``, when set, lists the (start, end) spans of ``text`` that are the article itself;
    the rest is page furniture (menus, notices, "read also" lists) that no layer looked at.
    ``duplicate_of`` names an earlier document of the same run with the same content hash."""

    id: str
    date: str | None
    date_precision: DatePrecision | None
    text: str | None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    layers: list[Layer] | None = None
    languages: list[LanguageSpan] | None = None
    entities: list[Entity] | None = None
    timexes: list[Timex] | None = None
    figures: list[Figure] | None = None
    quotes: list[Quote] | None = None
    events: list[Event] | None = None
    error: str | None = None
    origin: str | None = None
    date_source: DateSource | None = None
    crawl_date: str | None = None
    author: str | None = None
    site: str | None = None
    content_hash: str | None = None
    duplicate_of: str | None = None
    body: list[tuple[int, int]] | None = None


_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Record)


def dumps(record: Record) -> bytes:
    """One record as a compact UTF-8 JSON line (without the newline)."""
    return _encoder.encode(record)


def loads(line: bytes | str) -> Record:
    """Parse and type-check one JSON record line."""
    return _decoder.decode(line)


def json_schema() -> dict[str, object]:
    """The JSON Schema of the record, generated from the classes above."""
    schema = msgspec.json.schema(Record)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"svodka document record {SCHEMA_VERSION}"
    return schema


def spans_of(record: Record) -> list[tuple[int, int, str]]:
    """Every (start, end, text) span in the record, for the offsets invariant."""
    out: list[tuple[int, int, str]] = []
    for ent in record.entities or []:
        out += [(m.start, m.end, m.text) for m in ent.mentions]
    for layer in (record.timexes or [], record.figures or [], record.quotes or []):
        out += [(s.start, s.end, s.text) for s in layer]
    for ev in record.events or []:
        out.append((ev.trigger.start, ev.trigger.end, ev.trigger.text))
    return out
