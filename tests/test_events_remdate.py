"""Events, session 12: a re-mention is kept apart only by a date of its own clause, not by one of another act."""

from __future__ import annotations

import pytest

from .event_text import told

pytestmark = pytest.mark.slow


def test_a_birth_year_does_not_date_the_arrest() -> None:
    # "(1954 года рождения)" dates the man, not his arrest: the same arrest told again
    events = told("В Хабаровске сотрудники ФСБ задержали двух депутатов краевой думы. Их доставили в Москву. "
                  "Вместе с губернатором были задержаны депутаты Сергей Кузнецов (1954 года рождения) и Дмитрий "
                  "Козлов (1981 года рождения).")
    assert [t for t, _ in events].count("COERCE") == 1


def test_a_date_of_another_things_clause_does_not_date_the_act() -> None:
    # "закона, принятого в 1998 году" dates the law; "акции, которая прошла 16 июля" the rally: acts told before
    events = told("Прокуратура США предъявила программисту Дмитрию Склярову обвинение. Скляров вернулся в Москву. "
                  "Склярову было предъявлено обвинение в нарушении закона, принятого в 1998 году.")
    assert [t for t, _ in events].count("ACCUSE") == 1
    events = told("Полиция составила протокол на активиста Ивана Петрова. Его отпустили. Протокол составлен из-за "
                  "акции в поддержку кандидатов, которая прошла 16 июля на Трубной площади.")
    assert [t for t, _ in events].count("ACCUSE") == 1


def test_an_own_date_still_keeps_another_act_apart() -> None:
    # a date hanging from the trigger itself is the act's: another arrest
    events = told("Полиция задержала в Москве активиста Ивана Петрова. Его доставили в отделение. Как сообщает "
                  "ТАСС, 23 декабря полиция задержала в Москве активиста Ивана Петрова.")
    assert [t for t, _ in events].count("COERCE") == 2
