"""Entities: svodka's entity layer beside bare Natasha on the public Russian gold sets.

    python -u bench/entities.py [--data ../shared/data] [--sets nerel slavicner factrueval]
                                [--limit N] [--json OUT.json] [--errors N]

Sets (development parts only; see ../shared/data/README.md):

- factRuEval-2016 dev: Person -> PER, Org -> ORG, Location/LocOrg -> LOC; an object's extent is the
  union of its spans (from the first to the last character); `.coref` groups objects into entities.
  Objects nested in another kept object are dropped (outermost spans, as in the other sets).
- NEREL v1.1 dev: PERSON -> PER, ORGANIZATION -> ORG, COUNTRY/CITY/STATE_OR_PROVINCE/LOCATION/
  DISTRICT/FACILITY -> LOC; of these mapped types only the OUTERMOST spans are kept (NEREL nests).
  Wikidata links (`N` lines) give grouping where present.
- NEREL dev, no adj.: the same without NEREL's one-word adjectival place mentions
  ("британский", "японского"), which the other sets and svodka's conventions do not count as
  mentions; predictions on them are ignored (see `load_nerel_noadj`).
- SlavicNER Russian (all 5 topics): PER/ORG/LOC; the lemma column is the mention's expected normal
  form; the cross-lingual id groups mentions. Predictions that overlap a gold EVT or PRO mention
  (types outside PER/ORG/LOC, e.g. "Brexit", "Северный поток") are ignored, not counted as errors.

Scores:

- Mentions: precision/recall/F1 per type and overall (micro), exact span and type match.
- Normalisation: over matched mentions that have a gold lemma (SlavicNER only), the share whose
  predicted normal form equals the lemma exactly, case-sensitively, after folding ё -> е
  (the gold sets are inconsistent about ё; case is part of a correct base form: "Верховный суд").
- Grouping: over gold entities with at least 2 matched mentions, the share whose matched mentions
  all lie in one predicted entity that holds no matched mention of another gold entity (so that
  neither splitting nor over-merging passes). Bare Natasha has no grouping: its mentions are
  grouped by type + normal form (case-insensitive), the obvious baseline. Beside it, "unsplit": the
  issue's own wording ("mentions with one gold id under one svodka entity"), which does not count
  over-merges; the strict score is the headline.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TYPES = ("PER", "ORG", "LOC")
NEREL_TYPES = {
    "PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "CITY": "LOC", "STATE_OR_PROVINCE": "LOC",
    "LOCATION": "LOC", "DISTRICT": "LOC", "FACILITY": "LOC",
}
FACTRU_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}


@dataclass
class GoldMention:
    start: int
    end: int
    type: str
    lemma: str | None = None
    entity: str | None = None  # gold entity id within the document, if known


@dataclass
class GoldDoc:
    id: str
    text: str
    mentions: list[GoldMention]
    ignore: list[tuple[int, int]] = field(default_factory=list)  # predictions overlapping these are ignored


@dataclass
class PredMention:
    start: int
    end: int
    type: str
    normal: str
    entity: str


def outermost(mentions: list[GoldMention]) -> list[GoldMention]:
    """Mentions not strictly inside another (of equal extent the first wins)."""
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[GoldMention] = []
    for m in ordered:
        if any(o.start <= m.start and m.end <= o.end for o in out):
            continue
        out.append(m)
    return out


# --- loaders ------------------------------------------------------------------------------------

def load_factrueval(root: Path) -> list[GoldDoc]:
    docs = []
    for txt in sorted((root / "factrueval-dev" / "devset").glob("book_*.txt"),
                      key=lambda p: int(re.sub(r"\D", "", p.stem))):
        text = txt.read_text(encoding="utf-8")
        spans: dict[str, tuple[int, int]] = {}
        for line in txt.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
            cols = line.split("#")[0].split()
            if len(cols) >= 4:
                spans[cols[0]] = (int(cols[2]), int(cols[2]) + int(cols[3]))
        entity_of: dict[str, str] = {}
        coref = txt.with_suffix(".coref")
        if coref.exists():
            for block in coref.read_text(encoding="utf-8").split("\n\n"):
                lines = block.strip().splitlines()
                if lines:
                    head = lines[0].split()
                    for obj in head[1:]:
                        entity_of[obj] = head[0]
        mentions = []
        for line in txt.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
            cols = line.split("#")[0].split()
            if len(cols) < 3 or cols[1] not in FACTRU_TYPES:
                continue
            ext = [spans[s] for s in cols[2:] if s in spans]
            if not ext:
                continue
            start, end = min(s for s, _ in ext), max(e for _, e in ext)
            mentions.append(GoldMention(start, end, FACTRU_TYPES[cols[1]], None, entity_of.get(cols[0])))
        docs.append(GoldDoc(txt.stem, text, outermost(mentions)))
    return docs


def load_nerel(root: Path, part: str = "dev") -> list[GoldDoc]:
    docs = []
    for ann in sorted((root / "nerel" / part).glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        mentions: dict[str, GoldMention] = {}
        wikidata: dict[str, str] = {}
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                tid, body = line.split("\t")[:2]
                etype, _, frags = body.partition(" ")
                if etype not in NEREL_TYPES:
                    continue
                nums = [int(x) for x in re.split(r"[ ;]", frags) if x]
                mentions[tid] = GoldMention(min(nums), max(nums), NEREL_TYPES[etype])
            elif line.startswith("N"):
                cols = line.split("\t")[1].split()
                if len(cols) >= 3 and cols[2].startswith("Wikidata:") and cols[2] != "Wikidata:NULL":
                    wikidata[cols[1]] = cols[2]
        for tid, m in mentions.items():
            m.entity = wikidata.get(tid)
        docs.append(GoldDoc(ann.stem, text, outermost(list(mentions.values()))))
    return docs


def load_slavicner(root: Path) -> list[GoldDoc]:
    docs = []
    base = root / "slavicner-ru"
    for tsv in sorted((base / "ner").glob("*/ru/*.tsv")):
        raw = base / "raw" / tsv.parent.parent.name / "ru" / (tsv.name[:-4] + ".txt")
        if not raw.exists():
            continue
        text = raw.read_text(encoding="utf-8")
        mentions, ignore = [], []
        for line in tsv.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) < 5 or not cols[0].isdigit():
                continue
            start, end, etype = int(cols[0]), int(cols[1]), cols[4]
            if etype in TYPES:
                ent = cols[5] if len(cols) > 5 and cols[5] else None
                mentions.append(GoldMention(start, end, etype, cols[3], ent))
            else:
                ignore.append((start, end))
        docs.append(GoldDoc(f"{tsv.parent.parent.name}/{tsv.stem}", text, outermost(mentions), ignore))
    return docs


def load_nerel_noadj(root: Path, part: str = "dev") -> list[GoldDoc]:
    """NEREL dev without its one-word adjectival place mentions ("британский премьер", "японского
    монарха"): NEREL marks them COUNTRY/CITY, the other gold sets and svodka's conventions
    (shared/LAYERS.md: nationality adjectives are not mentions) do not. Predictions on them are ignored."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    docs = load_nerel(root, part)
    for d in docs:
        keep = []
        for m in d.mentions:
            surface = d.text[m.start:m.end].strip("«»\"")
            parse = morph.parse(surface.lower())[0] if surface else None
            if m.type == "LOC" and " " not in surface and parse is not None and parse.tag.POS == "ADJF":
                d.ignore.append((m.start, m.end))
            else:
                keep.append(m)
        d.mentions = keep
    return docs


LOADERS = {"nerel": load_nerel, "nerel-noadj": load_nerel_noadj, "slavicner": load_slavicner,
           "factrueval": load_factrueval}
TITLES = {"nerel": "NEREL v1.1 dev", "nerel-noadj": "NEREL dev, no adj.", "slavicner": "SlavicNER ru",
          "factrueval": "factRuEval-2016 dev"}


# --- systems ------------------------------------------------------------------------------------

def run_svodka(docs: list[GoldDoc]) -> list[list[PredMention]]:
    from svodka.pipeline import Pipeline
    from svodka.record import InputDocument

    pipe = Pipeline(["entities"])
    out = []
    for d in docs:
        rec = pipe.extract(InputDocument(id=d.id, text=d.text))
        if rec.error:
            print(f"  {d.id}: {rec.error}", file=sys.stderr)
        out.append([PredMention(m.start, m.end, e.type, m.normal, e.id)
                    for e in rec.entities or [] for m in e.mentions])
    return out


def run_natasha(docs: list[GoldDoc]) -> list[list[PredMention]]:
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    emb = NewsEmbedding()
    seg, morph, ner, vocab = Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb), MorphVocab()
    out = []
    for d in docs:
        doc = Doc(d.text)
        doc.segment(seg)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
        preds = []
        for span in doc.spans:
            span.normalize(vocab)
            normal = span.normal or span.text
            preds.append(PredMention(span.start, span.stop, span.type, normal,
                                     f"{span.type}:{normal.lower().replace('ё', 'е')}"))
        out.append(preds)
    return out


# --- scoring ------------------------------------------------------------------------------------

def fold(s: str) -> str:
    return s.replace("ё", "е").replace("Ё", "Е")


def score(docs: list[GoldDoc], preds: list[list[PredMention]], errors: list[str] | None = None) -> dict:
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    norm_ok = norm_all = 0
    group_ok = group_all = unsplit = 0
    for doc, pred in zip(docs, preds, strict=True):
        gold_at = {(m.start, m.end, m.type): m for m in doc.mentions}
        pred_at = {}
        for p in pred:
            if any(p.start < e and s < p.end for s, e in doc.ignore) and (p.start, p.end, p.type) not in gold_at:
                continue
            pred_at[(p.start, p.end, p.type)] = p
        matched: list[tuple[GoldMention, PredMention]] = []
        for k, p in pred_at.items():
            if k in gold_at:
                tp[p.type] += 1
                matched.append((gold_at[k], p))
            else:
                fp[p.type] += 1
                if errors is not None:
                    errors.append(f"FP {p.type} {doc.text[p.start:p.end]!r} | "
                                  f"{doc.text[max(0, p.start - 30):p.end + 30]!r}".replace("\n", " "))
        for k, g in gold_at.items():
            if k not in pred_at:
                fn[g.type] += 1
                if errors is not None:
                    errors.append(f"FN {g.type} {doc.text[g.start:g.end]!r} | "
                                  f"{doc.text[max(0, g.start - 30):g.end + 30]!r}".replace("\n", " "))
        for g, p in matched:
            if g.lemma is not None:
                norm_all += 1
                if fold(p.normal) == fold(g.lemma):
                    norm_ok += 1
                elif errors is not None:
                    errors.append(f"NORM {doc.text[g.start:g.end]!r} -> {p.normal!r}, gold {g.lemma!r}")
        by_gold: dict[str, set[str]] = defaultdict(set)
        golds_of_pred: dict[str, set[str]] = defaultdict(set)
        for g, p in matched:
            if g.entity:
                by_gold[g.entity].add(p.entity)
                golds_of_pred[p.entity].add(g.entity)
        counts = defaultdict(int)
        for g, _ in matched:
            if g.entity:
                counts[g.entity] += 1
        for ent, ents in by_gold.items():
            if counts[ent] < 2:
                continue
            group_all += 1
            unsplit += len(ents) == 1
            if len(ents) == 1 and golds_of_pred[next(iter(ents))] == {ent}:
                group_ok += 1
            elif errors is not None:
                parts = [[doc.text[g.start:g.end] for g, p in matched if p.entity == e] for e in ents]
                errors.append(f"GROUP {ent}: {parts} / merged with "
                              f"{sorted(set().union(*(golds_of_pred[e] for e in ents)) - {ent})}")
    result: dict = {"types": {}}
    for t in (*TYPES, "ALL"):
        if t == "ALL":
            a, b, c = sum(tp.values()), sum(fp.values()), sum(fn.values())
        else:
            a, b, c = tp[t], fp[t], fn[t]
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result["types"][t] = {"p": p, "r": r, "f1": f, "tp": a, "fp": b, "fn": c}
    result["norm"] = norm_ok / norm_all if norm_all else None
    result["norm_n"] = norm_all
    result["group"] = group_ok / group_all if group_all else None
    result["group_n"] = group_all
    result["unsplit"] = unsplit / group_all if group_all else None
    return result


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def table(results: dict) -> str:
    lines = ["| set | system | PER F1 | ORG F1 | LOC F1 | P | R | **F1** | norm. | grouping | unsplit |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, by_system in results.items():
        for system, r in by_system.items():
            t = r["types"]
            lines.append(
                f"| {TITLES[name]} ({r['docs']} docs) | {system} | {fmt(t['PER']['f1'])} | {fmt(t['ORG']['f1'])} | "
                f"{fmt(t['LOC']['f1'])} | {fmt(t['ALL']['p'])} | {fmt(t['ALL']['r'])} | **{fmt(t['ALL']['f1'])}** | "
                f"{fmt(r['norm'])} | {fmt(r['group'])} | {fmt(r['unsplit'])} |")
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--sets", nargs="+", choices=list(LOADERS),
                    default=["nerel", "nerel-noadj", "slavicner", "factrueval"])
    ap.add_argument("--systems", nargs="+", choices=["natasha", "svodka"], default=["natasha", "svodka"])
    ap.add_argument("--limit", type=int, default=0, help="first N documents of each set (0: all)")
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--errors", type=Path, help="write svodka's errors (FP/FN/NORM/GROUP lines) here")
    ap.add_argument("--nerel-part", choices=["dev", "train"], default="dev",
                    help="NEREL part to score; 'train' checks rule changes on text they were not written on "
                         "(its absolute numbers are inflated: the entity dictionary is built from NEREL train)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.nerel_part != "dev":
        TITLES.update(nerel=f"NEREL v1.1 {args.nerel_part}", **{"nerel-noadj": f"NEREL {args.nerel_part}, no adj."})
    results: dict = {}
    error_lines: list[str] = []
    for name in args.sets:
        docs = LOADERS[name](args.data, args.nerel_part) if name.startswith("nerel") else LOADERS[name](args.data)
        if args.limit:
            docs = docs[: args.limit]
        results[name] = {}
        for system in args.systems:
            started = time.perf_counter()
            preds = run_svodka(docs) if system == "svodka" else run_natasha(docs)
            errs = [] if (args.errors and system == "svodka") else None
            r = score(docs, preds, errs)
            if errs is not None:
                error_lines += [f"[{name}] {e}" for e in errs]
            r["docs"] = len(docs)
            r["seconds"] = round(time.perf_counter() - started, 1)
            results[name][system] = r
            t = r["types"]
            print(f"{TITLES[name]:22} {system:8} " + " ".join(
                f"{k} {t[k]['p']:.3f}/{t[k]['r']:.3f}/{t[k]['f1']:.3f}" for k in (*TYPES, "ALL"))
                + f"  norm {fmt(r['norm'])} (n={r['norm_n']})  group {fmt(r['group'])} (n={r['group_n']})"
                + f" unsplit {fmt(r['unsplit'])}"
                + f"  {r['seconds']}s", flush=True)
    print()
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.errors:
        args.errors.write_text("\n".join(error_lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
