"""Labels and Babel formatting."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from news_archive.catalog import catalog
from news_archive.cleaning import SegmentKind, StructuralRule
from news_archive.extract.model import Basis, Precision
from news_archive.formatting import format_partial_date, language_name
from news_archive.model import EntityKind, OutletKind, PartialDate, TermCategory

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "news_archive"


def test_every_label_has_both_languages_and_every_used_key_exists() -> None:
    messages = catalog().messages
    code = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))
    used = set(re.findall(r"""["']([a-z_]+\.[a-z_.\-]+)["']""", code)) & set(messages)
    called = set(re.findall(r"""\bt(?:ext)?\(\s*["']([a-z_]+\.[a-z_.\-]+)["']""", code))
    assert called, "no label keys found in the code"
    assert called <= set(messages), called - set(messages)
    dynamic = {f"kind.{k}" for k in SegmentKind if k.place == "removed"}
    dynamic |= {f"article.precision.{p}" for p in ("month", "year")}
    dynamic |= {f"article.part.{p}" for p in ("start", "end", "inside")}
    dynamic |= {f"basis.{b}" for b in Basis} | {f"precision.{p}" for p in Precision}
    dynamic |= {f"kind.outlet.{k}" for k in OutletKind}
    dynamic |= {f"category.{c}" for c in TermCategory}
    dynamic |= {f"part.{p}" for p in ("early", "middle", "late")}
    dynamic |= {f"entity.{form}.{k}" for k in EntityKind for form in ("kind", "one")}
    schema = json.loads((PACKAGE / "schemas" / "entities.schema.json").read_text(encoding="utf-8"))
    relation_types = schema["$defs"]["entity"]["properties"]["relations"]["items"]["properties"][
        "type"
    ]["enum"]
    dynamic |= {f"relation.{r}" for r in relation_types}
    dynamic |= {f"ownership.{o}" for o in ("state", "private", "public")}
    dynamic |= {
        f"flag.{f}"
        for f in (
            "weekday-mismatch",
            "future",
            "anchor-text",
            "unresolved",
            "decimal-point",
            "unclosed",
        )
    }
    dynamic |= {
        f"qualifier.{q}"
        for q in (
            "exact",
            "approximately",
            "almost",
            "more_than",
            "less_than",
            "at_least",
            "up_to",
            "range",
            "vague",
        )
    }
    dynamic |= {
        f"how.{h}"
        for h in ("quoted", "reported", "told", "according", "agency", "credit", "channel")
    }
    assert dynamic <= set(messages), dynamic - set(messages)
    structural = {f"rule.{r.value}" for r in StructuralRule}
    unused = set(messages) - used - dynamic - structural
    assert not unused, f"labels nobody uses: {sorted(unused)}"


@pytest.mark.parametrize(
    ("date", "lang", "expected"),
    [
        ("2016-12-22", "id", "Kamis, 22 Desember 2016"),
        ("2016-12-22", "en", "Thursday, 22 December 2016"),
        ("2016-12", "id", "Desember 2016"),
        ("2016-12", "en", "December 2016"),
        ("2024", "id", "2024"),
    ],
)
def test_dates_are_formatted_by_babel_by_precision(date: str, lang: str, expected: str) -> None:
    assert format_partial_date(PartialDate.parse(date), lang) == expected


def test_plural_forms_and_numbers_follow_the_language() -> None:
    assert (
        catalog()
        .text("index.summary", "en", count=1, outlets=1)
        .startswith("The archive holds 1 article ")
    )
    assert (
        catalog()
        .text("index.summary", "en", count=10000, outlets=2)
        .startswith("The archive holds 10,000 articles")
    )
    assert (
        catalog()
        .text("index.summary", "id", count=10000, outlets=2)
        .startswith("Arsip ini memuat 10.000 artikel")
    )


def test_language_names() -> None:
    assert (language_name("id", "id"), language_name("id", "en")) == ("Indonesia", "Indonesian")
