"""The finished archive that pages are rendered from, and the indexes across articles.

Phase one (`pipeline.build_archive`) reads, cleans and extracts; `build_indexes` then works
out everything that spans articles once: who publishes and who is cited, which figures
belong to which quantity and where outlets disagree, every quotation by speaker, and the
anchor of every marked item. Renderers only read these.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from .cache import ArticleCache
from .citations import Explainer, cited_in
from .cleaning import CleanedArticle
from .errors import Problem
from .extract.model import (
    ArticleExtraction,
    Attribution,
    DateMention,
    Figure,
    Mention,
    Quote,
    TermOccurrence,
)
from .model import ArticleSource
from .quantities import ReportedFigure, disagreements
from .sources import Corpus
from .timeline import Report


@dataclass(frozen=True, slots=True)
class Archive:
    corpus: Corpus
    articles: tuple[CleanedArticle, ...]
    extractions: Mapping[str, ArticleExtraction]
    """By article id; articles in a language without extraction rules have none."""
    figures: Mapping[str, tuple[ReportedFigure, ...]]
    """Article id → its figures, with their quantity and period (`report_figures`)."""
    reports: Mapping[str, tuple[Report, ...]]
    """Article id → its date mentions, with the event each reports (`timeline.attach`)."""
    explainers: tuple[Explainer, ...] = ()
    """Hand-written pages that cite the archive."""
    citation_warnings: tuple[Problem, ...] = ()
    store: ArticleCache | None = None
    """The cache the articles came from; pages rendered from one article alone use it too."""
    stats: BuildStats = field(default_factory=lambda: BuildStats())
    """How long each stage took, and which articles were cleaned and extracted afresh."""

    @property
    def warnings(self) -> tuple[Problem, ...]:
        found = [w for extraction in self.extractions.values() for w in extraction.warnings]
        return (*self.corpus.warnings, *found, *self.citation_warnings)


@dataclass
class BuildStats:
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time per stage: load, clean, extract, index, render."""
    extracted: tuple[str, ...] = ()
    """Ids of the articles cleaned and extracted in this build (the others came from the
    cache)."""
    from_cache: int = 0

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds


Item = DateMention | Figure | Quote


@dataclass(frozen=True)
class Indexes:
    articles: Mapping[str, CleanedArticle]
    articles_by_outlet: Mapping[str | None, tuple[ArticleSource, ...]]
    citations: Mapping[str, Counter[str]]
    """Article id → cited outlet id → number of attributions."""
    cited_by: Mapping[str, tuple[tuple[ArticleSource, Attribution], ...]]
    """Cited outlet id → every attribution to it, with its article."""
    figures: tuple[ReportedFigure, ...]
    figures_by_quantity: Mapping[str, tuple[ReportedFigure, ...]]
    disagreements: Mapping[str, tuple[tuple[ReportedFigure, ReportedFigure], ...]]
    quotes: tuple[tuple[ArticleSource, Quote], ...]
    quotes_by_speaker: Mapping[str | None, tuple[tuple[ArticleSource, Quote], ...]]
    """Speaker id (None when not registered) → their quotes, in article order."""
    mentions: Mapping[str, tuple[tuple[ArticleSource, Mention], ...]]
    """Entity id → every mention of it, in article order."""
    co_mentions: Mapping[str, Counter[str]]
    """Entity id → other entity id → number of paragraphs naming both."""
    term_occurrences: Mapping[str, tuple[tuple[ArticleSource, TermOccurrence], ...]]
    """Glossary term id → every occurrence, in article order."""
    sentences: Mapping[tuple[str, str, int], str]
    """(article id, unit id, sentence index) → the sentence's text."""
    reports: tuple[Report, ...]
    """Every date mention on the timeline, attached to an event or not."""
    reports_by_event: Mapping[str, tuple[Report, ...]]
    cited_in: Mapping[tuple[str, str], list[Explainer]]
    """(article id, paragraph) → hand-written pages citing it."""
    cited_paragraphs: Mapping[str, tuple[tuple[str, Explainer], ...]]
    """Article id → (paragraph, page citing it), sorted: what its page shows as cited."""
    anchors: Mapping[int, str]
    """id() of a date, figure or quote → its anchor on the article page (d3, f1, q2)."""

    def anchor(self, item: Item) -> str:
        return self.anchors[id(item)]


def build_indexes(archive: Archive) -> Indexes:
    corpus = archive.corpus
    citing = cited_in(archive.explainers)
    cited_paragraphs: dict[str, list[tuple[str, Explainer]]] = defaultdict(list)
    for (article_id, anchor), pages in citing.items():
        cited_paragraphs[article_id] += [(anchor, page) for page in pages]
    by_outlet: dict[str | None, list[ArticleSource]] = defaultdict(list)
    for article in corpus.articles:
        by_outlet[article.outlet].append(article)
    citations: dict[str, Counter[str]] = {}
    cited_by: dict[str, list[tuple[ArticleSource, Attribution]]] = defaultdict(list)
    quotes: list[tuple[ArticleSource, Quote]] = []
    by_speaker: dict[str | None, list[tuple[ArticleSource, Quote]]] = defaultdict(list)
    mentions: dict[str, list[tuple[ArticleSource, Mention]]] = defaultdict(list)
    co_mentions: dict[str, Counter[str]] = defaultdict(Counter)
    occurrences: dict[str, list[tuple[ArticleSource, TermOccurrence]]] = defaultdict(list)
    sentences: dict[tuple[str, str, int], str] = {}
    anchors: dict[int, str] = {}
    for cleaned in archive.articles:
        source = cleaned.source
        extraction = archive.extractions.get(source.id)
        if extraction is None:
            continue
        citations[source.id] = Counter(a.outlet for a in extraction.attributions)
        for attribution in extraction.attributions:
            cited_by[attribution.outlet].append((source, attribution))
        quotes.extend((source, quote) for quote in extraction.quotes)
        for quote in extraction.quotes:
            by_speaker[quote.speaker].append((source, quote))
        units = {unit.id: unit.text for unit in extraction.units}
        for sentence in extraction.sentences:
            sentences[(source.id, sentence.unit, sentence.index)] = units[sentence.unit][
                sentence.start : sentence.end
            ]
        by_unit: dict[str, set[str]] = defaultdict(set)
        for mention in extraction.mentions:
            if mention.entity is not None:
                mentions[mention.entity].append((source, mention))
                by_unit[mention.unit].add(mention.entity)
        for named in by_unit.values():
            for entity in named:
                co_mentions[entity].update(named - {entity})
        for occurrence in extraction.terms:
            occurrences[occurrence.term].append((source, occurrence))
        for prefix, items in (
            ("d", extraction.dates),
            ("f", extraction.figures),
            ("q", extraction.quotes),
        ):
            for number, item in enumerate(items, start=1):
                anchors[id(item)] = f"{prefix}{number}"
    figures = [f for article in corpus.articles for f in archive.figures.get(article.id, ())]
    by_quantity: dict[str, list[ReportedFigure]] = defaultdict(list)
    for reported in figures:
        if reported.quantity is not None:
            by_quantity[reported.quantity].append(reported)
    tolerance = {q.id: q.tolerance for q in corpus.quantities}
    reports = [r for article in corpus.articles for r in archive.reports.get(article.id, ())]
    by_event: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        if report.event is not None:
            by_event[report.event].append(report)
    return Indexes(
        articles={a.source.id: a for a in archive.articles},
        articles_by_outlet={k: tuple(v) for k, v in by_outlet.items()},
        citations=citations,
        cited_by={k: tuple(v) for k, v in cited_by.items()},
        figures=tuple(figures),
        figures_by_quantity={k: tuple(v) for k, v in by_quantity.items()},
        disagreements={q: tuple(disagreements(v, tolerance[q])) for q, v in by_quantity.items()},
        quotes=tuple(quotes),
        quotes_by_speaker={k: tuple(v) for k, v in by_speaker.items()},
        mentions={k: tuple(v) for k, v in mentions.items()},
        co_mentions=dict(co_mentions),
        term_occurrences={k: tuple(v) for k, v in occurrences.items()},
        sentences=sentences,
        reports=tuple(reports),
        reports_by_event={k: tuple(v) for k, v in by_event.items()},
        cited_in=citing,
        cited_paragraphs={
            article: tuple(sorted(pairs, key=lambda pair: (pair[0], pair[1].page)))
            for article, pairs in cited_paragraphs.items()
        },
        anchors=anchors,
    )
