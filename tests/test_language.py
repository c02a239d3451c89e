"""Language spans: the seed, mixed-language cases, and the span invariants on arbitrary text."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svodka.models import DETECTOR_LANGUAGES, language_detector
from svodka.record import LanguageSpan
from svodka.stages.language import segment_languages

pytestmark = pytest.mark.slow

CYRILLIC_OR_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


@pytest.fixture(scope="module", autouse=True)
def _warm_detector() -> None:
    """Load lingua's models once, so that hypothesis does not time the loading."""
    language_detector().compute_language_confidence_values("warm up, прогрев")


def langs(text: str) -> list[tuple[str, str]]:
    return [(s.lang, text[s.start : s.end]) for s in segment_languages(text)]


def check_invariants(text: str, spans: list[LanguageSpan]) -> None:
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        assert span.lang in DETECTOR_LANGUAGES
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start, "spans are ordered and disjoint"
        assert a.lang != b.lang, "spans are maximal: neighbours differ in language"
    if spans:  # either no spans at all, or every non-blank character is covered
        covered: set[int] = set()
        for span in spans:
            covered.update(range(span.start, span.end))
        assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_seed_is_russian_then_english_tweet(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    header = re.match(r"\s*date\s+\S+\s+", raw)
    assert header is not None
    text = raw[header.end() :]
    spans = segment_languages(text)
    ru_end = text.index('урегулировании кризиса".') + len('урегулировании кризиса".')
    assert spans == [
        LanguageSpan("ru", 0, ru_end),
        LanguageSpan("en", text.index("Great concern"), len(text.rstrip())),
    ]
    check_invariants(text, spans)


def test_latin_names_inside_russian_stay_russian() -> None:
    text = (
        "Об этом сообщает Deutsche Welle.\n"
        "Глава МИД написал в Twitter, что переговоры с The New York Times и Financial Times продолжатся. "
        "Об этом пишет The Wall Street Journal.\n"
        "Фото: Reuters\n"
        "Источник: https://www.newsru.com/world/24Sep2002/fedya.html"
    )
    assert langs(text) == [("ru", text)]


def test_russian_quote_inside_english_text() -> None:
    en1 = "The Kremlin spokesman commented on the talks on Monday."
    ru = "Мы не допустим эскалации конфликта на границе."
    en2 = "He declined to give further details about the negotiations."
    text = f"{en1} {ru} {en2}"
    assert langs(text) == [("en", en1), ("ru", ru), ("en", en2)]


def test_ukrainian_paragraph() -> None:
    text = (
        "Президент України заявив, що переговори з партнерами триватимуть. "
        "Він наголосив, що Київ готовий до діалогу, але не поступиться своєю територією."
    )
    assert langs(text) == [("uk", text)]


def test_ukrainian_name_in_russian_sentence_stays_russian() -> None:
    text = "Мэр Києва Виталий Кличко заявил о новых ограничениях в городе."
    assert langs(text) == [("ru", text)]


def test_belarusian_and_kazakh() -> None:
    assert langs("Беларускі лідэр заявіў пра новыя санкцыі супраць Літвы.")[0][0] == "be"
    assert langs("Алматыда қар жауып, жолдарда кептеліс пайда болды.")[0][0] == "kk"


def test_kazakh_name_in_russian_sentence_stays_russian() -> None:
    text = "Акимом Алматы назначен Ерболат Досаев, сообщает Ақорда."
    assert langs(text) == [("ru", text)]


def test_german_and_french_sentences() -> None:
    assert langs("Die Regierung hat heute neue Sanktionen gegen Russland beschlossen.")[0][0] == "de"
    assert langs("Le gouvernement a annoncé de nouvelles sanctions contre la Russie.")[0][0] == "fr"


def test_names_in_latin_script_are_english_not_german() -> None:
    text = "Angela Merkel met Emmanuel Macron in Berlin."
    assert langs(text) == [("en", text)]


def test_short_units_follow_their_neighbours() -> None:
    ru = "Заявление опубликовано на сайте министерства в пятницу. Reuters."
    en = "Thanks. Great concern about developments in #Kazakhstan."
    text = f"{ru}\n\n{en}"
    # "Reuters." closes the Russian paragraph; "Thanks." opens the English one (its own script).
    assert langs(text) == [("ru", ru), ("en", en)]


NO_LETTERS = ["", "   \n\t", "123 — 456!", "12:30, 5 %", "https://t.co/xYz #tag @user", "北京 東京"]


@pytest.mark.parametrize("text", NO_LETTERS)
def test_text_without_letters_has_no_spans(text: str) -> None:
    assert segment_languages(text) == []


def test_other_scripts_follow_their_neighbours() -> None:
    text = "Глава МИД Китая выступил с заявлением на пресс-конференции.\n中华人民共和国外交部"
    assert langs(text) == [("ru", text)]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_invariants_on_arbitrary_text(text: str) -> None:
    check_invariants(text, segment_languages(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_characters="#@.:")), st.sampled_from("aZéяЖї"))
def test_text_with_a_letter_is_covered(text: str, letter: str) -> None:
    # Without "#", "@", "." and ":" no letter can hide in a URL ("HTTP://aa" needs no dot), domain,
    # e-mail or hashtag.
    text = text + letter
    spans = segment_languages(text)
    assert spans
    check_invariants(text, spans)


PIECES = [
    "В Москве прошли переговоры министров.",
    "Great concern about developments.",
    "Reuters.",
    "Київ заявив, що переговори триватимуть.",
    "Die Regierung hat neue Sanktionen beschlossen.",
    "12:30",
    "https://t.co/abc",
    "#Kazakhstan",
    "—",
    "и. о.",
    "北京",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", "\n", "\n\n", " \t "]))))
def test_invariants_on_mixed_documents(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + sep for piece, sep in parts)
    spans = segment_languages(text)
    check_invariants(text, spans)
    if CYRILLIC_OR_LATIN.search(text.replace("https://t.co/abc", "").replace("#Kazakhstan", "")):
        assert spans


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES[:1] + PIECES[2:3] + PIECES[5:]), min_size=1))
def test_russian_with_names_and_noise_is_one_russian_span(pieces: list[str]) -> None:
    text = " ".join(pieces)
    spans = segment_languages(text)
    if "В Москве" in text:
        assert [s.lang for s in spans] == ["ru"]


def test_lone_surrogate_does_not_break_lingua() -> None:
    text = "\ud800 Die Regierung hat heute neue Sanktionen gegen Russland beschlossen."
    spans = segment_languages(text)
    assert [s.lang for s in spans] == ["de"]
    check_invariants(text, spans)
