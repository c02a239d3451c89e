"""Time expressions: phrases in context with their document date, and properties of the normaliser.

Every case is (document date, text, expected span text, type, value, precision); ``None`` as the
span means the text must yield no time expression at all. The sentences are written for these
tests from the forms NEREL and news use; they are not copied from any data set.
The table runs through the real language and annotate stages (tense comes from the morphology).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.analysis import Analysis
from svodka.record import InputDocument, Timex
from svodka.stages import time as timex

D = "2022-01-06"  # a Thursday
J = "2019-07-25"  # a Thursday
M = "2022-03-10"  # a Thursday

CASES: list[tuple[str | None, str, str | None, str, str | None, str | None]] = [
    # --- absolute dates
    (D, "Совет ОДКБ принял решение 6 января 2022 года.", "6 января 2022 года", "DATE", "2022-01-06", "day"),
    (D, "Документ подписан 06.01.2022 в Москве.", "06.01.2022", "DATE", "2022-01-06", "day"),
    (D, "Протесты шли 4-5 января в Жанаозене.", "4-5 января", "DATE", "2022-01-04", "day"),
    (D, "Январь 2022 года начался с протестов.", "Январь 2022 года", "DATE", "2022-01", "month"),
    (M, "В 2021 году цены на газ выросли.", "В 2021 году", "DATE", "2021", "year"),
    (D, "В 1990-е годы город пережил упадок.", "В 1990-е годы", "DATE", "199", "year"),
    (D, "В 1990-е город пережил упадок.", "В 1990-е", "DATE", "199", "year"),
    (D, "Компания основана в 1995 году в Перми.", "в 1995 году", "DATE", "1995", "year"),
    (D, "Закон действует с 2019 года.", "с 2019 года", "DATE", "2019", "year"),
    (D, "Он работал там до 2015 г. и уехал.", "до 2015 г.", "DATE", "2015", "year"),
    (D, "Ремонт завершат в марте 2023 года.", "в марте 2023 года", "DATE", "2023-03", "month"),
    (J, "С 16 апреля по 19 мая 2019 года шли работы.", "С 16 апреля", "DATE", "2019-04-16", "day"),
    (J, "С 16 апреля по 19 мая 2019 года шли работы.", "по 19 мая 2019 года", "DATE", "2019-05-19", "day"),
    (J, "В 1998—2010 годах он руководил заводом.", "В 1998—2010 годах", "DATE", "1998", "year"),
    (D, "Выставка пройдёт в апреле.", "в апреле", "DATE", "2022-04", "month"),
    (M, "В январе объём торгов упал.", "В январе", "DATE", "2022-01", "month"),
    (M, "В декабре объём торгов упал.", "В декабре", "DATE", "2021-12", "month"),
    (M, "Новый стадион откроют в декабре.", "в декабре", "DATE", "2022-12", "month"),
    (M, "Соглашение подписали 15 февраля.", "15 февраля", "DATE", "2022-02-15", "day"),
    (M, "Соглашение подписали 15 декабря.", "15 декабря", "DATE", "2021-12-15", "day"),
    (M, "Саммит пройдёт 15 декабря в Риме.", "15 декабря", "DATE", "2022-12-15", "day"),
    ("2022", "Соглашение подписали 15 марта.", "15 марта", "DATE", "2022-03-15", "day"),
    ("2022-01", "Соглашение подписали 30 декабря.", "30 декабря", "DATE", "2022-12-30", "day"),
    (D, "Указ вступил в силу 1-го января.", "1-го января", "DATE", "2022-01-01", "day"),
    (D, "Срок действия истекает 31.12.2021.", "31.12.2021", "DATE", "2021-12-31", "day"),
    (D, "Сведения по состоянию на 2022-01-05 обновлены.", "на 2022-01-05", "DATE", "2022-01-05", "day"),
    (D, "В середине 1970-х он переехал в Эссекс.", "В середине 1970-х", "DATE", "197", "year"),
    (D, "В конце 2017 года он ушёл в отставку.", "В конце 2017 года", "DATE", "2017", "year"),
    (D, "В начале 2000-х он ушёл из бизнеса.", "В начале 2000-х", "DATE", "200", "year"),
    (D, "В XX веке город сильно вырос.", "В XX веке", "DATE", "19", "year"),
    (D, "В апреле 1945-го война заканчивалась.", "В апреле 1945-го", "DATE", "1945-04", "month"),
    (D, "В 2008г. он переехал в Омск.", "В 2008г.", "DATE", "2008", "year"),
    (D, "Митинг 12 марта 2011 года собрал тысячи людей.", "12 марта 2011 года", "DATE", "2011-03-12", "day"),
    (D, "В ноябре-декабре он тяжело болел.", "В ноябре-декабре", "DATE", "2021-11", "month"),
    (D, "В ночь с 3 на 4 января начались беспорядки.", "В ночь с 3 на 4 января", "DATE", "2022-01-04", "day"),
    (D, "В первых числах января начались протесты.", "В первых числах января", "DATE", "2022-01", "month"),
    (D, "Протесты начались 2 января и продолжались до 5 января.", "до 5 января", "DATE", "2022-01-05", "day"),
    (D, "Протесты начались 2 января и продолжались до 5 января.", "2 января", "DATE", "2022-01-02", "day"),
    (D, "В среду, 5 января, силовики начали операцию.", "В среду, 5 января", "DATE", "2022-01-05", "day"),
    ("2020-03-30", "Утром в понедельник, 30 марта 2020 года, начался карантин.",
     "Утром в понедельник, 30 марта 2020 года", "TIME", "2020-03-30TMO", "part_of_day"),
    ("2019-05-10", "Журналист умер вчера, 9 мая 2019 года.", "вчера, 9 мая 2019 года", "DATE", "2019-05-09", "day"),
    (D, "С утра 5 января в городе нет связи.", "С утра 5 января", "TIME", "2022-01-05TMO", "part_of_day"),
    (None, "6 января 2022 года начались протесты.", "6 января 2022 года", "DATE", "2022-01-06", "day"),
    (D, "Указ от 4 марта 2019 года подписан президентом.", "от 4 марта 2019 года", "DATE", "2019-03-04", "day"),
    (D, "Бой шёл 27-28 сентября 2014 года.", "27-28 сентября 2014 года", "DATE", "2014-09-27", "day"),
    (D, "Группа выступала в 1985—1990 и в 2006 году.", "в 1985—1990", "DATE", "1985", "year"),
    (D, "Он родился 23 декабря 1933 года в Токио.", "23 декабря 1933 года", "DATE", "1933-12-23", "day"),
    (D, "До конца мая выплаты продлят.", "До конца мая", "DATE", "2022-05", "month"),
    # --- seasons
    (J, "Весной 2013 года он переехал в Казань.", "Весной 2013 года", "DATE", "2013-SP", "month"),
    (J, "Осенью прошлого года завод закрыли.", "Осенью прошлого года", "DATE", "2018-FA", "month"),
    (J, "Этой весной урожай погиб.", "Этой весной", "DATE", "2019-SP", "month"),
    (J, "Зимой цены выросли вдвое.", "Зимой", "DATE", "2018-WI", "month"),
    (J, "Летом 2019-го прошли выборы.", "Летом 2019-го", "DATE", "2019-SU", "month"),
    (J, "Осенью в городе откроют школу.", "Осенью", "DATE", "2019-FA", "month"),
    # --- relative days and weekdays (6 January 2022 is a Thursday)
    (D, "Вчера в Алма-Ате начались беспорядки.", "Вчера", "DATE", "2022-01-05", "day"),
    (D, "Сегодня президент выступил с обращением.", "Сегодня", "DATE", "2022-01-06", "day"),
    (D, "Завтра парламент соберётся на заседание.", "Завтра", "DATE", "2022-01-07", "day"),
    (D, "Позавчера прошли первые аресты.", "Позавчера", "DATE", "2022-01-04", "day"),
    (D, "Накануне протестующие захватили здание.", "Накануне", "DATE", "2022-01-05", "day"),
    (D, "В четверг силовики освободили здание.", "В четверг", "DATE", "2022-01-06", "day"),
    (D, "Во вторник силовики освободили здание.", "Во вторник", "DATE", "2022-01-04", "day"),
    (D, "В пятницу парламент проголосует за закон.", "В пятницу", "DATE", "2022-01-07", "day"),
    (D, "В понедельник депутаты обсудят закон.", "В понедельник", "DATE", "2022-01-10", "day"),
    (D, "В минувший четверг силовики освободили здание.", "В минувший четверг", "DATE", "2021-12-30", "day"),
    (D, "В прошлую пятницу прошёл митинг.", "В прошлую пятницу", "DATE", "2021-12-31", "day"),
    (D, "В следующий вторник начнутся переговоры.", "В следующий вторник", "DATE", "2022-01-11", "day"),
    (D, "К вечеру четверга силовики освободили здание.", "К вечеру четверга", "TIME", "2022-01-06TEV",
     "part_of_day"),
    (D, "Утром в среду начались протесты.", "Утром в среду", "TIME", "2022-01-05TMO", "part_of_day"),
    (D, "В субботу вечером прошли аресты.", "В субботу вечером", "TIME", "2022-01-01TEV", "part_of_day"),
    (D, "Вечером 5 января толпа собралась у акимата.", "Вечером 5 января", "TIME", "2022-01-05TEV", "part_of_day"),
    (D, "В ночь на 6 января ОДКБ приняла решение.", "В ночь на 6 января", "DATE", "2022-01-06", "day"),
    (D, "В ночь на среду в городе стреляли.", "В ночь на среду", "DATE", "2022-01-05", "day"),
    (D, "Вчера вечером в городе стреляли.", "Вчера вечером", "TIME", "2022-01-05TEV", "part_of_day"),
    (D, "Сегодня утром мэр провёл совещание.", "Сегодня утром", "TIME", "2022-01-06TMO", "part_of_day"),
    (D, "Утром в городе отключили интернет.", "Утром", "TIME", "2022-01-06TMO", "part_of_day"),
    (D, "Рано утром военные вошли в город.", "Рано утром", "TIME", "2022-01-06TMO", "part_of_day"),
    (D, "Ночью в городе было тихо.", "Ночью", "TIME", "2022-01-06TNI", "part_of_day"),
    (D, "Поздним вечером в воскресенье начался пожар.", "Поздним вечером в воскресенье", "TIME",
     "2022-01-02TEV", "part_of_day"),
    (D, "В четверг вечером толпа разошлась.", "В четверг вечером", "TIME", "2022-01-06TEV", "part_of_day"),
    # --- relative periods
    (D, "На прошлой неделе цены выросли.", "На прошлой неделе", "DATE", "2021-W52", "week"),
    (D, "На этой неделе цены выросли.", "На этой неделе", "DATE", "2022-W01", "week"),
    (D, "На следующей неделе парламент соберётся.", "На следующей неделе", "DATE", "2022-W02", "week"),
    (D, "Три дня назад начались протесты.", "Три дня назад", "DATE", "2022-01-03", "day"),
    (D, "Две недели назад начались протесты.", "Две недели назад", "DATE", "2021-W51", "week"),
    (D, "Год назад прошли выборы.", "Год назад", "DATE", "2021", "year"),
    (D, "Три года тому назад открылся завод.", "Три года тому назад", "DATE", "2019", "year"),
    (D, "Несколько дней назад начались протесты.", "Несколько дней назад", "DATE", None, "day"),
    (D, "В минувшие выходные прошли митинги.", "В минувшие выходные", "DATE", "2021-W52-WE", "week"),
    (D, "В эти выходные пройдут митинги.", "В эти выходные", "DATE", "2022-W01-WE", "week"),
    (D, "В начале месяца начались протесты.", "В начале месяца", "DATE", "2022-01", "month"),
    (D, "В конце марта откроют мост.", "В конце марта", "DATE", "2022-03", "month"),
    (D, "В конце марта открыли мост.", "В конце марта", "DATE", "2021-03", "month"),
    (D, "В прошлом году цены выросли.", "В прошлом году", "DATE", "2021", "year"),
    ("2022", "В прошлом году цены выросли.", "В прошлом году", "DATE", "2021", "year"),
    (D, "В этом году цены выросли.", "В этом году", "DATE", "2022", "year"),
    (D, "В следующем году цены вырастут.", "В следующем году", "DATE", "2023", "year"),
    (D, "В прошлом месяце цены выросли.", "В прошлом месяце", "DATE", "2021-12", "month"),
    (D, "В сентябре прошлого года цены выросли.", "В сентябре прошлого года", "DATE", "2021-09", "month"),
    (D, "В феврале этого года откроют завод.", "В феврале этого года", "DATE", "2022-02", "month"),
    (D, "В 2015 году он женился. В том же году он уехал.", "В том же году", "DATE", "2015", "year"),
    (D, "24 декабря он прилетел в Москву, а на следующий день улетел.", "на следующий день", "DATE",
     "2021-12-25", "day"),
    (D, "Через три дня парламент соберётся.", "Через три дня", "DATE", "2022-01-09", "day"),
    (D, "Через год завод заработает.", "Через год", "DATE", "2023", "year"),
    (D, "В конце года бюджет пересмотрят.", "В конце года", "DATE", "2022", "year"),
    # --- clock times
    (D, "В 18:00 по местному времени начался штурм.", "В 18:00 по местному времени", "TIME", "2022-01-06T18:00",
     "minute"),
    (D, "В 9 утра открылись банки.", "В 9 утра", "TIME", "2022-01-06T09", "hour"),
    (D, "В три часа ночи военные вошли в город.", "В три часа ночи", "TIME", "2022-01-06T03", "hour"),
    (D, "В 10 часов вечера ввели ограничения.", "В 10 часов вечера", "TIME", "2022-01-06T22", "hour"),
    (D, "5 января в 23:11 по местному времени произошёл взрыв.", "5 января в 23:11 по местному времени", "TIME",
     "2022-01-05T23:11", "minute"),
    (D, "В полдень мэр выступил перед журналистами.", "В полдень", "TIME", "2022-01-06T12:00", "minute"),
    (D, "Магазины откроются в 10:00.", "в 10:00", "TIME", "2022-01-06T10:00", "minute"),
    ("2022-01", "В 18:00 начался штурм.", "В 18:00", "TIME", None, "minute"),
    (D, "В 18.30 начался штурм.", "В 18.30", "TIME", "2022-01-06T18:30", "minute"),
    (D, "Около 10:00 по московскому времени он вышел на свободу.", "10:00 по московскому времени", "TIME",
     "2022-01-06T10:00", "minute"),
    # --- durations
    (D, "Протесты длятся уже несколько дней.", "несколько дней", "DURATION", "PXD", "day"),
    (D, "Проверка продлится в течение недели.", "в течение недели", "DURATION", "P1W", "week"),
    (D, "Он провёл в тюрьме два года.", "два года", "DURATION", "P2Y", "year"),
    (D, "Он провёл в тюрьме полтора года.", "полтора года", "DURATION", "P1.5Y", "year"),
    (D, "Режим ЧП введён на две недели.", "на две недели", "DURATION", "P2W", "week"),
    (D, "Переговоры шли 12 часов подряд.", "12 часов", "DURATION", "PT12H", "hour"),
    (D, "Штурм длился 40 минут.", "40 минут", "DURATION", "PT40M", "minute"),
    (D, "За последние 200 лет такого не было.", "За последние 200 лет", "DURATION", "P200Y", "year"),
    (D, "В последние годы цены росли.", "В последние годы", "DURATION", "PXY", "year"),
    (D, "Он не выходил на связь несколько месяцев.", "несколько месяцев", "DURATION", "PXM", "month"),
    (D, "Он годами добивался приёма.", "годами", "DURATION", "PXY", "year"),
    (D, "Его арестовали на 10 суток.", "на 10 суток", "DURATION", "P10D", "day"),
    (D, "Срок продлили на 1 год 5 месяцев.", "на 1 год 5 месяцев", "DURATION", "P1Y5M", "month"),
    (D, "Эвакуация займёт примерно неделю.", "неделю", "DURATION", "P1W", "week"),
    (D, "Ему грозит до пяти лет лишения свободы.", "до пяти лет", "DURATION", "P5Y", "year"),
    (D, "Десятилетиями здесь не строили дорог.", "Десятилетиями", "DURATION", "PXDE", "year"),
    (D, "Переговоры продолжались два десятилетия.", "два десятилетия", "DURATION", "P2DE", "year"),
    (D, "Супруги прожили вместе 70 лет.", "70 лет", "DURATION", "P70Y", "year"),
    (D, "Он работал на протяжении многих лет.", "на протяжении многих лет", "DURATION", "PXY", "year"),
    (D, "Решение примут в течение 12 часов.", "в течение 12 часов", "DURATION", "PT12H", "hour"),
    (D, "Он отсидел три с лишним года.", "года", None, None, None),
    # --- sets
    (D, "Сводки публикуют ежедневно.", "ежедневно", "SET", "P1D", "day"),
    (D, "Совещания проходят каждую неделю.", "каждую неделю", "SET", "P1W", "week"),
    (D, "Он звонит матери каждый день.", "каждый день", "SET", "P1D", "day"),
    (D, "Отчёт выходит еженедельно.", "еженедельно", "SET", "P1W", "week"),
    (D, "Выборы проходят каждые три года.", "каждые три года", "SET", "P3Y", "year"),
    (D, "Митинги проходят по понедельникам.", "по понедельникам", "SET", "XXXX-WXX-1", "day"),
    (D, "Лекарство принимают два раза в день.", "два раза в день", "SET", "P1D", "day"),
    (D, "Комиссия собирается раз в неделю.", "раз в неделю", "SET", "P1W", "week"),
    (D, "Фестиваль проходит ежегодно.", "ежегодно", "SET", "P1Y", "year"),
    (D, "Рынок работает по выходным.", "по выходным", "SET", "XXXX-WXX-WE", "week"),
    # --- the document date is month- or year-precise: weekdays only when the text fixes the week
    ("2022-01", "В ночь на 6 января ОДКБ приняла решение. К вечеру четверга силовики освободили здание.",
     "К вечеру четверга", "TIME", "2022-01-06TEV", "part_of_day"),
    ("2022-01", "В четверг силовики освободили здание.", "В четверг", "DATE", None, "day"),
    ("2022", "В понедельник прошли аресты.", "В понедельник", "DATE", None, "day"),
    ("2022-01", "Вчера прошли аресты.", "Вчера", "DATE", None, "day"),
    ("2022-01", "4 января начались протесты, а в среду их разогнали.", "в среду", "DATE", "2022-01-05", "day"),
    ("2022-01", "В прошлом месяце цены выросли.", "В прошлом месяце", "DATE", "2021-12", "month"),
    ("2022-01", "На прошлой неделе цены выросли.", "На прошлой неделе", "DATE", None, "week"),
    (None, "Вчера начались протесты.", "Вчера", "DATE", None, "day"),
    ("2022-01-06T14:05", "Сегодня утром начались протесты.", "Сегодня утром", "TIME", "2022-01-06TMO",
     "part_of_day"),
    ("2022-01", "В январе начались протесты.", "В январе", "DATE", "2022-01", "month"),
    # --- English
    (D, "On Monday, the president addressed the nation.", "On Monday", "DATE", "2022-01-03", "day"),
    (D, "The talks were held on January 6, 2022.", "on January 6, 2022", "DATE", "2022-01-06", "day"),
    (D, "Protests began last week.", "last week", "DATE", "2021-W52", "week"),
    (D, "Police arrested him yesterday.", "yesterday", "DATE", "2022-01-05", "day"),
    (D, "He arrived two days ago.", "two days ago", "DATE", "2022-01-04", "day"),
    (D, "The company was founded in 2019.", "in 2019", "DATE", "2019", "year"),
    (D, "The mayor spoke this morning.", "this morning", "TIME", "2022-01-06TMO", "part_of_day"),
    (D, "The vote will take place next Tuesday.", "next Tuesday", "DATE", "2022-01-11", "day"),
    (D, "The curfew starts at 6 p.m. local time.", "at 6 p.m. local time", "TIME", "2022-01-06T18", "hour"),
    (D, "He served as mayor for three years.", "for three years", "DURATION", "P3Y", "year"),
    (D, "The museum is open every day.", "every day", "SET", "P1D", "day"),
    (D, "The band was popular in the 1990s.", "in the 1990s", "DATE", "199", "year"),
    (D, "The plant opened in the summer of 2019.", "in the summer of 2019", "DATE", "2019-SU", "month"),
    (D, "Shots were heard last night.", "last night", "TIME", "2022-01-05TNI", "part_of_day"),
    (D, "The report was published in March 2021.", "in March 2021", "DATE", "2021-03", "month"),
    (D, "Talks resumed on Thursday afternoon.", "on Thursday afternoon", "TIME", "2022-01-06TAF", "part_of_day"),
    (D, "Results are published weekly.", "weekly", "SET", "P1W", "week"),
    (D, "The law was adopted on 5 January 2022.", "on 5 January 2022", "DATE", "2022-01-05", "day"),
    ("2022-01", "On Monday, the president addressed the nation.", "On Monday", "DATE", None, "day"),
    (D, "Elections will be held in May.", "in May", "DATE", "2022-05", "month"),
    (D, "The plant was built in the early 1960s.", "in the early 1960s", "DATE", "196", "year"),
    (D, "Officials said today that the border is closed.", "today", "DATE", "2022-01-06", "day"),
    (D, "Prices rose last year.", "last year", "DATE", "2021", "year"),
    (D, "A week ago the border was closed.", "A week ago", "DATE", "2021-W52", "week"),
    # --- not time expressions (deictic words, events, ages, names, counts)
    (D, "Сейчас в городе спокойно.", None, "", None, None),
    (D, "Ранее сообщалось о жертвах.", None, "", None, None),
    (D, "Недавно его освободили из-под стражи.", None, "", None, None),
    (D, "В настоящее время ситуация под контролем.", None, "", None, None),
    (D, "На днях министр посетил регион.", None, "", None, None),
    (D, "Окружающая среда страдает от выбросов.", None, "", None, None),
    (D, "Марта Иванова выступила с заявлением.", None, "", None, None),
    (D, "В 2014 случаях врачи не справились.", None, "", None, None),
    (D, "Погибли 2000 человек.", None, "", None, None),
    (D, "В день выборов прошли аресты.", None, "", None, None),
    (D, "Накануне выборов прошли аресты.", None, "", None, None),
    (D, "Он умер в возрасте 70 лет.", None, "", None, None),
    (D, "В 13 лет он переехал в Москву.", None, "", None, None),
    (D, "Спустя два дня его освободили.", None, "", None, None),
    (D, "Через неделю его освободили.", None, "", None, None),
    (D, "He may resign, officials said.", None, "", None, None),
]


@cache
def analysed(date_value: str | None, text: str) -> tuple[Timex, ...]:
    from svodka.stages import annotate, language

    a = Analysis(doc=InputDocument(id="t", text=text, date=date_value), text=text)
    a.languages = language.segment_languages(text)
    annotate.annotate(a)
    timex.extract(a)
    return tuple(a.timexes)


@pytest.mark.slow
@pytest.mark.parametrize(("doc_date", "text", "span", "ttype", "value", "precision"), CASES,
                         ids=[f"{k}:{c[2] or c[1][:20]}" for k, c in enumerate(CASES)])
def test_phrase_in_context(doc_date: str | None, text: str, span: str | None, ttype: str,
                           value: str | None, precision: str | None) -> None:
    found = analysed(doc_date, text)
    for t in found:
        assert text[t.start:t.end] == t.text
    if span is None:
        assert found == (), [(t.text, t.value) for t in found]
        return
    if not ttype:  # the text must not be read as this expression
        assert all(t.text != span for t in found), found
        return
    hits = [t for t in found if t.text == span]
    assert hits, f"{span!r} not found in {[(t.text, t.value) for t in found]}"
    got = hits[0]
    assert (got.type, got.value, got.precision) == (ttype, value, precision), got


def test_enough_cases() -> None:
    assert len(CASES) >= 150


@pytest.mark.slow
def test_seed_night_and_thursday(seed_path) -> None:  # type: ignore[no-untyped-def]
    from svodka.read import read_text_file

    doc = read_text_file(seed_path)
    assert not hasattr(doc, "error") or getattr(doc, "error", None) is None
    got = {t.text: t for t in analysed(doc.date, doc.text)}
    night = got["В ночь на 6 января"]
    assert (night.type, night.value, night.precision) == ("DATE", "2022-01-06", "day")
    thursday = got["К вечеру четверга"]
    assert (thursday.value, thursday.precision) == ("2022-01-06TEV", "part_of_day")
    assert doc.date == "2022-01"


# --------------------------------------------------------------------------- properties of the normaliser

MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
              "ноября", "декабря"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
dates = st.dates(min_value=date(1700, 1, 1), max_value=date(2099, 12, 31))


@given(dates)
def test_written_russian_date_parses_back(d: date) -> None:
    text = f"Это случилось {d.day} {MONTHS_GEN[d.month - 1]} {d.year} года в городе."
    found = timex.find_timexes(text, "2022-01-06")
    assert [(t.text, t.value, t.precision) for t in found] == [
        (f"{d.day} {MONTHS_GEN[d.month - 1]} {d.year} года", d.isoformat(), "day")]


@given(dates)
def test_numeric_date_parses_back(d: date) -> None:
    text = f"Документ от {d.day:02d}.{d.month:02d}.{d.year} подписан."
    found = timex.find_timexes(text, None)
    assert [(t.text, t.value) for t in found] == [(f"от {d:%d.%m.%Y}", d.isoformat())]


@given(dates)
def test_english_date_parses_back(d: date) -> None:
    text = f"It happened on {MONTHS_EN[d.month - 1]} {d.day}, {d.year}, officials said."
    found = timex.find_timexes(text, "2022-01-06")
    assert [t.value for t in found] == [d.isoformat()]


@given(st.dates(min_value=date(1901, 1, 8), max_value=date(2099, 12, 24)), st.integers(0, 6))
def test_weekday_resolves_within_the_last_week(doc: date, wd: int) -> None:
    names = ["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"]
    text = f"В {names[wd]} в городе прошли митинги."
    found = timex.find_timexes(text, doc.isoformat(), tense_at=lambda s, e: "past")
    assert len(found) == 1
    value = date.fromisoformat(found[0].value or "")
    assert value.isoweekday() == wd + 1
    assert timedelta(0) <= doc - value < timedelta(days=7)


def _years(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "год"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "года"
    return "лет"


@given(st.integers(1, 999))
def test_counted_years_are_durations(n: int) -> None:
    text = f"Он провёл там {n} {_years(n)}."
    found = timex.find_timexes(text, "2022-01-06")
    assert [(t.type, t.value) for t in found] == [("DURATION", f"P{n}Y")]


@given(st.integers(1, 60), st.sampled_from(["дня", "дней", "недели", "недель", "месяца", "месяцев"]))
def test_ago_is_in_the_past(n: int, unit: str) -> None:
    found = timex.find_timexes(f"Это было {n} {unit} назад.", "2022-01-06")
    assert len(found) == 1 and found[0].type == "DATE"
    assert (found[0].value or "") <= "2022-01-06"


PIECES = ["в", "на", "с", "по", "до", "к", "вечеру", "ночь", "утром", "четверга", "в четверг", "6", "января",
          "2022", "года", "году", "лет", "назад", "через", "два", "несколько", "дней", "прошлой", "неделе",
          "выходные", ",", ".", "-", "18:00", "06.01.2022", "1990-е", "XX", "века", "весной", "каждый",
          "день", "раз", "в течение",
          "last", "week", "on", "Monday", "January", "6,", "ago", "the", "1990s", "p.m.", "\n", "Март", "среда", "г.",
          "полтора", "ежедневно", "вчера", "накануне", "тот", "же", "следующий", "31", "февраля", "0", "99999"]
ISO_LIKE = re.compile(r"^(?:\d{2,4}(?:-(?:\d\d|W\d\d|SP|SU|FA|WI)(?:-(?:\d\d|WE))?"
                      r"(?:T(?:\d\d(?::\d\d)?|MO|AF|EV|NI))?)?"
                      r"|P(?:[\dX.]+[YMWD]|[\dX.]+DE|[\dX.]+CE)+|PT[\dX.]+[HMS]|P[\dX.]+Y[\dX.]+M|XXXX-.+)$")


@settings(max_examples=300)
@given(st.lists(st.sampled_from(PIECES), max_size=25), st.sampled_from([None, "2022", "2022-01", "2022-01-06"]))
def test_offsets_and_values_are_well_formed(words: list[str], doc_date: str | None) -> None:
    text = " ".join(words)
    found = timex.find_timexes(text, doc_date)
    last_end = -1
    for t in found:
        assert text[t.start:t.end] == t.text and t.text.strip() == t.text and t.text
        assert t.start >= last_end  # sorted, no overlaps
        last_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value is None or ISO_LIKE.match(t.value), t


@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    for t in timex.find_timexes(text, "2022-01-06"):
        assert text[t.start:t.end] == t.text
