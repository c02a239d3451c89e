"""svodka.fastnlp gives exactly stock natasha/slovnet's outputs: morph tags and feats, NER spans,
syntax heads and relations, and the annotate stage's tokens, sentences and NER spans.

The texts below are written for these tests (invented news in the forms Russian news uses); the
property tests feed random token sequences (Cyrillic, Latin, digits, punctuation).
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svodka import fastnlp, models
from svodka.analysis import Analysis
from svodka.record import InputDocument
from svodka.stages import annotate

pytestmark = pytest.mark.slow

_PARAGRAPH = (
    "Правительство Республики Татарстан одобрило программу ремонта дорог в Казани, Набережных Челнах "
    "и Альметьевске. Министр транспорта Ринат Хасанов сообщил, что на работы выделят 4,2 млрд рублей. "
    "По его словам, подрядчиков выберут до 15 марта, а первые участки откроют летом.\n\n"
)

TEXTS = [
    "Президент Франции Эмманюэль Макрон прибыл в Берлин, где встретится с канцлером Германии. "
    "Переговоры пройдут в здании ведомства федерального канцлера.",
    "В Новосибирске открылся новый мост\n\nМост через Обь длиной 1,5 км соединил левый и правый берег. "
    "Мэр города Анатолий Локоть назвал открытие важным событием.",
    "«Мы не допустим повышения тарифов», — заявил глава «Газпрома» Алексей Миллер журналистам в Санкт-Петербурге.",
    "Курс доллара 12.03.2021 вырос на 0,8% и составил 74,35 руб. Индекс Мосбиржи упал на 1,2 пункта.",
    "Компании Apple и Google объявили о совместном проекте; Tim Cook выступил в Калифорнии.",
    "Заседание перенесли, т.е. решение примут не раньше, чем через месяц. Об этом сообщили в МИД РФ, США и ООН.",
    "Список пострадавших регионов:\n1. Краснодарский край;\n2. Ростовская обл.;\n3. Республика Адыгея.",
    "В ходе проверки сотрудники прокуратуры Свердловской области, управления ФСБ, МВД, Росгвардии, "
    "МЧС, Роспотребнадзора и Ростехнадзора обследовали школы, больницы, детские сады, торговые центры, "
    "вокзалы, аэропорты, стадионы, театры, музеи, библиотеки, поликлиники, спортивные комплексы, "
    "бассейны, кинотеатры, рынки и общежития в Екатеринбурге, Нижнем Тагиле, Каменске-Уральском, "
    "Первоуральске, Серове, Асбесте, Полевском, Ревде, Березовском, Верхней Пышме и Новоуральске.",
    "Да. Нет. Может быть. Посмотрим. Ждём. Всё.",
    "Прем'єр-міністр України провів нараду у Києві щодо підготовки до зими.",
    "СРОЧНО: ЦЕНТРОБАНК ПОВЫСИЛ КЛЮЧЕВУЮ СТАВКУ",
    "Поезд из Ростова-на-Дону в Санкт-Петербург задержался; художник Кузьма Петров-Водкин ждал на перроне.",
    "Подробности на сайте https://example.ru/news/123, пишите на info@example.ru, тег #выборы2024.",
    "Жители\u00a0Твери 🙂 вышли на субботник\u200b в парке «Южный».",
    "Москва",
    "!!! ??? ...",
    "Сделка (по данным [источников] в банке) {предварительно} оценивается в $2 млрд.",
    "«Зенит» обыграл «Спартак» со счётом 3:1; голы забили Дзюба (2) и Малком.",
    "Соглашение подписали А. С. Иванов и Н. П. Смирнова в присутствии губернатора И. И. Петрова.",
    "Первая строка\r\nВторая строка\tс табуляцией\r\n\r\nТретий абзац в Омске.",
    "Он сказал: „Это «последнее» предупреждение“, — и покинул зал Госдумы.",
    "Дело возбуждено по ч. 4 ст. 159 УК РФ, сообщает ГСУ СК по Москве.",
    "Ночью в Якутске было −45 °C, днём потеплеет до -38°C.",
    "Қазақстан Республикасының Президенті Астанада кездесу өткізді. Беларусь правёў сустрэчу ў Мінску.",
    "   \n\n\n   Текст после пустых строк в Самаре.\n\n\n",
    "Глава Минфина заявил, что the budget is balanced, и добавил: «Дефицита не будет».",
    "Зарплаты выросли до 1 500 000 рублей в год, а пенсии — до 25 000 руб. в месяц.",
    "— Вы приедете в Казань?\n— Нет, я остаюсь в Уфе.\n— Жаль.",
    _PARAGRAPH * 12,  # over 1,000 tokens: the CNN runs in row blocks
    # short sentences around a long one: stock batches both packed and at stock's shapes
    "Коротко. " * 9 + "Долгое предложение о том, как " + "очень " * 70 + "важный доклад прочли в Туле. " + "Ещё. " * 5,
]


@pytest.fixture(scope="module")
def nat() -> Any:
    return models.natasha()


@pytest.fixture(scope="module")
def fast() -> fastnlp.FastNatasha:
    return fastnlp.models()


def stock_doc(nat: Any, text: str) -> Any:
    from natasha import Doc

    doc = Doc(text)
    doc.segment(nat.segmenter)
    doc.tag_morph(nat.morph_tagger)
    doc.tag_ner(nat.ner_tagger)
    return doc


def check_text(nat: Any, fast: fastnlp.FastNatasha, text: str) -> None:
    """Segmentation, morph, NER and syntax of ``text``: fast == stock."""
    doc = stock_doc(nat, text)
    toks, sents, ranges = fastnlp.segment(text)
    assert [(t.start, t.stop, t.text) for t in toks] == [(t.start, t.stop, t.text) for t in doc.tokens]
    assert [(s.start, s.stop) for s in sents] == [(s.start, s.stop) for s in doc.sents]
    assert [[toks[k].start for k in range(lo, hi)] for lo, hi in ranges] == [
        [t.start for t in s.tokens] for s in doc.sents]
    words = [t.text for t in toks]
    ids, spans = fast.tag(words, ranges, ner=bool(text.strip()))
    got = [fast.morph_tags[i] for lo, hi in ranges for i in ids[lo:hi].tolist()]
    assert got == [(t.pos, t.feats) for s in doc.sents for t in s.tokens]
    assert [(toks[i].start, toks[j - 1].stop, kind) for i, j, kind in spans] == [
        (s.start, s.stop, s.type) for s in doc.spans]
    sentences = [words[lo:hi] for lo, hi in ranges]
    want = [([int(t.head_id) for t in m.tokens], [t.rel for t in m.tokens])
            for m in nat.syntax_parser.map(sentences)]
    assert fast.parse(sentences) == want


@pytest.mark.parametrize("text", TEXTS)
def test_texts_match_stock(nat: Any, fast: fastnlp.FastNatasha, text: str) -> None:
    check_text(nat, fast, text)


def test_all_texts_in_one_document_match_stock(nat: Any, fast: fastnlp.FastNatasha) -> None:
    """Many sentences in one document: stock batches both packed and run at stock's shapes."""
    check_text(nat, fast, "\n\n".join(TEXTS))


def analysed(text: str, stock: bool, monkeypatch: pytest.MonkeyPatch) -> Analysis:
    from svodka.stages import language

    if stock:
        monkeypatch.setenv(fastnlp.STOCK_ENV, "1")
    else:
        monkeypatch.delenv(fastnlp.STOCK_ENV, raising=False)
    a = Analysis(doc=InputDocument(id="t", text=text), text=text)
    a.languages = language.segment_languages(text)
    annotate.annotate(a)
    annotate.parse_syntax(a, list(range(len(a.sentences))))
    return a


@pytest.mark.parametrize("text", [TEXTS[1], TEXTS[6], TEXTS[19], TEXTS[25], TEXTS[28], "\n\n".join(TEXTS[:12])])
def test_annotate_stage_matches_stock(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every field of Token, Sentence and NerSpan (heads and relations included) is the same."""
    fast_a = analysed(text, False, monkeypatch)
    stock_a = analysed(text, True, monkeypatch)
    assert fast_a.tokens and fast_a.tokens == stock_a.tokens
    assert fast_a.sentences == stock_a.sentences
    assert fast_a.ner == stock_a.ner
    assert any(t.rel for t in fast_a.tokens)


# --- properties: random tokens --------------------------------------------------------------

_CYR = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_LAT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_PUNCT = ".,;:!?-—–«»\"'()[]/%№…$+*&#@"
_word = st.one_of(
    st.text(_CYR, min_size=1, max_size=12),
    st.text(_CYR, min_size=1, max_size=6).map(str.capitalize),
    st.text(_LAT, min_size=1, max_size=10),
    st.text("0123456789", min_size=1, max_size=6),
    st.text(_PUNCT, min_size=1, max_size=3),
    st.text(_CYR + _LAT + "0123456789-.", min_size=1, max_size=10),
    st.sampled_from(["Москва", "Путин", "ООН", "Газпром", "Владимир", "Иванов", "в", "и", "г.", "США"]),
)
_words = st.lists(_word, min_size=1, max_size=200)
_PROPS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


@_PROPS
@given(words=_words, cuts=st.lists(st.integers(0, 200), max_size=30))
def test_random_sentences_match_stock(nat: Any, fast: fastnlp.FastNatasha, words: list[str], cuts: list[int]) -> None:
    """Morph and syntax straight on word lists cut into sentences (no tokenizer in between)."""
    bounds = sorted({0, len(words), *(c for c in cuts if c < len(words))})
    ranges = list(itertools.pairwise(bounds))
    sentences = [words[lo:hi] for lo, hi in ranges]
    ids = fast.morph(words, ranges)
    want = [(t.pos, t.feats) for m in nat.morph_tagger.map(sentences) for t in m.tokens]
    assert [fast.morph_tags[i] for i in ids.tolist()] == want
    parsed = [([int(t.head_id) for t in m.tokens], [t.rel for t in m.tokens])
              for m in nat.syntax_parser.map(sentences)]
    assert fast.parse(sentences) == parsed


@_PROPS
@given(words=_words, seps=st.lists(st.sampled_from([" ", " ", " ", "\n", ". ", "\n\n", ", "]), min_size=1))
def test_random_texts_match_stock(nat: Any, fast: fastnlp.FastNatasha, words: list[str], seps: list[str]) -> None:
    """Whole texts through razdel: segmentation, morph, NER and syntax."""
    text = "".join(w + seps[k % len(seps)] for k, w in enumerate(words))
    check_text(nat, fast, text)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 60), seed=st.integers(0, 2**32 - 1), ties=st.booleans())
def test_viterbi_matches_slovnet_crf(nat: Any, n: int, seed: int, ties: bool) -> None:
    """Including ties (small integer scores), where the first maximum must win as in stock."""
    crf = nat.ner_tagger.infer.model.head.crf
    rng = np.random.default_rng(seed)
    emissions = rng.standard_normal((n, 8)).astype(np.float32)
    transitions = crf.transitions.array
    if ties:
        emissions = rng.integers(-2, 3, (n, 8)).astype(np.float32)
        transitions = rng.integers(-2, 3, (8, 8)).astype(np.float32)
        crf = type(crf)(crf.transitions.replace(array=transitions))
    want = crf.decode(emissions[None], np.ones((1, n), np.bool_))[0].tolist()
    assert fastnlp.viterbi(emissions, transitions) == want


@settings(max_examples=300, deadline=None)
@given(tags=st.lists(st.integers(0, 7), max_size=40))
def test_bio_spans_match_slovnet(nat: Any, tags: list[int]) -> None:
    """I without B, I of another type, and <pad> are read as slovnet reads them."""
    from slovnet.bio import bio_spans
    from slovnet.token import Token

    names = nat.ner_tagger.infer.decoder.tags_vocab.items
    tokens = [Token(k, k + 1, "x") for k in range(len(tags))]
    want = [(s.start, s.stop, s.type) for s in bio_spans(tokens, [names[t] for t in tags])]
    parts = [(t.split("-", 1)[0], t.split("-", 1)[1]) if "-" in t else (t, None) for t in names]
    assert fastnlp._bio_spans(tags, parts) == want


def test_switch_runs_stock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fastnlp.STOCK_ENV, "1")
    assert fastnlp.use_stock()
    monkeypatch.setenv(fastnlp.STOCK_ENV, "0")
    assert not fastnlp.use_stock()


# --- the numbers themselves: bit for bit, not only the argmax ----------------------------------


def same_numbers(got: np.ndarray, want: np.ndarray) -> bool:
    """Bit for bit on the OpenBLAS kernels where that was measured (``fastnlp.EXACT_BLAS_CORES``); elsewhere
    the packed products may round differently in the last bit (Haswell kernels, also chosen on AMD Zen), so
    equal to float32 rounding: a drift beyond it (a wrong operand, order or layout) still fails."""
    if fastnlp.blas_core() in fastnlp.EXACT_BLAS_CORES:
        return bool(np.array_equal(got, want))
    # float32 rounding of sums whose terms are as large as the largest output: an absolute bound on that scale
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=0, atol=1e-5 * float(np.abs(want).max())))


def test_blas_core_is_known() -> None:
    """numpy's bundled OpenBLAS (a wheel's ``numpy.libs``) names its kernel set, so the exact check above
    knows where it runs."""
    import glob
    import os

    bundled = glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "*openblas*"))
    core = fastnlp.blas_core()
    if not bundled:
        assert core is None
    else:
        assert core and core.isascii() and core == core.lower() and core.isalnum()


def check_bitwise(nat: Any, fast: fastnlp.FastNatasha, sentences: list[list[str]]) -> None:
    """Morph logits, syntax encoder states and NER emissions equal stock's to the last bit, so
    that no argmax can ever flip (a tag-level test alone would miss most float drift); see
    :func:`same_numbers` for the BLAS kernels where only float rounding is asked."""
    words = [w for s in sentences for w in s]
    bounds = np.cumsum([0, *map(len, sentences)]).tolist()
    ranges = list(itertools.pairwise(bounds))
    word_ids, shape_ids = fast.words.ids(words)
    vectors = fast.words.vectors(word_ids)
    # morph: scores of every token
    infer = nat.morph_tagger.infer
    want = np.concatenate([infer.model(inp.word_id, inp.shape_id, inp.pad_mask)[~inp.pad_mask]
                           for inp in infer.encoder(sentences)])
    got = np.zeros_like(want)
    for tokens, logits in fast._morph_logits(vectors, shape_ids, ranges):
        got[tokens] = logits
    assert same_numbers(got, want)
    # syntax: encoder states on stock's padded batches (the heads are stock's own modules)
    model = nat.syntax_parser.infer.model
    batches = fastnlp._stock_batches(ranges)
    padded = fast._padded(batches, fast._encode(fast._syntax, vectors, shape_ids, batches))
    stock_inputs = list(nat.syntax_parser.infer.encoder(sentences))
    assert len(stock_inputs) == len(padded)
    for inp, out in zip(stock_inputs, padded, strict=True):
        assert out is not None
        assert same_numbers(out, model.encoder(model.emb(inp.word_id, inp.shape_id), inp.pad_mask))
    # NER: emissions of the whole sequence
    ner = nat.ner_tagger.infer
    inp = next(iter(ner.encoder([words])))
    assert same_numbers(fast._ner_emissions(vectors, shape_ids), ner.model(inp.word_id, inp.shape_id,
                                                                          inp.pad_mask)[0])


def test_numbers_are_bitwise_stock(nat: Any, fast: fastnlp.FastNatasha) -> None:
    """One document of all the texts: stock batches of every size, packed and at stock's shapes,
    and a NER sequence long enough for row blocks."""
    sentences = []
    for text in TEXTS:
        toks, _, ranges = fastnlp.segment(text)
        sentences.extend([t.text for t in toks[lo:hi]] for lo, hi in ranges if hi > lo)
    check_bitwise(nat, fast, sentences)


@_PROPS
@given(sentences=st.lists(st.lists(_word, min_size=1, max_size=40), min_size=1, max_size=20))
def test_random_numbers_are_bitwise_stock(nat: Any, fast: fastnlp.FastNatasha, sentences: list[list[str]]) -> None:
    check_bitwise(nat, fast, sentences)


@pytest.mark.parametrize("stock", [False, True])
def test_a_full_stop_with_no_space_ends_a_sentence(stock: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """razdel keeps "году.Они" in one sentence; svodka ends it there, on both paths, but keeps initials,
    abbreviations and names with a dot whole."""
    text = ('Об этом сообщила вице-премьер в эфире "Россия 24".Она добавила, что вакцина готова. '
            "Выборы прошли в 2019 году.Они завершились. А.С.Пушкин жил на пос.Иваново, читал Яндекс.Новости.")
    a = analysed(text, stock, monkeypatch)
    starts = [text[s.start:s.start + 12] for s in a.sentences]
    assert "Она добавила" in starts and "Они завершил" in starts
    assert not any(s.startswith(("С.Пушкин", "Пушкин", "Иваново", "Новости")) for s in starts)
    for s in a.sentences:  # each sentence's tokens lie inside it
        assert all(s.start <= t.start and t.end <= s.end for t in a.tokens[s.first_token:s.last_token])
