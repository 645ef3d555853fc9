"""Time expressions in Indonesian news text, resolved to calendar values.

Explicit ("Jumat, 9 Desember 2016", "Minggu (1/12/2024)"), partial ("Kamis (22/12)",
"akhir Juli", "pada September lalu") and relative ("Rabu pekan lalu", "kemarin",
"10 tahun lalu", "dalam 24 jam terakhir", "sehari sebelumnya") expressions are found by a
grammar built from Babel's day and month names, then resolved against a reference date:
the publication date, or, when only its month is known, the latest full date the article
itself gives (flag `anchor-text`). A written weekday is checked against its date
(`weekday-mismatch`); a date after publication with no word saying it is to come is
flagged `future`. Durations ("hampir enam bulan") are not matched at all.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from ..model import PARTS_OF_MONTH, PartialDate
from ..model import Precision as DatePrecision
from .language import Language, alternation, fold
from .model import Basis, DateMention, Precision, Sentence, TimeValue, Unit
from .numbers import words_value
from .prefilter import Prefilter, has_digit, prefilter
from .text import search_at_end, sentence_at

_D = r"(?:3[01]|[12]\d|0?[1-9])"
_M = r"(?:1[0-2]|0?[1-9])"
_Y = r"(?:19|20)\d{2}"
_NOT_AFTER = r"(?![\w])"
_PARTS_OF_MONTH = {
    word: PARTS_OF_MONTH[part]
    for part, words in {
        "early": ("awal",),
        "middle": ("pertengahan", "medio"),
        "late": ("akhir", "penghujung", "ujung"),
    }.items()
    for word in words
}
_PARTS_OF_YEAR = {
    "awal": (1, 4),
    "pertengahan": (5, 8),
    "medio": (5, 8),
    "akhir": (9, 12),
    "penghujung": (9, 12),
}
_YEAR_CUES = {
    "pada",
    "sejak",
    "semenjak",
    "hingga",
    "sampai",
    "dari",
    "selama",
    "antara",
    "dan",
    "atau",
    "per",
    "mulai",
    "awal",
    "akhir",
    "pertengahan",
    "medio",
    "jelang",
    "menjelang",
    "sebelum",
    "setelah",
    "usai",
    "pasca",
    "tahun",
    "penghujung",
}
_MONTH_CUES = _YEAR_CUES | {"bulan", "di", "–", "-", ","}
_SINCE = re.compile(r"(?<![\w])(?i:(sejak|semenjak|mulai|sedari))\s+$")
_UNTIL = re.compile(r"(?<![\w])(?i:(hingga|sampai|sampai dengan|s\.d\.?))\s+$")
_RANGE_JOIN = re.compile(
    r"^\s*(?:hingga|sampai(?:\s+dengan)?|s\.d\.?|[-–—]|dan)\s*$", re.IGNORECASE
)
_RANGE_START = re.compile(r"(?<![\w])(?i:(dari|sejak|semenjak|antara|mulai))\s+$")
_WEEK_UNITS = {"minggu", "pekan"}
_RELATIVE_DAYS = {
    "kemarin lusa": -2,
    "kemarin": -1,
    "hari ini": 0,
    "besok": 1,
    "lusa": 2,
    "semalam": -1,
    "tadi malam": -1,
    "malam tadi": -1,
    "tadi pagi": 0,
    "pagi tadi": 0,
    "tadi siang": 0,
    "siang tadi": 0,
    "tadi sore": 0,
    "sore tadi": 0,
}


@dataclass
class _Raw:
    """An expression found in text, before resolution."""

    unit: str
    sentence: int
    start: int
    end: int
    kind: str
    groups: dict[str, str | None]
    relation: str | None = None
    parts: list[_Raw] = field(default_factory=list)


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    number_words: str
    filters: tuple[Prefilter, ...] = ()
    """Per pattern, what a text needs for it to match (`prefilter`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "filters", tuple(prefilter(p) for _, p in self.patterns))


@cache
def _grammar(language: Language) -> _Grammar:
    wd = alternation(language.weekdays)
    # Abbreviated months may carry a full stop ("Des."); full names never do, so a
    # sentence's final stop after "20 Desember." stays out of the date.
    short = [name for name in language.months if name not in language.full_months]
    mon = rf"(?:{alternation(language.full_months)}|(?:{alternation(short)})\.?)"
    full = alternation(language.full_months)
    tod = alternation(language.times_of_day)
    numword = alternation(language.number_words)
    num = rf"(?:\d+|(?i:(?:{numword})(?:\s+(?:{numword}|puluh|belas|ratus))*))"
    time = r"(?:\s*[-–,|]?\s*(?:pukul\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:WIB|WITA|WIT))?)"
    after = rf"(?:\s+(?P<tod>{tod}))?{_NOT_AFTER}"
    patterns = [
        (
            "full_day",
            rf"(?:(?P<wd>{wd})\s*,?\s+)?(?:tanggal\s+)?(?P<d>{_D})\s+(?P<mon>{mon})\s+(?P<y>{_Y})(?P<time>{time})?{after}",
        ),
        (
            "day_range",
            rf"(?P<d1>{_D})\s*[-–]\s*(?P<d2>{_D})\s+(?P<mon>{mon})(?:\s+(?P<y>{_Y}))?{_NOT_AFTER}",
        ),
        (
            "paren_day",
            rf"(?:(?P<wd>{wd})\s*,?\s*)?\(\s*(?P<d>{_D})\s*[/.-]\s*(?P<m>{_M})(?:\s*[/.-]\s*(?P<y>{_Y}|\d{{2}}))?\s*\){after}",
        ),
        ("numeric_day", rf"(?<![\d/.])(?P<d>{_D})[/-](?P<m>{_M})[/-](?P<y>{_Y})(?![\d/])"),
        ("iso_day", rf"(?<![\d/.-])(?P<y>{_Y})-(?P<m>{_M})-(?P<d>{_D})(?![\d-])"),
        (
            "day_month",
            rf"(?:(?P<wd>{wd})\s*,?\s+)?(?:tanggal\s+)?(?<![\d.,])(?P<d>{_D})\s+(?P<mon>{mon}){after}",
        ),
        (
            "part_month",
            rf"(?P<part>(?i:awal|pertengahan|medio|akhir|penghujung|ujung))\s+(?:bulan\s+)?(?P<mon>{full})(?:\s+(?P<y>{_Y}))?(?:\s+(?P<rel>lalu|silam|ini|depan|mendatang))?{_NOT_AFTER}",
        ),
        ("month_year", rf"(?:(?i:bulan)\s+)?(?P<mon>{full})\s+(?P<y>{_Y}){_NOT_AFTER}"),
        (
            "month_range_year",
            rf"(?P<mon1>{full})\s*[-–]\s*(?P<mon>{full})\s+(?P<y>{_Y}){_NOT_AFTER}",
        ),
        (
            "month_year_rel",
            rf"(?:(?i:bulan)\s+)?(?P<mon>{full})\s+tahun\s+(?P<yrel>lalu|ini|depan|kemarin){_NOT_AFTER}",
        ),
        (
            "month",
            rf"(?:(?P<bulan>(?i:bulan))\s+)?(?P<mon>{full})(?:\s+(?P<rel>lalu|silam|ini|depan|mendatang|kemarin))?{_NOT_AFTER}",
        ),
        (
            "part_year",
            rf"(?P<part>(?i:awal|pertengahan|medio|akhir|penghujung))\s+(?:tahun\s+)?(?P<y>{_Y})(?!\d|[.,]\d)",
        ),
        (
            "half_year",
            rf"(?P<half>(?i:paruh|semester)\s+(?:pertama|kedua))\s+(?:(?i:tahun)\s+)?(?P<y>{_Y})(?!\d|[.,]\d)",
        ),
        ("decade", r"(?:(?i:tahun)\s+)?(?P<decade>(?:19|20)\d0)-?an\b"),
        ("year_range", rf"(?<![\d.,])(?P<y1>{_Y})\s*[-–]\s*(?P<y>{_Y})(?!\d|[.,]\d)"),
        ("year", rf"(?:(?P<tahun>(?i:tahun))\s+)?(?<![\d.,])(?P<y>{_Y})(?!\d|[.,]\d|-?an\b)"),
        ("relative_day", rf"(?P<rel>(?i:{alternation(_RELATIVE_DAYS)}))\b"),
        (
            "weekday",
            rf"(?P<wd>{wd})(?:\s+(?P<wk>pekan|minggu)\s+(?P<wkrel>lalu|depan|ini|kemarin))?(?:\s+(?P<rel>lalu|kemarin|depan|mendatang|ini))?{after}",
        ),
        (
            "week",
            r"(?:(?P<part>(?i:akhir|awal))\s+)?(?P<wk>[Pp]ekan|minggu|Minggu)\s+(?P<rel>lalu|ini|depan|kemarin)\b",
        ),
        ("unit_rel", r"(?P<u>(?i:bulan|tahun))\s+(?P<rel>lalu|ini|depan|kemarin|silam)\b"),
        (
            "part_rel",
            r"(?P<part>(?i:awal|pertengahan|medio|akhir|penghujung))\s+(?P<u>bulan|tahun)"
            r"\s+(?P<rel>lalu|ini|depan|kemarin)\b",
        ),
        (
            "ago",
            rf"(?:(?P<n>{num})\s+|(?P<se>(?i:se)))(?P<u>hari|minggu|pekan|bulan|tahun|dekade)\s+(?:yang\s+)?(?P<rel>lalu|silam)\b",
        ),
        (
            "last_n",
            rf"(?:(?P<prep>(?i:dalam|selama))\s+)?(?:(?P<n>{num})\s+|(?P<se>(?i:se)))(?P<u>jam|hari|minggu|pekan|bulan|tahun)\s+(?:ter)?akhir(?:\s+ini)?\b",
        ),
        (
            "anchored",
            rf"(?:(?P<n>{num})\s+|(?P<se>(?i:se)))(?P<u>hari|minggu|pekan|bulan|tahun)\s+(?P<dir>sebelumnya|kemudian|setelahnya|sesudahnya|berikutnya)\b",
        ),
        (
            "next_day",
            r"(?P<dir>(?i:keesokan harinya|keesokan hari|esok harinya|hari berikutnya))\b",
        ),
    ]
    compiled = tuple((name, re.compile(rf"(?<![\w]){pattern}")) for name, pattern in patterns)
    return _Grammar(compiled, numword)


_PREVIOUS_WORD = re.compile(r"([\w–-]+|,)\s*$")


def _previous_word(text: str, position: int) -> str:
    found = search_at_end(_PREVIOUS_WORD, text, position)
    return found.group(1).casefold() if found else ""


def find_expressions(unit: Unit, sentences: Sequence[Sentence], language: Language) -> list[_Raw]:
    """Time expressions of one unit, longest first, with ranges and since/until joined."""
    text = unit.text
    candidates: list[_Raw] = []
    grammar = _grammar(language)
    digit = has_digit(text)
    for order, (kind, pattern) in enumerate(grammar.patterns):
        if not grammar.filters[order].may_match(text, digit):
            continue
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if not _plausible(kind, groups, text, match, language):
                continue
            raw = _Raw(
                unit.id,
                sentence_at(sentences, match.start()),
                match.start(),
                match.end(),
                kind,
                groups,
            )
            raw.groups["_order"] = str(order)
            candidates.append(raw)
    chosen: list[_Raw] = []
    for raw in sorted(
        candidates, key=lambda r: (r.start, -(r.end - r.start), int(r.groups["_order"] or 0))
    ):
        if not chosen or raw.start >= chosen[-1].end:
            chosen.append(raw)
    return _join(chosen, text)


def _plausible(
    kind: str, groups: dict[str, str | None], text: str, match: re.Match[str], language: Language
) -> bool:
    before = _previous_word(text, match.start())
    if kind == "year":
        return bool(groups.get("tahun")) or before in _YEAR_CUES
    if kind == "month":
        return bool(groups.get("bulan") or groups.get("rel")) or before in _MONTH_CUES
    if kind == "weekday" and groups.get("wd") == "Minggu":
        # "Minggu" is Sunday, and also "week" after a number ("tiga Minggu").
        return not (
            before and (before.isdigit() or before in language.number_words or before == "beberapa")
        )
    if kind in {"ago", "last_n", "anchored"} and groups.get("n"):
        return (
            words_value(str(groups["n"]).split(), language) is not None
            or str(groups["n"]).isdigit()
        )
    return True


def _join(chosen: list[_Raw], text: str) -> list[_Raw]:
    """Join "X hingga Y" into a range; mark "sejak X" / "hingga X"; extend the spans."""
    joined: list[_Raw] = []
    for raw in chosen:
        if joined:
            previous = joined[-1]
            between = text[previous.end : raw.start]
            opener = search_at_end(_RANGE_START, text, previous.start)
            is_and = between.strip().casefold() == "dan"
            if (
                previous.sentence == raw.sentence
                and _RANGE_JOIN.match(between)
                and (not is_and or (opener and opener.group(1).casefold() == "antara"))
            ):
                start = opener.start() if opener else previous.start
                joined[-1] = _Raw(
                    raw.unit, previous.sentence, start, raw.end, "range", {}, parts=[previous, raw]
                )
                continue
        joined.append(raw)
    for raw in joined:
        if raw.kind == "range":
            continue
        since = search_at_end(_SINCE, text, raw.start)
        until = search_at_end(_UNTIL, text, raw.start, words=2)
        if since:
            raw.relation, raw.start = "since", since.start()
        elif until:
            raw.relation, raw.start = "until", until.start()
    return joined


# --------------------------------------------------------------------------------------
# Resolution


@dataclass(frozen=True)
class Reference:
    """What relative expressions are resolved against."""

    publication: PartialDate
    date: dt.date | None
    """The reference day: publication day, or the anchor from the text, or None."""
    from_text: bool = False

    @property
    def latest(self) -> dt.date:
        """The last day the article can have been published on."""
        return self.publication.last_day


def reference_for(publication: PartialDate, raws: Sequence[_Raw], language: Language) -> Reference:
    """The publication day; when only its month or year is known, the latest full date the
    article gives (explicit or partial), if it is within the publication period."""
    if publication.precision is DatePrecision.DAY:
        return Reference(publication, publication.first_day)
    base = Reference(publication, None)
    days = []
    for raw in raws:
        for part in raw.parts or [raw]:
            if part.kind in {"full_day", "paren_day", "numeric_day", "iso_day", "day_month"}:
                value = _resolve_one(part, base, language)
                if value is not None and value[0].end is None:
                    day = value[0].start.first_day
                    if publication.first_day <= day <= publication.last_day:
                        days.append(day)
    if days:
        return Reference(publication, max(days), from_text=True)
    return base


def _month_number(name: str | None, language: Language) -> int:
    return language.months[str(name).rstrip(".")]


def _infer_year(month: int, days: tuple[int, int], reference: dt.date, future: bool) -> int:
    """The year that puts a day span of `month` closest before the reference: its first day
    on or before the reference; or, when the text speaks of the future, its last day on or
    after it ("hingga akhir Desember" in an article of 19 December is this December)."""
    year = reference.year
    if future:
        return year if (month, days[1]) >= (reference.month, reference.day) else year + 1
    return year if (month, days[0]) <= (reference.month, reference.day) else year - 1


def _count(groups: dict[str, str | None], language: Language) -> int | None:
    if groups.get("se"):
        return 1
    text = str(groups.get("n") or "")
    if text.isdigit():
        return int(text)
    value = words_value(text.split(), language)
    return int(value) if value is not None and value.is_integer() else None


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _day(d: dt.date) -> PartialDate:
    return PartialDate.of(d)


def _span(first: dt.date, last: dt.date) -> TimeValue:
    return TimeValue(_day(first), _day(last))


_Resolved = tuple[TimeValue, Precision, Basis, tuple[str, ...]]


def _resolve_one(
    raw: _Raw,
    ref: Reference,
    language: Language,
    *,
    future: bool = False,
    previous_day: dt.date | None = None,
) -> _Resolved | None:
    """Value, precision, basis and flags of one expression (None when unresolvable)."""
    g = raw.groups
    kind = raw.kind
    if kind in {"full_day", "paren_day", "numeric_day", "iso_day", "day_month"}:
        month = int(str(g["m"])) if g.get("m") else _month_number(g.get("mon"), language)
        day = int(str(g["d"]))
        year_text = g.get("y")
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            basis = Basis.EXPLICIT
        else:
            year = _infer_year(month, (day, day), ref.latest, future)
            basis = Basis.PARTIAL
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None
        flags: tuple[str, ...] = ()
        if g.get("wd") and language.weekdays[str(g["wd"])] != date.weekday():
            flags = ("weekday-mismatch",)
        return TimeValue(_day(date)), Precision.DAY, basis, flags
    if kind == "day_range":
        month = _month_number(g.get("mon"), language)
        first, last = int(str(g["d1"])), int(str(g["d2"]))
        year = (
            int(str(g["y"]))
            if g.get("y")
            else _infer_year(month, (first, last), ref.latest, future)
        )
        try:
            return (
                _span(dt.date(year, month, first), dt.date(year, month, last)),
                Precision.RANGE,
                (Basis.EXPLICIT if g.get("y") else Basis.PARTIAL),
                (),
            )
        except ValueError:
            return None
    if kind == "part_month":
        month = _month_number(g.get("mon"), language)
        low, high = _PARTS_OF_MONTH[fold(str(g["part"]))]
        ahead = future or g.get("rel") in {"depan", "mendatang"}
        year = (
            int(str(g["y"])) if g.get("y") else _infer_year(month, (low, high), ref.latest, ahead)
        )
        high = min(high, calendar.monthrange(year, month)[1])
        return (
            _span(dt.date(year, month, low), dt.date(year, month, high)),
            Precision.PART_OF_MONTH,
            (Basis.EXPLICIT if g.get("y") else Basis.PARTIAL),
            (),
        )
    if kind in {"month_year", "month"}:
        month = _month_number(g.get("mon"), language)
        if g.get("y"):
            return (
                TimeValue(PartialDate(int(str(g["y"])), month)),
                Precision.MONTH,
                Basis.EXPLICIT,
                (),
            )
        ahead = future or g.get("rel") in {"depan", "mendatang"}
        year = _infer_year(month, (1, 31), ref.latest, ahead)
        return TimeValue(PartialDate(year, month)), Precision.MONTH, Basis.PARTIAL, ()
    if kind == "month_year_rel":
        # "Agustus tahun lalu": that month of the year before the reference.
        shift = {"lalu": -1, "kemarin": -1, "ini": 0, "depan": 1}[str(g["yrel"])]
        month = _month_number(g.get("mon"), language)
        return (
            TimeValue(PartialDate(ref.latest.year + shift, month)),
            Precision.MONTH,
            Basis.RELATIVE,
            (),
        )
    if kind == "month_range_year":
        year = int(str(g["y"]))
        first = _month_number(g.get("mon1"), language)
        last = _month_number(g.get("mon"), language)
        return (
            TimeValue(PartialDate(year, first), PartialDate(year, last)),
            Precision.RANGE,
            Basis.EXPLICIT,
            (),
        )
    if kind == "part_year":
        # "awal 2016": early, middle or late in a year is still a date known to the year.
        return TimeValue(PartialDate(int(str(g["y"])))), Precision.YEAR, Basis.EXPLICIT, ()
    if kind == "half_year":
        year = int(str(g["y"]))
        first = 1 if str(g["half"]).casefold().endswith("pertama") else 7
        span = TimeValue(PartialDate(year, first), PartialDate(year, first + 5))
        return span, Precision.RANGE, Basis.EXPLICIT, ()
    if kind == "decade":
        start = int(str(g["decade"]))
        return (
            TimeValue(PartialDate(start), PartialDate(start + 9)),
            Precision.RANGE,
            Basis.EXPLICIT,
            (),
        )
    if kind == "year_range":
        return (
            TimeValue(PartialDate(int(str(g["y1"]))), PartialDate(int(str(g["y"])))),
            Precision.RANGE,
            Basis.EXPLICIT,
            (),
        )
    if kind == "year":
        return TimeValue(PartialDate(int(str(g["y"])))), Precision.YEAR, Basis.EXPLICIT, ()
    return _resolve_relative(raw, ref, language, future=future, previous_day=previous_day)


def _resolve_relative(
    raw: _Raw, ref: Reference, language: Language, *, future: bool, previous_day: dt.date | None
) -> _Resolved | None:
    g = raw.groups
    kind = raw.kind
    flags = ("anchor-text",) if ref.from_text else ()
    if kind in {"anchored", "next_day"}:
        if previous_day is None:
            return None
        if kind == "next_day":
            return (
                TimeValue(_day(previous_day + dt.timedelta(days=1))),
                Precision.DAY,
                Basis.RELATIVE,
                (),
            )
        n = _count(g, language)
        if n is None:
            return None
        sign = -1 if g.get("dir") == "sebelumnya" else 1
        return (*_offset(previous_day, n * sign, str(g["u"])), Basis.RELATIVE, ())
    today = ref.date
    if today is None:
        # Only the month (or year) of publication is known and the text gives no full date.
        if kind == "unit_rel" and str(g.get("u")).casefold() == "tahun":
            year = ref.publication.year + {"lalu": -1, "silam": -1, "kemarin": -1, "depan": 1}.get(
                str(g["rel"]), 0
            )
            return TimeValue(PartialDate(year)), Precision.YEAR, Basis.RELATIVE, ()
        return None
    if kind == "relative_day":
        offsets = {
            "kemarin lusa": -2,
            "kemarin": -1,
            "hari ini": 0,
            "besok": 1,
            "lusa": 2,
            "semalam": -1,
            "tadi malam": -1,
            "malam tadi": -1,
        }
        offset = offsets.get(str(g["rel"]).casefold(), 0)
        return (
            TimeValue(_day(today + dt.timedelta(days=offset))),
            Precision.DAY,
            Basis.RELATIVE,
            flags,
        )
    if kind == "weekday":
        weekday = language.weekdays[str(g["wd"])]
        rel = g.get("rel")
        if g.get("wd") == "Minggu" and rel and _sentence_initial(raw):
            weeks = {"lalu": -1, "kemarin": -1, "ini": 0, "depan": 1}.get(str(rel), 0)
            return (*_week(today, weeks, None), Basis.RELATIVE, flags)
        if g.get("wk"):
            weeks = {"lalu": -1, "kemarin": -1, "ini": 0, "depan": 1}[str(g["wkrel"])]
            date = _week_start(today) + dt.timedelta(weeks=weeks, days=weekday)
        elif rel in {"lalu", "kemarin"}:
            date = today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
        elif rel in {"depan", "mendatang"} or (future and weekday != today.weekday()):
            date = today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
        elif rel == "ini":
            date = _week_start(today) + dt.timedelta(days=weekday)
        else:
            date = today - dt.timedelta(days=(today.weekday() - weekday) % 7)
        return TimeValue(_day(date)), Precision.DAY, Basis.RELATIVE, flags
    if kind == "week":
        weeks = {"lalu": -1, "kemarin": -1, "ini": 0, "depan": 1}[str(g["rel"])]
        part = str(g["part"]).casefold() if g.get("part") else None
        return (*_week(today, weeks, part), Basis.RELATIVE, flags)
    if kind == "part_rel":
        shift = {"lalu": -1, "kemarin": -1, "ini": 0, "depan": 1}[str(g["rel"])]
        if str(g["u"]) == "tahun":
            return TimeValue(PartialDate(today.year + shift)), Precision.YEAR, Basis.RELATIVE, flags
        month = _shift_months(today.replace(day=1), shift)
        low, high = _PARTS_OF_MONTH[fold(str(g["part"]))]
        high = min(high, calendar.monthrange(month.year, month.month)[1])
        span = _span(month.replace(day=low), month.replace(day=high))
        return span, Precision.PART_OF_MONTH, Basis.RELATIVE, flags
    if kind == "unit_rel":
        shift = {"lalu": -1, "silam": -1, "kemarin": -1, "ini": 0, "depan": 1}[str(g["rel"])]
        if str(g["u"]).casefold() == "bulan":
            month = _shift_months(today.replace(day=1), shift)
            return (
                TimeValue(PartialDate(month.year, month.month)),
                Precision.MONTH,
                Basis.RELATIVE,
                flags,
            )
        return TimeValue(PartialDate(today.year + shift)), Precision.YEAR, Basis.RELATIVE, flags
    if kind == "ago":
        n = _count(g, language)
        if n is None:
            return None
        return (*_offset(today, -n, str(g["u"]), weeks_ago=True), Basis.RELATIVE, flags)
    if kind == "last_n":
        n = _count(g, language)
        if n is None:
            return None
        unit = str(g["u"])
        if unit == "jam":
            first = today - dt.timedelta(days=max(1, -(-n // 24)))
        elif unit == "hari":
            first = today - dt.timedelta(days=n)
        elif unit in _WEEK_UNITS:
            first = today - dt.timedelta(weeks=n)
        elif unit == "bulan":
            first = _shift_months(today, -n)
        else:
            first = _shift_months(today, -12 * n)
        return _span(first, today), Precision.RANGE, Basis.RELATIVE, flags
    return None


def _sentence_initial(raw: _Raw) -> bool:
    return bool(raw.groups.get("_initial"))


def _week(today: dt.date, weeks: int, part: str | None) -> tuple[TimeValue, Precision]:
    start = _week_start(today) + dt.timedelta(weeks=weeks)
    if part == "akhir":
        return _span(start + dt.timedelta(days=5), start + dt.timedelta(days=6)), Precision.RANGE
    if part == "awal":
        return _span(start, start + dt.timedelta(days=1)), Precision.RANGE
    return _span(start, start + dt.timedelta(days=6)), Precision.RANGE


def _offset(
    day: dt.date, n: int, unit: str, *, weeks_ago: bool = False
) -> tuple[TimeValue, Precision]:
    if unit == "hari":
        return TimeValue(_day(day + dt.timedelta(days=n))), Precision.DAY
    if unit in _WEEK_UNITS and weeks_ago:
        # "dua pekan lalu": the calendar week two weeks back, Monday to Sunday.
        start = _week_start(day) + dt.timedelta(weeks=n)
        return _span(start, start + dt.timedelta(days=6)), Precision.RANGE
    if unit in _WEEK_UNITS:
        # "sepekan sebelumnya": counted from another date, to the day.
        return TimeValue(_day(day + dt.timedelta(weeks=n))), Precision.DAY
    if unit == "bulan":
        month = _shift_months(day.replace(day=1), n)
        return TimeValue(PartialDate(month.year, month.month)), Precision.MONTH
    if unit == "dekade":
        return TimeValue(PartialDate(day.year + 10 * n)), Precision.YEAR
    return TimeValue(PartialDate(day.year + n)), Precision.YEAR


def resolve(
    raws_by_unit: Sequence[tuple[Unit, Sequence[Sentence], Sequence[_Raw]]],
    publication: PartialDate,
    language: Language,
) -> list[DateMention]:
    """Resolve every expression of an article, in reading order."""
    all_raws = [raw for _, _, raws in raws_by_unit for raw in raws]
    ref = reference_for(publication, all_raws, language)
    mentions: list[DateMention] = []
    previous_day: dt.date | None = None
    for unit, sentences, raws in raws_by_unit:
        for raw in raws:
            sentence = sentences[raw.sentence]
            sentence_text = unit.text[sentence.start : sentence.end]
            # A later date is not suspicious when the sentence says it is to come; a bare
            # weekday is the coming one only when such a word stands before it, outside
            # any quotation ("“Kami akan …,” kata Erdogan, Selasa malam" is last Tuesday).
            future = _says_future(sentence_text, language)
            near = _says_future(_words_before(unit.text, sentence.start, raw.start), language)
            raw.groups["_initial"] = "1" if raw.start <= sentence.start + 1 else None
            resolved = _resolve_range(raw, ref, language, near, previous_day)
            text = unit.text[raw.start : raw.end]
            if resolved is None:
                mentions.append(
                    DateMention(
                        unit.id,
                        raw.sentence,
                        raw.start,
                        raw.end,
                        text,
                        None,
                        _guess_precision(raw),
                        Basis.RELATIVE,
                        raw.relation,
                        ("unresolved",),
                        _weekday(raw),
                    )
                )
                continue
            value, precision, basis, flags = resolved
            if value.first_day > publication.last_day and not future:
                flags = (*flags, "future")
            mentions.append(
                DateMention(
                    unit.id,
                    raw.sentence,
                    raw.start,
                    raw.end,
                    text,
                    value,
                    precision,
                    basis,
                    raw.relation,
                    flags,
                    _weekday(raw),
                )
            )
            if value.end is None and precision is Precision.DAY:
                previous_day = value.start.first_day
    return mentions


def _resolve_range(
    raw: _Raw, ref: Reference, language: Language, future: bool, previous_day: dt.date | None
) -> _Resolved | None:
    if raw.kind != "range":
        return _resolve_one(raw, ref, language, future=future, previous_day=previous_day)
    first_raw, last_raw = raw.parts
    last = _resolve_one(last_raw, ref, language, future=future, previous_day=previous_day)
    if last is None:
        return None
    first = _resolve_one(first_raw, ref, language, future=future, previous_day=previous_day)
    if first is None:
        return None
    start, end = first[0].start, (last[0].end or last[0].start)
    if (
        start.first_day > end.last_day
        and start.precision is not DatePrecision.YEAR
        and not first_raw.groups.get("y")
    ):
        start = replace(start, year=start.year - 1)
    bases = {first[2], last[2]}
    basis = (
        Basis.RELATIVE
        if Basis.RELATIVE in bases
        else Basis.PARTIAL
        if Basis.PARTIAL in bases
        else Basis.EXPLICIT
    )
    return TimeValue(start, end), Precision.RANGE, basis, first[3] + last[3]


def _guess_precision(raw: _Raw) -> Precision:
    if raw.kind in {"week", "last_n", "range"}:
        return Precision.RANGE
    if raw.kind == "unit_rel":
        return (
            Precision.YEAR
            if str(raw.groups.get("u", "")).casefold() == "tahun"
            else Precision.MONTH
        )
    return Precision.DAY


def _weekday(raw: _Raw) -> str | None:
    weekday = raw.groups.get("wd")
    if weekday:
        return str(weekday)
    for part in raw.parts:
        if part.groups.get("wd"):
            return str(part.groups["wd"])
    return None


def _words_before(text: str, floor: int, position: int, count: int = 30) -> str:
    """Up to `count` words before `position` (not before `floor`), leaving out quotations."""
    before = re.sub(r"[\"“][^\"”]*[\"”]", " ", text[floor:position])
    return " ".join(before.split()[-count:])


def _says_future(sentence: str, language: Language) -> bool:
    words = set(re.findall(r"[\w-]+", sentence.casefold()))
    return bool(words & language.future_markers)
