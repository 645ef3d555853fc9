"""The English edition under /en/, the language switcher, and the search options: real
`mkdocs build --strict` runs of a copy of the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, run_mkdocs_build

ARTICLE = "artikel/rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("editions") / "project")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "build" / "site"


def pages(root: Path, *, skip: tuple[str, ...] = ()) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not p.relative_to(root).as_posix().startswith(skip)
    }


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_every_page_has_its_english_twin(site: Path) -> None:
    indonesian = pages(site, skip=("en/",))
    english = pages(site / "en")
    assert len(indonesian) > 100
    assert indonesian == english


def test_each_edition_declares_its_language(site: Path) -> None:
    for page in ("", ARTICLE, "peristiwa", "glosarium"):
        assert '<html lang="id"' in html(site, page)
        assert '<html lang="en"' in html(site / "en", page)


def test_the_english_edition_is_in_english(site: Path) -> None:
    article = html(site / "en", ARTICLE)
    assert "Thursday, 22 December 2016" in article
    assert "<dt>Published</dt>" in article and "<dt>Outlet</dt>" in article
    assert 'class="md-search__input"' in article and 'placeholder="Search"' in article
    nav = article.split('class="md-nav md-nav--primary"', 1)[1].split("md-sidebar--secondary", 1)[0]
    words = " ".join(re.sub(r"<[^>]+>", " ", nav).split())
    for title in ("Home", "Explainers", "Events", "Articles", "Glossary"):
        assert f" {title} " in f" {words} ", (title, words[:300])
    assert "Beranda" not in words and "Peristiwa" not in words
    events = html(site / "en", "peristiwa")
    assert "Timeline of events" in events and "late July 2016" in events
    explainer = html(site / "en", "penjelasan/pertempuran-aleppo")
    assert "The battle of Aleppo, 2012–2016" in explainer
    assert "Sources cited" in explainer and "paragraph p8" in explainer
    # The source texts stay Indonesian, marked as such for screen readers and search.
    assert re.search(r'class="na-text"[^>]*lang="id"|lang="id"[^>]*class="na-text"', article)


def test_the_glossary_leads_with_the_readers_language(site: Path) -> None:
    first_id = re.search(r"<h3 id=\"([a-z-]+)\">([^<]+)", html(site, "glosarium"))
    first_en = re.search(r"<h3 id=\"([a-z-]+)\">([^<]+)", html(site / "en", "glosarium"))
    assert first_id is not None and first_en is not None
    assert first_id.group(2).strip() == "ambulans"
    assert first_en.group(2).strip() == "adviser" and first_en.group(1) == "penasihat"
    # Anchors are the term ids in both, so a tooltip's link works in either edition.
    assert 'id="evakuasi"' in html(site, "glosarium") and 'id="evakuasi"' in html(
        site / "en", "glosarium"
    )


def test_the_switcher_links_each_page_to_its_twin(site: Path) -> None:
    switch = re.compile(r'<a href="([^"]+)" hreflang="(id|en)"[^>]*class="md-select__link"')
    links = {lang: href for href, lang in switch.findall(html(site, ARTICLE))}
    assert links == {"id": f"../../{ARTICLE}/", "en": f"../../en/{ARTICLE}/"}
    links = {lang: href for href, lang in switch.findall(html(site / "en", ARTICLE))}
    assert links == {"id": f"../../../{ARTICLE}/", "en": f"../../{ARTICLE}/"}


def test_one_search_bundle_serves_both_languages(site: Path) -> None:
    entry = (site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"id"' in entry and '"en"' in entry
    assert not (site / "search" / "search_index.json").exists()
    assert not (site / "en" / "search" / "search_index.json").exists()
    assert 'data-na-bundle="../../pagefind/"' in html(site, ARTICLE)
    assert 'data-na-bundle="../../../pagefind/"' in html(site / "en", ARTICLE)
    # Only the article is indexed, not the navigation around it; page furniture and
    # copies of article text on other pages are shown but not indexed.
    assert "data-pagefind-body" in html(site, ARTICLE)
    assert 'id="dihapus" data-pagefind-ignore' in html(site, ARTICLE)
    entity = html(site, "entitas/igor-konashenkov")
    assert 'data-pagefind-weight="0.5"' in entity and "data-pagefind-ignore" in entity


@pytest.mark.parametrize("search", ["pagefind", "material"])
def test_material_builds_its_index_only_when_it_is_the_search(search: str) -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins["news-archive"].config.search = search
    config = config.plugins.on_config(config)
    material = config.plugins["material/search"]
    indexing = [
        handler
        for event in ("page_context", "post_build")
        for handler in config.plugins.events[event]
        if getattr(handler, "__self__", None) is material
    ]
    assert len(indexing) == (2 if search == "material" else 0)


def test_a_failed_build_does_not_leave_the_collector_frozen() -> None:
    import gc

    from news_archive.plugin import ArchivePlugin

    gc.freeze()  # as on_files leaves it
    ArchivePlugin().on_build_error(error=RuntimeError("a page failed"))
    assert gc.get_freeze_count() == 0


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    tag = re.compile(
        r"<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=\"(https?:)?//", re.I
    )
    offenders = [p for p in site.rglob("*.html") if tag.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_material_search_can_be_chosen_instead(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        config = project / name
        text = config.read_text(encoding="utf-8")
        config.write_text(
            text.replace("  - news-archive:\n", "  - news-archive:\n      search: material\n"),
            encoding="utf-8",
        )
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "build" / "site"
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "en" / "search" / "search_index.json").is_file()
    assert not (site / "pagefind").exists()
    assert 'data-md-component="search"' in html(site, ARTICLE)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  - search\n  - news-archive:", "  - news-archive:", "needs Material's search plugin"),
        ("        en: mkdocs.en.yml", "        en: mkdocs.xx.yml", "mkdocs.xx.yml does not exist"),
    ],
)
def test_a_wrong_option_fails_with_a_message(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count(old) == 1
    config.write_text(text.replace(old, new), encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
