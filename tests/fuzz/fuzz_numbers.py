"""Fuzz the number parser (``svodka.numbers``): ``parse_words`` and ``parse_digits`` never raise and give
a finite, non-negative number or ``None``, ``combine`` (under ``parse_words``'s catch-all) raises on no
sequence of number words, and a number written out by ``to_words`` parses back.

Inputs are sequences of the parser's own number words (every form in ``figures_numbers.tsv``), digits in
several groupings, separators and arbitrary text, so that the fuzzer spends its time on number syntax.
Run: ``python tests/fuzz/fuzz_numbers.py -runs=20000 [corpus dir]``.
"""

from __future__ import annotations

import math
import sys

import atheris

SEEDS = [b"\x05\x01\x02\x03\x04\x05\x06", b"\x10" * 20, b"\x03\x00\x7f\x80\x81\xff", b"\xff" * 40,
         "более тысячи".encode(), "двести тридцать пять тысяч сто один".encode(), "١٢٣".encode()]
_SEPARATORS = [" ", "  ", "-", ",", ".", "\u00a0", "\u202f", "\n", ""]
_DIGITS = ["0", "1", "62", "1 000", "1,000", "1,5", "10,000,000", "1.5", "9" * 40, "١٢٣", "007", "1 00"]


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    lang = fdp.PickValueInList(["ru", "en"])
    n = fdp.ConsumeIntInRange(1, 999_999)
    parts: list[str] = []
    for _ in range(fdp.ConsumeIntInRange(0, 14)):
        kind = fdp.ConsumeIntInRange(0, 3)
        if kind == 0:
            parts.append(fdp.PickValueInList(WORDS))
        elif kind == 1:
            parts.append(fdp.PickValueInList(_DIGITS))
        elif kind == 2:
            parts.append(fdp.ConsumeUnicodeNoSurrogates(8))
        else:
            parts.append(str(fdp.ConsumeInt(4)))
        parts.append(fdp.PickValueInList(_SEPARATORS))
    text = "".join(parts)
    for value in (numbers.parse_words(text, lang), numbers.parse_digits(text, lang)):
        assert value is None or (isinstance(value, float) and math.isfinite(value) and value >= 0), (text, value)
    # ``parse_words`` turns any exception into None; ``combine`` under it must not need that.
    found = [numbers.lookup(word) for word in text.split()]
    value = numbers.combine([(w.value, w.cls) for w in found if w is not None])
    assert value is None or math.isfinite(value), value
    assert numbers.parse_words(numbers.to_words(n)) == n, n


if __name__ == "__main__":
    with atheris.instrument_imports(include=["svodka"]):
        from svodka import numbers
    WORDS = sorted(numbers.number_words())
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
