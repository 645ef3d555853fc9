"""A cache of cleaned and extracted articles, so that a rebuild redoes only what changed.

An entry is keyed by a hash of everything its result depends on: the article as read
(front matter and text), the lines its outlet repeats across articles (cleaning removes
them), the registries and rules under `sources/` (a changed rule or name may change any
article), and the archive's own code and label files (a new engine version must not reuse
old results). Entries are pickles under the cache folder, one per article, written
atomically; an unreadable entry is treated as missing. The cache lives under `build/` and
can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .cleaning import CleanedArticle
from .extract.model import ArticleExtraction
from .model import ArticleSource
from .quantities import ReportedFigure
from .timeline import Report

Entry = tuple[
    CleanedArticle, ArticleExtraction | None, tuple[ReportedFigure, ...], tuple[Report, ...]
]
"""An article cleaned and extracted, with its figures and date mentions placed against the
registries (quantities, events): all a function of the article and the registries."""
FORMAT = "1"
"""Bumped when the layout of an entry changes."""


@cache
def code_fingerprint() -> str:
    """A hash of the package's code and data files: results of another version are stale."""
    package = Path(__file__).parent
    digest = hashlib.sha256(FORMAT.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".yml", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def registries_fingerprint(sources: Path) -> str:
    """A hash of every registry and rule file directly under `sources/`."""
    digest = hashlib.sha256()
    for path in sorted(sources.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class ArticleCache:
    folder: Path | None
    """None: no cache (every article is cleaned and extracted)."""
    fingerprint: str
    hits: int = 0
    rendered: Counter[str] = field(default_factory=Counter)
    """Texts rendered (not found in the cache) by kind: "page", "items" (`page`)."""
    keys: dict[str, str] = field(default_factory=dict)
    """Article id → the key of its entry, for caching what is rendered from it alone."""

    @classmethod
    def open(cls, folder: Path | None, sources: Path) -> ArticleCache:
        fingerprint = hashlib.sha256(
            (code_fingerprint() + registries_fingerprint(sources)).encode()
        ).hexdigest()
        return cls(folder, fingerprint)

    def key(self, article: ArticleSource, repeated: Iterable[str]) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        # The dataclass repr holds every field, the text included, in a fixed order.
        digest.update(repr(article).encode())
        for line in sorted(repeated):
            digest.update(b"\0" + line.encode())
        return digest.hexdigest()

    def _path(self, key: str, kind: str = "pickle") -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.{kind}"

    def page(self, key: str, render: Callable[[], str], kind: str = "page") -> str:
        """A rendered page (or part of one, of `kind`) from the cache, or `render()`
        stored under `key`."""
        if self.folder is None:
            return render()
        path = self._path(key, "md")
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
        text = render()
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        Path(temporary).replace(path)
        self.rendered[kind] += 1
        return text

    def get(self, key: str) -> Entry | None:
        if self.folder is None:
            return None
        try:
            with self._path(key).open("rb") as handle:
                entry: Entry = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a build stopped half-way never leaves a broken entry.
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(entry, out, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temporary).replace(path)
