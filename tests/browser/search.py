"""Measuring search the way a reader uses it: type into the search box, read the results.

Works with both search options of the archive (Material's own search and the Pagefind box),
because both use Material's markup: `input.md-search__input` and `.md-search-result__item a`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page

QUERIES = Path(__file__).parent / "queries.yml"
TOP = 5


@dataclass(frozen=True)
class Query:
    q: str
    edition: str
    kind: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    query: Query
    found: tuple[str, ...]
    """The first pages returned, as paths relative to the edition root, one per page."""

    @property
    def recall(self) -> float:
        top = set(self.found[:TOP])
        return sum(1 for page in self.query.expect if page in top) / len(self.query.expect)


def load_queries() -> list[Query]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    return [
        Query(str(q["q"]), q["edition"], q["kind"], tuple(q["expect"])) for q in data["queries"]
    ]


def _page_path(href: str, root_path: str) -> str:
    path = urlsplit(href).path
    return path[len(root_path) :] if path.startswith(root_path) else path


def ask(page: Page, query: Query, root_url: str) -> Outcome:
    """Type the query into the search box of the edition's home page; read the results."""
    box = page.locator("input.md-search__input")
    box.click()
    page.evaluate(
        """() => {
            const items = [...document.querySelectorAll('.md-search-result__item a')];
            const meta = document.querySelector('.md-search-result__meta');
            window.__naBefore = (meta ? meta.textContent : '') + '|' + items.map(a => a.href).join(' ');
            window.__naStart = Date.now();
            window.__naLast = undefined;
        }"""
    )
    box.fill(query.q)
    # Material's own search reads the box on key-up, as when a reader types.
    box.press("End")
    # Results are final when the Pagefind box says so, or, for Material's search, when
    # the list has stopped changing.
    page.wait_for_function(
        """q => {
            const done = document.querySelector('[data-na-search]');
            if (done) return done.getAttribute('data-na-done') === q;
            const items = [...document.querySelectorAll('.md-search-result__item a')]
                .map(a => a.href).join(' ');
            const meta = document.querySelector('.md-search-result__meta');
            const said = meta ? meta.textContent : '';
            // Material's search first says it is starting up (its worker builds the index).
            if (/Mempersiapkan|Initializing/.test(said)) return false;
            const state = said + '|' + items;
            // The list must have changed since the query was typed (or, when the new results
            // happen to be the same, stayed put for 2.5 s), then stay unchanged for 0.4 s.
            const fresh = state !== window.__naBefore || Date.now() - window.__naStart > 2500;
            if (fresh && window.__naLast === state && Date.now() - window.__naSince > 400) return true;
            if (window.__naLast !== state) { window.__naLast = state; window.__naSince = Date.now(); }
            return false;
        }""",
        arg=query.q,
        polling=100,
        timeout=15_000,
    )
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item a", "links => links.map(a => a.href)"
    )
    root_path = urlsplit(root_url).path
    found: list[str] = []
    for href in hrefs:
        path = _page_path(href, root_path)
        if path not in found:
            found.append(path)
    return Outcome(query, tuple(found))


def run(page: Page, queries: list[Query], roots: dict[str, str]) -> list[Outcome]:
    outcomes = []
    for edition in sorted({q.edition for q in queries}):
        page.goto(roots[edition])
        outcomes += [ask(page, q, roots[edition]) for q in queries if q.edition == edition]
    return outcomes


def report(outcomes: list[Outcome]) -> tuple[float, list[str]]:
    """Mean recall@5, and a table by edition and kind, with the queries that missed."""
    groups: dict[tuple[str, str], list[float]] = defaultdict(list)
    for outcome in outcomes:
        groups[(outcome.query.edition, outcome.query.kind)].append(outcome.recall)
    mean = sum(o.recall for o in outcomes) / len(outcomes)
    lines = [f"recall@{TOP} over {len(outcomes)} queries: {mean:.3f}"]
    lines += [
        f"  {edition:2} {kind:10} {sum(v) / len(v):.2f}  ({len(v)} queries)"
        for (edition, kind), v in sorted(groups.items())
    ]
    for outcome in outcomes:
        if outcome.recall < 1:
            missing = [p for p in outcome.query.expect if p not in outcome.found[:TOP]]
            lines.append(
                f"  missed [{outcome.query.edition}] {outcome.query.q!r}: {missing}; "
                f"top {TOP}: {list(outcome.found[:TOP])}"
            )
    return mean, lines
