"""One module per page family; each exposes one `render_…` function returning Markdown."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml

from ..archive import Archive, Indexes
from ..catalog import Catalog
from ..extract.numbers import as_number
from ..formatting import country_name, format_number, format_partial_date, format_span
from ..markup import html_text, md_link, md_text
from ..model import Outlet, PartialDate
from ..paths import md_link_target, outlet_page

T = TypeVar("T")

PAGE_ITEMS = 200
"""Most items a list page shows before it is split into pages by month (`paging`): a few
hundred kilobytes of HTML at most, however large the archive grows."""


@dataclass(frozen=True, slots=True)
class SourceHistory:
    """What the repository knows about the source files. The core does not run git: the
    plugin (or the `generate` command) reads the history and passes it in."""

    changed: Mapping[str, dt.date] = field(default_factory=dict)
    """Article id → the day its source file last changed; articles git does not know (or
    a build outside a repository) have none, and their pages show no date."""
    edit_base: str | None = None
    """Address of the repository's root for editing (`https://…/edit/main/`), to which a
    source file's path is appended; None when the site has no repository to link to."""


@dataclass(frozen=True)
class RenderContext:
    """What every renderer may read: the language, the labels, the archive and its indexes,
    and what the repository says about the source files."""

    lang: str
    catalog: Catalog
    archive: Archive
    indexes: Indexes
    page_items: int = PAGE_ITEMS
    history: SourceHistory = field(default_factory=SourceHistory)

    def t(self, key: str, /, **values: Any) -> str:
        return self.catalog.text(key, self.lang, **values)

    def capped(self, items: Sequence[T], limit: int, more: str) -> tuple[Sequence[T], str | None]:
        """The first `limit` items, and the label `more` counting the rest (None when
        nothing is left out). Every capped list is a summary of what other pages hold."""
        if len(items) <= limit:
            return items, None
        return items[:limit], self.t(more, count=len(items) - limit)

    @property
    def other_lang(self) -> str:
        return "en" if self.lang == "id" else "id"

    def outlet(self, outlet_id: str | None) -> Outlet | None:
        return self.archive.corpus.outlets.get(outlet_id) if outlet_id else None

    def outlet_link(self, here: str, outlet_id: str | None) -> str:
        """The outlet's name linked to its page, or "not known"."""
        outlet = self.outlet(outlet_id)
        if outlet is None:
            return f"*{md_text(self.t('article.outlet_unknown'))}*"
        return md_link(outlet.name, md_link_target(here, outlet_page(outlet.id)))

    def ownership(self, outlet: Outlet) -> str:
        """Short affiliation: "state-owned or state-funded · Russia"."""
        parts = []
        if outlet.ownership:
            parts.append(self.t(f"ownership.{outlet.ownership}"))
        if outlet.country:
            parts.append(country_name(outlet.country, self.lang))
        return " · ".join(parts)

    def date(self, date: PartialDate, *, weekday: bool = False) -> str:
        return format_partial_date(date, self.lang, weekday=weekday)

    def span(
        self,
        start: PartialDate,
        end: PartialDate | None,
        precision: str,
        lang: str | None = None,
        parts: tuple[str | None, str | None] = (None, None),
    ) -> str:
        """A date as precise as it is known (see `format_span`)."""
        lang = lang or self.lang
        return format_span(start, end, precision, lang, self.catalog.part_text(lang), parts)

    def number(self, value: float) -> str:
        return format_number(as_number(value), self.lang)


LISTING = 0.3
"""Search weight of a list of other pages (the articles index, the timeline): found by
its title and headings, but not ahead of the pages it lists."""
DERIVED = 0.5
"""Search weight of a page built from the articles (an entity, an event, an outlet): a
search for words of the sources finds the source articles first."""


LIST_LIMIT = 12
"""Articles listed under one item of a summary page (a glossary term, an entity): the most
recent ones; the rest are counted. Every article page lists everything it holds."""

TITLE_WEIGHT = 7
"""Search weight of words that say what a page is about, as much as its title: an
article's outlet and date, an event's date."""
CONTEXT_WEIGHT = 3
"""Search weight of words that describe a page's subject: whom an article cites and
quotes, the English equivalents of its Indonesian terms."""


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML was built with it (ten times faster, same text)."""


def front_matter(title: str, **meta: Any) -> str:
    """YAML front matter for a generated page.

    MkDocs and Material print the title into templates without escaping, so it is
    HTML-escaped here; YAML quoting is left to the YAML dumper.
    """
    data = {"title": html_text(title), **meta}
    dumped = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n"


def json_for_script(data: Any) -> str:
    """JSON that is safe inside a <script> element: no "</" can close it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")
