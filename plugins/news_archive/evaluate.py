"""Scoring the extraction engine against hand-written gold annotations (tests/gold/).

An item found by the engine matches a gold item when both sit in the same unit, their
spans overlap (the gold `text` located in the unit), and the values agree: the resolved
value for dates, the number (and upper bound) for figures, the speaker for quotes, the
outlet for attributions. Precision is matched ÷ found, recall matched ÷ gold. How the
finer fields agree on matched pairs (precision and basis of dates, qualifiers of figures,
`how` of attributions) is reported apart, as agreement.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .extract.model import ArticleExtraction, Attribution, DateMention, Figure, Quote

KINDS = ("dates", "figures", "quotes", "attributions")


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    agree: dict[str, list[bool]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0


@dataclass(frozen=True)
class _Found:
    unit: str
    start: int
    end: int
    label: str
    item: Any


def _spans_of(text: str, unit_text: str) -> list[tuple[int, int]]:
    """Where the gold text occurs in the unit; any run of spaces matches any other."""
    words = text.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    return [(m.start(), m.end()) for m in pattern.finditer(unit_text)]


def _norm(text: str | None) -> str:
    return " ".join(str(text or "").casefold().split()).strip(" ,.:;")


def _same_number(a: float | None, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9)


def _date_key(found: DateMention, gold: Mapping[str, Any]) -> bool:
    return found.value is not None and found.value.iso == str(gold.get("value"))


def _figure_key(found: Figure, gold: Mapping[str, Any]) -> bool:
    return _same_number(found.value, gold.get("value")) and (
        "value_max" not in gold or _same_number(found.value_max, gold.get("value_max"))
    )


def _quote_key(found: Quote, gold: Mapping[str, Any]) -> bool:
    """Same registered speaker, or the same speaker phrase; one phrase may be the other
    with more words ("seorang warga Ras al-Ain" / "… yang enggan disebut namanya")."""
    wanted = str(gold.get("speaker") or "")
    if found.speaker == wanted:
        return True
    said, meant = _norm(found.speaker_text), _norm(wanted)
    if not said or not meant:
        return False
    shorter, longer = sorted((said, meant), key=len)
    return said == meant or (len(shorter.split()) >= 2 and longer.startswith(shorter))


def _attribution_key(found: Attribution, gold: Mapping[str, Any]) -> bool:
    return found.outlet == gold.get("outlet")


_KEYS: dict[str, Callable[[Any, Mapping[str, Any]], bool]] = {
    "dates": _date_key,
    "figures": _figure_key,
    "quotes": _quote_key,
    "attributions": _attribution_key,
}
_AGREEMENT: dict[str, Callable[[Any, Mapping[str, Any]], dict[str, bool]]] = {
    "dates": lambda f, g: {
        "precision": str(f.precision) == g.get("precision"),
        "basis": str(f.basis) == g.get("basis"),
    },
    "figures": lambda f, g: {
        "qualifier": f.qualifier == g.get("qualifier", "exact"),
        "unit": (f.measure or None) == g.get("measure"),
    },
    "quotes": lambda f, g: {},
    "attributions": lambda f, g: {"how": f.how == g.get("how")},
}


def _found_items(extraction: ArticleExtraction, kind: str) -> list[_Found]:
    items: Sequence[Any] = getattr(extraction, kind)
    return [_Found(i.unit, i.start, i.end, f"{i.unit} {i.text!r}", i) for i in items]


def score_article(
    extraction: ArticleExtraction, gold: Mapping[str, Any], scores: dict[str, Score]
) -> None:
    units = {unit.id: unit.text for unit in extraction.units}
    for kind in KINDS:
        score = scores.setdefault(kind, Score())
        found = _found_items(extraction, kind)
        used: set[int] = set()
        golden: list[Mapping[str, Any]] = list(gold.get(kind) or [])
        score.gold += len(golden)
        score.found += len(found)
        for entry in golden:
            unit = str(entry.get("unit"))
            spans = _spans_of(str(entry.get("text", "")), units.get(unit, ""))
            label = f"{extraction.article} {unit} {entry.get('text')!r}"
            if not spans:
                score.misses.append(f"{label} (gold text not found in the unit)")
                continue
            match = next(
                (
                    index
                    for index, item in enumerate(found)
                    if index not in used
                    and item.unit == unit
                    and any(item.start < e and s < item.end for s, e in spans)
                    and _KEYS[kind](item.item, entry)
                ),
                None,
            )
            if match is None:
                score.misses.append(f"{label} → {_describe(kind, entry)}")
                continue
            used.add(match)
            score.matched += 1
            for name, ok in _AGREEMENT[kind](found[match].item, entry).items():
                score.agree.setdefault(name, []).append(ok)
                if not ok:
                    score.misses.append(f"  (matched, but {name} differs) {label}")
        score.extras += [
            f"{extraction.article} {item.label} → {_describe_found(kind, item.item)}"
            for index, item in enumerate(found)
            if index not in used
        ]


def _describe(kind: str, entry: Mapping[str, Any]) -> str:
    keys = {"dates": "value", "figures": "value", "quotes": "speaker", "attributions": "outlet"}[
        kind
    ]
    return str(entry.get(keys))


def _describe_found(kind: str, item: Any) -> str:
    if kind == "dates":
        return item.value.iso if item.value else "unresolved"
    if kind == "figures":
        return str(item.value)
    if kind == "quotes":
        return str(item.speaker or item.speaker_text)
    return str(item.outlet)


def load_gold(folder: Path) -> dict[str, dict[str, Any]]:
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        gold[str(data["article"])] = data
    return gold


def evaluate(
    extractions: Mapping[str, ArticleExtraction], gold: Mapping[str, Mapping[str, Any]]
) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    missing = sorted(set(gold) - set(extractions))
    if missing:
        raise KeyError(
            f"gold annotations for articles the archive does not have: {', '.join(missing)}"
        )
    for article, annotated in gold.items():
        score_article(extractions[article], annotated, scores)
    return scores


def report(scores: Mapping[str, Score], verbose: bool = False) -> Iterable[str]:
    yield (
        f"{'kind':<14}{'gold':>6}{'found':>7}{'matched':>9}{'precision':>11}{'recall':>8}"
        "   agreement on matched items"
    )
    for kind in KINDS:
        score = scores[kind]
        agreement = ", ".join(
            f"{name} {sum(values)}/{len(values)}" for name, values in score.agree.items()
        )
        yield (
            f"{kind:<14}{score.gold:>6}{score.found:>7}{score.matched:>9}"
            f"{score.precision:>11.2f}{score.recall:>8.2f}   {agreement}"
        )
    if verbose:
        for kind in KINDS:
            score = scores[kind]
            for line in score.misses:
                yield f"  {kind} missed: {line}"
            for line in score.extras:
                yield f"  {kind} not in gold: {line}"
