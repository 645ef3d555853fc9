"""Numbers as Indonesian writes them: "8.461", "2,5 juta", "78 ribu", "empat ribu",
"dua puluh lima", "setengah juta", "puluhan ribu", "3.000-an"."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from babel.numbers import NumberFormatError, parse_decimal

from .language import Language, alternation, fold

_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+"


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    value: float
    value_max: float | None = None
    """Upper bound of a vague quantity ("puluhan ribu": 10,000 to 99,999)."""
    vague: bool = False
    odd: bool = False
    """Written with -an ("3.000-an": some three thousand)."""
    digits: bool = True
    factor: float = 1.0
    """The multiplier words applied ("78 ribu": 1000)."""
    flags: tuple[str, ...] = ()


def parse_digits(text: str, locale: str = "id") -> tuple[float, tuple[str, ...]]:
    """The value of a number written with digits, and any doubt about how it was read.

    Babel reads the locale's separators ("8.461" → 8461, "2,5" → 2.5). In strict mode it
    refuses "2.5", which Indonesian would write "2,5" and non-strict Babel silently reads
    as 25; such a number is read as a decimal point and flagged `decimal-point`.
    """
    try:
        value = parse_decimal(text, locale=locale, strict=True)
    except NumberFormatError:
        if re.fullmatch(r"\d+\.\d{1,2}", text):
            return float(text), ("decimal-point",)
        raise
    number = float(value)
    return number, ()


def as_number(value: float) -> int | float:
    """Whole numbers as int, so exports print 8461 and not 8461.0."""
    return int(value) if float(value).is_integer() else value


def words_value(words: list[str], language: Language) -> float | None:
    """The value of a sequence of number words ("dua ratus lima puluh ribu" → 250000)."""
    total = 0.0
    group = 0.0
    pending: float | None = None
    seen = False
    for word in (w.casefold() for w in words):
        if word in language.number_words:
            if pending is not None:
                group += pending
            pending = language.number_words[word]
            seen = True
        elif word == "belas":
            group += (pending if pending is not None else 1) + 10
            pending = None
        elif word in language.multipliers:
            factor = language.multipliers[word]
            if factor < 1000:
                group += (pending if pending is not None else 1) * factor
            else:
                group += pending or 0
                total += (group or 1) * factor
                group = 0
            pending = None
        else:
            return None
    if not seen:
        return None
    return total + group + (pending or 0)


@dataclass(frozen=True)
class _Grammar:
    number: re.Pattern[str]


@cache
def _grammar(language: Language) -> _Grammar:
    words = alternation([*language.number_words, "belas"])
    multipliers = alternation(language.multipliers)
    vague = alternation(language.vague)
    word_seq = rf"(?:{words})(?:\s+(?:{words}|{multipliers}))*"
    pattern = (
        rf"(?<![\w.,/:])(?<![^\W\d_]-)(?P<digits>{_DIGITS})(?![\d/:])"
        rf"(?P<odd>-?an\b)?"
        rf"(?:\s*(?P<dmult>(?:{multipliers})(?:\s+(?:{multipliers}))*)\b)?"
        rf"|(?<![\w-])(?P<vague>{vague})(?:\s+(?P<vmult>(?:{multipliers})(?:\s+(?:{multipliers}))*))?\b"
        rf"|(?<![\w-])(?P<words>{word_seq})\b"
    )
    return _Grammar(re.compile(pattern, re.IGNORECASE))


def find_numbers(text: str, language: Language) -> list[NumberMatch]:
    """Every number in `text`, with its multipliers, as values."""
    found: list[NumberMatch] = []
    for match in _grammar(language).number.finditer(text):
        if match.group("digits"):
            try:
                value, flags = parse_digits(match.group("digits"), language.code)
            except NumberFormatError:
                continue
            factor = 1.0
            if match.group("dmult"):
                factor = words_value(["satu", *match.group("dmult").split()], language) or 1.0
            found.append(
                NumberMatch(
                    match.start(),
                    match.end(),
                    value * factor,
                    odd=bool(match.group("odd")),
                    factor=factor,
                    flags=flags,
                )
            )
        elif match.group("vague"):
            low, high = language.vague[fold(match.group("vague"))]
            factor = 1.0
            if match.group("vmult"):
                factor = words_value(["satu", *match.group("vmult").split()], language) or 1.0
            found.append(
                NumberMatch(
                    match.start(),
                    match.end(),
                    low * factor,
                    (high + 1) * factor - 1 if factor > 1 else high,
                    vague=True,
                    digits=False,
                    factor=factor,
                )
            )
        else:
            words = match.group("words").split()
            spelled = words_value(words, language)
            if spelled is None:
                continue
            found.append(NumberMatch(match.start(), match.end(), spelled, digits=False))
    # A run of hundreds of digits is read as infinity, which no page can print: not a figure.
    return [n for n in found if math.isfinite(n.value) and math.isfinite(n.value_max or 0)]
