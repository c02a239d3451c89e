"""The сводка as Markdown, JSON, HTML (with a static SVG map) and PDF (headless Chromium).

Every text that comes from a document is escaped for its format: Markdown gets its markup
characters escaped and HTML's angle brackets as entities, HTML is escaped throughout. Sources
are numbered in order of first citation and listed at the end with outlet, document id, date,
character span and the attribution chain inside the document.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote as urlquote

from svodka.chronicle import report_text as rt
from svodka.chronicle.report import MapPlace, Report, ReportError, Sentence, Source
from svodka.chronicle.report_text import Lang


def to_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data: every sentence with its sources."""
    def conv(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: conv(v) for k, v in value.items()}
        if isinstance(value, list):
            return [conv(v) for v in value]
        return value

    return conv(asdict(report))


def to_json(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=1)


_WORDS = {
    "main": ("Главное", "Main stories"),
    "since": ("С прошлой сводки", "Since the last report"),
    "timeline": ("Хроника", "Timeline"),
    "figures": ("Цифры", "Figures"),
    "quotes": ("Цитаты", "Quotes"),
    "map": ("Карта", "Map"),
    "sources": ("Источники", "Sources"),
    "nothing_new": ("Нового нет.", "Nothing new."),
    "more": ("Ещё событий: {n}.", "{n} more events."),
    "document": ("документ", "document"),
    "chars": ("символы", "characters"),
    "no_outlet": ("издание не указано", "outlet unknown"),
    "per": ("атрибуция в тексте", "attributed in the text to"),
    "title": ("заголовок", "title"),
    "no_coords": ("без координат", "no coordinates"),
    "about": ("Извлечено svodka из {n}: каждое утверждение ведёт к источникам [n] (издание, документ, позиция "
              "в тексте); ничего сверх сказанного в документах.",
              "Extracted by svodka from {n}: every statement leads to its sources [n] (outlet, document, position "
              "in the text); nothing beyond what the documents say."),
}


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key][0 if lang == "ru" else 1]


class _Footnotes:
    """Numbers for distinct sources, in order of first citation."""

    def __init__(self) -> None:
        self.index: dict[tuple[Any, ...], int] = {}
        self.sources: list[Source] = []

    def cite(self, sources: list[Source]) -> list[int]:
        out = []
        for s in sources:
            key = (s.doc_id, s.start, s.end, s.field)
            if key not in self.index:
                self.sources.append(s)
                self.index[key] = len(self.sources)
            if self.index[key] not in out:
                out.append(self.index[key])
        return out


def _documents_phrase(report: Report) -> str:
    if report.lang == "ru":
        return rt.count_words(report.documents, "документ", genitive=True)
    return rt.plural_en(report.documents, "document")


def _md_escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", text)


def to_markdown(report: Report) -> str:
    lang = report.lang
    notes = _Footnotes()
    out = [f"# {_md_escape(report.title)}", ""]
    out += [f"_{_md_escape(_w('about', lang).format(n=_documents_phrase(report)))}_", ""]
    out += [f"_{_md_escape(n)}_" for n in report.notes]

    def line(s: Sentence, prefix: str = "- ") -> list[str]:
        refs = "".join(f"[{n}]" for n in notes.cite(s.sources))
        lines = [f"{prefix}{_md_escape(s.text)} {refs}"]
        if s.evidence is not None:
            ev = s.evidence
            indent = " " * len(prefix) if prefix.strip() else ""
            lines.append(f"{indent}> {_md_escape(ev.before)}**{_md_escape(ev.mark)}**{_md_escape(ev.after)}")
        return lines

    if report.stories:
        out += ["", f"## {_w('main', lang)}", ""]
        for k, story in enumerate(report.stories, 1):
            refs = "".join(f"[{n}]" for n in notes.cite(story.headline.sources))
            out.append(f"{k}. **{_md_escape(story.headline.text)}** {refs} — {_md_escape(story.summary.text)}")
    if report.previous_start and report.previous_end:
        period = rt.format_period(report.previous_start, report.previous_end, lang)
        out += ["", f"## {_w('since', lang)} ({period})", ""]
        for s in report.since:
            out += line(s)
        if not report.since:
            out.append(_w("nothing_new", lang))
    for k, story in enumerate(report.stories, 1):
        out += ["", f"## {k}. {_md_escape(story.headline.text)}", ""]
        out += line(story.summary, prefix="")
        if story.timeline:
            out += ["", f"### {_w('timeline', lang)}", ""]
            for s in story.timeline:
                out += line(s)
            if story.more_events:
                out.append(_w("more", lang).format(n=story.more_events))
        if story.figures:
            out += ["", f"### {_w('figures', lang)}", ""]
            for g in story.figures:
                out.append(f"**{_md_escape(g.label)}**")
                out.append("")
                if g.summary is not None:
                    out += line(g.summary)
                for s in g.items:
                    out += line(s, prefix="  - " if g.summary is not None else "- ")
                out.append("")
        if story.quotes:
            out += ["", f"### {_w('quotes', lang)}", ""]
            for s in story.quotes:
                out += line(s)
        if story.places:
            out += ["", f"### {_w('map', lang)}", ""]
            for p in story.places:
                known = p.lat is not None and p.lon is not None
                where = f"{p.lat:.2f}, {p.lon:.2f}" if known else _w("no_coords", lang)
                out.append(f"- {_md_escape(p.name)} ({where}): {_events_count(p.events, lang)}")
    if notes.sources:
        out += ["", f"## {_w('sources', lang)}", ""]
        for n, src in enumerate(notes.sources, 1):
            out.append(f"{n}. {_md_escape(_source_line(src, lang))}")
    return "\n".join(out).rstrip() + "\n"


def _events_count(n: int, lang: Lang) -> str:
    return rt.count_words(n, "событие") if lang == "ru" else rt.plural_en(n, "event")


def _source_line(s: Source, lang: Lang) -> str:
    where = f"{_w('title', lang)}" if s.field == "title" else f"{_w('chars', lang)} {s.start}–{s.end}"
    quote = " ".join(s.quote.split())
    quote = quote if len(quote) <= 160 else quote[:157] + "…"
    parts = [s.outlet or _w("no_outlet", lang), f"{_w('document', lang)} {s.doc_id}"]
    if s.date:
        parts.append(s.date)
    parts.append(f"{where}: «{quote}»" if lang == "ru" else f"{where}: “{quote}”")
    if s.per:
        parts.append(f"{_w('per', lang)}: {' → '.join(s.per)}")
    return "; ".join(parts)


# --- HTML and PDF ---------------------------------------------------------------------------

def _stylesheet() -> str:
    return (resources.files("svodka") / "web" / "report.css").read_text(encoding="utf-8")


@cache
def _basemap() -> list[tuple[str, tuple[float, float, float, float]]]:
    """The bundled base map's country paths with their bounding boxes (x = lon + 180, y = 90 - lat)."""
    data = json.loads((resources.files("svodka") / "web" / "basemap.json").read_text(encoding="utf-8"))
    out = []
    for country in data.get("countries", []):
        numbers = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", country["d"])]
        xs, ys = numbers[0::2], numbers[1::2]
        if xs and ys:
            out.append((country["d"], (min(xs), min(ys), max(xs), max(ys))))
    return out


#: The map's drawing size: the base map is scaled into it, so dots and labels keep one size at any zoom.
MAP_WIDTH, MAP_HEIGHT = 480, 240


def map_svg(places: list[MapPlace], lang: Lang = "ru") -> str:
    """A static map: the base map cropped around the places, one dot per place with coordinates."""
    points = [p for p in places if p.lat is not None and p.lon is not None]
    if not points:
        return ""
    xs = [p.lon + 180 for p in points]  # type: ignore[operator]
    ys = [90 - p.lat for p in points]  # type: ignore[operator]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    width = max(24.0, (max(xs) - min(xs)) * 1.4, (max(ys) - min(ys)) * 2.8)
    height = width / 2
    x0, y0 = cx - width / 2, cy - height / 2
    scale = MAP_WIDTH / width
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" '
             f'role="img" aria-label="{_w("map", lang)}">',
             f'<g transform="scale({scale:.4f}) translate({-x0:.3f} {-y0:.3f})">']
    for d, (a, b, c, e) in _basemap():
        if a <= x0 + width and c >= x0 and b <= y0 + height and e >= y0:
            parts.append(f'<path class="land" vector-effect="non-scaling-stroke" d="{d}"/>')
    parts.append("</g>")
    most = max(p.events for p in points)
    for p, x, y in zip(points, xs, ys, strict=True):
        px, py = (x - x0) * scale, (y - y0) * scale
        radius = 4 * (1 + 1.5 * math.sqrt(p.events / most))
        name = html.escape(p.name)
        parts.append(f'<circle class="point" cx="{px:.1f}" cy="{py:.1f}" r="{radius:.1f}"><title>{name}: '
                     f'{p.events}</title></circle>')
        parts.append(f'<text class="label" x="{px + radius + 3:.1f}" y="{py + 4:.1f}">{name}</text>')
    parts.append("</svg>")
    return "".join(parts)


def to_html(report: Report, stylesheet: str | None = None, doc_links: str | None = None) -> str:
    """A standalone HTML page (the stylesheet inlined unless a URL is given, as the API does to keep
    its Content-Security-Policy without inline styles). Every text from a document is escaped.
    ``doc_links``: a prefix such as ``/#/doc/`` linking each source to its highlighted span."""
    lang = report.lang
    notes = _Footnotes()
    esc = html.escape

    def refs(sources: list[Source]) -> str:
        return "".join(f'<a class="ref" href="#src-{n}">[{n}]</a>' for n in notes.cite(sources))

    def item(s: Sentence, tag: str = "li") -> str:
        classes = f"sentence {s.kind}" + (" new" if s.data.get("new") else "") + (
            " latest" if s.data.get("latest") else "")
        body = f'<span class="text">{esc(s.text)}</span> {refs(s.sources)}'
        if s.evidence is not None:
            ev = s.evidence
            body += (f'<blockquote class="evidence">{esc(ev.before)}<mark>{esc(ev.mark)}</mark>{esc(ev.after)}'
                     "</blockquote>")
        return f'<{tag} class="{classes}">{body}</{tag}>'

    style = (f'<link rel="stylesheet" href="{esc(stylesheet)}">' if stylesheet
             else f"<style>{_stylesheet()}</style>")
    out = [f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(report.title)}</title>'
           f'{style}</head><body><main class="report">',
           f"<header><h1>{esc(report.title)}</h1>"
           f'<p class="about">{esc(_w("about", lang).format(n=_documents_phrase(report)))}</p>']
    out += [f'<p class="note">{esc(n)}</p>' for n in report.notes]
    out.append("</header>")
    if report.stories:
        out.append(f'<section id="main-stories"><h2>{_w("main", lang)}</h2><ol>')
        for k, story in enumerate(report.stories, 1):
            out.append(f'<li><a href="#story-{k}">{esc(story.headline.text)}</a> {refs(story.headline.sources)} '
                       f'<span class="muted">— {esc(story.summary.text)}</span></li>')
        out.append("</ol></section>")
    if report.previous_start and report.previous_end:
        period = rt.format_period(report.previous_start, report.previous_end, lang)
        out.append(f'<section id="since"><h2>{_w("since", lang)} ({esc(period)})</h2><ul>')
        out += [item(s) for s in report.since] or [f"<li>{_w('nothing_new', lang)}</li>"]
        out.append("</ul></section>")
    for k, story in enumerate(report.stories, 1):
        out.append(f'<section class="story" id="story-{k}"><h2>{k}. {esc(story.headline.text)}</h2>')
        out.append(item(story.summary, "p"))
        svg = map_svg(story.places, lang)
        if svg or story.places:
            names = ", ".join(f"{p.name} ({_events_count(p.events, lang)})" for p in story.places)
            out.append(f'<figure class="map">{svg}<figcaption>{_w("map", lang)}: {esc(names)}</figcaption></figure>')
        if story.timeline:
            out.append(f'<h3>{_w("timeline", lang)}</h3><ul class="timeline">')
            out += [item(s) for s in story.timeline]
            out.append("</ul>")
            if story.more_events:
                out.append(f'<p class="muted">{esc(_w("more", lang).format(n=story.more_events))}</p>')
        if story.figures:
            out.append(f'<h3>{_w("figures", lang)}</h3><ul class="figures">')
            for g in story.figures:
                inner = "".join(item(s) for s in g.items)
                head = item(g.summary, "div") if g.summary is not None else ""
                out.append(f'<li class="figure-group"><strong>{esc(g.label)}</strong>{head}<ul>{inner}</ul></li>')
            out.append("</ul>")
        if story.quotes:
            out.append(f'<h3>{_w("quotes", lang)}</h3><ul class="quotes">')
            out += [item(s) for s in story.quotes]
            out.append("</ul>")
        out.append("</section>")
    if notes.sources:
        out.append(f'<section id="sources"><h2>{_w("sources", lang)}</h2><ol>')
        for n, s in enumerate(notes.sources, 1):
            link = ""
            if doc_links and s.start is not None:
                href = f"{doc_links}{urlquote(s.doc_id, safe='')}/{s.start}/{s.end}"
                link = f' <a href="{esc(href)}">↗</a>'
            elif s.url and s.url.startswith(("http://", "https://")):
                link = f' <a href="{esc(s.url)}" rel="noreferrer">↗</a>'
            out.append(f'<li id="src-{n}">{esc(_source_line(s, lang))}{link}</li>')
        out.append("</ol></section>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def find_chromium() -> str | None:
    """Debian's Chromium (or the one named by ``SVODKA_CHROMIUM``), else None."""
    named = os.environ.get("SVODKA_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    for candidate in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def to_pdf(report: Report, path: Path, chromium: str | None = None, timeout: float = 120) -> None:
    """Print the HTML report to PDF with headless Chromium (no network: the page is self-contained)."""
    browser = chromium or find_chromium()
    if browser is None or not Path(browser).exists():
        raise ReportError("PDF output needs Chromium: install Debian's `chromium` (or set SVODKA_CHROMIUM to "
                          "its path), or use --format html")
    path = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="svodka-report-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(to_html(report), encoding="utf-8")
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer", f"--print-to-pdf={path}",
               page.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError(f"Chromium failed to print the PDF: {exc}") from exc
    if done.returncode != 0 or not path.exists() or path.stat().st_size == 0:
        raise ReportError(f"Chromium failed to print the PDF (exit {done.returncode}): {done.stderr.strip()[-500:]}")


FORMATS = ("md", "html", "json", "pdf")


def render(report: Report, fmt: str) -> str:
    """The report as text in one of the text formats (md, html, json)."""
    if fmt == "md":
        return to_markdown(report)
    if fmt == "html":
        return to_html(report)
    if fmt == "json":
        return to_json(report) + "\n"
    raise ReportError(f"unknown text format {fmt!r}; choose md, html or json (pdf needs a file)")
