"""Reading and validating sources: every bad input names its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from news_archive.errors import ArchiveError, Problem, Severity
from news_archive.model import PartialDate, Precision
from news_archive.sources import load_corpus
from tests.conftest import SEEDS, SOURCES, TODAY, write_article


def problems_of(sources: Path) -> list[Problem]:
    with pytest.raises(ArchiveError) as caught:
        load_corpus(sources, root=sources.parent, today=TODAY)
    return list(caught.value.problems)


def test_the_repository_sources_load_without_problems() -> None:
    corpus = load_corpus(SOURCES, root=SOURCES.parent, today=TODAY)
    assert len(corpus.articles) == 5
    assert corpus.warnings == ()
    assert {a.outlet for a in corpus.articles} == {"rossiyskaya-gazeta", "viva", "inews", None}


def test_every_seed_capture_is_a_source_byte_for_byte() -> None:
    assert SEEDS.is_dir(), f"the seed captures are expected in {SEEDS} (../shared/seeds)"
    corpus = load_corpus(SOURCES, root=SOURCES.parent, today=TODAY)
    bodies = {a.body.encode("utf-8") for a in corpus.articles}
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 5
    for seed in seeds:
        assert seed.read_bytes() in bodies, f"{seed.name} is not kept byte for byte"


def test_sources_are_sorted_by_date_then_id() -> None:
    corpus = load_corpus(SOURCES, root=SOURCES.parent, today=TODAY)
    keys = [a.published.first_day for a in corpus.articles]
    assert keys == sorted(keys)


# One bad article per case, each problem in full, is tests/test_bad_inputs.py; these are
# what loading does across files.
FRONT = "---\nid: a\ntitle: Judul\noutlet: viva\npublished: 2016-12-09\nlanguage: id\nurl: null\nnotes: n\n---\nTeks.\n"


def test_all_problems_of_all_files_are_reported_at_once(sources: Path) -> None:
    write_article(sources, "a", text=FRONT.replace("title: Judul\n", ""))
    write_article(
        sources, "b", text=FRONT.replace("id: a", "id: b").replace("outlet: viva", "outlet: x")
    )
    write_article(
        sources, "c", text=FRONT.replace("id: a", "id: c").replace("title: Judul", "title: [x")
    )
    problems = problems_of(sources)
    assert [(p.path.rsplit("/", 1)[1], p.field) for p in problems] == [
        ("a.md", "title"),
        ("b.md", "outlet"),
        ("c.md", "title"),
    ]


def test_bom_and_crlf_are_accepted_and_the_text_kept(sources: Path) -> None:
    text = FRONT.replace("\n", "\r\n")
    path = sources / "articles" / "a.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    corpus = load_corpus(sources, root=sources.parent, today=TODAY)
    [article] = corpus.articles
    assert article.title == "Judul"
    assert article.body == "Teks.\r\n"


def test_month_precision_is_allowed() -> None:
    date = PartialDate.parse("2016-12")
    assert (date.precision, date.first_day.isoformat(), date.last_day.isoformat()) == (
        Precision.MONTH,
        "2016-12-01",
        "2016-12-31",
    )


# --- registries -------------------------------------------------------------------------

OUTLET = """outlets:
  - id: viva
    name: VIVA.co.id
    kind: news-site
    country: ID
    affiliation:
      id: Situs berita.
      en: News site.
"""

BAD_OUTLETS = [
    ("invalid YAML", OUTLET.replace("name: VIVA.co.id", "name: [VIVA"), 3, "name", "invalid YAML"),
    (
        "missing affiliation",
        OUTLET.split("    affiliation")[0],
        2,
        "outlets[0].affiliation",
        "missing required field",
    ),
    ("unknown kind", OUTLET.replace("news-site", "blog"), 4, "outlets[0].kind", "is not one of"),
    (
        "unknown country",
        OUTLET.replace("country: ID", "country: XX"),
        5,
        "outlets[0].country",
        "not an ISO",
    ),
    ("duplicate id", OUTLET + OUTLET.removeprefix("outlets:\n"), 9, "outlets[1].id", "used twice"),
    (
        "empty alias",
        OUTLET.replace("    kind:", "    aliases: ['']\n    kind:"),
        4,
        "outlets[0].aliases[0]",
        "is empty",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "field", "words"), BAD_OUTLETS, ids=[case[0] for case in BAD_OUTLETS]
)
def test_a_bad_outlet_registry_is_reported(
    sources: Path, case: str, text: str, line: int, field: str | None, words: str
) -> None:
    (sources / "outlets.yml").write_text(text, encoding="utf-8")
    write_article(sources, "a")
    problems = [p for p in problems_of(sources) if p.path == "sources/outlets.yml"]
    assert len(problems) == 1, problems
    assert (problems[0].line, problems[0].field) == (line, field), str(problems[0])
    assert words in problems[0].message


def test_a_name_shared_by_two_outlets_is_refused(sources: Path) -> None:
    text = OUTLET + OUTLET.removeprefix("outlets:\n").replace("id: viva", "id: viva-2")
    (sources / "outlets.yml").write_text(text, encoding="utf-8")
    write_article(sources, "a")
    [problem] = [p for p in problems_of(sources) if p.path == "sources/outlets.yml"]
    assert "also belongs to outlet 'viva'" in problem.message


RULE = """
  - id: test-rule
    kind: furniture
    scope: line
    pattern: '{pattern}'
    label: {{id: Uji, en: Test}}
    examples: ['{example}']
"""

BAD_RULES = [
    ("invalid regex", "(iklan", "iklan", "not a valid regular expression"),
    ("example not matched", "iklan", "Iklan baris", "does not match its own example"),
    ("matches ordinary text", ".*", "Iklan", "would remove ordinary text"),
]


@pytest.mark.parametrize(
    ("case", "pattern", "example", "words"), BAD_RULES, ids=[c[0] for c in BAD_RULES]
)
def test_a_bad_cleaning_rule_is_reported(
    sources: Path, case: str, pattern: str, example: str, words: str
) -> None:
    path = sources / "cleaning.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + RULE.format(pattern=pattern, example=example), encoding="utf-8")
    write_article(sources, "a")
    problems = problems_of(sources)
    assert any(words in p.message and p.path == "sources/cleaning.yml" for p in problems), problems
    assert all(p.line is not None and p.line > text.count("\n") for p in problems)


def test_an_empty_archive_is_a_warning_not_an_error(sources: Path) -> None:
    corpus = load_corpus(sources, root=sources.parent, today=TODAY)
    assert corpus.articles == ()
    assert [p.severity for p in corpus.warnings] == [Severity.WARNING]
