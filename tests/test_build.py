"""Real `mkdocs build --strict` runs of a copy of the project in tmp_path."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
import sys
import time
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from news_archive.cleaning import Place, Segment, SegmentKind, lines_of
from news_archive.pipeline import build_archive
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


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _ArticleParts(HTMLParser):
    """The unescaped text of the places an article page shows its source lines in: each
    paragraph and subheading of the text block by anchor, any other text of that block,
    each caption item by anchor, and the cells of each row of the removed pieces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self.other_text = ""
        self.media: dict[str, str] = {}
        self.removed: list[list[str]] = []

    def _inside(self, tag: str, **attrs: str) -> int | None:
        for index, (name, have) in enumerate(self.stack):
            if name == tag and all(
                value in (have.get(key) or "").split() for key, value in attrs.items()
            ):
                return index
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        self.stack.append((tag, dict(attrs)))
        if tag == "tr" and self._inside("tbody") and self._inside("details", id="dihapus"):
            self.removed.append([])
        if tag == "td" and self.removed and self._inside("details", id="dihapus"):
            self.removed[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        block = self._inside("div", **{"class": "na-text"})
        if block is not None:
            anchored = [a.get("id") for _, a in self.stack[block + 1 :] if a.get("id")]
            if anchored and anchored[0]:
                self.text[anchored[0]] = self.text.get(anchored[0], "") + data
            elif self._inside("p", **{"class": "na-cited-in"}) is None:
                self.other_text += data
            return
        items = self._inside("ol", **{"class": "na-media"})
        if items is not None:
            anchored = [a.get("id") for name, a in self.stack[items + 1 :] if name == "li"]
            if anchored and anchored[0]:
                self.media[anchored[0]] = self.media.get(anchored[0], "") + data
            return
        if self._inside("td") is not None and self._inside("details", id="dihapus") is not None:
            self.removed[-1][-1] += data


def _collapsed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("edition", ["id", "en"])
def test_every_character_of_every_source_line_is_on_its_article_page(
    site: Path, edition: str
) -> None:
    """Conservation over the whole corpus and both editions: every piece of every line of
    every source is shown where its kind puts it (the text, the captions and credits, or
    the table of removed pieces with its line), compared on the pages' unescaped text."""
    project = site.parent.parent
    archive = build_archive(project / "sources", root=project, today=TODAY)
    pages = site if edition == "id" else site / "en"
    assert len(archive.articles) == len(list((project / "sources" / "articles").rglob("*.md")))
    for article in archive.articles:
        source = article.source
        parser = _ArticleParts()
        parser.feed((pages / "artikel" / source.id / "index.html").read_text(encoding="utf-8"))
        where = f"{edition}: {source.id}"
        paragraph_of_line = {p.line: p for p in article.paragraphs}
        item_of_line = {n: item for item in article.media for n in item.lines}
        removed_rows = iter(zip(parser.removed, article.removed, strict=True))
        by_line: dict[int, list[Segment]] = {}
        for segment in article.segments:
            by_line.setdefault(segment.line, []).append(segment)
        for number, raw in enumerate(lines_of(source.body), start=1):
            pieces = by_line.get(number, [])
            if not raw.strip():
                assert pieces == [], (where, number)
                continue
            # What the pieces show holds every character of the line but its spaces …
            shown = "".join(piece.text for piece in pieces)
            assert shown.replace(" ", "") == "".join(raw.split()), (where, number)
            # … and each piece is on the page, in the place its kind gives it.
            body = [piece.text for piece in pieces if piece.place is Place.BODY and piece.text]
            if body:
                paragraph = paragraph_of_line[number]
                expected = " ".join(body)
                if paragraph.kind is SegmentKind.PARAGRAPH:
                    expected += " ¶"
                assert _collapsed(parser.text[paragraph.id]) == expected, (where, number)
            for piece in pieces:
                if piece.place is Place.MEDIA:
                    item = item_of_line[number]
                    assert piece.text in _collapsed(parser.media[item.id]), (where, number)
                elif piece.place is Place.REMOVED:
                    cells, segment = next(removed_rows)
                    assert segment is piece, (where, number)
                    assert cells[0] == str(source.file_line(number)), (where, number, cells)
                    text = _collapsed(cells[1])
                    assert text == piece.text or text.startswith(f"{piece.text} ("), (
                        where,
                        number,
                        text,
                    )
        assert next(removed_rows, None) is None, where
        # Nothing else is in the text block, and every anchor is one the cleaner made.
        assert set(parser.text) == {p.id for p in article.paragraphs}, where
        assert parser.other_text.strip() == "", (where, parser.other_text.strip()[:80])
        assert list(parser.media) == [item.id for item in article.media], where
        for item in article.media:
            # Captions in their order, then credits in theirs.
            shown_item = _collapsed(parser.media[item.id])
            for pieces in (item.captions, item.credits):
                positions = [shown_item.find(s.text) for s in pieces if s.text]
                assert positions == sorted(positions), (where, item.id)
            if item.captions and item.credits:
                assert shown_item.rfind(item.captions[-1].text) < shown_item.find(
                    item.credits[0].text
                ), (where, item.id)


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


# Started with a later build, this makes every clock Python reads 400 days ahead (classes
# swapped the way freezegun does, instance checks kept), so a date or time that leaks into
# the output shows as a difference.
LATER_CLOCK = """
import datetime as _dt
import time as _time

_SHIFT = 400 * 86400
_Date, _DateTime = _dt.date, _dt.datetime
_time_time, _time_ns = _time.time, _time.time_ns
_localtime, _gmtime, _strftime = _time.localtime, _time.gmtime, _time.strftime


class _Meta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, cls.__mro__[1])

    def __subclasscheck__(cls, sub):
        return issubclass(sub, cls.__mro__[1])


class date(_Date, metaclass=_Meta):
    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())


class datetime(_DateTime, metaclass=_Meta):
    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.fromtimestamp(_time.time(), _dt.timezone.utc).replace(tzinfo=None)

    @classmethod
    def today(cls):
        return cls.now()


date.__module__ = datetime.__module__ = "datetime"
_dt.date, _dt.datetime = date, datetime
_time.time = lambda: _time_time() + _SHIFT
_time.time_ns = lambda: _time_ns() + _SHIFT * 10**9
_time.localtime = lambda secs=None: _localtime(_time.time() if secs is None else secs)
_time.gmtime = lambda secs=None: _gmtime(_time.time() if secs is None else secs)
_time.strftime = lambda fmt, t=None: _strftime(fmt, _time.localtime() if t is None else t)
"""


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    found = [f"only in the first build: {p}" for p in sorted(first.keys() - second.keys())]
    found += [f"only in the second build: {p}" for p in sorted(second.keys() - first.keys())]
    for path in sorted(first.keys() & second.keys()):
        a, b = first[path], second[path]
        if a != b:
            at = next(
                i for i, (x, y) in enumerate(zip(a + b"\0", b + b"\0", strict=False)) if x != y
            )
            found.append(
                f"{path} differs at byte {at}: {a[max(0, at - 40) : at + 40]!r} / {b[max(0, at - 40) : at + 40]!r}"
            )
    return found


def test_two_builds_of_the_same_sources_are_byte_identical(site: Path, tmp_path: Path) -> None:
    """Reproducible output: a second copy of the project, built in another folder, with
    another hash seed and a clock 400 days ahead, then built again there from its warm
    cache, gives the same bytes in every file of build/site as the first build: both
    editions, the sitemaps (and the gzip header of sitemap.xml.gz), Pagefind's index and
    the JSON exports."""
    clock = tmp_path / "clock"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(LATER_CLOCK, encoding="utf-8")
    later = {"PYTHONPATH": str(clock), "PYTHONHASHSEED": "4242"}
    probe = subprocess.run(
        [sys.executable, "-c", "import datetime, time; print(datetime.date.today(), time.time())"],
        env={**os.environ, **later},
        capture_output=True,
        text=True,
        check=True,
    )
    shifted_day, shifted_time = probe.stdout.split()
    assert (dt.date.fromisoformat(shifted_day) - dt.date.today()).days in (399, 400, 401)
    assert 399 * 86400 < float(shifted_time) - time.time() < 401 * 86400

    first = _files(site)
    assert "sitemap.xml.gz" in first and "en/sitemap.xml.gz" in first
    assert any(p.startswith("pagefind/") for p in first) and "data/figures.json" in first
    project = copy_project(tmp_path / "a-second-copy-elsewhere" / "project")
    for run, seed, cached in (("cold cache", "4242", 0), ("warm cache", "7", 5)):
        result = run_mkdocs_build(project, env={**later, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        assert f"{5 - cached} article(s) cleaned and extracted, {cached} from" in result.stderr
        second = _files(project / "build" / "site")
        differences = _differences(first, second)
        assert differences == [], (run, differences[:10])


def test_the_build_date_comes_from_the_sources_never_from_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.exceptions import PluginError

    from news_archive.plugin import _build_date

    project = tmp_path / "project"
    (project / "sources").mkdir(parents=True)
    source = project / "sources" / "a.md"
    source.write_text("teks\n", encoding="utf-8")
    os.utime(source, (1_480_000_000, 1_480_000_000))  # 2016-11-24
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # Without git history: the newest file the build reads.
    assert _build_date(project, [project / "sources"]) == "2016-11-24"
    # In a repository: the day of its last commit.
    git = {"GIT_AUTHOR_DATE": "2024-12-02T10:00:00Z", "GIT_COMMITTER_DATE": "2024-12-02T10:00:00Z"}
    for command in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=Uji", "-c", "user.email=uji@example.org", "commit", "-q", "-m", "x"],
    ):
        subprocess.run(["git", *command], cwd=project, env={**os.environ, **git}, check=True)
    assert _build_date(project, [project / "sources"]) == "2024-12-02"
    # SOURCE_DATE_EPOCH wins, as reproducible builds expect.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1481846400")
    assert _build_date(project, [project / "sources"]) == "2016-12-16"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "kemarin")
    with pytest.raises(PluginError, match="SOURCE_DATE_EPOCH"):
        _build_date(project, [project / "sources"])
