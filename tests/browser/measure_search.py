"""Measure recall@5 of both search options over tests/browser/queries.yml, in Chromium.

    python3 dev.py run python tests/browser/measure_search.py

Builds the project twice in a temporary folder, once with the Pagefind box (the default)
and once with Material's own search (`search: material` in news-archive's options), serves
each from a sub-path, types every query into the search box and prints recall@5 by
edition and kind, with the queries that missed. The figures in the README come from here.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.browser.conftest import build, serve
from tests.browser.search import load_queries, report, run
from tests.conftest import copy_project


def use_material_search(project: Path) -> None:
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        config = project / name
        text = config.read_text(encoding="utf-8")
        marker = "  - news-archive:\n"
        assert text.count(marker) == 1, name
        config.write_text(
            text.replace(marker, marker + "      search: material\n"), encoding="utf-8"
        )


def main() -> int:
    queries = load_queries()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=shutil.which("chromium"))
        for option in ("pagefind", "material"):
            project = copy_project(Path(tmp) / option / "project")
            if option == "material":
                use_material_search(project)
            site = build(project)
            for served in serve(site, Path(tmp) / option / "www"):
                page = browser.new_page()
                outcomes = run(page, queries, {"id": served.url(), "en": served.url(edition="en")})
                _, lines = report(outcomes)
                print(f"\n== search: {option}")
                print("\n".join(lines))
                page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
