"""Long lists split into pages by month, so that no page grows with the archive.

A list that fits on one page (`RenderContext.page_items` items or fewer) stays where it is.
A longer one is replaced, on the page that held it, by a table of months; every month gets
a page of its own under a folder of that page (`artikel/bulan/2016-12.md`), and a month
with more items than a page holds gets numbered pages (`…/2016-12-2.md`). Every item is on
exactly one page, in the order the caller gave, and each page links back to the list and
to the pages before and after it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..markup import md_link, md_text
from ..model import PartialDate
from ..paths import md_link_target
from . import RenderContext, front_matter

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
    source: Callable[[T], str] | None = None,
) -> tuple[list[str], dict[str, str]]:
    """The lines that stand for `items` on page `here`, and the month pages, if any.

    `render(item, page)` gives an item's lines with links relative to `page`; `head`
    starts every block of items (a table header) and `tail` ends it. Months come in date
    order, undated items last; within a month, items keep their order.

    `source(item)` names the article an item comes from. A caller gives it only when an
    item's lines depend on nothing but that article, the registries, the code and the
    language; the lines of a page's items are then taken from the build cache when none
    of their articles changed (`_Blocks`).
    """
    size = ctx.page_items
    blocks = _Blocks(items, source, render, ctx, folder)
    if len(items) <= size:
        return [*head, *blocks.lines(items, here), *tail], {}
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
            # Not indexed for search: each item is found on a page of its own, and at
            # 10,000 articles the month pages would be half of what the index lists.
            front_matter(f"{title}: {label}", search={"exclude": True}),
            _neighbours(parts, index, here, title, ctx),
            "",
            md_text(ctx.t("paging.items", count=part.count)),
            "",
            *head,
        ]
        lines += blocks.lines(by_month[part.month][part.start : part.start + part.count], part.path)
        lines += [*tail, "", _neighbours(parts, index, here, title, ctx), ""]
        pages[part.path] = "\n".join(lines)
    return _months_table(parts, here, ctx, len(items)), pages


class _Blocks(Generic[T]):
    """The lines of a run of items on one page, from the build cache when it can be.

    A run is keyed by the list (its folder of month pages: several lists can share a
    page), the page (links are relative to it), the language, and for each
    item the cache key of its article and which of that article's items in the whole
    list it is: an article's items, and their order, are a function of the article, so
    equal keys mean equal lines. An article that changed changes the key of every run
    that holds one of its items, and only those."""

    def __init__(
        self,
        items: Sequence[T],
        source: Callable[[T], str] | None,
        render: Callable[[T, str], list[str]],
        ctx: RenderContext,
        folder: str,
    ) -> None:
        self.render = render
        self.ctx = ctx
        self.folder = folder
        self.keys: dict[int, str] | None = None
        store = ctx.archive.store
        if source is None or store is None:
            return
        keys: dict[int, str] = {}
        seen: dict[str, int] = {}
        for item in items:
            article = source(item)
            article_key = store.keys.get(article)
            if article_key is None:
                return
            number = seen.get(article, 0)
            seen[article] = number + 1
            keys[id(item)] = f"{article_key}:{number}"
        self.keys = keys

    def lines(self, run: Sequence[T], page: str) -> list[str]:
        def rendered() -> list[str]:
            return [line for item in run for line in self.render(item, page)]

        store = self.ctx.archive.store
        if self.keys is None or store is None or not run:
            return rendered()
        digest = hashlib.sha256(f"items|{self.ctx.lang}|{self.folder}|{page}".encode())
        for item in run:
            digest.update(b"|" + self.keys[id(item)].encode())
        # One string stands for the run's lines: joined with the page's other lines by
        # "\n", it gives the same page.
        return [store.part(digest.hexdigest(), lambda: "\n".join(rendered()), "items")]


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
