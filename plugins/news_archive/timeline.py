"""The timeline: every date mention of every article, attached to a curated event when one
fits, shown under its own date otherwise — so nothing the engine found is hidden.

A mention reports an event when its value overlaps the event's match window and its
sentence contains one of the event's words. When several events fit, the one with more of
its words in the sentence wins, then the one with the narrower window, then the one listed
first in the registry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .extract.model import ArticleExtraction, DateMention, TimeValue
from .model import ArticleSource, Event


@dataclass(frozen=True, slots=True)
class Report:
    """A date mention as it appears on the timeline."""

    article: ArticleSource
    mention: DateMention
    sentence: str
    event: str | None
    """The curated event it reports, or None (shown as not curated)."""

    @property
    def value(self) -> TimeValue | None:
        return self.mention.value


@cache
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:nya)?(?![\w-])", re.IGNORECASE)


def _overlaps(value: TimeValue, event: Event) -> bool:
    first, last = event.window
    return value.first_day <= last.last_day and first.first_day <= value.last_day


def _fit(report_value: TimeValue | None, sentence: str, event: Event) -> int:
    if report_value is None or not _overlaps(report_value, event):
        return 0
    # A span much wider than the event ("sejak 2016 hingga pekan ini") does not date it.
    width = (event.window[1].last_day - event.window[0].first_day).days + 1
    if (report_value.last_day - report_value.first_day).days + 1 > 3 * width + 1:
        return 0
    return len({m.group().casefold() for m in _words(event.words).finditer(sentence)})


def attach(
    article: ArticleSource, extraction: ArticleExtraction, events: Sequence[Event]
) -> tuple[Report, ...]:
    """An article's date mentions as reports, each with the event it reports, if any: a
    function of the article and the registry alone, so it is worked out with the
    extraction and cached with it."""
    reports: list[Report] = []
    units = {unit.id: unit.text for unit in extraction.units}
    spans = {(s.unit, s.index): (s.start, s.end) for s in extraction.sentences}
    for mention in extraction.dates:
        start, end = spans[(mention.unit, mention.sentence)]
        sentence = units[mention.unit][start:end]
        best, best_key = None, (0, 0.0, 0)
        for order, event in enumerate(events):
            score = _fit(mention.value, sentence, event)
            if not score:
                continue
            width = (event.window[1].last_day - event.window[0].first_day).days
            key = (score, -width, -order)
            if best is None or key > best_key:
                best, best_key = event.id, key
        reports.append(Report(article, mention, sentence, best))
    return tuple(reports)


def differing_dates(event: Event, reports: Sequence[Report]) -> list[Report]:
    """Reports of an event whose date does not meet the event's own date."""
    own_first = event.start.first_day
    own_last = (event.end or event.start).last_day
    return [
        r
        for r in reports
        if r.value is not None and (r.value.last_day < own_first or r.value.first_day > own_last)
    ]
