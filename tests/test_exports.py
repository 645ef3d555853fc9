"""The data exports in a built site, and the extraction warnings of a real build."""

from __future__ import annotations

import csv
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, run_mkdocs_build, write_article

Build = Callable[[Path], subprocess.CompletedProcess[str]]

FIELDS = {
    "articles.json": {
        "id",
        "title",
        "title_supplied",
        "outlet",
        "published",
        "url",
        "language",
        "source_file",
        "notes",
        "paragraphs",
        "media",
        "removed",
    },
    "dates.json": {
        "article",
        "anchor",
        "paragraph",
        "sentence",
        "start",
        "end",
        "text",
        "value",
        "precision",
        "basis",
        "relation",
        "weekday",
        "flags",
    },
    "figures.json": {
        "article",
        "anchor",
        "paragraph",
        "sentence",
        "start",
        "end",
        "text",
        "value",
        "value_max",
        "qualifier",
        "unit",
        "counted",
        "flags",
    },
    "quotes.json": {
        "article",
        "anchor",
        "paragraph",
        "sentence",
        "start",
        "end",
        "text",
        "speaker",
        "speaker_text",
        "found_by",
        "flags",
    },
    "attributions.json": {
        "article",
        "paragraph",
        "sentence",
        "start",
        "end",
        "text",
        "outlet",
        "how",
    },
    "mentions.json": {"article", "paragraph", "sentence", "start", "end", "text", "entity"},
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("exports") / "project")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "build" / "site" / "data"


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_each_export_has_its_fields(data: Path, name: str) -> None:
    records = json.loads((data / name).read_text(encoding="utf-8"))
    assert records, f"{name} is empty"
    for record in records:
        assert set(record) == FIELDS[name], (name, record)


def test_every_published_file_is_described_on_the_data_page(data: Path) -> None:
    page = (ROOT / "content" / "data.md").read_text(encoding="utf-8")
    # data/index.html is the page itself (content/data.md with directory URLs).
    published = sorted(p.name for p in data.iterdir() if p.name != "index.html")
    assert len(published) >= 14
    for name in published:
        assert f"(data/{name})" in page, f"content/data.md does not describe data/{name}"


def test_every_item_points_at_the_words_it_quotes(data: Path) -> None:
    articles = {
        a["id"]: a for a in json.loads((data / "articles.json").read_text(encoding="utf-8"))
    }
    units = {}
    for article in articles.values():
        for paragraph in article["paragraphs"]:
            units[(article["id"], paragraph["id"])] = paragraph["text"]
        for item in article["media"]:
            units[(article["id"], item["id"])] = "\n".join(item["captions"] + item["credits"])
    for name in ("dates.json", "figures.json", "attributions.json", "mentions.json"):
        for record in json.loads((data / name).read_text(encoding="utf-8")):
            key = (record["article"], record["paragraph"])
            assert key in units, (name, key)
            if record["paragraph"].startswith("p"):
                assert units[key][record["start"] : record["end"]] == record["text"], (name, record)


def test_values_in_the_exports(data: Path) -> None:
    dates = json.loads((data / "dates.json").read_text(encoding="utf-8"))
    hts = next(d for d in dates if d["text"] == "sejak Rabu pekan lalu")
    assert (hts["value"], hts["precision"], hts["basis"], hts["relation"]) == (
        "2024-11-27",
        "day",
        "relative",
        "since",
    )
    figures = json.loads((data / "figures.json").read_text(encoding="utf-8"))
    evacuated = next(f for f in figures if f["text"] == "sebanyak 8.461 penduduk kota")
    assert (evacuated["value"], evacuated["qualifier"], evacuated["counted"]) == (
        8461,
        "exact",
        "penduduk kota",
    )
    with (data / "figures.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(figures) and rows[0].keys() >= {
        "article",
        "paragraph",
        "value",
        "qualifier",
    }


def test_a_weekday_conflict_and_a_future_date_warn_with_article_and_paragraph(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    body = (
        "Ledakan besar terjadi pada Kamis (16/12/2016) di pusat kota.\n\n"
        "Pasukan itu disebut masuk ke kota pada 5 Januari 2017 pagi.\n"
    )
    write_article(project / "sources", "uji-tanggal", body, published="2016-12-20")
    result = run_mkdocs_build(project)
    assert result.returncode != 0, "warnings must fail a strict build"
    assert (
        "uji-tanggal#p1: the weekday in 'Kamis (16/12/2016)' is not the weekday of 2016-12-16 (a Friday)"
        in result.stderr
    )
    assert (
        "uji-tanggal#p2: '5 Januari 2017 pagi' resolves to 2017-01-05, after the publication date 2016-12-20"
        in result.stderr
    )
    assert (
        "sources/articles/uji-tanggal.md:10:" in result.stderr
        and "sources/articles/uji-tanggal.md:12:" in result.stderr
    )

    path = project / "sources/articles/uji-tanggal.md"
    text = path.read_text(encoding="utf-8").replace(
        "notes: Test source.",
        "notes: Test source.\nreviewed: ['p1 weekday-mismatch: as written', 'p2 future: checked']",
    )
    path.write_text(text, encoding="utf-8")
    assert run_mkdocs_build(project).returncode == 0


def test_an_archive_without_articles_still_has_every_export(tmp_path: Path) -> None:
    import shutil

    from news_archive.pipeline import build_archive, render_site
    from tests.conftest import SOURCES, TODAY

    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources, ignore=shutil.ignore_patterns("*.md"))
    archive = build_archive(sources, root=tmp_path, today=TODAY, cache=tmp_path / "cache")
    assert archive.articles == ()
    data = {p.path: p.content for p in render_site(archive) if p.path.startswith("data/")}
    assert data["data/articles.json"] == "[]\n" and data["data/mentions.json"] == "[]\n"
    assert data["data/figures.csv"].startswith("article,anchor,paragraph,")
    assert data["data/figures.csv"].count("\n") == 1
