"""The event index, event pages, timeline exports, and explainers that cite paragraphs."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from news_archive.archive import Archive, build_indexes
from news_archive.citations import read_explainers, render_citations
from news_archive.errors import ArchiveError, Severity
from news_archive.pipeline import build_archive, render_explainers, render_site
from tests.conftest import ROOT, SOURCES, TODAY, copy_project, run_mkdocs_build, write_article

CONTENT = ROOT / "content"
HTS_ARTICLE = "inews-2024-12-02-video-pemberontak-duduki-istana-aleppo"
CURATED = {
    "pertempuran-aleppo-dimulai": "2012-07-19",
    "pengepungan-aleppo-timur": "2016-07-21/2016-07-31",
    "serangan-september-2016": "2016-09",
    "serangan-november-desember-2016": "2016-11/2016-12-10",
    "evakuasi-9-desember-2016": "2016-12-09",
    "bantahan-kemenhan-rusia-13-desember-2016": "2016-12-13",
    "kesepakatan-evakuasi-14-desember-2016": "2016-12-14",
    "pertempuran-14-15-desember-2016": "2016-12-14/2016-12-15",
    "pernyataan-assad-20-desember-2016": "2016-12-20",
    "kendali-penuh-22-desember-2016": "2016-12-22",
    "nusra-berganti-nama-2017": "2017",
    "serangan-hts-dimulai-2024": "2024-11-27",
    "video-istana-aleppo-2024": "2024-12-01",
}
"""The events the issue names, with the dates the seeds give them."""


@pytest.fixture(scope="module")
def archive() -> Archive:
    return build_archive(SOURCES, root=ROOT, today=TODAY, content=CONTENT)


@pytest.fixture(scope="module")
def pages(archive: Archive) -> dict[str, str]:
    return {page.path: page.content for page in render_site(archive)}


def _sections(index: str) -> dict[str, str]:
    """The event index cut at each event heading: event id → its block."""
    blocks = re.split(r"^(?=#{2,4} )", index, flags=re.M)
    found = {}
    for block in blocks:
        heading = re.match(r"#### .*\{ #([a-z0-9-]+) \}", block)
        if heading:
            found[heading.group(1)] = block
    return found


def test_every_curated_event_is_on_the_index_with_a_source_paragraph(
    archive: Archive, pages: dict[str, str]
) -> None:
    events = archive.corpus.events
    assert {e: events[e].iso for e in CURATED} == CURATED
    index = pages["peristiwa/index.md"]
    sections = _sections(index)
    assert set(sections) == set(events)
    for event_id, block in sections.items():
        links = re.findall(r"\(\.\./artikel/[a-z0-9-]+\.md#d[0-9]+\)", block)
        assert links, f"{event_id} links to no source paragraph"
        assert f"peristiwa/{event_id}.md" in pages
    # Both periods, in order, under their years.
    years = re.findall(r"^## (\d{4}) ", index, flags=re.M)
    assert years == sorted(years) and {"2012", "2016", "2017", "2024"} <= set(years)
    assert index.index("## 2016 ") < index.index("#### [Kelompok pemberontak pimpinan HTS")


def test_precision_is_visible_and_both_languages_are_given(pages: dict[str, str]) -> None:
    sections = _sections(pages["peristiwa/index.md"])
    siege = sections["pengepungan-aleppo-timur"]
    assert '**akhir Juli 2016** · <span lang="en">late July 2016</span>' in siege
    assert "31 Juli" not in siege.split("Laporan:")[0]
    offensive = sections["serangan-november-desember-2016"]
    assert "**November 2016 – awal Desember 2016**" in offensive
    assert "early December 2016" in offensive
    assert (
        '**Kamis, 19 Juli 2012** · <span lang="en">Thursday, 19 July 2012</span>'
        in sections["pertempuran-aleppo-dimulai"]
    )
    assert "**2017** · " in sections["nusra-berganti-nama-2017"]


def test_the_hts_offensive_starts_on_27_november_from_rabu_pekan_lalu(
    archive: Archive, pages: dict[str, str]
) -> None:
    indexes = build_indexes(archive)
    reports = indexes.reports_by_event["serangan-hts-dimulai-2024"]
    [report] = [r for r in reports if "Rabu pekan lalu" in r.mention.text]
    assert report.article.id == HTS_ARTICLE
    assert report.article.published.iso == "2024-12-02"
    assert report.value is not None
    assert (report.value.first_day, report.value.last_day) == (dt.date(2024, 11, 27),) * 2
    block = _sections(pages["peristiwa/index.md"])["serangan-hts-dimulai-2024"]
    assert "**Rabu, 27 November 2024**" in block
    assert "“sejak Rabu pekan lalu” → Rabu, 27 November 2024" in block
    assert f"(../artikel/{HTS_ARTICLE}.md#d" in block


def test_every_date_mention_in_the_export_is_on_the_timeline(pages: dict[str, str]) -> None:
    index = pages["peristiwa/index.md"]
    on_timeline = set(re.findall(r"\(\.\./artikel/([a-z0-9-]+)\.md#(d[0-9]+)\)", index))
    exported = json.loads(pages["data/dates.json"])
    assert len(exported) > 20
    in_export = {(record["article"], record["anchor"]) for record in exported}
    assert in_export == on_timeline
    # The uncurated ones are marked as such, under the date they give.
    assert (
        "*belum dikurasi* · [iNews.id](../media/inews.md): “Sabtu” → Sabtu, 30 November 2024"
        in (index)
    )


def test_each_report_links_to_its_anchor_on_the_article_page(pages: dict[str, str]) -> None:
    index = pages["peristiwa/index.md"]
    for article, anchor in set(re.findall(r"\(\.\./artikel/([a-z0-9-]+)\.md#(d[0-9]+)\)", index)):
        assert f'id="{anchor}"' in pages[f"artikel/{article}.md"], (article, anchor)


def test_an_event_page_shows_reports_figures_quotes_and_differing_dates(
    pages: dict[str, str],
) -> None:
    deal = pages["peristiwa/kesepakatan-evakuasi-14-desember-2016.md"]
    assert "Media menyebut tanggal yang berbeda" in deal
    assert "Rossiyskaya Gazeta menulis “awal Desember” (awal Desember 2016)" in deal
    assert "| Media | Tanggal menurut media | Kalimat | Paragraf |" in deal
    evacuation = pages["peristiwa/evakuasi-9-desember-2016.md"]
    assert "## Angka yang dilaporkan" in evacuation
    assert "8.461" in evacuation and "2.934" in evacuation
    denial = pages["peristiwa/bantahan-kemenhan-rusia-13-desember-2016.md"]
    assert "## Kutipan tentang peristiwa ini" in denial
    assert "Igor Konashenkov" in denial


def test_outlets_giving_figures_that_cannot_both_be_true_are_flagged_on_the_event(
    sources: Path,
) -> None:
    for source in SOURCES.glob("articles/*.md"):
        shutil.copy2(source, sources / "articles" / source.name)
    write_article(
        sources,
        "uji-evakuasi-lain",
        "Kementerian Pertahanan Rusia menyatakan pada Jumat (9/12) bahwa 2.000 warga "
        "dievakuasi dari Aleppo dalam 24 jam terakhir.\n",
        outlet="inews",
        published="2016-12-10",
    )
    archive = build_archive(sources, root=sources.parent, today=TODAY)
    page = {p.path: p.content for p in render_site(archive)}[
        "peristiwa/evakuasi-9-desember-2016.md"
    ]
    assert "Perbedaan antarmedia" in page
    assert "8.461" in page.split("Perbedaan antarmedia")[1].split("</div>")[0]
    assert "2.000" in page.split("Perbedaan antarmedia")[1].split("</div>")[0]


def test_a_date_that_cannot_be_worked_out_is_listed_after_the_dated_ones(
    sources: Path,
) -> None:
    """An article dated only by its month cannot say which day "kemarin" was; that
    mention stays on the timeline, after every dated one."""
    write_article(
        sources,
        "uji-tanpa-hari",
        "Warga meninggalkan kota itu kemarin. Bantuan tiba pada Maret 2017.\n",
        published="2017-03",
    )
    archive = build_archive(sources, root=sources.parent, today=TODAY)
    mentions = {d.text: d.value for d in archive.extractions["uji-tanpa-hari"].dates}
    assert mentions["kemarin"] is None and mentions["Maret 2017"] is not None
    index = {p.path: p.content for p in render_site(archive)}["peristiwa/index.md"]
    dated, undated = index.split("Tanpa tanggal yang dapat ditentukan")
    assert "Maret 2017" in dated and "kemarin" not in dated
    assert "kemarin" in undated


def test_timelinejs_export_has_the_documented_fields(pages: dict[str, str]) -> None:
    timeline = json.loads(pages["data/timeline.json"])
    assert set(timeline) == {"title", "events", "eras"}
    assert timeline["title"]["text"]["headline"]
    assert len(timeline["events"]) == len(CURATED)
    groups = set()
    for slide in timeline["events"]:
        assert isinstance(slide["start_date"]["year"], int)
        assert set(slide["start_date"]) <= {"year", "month", "day"}
        assert slide["text"]["headline"] and slide["text"]["text"]
        assert slide["unique_id"] in CURATED
        groups.add(slide["group"])
    assert len(groups) == 3
    slides = {slide["unique_id"]: slide for slide in timeline["events"]}
    assert slides["serangan-hts-dimulai-2024"]["start_date"] == {
        "year": 2024,
        "month": 11,
        "day": 27,
    }
    # "late July" has no day: TimelineJS would otherwise show 21 July.
    assert slides["pengepungan-aleppo-timur"]["start_date"] == {"year": 2016, "month": 7}
    assert slides["pengepungan-aleppo-timur"]["display_date"] == "akhir Juli 2016"
    assert "end_date" not in slides["pengepungan-aleppo-timur"]
    assert slides["serangan-november-desember-2016"]["end_date"] == {"year": 2016, "month": 12}
    eras = [era["text"]["headline"] for era in timeline["eras"]]
    assert len(eras) == 3 and eras[0].startswith("Pertempuran Aleppo")


def test_event_json_csv_and_calendar_exports_agree(pages: dict[str, str]) -> None:
    records = json.loads(pages["data/events.json"])
    assert [r["id"] for r in records] == list(CURATED)
    hts = next(r for r in records if r["id"] == "serangan-hts-dimulai-2024")
    assert hts["date_text"] == {"id": "Rabu, 27 November 2024", "en": "Wednesday, 27 November 2024"}
    assert any(r["text"] == "sejak Rabu pekan lalu" and r["anchor"] for r in hts["reports"])
    csv_lines = pages["data/events.csv"].splitlines()
    assert len(csv_lines) == len(CURATED) + 1
    assert csv_lines[0].startswith("id,date,precision,date_text_id,date_text_en,period,")
    calendar = pages["data/events.ics"]
    assert calendar.count("BEGIN:VEVENT") == len(CURATED)
    assert "DTSTART;VALUE=DATE:20241127\r\nDTEND;VALUE=DATE:20241128\r\n" in calendar
    assert all(len(line.encode()) <= 75 for line in calendar.split("\r\n"))


# --------------------------------------------------------------------------------------
# Explainers


EXPLAINERS = {
    "penjelasan/pertempuran-aleppo.md": "Pertempuran Aleppo 2012–2016",
    "penjelasan/serangan-hts-2024.md": "Serangan HTS ke Aleppo, 2024",
    "penjelasan/cara-membaca.md": "Cara membaca arsip ini",
}


def test_the_three_explainers_cite_a_source_in_every_factual_paragraph(archive: Archive) -> None:
    explainers = {e.page: e for e in archive.explainers}
    assert set(EXPLAINERS) <= set(explainers)
    for page, title in EXPLAINERS.items():
        text = (CONTENT / page).read_text(encoding="utf-8")
        assert "citations: required" in text.split("---")[1], page
        assert explainers[page].title == title
        assert explainers[page].uncited == (), page
    assert archive.citation_warnings == ()
    story = explainers["penjelasan/pertempuran-aleppo.md"]
    cited = {c.target for c in story.citations if c.kind == "src"}
    assert len(cited) >= 4, "the battle explainer should draw on several articles"


def test_where_sources_disagree_the_explainer_cites_both(archive: Archive) -> None:
    story = next(e for e in archive.explainers if e.page == "penjelasan/pertempuran-aleppo.md")
    text = (CONTENT / story.page).read_text(encoding="utf-8")
    paragraph = next(p for p in text.split("\n\n") if "berbeda\nsoal tanggalnya" in p)
    assert "[[src:2016-12-evakuasi-aleppo-tidak-berjalan-mulus#p6]]" in paragraph
    assert "[[src:rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo#p13]]" in paragraph


def test_citations_resolve_to_links_and_numbered_source_notes(archive: Archive) -> None:
    [story] = [
        p.content
        for p in render_explainers(archive, CONTENT)
        if p.path == "penjelasan/pertempuran-aleppo.md"
    ]
    assert "[[" not in story.replace("`[[", "")
    assert "## Sumber yang dikutip { #sumber-kutipan }" in story
    notes = re.findall(r"^\[\^src-(\d+)\]: (.*)$", story, flags=re.M)
    assert [int(n) for n, _ in notes] == list(range(1, len(notes) + 1))
    first = dict(notes)["1"]
    assert first.startswith("Rossiyskaya Gazeta, [Juru bicara Kementerian Pertahanan Rusia")
    assert "(../artikel/rg-2016-12-13-konashenkov-bantah-250-ribu-warga-terjebak.md#p8)" in first
    # The paragraph's opening words are shown, but left to the article itself in search.
    assert (
        "13 Desember 2016, paragraf p8: <span data-pagefind-ignore>“Pertempuran Aleppo berlangsung"
        in first
    )
    # A paragraph cited twice keeps its number.
    assert story.count("[^src-1]") == 3
    assert "[Tentara Suriah](../entitas/tentara-suriah.md)" in story
    assert "[Rossiyskaya Gazeta](../media/rossiyskaya-gazeta.md)" in story
    unknown = [n for n, note in notes if "Media tidak diketahui" in note]
    assert unknown, "a note for an article without a known outlet says so"


def test_cited_paragraphs_link_back_to_the_explainers(pages: dict[str, str]) -> None:
    page = pages["artikel/rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo.md"]
    back = '<p class="na-cited-in">Dikutip dalam: <a href="../../penjelasan/pertempuran-aleppo/">'
    assert back + "Pertempuran Aleppo 2012–2016</a></p>" in page
    # Under the paragraph it cites: p6 (Assad's statement) is cited by the battle explainer.
    p6 = page.split('<p id="p6">')[1].split('<p id="p7">')[0]
    assert "na-cited-in" in p6
    hts = pages[f"artikel/{HTS_ARTICLE}.md"]
    assert '<a href="../../penjelasan/serangan-hts-2024/">Serangan HTS ke Aleppo, 2024</a>' in hts


def _explainer(tmp_path: Path, body: str) -> Path:
    content = tmp_path / "content"
    (content / "penjelasan").mkdir(parents=True, exist_ok=True)
    page = content / "penjelasan" / "uji.md"
    page.write_text(body, encoding="utf-8")
    return content


def _problems(content: Path) -> list[str]:
    try:
        archive = build_archive(SOURCES, root=content.parent, today=TODAY, content=content)
    except ArchiveError as exc:
        return [str(p) for p in exc.problems]
    return [f"{p.severity}: {p}" for p in archive.citation_warnings]


RG = "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            f"Fakta [[src:{RG}#p99]].",
            f"content/penjelasan/uji.md:6: citation: [[src:{RG}#p99]]: the article has no "
            "paragraph 'p99' (it has p1–p13)",
        ),
        (
            "Fakta [[src:tidak-ada#p1]].",
            "content/penjelasan/uji.md:6: citation: [[src:tidak-ada#p1]]: no article has the id "
            "'tidak-ada'",
        ),
        (
            f"Fakta [[src:{RG}]].",
            f"content/penjelasan/uji.md:6: citation: [[src:{RG}]]: the article has no paragraph ''",
        ),
        (
            f"Fakta [[src:{RG}#p1]] tentang [[entity:tidak-ada]].",
            "content/penjelasan/uji.md:6: citation: [[entity:tidak-ada]]: unknown entity 'tidak-ada'",
        ),
        (
            f"Fakta [[src:{RG}#p1]] tentang [[term:tidak-ada]].",
            "content/penjelasan/uji.md:6: citation: [[term:tidak-ada]]: unknown term 'tidak-ada'",
        ),
        (
            f"Fakta [[src:{RG}#p1]] tentang [[event:tidak-ada]].",
            "content/penjelasan/uji.md:6: citation: [[event:tidak-ada]]: unknown event 'tidak-ada'",
        ),
        (
            f"Fakta [[src:{RG}#p1]] dari [[outlet:tidak-ada]].",
            "content/penjelasan/uji.md:6: citation: [[outlet:tidak-ada]]: unknown outlet 'tidak-ada'",
        ),
        (
            "Fakta tanpa kutipan.",
            "warning: content/penjelasan/uji.md:6: citation: this paragraph states facts without "
            "citing a source paragraph",
        ),
        (
            "- butir pertama\n- butir kedua [[src:" + RG + "#p1]]",
            "warning: content/penjelasan/uji.md:6: citation: this paragraph states facts without "
            "citing a source paragraph",
        ),
    ],
)
def test_a_bad_citation_names_the_file_and_line(tmp_path: Path, line: str, expected: str) -> None:
    content = _explainer(tmp_path, f"---\ntitle: Uji\ncitations: required\n---\n\n{line}\n")
    problems = _problems(content)
    assert any(p.startswith(expected) for p in problems), problems
    assert len(problems) == 1, problems


def test_examples_in_code_and_paragraphs_about_the_archive_are_not_citations(
    tmp_path: Path, archive: Archive
) -> None:
    body = (
        "---\ntitle: Uji\ncitations: required\n---\n\n"
        "Tulis `[[src:tidak-ada#p1]]` untuk mengutip. {: .na-meta }\n\n"
        "```\n[[entity:tidak-ada]]\n```\n\n"
        f"Tentara [[src:{RG}#p2]] dan lagi [[src:{RG}#p2|di sini]].\n"
    )
    content = _explainer(tmp_path, body)
    assert _problems(content) == []
    built = build_archive(SOURCES, root=tmp_path, today=TODAY, content=content)
    [explainer] = built.explainers
    shown = render_citations(body, explainer.page, built, "id", lambda key: key)
    assert "`[[src:tidak-ada#p1]]`" in shown and "[[entity:tidak-ada]]" in shown
    assert shown.count("[^src-1]") == 3 and "[^src-2]" not in shown  # two uses and the note
    assert f"[di sini](../artikel/{RG}.md#p2)[^src-1]" in shown


def test_pages_without_the_syntax_are_not_explainers(tmp_path: Path) -> None:
    content = _explainer(tmp_path, "# Biasa\n\nTeks biasa tanpa kutipan.\n")
    explainers, problems = read_explainers(content, tmp_path)
    assert explainers == [] and problems == []


def test_a_missing_paragraph_fails_the_mkdocs_build_naming_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "content" / "penjelasan" / "serangan-hts-2024.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines.insert(20, f"Kalimat baru [[src:{HTS_ARTICLE}#p40]].")
    lines.insert(20, "")
    page.write_text("\n".join(lines), encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode != 0
    assert (
        f"content/penjelasan/serangan-hts-2024.md:22: citation: [[src:{HTS_ARTICLE}#p40]]: "
        "the article has no paragraph 'p40'"
    ) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_an_uncited_paragraph_fails_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "content" / "penjelasan" / "serangan-hts-2024.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nAleppo direbut tanpa perlawanan.\n", encoding="utf-8"
    )
    result = run_mkdocs_build(project)
    assert result.returncode != 0
    assert "content/penjelasan/serangan-hts-2024.md" in result.stderr
    assert "states facts without citing a source paragraph" in result.stderr


# --------------------------------------------------------------------------------------
# The event registry


def _events_problem(sources: Path, old: str, new: str) -> list[str]:
    path = sources / "events.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    try:
        build_archive(sources, root=sources.parent, today=TODAY)
    except ArchiveError as exc:
        return [str(p) for p in exc.problems if p.severity is Severity.ERROR]
    return []


def _line_of(sources: Path, text: str) -> int:
    lines = (sources / "events.yml").read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'date: "2016-12-09"\n    precision: day',
            'date: "2016-12"\n    precision: day',
            "precision 'day' needs a date like 2016-12-14",
        ),
        (
            'date: "2016-07-late"',
            'date: "2016-07"',
            "precision 'part_of_month' needs a date like 2016-07-late",
        ),
        ('date: "2016-07-late"', 'date: "2016-07-last"', "is not of the expected form"),
        ('date: "2024-12-01"', 'date: "2030-12-01"', "2030-12-01 falls in no period"),
        (
            "entities: [tentara-suriah, aleppo-timur]",
            "entities: [tentara]",
            "unknown entity 'tentara'",
        ),
    ],
)
def test_a_bad_event_names_the_line_and_field(
    sources: Path, old: str, new: str, expected: str
) -> None:
    problems = _events_problem(sources, old, new)
    assert len(problems) == 1, problems
    [problem] = problems
    line = _line_of(sources, new.split("\n")[0].strip())
    assert problem.startswith(f"sources/events.yml:{line}: events["), problem
    assert expected in problem


def test_a_part_of_month_can_also_be_written_as_its_days(sources: Path) -> None:
    assert _events_problem(sources, 'date: "2016-07-late"', 'date: "2016-07-21/2016-07-31"') == []
    archive = build_archive(sources, root=sources.parent, today=TODAY)
    siege = archive.corpus.events["pengepungan-aleppo-timur"]
    assert siege.parts == ("late", "late")
