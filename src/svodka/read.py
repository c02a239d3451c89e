"""The reading stage: files and folders -> ``InputDocument`` records, surviving real archives.

Real archives are messy: legacy Russian encodings (cp1251, koi8-r, cp866), stray NUL bytes,
CRLF line ends, binary files with a ``.txt`` name, broken JSONL lines, files of many gigabytes.
This module turns all of that into either a clean ``InputDocument`` or a ``ReadError`` that says
what is wrong and where, and never raises for bad input, so one bad file cannot stop a run.

Decisions:

* ``text`` is ``clean_text`` of the decoded file (after removing a date header), and all later
  offsets refer to it. The whole text is stripped of leading/trailing whitespace; nothing else
  (not even the leading whitespace of a line) is touched apart from line ends, control
  characters and NFC normalisation.
* Every ``ReadError.error`` begins with the origin (``path`` or ``path:line``), so the message
  alone says where to look.
* JSONL files must be UTF-8 (a UTF-8 BOM is tolerated). A line that is not valid UTF-8 goes
  through the same fallback as a ``.txt`` file (``decode_bytes``): mostly-UTF-8 with a few broken
  bytes gets U+FFFD replacements, otherwise cp1251/koi8-r/cp866 are scored. Raw control
  characters inside JSON strings are accepted (``strict=False``) and removed by ``clean_text``.
* Folders are walked in sorted order of names (a subfolder's files come at the subfolder's place),
  skipping hidden names; symlinked folders are not followed (no loops), symlinked files are read.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Literal, get_args

import msgspec

from svodka.record import DatePrecision, InputDocument, Record

Format = Literal["auto", "text", "jsonl", "html", "warc", "feed", "telegram", "csv", "tsv", "parquet"]
FORMATS: tuple[Format, ...] = get_args(Format)
InputDates = Literal["publication", "crawl"]
_FORMAT_OF_SUFFIX: tuple[tuple[str, Format], ...] = (
    (".txt", "text"), (".jsonl", "jsonl"), (".json", "telegram"), (".csv", "csv"), (".tsv", "tsv"),
    (".parquet", "parquet"), (".html", "html"), (".htm", "html"), (".html.gz", "html"), (".htm.gz", "html"),
    (".warc", "warc"), (".warc.gz", "warc"), (".rss", "feed"), (".atom", "feed"), (".xml", "feed"),
)
SUFFIXES = tuple(suffix for suffix, _format in _FORMAT_OF_SUFFIX)
"""Files read: plain text and JSONL here, Telegram Desktop exports and tables in ``sources``, web
pages, web archives and feeds in ``web_sources``."""
MAX_LINE_BYTES = 64 * 1024 * 1024
"""A JSONL line longer than this is skipped with an error instead of being read into memory."""
MAX_TEXT_BYTES = 256 * 1024 * 1024
"""A ``.txt`` file larger than this is not a news document; refuse it rather than run out of memory."""

LEGACY_ENCODINGS = ("cp1251", "koi8-r", "cp866")
"""Tried in this order of prevalence when a file is not UTF-8; the order breaks score ties."""


class ReadError(msgspec.Struct, kw_only=True):
    """A document that could not be read: the run goes on and reports it."""

    id: str
    origin: str
    error: str


# --------------------------------------------------------------------------- public API


def iter_documents(paths: Sequence[str | os.PathLike[str]],
                   exclude: Sequence[str | os.PathLike[str]] = (), *, fmt: Format = "auto",
                   columns: Mapping[str, str] | None = None, input_dates: InputDates = "publication",
                   dedup: bool = True) -> Iterator[InputDocument | ReadError]:
    """Stream documents from ``SUFFIXES`` files and folders, in input order.

    Never raises for bad input: a missing path, an unsupported file type, an unreadable or
    undecodable file, a bad JSONL line each yield a ``ReadError`` and reading goes on.
    Files in ``exclude`` are skipped: the output file inside an input folder must never be read
    back as input (it grows while being read, and the run never ends).

    ``fmt`` other than ``"auto"`` reads every file, named or found in a folder (then any
    non-hidden name), as that format; ``columns`` renames table columns (``{"text": "body"}``).
    ``input_dates="crawl"`` declares the dates the input gives (a header, a JSONL, table or
    Telegram field) crawl dates: ``crawl_date`` is set and ``date_source`` is ``"crawl"``.
    Every document gets ``content_hash``; with ``dedup`` a document whose hash an earlier one
    of the run (with another id) had comes as a ``DuplicateDocument`` naming it.
    """
    return _finish(_iter_paths(paths, exclude, fmt, columns), input_dates, dedup)


def content_hash(text: str, title: str | None = None) -> str:
    """Hex hash of a text's words: the same article in a feed and in a crawled page has it.

    Case, punctuation and whitespace do not count (only the ``\\w+`` words, NFKC, casefolded),
    nor does a first line repeating ``title`` (pages often start their text with the headline,
    feeds do not). 16 bytes of BLAKE2b: collisions are out of reach at any corpus size.
    """
    return _digest(text, title).hex()


class DuplicateDocument(InputDocument, kw_only=True):
    """A document whose ``content_hash`` an earlier document of the run had: it is recorded
    (its source, URL and date are facts too) but not analysed again."""

    duplicate_of: str

    def record(self) -> Record:
        """Its record: text and metadata, ``duplicate_of``, and no layers (cheap)."""
        return Record(
            id=self.id, date=self.date, date_precision=self.date_precision, text=self.text, title=self.title,
            source=self.source, url=self.url, layers=[], origin=self.origin, date_source=self.date_source,
            crawl_date=self.crawl_date, author=self.author, site=self.site, content_hash=self.content_hash,
            duplicate_of=self.duplicate_of,
        )


def _finish(items: Iterable[InputDocument | ReadError], input_dates: InputDates,
            dedup: bool) -> Iterator[InputDocument | ReadError]:
    """Date kinds, content hashes and duplicates, for documents from any reader.

    Remembers one 16-byte digest and the first id per distinct text of the run (about 150 bytes
    each: a million documents cost some 150 MB).
    """
    first: dict[bytes, str] = {}
    for item in items:
        if isinstance(item, ReadError):
            yield item
            continue
        if input_dates == "crawl" and item.date is not None and item.date_source in ("header", "input"):
            item.crawl_date, item.date_source = item.date, "crawl"
        digest = _digest(item.text, item.title)
        item.content_hash = digest.hex()
        earlier = first.get(digest) if dedup else None
        if earlier is not None and earlier != item.id:  # the same id: the same file given twice
            yield DuplicateDocument(**msgspec.structs.asdict(item), duplicate_of=earlier)
            continue
        if dedup:
            first[digest] = item.id
        yield item


def _digest(text: str, title: str | None) -> bytes:
    words = _WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold())
    if title:
        heading = _WORD_RE.findall(unicodedata.normalize("NFKC", title).casefold())
        if heading and len(words) > len(heading) and words[:len(heading)] == heading:
            words = words[len(heading):]
    key = " ".join(words) if words else " ".join(text.split())
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()


_WORD_RE = re.compile(r"\w+")


def _iter_paths(paths: Sequence[str | os.PathLike[str]], exclude: Sequence[str | os.PathLike[str]],
                fmt: Format, columns: Mapping[str, str] | None) -> Iterator[InputDocument | ReadError]:
    skip = {Path(p).resolve() for p in exclude}
    for given in paths:
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            yield _error(path.stem or str(path), str(path), "no such file or directory")
            continue
        except OSError as err:
            yield _error(path.stem or str(path), str(path), f"cannot access: {_os_reason(err)}")
            continue
        if stat.S_ISDIR(mode):
            for found in _walk(path, every_file=fmt != "auto"):
                if isinstance(found, ReadError):
                    yield found
                elif found.resolve() not in skip:
                    yield from _read_file(found, fmt, columns)
        elif fmt == "auto" and _format_of(path.name) is None:
            yield _error(
                path.stem, str(path),
                f'unsupported file type "{path.suffix or "(none)"}": expected {", ".join(SUFFIXES)} '
                "(or name the format with --format)",
            )
        elif not stat.S_ISREG(mode):
            yield _error(path.stem, str(path), "not a regular file")
        else:
            yield from _read_file(path, fmt, columns)


def read_bounded(path: Path, limit: int, what: str) -> bytes | ReadError:
    """The bytes of a file read whole, or an error naming why not: too large for ``what`` ("one
    document", "a feed"), missing or unreadable. The id is the file name, the origin its path."""
    try:
        size = path.stat().st_size
        if size > limit:
            return _error(path.stem, str(path),
                          f"file too large ({size // 2**20} MiB; {what} may be at most {limit // 2**20} MiB)")
        return path.read_bytes()
    except FileNotFoundError:
        return _error(path.stem, str(path), "no such file or directory")
    except OSError as err:
        return _error(path.stem, str(path), f"cannot read file: {_os_reason(err)}")


def read_text_file(path: str | os.PathLike[str]) -> InputDocument | ReadError:
    """Read one ``.txt`` document: id from the file name, optional ``date`` header, cleaned text."""
    path = Path(path)
    doc_id, origin = path.stem, str(path)
    data = read_bounded(path, MAX_TEXT_BYTES, "one document")
    if isinstance(data, ReadError):
        return data

    try:
        raw_text, _encoding = decode_bytes(data)
    except ValueError as err:  # binary data
        return _error(doc_id, origin, str(err))

    text = clean_text(raw_text)
    date: str | None = None
    precision: DatePrecision | None = None
    header = _HEADER_RE.match(text)
    if header:
        token = header.group(1)
        try:
            date, precision = parse_date(token)
        except _DateError as err:
            return _error(doc_id, origin, f'invalid date header "{token}": {err.reason}')
        text = text[header.end():].lstrip()
        if not text:
            return _error(doc_id, origin, "empty document (only a date header, no text)")
    if not text:
        return _error(doc_id, origin, "empty document")
    return InputDocument(id=doc_id, text=text, date=date, date_precision=precision, origin=origin,
                         date_source="header" if date else None)


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[InputDocument | ReadError]:
    """Stream the documents of a JSONL file, one per non-blank line, each line independently.

    Reads line by line with a bounded ``readline``, so neither a huge file nor a huge line is
    ever held in memory whole; a line over ``MAX_LINE_BYTES`` is skipped with an error.
    """
    path = Path(path)
    stem, origin = path.stem, str(path)
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        yield _error(stem, origin, "no such file or directory")
        return
    except OSError as err:
        yield _error(stem, origin, f"cannot read file: {_os_reason(err)}")
        return
    with stream:
        lineno = 0
        while True:
            try:
                raw = stream.readline(MAX_LINE_BYTES + 1)
            except OSError as err:
                yield _error(stem, origin, f"cannot read file after line {lineno}: {_os_reason(err)}")
                return
            if not raw:
                return
            lineno += 1
            where = f"{origin}:{lineno}"
            if lineno == 1:
                if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
                    yield _error(stem, origin, "JSONL must be UTF-8, but the file is UTF-16/32 (has a BOM)")
                    return
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                try:
                    _skip_line(stream)
                except OSError as err:
                    yield _error(stem, origin, f"cannot read file at line {lineno}: {_os_reason(err)}")
                    return
                yield _error(
                    f"{stem}:{lineno}", where,
                    f"line too long (over {MAX_LINE_BYTES // 2**20} MiB), skipped",
                )
                continue
            if raw.isspace():
                continue
            yield _parse_jsonl_line(raw, f"{stem}:{lineno}", where)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes to text; return ``(text, encoding name)``.

    Order: known binary signatures are refused; a UTF-16/32 BOM decides if the rest decodes to
    plausible text; data full of control bytes is refused as binary (trailing NUL padding is
    ignored); strict UTF-8 (a UTF-8 BOM is dropped: ``"utf-8-sig"``); UTF-8 with a few broken
    bytes (replaced by U+FFFD: ``"utf-8 (invalid bytes replaced)"``); else the most plausible of
    cp1251, koi8-r and cp866. Raises ``ValueError`` for binary data.
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise ValueError(f"binary file, not text ({kind})")
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            text = _decode_wide(data[len(bom):], codec)
            if text is not None:
                return text, codec
            break  # bytes that merely start like a BOM (cp1251 "юя"): judge them as they are
    has_bom = data.startswith(codecs.BOM_UTF8)
    if has_bom:
        data = data[len(codecs.BOM_UTF8):]
    data = data.rstrip(b"\0")  # zero padding of a truncated or preallocated file
    if _too_many_controls(len(data.translate(None, _NOT_CONTROL_BYTES)), len(data)):
        raise ValueError("binary file, not text (NUL or control bytes)")
    try:
        return data.decode("utf-8"), "utf-8-sig" if has_bom else "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    if _mostly_utf8(data, first_bad):
        return data.decode("utf-8", "replace"), "utf-8 (invalid bytes replaced)"
    return _decode_legacy(data)


def parse_date(value: str) -> tuple[str, DatePrecision]:
    """Validate an ISO date or timestamp; return it normalised, with its precision.

    Accepts ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and ``YYYY-MM-DD[T ]HH:MM[:SS[.f]]`` with an
    optional ``Z`` or ``±HH[:MM]`` offset. The normalised form uses ``T``, keeps the seconds if
    given, drops fractions, and writes the offset as ``Z`` or ``±HH:MM``. Raises ``ValueError``
    saying which part is wrong (``invalid date "2022-13": month must be 1..12``).
    """
    value = value.strip()
    match = _DATE_RE.fullmatch(value)
    if not match:
        raise _DateError(value, f"expected {_DATE_FORMS}")
    year, month, day = match["y"], match["m"], match["d"]
    if int(year) < 1:
        raise _DateError(value, "year must be 0001..9999")
    if month is None:
        return year, "year"
    if not 1 <= int(month) <= 12:
        raise _DateError(value, "month must be 1..12")
    if day is None:
        return f"{year}-{month}", "month"
    last = calendar.monthrange(int(year), int(month))[1]
    if not 1 <= int(day) <= last:
        raise _DateError(value, f"day must be 1..{last} in {year}-{month}")
    if match["H"] is None:
        return f"{year}-{month}-{day}", "day"
    hour, minute, second, offset = match["H"], match["M"], match["S"], match["tz"]
    if int(hour) > 23:
        raise _DateError(value, "hour must be 00..23")
    if int(minute) > 59:
        raise _DateError(value, "minute must be 00..59")
    if second is not None and int(second) > 59:
        raise _DateError(value, "second must be 00..59")
    stamp = f"{year}-{month}-{day}T{hour}:{minute}" + (f":{second}" if second is not None else "")
    if offset:
        offset = offset.upper()
        if offset != "Z":
            off_hours, off_minutes = offset[1:3], offset[3:].lstrip(":") or "00"
            if int(off_hours) > 23 or int(off_minutes) > 59:
                raise _DateError(value, "offset must be within ±23:59")
            offset = f"{offset[0]}{off_hours}:{off_minutes}"
        stamp += offset
    return stamp, "minute"


def clean_text(text: str) -> str:
    """Normalise text without changing its content, so offsets stay meaningful.

    CRLF and lone CR become LF; C0 controls other than tab and LF, DEL and C1 controls
    (U+0080-U+009F) are removed; the result is NFC-normalised and the whole text is stripped of
    leading and trailing whitespace. Nothing else changes (inner whitespace is kept). Idempotent.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_CHARS_RE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip()


# --------------------------------------------------------------------------- files and folders


def _read_file(path: Path, fmt: Format = "auto",
               columns: Mapping[str, str] | None = None) -> Iterator[InputDocument | ReadError]:
    kind = _format_of(path.name) if fmt == "auto" else fmt
    if kind == "jsonl":
        yield from iter_jsonl(path)
    elif kind in ("html", "warc", "feed"):
        from svodka import web_sources  # imports this module: import on use

        yield from web_sources.READERS[kind](path)
    elif kind in ("telegram", "csv", "tsv", "parquet"):
        from svodka import sources  # imports this module: import on use

        if kind == "telegram":
            yield from sources.iter_telegram(path)
        else:
            yield from sources.iter_table(path, kind=kind, columns=columns)
    else:
        yield read_text_file(path)


def _format_of(name: str) -> Format | None:
    """The format a file name says (the longest matching suffix), or ``None``."""
    name = name.lower()
    found = [(len(suffix), fmt) for suffix, fmt in _FORMAT_OF_SUFFIX if name.endswith(suffix)]
    return max(found)[1] if found else None


def _walk(folder: Path, every_file: bool = False) -> Iterator[Path | ReadError]:
    """Files with a wanted suffix (``every_file``: any name) under ``folder``, depth first in
    sorted name order.

    Iterative (an explicit stack), so a very deep tree cannot hit the recursion limit.
    """
    listing = _list_dir(folder)
    if isinstance(listing, ReadError):
        yield listing
        return
    stack = [iter(listing)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            name = entry.name.lower()
            # In a folder only Telegram Desktop's own file name counts as an export: other .json files
            # (configs, metadata) are not news; nor is an .xml that is not a feed (a sitemap). A file
            # given by name is always tried.
            wanted = (not is_dir and (every_file or (
                name.endswith(SUFFIXES) and (not name.endswith(".json") or name == "result.json")
                and (not name.endswith(".xml") or _sniff_feed(entry.path)))) and entry.is_file())
        except OSError:
            continue  # vanished or unreadable entry: nothing to read
        if is_dir:
            sub = _list_dir(Path(entry.path))
            if isinstance(sub, ReadError):
                yield sub
            else:
                stack.append(iter(sub))
        elif wanted:
            yield Path(entry.path)


def _sniff_feed(path: str) -> bool:
    from svodka import web_sources

    return web_sources.looks_like_feed(path)


def _list_dir(folder: Path) -> list[os.DirEntry[str]] | ReadError:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as err:
        return _error(folder.name or str(folder), str(folder), f"cannot list folder: {_os_reason(err)}")


def _skip_line(stream: IO[bytes]) -> None:
    """Consume the rest of an over-long line in bounded chunks."""
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _error(doc_id: str, origin: str, message: str) -> ReadError:
    return ReadError(id=doc_id, origin=origin, error=f"{origin}: {message}")


def _os_reason(err: OSError) -> str:
    return err.strerror or str(err)


# --------------------------------------------------------------------------- JSONL lines


def _parse_jsonl_line(raw: bytes, fallback_id: str, where: str) -> InputDocument | ReadError:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            line, _encoding = decode_bytes(raw)
        except ValueError as err:  # includes UnicodeDecodeError
            return _error(fallback_id, where, f"cannot decode line: {err}")
    try:
        obj = json.loads(line, strict=False)
    except RecursionError:
        return _error(fallback_id, where, "malformed JSON: nested too deeply")
    except json.JSONDecodeError as err:
        return _error(fallback_id, where, f"malformed JSON: {err.msg} at column {err.colno}")
    except ValueError as err:  # e.g. an integer with too many digits
        return _error(fallback_id, where, f"malformed JSON: {err}")
    if not isinstance(obj, dict):
        return _error(fallback_id, where, f"expected a JSON object, got {_json_type(obj)}")

    raw_id = obj.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        doc_id = fallback_id
    elif isinstance(raw_id, str):
        doc_id = raw_id.strip()
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    elif isinstance(raw_id, float):
        doc_id = str(int(raw_id)) if raw_id.is_integer() else str(raw_id)
    else:
        return _error(fallback_id, where, f'"id" must be a string or a number, got {_json_type(raw_id)}')

    raw_text = obj.get("text")
    if raw_text is None:
        return _error(doc_id, where, 'missing "text"')
    if not isinstance(raw_text, str):
        return _error(doc_id, where, f'"text" must be a string, got {_json_type(raw_text)}')
    text = clean_text(raw_text)
    if not text:
        return _error(doc_id, where, 'empty document ("text" is empty)')

    raw_date = obj.get("date")
    date: str | None = None
    precision: DatePrecision | None = None
    if isinstance(raw_date, str) and raw_date.strip():
        try:
            date, precision = parse_date(raw_date)
        except _DateError as err:
            return _error(doc_id, where, f'invalid "date" "{raw_date}": {err.reason}')
    elif raw_date is not None and not isinstance(raw_date, str):
        return _error(doc_id, where, f'"date" must be a string or null, got {_json_type(raw_date)}')

    extras: dict[str, str | None] = {}
    for key in ("title", "source", "url"):
        value = obj.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            return _error(doc_id, where, f'"{key}" must be a string, got {_json_type(value)}')
        value = clean_text(value) if value is not None else None
        extras[key] = value or None
    return InputDocument(
        id=doc_id, text=text, date=date, date_precision=precision,
        title=extras["title"], source=extras["source"], url=extras["url"], origin=where,
        date_source="input" if date else None,
    )


def _json_type(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "null"


# --------------------------------------------------------------------------- dates

_DATE_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]"
_DATE_RE = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[Tt ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?",
    re.ASCII,
)
# The word "date", then a token that starts like a year; a full date may be followed by
# " HH:MM..." (a timestamp with a space). Anything else after "date YYYY" is a bad header.
_HEADER_RE = re.compile(r"\s*date[ \t]+([0-9]{4}(?:-[0-9]{2}-[0-9]{2} [0-2][0-9]:[0-9]{2}\S*|\S*))")


class _DateError(ValueError):
    """A ``ValueError`` that also keeps the bare reason, for callers that word it their own way."""

    def __init__(self, value: str, reason: str) -> None:
        super().__init__(f'invalid date "{value}": {reason}')
        self.reason = reason


# --------------------------------------------------------------------------- encodings

_SAMPLE = 32 * 1024

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"%PDF-", "PDF document"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
)

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ODD_CATEGORIES = frozenset({"Co", "Cn", "Cs", "Cc"})  # private use, unassigned, surrogate, control

# Control bytes that text does not contain; tab, LF, VT, FF, CR, SUB (DOS end of file) and ESC
# (terminal colours) are tolerated.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1C, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _too_many_controls(count: int, total: int) -> bool:
    """Binary if over 5% control bytes (random bytes have ~10%); a few stray NULs are fine."""
    return count > 3 and count * 20 > total


def _decode_wide(body: bytes, codec: str) -> str | None:
    """Decode UTF-16/32 after a BOM, or ``None`` if the bytes are not plausibly that encoding.

    Legacy text can start with BOM bytes (cp1251 "юя" is FE FF); decoded as UTF-16 it gives
    surrogate errors or private-use characters, which real text almost never contains.
    """
    if len(body) % (4 if "32" in codec else 2):
        return None
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        return None
    sample = text[:_SAMPLE]
    odd = sum(1 for char in sample if char not in "\t\n\r" and unicodedata.category(char) in _ODD_CATEGORIES)
    return text if odd * 100 <= len(sample) else None


def _mostly_utf8(data: bytes, first_bad: int) -> bool:
    """Whether the data around the first invalid byte is UTF-8 with damage, not a legacy encoding.

    Text in cp1251/koi8-r/cp866 almost never forms valid multi-byte UTF-8 sequences, so many
    valid non-ASCII characters per invalid byte mean UTF-8.
    """
    start = max(0, first_bad - _SAMPLE)
    while start < first_bad and data[start] & 0xC0 == 0x80:  # do not start inside a character
        start += 1
    window = data[start:first_bad + _SAMPLE]
    text = window.decode("utf-8", "replace")
    replaced = text.count("\ufffd")
    bad = replaced - window.count("\ufffd".encode())
    valid = len(text) - len(text.encode("ascii", "ignore")) - replaced
    return valid >= 8 * max(bad, 1)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode with the most plausible legacy Russian encoding, judged on a sample."""
    first = re.search(rb"[\x80-\xff]", data)
    offset = first.start() if first else 0
    sample = data[offset:offset + _SAMPLE]
    ranked: list[tuple[int, int, str]] = []
    for preference, encoding in enumerate(LEGACY_ENCODINGS):
        try:
            ranked.append((_plausibility(sample.decode(encoding)), -preference, encoding))
        except UnicodeDecodeError:
            continue
    for _score, _pref, encoding in sorted(ranked, reverse=True):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("koi8-r"), "koi8-r"  # koi8-r maps every byte; not reached in practice


_RU_LOWER = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_RU_UPPER = frozenset("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
_COMMON_BIGRAMS = (
    """ст но то на ен ов ни ра во ко ро ал ре не по ли пр ер ос ог ет ан ор ол ка ва ть ел ом
    та ит ве од ло де ин ат ск ла ле ме ак ил ое ам ес ми ий ед ты ви ры вы их ую ся мо го ль
    ри ти тр да ма от ия ие ой ый ая ые же за ки ну ча чт об ру ту сл ем им ны ди ев ей ии че
    ых ым ля ду ас се сь зн ав ар ег бо бы ус ге ши ци"""
)
_RU_BIGRAMS = frozenset(_COMMON_BIGRAMS.split())
# Non-ASCII punctuation common in Russian text: neutral, neither evidence for nor against.
_COMMON_SYMBOLS = frozenset("«»—–…“”„‘’№°·•\xa0")


def _plausibility(text: str) -> int:
    """How much ``text`` looks like Russian prose; only non-ASCII characters count.

    Lowercase Russian letters and common Russian bigrams score; a capital right after a
    lowercase letter (``кАЗАХСТАН``: koi8-r read as cp1251 and back) and box-drawing, maths or
    other odd symbols (cp866 misread) cost. In a wrong decoding letters are scrambled, mostly
    uppercase or symbols, so the right one wins even on a single sentence.
    """
    score = 0
    prev = " "
    for char in text:
        if char < "\x80":
            prev = char
            continue
        if char in _RU_LOWER:
            score += 1
            if prev.lower() + char in _RU_BIGRAMS:
                score += 1
        elif char.isalpha():
            if char.isupper() and prev.islower():
                score -= 1
            elif char in _RU_UPPER and (prev + char).lower() in _RU_BIGRAMS:
                score += 1
        elif char not in _COMMON_SYMBOLS:
            score -= 2
        prev = char
    return score
