"""YAML reading that remembers where each value came from.

PyYAML forgets line numbers once it has built Python objects, and it silently keeps the
last of two equal keys. Contributors need both: an error must point at the line, and a
key written twice is a mistake that loses data. So we compose the node tree (which still
has marks) and build the Python values ourselves.

Dates stay strings: the schemas and our own date parser decide what a date is, instead of
YAML 1.1's implicit timestamps (which would turn `2016-12` into a string but `2016-12-22`
into a `datetime.date`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem

Path = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the root."""

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_COLLECTIONS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader without the implicit timestamp type."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML document with the line of every key and list item."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, path: Path) -> int:
        """Line of the value at `path`, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), self.first_line)


class YamlError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def dotted(path: Path) -> str:
    """`("outlets", 2, "name")` → `outlets[2].name`, the way contributors read fields."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_yaml(text: str, path: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; `first_line` is the file line where `text` starts.

    Raises YamlError with one Problem per defect (syntax error, duplicate key, unsupported
    construct), each with its line in the file.
    """
    offset = first_line - 1
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the broken construct began (an unclosed bracket or
        # quote), which is where the contributor has to look; the problem mark is where the
        # parser gave up, often a line later.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 + offset if mark is not None else None
        reason = " ".join(part for part in (exc.context, exc.problem) if part) or "cannot be parsed"
        field = _key_before(text, mark.line) if mark is not None else None
        raise YamlError(
            [
                Problem(
                    path,
                    line,
                    field,
                    f"invalid YAML ({reason})",
                    hint="check indentation and brackets; quote text with ': ' or a leading symbol",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError([Problem(path, first_line, None, f"invalid YAML: {exc}")]) from None
    finally:
        loader.dispose()
    if node is None:
        return YamlDocument(None, {(): first_line}, first_line)
    builder = _Builder(loader, path, offset)
    data = builder.build(node, ())
    if builder.problems:
        raise YamlError(builder.problems)
    builder.lines.setdefault((), node.start_mark.line + 1 + offset)
    return YamlDocument(data, builder.lines, first_line)


_KEY = re.compile(r"\s*-?\s*([A-Za-z_][\w-]*)\s*:")


def _key_before(text: str, line: int) -> str | None:
    """The key written on `line` (0-based) or the nearest line above: the field to fix."""
    lines = text.split("\n")
    for index in range(min(line, len(lines) - 1), -1, -1):
        found = _KEY.match(lines[index])
        if found:
            return found.group(1)
    return None


def _tag(tag: str) -> str:
    """A tag as it is written: `!!set` rather than `tag:yaml.org,2002:set`."""
    standard = "tag:yaml.org,2002:"
    return f"!!{tag.removeprefix(standard)}" if tag.startswith(standard) else tag


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, path: str, offset: int) -> None:
        self.loader = loader
        self.path = path
        self.offset = offset
        self.lines: dict[Path, int] = {}
        self.problems: list[Problem] = []
        self._built: set[int] = set()
        self._aliased: set[int] = set()

    def _line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def _line_at(self, at: Path) -> int | None:
        probe = at
        while probe and probe not in self.lines:
            probe = probe[:-1]
        return self.lines.get(probe)

    def build(self, node: yaml.Node, at: Path) -> Any:
        # An alias (*name) is the anchored node met again. Expanding aliases of aliases
        # doubles the work at each level (a "billion laughs" document never finishes
        # loading), and sources have no need of them: refuse each one, once.
        if id(node) in self._built:
            if id(node) not in self._aliased:
                self._aliased.add(id(node))
                self.problems.append(
                    Problem(
                        self.path,
                        self._line_at(at),
                        dotted(at) or None,
                        "aliases (*name) are not supported",
                        hint="write the value out where it is needed",
                    )
                )
            return None
        self._built.add(id(node))
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _COLLECTIONS:
            self.problems.append(
                Problem(
                    self.path,
                    self._line(node),
                    dotted(at) or None,
                    f"unsupported YAML value: the tag {_tag(node.tag)}",
                    hint="use plain strings, numbers, lists and mappings",
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return dict(self._pairs(node, at))
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                if id(item) not in self._built:
                    self.lines[(*at, index)] = self._line(item)
                items.append(self.build(item, (*at, index)))
            return items
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self.problems.append(
                Problem(
                    self.path,
                    self._line(node),
                    dotted(at) or None,
                    f"unsupported YAML value: {exc.problem}",
                    hint="use plain strings, numbers, lists and mappings",
                )
            )
            return None

    def _pairs(self, node: yaml.MappingNode, at: Path) -> Iterator[tuple[str, Any]]:
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = self._line(key_node)
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        dotted(at) or None,
                        "keys must be plain words (no merge keys, lists or mappings as keys)",
                    )
                )
                continue
            key = str(key_node.value)
            where = (*at, key)
            if key in seen:
                self.problems.append(
                    Problem(
                        self.path,
                        line,
                        dotted(where),
                        f"key '{key}' is written twice (first on line {seen[key]})",
                        hint="keep one; YAML would silently drop the first value",
                    )
                )
                continue
            seen[key] = line
            self.lines[where] = line
            yield key, self.build(value_node, where)
