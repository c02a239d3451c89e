"""Page furniture and datelines in crawled text, against hand labels.

    .venv/bin/python bench/furniture.py [--corpus ../shared/data/corpus/ru-news.jsonl] [-v]

(a) Furniture: ``bench/gold/furniture.jsonl`` labels 30 crawled documents of the shared corpus (the
    ``slavicner_ru`` ones) line by line: which lines (or pieces of lines) are page furniture and
    which are the article. svodka's page step (``svodka.pipeline.read_page``: stamp + furniture) runs
    on each; a furniture label counts as removed when at least 90% of its characters are outside the
    body spans; an article sentence counts as kept only when all of it is inside them. The goal is
    every article sentence kept; furniture recall is what it removes under that constraint.
(b) Datelines: ``bench/gold/datelines.tsv`` gives the publication date written in 65 texts (agency
    datelines, page stamps, labelled stamps; several outlets and corpora) and 48 texts whose dates are
    only mentioned in prose ("-"). The parser gets the corpus ``date`` as the crawl reference. A date is
    right when its day is the gold day; exact when the minute matches too where the gold has one.
(c) Cost: CPU milliseconds per document of the page step over every ``slavicner_ru`` document.

Documents are identified by id and checked against a hash of their text; no text is stored here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka.dateline import find_dateline  # noqa: E402
from svodka.pipeline import read_page  # noqa: E402
from svodka.record import InputDocument  # noqa: E402

GOLD = ROOT / "bench" / "gold"
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+[»\"”)]*|$)")


def load_corpus(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return {d["id"]: d for d in map(json.loads, f)}


def as_crawled(d: dict[str, Any]) -> InputDocument:
    """A corpus document as a crawl gives it: its date, when it has one, is the crawl date."""
    return InputDocument(id=d["id"], text=d["text"], date=d.get("date"),
                         date_source="crawl" if d.get("date") else None)


def _inside(start: int, end: int, body: list[tuple[int, int]], text: str) -> float:
    """Share of the non-space characters of [start, end) that lie inside the body spans."""
    wanted = [i for i in range(start, end) if not text[i].isspace()]
    if not wanted:
        return 1.0
    inside = sum(1 for i in wanted if any(a <= i < b for a, b in body))
    return inside / len(wanted)


def furniture_bench(corpus: dict[str, dict[str, Any]], verbose: bool) -> None:
    lines_total = lines_removed = pieces_total = pieces_removed = 0
    sentences_total = sentences_kept = copies = 0
    furniture_chars = furniture_chars_removed = 0
    lost: list[str] = []
    missed: list[str] = []
    for row in map(json.loads, (GOLD / "furniture.jsonl").read_text(encoding="utf-8").splitlines()):
        d = corpus[row["id"]]
        text = d["text"]
        if hashlib.sha256(text.encode()).hexdigest()[:16] != row["sha256"]:
            raise SystemExit(f"{row['id']}: the corpus text changed since it was labelled")
        _, found = read_page(as_crawled(d))
        body = found.body if found.found else [(0, len(text))]
        for label in row["furniture"]:
            s, e = label["start"], label["end"]
            if text[s:e][:24] != label["snippet"]:
                raise SystemExit(f"{row['id']}: label at {s} does not match the text")
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", e)
            whole = text[line_start:line_end if line_end >= 0 else len(text)].strip() == text[s:e].strip()
            removed = _inside(s, e, body, text) <= 0.1
            furniture_chars += e - s
            furniture_chars_removed += round((1 - _inside(s, e, body, text)) * (e - s))
            if whole:
                lines_total += 1
                lines_removed += removed
            else:
                pieces_total += 1
                pieces_removed += removed
            if not removed:
                missed.append(f"  {row['id']} line {label['line']}: {text[s:e][:70]!r}")
        kept_text = " ".join(" ".join(text[a:b].split()) for a, b in body)
        for label in row["article"]:
            s, e = label["start"], label["end"]
            for m in _SENTENCE.finditer(text, s, e):
                sentence = " ".join(text[m.start():m.end()].split())
                if not sentence:
                    continue
                sentences_total += 1
                if _inside(m.start(), m.end(), body, text) == 1.0:
                    sentences_kept += 1
                elif sentence in kept_text:  # removed as a repeat; its copy is in the body
                    sentences_kept += 1
                    copies += 1
                else:
                    lost.append(f"  {row['id']} line {label['line']}: {sentence[:70]!r}")
    print("(a) furniture, 30 crawled documents (bench/gold/furniture.jsonl)")
    print(f"  furniture lines removed:       {lines_removed}/{lines_total} = {lines_removed / lines_total:.3f}")
    print(f"  furniture pieces inside lines: {pieces_removed}/{pieces_total} = {pieces_removed / pieces_total:.3f}")
    print(f"  furniture characters removed:  {furniture_chars_removed / furniture_chars:.3f}")
    print(f"  article sentences kept:        {sentences_kept}/{sentences_total}"
          f" = {sentences_kept / sentences_total:.4f} ({copies} of them as a kept copy of a repeated line)")
    for line in lost:
        print("  LOST", line)
    if verbose:
        print("  furniture left in the body:")
        print("\n".join(missed))


def dateline_bench(corpus: dict[str, dict[str, Any]], verbose: bool) -> None:
    stamped = right = exact = none = 0
    unstamped = false_dates = 0
    errors: list[str] = []
    for line in (GOLD / "datelines.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        doc_id, gold, note = line.split("\t")
        d = corpus[doc_id]
        found = find_dateline(d["text"], d.get("date"))
        value = found.date if found else None
        if gold == "-":
            unstamped += 1
            if value is not None:
                false_dates += 1
                errors.append(f"  false date {value} in {doc_id} ({d['text'][found.start:found.end]!r})")  # type: ignore[union-attr]
            continue
        stamped += 1
        if value is None:
            none += 1
            errors.append(f"  missed {gold} in {doc_id} ({note})")
        elif value[:10] == gold[:10]:
            right += 1
            exact += value == gold or (len(gold) == 10)
            if not (value == gold or len(gold) == 10):
                errors.append(f"  day right, time not: {value} for {gold} in {doc_id}")
        else:
            errors.append(f"  wrong {value} for {gold} in {doc_id} ({note})")
    print("(b) datelines (bench/gold/datelines.tsv)")
    print(f"  texts with a stamp: {stamped}; right day {right} = {right / stamped:.3f}; "
          f"exact (minute where given) {exact} = {exact / stamped:.3f}; none found {none}; "
          f"wrong {stamped - right - none}")
    print(f"  texts without a stamp: {unstamped}; given a false date: {false_dates}")
    if verbose or errors:
        print("\n".join(errors))


def cost_bench(corpus: dict[str, dict[str, Any]]) -> None:
    docs = [as_crawled(d) for d in corpus.values() if d.get("source") == "slavicner_ru"]
    read_page(docs[0])  # data files loaded before the clock
    started = time.process_time()  # CPU time: this machine is shared, wall time says little
    with_furniture = removed = chars = 0
    for doc in docs:
        _, found = read_page(doc)
        chars += len(doc.text)
        if found.found:
            with_furniture += 1
            removed += sum(e - s for s, e, _ in found.spans)
    elapsed = time.process_time() - started
    print(f"(c) page step over {len(docs)} slavicner_ru documents ({chars / len(docs):.0f} characters each): "
          f"{elapsed / len(docs) * 1000:.2f} ms CPU a document; furniture found in {with_furniture}, "
          f"{removed / chars:.1%} of all characters")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/data/corpus/ru-news.jsonl")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the furniture left and every dateline error")
    args = ap.parse_args()
    corpus = load_corpus(args.corpus)
    furniture_bench(corpus, args.verbose)
    dateline_bench(corpus, args.verbose)
    cost_bench(corpus)


if __name__ == "__main__":
    main()
