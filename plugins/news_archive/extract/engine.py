"""Runs every extractor over one cleaned article and collects their findings and warnings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..cleaning import CleanedArticle
from ..errors import Problem, Severity
from ..model import Entity, Outlet, Term
from .attributions import OutletNames, find_attributions, outlet_names
from .dates import find_expressions, resolve
from .figures import find_figures
from .language import Language
from .model import ArticleExtraction, DateMention, Mention, Unit, UnitKind
from .names import NameMatcher
from .quotes import find_quotes
from .terms import TermMatcher
from .text import split_sentences, units_of

_WARNED_FLAGS = ("weekday-mismatch", "future")


@dataclass(frozen=True)
class ExtractionContext:
    """The registries extraction reads, with the name matcher built once from them."""

    language: Language
    entities: Mapping[str, Entity]
    outlets: Mapping[str, Outlet]
    matcher: NameMatcher
    terms: TermMatcher = field(default_factory=lambda: TermMatcher({}))
    outlet_names: OutletNames = field(init=False)
    """The outlets' names, worked out once rather than for every unit."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "outlet_names", outlet_names(self.outlets))

    @classmethod
    def build(
        cls,
        language: Language,
        entities: Mapping[str, Entity],
        outlets: Mapping[str, Outlet],
        terms: Mapping[str, Term] | None = None,
    ) -> ExtractionContext:
        return cls(
            language,
            entities,
            outlets,
            NameMatcher(entities, outlets, language),
            TermMatcher(terms or {}),
        )


def extract_article(article: CleanedArticle, context: ExtractionContext) -> ArticleExtraction:
    language = context.language
    source = article.source
    units = units_of(article)
    sentences = {unit.id: split_sentences(unit, language) for unit in units}

    raws = [
        (unit, sentences[unit.id], find_expressions(unit, sentences[unit.id], language))
        for unit in units
    ]
    dates = resolve(raws, source.published, language)
    dates_by_unit: dict[str, list[tuple[int, int]]] = {}
    for mention in dates:
        dates_by_unit.setdefault(mention.unit, []).append((mention.start, mention.end))

    figures = [
        figure
        for unit in units
        for figure in find_figures(
            unit, sentences[unit.id], language, dates_by_unit.get(unit.id, [])
        )
    ]
    quotes = find_quotes(units, sentences, context.matcher, language)
    attributions = [
        attribution
        for unit in units
        for attribution in find_attributions(
            unit,
            sentences[unit.id],
            context.matcher,
            context.outlets,
            language,
            unit.credits,
            context.outlet_names,
        )
    ]
    mentions = _mentions(units, sentences, context, dates_by_unit)
    all_sentences = tuple(s for unit in units for s in sentences[unit.id])
    return ArticleExtraction(
        article=source.id,
        units=units,
        sentences=all_sentences,
        dates=tuple(dates),
        figures=tuple(figures),
        quotes=tuple(quotes),
        attributions=tuple(attributions),
        mentions=tuple(mentions),
        terms=tuple(t for unit in units for t in context.terms.find(unit)),
        title_terms=tuple(
            dict.fromkeys(
                t.term
                for t in context.terms.find(Unit("title", UnitKind.PARAGRAPH, source.title, 1))
            )
        ),
        warnings=tuple(_warnings(article, dates)),
    )


def _mentions(units, sentences, context, dates_by_unit) -> list[Mention]:  # type: ignore[no-untyped-def]
    from .text import sentence_at

    matcher = context.matcher
    # Words the article capitalises inside sentences, outside registered names, may be
    # names even where they open a sentence.
    initial_ok = frozenset(
        word
        for unit in units
        for word in matcher.capitalised_inside(_blank(unit.text, _registered(unit.text, matcher)))
    )
    found: list[Mention] = []
    for unit in units:
        text = unit.text
        entity_spans = matcher.entities_in(text)
        outlet_spans = matcher.outlets_in(text)
        for span in entity_spans:
            found.append(
                Mention(
                    unit.id,
                    sentence_at(sentences[unit.id], span.start),
                    span.start,
                    span.end,
                    text[span.start : span.end],
                    span.id,
                )
            )
        # Credits name photographers, who are not the subject of the text.
        taken = [(s.start, s.end) for s in entity_spans + outlet_spans]
        # Photo and video titles are in title case: their capitals say nothing.
        taken += dates_by_unit.get(unit.id, []) + list(unit.credits) + list(unit.titles)
        for start, end in matcher.candidates_in(text, taken, initial_ok):
            found.append(
                Mention(
                    unit.id,
                    sentence_at(sentences[unit.id], start),
                    start,
                    end,
                    text[start:end],
                    None,
                )
            )
    found.sort(key=lambda m: ([u.id for u in units].index(m.unit), m.start))
    return found


def _registered(text: str, matcher: NameMatcher) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in matcher.entities_in(text) + matcher.outlets_in(text)]


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans replaced by spaces (offsets unchanged)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _warnings(article: CleanedArticle, dates: list[DateMention]) -> list[Problem]:
    source = article.source
    lines = {p.id: source.file_line(p.line) for p in article.paragraphs}
    lines.update({m.id: source.file_line(m.lines[0]) for m in article.media})
    reviewed = {entry.split(":", 1)[0].strip() for entry in source.reviewed}
    problems: list[Problem] = []
    used: set[str] = set()
    for mention in dates:
        for flag in mention.flags:
            if flag not in _WARNED_FLAGS:
                continue
            key = f"{mention.unit} {flag}"
            if key in reviewed:
                used.add(key)
                continue
            if flag == "weekday-mismatch":
                assert mention.value is not None
                day = mention.value.start.first_day
                message = (
                    f"{source.id}#{mention.unit}: the weekday in '{mention.text}' is not the "
                    f"weekday of {day.isoformat()} (a {day.strftime('%A')}); kept as written"
                )
            else:
                message = (
                    f"{source.id}#{mention.unit}: '{mention.text}' resolves to "
                    f"{mention.value.iso if mention.value else '?'}, after the publication date "
                    f"{source.published}"
                )
            problems.append(
                Problem(
                    source.path,
                    lines.get(mention.unit),
                    None,
                    message,
                    hint=f"check the text; once reviewed, add '{key}' to the "
                    "source's reviewed list",
                    severity=Severity.WARNING,
                )
            )
    for stale in sorted(reviewed - used):
        problems.append(
            Problem(
                source.path,
                source.origin.line + 1,
                "reviewed",
                f"'{stale}' matches no flagged date any more",
                hint="remove it",
                severity=Severity.WARNING,
            )
        )
    return problems
