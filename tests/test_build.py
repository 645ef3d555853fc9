"""Real `mkdocs build --strict` runs of a copy of the project in tmp_path."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from news_archive.cleaning import clean_article
from news_archive.sources import load_corpus
from tests.conftest import TODAY, copy_project, run_mkdocs_build, write_article

Build = Callable[[Path], subprocess.CompletedProcess[str]]


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


def test_outside_a_repository_article_pages_show_no_date_and_no_edit_link(site: Path) -> None:
    """The copy in tmp_path is no git repository and mkdocs.yml sets no repo_url: the pages
    show neither, and the build (strict) did not warn about it."""
    for lang in ("", "en/"):
        pages = sorted((site / lang / "artikel").glob("*/index.html"))
        assert len(pages) == 5
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert "<dt>Berkas sumber</dt>" in text or "<dt>Source file</dt>" in text
            assert "terakhir diubah" not in text and "last changed" not in text, page
            assert "usulkan koreksi" not in text and "propose a correction" not in text, page


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


class _Elements(HTMLParser):
    """Every element of a page with its attributes, and the text inside script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        # Data blocks (JSON-LD) are never run; only script elements a browser executes count.
        kind = (dict(attrs).get("type") or "text/javascript").lower()
        self._in_script = tag == "script" and "javascript" in kind

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def elements_of(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def test_a_hostile_source_renders_literally(project: Path, mkdocs_build: Build) -> None:
    write_article(
        project / "sources",
        "uji-teks-berbahaya",
        HOSTILE_BODY,
        title="Judul </title><script>alert(3)</script> <b>tebal</b>",
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "build/site/artikel/uji-teks-berbahaya/index.html").read_text(
        encoding="utf-8"
    )
    parsed = elements_of(page)
    tags = [tag for tag, _ in parsed.elements]
    assert "img" not in tags and "b" not in tags and "blockquote" not in tags and "abbr" not in tags
    for tag, attrs in parsed.elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (
                tag,
                attrs,
            )
    assert not any("alert(" in script for script in parsed.scripts)
    assert "<h1>Bukan" not in page and "<code>tanda" not in page and "<!-- komentar" not in page
    text = visible(article_text(page))
    for line in HOSTILE_BODY.splitlines():
        assert " ".join(line.split()) in " ".join(text.split()), line
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>Judul &lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    ("case", "edit", "expected"),
    [
        (
            "missing title",
            lambda t: t.replace(
                'title: "Tentara Suriah Kuasai Seluruh Aleppo, Assad: Kemenangan untuk Rusia Juga"\n',
                "",
            ),
            "sources/articles/rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo.md:2: title: missing required field",
        ),
        (
            "broken YAML",
            lambda t: t.replace("outlet: rossiyskaya-gazeta", "outlet: [rossiyskaya-gazeta"),
            "sources/articles/rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo.md:4: outlet: invalid YAML",
        ),
        (
            "unknown outlet",
            lambda t: t.replace("outlet: rossiyskaya-gazeta", "outlet: rossiyskaya"),
            "sources/articles/rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo.md:4: outlet: unknown outlet 'rossiyskaya'",
        ),
    ],
)
def test_a_bad_source_fails_the_build_with_one_message(
    project: Path, mkdocs_build: Build, case: str, edit: Callable[[str], str], expected: str
) -> None:
    path = project / "sources/articles/rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo.md"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "1 problem in the archive's sources:" in result.stderr, result.stderr
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
