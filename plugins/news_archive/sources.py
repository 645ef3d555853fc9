"""Reading and validating everything under `sources/`: articles and registries.

Every problem of every file is collected before anything is raised, so a contributor sees
all their mistakes in one build. Each problem names the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale

from .cleaning import CleaningRules, Rule, Scope, SegmentKind, Structure
from .errors import ArchiveError, Problem, Severity
from .extract.language import Language
from .model import (
    ArticleSource,
    Bilingual,
    Entity,
    EntityKind,
    Event,
    Origin,
    Outlet,
    OutletKind,
    PartialDate,
    Period,
    Quantity,
    Relation,
    Term,
    TermCategory,
    part_days,
    part_of_month,
)
from .paths import RESERVED_IDS
from .schema import validate
from .yamlio import YamlDocument, YamlError, dotted, load_yaml

ARTICLES_DIR = "articles"
OUTLETS_FILE = "outlets.yml"
CLEANING_FILE = "cleaning.yml"
ENTITIES_FILE = "entities.yml"
QUANTITIES_FILE = "quantities.yml"
GLOSSARY_FILE = "glossary.yml"
EVENTS_FILE = "events.yml"
LANGUAGE_FILES = "language-*.yml"
MAX_ARTICLE_BYTES = 1_000_000
"""The largest article file accepted. Captured articles are a few kilobytes; a file of
megabytes holds a whole site or a binary, and cleaning and extracting it would hold up
every build for minutes."""

_DELIMITER = re.compile(r"---[ \t]*\r?")
_CLOSING = re.compile(r"(?:---|\.\.\.)[ \t]*\r?")


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything read from `sources/`, validated."""

    articles: tuple[ArticleSource, ...]
    """Sorted by publication date, then id."""
    outlets: Mapping[str, Outlet]
    rules: CleaningRules
    entities: Mapping[str, Entity] = field(default_factory=dict)
    languages: Mapping[str, Language] = field(default_factory=dict)
    """Extraction knowledge per language code (from language-<code>.yml)."""
    quantities: tuple[Quantity, ...] = ()
    terms: Mapping[str, Term] = field(default_factory=dict)
    """Glossary terms by id, in the registry's order."""
    periods: tuple[Period, ...] = ()
    events: Mapping[str, Event] = field(default_factory=dict)
    """Curated events by id, in the registry's order."""
    warnings: tuple[Problem, ...] = ()


class _Reader:
    """Collects problems while reading; `display` turns paths into what contributors see."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._resolved_root = root.resolve()
        self.problems: list[Problem] = []
        self.unread: set[str] = set()
        """Registries (file names) that could not be read: ids they would have defined are
        not reported as unknown elsewhere, which would bury the one real mistake."""

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self._resolved_root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def registry(
        self, path: Path, schema: str, *, missing: str | None = None, hint: str | None = None
    ) -> YamlDocument | None:
        """A registry read and checked against its schema, or None (problems recorded).
        A missing file is a problem only when `missing` says what to tell the contributor."""
        shown = self.display(path)
        if not path.is_file():
            if missing is not None:
                self.add(Problem(shown, None, None, missing, hint=hint))
                self.unread.add(path.name)
            return None
        document = self.read_yaml(path)
        if document is None:
            self.unread.add(path.name)
            return None
        problems = validate(document.data, schema, document, shown)
        self.extend(problems)
        if problems:
            self.unread.add(path.name)
            return None
        return document

    def read_text(self, path: Path) -> str | None:
        shown = self.display(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.add(Problem(shown, None, None, f"cannot be read: {exc.strerror}"))
            return None
        text = decode_source(data, shown)
        if isinstance(text, Problem):
            self.add(text)
            return None
        return text

    def read_yaml(self, path: Path) -> YamlDocument | None:
        text = self.read_text(path)
        if text is None:
            return None
        try:
            return load_yaml(text, self.display(path))
        except YamlError as exc:
            self.extend(exc.problems)
            return None


def read_text_file(path: Path, *, root: Path) -> str:
    """The text of a file the way the loader reads sources: UTF-8, without a byte-order
    mark. ArchiveError names the line of an undecodable byte or of a NUL character."""
    reader = _Reader(root)
    text = reader.read_text(path)
    if text is None:
        raise ArchiveError(reader.problems)
    return text


def decode_source(data: bytes, shown: str) -> str | Problem:
    """The text of a source file, or the problem that keeps it from being text: bytes
    that are not UTF-8, or a NUL character. A byte-order mark is dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(
            shown,
            data.count(b"\n", 0, exc.start) + 1,
            None,
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start})",
            hint="save the file as UTF-8; capture a PDF or an old encoding again",
        )
    if "\x00" in text:
        return Problem(
            shown,
            text.count("\n", 0, text.index("\x00")) + 1,
            None,
            "contains a NUL character",
            hint="the file is binary or damaged; capture the text again",
        )
    # A byte-order mark is an encoding signature, not text: drop it.
    return text.removeprefix("\ufeff")


def load_corpus(
    sources: Path, *, root: Path | None = None, today: dt.date, articles_too: bool = True
) -> Corpus:
    """Read and validate `sources/`; raise ArchiveError listing every problem found.

    `root` is the folder paths are shown relative to (the project root); `today` is the
    date after which a publication date is in the future. With `articles_too=False` only the
    registries are read (a draft article with a mistake does not stop `new`).
    """
    reader = _Reader(root or sources.parent)
    if not sources.is_dir():
        raise ArchiveError(
            [Problem(reader.display(sources), None, None, "the sources folder does not exist")]
        )
    languages = _load_languages(reader, sources)
    # Names matched in text must not be everyday words ("dan" would name every article).
    common = languages["id"].counted_stop if "id" in languages else frozenset()
    outlets = _load_outlets(reader, sources / OUTLETS_FILE, common)
    rules = _load_rules(reader, sources / CLEANING_FILE, outlets)
    entities = _load_entities(reader, sources / ENTITIES_FILE, outlets, common)
    quantities = _load_quantities(reader, sources / QUANTITIES_FILE)
    terms = _load_glossary(reader, sources / GLOSSARY_FILE, languages)
    periods, events = _load_events(reader, sources / EVENTS_FILE, entities)
    articles = (
        _load_articles(reader, sources / ARTICLES_DIR, outlets, today, languages)
        if articles_too
        else []
    )
    errors = [p for p in reader.problems if p.severity is Severity.ERROR]
    if errors:
        raise ArchiveError(errors)
    warnings = tuple(p for p in reader.problems if p.severity is Severity.WARNING)
    ordered = tuple(
        sorted(
            articles, key=lambda a: (a.published.first_day, a.published.precision != "day", a.id)
        )
    )
    return Corpus(
        ordered, outlets, rules, entities, languages, quantities, terms, periods, events, warnings
    )


# --------------------------------------------------------------------------------------
# Outlets


def _everyday_names(
    reader: _Reader,
    shown: str,
    document: YamlDocument,
    at: tuple[str | int, ...],
    names: Iterable[tuple[tuple[str | int, ...], str]],
    common: frozenset[str],
) -> None:
    """Report names of one registry entry (each with its place under `at`) that are
    everyday words: matched on word boundaries, they would mark nearly every paragraph.
    A one-word name matches with its capitals as written, so "Antara" (the agency) is
    fine where "antara" (between) is not."""
    for place, name in names:
        if len(name.split()) == 1 and name in common:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, *place)),
                    dotted((*at, *place)),
                    f"'{name}' is an everyday word: it would mark most articles",
                    hint="give only names and spellings that mean this entry",
                )
            )


def _load_outlets(
    reader: _Reader, path: Path, common: frozenset[str] = frozenset()
) -> dict[str, Outlet]:
    shown = reader.display(path)
    document = reader.registry(
        path,
        "outlets",
        missing="the outlets registry is missing",
        hint="create it with a list under 'outlets:'",
    )
    if document is None:
        return {}
    outlets: dict[str, Outlet] = {}
    owner_of_name: dict[str, str] = {}
    territories = Locale("en").territories
    for index, entry in enumerate(document.data["outlets"]):
        at: tuple[str | int, ...] = ("outlets", index)
        line = document.line_of(at)
        outlet_id = entry["id"]
        if outlet_id in RESERVED_IDS:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "id")),
                    f"outlets[{index}].id",
                    f"'{outlet_id}' is reserved for an index page",
                    hint="choose another id",
                )
            )
            continue
        if outlet_id in outlets:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "id")),
                    f"outlets[{index}].id",
                    f"outlet id '{outlet_id}' is used twice "
                    f"(first on line {outlets[outlet_id].origin.line})",
                )
            )
            continue
        country = entry.get("country")
        if country is not None and country not in territories:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "country")),
                    f"outlets[{index}].country",
                    f"'{country}' is not an ISO 3166-1 country code",
                )
            )
        outlet = Outlet(
            id=outlet_id,
            name=entry["name"],
            kind=OutletKind(entry["kind"]),
            affiliation=Bilingual(entry["affiliation"]["id"], entry["affiliation"]["en"]),
            origin=Origin(shown, line),
            aliases=tuple(entry.get("aliases", ())),
            country=country,
            website=entry.get("website"),
            ownership=entry.get("ownership"),
        )
        names: list[tuple[tuple[str | int, ...], str]] = [(("name",), outlet.name)]
        names += [(("aliases", n), alias) for n, alias in enumerate(outlet.aliases)]
        _everyday_names(reader, shown, document, at, names, common)
        for name in outlet.names:
            key = " ".join(name.casefold().split())
            other = owner_of_name.setdefault(key, outlet_id)
            if other != outlet_id:
                reader.add(
                    Problem(
                        shown,
                        line,
                        f"outlets[{index}].aliases",
                        f"the name '{name}' also belongs to outlet '{other}'",
                        hint="a name must point at one outlet; drop it from one of them",
                    )
                )
        outlets[outlet_id] = outlet
    return outlets


# --------------------------------------------------------------------------------------
# Entities and language knowledge


def _load_entities(
    reader: _Reader,
    path: Path,
    outlets: Mapping[str, Outlet],
    common: frozenset[str] = frozenset(),
) -> dict[str, Entity]:
    shown = reader.display(path)
    document = reader.registry(
        path,
        "entities",
        missing="the entities registry is missing",
        hint="create it with a list under 'entities:'",
    )
    if document is None:
        return {}
    entities: dict[str, Entity] = {}
    owner_of_form: dict[str, str] = {}
    entries = document.data["entities"]
    for index, entry in enumerate(entries):
        at: tuple[str | int, ...] = ("entities", index)
        line = document.line_of(at)
        entity_id = entry["id"]
        if entity_id in RESERVED_IDS:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "id")),
                    f"entities[{index}].id",
                    f"'{entity_id}' is reserved for an index page",
                    hint="choose another id",
                )
            )
            continue
        if entity_id in entities or entity_id in outlets:
            where = (
                "an outlet" if entity_id in outlets else f"line {entities[entity_id].origin.line}"
            )
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "id")),
                    f"entities[{index}].id",
                    f"entity id '{entity_id}' is already used ({where})",
                )
            )
            continue
        description = entry.get("description")
        entity = Entity(
            id=entity_id,
            kind=EntityKind(entry["kind"]),
            names=Bilingual(entry["names"]["id"], entry["names"]["en"]),
            origin=Origin(shown, line),
            aliases=tuple(entry.get("aliases", ())),
            description=Bilingual(description["id"], description["en"]) if description else None,
            wikidata=entry.get("wikidata"),
            relations=tuple(Relation(r["type"], r["target"]) for r in entry.get("relations", ())),
        )
        names: list[tuple[tuple[str | int, ...], str]] = [
            (("names", lang), entity.names.get(lang)) for lang in ("id", "en")
        ]
        names += [(("aliases", n), alias) for n, alias in enumerate(entity.aliases)]
        _everyday_names(reader, shown, document, at, names, common)
        for form in entity.surface_forms:
            key = form if len(form.split()) == 1 else form.casefold()
            other = owner_of_form.setdefault(key, entity_id)
            if other != entity_id:
                reader.add(
                    Problem(
                        shown,
                        line,
                        f"entities[{index}].aliases",
                        f"the name '{form}' also belongs to entity '{other}'",
                        hint="a name must point at one entity; keep it on one of them",
                    )
                )
        entities[entity_id] = entity
    for index, entity in enumerate(entities.values()):
        for n, relation in enumerate(entity.relations):
            if relation.target not in entities and relation.target not in outlets:
                if OUTLETS_FILE in reader.unread:
                    continue
                reader.add(
                    Problem(
                        shown,
                        entity.origin.line,
                        f"entities[{index}].relations[{n}].target",
                        f"unknown entity or outlet '{relation.target}'",
                    )
                )
    return entities


def _load_quantities(reader: _Reader, path: Path) -> tuple[Quantity, ...]:
    shown = reader.display(path)
    document = reader.registry(path, "quantities")
    if document is None:
        return ()
    quantities: list[Quantity] = []
    seen: set[str] = set()
    for index, entry in enumerate(document.data["quantities"]):
        at: tuple[str | int, ...] = ("quantities", index)
        if entry["id"] in seen:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "id")),
                    f"quantities[{index}].id",
                    f"quantity id '{entry['id']}' is used twice",
                )
            )
            continue
        seen.add(entry["id"])
        window = None
        if "window" in entry:
            try:
                window = (
                    PartialDate.parse(entry["window"]["from"]),
                    PartialDate.parse(entry["window"]["to"]),
                )
            except ValueError as exc:
                reader.add(
                    Problem(
                        shown,
                        document.line_of((*at, "window")),
                        f"quantities[{index}].window",
                        str(exc),
                    )
                )
                continue
        quantities.append(
            Quantity(
                id=entry["id"],
                names=Bilingual(entry["names"]["id"], entry["names"]["en"]),
                context=tuple(entry["context"]),
                origin=Origin(shown, document.line_of(at)),
                counted=tuple(entry.get("counted", ())),
                unit=entry.get("unit"),
                exclude=tuple(entry.get("exclude", ())),
                tolerance=float(entry.get("tolerance", 0.1)),
                window=window,
            )
        )
    return tuple(quantities)


def _load_glossary(
    reader: _Reader, path: Path, languages: Mapping[str, Language]
) -> dict[str, Term]:
    shown = reader.display(path)
    document = reader.registry(path, "glossary")
    if document is None:
        return {}
    common = languages["id"].counted_stop if "id" in languages else frozenset()
    terms: dict[str, Term] = {}
    owner: dict[str, str] = {}
    entries = document.data["terms"]
    for index, entry in enumerate(entries):
        at: tuple[str | int, ...] = ("terms", index)
        field_name = f"terms[{index}]"
        if entry["id"] in terms:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "id")),
                    f"{field_name}.id",
                    f"term id '{entry['id']}' is used twice",
                )
            )
            continue
        notes = entry.get("notes")
        term = Term(
            id=entry["id"],
            term=entry["term"],
            en=tuple(entry["en"]),
            definition=Bilingual(entry["definition"]["id"], entry["definition"]["en"]),
            category=TermCategory(entry["category"]),
            origin=Origin(shown, document.line_of(at)),
            forms=tuple(entry.get("forms", ())),
            notes=Bilingual(notes["id"], notes["en"]) if notes else None,
            see=tuple(entry.get("see", ())),
        )
        for n, form in enumerate(term.surface_forms):
            key = form.casefold()
            line = document.line_of((*at, "forms", n - 1)) if n else document.line_of((*at, "term"))
            if key in common:
                reader.add(
                    Problem(
                        shown,
                        line,
                        field_name,
                        f"'{form}' is an everyday word: it would mark most articles",
                        hint="give only forms that mean this term",
                    )
                )
            other = owner.setdefault(key, term.id)
            if other != term.id:
                reader.add(
                    Problem(
                        shown,
                        line,
                        field_name,
                        f"the form '{form}' also belongs to term '{other}'",
                        hint="a form must point at one term",
                    )
                )
        terms[term.id] = term
    for index, term in enumerate(terms.values()):
        for n, target in enumerate(term.see):
            if target not in terms:
                reader.add(
                    Problem(
                        shown,
                        term.origin.line,
                        f"terms[{index}].see[{n}]",
                        f"unknown term '{target}'",
                    )
                )
    return terms


def parse_span(value: str) -> tuple[PartialDate, PartialDate | None]:
    """ "2016-07-21/2016-07-31" → both ends; "2016-12-14" → (that date, None)."""
    first, _, last = value.partition("/")
    return PartialDate.parse(first), (PartialDate.parse(last) if last else None)


_PART_END = re.compile(r"^(?P<month>[0-9]{4}-[0-9]{2})-(?P<part>early|middle|late)$")


def parse_event_span(
    value: str,
) -> tuple[PartialDate, PartialDate | None, tuple[str | None, str | None]]:
    """An event's date, whose ends may be parts of a month: "2016-07-late" is 21–31 July,
    "2016-11/2016-12-early" runs from November to the 10th of December."""
    first, _, last = value.partition("/")
    ends: list[PartialDate | None] = []
    parts: list[str | None] = []
    for position, text in enumerate((first, last or None)):
        if text is None:
            ends.append(None)
            parts.append(None)
            continue
        found = _PART_END.match(text)
        if found is None:
            ends.append(PartialDate.parse(text))
            parts.append(None)
            continue
        month = PartialDate.parse(found["month"])
        assert month.month is not None
        low, high = part_days(month.year, month.month, found["part"])
        day = low if position == 0 else high
        ends.append(PartialDate.of(day))
        parts.append(found["part"])
    start, end = ends
    assert start is not None
    if not last and parts[0]:
        # "2016-07-late" alone: the whole third of the month.
        month_end = PartialDate.parse(first.rsplit("-", 1)[0])
        assert month_end.month is not None
        end = PartialDate.of(part_days(month_end.year, month_end.month, str(parts[0]))[1])
        parts[1] = parts[0]
    return start, end, (parts[0], parts[1])


def _precision_mismatch(
    precision: str,
    start: PartialDate,
    end: PartialDate | None,
    parts: tuple[str | None, str | None],
) -> str | None:
    """Why a date does not have the precision it claims, or None when it does."""
    single = end is None or end == start
    expected = {
        "day": single and start.day is not None,
        "month": single and start.month is not None and start.day is None,
        "year": single and start.month is None,
        "part_of_month": parts[0] is not None
        and parts[0] == parts[1]
        and end is not None
        and (start.year, start.month) == (end.year, end.month),
        "range": not single,
    }[precision]
    if expected:
        return None
    examples = {
        "day": "2016-12-14",
        "month": "2016-09",
        "year": "2017",
        "part_of_month": "2016-07-late (or 2016-07-21/2016-07-31)",
        "range": "2016-11/2016-12-early",
    }
    return f"precision '{precision}' needs a date like {examples[precision]}"


def _load_events(
    reader: _Reader, path: Path, entities: Mapping[str, Entity]
) -> tuple[tuple[Period, ...], dict[str, Event]]:
    shown = reader.display(path)
    document = reader.registry(path, "events")
    if document is None:
        return (), {}
    periods: list[Period] = []
    for index, entry in enumerate(document.data["periods"]):
        try:
            start, end = parse_span(entry["date"])
        except ValueError as exc:
            reader.add(
                Problem(
                    shown,
                    document.line_of(("periods", index, "date")),
                    f"periods[{index}].date",
                    str(exc),
                )
            )
            continue
        periods.append(
            Period(
                entry["id"],
                Bilingual(entry["title"]["id"], entry["title"]["en"]),
                start,
                end or start,
            )
        )
    events: dict[str, Event] = {}
    for index, entry in enumerate(document.data["events"]):
        at: tuple[str | int, ...] = ("events", index)
        field_name = f"events[{index}]"
        if entry["id"] in events or entry["id"] in RESERVED_IDS:
            reason = "is used twice" if entry["id"] in events else "is reserved for an index page"
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "id")),
                    f"{field_name}.id",
                    f"event id '{entry['id']}' {reason}",
                )
            )
            continue
        try:
            start, end, parts = parse_event_span(entry["date"])
            if "window" in entry["match"]:
                window_start, window_end = parse_span(entry["match"]["window"])
            else:
                window_start, window_end = start, end
        except ValueError as exc:
            reader.add(
                Problem(shown, document.line_of((*at, "date")), f"{field_name}.date", str(exc))
            )
            continue
        precision = entry["precision"]
        # The older spelling of a part of a month, as its days: 2016-07-21/2016-07-31.
        same_month = end is not None and (start.year, start.month) == (end.year, end.month)
        if precision == "part_of_month" and parts == (None, None) and same_month:
            assert end is not None
            if start.day and end.day and part_of_month(start.day) == part_of_month(end.day):
                parts = (part_of_month(start.day), part_of_month(end.day))
        mismatch = _precision_mismatch(precision, start, end, parts)
        if mismatch:
            reader.add(
                Problem(shown, document.line_of((*at, "date")), f"{field_name}.date", mismatch)
            )
            continue
        for n, entity_id in enumerate(entry.get("entities", ())):
            if entity_id not in entities and ENTITIES_FILE not in reader.unread:
                reader.add(
                    Problem(
                        shown,
                        document.line_of((*at, "entities", n)),
                        f"{field_name}.entities[{n}]",
                        f"unknown entity '{entity_id}'",
                        hint="add it to sources/entities.yml or fix the id",
                    )
                )
        last = end or start
        period = next(
            (
                p.id
                for p in periods
                if p.start.first_day <= start.first_day and last.last_day <= p.end.last_day
            ),
            None,
        )
        if period is None and periods:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "date")),
                    f"{field_name}.date",
                    f"{entry['date']} falls in no period of the registry",
                    hint="add a period under 'periods:' or fix the date",
                )
            )
        events[entry["id"]] = Event(
            id=entry["id"],
            start=start,
            end=end,
            precision=precision,
            title=Bilingual(entry["title"]["id"], entry["title"]["en"]),
            summary=Bilingual(entry["summary"]["id"], entry["summary"]["en"]),
            origin=Origin(shown, document.line_of(at)),
            window=(window_start, window_end or window_start),
            words=tuple(entry["match"]["words"]),
            entities=tuple(entry.get("entities", ())),
            period=period,
            parts=parts,
        )
    return tuple(periods), events


def _load_languages(reader: _Reader, sources: Path) -> dict[str, Language]:
    languages: dict[str, Language] = {}
    for path in sorted(sources.glob(LANGUAGE_FILES)):
        shown = reader.display(path)
        document = reader.registry(path, "language")
        if document is None:
            continue
        code = document.data["language"]
        if path.stem != f"language-{code}":
            reader.add(
                Problem(
                    shown,
                    document.line_of(("language",)),
                    "language",
                    f"'{code}' does not match the file name {path.name}",
                )
            )
            continue
        try:
            languages[code] = Language.from_data(document.data)
        except (ValueError, LookupError) as exc:
            reader.add(
                Problem(
                    shown,
                    document.line_of(("language",)),
                    "language",
                    f"Babel has no data for '{code}': {exc}",
                )
            )
    return languages


# --------------------------------------------------------------------------------------
# Cleaning rules


def _load_rules(reader: _Reader, path: Path, outlets: Mapping[str, Outlet]) -> CleaningRules:
    shown = reader.display(path)
    document = reader.registry(path, "cleaning", missing="the cleaning rules are missing")
    if document is None:
        return CleaningRules(())
    data = document.data
    samples = data["body_samples"]
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data["rules"]):
        at: tuple[str | int, ...] = ("rules", index)
        line = document.line_of(at)
        field = f"rules[{index}]"
        if entry["id"] in seen:
            reader.add(
                Problem(
                    shown,
                    line,
                    f"{field}.id",
                    f"rule id '{entry['id']}' is used twice (first on line {seen[entry['id']]})",
                )
            )
            continue
        seen[entry["id"]] = line
        try:
            pattern = re.compile(entry["pattern"])
        except re.error as exc:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "pattern")),
                    f"{field}.pattern",
                    f"is not a valid regular expression: {exc}",
                )
            )
            continue
        unknown = [o for o in entry.get("outlets", []) if o not in outlets]
        if OUTLETS_FILE in reader.unread:
            unknown = []
        for outlet_id in unknown:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "outlets")),
                    f"{field}.outlets",
                    f"unknown outlet '{outlet_id}'",
                )
            )
        rule = Rule(
            id=entry["id"],
            kind=SegmentKind(entry["kind"]),
            scope=Scope(entry["scope"]),
            pattern=pattern,
            label=Bilingual(entry["label"]["id"], entry["label"]["en"]),
            origin=Origin(shown, line),
            outlets=frozenset(entry["outlets"]) if "outlets" in entry else None,
        )
        if pattern.fullmatch("") is not None and rule.scope is Scope.LINE:
            reader.add(
                Problem(
                    shown,
                    document.line_of((*at, "pattern")),
                    f"{field}.pattern",
                    "matches an empty line",
                    hint="a rule must require some text",
                )
            )
        for n, example in enumerate(entry["examples"]):
            if not rule.finds(example):
                reader.add(
                    Problem(
                        shown,
                        document.line_of((*at, "examples", n)),
                        f"{field}.examples[{n}]",
                        f"rule '{rule.id}' does not match its own example",
                        hint="fix the pattern or the example",
                    )
                )
        for sample in samples:
            if rule.finds(sample):
                reader.add(
                    Problem(
                        shown,
                        document.line_of((*at, "pattern")),
                        f"{field}.pattern",
                        f"rule '{rule.id}' would remove ordinary text: '{sample}'",
                        hint="make the pattern stricter (anchor it, or require the exact words)",
                    )
                )
        rules.append(rule)
    structure = Structure(**data["structure"])
    return CleaningRules(tuple(rules), structure)


# --------------------------------------------------------------------------------------
# Articles


def _load_articles(
    reader: _Reader,
    folder: Path,
    outlets: Mapping[str, Outlet],
    today: dt.date,
    languages: Mapping[str, Language],
) -> list[ArticleSource]:
    if not folder.is_dir():
        reader.add(Problem(reader.display(folder), None, None, "the articles folder is missing"))
        return []
    paths = sorted(folder.rglob("*.md"))
    if not paths:
        reader.add(
            Problem(
                reader.display(folder),
                None,
                None,
                "holds no articles (*.md)",
                severity=Severity.WARNING,
            )
        )
    articles: list[ArticleSource] = []
    first_path: dict[str, str] = {}
    for path in paths:
        article = _load_article(reader, path, outlets, today, languages, first_path)
        if article is None:
            continue
        first_path[article.id] = article.path
        articles.append(article)
    return articles


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, body's first line) or None when there is no front matter.

    The body is returned exactly as written after the closing delimiter line.
    """
    lines = text.split("\n")
    if not lines or not _DELIMITER.fullmatch(lines[0]):
        return None
    for index in range(1, len(lines)):
        if _CLOSING.fullmatch(lines[index]):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    raise ValueError("unterminated")


def _load_article(
    reader: _Reader,
    path: Path,
    outlets: Mapping[str, Outlet],
    today: dt.date,
    languages: Mapping[str, Language],
    first_path: Mapping[str, str],
) -> ArticleSource | None:
    """The article in `path`, or None (problems recorded). `first_path` holds the file of
    every id already read."""
    shown = reader.display(path)
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        with path.open("rb") as file:
            passed_on = file.read(MAX_ARTICLE_BYTES).count(b"\n") + 1
        reader.add(
            Problem(
                shown,
                passed_on,
                None,
                f"the file is {size / 1e6:.1f} MB and passes the limit of "
                f"{MAX_ARTICLE_BYTES / 1e6:g} MB for an article on this line",
                hint="a capture this long holds more than one article, or is not text; "
                "capture the article alone",
            )
        )
        return None
    text = reader.read_text(path)
    if text is None:
        return None
    try:
        parts = split_front_matter(text)
    except ValueError:
        reader.add(
            Problem(
                shown,
                1,
                None,
                "the front matter is not closed",
                hint="end it with a line holding only ---",
            )
        )
        return None
    if parts is None:
        reader.add(
            Problem(
                shown,
                1,
                None,
                "has no front matter",
                hint="start the file with a line holding only ---, the fields, and another ---",
            )
        )
        return None
    front, body, body_line = parts
    try:
        document = load_yaml(front, shown, first_line=2)
    except YamlError as exc:
        reader.extend(exc.problems)
        return None
    data = document.data
    if not isinstance(data, dict):
        reader.add(
            Problem(shown, 2, None, "the front matter must be a mapping of fields (name: value)")
        )
        return None
    problems = validate(data, "article", document, shown)
    reader.extend(problems)
    bad_fields = {p.field for p in problems}

    def line(field: str) -> int:
        return document.line_of((field,))

    if not body.strip():
        reader.add(
            Problem(
                shown,
                # A file that ends on its closing --- has no line after it to point at.
                min(body_line, text.count("\n") + 1),
                None,
                "the article has no text after the front matter",
                hint="paste the captured text below the closing ---",
            )
        )
    if "id" not in bad_fields and data["id"] in RESERVED_IDS:
        reader.add(
            Problem(
                shown,
                line("id"),
                "id",
                f"'{data['id']}' is reserved for an index page",
                hint="choose another id",
            )
        )
    elif "id" not in bad_fields and path.stem != data["id"]:
        reader.add(
            Problem(
                shown,
                line("id"),
                "id",
                f"id '{data['id']}' does not match the file name '{path.name}'",
                hint=f"rename the file to {data['id']}.md or change the id",
            )
        )
    outlet = data.get("outlet")
    if (
        isinstance(outlet, str)
        and outlet not in outlets
        and "outlet" not in bad_fields
        and OUTLETS_FILE not in reader.unread
    ):
        close = difflib.get_close_matches(outlet, list(outlets), n=1)
        reader.add(
            Problem(
                shown,
                line("outlet"),
                "outlet",
                f"unknown outlet '{outlet}'",
                hint=f"did you mean '{close[0]}'?"
                if close
                else "add it to sources/outlets.yml, or use null and explain in notes",
            )
        )
    published = _date_field(reader, shown, data, "published", bad_fields, line, today)
    retrieved = _date_field(reader, shown, data, "retrieved", bad_fields, line, today)
    if published and retrieved and retrieved.last_day < published.first_day:
        reader.add(
            Problem(
                shown,
                line("retrieved"),
                "retrieved",
                f"{retrieved} is before the publication date {published}",
            )
        )
    guessed = data.get("guessed")
    if guessed and "guessed" not in bad_fields:
        fields = ", ".join(dict.fromkeys(entry.split(":", 1)[0] for entry in guessed))
        reader.add(
            Problem(
                shown,
                line("guessed"),
                "guessed",
                f"not confirmed yet: {fields} (filled in by the `new` command)",
                hint="check each against the capture, correct it if needed, delete its entry, "
                "and delete guessed: when it is empty",
                severity=Severity.WARNING,
            )
        )
    if problems or published is None or not body.strip():
        return None
    if any(p.path == shown and p.severity is Severity.ERROR for p in reader.problems):
        return None
    if data["id"] in first_path:
        reader.add(
            Problem(
                shown,
                line("id"),
                "id",
                f"id '{data['id']}' is already used by {first_path[data['id']]}",
            )
        )
        return None
    code = data["language"].split("-")[0]
    if code not in languages:
        reader.add(
            Problem(
                shown,
                line("language"),
                "language",
                f"no extraction rules for language '{data['language']}': the text "
                "is published but nothing is extracted from it",
                hint=f"add sources/language-{code}.yml",
                severity=Severity.WARNING,
            )
        )
    return ArticleSource(
        id=data["id"],
        title=data["title"],
        outlet=outlet,
        published=published,
        language=data["language"],
        url=data["url"],
        body=body,
        origin=Origin(shown, 1),
        body_line=body_line,
        title_supplied=bool(data.get("title_supplied", False)),
        retrieved=retrieved,
        authors=tuple(data.get("authors", ())),
        notes=data.get("notes"),
        reviewed=tuple(data.get("reviewed", ())),
    )


def _date_field(
    reader: _Reader,
    shown: str,
    data: dict[str, Any],
    field: str,
    bad_fields: set[str | None],
    line: Any,
    today: dt.date,
) -> PartialDate | None:
    value = data.get(field)
    if value is None or field in bad_fields:
        return None
    try:
        date = PartialDate.parse(value)
    except ValueError as exc:
        reader.add(Problem(shown, line(field), field, str(exc)))
        return None
    if date.first_day > today:
        reader.add(
            Problem(
                shown,
                line(field),
                field,
                f"{date} is in the future",
                hint="check the year; the archive holds articles already published",
            )
        )
        return None
    return date
