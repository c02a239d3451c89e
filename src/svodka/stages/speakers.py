"""Speakers: who said a quote, and which outlets relayed it.

Kept apart from ``stages/quotes.py`` because it is a different job: quotes.py finds where reported
speech is (marks, dashes, cues, content boundaries); this module reads the reporting clause around a
cue and decides who is speaking, which needs its own machinery (noun phrases, pronoun and role-noun
antecedents, class nouns, unnamed sources, ``со ссылкой на`` links, outlets in ``via``). Detection
calls into this module, never the other way round; the few pieces both need (the document index,
the quotes found so far, the reporting-word lexicon) are defined here so there is no import cycle.

Rules (docs/annotation-guide.md, "Quotes"; shared LAYERS.md):

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
  gender or number (by the cue's past tense, a "по его/их словам" pronoun or the name's gender in pymorphy3),
  skipping outlets (a person named inside an outlet's report counts as narrative), else the nearest agreeing
  person named before, else the last person noun of its gender ("одна немецкая школьница. Она сообщила").
  ``X, который заявил`` is X's. A ministry with a country ("военное ведомство США", "американское
  ведомство") is that country's body of that field named in the text (Пентагон, "Минфин США"); a bare
  "в ведомстве" the body of its class named last; a bare "эксперт/аналитик" the person just quoted. A
  participle cue (``X, заявившего, что``) is X's; a gerund or a cue after ``и/но`` shares the subject of
  the previous cue; ``цитирует X Y``: X speaks, Y relays. "глава государства" is a president (never "глава
  правительства" or the head of a company); a bracket after a name, a title after "в статье" and an
  organisation after "в интервью/в эфире" are never the subject; "X, <participial clause>, заявила" is X's;
  "В Москве напоминают" is the body of that capital's country quoted just before; "Авиакомпания сказала"
  among several companies is the one quoted last; "его клиент" or "истец" after "адвокат истца X" is not X.
- ``X со ссылкой на Y`` (and ``Ссылаясь на Y, X сообщили``): Y is the speaker, X goes to ``via`` (not
  when the link is in an opening ``Как передает X со ссылкой на Y, Z заявил``: then Z speaks and both
  relay). ``C, сказал X, передает Y``: X speaks, Y relays.
- ``via``: outlets (entities of subtype media) in the reporting clause that are not the speaker,
  nearest first (the paragraph-scope relay is applied in quotes.py). An outlet is the speaker when
  it is the only source of its sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from svodka.analysis import Analysis, Sentence, Token
from svodka.lexicon import person_roles
from svodka.lexicon import rows as data_lines
from svodka.names import surname_gender
from svodka.numbers import fold, lemmas
from svodka.record import Entity

# --- shared with detection: the document index, found quotes, reporting words ---------------

_OPEN_CLOSE = {"«": "»", "„": "“", "“": "”", '"': '"'}
_DASHES = {"-", "–", "—"}
_SOCIAL = ("twitter", "telegram", "facebook", "instagram", "x", "vk", "вконтакте", "youtube", "твиттер")


#: A name right after these words is an outlet even when the entities stage has no subtype for it.
_MEDIA_BEFORE = re.compile(r"(?:телеканал|канал|агентств|газет|издани|радиостанци|радио|эфир|портал|журнал|"
                           r"сайт|телекомпани)\w*\s*[«\"„“]?$", re.I)


@cache
def cues() -> dict[str, frozenset[str]]:
    return {row[0]: frozenset(row[1].split(",")) for row in data_lines("quote_cues.tsv")}


#: Short adjectives that report an opinion like "считает": "В штабе уверены, что C", "Он убежден, что C";
#: "«...», - возмущен отец мальчика", "«...», - согласна Тимченко" report the words before them.
_SHORT_CUES = {"уверен", "уверена", "уверено", "уверены", "убежден", "убеждена", "убеждены",
               "возмущен", "возмущена", "возмущены", "согласен", "согласна", "согласны"}
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
    past = tok.feats.get("Tense") == "Past" and tok.feats.get("Number") != "Plur"
    for lemma in lemmas(tok.text):
        got = table.get(lemma, frozenset())
        if "past" in got and not past:
            continue  # "продолжил министр" goes on speaking; "школы продолжат обучение" reports nothing
        flags |= got - {"past"}
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

    def __init__(self, a: Analysis, marks: list[tuple[int, int]]) -> None:
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
        #: the same for "по словам X" whose X resolved to an entity: only a head of the same body reads it
        #: ("По словам главы ЦИК ДНР" ... "руководитель ЦИК"); a group role ("лидер" ~ "глава МИД") does not
        self.according: dict[int, tuple[int, int]] = {}
        #: insides of quotation marks (found by quotes.py, which owns mark detection)
        self.marks: list[tuple[int, int]] = marks

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
        # one may also open with a quoted name ("Коммерсант" сообщил о ...), not with direct speech ("«...», —")
        if rest.strip() and len(first.strip()) < 250 and not re.search(r"[.!?…][»\"”]?\s*$", first) \
                and (not re.match(r"\s*[«\"„“—–-]", first)
                     or re.match(r"\s*[«\"„“][^«»\"„“”,.!?]{1,40}[»\"“”]\s+[^\W\d_]", first)):
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


def _sent_of(a: Analysis, pos: int) -> int:
    starts = [s.start for s in a.sentences]
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _ent(d: _Doc, eid: str | None) -> Entity | None:
    return next((e for e in d.a.entities if e.id == eid), None) if eid else None


def _finite(t: Token) -> bool:
    return t.pos in ("VERB", "AUX") and t.feats.get("VerbForm") in ("Fin", None) and t.lang != "en"


def _is_media(e: Entity | None) -> bool:
    return e is not None and (e.subtype == "media" or fold(e.name) in _SOCIAL)


def _outlet(d: _Doc, eid: str | None) -> bool:
    """Is ``eid`` an outlet, by subtype or by a class noun before one of its mentions ("радиостанция
    "Говорит Москва"")? An outlet relays; a later "он/она" is never it."""
    ent = _ent(d, eid)
    return _is_media(ent) or (ent is not None and ent.type == "ORG" and any(
        e2.id == eid and _MEDIA_BEFORE.search(d.text[max(0, ms - 40):ms]) for ms, _me, e2 in d.mentions))


# --- speakers --------------------------------------------------------------------------------

_PRONOUN = re.compile(r"^(она|они|он)(также|тоже|же|еще|ещё|и)?$", re.I)  # "они" is not "он" + "и"
_PERSONAL = re.compile(r"^(я|мы|ты|вы|i|we|you)$", re.I)
_EN_PRONOUN = re.compile(r"^(he|she|they)$", re.I)


@cache
def voice_roles() -> frozenset[str]:
    return frozenset(row[0] for row in data_lines("quote_roles.tsv")) | {"власть", "власти"}


def _same_role(lemma_set: frozenset[str] | set[str], role: str) -> bool:
    """Is one of ``lemma_set`` the role ``role`` or a role of its group ("лидер" ~ "президент")?"""
    group = person_roles().get(role)
    return role in lemma_set or (group is not None and any(person_roles().get(lem) == group for lem in lemma_set))


_MINISTRY = re.compile(r"^(?:мид|министерств|мин[а-я]{2,}|мвд|госдеп|форин-офис|foreign)")


def _role_lemmas(toks: list[Token], j: int) -> frozenset[str]:
    """Lemmas of ``toks[j]`` as a role word; "глава/руководитель" of a ministry is also a minister
    ("глава МИД", "глава Форин-офиса" ~ "министр иностранных дел")."""
    lems = lemmas(toks[j].text)
    deputy = _deputy(toks[j].text)
    if deputy is not None:
        return lems | {deputy}  # "замгенпрокурора": a deputy's role, never the principal's
    if lems & {"глава", "руководитель"} and j + 1 < len(toks) and _MINISTRY.match(fold(toks[j + 1].text)):
        return lems | {"министр"}
    if "председатель" in lems and j + 1 < len(toks) and lemmas(toks[j + 1].text) & _GOVERNMENT:
        return frozenset({"премьер"})  # "председатель правительства королевства Педро Санчес" is its premier
    if lems & {"глава", "руководитель", "лидер"} and j + 1 < len(toks):
        # "глава государства" is the president, "глава (японского) правительства" the premier: never one another
        n = j + 1
        while n + 1 < len(toks) and n < j + 2 and toks[n].pos == "ADJ" and lemmas(toks[n].text) & set(_nationalities()):
            n += 1  # a country's adjective only: "глава временного афганского правительства" is its own role
        after = lemmas(toks[n].text)
        if after & _STATE:
            return frozenset({"президент"})
        if after & _GOVERNMENT:
            return frozenset({"премьер"})
        if after & _REGION and lems & {"глава", "руководитель"}:
            return frozenset({"губернатор"})  # "глава региона" is its governor, never the head of state
    return lems


def _deputy(word: str) -> str | None:
    """"замгенпрокурора" -> "замгенпрокурор", "замминистра" -> "замминистр": a deputy of a role of the role list
    (the same word as "заместитель генпрокурора"), else None."""
    w = fold(word)
    if not w.startswith("зам") or len(w) < 7:
        return None
    rest = lemmas(w[3:]) & set(person_roles())
    return "зам" + min(rest) if rest else None


#: Complements that make a head role the head of state or of government.
_STATE = frozenset({"государство", "страна"})
_GOVERNMENT = frozenset({"правительство", "кабмин", "кабинет"})
_REGION = frozenset({"регион", "область", "край", "губерния"})


def _state_head(toks: list[Token], j: int) -> bool:
    """Is ``toks[j]`` "глава/руководитель/лидер" of "государства/страны" (the president)?"""
    return bool(lemmas(toks[j].text) & {"глава", "руководитель", "лидер"}) and j + 1 < len(toks) \
        and bool(lemmas(toks[j + 1].text) & _STATE)


def _bound_role(d: _Doc, toks: list[Token], j: int, k: int) -> bool:
    """Is the role word ``toks[j]`` bound to a body other than a country by its complement before the name
    at ``toks[k]`` ("руководителя "Российских железных дорог" Владимира Якунина", "главу правительства")?
    Such a head is no "президент" or "лидер" of the group: only the same word stands for it."""
    for t in toks[j + 1:k]:
        ent = d.entity_at(t.start, t.end)
        if ent is not None and ent.type not in ("LOC", "PER"):
            return True
        if ent is None and t.pos in ("NOUN", "PROPN") and t.feats.get("Case") == "Gen":
            return True
    return False


#: "врио губернатора X", "исполняющий обязанности мэра X": X holds the role, acting.
_ACTING = frozenset({"врио", "обязанности", "исполняющий", "исполняющая"})


def _role_holder(d: _Doc, roles: frozenset[str], pos: int, ahead: bool = False,
                 marks: frozenset[str] = frozenset(), agree: bool = False,
                 need_mark: bool = False, coordinated: bool = False,
                 nation: frozenset[str] = frozenset(), possessors: bool = False,
                 exact_only: bool = False) -> tuple[int, str] | None:
    """The person introduced with one of ``roles`` (or a role of the same group) before ``pos``
    ("член ОНК Марина Литвинович" for a later "член ОНК", "президент Украины Петр Порошенко" for a
    later "украинский лидер"): (mention start, entity id) of the last one, else None. With
    ``ahead``, the first one introduced within the next 400 characters instead
    (a lead that names the role before the name: "Премьер-министр Польши считает ... Премьер-министр
    Польши Матеуш Моравецкий считает"). ``marks``: word stems of the role's modifiers ("украи" of
    "украинский президент"); a person whose introduction has one of them is preferred. With ``agree``
    the role word must be in the name's case (the head, not a possessor: "брат активиста Виталий X"
    is no "активист"). With ``need_mark`` only a person whose introduction has one of ``marks``. With
    ``coordinated`` a role joined by "и" to the role right before the name is also that person's
    ("руководитель Роспотребнадзора и главный санитарный врач РФ Геннадий Онищенко"). ``nation``: folded
    names of the country of the role's nationality adjective; a person introduced with another country's
    name in the role ("президента Австрии X" for "черногорского президента") is skipped. A role in the genitive
    after an animate head ("заместитель полномочного представителя X") is the head's complement, not X's role,
    unless ``possessors`` (to find the one the role was a possessor for: "брат активиста X")."""
    best: tuple[int, str] | None = None
    best_marked: tuple[int, str] | None = None
    exact: tuple[int, str] | None = None
    exact_marked: tuple[int, str] | None = None
    toks = d.a.tokens
    # persons introduced with another country's role ("президентом России Путиным"): never the holder of a
    # role of ``nation``, also where a later mention names the role without its country ("президентом Путиным")
    foreign: set[str] = set()
    for ms, _me, ent in d.mentions:
        if ent.id in foreign and not ahead:
            continue
        if (ms < pos) == ahead or (ahead and ms > pos + 400):
            if ahead and ms > pos:
                break
            continue
        if ent.type != "PER":
            continue
        k = bisect.bisect_left(d.token_starts, ms)
        role_seen = False
        crossed = False
        for j in range(k - 1, max(-1, k - (20 if coordinated else 12)), -1):
            t = toks[j]
            if coordinated and role_seen and fold(t.text) == "и" and j > 0 and toks[j - 1].pos in ("NOUN", "PROPN"):
                continue  # "руководитель X и главный санитарный врач РФ Name": both roles are hers or his
            other = d.entity_at(t.start, t.end)
            if other is not None and other.type == "PER" and other is not ent and t.feats.get("Case") == "Gen" \
                    and toks[k].feats.get("Case") != "Gen":
                continue  # the role's possessor: "пресс-секретарь президента Владимира Путина Дмитрий Песков"
            if t.text == "," and not crossed and j + 1 < k and toks[j + 1].feats.get("Case") == "Nom" \
                    and lemmas(toks[j + 1].text) & set(person_roles()) and "\n" not in d.text[t.end:ms] \
                    and j > 0 and toks[j - 1].pos != "VERB" \
                    and not any(x.pos in ("ADP", "VERB", "SCONJ") for x in toks[max(0, j - 4):j]):
                crossed = True  # "председатель оргкомитета "Россия 2018", министр спорта РФ Виталий Мутко"
                continue
            if "\n" in d.text[t.end:ms] or t.text in (".", ";", ":", "!", "?", ",") or _finite(t) \
                    or t.pos == "CCONJ" or (other is not None and other.type == "PER" and other is not ent):
                break  # only the phrase right before the name: not "президентом Франции X и канцлером Y"
            if coordinated and t.pos == "NOUN" and t.feats.get("Animacy") == "Anim":
                role_seen = True
            role_lems = _role_lemmas(toks, j) if t.pos in ("NOUN", "PROPN", "ADJ") else None
            if role_lems is not None and j > 0 and lemmas(toks[j - 1].text) & {"заместитель"} \
                    and {"зам" + lem for lem in role_lems} & roles:
                best = exact = (ms, ent.id)  # "заместитель генпрокурора РФ Сергей Фридинский" for "замгенпрокурора"
                break
            if role_lems is not None and any(_same_role(role_lems, r) for r in roles):
                if agree and t.feats.get("Case") != toks[k].feats.get("Case") and {
                        t.feats.get("Case"), toks[k].feats.get("Case")} != {"Gen", "Acc"}:
                    continue  # "фотографа Джордана Мэттера" is one form read as Gen or Acc: they agree
                if "президент" in roles and not role_lems & roles and _bound_role(d, toks, j, k):
                    break  # "президента" is not the one introduced as "руководителя "РЖД"", only by its word
                p = j - 1
                while p > 0 and toks[p].pos == "ADJ":
                    p -= 1
                if not possessors and t.feats.get("Case") == "Gen" and toks[k].feats.get("Case") not in ("Gen", None) \
                        and toks[p].pos == "NOUN" and toks[p].feats.get("Animacy") == "Anim" \
                        and fold(toks[p].text) not in _ACTING \
                        and toks[p].feats.get("Case") == toks[k].feats.get("Case"):
                    continue  # "заместитель полномочного представителя ... Владимир Романов" is no "представитель"
                if nation:
                    places = [m[2] for m in d.mentions_in(t.start, ms)
                              if m[2].type == "LOC" and m[2].subtype == "country"]
                    if places and not any(fold(p.name) in nation or fold(p.name)[:4] in nation for p in places):
                        foreign.add(ent.id)
                        break
                    adjectives = [_nation_names(lem) for x in toks[max(0, j - 3):k] if x.pos == "ADJ"
                                  for lem in lemmas(x.text) if lem in _nationalities()]
                    if adjectives and not any(names & nation for names in adjectives):
                        break  # "аргентинского лидера X" is no "лидер кубинской революции"
                best = (ms, ent.id)
                intro = fold(d.text[toks[max(0, j - 3)].start:ms])
                if any(m in intro for m in marks):
                    best_marked = best
                if role_lems & roles:
                    exact = best  # the same role word beats one of its group ("премьер" over a later "канцлер")
                    exact_marked = best_marked if best_marked == best else exact_marked
                break
        if ahead and best is not None:
            return best
    if foreign:
        best, best_marked, exact, exact_marked = (
            None if c is None or c[1] in foreign else c for c in (best, best_marked, exact, exact_marked))
    if need_mark:
        return exact_marked or best_marked
    if exact_only:  # the same role word only, not one of its group
        return exact_marked or exact
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


def _object_phrase(d: _Doc, toks: list[Token], i: int, lo: int, hi: int) -> tuple[int, int]:
    """``_phrase`` of an object in the genitive or accusative, cut before the subject that follows it
    ("слова главы Чечни сайт "Кавказский узел"", "слова министра РИА "Новости"": not the outlet)."""
    s, e = _phrase(toks, i, lo, hi)
    cut = next((k for k in range(i + 1, e) if (toks[k].pos in ("NOUN", "PROPN") and toks[k].feats.get("Case") == "Nom")
                or _is_media(d.entity_at(toks[k].start, toks[k].end))), e)
    while cut > i + 1 and (toks[cut - 1].pos == "PUNCT" or toks[cut - 1].text in _OPEN_CLOSE):
        cut -= 1
    return s, cut


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
        if t.text == '"' and depth == 0 and e + 1 < hi and toks[e + 1].text in (",", ".", ";", ":") \
                and toks[e - 1].end == t.start:
            break  # "Газета "Коммерсант", вспоминая ...": the mark closes a name, not opens a phrase
        if t.text in _OPEN_CLOSE or t.text in _OPEN_CLOSE.values():
            depth = 1 - depth if t.text == '"' else depth + (1 if t.text in _OPEN_CLOSE else -1)
            e += 1
            continue
        by_name = t.text == "по" and e + 1 < hi and toks[e + 1].text[:1].isupper()  # "МВД по Туве"
        if depth > 0 or by_name or t.pos in ("PROPN", "X") or (t.pos in ("NOUN", "ADJ", "NUM") and (
                t.feats.get("Case") in ("Gen", "Nom") or t.lang == "en")) or (
                t.pos == "DET" and t.feats.get("Case") == "Gen" and e + 1 < hi and toks[e + 1].pos == "NOUN"):
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


def _span_lemmas(d: _Doc, span: tuple[int, int]) -> set[str]:
    """Every lemma of every word in ``d.text[span]``: a speaker phrase as written, to compare roles."""
    return {lem for w in re.findall(r"[\w-]+", d.text[span[0]:span[1]]) for lem in lemmas(w)}


def _quote_gender(d: _Doc, q: _Quote) -> str | None:
    """Gender or number of a quote's speaker: from its past-tense cue ("заявила" -> Fem,
    "сообщили" -> Plur), else "Inan" for a thing named without an entity, else from a person's name."""
    if q.cue is not None and q.cue.lang != "en" and q.cue.feats.get("VerbForm") != "Conv":
        if q.cue.feats.get("Number") == "Plur":
            return "Plur"
        if q.cue.feats.get("Gender") in ("Masc", "Fem", "Neut"):
            return q.cue.feats["Gender"]
    cue = _cue_pos(q)
    phrase = d.phrases.get(cue)
    if phrase is None and q.speaker is None and q.speaker_text:
        at = d.text.find(q.speaker_text, max(0, cue - 200), cue + 200)
        phrase = (at, at + len(q.speaker_text)) if at >= 0 else None
    if q.speaker is None and q.speaker_text and phrase is not None:
        # "Руководство канала отмечает", "говорится в описании": a thing, never the "он/она" of a later quote
        k = bisect.bisect_left(d.token_starts, phrase[0])
        head = next((t for t in d.a.tokens[k:k + 8] if t.start < phrase[1] and t.pos in ("NOUN", "PROPN")), None)
        if head is not None and head.feats.get("Animacy") == "Inan" and head.feats.get("Gender") == "Neut" \
                and head.feats.get("Number") == "Sing" and d.entity_at(head.start, head.end) is None:
            return "Inan"
        if head is not None and head.feats.get("Number") == "Plur" and head.feats.get("Case") in ("Nom", "Gen") \
                and q.cue_text and fold(q.cue_text).startswith("по ") \
                and fold(d.a.tokens[k].text) not in _ONE and d.entity_at(head.start, head.end) is None:
            return "Plur"  # "По словам представителей индийских властей": never the "его" of a later quote
    ent = _ent(d, q.speaker)
    if q.cue_text and (m := re.match(r"по\s+(его|ее|её|их)\s", fold(q.cue_text))):
        return _pronoun_agree(m.group(1))  # "По их словам" of "участников заседания": plural
    if ent is None or ent.type != "PER":
        return None
    return _text_gender(d, ent) or _name_gender(ent.name)


def _text_gender(d: _Doc, ent: Entity) -> str | None:
    """The gender the text gives a person by agreement ("Сама Паркер утверждает", "Паркер сумела"), when every
    such word agrees: foreign first names fool the lexicon ("Бобби Паркер" read as a man's)."""
    toks = d.a.tokens
    found: set[str] = set()
    for m in ent.mentions:
        k = bisect.bisect_left(d.token_starts, m.start)
        x = bisect.bisect_left(d.token_starts, m.end)
        prev = toks[k - 1] if k > 0 else None
        nxt = toks[x] if x < len(toks) else None
        if prev is not None and prev.pos in ("ADJ", "DET") and prev.feats.get("Case") == "Nom" \
                and prev.feats.get("Number") == "Sing":
            found.add(prev.feats.get("Gender", ""))
        if nxt is not None and nxt.pos == "VERB" and nxt.feats.get("Tense") == "Past" \
                and nxt.feats.get("Number") == "Sing":
            found.add(nxt.feats.get("Gender", ""))
    found &= {"Masc", "Fem"}
    return found.pop() if len(found) == 1 else None


def _agrees(want: str | None, got: str | None) -> bool:
    if got == "Inan":  # a thing (a descriptive speaker with an inanimate neuter head) is no "он", "она", "они"
        return want is None
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
        if not _quoted_speaker(q) or q.relay or _outlet(d, q.speaker):
            continue
        ent = _ent(d, q.speaker)
        if ent is not None and ent.type != "PER" and want == "Fem":
            continue
        if ent is not None and ent.type == "PER" and want == "Plur":
            continue  # "Они призывали" is never one named person, whatever the cue's form
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
        plural = _plural_subject(d, pos, since) or (_plural_antecedent(d, pos) if quoted is None else None)
        if plural is not None:
            return None, plural
    if inverted and quoted is not None:
        # "На трагедию отреагировал и президент США Дональд Трамп. «...», — написал он": a person who became the
        # subject (or whose post is named: "В Твиттере шерифа Эда Гонсалеса появилась просьба") between the
        # last quote and this quotation's opening mark speaks it, not the speaker quoted before
        opened = _opening_before(d, pos)
        after = max(_cue_pos(quoted), quoted.end)
        subject = None
        if opened is not None and opened > after:
            # the sentence right before the quotation, or its own when the quotation opens inside it
            os = _sent_of(d.a, opened)
            lo = max(after, d.a.sentences[max(0, os - 1)].start if d.a.sentences[os].start >= opened - 1
                     else d.a.sentences[os].start)
            subject = _last_subject(d, opened, lo, want) or _poster(d, lo, opened, want)
            if subject is not None and any(m[2].id == subject for m in d.mentions_in(opened, pos)):
                subject = None  # "Льюис может уйти ... «Я думаю, что Леннокс Льюис победит», - сказал он": not Льюис
            if subject is not None and _copular_mention(d, subject, lo, opened):
                subject = None  # "Исключением является только Игорь Денисов. «...», - подчеркнул он": described
    else:
        subject = _last_subject(d, pos, since, want)
    if subject is not None:
        return subject, None
    if quoted is not None:
        return quoted.speaker, (None if quoted.speaker else quoted.speaker_text)
    subject = _last_subject(d, pos, -1, want)
    if subject is not None:
        return subject, None
    if quoted is None and not inverted and want in ("Masc", "Fem") and si > 0 \
            and (body := _body_subject(d, d.a.sentences[si - 1], want)) is not None:
        return body, None  # "Английская служба здравоохранения подписала ... В понедельник она объявила"
    role = _role_subject(d, pos, d.a.sentences[max(0, si - 1)].start, want)
    if role is not None:
        return role
    best: str | None = None
    for ms, _me, ent in d.mentions:
        if ms >= pos:
            break
        if ent.type == "PER" and _agrees(want, _name_gender(ent.name)) and want != "Plur":
            best = ent.id
    if best is None and want in ("Masc", "Fem"):
        described = _singular_subject(d, pos, d.a.sentences[max(0, si - 1)].start, want)
        return (None, described) if described else None
    return (best, None) if best else None


def _body_subject(d: _Doc, sent: Sentence, want: str) -> str | None:
    """An organisation (no outlet) that opens ``sent`` in the nominative as the subject of its first finite verb,
    a past tense of ``want``'s gender ("Английская национальная служба здравоохранения подписала контракты"): the
    body a "она" of the next sentence continues when no one was quoted before."""
    ments = [m for m in d.mentions_in(sent.start, sent.end) if m[0] <= sent.start + 1]
    if not ments or ments[0][2].type != "ORG" or _is_media(ments[0][2]) or _mention_case(d, ments[0][0],
                                                                                          ments[0][1]) != "Nom":
        return None
    verb = next((t for t in d.a.tokens[sent.first_token:sent.last_token] if _finite(t)), None)
    if verb is None or verb.start < ments[0][1] or verb.feats.get("Tense") != "Past" \
            or verb.feats.get("Gender") != want or verb.feats.get("Number") == "Plur":
        return None
    return ments[0][2].id


_COPULAS = frozenset({"являться", "быть", "стать", "оказаться", "считаться"})


def _copular_mention(d: _Doc, eid: str, lo: int, hi: int) -> bool:
    """Is the last mention of ``eid`` in [lo, hi) in a clause whose verb is a copula (the person described,
    not acting: "Исключением является только дисквалифицированный Игорь Денисов")?"""
    ments = [m for m in d.mentions_in(lo, hi) if m[2].id == eid]
    if not ments:
        return False
    sent = d.a.sentences[_sent_of(d.a, ments[-1][0])]
    toks = d.a.tokens[sent.first_token:sent.last_token]
    # not an auxiliary: "который завтра будет беседовать с Лавровым"
    return any(t.pos in ("VERB", "AUX") and lemmas(t.text) & _COPULAS
               and not any(x.feats.get("VerbForm") == "Inf" for x in toks[k + 1:k + 3]) for k, t in enumerate(toks))


def _opening_before(d: _Doc, pos: int) -> int | None:
    """Start of the quotation marks whose inside ends nearest before ``pos`` (the quotation a "— сказал он"
    at ``pos`` follows), else None."""
    i = bisect.bisect_left(d.marks, (pos, 0)) - 1
    if i >= 0 and d.marks[i][1] > pos:
        return max(0, d.marks[i][0] - 1)  # "«A, — написал он. — B»": the clause inside the marks
    if i < 0 or pos - d.marks[i][1] > 40:
        return None
    start = d.marks[i][0]
    while i > 0 and d.marks[i - 1][1] >= start - 1 and d.marks[i - 1][0] < start:
        i -= 1  # a quotation split by its reporting clause: the first part opens it
        start = d.marks[i][0]
    return max(0, start - 1)


#: A post's place right before a name, with up to three genitive words between ("в Твиттере шерифа округа").
_POSTED_IN = re.compile(r"(?:твиттер|twitter|фейсбук|facebook|инстаграм|instagram|телеграм|telegram|микроблог|"
                        r"блог|страниц|аккаунт)[а-яa-z-]*(?:\s+[а-я-]+(?:а|я|ы|и|ов|ев|ей)){0,3}\s*$")
#: Latin letters typed for their Cyrillic look-alikes ("Tвиттере").
_LOOKALIKES = str.maketrans("aeopcxyktmhb", "аеорсхуктмнв")


def _poster(d: _Doc, lo: int, hi: int, want: str | None) -> str | None:
    """The person in the genitive after a noun of a post's place between ``lo`` and ``hi`` ("В Твиттере
    шерифа округа Эда Гонсалеса появилась просьба"): the one who wrote the quotation that follows."""
    for ms, _me, ent in reversed(d.mentions_in(lo, hi)):
        if ent.type != "PER" or _role_only(ent) or d.in_marks(ms) or _case_at(d, ms) != "Gen" \
                or not _agrees(want, _name_gender(ent.name)):
            continue
        before = fold(d.text[max(lo, ms - 50):ms])
        before = re.sub(r"[a-z]+(?=[а-я])|(?<=[а-я])[a-z]+", lambda m: m.group().translate(_LOOKALIKES), before)
        if _POSTED_IN.search(before):
            return ent.id
    return None


def _singular_subject(d: _Doc, pos: int, after: int, want: str) -> str | None:
    """"среди заложников есть одна немецкая школьница. Она позвонила ... и сообщила": with no one quoted
    or named to stand for, the last singular animate common noun in the nominative of the pronoun's
    gender in this or the previous sentence, with its adjectives, as written (a descriptive speaker)."""
    k = bisect.bisect_left(d.token_starts, pos) - 1
    toks = d.a.tokens
    while k >= 0 and toks[k].start >= after:
        t = toks[k]
        if t.pos == "NOUN" and t.feats.get("Case") == "Nom" and t.feats.get("Number") == "Sing" \
                and t.feats.get("Animacy") == "Anim" and t.feats.get("Gender") == want \
                and d.entity_at(t.start, t.end) is None and not d.covered(t.start, t.end) and not d.in_marks(t.start):
            s = k
            while s > 0 and toks[s - 1].pos == "ADJ" and toks[s - 1].feats.get("Case") == "Nom":
                s -= 1
            return d.text[toks[s].start:t.end]
        k -= 1
    return None


def _plural_subject(d: _Doc, pos: int, after: int) -> str | None:
    """"Однако врачи сомневались ... Они отмечали, что": the last plural animate common noun in the
    nominative between ``after`` and ``pos`` outside quotations, as written (a descriptive speaker); for a
    pronoun that opens its sentence also an inanimate voice ("южнокорейские СМИ сообщили ... По их словам")."""
    opening = d.a.sentences[_sent_of(d.a, pos)].start >= pos - 1
    k = bisect.bisect_left(d.token_starts, pos) - 1
    while k >= 0 and d.a.tokens[k].start > after:
        t = d.a.tokens[k]
        k -= 1
        # "СМИ, которые, по их мнению, лгут" is not what "их" stands for: only an opening pronoun
        voices = opening and (fold(t.text) == "сми" or (t.feats.get("Number") == "Plur"
                                                       and bool(lemmas(t.text) & _PLURAL_VOICES)))
        if t.pos in ("NOUN", "PROPN") and (t.feats.get("Case") == "Nom" or (voices and t.feats.get("Case") is None)) \
                and (voices or (t.feats.get("Number") == "Plur" and t.feats.get("Animacy") == "Anim")) \
                and d.entity_at(t.start, t.end) is None and not d.covered(t.start, t.end) and not d.in_marks(t.start):
            j = k
            while j >= 0 and d.a.tokens[j].pos == "ADJ" and d.a.tokens[j].start > after:
                j -= 1  # "южнокорейские СМИ": with its adjectives
            return d.text[d.a.tokens[j + 1].start:t.end] if voices else t.text
    return None


#: Inanimate plural nouns that speak like people: "южнокорейские СМИ сообщили ... По их словам".
_PLURAL_VOICES = frozenset({"сми", "власть", "издание", "газета", "агентство", "телеканал", "медиа"})


def _plural_antecedent(d: _Doc, pos: int) -> str | None:
    """"несмотря на просьбу глав 12 коммерческих телеканалов ... Они призывали": with no plural subject,
    the last plural animate common noun of the sentence before in another case, with its complements,
    as written; only when the pronoun opens its sentence and no plural speaker was quoted before."""
    k = bisect.bisect_left(d.token_starts, pos)
    si = _sent_of(d.a, pos)
    if si == 0 or k != d.a.sentences[si].first_token:
        return None
    prev = d.a.sentences[si - 1]
    toks = d.a.tokens[prev.first_token:prev.last_token]
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if t.pos == "NOUN" and t.feats.get("Number") == "Plur" and t.feats.get("Animacy") == "Anim" \
                and t.feats.get("Case") not in (None, "Nom") and d.entity_at(t.start, t.end) is None \
                and not d.covered(t.start, t.end) and not d.in_marks(t.start):
            ps, pe = _phrase(toks, i, i, len(toks))
            while pe < len(toks) and (toks[pe].pos in ("NUM", "ADJ") or (
                    toks[pe].pos == "NOUN" and toks[pe].feats.get("Case") == "Gen")):
                pe += 1  # "глав 12 коммерческих телеканалов"
            while pe > i + 1 and toks[pe - 1].pos in ("NUM", "ADJ"):
                pe -= 1
            return d.text[toks[ps].start:toks[pe - 1].end]
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
                and lemmas(t.text) & set(person_roles()) and not d.in_marks(t.start) \
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
    while i >= 0 and d.mentions[i][0] >= after:  # a subject that opens the sentence before counts
        ms, me, ent = d.mentions[i]
        i -= 1
        # a name inside an outlet's report ("Как передает радиостанция X, пресс-секретарь Y назвал ...") is
        # narrative a later "он" continues; inside another speaker's words it is not
        if ent.type != "PER" or _role_only(ent) or d.in_marks(ms) or any(
                q.start < me and ms < q.end and not _outlet(d, q.speaker) for q in d.quotes):
            continue
        k0, k1 = bisect.bisect_left(d.token_starts, me), bisect.bisect_left(d.token_starts, pos)
        if k0 <= k1 and not any(t.pos == "PUNCT" or _finite(t) for t in d.a.tokens[k0:k1]):
            continue  # "В обращении к министру Нобуо Киси он написал": a name in the pronoun's own clause
        if _mention_case(d, ms, me) == "Nom" and _agrees(want, _name_gender(ent.name)):
            return ent.id
    return None


def _mention_case(d: _Doc, ms: int, me: int) -> str | None:
    """The case of a name: that of its first token that has one ("фон дер Ляйен": the particles have none)."""
    k = bisect.bisect_left(d.token_starts, ms)
    while k < len(d.a.tokens) and d.a.tokens[k].start < me:
        case = d.a.tokens[k].feats.get("Case")
        if case is not None:
            return case
        k += 1
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
                if ent.type != "PER" and not _is_media(ent) and ent.subtype != "country":
                    return ent.id  # "военного ведомства США" names the body's country, not the body
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
    "министерство": re.compile(r"^(?:мин|мид\b|мвд\b|мчс\b|министерств|пентагон|госдеп|форин-офис)"),
    "партия": re.compile(r"парти|^(?:лдпр|кпрф|единая россия|справедливая россия|яблоко)\b"),
    "ведомство": re.compile(r"^(?:мин|мид\b|мвд\b|фсб\b|госдеп|пентагон|форин-офис|министерств|департамент|"
                            r"управлени|служб|"
                            r"федеральн\w* служб|федеральн\w* агентств|гувд|умвд|гу мвд|мчс\b|фас\b|фнс\b|фмс\b|"
                            r"(?:гу|у)?фсин\b|гу мчс\b|фтс\b|ск\b|следственн\w* комитет|(?:ген)?прокуратур|"
                            r"рос(?:авиаци|космос|стат|гвард|реестр|архив|финмониторинг|рыболовств|морречфлот|"
                            r"недр|имуществ|[а-я]*надзор))"),
}


#: Class nouns of companies, clubs and studios: "представитель компании", "в авиакомпании", "Клуб напоминает"
#: stand for the last organisation named before that is no state body, outlet or international body.
_COMPANY_CLASSES = frozenset({"компания", "авиакомпания", "госкомпания", "корпорация", "госкорпорация", "концерн",
                              "автоконцерн", "холдинг", "фирма", "турфирма", "банк", "брокер", "студия",
                              "киностудия", "клуб", "перевозчик", "авиаперевозчик", "ритейлер", "застройщик"})
_NOT_COMPANY = re.compile(r"(?:^|\b)(?:суд|прокуратур|министерств|мид|мвд|гувд|увд|умвд|фсб|мчс|чс|гибдд|"
                          r"правительств|администраци|парти|комитет|совет|дум|полици|следствен|департамент|"
                          r"управлени|служб|инспекци|област|кра[яй]|округ|район|республик)")
#: Determiners that make a class noun another one: "другой компании", "одна из компаний".
_OTHER = {"другой", "иной", "один", "некий", "любой", "каждый", "какой-то", "чужой"}


def _class_referent(d: _Doc, role: str, pos: int, far: bool = True) -> str | None:
    """The last organisation of class ``role`` mentioned before ``pos`` (see ``_CLASS_NAMES`` and
    ``_COMPANY_CLASSES``), else None. With ``far``, one named earlier than a paragraph or two back when it is
    the only one of its class."""
    if role in _COMPANY_CLASSES:
        return _company_referent(d, role, pos)
    pattern = _CLASS_NAMES[role]
    if pattern is None and (writer := _quoted_outlet(d, pos)) is not None:
        # "Об этом пишет The International Herald Tribune (перевод на сайте Inopressa.ru)" ... "сообщает издание":
        # the one outlet that wrote, before any outlet only mentioned
        return writer
    # an organisation the entity layer left untyped that relayed (", сообщает "Комсомольская правда"") is an outlet
    # too, when it is the only one that did and the noun is one outlet of no named country ("итальянское издание",
    # "телеканалы" are others); a site ("InoPressa.ru", "Newsru.com") is no "газета" or "телеканал"
    site = role not in ("издание", "портал", "сайт")
    relays = {ent.id for ms, _me, ent in d.mentions_in(0, pos) if ent.type == "ORG" and _relaying(d, ent, ms)
              and not (site and re.search(r"\.[a-z]{2,3}$", fold(ent.name)))} if pattern is None and far else set()
    if len(relays) > 1:
        relays = set()  # "пишет The Washington Post" ... "пишет Inopressa.ru": the translation site is no paper
    i = bisect.bisect_left(d.mention_starts, pos) - 1
    farther: set[str] = set()
    while i >= 0:
        ms, _me, ent = d.mentions[i]
        if ms <= pos - 800 and (not far or len(farther) > 1):
            break  # farther back only the one body of its class counts
        i -= 1
        if ent.type != "ORG" or d.covered(ms, ms + 1):
            continue
        # "Центральное телеграфное агентство Кореи" for "Агентство"
        named = pattern is None and role != "издание" and fold(role)[:-1] in fold(ent.name)
        outlet = pattern is None and (_is_media(ent) or named or _MEDIA_BEFORE.search(d.text[max(0, ms - 40):ms])
                                      or ent.id in relays)
        body = pattern is not None and not _is_media(ent) and (pattern.search(fold(ent.name)) or re.search(
            fold(role)[:5] + r"[а-я]*\s+[«\"„]?\s*$", fold(d.text[max(0, ms - 30):ms])))
        if outlet or body:
            if ms > pos - 800:  # a class noun refers back a paragraph or two
                return ent.id  # "партии "Техрик-э-Лабаик Пакистан"": introduced with the class noun
            farther.add(ent.id)
    # farther back only the one body of its class the text names ("источники в Минфине" ... "Другой
    # представитель министерства")
    # (outlets not: many go unrecognised, "считает издание" after "отмечает "Власть"" is no Reuters named far back)
    if len(farther) != 1 or not far:
        return None
    only = next(iter(farther))
    if pattern is not None:
        return only
    # an outlet farther back only when it is the one the text names and it was named as a reporter
    # ("передает New York Times со ссылкой на ... Как пишет издание")
    # (not the site of a translation, "перевод на сайте Inopressa.ru", nor one told or cited: "сообщили газете")
    before = d.mentions_in(0, pos)
    reported = any(ent.id == only and _REPORTED_BY.search(d.text[max(0, ms - 30):ms]) for ms, _me, ent in before)
    return only if reported and {m[2].id for m in before if _is_media(m[2])} <= {only} else None


def _relaying(d: _Doc, ent: Entity, ms: int) -> bool:
    """Is ``ent`` an organisation the entity layer left untyped that relays right after a reporting verb ("...,
    сообщает "Комсомольская правда"", "передает The Telegraph"): an outlet, which a later "издание" stands for.
    State bodies and the like ("сообщает МВД") are not outlets."""
    return not ent.subtype and not _NOT_COMPANY.search(fold(ent.name)) \
        and bool(_RELAYED_BY.search(d.text[max(0, ms - 30):ms]))


#: The reporting verb right before a relaying outlet, in the present tense: "..., сообщает", "пишет", "напоминает".
_RELAYED_BY = re.compile(r"(?:сообщает|сообщают|передает|передаёт|пишет|отмечает|напоминает|цитирует)\s+[«\"„]?\s*$",
                         re.I)


def _other_outlet_between(d: _Doc, since: int, pos: int, last: str | None) -> bool:
    """Did another outlet than ``last`` speak between ``since`` and ``pos`` ("В свою очередь французская Le Monde
    отмечает", "..., сообщает "Комсомольская правда"", named by the entity layer or not)? A later "издание" is
    then that one, not ``last``."""
    toks = d.a.tokens
    for ms, me, ent in d.mentions_in(since, pos):
        k = bisect.bisect_left(d.token_starts, ms)
        k2 = bisect.bisect_left(d.token_starts, me)
        near = [toks[x] for x in (k - 1, k2) if 0 <= x < len(toks)]
        if ent.type == "ORG" and ent.id != last and any(
                _finite(x) and cue_flags(x) and x.feats.get("Tense") == "Pres" for x in near):
            return True
    k = bisect.bisect_left(d.token_starts, since)
    while k + 1 < len(toks) and toks[k + 1].start < pos:
        t, nxt = toks[k], toks[k + 1]
        k += 1
        named = d.entity_at(nxt.start, nxt.end) or d.entity_at(nxt.end, nxt.end + 3)
        if _finite(t) and cue_flags(t) and t.feats.get("Tense") == "Pres" and (
                nxt.text in _OPEN_CLOSE or nxt.text[:1].isupper()) and (named is None or (
                named.id != last and named.type == "ORG")):
            return True
    return False


def _quoted_outlet(d: _Doc, pos: int) -> str | None:
    """The one organisation earlier quotes before ``pos`` gave as their writer ("Об этом пишет The International
    Herald Tribune", also an outlet the entity layer left untyped), when it is the only outlet that spoke and the
    last one that spoke or relayed: a later "издание"/"газета" of the same text is that one. None when another
    outlet spoke ("сообщает ТАСС" after "по словам источника "Коммерсанта""), relayed since ("..., сообщает
    "Комсомольская правда". При этом, как отмечает издание"), or none wrote."""
    wrote: set[str] = set()
    spoke: set[str] = set()
    events: list[tuple[int, str, int]] = []  # (offset, outlet, end of its sentence)
    for q in d.quotes:
        ent = _ent(d, q.speaker)
        if _cue_pos(q) >= pos or ent is None or ent.type != "ORG":
            continue
        if q.cue is not None and lemmas(q.cue.text) & {"писать", "написать"}:
            wrote.add(ent.id)
        if _outlet(d, q.speaker):
            spoke.add(ent.id)
        events.append((_cue_pos(q), ent.id, d.a.sentences[q.sent].end if q.sent < len(d.a.sentences) else pos))
    for si, eid in d.relays:
        if si < len(d.a.sentences) and d.a.sentences[si].start < pos:
            events.append((d.a.sentences[si].start, eid, d.a.sentences[si].end))
    events = [ev for ev in sorted(events) if ev[1] in wrote or _outlet(d, ev[1])]  # (all of spoke are outlets)
    if len(wrote) != 1 or not spoke <= wrote or not events or events[-1][1] not in wrote:
        return None
    _at, last, since = events[-1]
    return None if _other_outlet_between(d, since, pos, last) else last


#: An outlet right after its reporting verb: "Как сообщает ВВС, представители компании" is no company.
_REPORTED_BY = re.compile(r"(?:сообща\w*|переда\w*|пиш\w*|по данным|по сообщению|со ссылкой на)\s+[«\"„]?\s*$", re.I)


#: A body introduced by a class noun that is no company ("Бельгийский профсоюз CNE", "партии ПиС"): not a referent of
#: "компания/авиакомпания".
_NOT_COMPANY_BEFORE = re.compile(r"(?:профсоюз|парти|ассоциаци|федераци|министерств|ведомств|университет|"
                                 r"организаци|движени|союз|комитет|правительств|агентств)[а-я]*\s+[«\"„]?\s*$")


def _company_referent(d: _Doc, role: str, pos: int) -> str | None:
    """"представитель компании", "в авиакомпании": the one company the text introduced with that class
    noun before ("авиакомпания Flybe", "Приватбанк"), else the one company named in the 800 characters
    before; None when there are several ("компания" after "производитель АвтоВАЗ" and "Ульяновский
    автозавод"; "компании Knight Frank" and "Компания Google")."""
    stem = fold(role)[:-1] if fold(role)[-1:] in "аяоеуюиы" else fold(role)
    apposed = re.compile(stem + r"[а-я]*\s+(?:[«\"„]\s*)?$")
    introduced: list[str] = []
    near: list[str] = []
    i = bisect.bisect_left(d.mention_starts, pos) - 1
    while i >= 0 and d.mentions[i][0] > pos - 3000:
        ms, _me, ent = d.mentions[i]
        i -= 1
        platform = fold(ent.name) in _SOCIAL or fold(ent.name) in ("google", "apple", "microsoft", "amazon", "meta")
        if ent.type != "ORG" or (ent.subtype and not platform) or (_is_media(ent) and not platform) \
                or _MEDIA_BEFORE.search(d.text[max(0, ms - 40):ms]) or _NOT_COMPANY.search(fold(ent.name)) \
                or _REPORTED_BY.search(d.text[max(0, ms - 30):ms]) \
                or _NOT_COMPANY_BEFORE.search(fold(d.text[max(0, ms - 40):ms])):
            continue
        if (fold(ent.name).endswith(stem) or apposed.search(fold(d.text[max(0, ms - 40):ms]))) \
                and ent.id not in introduced:
            introduced.append(ent.id)
        if ms > pos - 800 and ent.id not in near:
            near.append(ent.id)
    si = _sent_of(d.a, pos)
    if si > 0:
        # "Vitol, еще один крупный покупатель, отказался ... Ранее компания заявила": the company that is the
        # subject of the sentence before, before one introduced with the class noun long ago
        prev = d.a.sentences[si - 1]
        # ("Разработчики Twitter сделали ... выводы:": the company after the subject noun that opens it, too)
        ptoks = d.a.tokens[prev.first_token:min(prev.first_token + 2, prev.last_token)]
        staff = len(ptoks) == 2 and ptoks[0].pos == "NOUN" and ptoks[0].feats.get("Case") == "Nom" \
            and ptoks[0].feats.get("Animacy") == "Anim"
        opener = next((m for m in d.mentions_in(prev.start, prev.end) if m[0] <= prev.start + 1 or (
            staff and m[0] == ptoks[1].start)), None)
        if opener is not None and opener[2].id in near and (
                _case_at(d, opener[0]) in ("Nom", None) or (staff and opener[0] > prev.start + 1)):
            return opener[2].id
        if opener is None:
            # "Ирландский лоукостер Ryanair планирует ... \"...\", - отметила компания": the company named in the
            # nominative before the first verb of the sentence before (its subject)
            verb = next((t.start for t in d.a.tokens[prev.first_token:prev.last_token] if _finite(t)), prev.end)
            subject = next((m for m in d.mentions_in(prev.start, verb) if m[2].type == "ORG"), None)
            if subject is not None and subject[2].id in near and _case_at(d, subject[0]) in ("Nom", None) \
                    and not d.in_marks(subject[0]):
                k = bisect.bisect_left(d.token_starts, subject[0]) - 1
                while k >= prev.first_token and d.a.tokens[k].text in _OPEN_CLOSE:
                    k -= 1
                # its head noun, if any, in the nominative too ("лоукостер Ryanair"; not "членов Cockpit")
                if k < prev.first_token or d.a.tokens[k].pos != "NOUN" or d.a.tokens[k].feats.get("Case") == "Nom":
                    return subject[2].id
    if introduced:
        return introduced[0] if len(introduced) == 1 else None
    if len(near) > 1:
        # several companies named: "Авиакомпания ... сказала" after "«Ryanair» объявила об отмене" is the one
        # quoted last, when it is one of them
        last = next((q for q in _previous_quotes(d, pos) if q.speaker and not q.relay), None)
        if last is not None and last.speaker in near:
            return last.speaker
        return _salient(d, near, pos)
    return near[0] if len(near) == 1 else None


def _salient(d: _Doc, candidates: list[str], pos: int) -> str | None:
    """The company the text is about among ``candidates`` named near: the one named before ``pos`` at least three
    times and at least twice as often as any other ("Компания считает" after Ryanair named six times and the
    pilots' union Cockpit three), with at most one other of them named since its last mention; None when no one
    stands out."""
    counts = sorted(((sum(1 for ms, _me, ent in d.mentions if ms < pos and ent.id == c), c) for c in candidates),
                    reverse=True)
    (top, best), (second, _other) = counts[0], counts[1]
    if top < 3 or top < 2 * second:
        return None
    # not when the text has moved on to others: "... Ford Sollers останавливало конвейер ... "АвтоВАЗ" ...
    # Ульяновский автозавод работал ..., рассказал представитель компании" after a text about Volkswagen
    last = max(ms for ms, _me, ent in d.mentions if ms < pos and ent.id == best)
    since = {ent.id for ms, _me, ent in d.mentions_in(last, pos) if ent.id in candidates and ent.id != best}
    return best if len(since) <= 1 else None


#: Bare roles that may speak for a body quoted before ("собеседник агентства" after "представитель Роскосмоса").
_VOICES_OF_BODIES = frozenset({"собеседник", "источник", "сотрудник", "член", "чиновник", "представитель"})


#: Heads of a body, whatever the word ("глава", "директор", "руководитель", "председатель", "начальник").
_HEADS = frozenset({"глава", "директор", "руководитель", "председатель", "начальник", "гендиректор",
                    "президент", "управляющий"})


#: Sources with no name of their own: "источник в МВД", "собеседник агентства", "очевидцы".
_GENERIC_SOURCES = {"источник", "собеседник", "очевидец", "свидетель", "чиновник", "сотрудник", "эксперт",
                    "аналитик", "наблюдатель"}


#: Generic sources that, bare, describe the named person quoted just before ("эксперт", "аналитик").
_EXPERTS = frozenset({"эксперт", "аналитик"})


#: Heads of unnamed sources a later "собеседник агентства" continues ("источник в военной разведке").
_SOURCE_HEADS = {"источник", "собеседник", "сотрудник", "чиновник"}


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
    known = set(person_roles()) | voice_roles() | {lem for lem in head_lemmas if lem.startswith("зам")}
    nouns = frozenset(lem for t in toks[s:e] if t.pos in ("NOUN", "PROPN") for lem in lemmas(t.text))
    others = nouns & known
    # the head's role, not its possessor's: "пресс-секретарь российского президента" is not the president
    # "представитель пресс-службы" speaks for the body; "руководитель ведомства" is a person, not the body
    body_roles = frozenset() if head_lemmas & _HEADS else others & _BODY_ROLES
    roles = frozenset(head_lemmas & known) | body_roles if head_lemmas & known else others
    if not head_lemmas & known and (introduced := _introduced_as(d, toks, s, e, head)) is not None:
        return introduced
    if not head_lemmas & known and (described := _described_speaker(d, toks, s, e, head)) is not None:
        return described
    if head_lemmas & {"власть", "власти"} and not d.mentions_in(toks[s].start, toks[e - 1].end) \
            and (place := _authorities_of(d, toks[s].start)) is not None:
        return place, None  # "Власти города Сундсвалль предупредили ... Власти также просят": the city
    members = sorted(head_lemmas & set(_PARTY_MEMBERS))
    if members and not d.mentions_in(toks[s].start, toks[e - 1].end):
        party = _last_org_named(d, _PARTY_MEMBERS[members[0]], toks[s].start)
        if party is not None:
            return party, None  # "Коммунисты жалуются" after "представители КПРФ": the party
    if head_lemmas & _ORG_CLASSES and not d.mentions_in(toks[s].start, toks[e - 1].end) \
            and all(t.pos in ("ADJ", "DET", "PUNCT") or k == head for k, t in enumerate(toks[s:e], s)) \
            and (org := _quoted_body(d, toks[s].start)) is not None:
        return org, None  # "сказали в ассоциации "Руспродсоюз" ... добавили в организации": that body
    if not roles and not head_lemmas & _COMPANY_CLASSES:
        return None
    pos = toks[s].start
    # "сообщил сотрудник пресс-службы "Интерфаксу"": an outlet told is no body of the press service
    own_names = [m for m in d.mentions_in(toks[s].start, toks[e - 1].end)
                 if not (_is_media(m[2]) and _mention_case(d, m[0], m[1]) == "Dat")]
    if roles & _BODY_ROLES and not own_names:
        national = _national_body(d, toks, s, e, head, [])  # "заявило американское ведомство": Минфин США
        if national is not None:
            return national, None
        body = _role_body(d, roles, pos)
        # "В ведомстве рассказали" after "Минобороны России сообщило": the body of that class named last,
        # when it was named after the last use of the word
        named = _class_referent(d, "ведомство", pos) if "ведомство" in roles else None
        if named is not None and (body is None or _last_mention(d, named, pos) > _last_mention(d, body, pos)):
            body = named
        if body is not None:
            return body, None
    class_words = set(_CLASS_NAMES) | _COMPANY_CLASSES
    # "Лидеры партии призвали", "члены партии": the members of the body named before speak for it
    members_of = bool(head_lemmas & {"лидер", "член"}) and toks[head].feats.get("Number") == "Plur"
    classes = head_lemmas & class_words or (nouns & class_words if head_lemmas & voice_roles() or members_of
                                            else set())
    if classes & _COMPANY_CLASSES and any(
            (lemmas(t.text) & _COMPANY_CLASSES and t.feats.get("Number") == "Plur") or lemmas(t.text) & _OTHER
            or (t.pos == "ADJ" and lemmas(t.text) & set(_nationalities())) for t in toks[s:e]):
        classes = set()  # "представители пяти компаний", "другой/российской компании": not the one named before
    if classes and not d.mentions_in(toks[s].start, toks[e - 1].end):
        # "Телекомпания сообщала", "отметили в министерстве", "представитель ведомства"
        # "отмечает итальянская газета": a nationality makes it one of many, not the one named long before
        # "отмечают информационные агентства": several, not the one named long before either
        far = not any(t.pos == "ADJ" and lemmas(t.text) & set(_nationalities()) for t in toks[s:e]) \
            and toks[head].feats.get("Number") != "Plur"
        for role in sorted(classes):
            body = _class_referent(d, role, pos, far)
            if body is not None:
                return body, None
    cands: list[tuple[int, str | None, str | None]] = []
    marks = frozenset(fold(t.text)[:5] for t in toks[s:e] if t.pos in ("ADJ", "NOUN", "PROPN")
                      and len(t.text) >= 5 and not lemmas(t.text) & known)
    # "черногорского президента" is not the one introduced as "президента Австрии Хайнца Фишера"
    nation = frozenset(name for t in toks[s:e] if t.pos == "ADJ" for lem in lemmas(t.text) if lem in _nationalities()
                       for name in _nation_names(lem))
    # "Новый президент США" is not the one introduced as "президентом России Путиным": a country in the role's
    # complement works as its nationality adjective does
    held_nation = nation
    for _ms, _me, land in d.mentions_in(toks[head].end, toks[e - 1].end):
        if land.type == "LOC" and land.subtype == "country":
            called = fold(land.name)
            held_nation |= next((names for names in _country_names().values() if called in names),
                                frozenset({called}))
    # "Руководитель ОАЭИ" bound to an organisation is no one introduced as "президент Ирана X": only the same word
    bound = bool(head_lemmas & _HEADS) and any(  # "глава Белого дома" is the president all the same
        m[2].type == "ORG" and not fold(m[2].name).startswith(("белый дом", "кремл", "елисейск"))
        for m in d.mentions_in(toks[head].end, toks[e - 1].end))
    holder = _role_holder(d, roles, pos, marks=marks, nation=held_nation, exact_only=bound)
    own_bodies = {m[2].id for m in d.mentions_in(toks[head].end, toks[e - 1].end) if m[2].type == "ORG"}
    deputy = next((lem for lem in head_lemmas if lem.startswith("зам") and lem[3:] in person_roles()), None)
    if holder is None and deputy is not None:
        holder = _deputy_of(d, deputy, pos)  # "заместитель министра промышленности, науки и технологий X"
    if holder is None and head_lemmas & _HEADS:
        # "глава Гидрометцентра" after "директор Гидрометцентра РФ Роман Вильфанд": heads of one body named
        # by different words, when the body after the role is the one named at the introduction
        body_words = frozenset(w if w.isupper() else fold(w)[:5] for t in toks[head + 1:e] if t.pos in ("NOUN", "PROPN")
                               and (len(t.text) >= 5 or (t.text.isupper() and len(t.text) >= 2))
                               and not lemmas(t.text) & known for w in [t.text])
        if body_words:
            holder = _role_holder(d, _HEADS, pos, marks=frozenset(fold(m) for m in body_words), need_mark=True,
                                  coordinated=True)
        if holder is None:
            # "Глава КГБ" after "председатель Комитета государственной безопасности Валерий Вакульчик": the
            # same body by another name
            holder = _head_of(d, own_bodies, pos) if own_bodies else None
    # "Издание заключает" is no person introduced "в разговоре с изданием пресс-секретарь X"
    outlet_class = roles <= _MEDIA_ROLES
    held = _ent(d, holder[1]) if holder is not None else None
    if holder is not None and not (outlet_class and held is not None and held.type == "PER"):
        cands.append((holder[0], holder[1], None))
    generic = bool(head_lemmas & _GENERIC_SOURCES)  # "собеседник агентства": whoever was quoted last

    def same_head(span: tuple[int, int]) -> bool:
        """"указал руководитель ЦИК" after "По словам главы ЦИК ДНР": a head of the same body by another head word
        (the earlier speaker a person)."""
        k0 = bisect.bisect_left(d.token_starts, span[0])
        heads = any(lemmas(t.text) & _HEADS for t in d.a.tokens[k0:k0 + 8] if t.start < span[1])
        return heads and bool(own_bodies & {m[2].id for m in d.mentions_in(span[0], span[1])})

    for q in [] if generic else _previous_quotes(d, pos):
        phrase = d.phrases.get(_cue_pos(q))
        if phrase is None and bound and (phrase := d.according.get(_cue_pos(q))) is not None and not (
                phrase[0] < pos and same_head(phrase)):
            continue  # a "по словам" phrase serves a head of the same body only
        if phrase is None or not _quoted_speaker(q) or phrase[0] >= pos:
            continue
        words = _span_lemmas(d, phrase)
        k0 = bisect.bisect_left(d.token_starts, phrase[0])
        words |= {lem for k in range(k0, min(len(d.a.tokens), k0 + 8)) if d.a.tokens[k].start < phrase[1]
                  for lem in _role_lemmas(d.a.tokens, k)}  # "Глава региона подчеркнул": a governor
        if nation and _foreign(d, q.speaker, nation):
            continue  # "южнокорейский министр" is not "заключил дипломат" of another country
        same_body = bound and (said := _ent(d, q.speaker)) is not None and said.type == "PER" and same_head(phrase)
        if same_body or any((r in words) if bound else _same_role(frozenset(words), r) for r in roles):
            if outlet_class and _other_outlet_between(d, phrase[1], pos, q.speaker):
                break  # "отмечает издание" (Forbes) ... "Le Monde отмечает" ... "сообщает издание": not Forbes
            cands.append((_cue_pos(q), q.speaker, None if q.speaker else q.speaker_text))
            break
    # "констатировала премьер" is no man introduced as "австрийский канцлер": the cue's past-tense gender agrees
    verb = next((t for t in (toks[s - 1] if s > 0 else None, toks[e] if e < len(toks) else None)
                 if t is not None and t.pos in ("VERB", "AUX") and t.feats.get("Tense") == "Past"
                 and t.feats.get("Number") != "Plur" and t.feats.get("Gender") in ("Masc", "Fem")), None)
    if verb is not None:
        cands = [c for c in cands if (held := _ent(d, c[1])) is None or held.type != "PER"
                 or _agrees(verb.feats["Gender"], _text_gender(d, held) or _first_name_gender(held.name))]
    if cands:
        _at, spk, st = max(cands, key=lambda c: c[0])
        return spk, st
    rest = [t for k, t in enumerate(toks[s:e], s) if k != head and t.pos not in ("ADJ", "DET", "PUNCT")]
    inner = d.mentions_in(toks[s].start, toks[e - 1].end)
    # "собеседник "Коммерсанта"" is the one the outlet just quoted ("источник CNN" may be a new one)
    told = "собеседник" in head_lemmas
    bare = all(told and _is_media(m[2]) for m in inner) and all(
        lemmas(t.text) & (_BARE_COMPLEMENT | _STATE) or (told and _is_media(d.entity_at(t.start, t.end)))
        or t.text in _OPEN_CLOSE or t.text in _OPEN_CLOSE.values() for t in rest)
    plural = toks[head].feats.get("Number") == "Plur"  # "немецкие дипломаты" are not the one quoted before
    # "По словам другого источника" is another source, not the one quoted before
    other = any(lemmas(t.text) & (_OTHER - {"один"}) for t in toks[s:head])
    if bare and not plural and not other and roles & (set(person_roles()) | {"источник"}):
        for q in _previous_quotes(d, pos):
            said = _ent(d, q.speaker)
            if said is not None and said.type != "PER" and not head_lemmas & _VOICES_OF_BODIES:
                continue  # "федеральный прокурор признал" is no committee quoted before
            if _quoted_speaker(q) and not q.relay and not _is_media(said):
                if said is None and _state_head(toks, head):
                    continue  # "глава государства" is no unnamed "сотрудник администрации" quoted before
                if "источник" in head_lemmas and said is not None and said.type == "PER":
                    return None  # "Как рассказал источник" after a named person is another, unnamed one
                if nation and _foreign(d, q.speaker, nation):
                    return None  # "южнокорейский министр" after an American diplomat is another person
                phrase = d.phrases.get(_cue_pos(q))
                if said is not None and said.type == "PER" and phrase is not None and head_lemmas & _OFFICES:
                    own = _span_lemmas(d, phrase) & set(person_roles())
                    if own and not any(_same_role(frozenset(own), r) for r in roles):
                        continue  # "Президент ... заявляя" after "заявил председатель совета X": another office
                return q.speaker, None if q.speaker else q.speaker_text
    ahead = _role_holder(d, roles, toks[e - 1].end, ahead=True, nation=nation)
    if ahead is None or (outlet_class and (held := _ent(d, ahead[1])) is not None and held.type == "PER"):
        later = d.mentions_in(toks[e - 1].end, toks[min(len(toks), e + 15) - 1].end)
        if head_lemmas & set(person_roles()) and not generic and not plural and not nation \
                and not any(m[2].type == "PER" for m in later):  # "..., а ныне противник власти Георгий X"
            # "Новым главой полиции стала Крессида Дик ... новый глава столичной полиции сказала": a role the
            # text gave a person by a predicate, not in apposition; the one person it can describe
            return _topic_person(d, toks, s, e, head) or _headline_speaker(d, toks, head)
        return None
    return ahead[1], None


#: Class nouns of associations and other bodies that are neither state bodies nor companies.
_ORG_CLASSES = frozenset({"организация", "ассоциация", "объединение"})


def _quoted_body(d: _Doc, pos: int) -> str | None:
    """The organisation (not an outlet) that spoke the last quote before ``pos``, when that quote is less than
    1,000 characters back: a bare "в организации" continues the body just quoted, it names no new one."""
    for q in _previous_quotes(d, pos):
        if q.relay or not _quoted_speaker(q):
            continue
        said = _ent(d, q.speaker)
        if _cue_pos(q) < pos - 1000 or said is None or said.type != "ORG" or _is_media(said):
            return None
        return said.id
    return None


def _persons_before(d: _Doc, pos: int) -> Iterator[tuple[int, Entity, int]]:
    """Each person mention that starts before ``pos``, in text order: (start, entity, index of its first token)."""
    for ms, _me, ent in d.mentions:
        if ms >= pos:
            break
        if ent.type == "PER":
            yield ms, ent, bisect.bisect_left(d.token_starts, ms)


def _deputy_of(d: _Doc, deputy: str, pos: int) -> tuple[int, str] | None:
    """The last person before ``pos`` introduced as the deputy ``deputy`` ("замминистр": "заместитель министра
    промышленности, науки и технологий России Сергей Митин", "замминистра X"), whatever the complement."""
    toks = d.a.tokens
    best: tuple[int, str] | None = None
    for ms, ent, k in _persons_before(d, pos):
        for j in range(k - 1, max(-1, k - 14), -1):
            if toks[j].text in (".", ";", ":") or _finite(toks[j]):
                break
            full = {"зам" + lem for lem in lemmas(toks[j].text)}
            if j > 1 and lemmas(toks[j - 1].text) & {"генеральный"}:  # "заместитель генерального прокурора"
                full |= {"замген" + lem for lem in lemmas(toks[j].text)}
                j -= 1
            if _deputy(toks[j].text) == deputy or (j > 0 and lemmas(toks[j - 1].text) & {"заместитель"}
                                                   and deputy in full):
                best = (ms, ent.id)
                break
    return best


def _head_of(d: _Doc, bodies: set[str], pos: int) -> tuple[int, str] | None:
    """The last person before ``pos`` introduced as the head of one of ``bodies`` ("председатель Комитета
    государственной безопасности Валерий Вакульчик"): (mention start, entity id), else None."""
    toks = d.a.tokens
    best: tuple[int, str] | None = None
    for ms, ent, k in _persons_before(d, pos):
        lo = k
        while lo > 0 and k - lo < 10 and toks[lo - 1].text not in (",", ".", ";", ":") and not _finite(toks[lo - 1]):
            lo -= 1
        if any(lemmas(t.text) & _HEADS for t in toks[lo:k]) and any(
                m[2].id in bodies for m in d.mentions_in(toks[lo].start, ms)):
            best = (ms, ent.id)
    return best


def _headline_speaker(d: _Doc, toks: list[Token], head: int) -> tuple[str | None, str | None] | None:
    """"Николай Травкин: "Как у обычных людей"" ... "пишет бывший политик": a headline that opens with a person
    and a colon names the one a bare role of the same gender (from a past cue or the noun) stands for."""
    first = d.text.split("\n", 1)[0]
    ments = d.mentions_in(0, len(first))
    if not ments or ments[0][2].type != "PER" or not re.match(r"\s*:", first[ments[0][1]:]) \
            or first[:ments[0][0]].strip():
        return None
    verb = next((x for x in toks[head + 1:head + 6] + toks[max(0, head - 3):head] if x.pos == "VERB"
                 and x.feats.get("Gender") in ("Masc", "Fem")), None)
    gender = verb.feats["Gender"] if verb is not None else toks[head].feats.get("Gender")
    return (ments[0][2].id, None) if _agrees(gender, _name_gender(ments[0][2].name)) else None


def _authorities_of(d: _Doc, pos: int) -> str | None:
    """The place of the last "власти X" in the 1,500 characters before ``pos`` ("Власти города Сундсвалль")."""
    lo = max(0, pos - 1500)
    for m in reversed(list(re.finditer(r"(?i)\bвласт[ияе]\w*", d.text[lo:pos]))):
        ments = d.mentions_in(lo + m.end(), lo + m.end() + 40)
        if ments and ments[0][2].type == "LOC" \
                and re.fullmatch(r"(?:\s+[а-яё-]+){0,2}\s+", d.text[lo + m.end():ments[0][0]]):
            return ments[0][2].id
    return None


#: Nouns of a party's members -> the party's folded name ("коммунисты" speak for КПРФ named in the text).
_PARTY_MEMBERS: dict[str, re.Pattern[str]] = {
    "коммунист": re.compile(r"^кпрф\b|коммунистическ\w* парти"),
    "единоросс": re.compile(r"единая россия"),
    "эсер": re.compile(r"справедливая россия"),
    "либерал-демократ": re.compile(r"^лдпр\b|либерально-демократическ\w* парти"),
    "яблочник": re.compile(r"^яблоко\b"),
    "лейборист": re.compile(r"лейборист"),
    "консерватор": re.compile(r"консервативн\w* парти"),
    "республиканец": re.compile(r"республиканск\w* парти"),
    "демократ": re.compile(r"демократическ\w* парти"),
}


def _last_org_named(d: _Doc, pattern: re.Pattern[str], pos: int) -> str | None:
    """The last organisation before ``pos`` whose folded name matches ``pattern`` (a party, a court), else None."""
    i = bisect.bisect_left(d.mention_starts, pos) - 1
    while i >= 0:
        ent = d.mentions[i][2]
        if ent.type == "ORG" and pattern.search(fold(ent.name)):
            return ent.id
        i -= 1
    return None


def _foreign(d: _Doc, eid: str | None, nation: frozenset[str]) -> bool:
    """Is the entity ``eid`` named with a country other than ``nation`` in its title and never with it
    ("Помощник госсекретаря США Кристофер Хилл" for a later "южнокорейский министр")?"""
    places = [fold(m[2].name) for ms, me, ent in d.mentions if ent.id == eid
              for m in d.mentions_in(max(0, ms - 60), me) if m[2].type == "LOC" and m[2].subtype == "country"
              and not re.search(r"[.!?\n]", d.text[m[1]:ms])]  # the title of that mention, not the sentence before
    return bool(places) and not any(p in nation or p[:4] in nation for p in places)


def _introduced_as(d: _Doc, toks: list[Token], s: int, e: int, head: int) -> tuple[str | None, str | None] | None:
    """A singular person noun outside the role lists that the text used right before a person's name
    ("Блоггер Илья Варламов" for a later "по мнению блоггера", "юрист Весельницкая" for "юрист обещала",
    "помощник депутата ... Даниил Тяжкун" for "по словам помощника депутата"): that person, the
    last one so introduced before the phrase. None otherwise: the phrase stays descriptive."""
    t = toks[head]
    if t.pos not in ("NOUN", "PROPN") or t.feats.get("Animacy") != "Anim" or t.feats.get("Number") == "Plur" \
            or d.mentions_in(toks[s].start, toks[e - 1].end) or d.entity_at(t.start, t.end) is not None:
        return None
    # "Блоггер и оппозиционер Алексей Навальный" for a later "по мнению блоггера"
    holder = _role_holder(d, frozenset(lemmas(t.text)), toks[s].start, agree=True, coordinated=True)
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
            or gender not in ("Masc", "Fem") or d.entity_at(t.start, t.end) is not None:
        return None
    for q in _previous_quotes(d, toks[s].start)[:1]:
        if q.speaker is None and q.speaker_text and not _PRONOUN.match(q.speaker_text) and lemmas(t.text) & {
                lem for w in re.findall(r"[\w-]+", q.speaker_text) for lem in lemmas(w)}:
            # "По мнению автора петиции, C ... автор петиции указал ..., отметив": the unnamed one quoted just
            # before, not a person the text is about
            return None, d.text[toks[s].start:toks[e - 1].end]
    if lemmas(t.text) & _GENERIC_SOURCES:
        # "как считает эксперт" right after a quote of the expert "директор института Евгений Минченко":
        # a bare expert or analyst is the one just quoted; an unnamed source never is
        if e - s == 1 and lemmas(t.text) & _EXPERTS and not d.mentions_in(toks[s].start, toks[e - 1].end):
            return _quoted_described(d, toks[s].start, gender)
        return None
    if d.mentions_in(toks[s].start, toks[e - 1].end):
        return _topic_person(d, toks, s, e, head)
    if any(fold(x.text) in _POSSESSIVES for x in toks[max(0, s - 1):e]):
        return None  # "его клиент" after the lawyer's quote is the lawyer's client, not the lawyer
    for k in range(s, e):  # "Сама женщина", "автор статьи": modifiers and inanimate complements only
        x = toks[k]
        if k != head and not (x.pos in ("ADJ", "PRON") or (x.pos == "DET" and lemmas(x.text) & _DEFINITE)
                              or (x.pos == "NOUN" and x.feats.get("Animacy") == "Inan")):
            return _topic_person(d, toks, s, e, head)  # "любой вкладчик" is no one in particular (see there)
    return _quoted_described(d, toks[s].start, gender, lemmas(t.text)) or _topic_person(d, toks, s, e, head)


_POSSESSIVES = {"его", "ее", "её", "их", "свой", "своя", "свое", "свои", "наш", "наша", "мой", "моя"}


def _quoted_described(d: _Doc, pos: int, gender: str,
                      noun: frozenset[str] = frozenset()) -> tuple[str | None, str | None] | None:
    """The named person of the nearest quote before ``pos`` when it is of ``gender`` (or unknown), in
    this or the previous paragraph, with no other person named since, and not introduced with the noun
    ``noun`` as the possessor of the role ("истец" is not "адвокат истца Дмитрий Мальбин")."""
    for q in _previous_quotes(d, pos):
        if q.relay or not q.speaker:
            continue
        ent = _ent(d, q.speaker)
        if ent is None or ent.type != "PER" or d.para(pos) - d.para(_cue_pos(q)) > 2 \
                or not _agrees(gender, _quote_gender(d, q)):
            return None
        toks = d.a.tokens
        for ms, _me, e2 in d.mentions if noun else ():
            if e2.id != q.speaker:
                continue
            k = bisect.bisect_left(d.token_starts, ms)
            # the noun in the genitive before a name in another case is its possessor ("адвокат истца Дмитрий
            # Мальбин"), not its apposition ("Журналиста Виталия Полякова уволили")
            if k < len(toks) and any(
                    toks[y].feats.get("Case") == "Gen" and lemmas(toks[y].text) & noun and y > 0
                    and toks[y - 1].pos == "NOUN" and toks[y - 1].feats.get("Animacy") == "Anim"
                    and toks[y - 1].feats.get("Case") == toks[k].feats.get("Case") != "Gen"
                    for y in range(max(0, k - 4), k)):
                return None
        after = max(_cue_pos(q), q.end)
        # a name in an oblique case ("инициатив Медведева, считает депутат") is no new subject to describe
        others = [m for m in d.mentions_in(after, pos) if m[2].type == "PER" and m[2].id != q.speaker
                  and not d.in_marks(m[0]) and _case_at(d, m[0]) in ("Nom", None)]
        return None if others else (q.speaker, None)  # another person named since: not sure whom it describes
    return None


def _case_at(d: _Doc, pos: int) -> str | None:
    """The case of the token starting at ``pos`` (None when unknown)."""
    k = bisect.bisect_left(d.token_starts, pos)
    return d.a.tokens[k].feats.get("Case") if k < len(d.a.tokens) and d.token_starts[k] == pos else None


def _topic_person(d: _Doc, toks: list[Token], s: int, e: int, head: int) -> tuple[str | None, str | None] | None:
    """"Как сообщают СМИ, Мария Милошевич назвала ... Дочь экс-президента Югославии, живущая в Черногории,
    заявила": a singular person noun whose modifiers are adjectives or genitive complements that name no
    person stands for the one person of its gender named in the nominative in this or the previous
    paragraph, when no other person of that gender (or of unknown gender) is named there and the
    complement's role is not that person's own ("брат активиста" is not the activist). The noun must
    have been used before (the headline's or lead's "Дочь Милошевича"): a first use names a new person."""
    gender = toks[head].feats.get("Gender")
    # "отметила автор": a noun of common gender takes the gender of its past-tense verb
    verb = next((x for x in (toks[e] if e < len(toks) else None, toks[s - 1] if s > 0 else None)
                 if x is not None and x.pos == "VERB" and x.feats.get("Gender") in ("Masc", "Fem")), None)
    if verb is None and lemmas(toks[head].text) & {"глава"}:
        # "глава российского правительства на совещании ... заявил": the common-gender noun's own finite verb
        verb = next((x for x in toks[e:e + 12] if _finite(x) and x.feats.get("Gender") in ("Masc", "Fem")), None)
    gender = verb.feats["Gender"] if verb is not None else gender
    comp: set[str] = set()
    for k in range(s, e):
        x = toks[k]
        if k > head and x.pos == "ADP":
            break  # "заявил политик со слезами в голосе": a circumstance, not a modifier of who
        if k == head or x.pos in ("ADJ", "PUNCT") or (x.pos == "DET" and lemmas(x.text) & _DEFINITE):
            continue
        ent = d.entity_at(x.start, x.end)
        if ent is not None and ent.type != "PER" and x.feats.get("Case") is None:
            continue  # "участница Pussy Riot": a foreign name has no case
        if x.pos in ("NOUN", "PROPN") and x.feats.get("Case") == "Gen" and (ent is None or ent.type != "PER"):
            if ent is None and x.feats.get("Animacy") == "Anim":
                comp |= lemmas(x.text)
            continue
        return None  # "любой вкладчик", "один из ...", "дочь Милошевича": no one in particular, or the possessor
    pos = toks[s].start
    k0 = bisect.bisect_left(d.token_starts, pos)
    head_lemmas = lemmas(toks[head].text)
    # "Владелец летной школы сообщил" names a new person; "Дочь ..." after the lead's "Дочь ..." not. An office
    # used for the first time ("«...», - заявил тогда премьер") may still be the one person of its paragraph.
    first_use = not any(lemmas(x.text) & head_lemmas for x in d.a.tokens[:k0])
    if first_use and head_lemmas & _GENDERED and gender in ("Masc", "Fem"):
        return _only_person(d, pos, gender)
    if first_use and (lead := _headline_subject(d, pos, gender)) is not None:
        return lead, None
    if first_use and not head_lemmas & _OFFICES:
        return None
    # paragraphs by blank lines where the text has them (a list of names, one a line, is one paragraph)
    gap = r"\n\s*\n\s*" if "\n\n" in d.text else r"\n+"
    starts = [0] + [m.end() for m in re.finditer(gap, d.text[:pos])]
    lo = starts[-2] if len(starts) >= 2 else 0
    found: str | None = None
    nominative = False
    here = starts[-1] if first_use else lo  # a first use: the subject of this paragraph only
    for ms, me, ent in d.mentions_in(lo, pos):
        if ent.type != "PER" or _role_only(ent) or d.in_marks(ms):
            continue
        got = _name_gender(ent.name)
        if got is not None and got != gender:
            continue
        if (found is not None and ent.id != found) or got is None:
            return None  # two people it might describe, or a name of unknown gender
        found = ent.id
        k = bisect.bisect_left(d.token_starts, ms)
        # any word of the name: "фон Беттихер стал" (the particle "фон" has no case of the name)
        named = any(t.feats.get("Case") == "Nom" for t in d.a.tokens[k:k + 4] if t.start < me)
        nominative = nominative or (ms >= here and named
                                    and not (first_use and any(q.start <= ms < q.end for q in d.quotes)))
    if found is None or not nominative:
        return None
    if comp and (holder := _role_holder(d, frozenset(comp), pos)) is not None and holder[1] == found:
        return None
    own = frozenset(head_lemmas)
    if (loose := _role_holder(d, own, pos, possessors=True)) is not None and loose[1] == found \
            and _role_holder(d, own, pos, agree=True) is None:
        return None  # "брат активиста Виталий Бученков ... Активист утверждал": the noun was his possessor
    return found, None


def _headline_subject(d: _Doc, pos: int, gender: str | None) -> str | None:
    """"Навальный составил для Запада свой санкционный список" ... "Оппозиционер предложил": a person noun used for
    the first time in the first sentence of the text under its headline restates the headline's subject, the one
    person the headline names, in the nominative and of the noun's gender, when no other person is named between."""
    end = d.text.find("\n")
    if end < 0 or pos <= end:
        return None
    body = len(d.text) - len(d.text[end:].lstrip())
    if _sent_of(d.a, pos) != _sent_of(d.a, body):
        return None
    persons = [m for m in d.mentions_in(0, pos) if m[2].type == "PER" and not _role_only(m[2])]
    if not persons or {m[2].id for m in persons} != {persons[0][2].id} or persons[0][1] > end:
        return None
    ms, me, ent = persons[0]
    if _mention_case(d, ms, me) != "Nom" or gender not in ("Masc", "Fem") or _name_gender(ent.name) != gender:
        return None
    return ent.id


#: Plain nouns of a person by sex: "В своем блоге девушка рассказывала" is the one woman the text has named.
_GENDERED = frozenset({"девушка", "женщина", "мужчина", "парень", "юноша", "дама", "иностранец", "иностранка"})


def _only_person(d: _Doc, pos: int, gender: str) -> tuple[str | None, str | None] | None:
    """The one person of ``gender`` the text names before ``pos`` (inside quotation marks too), when every person
    named there has a known gender; else None."""
    found: str | None = None
    for _ms, _me, ent in d.mentions_in(0, pos):
        if ent.type != "PER" or _role_only(ent):
            continue
        got = _first_name_gender(ent.name)
        if got is None:
            return None
        if got == gender:
            if found is not None and found != ent.id:
                return None
            found = ent.id
    return (found, None) if found else None


@cache
def _first_name_gender(name: str) -> str | None:
    """The gender of a name's first word when pymorphy3 knows it as a first name ("Лора Кеннингтон" -> Fem), or
    of a Russian-type surname alone; None for names it does not know ("Асия Биби", read as a man's)."""
    from svodka import models

    words = name.split()
    if len(words) == 1:
        return _surname_gender(name)
    genders = {p.tag.gender for p in models.morph().parse(words[0].lower())
               if "Name" in p.tag and "nomn" in p.tag and p.tag.gender in ("masc", "femn")}
    return ("Masc" if genders == {"masc"} else "Fem") if len(genders) == 1 else None


#: Offices with one holder at a time: a first "заявил премьер" may be the one person its paragraph is about
#: (a "прокурор" or "адвокат" is as likely a new person).
_OFFICES = frozenset({"премьер", "премьер-министр", "президент", "канцлер", "губернатор", "мэр", "госсекретарь",
                      "генсек"})


def _last_mention(d: _Doc, eid: str, pos: int) -> int:
    """Start of the last mention of ``eid`` before ``pos`` (-1 when none)."""
    return max((ms for ms, _me, ent in d.mentions if ent.id == eid and ms < pos), default=-1)


#: Bodies known by a name that does not say their country ("Пентагон"), folded name prefix -> ISO code.
_NATIONAL_BODIES = {"пентагон": "US", "госдеп": "US", "белый дом": "US", "форин-офис": "GB", "кремл": "RU"}
#: Adjectives that narrow a ministry to its field: "военное ведомство" is a defence ministry.
_FIELDS = {"военн": re.compile(r"оборон|пентагон"), "оборонн": re.compile(r"оборон|пентагон"),
           "внешнеполитическ": re.compile(r"^мид\b|иностранных дел|госдеп|форин-офис"),
           "дипломатическ": re.compile(r"^мид\b|иностранных дел|госдеп|форин-офис")}


def _national_body(d: _Doc, toks: list[Token], s: int, e: int, head: int,
                   ments: list[tuple[int, int, Entity]]) -> str | None:
    """"военное ведомство США", "во внешнеполитическом ведомстве Украины": the one body of that class
    (and field, by its adjective) of that country the text names ("Пентагон", "МИД Украины", "Минобороны"
    followed by "России"), else None (the country itself then speaks, like "власти США")."""
    cls = lemmas(toks[head].text) & {"ведомство", "министерство"}
    if not cls:
        return None
    codes = {code for code, names in _country_names().items() for m in ments if fold(m[2].name) in names}
    if not codes:  # "американское ведомство": the country of a nationality adjective
        nations = _nationalities()
        codes = {nations[lem] for t in toks[s:head] if t.pos == "ADJ" for lem in lemmas(t.text) if lem in nations}
    pattern = _CLASS_NAMES[min(cls)]
    if not codes or pattern is None:
        return None
    country_ids = {m[2].id for m in ments} | {m[2].id for m in d.mentions if m[2].subtype == "country" and any(
        fold(m[2].name) in _country_names().get(c, frozenset()) for c in codes)}
    field = next((f for t in toks[s:head] if t.pos == "ADJ" for stem, f in _FIELDS.items()
                  if fold(t.text).startswith(stem)), None)
    found: set[str] = set()
    for _ms, me, ent in d.mentions:
        name = fold(ent.name)
        if ent.type != "ORG" or not pattern.search(name) or (field is not None and not field.search(name)):
            continue
        known = next((c for prefix, c in _NATIONAL_BODIES.items() if name.startswith(prefix)), None)
        if known is not None:
            if known in codes:
                found.add(ent.id)
            continue
        # "Минобороны России", "МИД Украины": the country in the name or right after the mention
        if any(n in name for code in codes for n in _country_names().get(code, frozenset()) if len(n) > 2) \
                or any(m[2].id in country_ids for m in d.mentions_in(me, me + 25)
                       if not re.search(r"[,.;:!?]", d.text[me:m[0]])):
            found.add(ent.id)
    return next(iter(found)) if len(found) == 1 else None


def _after_preposition(toks: list[Token], k: int, lo: int) -> bool:
    """Is the noun ``toks[k]`` the head of a phrase opened by "в/во/на" ("в военном ведомстве")?"""
    while k - 1 >= lo and toks[k - 1].pos == "ADJ":
        k -= 1
    return k - 1 >= lo and fold(toks[k - 1].text) in ("в", "во", "на")


def _role_only(ent: Entity) -> bool:
    """An entity whose name is only a role word ("Канцлер" tagged as a person): not a name."""
    words = re.findall(r"[^\W\d_]+", ent.name)
    known = set(person_roles()) | voice_roles()
    return bool(words) and all(lemmas(w) & known for w in words)


@cache
def _nationalities() -> dict[str, str]:
    """Nationality adjective -> its country (ISO code or canonical name), ``nationality_adjectives.tsv``."""
    return {row[0].replace("ё", "е"): row[1] for row in data_lines("nationality_adjectives.tsv") if len(row) >= 2}


def _nation_names(adjective: str) -> frozenset[str]:
    """Folded names of the country of a nationality adjective, and the adjective's first four letters
    ("кубинский" -> {"куба", ..., "куби"}): what a title with that country or adjective contains."""
    return _country_names().get(_nationalities()[adjective], frozenset()) | {fold(adjective)[:4]}


def _national_authority(d: _Doc, toks: list[Token], s: int, e: int, head: int) -> str | None:
    """"Американские власти потребовали": the authorities of a nationality adjective speak for that
    country, when the document names it (the guide: "власти США" and "американские власти" alike)."""
    if not lemmas(toks[head].text) & {"власть", "власти"}:
        return None
    for t in toks[s:head]:
        country = next((_nationalities()[lem] for lem in lemmas(t.text) if lem in _nationalities()), None) \
            if t.pos == "ADJ" else None
        if country is None:
            continue
        names = _country_names().get(country, frozenset({fold(country)}))
        for ent in d.a.entities:
            if ent.type == "LOC" and fold(ent.name) in names:
                return ent.id
    return None


@cache
def _country_names() -> dict[str, frozenset[str]]:
    """ISO code -> the folded names and aliases of that country (``aliases.tsv``): the quotes stage runs
    before geocoding, so a country entity is known by its name."""
    out: dict[str, frozenset[str]] = {}
    for row in data_lines("aliases.tsv"):
        if len(row) >= 5 and row[0] == "LOC" and row[1] == "country" and row[4]:
            aliases = row[5].split(";") if len(row) >= 6 else []
            out[row[4]] = frozenset(fold(n) for n in [row[2], row[3], *aliases] if n)
    return out


#: Capitals whose name, as the place of an impersonal statement ("в Москве заявили"), stands for their country's
#: government: folded stem -> ISO code of the country (as in ``aliases.tsv``).
_CAPITALS = {"москв": "RU", "вашингтон": "US", "киев": "UA", "пекин": "CN", "лондон": "GB", "париж": "FR",
             "берлин": "DE", "тбилиси": "GE", "минск": "BY", "анкар": "TR", "тегеран": "IR", "токио": "JP",
             "варшав": "PL", "кишинев": "MD", "ереван": "AM", "баку": "AZ", "астан": "KZ", "сеул": "KR"}


def _capital_body(d: _Doc, city: Entity, pos: int) -> str | None:
    """"В Москве напоминают/пояснили" after quotes of a body of that capital's country ("МИД РФ",
    "Минобороны России"): the body quoted last, when the nearest quote with a named speaker before ``pos``
    (within 2,500 characters) is that body; else None (the city, as before)."""
    name = fold(city.name)
    code = next((c for stem, c in _CAPITALS.items() if name.startswith(stem)), None)
    if city.type != "LOC" or code is None:
        return None
    aliases = _country_names().get(code, frozenset()) | ({"рф"} if code == "RU" else set())
    for q in _previous_quotes(d, pos):
        if _cue_pos(q) < pos - 2500:
            return None
        ent = _ent(d, q.speaker)
        if ent is None or q.relay:
            continue
        if ent.type != "ORG" or _is_media(ent) or ent.subtype in ("international", "union"):
            return None
        # the body's name, the word right after a mention or the adjective right before it names the country
        # ("МИД РФ", "Минобороны России", "российский МИД")
        near = [fold(ent.name)]
        for ms, me, e2 in d.mentions:
            if e2.id == ent.id and ms < pos:
                after = re.match(r"\s*([\w-]+)", d.text[me:me + 20])
                before = re.search(r"([\w-]+)\s*$", d.text[max(0, ms - 20):ms])
                near += [fold(d.text[ms:me])] + [fold(m.group(1)) for m in (after, before) if m]
        words = re.findall(r"[\w-]+", " ".join(near))
        if any(w == a or (len(a) >= 5 and w[:5] == a[:5]) for w in words for a in aliases):
            return ent.id
        return None
    return None


def genitive_holder(d: _Doc, toks: list[Token], e: int, head: int,
                    ments: list[tuple[int, int, Entity]]) -> str | None:
    """"по мнению адвоката Ольги Шушлебиной Дениса Мартинкова", "по словам адвоката Навального Вадима Кобзева": a
    name in the genitive right after the role noun's genitive person complement is the role's holder in apposition
    (as "адвокат Навального Вадим Кобзев" in the nominative); None unless the phrase is built so."""
    pers = [m for m in ments if m[2].type == "PER" and not _role_only(m[2])]
    if len(pers) < 2 or pers[1][2] is pers[0][2] or d.text[pers[0][1]:pers[1][0]].strip() \
            or toks[head].pos != "NOUN" or toks[head].feats.get("Animacy") != "Anim" or toks[head].end > pers[0][0] \
            or not _mention_case(d, pers[0][0], pers[0][1]) == _mention_case(d, pers[1][0], pers[1][1]) == "Gen" \
            or any(t.text in (",", "(") or t.pos in ("CCONJ", "ADP") for t in toks[head:e] if t.start < pers[1][0]):
        return None
    return pers[1][2].id


def _speaker_from_phrase(d: _Doc, toks: list[Token], s: int, e: int, head: int) -> tuple[str | None, str | None]:
    a = d.a
    start, end = toks[s].start, toks[e - 1].end
    if _PRONOUN.match(toks[head].text) or _EN_PRONOUN.match(toks[head].text):
        found = _resolve_pronoun(d, start, _pronoun_agree(toks[head].text))
        return found if found else (None, toks[head].text)
    if _PERSONAL.match(toks[head].text):
        return None, toks[head].text
    ments = [m for m in d.mentions_in(start, end) if not _role_only(m[2])]
    if (appositive := genitive_holder(d, toks, e, head, ments)) is not None:
        return appositive, None
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
    if voice and ments and all(m[2].subtype == "country" for m in ments) \
            and (body := _national_body(d, toks, s, e, head, ments)) is not None:
        return body, text  # "военное ведомство США заявило" after "Между Пентагоном и Минобороны"
    if voice and ments and not told:  # "собеседник агентства РИА Новости" is not the agency
        # "пресс-секретарь президента России" after "пресс-секретарь президента России Дмитрий Песков"
        holder = _role_holder(d, frozenset(voice), start)
        if holder is not None and any(m[2].id == o[2].id for m in ments
                                      for o in d.mentions_in(max(0, holder[0] - 150), holder[0])):
            return holder[1], text
        # "Ирландская авиакомпания Ryanair": the body, not the country an adjective names
        return next((m for m in ments if m[2].type != "LOC"), ments[0])[2].id, None
    country = _national_authority(d, toks, s, e, head)
    if country is not None:
        return country, text
    found = _resolve_role(d, toks, s, e, head)
    if found is not None and found[0] is not None:
        return found[0], text  # the person or body, and the role as the text names them
    if found is not None and found[1] is not None and {lem for w in re.findall(r"[\w-]+", found[1])
                                                       for lem in lemmas(w)} & _SOURCE_HEADS:
        return None, found[1]  # "собеседник агентства" after "источник в военной разведке": that source
    return None, text


#: Documents whose author speaks through them ("В заявлении МИД говорится, что", "В нем сообщается"), by
#: kind: a bare re-mention ("в сообщении") refers back to a document of its kind ("заявление ЦТАК").
_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "statement": ("заявление", "сообщение", "релиз", "пресс-релиз", "коммюнике", "публикация", "статья", "материал",
                  "блог", "справка", "документ", "комментарий", "ролик", "видеоролик", "видеообращение", "заметка"),
    "letter": ("письмо", "обращение", "послание", "петиция", "телеграмма", "записка", "ответ"),
    "report": ("доклад", "отчет", "меморандум", "декларация", "документ"),
    "decree": ("постановление", "указ", "приказ", "резолюция", "документ", "поручение"),
}
#: document noun -> its kinds ("документ" is any of three)
_DOC_KINDS: dict[str, frozenset[str]] = {
    w: frozenset(k for k, words in _KIND_WORDS.items() if w in words) for ws in _KIND_WORDS.values() for w in ws}
_DOCUMENTS = frozenset(_DOC_KINDS)
_DOC_PRONOUNS = {"нем", "ней", "котором", "которой"}
#: A paper's pieces: "говорится в статье/материале/публикации/заметке" with no owner is the paper that wrote.
_ARTICLES = frozenset({"статья", "материал", "публикация", "заметка"})
_PUBLISHED_ON = {"сайт", "страница", "портал", "канал", "аккаунт", "блог"}


def document_owner(d: _Doc, toks: list[Token], cue_i: int) -> tuple[str | None, str | None] | None:
    """The author of the document an impersonal cue reports ("В заявлении МИД России говорится, что",
    "говорится в сообщении АЕБ", "распространила заявление, в котором сообщается", "В заявлении также
    сообщается" after "Как отмечается в заявлении X"): the owner named after the document noun, else the
    owner or the subject of the last document of its kind named before, in this or the previous two
    sentences. None when no document or no author is found: "сообщается, что" alone stays impersonal."""
    court = _court_document(d, toks, cue_i)
    if court is not None:
        return court
    found_docs: list[int] = []
    for k in _nouns_in(toks, cue_i, lambda t: t.pos in ("ADJ", "DET", "PRON") and fold(t.text) not in _DOC_PRONOUNS):
        if k + 1 < len(toks) and fold(toks[k].text) == "ответ" and fold(toks[k + 1].text) == "на":
            continue  # "в ответ на это": a preposition, no document
        if lemmas(toks[k].text) & _DOCUMENTS or fold(toks[k].text) in _DOC_PRONOUNS:
            found_docs.append(k)
    if not found_docs:
        return _site_publisher(d, toks, cue_i)
    doc = min(found_docs, key=lambda k: abs(k - cue_i))
    kinds = {kind for lem in lemmas(toks[doc].text) & _DOCUMENTS for kind in _DOC_KINDS[lem]}
    if kinds:
        owner = _owner_after(d, toks, doc, len(toks), stop=cue_i)
        if owner is not None:
            return owner
        pos = toks[max(0, doc - 1)].start
        if doc > 0 and fold(toks[doc - 1].text) in ("его", "ее", "её", "их", "своем", "своей", "своих"):
            found = _resolve_pronoun(d, pos, _pronoun_agree(fold(toks[doc - 1].text)))
            if found is not None and (found[0] or found[1]):
                return found
    else:
        pos = toks[doc].start
    found = _earlier_document(d, pos, kinds)
    if found is None and kinds and "statement" in kinds:
        found = _site_owner(d, toks[doc].start)
    if found is None and lemmas(toks[doc].text) & _ARTICLES:
        # "..., - говорится в статье" of no named owner after "пишет The Guardian": the paper the text relays
        paper = _quoted_outlet(d, toks[doc].start)
        if paper is not None:
            found = paper, None
    return found


#: A court's rulings: "говорится в приговоре", "В решении суда отмечается" quote the court that gave them.
_RULINGS = frozenset({"приговор", "решение", "определение", "постановление"})
_COURT = re.compile(r"(?<![а-яё])(?:мосгор|гор|обл|краев\w* |районн\w* )?суд(?:а|у|ом|е)?(?![а-яё])", re.I)


def _court_document(d: _Doc, toks: list[Token], cue_i: int) -> tuple[str | None, str | None] | None:
    """The court of a ruling an impersonal cue reports ("C, - говорится в приговоре", "В решении суда
    отмечается, что C", "в приговоре Мосгорсуда говорится"): a court named right after the ruling, else the last
    court named before it in the document. "приговор" alone is a court's; "решение/определение/постановление"
    only with "суда" after it ("в приговоре Ходорковскому" is still the court's). None when no court is named."""
    for k in _nouns_in(toks, cue_i, lambda t: t.pos in ("ADJ", "DET")):
        lem = lemmas(toks[k].text) & _RULINGS
        if not lem:
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        named = d.entity_at(nxt.start, nxt.end) if nxt is not None else None
        if named is not None and named.type == "ORG" and _COURT.search(named.name):
            return named.id, None  # "в приговоре Мосгорсуда"
        if "приговор" not in lem and not (nxt is not None and fold(nxt.text) == "суда"):
            continue  # "в решении правительства", "в постановлении": not a court's
        court = _last_org_named(d, _COURT, toks[k].start)
        return (court, None) if court is not None else None
    return None


def _nouns_in(toks: list[Token], cue_i: int, modifier: Callable[[Token], bool]) -> Iterator[int]:
    """The nouns after "в/во" near an impersonal cue and in its clause (eight tokens before it to three after:
    "В заявлении МИД говорится", "говорится в приговоре суда"), past the words ``modifier`` accepts before them."""
    for j in range(max(0, cue_i - 8), min(len(toks) - 1, cue_i + 4)):
        if fold(toks[j].text) not in ("в", "во") or j == cue_i:
            continue
        k = j + 1
        while k < len(toks) - 1 and modifier(toks[k]):
            k += 1
        if not any(x.text in (".", ";", ":") or _finite(x) for x in toks[min(k, cue_i) + 1:max(k, cue_i)]):
            yield k


def _site_publisher(d: _Doc, toks: list[Token], cue_i: int) -> tuple[str | None, str | None] | None:
    """"C, сообщается на официальном сайте ведомства", "На сайте Минобороны сообщается, что C": an impersonal cue
    next to the site or page it was published on is the site's owner (by name, or by class noun: the last body of
    that class); a network or a page of no named owner ("на своей странице") gives none."""
    for j in range(max(0, cue_i - 8), min(len(toks) - 2, cue_i + 4)):
        if fold(toks[j].text) != "на" or j == cue_i or (j > 0 and toks[j - 1].feats.get("VerbForm") == "Part"):
            continue  # "говорится в опубликованном на сайте Кремля ... указе": the document's author speaks
        k = j + 1
        while k < len(toks) - 1 and toks[k].pos == "ADJ":
            k += 1
        if not lemmas(toks[k].text) & {"сайт", "страница", "портал"} or k + 1 >= len(toks) or any(
                x.text in (".", ";", ":", ",") or _finite(x) for x in toks[min(k, cue_i) + 1:max(j, cue_i)]):
            continue
        return _owner_named(d, toks[k + 1], media=True)
    return None


def _owner_named(d: _Doc, nxt: Token, *, media: bool) -> tuple[str | None, str | None] | None:
    """The owner of a site or page named by the word after "сайте/странице/портале": an organisation or person by
    name (an outlet only when ``media``; never a social network), or by a class noun in the genitive the last body
    of that class ("на сайте ведомства"); None when the word names neither."""
    ent = d.entity_at(nxt.start, nxt.end)
    if ent is not None:
        ok = not _role_only(ent) and (media or not _is_media(ent)) and fold(ent.name) not in _SOCIAL
        return (ent.id, None) if ok and ent.type in ("ORG", "PER") else None
    if nxt.pos == "NOUN" and nxt.feats.get("Case") == "Gen":
        for cls in sorted(lemmas(nxt.text) & (set(_CLASS_NAMES) - set(_MEDIA_CLASSES))):
            body = _class_referent(d, cls, nxt.start)
            if body is not None:
                return body, None
    return None


def _site_owner(d: _Doc, pos: int) -> tuple[str | None, str | None] | None:
    """"Как уточняется на сайте ведомства ... , - говорится в материале": a bare statement noun with no earlier
    document is the publication of the site or page named in the sentence or the two before (its body by
    name, or by class noun: "ведомства" for the СК named before); outlets and networks are no authors here."""
    si = _sent_of(d.a, pos)
    first = d.a.sentences[max(0, si - 2)].first_token
    toks = d.a.tokens
    k = bisect.bisect_left(d.token_starts, pos) - 1
    while k - 1 >= first:
        if fold(toks[k - 1].text) == "на" and lemmas(toks[k].text) & {"сайт", "страница", "портал"} \
                and k + 1 < len(toks):
            return _owner_named(d, toks[k + 1], media=False)
        k -= 1
    return None


def _owner_after(d: _Doc, toks: list[Token], k: int, hi: int,
                 stop: int = -1) -> tuple[str | None, str | None] | None:
    """The owner of the document noun ``toks[k]``: the entity in the genitive right after it ("заявлении
    МИД России"), or published on its page ("в сообщении на сайте Bellingcat"), or the organisation the
    text named with the owner's common noun before ("в пресс-релизе движения" after "Общероссийского
    движения "За права человека""); a class noun ("на сайте ведомства") is the last body of its class."""
    j = k + 1
    while j < hi and j != stop and toks[j].text not in (",", ".", ";", ":") and not _finite(toks[j]) \
            and toks[j].pos != "ADP":  # the owner follows the noun: not "заявление в адрес США"
        j += 1
    owned = [m for m in d.mentions_in(toks[k].end, toks[j - 1].end) if not _role_only(m[2])] if j > k + 1 else []
    if not owned and j + 2 < hi and j != stop and fold(toks[j].text) == "на" \
            and lemmas(toks[j + 1].text) & _PUBLISHED_ON:
        # "на сайте Bellingcat"; "на странице центра в Facebook" is the centre's (a network is only a channel)
        owned = [m for m in d.mentions_in(toks[j + 2].start, toks[min(hi, j + 5) - 1].end) if not _role_only(m[2])
                 and fold(m[2].name) not in _SOCIAL and not (toks[j + 2].pos == "NOUN" and d.entity_at(
                     toks[j + 2].start, toks[j + 2].end) is None)]
        j, k = min(hi, j + 5), j + 1
    first = toks[k + 1] if k + 1 < hi else None
    if owned and all(m[2].type == "LOC" for m in owned) and first is not None and first.pos == "NOUN" \
            and first.feats.get("Case") == "Gen" and d.entity_at(first.start, first.end) is None \
            and not lemmas(first.text) & ({"власть", "власти"} | set(_CLASS_NAMES) | _COMPANY_CLASSES | voice_roles()):
        # "в сообщении прокуратуры Москвы": the unnamed body of a place, not the place
        return None, d.text[first.start:toks[j - 1].end]
    if owned:  # a person named last ("заявлении финансового директора Ford Льюиса Бута"), else the first body
        people = [m for m in owned if m[2].type == "PER"]
        return (people[-1] if people else ([m for m in owned if m[2].type != "LOC"] or owned)[0])[2].id, None
    for xi in range(k + 1, j):
        x, other = toks[xi], toks[xi - 1]
        if x.pos != "NOUN" or x.feats.get("Case") != "Gen":
            continue
        for cls in lemmas(x.text) & (set(_CLASS_NAMES) | _COMPANY_CLASSES):
            if cls in _COMPANY_CLASSES and other.pos == "ADJ" and lemmas(other.text) & (set(_nationalities()) | _OTHER):
                continue  # "в отчете российской компании" is not the company named last
            body = _class_referent(d, cls, x.start)
            if body is not None:
                return body, None
        body = _named_with(d, frozenset(lemmas(x.text)), x.start)
        if body is not None:
            return body, None
    return None


def _named_with(d: _Doc, words: frozenset[str], pos: int) -> str | None:
    """The last organisation before ``pos`` whose mention has one of ``words`` ("движения" in "Общероссийского
    движения "За права человека""), else None."""
    i = bisect.bisect_left(d.mention_starts, pos) - 1
    while i >= 0:
        ms, me, ent = d.mentions[i]
        if ent.type == "ORG" and any(lemmas(w) & words for w in re.findall(r"[\w-]+", d.text[ms:me])):
            return ent.id
        i -= 1
    return None


def _earlier_document(d: _Doc, pos: int, kinds: set[str]) -> tuple[str | None, str | None] | None:
    """The author of the last document of one of ``kinds`` (any kind when empty: "в нем", "в котором")
    named in the two sentences before ``pos`` (and in the sentence of ``pos``): its owner ("заявлении
    "Бригад ..."", not an outlet that relayed it: "цитирует текст сообщения Интерфакс"), else its
    sentence's subject ("Нуланд распространила заявление"); failing a document, None."""
    si = _sent_of(d.a, pos)
    first = d.a.sentences[max(0, si - 3)].first_token
    # a pronoun may refer within its sentence ("заявление, в котором"); a bare noun refers to an earlier
    # sentence, not to a document named inside the content ("вынесла постановление ..., говорится в пресс-релизе")
    k = bisect.bisect_left(d.token_starts, pos) - 1 if not kinds else d.a.sentences[si].first_token - 1
    toks = d.a.tokens
    while k >= first:
        t = toks[k]
        k -= 1
        doc_kinds = {kind for lem in lemmas(t.text) & _DOCUMENTS for kind in _DOC_KINDS[lem]}
        if t.pos != "NOUN" or not doc_kinds or (kinds and not kinds & doc_kinds) or d.in_marks(t.start):
            continue
        if (fold(t.text) == "ответ" and fold(toks[k + 2].text) == "на") or (
                k >= first and fold(toks[k].text) in ("на", "о", "об") and any(
                    lemmas(x.text) & _DOCUMENTS for x in toks[max(first, k - 6):k])):
            continue  # "ответа Роскомнадзора на обращение СПФО": the reply speaks, not what it answers
        sent = d.a.sentences[_sent_of(d.a, t.start)]
        owner = _owner_after(d, toks, k + 1, min(sent.last_token, k + 9))
        if owner is not None and _is_media(_ent(d, owner[0])):
            continue
        if owner is not None:
            return owner
        # the subject: a person before a body, the first one, not inside brackets ("агентов ФБР (ФБР)")
        subj = [m for m in d.mentions_in(sent.start, t.start) if m[2].type in ("PER", "ORG")
                and not _is_media(m[2]) and not d.in_marks(m[0])
                and d.text.count("(", sent.start, m[0]) == d.text.count(")", sent.start, m[0])
                and toks[bisect.bisect_left(d.token_starts, m[0])].feats.get("Case") == "Nom"]
        subj.sort(key=lambda m: (m[2].type != "PER", m[0]))
        if not subj:
            # "С соответствующим заявлением выступил накануне американский Госдепартамент": the subject after
            # the verb the document is the object of
            # (toks[k + 2:] are the words after the document noun toks[k + 1])
            verb = next((x for x in toks[k + 2:sent.last_token + 1] if _finite(x)), None)
            if verb is not None and verb.end - t.end < 40:
                stop = next((x.start for x in toks[k + 2:sent.last_token + 1]
                             if x.start > verb.start and x.text in (",", ".", ";", ":")), sent.end)
                subj = [m for m in d.mentions_in(verb.end, stop) if m[2].type in ("PER", "ORG")
                        and not _is_media(m[2]) and not d.in_marks(m[0])
                        and toks[bisect.bisect_left(d.token_starts, m[0])].feats.get("Case") in ("Nom", None)][:1]
        return (subj[0][2].id, None) if subj else None
    return None


def _abbrev_dot(d: _Doc, toks: list[Token], i: int) -> bool:
    """Is the full stop ``toks[i]`` part of an abbreviation ("и.о.", "корр.ИТАР-ТАСС"), not a sentence end?"""
    t = toks[i]
    return t.text == "." and i > 0 and (not d.text[t.end:t.end + 1].isspace() or (
        len(toks[i - 1].text) == 1 and toks[i - 1].text.isalpha()))


#: Dative nouns naming whom a statement was made to: "сообщил агентству X", "рассказал корр. ТАСС".
_TOLD = {"агентству", "агентствам", "изданию", "газете", "телеканалу", "каналу", "радиостанции", "порталу",
         "журналу", "сайту", "корр", "корреспонденту", "корреспондентам", "журналистам", "журналисту",
         "телекомпании", "информагентству", "интервью", "эфире"}
#: Nouns of written or broadcast works whose quoted title ("в статье "Мусульманская Россия?"") is never a speaker.
_WORKS = frozenset({"статья", "книга", "колонка", "фильм", "доклад", "передача", "программа", "материал",
                    "публикация", "заметка", "песня", "блог", "пост", "эссе", "очерк", "монография", "исследование"})
#: Dative nouns of reporters: the organisation named right after them ("журналистам ИА X") is the outlet told.
_JOURNALISTS = frozenset({"журналистам", "журналисту", "корреспонденту", "корреспондентам", "корр"})
#: "в интервью The Daily Mail сказал", "в эфире Fox Business заявил": any organisation after these was told.
_TOLD_IN = {"интервью", "эфире"}
#: "в беседе с радиостанцией X", "в разговоре с телеканалом X": the outlet is the one talked to.
_TALKED_WITH = {"беседе", "разговоре", "интервью", "диалоге"}


def _on_air(toks: list[Token], w: int, lo: int) -> bool:
    """Is ``toks[w]`` an outlet's class noun on which or with which one speaks ("в эфире радиостанции",
    "в интервью телеканалу", "в беседе с радиостанцией")? The outlet named after it is a channel."""
    if not lemmas(toks[w].text) & _MEDIA_ROLES:
        return False
    prev = fold(toks[w - 1].text)
    if prev in _TOLD_IN:
        return True
    return prev in ("с", "со") and w - 2 >= lo and fold(toks[w - 2].text) in _TALKED_WITH


def _addressee(d: _Doc, toks: list[Token], i: int) -> bool:
    """Is ``toks[i]`` (after a reporting word) the one told: a dative class noun or the outlet it
    introduces ("агентству "Интерфакс"", "Интерфаксу", "корр. ИТАР-ТАСС")?"""
    t = toks[i]
    if fold(t.text) in _TOLD:
        return True
    ent = d.entity_at(t.start, t.end)
    if ent is None or ent.type != "ORG":
        return False
    j = i - 1
    while j >= 0 and (toks[j].text in _OPEN_CLOSE or toks[j].text in _OPEN_CLOSE.values() or toks[j].text == "."):
        j -= 1
    if not _is_media(ent):
        # "в интервью информационному каналу «Вести» руководитель ...", "в эфире радиостанции "Эхо Москвы"": a name
        # right after the class noun told (not "в Twitter радиостанции X", the station's own page)
        return j >= 1 and fold(toks[j].text) in _TOLD - _TOLD_IN and (
            toks[j].feats.get("Case") == "Dat" or fold(toks[j - 1].text) in _TOLD_IN)
    return t.feats.get("Case") == "Dat" or (j >= 0 and fold(toks[j].text) in _TOLD)


def _find_speaker(d: _Doc, sent_toks: list[Token], cue_i: int, lo: int, hi: int,
                  prefer_after: bool) -> tuple[str | None, str | None, int, int]:
    """Speaker id or text for the cue at ``sent_toks[cue_i]``, looking in [lo, hi) outside content.

    Returns (speaker id, speaker text, phrase start offset, phrase end offset). A person reached
    through a role or pronoun whose name's gender contradicts a past-tense cue is not the speaker:
    "глава американской дипломатии заявил" is not "глава региона Гульшара Абдыкаликова"; the phrase
    then stays descriptive.
    """
    spk, text, ps, pe = _find_speaker_in(d, sent_toks, cue_i, lo, hi, prefer_after)
    cue = sent_toks[cue_i]
    gender = cue.feats.get("Gender") if cue.feats.get("Tense") == "Past" and cue.feats.get("Number") != "Plur" else None
    ent = _ent(d, spk) if spk is not None and gender in ("Masc", "Fem") and cue.lang != "en" else None
    if ent is not None and ent.type == "PER" and not any(m[2] is ent for m in d.mentions_in(ps, pe)):
        named = _surname_gender(ent.name)
        if named is not None and named != gender:
            return None, text or (d.text[ps:pe] if pe > ps else None), ps, pe
    return spk, text, ps, pe


def _surname_gender(name: str) -> str | None:
    """The gender a Russian-type surname shows ("Абдыкаликова" -> Fem, "Песков" -> Masc), else None:
    a first name's gender is not trusted here ("Олли Рен", "Небойша Влаич" read as women's)."""
    last = name.split()[-1] if name.split() else ""
    gender = surname_gender(last)
    if gender == "femn" and len(last) > 4:
        return "Fem"
    if gender == "masc" and len(last) > 3:
        return "Masc"
    return None


#: Asides set off by commas between a subject and its reporting verb.
_PARENTHETICALS = frozenset({"в свою очередь", "со своей стороны", "впрочем", "однако", "например", "кстати",
                             "тем не менее", "в частности", "между тем", "в то же время", "при этом", "в ответ",
                             "в итоге", "в целом", "как известно", "как правило", "наконец", "также"})


#: "один из", "одна из": one member of a group named after it, a person of its own.
_ONE = frozenset({"один", "одна", "одно"})


def _one_of(d: _Doc, toks: list[Token], i: int, hi: int,
            lo: int = -1) -> tuple[str | None, str | None, int, int] | None:
    """"сообщил один из спасателей", "Одна из заложниц рассказала": an unnamed member of the group (a new
    person, never the one the group noun recalls), or the name in apposition to it ("один из очевидцев Салик
    Алаи", "один из авторов проекта, архитектор Дэвид Фишер", "Дэн Хендерсон, один из врачей, ... сказал" when
    ``lo`` allows a look before it); None when ``toks[i]`` does not open such a phrase."""
    if fold(toks[i].text) not in _ONE or i + 2 >= hi or fold(toks[i + 1].text) != "из":
        return None
    noun = next((k for k in range(i + 2, min(hi, i + 6)) if toks[k].pos in ("NOUN", "PROPN")), -1)
    if noun < 0 or toks[noun].feats.get("Case") not in ("Gen", None) or any(
            toks[k].pos not in ("ADJ", "DET", "NUM") for k in range(i + 2, noun)):
        return None
    _s, e = _phrase(toks, noun, i + 2, hi)
    for _ms, me, ent in d.mentions_in(toks[noun].start, toks[e - 1].end):
        if ent.type == "PER" and not _role_only(ent):
            return ent.id, None, toks[i].start, me
    if lo >= 0 and i - 2 >= lo and toks[i - 1].text == ",":
        named = d.entity_at(toks[i - 2].start, toks[i - 2].end)
        if named is not None and named.type == "PER" and not _role_only(named):
            return named.id, None, toks[i - 2].start, toks[e - 1].end
    if lo < 0:
        # "один из докладчиков относительно Brexit в парламенте Нидерландов Питер Омтзигт"
        later = _name_after(d, toks, e, min(hi, e + 12), across_adp=True)
        if later is None and e < hi and toks[e].text == ",":
            if (apposed := _apposed_name(d, toks, e, hi)) is not None:
                return apposed, None, toks[i].start, toks[e - 1].end
        elif later is not None:
            return later[1], None, toks[i].start, toks[later[0]].end
    if lemmas(toks[noun].text) & _SOURCE_HEADS:
        # "один из собеседников агентства" after "источники в Минфине": one of the unnamed sources quoted before
        for q in _previous_quotes(d, toks[i].start)[:1]:
            if q.speaker is None and q.speaker_text and {
                    lem for w in re.findall(r"[\w-]+", q.speaker_text) for lem in lemmas(w)} & _SOURCE_HEADS:
                return None, q.speaker_text, toks[i].start, toks[e - 1].end
    return None, d.text[toks[i].start:toks[e - 1].end], toks[i].start, toks[e - 1].end


def _find_speaker_in(d: _Doc, sent_toks: list[Token], cue_i: int, lo: int, hi: int,
                     prefer_after: bool) -> tuple[str | None, str | None, int, int]:
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
            if t.text == "(":
                # "говорится в описании к ролику (орфография и пунктуация сохранены)": an aside is no subject
                close = next((x for x in range(i + 1, hi) if sent_toks[x].text == ")"), -1)
                if close > 0 and not d.mentions_in(t.end, sent_toks[close].start):  # not "(СКП) РФ"
                    i = close + 1
                    continue
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
            if (one := _one_of(d, sent_toks, i, hi)) is not None:
                return one
            if _head_ok(t, d) and not (t.lang == "en" and t.pos == "PRON" and not _EN_PRONOUN.match(t.text)):
                s, e = _phrase(sent_toks, i, cue_i + 1, hi)
                first = d.entity_at(t.start, t.end)
                if first is not None and (_is_media(first) or first.type == "ORG"):
                    # "сообщил ИТАР-ТАСС официальный представитель МИД": the outlet was told, not telling
                    x = i + 1
                    while x < hi and d.entity_at(sent_toks[x].start, sent_toks[x].end) is first:
                        x += 1
                    while x < hi and sent_toks[x].text not in (",", ".", ";", ":") and not _finite(sent_toks[x]) \
                            and sent_toks[x].pos != "ADP":
                        if _head_ok(sent_toks[x], d) and sent_toks[x].pos != "PRON" \
                                and not _is_media(d.entity_at(sent_toks[x].start, sent_toks[x].end)):
                            break
                        x += 1
                    # an organisation of no media type is told only when a person follows it ("рассказал ФБА
                    # «Экономика сегодня» экономист ... Борис Пивовар"): two nominatives cannot both be the subject
                    nxt = sent_toks[x] if x < hi else None
                    nxt_ent = d.entity_at(nxt.start, nxt.end) if nxt is not None else None
                    person = nxt is not None and ((nxt_ent is not None and nxt_ent.type == "PER") or (
                        nxt.pos == "NOUN" and nxt.feats.get("Animacy") == "Anim" and nxt.feats.get("Case") == "Nom"))
                    if nxt is not None and nxt.text not in (",", ".", ";", ":") and not _finite(nxt) \
                            and nxt.pos != "ADP" and (_is_media(first) or (person and i == cue_i + 1)):
                        i = x
                        continue
                sp, st = _speaker_from_phrase(d, sent_toks, s, e, i)
                # "сказал адвокат Навального Вадим Кобзев", "сосед Лофнеров Уэйн Смит": the person in the genitive
                # is the role's complement; the name in the nominative after it is the holder
                if first is None and t.pos == "NOUN" and (spoken := _ent(d, sp)) is not None and spoken.type == "PER":
                    gen_end = next((me for ms, me, m in d.mentions_in(t.end, sent_toks[e - 1].end)
                                    if m is spoken and _mention_case(d, ms, me) == "Gen"), None)
                    k = -1 if gen_end is None else next(
                        (x for x in range(i + 1, hi) if sent_toks[x].start >= gen_end), -1)
                    holder = _name_after(d, sent_toks, k, min(hi, k + 6), across_adp=False) if k > 0 else None
                    if holder is not None and holder[1] != sp:
                        return holder[1], None, sent_toks[s].start, sent_toks[holder[0]].end
                # "сообщил "Интерфаксу" пресс-секретарь постоянного представительства РФ при ООН Федор
                # Стржижовский": a person's role before a name speaks for the person, not for the body
                if st is None and first is None and t.pos == "NOUN" and t.feats.get("Animacy") == "Anim" \
                        and (spoken := _ent(d, sp)) is not None and spoken.type != "PER" \
                        and (holder := _name_after(d, sent_toks, e, min(hi, e + 10), across_adp=True)) is not None:
                    return holder[1], None, sent_toks[s].start, sent_toks[holder[0]].end
                # "считает руководитель пиар-службы группы компаний DIXIS Кирилл Лубнин": a name in the
                # nominative later in the clause is the role's holder, not the one the role recalls
                if sp is not None and st is not None and first is None \
                        and (holder := _name_after(d, sent_toks, e, min(hi, e + 8), across_adp=False)) is not None:
                    return holder[1], None, sent_toks[s].start, sent_toks[holder[0]].end
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
                    # "рассказал экономист, эксперт Института отраслевого менеджмента РАНХиГС Борис Пивовар": the
                    # second one may have genitive complements
                    while k < hi and sent_toks[k].text == "," and x < min(hi, k + 9) and sent_toks[x].pos in (
                            "ADJ", "NOUN", "PROPN") and (sent_toks[x].feats.get("Case") in ("Nom", None) or (
                            x > k + 1 and sent_toks[x].feats.get("Case") == "Gen")):
                        ent = d.entity_at(sent_toks[x].start, sent_toks[x].end)
                        if ent is not None and ent.type == "PER" and not _role_only(ent):
                            return ent.id, None, sent_toks[s].start, sent_toks[x].end
                        x += 1
                    if k < hi and sent_toks[k].text == ",":
                        # "отметил заместитель главного судьи «...», олимпийский чемпион (1996), бронзовый призер
                        # ..., чемпион мира ... Николай Крюков": a chain of appositions to the end of the clause
                        named = _apposed_name(d, sent_toks, k, hi)
                        if named is not None:
                            return named, None, sent_toks[s].start, sent_toks[e - 1].end
                return sp, st, sent_toks[s].start, sent_toks[e - 1].end
            i += 1
        return None

    def before() -> tuple[str | None, str | None, int, int] | None:
        i = cue_i - 1
        acc_subject = -1  # inanimate Nom/Acc are one form: a clause-initial "accusative" may be the subject
        skipped: tuple[int, int, int] | None = None
        while i >= lo:
            t = sent_toks[i]
            if t.text == ")":
                # a bracketed aside after a person's name ("Зорана Янковича (Zoran Janković)", "Абид Раджа (Левая
                # либеральная партия)") is never the subject; a bracketed list after a noun may be ("операторы (SKT,
                # KT и LG U+)")
                depth, x = 0, i
                while x >= lo and not (sent_toks[x].text == "(" and depth == 1):
                    depth += 1 if sent_toks[x].text == ")" else -1 if sent_toks[x].text == "(" else 0
                    x -= 1
                named = d.entity_at(sent_toks[x - 1].start, sent_toks[x - 1].end) if x - 1 >= lo else None
                if x >= lo and named is not None and (named.type == "ORG" or (
                        named.type == "LOC" and not any(y.text == "," for y in sent_toks[x:i]))):
                    i = x - 1  # "на марше в Лахоре (провинция Панджаб), заявил": a place's gloss is no subject
                    if named.type == "ORG":
                        continue  # "портал FiveThirtyEight ("538", название - ...) считает": the name speaks
                    while i > lo and d.entity_at(sent_toks[i - 1].start, sent_toks[i - 1].end) is named:
                        i -= 1
                    if i > lo and sent_toks[i - 1].pos in ("ADP", "NOUN"):
                        i -= 1  # "Агент из города Мобил (штат Алабама)": a place inside the subject's phrase
                    continue
                if x >= lo and named is not None and named.type == "PER":
                    if all(y.pos == "ADV" for y in sent_toks[i + 1:cue_i]) and not _role_only(named):
                        # "Рядовая Шона (фамилию не назвала, ...) сообщила": the name right before the bracket,
                        # whatever case the tagger gave it
                        return named.id, None, sent_toks[x - 1].start, sent_toks[x - 1].end
                    i = x - 1
                    continue
            if fold(t.text) in ("который", "которая", "которые") and t.feats.get("Case") in ("Nom", None) \
                    and i - 2 >= 0 and sent_toks[i - 1].text == "," \
                    and not any(x.text == "," for x in sent_toks[i + 1:cue_i]):
                # the cue inside the relative clause, not after it ("Янковича, который был заподозрен, заявила")
                # "посол США Ричард Греннелл, который в интервью Handelsblatt заявил": the antecedent speaks
                for x in range(i - 2, max(-1, i - 8), -1):
                    ent = d.entity_at(sent_toks[x].start, sent_toks[x].end)
                    if sent_toks[x].text in (",", ".", ";", ":") or _finite(sent_toks[x]):
                        break  # "Хайяту уже побывал в Нигерии, которая ... заявила": not past the clause's verb
                    if ent is not None and ent.type == "PER" and not _role_only(ent):
                        return ent.id, None, sent_toks[x].start, sent_toks[x].end
                    if x == i - 2 and ent is not None and ent.type in ("ORG", "LOC") \
                            and sent_toks[x].feats.get("Gender") == t.feats.get("Gender") \
                            and sent_toks[x].feats.get("Number") == t.feats.get("Number"):
                        # "Нигерии, которая на самом высоком уровне заявила": a country or body right before
                        return ent.id, None, sent_toks[x].start, sent_toks[x].end
            if t.text in (";", ":", ".") or t.text == ",":
                if t.text == "," and t.lang == "en" and i > lo:
                    i -= 1
                    continue
                if t.text == "," and _relative_clause_before(sent_toks, i, lo):
                    i = _skip_relative(sent_toks, i, lo)
                    if i >= lo and (owner := _person_of_body(d, sent_toks, i, lo)) is not None:
                        # "Мэтью Эндерсон из агентства Chadwick Management, представляющий его интересы, заявил":
                        # the body is the person's complement, the person the subject the clause qualifies
                        return owner
                    continue
                opening = next((c for c in range(i - 1, max(lo, i - 5) - 1, -1) if sent_toks[c].text == ","), -1)
                # (after a noun or name only: "Его результаты не объявлены, однако, говорят" has no subject)
                if t.text == "," and opening > lo and sent_toks[opening - 1].pos in ("NOUN", "PROPN", "X") \
                        and " ".join(
                        fold(x.text) for x in sent_toks[opening + 1:i]) in _PARENTHETICALS:
                    i = opening - 1  # "Иван Петров, в свою очередь, заявил": an aside between the subject and cue
                    continue
                # ("Прокурор, признав ..., тем не менее просил": an adverbial of concession is no subject either)
                if t.text == "," and all(x.pos == "ADV" or fold(x.text) in _CONCESSIVE for x in sent_toks[i + 1:cue_i]):
                    # "Фазлур Рехман, выступая на марше миллионов в Лахоре, заявил": a gerund clause before the
                    # cue is the subject's, never the subject
                    commas: list[int] = []
                    for c in range(i - 1, lo, -1):
                        if sent_toks[c].text in (".", ";", ":") or _finite(sent_toks[c]) or len(commas) == 3:
                            break
                        if sent_toks[c].text == ",":
                            commas.append(c)
                    # "адвокат Юрий Шмидт, отвечая на вопрос о том, с чем связан перевод, уже тогда предположил"
                    gerund = next((c for c in commas if sent_toks[c + 1].feats.get("VerbForm") == "Conv"), None)
                    if gerund is not None:
                        i = gerund - 1
                        continue
                    c = commas[0] if commas else lo
                    # "Александра Панфилова, жена Кинчева, сказала": an apposition after a name
                    before_c = d.entity_at(sent_toks[c - 1].start, sent_toks[c - 1].end) if c > lo else None
                    if c > lo and sent_toks[c].text == "," and before_c is not None and before_c.type == "PER" \
                            and not _role_only(before_c) and sent_toks[c + 1].pos in ("NOUN", "ADJ") \
                            and sent_toks[c + 1].feats.get("Case") == "Nom" \
                            and _agrees(sent_toks[cue_i].feats.get("Gender"), _name_gender(before_c.name)):
                        return before_c.id, None, sent_toks[c - 1].start, sent_toks[c - 1].end
                if t.text == "," and _participle_after(sent_toks, i, cue_i):
                    # "Аленка Братушек, в прошлом занимавшая пост ... Янковича, который ..., заявила": the name
                    # the nominative participle qualifies speaks, whatever case the tagger gave it
                    ent = d.entity_at(sent_toks[i - 1].start, sent_toks[i - 1].end) if i > lo else None
                    if ent is not None and ent.type == "PER" and not _role_only(ent):
                        return ent.id, None, sent_toks[i - 1].start, sent_toks[i - 1].end
                    # else the nearest nominative noun the participle agrees with ("сотрудник администрации округа
                    # штата Невада, работающий в отделе, ..., рассказал": the employee, not the state)
                    part = next(x for x in sent_toks[i + 1:cue_i] if x.feats.get("VerbForm") == "Part"
                                and x.feats.get("Case") == "Nom")
                    i = next((x for x in range(i - 1, lo - 1, -1) if sent_toks[x].pos in ("NOUN", "PROPN")
                              and sent_toks[x].feats.get("Case") == "Nom"
                              and sent_toks[x].feats.get("Number") == part.feats.get("Number")
                              and (part.feats.get("Number") == "Plur"
                                   or sent_toks[x].feats.get("Gender") == part.feats.get("Gender"))), i - 1)
                    continue
                break
            if (one := _one_of(d, sent_toks, i, cue_i, lo)) is not None:
                return one
            if _head_ok(t, d) and not (t.lang == "en" and t.pos == "PRON" and not _EN_PRONOUN.match(t.text)):
                # the head of the phrase is its first nominative noun: walk left over the phrase
                j = i
                # a pronoun heads a phrase of its own: "В обращении к ... Саджиду Джавиду он написал" is not Джавид
                pronoun = bool(_PRONOUN.match(t.text) or _PERSONAL.match(t.text))
                while not pronoun and j - 1 >= lo and sent_toks[j - 1].pos in ("PROPN", "NOUN", "X") and (
                        sent_toks[j - 1].feats.get("Case") in ("Nom", None)) \
                        and not _PRONOUN.match(sent_toks[j - 1].text):
                    j -= 1
                s, e = _phrase(sent_toks, j, lo, cue_i)
                while s > lo and sent_toks[s - 1].pos == "DET":
                    s -= 1
                told = d.entity_at(t.start, t.end)
                w = s - 1
                while w > lo and sent_toks[w].text in _OPEN_CLOSE:
                    w -= 1  # "агентству "Интерфакс" также заявили"
                if w >= lo and fold(sent_toks[w].text) in _TOLD and told is not None and (
                        w == s - 1 or sent_toks[w].feats.get("Case") == "Dat") and (  # not "радиостанции "X" сообщает"
                        _outlet(d, told.id) or (fold(sent_toks[w].text) in _TOLD_IN and told.type != "PER")
                        # "журналистам ИА Красная Весна сообщили": the journalists' organisation is an outlet told,
                        # whether or not the entity layer typed it as one
                        or (fold(sent_toks[w].text) in _JOURNALISTS and told.type == "ORG")):
                    i = w  # "в интервью газете Handelsblatt заявил": the outlet was told, not telling
                    continue
                r = s - 1  # the name's own words first ("журналистам ИА Красная Весна": "ИА" is the name's)
                while r > lo and told is not None and told.type == "ORG" \
                        and d.entity_at(sent_toks[r].start, sent_toks[r].end) is told:
                    r -= 1
                if r >= lo and r < s - 1 and fold(sent_toks[r].text) in _JOURNALISTS:
                    i = r
                    continue
                while w > lo and told is not None and d.entity_at(sent_toks[w].start, sent_toks[w].end) is told:
                    w -= 1  # "Говорит Москва": a name that starts with a verb
                while w > lo and sent_toks[w].text in _OPEN_CLOSE:
                    w -= 1
                if w > lo and told is not None and told.type != "PER" and _on_air(sent_toks, w, lo) and any(
                        x.pos in ("NOUN", "PROPN") and x.feats.get("Case") in ("Nom", None)
                        for x in sent_toks[lo:w - 1] if x.text not in _OPEN_CLOSE):
                    i = w  # "в эфире радиостанции "Коммерсант FM" сообщил", "в беседе с радиостанцией "X"": a channel
                    continue
                if s > lo and t.lang != "en" and t.feats.get("Case") in ("Gen", None) and j == i \
                        and sent_toks[s - 1].pos == "NOUN" \
                        and sent_toks[s - 1].feats.get("Case") in ("Loc", "Dat", "Ins") \
                        and told is not None \
                        and d.entity_at(sent_toks[s - 1].start, sent_toks[s - 1].end) is None \
                        and _after_preposition(sent_toks, s - 1, lo):
                    i = s - 1  # "в военном ведомстве США заявили": the name completes a place of speech
                    continue
                q0 = s - 1 if s > lo and sent_toks[s - 1].text in _OPEN_CLOSE else s
                if q0 < s and q0 > lo and sent_toks[q0 - 1].pos == "NOUN" and lemmas(sent_toks[q0 - 1].text) & _WORKS \
                        and sent_toks[q0 - 1].feats.get("Case") in ("Loc", "Dat", "Ins") \
                        and _after_preposition(sent_toks, q0 - 1, lo):
                    i = q0 - 1  # "в статье "Мусульманская Россия?", опубликованной ..., высказал": a title
                    continue
                if s > lo and sent_toks[s - 1].pos == "ADP" and t.lang != "en" and not _PRONOUN.match(t.text) \
                        and not (fold(sent_toks[s - 1].text) in ("в", "во") and t.text.isupper()):
                    # "Ярослав Нилов из ЛДПР утверждал": a name after a preposition is no subject ("во ФСИН
                    # заявили" is the place of speech); kept in case the subject found before it is unnamed
                    # ("их коллега из Renault заявил": Renault)
                    ent = d.entity_at(t.start, t.end)
                    if skipped is None and ent is not None and ent.type == "ORG":  # not "Артисты из РФ"
                        skipped = (s, e, j)
                    i = s - 2
                    continue
                sp, st = _speaker_from_phrase(d, sent_toks, s, e, j)
                if sp is None and skipped is not None:
                    s, e, j = skipped
                    sp, st = _speaker_from_phrase(d, sent_toks, s, e, j)
                if sp is None and s - 2 >= lo and (sent_toks[s - 1].text == "," or (
                        sent_toks[s - 1].text in _DASHES and any(x.text in _DASHES for x in sent_toks[e:cue_i]))):
                    # "Иван Петров, глава региона, заявил" / "John Smith, the mayor, said" / "Чарльз Сассер – автор
                    # книги об убийце – утверждает"
                    ent = d.entity_at(sent_toks[s - 2].start, sent_toks[s - 2].end)
                    # (not a name inside a gerund clause: "Говоря о тематике программ Кинга, глава RT сообщила")
                    opened = next((x for x in range(s - 3, lo - 1, -1) if sent_toks[x].text in (",", ";", ":", ".")
                                   or sent_toks[x].text in _DASHES), lo - 1)
                    if ent is not None and ent.type == "PER" and not any(
                            x.feats.get("VerbForm") == "Conv" for x in sent_toks[opened + 1:s - 2]):
                        return ent.id, None, sent_toks[s - 2].start, sent_toks[e - 1].end
                c = s - 1 if s - 1 >= lo and fold(sent_toks[s - 1].text) in _POSSESSIVES else s
                if sp is None and c - 2 >= lo and fold(sent_toks[c - 1].text) == "и" \
                        and sent_toks[cue_i].feats.get("Number") == "Plur":
                    # "Асия Биби и ее семья говорят": of two subjects, the one the text names
                    ent = d.entity_at(sent_toks[c - 2].start, sent_toks[c - 2].end)
                    if ent is not None and ent.type == "PER" and sent_toks[c - 2].feats.get("Case") in ("Nom", None):
                        return ent.id, None, sent_toks[c - 2].start, sent_toks[e - 1].end
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
            if w in ("его", "ее", "их") and (t.pos == "PRON" or (t.pos == "DET" and x == cue_i + 1)):
                # right after a citing verb "ее" is its object, even when tagged a possessive
                found = _resolve_pronoun(d, t.start, _pronoun_agree(w))
                if found is not None:
                    return found[0], found[1], t.start, t.end
            ent = d.entity_at(t.start, t.end)
            if ent is not None and ent.type == "PER" and t.feats.get("Case") != "Nom":
                return ent.id, None, t.start, t.end
            if x > cue_i and ent is None and t.pos == "NOUN" and t.feats.get("Animacy") == "Anim" \
                    and t.feats.get("Case") in ("Acc", "Gen") and lemmas(t.text) & set(person_roles()):
                # "цитирует РИА Новости черногорского президента": the role names the one quoted
                s, e = _object_phrase(d, sent_toks, x, cue_i + 1, hi)
                spk, _st = _speaker_from_phrase(d, sent_toks, s, e, x)
                if (named := _ent(d, spk)) is not None and named.type == "PER":
                    return spk, d.text[sent_toks[s].start:sent_toks[e - 1].end], sent_toks[s].start, \
                        sent_toks[e - 1].end
            if x > cue_i and ent is None and t.pos == "NOUN" and t.feats.get("Animacy") == "Anim" \
                    and t.feats.get("Case") in ("Acc", "Gen") and t.feats.get("Number") == "Sing" \
                    and (x + 1 >= hi or sent_toks[x + 1].text in (".", ",", ";")) \
                    and not _complement(d, sent_toks, x, cue_i) \
                    and (last := _last_quoted_person(d, t.start, t.feats.get("Gender"))) is not None:
                # "«...», - цитирует ИТАР-ТАСС оппозиционера": a bare epithet ending the clause is the person
                # quoted last, when of its gender (the outlet relays)
                return last, t.text, t.start, t.end
            if x > cue_i and ent is None and t.pos == "NOUN" and t.feats.get("Animacy") == "Anim" \
                    and t.feats.get("Case") in ("Acc", "Gen") and t.feats.get("Number") == "Sing" \
                    and not _complement(d, sent_toks, x, cue_i):
                # "«...», - цитирует голландского специалиста пресс-служба РФС": an epithet object before the
                # subject that quotes it is the one quoted, as when it ends the clause
                s, e = _object_phrase(d, sent_toks, x, cue_i + 1, hi)
                nxt = sent_toks[e] if e < hi else None
                teller = d.entity_at(nxt.start, nxt.end) if nxt is not None else None
                if nxt is not None and e - s <= 3 and (
                        (nxt.pos in ("NOUN", "PROPN") and nxt.feats.get("Case") == "Nom")
                        or (teller is not None and teller.type == "ORG")):
                    last = _last_quoted_person(d, t.start, t.feats.get("Gender"))
                    if last is not None:
                        return last, d.text[sent_toks[s].start:sent_toks[e - 1].end], t.start, t.end
                    # (else the one person of its gender the text has named: the epithet describes a known one)
                    spk, _st = _described_speaker(d, sent_toks, s, e, x) or _only_person(
                        d, t.start, t.feats.get("Gender", "")) or (None, None)
                    if (named := _ent(d, spk)) is not None and named.type == "PER":
                        return spk, d.text[sent_toks[s].start:sent_toks[e - 1].end], sent_toks[s].start, \
                            sent_toks[e - 1].end
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
            # the main verb's subject is outside the content quoted before it ("«...», - сообщили в Роскосмосе,
            # уточнив, что": not a word of the quotation)
            shared = _find_speaker(d, sent_toks, p, lo, cue_i, _prefer_after(sent_toks, p))
            if shared[2] >= 0 and d.covered(shared[2], shared[2] + 1):
                plo = next((x + 1 for x in range(p - 1, lo - 1, -1)
                            if d.covered(sent_toks[x].start, sent_toks[x].end)), lo)
                shared = _find_speaker(d, sent_toks, p, plo, cue_i, _prefer_after(sent_toks, p))
            # another verb's subject only when named, but a gerund's subject is its main verb's, named or
            # not ("федеральный судья вынес решение ..., указав на то, что")
            if shared[0] or (shared[1] and (cue_flags(sent_toks[p]) or (
                    form == "Conv" and "relay" not in cue_flags(sent_toks[cue_i])))):  # "передав участок": no report
                return shared
    order = (after, before) if prefer_after else (before, after)
    for fn in order:
        got = fn()
        if got is not None and (got[0] or got[1]):
            if got[2] >= 0:
                d.phrases[sent_toks[cue_i].start] = (got[2], got[3])
            return got
    # impersonal plural with a place of speech: "сообщили в пресс-службе МВД", "сказали в полиции"; a singular
    # past cue has a subject of its own ("выступая в Лахоре, заявил" is no "в Лахоре заявили")
    single = sent_toks[cue_i].feats.get("Number") == "Sing" and sent_toks[cue_i].feats.get("Tense") == "Past"
    for i in range(lo, hi):
        t = sent_toks[i]
        if fold(t.text) in ("в", "во") and i + 1 < hi and abs(i - cue_i) <= 8 and t.lang != "en":
            j = i + 1
            if sent_toks[j].text in _OPEN_CLOSE and j + 1 < hi:
                j += 1  # "В "Газпроме" заявили": a name in quotation marks
            while j + 1 < hi and sent_toks[j].pos == "ADJ" and \
                    d.entity_at(sent_toks[j].start, sent_toks[j].end) is None:
                j += 1  # "в правоохранительных органах края"
            if sent_toks[j].pos in ("NOUN", "PROPN") and fold(sent_toks[j].text) not in _TOLD_IN:
                s, e = _phrase(sent_toks, j, i + 1, hi)
                ments = d.mentions_in(sent_toks[s].start, sent_toks[e - 1].end)
                if ments and all(m[2].subtype == "country" for m in ments) \
                        and (body := _national_body(d, sent_toks, s, e, j, ments)) is not None:
                    ps, pe = sent_toks[s].start, sent_toks[e - 1].end
                    return body, d.text[ps:pe], ps, pe  # "в военном ведомстве США": the Pentagon named before
                if len(ments) == 1 and j == i + 1 and (body := _capital_body(d, ments[0][2], t.start)) is not None:
                    ps, pe = sent_toks[s].start, sent_toks[e - 1].end
                    return body, d.text[ps:pe], ps, pe  # "В Москве напоминают" after quotes of МИД РФ: the ministry
                if ments and all(m[2].type == "LOC" for m in ments) and d.entity_at(
                        sent_toks[j].start, sent_toks[j].end) is None:
                    ments = []  # "в правоохранительных органах Ставропольского края": the place does not speak
                if single and ments and all(m[2].type == "LOC" for m in ments):
                    continue
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


_WORDS = {"слова", "заявление", "высказывание", "цитату", "прогноз", "письмо", "обращение"}


def _words_of(d: _Doc, toks: list[Token], cue_i: int, hi: int) -> tuple[str | None, str | None, int, int] | None:
    """"передает ТАСС слова Пескова", "приводит агентство слова представителя МИД": the one whose
    words are relayed speaks (the outlet goes to ``via``)."""
    for x in range(cue_i + 1, min(hi - 1, cue_i + 7)):  # "приводит агентство "Интерфакс" прогноз брокера"
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
            if per:
                return per[0][2].id, None, toks[y].start, toks[stop - 1].end
            # "слова главы Чечни", "прогноз крупнейшего в мире брокера", "слова официальных лиц": the one the
            # role or class noun names, else that phrase (not the place after a role, not the outlet)
            z = next((z for z in range(y, stop) if toks[z].pos == "NOUN" and toks[z].feats.get("Case") == "Gen"), -1)
            if z >= 0 and not d.entity_at(toks[z].start, toks[z].end) and not (
                    ments and z + 3 < hi and ments[0][0] <= toks[z + 2].start  # "письмо компании "X"": X
                    and lemmas(toks[z].text) & (_COMPANY_CLASSES | set(_CLASS_NAMES) | _ORG_CLASSES)):
                s, e = _object_phrase(d, toks, z, y, stop)
                spk, st = _speaker_from_phrase(d, toks, s, e, z)
                return spk, st, toks[s].start, toks[e - 1].end
            if ments:
                return ments[0][2].id, None, toks[y].start, toks[stop - 1].end
            return None
    return None


def _apposed_name(d: _Doc, toks: list[Token], k: int, hi: int) -> str | None:
    """The person named in the nominative at the end of a chain of role appositions that starts at the comma
    ``toks[k]`` (brackets skipped); None at a verb, a subordinate clause or a full stop first."""
    x, depth = k, 0
    while x < min(hi, k + 45):
        t = toks[x]
        depth += 1 if t.text == "(" else -1 if t.text == ")" else 0
        if depth == 0 and (t.text in (".", ";", ":", "!", "?") or t.text in _DASHES or _finite(t)
                           or t.feats.get("VerbForm") in ("Conv", "Part") or t.pos in ("SCONJ", "PRON")
                           or fold(t.text) in _RELATIVE):
            return None
        ent = d.entity_at(t.start, t.end)
        if depth == 0 and ent is not None and ent.type == "PER" and not _role_only(ent) \
                and t.feats.get("Case") in ("Nom", None) and toks[x - 1].pos != "ADP":
            return ent.id
        x += 1
    return None


def _name_after(d: _Doc, toks: list[Token], k: int, stop: int, across_adp: bool) -> tuple[int, str] | None:
    """The first person named in the nominative from ``toks[k]`` to the clause's end (a stop mark or a finite
    verb, also a preposition unless ``across_adp``) or ``stop``: (token index, entity id), else None."""
    while k < stop and toks[k].text not in (",", ".", ";", ":") and not _finite(toks[k]) \
            and (across_adp or toks[k].pos != "ADP"):
        ent = d.entity_at(toks[k].start, toks[k].end)
        if ent is not None and ent.type == "PER" and not _role_only(ent) and toks[k].feats.get("Case") in ("Nom", None):
            return k, ent.id
        k += 1
    return None


def _complement(d: _Doc, toks: list[Token], x: int, cue_i: int) -> bool:
    """Is the noun ``toks[x]`` (adjectives before it skipped) the genitive complement of a common noun before it
    ("представителя беглого предпринимателя"), not a phrase of its own?"""
    y = x - 1
    while y > cue_i and toks[y].pos == "ADJ":
        y -= 1
    return y > cue_i and toks[y].pos == "NOUN" and d.entity_at(toks[y].start, toks[y].end) is None


def _last_quoted_person(d: _Doc, pos: int, gender: str | None) -> str | None:
    """The named person who spoke the last quote before ``pos`` (within 1,500 characters), when the name's gender
    is ``gender`` ("Masc"/"Fem"); else None."""
    if gender not in ("Masc", "Fem"):
        return None
    for q in _previous_quotes(d, pos):
        if _cue_pos(q) < pos - 1500:
            return None
        said = _ent(d, q.speaker)
        if q.relay or said is None or _outlet(d, q.speaker):
            continue  # an outlet relays (also this very quote, resolved once already)
        if said.type != "PER" or _role_only(said):
            return None
        return said.id if _name_gender(said.name) == gender else None
    return None


def _person_of_body(d: _Doc, toks: list[Token], k: int, lo: int) -> tuple[str, None, int, int] | None:
    """The person a body named at ``toks[k]`` belongs to by a preposition ("Мэтью Эндерсон из агентства Chadwick
    Management", "X от компании Y"): (id, None, start, end) of the name right before "из/от" (the class noun
    between them in the genitive), else None. The body is then the person's complement, not a subject."""
    ent = d.entity_at(toks[k].start, toks[k].end)
    if ent is None or ent.type == "PER":
        return None
    x = k
    while x > lo and d.entity_at(toks[x - 1].start, toks[x - 1].end) is ent:
        x -= 1
    x -= 1
    while x > lo and (toks[x].text in _OPEN_CLOSE or (toks[x].pos in ("NOUN", "ADJ")
                                                      and toks[x].feats.get("Case") == "Gen")):
        x -= 1
    if x <= lo or fold(toks[x].text) not in ("из", "от"):
        return None
    per = d.entity_at(toks[x - 1].start, toks[x - 1].end)
    if per is None or per.type != "PER" or _role_only(per):
        return None
    first = x - 1
    while first > lo and d.entity_at(toks[first - 1].start, toks[first - 1].end) is per:
        first -= 1
    return per.id, None, toks[first].start, toks[x - 1].end


#: Words of "тем не менее", "все же", "все-таки" between a clause and its cue.
_CONCESSIVE = frozenset({"тем", "не", "менее", "все", "всё", "же", "все-таки", "всё-таки", "однако"})


def _relative_clause_before(toks: list[Token], i: int, lo: int) -> bool:
    """``X, высказывания которого ..., подтвердил``: the comma closes a relative clause."""
    j = i - 1
    while j >= lo and toks[j].text != ",":
        if fold(toks[j].text) in ("который", "которого", "которая", "которой", "которые", "которых", "чьи"):
            return True
        j -= 1
    # "власти, находящиеся в ссылке, сообщили", "просители убежища, 22 сентября порезавшие себя ..., заявили":
    # a participial clause (its participle need not open it, but no finite verb may be in it)
    clause = toks[j + 1:i] if j >= lo else []
    return bool(clause) and (clause[0].feats.get("VerbForm") == "Part" or _participial(clause))


def _participial(clause: list[Token]) -> bool:
    """Is ``clause`` a participial clause: a nominative participle and no finite verb?"""
    return any(t.feats.get("VerbForm") == "Part" and t.feats.get("Case") == "Nom" for t in clause) \
        and not any(_finite(t) for t in clause)


def _participle_after(toks: list[Token], i: int, cue_i: int) -> bool:
    """Does the comma ``toks[i]`` open a participial clause of the subject that reaches a later comma
    before the cue ("X, в прошлом занимавшая пост ... и сменившая Y, который ..., заявила")?"""
    r = next((k for k in range(i + 1, cue_i) if toks[k].text == ","), -1)
    return r > 0 and _participial(toks[i + 1:r])


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
            # "на представителя Карастелева адвоката Марину Дубровину": the possessor's name is followed by
            # the holder's own, joined by nouns only (not "на Путина и Медведева")
            while len(per) >= 2 and re.fullmatch(r"(?:\s+[^\W\d_]+){0,3}\s+", d.text[per[0][1]:per[1][0]]) \
                    and not re.search(r"\s(?:и|или|а|с|со)\s", d.text[per[0][1] - 1:per[1][0] + 1]):
                per = per[1:]
            if (per or ments) and not _generic_head(d, toks, i + 2, stop):
                return (per or ments)[0][2].id, None
            j = i + 2
            while j < min(hi, i + 10) and toks[j].text not in (",", ".", ";", ":", "(", ")") \
                    and toks[j].text not in _DASHES and not _finite(toks[j]):
                j += 1
            noun = next((t for t in toks[i + 2:j] if t.pos == "NOUN"), None)
            if noun is not None and w == "ссылаясь" and noun.feats.get("Animacy") != "Anim" \
                    and not lemmas(noun.text) & (_SOURCE_HEADS | _PLURAL_VOICES) and fold(noun.text) != "сми":
                continue  # "Глава государства, ссылаясь на решение суда, утверждает": a ground, not a source
            if noun is not None:
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


def _prefer_after(toks: list[Token], i: int) -> bool:
    """Inverted order: nothing nominal before the cue in its clause ("Об этом сообщил X")."""
    j = i - 1
    while j >= 0 and toks[j].text not in (",", ".", ";"):
        if toks[j].feats.get("Case") == "Nom" or (toks[j].pos == "PROPN" and toks[j].feats.get("Case") is None):
            return False
        j -= 1
    return True
