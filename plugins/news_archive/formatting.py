"""Dates, numbers and names formatted by Babel (CLDR), never by hand-written tables."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from .model import PartialDate, Precision, part_of_month

LANGUAGES = ("id", "en")
"""The archive's two languages: Indonesian (the sources) and English."""

_LOCALES = {"id": "id", "en": "en_GB"}


def locale(lang: str) -> str:
    """Babel locale of an archive language (British English writes "22 December 2016")."""
    return _LOCALES.get(lang, lang)


@lru_cache(maxsize=16_384)
def format_partial_date(date: PartialDate, lang: str, *, weekday: bool = True) -> str:
    """ "Kamis, 22 Desember 2016" / "Desember 2016" / "2016", by the date's precision."""
    where = locale(lang)
    if date.precision is Precision.DAY:
        day = format_date(date.first_day, "long", locale=where)
        if not weekday:
            return day
        # CLDR's full Indonesian pattern pads the day ("Jumat, 09 Desember 2016"), which
        # Indonesian writing does not; the weekday name and the long date are both Babel's.
        return f"{format_date(date.first_day, 'EEEE', locale=where)}, {day}"
    if date.precision is Precision.MONTH:
        return format_skeleton("yMMMM", date.first_day, locale=where)
    return format_skeleton("y", date.first_day, locale=where)


def format_span(
    start: PartialDate,
    end: PartialDate | None,
    precision: str,
    lang: str,
    part_text: Callable[[str, str], str],
    parts: tuple[str | None, str | None] = (None, None),
) -> str:
    """A date as precise as it is known: "akhir Juli 2016", not "31 Juli 2016"; a range end
    known only as part of its month as "awal Desember 2016", not "10 Desember 2016".
    `part_text(part, month)` words a part of a month ("late", "Juli 2016" → "akhir Juli 2016")."""

    def part(date: PartialDate, which: str) -> str:
        return part_text(which, format_partial_date(PartialDate(date.year, date.month), lang))

    if precision == "part_of_month" and start.day is not None:
        return part(start, parts[0] or part_of_month(start.day))
    if end is None or end == start:
        return format_partial_date(start, lang, weekday=precision == "day")
    first, last = (
        part(date, which) if which else format_partial_date(date, lang, weekday=False)
        for date, which in ((start, parts[0]), (end, parts[1]))
    )
    return f"{first} – {last}"


@lru_cache(maxsize=65_536, typed=True)
def format_number(value: float, lang: str) -> str:
    return format_decimal(value, locale=locale(lang))


def language_name(code: str, lang: str) -> str:
    """Name of the language `code` (BCP 47) in `lang`, e.g. id → "Indonesia" / "Indonesian"."""
    names = Locale.parse(locale(lang)).languages
    return str(names.get(code.replace("-", "_"), names.get(code.split("-")[0], code)))


@lru_cache(maxsize=1024)
def country_name(code: str, lang: str) -> str:
    return str(Locale.parse(locale(lang)).territories.get(code, code))
