"""Events: mentions that name no event of their own (session 11 precision round): visits to sites,
business deals, civil suits, what an agreement or a condition is about, tallies of attacks, and an act
named again as the time of another."""

from __future__ import annotations

import pytest

from .event_text import types

pytestmark = pytest.mark.slow


def test_a_visit_to_a_site_has_no_counterpart() -> None:
    assert "CONSULT" not in types("Премьер-министр посетил выставку сельскохозяйственной техники в Казани.")
    assert "CONSULT" not in types("Глава государства сделал заявление в ходе посещения музея в Якутске.")
    assert "CONSULT" in types("Премьер-министр Японии посетил Францию с официальным визитом.")


def test_a_bare_deal_is_a_transaction_not_an_agreement() -> None:
    assert "AGREE" not in types("Сумма сделки составила два миллиарда долларов, сообщили в компании.")
    assert "AGREE" not in types("Суд отложил дело, так как обвиняемый заключил сделку со следствием.")
    assert "AGREE" in types("Правительство заключило сделку с оппозиционной партией.")


def test_a_civil_suit_is_court_procedure() -> None:
    assert "ACCUSE" not in types("Банк подал в арбитражный суд иск о взыскании долга с компании.")
    assert "ACCUSE" not in types("Суд удовлетворил гражданский иск потерпевшего.")


def test_what_an_agreement_or_condition_is_about_is_not_done() -> None:
    found = types("Стороны достигли договоренности об отводе войск от линии фронта.")
    assert "RETREAT" not in found and "AGREE" in found
    assert "RETREAT" not in types("На переговорах обсуждались условия прекращения огня.")
    assert "PROTEST" not in types("Депутаты подали заявку на проведение митинга в центре Москвы.")


def test_a_tally_of_attacks_is_no_event() -> None:
    assert "ASSAULT" not in types("Правозащитники заявили, что сто нападений на журналистов, "
                                  "совершенных с 2015 года, не расследуются.")
    assert "ASSAULT" not in types("Задержанного подозревают в 11 убийствах.")
    assert types("В городе произошли два теракта.").count("ASSAULT") == 1


def test_an_act_named_as_the_time_of_another_is_told_again() -> None:
    found = types("Неизвестный открыл огонь у торгового центра, убив шесть человек. "
                  "Через неделю после стрельбы в Далласе полиция усилила патрули.")
    assert found.count("ASSAULT") == 1


def test_a_command_read_as_imperative_by_the_tagger_is_no_event() -> None:
    assert "SUPPORT" not in types("«Пожалуйста, поддержите нашу полицию», — написал президент в соцсети.")
