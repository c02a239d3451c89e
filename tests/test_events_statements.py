"""Events: denials and threats told as statements (session 12): a clause told before its reporting
verb with no quote marks, a hostile act said not to have happened, the imperfective and assuring
verbs of saying, and threats in direct quotes."""

from __future__ import annotations

import pytest

from .event_text import told

pytestmark = pytest.mark.slow


def test_a_denial_told_before_its_reporting_verb_without_quotes() -> None:
    assert ("REJECT", "сообщил") in told("Президент не имеет к этому отношения, сообщил пресс-секретарь Песков.")
    assert ("REJECT", "заявил") in told("Граждане Грузии не похищали поезд в Польше, заявил посол Грузии.")
    # a hedged clause is a judgement, not a denial
    assert "REJECT" not in [t for t, _ in told(
        "Погибшая, скорее всего, не причастна к организации взрыва, сообщил источник в следственной группе.")]


def test_a_hostile_act_said_not_to_have_happened_or_not_to_come() -> None:
    assert ("REJECT", "заявил") in told("Главный врач заявил, что вмешательства извне в процесс лечения не было.")
    assert ("REJECT", "заявил") in told("Военного вмешательства в ситуацию на Украине не будет, заявил министр.")
    assert "REJECT" not in [t for t, _ in told("Министр заявил, что изменений в бюджете не будет.")]


def test_a_denial_after_an_imperfective_or_assuring_verb_of_saying() -> None:
    assert ("REJECT", "говорит") in told("Защита говорит, что бизнесмен не имел отношения к сделке.")
    assert ("REJECT", "заверяли") in told("Натовцы нас заверяли, что в политические аспекты они не вмешиваются.")


def test_a_threat_in_a_direct_quote() -> None:
    assert ("THREATEN", "заявил") in told("«Они заплатят цену, и это будет цена для их экономики», — заявил Байден.")
    # an answer to a question is no response
    assert "THREATEN" not in [t for t, _ in told(
        "«А может, он ответит, почему ракеты не взорвались?» - заявил премьер-министр.")]
