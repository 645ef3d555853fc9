"""Static SVG charts: the timeline strips of the event index and the bars of the figures page."""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET
from itertools import pairwise
from typing import Any

import pytest

from news_archive.archive import Archive, build_indexes
from news_archive.catalog import catalog
from news_archive.charts import (
    AXIS,
    EVENT,
    MUTED,
    OWNERSHIP_COLOURS,
    TEXT,
    FigureBar,
    TimelineMark,
    TimelineStrip,
    figures_chart,
    timeline_chart,
)
from news_archive.pipeline import build_archive, render_site
from tests.conftest import ROOT, SOURCES, TODAY

CONTENT = ROOT / "content"
EVENTS = "peristiwa/index.md"
FIGURES = "angka/index.md"


@pytest.fixture(scope="module")
def archive() -> Archive:
    return build_archive(SOURCES, root=ROOT, today=TODAY, content=CONTENT)


@pytest.fixture(scope="module")
def pages(archive: Archive) -> dict[str, dict[str, str]]:
    return {
        lang: {page.path: page.content for page in render_site(archive, lang)}
        for lang in ("id", "en")
    }


def _t(lang: str) -> Any:
    return lambda key, /, **values: catalog().text(key, lang, **values)


def _figures(markdown: str) -> list[str]:
    return re.findall(r'<figure class="na-chart[^"]*"[^>]*>.*?</figure>', markdown, re.S)


def _svgs(markdown: str) -> dict[str, ET.Element]:
    """Every chart SVG of a page, parsed, by the id of its title."""
    found = {}
    for text in re.findall(r'<svg role="[^"]+".*?</svg>', markdown, re.S):
        svg = ET.fromstring(text)
        title = svg.find("title")
        assert title is not None
        found[title.get("id", "")] = svg
    return found


def _timeline(markdown: str, period: str) -> ET.Element:
    return _svgs(markdown)[f"na-timeline-{period}-title"]


def _marks(svg: ET.Element) -> dict[str, ET.Element]:
    """The visible mark of each event link, by event id."""
    marks = {}
    for link in svg.iter("a"):
        [mark] = [e for e in link if e.get("class") == "na-mark"]
        marks[link.get("href", "").removeprefix("#")] = mark
    return marks


def _left(mark: ET.Element) -> float:
    if mark.tag == "circle":
        return float(mark.get("cx", "nan"))
    return float(mark.get("x", "nan"))


def _width(mark: ET.Element) -> float:
    if mark.tag == "circle":
        return 2 * float(mark.get("r", "nan"))
    return float(mark.get("width", "nan"))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast_on_white(colour: str) -> float:
    return 1.05 / (_luminance(colour) + 0.05)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path", [EVENTS, FIGURES])
def test_charts_are_well_formed_labelled_self_contained_svg(
    pages: dict[str, dict[str, str]], lang: str, path: str
) -> None:
    page = pages[lang][path]
    figures = _figures(page)
    assert figures, f"no chart on {path}"
    for figure in figures:
        # One raw HTML block for Python-Markdown: no blank line inside, blank lines around.
        assert "\n\n" not in figure
        assert f"\n\n{figure}\n\n" in page
        assert "http" not in figure and "<script" not in figure.lower()
        assert "<style" not in figure and "@import" not in figure and "url(" not in figure
        assert "<figcaption>" in figure
    svgs = _svgs(page)
    assert svgs
    for svg in svgs.values():
        role = svg.get("role")
        assert role in {"img", "group"}
        names = (svg.get("aria-labelledby", "") + " " + svg.get("aria-describedby", "")).split()
        title, desc = svg.find("title"), svg.find("desc")
        assert title is not None and desc is not None
        assert {title.get("id"), desc.get("id")} == set(names)
        assert (title.text or "").strip() and (desc.text or "").strip()
        # An image may not hold links (axe: nested-interactive); the timeline is a group.
        assert (role == "group") == any(True for _ in svg.iter("a"))
        assert svg.get("width") == "100%" and svg.get("viewBox", "").startswith("0 0 ")
        assert svg.get("font-family") == "inherit"
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "element ids repeat on the page"


def test_the_timeline_has_one_linked_mark_per_curated_event_in_date_order(
    archive: Archive, pages: dict[str, dict[str, str]]
) -> None:
    page = pages["id"][EVENTS]
    events = archive.corpus.events
    # Near the top, after the intro and before the first year.
    assert page.index('<figure class="na-chart na-chart-timeline"') < page.index("\n## ")
    svgs = [svg for key, svg in _svgs(page).items() if key.startswith("na-timeline-")]
    assert len(svgs) == 3, "one strip per period with events"
    links = [link for svg in svgs for link in svg.iter("a")]
    assert sorted(link.get("href", "") for link in links) == sorted(f"#{e}" for e in events)
    for link in links:
        event = events[link.get("href", "").removeprefix("#")]
        name = link.findtext("title") or ""
        assert event.title.id in name
    siege = next(link for link in links if link.get("href") == "#pengepungan-aleppo-timur")
    assert "akhir Juli 2016" in (siege.findtext("title") or "")
    for period in archive.corpus.periods:
        marks = _marks(_timeline(page, period.id))
        assert set(marks) == {e.id for e in events.values() if e.period == period.id}
        ordered = sorted(marks, key=lambda e: events[e].start.first_day)
        for before, after in pairwise(ordered):
            if events[after].start.first_day > events[before].start.first_day:
                assert _left(marks[after]) > _left(marks[before]), (before, after)


def test_a_vague_date_is_a_span_wider_than_a_day_and_drawn_pale(
    pages: dict[str, dict[str, str]],
) -> None:
    marks = _marks(_timeline(pages["id"][EVENTS], "pertempuran-aleppo"))
    day = marks["evakuasi-9-desember-2016"]
    assert day.tag == "circle" and day.get("fill-opacity") is None
    for vague in (
        "serangan-september-2016",  # month
        "pengepungan-aleppo-timur",  # part of a month
        "serangan-november-desember-2016",  # range ending early December
    ):
        mark = marks[vague]
        assert mark.tag == "rect" and _width(mark) > _width(day), vague
        assert mark.get("fill-opacity") is not None and mark.get("stroke") == EVENT
    # A month is drawn wider than its last third.
    assert _width(marks["serangan-september-2016"]) > _width(marks["pengepungan-aleppo-timur"])
    # Two known days: a solid bar, not a pale one.
    fighting = marks["pertempuran-14-15-desember-2016"]
    assert fighting.tag == "rect" and fighting.get("fill-opacity") is None
    year = _marks(_timeline(pages["id"][EVENTS], "di-antara"))["nusra-berganti-nama-2017"]
    assert year.tag == "rect" and year.get("fill-opacity") is not None


def test_the_years_without_events_are_cut_so_december_2016_has_room(
    pages: dict[str, dict[str, str]],
) -> None:
    svg = _timeline(pages["id"][EVENTS], "pertempuran-aleppo")
    marks = _marks(svg)
    spread = _left(marks["kendali-penuh-22-desember-2016"]) - _left(
        marks["evakuasi-9-desember-2016"]
    )
    width = float(svg.get("viewBox", "").split()[2])
    # On one linear axis from July 2012 to December 2016, 13 days would be under 1 %.
    assert spread > width * 0.03
    assert "Agustus 2012 sampai Juni 2016" in (svg.findtext("desc") or "")
    assert (
        _timeline(pages["en"][EVENTS], "pertempuran-aleppo")
        .findtext("desc", "")
        .endswith("August 2012 to June 2016, is cut out of the axis.")
    )


def test_axis_labels_follow_the_language(pages: dict[str, dict[str, str]]) -> None:
    def ticks(lang: str) -> list[str]:
        svg = _timeline(pages[lang][EVENTS], "pertempuran-aleppo")
        return [e.text or "" for e in svg.iter("text") if e.get("class") == "na-tick"]

    assert {"Agu", "Okt", "Des", "2016"} <= set(ticks("id"))
    assert {"Aug", "Oct", "Dec", "2016"} <= set(ticks("en"))
    en = _timeline(pages["en"][EVENTS], "pertempuran-aleppo")
    assert en.findtext("title") == "Timeline: The battle of Aleppo, 2012–2016"


def _rows(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter("g") if g.get("class") == "na-bar-row"]


def _row(svg: ET.Element, words: str) -> ET.Element:
    [row] = [g for g in _rows(svg) if words in "".join(g.itertext())]
    return row


def _parts(row: ET.Element) -> list[str]:
    return [e.get("class", "") for e in row.iter() if e.get("class", "").startswith("na-bar-")]


def test_one_bar_per_reported_figure_coloured_by_the_outlets_affiliation(
    archive: Archive, pages: dict[str, dict[str, str]]
) -> None:
    page = pages["id"][FIGURES]
    reported = build_indexes(archive).figures_by_quantity["warga-sipil-dievakuasi"]
    section = page.split("{ #warga-sipil-dievakuasi }", 1)[1].split("\n## ", 1)[0]
    # The chart comes before the section's table.
    assert section.index("<figure") < section.index("| Nilai |")
    svg = _svgs(page)["na-chart-warga-sipil-dievakuasi-title"]
    assert svg.get("role") == "img"
    rows = _rows(svg)
    assert len(rows) == len(reported) == 9
    # Each bar is labelled with its outlet (in bold) and the figure's words.
    outlets = {next(r.iter("tspan")).text for r in rows}
    assert outlets == {"VIVA.co.id", "Rossiyskaya Gazeta"}
    labels = ["".join("".join(e.itertext()) for e in r.iter("text")) for r in rows]
    for figure in reported:
        assert any(label.endswith(figure.figure.text) for label in labels), figure.figure.text
    colours: dict[str, set[str]] = {}
    for row in rows:
        solid = next(e for e in row.iter("rect") if e.get("class") == "na-bar")
        colours.setdefault(row.get("data-ownership", ""), set()).add(solid.get("fill", ""))
    assert set(colours) == {"state", "private"}
    assert all(len(fills) == 1 for fills in colours.values()), colours
    assert colours["state"] != colours["private"]
    assert colours["state"] == {OWNERSHIP_COLOURS["state"]}
    # The legend names the affiliations shown, and only those.
    [figure] = [f for f in _figures(page) if "na-chart-warga-sipil-dievakuasi-title" in f]
    caption = figure.split("<figcaption>", 1)[1]
    assert "milik atau didanai negara" in caption and "swasta" in caption
    assert "lembaga publik" not in caption
    # A figure whose outlet is not known is grey, and said so.
    unknown = _row(_svgs(page)["na-chart-warga-terjebak-title"], "puluhan ribu penduduk sipil")
    assert unknown.get("data-ownership") == "unknown"
    assert "Media tidak diketahui" in "".join(unknown.itertext())


def test_a_lower_bound_a_range_and_an_approximation_are_visible(
    pages: dict[str, dict[str, str]],
) -> None:
    page = pages["id"][FIGURES]
    svg = _svgs(page)["na-chart-warga-sipil-dievakuasi-title"]
    lower = _parts(_row(svg, "lebih dari 78 ribu warga sipil"))
    assert "na-bar-arrow" in lower and "na-bar-open" not in lower
    exact = _parts(_row(svg, "7.796 warga sipil"))
    assert "na-bar-arrow" not in exact and "na-bar-open" not in exact
    assert exact.count("na-bar-tick") == 1
    about = _parts(_row(svg, "sekitar 130 ribu warga"))
    assert "na-bar-open" in about and "na-bar-arrow" not in about
    span = _parts(_row(svg, "sekitar 10 ribu hingga 13 ribu"))
    assert "na-bar-open" in span and span.count("na-bar-tick") == 2
    [figure] = [f for f in _figures(page) if "na-chart-warga-sipil-dievakuasi-title" in f]
    assert "batas bawah" in figure and "bagian pucat" in figure
    # A share cannot pass 100 %: "lebih dari 98 persen" leaves 98–100 open, no arrow.
    share = _svgs(page)["na-chart-wilayah-aleppo-timur-direbut-title"]
    parts = _parts(_row(share, "lebih dari 98 persen"))
    assert "na-bar-open" in parts and "na-bar-arrow" not in parts


def test_colours_have_enough_contrast_on_white() -> None:
    for colour in (TEXT, MUTED, AXIS, EVENT, *OWNERSHIP_COLOURS.values()):
        assert _contrast_on_white(colour) >= 4.5, colour
    assert len(set(OWNERSHIP_COLOURS.values())) == len(OWNERSHIP_COLOURS)


HOSTILE = '<script>alert(1)</script></svg><a href="http://evil.example">&amp; "x"'


def test_hostile_names_and_words_are_escaped() -> None:
    bar = FigureBar(HOSTILE, HOSTILE, 5.0, None, 5.0, math.inf, "state", HOSTILE)
    html = figures_chart("na-chart-x", HOSTILE, [bar], "id", _t("id"))
    day = dt.date(2016, 12, 9)
    mark = TimelineMark("evil", HOSTILE, HOSTILE, day, day, True)
    strip = TimelineStrip("na-timeline-x", HOSTILE, day, day, (mark,))
    html += timeline_chart([strip], "en", _t("en"))
    # Shown as text, never as markup: no element and no link come from the data.
    assert "<script" not in html and 'href="http' not in html
    svgs = [ET.fromstring(text) for text in re.findall(r'<svg role="[^"]+".*?</svg>', html, re.S)]
    assert len(svgs) == 2
    for svg in svgs:
        assert HOSTILE in (svg.findtext("title") or "")
        assert {e.tag for e in svg.iter()} <= {
            "svg",
            "title",
            "desc",
            "text",
            "tspan",
            "line",
            "rect",
            "circle",
            "polygon",
            "g",
            "a",
        }
        assert [a.get("href") for a in svg.iter("a")] in ([], ["#evil"])
        # Visible labels may be shortened with an ellipsis; the title holds the whole text.
        assert any("".join(e.itertext()).startswith(HOSTILE[:20]) for e in svg.iter("text"))


def test_a_strip_orders_and_lanes_marks_without_overlap() -> None:
    def mark(anchor: str, first: str, last: str, exact: bool = True) -> TimelineMark:
        return TimelineMark(
            anchor, anchor, anchor, dt.date.fromisoformat(first), dt.date.fromisoformat(last), exact
        )

    marks = (
        mark("b", "2020-03-02", "2020-03-02"),
        mark("a", "2020-03-01", "2020-03-31", exact=False),
        mark("c", "2020-03-02", "2020-03-03"),
    )
    strip = TimelineStrip("na-timeline-t", "T", dt.date(2020, 1, 1), dt.date(2020, 6, 30), marks)
    [text] = re.findall(r'<svg role="group".*?</svg>', timeline_chart([strip], "id", _t("id")))
    svg = ET.fromstring(text)
    found = _marks(svg)
    assert _left(found["a"]) < _left(found["c"]) < _left(found["b"])
    # Overlapping marks go to different lanes (different heights).
    heights = {
        k: float(m.get("cy") or float(m.get("y", "0")) + float(m.get("height", "0")) / 2)
        for k, m in found.items()
    }
    assert len(set(heights.values())) == 3
    # Nothing to cut in a half year.
    assert "dipotong" not in (svg.findtext("desc") or "")
