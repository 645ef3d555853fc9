"""The sources index: every article, by publication date (by month when they are many)."""

from __future__ import annotations

from collections.abc import Sequence

from ..formatting import format_partial_date
from ..markup import md_link, md_text
from ..model import ArticleSource
from ..paths import ARTICLES_DIR, ARTICLES_INDEX, article_page, md_link_target
from . import LISTING, RenderContext, front_matter
from .paging import paginate


def render_articles_index(
    articles: Sequence[ArticleSource], ctx: RenderContext
) -> tuple[str, dict[str, str]]:
    """The index page, and its month pages when the articles do not fit on one."""
    outlets = {a.outlet for a in articles if a.outlet}
    header = [ctx.t("index.col_date"), ctx.t("index.col_outlet"), ctx.t("index.col_title")]
    lines = [
        front_matter(ctx.t("index.title"), search_weight=LISTING),
        md_text(ctx.t("index.summary", count=len(articles), outlets=len(outlets))),
        "",
    ]

    def row(article: ArticleSource, here: str) -> list[str]:
        outlet = ctx.outlet_link(here, article.outlet)
        target = md_link_target(here, article_page(article.id))
        date = format_partial_date(article.published, ctx.lang, weekday=False)
        return [f"| {md_text(date)} | {outlet} | {md_link(article.title, target)} |"]

    listing, parts = paginate(
        articles,
        here=ARTICLES_INDEX,
        folder=f"{ARTICLES_DIR}/bulan",
        title=ctx.t("index.title"),
        when=lambda article: article.published,
        render=row,
        ctx=ctx,
        source=lambda article: article.id,
        head=("| " + " | ".join(md_text(h) for h in header) + " |", "|---|---|---|"),
    )
    lines += [*listing, ""]
    return "\n".join(lines), parts
