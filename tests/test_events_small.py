"""Events: small precision items of session 11: visits to courts, grounds and shows, recommended and
prepared acts, and a phrase's participle used as a noun."""

from __future__ import annotations

import pytest

from .event_text import types

pytestmark = pytest.mark.slow


def test_a_visit_to_a_court_a_ground_or_a_show_has_no_counterpart() -> None:
    assert "CONSULT" not in types("Депутат посетил суд, где рассматривается дело активиста.")
    assert "CONSULT" not in types("Нападающий посетил скамейку штрафников во втором периоде.")
    assert "CONSULT" not in types("Президент посетил концерт в честь Дня города.")
    assert "CONSULT" in types("Министр иностранных дел Индии посетил Пекин.")


def test_a_recommended_act_is_not_done() -> None:
    found = types("Комиссия рекомендовала смягчить санкции против Ирана.")
    assert "CONCEDE" not in found and "REQUEST" in found
    assert "REQUEST" in types("Губернатор попросил экспертов порекомендовать меры поддержки.")


def test_a_prepared_act_is_not_done() -> None:
    assert "ACCUSE" not in types("Следователи готовятся предъявить обвинение бывшему мэру.")


def test_a_phrase_participle_used_as_a_noun_names_people() -> None:
    found = types("Боевики взяли в плен шестерых солдат. Трое из взятых в плен позже бежали.")
    assert found.count("ASSAULT") == 1
