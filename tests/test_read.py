"""Tests of the reading stage: files -> documents, including the messy inputs of real archives."""

from __future__ import annotations

import json
import random
import string
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from svodka import read
from svodka.read import (
    ReadError,
    clean_text,
    decode_bytes,
    iter_documents,
    iter_jsonl,
    parse_date,
    read_text_file,
)
from svodka.record import InputDocument

SEED = Path(__file__).parents[2] / "shared/seed/000_4eaf439251095eef.txt"

SENTENCE = "В Казахстане уже несколько дней идут массовые протесты."
LONG_TEXT = (
    "В Казахстане уже несколько дней идут массовые протесты, которые привели к серьезным "
    "столкновениям с полицией и попыткам захвата административных зданий. Президент "
    "Касым-Жомарт Токаев обратился к ОДКБ с просьбой о помощи.\n\n"
    "По данным Минздрава, более тысячи человек получили ранения, около 400 госпитализированы; "
    "62 человека находятся в реанимации. «Тех, кто откажется сложить оружие, ждет уничтожение», "
    "— заявил Токаев в эфире телеканала Хабар 24.\n"
    "Reuters reported that Russian paratroopers arrived in Almaty on Thursday, January 6.\n"
)


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read_doc(path: Path) -> InputDocument:
    doc = read_text_file(path)
    assert isinstance(doc, InputDocument), doc
    return doc


def read_err(path: Path) -> ReadError:
    err = read_text_file(path)
    assert isinstance(err, ReadError), err
    return err


# --------------------------------------------------------------------------- .txt files


def test_seed_file() -> None:
    if not SEED.exists():
        pytest.skip("shared seed not available")
    doc = read_doc(SEED)
    assert doc.id == "000_4eaf439251095eef"
    assert (doc.date, doc.date_precision) == ("2022-01", "month")
    assert doc.text.startswith("В Казахстане")
    assert doc.origin == str(SEED)
    assert "date 2022" not in doc.text[:50]


@pytest.mark.parametrize(
    ("content", "date", "precision"),
    [
        (" date 2022-01 Текст статьи.", "2022-01", "month"),
        ("date 2022 Текст статьи.", "2022", "year"),
        ("date 2022-01-06\nТекст статьи.", "2022-01-06", "day"),
        ("\n\n  date 2022-01-06\n\n\nТекст статьи.", "2022-01-06", "day"),
        ("date 2022-01-06\r\nТекст статьи.", "2022-01-06", "day"),
        ("date\t2022-01-06\tТекст статьи.", "2022-01-06", "day"),
        ("date 2022-01-06T14:05 Текст статьи.", "2022-01-06T14:05", "minute"),
        ("date 2022-01-06T14:05:00 Текст статьи.", "2022-01-06T14:05:00", "minute"),
        ("date 2022-01-06 14:05 Текст статьи.", "2022-01-06T14:05", "minute"),
        ("date 2022-01-06 14:05:00\nТекст статьи.", "2022-01-06T14:05:00", "minute"),
        ("date 2022-01-06T14:05Z Текст статьи.", "2022-01-06T14:05Z", "minute"),
        ("date 2022-01-06T14:05:00+03:00\nТекст статьи.", "2022-01-06T14:05:00+03:00", "minute"),
        ("date 2022-01-06 14:05-0500 Текст статьи.", "2022-01-06T14:05-05:00", "minute"),
    ],
)
def test_date_header_variants(tmp_path: Path, content: str, date: str, precision: str) -> None:
    doc = read_doc(write(tmp_path, "doc.txt", content))
    assert (doc.date, doc.date_precision) == (date, precision)
    assert doc.text == "Текст статьи."
    assert doc.id == "doc"


@pytest.mark.parametrize(
    "content",
    [
        "Текст без заголовка.\nВторая строка.",
        "date palms grow in the desert.",
        "Date 2022-01 is not a header: the header word is lowercase.",
        "dated 2022-01-06, the letter says",
        "  Текст  с  отступом  ",
    ],
)
def test_no_header(tmp_path: Path, content: str) -> None:
    doc = read_doc(write(tmp_path, "plain.txt", content))
    assert doc.date is None and doc.date_precision is None
    assert doc.text == content.strip()


def test_header_keeps_inner_whitespace(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path, "a.txt", "date 2022-01-06\n\n  Абзац один.\n\n\tАбзац два.  \n\n"))
    assert doc.text == "Абзац один.\n\n\tАбзац два."


def test_file_id_keeps_inner_dots(tmp_path: Path) -> None:
    assert read_doc(write(tmp_path, "2022.01.06-news.txt", "Текст")).id == "2022.01.06-news"


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("2022-13", "month must be 1..12"),
        ("2022-00", "month must be 1..12"),
        ("2022-02-30", "day must be 1..28 in 2022-02"),
        ("2022-04-31", "day must be 1..30 in 2022-04"),
        ("2022-01-06T25:00", "hour must be 00..23"),
        ("2022-01-06T12:60", "minute must be 00..59"),
        ("2022-01-06T12:00+25:00", "offset"),
        ("2022-1-6", "expected YYYY"),
        ("2022-01-06,", "expected YYYY"),
        ("0000", "year must be"),
    ],
)
def test_impossible_date_header(tmp_path: Path, header: str, reason: str) -> None:
    path = write(tmp_path, "bad.txt", f"date {header} Текст статьи.")
    err = read_err(path)
    assert err.id == "bad" and err.origin == str(path)
    assert f'invalid date header "{header}"' in err.error
    assert reason in err.error
    assert err.error.startswith(str(path))


def test_leap_day(tmp_path: Path) -> None:
    assert read_doc(write(tmp_path, "a.txt", "date 2024-02-29 Текст")).date == "2024-02-29"
    assert "day must be 1..28" in read_err(write(tmp_path, "b.txt", "date 2023-02-29 Текст")).error


def test_utf8_bom(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + f"date 2022-01-06 {SENTENCE}".encode()))
    assert doc.date == "2022-01-06"
    assert doc.text == SENTENCE


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "cp866"])
@pytest.mark.parametrize(
    "text",
    [
        SENTENCE,
        "Привет, мир!",
        "Ёжик в тумане.",
        "Президент подписал указ.",
        "Число погибших выросло до 225 человек.",
        LONG_TEXT.replace("«", '"').replace("»", '"').replace("—", "-"),  # koi8-r/cp866 lack «» —
    ],
)
def test_legacy_russian_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    data = text.encode(encoding)
    assert decode_bytes(data) == (text, encoding)
    assert read_doc(write(tmp_path, "legacy.txt", data)).text == clean_text(text)


def test_cp1251_with_typographic_punctuation(tmp_path: Path) -> None:
    assert decode_bytes(LONG_TEXT.encode("cp1251")) == (LONG_TEXT, "cp1251")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", ["юя " + SENTENCE, "яю " + SENTENCE, "ЧЪ " + SENTENCE, "ЪЧ" + SENTENCE])
def test_legacy_text_starting_like_a_utf16_bom(encoding: str, text: str) -> None:
    data = text.encode(encoding)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        assert decode_bytes(data) == (text, encoding)


def test_utf8_bom_name() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + SENTENCE.encode()) == (SENTENCE, "utf-8-sig")
    assert decode_bytes(SENTENCE.encode()) == (SENTENCE, "utf-8")


def test_legacy_header(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path, "k.txt", f"date 2022-01-06\r\n{SENTENCE}\r\n".encode("koi8-r")))
    assert (doc.date, doc.text) == ("2022-01-06", SENTENCE)


def test_mostly_utf8_with_broken_bytes() -> None:
    text, encoding = decode_bytes(SENTENCE.encode() + b"\xff" + " Конец.".encode())
    assert text == SENTENCE + "\ufffd Конец."
    assert encoding.startswith("utf-8")
    # a truncated multibyte character at the end of a file
    text, _ = decode_bytes(LONG_TEXT.encode()[:-1] + "я".encode()[:1])
    assert text.startswith(LONG_TEXT[:-1])


def test_english_with_stray_cp1252_quote() -> None:
    assert decode_bytes(b"It\x92s fine.") == ("It’s fine.", "cp1251")


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "utf-16"), ("utf-16-be", "utf-16-be"), ("utf-32", "utf-32")],
)
def test_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str, name: str) -> None:
    data = f"date 2022-01-06 {LONG_TEXT}".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = read_doc(write(tmp_path, "wide.txt", data))
    assert doc.date == "2022-01-06"
    assert doc.text == clean_text(LONG_TEXT)
    assert decode_bytes(data)[1].startswith(name)


def test_utf16_without_bom_is_binary(tmp_path: Path) -> None:
    err = read_err(write(tmp_path, "w.txt", SENTENCE.encode("utf-16-le")))
    assert "binary file, not text" in err.error


def test_crlf_and_lone_cr(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path, "crlf.txt", b"date 2022\r\nOne\r\ntwo\rthree\r\n\r\n"))
    assert doc.text == "One\ntwo\nthree"


def test_nul_bytes_in_text(tmp_path: Path) -> None:
    data = f"{SENTENCE}\x00 Второе\x00 предложение.\x00\x00\x00\x00".encode()
    doc = read_doc(write(tmp_path, "nul.txt", data))
    assert doc.text == f"{SENTENCE} Второе предложение."


def test_control_characters_removed(tmp_path: Path) -> None:
    doc = read_doc(write(tmp_path, "c.txt", "a\x01b\x0bc\x0cd\x7fe\x85f\x9fg\u200bh\th"))
    assert doc.text == "abcdefg\u200bh\th"


def test_binary_png(tmp_path: Path) -> None:
    rng = random.Random(1)
    data = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4096))
    err = read_err(write(tmp_path, "image.txt", data))
    assert err.id == "image"
    assert "binary file, not text" in err.error
    with pytest.raises(ValueError, match="binary file"):
        decode_bytes(data)


@pytest.mark.parametrize("size", [200, 4096, 100_000])
def test_binary_random_bytes(tmp_path: Path, size: int) -> None:
    rng = random.Random(size)
    data = bytes(rng.randrange(256) for _ in range(size))
    assert "binary file, not text" in read_err(write(tmp_path, "noise.txt", data)).error


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04rest", b"\x1f\x8b\x08\x00rest", b"%PDF-1.4\n", b"\x00\x01\x02\x03\x04" * 20]
)
def test_binary_signatures_and_controls(data: bytes) -> None:
    with pytest.raises(ValueError, match="binary file, not text"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty document"),
        (b"   \n\t\r\n  ", "empty document"),
        (b"\x00\x00\x00", "empty document"),
        (b"date 2022-01-06", "only a date header"),
        (b" date 2022-01-06 \n\n ", "only a date header"),
    ],
)
def test_empty_documents(tmp_path: Path, content: bytes, message: str) -> None:
    err = read_err(write(tmp_path, "e.txt", content))
    assert message in err.error
    assert err.id == "e"


def test_big_text_file_is_fast(tmp_path: Path) -> None:
    paragraph = LONG_TEXT + "\n"
    content = "date 2022-01-06\n" + paragraph * (20 * 2**20 // len(paragraph.encode()) + 1)
    path = write(tmp_path, "big.txt", content)
    assert path.stat().st_size > 20 * 2**20
    start = time.perf_counter()
    doc = read_doc(path)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, elapsed
    assert doc.text == content.removeprefix("date 2022-01-06\n").strip()


def test_big_legacy_file_is_fast(tmp_path: Path) -> None:
    paragraph = SENTENCE + " Президент подписал указ.\r\n"
    data = (paragraph * (20 * 2**20 // len(paragraph))).encode("cp1251")
    path = write(tmp_path, "big1251.txt", data)
    start = time.perf_counter()
    doc = read_doc(path)
    assert time.perf_counter() - start < 2.0
    assert doc.text.startswith(SENTENCE)
    assert "\r" not in doc.text


def test_too_large_text_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_TEXT_BYTES", 100)
    assert "file too large" in read_err(write(tmp_path, "huge.txt", "x" * 101)).error


# --------------------------------------------------------------------------- JSONL


def jsonl(*lines: object) -> str:
    return "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
                   for line in lines)


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "batch.jsonl", jsonl(
        {"id": "a", "text": "Первый документ.", "date": "2022-01-06", "title": "Заголовок",
         "source": "ТАСС", "url": "https://example.org/a", "extra": {"ignored": True}},
        '{"id": "broken", "text": ',
        [1, 2, 3],
        {"id": "no-text", "date": "2022-01-06"},
        "",
        {"id": "bad-date", "text": "Текст", "date": "2022-02-30"},
        "[" * 100_000 + "]" * 100_000,
        '{"id": "deep", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}",
        {"text": "Без идентификатора.", "date": None},
        {"id": 42, "text": "Числовой id.", "date": "2022-01-06T14:05:00+03:00"},
        {"id": "ts", "text": "Время с пробелом.", "date": "2022-01-06 14:05:00"},
        {"id": "num-text", "text": 5},
        {"id": "empty-text", "text": " \n "},
        {"id": "empty-date", "text": "Пустая дата.", "date": ""},
        "   ",
        "42",
        {"id": "last", "text": "Последний.\r\nСтрока два."},
    ))
    items = list(iter_jsonl(path))
    summary = [(item.id, type(item).__name__, item.origin) for item in items]
    p = str(path)
    assert summary == [
        ("a", "InputDocument", f"{p}:1"),
        ("batch:2", "ReadError", f"{p}:2"),
        ("batch:3", "ReadError", f"{p}:3"),
        ("no-text", "ReadError", f"{p}:4"),
        ("bad-date", "ReadError", f"{p}:6"),
        ("batch:7", "ReadError", f"{p}:7"),
        ("batch:8", "ReadError", f"{p}:8"),
        ("batch:9", "InputDocument", f"{p}:9"),
        ("42", "InputDocument", f"{p}:10"),
        ("ts", "InputDocument", f"{p}:11"),
        ("num-text", "ReadError", f"{p}:12"),
        ("empty-text", "ReadError", f"{p}:13"),
        ("empty-date", "InputDocument", f"{p}:14"),
        ("batch:16", "ReadError", f"{p}:16"),
        ("last", "InputDocument", f"{p}:17"),
    ]
    docs = {item.id: item for item in items if isinstance(item, InputDocument)}
    errors = {item.origin.rsplit(":", 1)[1]: item.error for item in items if isinstance(item, ReadError)}
    a = docs["a"]
    assert (a.text, a.date, a.date_precision) == ("Первый документ.", "2022-01-06", "day")
    assert (a.title, a.source, a.url) == ("Заголовок", "ТАСС", "https://example.org/a")
    assert (docs["42"].date, docs["42"].date_precision) == ("2022-01-06T14:05:00+03:00", "minute")
    assert docs["ts"].date == "2022-01-06T14:05:00"
    assert docs["empty-date"].date is None
    assert docs["batch:9"].date is None
    assert docs["last"].text == "Последний.\nСтрока два."
    assert "malformed JSON" in errors["2"]
    assert "expected a JSON object, got an array" in errors["3"]
    assert 'missing "text"' in errors["4"]
    assert 'invalid "date" "2022-02-30": day must be 1..28' in errors["6"]
    assert "nested too deeply" in errors["7"]
    assert "nested too deeply" in errors["8"]
    assert '"text" must be a string, got a number' in errors["12"]
    assert "empty document" in errors["13"]
    assert "got a number" in errors["16"]
    assert all(message.startswith(f"{p}:") for message in errors.values())


def test_jsonl_encodings_and_line_ends(tmp_path: Path) -> None:
    good = json.dumps({"id": "u", "text": SENTENCE}, ensure_ascii=False)
    legacy = json.dumps({"id": "w", "text": "Президент подписал указ."}, ensure_ascii=False)
    data = b"\xef\xbb\xbf" + good.encode() + b"\r\n" + legacy.encode("cp1251") + b"\r\n"
    data += json.dumps({"id": "c", "text": "tab\there\x01"}).encode().replace(b"\\t", b"\t")
    items = list(iter_jsonl(write(tmp_path, "enc.jsonl", data)))
    assert [(i.id, i.text) for i in items if isinstance(i, InputDocument)] == [
        ("u", SENTENCE), ("w", "Президент подписал указ."), ("c", "tab\there"),
    ]


def test_jsonl_utf16_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.jsonl", jsonl({"id": "a", "text": "x"}).encode("utf-16"))
    [err] = list(iter_jsonl(path))
    assert isinstance(err, ReadError) and "must be UTF-8" in err.error


def test_jsonl_bad_field_types(tmp_path: Path) -> None:
    path = write(tmp_path, "t.jsonl", jsonl(
        {"id": ["x"], "text": "a"},
        {"id": 1.0, "text": "a", "title": 7},
        {"id": "b", "text": "a", "date": 2022},
        {"id": "c", "text": "a", "url": {"href": "x"}},
        {"id": True, "text": "a"},
    ))
    items = list(iter_jsonl(path))
    assert [type(i).__name__ for i in items] == [
        "ReadError", "InputDocument", "ReadError", "ReadError", "ReadError"
    ]
    assert items[0].id == "t:1" and '"id" must be a string or a number' in items[0].error
    assert (items[1].id, items[1].title) == ("1", "7")
    assert '"date" must be a string or null' in items[2].error
    assert '"url" must be a string, got an object' in items[3].error


def test_jsonl_line_too_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_LINE_BYTES", 1000)
    path = write(tmp_path, "long.jsonl", jsonl(
        {"id": "a", "text": "short"},
        {"id": "b", "text": "y" * 5_000_000},
        {"id": "c", "text": "z" * 950},
        {"id": "d", "text": "short"},
    ))
    items = list(iter_jsonl(path))
    assert [(i.id, type(i).__name__) for i in items] == [
        ("a", "InputDocument"), ("long:2", "ReadError"), ("c", "InputDocument"), ("d", "InputDocument"),
    ]
    assert "line too long" in items[1].error and items[1].origin == f"{path}:2"


def test_jsonl_last_line_without_newline(tmp_path: Path) -> None:
    path = write(tmp_path, "n.jsonl", '{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}')
    assert [i.id for i in iter_jsonl(path)] == ["a", "b"]


def test_jsonl_binary_line(tmp_path: Path) -> None:
    data = b'{"id": "a", "text": "x"}\n\x89PNG\r\n\x1a\n\x00\x00\n{"id": "b", "text": "y"}\n'
    path = write(tmp_path, "b.jsonl", data)
    items = list(iter_jsonl(path))
    assert [i.id for i in items] == ["a", "b:2", "b:3", "b:4", "b"]  # the PNG bytes hold two newlines
    assert all(isinstance(i, ReadError) for i in items[1:-1])


# --------------------------------------------------------------------------- paths and folders


def test_folder_order_and_filtering(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    write(root, "b.txt", "Бэ")
    write(root, "a.txt", "А")
    write(root, "notes.md", "# ignored")
    write(root, "c/z.txt", "Зет")
    write(root, "c/d/y.jsonl", jsonl({"id": "y1", "text": "Игрек"}, {"id": "y2", "text": "Игрек 2"}))
    write(root, "c/a.TXT", "Upper suffix")
    write(root, ".hidden/h.txt", "hidden")
    write(root, "c/.h.txt", "hidden")
    write(root, "e/image.png", b"\x89PNG\r\n\x1a\n")
    write(root, "f.txt", b"\x89PNG\r\n\x1a\n")
    expected = [
        ("a", f"{root}/a.txt"), ("b", f"{root}/b.txt"),
        ("a", f"{root}/c/a.TXT"), ("y1", f"{root}/c/d/y.jsonl:1"), ("y2", f"{root}/c/d/y.jsonl:2"),
        ("z", f"{root}/c/z.txt"), ("f", f"{root}/f.txt"),
    ]
    items = list(iter_documents([root]))
    assert [(i.id, i.origin) for i in items] == expected
    assert isinstance(items[-1], ReadError)
    assert [(i.id, i.origin) for i in iter_documents([str(root)])] == expected


def test_paths_in_input_order_with_errors(tmp_path: Path) -> None:
    one = write(tmp_path, "one.txt", "Один")
    notes = write(tmp_path, "notes.md", "# notes")
    folder = tmp_path / "sub"
    write(folder, "two.txt", "Два")
    missing = tmp_path / "missing.txt"
    items = list(iter_documents([one, notes, missing, folder, one]))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("InputDocument", "one"), ("ReadError", "notes"), ("ReadError", "missing"),
        ("InputDocument", "two"), ("InputDocument", "one"),
    ]
    assert 'unsupported file type ".md": expected .txt, .jsonl' in items[1].error
    assert items[1].origin == str(notes)
    assert "no such file or directory" in items[2].error
    assert items[2].error.startswith(str(missing))


def test_empty_folder_yields_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert list(iter_documents([tmp_path / "empty"])) == []


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    [doc] = iter_documents([write(tmp_path, ".draft.txt", "Черновик")])
    assert isinstance(doc, InputDocument) and doc.text == "Черновик"


# --------------------------------------------------------------------------- parse_date and clean_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022", ("2022", "year")),
        (" 2022-01 ", ("2022-01", "month")),
        ("2022-01-06", ("2022-01-06", "day")),
        ("2022-01-06t14:05z", ("2022-01-06T14:05Z", "minute")),
        ("2022-01-06T14:05:07.123+0300", ("2022-01-06T14:05:07+03:00", "minute")),
        ("2022-01-06T14:05+03", ("2022-01-06T14:05+03:00", "minute")),
    ],
)
def test_parse_date(value: str, expected: tuple[str, str]) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["", "06.01.2022", "٢٠٢٢", "2022-01-06T14", "22-01-06", "2022-W01", "сегодня"]
)
def test_parse_date_rejects(value: str) -> None:
    with pytest.raises(ValueError, match=r"invalid date .*expected YYYY"):
        parse_date(value)


def test_clean_text() -> None:
    assert clean_text("  a\r\nb\rc\x00d\x1be\u0085f  \n") == "a\nb\ncdef"
    assert clean_text("е\u0308ж") == "ёж"  # NFC
    assert clean_text("\tкрай ") == "край"
    assert clean_text("строка  \n  строка") == "строка  \n  строка"


# --------------------------------------------------------------------------- properties

_RU_WORDS = (
    "в на и не что он она они мы это как по к с из за для от до при о об у же уже ещё "
    "президент правительство министр заявил сообщил заявила сообщили власти полиция города "
    "страны области протесты протестующие столкновения задержаны погибли ранены человек "
    "людей тысячи около более менее года января февраля марта апреля мая июня июля августа "
    "сентября октября ноября декабря после перед во время новости агентство источник "
    "данные мирные жители военные войска граница переговоры соглашение санкции помощь "
    "здание площадь улица ночь утро вечер день неделя съезд объявил щедрость эхо юг фьорд"
)
_EN_WORDS = "the president said police protest Reuters Almaty people killed on in of and"
RU_WORDS = _RU_WORDS.split()
EN_WORDS = _EN_WORDS.split()
PUNCT = [*".,;:!?-()\"'", "\n", "\n\n", " 2022", " 5", " 100"]


@st.composite
def russian_prose(draw: st.DrawFn) -> str:
    words = draw(st.lists(
        st.one_of(
            st.sampled_from(RU_WORDS),
            st.sampled_from(RU_WORDS).map(str.capitalize),
            st.sampled_from(EN_WORDS),
            st.sampled_from(PUNCT),
        ),
        min_size=4, max_size=60,
    ))
    text = " ".join(words)
    cyrillic = [c for c in text if "а" <= c.lower() <= "я" or c in "ёЁ"]
    assume(len(cyrillic) >= 20)
    assume(sum(c.islower() for c in cyrillic) >= 0.8 * len(cyrillic))
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(text=russian_prose(), encoding=st.sampled_from(["cp1251", "koi8-r", "cp866"]))
def test_legacy_decoding_round_trips(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


@st.composite
def valid_dates(draw: st.DrawFn) -> tuple[str, str]:
    precision = draw(st.sampled_from(["year", "month", "day", "minute"]))
    year = draw(st.integers(1, 9999))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    value = f"{year:04d}"
    if precision != "year":
        value += f"-{month:02d}"
    if precision in ("day", "minute"):
        value += f"-{day:02d}"
    if precision == "minute":
        hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
        value += draw(st.sampled_from(["T", " "])) + f"{hour:02d}:{minute:02d}"
        value += draw(st.sampled_from(["", ":00", ":59", ":30.5"]))
        value += draw(st.sampled_from(["", "Z", "+03:00", "-0530", "+14"]))
    return value, precision


@given(valid_dates())
def test_parse_date_round_trips(case: tuple[str, str]) -> None:
    value, precision = case
    normal, got = parse_date(value)
    assert got == precision
    assert parse_date(normal) == (normal, precision)
    assert normal[:4] == value[:4]


@given(st.text())
def test_clean_text_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert "\r" not in cleaned and "\x00" not in cleaned


PRINTABLE = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"
) | st.sampled_from(list("\n\r\t ") + list(string.ascii_letters))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    date=valid_dates(),
    separator=st.sampled_from([" ", "\n", "\r\n", "\n\n  ", "\t"]),
    text=st.text(PRINTABLE, min_size=1, max_size=200),
)
def test_header_and_text_read_back(tmp_path: Path, date: tuple[str, str], separator: str, text: str) -> None:
    assume(clean_text(text))
    path = tmp_path / "prop.txt"
    path.write_bytes(f"date {date[0]}{separator}{text}".encode())
    doc = read_text_file(path)
    assert isinstance(doc, InputDocument), doc
    assert doc.text == clean_text(text)
    assert doc.date == parse_date(date[0])[0]
