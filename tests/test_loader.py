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


# Each case: file text → (line, field, words the message must contain).
FRONT = "---\nid: a\ntitle: Judul\noutlet: viva\npublished: 2016-12-09\nlanguage: id\nurl: null\nnotes: n\n---\nTeks.\n"

BAD_ARTICLES = [
    ("missing title", FRONT.replace("title: Judul\n", ""), 2, "title", "missing required field"),
    ("broken YAML", FRONT.replace("title: Judul", "title: [Judul"), 3, "title", "invalid YAML"),
    ("unclosed quote", FRONT.replace("title: Judul", "title: 'Judul"), 3, "title", "invalid YAML"),
    (
        "colon in plain text",
        FRONT.replace("title: Judul", "title: Assad: menang"),
        3,
        "title",
        "invalid YAML",
    ),
    (
        "unknown outlet",
        FRONT.replace("outlet: viva", "outlet: vivva"),
        4,
        "outlet",
        "unknown outlet 'vivva'",
    ),
    (
        "date that does not exist",
        FRONT.replace("2016-12-09", "2016-02-30"),
        5,
        "published",
        "does not exist",
    ),
    (
        "date in the future",
        FRONT.replace("2016-12-09", "2031-01-01"),
        5,
        "published",
        "in the future",
    ),
    (
        "date of the wrong form",
        FRONT.replace("2016-12-09", "9 Desember 2016"),
        5,
        "published",
        "expected form",
    ),
    (
        "title of the wrong type",
        FRONT.replace("title: Judul", "title: 2016"),
        3,
        "title",
        "must be text, not a number",
    ),
    ("empty title", FRONT.replace("title: Judul", "title: ' '"), 3, "title", "is empty"),
    (
        "misspelt field",
        FRONT.replace("title: Judul", "title: Judul\ntitel: x"),
        4,
        "titel",
        "unknown field",
    ),
    (
        "key written twice",
        FRONT.replace("title: Judul", "title: Judul\ntitle: Lain"),
        4,
        "title",
        "written twice",
    ),
    (
        "url with another scheme",
        FRONT.replace("url: null", "url: 'javascript:alert(1)'"),
        7,
        "url",
        "expected form",
    ),
    (
        "url null without notes",
        FRONT.replace("notes: n\n", ""),
        2,
        "notes",
        "missing required field",
    ),
    ("id in upper case", FRONT.replace("id: a", "id: Aleppo Satu"), 2, "id", "expected form"),
    (
        "id other than the file name",
        FRONT.replace("id: a", "id: b"),
        2,
        "id",
        "does not match the file name",
    ),
    ("front matter not a mapping", "---\n- a\n- b\n---\nTeks.\n", 2, None, "mapping of fields"),
    ("no front matter", "Teks tanpa front matter.\n", 1, None, "has no front matter"),
    ("front matter not closed", FRONT.replace("---\nTeks", "Teks"), 1, None, "not closed"),
    ("empty body", FRONT.replace("Teks.\n", "\n  \n"), 10, None, "no text after the front matter"),
    (
        "no body and no line break after the closing ---",
        FRONT.replace("---\nTeks.\n", "---"),
        9,
        None,
        "no text after the front matter",
    ),
    (
        "retrieved before published",
        FRONT.replace("notes: n", "notes: n\nretrieved: 2016-12-01"),
        9,
        "retrieved",
        "before the publication date",
    ),
    (
        "boolean where text belongs",
        FRONT.replace("language: id", "language: no"),
        6,
        "language",
        "must be text, not true/false",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "field", "words"), BAD_ARTICLES, ids=[case[0] for case in BAD_ARTICLES]
)
def test_a_bad_article_is_reported_with_file_line_and_field(
    sources: Path, case: str, text: str, line: int, field: str | None, words: str
) -> None:
    write_article(sources, "a", text=text)
    problems = problems_of(sources)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.path == "sources/articles/a.md"
    assert (problem.line, problem.field) == (line, field), str(problem)
    assert words in problem.message, str(problem)
    assert str(problem).startswith(f"sources/articles/a.md:{line}:")


def test_reserved_id_is_refused(sources: Path) -> None:
    write_article(sources, "index")
    [problem] = problems_of(sources)
    assert (problem.line, problem.field) == (2, "id")
    assert "reserved" in problem.message


def test_a_file_that_is_not_utf8_names_the_line(sources: Path) -> None:
    path = write_article(sources, "a")
    path.write_bytes(path.read_bytes() + b"Baris kedua\nBaris \xe9 ketiga\n")
    [problem] = problems_of(sources)
    assert problem.line == 12
    assert "not UTF-8" in problem.message


def test_a_nul_byte_is_refused_with_its_line(sources: Path) -> None:
    write_article(sources, "a", body="Satu.\nDua\x00.\n")
    [problem] = problems_of(sources)
    assert (problem.line, problem.field) == (11, None)
    assert "NUL" in problem.message


def test_duplicate_ids_in_two_folders_name_both_files(sources: Path) -> None:
    write_article(sources, "a", folder="2016")
    write_article(sources, "a", folder="2024")
    [problem] = problems_of(sources)
    assert problem.path == "sources/articles/2024/a.md"
    assert "already used by sources/articles/2016/a.md" in problem.message


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
