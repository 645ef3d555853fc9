"""Outlet pages (`media/<id>/`) and the outlets index (`media/`)."""

from __future__ import annotations

from collections import Counter

from ..extract.model import Attribution
from ..markup import external_link, md_link, md_text
from ..model import ArticleSource, Outlet
from ..paths import OUTLETS_DIR, OUTLETS_INDEX, article_page, md_link_target, outlet_page
from . import DERIVED, LISTING, RenderContext, front_matter
from .paging import paginate


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _header(ctx: RenderContext, keys: list[str]) -> list[str]:
    return [_row([md_text(ctx.t(key)) for key in keys]), "|" + "---|" * len(keys)]


def render_outlets_index(ctx: RenderContext) -> tuple[str, dict[str, str]]:
    here = OUTLETS_INDEX
    outlets = ctx.archive.corpus.outlets
    by_outlet = ctx.indexes.articles_by_outlet
    cited = {outlet_id: len(items) for outlet_id, items in ctx.indexes.cited_by.items()}
    citing = {
        outlet_id: len({article.id for article, _ in items})
        for outlet_id, items in ctx.indexes.cited_by.items()
    }
    publishers = sorted(
        (o for o in outlets.values() if by_outlet.get(o.id)), key=lambda o: o.name.casefold()
    )
    agencies = sorted(
        (o for o in outlets.values() if o.id in cited and not by_outlet.get(o.id)),
        key=lambda o: (-cited[o.id], o.name.casefold()),
    )
    others = sorted(
        (o for o in outlets.values() if o not in publishers and o not in agencies),
        key=lambda o: o.name.casefold(),
    )
    lines = [
        front_matter(ctx.t("outlets.title"), search_weight=LISTING),
        md_text(ctx.t("outlets.intro")),
        "",
    ]

    def describe(outlet: Outlet) -> list[str]:
        return [
            ctx.outlet_link(here, outlet.id),
            md_text(ctx.t(f"kind.outlet.{outlet.kind}")),
            md_text(ctx.ownership(outlet)),
        ]

    lines += [f"## {md_text(ctx.t('outlets.publishers'))}", ""]
    lines += _header(
        ctx,
        [
            "outlets.col_name",
            "outlets.col_kind",
            "outlets.col_ownership",
            "outlets.col_articles",
            "outlets.col_citations",
        ],
    )
    lines += [
        _row([*describe(o), str(len(by_outlet[o.id])), str(cited.get(o.id, 0))]) for o in publishers
    ]
    lines += ["", f"## {md_text(ctx.t('outlets.cited'))}", ""]
    lines += _header(
        ctx,
        [
            "outlets.col_name",
            "outlets.col_kind",
            "outlets.col_ownership",
            "outlets.col_citations",
            "outlets.col_citing",
        ],
    )
    lines += [_row([*describe(o), str(cited[o.id]), str(citing[o.id])]) for o in agencies]
    if others:
        lines += ["", f"## {md_text(ctx.t('outlets.other'))}", ""]
        lines += _header(ctx, ["outlets.col_name", "outlets.col_kind", "outlets.col_ownership"])
        lines += [_row(describe(o)) for o in others]
    unknown = by_outlet.get(None, ())
    parts: dict[str, str] = {}
    if unknown:
        lines += ["", f"## {md_text(ctx.t('outlets.unknown'))}", ""]
        listing, parts = paginate(
            unknown,
            here=here,
            folder=f"{OUTLETS_DIR}/bulan",
            title=ctx.t("outlets.unknown"),
            when=lambda article: article.published,
            render=lambda a, page: [
                f"- {md_link(a.title, md_link_target(page, article_page(a.id)))} "
                f"({md_text(ctx.date(a.published))})"
            ],
            ctx=ctx,
            source=lambda a: a.id,
        )
        lines += listing
    lines.append("")
    return "\n".join(lines), parts


def render_outlet(outlet: Outlet, ctx: RenderContext) -> tuple[str, dict[str, str]]:
    """An outlet's page, and month pages of its articles and of the articles citing it
    when they do not fit on it."""
    here = outlet_page(outlet.id)
    other = ctx.other_lang
    lines = [
        front_matter(outlet.name, search_weight=DERIVED),
        f"## {md_text(ctx.t('outlet.about'))}",
        "",
    ]
    facts = [(ctx.t("outlets.col_kind"), md_text(ctx.t(f"kind.outlet.{outlet.kind}")))]
    if ctx.ownership(outlet):
        facts.append((ctx.t("outlets.col_ownership"), md_text(ctx.ownership(outlet))))
    if outlet.website:
        facts.append((ctx.t("outlet.website"), external_link(outlet.website, outlet.website)))
    lines += ['<div class="na-card" markdown>', ""]
    for term, value in facts:
        lines += [md_text(term), f":   {value}", ""]
    lines += [
        md_text(ctx.t("card.affiliation")),
        f":   {md_text(outlet.affiliation.get(ctx.lang))}",
        f'    <span lang="{other}">{md_text(outlet.affiliation.get(other))}</span>',
        "",
        "</div>",
        "",
    ]
    articles = ctx.indexes.articles_by_outlet.get(outlet.id, ())
    lines += [f"## {md_text(ctx.t('outlet.articles'))}", ""]
    parts: dict[str, str] = {}
    if articles:

        def item(article: ArticleSource, page: str) -> list[str]:
            link = md_link(article.title, md_link_target(page, article_page(article.id)))
            return [f"- {md_text(ctx.date(article.published))}: {link}"]

        listing, parts = paginate(
            articles,
            here=here,
            folder=f"{OUTLETS_DIR}/{outlet.id}",
            title=ctx.t("outlet.articles_of", outlet=outlet.name),
            when=lambda article: article.published,
            render=item,
            ctx=ctx,
            source=lambda article: article.id,
        )
        lines += listing
    else:
        lines.append(md_text(ctx.t("outlet.articles_none")))
    cites: Counter[str] = Counter()
    for article in articles:
        cites.update(ctx.indexes.citations.get(article.id, Counter()))
    if cites:
        lines += ["", f"## {md_text(ctx.t('outlet.cites'))}", ""]
        lines += [
            f"- {ctx.outlet_link(here, o)} {md_text(ctx.t('card.times', count=n))}"
            for o, n in sorted(cites.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
    lines += ["", f"## {md_text(ctx.t('outlet.cited_by'))}", ""]
    cited_by = ctx.indexes.cited_by.get(outlet.id, ())
    if cited_by:

        def row(cited: tuple[ArticleSource, Attribution], page: str) -> list[str]:
            article, attribution = cited
            link = md_link(
                attribution.text, md_link_target(page, article_page(article.id), attribution.unit)
            )
            return [
                _row(
                    [
                        md_link(article.title, md_link_target(page, article_page(article.id))),
                        ctx.outlet_link(page, article.outlet),
                        md_text(ctx.t(f"how.{attribution.how}")),
                        link,
                    ]
                )
            ]

        listing, cited_parts = paginate(
            cited_by,
            here=here,
            folder=f"{OUTLETS_DIR}/{outlet.id}/dikutip",
            title=ctx.t("outlet.cited_by_of", outlet=outlet.name),
            when=lambda cited: cited[0].published,
            render=row,
            ctx=ctx,
            source=lambda cited: cited[0].id,
            head=_header(
                ctx,
                ["figures.col_article", "outlets.col_name", "outlet.col_how", "outlet.col_where"],
            ),
        )
        lines += listing
        parts.update(cited_parts)
    else:
        lines.append(md_text(ctx.t("outlet.cited_none")))
    lines.append("")
    return "\n".join(lines), parts
