"""The build, in two phases: read and clean everything, then render every page.

`build_archive` is the only place that reads files; `render_site` only reads the finished
archive. The MkDocs plugin and the `generate` command both call these two functions, so
the site and the Markdown written to disk cannot differ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .catalog import catalog
from .cleaning import CleanedArticle, StructuralRule, clean_article, find_repeated_lines
from .errors import Problem
from .pages import RenderContext
from .pages.article import render_article
from .pages.articles_index import render_articles_index
from .paths import ARTICLES_INDEX, article_page
from .sources import Corpus, load_corpus


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    path: str
    """Docs-relative path of the Markdown page, e.g. `artikel/index.md`."""
    content: str
    listed: bool = False
    """True for pages meant to be reached from the navigation (index pages)."""


@dataclass(frozen=True, slots=True)
class Archive:
    corpus: Corpus
    articles: tuple[CleanedArticle, ...]

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.corpus.warnings


def build_archive(
    sources: Path, *, root: Path | None = None, today: dt.date | None = None
) -> Archive:
    """Read, validate and clean the archive's sources. Raises ArchiveError."""
    corpus = load_corpus(sources, root=root, today=today or dt.date.today())
    repeated = find_repeated_lines(corpus.articles, corpus.rules.structure)
    cleaned = tuple(
        clean_article(
            article, corpus.rules, corpus.outlets, repeated.get(article.outlet, frozenset())
        )
        for article in corpus.articles
    )
    return Archive(corpus, cleaned)


def _rule_labels(archive: Archive, lang: str) -> dict[str, str]:
    labels = {rule.id: rule.label.get(lang) for rule in archive.corpus.rules.rules}
    for rule in StructuralRule:
        key = f"rule.{rule.value}"
        if key in catalog().messages:
            labels[rule.value] = catalog().text(key, lang)
    return labels


def render_site(archive: Archive, lang: str = "id") -> list[GeneratedPage]:
    """Every generated page of the site in `lang`."""
    ctx = RenderContext(lang, catalog(), archive.corpus.outlets)
    labels = _rule_labels(archive, lang)
    pages = [
        GeneratedPage(
            ARTICLES_INDEX, render_articles_index(archive.corpus.articles, ctx), listed=True
        )
    ]
    pages.extend(
        GeneratedPage(article_page(article.source.id), render_article(article, ctx, labels))
        for article in archive.articles
    )
    return pages


def write_pages(pages: list[GeneratedPage], out: Path) -> None:
    """Write generated pages under `out` (for review, or for another site generator)."""
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
