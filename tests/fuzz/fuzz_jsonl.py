"""Fuzz the JSONL reader of ``svodka.read``: one line (``_parse_jsonl_line``) and a whole file
(``iter_jsonl``). Neither ever raises: every line becomes a document or a ``ReadError`` naming the line.
A document has a non-empty id and clean, non-empty text, and a date only in the normal form.
Run: ``python tests/fuzz/fuzz_jsonl.py -runs=20000 [corpus dir]``.
"""

from __future__ import annotations

import os
import sys
import tempfile

import atheris

SEEDS = [
    b'{"id": "a1", "text": "\xd0\x9f\xd1\x80\xd0\xbe\xd1\x82\xd0\xb5\xd1\x81\xd1\x82", "date": "2022-01-06"}\n',
    b'{"id": 7, "text": "x", "date": "2022-01-06T10:30:00+03:00", "title": "t", "url": null}\n{"text": 5}\n',
    b'{"id": 1.5, "text": "a\\u0000b\\r\\nc", "date": "2022-13"}\n[1]\n\n{"id": "z", "text": ""}',
    b'\xef\xbb\xbf{"id": "bom", "text": "ok", "source": 12}\r\n{"id": "x", "text": "y", "date": 2022}',
    b'{"a": [[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]], "text": "deep", "id": true}\n',
    b'{"id": "n", "text": "t", "date": "0000"}\n{"id": "big", "text": "t", "x": 1e999, "y": -0.0}\n',
]


def test_one_input(data: bytes) -> None:
    first = data.split(b"\n", 1)[0]
    one = read._parse_jsonl_line(first, "f:1", "f:1")
    _check(one)
    with open(PATH, "wb") as f:
        f.write(data)
    for item in read.iter_jsonl(PATH):
        _check(item)


def _check(item: object) -> None:
    if isinstance(item, read.ReadError):
        assert item.error and item.id, item
        return
    assert isinstance(item, read.InputDocument), item
    assert item.id and item.id == item.id.strip(), item.id
    assert item.text and read.clean_text(item.text) == item.text
    if item.date is not None:
        assert read.parse_date(item.date)[0] == item.date


if __name__ == "__main__":
    with atheris.instrument_imports(include=["svodka"]):
        from svodka import read
    # A scratch folder in memory (the test passes one and removes it): a file on disk made runs 10x slower.
    scratch = os.environ.get("SVODKA_FUZZ_SCRATCH") or tempfile.mkdtemp(prefix="svodka-fuzz-")
    PATH = os.path.join(scratch, "input.jsonl")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
