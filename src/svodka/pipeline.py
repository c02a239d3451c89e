"""The ordered, named stages, and running them over many documents.

Each stage declares the layers it needs and the layer it provides (as spaCy components and
stanza processors do), so that ``--layers entities`` runs exactly the stages entities need and a
stage can be replaced by name. Data flows one way: read -> stages -> record.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import msgspec

from svodka import dateline, furniture, pieces
from svodka.analysis import Analysis
from svodka.read import DuplicateDocument, ReadError
from svodka.record import ALL_LAYERS, Figure, InputDocument, Layer, Mention, Quote, Record, Timex, Trigger, dumps
from svodka.stages import annotate, entities, events, figures, language, places, quotes, time

#: Documents longer than this are refused with a clear error; shorter ones over ``pieces.PIECE_CHARS``
#: are analysed in pieces (memory stays flat), so this only stops absurd inputs (60M characters).
DEFAULT_MAX_CHARS = 60_000_000


@dataclass(frozen=True)
class Stage:
    name: str
    provides: str
    requires: tuple[str, ...]
    run: Callable[[Analysis], None]


def _languages(a: Analysis) -> None:
    a.languages = language.segment_languages(a.text)


STAGES: tuple[Stage, ...] = (
    Stage("language", "languages", (), _languages),
    Stage("annotate", "tokens", ("languages",), annotate.annotate),
    Stage("entities", "entities", ("tokens",), entities.recognize),
    Stage("time", "timexes", ("tokens",), time.extract),
    Stage("quotes", "quotes", ("entities",), quotes.extract),
    Stage("figures", "figures", ("entities", "quotes"), figures.extract),
    Stage("places", "places", ("entities",), places.geocode),
    # Keep events last: it reads every earlier layer that was computed (time, figures, quotes).
    Stage("events", "events", ("entities",), events.extract),
)
_BY_PROVIDES = {s.provides: s for s in STAGES}
#: Internal stages that refine a public layer run whenever that layer is planned (geocoding fills
#: the entities layer's ``geo``, so ``--layers entities`` and the default pipeline both geocode).
_REFINED_BY: dict[str, tuple[str, ...]] = {"entities": ("places",)}


def plan(layers: Iterable[str]) -> list[Stage]:
    """The stages needed for ``layers``, each after the stages it requires."""
    wanted: list[Stage] = []

    def need(layer: str) -> None:
        stage = _BY_PROVIDES.get(layer)
        if stage is None:
            known = ", ".join(s.provides for s in STAGES if s.provides in ALL_LAYERS)
            raise ValueError(f"unknown or not yet available layer {layer!r} (available: {known})")
        for req in stage.requires:
            need(req)
        if stage not in wanted:
            wanted.append(stage)
            for refinement in _REFINED_BY.get(layer, ()):
                need(refinement)

    for layer in layers:
        need(layer)
    # STAGES is in dependency order; running in that order also lets a stage read optional
    # earlier layers (events use time, figures and quotes when they were asked for).
    return sorted(wanted, key=STAGES.index)


def available_layers() -> list[str]:
    return [s.provides for s in STAGES if s.provides in ALL_LAYERS]


class Pipeline:
    """Turns input documents into records; one instance per process holds no models itself
    (models live in :mod:`svodka.models`, loaded on first use)."""

    def __init__(self, layers: Iterable[str] | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.layers: list[str] = list(layers) if layers is not None else available_layers()
        self.stages = plan(self.layers)
        self.max_chars = max_chars

    def analyse(self, doc: InputDocument) -> Analysis:
        return self._analyse(*resolve_date(doc))

    def _analyse(self, doc: InputDocument, stamp: dateline.Dateline | None) -> Analysis:
        """The stages over a document already dated (``stamp``: its dateline, found once)."""
        found = furniture.find(doc.text, stamp)
        # The stages see the text with page furniture blanked out (same length, same offsets).
        a = _PageAnalysis(doc=doc, text=furniture.mask(doc.text, found.spans) if found.found else doc.text,
                          body=found.body if found.found else None)
        for stage in self.stages:
            stage.run(a)
            a.done.append(stage.provides)
        return a

    def extract(self, doc: InputDocument | ReadError) -> Record:
        """One record per document; failures become error records, never exceptions."""
        if isinstance(doc, DuplicateDocument):  # read-time dedup (read.py): recorded, not analysed again
            return doc.record()
        if isinstance(doc, ReadError):
            return Record(id=doc.id, date=None, date_precision=None, text=None, error=doc.error, origin=doc.origin)
        if len(doc.text) > self.max_chars:
            return _error(doc, f"document too large: {len(doc.text):,} characters, more than the limit of "
                               f"{self.max_chars:,}; split it or raise --max-chars")
        try:
            doc, stamp = resolve_date(doc)  # once for the whole text, before it is cut into pieces
            if len(doc.text) > pieces.PIECE_CHARS:
                return pieces.extract_in_pieces(doc, lambda piece: to_record(self.analyse(piece)))
            return to_record(self._analyse(doc, stamp))
        except Exception as exc:  # one bad document must not stop the run
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return _error(doc, f"processing failed: {type(exc).__name__}: {exc} "
                               f"(at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})")


def _error(doc: InputDocument, message: str) -> Record:
    return Record(id=doc.id, date=doc.date, date_precision=doc.date_precision, text=None,
                  title=doc.title, source=doc.source, url=doc.url, error=message, origin=doc.origin,
                  date_source=doc.date_source, crawl_date=doc.crawl_date, author=doc.author,
                  site=doc.site, content_hash=doc.content_hash)


@dataclass
class _PageAnalysis(Analysis):
    """The analysis of a page: ``text`` has its furniture blanked, ``doc.text`` is the original,
    ``body`` the article spans when furniture was found."""

    body: list[tuple[int, int]] | None = None


def resolve_date(doc: InputDocument) -> tuple[InputDocument, dateline.Dateline | None]:
    """The document dated by its dateline or stamp when it has no date or only a crawl date.

    Returns the (possibly updated) document and the stamp found, if any. The crawl date is kept
    apart: a crawl-sourced ``date`` moves to ``crawl_date`` when a dateline replaces it.
    """
    crawl = doc.crawl_date or (doc.date if doc.date_source == "crawl" else None)
    found = dateline.find_dateline(doc.text, crawl)
    if found is None or not (doc.date is None or doc.date_source == "crawl"):
        return doc, found
    return msgspec.structs.replace(doc, date=found.date, date_precision=found.precision,
                                   date_source="dateline", crawl_date=crawl), found


def read_page(doc: InputDocument) -> tuple[InputDocument, furniture.Furniture]:
    """The document dated from its text where needed, and its page furniture (stamps included)."""
    doc, stamp = resolve_date(doc)
    return doc, furniture.find(doc.text, stamp)


def _restore_span_texts(a: Analysis) -> None:
    """Spans were read off the blanked text; a span that reaches into furniture takes its text from
    the original, so that ``record.text[start:end] == span.text`` holds for every span."""
    text = a.doc.text
    spans: list[Mention | Timex | Figure | Quote | Trigger] = [m for e in a.entities for m in e.mentions]
    spans += a.timexes + a.figures + a.quotes + [ev.trigger for ev in a.events]
    for span in spans:
        if text[span.start:span.end] != span.text:
            span.text = text[span.start:span.end]


def to_record(a: Analysis) -> Record:
    doc = a.doc
    done = set(a.done)
    body = a.body if isinstance(a, _PageAnalysis) else None
    if a.text is not doc.text:
        _restore_span_texts(a)
    return Record(
        id=doc.id, date=doc.date, date_precision=doc.date_precision, text=doc.text,
        title=doc.title, source=doc.source, url=doc.url,
        layers=[layer for layer in ALL_LAYERS if layer in done],
        languages=a.languages, entities=a.entities, timexes=a.timexes,
        figures=a.figures, quotes=a.quotes, events=a.events,
        date_source=doc.date_source, crawl_date=doc.crawl_date, author=doc.author,
        site=doc.site, content_hash=doc.content_hash, body=body,
    )


# --- running over many documents -------------------------------------------------------------

_worker_pipeline: Pipeline | None = None


def _init_worker(layers: list[str], max_chars: int) -> None:
    global _worker_pipeline
    from svodka import models

    _worker_pipeline = Pipeline(layers, max_chars)
    models.warm_up()


def _work(doc: InputDocument | ReadError) -> tuple[bytes, str | None]:
    assert _worker_pipeline is not None
    record = _worker_pipeline.extract(doc)
    return dumps(record), None if record.error is None else f"{record.id}: {record.error}"


_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class Workers:
    """Local worker processes, each with its own pipeline and models loaded once.

    Reusable across batches (``with Workers(2) as w: w.run(a); w.run(b)``), so that model
    loading is paid once per process, not once per call. A worker that dies (killed, out of
    memory) loses nothing: the pool is restarted, the documents in flight are run again, and a
    document that kills a worker on its own becomes an error record.
    """

    def __init__(self, workers: int = 1, layers: list[Layer] | list[str] | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.workers = workers
        self.layers = list(layers) if layers is not None else available_layers()
        self.max_chars = max_chars
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def _start(self) -> None:
        # One BLAS thread per worker: N workers x N BLAS threads on N cores made two workers
        # slower than one (measured: 0.54x); with one thread each they scale 1.86x.
        saved = {var: os.environ.get(var) for var in _THREAD_VARS}
        for var in _THREAD_VARS:
            os.environ.setdefault(var, "1")
        try:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("spawn"),
                                             initializer=_init_worker, initargs=(self.layers, self.max_chars))
        finally:
            for var, value in saved.items():
                if value is None:
                    os.environ.pop(var, None)
                else:
                    os.environ[var] = value

    def _stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Workers:
        if self.workers > 1:
            self._start()
        else:
            _init_worker(self.layers, self.max_chars)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def _restart(self) -> None:
        self._stop()
        self.restarts += 1
        self._start()

    def _submit(self, doc: InputDocument | ReadError) -> Future[tuple[bytes, str | None]]:
        assert self._pool is not None
        return self._pool.submit(_work, doc)

    def _alone(self, doc: InputDocument | ReadError) -> tuple[bytes, str | None]:
        """Run one document in a fresh pool; if it kills that worker too, it is the culprit."""
        self._restart()
        try:
            return self._submit(doc).result()
        except BrokenProcessPool:
            self._restart()
            if isinstance(doc, ReadError):
                raise
            record = _error(doc, "a worker process died while processing this document "
                                 "(out of memory, or killed); the other documents were processed")
            return dumps(record), f"{record.id}: {record.error}"

    def run(self, docs: Iterable[InputDocument | ReadError]) -> Iterator[tuple[bytes, str | None]]:
        """Yield ``(json_line, error_or_None)`` per document, in input order, streaming."""
        if self._pool is None:
            for doc in docs:
                yield _work(doc)
            return
        # Submitting everything at once would read the whole input ahead; a bounded window keeps
        # memory flat.
        window = self.workers * 8
        pending: deque[tuple[InputDocument | ReadError, Future[tuple[bytes, str | None]]]] = deque()

        def submit(doc: InputDocument | ReadError) -> Future[tuple[bytes, str | None]]:
            # a worker may die between two submissions: the pool then refuses new work, and the
            # document waits, like those in flight, for the restart when its turn comes
            try:
                return self._submit(doc)
            except BrokenProcessPool as exc:
                refused: Future[tuple[bytes, str | None]] = Future()
                refused.set_exception(exc)
                return refused

        def take() -> tuple[bytes, str | None]:
            doc, future = pending.popleft()
            try:
                return future.result()
            except BrokenProcessPool:
                result = self._alone(doc)
                for i, (other, _) in enumerate(pending):  # their futures died with the pool
                    pending[i] = (other, submit(other))
                return result

        for doc in docs:
            pending.append((doc, submit(doc)))
            if len(pending) >= window:
                yield take()
        while pending:
            yield take()


def run(
    docs: Iterable[InputDocument | ReadError],
    layers: list[Layer] | list[str] | None = None,
    workers: int = 1,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[tuple[bytes, str | None]]:
    """Yield ``(json_line, error_or_None)`` per document, in input order, streaming.

    With ``workers > 1`` the documents go to that many processes, each loading models once.
    """
    with Workers(workers, layers, max_chars) as pool:
        yield from pool.run(docs)
