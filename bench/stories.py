"""Stories benchmark: "same story?" pair accuracy on the Toloka clustering pairs.

    python bench/stories.py [--data ../shared/data] [--errors]

Pairs: ``clustering-pairs/{ru_train_pool,en_train_pool,ru_exam_pool}.tsv`` (title and text of both
documents, ``GOLDEN:quality`` OK = same story). Each text goes through svodka's entity stage
(``Pipeline(["entities"])``; English texts take the English path by themselves); its entities get the
store's link keys (equal keys are what gives two documents one store-wide entity id). Features and the
score are those of :mod:`svodka.chronicle.stories`: MinHash Jaccard of word 3-shingles, cosines of the
USE v3 embeddings of the title and of title + lead, entity overlap. The pairs carry no dates: the time window is not
tested here.

The weights and the decision threshold are chosen on the TRAIN pools only (ru_train + en_train, 55
pairs): a grid over the weights, and for each the threshold with the best train accuracy (ties: the
widest gap between neighbouring scores, then its midpoint). ru_exam (20 pairs) is then scored once.
Each feature alone gets its own train-fitted threshold. The near-duplicate rule (Jaccard >= 0.8 is
the same story whatever the score) applies to the combined decision.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from svodka.chronicle import stories
from svodka.chronicle.linking import link_key
from svodka.pipeline import Pipeline
from svodka.record import InputDocument

ROOT = Path(__file__).resolve().parents[1]
POOLS = ("ru_train_pool", "en_train_pool", "ru_exam_pool")


@dataclass
class Pair:
    pool: str
    a: stories.Features
    b: stories.Features
    same: bool
    titles: tuple[str, str]


def read_pool(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def best_threshold(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """(threshold, accuracy) maximising accuracy of ``score >= threshold``; ties: widest gap."""
    values = np.unique(scores)
    cuts = np.concatenate([[values[0] - 1.0], (values[:-1] + values[1:]) / 2, [values[-1] + 1.0]])
    gaps = np.concatenate([[1.0], np.diff(values), [1.0]])
    best = (-1.0, -1.0, 0.0)
    for cut, gap in zip(cuts, gaps, strict=True):
        acc = float(np.mean((scores >= cut) == gold))
        if (acc, gap) > best[:2]:
            best = (acc, gap, float(cut))
    return best[2], best[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--errors", action="store_true", help="list the misclassified exam and train pairs")
    args = ap.parse_args(argv)

    rows = {pool: read_pool(args.data / "clustering-pairs" / f"{pool}.tsv") for pool in POOLS}
    texts: dict[tuple[str, str], int] = {}
    for pool_rows in rows.values():
        for r in pool_rows:
            for side in ("first", "second"):
                texts.setdefault((r[f"INPUT:{side}_title"], r[f"INPUT:{side}_text"]), len(texts))
    items = list(texts)

    pipeline = Pipeline(["entities"])
    pipeline.extract(InputDocument(id="warm", text="Warm up the models. Прогрев моделей."))
    stories.embed(["warm up"])
    t0 = time.perf_counter()
    entities = []
    for k, (title, text) in enumerate(items):
        rec = pipeline.extract(InputDocument(id=f"d{k}", text=text, title=title))
        if rec.error:
            print(f"d{k}: {rec.error}", file=sys.stderr)
        entities.append(frozenset(link_key(e) for e in rec.entities or []))
    t_entities = time.perf_counter() - t0
    t0 = time.perf_counter()
    signatures = [stories.minhash(text) for _, text in items]
    t_minhash = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = len(items)
    vectors = stories.embed([stories.headline(title, text) for title, text in items]
                            + [stories.lead(title, text) for title, text in items])
    t_embed = time.perf_counter() - t0
    feats = [stories.Features(doc_id=f"d{k}", day=None, minhash=signatures[k], title_embedding=vectors[k],
                              embedding=vectors[n + k], entities=entities[k]) for k in range(n)]
    chars = sum(len(stories.lead(t, x)) for t, x in items) / len(items)
    print(f"{n} distinct texts; lead {chars:.0f} characters on average")
    print(f"  entity stage {n / t_entities:.1f} docs/s, MinHash {n / t_minhash:.0f} docs/s, "
          f"USE embeddings (title, lead) {n / t_embed:.1f} docs/s (features: {n / (t_minhash + t_embed):.1f} docs/s)")

    pairs = [Pair(pool, feats[texts[(r["INPUT:first_title"], r["INPUT:first_text"])]],
                  feats[texts[(r["INPUT:second_title"], r["INPUT:second_text"])]], r["GOLDEN:quality"] == "OK",
                  (r["INPUT:first_title"], r["INPUT:second_title"]))
             for pool in POOLS for r in rows[pool]]
    train = [p for p in pairs if p.pool != "ru_exam_pool"]
    exam = [p for p in pairs if p.pool == "ru_exam_pool"]

    def columns(ps: list[Pair]) -> dict[str, np.ndarray]:
        return {
            "minhash": np.array([stories.jaccard(p.a.minhash, p.b.minhash) for p in ps]),
            "title": np.array([float(np.dot(p.a.title_embedding, p.b.title_embedding)) for p in ps]),
            "lead": np.array([float(np.dot(p.a.embedding, p.b.embedding)) for p in ps]),
            "entities": np.array([stories.entity_overlap(p.a.entities, p.b.entities) for p in ps]),
            "gold": np.array([p.same for p in ps]),
        }

    tr, ex = columns(train), columns(exam)
    print(f"\ntrain: {len(train)} pairs ({int(tr['gold'].sum())} same story), exam: {len(exam)} pairs "
          f"({int(ex['gold'].sum())} same story)")
    print(f"\n{'feature':<28} {'threshold':>9} {'train acc':>9} {'exam acc':>8}")
    for c in (tr, ex):
        c["embedding"] = stories.W_TITLE * c["title"] + (1 - stories.W_TITLE) * c["lead"]
    for name in ("minhash", "embedding", "title", "lead", "entities"):
        cut, acc = best_threshold(tr[name], tr["gold"])
        label = {"embedding": f"embedding alone ({stories.W_TITLE} title)", "title": "  title cosine alone",
                 "lead": "  title+lead cosine alone"}.get(name, name + " alone")
        print(f"{label:<28} {cut:9.3f} {acc:9.3f} {np.mean((ex[name] >= cut) == ex['gold']):8.3f}")

    def combined(c: dict[str, np.ndarray], w_t: float, w_e: float, w_m: float) -> np.ndarray:
        return w_t * c["title"] + (1 - w_t) * c["lead"] + w_e * c["entities"] + w_m * c["minhash"]

    def decide(c: dict[str, np.ndarray], w_t: float, w_e: float, w_m: float, t: float) -> np.ndarray:
        return (combined(c, w_t, w_e, w_m) >= t) | (c["minhash"] >= stories.NEAR_DUPLICATE)

    best: tuple[float, float, float, float, float] | None = None
    grid = np.round(np.arange(0.0, 1.001, 0.1), 2)
    for w_t in grid:
        for w_ent in grid:
            for w_mh in grid[:6]:
                cut, _ = best_threshold(combined(tr, w_t, w_ent, w_mh), tr["gold"])
                acc = float(np.mean(decide(tr, w_t, w_ent, w_mh, cut) == tr["gold"]))
                if best is None or acc > best[0]:  # ties: the first in grid order wins
                    best = (acc, float(w_t), float(w_ent), float(w_mh), cut)
    assert best is not None
    acc_tr, w_t, w_ent, w_mh, cut = best
    print(f"{'combined (fitted here)':<28} {cut:9.3f} {acc_tr:9.3f} "
          f"{np.mean(decide(ex, w_t, w_ent, w_mh, cut) == ex['gold']):8.3f}"
          f"   w_title={w_t}, w_entities={w_ent}, w_minhash={w_mh}")
    shipped = (stories.W_TITLE, stories.W_ENTITIES, stories.W_MINHASH, stories.THRESHOLD)
    acc_ship_tr = float(np.mean(decide(tr, *shipped) == tr["gold"]))
    acc_ship_ex = float(np.mean(decide(ex, *shipped) == ex["gold"]))
    print(f"{'combined (svodka constants)':<28} {stories.THRESHOLD:9.3f} {acc_ship_tr:9.3f} {acc_ship_ex:8.3f}"
          f"   w_title={stories.W_TITLE}, w_entities={stories.W_ENTITIES}, w_minhash={stories.W_MINHASH}")
    for pool in POOLS:
        sub = [p for p in pairs if p.pool == pool]
        c = columns(sub)
        print(f"  {pool}: {np.mean(decide(c, *shipped) == c['gold']):.3f} ({len(sub)} pairs)")

    if args.errors:
        print("\nmisclassified (svodka constants):")
        for p in pairs:
            c = columns([p])
            if bool(decide(c, *shipped)[0]) != p.same:
                print(f"  [{p.pool}] gold={'same' if p.same else 'different'} title={c['title'][0]:.3f} "
                      f"lead={c['lead'][0]:.3f} "
                      f"ent={c['entities'][0]:.3f} jac={c['minhash'][0]:.2f} | {p.titles[0][:60]} | {p.titles[1][:60]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
