"""The build, in two phases: read and clean everything, then render every page.

`build_archive` is the only place that reads files; `render_site` only reads the finished
archive. The MkDocs plugin and the `generate` command both call these two functions, so
the site and the Markdown written to disk cannot differ.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import multiprocessing
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .archive import Archive, BuildStats, build_indexes
from .cache import ArticleCache, Entry
from .catalog import catalog
from .citations import Explainer, check_citations, read_explainers, render_citations
from .cleaning import CleanedArticle, StructuralRule, clean_article, find_repeated_lines
from .errors import Problem, Severity, raise_if_errors
from .exports import render_exports
from .extract import ExtractionContext, extract_article
from .pages import PAGE_ITEMS, RenderContext, SourceHistory
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
from .quantities import report_figures
from .sources import Corpus, load_corpus
from .timeline import attach


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    path: str
    """Docs-relative path of a page (`artikel/index.md`) or a data file (`data/dates.json`)."""
    content: str
    listed: bool = False
    """True for pages meant to be reached from the navigation (index pages)."""


@dataclass(frozen=True)
class ArticlePages:
    """Asks `build_archive` to render the page of each article it cleans and extracts, in
    the same process, into the cache `render_site` reads pages from: with many articles
    that is one process per core instead of one for every page. A page depends on its
    article, the registries, the hand-written pages citing it and when its file last
    changed, all known before extraction; not on other articles."""

    lang: str
    history: Callable[[Corpus], SourceHistory]
    """When each article's file last changed (the plugin reads git), asked only when some
    article is extracted."""


def build_archive(
    sources: Path,
    *,
    root: Path | None = None,
    today: dt.date | None = None,
    content: Path | None = None,
    content_skip: Iterable[str] | None = None,
    cache: Path | None = None,
    pages: ArticlePages | None = None,
) -> Archive:
    """Read, validate, clean and extract the archive's sources, and check the citations of
    the hand-written pages under `content`. With a `cache` folder, articles whose text,
    registries and code are unchanged since the last build are not cleaned and extracted
    again, and with `pages` the articles extracted have their pages rendered into it.
    Raises ArchiveError."""
    with collector_paused():
        return _build_archive(
            sources,
            root=root,
            today=today,
            content=content,
            content_skip=content_skip,
            cache=cache,
            pages=pages,
        )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the archive is built or rendered, as it was
    before. The archive is hundreds of thousands of objects that live until the pages are
    written and hold no cycles; each full pass of the collector walks all of them again
    (1.1 s of the 9.1 s of building 1,005 synthetic articles, and more as the archive
    grows). What the steps create and drop is freed by reference counting as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build_archive(
    sources: Path,
    *,
    root: Path | None,
    today: dt.date | None,
    content: Path | None,
    content_skip: Iterable[str] | None,
    cache: Path | None,
    pages: ArticlePages | None,
) -> Archive:
    stats = BuildStats()
    started = time.perf_counter()
    corpus = load_corpus(sources, root=root, today=today or dt.date.today())
    repeated = find_repeated_lines(corpus.articles, corpus.rules.structure)
    store = ArticleCache.open(cache, sources)
    entries: dict[str, Entry] = {}
    missing: list[int] = []
    for index, article in enumerate(corpus.articles):
        key = store.key(article, repeated.get(article.outlet, frozenset()))
        store.keys[article.id] = key
        entry = store.get(key)
        if entry is None:
            missing.append(index)
        else:
            entries[article.id] = entry
    # Another edition's hand-written pages (content/en/) are not this edition's.
    explainers: list[Explainer] = []
    problems: list[Problem] = []
    if content is not None and content.is_dir():
        skip = tuple(EDITIONS.values()) if content_skip is None else tuple(content_skip)
        explainers, problems = read_explainers(content, root or sources.parent, skip)
    # Reading the cache is loading; writing it is part of extracting.
    stats.add("load", time.perf_counter() - started)
    worker = _Worker(corpus, repeated, store)
    if pages is not None and cache is not None and missing:
        worker.pages = _PageMaker(corpus, explainers, pages.lang, pages.history(corpus), store)
    done, seconds = _process(worker, missing)
    for stage, spent in seconds.items():
        stats.add(stage, spent)
    for index, entry in zip(missing, done, strict=True):
        entries[corpus.articles[index].id] = entry
    cleaned = [entries[article.id][0] for article in corpus.articles]
    extractions = {
        article.id: extraction
        for article in corpus.articles
        if (extraction := entries[article.id][1]) is not None
    }
    figures = {article.id: entries[article.id][2] for article in corpus.articles}
    reports = {article.id: entries[article.id][3] for article in corpus.articles}
    stats.extracted = tuple(corpus.articles[index].id for index in missing)
    stats.from_cache = store.hits
    archive = Archive(
        corpus,
        tuple(cleaned),
        extractions,
        figures,
        reports,
        store=store if cache else None,
        stats=stats,
    )
    if content is None or not content.is_dir():
        return archive
    problems += check_citations(explainers, archive)
    raise_if_errors(problems)
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    return replace(archive, explainers=tuple(explainers), citation_warnings=warnings)


PARALLEL_FROM = 200
"""Articles to clean and extract before it pays to start worker processes (each starts in
a few milliseconds by forking, but the results travel back pickled)."""


class _Worker:
    """Cleans and extracts one article of the corpus, with the extraction context of its
    language built once per process."""

    def __init__(
        self,
        corpus: Corpus,
        repeated: dict[str | None, frozenset[str]],
        store: ArticleCache | None = None,
    ) -> None:
        self.corpus = corpus
        self.repeated = repeated
        self.store = store
        """Where each entry is kept for the next build (keyed by `store.keys`)."""
        self.pages: _PageMaker | None = None
        """Renders the page of each article extracted into the cache, when asked to."""
        self.contexts: dict[str, ExtractionContext] = {}
        self.events = list(corpus.events.values())

    def __call__(self, index: int) -> tuple[Entry, dict[str, float]]:
        corpus = self.corpus
        article = corpus.articles[index]
        started = time.perf_counter()
        lines = self.repeated.get(article.outlet, frozenset())
        done = clean_article(article, corpus.rules, corpus.outlets, lines)
        cleaned_at = time.perf_counter()
        code = article.language.split("-")[0]
        if code not in self.contexts and code in corpus.languages:
            self.contexts[code] = ExtractionContext.build(
                corpus.languages[code], corpus.entities, corpus.outlets, corpus.terms
            )
        entry: Entry = (done, None, (), ())
        if code in self.contexts:
            extraction = extract_article(done, self.contexts[code])
            figures = report_figures(article, extraction, corpus.quantities)
            entry = (done, extraction, figures, attach(article, extraction, self.events))
        seconds = {"clean": cleaned_at - started, "extract": time.perf_counter() - cleaned_at}
        if self.pages is not None:
            started = time.perf_counter()
            self.pages.render(entry)
            seconds["render"] = time.perf_counter() - started
        return entry, seconds

    def stored(self, index: int) -> tuple[Entry, dict[str, float]]:
        """The entry, kept in the cache; writing it counts as extracting."""
        entry, seconds = self(index)
        if self.store is not None:
            started = time.perf_counter()
            self.store.put(self.store.keys[self.corpus.articles[index].id], entry)
            seconds["extract"] += time.perf_counter() - started
        return entry, seconds

    def pickled(self, index: int) -> tuple[bytes, dict[str, float]]:
        """The entry kept in the cache and pickled once, for the cache file and for the
        way back to the parent process (which would otherwise pickle it again)."""
        entry, seconds = self(index)
        started = time.perf_counter()
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        if self.store is not None:
            self.store.put_pickled(self.store.keys[self.corpus.articles[index].id], data)
        seconds["extract"] += time.perf_counter() - started
        return data, seconds


_FORKED: _Worker | None = None
"""The worker a forked process inherits (set just before the pool forks)."""


def _forked(index: int) -> tuple[bytes, dict[str, float]]:
    assert _FORKED is not None
    return _FORKED.pickled(index)


def _process(worker: _Worker, indexes: list[int]) -> tuple[list[Entry], dict[str, float]]:
    """Every article's entry, in order, and the wall time of cleaning and extracting: in
    this process for a few articles, in one forked process per core for many (the time
    then shared out between the stages as the workers spent it)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if len(indexes) < PARALLEL_FROM or cores < 2 or not can_fork:
        results = [worker.stored(index) for index in indexes]
        return [entry for entry, _ in results], _spent(results)
    global _FORKED
    _FORKED = worker
    started = time.perf_counter()
    results = []
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(cores) as pool:
            chunk = max(1, len(indexes) // (cores * 8))
            # Unpickled here as they come, while the workers go on.
            for data, seconds in pool.imap(_forked, indexes, chunksize=chunk):
                results.append((pickle.loads(data), seconds))
    finally:
        _FORKED = None
    wall = time.perf_counter() - started
    spent = _spent(results)
    total = sum(spent.values()) or 1.0
    return [entry for entry, _ in results], {s: wall * v / total for s, v in spent.items()}


def _spent(results: list[tuple[Entry, dict[str, float]]]) -> dict[str, float]:
    stages = dict.fromkeys(stage for _, spent in results for stage in spent)
    return {stage: sum(s.get(stage, 0.0) for _, s in results) for stage in stages}


class _PageMaker:
    """Renders an article's page from its entry alone, as `render_site` would render it
    from the whole archive (`_article_page`), into the cache."""

    def __init__(
        self,
        corpus: Corpus,
        explainers: Sequence[Explainer],
        lang: str,
        history: SourceHistory,
        store: ArticleCache,
    ) -> None:
        self.corpus = corpus
        self.explainers = tuple(explainers)
        self.lang = lang
        self.history = history
        self.store = store
        self.labels: dict[str, str] | None = None

    def render(self, entry: Entry) -> None:
        cleaned, extraction, figures, reports = entry
        source = cleaned.source
        # The archive of this one article: the indexes of a whole archive hold nothing
        # else an article page reads (its items' anchors, the pages citing it).
        alone = Archive(
            replace(self.corpus, articles=(source,)),
            (cleaned,),
            {source.id: extraction} if extraction is not None else {},
            {source.id: figures},
            {source.id: reports},
            explainers=self.explainers,
            store=self.store,
        )
        if self.labels is None:
            self.labels = _rule_labels(alone, self.lang)
        ctx = RenderContext(
            self.lang, catalog(), alone, build_indexes(alone), PAGE_ITEMS, self.history
        )
        _article_page(cleaned, ctx, self.labels)


def _rule_labels(archive: Archive, lang: str) -> dict[str, str]:
    labels = {rule.id: rule.label.get(lang) for rule in archive.corpus.rules.rules}
    for rule in StructuralRule:
        key = f"rule.{rule.value}"
        if key in catalog().messages:
            labels[rule.value] = catalog().text(key, lang)
    return labels


def render_site(
    archive: Archive,
    lang: str = "id",
    history: SourceHistory | None = None,
    *,
    page_items: int = PAGE_ITEMS,
) -> list[GeneratedFile]:
    """Every generated page of the site in `lang`, and the data exports. `history` says
    when each source file last changed and where it can be edited (none by default).
    Lists longer than `page_items` entries are split into pages by month."""
    with collector_paused():
        return _render_site(archive, lang, history, page_items)


def _render_site(
    archive: Archive, lang: str, history: SourceHistory | None, page_items: int
) -> list[GeneratedFile]:
    store = archive.store
    # The small texts cached (`ArticleCache.part`) depend on the language and page size;
    # reading them is loading.
    bundle = f"{lang}-{page_items}"
    if store is not None:
        started = time.perf_counter()
        store.open_parts(bundle)
        archive.stats.add("load", time.perf_counter() - started)
    started = time.perf_counter()
    ctx = RenderContext(
        lang,
        catalog(),
        archive,
        build_indexes(archive),
        page_items,
        history or SourceHistory(),
    )
    archive.stats.add("index", time.perf_counter() - started)
    started = time.perf_counter()
    labels = _rule_labels(archive, lang)
    pages = [
        *_with_parts(
            ARTICLES_INDEX, render_articles_index(archive.corpus.articles, ctx), listed=True
        ),
        *_with_parts(OUTLETS_INDEX, render_outlets_index(ctx), listed=True),
        *_with_parts(FIGURES_INDEX, render_figures(ctx), listed=True),
        *_with_parts(ALL_FIGURES, render_all_figures(ctx)),
        *_with_parts(QUOTES_INDEX, render_quotes(ctx), listed=True),
        GeneratedFile(ENTITIES_INDEX, render_entities_index(ctx), listed=True),
        GeneratedFile(GLOSSARY, render_glossary(ctx), listed=True),
        GeneratedFile(GLOSSARY_EN, render_glossary_en(ctx)),
        *_with_parts(EVENTS_INDEX, render_events_index(ctx), listed=True),
    ]
    pages.extend(
        GeneratedFile(article_page(article.source.id), _article_page(article, ctx, labels))
        for article in archive.articles
    )
    for outlet in archive.corpus.outlets.values():
        pages += _with_parts(outlet_page(outlet.id), render_outlet(outlet, ctx))
    pages.extend(
        GeneratedFile(entity_page(entity.id), render_entity(entity, ctx))
        for entity in archive.corpus.entities.values()
    )
    for event in archive.corpus.events.values():
        pages += _with_parts(event_page(event.id), render_event(event, ctx))
    exports = render_exports(archive, ctx.indexes, lang)
    pages.extend(GeneratedFile(path, content) for path, content in exports.items())
    if store is not None:
        store.save_parts(bundle)
    archive.stats.add("render", time.perf_counter() - started)
    return pages


def _with_parts(
    path: str, rendered: tuple[str, dict[str, str]], listed: bool = False
) -> list[GeneratedFile]:
    """A page and the month pages its long lists were split into (`pages.paging`)."""
    content, parts = rendered
    return [GeneratedFile(path, content, listed), *(GeneratedFile(p, c) for p, c in parts.items())]


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


def for_citations(archive: Archive) -> Archive:
    """What `resolve_page` reads of the archive: the registries, the hand-written pages and
    the articles they cite. The plugin keeps this while MkDocs renders the pages, instead
    of every article, extraction and placement."""
    cited = {c.target for e in archive.explainers for c in e.citations if c.kind == "src"}
    return replace(
        archive,
        corpus=replace(
            archive.corpus, articles=tuple(a for a in archive.corpus.articles if a.id in cited)
        ),
        articles=tuple(a for a in archive.articles if a.source.id in cited),
        extractions={},
        figures={},
        reports={},
        store=None,
    )


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
