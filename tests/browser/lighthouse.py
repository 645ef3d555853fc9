"""Lighthouse scores of four pages of the archive: the home page, an article, the event
index and the glossary.

    python3 dev.py lighthouse          # build into a temporary folder, serve, audit
    python3 dev.py lighthouse --site build/site

Runs Lighthouse from tests/browser/node_modules (installed by dev.py) against Debian's
Chromium, with Lighthouse's default mobile settings (a mid-range phone on a throttled
connection), over a local static server. Prints the four category scores of each page and
writes the full reports to build/reports/lighthouse/. Exits with 1 when a score is below
95. Performance is measured under simulated throttling and varies by a few points from
run to run; the README gives the figures of a run and how they were made.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import build, serve  # noqa: E402 - after the path is set
from tests.conftest import copy_project  # noqa: E402

TOOLS = Path(__file__).parent
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = {
    "home": "",
    "article": "artikel/rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo/",
    "events": "peristiwa/",
    "glossary": "glosarium/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95


def audit(url: str, report: Path) -> dict[str, int]:
    chromium = shutil.which("chromium")
    node = shutil.which("node")
    if chromium is None or node is None or not LIGHTHOUSE.is_file():
        sys.exit(
            "Lighthouse needs chromium, node and npm ci in tests/browser (python3 dev.py lighthouse)."
        )
    command = [
        node,
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chromium})
    data = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(100 * data["categories"][name]["score"]) for name in CATEGORIES}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    args = parser.parse_args(argv)
    reports = ROOT / "build" / "reports" / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else build(copy_project(Path(tmp) / "project"))
        # At the server's root and compressed, as a reader's static host would publish it.
        scores = {}
        for served in serve(site, Path(tmp) / "www", "/", compress=True):
            for name, path in PAGES.items():
                scores[name] = audit(served.url(path), reports / f"{name}.json")
    width = max(len(n) for n in PAGES)
    print(f"{'page':{width}}  " + "  ".join(f"{c:>14}" for c in CATEGORIES))
    for name, values in scores.items():
        print(f"{name:{width}}  " + "  ".join(f"{values[c]:>14}" for c in CATEGORIES))
    low = [(n, c, v) for n, values in scores.items() for c, v in values.items() if v < TARGET]
    print(f"\nreports: {reports}")
    if low:
        print("below " + str(TARGET) + ": " + ", ".join(f"{n} {c} {v}" for n, c, v in low))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
