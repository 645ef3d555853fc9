"""Real `mkdocs build --strict` runs of a copy of the project in tmp_path."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest

from news_archive.cleaning import clean_article
from news_archive.sources import load_corpus
from tests.conftest import TODAY, copy_project, run_mkdocs_build


@cache
def built_site(tmp_root: Path) -> Path:
    project = copy_project(tmp_root / "project")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("site")) / "build" / "site"


def article_text(page: str) -> str:
    """The HTML of the article text block, and nothing else of the page."""
    found = re.search(r'<div class="na-text"[^>]*>(.*?)</div>', page, re.S)
    assert found, "the article page has no text block"
    return found.group(1)


def media_block(page: str) -> str:
    found = re.search(r'<ol class="na-media"[^>]*>(.*?)</ol>', page, re.S)
    return found.group(1) if found else ""


def visible(fragment: str) -> str:
    """Text of an HTML fragment as a reader sees it (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_the_build_is_strict_clean_and_has_every_page(site: Path) -> None:
    corpus = load_corpus(site.parent.parent / "sources", today=TODAY)
    assert (site / "index.html").is_file()
    assert (site / "artikel" / "index.html").is_file()
    for article in corpus.articles:
        assert (site / "artikel" / article.id / "index.html").is_file(), article.id
    index = (site / "artikel" / "index.html").read_text(encoding="utf-8")
    assert index.count('href="rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo/"') == 1


def test_each_seed_page_shows_all_body_lines_and_no_furniture_in_its_text(site: Path) -> None:
    sources = site.parent.parent / "sources"
    corpus = load_corpus(sources, today=TODAY)
    for article in corpus.articles:
        cleaned = clean_article(article, corpus.rules, corpus.outlets)
        page = (site / "artikel" / article.id / "index.html").read_text(encoding="utf-8")
        text = " ".join(visible(article_text(page)).split())
        for paragraph in cleaned.paragraphs:
            assert paragraph.text in text, (article.id, paragraph.text[:60])
        for segment in cleaned.removed:
            if segment.text not in {p.text for p in cleaned.paragraphs}:
                assert segment.text not in text, (article.id, segment.text)
        removed_block = visible(page.split('id="dihapus"', 1)[1]) if cleaned.removed else ""
        for segment in cleaned.removed:
            assert segment.text in " ".join(removed_block.split()), (article.id, segment.text)


def test_an_article_page_has_anchors_captions_and_a_removed_block(site: Path) -> None:
    page = (
        site / "artikel" / "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo" / "index.html"
    ).read_text(encoding="utf-8")
    text = article_text(page)
    for n in range(1, 14):
        assert f'<p id="p{n}">' in text
    assert "Terima kuki" not in text
    assert "Hak cipta milik Rossiyskaya Gazeta." not in text
    assert "Para tentara merayakan kemenangan dengan latar belakang suara tembakan." in media_block(
        page
    )
    assert "Ruptly TV / YouTube" in media_block(page)
    removed = page.split('id="dihapus"', 1)[1]
    assert "Terima kuki" in removed and "cookie-notice" in removed
    assert "Kamis, 22 Desember 2016" in page and "Thursday, 22 December 2016" in page


# The hostile article the browser suite opens; tests/test_bad_inputs.py builds it too.
HOSTILE_BODY = """\
Paragraf pembuka <script>alert(1)</script> di tengah teks.
<img src=x onerror=alert(1)>
Tautan [x](javascript:alert(1)) dan <a href="javascript:alert(2)">klik</a>.
# Bukan judul
* bukan daftar
1. bukan daftar bernomor
> bukan kutipan
Kode `tanda petik` dan <!-- komentar --> serta {{ jinja }} {% raw %} *[HTML]: singkatan
"""
