"""Readers for news as the web keeps it: saved pages, web archives (WARC) and RSS/Atom feeds.

Chosen by ``read.iter_documents`` by file suffix or ``--format``. Like the rest of the reading
stage they never raise for bad input: a broken file gives a ``ReadError``, a bad item one
``ReadError`` for it, and reading goes on.

HTML pages (``.html``, ``.htm``, gzipped too; a gzip file is recognised by its bytes):

* one document per file, id the file name without ``.html``/``.htm``/``.gz``;
* bytes are decoded as the page declares (byte-order mark, then the HTTP ``Content-Type`` for a
  WARC record, then ``<meta charset>`` or ``<?xml encoding?>`` in the first ``PRESCAN_BYTES``),
  else with ``read.decode_bytes`` (UTF-8, cp1251, koi8-r, cp866). A page that declares a
  single-byte charset but is valid UTF-8 and reads better so is read as UTF-8: sites that moved to
  UTF-8 often keep the old declaration, and legacy text is practically never valid UTF-8;
* the main text and metadata come from trafilatura with ``TRAFILATURA_OPTIONS`` (comments left
  out, precision favoured: furniture that slips in becomes false entities and events; measured on
  the article-extraction benchmark in ``bench/sources.py``);
* the publication date comes from the page's own metadata (``article:published_time``, JSON-LD
  ``datePublished``, ``itemprop="datePublished"`` and similar, kept to the minute with its offset),
  else from trafilatura's date search restricted to markup and URL (never a date guessed from the
  running text), day precision; ``date_source`` is ``"metadata"``. Title, author and site name
  (also the ``source``) are the page's; ``url`` is its canonical URL when it declares one.

Web archives (``.warc``, ``.warc.gz`` gzipped per record as crawlers write them or as one whole
file; read with warcio record by record, never whole):

* every ``response`` (or ``resource``) record with an HTML body and a 2xx status is a document,
  id ``<file stem>:<record number>`` (records numbered from 1 in file order, requests and metadata
  included, so the id stays the same whatever is skipped), origin ``<path>#<record number>``;
* ``url`` is the record's ``WARC-Target-URI``; ``crawl_date`` its ``WARC-Date``; ``date`` is the
  page's publication date when its metadata gives one (``date_source`` ``"metadata"``), else the
  crawl date (``date_source`` ``"crawl"``);
* other records (requests, metadata, images, redirects, errors) are skipped silently; an archive
  without any HTML response gives one ``ReadError`` saying so; a damaged archive (a truncated gzip
  member, a broken header) gives one ``ReadError`` for the rest of the file after the documents
  read before the damage.

Feeds (``.rss``, ``.atom``, and ``.xml`` that parses as a feed; in a folder an ``.xml`` is read
only when it starts like one; feedparser, read whole, at most ``MAX_FEED_BYTES``):

* one document per item, id ``<file stem>:<item number>`` (from 1), origin ``<path>#<item number>``;
* text from the item's content, else its summary; HTML becomes text with one paragraph a line
  (``html_to_text``), so an item and the same article crawled as a page have the same words;
* ``url`` the item's link; ``date`` its published (else updated) time, keeping the offset the feed
  wrote (``date_source`` ``"metadata"``); an unreadable or missing date leaves ``date`` empty, the
  item is still read; ``source`` is the feed's title, ``author`` the item's;
* an item without text is a ``ReadError``; a file that is not a feed is one ``ReadError``.
"""

from __future__ import annotations

import codecs
import email.utils
import gzip
import io
import json
import logging
import os
import re
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from svodka.read import ReadError, _DateError, _error, _os_reason, clean_text, decode_bytes, parse_date, read_bounded
from svodka.record import DatePrecision, DateSource, InputDocument

MAX_PAGE_BYTES = 32 * 1024 * 1024
"""A page (decompressed) larger than this is refused: no news page is that large, a gzip bomb is."""
MAX_FEED_BYTES = 64 * 1024 * 1024
"""A feed file larger than this is refused (feedparser reads it whole)."""
PRESCAN_BYTES = 8192
"""Where to look for a declared charset (browsers look at 1024 bytes; real pages put it later)."""
TRAFILATURA_OPTIONS: dict[str, Any] = {"include_comments": False, "favor_precision": True}
"""Main-text options of trafilatura for svodka (see ``bench/sources.py`` for the measurement)."""

# Library logs (trafilatura's "discarding data", htmldate's) must not reach the user's terminal
# through logging's last-resort handler; an application that configures logging still sees them.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


# --------------------------------------------------------------------------- HTML pages


def iter_html(path: str | os.PathLike[str],
              options: Mapping[str, Any] | None = None) -> Iterator[InputDocument | ReadError]:
    """Read one saved web page (plain or gzipped) as a document; ``options`` replace
    ``TRAFILATURA_OPTIONS`` (for the benchmark's alternatives)."""
    path = Path(path)
    doc_id, origin = page_stem(path), str(path)
    try:
        with path.open("rb") as stream:
            magic = stream.read(2)
            stream.seek(0)
            data = _read_bounded(gzip.GzipFile(fileobj=stream) if magic == b"\x1f\x8b" else stream)
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        yield _error(doc_id, origin, f"damaged gzip file: {err}")
        return
    except OSError as err:
        yield _error(doc_id, origin, f"cannot read file: {_os_reason(err)}")
        return
    if data is None:
        yield _error(doc_id, origin, f"page too large (over {MAX_PAGE_BYTES // 2**20} MiB)")
        return
    yield page_document(data, doc_id, origin, options=options)


def page_stem(path: Path) -> str:
    """The file name without its page or archive suffixes: ``a.html.gz`` -> ``a``."""
    name = path.name
    for suffix in (".gz", ".html", ".htm", ".warc"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def page_document(data: bytes, doc_id: str, origin: str, *, url: str | None = None, charset: str | None = None,
                  crawl_date: str | None = None, options: Mapping[str, Any] | None = None) -> InputDocument | ReadError:
    """One page's bytes -> a document with its main text and metadata (see the module docstring).

    ``url`` is where the page was fetched (a WARC record's URI: it wins over the page's canonical
    URL); ``charset`` the HTTP header's; ``crawl_date`` becomes the date when the page gives none.
    """
    import trafilatura
    from trafilatura.utils import load_html

    try:
        html, _encoding = decode_html(data, charset)
    except ValueError as err:
        return _error(doc_id, origin, str(err))
    try:
        tree = load_html(_XML_DECLARATION_RE.sub("", html, count=1))
        if tree is None:
            return _error(doc_id, origin, "not an HTML page (no document structure could be parsed)")
        published = _published(tree)
        extracted = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, **(TRAFILATURA_OPTIONS if options is None else options),
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as err:  # a parser failure on one odd page must not stop the run
        return _error(doc_id, origin, f"HTML extraction failed: {type(err).__name__}: {err}")
    meta: Any = extracted  # a trafilatura Document (its fields are loosely typed upstream)
    text = clean_text(meta.text or "") if meta is not None else ""
    if not text:
        return _error(doc_id, origin, "no article text found in the page (it may be only navigation, "
                                      "a script-built page or an error page)")
    if published is None and meta.date:
        published = _parse_any_date(meta.date)
    date: str | None = None
    precision: DatePrecision | None = None
    source: DateSource | None = None
    if published is not None:
        (date, precision), source = published, "metadata"
    elif crawl_date is not None:
        date, precision, source = crawl_date, "minute", "crawl"
    site = _clean(meta.sitename) or (urlsplit(url).hostname if url else None)
    page_url = url or (meta.url if isinstance(meta.url, str) and meta.url.startswith(("http://", "https://"))
                       else None)
    return InputDocument(
        id=doc_id, text=text, date=date, date_precision=precision, title=_clean(meta.title), source=site,
        url=page_url, origin=origin, date_source=source, crawl_date=crawl_date, author=_clean(meta.author),
        site=site,
    )


def decode_html(data: bytes, transport: str | None = None) -> tuple[str, str]:
    """Decode a page as it declares (see the module docstring); return ``(text, encoding)``.

    Raises ``ValueError`` for binary data, like ``read.decode_bytes``.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", "replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in data[:PRESCAN_BYTES]:
        return decode_bytes(data)  # UTF-16/32 by BOM, or binary (refused there)
    declared = _codec(transport) or _codec(_declared_charset(data[:PRESCAN_BYTES]))
    if declared is not None:
        if declared != "utf-8" and _is_single_byte(declared) and not data.isascii():
            utf8 = _misdeclared_utf8(data, declared)
            if utf8 is not None:
                return utf8, "utf-8"
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration is wrong: judge the bytes as they are
    return decode_bytes(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per paragraph, block or ``<br>``; scripts dropped.

    Whitespace inside a paragraph collapses to single spaces (as a browser shows it), empty lines
    are dropped; iterative, so deep nesting cannot exhaust the stack.
    """
    import lxml.etree
    import lxml.html

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return clean_text(fragment)
    parts: list[str] = []
    skipping = 0  # depth inside script, style and the like
    for event, element in lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _INVISIBLE:
                skipping += 1
            elif not skipping:
                if tag in _BLOCKS:
                    parts.append("\n")
                if element.text:
                    parts.append(element.text)
            continue
        if event == "end":
            if tag in _INVISIBLE:
                skipping -= 1
            elif not skipping and tag in _BLOCKS:
                parts.append("\n")
        if not skipping and element.tail and element is not root:
            parts.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return clean_text("\n".join(line for line in lines if line))


# --------------------------------------------------------------------------- web archives


def iter_warc(path: str | os.PathLike[str]) -> Iterator[InputDocument | ReadError]:
    """Stream the HTML responses of a WARC file (plain or gzipped), one record at a time.

    A gzipped file is decompressed by ``gzip`` (one member per record, or the whole file in one),
    which says when the file was cut; warcio alone stops quietly there. Each record's length is
    checked against what could be read, and the file must end where its last record ends.
    """
    from warcio.archiveiterator import ArchiveIterator

    path = Path(path)
    stem, origin = page_stem(path), str(path)
    try:
        raw = path.open("rb")
        gzipped = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
    except OSError as err:
        yield _error(stem, origin, f"cannot read file: {_os_reason(err)}")
        return
    number = pages = end = 0
    with raw:
        stream = _Tail(gzip.GzipFile(fileobj=raw) if gzipped else raw)
        records = ArchiveIterator(stream)
        while True:
            current = number + 1  # the record being read: a failure's id must not be a document's
            try:
                record = next(records, None)
                if record is None:
                    break
                number = current
                if number == 1 and not _archive_start(record):
                    yield _error(stem, origin, "not a web archive (no WARC or ARC header at its start)")
                    return
                page = _html_payload(record)
            except Exception as err:  # warcio, gzip and zlib raise many kinds for a damaged archive
                yield _damaged(stem, origin, current, err)
                return
            failure: Exception | None = None
            try:  # the separators after the record, and the start of the next one
                records.read_to_end()
                end = records.get_record_offset() + records.get_record_length()
            except Exception as err:
                failure = err
            doc_id, where = f"{stem}:{number}", f"{origin}#{number}"
            # No limit: the record has no length (its header was cut); a limit left: its body was.
            if getattr(record.raw_stream, "limit", None) != 0:
                yield _error(doc_id, where, f"truncated web archive: it ends inside record {number}")
                return
            if page is not None:
                pages += 1
                body, charset = page
                headers = record.rec_headers
                yield (_error(doc_id, where, f"page too large (over {MAX_PAGE_BYTES // 2**20} MiB)") if body is None
                       else page_document(body, doc_id, where, url=_clean(headers.get_header("WARC-Target-URI")),
                                          charset=charset, crawl_date=_crawl_date(headers.get_header("WARC-Date"))))
            if failure is not None:  # this record was whole: the damage is after it
                yield _damaged(stem, origin, number + 1, failure)
                return
    if stream.failure is not None:  # warcio takes a cut inside a record header for the end
        yield _damaged(stem, origin, number + 1, stream.failure)
    elif not stream.blank_after(end):
        yield _error(f"{stem}:{number + 1}", origin,
                     f"damaged or truncated web archive: the {stream.position - end} bytes after record "
                     f"{number} are not a complete record and were not read")
    elif pages == 0:
        yield _error(stem, origin, f"no HTML responses in the web archive ({number} records read)")


def _damaged(stem: str, origin: str, number: int, err: BaseException) -> ReadError:
    what = "truncated web archive" if isinstance(err, EOFError) else "damaged or not a web archive"
    where = f"in record {number}" if number > 1 else "at its start"
    return _error(f"{stem}:{number}", origin,
                  f"{what} {where} ({type(err).__name__}: {err}); the rest of the file was not read")


class _Tail:
    """A read-only stream that remembers its position, its last bytes and a read failure: what
    is needed to tell a complete archive from a cut one after warcio has read it."""

    KEEP = 4096

    def __init__(self, stream: gzip.GzipFile | io.BufferedReader) -> None:
        self.stream = stream
        self.position = 0
        self.tail = b""
        self.failure: BaseException | None = None

    def read(self, size: int = -1, /) -> bytes:
        """Up to ``size`` bytes; fewer when that is what the stream has before a cut, so that the
        records before the cut are read (``GzipFile.read`` would drop them with its ``EOFError``)."""
        try:
            data = self.stream.read1(size)
        except (EOFError, OSError, zlib.error) as err:
            self.failure = err
            raise
        self.position += len(data)
        self.tail = (self.tail + data)[-self.KEEP:]
        return data

    def tell(self) -> int:
        return self.position

    def blank_after(self, offset: int) -> bool:
        """Whether everything read after ``offset`` is whitespace (record separators)."""
        left = self.position - offset
        return left <= 0 or (left <= len(self.tail) and not self.tail[-left:].strip())


def _archive_start(record: Any) -> bool:
    """Whether a first record is really one: warcio reads any first line of words as an ARC
    header, but a real ARC file starts with its ``filedesc://`` record."""
    if record.format != "arc":
        return True
    return str(record.rec_headers.get_header("uri") or "").startswith("filedesc:")


def _html_payload(record: Any) -> tuple[bytes | None, str | None] | None:
    """``(body, charset)`` of an HTML page record (``None`` body: too large), or ``None``."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = http.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
    else:
        return None
    mime, _, params = (content_type or "").partition(";")
    mime = mime.strip().lower()
    if mime and mime not in ("text/html", "application/xhtml+xml"):
        return None
    body = _read_bounded(record.content_stream())
    if not mime and (body is None or not _looks_like_html(body)):
        return None
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    return body, charset.group(1) if charset else None


def _crawl_date(value: str | None) -> str | None:
    parsed = _parse_any_date(value) if value else None
    return parsed[0] if parsed else None


# --------------------------------------------------------------------------- feeds


def iter_feed(path: str | os.PathLike[str]) -> Iterator[InputDocument | ReadError]:
    """Stream the items of an RSS or Atom file as documents."""
    import feedparser

    path = Path(path)
    stem, origin = path.stem, str(path)
    data = read_bounded(path, MAX_FEED_BYTES, "a feed")
    if isinstance(data, ReadError):
        yield data
        return
    content: bytes | str = data
    if not _declares_encoding(data):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                content, _encoding = decode_bytes(data)  # cp1251 & co. without a declaration
            except ValueError as err:
                yield _error(stem, origin, str(err))
                return
    try:
        parsed = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=True)
    except Exception as err:  # feedparser is lenient, but one odd file must not stop the run
        yield _error(stem, origin, f"cannot parse feed: {type(err).__name__}: {err}")
        return
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield _error(stem, origin, "not an RSS or Atom feed" + (f" ({problem})" if problem else ""))
        return
    feed_title = _detail_text(parsed.feed, "title") or None
    for number, entry in enumerate(parsed.entries, 1):
        yield _feed_item(entry, f"{stem}:{number}", f"{origin}#{number}", feed_title)


def looks_like_feed(path: str | os.PathLike[str]) -> bool:
    """Whether an ``.xml`` file starts like RSS, RDF or Atom (for folder walks: a sitemap or a
    config file in a folder of news is not an error, just not news)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(PRESCAN_BYTES)
    except OSError:
        return True  # let the reader report what is wrong with it
    return _FEED_ROOT_RE.search(head) is not None


def _feed_item(entry: Any, doc_id: str, where: str, feed_title: str | None) -> InputDocument | ReadError:
    text = ""
    for part in [*(entry.get("content") or []), entry.get("summary_detail") or {}]:
        value = part.get("value") or ""
        kind = (part.get("type") or "text/html").lower()
        text = html_to_text(value) if "html" in kind else clean_text(value)
        if text:
            break
    if not text:
        return _error(doc_id, where, "feed item without text (no content or summary)")
    published = None
    for key in ("published", "updated"):
        # Not feedparser's own *_parsed: it turns an impossible "2022-13-45" into 2023-01-01.
        published = _parse_any_date(entry.get(key))
        if published:
            break
    date, precision = published if published else (None, None)
    title = _detail_text(entry, "title")
    link = entry.get("link")  # feedparser falls back to the item's id, which may be a "urn:"
    return InputDocument(
        id=doc_id, text=text, date=date, date_precision=precision, title=title or None, source=feed_title,
        url=link.strip() if isinstance(link, str) and link.strip().startswith(("http://", "https://")) else None,
        origin=where,
        date_source="metadata" if date else None, author=_clean(entry.get("author")),
    )


def _detail_text(container: Any, key: str) -> str:
    """A feed text construct (a title) as plain text: feedparser says whether it is HTML."""
    value = container.get(key)
    if not isinstance(value, str):
        return ""
    kind = ((container.get(f"{key}_detail") or {}).get("type") or "").lower()
    return html_to_text(value) if "html" in kind else clean_text(value)


# --------------------------------------------------------------------------- shared helpers


def _parse_any_date(value: object) -> tuple[str, DatePrecision] | None:
    """An ISO 8601 or RFC 2822 (e-mail, RSS) date, normalised by ``read.parse_date``; else ``None``."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return parse_date(value)
    except _DateError:
        pass
    try:
        stamp = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    try:
        return parse_date(stamp.isoformat(timespec="seconds"))
    except _DateError:
        return None


_PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "article.published",
    "published_time", "publish-date", "publishdate", "pubdate", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
)
"""Meta names, properties and itemprops that carry the publication date, most reliable first."""


def _published(tree: Any) -> tuple[str, DatePrecision] | None:
    """The publication date the page's markup declares, to the minute when it says so."""
    found: dict[str, str] = {}
    for element in tree.iter("meta", "time"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        value = element.get("content") or element.get("datetime")
        if key in _PUBLISHED_KEYS and value and key not in found:
            found[key] = value
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            value = _json_ld_published(script.text)
            if value and "datepublished" not in found:
                found["datepublished"] = value
    for key in _PUBLISHED_KEYS:
        parsed = _parse_any_date(found.get(key))
        if parsed:
            return parsed
    return None


def _json_ld_published(source: str) -> str | None:
    try:
        data = json.loads(source, strict=False)
    except (ValueError, RecursionError):
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                return value
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return None


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _read_bounded(stream: _Readable) -> bytes | None:
    """At most ``MAX_PAGE_BYTES`` of a stream; ``None`` when there is more."""
    data = stream.read(MAX_PAGE_BYTES + 1)
    return None if len(data) > MAX_PAGE_BYTES else data


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    return match.group(1).decode("ascii") if match else None


def _declares_encoding(data: bytes) -> bool:
    return _XML_ENCODING_RE.search(data[:PRESCAN_BYTES]) is not None


def _codec(name: str | None) -> str | None:
    """A Python codec for a declared charset name, as browsers read it; ``None`` if unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"  # what browsers (WHATWG) decode for these labels
    if codec.startswith(("utf-16", "utf-32")):
        return None  # a meta tag cannot declare these (bytes so far were ASCII): ignore it
    return "utf-8" if codec == "utf-8-sig" else codec


def _misdeclared_utf8(data: bytes, declared: str) -> str | None:
    """The page as UTF-8 when it is valid UTF-8 and reads better so (more of its non-ASCII
    characters are letters: mojibake such as «Ð¿» or «Рї» is half symbols), else ``None``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if _letter_share(text) > _letter_share(data.decode(declared, "replace")) else None


def _letter_share(text: str) -> float:
    wide = [char for char in text if char >= "\x80"]
    return sum(char.isalpha() for char in wide) / len(wide) if wide else 0.0


def _is_single_byte(codec: str) -> bool:
    return len(bytes(range(128, 256)).decode(codec, "replace")) == 128


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _clean(value: object) -> str | None:
    return (clean_text(value) or None) if isinstance(value, str) else None


_META_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_XML_ENCODING_RE = re.compile(rb"<\?xml[^>]*\bencoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE)
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_FEED_ROOT_RE = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>]")
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul",
))
_INVISIBLE = frozenset(("script", "style", "noscript", "template", "head", "title"))

READERS: dict[str, Callable[[Path], Iterator[InputDocument | ReadError]]] = {
    "html": iter_html, "warc": iter_warc, "feed": iter_feed,
}
"""Reader of each ``--format`` this module provides."""
