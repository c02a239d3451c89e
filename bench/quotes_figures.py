"""Benchmark of the quotes and figures layers.

    .venv/bin/python bench/quotes_figures.py [--adaq DIR] [--gold FILE] [--corpus FILE] [-v]
        [--parts dev,test,all] [--extra FILE]...

(a) adaq-ru-quotes (../shared/data/adaq-ru-quotes): 208 Russian sentences with token tags
    source/cue/content. Each sentence is run through the pipeline on its own. Scores: content tokens
    P/R/F1 (a token is predicted content when it overlaps a predicted quote's text); quote detection
    P/R/F1 per sentence-level quote (a predicted quote matches the gold content when their token
    overlap is at least half of either); on matched quotes, cue accuracy (the predicted cue is a
    gold cue token) and speaker accuracy (a word of the predicted speaker's mentions or
    speaker_text is a gold source token), over quotes whose gold has a source.
(b) bench/gold/figures_quotes.jsonl: Russian news documents of ../shared/data/corpus/ru-news.jsonl
    annotated by hand (docs/annotation-guide.md). Figures: a prediction matches a gold figure when
    the spans overlap and the kinds agree (one-to-one); value+qualifier accuracy on matched. Quotes:
    a match needs character overlap of at least 50% of both spans; speaker accuracy on matched
    (a word stem shared by the predicted speaker's names or speaker_text and the gold speaker_text).
(c) --extra FILE (bench/gold/quotes_dev2.jsonl ... quotes_dev12.jsonl): more documents of the corpus in the same line
    format, annotated for quotes only; scored as their own row, figures left out (an empty figures
    list there means "not annotated", not "no figures").
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

sys.path.insert(0, str(ROOT / "src"))

from svodka.pipeline import Pipeline  # noqa: E402
from svodka.record import InputDocument, Record  # noqa: E402


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def stems(text: str) -> set[str]:
    return {w[:4] for w in re.findall(r"[^\W\d_]{2,}", text.lower().replace("ё", "е"))}


def speaker_words(rec: Record, speaker: str | None, speaker_text: str | None) -> set[str]:
    out: set[str] = set()
    if speaker:
        for e in rec.entities or []:
            if e.id == speaker:
                out |= stems(e.name)
                for m in e.mentions:
                    out |= stems(m.text)
    if speaker_text:
        out |= stems(speaker_text)
    return out


# --- (a) adaq ---------------------------------------------------------------------------------

def adaq(pipe: Pipeline, folder: Path, verbose: bool) -> dict[str, float]:
    sentences: dict[str, str] = {}
    with open(folder / "ru_sentences.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            sentences[row["sentence_id"]] = row["sentences"]
    tokens: OrderedDict[str, list[tuple[str, str]]] = OrderedDict()
    with open(folder / "ru_tokens.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            tokens.setdefault(row["sentence_num"], []).append((row["text"], row["tags"]))
    tok_tp = tok_pred = tok_gold = 0
    q_tp_pred = q_tp_gold = q_pred = q_gold = 0
    cue_ok = cue_n = spk_ok = spk_n = 0
    for sid, toks in tokens.items():
        text = sentences.get(sid)
        if text is None:
            continue
        # align tokens to character offsets
        spans: list[tuple[int, int, str, str]] = []
        pos = 0
        for word, tag in toks:
            at = text.find(word, pos)
            if at < 0:
                spans.append((-1, -1, word, tag))
                continue
            spans.append((at, at + len(word), word, tag))
            pos = at + len(word)
        rec = pipe.extract(InputDocument(id=sid, text=text))
        quotes = rec.quotes or []

        def in_quote(s: int, e: int, q: object) -> bool:
            return s >= 0 and s < q.end and q.start < e  # type: ignore[attr-defined]

        words = [(s, e, w, tag) for s, e, w, tag in spans if s >= 0 and re.search(r"\w", w)]
        gold_content = {k for k, (_s, _e, _w, tag) in enumerate(words) if tag == "content"}
        pred_content = {k for k, (s, e, _w, _t) in enumerate(words) if any(in_quote(s, e, q) for q in quotes)}
        tok_tp += len(gold_content & pred_content)
        tok_pred += len(pred_content)
        tok_gold += len(gold_content)
        q_pred += len(quotes)
        if gold_content:
            q_gold += 1
        matched_gold = False
        for q in quotes:
            qt = {k for k, (s, e, _w, _t) in enumerate(words) if in_quote(s, e, q)}
            ov = len(qt & gold_content)
            if gold_content and qt and (ov >= 0.5 * len(gold_content) or ov >= 0.5 * len(qt)):
                q_tp_pred += 1
                if not matched_gold:
                    matched_gold = True
                    q_tp_gold += 1
                    cue_words = {w.lower() for _s, _e, w, tag in words if tag == "cue"}
                    cue_n += 1
                    if q.cue and set(q.cue.lower().split()) & cue_words:
                        cue_ok += 1
                    src = {w.lower() for _s, _e, w, tag in words if tag == "source"}
                    if src:
                        spk_n += 1
                        got = speaker_words(rec, q.speaker, q.speaker_text)
                        if got & stems(" ".join(src)):
                            spk_ok += 1
                        elif verbose:
                            print(f"  adaq speaker miss {sid}: gold {sorted(src)} got {sorted(got)}")
            elif verbose and not gold_content:
                print(f"  adaq FP {sid}: {q.text[:70]!r}")
        if verbose and gold_content and not matched_gold:
            print(f"  adaq FN {sid}: {text[:90]!r}")
    tp, tpred, tgold = tok_tp, tok_pred, tok_gold
    p, r, f = prf(tp, tpred, tgold)
    qp = q_tp_pred / q_pred if q_pred else 0.0
    qr = q_tp_gold / q_gold if q_gold else 0.0
    qf = 2 * qp * qr / (qp + qr) if qp + qr else 0.0
    return {"sentences": len(tokens), "gold_quotes": q_gold, "pred_quotes": q_pred,
            "token_p": p, "token_r": r, "token_f1": f, "quote_p": qp, "quote_r": qr, "quote_f1": qf,
            "cue_acc": cue_ok / cue_n if cue_n else 0.0, "cue_n": cue_n,
            "speaker_acc": spk_ok / spk_n if spk_n else 0.0, "speaker_n": spk_n}


# --- (b) own gold -----------------------------------------------------------------------------

def gold(pipe: Pipeline, gold_file: Path, corpus: Path, verbose: bool, part: str = "all",
         quotes_only: bool = False) -> dict[str, float]:
    """``part``: "dev" (documents whose ``split`` is dev: errors inspected while developing),
    "test" (split test: never inspected, only its scores are printed) or "all". ``quotes_only``:
    the file annotates quotes only, so no figure scores are given."""
    with open(gold_file, encoding="utf-8") as fh:
        golds = [json.loads(line) for line in fh if line.strip()]
    golds = [g for g in golds if part == "all" or g.get("split", "dev") == part]
    verbose = verbose and part == "dev"
    want = {g["id"] for g in golds}
    docs: dict[str, dict[str, str]] = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in want:
                docs[d["id"]] = d
    f_tp = f_pred = f_gold = vq_ok = span_tp = 0
    q_tp = q_pred = q_gold = spk_ok = 0
    seconds = 0.0
    for g in golds:
        d = docs[g["id"]]
        t0 = time.perf_counter()
        rec = pipe.extract(InputDocument(id=d["id"], text=d["text"]))
        seconds += time.perf_counter() - t0
        figs = [] if quotes_only else rec.figures or []
        f_pred += len(figs)
        f_gold += len(g["figures"])
        used: set[int] = set()
        used_span: set[int] = set()
        for gf in g["figures"]:
            hit = next((k for k, pf in enumerate(figs) if k not in used and pf.start < gf["end"]
                        and gf["start"] < pf.end and pf.kind == gf["kind"]), None)
            span_hit = next((k for k, pf in enumerate(figs) if k not in used_span and pf.start < gf["end"]
                             and gf["start"] < pf.end), None)
            if span_hit is not None:
                used_span.add(span_hit)
                span_tp += 1
            if hit is None:
                if verbose:
                    got = figs[span_hit] if span_hit is not None else None
                    also = f" (got {got.text!r} {got.kind})" if got else ""
                    print(f"  FIG FN {g['id']}: {gf['text']!r} {gf['kind']}{also}")
                continue
            used.add(hit)
            f_tp += 1
            pf = figs[hit]
            if pf.value == gf["value"] and pf.qualifier == gf["qualifier"]:
                vq_ok += 1
            elif verbose:
                print(f"  FIG VQ {g['id']}: {gf['text']!r} gold {gf['value']} {gf['qualifier']} "
                      f"got {pf.value} {pf.qualifier}")
        if verbose:
            for k, pf in enumerate(figs):
                if k not in used:
                    print(f"  FIG FP {g['id']}: {pf.text!r} {pf.kind} {pf.value}")
        quotes = rec.quotes or []
        q_pred += len(quotes)
        q_gold += len(g["quotes"])
        usedq: set[int] = set()
        for gq in g["quotes"]:
            best = None
            for k, pq in enumerate(quotes):
                if k in usedq:
                    continue
                ov = min(pq.end, gq["end"]) - max(pq.start, gq["start"])
                if ov >= 0.5 * (gq["end"] - gq["start"]) and ov >= 0.5 * (pq.end - pq.start):
                    best = k
                    break
            if best is None:
                if verbose:
                    print(f"  Q FN {g['id']}: {gq['text'][:70]!r} [{gq['speaker_text']}]")
                continue
            usedq.add(best)
            q_tp += 1
            pq = quotes[best]
            if speaker_words(rec, pq.speaker, pq.speaker_text) & stems(gq["speaker_text"]):
                spk_ok += 1
            elif verbose:
                names = {e.id: e.name for e in rec.entities or []}
                print(f"  Q SPK {g['id']}: {gq['text'][:50]!r} gold {gq['speaker_text']!r} "
                      f"got {names.get(pq.speaker or '')!r}/{pq.speaker_text!r}")
        if verbose:
            for k, pq in enumerate(quotes):
                if k not in usedq:
                    print(f"  Q FP {g['id']}: {pq.text[:70]!r} cue {pq.cue!r}")
    fp, fr, ff = prf(f_tp, f_pred, f_gold)
    _sp, _sr, sf = prf(span_tp, f_pred, f_gold)
    qp, qr, qf = prf(q_tp, q_pred, q_gold)
    quote_scores = {"gold_quotes": q_gold, "pred_quotes": q_pred, "quote_p": qp, "quote_r": qr, "quote_f1": qf,
                    "speaker_acc": spk_ok / q_tp if q_tp else 0.0}
    if quotes_only:
        return {"docs": len(golds), **quote_scores, "seconds_per_doc": seconds / max(1, len(golds))}
    return {"docs": len(golds), "gold_figures": f_gold, "pred_figures": f_pred,
            "fig_p": fp, "fig_r": fr, "fig_f1": ff, "fig_span_f1": sf,
            "value_qualifier_acc": vq_ok / f_tp if f_tp else 0.0,
            "gold_quotes": q_gold, "pred_quotes": q_pred, "quote_p": qp, "quote_r": qr, "quote_f1": qf,
            "speaker_acc": spk_ok / q_tp if q_tp else 0.0, "seconds_per_doc": seconds / max(1, len(golds))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--adaq", type=Path, default=SHARED / "adaq-ru-quotes")
    ap.add_argument("--gold", type=Path, default=ROOT / "bench" / "gold" / "figures_quotes.jsonl")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "ru-news.jsonl")
    ap.add_argument("--extra", type=Path, action="append", default=[],
                    help="a quotes-only gold file scored as its own row (repeatable)")
    ap.add_argument("--parts", default="dev,test,all",
                    help="splits of --gold to score, comma-separated (dev, test, all; empty for none)")
    ap.add_argument("--no-adaq", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    pipe = Pipeline(["entities", "quotes", "figures"])
    pipe.extract(InputDocument(id="warm", text="Он заявил, что двое погибли."))
    for part in [p for p in args.parts.split(",") if p]:
        res_g = gold(pipe, args.gold, args.corpus, args.verbose, part)
        print(f"own gold ({part}):", json.dumps({k: round(v, 3) for k, v in res_g.items()}, ensure_ascii=False))
    for extra in args.extra:
        res_x = gold(pipe, extra, args.corpus, args.verbose, "dev", quotes_only=True)
        print(f"{extra.name} (quotes only):", json.dumps({k: round(v, 3) for k, v in res_x.items()},
                                                         ensure_ascii=False))
    if args.no_adaq:
        return
    res_a = adaq(pipe, args.adaq, args.verbose)
    print("adaq-ru-quotes:", json.dumps({k: round(v, 3) for k, v in res_a.items()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
