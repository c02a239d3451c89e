"""Quotes: direct and indirect speech, speakers, cues and relaying outlets, on sentences written
for each rule, and the seed's quotes."""

from __future__ import annotations

import pytest

from svodka.pipeline import Pipeline
from svodka.record import InputDocument, Quote, Record

pytestmark = pytest.mark.slow


def run(text: str) -> Record:
    record = Pipeline(["entities", "quotes"]).extract(InputDocument(id="t", text=text))
    assert record.error is None, record.error
    for q in record.quotes or []:
        assert text[q.start:q.end] == q.text
    return record


def names(record: Record) -> dict[str, str]:
    return {e.id: e.name for e in record.entities or []}


def quotes(text: str) -> tuple[list[Quote], dict[str, str]]:
    r = run(text)
    return list(r.quotes or []), names(r)


def test_indirect_with_that_clause_and_pronoun() -> None:
    qs, n = quotes("Министр обороны Франции Пьер Дюран заявил журналистам, что войска останутся в стране. "
                   "Он также подчеркнул, что переговоров не будет.")
    assert [(q.text, n.get(q.speaker or ""), q.cue, q.kind) for q in qs] == [
        ("войска останутся в стране", "Пьер Дюран", "заявил", "indirect"),
        ("переговоров не будет", "Пьер Дюран", "подчеркнул", "indirect"),
    ]


def test_direct_quote_with_dash_reporting_clause() -> None:
    qs, n = quotes("«Мы не отступим ни на шаг», — заявил мэр Самары Иван Петров.")
    assert len(qs) == 1
    assert (qs[0].text, qs[0].kind, n.get(qs[0].speaker or ""), qs[0].cue) == (
        "Мы не отступим ни на шаг", "direct", "Иван Петров", "заявил")


def test_direct_quote_split_by_its_reporting_clause_is_two_quotes() -> None:
    qs, n = quotes("«Ситуация под контролем, — сказала губернатор Анна Смирнова. — Жителям ничего не угрожает».")
    assert [q.text for q in qs] == ["Ситуация под контролем", "Жителям ничего не угрожает"]
    assert {n.get(q.speaker or "") for q in qs} == {"Анна Смирнова"}


def test_direct_quote_after_colon() -> None:
    qs, n = quotes("Посол Италии Марко Росси сказал: «Наша страна поддержит это решение».")
    assert [(q.text, q.kind, n.get(q.speaker or "")) for q in qs] == [
        ("Наша страна поддержит это решение", "direct", "Марко Росси")]


def test_dash_paragraph_is_direct() -> None:
    qs, n = quotes("— Мы готовы к диалогу, — сказал министр Иван Петров.")
    assert [(q.text, q.kind, n.get(q.speaker or "")) for q in qs] == [("Мы готовы к диалогу", "direct", "Иван Петров")]


def test_po_slovam() -> None:
    qs, n = quotes("По словам Ивана Петрова, переговоры продолжатся в понедельник.")
    assert [(q.text, n.get(q.speaker or ""), q.cue) for q in qs] == [
        ("переговоры продолжатся в понедельник", "Иван Петров", "По словам")]


def test_outlet_alone_is_the_speaker() -> None:
    qs, n = quotes("Переговоры продолжатся в понедельник, сообщает ТАСС.")
    assert [(q.text, n.get(q.speaker or ""), q.via) for q in qs] == [
        ("Переговоры продолжатся в понедельник", "ТАСС", [])]


def test_outlet_relaying_a_named_speaker_goes_to_via() -> None:
    qs, n = quotes("Как заявил МЧС России, пожар локализован, сообщает «Интерфакс».")
    assert len(qs) == 1
    assert n.get(qs[0].speaker or "", "").startswith("МЧС")
    assert [n[v] for v in qs[0].via] == ["Интерфакс"]


def test_via_scope_is_the_paragraph_before_the_tail() -> None:
    qs, n = quotes("Пожар потушен, заявил глава района Олег Смирнов в эфире телеканала «Звезда». "
                   "Пострадавших нет, передает Euronews.")
    first = qs[0]
    assert n.get(first.speaker or "") == "Олег Смирнов"
    assert [n[v] for v in first.via] == ["Звезда", "Euronews"]


def test_descriptive_speaker_without_a_name() -> None:
    qs, _n = quotes("Глава региона заявил, что школы откроются в среду.")
    assert len(qs) == 1 and qs[0].speaker is None and qs[0].speaker_text == "Глава региона"


def test_speech_act_with_clause_is_a_quote_without_is_not() -> None:
    qs, n = quotes("Президент Литвы Гитанас Науседа призвал граждан сохранять спокойствие.")
    assert [(q.text, n.get(q.speaker or ""), q.cue) for q in qs] == [
        ("граждан сохранять спокойствие", "Гитанас Науседа", "призвал")]
    assert quotes("Президент Литвы Гитанас Науседа призвал к миру.")[0] == []


@pytest.mark.parametrize("text", [
    "Отмечается, что переговоры продолжатся в понедельник.",  # impersonal
    "По данным МЧС, пожар локализован.",  # attribution only
    "Фильм «Война и мир» вышел в прокат.",  # a title in quotation marks
    "Министр собирается сообщить о решении позже.",  # planned, not said
])
def test_not_quotes(text: str) -> None:
    assert quotes(text)[0] == []


def test_english_reported_speech() -> None:
    qs, n = quotes("John Smith, the mayor, said that the city would rebuild the bridge.")
    assert [(q.text, n.get(q.speaker or ""), q.lang) for q in qs] == [
        ("the city would rebuild the bridge", "John Smith", "en")]


def test_other_language_block_after_a_written_statement() -> None:
    text = ("Премьер-министр Эстонии Кая Каллас написала в Twitter, что ситуация тревожная.\n\n"
            "We stand with our partners.\n\nSecurity in the region must be restored.")
    qs, n = quotes(text)
    last = qs[-1]
    assert last.lang == "en" and last.kind == "direct" and n.get(last.speaker or "") == "Кая Каллас"
    assert last.text.startswith("We stand") and last.text.endswith("restored")


# --- the seed ----------------------------------------------------------------------------------


def _find(record: Record, fragment: str) -> Quote:
    hits = [q for q in record.quotes or [] if fragment in q.text]
    assert len(hits) == 1, [q.text for q in record.quotes or []]
    return hits[0]


def test_seed_borrell(seed_record: Record) -> None:
    n = names(seed_record)
    tweet = _find(seed_record, "External military assistance")
    assert (tweet.lang, tweet.kind, n.get(tweet.speaker or "")) == ("en", "direct", "Жозеп Боррель")
    ru = _find(seed_record, "внешняя военная помощь")
    assert (ru.cue, n.get(ru.speaker or ""), ru.lang) == ("написал", "Жозеп Боррель", "ru")
    assert ru.text.endswith("избегать")


def test_seed_mvd(seed_record: Record) -> None:
    n = names(seed_record)
    q = _find(seed_record, "ждет уничтожение")
    assert q.text == "тех, кто откажется сложить оружие, ждет уничтожение"
    assert n.get(q.speaker or "", "").startswith("МВД") and q.cue == "заявил"
    assert [n[v] for v in q.via] == ["РИА Новости"]


def test_seed_abdykalikova(seed_record: Record) -> None:
    n = names(seed_record)
    q = _find(seed_record, "антитеррористическую операцию")
    assert q.text == "В Кызылординской области на юге Казахстана проводят антитеррористическую операцию"
    assert (n.get(q.speaker or ""), q.cue) == ("Гульшара Абдыкаликова", "заявила")
    assert [n[v] for v in q.via] == ["Хабар 24", "Deutsche Welle"]


def test_seed_blinken_support_is_a_quote_call_without_clause_is_not(seed_record: Record) -> None:
    q = _find(seed_record, "поддержке США конституционных институтов")
    assert q.cue == "заявил"
    assert not any("мирному урегулированию" in x.text for x in seed_record.quotes or [])


def test_role_noun_speaker_is_the_person_introduced_with_that_role() -> None:
    qs, ents = quotes("Президент Украины Петр Порошенко провёл переговоры в Берлине. "
                      "Украинский лидер заявил, что переговоры были трудными.")
    assert qs and ents.get(qs[-1].speaker or "") == "Петр Порошенко"
    assert qs[-1].speaker_text == "Украинский лидер"


def test_role_noun_without_such_a_person_stays_text() -> None:
    qs, _ents = quotes("Министр финансов Алексей Кудрин выступил в Думе. "
                       "Глава региона заявил, что бюджет будет исполнен.")
    assert qs and qs[-1].speaker is None and qs[-1].speaker_text == "Глава региона"


def test_an_unnamed_source_behind_an_outlet_is_the_speaker_text() -> None:
    qs, ents = quotes("Власти освободили активистку из тюрьмы, сообщает Reuters со ссылкой на неназванных чиновников.")
    assert qs and qs[0].speaker is None and qs[0].speaker_text == "неназванных чиновников"
    assert [ents[v] for v in qs[0].via] == ["Reuters"]


def test_a_second_coordinated_cue_shares_the_first_ones_speaker() -> None:
    qs, ents = quotes("Вершбоу сообщил, что запросил информацию у командования в Ираке и подчеркнул, что "
                      "уведомит об этом российскую сторону.")
    assert [ents.get(q.speaker or "") for q in qs] == ["Вершбоу", "Вершбоу"]


# --- speaker resolution (issue #6, second round) ------------------------------------------------


def _spk(qs: list[Quote], n: dict[str, str]) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, n.get(q.speaker or ""), q.speaker_text) for q in qs]


def test_pronoun_agrees_in_gender_with_the_speaker_it_stands_for() -> None:
    qs, n = quotes("Мэр Анна Смирнова приехала на место. Она заявила, что жертв нет. Ее заместитель Олег "
                   "Кузнецов сообщил, что дорогу откроют завтра. Она также отметила, что виновных накажут.")
    assert [(t, s) for t, s, _st in _spk(qs, n)] == [
        ("жертв нет", "Анна Смирнова"), ("дорогу откроют завтра", "Олег Кузнецов"),
        ("виновных накажут", "Анна Смирнова")]


def test_role_nouns_stand_for_the_body_or_speaker_quoted_before() -> None:
    qs, n = quotes("Автобус перевернулся на трассе, сообщил сотрудник пресс-службы областного управления МЧС. "
                   "\"Машина съехала в кювет\", - добавил представитель пресс-службы. Он отметил, что водитель "
                   "задержан. \"Пострадавших нет\", - сказал собеседник агентства.")
    assert [n.get(q.speaker or "") for q in qs] == ["МЧС"] * 4
    assert qs[1].speaker_text == "представитель пресс-службы"  # the role as written is kept


def test_in_the_press_service_is_the_body_named_before() -> None:
    qs, n = quotes("Задержаны двое подозреваемых, сообщили в пресс-службе ГУВД Самарской области. "
                   "\"Они дали признательные показания\", - отметили в пресс-службе.")
    assert [n.get(q.speaker or "") for q in qs] == ["ГУВД Самарской области"] * 2


def test_role_noun_is_the_person_introduced_with_the_same_role() -> None:
    qs, n = quotes("В беседе участвовала член городской комиссии Ольга Иванова. "
                   "\"Условия в изоляторе плохие\", - рассказала член комиссии.")
    assert _spk(qs, n) == [("Условия в изоляторе плохие", "Ольга Иванова", "член комиссии")]


def test_second_tail_outlet_relays_and_the_first_speaks() -> None:
    qs, n = quotes("Пожар потушен к утру, сказал представитель городской администрации, передает РИА \"Новости\".")
    assert [(q.text, q.speaker_text, [n[v] for v in q.via]) for q in qs] == [
        ("Пожар потушен к утру", "представитель городской администрации", ["РИА Новости"])]


def test_link_of_an_introductory_as_clause_is_via_not_the_speaker() -> None:
    qs, n = quotes("Как передает ТАСС со ссылкой на газету \"Время\", фермер Петр Сидоров заявил журналистам, "
                   "что урожай погиб.")
    assert [(q.text, n.get(q.speaker or ""), sorted(n[v] for v in q.via)) for q in qs] == [
        ("урожай погиб", "Петр Сидоров", ["Время", "ТАСС"])]


def test_cite_makes_the_object_the_speaker() -> None:
    qs, n = quotes("Фермер Петр Сидоров вышел к журналистам. \"Мы не сдадимся\", - цитирует Сидорова агентство "
                   "Интерфакс.")
    assert [(q.text, n.get(q.speaker or ""), [n[v] for v in q.via]) for q in qs] == [
        ("Мы не сдадимся", "Петр Сидоров", ["Интерфакс"])]


def test_outlet_told_is_not_the_speaker_and_participle_cue() -> None:
    qs, n = quotes("Новые правила вступят в силу в мае. Об этом сообщил ИТАР-ТАСС официальный представитель "
                   "МИД Франции.")
    assert [(n.get(q.speaker or ""), [n[v] for v in q.via]) for q in qs] == [("МИД Франции", ["ТАСС"])]
    qs, n = quotes("Газета опубликовала интервью посла Италии Марко Росси, заявившего, что переговоры зашли в тупик.")
    assert _spk(qs, n) == [("переговоры зашли в тупик", "Марко Росси", None)]


def test_parenthetical_and_relative_reporting_clauses() -> None:
    qs, n = quotes("Эта тенденция, говорят эксперты, сохранится и в будущем году.")
    assert _spk(qs, n) == [("Эта тенденция, говорят эксперты, сохранится и в будущем году", None, "эксперты")]
    qs, n = quotes("Министр финансов Иван Петров выступил в Думе. Сейчас, сообщил министр, ведомство "
                   "анализирует предложение.")
    assert [(q.cue, n.get(q.speaker or "")) for q in qs] == [("сообщил", "Иван Петров")]
    qs, n = quotes("Недавно Индия провела испытание ракеты, о чем публично заявил премьер-министр страны.")
    assert _spk(qs, n) == [("Недавно Индия провела испытание ракеты", None, "премьер-министр страны")]


def test_gerund_and_but_share_the_subject_and_nested_statement_stays_inside() -> None:
    qs, n = quotes("Губернатор Олег Смирнов заверил жителей, что угрозы нет, но признал, что дамба повреждена, "
                   "добавив, что ремонт займет неделю.")
    assert {n.get(q.speaker or "") for q in qs} == {"Олег Смирнов"} and len(qs) == 3
    qs, n = quotes("Следователь Анна Белова отметила, что его сосед сообщил полиции о том, что слышал выстрелы.")
    assert _spk(qs, n) == [("его сосед сообщил полиции о том, что слышал выстрелы", "Анна Белова", None)]


# --- speaker resolution, fourth round (issue #6) --------------------------------------------------

def test_outlet_told_in_the_dative_relays_and_the_body_speaks() -> None:
    qs, n = quotes("Двое рабочих погибли, сообщили агентству \"Интерфакс\" в Минздраве Самарской области.")
    assert [(q.text, n.get(q.speaker or ""), [n[v] for v in q.via]) for q in qs] == [
        ("Двое рабочих погибли", "Минздрав Самарской области", ["Интерфакс"])]


def test_unnamed_place_of_speech_is_descriptive_not_the_region() -> None:
    qs, _n = quotes("Двое подозреваемых задержаны, сообщили агентству \"Интерфакс\" в правоохранительных органах "
                   "Ставропольского края.")
    assert len(qs) == 1 and qs[0].speaker is None
    assert qs[0].speaker_text is not None and "правоохранительных органах" in qs[0].speaker_text


def test_abbreviation_in_the_reporting_clause_does_not_end_it() -> None:
    qs, n = quotes("\"Мы рассмотрим этот запрос\", - заявил на брифинге в Вашингтоне и.о. пресс-секретаря "
                   "Госдепартамента США Роберт Вуд.")
    assert _spk(qs, n) == [("Мы рассмотрим этот запрос", "Роберт Вуд", None)]


def test_role_noun_is_the_holder_of_the_role_not_its_possessor() -> None:
    qs, n = quotes("Пресс-секретарь президента РФ Владимира Путина Дмитрий Песков не согласился с критикой. "
                   "\"Это не вопрос для обсуждения\", - сказал пресс-секретарь российского президента. "
                   "Представитель Кремля отметил, что Москва делает все возможное.")
    # "представитель X" speaks for X (annotation guide)
    assert [n.get(q.speaker or "") for q in qs] == ["Дмитрий Песков", "Кремль"]


def test_head_of_a_ministry_is_a_minister() -> None:
    qs, n = quotes("С заявлением выступил и глава Форин-офиса Уильям Хейг. Министр иностранных дел "
                   "Великобритании подчеркнул, что борьба с терроризмом продолжится.")
    assert _spk(qs, n) == [("борьба с терроризмом продолжится", "Уильям Хейг",
                            "Министр иностранных дел Великобритании")]


def test_words_of_a_person_relayed_by_an_outlet() -> None:
    qs, n = quotes("Россия не будет обсуждать этот вопрос, передает ТАСС слова Дмитрия Пескова.")
    assert [(q.text, n.get(q.speaker or ""), [n[v] for v in q.via]) for q in qs] == [
        ("Россия не будет обсуждать этот вопрос", "Дмитрий Песков", ["ТАСС"])]


def test_unnamed_source_around_a_name_does_not_make_the_name_speak() -> None:
    qs, n = quotes("Телекомпания CNN сообщила со ссылкой на источники в окружении Рекса Тиллерсона, что он "
                   "может уйти в отставку.")
    assert len(qs) == 1 and qs[0].speaker is None and qs[0].speaker_text == "источники в окружении Рекса Тиллерсона"
    assert [n[v] for v in qs[0].via] == ["CNN"]
    qs, n = quotes("По словам информированного источника \"Интерфакса\", водитель был пьян.")
    assert len(qs) == 1 and qs[0].speaker is None


def test_class_noun_stands_for_the_last_outlet_or_ministry_of_its_class() -> None:
    qs, n = quotes("Об отставке сообщила телекомпания CNN. Телекомпания сообщала о разногласиях в Белом доме.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs][-1] == ("разногласиях в Белом доме", "CNN")
    qs, n = quotes("Встреча прошла в МИД России. \"Стороны обменялись оценками\", - отметили в министерстве.")
    assert [n.get(q.speaker or "") for q in qs] == ["МИД России"]


def test_pronoun_continues_the_newer_subject_but_after_its_cue_the_last_speaker() -> None:
    qs, n = quotes("Полковник Пол Стивенсон заявил, что угроза теракта высока. Похожее заявление сделал и "
                   "министр Уильям Хейг. Он также заявил, что борьба продолжится.")
    assert [n.get(q.speaker or "") for q in qs] == ["Пол Стивенсон", "Уильям Хейг"]
    qs, n = quotes("Тренер Дик Адвокат заявил, что команда готова. Исключением является только "
                   "дисквалифицированный Игорь Денисов. \"Игра с Ирландией самая важная\", - подчеркнул он.")
    assert [n.get(q.speaker or "") for q in qs] == ["Дик Адвокат", "Дик Адвокат"]


def test_as_relayed_then_about_this_takes_the_previous_sentence() -> None:
    qs, n = quotes("Вероятность теракта в Великобритании очень высока. Как передает ИТАР-ТАСС, об этом заявил "
                   "руководитель Скотленд-Ярда Пол Стивенсон.")
    assert [(q.text, n.get(q.speaker or ""), [n[v] for v in q.via]) for q in qs] == [
        ("Вероятность теракта в Великобритании очень высока", "Пол Стивенсон", ["ТАСС"])]


def test_quotation_marks_inside_a_longer_content_are_not_a_direct_quote() -> None:
    qs, n = quotes("Сближение с Россией Сухуми начнет \"пока с экономики\", подчеркнул президент Сергей Багапш.")
    assert _spk(qs, n) == [("Сближение с Россией Сухуми начнет \"пока с экономики\"", "Сергей Багапш", None)]
    qs, n = quotes("Министр Иван Петров отметил, что Москва делает все возможное: \"Мы выполним все "
                   "обязательства\".")
    assert [(q.text, q.kind) for q in qs] == [("Москва делает все возможное", "indirect"),
                                              ("Мы выполним все обязательства", "direct")]


def test_interlocutor_of_an_outlet_is_the_unnamed_source_quoted_before() -> None:
    qs, _n = quotes("По словам источника в областной прокуратуре, склад был подожжен намеренно. "
                    "\"Следы поджога видны повсюду\", - отметил собеседник агентства.")
    assert [(q.text, q.speaker_text) for q in qs] == [
        ("склад был подожжен намеренно", "источника в областной прокуратуре"),
        ("Следы поджога видны повсюду", "источника в областной прокуратуре")]


def test_second_cue_takes_the_first_subject_not_a_noun_of_the_content() -> None:
    qs, n = quotes("Посол Иван Смирнов заявил, что граница стала источником угроз, которая угрожает "
                   "соседям, и добавил, что Москва готова помочь.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [
        ("граница стала источником угроз, которая угрожает соседям", "Иван Смирнов"),
        ("Москва готова помочь", "Иван Смирнов")]


def test_coordinated_cue_after_another_verb_takes_that_verbs_named_subject() -> None:
    qs, n = quotes("Власти Франции потребовали выдать беглеца, но министр Иван Смирнов в этом отказал, "
                   "хотя и выразил пожелание, чтобы беглец уехал в другую страну.")
    assert ("беглец уехал в другую страну", "Иван Смирнов") in [(q.text, n.get(q.speaker or "")) for q in qs]


def test_short_adjective_and_expressed_opinion_are_cues() -> None:
    qs, n = quotes("Губернатор Петр Иванов уверен, что мост откроют к лету. Мэр Анна Котова выразила "
                   "надежду, что ремонт закончится вовремя.")
    assert [(q.text, n.get(q.speaker or ""), q.cue) for q in qs] == [
        ("мост откроют к лету", "Петр Иванов", "уверен"),
        ("ремонт закончится вовремя", "Анна Котова", "выразила")]


def test_colon_at_line_end_introduces_a_block_quote() -> None:
    text = ("Матч перенесли на осень.\nГлавный тренер клуба Олег Белов прокомментировал это:\n"
            "Мы готовы играть в любой день. Решение лиги нас удивило.\nКак сообщалось, клуб подал жалобу:\n"
            "Как стало известно, жалобу рассмотрят в мае.")
    qs, n = quotes(text)
    assert [(q.text, n.get(q.speaker or ""), q.kind) for q in qs] == [
        ("Мы готовы играть в любой день. Решение лиги нас удивило", "Олег Белов", "direct")]


def test_about_this_with_a_trailing_outlet_is_no_quote_of_its_own() -> None:
    qs, n = quotes("Мост через реку закрыли на ремонт. Об этом сообщил мэр Иван Смирнов, передает ТАСС.")
    assert [(q.text, n.get(q.speaker or ""), [n[v] for v in q.via]) for q in qs] == [
        ("Мост через реку закрыли на ремонт", "Иван Смирнов", ["ТАСС"])]


def test_plural_pronoun_takes_the_plural_subject_not_a_masculine_speaker() -> None:
    qs, n = quotes("Мэр Иван Смирнов заявил, что мост откроют к лету. Однако инженеры сомневались в этом. "
                   "Они отмечали, что опоры моста повреждены.")
    got = [(q.text, n.get(q.speaker or ""), q.speaker_text) for q in qs]
    assert got[-1] == ("опоры моста повреждены", None, "инженеры")


def test_interlocutor_of_an_agency_is_not_the_agency() -> None:
    qs, n = quotes("Спутник вывели на орбиту. \"Все системы работают штатно\", - сказал собеседник агентства "
                   "РИА Новости.")
    assert [(n.get(q.speaker or ""), q.speaker_text) for q in qs] == [(None, "собеседник агентства РИА Новости")]


def test_outlet_in_a_relative_clause_after_the_speaker_does_not_speak() -> None:
    qs, n = quotes("Суд оштрафовал студентку Анну Котову.\n\n\"Я не согласна с приговором\", - заявила после "
                   "оглашения приговора Котова, которую цитирует агентство ТАСС.")
    assert len(qs) == 1 and "Котов" in n.get(qs[0].speaker or "", "")  # not ТАСС


def test_name_later_in_the_clause_beats_a_role_seen_before() -> None:
    qs, n = quotes("По словам пресс-секретаря Надежды Киселевой, цены снижены. \"Рост курса приведет к росту "
                   "цен\", - считает руководитель пиар-службы группы компаний DIXIS Кирилл Лубнин. \"Мы не сдадимся\", "
                   "- пообещал лидер партии, радикальный проповедник Хадим Ризви.")
    assert [n.get(q.speaker or "") for q in qs] == ["Надежда Киселёва", "Кирилл Лубнин", "Хадим Ризви"]


def test_told_about_this_mid_sentence_takes_the_sentence_before() -> None:
    qs, n = quotes("Фигурант дела покинул страну. Его адвокат Максим Пашков рассказал об этом в телеграм-канале.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [("Фигурант дела покинул страну", "Максим Пашков")]


def test_mid_sentence_as_said_clause() -> None:
    qs, n = quotes("Старт вакцинации планируют на февраль, но как отметил глава Минздрава Максим Степанов, сроки "
                   "могут сместиться.")
    assert [(q.text, n.get(q.speaker or ""), q.cue) for q in qs] == [
        ("сроки могут сместиться", "Максим Степанов", "отметил")]


def test_block_after_according_to_him_colon_is_his() -> None:
    text = ("Президент Сербии Александр Вучич дал интервью.\n\nПо его словам, часть жителей которого считает "
            "себя государством, Сербия не может признать Крым:\nМы не признали Крым частью России. Это было бы "
            "ошибкой.")
    qs, n = quotes(text)
    assert [(q.text, n.get(q.speaker or ""), q.kind) for q in qs][-1] == (
        "Мы не признали Крым частью России. Это было бы ошибкой", "Александр Вучич", "direct")


def test_hard_wrapped_line_before_a_trailing_outlet() -> None:
    qs, n = quotes("Машина получила новый салон.\n\nСалон этой модели включает, в частности, датчик температуры\n"
                   "наружного воздуха и маршрутный компьютер, сообщает \"Интерфакс\".")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [
        ("Салон этой модели включает, в частности, датчик температуры\nнаружного воздуха и маршрутный компьютер",
         "Интерфакс")]


def test_trailing_pronoun_after_indirect_content_continues_the_new_subject() -> None:
    qs, n = quotes("\"Мы не сдадимся\", - пообещал лидер партии Хадим Ризви. Премьер-министр Пакистана Имран Хан "
                   "резко осудил протесты. Приговор соответствует конституции, указал он, подчеркнув, что страна "
                   "не может так жить.")
    assert [n.get(q.speaker or "") for q in qs][-1] == "Имран Хан"


def test_person_noun_resolves_to_the_name_it_introduced() -> None:
    qs, n = quotes("Помощник депутата заксобрания Антона Шарыпова Даниил Тяжкун сообщил, что дело возбуждено. "
                   "По словам помощника депутата, Шарыпов находится под подпиской о невыезде. "
                   "Блоггер Илья Варламов испытал очки. Оппозиционер также высказал мнение, что реформы нужны.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [
        ("дело возбуждено", "Даниил Тяжкун"),
        ("Шарыпов находится под подпиской о невыезде", "Даниил Тяжкун"),
        ("реформы нужны", None),  # "оппозиционер" introduced no one: it stays descriptive
    ]


def test_person_noun_of_a_possessor_is_not_the_name() -> None:
    qs, n = quotes("Об этом рассказал брат активиста Виталий Бученков. Активист утверждал, что был в Нижнем "
                   "Новгороде.")
    assert [(q.text, n.get(q.speaker or ""), q.speaker_text) for q in qs][-1] == (
        "был в Нижнем Новгороде", None, "Активист")


def test_passive_participle_is_no_cue() -> None:
    qs, _n = quotes("Суд освободил физика Валентина Данилова, признанного в 2004 году виновным в шпионаже.")
    assert qs == []


def test_apposition_after_the_speaker_is_not_content() -> None:
    qs, n = quotes("Как заявила Мария Фомушина, пресс-секретарь красноярского суда, который принял решение, "
                   "Данилов уже отбыл две трети срока. По словам журналистов, сопровождавших премьера Айяда "
                   "Алауи, они слышали пять взрывов.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [
        ("Данилов уже отбыл две трети срока", "Мария Фомушина"),
        ("они слышали пять взрывов", None),
    ]


def test_bare_person_noun_describes_the_person_just_quoted() -> None:
    qs, n = quotes("Иван Петров рассказал, что нервничал перед съемками. Однако актер признался, что роль далась "
                   "нелегко.")
    assert [n.get(q.speaker or "") for q in qs] == ["Иван Петров", "Иван Петров"]


def test_bare_person_noun_stays_descriptive_when_unsure() -> None:
    # another person named since the quote, or a noun of the other gender: no one in particular
    qs, n = quotes("Иван Петров рассказал, что нервничал перед съемками. Режиссер Анна Смирнова снимала фильм год. "
                   "Актер признался, что роль далась нелегко.")
    assert [(n.get(q.speaker or ""), q.speaker_text) for q in qs][-1] == (None, "Актер")
    qs, n = quotes("Иван Петров рассказал, что нервничал перед съемками. Актриса призналась, что роль далась "
                   "нелегко.")
    assert [(n.get(q.speaker or ""), q.speaker_text) for q in qs][-1] == (None, "Актриса")


def test_unnamed_source_after_a_named_person_is_not_that_person() -> None:
    qs, n = quotes("Вице-спикер Владимир Жириновский предположил, что правительство уйдет в отставку. Как рассказал "
                   "источник в администрации президента, решение об этом было отменено.")
    assert [n.get(q.speaker or "") for q in qs] == ["Владимир Жириновский", None]


# --- session 5: dev7 round (heads of one body, topic persons, documents, continued paragraphs) ---------------

def test_head_of_a_body_by_another_word() -> None:
    qs, n = quotes("Зима будет теплой, сообщил директор Гидрометцентра России Олег Вершинин. \"Снега будет мало, "
                   "а морозы продлятся недолго\", - пошутил глава Гидрометцентра.")
    assert [n.get(q.speaker or "") for q in qs] == ["Олег Вершинин", "Олег Вершинин"]


def test_head_of_another_body_stays_descriptive() -> None:
    qs, n = quotes("Зима будет теплой, сообщил директор Гидрометцентра России Олег Вершинин. \"Снега будет мало, "
                   "а морозы продлятся недолго\", - сказал глава Росгвардии.")
    assert [(n.get(q.speaker or ""), q.speaker_text) for q in qs][-1] == (None, "глава Росгвардии")


def test_repeated_description_stands_for_the_one_person_named() -> None:
    text = ("Дочь бывшего мэра перенесет памятник\n\nДочь бывшего мэра Самары намерена перенести памятник отцу.\n\n"
            "Как сообщают местные СМИ, Анна Круглова назвала решение городских властей скандальным.\n\n"
            "Дочь бывшего мэра, живущая в Казани, заявила, что не согласна с решением.")
    qs, n = quotes(text)
    assert [(q.text, n.get(q.speaker or "")) for q in qs][-1] == ("не согласна с решением", "Анна Круглова")


def test_first_use_of_a_person_noun_is_someone_new() -> None:
    qs, n = quotes("Как сообщил репортерам адвокат студента, его подзащитный никому не угрожал.\n\n"
                   "Позже Ахмед Саид опубликовал новые комментарии.\n\n"
                   "Владелец летной школы сообщил, что Саид больше не учится у него.")
    assert [(n.get(q.speaker or ""), q.speaker_text) for q in qs][-1] == (None, "Владелец летной школы")


def test_name_after_a_preposition_is_not_the_subject() -> None:
    qs, n = quotes("В частности, Ярослав Самойлов из ЛДПР утверждал, что каналы потеряют самостоятельность.")
    assert [n.get(q.speaker or "") for q in qs] == ["Ярослав Самойлов"]


def test_plural_pronoun_is_never_one_named_person() -> None:
    qs, _n = quotes("\"Закон ограничит свободу СМИ\", - заявила Дунья Петрович. Голосование прошло, несмотря на "
                    "просьбу глав 12 телеканалов отложить его. Они призывали обсудить поправки с экспертами.")
    last = qs[-1]
    assert last.text == "обсудить поправки с экспертами"
    assert last.speaker is None and last.speaker_text is not None and "телеканалов" in last.speaker_text


def test_gerund_cue_takes_a_descriptive_main_subject() -> None:
    qs, n = quotes("В 2016 году федеральный судья вынес решение в пользу Дэвида Слейтера, указав на то, что "
                   "законодатели не давали животным авторских прав.")
    assert [(q.text, n.get(q.speaker or ""), q.speaker_text) for q in qs] == [
        ("законодатели не давали животным авторских прав", None, "федеральный судья")]


def test_national_authorities_speak_for_their_country() -> None:
    qs, n = quotes("Сноуден находится в Москве. Американские власти потребовали выдать его США.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [("выдать его США", "США")]


def test_agency_class_noun_after_a_federal_agency() -> None:
    qs, n = quotes("Резервный борт вылетел в Стамбул, сообщает ИТАР-ТАСС со ссылкой на Росавиацию.\n\n"
                   "\"Наземная техника повредила крыло самолета\", - сказал представитель ведомства.")
    assert [n.get(q.speaker or "") for q in qs] == ["Росавиацию", "Росавиацию"]


def test_document_with_its_owner_speaks_for_the_owner() -> None:
    qs, n = quotes("В заявлении МИД России говорится, что переговоры продолжатся. Продажи выросли на 14%. "
                   "Об этом говорится в сообщении Ассоциации европейского бизнеса. Цены упали, говорится в "
                   "сообщении на сайте Bellingcat.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [
        ("переговоры продолжатся", "МИД России"),
        ("Продажи выросли на 14%", "Ассоциация европейского бизнеса"),
        ("Цены упали", "Bellingcat"),
    ]


def test_document_referred_to_again() -> None:
    qs, n = quotes("Пресс-секретарь Госдепартамента США Виктория Нуланд распространила заявление, в котором "
                   "сообщается, что судно было перехвачено. В заявлении также сообщается, что экипаж задержан.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [
        ("судно было перехвачено", "Виктория Нуланд"), ("экипаж задержан", "Виктория Нуланд")]


def test_impersonal_cue_without_a_document_is_no_quote() -> None:
    qs, _n = quotes("Ранее сообщалось, что судно было перехвачено. Отмечается, что экипаж задержан.")
    assert qs == []


def test_quotation_paragraph_continues_the_quote_before() -> None:
    qs, n = quotes("«Я потрясен этой внезапной смертью», сказал Джон Говард.\n\n"
                   "«Это огромная потеря для всей страны и для науки».\n\n«Конкретных аргументов нет»\n\nТекст.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [
        ("Я потрясен этой внезапной смертью", "Джон Говард"),
        ("Это огромная потеря для всей страны и для науки", "Джон Говард"),
    ]


def test_pronoun_continues_a_subject_that_opens_the_sentence_before() -> None:
    qs, n = quotes("Американский посредник Мэтью Брайза сообщил журналистам, что стороны близки к соглашению.\n\n"
                   "Ильхам Алиев еще летом грозил соседям войной.\n\n"
                   "На открытии учебного центра в октябре он опять заявил, что армия готова.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [
        ("стороны близки к соглашению", "Мэтью Брайза"), ("армия готова", "Ильхам Алиев")]


def test_company_class_noun_stands_for_the_company_named_before() -> None:
    qs, n = quotes("Авиакомпания Flybe отменила рейс в Саутгемптон. "
                   "«Самолет проверяют», — сообщил представитель компании. "
                   "Министерство транспорта начало проверку, а в авиакомпании отметили, что пассажиры получат "
                   "компенсацию.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [
        ("Самолет проверяют", "Flybe"), ("пассажиры получат компенсацию", "Flybe")]


def test_company_class_noun_for_other_or_many_companies_stays_descriptive() -> None:
    qs, n = quotes("Авиакомпания Flybe отменила рейс. "
                   "Представители трех других компаний сообщили, что их рейсы выполняются по плану.")
    assert [(q.text, n.get(q.speaker or ""), q.speaker_text) for q in qs] == [
        ("их рейсы выполняются по плану", None, "Представители трех других компаний")]


def test_class_noun_in_apposition_to_a_company_name() -> None:
    qs, n = quotes("Корпорация Microsoft объявила, что снизит цены на приставки в России.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [("снизит цены на приставки в России", "Microsoft")]


def test_cited_role_noun_is_the_person_of_that_role_and_country() -> None:
    qs, n = quotes("Президент Черногории Филип Вуянович принял в Цетинье президента Австрии Хайнца Фишера. "
                   "«Наш путь к ЕС бы замедлился», — цитирует РИА «Новости» черногорского президента.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [("Наш путь к ЕС бы замедлился", "Филип Вуянович")]


def test_head_of_a_body_introduced_with_two_coordinated_roles() -> None:
    qs, n = quotes("Ситуацией заинтересовался руководитель Роспотребнадзора и главный санитарный врач РФ "
                   "Геннадий Онищенко. Он заявил об этом журналистам.\n\n"
                   "«Впору приступить к регламентации», - сказал глава Роспотребнадзора.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs if q.cue == "сказал"] == [
        ("Впору приступить к регламентации", "Геннадий Онищенко")]


def test_relayed_words_of_a_role_are_that_persons() -> None:
    qs, n = quotes("Глава Чечни Рамзан Кадыров выступил в Грозном. «Остановить их нам не составит труда», - "
                   "приводит слова главы Чечни сайт «Кавказский узел». «Обогащение должно идти в Иране», - "
                   "приводит слова официальных лиц агентство AFP.")
    assert [(q.text, n.get(q.speaker or ""), q.speaker_text) for q in qs] == [
        ("Остановить их нам не составит труда", "Рамзан Кадыров", "главы Чечни"),
        ("Обогащение должно идти в Иране", None, "официальных лиц")]


def test_summing_up_is_a_reporting_verb() -> None:
    qs, n = quotes("«Проект продвинулся вперед», - резюмировал главный архитектор Москвы Александр Кузьмин.")
    assert [(q.text, n.get(q.speaker or "")) for q in qs] == [("Проект продвинулся вперед", "Александр Кузьмин")]


def test_privodit_k_tomu_chto_is_a_consequence_not_a_quote() -> None:
    from svodka.pipeline import Pipeline
    from svodka.record import InputDocument

    pipe = Pipeline(["entities", "quotes"])
    consequence = pipe.extract(InputDocument(id="t", text="Рост ставок приводит к тому, что компании сокращают "
                                                           "инвестиции. Спрос падает."))
    assert not consequence.quotes
    cited = pipe.extract(InputDocument(id="t", text="Как приводит агентство Интерфакс слова главы Минфина Антона "
                                                     "Силуанова, бюджет будет исполнен."))
    assert [q.text for q in cited.quotes] == ["бюджет будет исполнен"]


def test_a_role_does_not_resolve_to_a_person_of_the_other_gender() -> None:
    from svodka.pipeline import Pipeline
    from svodka.record import InputDocument

    text = ("В регионе проводят антитеррористическую операцию, заявила глава региона Гульшара Абдыкаликова. "
            "Госсекретарь США Энтони Блинкен обсудил ситуацию с коллегой. Как отмечается в пресс-службе "
            "Государственного департамента, глава американской дипломатии заявил о поддержке конституционных "
            "институтов.")
    record = Pipeline(["entities", "quotes"]).extract(InputDocument(id="t", text=text))
    names = {e.id: e.name for e in record.entities or []}
    by_text = {q.text: names.get(q.speaker or "") for q in record.quotes or []}
    support = next(k for k in by_text if k.startswith("поддержке"))
    assert by_text[support] != "Гульшара Абдыкаликова"


def test_a_bare_document_refers_back_to_a_statement_or_report_too() -> None:
    from svodka.pipeline import Pipeline
    from svodka.record import InputDocument

    text = ("Министерство иностранных дел Японии опубликовало заявление по итогам встречи. В документе говорится, "
            "что Токио готов продолжить переговоры.")
    record = Pipeline(["entities", "quotes"]).extract(InputDocument(id="t", text=text))
    names = {e.id: e.name for e in record.entities or []}
    said = [q for q in record.quotes or [] if q.text.startswith("Токио готов")]
    assert said and names.get(said[0].speaker or "", "").startswith("Министерство иностранных дел")


def test_a_dash_paragraph_of_several_sentences_is_one_direct_quote() -> None:
    text = ("Запись на прививку открыта.\n\n- С начала вакцинации людей стало больше. Процедура записи простейшая. "
            "Только аккаунт должен быть подтвержденным – чем важнее услуга, тем выше требования, - объяснила "
            "заместитель начальника отделения Оксана Старчикова.\n\nВ среднем приходит около 10 человек в день.")
    qs, n = quotes(text)
    assert [(q.text[:30], q.kind, n.get(q.speaker or "")) for q in qs] == [
        ("С начала вакцинации людей стал", "direct", "Оксана Старчикова")]
    assert qs[0].text.endswith("тем выше требования")
    # a narrated sentence before a dash-quoted one in a paragraph that opens without a dash is not speech
    qs, _n = quotes("Запись открыта.\n\nИван Петров рассказал о работе центра. Только аккаунт должен быть "
                    "подтвержденным, - объяснила Оксана Старчикова.")
    assert "Только аккаунт должен быть подтвержденным" in [q.text for q in qs]


def test_about_after_a_subject_s_participial_clause_is_the_subject_s_quote() -> None:
    # ", объявила о ..." closes the subject's participial clause: it is no trailing reporting clause
    qs, nm = quotes("Американская компания ICE, являющаяся оператором фьючерсного рынка, объявила о приобретении "
                    "биржи NYSE Euronext за 8,2 млрд долларов.")
    assert [(q.text[:12], nm.get(q.speaker or "")) for q in qs] == [("приобретении", "ICE")]


def test_po_ego_mneniyu_inside_a_that_clause_is_part_of_the_reported_content() -> None:
    qs, _nm = quotes("Губернатор Василий Орлов заявил, что главврач находится на больничном и таким образом, по "
                     "его мнению, \"скрывается от необходимости освободить должность\".")
    assert len(qs) == 1 and qs[0].cue == "заявил" and qs[0].text.startswith("главврач находится")
    assert "скрывается" in qs[0].text
