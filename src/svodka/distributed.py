"""The same stages on a Dask cluster (``svodka extract|ingest --dask ADDRESS``).

The client reads the input lazily, sends it to the workers in batches of ``BATCH_DOCS``
documents with a bounded number of batches outstanding (so a 10 GB input never sits in memory,
on the client or on the cluster), and yields the records back in input order: the output is
byte for byte that of a local run. Workers need svodka installed, and nothing else: they never
touch the input or output files.

Each worker process builds its pipeline and loads its models once (a worker plugin does it when
the worker joins, before any document; a lock makes it once per process even with several
threads). A batch whose task fails (a worker killed, out of memory) is retried one document
at a time, so a document that cannot be processed becomes an error record and the others are kept.
"""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
from collections.abc import Hashable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from typing import Any

from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed
from distributed.scheduler import KilledWorker

from svodka import __version__, models
from svodka.pipeline import DEFAULT_MAX_CHARS, Pipeline, _error, available_layers
from svodka.read import ReadError
from svodka.record import InputDocument, dumps

#: Documents per task: big enough that Dask's per-task overhead (a few ms) is noise beside
#: 16 x 30 ms of work, small enough to keep every worker busy to the end of a run.
BATCH_DOCS = 16
#: ``local`` and ``local:N`` start a LocalCluster in this process instead of connecting.
LOCAL = "local"
#: Seconds to wait for a remote scheduler before giving up.
CONNECT_TIMEOUT = 30.0

Doc = InputDocument | ReadError
Result = tuple[bytes, str | None]


class ClusterError(RuntimeError):
    """The cluster cannot be reached or was lost, or its workers run another svodka."""


class VersionMismatch(RuntimeError):
    """Raised on a worker whose svodka differs from the client's (its records could differ)."""


def parse_address(spec: str) -> tuple[str, int | None]:
    """``("local", n_workers)`` for ``local[:N]``, else ``(scheduler_address, None)``."""
    spec = spec.strip()
    if spec == LOCAL or spec.startswith(LOCAL + ":"):
        count = spec[len(LOCAL) + 1:] if spec != LOCAL else ""
        if not count:
            return LOCAL, os.cpu_count() or 1
        if not count.isdigit() or not 1 <= int(count) <= 256:
            raise ValueError(f"bad --dask {spec!r}: local:N needs a number of workers from 1 to 256")
        return LOCAL, int(count)
    if not spec or any(c.isspace() for c in spec):
        raise ValueError(f"bad --dask {spec!r}: give a scheduler address (tcp://host:8786) or local[:N]")
    return spec, None


@contextmanager
def connect(spec: str, timeout: float | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``spec``, or of a new LocalCluster for ``local[:N]`` (one
    thread per worker process: the models are not shared between threads, cores are)."""
    address, n_workers = parse_address(spec)
    cluster: LocalCluster | None = None
    try:
        if n_workers is not None:
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0")  # a free port: 8787 may be taken
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(address, timeout=timeout or CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, RuntimeError) as exc:  # LocalCluster raises RuntimeError
        if cluster is not None:
            cluster.close()
        where = "start a local Dask cluster" if n_workers is not None else f"reach the Dask scheduler at {address}"
        raise ClusterError(f"cannot {where}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --------------------------------------------------------------------------- on the workers

_lock = threading.Lock()
_pipelines: dict[tuple[tuple[str, ...], int], Pipeline] = {}


def worker_pipeline(layers: list[str], max_chars: int) -> Pipeline:
    """This process's pipeline for ``layers``, built and warmed up once (models are cached
    per process in :mod:`svodka.models`; the lock keeps two threads from loading them twice)."""
    key = (tuple(layers), max_chars)
    with _lock:
        pipeline = _pipelines.get(key)
        if pipeline is None:
            pipeline = Pipeline(layers, max_chars)
            if any(stage.name != "language" for stage in pipeline.stages):
                models.warm_up()
            else:
                models.language_detector()
            _pipelines[key] = pipeline
        return pipeline


class Preload(WorkerPlugin):
    """Builds the pipeline and loads the models when a worker joins, so that the first batch
    does not pay for them and a worker that joins later (adaptive scaling) is ready too."""

    def __init__(self, layers: list[str], max_chars: int) -> None:
        self.layers = layers
        self.max_chars = max_chars

    async def setup(self, worker: Any) -> None:
        # Off the worker's event loop: loading takes seconds, and heartbeats must go on.
        await asyncio.get_running_loop().run_in_executor(None, worker_pipeline, self.layers, self.max_chars)


def extract_batch(version: str, layers: list[str], max_chars: int, docs: list[Doc]) -> list[Result]:
    """The task: ``(json_line, error_or_None)`` per document, as the local pipeline gives them."""
    if version != __version__:
        raise VersionMismatch(f"a worker runs svodka {__version__}, the client {version}; "
                              "install the same version everywhere")
    pipeline = worker_pipeline(layers, max_chars)
    out: list[Result] = []
    for doc in docs:
        record = pipeline.extract(doc)
        out.append((dumps(record), None if record.error is None else f"{record.id}: {record.error}"))
    return out


# --------------------------------------------------------------------------- on the client


def _batches(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _failed(doc: Doc, exc: BaseException, layers: list[str], max_chars: int) -> Result:
    """The error record of a document whose task failed on the cluster."""
    if isinstance(doc, ReadError):  # cannot fail on a worker; records its read error as locally
        record = Pipeline(layers, max_chars).extract(doc)
    elif isinstance(exc, KilledWorker):
        record = _error(doc, "a Dask worker died while processing this document (out of memory, or "
                             "killed); the other documents were processed")
    else:
        record = _error(doc, f"processing failed on the cluster: {type(exc).__name__}: {exc}")
    return dumps(record), f"{record.id}: {record.error}"


def run(client: Client, docs: Iterable[Doc], layers: list[str] | None = None,
        max_chars: int = DEFAULT_MAX_CHARS, batch_docs: int | None = None,
        window: int | None = None) -> Iterator[Result]:
    """Yield ``(json_line, error_or_None)`` per document, in input order, streaming.

    At most ``window`` batches are outstanding (submitted and not yet yielded; default: two per
    worker thread, plus two), so memory stays flat however long the input is.
    """
    layer_list = list(layers) if layers is not None else available_layers()
    Pipeline(layer_list, max_chars)  # an unknown layer fails here, not on every worker
    try:
        versions = client.run(_version)
        others = {addr: v for addr, v in versions.items() if v != __version__}
        if others:
            addr, v = next(iter(others.items()))
            raise ClusterError(f"worker {addr} runs svodka {v}, this client {__version__}; "
                               "install the same version everywhere")
        client.register_plugin(Preload(layer_list, max_chars), name="svodka-preload")
        if window is None:
            window = 2 * max(1, sum(client.nthreads().values())) + 2
    except (OSError, TimeoutError, CancelledError) as exc:
        raise ClusterError(f"lost the Dask scheduler: {exc}") from exc
    except (ModuleNotFoundError, ImportError) as exc:
        raise ClusterError(f"the Dask workers cannot import svodka: {exc}") from exc
    run_id = uuid.uuid4().hex[:8]
    pending = enumerate(_batches(docs, batch_docs or BATCH_DOCS))
    in_flight: dict[Hashable, tuple[int, list[Doc], Future[list[Result]]]] = {}
    finished: dict[int, list[Result]] = {}
    completed = as_completed(loop=client.loop)
    submitted = emitted = 0
    try:
        while True:
            while submitted - emitted < window:
                nxt = next(pending, None)
                if nxt is None:
                    break
                index, batch = nxt
                future = client.submit(extract_batch, __version__, layer_list, max_chars, batch,
                                       key=f"svodka-{run_id}-{index}", pure=False)
                in_flight[future.key] = (index, batch, future)
                completed.add(future)
                submitted += 1
            if not in_flight:
                return
            future = next(completed)
            index, batch, _ = in_flight.pop(future.key)
            try:
                finished[index] = future.result()
            except VersionMismatch as exc:
                raise ClusterError(str(exc)) from exc
            except (OSError, TimeoutError, CancelledError) as exc:
                raise ClusterError(f"lost the Dask scheduler: {exc}") from exc
            except Exception:  # the task failed as a whole: find the document(s) that fail
                finished[index] = _one_by_one(client, batch, layer_list, max_chars, run_id, index)
            while emitted in finished:
                yield from finished.pop(emitted)
                emitted += 1
    finally:
        if in_flight:
            client.cancel([future for _, _, future in in_flight.values()])


def _one_by_one(client: Client, batch: list[Doc], layers: list[str], max_chars: int,
                run_id: str, index: int) -> list[Result]:
    """Run each document of a failed batch as its own task, one after the other (so that a
    document that kills its worker takes no innocent document of the batch with it); one that
    fails alone gets an error record. Rare, so the lost parallelism does not matter."""
    out: list[Result] = []
    for i, doc in enumerate(batch):
        future = client.submit(extract_batch, __version__, layers, max_chars, [doc],
                               key=f"svodka-{run_id}-{index}-{i}", pure=False)
        try:
            [result] = future.result()
        except VersionMismatch as exc:
            raise ClusterError(str(exc)) from exc
        except (OSError, TimeoutError, CancelledError) as exc:
            raise ClusterError(f"lost the Dask scheduler: {exc}") from exc
        except Exception as exc:
            result = _failed(doc, exc, layers, max_chars)
        out.append(result)
    return out


def _version() -> str:
    return __version__


def run_at(spec: str, docs: Iterable[Doc], layers: list[str] | None = None,
           max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Result]:
    """:func:`run` on the cluster at ``spec`` (or a new ``local[:N]`` one), closed when the
    stream ends or is closed; shaped like :func:`svodka.pipeline.run`."""
    with connect(spec) as client:
        yield from run(client, docs, layers, max_chars)
