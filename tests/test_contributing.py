"""The contributor's documents and the CI workflow say what the code does."""

from __future__ import annotations

import re

import yaml

from news_archive.citations import CITATION
from tests.conftest import ROOT

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
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


def test_the_workflow_tests_checks_builds_and_publishes_from_main() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true.
    triggers = workflow.get("on", workflow.get(True))
    assert {"push", "pull_request"} <= set(triggers)
    test = workflow["jobs"]["test"]
    steps = test["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "python3 dev.py test" in runs
    assert "python3 dev.py run python -m news_archive check" in runs
    assert "python3 dev.py build" in runs
    checkout = steps[0]
    assert checkout["uses"].startswith("actions/checkout@")
    # The last-changed dates need the whole history; ../shared must sit beside the archive.
    assert checkout["with"] == {"path": "archive", "fetch-depth": 0}
    assert any(step.get("with", {}).get("path") == "shared" for step in steps)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "archive/build/site"
    assert "refs/heads/main" in upload["if"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test" and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"] == {"contents": "read"}
