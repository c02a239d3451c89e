"""Readers for news where it lives: Telegram Desktop channel exports and tables.

Chosen by ``read.iter_documents`` by file suffix (``.json``, ``.csv``, ``.tsv``, ``.parquet``).
Like the rest of the reading stage they never raise for bad input: a broken file gives one
``ReadError`` for the file, a bad post or row one ``ReadError`` for it, and reading goes on.

Telegram (``result.json`` of "Export chat history" in Telegram Desktop, machine-readable JSON):

* one document per post (``"type": "message"``); service messages and posts without text
  (a photo without a caption) are skipped silently: they are not news, and not errors;
* ``text`` is a string or a list of strings and ``{"type": ..., "text": ...}`` entity objects,
  concatenated (``text_entities`` is used if ``text`` is missing);
* id ``<chat id>:<message id>`` (the chat name if the export has no id); origin
  ``<path>#<message id>`` (``#``, not ``:``, because it is not a line number);
* ``date`` keeps the minute precision of the export; ``source`` is the channel name, for a
  forwarded post ``"<channel> (forwarded from <X>)"``; ``url`` is ``https://t.me/<username>/<id>``
  only when the export names a ``username`` (Telegram Desktop usually does not; none is invented);
* the file is read whole with ``json.load``, so files over ``MAX_JSON_BYTES`` are refused.

Tables (``.csv`` comma-separated, ``.tsv`` tab-separated, both with a header row; ``.parquet``):

* one document per row; columns named by ``COLUMNS`` (``id``, ``text``, ``date``, and optional
  ``title``, ``source``, ``url``), or as the caller renames them (``--text-column body``); other
  columns are ignored; a date from the table has ``date_source`` ``"input"`` (as in Telegram);
* rows are numbered from 1, the header not counted: origin ``<path>:<row>``; a row without an
  ``id`` gets ``<file stem>:<row>``;
* CSV/TSV are UTF-8 (a BOM is tolerated) and streamed; a file that is not valid UTF-8 is decoded
  whole like a ``.txt`` file (``read.decode_bytes``: cp1251, koi8-r, cp866), up to
  ``read.MAX_TEXT_BYTES``; Parquet is read in row batches.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, TextIO

from svodka import read
from svodka.read import ReadError, _DateError, _error, _json_type, _os_reason, clean_text, decode_bytes, parse_date
from svodka.record import DatePrecision, InputDocument

MAX_JSON_BYTES = 200 * 1024 * 1024
"""A Telegram export larger than this is refused (it is loaded into memory whole)."""

COLUMNS: dict[str, str] = {
    "id": "id", "text": "text", "date": "date", "title": "title", "source": "source", "url": "url",
}
"""Document field -> table column name. Only ``text`` is required."""

PARQUET_BATCH_ROWS = 1024

_MAX_FIELD = 256 * 1024 * 1024


# --------------------------------------------------------------------------- Telegram


def iter_telegram(path: str | os.PathLike[str]) -> Iterator[InputDocument | ReadError]:
    """Stream the posts of a Telegram Desktop JSON export (see the module docstring)."""
    path = Path(path)
    stem, origin = path.stem, str(path)
    data = read.read_bounded(path, MAX_JSON_BYTES, "a JSON export")
    if isinstance(data, ReadError):
        yield data
        return
    try:
        export = json.loads(data.removeprefix(codecs.BOM_UTF8).decode("utf-8"), strict=False)
    except UnicodeDecodeError as err:
        yield _error(stem, origin, f"a JSON export must be UTF-8: {err.reason} at byte {err.start}")
        return
    except RecursionError:
        yield _error(stem, origin, "malformed JSON: nested too deeply")
        return
    except json.JSONDecodeError as err:
        yield _error(stem, origin, f"malformed JSON: {err.msg} at line {err.lineno} column {err.colno}")
        return
    except ValueError as err:
        yield _error(stem, origin, f"malformed JSON: {err}")
        return
    if not (isinstance(export, dict) and "type" in export and isinstance(export.get("messages"), list)):
        yield _error(stem, origin, 'not a Telegram Desktop export (expected an object with "type" and '
                                   f'a "messages" array, got {_json_type(export)})')
        return
    name = export.get("name") if isinstance(export.get("name"), str) else None
    chat = export.get("id")
    chat_id = str(chat) if isinstance(chat, (str, int)) and not isinstance(chat, bool) else (name or stem)
    username = export.get("username")
    username = username.lstrip("@") if isinstance(username, str) and username.strip("@ ") else None
    for index, message in enumerate(export["messages"]):
        if not isinstance(message, dict) or message.get("type") != "message":
            continue
        msg_id = message.get("id")
        if not isinstance(msg_id, (int, str)) or isinstance(msg_id, bool):
            msg_id = f"#{index}"
        yield from _telegram_post(message, f"{chat_id}:{msg_id}", f"{origin}#{msg_id}", name, username, msg_id)


def _telegram_post(message: Mapping[str, Any], doc_id: str, where: str, name: str | None,
                   username: str | None, msg_id: int | str) -> Iterator[InputDocument | ReadError]:
    raw = message.get("text")
    if raw is None:
        raw = message.get("text_entities")
    text = clean_text(_telegram_text(raw))
    if not text:
        return  # a photo or sticker without a caption: not a news text
    date: str | None = None
    precision: DatePrecision | None = None
    raw_date = message.get("date")
    if isinstance(raw_date, str) and raw_date.strip():
        try:
            date, precision = parse_date(raw_date)
        except _DateError as err:
            yield _error(doc_id, where, f'invalid "date" "{raw_date}": {err.reason}')
            return
    source = name
    forwarded = message.get("forwarded_from")
    if isinstance(forwarded, str) and forwarded.strip():
        source = f"{name or 'unknown channel'} (forwarded from {forwarded.strip()})"
    url = f"https://t.me/{username}/{msg_id}" if username and isinstance(msg_id, int) else None
    yield InputDocument(id=doc_id, text=text, date=date, date_precision=precision,
                        source=source, url=url, origin=where, date_source="input" if date else None)


def _telegram_text(raw: object) -> str:
    """The plain text of a Telegram ``text`` field: a string, or a list of strings and entities."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, list):
        parts: list[str] = []
        for part in raw:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
        return "".join(parts)
    return ""


# --------------------------------------------------------------------------- tables


def iter_table(path: str | os.PathLike[str], *, kind: Literal["csv", "tsv", "parquet"] | None = None,
               columns: Mapping[str, str] | None = None) -> Iterator[InputDocument | ReadError]:
    """Stream the rows of a ``.csv``, ``.tsv`` or ``.parquet`` table as documents.

    ``kind`` overrides the file suffix; ``columns`` maps document fields to column names where
    they differ from ``COLUMNS`` (``{"text": "body", "date": "published"}``).
    """
    path = Path(path)
    names = {**COLUMNS, **(columns or {})}
    kind = kind or ("parquet" if path.suffix.lower() == ".parquet" else
                    "tsv" if path.suffix.lower() == ".tsv" else "csv")
    if kind == "parquet":
        yield from _iter_parquet(path, names)
    else:
        yield from _iter_delimited(path, "\t" if kind == "tsv" else ",", names)


def _iter_delimited(path: Path, delimiter: str, names: Mapping[str, str]) -> Iterator[InputDocument | ReadError]:
    stem, origin = path.stem, str(path)
    try:
        utf8 = _is_utf8(path)
        if utf8:
            stream: TextIO = path.open(encoding="utf-8-sig", newline="")
        else:
            size = path.stat().st_size
            if size > read.MAX_TEXT_BYTES:
                yield _error(stem, origin, f"file too large to decode as a legacy encoding ({size // 2**20} MiB; "
                                           f"at most {read.MAX_TEXT_BYTES // 2**20} MiB)")
                return
            try:
                text, _encoding = decode_bytes(path.read_bytes())
            except ValueError as err:
                yield _error(stem, origin, str(err))
                return
            stream = io.StringIO(text, newline="")
    except OSError as err:
        yield _error(stem, origin, f"cannot read file: {_os_reason(err)}")
        return
    if csv.field_size_limit() < _MAX_FIELD:
        csv.field_size_limit(_MAX_FIELD)  # news texts exceed the default 128 KiB
    with stream:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            header = next(reader, None)
        except (csv.Error, OSError) as err:
            yield _error(stem, origin, f"cannot read the header row: {err}")
            return
        if header is None:
            yield _error(stem, origin, "empty table (no header row)")
            return
        header = [column.strip() for column in header]
        index = _column_index(header, names)
        if isinstance(index, str):
            yield _error(stem, origin, index)
            return
        row = 0
        while True:
            try:
                cells = next(reader, None)
            except (csv.Error, OSError) as err:
                yield _error(stem, origin, f"cannot read after row {row}: {err}")
                return
            if cells is None:
                return
            row += 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            values = {field: cells[i] if i < len(cells) else None for field, i in index.items()}
            yield _row_document(values, stem, origin, row, names)


def _is_utf8(path: Path) -> bool:
    """Whether the whole file is valid UTF-8, checked in chunks (nothing kept in memory)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as stream:
        try:
            while chunk := stream.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _iter_parquet(path: Path, names: Mapping[str, str]) -> Iterator[InputDocument | ReadError]:
    import pyarrow.parquet as pq

    stem, origin = path.stem, str(path)
    try:
        table = pq.ParquetFile(path)
        header = list(table.schema_arrow.names)
    except Exception as err:  # pyarrow raises ArrowInvalid, OSError and others for a broken file
        yield _error(stem, origin, f"cannot read Parquet file: {err}")
        return
    index = _column_index(header, names)
    if isinstance(index, str):
        yield _error(stem, origin, index)
        return
    wanted = {field: header[i] for field, i in index.items()}
    row = 0
    batches = table.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=sorted(set(wanted.values())))
    while True:
        try:
            batch = next(batches, None)
        except Exception as err:
            yield _error(stem, origin, f"cannot read Parquet file after row {row}: {err}")
            return
        if batch is None:
            return
        for record in batch.to_pylist():
            row += 1
            yield _row_document({field: record.get(column) for field, column in wanted.items()}, stem, origin, row,
                                names)


def _column_index(header: list[str], names: Mapping[str, str]) -> dict[str, int] | str:
    """Field -> column position, or an error message when there is no text column."""
    index = {field: header.index(column) for field, column in names.items() if column in header}
    if "text" not in index:
        shown = ", ".join(f'"{name}"' for name in header) or "none"
        return f'no "{names["text"]}" column (the columns are: {shown})'
    return index


def _row_document(values: Mapping[str, object], stem: str, origin: str, row: int,
                  names: Mapping[str, str]) -> InputDocument | ReadError:
    where = f"{origin}:{row}"
    fields = {field: _cell(value) for field, value in values.items()}
    doc_id = fields.get("id") or f"{stem}:{row}"
    text = clean_text(fields.get("text") or "")
    if not text:
        return _error(doc_id, where, f'empty document (no "{names["text"]}")')
    date: str | None = None
    precision: DatePrecision | None = None
    raw_date = fields.get("date")
    if raw_date:
        try:
            date, precision = parse_date(raw_date)
        except _DateError as err:
            return _error(doc_id, where, f'invalid "{names["date"]}" "{raw_date}": {err.reason}')
    return InputDocument(
        id=doc_id, text=text, date=date, date_precision=precision, title=fields.get("title"),
        source=fields.get("source"), url=fields.get("url"), origin=where, date_source="input" if date else None,
    )


def _cell(value: object) -> str | None:
    """A table cell as cleaned text, or ``None`` when empty (dates and numbers from Parquet too)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        text = value.isoformat(timespec="seconds")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, bytes):
        text = value.decode("utf-8", "replace")
    else:
        text = str(value)
    return clean_text(text) or None
