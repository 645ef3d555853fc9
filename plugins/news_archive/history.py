"""When each source file last changed, read from git history.

This runs a program, so it is not part of the pure core: the plugin and the `generate`
command call it and hand the dates to the renderer. It runs git once for a whole folder,
not once per file (an archive of 10,000 articles would otherwise start 10,000 processes),
and parses the one log. It never fails a build: without git, outside a repository, or when
git refuses the repository, there are simply no dates. A shallow clone has only its last
commit, so every file would seem to have changed then: CI must fetch the whole history.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

TIMEOUT = 120
"""Seconds git may take before the dates are given up (the build goes on without them)."""

_RECORD = "\x1e"


def last_changed(folder: Path) -> dict[str, dt.date]:
    """Each file under `folder` that git knows (path relative to `folder`, with `/`) → the
    date of the last commit that changed it, as the committer's calendar showed it. The
    same commit always gives the same dates. Empty when git cannot tell."""
    git = shutil.which("git")
    if git is None or not folder.is_dir():
        return {}
    # Variables set by a git hook or a wrapper (GIT_DIR, GIT_WORK_TREE …) would point git at
    # another repository than the one holding `folder`.
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    command = [
        git,
        "-c",
        "core.quotepath=off",
        "log",
        f"--format={_RECORD}%cs",  # committer date, YYYY-MM-DD in the committer's zone
        "--name-only",
        "--relative",  # names relative to `folder`, and only the files under it
        "--no-renames",
        "-z",  # names ended by NUL, never quoted
        "--",
        ".",
    ]
    try:
        result = subprocess.run(
            command, cwd=folder, env=env, capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    return parse_log(result.stdout.decode("utf-8", errors="surrogateescape"))


def parse_log(log: str) -> dict[str, dt.date]:
    """The output of `git log --format=<RS>%cs --name-only -z`, newest commit first, as
    file → date of the newest commit naming it."""
    changed: dict[str, dt.date] = {}
    for record in log.split(_RECORD):
        date_text, _, names = record.partition("\0")
        try:
            date = dt.date.fromisoformat(date_text.strip())
        except ValueError:
            continue
        for name in names.split("\0"):
            name = name.strip("\n")
            if name:
                changed.setdefault(name, date)
    return changed


def article_dates(articles_folder: Path, paths: dict[str, Path]) -> dict[str, dt.date]:
    """Article id → the date its file last changed, for the articles whose files git knows.
    `paths` maps each article id to its source file."""
    changed = last_changed(articles_folder)
    if not changed:
        return {}
    base = articles_folder.resolve()
    dates: dict[str, dt.date] = {}
    for article_id, path in paths.items():
        try:
            relative = path.resolve().relative_to(base).as_posix()
        except ValueError:
            continue
        if relative in changed:
            dates[article_id] = changed[relative]
    return dates
