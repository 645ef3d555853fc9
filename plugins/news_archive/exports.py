"""Data exports published with the site under `data/`: what every article holds and what
the extraction engine found in it, as JSON (one record per line) and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .cleaning import CleanedArticle
from .extract.model import ArticleExtraction
from .extract.numbers import as_number
from .model import Quantity
from .quantities import ReportedFigure

if TYPE_CHECKING:
    from .archive import Indexes

DATA_DIR = "data"


def _json(records: Iterable[Mapping[str, Any]]) -> str:
    """A JSON array with one record per line: compact, and readable in a diff."""
    lines = [json.dumps(record, ensure_ascii=False, sort_keys=False) for record in records]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def _csv(records: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
    )
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


def _place(article: str, item: Any) -> dict[str, Any]:
    return {
        "article": article,
        "paragraph": item.unit,
        "sentence": item.sentence,
        "start": item.start,
        "end": item.end,
        "text": item.text,
    }


def date_records(extractions: Iterable[ArticleExtraction]) -> list[dict[str, Any]]:
    return [
        {
            **_place(x.article, d),
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


def figure_records(extractions: Iterable[ArticleExtraction]) -> list[dict[str, Any]]:
    return [
        {
            **_place(x.article, f),
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


def quote_records(extractions: Iterable[ArticleExtraction]) -> list[dict[str, Any]]:
    return [
        {
            **_place(x.article, q),
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


def render_exports(
    articles: Sequence[CleanedArticle],
    extractions: Mapping[str, ArticleExtraction],
    indexes: Indexes,
    quantities: Sequence[Quantity],
) -> dict[str, str]:
    """Every export file: docs-relative path → content."""
    ordered = [extractions[a.source.id] for a in articles if a.source.id in extractions]
    dates = date_records(ordered)
    figures = figure_records(ordered)
    assigned = [_reported(r) for r in indexes.figures if r.quantity is not None]
    return {
        f"{DATA_DIR}/quantities.json": _json(quantity_records(quantities, indexes)),
        f"{DATA_DIR}/quantities.csv": _csv(assigned, QUANTITY_COLUMNS),
        f"{DATA_DIR}/articles.json": _json(article_records(articles)),
        f"{DATA_DIR}/dates.json": _json(dates),
        f"{DATA_DIR}/dates.csv": _csv(dates, DATE_COLUMNS),
        f"{DATA_DIR}/figures.json": _json(figures),
        f"{DATA_DIR}/figures.csv": _csv(figures, FIGURE_COLUMNS),
        f"{DATA_DIR}/quotes.json": _json(quote_records(ordered)),
        f"{DATA_DIR}/attributions.json": _json(attribution_records(ordered)),
        f"{DATA_DIR}/mentions.json": _json(mention_records(ordered)),
    }
