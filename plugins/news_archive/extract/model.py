"""What the extraction engine finds: each item points at its unit (`p3`, `m2`) and span."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from ..errors import Problem
from ..model import PartialDate


class UnitKind(enum.StrEnum):
    PARAGRAPH = "paragraph"
    MEDIA = "media"


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of article text that extraction reads: a paragraph, or a photo/video item."""

    id: str
    kind: UnitKind
    text: str
    line: int
    """Source-file line where the unit starts (for warnings)."""
    credits: tuple[tuple[int, int], ...] = ()
    """Spans of photo or video credits inside the text (media units)."""
    titles: tuple[tuple[int, int], ...] = ()
    """Spans of photo or video titles, written in title case (media units)."""


@dataclass(frozen=True, slots=True)
class Sentence:
    unit: str
    index: int
    start: int
    end: int


class Precision(enum.StrEnum):
    DAY = "day"
    PART_OF_MONTH = "part_of_month"
    MONTH = "month"
    PART_OF_YEAR = "part_of_year"
    YEAR = "year"
    RANGE = "range"


class Basis(enum.StrEnum):
    EXPLICIT = "explicit"
    PARTIAL = "partial"
    RELATIVE = "relative"


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A calendar value: one date at some precision, or a span from start to end."""

    start: PartialDate
    end: PartialDate | None = None

    @property
    def iso(self) -> str:
        return self.start.iso if self.end is None else f"{self.start.iso}/{self.end.iso}"

    @property
    def first_day(self) -> dt.date:
        return self.start.first_day

    @property
    def last_day(self) -> dt.date:
        return (self.end or self.start).last_day


@dataclass(frozen=True, slots=True)
class DateMention:
    unit: str
    sentence: int
    start: int
    end: int
    text: str
    value: TimeValue | None
    """None when the expression cannot be resolved (flag `unresolved`)."""
    precision: Precision
    basis: Basis
    relation: str | None = None
    """`since` or `until` when the text says so ("sejak Juli lalu")."""
    flags: tuple[str, ...] = ()
    weekday: str | None = None
    """The weekday as written, when one is."""


@dataclass(frozen=True, slots=True)
class Figure:
    unit: str
    sentence: int
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    qualifier: str
    measure: str | None
    """Unit of measure (percent, km, hectare, IDR …), None for a count."""
    counted: str | None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    unit: str
    sentence: int
    start: int
    end: int
    text: str
    speaker: str | None
    """Entity id of the speaker, when registered."""
    speaker_text: str | None
    """The speaker as the text names them."""
    cue: str
    """How the speaker was found: after, before, pronoun, continuation, previous-unit."""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    unit: str
    sentence: int
    start: int
    end: int
    text: str
    outlet: str
    how: str


@dataclass(frozen=True, slots=True)
class Mention:
    unit: str
    sentence: int
    start: int
    end: int
    text: str
    entity: str | None
    """Entity id, or None for a capitalised name that is not in the registry (a candidate)."""


@dataclass(frozen=True, slots=True)
class TermOccurrence:
    unit: str
    start: int
    end: int
    text: str
    term: str
    """Glossary term id."""


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    article: str
    units: tuple[Unit, ...]
    sentences: tuple[Sentence, ...]
    dates: tuple[DateMention, ...]
    figures: tuple[Figure, ...]
    quotes: tuple[Quote, ...]
    attributions: tuple[Attribution, ...]
    mentions: tuple[Mention, ...]
    terms: tuple[TermOccurrence, ...] = ()
    title_terms: tuple[str, ...] = ()
    """Glossary term ids found in the article's title."""
    warnings: tuple[Problem, ...] = ()
