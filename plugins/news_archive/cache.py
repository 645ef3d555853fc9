"""A cache of cleaned and extracted articles, so that a rebuild redoes only what changed.

An entry is keyed by a hash of everything its result depends on: the article as read
(front matter and text), the lines its outlet repeats across articles (cleaning removes
them), the registries and rules under `sources/` (a changed rule or name may change any
article), and the archive's own code and label files (a new engine version must not reuse
old results). Entries are pickles under the cache folder, one per article, written
atomically; an unreadable entry is treated as missing. The cache lives under `build/` and
can be deleted at any time.

What is rendered from articles alone is cached too, keyed by the keys of those articles:
an article's page as a file beside its entry (`page`); runs of rows of long lists
(`paging`) and an article's records in the data exports in one bundle per edition and page
size, rewritten with only the texts each render used (`part`). Pages made from the whole
archive (indexes, entities, events, the glossary) are rendered on every build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import os
import pickle
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from . import cleaning, errors, model, quantities, timeline
from .cleaning import CleanedArticle
from .extract import model as extract_model
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


def _pickle_as_tuples(module: ModuleType) -> None:
    """Pickle the slotted dataclasses of `module` as tuples of their field values.

    Python's own state functions for slotted dataclasses look the fields up again for
    every object: loading the entries of 1,000 articles took 2 s (350,000 objects), and
    writing them 2.7 s. These look the fields up once per class."""
    for cls in vars(module).values():
        if (
            isinstance(cls, type)
            and cls.__module__ == module.__name__
            and dataclasses.is_dataclass(cls)
            and "__slots__" in vars(cls)
        ):
            names = tuple(f.name for f in dataclasses.fields(cls))
            cls.__getstate__ = _state_of(names)  # type: ignore[assignment]
            cls.__setstate__ = _restorer(names)  # type: ignore[attr-defined]


def _state_of(names: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    get = operator.attrgetter(*names)
    if len(names) == 1:
        return lambda self: (get(self),)
    return lambda self: get(self)


def _restorer(names: tuple[str, ...]) -> Callable[[object, Iterable[object]], None]:
    """`restore(self, state)` assigning each field in turn, written out field by field
    (a loop over the names takes twice as long). Frozen dataclasses refuse their own
    __setattr__, hence object's."""
    values = [f"_{number}" for number in range(len(names))]
    body = [f"    {', '.join(values)}, = state"] + [
        f"    assign(self, {name!r}, {value})" for name, value in zip(names, values, strict=True)
    ]
    namespace: dict[str, Any] = {"assign": object.__setattr__}
    exec("def restore(self, state):\n" + "\n".join(body), namespace)
    return namespace["restore"]  # type: ignore[no-any-return]


for _module in (model, errors, extract_model, cleaning, quantities, timeline):
    _pickle_as_tuples(_module)


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
    """Texts rendered (not found in the cache) by kind: "page" (`page`); "items",
    "exports" (`part`)."""
    keys: dict[str, str] = field(default_factory=dict)
    """Article id → the key of its entry, for caching what is rendered from it alone."""
    parts: dict[str, str] = field(default_factory=dict)
    """Small texts of the last render (`open_parts`), by key."""
    parts_used: dict[str, str] = field(default_factory=dict)
    """Small texts of this render, by key (`save_parts`)."""

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

    def page(self, key: str, render: Callable[[], str]) -> str:
        """A rendered page from the cache, or `render()` stored under `key`."""
        if self.folder is None:
            return render()
        path = self._path(key, "md")
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
        text = render()
        _write_atomically(path, text.encode("utf-8"))
        self.rendered["page"] += 1
        return text

    def open_parts(self, name: str) -> None:
        """Read the bundle of small rendered texts of the last render named `name` (an
        edition and page size): runs of list rows, export records. Thousands of them are
        one file, not thousands (4,000 small files cost 1.5 s to write at 1,000
        articles)."""
        self.parts = {}
        self.parts_used = {}
        if self.folder is None:
            return
        loaded = _read_pickle(self.folder / f"parts-{name}.pickle")
        if isinstance(loaded, dict):
            self.parts = loaded

    def part(self, key: str, render: Callable[[], str], kind: str) -> str:
        """A small rendered text from the bundle, or `render()` kept under `key`."""
        if self.folder is None:
            return render()
        text = self.parts.get(key)
        if text is None:
            text = render()
            self.rendered[kind] += 1
        self.parts_used[key] = text
        return text

    def save_parts(self, name: str) -> None:
        """Write the texts this render used, and only those: the bundle does not grow with
        texts that no page shows any more."""
        if self.folder is None or self.parts_used == self.parts:
            return
        data = pickle.dumps(self.parts_used, protocol=pickle.HIGHEST_PROTOCOL)
        _write_atomically(self.folder / f"parts-{name}.pickle", data)

    def get(self, key: str) -> Entry | None:
        if self.folder is None:
            return None
        entry = _read_pickle(self._path(key))
        if entry is None:
            return None
        self.hits += 1
        return entry  # type: ignore[no-any-return]

    def put(self, key: str, entry: Entry) -> None:
        self.put_pickled(key, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))

    def put_pickled(self, key: str, data: bytes) -> None:
        """Keep an entry already pickled (`pickle.HIGHEST_PROTOCOL`)."""
        if self.folder is None:
            return
        _write_atomically(self._path(key), data)


def _read_pickle(path: Path) -> Any:
    """What a cache file holds, or None when it is missing or unreadable."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def _write_atomically(path: Path, data: bytes) -> None:
    """Write then rename, so that a build stopped half-way never leaves a broken file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    Path(temporary).replace(path)
