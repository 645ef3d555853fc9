"""The event index (`peristiwa/`): one timeline by year and month; and one page per event."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..charts import TimelineMark, TimelineStrip, timeline_chart
from ..markup import html_text, md_link, md_text, not_indexed, weighted
from ..model import Event, PartialDate, Period
from ..paths import EVENTS_DIR, EVENTS_INDEX, article_page, entity_page, event_page, md_link_target
from ..timeline import Report, differing_dates
from . import DERIVED, LIST_LIMIT, LISTING, TITLE_WEIGHT, RenderContext, front_matter
from .article import figure_value, speaker_name
from .figures import disagreement_note
from .paging import paginate


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _said(report: Report, ctx: RenderContext) -> str:
    """The date as the outlet writes it, and what it was read as."""
    mention = report.mention
    if mention.value is None:
        return f"“{md_text(mention.text)}” ({md_text(ctx.t('flag.unresolved'))})"
    shown = ctx.span(mention.value.start, mention.value.end, str(mention.precision))
    return f"“{md_text(mention.text)}” → {md_text(shown)}"


def _report_line(report: Report, here: str, ctx: RenderContext) -> str:
    article = report.article
    target = md_link_target(here, article_page(article.id), ctx.indexes.anchor(report.mention))
    where = md_link(f"{article.title} ({report.mention.unit})", target)
    outlet = ctx.outlet_link(here, article.outlet)
    sentence = not_indexed(md_text(report.sentence))
    return f"{outlet}: {_said(report, ctx)} — {sentence} ({where})"


def _event_date(event: Event, ctx: RenderContext, lang: str | None = None) -> str:
    return ctx.span(event.start, event.end, event.precision, lang, event.parts)


def _month_key(report: Report) -> tuple[int, int] | None:
    value = report.value
    if value is None:
        return None
    return value.start.year, value.start.month or 0


def _uncurated_line(report: Report, here: str, ctx: RenderContext) -> list[str]:
    return [f"- *{md_text(ctx.t('events.uncurated'))}* · {_report_line(report, here, ctx)}", ""]


def render_events_index(ctx: RenderContext) -> tuple[str, dict[str, str]]:
    """The timeline: curated events and the date mentions no event holds, by month. When
    those mentions do not fit on one page they get month pages of their own."""
    here = EVENTS_INDEX
    events = ctx.archive.corpus.events
    groups: dict[tuple[int, int] | None, list[tuple[str, object]]] = defaultdict(list)
    for event in events.values():
        groups[(event.start.year, event.start.month or 0)].append(("event", event))
    uncurated = sorted(
        (report for report in ctx.indexes.reports if report.event is None),
        key=lambda report: _order(("report", report)),
    )
    listing, parts = paginate(
        uncurated,
        here=here,
        folder=f"{EVENTS_DIR}/bulan",
        title=ctx.t("events.uncurated_title"),
        when=lambda report: report.value.start if report.value else None,
        render=lambda report, page: _uncurated_line(report, page, ctx),
        ctx=ctx,
        source=lambda report: report.article.id,
    )
    if not parts:
        for report in uncurated:
            groups[_month_key(report)].append(("report", report))
    lines = [
        front_matter(ctx.t("events.title"), search_weight=LISTING),
        md_text(ctx.t("events.intro")),
        "",
    ]
    lines += _timeline(ctx)
    year = None
    dated = sorted(k for k in groups if k is not None)
    for key in [*dated, *([None] if None in groups else [])]:
        if key is None:
            lines += [f"## {md_text(ctx.t('events.undated'))} {{ #tanpa-tanggal }}", ""]
        else:
            if key[0] != year:
                year = key[0]
                lines += [f"## {year} {{ #tahun-{year} }}", ""]
            heading = (
                ctx.t("events.no_month", year=str(key[0]))
                if key[1] == 0
                else ctx.date(_month_date(key))
            )
            lines += [f"### {md_text(heading)} {{ #bulan-{key[0]}-{key[1]:02d} }}", ""]
        items = groups[key]
        items.sort(key=lambda item: _order(item))
        for kind, item in items:
            if kind == "event":
                assert isinstance(item, Event)
                lines += _event_block(item, here, ctx)
            else:
                assert isinstance(item, Report)
                lines += _uncurated_line(item, here, ctx)
    if parts:
        lines += [
            f"## {md_text(ctx.t('events.uncurated_title'))} {{ #belum-dikurasi }}",
            "",
            md_text(ctx.t("events.uncurated_intro")),
            "",
            *listing,
        ]
    return "\n".join(lines), parts


def _timeline(ctx: RenderContext) -> list[str]:
    """Every curated event as a mark on a small strip per period, linked to its block."""
    periods = ctx.archive.corpus.periods
    known = {period.id for period in periods}
    by_period: dict[str, list[TimelineMark]] = defaultdict(list)
    for event in ctx.archive.corpus.events.values():
        period = event.period if event.period in known else _period_of(event, periods)
        by_period[period or ""].append(
            TimelineMark(
                anchor=event.id,
                title=event.title.get(ctx.lang),
                when=_event_date(event, ctx),
                first=event.start.first_day,
                last=(event.end or event.start).last_day,
                exact=_known_to_the_day(event),
            )
        )
    strips = [
        TimelineStrip(
            f"na-timeline-{period.id}",
            period.title.get(ctx.lang),
            period.start.first_day,
            period.end.last_day,
            tuple(by_period.get(period.id, ())),
        )
        for period in periods
    ]
    if by_period.get(""):
        others = by_period[""]
        strips.append(
            TimelineStrip(
                "na-timeline-other",
                ctx.t("chart.timeline.other"),
                min(m.first for m in others),
                max(m.last for m in others),
                tuple(others),
            )
        )
    chart = timeline_chart(strips, ctx.lang, ctx.t)
    return [chart, ""] if chart else []


def _period_of(event: Event, periods: Sequence[Period]) -> str | None:
    day = event.start.first_day
    return next(
        (p.id for p in periods if p.start.first_day <= day <= p.end.last_day),
        None,
    )


def _known_to_the_day(event: Event) -> bool:
    """A single known day, or a run of days whose both ends are known days."""
    end = event.end or event.start
    return (
        event.precision in ("day", "range")
        and event.start.day is not None
        and end.day is not None
        and event.parts == (None, None)
    )


def _month_date(key: tuple[int, int]) -> PartialDate:
    return PartialDate(key[0], key[1])


def _order(item: tuple[str, object]) -> tuple[object, ...]:
    """By first day, events before reports of the same day; reports whose date could not
    be worked out come last."""
    kind, value = item
    if kind == "event":
        assert isinstance(value, Event)
        return (False, value.start.first_day, 0, value.id)
    assert isinstance(value, Report)
    first = value.value.first_day if value.value else dt.date.min
    undated = value.value is None
    return (undated, first, 1, value.article.id, value.mention.unit, value.mention.start)


def _event_block(event: Event, here: str, ctx: RenderContext) -> list[str]:
    other = ctx.other_lang
    reports = ctx.indexes.reports_by_event.get(event.id, ())
    lines = [
        f"#### {md_link(event.title.get(ctx.lang), md_link_target(here, event_page(event.id)))} "
        f"{{ #{event.id} }}",
        "",
        f"**{md_text(_event_date(event, ctx))}** · "
        f'<span lang="{other}">{html_text(_event_date(event, ctx, other))}</span>',
        "",
        md_text(event.summary.get(ctx.lang)),
        "",
    ]
    lines += _differ(event, reports, ctx)
    if reports:
        lines += [f"{md_text(ctx.t('events.reports'))}:", ""]
        shown, more = ctx.capped(reports, LIST_LIMIT, "list.more_reports")
        lines += [f"- {_report_line(report, here, ctx)}" for report in shown]
        if more:
            lines.append(f"- {md_link(more, md_link_target(here, event_page(event.id)))}")
    else:
        lines.append(f"*{md_text(ctx.t('events.reports_none'))}*")
    lines.append("")
    return lines


def _differ(event: Event, reports: Sequence[Report], ctx: RenderContext) -> list[str]:
    """Where outlets give the event other dates, or figures that cannot both be true."""
    places = {(r.article.id, r.mention.unit) for r in reports}
    pairs = [
        pair
        for quantity_pairs in ctx.indexes.disagreements.values()
        for pair in quantity_pairs
        if any((f.article.id, f.figure.unit) in places for f in pair)
    ]
    return _differing_dates(event, reports, ctx) + disagreement_note(pairs, ctx)


def _differing_dates(event: Event, reports: Sequence[Report], ctx: RenderContext) -> list[str]:
    different = differing_dates(event, list(reports))
    if not different:
        return []
    items = []
    shown, more = ctx.capped(different, ctx.page_items, "list.more_dates")
    for report in shown:
        outlet = ctx.outlet(report.article.outlet)
        value = report.value
        assert value is not None
        items.append(
            "<li>"
            + html_text(
                ctx.t(
                    "events.differ_item",
                    outlet=outlet.name if outlet else ctx.t("article.outlet_unknown"),
                    said=report.mention.text,
                    value=ctx.span(value.start, value.end, str(report.mention.precision)),
                    date=_event_date(event, ctx),
                )
            )
            + "</li>"
        )
    return [
        '<div class="admonition warning">',
        f'<p class="admonition-title">{html_text(ctx.t("events.differ"))}</p>',
        "<ul>",
        *items,
        "</ul>",
        *([f"<p>{html_text(more)}</p>"] if more else []),
        "</div>",
        "",
    ]


def render_event(event: Event, ctx: RenderContext) -> tuple[str, dict[str, str]]:
    """An event's page, and month pages of its reports when they do not fit on it."""
    here = event_page(event.id)
    other = ctx.other_lang
    reports = ctx.indexes.reports_by_event.get(event.id, ())
    periods = {p.id: p for p in ctx.archive.corpus.periods}
    lines = [
        front_matter(event.title.get(ctx.lang), search_weight=DERIVED),
        '<div class="na-card" markdown>',
        "",
    ]
    facts = [
        (
            ctx.t("card.dates"),
            weighted(
                f"{md_text(_event_date(event, ctx))} · "
                f'<span lang="{other}">{html_text(_event_date(event, ctx, other))}</span>',
                TITLE_WEIGHT,
            ),
        )
    ]
    if event.period in periods:
        facts.append((ctx.t("events.period"), md_text(periods[event.period].title.get(ctx.lang))))
    entities = ctx.archive.corpus.entities
    if event.entities:
        facts.append(
            (
                ctx.t("events.entities"),
                ", ".join(
                    md_link(entities[e].names.get(ctx.lang), md_link_target(here, entity_page(e)))
                    for e in event.entities
                ),
            )
        )
    for term, value in facts:
        lines += [md_text(term), f":   {value}", ""]
    lines += [
        "</div>",
        "",
        md_text(event.summary.get(ctx.lang)),
        "",
        f'<p lang="{other}" class="na-other-lang">{html_text(event.summary.get(other))}</p>',
        "",
    ]
    lines += _differ(event, reports, ctx)
    lines += [f"## {md_text(ctx.t('events.reports'))}", ""]
    parts: dict[str, str] = {}
    if reports:

        def row(report: Report, page: str) -> list[str]:
            article = report.article
            target = md_link_target(
                page, article_page(article.id), ctx.indexes.anchor(report.mention)
            )
            return [
                _row(
                    [
                        ctx.outlet_link(page, article.outlet),
                        _said(report, ctx),
                        not_indexed(md_text(report.sentence)),
                        md_link(report.mention.unit, target),
                    ]
                )
            ]

        header = _row(
            [
                md_text(ctx.t(k))
                for k in (
                    "events.col_outlet",
                    "events.col_said",
                    "events.col_sentence",
                    "events.col_where",
                )
            ]
        )
        listing, parts = paginate(
            reports,
            here=here,
            folder=f"{EVENTS_DIR}/{event.id}",
            title=event.title.get(ctx.lang),
            when=lambda report: report.article.published,
            render=row,
            ctx=ctx,
            source=lambda report: report.article.id,
            head=(header, "|---|---|---|---|"),
        )
        lines += listing
    else:
        lines.append(md_text(ctx.t("events.reports_none")))
    lines.append("")
    lines += _figures(reports, here, ctx)
    lines += _quotes(event, reports, here, ctx)
    lines += [md_link(ctx.t("events.see_all"), md_link_target(here, EVENTS_INDEX, event.id)), ""]
    return "\n".join(lines), parts


def _figures(reports: Iterable[Report], here: str, ctx: RenderContext) -> list[str]:
    """Figures in the paragraphs that report the event, side by side by outlet."""
    places = {(r.article.id, r.mention.unit) for r in reports}
    figures = [f for f in ctx.indexes.figures if (f.article.id, f.figure.unit) in places]
    if not figures:
        return []
    names = {q.id: q.names.get(ctx.lang) for q in ctx.archive.corpus.quantities}
    lines = [
        f"## {md_text(ctx.t('events.figures'))}",
        "",
        _row(
            [
                md_text(ctx.t(k))
                for k in (
                    "figures.col_quantity",
                    "figures.col_value",
                    "figures.col_text",
                    "figures.col_outlet",
                    "figures.col_where",
                )
            ]
        ),
        "|---|---|---|---|---|",
    ]
    ordered = sorted(
        figures, key=lambda r: (r.quantity or "~", r.article.outlet or "", r.figure.start)
    )
    shown, more = ctx.capped(ordered, ctx.page_items, "list.more_figures")
    for reported in shown:
        figure = reported.figure
        target = md_link_target(here, article_page(reported.article.id), ctx.indexes.anchor(figure))
        quantity = md_text(names.get(reported.quantity or "", figure.counted or "—"))
        lines.append(
            _row(
                [
                    quantity,
                    md_text(figure_value(figure, ctx)),
                    md_text(figure.text),
                    ctx.outlet_link(here, reported.article.outlet),
                    md_link(figure.unit, target),
                ]
            )
        )
    return [*lines, *_counted(more)]


def _counted(more: str | None) -> list[str]:
    """The end of a capped list: how many were left out (all are on the article pages
    and on the figures and quotes pages)."""
    return ["", md_text(more), ""] if more else [""]


def _quotes(event: Event, reports: Iterable[Report], here: str, ctx: RenderContext) -> list[str]:
    """Quotes in the paragraphs that report the event, and quotes of the event's own people
    and institutions in the articles that report it."""
    places = {(r.article.id, r.mention.unit) for r in reports}
    articles = {article for article, _ in places}
    quotes = [
        (a, q)
        for a, q in ctx.indexes.quotes
        if (a.id, q.unit) in places or (a.id in articles and q.speaker in event.entities)
    ]
    if not quotes:
        return []
    lines = [f"## {md_text(ctx.t('events.quotes'))}", ""]
    shown_quotes, more = ctx.capped(quotes, ctx.page_items, "list.more_quotes")
    for article, quote in shown_quotes:
        target = md_link_target(here, article_page(article.id), ctx.indexes.anchor(quote))
        lines.append(
            f"- {not_indexed(f'“{md_text(quote.text)}”')} — "
            f"{md_text(speaker_name(quote, ctx))}, "
            f"{ctx.outlet_link(here, article.outlet)} ({md_link(quote.unit, target)})"
        )
    return [*lines, *_counted(more)]
