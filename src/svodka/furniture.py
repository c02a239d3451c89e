"""Page furniture in crawled plain text: what is not the article.

A crawl turns a web page into text with its menus, cookie notices, "Читайте также" lists, share
buttons, counters, comment forms and imprint still in it; each of them becomes false entities and
events if analysed. This module finds them, line by line, and returns the spans of the text that
are the article (``body``); the text itself is never changed, so every offset stays valid.

How a line is judged:

* **Phrases** of page templates (``svodka/data/furniture.tsv``: "Вы используете устаревшую версию
  браузера", "Подписывайтесь на наш канал", "Комментариев: 0", "Фото: ...") mark a line, a short
  sentence or just the phrase as furniture.
* **Headings** ("Читайте также", "Смотрите также:", "Комментарии") open a list: the items that
  follow go with them as long as the list keeps its shape (stamped headlines, a repeated label,
  teasers cut with "…", plain titles), descriptions only once three items agree; a comment thread
  goes to the end of the page when a comment form or sign-in prompt shows it is one.
* **Structure**: a line repeated from earlier in the page, runs of teasers, dates and counters and
  runs of menu words above or below the article, one-word section labels above the title, and the
  list-like lines below the last paragraph once a notice has closed the article.
* **Stamps**: the page stamp found by :mod:`svodka.dateline` ("Title 04.11.2018").

It is conservative by design: a sentence of the article is never removed for being short, a line of
prose only by a template phrase or a heading's list, and a long sentence only when two template
phrases vouch for it, because a false removal loses facts while a missed menu costs a false entity.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from svodka.dateline import Dateline
from svodka.lexicon import lines as data_lines

#: A line longer than this is never removed by a line-scope pattern (it holds more than a label).
LINE_MAX = 200
#: A sentence longer than this is removed only when two template phrases vouch for it: crawls glue
#: notices to the article ("Подписывайтесь на наш канал Премьер-министр Дании ...").
SENTENCE_MAX = 200
#: A title-like line is at most this long.
HEADLINE_MAX = 160
#: A line of prose (a paragraph of the article) is at least this long.
PROSE_MIN = 80
#: (length, sentences) a line opened by a line-scope phrase of this kind may have and still be all
#: furniture: a credit or a byline is short ("Фото: Reuters"), a footer opened by "©" has a few sentences.
_LINE_LIMITS = {"credit": (100, 2), "byline": (100, 2), "source": (160, 2), "tags": (LINE_MAX, 1),
                "copyright": (LINE_MAX, 4)}
#: A line left with fewer letters than this once its furniture pieces are out is a scrap: all furniture.
SCRAP_LETTERS = 8
#: A line this long after a heading is a paragraph of the article: the heading's list stops there.
PARAGRAPH_MIN = 400
#: A description under an item of a list (a teaser, a caption) is at most this long.
DESCRIPTION_MAX = 320


@dataclass(frozen=True, slots=True)
class Furniture:
    """The result for one text: ``body`` are the (start, end) spans of the article, ``spans`` the
    (start, end, kind) spans of furniture; both in text offsets, sorted, not overlapping."""

    body: list[tuple[int, int]]
    spans: list[tuple[int, int, str]]

    @property
    def found(self) -> bool:
        return bool(self.spans)


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Rules:
    line: list[_Pattern]
    block: list[_Pattern]
    heading: list[_Pattern]
    keyed: list[tuple[str, _Pattern]]  # (scope, pattern) of the sentence and phrase patterns
    word_keys: dict[str, list[tuple[str, int]]]  # first four letters -> (key word, index into ``keyed``)
    substring_keys: list[tuple[str, list[int]]]


@cache
def _rules() -> _Rules:
    """The patterns of ``furniture.tsv`` by scope, with the key index of the unanchored ones."""
    anchored: dict[str, list[_Pattern]] = {"line": [], "block": [], "heading": []}
    keyed: list[tuple[str, _Pattern]] = []
    word_keys: dict[str, list[tuple[str, int]]] = {}
    substring_keys: dict[str, list[int]] = {}
    for row in data_lines("furniture.tsv"):
        cols = row.split("\t", 3)
        if len(cols) != 4:
            raise ValueError(f"furniture.tsv: expected 4 columns in {row!r}")
        scope, kind, keys, body = (c.strip() for c in cols)
        if scope in ("line", "block"):
            body = rf"^[\s\W]*?(?:{body})"
        elif scope == "heading":
            body = rf"^[\s\W]*(?:{body})\s*[:.!»>→]?\s*(?:\(?\d+\)?)?\s*:?\s*$"
        elif scope not in ("sentence", "phrase"):
            raise ValueError(f"furniture.tsv: unknown scope {scope!r} in {row!r}")
        pattern = _Pattern(kind, re.compile(body, re.IGNORECASE))
        if scope in anchored:
            anchored[scope].append(pattern)
            continue
        index = len(keyed)
        keyed.append((scope, pattern))
        if keys in ("", "-"):
            raise ValueError(f"furniture.tsv: a {scope} pattern needs keys: {row!r}")
        for key in keys.lower().split(","):
            key = key.strip()
            if len(key) >= 4 and key.isalpha():
                word_keys.setdefault(key[:4], []).append((key, index))
            elif key:
                substring_keys.setdefault(key, []).append(index)
    return _Rules(anchored["line"], anchored["block"], anchored["heading"], keyed, word_keys,
                  list(substring_keys.items()))


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[»\"”)]*\s+(?=[«\"“(]?[A-ZА-ЯЁ0-9])")
#: Abbreviations after which a full stop does not end a sentence ("г. Москва, ул. Тверская, д. 7").
_ABBREVIATION = re.compile(r"(?<![^\s(])(?:[а-яёa-z]|ул|пр|просп|пер|корп|стр|кв|тел|им|проф|акад|ген|т\.е|т\.к|"
                           r"т\.н|др|пл|обл|респ|р-н|св|ст|гг|вв|млн|млрд|тыс|руб|коп|англ|рус)\.$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
#: Words of a site talking to its reader (you, we, imperatives, "details"), rare in news outside quotes.
_READER = re.compile(r"(?<!\w)(?:вы|вас|вам|ваш\w*|мы|нас|нам|наш\w*|you|your|we|our|us|подробност\w*|подробнее|"
                     r"читайте|смотрите|слушайте|следите|подписывайтесь|подпишитесь|нажмите|выделите|оставайтесь|"
                     r"узнайте|узнавайте|переходите|присоединяйтесь|выбирайте|обновите|используйте|войдите|"
                     r"зарегистрируйтесь|оставьте|пишите|заходите|забудьте|сообщите|поделитесь)(?!\w)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w\-'’]*")
_STAMP_START = re.compile(r"^(?:\d{1,2}[:.]\d{2}(?:[.,/]\d{2,4})?[,\s]|\d{1,2}[./]\d{1,2}[./]\d{2,4}[,\s])")
_TEASER_TAIL = re.compile(r"\s+(?:\d{1,2}:\d\d|\d{1,2}\.\d{1,2}(?:\.\d{2,4})?|\d+)\s*$")
_ALNUM = re.compile(r"[^\W_]")
_DATEY_TOKEN = re.compile(r"[^\W\d_]|\d{1,2}:\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{2,}")
_WEEKDAY = re.compile(r"понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|monday|tuesday|wednesday|"
                      r"thursday|friday|saturday|sunday", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:[-–—•*·]|\d{1,3}[.)]\s)|[,;:]$")
_TERMINAL = tuple(".!?…»\"”)")
_MONTHS = re.compile(
    r"(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[а-яa-z]*\.?|сегодня|вчера|мск|г\.|года?|в|am|pm|gmt|utc|today|yesterday|updated|обновлено",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str  # stripped
    lead: int  # offset of ``text`` inside the raw line
    kind: str | None = None  # set when the whole line is furniture
    heading: str | None = None
    parts: list[tuple[int, int, str]] = field(default_factory=list)  # furniture inside the line
    key: str = ""
    duplicate: bool = False
    prose: bool = False
    weak: bool = False  # list-like: a title, a teaser, a label, a date, a repeated line
    header_label: bool = False
    datey: bool = False
    teaser: bool = False


def find(text: str, stamp: Dateline | None = None) -> Furniture:
    """Furniture spans and article body spans of ``text`` (the text is not changed).

    ``stamp`` is the text's dateline or stamp (:func:`svodka.dateline.find_dateline`): a page stamp
    ("Title 04.11.2018", "31.10.2018, 20:20 ...") is furniture too; an agency dateline ("МОСКВА,
    6 января. /ТАСС/.") opens the article and stays.
    """
    lines = _lines(text)
    if not lines:
        return Furniture([], [])
    rules = _rules()
    seen: set[str] = set()
    heads: dict[str, str] = {}  # the first 60 characters of a long line -> the line
    for ln in lines:
        _judge_line(ln, rules)
        ln.key = " ".join(ln.text.casefold().split()).strip(" .:;,-–—…")
        if ln.key and ln.key in seen:
            ln.duplicate = True
        elif len(ln.key) >= 60:
            # the same paragraph again with a "read more" tail, or cut short: a copy
            earlier = heads.get(ln.key[:60])
            if earlier is not None and _near_copy(earlier, ln.key):
                ln.duplicate = True
            heads.setdefault(ln.key[:60], ln.key)
        seen.add(ln.key)
        ln.teaser = _teaser(ln.text)
        ln.prose = (ln.kind is None and not ln.duplicate and not ln.teaser
                    and len(ln.text) >= PROSE_MIN and (ln.text.endswith(_TERMINAL) or _sentences(ln.text) >= 2))
        ln.weak = (ln.duplicate or ln.teaser or ln.datey
                   or (len(ln.text) <= HEADLINE_MAX and not ln.text.endswith(".") and _sentences(ln.text) <= 2
                       and not _LIST_ITEM.search(ln.text)))
    _structure(lines)
    spans: list[tuple[int, int, str]] = []
    for ln in lines:
        if ln.kind is not None:
            spans.append((ln.start, ln.end, ln.kind))
        else:
            spans.extend(ln.parts)
    if stamp is not None and stamp.kind != "dateline":
        spans.append((stamp.start, stamp.end, "stamp"))
    spans = _whole_lines(lines, _merge(spans))
    return Furniture(_body(text, spans), spans)


def _whole_lines(lines: list[_Line], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A line whose furniture pieces (stamp, credit, counter) leave only a scrap ("14 декабря 2020,
    20:40В миреФото: polit.ru") is furniture as a whole."""
    if not spans:
        return spans
    starts = [ln.start for ln in lines]
    grown: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        i = bisect.bisect_right(starts, start) - 1
        ln = lines[i] if i >= 0 else None
        if ln is not None and ln.kind is None and start < ln.end:
            inside = [(a, b) for a, b, _ in spans if a < ln.end and b > ln.start]
            rest = ln.text
            for a, b in sorted(inside, reverse=True):
                lo, hi = max(a, ln.start) - ln.start, min(b, ln.end) - ln.start
                rest = rest[:lo] + " " + rest[hi:]
            if len(_LETTER.findall(rest)) < SCRAP_LETTERS:
                grown.append((ln.start, ln.end, kind))
                continue
        grown.append((start, end, kind))
    return _merge(grown)


def mask(text: str, spans: list[tuple[int, int, str]] | list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` replaced by spaces, newlines kept, so that every
    offset of the masked text is the same as in ``text``."""
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for span in spans:
        start, end = span[0], span[1]
        if start < pos:
            start = pos
        if end <= start:
            continue
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------- lines


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped, lead))
        pos += len(raw) + 1
    return out


def _near_copy(earlier: str, key: str) -> bool:
    """``key`` repeats ``earlier`` but for a short tail or a cut ("... Читать полностью")."""
    if key.startswith(earlier):
        return len(_LETTER.findall(key[len(earlier):])) < 30
    return earlier.startswith(key) and len(key) >= 0.5 * len(earlier)


def _sentences(s: str) -> int:
    return len(_sentence_bounds(s)) - 1


def _sentence_bounds(s: str) -> list[int]:
    """Offsets where the sentences of a line start, and its end."""
    out = [0]
    for m in _SENTENCE_BREAK.finditer(s):
        if not _ABBREVIATION.search(s, max(0, m.start() - 8), m.start()):
            out.append(m.end())
    out.append(len(s))
    return out


def _teaser(s: str) -> bool:
    """A teaser of another story: cut off with an ellipsis (a time or counter may follow it)."""
    if s[-1:].isdigit():
        s = _TEASER_TAIL.sub("", s)
    return s.endswith(("…", "...")) and not s.endswith(("....",))


def _datey(s: str) -> bool:
    """A line of dates, clock times and counters only ("28 января 2021, 8:03", "41", "пятница")."""
    if len(s) > 60 or s.endswith("."):
        return False
    if not any(c.isdigit() for c in s):
        return _WEEKDAY.fullmatch(s.strip(" ,.")) is not None
    # a date, a clock time or a counter, not a score ("1:2") or a list number ("3.")
    return not _LETTER.search(_MONTHS.sub("", s)) and _DATEY_TOKEN.search(s) is not None


def _short(s: str) -> bool:
    """A menu word or section label: at most three words, no figures, no sentence punctuation
    ("Peugeot (62,2%)", "Ростовская область - 112" are rows of the article's data)."""
    return (len(s) <= 40 and len(_WORD.findall(s)) <= 3 and not s.endswith((".", "!", "?"))
            and not any(c.isdigit() for c in s))


def _judge_line(ln: _Line, rules: _Rules) -> None:
    """Phrase-level verdicts on one line: the whole line, or spans inside it."""
    s = ln.text
    if len(s) <= 60:
        for p in rules.heading:
            if p.regex.match(s):
                ln.kind, ln.heading = p.kind, p.kind
                return
    for p in rules.block:
        if p.regex.match(s):
            ln.kind = p.kind
            return
    if len(s) <= LINE_MAX:
        sentences = _sentences(s)
        for p in rules.line:
            longest, most = _LINE_LIMITS.get(p.kind, (LINE_MAX, 2))
            if len(s) <= longest and sentences <= most and p.regex.match(s):
                ln.kind = p.kind
                return
    if not _ALNUM.search(s):
        ln.kind = "empty"  # ".", "***", "|": nothing to read
        return
    if _ticker(s):
        ln.kind = "related"
        return
    if _datey(s):
        ln.datey = True  # furniture above or below the article; inside it, a date heading ("7 марта")
        return
    candidates = _candidates(s, rules)
    if not candidates:
        return
    parts: list[tuple[int, int, str]] = []
    sentence_patterns = []
    for scope, p in candidates:
        if scope == "phrase":
            parts += [(m.start(), m.end(), p.kind) for m in p.regex.finditer(s) if m.end() > m.start()]
        else:
            sentence_patterns.append(p)
    # a notice opening a short line takes the rest when the rest still talks to the reader ("Мы
    # используем cookies! Они нужны нам, чтобы ..."); an article sentence after it stays
    leads = False
    bounds = _sentence_bounds(s)
    if sentence_patterns:
        for a, b in itertools.pairwise(bounds):
            sentence = s[a:b]
            matches = [(p, m) for p in sentence_patterns for m in p.regex.finditer(sentence)]
            if not matches:
                continue
            p = matches[0][0]
            # a long sentence goes only when two template phrases vouch for it (an imprint): a
            # crawl may have glued the article to a notice ("Подписывайтесь на наш канал Премьер ...")
            if len(sentence.strip()) <= SENTENCE_MAX or (len(matches) >= 2 and len(sentence) <= 2 * SENTENCE_MAX):
                parts.append((a, a + len(sentence.rstrip()), p.kind))
                leads = leads or a == 0
    if not parts:
        return
    parts.sort()
    rest = _cut(s, parts)
    if len(_LETTER.findall(rest)) < SCRAP_LETTERS or (leads and _READER.search(_QUOTED.sub(" ", rest))):
        ln.kind = max(parts, key=lambda p: p[1] - p[0])[2]
        return
    ln.parts = [(ln.start + a, ln.start + b, kind) for a, b, kind in _merge(parts)]


def _candidates(s: str, rules: _Rules) -> list[tuple[str, _Pattern]]:
    """The sentence and phrase patterns whose keys occur in ``s``, in file order."""
    low = s.lower()
    found: set[int] = set()
    for word in set(_WORD.findall(low)):
        keys = rules.word_keys.get(word[:4])
        if keys:
            found.update(i for key, i in keys if word.startswith(key))
    for key, ids in rules.substring_keys:
        if key in low:
            found.update(ids)
    return [rules.keyed[i] for i in sorted(found)]


def _ticker(s: str) -> bool:
    """A run of headlines glued with semicolons ("РФ поставит Индии два фрегата; Рейтинг ...; ...")."""
    parts = [p.strip() for p in s.split("; ")]
    if len(parts) < 4 or ":" in parts[0]:
        return False
    words = [len(_WORD.findall(p)) for p in parts if p]
    return (all(p[:1].isupper() for p in parts if p) and all(3 <= w <= 15 for w in words[:-1])
            and sum(words) / len(words) >= 4)


def _merge(parts: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for a, b, kind in sorted(parts):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b), out[-1][2])
        else:
            out.append((a, b, kind))
    return out


def _cut(s: str, parts: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for a, b, _ in _merge(parts):
        out.append(s[pos:a])
        pos = max(pos, b)
    out.append(s[pos:])
    return " ".join(out)


# --------------------------------------------------------------------------- page structure


def _structure(lines: list[_Line]) -> None:
    """Verdicts that need the page: duplicates, menus, headings' lists, the header and the footer."""
    for ln in lines:
        if ln.kind is None and ln.duplicate:
            ln.kind = "duplicate"
    prose = [i for i, ln in enumerate(lines) if ln.prose]
    first = prose[0] if prose else len(lines)
    last = prose[-1] if prose else -1
    for i, ln in enumerate(lines):
        if ln.datey and ln.kind is None and (i < first or i > last):
            ln.kind = "stamp"
    # runs of three or more menu words before or after the article (never a list inside it)
    for run in _runs(lines, lambda i, ln: (i < first or i > last) and _short(ln.text)
                     and not _LIST_ITEM.search(ln.text)):
        for item in run:
            item.kind = "nav"
    for i, ln in enumerate(lines):
        if ln.heading is not None:
            _heading_list(lines, i, first)
    # three or more teasers of other stories in a row (cut off with "…"), never the title and lede
    for run in _runs(lines, lambda i, ln: i >= 2 and ln.teaser):
        for item in run:
            item.kind = "related"
    # the header: section labels above the title ("Украина", "Мир", "Аналитика")
    for ln in lines[:first]:
        if ln.kind is None and len(_WORD.findall(ln.text)) >= 4:
            break  # the title
        # one word: a kicker above the title ("Японский идеалист") is the article's and stays
        if (ln.kind is None and _short(ln.text) and len(_WORD.findall(ln.text)) == 1 and len(ln.text) <= 25
                and not _LIST_ITEM.search(ln.text)):
            ln.header_label = True
    if any(ln.kind is None and len(_WORD.findall(ln.text)) >= 4 for ln in lines[:first]):
        for ln in lines[:first]:
            if ln.header_label:
                ln.kind = "nav"
    # the footer: after the last paragraph and the first notice below it, list-like lines go
    footer = lines[last + 1:] if prose else []
    notice = next((j for j, ln in enumerate(footer) if ln.kind not in (None, "duplicate", "stamp", "nav")), None)
    if notice is not None:
        for ln in footer[notice + 1:]:
            if ln.kind is None and ln.weak:
                ln.kind = "related"


def _runs(lines: list[_Line], keep: Callable[[int, _Line], bool], least: int = 3) -> list[list[_Line]]:
    """Runs of at least ``least`` consecutive lines, not yet furniture, for which ``keep`` holds."""
    out: list[list[_Line]] = []
    run: list[_Line] = []
    for i, ln in enumerate(lines):
        if ln.kind is not None and ln.heading is None:
            continue  # a notice or a repeat inside a list does not break it
        if keep(i, ln):
            run.append(ln)
            continue
        if len(run) >= least:
            out.append(run)
        run = []
    if len(run) >= least:
        out.append(run)
    return out


def _heading_list(lines: list[_Line], i: int, first_prose: int) -> None:
    """The list a heading opens, item by item, as long as its shape holds.

    A comment thread after the article, closed by notices, goes to the end of the page. Otherwise
    the first line after the heading says what an item starts with: a stamp ("31.01, 20:56 ..."), a
    label repeated down the list ("Юмор сражается с коронавирусом"), a teaser cut with "…", or a
    plain title. Items of the first three kinds may carry descriptions (as many as the first item
    has, at most two), and a description only goes once the next item confirms the list; plain
    titles go one after another. The list ends at the first line that breaks the shape, at a
    paragraph of the article's length, or at another heading.
    """
    kind = lines[i].heading or "related"
    rest = lines[i + 1:]
    # a paragraph this long is the article going on, not a teaser, a caption or a comment
    # (the thread must show itself: a comment form, a sign-in prompt or a thread control below)
    if (kind == "comments" and rest and i > first_prose
            and not any(ln.kind is None and len(ln.text) >= PARAGRAPH_MIN for ln in rest)
            and any(ln.kind in ("comments", "login") and ln.heading is None for ln in rest)):
        for ln in rest:
            if ln.kind is None:
                ln.kind = kind
        return
    # repeated lines are already furniture but still mark where items start
    items = [ln for ln in rest if ln.kind in (None, "duplicate") or ln.heading is not None]
    if not items or items[0].heading is not None:
        return
    keys = [ln.key for ln in items]
    shape = _item_shape(items[0], keys)
    if shape is None:
        return
    # walk the items: (start line, descriptions) until the shape breaks
    found: list[tuple[_Line, list[_Line]]] = []
    stop: _Line | None = None
    for ln in items:
        if ln.heading is not None or len(ln.text) >= PARAGRAPH_MIN:
            stop = ln
            break
        if _item_shape(ln, keys) == shape:
            found.append((ln, []))
            continue
        if shape == "title" or not found or len(found[-1][1]) >= 2 or len(ln.text) > DESCRIPTION_MAX:
            stop = ln
            break
        found[-1][1].append(ln)
    # Descriptions go only when the list has proved itself: three items or more, every finished one
    # with the same number of descriptions (or none). The last item's are left: what follows the last
    # item may be the article resuming.
    finished = found[:-1]
    counts = {len(descs) for _, descs in finished} - {0}
    with_descriptions = len(found) >= 3 and len(counts) == 1
    taken = [ln for ln, _ in found]
    if with_descriptions:
        taken += [d for _, descs in finished for d in descs]
    elif any(descs for _, descs in finished):
        taken = [ln for ln, _ in found[:1]]  # a shape that did not hold: only the first line is sure
    if shape == "title" and len(taken) >= 2 and stop is not None and stop.prose:
        taken.pop()  # the last title right above a paragraph is the article's own subheading
    for ln in taken:
        if ln.kind is None:
            ln.kind = kind


def _item_shape(ln: _Line, keys: list[str]) -> str | None:
    """How a list item after a heading starts, if ``ln`` can start one."""
    if _STAMP_START.match(ln.text):
        return "stamped"
    if keys.count(ln.key) >= 2:
        return "repeated"
    if ln.teaser:
        return "teaser"
    if ln.weak and not ln.prose and len(ln.text) <= HEADLINE_MAX and not ln.text.endswith("."):
        return "title"
    return None


def _body(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The spans between furniture, trimmed of surrounding whitespace, empty ones dropped."""
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in [*((a, b) for a, b, _ in spans), (len(text), len(text))]:
        if start > pos:
            chunk = text[pos:start]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            if trail > lead:
                out.append((pos + lead, pos + trail))
        pos = max(pos, end)
    return out
