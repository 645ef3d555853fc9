"""Dates, numbers and names formatted by Babel (CLDR), never by hand-written tables."""

from __future__ import annotations

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from .model import PartialDate, Precision

LANGUAGES = ("id", "en")
"""The archive's two languages: Indonesian (the sources) and English."""

_LOCALES = {"id": "id", "en": "en_GB"}


def locale(lang: str) -> str:
    """Babel locale of an archive language (British English writes "22 December 2016")."""
    return _LOCALES.get(lang, lang)


def format_partial_date(date: PartialDate, lang: str, *, weekday: bool = True) -> str:
    """ "Kamis, 22 Desember 2016" / "Desember 2016" / "2016", by the date's precision."""
    where = locale(lang)
    if date.precision is Precision.DAY:
        return format_date(date.first_day, "full" if weekday else "long", locale=where)
    if date.precision is Precision.MONTH:
        return format_skeleton("yMMMM", date.first_day, locale=where)
    return format_skeleton("y", date.first_day, locale=where)


def format_number(value: float, lang: str) -> str:
    return format_decimal(value, locale=locale(lang))


def language_name(code: str, lang: str) -> str:
    """Name of the language `code` (BCP 47) in `lang`, e.g. id → "Indonesia" / "Indonesian"."""
    names = Locale.parse(locale(lang)).languages
    return str(names.get(code.replace("-", "_"), names.get(code.split("-")[0], code)))


def country_name(code: str, lang: str) -> str:
    return str(Locale.parse(locale(lang)).territories.get(code, code))
