"""The MkDocs adapter: config, hooks, and nothing else.

It calls the core (`pipeline`), hands the generated pages to MkDocs in memory with
`File.generated`, turns the core's ArchiveError into PluginError, sends soft problems to
the plugin logger (so `mkdocs build --strict` fails on them), and tells `mkdocs serve` to
watch the sources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .archive import Archive
from .errors import ArchiveError, Problem
from .pipeline import build_archive, render_site, resolve_page

log = get_plugin_logger(__name__)


class ArchiveConfig(base.Config):
    sources = c.Type(str, default="sources")
    """Folder holding `articles/` and the registries, relative to mkdocs.yml."""


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    def __init__(self) -> None:
        self.sources: Path | None = None
        self.root: Path | None = None
        self.archive: Archive | None = None
        self.lang = "id"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.root = Path(config.config_file_path).resolve().parent
        self.sources = (self.root / self.config.sources).resolve()
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        assert self.sources is not None
        self.lang = config.theme.get("language", "id")
        try:
            archive = build_archive(self.sources, root=self.root, content=Path(config.docs_dir))
        except ArchiveError as exc:
            raise PluginError(exc.report()) from None
        self.archive = archive
        _log_collapsed(archive.warnings)
        for page in render_site(archive, self.lang):
            existing = files.get_file_from_path(page.path)
            if existing is not None:
                raise PluginError(
                    f"content/{page.path} would hide the generated page of the same path; "
                    "rename or remove it"
                )
            inclusion = (
                InclusionLevel.UNDEFINED
                if page.listed or not page.path.endswith(".md")
                else InclusionLevel.NOT_IN_NAV
            )
            files.append(
                File.generated(config, page.path, content=page.content, inclusion=inclusion)
            )
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Resolve [[src:…]], [[entity:…]], [[term:…]] and [[event:…]] in hand-written pages."""
        if self.archive is None:
            return markdown
        return resolve_page(markdown, page.file.src_uri, self.archive, self.lang)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.sources is not None:
            server.watch(str(self.sources))
        return server


def _log_collapsed(problems: Iterable[Problem]) -> None:
    """One warning per distinct message, with how many more places show it."""
    groups: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        groups[problem.message].append(problem)
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            log.warning("%s", first)
        else:
            log.warning("%s (and %d more like it)", first, len(same) - 1)
