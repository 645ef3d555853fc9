"""The quotes page: every quotation, grouped by speaker; by month when they are many."""

from __future__ import annotations

from collections import defaultdict

from ..extract.model import Quote
from ..markup import md_link, md_text, not_indexed
from ..model import ArticleSource
from ..paths import QUOTES_INDEX, article_page, entity_page, md_link_target
from . import LISTING, RenderContext, front_matter
from .article import speaker_name
from .paging import paginate

Said = tuple[ArticleSource, Quote]


def _name(quote: Quote, ctx: RenderContext) -> str:
    return (
        speaker_name(quote, ctx)
        if (quote.speaker or quote.speaker_text)
        else ctx.t("quotes.unknown")
    )


def _speaker(name: str, quote: Quote, here: str, ctx: RenderContext) -> str:
    if quote.speaker in ctx.archive.corpus.entities:
        return md_link(name, md_link_target(here, entity_page(str(quote.speaker))))
    return md_text(name)


def _line(article: ArticleSource, quote: Quote, here: str, ctx: RenderContext) -> str:
    target = md_link_target(here, article_page(article.id), ctx.indexes.anchor(quote))
    source = f"{ctx.outlet_link(here, article.outlet)}, {md_text(ctx.date(article.published))}"
    said = not_indexed(f"“{md_text(quote.text)}”")
    return f"- {said} — {source}, {md_link(article.title, target)}"


def render_quotes(ctx: RenderContext) -> tuple[str, dict[str, str]]:
    here = QUOTES_INDEX
    groups: dict[str, list[Said]] = defaultdict(list)
    for article, quote in ctx.indexes.quotes:
        groups[_name(quote, ctx)].append((article, quote))
    speakers = sorted(groups, key=lambda n: (-len(groups[n]), n.casefold()))
    lines = [
        front_matter(ctx.t("quotes.title"), search_weight=LISTING),
        md_text(ctx.t("quotes.intro")),
        "",
    ]
    if len(ctx.indexes.quotes) <= ctx.page_items:
        for name in speakers:
            items = groups[name]
            lines += [
                f"## {_speaker(name, items[0][1], here, ctx)}",
                "",
                md_text(ctx.t("quotes.count", count=len(items))),
                "",
            ]
            lines += [_line(article, quote, here, ctx) for article, quote in items]
            lines.append("")
        return "\n".join(lines), {}
    # Too many for one page: who is quoted how often, then every quote by month.
    shown, more = ctx.capped(speakers, ctx.page_items, "list.more_speakers")
    lines += [
        f"## {md_text(ctx.t('quotes.speakers'))}",
        "",
        *(
            f"- {_speaker(name, groups[name][0][1], here, ctx)}: "
            f"{md_text(ctx.t('quotes.count', count=len(groups[name])))}"
            for name in shown
        ),
    ]
    if more:
        lines.append(f"- {md_text(more)}")
    listing, parts = paginate(
        ctx.indexes.quotes,
        here=here,
        folder=QUOTES_INDEX.rsplit("/", 1)[0] + "/bulan",
        title=ctx.t("quotes.title"),
        when=lambda said: said[0].published,
        render=lambda said, page: [f"{_line(*said, page, ctx)} ({md_text(_name(said[1], ctx))})"],
        ctx=ctx,
        source=lambda said: said[0].id,
    )
    lines += ["", f"## {md_text(ctx.t('quotes.by_month'))}", "", *listing]
    return "\n".join(lines), parts
