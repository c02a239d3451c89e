"""The dashboard's Сводка page in Debian's Chromium, driven by Playwright (no browser download).

Skipped when /usr/bin/chromium or the playwright package is missing, like tests/test_dashboard.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from svodka.chronicle.store import Store

from .browser import CHROMIUM, browser_page, served
from .test_report import corpus

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
WEEK = "start=2022-01-05&end=2022-01-11"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("dash-report") / "s.duckdb"
    with Store(db) as store:
        store.ingest(corpus())
        store.db.execute("UPDATE documents SET story_id = CASE WHEN id IN ('prev', 'a1', 'b1', 'a2') THEN 's:almaty' "
                         "ELSE 's:' || id END")
    with served(db) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str):  # type: ignore[no-untyped-def]
    with browser_page() as pg:
        yield pg


def open_report(page, server: str, query: str = WEEK, fresh: str = "1") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/?fresh={fresh}#/report?{query}")  # a new URL: a full load
    page.wait_for_selector("body[data-ready='1']")
    page.wait_for_selector("#report h1")


def test_report_page_shows_sourced_sentences_and_a_map(page, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_report(page, server)
    assert page.locator("#report h1").inner_text() == "Сводка: 5–11 января 2022"
    assert page.locator("#report section.story").count() == 3
    sentences = page.locator("#report .sentence")
    assert sentences.count() > 10
    for k in range(sentences.count()):
        assert sentences.nth(k).locator("a.ref").count() >= 1, sentences.nth(k).inner_text()
    assert "данные расходятся, от 12 до 15" in page.locator("#report ul.figures").first.inner_text()
    assert page.locator("#report figure.map circle.point").count() >= 2
    assert page.locator("#report figure.map path.land").count() > 100
    assert page.locator("#sources li").count() >= 10
    assert page.errors == []  # type: ignore[attr-defined]
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000


def test_a_source_opens_its_highlighted_span(page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_report(page, server, fresh="2")
    request = page.locator("#report .sentence", has_text="обратился с просьбой").first
    request.locator("a.ref").first.click()
    page.wait_for_selector("#document mark")
    assert page.locator("#document mark").inner_text() == "обратился за помощью"


def test_article_markup_stays_text_in_the_report(page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_report(page, server, fresh="3")
    assert '<script>alert("x")</script>' in page.locator("#report").inner_text()
    assert page.locator("#report script, #report img, #report b, #report i").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_language_and_place_controls(page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_report(page, server, fresh="4")
    page.select_option("#report-controls select[name=lang]", "en")
    page.fill("#report-controls input[name=place]", "Алма-Ата")
    page.click("#report-controls button[type=submit]")
    page.locator("#report h1", has_text="Situation report").wait_for()  # (no eval under the page's CSP)
    assert page.locator("#report h1").inner_text() == "Situation report: Almaty, 5–11 January 2022"
    assert page.locator("#report section.story").count() == 1
    standalone = page.locator("#report .about a").get_attribute("href")
    assert standalone is not None and standalone.startswith("/api/report?") and "format=html" in standalone


def test_other_views_still_work_after_the_report(page, server: str) -> None:  # type: ignore[no-untyped-def]
    open_report(page, server, fresh="5")
    page.click("nav a[href='#/']")
    page.wait_for_selector("#events tr.event")
    assert page.locator("#timeline rect.bar").count() >= 3
    page.click("nav a[href='#/report']")
    page.wait_for_selector("#report h1")
    assert page.locator("#report h1").inner_text().startswith("Сводка")
