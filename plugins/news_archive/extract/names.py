"""Names in text, matched through the registries; unknown capitalised names as candidates.

No Indonesian named-entity model works offline, so names are found the reliable way: every
name and alias of the entity and outlet registries, on word boundaries, longest match
first. A one-word alias matches with the capitals it is written with (or in capitals, as in
credits: "REUTERS"), because many one-word names are also common words in lower case
("Hama" is a city, "hama" a pest). Longer aliases match in any case ("pusat rekonsiliasi
Rusia"). Capitalised sequences that match nothing are reported as candidates for the
registry, never dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate

from ..model import Entity, Outlet
from .language import Language, alternation, fold

_WORD = r"[^\W_]"
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’]*\w)?(?:-\w+)*")
_QUOTES_AND_BRACKETS = "\"'“”‘’«»([{"
_BEFORE_A_WORD = frozenset(" " + _QUOTES_AND_BRACKETS)
# "al-Bashir", "el-Sisi": a lower-case particle joined to a capitalised name is a name word.
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|as|ar|an|ash|asy|bin|ibn)-[A-Z]")


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int
    end: int
    id: str

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def _compile(forms: Iterable[str], *, ignore_case: bool) -> re.Pattern[str] | None:
    words = [f for f in forms if f]
    if not words:
        return None
    flags = re.IGNORECASE if ignore_case else 0
    pattern = alternation(words, ignore_case=ignore_case)
    return re.compile(rf"(?<!{_WORD})(?:{pattern})(?!{_WORD})", flags)


_MEMO_SIZE = 4096
"""Texts whose names a table remembers: extraction asks for the names of the same unit and
sentence several times (mentions, quotes, attributions), and an article has a few hundred."""


class _Table:
    """Surface forms of one registry, compiled into two patterns (exact case, any case)."""

    def __init__(self, forms: Mapping[str, str]) -> None:
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for form, owner in forms.items():
            if len(form.split()) > 1:
                folded.setdefault(fold(form), owner)
            else:
                exact.setdefault(form, owner)
                exact.setdefault(form.upper(), owner)
        self.exact = exact
        self.folded = folded
        self.exact_pattern = _compile(exact, ignore_case=False)
        self.folded_pattern = _compile(folded, ignore_case=True)
        self._memo: dict[str, tuple[NameSpan, ...]] = {}

    def find(self, text: str) -> list[NameSpan]:
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            found = self._memo[text] = tuple(self._search(text))
        return list(found)

    def _search(self, text: str) -> list[NameSpan]:
        found: list[NameSpan] = []
        if self.exact_pattern is not None:
            found += [
                NameSpan(m.start(), m.end(), self.exact[m.group()])
                for m in self.exact_pattern.finditer(text)
            ]
        if self.folded_pattern is not None:
            found += [
                NameSpan(m.start(), m.end(), self.folded[fold(m.group())])
                for m in self.folded_pattern.finditer(text)
            ]
        return longest_first(found)


class Spans:
    """Spans of a text, asked whether any of them overlaps a stretch of it: [s, e) overlaps
    [a, b) when s < b and a < e. Of the spans that start before b (a prefix of them, sorted
    by start), the one that ends last decides, so one bisection answers, not a pass over
    every span for every word of a paragraph."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._last_end = list(accumulate((end for _, end in ordered), max))

    def overlap(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)
        return before > 0 and self._last_end[before - 1] > start


def longest_first(spans: Iterable[NameSpan]) -> list[NameSpan]:
    """Non-overlapping spans, preferring the one that starts first, then the longest."""
    chosen: list[NameSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not chosen or span.start >= chosen[-1].end:
            chosen.append(span)
    return chosen


class NameMatcher:
    """Finds registered entities and outlets in text, and unregistered capitalised names."""

    def __init__(
        self, entities: Mapping[str, Entity], outlets: Mapping[str, Outlet], language: Language
    ) -> None:
        self.language = language
        self.entities = entities
        self._entities = _Table(
            {form: entity.id for entity in entities.values() for form in entity.surface_forms}
        )
        self._outlets = _Table(
            {form: outlet.id for outlet in outlets.values() for form in outlet.names}
        )
        calendar_words = set(language.weekdays) | set(language.months)
        self._not_names = language.titles | language.common_words | frozenset(calendar_words)

    def entities_in(self, text: str) -> list[NameSpan]:
        return self._entities.find(text)

    def outlets_in(self, text: str) -> list[NameSpan]:
        return self._outlets.find(text)

    def candidates_in(
        self, text: str, taken: Iterable[tuple[int, int]], initial_ok: frozenset[str]
    ) -> list[tuple[int, int]]:
        """Capitalised runs of words outside `taken` spans that name no registered thing.

        Titles ("Presiden") and common sentence openers are dropped from the edges of a run;
        a single capitalised word at the start of a sentence counts only if the article
        also writes it capitalised elsewhere (`initial_ok`), since any word is capitalised
        there.
        """
        blocked = Spans(taken)
        runs: list[list[re.Match[str]]] = []
        previous_end = -10
        for token in _TOKEN.finditer(text):
            if blocked.overlap(token.start(), token.end()):
                previous_end = -10
                continue
            word = token.group()
            capital = word[0].isupper() or bool(_PARTICLE_NAME.match(word))
            joined = text[previous_end : token.start()] == " "
            if capital or (word in self.language.connectors and joined and runs and runs[-1]):
                if not (joined and runs and runs[-1]):
                    runs.append([])
                runs[-1].append(token)
                previous_end = token.end()
            else:
                previous_end = -10
                if runs and runs[-1]:
                    runs.append([])
        found: list[tuple[int, int]] = []
        for run in runs:
            words = list(run)
            while words and (
                words[0].group() in self._not_names or words[0].group() in self.language.connectors
            ):
                words.pop(0)
            while words and (
                words[-1].group() in self._not_names
                or words[-1].group() in self.language.connectors
            ):
                words.pop()
            if not words:
                continue
            first = words[0]
            if len(words) == 1:
                word = first.group()
                if len(word) < 2:
                    continue
                if (
                    self._sentence_initial(text, first.start())
                    and word not in initial_ok
                    and not word.isupper()
                ):
                    continue
            found.append((first.start(), words[-1].end()))
        return found

    @staticmethod
    def _sentence_initial(text: str, position: int) -> bool:
        # Back over spaces, quotes and brackets without copying what comes before (this
        # runs for every capitalised word of a paragraph).
        while position > 0 and text[position - 1] in _BEFORE_A_WORD:
            position -= 1
        return position == 0 or text[position - 1] in ".!?:;\n"

    def capitalised_inside(self, text: str) -> set[str]:
        """Words written capitalised somewhere other than at the start of a sentence."""
        return {
            token.group()
            for token in _TOKEN.finditer(text)
            if token.group()[0].isupper() and not self._sentence_initial(text, token.start())
        }
