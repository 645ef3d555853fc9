"""`alternation`: a trie-shaped regex of literal words must match exactly what the flat
alternation of the same words, longest first, matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from news_archive.extract.language import alternation

WORDS = st.lists(st.text(alphabet="aAbB-. ", min_size=1, max_size=5), min_size=1, max_size=8)
TEXT = st.text(alphabet="aAbB-. x", max_size=30)


def flat(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def spans(pattern: str, text: str, flags: int) -> list[tuple[int, int]]:
    # A boundary after the words makes the engine backtrack into them, as the callers do.
    return [m.span() for m in re.finditer(rf"(?:{pattern})(?![ab])", text, flags)]


@settings(max_examples=400, derandomize=True, deadline=None)
@given(WORDS, TEXT)
def test_trie_matches_what_the_flat_alternation_matches(words: list[str], text: str) -> None:
    assert spans(alternation(words, ignore_case=False), text, 0) == spans(flat(words), text, 0)
    assert spans(alternation(words, ignore_case=True), text, re.I) == spans(flat(words), text, re.I)
    for flags in (0, re.I):  # not told: right either way
        assert spans(alternation(words), text, flags) == spans(flat(words), text, flags)


def test_the_longest_word_wins_and_shared_beginnings_are_merged() -> None:
    pattern = alternation(["Al", "Aleppo", "Alawite"])
    assert pattern == "Al(?:awite|eppo)?"
    assert re.match(pattern, "Aleppo timur").group() == "Aleppo"  # type: ignore[union-attr]


def test_letters_differing_in_case_share_a_class_only_when_case_is_ignored() -> None:
    assert alternation(["Hama", "hama"], ignore_case=True) == "[Hh]ama"
    assert alternation(["Hama", "hama"], ignore_case=False) == "Hama|hama"
    # Not told how it is used: the flat form, longest first, is right either way.
    assert alternation(["senin", "Senin pagi"]) == "Senin\\ pagi|senin"
