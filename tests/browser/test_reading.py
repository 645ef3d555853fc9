"""Reading the archive in Chromium: the pages, the tooltips, the links between them, the
language switcher, text that tries to inject script, and every page of both editions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page

from tests.browser.conftest import AXE, Served, Watch, build, serve
from tests.conftest import copy_project, write_article
from tests.test_build import HOSTILE_BODY

ARTICLE = "artikel/rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo/"
TITLE = "Tentara Suriah Kuasai Seluruh Aleppo, Assad: Kemenangan untuk Rusia Juga"


def pages_of(site: Path) -> list[str]:
    """Every HTML page of both editions, as paths relative to the site root."""
    found = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        found.append(relative[: -len("index.html")] if path.name == "index.html" else relative)
    return found


def heading(browser_page: Page) -> str:
    """The page's title as a reader sees it (without the permalink sign)."""
    return browser_page.locator("h1").first.inner_text().rstrip("¶").strip()


def test_the_home_page_loads(page: tuple[Page, Watch], served: Served) -> None:
    browser_page, watch = page
    response = browser_page.goto(served.url())
    assert response is not None and response.ok
    assert browser_page.locator("html").get_attribute("lang") == "id"
    assert heading(browser_page) == "Arsip Aleppo"
    nav = browser_page.locator("nav.md-nav--primary").inner_text()
    for item in ("Penjelasan", "Peristiwa", "Artikel", "Glosarium"):
        assert item in nav
    assert watch.errors == [] and watch.foreign == []


def test_a_glossary_tooltip_appears_on_hover_and_on_keyboard_focus(
    page: tuple[Page, Watch], served: Served
) -> None:
    browser_page, watch = page
    browser_page.goto(served.url(ARTICLE))
    term = browser_page.locator('.na-text a.na-term[href$="#evakuasi"]').first
    tooltip = browser_page.locator(".md-tooltip2--active")
    term.hover()
    tooltip.wait_for(state="visible")
    assert "evacuation" in tooltip.inner_text()
    browser_page.mouse.move(0, 0)
    tooltip.wait_for(state="hidden")
    # Now with the keyboard only: Tab from the top of the page until the term has focus.
    browser_page.locator("body").focus()
    for _ in range(400):
        browser_page.keyboard.press("Tab")
        if term.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("the glossary term cannot be reached with the Tab key")
    tooltip.wait_for(state="visible")
    assert "evacuation" in tooltip.inner_text()
    assert watch.errors == []


def test_a_source_card_link_leads_to_the_outlet_page(
    page: tuple[Page, Watch], served: Served
) -> None:
    browser_page, watch = page
    browser_page.goto(served.url(ARTICLE))
    browser_page.locator(".na-card a", has_text="Rossiyskaya Gazeta").first.click()
    browser_page.wait_for_url("**/media/rossiyskaya-gazeta/")
    assert heading(browser_page) == "Rossiyskaya Gazeta"
    assert "milik atau didanai negara" in browser_page.locator("article").inner_text()
    assert watch.errors == []


@pytest.mark.parametrize(
    "path", [ARTICLE, "", "peristiwa/", "glosarium/", "penjelasan/pertempuran-aleppo/"]
)
def test_the_language_switcher_leads_to_the_same_page_in_the_other_edition(
    page: tuple[Page, Watch], served: Served, path: str
) -> None:
    browser_page, watch = page
    browser_page.goto(served.url(path))
    browser_page.locator(".md-header .md-select").hover()
    browser_page.locator('a[data-na-edition="en"]').click()
    browser_page.wait_for_url(served.url(path, edition="en"))
    assert browser_page.locator("html").get_attribute("lang") == "en"
    browser_page.locator(".md-header .md-select").hover()
    browser_page.locator('a[data-na-edition="id"]').click()
    browser_page.wait_for_url(served.url(path))
    assert browser_page.locator("html").get_attribute("lang") == "id"
    assert watch.errors == []


def test_the_english_edition_speaks_english_and_keeps_the_sources_in_indonesian(
    page: tuple[Page, Watch], served: Served
) -> None:
    browser_page, watch = page
    browser_page.goto(served.url(ARTICLE, edition="en"))
    assert heading(browser_page) == TITLE
    card = browser_page.locator(".na-card").inner_text()
    assert "Published" in card and "Thursday, 22 December 2016" in card
    text = browser_page.locator(".na-text")
    assert text.get_attribute("lang") == "id"
    assert "Tentara Suriah telah berhasil mengambil alih seluruh Aleppo" in text.inner_text()
    assert browser_page.locator(".md-search__input").get_attribute("placeholder") == "Search"
    browser_page.goto(served.url("glosarium/", edition="en"))
    # Listed by English word: the first entry is "adviser" (penasihat), not "ambulans".
    first_entry = browser_page.locator("article h3").first.inner_text().rstrip("¶").strip()
    assert first_entry == "adviser"
    assert watch.errors == []


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A build with one article whose text and title try to inject markup and script."""
    work = tmp_path_factory.mktemp("hostile")
    project = copy_project(work / "project")
    write_article(
        project / "sources",
        "uji-teks-berbahaya",
        HOSTILE_BODY,
        title="Judul </title><script>window.__pwned = 3</script> <b>tebal</b>",
    )
    yield from serve(build(project), work / "www")


def test_an_article_page_shows_no_script_injection_effect_from_its_text(
    browser: Browser, hostile: Served
) -> None:
    context = browser.new_context()
    browser_page = context.new_page()
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    browser_page.on("dialog", record)
    browser_page.goto(hostile.url("artikel/uji-teks-berbahaya/"))
    text = browser_page.locator(".na-text").inner_text()
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    for link in browser_page.locator("a").all():
        assert not (link.get_attribute("href") or "").strip().lower().startswith("javascript:")
    # Search shows the same words as text too.
    box = browser_page.locator("input.md-search__input")
    box.click()
    box.fill("onerror")
    browser_page.locator(".md-search-result__item").first.wait_for()
    browser_page.wait_for_timeout(300)
    assert browser_page.evaluate("window.__pwned") is None
    assert browser_page.locator(".md-search-result img").count() == 0
    assert dialogs == []
    context.close()


def test_no_console_error_and_no_other_host_on_any_page(
    browser: Browser, served: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    """A full crawl of both editions: every page loads, logs no error and asks nothing
    of another host (fonts, scripts and styles are all served by the site itself)."""
    context = browser.new_context()
    browser_page = context.new_page()
    watch = Watch(served.base.split("/")[2])
    browser_page.on("console", watch.console)
    browser_page.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))
    browser_page.on("requestfailed", watch.failed)
    browser_page.on("request", lambda r: watch.request(r.url))
    paths = [p for p in pages_of(served.site) if p != "404.html" and not p.endswith("/404.html")]
    assert len(paths) > 200
    requests = 0
    for path in paths:
        response = browser_page.goto(served.base + path, wait_until="load")
        assert response is not None and response.ok, path
        requests += 1
    with capsys.disabled():
        print(
            f"\ncrawled {requests} pages: {len(watch.errors)} errors, "
            f"{len(watch.foreign)} requests to other hosts"
        )
    assert watch.errors == []
    assert watch.foreign == []
    context.close()


PAGE_TYPES = [
    "",
    ARTICLE,
    "artikel/",
    "entitas/bashar-al-assad/",
    "entitas/",
    "media/rossiyskaya-gazeta/",
    "media/",
    "peristiwa/",
    "peristiwa/kesepakatan-evakuasi-14-desember-2016/",
    "angka/",
    "angka/semua/",
    "kutipan/",
    "glosarium/",
    "glosarium/inggris/",
    "penjelasan/pertempuran-aleppo/",
    "data/",
]
"""One page of each kind. (The 404 page is checked at a server's root, where servers use
it: MkDocs gives it root-relative links because it answers for any missing path.)"""


@pytest.mark.parametrize("edition", ["id", "en"])
def test_axe_finds_no_serious_or_critical_violation_on_any_page_type(
    browser: Browser, served: Served, edition: str
) -> None:
    assert AXE.is_file(), "axe-core is missing: python3 dev.py test runs npm ci in tests/browser"
    found = {}
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        browser_page = context.new_page()
        for path in PAGE_TYPES:
            browser_page.goto(served.url(path, edition=edition))
            bad = axe_violations(browser_page)
            if bad:
                found[f"{width}px {edition}/{path}"] = bad
        context.close()
    assert found == {}, json.dumps(found, indent=1)


def axe_violations(browser_page: Page) -> list[dict[str, object]]:
    browser_page.add_script_tag(path=str(AXE))
    result = browser_page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result
        if v["impact"] in {"serious", "critical"}
    ]


def test_the_404_page_at_the_server_root_is_styled_and_accessible(
    browser: Browser, served_at_root: Served
) -> None:
    context = browser.new_context()
    browser_page = context.new_page()
    response = browser_page.goto(served_at_root.url("tidak/ada/halaman/ini/"))
    assert response is not None and response.status == 404
    # Python's server sends its own text for a missing path; servers that host static
    # sites send 404.html, which is what a reader gets here:
    browser_page.goto(served_at_root.url("404.html"))
    assert browser_page.locator(".md-header").is_visible()
    assert axe_violations(browser_page) == []
    context.close()


@pytest.mark.parametrize("path", ["", ARTICLE, "peristiwa/", "angka/", "glosarium/"])
def test_a_phone_screen_never_scrolls_sideways(browser: Browser, served: Served, path: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    browser_page = context.new_page()
    browser_page.goto(served.url(path))
    overflow = browser_page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path}: {overflow}px wider than the screen"
    context.close()
