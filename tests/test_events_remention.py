"""Events, session 11 re-mentions: a recap or another phrase of the same verb re-tells the act already recorded."""

from __future__ import annotations

import pytest

from .event_text import told

pytestmark = pytest.mark.slow


def test_a_recap_dates_the_act_told_before() -> None:
    # "Напомним, ..." re-tells the kidnapping with its date: no second kidnapping
    events = told("Неизвестные похитили в Назрани дядю президента Ингушетии Урусхана Зязикова. Родственники "
                  "сообщили, что он чувствует себя хорошо. Напомним, Урусхан Зязиков был похищен 23 декабря.")
    assert [t for t, _ in events].count("ASSAULT") == 1


def test_a_source_opener_is_no_recap() -> None:
    # "Как сообщает ТАСС" names a source: a dated arrest after it is still its own act
    events = told("Полиция задержала в Москве активиста Ивана Петрова. Как сообщает ТАСС, 23 декабря полиция "
                  "задержала в Москве активиста Ивана Петрова.")
    assert [t for t, _ in events].count("COERCE") == 2


def test_another_phrase_of_the_same_verb_retells_the_act() -> None:
    # "возбудили уголовное дело" ... "Уголовное дело возбуждено по статье": one case
    events = told("Следователи возбудили уголовное дело по факту халатности пермских врачей. Ребенку оказывают "
                  "медицинскую помощь. Уголовное дело возбуждено по части 1 статьи 293 УК РФ.")
    assert [t for t, _ in events].count("ACCUSE") == 1
    # an ordinal, a count or "также" adds another one
    events = told("Следователи возбудили уголовное дело по факту халатности пермских врачей. Ребенку оказывают "
                  "медицинскую помощь. Второе уголовное дело возбуждено по части 5 статьи 264 УК РФ.")
    assert [t for t, _ in events].count("ACCUSE") == 2
