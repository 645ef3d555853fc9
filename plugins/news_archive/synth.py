"""A deterministic synthetic corpus for benchmarks and tests: `python -m news_archive synth`.

`write_corpus` writes a complete sources tree: N articles under `articles/YYYY/MM/DD/`
(`articles/YYYY/MM/` when only the month is known) and byte-for-byte copies of the
registries (`*.yml`). Nothing of it is part of the published site.

The articles are shaped like real captures, so that every stage of the pipeline does real
work on them:

- the text is recombined from the seed articles' own sentences and quotations, with names
  of people, organisations and districts swapped for others of the same kind from
  `entities.yml`, cited outlets for other agencies and broadcasters from `outlets.yml`,
  glossary words for related glossary words (`see:` in `glossary.yml`), and every date the
  seeds write replaced by one of the same form that lies before the article's publication
  date (weekday names from Babel, so they always match their dates);
- each article carries dates ("Kamis (22/12)", "22 Desember 2016", "Rabu pekan lalu",
  "akhir Juli"), figures ("8.461 warga sipil", "lebih dari 78 ribu"), quotations with their
  speakers and attributions ("seperti dikutip Reuters");
- around the text sits page furniture taken from the `examples:` of `cleaning.yml` (or
  built like them and checked against the rules before use): datelines, advertisement
  markers, related links, share buttons, bylines, photo credits, copyright lines, cookie
  notices, newsletter prompts, tags.

Determinism: article `i` is drawn from `random.Random(f"{seed}-{i}")` and the registries
alone, so the same seed gives byte-identical files and the first 1,000 articles of a
10,000-article corpus are the 1,000-article corpus. Nothing depends on the clock.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import get_day_names, get_month_names

from .cleaning import Structure, normalize, word_count
from .yamlio import load_yaml

LANGUAGE = "id"
_EARLIEST = dt.date(2011, 3, 15)
"""No date in the text is earlier: the uprising in Syria began in March 2011."""
_FIRST_DAY = dt.date(2012, 1, 1)
_LAST_DAY = dt.date(2024, 12, 31)
_LAST_2016 = dt.date(2016, 12, 31)
_RECENT_DAYS = (0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6)
"""How many days before publication a partial date ("Kamis (22/12)") lies."""
_SWAP = 0.35
"""Chance that a name or a glossary word of a seed sentence is swapped for another."""
_QUOTE_CHARS = frozenset('"“”')
_SECTIONS = ("Internasional", "Global", "Dunia", "Timur Tengah", "Terkini")
_PLACES = ("ALEPPO", "DAMASKUS", "JAKARTA", "MOSKOW", "BEIRUT")
_OPENERS = ("Sementara itu", "Sebelumnya", "Selain itu", "Di sisi lain", "Namun", "Adapun")
_AFTER_VERBS = ("kata", "kata", "ujar", "tutur", "tegas", "ungkap")
_BEFORE_VERBS = ("mengatakan", "mengatakan", "menegaskan", "menyatakan", "menambahkan")
_TIMES_OF_DAY = ("pagi", "siang", "sore", "malam")
_FIRST_NAMES = (
    "Andi",
    "Ayu",
    "Bayu",
    "Citra",
    "Dewi",
    "Fajar",
    "Hendra",
    "Indah",
    "Nur",
    "Putri",
    "Rahmat",
    "Rizky",
    "Sari",
    "Teguh",
    "Wulan",
    "Yusuf",
)
_LAST_NAMES = (
    "Anggraini",
    "Hidayat",
    "Kurniawan",
    "Lestari",
    "Nugroho",
    "Permana",
    "Pratama",
    "Rahmawati",
    "Saputra",
    "Setiawan",
    "Siregar",
    "Wulandari",
)
_TITLES = (
    "{many} Warga Sipil {city} Berhasil Dievakuasi",
    "{org} Kuasai Seluruh {city}",
    "{short}: Kemenangan di {city} Titik Balik Perang",
    "{person} Bantah {small} Ribu Warga Sipil Terjebak di {city}",
    "Beredar Video {org} Duduki Istana Presiden di {city}",
    "Evakuasi dari {city} Tidak Berjalan Mulus",
    "Serangan Udara Hantam {district}, {small} Orang Tewas",
    "{org} Kirim {small} Bus untuk Evakuasi Warga {city}",
    "Gencatan Senjata di {city} Kembali Dilanggar",
    "{org} Rebut {district}, Pasukan Pemerintah Mundur",
    "Konvoi Bantuan Tiba di {district}",
    "Warga {city} Rayakan Pembebasan Kota",
    "{person} Serukan Evakuasi Warga Sipil dari {city}",
    "Jumlah Pengungsi dari {city} Capai {grouped} Orang",
)
_FIGURES = (
    "Sebanyak {grouped} warga sipil telah dievakuasi dari {city} dalam 24 jam terakhir.",
    "{org} menyebut lebih dari {thousands} warga telah meninggalkan {city}.",
    "Sekitar {thousands} penduduk diperkirakan masih terjebak di {city}.",
    "Sedikitnya {small} orang tewas dalam serangan udara di kawasan {district}.",
    "Rusia mengirimkan {small} bus dan {small} kendaraan ambulans untuk evakuasi warga {city}.",
    "Pasukan pemerintah kini menguasai lebih dari {percent} persen wilayah {city}.",
    "Tim penjinak bom telah menghancurkan sekitar {grouped} bahan peledak di wilayah {city}.",
    "Sebanyak {small} militan menyerah dan menyerahkan senjata mereka kepada {org}.",
    "Jumlah pengungsi kini mencapai {thousands} orang, termasuk {grouped} anak-anak.",
    "{vague} warga sipil berkumpul di {district} untuk menunggu bus evakuasi.",
    "Tim dari {org} juga telah membantu memperbaiki lebih dari {small} bangunan di {city}.",
    "Hampir {grouped} pengungsi tiba di {district} dengan bantuan {org}.",
)


# --------------------------------------------------------------------------------------
# Templates: seed text with slots for what varies


@dataclass(frozen=True, slots=True)
class Slot:
    """A span of seed text that each article fills anew."""

    kind: str
    """`date:<form>`, `swap` (a name or word with `options`), `keep` or `number`."""
    text: str
    """What the seed wrote."""
    options: tuple[str, ...] = ()


Part = str | Slot
Template = tuple[Part, ...]


def template_text(template: Template) -> str:
    """The template as the seed wrote it."""
    return "".join(p if isinstance(p, str) else p.text for p in template)


def _cut(
    template: Template, pattern: re.Pattern[str], make: Callable[[str], Slot | None]
) -> Template:
    """`template` with every match of `pattern` in its text parts turned into a slot."""
    parts: list[Part] = []
    for part in template:
        if not isinstance(part, str):
            parts.append(part)
            continue
        position = 0
        for match in pattern.finditer(part):
            slot = make(match.group())
            if slot is None:
                continue
            if match.start() > position:
                parts.append(part[position : match.start()])
            parts.append(slot)
            position = match.end()
        if position < len(part):
            parts.append(part[position:])
    return tuple(parts)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _whole(words: Iterable[str]) -> str:
    return rf"(?<![\w-])(?:{_alternation(words)})(?![\w-])"


# --------------------------------------------------------------------------------------
# Cleaning rules, to pick furniture that is known to be recognised


@dataclass(frozen=True, slots=True)
class _Rule:
    id: str
    scope: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]


def _line_rule(rules: Sequence[_Rule], line: str) -> str | None:
    """Id of the first whole-line rule that matches `line`."""
    text = line.strip()
    for rule in rules:
        if rule.scope == "line" and rule.pattern.fullmatch(text):
            return rule.id
    return None


def _prefix_end(rules: Sequence[_Rule], line: str) -> int:
    """Where the first prefix rule that matches `line` ends (0 when none matches)."""
    for rule in rules:
        if rule.scope == "prefix":
            found = rule.pattern.match(line)
            if found and found.end() > 0:
                return found.end()
    return 0


def _strip_furniture(rules: Sequence[_Rule], line: str) -> str:
    """A seed line without the pieces prefix, suffix and inline rules cut off."""
    for rule in rules:
        if rule.scope == "prefix":
            found = rule.pattern.match(line)
            if found:
                line = line[found.end() :]
        elif rule.scope == "suffix":
            stripped = line.rstrip()
            for found in rule.pattern.finditer(stripped):
                if found.end() == len(stripped) and found.end() > found.start():
                    line = stripped[: found.start()]
                    break
        elif rule.scope == "inline":
            line = rule.pattern.sub(" ", line)
    return " ".join(line.split())


# --------------------------------------------------------------------------------------
# What articles are made of, read once from the sources


@dataclass(frozen=True, slots=True)
class Publisher:
    id: str
    name: str
    website: str | None
    datelines: tuple[str, ...]
    """Dateline prefixes ("ALEPPO, KOMPAS.com - ") that a dateline rule cuts off whole."""


@dataclass(frozen=True)
class Material:
    weekdays: tuple[str, ...]
    """Monday first."""
    months: tuple[str, ...]
    """January first."""
    publishers: tuple[Publisher, ...]
    cum_weights: tuple[float, ...]
    agencies: tuple[str, ...]
    """Names of agencies and broadcasters that articles cite."""
    agency_aliases: tuple[str, ...]
    persons: tuple[str, ...]
    short_persons: tuple[str, ...]
    organizations: tuple[str, ...]
    cities: tuple[str, ...]
    districts: tuple[str, ...]
    sentences: tuple[Template, ...]
    calm: tuple[Template, ...]
    """Sentences without a word announcing the future, which may be given a date."""
    quotes: tuple[Template, ...]
    titles: tuple[Template, ...]
    headings: tuple[str, ...]
    rules: tuple[_Rule, ...]
    examples: Mapping[str, tuple[str, ...]]
    """Whole-line examples of each rule."""
    credits: tuple[str, ...]
    photographers: tuple[str, ...]
    common: frozenset[str]
    """Words that may be written in lower case when a sentence gets an opener."""
    seed_lines: frozenset[str] = frozenset()
    """The seeds' content lines short enough for the cleaner to take for boilerplate
    when an outlet repeats them, compared as the cleaner compares lines."""


def _read(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"), path.name).data


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    lines = text.removeprefix("\ufeff").split("\n")
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in {"---", "..."}:
                front = load_yaml("\n".join(lines[1:index]), "front matter").data
                return (front if isinstance(front, dict) else {}), "\n".join(lines[index + 1 :])
    return {}, text


def split_sentences(line: str) -> list[str]:
    """Sentences of one line; a full stop inside a quotation does not end a sentence."""
    sentences: list[str] = []
    start = 0
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "“":
            quoted = True
        elif char == "”":
            quoted = False
        elif (
            char in ".!?"
            and not quoted
            and line[index + 1 : index + 2] == " "
            and line[index + 2 : index + 3][:1].isupper()
        ):
            sentences.append(line[start : index + 1].strip())
            start = index + 1
    rest = line[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _title_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 10 and text[-1] not in ".,;:" and text[0].isupper()


_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')


def _quoted_contents(line: str) -> Iterable[str]:
    """Whole quotations of a line ("…," kata X): capitalised, ending in punctuation."""
    for match in _QUOTED.finditer(line):
        content = " ".join((match.group(1) or match.group(2)).split())
        if (
            len(content.split()) >= 5
            and (content[0].isupper() or content[0].isdigit())
            and content[-1] in ".,!?…"
            and not _QUOTE_CHARS & set(content)
        ):
            yield content.rstrip(",")


def load_material(sources: Path) -> Material:
    """Read the registries and seed articles under `sources` into reusable pools."""
    weekdays = tuple(
        str(name) for _, name in sorted(get_day_names("wide", locale=LANGUAGE).items())
    )
    months = tuple(
        str(name) for _, name in sorted(get_month_names("wide", locale=LANGUAGE).items())
    )
    language = _read(sources / f"language-{LANGUAGE}.yml")
    outlets = _read(sources / "outlets.yml")["outlets"]
    entities = _read(sources / "entities.yml")["entities"]
    terms = _read(sources / "glossary.yml")["terms"]
    cleaning = _read(sources / "cleaning.yml")
    rules = tuple(
        _Rule(r["id"], r["scope"], re.compile(r["pattern"]), tuple(r.get("examples", ())))
        for r in cleaning["rules"]
    )
    examples = {r.id: tuple(e for e in r.examples if _line_rule(rules, e)) for r in rules}
    future = frozenset(w.casefold() for w in language["future_markers"])

    # Names: which surface forms may stand in for which.
    typo = re.compile(r"\b[A-Z]{2}[a-z]")
    groups: dict[str, list[str]] = {}
    group_of: dict[str, str | None] = {}
    containers: set[str] = set()
    for entity in entities:
        forms = [entity["names"]["id"], *entity.get("aliases", ())]
        key: str | None = entity["kind"] if entity["kind"] in {"person", "organization"} else None
        for relation in entity.get("relations", ()):
            if entity["kind"] == "place" and relation["type"] == "located-in":
                key = f"in:{relation['target']}"
                containers.add(relation["target"])
        for form in forms:
            group_of.setdefault(form, key)
            if key is not None and not typo.search(form):
                groups.setdefault(key, []).append(form)
    cities = tuple(e["names"]["id"] for e in entities if e["id"] in containers)
    districts = tuple(
        e["names"]["id"]
        for e in entities
        if any(r["type"] == "located-in" for r in e.get("relations", ()))
        and "istana" not in e["names"]["id"].casefold()  # a palace is not a district
    )
    agencies: list[str] = []
    agency_aliases: list[str] = []
    for outlet in outlets:
        forms = [outlet["name"], *outlet.get("aliases", ())]
        cited = outlet["kind"] in {"news-agency", "broadcaster"}
        for form in forms:
            group_of.setdefault(form, "agency" if cited else None)
            if cited and form[:1].isupper():
                (agencies if form == outlet["name"] else agency_aliases).append(form)
    groups["agency"] = agencies + agency_aliases
    options = {key: tuple(dict.fromkeys(forms)) for key, forms in groups.items()}
    name_pattern = re.compile(_whole(group_of))

    def name_slot(text: str) -> Slot:
        key = group_of.get(text)
        if key is None or len(options.get(key, ())) < 2:
            return Slot("keep", text)
        return Slot("swap", text, options[key])

    # Glossary words: a noun may give way to a related noun (its `see:` list).
    verb = re.compile(r"^(?:me|di|ber|ter(?!or))")
    headword = {t["id"]: t["term"] for t in terms}
    related = {
        t["term"].casefold(): tuple(
            headword[s] for s in t.get("see", ()) if s in headword and not verb.match(headword[s])
        )
        for t in terms
        if not verb.match(t["term"])
    }
    related = {word: others for word, others in related.items() if others}
    all_forms = [t["term"] for t in terms] + [f for t in terms for f in t.get("forms", ())]
    term_pattern = re.compile(_whole(all_forms), re.IGNORECASE)

    def term_slot(text: str) -> Slot | None:
        others = related.get(text.casefold())
        if not others:
            return None
        if text[:1].isupper():
            others = tuple(o[:1].upper() + o[1:] for o in others)
        return Slot("swap", text, others)

    # Dates as the seeds write them: each becomes a slot of its form.
    wd = _alternation([*weekdays, *(v for vs in language["weekday_variants"].values() for v in vs)])
    mon = _alternation(months)
    date_pattern = re.compile(
        rf"(?P<paren>(?:{wd})\s*\(\d{{1,2}}/\d{{1,2}}(?P<py>/\d{{2,4}})?\))"
        rf"|(?P<full>(?:(?P<fwd>{wd}),?\s+)?\d{{1,2}}\s+(?:{mon})\s+\d{{4}})"
        rf"|(?P<part>\b(?:awal|akhir|pertengahan)\s+(?:{mon})(?P<party>\s+\d{{4}})?)"
        rf"|(?P<month_year>\b(?:{mon})\s+\d{{4}})"
        r"|(?P<year>(?<![\d/])(?<!\d[.,])(?:19|20)\d{2}(?!\d|[.,/]\d))"
    )

    def date_slot(text: str) -> Slot:
        found = date_pattern.fullmatch(text)
        assert found is not None
        if found.group("paren"):
            form = "paren_year" if found.group("py") else "paren"
        elif found.group("full"):
            form = "full_wd" if found.group("fwd") else "full"
        elif found.group("part"):
            form = "part_year" if found.group("party") else "part"
        else:
            form = "month_year" if found.group("month_year") else "year"
        return Slot(f"date:{form}", text)

    number_pattern = re.compile(r"(?<![\d/])(?<!\d[.,])\d{1,3}(?:\.\d{3})+(?!\d|[.,/]\d)")

    def template(text: str, words: bool = True) -> Template:
        parts: Template = (text,)
        parts = _cut(parts, date_pattern, date_slot)
        parts = _cut(parts, name_pattern, name_slot)
        if words:  # a headline keeps its words; only its names change
            parts = _cut(parts, term_pattern, term_slot)
        return _cut(parts, number_pattern, lambda t: Slot("number", t))

    # The seeds, read line by line as the cleaner would see them.
    outlet_names = {n.casefold() for o in outlets for n in (o["name"], *o.get("aliases", ()))}
    seed_titles: list[str] = []
    headings: dict[str, None] = {}
    sentences: dict[str, None] = {}
    quotes: dict[str, None] = {}
    seed_lines: set[str] = set()
    longest_repeated = Structure(**cleaning.get("structure", {})).repeated_max_words
    for path in sorted((sources / "articles").rglob("*.md")):
        front, body = _split_front_matter(path.read_text(encoding="utf-8"))
        title = str(front.get("title", ""))
        if title and not front.get("title_supplied"):
            seed_titles.append(title)
        for raw in body.split("\n"):
            if not raw.strip() or _line_rule(rules, raw):
                continue
            if word_count(raw) <= longest_repeated:
                seed_lines.add(normalize(raw))
            line = _strip_furniture(rules, raw)
            if not line or line.casefold() in outlet_names or line == title:
                continue
            if _title_like(line):
                headings.setdefault(line)
                continue
            for content in _quoted_contents(line):
                quotes.setdefault(content)
            for sentence in split_sentences(line):
                words = sentence.split()
                if (
                    5 <= len(words) <= 50
                    and sentence[0].isupper()
                    and sentence.endswith(".")
                    and not sentence.endswith("..")
                    and not _QUOTE_CHARS & set(sentence)
                    and not _line_rule(rules, sentence)
                ):
                    sentences.setdefault(sentence)

    def says_future(template: Template) -> bool:
        words = re.findall(r"[\w-]+", template_text(template).casefold())
        return bool(future.intersection(words))

    def dated(template: Template) -> bool:
        return any(isinstance(p, Slot) and p.kind.startswith("date:") for p in template)

    # A partial date in a sentence about the future would be read as a future date.
    plain = tuple(t for t in map(template, sentences) if not (dated(t) and says_future(t)))
    said = tuple(t for t in map(template, quotes) if not (dated(t) and says_future(t)))

    # Photo credits: the rules' examples, and agency/photographer pairs built like them.
    credit_rules = [r for r in rules if r.scope == "line" and "credit" in r.id]
    credits = [e for r in credit_rules for e in examples[r.id]]
    photographers = sorted(
        {
            part.strip()
            for example in credits
            for part in example.split("/")[1:]
            if re.fullmatch(r"[A-Z][a-z]*\.? ?[A-Z][a-z]+(?: [A-Z][a-z]+)?", part.strip())
            and part.strip().casefold() not in outlet_names
        }
    )

    # Publishers: newspapers and news sites, the first in the registry publishing most.
    publishers = []
    for outlet in outlets:
        kind = outlet["kind"]
        if kind in {"newspaper", "news-site"} or (
            kind == "news-agency" and outlet.get("country") == "ID"
        ):
            publishers.append(_publisher(outlet, rules))
    weights = [1 / (rank**1.1) for rank in range(1, len(publishers) + 1)]
    cumulative: list[float] = []
    for weight in weights:
        cumulative.append((cumulative[-1] if cumulative else 0.0) + weight)

    persons = options.get("person", ())
    return Material(
        weekdays=weekdays,
        months=months,
        publishers=tuple(publishers),
        cum_weights=tuple(cumulative),
        agencies=tuple(agencies),
        agency_aliases=tuple(agency_aliases),
        persons=tuple(p for p in persons if p[:1].isupper()),
        short_persons=tuple(p for p in persons if p[:1].isupper() and " " not in p),
        organizations=tuple(o for o in options.get("organization", ()) if o[:1].isupper()),
        cities=cities,
        districts=districts,
        sentences=plain,
        calm=tuple(t for t in plain if not says_future(t)),
        quotes=said,
        titles=tuple(template(t, words=False) for t in seed_titles),
        headings=tuple(headings),
        rules=rules,
        examples=examples,
        credits=tuple(credits),
        photographers=tuple(photographers),
        common=frozenset(language["names"]["common"]),
        seed_lines=frozenset(seed_lines),
    )


def _publisher(outlet: Mapping[str, Any], rules: Sequence[_Rule]) -> Publisher:
    """A publisher with the datelines that the dateline rules recognise for it."""
    names = [outlet["name"], *outlet.get("aliases", ())]
    candidates = []
    for name in names:
        for place in _PLACES:
            candidates += [
                f"{place}, {name} - ",
                f"{name}, {place} -- ",
                f"{place.title()}, {name} -- ",
            ]
        candidates += [f"{name} – ", f"Jakarta ({name}) - "]
    candidates += [f"{place} — " for place in _PLACES]
    sample = "Pasukan pemerintah maju ke timur."
    datelines = tuple(c for c in candidates if _prefix_end(rules, c + sample) == len(c))
    return Publisher(outlet["id"], outlet["name"], outlet.get("website"), datelines)


# --------------------------------------------------------------------------------------
# One article


def _grouped(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _slug(text: str, words: int = 6) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)[:words])


def _yaml_string(text: str) -> str:
    if re.fullmatch(r"[A-Za-z][^:#\"'\[\]{}&*!|>%@`\\]*[^\s:]", text):
        return text
    return json.dumps(text, ensure_ascii=False)


class _Writer:
    """Draws one article from its own random generator."""

    def __init__(self, material: Material, rng: random.Random, day: dt.date) -> None:
        self.m = material
        self.rng = rng
        self.day = day
        """The day the article reports from: no date in its text is later."""

    # -- slots ------------------------------------------------------------------------

    def fill(self, template: Template) -> str:
        out = []
        for index, part in enumerate(template):
            out.append(part if isinstance(part, str) else self._slot(part, index == 0))
        return "".join(out)

    def _slot(self, slot: Slot, at_start: bool) -> str:
        rng = self.rng
        if slot.kind == "swap":
            if at_start or rng.random() >= _SWAP:
                return slot.text
            return rng.choice(slot.options)
        if slot.kind == "number":
            value = int(slot.text.replace(".", ""))
            return _grouped(max(1000, int(value * rng.uniform(0.7, 1.3))))
        if slot.kind.startswith("date:"):
            text = self.date(slot.kind[5:], slot.text)
            return text[:1].upper() + text[1:] if at_start else text
        return slot.text

    def _days_back(self, days: int) -> dt.date:
        return max(self.day - dt.timedelta(days=days), _EARLIEST)

    def _months_back(self, months: int) -> tuple[int, int]:
        year, month = divmod(self.day.year * 12 + self.day.month - 1 - months, 12)
        return year, month + 1

    def date(self, form: str, original: str = "") -> str:
        """A date of the given form, on or before the article's day."""
        rng, m = self.rng, self.m
        if form in {"paren", "paren_year"}:
            day = self._days_back(rng.choice(_RECENT_DAYS))
            shown = f"/{day.year}" if form == "paren_year" else ""
            return f"{m.weekdays[day.weekday()]} ({day.day}/{day.month}{shown})"
        if form in {"full", "full_wd"}:
            back = rng.randint(0, 40) if rng.random() < 0.7 else rng.randint(41, 1500)
            day = self._days_back(back)
            text = f"{day.day} {m.months[day.month - 1]} {day.year}"
            return f"{m.weekdays[day.weekday()]}, {text}" if form == "full_wd" else text
        if form in {"part", "part_year"}:
            year, month = self._months_back(rng.randint(1, 8))
            part = original.split()[0].lower() if original else ""
            part = (
                part if part in {"awal", "akhir", "pertengahan"} else rng.choice(("awal", "akhir"))
            )
            text = f"{part} {m.months[month - 1]}"
            return f"{text} {year}" if form == "part_year" else text
        if form == "month_year":
            year, month = self._months_back(rng.randint(0, 30))
            return f"{m.months[month - 1]} {year}"
        if form == "week":
            return f"{m.weekdays[rng.randrange(7)]} pekan lalu"
        return str(rng.randint(max(_EARLIEST.year, self.day.year - 6), self.day.year))

    # -- sentences --------------------------------------------------------------------

    def lower_first(self, sentence: str) -> str:
        first = sentence.split(" ", 1)[0].rstrip(",")
        return sentence[:1].lower() + sentence[1:] if first in self.m.common else sentence

    def plain(self) -> str:
        return self.fill(self.rng.choice(self.m.sentences))

    def calm(self) -> str:
        return self.fill(self.rng.choice(self.m.calm))

    def opened(self) -> str:
        opener = self.rng.choice(_OPENERS)
        return f"{opener}, {self.lower_first(self.plain())}"

    def dated(self) -> str:
        rng = self.rng
        choice = rng.randrange(6)
        sentence = self.calm()
        if choice == 0:
            opener = f"Pada {self.date('paren')} {rng.choice(_TIMES_OF_DAY)}"
        elif choice == 1:
            opener = f"Pada {self.date('full')}"
        elif choice == 2:
            opener = f"Sejak {self.date('week')}"
        elif choice == 3:
            opener = f"Pada {self.date('part')}"
        elif choice == 4:
            opener = f"Hingga {self.date('paren')} pagi"
        else:
            return f"{sentence[:-1]}, {self.date('paren')}."
        return f"{opener}, {self.lower_first(sentence)}"

    def agency(self) -> str:
        """An agency or broadcaster, mostly by its own name."""
        m = self.m
        aliases = self.rng.random() >= 0.8 and m.agency_aliases
        return self.rng.choice(m.agency_aliases if aliases else m.agencies)

    def attributed(self, dated: bool = False) -> str:
        rng = self.rng
        sentence = self.calm() if dated else self.plain()
        agency = self.agency()
        when = f", {self.date('paren')}" if dated else ""
        choice = rng.randrange(7) if not dated else rng.randrange(4)
        if choice == 0:
            return f"{sentence[:-1]}, seperti dikutip {agency}{when}."
        if choice == 1:
            return f"{sentence[:-1]}, demikian dilaporkan {agency}{when}."
        if choice == 2:
            return f"{sentence[:-1]}, seperti dilansir {agency}{when}."
        if choice == 3:
            return f"{sentence[:-1]}, demikian dikabarkan {agency}{when}."
        opener = ("Seperti dilaporkan oleh {}", "Menurut laporan {}", "Mengutip {}")[choice - 4]
        return f"{opener.format(agency)}, {self.lower_first(sentence)}"

    def quote(self) -> str:
        rng, m = self.rng, self.m
        source = m.quotes if m.quotes and rng.random() < 0.5 else m.sentences
        content = self.fill(rng.choice(source))
        body = content.rstrip(".,")
        speaker = rng.choice(m.persons)
        choice = rng.randrange(5)
        if choice == 0:
            return f'{speaker} {rng.choice(_BEFORE_VERBS)}, "{body}."'
        if choice == 1:
            return f'"{body}," {rng.choice(_AFTER_VERBS)} {speaker} kepada {self.agency()}.'
        if choice == 2:
            return f'"{body}," tulis keterangan {rng.choice(m.organizations)}.'
        return f'"{body}," {rng.choice(_AFTER_VERBS)} {speaker}.'

    def _figure_fields(self) -> dict[str, str]:
        rng, m = self.rng, self.m
        thousands = rng.randint(2, 300)
        return {
            "grouped": _grouped(rng.randint(1000, 20000)),
            "thousands": f"{thousands} ribu",
            "small": str(rng.randint(3, 400)),
            "percent": str(rng.randint(60, 98)),
            "vague": rng.choice(("Ribuan", "Ratusan", "Puluhan")),
            "many": rng.choice(("Ribuan", "Ratusan", _grouped(rng.randint(1000, 9999)))),
            "city": rng.choice(m.cities),
            "district": rng.choice(m.districts),
            "org": rng.choice(m.organizations),
            "person": rng.choice(m.persons),
            "short": rng.choice(m.short_persons),
        }

    def figure(self) -> str:
        return self.rng.choice(_FIGURES).format(**self._figure_fields())

    def title(self) -> str:
        rng = self.rng
        if self.m.titles and rng.random() < 0.25:
            return self.fill(rng.choice(self.m.titles))
        return rng.choice(_TITLES).format(**self._figure_fields())

    def heading(self) -> str:
        """A subheading: a seed's, or a short headline (a long one would read as text)."""
        if self.m.headings and self.rng.random() < 0.25:
            return self.rng.choice(self.m.headings)
        title = self.title()
        if _title_like(title) or not self.m.headings:
            return title
        return self.rng.choice(self.m.headings)

    def paragraph(self, first: Callable[[], str], words: int = 15, calm: bool = False) -> str:
        """A paragraph opening with `first`, filled up past `words` words with plain
        sentences (so that it is not taken for a short line an outlet repeats)."""
        sentences = [first()]
        while sum(len(s.split()) for s in sentences) <= words or (
            len(sentences) < 3 and self.rng.random() < 0.3
        ):
            more = self.calm if calm else self.rng.choice((self.plain, self.plain, self.opened))
            sentences.append(more())
        return " ".join(sentences)

    def continued(self) -> str:
        """A quotation continuing the last speaker's: "…," tambahnya. The engine reads a
        quotation as one sentence, so none of its sentences may announce the future."""
        return f'"{self.paragraph(self.calm, calm=True).rstrip(".")}," tambahnya.'

    # -- furniture --------------------------------------------------------------------

    def furniture(self, rule: str, candidate: str | None = None) -> str:
        """`candidate` if a whole-line rule recognises it, else an example of `rule`."""
        if candidate is not None and _line_rule(self.m.rules, candidate):
            return candidate
        return self.rng.choice(self.m.examples[rule])

    def credit(self, compact: bool) -> list[str]:
        """The credit lines of a photo. Text without blank lines gets the credits that the
        cleaner recognises below a caption ("Foto: …", "AGENCY/Photographer")."""
        rng, m = self.rng, self.m
        choice = rng.choice((1, 4)) if compact else rng.randrange(5)
        if choice == 0 or not m.photographers:
            return [rng.choice(m.credits)]
        agency = rng.choice(("Reuters", "AFP", "REUTERS", "AP", "Getty Images", "ANTARA FOTO"))
        photographer = rng.choice(m.photographers)
        if choice == 1:
            return [self.furniture("labelled-credit", f"Foto: {agency}/{photographer}")]
        if choice == 2:
            return [self.furniture("bracketed-credit", f"(Foto: {agency}/{photographer})")]
        if choice == 3:
            return [
                "Sumber :",
                self.furniture("agency-slash-credit", f"  • {agency}/{photographer}"),
            ]
        return [self.furniture("agency-slash-credit", f"{agency}/{photographer}")]

    def timestamp(self) -> str:
        day = self.day
        return (
            f"{self.m.weekdays[day.weekday()]}, {day.day} {self.m.months[day.month - 1]} "
            f"{day.year} - {self.rng.randint(5, 22):02d}:{self.rng.randint(0, 59):02d}"
        )


@dataclass(frozen=True, slots=True)
class SynthArticle:
    path: str
    """Path under the sources folder: `articles/YYYY/MM/DD/<id>.md`."""
    text: str


def _publication_day(rng: random.Random) -> dt.date:
    """Most articles around the fall of eastern Aleppo (mid-December 2016) and the HTS
    offensive (early December 2024), the rest spread over 2012–2024."""
    draw = rng.random()
    if draw < 0.4:
        peak, spread, first, last = dt.date(2016, 12, 13), 20.0, dt.date(2016, 7, 1), _LAST_2016
    elif draw < 0.75:
        peak, spread, first, last = dt.date(2024, 12, 2), 12.0, dt.date(2024, 9, 1), _LAST_DAY
    else:
        return _FIRST_DAY + dt.timedelta(days=rng.randint(0, (_LAST_DAY - _FIRST_DAY).days))
    while True:
        day = peak + dt.timedelta(days=round(rng.gauss(0.0, spread)))
        if first <= day <= last:
            return day


def synth_article(material: Material, seed: int, index: int) -> SynthArticle:
    """Article number `index` (from 1) of the corpus drawn with `seed`."""
    rng = random.Random(f"{seed}-{index}")
    m = material
    day = _publication_day(rng)
    by_month = rng.random() < 0.08
    no_outlet = rng.random() < 0.03
    publisher = None if no_outlet else rng.choices(m.publishers, cum_weights=m.cum_weights)[0]
    # A publisher's layout is the same in all its articles, whatever the corpus size.
    style = random.Random(f"{seed}-style-{publisher.id if publisher else ''}")
    blocked = style.random() < 0.8
    w = _Writer(m, rng, day)

    title = w.title()
    published = f"{day:%Y-%m}" if by_month else day.isoformat()
    slug = _slug(title)
    prefix = f"{publisher.id}-" if publisher else ""
    article_id = f"{prefix}{published}-{slug}-{index}"
    authors = (
        [f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}" for _ in range(rng.randint(1, 2))]
        if publisher and rng.random() < 0.5
        else []
    )
    url = None
    if publisher and publisher.website and not by_month and rng.random() < 0.75:
        url = f"{publisher.website}/internasional/read/{day:%Y/%m/%d}/{slug}-{index}"
    notes = []
    if publisher is None:
        notes.append("The text names no publisher, no dateline and no copyright line.")
    if url is None:
        notes.append("The capture gives no address, so url is unknown.")
    if by_month:
        notes.append("The text shows no publication date; only the month is recorded.")
    if notes:
        notes.insert(0, f"Synthetic article {index} of seed {seed} (python -m news_archive synth).")

    blocks: list[list[str]] = []

    def media() -> None:
        credit = w.credit(compact=not blocked)
        text = w.paragraph(w.plain, words=12)
        blocks.append([text, *credit] if not blocked or rng.random() < 0.8 else [*credit, text])

    # Header: headline, section/date line, byline, share buttons.
    header: list[str] = []
    if publisher and rng.random() < 0.6:
        header.append(title)
    if publisher and not by_month and style.random() < 0.6:
        if style.random() < 0.5:
            header.append(
                w.furniture(
                    "pipe-metadata", f"{rng.choice(_SECTIONS)} | {publisher.id} | {w.timestamp()}"
                )
            )
        else:
            header.append(w.furniture("timestamp-line", w.timestamp()))
    if authors and style.random() < 0.7:
        byline = f"{rng.choice(('Penulis', 'Reporter', 'Editor'))}: {authors[0]}"
        header.append(w.furniture("byline", byline))
    if style.random() < 0.5:
        header.append(w.furniture("share-buttons"))
    if header:
        blocks.append(header)
    standfirst = w.paragraph(w.plain) if rng.random() < 0.1 else None
    if standfirst:
        blocks += [[standfirst], [standfirst]]
    if rng.random() < 0.4:
        media()

    # The lead: dateline, a date and an attribution.
    lead = w.attributed(dated=True)
    if publisher and publisher.datelines and style.random() < 0.8:
        lead = rng.choice(publisher.datelines) + lead
    paragraphs = [w.paragraph(lambda: lead)]
    # 8 to 30 paragraphs of text, the standfirst included.
    count = rng.randint(8, 30) - (1 if standfirst else 0)
    kinds: list[Callable[[], str]] = [w.figure, w.quote]
    kinds += [
        rng.choice((w.plain, w.plain, w.opened, w.attributed, w.dated, w.figure, w.quote, w.quote))
        for _ in range(count - 3)
    ]
    rng.shuffle(kinds)
    for kind in kinds:
        if len(paragraphs) == count:
            break
        paragraphs.append(w.paragraph(kind))
        if kind == w.quote and len(paragraphs) < count and rng.random() < 0.3:
            paragraphs.append(w.continued())
    blocks.append([paragraphs[0]])
    related = style.random() < 0.6
    ads = style.random() < 0.5
    inline_ads = style.random() < 0.3
    for position, text in enumerate(paragraphs[1:], start=1):
        draw = rng.random()
        if ads and draw < 0.08:
            blocks.append([w.furniture("advertisement")])
        elif related and draw < 0.16:
            blocks.append([w.furniture("related-links", f"Baca juga: {w.title()}")])
        elif draw < 0.22:
            media()
        elif draw < 0.26 and position < len(paragraphs) - 1:
            blocks.append([w.heading()])
        elif draw < 0.28:
            duration = f"{rng.randint(0, 9):02d}:{rng.randint(0, 59):02d}"
            blocks.append([rng.choice(m.headings) if m.headings else w.title()])
            blocks.append([w.furniture("video-duration", duration)])
        if inline_ads and rng.random() < 0.1:
            text = _glue(w, text, rng.choice(("SCROLL TO CONTINUE WITH CONTENT", "ADVERTISEMENT")))
        elif related and rng.random() < 0.05:
            text = _glue(w, text, f" Baca juga: {w.title()}")
        blocks.append([text])

    # Closing: editor's code, copyright, tags, prompts, cookie notice.
    if publisher and style.random() < 0.3:
        initials = "".join(rng.choice("abcdefghijklmnoprstuw") for _ in range(3))
        blocks[-1][-1] += f" ({initials}/{initials[::-1]})"
    closing: list[str] = []
    if publisher and style.random() < 0.6:
        closing.append(
            w.furniture(
                "copyright",
                rng.choice(
                    (f"Hak cipta milik {publisher.name}.", f"© {day.year} {publisher.name}")
                ),
            )
        )
    if style.random() < 0.4:
        names = rng.sample(m.cities + m.districts, 2)
        closing.append(w.furniture("tag-list", f"Tags: Suriah, {', '.join(names)}"))
    if publisher and style.random() < 0.3:
        closing.append(
            w.furniture(
                "follow-prompt", f"Ikuti berita terkini dari {publisher.name} di Google News"
            )
        )
    if style.random() < 0.3:
        closing.append(w.furniture("comment-widget", f"{rng.randint(0, 40)} Komentar"))
    if style.random() < 0.3:
        closing.append(w.furniture("related-links", "Topik Menarik"))
    if style.random() < 0.3:
        closing += list(m.examples["newsletter-prompt"][:3])
    if style.random() < 0.3:
        closing += list(m.examples["cookie-notice"][:2])
    blocks += [[line] for line in closing]
    blocks = [[_not_a_seed_line(w, line) for line in block] for block in blocks]

    if blocked:
        body = "\n\n".join("\n".join(block) for block in blocks)
    else:
        body = "\n".join(line for block in blocks for line in block)

    front = ["---", f"id: {article_id}", f"title: {_yaml_string(title)}"]
    if publisher is None:
        front.append("title_supplied: true")
    front += [
        f"outlet: {publisher.id if publisher else 'null'}",
        f"published: {published}",
        f"language: {LANGUAGE}",
        f"url: {url or 'null'}",
    ]
    if authors:
        front += ["authors:", *(f"  - {name}" for name in authors)]
    if notes:
        front += [
            "notes: >-",
            *textwrap.wrap(" ".join(notes), 88, initial_indent="  ", subsequent_indent="  "),
        ]
    front.append("---")
    folder = f"articles/{day:%Y/%m}" if by_month else f"articles/{day:%Y/%m/%d}"
    return SynthArticle(f"{folder}/{article_id}.md", "\n".join(front) + "\n" + body + "\n")


def _not_a_seed_line(w: _Writer, line: str) -> str:
    """`line`, or a line standing in for it when it repeats a content line of the seeds.

    A seed's heading or caption taken whole into many articles of its outlet would make
    the cleaner take it for that outlet's boilerplate, and the seed would lose a paragraph
    (and the explainers' citations of the ones after it) once the corpus is large.
    Furniture lines repeat on purpose and are kept."""
    if normalize(line) not in w.m.seed_lines or _line_rule(w.m.rules, line):
        return line
    if _title_like(line):
        return f"{line} di {w.rng.choice(w.m.cities)}" if w.m.cities else f"{line} (arsip)"
    return w.paragraph(lambda: line)


def _glue(w: _Writer, paragraph: str, marker: str) -> str:
    """`paragraph` with an advertisement marker or related headline glued between two of
    its sentences, as captures show them ("… ke timur.SCROLL TO CONTINUE WITH CONTENTMereka …"),
    when an inline rule cuts exactly the marker out again; else the paragraph unchanged."""
    sentences = split_sentences(paragraph)
    if len(sentences) < 2 or not re.match(r"[A-Z][a-z]", sentences[1]):
        return paragraph
    head, tail = sentences[0], " ".join(sentences[1:])
    glued = head + marker + tail
    cut = {
        (found.start(), found.end())
        for rule in w.m.rules
        if rule.scope == "inline"
        for found in rule.pattern.finditer(glued)
        if found.end() > found.start()
    }
    return glued if cut == {(len(head), len(head) + len(marker))} else paragraph


# --------------------------------------------------------------------------------------
# The corpus


def write_corpus(out: Path, articles: int, seed: int, sources: Path) -> int:
    """Write `articles` synthetic articles and copies of the registries of `sources` into
    `out`, which must be new or empty. Returns the number of articles written."""
    if articles < 0:
        raise ValueError("the number of articles cannot be negative")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FileExistsError(f"{out} exists and is not an empty folder")
    material = load_material(sources)
    out.mkdir(parents=True, exist_ok=True)
    for registry in sorted(sources.glob("*.yml")):
        shutil.copyfile(registry, out / registry.name)
    folders: set[Path] = set()
    for index in range(1, articles + 1):
        article = synth_article(material, seed, index)
        target = out / article.path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(article.text.encode("utf-8"))
    return articles
