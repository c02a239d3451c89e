"""Validate svodka's hand-annotated gold files against the corpus and count them.

    .venv/bin/python bench/gold/check.py [--corpus ../shared/data/corpus/ru-news.jsonl]

Checks every span of `bench/gold/figures_quotes.jsonl`, `bench/gold/events.jsonl`, the later events batches
(`bench/gold/events_*.jsonl`, scored on their own with `bench/events.py --gold FILE`) and the quote development sets
(`bench/gold/quotes_dev*.jsonl`, `bench/quotes_figures.py --extra FILE`): offsets are
code-point indices into the document's `text` (end exclusive) and `text` must equal `text[start:end]`;
names given for event participants must occur in the document; kinds, qualifiers, types and modes
must come from the vocabularies of docs/annotation-guide.md; a document in both files must have the
same split; a batch file shares no document with the events file or another batch; a quote set has only `dev` lines
and shares no document with another quote set or with the held-out (`test`) lines of figures_quotes. Prints the errors
(exit status 1 if any) and the counts per layer and split.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "bench" / "gold"

SPLITS = ("dev", "test")
FIGURE_KINDS = {"killed", "injured", "hospitalized", "critical", "missing", "arrested", "evacuated",
                "participants", "troops", "other"}
QUALIFIERS = {"exact", "approx", "more_than", "less_than", "at_least", "at_most", "range"}
QUOTE_KINDS = {"direct", "indirect"}
#: PLOVER modes allowed per event type (docs/annotation-guide.md, "Modes"); types absent here take none.
MODES: dict[str, set[str]] = {
    "ASSAULT": {"abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "heavy-weapons", "aerial"},
    "PROTEST": {"demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"},
    "COERCE": {"confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold"},
    "MOBILIZE": {"troops", "weapons", "police"},
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "THREATEN": {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"},
    "AID": {"economic", "military", "humanitarian", "asylum"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"},
    "SANCTION": {"convict", "cancel", "expel", "withdraw", "sever"},
}
EVENT_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_corpus(path: Path, wanted: set[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc["id"] in wanted:
                texts[doc["id"]] = doc["text"]
    return texts


def check_span(where: str, span: dict[str, Any], text: str, errors: list[str]) -> None:
    """A span is valid when its offsets lie in the text, cut exactly its `text`, and carry no outer blanks."""
    start, end, got = span.get("start"), span.get("end"), span.get("text")
    if not isinstance(start, int) or not isinstance(end, int) or not isinstance(got, str):
        errors.append(f"{where}: start/end/text missing or mistyped: {span}")
        return
    if not 0 <= start < end <= len(text):
        errors.append(f"{where}: offsets {start}:{end} outside the text ({len(text)} chars)")
        return
    if text[start:end] != got:
        errors.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, gold says {got!r}")
    elif got != got.strip():
        errors.append(f"{where}: span {got!r} starts or ends with blanks")


def check_split(where: str, record: dict[str, Any], errors: list[str]) -> None:
    if record.get("split") not in SPLITS:
        errors.append(f"{where}: split {record.get('split')!r} not in {SPLITS}")


def check_figures_quotes(golds: list[dict[str, Any]], texts: dict[str, str], errors: list[str]) -> None:
    for g in golds:
        doc = g["id"]
        check_split(doc, g, errors)
        text = texts[doc]
        seen: set[tuple[int, int]] = set()
        for k, f in enumerate(g.get("figures", [])):
            where = f"{doc} figure {k}"
            check_span(where, f, text, errors)
            if (f.get("start"), f.get("end")) in seen:
                errors.append(f"{where}: duplicate span")
            seen.add((f.get("start"), f.get("end")))
            if f.get("kind") not in FIGURE_KINDS:
                errors.append(f"{where}: kind {f.get('kind')!r}")
            if f.get("qualifier") not in QUALIFIERS:
                errors.append(f"{where}: qualifier {f.get('qualifier')!r}")
            if not isinstance(f.get("value"), int | float) or isinstance(f.get("value"), bool):
                errors.append(f"{where}: value {f.get('value')!r} is not a number")
            if f.get("qualifier") == "range" and not (f.get("low") == f.get("value") and f.get("high", 0) > f["value"]):
                errors.append(f"{where}: a range needs low == value < high")
        for k, q in enumerate(g.get("quotes", [])):
            where = f"{doc} quote {k}"
            check_span(where, q, text, errors)
            if q.get("kind") not in QUOTE_KINDS:
                errors.append(f"{where}: kind {q.get('kind')!r}")
            if not isinstance(q.get("speaker_text"), str) or not q["speaker_text"].strip():
                errors.append(f"{where}: empty speaker_text")
            cue = q.get("cue")
            # "По словам" is the guide's cue for "по его словам" too: its words, in any case, must occur; a direct
            # quote after "Имя, должность: «...»" has none
            if not isinstance(cue, str) or (not cue.strip() and q.get("kind") != "direct") or (
                    cue not in text and not all(w in text.lower() for w in cue.lower().split())):
                errors.append(f"{where}: cue {cue!r} does not occur in the document")


def check_events(golds: list[dict[str, Any]], texts: dict[str, str], errors: list[str]) -> None:
    for g in golds:
        doc = g["id"]
        check_split(doc, g, errors)
        text = texts[doc]
        for k, e in enumerate(g.get("events", [])):
            where = f"{doc} event {k}"
            etype = e.get("type")
            if etype not in EVENT_TYPES:
                errors.append(f"{where}: type {etype!r}")
            check_span(where + " trigger", e.get("trigger", {}), text, errors)
            for role in ("actor_text", "recipient_text"):
                names = e.get(role)
                if not isinstance(names, list):
                    errors.append(f"{where}: {role} is not a list")
                    continue
                for name in names:
                    if not isinstance(name, str) or not name or name not in text:
                        errors.append(f"{where}: {role} {name!r} does not occur in the document")
            loc = e.get("location_text")
            if loc is not None and (not isinstance(loc, str) or not loc or loc not in text):
                errors.append(f"{where}: location_text {loc!r} does not occur in the document")
            if "mode" not in e:
                errors.append(f"{where}: no mode key (null when unclear)")
            elif e["mode"] is not None and e["mode"] not in MODES.get(str(etype), set()):
                errors.append(f"{where}: mode {e['mode']!r} not allowed for {etype}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "data" / "corpus" / "ru-news.jsonl")
    args = ap.parse_args()
    fq = load_jsonl(GOLD / "figures_quotes.jsonl")
    ev = load_jsonl(GOLD / "events.jsonl")
    batches = {path.name: load_jsonl(path) for path in sorted(GOLD.glob("events_*.jsonl"))}
    quote_sets = {path.name: load_jsonl(path) for path in sorted(GOLD.glob("quotes_dev*.jsonl"))}
    errors: list[str] = []
    held_out = {g["id"]: "the test split of figures_quotes.jsonl" for g in fq if g.get("split") == "test"}
    for name, golds in quote_sets.items():
        for g in golds:
            if g.get("split") != "dev":
                errors.append(f"{name}: {g['id']} has split {g.get('split')!r}, not dev")
            if g["id"] in held_out:
                errors.append(f"{name}: {g['id']} is also in {held_out[g['id']]}")
            held_out[g["id"]] = name
    for name, golds in (("figures_quotes", fq), ("events", ev)):
        dup = [i for i, n in Counter(g["id"] for g in golds).items() if n > 1]
        if dup:
            errors.append(f"{name}: duplicate ids {dup}")
    seen = {g["id"]: "events.jsonl" for g in ev}
    for name, golds in batches.items():
        for g in golds:
            if g["id"] in seen:
                errors.append(f"{name}: {g['id']} is also in {seen[g['id']]}")
            seen[g["id"]] = name
    every = fq + ev + [g for golds in (*batches.values(), *quote_sets.values()) for g in golds]
    texts = load_corpus(args.corpus, {g["id"] for g in every})
    missing = sorted({g["id"] for g in every} - texts.keys())
    if missing:
        sys.exit(f"documents not in the corpus: {missing}")
    check_figures_quotes(fq, texts, errors)
    check_events(ev, texts, errors)
    for golds in batches.values():
        check_events(golds, texts, errors)
    for golds in quote_sets.values():
        check_figures_quotes(golds, texts, errors)
    split_fq = {g["id"]: g.get("split") for g in fq}
    split_ev = {g["id"]: g.get("split") for g in ev}
    both = split_fq.keys() & split_ev.keys()
    for doc in sorted(both):
        if split_fq[doc] != split_ev[doc]:
            errors.append(f"{doc}: split {split_fq[doc]} in figures_quotes, {split_ev[doc]} in events")

    print(f"{'split':6} {'docs fq':>7} {'figures':>7} {'quotes':>6} {'docs ev':>7} {'events':>6} "
          f"{'w/ mode':>7} {'all 3 layers':>12}")
    for split in (*SPLITS, "all"):
        f_sel = [g for g in fq if split == "all" or g.get("split") == split]
        e_sel = [g for g in ev if split == "all" or g.get("split") == split]
        events = [e for g in e_sel for e in g["events"]]
        print(f"{split:6} {len(f_sel):7} {sum(len(g['figures']) for g in f_sel):7} "
              f"{sum(len(g['quotes']) for g in f_sel):6} {len(e_sel):7} {len(events):6} "
              f"{sum(e.get('mode') is not None for e in events):7} "
              f"{len({g['id'] for g in f_sel} & {g['id'] for g in e_sel}):12}")
    for name, golds in batches.items():
        events = [e for g in golds for e in g["events"]]
        print(f"{name}: {len(golds)} docs, {len(events)} events, {sum(e.get('mode') is not None for e in events)} "
              f"with a mode ({', '.join(sorted({str(g.get('batch')) for g in golds}))})")
    print(f"quote sets: {len(quote_sets)} files, {sum(len(golds) for golds in quote_sets.values())} docs, "
          f"{sum(len(g['quotes']) for golds in quote_sets.values() for g in golds)} quotes")
    kinds = Counter(f["kind"] for g in fq for f in g["figures"])
    types = Counter(e["type"] for g in ev for e in g["events"])
    print("figure kinds:", dict(kinds.most_common()))
    print("quote kinds:", dict(Counter(q["kind"] for g in fq for q in g["quotes"]).most_common()))
    print("event types:", dict(types.most_common()))
    print("modes:", dict(Counter(e["mode"] for g in ev for e in g["events"] if e.get("mode")).most_common()))
    for line in errors:
        print("ERROR", line)
    print(f"{len(errors)} errors")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
