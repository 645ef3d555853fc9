"""Shared fixtures: paths, small source trees, and real MkDocs builds in tmp_path."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
SEEDS = ROOT.parent / "shared" / "seeds"
TODAY = dt.date(2026, 11, 21)
"""A fixed 'today' so that date checks do not depend on when the tests run."""

# Property tests: the same examples on every run (derandomize, no example database), and no
# check that depends on how busy the machine is (deadline, too_slow), so CI is deterministic;
# HYPOTHESIS_PROFILE=explore searches longer and at random.
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files from the current output, then review the diff",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def copy_project(target: Path) -> Path:
    """A copy of the parts of the project a build reads, so builds never touch the repo."""
    for name in ("content", "sources", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy2(ROOT / config, target / config)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run_mkdocs_build(
    project_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a project folder; `env` adds to the environment."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project_dir / "mkdocs.yml"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=project_dir,
    )


@pytest.fixture
def mkdocs_build() -> Callable[[Path], subprocess.CompletedProcess[str]]:
    return run_mkdocs_build


ARTICLE_TEMPLATE = """---
id: {id}
title: {title}
outlet: {outlet}
published: {published}
language: id
url: null
notes: Test source.
---
{body}"""


def write_article(
    sources: Path,
    article_id: str,
    body: str = "Kalimat pertama artikel ini.\n",
    *,
    title: str = "Judul uji",
    outlet: str = "viva",
    published: str = "2016-12-09",
    text: str | None = None,
    folder: str = "",
) -> Path:
    """Write a source article; `text` replaces the whole file when given."""
    path = sources / "articles" / folder / f"{article_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    content = (
        text
        if text is not None
        else ARTICLE_TEMPLATE.format(
            id=article_id, title=title, outlet=outlet, published=published, body=body
        )
    )
    path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A sources tree with the real registries and no articles."""
    target = tmp_path / "sources"
    (target / "articles").mkdir(parents=True)
    for registry in SOURCES.glob("*.yml"):
        shutil.copy2(registry, target / registry.name)
    return target
