"""Events, session 11 filter audit: filters narrowed where what they dropped were mostly events."""

from __future__ import annotations

import pytest

from svodka.pipeline import Pipeline
from svodka.record import InputDocument, Record

pytestmark = pytest.mark.slow


def run(text: str) -> Record:
    record = Pipeline().extract(InputDocument(id="t", text=text, date="2022-01-06", date_precision="day"))
    assert record.error is None, record.error
    return record


def told(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in run(text).events or []]


def test_means_used_for_a_purpose_tell_that_it_took_place() -> None:
    # the dispersal joins the use of force that its sentence tells
    assert told("Полиция применила слезоточивый газ для разгона демонстрантов.") \
        == [("COERCE", "применила слезоточивый газ для разгона")]
    assert ("COERCE", "разгона") in told("Для разгона демонстрантов были привлечены более сотни полицейских.")
    # a purpose alone still tells nothing that took place
    assert told("Для розыска и задержания преступников создана специальная группа.") == []

