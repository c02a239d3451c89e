"""Helpers for event tests on short texts: the whole pipeline on one dated document."""

from __future__ import annotations

from svodka.pipeline import Pipeline
from svodka.record import InputDocument, Record


def run(text: str) -> Record:
    """The record of ``text`` as a document of 6 January 2022 (known to the day); fails on an extraction error."""
    record = Pipeline().extract(InputDocument(id="t", text=text, date="2022-01-06", date_precision="day"))
    assert record.error is None, record.error
    return record


def told(text: str) -> list[tuple[str, str]]:
    """(type, trigger text) of each event, in order."""
    return [(e.type, e.trigger.text) for e in run(text).events or []]


def types(text: str) -> list[str]:
    """The type of each event, in order."""
    return [e.type for e in run(text).events or []]
