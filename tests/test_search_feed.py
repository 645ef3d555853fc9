"""Pagefind fed page by page while MkDocs writes the site (`search_feed`) must index what
Pagefind's command line indexes in the finished site, fail loudly when the service does,
and leave a dirty build (which writes only changed pages) to the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from news_archive.plugin import pagefind_executable
from news_archive.search_feed import PagefindFeed, SearchFeedError
from tests.conftest import copy_project, run_mkdocs_build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("feed") / "project")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "search index of 226 page(s) written" in result.stderr
    return project


def _bundle(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_feed_indexes_what_the_command_line_indexes(built: Path, tmp_path: Path) -> None:
    site = built / "build" / "site"
    fed = _bundle(site / "pagefind")
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    walked = _bundle(tmp_path)
    # Every page's fragment (its URL, words, title and excerpt source) is the same file,
    # and so is every file of the program; the word index and the metadata number the
    # pages in the order they came (MkDocs' order, not a walk of the folder), and the
    # entry file names the metadata by its hash.
    numbered = ("index/", "pagefind.en_", "pagefind.id_", "pagefind-entry.json")
    assert len(fed) == len(walked) and sum(p.startswith("fragment/") for p in fed) == 226
    assert {p: b for p, b in fed.items() if not p.startswith(numbered)} == {
        p: b for p, b in walked.items() if not p.startswith(numbered)
    }
    languages = json.loads(fed["pagefind-entry.json"])["languages"]
    assert {lang: entry["page_count"] for lang, entry in languages.items()} == {
        "en": 113,
        "id": 113,
    }


def test_a_dirty_build_is_indexed_from_the_site_on_disk(built: Path) -> None:
    before = json.loads((built / "build" / "site" / "pagefind" / "pagefind-entry.json").read_text())
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(built / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=built,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "search index of" not in result.stderr  # the command line indexed it
    after = json.loads((built / "build" / "site" / "pagefind" / "pagefind-entry.json").read_text())
    assert after["languages"]["id"]["page_count"] == before["languages"]["id"]["page_count"]


def test_a_service_that_stops_is_an_error_not_a_hang(tmp_path: Path) -> None:
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'no index today' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    with pytest.raises(SearchFeedError, match=r"stopped \(exit status 3\)"):
        PagefindFeed(broken, timeout=30)


def test_one_page_fed_is_one_page_indexed(tmp_path: Path) -> None:
    executable = pagefind_executable()
    assert executable is not None
    feed = PagefindFeed(executable, timeout=60)
    feed.add("/ok/", '<html lang="id"><body><main data-pagefind-body>Aleppo</main></body></html>')
    assert feed.finish(tmp_path / "pagefind") == []
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["id"]["page_count"] == 1


def test_a_failed_build_stops_the_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `mkdocs serve` the process lives on after a failed build: the service started
    for it must not."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    from news_archive import plugin as adapter

    started: list[PagefindFeed] = []

    class Recorded(PagefindFeed):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            started.append(self)

    monkeypatch.setattr(adapter, "PagefindFeed", Recorded)
    project = copy_project(tmp_path / "project")
    explainer = project / "content" / "penjelasan" / "pertempuran-aleppo.md"
    explainer.write_text(
        explainer.read_text(encoding="utf-8") + "\n[[src:no-such-article#p1]]\n", encoding="utf-8"
    )
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"))
    with pytest.raises((Abort, PluginError)):
        build(config)
    assert len(started) == 1
    assert started[0]._process.poll() is not None
    assert config.plugins["news-archive"].feed is None


def test_closing_a_feed_with_pages_in_flight_stops_both_threads_and_the_service() -> None:
    executable = pagefind_executable()
    assert executable is not None
    feed = PagefindFeed(executable, timeout=60)
    page = '<html lang="id"><body><main data-pagefind-body>Aleppo {}</main></body></html>'
    for number in range(50):
        feed.add(f"/p{number}/", page.format(number))
    feed.close()
    assert feed._process.poll() is not None
    assert feed._writer is not None and not feed._writer.is_alive()
    assert not feed._reader.is_alive()
    with pytest.raises(SearchFeedError, match="stopped before the search index"):
        feed.add("/late/", page.format("late"))
