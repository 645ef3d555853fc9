"""Long lists split into pages by month, so that no page grows with the archive.

A list that fits on one page (`RenderContext.page_items` items or fewer) stays where it is.
A longer one is replaced, on the page that held it, by a table of months; every month gets
a page of its own under a folder of that page (`artikel/bulan/2016-12.md`), and a month
with more items than a page holds gets numbered pages (`…/2016-12-2.md`). Every item is on
exactly one page, in the order the caller gave, and each page links back to the list and
to the pages before and after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..markup import md_link, md_text
from ..model import PartialDate
from ..paths import md_link_target
from . import LISTING, RenderContext, front_matter

T = TypeVar("T")

Month = tuple[int, int]
"""(year, month), month 0 when only the year is known."""


@dataclass(frozen=True)
class Part:
    path: str
    month: Month | None
    number: int
    of: int
    start: int
    """Index of the part's first item in the month."""
    count: int


def month_of(date: PartialDate | None) -> Month | None:
    return None if date is None else (date.year, date.month or 0)


def month_slug(month: Month | None) -> str:
    if month is None:
        return "tanpa-tanggal"
    year, number = month
    return f"{year}-{number:02d}" if number else str(year)


def month_label(month: Month | None, ctx: RenderContext) -> str:
    if month is None:
        return ctx.t("paging.undated")
    if month[1] == 0:
        return ctx.t("events.no_month", year=str(month[0]))
    return ctx.date(PartialDate(month[0], month[1]))


def _parts(folder: str, counts: dict[Month | None, int], size: int) -> list[Part]:
    parts = []
    for month, count in counts.items():
        total = -(-count // size)
        for number in range(1, total + 1):
            suffix = "" if number == 1 else f"-{number}"
            parts.append(
                Part(
                    f"{folder}/{month_slug(month)}{suffix}.md",
                    month,
                    number,
                    total,
                    (number - 1) * size,
                    min(size, count - (number - 1) * size),
                )
            )
    return parts


def _chronological(months: Sequence[Month | None]) -> list[Month | None]:
    dated = sorted(m for m in months if m is not None)
    return [*dated, *([None] if None in months else [])]


def paginate(
    items: Sequence[T],
    *,
    here: str,
    folder: str,
    title: str,
    when: Callable[[T], PartialDate | None],
    render: Callable[[T, str], list[str]],
    ctx: RenderContext,
    head: Sequence[str] = (),
    tail: Sequence[str] = (),
) -> tuple[list[str], dict[str, str]]:
    """The lines that stand for `items` on page `here`, and the month pages, if any.

    `render(item, page)` gives an item's lines with links relative to `page`; `head`
    starts every block of items (a table header) and `tail` ends it. Months come in date
    order, undated items last; within a month, items keep their order.
    """
    size = ctx.page_items
    if len(items) <= size:
        return [*head, *(line for item in items for line in render(item, here)), *tail], {}
    by_month: dict[Month | None, list[T]] = {}
    for item in items:
        by_month.setdefault(month_of(when(item)), []).append(item)
    order = _chronological(list(by_month))
    parts = _parts(folder, {m: len(by_month[m]) for m in order}, size)
    pages: dict[str, str] = {}
    for index, part in enumerate(parts):
        label = month_label(part.month, ctx)
        if part.of > 1:
            label = ctx.t("paging.part", month=label, number=part.number, of=part.of)
        lines = [
            front_matter(f"{title}: {label}", search_weight=LISTING),
            _neighbours(parts, index, here, title, ctx),
            "",
            md_text(ctx.t("paging.items", count=part.count)),
            "",
            *head,
        ]
        for item in by_month[part.month][part.start : part.start + part.count]:
            lines += render(item, part.path)
        lines += [*tail, "", _neighbours(parts, index, here, title, ctx), ""]
        pages[part.path] = "\n".join(lines)
    return _months_table(parts, here, ctx, len(items)), pages


def _neighbours(
    parts: Sequence[Part], index: int, home: str, title: str, ctx: RenderContext
) -> str:
    here = parts[index].path
    links = [md_link(ctx.t("paging.back", title=title), md_link_target(here, home))]
    if index > 0:
        before = parts[index - 1]
        links.append(
            md_link(
                f"← {_short(before, ctx)}",
                md_link_target(here, before.path),
            )
        )
    if index + 1 < len(parts):
        after = parts[index + 1]
        links.append(md_link(f"{_short(after, ctx)} →", md_link_target(here, after.path)))
    return " · ".join(links)


def _short(part: Part, ctx: RenderContext) -> str:
    label = month_label(part.month, ctx)
    return label if part.of == 1 else f"{label} ({part.number}/{part.of})"


def _months_table(parts: Sequence[Part], here: str, ctx: RenderContext, total: int) -> list[str]:
    rows: dict[Month | None, list[Part]] = {}
    for part in parts:
        rows.setdefault(part.month, []).append(part)
    lines = [
        md_text(ctx.t("paging.summary", count=total, months=len(rows))),
        "",
        "| "
        + " | ".join(md_text(ctx.t(k)) for k in ("paging.col_month", "paging.col_items"))
        + " |",
        "|---|---|",
    ]
    for month, month_parts in rows.items():
        links = [
            md_link(
                month_label(month, ctx) if part.number == 1 else str(part.number),
                md_link_target(here, part.path),
            )
            for part in month_parts
        ]
        count = sum(part.count for part in month_parts)
        lines.append(f"| {' · '.join(links)} | {count} |")
    lines.append("")
    return lines
