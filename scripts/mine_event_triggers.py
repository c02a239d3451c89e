"""Mine candidate event triggers from NEREL train, for review by hand (issue #6).

    python scripts/mine_event_triggers.py [--nerel ../shared/data/nerel] [--types EVENT CRIME]
                                          [--min-count 3] [--examples 3] [--derivations] [-o OUT.md]

Why: svodka's trigger lexicon (``src/svodka/data/event_triggers.tsv``) was grown from the errors on
hand-annotated dev documents, and those gains did not carry to held-out news. NEREL train (746
Russian Wikinews documents, thousands of EVENT mentions) is a larger, independent sample of how news
names events. This script lists what it says and svodka's lexicon does not; it writes no data file.

What it does:

- reads NEREL **train** only (never dev, which ``bench/events.py`` scores), and leaves out every
  document that is also in a gold file of ``bench/gold`` (some held-out test documents come from
  NEREL train): their ids are matched by name, their text is never read;
- lemmatises each EVENT span (pymorphy3, svodka's own normal forms, "ё" as "е") and takes its head
  word: the first noun or verb, since Russian premodifiers are adjectives ("массовые беспорядки");
- counts head lemmas (mentions and documents) and the span's lemma phrases, marks how svodka's
  lexicon covers each head (``yes``, ``needs`` when an entry asks for a dependant, ``phrase`` when it
  starts only a longer entry, ``no``) and prints the frequent uncovered ones with contexts;
- ``--derivations``: for every verb of the lexicon, the dictionary words of the same stem (aspect
  partners such as "задерживать" for "задержать", nominalisations such as "задержание") that the
  lexicon lacks, from pymorphy3's dictionary, with their frequency in the same NEREL texts;
- ``--neighbours K``: for every single-word lemma of the lexicon, its K nearest words in navec (the
  news word vectors that Natasha ships and svodka already loads), lemmatised and kept when pymorphy3
  reads them as a verb or noun the lexicon lacks: a source of candidates that no gold text shaped.

The list is material for a reviewer, not data: NEREL's EVENT covers far more than PLOVER (elections,
ceremonies, sports, births, disasters). How the 2026-11-26 review was done: every head lemma with at
least 3 mentions in the EVENT list (and, with ``--types CRIME --min-count 2``, the CRIME list, where
NEREL puts killings and attacks, mostly as charges) was read with its contexts and either given a
PLOVER type, a mode where the word names one and a ``needs`` or ``finite`` restriction where its other
senses or participles would over-fire, or rejected as out of scope (docs/annotation-guide.md,
"Events"). Of about 300 EVENT heads with 3+ mentions, about 15 were in scope and not yet covered
(арест, покушение, стрелять, резня, депортировать, выступление, марш, столкновение with protesters,
розыск, "запустить ракету", договорённость ...); most misses of in-scope NEREL spans are words the
lexicon has, lost to conventions (titles, merged re-mentions). The derivation list was reviewed the
same way, plus irregular pairs by hand (убить/убивать, взорвать/взрывать). Then every accepted entry
was run over the non-gold NEREL train texts and its firings read: entries whose hits were mostly
other senses were dropped again (встречаться "to date", посещать/обсуждать/просить/осуждать habitual
or generic, нападающий a football forward, захватывающий "thrilling", уступить "lost to", пытка and
изнасилование mostly named as charges, конфискация as a penalty). The accepted entries are the block
of ``event_triggers.tsv`` headed "Issue #6, NEREL train review".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka import lexicon, models  # noqa: E402

_WORD = re.compile(r"\w+(?:-\w+)*")
#: pymorphy3 parts of speech that can head an event mention.
_HEAD_POS = frozenset({"NOUN", "VERB", "INFN", "PRTS", "GRND"})
#: Infinitive endings and the stem alternations of their derivations ("освободить" -> "освобожд-").
_ENDINGS = ("овать", "евать", "ывать", "ивать", "нуть", "ать", "ять", "ить", "еть", "уть", "ти", "чь")
_MUTATIONS = {"д": ("ж", "жд"), "т": ("ч", "щ"), "с": ("ш",), "з": ("ж",), "ст": ("щ",), "б": ("бл",),
              "в": ("вл",), "п": ("пл",), "м": ("мл",)}
_VERB_SUFFIXES = ("ивать", "ывать", "овывать", "евать", "ать", "ять", "ить")
_NOUN_SUFFIXES = ("ение", "ание", "тие", "ие", "")


@dataclass
class Head:
    """What the EVENT spans headed by one lemma look like."""

    mentions: int = 0
    docs: set[str] = field(default_factory=set)
    phrases: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)


def lemma(word: str) -> str:
    """svodka's normal form of a word (events.py ``_lemma_of``)."""
    parses = models.morph().parse(word.lower())
    return (parses[0].normal_form if parses else word.lower()).replace("ё", "е")


def pos(word: str) -> str:
    parses = models.morph().parse(word.lower())
    return str(parses[0].tag.POS) if parses else ""


def gold_stems(gold_dir: Path) -> set[str]:
    """File stems of NEREL train documents used by any gold file: left out of the mining."""
    stems: set[str] = set()
    for path in gold_dir.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            doc_id = json.loads(line).get("id", "") if line.strip() else ""
            if doc_id.startswith("nerel:train/"):
                stems.add(doc_id.removeprefix("nerel:train/"))
    return stems


def documents(nerel: Path, skip: set[str]) -> Iterator[tuple[str, str, str]]:
    """(stem, text, annotations) of the NEREL train documents not in ``skip``."""
    for ann in sorted((nerel / "train").glob("*.ann")):
        if ann.stem in skip:
            continue
        yield ann.stem, ann.with_suffix(".txt").read_text(encoding="utf-8"), ann.read_text(encoding="utf-8")


def spans(annotations: str, types: set[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of the entity spans of the given types (discontinuous ones as a whole)."""
    for line in annotations.splitlines():
        if not line.startswith("T"):
            continue
        _, meta, text = [*line.split("\t"), "", ""][:3]
        kind, _, offsets = meta.partition(" ")
        if kind not in types:
            continue
        numbers = [int(x) for x in re.findall(r"\d+", offsets)]
        yield min(numbers), max(numbers), text


def head_of(words: list[str]) -> int:
    """The index of the head word of a span: its first noun or verb, else its last word."""
    return next((i for i, w in enumerate(words) if pos(w) in _HEAD_POS), len(words) - 1)


def coverage() -> dict[str, str]:
    """Lemma -> how the trigger lexicon covers it as a trigger's first word."""
    status: dict[str, str] = {}
    for row in lexicon.rows("event_triggers.tsv"):
        words = row[0].lower().replace("ё", "е").split()
        needs = len(row) > 3 and bool(row[3])
        if len(words) == 1:
            level = "needs" if needs else "yes"
            if status.get(words[0]) != "yes":
                status[words[0]] = level
        else:
            status.setdefault(words[0], "phrase")
    return status


def context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def mine(nerel: Path, skip: set[str], types: set[str], examples: int) -> tuple[dict[str, Head], Counter[str]]:
    """Head lemma -> its mentions, and lemma frequencies over all words of the same texts."""
    heads: dict[str, Head] = defaultdict(Head)
    freq: Counter[str] = Counter()
    for stem, text, ann in documents(nerel, skip):
        freq.update(lemma(w) for w in _WORD.findall(text))
        for start, end, span in spans(ann, types):
            words = _WORD.findall(span)
            if not words:
                continue
            lemmas = [lemma(w) for w in words]
            head = heads[lemmas[head_of(words)]]
            head.mentions += 1
            head.docs.add(stem)
            head.phrases[" ".join(lemmas)] += 1
            if len(head.examples) < examples:
                head.examples.append(context(text, start, end))
    return heads, freq


def stems_of(verb: str) -> list[str]:
    """Stems from which the aspect partners and nouns of an infinitive are formed."""
    for ending in _ENDINGS:
        if verb.endswith(ending) and len(verb) - len(ending) >= 3:
            stem = verb[: -len(ending)]
            out = [stem]
            for tail, repl in _MUTATIONS.items():
                if stem.endswith(tail):
                    out += [stem[: -len(tail)] + r for r in repl]
            return out
    return []


def derivations(freq: Counter[str], covered: dict[str, str]) -> list[tuple[str, str, int]]:
    """(lexicon verb, related dictionary lemma, NEREL frequency) for the related words the lexicon
    lacks: a stem of the verb plus an aspect or nominal suffix ("задерж" + "ивать", + "ание"), or the
    bare stem ("арест"), kept when pymorphy3's dictionary knows it as a lemma of that part of speech."""
    morph = models.morph()
    out: list[tuple[str, str, int]] = []
    for verb in sorted(covered):
        tag = morph.parse(verb)[0].tag
        if tag.POS != "INFN":
            continue
        found: set[str] = set()
        for stem in stems_of(verb):
            for suffix, kind in [(s, "INFN") for s in _VERB_SUFFIXES] + [(s, "NOUN") for s in _NOUN_SUFFIXES]:
                word = stem + suffix
                if word in covered or word == verb or not morph.word_is_known(word):
                    continue
                parses = [p for p in morph.parse(word) if p.normal_form == word and kind == p.tag.POS]
                if parses and (kind == "NOUN" or parses[0].tag.aspect != tag.aspect):
                    found.add(word)
        out += [(verb, w, freq[w]) for w in sorted(found)]
    return out


def neighbours(covered: dict[str, str], k: int, min_sim: float) -> list[tuple[str, str, float]]:
    """(candidate lemma, lexicon lemmas it is near, best cosine) for the nouns and verbs among the
    ``k`` nearest navec words of each single-word lexicon lemma, that the lexicon lacks.

    navec stores product-quantised vectors: a query's dot product with every word is the sum over
    subspaces of its dot product with the word's centroid there, so one table per query suffices."""
    import numpy as np
    from natasha import NewsEmbedding

    emb = NewsEmbedding()
    pq, words = emb.pq, emb.vocab.words
    qdims = np.arange(pq.qdim)
    morph = models.morph()
    near: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for source in sorted(w for w, level in covered.items() if level != "phrase"):
        index = emb.vocab.get(source)
        if index is None:
            continue
        query = pq[index].reshape(pq.qdim, -1)
        table = np.einsum("sd,scd->sc", query, pq.codes)  # subspace x centroid dot products
        sims = table[qdims, pq.indexes].sum(axis=-1) / (pq.norm * pq.norm[index] + 1e-9)
        for i in np.argsort(-sims)[1 : k + 1]:
            if sims[i] < min_sim:
                break
            parses = morph.parse(words[i])
            if not parses or parses[0].tag.POS not in {"NOUN", "INFN", "VERB"}:
                continue
            cand = parses[0].normal_form.replace("ё", "е")
            if cand not in covered and len(cand) > 3:
                near[cand].append((source, float(sims[i])))
    return sorted(((c, ", ".join(sorted({s for s, _ in v})), max(x for _, x in v)) for c, v in near.items()),
                  key=lambda row: -row[2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nerel", type=Path, default=ROOT.parent / "shared" / "data" / "nerel")
    parser.add_argument("--gold", type=Path, default=ROOT / "bench" / "gold")
    parser.add_argument("--types", nargs="+", default=["EVENT"])
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="list covered heads too")
    parser.add_argument("--derivations", action="store_true")
    parser.add_argument("--neighbours", type=int, default=0, metavar="K",
                        help="list the K nearest navec words of each lexicon lemma the lexicon lacks")
    parser.add_argument("--min-sim", type=float, default=0.5)
    parser.add_argument("-o", "--out", type=Path)
    args = parser.parse_args(argv)

    skip = gold_stems(args.gold)
    heads, freq = mine(args.nerel, skip, set(args.types), args.examples)
    covered = coverage()
    lines = [f"# NEREL train {'/'.join(args.types)} heads (gold documents left out: {len(skip)})", "",
             "| mentions | docs | head lemma | in lexicon | frequent span phrases | examples |",
             "|---|---|---|---|---|---|"]
    for name, head in sorted(heads.items(), key=lambda kv: (-kv[1].mentions, kv[0])):
        status = covered.get(name, "no")
        if head.mentions < args.min_count or (status == "yes" and not args.all):
            continue
        phrases = "; ".join(f"{p} ({n})" for p, n in head.phrases.most_common(3))
        shown = " ".join(e.replace("|", "/") for e in head.examples)
        lines.append(f"| {head.mentions} | {len(head.docs)} | {name} | {status} | {phrases} | {shown} |")
    if args.derivations:
        lines += ["", "# Related words of lexicon verbs that the lexicon lacks", "",
                  "| lexicon verb | related lemma | NEREL train frequency |", "|---|---|---|"]
        lines += [f"| {v} | {w} | {n} |" for v, w, n in derivations(freq, covered)]
    if args.neighbours:
        lines += ["", f"# navec neighbours of lexicon lemmas that the lexicon lacks (k={args.neighbours})", "",
                  "| candidate | near lexicon lemmas | best cosine | NEREL train frequency |", "|---|---|---|---|"]
        lines += [f"| {c} | {s} | {x:.2f} | {freq[c]} |" for c, s, x in neighbours(covered, args.neighbours,
                                                                                       args.min_sim)]
    report = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
