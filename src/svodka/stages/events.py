"""Events: PLOVER-typed "who did what to whom, where, when", from trigger words and the parse.

A trigger (a verb or noun from ``data/event_triggers.tsv``) proposes an event type; the
dependency parse of that sentence alone (parsed on demand: most sentences need none) gives the
actor (subject), the recipient (object, "с X" for talks, "в X" for aid) and the place. Only
what the text asserts is kept: negated, hypothetical, planned or merely feared events are not
events (LAYERS.md). One record per real-world event within the document: a later mention of
the same type with the same participants is not a new event.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from svodka import lexicon, models
from svodka.analysis import Analysis, Token
from svodka.record import Entity, Event, EventDate, Trigger
from svodka.stages.annotate import CYRILLIC_LANGS, parse_syntax

#: Heads or dependants that make a trigger not an assertion of fact.
_MODAL = frozenset({
    "мочь", "смочь", "планировать", "намереваться", "собираться", "хотеть", "готовый", "готов",
    "пытаться", "попытаться", "угрожать", "опасаться", "предлагать", "предложить", "обещать",
    "пообещать", "рассчитывать", "надеяться", "возможный", "возможно", "вероятно", "якобы", "если",
    "бы", "должный", "следовать", "нужно", "необходимо", "призвать", "потребовать",
})
#: Heads that make a planned action a decided one ("принял решение направить").
_DECIDED = frozenset({"решение", "решить", "постановить", "приказать", "распорядиться", "начать", "приступить"})
#: Types whose actor, inside reported speech, is the speaker ("Как заявил МВД, ... ждёт уничтожение").
_SPEECH_ACTS = frozenset({"THREATEN", "REQUEST", "ACCUSE", "REJECT", "SUPPORT"})
_TYPE_ORDER = {"PER": 0, "ORG": 1, "LOC": 2}


@dataclass(frozen=True, slots=True)
class _Entry:
    lemmas: tuple[str, ...]
    type: str
    mode: str
    needs: frozenset[str]


@cache
def _lexicon() -> dict[str, list[_Entry]]:
    """First lemma -> entries, longest phrases first."""
    index: dict[str, list[_Entry]] = {}
    for line in lexicon._lines("event_triggers.tsv"):
        cols = [c.strip() for c in line.split("\t")] + ["", "", ""]
        lemmas = tuple(w if w.isupper() else w.lower().replace("ё", "е") for w in cols[0].split())
        needs = frozenset(w.lower().replace("ё", "е") for w in cols[3].split(";") if w.strip())
        index.setdefault(lemmas[0], []).append(_Entry(lemmas, cols[1], cols[2], needs))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e.lemmas))
    return index


@lru_cache(maxsize=200_000)
def _lemma_of(word: str) -> str:
    parses = models.morph().parse(word.lower())
    return (parses[0].normal_form if parses else word.lower()).replace("ё", "е")


def _lemma(tok: Token) -> str:
    if tok.text.isupper() and len(tok.text) > 1:  # abbreviations match as written: "КТО" is not "кто"
        return tok.text
    if tok.lang not in CYRILLIC_LANGS:
        return tok.text.lower()
    return _lemma_of(tok.text)


def _children(a: Analysis, first: int, last: int) -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for k in range(first, last):
        head = a.tokens[k].head
        if head >= 0:
            kids.setdefault(head, []).append(k)
    return kids


def _subtree(kids: dict[int, list[int]], root: int) -> list[int]:
    out, stack = [], [root]
    while stack:
        k = stack.pop()
        out.append(k)
        stack.extend(kids.get(k, []))
    return sorted(out)


class _Mentions:
    """Token index -> entity, for the entity mentions of one document."""

    def __init__(self, a: Analysis) -> None:
        self.by_token: dict[int, Entity] = {}
        for ent in a.entities:
            for m in ent.mentions:
                i, j = a.token_range(m.start, m.end)
                for k in range(i, j):
                    self.by_token[k] = ent

    def best(self, tokens: list[int]) -> Entity | None:
        """The entity a phrase stands for: a person before an organisation before a place."""
        found = [self.by_token[k] for k in tokens if k in self.by_token]
        if not found:
            return None
        return min(found, key=lambda e: (_TYPE_ORDER.get(e.type, 3), tokens.index(
            next(k for k in tokens if self.by_token.get(k) is e))))


def _match(a: Analysis, lemmas: list[str], k: int, first: int, last: int) -> tuple[_Entry, int] | None:
    """The longest trigger entry starting at token k; returns it and the index after it."""
    for entry in _lexicon().get(lemmas[k - first], []):
        n = len(entry.lemmas)
        if k + n <= last and tuple(lemmas[k - first:k - first + n]) == entry.lemmas:
            return entry, k + n
    return None


def _asserted(a: Analysis, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]],
              negative: bool = False) -> bool:
    """False for negated, hypothetical, planned or future-only triggers (``negative``: the
    trigger itself contains the negation, as "не признать")."""
    tok = a.tokens[k]
    if not negative and k > first and lemmas[k - 1 - first] in ("не", "ни"):
        return False
    if any(lemmas[c - first] in ("не", "бы") for c in kids.get(k, [])):
        return False
    if tok.feats.get("Tense") == "Fut" or tok.feats.get("Mood") == "Cnd":
        return False
    head, depth = tok.head, 0
    while head >= 0 and depth < 3:
        lemma = lemmas[head - first]
        if lemma in _DECIDED:
            return True
        if lemma in _MODAL or (lemma == "не" and depth == 0):
            return False
        if any(lemmas[c - first] in ("не", "бы") for c in kids.get(head, []) if c < k):
            return False
        head, depth = a.tokens[head].head, depth + 1
    return not any(lemmas[c - first] in _MODAL for c in kids.get(k, []))


def _needs_met(entry: _Entry, lemmas: list[str], first: int, k: int, kids: dict[int, list[int]]) -> bool:
    if not entry.needs:
        return True
    return any(lemmas[c - first] in entry.needs for c in _subtree(kids, k) if c != k)


def _case_marker(a: Analysis, kids: dict[int, list[int]], k: int) -> str:
    return next((a.tokens[c].text.lower() for c in kids.get(k, []) if a.tokens[c].rel == "case"), "")


def _arguments(a: Analysis, k: int, etype: str, kids: dict[int, list[int]], mentions: _Mentions
               ) -> tuple[list[str], list[str], str | None]:
    """(actor ids, recipient ids, location id) from the trigger's dependants."""
    actor: list[str] = []
    recipient: list[str] = []
    location: str | None = None
    # The subject may sit on a governing verb ("принял решение направить", "начали штурмовать").
    node, depth = k, 0
    while depth < 3:
        subj = [c for c in kids.get(node, []) if a.tokens[c].rel == "nsubj"]
        if subj:
            ent = mentions.best(_subtree(kids, subj[0]))
            if ent is not None:
                actor = [ent.id]
            break
        if a.tokens[node].head < 0:
            break
        node, depth = a.tokens[node].head, depth + 1
    for c in kids.get(k, []):
        rel = a.tokens[c].rel
        ent = mentions.best(_subtree(kids, c))
        if ent is None or ent.id in actor:
            continue
        case = _case_marker(a, kids, c)
        if (rel in ("obj", "iobj", "nsubj:pass") and not recipient and ent.type != "LOC") or (
                rel in ("obl", "nmod") and case in ("с", "со") and etype in ("CONSULT", "AGREE", "COOPERATE")):
            recipient = [ent.id]
        elif rel in ("obl", "nmod") and case in ("в", "во", "на") and mentions.by_token.get(c) is ent \
                and ent.type == "LOC":
            # "направить в Казахстан": the country helped; "в Алма-Ате": where it happened.
            if etype in ("AID", "SANCTION", "MOBILIZE") and case in ("в", "во") and not recipient:
                recipient = [ent.id]
            if location is None:
                location = ent.id
    return actor, recipient, location


def extract(a: Analysis) -> None:
    """Fill ``a.events`` (needs entities; uses timexes, figures and quotes when present)."""
    mentions = _Mentions(a)
    candidates: list[tuple[int, int, _Entry, int]] = []  # sentence, token, entry, end
    sent_lemmas: dict[int, list[str]] = {}
    for si, sent in enumerate(a.sentences):
        if sent.lang not in CYRILLIC_LANGS or _is_heading(a, si):
            continue
        lemmas = [_lemma(t) for t in a.tokens[sent.first_token:sent.last_token]]
        sent_lemmas[si] = lemmas
        k = sent.first_token
        while k < sent.last_token:
            found = _match(a, lemmas, k, sent.first_token, sent.last_token)
            if found is None:
                k += 1
                continue
            candidates.append((si, k, found[0], found[1]))
            k = found[1]
    parse_syntax(a, sorted({si for si, *_ in candidates}))
    by_sentence: dict[tuple[int, str], Event] = {}
    for si, k, entry, end in candidates:
        sent = a.sentences[si]
        lemmas = sent_lemmas[si]
        kids = _children(a, sent.first_token, sent.last_token)
        entries = [e for e in _lexicon()[entry.lemmas[0]] if e.lemmas == entry.lemmas]
        chosen = next((e for e in entries if _needs_met(e, lemmas, sent.first_token, k, kids)), None)
        if chosen is None or not _asserted(a, lemmas, sent.first_token, k, kids, negative="не" in chosen.lemmas):
            continue
        nominal = a.tokens[k].pos == "NOUN"
        actor, recipient, location = _arguments(a, k, chosen.type, kids, mentions)
        if not actor and nominal:
            actor = _genitive_agent(a, end, sent.last_token, mentions)
        quote = _enclosing_quote(a, a.tokens[k].start)
        if not actor and quote is not None and quote.speaker and chosen.type in _SPEECH_ACTS:
            actor = [quote.speaker]
        if location is None:
            location = _sentence_place(a, si, mentions, set(actor) | set(recipient))
        same = by_sentence.get((si, chosen.type))
        if same is not None:  # "в телефонном разговоре обсудил с ...": one event, two triggers
            same.actor = same.actor or actor
            same.recipient = same.recipient or recipient
            same.location = same.location or location
            continue
        if _repeats(a.events, chosen.type, actor, recipient, nominal):
            continue
        start, stop = a.tokens[k].start, a.tokens[end - 1].end
        event = Event(
            type=chosen.type,  # type: ignore[arg-type]
            mode=chosen.mode or None,
            trigger=Trigger(start, stop, a.text[start:stop]),
            actor=actor, recipient=recipient, location=location,
            date=_date(a, sent.start, sent.end),
            figures=[i for i, f in enumerate(a.figures) if sent.start <= f.start < sent.end],
            attribution=([quote.speaker] if quote is not None and quote.speaker else [])
            + (list(quote.via) if quote is not None else []),
        )
        by_sentence[(si, chosen.type)] = event
        a.events.append(event)


def _repeats(events: list[Event], etype: str, actor: list[str], recipient: list[str], nominal: bool) -> bool:
    """A later mention of an event already recorded: a noun of the same type ("в ходе протестов")
    that names no new participant, or a predication repeating type, actor and recipient."""
    for ev in events:
        if ev.type != etype:
            continue
        if nominal and (not actor or actor == ev.actor) and (not recipient or recipient == ev.recipient):
            return True
        if (actor or recipient) and actor == ev.actor and recipient == ev.recipient:
            return True
    return False


def _genitive_agent(a: Analysis, start: int, stop: int, mentions: _Mentions) -> list[str]:
    """The agent of a noun trigger, given in the genitive right after it ("обращение ... президента
    Касым-Жомарта Токаева"), when the parse attached it elsewhere."""
    for k in range(start, min(stop, start + 6)):
        tok = a.tokens[k]
        if tok.pos == "PUNCT" or tok.pos == "VERB":
            break
        if tok.feats.get("Case") == "Gen" and tok.pos in ("NOUN", "PROPN"):
            phrase = [j for j in range(k, min(stop, k + 5)) if a.tokens[j].pos in ("NOUN", "PROPN", "ADJ")]
            ent = mentions.best(phrase)
            if ent is not None and ent.type in ("PER", "ORG"):
                return [ent.id]
    return []


def _is_heading(a: Analysis, si: int) -> bool:
    """A title or section header: a line of its own without final punctuation (yields no events)."""
    sent = a.sentences[si]
    line_start = a.text.rfind("\n", 0, sent.start) + 1
    line_end = a.text.find("\n", sent.end)
    line = a.text[line_start:line_end if line_end >= 0 else len(a.text)].strip()
    return bool(line) and line[-1] not in ".!?…»\"”)" and len(line) < 200


def _enclosing_quote(a: Analysis, pos: int):  # type: ignore[no-untyped-def]
    return next((q for q in a.quotes if q.start <= pos < q.end), None)


def _sentence_place(a: Analysis, si: int, mentions: _Mentions, used: set[str]) -> str | None:
    """The sentence's place: the most specific place introduced by "в"/"на" ("в Алма-Ате"), else the
    first place named (a country in the genitive is only the fallback)."""
    sent = a.sentences[si]
    places: list[tuple[int, int, str]] = []
    for k in range(sent.first_token, sent.last_token):
        ent = mentions.by_token.get(k)
        if ent is None or ent.type != "LOC" or ent.id in used or (k > 0 and mentions.by_token.get(k - 1) is ent):
            continue
        locative = k > sent.first_token and a.tokens[k - 1].text.lower() in ("в", "во", "на")
        specific = ent.subtype not in ("country",)
        places.append((0 if locative else 1, 0 if specific else 1, ent.id))
    return min(places)[2] if places else None


def _date(a: Analysis, start: int, end: int) -> EventDate:
    """The first resolved date or time in the sentence, else the document date (resolved false)."""
    for t in a.timexes:
        if start <= t.start < end and t.value and t.type in ("DATE", "TIME"):
            return EventDate(value=t.value, precision=t.precision, resolved=True)
    return EventDate(value=a.doc.date, precision=a.doc.date_precision, resolved=False)


