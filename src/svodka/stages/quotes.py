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
  later ``украинский лидер``; ``person_roles.tsv``) or the speaker of the last quote whose speaker
  phrase had that role (``представитель пресс-службы`` after ``сотрудник пресс-службы МЧС``); any other
  person noun is the person the text put it right before (``помощник депутата ... Даниил Тяжкун``), else,
  bare (``актер признался``), the named person of the last quote when gender agrees and no one else was
  named since; else null;
  ``он/она/они`` (``по его/ее/их словам``) is the speaker of the nearest quote before that agrees in
  gender or number (by the cue's past tense or the name's gender in pymorphy3), else the nearest
  agreeing person named before. A participle cue (``X, заявившего, что``) is X's; a gerund or a cue
  after ``и/но`` shares the subject of the previous cue; ``цитирует X Y``: X speaks, Y relays.
- ``X со ссылкой на Y``: Y is the speaker, X goes to ``via`` (not when the link is in an opening
  ``Как передает X со ссылкой на Y, Z заявил``: then Z speaks and both relay). ``C, сказал X,
  передает Y``: X speaks, Y relays. ``C1, говорят эксперты, C2`` and ``C, о чем заявил X`` are quotes.
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
_PRONOUN = re.compile(r"^(она|они|он)(также|тоже|же|еще|ещё|и)?$", re.I)  # "они" is not "он" + "и"
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


def _same_role(lemma_set: frozenset[str] | set[str], role: str) -> bool:
    """Is one of ``lemma_set`` the role ``role`` or a role of its group ("лидер" ~ "президент")?"""
    group = person_roles().get(role)
    return role in lemma_set or (group is not None and any(person_roles().get(lem) == group for lem in lemma_set))


_MINISTRY = re.compile(r"^(?:мид|министерств|мин[а-я]{2,}|мвд|госдеп|форин-офис|foreign)")


def _role_lemmas(toks: list[Token], j: int) -> frozenset[str]:
    """Lemmas of ``toks[j]`` as a role word; "глава/руководитель" of a ministry is also a minister
    ("глава МИД", "глава Форин-офиса" ~ "министр иностранных дел")."""
    lems = lemmas(toks[j].text)
    if lems & {"глава", "руководитель"} and j + 1 < len(toks) and _MINISTRY.match(fold(toks[j + 1].text)):
        return lems | {"министр"}
    return lems


def _role_holder(d: _Doc, roles: frozenset[str], pos: int, ahead: bool = False,
                 marks: frozenset[str] = frozenset(), agree: bool = False) -> tuple[int, str] | None:
    """The person introduced with one of ``roles`` (or a role of the same group) before ``pos``
    ("член ОНК Марина Литвинович" for a later "член ОНК", "президент Украины Петр Порошенко" for a
    later "украинский лидер"): (mention start, entity id) of the last one, else None. With
    ``ahead``, the first one introduced within the next 400 characters instead
    (a lead that names the role before the name: "Премьер-министр Польши считает ... Премьер-министр
    Польши Матеуш Моравецкий считает"). ``marks``: word stems of the role's modifiers ("украи" of
    "украинский президент"); a person whose introduction has one of them is preferred. With ``agree``
    the role word must be in the name's case (the head, not a possessor: "брат активиста Виталий X"
    is no "активист")."""
    best: tuple[int, str] | None = None
    best_marked: tuple[int, str] | None = None
    exact: tuple[int, str] | None = None
    exact_marked: tuple[int, str] | None = None
    toks = d.a.tokens
    for ms, _me, ent in d.mentions:
        if (ms < pos) == ahead or (ahead and ms > pos + 400):
            if ahead and ms > pos:
                break
            continue
        if ent.type != "PER":
            continue
        k = bisect.bisect_left(d.token_starts, ms)
        for j in range(k - 1, max(-1, k - 12), -1):
            t = toks[j]
            other = d.entity_at(t.start, t.end)
            if other is not None and other.type == "PER" and other is not ent and t.feats.get("Case") == "Gen" \
                    and toks[k].feats.get("Case") != "Gen":
                continue  # the role's possessor: "пресс-секретарь президента Владимира Путина Дмитрий Песков"
            if "\n" in d.text[t.end:ms] or t.text in (".", ";", ":", "!", "?", ",") or _finite(t) \
                    or t.pos == "CCONJ" or (other is not None and other.type == "PER" and other is not ent):
                break  # only the phrase right before the name: not "президентом Франции X и канцлером Y"
            if t.pos in ("NOUN", "PROPN", "ADJ") and any(_same_role(_role_lemmas(toks, j), r) for r in roles):
                if agree and t.feats.get("Case") != toks[k].feats.get("Case"):
                    continue
                best = (ms, ent.id)
                intro = fold(d.text[toks[max(0, j - 3)].start:ms])
                if any(m in intro for m in marks):
                    best_marked = best
                if _role_lemmas(toks, j) & roles:
                    exact = best  # the same role word beats one of its group ("премьер" over a later "канцлер")
                    exact_marked = best_marked if best_marked == best else exact_marked
                break
        if ahead and best is not None:
            return best
    return exact_marked or exact or best_marked or best


@cache
def _name_gender(name: str) -> str | None:
    """Grammatical gender of a person's name by pymorphy3 ("Марина Лазарева" -> Fem), else None."""
    from svodka import models

    for word in name.split():
        for p in models.morph().parse(word.lower()):
            tag = p.tag
            if ("Name" in tag or "Surn" in tag) and "nomn" in tag and tag.gender in ("masc", "femn"):
                return "Masc" if tag.gender == "masc" else "Fem"
    return None


#: Short adjectives that report an opinion like "считает": "В штабе уверены, что C", "Он убежден, что C".
_SHORT_CUES = {"уверен", "уверена", "уверено", "уверены", "убежден", "убеждена", "убеждены"}
_SAY = frozenset({"say"})


def cue_flags(tok: Token) -> frozenset[str]:
    """Flags of ``tok`` as a reporting word (empty when it is not one). An infinitive ("обещал
    сообщить") is planned speech, not a speech act."""
    if tok.lang != "en" and fold(tok.text) in _SHORT_CUES:
        return _SAY
    if tok.lang != "en" and (tok.pos not in ("VERB", "AUX", "") or tok.feats.get("VerbForm") == "Inf"):
        return frozenset()
    if tok.feats.get("VerbForm") == "Part" and tok.feats.get("Voice") == "Pass" and "Case" in tok.feats:
        return frozenset()  # "физика, признанного виновным": a full passive participle reports no one's speech
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
        #: reporting word offset -> span of its speaker phrase as written (for later role nouns)
        self.phrases: dict[int, tuple[int, int]] = {}
        #: insides of quotation marks
        self.marks: list[tuple[int, int]] = _quote_spans(a.text)

    def in_marks(self, pos: int) -> bool:
        """Is ``pos`` inside quotation marks?"""
        i = bisect.bisect_right(self.marks, (pos, len(self.text))) - 1
        return i >= 0 and self.marks[i][0] <= pos < self.marks[i][1]

    def pending_via_for(self, si: int) -> list[str]:
        return [eid for s, eid in self.pending_via if s == si]

    def _title_end(self) -> int:
        first = self.text.split("\n", 1)[0]
        rest = self.text[len(first):]
        # a headline ends without a full stop; one may end in a quotation ("... биться "до последней капли"")
        if rest.strip() and len(first.strip()) < 250 and not re.search(r"[.!?…][»\"”]?\s*$", first) \
                and not re.match(r"\s*[«\"„“—–-]", first):
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


#: Pronoun (any case) -> the gender or number it agrees with.
_PRONOUN_AGREE = {"он": "Masc", "его": "Masc", "него": "Masc", "ему": "Masc", "она": "Fem", "ее": "Fem",
                  "нее": "Fem", "ей": "Fem", "они": "Plur", "их": "Plur", "них": "Plur", "he": "Masc",
                  "his": "Masc", "she": "Fem", "her": "Fem", "they": "Plur", "their": "Plur"}


def _pronoun_agree(word: str) -> str | None:
    m = _PRONOUN.match(word)
    return _PRONOUN_AGREE.get(fold(m.group(1) if m else word))


def _cue_pos(q: _Quote) -> int:
    return q.cue.start if q.cue is not None else q.start


def _quote_gender(d: _Doc, q: _Quote) -> str | None:
    """Gender or number of a quote's speaker: from its past-tense cue ("заявила" -> Fem,
    "сообщили" -> Plur), else from a person's name."""
    if q.cue is not None and q.cue.lang != "en" and q.cue.feats.get("VerbForm") != "Conv":
        if q.cue.feats.get("Number") == "Plur":
            return "Plur"
        if q.cue.feats.get("Gender") in ("Masc", "Fem", "Neut"):
            return q.cue.feats["Gender"]
    ent = _ent(d, q.speaker)
    return _name_gender(ent.name) if ent is not None and ent.type == "PER" else None


def _agrees(want: str | None, got: str | None) -> bool:
    return want is None or got is None or want == got or (want == "Masc" and got == "Neut")


def _previous_quotes(d: _Doc, pos: int) -> list[_Quote]:
    """Quotes whose reporting word comes before ``pos``, nearest first."""
    return sorted((q for q in d.quotes if _cue_pos(q) < pos), key=_cue_pos, reverse=True)


def _quoted_speaker(q: _Quote) -> bool:
    """Has ``q`` a speaker a later pronoun or role noun can stand for (not an unresolved pronoun)?"""
    return bool(q.speaker) or bool(q.speaker_text and not _PRONOUN.match(q.speaker_text)
                                   and not _PERSONAL.match(q.speaker_text))


def _resolve_pronoun(d: _Doc, pos: int, want: str | None = None) -> tuple[str | None, str | None] | None:
    """"он/она/они", "по его словам": the speaker of the nearest quote before that agrees in
    gender or number (a person, an organisation that spoke through a representative, or a
    descriptive speaker such as "сотрудник посольства"); else the nearest person named before
    whose name agrees. Outlets that only relayed are skipped."""
    quoted: _Quote | None = None
    for q in _previous_quotes(d, pos):
        if not _quoted_speaker(q) or q.relay or _is_media(_ent(d, q.speaker)):
            continue
        ent = _ent(d, q.speaker)
        if ent is not None and ent.type != "PER" and want == "Fem":
            continue
        if _agrees(want, _quote_gender(d, q)):
            quoted = q
            break
    # a pronoun that opens its clause ("Он также заявил", "По его словам") continues a person who became
    # the subject after that quote, in this sentence or the one before ("Похожее высказывание сделал и
    # глава Форин-офиса Уильям Хейг. Он также заявил"); after its cue ("..., - сказал он") it is the
    # speaker of the quotes before
    k = bisect.bisect_left(d.token_starts, pos)
    # only after direct speech ("«...», — сказал он"); "C, указал он" after a content of its own sentence
    # continues the subject named since, like an opening pronoun
    inverted = k > 1 and bool(cue_flags(d.a.tokens[k - 1])) and any(
        t.text in _DASHES or t.text in _OPEN_CLOSE.values() for t in d.a.tokens[max(0, k - 4):k - 1])
    si = _sent_of(d.a, pos)
    since = d.a.sentences[max(0, si - 1)].start
    if quoted is not None:
        since = max(since, _cue_pos(quoted), quoted.end)
    if want == "Plur" and not (inverted and quoted is not None):
        plural = _plural_subject(d, pos, since)
        if plural is not None:
            return None, plural
    subject = None if inverted and quoted is not None else _last_subject(d, pos, since, want)
    if subject is not None:
        return subject, None
    if quoted is not None:
        return quoted.speaker, (None if quoted.speaker else quoted.speaker_text)
    subject = _last_subject(d, pos, -1, want)
    if subject is not None:
        return subject, None
    role = _role_subject(d, pos, d.a.sentences[max(0, si - 1)].start, want)
    if role is not None:
        return role
    best: str | None = None
    for ms, _me, ent in d.mentions:
        if ms >= pos:
            break
        if ent.type == "PER" and _agrees(want, _name_gender(ent.name)) and want != "Plur":
            best = ent.id
    return (best, None) if best else None


def _plural_subject(d: _Doc, pos: int, after: int) -> str | None:
    """"Однако врачи сомневались ... Они отмечали, что": the last plural animate common noun in the
    nominative between ``after`` and ``pos`` outside quotations, as written (a descriptive speaker)."""
    k = bisect.bisect_left(d.token_starts, pos) - 1
    while k >= 0 and d.a.tokens[k].start > after:
        t = d.a.tokens[k]
        k -= 1
        if t.pos == "NOUN" and t.feats.get("Case") == "Nom" and t.feats.get("Number") == "Plur" \
                and t.feats.get("Animacy") == "Anim" and d.entity_at(t.start, t.end) is None \
                and not d.covered(t.start, t.end) and not any(qs <= t.start < qe for qs, qe in d.marks):
            return t.text
    return None


def _role_subject(d: _Doc, pos: int, after: int, want: str | None) -> tuple[str | None, str | None] | None:
    """"Генпрокурор России ... назвал ситуацию «удручающей». По его словам, C" with no name before: the
    role noun in the nominative the pronoun continues, resolved like a role speaker."""
    if want == "Plur":
        return None
    k = bisect.bisect_left(d.token_starts, pos) - 1
    while k >= 0 and d.a.tokens[k].start > after:
        t = d.a.tokens[k]
        if t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == "Nom" and t.feats.get("Number") != "Plur" \
                and lemmas(t.text) & set(person_roles()) and not any(qs <= t.start < qe for qs, qe in d.marks) \
                and _agrees(want, t.feats.get("Gender")):
            si = _sent_of(d.a, t.start)
            sent = d.a.sentences[si]
            toks = d.a.tokens[sent.first_token:sent.last_token]
            head = k - sent.first_token
            s, e = _phrase(toks, head, 0, len(toks))
            spk, st = _speaker_from_phrase(d, toks, s, e, head)
            return (spk, st) if spk or st else None
        k -= 1
    return None


def _last_subject(d: _Doc, pos: int, after: int, want: str | None) -> str | None:
    """The last person named in the nominative between ``after`` and ``pos``, outside quotations and
    agreeing with ``want``: the subject a later "он/она" most likely continues."""
    if want == "Plur":
        return None
    i = bisect.bisect_left(d.mention_starts, pos) - 1
    while i >= 0 and d.mentions[i][0] > after:
        ms, me, ent = d.mentions[i]
        i -= 1
        if ent.type != "PER" or _role_only(ent) or d.covered(ms, me) or any(qs <= ms < qe for qs, qe in d.marks):
            continue
        k = bisect.bisect_left(d.token_starts, ms)
        if k < len(d.a.tokens) and d.a.tokens[k].feats.get("Case") == "Nom" and _agrees(want, _name_gender(ent.name)):
            return ent.id
    return None


#: Roles that are bodies, not people: "в пресс-службе" is the body whose press service was named before.
_BODY_ROLES = {"пресс-служба", "служба", "пресс-центр", "канцелярия", "аппарат", "ведомство", "управление"}


def _role_body(d: _Doc, roles: frozenset[str], pos: int) -> str | None:
    """The organisation named right after the last earlier use of one of ``roles`` ("пресс-службы
    ГУВД Пермского края" for a later "в пресс-службе"), else None."""
    k = bisect.bisect_left(d.token_starts, pos) - 1
    toks = d.a.tokens
    while k >= 0:
        if lemmas(toks[k].text) & roles:
            for _ms, _me, ent in d.mentions_in(toks[k].end, min(len(d.text), toks[k].end + 60)):
                if ent.type != "PER" and not _is_media(ent):
                    return ent.id
        k -= 1
    return None


#: Classifier nouns of outlets and channels: "в новостном канале телекомпании НТВ" is where, not who.
_MEDIA_ROLES = {"канал", "телеканал", "сайт", "портал", "газета", "журнал", "издание", "агентство",
                "информагентство", "радиостанция", "телекомпания"}
_MEDIA_CLASSES = ("телекомпания", "телеканал", "агентство", "информагентство", "издание", "газета", "журнал",
                  "портал", "радиостанция")
#: Class nouns that stand for the last organisation of their class named before ("телекомпания" after
#: "телекомпания CNN", "в министерстве" after "МИД РФ"): lemma -> pattern on the folded name (None: outlets).
_CLASS_NAMES: dict[str, re.Pattern[str] | None] = {
    **{c: None for c in _MEDIA_CLASSES},
    "министерство": re.compile(r"^(?:мин|мид\b|министерств)"),
    "ведомство": re.compile(r"^(?:мин|мид\b|мвд\b|фсб\b|госдеп|министерств|департамент|управлени|служб|"
                            r"федеральн\w* служб|гувд|умвд|гу мвд)"),
}


def _class_referent(d: _Doc, role: str, pos: int) -> str | None:
    """The last organisation of class ``role`` mentioned before ``pos`` (see ``_CLASS_NAMES``), else None."""
    pattern = _CLASS_NAMES[role]
    i = bisect.bisect_left(d.mention_starts, pos) - 1
    while i >= 0 and d.mentions[i][0] > pos - 800:  # a class noun refers back a paragraph or two
        ms, _me, ent = d.mentions[i]
        if ent.type == "ORG" and not d.covered(ms, ms + 1):
            if pattern is None and (_is_media(ent) or _MEDIA_BEFORE.search(d.text[max(0, ms - 40):ms])):
                return ent.id
            if pattern is not None and not _is_media(ent) and pattern.search(fold(ent.name)):
                return ent.id
        i -= 1
    return None


#: Sources with no name of their own: "источник в МВД", "собеседник агентства", "очевидцы".
_GENERIC_SOURCES = {"источник", "собеседник", "очевидец", "свидетель", "чиновник", "сотрудник", "эксперт",
                    "аналитик", "наблюдатель"}

#: Heads of unnamed sources a later "собеседник агентства" continues ("источник в военной разведке").
_SOURCE_HEADS = {"источник", "собеседник"}

#: Nouns after a role noun that leave it bare: "собеседник агентства" is the person just quoted.
_BARE_COMPLEMENT = {"агентство", "издание", "газета", "телеканал", "информагентство", "ведомство"}


def _resolve_role(d: _Doc, toks: list[Token], s: int, e: int, head: int) -> tuple[str | None, str | None] | None:
    """A speaker named by a role ("представитель пресс-службы", "собеседник агентства", "член ОНК",
    "американский дипломат", "в пресс-службе"): the person introduced with that role, or the
    speaker of the last quote whose speaker phrase had that role, whichever is nearer; for a bare
    role of a person ("министр", "источник", "собеседник агентства") the speaker of the last quote;
    failing these, a person introduced with the role just after (a lead sentence). None when
    nothing fits: the role then stays descriptive."""
    head_lemmas = _role_lemmas(toks, head)
    known = set(person_roles()) | voice_roles()
    others = frozenset(lem for t in toks[s:e] if t.pos in ("NOUN", "PROPN") for lem in lemmas(t.text) & known)
    # the head's role, not its possessor's: "пресс-секретарь российского президента" is not the president
    roles = frozenset(head_lemmas & known) | (others & _BODY_ROLES) if head_lemmas & known else others
    if not head_lemmas & known and (introduced := _introduced_as(d, toks, s, e, head)) is not None:
        return introduced
    if not head_lemmas & known and (described := _described_speaker(d, toks, s, e, head)) is not None:
        return described
    if not roles:
        return None
    pos = toks[s].start
    if roles & _BODY_ROLES and not d.mentions_in(toks[s].start, toks[e - 1].end):
        body = _role_body(d, roles, pos)
        if body is not None:
            return body, None
    classes = head_lemmas & set(_CLASS_NAMES) or (others & set(_CLASS_NAMES) if head_lemmas & voice_roles() else set())
    if classes and not d.mentions_in(toks[s].start, toks[e - 1].end):
        # "Телекомпания сообщала", "отметили в министерстве", "представитель ведомства"
        for role in sorted(classes):
            body = _class_referent(d, role, pos)
            if body is not None:
                return body, None
    cands: list[tuple[int, str | None, str | None]] = []
    known_all = set(person_roles()) | voice_roles()
    marks = frozenset(fold(t.text)[:5] for t in toks[s:e] if t.pos in ("ADJ", "NOUN", "PROPN")
                      and len(t.text) >= 5 and not lemmas(t.text) & known_all)
    holder = _role_holder(d, roles, pos, marks=marks)
    # "Издание заключает" is no person introduced "в разговоре с изданием пресс-секретарь X"
    outlet_class = roles <= _MEDIA_ROLES
    held = _ent(d, holder[1]) if holder is not None else None
    if holder is not None and not (outlet_class and held is not None and held.type == "PER"):
        cands.append((holder[0], holder[1], None))
    generic = bool(head_lemmas & _GENERIC_SOURCES)  # "собеседник агентства": whoever was quoted last
    for q in [] if generic else _previous_quotes(d, pos):
        phrase = d.phrases.get(_cue_pos(q))
        if phrase is None or not _quoted_speaker(q) or phrase[0] >= pos:
            continue
        words = {lem for w in re.findall(r"[\w-]+", d.text[phrase[0]:phrase[1]]) for lem in lemmas(w)}
        if any(_same_role(frozenset(words), r) for r in roles):
            cands.append((_cue_pos(q), q.speaker, None if q.speaker else q.speaker_text))
            break
    if cands:
        _at, spk, st = max(cands, key=lambda c: c[0])
        return spk, st
    rest = [t for k, t in enumerate(toks[s:e], s) if k != head and t.pos not in ("ADJ", "DET", "PUNCT")]
    inner = d.mentions_in(toks[s].start, toks[e - 1].end)
    # "собеседник "Коммерсанта"" is the one the outlet just quoted ("источник CNN" may be a new one)
    told = "собеседник" in head_lemmas
    bare = all(told and _is_media(m[2]) for m in inner) and all(
        lemmas(t.text) & _BARE_COMPLEMENT or (told and _is_media(d.entity_at(t.start, t.end))) or t.text in _OPEN_CLOSE
        or t.text in _OPEN_CLOSE.values() for t in rest)
    plural = toks[head].feats.get("Number") == "Plur"  # "немецкие дипломаты" are not the one quoted before
    if bare and not plural and roles & (set(person_roles()) | {"источник"}):
        for q in _previous_quotes(d, pos):
            if _quoted_speaker(q) and not q.relay and not _is_media(_ent(d, q.speaker)):
                if "источник" in head_lemmas and (named := _ent(d, q.speaker)) is not None and named.type == "PER":
                    return None  # "Как рассказал источник" after a named person is another, unnamed one
                return q.speaker, None if q.speaker else q.speaker_text
    ahead = _role_holder(d, roles, toks[e - 1].end, ahead=True)
    if ahead is None or (outlet_class and (held := _ent(d, ahead[1])) is not None and held.type == "PER"):
        return None
    return ahead[1], None


def _introduced_as(d: _Doc, toks: list[Token], s: int, e: int, head: int) -> tuple[str | None, str | None] | None:
    """A singular person noun outside the role lists that the text used right before a person's name
    ("Блоггер Илья Варламов" for a later "по мнению блоггера", "юрист Весельницкая" for "юрист обещала",
    "помощник депутата ... Даниил Тяжкун" for "по словам помощника депутата"): that person, the
    last one so introduced before the phrase. None otherwise: the phrase stays descriptive."""
    t = toks[head]
    if t.pos not in ("NOUN", "PROPN") or t.feats.get("Animacy") != "Anim" or t.feats.get("Number") == "Plur" \
            or d.mentions_in(toks[s].start, toks[e - 1].end) or d.entity_at(t.start, t.end) is not None:
        return None
    holder = _role_holder(d, frozenset(lemmas(t.text)), toks[s].start, agree=True)
    return (holder[1], None) if holder is not None else None


#: Determiners that keep a person noun definite ("сама женщина", "этот политик").
_DEFINITE = {"сам", "этот", "тот", "самый"}


def _described_speaker(d: _Doc, toks: list[Token], s: int, e: int, head: int) -> tuple[str | None, str | None] | None:
    """A bare singular person noun outside the role lists ("актер признался", "Девушка рассказала",
    "Автор статьи напомнил") after a quote of a named person of the same gender (or of a name of
    unknown gender) in this or the previous paragraph, with no other person named since: that person
    (the noun describes the one the text is about). Unnamed sources ("очевидец", "эксперт") never."""
    t = toks[head]
    gender = t.feats.get("Gender")
    if t.pos not in ("NOUN", "PROPN") or t.feats.get("Animacy") != "Anim" or t.feats.get("Number") == "Plur" \
            or gender not in ("Masc", "Fem") or lemmas(t.text) & _GENERIC_SOURCES \
            or d.mentions_in(toks[s].start, toks[e - 1].end) or d.entity_at(t.start, t.end) is not None:
        return None
    for k in range(s, e):  # "Сама женщина", "автор статьи": modifiers and inanimate complements only
        x = toks[k]
        if k != head and not (x.pos in ("ADJ", "PRON") or (x.pos == "DET" and lemmas(x.text) & _DEFINITE)
                              or (x.pos == "NOUN" and x.feats.get("Animacy") == "Inan")):
            return None  # "любой вкладчик", "один из ..." describe no one in particular
    pos = toks[s].start
    for q in _previous_quotes(d, pos):
        if q.relay or not q.speaker:
            continue
        ent = _ent(d, q.speaker)
        if ent is None or ent.type != "PER" or d.para(pos) - d.para(_cue_pos(q)) > 2 \
                or not _agrees(gender, _quote_gender(d, q)):
            return None
        after = max(_cue_pos(q), q.end)
        others = [m for m in d.mentions_in(after, pos) if m[2].type == "PER" and m[2].id != q.speaker
                  and not any(qs <= m[0] < qe for qs, qe in d.marks)]
        return None if others else (q.speaker, None)  # another person named since: not sure whom it describes
    return None


def _role_only(ent: Entity) -> bool:
    """An entity whose name is only a role word ("Канцлер" tagged as a person): not a name."""
    words = re.findall(r"[^\W\d_]+", ent.name)
    known = set(person_roles()) | voice_roles()
    return bool(words) and all(lemmas(w) & known for w in words)


def _speaker_from_phrase(d: _Doc, toks: list[Token], s: int, e: int, head: int) -> tuple[str | None, str | None]:
    a = d.a
    start, end = toks[s].start, toks[e - 1].end
    if _PRONOUN.match(toks[head].text) or _EN_PRONOUN.match(toks[head].text):
        found = _resolve_pronoun(d, start, _pronoun_agree(toks[head].text))
        return found if found else (None, toks[head].text)
    if _PERSONAL.match(toks[head].text):
        return None, toks[head].text
    ments = [m for m in d.mentions_in(start, end) if not _role_only(m[2])]
    for _ms, _me, ent in ments:
        if ent.type == "PER":
            return ent.id, None
    head_ent = d.entity_at(toks[head].start, toks[head].end)
    if head_ent is not None and not _role_only(head_ent):
        return head_ent.id, None
    # "сотрудник пресс-службы областного управления МЧС" speaks for МЧС like "пресс-служба МЧС"
    voice = {lem for t in toks[s:e] if t.pos in ("NOUN", "PROPN", "ADJ") for lem in lemmas(t.text)} & voice_roles()
    text = a.text[start:end]
    told = bool(lemmas(toks[head].text) & _GENERIC_SOURCES) and bool(ments) and all(_is_media(m[2]) for m in ments)
    if voice and ments and not told:  # "собеседник агентства РИА Новости" is not the agency
        # "пресс-секретарь президента России" after "пресс-секретарь президента России Дмитрий Песков"
        holder = _role_holder(d, frozenset(voice), start)
        if holder is not None and any(m[2].id == o[2].id for m in ments
                                      for o in d.mentions_in(max(0, holder[0] - 150), holder[0])):
            return holder[1], text
        return ments[0][2].id, None
    found = _resolve_role(d, toks, s, e, head)
    if found is not None and found[0] is not None:
        return found[0], text  # the person or body, and the role as the text names them
    if found is not None and found[1] is not None and {lem for w in re.findall(r"[\w-]+", found[1])
                                                       for lem in lemmas(w)} & _SOURCE_HEADS:
        return None, found[1]  # "собеседник агентства" after "источник в военной разведке": that source
    return None, text


def _abbrev_dot(d: _Doc, toks: list[Token], i: int) -> bool:
    """Is the full stop ``toks[i]`` part of an abbreviation ("и.о.", "корр.ИТАР-ТАСС"), not a sentence end?"""
    t = toks[i]
    return t.text == "." and i > 0 and (not d.text[t.end:t.end + 1].isspace() or (
        len(toks[i - 1].text) == 1 and toks[i - 1].text.isalpha()))


#: Dative nouns naming whom a statement was made to: "сообщил агентству X", "рассказал корр. ТАСС".
_TOLD = {"агентству", "агентствам", "изданию", "газете", "телеканалу", "каналу", "радиостанции", "порталу",
         "журналу", "сайту", "корр", "корреспонденту", "корреспондентам", "журналистам", "журналисту",
         "телекомпании", "информагентству"}


def _addressee(d: _Doc, toks: list[Token], i: int) -> bool:
    """Is ``toks[i]`` (after a reporting word) the one told: a dative class noun or the outlet it
    introduces ("агентству "Интерфакс"", "Интерфаксу", "корр. ИТАР-ТАСС")?"""
    t = toks[i]
    if fold(t.text) in _TOLD:
        return True
    ent = d.entity_at(t.start, t.end)
    if ent is None or not _is_media(ent):
        return False
    j = i - 1
    while j >= 0 and (toks[j].text in _OPEN_CLOSE or toks[j].text in _OPEN_CLOSE.values() or toks[j].text == "."):
        j -= 1
    return t.feats.get("Case") == "Dat" or (j >= 0 and fold(toks[j].text) in _TOLD)


def _find_speaker(d: _Doc, sent_toks: list[Token], cue_i: int, lo: int, hi: int,
                  prefer_after: bool) -> tuple[str | None, str | None, int, int]:
    """Speaker id or text for the cue at ``sent_toks[cue_i]``, looking in [lo, hi) outside content.

    Returns (speaker id, speaker text, phrase start offset, phrase end offset).
    """
    def after() -> tuple[str | None, str | None, int, int] | None:
        i = cue_i + 1
        while i < hi:
            t = sent_toks[i]
            if t.text == "." and _abbrev_dot(d, sent_toks, i):
                i += 1  # an abbreviation inside the clause: "и.о. пресс-секретаря", "корр.ИТАР-ТАСС"
                continue
            if t.text in (",", ".", ";", ":") or t.text in _DASHES:
                if t.text == "," and i + 2 < hi and fold(sent_toks[i + 1].text) in ("со", "ссылаясь"):
                    i += 1
                    continue
                return None
            if _addressee(d, sent_toks, i):
                # "сообщили агентству "Интерфакс" в Минздраве", "сообщил корр. ИТАР-ТАСС X": told, not telling
                ent = d.entity_at(t.start, t.end)
                i += 1
                while i < hi and ent is not None and d.entity_at(sent_toks[i].start, sent_toks[i].end) is ent:
                    i += 1
                continue
            if t.lang != "en" and t.pos == "ADP":
                # skip the prepositional phrase (в четверг, в эфире X)
                i += 1
                while i < hi and sent_toks[i].pos in ("ADJ", "DET", "NUM", "PUNCT") and sent_toks[i].text not in ",.":
                    i += 1
                i += 1
                continue
            if _head_ok(t, d) and not (t.lang == "en" and t.pos == "PRON" and not _EN_PRONOUN.match(t.text)):
                s, e = _phrase(sent_toks, i, cue_i + 1, hi)
                if _is_media(d.entity_at(t.start, t.end)):
                    # "сообщил ИТАР-ТАСС официальный представитель МИД": the outlet was told, not telling
                    x = i + 1
                    while x < hi and d.entity_at(sent_toks[x].start, sent_toks[x].end) is d.entity_at(t.start, t.end):
                        x += 1
                    while x < hi and sent_toks[x].text not in (",", ".", ";", ":") and not _finite(sent_toks[x]) \
                            and sent_toks[x].pos != "ADP":
                        if _head_ok(sent_toks[x], d) and sent_toks[x].pos != "PRON" \
                                and not _is_media(d.entity_at(sent_toks[x].start, sent_toks[x].end)):
                            break
                        x += 1
                    if x < hi and sent_toks[x].text not in (",", ".", ";", ":") and not _finite(sent_toks[x]) \
                            and sent_toks[x].pos != "ADP":
                        i = x
                        continue
                sp, st = _speaker_from_phrase(d, sent_toks, s, e, i)
                if sp is not None and st is not None and d.entity_at(t.start, t.end) is None:
                    # "считает руководитель пиар-службы группы компаний DIXIS Кирилл Лубнин": a name in the
                    # nominative later in the clause is the role's holder, not the one the role recalls
                    k = e
                    while k < min(hi, e + 8) and sent_toks[k].text not in (",", ".", ";", ":") \
                            and not _finite(sent_toks[k]) and sent_toks[k].pos != "ADP":
                        ent = d.entity_at(sent_toks[k].start, sent_toks[k].end)
                        if ent is not None and ent.type == "PER" and not _role_only(ent) \
                                and sent_toks[k].feats.get("Case") in ("Nom", None):
                            return ent.id, None, sent_toks[s].start, sent_toks[k].end
                        k += 1
                if st is not None and (sp is None or d.entity_at(t.start, t.end) is None):
                    # a name later in the same clause is in apposition ("начальник ... полковник Z")
                    k = e
                    while k < hi and sent_toks[k].text not in (",", ".", ";", ":") and not _finite(sent_toks[k]):
                        ent = d.entity_at(sent_toks[k].start, sent_toks[k].end)
                        if ent is not None and ent.type == "PER" and (sp is None or not _role_only(ent)):
                            return ent.id, None, sent_toks[s].start, sent_toks[k].end
                        k += 1
                    # "пообещал лидер партии, радикальный проповедник Хадим Ризви": a second apposition
                    x = k + 1
                    while k < hi and sent_toks[k].text == "," and x < min(hi, k + 6) and sent_toks[x].pos in (
                            "ADJ", "NOUN", "PROPN") and sent_toks[x].feats.get("Case") in ("Nom", None):
                        ent = d.entity_at(sent_toks[x].start, sent_toks[x].end)
                        if ent is not None and ent.type == "PER" and not _role_only(ent):
                            return ent.id, None, sent_toks[s].start, sent_toks[x].end
                        x += 1
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

    if "cite" in cue_flags(sent_toks[cue_i]):
        # "цитирует Челаха BNews.kz", "процитировали ее участники": the one quoted is the object
        for x in list(range(cue_i + 1, hi)) + list(range(cue_i - 1, lo - 1, -1)):
            t = sent_toks[x]
            if t.text in (",", ".", ";", ":") or t.text in _DASHES:
                if x > cue_i:
                    continue
                break
            w = fold(t.text)
            if w in ("его", "ее", "их") and t.pos == "PRON":
                found = _resolve_pronoun(d, t.start, _pronoun_agree(w))
                if found is not None:
                    return found[0], found[1], t.start, t.end
            ent = d.entity_at(t.start, t.end)
            if ent is not None and ent.type == "PER" and t.feats.get("Case") != "Nom":
                return ent.id, None, t.start, t.end
    words_of = _words_of(d, sent_toks, cue_i, hi)
    if words_of is not None:
        return words_of
    form = sent_toks[cue_i].feats.get("VerbForm")
    if form == "Part" and cue_i >= 2 and sent_toks[cue_i - 1].text == ",":
        # "... Джозефа Муссомели, заявившего, что ...": the person the participle qualifies
        for x in range(cue_i - 2, max(lo - 1, cue_i - 6), -1):
            ent = d.entity_at(sent_toks[x].start, sent_toks[x].end)
            if ent is not None and not _is_media(ent):
                return ent.id, None, sent_toks[x].start, sent_toks[x].end
    # "X сообщил, что ... и подчеркнул, что ...", "X заверил, что ..., но признал, что ...",
    # "X сказал, отметив, что ...": the second cue shares the first one's subject
    if form == "Conv" or (cue_i > 0 and fold(sent_toks[cue_i - 1].text) in ("и", "но", "а", "однако", "and", "but")):
        # the nearest verb before outside earlier content ("заявил, что ущелье ..., которая угрожает ...,
        # и добавил": not "угрожает"), a reporting word or not ("Путин в этом отказал, хотя и выразил пожелание")
        p = next((x for x in range(cue_i - 1, lo - 1, -1) if (cue_flags(sent_toks[x]) & {"say", "act", "about"}
                  or _finite(sent_toks[x])) and sent_toks[x].feats.get("VerbForm") != "Conv"
                  and not d.covered(sent_toks[x].start, sent_toks[x].end)), -1)
        if p >= 0 and not (cue_flags(sent_toks[p]) & {"say", "act", "about"}) and _prefer_after(sent_toks, p):
            p = -1  # "спустился щеголь в кожанке и сказал": an inverted subject is left to the search below
        if p >= 0:
            shared = _find_speaker(d, sent_toks, p, lo, cue_i, _prefer_after(sent_toks, p))
            if shared[0] or (shared[1] and cue_flags(sent_toks[p])):  # another verb's subject only when named
                return shared
    order = (after, before) if prefer_after else (before, after)
    for fn in order:
        got = fn()
        if got is not None and (got[0] or got[1]):
            if got[2] >= 0:
                d.phrases[sent_toks[cue_i].start] = (got[2], got[3])
            return got
    # impersonal plural with a place of speech: "сообщили в пресс-службе МВД", "сказали в полиции"
    for i in range(lo, hi):
        t = sent_toks[i]
        if fold(t.text) in ("в", "во") and i + 1 < hi and abs(i - cue_i) <= 8 and t.lang != "en":
            j = i + 1
            while j + 1 < hi and sent_toks[j].pos == "ADJ" and \
                    d.entity_at(sent_toks[j].start, sent_toks[j].end) is None:
                j += 1  # "в правоохранительных органах края"
            if sent_toks[j].pos in ("NOUN", "PROPN") and fold(sent_toks[j].text) not in ("эфире", "интервью"):
                s, e = _phrase(sent_toks, j, i + 1, hi)
                ments = d.mentions_in(sent_toks[s].start, sent_toks[e - 1].end)
                if ments and all(m[2].type == "LOC" for m in ments) and d.entity_at(
                        sent_toks[j].start, sent_toks[j].end) is None:
                    ments = []  # "в правоохранительных органах Ставропольского края": the place does not speak
                if ments and not _is_media(ments[0][2]):
                    return ments[-1][2].id if len(ments) == 1 or (lemmas(sent_toks[j].text) & voice_roles()) \
                        else ments[0][2].id, None, sent_toks[s].start, sent_toks[e - 1].end
                body_noun = bool(lemmas(sent_toks[j].text) & (voice_roles() - _MEDIA_ROLES) and not ments) or (
                    sent_toks[j].text.isupper() and len(sent_toks[j].text) >= 3)  # "в пресс-службе", "в РОВД"
                if (sent_toks[j].feats.get("Case") == "Loc" and t.start > sent_toks[cue_i].start) or body_noun:
                    ps, pe = sent_toks[s].start, sent_toks[e - 1].end
                    role = _resolve_role(d, sent_toks, s, e, j)  # "в пресс-службе": the body quoted before
                    if role is not None:
                        return role[0], d.text[ps:pe] if role[0] else role[1], ps, pe
                    return None, d.text[ps:pe], ps, pe
    return None, None, -1, -1


_WORDS = {"слова", "заявление", "высказывание", "цитату"}


def _words_of(d: _Doc, toks: list[Token], cue_i: int, hi: int) -> tuple[str | None, str | None, int, int] | None:
    """"передает ТАСС слова Пескова", "приводит агентство слова представителя МИД": the one whose
    words are relayed speaks (the outlet goes to ``via``)."""
    for x in range(cue_i + 1, min(hi - 1, cue_i + 5)):
        if toks[x].text in (",", ".", ";", ":"):
            return None
        if fold(toks[x].text) in _WORDS:
            y = x + 1
            w = fold(toks[y].text)
            if w in ("его", "ее", "их"):
                found = _resolve_pronoun(d, toks[y].start, _pronoun_agree(w))
                return (found[0], found[1], toks[y].start, toks[y].end) if found else None
            stop = next((z for z in range(y, hi) if toks[z].text in (",", ".", ";", ":")), hi)
            ments = [m for m in d.mentions_in(toks[y].start, toks[stop - 1].end) if not _is_media(m[2])]
            per = [m for m in ments if m[2].type == "PER"]
            if per or ments:
                return (per or ments)[0][2].id, None, toks[y].start, toks[stop - 1].end
            return None
    return None


def _relative_clause_before(toks: list[Token], i: int, lo: int) -> bool:
    """``X, высказывания которого ..., подтвердил``: the comma closes a relative clause."""
    j = i - 1
    while j >= lo and toks[j].text != ",":
        if fold(toks[j].text) in ("который", "которого", "которая", "которой", "которые", "которых", "чьи"):
            return True
        j -= 1
    # "власти, находящиеся в ссылке, сообщили": a participial clause
    return j >= lo and j + 1 < i and toks[j + 1].feats.get("VerbForm") == "Part"


_RELATIVE = ("который", "которая", "которое", "которые", "которого", "которой", "которому", "которым", "которых",
             "которую", "чей", "чья", "чьи")


def _speaker_comma(toks: list[Token], comma: int, hi: int) -> int:
    """The comma that ends the speaker phrase of "По словам X, C" / "Как заявила X, C" when ``comma``
    (the first one) opens an apposition or a clause of X ("Мария Фомушина, пресс-секретарь суда,
    который принял решение, C"; "журналистов, сопровождавших Алауи, C"): the content starts after it."""
    def next_comma(j: int) -> int:
        return next((k for k in range(j, hi) if toks[k].text in (",", ".", ";", ":")), hi)

    j = comma + 1
    if j >= hi:
        return comma
    t = toks[j]
    known = set(person_roles()) | voice_roles()
    case = toks[comma - 1].feats.get("Case")  # the apposition or participle agrees with the speaker's last word
    apposition = t.pos in ("NOUN", "PROPN") and t.feats.get("Number") == "Sing" and t.feats.get("Animacy") == "Anim" \
        and bool(lemmas(t.text) & known)
    participle = t.feats.get("VerbForm") == "Part"
    if not (apposition or participle) or case is None or t.feats.get("Case") != case:
        return comma
    end = next_comma(j)
    if end >= hi or toks[end].text != "," or any(_finite(x) for x in toks[j:end]):
        return comma
    if end + 1 < hi and fold(toks[end + 1].text) in _RELATIVE:
        rel_end = next_comma(end + 1)
        if rel_end >= hi or toks[rel_end].text != ",":
            return comma
        end = rel_end
    return end


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
            stop = next((j for j in range(i + 2, min(hi, i + 16)) if toks[j].text in (",", ".", ";", ":", "(")
                         or toks[j].text in _DASHES or _finite(toks[j])), min(hi, i + 16))
            ments = d.mentions_in(toks[i + 2].start, toks[max(i + 2, min(stop, i + 8) - 1)].end) \
                or d.mentions_in(toks[i + 2].start, toks[stop - 1].end)
            per = [m for m in d.mentions_in(toks[i + 2].start, toks[stop - 1].end) if m[2].type == "PER"]
            if (per or ments) and not _generic_head(d, toks, i + 2, stop):
                return (per or ments)[0][2].id, None
            j = i + 2
            while j < min(hi, i + 10) and toks[j].text not in (",", ".", ";", ":", "(", ")") \
                    and toks[j].text not in _DASHES and not _finite(toks[j]):
                j += 1
            if j > i + 2 and any(t.pos == "NOUN" for t in toks[i + 2:j]):
                return None, d.text[toks[i + 2].start:toks[j - 1].end]
    return None


def _generic_head(d: _Doc, toks: list[Token], k: int, stop: int) -> bool:
    """Is the phrase toks[k:stop] an unnamed source whose names are only its modifiers ("источники в
    окружении Тиллерсона", "информированного источника "Интерфакса""): the name does not speak."""
    head = next((j for j in range(k, stop) if toks[j].pos in ("NOUN", "PROPN")), -1)
    if head < 0 or not lemmas(toks[head].text) & _GENERIC_SOURCES:
        return False
    if d.entity_at(toks[head].start, toks[head].end) is not None:
        return False
    nxt = toks[head + 1] if head + 1 < stop else None
    named = nxt is not None and nxt.feats.get("Case") == toks[head].feats.get("Case") and (
        (ent := d.entity_at(nxt.start, nxt.end)) is not None and ent.type == "PER")
    return not named


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


def _direct_spans(d: _Doc) -> list[tuple[int, int]]:
    """Spans in quotation marks that may be direct quotes, in text order."""
    text = d.text
    out = []
    for qs, qe in _quote_spans(text):
        inner = text[qs:qe]
        if len(re.findall(r"[^\W\d_]+", inner)) < 3 or qs < d.title_end:
            continue
        if d.entity_at(qs, qe) is not None and len(inner.split()) <= 4:
            continue
        before = text[max(0, qs - 12):qs - 1]
        if re.search(r"(?:\bчто|\bчтобы|\bкак|\bthat)\s*$", before, re.I):
            continue  # part of an indirect content clause
        out.append((qs, qe))
    return out


def _direct(d: _Doc, qs: int, qe: int) -> None:
    """The direct quote in marks at [qs, qe), when a reporting clause goes with it."""
    a, text = d.a, d.text
    inner = text[qs:qe]
    parts = [(qs, qe)]
    m = _INNER_SPLIT.search(inner)
    mid: tuple[int, int] | None = None
    if m and cues().get(next(iter(sorted(lemmas(m.group("cue")) & set(cues()))), ""), frozenset()) & {"say"}:
        parts = [(qs, qs + m.start()), (qs + m.end(), qe)]
        mid = (qs + m.start(), qs + m.end())
    # reporting clause: after the closing mark, inside (split), or before the opening mark
    found = _reporting_after(d, qe + 1) if mid is None else _reporting_in(d, mid[0], mid[1])
    if found is not None and mid is None and _embedded(d, qs):
        # "Сближение начнет "пока с экономики", подчеркнул X": the marks are part of a longer
        # content; the reporting clause takes the whole sentence (indirect)
        return
    if found is None:
        found = _reporting_before(d, qs - 1)
    if found is None:
        return
    cue_tok, spk, spk_text, via = found
    for ps, pe in parts:
        ps, pe = _trim(text, ps, pe)
        if pe - ps < 3:
            continue
        lang = _lang_at(a, ps)
        d.quotes.append(_Quote(ps, pe, "direct", cue_tok, cue_tok.text, spk, spk_text, list(via), lang,
                               _sent_of(a, ps), flags=cue_flags(cue_tok)))


def _embedded(d: _Doc, qs: int) -> bool:
    """Do words of the same sentence come right before the opening mark at ``qs - 1`` (not a colon,
    dash or reporting clause): the quotation is a part of a longer clause?"""
    sent = d.a.sentences[_sent_of(d.a, qs - 1)]
    prefix = d.text[max(sent.start, d.text.rfind("\n", 0, qs - 1) + 1):qs - 1].rstrip()
    if not re.search(r"[^\W\d_]", prefix) or prefix[-1:] in (":", "-", "–", "—", "(", "«", '"', "„", "“"):
        return False
    toks = _tokens_between(d.a, qs - 1 - len(prefix), qs - 1)
    if re.search(r",\s*(?:что|чтобы)\b", prefix):
        return True  # inside the content clause of a cue before it: "Он заявил, что ... "с решимостью", передает X"
    return not any(cue_flags(t) for t in toks)


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
        if flags & {"say", "act", "impers"}:  # "«...», — призвал X" reports speech too
            if "impers" in flags and "say" not in flags and fold(t.text) != "говорится":
                return None
            if re.match(r"\s*,\s*(?:что|чтобы)\b|\s*:", text[t.end:t.end + 12]):
                return None  # "..." ..., но признал, что C": the cue introduces a content of its own
            hi = next((j for j in range(k + 1, len(toks)) if toks[j].text in ".!?" and not _abbrev_dot(d, toks, j)),
                      len(toks))
            spk, st, _s, _e = _find_speaker(d, toks, k, 0, hi, prefer_after=True)
            if spk is None and st is None:
                # "говорится в письме Гренелла": the owner of the document; not a name inside a relative
                # clause ("заявила ... Мисик, которую цитирует Русская служба BBC": BBC relays)
                rel = next((j for j in range(k + 1, hi) if toks[j].text == "," and j + 1 < hi
                            and fold(toks[j + 1].text).startswith("котор")), hi)
                ments = d.mentions_in(t.end, toks[rel - 1].end) if rel > k + 1 else []
                per = [m for m in ments if m[2].type == "PER" and not _role_only(m[2])]
                if ments:
                    spk = (per or ments)[-1][2].id
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
    # "X отметил, что C: «D»" reaches back over C to the cue; "Санкции, отметил X, «...»" only a few words
    reach = len(toks) if head.rstrip().endswith(":") else 9
    for k in range(len(toks) - 1, max(-1, len(toks) - reach), -1):
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
_BACK_REF = {"это", "об", "так"}
_PO_WORDS = {"словам", "мнению", "утверждению", "заявлению"}


def _clause_end(toks: list[Token], i: int, hi: int) -> int:
    """Index just past the clause of content starting at ``toks[i]`` (act / about content)."""
    j = i
    while j < hi:
        t = toks[j]
        if t.text in _CLAUSE_STOP or t.text in _DASHES:
            return j
        if t.text == "," and j + 1 < hi and (_finite(toks[j + 1]) or fold(toks[j + 1].text) in ("но", "однако") or (
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
                colon = next((j for j, x in enumerate(rest) if x.text == ":"), -1)
                if colon >= 0 and any(fold(x.text) in _WORDS for x in rest[:colon]):
                    rest = rest[:colon]  # "C, передает ТАСС слова Пескова: «...»"
                if any(fold(x.text) in _CONTENT_INTRO or x.text == ":" for x in rest):
                    return -1
                if any(cue_flags(x) & {"say"} for x in rest):
                    continue
                comma = next((j for j, x in enumerate(rest) if x.text == ","), -1)
                if comma >= 0 and any(_finite(x) for x in rest[comma + 1:]):
                    return -1  # "C1, говорят эксперты, C2": a parenthetical, not a tail
                return k
        if t.text == ":" and k + 1 < len(toks) and toks[k + 1].text in _OPEN_CLOSE:
            end = k  # "C, передает ТАСС слова Пескова: «...»": the quotation is a direct quote of its own
            continue
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
    intro: list[str] = []
    if fold(toks[0].text) == "как" and cue_i > 1:
        # "Как передает РИА со ссылкой на газету "Время", X заявил, что ...": the link is the intro's
        comma = next((j for j in range(1, cue_i) if toks[j].text == ","), -1)
        if comma > 0:
            first = _source_link(d, toks, 1, comma)
            intro = [first[0]] if first is not None and first[0] else []
            outside = [t for t in outside if t.start > toks[comma].start]
    link = _source_link(d, outside, 0, len(outside))
    via = _via(d, outside, 0, len(outside), s, e, spk, cue_tok.start)
    spk, st, via = _linked(d, spk, st, via, link)
    via += [v for v in intro if v not in via and v != spk]
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
    # "C, сказал X, передает Y": X speaks, the outlet Y relays
    outer = -1
    if tail > 0 and "relay" in cue_flags(toks[tail]):
        outer_lo = tail
        while outer_lo > 0 and toks[outer_lo - 1].text not in (",", "-", "—", "–"):
            outer_lo -= 1
        inner = _tail(d, toks[:max(0, outer_lo - 1)])
        if inner > 0:
            outer, tail = tail, inner
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
            # "По словам журналистов, сопровождавших X, C": the content starts after X's clause
            comma_after = _speaker_comma(toks, comma, n) if pron is None and i == 0 and comma < n else comma
            if pron is not None:
                found = _resolve_pronoun(d, toks[i].start, _pronoun_agree(pron)) \
                    if pron in ("его", "ее", "её", "их") else None
                spk, st = found if found else (None, None)
            else:
                ments = d.mentions_in(toks[k].start, toks[comma - 1].end) if comma > k else []
                if comma > k and _generic_head(d, toks, k, comma):
                    ments = []  # "по словам информированного источника "Интерфакса"": the source is unnamed
                per = [m for m in ments if m[2].type == "PER" and not _role_only(m[2])]
                pick = per[0] if per else (ments[0] if ments else None)
                spk = pick[2].id if pick else None
                st = None if pick else a.text[toks[k].start:toks[comma - 1].end] if comma > k else None
                head = next((j for j in range(k, comma) if toks[j].pos in ("NOUN", "PROPN")), -1)
                if not per and head >= 0 and lemmas(toks[head].text) & set(person_roles()):
                    # "по словам временного поверенного в делах США": the person, not the country
                    role = _resolve_role(d, toks, k, comma, head)
                    if role is not None:
                        spk, st = role
                elif not ments and head >= 0 and (introduced := _introduced_as(d, toks, k, comma, head)) is not None:
                    spk, st = introduced  # "по словам помощника депутата": the one introduced as such
            after = (toks[comma_after].end, toks[body_hi - 1].end if body_hi > comma_after else sent.end) \
                if comma_after < n - 1 else (0, 0)
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
            comma = _speaker_comma(toks, comma, body_hi)  # "Как заявила X, пресс-секретарь суда, C"
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
            elif inner_cue < 0 and "say" in flags and low[comma + 1:comma + 3] != ["об", "этом"] and not any(
                    "say" in cue_flags(t) and _finite(t) and k + 1 < n and fold(toks[k + 1].text) in _BACK_REF
                    for k, t in enumerate(toks[comma + 1:body_hi], comma + 1)):  # "Как передает X, она заявила это"
                q = _add(d, toks, toks[comma].end, toks[body_hi - 1].end, 1, "indirect", 1, comma, True, si)
                if q:
                    made.append(q)
            elif "say" in flags:
                spk2, _st, _a, _b = _find_speaker(d, toks, 1, 1, comma, True)
                if spk2 and _is_media(_ent(d, spk2)):
                    d.pending_via.append((si, spk2))

    # "..., но как отметил X, C" / "..., а как пишет X, C": "как" + cue in mid-sentence
    for i in range(1, n - 4):
        if low[i] != "как" or not (toks[i - 1].text == "," or low[i - 1] in ("но", "а", "и", "однако")) \
                or "say" not in cue_flags(toks[i + 1]) or not _finite(toks[i + 1]) or d.in_marks(toks[i].start):
            continue
        comma = next((j for j in range(i + 2, min(body_hi, i + 16)) if toks[j].text in (",", ".", ";", ":")), -1)
        if comma > i + 2 and toks[comma].text == "," and not any(_finite(t) for t in toks[i + 2:comma]):
            ce_i = _clause_end(toks, comma + 1, body_hi)
            q = _add(d, toks, toks[comma].end, toks[ce_i - 1].end, i + 1, "indirect", i + 2, comma, True, si)
            if q:
                made.append(q)

    # cue (..., что C) / (: C) / act + infinitive / about + о
    cue_idx = [i for i in range(n) if cue_flags(toks[i]) and i not in (tail, outer)
               and not (low[0] == "как" and i == 1)
               and not (d.in_marks(toks[i].start) and not d.in_marks(toks[0].start))]  # a cue in a partial quotation
    for pos, i in enumerate(cue_idx):
        flags = cue_flags(toks[i])
        if "impers" in flags and "say" not in flags:
            continue
        # the next reporting word that opens a statement of its own (not "ущелье, которое угрожает Грузии")
        nxt = next((x for x in cue_idx[pos + 1:] if _has_content_after(toks, x, body_hi) or toks[x].lang == "en"),
                   body_hi)
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
            # "отметил, что C: «D»": D is a direct quote of its own
            ce_i = next((x for x in range(intro + 2, ce_i) if toks[x].text == ":" and x + 1 < n
                         and toks[x + 1].text in _OPEN_CLOSE), ce_i)
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
            if k < body_hi and low[k] in ("о", "об", "обо") and k + 1 < body_hi and low[k + 1] != "этом":
                ce_i = _clause_end(toks, k + 1, body_hi)
                if ce_i > k + 1:
                    q = _add(d, toks, toks[k + 1].start, toks[ce_i - 1].end, i, "indirect", 0, n, False, si)
                    if q:
                        made.append(q)

    _parenthetical(d, toks, cue_idx, body_hi, si, made)

    # "Об этом сообщил X": the previous sentence is the content
    ob = 0
    if low[0] == "как":  # "Как передает ИТАР-ТАСС, об этом заявил X": the outlet relays (pending via)
        ob = next((j + 1 for j in range(2, min(n, 16)) if toks[j].text == ","), 0)
    # "Его адвокат Максим Пашков рассказал об этом в телеграм-канале" works the same way
    back = next((j for j in range(1, min(n - 2, 14)) if low[j + 1] == "об" and low[j + 2] == "этом"
                 and "say" in cue_flags(toks[j]) and _finite(toks[j]) and toks[j].feats.get("VerbForm") != "Conv"
                 and not any(x.text in (",", ":") or x.text in _DASHES or cue_flags(x) for x in toks[:j])), -1)
    if ((n > ob + 3 and low[ob] == "об" and low[ob + 1] == "этом") or back > 0) and si > 0:
        k = back if back > 0 else next((j for j in range(ob + 2, n) if "say" in cue_flags(toks[j])), -1)
        prev = a.sentences[si - 1]
        if k > 0 and d.para(prev.start) == d.para(sent.start) and prev.start >= d.title_end \
                and not d.covered(prev.start, prev.end):
            ptoks = a.tokens[prev.first_token:prev.last_token]
            if not any(cue_flags(t) & {"say", "act"} and not d.in_marks(t.start) for t in ptoks):
                spk, st, _x, _y = _find_speaker(d, toks, k, 0, k, False) if back > 0 else \
                    _find_speaker(d, toks, k, ob + 2, n, True)
                if spk or st:
                    link = _source_link(d, toks, ob + 2, n)
                    via = _via(d, toks, ob + 2, n, -1, -1, spk, toks[k].start)
                    spk, st, via = _linked(d, spk, st, via, link)
                    via += [v for v in d.pending_via_for(si) if v not in via and v != spk]  # "Как передает X, об этом"
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
        mine = list(made)  # also "Об этом сообщил X, передает РИА": the outlet relays the sentence before
        if spk is not None and _is_media(_ent(d, spk)) and (mine or d.pending_via_for(si)):
            for q in mine:
                if spk not in q.via and spk != q.speaker:
                    q.via.append(spk)
            d.relays.append((si, spk))
        elif not mine and (spk or st) and not (low[0] in _BACK_REF and any(
                "say" in cue_flags(t) and _finite(t) for t in toks[1:tail_lo])):
            # ("Так он прокомментировал ..., передает X" reports on a quote before: no content of its own)
            dash = any(t.text in _DASHES for t in toks[max(0, tail - 2):tail])
            first_dash = toks[0].text in _DASHES
            kind = "direct" if dash and first_dash else "indirect"
            via = _via(d, toks, tail, n, -1, -1, spk, toks[tail].start)
            spk, st, via = _linked(d, spk, st, via, link)
            cs = toks[1].start if first_dash else toks[0].start
            # a hard-wrapped line ("датчик температуры\nнаружного воздуха, ..., сообщает X"): the sentence
            # began on the lines before
            p = si
            while not first_dash and p > 0 and a.text[a.sentences[p].start:a.sentences[p].start + 1].islower() \
                    and a.sentences[p - 1].start >= d.title_end and not re.search(
                        r"[.!?…:;»\"]\s*$", a.text[a.sentences[p - 1].start:a.sentences[p].start]) \
                    and a.text.count("\n", a.sentences[p - 1].end, a.sentences[p].start) <= 1:
                p -= 1
                cs = a.sentences[p].start
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
    if outer > 0:
        _outer_relay(d, toks, outer, si)


def _colon_block(d: _Doc, si: int) -> None:
    """A reporting clause that ends its line with a colon ("Президент ФФККР Александр Горшков
    прокомментировал это:", "Позже президент Боливии отметил:") introduces the next line, written
    without quotation marks (the Wikinews block quote), as a direct quote of its speaker."""
    a, text = d.a, d.text
    sent = a.sentences[si]
    toks = a.tokens[sent.first_token:sent.last_token]
    if len(toks) < 3 or toks[-1].text != ":" or sent.start < d.title_end:
        return
    nl = text.find("\n", toks[-1].end)
    if nl < 0 or text[toks[-1].end:nl].strip():
        return
    k = next((j for j in range(len(toks) - 2, -1, -1) if "say" in cue_flags(toks[j]) and _finite(toks[j])
              and not d.in_marks(toks[j].start)), -1)
    # "По его словам, C:" + the block: the speaker of "по словам", not a cue inside C ("часть жителей
    # которого считает")
    po = next((q for q in d.quotes if q.sent == si and q.cue_text and fold(q.cue_text).startswith("по ")
               and (q.speaker or q.speaker_text)), None)
    if k < 0 and po is None:
        return
    s = nl + 1
    while s < len(text) and text[s].isspace():
        s += 1
    e = text.find("\n", s)
    s, e = _trim(text, s, len(text) if e < 0 else e)
    if e - s < 3 or text[s] in _OPEN_CLOSE or text[s] in _DASHES or d.covered(s, e) \
            or len(re.findall(r"[^\W\d_]+", text[s:e])) < 3:
        return
    if text[e - 1] == ":" or re.match(r"(?:как|по словам|по данным)\b", text[s:e], re.I):
        return  # the next line introduces a quote of its own or is narration with its own source
    if po is not None:
        d.quotes.append(_Quote(s, e, "direct", po.cue, po.cue_text, po.speaker, po.speaker_text, list(po.via),
                               _lang_at(a, s), _sent_of(a, s), flags=po.flags))
        return
    spk, st, _ps, _pe = _find_speaker(d, toks, k, 0, len(toks) - 1, _prefer_after(toks, k))
    if spk is None and st is None:
        return
    via = _via(d, toks, 0, len(toks), -1, -1, spk, toks[k].start)
    d.quotes.append(_Quote(s, e, "direct", toks[k], toks[k].text, spk, st, via, _lang_at(a, s), _sent_of(a, s),
                           flags=cue_flags(toks[k])))


def _outer_relay(d: _Doc, toks: list[Token], outer: int, si: int) -> None:
    """The outlet of a second tail ("..., сказал X, передает РИА Новости") relays the quotes of its
    sentence and, as any trailing outlet, the earlier ones of its paragraph."""
    lo = outer
    while lo > 0 and toks[lo - 1].text not in (",", "-", "—", "–"):
        lo -= 1
    spk, _st, _s, _e = _find_speaker(d, toks, outer, lo, len(toks), True)
    outlets = [spk] if spk is not None and _is_media(_ent(d, spk)) else []
    outlets += [v for v in _via(d, toks, outer, len(toks), -1, -1, None, toks[outer].start) if v not in outlets]
    for q in d.quotes:
        if q.sent == si:
            q.via += [v for v in outlets if v not in q.via and v != q.speaker]
    if outlets:
        d.relays.append((si, outlets[0]))


def _parenthetical(d: _Doc, toks: list[Token], cue_idx: list[int], body_hi: int, si: int,
                   made: list[_Quote]) -> None:
    """"C, о чем заявил X" (the clause before is the content) and "C1, говорят эксперты, C2" (a
    reporting clause between commas: the sentence is the content)."""
    low = [fold(t.text) for t in toks]
    for i in cue_idx:
        if "say" not in cue_flags(toks[i]) or not _finite(toks[i]) or toks[i].lang == "en":
            continue
        j = i - 1
        while j > 0 and toks[j].pos == "ADV":
            j -= 1
        if j >= 3 and low[j] == "чем" and low[j - 1] == "о" and toks[j - 2].text == ",":
            q = _add(d, toks, toks[0].start, toks[j - 3].end, i, "indirect", j + 1, len(toks), True, si)
        elif j == i - 1 and j >= 1 and toks[j].text == ",":
            close = next((k for k in range(i + 1, min(body_hi, i + 12)) if toks[k].text in (",", ":", ".")), -1)
            if close < 0 or toks[close].text != "," or close + 3 > body_hi or any(
                    low[k] in _CONTENT_INTRO or _finite(toks[k]) for k in range(i + 1, close)):
                continue
            q = _add(d, toks, toks[0].start, toks[body_hi - 1].end, i, "indirect", i + 1, close, True, si)
        else:
            continue
        if q is not None:
            made.append(q)


def _has_content_after(toks: list[Token], j: int, hi: int) -> bool:
    """Does the cue ``toks[j]`` open a content of its own (что-clause, infinitive of a speech act, о-phrase)?
    "Трамп обещал ему полную свободу" has none: it is content, not a new statement."""
    # up to the next reporting word: "угрожает стабильности Грузии, и добавил, что" has no content of its own
    stop = next((k for k in range(j + 1, min(hi, j + 12)) if cue_flags(toks[k]) & {"say", "act", "about"}),
                min(hi, j + 12))
    act = "act" in cue_flags(toks[j]) and any(t.feats.get("VerbForm") == "Inf" for t in toks[j + 1:min(stop, j + 7)])
    return any(fold(t.text) in _CONTENT_INTRO for t in toks[j + 1:stop]) or act or any(
        fold(t.text) in ("о", "об") for t in toks[j + 1:min(stop, j + 3)])


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
    if commas and any(toks[x].pos == "SCONJ" or "который" in lemmas(toks[x].text) for x in range(commas[-1] + 1, nxt)):
        return hi  # "что опубликовал их, после того как кандидат призвал ...": the later statement is inside
    if commas:
        return commas[-1]
    j = nxt - 1
    while j > start and toks[j].pos == "ADV":
        j -= 1
    if toks[j].pos != "CCONJ" and fold(toks[j].text) not in ("и", "а", "но", "and"):
        return hi  # "отметила, что его отец сообщил полиции, что ...": the later statement is inside
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
    # in text order, so that a pronoun or role noun finds the quotes before it
    spans = _direct_spans(d)
    for si in range(len(a.sentences)):
        while spans and spans[0][0] < a.sentences[si].end:
            _direct(d, *spans.pop(0))
        if a.sentences[si].lang == "en":
            _according_to(d, si)
        _indirect(d, si)
        _colon_block(d, si)
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
