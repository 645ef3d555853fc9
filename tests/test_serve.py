"""`mkdocs serve` rebuilds when a source changes (the plugin asks it to watch sources/)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_serve_rebuilds_after_a_source_changes(project: Path) -> None:
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    article = "inews-2024-12-02-video-pemberontak-duduki-istana-aleppo"
    url = f"http://127.0.0.1:{port}/artikel/{article}/"
    try:
        deadline = time.monotonic() + 30
        while "Istana" not in _fetch(url):
            assert time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.3)
        source = project / "sources" / "articles" / f"{article}.md"
        with source.open("a", encoding="utf-8") as handle:
            handle.write("\nParagraf yang ditambahkan saat pratinjau.\n")
        while "Paragraf yang ditambahkan saat pratinjau." not in _fetch(url):
            assert time.monotonic() < deadline, "the edit of a source did not trigger a rebuild"
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)
