"""Agreement between two event annotations of the same documents, with the events bench's own matching.

    python bench/agreement.py bench/gold/events_s13.jsonl bench/gold/agreement/events_s13_second.jsonl [-v]

The first file is read as gold, the second as the other annotator (only documents in both are compared;
dev lines only). Triggers match one-to-one, greedy in text order, when their spans overlap (typed: and the
types agree), as ``bench/events.py`` matches svodka against gold; on typed matches a role agrees when every
string of the second annotator overlaps an occurrence of one of the first's (location: the one string). Swapping
the files swaps precision and recall. Why: the events target (#6) is only meaningful next to how far two people
following ``docs/annotation-guide.md`` agree on the same text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events import _match, _occurrences, _overlap, _prf  # (the bench's own matching)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def load(path: Path) -> dict[str, dict[str, Any]]:
    """Dev lines of an annotation file by document id (held-out lines are never read)."""
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc.get("split") == "dev":
                out[doc["id"]] = doc
    return out


def strings_agree(text: str, second: list[str], first: list[str]) -> bool:
    if not second and not first:
        return True
    if not second or not first:
        return False
    spans = _occurrences(text, first)
    return all(any(_overlap(o, g) for o in _occurrences(text, [s]) for g in spans) for s in second)


def compare(first: dict[str, dict[str, Any]], second: dict[str, dict[str, Any]], texts: dict[str, str],
            verbose: bool = False) -> dict[str, Any]:
    tp = tpu = n1 = n2 = 0
    roles = {"actor": [0, 0], "recipient": [0, 0], "location": [0, 0]}
    modes = [0, 0]
    for did in sorted(first.keys() & second.keys()):
        a, b, text = first[did]["events"], second[did]["events"], texts[did]
        pairs = _match([(e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in a],
                       [(e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in b], typed=True)
        tpu += len(_match([(e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in a],
                          [(e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in b], typed=False))
        tp, n1, n2 = tp + len(pairs), n1 + len(a), n2 + len(b)
        for gi, si in pairs:
            g, s = a[gi], b[si]
            for role in ("actor", "recipient"):
                roles[role][0] += strings_agree(text, s[f"{role}_text"], g[f"{role}_text"])
                roles[role][1] += 1
            locs = [x for x in (s["location_text"],) if x], [x for x in (g["location_text"],) if x]
            roles["location"][0] += strings_agree(text, *locs)
            roles["location"][1] += 1
            if g.get("mode") or s.get("mode"):
                modes[0] += g.get("mode") == s.get("mode")
                modes[1] += 1
        if verbose:
            matched1, matched2 = {gi for gi, _ in pairs}, {si for _, si in pairs}
            for i, e in enumerate(a):
                if i not in matched1:
                    print(f"  {did} ONLY-FIRST {e['type']} «{e['trigger']['text']}»")
            for i, e in enumerate(b):
                if i not in matched2:
                    print(f"  {did} ONLY-SECOND {e['type']} «{e['trigger']['text']}»")
    return {"documents": len(first.keys() & second.keys()), "typed": _prf(tp, n2, n1), "untyped": _prf(tpu, n2, n1),
            **{f"{r}_agreement": round(v[0] / v[1], 3) if v[1] else None for r, v in roles.items()},
            "modes_equal": f"{modes[0]} of {modes[1]}"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("first", type=Path, help="read as gold")
    ap.add_argument("second", type=Path, help="the other annotator")
    ap.add_argument("--data", type=Path, default=SHARED)
    ap.add_argument("-v", action="store_true", help="list the events only one side has")
    args = ap.parse_args(argv)
    first, second = load(args.first), load(args.second)
    texts = {}
    with (args.data / "corpus/ru-news.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc["id"] in first.keys() & second.keys():
                texts[doc["id"]] = doc["text"]
    print(json.dumps(compare(first, second, texts, args.v), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
