"""Events: svodka's PLOVER event layer on a hand-annotated gold set and on NEREL dev.

    python -u bench/events.py [--data ../shared/data] [--sets gold nerel] [--split dev|test|all]
                              [--batch NAME] [--json OUT.json] [--errors N]

Sets:

- gold (`bench/gold/events.jsonl`): Russian news documents of `corpus/ru-news.jsonl` (rucoco,
  rucoco2023test, nerel, factrueval, slavicner_ru), annotated by hand after docs/annotation-guide.md
  ("Events") before svodka's output on them was looked at (`bench/gold/check.py` prints the counts). Each
  document carries a `split`: `dev` (used while improving the layer) or `test` (held back: its errors are
  not inspected, only its numbers reported); lines added by a later round may carry a `batch` name
  ("s5-unseen"), and `--batch NAME` scores those lines alone (`--batch none`: the lines without one).
- nerel: NEREL v1.1 dev (`nerel/dev/*.ann`), whose EVENT spans are untyped and include many events
  outside PLOVER (births, awards, sports results, elections ...).

Scores on gold:

- Typed event P/R/F1: a system event matches a gold event when their trigger spans overlap (share at
  least one character) and their types are equal; one-to-one, greedily in text order. Untyped
  trigger P/R/F1: the same without the type condition.
- Argument accuracy, over typed matches. A gold argument is a list of strings (`actor_text`,
  `recipient_text`) or one string (`location_text`); each string stands for all its occurrences in
  the document (so a name given once stands for the entity wherever it is mentioned). A system
  entity *fits* when one of its mentions overlaps one of those occurrences. A role is right when
  both sides are empty, or when the system gives at least one entity, every entity it gives fits,
  and the gold side is not empty (a partial list of a joint actor is right; an extra, wrong
  entity is not). Location: right when both are null, or the system place fits the gold string.
- Per-type gold / system / matched counts.

Scores on NEREL dev:

- Trigger precision: the share of svodka events whose trigger overlaps a NEREL EVENT span; also
  with NEREL CRIME spans counted (NEREL marks killings, attacks and thefts as CRIME, not EVENT).
- Trigger recall over NEREL events in PLOVER's scope: an EVENT span is in scope when one of its
  words starts with a stem of `PLOVER_STEMS` below (protests, arrests, attacks, talks, sanctions,
  accusations, appeals ...). The list is written from the PLOVER type table in LAYERS.md, not
  from svodka's trigger lexicon, and is deliberately broad: recall against it is a floor.
- Actor accuracy: over svodka events matched to a NEREL EVENT that has at least one AGENT or
  PARTICIPANT_IN argument (brat: Arg1 = the participant, Arg2 = the EVENT), the share whose actor
  list is not empty and has an entity with a mention overlapping one of those arguments. NEREL's
  participants include the patient ("X арестован") and unnamed groups ("следователи"), which
  svodka's conventions never make actors, so two narrower views are also given: against AGENT
  arguments only, and over the events one of whose participants svodka found as an entity.

NEREL train (`--sets nerel-train`, development only): the same scores on NEREL v1.1 train, less the
documents whose id (`nerel:train/<name>`) is in any `bench/gold/*.jsonl` file; `--errors N`
prints its actor errors with context, `--limit N` takes the first N documents.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from timeit import default_timer as clock
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka.pipeline import Pipeline  # noqa: E402
from svodka.record import InputDocument, Record  # noqa: E402

TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
#: Word stems (lower case) that put a NEREL EVENT in PLOVER's scope.
PLOVER_STEMS = (
    "договор", "соглаш", "подпис", "соглас", "перемир", "встреч", "встрет", "переговор", "визит", "посет",
    "консульт", "обсуд", "поддерж", "поздрав", "соболезн", "сотрудн", "учени", "помощ", "помог",
    "освобод", "помил", "отмен", "отстав", "уступ", "вывод", "вывел", "отступ", "призв", "призыв", "потреб",
    "требов", "просьб", "попрос", "обрат", "обвин", "осуд", "расслед", "уголовн", "критик", "отказ", "отверг",
    "вето", "опроверг", "угроз", "пригроз", "ультимат", "протест", "митинг", "демонстрац", "забаст",
    "беспоряд", "манифест", "пикет", "шестви", "санкц", "выслал", "высыл", "запрет", "разрыв", "мобилиз",
    "задерж", "арест", "обыск", "зачистк", "комендант", "штурм", "обстрел", "теракт", "взрыв",
    "взорв", "убит", "убий", "убил", "застрел", "нападен", "напал", "атак", "ранен", "бомб", "удар", "захват",
    "похищ", "похит", "стрельб", "расстрел", "бои", "боев", "бой", "столкнов",
)
_WORD = re.compile(r"\w+")


def _precision(date: str | None) -> str | None:
    if not date:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(date), "minute")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _occurrences(text: str, strings: list[str]) -> list[tuple[int, int]]:
    spans = []
    for s in strings:
        for m in re.finditer(re.escape(s), text):
            spans.append((m.start(), m.end()))
    return spans


def _fits(rec: Record, ent_id: str, spans: list[tuple[int, int]]) -> bool:
    ent = next((e for e in rec.entities or [] if e.id == ent_id), None)
    if ent is None:
        return False
    return any(_overlap((m.start, m.end), s) for m in ent.mentions for s in spans)


def _role_right(rec: Record, system: list[str], gold: list[str]) -> bool:
    if not system and not gold:
        return True
    if not system or not gold:
        return False
    spans = _occurrences(rec.text or "", gold)
    return all(_fits(rec, i, spans) for i in system)


def _location_right(rec: Record, system: str | None, gold: str | None) -> bool:
    if system is None and gold is None:
        return True
    if system is None or gold is None:
        return False
    return _fits(rec, system, _occurrences(rec.text or "", [gold]))


def _match(gold: Sequence[tuple[int, int, str]], system: Sequence[tuple[int, int, str]], typed: bool
           ) -> list[tuple[int, int]]:
    """One-to-one greedy matching in text order: (gold index, system index) pairs."""
    used: set[int] = set()
    pairs = []
    for gi, (gs, ge, gt) in enumerate(gold):
        for si, (ss, se, st) in enumerate(system):
            if si in used or not _overlap((gs, ge), (ss, se)) or (typed and gt != st):
                continue
            used.add(si)
            pairs.append((gi, si))
            break
    return pairs


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp, "system": n_sys, "gold": n_gold}


def _extract(pipe: Pipeline, doc_id: str, text: str, date: str | None) -> Record:
    return pipe.extract(InputDocument(id=doc_id, text=text, date=date,
                                      date_precision=_precision(date)))


def run_gold(pipe: Pipeline, data: Path, split: str, errors: int,
             path: Path = ROOT / "bench/gold/events.jsonl", batch: str | None = None) -> dict[str, Any]:
    gold = [json.loads(line) for line in path.open(encoding="utf-8")]
    gold = [g for g in gold if split == "all" or g["split"] == split]
    if batch is not None:
        gold = [g for g in gold if g.get("batch", "none") == batch]
    wanted = {g["id"] for g in gold}
    corpus = {}
    with (data / "corpus/ru-news.jsonl").open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in wanted:
                corpus[d["id"]] = d
    tp = tp_untyped = n_sys = n_gold = 0
    roles = {"actor": [0, 0], "recipient": [0, 0], "location": [0, 0]}
    modes = [0, 0, 0, 0]  # right among gold-with-mode, gold-with-mode, right among predicted, predicted
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    shown: list[str] = []
    for g in gold:
        d = corpus[g["id"]]
        rec = _extract(pipe, d["id"], d["text"], d.get("date"))
        sys_events = rec.events or []
        gspans = [(e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in g["events"]]
        sspans = [(e.trigger.start, e.trigger.end, e.type) for e in sys_events]
        pairs = _match(gspans, sspans, typed=True)
        tp += len(pairs)
        tp_untyped += len(_match(gspans, sspans, typed=False))
        n_sys += len(sspans)
        n_gold += len(gspans)
        for e in g["events"]:
            per_type[e["type"]]["gold"] += 1
        for e in sys_events:
            per_type[e.type]["system"] += 1
        names = {e.id: e.name for e in rec.entities or []}
        for gi, si in pairs:
            ge, se = g["events"][gi], sys_events[si]
            per_type[ge["type"]]["matched"] += 1
            checks = {"actor": _role_right(rec, se.actor, ge["actor_text"]),
                      "recipient": _role_right(rec, se.recipient, ge["recipient_text"]),
                      "location": _location_right(rec, se.location, ge["location_text"])}
            if ge.get("mode"):
                modes[0] += se.mode == ge["mode"]
                modes[1] += 1
            if se.mode:
                modes[2] += se.mode == ge.get("mode")
                modes[3] += 1
            if (ge.get("mode") or se.mode) and se.mode != ge.get("mode") and len(shown) < errors:
                shown.append(f"{g['id']} {ge['type']} «{ge['trigger']['text']}» mode: system {se.mode} "
                             f"gold {ge.get('mode')}")
            for role, ok in checks.items():
                roles[role][0] += ok
                roles[role][1] += 1
                if not ok and len(shown) < errors:
                    sysval = se.location if role == "location" else getattr(se, role)
                    if isinstance(sysval, list):
                        sysval = [names.get(i, i) for i in sysval]
                    elif sysval is not None:
                        sysval = names.get(sysval, sysval)
                    gval = ge["location_text"] if role == "location" else ge[f"{role}_text"]
                    shown.append(f"{g['id']} {ge['type']} «{ge['trigger']['text']}» {role}: "
                                 f"system {sysval} gold {gval}")
        matched_g = {gi for gi, _ in pairs}
        matched_s = {si for _, si in pairs}
        for gi, e in enumerate(g["events"]):
            if gi not in matched_g and len(shown) < errors:
                shown.append(f"{g['id']} MISSED {e['type']} «{e['trigger']['text']}»")
        for si, e in enumerate(sys_events):
            if si not in matched_s and len(shown) < errors:
                ctx = (rec.text or "")[max(0, e.trigger.start - 40):e.trigger.end + 20].replace("\n", " ")
                shown.append(f"{g['id']} SPURIOUS {e.type} «{e.trigger.text}» …{ctx}…")
    return {
        "documents": len(gold), "split": split,
        "typed": _prf(tp, n_sys, n_gold), "untyped": _prf(tp_untyped, n_sys, n_gold),
        "actor_accuracy": round(roles["actor"][0] / max(1, roles["actor"][1]), 3),
        "recipient_accuracy": round(roles["recipient"][0] / max(1, roles["recipient"][1]), 3),
        "location_accuracy": round(roles["location"][0] / max(1, roles["location"][1]), 3),
        "matched": roles["actor"][1],
        # modes, on matched typed events: recall = right / gold events with a mode;
        # precision = right / events given a mode by svodka
        "mode_recall": round(modes[0] / max(1, modes[1]), 3), "mode_gold": modes[1],
        "mode_precision": round(modes[2] / max(1, modes[3]), 3), "mode_predicted": modes[3],
        "per_type": {t: dict(per_type[t]) for t in TYPES if per_type[t]},
        "errors": shown,
    }


def _nerel_doc(ann: Path) -> tuple[str, list[tuple[list[tuple[int, int]], str]], dict[str, list[tuple[int, int]]],
                                   dict[str, list[str]], list[tuple[int, int]], dict[str, list[str]]]:
    """(text, events as (fragments, text) by id order, spans of every T, participants of each event,
    CRIME spans, AGENT participants of each event)."""
    text = ann.with_suffix(".txt").read_text(encoding="utf-8")
    spans: dict[str, list[tuple[int, int]]] = {}
    events: dict[str, str] = {}
    args: dict[str, list[str]] = defaultdict(list)
    agents: dict[str, list[str]] = defaultdict(list)
    crimes: list[tuple[int, int]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 3:
            kind, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = [(int(a), int(b)) for a, b in (frag.split() for frag in offsets.split(";"))]
            if kind == "EVENT":
                events[cols[0]] = cols[2]
            elif kind == "CRIME":
                crimes.extend(spans[cols[0]])
        elif line.startswith("R") and len(cols) >= 2:
            rel, arg1, arg2 = cols[1].split()[:3]
            if rel in ("AGENT", "PARTICIPANT_IN"):
                args[arg2.split(":", 1)[1]].append(arg1.split(":", 1)[1])
                if rel == "AGENT":
                    agents[arg2.split(":", 1)[1]].append(arg1.split(":", 1)[1])
    out = [(spans[t], txt) for t, txt in events.items()]
    return text, out, spans, {t: args[t] for t in events}, crimes, {t: agents[t] for t in events}


def _in_scope(event_text: str) -> bool:
    return any(w.lower().startswith(PLOVER_STEMS) for w in _WORD.findall(event_text))


def gold_ids(gold_dir: Path = ROOT / "bench/gold") -> set[str]:
    """Ids of every document in a gold file (only the ``id`` keys are read), so that a development
    set can leave out what the gold sets measure."""
    ids: set[str] = set()
    for path in sorted(gold_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            ids.update(str(json.loads(line).get("id")) for line in f if line.strip())
    return ids


def nerel_files(data: Path, split: str, skip: set[str] | None = None) -> list[Path]:
    """The ``.ann`` files of a NEREL split, without those whose corpus id (``nerel:train/<stem>``)
    is in ``skip``."""
    skip = skip or set()
    return [ann for ann in sorted((data / "nerel" / split).glob("*.ann"))
            if f"nerel:{split}/{ann.stem}" not in skip]


def run_nerel(pipe: Pipeline, data: Path, split: str = "dev", errors: int = 0,
              limit: int | None = None) -> dict[str, Any]:
    n_sys = sys_hit = crime_hit = n_scope = scope_hit = 0
    actor_ok = actor_n = agent_ok = agent_n = named_ok = named_n = 0
    shown: list[str] = []
    files = nerel_files(data, split, gold_ids() if split == "train" else None)[:limit]
    for ann in files:
        text, events, spans, args, crimes, agents = _nerel_doc(ann)
        event_ids = [t for t in args]
        rec = _extract(pipe, ann.stem, text, None)
        sys_events = rec.events or []
        n_sys += len(sys_events)
        for se in sys_events:
            hit = next((t for t, (frags, _) in zip(event_ids, events, strict=True)
                        if any(_overlap((se.trigger.start, se.trigger.end), f) for f in frags)), None)
            if hit is None:
                crime_hit += any(_overlap((se.trigger.start, se.trigger.end), c) for c in crimes)
                continue
            sys_hit += 1
            arg_spans = [s for a in args[hit] for s in spans.get(a, [])]
            if arg_spans:
                actor_n += 1
                ok = any(_fits(rec, i, arg_spans) for i in se.actor)
                actor_ok += ok
                if any(_fits(rec, e.id, arg_spans) for e in rec.entities or []):
                    named_n += 1
                    named_ok += ok
                agent_spans = [s for a in agents[hit] for s in spans.get(a, [])]
                if agent_spans:
                    agent_n += 1
                    agent_ok += any(_fits(rec, i, agent_spans) for i in se.actor)
                if not ok and len(shown) < errors:
                    names = {e.id: e.name for e in rec.entities or []}
                    ctx = text[max(0, se.trigger.start - 160):se.trigger.end + 100]
                    want = sorted({text[a:b] for a, b in arg_spans})
                    agent = sorted({text[a:b] for a, b in agent_spans})
                    shown.append(f"{ann.stem} {se.type} «{se.trigger.text}» actor: system "
                                 f"{[names.get(i, i) for i in se.actor]} NEREL {want} AGENT {agent}\n      "
                                 + ctx.replace("\n", " "))
        for frags, etext in events:
            if not _in_scope(etext):
                continue
            n_scope += 1
            scope_hit += any(_overlap((se.trigger.start, se.trigger.end), f) for se in sys_events for f in frags)
    return {
        "split": split, "documents": len(files),
        "system_events": n_sys,
        "trigger_precision": round(sys_hit / max(1, n_sys), 3),
        "trigger_precision_event_or_crime": round((sys_hit + crime_hit) / max(1, n_sys), 3),
        "in_scope_events": n_scope,
        "in_scope_recall": round(scope_hit / max(1, n_scope), 3),
        "actor_accuracy": round(actor_ok / max(1, actor_n), 3), "actor_checked": actor_n,
        # the same over events with an AGENT argument, scored against those only
        "agent_accuracy": round(agent_ok / max(1, agent_n), 3), "agent_checked": agent_n,
        # the same over events one of whose participants svodka found as an entity (reachable)
        "named_actor_accuracy": round(named_ok / max(1, named_n), 3), "named_checked": named_n,
        "errors": shown,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    ap.add_argument("--sets", nargs="+", default=["gold", "nerel"], choices=["gold", "nerel", "nerel-train"],
                    help="nerel-train: NEREL train less the documents of bench/gold, for development")
    ap.add_argument("--split", default="all", choices=["dev", "test", "all"])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--errors", type=int, default=0,
                    help="print up to N errors (gold dev split, NEREL train actors)")
    ap.add_argument("--limit", type=int, help="only the first N NEREL train documents")
    ap.add_argument("--gold", type=Path, default=ROOT / "bench/gold/events.jsonl",
                    help="another gold file of the same format (e.g. new documents, scored on their own)")
    ap.add_argument("--batch", help="only the gold lines of this batch (e.g. s6-unseen; 'none': unmarked lines)")
    args = ap.parse_args()
    pipe = Pipeline()
    results: dict[str, Any] = {}
    t0 = clock()
    if "gold" in args.sets:
        splits = ["dev", "test", "all"] if args.split == "all" else [args.split]
        for split in splits:
            r = run_gold(pipe, args.data, split, args.errors if split != "test" else 0, args.gold, args.batch)
            results[f"gold_{split}"] = r
            print(f"\n== gold, {split}{' batch ' + args.batch if args.batch else ''} ({r['documents']} documents) ==")
            print(f"{'':10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'sys':>4} {'gold':>4}")
            for k in ("typed", "untyped"):
                s = r[k]
                print(f"{k:10} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['tp']:4} {s['system']:4} {s['gold']:4}")
            print(f"on {r['matched']} typed matches: actor {r['actor_accuracy']:.3f}, recipient "
                  f"{r['recipient_accuracy']:.3f}, location {r['location_accuracy']:.3f}; mode recall "
                  f"{r['mode_recall']:.3f} (of {r['mode_gold']} with a gold mode), precision "
                  f"{r['mode_precision']:.3f} (of {r['mode_predicted']} given one)")
            if split == "all":
                print(f"{'type':10} {'gold':>5} {'sys':>5} {'match':>5}")
                for t, c in r["per_type"].items():
                    print(f"{t:10} {c.get('gold', 0):5} {c.get('system', 0):5} {c.get('matched', 0):5}")
            for line in r["errors"]:
                print("  " + line)
    for name, split in (("nerel", "dev"), ("nerel-train", "train")):
        if name not in args.sets:
            continue
        r = run_nerel(pipe, args.data, split, args.errors if split == "train" else 0,
                      args.limit if split == "train" else None)
        results[f"nerel_{split}"] = r
        print(f"\n== NEREL {split} ({r['documents']} documents) ==")
        print(f"svodka events {r['system_events']}; trigger precision {r['trigger_precision']:.3f} "
              f"(EVENT or CRIME: {r['trigger_precision_event_or_crime']:.3f}); "
              f"in-scope NEREL events {r['in_scope_events']}, recall {r['in_scope_recall']:.3f}; "
              f"actor accuracy {r['actor_accuracy']:.3f} (on {r['actor_checked']}); against AGENT "
              f"only {r['agent_accuracy']:.3f} (on {r['agent_checked']}); where a participant is a "
              f"svodka entity {r['named_actor_accuracy']:.3f} (on {r['named_checked']})")
        for line in r["errors"]:
            print("  " + line)
    print(f"\n{clock() - t0:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
