"""Events, session 11 filter audit: filters narrowed where what they dropped were mostly events."""

from __future__ import annotations

import pytest

from .event_text import told

pytestmark = pytest.mark.slow


def test_means_used_for_a_purpose_tell_that_it_took_place() -> None:
    # the dispersal joins the use of force that its sentence tells
    assert told("Полиция применила слезоточивый газ для разгона демонстрантов.") \
        == [("COERCE", "применила слезоточивый газ для разгона")]
    assert ("COERCE", "разгона") in told("Для разгона демонстрантов были привлечены более сотни полицейских.")
    # a purpose alone still tells nothing that took place
    assert told("Для розыска и задержания преступников создана специальная группа.") == []

