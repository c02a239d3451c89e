"""Events, session 11 recall round: trigger words and assertion rules for acts the layer missed."""

from __future__ import annotations

import pytest

from .event_text import told

pytestmark = pytest.mark.slow


def test_leaving_an_office_is_a_resignation() -> None:
    assert told("Министр по вопросам Брексита Дэвид Дэвис покинул свой пост.") == [("CONCEDE", "покинул")]
    assert told("Премьер-министр Грузии заявил, что покидает занимаемую должность.") == [("CONCEDE", "покидает")]


def test_easing_a_restriction_is_a_concession() -> None:
    assert told("Президент США Барак Обама смягчил ограничения на денежные переводы на Кубу.") \
        == [("CONCEDE", "смягчил")]


def test_a_confession_is_a_concession() -> None:
    assert ("CONCEDE", "сознался") in told("Задержанный сознался в убийстве девочки.")


def test_curbing_a_group_is_coercion() -> None:
    assert told("В марте спецслужба пресекла деятельность четырех членов ячейки.") == [("COERCE", "пресекла")]


def test_strikes_and_operations_of_an_air_force() -> None:
    assert ("ASSAULT", "ударов") in told("Оба эмира погибли от ударов американских дронов в Пакистане.")
    assert told("Операция ВКС России в Сирии началась 30 сентября 2015 года.") == [("ASSAULT", "Операция")]


def test_abbreviations_in_needs_match_as_written() -> None:
    assert told("Спецподразделения установили КПП на въезде в столицу.") == [("COERCE", "установили")]


def test_a_proposal_that_someone_act_is_a_request() -> None:
    assert told("Премьер-министр Михаил Касьянов предложил руководству края приостановить работы на косе.") \
        == [("REQUEST", "предложил")]
    assert told("Компания Apple предложила покупателям новый телефон.") == []  # an offer of a thing
    assert told("Депутаты предложили ввести уголовную ответственность за это.") == []  # a policy proposal
    assert told("В Греции им предложили оплатить трансфер до отеля.") == []  # an offer by no one named


def test_a_search_does_not_retell_an_arrest() -> None:
    events = told("Полиция задержала Ивана Петрова в Москве. Вечером обыски прошли у пятерых его соратников.")
    assert [t for t, _ in events] == ["COERCE", "COERCE"]
