"""Entities on the seed and on sentences written for each repair and normalisation rule."""

from __future__ import annotations

import pytest

from svodka.pipeline import Pipeline
from svodka.record import InputDocument, Record

pytestmark = pytest.mark.slow


def run(text: str) -> Record:
    record = Pipeline(["entities"]).extract(InputDocument(id="t", text=text))
    assert record.error is None, record.error
    return record


def by_name(record: Record) -> dict[str, object]:
    return {e.name: e for e in record.entities or []}


def test_seed_people_have_full_base_names(seed_record: Record) -> None:
    people = {e.name for e in seed_record.entities or [] if e.type == "PER"}
    assert {"Касым-Жомарт Токаев", "Гульшара Абдыкаликова", "Энтони Блинкен", "Мухтар Тлеуберди",
            "Жозеп Боррель"} <= people
    assert not any("Онтакже" in m.text for e in seed_record.entities or [] for m in e.mentions)


def test_seed_outlet_spellings_are_one_entity(seed_record: Record) -> None:
    khabar = [e for e in seed_record.entities or [] if any("Хабар" in m.text for m in e.mentions)]
    assert len(khabar) == 1
    assert sorted(m.text for m in khabar[0].mentions) == ["Хабар 24", "Хабар-24"]
    assert khabar[0].type == "ORG" and khabar[0].subtype == "media"


def test_seed_kazakhstan_is_one_entity_with_english_mention(seed_record: Record) -> None:
    kz = [e for e in seed_record.entities or [] if e.name == "Казахстан"]
    assert len(kz) == 1
    assert kz[0].type == "LOC" and kz[0].name_en == "Kazakhstan"
    assert any(m.text == "Kazakhstan" and m.lang == "en" for m in kz[0].mentions)
    assert len(kz[0].mentions) >= 10


def test_seed_repairs(seed_record: Record) -> None:
    texts = {m.text: e for e in seed_record.entities or [] for m in e.mentions}
    assert "площадь Революции" in texts and texts["площадь Революции"].type == "LOC"
    assert 'РИА "Новости"' in texts
    eu = texts["ЕС"]
    assert eu.type == "ORG" and "EU" in {m.text for m in eu.mentions}
    assert texts["ОДКБ"] is texts["Организации Договора о коллективной безопасности"]


def test_seed_mention_normals(seed_record: Record) -> None:
    normals = {m.text: m.normal for e in seed_record.entities or [] for m in e.mentions}
    assert normals["Касым-Жомарта Токаева"] == "Касым-Жомарт Токаев"
    assert normals["Мухтаром Тлеуберди"] == "Мухтар Тлеуберди"
    assert normals["Кызылординской области"] == "Кызылординская область"
    assert normals["Государственного департамента"] == "Государственный департамент"
    assert normals["Организации Договора о коллективной безопасности"] == \
        "Организация Договора о коллективной безопасности"


@pytest.mark.parametrize(("text", "mention", "normal"), [
    ("Лавров встретился с Гульшарой Абдыкаликовой.", "Гульшарой Абдыкаликовой", "Гульшара Абдыкаликова"),
    ("Визит Нурсултана Назарбаева в Москву завершился.", "Нурсултана Назарбаева", "Нурсултан Назарбаев"),
    ("Встреча с Сергеем Шойгу прошла в Кремле.", "Сергеем Шойгу", "Сергей Шойгу"),
    ("Об этом заявил Жан-Поль Сартр, а Сартра поддержали.", "Сартра", "Сартр"),
    ("Она осудила действия Айгерим Сулейменовой.", "Айгерим Сулейменовой", "Айгерим Сулейменова"),
    ("Митинг прошёл на улице Ленина в Нижнем Новгороде.", "Нижнем Новгороде", "Нижний Новгород"),
    ("Митинг прошёл на улице Ленина в Нижнем Новгороде.", "улице Ленина", "улица Ленина"),
    ("Делегация прибыла в Соединённые Штаты Америки из Кировской области.", "Кировской области",
     "Кировская область"),
])
def test_normal_forms(text: str, mention: str, normal: str) -> None:
    normals = {m.text: m.normal for e in run(text).entities or [] for m in e.mentions}
    assert normals.get(mention) == normal, normals


def test_surname_joins_full_name_and_namesakes_stay_apart() -> None:
    record = run("Дмитрий Медведев провёл совещание. Позже Медведеву доложили о пожаре. "
                 "Наталья Медведева, однофамилица политика, выиграла турнир.")
    people = [e for e in record.entities or [] if e.type == "PER"]
    dmitry = next(e for e in people if e.name == "Дмитрий Медведев")
    assert {m.text for m in dmitry.mentions} == {"Дмитрий Медведев", "Медведеву"}
    assert any(e.name == "Наталья Медведева" for e in people)


def test_glued_function_word_is_not_a_person() -> None:
    record = run("Министр прибыл в Берлин. Онтакже подчеркнул, что переговоры продолжатся.")
    assert not any(e.type == "PER" and "также" in e.name for e in record.entities or [])


def test_common_noun_abbreviation_is_not_an_entity() -> None:
    record = run("Об этом сообщили местные СМИ со ссылкой на полицию Берлина.")
    assert not any(e.name == "СМИ" for e in record.entities or [])


def test_english_entities_in_english_text() -> None:
    record = run("Josep Borrell met Antony Blinken in Washington on Monday, the EU said.")
    names = by_name(record)
    assert {"Josep Borrell", "Antony Blinken", "Вашингтон" if "Вашингтон" in names else "Washington"} <= set(names)
    assert names["Европейский союз"].type == "ORG"  # type: ignore[attr-defined]


def test_offsets_match_text(seed_record: Record) -> None:
    from svodka.record import spans_of

    assert seed_record.text is not None
    for start, end, text in spans_of(seed_record):
        assert seed_record.text[start:end] == text
