"""Fuzz ``svodka.read.parse_date``: it returns a normalised date with its precision, which parses back to
itself, or raises ``ValueError`` saying what is wrong; nothing else.
Run: ``python tests/fuzz/fuzz_date.py -runs=20000 [corpus dir]``.
"""

from __future__ import annotations

import sys

import atheris

SEEDS = [b"2022", b"2022-01", b"2022-02-29", b"2024-02-29T23:59:59.123+05:30", b"2022-01-06 10:30Z",
         b"2022-13", b"0000-01-01", b"9999-12-31T00:00-23:59", b" 2022-01-06t01:02:03,5z "]
PRECISIONS = {"year", "month", "day", "minute"}


def test_one_input(data: bytes) -> None:
    value = data.decode("utf-8", "replace")
    try:
        normal, precision = read.parse_date(value)
    except ValueError as err:
        assert str(err).startswith("invalid date"), err
        return
    assert precision in PRECISIONS, precision
    assert read.parse_date(normal) == (normal, precision), normal


if __name__ == "__main__":
    with atheris.instrument_imports(include=["svodka"]):
        from svodka import read
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
