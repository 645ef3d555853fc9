"""The archive's domain objects: what the sources say, before any page is rendered."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass


class Precision(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

PARTS_OF_MONTH = {"early": (1, 10), "middle": (11, 20), "late": (21, 31)}
"""Days of a month's thirds, as the archive reads "awal", "pertengahan" and "akhir"."""


def part_of_month(day: int) -> str:
    return next(part for part, (low, high) in PARTS_OF_MONTH.items() if low <= day <= high)


def part_days(year: int, month: int, part: str) -> tuple[dt.date, dt.date]:
    """First and last day of a part of a month (late February ends on the 28th or 29th)."""
    low, high = PARTS_OF_MONTH[part]
    return dt.date(year, month, low), dt.date(
        year, month, min(high, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        # Python's dates start in year 1: "0000" would pass the pattern and crash later.
        if self.year < dt.MINYEAR:
            raise ValueError(f"there is no year {self.year}")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"there is no month {self.month}")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"{self.iso} does not exist (that month has {last} days)")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; ValueError says why it is not a date."""
        match = _PARTIAL_DATE.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"'{text}' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        return cls(year, month, day)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True, slots=True)
class Bilingual:
    """A short text written in Indonesian and in English."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a registry entry or a source was written: file and line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class OutletKind(enum.StrEnum):
    NEWSPAPER = "newspaper"
    NEWS_SITE = "news-site"
    NEWS_AGENCY = "news-agency"
    BROADCASTER = "broadcaster"
    PHOTO_AGENCY = "photo-agency"
    PLATFORM = "platform"


@dataclass(frozen=True, slots=True)
class Outlet:
    """A publisher, agency, broadcaster or platform that articles come from or cite."""

    id: str
    name: str
    kind: OutletKind
    affiliation: Bilingual
    origin: Origin
    aliases: tuple[str, ...] = ()
    country: str | None = None
    """ISO 3166-1 alpha-2 code; Babel turns it into a name in each language."""
    website: str | None = None
    ownership: str | None = None
    """state, private or public; None when the registry does not say."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """One captured article: its front matter, and its text exactly as captured."""

    id: str
    title: str
    outlet: str | None
    """Outlet id, or None when the capture does not say who published it (see notes)."""
    published: PartialDate
    language: str
    url: str | None
    body: str
    """The captured text, byte for byte as in the source file after the front matter."""
    origin: Origin
    """The source file, and the line of its front matter's opening `---`."""
    body_line: int
    """File line on which the body starts: body line N is file line body_line + N - 1."""
    title_supplied: bool = False
    """True when the capture has no headline and the archive wrote the title."""
    retrieved: PartialDate | None = None
    authors: tuple[str, ...] = ()
    notes: str | None = None
    reviewed: tuple[str, ...] = ()
    """Extraction warnings a maintainer has checked: "p4 weekday-mismatch: why"."""

    @property
    def path(self) -> str:
        return self.origin.path

    def file_line(self, body_line: int) -> int:
        """The source-file line of body line `body_line` (1-based)."""
        return self.body_line + body_line - 1


class EntityKind(enum.StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class Relation:
    type: str
    target: str
    """An entity id, or an outlet id."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or conflict named in the articles."""

    id: str
    kind: EntityKind
    names: Bilingual
    origin: Origin
    aliases: tuple[str, ...] = ()
    description: Bilingual | None = None
    wikidata: str | None = None
    relations: tuple[Relation, ...] = ()

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Every form matched in text: both names and the aliases, without repeats."""
        return tuple(dict.fromkeys((self.names.id, self.names.en, *self.aliases)))


@dataclass(frozen=True, slots=True)
class Quantity:
    """Something outlets report numbers for, and how to recognise its figures."""

    id: str
    names: Bilingual
    context: tuple[str, ...]
    origin: Origin
    counted: tuple[str, ...] = ()
    unit: str | None = None
    exclude: tuple[str, ...] = ()
    tolerance: float = 0.1
    window: tuple[PartialDate, PartialDate] | None = None


class TermCategory(enum.StrEnum):
    MILITARY = "military"
    HUMANITARIAN = "humanitarian"
    POLITICAL = "political"
    LEGAL = "legal"
    JOURNALISM = "journalism"


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary entry: an Indonesian word, the forms it takes in text, its English."""

    id: str
    term: str
    en: tuple[str, ...]
    definition: Bilingual
    category: TermCategory
    origin: Origin
    forms: tuple[str, ...] = ()
    notes: Bilingual | None = None
    see: tuple[str, ...] = ()

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.term, *self.forms)))


@dataclass(frozen=True, slots=True)
class Period:
    """A moment the archive covers (the battle of 2016, the offensive of 2024)."""

    id: str
    title: Bilingual
    start: PartialDate
    end: PartialDate


@dataclass(frozen=True, slots=True)
class Event:
    """A curated event: what happened, when, and which date mentions report it."""

    id: str
    start: PartialDate
    end: PartialDate | None
    precision: str
    title: Bilingual
    summary: Bilingual
    origin: Origin
    window: tuple[PartialDate, PartialDate]
    words: tuple[str, ...]
    entities: tuple[str, ...] = ()
    period: str | None = None
    parts: tuple[str | None, str | None] = (None, None)
    """"early", "middle" or "late" when an end is known only as part of its month."""

    @property
    def iso(self) -> str:
        return self.start.iso if self.end is None else f"{self.start.iso}/{self.end.iso}"
