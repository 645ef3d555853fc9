"""Shortcuts taken for speed must give exactly what the plain code they replace gives:
searching an end-anchored pattern near the end only, asking sorted spans whether any
overlaps a stretch of text, and working out relative links without the file system."""

from __future__ import annotations

import posixpath
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from news_archive import paths
from news_archive.extract import dates, figures
from news_archive.extract.names import Spans
from news_archive.extract.text import search_at_end

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
