"""Datelines and page stamps: the publication date written in a text.

The texts are written for these tests in the shapes news pages and agency wires use; none is copied
from a data set. Each case is (text, reference date, expected date or None, expected stamp text).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.dateline import find_dateline

CASES: list[tuple[str, str | None, str | None, str | None]] = [
    # labelled stamps; the publication wins over the update
    ("Заголовок статьи\n\nвремя публикации: 15 декабря 2020 г., 09:10 | последнее обновление: 15 декабря "
     "2020 г., 14:04\n\nТекст статьи о выборах.", "2021-02-01", "2020-12-15T09:10",
     "время публикации: 15 декабря 2020 г., 09:10"),
    ("Заголовок\nОпубликовано 06.01.2022 14:05\nПолиция задержала троих.", None, "2022-01-06T14:05",
     "Опубликовано 06.01.2022 14:05"),
    ("Заголовок\nОпубликовано: 06.01.22, 14:05\nПолиция задержала троих.", None, "2022-01-06T14:05",
     "Опубликовано: 06.01.22, 14:05"),
    ("Заголовок\nОбновлено 07.01.2022 10:00\nОпубликовано 06.01.2022 14:05\nТекст.", None, "2022-01-06T14:05",
     "Опубликовано 06.01.2022 14:05"),
    ("Заголовок\n\n21 августа 2020\n\nОбновлено 30 октября 2020\n\nИзбиратели решат.", "2021-02-01",
     "2020-08-21", "21 августа 2020"),
    # an update stamp alone is the best the page gives
    ("Заголовок\nОбновлено: 19.01.2021\nТекст о вакцинации.", "2021-02-01", "2021-01-19", "Обновлено: 19.01.2021"),
    ("Title\n\nPublished: January 6, 2022 at 10:15 pm\n\nThe president said.", None, "2022-01-06T22:15",
     "Published: January 6, 2022 at 10:15 pm"),
    # agency datelines, the year from the crawl date and never after it
    ("МОСКВА, 6 января. /ТАСС/. Президент Казахстана заявил о стабилизации.", "2022-03-01", "2022-01-06",
     "МОСКВА, 6 января. /ТАСС/"),
    ("МОСКВА, 6 января. /ТАСС/. Президент Казахстана заявил о стабилизации.", "2022-01-03", "2021-01-06",
     "МОСКВА, 6 января. /ТАСС/"),
    ("АЛМАТЫ, 6 янв — РИА Новости. Протесты продолжаются.", "2022-01-10", "2022-01-06", "АЛМАТЫ, 6 янв —"),
    ("Заголовок\n\nМосква. 1 ноября. INTERFAX.RU - Суд отменил приговор.", "2018-11-02", "2018-11-01",
     "Москва. 1 ноября. INTERFAX.RU"),
    ("Заголовок\n\nС.-ПЕТЕРБУРГ, 14 янв - РИА Новости. В республику поступила вакцина.", "2021-02-01",
     "2021-01-14", "С.-ПЕТЕРБУРГ, 14 янв -"),
    ("ТАСС, 24 ноября. Полиция задержала лидера партии.", "2018-11-30", "2018-11-24", "ТАСС, 24 ноября."),
    ("Лондон, 7 октября\n\nЯ подтверждаю, что силы вовлечены в операцию.", "2001", "2001-10-07", "Лондон, 7 октября"),
    ("Санкт-Петербург, 5 января 2021, 10:26 — REGNUM Комитет сообщил.", "2021-02-01", "2021-01-05T10:26",
     "Санкт-Петербург, 5 января 2021, 10:26 —"),
    ("LONDON, Jan 6 (Reuters) - Britain said on Thursday.", "2022-02-01", "2022-01-06", "LONDON, Jan 6 (Reuters)"),
    # bare stamps at the start or end of a line
    ("Заголовок\n06.01.2022, 14:05\nПолиция задержала троих.", None, "2022-01-06T14:05", "06.01.2022, 14:05"),
    ("Суд отменил приговор 04.11.2018\n\nВерховный суд принял решение.", None, "2018-11-04", "04.11.2018"),
    ("Заголовок\n\n14:54, 2 Ноябрь, 2018 Власти отложили освобождение.", None, "2018-11-02T14:54",
     "14:54, 2 Ноябрь, 2018"),
    ("Title\nJan 6, 2022\nThe president said.", None, "2022-01-06", "Jan 6, 2022"),
    ("Title\n6 January 2022\nThe president said.", None, "2022-01-06", "6 January 2022"),
    ("Заголовок\n\nЧетверг, 21/01/2021\n\nНовый президент вернул страну в ВОЗ.", None, "2021-01-21",
     "Четверг, 21/01/2021"),
    ("Заголовок\n\n12 января , 19:13\n\nКак правильно привиться.", "2021-02-01", "2021-01-12T19:13",
     "12 января , 19:13"),
    ("Заголовок\n05/08/2008 10:35\nБИШКЕК, 5 августа /Новости-Грузия/. Найдены винтовки.", "2008-08-05",
     "2008-08-05T10:35", "05/08/2008 10:35"),
    # dates merely mentioned in the story, relative stamps, clock times alone: no publication date
    ("Заголовок\nВ среду, 29 апреля 2020 года, у премьер-министра родился сын.", None, None, None),
    ("Заголовок\nСегодня, 31 октября, Верховный суд освободил христианку.", "2018-11-01", None, None),
    ("Заголовок\n\n, 11:10 REGNUM Суд отменил приговор 31 октября.", "2018-11-01", None, None),
    ("Заголовок\nПо данным на 01.02.2021 привиты сто человек.", None, None, None),
    ("6 января в 10:00 по местному времени полиция начала операцию.", "2022-02-01", None, None),
    ("Тулси Габбард, 12 февраля 2020 года\n\nГаббард набрала мало голосов.", None, None, None),
    ("Избирательный участок, город Лас-Крусес, 2 июня 2020\n\nВласти делают всё возможное.", None, None, None),
    ("Заголовок\n\nВчера, 23:34\n\nМинистр выступил перед журналистами.", "2019-01-18", None, None),
    ("Выход из ЕС назначен на 29 марта 2019 года.", "2018-07-09", None, None),
    # a dateline without a year and without a reference cannot be dated
    ("МОСКВА, 6 января. /ТАСС/. Президент заявил.", None, None, None),
    # a stamp later than the crawl is not a publication date
    ("Заголовок\n06.01.2023, 14:05\nТекст.", "2022-01-06", None, None),
]


@pytest.mark.parametrize(("text", "reference", "expected", "stamp"), CASES)
def test_cases(text: str, reference: str | None, expected: str | None, stamp: str | None) -> None:
    found = find_dateline(text, reference)
    if expected is None:
        assert found is None, f"unexpected {found} from {text[found.start:found.end]!r}" if found else ""
        return
    assert found is not None
    assert found.date == expected
    assert found.precision == ("minute" if "T" in expected else "day")
    assert text[found.start:found.end] == stamp


def test_stamps_in_the_middle_of_the_story_are_not_read() -> None:
    lede = "Протесты начались в Жанаозене и охватили страну. " * 40
    text = f"Заголовок\n\n{lede}\n\nМОСКВА, 6 января. /ТАСС/. Цитата.\n\n{lede}\n\n{lede}\n\nКонец."
    assert find_dateline(text, "2022-01-10") is None


def test_a_stamp_at_the_end_of_the_page_is_read() -> None:
    body = "\n\n".join(f"Абзац номер {i} о событиях в городе." for i in range(30))
    text = f"Заголовок\n\n{body}\n\n06.01.2022 14:05"
    found = find_dateline(text)
    assert found is not None and found.date == "2022-01-06T14:05" and found.kind == "tail"


# --------------------------------------------------------------------------- properties

RU_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
          "ноября", "декабря"]
EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December"]

days = st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 31))
times = st.one_of(st.none(), st.tuples(st.integers(0, 23), st.integers(0, 59)))


def render(day: date, clock: tuple[int, int] | None, shape: int) -> str:
    """A stamp of ``day`` (and ``clock``) in one of the shapes pages use."""
    hm = f"{clock[0]:02d}:{clock[1]:02d}" if clock else ""
    if shape == 0:
        stamp = f"{day.day:02d}.{day.month:02d}.{day.year}"
        return f"{stamp} {hm}".strip()
    if shape == 1:
        stamp = f"{day.day} {RU_GEN[day.month - 1]} {day.year}"
        return f"{stamp}, {hm}" if hm else stamp
    if shape == 2:
        stamp = f"{EN[day.month - 1]} {day.day}, {day.year}"
        return f"{stamp} {hm}".strip()
    if shape == 3:
        return f"время публикации: {day.day} {RU_GEN[day.month - 1]} {day.year} г." + (f", {hm}" if hm else "")
    return f"Опубликовано {day.isoformat()}" + (f"T{hm}" if hm else "")


@settings(max_examples=300, deadline=None)
@given(day=days, clock=times, shape=st.integers(0, 4),
       title=st.sampled_from(["Суд вынес приговор", "Выборы в США", "Протесты в Казахстане", "Talks in Geneva"]))
def test_rendered_stamps_round_trip(day: date, clock: tuple[int, int] | None, shape: int, title: str) -> None:
    stamp = render(day, clock, shape)
    text = f"{title}\n\n{stamp}\n\nПервый абзац статьи о событиях 3 марта 2001 года в столице."
    found = find_dateline(text, None)
    assert found is not None, stamp
    assert found.date[:10] == day.isoformat()
    assert (found.precision == "minute") == (clock is not None)
    if clock is not None:
        assert found.date[11:] == f"{clock[0]:02d}:{clock[1]:02d}"
    assert stamp.endswith(text[found.start:found.end]) or text[found.start:found.end] == stamp


@settings(max_examples=200, deadline=None)
@given(day=days, city=st.sampled_from(["МОСКВА", "КИЕВ", "АЛМАТЫ", "ВАШИНГТОН", "NEW YORK"]),
       agency=st.sampled_from(["/ТАСС/", "— РИА Новости", "ПРАЙМ", "(Reuters) -"]),
       crawl_after=st.integers(0, 300))
def test_datelines_take_the_latest_year_not_after_the_crawl(day: date, city: str, agency: str,
                                                          crawl_after: int) -> None:
    if (day.month, day.day) == (2, 29):
        return
    crawl = day + timedelta(days=crawl_after)
    month = EN[day.month - 1][:3] if city.isascii() else RU_GEN[day.month - 1]
    text = f"{city}, {day.day} {month}. {agency}. Стороны договорились о перемирии."
    found = find_dateline(text, crawl.isoformat())
    assert found is not None
    assert found.date == day.isoformat()


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
noisy = st.lists(st.one_of(texts, st.sampled_from([
    "МОСКВА, 6 января. /ТАСС/.", "06.01.2022 14:05", "время публикации: 31 февраля 2020 г., 25:61",
    "Обновлено 07.01.2022", "29.02.2021", "Jan 32, 2022", "\n", " | ", "12.12.20", "Сегодня, 1:34",
    "00.00.2000", "99:99", "Четверг, 21/13/2021", "LONDON, Feb 30 (Reuters) -"])), max_size=12).map("".join)
references = st.one_of(st.none(), st.sampled_from(["2022-01-06", "2022", "2022-01", "2022-01-06T10:00:00Z",
                                                  "bad", "", "2021-02-30"]), st.dates().map(date.isoformat))


@settings(max_examples=400, deadline=None)
@given(text=noisy, reference=references)
def test_never_raises_and_returns_valid_dates(text: str, reference: str | None) -> None:
    found = find_dateline(text, reference)
    if found is None:
        return
    value = datetime.fromisoformat(found.date)  # a real calendar date and clock time
    assert found.precision == ("minute" if "T" in found.date else "day")
    assert 0 <= found.start < found.end <= len(text)
    ref = reference[:10] if reference else ""
    try:
        latest = date.fromisoformat(ref)
    except ValueError:
        latest = None
    if latest is not None:
        assert value.date() <= latest + timedelta(days=1)
    # the stamp read alone gives the same date: the span is the stamp, not a guess around it
    again = find_dateline(text[found.start:found.end], reference)
    assert again is not None and again.date == found.date
