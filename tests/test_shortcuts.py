"""Shortcuts taken for speed must give exactly what the plain code they replace gives:
searching an end-anchored pattern near the end only, asking sorted spans whether any
overlaps a stretch of text, working out relative links without the file system, and
running a date pattern only on texts that hold what it needs."""

from __future__ import annotations

import posixpath
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from news_archive import paths
from news_archive.extract import dates, figures, prefilter
from news_archive.extract.names import Spans
from news_archive.extract.text import search_at_end
from tests.conftest import ROOT, SOURCES
from tests.test_properties import context

# Texts made of the patterns' own words, spaces of every kind and other characters.
PIECES = ["sejak", "sampai dengan", "s.d.", "s.d", "dari", "Hingga", "tiga", "ke-", "2016"]
PIECES += [" ", "  ", "\n", "\t", ",", "–", "-", "x", "_", "é"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
# Every end-anchored pattern the extractors search with, and the words it can span.
PATTERNS = [
    (dates._PREVIOUS_WORD, 1),
    (dates._SINCE, 1),
    (dates._RANGE_START, 1),
    (dates._UNTIL, 2),
    (figures._LAST_WORD, 1),
    (figures._WORD_BEFORE_SPACE, 1),
]


@pytest.mark.parametrize(("pattern", "words"), PATTERNS)
@settings(max_examples=300, derandomize=True, deadline=None)
@given(text=TEXT, cut=st.integers(0, 60))
def test_searching_near_the_end_finds_what_searching_everything_finds(
    pattern: re.Pattern[str], words: int, text: str, cut: int
) -> None:
    end = min(cut, len(text))
    expected = pattern.search(text[:end])
    found = search_at_end(pattern, text, end, words)
    assert _described(found) == _described(expected)


def _described(match: re.Match[str] | None) -> tuple[object, ...] | None:
    return (match.span(), match.groups()) if match else None


def test_searching_near_the_end_sees_the_character_before_its_start() -> None:
    # "xsejak": the lookbehind must see the x, as a search of the whole text does.
    assert search_at_end(dates._SINCE, "xsejak 5", 7) is None
    assert search_at_end(dates._SINCE, "ya sejak 5", 9).span() == (3, 9)  # type: ignore[union-attr]


SPAN = st.tuples(st.integers(0, 20), st.integers(0, 20))


@settings(max_examples=500, derandomize=True, deadline=None)
@given(spans=st.lists(SPAN, max_size=6), stretch=SPAN)
def test_spans_overlap_a_stretch_when_one_of_them_does(
    spans: list[tuple[int, int]], stretch: tuple[int, int]
) -> None:
    start, end = stretch
    assert Spans(spans).overlap(start, end) == any(s < end and start < e for s, e in spans)


SEGMENT = st.sampled_from(["artikel", "entitas", "a", "b", "index.md", "x.md", ".", "bulan"])
SITE_PATH = st.lists(SEGMENT, max_size=4).map(lambda parts: "/".join(parts) or ".")


@settings(max_examples=500, derandomize=True, deadline=None)
@given(path=SITE_PATH, start=SITE_PATH, slash=st.booleans())
def test_relative_links_are_what_relpath_gives(path: str, start: str, slash: bool) -> None:
    path = f"{path}/" if slash and path != "." else path
    assert paths._relative(path, start) == posixpath.relpath(path, start)
    for climbing in (f"../{path}", f"/{path}"):
        assert paths._relative(climbing, start) == posixpath.relpath(climbing, start)


# Prefilters: a pattern is skipped on a text only when it cannot match there.

DATE_WORDS = [
    "Jumat",
    "Minggu",
    "minggu",
    "Sabtu",
    "Desember",
    "Des.",
    "Juli",
    "Agustus",
    "Nopember",
    "pekan",
    "lalu",
    "silam",
    "depan",
    "ini",
    "kemarin",
    "tahun",
    "bulan",
    "tanggal",
    "akhir",
    "awal",
    "pertengahan",
    "sebelumnya",
    "kemudian",
    "keesokan harinya",
    "semester",
    "kedua",
    "tiga",
    "se",
    "hari",
    "2016",
    "1990-an",
    "9",
    "22/12",
    "(22/12)",
    "1/12/2024",
    "30",
    "2024-11-29",
    "–",
    "-",
    ",",
    "(",
    ")",
    " ",
    "  ",
    "\n",
    "Hingga",
    "sejak",
]
DATE_TEXT = st.lists(st.sampled_from(DATE_WORDS), max_size=14).map(" ".join)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(text=DATE_TEXT)
def test_a_date_pattern_is_skipped_only_where_it_cannot_match(text: str) -> None:
    grammar = dates._grammar(context().language)
    for (kind, pattern), only in zip(grammar.patterns, grammar.filters, strict=True):
        if not only.may_match(text):
            assert pattern.search(text) is None, (kind, text)


def test_the_date_patterns_skipped_in_the_seeds_match_nothing_there() -> None:
    grammar = dates._grammar(context().language)
    texts = [
        line
        for folder in (
            SOURCES,
            ROOT / "tests" / "heldout" / "sources",
            ROOT / "tests" / "heldout2" / "sources",
        )
        for path in sorted((folder / "articles").glob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    skipped = 0
    for text in texts:
        for (kind, pattern), only in zip(grammar.patterns, grammar.filters, strict=True):
            if not only.may_match(text):
                skipped += 1
                assert pattern.search(text) is None, (kind, text)
    assert skipped > len(texts)  # the filters do skip most patterns on most lines


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"lalu|silam", {"lalu", "silam"}),
        (r"(?<!\w)(?:se)?hari\s+(?:lalu|silam)\b", {"hari"}),
        (r"pekan(?:\s+lalu)?", {"pekan"}),
        (r"(?:pekan)?\s+lalu", {"lalu"}),
        (r"(?:pekan)?", None),
        (r"(?i:pekan) lalu", {" lalu"}),
        (r"(?i)pekan", None),
        (r"\d+ orang", {" orang"}),
        (r"\d+", {prefilter.DIGIT}),
        (r"[0-9]{4}", {prefilter.DIGIT}),
        (r"[^0-9]", None),
        (r"(?=lalu)\w+", None),
        (r"ab|\w", None),
    ],
)
def test_what_a_pattern_needs(pattern: str, needs: set[str] | None) -> None:
    found = prefilter.prefilter(re.compile(pattern)).needs
    assert (set(found) if found is not None else None) == needs
