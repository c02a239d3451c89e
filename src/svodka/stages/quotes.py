"""Quotes: reported speech, direct and indirect, with speaker, cue and the outlets that relayed it.

Rules (docs/annotation-guide.md, "Quotes"; shared LAYERS.md):

- Direct: text in «», "", “”, „“ with a reporting clause next to it (``«...», — заявил X.``,
  ``X заявил: «...»``, ``Санкции, отметил X, «...»``); a quote interrupted by its reporting clause
  (``«A, — сказала X. — B»``) is two quotes; a quote inside another quote is not separate; a
  sentence opened by a dash with a trailing ``, — сказал X`` is direct without marks.
- Indirect: ``X заявил(, ...), что C``; ``C, заявил X``; ``Как заявил X, C``; ``По словам X, C`` /
  ``C, по словам X``; ``Как отмечается в X, C`` (named X only); ``Об этом сообщил X`` (C is the
  previous sentence); speech acts with a clause of content (``призвал граждан сохранять
  спокойствие``, ``потребовал, чтобы ...``) and ``заявил/сообщил/объявил о + noun phrase``.
- Not quotes: ``по данным / по информации X`` without a reporting verb, impersonal ``отмечается,
  что``, acts without a clause (``призвал к миру``), titles.
- Speaker: the subject of the cue. A name in apposition wins (``глава региона Гульшара
  Абдыкаликова`` -> her); ``пресс-служба/представитель X`` and ``власти X`` speak for X; another
  role with no name (``глава региона``, ``посол США``) gives ``speaker_text``, and ``speaker`` is the
  person the text introduced with a role of the same group (``президент Украины Петр Порошенко`` for a
  later ``украинский лидер``; ``person_roles.tsv``), else null;
  ``он/она/они`` is the last person quoted before (else the nearest person named before).
- ``X со ссылкой на Y``: Y is the speaker, X goes to ``via``.
- ``via``: outlets (entities of subtype media) in the reporting clause that are not the speaker,
  nearest first; then, paragraph scope: an outlet's trailing ``..., передает/сообщает X`` relays
  every earlier quote of its paragraph (appended in reading order). An outlet is the speaker when
  it is the only source of its sentence.
- An other-language block (e.g. English paragraphs) right after a paragraph whose quote was
  written (``написал в Twitter``) or relayed by a social network is that writer's direct quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from svodka.analysis import Analysis, Token
from svodka.lexicon import rows as data_lines
from svodka.numbers import fold, lemmas
from svodka.record import Entity, Quote

_OPEN_CLOSE = {"«": "»", "„": "“", "“": "”", '"': '"'}
_PRONOUN = re.compile(r"^(он|она|они)(также|тоже|же|еще|ещё|и)?$", re.I)
_PERSONAL = re.compile(r"^(я|мы|ты|вы|i|we|you)$", re.I)
_EN_PRONOUN = re.compile(r"^(he|she|they)$", re.I)
_SOCIAL = ("twitter", "telegram", "facebook", "instagram", "x", "vk", "вконтакте", "youtube", "твиттер")
_CLAUSE_STOP = {";", ":", "(", ")"}
#: A name right after these words is an outlet even when the entities stage has no subtype for it.
_MEDIA_BEFORE = re.compile(r"(?:телеканал|канал|агентств|газет|издани|радиостанци|радио|эфир|портал|журнал|"
                           r"сайт|телекомпани)\w*\s*[«\"„“]?$", re.I)
_DASHES = {"-", "–", "—"}


@cache
def cues() -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(row[1].split(",")) for row in data_lines("quote_cues.tsv")}


@cache
def voice_roles() -> frozenset[str]:
    return frozenset(row[0] for row in data_lines("quote_roles.tsv")) | {"власть", "власти"}


@cache
def person_roles() -> dict[str, str]:
    """Role noun lemma -> its group (``person_roles.tsv``)."""
    return {row[0]: row[1] for row in data_lines("person_roles.tsv") if len(row) >= 2}


def _role_holder(d: _Doc, role: str, pos: int) -> str | None:
    """The person last introduced before ``pos`` with a role of the same group as ``role``
    ("президент Украины Петр Порошенко" for a later "украинский лидер"), else None."""
    group = person_roles()[role]
    best: str | None = None
    toks = d.a.tokens
    for ms, _me, ent in d.mentions:
        if ms >= pos:
            break
        if ent.type != "PER":
            continue
        k = bisect.bisect_left(d.token_starts, ms)
        for j in range(k - 1, max(-1, k - 5), -1):
            if "\n" in d.text[toks[j].end:ms]:
                break
            if any(person_roles().get(lem) == group for lem in lemmas(toks[j].text)):
                best = ent.id
                break
    return best


def cue_flags(tok: Token) -> frozenset[str]:
    """Flags of ``tok`` as a reporting word (empty when it is not one). An infinitive ("обещал
    сообщить") is planned speech, not a speech act."""
    if tok.lang != "en" and (tok.pos not in ("VERB", "AUX", "") or tok.feats.get("VerbForm") == "Inf"):
        return frozenset()
    if tok.lang == "en":
        return cues().get(fold(tok.text), frozenset())
    flags: set[str] = set()
    table = cues()
    for lemma in lemmas(tok.text):
        flags |= table.get(lemma, frozenset())
    return frozenset(flags)


@dataclass
class _Quote:
    start: int
    end: int
    kind: str
    cue: Token | None
    cue_text: str | None
    speaker: str | None
    speaker_text: str | None
    via: list[str]
    lang: str
    sent: int
    relay: bool = False  # the speaker is an outlet whose tail relays the paragraph
    flags: frozenset[str] = field(default_factory=frozenset)


class _Doc:
    """Indexes over one analysis: mentions by offset, paragraphs, sentences."""

    def __init__(self, a: Analysis) -> None:
        self.a = a
        self.text = a.text
        self.mentions: list[tuple[int, int, Entity]] = sorted(
            ((m.start, m.end, e) for e in a.entities for m in e.mentions), key=lambda x: x[0])
        self.mention_starts = [m[0] for m in self.mentions]
        self.token_starts = [t.start for t in a.tokens]
        self.breaks = [m.start() for m in re.finditer(r"\n", a.text)]
        self.title_end = self._title_end()
        self.quotes: list[_Quote] = []
        self.pending_via: list[tuple[int, str]] = []
        self.relays: list[tuple[int, str]] = []

    def pending_via_for(self, si: int) -> list[str]:
        return [eid for s, eid in self.pending_via if s == si]

    def _title_end(self) -> int:
        first = self.text.split("\n", 1)[0]
        rest = self.text[len(first):]
        if rest.strip() and len(first.strip()) < 250 and not re.search(r"[.!?…»\"”]\s*$", first):
            return len(first)
        return 0

    def para(self, pos: int) -> int:
        return bisect.bisect_right(self.breaks, pos)

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end)."""
        i = bisect.bisect_right(self.mention_starts, end) - 1
        while i >= 0 and i >= bisect.bisect_right(self.mention_starts, start) - 8:
            ms, me, ent = self.mentions[i]
            if ms < end and me > start:
                return ent
            i -= 1
        return None

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        i = bisect.bisect_left(self.mention_starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            if self.mentions[i][1] <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def covered(self, start: int, end: int) -> bool:
        return any(q.start < end and start < q.end for q in self.quotes)


def _is_media(e: Entity | None) -> bool:
    return e is not None and (e.subtype == "media" or fold(e.name) in _SOCIAL)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
        end -= 1
    # a content clause wholly in quotation marks: the marks are not content
    if end - start > 2 and _OPEN_CLOSE.get(text[start]) == text[end - 1] and \
            text.count(text[start], start, end) + text.count(text[end - 1], start, end) <= 2 + (text[start] == '"') * 2:
        start, end = _trim(text, start + 1, end - 1)
    return start, end


# --- speakers --------------------------------------------------------------------------------

def _head_ok(t: Token, d: _Doc) -> bool:
    """Could ``t`` head a subject: nominative noun/name/pronoun (or caseless name)."""
    if t.lang == "en":
        return t.pos in ("PROPN", "NOUN", "PRON")
    if _PRONOUN.match(t.text) or _PERSONAL.match(t.text):
        return True
    if t.pos not in ("NOUN", "PROPN", "X", "PRON"):
        return False
    case = t.feats.get("Case")
    if len(t.text) >= 2 and t.text.isupper() and d.entity_at(t.start, t.end) is not None:
        return True  # indeclinable abbreviations (МВД, МИД) get unreliable case tags
    if case == "Nom":
        return t.pos != "PRON"
    if case == "Acc" and t.pos in ("NOUN", "PROPN") and t.feats.get("Animacy") != "Anim" \
            and d.entity_at(t.start, t.end) is not None:
        return True  # "Красный крест ... заявил": inanimate Nom/Acc are one form
    return case is None and t.pos in ("PROPN", "X") and d.entity_at(t.start, t.end) is not None


def _phrase(toks: list[Token], i: int, lo: int, hi: int) -> tuple[int, int]:
    """The noun phrase around head ``toks[i]`` within [lo, hi): adjectives before, genitives,
    names and quoted names after, no prepositions, verbs or commas."""
    s = i
    while s - 1 >= lo and toks[s - 1].pos in ("ADJ", "DET", "NUM") and toks[s - 1].feats.get("Case") in (
            toks[i].feats.get("Case"), None):
        s -= 1
    e = i + 1
    depth = 0
    while e < hi:
        t = toks[e]
        if t.text == "(":
            close = next((x for x in range(e + 1, min(hi, e + 8)) if toks[x].text == ")"), -1)
            if close > 0:
                e = close + 1
                continue
        if t.text in _OPEN_CLOSE or t.text in _OPEN_CLOSE.values():
            depth = 1 - depth if t.text == '"' else depth + (1 if t.text in _OPEN_CLOSE else -1)
            e += 1
            continue
        by_name = t.text == "по" and e + 1 < hi and toks[e + 1].text[:1].isupper()  # "МВД по Туве"
        if depth > 0 or by_name or t.pos in ("PROPN", "X") or (t.pos in ("NOUN", "ADJ", "NUM") and (
                t.feats.get("Case") in ("Gen", "Nom") or t.lang == "en")):
            e += 1
            continue
        break
    while e > i + 1 and toks[e - 1].pos == "PUNCT":
        e -= 1
    return s, e


def _resolve_pronoun(d: _Doc, pos: int) -> str | None:
    for q in reversed(d.quotes):
        if q.start < pos and q.speaker:
            ent = next((e for e in d.a.entities if e.id == q.speaker), None)
            if ent is not None and ent.type == "PER":
                return q.speaker
    best: tuple[int, str] | None = None
    for ms, _me, ent in d.mentions:
        if ms >= pos:
            break
        if ent.type == "PER":
            best = (ms, ent.id)
    return best[1] if best else None


def _speaker_from_phrase(d: _Doc, toks: list[Token], s: int, e: int, head: int) -> tuple[str | None, str | None]:
    a = d.a
    start, end = toks[s].start, toks[e - 1].end
    if _PRONOUN.match(toks[head].text) or _EN_PRONOUN.match(toks[head].text):
        found = _resolve_pronoun(d, start)
        return found, None if found else toks[head].text
    if _PERSONAL.match(toks[head].text):
        return None, toks[head].text
    ments = d.mentions_in(start, end)
    for _ms, _me, ent in ments:
        if ent.type == "PER":
            return ent.id, None
    head_ent = d.entity_at(toks[head].start, toks[head].end)
    if head_ent is not None:
        return head_ent.id, None
    head_lemmas = lemmas(toks[head].text)
    first_tok_lemmas = lemmas(toks[s].text)
    if (head_lemmas | first_tok_lemmas) & voice_roles() and ments:
        return ments[0][2].id, None
    text = a.text[start:end]
    role = next((lem for lem in head_lemmas if lem in person_roles()), None)
    if role is not None:
        holder = _role_holder(d, role, start)
        if holder is not None:  # the person, and the role as the text names them
            return holder, text
    return None, text


def _find_speaker(d: _Doc, sent_toks: list[Token], cue_i: int, lo: int, hi: int,
                  prefer_after: bool) -> tuple[str | None, str | None, int, int]:
    """Speaker id or text for the cue at ``sent_toks[cue_i]``, looking in [lo, hi) outside content.

    Returns (speaker id, speaker text, phrase start offset, phrase end offset).
    """
    def after() -> tuple[str | None, str | None, int, int] | None:
        i = cue_i + 1
        while i < hi:
            t = sent_toks[i]
            if t.text in (",", ".", ";", ":") or t.text in _DASHES:
                if t.text == "," and i + 2 < hi and fold(sent_toks[i + 1].text) in ("со", "ссылаясь"):
                    i += 1
                    continue
                return None
            if t.lang != "en" and t.pos == "ADP":
                # skip the prepositional phrase (в четверг, в эфире X)
                i += 1
                while i < hi and sent_toks[i].pos in ("ADJ", "DET", "NUM", "PUNCT") and sent_toks[i].text not in ",.":
                    i += 1
                i += 1
                continue
            if _head_ok(t, d) and not (t.lang == "en" and t.pos == "PRON" and not _EN_PRONOUN.match(t.text)):
                s, e = _phrase(sent_toks, i, cue_i + 1, hi)
                sp, st = _speaker_from_phrase(d, sent_toks, s, e, i)
                if sp is None and st is not None:
                    # a name later in the same clause is in apposition ("начальник ... полковник Z")
                    k = e
                    while k < hi and sent_toks[k].text not in (",", ".", ";", ":") and not _finite(sent_toks[k]):
                        ent = d.entity_at(sent_toks[k].start, sent_toks[k].end)
                        if ent is not None and ent.type == "PER":
                            return ent.id, None, sent_toks[s].start, sent_toks[k].end
                        k += 1
                return sp, st, sent_toks[s].start, sent_toks[e - 1].end
            i += 1
        return None

    def before() -> tuple[str | None, str | None, int, int] | None:
        i = cue_i - 1
        acc_subject = -1  # inanimate Nom/Acc are one form: a clause-initial "accusative" may be the subject
        while i >= lo:
            t = sent_toks[i]
            if t.text in (";", ":", ".") or t.text == ",":
                if t.text == "," and t.lang == "en" and i > lo:
                    i -= 1
                    continue
                if t.text == "," and _relative_clause_before(sent_toks, i, lo):
                    i = _skip_relative(sent_toks, i, lo)
                    continue
                break
            if _head_ok(t, d) and not (t.lang == "en" and t.pos == "PRON" and not _EN_PRONOUN.match(t.text)):
                # the head of the phrase is its first nominative noun: walk left over the phrase
                j = i
                while j - 1 >= lo and sent_toks[j - 1].pos in ("PROPN", "NOUN", "X") and (
                        sent_toks[j - 1].feats.get("Case") in ("Nom", None)) \
                        and not _PRONOUN.match(sent_toks[j - 1].text):
                    j -= 1
                s, e = _phrase(sent_toks, j, lo, cue_i)
                while s > lo and sent_toks[s - 1].pos == "DET":
                    s -= 1
                sp, st = _speaker_from_phrase(d, sent_toks, s, e, j)
                if sp is None and s - 2 >= lo and sent_toks[s - 1].text == ",":
                    # "Иван Петров, глава региона, заявил" / "John Smith, the mayor, said"
                    ent = d.entity_at(sent_toks[s - 2].start, sent_toks[s - 2].end)
                    if ent is not None and ent.type == "PER":
                        return ent.id, None, sent_toks[s - 2].start, sent_toks[e - 1].end
                return sp, st, sent_toks[s].start, sent_toks[e - 1].end
            if t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == "Acc" and t.feats.get("Animacy") != "Anim":
                p = i - 1
                while p >= lo and sent_toks[p].pos == "ADJ":
                    p -= 1
                if p < lo or sent_toks[p].text in (",", ";", ":") or sent_toks[p].pos in ("CCONJ", "SCONJ"):
                    acc_subject = i
            i -= 1
        if acc_subject >= 0:
            s, e = _phrase(sent_toks, acc_subject, lo, cue_i)
            sp, st = _speaker_from_phrase(d, sent_toks, s, e, acc_subject)
            return sp, st, sent_toks[s].start, sent_toks[e - 1].end
        return None

    # "X сообщил, что ... и подчеркнул, что ...": the second cue shares the first one's subject
    if cue_i > 0 and fold(sent_toks[cue_i - 1].text) in ("и", "and") and d.quotes:
        last = d.quotes[-1]
        if last.cue is not None and sent_toks[0].start <= last.cue.start < sent_toks[cue_i].start \
                and (last.speaker or last.speaker_text):
            return last.speaker, last.speaker_text, -1, -1
    order = (after, before) if prefer_after else (before, after)
    for fn in order:
        got = fn()
        if got is not None and (got[0] or got[1]):
            return got
    # impersonal plural with a place of speech: "сообщили в пресс-службе МВД", "сказали в полиции"
    for i in range(lo, hi):
        t = sent_toks[i]
        if fold(t.text) in ("в", "во") and i + 1 < hi and abs(i - cue_i) <= 8 and t.lang != "en":
            j = i + 1
            if sent_toks[j].pos in ("NOUN", "PROPN") and fold(sent_toks[j].text) not in ("эфире", "интервью"):
                s, e = _phrase(sent_toks, j, j, hi)
                ments = d.mentions_in(sent_toks[s].start, sent_toks[e - 1].end)
                if ments and not _is_media(ments[0][2]):
                    return ments[-1][2].id if len(ments) == 1 or (lemmas(sent_toks[j].text) & voice_roles()) \
                        else ments[0][2].id, None, sent_toks[s].start, sent_toks[e - 1].end
                if sent_toks[j].feats.get("Case") == "Loc" and t.start > sent_toks[cue_i].start:
                    ps, pe = sent_toks[s].start, sent_toks[e - 1].end
                    return None, d.text[ps:pe], ps, pe
    return None, None, -1, -1


def _relative_clause_before(toks: list[Token], i: int, lo: int) -> bool:
    """``X, высказывания которого ..., подтвердил``: the comma closes a relative clause."""
    j = i - 1
    while j >= lo and toks[j].text != ",":
        if fold(toks[j].text) in ("который", "которого", "которая", "которой", "которые", "которых", "чьи"):
            return True
        j -= 1
    # "власти, находящиеся в ссылке, сообщили": a participial clause
    return j >= lo and j + 1 < i and toks[j + 1].feats.get("VerbForm") == "Part"


def _skip_relative(toks: list[Token], i: int, lo: int) -> int:
    j = i - 1
    while j >= lo and toks[j].text != ",":
        j -= 1
    return j - 1


def _via(d: _Doc, toks: list[Token], lo: int, hi: int, cs: int, ce: int, speaker: str | None,
         cue_pos: int) -> list[str]:
    """Media mentions among toks[lo:hi] outside the content [cs, ce), nearest to the cue first."""
    if lo >= hi:
        return []
    found = []
    for ms, _me, ent in d.mentions_in(toks[lo].start, toks[hi - 1].end):
        outlet = _is_media(ent) or _MEDIA_BEFORE.search(d.text[max(0, ms - 40):ms])
        if cs <= ms < ce or ent.id == speaker or not outlet:
            continue
        found.append((abs(ms - cue_pos), ent.id))
    out: list[str] = []
    for _dist, eid in sorted(found):
        if eid not in out:
            out.append(eid)
    return out


def _source_link(d: _Doc, toks: list[Token], lo: int, hi: int) -> tuple[str | None, str | None] | None:
    """The source after "со ссылкой на" / "ссылаясь на" in toks[lo:hi]: (entity id, None) for a named
    one, (None, the phrase as written) for an unnamed one ("на неназванных чиновников"), else None."""
    for i in range(lo, hi - 2):
        w = fold(toks[i].text)
        if (w == "ссылкой" and fold(toks[i + 1].text) == "на") or (w == "ссылаясь" and fold(toks[i + 1].text) == "на"):
            ments = d.mentions_in(toks[i + 2].start, toks[min(hi, i + 8) - 1].end)
            if ments:
                return ments[0][2].id, None
            j = i + 2
            while j < min(hi, i + 10) and toks[j].text not in (",", ".", ";", ":", "(", ")") \
                    and toks[j].text not in _DASHES and not _finite(toks[j]):
                j += 1
            if j > i + 2 and any(t.pos == "NOUN" for t in toks[i + 2:j]):
                return None, d.text[toks[i + 2].start:toks[j - 1].end]
    return None


def _linked(d: _Doc, spk: str | None, st: str | None, via: list[str], link: tuple[str | None, str | None] | None,
            media_only: bool = False) -> tuple[str | None, str | None, list[str]]:
    """Speaker, speaker text and via once "X со ссылкой на Y" is read: Y speaks, X relays."""
    if link is None or (link[0] is not None and link[0] == spk):
        return spk, st, via
    relay = [spk] if spk and (not media_only or _is_media(_ent(d, spk))) else []
    return link[0], link[1], [v for v in relay + via if v != link[0]]


# --- direct quotes ---------------------------------------------------------------------------

def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of outermost quotation marks, paragraph by paragraph."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
            continue
        if ch == '"':
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            opening = (prev.isspace() or prev in "(«„“:—–-") and not nxt.isspace()
            if opening:
                stack.append(('"', i))
            elif stack:
                # close the nearest '"' opener (and anything opened after it)
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == '"':
                        _, at = stack[k]
                        del stack[k:]
                        if not stack:
                            spans.append((at + 1, i))
                        break
            continue
        if ch in ("«", "„") or (ch == "“" and not (stack and stack[-1][0] == "„")):
            stack.append((ch, i))
        elif ch in ("»", "”", "“"):
            for k in range(len(stack) - 1, -1, -1):
                if _OPEN_CLOSE[stack[k][0]] == ch:
                    _, at = stack[k]
                    del stack[k:]
                    if not stack:
                        spans.append((at + 1, i))
                    break
    return spans


def _sent_of(a: Analysis, pos: int) -> int:
    starts = [s.start for s in a.sentences]
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _tokens_between(a: Analysis, start: int, end: int) -> list[Token]:
    i, j = a.token_range(start, end)
    return a.tokens[i:j]


_INNER_SPLIT = re.compile(r"[,.!?…]?\s+[-–—]\s+(?P<cue>[^\W\d_]+)\s+(?P<who>[^.!?]{1,120}?)[.,]\s+[-–—]\s+")


def _direct(d: _Doc) -> None:
    a, text = d.a, d.text
    for qs, qe in _quote_spans(text):
        inner = text[qs:qe]
        if len(re.findall(r"[^\W\d_]+", inner)) < 3 or qs < d.title_end:
            continue
        if d.entity_at(qs, qe) is not None and len(inner.split()) <= 4:
            continue
        before = text[max(0, qs - 12):qs - 1]
        if re.search(r"(?:\bчто|\bчтобы|\bкак|\bthat)\s*$", before, re.I):
            continue  # part of an indirect content clause
        parts = [(qs, qe)]
        m = _INNER_SPLIT.search(inner)
        mid: tuple[int, int] | None = None
        if m and cues().get(next(iter(sorted(lemmas(m.group("cue")) & set(cues()))), ""), frozenset()) & {"say"}:
            parts = [(qs, qs + m.start()), (qs + m.end(), qe)]
            mid = (qs + m.start(), qs + m.end())
        # reporting clause: after the closing mark, inside (split), or before the opening mark
        found = _reporting_after(d, qe + 1) if mid is None else _reporting_in(d, mid[0], mid[1])
        if found is None:
            found = _reporting_before(d, qs - 1)
        if found is None:
            continue
        cue_tok, spk, spk_text, via = found
        for ps, pe in parts:
            ps, pe = _trim(text, ps, pe)
            if pe - ps < 3:
                continue
            lang = _lang_at(a, ps)
            d.quotes.append(_Quote(ps, pe, "direct", cue_tok, cue_tok.text, spk, spk_text, list(via), lang,
                                   _sent_of(a, ps), flags=cue_flags(cue_tok)))


def _lang_at(a: Analysis, pos: int) -> str:
    for span in a.languages:
        if span.start <= pos < span.end:
            return span.lang
    return a.main_language


def _reporting_after(d: _Doc, pos: int) -> tuple[Token, str | None, str | None, list[str]] | None:
    a, text = d.a, d.text
    m = re.match(r"[ \t]*(?:[,.!?…]?[ \t]*[-–—]+|,)[ \t]*", text[pos:])
    if not m:
        return None
    start = pos + m.end()
    si = _sent_of(a, start)
    sent_end = a.sentences[si].end if a.sentences else len(text)
    nl = text.find("\n", start)
    end = min(sent_end if sent_end > start else len(text), nl if nl >= 0 else len(text))
    toks = _tokens_between(a, start, end)
    for k, t in enumerate(toks[:6]):
        flags = cue_flags(t)
        if "say" in flags or "impers" in flags:
            if "impers" in flags and "say" not in flags and fold(t.text) != "говорится":
                return None
            hi = next((j for j in range(k + 1, len(toks)) if toks[j].text in ".!?"), len(toks))
            spk, st, _s, _e = _find_speaker(d, toks, k, 0, hi, prefer_after=True)
            if spk is None and st is None:
                # "говорится в письме Гренелла": the owner of the document
                ments = d.mentions_in(t.end, toks[hi - 1].end if hi else t.end)
                if ments:
                    spk = ments[-1][2].id
                else:
                    return None
            link = _source_link(d, toks, k, hi)
            via = _via(d, toks, k, hi, -1, -1, spk, t.start)
            spk, st, via = _linked(d, spk, st, via, link, media_only=True)
            return t, spk, st, via
        if t.pos not in ("ADV", "PUNCT") and k > 1:
            break
    return None


def _reporting_in(d: _Doc, start: int, end: int) -> tuple[Token, str | None, str | None, list[str]] | None:
    toks = _tokens_between(d.a, start, end)
    for k, t in enumerate(toks):
        if "say" in cue_flags(t):
            spk, st, _s, _e = _find_speaker(d, toks, k, 0, len(toks), prefer_after=True)
            if spk or st:
                return t, spk, st, _via(d, toks, k, len(toks), -1, -1, spk, t.start)
    return None


def _reporting_before(d: _Doc, pos: int) -> tuple[Token, str | None, str | None, list[str]] | None:
    """``X заявил: «...»`` or ``Санкции, отметил X, «...»``: a cue shortly before the opening mark."""
    a, text = d.a, d.text
    head = text[max(0, pos - 150):pos]
    if not re.search(r"[:,][ \t]*$", head):
        return None
    si = _sent_of(a, max(0, pos - 1))
    s_start = a.sentences[si].start if a.sentences else 0
    toks = _tokens_between(a, s_start, pos)
    for k in range(len(toks) - 1, max(-1, len(toks) - 9), -1):
        t = toks[k]
        if "say" in cue_flags(t):
            lo = 0
            spk, st, _s, _e = _find_speaker(d, toks, k, lo, len(toks), prefer_after=k < len(toks) - 2)
            if spk or st:
                return t, spk, st, _via(d, toks, lo, len(toks), -1, -1, spk, t.start)
    return None


def _ent(d: _Doc, eid: str | None) -> Entity | None:
    return next((e for e in d.a.entities if e.id == eid), None) if eid else None


# --- indirect quotes -------------------------------------------------------------------------

_CONTENT_INTRO = {"что", "чтобы", "будто", "that"}
#: "по словам X", "по мнению X": a quote (unlike "по данным X", which is attribution only)
_PO_WORDS = {"словам", "мнению", "утверждению", "заявлению"}


def _clause_end(toks: list[Token], i: int, hi: int) -> int:
    """Index just past the clause of content starting at ``toks[i]`` (act / about content)."""
    j = i
    while j < hi:
        t = toks[j]
        if t.text in _CLAUSE_STOP or t.text in _DASHES:
            return j
        if t.text == "," and j + 1 < hi and (_finite(toks[j + 1]) or (
                j + 2 < hi and fold(toks[j + 1].text) in ("и", "а", "но") and _finite(toks[j + 2]))):
            return j
        if fold(t.text) in ("и", "а") and j + 1 < hi and _finite(toks[j + 1]) and cue_flags(toks[j + 1]):
            return j
        j += 1
    return hi


def _finite(t: Token) -> bool:
    return t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") in ("Fin", None) and t.lang != "en"


def _tail(d: _Doc, toks: list[Token]) -> int:
    """Index of a trailing reporting cue ``..., сообщает X`` / ``..., — заявил X.`` or -1."""
    end = len(toks)
    while end and toks[end - 1].pos == "PUNCT" and toks[end - 1].text not in ('"', "»", "”"):
        end -= 1
    for k in range(end - 1, 0, -1):
        t = toks[k]
        flags = cue_flags(t)
        if "say" in flags:
            p = k - 1
            while p >= 0 and toks[p].pos == "ADV":
                p -= 1
            if t.lang == "en" and p >= 1 and toks[p].text != ",":
                # English order: ", the Red Cross said."
                q = p
                while q >= 0 and k - q <= 5 and toks[q].text != "," and toks[q].pos in ("PROPN", "NOUN", "DET",
                                                                                        "ADJ", "PRON"):
                    q -= 1
                if q >= 1 and toks[q].text == ",":
                    p = q
            if p >= 0 and (toks[p].text == "," or (toks[p].text in _DASHES and p >= 1 and toks[p - 1].text == ",")):
                rest = toks[k + 1:end]
                if any(fold(x.text) in _CONTENT_INTRO or x.text == ":" for x in rest):
                    return -1
                if any(cue_flags(x) & {"say"} for x in rest):
                    continue
                return k
        if t.text in (";", ":"):
            return -1
    return -1


def _add(d: _Doc, toks: list[Token], cs: int, ce: int, cue_i: int, kind: str, lo: int, hi: int,
         prefer_after: bool, si: int, speaker: tuple[str | None, str | None] | None = None) -> _Quote | None:
    a = d.a
    if ce - cs <= 0:
        return None
    s, e = _trim(a.text, cs, ce)
    if e - s < 3 or len(re.findall(r"[^\W\d_]+", a.text[s:e])) < 2:
        return None
    if d.covered(s, e):
        return None
    cue_tok = toks[cue_i]
    inside = [k for k, t in enumerate(toks) if s <= t.start < e]
    if inside and inside[0] > cue_i:
        hi = min(hi, inside[0])
    elif inside and inside[-1] < cue_i:
        lo = max(lo, inside[-1] + 1)
    if speaker is None:
        spk, st, _ps, _pe = _find_speaker(d, toks, cue_i, lo, hi, prefer_after)
    else:
        spk, st = speaker
    if spk is None and st is None:
        return None
    outside = [t for t in toks if not (s <= t.start < e)]
    link = _source_link(d, outside, 0, len(outside))
    via = _via(d, outside, 0, len(outside), s, e, spk, cue_tok.start)
    spk, st, via = _linked(d, spk, st, via, link)
    q = _Quote(s, e, kind, cue_tok, cue_tok.text, spk, st, via, _lang_at(a, s), si, flags=cue_flags(cue_tok))
    d.quotes.append(q)
    return q


def _indirect(d: _Doc, si: int) -> None:
    a = d.a
    sent = a.sentences[si]
    toks = a.tokens[sent.first_token:sent.last_token]
    if not toks or sent.start < d.title_end:
        return
    n = len(toks)
    low = [fold(t.text) for t in toks]
    tail = _tail(d, toks)
    body_hi = tail - 1 if tail > 0 else n
    while body_hi > 0 and toks[body_hi - 1].text in (",", "-", "—", "–"):
        body_hi -= 1
    made: list[_Quote] = []

    # "По словам X, C" / "C, по словам X" / "по его словам"
    for i in range(n - 1):
        if low[i] == "по" and (low[i + 1] in _PO_WORDS or (i + 2 < n and low[i + 2] in _PO_WORDS)):
            pron = low[i + 1] if low[i + 1] not in _PO_WORDS else None
            k = i + 2 if pron is None else i + 3
            comma = next((j for j in range(k, n) if toks[j].text in (",", ".")), n)
            if pron is not None:
                spk: str | None = _resolve_pronoun(d, toks[i].start) if pron in ("его", "ее", "её", "их") else None
                st = None
            else:
                ments = d.mentions_in(toks[k].start, toks[comma - 1].end) if comma > k else []
                per = [m for m in ments if m[2].type == "PER"]
                pick = per[0] if per else (ments[0] if ments else None)
                spk = pick[2].id if pick else None
                st = None if pick else a.text[toks[k].start:toks[comma - 1].end] if comma > k else None
            after = (toks[comma].end, toks[body_hi - 1].end if body_hi > comma else sent.end) if comma < n - 1 \
                else (0, 0)
            before = (toks[0].start, toks[i - 1].end) if i > 0 else (0, 0)
            # "По словам X, C" / "C, по словам X" / "Тем не менее, по его словам, C": the longer side
            cs, ce = after if after[1] - after[0] >= before[1] - before[0] else before
            cue_text = a.text[toks[i].start:toks[k - 1].end]
            q = _add(d, toks, cs, ce, i, "indirect", 0, n, False, si, (spk, st))
            if q is not None:
                q.cue_text = cue_text
                made.append(q)

    # "Как заявил X, C" / "Как отмечается в X, C"
    if n > 3 and low[0] == "как" and cue_flags(toks[1]):
        flags = cue_flags(toks[1])
        comma = next((j for j in range(2, n) if toks[j].text == ","), -1)
        if comma > 2:
            inner_cue = next((j for j in range(comma + 1, body_hi) if cue_flags(toks[j]) & {"say", "act", "about"}
                              and _has_content_after(toks, j, body_hi)), -1)
            if ("impers" in flags and "say" not in flags) or fold(toks[1].text) in ("отмечается", "говорится",
                                                                                   "сообщается"):
                ments = d.mentions_in(toks[2].start, toks[comma - 1].end)
                spk = ments[-1][2].id if ments else None
                if spk is not None and inner_cue < 0:
                    q = _add(d, toks, toks[comma].end, toks[body_hi - 1].end, 1, "indirect", 0, n, False, si,
                             (spk, None))
                    if q:
                        made.append(q)
                elif spk is not None:
                    d.pending_via.append((si, spk))
            elif inner_cue < 0 and "say" in flags:
                q = _add(d, toks, toks[comma].end, toks[body_hi - 1].end, 1, "indirect", 1, comma, True, si)
                if q:
                    made.append(q)
            elif "say" in flags:
                spk2, _st, _a, _b = _find_speaker(d, toks, 1, 1, comma, True)
                if spk2 and _is_media(_ent(d, spk2)):
                    d.pending_via.append((si, spk2))

    # cue (..., что C) / (: C) / act + infinitive / about + о
    cue_idx = [i for i in range(n) if cue_flags(toks[i]) and i != tail and not (low[0] == "как" and i == 1)]
    for pos, i in enumerate(cue_idx):
        flags = cue_flags(toks[i])
        if "impers" in flags and "say" not in flags:
            continue
        nxt = cue_idx[pos + 1] if pos + 1 < len(cue_idx) else body_hi
        if toks[i].lang == "en":
            _english_indirect(d, toks, i, body_hi, si, made)
            continue
        # "что" clause
        j = i + 1
        limit = min(body_hi, i + 12)
        intro = -1
        while j < limit:
            if low[j] in ("что", "чтобы", "будто") and toks[j - 1].text == ",":
                intro = j
                break
            if toks[j].text == ":" and "say" in flags:
                intro = j
                break
            if toks[j].text in (".", ";") or (cue_flags(toks[j]) and j != i):
                break
            j += 1
        if intro > 0 and ("say" in flags or "act" in flags):
            ce_i = _content_end(toks, intro + 1, nxt, body_hi)
            if ce_i > intro + 1:
                q = _add(d, toks, toks[intro + 1].start, toks[ce_i - 1].end, i, "indirect", 0, n,
                         _prefer_after(toks, i), si)
                if q:
                    made.append(q)
            continue
        # act: object + infinitive
        if "act" in flags:
            k = i + 1
            while k < min(body_hi, i + 6) and toks[k].text not in (",", ".") \
                    and toks[k].feats.get("VerbForm") != "Inf" and toks[k].pos != "ADP":
                k += 1
            if k < body_hi and toks[k].feats.get("VerbForm") == "Inf":
                ce_i = _clause_end(toks, i + 1, body_hi)
                q = _add(d, toks, toks[i + 1].start, toks[ce_i - 1].end, i, "indirect", 0, n, False, si)
                if q:
                    made.append(q)
                continue
        if "about" in flags:
            k = i + 1
            while k < min(body_hi, i + 4) and low[k] not in ("о", "об", "обо") and toks[k].pos in ("ADV", "NOUN",
                                                                                                    "PROPN", "PRON"):
                k += 1
            if k < body_hi and low[k] in ("о", "об", "обо") and k + 1 < body_hi:
                ce_i = _clause_end(toks, k + 1, body_hi)
                if ce_i > k + 1:
                    q = _add(d, toks, toks[k + 1].start, toks[ce_i - 1].end, i, "indirect", 0, n, False, si)
                    if q:
                        made.append(q)

    # "Об этом сообщил X": the previous sentence is the content
    if n > 3 and low[0] == "об" and low[1] == "этом" and si > 0:
        k = next((j for j in range(2, n) if "say" in cue_flags(toks[j])), -1)
        prev = a.sentences[si - 1]
        if k > 0 and d.para(prev.start) == d.para(sent.start) and prev.start >= d.title_end \
                and not d.covered(prev.start, prev.end):
            ptoks = a.tokens[prev.first_token:prev.last_token]
            if not any(cue_flags(t) & {"say", "act"} for t in ptoks):
                spk, st, _x, _y = _find_speaker(d, toks, k, 2, n, True)
                if spk or st:
                    link = _source_link(d, toks, 2, n)
                    via = _via(d, toks, 2, n, -1, -1, spk, toks[k].start)
                    spk, st, via = _linked(d, spk, st, via, link)
                    s, e = _trim(a.text, prev.start, prev.end)
                    q2 = _Quote(s, e, "indirect", toks[k], toks[k].text, spk, st, via, _lang_at(a, s), si - 1,
                                relay=_is_media(_ent(d, spk)), flags=cue_flags(toks[k]))
                    d.quotes.append(q2)
                    made.append(q2)

    # the tail: reporting clause of this sentence's quotes, or itself the quote of an outlet
    if tail > 0:
        tflags = cue_flags(toks[tail])
        tail_lo = tail
        while tail_lo > 0 and toks[tail_lo - 1].text not in (",", "-", "—", "–"):
            tail_lo -= 1
        spk, st, _ps, _pe = _find_speaker(d, toks, tail, tail_lo, n, True)
        link = _source_link(d, toks, tail, n)
        mine = [q for q in made if q.sent == si]
        if spk is not None and _is_media(_ent(d, spk)) and (mine or d.pending_via_for(si)):
            for q in mine:
                if spk not in q.via and spk != q.speaker:
                    q.via.append(spk)
            d.relays.append((si, spk))
        elif not mine and (spk or st):
            dash = any(t.text in _DASHES for t in toks[max(0, tail - 2):tail])
            first_dash = toks[0].text in _DASHES
            kind = "direct" if dash and first_dash else "indirect"
            via = _via(d, toks, tail, n, -1, -1, spk, toks[tail].start)
            spk, st, via = _linked(d, spk, st, via, link)
            cs = toks[1].start if first_dash else toks[0].start
            body_end = min(body_hi, tail_lo)
            while body_end > 0 and toks[body_end - 1].text in (",", "-", "—", "–"):
                body_end -= 1
            ce = toks[body_end - 1].end if body_end > 0 else cs
            s, e = _trim(a.text, cs, ce)
            # skip a leading "Name. Date. AGENCY -" dateline
            m = re.match(r"^.{0,60}?[A-ZА-ЯЁ.]{3,}\s+-\s+", a.text[s:e])
            if m and "." in m.group(0):
                s += m.end()
            if e - s > 3 and not d.covered(s, e) and len(re.findall(r"[^\W\d_]+", a.text[s:e])) >= 2:
                q3 = _Quote(s, e, kind, toks[tail], toks[tail].text, spk, st, via, _lang_at(a, s), si,
                            relay=_is_media(_ent(d, spk)) and "relay" in tflags, flags=tflags)
                d.quotes.append(q3)
        elif spk is not None and mine:
            for q in mine:
                if q.speaker is None and q.speaker_text is None:
                    q.speaker = spk


def _has_content_after(toks: list[Token], j: int, hi: int) -> bool:
    return any(fold(t.text) in _CONTENT_INTRO for t in toks[j + 1:min(hi, j + 12)]) or (
        "act" in cue_flags(toks[j])) or any(fold(t.text) in ("о", "об") for t in toks[j + 1:j + 3])


def _prefer_after(toks: list[Token], i: int) -> bool:
    """Inverted order: nothing nominal before the cue in its clause ("Об этом сообщил X")."""
    j = i - 1
    while j >= 0 and toks[j].text not in (",", ".", ";"):
        if toks[j].feats.get("Case") == "Nom" or (toks[j].pos == "PROPN" and toks[j].feats.get("Case") is None):
            return False
        j -= 1
    return True


def _content_end(toks: list[Token], start: int, nxt: int, hi: int) -> int:
    """End of a "что" clause: the sentence body, or before the next statement in the sentence
    ("..., и подчеркнул, что ...", "..., но X сообщили, что ...")."""
    if nxt >= hi:
        return hi
    later = toks[nxt]
    # only cut when the later cue starts its own statement (followed by что / : / о / infinitive)
    if not (_has_content_after(toks, nxt, hi) or ("say" in cue_flags(later) and later.lang == "en")):
        return hi
    commas = [x for x in range(start, nxt) if toks[x].text in (",", ";")]
    joined = [x for x in commas if x + 1 < nxt and fold(toks[x + 1].text) in ("но", "а", "и", "однако")]
    if joined:
        return joined[0]
    if commas:
        return commas[-1]
    j = nxt - 1
    while j > start and (toks[j].pos in ("ADV", "PUNCT", "CCONJ", "PRON") or _PRONOUN.match(toks[j].text)):
        j -= 1
    return j + 1


def _english_indirect(d: _Doc, toks: list[Token], i: int, hi: int, si: int, made: list[_Quote]) -> None:
    """``X said (that) C`` in English text."""
    j = i + 1
    if j < hi and fold(toks[j].text) == "that":
        j += 1
    elif j >= hi or toks[j].pos in ("PUNCT", "ADP", "PART"):
        return
    if j >= hi:
        return
    q = _add(d, toks, toks[j].start, toks[hi - 1].end, i, "indirect", 0, i, False, si)
    if q:
        made.append(q)


def _according_to(d: _Doc, si: int) -> None:
    a = d.a
    sent = a.sentences[si]
    toks = a.tokens[sent.first_token:sent.last_token]
    low = [fold(t.text) for t in toks]
    for i in range(len(toks) - 2):
        if low[i] == "according" and low[i + 1] == "to":
            comma = next((j for j in range(i + 2, len(toks)) if toks[j].text in (",", ".")), len(toks))
            ments = d.mentions_in(toks[i + 2].start, toks[comma - 1].end) if comma > i + 2 else []
            spk = ments[0][2].id if ments else None
            st = None if spk else a.text[toks[i + 2].start:toks[comma - 1].end]
            if i == 0 and comma < len(toks) - 1:
                cs, ce = toks[comma].end, toks[-1].start if toks[-1].pos == "PUNCT" else toks[-1].end
            elif i > 0:
                cs, ce = toks[0].start, toks[i - 1].end
            else:
                continue
            q = _add(d, toks, cs, ce, i, "indirect", 0, len(toks), False, si, (spk, st))
            if q:
                q.cue_text = "according to"


# --- the pass over a document ----------------------------------------------------------------

def _other_language_blocks(d: _Doc) -> None:
    """An other-language block right after a paragraph with a written quote is its writer's."""
    a = d.a
    main = a.main_language
    for span in a.languages:
        if span.lang == main:
            continue
        s, e = _trim(a.text, span.start, span.end)
        if e - s < 20 or d.covered(s, e):
            continue
        before = a.text[:s].rstrip()
        if not before:
            continue
        prev_para = d.para(len(before) - 1)
        cands = [q for q in d.quotes if d.para(q.start) == prev_para and q.speaker]
        written = [q for q in cands if "write" in q.flags or any(
            fold((_ent(d, v) or Entity(id="", type="ORG", name="", name_en=None, mentions=[], geo=None)).name)
            in _SOCIAL for v in q.via)]
        if not written:
            continue
        src = written[0]
        d.quotes.append(_Quote(s, e, "direct", src.cue, src.cue_text, src.speaker, None, list(src.via), span.lang,
                               _sent_of(a, s), flags=src.flags))


def extract(a: Analysis) -> None:
    """Fill ``a.quotes`` from the text, tokens and entities of ``a``."""
    d = _Doc(a)
    if not a.sentences:
        a.quotes = []
        return
    _direct(d)
    for si in range(len(a.sentences)):
        if a.sentences[si].lang == "en":
            _according_to(d, si)
        _indirect(d, si)
    # pending via from "Как сообщает <outlet>, X сообщил, что ...": add to that sentence's quotes
    for si, eid in d.pending_via:
        for q in d.quotes:
            if q.sent == si and eid not in q.via and eid != q.speaker:
                q.via.append(eid)
    # relay scope: an outlet's tail relays every earlier quote of its paragraph
    relays = list(d.relays) + [(q.sent, q.speaker) for q in d.quotes if q.relay and q.speaker]
    for si, eid in relays:
        para = d.para(a.sentences[si].start)
        for q in d.quotes:
            if q.sent < si and d.para(q.start) == para and eid not in q.via and eid != q.speaker:
                q.via.append(eid)
    _other_language_blocks(d)
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for q in sorted(d.quotes, key=lambda q: q.start):
        if (q.start, q.end) in seen:
            continue
        # a quote nested inside another is not separate
        if any(o is not q and o.start <= q.start and q.end <= o.end and (o.end - o.start) > (q.end - q.start)
               for o in d.quotes):
            continue
        seen.add((q.start, q.end))
        out.append(Quote(start=q.start, end=q.end, text=a.text[q.start:q.end], kind=q.kind,  # type: ignore[arg-type]
                         speaker=q.speaker, cue=q.cue_text, via=q.via, lang=q.lang,
                         speaker_text=q.speaker_text))
    a.quotes = out
