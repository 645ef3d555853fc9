"""Source cards, outlet pages, figures compared across outlets, quotes, JSON-LD (built site)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from news_archive.extract.model import Figure
from news_archive.quantities import interval
from tests.conftest import copy_project, run_mkdocs_build

SEEDS = {
    "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo": {
        "outlet": "rossiyskaya-gazeta",
        "date": ("Kamis, 22 Desember 2016", "Thursday, 22 December 2016"),
        "cites": ["rt", "sana", "reuters", "ruptly", "youtube"],
        "speakers": ["Tentara Suriah", "Bashar al-Assad"],
    },
    "rg-2016-12-13-konashenkov-bantah-250-ribu-warga-terjebak": {
        "outlet": "rossiyskaya-gazeta",
        "date": ("Selasa, 13 Desember 2016", "Tuesday, 13 December 2016"),
        "cites": ["sputnik", "rt", "youtube"],
        "speakers": ["Igor Konashenkov"],
    },
    "viva-2016-12-ribuan-warga-sipil-aleppo-dievakuasi": {
        "outlet": "viva",
        "date": ("Desember 2016", "December 2016"),
        "cites": ["sputnik", "al-jazeera", "reuters"],
        "speakers": ["Menteri Pertahanan Rusia"],
    },
    "2016-12-evakuasi-aleppo-tidak-berjalan-mulus": {
        "outlet": None,
        "date": ("Desember 2016", "December 2016"),
        "cites": ["reuters", "getty-images", "afp", "picture-alliance", "dpa", "abaca", "orient"],
        "speakers": ["Ahmed Sweid", "Kementerian Luar Negeri Rusia"],
    },
    "inews-2024-12-02-video-pemberontak-duduki-istana-aleppo": {
        "outlet": "inews",
        "date": ("Senin, 2 Desember 2024", "Monday, 2 December 2024"),
        "cites": ["telegram", "sana"],
        "speakers": ["Abbas Araghchi"],
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("pages") / "project")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "build" / "site"


def card_of(page: str) -> str:
    found = re.search(r'<div[^>]*class="na-card"[^>]*>(.*?)</div>\s*<h2', page, re.S)
    assert found, "no source card"
    return found.group(1)


@pytest.mark.parametrize("article_id", sorted(SEEDS))
def test_the_card_of_each_seed(site: Path, article_id: str) -> None:
    expected = SEEDS[article_id]
    page = (site / "artikel" / article_id / "index.html").read_text(encoding="utf-8")
    card = card_of(page)
    terms = re.findall(r"<dt>(.*?)</dt>", card)
    assert terms[:1] == ["Media"] and {
        "Terbit",
        "Alamat asli",
        "Bahasa",
        "Mengutip",
        "Penutur yang dikutip",
        "Ditemukan dalam teks",
        "Berkas sumber",
    } <= set(terms)
    if expected["outlet"]:
        assert f'href="../../media/{expected["outlet"]}/"' in card
        assert "Afiliasi" in terms
    else:
        assert "<em>tidak diketahui</em>" in card
    for date in expected["date"]:
        assert date in card
    assert "Alamat asli</dt>\n<dd><em>tidak diketahui</em>" in card
    for outlet in expected["cites"]:
        assert f'href="../../media/{outlet}/"' in card, outlet
    for speaker in expected["speakers"]:
        assert speaker in card, speaker
    anchors = re.findall(r'href="#([dfq]\d+)"', card)
    assert anchors, "the counts link to the items"
    for anchor in anchors:
        assert f'id="{anchor}"' in page, anchor


def test_marks_in_the_text_show_the_normalised_value(site: Path) -> None:
    page = (
        site / "artikel" / "viva-2016-12-ribuan-warga-sipil-aleppo-dievakuasi" / "index.html"
    ).read_text(encoding="utf-8")
    assert re.search(
        r'<span class="na-figure" id="f4" title="8\.461 warga kota → 8461 · tepat">8\.461 warga kota</span>',
        page,
    )
    assert re.search(
        r'<span class="na-date" id="d2" title="2016-12-09 · hari · eksplisit">Jumat, 9 Desember 2016</span>',
        page,
    )
    assert 'class="na-quote"' in page


def test_a_weekday_conflict_is_shown_on_the_card(tmp_path: Path) -> None:
    from tests.conftest import write_article

    project = copy_project(tmp_path / "project")
    write_article(
        project / "sources",
        "uji-hari",
        "Ledakan terjadi Kamis (16/12/2016) di Aleppo.\n",
        published="2016-12-20",
    )
    path = project / "sources/articles/uji-hari.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "notes: Test source.",
            "notes: Test source.\nreviewed: ['p1 weekday-mismatch: as printed']",
        ),
        encoding="utf-8",
    )
    assert run_mkdocs_build(project).returncode == 0
    card = card_of((project / "build/site/artikel/uji-hari/index.html").read_text(encoding="utf-8"))
    assert "Peringatan dari pembacaan teks" in card
    assert "nama hari tidak cocok dengan tanggalnya (sudah diperiksa)" in card


def test_figures_page_groups_the_seed_figures_with_outlet_affiliation(site: Path) -> None:
    page = (site / "angka" / "index.html").read_text(encoding="utf-8")
    sections = dict(re.findall(r'<h2 id="([a-z-]+)">.*?</h2>(.*?)(?=<h2 |\Z)', page, re.S))
    expected = {
        "warga-sipil-dievakuasi": [
            "7.796 warga sipil",
            "8.461 warga kota",
            "lebih dari 78 ribu warga sipil",
            "Sebanyak 100 ribu penduduk",
            "sekitar 130 ribu warga",
        ],
        "militan-menyerah": ["Sebanyak 375 militan", "sebanyak 375 orang milisi", "14 militan"],
        "warga-terjebak": ["250 ribu warga sipil"],
    }
    for quantity, texts in expected.items():
        section = html.unescape(sections[quantity])
        for text in texts:
            assert text in section, (quantity, text)
        assert "milik atau didanai negara · Rusia" in section or "swasta · Indonesia" in section
        assert re.search(r'href="\.\./artikel/[a-z0-9-]+/#f\d+"', sections[quantity])


def test_all_figures_page_lists_every_figure_and_is_sortable(site: Path) -> None:
    page = (site / "angka" / "semua" / "index.html").read_text(encoding="utf-8")
    figures = json.loads((site / "data" / "figures.json").read_text(encoding="utf-8"))
    rows = re.findall(r"<tr>", page.split('class="na-sortable"', 1)[1])
    assert len(rows) == len(figures) + 1
    assert 'class="na-sortable"' in page and "assets/sort.js" in page


def test_quotes_page_groups_by_speaker(site: Path) -> None:
    page = (site / "kutipan" / "index.html").read_text(encoding="utf-8")
    headings = [
        re.sub(r"<[^>]+>|&para;", "", h) for h in re.findall(r"<h2 id=[^>]*>(.*?)</h2>", page)
    ]
    assert headings[:2] == [
        "Pusat Rekonsiliasi Rusia untuk Suriah",
        "Igor Konashenkov",
    ]  # most quoted first
    assert {"Bashar al-Assad", "Abbas Araghchi", "Tentara Suriah"} <= set(headings)
    assert page.count('href="../artikel/') >= 13


def test_outlet_pages_and_index(site: Path) -> None:
    index = (site / "media" / "index.html").read_text(encoding="utf-8")
    publishers, cited = index.split('id="dikutip-oleh-artikel"', 1)
    assert (
        "Rossiyskaya Gazeta" in publishers
        and "iNews.id" in publishers
        and "VIVA.co.id" in publishers
    )
    assert "Reuters" in cited and "SANA" in cited and "Rossiyskaya Gazeta" not in cited
    rg = (site / "media" / "rossiyskaya-gazeta" / "index.html").read_text(encoding="utf-8")
    assert "Official newspaper of the Government of the Russian Federation" in rg
    assert "Surat kabar resmi Pemerintah Federasi Rusia" in rg
    assert rg.count('href="../../artikel/') >= 2 and 'href="../sana/"' in rg
    reuters = (site / "media" / "reuters" / "index.html").read_text(encoding="utf-8")
    assert "kepada Reuters" in reuters and "#p5" in reuters


def test_json_ld_of_each_article(site: Path) -> None:
    for article_id in SEEDS:
        page = (site / "artikel" / article_id / "index.html").read_text(encoding="utf-8")
        [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        data = json.loads(raw)
        assert data["@type"] == "NewsArticle" and data["@context"] == "https://schema.org"
        assert {"headline", "datePublished", "inLanguage", "citation"} <= set(data)
        assert all(c["@type"] == "Organization" and c["name"] for c in data["citation"])
        assert ("publisher" in data) == bool(SEEDS[article_id]["outlet"])
        assert "isBasedOn" not in data  # no seed URL is known


def test_json_ld_cannot_break_out_of_its_script(tmp_path: Path) -> None:
    from tests.conftest import write_article

    project = copy_project(tmp_path / "project")
    write_article(
        project / "sources",
        "uji-judul",
        "Teks biasa artikel uji.\n",
        title="Judul </script><script>alert(1)</script>",
    )
    assert run_mkdocs_build(project).returncode == 0
    page = (project / "build/site/artikel/uji-judul/index.html").read_text(encoding="utf-8")
    [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(raw)["headline"] == "Judul </script><script>alert(1)</script>"


def test_a_new_quantity_in_the_registry_shows_its_figures(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    registry = project / "sources" / "quantities.yml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + """
  - id: jarak-dari-aleppo
    names: {id: Jarak dari Aleppo, en: Distance from Aleppo}
    unit: km
    context: [Aleppo, jaraknya]
""",
        encoding="utf-8",
    )
    assert run_mkdocs_build(project).returncode == 0
    page = (project / "build/site/angka/index.html").read_text(encoding="utf-8")
    section = page.split('id="jarak-dari-aleppo"', 1)[1]
    assert "sekitar 350 km" in section and "sekitar 80 km" in section
    quantities = json.loads(
        (project / "build/site/data/quantities.json").read_text(encoding="utf-8")
    )
    [distance] = [q for q in quantities if q["id"] == "jarak-dari-aleppo"]
    assert sorted(f["value"] for f in distance["figures"]) == [80, 350]


@pytest.mark.parametrize(
    ("qualifier", "value", "value_max", "expected"),
    [
        ("exact", 100, None, (100, 100)),
        ("more_than", 100, None, (100, float("inf"))),
        ("approximately", 100, None, (90, 110)),
        ("range", 10, 13, (10, 13)),
        ("up_to", 50, None, (0, 50)),
    ],
)
def test_what_a_qualifier_allows(
    qualifier: str, value: float, value_max: float | None, expected: tuple[float, float]
) -> None:
    figure = Figure("p1", 0, 0, 1, "x", value, value_max, qualifier, None, None)
    low, high = interval(figure, 0.0)
    assert (round(low, 6), round(high, 6) if high != float("inf") else high) == expected
