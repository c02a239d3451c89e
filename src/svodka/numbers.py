"""Numbers written in words or digits: "более тысячи", "62", "двое", "полторы тысячи", "10 тыс.".

The word table is data (``svodka/data/figures_numbers.tsv``): lemma, value and class. Russian
words are looked up by every pymorphy3 normal form of the word, so any case form works
("двухсот", "тысячам"); English words as written. The parser is total: it never raises, and
returns ``None`` for anything that is not a well-formed number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from svodka import models
from svodka.lexicon import rows as data_lines

#: Digits with optional thousands groups ("1 000", "1,000" in English) or a decimal part ("1,5").
DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: float
    cls: str  # unit, teen, ten, hundred, mult, coll, frac, group, vague


@cache
def number_words() -> dict[str, NumberWord]:
    return {row[0]: NumberWord(float(row[1]), row[2]) for row in data_lines("figures_numbers.tsv")}


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=65536)  # bounded: a worker that reads for days meets ever new word forms
def lemmas(word: str) -> frozenset[str]:
    """Every normal form pymorphy3 gives for ``word`` (lower case, е for ё), plus the word itself."""
    w = fold(word)
    out = {w}
    if re.search(r"[а-я]", w):
        for p in models.morph().parse(w):
            out.add(fold(p.normal_form))
            if p.tag.POS == "PRTF":  # "пострадавших" -> also "пострадавший", not only "пострадать"
                form = p.inflect({"sing", "nomn", "masc"})
                if form is not None:
                    out.add(fold(form.word))
    return frozenset(out)


@cache
def _number_heads() -> frozenset[str]:
    """The first two letters of every number word: Russian numerals decline at the end ("двести" /
    "двухсот", "полтора" / "полутора"), so a word that begins otherwise is none of them."""
    return frozenset(w[:2] for w in number_words())


def lookup(word: str) -> NumberWord | None:
    """The number word ``word`` is a form of, if any ("двухсот" -> 200)."""
    table = number_words()
    w = fold(word).rstrip(".")
    if w in table:
        return table[w]
    if w[:2] not in _number_heads() or not re.fullmatch(r"[а-я\-]+", w):
        return None  # (most words: no dictionary look-up for them here)
    for lemma in lemmas(w):
        if lemma in table:
            return table[lemma]
    return None


def parse_digits(text: str, lang: str = "ru") -> float | None:
    """A number in digits: "62", "1,5" (Russian decimal), "1,000" (English thousands), "1 000"."""
    s = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?: \d{3})+", s):
        return float(s.replace(" ", ""))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s) and (lang == "en" or s.count(",") > 1):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        return float(s.replace(",", "."))
    return None


_PLACE = {"unit": 1, "teen": 1, "ten": 10, "hundred": 100}


def combine(parts: list[tuple[float, str]]) -> float | None:
    """Value of a sequence of (value, class) parts in reading order, or None if ill-formed.

    Classes: ``digits`` (a number in digits) and the word classes of ``figures_numbers.tsv``.
    "двести тридцать пять тысяч сто один" -> 235101; "10 тыс." -> 10000; "полторы тысячи" -> 1500;
    "69 тысяч 226" -> 69226; "полтора десятка" -> 15.
    """
    if not parts:
        return None
    total = 0.0
    group = 0.0
    last_place = 10_000  # place value of the last additive word in the current group
    last_mult = float("inf")
    for value, cls in parts:
        if cls in ("vague",):
            return None
        if cls == "digits" or cls == "frac":
            if group or last_place < 10_000:
                return None
            group = value
            last_place = 0
        elif cls in _PLACE:
            place = _PLACE[cls]
            if place >= last_place:
                return None
            if cls == "teen":
                place = 1  # nothing may follow a teen but a multiplier
                last_place = 1
            else:
                last_place = place
            group += value
            if cls == "teen":
                last_place = 1
        elif cls == "coll":
            if group or total or len(parts) > 1:
                return None
            return value
        elif cls in ("mult", "group"):
            if value >= last_mult:
                return None
            total += (group if group else 1) * value
            group = 0.0
            last_place = 10_000
            last_mult = value
        else:
            return None
    return total + group


def parse_words(text: str, lang: str = "ru") -> float | None:
    """Parse a whole string as one number ("сто двадцать три", "10 тыс.", "полторы тысячи").

    Never raises; None when the string is not exactly one number.
    """
    try:
        words = re.findall(r"\d+(?:[ ,.]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*\.?", text)
        if not words or len(words) > 12:
            return None
        parts: list[tuple[float, str]] = []
        for w in words:
            if w[0].isdigit():
                v = parse_digits(w, lang)
                if v is None:
                    return None
                parts.append((v, "digits"))
                continue
            nw = lookup(w)
            if nw is None:
                return None
            parts.append((nw.value, nw.cls))
        value = combine(parts)
    except Exception:  # the parser is total: odd input is "not a number", never an error
        return None
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    return value


_UNITS = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_TEENS = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
          "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"]
_TENS = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
         "восемьдесят", "девяносто"]
_HUNDREDS = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот",
             "восемьсот", "девятьсот"]


def _below_thousand(n: int, feminine: bool = False) -> list[str]:
    words = []
    if n >= 100:
        words.append(_HUNDREDS[n // 100])
    rest = n % 100
    if 10 <= rest < 20:
        words.append(_TEENS[rest - 10])
    else:
        if rest >= 20:
            words.append(_TENS[rest // 10])
        unit = rest % 10
        if unit:
            words.append({1: "одна", 2: "две"}.get(unit, _UNITS[unit]) if feminine else _UNITS[unit])
    return words


def to_words(n: int) -> str:
    """Russian cardinal in words, nominative (1..999999): the inverse used by the tests."""
    if not 0 < n < 1_000_000:
        raise ValueError("to_words covers 1..999999")
    words: list[str] = []
    thousands, rest = divmod(n, 1000)
    if thousands:
        words += _below_thousand(thousands, feminine=True)
        last = thousands % 100
        if 10 <= last < 20 or last % 10 in (0, 5, 6, 7, 8, 9):
            words.append("тысяч")
        elif last % 10 == 1:
            words.append("тысяча")
        else:
            words.append("тысячи")
    words += _below_thousand(rest)
    return " ".join(words)
