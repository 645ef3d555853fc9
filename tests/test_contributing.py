"""The contributor's documents say what the code does."""

from __future__ import annotations

import re

from news_archive.citations import CITATION
from tests.conftest import ROOT

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
TEMPLATE = ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md"


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_contributing_links_to_its_own_sections() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    anchors = {github_anchor(h) for h in re.findall(r"^#{2,3} (.+)$", text, re.M)}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(links) >= 10
    assert set(links) <= anchors, set(links) - anchors


def test_contributing_documents_every_citation_kind_and_the_commands() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    kinds = re.search(r"\(\?P<kind>([a-z|]+)\)", CITATION.pattern)
    assert kinds is not None
    for kind in kinds.group(1).split("|"):
        assert f"`[[{kind}:" in text, kind
    for command in (
        "python -m news_archive new",
        "python -m news_archive check",
        "python3 dev.py serve",
        "python3 dev.py build",
        "title_supplied: true",
        "url: null",
        "outlet: null",
        "guessed:",
        "reviewed:",
    ):
        assert command in text, command
    # The explainer on reading the archive sends contributors to this file by name.
    for page in ("content/penjelasan/cara-membaca.md", "content/en/penjelasan/cara-membaca.md"):
        assert "`CONTRIBUTING.md`" in (ROOT / page).read_text(encoding="utf-8")


def test_the_pull_request_template_has_a_checklist() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 10
    assert "python -m news_archive new" in text and "guessed:" in text
