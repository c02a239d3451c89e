"""A faster inference path for Natasha's three slovnet models, with the same weights and outputs.

Stock slovnet spends most of its time around the arithmetic, not in it: per-token ``Record``
objects, a channel-major im2col copy, many small reshapes, a CRF Viterbi that calls numpy several
times per token per document, and padding every batch of eight sentences to the longest. Here:

* word and shape ids are looked up once per distinct word (cached for the process);
* navec's product-quantised vectors are gathered for a whole document at once (the codes stay
  quantised: a dequantised 250k x 300 table would cost 300 MB per worker);
* the morph tagger's and the NER tagger's shared input (words, ids, word vectors) is built once;
* the CNN is a time-major im2col plus one matrix product per layer, with bias, ReLU and batch
  norm applied in place, on sentences packed end to end (one zero row between sentences plays the
  part of both sentences' padding) instead of padded batches of eight;
* the CRF Viterbi makes two small numpy calls per token (back-pointers come after, in one go).

Exactness. Every elementwise step repeats stock's operations in stock's order, and every matrix
product has stock's operand layout, so each output number is computed the same way. The one
subtlety is BLAS: OpenBLAS sends small products (few rows; matrix-vector for one row) to kernels
that round differently from its general kernel, whose per-row results do not depend on the other
rows. So a stock batch small enough that any of its products could take such a kernel (fewer than
:data:`SAFE_ROWS` rows) is computed with stock's exact shapes; only larger batches are packed.
The NER tagger reads a whole document as one sequence in stock too, so its shapes are stock's.
The syntax parser (a few sentences per document) keeps stock's batches, so its shapes are stock's.
That holds on OpenBLAS's SkylakeX kernels (:data:`EXACT_BLAS_CORES`); on its Haswell kernels tags differ from
stock's only at near-ties (see there).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

F32 = np.float32
#: slovnet's batch size (natasha's taggers keep the default): the unit whose shapes stock
#: inference hands to BLAS.
STOCK_BATCH = 8
#: A stock batch of at least this many rows (sentences x longest sentence) gives OpenBLAS's
#: general kernel for every encoder product (and the morph head's). Measured on OpenBLAS 0.3.31
#: (SkylakeX kernels): one row goes to matrix-vector code, and a small-matrix kernel takes up to
#: rows x filters <= 1200, i.e. 18 rows for the narrowest layer (64 filters); 64 leaves a margin.
SAFE_ROWS = 64
#: Rows per block when a long sequence runs through the CNN (its im2col then fits in cache).
BLOCK = 512
#: Words whose ids are cached per process before the cache is emptied (memory stays bounded).
WORD_CACHE = 200_000
#: Set to 1 to run stock natasha/slovnet instead (for comparison and as an escape hatch).
STOCK_ENV = "SVODKA_STOCK_SLOVNET"

IntArray = np.ndarray[Any, np.dtype[np.intp]]
FloatArray = np.ndarray[Any, np.dtype[np.float32]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]


#: OpenBLAS kernel sets on which the packed products were measured to equal stock's bit for bit. On others
#: (Haswell kernels, which OpenBLAS also picks on AMD Zen CPUs) a packed row can sit at another place in a
#: micro-kernel's tile than in stock's batch and round differently in the last bit: tags then match stock's
#: except at near-ties (bench/fastnlp.py on 300 documents, Haswell kernels: morph and NER 0 differences,
#: syntax 12 of 80,640 tokens).
EXACT_BLAS_CORES = frozenset({"skylakex"})


@cache
def blas_core() -> str | None:
    """The kernel set numpy's OpenBLAS chose for this CPU ("skylakex", "haswell" ...), lower case; None when
    numpy's BLAS is not the bundled OpenBLAS or does not say."""
    import ctypes
    import glob

    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "*openblas*"))
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename64_",
                     "openblas_get_corename"):
            get = getattr(lib, name, None)
            if get is not None:
                get.restype = ctypes.c_char_p
                core = get()
                return core.decode().strip().lower() if core else None
    return None


def use_stock() -> bool:
    """True when ``SVODKA_STOCK_SLOVNET=1``: callers then run stock natasha."""
    return os.environ.get(STOCK_ENV, "") == "1"


@dataclass(frozen=True)
class _Layer:
    """One CNN layer: conv (k=3, pad=1) -> ReLU -> BatchNorm, arrays taken from slovnet."""

    weight_t: FloatArray  # (in*3, filters), the same transposed view stock multiplies by
    bias: FloatArray
    mean: FloatArray
    std: FloatArray
    scale: FloatArray
    shift: FloatArray

    @property
    def filters(self) -> int:
        return int(self.weight_t.shape[1])


class _CNN:
    """Shape embedding + CNN encoder of one slovnet model, on padded time-major batches.

    A batch is ``x`` of shape (B, L + 2, C) whose first and last rows are zero; ``pad`` (B, L)
    marks positions that are not tokens (stock's padding, or a separator between packed
    sentences): they are zeroed after every layer, exactly as stock does.
    """

    def __init__(self, model: Any) -> None:
        self.shapes: FloatArray = model.emb.shape.weight.array
        self.layers: list[_Layer] = []
        for layer in model.encoder.layers:
            conv = layer.conv
            filters, in_dim, kernel = conv.weight.shape
            if kernel != 3 or conv.padding != 1:
                raise ValueError(f"unexpected slovnet conv: kernel {kernel}, padding {conv.padding}")
            norm = layer.norm
            self.layers.append(_Layer(
                conv.weight.array.reshape(filters, in_dim * kernel).T, conv.bias.array,
                norm.mean.array, norm.std.array, norm.weight.array, norm.bias.array))

    def input(self, vectors: FloatArray, shape_ids: IntArray, batch: int, length: int,
              rows: IntArray) -> FloatArray:
        """The first layer's padded input: token k's word and shape vectors at flat row ``rows[k]``
        of a (batch, length + 2) grid; every other row is zero (pad embeddings are zero in stock)."""
        word_dim = vectors.shape[1]
        x = np.zeros((batch * (length + 2), word_dim + self.shapes.shape[1]), F32)
        x[rows, :word_dim] = vectors
        x[rows, word_dim:] = self.shapes[shape_ids]
        return x.reshape(batch, length + 2, -1)

    def __call__(self, x: FloatArray, pad: BoolArray | None) -> FloatArray:
        """Encoder output (B, L, filters) for the padded input ``x`` (B, L + 2, C)."""
        batch, length = x.shape[0], x.shape[1] - 2
        # One sequence runs in blocks of BLOCK..2*BLOCK-1 rows so that a layer's im2col stays in
        # cache; such a block is a large product, like stock's one product over the sequence.
        blocks = max(1, length // BLOCK) if batch == 1 else 1
        bounds = [(k * BLOCK, (k + 1) * BLOCK) for k in range(blocks - 1)] + [((blocks - 1) * BLOCK, length)]
        rows = bounds[-1][1] - bounds[-1][0]
        out = x[:, 1:-1]
        for layer in self.layers:
            dim, filters = x.shape[2], layer.filters
            nxt = np.empty((batch, length + 2, filters), F32)
            nxt[:, 0] = 0
            nxt[:, -1] = 0
            cols = np.empty((batch, rows, dim, 3), F32)
            for lo, hi in bounds:
                m = hi - lo
                window = cols[:, :m]
                # window[b, t, c, k] = x[b, lo + t + k, c]: stock's (channel, offset) column order,
                # so each dot product adds the same terms in the same order.
                for k in range(3):
                    window[..., k] = x[:, lo + k:lo + k + m]
                # one sequence: straight into the next layer's input (contiguous rows)
                y = np.matmul(window.reshape(batch * m, dim * 3), layer.weight_t,
                              out=nxt[0, 1 + lo:1 + hi] if batch == 1 else None)
                y += layer.bias
                np.clip(y, 0, None, out=y)  # stock: input.clip(0)
                y -= layer.mean  # stock: (x - mean) / std * weight + bias
                y /= layer.std
                y *= layer.scale
                y += layer.shift
                if batch > 1:
                    nxt[:, 1:-1] = y.reshape(batch, m, filters)
            out = nxt[:, 1:-1]
            if pad is not None:
                out[pad] = 0
            x = nxt
        return out


class _Words:
    """Word and shape ids (shared by the three models: they have the same vocabularies) and
    navec's quantised word vectors, gathered for many tokens at once."""

    def __init__(self, encoder: Any, navec: Any) -> None:
        from slovnet.shape import word_shape

        self._word_shape = word_shape
        self._words: dict[str, int] = encoder.words_vocab.item_ids
        self._unk: int = encoder.words_vocab.unk_id
        self._shapes: dict[str, int] = encoder.shapes_vocab.item_ids
        self._cache: dict[str, tuple[int, int]] = {}
        indexes = navec.indexes.array  # (words, subspaces) uint8 centroid numbers
        codes = np.ascontiguousarray(navec.codes.array)  # (subspaces, centroids, chunk)
        subspaces, centroids, chunk = codes.shape
        self._indexes = indexes
        # One (subspace, centroid) code as one opaque 12-byte item: a gather copies whole chunks.
        self._codes = codes.reshape(subspaces * centroids, chunk).view(np.dtype((np.void, 4 * chunk))).ravel()
        self._offsets = np.arange(subspaces, dtype=np.intp) * centroids
        self.dim = subspaces * chunk

    def _add(self, word: str) -> tuple[int, int]:
        if len(self._cache) >= WORD_CACHE:
            self._cache.clear()
        ids = (self._words.get(word.lower(), self._unk), self._shapes[self._word_shape(word)])
        self._cache[word] = ids
        return ids

    def ids(self, words: Sequence[str]) -> tuple[IntArray, IntArray]:
        """Word ids and shape ids, as stock's ``WordShapeEncoder.item`` computes them."""
        cache, add = self._cache, self._add
        pairs = [cache.get(w) or add(w) for w in words]
        arr = np.array(pairs, dtype=np.intp).reshape(-1, 2)
        return arr[:, 0], arr[:, 1]

    def vectors(self, word_ids: IntArray) -> FloatArray:
        """Navec vectors (n, 300): subspace q of word w is ``codes[q, indexes[w, q]]``."""
        idx = self._indexes[word_ids].astype(np.intp)
        idx += self._offsets
        return self._codes[idx].view(F32).reshape(len(word_ids), self.dim)


def _split_tag(tag: str) -> tuple[str, dict[str, str]]:
    """A CoNLL tag ``POS|A=b|C=d`` as slovnet's ``parse_conll_tag`` reads it."""
    if "|" not in tag:
        return tag, {}
    pos, feats = tag.split("|", 1)
    return pos, dict(item.split("=", 1) for item in feats.split("|"))


def _bio_spans(tags: Sequence[int], parts: Sequence[tuple[str, str | None]]) -> list[tuple[int, int, str]]:
    """Token spans [i, j) from BIO tag ids, as slovnet's ``bio_spans`` reads them: an I tag
    extends the open span whatever its type; any other tag (``<pad>``) changes nothing."""
    spans: list[tuple[int, int, str]] = []
    kind: str | None = None
    first = last = 0
    for i, tag in enumerate(tags):
        part, typ = parts[tag]
        if part == "O":
            if kind is not None:
                spans.append((first, last, kind))
                kind = None
        elif part == "B":
            if kind is not None:
                spans.append((first, last, kind))
            kind, first, last = typ, i, i + 1
        elif part == "I":
            last = i + 1
    if kind is not None:
        spans.append((first, last, kind))
    return spans


def viterbi(emissions: FloatArray, transitions: FloatArray) -> list[int]:
    """The best tag path of one sequence, as slovnet's ``CRF.decode`` finds it: the same float32
    scores and the first maximum on ties, without its per-step overhead.

    Stock's step is ``score'[j] = max_i ((score[i] + transitions[i, j]) + emissions[t, j])``.
    Rounding is monotonic, so adding ``emissions[t, j]`` after the max gives the same float32
    number with one 8-vector addition instead of an 8x8 one. Back-pointers, which need stock's
    full sums and its tie-breaking, are computed afterwards for all steps at once."""
    n, tags = emissions.shape
    if n == 0:
        return []
    turned = np.ascontiguousarray(transitions.T)
    buf = np.empty((tags, tags), F32)
    add, maximum = np.add, np.maximum.reduce
    score = emissions[0]
    history = [score]
    for emission in emissions[1:]:
        add(score, turned, out=buf)  # buf[j, i] = score[i] + transitions[i, j]
        score = add(maximum(buf, 1), emission)
        history.append(score)
    scores = np.array(history)
    back = ((scores[:-1, :, None] + transitions) + emissions[1:, None, :]).argmax(1).tolist()
    tag = int(scores[-1].argmax())
    path = [tag]
    for t in range(n - 2, -1, -1):
        tag = back[t][tag]
        path.append(tag)
    path.reverse()
    return path


@dataclass
class _Encoded:
    """Encoder states of stock's batches: small ones on stock's padded grid, large ones packed."""

    padded: list[FloatArray | None]  # per batch: (sentences, longest, dim), or None (packed or empty)
    packed: list[int]  # the batches that ran packed, in order
    tokens: IntArray  # their tokens, in order
    states: FloatArray  # (tokens, dim)


class FastNatasha:
    """Natasha's morph tagger, NER tagger and syntax parser on the arrays natasha has loaded."""

    def __init__(self, morph_tagger: Any, ner_tagger: Any, syntax_parser: Any) -> None:
        morph, ner, syntax = (m.infer.model for m in (morph_tagger, ner_tagger, syntax_parser))
        encoders = [m.infer.encoder for m in (morph_tagger, ner_tagger, syntax_parser)]
        if any(e.words_vocab.items != encoders[0].words_vocab.items
               or e.shapes_vocab.items != encoders[0].shapes_vocab.items for e in encoders[1:]):
            raise ValueError("natasha's models do not share their vocabularies")
        if any(m.emb.word.codes.array is not morph.emb.word.codes.array for m in (ner, syntax)):
            raise ValueError("natasha's models do not share one navec embedding")
        self.words = _Words(encoders[0], morph.emb.word)
        self._morph = _CNN(morph)
        self._morph_proj = (morph.head.proj.weight.array, morph.head.proj.bias.array)
        #: (pos, feats) for each morph tag id; callers copy ``feats`` before changing it.
        self.morph_tags = [_split_tag(t) for t in morph_tagger.infer.decoder.tags_vocab.items]
        self._ner = _CNN(ner)
        self._ner_proj = (ner.head.proj.weight.array, ner.head.proj.bias.array)
        self._transitions = ner.head.crf.transitions.array
        ner_tags = ner_tagger.infer.decoder.tags_vocab.items
        self._ner_parts = [(t.split("-", 1)[0], t.split("-", 1)[1]) if "-" in t else (t, None) for t in ner_tags]
        self._syntax_model = syntax
        self._syntax = _CNN(syntax)
        self.rels: list[str] = syntax_parser.infer.decoder.rels_vocab.items

    # --- morph + NER over one document -----------------------------------------------------

    def tag(self, words: Sequence[str], sentences: Sequence[tuple[int, int]],
            ner: bool = True) -> tuple[IntArray, list[tuple[int, int, str]]]:
        """Morph tag ids for the tokens of ``sentences`` (token ranges [lo, hi) of ``words``, in
        order; other tokens get -1) and NER spans over the whole of ``words`` as token ranges
        [i, j) with a type. Natasha tags morphology sentence by sentence and reads a whole
        document as one NER sequence; so does this, sharing the input of both."""
        word_ids, shape_ids = self.words.ids(words)
        vectors = self.words.vectors(word_ids)
        morph = self._tag_morph(vectors, shape_ids, sentences, len(words))
        spans = self._tag_ner(vectors, shape_ids) if ner and len(words) else []
        return morph, spans

    def morph(self, words: Sequence[str], sentences: Sequence[tuple[int, int]]) -> IntArray:
        """Morph tag ids alone (see :meth:`tag`)."""
        word_ids, shape_ids = self.words.ids(words)
        return self._tag_morph(self.words.vectors(word_ids), shape_ids, sentences, len(words))

    def ner(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """NER spans alone (see :meth:`tag`)."""
        if not len(words):
            return []
        word_ids, shape_ids = self.words.ids(words)
        return self._tag_ner(self.words.vectors(word_ids), shape_ids)

    def _tag_ner(self, vectors: FloatArray, shape_ids: IntArray) -> list[tuple[int, int, str]]:
        emissions = self._ner_emissions(vectors, shape_ids)
        return _bio_spans(viterbi(emissions, self._transitions), self._ner_parts)

    def _ner_emissions(self, vectors: FloatArray, shape_ids: IntArray) -> FloatArray:
        """CRF emissions (tokens, tags) of one sequence: stock's shapes (one batch of one)."""
        n = len(vectors)
        x = self._ner.input(vectors, shape_ids, 1, n, np.arange(1, n + 1))
        out = self._ner(x, None)
        weight, bias = self._ner_proj
        return np.matmul(out.reshape(-1, out.shape[-1]), weight) + bias

    def _tag_morph(self, vectors: FloatArray, shape_ids: IntArray, sentences: Sequence[tuple[int, int]],
                   n: int) -> IntArray:
        tags = np.full(n, -1, np.intp)
        for tokens, logits in self._morph_logits(vectors, shape_ids, sentences):
            tags[tokens] = logits.argmax(-1)
        return tags

    def _morph_logits(self, vectors: FloatArray, shape_ids: IntArray,
                      sentences: Sequence[tuple[int, int]]) -> list[tuple[IntArray, FloatArray]]:
        """(tokens, their tag scores) in pieces: stock's Linear head, on each small batch's padded
        grid (stock's shapes) and on the packed tokens (at least 8 rows: the general kernel, as
        for stock's large padded batches)."""
        weight, bias = self._morph_proj
        batches = _stock_batches(sentences)
        enc = self._encode(self._morph, vectors, shape_ids, batches)
        pieces = []
        for batch, out in zip(batches, enc.padded, strict=True):
            if out is not None:
                logits = np.matmul(out.reshape(-1, out.shape[-1]), weight) + bias
                tokens, pos = _padded_positions(batch, out.shape[1])
                pieces.append((tokens, logits[pos]))
        if len(enc.tokens):
            pieces.append((enc.tokens, np.matmul(enc.states, weight) + bias))
        return pieces

    def _encode(self, cnn: _CNN, vectors: FloatArray, shape_ids: IntArray,
                batches: Sequence[Sequence[tuple[int, int]]]) -> _Encoded:
        """Encoder states of the sentences of stock's ``batches``. Batches of at least SAFE_ROWS
        rows run packed end to end in one sequence (no padding); smaller ones with stock's shapes."""
        large = [k for k, batch in enumerate(batches) if len(batch) * _longest(batch) >= SAFE_ROWS]
        packed = [span for k in large for span in batches[k]]
        # The packed sequence must be large too (stock's batches were, but packing drops padding).
        if sum(hi - lo + 1 for lo, hi in packed) - 1 < SAFE_ROWS:
            large, packed = [], []
        enc = _Encoded([None] * len(batches), large, np.zeros(0, np.intp), np.zeros((0, 0), F32))
        for k, batch in enumerate(batches):
            longest = _longest(batch)
            if longest and k not in large:  # stock's own shapes, so that BLAS picks stock's kernels
                tokens, pos = _padded_positions(batch, longest)
                pad = np.ones((len(batch), longest), np.bool_)
                pad.reshape(-1)[pos] = False
                rows = pos + 2 * (pos // longest) + 1  # the same grid with a zero row on each side
                x = cnn.input(vectors[tokens], shape_ids[tokens], len(batch), longest, rows)
                enc.padded[k] = cnn(x, pad)
        if packed:
            # one sequence: sentences end to end, one zero separator row between them
            lengths = np.array([hi - lo for lo, hi in packed], np.intp)
            tokens = np.concatenate([np.arange(lo, hi, dtype=np.intp) for lo, hi in packed])
            starts = np.cumsum(lengths + 1) - lengths - 1
            pos = np.arange(len(tokens), dtype=np.intp) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
            size = int(lengths.sum()) + len(packed) - 1
            pad = np.ones((1, size), np.bool_)
            pad[0, pos] = False
            x = cnn.input(vectors[tokens], shape_ids[tokens], 1, size, pos + 1)
            enc.tokens, enc.states = tokens, cnn(x, pad)[0][pos]
        return enc

    def _padded(self, batches: Sequence[Sequence[tuple[int, int]]], enc: _Encoded) -> list[FloatArray | None]:
        """Every batch's encoder states on stock's padded grid (sentences, longest, dim), zero at
        pads, packed ones included; None for a batch without tokens."""
        padded = list(enc.padded)
        done = 0
        for k in enc.packed:
            batch = batches[k]
            count = sum(hi - lo for lo, hi in batch)
            longest = _longest(batch)
            out = np.zeros((len(batch), longest, enc.states.shape[1]), F32)
            out.reshape(-1, enc.states.shape[1])[_padded_positions(batch, longest)[1]] = enc.states[done:done + count]
            padded[k] = out
            done += count
        return padded

    # --- syntax --------------------------------------------------------------------------------

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[int], list[str]]]:
        """Heads (1-based, 0 for the root) and relations per sentence, as natasha's
        ``NewsSyntaxParser.map`` gives them. The heads run on stock's padded batches of eight,
        with stock's own modules (they are small next to the encoder)."""
        words = [w for s in sentences for w in s]
        ranges: list[tuple[int, int]] = []
        for s in sentences:
            start = ranges[-1][1] if ranges else 0
            ranges.append((start, start + len(s)))
        word_ids, shape_ids = self.words.ids(words)
        vectors = self.words.vectors(word_ids)
        batches = _stock_batches(ranges)
        model, rels = self._syntax_model, self.rels
        results: list[tuple[list[int], list[str]]] = []
        enc = self._encode(self._syntax, vectors, shape_ids, batches)
        for batch, out in zip(batches, self._padded(batches, enc), strict=True):
            if out is None:
                results.extend(([], []) for _ in batch)
                continue
            mask = np.arange(out.shape[1])[None, :] < np.array([hi - lo for lo, hi in batch])[:, None]
            head_ids = model.head.decode(model.head(out), mask)
            rel_ids = model.rel.decode(model.rel(out, head_ids), mask)
            for k, (lo, hi) in enumerate(batch):
                results.append((head_ids[k, :hi - lo].tolist(), [rels[r] for r in rel_ids[k, :hi - lo].tolist()]))
        return results


def _stock_batches(sentences: Sequence[tuple[int, int]]) -> list[Sequence[tuple[int, int]]]:
    """Sentences cut as slovnet cuts them: consecutive chunks of STOCK_BATCH."""
    return [sentences[b:b + STOCK_BATCH] for b in range(0, len(sentences), STOCK_BATCH)]


def _longest(batch: Sequence[tuple[int, int]]) -> int:
    return max(hi - lo for lo, hi in batch)


def _padded_positions(batch: Sequence[tuple[int, int]], longest: int) -> tuple[IntArray, IntArray]:
    """The tokens of ``batch`` and their flat positions in its padded (sentences, longest) grid."""
    lengths = np.array([hi - lo for lo, hi in batch], np.intp)
    tokens = np.concatenate([np.arange(lo, hi, dtype=np.intp) for lo, hi in batch])
    sent_of = np.repeat(np.arange(len(batch), dtype=np.intp), lengths)
    within = np.arange(len(tokens), dtype=np.intp) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return tokens, sent_of * longest + within


def segment(text: str) -> tuple[list[Any], list[Any], list[tuple[int, int]]]:
    """razdel's tokens and sentences of ``text``, and each sentence's token range [lo, hi),
    grouped as natasha's ``Doc.segment`` groups them: a token that straddles a sentence end
    belongs to no sentence. Tokens and sentences have ``start``, ``stop`` and ``text``."""
    from razdel import sentenize, tokenize

    tokens = list(tokenize(text))
    sents = list(sentenize(text)) if text else []
    ranges: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    for sent in sents:
        while i < n and tokens[i].start < sent.start:
            i += 1
        lo = i
        while i < n and tokens[i].stop <= sent.stop:
            i += 1
        ranges.append((lo, i))
    return tokens, sents, ranges


@cache
def models() -> FastNatasha:
    """The fast path over :func:`svodka.models.natasha`'s loaded models (no second copy of weights)."""
    from svodka import models as loaded

    nat = loaded.natasha()
    return FastNatasha(nat.morph_tagger, nat.ner_tagger, nat.syntax_parser)
