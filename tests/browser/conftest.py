"""A real build of the project, served from a sub-path by a plain static file server, and
Debian's Chromium driven by Playwright.

The site is served under /sub/arsip/ (not at the root), so every test also shows that the
archive works from any sub-path. Chromium comes from Debian's `chromium` package, which
`python3 dev.py test` installs; a missing browser fails the tests, it never skips them.
"""

from __future__ import annotations

import functools
import gzip
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    sync_playwright,
)

from tests.conftest import copy_project, run_mkdocs_build

SUB_PATH = "/sub/arsip/"
TOOLS = Path(__file__).parent
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _CompressingHandler(_QuietHandler):
    """Sends text gzip-compressed, as the static hosts that publish sites do."""

    TEXT = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".ics"})

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.TEXT and path.is_file()):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass
class Served:
    """A built site behind a local static server."""

    site: Path
    base: str
    """URL of the Indonesian edition's root, ending in /sub/arsip/."""

    def url(self, path: str = "", edition: str = "id") -> str:
        return self.base + ("" if edition == "id" else f"{edition}/") + path


def serve(
    site: Path, root: Path, sub_path: str = SUB_PATH, *, compress: bool = False
) -> Iterator[Served]:
    """Serve `site` at `sub_path` of a local server whose document root is `root`."""
    if sub_path == "/":
        root = site
    else:
        mount = root / sub_path.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site, target_is_directory=True)
    kind = _CompressingHandler if compress else _QuietHandler
    handler = functools.partial(kind, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(site, f"http://127.0.0.1:{server.server_address[1]}{sub_path}")
    finally:
        server.shutdown()
        server.server_close()


def build(project: Path) -> Path:
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "build" / "site"


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The archive as it is in the repository, both editions, with its search index."""
    work = tmp_path_factory.mktemp("browser")
    site = build(copy_project(work / "project"))
    yield from serve(site, work / "www")


@pytest.fixture(scope="session")
def served_at_root(served: Served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The same build at the root of a server: where a server's 404 page lives."""
    yield from serve(served.site, tmp_path_factory.mktemp("root"), "/")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Chromium is not on PATH: `python3 dev.py test` installs Debian's chromium "
            "package (apt-get install chromium)."
        )
    launched = playwright.chromium.launch(executable_path=executable)
    yield launched
    launched.close()


@dataclass
class Watch:
    """What a page did that a reader should never see: console errors, uncaught
    exceptions, failed requests, and requests to other hosts."""

    host: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def failed(self, request: Request) -> None:
        # A request cut short because the reader moved on to the next page is not a fault.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.errors.append(f"failed: {request.url} ({request.failure})")

    def request(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in {"http", "https"} and parts.netloc != self.host:
            self.foreign.append(url)


@pytest.fixture
def page(browser: Browser, served: Served) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    watch = Watch(urlsplit(served.base).netloc)
    opened.on("console", watch.console)
    opened.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))
    opened.on("requestfailed", watch.failed)
    opened.on("request", lambda r: watch.request(r.url))
    yield opened, watch
    context.close()
