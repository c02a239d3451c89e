"""Throughput: svodka's pipeline with 1 and 2 workers beside bare Natasha NER, same documents, same run.

    python bench/throughput.py [--corpus ../shared/data/corpus/ru-news.jsonl] [-n 300]

Bare Natasha NER is segment + NER tagging, the floor any Russian entity extraction pays.
Model loading is excluded everywhere (workers are warmed up before the clock starts).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka import models, pipeline  # noqa: E402
from svodka.record import InputDocument  # noqa: E402


def load(path: Path, n: int) -> list[InputDocument]:
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("text", "").strip():
                docs.append(InputDocument(id=str(d["id"]), text=d["text"], date=d.get("date")))
            if len(docs) >= n:
                break
    return docs


def bare_natasha(docs: list[InputDocument]) -> float:
    from natasha import Doc

    nat = models.natasha()
    started = time.perf_counter()
    for d in docs:
        doc = Doc(d.text)
        doc.segment(nat.segmenter)
        doc.tag_ner(nat.ner_tagger)
    return len(docs) / (time.perf_counter() - started)


def svodka_rate(docs: list[InputDocument], workers: int, layers: list[str] | None = None) -> float:
    """Documents/s of the pipeline on warmed-up workers (models loaded before the clock)."""
    with pipeline.Workers(workers, layers) as pool:
        for _ in pool.run(docs[: workers * 4]):
            pass
        started = time.perf_counter()
        failed = sum(err is not None for _, err in pool.run(docs))
        rate = len(docs) / (time.perf_counter() - started)
    if failed:
        print(f"  warning: {failed} documents failed", file=sys.stderr)
    return rate


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/data/corpus/ru-news.jsonl")
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--layers", help="comma-separated layers (default: all)")
    args = ap.parse_args()
    docs = load(args.corpus, args.n)
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} documents, {chars / len(docs):.0f} chars/doc, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    models.warm_up()
    bare = bare_natasha(docs)
    print(f"bare Natasha NER (segment+ner), 1 core: {bare:6.1f} docs/s")
    results = {}
    for w in args.workers:
        results[w] = svodka_rate(docs, w, args.layers.split(",") if args.layers else None)
        print(f"svodka extract [{args.layers or 'all layers'}], {w} worker(s): {results[w]:6.1f} docs/s "
              f"({results[w] / bare:.2f}x bare NER)")
    if 1 in results and 2 in results:
        print(f"scaling 2 workers / 1 worker: {results[2] / results[1]:.2f}x")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the main process (1-worker run included): {rss:.0f} MB")


if __name__ == "__main__":
    main()
