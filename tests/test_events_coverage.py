"""Events: trigger families of session 12's coverage round (poisoning, objections, thanks, concern and
disagreement voiced, formal queries, detainees taken to a police station, wounds inflicted, military presence
raised) and a noun trigger under "никакой"."""

from __future__ import annotations

import pytest

from .event_text import told, types

pytestmark = pytest.mark.slow


def test_a_poisoning_is_an_attack() -> None:
    assert "ASSAULT" in types("По данным следствия, бывшего офицера отравили в Солсбери боевым веществом.")
    assert "ASSAULT" in types("Оппозиционного журналиста отравили в самолете, сообщили его коллеги.")


def test_an_objection_is_a_rejection() -> None:
    assert "REJECT" in types("Россия и Китай возражали против размещения американских ракет в регионе.")
    assert "REJECT" in types("Песков возразил депутату, заявив, что решение уже принято.")
    assert "REJECT" in types("Несмотря на возражения Москвы, альянс разместил батальон в Латвии.")


def test_no_objection_is_none() -> None:
    assert "REJECT" not in types("Водитель расписался в протоколе, никаких возражений у него не было.")


def test_thanks_in_the_present_are_support() -> None:
    assert "SUPPORT" in types("Премьер-министр благодарит министра иностранных дел за его работу.")
    assert "SUPPORT" in types("Власти города выражают благодарность спасателям из Белоруссии.")


def test_concern_and_regret_voiced_are_accusations() -> None:
    assert "ACCUSE" in types("Госсекретарь США выразил серьезную обеспокоенность действиями Пекина.")
    assert "ACCUSE" in types("В МИД Японии выразили сожаление в связи с визитом российского премьера на Курилы.")
    assert "ACCUSE" in types("Министр высказал озабоченность ситуацией на границе.")
    assert "ACCUSE" in types("Брюссель выразил разочарование решением Лондона.")


def test_disagreement_voiced_is_a_rejection() -> None:
    assert "REJECT" in types("Министр по делам Брексита выразил несогласие с планом правительства и подал в отставку.")


def test_a_formal_query_is_a_request() -> None:
    assert "REQUEST" in types("Генпрокуратура России направила запрос в министерство юстиции Великобритании.")
    assert ("REQUEST", "направил в Минск запрос") in told("Бишкек направил в Минск запрос о выдаче бывшего президента.")


def test_taken_to_a_police_station_is_an_arrest() -> None:
    assert "COERCE" in types("Активист был доставлен в отделение полиции на Тверской улице.")
    assert "COERCE" in types("Корреспондента доставили в ОВД \"Хорошево-Мневники\".")


def test_bodies_taken_to_a_morgue_are_no_arrest() -> None:
    assert "COERCE" not in types("Тела погибших доставлены в патолого-анатомическое отделение больницы.")


def test_wounds_inflicted_are_an_attack() -> None:
    found = told("Мужчина напал на девушку в подъезде и нанес ей ножевые ранения.")
    assert ("ASSAULT", "нанес ей ножевые ранения") in found


def test_military_presence_raised_is_a_mobilisation() -> None:
    assert "MOBILIZE" in types("Россия наращивает военное присутствие в Арктике.")
    assert "MOBILIZE" in types("Эстония поблагодарила НАТО за расширение военного присутствия в Прибалтике.")


def test_a_noun_under_none_is_no_event() -> None:
    assert "ASSAULT" not in types("\"Никаких атак на избирательную инфраструктуру не было\", - сообщили в ФБР.")
