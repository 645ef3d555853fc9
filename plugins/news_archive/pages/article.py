"""The page of one article: what it is, its cleaned text, its captions, what was removed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..cleaning import (
    CleanedArticle,
    MediaItem,
    Paragraph,
    Segment,
    SegmentKind,
    StructuralRule,
    lines_of,
)
from ..formatting import format_partial_date, language_name
from ..markup import external_link, html_text, md_text
from ..model import ArticleSource, Precision
from . import RenderContext, front_matter

_TITLE_RULES = {StructuralRule.GALLERY_SLIDE, StructuralRule.VIDEO_TITLE}
_CREDIT_BULLET = re.compile(r"^[•·*\-]\s*")
_CREDIT_LABEL = re.compile(r"(?i)(sumber|foto|photo|video|source|kredit|credit|ilustrasi|dok)\b")


def render_article(article: CleanedArticle, ctx: RenderContext, rule_labels: dict[str, str]) -> str:
    """Markdown of the article page. `rule_labels` maps rule ids to labels in ctx.lang."""
    source = article.source
    parts = [
        front_matter(source.title),
        _card(source, ctx),
        f"## {md_text(ctx.t('article.text'))} {{ #teks }}\n",
        _text(article.paragraphs, source, ctx),
    ]
    if article.media:
        parts.append(f"## {md_text(ctx.t('article.media'))} {{ #media }}\n")
        parts.append(f"{md_text(ctx.t('article.media_intro'))}\n")
        parts.append(_media(article.media, source, ctx))
    parts.append(_removed(article.removed, source, ctx, rule_labels))
    return "\n".join(parts)


def _card(source: ArticleSource, ctx: RenderContext) -> str:
    outlet = ctx.outlets.get(source.outlet) if source.outlet else None
    outlet_text = (
        md_text(outlet.name) if outlet else f"*{md_text(ctx.t('article.outlet_unknown'))}*"
    )
    url = (
        external_link(source.url, source.url)
        if source.url
        else f"*{md_text(ctx.t('article.url_unknown'))}*"
    )
    rows = [
        (ctx.t("article.outlet"), outlet_text),
        (ctx.t("article.published"), _dates(source, ctx)),
        (ctx.t("article.url"), url),
        (ctx.t("article.language"), md_text(language_name(source.language, ctx.lang))),
        (ctx.t("article.source_file"), f"`{source.path}`"),
    ]
    lines = ['<div class="na-card" markdown>', ""]
    for term, value in rows:
        lines += [md_text(term), f":   {value}", ""]
    if source.title_supplied:
        lines += [f"*{md_text(ctx.t('article.title_supplied'))}*", ""]
    if source.notes:
        lines += [f"**{md_text(ctx.t('article.notes'))}:** {md_text(source.notes)}", ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


def _dates(source: ArticleSource, ctx: RenderContext) -> str:
    """The publication date in both languages, the reader's language first."""
    date = source.published
    other = "en" if ctx.lang == "id" else "id"
    shown = f"{html_text(format_partial_date(date, ctx.lang))} · " + (
        f'<span lang="{other}">{html_text(format_partial_date(date, other))}</span>'
    )
    if date.precision is not Precision.DAY:
        shown += f" ({md_text(ctx.t(f'article.precision.{date.precision}'))})"
    return shown


def _text(paragraphs: Iterable[Paragraph], source: ArticleSource, ctx: RenderContext) -> str:
    lines = [f'<div class="na-text" lang="{html_text(source.language)}">']
    for paragraph in paragraphs:
        text = html_text(paragraph.text)
        if paragraph.kind is SegmentKind.HEADING:
            lines.append(f'<h3 id="{paragraph.id}" class="na-subhead">{text}</h3>')
            continue
        number = paragraph.id.removeprefix("p")
        label = html_text(ctx.t("article.paragraph", number=number))
        lines.append(
            f'<p id="{paragraph.id}">{text} '
            f'<a class="na-anchor" href="#{paragraph.id}" aria-label="{label}">¶</a></p>'
        )
    lines += ["</div>", ""]
    return "\n".join(lines)


def _media(items: Iterable[MediaItem], source: ArticleSource, ctx: RenderContext) -> str:
    lines = [f'<ol class="na-media" lang="{html_text(source.language)}">']
    for item in items:
        pieces = []
        for index, segment in enumerate(item.captions):
            text = html_text(segment.text)
            is_title = index == 0 and segment.rule in _TITLE_RULES and len(item.captions) > 1
            pieces.append(f'<strong class="na-media-title">{text}</strong>' if is_title else text)
        credits = [_CREDIT_BULLET.sub("", segment.text) for segment in item.credits]
        if credits:
            shown = html_text(" ".join(credits))
            if not _CREDIT_LABEL.match(credits[0]):
                shown = f"{html_text(ctx.t('article.credit'))}: {shown}"
            pieces.append(f'<span class="na-credit">{shown}</span>')
        lines.append(f'<li id="{item.id}">{" ".join(pieces)}</li>')
    lines += ["</ol>", ""]
    return "\n".join(lines)


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
    return "\n".join(
        [
            '<details class="note na-removed" id="dihapus">',
            f"<summary>{html_text(ctx.t('article.removed', count=len(removed)))}</summary>",
            f"<p>{html_text(ctx.t('article.removed_intro'))}</p>",
            "<table>",
            "<thead><tr>"
            + "".join(
                f"<th>{html_text(ctx.t(key))}</th>"
                for key in (
                    "article.col_line",
                    "article.col_text",
                    "article.col_kind",
                    "article.col_rule",
                )
            )
            + "</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
            "</details>",
            "",
        ]
    )
