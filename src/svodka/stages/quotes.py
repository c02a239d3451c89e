"""Quotes: reported speech, direct and indirect, with speaker, cue and the outlets that relayed it.

This module finds quotes (their spans, cues and kinds) and runs the stage; who said each one, and
which outlets relayed it, is resolved in ``stages/speakers.py``.

Rules (docs/annotation-guide.md, "Quotes"; shared LAYERS.md):

- Direct: text in «», "", “”, „“ with a reporting clause next to it (``«...», — заявил X.``,
  ``X заявил: «...»``, ``Санкции, отметил X, «...»``); a quote interrupted by its reporting clause
  (``«A, — сказала X. — B»``) is two quotes; a quote inside another quote is not separate; a
  sentence opened by a dash with a trailing ``, — сказал X`` is direct without marks.
- Indirect: ``X заявил(, ...), что C``; ``C, заявил X``; ``Как заявил X, C``; ``По словам X, C`` /
  ``C, по словам X``; ``Как отмечается в X, C`` (named X only); ``Об этом сообщил X`` (C is the
  previous sentence); speech acts with a clause of content (``призвал граждан сохранять
  спокойствие``, ``потребовал, чтобы ...``) and ``заявил/сообщил/объявил о + noun phrase``;
  ``C1, говорят эксперты, C2`` and ``C, о чем заявил X``.
- Not quotes: ``по данным / по информации X`` without a reporting verb, impersonal ``отмечается,
  что``, acts without a clause (``призвал к миру``), titles.
- Relay scope (here, once all quotes of a document are found): an outlet's trailing ``...,
  передает/сообщает X`` relays every earlier quote of its paragraph (appended to ``via`` in reading
  order).
- An other-language block (e.g. English paragraphs) right after a paragraph whose quote was
  written (``написал в Twitter``) or relayed by a social network is that writer's direct quote.
"""

from __future__ import annotations

import re

from svodka.analysis import Analysis, Token
from svodka.lexicon import person_roles
from svodka.numbers import fold, lemmas
from svodka.record import Entity, Quote
from svodka.stages.speakers import (
    _DASHES,
    _OPEN_CLOSE,
    _PRONOUN,
    _SHORT_CUES,
    _SOCIAL,
    _WORDS,
    _abbrev_dot,
    _described_speaker,
    _Doc,
    _ent,
    _find_speaker,
    _finite,
    _generic_head,
    _introduced_as,
    _is_media,
    _linked,
    _prefer_after,
    _pronoun_agree,
    _Quote,
    _resolve_pronoun,
    _resolve_role,
    _role_only,
    _sent_of,
    _source_link,
    _speaker_comma,
    _via,
    cue_flags,
    cues,
    document_owner,
    genitive_holder,
)

_CLAUSE_STOP = {";", ":", "(", ")"}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
        end -= 1
    # a content clause wholly in quotation marks: the marks are not content
    if end - start > 2 and _OPEN_CLOSE.get(text[start]) == text[end - 1] and \
            text.count(text[start], start, end) + text.count(text[end - 1], start, end) <= 2 + (text[start] == '"') * 2:
        start, end = _trim(text, start + 1, end - 1)
    return start, end


# --- direct quotes ---------------------------------------------------------------------------

def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of outermost quotation marks, paragraph by paragraph."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
            continue
        if ch == '"':
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            # ('сказал: " Похоже, что ..."': a stray space after the opening mark of a quotation after a colon)
            opening = (prev.isspace() or prev in "(«„“:—–-") and (not nxt.isspace() or text[max(0, i - 2):i] == ": ")
            if opening:
                stack.append(('"', i))
            elif stack:
                # close the nearest '"' opener (and anything opened after it)
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == '"':
                        _, at = stack[k]
                        del stack[k:]
                        if not stack:
                            spans.append((at + 1, i))
                        break
            continue
        if ch in ("«", "„") or (ch == "“" and not (stack and stack[-1][0] == "„")):
            stack.append((ch, i))
        elif ch in ("»", "”", "“"):
            for k in range(len(stack) - 1, -1, -1):
                if _OPEN_CLOSE[stack[k][0]] == ch:
                    _, at = stack[k]
                    del stack[k:]
                    if not stack:
                        spans.append((at + 1, i))
                    break
    return spans


def _tokens_between(a: Analysis, start: int, end: int) -> list[Token]:
    i, j = a.token_range(start, end)
    return a.tokens[i:j]


_INNER_SPLIT = re.compile(r"[,.!?…]?\s+[-–—]\s+(?P<cue>[^\W\d_]+)\s+(?P<who>[^.!?]{1,200}?)[.,]\s+[-–—]\s+")


def _direct_spans(d: _Doc) -> list[tuple[int, int]]:
    """Spans in quotation marks that may be direct quotes, in text order."""
    text = d.text
    out = []
    for qs, qe in _quote_spans(text):
        inner = text[qs:qe]
        if len(re.findall(r"[^\W\d_]+", inner)) < 3 or qs < d.title_end:
            continue
        if d.entity_at(qs, qe) is not None and len(inner.split()) <= 4:
            continue
        before = text[max(0, qs - 12):qs - 1]
        if re.search(r"(?:\bчто|\bчтобы|\bкак|\bthat)\s*$", before, re.I):
            continue  # part of an indirect content clause
        out.append((qs, qe))
    return out


def _direct(d: _Doc, qs: int, qe: int) -> None:
    """The direct quote in marks at [qs, qe), when a reporting clause goes with it."""
    a, text = d.a, d.text
    inner = text[qs:qe]
    parts = [(qs, qe)]
    m = _INNER_SPLIT.search(inner)
    mid: tuple[int, int] | None = None
    if m and (cues().get(next(iter(sorted(lemmas(m.group("cue")) & set(cues()))), ""), frozenset()) & {"say"}
              or fold(m.group("cue")) in _SHORT_CUES):  # "«A, - возмущен отец мальчика. - B»"
        parts = [(qs, qs + m.start()), (qs + m.end(), qe)]
        mid = (qs + m.start(), qs + m.end())
    # reporting clause: after the closing mark, inside (split), or before the opening mark
    found = _reporting_after(d, qe + 1, bare=len(re.findall(r"[^\W\d_]+", inner)) >= 5) if mid is None \
        else _reporting_in(d, mid[0], mid[1])
    if found is not None and mid is None and _embedded(d, qs):
        # "Сближение начнет "пока с экономики", подчеркнул X": the marks are part of a longer
        # content; the reporting clause takes the whole sentence (indirect)
        return
    if found is None:
        found = _reporting_before(d, qs - 1)
    if found is None:
        prev = _continued(d, qs, qe) if mid is None else None
        if prev is not None:
            ps, pe = _trim(text, qs, qe)
            d.quotes.append(_Quote(ps, pe, "direct", prev.cue, prev.cue_text, prev.speaker, prev.speaker_text,
                                   list(prev.via), _lang_at(a, ps), _sent_of(a, ps), flags=prev.flags))
        return
    cue_tok, spk, spk_text, via = found
    for n, (ps, pe) in enumerate(parts):
        ps, pe = _trim(text, ps, pe)
        if pe - ps < 3 or (n == 0 and len(parts) > 1 and len(re.findall(r"[^\W\d_]+", text[ps:pe])) < 3):
            continue  # "Уверен, — продолжил X, — что C", "Другое дело, — говорит он, — что C": one quote, C
        lang = _lang_at(a, ps)
        d.quotes.append(_Quote(ps, pe, "direct", cue_tok, cue_tok.text, spk, spk_text, list(via), lang,
                               _sent_of(a, ps), flags=cue_flags(cue_tok)))


def _continued(d: _Doc, qs: int, qe: int) -> _Quote | None:
    """"«...», сказал Говард.¶¶«...»": a paragraph that is nothing but a quotation, right after a paragraph
    that ends with a direct quote and its short reporting clause, goes on with that speaker's words."""
    text = d.text
    if len(re.findall(r"[^\W\d_]+", text[qs:qe])) < 5:
        return None  # «Конкретных аргументов нет» on a line of its own is a subheading
    ends_line = re.match(r"[ \t]*[.!?…]?[ \t]*(?:\n|$)", text[qe + 1:qe + 8])
    before = text[:max(0, qs - 1)]
    if not re.search(r"(?:^|\n)[ \t]*$", before) or not ends_line:
        return None
    p_end = len(before.rstrip())
    last = max((q for q in d.quotes if q.end <= p_end), key=lambda q: q.end, default=None)
    if last is None or text[last.end:last.end + 1] not in _OPEN_CLOSE.values() or last.cue is None \
            or not (last.speaker or last.speaker_text) or "\n" in text[last.end:p_end] \
            or not last.end < last.cue.start < p_end or p_end - last.end > 120:
        return None
    return last


def _owner_or_speaker(d: _Doc, toks: list[Token], k: int, lo: int, hi: int,
                      prefer_after: bool) -> tuple[str | None, str | None, int, int]:
    """``_find_speaker`` for the cue ``toks[k]``, but an impersonal one ("говорится в сообщении АЕБ")
    speaks for the document's owner when ``document_owner`` finds one (no phrase offsets then)."""
    owned = document_owner(d, toks, k) if "say" not in cue_flags(toks[k]) else None
    return (owned[0], owned[1], -1, -1) if owned else _find_speaker(d, toks, k, lo, hi, prefer_after)


def _embedded(d: _Doc, qs: int) -> bool:
    """Do words of the same sentence come right before the opening mark at ``qs - 1`` (not a colon,
    dash or reporting clause): the quotation is a part of a longer clause?"""
    sent = d.a.sentences[_sent_of(d.a, qs - 1)]
    prefix = d.text[max(sent.start, d.text.rfind("\n", 0, qs - 1) + 1):qs - 1].rstrip()
    if not re.search(r"[^\W\d_]", prefix) or prefix[-1:] in (":", "-", "–", "—", "(", "«", '"', "„", "“"):
        return False
    toks = _tokens_between(d.a, qs - 1 - len(prefix), qs - 1)
    if re.search(r",\s*(?:что|чтобы)\b", prefix):
        return True  # inside the content clause of a cue before it: "Он заявил, что ... "с решимостью", передает X"
    return not any(cue_flags(t) for t in toks)


def _lang_at(a: Analysis, pos: int) -> str:
    for span in a.languages:
        if span.start <= pos < span.end:
            return span.lang
    return a.main_language


def _reporting_after(d: _Doc, pos: int, bare: bool = False) -> tuple[Token, str | None, str | None, list[str]] | None:
    a, text = d.a, d.text
    m = re.match(r"[ \t]*(?:[,.!?…]?[ \t]*[-–—]+|,)[ \t]*", text[pos:])
    if not m and bare:
        # "«Поэтому я сегодня проинформировала вас ...» рассказала Фредериксен": the comma and dash left out; only
        # a finite cue right after the mark with a named subject after it ("«Новая газета» сообщила, что" is a name)
        m = re.match(r"[ \t]+", text[pos:])
        toks0 = _tokens_between(a, pos + m.end(), min(len(text), pos + m.end() + 80)) if m else []
        if not (len(toks0) >= 2 and cue_flags(toks0[0]) & {"say"} and _finite(toks0[0])
                and any(ent.type == "PER" and ms == toks0[1].start for ms, _me, ent in d.mentions_in(
                    toks0[1].start, toks0[1].end))):
            m = None
    if not m:
        return None
    start = pos + m.end()
    si = _sent_of(a, start)
    sent_end = a.sentences[si].end if a.sentences else len(text)
    nl = text.find("\n", start)
    end = min(sent_end if sent_end > start else len(text), nl if nl >= 0 else len(text))
    toks = _tokens_between(a, start, end)
    for k, t in enumerate(toks[:6]):
        flags = cue_flags(t)
        if flags & {"say", "act", "impers"}:  # "«...», — призвал X" reports speech too
            if "impers" in flags and "say" not in flags and fold(t.text) != "говорится":
                return None
            if re.match(r"\s*,\s*(?:что|чтобы)\b|\s*:", text[t.end:t.end + 12]):
                return None  # "..." ..., но признал, что C": the cue introduces a content of its own
            hi = next((j for j in range(k + 1, len(toks)) if toks[j].text in ".!?" and not _abbrev_dot(d, toks, j)),
                      len(toks))
            spk, st, _s, _e = _owner_or_speaker(d, toks, k, 0, hi, True)  # "- говорится в пресс-релизе"
            if spk is None and st is None:
                # "говорится в письме Гренелла": the owner of the document; not a name inside a relative
                # clause ("заявила ... Мисик, которую цитирует Русская служба BBC": BBC relays)
                rel = next((j for j in range(k + 1, hi) if toks[j].text == "," and j + 1 < hi
                            and fold(toks[j + 1].text).startswith("котор")), hi)
                ments = d.mentions_in(t.end, toks[rel - 1].end) if rel > k + 1 else []
                per = [m for m in ments if m[2].type == "PER" and not _role_only(m[2])]
                if ments:
                    spk = (per or ments)[-1][2].id
                else:
                    return None
            link = _source_link(d, toks, k, hi)
            via = _via(d, toks, k, hi, -1, -1, spk, t.start)
            spk, st, via = _linked(d, spk, st, via, link, media_only=True)
            return t, spk, st, via
        if t.pos not in ("ADV", "PUNCT") and k > 1:
            break
    return None


def _reporting_in(d: _Doc, start: int, end: int) -> tuple[Token, str | None, str | None, list[str]] | None:
    toks = _tokens_between(d.a, start, end)
    for k, t in enumerate(toks):
        if "say" in cue_flags(t):
            spk, st, _s, _e = _find_speaker(d, toks, k, 0, len(toks), prefer_after=True)
            if spk or st:
                return t, spk, st, _via(d, toks, k, len(toks), -1, -1, spk, t.start)
    return None


def _reporting_before(d: _Doc, pos: int) -> tuple[Token, str | None, str | None, list[str]] | None:
    """``X заявил: «...»`` or ``Санкции, отметил X, «...»``: a cue shortly before the opening mark."""
    a, text = d.a, d.text
    head = text[max(0, pos - 150):pos]
    if not re.search(r"[:,][ \t]*$", head):
        return None
    si = _sent_of(a, max(0, pos - 1))
    s_start = a.sentences[si].start if a.sentences else 0
    toks = _tokens_between(a, s_start, pos)
    # "X отметил, что C: «D»" reaches back over C to the cue; "Санкции, отметил X, «...»" only a few words
    reach = len(toks) if head.rstrip().endswith(":") else 9
    for k in range(len(toks) - 1, max(-1, len(toks) - reach), -1):
        t = toks[k]
        if "say" in cue_flags(t):
            lo = 0
            spk, st, _s, _e = _find_speaker(d, toks, k, lo, len(toks), prefer_after=k < len(toks) - 2)
            if spk or st:
                return t, spk, st, _via(d, toks, lo, len(toks), -1, -1, spk, t.start)
    return None


# --- indirect quotes -------------------------------------------------------------------------

_CONTENT_INTRO = {"что", "чтобы", "будто", "that"}


#: "по словам X", "по мнению X": a quote (unlike "по данным X", which is attribution only)
_BACK_REF = {"это", "об", "так"}
#: "Такое мнение высказала X", "Этот прогноз озвучил X": a statement noun that refers to the sentence before.
_THIS_SUCH = {"такое", "такой", "такую", "такие", "этот", "эту", "это", "эти", "подобное", "подобный", "подобную"}
_BACK_NOUNS = frozenset({"мнение", "прогноз", "заявление", "оценка", "предположение", "версия", "вывод", "мысль"})
#: Connectives that open a sentence without being part of the content ("Тем не менее, по его словам, C").
_CONNECTIVES = frozenset({"тем", "не", "менее", "также", "однако", "поэтому", "кроме", "того", "при", "этом", "впрочем",
                          "в", "частности", "между", "вместе", "с", "временем", "к", "тому", "же", "более", "итак",
                          "кстати", "так", "вот", "но", "а", "и", "ведь", "зато", "правда", "напротив", "наконец",
                          "во-первых", "во-вторых", "в-третьих", "словом", "следовательно", "значит", "таким",
                          "образом", "действительно", "конечно", "вероятно", "возможно", "видимо", "якобы", "причем",
                          "притом", "помимо", "этого", "поначалу", "сначала", "затем", "потом", "тогда", "примеру",
                          "например"})
_PO_WORDS = {"словам", "мнению", "утверждению", "утверждениям", "заявлению"}


def _one_clause(toks: list[Token], low: list[str], i: int) -> bool:
    """Do the words before the phrase at ``i`` start the clause it sits in: at least one of them is more than a
    connective ("Тем не менее, по его словам, C" starts at C), and no relative pronoun or conjunction opens a clause
    of their own ("силовиков, которые, по словам авторов, причастны ..." gives only "причастны ...")?"""
    return any(t.pos not in ("PUNCT", "CCONJ") and low[x] not in _CONNECTIVES for x, t in enumerate(toks[:i])) \
        and not any(w.startswith("котор") or w in _SUBORDINATE for w in low[:i])


def _aside_end(toks: list[Token], j: int, hi: int) -> int:
    """The ")" closing a short aside opened by the "(" at ``j`` within five tokens ("суд по правам человека
    (ЕСПЧ)"), or -1."""
    return next((x for x in range(j + 1, min(hi, j + 6)) if toks[x].text == ")"), -1)


def _clause_end(toks: list[Token], i: int, hi: int) -> int:
    """Index just past the clause of content starting at ``toks[i]`` (act / about content)."""
    j = i
    while j < hi:
        t = toks[j]
        if t.text == "(" and j > i and (close := _aside_end(toks, j, hi)) > 0:
            j = close + 1  # "просит Европейский суд по правам человека (ЕСПЧ) выплатить ...": a short aside
            continue
        if t.text in _CLAUSE_STOP or t.text in _DASHES:
            return j
        if t.text == "," and fold(toks[j + 1].text if j + 1 < hi else "") == "но" and j + 2 < hi \
                and fold(toks[j + 2].text) == "и" \
                and any(fold(toks[x].text) == "не" and fold(toks[x + 1].text) == "только" for x in range(i, j - 1)):
            j += 1  # "требует не только восстановить ее в должности, но и выплатить ей ...": one content
            continue
        if t.text == "," and j + 1 < hi and (_finite(toks[j + 1]) or fold(toks[j + 1].text) in ("но", "однако") or (
                toks[j + 1].feats.get("VerbForm") == "Conv" and cue_flags(toks[j + 1])) or (
                j + 2 < hi and fold(toks[j + 1].text) in ("и", "а", "но") and _finite(toks[j + 2]))):
            return j
        if fold(t.text) in ("и", "а"):
            # "объявил о завершении карьеры ... и сразу же заявил о желании ...": a second report of its own
            v = j + 1
            while v < min(hi, j + 4) and toks[v].pos in ("ADV", "PART"):
                v += 1
            if v < hi and _finite(toks[v]) and cue_flags(toks[v]):
                return j
        j += 1
    return hi


def _tail(d: _Doc, toks: list[Token]) -> int:
    """Index of a trailing reporting cue ``..., сообщает X`` / ``..., — заявил X.`` or -1."""
    end = len(toks)
    while end and toks[end - 1].pos == "PUNCT" and toks[end - 1].text not in ('"', "»", "”"):
        end -= 1
    colon_cut = False
    gerund = -1
    for k in range(end - 1, 0, -1):
        t = toks[k]
        flags = cue_flags(t)
        if t.feats.get("VerbForm") == "Part" and t.feats.get("Case"):
            continue  # "X, считающий цифры странными": a full participle qualifies a noun, it ends no content
        if t.feats.get("VerbForm") == "Conv" and t.lang != "en":
            gerund = k  # "X выступил с критикой, заявив, в частности: «...»": a gerund has no subject after it
            continue
        if "say" in flags or ("impers" in flags and k + 1 < end and fold(toks[k + 1].text) in ("в", "во", "на")
                              and document_owner(d, toks, k)):  # "C, говорится в сообщении АЕБ", "на сайте X"
            if fold(t.text).startswith("соглас") and fold(toks[0].text) in ("с", "со"):
                return -1  # "С банкирами ..., согласна X": the one agreed with, no content
            p = k - 1
            while p >= 0 and toks[p].pos == "ADV":
                p -= 1
            if t.lang == "en" and p >= 1 and toks[p].text != ",":
                # English order: ", the Red Cross said."
                q = p
                while q >= 0 and k - q <= 5 and toks[q].text != "," and toks[q].pos in ("PROPN", "NOUN", "DET",
                                                                                        "ADJ", "PRON"):
                    q -= 1
                if q >= 1 and toks[q].text == ",":
                    p = q
            if p >= 0 and (toks[p].text == "," or (toks[p].text in _DASHES and p >= 1 and toks[p - 1].text == ",")):
                rest = toks[k + 1:end]
                colon = next((j for j, x in enumerate(rest) if x.text == ":"), -1)
                if colon >= 0 and any(fold(x.text) in _WORDS for x in rest[:colon]):
                    rest = rest[:colon]  # "C, передает ТАСС слова Пескова: «...»"
                if any(fold(x.text) in _CONTENT_INTRO or x.text == ":" for x in rest):
                    return -1
                if "about" in flags and rest and fold(rest[0].text) in ("о", "об", "обо"):
                    return -1  # "ICE, являющаяся оператором рынка, объявила о приобретении ...": its own content
                if any(cue_flags(x) & {"say"} and x.feats.get("VerbForm") != "Conv" for x in rest):
                    continue  # (not "..., - пишет блогер X, комментируя ...": a gerund after the subject)
                if gerund > k and not any(x.feats.get("Case") == "Nom" and x.pos in ("NOUN", "PROPN", "PRON")
                                          for x in toks[k + 1:gerund]):
                    return -1  # "Россия, как правопреемница СССР, признает X государством, настаивая ...": no subject
                if colon_cut and not (rest and d.mentions_in(rest[0].start, rest[-1].end)):
                    return -1  # "Местная жительница, которая ..., возмущалась в кадре: «...»": it opens the quotation
                comma = next((j for j, x in enumerate(rest) if x.text == ","), -1)
                if comma >= 0 and any(_finite(x) for x in rest[comma + 1:]):
                    return -1  # "C1, говорят эксперты, C2": a parenthetical, not a tail
                return k
        if t.text == ":" and k + 1 < len(toks) and toks[k + 1].text in _OPEN_CLOSE:
            end = k  # "C, передает ТАСС слова Пескова: «...»": the quotation is a direct quote of its own
            colon_cut = True
            continue
        if t.text in (";", ":"):
            return -1
    return -1


def _add(d: _Doc, toks: list[Token], cs: int, ce: int, cue_i: int, kind: str, lo: int, hi: int,
         prefer_after: bool, si: int, speaker: tuple[str | None, str | None] | None = None) -> _Quote | None:
    a = d.a
    if ce - cs <= 0:
        return None
    s, e = _trim(a.text, cs, ce)
    if e - s < 3 or len(re.findall(r"[^\W\d_]+", a.text[s:e])) < 2:
        return None
    if d.covered(s, e):
        return None
    cue_tok = toks[cue_i]
    if cue_i + 1 < len(toks) and fold(toks[cue_i + 1].text) in ("к", "ко") and "приводить" in lemmas(cue_tok.text):
        return None  # "приводит к тому, что C" tells a consequence, not what a source says
    inside = [k for k, t in enumerate(toks) if s <= t.start < e]
    if inside and inside[0] > cue_i:
        hi = min(hi, inside[0])
    elif inside and inside[-1] < cue_i:
        lo = max(lo, inside[-1] + 1)
    if speaker is None:
        spk, st, _ps, _pe = _find_speaker(d, toks, cue_i, lo, hi, prefer_after)
    else:
        spk, st = speaker
    if spk is None and st is None:
        return None
    outside = [t for t in toks if not (s <= t.start < e)]
    intro: list[str] = []
    if fold(toks[0].text) == "как" and cue_i > 1:
        # "Как передает РИА со ссылкой на газету "Время", X заявил, что ...": the link is the intro's
        comma = next((j for j in range(1, cue_i) if toks[j].text == ","), -1)
        if comma > 0:
            first = _source_link(d, toks, 1, comma)
            intro = [first[0]] if first is not None and first[0] else []
            outside = [t for t in outside if t.start > toks[comma].start]
    link = _source_link(d, outside, 0, len(outside))
    via = _via(d, outside, 0, len(outside), s, e, spk, cue_tok.start)
    spk, st, via = _linked(d, spk, st, via, link)
    via += [v for v in intro if v not in via and v != spk]
    q = _Quote(s, e, kind, cue_tok, cue_tok.text, spk, st, via, _lang_at(a, s), si, flags=cue_flags(cue_tok))
    d.quotes.append(q)
    return q


def _subheading(d: _Doc, start: int, end: int) -> bool:
    """A short line of its own with no closing punctuation between paragraphs of text ("Бульбов утверждает, что его
    дело инспирировано тремя генералами ФСБ", "Эксперты напомнили ЛДПР: бюджет не резиновый"): a subheading, whose
    report the paragraphs after it tell (the guide: subheadings are no quotes)."""
    text = d.text
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    line = text[ls:le].strip()
    if not line or text[ls:start].strip() or text[end:le].strip() or line[-1] in ".!?…:;,»\"”)" \
            or len(line.split()) > 14:
        return False
    after = text[le:].lstrip()
    nxt = after.split("\n", 1)[0].strip()
    last = fold(line.split()[-1])
    if last in _SUBORDINATE or last in ("и", "а", "но", "в", "на", "с", "о", "об", "к", "по", "за", "из", "от", "у") \
            or nxt[:1].islower() or (nxt[:1] in _OPEN_CLOSE and nxt[1:2].islower()):
        return False  # "Как сообщает газета, первое предварительное¶соглашение ...": a line broken mid-sentence
    return len(nxt.split()) >= 8 and nxt[-1:] in (".", "!", "?", "…", "»", '"', "”")


def _indirect(d: _Doc, si: int) -> None:
    a = d.a
    sent = a.sentences[si]
    toks = a.tokens[sent.first_token:sent.last_token]
    if not toks or sent.start < d.title_end or _subheading(d, sent.start, sent.end):
        return
    n = len(toks)
    low = [fold(t.text) for t in toks]
    tail = _tail(d, toks)
    # "C, сказал X, передает Y": X speaks, the outlet Y relays
    outer = -1
    if tail > 0 and "relay" in cue_flags(toks[tail]):
        outer_lo = tail
        while outer_lo > 0 and toks[outer_lo - 1].text not in (",", "-", "—", "–"):
            outer_lo -= 1
        inner = _tail(d, toks[:max(0, outer_lo - 1)])
        if inner > 0:
            outer, tail = tail, inner
    body_hi = tail - 1 if tail > 0 else n
    while body_hi > 0 and toks[body_hi - 1].text in (",", "-", "—", "–"):
        body_hi -= 1
    made: list[_Quote] = []

    # "По словам X, C" / "C, по словам X" / "по его словам"
    for i in range(n - 1):
        if low[i] == "по" and (low[i + 1] in _PO_WORDS or (i + 2 < n and low[i + 2] in _PO_WORDS)):
            pron = low[i + 1] if low[i + 1] not in _PO_WORDS else None
            k = i + 2 if pron is None else i + 3
            # "По словам представителя Ozon.ru Марии Заикиной, C": the dot of a domain ends nothing
            comma = next((j for j in range(k, n) if toks[j].text == "," or (
                toks[j].text == "." and not _abbrev_dot(d, toks, j))), n)
            # "По словам журналистов, сопровождавших X, C": the content starts after X's clause
            comma_after = _speaker_comma(toks, comma, n) if pron is None and i == 0 and comma < n else comma
            if pron is not None:
                found = _resolve_pronoun(d, toks[i].start, _pronoun_agree(pron)) \
                    if pron in ("его", "ее", "её", "их") else None
                spk, st = found if found else (None, None)
            else:
                ments = d.mentions_in(toks[k].start, toks[comma - 1].end) if comma > k else []
                if comma > k and _generic_head(d, toks, k, comma):
                    ments = []  # "по словам информированного источника "Интерфакса"": the source is unnamed
                per = [m for m in ments if m[2].type == "PER" and not _role_only(m[2])]
                pick = per[0] if per else (ments[0] if ments else None)
                spk = pick[2].id if pick else None
                head = next((j for j in range(k, comma) if toks[j].pos in ("NOUN", "PROPN")), -1)
                if head >= 0 and (holder := genitive_holder(d, toks, comma, head, ments)) is not None:
                    spk = holder  # "по мнению адвоката Ольги Шушлебиной Дениса Мартинкова": the lawyer
                st = None if pick else a.text[toks[k].start:toks[comma - 1].end] if comma > k else None
                if not per and head >= 0 and lemmas(toks[head].text) & set(person_roles()):
                    # "по словам временного поверенного в делах США": the person, not the country
                    role = _resolve_role(d, toks, k, comma, head)
                    if role is not None:
                        spk, st = role
                elif not ments and head >= 0 and (introduced := _introduced_as(d, toks, k, comma, head)) is not None:
                    spk, st = introduced  # "по словам помощника депутата": the one introduced as such
                elif not ments and head >= 0 and (described := _described_speaker(d, toks, k, comma, head)) is not None:
                    # "По словам актрисы" in a text about one actress, read as "заявила актриса" is
                    spk, st = described
                if comma > k and spk:
                    # the phrase as written, for a later role noun: "По словам главы ЦИК ДНР" ... "руководитель ЦИК"
                    d.according.setdefault(toks[i].start, (toks[k].start, toks[comma - 1].end))
            after = (toks[comma_after].end, toks[body_hi - 1].end if body_hi > comma_after else sent.end) \
                if comma_after < n - 1 else (0, 0)
            before = (toks[0].start, toks[i - 1].end) if i > 0 else (0, 0)
            # "По словам X, C" / "C, по словам X" / "Тем не менее, по его словам, C": the longer side
            cs, ce = after if after[1] - after[0] >= before[1] - before[0] else before
            if (cs, ce) == before and any("say" in cue_flags(t) and _finite(t) and not d.in_marks(t.start)
                                          and x + 2 < i and toks[x + 1].text == "," and low[x + 2] == "что"
                                          for x, t in enumerate(toks[:i])):
                continue  # "Он также заявил, что C1, по его мнению, C2": the reporting verb's quote covers it
            if i >= 4 and toks[i - 1].text == "," and low[i - 2] == "что" and "say" in cue_flags(toks[i - 4]) \
                    and toks[i - 3].text == "," and _finite(toks[i - 4]) and not d.in_marks(toks[i - 4].start):
                continue  # "Аверин отметил, что, по мнению самого Ежова, C": Аверин's quote, Ежов's view inside it
            marks_after = comma_after + 1 < n and toks[comma_after + 1].text in _OPEN_CLOSE  # "по словам X, «C»"
            if i > 0 and after[1] > after[0] and before[1] > before[0] and not marks_after \
                    and _one_clause(toks, low, i) and (not any(_finite(t) for t in toks[:i])
                                                       or not any(_finite(t) for t in toks[comma_after:body_hi])):
                # "Роули, по словам врачей, пришел в сознание", "Регистрация в качестве СМИ, по словам Тимченко, -
                # это катастрофа": a по-phrase inside one clause gives the whole clause (the guide's dev5 rule)
                cs, ce = toks[0].start, after[1]
            cue_text = a.text[toks[i].start:toks[k - 1].end]
            q = _add(d, toks, cs, ce, i, "indirect", 0, n, False, si, (spk, st))
            if q is not None:
                q.cue_text = cue_text
                made.append(q)

    # "Как заявил X, C" / "Как отмечается в X, C"
    if n > 3 and low[0] == "как" and cue_flags(toks[1]):
        flags = cue_flags(toks[1])
        comma = next((j for j in range(2, n) if toks[j].text == ","), -1)
        if comma > 2:
            comma = _speaker_comma(toks, comma, body_hi)  # "Как заявила X, пресс-секретарь суда, C"
        if comma > 2:
            inner_cue = next((j for j in range(comma + 1, body_hi) if cue_flags(toks[j]) & {"say", "act", "about"}
                              and _has_content_after(toks, j, body_hi)), -1)
            if ("impers" in flags and "say" not in flags) or fold(toks[1].text) in ("отмечается", "говорится",
                                                                                   "сообщается"):
                ments = d.mentions_in(toks[2].start, toks[comma - 1].end)
                spk = ments[-1][2].id if ments else None
                if spk is None and (owner := document_owner(d, toks, 1)) is not None:
                    spk = owner[0]  # "Как отмечается в документе, C": the author of the document named before
                if spk is not None and inner_cue < 0:
                    q = _add(d, toks, toks[comma].end, toks[body_hi - 1].end, 1, "indirect", 0, n, False, si,
                             (spk, None))
                    if q:
                        made.append(q)
                elif spk is not None:
                    d.pending_via.append((si, spk))
            elif inner_cue < 0 and "say" in flags and low[comma + 1:comma + 3] != ["об", "этом"] and not any(
                    "say" in cue_flags(t) and _finite(t) and k + 1 < n and fold(toks[k + 1].text) in _BACK_REF
                    for k, t in enumerate(toks[comma + 1:body_hi], comma + 1)):  # "Как передает X, она заявила это"
                q = _add(d, toks, toks[comma].end, toks[body_hi - 1].end, 1, "indirect", 1, comma, True, si)
                if q:
                    made.append(q)
            elif "say" in flags:
                spk2, _st, _a, _b = _find_speaker(d, toks, 1, 1, comma, True)
                if spk2 and _is_media(_ent(d, spk2)):
                    d.pending_via.append((si, spk2))

    # "..., но как отметил X, C" / "..., а как пишет X, C": "как" + cue in mid-sentence
    for i in range(1, n - 4):
        if low[i] != "как" or not (toks[i - 1].text == "," or low[i - 1] in ("но", "а", "и", "однако")) \
                or "say" not in cue_flags(toks[i + 1]) or not _finite(toks[i + 1]) or d.in_marks(toks[i].start):
            continue
        comma = next((j for j in range(i + 2, min(body_hi, i + 16)) if toks[j].text in (",", ".", ";", ":")), -1)
        if comma > i + 2 and toks[comma].text == "," and not any(_finite(t) for t in toks[i + 2:comma]) \
                and not (comma + 1 < n and toks[comma + 1].feats.get("VerbForm") == "Conv"):
            # (not "..., как заявляли ее адвокаты, объясняя этим ...": a gerund phrase is no content)
            ce_i = _clause_end(toks, comma + 1, body_hi)
            cs = toks[comma].end
            if toks[i - 1].text == "," and not any(_finite(t) for t in toks[:i]) and _one_clause(toks, low, i):
                cs = toks[0].start  # "В Mail.ru, как рассказали в пресс-службе, C": one clause, the whole of it
            q = _add(d, toks, cs, toks[ce_i - 1].end, i + 1, "indirect", i + 2, comma, True, si)
            if q:
                made.append(q)

    # cue (..., что C) / (: C) / act + infinitive / about + о
    cue_idx = [i for i in range(n) if cue_flags(toks[i]) and i not in (tail, outer)
               and not (low[0] == "как" and i == 1)
               and not (d.in_marks(toks[i].start) and not d.in_marks(toks[0].start))]  # a cue in a partial quotation
    for pos, i in enumerate(cue_idx):
        flags = cue_flags(toks[i])
        owner = None
        if "impers" in flags and "say" not in flags:
            # "В заявлении МИД говорится, что C": the document's author; "сообщается, что" alone is impersonal
            owner = document_owner(d, toks, i) if i != tail else None
            if owner is None:
                continue
        # the next reporting word that opens a statement of its own (not "ущелье, которое угрожает Грузии")
        nxt = next((x for x in cue_idx[pos + 1:] if _has_content_after(toks, x, body_hi) or toks[x].lang == "en"),
                   body_hi)
        if toks[i].lang == "en":
            _english_indirect(d, toks, i, body_hi, si, made)
            continue
        # "что" clause
        j = i + 1
        limit = min(body_hi, i + 12)
        intro = -1
        while j < limit:
            if low[j] in ("что", "чтобы", "будто") and toks[j - 1].text == ",":
                if j >= i + 3 and low[j - 2] == "тем" and (j - 3 == i or toks[j - 3].pos == "PRON" or lemmas(
                        toks[i].text) & {"объяснить", "объяснять", "мотивировать", "обосновать", "обосновывать"}):
                    # "объяснила тем, что C", "Чубайс объяснил тем, что C": a reason (not "выразил недовольство
                    # тем, что C", a feeling stated)
                    break
                intro = j
                break
            if toks[j].text == ":" and "say" in flags:
                intro = j
                break
            if toks[j].text in (".", ";") or (cue_flags(toks[j]) and j != i):
                break
            j += 1
        if owner is not None and intro < 0 and i + 2 < body_hi and toks[i + 1].text == ",":
            intro = i + 1  # "В документе говорится, в том случае, если ..."
        if owner is not None:
            ce_i = _content_end(toks, intro + 1, nxt, body_hi) if intro > 0 else -1
            q = _add(d, toks, toks[intro + 1].start, toks[ce_i - 1].end, i, "indirect", 0, n, False, si,
                     owner) if ce_i > intro + 1 else None
            if q:
                made.append(q)
            continue
        if intro > 0 and "act" in flags and "say" not in flags and low[intro] == "чтобы" and any(
                x.feats.get("VerbForm") == "Inf" for x in toks[i + 1:min(intro, i + 3)]):
            intro = -1  # "пригрозила последовать примеру X и эмигрировать, чтобы спасти Y": the infinitive's clause
        if intro > 0 and ("say" in flags or "act" in flags):
            ce_i = _content_end(toks, intro + 1, nxt, body_hi)
            # "отметил, что C: «D»": D is a direct quote of its own
            ce_i = next((x for x in range(intro + 2, ce_i) if toks[x].text == ":" and x + 1 < n
                         and toks[x + 1].text in _OPEN_CLOSE), ce_i)
            if ce_i > intro + 1:
                q = _add(d, toks, toks[intro + 1].start, toks[ce_i - 1].end, i, "indirect", 0, n,
                         _prefer_after(toks, i), si)
                if q:
                    made.append(q)
            continue
        # act: object + infinitive
        if "act" in flags:
            k = i + 1
            # "потребовало от авиакомпании обеспечить", "предложила почти тысячам пассажиров в Европе обменять": the
            # one asked may stand in a prepositional phrase ("призвал к миру" has no infinitive to reach)
            # ("призвал при расследовании ... учитывать", "просит Европейский суд по правам человека (ЕСПЧ)
            # выплатить": a prepositional phrase after the verb, an aside in brackets)
            limit = min(body_hi, i + 8)
            while k < limit and toks[k].text not in (",", ".", ";", ":") and toks[k].text not in _DASHES \
                    and toks[k].feats.get("VerbForm") != "Inf" and not _finite(toks[k]) \
                    and not (toks[k].pos == "ADP" and low[k] in ("к", "ко", "о", "об", "за", "против")):
                if toks[k].text == "(":
                    close = _aside_end(toks, k, body_hi)
                    if close < 0:
                        break
                    limit = min(body_hi, limit + close - k + 1)
                    k = close
                elif toks[k].pos == "ADP":
                    limit = min(body_hi, max(limit, k + 7))
                k += 1
            if k < body_hi and toks[k].feats.get("VerbForm") == "Inf":
                ce_i = _clause_end(toks, i + 1, body_hi)
                q = _add(d, toks, toks[i + 1].start, toks[ce_i - 1].end, i, "indirect", 0, n, False, si)
                if q:
                    made.append(q)
                continue
        if "about" in flags:
            k = i + 1
            while k < min(body_hi, i + 4) and low[k] not in ("о", "об", "обо") and toks[k].pos in ("ADV", "NOUN",
                                                                                                    "PROPN", "PRON"):
                k += 1
            if k < body_hi and low[k] in ("о", "об", "обо") and k + 1 < body_hi and low[k + 1] != "этом":
                ce_i = _clause_end(toks, k + 1, body_hi)
                if ce_i > k + 1:
                    q = _add(d, toks, toks[k + 1].start, toks[ce_i - 1].end, i, "indirect", 0, n, False, si)
                    if q:
                        made.append(q)

    _parenthetical(d, toks, cue_idx, body_hi, si, made)

    # "Об этом сообщил X": the previous sentence is the content
    ob = 0
    if low[0] == "как":  # "Как передает ИТАР-ТАСС, об этом заявил X": the outlet relays (pending via)
        ob = next((j + 1 for j in range(2, min(n, 16)) if toks[j].text == ","), 0)
    # "Его адвокат Максим Пашков рассказал об этом в телеграм-канале" works the same way
    back = next((j for j in range(1, min(n - 2, 14)) if low[j + 1] == "об" and low[j + 2] == "этом"
                 and "say" in cue_flags(toks[j]) and _finite(toks[j]) and toks[j].feats.get("VerbForm") != "Conv"
                 and not any(x.text in (",", ":") or x.text in _DASHES or cue_flags(x) for x in toks[:j])), -1)
    # "Это заявил X", "Такое мнение высказала X", "Такой прогноз озвучил X": the sentence before, likewise
    this_k = -1
    if ob == 0 and n > 3 and back < 0:
        j = 1 if low[0] == "это" else 2 if low[0] in _THIS_SUCH and lemmas(toks[1].text) & _BACK_NOUNS else -1
        if j > 0 and "say" in cue_flags(toks[j]) and _finite(toks[j]) and toks[j].feats.get("Mood") != "Imp":
            this_k = j
    if ((n > ob + 3 and low[ob] == "об" and low[ob + 1] == "этом") or back > 0 or this_k > 0) and si > 0:
        k = back if back > 0 else this_k if this_k > 0 else next(
            # ("Об этом, как передает "Интерфакс", заявил X": the outlet relays, X speaks)
            (j for j in range(ob + 2, n) if ("say" in cue_flags(toks[j]) and low[j - 1] != "как")
             or ("impers" in cue_flags(toks[j]) and document_owner(d, toks, j))), -1)
        prev = a.sentences[si - 1]
        # "Об этом сообщил X" / "Такое мнение выразил X" opening a paragraph of its own: the last sentence of the
        # paragraph before (the guide's dev2 rule), when that one is a sentence, not a heading
        ptext = a.text[prev.start:prev.end].rstrip()
        own_para = d.para(prev.start) != d.para(sent.start) and ptext[-1:] in (".", "!", "?", "…")
        if k > 0 and (d.para(prev.start) == d.para(sent.start) or own_para) and prev.start >= d.title_end \
                and not d.covered(prev.start, prev.end):
            ptoks = a.tokens[prev.first_token:prev.last_token]
            if not any(cue_flags(t) & {"say", "act"} and not d.in_marks(t.start) for t in ptoks):
                spk, st, _x, _y = _owner_or_speaker(d, toks, k, 0, k, False) if back > 0 else \
                    _owner_or_speaker(d, toks, k, ob + 2, n, True)
                if spk is None and lemmas(toks[k].text) & {"говорить"} and any(
                        t.pos == "NOUN" and t.feats.get("Animacy") == "Inan" and t.feats.get("Case") == "Nom"
                        for t in toks[k + 1:k + 4]):
                    spk = st = None  # "Об этом говорит резко возросшая активность": a sign, not a speaker
                if spk or st:
                    # "Об этом заявил Аваков, ..., передает NEWSru.ua со ссылкой на Украинскую правду": the link is
                    # the relay's, not the speaker's
                    relay_at = next((j for j in range(ob + 2, n - 1) if toks[j].text == ","
                                     and "relay" in cue_flags(toks[j + 1]) and j + 1 != k), n)
                    link = _source_link(d, toks, ob + 2, relay_at)
                    via = _via(d, toks, ob + 2, n, -1, -1, spk, toks[k].start)
                    spk, st, via = _linked(d, spk, st, via, link)
                    via += [v for v in d.pending_via_for(si) if v not in via and v != spk]  # "Как передает X, об этом"
                    s, e = _trim(a.text, prev.start, prev.end)
                    q2 = _Quote(s, e, "indirect", toks[k], toks[k].text, spk, st, via, _lang_at(a, s), si - 1,
                                relay=_is_media(_ent(d, spk)), flags=cue_flags(toks[k]))
                    d.quotes.append(q2)
                    made.append(q2)

    # the tail: reporting clause of this sentence's quotes, or itself the quote of an outlet
    if tail > 0:
        tflags = cue_flags(toks[tail])
        tail_lo = tail
        while tail_lo > 0 and toks[tail_lo - 1].text not in (",", "-", "—", "–"):
            tail_lo -= 1
        spk, st, _ps, _pe = _owner_or_speaker(d, toks, tail, tail_lo, n, True)
        link = _source_link(d, toks, tail, n)
        mine = list(made)  # also "Об этом сообщил X, передает РИА": the outlet relays the sentence before
        teller = _ent(d, spk)
        # (a person only: an organisation there is often an outlet the entity layer does not know, "отмечает
        # NEWSru Israel", and the inner speaker is what later pronouns refer to)
        if mine and ((teller is not None and teller.type == "PER") or (st is not None and _PRONOUN.match(st))) \
                and "say" in tflags and ("relay" not in tflags or (teller is not None and teller.type == "PER")) \
                and _finite(toks[tail]) and tail_lo == tail and low[0] != "как" \
                and all(_nested(q, toks, tail_lo) for q in mine):
            # "Вместо того, чтобы ..., США призывают Россию привлечь ..., добавила она": a report inside the
            # content of a person's trailing reporting clause is part of that person's quote
            for q in mine:
                d.quotes.remove(q)
                made.remove(q)
            mine = []
        if spk is not None and _is_media(teller) and (mine or d.pending_via_for(si)):
            for q in mine:
                if spk not in q.via and spk != q.speaker:
                    q.via.append(spk)
            d.relays.append((si, spk))
        elif not mine and (spk or st) and not (low[0] in _BACK_REF and any(
                "say" in cue_flags(t) and _finite(t) for t in toks[1:tail_lo])):
            # ("Так он прокомментировал ..., передает X" reports on a quote before: no content of its own)
            dash = any(t.text in _DASHES for t in toks[max(0, tail - 2):tail])
            first_dash = toks[0].text in _DASHES
            kind = "direct" if dash and first_dash else "indirect"
            via = _via(d, toks, tail, n, -1, -1, spk, toks[tail].start)
            spk, st, via = _linked(d, spk, st, via, link)
            cs = toks[1].start if first_dash else toks[0].start
            # a hard-wrapped line ("датчик температуры\nнаружного воздуха, ..., сообщает X"): the sentence
            # began on the lines before
            p = si
            while not first_dash and p > 0 and a.text[a.sentences[p].start:a.sentences[p].start + 1].islower() \
                    and a.sentences[p - 1].start >= d.title_end and not re.search(
                        r"[.!?…:;»\"]\s*$", a.text[a.sentences[p - 1].start:a.sentences[p].start]) \
                    and a.text.count("\n", a.sentences[p - 1].end, a.sentences[p].start) <= 1:
                p -= 1
                cs = a.sentences[p].start
            if dash and not first_dash:
                # "- С начала вакцинации ... Только аккаунт должен быть подтвержденным, - объяснила X": a dash
                # paragraph of several sentences is one direct quote from its opening dash
                para = a.text.rfind("\n", 0, a.sentences[si].start) + 1
                m = re.match(r"[ \t]*[-—–][ \t]+", a.text[para:a.sentences[si].start])
                if m and para >= d.title_end and not d.covered(para, a.sentences[si].start):
                    cs, kind = para + m.end(), "direct"
            body_end = min(body_hi, tail_lo)
            while body_end > 0 and toks[body_end - 1].text in (",", "-", "—", "–"):
                body_end -= 1
            ce = toks[body_end - 1].end if body_end > 0 else cs
            s, e = _trim(a.text, cs, ce)
            # skip a leading "Name. Date. AGENCY -" dateline
            m = re.match(r"^.{0,60}?[A-ZА-ЯЁ.]{3,}\s+-\s+", a.text[s:e])
            if m and "." in m.group(0):
                s += m.end()
            if e - s > 3 and not d.covered(s, e) and len(re.findall(r"[^\W\d_]+", a.text[s:e])) >= 2:
                q3 = _Quote(s, e, kind, toks[tail], toks[tail].text, spk, st, via, _lang_at(a, s), si,
                            relay=_is_media(_ent(d, spk)) and "relay" in tflags, flags=tflags)
                d.quotes.append(q3)
        elif spk is not None and mine:
            for q in mine:
                if q.speaker is None and q.speaker_text is None:
                    q.speaker = spk
    if outer > 0:
        _outer_relay(d, toks, outer, si)


def _nested(q: _Quote, toks: list[Token], tail_lo: int) -> bool:
    """Is ``q`` a report made by a finite verb in the body of a sentence whose reporting clause trails
    (``C, добавила она``), and so inside its content? Not "по словам", not a quotation in marks."""
    cue = q.cue
    # (or a participle: "Поведение X, призвавшего Y покинуть свой пост, неадекватно, считает Z")
    return cue is not None and q.kind == "indirect" and (_finite(cue) or cue.feats.get("VerbForm") == "Part") \
        and cue.start > toks[0].start \
        and q.start >= toks[0].start \
        and tail_lo > 0 and q.end <= toks[tail_lo - 1].end and cue.end <= toks[tail_lo - 1].end \
        and not (q.cue_text or "").lower().startswith("по ")


#: Words that open a clause of its own: a verb after them has a subject of its own.
_SUBORDINATE = frozenset({"что", "чтобы", "как", "когда", "если", "где", "чей", "чья", "чье", "чьи", "пока"})


def _colon_block(d: _Doc, si: int) -> None:
    """A reporting clause that ends its line with a colon ("Президент ФФККР Александр Горшков
    прокомментировал это:", "Позже президент Боливии отметил:") introduces the next line, written
    without quotation marks (the Wikinews block quote), as a direct quote of its speaker."""
    a, text = d.a, d.text
    sent = a.sentences[si]
    toks = a.tokens[sent.first_token:sent.last_token]
    if len(toks) < 3 or toks[-1].text != ":" or sent.start < d.title_end:
        return
    nl = text.find("\n", toks[-1].end)
    if nl < 0 or text[toks[-1].end:nl].strip():
        return
    # a speech act too: "Прокурор ... просил суд приговорить ...:", "... и попросил прощения у верующих:"
    k = next((j for j in range(len(toks) - 2, -1, -1) if cue_flags(toks[j]) & {"say", "act"} and _finite(toks[j])
              and not d.in_marks(toks[j].start)), -1)
    # "X признал вину, пожаловался на ... и попросил прощения:": verbs coordinated with the sentence's first
    # finite verb share its subject (no subordinate clause between them)
    f = next((j for j in range(k) if _finite(toks[j]) and not d.in_marks(toks[j].start)), -1)
    if f >= 0 and any(fold(x.text) in _SUBORDINATE or fold(x.text).startswith("котор") for x in toks[:k]):
        f = -1  # "Защитник, ссылаясь на то, что мужчина раскаялся, попросил:": that verb has a subject of its own
    # "По его словам, C:" + the block: the speaker of "по словам", not a cue inside C ("часть жителей
    # которого считает")
    po = next((q for q in d.quotes if q.sent == si and q.cue_text and fold(q.cue_text).startswith("по ")
               and (q.speaker or q.speaker_text)), None)
    if k < 0 and po is None:
        return
    s = nl + 1
    while s < len(text) and text[s].isspace():
        s += 1
    e = text.find("\n", s)
    s, e = _trim(text, s, len(text) if e < 0 else e)
    if e - s < 3 or text[s] in _OPEN_CLOSE or text[s] in _DASHES or d.covered(s, e) \
            or len(re.findall(r"[^\W\d_]+", text[s:e])) < 3:
        return
    if text[e - 1] == ":" or re.match(r"(?:как|по словам|по данным)\b", text[s:e], re.I):
        return  # the next line introduces a quote of its own or is narration with its own source
    if po is not None:
        d.quotes.append(_Quote(s, e, "direct", po.cue, po.cue_text, po.speaker, po.speaker_text, list(po.via),
                               _lang_at(a, s), _sent_of(a, s), flags=po.flags))
        return
    spk, st = None, None
    if f >= 0:
        spk, st, _ps, _pe = _find_speaker(d, toks, f, 0, k, _prefer_after(toks, f))
    if spk is None and st is None:
        spk, st, _ps, _pe = _find_speaker(d, toks, k, 0, len(toks) - 1, _prefer_after(toks, k))
    if spk is None and st is None:
        return
    via = _via(d, toks, 0, len(toks), -1, -1, spk, toks[k].start)
    d.quotes.append(_Quote(s, e, "direct", toks[k], toks[k].text, spk, st, via, _lang_at(a, s), _sent_of(a, s),
                           flags=cue_flags(toks[k])))


def _outer_relay(d: _Doc, toks: list[Token], outer: int, si: int) -> None:
    """The outlet of a second tail ("..., сказал X, передает РИА Новости") relays the quotes of its
    sentence and, as any trailing outlet, the earlier ones of its paragraph."""
    lo = outer
    while lo > 0 and toks[lo - 1].text not in (",", "-", "—", "–"):
        lo -= 1
    spk, _st, _s, _e = _find_speaker(d, toks, outer, lo, len(toks), True)
    outlets = [spk] if spk is not None and _is_media(_ent(d, spk)) else []
    outlets += [v for v in _via(d, toks, outer, len(toks), -1, -1, None, toks[outer].start) if v not in outlets]
    for q in d.quotes:
        if q.sent == si:
            q.via += [v for v in outlets if v not in q.via and v != q.speaker]
    if outlets:
        d.relays.append((si, outlets[0]))


def _parenthetical(d: _Doc, toks: list[Token], cue_idx: list[int], body_hi: int, si: int,
                   made: list[_Quote]) -> None:
    """"C, о чем заявил X" (the clause before is the content) and "C1, говорят эксперты, C2" (a
    reporting clause between commas: the sentence is the content)."""
    low = [fold(t.text) for t in toks]
    for i in cue_idx:
        if "say" not in cue_flags(toks[i]) or not _finite(toks[i]) or toks[i].lang == "en":
            continue
        j = i - 1
        while j > 0 and toks[j].pos == "ADV":
            j -= 1
        if j >= 3 and low[j] == "чем" and low[j - 1] == "о" and toks[j - 2].text == ",":
            q = _add(d, toks, toks[0].start, toks[j - 3].end, i, "indirect", j + 1, len(toks), True, si)
        elif j == i - 1 and j >= 1 and toks[j].text == ",":
            close = next((k for k in range(i + 1, min(body_hi, i + 12)) if toks[k].text in (",", ":", ".")), -1)
            if close < 0 or toks[close].text != "," or close + 3 > body_hi \
                    or toks[close + 1].feats.get("VerbForm") == "Conv" or any(
                    low[k] in _CONTENT_INTRO or _finite(toks[k]) for k in range(i + 1, close)):
                continue
            q = _add(d, toks, toks[0].start, toks[body_hi - 1].end, i, "indirect", i + 1, close, True, si)
        else:
            continue
        if q is not None:
            made.append(q)


def _has_content_after(toks: list[Token], j: int, hi: int) -> bool:
    """Does the cue ``toks[j]`` open a content of its own (что-clause, infinitive of a speech act, о-phrase)?
    "Трамп обещал ему полную свободу" has none: it is content, not a new statement."""
    # up to the next reporting word: "угрожает стабильности Грузии, и добавил, что" has no content of its own
    stop = next((k for k in range(j + 1, min(hi, j + 12)) if cue_flags(toks[k]) & {"say", "act", "about"}),
                min(hi, j + 12))
    act = "act" in cue_flags(toks[j]) and any(t.feats.get("VerbForm") == "Inf" for t in toks[j + 1:min(stop, j + 7)])
    return any(fold(t.text) in _CONTENT_INTRO for t in toks[j + 1:stop]) or act or any(
        fold(t.text) in ("о", "об") for t in toks[j + 1:min(stop, j + 3)])


def _content_end(toks: list[Token], start: int, nxt: int, hi: int) -> int:
    """End of a "что" clause: the sentence body, or before the next statement in the sentence
    ("..., и подчеркнул, что ...", "..., но X сообщили, что ...")."""
    if nxt >= hi:
        return hi
    later = toks[nxt]
    # only cut when the later cue starts its own statement (followed by что / : / о / infinitive)
    if not (_has_content_after(toks, nxt, hi) or ("say" in cue_flags(later) and later.lang == "en")):
        return hi
    commas = [x for x in range(start, nxt) if toks[x].text in (",", ";")]
    joined = [x for x in commas if x + 1 < nxt and fold(toks[x + 1].text) in ("но", "а", "и", "однако")]
    if joined:
        return joined[0]
    if commas and any(toks[x].pos == "SCONJ" or "который" in lemmas(toks[x].text) for x in range(commas[-1] + 1, nxt)):
        return hi  # "что опубликовал их, после того как кандидат призвал ...": the later statement is inside
    if commas:
        return commas[-1]
    j = nxt - 1
    while j > start and toks[j].pos == "ADV":
        j -= 1
    if toks[j].pos != "CCONJ" and fold(toks[j].text) not in ("и", "а", "но", "and"):
        return hi  # "отметила, что его отец сообщил полиции, что ...": the later statement is inside
    j = nxt - 1
    while j > start and (toks[j].pos in ("ADV", "PUNCT", "CCONJ", "PRON") or _PRONOUN.match(toks[j].text)):
        j -= 1
    return j + 1


def _english_indirect(d: _Doc, toks: list[Token], i: int, hi: int, si: int, made: list[_Quote]) -> None:
    """``X said (that) C`` in English text."""
    j = i + 1
    if j < hi and fold(toks[j].text) == "that":
        j += 1
    elif j >= hi or toks[j].pos in ("PUNCT", "ADP", "PART"):
        return
    if j >= hi:
        return
    q = _add(d, toks, toks[j].start, toks[hi - 1].end, i, "indirect", 0, i, False, si)
    if q:
        made.append(q)


def _according_to(d: _Doc, si: int) -> None:
    a = d.a
    sent = a.sentences[si]
    toks = a.tokens[sent.first_token:sent.last_token]
    low = [fold(t.text) for t in toks]
    for i in range(len(toks) - 2):
        if low[i] == "according" and low[i + 1] == "to":
            comma = next((j for j in range(i + 2, len(toks)) if toks[j].text in (",", ".")), len(toks))
            ments = d.mentions_in(toks[i + 2].start, toks[comma - 1].end) if comma > i + 2 else []
            spk = ments[0][2].id if ments else None
            st = None if spk else a.text[toks[i + 2].start:toks[comma - 1].end]
            if i == 0 and comma < len(toks) - 1:
                cs, ce = toks[comma].end, toks[-1].start if toks[-1].pos == "PUNCT" else toks[-1].end
            elif i > 0:
                cs, ce = toks[0].start, toks[i - 1].end
            else:
                continue
            q = _add(d, toks, cs, ce, i, "indirect", 0, len(toks), False, si, (spk, st))
            if q:
                q.cue_text = "according to"


# --- the pass over a document ----------------------------------------------------------------

def _other_language_blocks(d: _Doc) -> None:
    """An other-language block right after a paragraph with a written quote is its writer's."""
    a = d.a
    main = a.main_language
    for span in a.languages:
        if span.lang == main:
            continue
        s, e = _trim(a.text, span.start, span.end)
        if e - s < 20 or d.covered(s, e):
            continue
        before = a.text[:s].rstrip()
        if not before:
            continue
        prev_para = d.para(len(before) - 1)
        cands = [q for q in d.quotes if d.para(q.start) == prev_para and q.speaker]
        written = [q for q in cands if "write" in q.flags or any(
            fold((_ent(d, v) or Entity(id="", type="ORG", name="", name_en=None, mentions=[], geo=None)).name)
            in _SOCIAL for v in q.via)]
        if not written:
            continue
        src = written[0]
        d.quotes.append(_Quote(s, e, "direct", src.cue, src.cue_text, src.speaker, None, list(src.via), span.lang,
                               _sent_of(a, s), flags=src.flags))


def extract(a: Analysis) -> None:
    """Fill ``a.quotes`` from the text, tokens and entities of ``a``."""
    d = _Doc(a, _quote_spans(a.text))
    if not a.sentences:
        a.quotes = []
        return
    # in text order, so that a pronoun or role noun finds the quotes before it
    spans = _direct_spans(d)
    for si in range(len(a.sentences)):
        while spans and spans[0][0] < a.sentences[si].end:
            _direct(d, *spans.pop(0))
        if a.sentences[si].lang == "en":
            _according_to(d, si)
        _indirect(d, si)
        _colon_block(d, si)
    # pending via from "Как сообщает <outlet>, X сообщил, что ...": add to that sentence's quotes
    for si, eid in d.pending_via:
        for q in d.quotes:
            if q.sent == si and eid not in q.via and eid != q.speaker:
                q.via.append(eid)
    # relay scope: an outlet's tail relays every earlier quote of its paragraph
    relays = list(d.relays) + [(q.sent, q.speaker) for q in d.quotes if q.relay and q.speaker]
    for si, eid in relays:
        para = d.para(a.sentences[si].start)
        for q in d.quotes:
            if q.sent < si and d.para(q.start) == para and eid not in q.via and eid != q.speaker:
                q.via.append(eid)
    _other_language_blocks(d)
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for q in sorted(d.quotes, key=lambda q: q.start):
        if (q.start, q.end) in seen:
            continue
        # a quote nested inside another is not separate
        if any(o is not q and o.start <= q.start and q.end <= o.end and (o.end - o.start) > (q.end - q.start)
               for o in d.quotes):
            continue
        seen.add((q.start, q.end))
        out.append(Quote(start=q.start, end=q.end, text=a.text[q.start:q.end], kind=q.kind,  # type: ignore[arg-type]
                         speaker=q.speaker, cue=q.cue_text, via=q.via, lang=q.lang,
                         speaker_text=q.speaker_text))
    a.quotes = out
