"""The synthetic corpus generator (`python -m news_archive synth`): what it writes must load
without errors or warnings, be the same on every run, and give every stage of the pipeline
work to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from news_archive.__main__ import main
from news_archive.archive import Archive
from news_archive.cleaning import normalize
from news_archive.pipeline import build_archive
from news_archive.synth import _line_rule, load_material, write_corpus
from tests.conftest import SOURCES, TODAY

N = 30


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "sources"
    write_corpus(out, N, 1, SOURCES)
    return out


@pytest.fixture(scope="module")
def archive(corpus: Path) -> Archive:
    return build_archive(corpus, root=corpus.parent, today=TODAY)


def test_writes_articles_in_dated_folders_and_copies_the_registries(corpus: Path) -> None:
    files = _files(corpus)
    articles = [name for name in files if name.startswith("articles/")]
    assert len(articles) == N
    for name in articles:
        assert re.fullmatch(r"articles/\d{4}/\d{2}(/\d{2})?/[a-z0-9-]+\.md", name), name
    registries = sorted(path.name for path in SOURCES.glob("*.yml"))
    assert sorted(name for name in files if "/" not in name) == registries
    for name in registries:
        assert files[name] == (SOURCES / name).read_bytes()


def test_loads_without_errors_or_warnings(archive: Archive) -> None:
    # build_archive raises ArchiveError on any error; weekdays must match their dates.
    assert len(archive.articles) == N
    assert archive.warnings == ()


def test_front_matter_is_shaped_like_real_captures(archive: Archive) -> None:
    publishers = {p.id for p in load_material(SOURCES).publishers}
    for article in archive.articles:
        source = article.source
        assert Path(source.path).stem == source.id
        assert source.outlet is None or source.outlet in publishers
        assert 2012 <= source.published.first_day.year <= 2024
        assert source.language == "id"
        if source.url is None or source.outlet is None:
            assert source.notes
        else:
            website = archive.corpus.outlets[source.outlet].website
            assert website and source.url.startswith(website + "/")
        assert 8 <= len(article.body_paragraphs) <= 30


def test_same_seed_same_bytes_and_other_seed_other_text(tmp_path: Path, corpus: Path) -> None:
    write_corpus(tmp_path / "again", N, 1, SOURCES)
    assert _files(tmp_path / "again") == _files(corpus)
    write_corpus(tmp_path / "other", 3, 2, SOURCES)
    other = {k: v for k, v in _files(tmp_path / "other").items() if k.startswith("articles/")}
    assert not set(other.items()) & set(_files(corpus).items())


def test_smaller_corpus_is_a_prefix_of_a_larger_one(tmp_path: Path, corpus: Path) -> None:
    write_corpus(tmp_path / "ten", 10, 1, SOURCES)
    small, large = _files(tmp_path / "ten"), _files(corpus)
    assert len([name for name in small if name.startswith("articles/")]) == 10
    assert {name: large.get(name) for name in small} == small


def test_furniture_is_moved_out_of_the_text(archive: Archive) -> None:
    removed = {segment.rule for article in archive.articles for segment in article.removed}
    for rule in (
        "headline",
        "advertisement",
        "related-links",
        "cookie-notice",
        "newsletter-prompt",
        "copyright",
        "byline",
        "share-buttons",
        "video-duration",
    ):
        assert rule in removed, rule
    assert removed & {"dateline-domain", "dateline-place-outlet"}
    assert removed & {"pipe-metadata", "timestamp-line"}
    credits = {s.rule for a in archive.articles for m in a.media for s in m.credits}
    assert credits & {"labelled-credit", "agency-slash-credit", "bracketed-credit"}
    leaked = re.compile(r"Baca juga|SCROLL TO CONTINUE|ADVERTISEMENT|Foto:|Hak cipta|kuki")
    for article in archive.articles:
        for paragraph in article.paragraphs:
            assert not leaked.search(paragraph.text), (article.source.id, paragraph.text)


def test_no_article_repeats_a_content_line_of_the_seeds(corpus: Path) -> None:
    """Were a seed's heading or caption copied whole into many articles of its outlet, the
    cleaner would take it for boilerplate and the seed would lose a paragraph, breaking the
    explainers' citations once the corpus is large. Furniture lines may repeat."""
    material = load_material(SOURCES)
    assert len(material.seed_lines) > 10
    copied = [
        (path.name, line)
        for path in sorted((corpus / "articles").rglob("*.md"))
        for line in path.read_text(encoding="utf-8").split("\n")
        if normalize(line) in material.seed_lines and not _line_rule(material.rules, line)
    ]
    assert copied == []


def test_every_article_gives_extraction_work(archive: Archive) -> None:
    for article_id, extraction in archive.extractions.items():
        for kind in ("dates", "figures", "quotes", "attributions", "mentions", "terms"):
            assert getattr(extraction, kind), (article_id, kind)
        assert all(quote.speaker or quote.speaker_text for quote in extraction.quotes)
    texts = [d.text for x in archive.extractions.values() for d in x.dates]
    assert any(re.fullmatch(r"\w+ \(\d{1,2}/\d{1,2}\)", t) for t in texts)  # Kamis (22/12)
    assert any(re.search(r"\d{1,2} \w+ \d{4}", t) for t in texts)  # 22 Desember 2016
    assert any(t.endswith("pekan lalu") for t in texts)  # Rabu pekan lalu
    assert any(t.startswith(("akhir ", "awal ", "pertengahan ")) for t in texts)  # akhir Juli


def test_command_line(tmp_path: Path) -> None:
    argv = ["--sources", str(SOURCES), "synth", "--articles", "3", "--out", str(tmp_path / "s")]
    assert main(argv) == 0
    assert len(list((tmp_path / "s" / "articles").rglob("*.md"))) == 3
    assert main(argv) == 1  # refuses to write into a folder that is not empty
