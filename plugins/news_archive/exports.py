"""Data exports published with the site under `data/`: what every article holds and what
the extraction engine found in it, as JSON (one record per line) and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from .catalog import catalog
from .cleaning import CleanedArticle
from .extract.model import ArticleExtraction
from .extract.numbers import as_number
from .formatting import LANGUAGES, format_span
from .model import Event, PartialDate, Period, Quantity
from .quantities import ReportedFigure

if TYPE_CHECKING:
    from .archive import Archive, Indexes

DATA_DIR = "data"


def _json(records: Iterable[Mapping[str, Any]]) -> str:
    """A JSON array with one record per line: compact, and readable in a diff."""
    return _json_array([_json_lines(records)])


_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""What `json.dumps(…, ensure_ascii=False)` makes anew for every call (a million records
at 10,000 articles)."""


def _json_lines(records: Iterable[Mapping[str, Any]]) -> str:
    return ",\n".join(_ENCODER.encode(record) for record in records)


def _json_array(runs: Iterable[str]) -> str:
    """The array of the records in `runs` (each a `_json_lines`, maybe empty)."""
    lines = ",\n".join(run for run in runs if run)
    return "[\n" + lines + "\n]\n" if lines else "[]\n"


def _csv(records: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    return _csv_rows(records, columns, header=True)


def _csv_rows(
    records: Iterable[Mapping[str, Any]], columns: Sequence[str], *, header: bool = False
) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
    if header:
        writer.writeheader()
    for record in records:
        writer.writerow({k: "|".join(v) if isinstance(v, list) else v for k, v in record.items()})
    return out.getvalue()


def article_records(articles: Sequence[CleanedArticle]) -> list[dict[str, Any]]:
    records = []
    for article in articles:
        source = article.source
        records.append(
            {
                "id": source.id,
                "title": source.title,
                "title_supplied": source.title_supplied,
                "outlet": source.outlet,
                "published": source.published.iso,
                "url": source.url,
                "language": source.language,
                "source_file": source.path,
                "notes": source.notes,
                "paragraphs": [
                    {
                        "id": p.id,
                        "kind": str(p.kind),
                        "text": p.text,
                        "line": source.file_line(p.line),
                    }
                    for p in article.paragraphs
                ],
                "media": [
                    {
                        "id": item.id,
                        "captions": [s.text for s in item.captions],
                        "credits": [s.text for s in item.credits],
                        "lines": [source.file_line(n) for n in item.lines],
                    }
                    for item in article.media
                ],
                "removed": [
                    {
                        "line": source.file_line(s.line),
                        "text": s.text,
                        "kind": str(s.kind),
                        "rule": s.rule,
                        **({"repeats_line": source.file_line(int(s.note))} if s.note else {}),
                    }
                    for s in article.removed
                ],
            }
        )
    return records


Anchor = Callable[[Any], str]
"""The id of an item's anchor on its article page (`d3`, `f2`, `q1`)."""


def _place(article: str, item: Any, anchor: Anchor | None = None) -> dict[str, Any]:
    return {
        "article": article,
        **({"anchor": anchor(item)} if anchor else {}),
        "paragraph": item.unit,
        "sentence": item.sentence,
        "start": item.start,
        "end": item.end,
        "text": item.text,
    }


def date_records(
    extractions: Iterable[ArticleExtraction], anchor: Anchor | None = None
) -> list[dict[str, Any]]:
    return [
        {
            **_place(x.article, d, anchor),
            "value": d.value.iso if d.value else None,
            "precision": str(d.precision),
            "basis": str(d.basis),
            "relation": d.relation,
            "weekday": d.weekday,
            "flags": list(d.flags),
        }
        for x in extractions
        for d in x.dates
    ]


def figure_records(
    extractions: Iterable[ArticleExtraction], anchor: Anchor | None = None
) -> list[dict[str, Any]]:
    return [
        {
            **_place(x.article, f, anchor),
            "value": as_number(f.value),
            "value_max": as_number(f.value_max) if f.value_max is not None else None,
            "qualifier": f.qualifier,
            "unit": f.measure,
            "counted": f.counted,
            "flags": list(f.flags),
        }
        for x in extractions
        for f in x.figures
    ]


def quote_records(
    extractions: Iterable[ArticleExtraction], anchor: Anchor | None = None
) -> list[dict[str, Any]]:
    return [
        {
            **_place(x.article, q, anchor),
            "speaker": q.speaker,
            "speaker_text": q.speaker_text,
            "found_by": q.cue,
            "flags": list(q.flags),
        }
        for x in extractions
        for q in x.quotes
    ]


def attribution_records(extractions: Iterable[ArticleExtraction]) -> list[dict[str, Any]]:
    return [
        {**_place(x.article, a), "outlet": a.outlet, "how": a.how}
        for x in extractions
        for a in x.attributions
    ]


def mention_records(extractions: Iterable[ArticleExtraction]) -> list[dict[str, Any]]:
    return [{**_place(x.article, m), "entity": m.entity} for x in extractions for m in x.mentions]


DATE_COLUMNS = (
    "article",
    "anchor",
    "paragraph",
    "sentence",
    "start",
    "end",
    "text",
    "value",
    "precision",
    "basis",
    "relation",
    "weekday",
    "flags",
)
FIGURE_COLUMNS = (
    "article",
    "anchor",
    "paragraph",
    "sentence",
    "start",
    "end",
    "text",
    "value",
    "value_max",
    "qualifier",
    "unit",
    "counted",
    "flags",
)


QUANTITY_COLUMNS = (
    "quantity",
    "article",
    "outlet",
    "published",
    "paragraph",
    "text",
    "value",
    "value_max",
    "qualifier",
    "unit",
    "counted",
    "period",
    "period_text",
)


def quantity_records(quantities: Sequence[Quantity], indexes: Indexes) -> list[dict[str, Any]]:
    """Each quantity with the figures reported for it and the pairs that disagree."""
    records = []
    for quantity in quantities:
        figures = indexes.figures_by_quantity.get(quantity.id, ())
        records.append(
            {
                "id": quantity.id,
                "names": {"id": quantity.names.id, "en": quantity.names.en},
                "tolerance": quantity.tolerance,
                "figures": [_reported(r) for r in figures],
                "disagreements": [
                    [
                        {
                            "article": a.article.id,
                            "paragraph": a.figure.unit,
                            "text": a.figure.text,
                        },
                        {
                            "article": b.article.id,
                            "paragraph": b.figure.unit,
                            "text": b.figure.text,
                        },
                    ]
                    for a, b in indexes.disagreements.get(quantity.id, ())
                ],
            }
        )
    return records


def _reported(reported: ReportedFigure) -> dict[str, Any]:
    figure = reported.figure
    return {
        "quantity": reported.quantity,
        "article": reported.article.id,
        "outlet": reported.article.outlet,
        "published": reported.article.published.iso,
        "paragraph": figure.unit,
        "text": figure.text,
        "value": as_number(figure.value),
        "value_max": as_number(figure.value_max) if figure.value_max is not None else None,
        "qualifier": figure.qualifier,
        "unit": figure.measure,
        "counted": figure.counted,
        "period": reported.period.iso,
        "period_text": reported.period_text,
    }


def _article_runs(article: CleanedArticle, archive: Archive, indexes: Indexes) -> dict[str, str]:
    """What one article adds to each export that has a record per article or per item:
    JSON records (`_json_lines`) and CSV rows, by file name."""
    extraction = archive.extractions.get(article.source.id)
    found = [extraction] if extraction is not None else []
    dates = date_records(found, indexes.anchor)
    figures = figure_records(found, indexes.anchor)
    reported = archive.figures.get(article.source.id, ())
    return {
        "quantities.csv": _csv_rows(
            [_reported(r) for r in reported if r.quantity is not None], QUANTITY_COLUMNS
        ),
        "articles.json": _json_lines(article_records([article])),
        "dates.json": _json_lines(dates),
        "dates.csv": _csv_rows(dates, DATE_COLUMNS),
        "figures.json": _json_lines(figures),
        "figures.csv": _csv_rows(figures, FIGURE_COLUMNS),
        "quotes.json": _json_lines(quote_records(found, indexes.anchor)),
        "attributions.json": _json_lines(attribution_records(found)),
        "mentions.json": _json_lines(mention_records(found)),
    }


_RUN_FILES: dict[str, Sequence[str] | None] = {
    "quantities.csv": QUANTITY_COLUMNS,
    "articles.json": None,
    "dates.json": None,
    "dates.csv": DATE_COLUMNS,
    "figures.json": None,
    "figures.csv": FIGURE_COLUMNS,
    "quotes.json": None,
    "attributions.json": None,
    "mentions.json": None,
}
"""The exports joined from per-article runs (`_article_runs`), with their CSV columns."""


def _runs_json(article: CleanedArticle, archive: Archive, indexes: Indexes) -> str:
    return _ENCODER.encode(_article_runs(article, archive, indexes))


def _per_article(archive: Archive, indexes: Indexes) -> dict[str, str]:
    """The exports made of one run of records or rows per article, in the archive's order.
    An article's runs depend on it alone (and the registries and code: its cache key), so
    they are taken from the build cache when it did not change."""
    runs: dict[str, list[str]] = {name: [] for name in _RUN_FILES}
    store = archive.store
    for article in archive.articles:
        key = store.keys.get(article.source.id) if store is not None else None
        if store is None or key is None:
            found = _article_runs(article, archive, indexes)
        else:
            cached = store.part(
                f"exports|{key}",
                partial(_runs_json, article, archive, indexes),
                "exports",
            )
            found = json.loads(cached)
        for name, run in found.items():
            runs[name].append(run)
    return {
        name: _csv_rows((), columns, header=True) + "".join(runs[name])
        if columns
        else _json_array(runs[name])
        for name, columns in _RUN_FILES.items()
    }


def render_exports(archive: Archive, indexes: Indexes, lang: str) -> dict[str, str]:
    """Every export file: docs-relative path → content."""
    corpus = archive.corpus
    per_article = _per_article(archive, indexes)
    events = list(corpus.events.values())
    event_data = event_records(events, indexes)
    labels = catalog()
    # The calendar's time stamp is the newest publication date, so two builds of the same
    # sources write the same file.
    stamp = max((a.published.first_day for a in corpus.articles), default=dt.date(2000, 1, 1))
    return {
        f"{DATA_DIR}/quantities.json": _json(quantity_records(corpus.quantities, indexes)),
        **{f"{DATA_DIR}/{name}": content for name, content in per_article.items()},
        f"{DATA_DIR}/events.json": _json(event_data),
        f"{DATA_DIR}/events.csv": _csv([_flat_event(r) for r in event_data], EVENT_COLUMNS),
        f"{DATA_DIR}/timeline.json": json.dumps(
            timeline_js(
                events,
                corpus.periods,
                lang,
                labels.text("events.title", lang),
                labels.text("events.intro", lang),
            ),
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        f"{DATA_DIR}/events.ics": icalendar(events, lang, stamp),
    }


# --------------------------------------------------------------------------------------
# Events: JSON, CSV, TimelineJS and iCalendar

EVENT_COLUMNS = (
    "id",
    "date",
    "precision",
    "date_text_id",
    "date_text_en",
    "period",
    "title_id",
    "title_en",
    "summary_id",
    "summary_en",
    "entities",
    "reports",
)


def event_date_text(event: Event, lang: str) -> str:
    """The event's date in words, as precise as it is known ("akhir Juli 2016")."""
    part_text = catalog().part_text(lang)
    return format_span(event.start, event.end, event.precision, lang, part_text, event.parts)


def event_records(events: Sequence[Event], indexes: Indexes) -> list[dict[str, Any]]:
    records = []
    for event in events:
        reports = indexes.reports_by_event.get(event.id, ())
        records.append(
            {
                "id": event.id,
                "date": event.iso,
                "precision": event.precision,
                "date_text": {lang: event_date_text(event, lang) for lang in LANGUAGES},
                "period": event.period,
                "title": {"id": event.title.id, "en": event.title.en},
                "summary": {"id": event.summary.id, "en": event.summary.en},
                "entities": list(event.entities),
                "reports": [
                    {
                        "article": r.article.id,
                        "outlet": r.article.outlet,
                        "anchor": indexes.anchor(r.mention),
                        "paragraph": r.mention.unit,
                        "text": r.mention.text,
                        "value": r.mention.value.iso if r.mention.value else None,
                        "sentence": r.sentence,
                    }
                    for r in reports
                ],
            }
        )
    return records


def _flat_event(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": record["id"],
        "date": record["date"],
        "precision": record["precision"],
        "date_text_id": record["date_text"]["id"],
        "date_text_en": record["date_text"]["en"],
        "period": record["period"],
        "title_id": record["title"]["id"],
        "title_en": record["title"]["en"],
        "summary_id": record["summary"]["id"],
        "summary_en": record["summary"]["en"],
        "entities": record["entities"],
        "reports": len(record["reports"]),
    }


def _timeline_date(date: PartialDate, part: str | None = None) -> dict[str, int]:
    """TimelineJS date: as many of year, month and day as are known; no day for an end
    known only as part of its month (the slide's display_date words it: "late July")."""
    fields = {"year": date.year}
    if date.month is not None:
        fields["month"] = date.month
    if date.day is not None and part is None:
        fields["day"] = date.day
    return fields


def timeline_js(
    events: Sequence[Event], periods: Sequence[Period], lang: str, title: str, text: str
) -> dict[str, Any]:
    """The timeline in TimelineJS's JSON format: events with start_date/end_date as precise
    as known, a headline and text, grouped by period; periods as eras."""
    names = {p.id: p.title.get(lang) for p in periods}
    return {
        "title": {"text": {"headline": title, "text": text}},
        "events": [
            {
                "unique_id": event.id,
                "start_date": _timeline_date(event.start, event.parts[0]),
                **(
                    {"end_date": _timeline_date(event.end, event.parts[1])}
                    if event.end and event.precision != "part_of_month"
                    else {}
                ),
                "display_date": event_date_text(event, lang),
                "text": {"headline": event.title.get(lang), "text": event.summary.get(lang)},
                **({"group": names[event.period]} if event.period in names else {}),
            }
            for event in events
        ],
        "eras": [
            {
                "start_date": _timeline_date(p.start),
                "end_date": _timeline_date(p.end),
                "text": {"headline": p.title.get(lang)},
            }
            for p in periods
        ],
    }


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 lines are at most 75 octets; longer ones continue after a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    return [*out, current]


def icalendar(events: Sequence[Event], lang: str, stamp: dt.date) -> str:
    """All-day calendar entries (the end date is the day after, as RFC 5545 wants)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//news-archive//Arsip Aleppo//ID",
        "CALSCALE:GREGORIAN",
    ]
    for event in events:
        first = event.start.first_day
        last = (event.end or event.start).last_day
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.id}@news-archive",
            f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(event.title.get(lang))}",
            f"DESCRIPTION:{_ics_text(event.summary.get(lang))}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
