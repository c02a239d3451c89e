"""Entities: model spans repaired, normalised and grouped into one entity per real-world thing.

Bare NER makes predictable mistakes on news; each repair below fixes a class of them, not a
single example: glued typos read as names ("Онтакже"), place names cut after their generic
word ("площадь Революции"), names cut inside quotes ("РИА "Новости"), known unions typed as
places ("ЕС"), abbreviations in brackets glued to the full name. Grouping then joins mentions
of one entity within the document, across cases, spellings, scripts and abbreviations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from svodka import lexicon, models
from svodka.analysis import Analysis, NerSpan, Token
from svodka.names import key, normal_form, skeleton, transliterate
from svodka.record import Entity, Mention

_QUOTE_PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"'}
_CLOSERS = set(_QUOTE_PAIRS.values())
_STRIP = " \t\n.,;:!?()[]{}—–-#@/\\|*'"
_ABBREV = re.compile(r"^(?P<main>.+?)\s*\((?P<abbr>[A-ZА-ЯЁ][A-ZА-ЯЁа-яёa-z0-9\-]{1,9})\)$")
#: Short function words that a missing space glues to the next word ("Онтакже" = "Он также").
_GLUE_PREFIXES = (
    "он", "она", "оно", "они", "мы", "вы", "я", "ты", "это", "так", "как", "но", "и", "а", "что",
    "же", "не", "на", "в", "с", "по", "за", "из", "от", "до", "при", "для", "уже", "тоже", "также",
)
_TYPE_PRIORITY = {"PER": 0, "ORG": 1, "LOC": 2}


@dataclass
class _Mention:
    start: int
    end: int
    type: str
    lang: str
    tokens: list[Token]
    normal: str = ""
    subtype: str = ""
    known: lexicon.Known | None = None
    group: int = -1
    forced_with: list[_Mention] = field(default_factory=list)


def _closing_quote(text: str, pos: int, opener: str, limit: int = 60) -> int:
    """Offset just after the quote that closes ``opener`` at or after ``pos`` on the same line."""
    closer = _QUOTE_PAIRS[opener]
    for i in range(pos, min(len(text), pos + limit)):
        if text[i] == "\n":
            return -1
        if text[i] == closer:
            return i + 1
    return -1


def _repair_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span that opens a quote without closing it ("РИА "Новости" -> "РИА "Новости"")."""
    span = text[start:end]
    for opener in _QUOTE_PAIRS:
        closer = _QUOTE_PAIRS[opener]
        opens = span.count(opener) if opener != closer else span.count(opener) % 2
        closes = span.count(closer) if opener != closer else 0
        if opens > closes:
            at = _closing_quote(text, end, opener)
            if at > 0:
                return start, at
            cut = span.rfind(opener)
            return (start, start + cut) if cut > 0 else (start + cut + 1, end)
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip punctuation around a span, keeping closing quotes whose opener is inside."""
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP and not (text[end - 1] == ")" and "(" in text[start:end]):
        end -= 1
    while end > start and text[end - 1] in _CLOSERS and not any(
        o in text[start:end - 1] for o, c in _QUOTE_PAIRS.items() if c == text[end - 1]
    ):
        end -= 1
    while start < end and text[start] in _QUOTE_PAIRS and _QUOTE_PAIRS[text[start]] not in text[start + 1:end]:
        start += 1
    return start, end


def _is_glued_typo(word: str) -> bool:
    """True for words like "Онтакже": not a name, but a function word glued to a known word."""
    if len(word) < 5 or not word[1:].islower() or " " in word or "-" in word:
        return False
    morph = models.morph()
    if any(p.is_known and any(t in p.tag for t in ("Name", "Surn", "Patr", "Geox", "Orgn")) for p in morph.parse(word)):
        return False
    low = word.lower()
    for prefix in _GLUE_PREFIXES:
        rest = low[len(prefix):]
        if low.startswith(prefix) and len(rest) >= 3 and morph.word_is_known(rest) and morph.word_is_known(prefix):
            return True
    return False


def _tokens(a: Analysis, start: int, end: int) -> list[Token]:
    i, j = a.token_range(start, end)
    return [t for t in a.tokens[i:j] if t.end <= end]


def _preceding_token(a: Analysis, start: int) -> Token | None:
    i, _ = a.token_range(start, start)
    if i == 0:
        return None
    tok = a.tokens[i - 1]
    between = a.text[tok.end:start]
    return tok if between.strip(" «\"„“") == "" and "\n" not in between else None


def _lemma(word: str) -> str:
    parses = models.morph().parse(word.lower())
    return parses[0].normal_form.replace("ё", "е") if parses else word.lower()


def _from_span(a: Analysis, span: NerSpan) -> list[_Mention]:
    text = a.text
    start, end = _repair_quotes(text, span.start, span.end)
    start, end = _trim(text, start, end)
    if end <= start or not any(ch.isalpha() for ch in text[start:end]):
        return []
    etype, subtype = span.type, ""
    prev = _preceding_token(a, start)
    if prev is not None and prev.text[:1].islower() and _lemma(prev.text) in lexicon.word_list("site_terms.txt"):
        start, etype, subtype = prev.start, "LOC", "site"
    elif prev is not None and etype == "ORG" and _lemma(prev.text) in lexicon.word_list("media_cues.txt"):
        subtype = "media"
    tokens = _tokens(a, start, end)
    if not tokens:
        return []
    surface = text[start:end]
    if key(surface) in lexicon.not_entities():
        return []
    if etype == "PER" and len(tokens) == 1 and span.lang != "en" and _is_glued_typo(surface):
        return []
    match = _ABBREV.match(surface)
    if match:  # "Организации Договора ... (ОДКБ)": the full name and its abbreviation
        main_end = start + match.end("main")
        abbr_start = start + match.start("abbr")
        first = _Mention(start, main_end, etype, span.lang, _tokens(a, start, main_end), subtype=subtype)
        second = _Mention(abbr_start, abbr_start + len(match["abbr"]), etype, span.lang,
                          _tokens(a, abbr_start, abbr_start + len(match["abbr"])), subtype=subtype)
        first.forced_with.append(second)
        return [first, second]
    return [_Mention(start, end, etype, span.lang, tokens, subtype=subtype)]


def _normalise(a: Analysis, m: _Mention) -> None:
    surface = a.text[m.start:m.end]
    if m.lang == "en":
        m.normal = re.sub(r"^(the|The)\s+", "", surface)
    else:
        sent = a.sentences[m.tokens[0].sent] if m.tokens and m.tokens[0].sent >= 0 else None
        context = a.tokens[sent.first_token:sent.last_token] if sent else []
        m.normal = normal_form(surface, m.tokens, m.start, m.type, context)
    m.known = lexicon.lookup(m.normal) or lexicon.lookup(surface)
    if m.known is not None:
        m.type = m.known.type
        m.subtype = m.subtype if m.subtype == "site" else m.known.subtype


class _Groups:
    """Union-find over mentions."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", name) if any(c.isalpha() for c in w)]


def _group(mentions: list[_Mention]) -> list[list[_Mention]]:
    groups = _Groups(len(mentions))
    index = {id(m): i for i, m in enumerate(mentions)}
    first_by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        k = ("K", m.known.name) if m.known else (m.type, key(m.normal))
        if k in first_by_key:
            groups.union(first_by_key[k], i)
        else:
            first_by_key[k] = i
        for other in m.forced_with:
            groups.union(i, index[id(other)])
    # Persons: a surname alone, or an English spelling, joins the nearest full name before it
    # (else after it) whose last word sounds the same.
    persons = [i for i, m in enumerate(mentions) if m.type == "PER"]
    for i in persons:
        words = _words(mentions[i].normal)
        if not words:
            continue
        last = skeleton(words[-1])
        candidates = [
            j for j in persons
            if j != i and len(_words(mentions[j].normal)) >= len(words)
            and skeleton(_words(mentions[j].normal)[-1]) == last
            and (len(words) == 1 or skeleton(mentions[j].normal) == skeleton(mentions[i].normal))
        ]
        if candidates:
            before = [j for j in candidates if j < i]
            groups.union(i, before[-1] if before else candidates[0])
    # Places and organisations written in another script: join by sound ("Kazakhstan" = "Казахстан").
    others = [i for i, m in enumerate(mentions) if m.type != "PER" and m.known is None]
    for i in others:
        for j in others:
            if j < i and mentions[j].lang != mentions[i].lang and mentions[j].type == mentions[i].type \
                    and len(skeleton(mentions[i].normal)) >= 4 \
                    and skeleton(mentions[j].normal) == skeleton(mentions[i].normal):
                groups.union(i, j)
                break
    by_root: dict[int, list[_Mention]] = {}
    for i, m in enumerate(mentions):
        by_root.setdefault(groups.find(i), []).append(m)
    return sorted(by_root.values(), key=lambda g: min(m.start for m in g))


def _canonical(group: list[_Mention], main_lang: str) -> tuple[str, str, str | None, str]:
    """(type, name, name_en, subtype) for one group of mentions."""
    known = next((m.known for m in group if m.known is not None), None)
    types = sorted(group, key=lambda m: (-sum(1 for x in group if x.type == m.type), _TYPE_PRIORITY[m.type]))
    etype = known.type if known else types[0].type
    subtypes = [m.subtype for m in group if m.subtype]
    subtype = "site" if "site" in subtypes else (subtypes[0] if subtypes else "")
    native = [m for m in group if (m.lang == main_lang) or (main_lang != "en" and m.lang != "en")] or group
    english = [m for m in group if m.lang == "en"]
    if known is not None:
        name, name_en = known.name, known.name_en
    else:
        name = max(native, key=lambda m: (len(_words(m.normal)), not m.normal.isupper(), len(m.normal))).normal
        if english:
            name_en = max(english, key=lambda m: len(_words(m.normal))).normal
        elif re.search(r"[а-яё]", name, re.IGNORECASE):
            name_en = transliterate(name)
        else:
            name_en = name
    if main_lang == "en" and known is None and english:
        name = name_en
    if etype == "LOC" and not subtype and re.search(r"(област|кра[йя]|округ|республик)", name, re.IGNORECASE):
        subtype = "region"
    return etype, name, name_en, subtype


def recognize(a: Analysis) -> None:
    """Fill ``a.entities`` from ``a.ner`` (needs the annotate stage)."""
    mentions: list[_Mention] = []
    for span in a.ner:
        mentions.extend(_from_span(a, span))
    # A repaired span may now cover another one ("площадь" + "Революции"): keep outermost spans.
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    flat: list[_Mention] = []
    for m in mentions:
        if flat and m.start < flat[-1].end:
            continue
        flat.append(m)
    for m in flat:
        _normalise(a, m)
    main_lang = a.main_language
    for n, group in enumerate(_group(flat), 1):
        etype, name, name_en, subtype = _canonical(group, main_lang)
        a.entities.append(Entity(
            id=f"E{n}",
            type=etype,  # type: ignore[arg-type]
            name=name,
            name_en=name_en,
            subtype=subtype or None,
            mentions=[Mention(start=m.start, end=m.end, text=a.text[m.start:m.end], normal=m.normal, lang=m.lang)
                      for m in sorted(group, key=lambda m: m.start)],
            geo=None,
        ))
