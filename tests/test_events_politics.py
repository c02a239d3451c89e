"""Events, session 12 politics precision: an act named only in the name of a regime, a monitor or a rule
("режим прекращения огня", "центр по контролю за прекращением огня", "порядок проведения митингов") is no
record of it, and "нынешний визит" points back to the visit already told."""

from __future__ import annotations

import pytest

from .event_text import told, types

pytestmark = pytest.mark.slow


def test_a_regime_monitor_or_rule_named_after_an_act_is_no_record_of_it() -> None:
    assert "RETREAT" not in types("Министры обсудили задачи деэскалации обстановки в Сирии, придания устойчивости "
                                  "режиму прекращения огня.")
    found = types("Россия и Турция подписали меморандум о создании центра по контролю за прекращением огня.")
    assert "RETREAT" not in found and "AGREE" in found
    assert "PROTEST" not in types("Активиста осудили за нарушение порядка проведения митингов.")
    assert "PROTEST" not in types("Подразделение по борьбе с массовыми беспорядками стало вытеснять людей.")


def test_a_rally_or_truce_told_beside_such_a_name_stays() -> None:
    assert "PROTEST" in types("Активиста арестовали за нарушение порядка проведения митинга, который прошел "
                              "в субботу.")
    assert "PROTEST" in types("Власти ведут активную борьбу с оппозиционными выступлениями в стране.")
    assert "COERCE" in types("В Ингушетии введен режим контртеррористической операции.")


def test_the_current_visit_points_back_to_the_visit_told() -> None:
    # (the year in its sentence is when the awkwardness arose, not another visit)
    found = told("Президент России Владимир Путин 10 сентября совершил визит в Объединенные Арабские Эмираты. "
                 "Издание уверено, что нынешний визит российского президента является способом сгладить "
                 "неловкость, которая возникла между странами в 2006 году.")
    assert [t for t, _ in found].count("CONSULT") == 1
