"""Language layer: which stretches of a document are in which language.

Our documents are mostly Russian, sometimes with an English tweet or statement appended, so the
segmenter is built for that case and for speed (it runs on every document):

1. The text is cut into units: lines first, then sentence ends. A unit decides as a whole, so a
   Latin name inside a Russian sentence ("передает Deutsche Welle") never makes an English span.
2. A unit's script (Cyrillic or Latin letters; URLs, e-mails, domains, hashtags and @-handles do
   not count) narrows the choice to ru/uk/be/kk or en/de/fr. Russian and English are strong
   priors. A Cyrillic unit without any uk/be/kk letter (і ї є ґ ў ә ғ қ ң ө ұ ү һ) is Russian
   outright, without asking lingua: a Russian sentence has none of them, a Ukrainian, Belarusian
   or Kazakh sentence of 20 letters almost always has one. Otherwise lingua decides among the
   script's languages, and another language than the default wins only with clear evidence.
3. Units too short to judge (fewer than ``MIN_LETTERS`` letters: "и. о.", "Reuters", "12:30",
   a URL, a line in another script) or mixed (no script has ``MIN_SCRIPT_SHARE`` of the letters:
   "Об этом пишет Financial Times.") take the language of their neighbours.
4. Adjacent units of one language merge into one span.

Spans are trimmed of whitespace, ordered and disjoint, and cover every non-blank character.
A text without any Cyrillic or Latin letter gets no spans (``[]``): none of our languages can be
named for it, and an invented label would be worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from svodka.models import language_detector
from svodka.record import LanguageSpan

#: Units with fewer Cyrillic + Latin letters than this are too short to judge on their own.
MIN_LETTERS = 20
#: The share of a unit's letters its script needs; below it the unit is mixed: names in the other
#: script, not a change of language, so it follows its neighbours.
MIN_SCRIPT_SHARE = 0.8
#: lingua's confidence (within the script) a language other than ru/en needs to be chosen.
MIN_CONFIDENCE = 0.8

CYRILLIC_LANGS = ("ru", "uk", "be", "kk")  # the first one is the default
LATIN_LANGS = ("en", "de", "fr")

_CYRILLIC = re.compile(r"[\u0400-\u0481\u048a-\u052f]")  # letters only, without combining marks
_LATIN = re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
#: Cyrillic letters of Ukrainian (і ї є ґ), Belarusian (і ў) and Kazakh (і ә ғ қ ң ө ұ ү һ)
#: that Russian lacks.
_NON_RUSSIAN = re.compile(r"[іїєґўәғқңөұүһІЇЄҐЎӘҒҚҢӨҰҮҺ]")
#: Words carrying letters the script's default language lacks (for Latin: ä ö ü ß é ç ...).
_MARKED_WORD = {
    "cyrillic": re.compile(r"[\w'’-]*[іїєґўәғқңөұүһІЇЄҐЎӘҒҚҢӨҰҮҺ][\w'’-]*"),
    "latin": re.compile(r"[\w'’-]*[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f][\w'’-]*"),
}
#: Stretches whose letters say nothing about the language around them: URLs, e-mail addresses,
#: bare domains, hashtags and @-handles. Their letters are not counted and lingua does not see them.
_NOISE = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|[#@]\w+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:ru|su|com|org|net|info|gov|edu|int|io|tv|me|ua|kz|by|uk|de|fr|eu)\b(?:/\S*)?",
    re.IGNORECASE,
)
#: Line breaks as ``str.splitlines`` knows them: a line is always a unit boundary.
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
#: A sentence end: terminal punctuation, closing quotes or brackets, then whitespace.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s)")


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    line: int
    cyrillic: int
    latin: int
    lang: str | None = None

    @property
    def letters(self) -> int:
        return self.cyrillic + self.latin

    @property
    def script(self) -> str:
        """Latin only when clearly so: Latin names in Russian text are common, the reverse is not."""
        return "latin" if self.latin >= MIN_SCRIPT_SHARE * self.letters else "cyrillic"

    @property
    def judgeable(self) -> bool:
        """Long enough, and clearly enough in one script, to decide its language by itself."""
        letters = self.letters
        return letters >= MIN_LETTERS and max(self.cyrillic, self.latin) >= MIN_SCRIPT_SHARE * letters


def segment_languages(text: str) -> list[LanguageSpan]:
    """Split text into maximal same-language spans covering every non-blank stretch."""
    # Noise blanked out with spaces of the same length, so offsets stay valid.
    clean = _NOISE.sub(lambda m: " " * len(m.group()), text)
    units = _units(text, clean)
    judged = [u for u in units if u.judgeable]
    if judged:
        for u in judged:
            u.lang = _judge(clean[u.start : u.end], u.script)
        _fill_from_neighbours(units)
    else:  # nothing to judge alone: judge the text as a whole
        whole = _Unit(0, len(text), 0, sum(u.cyrillic for u in units), sum(u.latin for u in units))
        if not whole.letters:
            return []
        lang = _judge(clean, whole.script)
        for u in units:
            u.lang = lang
    return _merge(units)


def _units(text: str, clean: str) -> list[_Unit]:
    """Lines cut at sentence ends, each trimmed of whitespace; blank pieces are dropped.

    Boundaries come from ``text``, letter counts from ``clean`` (noise blanked out).
    """
    units: list[_Unit] = []
    for line_no, line in enumerate(_LINE.finditer(text)):
        start = line.start()
        cuts = [m.end() for m in _SENTENCE_END.finditer(text, line.start(), line.end())]
        for end in [*cuts, line.end()]:
            while start < end and text[start].isspace():
                start += 1
            stop = end
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            if start < stop:
                piece = clean[start:stop]
                cyrillic, latin = len(_CYRILLIC.findall(piece)), len(_LATIN.findall(piece))
                units.append(_Unit(start, stop, line_no, cyrillic, latin))
            start = end
    return units


def _judge(piece: str, script: str) -> str:
    """The language of one piece in ``script``: the script's default unless another clearly wins.

    Clear evidence is lingua's confidence, for Cyrillic only once letters Russian lacks are
    present, and the piece without the words carrying such letters (ә, ї, ü, é ...) not reading
    as the default language. The last check keeps "... сообщает Ақорда." Russian: lingua is
    swayed by one Kazakh letter, but the words around the name are plainly Russian.
    """
    langs = CYRILLIC_LANGS if script == "cyrillic" else LATIN_LANGS
    default = langs[0]
    if script == "cyrillic" and _NON_RUSSIAN.search(piece) is None:
        return default  # the fast path for nearly every Russian sentence
    scores = _scores(piece, langs)
    best = max(scores, key=scores.__getitem__)
    if best == default or scores[best] < MIN_CONFIDENCE:
        return default
    rest = _MARKED_WORD[script].sub(" ", piece)
    rest_letters = len(_CYRILLIC.findall(rest)) + len(_LATIN.findall(rest))
    if rest_letters >= MIN_LETTERS and _scores(rest, langs)[default] >= 0.5:
        return default
    return best


def _scores(piece: str, langs: tuple[str, ...]) -> dict[str, float]:
    """lingua's confidences for ``langs`` only, rescaled to sum to 1 (0 each if none applies).

    Rescaling matters: the share lingua gives the other script says nothing about the choice
    within this one.
    """
    scores = dict.fromkeys(langs, 0.0)
    try:
        values = language_detector().compute_language_confidence_values(piece)
    except UnicodeEncodeError:  # a lone surrogate (text decoded with surrogateescape): lingua is Rust
        values = language_detector().compute_language_confidence_values(
            piece.encode("utf-8", "replace").decode("utf-8")
        )
    for value in values:
        code = value.language.iso_code_639_1.name.lower()
        if code in scores:
            scores[code] = value.value
    total = sum(scores.values())
    return {lang: score / total for lang, score in scores.items()} if total else scores


def _fill_from_neighbours(units: list[_Unit]) -> None:
    """Give each unit not judged alone the language of its nearest judged neighbour.

    A neighbour in the same line (paragraph) comes first, the previous one before the next:
    "Reuters." closes its Russian paragraph, "Thanks." opens its English one. Across lines the
    previous neighbour wins (a source line or caption follows what it belongs to).
    """
    before: list[int | None] = []
    last: int | None = None
    for i, u in enumerate(units):
        before.append(last)
        if u.lang is not None:
            last = i
    after: list[int | None] = [None] * len(units)
    last = None
    for i in range(len(units) - 1, -1, -1):
        after[i] = last
        if units[i].lang is not None:
            last = i
    for i, u in enumerate(units):
        if u.lang is not None:
            continue
        prev, nxt = before[i], after[i]
        same_line = [j for j in (prev, nxt) if j is not None and units[j].line == u.line]
        source = same_line[0] if same_line else prev if prev is not None else nxt
        assert source is not None, "called only when some unit is judged"
        u.lang = units[source].lang


def _merge(units: list[_Unit]) -> list[LanguageSpan]:
    """Adjacent units of one language as one span; the whitespace between them is inside it."""
    spans: list[LanguageSpan] = []
    for u in units:
        assert u.lang is not None, "every unit is labelled before merging"
        if spans and spans[-1].lang == u.lang:
            spans[-1].end = u.end
        else:
            spans.append(LanguageSpan(u.lang, u.start, u.end))
    return spans
