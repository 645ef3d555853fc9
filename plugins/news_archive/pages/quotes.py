"""The quotes page: every quotation, grouped by speaker."""

from __future__ import annotations

from collections import defaultdict

from ..extract.model import Quote
from ..markup import md_link, md_text, not_indexed
from ..model import ArticleSource
from ..paths import QUOTES_INDEX, article_page, entity_page, md_link_target
from . import LISTING, RenderContext, front_matter
from .article import speaker_name


def render_quotes(ctx: RenderContext) -> str:
    here = QUOTES_INDEX
    groups: dict[str, list[tuple[ArticleSource, Quote]]] = defaultdict(list)
    for article, quote in ctx.indexes.quotes:
        name = (
            speaker_name(quote, ctx)
            if (quote.speaker or quote.speaker_text)
            else ctx.t("quotes.unknown")
        )
        groups[name].append((article, quote))
    lines = [
        front_matter(ctx.t("quotes.title"), search_weight=LISTING),
        md_text(ctx.t("quotes.intro")),
        "",
    ]
    for name in sorted(groups, key=lambda n: (-len(groups[n]), n.casefold())):
        items = groups[name]
        speaker = items[0][1].speaker
        heading = md_text(name)
        if speaker in ctx.archive.corpus.entities:
            heading = md_link(name, md_link_target(here, entity_page(str(speaker))))
        lines += [f"## {heading}", "", md_text(ctx.t("quotes.count", count=len(items))), ""]
        for article, quote in items:
            target = md_link_target(here, article_page(article.id), ctx.indexes.anchor(quote))
            source = (
                f"{ctx.outlet_link(here, article.outlet)}, {md_text(ctx.date(article.published))}"
            )
            said = not_indexed(f"“{md_text(quote.text)}”")
            lines.append(f"- {said} — {source}, {md_link(article.title, target)}")
        lines.append("")
    return "\n".join(lines)
