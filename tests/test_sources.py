"""Tests of the Telegram export and table readers, through ``iter_documents`` as a user calls them."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from svodka import sources
from svodka.read import ReadError, iter_documents
from svodka.record import InputDocument

SENTENCE = "В Казахстане уже несколько дней идут массовые протесты."


def write(path: Path, content: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def summary(items: list[InputDocument | ReadError]) -> list[tuple[str, str, str | None]]:
    return [(type(item).__name__, item.id, item.origin) for item in items]


def telegram_export(**top: object) -> dict[str, object]:
    return {
        "name": "Новости Казахстана", "type": "public_channel", "id": 1234567890, **top,
        "messages": [
            {"id": 1, "type": "service", "date": "2022-01-05T10:00:00", "action": "create_channel",
             "actor": "Новости Казахстана", "text": ""},
            {"id": 2, "type": "message", "date": "2022-01-06T14:05:00", "from": "Новости Казахстана",
             "text": [{"type": "bold", "text": "Срочно."}, " ", SENTENCE, " ",
                      {"type": "link", "text": "https://example.org/a"}]},
            {"id": 3, "type": "message", "date": "2022-01-06T14:06:00", "photo": "photos/p.jpg", "text": ""},
            {"id": 4, "type": "message", "date": "2022-01-06T15:00:00", "forwarded_from": "ТАСС",
             "text": "Президент подписал указ.\r\n"},
            {"id": 5, "type": "message", "date": "2022-01-06T16:00:00",
             "text_entities": [{"type": "plain", "text": "Только сущности."}]},
            {"id": 6, "type": "message", "date": "2022-02-30T16:00:00", "text": "Плохая дата."},
        ],
    }


# --------------------------------------------------------------------------- Telegram


def test_telegram_export(tmp_path: Path) -> None:
    path = write(tmp_path / "export" / "result.json", json.dumps(telegram_export(), ensure_ascii=False))
    items = list(iter_documents([path]))
    p = str(path)
    assert summary(items) == [
        ("InputDocument", "1234567890:2", f"{p}#2"),
        ("InputDocument", "1234567890:4", f"{p}#4"),
        ("InputDocument", "1234567890:5", f"{p}#5"),
        ("ReadError", "1234567890:6", f"{p}#6"),
    ]
    post, forwarded, entities, error = items
    assert isinstance(post, InputDocument) and isinstance(forwarded, InputDocument)
    assert isinstance(entities, InputDocument) and isinstance(error, ReadError)
    assert post.text == f"Срочно. {SENTENCE} https://example.org/a"
    assert (post.date, post.date_precision) == ("2022-01-06T14:05:00", "minute")
    assert post.source == "Новости Казахстана"
    assert post.url is None  # the export has no username: no link is invented
    assert forwarded.text == "Президент подписал указ."
    assert forwarded.source == "Новости Казахстана (forwarded from ТАСС)"
    assert entities.text == "Только сущности."
    assert error.error.startswith(f"{p}#6: ") and "day must be 1..28" in error.error


def test_telegram_username_gives_urls_and_name_is_id_fallback(tmp_path: Path) -> None:
    export = telegram_export(username="@kznews")
    del export["id"]
    path = write(tmp_path / "channel.json", json.dumps(export, ensure_ascii=False))
    docs = [item for item in iter_documents([path]) if isinstance(item, InputDocument)]
    assert [(d.id, d.url) for d in docs] == [
        ("Новости Казахстана:2", "https://t.me/kznews/2"),
        ("Новости Казахстана:4", "https://t.me/kznews/4"),
        ("Новости Казахстана:5", "https://t.me/kznews/5"),
    ]


def test_broken_telegram_json_does_not_stop_the_folder(tmp_path: Path) -> None:
    broken = write(tmp_path / "a" / "result.json", '{"name": "x", "type": "public_channel", "messages": [')
    other = write(tmp_path / "b" / "data.json", '{"some": "thing"}')
    good = write(tmp_path / "c" / "result.json", json.dumps(telegram_export(), ensure_ascii=False))
    text = write(tmp_path / "d.txt", SENTENCE)
    items = list(iter_documents([tmp_path]))
    assert summary(items)[:1] == [("ReadError", "result", str(broken))]
    assert isinstance(items[0], ReadError) and items[0].error.startswith(f"{broken}: malformed JSON")
    # in a folder, only Telegram's own file name counts: other .json files are not news
    assert [i.origin for i in items[1:]] == [f"{good}#2", f"{good}#4", f"{good}#5", f"{good}#6", str(text)]
    [named] = list(iter_documents([other]))  # a .json given by name is always tried
    assert isinstance(named, ReadError) and "not a Telegram Desktop export" in named.error


def test_too_large_telegram_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_JSON_BYTES", 10)
    path = write(tmp_path / "result.json", json.dumps(telegram_export()))
    [err] = iter_documents([path])
    assert isinstance(err, ReadError) and "file too large" in err.error


# --------------------------------------------------------------------------- tables


def test_csv_with_bom_and_empty_text_row(tmp_path: Path) -> None:
    content = (
        "id,date,text,title,source,url,extra\r\n"
        f'a1,2022-01-06,"{SENTENCE}\r\nВторая строка.",Заголовок,ТАСС,https://example.org/a,x\r\n'
        ",2022-01-06T14:05,Без идентификатора.,,,,\r\n"
        "e1,2022-01-07,  ,,,,\r\n"
        "\r\n"
        "d1,2022-02-30,Плохая дата.,,,,\r\n"
        "short,2022\r\n"
    )
    path = write(tmp_path / "news.csv", b"\xef\xbb\xbf" + content.encode())
    items = list(iter_documents([path]))
    p = str(path)
    assert summary(items) == [
        ("InputDocument", "a1", f"{p}:1"),
        ("InputDocument", "news:2", f"{p}:2"),
        ("ReadError", "e1", f"{p}:3"),
        ("ReadError", "d1", f"{p}:5"),
        ("ReadError", "short", f"{p}:6"),
    ]
    first, second = items[0], items[1]
    assert isinstance(first, InputDocument) and isinstance(second, InputDocument)
    assert first.text == f"{SENTENCE}\nВторая строка."
    assert (first.date, first.date_precision) == ("2022-01-06", "day")
    assert (first.title, first.source, first.url) == ("Заголовок", "ТАСС", "https://example.org/a")
    assert (second.date, second.date_precision, second.title) == ("2022-01-06T14:05", "minute", None)
    assert all(item.error.startswith(f"{item.origin}: ") for item in items if isinstance(item, ReadError))
    assert "empty document" in items[2].error  # type: ignore[union-attr]


def test_cp1251_csv(tmp_path: Path) -> None:
    content = f"id,text\r\nw1,{SENTENCE}\r\nw2,Президент подписал указ.\r\n"
    path = write(tmp_path / "legacy.csv", content.encode("cp1251"))
    items = list(iter_documents([path]))
    assert [(i.id, i.origin, getattr(i, "text", None)) for i in items] == [
        ("w1", f"{path}:1", SENTENCE), ("w2", f"{path}:2", "Президент подписал указ."),
    ]


def test_tsv(tmp_path: Path) -> None:
    path = write(tmp_path / "news.tsv", f"text\tdate\tid\n{SENTENCE}\t2022-01-06\tt1\nВторой, с запятой.\t\t\n")
    items = list(iter_documents([path]))
    assert summary(items) == [("InputDocument", "t1", f"{path}:1"), ("InputDocument", "news:2", f"{path}:2")]
    assert [getattr(i, "text", None) for i in items] == [SENTENCE, "Второй, с запятой."]
    assert [getattr(i, "date", None) for i in items] == ["2022-01-06", None]


def test_parquet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    monkeypatch.setattr(sources, "PARQUET_BATCH_ROWS", 2)  # rows span several batches
    path = tmp_path / "news.parquet"
    table = pa.table({
        "id": [10, 11, None, 13, 14],
        "text": [SENTENCE, "Второй.", "Без id.", None, "Последний."],
        "date": [dt.datetime(2022, 1, 6, 14, 5), None, dt.datetime(2022, 1, 7), None, None],
        "source": ["ТАСС", None, None, None, "Reuters"],
        "views": [1, 2, 3, 4, 5],
    })
    pq.write_table(table, path)
    items = list(iter_documents([path]))
    p = str(path)
    assert summary(items) == [
        ("InputDocument", "10", f"{p}:1"),
        ("InputDocument", "11", f"{p}:2"),
        ("InputDocument", "news:3", f"{p}:3"),
        ("ReadError", "13", f"{p}:4"),
        ("InputDocument", "14", f"{p}:5"),
    ]
    first = items[0]
    assert isinstance(first, InputDocument)
    assert (first.text, first.date, first.date_precision, first.source) == (
        SENTENCE, "2022-01-06T14:05:00", "minute", "ТАСС")
    assert getattr(items[2], "date", None) == "2022-01-07T00:00:00"


@pytest.mark.parametrize("name", ["no_text.csv", "no_text.tsv", "no_text.parquet"])
def test_table_without_text_column(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".parquet"):
        pq.write_table(pa.table({"id": ["a"], "body": ["Текст."]}), path)
    else:
        sep = "\t" if name.endswith(".tsv") else ","
        write(path, f"id{sep}body\na{sep}Текст.\n")
    [err] = iter_documents([path])
    assert isinstance(err, ReadError)
    assert (err.id, err.origin) == ("no_text", str(path))
    assert err.error == f'{path}: no "text" column (the columns are: "id", "body")'


def test_configured_column_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sources.COLUMNS, "text", "body")
    path = write(tmp_path / "t.csv", "id,body\na,Текст.\n")
    [doc] = iter_documents([path])
    assert isinstance(doc, InputDocument) and (doc.id, doc.text) == ("a", "Текст.")


def test_broken_tables_do_not_stop_the_run(tmp_path: Path) -> None:
    broken = write(tmp_path / "a.parquet", b"PAR1 this is not parquet")
    empty = write(tmp_path / "b.csv", b"")
    binary = write(tmp_path / "c.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    good = write(tmp_path / "d.tsv", "text\nОдин.\n")
    items = list(iter_documents([tmp_path]))
    assert summary(items) == [
        ("ReadError", "a", str(broken)), ("ReadError", "b", str(empty)), ("ReadError", "c", str(binary)),
        ("InputDocument", "d:1", f"{good}:1"),
    ]
    assert "cannot read Parquet file" in items[0].error  # type: ignore[union-attr]
    assert "empty table" in items[1].error  # type: ignore[union-attr]
    assert "binary file" in items[2].error  # type: ignore[union-attr]


def test_long_csv_field(tmp_path: Path) -> None:
    text = "Очень длинный текст. " * 20_000  # over the csv module's default 128 KiB field limit
    path = write(tmp_path / "long.csv", f'text\n"{text}"\n')
    [doc] = iter_documents([path])
    assert isinstance(doc, InputDocument) and doc.text == text.strip()
