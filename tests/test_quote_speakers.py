"""Quote speakers: the rules of the ninth and tenth development rounds (docs/annotation-guide.md, "Ninth
quote development set", "Tenth quote development set"), each on sentences written for it."""

from __future__ import annotations

import pytest

from svodka.pipeline import Pipeline
from svodka.record import InputDocument, Quote

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["entities", "quotes"])


def said(pipe: Pipeline, text: str) -> list[tuple[str, str | None, str | None, Quote]]:
    """(content, speaker name, speaker text, quote) of every quote of ``text``."""
    record = pipe.extract(InputDocument(id="t", text=text))
    assert record.error is None, record.error
    names = {e.id: e.name for e in record.entities or []}
    out = []
    for q in record.quotes or []:
        assert text[q.start:q.end] == q.text
        out.append((q.text, names.get(q.speaker or ""), q.speaker_text, q))
    return out


def speaker_of(pipe: Pipeline, text: str, start: str) -> tuple[str | None, str | None]:
    found = [(name, st) for content, name, st, _q in said(pipe, text) if content.startswith(start)]
    assert found, [content for content, *_ in said(pipe, text)]
    return found[0]


def test_a_ministry_of_a_named_country_is_that_country_s_body_named_in_the_text(pipe: Pipeline) -> None:
    text = ("Между Пентагоном и Минобороны России продолжается обмен обвинениями. В четверг военное ведомство "
            "США заявило, что российский корабль подавал ложный сигнал. Ранее в военном ведомстве США заявили, "
            "что корабль прошел в 300 метрах от эсминца.")
    assert speaker_of(pipe, text, "российский корабль подавал")[0] == "Пентагон"
    assert speaker_of(pipe, text, "корабль прошел")[0] == "Пентагон"


def test_a_bare_ministry_is_the_one_named_last_not_the_country_of_an_earlier_one(pipe: Pipeline) -> None:
    text = ("Ранее в военном ведомстве США заявили, что эсминец шел своим курсом. Минобороны России сообщило "
            "об опасном сближении кораблей. В ведомстве рассказали, что эсминец пересек курс сторожевика.")
    name, _st = speaker_of(pipe, text, "эсминец пересек")
    assert name is not None and name.startswith("Минобороны")


def test_a_nationality_adjective_picks_the_ministry_of_that_country(pipe: Pipeline) -> None:
    text = ("Министерство финансов РФ опубликовало данные о долге. Хакеры получили доступ к 16 000 компьютерных "
            "систем, заявило американское ведомство. Минфин США также ввел санкции против 32 компаний.")
    assert speaker_of(pipe, text, "Хакеры получили")[0] == "Минфин США"


def test_a_pronoun_skips_an_outlet_and_takes_the_person_of_its_report(pipe: Pipeline) -> None:
    text = ("Как передает радиостанция \"Говорит Москва\", пресс-секретарь главы республики Иса Мержоев назвал "
            "обращение сфабрикованным.\n\nВ интервью журналистам он сказал, что подписи под письмом подделаны.")
    assert speaker_of(pipe, text, "подписи под письмом")[0] == "Иса Мержоев"


def test_ssylayas_na_gives_the_holder_named_after_the_possessor(pipe: Pipeline) -> None:
    text = ("Ссылаясь на представителя Карастелева адвоката Марину Дубровину, правозащитники сообщили, что у "
            "Карастелева пробита голова.")
    assert speaker_of(pipe, text, "у Карастелева")[0] == "Марина Дубровина"


def test_a_role_in_the_genitive_is_not_the_role_of_the_name_after_it(pipe: Pipeline) -> None:
    text = ("Кандидата депутатам представил заместитель полномочного представителя президента Владимир Романов. "
            "Руководитель регионального отделения ЛДПР Сергей Голубев попал в больницу. \"Приступ случился во "
            "время спора о кандидатуре губернатора\", - сообщил представитель этой партии.")
    name, st = speaker_of(pipe, text, "Приступ случился")
    assert name != "Владимир Романов"
    assert name == "ЛДПР" and st is not None and "партии" in st


def test_v_nem_is_the_reply_not_the_letter_it_answers(pipe: Pipeline) -> None:
    text = ("Союз профессиональных фармацевтических организаций пожаловался на магазин. Что же касается ответа "
            "Роскомнадзора на обращение Союза профессиональных фармацевтических организаций, то в нем "
            "отмечается, что продажа лекарств не входит в перечень оснований для блокировки.")
    assert speaker_of(pipe, text, "продажа лекарств")[0] == "Роскомнадзор"


def test_the_dot_of_a_domain_does_not_end_po_slovam(pipe: Pipeline) -> None:
    text = "По словам представителя Ozon.ru Марии Заикиной, компания получила несколько запросов от прокуратуры."
    found = said(pipe, text)
    assert [(c, n) for c, n, _st, _q in found] == [
        ("компания получила несколько запросов от прокуратуры", "Мария Заикина")]


def test_kotoryj_gives_the_person_before_it(pipe: Pipeline) -> None:
    text = ("Главным критиком проекта является посол США Ричард Греннелл, который в интервью газете Handelsblatt "
            "заявил, что подрядчики всегда находятся в опасности.")
    assert speaker_of(pipe, text, "подрядчики")[0] == "Ричард Греннелл"


def test_the_object_pronoun_of_a_citing_verb_is_resolved(pipe: Pipeline) -> None:
    text = ("Канцлер Германии Ангела Меркель заявила на заседании, что санкции необходимо ввести. Об этом "
            "рассказали несколько участников заседания. По их словам, канцлер напомнила, что Россия обманывала "
            "Запад. ЕС должен действовать более решительно, процитировали ее участники заседания.")
    assert speaker_of(pipe, text, "ЕС должен")[0] == "Ангела Меркель"


def test_a_pronoun_with_no_one_quoted_or_named_is_the_noun_it_continues(pipe: Pipeline) -> None:
    text = ("По предварительной информации, среди заложников есть одна немецкая школьница. Она позвонила родным "
            "и сообщила, что с ней все в порядке.")
    assert speaker_of(pipe, text, "с ней все") == (None, "немецкая школьница")


def test_a_bare_expert_is_the_expert_just_quoted(pipe: Pipeline) -> None:
    text = ("По мнению директора института политической экспертизы Евгения Минченко, отставка губернатора "
            "вероятна. Как считает эксперт, на решение может повлиять и допрос главы Химок.")
    assert speaker_of(pipe, text, "на решение")[0] == "Евгений Минченко"
    source = "Минченко дал интервью. Как считает источник, на решение может повлиять и допрос главы Химок."
    assert speaker_of(pipe, source, "на решение")[0] is None  # an unnamed source is someone else


def test_a_headline_opening_with_a_quoted_name_has_no_quote(pipe: Pipeline) -> None:
    text = ("\"Коммерсант\" сообщил о жалобе НПО на главу региона\n\nПредставители организаций обратились к "
            "президенту, утверждает газета \"Коммерсант\".")
    assert [c for c, *_ in said(pipe, text)] == ["Представители организаций обратились к президенту"]


def test_prodolzhil_after_direct_speech_but_not_a_future_prodolzhat(pipe: Pipeline) -> None:
    text = "\"Мы считаем, что преступник действовал в одиночку\", - продолжил генерал Иван Петров."
    assert speaker_of(pipe, text, "Мы считаем")[0] == "Иван Петров"
    text = ("Из-за эпидемии английские школы продолжат обучение онлайн. Об этом сообщил премьер-министр "
            "Великобритании Борис Джонсон.")
    assert speaker_of(pipe, text, "Из-за эпидемии")[0] == "Борис Джонсон"


def test_a_split_quote_whose_first_part_is_a_connective_is_one_quote(pipe: Pipeline) -> None:
    text = ("Аналитик Сергей Дорогавцев считает, что коррекция не привела к оттоку клиентов. \"Другое дело, - "
            "говорит он, - что интерес крупных инвесторов к рынку также растет\".")
    contents = [c for c, *_ in said(pipe, text)]
    assert "Другое дело" not in contents
    assert any(c.startswith("что интерес крупных инвесторов") for c in contents)


def test_a_document_of_a_place_s_body_is_the_body_not_the_place(pipe: Pipeline) -> None:
    assert speaker_of(pipe, "Суд отклонил иск. Об этом говорится в сообщении прокуратуры Москвы.",
                      "Суд отклонил") == (None, "прокуратуры Москвы")
    assert speaker_of(pipe, "Суд отклонил иск. Об этом говорится в сообщении властей Москвы.",
                      "Суд отклонил")[0] == "Москва"  # "власти X" speak for X


def test_informiruet_relays_like_soobshchaet(pipe: Pipeline) -> None:
    text = "Шейх Иса Цечоев окончил университет в Алжире, информирует сайт \"Ислам в Ингушетии\"."
    content, _name, _st, q = said(pipe, text)[0]
    assert content.startswith("Шейх Иса Цечоев окончил") and q.cue == "информирует"


def test_a_quoted_name_before_a_gerund_clause_speaks_not_a_name_in_the_clause(pipe: Pipeline) -> None:
    text = ("Газета \"Коммерсант\", вспоминая биографию Уитни Хьюстон и вехи ее творческого пути, пишет, что многое "
            "в ее судьбе было предопределено генами и воспитанием.")
    assert speaker_of(pipe, text, "многое в ее судьбе")[0] in ("Коммерсант", "Коммерсантъ")


def test_the_subject_before_a_participial_clause_speaks_not_the_outlet_told(pipe: Pipeline) -> None:
    text = ("В Финляндии просители убежища, 22 сентября порезавшие себя на ступенях парламента в Хельсинки, в "
            "интервью изданию IltaSanomat заявили, что они бежали от преследований.")
    name, st = speaker_of(pipe, text, "они бежали")
    assert name is None and st is not None and st.startswith("просители")


# --- tenth round ---------------------------------------------------------------------------------


def test_head_of_state_is_the_president_not_the_head_of_a_company_or_government(pipe: Pipeline) -> None:
    text = ("Владимир Путин потребовал разработать модель работы электричек. Ответственными он назначил главу "
            "правительства Дмитрия Медведева и руководителя \"Российских железных дорог\" Владимира Якунина. "
            "Путин поручил главе правительства Дмитрию Медведеву и руководителю \"Российских железных "
            "дорог\" Владимиру Якунину вернуть электрички. \"Вы что с ума сошли?\" - обратился тогда глава "
            "государства к членам правительства и потребовал немедленно восстановить сообщение.")
    assert speaker_of(pipe, text, "немедленно восстановить")[0] == "Владимир Путин"


def test_by_the_words_of_the_head_of_state_after_the_president_s_quotation(pipe: Pipeline) -> None:
    text = ("Дмитрий Медведев доверил пост руководителя иннограда миллиардеру Виктору Вексельбергу. «Мы создадим "
            "структуру, и ее возглавит Виктор Вексельберг», — заявил Дмитрий Медведев. У проекта будут иностранные "
            "партнеры, в числе которых, по словам главы государства, будут и ученые.")
    assert speaker_of(pipe, text, "У проекта")[0] == "Дмитрий Медведев"


def test_a_relative_clause_ended_before_the_cue_does_not_make_its_antecedent_speak(pipe: Pipeline) -> None:
    text = ("Аленка Братушек, в прошлом занимавшая пост министра финансов и сменившая на посту лидера партии "
            "политика Зорана Янковича (Zoran Jankovic), который также был заподозрен в коррупции, заявила, что "
            "намерена реформировать банковский сектор страны.")
    assert speaker_of(pipe, text, "намерена реформировать")[0] == "Аленка Братушек"


def test_an_organisation_told_in_an_interview_is_not_the_speaker(pipe: Pipeline) -> None:
    text = ("Фронтмен Sex Pistols Джон Лайдон в интервью The Daily Mail сказал, что ему отвратительно такое "
            "поведение.")
    assert speaker_of(pipe, text, "ему отвратительно")[0] == "Джон Лайдон"


def test_a_gerund_after_a_direct_quote_shares_the_cue_s_subject_not_a_word_of_the_quotation(
        pipe: Pipeline) -> None:
    text = ("\"Впервые сближение корабля \"Союз МС\" с Международной космической станцией планируется проводить "
            "по т.н. \"сверхбыстрой\", двухвитковой схеме\", - "
            "сообщили в Роскосмосе, уточнив, что полет в этот раз займет всего три часа.")
    assert speaker_of(pipe, text, "полет в этот раз")[0] == "Роскосмос"


def test_the_title_of_an_article_is_not_its_author(pipe: Pipeline) -> None:
    text = ("Президент Ближневосточного форума Дэниэл Пайпс в статье \"Мусульманская Россия?\", опубликованной в "
            "Washington Times, высказал убеждение, что Россия быстро меняется.")
    assert speaker_of(pipe, text, "Россия быстро")[0] == "Дэниэл Пайпс"


def test_a_participle_with_an_object_and_a_predicate_is_no_reporting_tail(pipe: Pipeline) -> None:
    text = ("С ним спорит обозреватель Forbes Марк Адоманис, считающий приведенные Пайпсом цифры весьма "
            "странными. Москва - один из самых дорогих городов мира, поясняет он.")
    quotes = said(pipe, text)
    assert not any(content.startswith("С ним спорит") for content, *_ in quotes)
    assert speaker_of(pipe, text, "Москва - один")[0] == "Марк Адоманис"


def test_a_bare_role_noun_after_a_quote_describes_its_speaker_despite_a_genitive_name(pipe: Pipeline) -> None:
    text = ("Вице-спикер от ЛДПР Владимир Жириновский предположил, что произойдет смена правительства. За счет "
            "инициатив Медведева появляется возможность повысить роль парламента, считает депутат.")
    assert speaker_of(pipe, text, "За счет")[0] == "Владимир Жириновский"


def test_a_role_of_the_first_of_two_appositions_finds_the_person(pipe: Pipeline) -> None:
    text = ("Такой прогноз озвучил председатель оргкомитета \"Россия 2018\", министр спорта РФ Виталий Мутко. "
            "\"Мы справимся и проведем турнир на самом высоком уровне\", - заключил председатель оргкомитета.")
    assert speaker_of(pipe, text, "Мы справимся")[0] == "Виталий Мутко"


def test_a_class_noun_among_several_companies_is_the_one_quoted_last(pipe: Pipeline) -> None:
    text = ("Несколько перевозчиков — британская easyJet, ирландская Ryanair и венгерская Wizz Air — подали жалобу на "
            "Францию. Еще на предыдущей неделе "
            "«Ryanair» объявила об отмене еще 300 рейсов.\n\nАвиакомпания также принесла извинения клиентам и "
            "сказала, что задействовала дополнительных служащих.")
    assert speaker_of(pipe, text, "отмене")[0] == "Ryanair"
    assert speaker_of(pipe, text, "задействовала")[0] == "Ryanair"


def test_the_capital_stands_for_its_country_s_body_quoted_just_before(pipe: Pipeline) -> None:
    text = ("МИД РФ заявил, что Госдепартамент США воспрепятствовал встрече. В Москве "
            "напоминают, что Вашингтон допускает возможность встречи после принятия резолюции.")
    assert (speaker_of(pipe, text, "Вашингтон допускает")[0] or "").startswith("МИД")
    # with no body of that country quoted before, the city stays
    other = "В Москве напоминают, что Вашингтон допускает возможность встречи после принятия резолюции."
    assert speaker_of(pipe, other, "Вашингтон допускает")[0] == "Москва"


def test_a_comment_is_a_document_and_a_bare_re_mention_names_its_author(pipe: Pipeline) -> None:
    text = ("\"Госдепартамент США фактически воспрепятствовал встрече\", - говорится в комментарии МИД РФ, "
            "распространенном во вторник. Как отмечается в документе, \"в Москве такая позиция вызывает "
            "непонимание\".")
    assert (speaker_of(pipe, text, "Госдепартамент США")[0] or "").startswith("МИД")
    assert (speaker_of(pipe, text, "в Москве такая позиция")[0] or "").startswith("МИД")


def test_a_noun_with_a_possessive_or_a_possessor_role_is_not_the_person_quoted(pipe: Pipeline) -> None:
    text = ("Об этом сообщает агентство со ссылкой на адвоката Шамсудина Цакаева, представляющего интересы "
            "Дадаева.\n\nЗащитник уточнил, что его клиент в жалобе, поданной в Басманный суд Москвы, просит признать "
            "постановление незаконным.")
    assert speaker_of(pipe, text, "признать постановление")[0] is None
    text = ("В свою очередь, адвокат истца Дмитрий Мальбин заявил, что ответчики ничего не доказали. Истец "
            "считает ложными утверждения фильма. В связи с этим истец попросил суд обязать ответчиков "
            "опровергнуть фразы.")
    assert speaker_of(pipe, text, "суд обязать")[0] is None


def test_a_reporting_clause_before_a_comma_is_no_second_role_of_the_name_after_it(pipe: Pipeline) -> None:
    text = ("Как сообщили в понедельник источники на ТВ-6, председатель совета директоров Игорь Шабдурасулов "
            "подписал распоряжение о созыве заседания.")
    assert speaker_of(pipe, text, "председатель совета")[0] is None
