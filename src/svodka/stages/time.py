"""Time expressions (TIMEX3-like), Russian and English, resolved against the document date.

How it works, in three passes over one document:

1. **Tag.** The text is cut into tokens by one regular expression (words, numbers, clock times,
   numeric dates, punctuation, line breaks), and each token gets a one-letter tag from the lexicon
   in ``svodka/data/time_words.tsv`` (``M`` a Russian month, ``W`` a weekday, ``N`` a number 1-31,
   ``Y`` a year number, ``v`` the preposition "в/in/on/at", ...; see ``_TAGS``). The tags of the
   whole document form one short string.
2. **Match.** A small grammar, one regular expression per family of expressions (day dates, clock
   times, months, years, decades, relative periods, "N units ago", durations, sets, seasons, parts of
   day), runs over the tag string. Candidates are interpreted (``_parse_*``); overlaps are settled
   longest first, then by family priority. A day date followed by a clock time becomes one TIME.
3. **Resolve.** Values are computed against the document date at its precision (LAYERS.md, "Time"):
   absolute dates first, then, in text order, weekdays (anchored on a day-precise document date, else
   on the nearest explicit day date of the document within six days), parts of day and clock times
   (on the day of the sentence, else the document day), and anaphoric ones ("в тот же день").

Conventions (documented in docs/benchmarks.md and LAYERS.md):

* Spans take one leading simple preposition ("в четверг", "к вечеру четверга", "on Monday") and
  the compound prepositions of duration ("в течение недели", "на протяжении двух лет").
* A compact range ("6-7 января", "в 1998-2010 годах", "в ноябре-декабре") is one timex whose value
  is its first element; a range with two prepositions ("с 16 апреля по 19 мая 2019 года") is two
  timexes, and the first takes the year of the second when it has none.
* "в ночь на 6 января" and "в ночь с 5 на 6 января" are 6 January, precision day. Other parts of day
  on a known day are ``YYYY-MM-DDTMO|TAF|TEV|TNI``, type TIME, precision part_of_day.
* Weekdays and relative words need a day-precise document date (or, for weekdays, an explicit day
  date in the document within six days); "в прошлом году" needs only the year, "в прошлом месяце" the
  month. What cannot be resolved has value null, never a guess.
* Direction: a past-tense verb nearest to the expression in its sentence sends a weekday, a bare
  month or day-month to the past, a future one to the future; by default (news) the most recent one
  not after the document date. A day and month without a year, with a month- or year-precise
  document date, take the document's year.
* Decades and centuries are TIMEX3 values ("199", "19") with precision year; seasons "2013-SP" with
  precision month; weeks "2022-W01" and weekends "2022-W01-WE" precision week.
* Durations ``P2Y``, ``P3D``, ``PT5H``, vague ``PXD``/``PXY``/``PTXH``; fractional ``P1.5Y``; sets
  ``P1D`` (ежедневно), ``P3Y`` (каждые три года), ``XXXX-WXX-1`` (по понедельникам).
* Not annotated: deictic words (сейчас, теперь, ранее, недавно, ...), "на днях", and times anchored
  only to an event ("накануне выборов", "через два дня после ..." in past narration, "два дня спустя").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from itertools import pairwise

from svodka.analysis import Analysis
from svodka.record import Timex

Tense = str | None  # "past" | "fut" | "pres" | None
TenseAt = Callable[[int, int], Tense]
LangAt = Callable[[int], str]

# --------------------------------------------------------------------------- lexicon and tags

#: Lexicon category -> one-letter tag used in the grammar below.
_TAGS = {
    "month": "M", "month_en": "J", "month_abbr": "b", "weekday": "W", "weekday_set": "L",
    "weekend": "K", "pod_adv": "P", "pod_noun": "Q", "early": "E", "partof": "H", "ordinal": "o",
    "modifier": "O", "recent": "l", "relday": "R", "anaphor": "A", "prep_v": "v", "prep_na": "u",
    "prep_s": "s", "prep_k": "c", "prep": "p", "through": "t", "ago": "g", "tomu": "m", "later": "i",
    "during": "d", "of": "f", "article": "e", "unit": "U", "hour": "h", "yearword": "G",
    "year_abbr": "y", "century": "C", "season": "S", "set_adv": "Z", "each": "x", "times": "r",
    "tz": "z", "number": "n", "decade": "X",
}
# Other tags: N number 1-31, n other number, Y year number (1000-2100), X decade ("1990-е"),
# I roman numeral, D numeric date, T clock time, a am/pm, w other word, "," comma, "-" dash,
# "." other punctuation, "|" line break.


@dataclass(frozen=True, slots=True)
class Word:
    tag: str
    value: str
    category: str


@cache
def lexicon() -> dict[str, Word]:
    """Lower-cased word form (ё folded to е) -> its tag; the first listing of a form wins."""
    text = resources.files("svodka.data").joinpath("time_words.tsv").read_text(encoding="utf-8")
    out: dict[str, Word] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, value, forms = line.split("\t")[:3]
        tag = _TAGS[category.strip()]
        for form in forms.split():
            out.setdefault(_fold(form), Word(tag, value.strip(), category.strip()))
    return out


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


_TOKEN = re.compile(
    r"(?P<date>\d{1,2}[./]\d{1,2}[./](?:1[6-9]|20)\d\d|(?:1[6-9]|20)\d\d-[01]\d-[0-3]\d)(?![\d])"
    r"|(?P<clock>[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?)(?![\d]|[.,:]\d)"
    r"|(?P<ampm>[ap]\.\s?m\.|[ap]m(?![^\W\d_]))"
    r"|(?P<apos>['’]\d0s)"
    r"|(?P<num>\d+(?:[.,]\d+)?(?:-[а-яё]{1,3}(?![а-яё])|(?:st|nd|rd|th|s)(?![a-z]))?)"
    r"|(?P<word>o['’]clock|[^\W\d_]+)"
    r"|(?P<nl>\n)"
    r"|(?P<punct>[^\w\s])",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_ROMAN_VAL = {"I": 1, "V": 5, "X": 10}
_DECADE_SUFFIX = ("-е", "-х", "-ые", "-ых", "-ми", "s")
_CLOCK_PREPS = frozenset({"в", "во", "к", "ко", "до", "с", "со", "около", "по", "at", "by", "from", "until", "after"})
_SENT_END = frozenset(".!?…|")
_CONTEXT_TAGS = frozenset("MJWPSTeI")


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    tag: str
    value: str = ""


def tokenize(text: str) -> list[Tok]:
    """Tokens with their tags (see ``_TAGS``)."""
    lex = lexicon()
    toks: list[Tok] = []
    folded = _fold(text)
    if len(folded) != len(text):  # a few characters change length when lower-cased
        folded = ""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        s = m.group()
        if kind == "word":
            a, b = m.span()
            w = lex.get(folded[a:b] if folded else _fold(s))
            if w is None:
                if s[0] in "IVX" and len(s) <= 5 and _ROMAN.match(s):
                    toks.append(Tok(a, b, s, "I", str(_roman(s))))
                else:
                    toks.append(Tok(a, b, s, "w"))
                continue
            toks.append(Tok(a, b, s, w.tag, w.value))
        elif kind == "num":
            toks.append(_number(m.start(), m.end(), s))
        elif kind == "date":
            toks.append(Tok(m.start(), m.end(), s, "D"))
        elif kind == "clock":
            toks.append(Tok(m.start(), m.end(), s, "T"))
        elif kind == "ampm":
            toks.append(Tok(m.start(), m.end(), s, "a", "p" if s[0] in "pP" else "a"))
        elif kind == "apos":
            toks.append(Tok(m.start(), m.end(), s, "X", "19" + s[1]))
        elif kind == "nl":
            toks.append(Tok(m.start(), m.end(), s, "|"))
        elif s == ",":
            toks.append(Tok(m.start(), m.end(), s, ","))
        elif s in "-–—":
            toks.append(Tok(m.start(), m.end(), s, "-"))
        else:
            toks.append(Tok(m.start(), m.end(), s, "."))
    _context_rules(toks, text)
    return toks


def _roman(s: str) -> int:
    total = 0
    for k, ch in enumerate(s):
        v = _ROMAN_VAL[ch]
        total += -v if k + 1 < len(s) and _ROMAN_VAL[s[k + 1]] > v else v
    return total


def _number(start: int, end: int, s: str) -> Tok:
    low = s.lower()
    digits = re.match(r"\d+(?:[.,]\d+)?", low)
    assert digits is not None
    core = digits.group().replace(",", ".")
    suffix = low[digits.end():]
    if "." in core:
        return Tok(start, end, s, "n", core)
    v = int(core)
    if suffix in _DECADE_SUFFIX and v % 10 == 0 and (len(core) == 4 or len(core) == 2):
        if len(core) == 2:
            return Tok(start, end, s, "X", ("20" if v < 20 else "19") + core[0])
        return Tok(start, end, s, "X", core[:3])
    if len(core) == 4 and 1000 <= v <= 2100:
        return Tok(start, end, s, "Y", core)
    if 1 <= v <= 31 and len(core) <= 2:
        return Tok(start, end, s, "N", str(v))
    return Tok(start, end, s, "n", str(v))


def _context_rules(toks: list[Tok], text: str) -> None:
    """Readings that depend on the neighbours: capitalised names, modal "may", "среда" (environment)."""
    for k, t in enumerate(toks):
        if t.tag not in _CONTEXT_TAGS:
            continue
        prev = toks[k - 1] if k else None
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.tag == "M" and t.text[0].isupper() and prev is not None and prev.tag not in "|.,N-":
            t.tag = "w"  # "Марта" mid-sentence is a name: Russian months are lower case
        elif t.tag in "JW" and t.text.isascii() and not t.text[0].isupper():
            t.tag = "w"  # English months and weekdays are capitalised
        elif t.tag == "J" and t.text.lower() in ("may", "march", "mar", "jan", "dec", "sept", "aug", "oct",
                                                  "nov", "feb", "apr", "jun", "jul", "sep"):
            near_num = nxt is not None and nxt.tag in "NY"
            if not near_num and not (prev is not None and prev.tag in "vpcsfNE-"):
                t.tag = "w"
        elif t.tag == "W" and _fold(t.text).startswith("сред") and (
            prev is not None and prev.tag not in "vuscpOPQ,|." and not prev.text.isupper()
        ):
            t.tag = "w"  # "окружающая среда"
        elif (t.tag == "P" and _fold(t.text) == "днем" and (
            (prev is not None and _fold(prev.text) in ("с", "со", "за", "каждым", "этим", "тем"))
            or (nxt is not None and _fold(nxt.text) in ("рождения", "ранее", "позже", "раньше", "победы",
                                                      "города", "памяти", "знаний"))
        )) or (t.tag == "S" and t.text.lower() == "fall" and not (
            (prev is not None and prev.tag in "eOv") or (nxt is not None and nxt.tag == "Y")
        )):
            t.tag = "w"
        elif t.tag == "T" and "." in t.text and not (prev is not None and _fold(prev.text) in _CLOCK_PREPS):
            # "2.50" is a number unless "в 18.00"; it needs its value ("за 2.30 часа" counts it)
            t.tag, t.value = "n", t.text.split(":")[0]
        elif (t.tag == "e" and t.text == "A" and nxt is not None and nxt.tag not in "Uh") or (
            t.tag == "I" and (prev is None or prev.tag not in "vpscuof,") and (nxt is None or nxt.tag != "C")
        ):
            t.tag = "w"  # "A" starting a sentence; a roman numeral that is not a century


# --------------------------------------------------------------------------- grammar over tags

_PR = "[vuscp]"
_CNT = "(?:[Nn]n?(?:-[Nn])?f?)"
_PART = "(?:e?[ol]?Hf?e?|E-?)"
_DM = r"(?:N(?:-N)?[Mb]\.?(?:Y(?:G|y\.?)?)?|J\.?N(?:-N)?(?:,?Y)?|e?Nf?J(?:,?Y)?|D)"
_WDP = "(?:[OE]?W[PQ]?)"
_DAYCORE = (
    f"(?:{_WDP}(?:,?v?{_DM})?(?:,?[PQ])?|{_DM}(?:,?v?W)?(?:,?[PQ])?|R[PQ]?(?:,{_DM})?|O[PQ])"
)

#: Families in priority order (a longer span wins; on equal spans the earlier family).
_FAMILIES: list[tuple[str, str]] = [
    ("time", f"{_PR}?(?:Ta?|[Nn]a|[Nn]?h(?:[Nn]U)?[QU]?|[Nn]Q|Q)(?:p?z{{1,2}})?"),
    ("day", f"{_PR}?(?:E?P[v,]?{_DAYCORE}|Q(?:s[NW])?u{_DAYCORE}|Q{_DAYCORE}|E?{_DAYCORE})"),
    ("season", rf"{_PR}?{_PART}?e?[OE]?S(?:f?Y(?:G|y\.?)?|OG)?"),
    ("month", rf"{_PR}?{_PART}?(?:M(?:-M)?|J)(?:,?Y(?:G|y\.?)?|OG|fY)?"),
    ("decade", f"{_PR}?{_PART}?e?E?(?:XG?|[INn]C)"),
    ("year", rf"{_PR}?{_PART}?(?:Y(?:-Y)?(?:G|y\.?)|Y(?:-Y)?)"),
    ("anaphor", f"{_PR}?e?A{{1,2}}[UG]"),
    ("rel", f"{_PR}?{_PART}?e?(?:O{{1,2}}[UGK]|K|[UG])"),
    ("ago", f"{_PR}?(?:{_CNT}|e)?[UhGC]m?g"),
    ("future", f"t(?:{_CNT}|e)?[UhGC]"),
    ("set", f"(?:Z|x{_CNT}?[UhGWQPSK]|{_PR}?L|{_CNT}?r[vep]?e?[UhGK])"),
    ("duration", f"(?:[vuscp]d?)?e?[lO]?(?:{_CNT}|e)?[UhGC](?:{_CNT}[UhGC])?"),
    ("pod", f"{_PR}?e?E?[PQ]"),
]
_COMPILED = [(name, re.compile(pattern)) for name, pattern in _FAMILIES]
_PRIORITY = {name: k for k, (name, _) in enumerate(_FAMILIES)}
_TRIGGERS = frozenset("MJbWLKPQSRAZxrDTXYGCUhHaI")


@dataclass(slots=True)
class Spec:
    """A matched expression, interpreted but not yet resolved against the document date."""

    i: int
    j: int  # token range, half-open
    family: str
    type: str = "DATE"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_rel: int | None = None  # "прошлого года": years from the document year
    weekday: int | None = None
    wmod: int | None = None  # -1 last, 0 this, 1 next
    rel_day: int | None = None
    pod: str | None = None
    hour: int | None = None
    minute: int | None = None
    unit: str | None = None
    offset: int | None = None  # signed count of units (None: vague), or modifier
    season: str | None = None
    value: str | None = None  # a value fixed at parse time (decades, durations, sets)
    precision: str | None = None
    absolute: bool = False  # an explicit day date: may anchor weekdays
    future_only: bool = False
    anaphoric: bool = False
    lang: str = "ru"


_UNIT_PRECISION = {"S": "minute", "MIN": "minute", "H": "hour", "D": "day", "W": "week", "M": "month",
                   "Y": "year", "DE": "year", "CE": "year", "WE": "week"}
_INSTR_PLURAL = frozenset({"годами", "месяцами", "неделями", "часами", "десятилетиями", "веками", "years",
                           "decades", "months", "weeks"})
_PLURAL_MOD = re.compile(r"(?:ие|ые|их|ых|ими|ыми)$")
_PAST_ENG = frozenset({"past", "last", "previous"})
#: Endings of a genitive noun after "накануне" ("накануне выборов, саммита, встречи, праздника").
_GENITIVE_END = re.compile(r"(?:ов|ев|ей|ий|а|я|ы|и)$")
_APPROX = frozenset({"примерно", "около", "почти", "более", "менее", "целую", "целый", "целые", "целых", "всего",
                     "уже", "лишь", "только", "свыше", "порядка", "about", "almost", "nearly", "over", "around",
                     "more", "less", "only", "just", "whole", "entire"})
_GEN_PLURAL = frozenset({"лет", "месяцев", "дней", "недель", "часов", "минут", "десятилетий", "веков", "суток",
                         "years", "months", "days", "weeks", "hours", "minutes", "decades"})
_ACC_SINGULAR = frozenset({"неделю", "год", "месяц", "день", "сутки", "час", "минуту", "секунду", "десятилетие",
                           "век", "полгода", "year", "month", "week", "day", "hour", "minute", "decade"})


def _count(toks: Sequence[Tok]) -> float | None:
    """Value of the count tokens ("двадцать пять" = 25, "несколько" = None, "a" = 1)."""
    nums = [t for t in toks if t.tag in "Nn"]
    if not nums:
        return 1.0
    if any(t.value == "X" for t in nums):
        return None
    vals = [float(t.value) for t in nums]
    if len(vals) == 2 and vals[0] >= 20 and vals[1] < 10:
        return vals[0] + vals[1]
    return vals[0]


def _num_text(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else str(n)


def _duration_value(n: float | None, unit: str) -> str:
    if unit in ("H", "MIN", "S"):
        return f"PT{_num_text(n)}{'M' if unit == 'MIN' else unit}"
    return f"P{_num_text(n)}{unit}"


def _unit_of(t: Tok) -> str:
    if t.tag == "G":
        return "Y"
    if t.tag == "h":
        return "H"
    if t.tag == "C":
        return "CE"
    if t.tag == "K":
        return "WE"
    return t.value


def _pod_of(toks: Sequence[Tok]) -> str | None:
    pods = [t.value for t in toks if t.tag in "PQ"]
    return pods[-1] if pods else None


def _parse(family: str, i: int, j: int, toks: list[Tok], text: str, lang: str = "ru") -> Spec | None:
    span = toks[i:j]
    tags = "".join(t.tag for t in span)
    sp = Spec(i, j, family, lang=lang)
    has_prep = tags[0] in "vuscp"
    first_word = _fold(span[0].text)
    nxt = toks[j] if j < len(toks) else None
    if family == "day":
        return _parse_day(sp, span, tags, nxt)
    if family == "time":
        return _parse_time(sp, span, tags, has_prep, first_word)
    if family in ("month", "year", "season", "decade"):
        return _parse_calendar(sp, span, tags, has_prep, nxt)
    if family == "rel":
        return _parse_rel(sp, span, tags, has_prep)
    if family == "anaphor":
        unit = _unit_of(span[-1])
        if unit not in ("D", "M", "Y", "W"):
            return None
        sp.unit, sp.offset, sp.anaphoric, sp.precision = unit, 0, True, _UNIT_PRECISION[unit]
        return sp
    if family in ("ago", "future"):
        unit_tok = next(t for t in reversed(span) if t.tag in "UhGC")
        unit = _unit_of(unit_tok)
        n = _count(span)
        sign = -1 if family == "ago" else 1
        sp.unit = unit
        sp.offset = None if n is None or n != int(n) else sign * int(n)
        sp.type = "TIME" if unit in ("H", "MIN", "S") else "DATE"
        sp.precision = _UNIT_PRECISION[unit]
        sp.future_only = family == "future"
        return sp
    if family == "set":
        return _parse_set(sp, span, tags)
    if family == "duration":
        return _parse_duration(sp, span, tags, toks, text, nxt)
    if family == "pod":
        if "P" not in tags and not has_prep:
            return None
        if "e" in tags and not has_prep:
            return None
        sp.pod = _pod_of(span)
        if sp.pod in ("MI", "MN"):
            return None
        sp.type, sp.precision = "TIME", "part_of_day"
        return sp
    return None


def _parse_day(sp: Spec, span: list[Tok], tags: str, nxt: Tok | None) -> Spec | None:
    night_on = False
    for k, t in enumerate(span):
        if t.tag == "Q" and t.value == "NI" and "u" in tags[k:]:
            night_on = True
    months = [t for t in span if t.tag in "MJb"]
    if months:
        sp.month = int(months[0].value)
        mpos = span.index(months[0])
        if span[mpos].tag == "J" and mpos + 1 < len(span) and span[mpos + 1].tag == "N":
            sp.day = int(span[mpos + 1].value)
        else:
            days = [t for t in span[:mpos] if t.tag == "N"]
            if not days:
                return None
            # "в ночь с 5 на 6 января": the night is that of the second day
            sp.day = int(days[-1].value) if night_on else int(days[0].value)
        years = [t for t in span if t.tag == "Y"]
        if years:
            sp.year = int(years[0].value)
        sp.absolute = True
    for t in span:
        if t.tag == "D":
            ymd = _numeric_date(t.text, sp.lang)
            if ymd is None:
                return None
            sp.year, sp.month, sp.day = ymd
            sp.absolute = True
    if sp.month is not None and sp.day is not None and not _valid(sp.year or 2000, sp.month, sp.day):
        return None
    wds = [t for t in span if t.tag == "W"]
    if wds:
        sp.weekday = int(wds[0].value)
        k = span.index(wds[0])
        if k and span[k - 1].tag == "O":
            sp.wmod = int(span[k - 1].value)
    rel = [t for t in span if t.tag == "R"]
    if rel:
        sp.rel_day = int(rel[0].value)
        if _fold(rel[0].text) == "накануне" and nxt is not None and len(span) == 1 and (
                nxt.tag in "MWYN" or (nxt.tag == "w" and _GENITIVE_END.search(_fold(nxt.text))
                and not nxt.text[:1].isupper())):
            return None  # "накануне выборов": anchored to an event
        if _fold(rel[0].text) == "tonight":
            sp.pod = "NI"
    mods = [t for t in span if t.tag == "O"]
    if mods and sp.weekday is None and sp.rel_day is None and sp.month is None:
        # "этим утром" / "this morning" = today; "прошлой ночью" / "last night" = yesterday
        off = int(mods[0].value)
        if off > 0 and _fold(mods[0].text) in ("following", "next", "coming"):
            return None
        sp.rel_day = max(-1, min(1, off))
    if not night_on:
        sp.pod = _pod_of(span) or sp.pod
    if sp.pod in ("MI", "MN"):
        sp.hour, sp.minute = (12, 0) if sp.pod == "MI" else (0, 0)
        sp.pod = None
        sp.type, sp.precision = "TIME", "minute"
    elif sp.pod:
        sp.type, sp.precision = "TIME", "part_of_day"
    else:
        sp.precision = "day"
    if sp.month is None and sp.weekday is None and sp.rel_day is None:
        return None
    return sp


def _numeric_date(s: str, lang: str) -> tuple[int, int, int] | None:
    if "-" in s:
        y, m, d = (int(x) for x in s.split("-"))
    else:
        a, b, y = (int(x) for x in re.split(r"[./]", s))
        if "/" in s and (b > 12 or (lang == "en" and a <= 12)):
            a, b = b, a
        d, m = a, b
    return (y, m, d) if _valid(y, m, d) else None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _parse_time(sp: Spec, span: list[Tok], tags: str, has_prep: bool, first_word: str) -> Spec | None:
    pod = None
    hour: int | None = None
    minute: int | None = None
    clocks = [t for t in span if t.tag == "T"]
    if clocks:
        parts = re.split(r"[:.]", clocks[0].text)
        hour, minute = int(parts[0]), int(parts[1])
    nums = [t for t in span if t.tag in "Nn"]
    if "h" in tags:
        hpos = tags.index("h")
        before = [t for t in span[:hpos] if t.tag in "Nn"]
        hour = int(float(before[0].value)) if before and before[0].value != "X" else (1 if not before else None)
        after = [t for t in span[hpos + 1:] if t.tag in "Nn"]
        if after and after[0].value != "X":
            minute = int(float(after[0].value))
        tail = span[-1]
        if tail.tag == "U" and _fold(tail.text) != "дня":
            return None
        if tail.tag == "U":
            pod = "AF"
    elif hour is None and nums:
        if nums[0].value == "X":
            return None
        hour = int(float(nums[0].value))
    qs = [t for t in span if t.tag == "Q"]
    if qs:
        pod = qs[-1].value
    ampm = [t for t in span if t.tag == "a"]
    if hour is None:
        if (pod in ("MI", "MN") and has_prep) or (pod in ("MI", "MN") and "z" in tags) or pod in ("MI", "MN"):
            hour, minute = (12, 0) if pod == "MI" else (0, 0)
        else:
            return None
        pod = None
    if "h" in tags and pod is None and not ampm and not (has_prep and first_word in ("в", "во", "к", "ко", "at")):
        return None  # "за 12 часов", "12 часов": a duration
    if not clocks and "h" not in tags and not ampm and pod not in ("MO", "AF", "EV", "NI", None):
        return None
    if not clocks and "h" not in tags and not ampm and pod is None and not qs:
        return None
    if ampm:
        if ampm[0].value == "p" and hour < 12:
            hour += 12
        elif ampm[0].value == "a" and hour == 12:
            hour = 0
    elif (pod == "EV" and hour < 12) or (pod == "AF" and hour < 7) or (pod == "NI" and 8 <= hour < 12):
        hour += 12
    elif pod in ("AF", "EV", "NI", "MO") and not clocks and "h" not in tags and hour > 12:
        return None
    if hour > 24 or (minute is not None and minute > 59):
        return None
    sp.hour, sp.minute = hour, minute
    sp.type = "TIME"
    sp.precision = "minute" if minute is not None else "hour"
    return sp


def _parse_calendar(sp: Spec, span: list[Tok], tags: str, has_prep: bool, nxt: Tok | None) -> Spec | None:
    part = "H" in tags or "E" in tags
    years = [t for t in span if t.tag == "Y"]
    if years:
        sp.year = int(years[0].value)
    if "OG" in tags:
        sp.year_rel = int(next(t for t in span if t.tag == "O").value)
    if sp.family == "month":
        mon = next(t for t in span if t.tag in "MJ")
        sp.month = int(mon.value)
        if mon.tag == "M" and not (years or has_prep or part or "OG" in tags):
            return None
        sp.precision = "month"
        return sp
    if sp.family == "year":
        bare = not any(t.tag in "Gy" for t in span)
        if not bare and next(t for t in span if t.tag in "Gy").text.isascii():
            return None  # "2000 year"
        if bare and "-" not in tags:
            if not (has_prep or part):
                return None
            if nxt is not None and nxt.tag in "wUhnNGMC" and nxt.text[:1].islower() and not nxt.text.isascii():
                return None  # "в 2014 случаях"
            if nxt is not None and nxt.tag in "Uhn" and nxt.text.isascii():
                return None
        sp.precision = "year"
        return sp
    if sp.family == "decade":
        dec = [t for t in span if t.tag == "X"]
        if dec:
            sp.value = dec[0].value
        else:
            num = next(t for t in span if t.tag in "INn")
            if num.value == "X" or "." in num.value:
                return None
            c = int(num.value)
            if not 1 <= c <= 21:
                return None
            sp.value = f"{c - 1:02d}"
        sp.precision = "year"
        return sp
    # season
    s_tok = next(t for t in span if t.tag == "S")
    sp.season = s_tok.value
    folded = _fold(s_tok.text)
    instr = folded.endswith(("ой", "ом", "ью"))
    mods = [t for t in span if t.tag == "O"]
    if mods and "OG" not in tags:
        sp.wmod = int(mods[0].value)
    if not (years or has_prep or part or mods or instr):
        return None
    sp.precision = "month"
    return sp


def _parse_rel(sp: Spec, span: list[Tok], tags: str, has_prep: bool) -> Spec | None:
    unit_tok = span[-1]
    unit = _unit_of(unit_tok)
    mods = [t for t in span if t.tag == "O"]
    part = "H" in tags
    if unit not in ("W", "M", "Y", "WE", "D"):
        return None
    if mods:
        vals = [int(t.value) for t in mods]
        off = -1 if -1 in vals and len(vals) > 1 else vals[0]
        words = [_fold(t.text) for t in mods]
        if unit != "WE" and any(_PLURAL_MOD.search(w) for w in words):
            return None  # "в ближайшие дни", "последние недели": durations
        if "e" in tags:
            if any(w in _PAST_ENG for w in words) and words[-1] != "previous":
                return None  # "the past week": a duration
            sp.anaphoric = True
        if unit == "D":
            sp.anaphoric = True
        sp.offset = off
    elif unit == "WE":
        if not has_prep:
            return None
        sp.offset = None  # by tense
    else:
        if not part or unit == "D":
            return None
        sp.offset = 0
    if unit in ("D",) and not sp.anaphoric:
        return None
    sp.unit = unit
    sp.precision = _UNIT_PRECISION[unit]
    return sp


def _parse_set(sp: Spec, span: list[Tok], tags: str) -> Spec | None:
    sp.type = "SET"
    if tags == "Z":
        sp.value = span[0].value
        sp.precision = _UNIT_PRECISION.get(sp.value.strip("PT1"), "day")
        return sp
    last = span[-1]
    if last.tag == "L":
        v = last.value
    elif last.tag == "K":
        v = "WE"
    elif last.tag == "W":
        v = last.value
    elif last.tag in "PQ":
        v = last.value
        if v in ("MI", "MN"):
            return None
        sp.value, sp.precision = f"XXXX-XX-XXT{v}", "part_of_day"
        return sp
    elif last.tag == "S":
        sp.value, sp.precision = f"XXXX-{last.value}", "month"
        return sp
    else:
        unit = _unit_of(last)
        if unit == "DE":
            unit = "Y"
        n = _count(span) if "r" not in tags else 1.0
        if n is None or unit not in _UNIT_PRECISION:
            return None
        sp.value, sp.precision = _duration_value(n, unit), _UNIT_PRECISION[unit]
        return sp
    if v == "WE":
        sp.value = "XXXX-WXX-WE"
        sp.precision = "week"
    elif v in ("MO", "AF", "EV", "NI"):
        sp.value, sp.precision = f"XXXX-XX-XXT{v}", "part_of_day"
    else:
        sp.value, sp.precision = f"XXXX-WXX-{v}", "day"
    return sp


def _parse_duration(sp: Spec, span: list[Tok], tags: str, toks: list[Tok], text: str,
                    nxt: Tok | None) -> Spec | None:
    sp.type = "DURATION"
    prev = toks[sp.i - 1] if sp.i else None
    if (nxt is not None and nxt.tag in "ig") or (prev is not None and prev.tag in "it"):
        return None  # "два дня спустя", "спустя два дня": anchored to an event
    if nxt is not None and _fold(nxt.text) in ("earlier", "before", "after", "от", "роду"):
        return None
    units = [(k, t) for k, t in enumerate(span) if t.tag in "UhGC"]
    if "e" in tags and not span[-1].text.isascii():
        return None  # an English article before a Russian unit
    has_count = any(t.tag in "Nn" for t in span) or "e" in tags
    words = [_fold(t.text) for t in span]
    unit_word = words[units[0][0]]
    if any(t.text.isascii() and t.text[:1].isupper() for t in span[1:]) or (
            tags[0] in "UhGCZ" and span[0].text[:1].isupper() and prev is not None and prev.tag not in ".|"):
        return None  # "the Century", "Weekly" inside a name
    if span[0].text.isascii():
        if any(t.tag in "Nn" and t.value not in ("1", "X") for t in span) and unit_word in (
                "year", "month", "week", "day", "hour", "minute", "decade"):
            return None  # "a 19 year sentence": an adjective
    elif "G" in tags and has_count:
        # ages: "в 13 лет", "к восьми годам", "Иванов, 52 года,"
        if words[0] in ("в", "во", "к") and "d" not in tags:
            return None
        if prev is not None and prev.tag == "," and (nxt is None or nxt.tag in ",.|") and tags[0] in "Nn":
            return None
    approx = prev is not None and _fold(prev.text) in _APPROX
    accusative = unit_word in _ACC_SINGULAR
    trigger = ("d" in tags or "l" in tags or (accusative and any(
        w in ("за", "до", "на", "for", "over", "within", "during", "throughout") for w in words))
               or (approx and accusative)
               or any(t.tag == "O" and _PLURAL_MOD.search(_fold(t.text)) for t in span)
               or any(t.tag == "O" and _fold(t.text) in _PAST_ENG | {"next", "coming"} for t in span))
    if not has_count and not trigger and not (len(units) == 1 and words[units[0][0]] in _INSTR_PLURAL):
        return None
    before = text[max(0, span[0].start - 30): span[0].start].lower()
    if "возраст" in before or "исполни" in before or "aged" in before or " age " in before:
        return None
    # value: one or two "count unit" groups
    parts: list[str] = []
    start = 0
    for k, t in units:
        group = span[start:k]
        n = _count(group) if any(g.tag in "Nn" for g in group) else (1.0 if "e" in tags or "d" in tags
                                                                      or any(w in ("за", "на", "до", "for", "within",
                                                                                   "over", "during")
                                                                             for w in words) else None)
        if ("l" in tags or "O" in tags) and not any(g.tag in "Nn" for g in group):
            folded = words[k]
            singular = folded in ("год", "года", "месяц", "неделю", "день", "year", "month", "week", "day",
                                  "месяца", "недели", "дня", "часа", "час")
            n = 1.0 if singular else None
        if approx and accusative and not any(g.tag in "Nn" for g in group):
            n = 1.0
        if (words[k] in _INSTR_PLURAL or words[k] in _GEN_PLURAL) and not any(g.tag in "Nn" for g in group):
            n = None
        parts.append(_duration_value(n, _unit_of(t)))
        start = k + 1
    if len(parts) == 1:
        sp.value = parts[0]
    else:
        first, second = parts
        sp.value = first + second[1:]  # "P1Y" + "P5M" -> "P1Y5M"; "P1D" + "PT5H" -> "P1DT5H"
    sp.precision = _UNIT_PRECISION[_unit_of(units[-1][1])]
    sp.unit = _unit_of(units[0][1])
    return sp


# --------------------------------------------------------------------------- document date


@dataclass(frozen=True, slots=True)
class DocDate:
    year: int | None = None
    month: int | None = None
    day: date | None = None
    precision: str | None = None

    @classmethod
    def parse(cls, value: str | None, precision: str | None = None) -> DocDate:
        if not value:
            return cls()
        m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
        if not m:
            return cls()
        y = int(m.group(1))
        mo = int(m.group(2)) if m.group(2) else None
        d = int(m.group(3)) if m.group(3) else None
        prec = precision or ("day" if d else "month" if mo else "year")
        if prec == "year":
            mo = d = None
        elif prec == "month":
            d = None
        if mo is not None and not 1 <= mo <= 12:
            return cls(y, None, None, "year")
        day = date(y, mo, d) if mo and d and _valid(y, mo, d) else None
        if d and day is None:
            prec = "month"
        return cls(y, mo, day, prec)


# --------------------------------------------------------------------------- resolution


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _resolve_dm(sp: Spec, ctx: DocDate, tense: Tense) -> str | None:
    assert sp.month is not None and sp.day is not None
    if sp.year is not None:
        return f"{sp.year:04d}-{sp.month:02d}-{sp.day:02d}" if _valid(sp.year, sp.month, sp.day) else None
    if ctx.day is not None:
        y = ctx.day.year
        if tense == "fut":
            if not _valid(y, sp.month, sp.day) or date(y, sp.month, sp.day) < ctx.day:
                y += 1
        elif (_valid(y, sp.month, sp.day) and date(y, sp.month, sp.day) > ctx.day) or not _valid(
                y, sp.month, sp.day):
            y -= 1
        return f"{y:04d}-{sp.month:02d}-{sp.day:02d}" if _valid(y, sp.month, sp.day) else None
    if ctx.year is not None and _valid(ctx.year, sp.month, sp.day):
        return f"{ctx.year:04d}-{sp.month:02d}-{sp.day:02d}"
    return None


def _resolve_month(sp: Spec, ctx: DocDate, tense: Tense) -> str | None:
    assert sp.month is not None
    if sp.year is not None:
        return f"{sp.year:04d}-{sp.month:02d}"
    if sp.year_rel is not None:
        return None if ctx.year is None else f"{ctx.year + sp.year_rel:04d}-{sp.month:02d}"
    if ctx.month is not None and ctx.year is not None:
        y = ctx.year
        if tense == "fut" and sp.month < ctx.month:
            y += 1
        elif tense != "fut" and sp.month > ctx.month:
            y -= 1
        return f"{y:04d}-{sp.month:02d}"
    if ctx.year is not None:
        return f"{ctx.year:04d}-{sp.month:02d}"
    return None


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_of(month: int) -> str:
    return {12: "WI", 1: "WI", 2: "WI"}.get(month) or ("SP" if month <= 5 else "SU" if month <= 8 else "FA")


def _resolve_season(sp: Spec, ctx: DocDate, tense: Tense) -> str | None:
    assert sp.season is not None
    if sp.year is not None:
        return f"{sp.year:04d}-{sp.season}"
    if sp.year_rel is not None:
        return None if ctx.year is None else f"{ctx.year + sp.year_rel:04d}-{sp.season}"
    if ctx.month is None or ctx.year is None:
        return None
    current = _season_of(ctx.month)
    start = _SEASON_START[sp.season]
    direction = sp.wmod if sp.wmod is not None else (1 if tense == "fut" else -1 if tense == "past" else 0)
    if sp.season == current:
        # a winter is labelled by the year of its December
        y = ctx.year - (1 if sp.season == "WI" and ctx.month <= 2 else 0)
        if direction != 0 and sp.wmod is not None:
            y += direction
        return f"{y:04d}-{sp.season}"
    if direction > 0:
        y = ctx.year if start > ctx.month else ctx.year + 1
    else:
        y = ctx.year if start <= ctx.month else ctx.year - 1
        if sp.season == "WI" and ctx.month <= 2:
            y -= 1
    return f"{y:04d}-{sp.season}"


def _weekend(ref: date, offset: int | None, tense: Tense) -> str:
    wd = ref.isoweekday()
    if offset is None or offset == 0:
        if tense == "fut" or (offset == 0 and tense != "past"):
            sat = ref + timedelta(days=(6 - wd) % 7) if wd != 7 else ref + timedelta(days=6)
            if wd == 6:
                sat = ref
        else:
            sat = ref - timedelta(days=(wd - 6) % 7) if wd >= 6 else ref - timedelta(days=wd + 1)
    elif offset < 0:
        sat = ref - timedelta(days=(wd - 6) % 7) if wd == 7 else ref - timedelta(days=wd + 1)
        if wd == 7:
            sat -= timedelta(days=7)
    else:
        sat = ref + timedelta(days=(6 - wd) % 7 or 7) if wd < 6 else ref + timedelta(days=13 - wd)
    return _iso_week(sat) + "-WE"


def _weekday_from(ref: date, weekday: int, wmod: int | None, tense: Tense) -> date:
    wd = ref.isoweekday()
    if wmod == 0:
        return ref + timedelta(days=weekday - wd)
    if wmod == -1 or (wmod is None and tense != "fut"):
        back = (wd - weekday) % 7
        if wmod == -1 and back == 0:
            back = 7
        return ref - timedelta(days=back)
    fwd = (weekday - wd) % 7
    if wmod == 1 and fwd == 0:
        fwd = 7
    return ref + timedelta(days=fwd)


@dataclass(slots=True)
class _Resolved:
    spec: Spec
    value: str | None
    start: int
    end: int


def _day_value(sp: Spec, ctx: DocDate, tense: Tense) -> tuple[str | None, bool]:
    """(value of the day, whether resolution must wait for anchors)."""
    if sp.month is not None and sp.day is not None:
        return _resolve_dm(sp, ctx, tense), False
    if sp.rel_day is not None:
        if ctx.day is None:
            return None, False
        return (ctx.day + timedelta(days=sp.rel_day)).isoformat(), False
    return None, sp.weekday is not None


def _with_time(day: str | None, sp: Spec) -> str | None:
    if day is None:
        return None
    if sp.hour is not None:
        return f"{day}T{sp.hour:02d}" + (f":{sp.minute:02d}" if sp.minute is not None else "")
    if sp.pod:
        return f"{day}T{sp.pod}"
    return day


def _first_pass(sp: Spec, ctx: DocDate, tense: Tense) -> tuple[str | None, bool]:
    """Value of an expression that needs no other expression; (value, deferred)."""
    f = sp.family
    if f in ("day", "time"):
        if f == "time" and sp.month is None and sp.rel_day is None and sp.weekday is None:
            return None, True
        day, wait = _day_value(sp, ctx, tense)
        return _with_time(day, sp), wait
    if f == "month":
        return _resolve_month(sp, ctx, tense), False
    if f == "year":
        return (f"{sp.year:04d}" if sp.year is not None else None), False
    if f == "decade":
        return sp.value, False
    if f == "season":
        return _resolve_season(sp, ctx, tense), False
    if f in ("duration", "set"):
        return sp.value, False
    if f == "rel":
        if sp.anaphoric:
            return None, True
        return _resolve_rel(sp, ctx, tense), False
    if f in ("ago", "future"):
        return _resolve_offset(sp, ctx), False
    return None, True  # anaphor, pod


def _resolve_rel(sp: Spec, ctx: DocDate, tense: Tense) -> str | None:
    off = sp.offset
    if sp.unit == "Y":
        return None if ctx.year is None else f"{ctx.year + (off or 0):04d}"
    if sp.unit == "M":
        if ctx.month is None or ctx.year is None:
            return None
        y, m = _shift_month(ctx.year, ctx.month, off or 0)
        return f"{y:04d}-{m:02d}"
    if ctx.day is None:
        return None
    if sp.unit == "W":
        return _iso_week(ctx.day + timedelta(weeks=off or 0))
    if sp.unit == "WE":
        return _weekend(ctx.day, off, tense)
    return None


def _resolve_offset(sp: Spec, ctx: DocDate) -> str | None:
    n = sp.offset
    if n is None:
        return None
    unit = sp.unit
    if unit in ("Y", "DE", "CE"):
        k = n * (10 if unit == "DE" else 100 if unit == "CE" else 1)
        return None if ctx.year is None else f"{ctx.year + k:04d}"
    if unit == "M":
        if ctx.month is None or ctx.year is None:
            return None
        y, m = _shift_month(ctx.year, ctx.month, n)
        return f"{y:04d}-{m:02d}"
    if ctx.day is None:
        return None
    if unit == "W":
        return _iso_week(ctx.day + timedelta(weeks=n))
    if unit == "D":
        return (ctx.day + timedelta(days=n)).isoformat()
    return None  # hours and minutes need the document's clock time


def _precision_of(value: str | None, sp: Spec) -> str | None:
    if value is None or sp.type in ("DURATION", "SET") or sp.season is not None:
        return sp.precision
    if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", value):
        return "minute"
    if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d", value):
        return "hour"
    if "T" in value:
        return "part_of_day"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "day"
    if "W" in value:
        return "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return "month"
    return sp.precision


# --------------------------------------------------------------------------- public API


def find_timexes(
    text: str,
    date_value: str | None = None,
    date_precision: str | None = None,
    tense_at: TenseAt | None = None,
    lang_at: LangAt | None = None,
    sentence_at: Callable[[int], int] | None = None,
) -> list[Timex]:
    """All time expressions of ``text``, resolved against the document date.

    ``tense_at(start, end)`` gives the tense ("past", "fut", "pres" or None) governing a span;
    ``lang_at(offset)`` the language at a position ("ru" by default); ``sentence_at(offset)`` the
    index of the sentence (by default, sentences are cut at . ! ? and line breaks).
    """
    toks = tokenize(text)
    if not toks:
        return []
    tags = "".join(t.tag for t in toks)
    if not any(ch in _TRIGGERS for ch in tags):
        return []
    ctx = DocDate.parse(date_value, date_precision)
    if sentence_at is None:
        sentence_at = _own_sentences(toks)
    # 1. match and interpret
    cands: list[Spec] = []
    for family, pattern in _COMPILED:
        for m in pattern.finditer(tags):
            i, j = m.start(), m.end()
            while j > i and tags[j - 1] in ".,-" and not (tags[j - 1] == "." and j - 2 >= i and tags[j - 2] in "yb"):
                j -= 1
            if j <= i:
                continue
            lang = lang_at(toks[i].start) if lang_at else ("en" if toks[i].text.isascii() else "ru")
            parsed = _parse(family, i, j, toks, text, lang)
            if parsed is not None:
                cands.append(parsed)
    # 2. longest first, then family priority; no overlaps
    cands.sort(key=lambda s: (-(toks[s.j - 1].end - toks[s.i].start), _PRIORITY[s.family], s.i))
    taken = bytearray(len(toks))
    chosen: list[Spec] = []
    for sp in cands:
        if any(taken[sp.i:sp.j]):
            continue
        if sentence_at(toks[sp.i].start) != sentence_at(toks[sp.j - 1].start):
            continue
        taken[sp.i:sp.j] = b"\x01" * (sp.j - sp.i)
        chosen.append(sp)
    chosen.sort(key=lambda s: s.i)
    chosen = _merge_day_time(chosen, toks, tags)
    _carry_years(chosen, toks)
    # 3. resolve
    out: list[_Resolved] = []
    deferred: list[int] = []
    for sp in chosen:
        start, end = toks[sp.i].start, toks[sp.j - 1].end
        tense = tense_at(start, end) if tense_at else None
        if sp.future_only and tense == "past":
            continue
        try:
            value, wait = _first_pass(sp, ctx, tense)
        except (OverflowError, ValueError):  # beyond the calendar ("через 9999999999 дней", 9999-12-31 + 1 day)
            value, wait = None, False
        if wait:
            deferred.append(len(out))
        out.append(_Resolved(sp, value, start, end))
    anchors: list[tuple[int, str | None]] = [
        (r.start, r.value) for r in out if r.spec.absolute and r.value and len(r.value) >= 10]
    for k in range(len(out)):
        if k not in deferred:
            continue
        r = out[k]
        sp = r.spec
        tense = tense_at(r.start, r.end) if tense_at else None
        if sp.weekday is not None:
            day_value: str | None = None
            try:
                if ctx.day is not None:
                    day_value = _weekday_from(ctx.day, sp.weekday, sp.wmod, tense).isoformat()
                else:  # the text fixes the week: the weekday of the week of the nearest explicit day date
                    anchor = _nearest_anchor(anchors, r.start)
                    day_value = None if anchor is None or sp.wmod is not None else (
                        anchor + timedelta(days=sp.weekday - anchor.isoweekday())).isoformat()
            except OverflowError:  # a week beyond 9999-12-31 or before 0001-01-01
                pass
            r.value = _with_time(day_value, sp)
        elif sp.anaphoric:
            r.value = _anaphor(sp, out[:k])
        else:  # a part of day or a clock time alone: the day of the sentence, else the document day
            day = _day_of_sentence(out[:k], sentence_at, r.start)
            if day is None and ctx.day is not None:
                day = ctx.day.isoformat()
            r.value = _with_time(day, sp)
    result: list[Timex] = []
    for r in out:
        sp = r.spec
        value = None if r.value and _OUT_OF_CALENDAR.match(r.value) else r.value  # "10001", "-97978": no guess
        result.append(Timex(start=r.start, end=r.end, text=text[r.start:r.end], type=sp.type,  # type: ignore[arg-type]
                            value=value, precision=_precision_of(value, sp)))  # type: ignore[arg-type]
    return result


#: A calendar value whose year is not 0001..9999 (reckoned from a document date at the calendar's edge,
#: or from a huge count): ISO 8601 dates cannot say it, so it stays unresolved.
_OUT_OF_CALENDAR = re.compile(r"-|\d{5}|0000(?!\d)")


def _nearest_anchor(anchors: list[tuple[int, str | None]], pos: int) -> date | None:
    """The explicit day date nearest to ``pos`` in the text (the preceding one on a tie)."""
    best: tuple[int, int] | None = None
    best_value: str | None = None
    for start, value in anchors:
        dist = (abs(start - pos), 0 if start <= pos else 1)
        if best is None or dist < best:
            best, best_value = dist, value
    if best_value is None:
        return None
    y, m, d = (int(x) for x in best_value[:10].split("-"))
    return date(y, m, d)


def _anaphor(sp: Spec, before: list[_Resolved]) -> str | None:
    width = {"D": 10, "W": 8, "M": 7, "Y": 4}.get(sp.unit or "", 0)
    for r in reversed(before):
        v = r.value
        if not v or r.spec.type not in ("DATE", "TIME") or not v[:1].isdigit():
            continue
        if sp.unit == "W" and len(v) >= 10 and "W" not in v:
            return _iso_week(date.fromisoformat(v[:10]) + timedelta(weeks=sp.offset or 0))
        if len(v) < width or (sp.unit != "W" and "W" in v[:width]):
            continue
        base = v[:width]
        off = sp.offset or 0
        if sp.unit == "D":
            return (date.fromisoformat(base) + timedelta(days=off)).isoformat()
        if sp.unit == "M":
            y, m = _shift_month(int(base[:4]), int(base[5:7]), off)
            return f"{y:04d}-{m:02d}"
        if sp.unit == "Y":
            return f"{int(base) + off:04d}"
        return None
    return None


def _day_of_sentence(before: list[_Resolved], sentence_at: Callable[[int], int], pos: int) -> str | None:
    sent = sentence_at(pos)
    for r in reversed(before):
        if sentence_at(r.start) != sent:
            break
        if r.value and re.match(r"\d{4}-\d\d-\d\d", r.value):
            return r.value[:10]
    return None


def _merge_day_time(chosen: list[Spec], toks: list[Tok], tags: str) -> list[Spec]:
    """"6 января в 18:00", "в 18:00 6 января": one TIME with the day of the date."""
    out: list[Spec] = []
    for sp in chosen:
        if out:
            prev = out[-1]
            gap = tags[prev.j:sp.i]
            pair = {prev.family, sp.family}
            if gap in ("", ",") and pair == {"day", "time"}:
                day, clock = (prev, sp) if prev.family == "day" else (sp, prev)
                if day.pod is None or gap == "":
                    merged = Spec(prev.i, sp.j, "day", type="TIME", year=day.year, month=day.month, day=day.day,
                                  weekday=day.weekday, wmod=day.wmod, rel_day=day.rel_day, hour=clock.hour,
                                  minute=clock.minute, precision=clock.precision, absolute=day.absolute,
                                  lang=day.lang)
                    out[-1] = merged
                    continue
        out.append(sp)
    return out


def _carry_years(chosen: list[Spec], toks: list[Tok]) -> None:
    """"с 16 апреля по 19 мая 2019 года", "в ноябре-декабре 2021 года": the first takes the second's year."""
    for a, b in pairwise(chosen):
        if a.year is not None or b.year is None or a.month is None or (b.month or 13) < a.month:
            continue
        between = [_fold(t.text) for t in toks[a.j:b.i]]
        day_range = a.family == "day" and b.family == "day" and between in ([], ["-"], ["по"], ["до"], ["и"], [","])
        month_range = a.family == "month" and b.family in ("month", "day") and between in ([], ["-"], ["и"])
        if day_range or month_range:
            a.year = b.year


def _own_sentences(toks: list[Tok]) -> Callable[[int], int]:
    starts = [0]
    for k, t in enumerate(toks[:-1]):
        if t.tag == "|" or (t.tag == "." and t.text in _SENT_END and toks[k + 1].text[:1].isupper()):
            starts.append(toks[k + 1].start)

    def sentence_at(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    return sentence_at


# --------------------------------------------------------------------------- the pipeline stage

_FUTURE_WORDS = frozenset({"will", "'ll", "shall", "wo"})
#: Words that announce a scheduled event without a future-tense verb ("релиз запланирован на 30 июня").
_FUTURE_CUES = ("запланирован", "намечен", "планируется", "планируют", "назначен", "scheduled")


def _tense_finder(a: Analysis) -> TenseAt | None:
    if not a.tokens or not a.sentences:
        return None
    sent_starts = [s.start for s in a.sentences]
    cache_: dict[int, list[tuple[int, str]]] = {}

    def verbs(k: int) -> list[tuple[int, str]]:
        got = cache_.get(k)
        if got is None:
            s = a.sentences[k]
            got = []
            for t in a.tokens[s.first_token:s.last_token]:
                low = t.text.lower()
                if (low in _FUTURE_WORDS and t.lang == "en") or _fold(low).startswith(_FUTURE_CUES):
                    got.append((t.start, "fut"))
                elif t.pos in ("VERB", "AUX"):
                    tense = t.feats.get("Tense")
                    if tense == "Past" and t.feats.get("VerbForm", "Fin") == "Fin":
                        got.append((t.start, "past"))
                    elif tense == "Fut":
                        got.append((t.start, "fut"))
                    elif tense == "Pres" and t.feats.get("VerbForm", "Fin") == "Fin":
                        got.append((t.start, "pres"))
            cache_[k] = got
        return got

    def tense_at(start: int, end: int) -> Tense:
        k = bisect.bisect_right(sent_starts, start) - 1
        if k < 0:
            return None
        found = verbs(k)
        if not found:
            return None
        return min(found, key=lambda v: min(abs(v[0] - start), abs(v[0] - end)))[1]

    return tense_at


def extract(a: Analysis) -> None:
    """Fill ``a.timexes`` (see the module docstring for the conventions)."""
    langs = [(s.start, s.lang) for s in a.languages]
    lang_starts = [s for s, _ in langs]

    def lang_at(pos: int) -> str:
        k = bisect.bisect_right(lang_starts, pos) - 1
        return langs[k][1] if k >= 0 else "ru"

    sentence_at = None
    if a.sentences:
        starts = [s.start for s in a.sentences]

        def sentence_at(pos: int) -> int:
            return bisect.bisect_right(starts, pos) - 1

    a.timexes = find_timexes(a.text, a.doc.date, a.doc.date_precision, _tense_finder(a),
                             lang_at if langs else None, sentence_at)
