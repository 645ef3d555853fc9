"""The bad-input suite: no contribution can break the build silently, lose a line, or put
script on the site.

Every case is a small source tree and what must come of it. Either the build fails with
the exact problems (`path:line: field: message (hint: …)`), or it builds and the text is
shown literally: escaped, without an element or attribute of its own, nothing evaluated,
every line of the body on the article page (in the text, the captions or the table of what
cleaning removed). No case may end in a traceback.

Most cases run through the core (`load_corpus`, `build_archive`, `read_explainers`), which
is what the plugin calls. Real `mkdocs build --strict` runs are shared: one build holds
every hostile text that must build, and one failing build per family holds all of its
cases at once, to show that the build prints the same messages as the core.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from news_archive.archive import Archive
from news_archive.citations import check_citations, read_explainers
from news_archive.errors import ArchiveError, Problem
from news_archive.pipeline import build_archive
from news_archive.sources import load_corpus
from tests.conftest import ROOT, SOURCES, TODAY, copy_project, run_mkdocs_build
from tests.test_build import HOSTILE_BODY

# --------------------------------------------------------------------------------------
# Cases and trees


@dataclass(frozen=True)
class Refused:
    """A tree the build must refuse, and every problem it must print, in order."""

    id: str
    files: Mapping[str, str | bytes]
    """Path from the project root → content (bytes are written as they are)."""
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Shown:
    """An article that must build, its text shown literally."""

    id: str
    text: str | bytes
    """The whole source file."""
    body: str
    """The body as written, every line of which must be on the page."""
    title: str = "Judul uji"
    notes: str = "Sumber uji."
    literal: tuple[str, ...] = ()
    """Fragments that must be in the page's HTML exactly so (escaped forms)."""


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def problems_of(error: ArchiveError) -> tuple[str, ...]:
    return tuple(str(problem) for problem in error.problems)


# --------------------------------------------------------------------------------------
# Articles the build must refuse

BODY = "Kalimat pertama artikel ini.\n"
TEMPLATE = """---
id: {id}
title: Judul uji
outlet: viva
published: 2016-12-09
language: id
url: null
notes: Sumber uji.
---
"""
"""Lines: 2 id, 3 title, 4 outlet, 5 published, 6 language, 7 url, 8 notes, 10 body."""


def source(article_id: str, *edits: tuple[str, str], body: str = BODY) -> str:
    """The text of an article file, with each (old, new) replaced once."""
    text = TEMPLATE.format(id=article_id) + body
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def article_path(article_id: str) -> str:
    return f"sources/articles/{article_id}.md"


def refused(case_id: str, text: str | bytes, *problems: str) -> Refused:
    """An article case: one file named after the case."""
    return Refused(case_id, {article_path(case_id): text}, problems)


YAML_HINT = "(hint: check indentation and brackets; quote text with ': ' or a leading symbol)"
ID_HINT = (
    "(hint: lower-case letters, digits and single hyphens, "
    "e.g. viva-2016-12-warga-aleppo-dievakuasi)"
)
TITLE_HINT = "(hint: copy the headline as it appears in the capture)"
OUTLET_HINT = "(hint: an id from sources/outlets.yml, or null with a note)"
DATE_HINT = (
    "(hint: write 2016-12-22, 2016-12 when only the month is known, or '2016' in quotes "
    "when only the year is: YAML reads a bare 2016 as a number)"
)
LANGUAGE_HINT = "(hint: id for Indonesian, en for English)"
URL_HINT = "(hint: an http(s) address copied from the browser, or null with a note)"
PLAIN_HINT = "(hint: use plain strings, numbers, lists and mappings)"

BIG_LINE = "Pasukan pemerintah bergerak perlahan melewati jalan yang rusak.\n"
"""64 bytes: after the 121 bytes of the front matter of `five-megabytes`, 15,623 lines of
it fill 999,993 bytes, so the file passes 1,000,000 bytes on line 9 + 15,624."""
ALIAS_BOMB = "\n".join(
    [
        "authors: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
        *(
            f"x{n}: &a{n} [{', '.join([f'*a{n - 1}' if n > 1 else '*a'] * 9)}]"
            for n in range(1, 10)
        ),
    ]
)
"""Ten lines that expand to 9^10 strings if aliases are followed."""

A = article_path
ARTICLE_CASES = [
    # YAML and the front matter itself
    refused(
        "invalid-yaml-bracket",
        source("invalid-yaml-bracket", ("title: Judul uji", "title: [Judul uji")),
        f"{A('invalid-yaml-bracket')}:3: title: invalid YAML (while parsing a flow sequence "
        f"did not find expected ',' or ']') {YAML_HINT}",
    ),
    refused(
        "invalid-yaml-quote",
        source("invalid-yaml-quote", ("title: Judul uji", "title: 'Judul uji")),
        f"{A('invalid-yaml-quote')}:3: title: invalid YAML (while scanning a quoted scalar "
        f"found unexpected end of stream) {YAML_HINT}",
    ),
    refused(
        "invalid-yaml-colon",
        source("invalid-yaml-colon", ("title: Judul uji", "title: Assad: menang")),
        f"{A('invalid-yaml-colon')}:3: title: invalid YAML (mapping values are not allowed "
        f"in this context) {YAML_HINT}",
    ),
    refused(
        "invalid-yaml-tab",
        source("invalid-yaml-tab", ("title: Judul uji", "title:\tJudul\n\tlain: x")),
        f"{A('invalid-yaml-tab')}:3: title: invalid YAML (while scanning a plain scalar found "
        f"a tab character that violates indentation) {YAML_HINT}",
    ),
    refused(
        "front-matter-missing",
        "Ribuan warga sipil Aleppo dievakuasi.\n",
        f"{A('front-matter-missing')}:1: has no front matter (hint: start the file with a "
        "line holding only ---, the fields, and another ---)",
    ),
    refused(
        "front-matter-unterminated",
        source("front-matter-unterminated", ("---\nKalimat", "Kalimat")),
        f"{A('front-matter-unterminated')}:1: the front matter is not closed (hint: end it "
        "with a line holding only ---)",
    ),
    refused(
        "front-matter-empty",
        "---\n---\n" + BODY,
        f"{A('front-matter-empty')}:2: the front matter must be a mapping of fields (name: value)",
    ),
    refused(
        "front-matter-a-list",
        "---\n- a\n- b\n---\n" + BODY,
        f"{A('front-matter-a-list')}:2: the front matter must be a mapping of fields (name: value)",
    ),
    refused(
        "key-written-twice",
        source("key-written-twice", ("title: Judul uji", "title: Judul uji\ntitle: Lain")),
        f"{A('key-written-twice')}:4: title: key 'title' is written twice (first on line 3) "
        "(hint: keep one; YAML would silently drop the first value)",
    ),
    refused(
        "unknown-field",
        source("unknown-field", ("title: Judul uji", "title: Judul uji\ntitel: x")),
        f"{A('unknown-field')}:4: titel: unknown field (hint: did you mean 'title'?)",
    ),
    refused(
        "yaml-alias-bomb",
        source("yaml-alias-bomb", ("notes: Sumber uji.", "notes: Sumber uji.\n" + ALIAS_BOMB)),
        *(
            f"{A('yaml-alias-bomb')}:{9 + n}: x{n}[0]: aliases (*name) are not supported "
            "(hint: write the value out where it is needed)"
            for n in range(1, 10)
        ),
    ),
    refused(
        "yaml-python-tag",
        source(
            "yaml-python-tag",
            ("title: Judul uji", "title: !!python/object/apply:os.system ['echo hi']"),
        ),
        f"{A('yaml-python-tag')}:3: title: unsupported YAML value: the tag "
        f"!!python/object/apply:os.system {PLAIN_HINT}",
    ),
    # Each required field missing
    *(
        refused(
            f"missing-{field}",
            source(f"missing-{field}", (line, "")),
            f"{A(f'missing-{field}')}:2: {field}: missing required field {hint}",
        )
        for field, line, hint in [
            ("id", "id: missing-id\n", ID_HINT),
            ("title", "title: Judul uji\n", TITLE_HINT),
            ("outlet", "outlet: viva\n", OUTLET_HINT),
            ("published", "published: 2016-12-09\n", DATE_HINT),
            ("language", "language: id\n", LANGUAGE_HINT),
            ("url", "url: null\n", URL_HINT),
        ]
    ),
    # Each required field of the wrong type
    refused(
        "id-a-number",
        source("id-a-number", ("id: id-a-number", "id: 2016")),
        f"{A('id-a-number')}:2: id: must be text, not a number {ID_HINT}",
    ),
    refused(
        "title-a-list",
        source("title-a-list", ("title: Judul uji", "title: [Judul, uji]")),
        f"{A('title-a-list')}:3: title: must be text, not a list {TITLE_HINT}",
    ),
    refused(
        "outlet-a-mapping",
        source("outlet-a-mapping", ("outlet: viva", "outlet: {id: viva}")),
        f"{A('outlet-a-mapping')}:4: outlet: must be text or null, not a mapping of fields "
        f"{OUTLET_HINT}",
    ),
    refused(
        "published-a-number",
        source("published-a-number", ("published: 2016-12-09", "published: 2016")),
        f"{A('published-a-number')}:5: published: must be text, not a number {DATE_HINT}",
    ),
    refused(
        "language-a-boolean",
        source("language-a-boolean", ("language: id", "language: no")),
        f"{A('language-a-boolean')}:6: language: must be text, not true/false {LANGUAGE_HINT}",
    ),
    refused(
        "url-a-number",
        source("url-a-number", ("url: null", "url: 404")),
        f"{A('url-a-number')}:7: url: must be text or null, not a number {URL_HINT}",
    ),
    refused(
        "title-empty",
        source("title-empty", ("title: Judul uji", "title: ' '")),
        f"{A('title-empty')}:3: title: is empty {TITLE_HINT}",
    ),
    refused(
        "notes-missing-with-null-url",
        source("notes-missing-with-null-url", ("notes: Sumber uji.\n", "")),
        f"{A('notes-missing-with-null-url')}:2: notes: missing required field (hint: url is "
        "null: say in notes why the address is not known)",
    ),
    # Dates
    refused(
        "date-that-does-not-exist",
        source("date-that-does-not-exist", ("2016-12-09", "2016-02-30")),
        f"{A('date-that-does-not-exist')}:5: published: 2016-02-30 does not exist (that month "
        "has 29 days)",
    ),
    refused(
        "date-in-the-future",
        source("date-in-the-future", ("2016-12-09", "2031-01-01")),
        f"{A('date-in-the-future')}:5: published: 2031-01-01 is in the future (hint: check "
        "the year; the archive holds articles already published)",
    ),
    refused(
        "date-year-zero",
        source("date-year-zero", ("2016-12-09", "0000-01")),
        f"{A('date-year-zero')}:5: published: there is no year 0",
    ),
    refused(
        "date-in-words",
        source("date-in-words", ("2016-12-09", "9 Desember 2016")),
        f"{A('date-in-words')}:5: published: '9 Desember 2016' is not of the expected form "
        f"{DATE_HINT}",
    ),
    refused(
        "retrieved-before-published",
        source(
            "retrieved-before-published", ("notes: Sumber uji.", "notes: n\nretrieved: 2016-12-01")
        ),
        f"{A('retrieved-before-published')}:9: retrieved: 2016-12-01 is before the "
        "publication date 2016-12-09",
    ),
    # Ids
    Refused(
        "duplicate-id",
        {
            "sources/articles/2016/duplicate-id.md": source("duplicate-id"),
            "sources/articles/2024/duplicate-id.md": source(
                "duplicate-id",
                ("id: duplicate-id\n", ""),
                ("notes: Sumber uji.", "notes: n\nid: duplicate-id"),
            ),
        },
        (
            "sources/articles/2024/duplicate-id.md:8: id: id 'duplicate-id' is already used by "
            "sources/articles/2016/duplicate-id.md",
        ),
    ),
    refused(
        "id-with-slash",
        source("id-with-slash", ("id: id-with-slash", "id: artikel/id-with-slash")),
        f"{A('id-with-slash')}:2: id: 'artikel/id-with-slash' is not of the expected form "
        f"{ID_HINT}",
    ),
    refused(
        "id-with-dots",
        source("id-with-dots", ("id: id-with-dots", "id: ../../id-with-dots")),
        f"{A('id-with-dots')}:2: id: '../../id-with-dots' is not of the expected form {ID_HINT}",
    ),
    refused(
        "id-with-spaces",
        source("id-with-spaces", ("id: id-with-spaces", "id: id with spaces")),
        f"{A('id-with-spaces')}:2: id: 'id with spaces' is not of the expected form {ID_HINT}",
    ),
    refused(
        "id-in-upper-case",
        source("id-in-upper-case", ("id: id-in-upper-case", "id: Id-In-Upper-Case")),
        f"{A('id-in-upper-case')}:2: id: 'Id-In-Upper-Case' is not of the expected form {ID_HINT}",
    ),
    refused(
        "id-not-the-file-name",
        source("id-not-the-file-name", ("id: id-not-the-file-name", "id: another-name")),
        f"{A('id-not-the-file-name')}:2: id: id 'another-name' does not match the file name "
        "'id-not-the-file-name.md' (hint: rename the file to another-name.md or change the id)",
    ),
    refused(
        "id-reserved",
        source("id-reserved", ("id: id-reserved", "id: index")),
        f"{A('id-reserved')}:2: id: 'index' is reserved for an index page (hint: choose "
        "another id)",
    ),
    # References
    refused(
        "unknown-outlet",
        source("unknown-outlet", ("outlet: viva", "outlet: vivaa")),
        f"{A('unknown-outlet')}:4: outlet: unknown outlet 'vivaa' (hint: did you mean 'viva'?)",
    ),
    refused(
        "unknown-outlet-far-from-any",
        source("unknown-outlet-far-from-any", ("outlet: viva", "outlet: zz-top")),
        f"{A('unknown-outlet-far-from-any')}:4: outlet: unknown outlet 'zz-top' (hint: add it "
        "to sources/outlets.yml, or use null and explain in notes)",
    ),
    # URLs that are not addresses of a web page
    refused(
        "url-javascript",
        source("url-javascript", ("url: null", "url: 'javascript:alert(1)'")),
        f"{A('url-javascript')}:7: url: 'javascript:alert(1)' is not of the expected form "
        f"{URL_HINT}",
    ),
    refused(
        "url-data",
        source("url-data", ("url: null", "url: 'data:text/html,<script>alert(1)</script>'")),
        f"{A('url-data')}:7: url: 'data:text/html,<script>alert(1)</script>' is not of the "
        f"expected form {URL_HINT}",
    ),
    refused(
        "url-breaking-out-of-the-attribute",
        source(
            "url-breaking-out-of-the-attribute",
            ("url: null", "url: 'https://example.com/\" onmouseover=\"alert(1)'"),
        ),
        f"{A('url-breaking-out-of-the-attribute')}:7: url: 'https://example.com/\" "
        f"onmouseover=\"alert(1)' is not of the expected form {URL_HINT}",
    ),
    # The file itself
    refused(
        "not-utf8",
        source("not-utf8", body="Baris pertama.\nKota Al\xe9p.\n").encode("latin-1"),
        f"{A('not-utf8')}:11: is not UTF-8 text (byte 0xe9 at position 137) (hint: save the "
        "file as UTF-8; capture a PDF or an old encoding again)",
    ),
    refused(
        "nul-bytes",
        source("nul-bytes", body="Baris pertama.\nBaris\x00 kedua.\n"),
        f"{A('nul-bytes')}:11: contains a NUL character (hint: the file is binary or damaged; "
        "capture the text again)",
    ),
    refused(
        "empty-body",
        source("empty-body", body="\n  \n"),
        f"{A('empty-body')}:10: the article has no text after the front matter (hint: paste "
        "the captured text below the closing ---)",
    ),
    refused(
        "five-megabytes",
        source("five-megabytes", body=BIG_LINE * (5_000_000 // len(BIG_LINE))),
        f"{A('five-megabytes')}:15633: the file is 5.0 MB and passes the limit of 1 MB for an "
        "article on this line (hint: a capture this long holds more than one article, or is "
        "not text; capture the article alone)",
    ),
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A project root whose sources hold the real registries and no articles."""
    (tmp_path / "sources" / "articles").mkdir(parents=True)
    for registry in SOURCES.glob("*.yml"):
        shutil.copy2(registry, tmp_path / "sources" / registry.name)
    return tmp_path


@pytest.mark.parametrize("case", ARTICLE_CASES, ids=[case.id for case in ARTICLE_CASES])
def test_a_bad_article_is_refused_with_file_line_and_field(tree: Path, case: Refused) -> None:
    write_tree(tree, case.files)
    with pytest.raises(ArchiveError) as caught:
        load_corpus(tree / "sources", root=tree, today=TODAY)
    assert problems_of(caught.value) == case.problems


# --------------------------------------------------------------------------------------
# Registries the build must refuse. Small registries (written whole, so lines are fixed)
# replace entities, glossary and events; the outlets registry is the real one.

ENTITIES = """entities:
  - id: aleppo
    kind: place
    names: {id: Aleppo, en: Aleppo}
    aliases: [Halab]
  - id: tentara-suriah
    kind: organization
    names: {id: Tentara Suriah, en: Syrian Army}
"""
GLOSSARY = """terms:
  - id: evakuasi
    term: evakuasi
    forms: [dievakuasi]
    en: [evacuation]
    definition: {id: Pemindahan warga dari bahaya., en: Moving people out of danger.}
    category: humanitarian
"""
EVENTS = """periods:
  - id: pertempuran-aleppo
    title: {id: Pertempuran Aleppo, en: The battle of Aleppo}
    date: "2012-07/2016-12"
events:
  - id: evakuasi-aleppo
    date: "2016-12-15"
    precision: day
    title: {id: Evakuasi Aleppo timur, en: Eastern Aleppo evacuated}
    summary: {id: Warga dievakuasi., en: People were evacuated.}
    entities: [aleppo]
    match:
      words: [evakuasi, dievakuasi]
"""
SMALL_BODY = "Warga Aleppo dievakuasi oleh Tentara Suriah dan relawan yang datang.\n"
OUTLETS = (SOURCES / "outlets.yml").read_text(encoding="utf-8")
"""The real outlets registry, which articles and cleaning rules refer to; cases add at its end."""
OUTLETS_LINES = OUTLETS.count("\n")
OUTLETS_COUNT = OUTLETS.count("\n  - id:")


def small_tree(
    entities: str = ENTITIES,
    glossary: str = GLOSSARY,
    events: str = EVENTS,
    outlets_extra: str = "",
    body: str = SMALL_BODY,
) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "sources/entities.yml": entities,
        "sources/glossary.yml": glossary,
        "sources/events.yml": events,
        article_path("artikel-uji"): source("artikel-uji", body=body),
    }
    if outlets_extra:
        files["sources/outlets.yml"] = OUTLETS + outlets_extra
    return files


def edited(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


REGISTRY_CASES = [
    Refused(
        "registry-invalid-yaml",
        small_tree(entities=edited(ENTITIES, "[Halab]", "[Halab")),
        (
            "sources/entities.yml:5: aliases: invalid YAML (while parsing a flow sequence did "
            f"not find expected ',' or ']') {YAML_HINT}",
        ),
    ),
    Refused(
        "registry-not-utf8",
        {
            **small_tree(),
            "sources/events.yml": edited(EVENTS, "Warga", "Warga caf\xe9").encode("latin-1"),
        },
        (
            "sources/events.yml:10: is not UTF-8 text (byte 0xe9 at position 296) (hint: save "
            "the file as UTF-8; capture a PDF or an old encoding again)",
        ),
    ),
    # An alias that is empty, or would match everything. A broken registry is the only
    # problem shown: events naming its entities do not report them unknown as well.
    Refused(
        "alias-empty",
        small_tree(entities=edited(ENTITIES, "[Halab]", "['']")),
        ("sources/entities.yml:5: entities[0].aliases[0]: is empty",),
    ),
    Refused(
        "alias-blank",
        small_tree(entities=edited(ENTITIES, "[Halab]", "['   ']")),
        ("sources/entities.yml:5: entities[0].aliases[0]: is empty",),
    ),
    Refused(
        "alias-single-letter",
        small_tree(entities=edited(ENTITIES, "[Halab]", "[A]")),
        (
            "sources/entities.yml:5: entities[0].aliases[0]: 'A' is too short (at least 2 characters)",
        ),
    ),
    Refused(
        "alias-everyday-word",
        small_tree(entities=edited(ENTITIES, "[Halab]", "[Halab, dan]")),
        (
            "sources/entities.yml:5: entities[0].aliases[1]: 'dan' is an everyday word: it "
            "would mark most articles (hint: give only names and spellings that mean this entry)",
        ),
    ),
    Refused(
        "outlet-alias-everyday-word",
        small_tree(
            outlets_extra="""
  - id: media-uji
    name: Media Uji
    aliases: [yang]
    kind: news-site
    affiliation: {id: Media uji., en: A test outlet.}
"""
        ),
        (
            f"sources/outlets.yml:{OUTLETS_LINES + 4}: outlets[{OUTLETS_COUNT}].aliases[0]: 'yang' is an "
            "everyday word: it would mark most articles (hint: give only names and spellings "
            "that mean this entry)",
        ),
    ),
    Refused(
        "glossary-form-everyday-word",
        small_tree(glossary=edited(GLOSSARY, "[dievakuasi]", "[dievakuasi, dari]")),
        (
            "sources/glossary.yml:4: terms[0]: 'dari' is an everyday word: it would mark most "
            "articles (hint: give only forms that mean this term)",
        ),
    ),
    Refused(
        "glossary-form-too-short",
        small_tree(glossary=edited(GLOSSARY, "[dievakuasi]", "[di]")),
        ("sources/glossary.yml:4: terms[0].forms[0]: 'di' is too short (at least 3 characters)",),
    ),
    # Two of the same id
    Refused(
        "two-events-with-one-id",
        small_tree(events=EVENTS + EVENTS.split("events:\n", 1)[1]),
        ("sources/events.yml:14: events[1].id: event id 'evakuasi-aleppo' is used twice",),
    ),
    Refused(
        "two-entities-with-one-id",
        small_tree(entities=ENTITIES + ENTITIES.split("entities:\n", 1)[1].split("  - id: t")[0]),
        ("sources/entities.yml:9: entities[2].id: entity id 'aleppo' is already used (line 2)",),
    ),
    # Unknown ids in registries
    Refused(
        "event-names-an-unknown-entity",
        small_tree(events=edited(EVENTS, "entities: [aleppo]", "entities: [aleppo, halab]")),
        (
            "sources/events.yml:11: events[0].entities[1]: unknown entity 'halab' (hint: add it "
            "to sources/entities.yml or fix the id)",
        ),
    ),
    Refused(
        "term-sees-an-unknown-term",
        small_tree(glossary=GLOSSARY + "    see: [pengungsi]\n"),
        ("sources/glossary.yml:2: terms[0].see[0]: unknown term 'pengungsi'",),
    ),
    Refused(
        "entity-related-to-an-unknown-entity",
        small_tree(entities=ENTITIES + "    relations:\n      - {type: part-of, target: suriah}\n"),
        (
            "sources/entities.yml:6: entities[1].relations[0].target: unknown entity or outlet 'suriah'",
        ),
    ),
]


@pytest.mark.parametrize("case", REGISTRY_CASES, ids=[case.id for case in REGISTRY_CASES])
def test_a_bad_registry_is_refused_with_file_line_and_field(tree: Path, case: Refused) -> None:
    write_tree(tree, case.files)
    with pytest.raises(ArchiveError) as caught:
        load_corpus(tree / "sources", root=tree, today=TODAY)
    assert problems_of(caught.value) == case.problems


def test_the_small_registries_load_without_problems(tree: Path) -> None:
    """So that each registry case's problems come from its edit alone."""
    write_tree(tree, small_tree())
    corpus = load_corpus(tree / "sources", root=tree, today=TODAY)
    assert [a.id for a in corpus.articles] == ["artikel-uji"]
    assert corpus.warnings == ()


# --------------------------------------------------------------------------------------
# Explainers the build must refuse: citations of things that do not exist.

CITED = "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo"
PARAGRAPH_HINT = "(hint: cite a paragraph as [[src:<article>#p4]])"
MALFORMED_HINT = (
    "(hint: write [[src:<article>#p4]] or [[entity:<id>]], [[term:<id>]], [[event:<id>]], "
    "[[outlet:<id>]], ids in lower case, an optional |label)"
)


def explainer(case_id: str, text: str | bytes, *problems: str) -> Refused:
    return Refused(case_id, {f"content/penjelasan/{case_id}.md": text}, problems)


def page(line: str) -> str:
    """An explainer whose fourth line is `line`."""
    return f"---\ntitle: Uji\n---\n{line}\n"


E = "content/penjelasan/{}.md".format
EXPLAINER_CASES = [
    explainer(
        "paragraph-that-does-not-exist",
        page(f"Aleppo dikuasai [[src:{CITED}#p99]]."),
        f"{E('paragraph-that-does-not-exist')}:4: citation: [[src:{CITED}#p99]]: the article "
        f"has no paragraph 'p99' (it has p1–p13) {PARAGRAPH_HINT}",
    ),
    explainer(
        "citation-without-paragraph",
        page(f"Aleppo dikuasai [[src:{CITED}]]."),
        f"{E('citation-without-paragraph')}:4: citation: [[src:{CITED}]]: the article has no "
        f"paragraph '' (it has p1–p13) {PARAGRAPH_HINT}",
    ),
    explainer(
        "unknown-article",
        page("Aleppo dikuasai [[src:artikel-yang-tidak-ada#p1]]."),
        f"{E('unknown-article')}:4: citation: [[src:artikel-yang-tidak-ada#p1]]: no article "
        "has the id 'artikel-yang-tidak-ada' (hint: ids are the file names in sources/articles/)",
    ),
    *(
        explainer(
            f"unknown-{kind}",
            page(f"Lihat [[{kind}:tidak-ada]]."),
            f"{E(f'unknown-{kind}')}:4: citation: [[{kind}:tidak-ada]]: unknown {kind} 'tidak-ada'",
        )
        for kind in ("entity", "term", "event", "outlet")
    ),
    explainer(
        "malformed-citation",
        page("Lihat [[entity:Aleppo]] dan [[term:]]."),
        f"{E('malformed-citation')}:4: citation: [[entity:Aleppo]]: not a citation the archive "
        f"can read {MALFORMED_HINT}",
        f"{E('malformed-citation')}:4: citation: [[term:]]: not a citation the archive can read "
        f"{MALFORMED_HINT}",
    ),
    explainer(
        "front-matter-invalid-yaml",
        "---\ntitle: [Uji\n---\nLihat [[entity:aleppo]].\n",
        f"{E('front-matter-invalid-yaml')}:2: title: invalid YAML (while parsing a flow "
        f"sequence did not find expected ',' or ']') {YAML_HINT}",
    ),
    explainer(
        "explainer-not-utf8",
        page("Lihat [[entity:aleppo]] di Al\xe9p.").encode("latin-1"),
        f"{E('explainer-not-utf8')}:4: is not UTF-8 text (byte 0xe9 at position 48) (hint: save "
        "the file as UTF-8; capture a PDF or an old encoding again)",
    ),
]


@pytest.fixture(scope="module")
def real_archive() -> Archive:
    return build_archive(SOURCES, root=ROOT, today=TODAY)


@pytest.mark.parametrize("case", EXPLAINER_CASES, ids=[case.id for case in EXPLAINER_CASES])
def test_a_bad_explainer_is_refused_with_file_line_and_field(
    tmp_path: Path, real_archive: Archive, case: Refused
) -> None:
    write_tree(tmp_path, case.files)
    explainers, problems = read_explainers(tmp_path / "content", tmp_path)
    problems += check_citations(explainers, real_archive)
    assert tuple(str(p) for p in sorted(problems, key=Problem.sort_key)) == case.problems


# --------------------------------------------------------------------------------------
# Registry entries that must be read, and must match nothing they do not name.


def test_an_alias_that_looks_like_a_regular_expression_matches_only_itself(tree: Path) -> None:
    aliases = "[Halab, '.*', '\\w+', '[A-Z]+', '(?i)a|b']"
    write_tree(tree, small_tree(entities=edited(ENTITIES, "[Halab]", aliases)))
    archive = build_archive(tree / "sources", root=tree, today=TODAY)
    [extraction] = archive.extractions.values()
    named = {(m.text, m.entity) for m in extraction.mentions if m.entity}
    assert named == {("Aleppo", "aleppo"), ("Tentara Suriah", "tentara-suriah")}


def test_an_alias_that_looks_like_a_regular_expression_matches_itself_written_out(
    tree: Path,
) -> None:
    body = "Di Aleppo tertulis .* dan [A-Z]+ pada tembok.\n"
    aliases = "[Halab, '.*', '[A-Z]+']"
    write_tree(tree, small_tree(entities=edited(ENTITIES, "[Halab]", aliases), body=body))
    archive = build_archive(tree / "sources", root=tree, today=TODAY)
    [extraction] = archive.extractions.values()
    named = sorted((m.text, m.entity) for m in extraction.mentions if m.entity)
    assert named == [(".*", "aleppo"), ("Aleppo", "aleppo"), ("[A-Z]+", "aleppo")]


def test_a_glossary_term_inside_common_words_marks_none_of_them(tree: Path) -> None:
    """'ang' is in menyerang, serangan, pangeran and datang: only the word itself counts."""
    body = "Pasukan menyerang; serangan itu ditolak pangeran yang datang. Kata ang sendiri.\n"
    glossary = edited(GLOSSARY, "term: evakuasi", "term: ang")
    write_tree(tree, small_tree(glossary=glossary, body=body))
    archive = build_archive(tree / "sources", root=tree, today=TODAY)
    [extraction] = archive.extractions.values()
    assert [(o.text, o.term) for o in extraction.terms] == [("ang", "evakuasi")]


def test_a_run_of_digits_too_long_for_a_float_is_not_a_figure(tree: Path) -> None:
    write_tree(tree, small_tree(body="Angka " + "9" * 400 + " dan 78 ribu warga.\n"))
    archive = build_archive(tree / "sources", root=tree, today=TODAY)
    [extraction] = archive.extractions.values()
    assert [f.value for f in extraction.figures] == [78_000]


# --------------------------------------------------------------------------------------
# The real build prints the same messages as the core, and never a traceback.


def failing_build(project: Path, files: Mapping[str, str | bytes]) -> str:
    write_tree(project, files)
    result = run_mkdocs_build(project)
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_the_build_prints_every_article_problem_at_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    stderr = failing_build(project, {k: v for c in ARTICLE_CASES for k, v in c.files.items()})
    problems = [p for case in ARTICLE_CASES for p in case.problems]
    assert f"{len(problems)} problems in the archive's sources:" in stderr, stderr
    for problem in problems:
        assert f"  {problem}\n" in stderr, problem


@pytest.mark.parametrize(
    "case_id", ["registry-invalid-yaml", "alias-everyday-word", "two-events-with-one-id"]
)
def test_the_build_prints_a_registry_problem(tmp_path: Path, case_id: str) -> None:
    [case] = [c for c in REGISTRY_CASES if c.id == case_id]
    stderr = failing_build(copy_project(tmp_path / "project"), case.files)
    problems = case.problems
    assert f"{len(problems)} problem in the archive's sources:" in stderr, stderr
    for problem in problems:
        assert f"  {problem}\n" in stderr, problem


def test_the_build_prints_every_explainer_problem_at_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    stderr = failing_build(project, {k: v for c in EXPLAINER_CASES for k, v in c.files.items()})
    problems = [p for case in EXPLAINER_CASES for p in case.problems]
    assert f"{len(problems)} problems in the archive's sources:" in stderr, stderr
    for problem in problems:
        assert f"  {problem}\n" in stderr, problem


# --------------------------------------------------------------------------------------
# Hostile text that must build, shown literally. One real build holds every case.


def yaml_text(value: str) -> str:
    """`value` as a YAML double-quoted string (escapes for quotes, backslashes, newlines)."""
    return json.dumps(value, ensure_ascii=False)


def shown(
    case_id: str,
    body: str,
    *,
    title: str = "Judul uji",
    notes: str = "Sumber uji.",
    url: str = "null",
    extra: str = "",
    literal: tuple[str, ...] = (),
) -> Shown:
    text = source(
        case_id,
        ("title: Judul uji", f"title: {yaml_text(title)}"),
        ("url: null", f"url: {url}"),
        ("notes: Sumber uji.", f"notes: {yaml_text(notes)}{extra}"),
        body=body,
    )
    return Shown(case_id, text, body, title, notes, literal)


XSS = "<script>alert(1)</script> <img src=x onerror=alert(2)> [k](javascript:alert(3))"
"""What the hostile title, notes and registry entries say, with Markdown and Jinja too."""
HOSTILE = f"{XSS} **tebal** {{{{ 7*7 }}}} {{: onclick=alert(4) }} <!-- -->"
CRLF_BODY = "Baris satu.\r\nBaris dua <b>tebal</b>.\r\n\r\nBaris tiga.\r\n"
LONG_LINE = " ".join(["warga sipil menunggu bantuan di tempat penampungan"] * 1961)[:100_000]

SHOWN_CASES = [
    shown(
        "raw-html-in-text",
        'Paragraf dengan <b>tebal</b>, <i>miring</i> dan <div class="x">blok</div> '
        "yang ditutup </div></p></article> terlalu awal.\n"
        '<iframe src="https://example.com"></iframe><object data="x.swf"></object>\n'
        '<style>body { display: none }</style><link rel="stylesheet" href="x.css">\n'
        '<form action="https://example.com"><input name="q"></form><base href="/">\n',
        literal=("&lt;b&gt;tebal&lt;/b&gt;", "&lt;/div&gt;&lt;/p&gt;&lt;/article&gt;"),
    ),
    shown(
        "script-in-text",
        "Sebelum <script>alert(1)</script> sesudah.\n"
        "Teks <SCRIPT SRC=//example.com/x.js></SCRIPT> di tengah kalimat.\n"
        "</script><script>alert(2)</script>\n"
        "<scr<script>ipt>alert(3)</script>\n",
        literal=("&lt;script&gt;alert(1)&lt;/script&gt;",),
    ),
    shown(
        "event-handlers-in-text",
        "Gambar <img src=x onerror=alert(1)> di sini.\n"
        '<svg onload=alert(2)><circle r="1"/></svg>\n'
        '<a href="#" onmouseover="alert(3)">arahkan tetikus</a>\n'
        "<details open ontoggle=alert(5)><summary>x</summary></details>\n"
        'Kutipan " onfocus="alert(6)" autofocus x=" keluar dari atribut.\n',
        literal=("&lt;img src=x onerror=alert(1)&gt;", "&quot; onfocus=&quot;alert(6)&quot;"),
    ),
    shown(
        "javascript-urls-in-text",
        "Tautan [klik](javascript:alert(1)) dalam teks.\n"
        '<a href="javascript:alert(2)">klik</a> dan <a href="JaVaScRiPt:alert(3)">klik</a>\n'
        "javascript:alert(4)\n"
        '<a href="jav&#x09;ascript:alert(5)">klik</a>\n',
    ),
    shown(
        "data-urls-in-text",
        'Gambar <img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"> di sini.\n'
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n"
        '<object data="data:text/html,<script>alert(2)</script>"></object>\n',
    ),
    shown(
        "markdown-in-text",
        "**tebal** *miring* __garis__ ~~coret~~ ==tanda== ^^sisip^^ `kode` dalam kalimat.\n"
        "[tautan](https://example.com) ![gambar](x.png) <https://example.com> [^1]\n"
        "# bukan judul\n"
        "> bukan kutipan\n"
        "- bukan daftar\n"
        "* bukan daftar juga\n"
        "1. bukan daftar bernomor\n"
        "| a | b |\n"
        "*[HTML]: bukan singkatan\n"
        '{: .kelas onclick="alert(1)" }\n'
        '!!! note "bukan admonisi"\n'
        "[^1]: bukan catatan kaki\n"
        "    bukan blok kode\n"
        "```\n",
    ),
    shown(
        "jinja-in-text",
        "{{ 7*7 }} dan {{ config.site_name }} dan {{ page.title }}\n"
        "{% raw %}{% for x in range(3) %}x{% endfor %}{% endraw %}\n"
        "{# komentar #} {{ '<script>alert(1)</script>' | safe }}\n",
    ),
    shown(
        "html-comments-in-text",
        "Sebelum <!-- komentar --> sesudah.\n"
        "<!-- komentar yang tidak ditutup\n"
        "Baris sesudah komentar terbuka.\n"
        "<![CDATA[ x ]]> dan <?php echo 1; ?>\n",
        literal=("&lt;!-- komentar --&gt;",),
    ),
    shown(
        "character-references-in-text",
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62; &nbsp; &copy; tetap tertulis.\n",
        literal=("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; &amp;amp; &amp;#",),
    ),
    shown(
        "citation-syntax-in-text",
        f"Lihat [[entity:aleppo]], [[src:{CITED}#p1]] dan [[term:evakuasi|kata]].\n",
    ),
    shown(
        "front-matter-in-body",
        "---\nid: artikel-lain\ntitle: Bukan judul\n---\nTeks sesudah tiruan front matter.\n",
    ),
    shown(
        "hostile-title",
        BODY,
        title=f"Judul </title><script>alert(5)</script> <b>tebal</b> {HOSTILE}",
        literal=("<title>Judul &lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;",),
    ),
    shown("title-over-lines", BODY, title="Judul\n---\n<script>alert(1)</script>\n# dua"),
    shown("hostile-notes", BODY, notes=HOSTILE + " [y](data:text/html,x)"),
    shown(
        "hostile-authors-and-url",
        BODY,
        url="'https://example.com/berita?id=1&x=2#{{7*7}}'",
        extra='\nauthors: ["</script><script>alert(1)</script>", "<!--"]',
        literal=('href="https://example.com/berita?id=1&amp;x=2#{{7*7}}"',),
    ),
    Shown("byte-order-mark", "\ufeff" + source("byte-order-mark"), BODY),
    Shown(
        "crlf-line-endings",
        TEMPLATE.format(id="crlf-line-endings").replace("\n", "\r\n") + CRLF_BODY,
        CRLF_BODY,
    ),
    shown("line-of-100000-characters", LONG_LINE + "\n"),
    shown("line-of-100000-digits", "1" * 100_000 + "\n"),
    shown(
        "unicode-line-separators",
        "Satu\u2028dua\u2029tiga\x85empat\x0blima\x0cenam\rtujuh\r\rdelapan.\n"
        "Teks\u200b dengan\u202e karakter\u2066 arah.\n",
    ),
    shown("only-furniture", "ADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT\n"),
    shown("the-browser-suite-s-hostile-body", HOSTILE_BODY),
]

# Registry entries whose every text is hostile, appended to the real registries, an article
# that names them, and an explainer that cites them with a hostile label.
Q = yaml_text(HOSTILE)
REGISTRY_ENTRIES = {
    "outlets.yml": f"""
  - id: media-uji
    name: {Q}
    aliases: [MediaUji]
    kind: news-site
    country: ID
    affiliation: {{id: {Q}, en: {Q}}}
""",
    "entities.yml": f"""
  - id: entitas-uji
    kind: person
    names: {{id: {Q}, en: {Q}}}
    aliases: [Zorblax Qwerty]
    description: {{id: {Q}, en: {Q}}}
""",
    "glossary.yml": f"""
  - id: istilah-uji
    term: "zorblax*isme*"
    en: [{Q}]
    definition: {{id: {Q}, en: {Q}}}
    notes: {{id: {Q}, en: {Q}}}
    category: political
""",
    "events.yml": f"""
  - id: peristiwa-uji
    date: "2016-12-09"
    precision: day
    title: {{id: {Q}, en: {Q}}}
    summary: {{id: {Q}, en: {Q}}}
    entities: [entitas-uji]
    match:
      words: [zorblaxisme]
""",
}
LABEL = "<script>alert(9)</script> **b** {{ 7*7 }}"
REGISTRY_ARTICLE = source(
    "registry-text",
    ("outlet: viva", "outlet: media-uji"),
    body="Zorblax Qwerty berbicara tentang zorblax*isme* pada Jumat (9/12), kata MediaUji.\n",
)
EXPLAINER = f"""---
title: Uji label
---
# Uji label

Lihat [[entity:entitas-uji|{LABEL}]], [[term:istilah-uji]], [[event:peristiwa-uji]],
[[outlet:media-uji]] dan [[src:registry-text#p1]].
"""
REGISTRY_PAGES = [
    "artikel/registry-text",
    "media/media-uji",
    "entitas/entitas-uji",
    "glosarium",
    "glosarium/inggris",
    "peristiwa/peristiwa-uji",
    "penjelasan/uji-label",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build with every case that must build; the built site."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for case in SHOWN_CASES:
        write_tree(project, {article_path(case.id): case.text})
    for name, entry in REGISTRY_ENTRIES.items():
        registry = project / "sources" / name
        registry.write_text(registry.read_text(encoding="utf-8") + entry, encoding="utf-8")
    write_tree(
        project,
        {
            article_path("registry-text"): REGISTRY_ARTICLE,
            "content/penjelasan/uji-label.md": EXPLAINER,
        },
    )
    config = project / "mkdocs.yml"
    nav = "      - penjelasan/cara-membaca.md\n"
    config.write_text(
        edited(config.read_text(encoding="utf-8"), nav, nav + "      - penjelasan/uji-label.md\n"),
        encoding="utf-8",
    )
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return project / "build" / "site"


class _Elements(HTMLParser):
    """Every element of a page with its attributes, and the text inside script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        # Data blocks (JSON-LD) are never run; only script elements a browser executes count.
        kind = (dict(attrs).get("type") or "text/javascript").lower()
        self._in_script = tag == "script" and "javascript" in kind

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def elements_of(fragment: str) -> _Elements:
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    return parser


_BLOCK_TAG = re.compile(r"</?(?:p|li|td|th|tr|h[1-6]|div|dd|dt|br|summary)\b[^>]*>")


def visible(fragment: str) -> str:
    """What a reader sees of an HTML fragment, whitespace collapsed: blocks apart, marks
    inside a sentence (a date, a figure, a link) joined to their words."""
    spaced = _BLOCK_TAG.sub(" ", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", spaced)).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def region(page: str, pattern: str) -> str:
    found = re.search(pattern, page, re.S)
    return found.group(1) if found else ""


FOREIGN = {
    "applet", "audio", "b", "base", "blockquote", "embed", "frame", "i", "iframe", "img",
    "math", "object", "select", "style", "textarea", "video",
}  # fmt: skip
"""Elements no page of the site has of its own: one of them would come from the sources."""
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"}


def live_parts(page: str) -> list[str]:
    """Elements, attributes and scripts in `page` that could run or load something that no
    page of the archive puts there itself."""
    parsed = elements_of(page)
    found = [f"<{tag}>" for tag, _ in parsed.elements if tag in FOREIGN]
    for tag, attrs in parsed.elements:
        found += [f"<{tag} {name}>" for name in attrs if name.startswith("on")]
        for name in URL_ATTRIBUTES & attrs.keys():
            value = re.sub(r"\s", "", attrs[name] or "").lower()
            if value.startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"<{tag} {name}={value}>")
    found += [script for script in parsed.scripts if "alert(" in script]
    return found


def test_no_page_of_the_hostile_site_has_a_live_part(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 200
    for page in pages:
        assert live_parts(page.read_text(encoding="utf-8")) == [], page


@pytest.mark.parametrize("edition", ["", "en/"])
@pytest.mark.parametrize("case", SHOWN_CASES, ids=[case.id for case in SHOWN_CASES])
def test_a_hostile_article_is_shown_literally(
    hostile_site: Path, case: Shown, edition: str
) -> None:
    page = (hostile_site / edition / "artikel" / case.id / "index.html").read_text(encoding="utf-8")
    text = region(page, r'<div class="na-text"[^>]*>(.*?)</div>')
    media = region(page, r'<ol class="na-media"[^>]*>(.*?)</ol>')
    removed = region(page, r'(<details class="note na-removed".*?</details>)')
    # The text is paragraphs with their anchors and what extraction marked, and nothing else.
    assert {tag for tag, _ in elements_of(text).elements} <= {"p", "a", "span", "h3"}
    # Every line of the body is on the page, in the text, the captions or the removed table.
    on_page = visible(text + media + removed)
    for line in case.body.split("\n"):
        assert flat(line) in on_page, line[:80]
    assert visible(region(page, r"<h1[^>]*>(.*?)</h1>")) == flat(case.title)
    assert visible(region(page, r"<title>(.*?)</title>")).startswith(flat(case.title))
    assert flat(case.notes) in visible(region(page, r'(<div[^>]* class="na-card".*?)<h2 id="teks"'))
    for fragment in case.literal:
        assert fragment in page, fragment


@pytest.mark.parametrize("edition", ["", "en/"])
@pytest.mark.parametrize("path", REGISTRY_PAGES)
def test_hostile_registry_text_is_shown_literally(
    hostile_site: Path, path: str, edition: str
) -> None:
    if edition and path.startswith("penjelasan/"):
        return  # the explainer is written for the Indonesian edition only
    page = (hostile_site / edition / path / "index.html").read_text(encoding="utf-8")
    expected = LABEL if path.startswith("penjelasan/") else HOSTILE
    assert flat(expected) in visible(page)
