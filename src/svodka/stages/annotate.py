"""Tokens, sentences, morphology and model NER: computed once, shared by every later stage.

Russian-script spans go through Natasha (segmenter, morph tagger, NER tagger); English spans
through spaCy's small English pipeline. Long spans are cut at paragraph boundaries into chunks
so that a huge document never becomes one giant model call (memory stays flat).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from svodka import fastnlp, models
from svodka.analysis import Analysis, NerSpan, Sentence, Token

#: Languages Natasha reads (its models are Russian, but they tolerate close Cyrillic text).
CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "kk"})
#: Languages for which spaCy's English model gives useful entities.
ENGLISH_LANGS = frozenset({"en"})
#: Upper bound of one model call, in characters; cut at a paragraph, else a sentence end.
CHUNK_CHARS = 20_000

_SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_BREAK = re.compile(r"\n\s*\n|\n|(?<=[.!?…])\s+")


#: Lower-case abbreviations that a full stop may join to a capitalised name ("пос.Иваново", "просп.Мира").
_ABBREVIATIONS = frozenset({
    "пос", "дер", "обл", "просп", "пер", "наб", "корп", "стр", "тыс", "млн", "млрд", "руб", "долл", "коп", "проф",
    "акад", "доц", "канд", "англ", "нем", "франц", "лат", "греч", "тел", "напр", "гос", "сокр", "род", "гор", "респ",
    "окр", "мкр", "ген", "полк", "подп", "лейт"})
_CAPITALISED = re.compile(r"[А-ЯЁ][а-яё]")


def _glued_end(tokens: list[Token], first: int, nxt: str, nxt_start: int) -> bool:
    """A sentence end with no space after it ("году.Они", "в эфире «Россия 24».Она добавила"), which razdel keeps
    inside one sentence. Only after a lower-case word or a closing quote, so that initials ("А.С.Пушкин"),
    abbreviations ("пос.Иваново") and names with a dot ("Яндекс.Новости", "Кавказ.Реалии") stay whole."""
    if len(tokens) - first < 2:
        return False
    stop, prev = tokens[-1], tokens[-2]
    if stop.text not in (".", "!", "?") or stop.end != nxt_start or prev.end != stop.start \
            or not _CAPITALISED.match(nxt):
        return False
    word = prev.text
    return word in ('"', "»", ")") or (len(word) >= 3 and word.isalpha() and word.islower()
                                        and word not in _ABBREVIATIONS)


def chunks(text: str, start: int, end: int, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """Cut [start, end) into pieces of at most ``limit`` chars at the best break before it."""
    while end - start > limit:
        window = text[start : start + limit]
        cut = -1
        for pattern in (r"\n\s*\n", r"\n", r"(?<=[.!?…])\s+", r"\s+"):
            found = [m.end() for m in re.finditer(pattern, window)]
            if found and found[-1] > limit // 4:
                cut = found[-1]
                break
        if cut <= 0:
            cut = limit
        yield start, start + cut
        start += cut
    if end > start:
        yield start, end


def _annotate_russian(a: Analysis, start: int, end: int, lang: str) -> None:
    """Natasha's segmentation, morphology and NER, through :mod:`svodka.fastnlp` (same models,
    same outputs, 2.3-3x faster per model); ``SVODKA_STOCK_SLOVNET=1`` runs stock natasha."""
    if fastnlp.use_stock():
        _annotate_russian_stock(a, start, end, lang)
        return
    text = a.text
    chunk = text[start:end]
    toks, sents, ranges = fastnlp.segment(chunk)
    fast = fastnlp.models()
    tag_ids, spans = fast.tag([t.text for t in toks], ranges, ner=bool(chunk.strip()))
    tags, ids = fast.morph_tags, tag_ids.tolist()
    tokens = a.tokens
    base = len(tokens)
    index_of: dict[int, int] = {}  # chunk token -> index in a.tokens
    for sent, (lo, hi) in zip(sents, ranges, strict=True):
        s = Sentence(start + sent.start, start + sent.stop, lang, first_token=len(tokens))
        for k in range(lo, hi):
            tok = toks[k]
            # razdel does not end a sentence at a line break without punctuation ("Заголовок\n\nТекст"):
            # a title or a list item is a sentence of its own. Nor after a full stop with no space ("году.Они").
            if len(tokens) > s.first_token and ("\n" in text[tokens[-1].end:start + tok.start]
                                               or _glued_end(tokens, s.first_token, tok.text, start + tok.start)):
                s.end, s.last_token = tokens[-1].end, len(tokens)
                a.sentences.append(s)
                s = Sentence(start + tok.start, start + sent.stop, lang, first_token=len(tokens))
            index_of[k] = len(tokens)
            pos, feats = tags[ids[k]]
            tokens.append(Token(start + tok.start, start + tok.stop, tok.text, lang, pos, dict(feats),
                                len(a.sentences)))
        s.last_token = len(tokens)
        a.sentences.append(s)
    for i, j, kind in spans:
        first = index_of.get(i, base)
        a.ner.append(NerSpan(start + toks[i].start, start + toks[j - 1].stop, kind, lang,
                             first, first + j - i, "natasha"))


def _annotate_russian_stock(a: Analysis, start: int, end: int, lang: str) -> None:
    from natasha import Doc

    nat = models.natasha()
    doc = Doc(a.text[start:end])
    doc.segment(nat.segmenter)
    doc.tag_morph(nat.morph_tagger)
    doc.tag_ner(nat.ner_tagger)
    base = len(a.tokens)
    index_of: dict[int, int] = {}
    text = a.text
    for sent in doc.sents:
        s = Sentence(start + sent.start, start + sent.stop, lang, first_token=len(a.tokens))
        for tok in sent.tokens:
            # razdel does not end a sentence at a line break without punctuation ("Заголовок\n\nТекст"):
            # a title or a list item is a sentence of its own.
            if len(a.tokens) > s.first_token and ("\n" in text[a.tokens[-1].end:start + tok.start]
                                                 or _glued_end(a.tokens, s.first_token, tok.text, start + tok.start)):
                s.end, s.last_token = a.tokens[-1].end, len(a.tokens)
                a.sentences.append(s)
                s = Sentence(start + tok.start, start + sent.stop, lang, first_token=len(a.tokens))
            index_of[tok.start] = len(a.tokens)
            a.tokens.append(
                Token(start + tok.start, start + tok.stop, tok.text, lang, tok.pos or "",
                      dict(tok.feats or {}), len(a.sentences))
            )
        s.last_token = len(a.tokens)
        a.sentences.append(s)
    for span in doc.spans:
        i = index_of.get(span.tokens[0].start, base)
        a.ner.append(NerSpan(start + span.start, start + span.stop, span.type, lang,
                             i, i + len(span.tokens), "natasha"))


def _annotate_english(a: Analysis, start: int, end: int, lang: str) -> None:
    doc = models.spacy_en()(a.text[start:end])
    base = len(a.tokens)
    for sent in doc.sents:
        s = Sentence(start + sent.start_char, start + sent.end_char, lang, first_token=len(a.tokens))
        for tok in sent:
            if tok.is_space:
                continue
            a.tokens.append(Token(start + tok.idx, start + tok.idx + len(tok.text), tok.text, lang,
                                  tok.pos_, dict(tok.morph.to_dict()), len(a.sentences)))
        s.last_token = len(a.tokens)
        if s.last_token > s.first_token:
            a.sentences.append(s)
    if lang not in ENGLISH_LANGS:
        return
    starts = {t.start: k for k, t in enumerate(a.tokens[base:], base)}
    for ent in doc.ents:
        etype = _SPACY_TYPES.get(ent.label_)
        if etype is None:
            continue
        first = ent[0]
        while first.is_space and first.i < ent.end - 1:
            first = doc[first.i + 1]
        i = starts.get(start + first.idx)
        if i is None:
            continue
        ntok = sum(1 for t in ent if not t.is_space)
        a.ner.append(NerSpan(start + ent.start_char, start + ent.end_char, etype, lang,
                             i, i + ntok, "spacy"))


def parse_syntax(a: Analysis, sentence_ids: list[int]) -> None:
    """Dependency-parse only the given Russian sentences (parsing everything costs as much as
    NER again; events need it only where a trigger word occurs). Idempotent."""
    todo = [i for i in sentence_ids if not a.sentences[i].parsed and a.sentences[i].lang in CYRILLIC_LANGS]
    if not todo:
        return
    words = [[t.text for t in a.tokens[a.sentences[i].first_token:a.sentences[i].last_token]] for i in todo]
    if fastnlp.use_stock():
        parsed = [([int(tok.head_id) for tok in markup.tokens], [tok.rel for tok in markup.tokens])
                  for markup in models.natasha().syntax_parser.map(words)]
    else:
        parsed = fastnlp.models().parse(words)
    for i, (heads, rels) in zip(todo, parsed, strict=True):
        sent = a.sentences[i]
        sent.parsed = True
        for k, (head, rel) in enumerate(zip(heads, rels, strict=True)):
            token = a.tokens[sent.first_token + k]
            token.head = sent.first_token + head - 1 if head > 0 else -1
            token.rel = rel


def annotate(a: Analysis) -> None:
    """Fill ``tokens``, ``sentences`` and ``ner`` for every language span of the document."""
    for span in a.languages:
        for lo, hi in chunks(a.text, span.start, span.end):
            if span.lang in CYRILLIC_LANGS:
                _annotate_russian(a, lo, hi, span.lang)
            else:
                _annotate_english(a, lo, hi, span.lang)
