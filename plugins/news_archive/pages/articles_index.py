"""The sources index: every article, by publication date."""

from __future__ import annotations

from collections.abc import Sequence

from ..formatting import format_partial_date
from ..markup import md_link, md_text
from ..model import ArticleSource
from ..paths import ARTICLES_INDEX, article_page, md_link_target
from . import LISTING, RenderContext, front_matter


def render_articles_index(articles: Sequence[ArticleSource], ctx: RenderContext) -> str:
    outlets = {a.outlet for a in articles if a.outlet}
    header = [ctx.t("index.col_date"), ctx.t("index.col_outlet"), ctx.t("index.col_title")]
    lines = [
        front_matter(ctx.t("index.title"), search_weight=LISTING),
        md_text(ctx.t("index.summary", count=len(articles), outlets=len(outlets))),
        "",
        "| " + " | ".join(md_text(h) for h in header) + " |",
        "|---|---|---|",
    ]
    for article in articles:
        outlet = ctx.outlet_link(ARTICLES_INDEX, article.outlet)
        target = md_link_target(ARTICLES_INDEX, article_page(article.id))
        date = format_partial_date(article.published, ctx.lang, weekday=False)
        lines.append(f"| {md_text(date)} | {outlet} | {md_link(article.title, target)} |")
    lines.append("")
    return "\n".join(lines)
