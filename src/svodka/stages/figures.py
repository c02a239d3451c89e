"""Figures: counts of people (killed, injured, ... participants, troops) with qualifier and source.

Conventions (docs/annotation-guide.md, "Figures"; shared LAYERS.md):

- A figure is an explicit number of people: a number (digits or words, "двое", "полторы тысячи",
  "10 тыс.") followed by a people noun ("человек", "жителей", "погибших", "военнослужащих"), or a
  bare number right next to a kind cue ("около 40 получили ранения", "killed 12"), or a bare number
  after an update of a counted noun ("число погибших возросло до 17").
- Vague amounts ("несколько", "десятки", "сотни", "тысячи" in the plural, "многочисленные") are not
  reported: they have no value. "сотни"/"тысячи" after a qualifier are singular genitives
  ("более тысячи" = more than 1,000) and are counts.
- Span: the qualifier, the number and the counted noun with the words between ("более тысячи
  человек", "Почти 400 человек", "около 40"); for an update, the number and its noun only
  ("17", "117 человек": "до" there is not a qualifier).
- Qualifier from ``figures_qualifiers.tsv`` (longest phrase before the number); after an update
  verb (``figures_updates.tsv``) "до" gives the new value: exact ("возросло до 17" -> 17 exact),
  "превысило 100" -> more_than, "приблизилось к 40" -> approx. "от 10 до 15" and "10-15" -> range with
  low/high, value = low (the conservative count, as ACLED does for fatalities).
- Kind: the nearest cue of ``figures_kinds.tsv`` in the number's clause (commas, dashes, colons
  cut clauses), critical cues winning over injured/hospitalized; else the nearest cue of the
  sentence in a clause without a number of its own; a breakdown ("из них двое ...", "в том числе")
  takes the kind of the figure before it; else the kind of the counted noun itself ("22 погибших",
  "военнослужащих" -> troops); else ``other``.
- Attribution, original first: a figure inside a quote takes [speaker, *via]; otherwise the named
  sources of its sentence ("по данным X", "со ссылкой на X", then the reporting outlet); a sentence
  with no source of its own continues the previous sentence of its paragraph when that one
  had sourced figures. Unnamed sources ("источники в полиции") are not entities and drop out.
"""

from __future__ import annotations

import re
from functools import cache

from svodka.analysis import Analysis, Token
from svodka.lexicon import rows as data_lines
from svodka.numbers import combine, fold, lemmas, lookup, parse_digits
from svodka.record import Figure, Quote

_DELIMS = {",", ";", ":", "(", ")", "—", "–", "-"}
_BREAKDOWN = ("из них", "в том числе", "среди них", "включая", "including", "of them")
#: When cues of both kinds are in one clause, the more specific outcome wins.
_PRECEDENCE = {"critical": 3, "hospitalized": 2, "injured": 1}
_DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")
_RANGE = re.compile(r"^(\d+)[-–—](\d+)$")
_CURRENCY = {"$", "€", "£", "¥", "₽"}
_NOT_PEOPLE_AFTER = {"суток", "сутки", "ножниц", "рублей", "рубля", "долларов", "доллара", "евро", "dollars",
                     "euros", "%", "процент", "процента", "процентов", "проц", "percent"}
#: (start, end, kind, value, qualifier, low, high, token index) of a figure found in a sentence
_Found = tuple[int, int, str, float, str, float | None, float | None, int]


@cache
def kinds() -> list[tuple[tuple[str, ...], str, str]]:
    rows = [(tuple(r[0].split()), r[1], r[2]) for r in data_lines("figures_kinds.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))


@cache
def noun_kinds() -> dict[str, str]:
    """Words that can be the counted noun and give its kind: lemma -> (kind)."""
    return {cue[0]: kind for cue, kind, role in kinds() if len(cue) == 1 and role in ("noun", "both")}


@cache
def strong_nouns() -> frozenset[str]:
    """Counted nouns whose kind beats the clause's cues ("22 погибших", "1,000 injured")."""
    return frozenset(cue[0] for cue, _kind, role in kinds() if len(cue) == 1 and role == "both")


@cache
def people() -> frozenset[str]:
    return frozenset(r[0] for r in data_lines("figures_people.tsv")) | frozenset(noun_kinds())


@cache
def qualifiers() -> list[tuple[tuple[str, ...], str]]:
    rows = [(tuple(r[0].split()), r[1]) for r in data_lines("figures_qualifiers.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))


@cache
def updates() -> dict[str, str]:
    return {r[0]: r[1] for r in data_lines("figures_updates.tsv")}


def _lem(t: Token) -> frozenset[str]:
    return frozenset({fold(t.text)}) if t.lang == "en" else lemmas(t.text)


def _is_people(t: Token) -> bool:
    return bool(_lem(t) & people())


def _number_part(t: Token) -> tuple[float, str] | None:
    if _DIGITS.match(t.text):
        v = parse_digits(t.text, t.lang)
        return (v, "digits") if v is not None else None
    if not re.fullmatch(r"[^\W\d_]+", t.text):
        return None
    nw = lookup(t.text)
    if nw is None:
        return None
    return nw.value, nw.cls


@cache
def _cues_by_first() -> dict[str, list[tuple[int, tuple[str, ...], str, str]]]:
    """First lemma of a kind cue -> (rank in ``kinds()``, cue, kind, role)."""
    out: dict[str, list[tuple[int, tuple[str, ...], str, str]]] = {}
    for rank, (cue, kind, role) in enumerate(kinds()):
        out.setdefault(cue[0], []).append((rank, cue, kind, role))
    return out


def _cue_at(toks: list[Token], k: int) -> tuple[int, str, str] | None:
    """The longest kind cue starting at toks[k]: (length, kind, role)."""
    index = _cues_by_first()
    found = sorted(c for lemma in _lem(toks[k]) for c in index.get(lemma, ()))
    for _rank, cue, kind, role in found:
        n = len(cue)
        if k + n > len(toks):
            continue
        if all(cue[m] in _lem(toks[k + m]) for m in range(n)):
            return n, kind, role
    return None


def _clause(toks: list[Token], i: int, j: int) -> tuple[int, int]:
    lo = i
    while lo > 0 and toks[lo - 1].text not in _DELIMS:
        lo -= 1
    hi = j
    while hi < len(toks) and toks[hi].text not in _DELIMS:
        hi += 1
    return lo, hi


def _kind_in(toks: list[Token], lo: int, hi: int, i: int, skip: tuple[int, int]) -> str | None:
    best: tuple[int, str] | None = None
    outcome: str | None = None
    k = lo
    while k < hi:
        if skip[0] <= k < skip[1]:
            k += 1
            continue
        got = _cue_at(toks, k)
        if got is None or got[2] == "noun":
            k += 1
            continue
        n, kind, _role = got
        dist = abs(k - i)
        if kind in _PRECEDENCE and (outcome is None or _PRECEDENCE[kind] > _PRECEDENCE[outcome]):
            outcome = kind
        if best is None or dist < best[0]:
            best = (dist, kind)
        k += n
    if best is None:
        return None
    if outcome is not None and best[1] in _PRECEDENCE:
        return outcome
    return best[1]


def _qualifier(toks: list[Token], i: int) -> tuple[str, int]:
    """Qualifier before toks[i] and the index where it starts (i when none)."""
    low = [fold(t.text) for t in toks]
    for phrase, qual in qualifiers():
        n = len(phrase)
        if i - n >= 0 and tuple(low[i - n:i]) == phrase:
            return qual, i - n
    return "exact", i


def _update_before(toks: list[Token], i: int) -> str | None:
    """Qualifier given by an update verb just before toks[i] ("возросло до", "достигло", "приблизилось к")."""
    table = updates()
    for k in range(i - 1, max(-1, i - 4), -1):
        t = toks[k]
        for lemma in _lem(t):
            if lemma in table:
                return table[lemma]
        if fold(t.text) not in ("до", "к", "to", "уже", "already", "вновь", "again"):
            return None
    return None


def _scan(a: Analysis, si: int, prev_kind: str | None = None) -> list[_Found]:
    """Candidate figures of one sentence: (start, end, kind, value, qualifier, low, high, token index)."""
    sent = a.sentences[si]
    toks = a.tokens[sent.first_token:sent.last_token]
    out: list[_Found] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        low_v: float | None = None
        high_v: float | None = None
        m = _RANGE.match(t.text)
        if m:
            low_v, high_v = float(m.group(1)), float(m.group(2))
            parts = [(low_v, "digits")]
            j = i + 1
        else:
            p = _number_part(t)
            if p is None or p[1] == "vague":
                i += 1
                continue
            parts = [p]
            j = i + 1
            while j < n:
                if toks[j].text == "." and fold(toks[j - 1].text) in ("тыс", "млн", "млрд"):
                    j += 1
                    continue
                q = _number_part(toks[j])
                if q is None or q[1] == "vague":
                    break
                if combine([*parts, q]) is None:
                    break
                parts.append(q)
                j += 1
        value = combine(parts)
        if value is None or value <= 0:
            i = j
            continue
        # a vague plural ("тысячи", "сотни", "десятки"), or "несколько сотен"
        qual, qstart = _qualifier(toks, i)
        if len(parts) == 1 and parts[0][1] in ("mult", "group") and (
                t.feats.get("Number") == "Plur" or fold(t.text).endswith(("и", "ы"))) and qual == "exact":
            i = j
            continue
        before = lookup(toks[i - 1].text) if i > 0 else None
        if before is not None and before.cls == "vague":  # "несколько сотен"
            i = j
            continue
        # money, percentages: "$70 млн", "20 млн рублей"
        if (i > 0 and toks[i - 1].text in _CURRENCY) or (j < n and fold(toks[j].text) in _NOT_PEOPLE_AFTER):
            i = j
            continue
        # the counted noun: adjectives and participles may come between ("трех мирных жителей")
        k = j
        while k < n and k < j + 3 and not _is_people(toks[k]) and (
                toks[k].pos in ("ADJ", "DET", "PRON") or toks[k].feats.get("VerbForm") == "Part") \
                and toks[k].text not in _DELIMS and _cue_at(toks, k) is None:
            k += 1
        noun = k if k < n and _is_people(toks[k]) else -1
        # "две полицейские машины": a people adjective before a noun of things
        while noun >= 0 and noun + 1 < n and toks[noun].pos == "ADJ" and toks[noun + 1].pos == "NOUN":
            noun = noun + 1 if _is_people(toks[noun + 1]) else -1
        if noun < 0 and j < n and toks[j].pos == "ADP" and fold(toks[j].text) == "из" and j + 1 < n \
                and _is_people(toks[j + 1]):
            noun = -1  # "один из пострадавших": a part, not a count
        coll = len(parts) == 1 and parts[0][1] == "coll"
        if coll and noun < 0 and j < n and toks[j].pos == "NOUN":
            noun = j  # collective numerals count people (or pluralia tantum, listed as not people)
        # a number followed by a noun that is not a person counts something else ("30 лет", "11 марта")
        if noun < 0 and j < n and toks[j].pos in ("NOUN", "PROPN") and toks[j].lang != "en":
            i = j
            continue
        if noun < 0 and j < n and toks[j].lang == "en" and toks[j].pos in ("NOUN", "PROPN") and \
                _cue_at(toks, j) is None:
            i = j
            continue
        upd = _update_before(toks, qstart if qual != "exact" else i)
        if upd is not None and qual in ("at_most", "exact"):
            qual, qstart = upd, i
        if qual == "range" and low_v is None:
            # "от N до M"
            if j + 1 < n and fold(toks[j].text) == "до":
                p2 = _number_part(toks[j + 1])
                if p2 is not None and p2[1] != "vague":
                    low_v, high_v = value, p2[0]
                    j += 2
                    k = j
                    while k < n and k < j + 3 and not _is_people(toks[k]) and toks[k].pos in ("ADJ", "DET"):
                        k += 1
                    noun = k if k < n and _is_people(toks[k]) else -1
            else:
                qual = "exact"
                qstart = i
        if low_v is not None and high_v is not None:
            qual = "range"
        coll = len(parts) == 1 and parts[0][1] == "coll"
        lo, hi = _clause(toks, i, j)
        adjacent = next((c for c in (j, j + 1, i - 1) if 0 <= c < n and c not in range(i, j) and
                         (got := _cue_at(toks, c)) is not None and got[2] != "noun"), None)
        counted_update = upd is not None and _kind_in(toks, lo, hi, i, (i, j)) is not None
        if noun < 0 and not coll and adjacent is None and not counted_update:
            i = j
            continue
        if noun < 0 and not coll and parts[0][1] == "digits" and adjacent is None and not counted_update:
            i = j
            continue
        if len(parts) == 1 and fold(t.text).startswith("об") and not (noun == j and _is_people(toks[j])):
            i = j  # "обе стороны", "оба они": only "оба/обе" + a people noun counts
            continue
        if len(parts) == 1 and parts[0] == (1.0, "unit") and (noun != j or (i > 0 and toks[i - 1].pos == "ADP")):
            i = j  # "один" counts only right before its noun and outside a prepositional phrase
            continue
        # years, dates and times are not counts
        if parts[0][1] == "digits" and noun < 0 and j < n and fold(toks[j].text) in ("года", "году", "год", "г"):
            i = j
            continue
        # kind
        skip = (i, (noun + 1) if noun >= 0 else j)
        kind = None
        if noun >= 0:
            kind = next((noun_kinds()[x] for x in _lem(toks[noun]) if x in strong_nouns()), None)
        if kind is None:
            kind = _kind_in(toks, lo, hi, i, skip)
        clause_text = " ".join(fold(x.text) for x in toks[lo:i])
        if kind is None and prev_kind and any(clause_text.startswith(b) or f" {b}" in f" {clause_text}"
                                              for b in _BREAKDOWN):
            kind = prev_kind
        if kind is None:
            kind = _sentence_kind(toks, i, lo, hi)
        if kind is None and noun >= 0:
            kind = next((noun_kinds()[x] for x in _lem(toks[noun]) if x in noun_kinds()), None)
        if kind is None:
            kind = "other"
        end_tok = noun if noun >= 0 else j - 1
        start = toks[qstart].start
        end = toks[end_tok].end
        out.append((start, end, kind, low_v if qual == "range" and low_v is not None else value, qual,
                    low_v, high_v, i))
        prev_kind = kind
        i = max(j, end_tok + 1)
    return out


#: Words that open a relative clause: its cue describes the noun before it, not a count elsewhere.
_RELATIVE = frozenset({"который", "чей", "где", "куда", "откуда", "whose", "which", "where"})


def _sentence_kind(toks: list[Token], i: int, lo: int, hi: int) -> str | None:
    """The nearest cue of the sentence lying in a clause with no number of its own."""
    clauses: list[tuple[int, int]] = []
    s = 0
    for k, t in enumerate([*toks, Token(0, 0, ",", "ru")]):
        if t.text in _DELIMS:
            if k > s:
                clauses.append((s, k))
            s = k + 1
    best: tuple[int, str] | None = None
    for cs, ce in clauses:
        if cs == lo and ce == hi:
            continue
        if _RELATIVE & _lem(toks[cs]):  # "семьи, чьё жильё пострадало": about another noun
            continue
        if any(_number_part(toks[x]) is not None and (_number_part(toks[x]) or (0, ""))[1] != "vague"
               for x in range(cs, ce)):
            continue
        kind = _kind_in(toks, cs, ce, i, (-1, -1))
        if kind is not None:
            dist = min(abs(cs - i), abs(ce - i))
            if best is None or dist < best[0]:
                best = (dist, kind)
    return best[1] if best else None


@cache
def _attribution_words() -> tuple[tuple[str, ...], ...]:
    rows = [tuple(r[0].split()) for r in data_lines("quote_attribution.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r)))


def _sentence_sources(a: Analysis, si: int) -> list[str]:
    """Named sources of a sentence: "по данным X", "со ссылкой на X" (original first), then
    the outlet or body reporting it."""
    sent = a.sentences[si]
    toks = a.tokens[sent.first_token:sent.last_token]
    low = [fold(t.text) for t in toks]
    originals: list[str] = []
    for k in range(len(toks)):
        for phrase in _attribution_words():
            n = len(phrase)
            if tuple(low[k:k + n]) == phrase:
                end = next((x for x in range(k + n, len(toks)) if toks[x].text in (",", ".")), len(toks))
                for ent in _entities_in(a, toks[k + n].start if k + n < len(toks) else sent.end,
                                        toks[end - 1].end if end > k + n else sent.end):
                    if ent not in originals:
                        originals.insert(0, ent)
                break
    return originals


def _entities_in(a: Analysis, start: int, end: int) -> list[str]:
    out = []
    for e in a.entities:
        if e.type == "LOC":
            continue
        for m in e.mentions:
            if start <= m.start and m.end <= end:
                out.append((m.start, e.id))
    return [eid for _s, eid in sorted(out)]


def _quote_of(quotes: list[Quote], start: int) -> Quote | None:
    for q in quotes:
        if q.start <= start < q.end:
            return q
    return None


def extract(a: Analysis) -> None:
    """Fill ``a.figures`` (reads ``a.quotes`` for attribution when the quotes stage ran)."""
    figures: list[Figure] = []
    last_sourced: tuple[int, int, list[str]] | None = None  # (paragraph, sentence, attribution)
    last_kind: tuple[int, str] | None = None  # (paragraph, kind) of the last figure, for breakdowns
    for si, sent in enumerate(a.sentences):
        para = a.text.count("\n", 0, sent.start)
        try:
            found = _scan(a, si, last_kind[1] if last_kind and last_kind[0] == para else None)
        except Exception:  # a figure is never worth a failed document
            found = []
        if not found:
            continue
        last_kind = (para, found[-1][2])
        own = _sentence_sources(a, si)
        inherited = list(last_sourced[2]) if last_sourced is not None and last_sourced[0] == para \
            and last_sourced[1] == si - 1 else []
        for start, end, kind, value, qual, low_v, high_v, _i in found:
            q = _quote_of(a.quotes, start)
            attribution: list[str] = []
            if q is not None:
                attribution = ([q.speaker] if q.speaker else []) + [v for v in q.via if v != q.speaker]
                for src in reversed(own):
                    if src not in attribution:
                        attribution.insert(0, src)
            elif own:
                attribution = list(own)
            else:
                attribution = list(inherited)
            figures.append(Figure(start=start, end=end, text=a.text[start:end], kind=kind,  # type: ignore[arg-type]
                                  value=value, qualifier=qual, attribution=attribution,  # type: ignore[arg-type]
                                  low=low_v if qual == "range" else None, high=high_v if qual == "range" else None))
            if attribution:
                last_sourced = (para, si, attribution)
    a.figures = figures
