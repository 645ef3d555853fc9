"""The build cache: a rebuild cleans and extracts only the articles that changed, and
everything again when a registry or rule changes."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from news_archive.pipeline import build_archive, render_site
from tests.conftest import SOURCES, TODAY, copy_project, run_mkdocs_build, write_article

EDITED = "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    for index in range(6):
        write_article(
            sources,
            f"uji-{index}",
            f"Pada Kamis (22/12), {1000 + index} warga dievakuasi dari Aleppo timur.\n",
            published="2016-12-23",
        )
    return sources


def build(sources: Path, cache: Path) -> tuple[list[str], int, dict[str, str]]:
    archive = build_archive(sources, root=sources.parent, today=TODAY, cache=cache)
    pages = {p.path: p.content for p in render_site(archive)}
    return list(archive.stats.extracted), archive.stats.from_cache, pages


def test_a_warm_rebuild_extracts_only_the_edited_article(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, cached, cold_pages = build(tree, cache)
    assert len(first) == 11 and cached == 0
    again, cached, warm_pages = build(tree, cache)
    assert again == [] and cached == 11
    assert warm_pages == cold_pages, "the cache must not change a single page"
    path = tree / "articles" / f"{EDITED}.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nParagraf uji tambahan di akhir teks.\n",
        encoding="utf-8",
    )
    edited, cached, pages = build(tree, cache)
    assert edited == [EDITED] and cached == 10
    assert "Paragraf uji tambahan di akhir teks." in pages[f"artikel/{EDITED}.md"]
    uncached = build_archive(tree, root=tree.parent, today=TODAY)
    assert pages == {p.path: p.content for p in render_site(uncached)}


def test_editing_a_registry_extracts_every_article_again(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tree, cache)
    glossary = tree / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    again, cached, _ = build(tree, cache)
    assert len(again) == 11 and cached == 0


def test_a_new_article_of_an_outlet_reaches_the_others_only_through_repeated_lines(
    tree: Path, tmp_path: Path
) -> None:
    """Cleaning removes lines an outlet repeats across its articles; an article whose
    repeated lines change is cleaned again, the others are not."""
    cache = tmp_path / "cache"
    build(tree, cache)
    write_article(tree, "uji-baru", "Kalimat baru tentang Aleppo.\n", outlet="inews")
    again, cached, _ = build(tree, cache)
    assert "uji-baru" in again and cached >= 10


def test_a_damaged_cache_entry_is_rebuilt(tree: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(tree, cache)
    for entry in cache.rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    again, cached, _ = build(tree, cache)
    assert len(again) == 11 and cached == 0


def test_the_plugin_says_what_came_from_the_cache(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first = run_mkdocs_build(project)
    assert first.returncode == 0, first.stderr
    assert "5 article(s) cleaned and extracted, 0 from the cache" in first.stderr
    second = run_mkdocs_build(project)
    assert "0 article(s) cleaned and extracted, 5 from the cache" in second.stderr
    assert (project / "build" / "cache").is_dir()


def test_worker_processes_clean_and_extract_exactly_as_one_process_does(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from news_archive import pipeline

    alone = build_archive(tree, today=TODAY)
    started: list[int] = []
    pool = pipeline.multiprocessing.get_context("fork").Pool

    def counting_pool(processes: int) -> object:
        started.append(processes)
        return pool(processes)

    class Fork:
        Pool = staticmethod(counting_pool)

    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)
    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    monkeypatch.setattr(pipeline.multiprocessing, "get_context", lambda _: Fork)
    forked = build_archive(tree, today=TODAY)
    assert started == [2]
    assert forked.articles == alone.articles
    assert forked.extractions == alone.extractions
    assert forked.stats.extracted == alone.stats.extracted
    assert set(forked.stats.seconds) >= {"clean", "extract"}


@pytest.mark.parametrize("processes", [1, 2])
def test_article_pages_rendered_where_articles_are_extracted_are_the_pages_of_the_archive(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    """Each article's page rendered from its entry alone, in this process or in the worker
    processes, is the page render_site renders from the whole archive: with the pages
    that cite it (the explainers), when its file changed and where it is edited."""
    from news_archive import pipeline
    from news_archive.pages import SourceHistory

    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "sources")
    shutil.copytree(tree, project / "sources")
    content = project / "content"
    changed = {EDITED: TODAY, "uji-3": TODAY}
    history = SourceHistory(changed, "https://example.org/edit/main/")
    asked: list[int] = []

    def history_of(corpus: pipeline.Corpus) -> SourceHistory:
        asked.append(len(corpus.articles))
        return history

    if processes == 2:
        monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)
        monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    cache = tmp_path / "cache"
    options = pipeline.ArticlePages("id", history_of)
    archive = build_archive(
        tree, root=project, content=content, today=TODAY, cache=cache, pages=options
    )
    assert asked == [11]
    assert archive.store is not None and archive.store.rendered["page"] == (
        11 if processes == 1 else 0
    )
    pages = {p.path: p.content for p in render_site(archive, "id", history)}
    # render_site found every article page in the cache.
    assert archive.store.rendered["page"] == (11 if processes == 1 else 0)
    assert any("penjelasan/" in page for path, page in pages.items() if path.startswith("artikel/"))
    plain = build_archive(tree, root=project, content=content, today=TODAY)
    assert pages == {p.path: p.content for p in render_site(plain, "id", history)}
    assert set(archive.stats.seconds) >= {"clean", "extract", "render"}


SMALL_PAGES = 3
"""Items per list page in the test below, so that every long list is split into months."""


def _site(
    sources: Path, cache: Path | None, rendered: Counter[str] | None = None
) -> dict[str, str]:
    archive = build_archive(sources, root=sources.parent, today=TODAY, cache=cache)
    # Small pages split every long list into months; whole lists (the default) put
    # several lists on one page.
    pages = {p.path: p.content for p in render_site(archive, page_items=SMALL_PAGES)}
    pages |= {f"whole/{p.path}": p.content for p in render_site(archive)}
    if rendered is not None and archive.store is not None:
        rendered.update(archive.store.rendered)
        rendered["extracted"] += len(archive.stats.extracted)
    return pages


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _set(path: Path, name: str, value: str) -> None:
    """Give front matter field `name` of an article another value."""
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(rf"^{name}: .*$", f"{name}: {value}", text, count=1, flags=re.M)
    assert count == 1, (path, name)
    path.write_text(edited, encoding="utf-8")


def test_every_page_of_a_warm_rebuild_is_what_a_cold_build_makes(tmp_path: Path) -> None:
    """Pages and month pages rendered from the cache must equal, byte for byte, those of a
    build without a cache, whatever was edited: a sentence, a date that moves an article to
    another month, an outlet, an article added or removed."""
    from news_archive.synth import write_corpus

    sources = tmp_path / "sources"
    write_corpus(sources, 60, 7, SOURCES)
    cache = tmp_path / "cache"
    articles = sorted((sources / "articles").rglob("*.md"))
    first: Counter[str] = Counter()
    assert _site(sources, cache, first) == _site(sources, None)
    edits = [
        lambda: _edit(articles[3], "\n\n", "\n\nPada Senin (12/12), 4.000 warga dievakuasi.\n\n"),
        lambda: _set(articles[5], "published", "2015-01-03"),
        lambda: _set(articles[8], "outlet", "antara"),
        lambda: articles[9].unlink(),
        lambda: (sources / "articles" / f"baru-{articles[11].name}").write_text(
            articles[11].read_text(encoding="utf-8").replace("id: ", "id: baru-", 1),
            encoding="utf-8",
        ),
    ]
    for number, edit in enumerate(edits):
        edit()
        rendered: Counter[str] = Counter()
        warm, cold = _site(sources, cache, rendered), _site(sources, None)
        assert warm.keys() == cold.keys(), number
        differing = [path for path in cold if warm[path] != cold[path]]
        assert differing == [], (number, differing[:5])
        # Only the pages of articles extracted again (the edited one, and those whose
        # outlet's repeated lines changed) and the lists that hold them are rendered.
        assert rendered["page"] <= rendered["extracted"], (number, rendered)
        assert rendered["items"] > 0, (number, rendered)
        if number == 0:  # one article's text: a few month pages, of 1,211
            assert rendered["extracted"] == 1 and rendered["items"] < 40, rendered


def test_cached_objects_pickle_as_tuples_of_their_fields() -> None:
    import pickle

    import news_archive.cache  # noqa: F401  (installs the state functions)
    from news_archive.model import PartialDate

    date = PartialDate(2016, 12, 22)
    assert date.__getstate__() == (2016, 12, 22)
    assert pickle.loads(pickle.dumps(date)) == date
    archive = build_archive(SOURCES, today=TODAY)
    entry = (archive.articles[0], archive.extractions[archive.articles[0].source.id])
    assert pickle.loads(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)) == entry


def test_the_bundle_of_small_texts_holds_what_the_last_render_used(
    tree: Path, tmp_path: Path
) -> None:
    """Rows of month pages and export records are kept in one file per edition and page
    size, rewritten with only what the last render used: it does not grow with edits."""
    import pickle

    cache = tmp_path / "cache"
    bundle = cache / "parts-id-2.pickle"

    def render() -> tuple[set[str], Counter[str]]:
        archive = build_archive(tree, root=tree.parent, today=TODAY, cache=cache)
        render_site(archive, page_items=2)
        assert archive.store is not None
        with bundle.open("rb") as handle:
            kept = set(pickle.load(handle))
        assert kept == set(archive.store.parts_used)
        return kept, archive.store.rendered

    first, rendered = render()
    assert rendered["items"] > 10 and rendered["exports"] == 11
    path = tree / "articles" / f"{EDITED}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nParagraf uji tambahan.\n", "utf-8")
    second, rendered = render()
    assert len(second) == len(first) and second != first
    assert rendered["exports"] == 1 and 0 < rendered["items"] < len(first) / 2


def test_building_leaves_the_cycle_collector_as_it_found_it(tree: Path) -> None:
    import gc

    from news_archive.errors import ArchiveError

    assert gc.isenabled()
    render_site(build_archive(tree, root=tree.parent, today=TODAY))
    assert gc.isenabled()
    (tree / "outlets.yml").write_text("outlets: [", encoding="utf-8")
    with pytest.raises(ArchiveError):
        build_archive(tree, root=tree.parent, today=TODAY)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(ArchiveError):
            build_archive(tree, root=tree.parent, today=TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()
