"""The generated Markdown: a golden page, and the `generate` / `check` commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from news_archive.__main__ import main
from news_archive.history import article_dates
from news_archive.pages import SourceHistory
from news_archive.pipeline import build_archive, render_explainers, render_site
from tests.conftest import ROOT, SOURCES, TODAY, write_article

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_ARTICLE = "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo"


def test_golden_article_page(update_golden: bool) -> None:
    pages = {
        page.path: page.content
        for page in render_site(
            build_archive(SOURCES, root=ROOT, today=TODAY, content=ROOT / "content")
        )
    }
    actual = pages[f"artikel/{GOLDEN_ARTICLE}.md"]
    golden = GOLDEN / f"{GOLDEN_ARTICLE}.md"
    if update_golden:
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), (
        "the generated page changed; if that is intended, run the tests with --update-golden "
        "and review the diff of tests/golden/"
    )


def test_generate_writes_the_pages_the_plugin_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["--root", str(ROOT), "generate", "--out", str(out)]) == 0
    archive = build_archive(SOURCES, root=ROOT, content=ROOT / "content")
    # The plugin passes the dates of git history (none outside a repository), and so does
    # generate.
    paths = {a.source.id: ROOT / a.source.path for a in archive.articles}
    history = SourceHistory(article_dates(SOURCES / "articles", paths))
    expected = render_site(archive, history=history) + render_explainers(archive, ROOT / "content")
    assert {page.path for page in expected} >= {
        "penjelasan/pertempuran-aleppo.md",
        "peristiwa/index.md",
    }
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == sorted(page.path for page in expected)
    for page in expected:
        assert (out / page.path).read_bytes() == page.content.encode("utf-8"), page.path
    assert f"Wrote {len(expected)} pages" in capsys.readouterr().out


def test_check_passes_on_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "check"]) == 0
    assert "5 article(s) checked: no errors" in capsys.readouterr().out


def test_check_prints_path_line_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    write_article(sources, "uji", outlet="tidak-ada")
    assert main(["--root", str(tmp_path), "check"]) == 1
    err = capsys.readouterr().err
    assert "error: sources/articles/uji.md:4: outlet: unknown outlet 'tidak-ada'" in err
    assert "1 error(s)." in err


def test_what_the_plugin_keeps_resolves_citations_as_the_whole_archive_does(
    tmp_path: Path,
) -> None:
    """While MkDocs renders, the plugin keeps only the registries and the cited articles
    (`for_citations`); the hand-written pages must come out the same."""
    from news_archive.pipeline import for_citations

    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    write_article(sources, "tidak-dikutip", "Kalimat yang tidak dikutip penjelasan mana pun.\n")
    archive = build_archive(sources, root=ROOT, today=TODAY, content=ROOT / "content")
    kept = for_citations(archive)
    cited = {c.target for e in archive.explainers for c in e.citations if c.kind == "src"}
    assert cited and {a.source.id for a in kept.articles} == cited
    assert "tidak-dikutip" not in cited and kept.extractions == {}
    for lang in ("id", "en"):
        assert render_explainers(kept, ROOT / "content", lang) == render_explainers(
            archive, ROOT / "content", lang
        )
