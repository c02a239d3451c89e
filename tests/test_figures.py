"""Figures: the number parser (property tests) and counts of people on sentences written for each rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.numbers import parse_digits, parse_words, to_words
from svodka.pipeline import Pipeline
from svodka.record import Figure, InputDocument, Record

# --- the number parser -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_russian_number_words_parse_back(n: int) -> None:
    assert parse_words(to_words(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_parser_never_raises_on_arbitrary_text(text: str) -> None:
    value = parse_words(text)
    assert value is None or value >= 0


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9))
def test_digits_parse_back(n: int) -> None:
    assert parse_digits(str(n)) == n
    grouped = f"{n:,}"
    assert parse_digits(grouped, "en") == n
    assert parse_digits(grouped.replace(",", " ")) == n


@pytest.mark.parametrize(("text", "value"), [
    ("двое", 2), ("трое", 3), ("полторы тысячи", 1500), ("10 тыс.", 10_000), ("1,5 тыс.", 1500),
    ("двухсот", 200), ("тысячам", 1000), ("69 тысяч 226", 69_226), ("полтора десятка", 15),
    ("две тысячи двадцать", 2020), ("2 млн", 2_000_000), ("twenty one", 21), ("one hundred", 100),
])
def test_number_words(text: str, value: float) -> None:
    assert parse_words(text) == value


@pytest.mark.parametrize("text", ["два три", "сто сто", "двое трое", "несколько", "", "тысяча тысяч"])
def test_ill_formed_numbers_are_none(text: str) -> None:
    assert parse_words(text) is None


# --- figures in text ---------------------------------------------------------------------------


def run(text: str) -> Record:
    record = Pipeline(["entities", "quotes", "figures"]).extract(InputDocument(id="t", text=text))
    assert record.error is None, record.error
    for f in record.figures or []:
        assert text[f.start:f.end] == f.text
    return record


def figs(text: str) -> list[Figure]:
    return list(run(text).figures or [])


def one(text: str) -> Figure:
    found = figs(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "kind", "value", "qualifier", "span"), [
    ("При обрушении кровли погибли не менее 15 человек.", "killed", 15, "at_least", "не менее 15 человек"),
    ("В больницы доставлены около 30 пострадавших.", "injured", 30, "approx", "около 30 пострадавших"),
    ("Свыше двухсот демонстрантов собрались у мэрии.", "participants", 200, "more_than", "Свыше двухсот демонстрантов"),
    ("Трое горняков до сих пор числятся пропавшими без вести.", "missing", 3, "exact", "Трое горняков"),
    ("Полиция задержала почти полторы тысячи человек.", "arrested", 1500, "approx", "почти полторы тысячи человек"),
    ("Из зоны подтопления эвакуированы 10 тыс. жителей.", "evacuated", 10_000, "exact", "10 тыс. жителей"),
    ("В страну прибыли 2500 военнослужащих.", "troops", 2500, "exact", "2500 военнослужащих"),
    ("Пятеро рабочих находятся в тяжелом состоянии.", "critical", 5, "exact", "Пятеро рабочих"),
    ("После аварии госпитализированы менее 20 человек.", "hospitalized", 20, "less_than", "менее 20 человек"),
    ("На митинг вышли до 5 тысяч человек.", "participants", 5000, "at_most", "до 5 тысяч человек"),
])
def test_kind_value_qualifier_and_span(text: str, kind: str, value: float, qualifier: str, span: str) -> None:
    f = one(text)
    assert (f.kind, f.value, f.qualifier, f.text) == (kind, value, qualifier, span)


@pytest.mark.slow
def test_update_gives_the_new_value_not_at_most() -> None:
    f = one("Число погибших при пожаре на складе возросло до 17.")
    assert (f.kind, f.value, f.qualifier, f.text) == ("killed", 17, "exact", "17")
    g = one("Число раненых превысило 40 человек.")
    assert (g.kind, g.value, g.qualifier) == ("injured", 40, "more_than")


@pytest.mark.slow
def test_range() -> None:
    f = one("Из посёлка эвакуированы от 300 до 400 человек.")
    assert (f.kind, f.qualifier, f.low, f.high, f.value) == ("evacuated", "range", 300, 400, 300)


@pytest.mark.slow
def test_two_counts_in_one_sentence_take_their_own_clause() -> None:
    found = figs("При взрыве погибли 4 человека, еще 11 получили ранения.")
    assert [(f.kind, f.value) for f in found] == [("killed", 4), ("injured", 11)]


@pytest.mark.slow
def test_breakdown_takes_the_kind_before_it() -> None:
    found = figs("В аварии погибли шесть человек, из них двое детей.")
    assert [(f.kind, f.value) for f in found] == [("killed", 6), ("killed", 2)]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "На митинг пришли тысячи человек.",  # vague: not a count
    "Десятки жителей остались без света.",
    "Погибшему было 45 лет.",  # an age
    "Ущерб оценивается в 20 млн рублей.",  # money
    "За резолюцию проголосовали 120 депутатов.",  # votes
    "Явка составила 62 процента.",
    "Обе стороны договорились о перемирии.",
])
def test_not_people_counts(text: str) -> None:
    assert figs(text) == []


@pytest.mark.slow
def test_english_figures() -> None:
    found = figs("At least 12 people were killed and more than 1,000 injured in the clashes.")
    assert [(f.kind, f.value, f.qualifier) for f in found] == [("killed", 12, "at_least"),
                                                              ("injured", 1000, "more_than")]


@pytest.mark.slow
def test_attribution_original_first() -> None:
    r = run("В результате столкновений пострадали 80 человек, сообщил телеканал «Звезда» со ссылкой на "
            "данные Министерства здравоохранения.")
    names = {e.id: e.name for e in r.entities or []}
    f = (r.figures or [])[0]
    assert [names[x] for x in f.attribution][-1] == "Звезда"
    assert len(f.attribution) == 2 and names[f.attribution[0]].lower().startswith(("минздрав", "министерство"))


@pytest.mark.slow
def test_figure_in_a_quote_takes_its_speaker() -> None:
    r = run("Губернатор Иван Сидоров заявил, что при пожаре погибли трое рабочих.")
    names = {e.id: e.name for e in r.entities or []}
    f = (r.figures or [])[0]
    assert [names[x] for x in f.attribution] == ["Иван Сидоров"]


@pytest.mark.slow
def test_unnamed_source_is_dropped() -> None:
    f = one("По данным источника в полиции, задержаны 14 человек.")
    assert f.attribution == []


# --- the seed ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_seed_figures(seed_record: Record) -> None:
    names = {e.id: e.name for e in seed_record.entities or []}
    got = [(f.kind, f.value, f.qualifier) for f in seed_record.figures or []]
    assert got == [("injured", 1000, "more_than"), ("hospitalized", 400, "approx"), ("critical", 62, "exact")]
    for f in seed_record.figures or []:
        assert seed_record.text is not None and seed_record.text[f.start:f.end] == f.text
        assert len(f.attribution) == 2
        assert names[f.attribution[0]].startswith("Минздрав")
        assert names[f.attribution[1]].startswith("Хабар")
    assert (seed_record.figures or [])[0].text == "более тысячи человек"


# --- offsets -----------------------------------------------------------------------------------

_SENTENCES = [
    "В результате взрыва погибли 7 человек.", "Около 300 человек вышли на митинг.",
    "«Все задержанные будут отпущены», — заявил прокурор Олег Иванов.", "Задержаны двое подозреваемых.",
    "По словам министра, ситуация стабилизировалась.", "Более 40 раненых доставлены в больницы, сообщает ТАСС.",
    "Число жертв достигло 25.", "Trump said 3 soldiers were wounded.", "Несколько сотен человек эвакуированы.",
]


@pytest.mark.slow
@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=5), st.sampled_from([" ", "\n", "\n\n"]))
def test_offsets_always_match_the_text(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    r = run(text)
    for span in list(r.figures or []) + list(r.quotes or []):
        assert text[span.start:span.end] == span.text


def test_a_cue_in_a_relative_clause_describes_its_own_noun() -> None:
    found = figs("В город направлены 300 спасателей, а семьи, чьё жильё пострадало, получат помощь.")
    assert [(f.text, f.kind) for f in found] == [("300 спасателей", "other")]


def test_every_declined_form_of_a_number_word_is_still_found() -> None:
    # lookup() skips words whose first two letters begin no number word; this holds only if Russian
    # numerals decline at the end: every dictionary form of every Russian number word must still be found
    import re

    from svodka import models
    from svodka.numbers import fold, lemmas, lookup, number_words

    missed = []
    for word in number_words():
        if not re.fullmatch(r"[а-я]+", word):
            continue
        for form in models.morph().parse(word)[0].lexeme:
            written = fold(form.word)
            if word in lemmas(written) and lookup(written) is None:
                missed.append((word, written))
    assert not missed, missed[:20]
