#!/usr/bin/env python3
"""Set up the project in a private virtual environment, then build, serve or test it.

Needs nothing but Python 3.11 or newer. Every command first makes sure that `.venv/`
holds exactly the pinned packages (pyproject.toml + constraints.txt); the check is a
hash, so a second run costs nothing.

    python3 dev.py build      # build the site into build/site (strict: warnings fail)
    python3 dev.py serve      # preview on http://127.0.0.1:8000 with live reload
    python3 dev.py test       # the whole test suite (extra arguments go to pytest)
    python3 dev.py lighthouse # Lighthouse scores of four pages of the built site
    python3 dev.py run CMD…   # run any command inside the environment

`test` and `lighthouse` also need a browser and the npm tools of tests/browser/: Debian's
`chromium` (installed with apt-get when missing and this runs as root) and `npm ci` in
tests/browser/ (again only when package-lock.json changed).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".news-archive-installed"
INPUTS = ("pyproject.toml", "constraints.txt", "dev.py")
BROWSER_TOOLS = ROOT / "tests" / "browser"
NPM_STAMP = BROWSER_TOOLS / "node_modules" / ".news-archive-installed"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create `.venv` and install the pinned packages unless they are already there."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under any python3
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    wanted = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv/ …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    print("Installing the pinned packages (constraints.txt) …", flush=True)
    subprocess.run(
        [
            str(PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--constraint",
            str(ROOT / "constraints.txt"),
            "--editable",
            f"{ROOT}[test]",
        ],
        check=True,
    )
    STAMP.write_text(wanted)


def ensure_browser_tools() -> None:
    """Debian's Chromium (Playwright cannot download its own browser here) and the npm
    packages of tests/browser/ (axe-core, Lighthouse)."""
    if shutil.which("chromium") is None:
        if shutil.which("apt-get") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
            sys.exit(
                "The browser tests need Chromium on PATH as `chromium`. On Debian or Ubuntu: "
                "sudo apt-get update && sudo apt-get install -y chromium"
            )
        print("Installing Debian's chromium for the browser tests …", flush=True)
        quiet = {"DEBIAN_FRONTEND": "noninteractive"}
        env = {**os.environ, **quiet}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
            check=True,
            env=env,
        )
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("The browser tests need Node.js and npm (node 20 or newer) on PATH.")
    wanted = hashlib.sha256((BROWSER_TOOLS / "package-lock.json").read_bytes()).hexdigest()
    if NPM_STAMP.exists() and NPM_STAMP.read_text() == wanted:
        return
    print("Installing the npm tools of tests/browser/ (npm ci) …", flush=True)
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=BROWSER_TOOLS,
        check=True,
    )
    NPM_STAMP.write_text(wanted)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(VENV)
    # Material 9.8 prints an end-of-life notice on every build; it is not a build warning.
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


def _run(args: list[str]) -> int:
    return subprocess.run(args, cwd=ROOT, env=_environment(), check=False).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    ensure_environment()
    if command == "build":
        code = _run([str(PYTHON), "-m", "mkdocs", "build", "--strict", *rest])
        if code == 0:
            print(
                f"\nThe site is in {ROOT / 'build' / 'site'}; "
                "to read it in a browser run: python3 dev.py serve"
            )
        return code
    if command == "serve":
        return _run([str(PYTHON), "-m", "mkdocs", "serve", *rest])
    if command == "test":
        ensure_browser_tools()
        return _run([str(PYTHON), "-m", "pytest", *rest])
    if command == "lighthouse":
        ensure_browser_tools()
        return _run([str(PYTHON), str(BROWSER_TOOLS / "lighthouse.py"), *rest])
    if command == "run":
        return _run(rest)
    print(f"Unknown command {command!r}.\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
