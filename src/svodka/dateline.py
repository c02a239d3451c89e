"""The publication date of a plain text, read from its dateline or its page stamp.

Crawled and pasted news often carry no date of their own, or only the date the page was fetched;
the publication date is then written in the text itself, at the top or at the bottom:

* labelled stamps: "время публикации: 15 декабря 2020 г., 09:10", "Опубликовано 06.01.2022 14:05",
  "Published: Jan 6, 2022" (an "Обновлено"/"Updated" stamp is only a fallback: it is later than the
  publication);
* agency datelines: "МОСКВА, 6 января. /ТАСС/", "АЛМАТЫ, 6 янв — РИА Новости.", "LONDON, Jan 6
  (Reuters) -", "ТАСС, 24 ноября.";
* bare stamps at the start or end of a line: "06.01.2022, 14:05", "28 января 2021, 8:03",
  "Title 04.11.2018", "Jan 6, 2022", "6 January 2022".

Only the first lines and the last lines are read (stamps live there), and a date counts only in the
shape of a stamp: at a line's edge, labelled, or after a city, never after a preposition ("от
09.02.2018", "в среду, 29 апреля 2020 года"), so a date merely mentioned in the story is not taken.
A dateline without a year ("МОСКВА, 6 января") takes the year of the reference (crawl) date, and no
date is ever later than the reference. Month names come from the time lexicon
(``svodka/data/time_words.tsv``). Relative stamps ("Сегодня, 1:34") are not read.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

#: How far into the text, and into how many non-empty lines, a heading stamp is looked for.
HEAD_CHARS = 1000
HEAD_LINES = 10
#: The tail window: the last lines, within this many characters of the end.
TAIL_CHARS = 500
TAIL_LINES = 3
#: A stamp in the middle of a head line must start within this many characters of the line start.
MID_LINE_CHARS = 200
#: Of a longer line only this many first (and half as many last) characters are read.
_EDGE = 320

Kind = Literal["published", "dateline", "stamp", "tail", "updated"]
#: Preference among candidates: a labelled publication stamp first, an update stamp last.
_RANK: dict[str, int] = {"published": 0, "dateline": 1, "stamp": 2, "tail": 3, "updated": 4}


@dataclass(frozen=True, slots=True)
class Dateline:
    """A publication date found in the text: ``date`` is ``YYYY-MM-DD`` (precision ``day``) or
    ``YYYY-MM-DDTHH:MM`` (precision ``minute``); ``text[start:end]`` is the stamp it was read from."""

    date: str
    precision: Literal["day", "minute"]
    start: int
    end: int
    kind: Kind


# --------------------------------------------------------------------------- vocabulary


@cache
def _months() -> tuple[dict[str, int], dict[str, int]]:
    """Russian (full and abbreviated, any case) and English month forms -> month number."""
    from svodka.stages.time import lexicon

    ru: dict[str, int] = {}
    en: dict[str, int] = {}
    for form, word in lexicon().items():
        if word.category in ("month", "month_abbr"):
            ru[form] = int(word.value)
        elif word.category == "month_en":
            en[form] = int(word.value)
    return ru, en


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


_TIME = r"(?P<H{n}>[01]?\d|2[0-3]):(?P<M{n}>[0-5]\d)(?!\d)(?:\s*(?P<ap{n}>[AaPp]\.?\s?[Mm]\.?)(?!\w))?"


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """One regular expression per date shape, each with an optional clock time before or after."""
    ru, en = _months()
    ru_alt = _alternation(list(ru))
    en_alt = _alternation([v for f in en if len(f) >= 3 for v in (f.capitalize(), f.upper())])
    year = r"(?P<y>(?:19|20)\d\d)(?!\d)"
    ru_year_word = r"(?:\s*(?P<yw>г\.|года\b|г\b))?"
    shapes = {
        # 15 декабря 2020 г. / 6 янв / 2 Ноябрь, 2018
        "ru": rf"(?<![\w.])(?P<d>[0-3]?\d)\s*(?P<mon>{ru_alt})(?![а-яё])\.?(?:\s*,?\s*{year}{ru_year_word})?",
        # 06.01.2022 / 05/08/2008
        "num": rf"(?<![\w.,/])(?P<d>[0-3]?\d)(?P<sep>[./])(?P<m>[01]?\d)(?P=sep)(?:{year}|(?P<yy>[12]\d)(?!\d|[.,/]\d))"
               r"(?![.,/]?\d)",
        # 2022-01-06
        "iso": rf"(?<![\w./-]){year}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])",
        # Jan 6, 2022 / January 6th 2022
        "en_md": rf"(?<![\w.])(?P<mon>{en_alt})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\w:])(?:,?\s+{year})?",
        # 6 January 2022 / 6th Jan 2022
        "en_dm": rf"(?<![\w.])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>{en_alt})\.?(?![a-z])(?:,?\s+{year})?",
    }
    before = rf"(?:{_TIME.format(n=0)}(?:\s|&nbsp;?)*[,|]?\s*)?"
    # after the date: ", 09:10", " 14:05", " в 14:05", " at 10:15 am", " | 14:05"
    after = rf"(?:(?:T|\s*(?:(?:[,|•·]|\s[-–—]\s)\s*)?(?P<at>(?:в|at)\s+)?){_TIME.format(n=1)})?"
    out = []
    for name, shape in shapes.items():
        flags = re.IGNORECASE if name in ("ru", "num", "iso") else 0
        out.append((name, re.compile(before + shape + after, flags)))
    return out


_NUMBER_START = re.compile(r"(?<!\d)\d")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_EN_MONTH_START = re.compile("(?<![A-Za-z])(?:" + "|".join(f"{m}|{m.upper()}" for m in _EN_MONTHS) + ")")
_SEGMENT_SPLIT = re.compile(r"\s[|•·]\s|\s{3,}")
_LABEL_PUB = re.compile(
    r"[\s\W]*(?:(?:дата|время)\s+(?:публикации|создания|выхода|размещения)|опубликован[оа]?|размещен[оа]?|"
    r"публикация|(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|date(?:\s+published)?|дата)"
    r"\s*[:\-–—]?\s*(?:(?:в|on)\s+)?$",
    re.IGNORECASE,
)
_LABEL_UPD = re.compile(
    r"[\s\W]*(?:(?:последнее\s+)?обновлени[ея]|обновлен[оа]?|изменен[оа]?|(?:last\s+)?updated(?:\s+on)?|"
    r"(?:last\s+)?modified|дата\s+изменения)\s*[:\-–—]?\s*(?:(?:в|on)\s+)?$",
    re.IGNORECASE,
)
# "МОСКВА, ", "Санкт-Петербург, ", "Москва. ", "Корреспондент.net, ", "NEW YORK, "
_CITY = re.compile(r"^[\s\W]*?(?P<city>(?:[A-ZА-ЯЁ][\w\-]*(?:\.-?[\w]+)*\.?\s+){0,2}[A-ZА-ЯЁ][\w\-]*"
                   r"(?:\.-?[\w]+)*)\s*[,.]\s*$")
# what may follow a dateline: a dash, /ТАСС/, (Reuters), an agency in capitals (ПРАЙМ, INTERFAX.RU)
_AGENCY = re.compile(r"^\s*[.,]?\s*(?:[-–—]|/[^/\n]{2,40}/|\([A-ZА-ЯЁ][\w .-]{1,30}\)|"
                     r"[A-ZА-ЯЁ][A-ZА-ЯЁ0-9.\-]{2,}(?![a-zа-яё]))")
_BODY_BEFORE = re.compile(
    r"(?:^|[\s(«\"])(?:от|с|со|до|по|на|к|ко|в|во|о|об|за|после|перед|между|около|из|и|или|"
    r"from|on|since|until|till|by|of|to|at|in|and|or|before|after|"
    r"понедельник|вторник|среду|среда|четверг|пятницу|пятница|субботу|суббота|воскресенье|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|года?|г\.)\s*,?\s*$",
    re.IGNORECASE,
)
_EVENT_TIME_AFTER = re.compile(r"^\s*(?:по\s+(?:местному|московскому|киевскому|\w+\s+)времени|утра|вечера|"
                               r"дня|ночи|local\s+time)", re.IGNORECASE)
_SEPARATORS = re.compile(r"^[\s|•·:\-–—/,]*$")
_WEEKDAY_ONLY = re.compile(r"^[\s\W]*(?P<w>(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
                           r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Candidate:
    rank: int
    start: int
    end: int
    date: str
    precision: Literal["day", "minute"]
    kind: Kind


def find_dateline(text: str, reference: str | None = None) -> Dateline | None:
    """The publication date written in ``text``'s dateline or stamp, or None.

    ``reference`` is the crawl (or otherwise latest possible) date, ``YYYY[-MM[-DD]]...``: it gives
    the year to a dateline without one, and no date later than it (by more than a day, for time
    zones) is returned.
    """
    ref = _reference(reference)
    found: list[_Candidate] = []
    for line_start, line, where in _window_lines(text):
        for seg_start, seg in _segments(line):
            found += _candidates(seg, line_start + seg_start, where, ref, text)
    if not found:
        return None
    best = min(found, key=lambda c: (c.rank, c.start))
    if best.precision == "day":
        # the same day with its clock time elsewhere ("05/08/2008 10:35" above "БИШКЕК, 5 августа")
        timed = [c for c in found if c.precision == "minute" and c.date[:10] == best.date
                 and c.rank < _RANK["updated"]]
        if timed:
            best = min(timed, key=lambda c: (c.rank, c.start))
    return Dateline(best.date, best.precision, best.start, best.end, best.kind)


def _reference(value: str | None) -> tuple[int, date | None] | None:
    """(year, latest day or None) of a reference date string; None when absent or unreadable.
    A month-precise reference ("2022-01") allows its whole month."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m or int(m[1]) < 1:
        return None
    year = int(m[1])
    try:
        if m[3]:
            return year, date(year, int(m[2]), int(m[3]))
        if m[2]:
            return year, date(year, int(m[2]), calendar.monthrange(year, int(m[2]))[1])
    except ValueError:
        pass
    return year, None


def _window_lines(text: str) -> list[tuple[int, str, str]]:
    """(offset, line, "title"|"head"|"tail") of the lines where stamps are looked for."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append((pos, raw))
        pos += len(raw) + 1
    head = [(s, ln, "title" if i == 0 else "head") for i, (s, ln) in enumerate(lines[:HEAD_LINES]) if s < HEAD_CHARS]
    tail_from = max(len(head), len(lines) - TAIL_LINES)
    tail = [(s, ln, "tail") for s, ln in lines[tail_from:] if s + len(ln) > len(text) - TAIL_CHARS]
    return head + tail


def _segments(line: str) -> list[tuple[int, str]]:
    """A line cut at " | " and wide gaps: "Автор | 6 января 2022 | Политика" has three stamps' places."""
    if "|" not in line and "•" not in line and "·" not in line and "   " not in line:
        return [(0, line)]
    out = []
    pos = 0
    for m in _SEGMENT_SPLIT.finditer(line):
        out.append((pos, line[pos:m.start()]))
        pos = m.end()
    out.append((pos, line[pos:]))
    return [(s, seg) for s, seg in out if seg.strip()]


def _candidates(seg: str, offset: int, where: str, ref: tuple[int, date | None] | None,
                text: str) -> list[_Candidate]:
    found: list[tuple[int, int, str, re.Match[str]]] = []
    # a stamp sits at the start or the end of a line: a long paragraph is only read at its two ends
    windows = [(0, len(seg))] if len(seg) <= 2 * _EDGE else [(0, _EDGE), (len(seg) - _EDGE // 2, len(seg))]
    for lo, hi in windows:
        # every date shape starts with a number (a day, a year, a clock time) or an English month:
        # the patterns are tried only there, not at every character
        digits = [m.start() for m in _NUMBER_START.finditer(seg, lo, hi)]
        if not digits:
            continue
        months = [m.start() for m in _EN_MONTH_START.finditer(seg, lo, hi)]
        for name, pattern in _patterns():
            for pos in (digits + months if name == "en_md" else digits):
                m = pattern.match(seg, pos, hi)
                if m is not None:
                    found.append((m.start(), m.end(), name, m))
    # overlapping matches of different shapes: keep the longest
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    for f in found:
        if not kept or f[0] >= kept[-1][1]:
            kept.append(f)
    out = []
    for start, end, name, m in kept:
        cand = _judge(seg, start, end, name, m, where, ref, text)
        if cand is not None:
            kind, span_start, span_end, value, precision = cand
            out.append(_Candidate(_RANK[kind], offset + span_start, offset + span_end, value, precision, kind))
    return out


def _judge(seg: str, start: int, end: int, name: str, m: re.Match[str], where: str,
           ref: tuple[int, date | None] | None, text: str
           ) -> tuple[Kind, int, int, str, Literal["day", "minute"]] | None:
    """Whether this date has the shape of a stamp here, and its value; None if it is a mention."""
    prefix, suffix = seg[:start], seg[end:]
    short_year = m.groupdict().get("yy") is not None
    has_year = m.group("y") is not None or short_year
    has_time = m.group("H0") is not None or m.group("H1") is not None
    numeric = name in ("num", "iso")
    year_word = (m.groupdict().get("yw") or "").lower()
    if m.group("H1") is not None and m.group("at") and not has_year:
        has_time = False  # "6 января в 14:00" is an event time, not a stamp
    kind: Kind | None = None
    span_start, span_end = start, end
    label = _LABEL_PUB.match(prefix) or _LABEL_UPD.match(prefix)
    standalone = _SEPARATORS.match(suffix) is not None
    if label is not None:
        kind = "published" if label.re is _LABEL_PUB else "updated"
        span_start = label.start() + len(label.group()) - len(re.sub(r"^[\s\W]+", "", label.group()))
    elif short_year and not has_time:
        return None  # "12.12.20" alone may be anything; with a label or a clock time it is a stamp
    elif _WEEKDAY_ONLY.match(prefix) and standalone and has_year:
        kind = "stamp"  # "Четверг, 21/01/2021" on its own
        span_start = _WEEKDAY_ONLY.match(prefix).start("w")  # type: ignore[union-attr]
    elif _BODY_BEFORE.search(prefix) or _EVENT_TIME_AFTER.match(suffix):
        return None
    elif year_word.startswith("год") and not (standalone and _SEPARATORS.match(prefix) and where != "tail"):
        return None  # "6 января 2022 года (в 23:55) ..." is prose; a line of its own is a stamp
    elif where == "tail":
        # a bare date closing a text may head the last item of a chronology: only a timed stamp
        if not (_SEPARATORS.match(prefix) and _SEPARATORS.match(suffix)) or not (has_year and has_time):
            return None
        kind = "tail"
    else:
        city = _CITY.match(prefix)
        agency = _AGENCY.match(suffix)
        at_start = _SEPARATORS.match(prefix) is not None
        at_end = not suffix.strip()
        if city is not None and not at_start:
            name_ = city.group("city")
            caps = sum(c.isupper() for c in name_) >= 3 and not any(c.islower() for c in name_)
            sentence_follows = re.match(r"\.\s+[A-ZА-ЯЁ«\"]", suffix) is not None
            if (caps or agency is not None or has_time or (at_end and has_year)
                    or ((at_end or sentence_follows) and _is_place(name_))):
                kind = "dateline"
                span_start = city.start("city")
                if agency is not None:
                    span_end = end + agency.end()
        elif at_start:
            if has_time or numeric or (has_year and (at_end or _SEPARATORS.match(suffix[:2] or " "))):
                kind = "stamp"
            elif agency is not None and agency.group().strip()[:1] not in "-–—":
                kind = "dateline"  # "6 января. /ТАСС/"
                span_end = end + agency.end()
        elif at_end and (numeric or has_time):
            kind = "stamp"  # "Title 04.11.2018"
        elif start <= MID_LINE_CHARS and has_time and has_year:
            kind = "stamp"  # "Title 31.10.2018 21:24 Фото: ..." glued in one line
        elif where == "title" and numeric and re.match(r"\s+[A-ZА-ЯЁ«\"]", suffix):
            kind = "stamp"  # "Title 11.11.2018 По словам адвоката ...": title, stamp and lede glued
        if kind is None:
            return None
    value = _value(m, name, ref, text)
    if value is None:
        return None
    return kind, span_start, span_end, value[0], value[1]


def _value(m: re.Match[str], name: str, ref: tuple[int, date | None] | None, text: str
           ) -> tuple[str, Literal["day", "minute"]] | None:
    """The ISO value of a matched date (and time), or None if impossible or after the reference."""
    ru, en = _months()
    day = int(m.group("d"))
    if name in ("ru",):
        month = ru.get(m.group("mon").lower().replace("ё", "е"), 0)
    elif name in ("en_md", "en_dm"):
        month = en.get(m.group("mon").lower(), 0)
    else:
        month = int(m.group("m"))
        if name == "num" and m.group("sep") == "/" and month > 12 >= day:
            day, month = month, day
        elif name == "num" and m.group("sep") == "/" and month <= 12 and day <= 12 and _latin(text):
            day, month = month, day  # 05/08/2008 in an English text is May 8
    latest = None
    if ref is not None:
        latest = ref[1] + timedelta(days=1) if ref[1] is not None else date(ref[0], 12, 31)
    if m.group("y") is not None:
        years = [int(m.group("y"))]
    elif m.groupdict().get("yy") is not None:
        years = [2000 + int(m.group("yy"))]
    elif ref is not None:
        years = [ref[0], ref[0] - 1]
    else:
        return None
    found: date | None = None
    for year in years:
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if latest is None or candidate <= latest:
            found = candidate
            break
    if found is None:
        return None
    hour_g, minute_g, ap_g = ("H0", "M0", "ap0") if m.group("H0") is not None else ("H1", "M1", "ap1")
    if m.group(hour_g) is None or (hour_g == "H1" and m.group("at") and m.group("y") is None):
        return found.isoformat(), "day"
    hour, minute = int(m.group(hour_g)), int(m.group(minute_g))
    ap = (m.group(ap_g) or "").lower()
    if ap.startswith("p") and hour < 12:
        hour += 12
    elif ap.startswith("a") and hour == 12:
        hour = 0
    if hour > 23:
        return found.isoformat(), "day"
    return f"{found.isoformat()}T{hour:02d}:{minute:02d}", "minute"


def _latin(text: str) -> bool:
    """More Latin letters than Cyrillic ones in the first kilobyte."""
    head = text[:1000]
    latin = len(re.findall(r"[A-Za-z]", head))
    return latin > len(re.findall(r"[А-Яа-яЁё]", head))


def _is_place(name: str) -> bool:
    """A title-case word before a date on its own line is a dateline only if it names a place."""
    from svodka.gazetteer import gazetteer

    return bool(gazetteer().candidates(name))
