"""Static charts drawn at build time: the event timeline and figures side by side.

Pure drawing: plain data, a language and the label lookup in; HTML out — a `<figure>`
holding inline SVG and a caption with the legend. Nothing here loads anything (no script,
no stylesheet, no font, no URL) and every text from the data files is escaped. The output
has no blank line, so Python-Markdown keeps the whole figure as one raw HTML block. The
pages keep their tables and lists: they remain the full text alternative of each chart.

An SVG scales as a whole, text included. The figures chart is therefore drawn narrow (its
text stays legible on a phone) and the site's stylesheet keeps it narrow on a wide screen;
the timeline needs its width, so the stylesheet enlarges its text on narrow screens, and
labels are placed as if they had that larger size.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Protocol

from babel.dates import format_skeleton
from babel.numbers import format_percent

from .formatting import format_number, format_partial_date, locale
from .markup import html_text
from .model import PartialDate

PAD = 12

TEXT = "#212121"
MUTED = "#545454"
AXIS = "#6b6b6b"
GRID = "#d9d9d9"
EVENT = "#3949ab"
"""Colours drawn on white. Text and marks are all above 4.5:1; GRID is only decoration."""

OWNERSHIP = ("state", "public", "private", "unknown")
OWNERSHIP_COLOURS = {
    "state": "#b3440b",
    "public": "#0d7a5f",
    "private": "#1565a8",
    "unknown": "#666666",
}
"""Outlet affiliation → colour: vermilion, bluish green, blue and grey (Okabe–Ito hues,
darkened for contrast), which colour-blind readers tell apart as well."""

PALE = "0.22"
"""Fill opacity of the part of a mark that is not certain; its outline keeps the colour."""


class Labels(Protocol):
    """The label catalogue in one language: `t("key", **values)`."""

    def __call__(self, key: str, /, **values: Any) -> str: ...


# --- SVG writing -------------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate, short: 12, 12.5, 12.25."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _attrs(values: dict[str, str | float]) -> str:
    return "".join(
        f' {name}="{_n(value) if isinstance(value, float | int) else html_text(value)}"'
        for name, value in values.items()
    )


def _names(values: dict[str, str | float]) -> dict[str, str | float]:
    """Python keyword names → SVG attribute names (class_ → class, stroke_width →
    stroke-width)."""
    return {name.rstrip("_").replace("_", "-"): value for name, value in values.items()}


def _tag(name: str, /, **values: str | float) -> str:
    return f"<{name}{_attrs(_names(values))}/>"


def _text(content: str, size: float, /, **values: str | float) -> str:
    attrs = {"fill": TEXT, "font-size": size, **_names(values)}
    return f"<text{_attrs(attrs)}>{html_text(content)}</text>"


def _width(text: str, size: float, *, bold: bool = False) -> float:
    """A generous estimate of the width of `text` in the page's sans-serif font."""
    return len(text) * size * (0.64 if bold else 0.58)


def _clip(text: str, room: float, size: float) -> str:
    """`text` on one line, cut with an ellipsis if it would be wider than `room`."""
    flat = " ".join(text.split())
    if _width(flat, size) <= room:
        return flat
    keep = max(int(room / (size * 0.58)) - 1, 1)
    return flat[:keep].rstrip() + "…"


def _svg(
    key: str,
    size: tuple[float, float],
    title: str,
    desc: str,
    body: Iterable[str],
    *,
    role: str = "img",
) -> str:
    """An SVG with a title and a description. As an image its name is both; as a group
    (it holds links, which an image may not) its name is the title, described by the desc."""
    title_id, desc_id = f"{key}-title", f"{key}-desc"
    labelling = (
        {"aria-labelledby": f"{title_id} {desc_id}"}
        if role == "img"
        else {"aria-labelledby": title_id, "aria-describedby": desc_id}
    )
    width, height = size
    attrs = _attrs(
        {
            "role": role,
            **labelling,
            "viewBox": f"0 0 {_n(width)} {_n(height)}",
            "width": "100%",
            "font-family": "inherit",
            "class": "na-chart-svg",
        }
    )
    return "".join(
        [
            f"<svg{attrs}>",
            f'<title id="{html_text(title_id)}">{html_text(title)}</title>',
            f'<desc id="{html_text(desc_id)}">{html_text(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _swatch(*shapes: str) -> str:
    """A small legend sample, hidden from assistive technology (its text says it all)."""
    return (
        '<svg aria-hidden="true" focusable="false" width="28" height="14" '
        f'viewBox="0 0 28 14">{"".join(shapes)}</svg>'
    )


Legend = tuple[str | None, Sequence[tuple[str, str]]]
"""A group of legend entries: its heading (or None), and (sample, text) pairs."""


def _figure(kind: str, caption: str, legends: Sequence[Legend], svgs: Sequence[str]) -> str:
    lists = []
    for heading, entries in legends:
        items = [f'<li class="na-legend-title">{html_text(heading)}</li>'] if heading else []
        items += [f"<li>{swatch} {html_text(text)}</li>" for swatch, text in entries]
        lists.append(f'<ul class="na-legend">{"".join(items)}</ul>')
    return "\n".join(
        [
            # The chart repeats what the page's tables and lists say: kept out of search.
            f'<figure class="na-chart na-chart-{kind}" data-pagefind-ignore>',
            *svgs,
            f'<figcaption><span class="na-chart-caption">{html_text(caption)}</span>'
            f"{''.join(lists)}</figcaption>",
            "</figure>",
        ]
    )


# --- Timeline ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineMark:
    """One event on a strip."""

    anchor: str
    """Id of the event's block on the page; the mark links to `#anchor`."""
    title: str
    when: str
    """The date in words, as precise as it is known ("akhir Juli 2016")."""
    first: dt.date
    last: dt.date
    exact: bool
    """Every day of it is known: one day, or a run of days with known ends."""

    @property
    def name(self) -> str:
        return f"{self.title} ({self.when})"


@dataclass(frozen=True, slots=True)
class TimelineStrip:
    """One period of the archive with its events, drawn on its own date axis."""

    key: str
    """Unique on the page; element ids are made from it."""
    title: str
    start: dt.date
    end: dt.date
    marks: tuple[TimelineMark, ...]


TIMELINE_WIDTH = 560
TICK = 12
TICK_NARROW = 17
"""Axis labels are 12 units, and 17 on narrow screens (archive.css); they are placed so
that they fit at 17."""
STRIP_TITLE = 14
STRIP_TITLE_NARROW = 19
CUT_SHARE = 0.3
CUT_MIN_DAYS = 180
"""A stretch without events longer than CUT_SHARE of a strip and than CUT_MIN_DAYS is cut
out of its axis, so that a strip of four years can still show a busy December."""
BREAK = 22
"""Room between the parts of a strip whose axis is cut."""
LANE = 18
MARKS_TOP = 28
DOT = 5.5
BAR = 10
HIT = 16
"""Smallest width of a mark's link target, so that a one-day mark can still be hit."""


@dataclass(frozen=True, slots=True)
class _Segment:
    first: dt.date
    last: dt.date
    x: float
    width: float

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def at(self, day: dt.date) -> float:
        """x of the start of `day` (the day after `last` gives the segment's right end)."""
        return self.x + self.width * (day - self.first).days / self.days


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _cuts(marks: Sequence[TimelineMark], total_days: int) -> list[tuple[dt.date, dt.date]]:
    """Whole months without events between marks, where the stretch is long enough."""
    cuts = []
    covered: dt.date | None = None
    for mark in sorted(marks, key=lambda m: (m.first, m.last)):
        if covered is not None and (mark.first - covered).days > max(
            CUT_MIN_DAYS, total_days * CUT_SHARE
        ):
            start = _next_month(covered)
            end = mark.first.replace(day=1) - dt.timedelta(days=1)
            if (end - start).days >= 28:
                cuts.append((start, end))
        covered = mark.last if covered is None else max(covered, mark.last)
    return cuts


def _segments(strip: TimelineStrip) -> tuple[list[_Segment], list[tuple[dt.date, dt.date]]]:
    """The parts of a strip's axis left after the cuts, side by side, and the cuts."""
    first = min(strip.start, *(m.first for m in strip.marks))
    last = max(strip.end, *(m.last for m in strip.marks))
    cuts = _cuts(strip.marks, (last - first).days + 1)
    spans = []
    start = first
    for cut_start, cut_end in cuts:
        spans.append((start, cut_start - dt.timedelta(days=1)))
        start = cut_end + dt.timedelta(days=1)
    spans.append((start, last))
    kept = sum((b - a).days + 1 for a, b in spans)
    # One scale for the whole strip, except that no part is narrower than a tenth of it.
    weights = [max((b - a).days + 1, kept / 10) for a, b in spans]
    room = TIMELINE_WIDTH - 2 * PAD - BREAK * (len(spans) - 1)
    segments, x = [], float(PAD)
    for (a, b), weight in zip(spans, weights, strict=True):
        width = room * weight / sum(weights)
        segments.append(_Segment(a, b, x, width))
        x += width + BREAK
    return segments, cuts


def _segment_of(segments: Sequence[_Segment], day: dt.date) -> _Segment:
    return next(s for s in segments if s.first <= day <= s.last)


def _by_month(segments: Sequence[_Segment]) -> bool:
    """Whether months are wide enough to be named on the axis (else years are)."""
    per_day = min(s.width / s.days for s in segments)
    return per_day * 28 >= _width("Sept", TICK_NARROW) + 4


def _tick_label(label: str, x: float, y: float, **values: str | float) -> str:
    return _text(label, TICK, x=x, y=y, text_anchor="middle", class_="na-tick", **values)


def _axis(segments: Sequence[_Segment], y: float, lang: str) -> list[str]:
    """Each segment's axis line, a tick at each month (or year) boundary, the names of
    months and years centred under the stretch they cover, and a break between segments."""
    months = _by_month(segments)
    per_day = min(s.width / s.days for s in segments)
    step = 1
    while not months and per_day * 365 * step < _width("2024", TICK_NARROW) + 6:
        step += 1
    out = []
    for segment in segments:
        right = segment.x + segment.width
        out.append(_tag("line", x1=segment.x, x2=right, y1=y, y2=y, stroke=AXIS))
        years: dict[int, tuple[float, float]] = {}
        day = segment.first
        while day <= segment.last:
            following = _next_month(day) if months else dt.date(day.year + 1, 1, 1)
            left = segment.at(day)
            end = segment.at(min(following, segment.last + dt.timedelta(days=1)))
            out.append(_tag("line", x1=left, x2=left, y1=y, y2=y + 5, stroke=AXIS))
            if months:
                label = str(format_skeleton("MMM", day, locale=locale(lang)))
            else:
                label = str(day.year)
            shown = months or day.year % step == 0
            if shown and end - left >= _width(label, TICK_NARROW):
                out.append(_tick_label(label, (left + end) / 2, y + 20))
            low, high = years.get(day.year, (left, end))
            years[day.year] = (min(low, left), max(high, end))
            day = following
        out.append(_tag("line", x1=right, x2=right, y1=y, y2=y + 5, stroke=AXIS))
        if months:
            for year, (left, end) in years.items():
                if end - left >= _width(str(year), TICK_NARROW):
                    out.append(_tick_label(str(year), (left + end) / 2, y + 40, fill=MUTED))
    for before, after in pairwise(segments):
        middle = (before.x + before.width + after.x) / 2
        for offset in (-3, 3):
            x = middle + offset
            out.append(
                _tag("line", x1=x - 3, x2=x + 3, y1=y + 6, y2=y - 6, stroke=AXIS, stroke_width=1.5)
            )
    return out


def _lanes(extents: Sequence[tuple[float, float]]) -> list[int]:
    """A lane for each extent (in order of their left ends), so that none overlap."""
    ends: list[float] = []
    lanes = []
    for left, right in extents:
        lane = next((i for i, end in enumerate(ends) if end + 2 <= left), len(ends))
        if lane == len(ends):
            ends.append(right)
        else:
            ends[lane] = right
        lanes.append(lane)
    return lanes


def _extent(mark: TimelineMark, segments: Sequence[_Segment]) -> tuple[float, float]:
    """Where a mark is drawn: from the start of its first day to the end of its last; a
    single known day is a dot on the middle of that day."""
    left = _segment_of(segments, mark.first).at(mark.first)
    right = _segment_of(segments, mark.last).at(mark.last + dt.timedelta(days=1))
    if mark.exact and mark.first == mark.last:
        middle = (left + right) / 2
        return middle - DOT, middle + DOT
    return left, max(right, left + 3)


def _target(extent: tuple[float, float]) -> tuple[float, float]:
    """A mark's link target: the mark, widened to at least HIT."""
    left, right = extent
    middle = (left + right) / 2
    return min(left, middle - HIT / 2), max(right, middle + HIT / 2)


def _mark(mark: TimelineMark, extent: tuple[float, float], cy: float, axis_y: float) -> str:
    """A mark linked to its event: a dot for a known day, a solid bar for known days,
    a pale outlined bar from the first to the last possible day of a vaguer date."""
    left, right = extent
    middle = (left + right) / 2
    if mark.exact and mark.first == mark.last:
        shape = _tag("circle", class_="na-mark", cx=middle, cy=cy, r=DOT, fill=EVENT)
    else:
        style: dict[str, str | float] = {"fill": EVENT}
        if not mark.exact:
            style |= {"fill-opacity": PALE, "stroke": EVENT, "stroke-width": 1.5}
        box: dict[str, str | float] = {
            "x": left,
            "y": cy - BAR / 2,
            "width": right - left,
            "height": BAR,
            "rx": 2,
        }
        shape = f'<rect class="na-mark"{_attrs(box | style)}/>'
    hit_left, hit_right = _target(extent)
    hit = _tag(
        "rect",
        class_="na-hit",
        x=hit_left,
        y=cy - LANE / 2,
        width=hit_right - hit_left,
        height=LANE,
        fill="transparent",
    )
    # A hairline down to the axis, so that a mark in an upper lane still reads its date.
    guide = _tag("line", x1=middle, x2=middle, y1=cy + BAR / 2, y2=axis_y, stroke=GRID)
    return (
        f'{guide}<a href="#{html_text(mark.anchor)}" class="na-chart-link">'
        f"<title>{html_text(mark.name)}</title>{hit}{shape}</a>"
    )


def _month_words(day: dt.date, lang: str) -> str:
    return format_partial_date(PartialDate(day.year, day.month), lang)


def timeline_strip(strip: TimelineStrip, lang: str, t: Labels) -> str:
    """One period as an SVG: its title, its events in lanes, and its own date axis."""
    marks = sorted(strip.marks, key=lambda m: (m.first, m.last, m.anchor))
    segments, cuts = _segments(strip)
    extents = [_extent(m, segments) for m in marks]
    lanes = _lanes([_target(e) for e in extents])
    axis_y = MARKS_TOP + (max(lanes, default=0) + 1) * LANE + 6
    heading = _clip(strip.title, TIMELINE_WIDTH - 2 * PAD, STRIP_TITLE_NARROW * 1.1)
    # The strip's heading and its axis are what the group's name and description say in
    # words; hidden from assistive technology so that only the event links remain to read.
    body = [
        _text(
            heading,
            STRIP_TITLE,
            x=PAD,
            y=18,
            font_weight="bold",
            class_="na-strip-title",
            aria_hidden="true",
        )
    ]
    for mark, extent, lane in zip(marks, extents, lanes, strict=True):
        body.append(_mark(mark, extent, MARKS_TOP + lane * LANE + LANE / 2, axis_y))
    body += ['<g aria-hidden="true">', *_axis(segments, axis_y, lang), "</g>"]
    if len(marks) == 1:
        desc = t("chart.timeline.desc_one", title=marks[0].title, when=marks[0].when)
    else:
        desc = t("chart.timeline.desc", count=len(marks), first=marks[0].when, last=marks[-1].when)
    for start, end in cuts:
        desc += " " + t(
            "chart.timeline.cut", first=_month_words(start, lang), last=_month_words(end, lang)
        )
    height = axis_y + (46 if _by_month(segments) else 26)
    title = t("chart.timeline.title", period=strip.title)
    return _svg(strip.key, (TIMELINE_WIDTH, height), title, desc, body, role="group")


def timeline_chart(strips: Sequence[TimelineStrip], lang: str, t: Labels) -> str:
    """The event timeline: one small strip per period that has events, and a legend."""
    drawn = [s for s in strips if s.marks]
    if not drawn:
        return ""
    marks = [m for s in drawn for m in s.marks]
    legend = [
        (_swatch(_tag("circle", cx=14, cy=7, r=DOT, fill=EVENT)), t("chart.timeline.day")),
    ]
    if any(m.exact and m.first != m.last for m in marks):
        sample = _tag("rect", x=4, y=2, width=20, height=BAR, rx=2, fill=EVENT)
        legend.append((_swatch(sample), t("chart.timeline.days")))
    if any(not m.exact for m in marks):
        sample = _tag(
            "rect",
            x=2,
            y=2,
            width=24,
            height=BAR,
            rx=2,
            fill=EVENT,
            fill_opacity=PALE,
            stroke=EVENT,
            stroke_width=1.5,
        )
        legend.append((_swatch(sample), t("chart.timeline.span")))
    if any(_segments(s)[1] for s in drawn):
        cut = [
            _tag("line", x1=x - 3, x2=x + 3, y1=13, y2=1, stroke=AXIS, stroke_width=1.5)
            for x in (11, 17)
        ]
        axis = [_tag("line", x1=a, x2=b, y1=7, y2=7, stroke=AXIS) for a, b in ((0, 8), (20, 28))]
        legend.append((_swatch(*axis, *cut), t("chart.timeline.break")))
    svgs = [timeline_strip(s, lang, t) for s in drawn]
    return _figure("timeline", t("chart.timeline.caption"), [(None, legend)], svgs)


# --- Figures -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FigureBar:
    """One reported figure: who reported it, its words, and the values they allow."""

    outlet: str
    words: str
    value: float
    value_max: float | None
    low: float
    """The least the words allow ("lebih dari 78 ribu" → 78,000)."""
    high: float
    """The most they allow; `math.inf` when the words set no upper limit."""
    ownership: str
    """state, public, private or unknown: the outlet's affiliation, which colours the bar."""
    affiliation: str
    """The affiliation in words, for the bar's tooltip."""


FIGURES_WIDTH = 400
LABEL = 14
LINE = 17
BAR_H = 12
ARROW = 30
"""Room right of the scale for the arrow of an open-ended figure."""


def _nice_step(top: float, count: int = 4) -> float:
    raw = top / count
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if raw <= m * power)


def _scale(bars: Sequence[FigureBar], percent: bool) -> tuple[float, float]:
    """The top of the scale and the step between its ticks."""
    if percent:
        return 100.0, 25.0
    values = [v for b in bars for v in (b.value, b.value_max, b.low, b.high) if v is not None]
    top = max((v for v in values if math.isfinite(v) and v > 0), default=1.0)
    step = _nice_step(top)
    return math.ceil(top / step - 1e-9) * step, step


def _number(value: float, lang: str, percent: bool) -> str:
    if percent:
        return str(format_percent(value / 100, locale=locale(lang)))
    return format_number(int(value) if value == int(value) else value, lang)


def _bar(bar: FigureBar, y: float, x: Callable[[float], float], colour: str) -> list[str]:
    """A bar: solid up to what the words make certain, pale over what they leave open,
    a dashed arrow when they set no upper limit, and a tick at each number they write."""
    out = []
    if bar.low > 0:
        out.append(
            _tag(
                "rect",
                class_="na-bar",
                x=x(0),
                y=y,
                width=max(x(bar.low) - x(0), 1.0),
                height=BAR_H,
                fill=colour,
            )
        )
    middle = y + BAR_H / 2
    if math.isinf(bar.high):
        start = x(bar.low)
        out.append(
            _tag(
                "line",
                class_="na-bar-arrow",
                x1=start,
                x2=start + ARROW - 9,
                y1=middle,
                y2=middle,
                stroke=colour,
                stroke_width=2,
                stroke_dasharray="3 2",
            )
        )
        tip = start + ARROW
        points = [(tip - 9, middle - 6), (tip, middle), (tip - 9, middle + 6)]
        out.append(
            _tag("polygon", points=" ".join(f"{_n(a)},{_n(b)}" for a, b in points), fill=colour)
        )
    elif bar.high > bar.low:
        out.append(
            _tag(
                "rect",
                class_="na-bar-open",
                x=x(bar.low),
                y=y,
                width=x(bar.high) - x(bar.low),
                height=BAR_H,
                fill=colour,
                fill_opacity=PALE,
                stroke=colour,
                stroke_width=1.5,
            )
        )
    written = [bar.value] + ([bar.value_max] if bar.value_max and math.isfinite(bar.high) else [])
    for value in written:
        out.append(
            _tag(
                "line",
                class_="na-bar-tick",
                x1=x(value),
                x2=x(value),
                y1=y - 3,
                y2=y + BAR_H + 3,
                stroke=TEXT,
                stroke_width=2,
            )
        )
    return out


def _label(bar: FigureBar, y: float, room: float) -> tuple[list[str], float]:
    """The outlet in bold and the figure's words: on one line if they fit, else on two.
    Returns the text elements and the baseline of the last line."""
    outlet = html_text(_clip(bar.outlet, room, LABEL))
    bold = f'<tspan font-weight="bold">{outlet}</tspan>'
    words = f" · {bar.words}"
    if _width(bar.outlet, LABEL, bold=True) + _width(words, LABEL) <= room:
        line = f'<text fill="{TEXT}" font-size="{LABEL}" x="{PAD}" y="{_n(y)}">'
        return [f"{line}{bold}{html_text(words)}</text>"], y
    first = f'<text fill="{TEXT}" font-size="{LABEL}" x="{PAD}" y="{_n(y)}">{bold}</text>'
    second = _text(_clip(bar.words, room, LABEL), LABEL, x=PAD, y=y + LINE)
    return [first, second], y + LINE


def figures_chart(
    key: str,
    title: str,
    bars: Sequence[FigureBar],
    lang: str,
    t: Labels,
    *,
    percent: bool = False,
) -> str:
    """One bar per reported figure, labelled with its outlet and its words and coloured by
    the outlet's affiliation, on a scale from zero (to 100 % for a share)."""
    if not bars:
        return ""
    top, step = _scale(bars, percent)
    left, right = float(PAD), FIGURES_WIDTH - PAD - ARROW - 8.0

    def x(value: float) -> float:
        return left + (right - left) * min(value, top) / top

    rows, y = [], 8.0
    for bar in bars:
        colour = OWNERSHIP_COLOURS.get(bar.ownership, OWNERSHIP_COLOURS["unknown"])
        text, baseline = _label(bar, y + LABEL, FIGURES_WIDTH - 2 * PAD)
        tip = f"{bar.outlet} ({bar.affiliation}): {bar.words}"
        rows.append(
            f'<g class="na-bar-row" data-ownership="{html_text(bar.ownership)}">'
            f"<title>{html_text(tip)}</title>"
            + "".join(text)
            + "".join(_bar(bar, baseline + 7, x, colour))
            + "</g>"
        )
        y = baseline + 7 + BAR_H + 12
    axis_y = y - 4
    body = []
    for i in range(round(top / step) + 1):
        value = step * i
        body.append(_tag("line", x1=x(value), x2=x(value), y1=8, y2=axis_y, stroke=GRID))
        anchor = "start" if i == 0 else "middle"
        body.append(
            _text(
                _number(value, lang, percent),
                TICK,
                x=x(value) - (2 if i == 0 else 0),
                y=axis_y + 16,
                text_anchor=anchor,
                fill=MUTED,
            )
        )
    body.append(_tag("line", x1=left, x2=left, y1=8, y2=axis_y, stroke=AXIS))
    body += rows
    smallest = min(bars, key=lambda b: b.value)
    largest = max(bars, key=lambda b: b.value_max or b.value)
    if len(bars) == 1:
        desc = t("chart.figures.desc_one", low=smallest.words, low_outlet=smallest.outlet)
    else:
        desc = t(
            "chart.figures.desc",
            count=len(bars),
            low=smallest.words,
            low_outlet=smallest.outlet,
            high=largest.words,
            high_outlet=largest.outlet,
        )
    svg = _svg(
        key,
        (FIGURES_WIDTH, axis_y + 24),
        t("chart.figures.title", quantity=title),
        desc,
        body,
    )
    return _figure("figures", t("chart.figures.caption"), _figures_legend(bars, t), [svg])


def ownership_label(ownership: str, t: Labels) -> str:
    return t(f"ownership.{ownership}") if ownership != "unknown" else t("chart.ownership_unknown")


def _figures_legend(bars: Sequence[FigureBar], t: Labels) -> list[Legend]:
    """The affiliations present (colour), then how a bar shows what its words leave open
    (shape, drawn in near-black so that it is not read as one more affiliation)."""
    colours = []
    present = {b.ownership for b in bars}
    for ownership in OWNERSHIP:
        if ownership in present:
            sample = _tag(
                "rect", x=2, y=1, width=24, height=BAR_H, fill=OWNERSHIP_COLOURS[ownership]
            )
            colours.append((_swatch(sample), ownership_label(ownership, t)))
    ink = TEXT
    legend = []
    solid = _tag("rect", x=2, y=3, width=19, height=8, fill=ink)
    tick = _tag("line", x1=21, x2=21, y1=0, y2=14, stroke=TEXT, stroke_width=2)
    legend.append((_swatch(solid, tick), t("chart.figures.solid")))
    if any(b.low < b.high and math.isfinite(b.high) for b in bars):
        pale = _tag(
            "rect",
            x=2,
            y=2,
            width=24,
            height=BAR_H - 2,
            fill=ink,
            fill_opacity=PALE,
            stroke=ink,
            stroke_width=1.5,
        )
        legend.append((_swatch(pale), t("chart.figures.pale")))
    if any(math.isinf(b.high) for b in bars):
        dashes = _tag(
            "line", x1=1, x2=18, y1=7, y2=7, stroke=ink, stroke_width=2, stroke_dasharray="3 2"
        )
        head = _tag("polygon", points="18,1 27,7 18,13", fill=ink)
        legend.append((_swatch(dashes, head), t("chart.figures.open")))
    return [(t("chart.figures.colours"), colours), (t("chart.figures.shapes"), legend)]
