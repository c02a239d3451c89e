"""Scale-out: the pipeline on 1 and 2 local worker processes and on a 2-worker Dask LocalCluster.

    python bench/scale.py [--corpus ../shared/data/corpus/ru-news.jsonl] [-n 300] [--layers ...]

The documents are read with svodka's own reader (as `svodka extract` reads them) and held in a
list, so the clock measures extraction, not disk. Models are loaded before the clock starts in
every run (local workers and Dask workers are warmed up on a few documents first). The three runs
must give byte-identical records; the script says whether they do. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka import distributed, pipeline, read  # noqa: E402
from svodka.read import ReadError  # noqa: E402
from svodka.record import InputDocument  # noqa: E402

Docs = list[InputDocument | ReadError]


def local_run(docs: Docs, workers: int, layers: list[str] | None) -> tuple[float, list[bytes]]:
    """Documents/s and the record lines of ``--workers N``."""
    with pipeline.Workers(workers, layers) as pool:
        for _ in pool.run(docs[: workers * 4]):
            pass
        started = time.perf_counter()
        lines = [line for line, _ in pool.run(docs)]
        return len(docs) / (time.perf_counter() - started), lines


def dask_run(docs: Docs, workers: int, layers: list[str] | None) -> tuple[float, list[bytes], list[float], float]:
    """Documents/s, record lines, peak RSS (MB) of each worker of ``--dask local:N``, and the CPU
    milliseconds per document of this process (the client, and the LocalCluster's scheduler), less
    what the same process burns when idle (heartbeats, monitors) over the same time."""
    with distributed.connect(f"local:{workers}") as client:
        for _ in distributed.run(client, docs[: workers * 4], layers):
            pass
        started, cpu = time.perf_counter(), time.process_time()
        lines = [line for line, _ in distributed.run(client, docs, layers)]
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        rate = len(docs) / wall
        idle_started, idle_cpu = time.perf_counter(), time.process_time()
        time.sleep(5)
        idle = (time.process_time() - idle_cpu) / (time.perf_counter() - idle_started)
        client_ms = max(used - idle * wall, 0.0) * 1000 / len(docs)
        rss = client.run(_peak_rss_mb)
    return rate, lines, sorted(rss.values()), client_ms


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _source_stamp() -> float:
    """Latest change of svodka's code and data: each run's processes import them afresh, so an
    edit during the benchmark (a shared working tree) makes the runs disagree for that reason alone."""
    return max(p.stat().st_mtime for p in (ROOT / "src" / "svodka").rglob("*") if p.is_file())


def _differences(a: list[bytes], b: list[bytes], limit: int = 5) -> list[str]:
    """The ids and top-level fields of the first records that differ."""
    out = []
    for x, y in zip(a, b, strict=True):
        if x != y and len(out) < limit:
            rx, ry = json.loads(x), json.loads(y)
            out.append(f"{rx['id']}: {', '.join(sorted(k for k in rx.keys() | ry.keys() if rx.get(k) != ry.get(k)))}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/data/corpus/ru-news.jsonl")
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--layers", help="comma-separated layers (default: all)")
    args = ap.parse_args()
    layers = args.layers.split(",") if args.layers else None
    stamp = _source_stamp()
    docs: Docs = list(itertools.islice(read.iter_documents([args.corpus]), args.n))
    chars = sum(len(d.text) for d in docs if isinstance(d, InputDocument))
    print(f"{len(docs)} documents of {args.corpus.name}, {chars / len(docs):.0f} chars/doc, "
          f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at start", flush=True)

    one, lines_one = local_run(docs, 1, layers)
    print(f"local, 1 worker:         {one:6.1f} docs/s", flush=True)
    two, lines_two = local_run(docs, 2, layers)
    print(f"local, 2 workers:        {two:6.1f} docs/s  ({two / one:.2f}x one worker)", flush=True)
    dask, lines_dask, rss, client_ms = dask_run(docs, 2, layers)
    print(f"Dask LocalCluster, 2 workers: {dask:6.1f} docs/s  ({dask / one:.2f}x one local worker, "
          f"{dask / two:.2f}x two local workers)", flush=True)
    print(f"identical records: 2 local workers {lines_two == lines_one}, Dask {lines_dask == lines_one}")
    for name, lines in (("2 local workers", lines_two), ("Dask", lines_dask)):
        for difference in _differences(lines_one, lines):
            print(f"  {name} differs from 1 worker at {difference}")
    if _source_stamp() != stamp:
        print("warning: svodka's source changed during the benchmark; differences may come from that")
    print(f"peak RSS of the Dask workers: {', '.join(f'{mb:.0f} MB' for mb in rss)}")
    print(f"client + scheduler CPU: {client_ms:.2f} ms a document beyond their idle load (documents held in "
          f"memory: reading a JSONL adds about 0.2 ms)")
    print(f"projection at {one:.1f} docs/s a core: {one * 86400 / 1e6:.2f} million articles/day per core")
    print(f"load average {os.getloadavg()[0]:.1f} at the end (other jobs share the cores when this is above 2)")
    if not (lines_two == lines_one == lines_dask):
        sys.exit(1)


if __name__ == "__main__":
    main()
