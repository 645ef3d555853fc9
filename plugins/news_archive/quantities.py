"""Figures assigned to the quantities of `sources/quantities.yml`, and where outlets disagree.

Each figure gets a period: the date its own sentence gives, or else its article's
publication date. Two figures of one quantity are compared when both periods are known to
within a few days and overlap, and they come from different articles; they disagree when
the ranges their qualifiers allow ("lebih dari 7.000" allows anything above 7,000), widened
by the quantity's tolerance, do not meet.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .extract.model import ArticleExtraction, DateMention, Figure, TimeValue
from .model import ArticleSource, PartialDate, Quantity

COMPARABLE_DAYS = 3
"""A period longer than this (a month, a year) is too vague to compare values."""


@dataclass(frozen=True, slots=True)
class ReportedFigure:
    figure: Figure
    article: ArticleSource
    quantity: str | None
    period: TimeValue
    period_text: str | None
    """The date expression of the figure's sentence, or None when the article date is used."""

    @property
    def comparable(self) -> bool:
        return (self.period.last_day - self.period.first_day).days <= COMPARABLE_DAYS


def interval(figure: Figure, tolerance: float) -> tuple[float, float]:
    """The values a figure allows, given its qualifier, widened by `tolerance`."""
    low = high = figure.value
    spread = max(tolerance, 0.1)
    match figure.qualifier:
        case "approximately":
            low, high = figure.value * (1 - spread), figure.value * (1 + spread)
        case "almost":
            low = figure.value * (1 - spread)
        case "more_than" | "at_least":
            high = math.inf
        case "less_than" | "up_to":
            low = 0.0
        case "range" | "vague":
            high = figure.value_max if figure.value_max is not None else figure.value
    return low * (1 - tolerance), high * (1 + tolerance)


@cache
def _phrase(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # Indonesian glues particles to words: "terjebaknya", "dievakuasilah".
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:nya|lah|kah|pun)?(?![\w-])", re.IGNORECASE)


def _fits(quantity: Quantity, figure: Figure, sentence: str, period: TimeValue) -> int:
    """How well a figure fits a quantity: the number of context words found, 0 if not at all."""
    if (figure.measure or None) != quantity.unit:
        return 0
    if quantity.counted:
        counted = (figure.counted or "").casefold()
        if not any(
            counted == c.casefold() or counted.startswith(c.casefold() + " ")
            for c in quantity.counted
        ):
            return 0
    if quantity.exclude and _phrase(quantity.exclude).search(sentence):
        return 0
    if quantity.window is not None:
        first, last = quantity.window
        if period.first_day < first.first_day or period.last_day > last.last_day:
            return 0
    return len({m.group().casefold() for m in _phrase(quantity.context).finditer(sentence)})


def _period(
    figure: Figure, dates: Sequence[DateMention], published: PartialDate
) -> tuple[TimeValue, str | None]:
    """The date of the figure's sentence nearest to the figure, else the article's date."""
    candidates = [
        m
        for m in dates
        if m.unit == figure.unit and m.sentence == figure.sentence and m.value is not None
    ]
    if not candidates:
        return TimeValue(published), None
    nearest = min(candidates, key=lambda m: (m.start > figure.start, abs(m.start - figure.start)))
    assert nearest.value is not None
    return nearest.value, nearest.text


def report_figures(
    article: ArticleSource, extraction: ArticleExtraction, quantities: Sequence[Quantity]
) -> tuple[ReportedFigure, ...]:
    """Every figure of an article, with its quantity (or None) and its period: a function
    of the article and the registry alone, so it is worked out with the extraction and
    cached with it."""
    reported: list[ReportedFigure] = []
    units = {unit.id: unit.text for unit in extraction.units}
    sentences = {(s.unit, s.index): s for s in extraction.sentences}
    for figure in extraction.figures:
        span = sentences[(figure.unit, figure.sentence)]
        sentence = units[figure.unit][span.start : span.end]
        period, period_text = _period(figure, extraction.dates, article.published)
        best, best_score = None, 0
        for quantity in quantities:
            score = _fits(quantity, figure, sentence, period)
            if score > best_score:
                best, best_score = quantity.id, score
        reported.append(ReportedFigure(figure, article, best, period, period_text))
    return tuple(reported)


def disagreements(
    figures: Sequence[ReportedFigure], tolerance: float
) -> list[tuple[ReportedFigure, ReportedFigure]]:
    """Figures of one quantity, for overlapping periods, that cannot both be true: for
    each run of periods that overlap one another, the lowest figure against the highest
    one from another article, when even they cannot meet.

    One pair per run, not every pair: a day that many outlets report would otherwise
    give a number of pairs that grows with the square of the figures. The table beside it
    lists every figure. Sorting by period start makes this O(n log n).
    """
    ordered = sorted(
        (f for f in figures if f.comparable),
        key=lambda f: (f.period.first_day, f.article.id, f.figure.unit, f.figure.start),
    )
    pairs: list[tuple[ReportedFigure, ReportedFigure]] = []
    run: list[ReportedFigure] = []
    end = None
    for reported in [*ordered, None]:
        if reported is not None and (end is None or reported.period.first_day <= end):
            run.append(reported)
            last = reported.period.last_day
            end = last if end is None or last > end else end
            continue
        pair = _extremes(run, tolerance)
        if pair is not None:
            pairs.append(pair)
        if reported is not None:
            run, end = [reported], reported.period.last_day
    return pairs


def _extremes(
    run: Sequence[ReportedFigure], tolerance: float
) -> tuple[ReportedFigure, ReportedFigure] | None:
    """The figure allowing the least against the one requiring the most, from two
    different articles, if their ranges do not meet."""
    if len(run) < 2:
        return None
    bounds = [(interval(f.figure, tolerance), f) for f in run]
    lows = sorted(bounds, key=lambda b: b[0][1])  # smallest upper bound first
    highs = sorted(bounds, key=lambda b: -b[0][0])  # largest lower bound first
    for (low_range, low), (high_range, high) in ((a, b) for a in lows[:2] for b in highs[:2]):
        if low.article.id != high.article.id and low_range[1] < high_range[0]:
            return low, high
    return None
