"""Places benchmark: geocoding of the places in NEREL dev (Russian) and GUM news (English).

    python bench/places.py [--data ../shared/data]
        [--only nerel|nerel-train|...|nerel-train13|slavicner|slavicner2|factrueval|rucoco|gum]

Gold: ``bench/gold/places_nerel_dev.tsv``, ``bench/gold/places_nerel_train.tsv`` (the first 60 NEREL train
documents with place links, annotated as an unseen check), ``bench/gold/places_nerel_train2.tsv`` (the next 60,
the same way), ``bench/gold/places_nerel_train3.tsv`` (the 60 after those, the same way),
``bench/gold/places_nerel_train4.tsv``, ``bench/gold/places_nerel_train5.tsv``,
``bench/gold/places_nerel_train6.tsv``, ``bench/gold/places_nerel_train7.tsv``,
``bench/gold/places_nerel_train8.tsv``, ``bench/gold/places_nerel_train9.tsv``,
``bench/gold/places_nerel_train10.tsv``, ``bench/gold/places_nerel_train11.tsv``,
``bench/gold/places_nerel_train12.tsv`` (each the 60 after the one before,
the same way), ``bench/gold/places_nerel_train13.tsv`` (the last 10),
``bench/gold/places_slavicner.tsv`` (100 SlavicNER Russian news documents, 20 a topic, with crosslingual ids),
``bench/gold/places_slavicner2.tsv`` (100 more, another seed), ``bench/gold/places_factrueval.tsv`` (all 122
factRuEval-2016 dev documents, Location and LocOrg entities), ``bench/gold/places_rucoco.tsv`` (60 RuCoCo documents
of the unlabelled corpus, places found by reading: only those not inside a longer name) and
``bench/gold/places_gum.tsv`` (one row per distinct place with a Wikidata / Wikipedia identity; coordinates and
countries project-annotated, see their headers). Two modes:

- end-to-end: svodka's pipeline runs on the whole document; a gold place takes the ``geo`` of the
  svodka LOC entity with a mention overlapping the gold span (none: unresolved);
- geocoder-only: the gold spans of a document become its LOC entities (name = the span as written,
  up to a first comma, without "the" and "'s"; Russian spans stay inflected, so the stage's own
  nominative fallback is exercised) and only the places stage runs: recognition errors are left out.

Scores over gold places: coverage (geo not null), country accuracy (ISO alpha-2 equal; unresolved is
wrong), accuracy within 161 km (100 miles; over places with gold coordinates; unresolved or null
coordinates are wrong). Also by gold type, and without facilities (sites have no coordinates in svodka).

NEREL sets are scored a second time, "outermost": the project's entities are flat outermost spans
(shared/LAYERS.md: a name inside a longer name is not a mention of its own), so a place is scored at its first
noun-form mention that no other NEREL span of a kept type (person, organisation, place, facility) contains;
a place named only inside such names ("Сенате США", "УВД Томской области") is left out and counted. The
place's mentions are the NEREL place spans linked to its Wikidata id or with the same lemmas as the gold
mention or a linked one, not one-word adjectives or demonyms ("москвичу") nor a compound adjective's stem
("Российско" of "Российско-американский"); nesting is read from the ``.ann`` files, never from svodka's output.
SlavicNER's spans are flat (none nests in another), so its outermost reading equals the usual one up to the mention
chosen; it is scored the same way from its ``ner/<topic>/ru/*.tsv`` files.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from svodka import models
from svodka.analysis import Analysis
from svodka.pipeline import Pipeline
from svodka.record import Entity, Geo, InputDocument, Mention
from svodka.stages import places

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold"


@dataclass
class Gold:
    doc: str
    start: int
    end: int
    text: str
    ident: str
    lat: float
    lon: float
    country: str
    type: str


def read_gold(path: Path) -> list[Gold]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("doc\t") or not line.strip():
            continue
        d, s, e, text, ident, lat, lon, cc, typ = line.split("\t")
        out.append(Gold(d, int(s), int(e), text, ident, float(lat), float(lon), cc, typ))
    return out


def gum_text(path: Path) -> str:
    """The text of a GUM ``.conllu`` file as the gold offsets index it."""
    parts: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id") and parts and not parts[-1].endswith("\n"):
            if parts[-1] == " ":
                parts[-1] = "\n"
            else:
                parts.append("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        parts.append(cols[1])
        if "SpaceAfter=No" not in cols[9]:
            parts.append(" ")
    return "".join(parts)


PLACE_TYPES = {"COUNTRY", "CITY", "STATE_OR_PROVINCE", "LOCATION", "DISTRICT", "FACILITY"}
KEPT_TYPES = PLACE_TYPES | {"PERSON", "ORGANIZATION"}


@dataclass
class AnnSpan:
    start: int
    end: int
    type: str
    text: str
    wikidata: str | None = None


def read_ann(path: Path) -> list[AnnSpan]:
    """The kept-type spans of a NEREL ``.ann`` file (a split span as its extent) with their Wikidata links."""
    spans: dict[str, AnnSpan] = {}
    links: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 3:
            etype, _, frags = cols[1].partition(" ")
            if etype in KEPT_TYPES:
                nums = [int(x) for x in re.split(r"[ ;]", frags) if x]
                spans[cols[0]] = AnnSpan(min(nums), max(nums), etype, cols[2])
        elif line.startswith("N") and len(cols) >= 2:
            ref = cols[1].split()
            if len(ref) >= 3 and ref[2].startswith("Wikidata:"):
                links[ref[1]] = ref[2].removeprefix("Wikidata:")
    for tid, span in spans.items():
        span.wikidata = links.get(tid)
    return list(spans.values())


SLAVICNER_TYPES = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}  # EVT, PRO: not kept, as in NEREL


def read_slavicner(path: Path) -> list[AnnSpan]:
    """The kept-type spans of a SlavicNER ``.tsv`` file, the crosslingual id as the link."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 6 and cols[4] in SLAVICNER_TYPES and cols[0].isdigit():
            out.append(AnnSpan(int(cols[0]), int(cols[1]), SLAVICNER_TYPES[cols[4]], cols[2], cols[5]))
    return out


FACTRUEVAL_TYPES = {"Person": "PERSON", "Org": "ORGANIZATION", "Location": "LOCATION", "LocOrg": "LOCATION"}


def read_factrueval(book: Path) -> list[AnnSpan]:
    """The objects of a factRuEval ``book_N`` (person, organisation, place), each as the extent of its spans."""
    spans: dict[str, tuple[int, int]] = {}
    for line in book.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        cols = line.split()
        if len(cols) >= 4:
            spans[cols[0]] = (int(cols[2]), int(cols[2]) + int(cols[3]))
    text = book.with_suffix(".txt").read_text(encoding="utf-8")
    out = []
    for line in book.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        cols = line.split("#")[0].split()
        if len(cols) >= 3 and cols[1] in FACTRUEVAL_TYPES:
            parts = [spans[x] for x in cols[2:] if x in spans]
            if parts:
                a, b = min(p[0] for p in parts), max(p[1] for p in parts)
                out.append(AnnSpan(a, b, FACTRUEVAL_TYPES[cols[1]], text[a:b]))
    return out


def outermost(gold: list[Gold], texts: dict[str, str], anns: dict[str, list[AnnSpan]]) -> tuple[list[Gold], list[Gold]]:
    """(each place at its first noun-form mention not nested in another kept span, places with only nested ones)."""
    morph = models.morph()  # the pipeline's analyser, already loaded and memoised

    def key(text: str) -> tuple[str, ...]:
        return tuple(morph.parse(w)[0].normal_form for w in re.findall(r"\w+", text.lower().replace("ё", "е")))

    def adjectival(text: str) -> bool:  # one (hyphenated) word ending as an adjective: "Санкт-Петербургских"
        words = re.findall(r"\w+", text)
        return " " not in text.strip() and bool(words) and morph.parse(words[-1].lower())[0].tag.POS == "ADJF"

    def demonym(text: str) -> bool:  # one word naming people of the place: "Харьковчан", "москвичу"
        words = re.findall(r"\w+", text)
        if len(words) != 1:
            return False
        tag = morph.parse(words[0].lower())[0].tag
        return tag.POS == "NOUN" and tag.animacy == "anim"

    def compound(text: str, s: AnnSpan) -> bool:  # a compound adjective's stem: "Российско" of "Российско-американский"
        return text[s.end:s.end + 1] == "-" and s.text[-1:].lower() in ("о", "е")

    kept: list[Gold] = []
    nested_only: list[Gold] = []
    for g in gold:
        spans = anns[g.doc]
        place_spans = [s for s in spans if s.type in PLACE_TYPES]
        keys = {key(g.text)} | {key(s.text) for s in place_spans if s.wikidata == g.ident}
        mentions = sorted({(s.start, s.end) for s in place_spans
                           if (s.wikidata == g.ident or key(s.text) in keys) and not adjectival(s.text)
                           and not demonym(s.text) and not compound(texts[g.doc], s)}
                          | {(g.start, g.end)})
        free = [(a, b) for a, b in mentions
                if not any(s.start <= a and b <= s.end and (s.start, s.end) != (a, b) for s in spans)]
        if not free:
            nested_only.append(g)
            continue
        a, b = free[0]
        kept.append(Gold(g.doc, a, b, texts[g.doc][a:b], g.ident, g.lat, g.lon, g.country, g.type))
    return kept, nested_only


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def end_to_end(texts: dict[str, str], gold: list[Gold]) -> list[Geo | None]:
    pipe = Pipeline(["entities"])
    by_doc: dict[str, list[Entity]] = {}
    for doc in sorted({g.doc for g in gold}):
        a = pipe.analyse(InputDocument(id=doc, text=texts[doc]))
        by_doc[doc] = [e for e in a.entities if e.type == "LOC"]
    out: list[Geo | None] = []
    for g in gold:
        # The svodka mention overlapping the gold span that starts first ("Irving, Texas" is Irving).
        overlapping = [(m.start, e) for e in by_doc[g.doc] for m in e.mentions if m.start < g.end and g.start < m.end]
        out.append(min(overlapping, key=lambda t: t[0])[1].geo if overlapping else None)
    return out


def geocoder_only(texts: dict[str, str], gold: list[Gold]) -> list[Geo | None]:
    by_doc: dict[str, list[tuple[int, Gold]]] = defaultdict(list)
    for i, g in enumerate(gold):
        by_doc[g.doc].append((i, g))
    out: list[Geo | None] = [None] * len(gold)
    for doc, rows in by_doc.items():
        a = Analysis(doc=InputDocument(id=doc, text=texts[doc]), text=texts[doc])
        for i, g in rows:
            # The place named first: "Irving, Texas" -> "Irving", "Malaysia 's" -> "Malaysia".
            name = re.sub(r"^(the|The)\s+|\s+'s$", "", g.text.split(",")[0]).strip()
            subtype = "site" if g.type == "FACILITY" else None
            a.entities.append(Entity(id=f"E{i}", type="LOC", name=name, name_en=None, subtype=subtype, geo=None,
                                     mentions=[Mention(start=g.start, end=g.end, text=g.text, normal=name)]))
        places.geocode(a)
        for (i, _), e in zip(rows, a.entities, strict=True):
            out[i] = e.geo
    return out


def score(gold: list[Gold], geos: list[Geo | None]) -> dict[str, tuple[int, float, float, float, float]]:
    """type -> (n, coverage, country accuracy, accuracy within 161 km, country accuracy of the resolved)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        groups["all"].append(i)
        groups[g.type].append(i)
        if g.type != "FACILITY":
            groups["all but facilities"].append(i)
    out = {}
    for name, idx in groups.items():
        n = len(idx)
        cov = sum(geos[i] is not None for i in idx) / n
        cc = sum(geos[i] is not None and geos[i].country == gold[i].country for i in idx) / n  # type: ignore[union-attr]
        near = 0
        for i in idx:
            geo = geos[i]
            if geo is not None and geo.lat is not None and geo.lon is not None \
                    and km(geo.lat, geo.lon, gold[i].lat, gold[i].lon) <= 161:
                near += 1
        resolved = [i for i in idx if geos[i] is not None]
        cc_resolved = sum(geos[i].country == gold[i].country for i in resolved) / len(resolved) if resolved else 0.0  # type: ignore[union-attr]
        out[name] = (n, cov, cc, near / n, cc_resolved)
    return out


def check_spans(gold: list[Gold], texts: dict[str, str]) -> None:
    """Every gold row's offsets point at its text in the document (a stale gold file fails loudly)."""
    for g in gold:
        assert texts[g.doc][g.start:g.end] == g.text, (g.doc, g.text)


def report(title: str, gold: list[Gold], texts: dict[str, str], show_errors: bool) -> None:
    for mode, fn in (("end-to-end", end_to_end), ("geocoder-only", geocoder_only)):
        t = time.perf_counter()
        geos = fn(texts, gold)
        secs = time.perf_counter() - t
        print(f"\n{title}, {mode} ({secs:.1f} s)")
        print("| places | n | coverage | country acc. | acc@161km | country acc. of resolved |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, (n, cov, cc, near, ccr) in sorted(score(gold, geos).items(),
                                                     key=lambda kv: (kv[0] != "all", -kv[1][0])):
            print(f"| {name} | {n} | {cov:.3f} | {cc:.3f} | {near:.3f} | {ccr:.3f} |")
        if show_errors:
            for g, geo in zip(gold, geos, strict=True):
                ok = geo is not None and geo.lat is not None and geo.lon is not None \
                    and km(geo.lat, geo.lon, g.lat, g.lon) <= 161
                if not ok:
                    print("  miss:", g.doc, g.text, g.ident, g.country, "->",
                          None if geo is None else (geo.name, geo.country, geo.precision, geo.lat, geo.lon))


def report_outermost(title: str, gold: list[Gold], texts: dict[str, str], anns: dict[str, list[AnnSpan]],
                     show_errors: bool) -> None:
    kept, nested_only = outermost(gold, texts, anns)
    first = {(g.doc, g.start) for g in gold}
    moved = sum((k.doc, k.start) not in first for k in kept)
    print(f"\n{title}, outermost: {len(kept)} places ({moved} scored at another mention), "
          f"{len(nested_only)} named only inside another name left out"
          f" ({len([g for g in nested_only if g.type != 'FACILITY'])} without facilities): "
          + ", ".join(f"{g.doc} {g.text}" for g in nested_only))
    report(f"{title} (Russian), outermost", kept, texts, show_errors)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data")
    ap.add_argument("--only", choices=["nerel", "nerel-train", "nerel-train2", "nerel-train3", "nerel-train4",
                                       "nerel-train5", "nerel-train6", "nerel-train7", "nerel-train8",
                                       "nerel-train9", "nerel-train10", "nerel-train11",
                                       "nerel-train12", "nerel-train13", "slavicner", "slavicner2",
                                       "factrueval", "rucoco", "gum"],
                    help="one set (default: all)")
    ap.add_argument("--errors", action="store_true", help="list the places not within 161 km")
    args = ap.parse_args(argv)
    for key, part, folder in (("nerel", "dev", "dev"), ("nerel-train", "train", "train"),
                              ("nerel-train2", "train2", "train"), ("nerel-train3", "train3", "train"),
                              ("nerel-train4", "train4", "train"), ("nerel-train5", "train5", "train"),
                              ("nerel-train6", "train6", "train"), ("nerel-train7", "train7", "train"),
                              ("nerel-train8", "train8", "train"), ("nerel-train9", "train9", "train"),
                              ("nerel-train10", "train10", "train"), ("nerel-train11", "train11", "train"),
                              ("nerel-train12", "train12", "train"), ("nerel-train13", "train13", "train")):
        if args.only not in (None, key):
            continue
        gold = read_gold(GOLD / f"places_nerel_{part}.tsv")
        nerel = args.data / "nerel" / folder
        texts = {d: (nerel / f"{d}.txt").read_text(encoding="utf-8") for d in {g.doc for g in gold}}
        check_spans(gold, texts)
        report(f"NEREL {part} (Russian)", gold, texts, args.errors)
        anns = {doc: read_ann(nerel / f"{doc}.ann") for doc in texts}
        report_outermost(f"NEREL {part}", gold, texts, anns, args.errors)
    for key, suffix in (("slavicner", ""), ("slavicner2", "2")):
        if args.only not in (None, key):
            continue
        gold = read_gold(GOLD / f"places_slavicner{suffix}.tsv")
        snr = args.data / "slavicner-ru"
        texts = {d: (snr / "raw" / d.split("/")[0] / "ru" / f"{d.split('/')[1]}.txt").read_text(encoding="utf-8")
                 for d in {g.doc for g in gold}}
        check_spans(gold, texts)
        report(f"SlavicNER{suffix} (Russian)", gold, texts, args.errors)
        anns = {d: read_slavicner(snr / "ner" / d.split("/")[0] / "ru" / f"{d.split('/')[1]}.tsv") for d in texts}
        report_outermost(f"SlavicNER{suffix}", gold, texts, anns, args.errors)
    if args.only in (None, "factrueval"):
        gold = read_gold(GOLD / "places_factrueval.tsv")
        fre = args.data / "factrueval-dev" / "devset"
        texts = {d: (fre / f"{d}.txt").read_text(encoding="utf-8") for d in {g.doc for g in gold}}
        check_spans(gold, texts)
        report("factRuEval dev (Russian)", gold, texts, args.errors)
        anns = {d: read_factrueval(fre / d) for d in texts}
        report_outermost("factRuEval dev", gold, texts, anns, args.errors)
    if args.only in (None, "rucoco"):
        # Plain corpus news with no entity annotation: the annotator marked only places not inside a longer
        # name, so the set is already "outermost" and is scored in the two usual modes.
        gold = read_gold(GOLD / "places_rucoco.tsv")
        corpus = {}
        with (args.data / "corpus" / "ru-news.jsonl").open(encoding="utf-8") as f:
            wanted = {g.doc for g in gold}
            for line in f:
                d = json.loads(line)
                if d["id"] in wanted:
                    corpus[d["id"]] = d["text"]
        texts = {d: corpus[d] for d in wanted}
        check_spans(gold, texts)
        report("RuCoCo corpus news (Russian)", gold, texts, args.errors)
    if args.only in (None, "gum"):
        gold = read_gold(GOLD / "places_gum.tsv")
        texts = {d: gum_text(args.data / "gum-news-en" / "dep" / f"{d}.conllu") for d in {g.doc for g in gold}}
        check_spans(gold, texts)
        report("GUM news (English)", gold, texts, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
