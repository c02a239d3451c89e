"""svodka.fastnlp against stock natasha/slovnet: speed of each model and every output difference.

    python bench/fastnlp.py [--corpus ../shared/data/corpus/ru-news.jsonl] [-n 300] [--repeat 2]

One BLAS thread (set before numpy loads); times are CPU seconds of this process. Both paths see
the same documents, tokens and sentences (segmentation is timed apart: it is shared). Stock NER
is timed as natasha runs it (``Doc.tag_ner`` tokenizes the text again inside); the fast path
reuses the document's tokens. Syntax parses every sentence (svodka parses only sentences with
event triggers). Differences are counted per token (morph: POS or feats; syntax: head or
relation) and per span (NER: the symmetric difference of (start, stop, type) sets); the first
few are printed.
"""

from __future__ import annotations

import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before numpy is imported

import argparse
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka import fastnlp, models  # noqa: E402


def load(path: Path, n: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text", "")
            if text.strip():
                texts.append(text)
            if len(texts) >= n:
                break
    return texts


def stock_docs(texts: list[str]) -> list[Any]:
    from natasha import Doc

    seg = models.natasha().segmenter
    docs = []
    for text in texts:
        doc = Doc(text)
        doc.segment(seg)
        docs.append(doc)
    return docs


def timed(fn: Any) -> tuple[float, Any]:
    """CPU seconds of ``fn()`` (one thread: CPU time, unlike wall time, ignores the other jobs
    sharing the machine) and its result."""
    started = time.process_time()
    result = fn()
    return time.process_time() - started, result


def run(texts: list[str], show: int) -> None:
    nat = models.natasha()
    fast = fastnlp.models()
    seg_time, segmented = timed(lambda: [fastnlp.segment(t)[::2] for t in texts])
    docs = stock_docs(texts)
    words = [[t.text for t in toks] for toks, _ in segmented]
    ranges = [r for _, r in segmented]
    sents = [[w[lo:hi] for lo, hi in r] for w, r in zip(words, ranges, strict=True)]
    ntok = sum(map(len, words))
    nsent = sum(map(len, ranges))
    print(f"{len(texts)} docs, {ntok} tokens, {nsent} sentences; segmentation (razdel, shared) {seg_time:.2f} s")

    # morph
    t_stock, _ = timed(lambda: [d.tag_morph(nat.morph_tagger) for d in docs])
    t_fast, tags = timed(lambda: [fast.morph(w, r) for w, r in zip(words, ranges, strict=True)])
    diffs = 0
    for doc, ids in zip(docs, tags, strict=True):
        got = [fast.morph_tags[i] for i in ids if i >= 0]
        want = [(tok.pos, tok.feats) for sent in doc.sents for tok in sent.tokens]
        if len(got) != len(want):
            diffs += max(len(got), len(want))
            continue
        for g, w in zip(got, want, strict=True):
            if g != w:
                diffs += 1
                if diffs <= show:
                    print("  morph diff:", g, w)
    print(f"morph tagger : stock {t_stock:6.2f} s  fast {t_fast:6.2f} s  ({t_stock / t_fast:4.1f}x)  "
          f"differences {diffs} of {ntok} tokens")

    # NER
    t_stock, _ = timed(lambda: [d.tag_ner(nat.ner_tagger) for d in docs])
    t_fast, found = timed(lambda: [fast.ner(w) if t.strip() else [] for w, t in zip(words, texts, strict=True)])
    diffs = nspans = 0
    for doc, (toks, _), spans in zip(docs, segmented, found, strict=True):
        got = {(toks[i].start, toks[j - 1].stop, typ) for i, j, typ in spans}
        want = {(s.start, s.stop, s.type) for s in doc.spans}
        nspans += len(want)
        bad = got ^ want
        diffs += len(bad)
        for item in sorted(bad)[: max(0, show - diffs + len(bad))]:
            print("  ner diff:", item, "fast" if item in got else "stock")
    print(f"NER tagger   : stock {t_stock:6.2f} s  fast {t_fast:6.2f} s  ({t_stock / t_fast:4.1f}x)  "
          f"differences {diffs} of {nspans} spans")

    # morph + NER as svodka runs them (one shared input)
    t_both, _ = timed(lambda: [fast.tag(w, r, bool(t.strip()))
                               for w, r, t in zip(words, ranges, texts, strict=True)])
    print(f"morph+NER    : fast, shared input {t_both:6.2f} s")

    # syntax, every sentence, one call per document as svodka makes it
    parser = nat.syntax_parser
    t_stock, want_all = timed(lambda: [list(parser.map(s)) for s in sents])
    t_fast, got_all = timed(lambda: [fast.parse(s) for s in sents])
    diffs = 0
    for want_doc, got_doc in zip(want_all, got_all, strict=True):
        for markup, (heads, rels) in zip(want_doc, got_doc, strict=True):
            for tok, head, rel in zip(markup.tokens, heads, rels, strict=True):
                if (int(tok.head_id), tok.rel) != (head, rel):
                    diffs += 1
                    if diffs <= show:
                        print("  syntax diff:", tok, head, rel)
    print(f"syntax parser: stock {t_stock:6.2f} s  fast {t_fast:6.2f} s  ({t_stock / t_fast:4.1f}x)  "
          f"differences {diffs} of {ntok} tokens")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/data/corpus/ru-news.jsonl")
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=1, help="run the comparison this many times")
    ap.add_argument("--show", type=int, default=10, help="print at most this many differences per model")
    args = ap.parse_args()
    texts = load(args.corpus, args.n)
    exact = "bit for bit stock" if fastnlp.blas_core() in fastnlp.EXACT_BLAS_CORES else "stock up to float rounding"
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, OPENBLAS_NUM_THREADS=1, OpenBLAS kernels: {fastnlp.blas_core()} "
          f"({exact})")
    models.natasha()
    fastnlp.models()
    for k in range(args.repeat):
        if args.repeat > 1:
            print(f"--- run {k + 1}")
        run(texts, args.show)


if __name__ == "__main__":
    main()
