"""Fuzz the byte decoder and the text cleaner of ``svodka.read``.

``decode_bytes`` either returns text or raises ``ValueError`` (binary data), nothing else; the text
``clean_text`` makes from it has no CR and no control characters but tab and LF, and cleaning it
again changes nothing. Run: ``python tests/fuzz/fuzz_decode.py -runs=20000 [corpus dir]``.
"""

from __future__ import annotations

import codecs
import re
import sys

import atheris

SEEDS = [
    "date 2022-01-06\nВ Казахстане идут протесты.\r\n".encode(),
    "Протесты в Алма-Ате".encode("cp1251"),
    "Протесты в Алма-Ате".encode("koi8-r"),
    "Протесты в Алма-Ате".encode("cp866"),
    codecs.BOM_UTF16_LE + "Текст".encode("utf-16-le"),
    codecs.BOM_UTF8 + b"text\x00\x00",
    b"\x89PNG\r\n\x1a\n\x00\x00",
    "смешанный \xff текст".encode() + b"\xff",
]
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_one_input(data: bytes) -> None:
    try:
        text, encoding = read.decode_bytes(data)
    except ValueError:
        return
    assert isinstance(text, str) and encoding, encoding
    clean = read.clean_text(text)
    assert not _CONTROLS.search(clean), repr(clean)
    assert read.clean_text(clean) == clean


if __name__ == "__main__":
    with atheris.instrument_imports(include=["svodka"]):
        from svodka import read
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
