"""Figures: numbers that count or measure something, with qualifier, unit and what is counted.

A figure is a number (digits, words, or a vague order of magnitude) that is not part of a
date, a time, an ordinal, an id or a duration. Around it the text says how exact it is
("sekitar", "lebih dari", "3.000-an"), what unit it is in ("persen", "km", "hektare"),
and what it counts ("warga sipil", "anak-anak", "kendaraan ambulans").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .language import Language, alternation, fold
from .model import Figure, Sentence, Unit
from .numbers import NumberMatch, find_numbers
from .text import search_at_end, sentence_at

_RANGE_JOIN = re.compile(r"\s*(?:hingga|sampai(?:\s+dengan)?|s\.d\.?|[-–—]|dan)\s*", re.IGNORECASE)
_FRACTION = re.compile(
    r"per(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|seratus)(?:nya)?"
)
_TIME = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)\b")
_LAST_WORD = re.compile(r"([\w-]+)\s*$")
_WORD_BEFORE_SPACE = re.compile(r"(?<![\w])(\w+)\s+$")
_VERB_PREFIX = re.compile(r"^(?:me(?:m|n|ng|ny|l|r|w|y)?[a-z]|di[a-z]{3}|ber[a-z]|ter[a-z])")
_COUNTED_TOKEN = re.compile(r"\s*([^\W\d_][\w'’]*(?:-[\w'’]+)*)")
_NO_COUNTED_UNITS = frozenset({"km", "m", "mile", "km2"})


@cache
def _patterns(language: Language) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    qualifiers = alternation(language.qualifiers)
    measure = alternation(language.measure_words)
    before = re.compile(
        rf"(?<![\w])(?P<q>{qualifiers})\s+(?:(?:{measure})\s+)?$"
        if measure
        else rf"(?<![\w])(?P<q>{qualifiers})\s+$",
        re.IGNORECASE,
    )
    units = alternation(language.units)
    unit = re.compile(rf"\s*(?P<unit>{units})(?![\w])", re.IGNORECASE)
    currency = re.compile(rf"(?P<cur>{alternation(language.currency_prefixes)})\s*$")
    return before, unit, currency


def find_figures(
    unit: Unit,
    sentences: Sequence[Sentence],
    language: Language,
    blocked: Sequence[tuple[int, int]],
) -> list[Figure]:
    """Figures of one unit; `blocked` spans (dates) are not figures."""
    text = unit.text
    numbers = [n for n in find_numbers(text, language) if _is_figure(n, text, language, blocked)]
    figures: list[Figure] = []
    index = 0
    while index < len(numbers):
        first = numbers[index]
        last = first
        joined = False
        if index + 1 < len(numbers):
            second = numbers[index + 1]
            between = text[first.end : second.start]
            joiner = _RANGE_JOIN.fullmatch(between)
            if joiner and not (
                between.strip().casefold() == "dan" and not _after_antara(text, first.start)
            ):
                last = second
                joined = True
                index += 1
        index += 1
        figure = _figure(unit, sentences, language, first, last if joined else None)
        if _stands_for_something(figure):
            figures.append(figure)
    return figures


def _stands_for_something(figure: Figure) -> bool:
    """A lone digit with nothing counted, no unit and no qualifier ("alert(1)", an
    enumeration "(2)") is not a figure anyone would compare."""
    if (
        figure.counted
        or figure.measure
        or figure.qualifier != "exact"
        or figure.value_max is not None
    ):
        return True
    return abs(figure.value) >= 10 or not figure.text.strip().isdigit()


def _after_antara(text: str, position: int) -> bool:
    return text[:position].rstrip().casefold().endswith("antara")


def _is_figure(
    number: NumberMatch, text: str, language: Language, blocked: Sequence[tuple[int, int]]
) -> bool:
    if any(start < number.end and number.start < end for start, end in blocked):
        return False
    before = text[: number.start]
    previous = search_at_end(_LAST_WORD, text, number.start)
    previous_word = previous.group(1).casefold() if previous else ""
    if previous_word in language.not_before or before.endswith(("ke-", "No.", "no.")):
        return False
    if previous_word == "salah" and text[number.start : number.end].casefold() == "satu":
        return False
    if _TIME.match(text, number.start):
        return False
    after = text[number.end :]
    following = re.match(r"\s*([\w-]+)", after)
    next_word = following.group(1).casefold() if following else ""
    if next_word in language.time_units:
        return False
    # "dua pertiganya" is a fraction; "dua atau tiga minggu" a duration.
    if _FRACTION.fullmatch(next_word) and not number.digits:
        return False
    alternative = re.match(r"\s*(?:atau|hingga|sampai|-)\s+[\w.,]+\s+([\w-]+)", after)
    if alternative and alternative.group(1).casefold() in language.time_units:
        return False
    # A number glued to letters before it is a code or a name ("A320", "G20").
    return not (number.start and (text[number.start - 1].isalpha()))


def _figure(
    unit: Unit,
    sentences: Sequence[Sentence],
    language: Language,
    first: NumberMatch,
    last: NumberMatch | None,
) -> Figure:
    text = unit.text
    before_pattern, unit_pattern, currency_pattern = _patterns(language)
    start = first.start
    end = (last or first).end
    flags = tuple(dict.fromkeys(first.flags + (last.flags if last else ())))

    value = first.value
    value_max: float | None = first.value_max
    if last is not None:
        value_max = last.value_max if last.value_max is not None else last.value
        # "10-13 ribu": a multiplier written once, after the second number, applies to both.
        if first.factor == 1 and last.factor > 1 and value * last.factor <= last.value:
            value *= last.factor

    negative = search_at_end(_WORD_BEFORE_SPACE, text, start)
    if negative and negative.group(1).casefold() in language.negative:
        start = negative.start()
        value, value_max = -value, (-value_max if value_max is not None else None)

    qualifier = "vague" if first.vague else "exact"
    measure = None
    currency = currency_pattern.search(text, 0, start)
    if currency:
        measure = language.currency_prefixes[currency.group("cur")]
        start = currency.start()
    found = before_pattern.search(text, 0, start)
    if found:
        start = found.start()
        said = language.qualifiers[fold(found.group("q"))]
        # "mencapai puluhan miliar": a vague number stays vague under a neutral word.
        qualifier = qualifier if said == "exact" and first.vague else said
    if last is not None:
        qualifier = "range"
    if first.odd and qualifier == "exact":
        qualifier = "approximately"

    unit_match = unit_pattern.match(text, end)
    if unit_match:
        measure = language.units.get(unit_match.group("unit")) or language.units.get(
            unit_match.group("unit").casefold()
        )
        end = unit_match.end()
    if qualifier == "exact" and re.match(r"\s+lebih\b", text[end:]):
        qualifier = "more_than"
        end = re.match(r"\s+lebih\b", text[end:]).end() + end  # type: ignore[union-attr]

    counted, counted_end = (None, end)
    if measure not in _NO_COUNTED_UNITS:
        counted, counted_end = _counted(text, end, language)
    if counted:
        end = counted_end
    return Figure(
        unit=unit.id,
        sentence=sentence_at(sentences, first.start),
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        value_max=value_max,
        qualifier=qualifier,
        measure=measure,
        counted=counted,
        flags=flags,
    )


def _counted(text: str, position: int, language: Language) -> tuple[str | None, int]:
    """The noun phrase right after a number: up to three words, stopping at function words
    and verbs; a classifier ("375 orang milisi") gives way to the noun after it."""
    words: list[str] = []
    end = position
    probe = position
    while len(words) < 3:
        token = _COUNTED_TOKEN.match(text, probe)
        if not token or (text[probe : token.start(1)].strip()):
            break
        word = token.group(1)
        folded = word.casefold()
        capital = word[0].isupper()
        if folded in language.counted_stop or (
            not capital and folded not in language.prefixed_nouns and _VERB_PREFIX.match(folded)
        ):
            break
        if capital and not words:
            break
        words.append(word)
        end = token.end()
        probe = token.end()
    if len(words) > 1 and words[0].casefold() in language.classifiers:
        words = words[1:]
    if not words:
        return None, position
    return " ".join(words), end
