"""Every internal link and anchor of the built site resolves.

MkDocs checks Markdown links; links written in raw HTML (entity and glossary links in the
article text) it does not, so this walks every page of a real build.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import copy_project, run_mkdocs_build


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.ids.add(str(values["name"]))
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(str(values[name]))


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def site_file(site: Path, url_path: str) -> Path:
    target = site / unquote(url_path).lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("links") / "project")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "build" / "site"


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    pages = {path: parse(path) for path in site.rglob("*.html")}
    broken: list[str] = []
    checked = 0
    for path, page in pages.items():
        base = "/" + path.relative_to(site).as_posix()
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "data:")):
                continue
            checked += 1
            resolved = urlsplit(urljoin(base, link))
            target = site_file(site, resolved.path)
            if not target.is_file():
                broken.append(f"{base}: {link} (no {target.relative_to(site)})")
                continue
            if resolved.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(resolved.fragment) not in ids:
                    broken.append(f"{base}: {link} (no anchor #{resolved.fragment})")
    assert checked > 1000, checked
    assert not broken, "\n".join(broken[:50])


def test_article_text_links_entities_and_glossary_terms(site: Path) -> None:
    page = (
        site / "artikel" / "viva-2016-12-ribuan-warga-sipil-aleppo-dievakuasi" / "index.html"
    ).read_text(encoding="utf-8")
    text = page.split('class="na-text"', 1)[1].split("</div>", 1)[0]
    assert 'class="na-entity" href="../../entitas/aleppo/"' in text
    assert text.count('href="../../entitas/aleppo/"') <= text.count(
        "<p id="
    )  # once per paragraph at most
