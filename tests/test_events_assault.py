"""Events, session 12 attacks: a rocket bursting where the fire fell, and a kidnapping or an arrest ended by
"увезли в неизвестном направлении", are no attacks of their own."""

from __future__ import annotations

import pytest

from .event_text import told

pytestmark = pytest.mark.slow


def test_a_rocket_bursting_after_the_fire_is_where_it_fell() -> None:
    # the shelling is told, then where a rocket burst: one attack
    events = told("Боевики выпустили из сектора Газа шесть ракет по югу Израиля. Одна из ракет разорвалась "
                  "во дворе жилого дома в Сдероте. Пострадавших нет.")
    assert [t for t, _ in events].count("ASSAULT") == 1


def test_a_bomb_is_still_an_attack() -> None:
    # a bomb is laid, not fired: its blast after an air strike is an attack of its own
    events = told("Авиация нанесла удар по позициям боевиков под Алеппо. Вечером в центре города взорвалась "
                  "бомба, заложенная в автомобиле.")
    assert [t for t, _ in events].count("ASSAULT") == 2


def test_taken_away_ends_the_kidnapping() -> None:
    # "был похищен" ... "увезли в неизвестном направлении": one kidnapping
    events = told("Вечером 12 марта в Махачкале был похищен местный предприниматель Ахмед Алиев. Его "
                  "автомобиль остановили трое вооруженных людей. Нападавшие пересадили Алиева в свою машину "
                  "и увезли в неизвестном направлении.")
    assert [t for t, _ in events].count("ASSAULT") == 1


def test_the_detained_taken_away_after_an_arrest() -> None:
    # an arrest, then the detained "были увезены в неизвестном направлении": no kidnapping
    events = told("Полиция разогнала собрание правозащитников в Минске и задержала его участников. По данным "
                  "правозащитников, задержанные были увезены в неизвестном направлении.")
    assert "ASSAULT" not in [t for t, _ in events]


def test_a_habitual_present_is_no_attack() -> None:
    # "не в первый раз похищают": a habit, not one kidnapping; the dated kidnapping after it is one
    events = told("В горных районах страны уже не в первый раз похищают иностранных туристов. 19 августа "
                  "вооруженные люди похитили двух французских альпинистов.")
    assert [t for t, _ in events].count("ASSAULT") == 1
    # a chronicle's dated present stays an attack
    events = told("9 декабря 2003 года смертница взрывает пояс со взрывчаткой у гостиницы в центре Москвы.")
    assert [t for t, _ in events].count("ASSAULT") == 1


def test_a_witness_quote_retells_the_attack() -> None:
    # the attack is told, then a witness's direct quote details it with another verb: one attack
    events = told("В субботу в Москве неизвестные напали на волонтера штаба кандидата. «Они подошли к палатке, "
                  "повалили его на землю и избили ногами», - рассказала журналистам координатор штаба.")
    assert [t for t, _ in events].count("ASSAULT") == 1


def test_an_officials_quote_retells_the_blast() -> None:
    events = told("Вечером в Грозном подорвали автомобиль полиции. «Радиоуправляемый фугас сработал в тот момент, "
                  "когда машина проезжала мимо», - сообщил источник в силовых структурах.")
    assert [t for t, _ in events].count("ASSAULT") == 1


def test_a_quote_telling_another_attack_that_followed_is_one_more() -> None:
    # "затем" in the quote marks an act that followed the one told: two attacks
    events = told("Ночью боевики подорвали автомобиль патрульной службы в Назрани. «Затем они обстреляли "
                  "здание отдела полиции из автоматов», - сообщил представитель МВД.")
    assert [t for t, _ in events].count("ASSAULT") == 2
