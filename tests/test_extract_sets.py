"""The extraction engine on the seed gold and on the development set of other outlets' styles."""

from __future__ import annotations

import pytest

from news_archive.evaluate import KINDS, evaluate, load_gold
from news_archive.pipeline import build_archive
from tests.conftest import ROOT, TODAY

SETS = {
    "seeds": (ROOT / "sources", ROOT / "tests" / "gold"),
    "development": (ROOT / "tests" / "heldout" / "sources", ROOT / "tests" / "heldout" / "gold"),
    "development-2": (
        ROOT / "tests" / "heldout2" / "sources",
        ROOT / "tests" / "heldout2" / "gold",
    ),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_precision_and_recall_are_at_least_095(name: str) -> None:
    sources, gold_dir = SETS[name]
    archive = build_archive(sources, root=sources.parent, today=TODAY)
    gold = load_gold(gold_dir)
    assert len(gold) >= 5
    scores = evaluate(archive.extractions, gold)
    for kind in KINDS:
        score = scores[kind]
        assert score.gold > 0, kind
        assert score.precision >= 0.95 and score.recall >= 0.95, (
            f"{name} {kind}: precision {score.precision:.2f}, recall {score.recall:.2f}\n"
            + "\n".join(score.misses + score.extras)
        )


def test_every_gold_text_is_found_in_its_unit() -> None:
    for sources, gold_dir in SETS.values():
        archive = build_archive(sources, root=sources.parent, today=TODAY)
        scores = evaluate(archive.extractions, load_gold(gold_dir))
        lost = [m for s in scores.values() for m in s.misses if "gold text not found" in m]
        assert not lost, lost


def test_the_development_sets_link_the_project_registries() -> None:
    for folder in ("heldout", "heldout2"):
        for registry in (ROOT / "sources").glob("*.yml"):
            linked = ROOT / "tests" / folder / "sources" / registry.name
            assert linked.resolve() == registry.resolve(), (folder, registry.name)
