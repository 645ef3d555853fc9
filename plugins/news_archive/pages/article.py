"""The page of one article: its source card, its cleaned text with what was read in it
marked, its captions and credits, and what cleaning moved out of the text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from urllib.parse import quote as url_quote

from ..cleaning import (
    CleanedArticle,
    MediaItem,
    Segment,
    SegmentKind,
    StructuralRule,
    lines_of,
)
from ..extract.model import ArticleExtraction, DateMention, Figure, Quote
from ..formatting import format_partial_date, language_name
from ..markup import (
    Mark,
    external_link,
    html_text,
    marked_html,
    md_link,
    md_text,
    not_indexed,
    weighted,
)
from ..model import ArticleSource, PartialDate, Precision
from ..paths import GLOSSARY, article_page, entity_page, html_link_target, md_link_target
from . import CONTEXT_WEIGHT, TITLE_WEIGHT, RenderContext, front_matter, json_for_script

_TITLE_RULES = {StructuralRule.GALLERY_SLIDE, StructuralRule.VIDEO_TITLE}
_CREDIT_BULLET = re.compile(r"^[•·*\-]\s*")
_CREDIT_LABEL = re.compile(r"(?i)(sumber|foto|photo|video|source|kredit|credit|ilustrasi|dok)\b")
_WARNED = ("weekday-mismatch", "future")


def render_article(article: CleanedArticle, ctx: RenderContext, rule_labels: dict[str, str]) -> str:
    """Markdown of the article page. `rule_labels` maps rule ids to labels in ctx.lang."""
    source = article.source
    here = article_page(source.id)
    extraction = ctx.archive.extractions.get(source.id)
    marks = _marks(extraction, ctx, here) if extraction else {}
    parts = [
        front_matter(source.title, jsonld=json_for_script(_json_ld(source, extraction, ctx))),
        _card(source, extraction, ctx, here),
        f"## {md_text(ctx.t('article.text'))} {{ #teks }}\n",
        _text(article, marks, ctx),
    ]
    if article.media:
        parts.append(f"## {md_text(ctx.t('article.media'))} {{ #media }}\n")
        parts.append(f"{md_text(ctx.t('article.media_intro'))}\n")
        parts.append(_media(article.media, source, marks, ctx))
    if extraction is not None and (extraction.terms or extraction.title_terms):
        parts.append(_terms_box(extraction, ctx, here))
    parts.append(_removed(article.removed, source, ctx, rule_labels))
    return "\n".join(parts)


# --------------------------------------------------------------------------------------
# Source card


def _card(
    source: ArticleSource, extraction: ArticleExtraction | None, ctx: RenderContext, here: str
) -> str:
    outlet = ctx.outlet(source.outlet)
    outlet_text = ctx.outlet_link(here, source.outlet)
    if outlet is not None:
        outlet_text += f" — {md_text(ctx.ownership(outlet))}"
    url = (
        external_link(source.url, source.url)
        if source.url
        else f"*{md_text(ctx.t('article.url_unknown'))}*"
    )
    # What an article is (its outlet and date, who it cites and quotes) weighs more in
    # search than any one word of its text.
    rows = [
        (ctx.t("article.outlet"), weighted(outlet_text, TITLE_WEIGHT)),
    ]
    if outlet is not None:
        rows.append((ctx.t("card.affiliation"), md_text(outlet.affiliation.get(ctx.lang))))
    rows += [
        (ctx.t("article.published"), weighted(_dates(source, ctx), TITLE_WEIGHT)),
        (ctx.t("article.url"), url),
        (ctx.t("article.language"), md_text(language_name(source.language, ctx.lang))),
    ]
    if extraction is not None:
        rows += [
            (ctx.t("card.cites"), weighted(_citations(extraction, ctx, here), CONTEXT_WEIGHT)),
            (
                ctx.t("card.speakers"),
                weighted(_speakers(extraction.quotes, ctx, here), CONTEXT_WEIGHT),
            ),
            (ctx.t("card.found"), _found(extraction, ctx)),
        ]
    rows.append((ctx.t("article.source_file"), _source_file(source, ctx)))
    changed = ctx.history.changed.get(source.id)
    if changed is not None:
        # Shown, not searched: every article edited that day would match the date.
        shown = format_partial_date(PartialDate.of(changed), ctx.lang, weekday=False)
        rows.append((ctx.t("article.changed"), not_indexed(md_text(shown))))
    lines = [f'<div class="na-card" markdown aria-label="{html_text(ctx.t("card.title"))}">', ""]
    for term, value in rows:
        lines += [md_text(term), f":   {value}", ""]
    if extraction is not None:
        lines.append(_warnings(extraction, source, ctx))
    if source.title_supplied:
        lines += [f"*{md_text(ctx.t('article.title_supplied'))}*", ""]
    if source.notes:
        lines += [f"**{md_text(ctx.t('article.notes'))}:** {md_text(source.notes)}", ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


def _source_file(source: ArticleSource, ctx: RenderContext) -> str:
    """The source file's path, and a link to edit it in the repository when the site has one."""
    shown = f"`{source.path}`"
    base = ctx.history.edit_base
    if not base:
        return shown
    link = external_link(ctx.t("article.propose_correction"), base + url_quote(source.path))
    return f"{shown} · {not_indexed(link)}"


def _dates(source: ArticleSource, ctx: RenderContext) -> str:
    """The publication date in both languages, the reader's language first."""
    date = source.published
    other = ctx.other_lang
    shown = f"{html_text(format_partial_date(date, ctx.lang))} · " + (
        f'<span lang="{other}">{html_text(format_partial_date(date, other))}</span>'
    )
    if date.precision is not Precision.DAY:
        shown += f" ({md_text(ctx.t(f'article.precision.{date.precision}'))})"
    return shown


def _citations(extraction: ArticleExtraction, ctx: RenderContext, here: str) -> str:
    counts = Counter(a.outlet for a in extraction.attributions)
    if not counts:
        return f"*{md_text(ctx.t('card.cites_none'))}*"
    # Attributions only ever name registered outlets, so every id has a page.
    order = sorted(counts, key=lambda o: (-counts[o], o))
    return ", ".join(
        f"{ctx.outlet_link(here, o)} {md_text(ctx.t('card.times', count=counts[o]))}" for o in order
    )


def speaker_name(quote: Quote, ctx: RenderContext) -> str:
    if quote.speaker and quote.speaker in ctx.archive.corpus.entities:
        return ctx.archive.corpus.entities[quote.speaker].names.get(ctx.lang)
    if quote.speaker and ctx.outlet(quote.speaker):
        return ctx.outlet(quote.speaker).name  # type: ignore[union-attr]
    return quote.speaker_text or ctx.t("card.unknown_speaker")


def _speakers(quotes: Sequence[Quote], ctx: RenderContext, here: str) -> str:
    """People quoted, with how often; registered ones linked to their page."""
    if not quotes:
        return f"*{md_text(ctx.t('card.speakers_none'))}*"
    counts = Counter(
        (q.speaker if q.speaker in ctx.archive.corpus.entities else None, speaker_name(q, ctx))
        for q in quotes
    )
    shown = []
    for (entity, name), count in counts.items():
        label = (
            md_link(name, md_link_target(here, entity_page(entity))) if entity else md_text(name)
        )
        shown.append(f"{label} ({count})")
    return ", ".join(shown)


def _found(extraction: ArticleExtraction, ctx: RenderContext) -> str:
    groups = []
    for key, items, label in (
        ("card.dates", extraction.dates, lambda d: d.text),
        ("card.figures", extraction.figures, lambda f: f.text),
        ("card.quotes", extraction.quotes, lambda q: _first_words(q.text)),
    ):
        links = " · ".join(
            f"[{md_text(label(item))}](#{ctx.indexes.anchor(item)})" for item in items
        )
        groups.append(
            f"{md_text(ctx.t(key))} ({len(items)}): {links or md_text(ctx.t('card.none'))}"
        )
    return "<br>".join(groups)


def _first_words(text: str, count: int = 6) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def _warnings(extraction: ArticleExtraction, source: ArticleSource, ctx: RenderContext) -> str:
    reviewed = {entry.split(":", 1)[0].strip() for entry in source.reviewed}
    items = []
    for mention in extraction.dates:
        for flag in mention.flags:
            if flag in _WARNED:
                note = (
                    f" ({ctx.t('card.reviewed')})" if f"{mention.unit} {flag}" in reviewed else ""
                )
                value = mention.value.iso if mention.value else "?"
                what = html_text(ctx.t(f"flag.{flag}") + note)
                items.append(
                    f'<li><a href="#{ctx.indexes.anchor(mention)}">{html_text(mention.text)}</a> '
                    f"→ {html_text(value)}: {what}</li>"
                )
    if not items:
        return ""
    return "\n".join(
        [
            '<div class="admonition warning">',
            f'<p class="admonition-title">{html_text(ctx.t("card.warnings"))}</p>',
            "<ul>",
            *items,
            "</ul>",
            "</div>",
            "",
        ]
    )


# --------------------------------------------------------------------------------------
# Marks in the text


def _marks(extraction: ArticleExtraction, ctx: RenderContext, here: str) -> dict[str, list[Mark]]:
    marks: dict[str, list[Mark]] = {}
    for date in extraction.dates:
        marks.setdefault(date.unit, []).append(
            Mark(
                date.start,
                date.end,
                "span",
                (
                    ("class", "na-date"),
                    ("id", ctx.indexes.anchor(date)),
                    ("title", _date_title(date, ctx)),
                ),
            )
        )
    for figure in extraction.figures:
        marks.setdefault(figure.unit, []).append(
            Mark(
                figure.start,
                figure.end,
                "span",
                (
                    ("class", "na-figure"),
                    ("id", ctx.indexes.anchor(figure)),
                    ("title", _figure_title(figure, ctx)),
                ),
            )
        )
    for quote in extraction.quotes:
        marks.setdefault(quote.unit, []).append(
            Mark(
                quote.start,
                quote.end,
                "span",
                (
                    ("class", "na-quote"),
                    ("id", ctx.indexes.anchor(quote)),
                    ("title", ctx.t("mark.quote", speaker=speaker_name(quote, ctx))),
                ),
            )
        )
    links = _entity_links(extraction, here)
    links += _term_links(extraction, ctx, here, links)
    for unit, link in links:
        marks.setdefault(unit, []).append(link)
    return marks


def _entity_links(extraction: ArticleExtraction, here: str) -> list[tuple[str, Mark]]:
    """The first mention of each entity in each paragraph links to its page."""
    seen: set[tuple[str, str]] = set()
    links = []
    for mention in extraction.mentions:
        if mention.entity is None or (mention.unit, mention.entity) in seen:
            continue
        seen.add((mention.unit, mention.entity))
        target = html_link_target(here, entity_page(mention.entity))
        links.append(
            (
                mention.unit,
                Mark(mention.start, mention.end, "a", (("class", "na-entity"), ("href", target))),
            )
        )
    return links


def _term_links(
    extraction: ArticleExtraction, ctx: RenderContext, here: str, taken: list[tuple[str, Mark]]
) -> list[tuple[str, Mark]]:
    """The first occurrence of each glossary term in the article links to its entry, with
    the English equivalents as a tooltip; never inside another link."""
    terms = ctx.archive.corpus.terms
    done: set[str] = set()
    links = []
    for occurrence in extraction.terms:
        if occurrence.term in done or occurrence.term not in terms:
            continue
        if any(
            unit == occurrence.unit and m.start < occurrence.end and occurrence.start < m.end
            for unit, m in taken
        ):
            continue
        done.add(occurrence.term)
        term = terms[occurrence.term]
        title = (
            f"{', '.join(term.en)} · {term.term}"
            if ctx.lang == "id"
            else f"{term.term}: {', '.join(term.en)}"
        )
        target = html_link_target(here, GLOSSARY, term.id)
        links.append(
            (
                occurrence.unit,
                Mark(
                    occurrence.start,
                    occurrence.end,
                    "a",
                    (("class", "na-term"), ("href", target), ("title", title)),
                ),
            )
        )
    return links


def _terms_box(extraction: ArticleExtraction, ctx: RenderContext, here: str) -> str:
    """Indonesian terms of the text with their English equivalents, so that a reader
    searching in English finds this article."""
    terms = ctx.archive.corpus.terms
    ids = dict.fromkeys([*extraction.title_terms, *(o.term for o in extraction.terms)])
    found = [terms[t] for t in ids if t in terms]
    lines = [
        f"## {md_text(ctx.t('article.terms'))} {{ #istilah }}",
        "",
        md_text(ctx.t("article.terms_intro")),
        "",
    ]
    for term in sorted(found, key=lambda t: t.term.casefold()):
        link = md_link(term.term, md_link_target(here, GLOSSARY, term.id))
        english = f'<span lang="en">{md_text(", ".join(term.en))}</span>'
        lines.append(f"- {weighted(f'{link} — {english}', CONTEXT_WEIGHT)}")
    lines.append("")
    return "\n".join(lines)


def _date_title(date: DateMention, ctx: RenderContext) -> str:
    value = date.value.iso if date.value else ctx.t("flag.unresolved")
    title = ctx.t(
        "mark.date",
        value=value,
        precision=ctx.t(f"precision.{date.precision}"),
        basis=ctx.t(f"basis.{date.basis}"),
    )
    flags = [ctx.t(f"flag.{flag}") for flag in date.flags if flag != "unresolved"]
    return " · ".join([title, *flags])


def figure_value(figure: Figure, ctx: RenderContext) -> str:
    """The value as read: digits grouped the English way in English, ungrouped in Indonesian
    (where "8,461" would read as a decimal)."""

    def show(value: float) -> str:
        if ctx.lang == "en":
            return ctx.number(value)
        number = round(value, 6)
        return str(int(number)) if number == int(number) else str(number).replace(".", ",")

    text = show(figure.value)
    if figure.value_max is not None:
        text += f"–{show(figure.value_max)}"
    if figure.measure:
        text += f" {figure.measure}"
    return text


def _figure_title(figure: Figure, ctx: RenderContext) -> str:
    title = ctx.t(
        "mark.figure",
        surface=figure.text,
        value=figure_value(figure, ctx),
        qualifier=ctx.t(f"qualifier.{figure.qualifier}"),
    )
    flags = [ctx.t(f"flag.{flag}") for flag in figure.flags]
    return " · ".join([title, *flags])


def _text(article: CleanedArticle, marks: dict[str, list[Mark]], ctx: RenderContext) -> str:
    source = article.source
    lines = [f'<div class="na-text" lang="{html_text(source.language)}">']
    for paragraph in article.paragraphs:
        if paragraph.kind is SegmentKind.HEADING:
            lines.append(
                f'<h3 id="{paragraph.id}" class="na-subhead">{html_text(paragraph.text)}</h3>'
            )
            continue
        text = marked_html(paragraph.text, marks.get(paragraph.id, ()))
        number = paragraph.id.removeprefix("p")
        label = html_text(ctx.t("article.paragraph", number=number))
        lines.append(
            f'<p id="{paragraph.id}">{text} '
            f'<a class="na-anchor" href="#{paragraph.id}" aria-label="{label}">¶</a></p>'
        )
        citing = ctx.indexes.cited_in.get((source.id, paragraph.id))
        if citing:
            here = article_page(source.id)
            links = ", ".join(
                f'<a href="{html_link_target(here, e.page)}">{html_text(e.title)}</a>'
                for e in citing
            )
            lines.append(
                f'<p class="na-cited-in">{html_text(ctx.t("article.cited_in"))} {links}</p>'
            )
    lines += ["</div>", ""]
    return "\n".join(lines)


def _segment_html(segment_text: str, offset: int, marks: Iterable[Mark]) -> str:
    """A caption or credit with the marks that lie inside it (offsets of the media unit)."""
    end = offset + len(segment_text)
    inside = [
        Mark(m.start - offset, m.end - offset, m.tag, m.attrs)
        for m in marks
        if offset <= m.start and m.end <= end
    ]
    return marked_html(segment_text, inside)


def _media(
    items: Iterable[MediaItem],
    source: ArticleSource,
    marks: dict[str, list[Mark]],
    ctx: RenderContext,
) -> str:
    lines = [f'<ol class="na-media" lang="{html_text(source.language)}">']
    for item in items:
        item_marks = marks.get(item.id, [])
        offsets: dict[int, int] = {}
        position = 0
        for segment in item.segments:
            if segment.text:
                offsets[id(segment)] = position
                position += len(segment.text) + 1
        pieces = []
        for index, segment in enumerate(item.captions):
            text = _segment_html(segment.text, offsets.get(id(segment), 0), item_marks)
            is_title = index == 0 and segment.rule in _TITLE_RULES and len(item.captions) > 1
            pieces.append(f'<strong class="na-media-title">{text}</strong>' if is_title else text)
        credits = [s.text for s in item.credits]
        if credits:
            # The credit is shown as captured, list bullet and all ("• REUTERS/…"): the page
            # drops no character of a source line.
            shown = html_text(" ".join(credits))
            if not _CREDIT_LABEL.match(_CREDIT_BULLET.sub("", credits[0])):
                shown = f"{html_text(ctx.t('article.credit'))}: {shown}"
            pieces.append(f'<span class="na-credit">{shown}</span>')
        lines.append(f'<li id="{item.id}">{" ".join(pieces)}</li>')
    lines += ["</ol>", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# Removed pieces


def _part(segment: Segment, ctx: RenderContext, line_length: int) -> str:
    if segment.start == 0 and segment.end >= line_length:
        return ""
    where = "start" if segment.start == 0 else "end" if segment.end >= line_length else "inside"
    return f" <em>({html_text(ctx.t(f'article.part.{where}'))})</em>"


def _removed(
    removed: tuple[Segment, ...],
    source: ArticleSource,
    ctx: RenderContext,
    rule_labels: dict[str, str],
) -> str:
    if not removed:
        return f"*{md_text(ctx.t('article.removed_none'))}*\n"
    lengths = {n: len(line) for n, line in enumerate(lines_of(source.body), start=1)}
    rows = []
    for segment in removed:
        label = rule_labels.get(segment.rule, segment.rule)
        if segment.kind is SegmentKind.DUPLICATE and segment.note:
            repeated = source.file_line(int(segment.note))
            label += f" ({ctx.t('article.repeats_line', line=repeated)})"
        rows.append(
            "<tr>"
            f"<td>{source.file_line(segment.line)}</td>"
            f"<td>{html_text(segment.text)}{_part(segment, ctx, lengths[segment.line])}</td>"
            f"<td>{html_text(ctx.t(f'kind.{segment.kind}'))}</td>"
            f"<td>{html_text(label)} <code>{html_text(segment.rule)}</code></td>"
            "</tr>"
        )
    header = "".join(
        f"<th>{html_text(ctx.t(key))}</th>"
        for key in ("article.col_line", "article.col_text", "article.col_kind", "article.col_rule")
    )
    return "\n".join(
        [
            # Page furniture (cookie notices, share buttons) is kept in view but not searched.
            '<details class="note na-removed" id="dihapus" data-pagefind-ignore>',
            f"<summary>{html_text(ctx.t('article.removed', count=len(removed)))}</summary>",
            f"<p>{html_text(ctx.t('article.removed_intro'))}</p>",
            "<table>",
            f"<thead><tr>{header}</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
            "</details>",
            "",
        ]
    )


# --------------------------------------------------------------------------------------
# JSON-LD


def _json_ld(
    source: ArticleSource, extraction: ArticleExtraction | None, ctx: RenderContext
) -> dict[str, object]:
    """schema.org NewsArticle for the page head."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": source.title,
        "datePublished": source.published.iso,
        "inLanguage": source.language,
        "identifier": source.id,
    }
    outlet = ctx.outlet(source.outlet)
    if outlet is not None:
        publisher: dict[str, object] = {"@type": "Organization", "name": outlet.name}
        if outlet.website:
            publisher["url"] = outlet.website
        data["publisher"] = publisher
    if source.url:
        data["isBasedOn"] = source.url
    if source.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in source.authors]
    if extraction is not None and extraction.attributions:
        cited = []
        for outlet_id in dict.fromkeys(a.outlet for a in extraction.attributions):
            cited_outlet = ctx.outlet(outlet_id)
            if cited_outlet is None:
                continue
            entry: dict[str, object] = {"@type": "Organization", "name": cited_outlet.name}
            if cited_outlet.website:
                entry["url"] = cited_outlet.website
            cited.append(entry)
        data["citation"] = cited
    return data
