"""The pure core's stages on their own, in one process, without MkDocs: where a build's
time goes, step by step, to see what to make faster and whether a change did.

    python3 dev.py run python benchmarks/stages.py                # 1,000 synthetic articles
    python3 dev.py run python benchmarks/stages.py --articles 300 --repeat 3

Prints the seconds (the best of --repeat runs, so that a busy moment of the machine does
not count) and the milliseconds per article of loading, cleaning, each extractor, the
placing of figures and dates, the indexes and each page family, with a hash of what each
step produced: two versions of the code that should give the same results must print the
same hashes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from news_archive import pipeline
from news_archive.archive import build_indexes
from news_archive.catalog import catalog
from news_archive.cleaning import clean_article, find_repeated_lines
from news_archive.extract.attributions import find_attributions
from news_archive.extract.dates import find_expressions, resolve
from news_archive.extract.engine import ExtractionContext, _mentions, extract_article
from news_archive.extract.figures import find_figures
from news_archive.extract.quotes import find_quotes
from news_archive.extract.text import split_sentences, units_of
from news_archive.pages import RenderContext, SourceHistory
from news_archive.quantities import report_figures
from news_archive.sources import load_corpus
from news_archive.timeline import attach

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)


def timed(step: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The best wall time of `repeat` runs of `step`, and what the last run returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = step()
        best = min(best, time.perf_counter() - started)
    return best, result


def fingerprint(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:12]


def main(argv: list[str]) -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # The same order of sets in every run, so that the hashes of results compare.
        os.execve(
            sys.executable, [sys.executable, __file__, *argv], {**os.environ, "PYTHONHASHSEED": "0"}
        )
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "news_archive",
                "synth",
                "--articles",
                str(args.articles),
                "--out",
                str(sources),
            ],
            check=True,
            capture_output=True,
        )
        rows = measure(sources, args.repeat)
    count = args.articles
    print(f"{'stage':34} {'seconds':>8} {'ms/article':>11}  result")
    for name, seconds, digest in rows:
        print(f"{name:34} {seconds:8.2f} {seconds * 1000 / count:11.2f}  {digest}")
    return 0


def measure(sources: Path, repeat: int) -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []

    def step(name: str, work: Callable[[], Any]) -> Any:
        seconds, result = timed(work, repeat)
        rows.append((name, seconds, fingerprint(result)))
        return result

    with pipeline.collector_paused():
        corpus = step("load", lambda: load_corpus(sources, root=sources.parent, today=TODAY))
        repeated = step(
            "repeated lines", lambda: find_repeated_lines(corpus.articles, corpus.rules.structure)
        )
        cleaned = step(
            "clean",
            lambda: [
                clean_article(a, corpus.rules, corpus.outlets, repeated.get(a.outlet, frozenset()))
                for a in corpus.articles
            ],
        )
        context = ExtractionContext.build(
            corpus.languages["id"], corpus.entities, corpus.outlets, corpus.terms
        )
        language = context.language
        units = step(
            "extract: units, sentences",
            lambda: [
                (
                    article,
                    units_of(article),
                    {u.id: split_sentences(u, language) for u in units_of(article)},
                )
                for article in cleaned
            ],
        )
        raws = step(
            "extract: dates found",
            lambda: [
                [(u, s[u.id], find_expressions(u, s[u.id], language)) for u in us]
                for _, us, s in units
            ],
        )
        step(
            "extract: dates resolved",
            lambda: [
                resolve(r, a.source.published, language)
                for (a, _, _), r in zip(units, raws, strict=True)
            ],
        )
        step(
            "extract: figures",
            lambda: [
                [f for u in us for f in find_figures(u, s[u.id], language, [])]
                for _, us, s in units
            ],
        )
        step(
            "extract: quotes",
            lambda: [find_quotes(us, s, context.matcher, language) for _, us, s in units],
        )
        step(
            "extract: attributions",
            lambda: [
                [
                    x
                    for u in us
                    for x in find_attributions(
                        u,
                        s[u.id],
                        context.matcher,
                        context.outlets,
                        language,
                        u.credits,
                        context.outlet_names,
                    )
                ]
                for _, us, s in units
            ],
        )
        step("extract: names", lambda: [_mentions(us, s, context, {}) for _, us, s in units])
        step(
            "extract: glossary terms",
            lambda: [[t for u in us for t in context.terms.find(u)] for _, us, s in units],
        )
        # A fresh context, as a worker has: the steps above filled its memo of names.
        extractions = step(
            "extract: all, as a build does",
            lambda: [
                extract_article(a, fresh)
                for fresh in [
                    ExtractionContext.build(language, corpus.entities, corpus.outlets, corpus.terms)
                ]
                for a in cleaned
            ],
        )
        events = list(corpus.events.values())
        placed = step(
            "place figures and dates",
            lambda: [
                (report_figures(a.source, x, corpus.quantities), attach(a.source, x, events))
                for a, x in zip(cleaned, extractions, strict=True)
            ],
        )
        archive = pipeline.Archive(
            corpus,
            tuple(cleaned),
            {x.article: x for x in extractions},
            {x.article: f for x, (f, _) in zip(extractions, placed, strict=True)},
            {x.article: r for x, (_, r) in zip(extractions, placed, strict=True)},
        )
        indexes = step("index", lambda: build_indexes(archive))
        # Anchors are keyed by the id() of items, which differs from run to run.
        rows[-1] = (*rows[-1][:2], fingerprint(replace(indexes, anchors={})))
        ctx = RenderContext("id", catalog(), archive, indexes, pipeline.PAGE_ITEMS, SourceHistory())
        labels = pipeline._rule_labels(archive, "id")
        families: dict[str, Callable[[], Any]] = {
            "render: article pages": lambda: [
                pipeline.render_article(a, ctx, labels) for a in archive.articles
            ],
            "render: lists of articles": lambda: pipeline.render_articles_index(
                corpus.articles, ctx
            ),
            "render: outlets": lambda: (
                pipeline.render_outlets_index(ctx),
                [pipeline.render_outlet(o, ctx) for o in corpus.outlets.values()],
            ),
            "render: entities": lambda: (
                pipeline.render_entities_index(ctx),
                [pipeline.render_entity(e, ctx) for e in corpus.entities.values()],
            ),
            "render: events": lambda: (
                pipeline.render_events_index(ctx),
                [pipeline.render_event(e, ctx) for e in corpus.events.values()],
            ),
            "render: figures": lambda: (
                pipeline.render_figures(ctx),
                pipeline.render_all_figures(ctx),
            ),
            "render: quotes": lambda: pipeline.render_quotes(ctx),
            "render: glossary": lambda: (
                pipeline.render_glossary(ctx),
                pipeline.render_glossary_en(ctx),
            ),
            "render: data exports": lambda: pipeline.render_exports(archive, indexes, "id"),
        }
        for name, work in families.items():
            step(name, work)
        step(
            "render: the whole site, as a build does",
            lambda: pipeline.render_site(replace(archive, store=None), "id"),
        )
    return rows


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
