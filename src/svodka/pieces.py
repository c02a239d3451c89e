"""Very long documents analysed in pieces, so that a document's size never exhausts memory.

The stages keep state per token of the whole text (tokens with morphology, model NER, dependency
parses): one million characters of news analysed whole grew the process by 240 MB over its loaded models
(so some 12 GB for a 50 MB document), in pieces by 131 MB (mostly the gazetteer, loaded on first use, and
caches of word forms), and took 221 s instead of 352 s. So a document longer than ``PIECE_CHARS`` is
cut at paragraph boundaries (else line, sentence, space; the cutter of :mod:`svodka.stages.annotate`),
each piece is analysed alone as a document with the same metadata, and the piece records are joined
into one record of the whole text:

* every span is shifted back to document offsets (``text[start:end] == span.text`` still holds);
* the entities of the pieces are merged under the keys by which :mod:`svodka.stages.entities`
  groups mentions: type and normalised name, a gazetteer id, a script-independent sound key; and a
  person's shorter name ("Путин") joins the one fuller name it fits ("Владимир Путин");
* language spans of one language that meet at a cut are joined;
* timexes, figures, quotes and events are concatenated; entity ids are renumbered (``E1``... in
  order of first mention, as for a whole document) and figure indices shifted, so that
  ``event.figures``, ``event.actor``, ``quote.speaker`` and the like still point at the right items.

Peak memory is that of one piece plus the finished record. What a piece cannot see is context from
another piece: a weekday anchored by a date in an earlier piece, a quote spanning a cut, a line of page
furniture repeating one of an earlier piece (``body`` is judged per piece and joined).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec

from svodka.disjoint import DisjointSets
from svodka.names import key, skeleton
from svodka.record import Entity, Event, Figure, InputDocument, LanguageSpan, Mention, Quote, Record, Timex
from svodka.stages.annotate import chunks

#: Documents longer than this (characters) are analysed in pieces of at most this size. News articles
#: are far shorter, so they are analysed whole as before; a piece costs some 30 MB over the models.
PIECE_CHARS = 100_000

_Key = tuple[str, ...]


def cut(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) pieces of ``text``: consecutive, covering it, each at most ``limit`` long."""
    return list(chunks(text, 0, len(text), limit or PIECE_CHARS))


def extract_in_pieces(doc: InputDocument, record_of: Callable[[InputDocument], Record],
                      limit: int | None = None) -> Record:
    """The record of ``doc`` made by running ``record_of`` on each piece and joining the results.

    ``record_of`` analyses one piece (a copy of ``doc`` whose text is the piece) and may raise; the
    caller turns that into an error record of the whole document, as for any document.
    """
    joiner = _Joiner(doc.text)
    for start, end in chunks(doc.text, 0, len(doc.text), limit or PIECE_CHARS):
        joiner.add(start, end, record_of(msgspec.structs.replace(doc, text=doc.text[start:end])))
    return joiner.record()


def _shift_mention(m: Mention, by: int) -> Mention:
    return msgspec.structs.replace(m, start=m.start + by, end=m.end + by)


def _words(name: str) -> list[str]:
    return [w for w in name.replace("-", " ").split() if key(w)]


def _keys(ent: Entity) -> list[_Key]:
    """The keys under which two entities of one document are one (cf. ``entity_groups._group``)."""
    keys: list[_Key] = [(ent.type, "name", key(ent.name))]
    if ent.name_en:
        keys.append((ent.type, "name", key(ent.name_en)))
    sound = skeleton(ent.name)
    if len(sound) >= 4:
        keys.append((ent.type, "sound", sound))
    if ent.geo is not None and ent.geo.geonames_id:
        keys.append(("geo", str(ent.geo.geonames_id)))
    elif ent.type == "LOC" and ent.geo is not None and ent.geo.precision == "country" and ent.geo.country:
        keys.append(("country", ent.geo.country))
    return [k for k in keys if k[-1]]


def _best(members: list[Entity]) -> Entity:
    """The member whose name is fullest, as ``entities._canonical`` prefers within a document."""
    return max(members, key=lambda e: (len(_words(e.name)), not e.name.isupper(), len(e.name),
                                       len(e.mentions)))


@dataclass
class _Joiner:
    text: str
    first: Record | None = None
    languages: list[LanguageSpan] = field(default_factory=list)
    #: Shifted piece entities; ``sets`` groups them (one set = one entity).
    members: list[Entity] = field(default_factory=list)
    sets: DisjointSets = field(default_factory=DisjointSets)
    by_key: dict[_Key, int] = field(default_factory=dict)
    timexes: list[Timex] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    body: list[tuple[int, int]] = field(default_factory=list)
    has_body: bool = False

    # --- member entities are referred to as "#<index>" until the end

    def find(self, i: int) -> int:
        return self.sets.find(i)

    def union(self, i: int, j: int) -> None:
        ri, rj = self.sets.find(i), self.sets.find(j)
        if ri != rj:
            self.sets.join(ri, rj)

    def add(self, start: int, end: int, rec: Record) -> None:
        """Fold the record of the piece ``[start, end)`` into the whole."""
        if self.first is None:
            self.first = msgspec.structs.replace(rec, text=None)
        self._add_languages(rec.languages or [], start)
        local: dict[str, str] = {}
        for ent in rec.entities or []:
            n = len(self.members)
            self.members.append(msgspec.structs.replace(
                ent, mentions=[_shift_mention(m, start) for m in ent.mentions]))
            self.sets.add()
            for k in _keys(ent):
                if k in self.by_key:
                    self.union(self.by_key[k], n)
                else:
                    self.by_key[k] = n
            local[ent.id] = f"#{n}"

        def ids(refs: list[str]) -> list[str]:
            return [local[r] for r in refs if r in local]

        self.timexes += [msgspec.structs.replace(t, start=t.start + start, end=t.end + start)
                         for t in rec.timexes or []]
        base = len(self.figures)
        self.figures += [msgspec.structs.replace(f, start=f.start + start, end=f.end + start,
                                                 attribution=ids(f.attribution)) for f in rec.figures or []]
        self.quotes += [msgspec.structs.replace(q, start=q.start + start, end=q.end + start, via=ids(q.via),
                                                speaker=local.get(q.speaker) if q.speaker else None)
                        for q in rec.quotes or []]
        self.events += [msgspec.structs.replace(
            ev, trigger=msgspec.structs.replace(ev.trigger, start=ev.trigger.start + start,
                                                end=ev.trigger.end + start),
            actor=ids(ev.actor), recipient=ids(ev.recipient), attribution=ids(ev.attribution),
            location=local.get(ev.location) if ev.location else None,
            figures=[base + i for i in ev.figures]) for ev in rec.events or []]
        if rec.body is not None:
            self.has_body = True
            self.body += [(lo + start, hi + start) for lo, hi in rec.body]
        else:
            self.body.append((start, end))

    def _add_languages(self, spans: list[LanguageSpan], by: int) -> None:
        for span in spans:
            shifted = LanguageSpan(span.lang, span.start + by, span.end + by)
            last = self.languages[-1] if self.languages else None
            # The segmenter joins neighbouring units of one language across whitespace; so do we at a cut.
            if last is not None and last.lang == shifted.lang and not self.text[last.end:shifted.start].strip():
                self.languages[-1] = LanguageSpan(last.lang, last.start, shifted.end)
            else:
                self.languages.append(shifted)

    def _join_persons(self) -> None:
        """A person named shorter in one piece ("Путин", "Владимир Путин") joins the one person of
        another piece whose fuller name ends (and, for two words or more, begins) the same way."""
        fuller: dict[str, set[int]] = {}
        words = {i: [key(w) for w in _words(e.name)] for i, e in enumerate(self.members) if e.type == "PER"}
        for i, w in words.items():
            if len(w) >= 2:
                fuller.setdefault(w[-1], set()).add(i)
        for i, w in words.items():
            if not w or len(w[-1]) <= 2:
                continue
            roots = {self.find(j) for j in fuller.get(w[-1], ())
                     if len(words[j]) > len(w) and (len(w) == 1 or words[j][0] == w[0])}
            roots.discard(self.find(i))
            if len(roots) == 1:  # two different people with that surname: say nothing
                self.union(i, roots.pop())

    def record(self) -> Record:
        """The joined record of the whole document."""
        assert self.first is not None, "a document has at least one piece"
        self._join_persons()
        sets: dict[int, list[Entity]] = {}
        for i, ent in enumerate(self.members):
            sets.setdefault(self.find(i), []).append(ent)
        order = sorted(sets, key=lambda root: min(m.start for e in sets[root] for m in e.mentions))
        final = {root: f"E{n}" for n, root in enumerate(order, 1)}
        entities = []
        for root in order:
            members = sets[root]
            best = _best(members)
            subtypes = [e.subtype for e in members if e.subtype]
            entities.append(msgspec.structs.replace(
                best, id=final[root],
                name_en=best.name_en or next((e.name_en for e in members if e.name_en), None),
                subtype="site" if "site" in subtypes else best.subtype or (subtypes[0] if subtypes else None),
                geo=best.geo or next((e.geo for e in members if e.geo is not None), None),
                mentions=sorted((m for e in members for m in e.mentions), key=lambda m: (m.start, m.end))))

        def ref(r: str) -> str:
            return final[self.find(int(r[1:]))]

        def refs(rs: list[str]) -> list[str]:
            return list(dict.fromkeys(ref(r) for r in rs))  # two ids merged into one: keep it once

        first = self.first
        return msgspec.structs.replace(
            first, text=self.text,
            languages=self.languages if first.languages is not None else None,
            entities=entities if first.entities is not None else None,
            timexes=self.timexes if first.timexes is not None else None,
            figures=[msgspec.structs.replace(f, attribution=refs(f.attribution)) for f in self.figures]
            if first.figures is not None else None,
            quotes=[msgspec.structs.replace(q, via=refs(q.via), speaker=ref(q.speaker) if q.speaker else None)
                    for q in self.quotes] if first.quotes is not None else None,
            events=[msgspec.structs.replace(
                ev, actor=refs(ev.actor), recipient=refs(ev.recipient), attribution=refs(ev.attribution),
                location=ref(ev.location) if ev.location else None) for ev in self.events]
            if first.events is not None else None,
            body=self.body if self.has_body else None,
        )
