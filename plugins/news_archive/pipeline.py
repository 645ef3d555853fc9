"""The build, in two phases: read and clean everything, then render every page.

`build_archive` is the only place that reads files; `render_site` only reads the finished
archive. The MkDocs plugin and the `generate` command both call these two functions, so
the site and the Markdown written to disk cannot differ.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .archive import Archive, BuildStats, build_indexes
from .cache import ArticleCache
from .catalog import catalog
from .citations import check_citations, read_explainers, render_citations
from .cleaning import CleanedArticle, StructuralRule, clean_article, find_repeated_lines
from .errors import Severity, raise_if_errors
from .exports import render_exports
from .extract import ExtractionContext, extract_article
from .extract.model import ArticleExtraction
from .pages import RenderContext, SourceHistory
from .pages.article import render_article
from .pages.articles_index import render_articles_index
from .pages.entities import render_entities_index, render_entity
from .pages.events import render_event, render_events_index
from .pages.figures import render_all_figures, render_figures
from .pages.glossary import render_glossary, render_glossary_en
from .pages.outlets import render_outlet, render_outlets_index
from .pages.quotes import render_quotes
from .paths import (
    ALL_FIGURES,
    ARTICLES_INDEX,
    EDITIONS,
    ENTITIES_INDEX,
    EVENTS_INDEX,
    FIGURES_INDEX,
    GLOSSARY,
    GLOSSARY_EN,
    OUTLETS_INDEX,
    QUOTES_INDEX,
    article_page,
    entity_page,
    event_page,
    outlet_page,
)
from .sources import load_corpus


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    path: str
    """Docs-relative path of a page (`artikel/index.md`) or a data file (`data/dates.json`)."""
    content: str
    listed: bool = False
    """True for pages meant to be reached from the navigation (index pages)."""


def build_archive(
    sources: Path,
    *,
    root: Path | None = None,
    today: dt.date | None = None,
    content: Path | None = None,
    content_skip: Iterable[str] | None = None,
    cache: Path | None = None,
) -> Archive:
    """Read, validate, clean and extract the archive's sources, and check the citations of
    the hand-written pages under `content`. With a `cache` folder, articles whose text,
    registries and code are unchanged since the last build are not cleaned and extracted
    again. Raises ArchiveError."""
    stats = BuildStats()
    started = time.perf_counter()
    corpus = load_corpus(sources, root=root, today=today or dt.date.today())
    repeated = find_repeated_lines(corpus.articles, corpus.rules.structure)
    stats.add("load", time.perf_counter() - started)
    store = ArticleCache.open(cache, sources)
    contexts: dict[str, ExtractionContext] = {}
    cleaned: list[CleanedArticle] = []
    extractions: dict[str, ArticleExtraction] = {}
    fresh: list[str] = []
    for article in corpus.articles:
        lines = repeated.get(article.outlet, frozenset())
        key = store.key(article, lines)
        store.keys[article.id] = key
        entry = store.get(key)
        if entry is None:
            started = time.perf_counter()
            done = clean_article(article, corpus.rules, corpus.outlets, lines)
            stats.add("clean", time.perf_counter() - started)
            started = time.perf_counter()
            code = article.language.split("-")[0]
            if code not in contexts and code in corpus.languages:
                contexts[code] = ExtractionContext.build(
                    corpus.languages[code], corpus.entities, corpus.outlets, corpus.terms
                )
            extraction = extract_article(done, contexts[code]) if code in contexts else None
            stats.add("extract", time.perf_counter() - started)
            entry = (done, extraction)
            store.put(key, entry)
            fresh.append(article.id)
        cleaned.append(entry[0])
        if entry[1] is not None:
            extractions[article.id] = entry[1]
    stats.extracted = tuple(fresh)
    stats.from_cache = store.hits
    archive = Archive(
        corpus, tuple(cleaned), extractions, store=store if cache else None, stats=stats
    )
    if content is None or not content.is_dir():
        return archive
    # Another edition's hand-written pages (content/en/) are not this edition's.
    skip = tuple(EDITIONS.values()) if content_skip is None else tuple(content_skip)
    explainers, problems = read_explainers(content, root or sources.parent, skip)
    problems += check_citations(explainers, archive)
    raise_if_errors(problems)
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    return replace(archive, explainers=tuple(explainers), citation_warnings=warnings)


def _rule_labels(archive: Archive, lang: str) -> dict[str, str]:
    labels = {rule.id: rule.label.get(lang) for rule in archive.corpus.rules.rules}
    for rule in StructuralRule:
        key = f"rule.{rule.value}"
        if key in catalog().messages:
            labels[rule.value] = catalog().text(key, lang)
    return labels


def render_site(
    archive: Archive, lang: str = "id", history: SourceHistory | None = None
) -> list[GeneratedFile]:
    """Every generated page of the site in `lang`, and the data exports. `history` says
    when each source file last changed and where it can be edited (none by default)."""
    started = time.perf_counter()
    ctx = RenderContext(
        lang, catalog(), archive, build_indexes(archive), history or SourceHistory()
    )
    archive.stats.add("index", time.perf_counter() - started)
    started = time.perf_counter()
    labels = _rule_labels(archive, lang)
    pages = [
        GeneratedFile(
            ARTICLES_INDEX, render_articles_index(archive.corpus.articles, ctx), listed=True
        ),
        GeneratedFile(OUTLETS_INDEX, render_outlets_index(ctx), listed=True),
        GeneratedFile(FIGURES_INDEX, render_figures(ctx), listed=True),
        GeneratedFile(ALL_FIGURES, render_all_figures(ctx)),
        GeneratedFile(QUOTES_INDEX, render_quotes(ctx), listed=True),
        GeneratedFile(ENTITIES_INDEX, render_entities_index(ctx), listed=True),
        GeneratedFile(GLOSSARY, render_glossary(ctx), listed=True),
        GeneratedFile(GLOSSARY_EN, render_glossary_en(ctx)),
        GeneratedFile(EVENTS_INDEX, render_events_index(ctx), listed=True),
    ]
    pages.extend(
        GeneratedFile(article_page(article.source.id), _article_page(article, ctx, labels))
        for article in archive.articles
    )
    pages.extend(
        GeneratedFile(outlet_page(outlet.id), render_outlet(outlet, ctx))
        for outlet in archive.corpus.outlets.values()
    )
    pages.extend(
        GeneratedFile(entity_page(entity.id), render_entity(entity, ctx))
        for entity in archive.corpus.entities.values()
    )
    pages.extend(
        GeneratedFile(event_page(event.id), render_event(event, ctx))
        for event in archive.corpus.events.values()
    )
    exports = render_exports(archive, ctx.indexes, lang)
    pages.extend(GeneratedFile(path, content) for path, content in exports.items())
    archive.stats.add("render", time.perf_counter() - started)
    return pages


def _article_page(article: CleanedArticle, ctx: RenderContext, labels: dict[str, str]) -> str:
    """An article's page depends on the article, the registries and code (its cache key),
    the edition's language, which explainers cite its paragraphs, and when its file last
    changed and where it is edited (git history and the site's config): cached on those."""
    store = ctx.archive.store
    source = article.source
    if store is None or source.id not in store.keys:
        return render_article(article, ctx, labels)
    cited = [
        (anchor, explainer.page, explainer.title)
        for anchor, explainer in ctx.indexes.cited_paragraphs.get(source.id, ())
    ]
    history = (ctx.history.changed.get(source.id), ctx.history.edit_base)
    key = hashlib.sha256(
        f"{store.keys[source.id]}|{ctx.lang}|{cited!r}|{history!r}".encode()
    ).hexdigest()
    return store.page(key, lambda: render_article(article, ctx, labels))


def resolve_page(markdown: str, page: str, archive: Archive, lang: str = "id") -> str:
    """A hand-written page's Markdown with its citations resolved (unchanged otherwise)."""
    if not any(e.page == page for e in archive.explainers):
        return markdown
    labels = catalog()
    return render_citations(markdown, page, archive, lang, lambda key: labels.text(key, lang))


def render_explainers(archive: Archive, content: Path, lang: str = "id") -> list[GeneratedFile]:
    """Hand-written pages that cite the archive, citations resolved, as MkDocs shows them."""
    return [
        GeneratedFile(
            e.page,
            resolve_page((content / e.page).read_text(encoding="utf-8"), e.page, archive, lang),
        )
        for e in archive.explainers
    ]


def write_pages(pages: list[GeneratedFile], out: Path) -> None:
    """Write generated pages and data under `out` (for review, or another site generator)."""
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
