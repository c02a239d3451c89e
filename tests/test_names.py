"""Base forms of person names, word by word (pymorphy only: no tagger needed)."""

from __future__ import annotations

import pytest

from svodka.names import _adjective_nominative, key, person_word, skeleton


@pytest.mark.parametrize(("word", "case", "gender", "expected"), [
    ("Гренелла", "Gen", "masc", "Гренелл"),  # foreign consonant stem
    ("Гренелл", "Nom", "masc", "Гренелл"),  # nominative stays, although pymorphy guesses a plural
    ("Раабом", "Ins", "masc", "Рааб"),
    ("Корбином", "Nom", "masc", "Корбин"),  # tagger says Nom, the ending says otherwise
    ("Нетёсов", "Nom", "masc", "Нетёсов"),
    ("Шмыгаля", "Gen", "masc", "Шмыгаль"),  # soft stem
    ("Андрея", "Gen", "masc", "Андрей"),
    ("Зеленского", "Gen", "masc", "Зеленский"),
    ("Сакибу", "Dat", "masc", "Сакиб"),
    ("Асии", "Gen", "femn", "Асия"),  # unknown feminine name in -ия
    ("Асию", "Acc", "femn", "Асия"),
    ("Биби", "Gen", "femn", "Биби"),  # indeclinable
    ("Абдыкаликовой", "Ins", "femn", "Абдыкаликова"),
    ("Рынской", "Dat", "femn", "Рынская"),
    ("Тлеуберди", "Ins", "masc", "Тлеуберди"),
    ("Рис-Могга", "Gen", "masc", "Рис-Могг"),  # hyphenated: the last part declines
    ("Касым-Жомарта", "Gen", "masc", "Касым-Жомарт"),
    ("фон", "Gen", "femn", "фон"),  # particles never change
    ("МИД", "Gen", "masc", "МИД"),  # abbreviations stay as written
])
def test_person_word(word: str, case: str, gender: str, expected: str) -> None:
    assert person_word(word, case, gender) == expected


def test_plural_surname() -> None:
    assert person_word("Скрипалей", "Gen", None, plural=True) == "Скрипали"
    assert person_word("Ивановых", "Gen", None, plural=True) == "Ивановы"


def test_adjective_fallback() -> None:
    assert _adjective_nominative("Иллинойсского", {"masc", "sing"}) == "Иллинойсский"
    assert _adjective_nominative("Иллинойсской", {"femn", "sing"}) == "Иллинойсская"


def test_keys() -> None:
    assert key("Хабар-24") == key("Хабар 24")
    assert skeleton("Токаев") == skeleton("Tokayev")


def test_inflected_abbreviation_keeps_its_letters() -> None:
    from svodka.analysis import Token
    from svodka.names import normal_form

    tok = Token(0, 4, "МИДа", "ru", "PROPN", {"Case": "Gen"})
    assert normal_form("МИДа", [tok], 0, "ORG") == "МИД"


def test_unknown_first_name_in_ii_is_feminine_outside_the_prepositional() -> None:
    from svodka.analysis import Token
    from svodka.names import _person_gender

    def tok(text: str, case: str) -> Token:
        return Token(start=0, end=len(text), text=text, lang="ru", pos="PROPN", feats={"Case": case}, sent=0)

    assert _person_gender([tok("Зарии", "Gen"), tok("Хан", "Gen")]) == "femn"
    assert _person_gender([tok("Зарии", "Loc"), tok("Хан", "Loc")]) != "femn"


def test_place_in_the_prepositional_is_not_read_as_a_womans_name() -> None:
    from svodka.pipeline import Pipeline
    from svodka.record import InputDocument

    record = Pipeline(["entities"]).extract(InputDocument(id="x", text="Взрыв прогремел в Ливане в понедельник.",
                                                         date="2020-01-01"))
    assert [e.name for e in record.entities or []] == ["Ливан"]


def test_unknown_names_in_iya_decline_as_feminine_iya_names() -> None:
    from svodka.names import person_word

    assert person_word("Гамсахурдии", "Gen", None) == "Гамсахурдия"
    assert person_word("Гамсахурдию", "Acc", None) == "Гамсахурдия"
    assert person_word("Дмитрию", "Dat", None) == "Дмитрий"  # a dictionary name in -ий stays masculine
    assert person_word("Юрии", "Loc", None) == "Юрий"


def test_transcription_key_folds_variants_of_foreign_names() -> None:
    from svodka.names import transcription_key as t

    for a, b in [("Уэнтуорт", "Вентворт"), ("Хьюз", "Хьюс"), ("Кэссиди", "Кессиди"), ("Вульф", "Вулф"),
                 ("Теннесси", "Тенесси"), ("Кабельо", "Кабейо"), ("Уильям", "Вильям")]:
        assert t(a) == t(b), (a, b)
    assert t("Иванов") != t("Иванова") and t("Ким") != t("Кин")
