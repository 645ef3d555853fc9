"""The one error type of the core, and the problems it carries.

Every problem names the file, the line (when one is known) and the field, so that a
contributor can go straight to the mistake. Loading collects all problems of all files
before raising, so one build shows every mistake at once.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input file."""

    path: str
    """File path as the contributor sees it (relative to the project root when possible)."""
    line: int | None
    """1-based line in that file, or None when the problem concerns the whole file."""
    field: str | None
    """Front-matter or registry field concerned (dotted for nested fields), if any."""
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.location}:{field} {self.message}{hint}"

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.field or "")


class ArchiveError(Exception):
    """Raised by the core when its input cannot be turned into an archive."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=Problem.sort_key))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the archive's sources:"
        return "\n".join([head, *(f"  {problem}" for problem in self.problems)])


def raise_if_errors(problems: Iterable[Problem]) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ArchiveError(errors)
