"""The shared working state of one document while the stages run.

Tokens, sentences, morphology and model NER spans are computed once here and read by every
later stage (the way natasha's ``Doc`` gathers layers). Stages write their layer into the
``Analysis``; the pipeline turns the finished analysis into a :class:`svodka.record.Record`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from svodka.record import (
    Entity,
    Event,
    Figure,
    InputDocument,
    LanguageSpan,
    Quote,
    Timex,
)


@dataclass(slots=True)
class Token:
    """A token with absolute offsets into the document text.

    ``pos`` and ``feats`` are Universal Dependencies tags (Natasha for Russian, spaCy for
    English); ``sent`` is the index of the token's sentence in ``Analysis.sentences``.
    """

    start: int
    end: int
    text: str
    lang: str
    pos: str = ""
    feats: dict[str, str] = field(default_factory=dict)
    sent: int = -1
    head: int = -1  # index of the syntactic head in Analysis.tokens, -1 for the root or unparsed
    rel: str = ""  # UD dependency relation; empty until the sentence is parsed


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    lang: str
    first_token: int = 0
    last_token: int = 0  # exclusive
    parsed: bool = False


@dataclass(slots=True)
class NerSpan:
    """A raw named-entity span from a model, before repair, normalisation and grouping.

    ``tokens`` are indices into ``Analysis.tokens`` (half-open range).
    """

    start: int
    end: int
    type: str
    lang: str
    token_start: int
    token_end: int
    source: str


@dataclass
class Analysis:
    doc: InputDocument
    text: str
    languages: list[LanguageSpan] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    ner: list[NerSpan] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    _token_starts: list[int] | None = field(default=None, repr=False)

    @property
    def main_language(self) -> str:
        """The language with most characters; Russian when the text has no letters."""
        sizes: dict[str, int] = {}
        for span in self.languages:
            sizes[span.lang] = sizes.get(span.lang, 0) + span.end - span.start
        return max(sizes, key=lambda k: sizes[k]) if sizes else "ru"

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [i, j) of the tokens lying inside the character range [start, end)."""
        if self._token_starts is None or len(self._token_starts) != len(self.tokens):
            self._token_starts = [t.start for t in self.tokens]
        i = bisect.bisect_left(self._token_starts, start)
        j = bisect.bisect_left(self._token_starts, end)
        return i, j
