"""Time expressions: detection and value accuracy on GUM English news and NEREL Russian dev.

    .venv/bin/python bench/timexes.py [--data ../shared/data] [--no-models]

(a) GUM news (``gum-news-en/xml``): gold ``<date when=...>`` / ``<date from=... to=...>`` spans with
    values; the document date is the header's ``dateCreated``. Text is rebuilt from the tokens with
    the spacing of ``dep/*.conllu`` (``SpaceAfter=No``).
(b) NEREL dev: DATE and TIME spans (no values, no document dates): detection only.
(c) NEREL values: ``bench/gold/time_nerel_values.tsv`` (values annotated by hand for the DATE and TIME
    spans of 15 dev documents, with the document dates of ``bench/gold/time_nerel_docdates.tsv``).

Detection is scored three ways, one-to-one: *exact* (same span), *exact-prep* (same span once a
leading preposition is dropped from both sides: NEREL and GUM conventions differ from ours on
prepositions) and *overlap* (any shared character). Value accuracy is over the gold spans matched by
overlap that have a value. By default the full annotate stage runs (tokens, tenses); with
``--no-models`` the time stage runs on the bare text (no tense).
"""

from __future__ import annotations

import argparse
import re
import sys
import time as clock
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from svodka.analysis import Analysis  # noqa: E402
from svodka.record import InputDocument, Timex  # noqa: E402
from svodka.stages import time as timex  # noqa: E402

PREPS = re.compile(r"^(?:в|во|на|с|со|к|ко|по|до|за|от|после|перед|через|in|on|at|by|since|until|from|for|"
                   r"during|over|within|of|the)\s+", re.IGNORECASE)


@dataclass
class Gold:
    start: int
    end: int
    text: str
    value: str | None = None


def analyse(doc_id: str, text: str, date: str | None, models: bool) -> list[Timex]:
    a = Analysis(doc=InputDocument(id=doc_id, text=text, date=date), text=text)
    if models:
        from svodka.stages import annotate, language

        a.languages = language.segment_languages(text)
        annotate.annotate(a)
    timex.extract(a)
    return a.timexes


# --------------------------------------------------------------------------- scoring


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    m = PREPS.match(span)
    while m:
        start += m.end()
        span = text[start:end]
        m = PREPS.match(span)
    return start, end


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match(preds: list[tuple[int, int]], golds: list[tuple[int, int]], mode: str) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index), greedy by largest overlap."""
    pairs = []
    for pi, (ps, pe) in enumerate(preds):
        for gi, (gs, ge) in enumerate(golds):
            ov = min(pe, ge) - max(ps, gs)
            if (mode == "exact" and (ps, pe) == (gs, ge)) or (mode == "overlap" and ov > 0):
                pairs.append((ov, pi, gi))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, pi, gi in pairs:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        out.append((pi, gi))
    return out


@dataclass
class Report:
    name: str
    exact: Score
    exact_prep: Score
    overlap: Score
    values_ok: int = 0
    values_n: int = 0
    docs: int = 0
    chars: int = 0
    seconds: float = 0.0
    errors: list[str] | None = None

    def lines(self) -> list[str]:
        out = [f"## {self.name}: {self.docs} documents, {self.overlap.gold} gold spans, {self.overlap.pred} predicted"]
        for label, s in (("exact", self.exact), ("exact-prep", self.exact_prep), ("overlap", self.overlap)):
            p, r, f = s.prf()
            out.append(f"  {label:<11} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
        if self.values_n:
            out.append(f"  value accuracy (overlap-matched gold with a value): "
                       f"{self.values_ok}/{self.values_n} = {self.values_ok / self.values_n:.3f}")
        return out


def score_docs(name: str, docs: Iterable[tuple[str, str, str | None, list[Gold]]], models: bool,
               show: int = 0) -> Report:
    rep = Report(name, Score(), Score(), Score(), errors=[])
    for doc_id, text, date, golds in docs:
        t0 = clock.perf_counter()
        preds = analyse(doc_id, text, date, models)
        rep.seconds += clock.perf_counter() - t0
        rep.docs += 1
        rep.chars += len(text)
        pspans = [(p.start, p.end) for p in preds]
        gspans = [(g.start, g.end) for g in golds]
        rep.exact.add(len(match(pspans, gspans, "exact")), len(pspans), len(gspans))
        ps2 = [_strip(text, s, e) for s, e in pspans]
        gs2 = [_strip(text, s, e) for s, e in gspans]
        rep.exact_prep.add(len(match(ps2, gs2, "exact")), len(pspans), len(gspans))
        pairs = match(pspans, gspans, "overlap")
        rep.overlap.add(len(pairs), len(pspans), len(gspans))
        matched_g = {gi for _, gi in pairs}
        matched_p = {pi for pi, _ in pairs}
        assert rep.errors is not None
        for pi, gi in pairs:
            g = golds[gi]
            if g.value is None:
                continue
            rep.values_n += 1
            if (preds[pi].value or "null") == g.value:
                rep.values_ok += 1
            else:
                rep.errors.append(f"value {doc_id}: {preds[pi].text!r} -> {preds[pi].value} (gold {g.text!r} "
                                  f"{g.value}; doc {date})")
        rep.errors += [f"missed {doc_id}: {golds[gi].text!r}" for gi in range(len(golds)) if gi not in matched_g]
        rep.errors += [f"extra  {doc_id}: {preds[pi].text!r} {preds[pi].value}" for pi in range(len(preds))
                       if pi not in matched_p]
    return rep


# --------------------------------------------------------------------------- GUM


def _gum_value(attrs: dict[str, str]) -> str | None:
    if "when" in attrs:
        return attrs["when"]
    lo, hi = attrs.get("from"), attrs.get("to")
    if not lo or not hi:
        return lo or hi
    if re.fullmatch(r"\d{4}-01-01", lo) and re.fullmatch(r"\d{4}-12-31", hi):
        if lo[:4] == hi[:4]:
            return lo[:4]
        if lo[3] == "0" and hi[3] == "9" and lo[:3] == hi[:3]:
            return lo[:3]
    if lo[:7] == hi[:7] and lo.endswith("-01") and int(hi[8:]) >= 28:
        return lo[:7]
    if len(lo) == 10 and len(hi) == 10:
        from datetime import date

        a, b = date.fromisoformat(lo), date.fromisoformat(hi)
        if a.isoweekday() == 1 and (b - a).days == 6:
            y, w, _ = a.isocalendar()
            return f"{y}-W{w:02d}"
        if a.isoweekday() == 6 and (b - a).days == 1:
            y, w, _ = a.isocalendar()
            return f"{y}-W{w:02d}-WE"
    return lo


def gum_docs(data: Path) -> Iterable[tuple[str, str, str | None, list[Gold]]]:
    for xml in sorted((data / "gum-news-en" / "xml").glob("*.xml")):
        conllu = data / "gum-news-en" / "dep" / (xml.stem + ".conllu")
        space_after: list[bool] = []
        for line in conllu.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                space_after.append("SpaceAfter=No" not in cols[9])
        raw = xml.read_text(encoding="utf-8")
        header = re.search(r'<text [^>]*dateCreated="([^"]+)"', raw)
        date = header.group(1) if header else None
        text: list[str] = []
        pos = 0
        k = 0
        open_dates: list[tuple[int, dict[str, str]]] = []
        golds: list[Gold] = []
        pending_space = False
        for line in raw.splitlines():
            if "\t" in line:
                tok = line.split("\t")[0]
                if pending_space and pos:
                    text.append(" ")
                    pos += 1
                for st, attrs in open_dates:
                    if st < 0:
                        open_dates[open_dates.index((st, attrs))] = (pos, attrs)
                text.append(tok)
                pos += len(tok)
                pending_space = space_after[k] if k < len(space_after) else True
                k += 1
            elif line.startswith("<date"):
                attrs = dict(re.findall(r'(\w+)="([^"]*)"', line))
                open_dates.append((-1, attrs))
            elif line.startswith("</date"):
                st, attrs = open_dates.pop()
                golds.append(Gold(st, pos, "", _gum_value(attrs)))
            elif line.startswith(("</p", "</head", "</item", "</caption")):
                if pos:
                    text.append("\n")
                    pos += 1
                pending_space = False
        full = "".join(text)
        for g in golds:
            g.text = full[g.start:g.end]
        yield xml.stem, full, date, golds


# --------------------------------------------------------------------------- NEREL


def nerel_spans(ann: Path) -> list[Gold]:
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 3 and cols[0].startswith("T"):
            kind, *offs = cols[1].replace(";", " ").split()
            if kind in ("DATE", "TIME"):
                nums = [int(x) for x in offs]
                out.append(Gold(min(nums), max(nums), cols[2]))
    return out


def nerel_docs(data: Path) -> Iterable[tuple[str, str, str | None, list[Gold]]]:
    for txt in sorted((data / "nerel" / "dev").glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        spans = nerel_spans(txt.with_suffix(".ann"))
        # NEREL nests spans ("утром 4 марта 2019 года" holds "4 марта 2019 года"); ours are flat: keep outermost
        outer = [g for g in spans if not any(h is not g and h.start <= g.start and g.end <= h.end
                                             and (h.start, h.end) != (g.start, g.end) for h in spans)]
        yield txt.stem, text, None, outer


def nerel_value_docs(data: Path) -> Iterable[tuple[str, str, str | None, list[Gold]]]:
    gold_dir = ROOT / "bench" / "gold"
    dates = {}
    for line in (gold_dir / "time_nerel_docdates.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            doc, date, *_ = line.split("\t")
            dates[doc] = date
    by_doc: dict[str, list[Gold]] = {d: [] for d in dates}
    for line in (gold_dir / "time_nerel_values.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            doc, start, end, text, value, _precision = line.split("\t")
            by_doc[doc].append(Gold(int(start), int(end), text, value))  # "null" = expected unresolved
    for doc, golds in by_doc.items():
        text = (data / "nerel" / "dev" / f"{doc}.txt").read_text(encoding="utf-8")
        for g in golds:
            assert text[g.start:g.end] == g.text, (doc, g)
        yield doc, text, dates[doc] or None, golds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--no-models", action="store_true", help="skip tokens/tenses (time stage alone)")
    ap.add_argument("--errors", type=int, default=0, help="print this many errors per set")
    args = ap.parse_args()
    models = not args.no_models
    reports = [
        score_docs("GUM news (English), values vs <date when>", gum_docs(args.data), models),
        score_docs("NEREL dev (Russian), DATE+TIME spans", nerel_docs(args.data), models),
        score_docs("NEREL dev values (15 documents, bench/gold)", nerel_value_docs(args.data), models),
    ]
    for rep in reports:
        print("\n".join(rep.lines()))
        assert rep.errors is not None
        for err in rep.errors[: args.errors]:
            print("   ", err)
    # speed of the time stage alone (no models), on the NEREL dev texts
    texts = [t for _, t, _, _ in nerel_docs(args.data)]
    t0 = clock.perf_counter()
    for _ in range(5):
        for t in texts:
            timex.find_timexes(t, "2020-03-30")
    dt = (clock.perf_counter() - t0) / 5
    chars = sum(len(t) for t in texts)
    print(f"## speed: time stage alone {dt / len(texts) * 1000:.2f} ms/document, "
          f"{dt / chars * 1600 * 1000:.2f} ms per 1,600 characters ({len(texts)} NEREL dev documents)")


if __name__ == "__main__":
    main()
