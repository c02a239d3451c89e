"""Entities: model spans repaired and normalised, then grouped into one entity per real-world thing.

Bare NER makes predictable mistakes on news; each repair below fixes a class of them, not a
single example: glued typos read as names ("Онтакже"), place names cut after their generic
word ("площадь Революции"), names cut inside quotes ("РИА "Новости"), known unions typed as
places ("ЕС"), abbreviations in brackets glued to the full name. Which mentions are one entity
is decided in :mod:`svodka.stages.entity_groups`; this module names each group and builds the
record's entities.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from svodka import gazetteer, lexicon, models
from svodka.analysis import Analysis, NerSpan, Token
from svodka.names import UD_CASE, key, normal_form, transliterate
from svodka.record import Entity, Mention
from svodka.stages.entity_groups import (
    _CYRILLIC,
    _dictionary_surname,
    _first_name,
    _gazetteer_key,
    _group,
    _is_adjective,
    _is_patronymic,
    _lemma,
    _Mention,
    _nominative_pair,
    _person_words,
    _stem,
    _words,
    body_of_place_en,
)

_QUOTE_PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"'}
_CLOSERS = set(_QUOTE_PAIRS.values())
#: A list's bullets between names ("• Палестина • Парагвай"): no name holds one (a wiki link's "|" and ";" are
#: handled apart, see :func:`_semicolon_pieces`).
_BULLETS = "•·▪●◦‣∙"
_STRIP = " \t\n\u00a0\u2009\u202f.,;:!?()[]{}—–-#@/\\|*'" + _BULLETS
_BULLET = re.compile(f"[{_BULLETS}]")
_PIECE_SEPARATOR = re.compile(r"[;|]")
_HTML_ENTITY = re.compile(r"&#?\w+;")  # "Johnson &amp; Johnson" left escaped by a page
_EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)\W*$")
#: Initials written before a surname ("В.В. Путин", "Б.Обама", "Дж. Коми").
_INITIALS = re.compile(r"(?:\b[A-ZА-ЯЁ][a-zа-яё]?\.\s?){1,2}$")
_ABBREV = re.compile(r"^(?P<main>.+?)\s*\((?P<abbr>[A-ZА-ЯЁ][A-ZА-ЯЁа-яёa-z0-9\-]{1,9})\)$")
#: A Russian name followed by its original spelling in brackets: "Сумана Сакко (Soumana Sacko)",
#: "Ма Лин (马凌)". The brackets hold another name of the same entity, not part of this one.
_ORIGINAL = re.compile(
    r"^(?P<main>[^()]*[^\W\d_][^()]*?)\s*\((?P<alt>[^()]*[^\W\d_][^()]*(?:\([^()]*\)[^()]*)?)\)?$")
#: An abbreviation: capitals, maybe two words ("РПЦ МП", "KCL").
_ABBREVIATION = re.compile(r"[A-ZА-ЯЁ0-9][A-ZА-ЯЁ0-9\-&]{1,9}(?:\s[A-ZА-ЯЁ]{1,4})?")
#: Short function words that a missing space glues to the next word ("Онтакже" = "Он также").
_GLUE_PREFIXES = (
    "он", "она", "оно", "они", "мы", "вы", "я", "ты", "это", "так", "как", "но", "и", "а", "что",
    "же", "не", "на", "в", "с", "по", "за", "из", "от", "до", "при", "для", "уже", "тоже", "также",
)
_TYPE_PRIORITY = {"PER": 0, "ORG": 1, "LOC": 2}
#: How often a name must have been seen with one type before it overrides the model's type.
TYPE_REPAIR_MIN_COUNT = 2
#: How often a name must have been seen as an entity before it is found without the model.
RECOVER_MIN_COUNT = 2


def _closing_quote(text: str, pos: int, opener: str, limit: int = 60) -> int:
    """Offset just after the quote that closes ``opener`` at or after ``pos`` on the same line."""
    closer = _QUOTE_PAIRS[opener]
    for i in range(pos, min(len(text), pos + limit)):
        if text[i] == "\n":
            return -1
        if text[i] == closer:
            return i + 1
    return -1


def _repair_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span that opens a quote without closing it ("РИА "Новости" -> "РИА "Новости"")."""
    span = text[start:end]
    for opener in _QUOTE_PAIRS:
        closer = _QUOTE_PAIRS[opener]
        opens = span.count(opener) if opener != closer else span.count(opener) % 2
        closes = span.count(closer) if opener != closer else 0
        if opens > closes:
            at = _closing_quote(text, end, opener)
            if at > 0:
                return start, at
            cut = span.rfind(opener)
            return (start, start + cut) if cut > 0 else (start + cut + 1, end)
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip punctuation around a span, keeping closing quotes whose opener is inside; an empty
    pair of brackets at the end goes too ("Пак Кын Хе ()", where a page dropped the original
    spelling)."""
    empty = _EMPTY_BRACKETS.search(text[start:end])
    if empty and empty.start() > 0:
        end = start + empty.start()
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP and not (text[end - 1] == ")" and "(" in text[start:end]):
        end -= 1
    while end > start and text[end - 1] in _CLOSERS and not any(
        o in text[start:end - 1] for o, c in _QUOTE_PAIRS.items() if c == text[end - 1]
    ):
        end -= 1
    while start < end and text[start] in _QUOTE_PAIRS and _QUOTE_PAIRS[text[start]] not in text[start + 1:end]:
        start += 1
    return start, end


def _trim_english(text: str, start: int, end: int, etype: str) -> tuple[int, int]:
    """An English mention without a leading lower-case "the" and, for people and places, without
    the possessive ("the United Kingdom's" -> "United Kingdom"; "The Hague", "McDonald's" stay)."""
    lead = re.match(r"the\s+", text[start:end])
    if lead and end - start > lead.end():
        start += lead.end()
    if etype in ("PER", "LOC"):
        poss = re.search(r"\s?['’]s?$", text[start:end])
        if poss and poss.start() > 0:
            end = start + poss.start()
    return start, end


def _big_city(name: str) -> bool:
    """A name of two words or more that the gazetteer knows as a city of 100,000 people or more."""
    if len(name.split()) < 2:
        return False
    return any(p.kind == "city" and p.population >= 100_000 for p in gazetteer.gazetteer().candidates(name))


def _gazetteer_place(name: str, smallest_town: int | None) -> bool:
    """Whether the gazetteer knows ``name`` as a country, a region or (unless ``smallest_town`` is
    None) a town of at least that many people."""
    return any(c.kind in ("country", "region")
               or (smallest_town is not None and c.kind == "city" and c.population >= smallest_town)
               for c in gazetteer.gazetteer().candidates(name))


#: Words before the stops of a route written with hyphens ("рейсы Киев-Берлин", "по маршруту Казань-Болгар-Казань").
_ROUTE_WORDS = frozenset({"рейс", "маршрут", "поезд", "перелёт", "перелет", "направление", "паром", "автобус"})


def _facility(a: Analysis, start: int, end: int, etype: str) -> bool:
    """A named building or ground ("Боткинской больнице", "стадионе «Лужники»"): its kind word heads
    the name (the first word that is not an adjective; a street's too: "Манежной площади") or stands
    right before it in lower case. It is where something happens, so the map and event locations
    need it as a place. A name the model read as a place and the gazetteer knows stays that place:
    "космодрома Байконур" is on the map at the town."""
    terms = lexicon.word_list("facility_terms.txt")
    tokens = _tokens(a, start, end)
    kind = _kind_word_before(a, start)
    if kind is not None and _lemma(kind[0]) in terms and tokens \
            and (not kind[1] or tokens[0].feats.get("Case") != "Gen") \
            and (etype == "ORG" or not _known_place(a.text[start:end])):
        return True  # not "больницу Королевского колледжа", the college's hospital
    head = next((t for t in tokens if t.pos != "ADJ"), None)
    return head is not None and head.pos == "NOUN" and (
        _lemma(head.text) in terms or _lemma(head.text) in lexicon.word_list("site_terms.txt"))


def _known_place(name: str) -> bool:
    """Whether the gazetteer knows the name, as written or (one word) in its nominative ("Бургаса")."""
    if _gazetteer_place(name, 0):
        return True
    return " " not in name and any(_gazetteer_place(_cased_like(name, p.normal_form), 0)
                                   for p in models.morph().parse(name.lower()) if "Geox" in p.tag)


def _quoted_work(a: Analysis, start: int) -> bool:
    """A quoted title after the kind of work it names ("фильм «Цирк»", "премии «Эмми»"): a work,
    award, product or act, none of the entity types."""
    if start == 0 or a.text[start - 1] not in _QUOTE_PAIRS:  # an opening quote sits on the name
        return False
    kind = _kind_word_before(a, start)
    return kind is not None and _lemma(kind[0]) in lexicon.word_list("work_terms.txt")


#: Quoted names listed before a name, walked back over to find the kind word of the list.
_QUOTED_BEFORE = re.compile(r"(?:[«\"„“][^«»\"„“”\n]{1,80}[»\"“”](?:\s*\(\d{4}\))?\s*(?:,|\bи|\bили)?\s*)$")
_LIST_OPENING = re.compile(r"(?:,\s*(?:как|в том числе|например)|,\s*среди (?:них|которых)|:)\s*$")
#: "г." or "город" right before a name (not the "г." of a year: "в 2005 г. Иванов").
_TOWN_WORD_BEFORE = re.compile(r"(?:(?<![\w.])(?<!\d\s)г\.|(?<![\w-])город(?:а|е|у|ом)?)\s*$")
_LAST_WORD = re.compile(r"((?:[^\W\d_]+-)*[^\W\d_]+)[\s\u00a0]*$")  # "онлайн-кинотеатр" whole


def _kind_word_before(a: Analysis, start: int) -> tuple[str, bool] | None:
    """The lower-case word before a name, over its opening quote and over the quoted names listed
    before it ("в кинотеатрах «Звезда», «Космос» и «Юность»": "кинотеатрах" for each; "картины,
    как «Цирк», «Новые времена»": "картины"; "больниц: «Ребекка Зив»"), with whether it stands
    right before the name."""
    before = a.text[max(0, start - 400):start]
    line = before.rsplit("\n", 1)[-1]
    rest = line.rstrip(" \u00a0")
    rest = rest[:-1] if rest[-1:] in _QUOTE_PAIRS else rest
    adjacent = True
    # (only the tail is searched: a quoted name is at most 80 characters, a kind word far shorter; a fast
    # path, since this runs for every organisation and place the model finds)
    while (m := _QUOTED_BEFORE.search(rest, max(0, len(rest) - 120))
           or _LIST_OPENING.search(rest, max(0, len(rest) - 40))):
        rest, adjacent = rest[:m.start()], False
    word = _LAST_WORD.search(rest, max(0, len(rest) - 80))
    if word is None or not word[1][:1].islower():
        return None
    return word[1], adjacent


def _places_in_a_row(surface: str, prev: Token | None) -> list[tuple[int, int]]:
    """The places of a span that lists two to four of them, as offsets into ``surface``, else []:
    capitalised Cyrillic words, each a country, a region or a town of 50,000 people ("Хабаровск
    Владивосток"), or, after a word for a route (``prev``), its stops joined by hyphens, each a place of
    5,000 people ("рейсы Киев-Берлин", "по маршруту Казань-Болгар-Казань"; an airport "Кельн-Бонн" or a
    road "трасса Исламабад-Равалпинди" is one name), that the gazetteer does not know together (not
    "Нижний Новгород", "Ростов-на-Дону", "Sutherland Springs")."""
    route = " " not in surface.strip()
    if route and (prev is None or _lemma(prev.text).lower() not in _ROUTE_WORDS):
        return []
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^\s-]+" if route else r"\S+", surface)]
    if route:  # a stop may itself be hyphenated: "Кокчетав-Алма-Ата"
        stops, k = [], 0
        while k < len(pieces):
            n = next(n for n in (3, 2, 1) if k + n <= len(pieces) and (
                n == 1 or _gazetteer_place(surface[pieces[k][0]:pieces[k + n - 1][1]], 5_000)))
            stops.append((pieces[k][0], pieces[k + n - 1][1]))
            k += n
        pieces = stops
    words = [surface[a:b] for a, b in pieces]
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w.replace("-", "").isalpha() and _CYRILLIC.search(w)
                                           and len(w) >= 3 for w in words):
        return []
    if gazetteer.gazetteer().candidates(surface) or lexicon.lookup(surface) is not None:
        return []
    return pieces if all(_gazetteer_place(w, 5_000 if route else 50_000) for w in words) else []


def _place_not_name(word: str, case: str = "") -> bool:
    """A one-word name the gazetteer knows as a country, a region or (when the dictionary calls it a
    place) a town, and that the dictionary does not know as a first name, surname or patronymic in
    the case the tagger reads (``case``, UD: "Муром посетят" is not the instrumental of "Мур"). A
    town also known as a surname in some case needs 100,000 people ("Болтон" is also John Bolton)."""
    parses = models.morph().parse(word.lower())
    if not parses:
        return False
    want = UD_CASE.get(case)
    named = [p for p in parses if p.is_known and p.score >= 0.1 and {"Name", "Surn", "Patr"} & set(p.tag.grammemes)]
    if named and (want is None or any(want in p.tag or (want == "accs" and "gent" in p.tag) for p in named)):
        return False
    # a town also needs the dictionary's word that it is a place name: foreign surnames are rarely
    # in the dictionary
    geox = any(p.is_known and "Geox" in p.tag for p in parses)
    lemma = next((p.normal_form for p in parses if "Geox" in p.tag), parses[0].normal_form)
    smallest = (100_000 if named else 10_000) if geox else None
    return any(_gazetteer_place(form, smallest) for form in {word, lemma[:1].upper() + lemma[1:]})


def _case_at(a: Analysis, start: int) -> str:
    """The tagger's case (UD) of the token starting at ``start``, else ""."""
    i, _ = a.token_range(start, start)
    return a.tokens[i].feats.get("Case", "") if i < len(a.tokens) and a.tokens[i].start == start else ""


def _is_glued_typo(word: str) -> bool:
    """True for words like "Онтакже": not a name, but a function word glued to a known word."""
    if len(word) < 5 or not word[1:].islower() or " " in word or "-" in word:
        return False
    morph = models.morph()
    if any(p.is_known and any(t in p.tag for t in ("Name", "Surn", "Patr", "Geox", "Orgn")) for p in morph.parse(word)):
        return False
    low = word.lower()
    for prefix in _GLUE_PREFIXES:
        rest = low[len(prefix):]
        if low.startswith(prefix) and len(rest) >= 3 and morph.word_is_known(rest) and morph.word_is_known(prefix):
            return True
    return False


def _tokens(a: Analysis, start: int, end: int) -> list[Token]:
    i, j = a.token_range(start, end)
    return [t for t in a.tokens[i:j] if t.end <= end]


def _preceding_token(a: Analysis, start: int) -> Token | None:
    i, _ = a.token_range(start, start)
    if i == 0:
        return None
    tok = a.tokens[i - 1]
    between = a.text[tok.end:start]
    return tok if between.strip(" «\"„“") == "" and "\n" not in between else None


def _first_name_before(a: Analysis, start: int) -> int:
    """The start of a person's name that the model began one word late ("Мейв Кеннеди" read as
    "Кеннеди"): a capitalised word right before a one-word name joins it when it is a first name,
    or when it opens the sentence and the dictionary does not know it at all (a foreign first
    name). Not inside a sentence: "адвокат Биби Малук" is Bibi's lawyer."""
    i, j = a.token_range(start, start)
    if i == 0 or j >= len(a.tokens) or (j + 1 < len(a.tokens) and a.tokens[j + 1].text[:1].isupper()
                                        and a.tokens[j + 1].sent == a.tokens[j].sent):
        return start
    prev = a.tokens[i - 1]
    word = prev.text
    if a.text[prev.end:start] != " " or not word[:1].isupper() or word.isupper() or not word.isalpha() \
            or len(word) < 3 or prev.lang == "en" or not _CYRILLIC.search(word):
        return start
    parses = models.morph().parse(word)
    opens = i - 1 == 0 or a.tokens[i - 2].sent != prev.sent or "\n" in a.text[a.tokens[i - 2].end:prev.start]
    if any("Name" in p.tag for p in parses[:2]) or (opens and not any(p.is_known for p in parses)):
        return prev.start
    return start


def _gender(a: Analysis, m: _Mention) -> str:
    """What the text says about a person's gender, for telling namesakes apart ("Варвара Визбор"
    and her grandfather "Визбор", "Мехрибан" and "Ильхам Алиев"): a dictionary first name; else
    the form of the surname ("Алиевой" is a woman's, "Алиевым" or the declined "Визбора" a man's),
    or the past-tense verb after the name ("Визбор подарил", "Назарбаева год работала")."""
    words = _person_words(m.normal)
    if len(words) >= 2:
        gender = _name_gender(words[0])
        if gender or _first_name(words[0]):
            return gender
    if not words or len(m.tokens) > 3:
        return ""
    last = m.tokens[-1].text
    if _FEMININE_SURNAME.search(last) and not _first_name(last):
        return "femn"  # "Алиевой", "Липницкой" (a man's "Толстой" has no -ов-/-ин- before it)
    if _MASCULINE_SURNAME.search(last) and not _first_name(last):
        return "masc"  # "Алиевым", "Завьяловым", "Липницкого"
    surface, normal = a.text[m.start:m.end], m.normal
    if len(m.tokens) == 1 and surface == normal and re.search(r"[а-яё](?:ов|ев|ёв)$", surface) \
            and not _first_name(surface):
        return "masc"  # "Назарбаев" in the nominative: a woman is "Назарбаева" (not -ин: "Остин")
    if len(m.tokens) == 1 and re.search(r"(?:ов|ев|ёв|ин|ын)а$", surface):
        verb = _verb_gender(a, m)  # "Назарбаева год работала": a woman's name, not a man's genitive
        if verb:
            return verb
    if len(m.tokens) == 1 and normal and normal[-1].lower() not in "аеёиоуыэюяьй" and surface != normal \
            and surface.startswith(normal) and surface[len(normal):] in ("а", "у", "ом", "е") \
            and not (surface[len(normal):] == "а" and re.search(r"(?:ов|ев|ёв|ин|ын)$", normal)
                     and m.tokens[0].feats.get("Case") == "Nom"):
        return "masc"  # "Визбора"; not "Попова" in the nominative, which is a woman's name
    return _verb_gender(a, m)


#: Surname endings only a woman's (oblique) or only a man's form has.
_FEMININE_SURNAME = re.compile(r"(?:[оеё]в|[иы]н)ой$|(?:[сц]к|ев|ов)ая$")
_MASCULINE_SURNAME = re.compile(r"(?:[оеё]в|[иы]н)ым$|[сц]к(?:ого|ому|им)$")


def _verb_gender(a: Analysis, m: _Mention) -> str:
    """The gender of a past-tense verb right after a name in the nominative; an adverb, a particle
    or a noun in another case may come between ("Назарбаева год работала", "Пётр не признал")."""
    _, j = a.token_range(m.start, m.end)
    sent = m.tokens[0].sent
    for k in range(j, min(j + 3, len(a.tokens))):
        tok = a.tokens[k]
        if tok.sent != sent:
            return ""
        if tok.pos in ("VERB", "AUX") and tok.feats.get("Tense") == "Past":
            gender = {"Masc": "masc", "Fem": "femn"}.get(tok.feats.get("Gender", ""), "")
            # the name must be the subject: tagged nominative, or a surname that has a nominative
            # of that gender ("Назарбаева" tagged genitive before "работала"; not "Визбора")
            if len(m.tokens) == 1 and m.tokens[0].feats.get("Case", "Nom") != "Nom" \
                    and not _nominative_surname(m.tokens[0].text, gender):
                return ""
            # not a noun the name depends on: "партия Путина едва смогла"
            prev = _preceding_token(a, m.start)
            if prev is not None and prev.sent == sent and prev.pos in ("NOUN", "PROPN", "PRON") \
                    and prev.feats.get("Gender", "")[:1].lower() == gender[:1] and m.tokens[0].text[:1].isupper() \
                    and prev.feats.get("Case", "Nom") == "Nom" and not prev.text[:1].isupper():
                return ""
            return gender
        if k == j and tok.pos in ("VERB", "AUX"):
            return ""
        if not (tok.pos in ("ADV", "PART") or (tok.pos in ("NOUN", "NUM") and tok.feats.get("Case", "Nom") != "Nom")):
            return ""
    return ""


@functools.lru_cache(maxsize=65536)
def _nominative_surname(word: str, gender: str) -> bool:
    """Whether the dictionary reads ``word`` as a surname in the nominative of ``gender``."""
    return bool(gender) and any("Surn" in p.tag and "nomn" in p.tag and p.tag.gender == gender
                                for p in models.morph().parse(word.lower()))


@functools.lru_cache(maxsize=65536)
def _name_gender(word: str) -> str:
    """The gender of a dictionary first name when all its readings as a name agree and it is read
    as a first name more than as a surname ("Роман"; not "Мишель", which is both, nor "Ким")."""
    parses = [p for p in models.morph().parse(word.lower()) if p.is_known and "nomn" in p.tag]
    names = [p for p in parses if "Name" in p.tag and "sing" in p.tag]
    genders = {str(p.tag.gender) for p in names}
    if len(genders) != 1 or not genders <= {"masc", "femn"}:
        return ""
    if sum(p.score for p in names) <= sum(p.score for p in parses if "Surn" in p.tag):
        return ""
    return genders.pop()


def _is_title_word(word: str) -> bool:
    """A common noun that precedes a name without being part of it ("Император", "Принц", "Мадам")."""
    low = word.lower().rsplit("-", 1)[-1]
    if not word[:1].isupper() or len(low) < 3 or word.isupper():
        return False
    parses = models.morph().parse(low)
    if any(t in p.tag for p in parses for t in ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")):
        return False
    # A title names a person ("Император" is animate); "Мин" of "Мин Си" is only a form of "мина".
    return any(p.is_known and p.tag.POS == "NOUN" and "anim" in p.tag and p.score >= 0.2 for p in parses)


def _strip_legal_form(text: str, start: int, end: int) -> tuple[int, int]:
    """Start of a company name after its legal form and opening quote ("ООО УК «Металлоинвест»")."""
    forms = lexicon.cased_word_list("legal_forms.txt")
    pos = start
    while True:
        match = re.match(r"(\S+)\s+", text[pos:end])
        if not match or match.group(1) not in forms:
            break
        pos += match.end()
    if pos == start:
        return start, end
    rest = text[pos:end]
    if rest[:1] in _QUOTE_PAIRS and rest.endswith(_QUOTE_PAIRS[rest[0]]) and len(rest) > 2:
        return pos + 1, end - 1
    return (pos, end) if rest[:1].isupper() else (start, end)


def _extend_complement(a: Analysis, m: _Mention) -> None:
    """Take in the "по ..." complement of an institution's name ("Европейский суд по правам человека"):
    "по", then adjectives and a noun in the dative, then up to two genitive nouns with their adjectives."""
    if m.type != "ORG" or not m.tokens or m.lang == "en":
        return
    if _lemma(m.tokens[-1].text) not in lexicon.word_list("org_heads.txt"):
        return
    i, _ = a.token_range(m.end, m.end)
    toks = a.tokens
    if i >= len(toks) or toks[i].text != "по" or toks[i].sent != m.tokens[-1].sent:
        return
    j = i + 1
    while j < len(toks) and toks[j].pos == "ADJ" and toks[j].feats.get("Case") == "Dat":
        j += 1
    if j >= len(toks) or toks[j].pos != "NOUN" or toks[j].feats.get("Case") != "Dat" or not toks[j].text.islower():
        return
    j += 1
    for _ in range(2):
        k = j
        while k < len(toks) and toks[k].pos == "ADJ" and toks[k].feats.get("Case") == "Gen":
            k += 1
        if k < len(toks) and toks[k].pos in ("NOUN", "PROPN") and toks[k].feats.get("Case") == "Gen":
            j = k + 1
        else:
            break
    if toks[j - 1].sent != m.tokens[-1].sent:
        return
    m.end = toks[j - 1].end
    m.tokens = m.tokens + toks[i:j]


def _from_span(a: Analysis, span: NerSpan) -> list[_Mention]:
    text = a.text
    start, end = span.start, span.end
    # A name never runs over a line break: keep the first line ("Кронпринц Нарухито\nВерхняя").
    if "\n" in text[start:end].strip():
        line = text[start:end].strip()
        start = start + text[start:end].index(line)
        end = start + line.index("\n")
    start, end = _repair_quotes(text, start, end)
    start, end = _trim(text, start, end)
    if span.type == "ORG":
        start, end = _strip_legal_form(text, start, end)
    if span.type == "PER" and span.lang != "en":
        toks = _tokens(a, start, end)
        if len(toks) >= 2 and _is_title_word(toks[0].text) and len(toks[1].text) > 2:  # not "Пан Ги Мун"
            start = toks[1].start
        elif len(toks) >= 2 and toks[1].text[:1].isupper() and _plain_verb(toks[0].text):
            start = toks[1].start  # "Отрешить Соловьева Александра Васильевича", "игру Есть Марко Ройс"
        elif len(toks) >= 2 and toks[1].text[:1].isupper() and _opens_sentence(a, toks[0]) \
                and (_plain_adjective(toks[0].text) or ((len(toks) >= 3 or toks[1].feats.get("Case") == "Gen")
                                                        and _common_noun(toks[0].text))):
            start = toks[1].start  # "Семидесятилетний Караджич", "Усы Сальвадора Дали" opening a sentence
        initials = _INITIALS.search(text, max(0, start - 8), start)
        start = initials.start() if initials and "\n" not in initials.group() else _first_name_before(a, start)
        if text[end:end + 1] == "." and re.search(r"(?:^|[\s.])[А-ЯЁ]$", text[start:end]) \
                and re.search(r"[А-ЯЁа-яё]{3}", text[start:end]):
            end += 1  # the point of a last initial is part of the name: "Михальчука И. Ф.", "Арсланов А.Г."
            # (Cyrillic only: "Харальд V." ends a sentence; not bare initials, "– В.Л.)" signing a note)
    if span.lang == "en":
        start, end = _trim_english(text, start, end, span.type)
    if end <= start or not any(ch.isalpha() for ch in text[start:end]):
        return []
    etype, subtype = span.type, ""
    if span.lang == "en" and etype == "PER" and _big_city(text[start:end]):
        etype = "LOC"  # the small English model reads "Nizhny Novgorod" as a person
    elif etype == "PER" and span.lang != "en" and " " not in text[start:end].strip() \
            and _place_not_name(text[start:end], _case_at(a, start)):
        etype = "LOC"  # "в Калуге", "полиция Бакингемшира" read as a person
    elif etype == "PER" and span.lang != "en" and " " not in text[start:end].strip() \
            and _TOWN_WORD_BEFORE.search(text, max(0, start - 12), start):
        etype = "LOC"  # "в г.Андауйаласа", "из города Мескит": the word before says it is a town
    prev = _preceding_token(a, start)
    if prev is not None and prev.text[:1].islower() and _lemma(prev.text) in lexicon.word_list("site_terms.txt"):
        start, etype, subtype = prev.start, "LOC", "site"
    elif prev is not None and etype == "ORG" and _lemma(prev.text) in lexicon.word_list("media_cues.txt"):
        subtype = "media"
    elif etype in ("ORG", "LOC") and span.lang != "en" and _facility(a, start, end, etype):
        etype, subtype = "LOC", "site"
    tokens = _tokens(a, start, end)
    if not tokens:
        return []
    surface = text[start:end]
    if key(surface) in lexicon.not_entities() or _quoted_work(a, start):
        return []
    if etype == "PER" and len(tokens) == 1 and span.lang != "en" and (
            _is_glued_typo(surface)
            or (_opens_sentence(a, tokens[0]) and (_function_word(surface) or _plain_adjective(surface)))):
        # "Онтакже"; a sentence opening "По неподтверждённой информации", "Румынский мужчина удивил"
        # (inside a sentence "По" may be Edgar Poe)
        return []
    glued = _place_glued_to_name(a, etype, tokens, prev) if span.lang != "en" and len(tokens) >= 2 else 0
    if glued:  # "президент Сальвадора Франсиско Флорес", "в районе Статен-Айленд Фрэнки получил"
        place, name = tokens[:glued], tokens[glued:]
        return [_Mention(place[0].start, place[-1].end, "LOC", span.lang, place),
                _Mention(name[0].start, name[-1].end, "PER", span.lang, name)]
    if etype == "ORG" and span.lang != "en" and _role_phrase(a, tokens):
        return []  # "Решением мэра (Москвы)": an act and a person's role, no organisation's name
    if etype in ("PER", "LOC") and len(tokens) == 1 and span.lang != "en" and _common_noun_opening(a, tokens[0]):
        return []  # "Адвокат христианки ...", "Забастовка затронет ..."
    if etype == "PER" and span.lang != "en" and prev is not None and prev.text.lower() in ("имени", "им"):
        return []  # "полк имени Ахмата Кадырова" names a unit, not a person taking part
    if etype == "PER" and span.lang != "en" and len(tokens) == 4 and "\n" not in surface \
            and all(t.text.isalpha() and t.text[:1].isupper() for t in tokens) \
            and _first_name(tokens[0].text) and _first_name(tokens[2].text) \
            and not _first_name(tokens[1].text) and not _first_name(tokens[3].text):
        # two people in a row, as in a photo caption: "Рафаэль Корреа Эдвард Сноуден"
        return [_Mention(tokens[0].start, tokens[1].end, etype, span.lang, tokens[:2], subtype=subtype),
                _Mention(tokens[2].start, tokens[3].end, etype, span.lang, tokens[2:], subtype=subtype)]
    if _BULLET.search(surface):  # "Палестина • Парагвай": items of a bulleted list, one mention each
        return _semicolon_pieces(a, start, end, etype, span.lang, subtype, _BULLET)
    if (";" in surface or "|" in surface) and "(" not in surface and not _HTML_ENTITY.search(surface):
        return _semicolon_pieces(a, start, end, etype, span.lang, subtype)
    listed = _places_in_a_row(surface, _preceding_token(a, start)) if etype == "LOC" and span.lang != "en" else []
    if listed:
        # "Дорогие Новосибирск Хабаровск Владивосток", "рейсы Киев-Берлин": one mention each
        # (a stop inside one hyphenated token gets a token of its own, in the nominative it is written in)
        return [_Mention(start + p, start + q, etype, span.lang, _tokens(a, start + p, start + q) if " " in surface
                         else [Token(start + p, start + q, surface[p:q], span.lang, "PROPN", {"Case": "Nom"},
                                     tokens[0].sent)])
                for p, q in listed]
    match = _ABBREV.match(surface)
    if match:  # "Организации Договора ... (ОДКБ)": the full name and its abbreviation
        main_end = start + match.end("main")
        abbr_start = start + match.start("abbr")
        first = _Mention(start, main_end, etype, span.lang, _tokens(a, start, main_end), subtype=subtype)
        second = _Mention(abbr_start, abbr_start + len(match["abbr"]), etype, span.lang,
                          _tokens(a, abbr_start, abbr_start + len(match["abbr"])), subtype=subtype)
        if not _other_abbreviation(match["main"], match["abbr"], prev):
            first.forced_with.append(second)
        else:  # "США (FDA)": the body the model cut before "США", which :func:`_join_bracketed` may join
            known = lexicon.lookup(match["abbr"])
            second.type, second.subtype = (known.type, known.subtype) if known else ("ORG", "")
        return [first, second]
    match = _ORIGINAL.match(surface)
    if match and _tokens(a, start, start + match.end("main")):
        return _bracketed(a, start, match, etype, span.lang, subtype)
    return [_Mention(start, end, etype, span.lang, tokens, subtype=subtype)]


def _semicolon_pieces(a: Analysis, start: int, end: int, etype: str, lang: str, subtype: str,
                      separator: re.Pattern[str] | None = None) -> list[_Mention]:
    """A model span over names separated by ";" ("Кэссиди Вулф; Cassidy Wolf", two spellings in one
    bracket) or by the "|" of a wiki link ("[[Чавес, Уго|Уго Чавеса]]"): no name holds either, so
    each piece is a mention, and a piece that is another name of the first
    (:func:`_alias_in_brackets`: another script, an abbreviation) is the same entity. With ``separator``
    (a list's bullets) the pieces are the list's items, never another name of each other."""
    text, pos = a.text, start
    out: list[_Mention] = []
    for piece in (separator or _PIECE_SEPARATOR).split(text[start:end]):
        p_start, p_end = _trim(text, pos, pos + len(piece))
        pos += len(piece) + 1
        toks = _tokens(a, p_start, p_end)
        if p_end > p_start and toks and text[p_start:p_start + 1].isupper():
            out.append(_Mention(p_start, p_end, etype, lang, toks, subtype=subtype))
    for other in out[1:] if separator is None else []:
        if _alias_in_brackets(text[out[0].start:out[0].end], text[other.start:other.end], etype):
            out[0].forced_with.append(other)
    return out


def _place_glued_to_name(a: Analysis, etype: str, tokens: list[Token], prev: Token | None) -> int:
    """How many leading tokens of a model span are a place glued to the person's name after it, else
    0: a country or region in the genitive after a role noun ("президент Сальвадора Франсиско Флорес",
    at least two name words, since "Сальвадора Дали" is a name), or a first name after a known place
    ("в районе Статен-Айленд Фрэнки получил"). Both are how the model reads two names in a row."""
    if etype == "PER" and len(tokens) >= 3 and prev is not None and prev.text.isalpha() and prev.text.islower() \
            and prev.pos == "NOUN" and tokens[0].text.isalpha() and tokens[1].text[:1].isupper():
        word = tokens[0].text
        lemmas = [p.normal_form for p in models.morph().parse(word.lower())
                  if p.is_known and "Geox" in p.tag and "gent" in p.tag]
        if not lemmas and word[-1:] in ("и", "ы"):  # a foreign country the dictionary lacks: "Тонги"
            lemmas = [word[:-1].lower() + "а", word[:-1].lower() + "я"]
        # a town only after a word that says so: "главы города Иванова Вячеслава Сверчкова"
        town = 1_000 if _lemma(prev.text) in ("город", "село", "посёлок", "поселок", "деревня", "столица") else None
        if any(_gazetteer_place(lemma[:1].upper() + lemma[1:], town) for lemma in lemmas[:2]):
            return 1
    if etype == "LOC" and tokens[-1].text.isalpha() and _first_name(tokens[-1].text) \
            and not any("Geox" in p.tag for p in models.morph().parse(tokens[-1].text.lower())):
        place = a.text[tokens[0].start:tokens[-2].end]
        nxt = a.tokens[a.token_range(tokens[-1].end, tokens[-1].end)[1]] \
            if a.token_range(tokens[-1].end, tokens[-1].end)[1] < len(a.tokens) else None
        if (nxt is None or not nxt.text[:1].isupper()) and _gazetteer_place(place, 100_000) \
                and not gazetteer.gazetteer().candidates(a.text[tokens[0].start:tokens[-1].end]):
            return len(tokens) - 1
    return 0


def _bracketed(a: Analysis, start: int, match: re.Match[str], etype: str, lang: str,
               subtype: str) -> list[_Mention]:
    """A name followed by names in brackets. Another spelling of it ("Сумана Сакко (Soumana Sacko)",
    "Ма Лин (马凌)") or, for an organisation, its abbreviation or full name ("RCA (Radio Corporation
    of America)", "(King’s College London, KCL)", "(Роскомнадзора)") is another mention of the same entity; anything
    else in brackets is a name of its own ("Хитли (Гецлаф)": scorer and assist; "архиепископ
    Лонгин Клинский (РПЦ МП)": his church)."""
    text = a.text
    main_end = start + match.end("main")
    main = match["main"]
    first = _Mention(start, main_end, etype, lang, _tokens(a, start, main_end), subtype=subtype)
    out = [first]
    pos = start + match.start("alt")
    for piece in re.split(r"([,;]\s+)", match["alt"]):
        alt_start, alt_end = _trim(text, pos, pos + len(piece))
        pos += len(piece)
        alt = text[alt_start:alt_end]
        alt_tokens = _tokens(a, alt_start, alt_end)
        if alt_end <= alt_start or not alt_tokens or alt[:1].islower() or not any(ch.isalpha() for ch in alt):
            continue
        mention = _Mention(alt_start, alt_end, etype, lang, alt_tokens, subtype=subtype)
        if _alias_in_brackets(main, alt, etype, _preceding_token(a, start)):
            first.forced_with.append(mention)
        else:
            known = lexicon.lookup(alt)
            if known is not None:
                mention.type, mention.subtype = known.type, known.subtype or ""
            elif _ABBREVIATION.fullmatch(alt):
                mention.type, mention.subtype = "ORG", ""  # "(РПЦ МП)" after a person
        out.append(mention)
    return out


def _alias_in_brackets(main: str, alt: str, etype: str, before: Token | None = None) -> bool:
    """Whether ``alt``, in brackets after ``main``, names the same entity: another script; for an
    organisation or place an abbreviation; for an organisation also a one-word name that is not a
    place ("(Роскомнадзора)"; "Цюрих (Швейцария)" names where, not what); for a person named in
    full, another name ("Фрэнк Кали (Фрэнки Бой)"), but not a second surname after a surname
    ("Хитли (Гецлаф)")."""
    if bool(_CYRILLIC.search(main)) != bool(_CYRILLIC.search(alt)):
        return True
    abbreviation = bool(_ABBREVIATION.fullmatch(alt) or _ABBREVIATION.fullmatch(main))
    known = lexicon.lookup(alt) or lexicon.lookup(_lemma(alt))
    if known is not None and known.type == "LOC":  # "Дюссельдорф (ФРГ)": where it is
        main_known = lexicon.lookup(main) or lexicon.lookup(_lemma(main))
        return main_known is not None and main_known.name == known.name
    if etype == "LOC":
        return abbreviation
    if etype == "ORG":
        if _other_abbreviation(main, alt, before):
            return False
        return abbreviation or " " not in alt.strip()
    return " " in main.strip() and not abbreviation


def _other_abbreviation(main: str, alt: str, before: Token | None) -> bool:
    """Whether ``alt`` abbreviates something other than ``main``, a known body's abbreviation after
    a lower-case genitive (``before``): "организации ООН (ФАО)", "медикаментов США (FDA)" abbreviate
    the longer name the model cut, not the body named last ("шпион ФСБ (КГБ)" is one body)."""
    if before is None or not before.text[:1].islower() or before.feats.get("Case") != "Gen":
        return False
    main_known = lexicon.lookup(main)
    if main_known is None or not _ABBREVIATION.fullmatch(main) or not _ABBREVIATION.fullmatch(alt):
        return False
    alt_known = lexicon.lookup(alt)
    return alt_known is None or alt_known.name != main_known.name


def _join_bracketed(a: Analysis, mentions: list[_Mention]) -> None:
    """Two mentions of one type as "X (Y)" or "X (Y, ...)": Y is another name of X when
    :func:`_alias_in_brackets` says so (the model often gives the two names as two spans)."""
    for m, n in itertools.pairwise(mentions):
        between = a.text[m.end:n.start]
        if m.type == n.type and re.fullmatch(r"\s?\(", between) \
                and a.text[n.end:n.end + 1] in (")", ",", ";") \
                and _alias_in_brackets(a.text[m.start:m.end], a.text[n.start:n.end], m.type,
                                       _preceding_token(a, m.start)):
            m.forced_with.append(n)
        elif m.type == n.type == "PER" and _NICKNAME.fullmatch(between):
            m.forced_with.append(n)  # "Фрэнк Кали по прозвищу Фрэнки Бой"


_NICKNAME = re.compile(r",?\s+(?:по\s+прозвищу|по\s+кличке|известн\w*\s+как|он\s+же|она\s+же)\s+[«\"„“(]?",
                       re.IGNORECASE)


def _recover(a: Analysis, mentions: list[_Mention]) -> list[_Mention]:
    """Add names the model missed that training data and gazetteers know as entities (1-3 capitalised
    tokens outside any mention, seen at least ``RECOVER_MIN_COUNT`` times with one type)."""
    names = lexicon.entity_names()
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in taken]
    found: list[_Mention] = []
    tokens = a.tokens
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.text[:1].isupper() or tok.lang == "en" or tok.lang not in ("ru", "uk", "be", "kk"):
            i += 1
            continue
        hit = 0
        for n in (3, 2, 1):
            j = i + n
            if j > len(tokens) or tokens[j - 1].sent != tok.sent:
                continue
            window = tokens[i:j]
            if not all(any(c.isalpha() for c in t.text) and t.text[:1].isupper() for t in window):
                continue
            surface = a.text[tok.start:tokens[j - 1].end]
            entry = names.get(key(surface))
            if entry is None or entry.count < RECOVER_MIN_COUNT or len(surface) < 3 or "\n" in surface:
                continue
            if entry.type == "PER" and n == 1:
                continue  # a first name or surname alone is too ambiguous without the model
            k = bisect.bisect_right(starts, tokens[j - 1].end) - 1
            if k >= 0 and taken[k][1] > tok.start:
                break  # overlaps a model mention
            found.append(_Mention(tok.start, tokens[j - 1].end, entry.type, tok.lang, list(tokens[i:j]),
                                  subtype=entry.subtype))
            hit = n
            break
        i += hit or 1
    if not found:
        return mentions
    return sorted(mentions + found, key=lambda m: m.start)


def _propagate(a: Analysis, mentions: list[_Mention]) -> list[_Mention]:
    """Find again, elsewhere in the document, the names the model found once: a surname of a
    full name ("Владимир Путин" ... "Путин подписал"), a one-word person, or the exact words of an
    organisation or place. One name keeps one reading within a story; the model misses repeats
    where their context is thin (a headline, a sentence start)."""
    surnames: dict[str, str] = {}  # stem -> type
    exact: dict[tuple[str, ...], _Mention] = {}
    for m in mentions:
        if m.lang == "en" or not m.tokens:
            continue
        words = [t.text for t in m.tokens]
        if m.type == "PER":
            last = words[-1]
            if last[:1].isupper() and len(last) >= 3 and _CYRILLIC.search(last) \
                    and (len(last) >= 4 or not _known_common_word(last)):  # "Мэй" of "Тереза Мэй"
                surnames[_stem(last)] = "PER"
            if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
                exact.setdefault(tuple(words), m)  # "Кшиштоф Пендерецкий" alone on a line
        elif len(words) <= 3 and all(w[:1].isupper() or not w.isalpha() for w in words):
            exact.setdefault(tuple(words), m)
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in taken]

    def free(start: int, end: int) -> bool:
        k = bisect.bisect_right(starts, end - 1) - 1
        return not (k >= 0 and taken[k][1] > start)

    found: list[_Mention] = []
    tokens = a.tokens
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not tok.text[:1].isupper() or tok.lang not in ("ru", "uk", "be", "kk"):
            i += 1
            continue
        hit = 0
        for n in (3, 2, 1):
            window = tokens[i:i + n]
            if len(window) < n or window[-1].sent != tok.sent:
                continue
            source = exact.get(tuple(t.text for t in window))
            if source is not None and free(tok.start, window[-1].end) \
                    and "\n" not in a.text[tok.start:window[-1].end]:
                found.append(_Mention(tok.start, window[-1].end, source.type, tok.lang, list(window),
                                      subtype=source.subtype))
                hit = n
                break
        if not hit and len(tok.text) >= 3 and _stem(tok.text) in surnames and free(tok.start, tok.end) \
                and not _after_imeni(a, i) \
                and not (i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper()
                         and a.text[tok.end:tokens[i + 1].start] in (" ", "\u00a0")) \
                and not _known_adjective(tok.text):
            start = tok.start
            initials = _INITIALS.search(a.text, max(0, start - 8), start)
            if initials and "\n" not in initials.group() and free(initials.start(), start):
                start = initials.start()  # "Б.Обама"
            found.append(_Mention(start, tok.end, "PER", tok.lang, _tokens(a, start, tok.end)))
            hit = 1
        if not hit and i > 0 and free(tok.start, tok.end) and _name_after_person_noun(a, i):
            found.append(_Mention(tok.start, tok.end, "PER", tok.lang, [tok]))  # "пророка Мухаммеда"
            hit = 1
        if not hit and free(tok.start, tok.end) and _known_place_word(a, i):
            found.append(_Mention(tok.start, tok.end, "LOC", tok.lang, [tok]))  # "«... на Алтае»"
            hit = 1
        i += hit or 1
    if not found:
        return mentions
    return sorted(mentions + found, key=lambda m: m.start)


def _split_glued_people(a: Analysis, mentions: list[_Mention]) -> list[_Mention]:
    """Two people the model read as one, as in a photo caption ("Эво Моралес Эдвард Сноуден") or
    a name after a name ("с премьером Шпидла Руснок заявил"): cut a person's name
    after a word when that word and the last word are the surnames of two other full names of the
    document, and no other name holds both ("Энрике Каприлес Радонски" keeps "Каприлес Радонски");
    a dictionary first name counts as such a surname only before a surname the dictionary does not
    know, in a name of two words, and when no other name of the document begins with it ("После
    свержения Маркоса Акино" beside "Фердинанда Маркоса" and "Корасон Акино"; not "Александра
    Жукова" beside "Аарон Александр" and "Дарья Жукова")."""
    people = [m for m in mentions if m.type == "PER" and m.lang != "en"]
    stems = {id(m): [_stem(t.text) for t in m.tokens] for m in people}
    surnames: dict[str, set[int]] = {}
    for m in people:
        if 2 <= len(m.tokens) <= 3 and not _is_patronymic(m.tokens[-1].text):
            surnames.setdefault(stems[id(m)][-1], set()).add(id(m))
    if len(surnames) < 2:
        return mentions
    out: list[_Mention] = []
    for m in mentions:
        toks, cut = m.tokens, 0
        if m.type == "PER" and m.lang != "en" and 2 <= len(toks) <= 4 and "\n" not in a.text[m.start:m.end] \
                and all(t.text[:1].isupper() and t.text.isalpha() for t in toks):
            own = stems[id(m)]
            for k in range(1, len(toks)):
                left, right = own[k - 1], own[-1]
                if left != right and surnames.get(left, set()) - {id(m)} and surnames.get(right, set()) - {id(m)} \
                        and (not _first_name(toks[k - 1].text)
                             or (len(toks) == 2 and not _dictionary_surname(toks[1].text)
                                 and sum(stems[id(o)][0] == left for o in people if len(o.tokens) >= 2) <= 1)) \
                        and not _is_patronymic(toks[k - 1].text) \
                        and not any(left in stems[id(o)] and right in stems[id(o)] for o in people if o is not m):
                    cut = k
                    break
        if not cut:
            out.append(m)
            continue
        for part in (toks[:cut], toks[cut:]):
            out.append(_Mention(part[0].start, part[-1].end, "PER", m.lang, list(part)))
    return out


def _join_conjoined_places(a: Analysis, mentions: list[_Mention]) -> list[_Mention]:
    """Two places joined by "и" that the gazetteer knows as one ("Тринидад и Тобаго", "Босния и
    Герцеговина", also declined: "Тринидада и Тобаго") are one mention: the model reads each half."""
    out: list[_Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.type == m.type == "LOC" and prev.lang == m.lang and m.lang != "en" \
                and a.text[prev.end:m.start] == " и " and len(prev.tokens) == 1 and len(m.tokens) == 1 \
                and _conjoined_place(prev.tokens[0].text, m.tokens[0].text):
            prev.end, prev.tokens = m.end, prev.tokens + m.tokens
            continue
        out.append(m)
    return out


_CONJOINED = re.compile(r"(\w[\w-]*) и (\w[\w-]*)")


@functools.lru_cache(maxsize=4096)
def _conjoined_place(first: str, second: str) -> str:
    """The gazetteer's name of the place "``first`` и ``second``", either word maybe declined
    ("Боснии и Герцеговине" -> "Босния и Герцеговина"), else ""."""
    nom1, nom2 = _place_nominative(first) or first, _place_nominative(second) or second
    for name in (f"{nom1} и {nom2}", f"{nom1} и {second}", f"{first} и {second}"):
        if lexicon.lookup(name) is not None or _gazetteer_key(name):
            return name
    return ""


def _merge_dependants(a: Analysis, mentions: list[_Mention]) -> list[_Mention]:
    """Join an organisation with the place or organisation in the genitive right after it: the
    name of the whole ("Верховный суд Пакистана", "Следственного комитета Армении", "мэрии Москвы"),
    as all three Russian gold sets write it."""
    out: list[_Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == "ORG" and m.type in ("LOC", "ORG") and m.tokens and prev.tokens
                and m.lang == prev.lang and m.lang != "en" and a.text[prev.end:m.start] in (" ", "\u00a0")
                and m.tokens[0].feats.get("Case") == "Gen" and m.tokens[0].sent == prev.tokens[-1].sent
                and not a.text[prev.start:prev.end].endswith(tuple(_CLOSERS))
                and not prev.forced_with and not m.forced_with):
            prev.end = m.end
            prev.tokens = prev.tokens + m.tokens
            continue
        # "Главное управление МВД по Москве": an office "по" a place is one name.
        if (prev is not None and prev.type == "ORG" and m.type == "LOC" and m.lang == prev.lang and m.tokens
                and prev.tokens and re.fullmatch(r"\s?по\s", a.text[prev.end:m.start])
                and m.tokens[0].feats.get("Case") == "Dat" and m.tokens[0].sent == prev.tokens[-1].sent
                and not prev.forced_with and not m.forced_with):
            prev.end = m.end
            prev.tokens = _tokens(a, prev.start, m.end)
            continue
        out.append(m)
    return out


def _normalise(a: Analysis, m: _Mention) -> None:
    surface = m.surface = a.text[m.start:m.end]
    if m.lang == "en":
        m.normal = re.sub(r"^(the|The)\s+", "", surface)
    else:
        sent = a.sentences[m.tokens[0].sent] if m.tokens and m.tokens[0].sent >= 0 else None
        context = a.tokens[sent.first_token:sent.last_token] if sent else []
        m.normal = normal_form(surface, m.tokens, m.start, m.type, context)
        if _LOOKALIKE.fullmatch(m.normal) and lexicon.lookup(m.normal.translate(_TO_CYRILLIC)):
            m.normal = m.normal.translate(_TO_CYRILLIC)  # "EC" typed in Latin letters in Russian text: "ЕС"
    if m.type == "LOC" and len(m.tokens) == 1 and m.lang != "en" and not surface.isupper() \
            and _CYRILLIC.search(surface) and not _gazetteer_key(m.normal):
        m.normal = _place_nominative(surface) or m.normal  # "Сараева" -> "Сараево", "Енисея" -> "Енисей"
    elif m.type == "LOC" and m.lang != "en" and (pair := _CONJOINED.fullmatch(surface)):
        m.normal = _conjoined_place(pair[1], pair[2]) or m.normal  # "Боснии и Герцеговине"
    m.known = lexicon.lookup(m.normal) or lexicon.lookup(surface)
    words = surface.split()
    if m.known is None and m.type != "PER" and len(words) == 2 and m.lang != "en" and _CYRILLIC.search(surface):
        m.known = lexicon.lookup(_nominative_pair(words[0], words[1]))  # "Соединённых Штатов"
    if m.known is not None:
        m.type = m.known.type
        m.subtype = m.subtype if m.subtype == "site" else m.known.subtype
    elif m.subtype != "site" and (m.type != "PER" or len(m.tokens) == 1):
        # A name seen often with one type in training data keeps that type ("Роскомнадзор" ORG).
        entry = lexicon.entity_names().get(key(surface))
        if entry is not None and entry.count >= TYPE_REPAIR_MIN_COUNT and entry.type != m.type:
            m.type = entry.type
        if entry is not None and entry.type == m.type and entry.subtype and not m.subtype:
            m.subtype = entry.subtype


@functools.lru_cache(maxsize=8192)
def _place_nominative(word: str) -> str:
    """The nominative of a one-word place name the tagger left oblique, else "": a place reading of
    the dictionary, or a town in -о declined like a noun ("Сараева", "Косова" -> "Сараево",
    "Косово"), whichever the gazetteer knows; else the dictionary's only place reading ("Енисея")."""
    parses = models.morph().parse(word.lower())
    geox = [p.normal_form for p in parses if p.is_known and "Geox" in p.tag]
    forms = [*geox]
    stem = re.sub(r"(?:ом|а|у|е)$", "", word)
    if stem != word and stem[-2:] in ("ев", "ов", "ин", "ын", "но", "ро", "ло"):
        forms.append(stem + "о")
    if word[-1:] in ("и", "ы") and len(word) >= 4:
        forms.append(word[:-1] + "а")  # a foreign country in -а the dictionary lacks: "Тонги" -> "Тонга"
    for form in forms:
        if _gazetteer_key(cased := _cased_like(word, form)):
            return cased
    if len(set(geox)) == 1 and all("Geox" in p.tag for p in parses if p.is_known) \
            and not any("nomn" in p.tag for p in parses if "Geox" in p.tag):
        return _cased_like(word, geox[0])
    return ""


def _cased_like(original: str, form: str) -> str:
    """``form`` with the capitals of ``original``, part by part across hyphens ("Ла-Манша" -> "Ла-Манш")."""
    parts_o, parts_f = original.split("-"), form.split("-")
    if len(parts_o) != len(parts_f):
        return original[:1] + form[1:]
    return "-".join(f[:1].upper() + f[1:] if o[:1].isupper() else f for o, f in zip(parts_o, parts_f, strict=True))


#: Latin capitals that look Cyrillic; an abbreviation of only these in Russian text is Cyrillic.
_LOOKALIKE = re.compile(r"[ABCEHKMOPTX]{2,6}")
_TO_CYRILLIC = str.maketrans("ABCEHKMOPTX", "АВСЕНКМОРТХ")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z\s.'’()&-]*")


@functools.lru_cache(maxsize=65536)
def _common_noun(word: str) -> bool:
    """A dictionary common noun for a thing first of all, never a name ("Усы", "Останки")."""
    parses = models.morph().parse(word.lower())
    return bool(parses) and parses[0].is_known and parses[0].tag.POS == "NOUN" and parses[0].score >= 0.5 \
        and "inan" in parses[0].tag \
        and not word.isupper() \
        and not any(t in p.tag for p in parses if p.score >= 0.2
                    for t in ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"))


_PLACE_PREPOSITIONS = frozenset({"в", "во", "из", "под", "около", "до", "через", "на", "близ", "возле", "над"})


def _surnames_read_as_places(a: Analysis, mentions: list[_Mention]) -> None:
    """A one-word place that is an oblique form of a surname the document gives a person ("Денис Мантуров"
    ... "По словам Мантурова", not the town Мантурово) is that person, unless a place preposition
    comes before it ("в Мантурове")."""
    stems = {_stem(words[-1]) for m in mentions if m.type == "PER"
             for words in [a.text[m.start:m.end].split()] if len(words) >= 2}
    if not stems:
        return
    for m in mentions:
        surface = a.text[m.start:m.end]
        if m.type != "LOC" or " " in surface or m.lang == "en" or not _CYRILLIC.search(surface) \
                or _stem(surface) not in stems or lexicon.lookup(surface) is not None:
            continue
        prev = _preceding_token(a, m.start)
        if prev is None or prev.text.lower() not in _PLACE_PREPOSITIONS:
            m.type, m.subtype = "PER", ""


def _role_phrase(a: Analysis, tokens: list[Token]) -> bool:
    """Lower-case words after a sentence's first word, ending in a person's role and with no
    institution noun among them: "Решением мэра", not "Администрация президента"."""
    if len(tokens) < 2 or not all(t.text[:1].islower() for t in tokens[1:]) or not _opens_sentence(a, tokens[0]):
        return False
    institutions = lexicon.word_list("government_terms.txt") | lexicon.word_list("org_heads.txt")
    lemmas = [_lemma(t.text).lower().replace("ё", "е") for t in tokens]
    return lemmas[-1] in lexicon.person_roles() and not any(w in institutions for w in lemmas)


def _opens_sentence(a: Analysis, tok: Token) -> bool:
    """Whether ``tok`` is the first word of a sentence or line."""
    i, _ = a.token_range(tok.start, tok.start)
    return i == 0 or a.tokens[i - 1].sent != tok.sent or "\n" in a.text[a.tokens[i - 1].end:tok.start]


def _common_noun_opening(a: Analysis, tok: Token) -> bool:
    """A sentence that opens with a common noun ("Адвокат христианки ...", "Забастовка затронет
    ...") does not open with a person's or place's name; a surname that is also a word ("Лебедь") is
    found again from its full name."""
    if not _opens_sentence(a, tok):
        return False
    parses = models.morph().parse(tok.text.lower())
    # (a word whose readings are all dictionary common words, whatever their odds: "Электрик",
    # "Заключённый")
    return bool(parses) and parses[0].is_known and not tok.text.isupper() \
        and ((parses[0].tag.POS == "NOUN" and parses[0].score >= 0.5)
             or (parses[0].tag.POS in ("NOUN", "PRTF") and all(p.is_known for p in parses))) \
        and not any(t in p.tag for p in parses for t in ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"))


def _after_imeni(a: Analysis, i: int) -> bool:
    """Whether token ``i`` belongs to the name after "имени"/"им." ("полк имени Ахмата Кадырова")."""
    for k in range(i - 1, max(-1, i - 5), -1):
        word = a.tokens[k].text
        if word.lower() in ("имени", "им"):
            return True
        if not (word[:1].isupper() or word == "."):
            return False
    return False


@functools.lru_cache(maxsize=8192)
def _function_word(word: str) -> bool:
    """A preposition, conjunction, particle, pronoun or adverb first of all ("По", "Ни", "Оно",
    "Сегодня")."""
    parses = models.morph().parse(word.lower())
    return bool(parses) and parses[0].is_known and parses[0].score >= 0.5 \
        and parses[0].tag.POS in ("PREP", "CONJ", "PRCL", "NPRO", "ADVB")


@functools.lru_cache(maxsize=8192)
def _plain_verb(word: str) -> bool:
    """An infinitive first of all that no likely reading makes a name ("Отрешить", "Есть"; not a
    past form, which foreign first names look like: "Робел")."""
    parses = models.morph().parse(word.lower())
    return bool(parses) and parses[0].is_known and parses[0].score >= 0.5 and parses[0].tag.POS == "INFN" \
        and not word.isupper() \
        and not any(t in p.tag for p in parses if p.score >= 0.05 for t in ("Name", "Surn", "Patr", "Geox", "Orgn"))


@functools.lru_cache(maxsize=8192)
def _plain_adjective(word: str) -> bool:
    """An adjective or ordinal that is no name in any likely reading ("Румынский",
    "Семидесятилетний", "Тринадцатым"); not "Толстой" or "Вишневский", which are also surnames."""
    parses = models.morph().parse(word.lower())
    return bool(parses) and parses[0].tag.POS in ("ADJF", "NUMR") and not word.isupper() \
        and (parses[0].is_known or len(word) >= 12) \
        and not any(t in p.tag for p in parses if p.score >= 0.05 for t in ("Name", "Surn", "Patr", "Geox", "Orgn"))


@functools.lru_cache(maxsize=65536)
def _known_common_word(word: str) -> bool:
    """A dictionary word that is not a name ("Мир", "Дом"), unlike "Мэй"."""
    parses = models.morph().parse(word.lower())
    return any(p.is_known and not any(t in p.tag for t in ("Name", "Surn", "Patr")) for p in parses[:2])


def _known_place_word(a: Analysis, i: int) -> bool:
    """A capitalised word the model left alone that the dictionary knows first of all as a place
    name and the gazetteer as a country, a region or a town of 100,000 people ("Шукшинские дни на
    Алтае", "Плач по жертвам Хиросимы": names inside titles in quotes are where the model misses)."""
    tok = a.tokens[i]
    word = tok.text
    if len(word) < 4 or not word.isalpha() or word.isupper() or not _CYRILLIC.search(word) \
            or (i + 1 < len(a.tokens) and a.tokens[i + 1].text[:1].isupper() and a.tokens[i + 1].sent == tok.sent
                and a.text[tok.end:a.tokens[i + 1].start] == " "):
        return False
    parses = models.morph().parse(word.lower())
    if not parses or not parses[0].is_known or "Geox" not in parses[0].tag or parses[0].score < 0.5 \
            or any({"Name", "Surn", "Patr", "Orgn"} & set(p.tag.grammemes) for p in parses):
        return False
    lemma = parses[0].normal_form
    return _gazetteer_place(lemma[:1].upper() + lemma[1:], 100_000)


def _name_after_person_noun(a: Analysis, i: int) -> bool:
    """A dictionary first name or surname right after a noun for a person, not yet a mention
    ("пророка Мухаммеда", "адвоката Малука"): the model misses such one-word names, and the noun
    before it rules out the other readings of a capitalised word."""
    tok, prev = a.tokens[i], a.tokens[i - 1]
    if prev.sent != tok.sent or not prev.text[:1].islower() or a.text[prev.end:tok.start] != " " \
            or (i + 1 < len(a.tokens) and a.tokens[i + 1].text[:1].isupper() and a.tokens[i + 1].sent == tok.sent):
        return False
    word = tok.text
    if len(word) < 3 or not word.isalpha() or word.isupper() or not _CYRILLIC.search(word):
        return False
    first = models.morph().parse(word.lower())[:1]
    if not first or not first[0].is_known or not any(t in first[0].tag for t in ("Name", "Surn")) \
            or first[0].score < 0.5:
        return False
    return any(p.is_known and p.tag.POS == "NOUN" and "anim" in p.tag and not any(
        t in p.tag for t in ("Name", "Surn", "Patr")) for p in models.morph().parse(prev.text)[:1])


@functools.lru_cache(maxsize=65536)
def _known_adjective(word: str) -> bool:
    """A dictionary adjective ("Белый"), not a guess from an ending ("Акихито")."""
    parses = models.morph().parse(word)
    return bool(parses) and parses[0].is_known and parses[0].tag.POS in ("ADJF", "ADJS", "PRTF")


def _canonical(group: list[_Mention], main_lang: str) -> tuple[str, str, str | None, str]:
    """(type, name, name_en, subtype) for one group of mentions."""
    known = next((m.known for m in group if m.known is not None), None)
    counts = {t: sum(1 for m in group if m.type == t) for t in _TYPE_PRIORITY}
    # a tie goes to the organisation ("Белый дом", «Барселона» the club), unless the organisation's
    # mentions are abbreviations and a mention spells out a place the gazetteer knows ("правительство
    # МО" beside "Московской области")
    # (only a tie asks the gazetteer: with one type ahead the counts decide)
    place = counts["LOC"] == max(counts.values()) and list(counts.values()).count(counts["LOC"]) > 1 \
        and all(m.normal.isupper() for m in group if m.type == "ORG") and any(
            m.type == "LOC" and _gazetteer_key(m.normal).startswith(("country:", "region:", "city:")) for m in group)
    types = sorted(group, key=lambda m: (-counts[m.type], not (place and m.type == "LOC"), _TYPE_PRIORITY[m.type]))
    subtypes = [m.subtype for m in group if m.subtype]
    subtype = "site" if "site" in subtypes else (subtypes[0] if subtypes else "")
    # a site read once by its kind word ("в аэропорту «Борисполь»") is a site where the model read a body
    etype = known.type if known else "LOC" if subtype == "site" else types[0].type
    native = [m for m in group if (m.lang == main_lang) or (main_lang != "en" and m.lang != "en")] or group
    if main_lang != "en":  # not the original spelling in brackets ("Сумана Сакко (Soumana Sacko)")
        native = [m for m in native if _CYRILLIC.search(m.normal)] or native
    english = [m for m in group if m.lang == "en" or _LATIN_NAME.fullmatch(m.normal)]
    if known is not None:
        # the canonical name in the document's main language ("Saudi Arabia" in English news)
        name, name_en = (known.name_en or known.name) if main_lang == "en" else known.name, known.name_en
    else:
        def rank(m: _Mention) -> tuple[bool, int, bool, bool, bool, bool, int]:
            # not a place adjective joined to its place ("Ленинградского" of "Ленинград"); longest,
            # not counting initials ("Аркадий Дворкович" rather than "А. В. Дворкович"); a person's
            # first name first; a surname rather than a patronymic last; a base form the text writes
            # as such ("Русал", not the guessed "Русало" of "Русала")
            words = _words(m.normal)
            adjective = mixed and m.type == "LOC" and len(words) == 1 and "-" not in m.normal \
                and _is_adjective(m.normal)
            spelt = [w for w in words if m.type != "PER" or len(w.strip(".")) > 1]
            return not adjective, len(spelt), not m.normal.isupper(), \
                bool(words) and m.type == "PER" and _first_name(words[0]), \
                not (m.type == "PER" and _is_patronymic(words[-1])), m.normal == m.surface, len(m.normal)

        mixed = len({m.normal for m in native}) > 1
        name = max(native, key=rank).normal
        if english:
            name_en = max(english, key=lambda m: len(_words(m.normal))).normal
        elif re.search(r"[а-яё]", name, re.IGNORECASE):
            name_en = (etype == "ORG" and body_of_place_en(name)) or transliterate(name)
        else:
            name_en = name
    if main_lang == "en" and known is None and english:
        name = name_en
    if etype == "ORG" and not subtype and _words(name) and \
            _lemma(_words(name)[0]) in lexicon.word_list("government_terms.txt"):
        subtype = "government"
    if etype == "LOC" and not subtype and re.search(r"(област|кра[йя]|округ|республик)", name, re.IGNORECASE):
        subtype = "region"
    return etype, name, name_en, subtype


def recognize(a: Analysis) -> None:
    """Fill ``a.entities`` from ``a.ner`` (needs the annotate stage)."""
    mentions: list[_Mention] = []
    for span in a.ner:
        mentions.extend(_from_span(a, span))
    # A repaired span may now cover another one ("площадь" + "Революции"): keep outermost spans.
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    flat: list[_Mention] = []
    for m in mentions:
        if flat and m.start < flat[-1].end:
            continue
        flat.append(m)
    flat = _join_conjoined_places(a, flat)
    flat = _merge_dependants(a, flat)
    for m in flat:
        _extend_complement(a, m)
    flat = [m for k, m in enumerate(flat) if k == 0 or m.start >= flat[k - 1].end]
    flat = _recover(a, flat)
    flat = _propagate(a, flat)
    flat = _split_glued_people(a, flat)
    _join_bracketed(a, flat)
    _surnames_read_as_places(a, flat)
    for m in flat:
        _normalise(a, m)
        if m.type == "PER" and m.lang != "en":
            m.gender = _gender(a, m)
            surface = a.text[m.start:m.end]
            if m.gender == "femn" and len(m.tokens) == 1 and surface == m.normal + "а" \
                    and re.search(r"(?:ов|ев|ёв|ин|ын)$", m.normal):
                m.normal = surface  # "Назарбаева год работала": a woman's surname, not "Назарбаев"
    main_lang = a.main_language
    for n, group in enumerate(_group(flat), 1):
        etype, name, name_en, subtype = _canonical(group, main_lang)
        a.entities.append(Entity(
            id=f"E{n}",
            type=etype,  # type: ignore[arg-type]
            name=name,
            name_en=name_en,
            subtype=subtype or None,
            mentions=[Mention(start=m.start, end=m.end, text=a.text[m.start:m.end], normal=m.normal, lang=m.lang)
                      for m in sorted(group, key=lambda m: m.start)],
            geo=None,
        ))
