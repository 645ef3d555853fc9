"""Entity pages, the glossary, and the links and tooltips they put into the article text."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from news_archive.errors import ArchiveError
from news_archive.pipeline import build_archive
from news_archive.report import contributor_report
from news_archive.sources import load_corpus
from tests.conftest import ROOT, SOURCES, TODAY, copy_project, run_mkdocs_build, write_article


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("entities") / "project")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "build" / "site"


def test_every_name_in_the_seed_bodies_resolves_to_an_entity() -> None:
    archive = build_archive(SOURCES, root=ROOT, today=TODAY)
    unknown = [
        (article, m.unit, m.text)
        for article, extraction in archive.extractions.items()
        for m in extraction.mentions
        if m.entity is None
    ]
    assert unknown == []
    assert all(not report.unknown_names for report in contributor_report(archive))
    entities = archive.corpus.entities
    mentioned = {m.entity for x in archive.extractions.values() for m in x.mentions}
    for wanted in (
        "bashar-al-assad",
        "igor-konashenkov",
        "hayat-tahrir-al-sham",
        "jabhat-al-nusra",
        "pusat-rekonsiliasi-rusia",
        "bustan-al-qasr",
        "komite-internasional-palang-merah",
    ):
        assert wanted in mentioned, wanted
    assert all(entity.description for entity in entities.values())


def test_entity_page_has_names_description_aliases_relations_and_mentions(site: Path) -> None:
    page = (site / "entitas" / "hayat-tahrir-al-sham" / "index.html").read_text(encoding="utf-8")
    text = html.unescape(page)
    assert "Hayi'at Tahrir Al Shams" in text and "HTS" in text
    assert 'href="../jabhat-al-nusra/"' in page and "dahulu bernama" in text
    assert (
        page.count('href="../../artikel/inews-2024-12-02-video-pemberontak-duduki-istana-aleppo/#p')
        >= 3
    )
    konashenkov = (site / "entitas" / "igor-konashenkov" / "index.html").read_text(encoding="utf-8")
    assert 'href="../kementerian-pertahanan-rusia/"' in konashenkov and "juru bicara" in konashenkov
    assert "Operasi tentara Suriah untuk membebaskan" in html.unescape(konashenkov)  # his quotes
    assert 'href="../../media/rossiyskaya-gazeta/"' in konashenkov  # outlets that mention him
    assessed = (site / "entitas" / "bashar-al-assad" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.wikidata.org/wiki/Q44329"' in assessed
    assert "Paling sering disebut bersama" in assessed and 'href="../suriah/"' in assessed


def test_entities_index_groups_by_kind(site: Path) -> None:
    page = (site / "entitas" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2 id=\"[^\"]+\">(.*?)<", page)
    assert headings == ["Orang", "Organisasi", "Tempat", "Konflik"]


def test_glossary_has_forty_terms_in_both_directions(site: Path) -> None:
    corpus = load_corpus(SOURCES, root=ROOT, today=TODAY)
    assert len(corpus.terms) >= 40
    indonesian = (site / "glosarium" / "index.html").read_text(encoding="utf-8")
    english = (site / "glosarium" / "inggris" / "index.html").read_text(encoding="utf-8")
    for term in corpus.terms.values():
        assert f'id="{term.id}"' in indonesian, term.id
        assert f'href="../#{term.id}"' in english, term.id
    assert 'href="#huruf-e"' in indonesian and 'id="huruf-e"' in indonesian
    assert "evacuation" in english and "ceasefire" in english


def test_one_terms_occurrences_counted_by_hand(site: Path) -> None:
    # Counted in the text of 2016-12-evakuasi-aleppo-tidak-berjalan-mulus: "Pusat Pengawasan
    # Gencatan Senjata Rusia" (p3), "gencatan senjata lanjutan" (p5) and, in the last photo's
    # caption, "gencatan senjata-pun" (m12). No other article uses the term.
    page = (site / "glosarium" / "index.html").read_text(encoding="utf-8")
    entry = page.split('id="gencatan-senjata"', 1)[1].split("<h3", 1)[0]
    assert "Muncul 3 kali" in entry
    links = re.findall(r'href="\.\./artikel/([a-z0-9-]+)/#([pm]\d+)"', entry)
    assert links == [
        ("2016-12-evakuasi-aleppo-tidak-berjalan-mulus", "p3"),
        ("2016-12-evakuasi-aleppo-tidak-berjalan-mulus", "p5"),
        ("2016-12-evakuasi-aleppo-tidak-berjalan-mulus", "m12"),
    ]


def test_the_first_evacuation_word_carries_a_tooltip_and_a_glossary_link(site: Path) -> None:
    page = (
        site / "artikel" / "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo" / "index.html"
    ).read_text(encoding="utf-8")
    text = page.split('class="na-text"', 1)[1]
    links = re.findall(r'<a class="na-term" href="([^"]+)" title="([^"]+)">([^<]+)</a>', text)
    evacuation = [link for link in links if link[0].endswith("#evakuasi")]
    assert len(evacuation) == 1
    href, title, word = evacuation[0]
    assert href == "../../glosarium/#evakuasi" and "evacuation" in title
    first = re.search(
        r"(?i)\b(evakuasi\w*|dievakuasi|mengevakuasi)\b", re.sub(r"<[^>]+>", "", text)
    )
    assert first is not None and word.casefold() == first.group(1).casefold()


def test_terms_box_lets_an_english_search_find_an_indonesian_article(site: Path) -> None:
    """The box is part of what search indexes (the browser test
    tests/browser/test_search.py finds this article for "evacuation" through the search box)."""
    article = (
        site / "artikel" / "viva-2016-12-ribuan-warga-sipil-aleppo-dievakuasi" / "index.html"
    ).read_text(encoding="utf-8")
    body = article.split("data-pagefind-body", 1)[1]
    box = body.split('id="istilah"', 1)[1].split("<details", 1)[0]
    assert "evakuasi" in box and "evacuation" in box
    assert "data-pagefind-ignore" not in box
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


def test_card_links_people_quoted_to_their_pages(site: Path) -> None:
    page = (
        site / "artikel" / "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo" / "index.html"
    ).read_text(encoding="utf-8")
    assert 'href="../../entitas/bashar-al-assad/"' in page.split('class="na-text"', 1)[0]


@pytest.mark.parametrize(
    ("registry", "old", "new", "field", "words"),
    [
        (
            "entities.yml",
            "target: jabhat-al-nusra",
            "target: jabhat-nusra",
            "relations[0].target",
            "unknown entity or outlet 'jabhat-nusra'",
        ),
        (
            "glossary.yml",
            "see: [pengampunan, menyerah, keputusan-presiden]",
            "see: [pengampunan, menyerah, keputusan]",
            "see[2]",
            "unknown term 'keputusan'",
        ),
    ],
)
def test_an_unknown_entity_or_term_id_fails_with_file_and_line(
    tmp_path: Path, registry: str, old: str, new: str, field: str, words: str
) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "sources" / registry
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        load_corpus(project / "sources", root=project, today=TODAY)
    [problem] = caught.value.problems
    assert problem.path == f"sources/{registry}" and problem.line and field in (problem.field or "")
    assert words in problem.message
    result = run_mkdocs_build(project)
    assert result.returncode != 0 and f"sources/{registry}:{problem.line}:" in result.stderr


def test_a_glossary_form_that_is_an_everyday_word_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path = project / "sources" / "glossary.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("forms: [ambulan]", "forms: [ambulan, yang]", 1),
        encoding="utf-8",
    )
    with pytest.raises(ArchiveError) as caught:
        load_corpus(project / "sources", root=project, today=TODAY)
    assert any("'yang' is an everyday word" in p.message for p in caught.value.problems)


def test_a_term_in_many_articles_lists_the_latest_and_counts_the_rest(sources: Path) -> None:
    from news_archive.pages import LIST_LIMIT
    from news_archive.pipeline import render_site

    for day in range(1, LIST_LIMIT + 4):
        write_article(
            sources,
            f"uji-evakuasi-{day:02d}",
            # Different words each time: a line an outlet repeats is furniture.
            f"Sebanyak {day * 100} warga dievakuasi dari Aleppo timur pada hari ke-{day}.\n",
            published=f"2016-12-{day:02d}",
        )
    archive = build_archive(sources, root=sources.parent, today=TODAY)
    pages = {p.path: p.content for p in render_site(archive)}
    entity = pages["entitas/aleppo-timur.md"]
    shown = re.findall(r"^### \[[^]]+\]\(\.\./artikel/(uji-evakuasi-\d+)\.md\)", entity, re.M)
    assert shown == [f"uji-evakuasi-{day:02d}" for day in range(LIST_LIMIT + 3, 3, -1)]
    assert "dan 3 artikel lain" in entity
    page = pages["glosarium/index.md"]
    entry = page.split("{ #evakuasi }", 1)[1].split("\n### ", 1)[0]
    listed = re.findall(r"\(\.\./artikel/(uji-evakuasi-\d+)\.md\)", entry)
    assert listed == [f"uji-evakuasi-{day:02d}" for day in range(LIST_LIMIT + 3, 3, -1)]
    assert "dan 3 artikel lain" in entry
    assert f"Muncul {LIST_LIMIT + 3} kali" in entry
