"""One module per page family; each exposes one `render_…` function returning Markdown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from ..catalog import Catalog
from ..markup import html_text
from ..model import Outlet


@dataclass(frozen=True)
class RenderContext:
    """What every renderer may read: the language, the labels and the registries."""

    lang: str
    catalog: Catalog
    outlets: Mapping[str, Outlet]

    def t(self, key: str, /, **values: Any) -> str:
        return self.catalog.text(key, self.lang, **values)


def front_matter(title: str, **meta: Any) -> str:
    """YAML front matter for a generated page.

    MkDocs and Material print the title into templates without escaping, so it is
    HTML-escaped here; YAML quoting is left to the YAML dumper.
    """
    data = {"title": html_text(title), **meta}
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n"
