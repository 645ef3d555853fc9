"""Search finds what a reader means, measured through the real search box in Chromium."""

from __future__ import annotations

from collections import Counter

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Served, Watch
from tests.browser.search import load_queries, report, run

TARGET = 0.95


def test_the_query_set_is_large_and_covers_every_kind() -> None:
    queries = load_queries()
    assert len(queries) >= 40
    kinds = Counter(q.kind for q in queries)
    assert set(kinds) == {"inflection", "english", "name", "outlet", "date", "topic"}
    assert min(kinds.values()) >= 5
    assert Counter(q.edition for q in queries)["en"] >= 8
    for query in queries:
        assert 1 <= len(query.expect) <= 3, query
        assert all(p.endswith("/") and not p.startswith("/") for p in query.expect), query


def test_expected_pages_exist_in_the_built_site(served: Served) -> None:
    for query in load_queries():
        root = served.site if query.edition == "id" else served.site / query.edition
        for expected in query.expect:
            assert (root / expected / "index.html").is_file(), (query.q, expected)


def test_recall_at_5_through_the_search_box(
    page: tuple[Page, Watch], served: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    browser_page, watch = page
    outcomes = run(
        browser_page, load_queries(), {"id": served.url(), "en": served.url(edition="en")}
    )
    mean, lines = report(outcomes)
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert mean >= TARGET, "\n".join(lines)
    assert watch.errors == []
    assert watch.foreign == []


def test_a_search_result_leads_to_its_page(page: tuple[Page, Watch], served: Served) -> None:
    browser_page, watch = page
    browser_page.goto(served.url("artikel/"))
    box = browser_page.locator("input.md-search__input")
    box.click()
    box.fill("Konashenkov")
    first = browser_page.locator(".md-search-result__item a").first
    first.wait_for()
    assert "Konashenkov" in first.inner_text()
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/entitas/igor-konashenkov/")
    assert browser_page.locator("h1").first.inner_text().rstrip("¶").strip() == "Igor Konashenkov"
    assert watch.errors == []
