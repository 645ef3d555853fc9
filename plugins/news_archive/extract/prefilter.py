"""What a regular expression cannot match without: words that every match contains.

The date grammar is two dozen patterns, and Python's `re` tries each at every position of
every paragraph: 4 ms an article, the largest share of extraction. Most patterns need a
word that most paragraphs do not have ("lalu", "pekan", "sebelumnya", a digit). Reading
the patterns themselves (their parse tree) gives, for each, a set of strings of which
every match holds at least one; a paragraph with none of them is not searched.

Only what is certain is used: literals matched with their case (a case-insensitive
literal could match letters that `str.lower` does not give back), and "a digit" for `\\d`
and `[0-9]`. Where nothing is certain the pattern runs everywhere, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

DIGIT = "\0digit"
"""The requirement "some digit" (`\\d` or a range of digits)."""
_DIGIT = re.compile(r"\d")
_Requirement = frozenset[str] | None
"""Strings of which a match holds one, or None: nothing certain."""


@dataclass(frozen=True, slots=True)
class Prefilter:
    """A pattern's requirement, tested against a text before the pattern is run on it."""

    needs: frozenset[str] | None

    def may_match(self, text: str, has_digit: bool | None = None) -> bool:
        """False when the pattern cannot match `text`. `has_digit`: whether the text holds
        a digit, when the caller knows (it asks for many patterns)."""
        if self.needs is None:
            return True
        for need in self.needs:
            if need == DIGIT:
                if has_digit is None:
                    has_digit = _DIGIT.search(text) is not None
                if has_digit:
                    return True
            elif need in text:
                return True
        return False


def has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def prefilter(pattern: re.Pattern[str]) -> Prefilter:
    """The strings of which every match of `pattern` holds one (as far as can be told)."""
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    return Prefilter(_sequence(parser.parse(pattern.pattern, pattern.flags), ignore_case))


def _sequence(items: Iterable[tuple[Any, Any]], ignore_case: bool) -> _Requirement:
    """What a sequence of parsed items needs: each item is in every match, so the most
    telling requirement of any one of them, or of a run of literals, will do."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            found.append(frozenset({"".join(run)}))
            run.clear()

    for op, value in items:
        if op is sre.LITERAL and not ignore_case:
            run.append(chr(value))
            continue
        end_run()
        need: _Requirement = None
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            scoped = (ignore_case or bool(add_flags & re.IGNORECASE)) and not (
                del_flags & re.IGNORECASE
            )
            need = _sequence(inner, scoped)
        elif op is sre.BRANCH:
            need = _branches(value[1], ignore_case)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            least, _most, inner = value
            need = _sequence(inner, ignore_case) if least >= 1 else None
        elif op is sre.ATOMIC_GROUP:
            need = _sequence(value, ignore_case)
        elif op is sre.IN and _only_digits(value):
            need = frozenset({DIGIT})
        # Anything else (other classes, lookarounds, anchors, "any character") needs
        # nothing certain of its own.
        if need is not None:
            found.append(need)
    end_run()
    return max(found, key=_telling, default=None)


def _branches(alternatives: Iterable[Any], ignore_case: bool) -> _Requirement:
    """One of the alternatives matches: what each needs, together."""
    needs: set[str] = set()
    for alternative in alternatives:
        need = _sequence(alternative, ignore_case)
        if need is None:
            return None
        needs |= need
    return frozenset(needs)


def _only_digits(items: list[tuple[Any, Any]]) -> bool:
    """A class of digits only: `\\d`, `[0-9]`, `[1-3]`."""
    if not items:
        return False
    for op, value in items:
        if op is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            continue
        if op is sre.RANGE and ord("0") <= value[0] <= value[1] <= ord("9"):
            continue
        if op is sre.LITERAL and chr(value).isdigit():
            continue
        return False
    return True


def _telling(need: frozenset[str]) -> tuple[int, int]:
    """How rarely a requirement holds, roughly: its shortest string, then fewer strings.
    A digit is in most paragraphs of news; a word is rarer."""
    shortest = min(0 if s == DIGIT else len(s) for s in need)
    return shortest, -len(need)
