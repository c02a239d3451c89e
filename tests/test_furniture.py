"""Page furniture in crawled text: removed, while every sentence of the article stays.

The pages are written for these tests in the shapes crawls of Russian news sites take (notices, menus,
"Читайте также" lists, counters, comment threads, imprint); none is copied from a data set.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.furniture import find, mask

ARTICLE = [
    "Протесты в Алма-Ате продолжаются третий день",
    "Тысячи человек вышли на площадь Республики в центре Алма-Аты. Полиция применила слезоточивый газ.",
    "По данным министерства здравоохранения, более ста человек обратились за медицинской помощью. "
    "Двенадцать из них госпитализированы в тяжелом состоянии.",
    "Что требуют протестующие",
    "Участники акции требуют снизить цены на газ и отправить правительство в отставку. Президент Касым-Жомарт "
    "Токаев пообещал рассмотреть требования.",
    "Акимат города призвал жителей не выходить из домов без необходимости.",
]

PAGE = "\n\n".join([
    "Вы используете устаревшую версию браузера. Обновите браузер для корректной работы сайта.",
    "Главная",
    "Новости",
    "Политика",
    "Казахстан",
    ARTICLE[0],
    "06.01.2022, 14:05",
    "Фото: Reuters",
    ARTICLE[1],
    ARTICLE[2],
    "Читайте также:",
    "Генпрокурор Игорь Петров ушёл в отставку",
    ARTICLE[3],
    ARTICLE[4],
    "Реклама",
    ARTICLE[5],
    "Поделиться",
    "Комментарии: 12",
    "Теги: Казахстан, протесты, газ",
    "Подписывайтесь на наш канал в Telegram, чтобы не пропустить главное.",
    "Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь с политикой конфиденциальности.",
    "© 2022 Информационное агентство. Все права защищены. Перепечатка материалов без ссылки запрещена.",
])

FURNITURE = [
    "Вы используете устаревшую версию браузера", "Главная", "Новости", "Политика", "06.01.2022, 14:05",
    "Фото: Reuters", "Читайте также:", "Генпрокурор Игорь Петров", "Реклама", "Поделиться", "Комментарии: 12",
    "Теги:", "Подписывайтесь", "Мы используем файлы cookie", "Все права защищены",
]


def kept(text: str, body: list[tuple[int, int]], part: str) -> bool:
    """True when every character of the first occurrence of ``part`` lies in the body."""
    start = text.index(part)
    return all(any(a <= i < b for a, b in body) for i in range(start, start + len(part)) if not text[i].isspace())


def removed(text: str, body: list[tuple[int, int]], part: str) -> bool:
    start = text.index(part)
    return not any(a <= i < b for a, b in body for i in range(start, start + len(part)))


def test_the_page_keeps_the_article_and_loses_the_furniture() -> None:
    found = find(PAGE)
    assert found.found
    for paragraph in ARTICLE:
        assert kept(PAGE, found.body, paragraph), paragraph
    for piece in FURNITURE:
        assert removed(PAGE, found.body, piece), piece


def test_a_clean_article_has_no_furniture() -> None:
    text = "\n\n".join(ARTICLE)
    found = find(text)
    assert not found.found
    assert found.body == [(0, len(text))]


def test_mask_keeps_offsets_and_newlines() -> None:
    found = find(PAGE)
    masked = mask(PAGE, found.spans)
    assert len(masked) == len(PAGE)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(PAGE) if c == "\n"]
    for a, b in found.body:
        assert masked[a:b] == PAGE[a:b]
    assert "браузер" not in masked and "Генпрокурор" not in masked


def test_a_related_list_mid_article_ends_where_the_article_resumes() -> None:
    paragraphs = [f"Абзац {i}: власти сообщили о новых задержаниях в городе, число задержанных выросло до {i}00 "
                  f"человек, сообщает агентство." for i in range(1, 5)]
    text = "\n\n".join([
        "Заголовок новости о задержаниях", paragraphs[0], paragraphs[1], "Читайте также:",
        "В Москве открылась выставка", "Курс доллара упал", "Цены на бензин выросли", paragraphs[2],
        "Подзаголовок без точки", paragraphs[3],
    ])
    found = find(text)
    # the last title right above a paragraph may be the article's own subheading: it stays
    for p in [*paragraphs, "Подзаголовок без точки", "Цены на бензин выросли"]:
        assert kept(text, found.body, p), p
    for p in ["Читайте также:", "В Москве открылась выставка", "Курс доллара упал"]:
        assert removed(text, found.body, p), p


def test_a_gallery_after_see_also_goes_to_the_end() -> None:
    lede = ("Конгресс утвердил итоги выборов после многочасового заседания, которое прервали беспорядки "
            "у здания парламента.")
    items = []
    for i in range(6):
        items += ["Беспорядки в столице 6 января", f"Подпись к снимку номер {i}: демонстранты у здания."]
    text = "\n\n".join(["Конгресс утвердил итоги выборов", lede, "Смотрите также:", *items, "Автор: Иван Петров"])
    found = find(text)
    assert kept(text, found.body, lede)
    assert removed(text, found.body, "Подпись к снимку номер 3")
    assert removed(text, found.body, "Автор: Иван Петров")


def test_a_comment_thread_after_the_article_goes() -> None:
    article = ("Министр заявил, что цены на топливо будут снижены с понедельника, а правительство выделит "
               "дополнительные средства регионам.")
    text = "\n\n".join(["Цены на топливо снизят", article, "Комментарии:",
                        "Наконец-то, давно пора было это сделать.", "А я не верю, посмотрим через месяц.",
                        "Авторизуйтесь, чтобы оставить комментарий."])
    found = find(text)
    assert kept(text, found.body, article)
    assert removed(text, found.body, "Наконец-то")
    assert removed(text, found.body, "А я не верю")


def test_a_notice_glued_to_a_long_article_sentence_is_left_alone() -> None:
    # Crawls glue a notice to the article with no full stop between: taking the "sentence" would take
    # the article's, so a long sentence with a single notice phrase stays (an imprint needs two).
    sentence = ("Подписывайтесь на наш канал Премьер-министр Дании также отметила поддержку Международного "
                "уголовного суда и заявила, что страна выделит дополнительные средства на расследование "
                "преступлений, совершенных в ходе войны, и на помощь пострадавшим семьям в пострадавших регионах.")
    text = f"Заголовок\n\n{sentence}"
    assert kept(text, find(text).body, sentence)


def test_dates_and_numbers_inside_the_article_stay() -> None:
    text = "\n\n".join([
        "Календарь чемпионата утвержден",
        "Федерация утвердила календарь сезона, который откроется гонкой в Мельбурне и завершится в Бразилии.",
        "7 марта", "Мельбурн, Австралия", "21 марта", "Сепанг, Малайзия", "1:2",
        "Матч завершился победой гостей, которые забили решающий гол на последней минуте встречи.",
    ])
    found = find(text)
    for part in ["7 марта", "21 марта", "1:2", "Мельбурн, Австралия"]:
        assert kept(text, found.body, part), part


@pytest.mark.parametrize("line", [
    "Если вы заметили ошибку, выделите ее мышкой и нажмите Ctrl+Enter",
    "Наш сайт использует файлы cookie, чтобы улучшить работу сайта.",
    "Материалы ИноСМИ содержат оценки исключительно зарубежных СМИ и не отражают позицию редакции.",
    "Свидетельство о регистрации СМИ Эл № ФС77-12345 выдано Роскомнадзором.",
    "Просмотров: 1520",
    "Прослушать новость",
    "BB-код для форумов:",
    "***",
])
def test_notices_are_removed_whole(line: str) -> None:
    article = "Президент подписал указ о повышении пенсий. Указ вступит в силу с первого марта."
    text = f"Пенсии повысят с марта\n\n{article}\n\n{line}"
    found = find(text)
    assert removed(text, found.body, line)
    assert kept(text, found.body, article)


@pytest.mark.parametrize("sentence", [
    "Суд обязал сайты получать согласие пользователей на использование файлов cookie.",
    "Депутаты предложили подписаться под обращением к правительству.",
    "Фото президента висит в каждом кабинете министерства.",
    "Комментарии экспертов разошлись: одни ждут роста, другие падения.",
    "Реклама алкоголя на телевидении будет запрещена с января.",
    "Поделиться опытом приехали врачи из трех областей.",
])
def test_article_sentences_that_use_furniture_words_stay(sentence: str) -> None:
    text = f"Заголовок новости\n\nПервый абзац новости о решении суда и реакции депутатов.\n\n{sentence}"
    found = find(text)
    assert kept(text, found.body, sentence), found.spans


# --------------------------------------------------------------------------- properties

# Notices that say nothing about the lines after them. (A comment heading followed by a comment form
# does: what follows it is a thread, as test_a_comment_thread_after_the_article_goes checks.)
NOTICES = [
    "Вы используете устаревшую версию браузера.", "Поделиться", "Комментарии: 3", "Реклама", "Фото: ТАСС",
    "Читайте также:", "Теги: политика", "Подписывайтесь на наш канал в Telegram", "© 2021 Все права защищены",
    "Главная", "12:45", "Мы используем cookies", "Оставайтесь в курсе последних событий!", "Смотрите также",
    "Если вы заметили ошибку, выделите ее и нажмите Ctrl+Enter", "Прослушать новость", "Просмотров: 1520",
]
WORDS = ["власти", "заявили", "протестующие", "город", "полиция", "задержала", "министр", "сообщил",
         "решение", "суд", "правительство", "выборы", "депутаты", "регион", "граждане", "цены", "газ"]

sentences = st.lists(st.sampled_from(WORDS), min_size=6, max_size=14).map(lambda ws: " ".join(ws))


@settings(max_examples=200, deadline=None)
@given(body=st.lists(sentences, min_size=2, max_size=8),
       noise=st.lists(st.tuples(st.integers(0, 20), st.sampled_from(NOTICES)), max_size=10))
def test_every_article_sentence_survives_any_furniture_around_it(body: list[str],
                                                                  noise: list[tuple[int, str]]) -> None:
    # each paragraph is a numbered, unique sentence of the article
    paragraphs = [f"{i + 1}-й абзац: {s[0].upper()}{s[1:]} в {i + 1990} году." for i, s in enumerate(body)]
    lines = ["Заголовок новости о решении суда", *paragraphs]
    for where, notice in noise:
        lines.insert(min(where, len(lines)), notice)
    text = "\n\n".join(lines)
    found = find(text)
    for p in paragraphs:
        assert kept(text, found.body, p), (p, found.spans)
    # spans are sorted, apart, inside the text; body and furniture cover every visible character
    edges = [(a, b) for a, b, _ in found.spans]
    assert edges == sorted(edges)
    assert all(0 <= a < b <= len(text) for a, b in edges + found.body)
    for i, c in enumerate(text):
        if not c.isspace():
            in_body = any(a <= i < b for a, b in found.body)
            in_furniture = any(a <= i < b for a, b in edges)
            assert in_body != in_furniture


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from([*"абв ГД.,:!?…\n|©0123456789", "Читайте также:\n", "Поделиться\n",
                                      "Реклама", "Комментарии\n", "06.01.2022 ", "МОСКВА, 6 января. /ТАСС/."]),
                     max_size=200).map("".join))
def test_arbitrary_text_never_breaks_it(text: str) -> None:
    found = find(text)
    masked = mask(text, found.spans)
    assert len(masked) == len(text)
    assert re.sub(r"[^\n]", "", masked) == re.sub(r"[^\n]", "", text)
    for a, b in found.body:
        assert masked[a:b] == text[a:b] and text[a:b].strip() == text[a:b]


# --------------------------------------------------------------------------- in the pipeline


@pytest.fixture(scope="module")
def page_record():  # type: ignore[no-untyped-def]
    from svodka.pipeline import Pipeline
    from svodka.record import InputDocument

    doc = InputDocument(id="page", text=PAGE_WITH_DATELINE, date="2022-01-20", date_source="crawl")
    return Pipeline().extract(doc)


PAGE_WITH_DATELINE = PAGE.replace(ARTICLE[1], "АЛМАТЫ, 6 января. /ТАСС/. " + ARTICLE[1])


def test_pipeline_leaves_furniture_out_of_the_record(page_record) -> None:  # type: ignore[no-untyped-def]
    from svodka.record import spans_of

    record = page_record
    assert record.error is None
    assert record.text == PAGE_WITH_DATELINE  # the original text, furniture included
    from svodka.pipeline import read_page
    from svodka.record import InputDocument

    _, page = read_page(InputDocument(id="page", text=PAGE_WITH_DATELINE, date="2022-01-20", date_source="crawl"))
    assert record.body is not None and record.body == page.body
    names = {e.name for e in record.entities}
    assert "Касым-Жомарт Токаев" in names  # the article's people stay
    assert not any("Петров" in name for name in names)  # the "Читайте также" list's do not
    for ent in record.entities:
        for m in ent.mentions:
            assert any(a <= m.start and m.end <= b for a, b in record.body)
    for start, end, text in spans_of(record):
        assert record.text[start:end] == text


def test_pipeline_dates_the_page_by_its_dateline(page_record) -> None:  # type: ignore[no-untyped-def]
    # "АЛМАТЫ, 6 января. /ТАСС/." gives the day, the page stamp "06.01.2022, 14:05" the minute
    assert (page_record.date, page_record.date_precision, page_record.date_source) == (
        "2022-01-06T14:05", "minute", "dateline")
    assert page_record.crawl_date == "2022-01-20"


@pytest.mark.parametrize(("date", "source", "crawl", "expected"), [
    (None, None, None, ("2021-01-06", "dateline", None)),  # no date and no crawl: a dateline with its year
    ("2022-03-01", "crawl", None, ("2022-01-06", "dateline", "2022-03-01")),  # the crawl date moves aside
    (None, None, "2022-03-01", ("2022-01-06", "dateline", "2022-03-01")),
    ("2022-01-05", "input", None, ("2022-01-05", "input", None)),  # the input's own date is kept
    ("2022-01-05", None, None, ("2022-01-05", None, None)),
])
def test_resolve_date(date: str | None, source: str | None, crawl: str | None,
                      expected: tuple[str, str | None, str | None]) -> None:
    from svodka.pipeline import resolve_date
    from svodka.record import InputDocument

    text = "Протесты продолжаются\n\nМОСКВА, 6 января 2021 г. /ТАСС/. Полиция задержала троих."
    if expected[0] != "2021-01-06":
        text = "Протесты продолжаются\n\nМОСКВА, 6 января. /ТАСС/. Полиция задержала троих."
    doc = InputDocument(id="d", text=text, date=date, date_source=source, crawl_date=crawl)  # type: ignore[arg-type]
    out, _ = resolve_date(doc)
    assert (out.date, out.date_source, out.crawl_date) == expected


def test_an_article_sentence_after_a_notice_on_the_same_line_stays() -> None:
    text = "Заголовок\n\nПодписывайтесь на наш канал в Telegram. Президент прибыл в Минск с визитом."
    found = find(text)
    assert removed(text, found.body, "Подписывайтесь на наш канал в Telegram.")
    assert kept(text, found.body, "Президент прибыл в Минск с визитом.")


def test_a_quote_after_a_notice_is_not_the_site_talking() -> None:
    text = "Заголовок\n\nПодписывайтесь на наш канал. «Мы не сдадимся», — заявил президент на заседании парламента."
    assert kept(text, find(text).body, "«Мы не сдадимся», — заявил президент на заседании парламента.")


def test_a_credit_line_with_a_caption_keeps_the_caption() -> None:
    caption = "Демонстранты у здания парламента в Алма-Ате требуют отставки правительства и снижения цен на газ."
    footer = "© 2022 Информационное агентство. Все права защищены. Перепечатка запрещена."
    text = f"Заголовок\n\nФото: Reuters. {caption}\n\n{footer}"
    found = find(text)
    assert kept(text, found.body, caption)
    assert removed(text, found.body, "Информационное агентство")
