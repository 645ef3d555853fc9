"""What the engine knows about a language: CLDR names from Babel, and the tables of
`sources/language-<code>.yml` (spelling variants, qualifiers, units, speech verbs, cues)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel.dates import get_day_names, get_month_names


def alternation(words: Iterable[str], *, ignore_case: bool | None = None) -> str:
    """A regex alternation of literal words in which, of the words matching at a position,
    the longest is tried first (so the longest one matches).

    The words are merged into a trie, "Aleppo|Alawite" as "Al(?:eppo|awite)": Python's
    `re` tries a flat alternation one word after another at every position of the text,
    while a trie rejects most positions at their first letter. Going deeper before
    stopping is trying longer first as long as at most one branch of a node can match.
    `ignore_case`: True when the pattern is matched with IGNORECASE (letters that differ in
    case then share a node, as a class: "[Hh]ama"); False when it never is; None when not
    known: a trie whose branches differ only in case would then be wrong one way or the
    other, and the words are joined flat, longest first.
    """
    root: _Node = {}
    clash = False
    for word in set(words):
        node = root
        for char in word:
            key = char.lower() if ignore_case else char
            if ignore_case is None and key not in node:
                clash = clash or any(k.lower() == char.lower() for k in node if k != _END)
            variants, node = node.setdefault(key, ({}, {}))
            variants[char] = None
        if word:
            node[_END] = ({}, {})
    if clash:
        unique = sorted(set(words) - {""}, key=lambda w: (-len(w), w))
        return "|".join(re.escape(word) for word in unique)
    return "|".join(_branches(root))


_Node = dict[str, tuple[dict[str, None], "_Node"]]
_END = ""  # no letter's key: a word ends at this node


def _branches(node: _Node) -> list[str]:
    parts = []
    for key in sorted(node):
        if key == _END:
            continue
        variants, child = node[key]
        chars = [re.escape(c) for c in sorted(variants)]
        head = chars[0] if len(chars) == 1 else f"[{''.join(chars)}]"
        parts.append(head + _rest(child))
    return parts


def _rest(node: _Node) -> str:
    """The pattern after a letter: its branches, optional where a word may end."""
    branches = _branches(node)
    if not branches:
        return ""
    if _END not in node:
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{'|'.join(branches)})?"


def fold(text: str) -> str:
    """The table key of text that a case-insensitive pattern matched.

    Python's `re` takes İ and ı for i, but `casefold()` keeps them apart ('İ' → 'i̇'), so
    "Evakuasİ" found by a pattern would be no key of a table of casefolded words.
    """
    return text.replace("İ", "i").replace("ı", "i").casefold()


@dataclass(frozen=True, eq=False)
class Language:
    """Compared and hashed by identity, so compiled grammars can be cached per language."""

    code: str
    weekdays: Mapping[str, int]
    """Every written form of a weekday → ISO weekday index (Monday 0 … Sunday 6)."""
    months: Mapping[str, int]
    """Every written form of a month (wide, abbreviated, variants) → month number."""
    full_months: frozenset[str]
    """The forms safe to read as a month without a day next to them (wide names, variants)."""
    abbreviations: frozenset[str]
    future_markers: frozenset[str]
    times_of_day: tuple[str, ...]
    number_words: Mapping[str, float]
    multipliers: Mapping[str, float]
    vague: Mapping[str, tuple[float, float]]
    qualifiers: Mapping[str, str]
    measure_words: frozenset[str]
    units: Mapping[str, str]
    currency_prefixes: Mapping[str, str]
    classifiers: frozenset[str]
    time_units: frozenset[str]
    counted_stop: frozenset[str]
    prefixed_nouns: frozenset[str]
    negative: frozenset[str]
    not_before: frozenset[str]
    after_verbs: frozenset[str]
    before_verbs: frozenset[str]
    clause_openers: tuple[str, ...]
    attribution_before: Mapping[str, str]
    attribution_after: frozenset[str]
    titles: frozenset[str]
    institutions: frozenset[str]
    connectors: frozenset[str]
    common_words: frozenset[str]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Language:
        """Build from a validated `language-<code>.yml` document and Babel's CLDR names."""
        code = data["language"]
        weekdays: dict[str, int] = {}
        for index, name in get_day_names("wide", locale=code).items():
            weekdays[str(name)] = int(index)
            for variant in data["weekday_variants"].get(str(name), []):
                weekdays[variant] = int(index)
        months: dict[str, int] = {}
        full: set[str] = set()
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=code).items():
                months.setdefault(str(name), int(number))
                if width == "wide":
                    full.add(str(name))
                    for variant in data["month_variants"].get(str(name), []):
                        months[variant] = int(number)
                        if len(variant) > 3:
                            full.add(variant)
        numbers = data["numbers"]
        quotes = data["quotes"]
        names = data["names"]
        return cls(
            code=code,
            weekdays=weekdays,
            months=months,
            full_months=frozenset(full),
            abbreviations=frozenset(data["abbreviations"]),
            future_markers=frozenset(data["future_markers"]),
            times_of_day=tuple(sorted(data["times_of_day"], key=len, reverse=True)),
            number_words={k: float(v) for k, v in numbers["words"].items()},
            multipliers={k: float(v) for k, v in numbers["multipliers"].items()},
            vague={k: (float(v[0]), float(v[1])) for k, v in numbers["vague"].items()},
            qualifiers=dict(numbers["qualifiers"]),
            measure_words=frozenset(numbers["measure_words"]),
            units=dict(numbers["units"]),
            currency_prefixes=dict(numbers["currency_prefixes"]),
            classifiers=frozenset(numbers["classifiers"]),
            time_units=frozenset(numbers["time_units"]),
            counted_stop=frozenset(numbers["counted_stop"]),
            prefixed_nouns=frozenset(numbers["prefixed_nouns"]),
            negative=frozenset(numbers["negative"]),
            not_before=frozenset(w.casefold() for w in numbers["not_before"]),
            after_verbs=frozenset(quotes["after_verbs"]),
            before_verbs=frozenset(quotes["before_verbs"]),
            clause_openers=tuple(sorted(quotes["clause_openers"], key=len, reverse=True)),
            attribution_before=dict(data["attributions"]["before"]),
            attribution_after=frozenset(data["attributions"]["after"]),
            titles=frozenset(names["titles"]),
            institutions=frozenset(names["institutions"]),
            connectors=frozenset(names["connectors"]),
            common_words=frozenset(names["common"]),
        )
