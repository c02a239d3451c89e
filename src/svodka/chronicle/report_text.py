"""The words of the situation report: Russian agreement, number forms, dates and templates.

A report sentence is built from a template (``data/report_events.tsv``, ``data/report_figures.tsv``)
and the names the documents gave. Russian needs the verb to agree with its subject ("Токаев
обратился", "Абдыкаликова обратилась", "МВД обратилось", "США обратились"), names in the case the
preposition wants ("помощь Казахстану", "переговоры с Мухтаром Тлеуберди") and a counted word in the
form its number wants (1 человек, 2 человека, 5 человек; "более 1000 пострадавших"). pymorphy3
gives the dictionary's forms; names it does not know decline by the endings of Russian declension,
and a name whose form cannot be known (an abbreviation of unknown gender, a Latin name) is never
forced into a wrong agreement: the sentence takes a form without a verb instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any, Literal

from svodka import lexicon, models
from svodka.names import surname_gender

Lang = Literal["ru", "en"]
Agreement = Literal["masc", "femn", "neut", "plur"]
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_VOWELS = "аеёиоуыэюя"
_HUSHING = "жшчщц"
_VELAR_HUSHING = "гкхжчшщ"


# --- templates ------------------------------------------------------------------------------

@dataclass(frozen=True)
class EventTemplate:
    type: str
    weight: float
    ru_actor: str
    ru_bare: str
    en_actor: str
    en_bare: str


@dataclass(frozen=True)
class FigureWording:
    kind: str
    weight: float
    ru_word: str
    ru_class: str  # "noun" or "adj"
    ru_counted: str | None
    ru_after: str | None
    ru_label: str
    en_one: str
    en_many: str
    en_label: str


@cache
def event_templates() -> dict[str, EventTemplate]:
    out = {}
    for row in lexicon.rows("report_events.tsv"):
        out[row[0]] = EventTemplate(row[0], float(row[1]), *row[2:6])
    return out


@cache
def figure_wordings() -> dict[str, FigureWording]:
    out = {}
    for row in lexicon.rows("report_figures.tsv"):
        kind, weight, word, cls, counted, after, label, one, many, en_label = row[:10]
        out[kind] = FigureWording(kind, float(weight), word, cls, None if counted == "-" else counted,
                                  None if after == "-" else after, label, one, many, en_label)
    return out


# --- morphology -----------------------------------------------------------------------------

def _restore_case(original: str, word: str) -> str:
    """``word`` with the capitalisation of ``original`` (each hyphenated part on its own)."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    parts_o, parts_w = original.split("-"), word.split("-")
    if len(parts_o) != len(parts_w):
        parts_o, parts_w = [original], [word]
    return "-".join(w[:1].upper() + w[1:] if o[:1].isupper() else w for o, w in zip(parts_o, parts_w, strict=True))


def _known_parse(word: str, pos: tuple[str, ...] = ("NOUN",), tags: tuple[str, ...] = ()) -> Any:
    """The best dictionary parse of ``word`` as a nominative of one of ``pos`` (with one of ``tags``)."""
    for p in models.morph().parse(word.lower()):
        if p.is_known and p.tag.POS in pos and "nomn" in p.tag and (not tags or any(t in p.tag for t in tags)):
            return p
    return None


def _is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word.replace("-", "").isupper()


@lru_cache(maxsize=20_000)
def person_gender(name: str) -> Literal["masc", "femn"] | None:
    """The grammatical gender of a person's name: a dictionary first name decides, then the
    endings of Russian surnames (-ова, -ская / -ов, -ский), then the first name's ending."""
    words = [w for w in name.split() if _CYRILLIC.search(w)]
    if not words:
        return None
    for w in words:
        p = _known_parse(w.split("-")[-1], tags=("Name",))
        if p is not None and p.tag.gender in ("masc", "femn") and p.score >= 0.3:
            return str(p.tag.gender)  # type: ignore[return-value]
    for w in reversed(words):
        if (gender := surname_gender(w)) is not None:
            return gender
    first = words[0].split("-")[-1].lower()
    if len(words) > 1 and first[-1:] in "ая":
        return "femn"
    return "masc" if first[-1:] not in _VOWELS else None


def _decline_person_word(word: str, case: str, gender: str) -> str:
    """One word of a person's name in ``case``: by the dictionary when it knows the name, else
    by the endings of Russian declension; foreign names ending in о, е, и, у, ю, э stay."""
    if (case == "nomn" or not _CYRILLIC.search(word) or _is_abbreviation(word) or word.endswith(".")
            or len(word) < 2 or word[:1].islower()):
        return word
    if "-" in word.strip("-"):
        head, _, last = word.rpartition("-")
        return head + "-" + _decline_person_word(last, case, gender)
    low = word.lower()
    p = _known_parse(low, tags=("Name", "Surn", "Patr"))
    if p is not None and p.tag.gender in (gender, None):
        form = p.inflect({case, "sing"} | ({gender} if "Surn" in p.tag else set()))
        if form is not None:
            return _restore_case(word, form.word)
    end = _ending(low, case, gender)
    return word if end is None else _restore_case(word, end)


_MASC_ADJ = {"gent": "ого", "datv": "ому", "accs": "ого", "ablt": "им", "loct": "ом"}
_FEM_ADJ = {"gent": "ой", "datv": "ой", "accs": "ую", "ablt": "ой", "loct": "ой"}


def _ending(low: str, case: str, gender: str) -> str | None:
    """A name unknown to the dictionary in ``case`` by its ending, or None when it does not decline."""
    if gender == "femn":
        if low.endswith(("ова", "ева", "ёва", "ина", "ына")):
            return low[:-1] + {"gent": "ой", "datv": "ой", "accs": "у", "ablt": "ой", "loct": "ой"}[case]
        if low.endswith(("ская", "цкая", "ая")):
            return low[:-2] + _FEM_ADJ[case]
        if low.endswith("ия"):
            return low[:-1] + {"gent": "и", "datv": "и", "accs": "ю", "ablt": "ей", "loct": "и"}[case]
        if low.endswith("а"):
            stem = low[:-1]
            gent = "и" if stem[-1:] in _VELAR_HUSHING else "ы"
            return stem + {"gent": gent, "datv": "е", "accs": "у", "ablt": "ой" if stem[-1:] not in _HUSHING else "ей",
                           "loct": "е"}[case]
        if low.endswith("я"):
            return low[:-1] + {"gent": "и", "datv": "е", "accs": "ю", "ablt": "ей", "loct": "е"}[case]
        return None  # feminine names ending in a consonant or another vowel do not decline
    if low.endswith(("ский", "цкий", "ый", "ой")):
        stem = low[:-2]
        adj = dict(_MASC_ADJ)
        if low.endswith(("ый", "ой")):
            adj["ablt"] = "ым"
        return stem + adj[case]
    if low.endswith("ий"):
        return low[:-1] + {"gent": "я", "datv": "ю", "accs": "я", "ablt": "ем", "loct": "и"}[case]
    if low.endswith(("й", "ь")):
        return low[:-1] + {"gent": "я", "datv": "ю", "accs": "я", "ablt": "ем", "loct": "е"}[case]
    if low.endswith(("ов", "ев", "ёв", "ин", "ын")) and len(low) > 4:
        return low + {"gent": "а", "datv": "у", "accs": "а", "ablt": "ым", "loct": "е"}[case]
    if low.endswith("а") or low.endswith("я"):
        return _ending(low, case, "femn") if not low.endswith(("ая",)) else None
    if low[-1:] in _VOWELS:
        return None  # Тлеуберди, Энтони, Шойгу
    ablt = "ем" if low[-1:] in _HUSHING else "ом"
    return low + {"gent": "а", "datv": "у", "accs": "а", "ablt": ablt, "loct": "е"}[case]


def _decline_phrase(name: str, case: str) -> str:
    """An organisation or place name in ``case``: its head noun and the adjectives before it
    decline, the words after the head stay ("Совет коллективной безопасности" -> "Совету
    коллективной безопасности"); abbreviations, quoted and Latin names stay as written."""
    if case == "nomn" or not _CYRILLIC.search(name) or re.search(r"[«\"„“]", name):
        return name
    words = name.split(" ")
    head = None
    for i, w in enumerate(words):
        if _is_abbreviation(w) or not _CYRILLIC.search(w) or any(c.isdigit() for c in w):
            return name
        p = _known_parse(w, pos=("NOUN",))
        adj = _known_parse(w, pos=("ADJF", "PRTF"))
        if p is not None and not (adj is not None and adj.score > p.score):
            head = i
            break
        if adj is None and not w.lower().endswith(("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")):
            head = i  # an unknown noun ("Тихозерск")
            break
    if head is None:
        return name
    head_word = words[head]
    parse = _known_parse(head_word, pos=("NOUN",))
    if parse is not None:
        form = parse.inflect({case} | ({"plur"} if "plur" in parse.tag else set()))
        if form is None:
            return name
        number = "plur" if "plur" in parse.tag else "sing"
        gender = str(parse.tag.gender or "masc")
        words[head] = _restore_case(head_word, form.word)
    else:
        low = head_word.lower()
        if low[-1:] in "оеиуюэ" or low.endswith(("ы", "и")):
            return name  # indeclinable or plural of unknown form
        gender = "femn" if low[-1:] in "ая" else "masc"
        number = "sing"
        end = _ending(low, case, gender)
        if end is None:
            return name
        words[head] = _restore_case(head_word, end)
    for i in range(head):
        adj = _known_parse(words[i], pos=("ADJF", "PRTF"))
        grammemes = {case, number} | ({gender} if number == "sing" else set())
        if case == "accs" and number == "sing" and gender == "masc":
            grammemes.add("inan")
        if adj is not None:
            form = adj.inflect(grammemes)
            if form is not None:
                words[i] = _restore_case(words[i], form.word)
        else:
            words[i] = _adjective_by_ending(words[i], case, gender if number == "sing" else "plur")
    return " ".join(words)


def _adjective_by_ending(word: str, case: str, kind: str) -> str:
    """An adjective the dictionary does not know ("Кызылординская") in ``case`` by its ending."""
    low = word.lower()
    if kind == "femn" and low.endswith("ая"):
        return _restore_case(word, low[:-2] + _FEM_ADJ[case])
    if kind == "masc" and low.endswith(("ый", "ий", "ой")):
        base = low[:-2]
        soft = low.endswith("ий") and base[-1:] not in "гкхжшчщ"
        ends = {"gent": "его" if soft else "ого", "datv": "ему" if soft else "ому", "accs": low[-2:],
                "ablt": "им" if low.endswith("ий") else "ым", "loct": "ем" if soft else "ом"}
        return _restore_case(word, base + ends[case])
    return word


def inflect(name: str, etype: str | None, case: str) -> str:
    """A name in a grammatical case (pymorphy names: gent, datv, accs, ablt, loct)."""
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}")
    if case == "nomn" or not name:
        return name
    if etype == "PER":
        gender = person_gender(name)
        if gender is None:
            return name
        return " ".join(_decline_person_word(w, case, gender) for w in name.split(" "))
    if case == "accs":
        return _decline_phrase(name, "accs") if _phrase_is_feminine_or_animate(name) else name
    return _decline_phrase(name, case)


def _phrase_is_feminine_or_animate(name: str) -> bool:
    """Only feminine nouns (and animate masculine ones) change in the accusative; an inanimate
    masculine or neuter name stays as in the nominative ("через Государственный департамент")."""
    agreement = phrase_agreement(name, "ORG")
    return agreement == "femn"


@lru_cache(maxsize=20_000)
def phrase_agreement(name: str, etype: str | None) -> Agreement | None:
    """What a past-tense verb agrees with: the gender of a person, the gender or number of an
    organisation's or place's head noun, or of a known abbreviation (МВД -> neut, США -> plur);
    None when it cannot be known (an unknown abbreviation, a Latin name)."""
    if etype == "PER":
        return person_gender(name)
    if not _CYRILLIC.search(name) or re.match(r"^[«\"„“]", name):
        return None
    for w in name.split(" "):
        if _is_abbreviation(w):
            for p in models.morph().parse(w):
                if p.is_known and "Abbr" in p.tag:
                    if "Pltm" in p.tag or "plur" in p.tag:
                        return "plur"
                    return _gender(p.tag.gender)
            # an abbreviation the alias table spells out ("ОДКБ" = "Организация Договора о
            # коллективной безопасности") agrees with its full form's head noun
            known = lexicon.lookup(name)
            full = [a for a in (known.aliases if known else ()) if " " in a and _CYRILLIC.search(a)]
            return phrase_agreement(full[0], etype) if full else None
        noun = _known_parse(w, pos=("NOUN",))
        adj = _known_parse(w, pos=("ADJF", "PRTF"))
        if noun is not None and not (adj is not None and adj.score > noun.score):
            if "plur" in noun.tag or "Pltm" in noun.tag:
                return "plur"
            return _gender(noun.tag.gender)
        if adj is None and not w.lower().endswith(("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")):
            low = w.lower()
            if low[-1:] in "оеиуюэы":
                return None
            return "femn" if low[-1:] in "ая" else "masc"
    return None


def _gender(value: object) -> Agreement | None:
    """A pymorphy gender as a plain string (pymorphy's own refuses comparison with "plur")."""
    text = str(value) if value is not None else ""
    return text if text in ("masc", "femn", "neut") else None  # type: ignore[return-value]


def combine_agreement(parts: list[Agreement | None]) -> Agreement | None:
    """Several subjects take the plural; one takes its own form."""
    if len(parts) > 1:
        return "plur"
    return parts[0] if parts else None


# --- numbers --------------------------------------------------------------------------------

def number_category(n: float) -> Literal["one", "few", "many", "fraction"]:
    """The Russian counting class of a number: 1, 21, 101 / 2-4, 22-24 / 0, 5-20, 25-30 / 2,5."""
    if n != int(n):
        return "fraction"
    k = int(abs(n))
    if k % 10 == 1 and k % 100 != 11:
        return "one"
    if 2 <= k % 10 <= 4 and not 12 <= k % 100 <= 14:
        return "few"
    return "many"


def format_number(n: float, lang: Lang) -> str:
    """1000 and 10 000 in Russian (a space from five digits), 1,000 in English; 2,5 / 2.5."""
    if n != int(n):
        text = f"{n:.1f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if lang == "ru" else text
    k = int(n)
    if lang == "en":
        return f"{k:,}"
    return f"{k:,}".replace(",", "\u00a0") if abs(k) >= 10_000 else str(k)


def _word_form(lemma: str, grammemes: set[str], pos: tuple[str, ...]) -> str:
    p = _known_parse(lemma, pos=pos)
    if p is None:
        p = next((q for q in models.morph().parse(lemma) if "nomn" in q.tag), None)
    form = p.inflect(grammemes) if p is not None else None
    return form.word if form is not None else lemma


#: Counting forms that differ from the dictionary's genitive plural ("5 человек", not "5 людей").
_COUNTED_GEN_PLURAL = {"человек": "человек", "год": "лет"}


def counted(n: float, lemma: str, word_class: str = "noun", genitive: bool = False,
            gen_plural: str | None = None, gender: str = "masc") -> str:
    """The form of a counted word after the number ``n``: "человек" (1), "человека" (2),
    "человек" (5); after a word that puts the number in the genitive ("более", "около")
    "человека" (1, 21) and "человек" (2, 5, 1000). ``word_class`` "adj" is for nouns made from
    adjectives and participles (1 погибший, 2 погибших, 5 погибших); ``gender`` for attributive
    adjectives (2 новых события, 2 новые цифры)."""
    category = number_category(n)
    pos: tuple[str, ...] = ("NOUN",) if word_class == "noun" else ("ADJF", "PRTF", "NOUN")
    if word_class == "noun":
        if category == "one":
            grammemes = {"sing", "gent" if genitive else "nomn"}
        elif category == "fraction" or (category == "few" and not genitive):
            grammemes = {"sing", "gent"}
        else:
            grammemes = {"plur", "gent"}
    else:
        if category == "one":
            grammemes = {"sing", "gent" if genitive else "nomn", gender}
        elif category == "fraction":
            grammemes = {"sing", "gent", gender}
        elif category == "few" and not genitive and gender == "femn":
            grammemes = {"plur", "nomn"}
        else:
            grammemes = {"plur", "gent"}
    if grammemes == {"plur", "gent"} and (gen_plural or lemma in _COUNTED_GEN_PLURAL):
        return gen_plural or _COUNTED_GEN_PLURAL[lemma]
    if word_class == "adj":
        grammemes = grammemes - {"masc", "femn", "neut"} | ({gender} if "sing" in grammemes else set())
    return _word_form(lemma, grammemes, pos)


def count_words(n: float, phrase: str, lang: Lang = "ru", genitive: bool = False) -> str:
    """``n`` with an "adjective* noun" phrase agreeing with it: "1 новое событие", "2 новых
    события", "5 новых событий", "2 независимых источника", "21 цифра"; English adds an -s."""
    if lang == "en":
        words = phrase.split()
        if n != 1 and words:
            words[-1] = _english_plural(words[-1])
        return f"{format_number(n, 'en')} {' '.join(words)}"
    words = phrase.split()
    noun = words[-1]
    gender = _known_parse(noun, pos=("NOUN",))
    g = str(gender.tag.gender) if gender is not None and gender.tag.gender else "masc"
    out = [counted(n, w, "adj", genitive, gender=g) for w in words[:-1]]
    out.append(counted(n, noun, "noun", genitive))
    return f"{format_number(n, 'ru')} {' '.join(out)}"


def _english_plural(word: str) -> str:
    irregular = {"person": "people", "story": "stories", "was": "were"}
    if word in irregular:
        return irregular[word]
    if word.endswith(("s", "x", "sh", "ch")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


#: Russian words before a count and whether they put it in the genitive, by qualifier.
_RU_QUALIFIER = {"approx": ("около", True), "more_than": ("более", True), "less_than": ("менее", True),
                 "at_least": ("не менее", True), "at_most": ("не более", True), "exact": ("", False)}
_EN_QUALIFIER = {"approx": "about", "more_than": "more than", "less_than": "fewer than", "at_least": "at least",
                 "at_most": "at most", "exact": ""}


def figure_phrase(kind: str, value: float | None, qualifier: str, lang: Lang, low: float | None = None,
                  high: float | None = None) -> str | None:
    """A count of people in words: "более 1000 пострадавших", "62 человека в тяжёлом состоянии",
    "от 10 до 15 погибших", "more than 1,000 injured"; None for a figure without a number."""
    wording = figure_wordings().get(kind) or figure_wordings()["other"]
    if qualifier == "range" and low is not None and high is not None:
        last = high
        if lang == "ru":
            number = f"от {format_number(low, 'ru')} до {format_number(high, 'ru')}"
            genitive = True
        else:
            number = f"{format_number(low, 'en')} to {format_number(high, 'en')}"
            genitive = False
    elif value is not None:
        last = value
        if lang == "ru":
            word, genitive = _RU_QUALIFIER.get(qualifier, ("", False))
            number = f"{word} {format_number(value, 'ru')}".strip()
        else:
            genitive = False
            number = f"{_EN_QUALIFIER.get(qualifier, '')} {format_number(value, 'en')}".strip()
    else:
        return None
    if lang == "en":
        words = wording.en_one if last == 1 and qualifier == "exact" else wording.en_many
        return f"{number} {words}"
    noun = counted(last, wording.ru_word, wording.ru_class, genitive, wording.ru_counted)
    return " ".join(x for x in (number, noun, wording.ru_after) if x)


# --- dates ----------------------------------------------------------------------------------

_RU_MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
                  "ноября", "декабря")
_RU_MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
              "ноябрь", "декабрь")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_PARTS = {"MO": ("утро", "morning"), "AF": ("день", "afternoon"), "EV": ("вечер", "evening"),
          "NI": ("ночь", "night"), "MI": ("полдень", "midday")}


def format_day(d: date, lang: Lang) -> str:
    if lang == "ru":
        return f"{d.day} {_RU_MONTHS_GEN[d.month - 1]} {d.year}"
    return f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}"


def format_period(start: date, end: date, lang: Lang) -> str:
    """"1–7 марта 2021", "25 февраля – 3 марта 2021", "31 декабря 2021 – 6 января 2022"."""
    if start == end:
        return format_day(start, lang)
    months = _RU_MONTHS_GEN if lang == "ru" else _EN_MONTHS
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{end.day} {months[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {months[start.month - 1]} – {format_day(end, lang)}"
    return f"{format_day(start, lang)} – {format_day(end, lang)}"


def date_interval(value: str | None, precision: str | None, day: date | None) -> tuple[date, date] | None:
    """The days an event date stands for: one day, an ISO week, a month or a year."""
    if value and re.fullmatch(r"\d{4}-W\d{2}", value):
        try:
            monday = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        except ValueError:
            return None
        return monday, monday + timedelta(days=6)
    if day is None:
        return None
    if precision == "year" or (value and re.fullmatch(r"\d{4}", value)):
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == "month" or (value and re.fullmatch(r"\d{4}-\d{2}", value)):
        nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return date(day.year, day.month, 1), nxt - timedelta(days=1)
    return day, day


def format_date(value: str | None, precision: str | None, day: date | None, lang: Lang) -> str:
    """An event's date at its own precision: "6 января 2022", "январь 2022", "6 января 2022, вечер",
    "27 ноября – 3 декабря 2017" (an ISO week), "2017"; "дата неизвестна" without one."""
    interval = date_interval(value, precision, day)
    if interval is None:
        return "дата неизвестна" if lang == "ru" else "date unknown"
    first, last = interval
    if value and re.fullmatch(r"\d{4}-W\d{2}", value):
        return format_period(first, last, lang)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return str(first.year)
    if first.day == 1 and last != first and last.month == first.month:
        months = _RU_MONTHS if lang == "ru" else _EN_MONTHS
        return f"{months[first.month - 1]} {first.year}"
    text = format_day(first, lang)
    suffix = re.search(r"T(MO|AF|EV|NI|MI)$", value or "")
    if suffix:
        return f"{text}, {_PARTS[suffix.group(1)][0 if lang == 'ru' else 1]}"
    clock = re.search(r"T(\d{2}:\d{2})", value or "")
    if clock:
        return f"{text}, {clock.group(1)}"
    return text


# --- sentences ------------------------------------------------------------------------------

def join_names(names: list[str], lang: Lang) -> str:
    """"А", "А и Б", "А, Б и В" / "A and B", "A, B and C"."""
    conj = " и " if lang == "ru" else " and "
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + conj + names[-1]


def with_preposition(prep: str, phrase: str) -> str:
    """A preposition before a phrase, with the euphonic vowel where Russian needs one
    ("со Сергеем", "во Франции", "ко всем")."""
    if not prep:
        return phrase
    low = phrase.lower()
    if prep == "с" and re.match(r"^(?:[сз][бвгджзклмнпрстфхцчшщ]|[шжщ]|мн)", low):
        prep = "со"
    elif prep == "в" and re.match(r"^[вф][бвгджзклмнпрстфхцчшщ]", low):
        prep = "во"
    elif prep == "к" and re.match(r"^(?:мн|вс)", low):
        prep = "ко"
    elif prep == "от" and low.startswith("вс"):
        prep = "ото"
    return f"{prep} {phrase}"


@dataclass(frozen=True)
class Named:
    """A participant of an event as the report names it."""

    name: str
    type: str | None  # PER, ORG, LOC
    subtype: str | None = None

    def display(self, lang: Lang, case: str = "nomn") -> str:
        if lang == "en":
            return self.name
        if self.subtype == "media" and _CYRILLIC.search(self.name) and not re.search(r"[«\"]", self.name):
            return f"«{self.name}»"
        return inflect(self.name, self.type, case)


_SLOT_R = re.compile(r"\{R:(\w*):([^}]*)\}")
_FORMS = re.compile(r"\[([^\]|]*)\|([^\]|]*)\|([^\]|]*)\|([^\]|]*)\]")


def _fill_recipients(template: str, recipients: list[Named], lang: Lang) -> str:
    def repl(m: re.Match[str]) -> str:
        if not recipients:
            return ""
        case = m.group(1) or "nomn"
        names = join_names([r.display(lang, case if lang == "ru" else "nomn") for r in recipients], lang)
        return " " + with_preposition(m.group(2).strip(), names)
    return _SLOT_R.sub(repl, template)


def event_core(etype: str, actors: list[Named], recipients: list[Named], lang: Lang) -> str:
    """The template sentence of an event without date, place and final stop: "Совет коллективной
    безопасности оказал помощь Казахстану", "Протесты", "ОДКБ: помощь Казахстану"."""
    template = event_templates()[etype]
    if not actors:
        return _fill_recipients(template.ru_bare if lang == "ru" else template.en_bare, recipients, lang)
    actor_text = join_names([a.display(lang) for a in actors], lang)
    if lang == "en":
        return _fill_recipients(template.en_actor, recipients, lang).replace("{A}", actor_text)
    agreement = combine_agreement([a.agreement() for a in map(_Agreeing, actors)])
    if agreement is None:
        bare = _fill_recipients(template.ru_bare, recipients, lang)
        return f"{actor_text}: {bare[:1].lower()}{bare[1:]}"
    index = ("masc", "femn", "neut", "plur").index(agreement)
    text = _FORMS.sub(lambda m: m.group(index + 1), template.ru_actor)
    return _fill_recipients(text, recipients, lang).replace("{A}", actor_text)


@dataclass(frozen=True)
class _Agreeing:
    named: Named

    def agreement(self) -> Agreement | None:
        if self.named.subtype == "media" and not re.search(r"[«\"]", self.named.name):
            return None  # «Хабар 24»: the gender is that of an unnamed "телеканал" or "агентство"
        return phrase_agreement(self.named.name, self.named.type)


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def plural_en(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else _english_plural(word)}"


def figure_weight(kind: str, value: float | None) -> float:
    wording = figure_wordings().get(kind) or figure_wordings()["other"]
    return wording.weight * math.log10(1 + (value or 0))
