"""Where each generated page lives, and links between pages.

Paths are docs-relative Markdown paths (`artikel/<id>.md`). Markdown links between pages use
relative `.md` paths, so MkDocs checks them (a broken one is a warning, fatal with
--strict). Links inside raw HTML (article text) use the directory URLs MkDocs publishes.
"""

from __future__ import annotations

import functools
import posixpath

ARTICLES_DIR = "artikel"
ARTICLES_INDEX = f"{ARTICLES_DIR}/index.md"
OUTLETS_DIR = "media"
OUTLETS_INDEX = f"{OUTLETS_DIR}/index.md"
FIGURES_INDEX = "angka/index.md"
ALL_FIGURES = "angka/semua.md"
QUOTES_INDEX = "kutipan/index.md"
ENTITIES_DIR = "entitas"
ENTITIES_INDEX = f"{ENTITIES_DIR}/index.md"
GLOSSARY = "glosarium/index.md"
GLOSSARY_EN = "glosarium/inggris.md"
EVENTS_DIR = "peristiwa"
EVENTS_INDEX = f"{EVENTS_DIR}/index.md"
EXPLAINERS_DIR = "penjelasan"

EDITIONS = {"en": "en"}
"""Other-language editions: language → the folder of its hand-written pages under
`content/` and of its site under the site root (`content/en/` → `/en/`)."""

RESERVED_IDS = frozenset({"index", "bulan"})
"""Ids that would collide with an index page in the same folder, or with the folder of
its month pages (`artikel/bulan/`, see `pages.paging`)."""


def article_page(article_id: str) -> str:
    return f"{ARTICLES_DIR}/{article_id}.md"


def outlet_page(outlet_id: str) -> str:
    return f"{OUTLETS_DIR}/{outlet_id}.md"


def entity_page(entity_id: str) -> str:
    return f"{ENTITIES_DIR}/{entity_id}.md"


def event_page(event_id: str) -> str:
    return f"{EVENTS_DIR}/{event_id}.md"


def md_link_target(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative link from one generated Markdown page to another, as MkDocs resolves it."""
    target = _relative(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=65_536)
def _relative(path: str, start: str) -> str:
    """`posixpath.relpath(path, start)` for the site's relative paths. relpath makes both
    absolute against the working directory first, which asks the system for it every time:
    at 10,000 articles 390,000 pairs of pages, 11 s of rendering. Paths that climb out of
    the site (`..`) are left to it."""
    path, start = posixpath.normpath(path), posixpath.normpath(start)
    if path.startswith(("/", "..")) or start.startswith(("/", "..")):
        return posixpath.relpath(path, start)
    to = [] if path == "." else path.split("/")
    here = [] if start == "." else start.split("/")
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def page_url(page: str) -> str:
    """The directory URL MkDocs publishes a page at: artikel/x.md → artikel/x/."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def html_link_target(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative URL for a link written in raw HTML (MkDocs does not rewrite those)."""
    here = page_url(from_page)
    there = page_url(to_page)
    target = _relative(there or ".", here.rstrip("/") or ".")
    target = "./" if target == "." else (target if target.endswith("/") else f"{target}/")
    return f"{target}#{anchor}" if anchor else target
