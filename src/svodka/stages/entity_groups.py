"""Entity grouping: which mentions of one document are one entity.

Recognition (:mod:`svodka.stages.entities`) decides where a mention is and what its base form
is; this module decides only which of those mentions name the same person, body or place,
across cases, spellings, scripts, transcriptions, abbreviations and short forms. It is kept apart
because the two jobs change for different reasons and are tested differently: grouping works on
finished mentions (their base forms, surfaces, gender and dictionary entries) and never reads the
text, so its comparisons (``_same_person``, the keys, the union-find that refuses two different
people) can be read and tested without the repairs. The small name and morphology helpers both
jobs use live here, so that recognition imports them and nothing imports recognition back.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from svodka import gazetteer, lexicon, models
from svodka.analysis import Token
from svodka.disjoint import DisjointSets
from svodka.names import GENERATION_ENDINGS, PARTICLES, key, skeleton, transcription_key


@dataclass
class _Mention:
    """One mention as recognition builds it and grouping reads it (defined here so that grouping
    needs nothing from recognition)."""

    start: int
    end: int
    type: str
    lang: str
    tokens: list[Token]
    normal: str = ""
    subtype: str = ""
    known: lexicon.Known | None = None
    group: int = -1
    forced_with: list[_Mention] = field(default_factory=list)
    #: a person's grammatical gender where the text shows it ("masc"/"femn"), else ""
    gender: str = ""
    surface: str = ""


@functools.lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    parses = models.morph().parse(word.lower())
    return parses[0].normal_form.replace("ё", "е") if parses else word.lower()


class _Groups(DisjointSets):
    """Union-find over mentions that refuses to join two different people: a group remembers the
    full names in it (surname stem, first name or initial, "-младший"/"-старший" or ""), and a union that would put
    "Юрий Визбор" and "Варвара Визбор" (or "А. Лукашенко" and "В. Лукашенко") together is refused,
    whichever chain of bare surnames would have led there. Nor does it join a site with a town or
    country of the same name (the sanatorium "Барвиха" is not the village, "Ростовского кафедрального
    собора" not "Ростовский")."""

    def __init__(self, identities: list[tuple[str, str] | None], known: list[str | None],
                 generations: list[str], places: list[str]) -> None:
        super().__init__(len(identities))
        # "site" or "place" for each group that holds a LOC mention of that kind (never both)
        self.places: dict[int, str] = {i: p for i, p in enumerate(places) if p}
        self.names: dict[int, set[tuple[str, str, str]]] = {
            i: {(*ident, generations[i])} for i, ident in enumerate(identities) if ident is not None}
        # a group holding a dictionary entity ("ЕС" = Европейский союз) never joins another one
        self.known: dict[int, str] = {i: k for i, k in enumerate(known) if k is not None}
        # (surname stem, first name, generation) of a "-младший"/"-старший" name that may join the
        # plain name of the same first name and surname (see _generation_links)
        self.linked: set[tuple[str, str, str]] = set()

    def _apart(self, a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
        """Whether two full names of one surname are two people: other first names, or "-младший"
        beside "-старший", or one of them beside the plain name unless the text introduced it so."""
        if not _same_first(a[1], b[1]):
            return True
        if a[2] == b[2]:
            return False
        return bool(a[2] and b[2]) or (a if a[2] else b) not in self.linked

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self.names.get(ri, set()), self.names.get(rj, set())
        if any(self._apart(na, nb) for na in a for nb in b if na[0] == nb[0]
               or (na[2] != nb[2] and _one_edit(na[0], nb[0]))):
            return False
        labels = (self.known, self.places)  # one label a group: two different ones refuse the union
        if any(la is not None and lb is not None and la != lb
               for la, lb in ((m.get(ri), m.get(rj)) for m in labels)):
            return False
        root = self.join(ri, rj)
        child = max(ri, rj)
        if a or b:
            self.names[root] = a | b
            self.names.pop(child, None)
        for m in labels:
            if child in m:
                m[root] = m.get(root, m[child])
                del m[child]
        return True


def _same_first(a: str, b: str) -> bool:
    """Whether two first names (or initials) can be the same person's."""
    if len(a) <= 2 or len(b) <= 2:
        return a[:1].lower() == b[:1].lower()
    if key(b) in lexicon.diminutives().get(key(a), ()) or key(a) in lexicon.diminutives().get(key(b), ()):
        return True  # "Лёша Тихонов" and "Алексей Тихонов"
    # loose on purpose (a foreign name declined wrongly, "Асии"/"Асия", "Азия"/"Асия"; a long name
    # in another transcription, "Беньямин"/"Биньямин"): only clearly different names block a merge
    return a[:3].lower() == b[:3].lower() or skeleton(a) == skeleton(b) or _stem(a) == _stem(b) \
        or (min(len(a), len(b)) >= 6 and _one_edit(a.lower(), b.lower())) or _same_transcription(a, b, first=True)


def _same_transcription(a: str, b: str, first: bool, loose: bool = True) -> bool:
    """Whether two words can be one foreign name in two Russian transcriptions ("Уэнтуорт" /
    "Вентворт", "Кабельо" / "Кабейо"; a first name, if ``loose``, also one letter apart after
    folding, "Юитиро" / "Ючиро"), unless the dictionary knows them as two different Russian names
    or surnames."""
    if first:
        if _first_name(a) and _first_name(b) and _first_lemma(a) != _first_lemma(b):
            return False
    elif _dictionary_surname(a) and _dictionary_surname(b):
        return False
    if len(a) < 3 or len(b) < 3:
        return False
    if transcription_key(_stem(a)) == transcription_key(_stem(b)):
        return True
    ka, kb = transcription_key(a), transcription_key(b)
    return first and loose and min(len(ka), len(kb)) >= 5 and _one_edit(ka, kb)


@functools.lru_cache(maxsize=65536)
def _first_lemma(word: str) -> str:
    """The dictionary form of a first name ("Марии" -> "мария"), else the word."""
    for p in models.morph().parse(word.lower()):
        if p.is_known and "Name" in p.tag:
            return str(p.normal_form)
    return word.lower()


def _identity(m: _Mention) -> tuple[str, str] | None:
    """(surname stem, first name) of a person mention that names both, else None."""
    if m.type != "PER" or re.search(r"[«»\"„“”]", m.normal):
        return None  # a nickname in quotes ("Джеймс «Бадди» Макгирт") may stand for the first name
    words = _person_words(m.normal)
    if len(words) < 2 or words[0].lower() in PARTICLES:
        return None  # "Де Ниро" names no first name
    if _is_patronymic(words[-1]):
        # "Владимир Владимирович" names no surname, unless one follows in brackets: "(Путин)"
        surname = _bracket_surname(m, words)
        return (_stem(surname), words[0]) if surname else None
    return _stem(_bare_surname(words[-1])), words[0]


def _bracket_surname(m: _Mention, words: list[str]) -> str:
    """The surname in brackets after a first name and patronymic ("Владимир Владимирович
    (Путин)"), else ""."""
    if len(words) != 2 or not _is_patronymic(words[-1]):
        return ""
    for other in m.forced_with:
        bracket = _person_words(other.normal) if other.type == "PER" else []
        if len(bracket) == 1 and not _is_patronymic(bracket[0]):
            return bracket[0]
    return ""


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", name) if any(c.isalpha() for c in w)]


_ACRONYM_SKIP = frozenset({"по", "и", "в", "во", "на", "о", "об", "за", "для", "of", "and", "the", "for"})


@functools.lru_cache(maxsize=65536)
def _acronym(name: str) -> str:
    """Initials of a multi-word name ("Европейский суд по правам человека" -> "ЕСПЧ"), else ""."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    if len(words) < 2 or not all(w[:1].isalpha() for w in words):
        return ""
    return "".join(w[0] for w in words).upper().replace("Ё", "Е")


def _acronyms(name: str) -> frozenset[str]:
    """The initials a body may go by: of its whole name, of the name before "им./имени" ("БДТ" of
    "Большой драматический театр им. Товстоногова"), and of the name before its parent body's
    abbreviation ("ЦИБ" of "Центр информационной безопасности ФСБ")."""
    out = {_acronym(name)}
    cut = re.split(r"\s+(?:им\.|имени\s)", name, maxsplit=1)[0]
    if cut != name:
        out.add(_acronym(cut))
    words = name.split()
    while len(words) >= 3 and words[-1].isupper() and len(words[-1]) >= 2:
        words = words[:-1]
        out.add(_acronym(" ".join(words)))
    out.discard("")
    return frozenset(out)


_ENDING = re.compile(
    r"(?:ого|его|ому|ему|ыми|ими|ий|ый|ой|ей|ом|ем|ым|им|ия|ии|ию|ие|ая|яя|ую|ое|ее|ые|ых|их|а|я|у|ю|е|ы|и|ь|й)$")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A word without its case ending ("Гарсии", "Гарсия" -> "гарс"): a loose key for names."""
    low = word.lower().replace("ё", "е")
    if _CYRILLIC.search(low):
        low = low.translate(_LOOKALIKE_LOWER)  # "Cинода" typed with a Latin "C"
    if len(low) < 4:
        return low
    stem = _ENDING.sub("", low)
    if len(stem) >= 3:
        return stem
    # a short name ("Асии", "Азия"): take off one letter at most, keeping three
    return low[:-1] if len(low) == 4 and low[-1] in "аяуюеыиьй" else low


_PLACE_GENERIC = frozenset({"республика", "город", "г.", "штат", "провинция", "королевство", "княжество", "эмират"})


@functools.lru_cache(maxsize=65536)
def _stem_key(name: str) -> str:
    """A loose key: endings off, an aside in brackets off ("Кировоградской (Кропивницкой) области"),
    a generic leading word of a place off ("Республика Башкортостан" = "Башкортостан")."""
    name = re.sub(r"\s*\([^)]*\)", "", name)
    if not _CYRILLIC.search(name):
        return key(name)
    words = [w for w in re.split(r"[\s\-«»\"„“]+", name) if w]
    if len(words) >= 2 and words[0].lower() in _PLACE_GENERIC and words[1][:1].isupper():
        words = words[1:]
    return " ".join(_stem(w) for w in words)


_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_CYRILLIC_WORD = re.compile(r"[а-яё]{2,}", re.IGNORECASE)
_NUMBERED = re.compile(r"(?:^|[\s\-])\d+$")
_LOOKALIKE_LOWER = str.maketrans("aceopxy", "асеорху")


def _short_form_of(short: list[str], full: list[str]) -> bool:
    """"Верховный суд" of "Верховный суд Пакистана"; "Театр сатиры" of "Московский академический
    театр сатиры" (only adjectives before it); not "Европейский союз" of "Совет Европейского союза"."""
    if full[: len(short)] == short:
        return True
    if len(short) == 1 and len(full) == 1 and len(short[0]) >= 3 and full[0].startswith(short[0] + "-"):
        return True  # "Рио" of "Рио-де-Жанейро", "Спартак" of "Спартак-Москва"
    if len(short) < 2:
        return False
    s_stems, f_stems = [_stem(w) for w in short], [_stem(w) for w in full]
    for k in range(1, len(full) - len(short) + 1):
        if f_stems[k: k + len(short)] == s_stems:
            return all(_is_adjective(w) for w in full[:k])
    return False


def _head_index(words: list[str]) -> int:
    """The position of a name's head noun: its first word that is not an adjective."""
    return next((k for k, w in enumerate(words) if not _is_adjective(w.rsplit("-", 1)[-1])), len(words) - 1)


@functools.lru_cache(maxsize=8192)
def _adjective_base(word: str) -> str:
    """The stem a place adjective is formed from: "Украинского" -> "украин", "Римский" -> "рим"."""
    lemma = _lemma(word)
    return re.sub(r"(?:ск|цк)(?:ий|ой)$", "", lemma) if re.search(r"(?:ск|цк)(?:ий|ой)$", lemma) else ""


@functools.lru_cache(maxsize=8192)
def _place_adjective_key(name: str) -> str:
    """For a body's name that opens with a place adjective ("Санкт-Петербургская духовная
    академия"), the place the gazetteer knows it by and the rest of the name ("city:498817|духовн
    академ"), so that another adjective of the same place ("Петербургская") gives the same key;
    else ""."""
    words = _words(name)
    if len(words) < 2 or not words[0][:1].isupper() or not _is_adjective(words[0].rsplit("-", 1)[-1]):
        return ""
    base = _adjective_base(words[0])
    place = _gazetteer_key("-".join(part[:1].upper() + part[1:] for part in base.split("-"))) if len(base) >= 4 else ""
    return f"{place}|{_stem_key(' '.join(words[1:]))}" if place else ""


def _fewer_words(short: list[str], full: list[str]) -> bool:
    """Whether ``short`` (lower case) is ``full`` with some words left out, around the same head
    noun ("болгарская церковь" of "болгарская православная церковь", "сирийская национальная
    коалиция" of "национальная коалиция сирийских ... сил"); not "европейский союз" of "совет
    европейского союза", whose head is another."""
    s_stems = [_stem(w) for w in short]
    f_stems = [_stem(p) for w in full for p in w.split("-")]
    if not all(x in f_stems for x in s_stems) or len(set(s_stems)) < len(s_stems):
        return False
    return _stem(short[_head_index(short)]) == _stem(full[_head_index(full)])


def _compound_of(word: str, full: list[str]) -> bool:
    """Whether ``word`` (lower case) is a Russian compound of the beginnings of the first words of
    ``full``: "нацгвардия" of "национальная гвардия", "погранслужба" of "пограничная служба",
    "минкульт" of "министерство культуры", "совбез" of "совет безопасности", "центробанк" of
    "центральный банк"."""
    words = [w.replace("ё", "е") for w in full if w not in _ACRONYM_SKIP]
    word = word.replace("ё", "е")

    def match(pos: int, k: int) -> bool:
        if k >= len(words) or k >= 3:
            return False
        rest, target = word[pos:], words[k]
        if k >= 1 and len(rest) >= 3 and (target.startswith(rest) or _stem(rest) == _stem(target)
                                          or (len(_stem(rest)) >= 3 and target.startswith(_stem(rest)))):
            return True  # the last piece: the rest of the compound, or its stem, begins the word
        for n in range(min(len(rest) - 3, len(target) - 1), 2, -1):
            piece = rest[:n]
            if (target.startswith(piece) or (piece.endswith("о") and target.startswith(piece[:-1]))) \
                    and match(pos + n, k + 1):
                return True
        return False

    return len(words) >= 2 and match(0, 0)


@functools.lru_cache(maxsize=65536)
def _first_name(word: str) -> bool:
    """A dictionary first name (any case): "Рафаэль", "Эдвард"."""
    return word[:1].isupper() and any(p.is_known and "Name" in p.tag and p.score >= 0.3
                                      for p in models.morph().parse(word.lower()))


@functools.lru_cache(maxsize=65536)
def _dictionary_surname(word: str) -> bool:
    """A surname the dictionary knows ("Волков", "Войков")."""
    return any(p.is_known and "Surn" in p.tag for p in models.morph().parse(word.lower()))


@functools.lru_cache(maxsize=65536)
def _known_word(word: str) -> bool:
    """A word the dictionary knows as a common word ("Сенат"; not "Армения", a name), so not a
    foreign name to fold with another spelling."""
    return any(p.is_known and not any(t in p.tag for t in ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad"))
               for p in models.morph().parse(word.lower())[:2])


@functools.lru_cache(maxsize=8192)
def _gazetteer_key(name: str) -> str:
    """The gazetteer's first choice for a place name (a country, region or town id), else ""."""
    found = _gazetteer_keys(name)
    return found[0] if found else ""


@functools.lru_cache(maxsize=65536)
def _gazetteer_keys(name: str) -> tuple[str, ...]:
    """Every place the gazetteer knows by this name ("kind:id"), its first choice first."""
    found = gazetteer.gazetteer().candidates(name)
    if not found and (regional := _region_of_colloquial(name)):
        found = gazetteer.gazetteer().candidates(regional)
    return tuple(f"{p.kind}:{p.id}" for p in found)


def _region_of_colloquial(name: str) -> str:
    """The official name behind a colloquial region name: "Тамбовщина" -> "Тамбовская область",
    "Ставрополье" -> "Ставропольский край" (Russian word formation, not a list)."""
    if " " in name or len(name) < 7:
        return ""
    if name.endswith(("щина", "чина")):
        return name[:-4] + "ская область"
    if name.endswith("ье") and name[-3:-2] in "лнр":
        return name[:-2] + "ский край"
    return ""


def _initials_prefix(short: list[str], full: list[str]) -> bool:
    """Whether each word of ``short`` is the next word of ``full`` or the initials of the next
    few words ("ГУ МВД" of "Главное управление МВД России по Нижегородской области"); at least
    one word must be initials, and the match must start at the beginning of ``full``."""
    k, initials = 0, False
    for word in short:
        if k < len(full) and (_stem(word) == _stem(full[k]) or word == full[k]):
            k += 1
            continue
        if not (word.isupper() and len(word) >= 2):
            return False
        n = len(word)
        letters = "".join(w[:1] for w in full[k:k + n]).upper().replace("Ё", "Е")
        if k + n > len(full) or letters != word.replace("Ё", "Е") or not all(w[:1].isalpha() for w in full[k:k + n]):
            return False
        k, initials = k + n, True
    return initials


@functools.lru_cache(maxsize=65536)
def _is_adjective(word: str) -> bool:
    parses = models.morph().parse(word)
    return bool(parses) and parses[0].tag.POS in ("ADJF", "ADJS", "PRTF")


def _head_key(words: list[str]) -> str:
    """The body's name as a key that its usual short forms share: "Министерство иностранных
    дел" and "МИД" -> "мид"; "Министерство здравоохранения" and "Минздрав" -> "минздрав"."""
    head = " ".join(words)
    short = lexicon.short_forms().get(key(head)) or lexicon.short_forms().get(key(" ".join(_lemma(w) for w in words)))
    if short:
        return short
    acronym = _acronym(head)
    if acronym and len(words) >= 2:
        return key(acronym)
    if len(words) == 1 and key(words[0]) in lexicon.short_forms():
        return lexicon.short_forms()[key(words[0])]  # "Центробанк" -> "цб"
    if len(words) == 1 and (words[0].isupper() or key(words[0]) in lexicon.short_form_values()):
        return key(re.sub(r"(?:а|у|ом|е|ы)$", "", words[0]) if _ABBR_TAIL.fullmatch(words[0]) else words[0])
    return _stem_key(head)


#: A short capitalised kind of body before a name ("НК ЮКОС", "ИА REGNUM", "ФК Спартак").
_LEGAL_ABBREVIATION = re.compile(r"[А-ЯЁA-Z]{2,4}")
_ABBR_TAIL = re.compile(r"[А-ЯЁ]{2,}(?:а|у|ом|е|ы)")


def _place_key(m: _Mention) -> str:
    """For an organisation named after a known place or union ("МИД Британии", "МИД
    Великобритании", "Министерство иностранных дел Великобритании", "Совет ЕС", "Совет
    Европейского союза"), a key with the body's short form and the known name, so that the
    variants group; else ""."""
    if m.type != "ORG":
        return ""
    words = _words(m.normal)
    for k, known in _known_tails(words):
        if known.type == "LOC" or known.subtype in ("union", "international"):
            return f"{_head_key(words[:-k])}|{known.name}"
    return ""


def _known_tails(words: list[str]) -> Iterator[tuple[int, lexicon.Known]]:
    """The known entities the last two words, then the last word, of a longer name stand for, with
    how many words each takes ("Министерство иностранных дел Российской Федерации" -> Россия): as
    written, by lemmas, or as an adjective and noun put in the nominative."""
    for k in (2, 1):
        if len(words) <= k:
            continue
        tail = words[-k:]
        known = lexicon.lookup(" ".join(tail)) or lexicon.lookup(" ".join(_lemma(w) for w in tail)) \
            or (lexicon.lookup(_nominative_pair(tail[0], tail[1])) if k == 2 else None)
        if known is not None:
            yield k, known


def body_of_place_en(name: str) -> str:
    """An English name for a known body named with a known place ("МВД Казахстана" -> "Interior
    Ministry of Kazakhstan", "Минздрав России" -> "Health Ministry of Russia"), else ""."""
    words = _words(name)
    for k, place in _known_tails(words):
        body = lexicon.lookup(" ".join(words[:-k])) or lexicon.lookup(" ".join(_lemma(w) for w in words[:-k]))
        if place.type == "LOC" and place.name_en and body is not None and body.type == "ORG" and body.name_en:
            return f"{body.name_en} of {_with_article(place.name_en)}"
    return ""


_THE = frozenset({"Netherlands", "Philippines", "Bahamas", "Maldives", "Seychelles", "Comoros", "Gambia",
                  "Vatican City", "DR Congo"})


def _with_article(country: str) -> str:
    """"the United States", "the Netherlands"; "Kazakhstan" as it is."""
    plural = country.startswith("United ") or "Republic" in country or country.endswith("Islands")
    return f"the {country}" if plural or country in _THE else country


@functools.lru_cache(maxsize=8192)
def _nominative_pair(adjective: str, noun: str) -> str:
    """An adjective and its noun in the nominative: "Российской Федерации" -> "российская федерация"."""
    morph = models.morph()
    parse = morph.parse(noun.lower())[0]
    if "plur" in parse.tag:  # "Соединённых Штатов" -> "соединённые штаты"
        head_form = parse.inflect({"nomn"})
        head, grammemes = (head_form.word if head_form else parse.normal_form), {"nomn", "plur"}
    else:
        head = parse.normal_form
        grammemes = {"nomn", "sing", morph.parse(head)[0].tag.gender or "masc"}
    form = morph.parse(adjective.lower())[0].inflect(grammemes)
    return f"{form.word if form else adjective.lower()} {head}"


@functools.lru_cache(maxsize=65536)
def _bare_surname(word: str) -> str:
    """A surname without an article glued by a hyphen: "аль-Завахири" -> "Завахири"."""
    head, _, rest = word.partition("-")
    return rest if rest and head.lower() in PARTICLES and rest[:1].isupper() else word


#: "-младший"/"-старший" after a surname, in any case, or "Jr"/"Sr" after a Latin name.
_GENERATION = re.compile(
    rf"(?:-(?=[мсМС])|\s+(?=[мс]))(?i:(млад|стар)ш(?:{'|'.join(GENERATION_ENDINGS)}))$|\s+(J|S)r\.?$")


_GENERATION_TAILS = frozenset(f"ш{end}"[-3:] for end in GENERATION_ENDINGS)


@functools.lru_cache(maxsize=65536)
def _generation(name: str) -> str:
    """Which of two namesakes a name says it is: "млад" for "Хулио Иглесиас-младший" ("Jr"),
    "стар" for "Буш-старший" ("Sr"), else ""."""
    found = _GENERATION.search(name)
    if not found:
        return ""
    return (found[1] or ("млад" if found[2].upper() == "J" else "стар")).lower()


def _person_words(name: str) -> list[str]:
    """The words of a person's name, first name first: the official order "Грызлов Борис
    Вячеславович" (surname, first name, patronymic) is turned round. Lowercase particles are left
    out, except where a capital follows a hyphen ("аль-Багдади"); "-младший"/"-старший" is left
    out too (see :func:`_generation`)."""
    if name[-3:].lower() in _GENERATION_TAILS or name.endswith(("r", "r.")):
        name = _GENERATION.sub("", name)
    words = [w.strip("«»\"„“”()") for w in re.split(r"[\s.]+", name)]
    words = [w for w in words if any(c.isalpha() for c in w)
             and (not w[:1].islower() or _bare_surname(w) != w)]
    if len(words) == 3 and _is_patronymic(words[2]) and not _is_patronymic(words[1]) and len(words[1]) > 1:
        # (not initials before a surname of that shape: "А. В. Дворкович")
        words = [words[1], words[2], words[0]]
    elif len(words) >= 2 and len(words[0]) > 2 and all(len(w) == 1 and w.isupper() for w in words[1:]):
        words = [*words[1:], words[0]]  # initials after the surname: "Михальчук И. Ф."
    return words


_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ична|овна|евна|инична)$", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def _is_patronymic(word: str) -> bool:
    """"Марковна", "Фёдорович"; not a surname of that shape ("Янукович")."""
    if not _PATRONYMIC.search(word):
        return False
    parses = models.morph().parse(word.lower())
    return bool(parses) and "Patr" in parses[0].tag and not any("Surn" in p.tag for p in parses)


def _same_person(short: list[str], full: list[str], fuzzy: bool = True) -> bool:
    """Whether the name ``short`` can refer to the person named ``full`` (at least as long);
    ``fuzzy`` also allows surnames spelt one letter apart."""
    def same(a: str, b: str) -> bool:
        a, b = _bare_surname(a), _bare_surname(b)
        if len(a) <= 2 or len(b) <= 2:  # an initial
            return a[:1].lower() == b[:1].lower()
        return _stem(a) == _stem(b) or skeleton(a) == skeleton(b) or _same_transcription(a, b, first=False)

    def same_first(a: str, b: str) -> bool:  # "Лиза" is a short form of "Елизавета"
        # (one letter apart after folding only beside a surname: a bare "Дэвис" is not "Дэвид")
        return same(a, b) or key(b) in lexicon.diminutives().get(key(a), ()) \
            or (len(a) > 2 and len(b) > 2 and _same_transcription(a, b, first=True, loose=len(short) >= 2))

    if len(short) == 2 and len(full) == 2 and short != full and same(short[0], full[1]) and same(short[1], full[0]):
        return True  # surname first: "Арсланов Айрат" of "Айрат Арсланов"
    if len(short) == 1:
        if len(short[0]) == 2 and short[0] == full[0] and len(full) >= 2 and re.search(r"[аеиоуыэюяё]", short[0]):
            return True  # an East Asian surname comes first: "Ли" of "Ли Лу"
        if len(short[0]) == 2 and len(full) >= 2 and short[0] == full[-1] and len(full[0]) > 2:
            return True  # a two-letter surname as written: "Фо" of "Дарио Фо", "Ли" of "Харпер Ли"
        if len(short[0]) <= 2:
            return False
        if len(full) >= 2 and "-" in full[-1] and len(short[0]) >= 4 \
                and any(same(short[0], part) for part in full[-1].split("-")[1:] if part[:1].isupper()):
            return True  # one part of a double surname: "Пайпер" of "Хайдемария Стефанишин-Пайпер"
        if same(short[0], full[-1]) or (len(full) >= 2 and len(full[0]) > 2 and same_first(short[0], full[0])):
            return True
        if not fuzzy:
            return False
        # a long surname spelt one letter apart (a typo or another transcription: "Крамник"/"Краник",
        # "Рухани"/"Роухани", "Аленичев"/"Аленчиев")
        # (not two surnames the dictionary knows: "Войков" is not "Волков")
        a, b = _stem(short[0]), _stem(full[-1])
        return len(full) >= 2 and min(len(a), len(b)) >= 5 and short[0][:1] == full[-1][:1] and _one_edit(a, b) \
            and not (_dictionary_surname(short[0]) and _dictionary_surname(full[-1]))
    if len(short) >= 2 and len(full) > len(short) and short[0] == full[0] and len(full[0]) <= 3 \
            and transcription_key("".join(short[1:])) == transcription_key("".join(full[1:])):
        return True  # an East Asian given name in one word or by syllables: "Ли Джэён" of "Ли Чже Ён"
    if len(short) >= 2 and len(full) > len(short) and short == full[-len(short):] and len(short[-1]) > 2:
        return True  # a double surname without the first name: "Са Пинту" of "Рикарду Са Пинту"
    if len(full) > len(short) and all(len(w) > 2 for w in short) and all(map(same, short, full)):
        return True  # the beginning of a longer name: "Мейв Кеннеди" of "Мейв Кеннеди Таунсенд-Маккин"
    if len(short) == 2 and len(full) == 3 and same(short[1], full[2]) and same(short[0], full[1]):
        return True  # a middle name or nickname with the surname: "Бадди Макгирт" of "Джеймс «Бадди» Макгирт"
    if len(short) == 2 and len(full) >= 4 and len(short[0]) > 2 and len(short[1]) > 2 and any(
            same_first(short[0], full[k]) and not _is_patronymic(full[k])
            and any(same(short[1], w) for w in full[k + 1:]) for k in range(len(full) - 2)):
        # the given name and surname in use inside a full Spanish or Portuguese name, which adds
        # given names and a second surname: "Фидель Кастро" of "Фидель Алехандро Кастро Рус",
        # "Мишель Бачелет" of "Вероника Мишель Бачелет Хериа"
        return True
    if len(short) == 2 and _is_patronymic(short[1]) and not _is_patronymic(full[-1]) \
            and same_first(short[0], full[0]) and (len(full) == 2 or same(short[1], full[1])):
        return True  # first name and patronymic: "Людмила Марковна" of "Людмила Гурченко"
    if same(short[-1], full[-1]) and same_first(short[0], full[0]):
        return True
    # one letter apart in a long surname, with the same first name or its initial: a transcription
    # variant ("Эд Гонзалес" / "Эд Гонсалес", "Дэвид Кэмерон" / "Дэвид Камерон", "М. Ахмадинежад" /
    # "Махмуд Ахмадинеджад")
    a, b = _stem(short[-1]), _stem(full[-1])
    if fuzzy and (short[0] == full[0] or (len(short[0]) <= 2 and short[0][:1] == full[0][:1])) \
            and min(len(a), len(b)) >= 5 and _one_edit(a, b):
        return True
    # a short surname with one vowel for another after the same long first name: "Карсон Юнг" /
    # "Карсон Ёнг" (not two surnames the dictionary knows: "Карсон Лоу" / "Карсон Лей" may be two)
    if fuzzy and len(short) == len(full) == 2 and short[0] == full[0] and len(short[0]) >= 5 \
            and _vowel_apart(short[1], full[1]) \
            and not (_dictionary_surname(short[1]) and _dictionary_surname(full[1])):
        return True
    # both names in another transcription: "Кэмерон Диаз" / "Камерон Диас"
    return fuzzy and len(short) == len(full) == 2 and min(len(short[0]), len(full[0])) >= 5 \
        and _one_edit(short[0].lower(), full[0].lower()) and min(len(a), len(b)) >= 4 \
        and (a == b or _one_edit(a, b)) and not (_dictionary_surname(short[1]) and _dictionary_surname(full[1]))


def _two_namesakes(first: str, one: list[str], other: list[str]) -> bool:
    """Whether a bare first name already with one full name must not also join another: both
    have it as their first name and two different surnames, one of which the dictionary knows
    ("Сергей" with Сергей Бодров is not also Сергей Шойгу's or Сергей Сильянов's; two foreign
    surnames, "Асия Норин" and "Асия Биби", may be one person's)."""
    if not _first_name(first) or not (_stem(one[0]) == _stem(first) == _stem(other[0])):
        return False
    return _stem(one[-1]) != _stem(other[-1]) and (_dictionary_surname(one[-1]) or _dictionary_surname(other[-1]))


def _identity_genders(mentions: list[_Mention], persons: list[int],
                      identities: list[tuple[str, str] | None]) -> dict[int, str]:
    """Each person mention's gender; a full name whose own mention shows none takes the one the
    other mentions of the same first name and surname agree on ("Мехрибан Алиева родилась")."""
    shown: dict[tuple[str, str], set[str]] = {}
    for i in persons:
        ident = identities[i]
        if ident is not None and mentions[i].gender:
            shown.setdefault(ident, set()).add(mentions[i].gender)
    out = {}
    for i in persons:
        ident = identities[i]
        genders = shown.get(ident, set()) if ident is not None else set()
        out[i] = mentions[i].gender or (next(iter(genders)) if len(genders) == 1 else "")
    return out


def _vowel_apart(a: str, b: str) -> bool:
    """Whether two words of three letters or more differ in one vowel only ("Ёнг" / "Юнг")."""
    a, b = a.lower(), b.lower()
    if len(a) != len(b) or len(a) < 3:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS


_VOWELS = frozenset("аеёиоуыэюя")


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one substitution, insertion, deletion or swap of two
    neighbouring letters."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [k for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))


def _generation_links(identities: list[tuple[str, str] | None], gens: list[str],
                      first: list[int]) -> set[tuple[str, str, str]]:
    """The "-младший"/"-старший" full names that are the plain name of the same first name and
    surname: those the text names first with the suffix and only then without it ("Роберт Генри
    Лоуренс-младший ... Роберт Лоуренс"; "Джордж Буш-старший ... Джордж Герберт Уокер Буш"),
    and no other generation of that name before the plain one. A plain name named first is the
    suffixed one's namesake ("Хулио Иглесиас ... сын Хулио Иглесиас-младший"). ``first`` is where
    each mention's group so far begins (a Latin "Robert Lawrence Jr" in brackets counts where its
    Russian name stands)."""
    out: set[tuple[str, str, str]] = set()
    for i, ident in enumerate(identities):
        if ident is None or not gens[i]:
            continue
        same = [k for k, other in enumerate(identities)
                if other is not None and other[0] == ident[0] and _same_first(other[1], ident[1])]
        plain = min((first[k] for k in same if not gens[k]), default=-1)
        if plain > first[i] and not any(gens[k] != gens[i] and first[k] < plain for k in same):
            out.add((*ident, gens[i]))
    return out


def _group(mentions: list[_Mention]) -> list[list[_Mention]]:
    identities = [_identity(m) for m in mentions]
    gens = [_generation(m.normal) if m.type == "PER" else "" for m in mentions]
    kinds = [("site" if m.subtype == "site" else "place") if m.type == "LOC" else "" for m in mentions]
    groups = _Groups(identities, [m.known.name if m.known else None for m in mentions], gens, kinds)
    index = {id(m): i for i, m in enumerate(mentions)}
    first_by_key: dict[tuple[str, ...], int] = {}
    by_initials: dict[tuple[str, ...], list[int]] = {}
    for i, m in enumerate(mentions):
        # the same base form, or the same words as written (a foreign name normalised two ways:
        # "Аун Сан Су Чжи" read once as a genitive)
        keys: list[tuple[str, ...]] = [("K", m.known.name) if m.known else (m.type, key(m.normal))]
        if m.known is None and m.normal.startswith(("The ", "the ")):
            keys.append((m.type, key(m.normal[4:])))  # "The Rolling Stones" = "Rolling Stones"
        if m.type == "ORG" and m.known is None and (parts := re.split(r"[\s\-]+", m.normal)) \
                and len(parts) >= 2 and all(_CYRILLIC_WORD.fullmatch(p) for p in parts):
            by_initials.setdefault(tuple(p[:1].lower() for p in parts), []).append(i)
        if len(m.surface.split()) >= 2:
            keys.append(("S", m.surface))
        elif m.type != "PER" and len(m.surface) >= 5 and not m.surface.isupper():
            stem = _stem(m.surface)
            if len(stem) >= 6 and stem.endswith("s") and not _CYRILLIC.search(stem):
                stem = stem[:-1]  # an English plural: "Yankees" and "Yankee" (not "Times" and "Time")
            keys.append(("W", m.type, stem))  # "Енисея" normalised as "Енисея", "Енисей"
            if len(m.surface) >= 6 and _CYRILLIC.search(m.surface) and not _known_word(m.surface):
                # a foreign name in two transcriptions: "Теннесси" / "Тенесси"
                keys.append(("T", m.type, transcription_key(_stem(m.surface))))
        for k in keys:
            k = (*k, kinds[i])  # a site and a town of one name are kept apart (see _Groups)
            if k in first_by_key:
                groups.union(first_by_key[k], i)
            else:
                first_by_key[k] = i
        for other in m.forced_with:
            groups.union(i, index[id(other)])
    # The same words up to inflection where the endings' key misses ("Братьев-мусульман" /
    # "Братья-мусульмане": "братьев" and "братья" share no stem but a lemma); looked up only for
    # names whose words begin alike.
    for same_initials in by_initials.values():
        if len({mentions[i].normal for i in same_initials}) >= 2:
            first_by_lemmas: dict[str, int] = {}
            for i in same_initials:
                lemmas = " ".join(_lemma(p) for p in re.split(r"[\s\-]+", mentions[i].normal))
                groups.union(first_by_lemmas.setdefault(lemmas, i), i)
    any_generation = any(gens)
    if any_generation:
        starts: dict[int, int] = {}
        for i in range(len(mentions)):
            starts.setdefault(groups.find(i), i)
        groups.linked = _generation_links(identities, gens, [starts[groups.find(i)] for i in range(len(mentions))])
    # Persons: a surname alone, a first name alone, initials, or an English spelling join the
    # nearest fuller name before it (else after it) with the same surname (or first name).
    persons = [i for i, m in enumerate(mentions) if m.type == "PER"]
    pwords = {i: _person_words(mentions[i].normal) for i in persons}
    for i in persons:  # "А. В. Дворкович" is compared as "А. Дворкович" (with "Аркадий Дворкович")
        words = pwords[i]
        if len(words) == 3 and len(words[0]) == 1 and len(words[1]) == 1 and words[1].isupper():
            pwords[i] = [words[0], words[2]]
    for i in persons:  # "Владимир Владимирович (Путин)": the surname in brackets completes the name
        surname = _bracket_surname(mentions[i], pwords[i])
        if surname:
            pwords[i] = [*pwords[i], surname]
    gender = _identity_genders(mentions, persons, identities)
    for i in persons:
        words = pwords[i]
        if not words:
            continue
        # (a name as long as the other, or a first name alone, is already told apart by the first
        # name, and a wrong base form must not split it: "Ян Бобошиков" of "Яну Бобошикову",
        # "Дариг" of "Даригу")
        fitting = [j for j in persons if j != i and len(pwords[j]) >= len(words)
                   and not (gender[i] and gender[j] and gender[i] != gender[j] and len(pwords[j]) > len(words)
                            and not (len(words) == 1 and _same_first(words[0], pwords[j][0])
                                     and _stem(words[0]) != _stem(pwords[j][-1])))]
        # the same spelling first; a surname one letter apart only when no fuller name fits exactly
        candidates = [j for j in fitting if _same_person(words, pwords[j], fuzzy=False)]
        if not any(len(pwords[j]) > len(words) for j in candidates):
            candidates += [j for j in fitting if j not in candidates and _same_person(words, pwords[j])]
        if not candidates and len(words) == 1 and gender[i]:
            # a bare surname whose gender reading no full name fits, written as one full name writes
            # it: "Попова уже шесть лет ..." read as a man's genitive, beside "Полина Попова"
            # (and the bare surname takes that form as its base: "Попова", not "Попов")
            candidates = [j for j in persons if j != i and len(pwords[j]) >= 2
                          and pwords[j][-1] == mentions[i].surface]
            if candidates:
                mentions[i].normal = mentions[i].surface
        if candidates and gens[i] and len(words) == 1:
            # "Бодров-старший" is "Сергей Бодров-старший"; else "Хинкли-младший" is the only full
            # name of that surname ("Джон Хинкли") if named before it, or no one (not one of "Серена"
            # and "Винус Уильямс"; "Шпиром-старшим ... его сын Альберт Шпир" is the son)
            same_generation = [j for j in candidates if gens[j] == gens[i] and len(pwords[j]) >= 2]
            full = [j for j in candidates if len(pwords[j]) >= 2 and not gens[j]]
            if same_generation:
                candidates = same_generation
            elif full and min(full) < min(k for k in persons if groups.find(k) == groups.find(i)) \
                    and all(_same_first(pwords[j][0], pwords[full[0]][0]) for j in full):
                candidates = full
            else:
                candidates = [j for j in candidates if len(pwords[j]) == 1 and gens[j] == gens[i]]
        if candidates:
            # a name of the same gender first ("Абрамовича" is Роман's, not Лея's, whose gender
            # the text does not show); a plain name before a "-младший" one of that surname ("Хулио"
            # is Хулио Иглесиас, not his son Хулио Иглесиас-младший); then the nearest fuller name before,
            # else after; if that one is refused (another person of the same surname is already
            # in this group), the next
            plain = {_stem(pwords[j][-1]) for j in candidates if not gens[j]} if any_generation else set()
            order = sorted(candidates, key=lambda j: (not (gender[i] and gender[j] == gender[i]),
                                                      bool(gens[j]) and not gens[i] and _stem(pwords[j][-1]) in plain,
                                                      j > i, abs(i - j)))
            joined = [pwords[j] for j in candidates if len(pwords[j]) >= 2
                      and groups.find(i) == groups.find(j)] if len(words) == 1 else []
            for j in order:
                # (already with a full name: not also with another namesake, nor with a
                # "-старший" of that surname: a bare "Шпир" with Альберт Шпир is not his father)
                if groups.find(i) != groups.find(j) and not (joined and gens[j] and not gens[i]) \
                        and not any(_two_namesakes(words[0], one, pwords[j]) for one in joined) and groups.union(i, j):
                    break
    # The same name typed differently by the model in two places is still one entity; and the same
    # name normalised differently ("Уральская сталь" / "Уральской стали") too.
    place_keys = [_place_key(m) for m in mentions]
    place_heads = [k.split("|")[0] if k else None for k in place_keys]
    first_by_name: dict[str, int] = {}
    for i, m in enumerate(mentions):
        stem_key = place_keys[i] or _stem_key(m.normal)
        if len(stem_key) >= 3 and stem_key in first_by_name:
            groups.union(first_by_name[stem_key], i)
        first_by_name.setdefault(stem_key, i)
    # "Петербургская духовная академия" beside "Санкт-Петербургской духовной академии": the
    # adjective of one place in two of its names (looked up only for names with the same last word)
    by_last: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.type == "ORG" and " " in m.normal:
            by_last.setdefault(_stem(m.normal.rsplit(" ", 1)[-1]), []).append(i)
    first_by_adjective: dict[str, int] = {}
    for same_last in by_last.values():
        if len({mentions[i].normal for i in same_last}) < 2:
            continue
        for i in same_last:
            if adjective_key := _place_adjective_key(mentions[i].normal):
                groups.union(first_by_adjective.setdefault(adjective_key, i), i)
    nonpersons = [i for i, m in enumerate(mentions) if m.type != "PER"]
    lowered = {i: [w.lower().replace("ё", "е") for w in _words(mentions[i].normal)] for i in nonpersons}
    acronyms = {i: _acronyms(mentions[i].normal) for i in nonpersons}
    for i in nonpersons:
        words, m = lowered[i], mentions[i]
        if not words:
            continue
        # "Верховный суд" after "Верховный суд Пакистана": the short form of the longer name.
        longer = [j for j in nonpersons if mentions[j].type == m.type and j != i
                  and (len(lowered[j]) > len(words) or (len(words) == 1 and len(lowered[j]) == 1
                                                        and lowered[j] != words))
                  and _short_form_of(words, lowered[j])
                  and not ((number := _NUMBERED.search(m.normal)) and number[0].strip(" -") not in mentions[j].normal)]
        # ("Россия 1" is not a short "Россия сегодня"; "ТВ-6" is "ТВ-6 Москва")
        # "ЕСПЧ" beside "Европейский суд по правам человека": the initials of the full name.
        if m.normal.isupper() and 2 <= len(m.normal) <= 6 and m.known is None:
            longer += [j for j in nonpersons if m.normal.replace("Ё", "Е") in acronyms[j]]
        # "ИБР РАН" beside "Институт биологии развития": initials of the name and its parent's abbreviation.
        if m.known is None and len(words) >= 2 and all(w.isupper() and 2 <= len(w) <= 6 for w in _words(m.normal)):
            head = _words(m.normal)[0].replace("Ё", "Е")
            longer += [j for j in nonpersons if j not in longer and j != i and mentions[j].type == m.type
                       and len(lowered[j]) >= 2 and head in acronyms[j]]
        # "ГУ МВД" beside "Главное управление МВД России по ...": initials and words of its beginning.
        if len(words) >= 2 and any(w.isupper() and len(w) >= 2 for w in _words(m.normal)):
            longer += [j for j in nonpersons if j not in longer and mentions[j].type == m.type
                       and len(lowered[j]) > len(words)
                       and _initials_prefix(_words(m.normal), _words(mentions[j].normal))]
        # "Болгарская церковь" beside "Болгарская православная церковь": fewer words, same head noun.
        if len(words) >= 2:
            longer += [j for j in nonpersons if j not in longer and mentions[j].type == m.type
                       and len(lowered[j]) > len(words) and _fewer_words(words, lowered[j])]
        if m.type == "ORG" and len(words) == 1 and m.normal[1:].islower():
            # "Нацгвардия", "Погранслужба", "Госсовет" beside "Национальная гвардия Украины",
            # "Пограничная служба ФСБ", "Государственный совет Кубы": a compound of their beginnings
            if len(words[0]) >= 6:
                longer += [j for j in nonpersons if j not in longer and mentions[j].type == "ORG"
                           and len(lowered[j]) >= 2 and _compound_of(words[0], lowered[j])]
            # "Дума" beside "Госдума", "Избирком" beside "Мосгоризбирком": the last part of a compound
            if len(words[0]) >= 4:
                longer += [j for j in nonpersons if j not in longer and mentions[j].type == "ORG"
                           and len(lowered[j]) == 1 and 2 <= len(lowered[j][0]) - len(words[0]) <= 7
                           and mentions[j].normal[1:].islower()  # not "АрмРосГазпром" for "Газпром"
                           and _stem(lowered[j][0]).endswith(_stem(words[0]))]
            # "Большого" beside "Большого театра": the adjective that names it
            if _is_adjective(words[0]):
                longer += [j for j in nonpersons if j not in longer and mentions[j].type == "ORG"
                           and len(lowered[j]) == 2 and _stem(lowered[j][0]) == _stem(words[0])]
            # "Гэлакси" beside "Лос-Анджелес Гэлакси", "Курии" beside "Римской курии": the name
            # without the place or adjective before it
            longer += [j for j in nonpersons if j not in longer and mentions[j].type == "ORG"
                       and len(lowered[j]) == 2 and _stem(lowered[j][1]) == _stem(words[0])
                       and (_is_adjective(lowered[j][0]) or bool(_gazetteer_key(_words(mentions[j].normal)[0]))
                            or _LEGAL_ABBREVIATION.fullmatch(_words(mentions[j].normal)[0]) is not None)]
        # "Центробанк" or "Минздрав" beside "Центральный банк России" / "Минздрав России": the
        # body without its country, by the short form of its name.
        if m.type == "ORG" and not place_keys[i]:
            head = _head_key(_words(m.normal))
            same_head = [j for j in nonpersons if j != i and j not in longer and place_heads[j] == head]
            if same_head and len(words) >= 2 and head == key(_acronym(" ".join(_words(m.normal)))):
                # two names spelt out with the same initials are two bodies unless their words
                # agree: "Консультативный совет" is not "Конституционный суд Египта"
                same_head = [j for j in same_head if mentions[j].normal.split(" ", 1)[0].isupper()
                             or _stem_key(mentions[j].normal).startswith(_stem_key(m.normal))]
            longer += same_head
        elif m.type == "ORG" and " " not in place_keys[i].split("|")[0]:
            # "Госсовет Кубы" beside "Государственный совет Кубы": a compound head, the same place
            # or none ("Минсельхоз РФ" beside "Министерство сельского хозяйства и ...")
            head, place = place_keys[i].split("|", 1)
            longer += [j for j in nonpersons if j != i and j not in longer and mentions[j].type == "ORG"
                       and (place_keys[j].endswith("|" + place)
                            or (not place_keys[j] and mentions[j].normal[1:].islower()))
                       and len(lowered[j]) >= 3 and _compound_of(head, lowered[j])]
        if longer:
            before = [j for j in longer if j < i]
            groups.union(i, before[-1] if before else longer[0])
    # "НК ЮКОС" beside "ЮКОС", "Агропромышленное объединение «Макфа»" beside "Макфа": a kind of
    # body or a legal form before the name itself.
    org_by_stem: dict[str, int] = {}
    for i in nonpersons:
        if mentions[i].type == "ORG":
            org_by_stem.setdefault(_stem_key(mentions[i].normal), i)
    for i in nonpersons:
        inner = _inner_name(mentions[i])
        target = org_by_stem.get(_stem_key(inner)) if inner else None
        if target is not None and target != i:
            groups.union(i, target)
    # Places the gazetteer knows under several names are one place ("Чечня" = "Чеченская Республика",
    # "Подмосковье" = "Московская область", "Петербург" = "Санкт-Петербург").
    first_by_place: dict[str, int] = {}
    ambiguous: list[tuple[int, frozenset[str]]] = []
    for i, m in enumerate(mentions):
        if m.type != "LOC" or m.subtype == "site":
            continue
        places = _gazetteer_keys(m.normal)
        if places:
            if places[0] in first_by_place:
                groups.union(first_by_place[places[0]], i)
            else:
                first_by_place[places[0]] = i
            if len(places) > 1:
                ambiguous.append((i, frozenset(places)))
    # A name that may denote several places, one of them named unambiguously in the document, is
    # that place: a former name ("Свердловск" beside "Екатеринбург", not the Ukrainian town renamed
    # Довжанск in 2016).
    single = {p: i for p, i in first_by_place.items() if len(_gazetteer_keys(mentions[i].normal)) == 1}
    for i, options in ambiguous:
        named = {single[p] for p in options if p in single}
        if len(named) == 1:
            groups.union(named.pop(), i)
    # A one-word place the gazetteer does not know, one letter apart from another place of the
    # document: a typo or another transcription ("в Гавене" beside "в Гаване", "Сант-Садурни-д’Анойя"
    # beside "Сан-Садурни-д’Анойя").
    # (a vowel for a vowel, in a compound name, or a long known one: "Великобтитании"; not "Литани"
    # beside "Ливан")
    one_word: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.type == "LOC" and " " not in m.normal and _CYRILLIC.search(m.normal) and m.subtype != "site":
            one_word.setdefault(_stem(m.normal), i)
    for stem, i in one_word.items():
        if len(stem) < 5 or _gazetteer_keys(mentions[i].normal) or _known_word(mentions[i].normal):
            continue
        for near, j in one_word.items():
            if near != stem and near[:1] == stem[:1] and len(near) >= 5 and _one_edit(stem, near) \
                    and (_vowel_apart(stem, near) or ("-" in stem and "-" in near)
                         or (len(stem) >= 8 and bool(_gazetteer_keys(mentions[j].normal)))):
                groups.union(i, j)
                break
    # A place in Latin letters and one in Cyrillic that may be the same place ("Los Angeles" and
    # "Лос-Анджелес", which the gazetteer gives several towns each) are one place.
    latin = [(i, frozenset(_gazetteer_keys(mentions[i].normal))) for i in first_by_place.values()
             if not _CYRILLIC.search(mentions[i].normal)]
    for i in first_by_place.values() if latin else ():
        if _CYRILLIC.search(mentions[i].normal):
            options = frozenset(_gazetteer_keys(mentions[i].normal))
            same = [j for j, other in latin if options & other]
            if len(same) == 1:
                groups.union(same[0], i)
    # A one-word place adjective ("Украинское", "Римского", "Московский" — NEREL marks them as
    # places) is the place it is formed from, when that place is named in the document.
    place_stems: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.type == "LOC" and " " not in m.normal and not _is_adjective(m.normal):
            place_stems.setdefault(_stem(m.normal), i)
    for i, m in enumerate(mentions):
        if m.type == "LOC" and " " not in m.normal and m.normal[:1].isupper() and _is_adjective(m.normal) \
                and not any(k != i and groups.find(k) == groups.find(i)
                            and (" " in mentions[k].normal or not _is_adjective(mentions[k].normal))
                            for k in range(len(mentions))):
            # (not when it is already the short form of a longer name: "Тамбовский" of "Тамбовский
            # район"; but the same adjective twice, "Римского ... Римского", is still the place's)
            base = _adjective_base(m.normal)
            # "москов" -> "москв" (Москва), "американ" -> "америк" (Америка)
            variants = (base, base[:-2] + "в" if base.endswith("ов") else "", base[:-2] if base.endswith("ан") else "")
            for cand in variants:
                if len(cand) >= 3 and cand in place_stems:
                    groups.union(place_stems[cand], i)
                    break
    # Places and organisations written in another script: join by sound ("Kazakhstan" = "Казахстан").
    # (a known name on one side too: "Фэйсбук" beside "Facebook")
    # (the own name of "Концерн «Фольксваген»" too; each distinct name once)
    first_of: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        if m.type != "PER":
            first_of.setdefault((m.type, _inner_name(m) or m.normal), i)
    distinct = list(first_of.items())
    for n, ((this_type, this_name), i) in enumerate(distinct):
        for (that_type, that_name), j in distinct[:n]:
            if this_type == that_type and (mentions[i].known is None or mentions[j].known is None) \
                    and bool(_CYRILLIC.search(that_name)) != bool(_CYRILLIC.search(this_name)) \
                    and _same_sound(this_name, that_name):
                groups.union(i, j)
                break
    by_root: dict[int, list[_Mention]] = {}
    for i, m in enumerate(mentions):
        by_root.setdefault(groups.find(i), []).append(m)
    return sorted(by_root.values(), key=lambda g: min(m.start for m in g))


#: Kind abbreviations before a body's own name ("НК ЮКОС", "ФК Зенит"), besides the legal forms.
_KIND_ABBREVIATIONS = frozenset({"НК", "ФК", "ХК", "ИА", "ТК", "ТРК", "АК", "БК", "ПК"})
_QUOTED_NAME = re.compile(r"^(?P<kind>[^«„\"“”»]{3,60}?)\s*[«„\"“](?P<name>[^«»„“\"”]{2,})[»“\"”]?$")


def _inner_name(m: _Mention) -> str:
    """An organisation's own name inside a longer one: the quoted name after one to three kind
    words ("Госкорпорация «Роскосмос»", "Агропромышленное объединение «Макфа»"), the name after
    a legal form or kind abbreviation ("НК ЮКОС"), or the abbreviation after the full name it
    abbreviates; else ""."""
    if m.type != "ORG":
        return ""
    quoted = _QUOTED_NAME.match(m.normal)
    if quoted and 1 <= len(quoted["kind"].split()) <= 3 and quoted["name"][:1].isupper():
        return quoted["name"].strip()
    full, _, last = m.normal.rpartition(" ")
    if full and last.isupper() and 2 <= len(last) <= 6 and (
            last in _acronyms(full) or ((known := lexicon.lookup(full)) is not None and known == lexicon.lookup(last))):
        return last  # "Международная федерация футбола ФИФА": the full name, then its abbreviation
    first, _, rest = m.normal.partition(" ")
    if rest and (first in _KIND_ABBREVIATIONS or first in lexicon.cased_word_list("legal_forms.txt")) \
            and rest[:1].isupper() and " " not in rest.strip():
        return rest.strip("«»\"„“” ")
    return ""


def _same_sound(a: str, b: str) -> bool:
    """Whether a Latin and a Cyrillic name sound alike: by the transliteration skeleton ("Kazakhstan"
    = "Казахстан"), or by the gazetteer's coarser consonant key, which knows English spellings
    ("Forbes" = "Форбс", "The Guardian" = "Гардиан", "Ryanair" = "Райнэйр"); the English article
    is left out."""
    a, b = (re.sub(r"^(?:The|the)\s+", "", x) for x in (a, b))
    ka, kb = skeleton(a), skeleton(b)
    if len(ka) >= 4 and ka == kb:
        return True
    # a German or Dutch "v" said as "ф" ("Volkswagen" = "Фольксваген"), in longer names only
    if len(ka) >= 6 and ka.replace("v", "f") == kb.replace("v", "f"):
        return True
    sa = gazetteer.sound_key(a)
    return bool(sa) and sa == gazetteer.sound_key(b) and (len(sa) >= 4 or (" " not in a and " " not in b))
