"""Figures compared across outlets (`angka/`) and every figure found (`angka/semua/`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..charts import OWNERSHIP_COLOURS, FigureBar, figures_chart, ownership_label
from ..markup import html_text, md_link, md_text
from ..model import Quantity
from ..paths import ALL_FIGURES, FIGURES_INDEX, article_page, md_link_target
from ..quantities import ReportedFigure, interval
from . import LISTING, RenderContext, front_matter
from .article import figure_value
from .paging import paginate


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _outlet(reported: ReportedFigure, here: str, ctx: RenderContext) -> str:
    outlet = ctx.outlet(reported.article.outlet)
    link = ctx.outlet_link(here, reported.article.outlet)
    return (
        f"{link} ({md_text(ctx.ownership(outlet))})" if outlet and ctx.ownership(outlet) else link
    )


def _period(reported: ReportedFigure, ctx: RenderContext) -> str:
    if reported.period_text is None:
        return md_text(ctx.t("figures.period_article", date=ctx.date(reported.article.published)))
    return f"{md_text(reported.period_text)} ({md_text(reported.period.iso)})"


def _value(reported: ReportedFigure, ctx: RenderContext) -> str:
    figure = reported.figure
    value = f'<span data-sort="{figure.value!r}">{html_text(figure_value(figure, ctx))}</span>'
    if figure.qualifier == "exact":
        return value
    return f"{md_text(ctx.t(f'qualifier.{figure.qualifier}'))} {value}"


def _where(reported: ReportedFigure, here: str, ctx: RenderContext) -> str:
    target = md_link_target(
        here, article_page(reported.article.id), ctx.indexes.anchor(reported.figure)
    )
    return md_link(reported.figure.unit, target)


def _quantity_section(quantity: Quantity, ctx: RenderContext) -> tuple[list[str], dict[str, str]]:
    """A quantity's figures side by side, with a chart; by month when they are many."""
    here = FIGURES_INDEX
    other = ctx.other_lang
    lines = [
        f"## {md_text(quantity.names.get(ctx.lang))} {{ #{quantity.id} }}",
        "",
        f'<p lang="{other}" class="na-other-lang">{html_text(quantity.names.get(other))}</p>',
        "",
    ]
    figures = ctx.indexes.figures_by_quantity.get(quantity.id, ())
    if not figures:
        return [*lines, md_text(ctx.t("figures.none")), ""], {}
    lines += disagreement_note(ctx.indexes.disagreements.get(quantity.id, ()), ctx)
    ordered = sorted(figures, key=lambda r: (r.period.first_day, r.article.id, r.figure.start))
    if len(ordered) <= ctx.page_items:
        lines += _chart(quantity, ordered, ctx)

    def row(reported: ReportedFigure, page: str) -> list[str]:
        return [
            _row(
                [
                    _value(reported, ctx),
                    md_text(reported.figure.text),
                    _outlet(reported, page, ctx),
                    md_text(ctx.date(reported.article.published)),
                    _period(reported, ctx),
                    _where(reported, page, ctx),
                ]
            )
        ]

    columns = (
        "figures.col_value",
        "figures.col_text",
        "figures.col_outlet",
        "figures.col_published",
        "figures.col_period",
        "figures.col_where",
    )
    listing, parts = paginate(
        ordered,
        here=here,
        folder=f"{FIGURES_INDEX.rsplit('/', 1)[0]}/bulan/{quantity.id}",
        title=quantity.names.get(ctx.lang),
        when=lambda reported: reported.period.start,
        render=row,
        ctx=ctx,
        source=lambda reported: reported.article.id,
        head=(_row([md_text(ctx.t(k)) for k in columns]), "|---|---|---|---|---|---|"),
    )
    return [*lines, *listing, ""], parts


def _chart(quantity: Quantity, figures: Sequence[ReportedFigure], ctx: RenderContext) -> list[str]:
    """The figures as bars, in the table's order, coloured by the outlet's affiliation."""
    bars = []
    for reported in figures:
        figure = reported.figure
        outlet = ctx.outlet(reported.article.outlet)
        ownership = (
            outlet.ownership
            if outlet is not None and outlet.ownership in OWNERSHIP_COLOURS
            else "unknown"
        )
        # What the words allow, read as the disagreement check reads them, without
        # tolerance; a share has no room above 100 %.
        low, high = interval(figure, 0.0)
        if quantity.unit == "percent":
            high = min(high, 100.0)
        bars.append(
            FigureBar(
                outlet=outlet.name if outlet else ctx.t("explainer.outlet_unknown"),
                words=figure.text,
                value=figure.value,
                value_max=figure.value_max,
                low=low,
                high=high,
                ownership=ownership,
                affiliation=(ctx.ownership(outlet) if outlet else "")
                or ownership_label(ownership, ctx.t),
            )
        )
    chart = figures_chart(
        f"na-chart-{quantity.id}",
        quantity.names.get(ctx.lang),
        bars,
        ctx.lang,
        ctx.t,
        percent=quantity.unit == "percent",
    )
    return [chart, ""] if chart else []


def disagreement_note(
    pairs: Iterable[tuple[ReportedFigure, ReportedFigure]], ctx: RenderContext
) -> list[str]:
    """A warning box listing pairs of figures that cannot both be true (one page's worth;
    the rest are counted)."""
    shown, more = ctx.capped(list(pairs), ctx.page_items, "list.more_pairs")
    tolerance = {q.id: q.tolerance for q in ctx.archive.corpus.quantities}
    items = [
        "<li>"
        + html_text(
            ctx.t(
                "figures.disagree_pair",
                a=first.figure.text,
                b=second.figure.text,
                outlet_a=_outlet_name(first, ctx),
                outlet_b=_outlet_name(second, ctx),
                tolerance=f"{tolerance[first.quantity or '']:.0%}",
            )
        )
        + "</li>"
        for first, second in shown
    ]
    if more:
        items.append(f"<li>{html_text(more)}</li>")
    if not items:
        return []
    return [
        '<div class="admonition warning">',
        f'<p class="admonition-title">{html_text(ctx.t("figures.disagree"))}</p>',
        "<ul>",
        *items,
        "</ul>",
        "</div>",
        "",
    ]


def _outlet_name(reported: ReportedFigure, ctx: RenderContext) -> str:
    outlet = ctx.outlet(reported.article.outlet)
    return outlet.name if outlet else ctx.t("article.outlet_unknown")


def render_figures(ctx: RenderContext) -> tuple[str, dict[str, str]]:
    parts: dict[str, str] = {}
    lines = [
        front_matter(ctx.t("figures.title"), search_weight=LISTING),
        md_text(ctx.t("figures.intro")),
        "",
        f"{md_link(ctx.t('figures.all_link'), md_link_target(FIGURES_INDEX, ALL_FIGURES))}",
        "",
    ]
    for quantity in ctx.archive.corpus.quantities:
        section, pages = _quantity_section(quantity, ctx)
        lines += section
        parts.update(pages)
    return "\n".join(lines), parts


def render_all_figures(ctx: RenderContext) -> tuple[str, dict[str, str]]:
    """Every figure found, by article; by month of publication when they are many."""
    names = {q.id: q.names.get(ctx.lang) for q in ctx.archive.corpus.quantities}
    columns = (
        "figures.col_value",
        "figures.col_text",
        "figures.col_counted",
        "figures.col_quantity",
        "figures.col_article",
        "figures.col_outlet",
    )

    def row(reported: ReportedFigure, here: str) -> list[str]:
        quantity = reported.quantity
        quantity_cell = (
            md_link(names[quantity], md_link_target(here, FIGURES_INDEX, quantity))
            if quantity
            else md_text(ctx.t("figures.unassigned"))
        )
        article = reported.article
        target = md_link_target(here, article_page(article.id), ctx.indexes.anchor(reported.figure))
        return [
            _row(
                [
                    _value(reported, ctx),
                    md_text(reported.figure.text),
                    md_text(reported.figure.counted or ""),
                    quantity_cell,
                    md_link(f"{article.title} ({reported.figure.unit})", target),
                    _outlet(reported, here, ctx),
                ]
            )
        ]

    listing, parts = paginate(
        ctx.indexes.figures,
        here=ALL_FIGURES,
        folder=ALL_FIGURES.removesuffix(".md"),
        title=ctx.t("figures.all_title"),
        when=lambda reported: reported.article.published,
        render=row,
        ctx=ctx,
        source=lambda reported: reported.article.id,
        head=(
            '<div class="na-sortable" markdown>',
            "",
            _row([md_text(ctx.t(k)) for k in columns]),
            "|" + "---|" * len(columns),
        ),
        tail=("", "</div>", ""),
    )
    lines = [
        front_matter(ctx.t("figures.all_title"), search_weight=LISTING),
        md_text(ctx.t("figures.all_intro")),
        "",
        *listing,
    ]
    return "\n".join(lines), parts
