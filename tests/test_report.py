"""The сводка: Russian agreement and number forms, templates, the figures ledger, "since the last
report", every sentence sourced to a real span, the seed's facts, the API route and the command."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from svodka.chronicle import report_text as rt
from svodka.chronicle.report import Filters, Limits, Report, ReportError, UnknownFilter, build_report, sentence_bounds
from svodka.chronicle.report_render import map_svg, to_dict, to_html, to_markdown, to_pdf
from svodka.chronicle.report_text import Named
from svodka.chronicle.store import Store
from svodka.cli import app
from svodka.record import Entity, Event, EventDate, Figure, Geo, Mention, Quote, Record, Trigger

runner = CliRunner()


# --- Russian numbers --------------------------------------------------------------------------

def _category(n: int) -> str:
    """The grammar rule, stated by the last two digits (an oracle independent of the code's)."""
    last2, last = n % 100, n % 10
    if 11 <= last2 <= 19:
        return "many"
    return {1: "one", 2: "few", 3: "few", 4: "few"}.get(last, "many")


NUMBERS = [0, 1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14, 15, 19, 20, 21, 22, 23, 24, 25, 30, 31, 41, 52, 99, 100, 101, 102,
           104, 105, 110, 111, 112, 114, 115, 121, 122, 125, 1000, 1001, 1002, 1005, 1011, 1012, 1021, 1024, 10_000,
           100_001, 1_000_000]


@pytest.mark.parametrize("n", NUMBERS)
def test_people_count_forms(n: int) -> None:
    person = {"one": "человек", "few": "человека", "many": "человек"}[_category(n)]
    assert rt.count_words(n, "человек").endswith(f" {person}")
    injured = "пострадавший" if _category(n) == "one" else "пострадавших"
    assert rt.figure_phrase("injured", n, "exact", "ru") == f"{rt.format_number(n, 'ru')} {injured}"
    after_more = "пострадавшего" if _category(n) == "one" else "пострадавших"
    assert rt.figure_phrase("injured", n, "more_than", "ru") == f"более {rt.format_number(n, 'ru')} {after_more}"
    critical = {"one": "человек", "few": "человека", "many": "человек"}[_category(n)]
    assert rt.figure_phrase("critical", n, "exact", "ru") == \
        f"{rt.format_number(n, 'ru')} {critical} в тяжёлом состоянии"
    about = "человека" if _category(n) == "one" else "человек"
    assert rt.figure_phrase("critical", n, "approx", "ru") == \
        f"около {rt.format_number(n, 'ru')} {about} в тяжёлом состоянии"


@pytest.mark.parametrize("n", NUMBERS)
def test_adjective_and_noun_agree_with_numbers(n: int) -> None:
    cat = _category(n)
    event = {"one": "новое событие", "few": "новых события", "many": "новых событий"}[cat]
    figure = {"one": "пересмотренная цифра", "few": "пересмотренные цифры", "many": "пересмотренных цифр"}[cat]
    source = {"one": "независимый источник", "few": "независимых источника", "many": "независимых источников"}[cat]
    assert rt.count_words(n, "новое событие") == f"{rt.format_number(n, 'ru')} {event}"
    assert rt.count_words(n, "пересмотренная цифра") == f"{rt.format_number(n, 'ru')} {figure}"
    assert rt.count_words(n, "независимый источник") == f"{rt.format_number(n, 'ru')} {source}"
    soldier = "военнослужащий" if cat == "one" else "военнослужащих"  # a noun made from an adjective
    assert rt.figure_phrase("troops", n, "exact", "ru").endswith(f" {soldier}")  # type: ignore[union-attr]
    participant = {"one": "участник", "few": "участника", "many": "участников"}[cat]
    assert rt.figure_phrase("participants", n, "exact", "ru").endswith(f" {participant}")  # type: ignore[union-attr]


@given(st.integers(min_value=0, max_value=10**9))
def test_counted_word_follows_the_last_two_digits(n: int) -> None:
    cat = _category(n)
    assert rt.number_category(n) == cat
    assert rt.counted(n, "человек", "noun", gen_plural="человек") == {"one": "человек", "few": "человека",
                                                                       "many": "человек"}[cat]
    assert rt.counted(n, "погибший", "adj", genitive=True) == ("погибшего" if cat == "one" else "погибших")


def test_number_formats_and_qualifiers() -> None:
    assert rt.format_number(1000, "ru") == "1000" and rt.format_number(10_000, "ru") == "10\u00a0000"
    assert rt.format_number(1000, "en") == "1,000" and rt.format_number(2.5, "ru") == "2,5"
    assert rt.figure_phrase("injured", 1000, "more_than", "ru") == "более 1000 пострадавших"
    assert rt.figure_phrase("injured", 1000, "more_than", "en") == "more than 1,000 injured"
    assert rt.figure_phrase("killed", None, "range", "ru", 10, 15) == "от 10 до 15 погибших"
    assert rt.figure_phrase("killed", None, "range", "ru", 20, 21) == "от 20 до 21 погибшего"
    assert rt.figure_phrase("killed", 1, "exact", "en") == "1 killed"
    assert rt.figure_phrase("critical", 1, "exact", "en") == "1 person in critical condition"
    assert rt.figure_phrase("critical", 62, "exact", "en") == "62 people in critical condition"
    assert rt.figure_phrase("hospitalized", 400, "approx", "ru") == "около 400 госпитализированных"
    assert rt.figure_phrase("missing", 3, "at_least", "ru") == "не менее 3 пропавших без вести"
    assert rt.figure_phrase("killed", None, "exact", "ru") is None
    assert rt.count_words(2.5, "человек") == "2,5 человека"


# --- names, agreement, templates --------------------------------------------------------------

@pytest.mark.parametrize(("name", "etype", "case", "expected"), [
    ("Казахстан", "LOC", "datv", "Казахстану"),
    ("Мухтар Тлеуберди", "PER", "ablt", "Мухтаром Тлеуберди"),
    ("Энтони Блинкен", "PER", "ablt", "Энтони Блинкеном"),
    ("Касым-Жомарт Токаев", "PER", "datv", "Касым-Жомарту Токаеву"),
    ("Касым-Жомарт Токаев", "PER", "ablt", "Касым-Жомартом Токаевым"),
    ("Гульшара Абдыкаликова", "PER", "gent", "Гульшары Абдыкаликовой"),
    ("Гульшара Абдыкаликова", "PER", "accs", "Гульшару Абдыкаликову"),
    ("Жозеп Боррель", "PER", "gent", "Жозепа Борреля"),
    ("Ханна Лунд", "PER", "datv", "Ханне Лунд"),
    ("Сергей Шойгу", "PER", "ablt", "Сергеем Шойгу"),
    ("Мария Захарова", "PER", "datv", "Марии Захаровой"),
    ("Кызылординская область", "LOC", "loct", "Кызылординской области"),
    ("Кызылординская область", "LOC", "accs", "Кызылординскую область"),
    ("Совет коллективной безопасности", "ORG", "datv", "Совету коллективной безопасности"),
    ("Государственный департамент", "ORG", "accs", "Государственный департамент"),
    ("Государственный департамент", "ORG", "gent", "Государственного департамента"),
    ("Верховная Рада Украины", "ORG", "gent", "Верховной Рады Украины"),
    ("Алма-Ата", "LOC", "loct", "Алма-Ате"),
    ("площадь Революции", "LOC", "gent", "площади Революции"),
    ("Минздрав", "ORG", "gent", "Минздрава"),
    ("МВД Казахстана", "ORG", "datv", "МВД Казахстана"),
    ("США", "LOC", "gent", "США"),
    ("Deutsche Welle", "ORG", "gent", "Deutsche Welle"),
    ("Тихозерск", "LOC", "loct", "Тихозерске"),
])
def test_names_in_cases(name: str, etype: str, case: str, expected: str) -> None:
    assert rt.inflect(name, etype, case) == expected


@pytest.mark.parametrize(("name", "etype", "agreement"), [
    ("Касым-Жомарт Токаев", "PER", "masc"), ("Гульшара Абдыкаликова", "PER", "femn"), ("Ханна Лунд", "PER", "femn"),
    ("Жозеп Боррель", "PER", "masc"), ("МВД Казахстана", "ORG", "neut"), ("США", "LOC", "plur"),
    ("Европейский союз", "ORG", "masc"), ("Кызылординская область", "LOC", "femn"), ("ОДКБ", "ORG", "femn"),
    ("ЦРБКТ", "ORG", None), ("Twitter", "ORG", None), ("Министерство обороны", "ORG", "neut"),
])
def test_what_the_verb_agrees_with(name: str, etype: str, agreement: str | None) -> None:
    assert rt.phrase_agreement(name, etype) == agreement


def test_event_sentences_agree_in_gender_and_number() -> None:
    tokayev = Named("Касым-Жомарт Токаев", "PER")
    kz = Named("Казахстан", "LOC", "country")
    assert rt.event_core("REQUEST", [Named("Гульшара Абдыкаликова", "PER")], [tokayev], "ru") == \
        "Гульшара Абдыкаликова обратилась с просьбой к Касым-Жомарту Токаеву"
    assert rt.event_core("THREATEN", [Named("МВД Казахстана", "ORG")], [], "ru") == "МВД Казахстана пригрозило"
    assert rt.event_core("SUPPORT", [Named("США", "LOC")], [kz], "ru") == "США выразили поддержку Казахстану"
    assert rt.event_core("CONSULT", [Named("Энтони Блинкен", "PER"), Named("Мухтар Тлеуберди", "PER")], [], "ru") == \
        "Энтони Блинкен и Мухтар Тлеуберди провели переговоры"
    assert rt.event_core("CONSULT", [Named("Сергей Лавров", "PER")], [Named("Степан Шойгу", "PER")], "ru") == \
        "Сергей Лавров провёл переговоры со Степаном Шойгу"
    # an abbreviation of unknown gender is never forced into an agreement: a sentence without a verb
    assert rt.event_core("AID", [Named("ОДКБ", "ORG")], [kz], "ru") == "ОДКБ оказала помощь Казахстану"
    assert rt.event_core("AID", [Named("ЦРБКТ", "ORG")], [kz], "ru") == "ЦРБКТ: помощь Казахстану"
    assert rt.event_core("AID", [], [Named("Kazakhstan", "LOC")], "en") == "Aid to Kazakhstan"
    assert rt.event_core("PROTEST", [], [], "ru") == "Протесты"
    assert rt.event_core("AID", [Named("Kassym-Jomart Tokayev", "PER")], [Named("CSTO", "ORG")], "en") == \
        "Kassym-Jomart Tokayev provided aid to CSTO"
    assert rt.event_core("SANCTION", [Named("Хабар 24", "ORG", "media")], [], "ru") == \
        "«Хабар 24»: ограничительные меры"


def test_every_event_type_has_templates_in_both_languages() -> None:
    from svodka.api import EVENT_TYPES

    assert set(rt.event_templates()) == set(EVENT_TYPES)
    actors = {"masc": Named("Касым-Жомарт Токаев", "PER"), "femn": Named("Мария Захарова", "PER"),
              "neut": Named("МВД Казахстана", "ORG"), "plur": Named("США", "LOC")}
    for etype in EVENT_TYPES:
        for lang in ("ru", "en"):
            for who in [[], [actors["masc"]], [actors["femn"]], [actors["neut"]], [actors["plur"]],
                        [actors["masc"], actors["femn"]]]:
                for whom in ([], [Named("Казахстан", "LOC")]):
                    text = rt.event_core(etype, who, whom, lang)  # type: ignore[arg-type]
                    assert text and not set("{}[]|") & set(text), (etype, lang, text)
                    if whom:
                        assert "Казахстан" in text
        verbs = [rt.event_core(etype, [actors[g]], [], "ru").split(" ", 2)[-1] for g in ("masc", "femn", "plur")]
        assert len(set(verbs)) == 3, (etype, verbs)  # three different forms of the verb


def test_prepositions_take_their_euphonic_vowel() -> None:
    assert rt.with_preposition("с", "Сергеем Шойгу") == "с Сергеем Шойгу"
    assert rt.with_preposition("с", "Степаном") == "со Степаном" and rt.with_preposition("с", "Швецией") == "со Швецией"
    assert rt.with_preposition("с", "Мухтаром Тлеуберди") == "с Мухтаром Тлеуберди"
    assert rt.with_preposition("в", "Франции") == "во Франции" and rt.with_preposition("в", "Вене") == "в Вене"
    assert rt.with_preposition("к", "мне") == "ко мне"


def test_dates_at_their_precision() -> None:
    assert rt.format_date("2022-01-06", "day", date(2022, 1, 6), "ru") == "6 января 2022"
    assert rt.format_date("2022-01", "month", date(2022, 1, 1), "ru") == "январь 2022"
    assert rt.format_date("2022-01-06TEV", "part_of_day", date(2022, 1, 6), "en") == "6 January 2022, evening"
    assert rt.format_date("2017-W48", "week", date(2017, 1, 1), "ru") == "27 ноября – 3 декабря 2017"
    assert rt.format_date("2017", "year", date(2017, 1, 1), "ru") == "2017"
    assert rt.format_date(None, None, None, "en") == "date unknown"
    assert rt.format_period(date(2021, 12, 31), date(2022, 1, 6), "ru") == "31 декабря 2021 – 6 января 2022"
    assert rt.format_period(date(2021, 3, 1), date(2021, 3, 7), "en") == "1–7 March 2021"


def test_evidence_sentence_does_not_stop_at_abbreviations() -> None:
    text = "Первое. Блинкен обсудил с и. о. министра Тлеуберди ситуацию. Третье."
    start = text.index("обсудил")
    a, b = sentence_bounds(text, start, start + 7)
    assert text[a:b] == "Блинкен обсудил с и. о. министра Тлеуберди ситуацию."


# --- a store made by hand -----------------------------------------------------------------------

ALMATY = Geo(lat=43.25, lon=76.92, country="KZ", precision="city", geonames_id=1526384)
KAZAKHSTAN = Geo(lat=48.0, lon=68.0, country="KZ", precision="country")
ENTITIES = {  # id: (type, subtype, name, name_en, geo)
    "KZ": ("LOC", "country", "Казахстан", "Kazakhstan", KAZAKHSTAN),
    "ALA": ("LOC", "city", "Алма-Ата", "Almaty", ALMATY),
    "MOH": ("ORG", "government", "Минздрав", "Health Ministry", None),
    "MVD": ("ORG", "government", "МВД Казахстана", "Kazakh Interior Ministry", None),
    "TOK": ("PER", None, "Касым-Жомарт Токаев", "Kassym-Jomart Tokayev", None),
    "ABD": ("PER", None, "Гульшара Абдыкаликова", "Gulshara Abdykalikova", None),
}


def make(doc_id: str, day: str, text: str, source: str | None, *, ents: dict[str, str],
         figures: list[tuple[str, str, float, str, list[str]]] = (),  # type: ignore[assignment]
         events: list[tuple[str, str, list[str], list[str], str | None, str]] = (),  # type: ignore[assignment]
         quotes: list[tuple[str, str, str]] = (), title: str | None = None) -> Record:  # type: ignore[assignment]
    """A record whose spans are found in ``text``: ``ents`` maps an entity key to its surface form."""
    entities = []
    for key, surface in ents.items():
        etype, subtype, name, name_en, geo = ENTITIES[key]
        start = text.index(surface)
        entities.append(Entity(id=key, type=etype, subtype=subtype, name=name, name_en=name_en, geo=geo,  # type: ignore[arg-type]
                               mentions=[Mention(start=start, end=start + len(surface), text=surface, normal=name)]))
    figs = []
    for surface, kind, value, qualifier, attribution in figures:
        start = text.index(surface)
        figs.append(Figure(start=start, end=start + len(surface), text=surface, kind=kind, value=value,  # type: ignore[arg-type]
                           qualifier=qualifier, attribution=attribution))  # type: ignore[arg-type]
    evs = []
    for etype, trigger, actor, recipient, location, when in events:
        start = text.index(trigger)
        precision = "day" if len(when) == 10 else "month"
        evs.append(Event(type=etype, trigger=Trigger(start, start + len(trigger), trigger), actor=actor,  # type: ignore[arg-type]
                         recipient=recipient, location=location,
                         date=EventDate(value=when, precision=precision, resolved=True), figures=[], attribution=[]))  # type: ignore[arg-type]
    qs = []
    for surface, speaker, cue in quotes:
        start = text.index(surface)
        qs.append(Quote(start=start, end=start + len(surface), text=surface, kind="direct", speaker=speaker, cue=cue,
                        via=[], lang="ru"))
    return Record(id=doc_id, date=day, date_precision="day", text=text, title=title, source=source,
                  layers=["entities", "figures", "quotes", "events"], entities=entities, figures=figs, quotes=qs,
                  events=evs, timexes=[], languages=[])


def corpus() -> list[Record]:
    """Story "almaty" from two outlets with figures that disagree and change, the same story a week
    earlier, a heavier story from one outlet only, and a document that tries to inject markup."""
    previous = make(
        "prev", "2022-01-03", "В Алма-Ате погибли 8 человек, сообщил Минздрав. Протесты идут в Казахстане.",
        "Агентство А", ents={"ALA": "Алма-Ате", "MOH": "Минздрав", "KZ": "Казахстане"},
        figures=[("8 человек", "killed", 8, "exact", ["MOH"])],
        events=[("PROTEST", "Протесты", [], [], "KZ", "2022-01")])
    first = make(
        "a1", "2022-01-06", "В Алма-Ате погибли 10 человек, сообщил Минздрав. Протесты идут в Казахстане. "
        "Токаев обратился за помощью.", "Агентство А",
        ents={"ALA": "Алма-Ате", "MOH": "Минздрав", "KZ": "Казахстане", "TOK": "Токаев"},
        figures=[("10 человек", "killed", 10, "exact", ["MOH"])],
        events=[("PROTEST", "Протесты", [], [], "KZ", "2022-01"),
                ("REQUEST", "обратился за помощью", ["TOK"], [], "KZ", "2022-01-06")])
    second = make(
        "b1", "2022-01-07", "МВД Казахстана сообщило о 12 погибших в Алма-Ате. «Порядок восстановлен», — заявило МВД "
        "Казахстана. МВД Казахстана пригрозило арестами.", "Агентство Б",
        ents={"MVD": "МВД Казахстана", "ALA": "Алма-Ате"},
        figures=[("12 погибших", "killed", 12, "exact", ["MVD"])],
        events=[("ASSAULT", "погибших", [], [], "ALA", "2022-01-07"),
                ("THREATEN", "пригрозило", ["MVD"], [], None, "2022-01-07")],
        quotes=[("Порядок восстановлен", "MVD", "заявило")])
    third = make(
        "a2", "2022-01-08", "Минздрав уточнил: погибли 15 человек, более 300 пострадавших.", "Агентство А",
        ents={"MOH": "Минздрав"},
        figures=[("15 человек", "killed", 15, "exact", ["MOH"]), ("более 300", "injured", 300, "more_than", ["MOH"])])
    heavy = make(
        "h1", "2022-01-07", "Глава области Гульшара Абдыкаликова сообщила о нападениях, обстрелах и штурме в "
        "Казахстане. Погибли 40 человек.", "Агентство В",
        ents={"ABD": "Гульшара Абдыкаликова", "KZ": "Казахстане"},
        figures=[("40 человек", "killed", 40, "exact", ["ABD"])],
        events=[("ASSAULT", "нападениях", [], [], "KZ", "2022-01-07"), ("ASSAULT", "обстрелах", [], [], "KZ",
                                                                           "2022-01-06"),
                ("ASSAULT", "штурме", [], [], "KZ", "2022-01-05")])
    hostile = make(
        "xss", "2022-01-07", 'Протест <script>alert("x")</script> у здания, сообщил <img src=x onerror=alert(1)>.',
        "<b>Злое издание</b>", ents={}, title="<i>Заголовок</i>",
        events=[("PROTEST", "Протест", [], [], None, "2022-01-07")])
    return [previous, first, second, third, heavy, hostile]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "s.duckdb"
    with Store(path) as store:
        store.ingest(corpus())
        # stories are fixed here so that the test does not depend on the embedding model's judgement
        store.db.execute("UPDATE documents SET story_id = CASE WHEN id IN ('prev', 'a1', 'b1', 'a2') THEN 's:almaty' "
                         "WHEN id = 'h1' THEN 's:heavy' ELSE 's:' || id END")
    return path


@pytest.fixture(scope="module")
def db(store_path: Path) -> Any:
    conn = duckdb.connect(str(store_path), read_only=True)
    yield conn
    conn.close()


def week(**kw: Any) -> Filters:
    return Filters(start=date(2022, 1, 5), end=date(2022, 1, 11), **kw)


def assert_sourced(report: Report, db: Any) -> None:
    """Every sentence has a source, and every source is a real span (or the title) of a stored document."""
    texts = dict(db.execute("SELECT id, text FROM documents").fetchall())
    titles = dict(db.execute("SELECT id, title FROM documents").fetchall())
    sentences = list(report.sentences())
    assert sentences
    for s in sentences:
        assert s.sources, s.text
        for src in s.sources:
            if src.field == "title":
                assert titles[src.doc_id] == src.quote
            else:
                assert texts[src.doc_id][src.start:src.end] == src.quote, (s.text, src)


def story(report: Report, story_id: str) -> Any:
    return next(s for s in report.stories if s.story_id == story_id)


def test_stories_ranked_by_independent_sources_then_weight(db: Any) -> None:
    report = build_report(db, week())
    assert_sourced(report, db)
    ids = [s.story_id for s in report.stories]
    assert ids[0] == "s:almaty"  # two outlets beat one outlet with three assaults
    assert ids.index("s:heavy") < ids.index("s:xss")  # one outlet each: the heavier story first
    assert story(report, "s:almaty").sources == 2 and story(report, "s:heavy").sources == 1
    assert story(report, "s:almaty").summary.text.startswith("2 независимых источника, ")


def test_figures_disagree_without_being_averaged(db: Any) -> None:
    report = build_report(db, week())
    killed = next(g for g in story(report, "s:almaty").figures if g.kind == "killed")
    assert killed.summary is not None
    assert killed.summary.text == "Погибшие: данные расходятся, от 12 до 15 по последним цифрам 2 источников."
    assert "13" not in killed.summary.text  # (12 + 15) / 2 = 13.5 appears nowhere
    assert [s.text for s in killed.items] == [
        "10 погибших — по данным Минздрава, 6 января 2022.",
        "12 погибших — по данным МВД Казахстана, 7 января 2022.",
        "15 погибших — по данным Минздрава, 8 января 2022 (последняя цифра источника).",
    ]
    latest = {s.data["value"]: s.data["latest"] for s in killed.items}
    assert latest == {10: False, 15: True, 12: True}
    [injured] = [g for g in story(report, "s:almaty").figures if g.kind == "injured"]
    assert injured.summary is None and injured.items[0].text.startswith("Более 300 пострадавших — по данным Минздрава")
    en = build_report(db, week(), lang="en")
    killed_en = next(g for g in story(en, "s:almaty").figures if g.kind == "killed")
    assert killed_en.summary is not None and killed_en.summary.text == \
        "Killed: sources disagree, from 12 to 15 in the latest figures of 2 sources."


def test_since_the_last_report_new_events_and_revised_figures(db: Any) -> None:
    report = build_report(db, week())
    assert (report.previous_start, report.previous_end) == (date(2021, 12, 29), date(2022, 1, 4))
    head = report.since[0]
    # the month-dated protest was in the previous week too: 7 of the 8 events are new
    assert head.data == {"new_events": 7, "revised_figures": 1}
    assert head.text == "7 новых событий, 1 пересмотренная цифра."
    new = [s for s in report.since if s.kind == "event"]
    assert all(s.data["new"] for s in new) and not any(s.data["type"] == "PROTEST" and s.data["place"] == "Казахстан"
                                                       for s in new)
    [revised] = [s for s in report.since if s.kind == "revised"]
    assert revised.text == "По данным Минздрава: было 8 погибших (3 января 2022), стало 15 погибших (8 января 2022)."
    assert {src.doc_id for src in revised.sources} == {"prev", "a2"}
    protest = next(s for s in story(report, "s:almaty").timeline if s.data["type"] == "PROTEST")
    assert protest.data["new"] is False and protest.text == "Январь 2022, Казахстан: Протесты."
    assert_sourced(report, db)


def test_timeline_and_quotes(db: Any) -> None:
    report = build_report(db, week())
    timeline = story(report, "s:almaty").timeline
    texts = [s.text for s in timeline]
    assert texts[-2:] == ["7 января 2022, Алма-Ата: Нападение («погибших»).",
                          "7 января 2022: МВД Казахстана пригрозило."]  # the trigger is not repeated
    assert "6 января 2022, Казахстан: Касым-Жомарт Токаев обратился с просьбой («обратился за помощью»)." in texts
    request = next(s for s in timeline if s.data["type"] == "REQUEST")
    assert request.evidence is not None and request.evidence.mark == "обратился за помощью"
    assert (request.evidence.before, request.evidence.after) == ("Токаев ", ".")  # the one sentence
    [quote] = story(report, "s:almaty").quotes
    assert quote.text == "МВД Казахстана заявило: «Порядок восстановлен»."
    en = build_report(db, week(), lang="en")
    assert "6 January 2022, Kazakhstan: Kassym-Jomart Tokayev made a request (“обратился за помощью”)." in \
        [s.text for s in story(en, "s:almaty").timeline]


def test_filters_place_entity_story(db: Any) -> None:
    almaty = build_report(db, week(place="Алма-Ата"))
    assert {s.story_id for s in almaty.stories} == {"s:almaty"}
    # events in Almaty, and the events without a place of their own in the same documents; never the
    # events of these stories placed elsewhere (Tokayev's request in Kazakhstan)
    assert [(s.data["type"], s.data["place"]) for s in almaty.stories[0].timeline] == [
        ("ASSAULT", "Алма-Ата"), ("THREATEN", None)]
    assert almaty.title == "Сводка: Алма-Ата, 5–11 января 2022"
    kz = build_report(db, week(place="KZ"))
    assert {s.story_id for s in kz.stories} == {"s:almaty", "s:heavy"}
    assert {s.story_id for s in build_report(db, week(place="Казахстан")).stories} == {"s:almaty", "s:heavy"}
    tokayev = build_report(db, week(entity="Касым-Жомарт Токаев"))
    assert [e.data["type"] for s in tokayev.stories for e in s.timeline] == ["REQUEST"]
    only = build_report(db, week(story="s:heavy"))
    assert [s.story_id for s in only.stories] == ["s:heavy"]
    with pytest.raises(UnknownFilter, match="Нарния"):
        build_report(db, week(place="Нарния"))
    with pytest.raises(UnknownFilter):
        build_report(db, week(entity="Никто Никтоев"))
    with pytest.raises(ReportError, match="starts after it ends"):
        build_report(db, Filters(start=date(2022, 1, 9), end=date(2022, 1, 1)))
    limited = build_report(db, week(), limits=Limits(stories=1))
    assert len(limited.stories) == 1 and limited.notes == ["Показаны главные сюжеты: 1 из 3."]


def test_default_period_is_the_week_of_the_latest_dated_event(db: Any) -> None:
    report = build_report(db)
    assert (report.start, report.end) == (date(2022, 1, 1), date(2022, 1, 7))
    empty = build_report(db, Filters(start=date(1999, 1, 1), end=date(1999, 1, 7)))
    assert empty.stories == [] and empty.since == []


def test_article_markup_stays_text(db: Any) -> None:
    report = build_report(db, week())
    page = to_html(report)
    assert "<script>" not in page and "<img" not in page and "<b>Злое" not in page and "<i>Заголовок" not in page
    assert "&lt;script&gt;" in page and "&lt;i&gt;Заголовок&lt;/i&gt;" in page
    md = to_markdown(report)
    assert "<script>" not in md and "&lt;script&gt;" in md
    data = json.loads(json.dumps(to_dict(report)))
    assert any("<script>" in src["quote"] or "<script>" in (s.get("evidence") or {}).get("after", "")
               for st_ in data["stories"] for s in st_["timeline"] for src in s["sources"])  # JSON keeps it as data


def test_markdown_and_html_cite_every_sentence(db: Any) -> None:
    report = build_report(db, week())
    md = to_markdown(report)
    assert "## Главное" in md and "## С прошлой сводки (29 декабря 2021 – 4 января 2022)" in md
    assert "## Источники" in md and "символы" in md and "Агентство А" in md
    for s in report.sentences():
        if s.kind not in ("headline", "summary"):
            line = next(line for line in md.splitlines() if s.text.replace("<", "&lt;")[:30] in line.replace("\\", ""))
            assert "[" in line.split(" ")[-1], line
    page = to_html(report)
    assert page.count('class="ref"') >= sum(len(s.sources) > 0 for s in report.sentences())
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="map"' in page and 'class="point"' in page


def test_map_is_cropped_around_the_places() -> None:
    from svodka.chronicle.report import MapPlace

    svg = map_svg([MapPlace("e:1", "Алма-Ата", 43.25, 76.92, "city", 3), MapPlace("e:2", "Нигде", None, None, None, 1)])
    assert svg.count("<circle") == 1 and "Алма-Ата" in svg and 0 < svg.count("<path") < 60
    assert map_svg([MapPlace("e:2", "Нигде", None, None, None, 1)]) == ""


# --- the API and the command ------------------------------------------------------------------

def test_api_report(store_path: Path) -> None:
    from svodka.api import create_app

    with TestClient(create_app(store_path)) as client:
        r = client.get("/api/report", params={"start": "2022-01-05", "end": "2022-01-11", "lang": "en"})
        assert r.status_code == 200
        data = r.json()
        assert data["title"] == "Situation report: 5–11 January 2022" and data["stories"][0]["story_id"] == "s:almaty"
        assert all(s["sources"] for st_ in data["stories"] for s in st_["timeline"] + st_["quotes"])
        page = client.get("/api/report", params={"start": "2022-01-05", "end": "2022-01-11", "format": "html"})
        assert page.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert '<link rel="stylesheet" href="/static/report.css">' in page.text and "<style>" not in page.text
        assert 'href="/#/doc/a1/' in page.text and "<script>" not in page.text
        assert client.get("/static/report.css").status_code == 200
        assert client.get("/api/report", params={"place": "Нарния"}).status_code == 404
        assert client.get("/api/report", params={"lang": "de"}).status_code == 422
        swapped = client.get("/api/report", params={"start": "2022-01-11", "end": "2022-01-05", "lang": "en"})
        assert swapped.status_code == 200 and swapped.json()["title"] == data["title"]  # the dates between
        assert client.get("/api/report", params={"place": "x" * 500}).status_code == 422
        # the calendar's ends are clamped (no date overflow, and a schema-valid date is never refused)
        early = client.get("/api/report", params={"end": "0001-01-01"})
        assert early.status_code == 200 and early.json()["stories"] == []
        assert "/api/report" in client.get("/openapi.json").json()["paths"]


def test_command_writes_markdown_html_json(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    result = runner.invoke(app, ["report", "--db", str(store_path), "--from", "2022-01-05", "--to", "2022-01-11",
                                 "--place", "KZ", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Сводка: Казахстан, 5–11 января 2022")
    result = runner.invoke(app, ["report", "--db", str(store_path), "--lang", "en", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["lang"] == "en"
    html_out = tmp_path / "r.html"
    assert runner.invoke(app, ["report", "--db", str(store_path), "-f", "html", "-o", str(html_out)]).exit_code == 0
    assert "<style>" in html_out.read_text(encoding="utf-8")  # standalone: the stylesheet inlined
    for bad in (["--from", "2022-1-5"], ["--place", "Нарния"], ["--format", "docx"], ["-f", "pdf"],
                ["--lang", "fr"]):
        result = runner.invoke(app, ["report", "--db", str(store_path), *bad])
        assert result.exit_code == 2, (bad, result.output)
    assert runner.invoke(app, ["report", "--db", str(tmp_path / "none.duckdb")]).exit_code == 2


def test_pdf_without_chromium_is_a_clear_error(store_path: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SVODKA_CHROMIUM", str(tmp_path / "no-chromium"))
    result = runner.invoke(app, ["report", "--db", str(store_path), "-f", "pdf", "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and "needs Chromium" in result.output
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.skipif(not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()),
                    reason="Debian chromium is not installed")
def test_pdf_through_headless_chromium(db: Any, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    to_pdf(build_report(db, week()), out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000


# --- the seed article ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_db(seed_record: Record, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    with Store(path) as store:
        store.ingest([seed_record])
    conn = duckdb.connect(str(path), read_only=True)
    yield conn
    conn.close()


@pytest.mark.slow
def test_seed_report_says_each_fact_with_its_source(seed_db: Any) -> None:
    report = build_report(seed_db)  # the default period: the week of the latest dated event
    assert (report.start, report.end) == (date(2021, 12, 31), date(2022, 1, 6))
    assert_sourced(report, seed_db)
    [main] = report.stories
    events = {s.data["type"]: s for s in main.timeline}

    def said(sentence: Any, *words: str) -> None:
        assert sentence.sources and all(w in sentence.text for w in words), sentence.text

    # protests in Kazakhstan
    said(events["PROTEST"], "Казахстан", "Протесты")
    assert events["PROTEST"].sources[0].quote == "протесты"
    # the counter-terrorist operation, per the head of the region via Хабар 24
    coerce = next(s for s in main.timeline if "антитеррористическую операцию" in s.text)
    said(coerce, "Кызылординская область", "Силовые меры")
    assert coerce.sources[0].per[:2] == ["Гульшара Абдыкаликова", "Хабар 24"]
    # CSTO forces sent at Tokayev's request: the aid (its actor is the CSTO's Collective Security Council)
    # and Tokayev's request, both read from one sentence that names the ОДКБ
    aid, request = events["AID"], events["REQUEST"]
    said(aid, "6 января 2022", "ОДКБ оказала помощь Казахстану")
    said(request, "6 января 2022", "Касым-Жомарт Токаев обратился с просьбой", "обращения за помощью")
    assert aid.evidence is not None and request.evidence is not None
    aid_sentence = aid.evidence.before + aid.evidence.mark + aid.evidence.after
    assert "(ОДКБ)" in aid_sentence and "миротворческие силы" in aid_sentence
    assert aid_sentence == request.evidence.before + request.evidence.mark + request.evidence.after
    # the figures, per the Ministry of Health via Хабар-24
    figures = {g.kind: g.items for g in main.figures}
    said(figures["injured"][0], "Более 1000 пострадавших — по данным Минздрава (через «Хабар 24»)")
    said(figures["hospitalized"][0], "Около 400 госпитализированных — по данным Минздрава (через «Хабар 24»)")
    said(figures["critical"][0], "62 человека в тяжёлом состоянии — по данным Минздрава (через «Хабар 24»)")
    assert figures["critical"][0].sources[0].quote == "62 человека"
    # the MVD's threat via RIA Novosti
    said(events["THREATEN"], "МВД Казахстана пригрозило", "ждет уничтожение")
    assert events["THREATEN"].sources[0].per == ["МВД Казахстана", "РИА Новости"]
    # Borrell's statement
    borrell = [s for s in main.quotes if s.text.startswith("Жозеп Боррель написал")]
    assert any("внешняя военная помощь Казахстану" in s.text for s in borrell)
    assert all(s.sources[0].per == ["Жозеп Боррель", "Twitter"] for s in borrell)
    # the Blinken–Tleuberdi call
    said(events["CONSULT"], "Энтони Блинкен провёл переговоры с Мухтаром Тлеуберди", "телефонном разговоре")
    # since the last report: everything is new
    assert report.since[0].text == "10 новых событий."
    # a report on Kazakhstan keeps the threat and the call, which have no place of their own
    kz = build_report(seed_db, Filters(place="Казахстан"))
    assert {s.data["type"] for s in kz.stories[0].timeline} >= {"PROTEST", "AID", "REQUEST", "THREATEN", "CONSULT"}

    en = build_report(seed_db, lang="en")
    assert_sourced(en, seed_db)
    text = to_markdown(en)
    for phrase in ("More than 1,000 injured — according to Health Ministry (via Khabar 24)",
                   "About 400 hospitalized", "62 people in critical condition", "Kasym-Zhomart Tokayev made a request",
                   "held talks with Mukhtar Tleuberdi", "Protests"):
        assert phrase in text, phrase
