"""When a source file last changed (git history) and the link to edit it, on article pages."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from news_archive.history import article_dates, last_changed, parse_log
from news_archive.pages import SourceHistory
from news_archive.pipeline import build_archive, render_site
from news_archive.plugin import source_edit_base
from tests.conftest import ROOT, SOURCES, TODAY, copy_project, run_mkdocs_build

ARTICLE = "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo"
OTHER = "viva-2016-12-ribuan-warga-sipil-aleppo-dievakuasi"
REPO = "https://example.org/arsip/aleppo"


def git(repo: Path, *args: str, date: str = "2025-03-03T10:00:00+07:00") -> str:
    """Run git in `repo` with a fixed author, committer and date, and no global config."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="Uji",
        GIT_AUTHOR_EMAIL="uji@example.org",
        GIT_COMMITTER_NAME="Uji",
        GIT_COMMITTER_EMAIL="uji@example.org",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    result = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def commit_all(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the project as a git repository with one commit, of 3 March 2025 in
    Jakarta (a date a time zone could move: 2 March 21:30 in UTC)."""
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q", "-b", "main")
    commit_all(project, "Seeds", "2025-03-03T04:30:00+07:00")
    return project


def test_parse_log_keeps_the_newest_commit_of_each_file() -> None:
    log = (
        "\x1e2025-03-05\0\nb.md\0sub/c d.md\0"
        "\x1e2025-03-04\0\na.md\0b.md\0"
        "\x1e2025-03-03\0\na.md\0Ärtikel.md\0"
    )
    assert parse_log(log) == {
        "b.md": dt.date(2025, 3, 5),
        "sub/c d.md": dt.date(2025, 3, 5),
        "a.md": dt.date(2025, 3, 4),
        "Ärtikel.md": dt.date(2025, 3, 3),
    }
    assert parse_log("") == {}
    assert parse_log("not a log\0x.md\0") == {}


def test_one_git_log_gives_each_file_its_last_change(repo: Path) -> None:
    articles = repo / "sources" / "articles"
    edited = articles / f"{OTHER}.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nTambahan.\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text("# changed outside the articles\n", encoding="utf-8")
    commit_all(repo, "Edit one article", "2025-04-01T12:00:00+00:00")
    changed = last_changed(articles)
    assert changed[f"{OTHER}.md"] == dt.date(2025, 4, 1)
    assert changed[f"{ARTICLE}.md"] == dt.date(2025, 3, 3)  # the committer's day, not UTC's
    assert set(changed) == {p.name for p in articles.glob("*.md")}


def test_no_repository_no_git_and_a_stray_git_dir_give_no_dates(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = copy_project(tmp_path / "outside") / "sources" / "articles"
    assert last_changed(outside) == {}
    # A variable set by a hook must not make git read another repository.
    monkeypatch.setenv("GIT_DIR", str(repo / ".git"))
    assert last_changed(outside) == {}
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    assert last_changed(repo / "sources" / "articles") == {}
    assert article_dates(repo / "sources" / "articles", {ARTICLE: repo / "x.md"}) == {}


def test_an_untracked_article_has_no_date(repo: Path) -> None:
    articles = repo / "sources" / "articles"
    shutil.copy2(articles / f"{OTHER}.md", articles / "baru.md")
    paths = {"baru": articles / "baru.md", OTHER: articles / f"{OTHER}.md"}
    assert article_dates(articles, paths) == {OTHER: dt.date(2025, 3, 3)}


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "template", "docs", "base", "warns"),
    [
        (None, None, None, "content", None, False),
        (REPO, "edit/main/content/", None, "content", f"{REPO}/edit/main/", False),
        (f"{REPO}/", "edit/main/content/", None, "content", f"{REPO}/edit/main/", False),
        (REPO, "edit/main/content/en/", None, "content/en", f"{REPO}/edit/main/", False),
        (REPO, "", None, "content", None, False),  # edit links switched off
        (REPO, "edit/master/docs/", None, "content", None, True),  # MkDocs' GitHub default
        (REPO, "edit/main/content/", None, "content/en", None, True),  # inherited, not set
        (REPO, None, "edit/main/content/{path}", "content", None, True),
        (REPO, "edit/main/content/", None, None, None, True),  # docs_dir outside the project
    ],
)
def test_where_source_files_are_edited(
    repo_url: str | None,
    edit_uri: str | None,
    template: str | None,
    docs: str | None,
    base: str | None,
    warns: bool,
) -> None:
    found, warning = source_edit_base(repo_url, edit_uri, template, docs)
    assert found == base
    assert (warning is not None) == warns


def test_the_page_cache_follows_the_date_and_the_link(tmp_path: Path) -> None:
    archive = build_archive(SOURCES, root=ROOT, today=TODAY, cache=tmp_path / "cache")
    store = archive.store
    assert store is not None
    page = f"artikel/{ARTICLE}.md"
    rendered: list[int] = []

    def render(history: SourceHistory) -> str:
        before = store.rendered["page"]
        content = {p.path: p.content for p in render_site(archive, "en", history)}[page]
        rendered.append(store.rendered["page"] - before)
        return content

    first = render(SourceHistory({ARTICLE: dt.date(2025, 3, 3)}))
    assert "Source file last changed\n:   <span data-pagefind-ignore>3 March 2025</span>" in first
    assert render(SourceHistory({ARTICLE: dt.date(2025, 3, 3)})) == first
    second = render(SourceHistory({ARTICLE: dt.date(2025, 4, 1)}))
    assert "1 April 2025" in second and "3 March 2025" not in second
    linked = render(SourceHistory({ARTICLE: dt.date(2025, 4, 1)}, f"{REPO}/edit/main/"))
    assert f'href="{REPO}/edit/main/sources/articles/{ARTICLE}.md"' in linked
    assert "Source file last changed" not in render(SourceHistory())
    # Five article pages: all at first, none again, the one whose date changed, all when
    # the link appears, and the one that lost its date.
    assert rendered == [5, 0, 1, 5, 1]


def test_a_build_in_a_repository_shows_the_date_and_the_link_in_both_editions(
    repo: Path,
) -> None:
    for config, docs in (("mkdocs.yml", "content"), ("mkdocs.en.yml", "content/en")):
        path = repo / config
        path.write_text(
            path.read_text(encoding="utf-8") + f"\nrepo_url: {REPO}\nedit_uri: edit/main/{docs}/\n",
            encoding="utf-8",
        )
    commit_all(repo, "Link the repository", "2025-03-04T09:00:00+07:00")
    result = run_mkdocs_build(repo)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    site = repo / "build" / "site"
    link = f'href="{REPO}/edit/main/sources/articles/{ARTICLE}.md"'
    for folder, label, date, action in (
        ("", "Berkas sumber terakhir diubah", "3 Maret 2025", "usulkan koreksi"),
        ("en/", "Source file last changed", "3 March 2025", "propose a correction"),
    ):
        page = (site / f"{folder}artikel/{ARTICLE}/index.html").read_text(encoding="utf-8")
        assert f"<dt>{label}</dt>" in page, folder
        assert f"<dd><span data-pagefind-ignore>{date}</span></dd>" in page, folder
        assert f'{link} rel="noopener">{action}</a>' in page, folder
