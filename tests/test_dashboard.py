"""The dashboard end to end in Debian's Chromium, driven by Playwright (no browser download).

Skipped when /usr/bin/chromium or the playwright package is missing; .ci/run installs both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from svodka.chronicle.store import Store

from .browser import CHROMIUM, browser_page, served
from .sample_records import en_record, hostile_record, ru_record

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("dash") / "s.duckdb"
    with Store(db) as store:
        store.ingest([ru_record(), en_record(), hostile_record()])
    with served(db) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str):  # type: ignore[no-untyped-def]
    with browser_page() as pg:
        yield pg


def test_overview_shows_timeline_map_and_events(page, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("#timeline rect.bar").count() == 2
    assert page.locator("#map path.land").count() > 100
    assert page.locator("#map circle.point").count() == 2
    assert page.locator("#events tr.event").count() == 3
    assert "3 documents" in page.locator("#counts").inner_text()
    shot = tmp_path / "overview.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000  # a real rendering, not a blank page


def test_event_links_to_its_highlighted_sentence(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/?fresh=events#/")
    page.wait_for_selector("#events tr.event")
    page.locator("#events tr.event", has_text="CONSULT").first.locator("td a").click()
    page.wait_for_selector("#document mark")
    mark = page.locator("#document mark").inner_text()
    assert mark in ("прибыл", "arrived")
    assert page.locator("#document .sentence").inner_text().strip().endswith(".")


def test_article_markup_stays_text(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/?fresh=xss#/doc/xss/0/7")  # a new URL: a full load, no DOM left from earlier tests
    page.wait_for_selector("#document mark")
    assert "<script>" in page.locator("#document").inner_text()
    assert page.locator("#document script, #document img").count() == 0
    assert page.locator("h2", has_text="<b>Заголовок</b>").count() == 1
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_entity_page_lists_documents_across_languages(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/?fresh=entities#/entities")
    page.locator("#entities a", has_text="Касым-Жомарт Токаев").first.click()
    page.wait_for_selector("h3")
    assert page.locator("ul li").count() >= 2
    assert "Kassym-Jomart Tokayev" in page.locator("p.muted").first.inner_text()
