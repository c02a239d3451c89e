"""Fuzz the time normaliser (``svodka.stages.time.find_timexes``) with arbitrary text and document dates.

The input is ``<document date>\\n<text>``. ``find_timexes`` never raises; every timex is a span of the text
(``text[start:end] == timex.text``), in order, and a resolved calendar value has a four-digit year.
Run: ``python tests/fuzz/fuzz_time.py -runs=5000 [corpus dir]``.
"""

from __future__ import annotations

import re
import sys

import atheris

SEEDS = [
    "2022-01-06\nВ ночь на 6 января в Алма-Ате начались протесты; к вечеру четверга всё стихло.".encode(),
    "2022-01\nв понедельник, 3 марта 2021 года, в 10:30 по Москве; через два дня".encode(),
    "9999-12-31\nзавтра, на следующей неделе, в следующий понедельник, через 3 года".encode(),
    "0001-01-01\nвчера, неделю назад, в прошлый понедельник, в прошлом году".encode(),
    "2022-01-06\nчерез 9999999999 дней, 100000 лет назад, в 1990-е, по понедельникам".encode(),
    b"2022-01-06\non Monday, two weeks ago, last year, in the 1990s, every day at 5 pm",
    "\nс 16 апреля по 19 мая 2019 года, 6-7 января, в ноябре-декабре".encode(),
]
_YEAR = re.compile(r"\d{4}(?:-|T|$)")


def test_one_input(data: bytes) -> None:
    head, _, body = data.decode("utf-8", "replace").partition("\n")
    date_value, _, precision = head.partition(" ")
    found = time.find_timexes(body, date_value or None, precision or None)
    last = -1
    for t in found:
        assert body[t.start:t.end] == t.text and t.start >= last, t
        last = t.start
        if t.value and t.value[0].isdigit() and t.type in ("DATE", "TIME") and len(t.value) > 4:
            assert _YEAR.match(t.value), t
    time.DocDate.parse(head or None)


if __name__ == "__main__":
    with atheris.instrument_imports(include=["svodka"]):
        from svodka.stages import time
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
