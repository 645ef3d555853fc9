"""Long lists split into month pages: nothing is lost, no page outgrows its limit, and
the pages link up. The seeds are rendered with a tiny page size so that every list that
can be split is split."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from news_archive.archive import Archive
from news_archive.catalog import catalog
from news_archive.model import PartialDate
from news_archive.pages import RenderContext
from news_archive.pages.paging import paginate
from news_archive.pipeline import build_archive, render_site
from tests.conftest import ROOT, SOURCES, TODAY, copy_project, run_mkdocs_build

SMALL = 2
ANCHORED = re.compile(r"\]\((?:\.\./)+artikel/([a-z0-9-]+)\.md#([a-z]+[0-9]+)\)")


@pytest.fixture(scope="module")
def archive() -> Archive:
    return build_archive(SOURCES, root=ROOT, today=TODAY, content=ROOT / "content")


@pytest.fixture(scope="module", params=["id", "en"])
def pages(archive: Archive, request: pytest.FixtureRequest) -> dict[str, str]:
    return {
        page.path: page.content for page in render_site(archive, request.param, page_items=SMALL)
    }


def _links(
    pages: dict[str, str], prefix: str, exclude: tuple[str, ...] = ()
) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for path, content in pages.items():
        if path.startswith(prefix) and not path.startswith(exclude):
            found.update(ANCHORED.findall(content))
    return found


def _exported(pages: dict[str, str], name: str) -> set[tuple[str, str]]:
    return {(r["article"], r["anchor"]) for r in json.loads(pages[f"data/{name}.json"])}


def test_the_articles_index_becomes_month_pages_holding_every_article_once(
    archive: Archive, pages: dict[str, str]
) -> None:
    parts = sorted(p for p in pages if p.startswith("artikel/bulan/"))
    assert parts == [
        "artikel/bulan/2016-12-2.md",
        "artikel/bulan/2016-12.md",
        "artikel/bulan/2024-12.md",
    ]
    listed = Counter(m for p in parts for m in re.findall(r"\]\(\.\./([a-z0-9-]+)\.md\)", pages[p]))
    assert listed - Counter({"index": listed["index"]}) == Counter(
        a.id for a in archive.corpus.articles
    )
    index = pages["artikel/index.md"]
    assert "](bulan/2016-12.md)" in index and "](bulan/2016-12-2.md)" in index
    assert "../artikel/" not in index  # no article row left on the index itself


def test_every_date_mention_is_still_on_the_timeline(pages: dict[str, str]) -> None:
    # Uncurated mentions on the timeline's month pages, attached ones on their events'
    # pages (or those pages' month pages): each export record somewhere under peristiwa/.
    on_timeline = set(_links(pages, "peristiwa/"))
    dates = _exported(pages, "dates")
    assert dates and dates <= on_timeline
    uncurated = _links(pages, "peristiwa/bulan/")
    assert uncurated and set(uncurated) <= dates
    assert max(uncurated.values()) == 1  # each on exactly one month page


def test_every_figure_and_quote_is_on_exactly_one_month_page(pages: dict[str, str]) -> None:
    figures = _links(pages, "angka/semua/")
    assert set(figures) == _exported(pages, "figures") and max(figures.values()) == 1
    quotes = _links(pages, "kutipan/bulan/")
    assert set(quotes) == _exported(pages, "quotes") and max(quotes.values()) == 1
    assert "angka/semua/2016-12.md" in pages and "kutipan/bulan/2016-12.md" in pages


def test_no_month_page_holds_more_than_the_limit_and_each_says_how_many(
    pages: dict[str, str],
) -> None:
    parts = [p for p in pages if re.search(r"/(\d{4}(-\d{2})?|tanpa-tanggal)(-\d+)?\.md$", p)]
    assert len(parts) > 10
    for path in parts:
        content = pages[path]
        rows = len(
            re.findall(
                r"^(?:- |\| (?!---)(?!Nilai|Value|Media|Outlet|Terbit|Published|Artikel|Article))",
                content,
                re.M,
            )
        )
        stated = re.search(r"^(\d+) (?:entri|entry|entries) ", content, re.M)
        assert stated, path
        assert int(stated.group(1)) == rows <= SMALL, (path, rows)


def test_month_pages_link_back_and_to_their_neighbours_in_order(pages: dict[str, str]) -> None:
    parts = ["artikel/bulan/2016-12.md", "artikel/bulan/2016-12-2.md", "artikel/bulan/2024-12.md"]
    first, second, last = (pages[p] for p in parts)
    assert "](../index.md)" in first
    assert "](2016-12-2.md)" in first and "](2016-12.md)" not in first
    assert "](2016-12.md)" in second and "](2024-12.md)" in second
    assert "](2016-12-2.md)" in last and "→" not in last


def test_lists_that_fit_stay_on_their_page(archive: Archive) -> None:
    pages = {page.path for page in render_site(archive, "id")}
    assert not [p for p in pages if "/bulan/" in p or re.search(r"/\d{4}-\d{2}\.md$", p)]


def _context(archive: Archive, size: int) -> RenderContext:
    from news_archive.archive import build_indexes

    return RenderContext("en", catalog(), archive, build_indexes(archive), size)


def test_paginate_orders_months_puts_the_undated_last_and_keeps_every_item(
    archive: Archive,
) -> None:
    dates = [PartialDate(2024, 1), None, PartialDate(2016, 12, 3), PartialDate(2016), None]
    items = [*enumerate(dates), *((10 + i, PartialDate(2016, 12, 9)) for i in range(4))]
    listing, parts = paginate(
        items,
        here="x/index.md",
        folder="x/bulan",
        title="Things",
        when=lambda item: item[1],
        render=lambda item, page: [f"- item {item[0]} on {page}"],
        ctx=_context(archive, 3),
    )
    assert list(parts) == [
        "x/bulan/2016.md",
        "x/bulan/2016-12.md",
        "x/bulan/2016-12-2.md",
        "x/bulan/2024-01.md",
        "x/bulan/tanpa-tanggal.md",
    ]
    held = [
        int(n) for path, text in parts.items() for n in re.findall(rf"- item (\d+) on {path}", text)
    ]
    assert sorted(held) == sorted(i for i, _ in items)
    assert held[:6] == [3, 2, 10, 11, 12, 13]  # within a month, the given order
    assert "Things: December 2016, page 2 of 2" in parts["x/bulan/2016-12-2.md"]
    assert "| [December 2016](bulan/2016-12.md) · [2](bulan/2016-12-2.md) | 5 |" in listing
    # Nine items fit on a page of nine: no month pages at all.
    listing, parts = paginate(
        items,
        here="x/index.md",
        folder="x/bulan",
        title="Things",
        when=lambda item: item[1],
        render=lambda item, page: [f"- item {item[0]}"],
        ctx=_context(archive, 9),
    )
    assert parts == {} and len(listing) == 9


def test_a_real_build_with_month_pages_has_no_broken_link(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - news-archive:\n" in text
    config.write_text(
        text.replace("  - news-archive:\n", f"  - news-archive:\n      page_items: {SMALL}\n"),
        encoding="utf-8",
    )
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    site = project / "build" / "site"
    for edition in (site, site / "en"):
        month = edition / "artikel" / "bulan" / "2016-12-2" / "index.html"
        assert (edition / "peristiwa" / "bulan").is_dir()
        # Month pages are left out of the search index; the lists and articles are in.
        assert "data-pagefind-body" not in month.read_text(encoding="utf-8")
        assert "data-pagefind-body" in (edition / "artikel" / "index.html").read_text("utf-8")


def test_summaries_show_a_page_of_entries_and_count_the_rest(archive: Archive) -> None:
    full = {page.path: page.content for page in render_site(archive, "id")}
    small = {page.path: page.content for page in render_site(archive, "id", page_items=SMALL)}
    event = "peristiwa/serangan-november-desember-2016.md"

    def figure_rows(page: str) -> int:
        section = page.split("## Angka yang dilaporkan", 1)[1].split("\n## ", 1)[0]
        return len(re.findall(r"^\| (?!---)", section, re.M)) - 1  # minus header

    total = figure_rows(full[event])
    assert total > SMALL
    assert figure_rows(small[event]) == SMALL
    assert f"dan {total - SMALL} angka lain" in small[event]
    speakers = re.findall(r"^- .*: \d+ kutipan$", small["kutipan/index.md"], re.M)
    assert len(speakers) == SMALL and "pembicara lain" in small["kutipan/index.md"]
