"""Web pages, web archives and feeds; format and column options; read-time dedup.

Every fixture is written by the tests themselves (pages, a WARC made with warcio's own writer,
RSS and Atom feeds, tables), broken ones included: error records for what is broken, the rest read.
"""

from __future__ import annotations

import gzip
import html
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from svodka import web_sources
from svodka.cli import app
from svodka.pipeline import Pipeline
from svodka.read import DuplicateDocument, ReadError, clean_text, content_hash, iter_documents
from svodka.record import InputDocument

PARAGRAPHS = [
    "В Казахстане уже несколько дней идут массовые протесты, вызванные ростом цен на газ.",
    "В ночь на 6 января президент Касым-Жомарт Токаев обратился к ОДКБ с просьбой о помощи.",
    "По данным Минздрава, более тысячи человек получили ранения, около 400 госпитализированы.",
]
ARTICLE = "\n".join(PARAGRAPHS)
OTHER = ["Министр обороны России прибыл в Минск для переговоров.", "Встреча продлится два дня."]
PUBLISHED = '<meta property="article:published_time" content="2022-01-06T14:05:00+06:00">'


def page(charset: str | None = "utf-8", date: str = PUBLISHED, paragraphs: list[str] = PARAGRAPHS,
         heading: str = "Протесты в Казахстане") -> str:
    """A news page with the furniture real pages have (menu, footer) around the article."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head>{meta}<title>{heading} | Пример Новости</title>
<meta property="og:site_name" content="Пример Новости">{date}
<link rel="canonical" href="https://example.org/news/1"><meta name="author" content="Иван Петров"></head>
<body><nav><ul><li><a href="/">Главная</a></li><li><a href="/world">В мире</a></li></ul></nav>
<article><h1>{heading}</h1>{body}</article>
<footer>© 2022 Пример. Все права защищены.</footer></body></html>"""


def write(path: Path, content: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def docs(*paths: Path, **options: object) -> list[InputDocument | ReadError]:
    return list(iter_documents(list(paths), **options))  # type: ignore[arg-type]


def only_doc(items: list[InputDocument | ReadError]) -> InputDocument:
    assert len(items) == 1 and isinstance(items[0], InputDocument), items
    return items[0]


def summary(items: list[InputDocument | ReadError]) -> list[tuple[str, str]]:
    return [(type(item).__name__, item.id) for item in items]


def text_after_heading(text: str) -> str:
    return text.split("\n", 1)[1]


# --------------------------------------------------------------------------- HTML pages


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    doc = only_doc(docs(write(tmp_path / "kz-protests.html", page())))
    assert doc.id == "kz-protests"
    assert doc.text == "Протесты в Казахстане\n" + ARTICLE  # menu and footer left out
    assert doc.title == "Протесты в Казахстане"
    assert (doc.date, doc.date_precision, doc.date_source) == ("2022-01-06T14:05:00+06:00", "minute", "metadata")
    assert doc.site == doc.source == "Пример Новости"
    assert doc.author == "Иван Петров"
    assert doc.url == "https://example.org/news/1"
    assert doc.crawl_date is None
    assert doc.content_hash == content_hash(ARTICLE)


def test_html_cp1251_declared_undeclared_and_misdeclared(tmp_path: Path) -> None:
    declared = write(tmp_path / "a.htm", page("windows-1251").encode("cp1251"))
    undeclared = write(tmp_path / "b.html", page(None).encode("cp1251"))
    misdeclared = write(tmp_path / "c.html", page("windows-1251").encode("utf-8"))  # site moved to UTF-8
    koi8 = write(tmp_path / "d.html", page("koi8-r").encode("koi8-r"))
    items = docs(declared, undeclared, misdeclared, koi8, dedup=False)
    assert summary(items) == [("InputDocument", "a"), ("InputDocument", "b"), ("InputDocument", "c"),
                              ("InputDocument", "d")]
    for item in items:
        assert isinstance(item, InputDocument)
        assert text_after_heading(item.text) == ARTICLE, item.id


def test_gzipped_page_and_broken_pages_among_good_ones(tmp_path: Path) -> None:
    good = write(tmp_path / "a.html.gz", gzip.compress(page().encode("utf-8")))
    truncated = write(tmp_path / "b.html.gz", gzip.compress(page().encode("utf-8"))[:120])
    empty = write(tmp_path / "c.html", "<html><head><title>Ошибка</title><script>var x = 1;</script></head>"
                                       "<body><script>document.write('загрузка')</script></body></html>")
    binary = write(tmp_path / "d.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    after = write(tmp_path / "e.htm", page(paragraphs=["Другая статья о событиях в Алма-Ате и Астане."]))
    items = docs(good, truncated, empty, binary, after)
    assert summary(items) == [("InputDocument", "a"), ("ReadError", "b"), ("ReadError", "c"),
                              ("ReadError", "d"), ("InputDocument", "e")]
    errors = [item.error for item in items if isinstance(item, ReadError)]
    assert "damaged gzip" in errors[0]
    assert "no article text" in errors[1]
    assert "binary" in errors[2]
    assert isinstance(items[0], InputDocument) and text_after_heading(items[0].text) == ARTICLE


def test_page_dates_from_json_ld_markup_or_none(tmp_path: Path) -> None:
    json_ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": '
               '"NewsArticle", "datePublished": "2022-01-06T09:10:00+03:00"}]}</script>')
    items = docs(write(tmp_path / "a.html", page(date=json_ld)),
                 write(tmp_path / "b.html", page(date='<meta name="date" content="2022-01-05">')),
                 write(tmp_path / "c.html", page(date='<meta property="article:published_time" content="вчера">')),
                 dedup=False)
    got = [(d.date, d.date_precision, d.date_source) for d in items if isinstance(d, InputDocument)]
    assert got == [("2022-01-06T09:10:00+03:00", "minute", "metadata"), ("2022-01-05", "day", "metadata"),
                   (None, None, None)]


def test_decode_html_prefers_declarations() -> None:
    text = "Сводка: протесты в Казахстане"
    meta = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>{text}'
    assert web_sources.decode_html(meta.encode("cp1251")) == (meta, "cp1251")
    xml = f'<?xml version="1.0" encoding="koi8-r"?><html>{text}</html>'
    assert web_sources.decode_html(xml.encode("koi8-r")) == (xml, "koi8-r")
    plain = f"<html>{text}</html>"
    assert web_sources.decode_html(plain.encode("cp1251"), transport="windows-1251") == (plain, "cp1251")
    assert web_sources.decode_html(b"<html>caf\xe9</html>", transport="iso-8859-1") == ("<html>café</html>", "cp1252")
    with pytest.raises(ValueError, match="binary"):
        web_sources.decode_html(b"\x00\x01\x02\x03\x04" * 40, transport="utf-8")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(codec="cp1251", exclude_categories=("Cc", "Cs")), min_size=1, max_size=40),
                min_size=1, max_size=5))
def test_decode_html_round_trips_declared_cp1251(lines: list[str]) -> None:
    source = '<html><head><meta charset="windows-1251"></head><body>' + "<br>".join(lines) + "</body></html>"
    data = source.encode("cp1251")
    assume(not _valid_utf8(data))  # real cp1251 text never is; misdeclared UTF-8 is tested apart
    decoded, _encoding = web_sources.decode_html(data)
    assert decoded == source


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --------------------------------------------------------------------------- html_to_text

_WORD = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=8)
_PARAGRAPH = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6), st.sampled_from(["p", "div", "li", "h2", "blockquote"]))
def test_html_to_text_keeps_paragraphs_as_lines(paragraphs: list[str], tag: str) -> None:
    fragment = "".join(f"<{tag}>\n  {html.escape(p)}  \n</{tag}>" for p in paragraphs)
    assert web_sources.html_to_text(fragment) == clean_text("\n".join(paragraphs))  # NFC, like every text


def test_html_to_text_breaks_scripts_comments_and_inline_markup() -> None:
    fragment = ("<p>Первый <b>жирный</b> абзац<!-- комментарий --> продолжается.<br>Новая строка.</p>"
                "<script>alert('x')</script><style>p {}</style><div>Второй &amp; последний.</div>")
    assert web_sources.html_to_text(fragment) == ("Первый жирный абзац продолжается.\nНовая строка.\n"
                                                  "Второй & последний.")
    assert web_sources.html_to_text("просто текст") == "просто текст"
    assert web_sources.html_to_text("   ") == ""


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2000))
def test_page_reader_never_raises(data: bytes) -> None:
    result = web_sources.page_document(data, "x", "x.html")
    assert isinstance(result, (InputDocument, ReadError))


# --------------------------------------------------------------------------- web archives


def warc(path: Path, records: list[tuple[str, str, str, bytes]], compress: bool = True,
         date: str = "2022-01-07T08:30:00Z") -> Path:
    """A WARC written with warcio: (record type, uri, Content-Type + status, body) per record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for rec_type, uri, head, body in records:
            content_type, _, status = head.partition("|")
            http = None
            if rec_type in ("response", "request"):
                first = "GET / HTTP/1.1" if rec_type == "request" else status or "200 OK"
                http = StatusAndHeaders(first, [("Content-Type", content_type)], protocol="HTTP/1.1",
                                        is_http_request=rec_type == "request")
            record = writer.create_warc_record(
                uri, rec_type, payload=io.BytesIO(body), http_headers=http,
                warc_content_type=content_type if rec_type == "resource" else "",
                warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)
    return path


CRAWL = [
    ("request", "https://example.org/news/1", "", b""),
    ("response", "https://example.org/news/1", "text/html; charset=utf-8", page().encode("utf-8")),
    ("response", "https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    ("response", "https://example.org/old", "text/html|301 Moved Permanently", b"<html>moved</html>"),
    ("response", "https://example.org/missing", "text/html|404 Not Found", page(date="").encode("utf-8")),
    # The charset only in the HTTP header, the page without a date: the crawl date stands in.
    ("response", "https://example.org/news/2", "text/html; charset=windows-1251",
     page(None, date="", heading="Вторая новость", paragraphs=OTHER).encode("cp1251")),
    ("metadata", "https://example.org/news/2", "application/json", b'{"outlinks": []}'),
]


@pytest.mark.parametrize("compress", [True, False])
def test_warc_html_responses_become_documents(tmp_path: Path, compress: bool) -> None:
    name = "crawl.warc.gz" if compress else "crawl.warc"
    path = warc(tmp_path / name, CRAWL, compress)
    items = docs(path, dedup=False)
    assert summary(items) == [("InputDocument", "crawl:2"), ("InputDocument", "crawl:6")]
    first, second = items
    assert isinstance(first, InputDocument) and isinstance(second, InputDocument)
    assert first.origin == f"{path}#2" and first.url == "https://example.org/news/1"
    assert (first.date, first.date_source) == ("2022-01-06T14:05:00+06:00", "metadata")
    assert first.crawl_date == "2022-01-07T08:30:00Z"
    assert text_after_heading(first.text) == ARTICLE
    assert second.url == "https://example.org/news/2"
    assert (second.date, second.date_precision, second.date_source) == ("2022-01-07T08:30:00Z", "minute", "crawl")
    assert second.crawl_date == "2022-01-07T08:30:00Z"
    assert second.text == "\n".join(["Вторая новость", *OTHER])  # decoded by the HTTP header's charset


def test_warc_is_read_record_by_record(tmp_path: Path) -> None:
    import tracemalloc

    images = [("response", f"https://example.org/{n}.png", "image/png", bytes(2 << 20)) for n in range(20)]
    path = warc(tmp_path / "big.warc.gz", [CRAWL[1], *images, CRAWL[5]])  # 40 MiB inside, 40 KiB on disk
    docs(warc(tmp_path / "small.warc.gz", [CRAWL[1], CRAWL[5]]))  # imports and trafilatura's caches first
    tracemalloc.start()
    try:
        items = docs(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert summary(items) == [("InputDocument", "big:1"), ("InputDocument", "big:22")]
    assert peak < 1 << 20, peak  # never the archive, nor even one image (2 MiB), whole in memory


def test_warc_resource_records_are_read_too(tmp_path: Path) -> None:
    path = warc(tmp_path / "local.warc", [("resource", "file:///saved/page.html", "text/html", page().encode())],
                compress=False)
    assert summary(docs(path)) == [("InputDocument", "local:1")]


def test_warc_without_html_is_one_error(tmp_path: Path) -> None:
    path = warc(tmp_path / "images.warc.gz", [CRAWL[0], CRAWL[2], CRAWL[3]])
    [error] = docs(path)
    assert isinstance(error, ReadError) and error.id == "images"
    assert "no HTML responses" in error.error and "3 records" in error.error


@pytest.mark.parametrize("cut", ["in_last_record", "in_the_middle", "in_a_header", "right_after_a_page"])
def test_truncated_warc_gz_keeps_what_was_read(tmp_path: Path, cut: str) -> None:
    full = warc(tmp_path / "full.warc.gz", CRAWL).read_bytes()
    members = _gzip_member_offsets(full)
    ends = {"in_last_record": len(full) - 40,  # inside the metadata record, after both pages
            "in_the_middle": members[5] + (members[6] - members[5]) // 2,  # inside the second page
            "in_a_header": members[5] + 12,  # the second page's member has barely begun
            "right_after_a_page": members[2] + 12}  # the first page is whole, the image after it is cut
    truncated = write(tmp_path / "cut.warc.gz", full[:ends[cut]])
    after = write(tmp_path / "z.txt", "date 2022-01-08 Президент подписал указ.")
    items = docs(truncated, after)
    kinds = [type(item).__name__ for item in items]
    if cut == "in_last_record":
        assert kinds == ["InputDocument", "InputDocument", "ReadError", "InputDocument"]
    else:
        assert kinds == ["InputDocument", "ReadError", "InputDocument"]
    error = next(item for item in items if isinstance(item, ReadError))
    assert "truncated" in error.error
    assert items[0].id == "cut:2" and items[-1].id == "z"


@pytest.mark.parametrize("kind", ["gzip per record", "gzip whole file", "plain"])
def test_any_cut_of_a_warc_gives_a_prefix_then_one_error(tmp_path: Path, kind: str) -> None:
    suffix = ".warc" if kind == "plain" else ".warc.gz"
    full_path = warc(tmp_path / f"full{suffix}", CRAWL, kind == "gzip per record")
    if kind == "gzip whole file":  # not valid for replay tools, but common: `gzip crawl.warc`
        full_path.write_bytes(gzip.compress(full_path.read_bytes()))
    full = full_path.read_bytes()
    whole = [(d.id, d.text) for d in docs(full_path, dedup=False)]
    assert [doc_id for doc_id, _ in whole] == ["full:2", "full:6"]
    if kind != "plain":  # a gzip member ends with its checksum and length: any cut shows
        cuts = list(range(1, len(full), 61 if kind == "gzip per record" else 17))
    else:  # a plain WARC has no end marker: a cut at a record boundary looks like a shorter archive
        offsets = [full.index(b"WARC/1.", start) for start in range(0, len(full)) if full.startswith(b"WARC/1.", start)]
        cuts = [(start + end) // 2 for start, end in zip(offsets, [*offsets[1:], len(full)], strict=True)]
    for cut in cuts:
        path = write(tmp_path / f"cut{suffix}", full[:cut])
        items = docs(path, dedup=False)
        read = [(d.id.replace("cut:", "full:"), d.text) for d in items if isinstance(d, InputDocument)]
        assert read == whole[:len(read)], cut
        assert [isinstance(item, ReadError) for item in items] == [False] * len(read) + [True], cut


def _gzip_member_offsets(data: bytes) -> list[int]:
    """Start offsets of the gzip members (one per WARC record) of a file."""
    import zlib

    offsets, position = [], 0
    while position < len(data):
        offsets.append(position)
        decompressor = zlib.decompressobj(wbits=31)
        decompressor.decompress(data[position:])
        position = len(data) - len(decompressor.unused_data)
    return offsets


def test_not_a_warc_and_damaged_start(tmp_path: Path) -> None:
    text = write(tmp_path / "notes.warc", "hello world this is not an archive")
    gz = write(tmp_path / "broken.warc.gz", b"\x1f\x8b\x08\x00" + b"\xff" * 50)
    items = docs(text, gz)
    assert [type(i).__name__ for i in items] == ["ReadError", "ReadError"]
    assert "not a web archive" in items[0].error  # type: ignore[union-attr]
    assert "broken.warc.gz" in items[1].error  # type: ignore[union-attr]


# --------------------------------------------------------------------------- feeds


def rss(items: str, encoding: str = "utf-8") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Пример Новости</title>'
            f"<link>https://example.org/</link><description>Лента</description>{items}</channel></rss>")


RSS_ITEMS = (
    "<item><title>Протесты в Казахстане</title><link>https://example.org/news/1</link>"
    "<pubDate>Thu, 06 Jan 2022 14:05:00 +0600</pubDate><dc:creator>Иван Петров</dc:creator>"
    "<description>Коротко о протестах.</description>"
    "<content:encoded><![CDATA[" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "]]></content:encoded></item>"
    "<item><title>Указ &amp; поправки</title><link>https://example.org/news/2</link>"
    "<description>&lt;p&gt;Президент подписал указ.&lt;br&gt;Указ вступает в силу.&lt;/p&gt;</description></item>"
    "<item><title>Только заголовок</title><link>https://example.org/news/3</link></item>"
)


def test_rss_items_become_documents(tmp_path: Path) -> None:
    path = write(tmp_path / "lenta.rss", rss(RSS_ITEMS))
    items = docs(path)
    assert summary(items) == [("InputDocument", "lenta:1"), ("InputDocument", "lenta:2"), ("ReadError", "lenta:3")]
    first, second, empty = items
    assert isinstance(first, InputDocument) and isinstance(second, InputDocument)
    assert first.text == ARTICLE  # content:encoded wins over the description, paragraphs as lines
    assert (first.date, first.date_precision, first.date_source) == ("2022-01-06T14:05:00+06:00", "minute",
                                                                     "metadata")
    assert (first.title, first.source, first.url, first.author) == (
        "Протесты в Казахстане", "Пример Новости", "https://example.org/news/1", "Иван Петров")
    assert first.origin == f"{path}#1"
    assert second.text == "Президент подписал указ.\nУказ вступает в силу." and second.title == "Указ & поправки"
    assert second.date is None and second.date_source is None
    assert isinstance(empty, ReadError) and "without text" in empty.error


def test_atom_feed_and_bad_dates(tmp_path: Path) -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Новости</title><id>urn:feed</id>
<updated>2022-01-06T10:00:00Z</updated>
<entry><title>Первая</title><link href="https://example.org/a"/><id>urn:a</id>
 <updated>2022-01-06T10:00:00+03:00</updated><published>2022-01-06T09:00:00+03:00</published>
 <author><name>Пётр Сидоров</name></author>
 <content type="html">&lt;p&gt;Первый абзац.&lt;/p&gt;&lt;p&gt;Второй абзац.&lt;/p&gt;</content></entry>
<entry><title>Вторая</title><link href="https://example.org/b"/><id>urn:b</id>
 <updated>2022-13-45T10:00:00Z</updated><summary>Дата у этой записи невозможная.</summary></entry>
<entry><title>Третья</title><link href="https://example.org/c"/><id>urn:c</id>
 <updated>позавчера</updated><summary type="text">Дата словами.</summary></entry>
<entry><title>Четвёртая</title><id>urn:d</id><summary>Без даты и ссылки.</summary></entry>
</feed>"""
    items = docs(write(tmp_path / "news.atom", atom))
    assert summary(items) == [("InputDocument", f"news:{n}") for n in range(1, 5)]
    got = [(d.text, d.date, d.url) for d in items if isinstance(d, InputDocument)]
    assert got == [
        ("Первый абзац.\nВторой абзац.", "2022-01-06T09:00:00+03:00", "https://example.org/a"),
        ("Дата у этой записи невозможная.", None, "https://example.org/b"),  # not feedparser's 2023-01-01
        ("Дата словами.", None, "https://example.org/c"),
        ("Без даты и ссылки.", None, None),
    ]
    assert all(isinstance(d, InputDocument) and d.source == "Atom Новости" for d in items)


def test_xml_feeds_sitemaps_and_legacy_encodings(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a-feed.xml", rss(RSS_ITEMS.split("<item><title>Указ")[0]))
    write(folder / "b-sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>https://example.org/</loc></url></urlset>')
    # cp1251 without any declaration of it: decoded like a .txt file
    write(folder / "c-legacy.rss", rss(RSS_ITEMS.split("<item><title>Указ")[0]).replace(' encoding="utf-8"', "")
          .encode("cp1251"))
    items = docs(folder, dedup=False)
    assert summary(items) == [("InputDocument", "a-feed:1"), ("InputDocument", "c-legacy:1")]
    assert all(isinstance(d, InputDocument) and d.text == ARTICLE for d in items)
    [error] = docs(folder / "b-sitemap.xml")  # named explicitly: tried, and said why not
    assert isinstance(error, ReadError) and "not an RSS or Atom feed" in error.error


# --------------------------------------------------------------------------- formats, columns, dates


def test_format_override_reads_any_name(tmp_path: Path) -> None:
    saved = write(tmp_path / "pages" / "page-without-suffix", page())
    write(tmp_path / "pages" / ".hidden", page())
    assert summary(docs(saved)) == [("ReadError", "page-without-suffix")]  # unknown suffix: named
    assert summary(docs(saved, fmt="html")) == [("InputDocument", "page-without-suffix")]
    assert summary(docs(tmp_path / "pages", fmt="html")) == [("InputDocument", "page-without-suffix")]
    lines = write(tmp_path / "lines.txt", '{"id": "j1", "text": "Строка JSON."}\n{"id": "j2", "text": "Ещё."}\n')
    assert summary(docs(lines, fmt="jsonl")) == [("InputDocument", "j1"), ("InputDocument", "j2")]
    tabbed = write(tmp_path / "table.txt", "id\ttext\nt1\tТекст из таблицы.\n")
    assert summary(docs(tabbed, fmt="tsv")) == [("InputDocument", "t1")]


def test_csv_and_parquet_with_custom_columns(tmp_path: Path) -> None:
    columns = {"id": "doc_id", "text": "body", "date": "published"}
    csv_path = write(tmp_path / "export.csv", "doc_id,published,body,title\n"
                                              "n1,2022-01-06,\"Протесты в Алма-Ате.\",Первая\n"
                                              "n2,2022-02-30,Плохая дата.,Вторая\n"
                                              ",,Без id и даты.,\n")
    items = docs(csv_path, columns=columns)
    assert summary(items) == [("InputDocument", "n1"), ("ReadError", "n2"), ("InputDocument", "export:3")]
    first = items[0]
    assert isinstance(first, InputDocument)
    assert (first.text, first.date, first.date_source, first.title) == ("Протесты в Алма-Ате.", "2022-01-06", "input",
                                                                        "Первая")
    assert 'invalid "published"' in items[1].error  # type: ignore[union-attr]
    [missing] = docs(csv_path)  # default column names: no "text" column
    assert isinstance(missing, ReadError) and 'no "text" column' in missing.error

    table = pa.table({"doc_id": ["p1", "p2"], "body": ["Первый текст.", "Второй текст."],
                      "published": ["2022-01-06T10:15:00", None]})
    pq.write_table(table, tmp_path / "export.parquet")
    items = docs(tmp_path / "export.parquet", columns=columns)
    assert [(d.id, d.date, d.date_source) for d in items if isinstance(d, InputDocument)] == [
        ("p1", "2022-01-06T10:15:00", "input"), ("p2", None, None)]


def test_date_sources_and_crawl_input_dates(tmp_path: Path) -> None:
    text = write(tmp_path / "a.txt", "date 2022-01-06 Президент Казахстана прибыл в Астану.")
    jsonl = write(tmp_path / "b.jsonl", '{"id": "j1", "text": "Министр прибыл в Минск.", "date": "2022-01-07"}\n'
                                        '{"id": "j2", "text": "Без даты."}\n')
    export = {"name": "Канал", "type": "public_channel", "id": 7, "messages": [
        {"id": 1, "type": "message", "date": "2022-01-06T14:05:00", "text": "Пост канала."}]}
    telegram = write(tmp_path / "tg" / "result.json", json.dumps(export, ensure_ascii=False))
    page_file = write(tmp_path / "p.html", page())
    publication = docs(text, jsonl, telegram, page_file)
    assert [(d.id, d.date_source, d.crawl_date) for d in publication if isinstance(d, InputDocument)] == [
        ("a", "header", None), ("j1", "input", None), ("j2", None, None), ("7:1", "input", None),
        ("p", "metadata", None)]
    crawl = docs(text, jsonl, telegram, page_file, input_dates="crawl")
    assert [(d.id, d.date, d.date_source, d.crawl_date) for d in crawl if isinstance(d, InputDocument)] == [
        ("a", "2022-01-06", "crawl", "2022-01-06"), ("j1", "2022-01-07", "crawl", "2022-01-07"),
        ("j2", None, None, None), ("7:1", "2022-01-06T14:05:00", "crawl", "2022-01-06T14:05:00"),
        ("p", "2022-01-06T14:05:00+06:00", "metadata", None)]  # the page's own date stays a publication date


# --------------------------------------------------------------------------- read-time dedup


def test_same_article_in_a_feed_and_a_crawl_is_recognised(tmp_path: Path) -> None:
    feed = write(tmp_path / "a-lenta.rss", rss(RSS_ITEMS))
    crawl = warc(tmp_path / "b-crawl.warc.gz", CRAWL)
    repost = write(tmp_path / "c.jsonl", json.dumps({"id": "repost", "text": "  " + ARTICLE.upper().replace(
        ", ", " ,  ") + "\n"}, ensure_ascii=False) + "\n")
    items = docs(feed, crawl, repost)
    assert summary(items) == [("InputDocument", "a-lenta:1"), ("InputDocument", "a-lenta:2"),
                              ("ReadError", "a-lenta:3"), ("DuplicateDocument", "b-crawl:2"),
                              ("InputDocument", "b-crawl:6"), ("DuplicateDocument", "repost")]
    original, crawled, reposted = items[0], items[3], items[5]
    assert isinstance(crawled, DuplicateDocument) and isinstance(reposted, DuplicateDocument)
    assert isinstance(original, InputDocument)
    assert crawled.duplicate_of == reposted.duplicate_of == "a-lenta:1"
    assert crawled.content_hash == original.content_hash == reposted.content_hash
    assert crawled.url == "https://example.org/news/1" and crawled.crawl_date == "2022-01-07T08:30:00Z"
    assert items[4].content_hash != original.content_hash  # type: ignore[union-attr]
    assert summary(docs(feed, crawl, repost, dedup=False))[3] == ("InputDocument", "b-crawl:2")


def test_duplicate_records_carry_duplicate_of_and_no_layers(tmp_path: Path) -> None:
    first = InputDocument(id="a", text="Один и тот же текст.")
    same = DuplicateDocument(id="b", text="Один  и тот же текст!", url="https://example.org/b",
                             content_hash=content_hash("Один и тот же текст."), duplicate_of="a")
    record = Pipeline(["entities"]).extract(same)  # no model is loaded for it
    assert (record.id, record.duplicate_of, record.layers, record.entities) == ("b", "a", [], None)
    assert record.text == same.text and record.url == same.url and record.error is None
    assert content_hash(first.text) == record.content_hash


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text("абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz0123456789", min_size=1,
                        max_size=8), min_size=1, max_size=30),
       st.lists(st.sampled_from([" ", "  ", "\n", "\t", " , ", ". "]), min_size=29, max_size=29))
def test_content_hash_ignores_spacing_case_and_punctuation(words: list[str], gaps: list[str]) -> None:
    spaced = words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:], strict=False))
    assert content_hash(spaced.upper()) == content_hash(" ".join(words))
    assert content_hash(" ".join(words) + " лишнее") != content_hash(" ".join(words))


# --------------------------------------------------------------------------- command line


runner = CliRunner()


@pytest.mark.slow  # loads the language layer's models
def test_cli_format_columns_and_input_dates(tmp_path: Path) -> None:
    saved = write(tmp_path / "saved-page", page())
    table = write(tmp_path / "t.csv", "key,body,when\nk1,Министр обороны России прибыл в Минск.,2022-01-06\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(saved), "--format", "html", "-o", str(out), "--no-progress",
                                 "--layers", "languages"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "saved-page" and record["date_source"] == "metadata" and record["layers"] == ["languages"]
    assert record["content_hash"] == content_hash(ARTICLE)

    result = runner.invoke(app, ["extract", str(table), str(table.with_name("copy.jsonl")), "--input-dates", "crawl",
                                 "--id-column", "key", "--text-column", "body", "--date-column", "when",
                                 "-o", str(out), "--no-progress", "--layers", "languages"])
    assert result.exit_code == 1  # the missing copy.jsonl is an error record, the table is read
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["k1", "copy"]
    assert (records[0]["date"], records[0]["date_source"], records[0]["crawl_date"]) == ("2022-01-06", "crawl",
                                                                                         "2022-01-06")
    result = runner.invoke(app, ["extract", str(saved), "--format", "pdf", "--no-progress"])
    assert result.exit_code == 2


@pytest.mark.slow  # loads the language layer's models
def test_cli_marks_duplicates(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", "Министр обороны России прибыл в Минск.")
    write(tmp_path / "in" / "b.txt", "Министр обороны  России прибыл в Минск!")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out), "--no-progress",
                                 "--layers", "languages"])
    assert result.exit_code == 0, result.output
    first, second = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "duplicate_of" not in first and first["layers"] == ["languages"]
    assert second["duplicate_of"] == "a" and second["layers"] == [] and "languages" not in second
