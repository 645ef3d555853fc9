"""The MkDocs adapter: config, hooks, and nothing else.

It calls the core (`pipeline`), hands the generated pages to MkDocs in memory with
`File.generated`, turns the core's ArchiveError into PluginError, sends soft problems to
the plugin logger (so `mkdocs build --strict` fails on them), and tells `mkdocs serve` to
watch the sources. It reads when each source file last changed from git (`history`) and
where the repository edits it (MkDocs' repo_url and edit_uri), and passes both to the
core. After the build it builds the other-language editions into sub-folders of the site
(`/en/`). Every written page of both editions goes to Pagefind's indexing service as it is
written (`search_feed`), and the index is written when the build ends.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .archive import Archive
from .errors import ArchiveError, Problem
from .history import article_dates
from .pages import PAGE_ITEMS, SourceHistory
from .pipeline import ArticlePages, build_archive, for_citations, render_site, resolve_page
from .search_feed import PagefindFeed, SearchFeedError
from .sources import ARTICLES_DIR, Corpus

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
SEARCH_SCRIPT = "assets/na-search.js"


class ArchiveConfig(base.Config):
    sources = c.Type(str, default="sources")
    """Folder holding `articles/` and the registries, relative to mkdocs.yml."""
    editions = c.Type(dict, default={})
    """Other editions built with this one: site sub-folder → its config file (`en:
    mkdocs.en.yml`). Their hand-written pages are left out of this edition's checks."""
    shared = c.Type(list, default=[])
    """Folders, relative to the config file, whose files this edition publishes too (an
    edition under content/en/ shares content/assets/)."""
    search = c.Choice(("pagefind", "material"), default="pagefind")
    """pagefind: Pagefind's index behind Material's search box (Indonesian stemming, loads
    only the index chunks a query needs); material: Material's own search, unchanged."""
    search_bundle = c.Type(str, default="pagefind/")
    """Where the Pagefind bundle is, relative to this edition's root (`../pagefind/` for
    an edition in a sub-folder: one bundle serves every language)."""
    cache = c.Type(str, default="build/cache")
    """Folder, relative to the config file, of cleaned and extracted articles and of pages
    rendered from one article: a rebuild redoes only what changed. Empty: no cache."""
    page_items = c.Type(int, default=PAGE_ITEMS)
    """Most entries a list page shows; longer lists are split into pages by month."""
    index_search = c.Type(bool, default=True)
    """Run Pagefind over the site after the build (off for editions the main build indexes)."""


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    def __init__(self) -> None:
        self.sources: Path | None = None
        self.root: Path | None = None
        self.archive: Archive | None = None
        self.lang = "id"
        self.edit_base: str | None = None
        self.build_date = ""
        self.feed: PagefindFeed | None = None
        """Pagefind's service, fed each page as it is written (None: index the finished
        site with Pagefind's command line, or no Pagefind)."""
        self.owns_feed = False
        """False in an edition built by another edition's build: that build writes the index."""
        self.url_prefix = ""
        """This edition's folder under the site root, as Pagefind's URLs need it (`en/`)."""
        self.generated: set[str] = set()
        """Source paths of the pages this plugin generated in this build."""
        self.pages_expected = 0
        self.pages_written = 0
        """A dirty build (`--dirty`) writes only the pages that changed: then the feed has
        not seen every page, and Pagefind indexes the site on disk instead."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.root = Path(config.config_file_path).resolve().parent
        self.sources = (self.root / self.config.sources).resolve()
        self.lang = config.theme.get("language", "id")
        self.edit_base, problem = source_edit_base(
            config.repo_url, config.edit_uri, config.edit_uri_template, self._docs_path(config)
        )
        if problem:
            log.warning("%s", problem)
        self.build_date = _build_date(
            self.root, [self.sources, Path(config.docs_dir), *self.root.glob("*.yml")]
        )
        if self.config.search == "pagefind":
            if "material/search" not in config.plugins:
                raise PluginError(
                    "search: pagefind needs Material's search plugin listed before news-archive "
                    "(it puts the search box in the header; its index is not published)"
                )
            # Our search box partial comes before Material's and the custom_dir; the theme
            # folder also publishes its script.
            config.theme.dirs.insert(0, str(TEMPLATES / "pagefind"))
            config.extra_javascript.append(SEARCH_SCRIPT)
            config.extra["na_search_bundle"] = self.config.search_bundle
            _skip_material_index(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.pages_expected = self.pages_written = 0
        if self.config.search == "pagefind" and self.config.index_search:
            executable = pagefind_executable()
            if executable is not None:
                try:
                    self.feed = PagefindFeed(executable)
                except (OSError, SearchFeedError) as exc:
                    raise PluginError(f"Pagefind's indexing service did not start: {exc}") from None
                self.owns_feed = True

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        assert self.sources is not None and self.root is not None
        for folder in self.config.shared:
            _publish_folder(files, config, (self.root / folder).resolve())
        histories: list[SourceHistory] = []

        def history(corpus: Corpus) -> SourceHistory:
            histories.append(self._history(corpus))
            return histories[-1]

        try:
            archive = build_archive(
                self.sources,
                root=self.root,
                content=Path(config.docs_dir),
                content_skip=tuple(self.config.editions),
                cache=(self.root / self.config.cache) if self.config.cache else None,
                pages=ArticlePages(self.lang, history),
            )
        except ArchiveError as exc:
            raise PluginError(exc.report()) from None
        stats = archive.stats
        log.info(
            "%d article(s) cleaned and extracted, %d from the cache",
            len(stats.extracted),
            stats.from_cache,
        )
        _log_collapsed(archive.warnings)
        pages = render_site(
            archive,
            self.lang,
            histories[-1] if histories else self._history(archive.corpus),
            page_items=self.config.page_items,
        )
        # MkDocs now holds the generated pages; of the archive, the citations of the
        # hand-written pages are all that is read until the build ends.
        self.archive = for_citations(archive)
        del archive
        log.info(
            "stages: %s",
            ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in stats.seconds.items()),
        )
        self.generated = {page.path for page in pages if page.path.endswith(".md")}
        for page in pages:
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
        # What is alive now (MkDocs' files and config, the generated Markdown) lives
        # until the build ends; each of the collector's full passes over MkDocs' pages
        # would walk all of it again. Set it aside until on_post_build.
        gc.freeze()
        return files

    def _docs_path(self, config: MkDocsConfig) -> str | None:
        """docs_dir relative to the project root (`content`), or None outside it."""
        assert self.root is not None
        try:
            return Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None

    def _history(self, corpus: Corpus) -> SourceHistory:
        """When each article's file last changed (one git run for all of them), and where
        the repository edits it."""
        assert self.sources is not None and self.root is not None
        root = self.root
        paths = {article.id: root / article.path for article in corpus.articles}
        changed = article_dates(self.sources / ARTICLES_DIR, paths)
        log.info("last changes of %d of %d source file(s) read from git", len(changed), len(paths))
        return SourceHistory(changed, self.edit_base)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Date every page by the sources, not by the clock (see `_build_date`)."""
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.update_date = self.build_date
        return nav

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Resolve [[src:…]], [[entity:…]], [[term:…]] and [[event:…]] in hand-written pages."""
        if page.file.src_uri in self.generated:
            # MkDocs has read the generated text and keeps its own copy (`markdown`) until
            # the page is rendered: the file's copy is not read again in this build.
            page.file.content_string = ""
            return markdown
        if self.archive is None:
            return markdown
        return resolve_page(markdown, page.file.src_uri, self.archive, self.lang)

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if page.file.src_uri in self.generated:
            # Rendered: MkDocs would keep the Markdown of every page until the build ends
            # (as much again as the pages' HTML). Empty, not None: None means "not read"
            # to MkDocs, and the page would lose its title.
            page.markdown = ""
        return html

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.pages_expected = sum(
            1 for file in files.documentation_pages() if file.inclusion.is_included()
        )
        return env

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        self.pages_written += 1
        # Only pages whose content is marked for search (month pages are not).
        if self.feed is not None and "data-pagefind-body" in output:
            try:
                self.feed.add(f"/{self.url_prefix}{page.url}", output)
            except SearchFeedError as exc:
                raise PluginError(str(exc)) from None
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.root is not None
        gc.unfreeze()  # a server's next build must be able to free this one's archive
        site = Path(config.site_dir)
        for folder, config_file in self.config.editions.items():
            site_url = f"{config.site_url}{folder}/" if config.site_url else None
            _build_edition(
                self.root / config_file,
                site / folder,
                strict=bool(config.strict),
                site_url=site_url,
                page_items=self.config.page_items,
                feed=(self.feed, f"{self.url_prefix}{folder}/"),
            )
        if self.config.search != "pagefind":
            return
        # Material's index is not used behind the Pagefind box: do not make readers pay for
        # it (`_skip_material_index` normally keeps it from being built at all).
        for index in site.glob("**/search/search_index.json"):
            index.unlink()
        if not self.owns_feed:
            return
        feed, self.feed, self.owns_feed = self.feed, None, False
        if feed is None or self.pages_written < self.pages_expected:
            if feed is not None:
                feed.close()
            _run_pagefind(site)
            return
        started = time.perf_counter()
        try:
            printed = feed.finish(site / "pagefind")
        except SearchFeedError as exc:
            raise PluginError(f"Pagefind failed: {exc}") from None
        log.info(
            "search index of %d page(s) written in %.2f s after the build",
            feed.pages,
            time.perf_counter() - started,
        )
        for line in printed:
            log.warning("Pagefind: %s", line)
        _sort_pagefind_languages(site / "pagefind" / "pagefind-entry.json")

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()  # as on_post_build: a failed build under `serve` must not leak
        if self.feed is not None and self.owns_feed:
            self.feed.close()
        self.feed, self.owns_feed = None, False

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.sources is not None:
            server.watch(str(self.sources))
        return server


def source_edit_base(
    repo_url: str | None,
    edit_uri: str | None,
    edit_uri_template: str | None,
    docs_path: str | None,
) -> tuple[str | None, str | None]:
    """(address of the project root for editing, or None; a warning, or None).

    MkDocs' edit_uri says where docs_dir is edited (`edit/main/content/`); source files are
    outside docs_dir, so the root is edit_uri without docs_dir at its end (`edit/main/`).
    No repo_url, or an empty edit_uri, means no edit links, silently; an edit_uri that does
    not end with docs_dir would make wrong links, and says so."""
    if not repo_url:
        return None, None
    if edit_uri_template and not edit_uri:
        return None, (
            "news-archive links article pages to their source files through edit_uri, not "
            "edit_uri_template: set edit_uri (e.g. edit/main/content/) to show those links"
        )
    if not edit_uri:
        return None, None
    suffix = f"{docs_path.strip('/')}/" if docs_path else None
    if suffix is None or not edit_uri.endswith(suffix):
        return None, (
            f"edit_uri '{edit_uri}' does not end with the docs_dir '{docs_path}/', so "
            "news-archive cannot tell where sources/ is in the repository; set edit_uri to "
            f"'edit/<branch>/{docs_path}/' (each edition's config its own docs_dir)"
        )
    root = edit_uri[: -len(suffix)]
    base = repo_url if repo_url.endswith("/") or root.startswith(("?", "#")) else f"{repo_url}/"
    return urljoin(base, root), None


def _skip_material_index(config: MkDocsConfig) -> None:
    """Take Material's search plugin off the events where it builds its index (a page's
    words, then the index file): behind the Pagefind box that index is never published,
    and building it cost a third of the build of a large archive. The plugin keeps its
    other events, so the header still has the search box. (`on_post_build` still removes
    an index, should another version of MkDocs or Material build it anyway.)"""
    search = config.plugins["material/search"]
    events = getattr(config.plugins, "events", {})
    for name in ("page_context", "post_build"):
        handlers = events.get(name, [])
        handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not search]


def _publish_folder(files: Files, config: MkDocsConfig, folder: Path) -> None:
    """Publish every file of `folder` at the same relative path (`assets/archive.css`)."""
    if not folder.is_dir():
        raise PluginError(f"shared: {folder} is not a folder")
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        src_uri = path.relative_to(folder.parent).as_posix()
        if files.get_file_from_path(src_uri) is None:
            files.append(
                File(src_uri, str(folder.parent), config.site_dir, config.use_directory_urls)
            )


def _build_edition(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool,
    site_url: str | None,
    page_items: int,
    feed: tuple[PagefindFeed | None, str],
) -> None:
    """Build another edition (its own language, nav and hand-written pages) into a
    sub-folder of this site; its warnings count for this build too. Its lists are split
    like this edition's, so that every page has its twin, and its pages go to this
    build's search index (`feed`: the feed and the edition's folder)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    if not config_file.is_file():
        raise PluginError(f"editions: {config_file} does not exist")
    log.info("Building the edition %s into %s", config_file.name, site_dir)
    options: dict[str, Any] = {"site_dir": str(site_dir), "strict": strict}
    if site_url:
        options["site_url"] = site_url
    edition = load_config(str(config_file), **options)
    for plugin in edition.plugins.values():
        if isinstance(plugin, ArchivePlugin):
            plugin.config.page_items = page_items
            plugin.feed, plugin.url_prefix = feed
    edition.plugins.on_startup(command="build", dirty=False)
    try:
        build(edition)
    except Abort as exc:
        raise PluginError(f"the edition {config_file.name} failed: {exc}") from None
    finally:
        edition.plugins.on_shutdown()


def _build_date(root: Path, inputs: Iterable[Path]) -> str:
    """The day the site says it was built on: every page's update date, so the sitemap's
    `lastmod` and the header of sitemap.xml.gz, which MkDocs takes from the clock.

    SOURCE_DATE_EPOCH when it is set, as reproducible builds expect; else the day of the
    project's last commit; else the newest change of a file the build reads. Two builds of
    the same sources must give the same bytes, whatever day they run on.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or _last_commit(root)
    if epoch is None:
        files = (p for path in inputs for p in [path, *path.rglob("*")] if p.is_file())
        epoch = str(int(max((p.stat().st_mtime for p in files), default=0)))
    try:
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise PluginError(
            f"SOURCE_DATE_EPOCH must be a number of seconds since 1970, not '{epoch}'"
        ) from None
    return moment.strftime("%Y-%m-%d")


def _last_commit(root: Path) -> str | None:
    """Seconds since 1970 of the last commit of the repository holding `root`, if any."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    found = result.stdout.strip()
    return found if result.returncode == 0 and found.isdigit() else None


def pagefind_executable() -> Path | None:
    """Pagefind's program, as its Python package finds it (the [bin] wheel), or None."""
    from pagefind.service import get_executable

    return get_executable()


def _run_pagefind(site: Path) -> None:
    """Index the built site, every edition and language, into `pagefind/` (after a dirty
    build, which writes only the pages that changed)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"Pagefind failed ({' '.join(command[1:])}):\n{result.stderr}")
    for line in result.stderr.splitlines():
        if line.strip():
            log.warning("Pagefind: %s", line.strip())
    _sort_pagefind_languages(site / "pagefind" / "pagefind-entry.json")


def _sort_pagefind_languages(entry: Path) -> None:
    """Pagefind 1.5 writes the languages of its entry file in the order of a hash map,
    which changes from run to run: sort them, so that two builds give the same bytes (its
    script finds a language by key; on a tie for the most pages it took the first)."""
    if not entry.is_file():
        return
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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
