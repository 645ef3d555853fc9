"""Properties that hold for any input: the loader, the cleaner and every extractor.

Hand-written tables test the phrasing we have seen; these tests generate text we have not
(see tests/strategies.py) and check what must hold whatever it says:

- the loader answers any file with a corpus or with ArchiveError, whose every problem names
  the file it is about and a line inside it, never with another exception;
- cleaning puts every character of every line in exactly one place (text, captions and
  credits, or the removed pieces), and the places give the lines back;
- every extracted item points at a unit that exists, and its text is that unit's text
  between its offsets.

The examples are the same on every run (the "ci" profile of tests/conftest.py).
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from news_archive.cleaning import (
    CleanedArticle,
    Place,
    SegmentKind,
    clean_article,
    lines_of,
    normalize,
)
from news_archive.errors import ArchiveError, Problem
from news_archive.extract import ExtractionContext, extract_article
from news_archive.extract.attributions import find_attributions
from news_archive.extract.dates import find_expressions, resolve
from news_archive.extract.figures import find_figures
from news_archive.extract.model import Sentence, Unit, UnitKind
from news_archive.extract.quotes import find_quotes
from news_archive.extract.text import quote_spans, split_sentences, units_of
from news_archive.model import ArticleSource, Origin, PartialDate
from news_archive.sources import load_corpus
from tests import strategies as s
from tests.conftest import SOURCES, TODAY


def context() -> ExtractionContext:
    return _context


_corpus = s.corpus()
_context = ExtractionContext.build(
    _corpus.languages["id"], _corpus.entities, _corpus.outlets, _corpus.terms
)
LANGUAGE = _corpus.languages["id"]
QUALIFIERS = {
    "exact",
    "vague",
    "range",
    "approximately",
    "more_than",
    *LANGUAGE.qualifiers.values(),
}
PUBLISHED = ["2016-12-22", "2016-12", "2016", "2024-11-29", "2024-12-02", "2016-02-29"]


# --------------------------------------------------------------------------------------
# The loader

VALID = {
    "id": "uji-properti",
    "title": "Judul uji",
    "outlet": "viva",
    "published": "2016-12-09",
    "language": "id",
    "url": None,
    "notes": "Dibuat oleh uji properti.",
}
SPECIAL = ["2016-12-22", "2016-02-30", "2016-12", "2016", "2099-01-01", "0000-00-00", "2016-13"]
SPECIAL += ["16-12-2016", "yes", "no", "on", "null", "~", "NaN", ".inf", "uji-properti", "UJI"]
SPECIAL += ["a/b", "../x", "uji properti", "id", "en", "in", "zz-ZZ", "https://example.org/x"]
SPECIAL += ["javascript:alert(1)", "data:text/html,x", "viva", "inews", "vivva", "", " ", "-"]
SPECIAL += ["p1 weekday-mismatch", "artikel", "index", "<script>alert(1)</script>", "&a", "*a"]
FIELDS = [*VALID, "title_supplied", "retrieved", "authors", "reviewed", "Title", "judul"]

scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.sampled_from(SPECIAL),
    s.sentence(max_tokens=6),
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(FIELDS), inner, max_size=3),
    ),
    max_leaves=6,
)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """YAML of fields that are mostly right, some wrong, some missing, some unknown, or
    text that is not YAML at all."""
    fields: dict[str, Any] = {
        key: draw(st.one_of(st.just(good), value)) for key, good in VALID.items()
    }
    for key in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
        fields[key] = draw(value)
    for key in draw(st.lists(st.sampled_from(list(fields)), max_size=2)):
        fields.pop(key, None)
    dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    written = "".join(f"{key}: {item}\n" for key, item in fields.items())
    return draw(st.sampled_from([dumped, dumped, written, written, draw(s.sentence())]))


@st.composite
def article_file(draw: st.DrawFn) -> bytes:
    """A whole file: front matter between delimiters (or not), then a body; UTF-8 with a
    BOM or CRLF now and then, or bytes that are no UTF-8 at all."""
    front = draw(front_matter())
    text = draw(s.body())
    opening = draw(
        st.sampled_from(["---\n", "---\n", "---\r\n", "--- \n", "", "----\n", "\n---\n"])
    )
    closing = draw(st.sampled_from(["---\n", "---\n", "...\n", "---", "", "--\n", "--- x\n"]))
    whole = opening + front + closing + text
    if draw(st.booleans()):
        whole = whole.replace("\n", "\r\n")
    if draw(st.integers(0, 9)) == 0:
        whole = "\ufeff" + whole
    encoded = whole.encode("utf-8", "surrogatepass")
    return draw(st.one_of(st.just(encoded), st.just(encoded), st.binary(max_size=200)))


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real registries and one good article, which must load whatever else is there."""
    target = tmp_path_factory.mktemp("loader") / "sources"
    (target / "articles").mkdir(parents=True)
    for registry in SOURCES.glob("*.yml"):
        shutil.copy2(registry, target / registry.name)
    good = SOURCES / "articles" / "rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo.md"
    shutil.copy2(good, target / "articles" / good.name)
    return target


def _lines(data: bytes) -> int:
    return data.count(b"\n") + 1


# Each example reads every registry again (about 0.1 s): fewer examples, up to three files each.
@settings(max_examples=max(10, settings().max_examples // 5))
@given(files=st.lists(article_file(), min_size=1, max_size=3))
def test_the_loader_answers_any_file_with_a_corpus_or_problems_naming_it(
    tree: Path, files: list[bytes]
) -> None:
    folder = tree / "articles" / "uji"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    written: dict[str, bytes] = {}
    for n, data in enumerate(files):
        name = "uji-properti.md" if n == 0 else f"uji-properti-{n}.md"
        (folder / name).write_bytes(data)
        written[f"sources/articles/uji/{name}"] = data
    try:
        corpus = load_corpus(tree, root=tree.parent, today=TODAY)
    except ArchiveError as exc:
        problems: Sequence[Problem] = exc.problems
        assert problems, "an ArchiveError must carry its problems"
        assert exc.report().startswith(f"{len(problems)} problem")
    else:
        problems = corpus.warnings
        loaded = {a.path: a for a in corpus.articles}
        assert "sources/articles/rg-2016-12-22-tentara-suriah-kuasai-seluruh-aleppo.md" in loaded
        for path, article in loaded.items():
            if path in written:
                # What a contributor captured is kept as it is, after the front matter.
                text = written[path].decode("utf-8").removeprefix("\ufeff")
                assert text.endswith(article.body)
                assert article.body.strip()
    for problem in problems:
        # Every problem is about one of the generated files (the registries and the good
        # article are fine), and points at a line that the file has.
        assert problem.path in written, problem
        assert problem.line is None or 1 <= problem.line <= _lines(written[problem.path]), problem
        assert str(problem).startswith(problem.path)


# --------------------------------------------------------------------------------------
# The cleaner


def _source(
    body: str, title: str, outlet: str | None, supplied: bool, published: str
) -> ArticleSource:
    return ArticleSource(
        id="uji-properti",
        title=title,
        outlet=outlet,
        published=PartialDate.parse(published),
        language="id",
        url=None,
        body=body,
        origin=Origin("sources/articles/uji-properti.md", 1),
        body_line=10,
        title_supplied=supplied,
    )


@st.composite
def cleaned_article(draw: st.DrawFn) -> CleanedArticle:
    """A generated body cleaned with the real rules, sometimes with a title that repeats
    one of its lines and lines its outlet repeats elsewhere (as in the archive)."""
    text = draw(s.body())
    lines = [line for line in lines_of(text) if line.strip()]
    title = draw(st.one_of(s.sentence(max_tokens=8), st.sampled_from(lines or ["Judul"])))
    outlet = draw(st.sampled_from([None, *sorted(_corpus.outlets)]))
    repeated = frozenset(
        normalize(line) for line in draw(st.lists(st.sampled_from(lines or [""]), max_size=3))
    )
    published = draw(st.sampled_from(PUBLISHED))
    source = _source(text, title, outlet, draw(st.booleans()), published)
    return clean_article(source, _corpus.rules, _corpus.outlets, repeated)


@given(cleaned=cleaned_article())
def test_cleaning_puts_every_character_of_every_line_in_exactly_one_place(
    cleaned: CleanedArticle,
) -> None:
    body = cleaned.source.body
    segments = cleaned.segments
    by_line: dict[int, list[Any]] = {}
    for segment in segments:
        by_line.setdefault(segment.line, []).append(segment)
    rebuilt = []
    for number, raw in enumerate(lines_of(body), start=1):
        parts = by_line.pop(number, [])
        if not raw.strip():
            assert parts == [], f"blank line {number} has segments"
            rebuilt.append("")
            continue
        # The pieces of a line follow each other from its first character to its last …
        assert parts[0].start == 0 and parts[-1].end == len(raw)
        assert all(a.end == b.start for a, b in pairwise(parts))
        assert all(p.raw == raw[p.start : p.end] for p in parts)
        rebuilt.append("".join(p.raw for p in parts))
        # … and what is shown of them (spaces collapsed) keeps every other character.
        assert "".join(p.text for p in parts).replace(" ", "") == "".join(raw.split())
    assert by_line == {}, "segments point at lines that do not exist"
    assert "\n".join(rebuilt) == "\n".join("" if not r.strip() else r for r in lines_of(body))

    # Each segment is in one place: the text, one caption block, or the removed pieces.
    body_segments = [x for x in segments if x.place is Place.BODY]
    media_segments = [x for x in segments if x.place is Place.MEDIA]
    removed = [x for x in segments if x.place is Place.REMOVED]
    assert len(body_segments) + len(media_segments) + len(removed) == len(segments)
    assert list(cleaned.removed) == removed
    in_media = [x for item in cleaned.media for x in item.segments]
    assert Counter(map(id, in_media)) == Counter(map(id, media_segments))
    assert all(item.segments for item in cleaned.media)
    # The text: one paragraph or subheading per line that has text, in line order, holding
    # exactly the text of that line's body segments.
    lines_with_text: dict[int, list[str]] = {}
    for x in body_segments:
        lines_with_text.setdefault(x.line, []).append(x.text)
    assert [p.line for p in cleaned.paragraphs] == sorted(lines_with_text)
    for paragraph in cleaned.paragraphs:
        assert paragraph.text == " ".join(t for t in lines_with_text[paragraph.line] if t)
        assert paragraph.kind in (SegmentKind.PARAGRAPH, SegmentKind.HEADING)
    ids = [p.id for p in cleaned.paragraphs] + [m.id for m in cleaned.media]
    assert len(ids) == len(set(ids)), "anchors must be unique on the page"


# --------------------------------------------------------------------------------------
# The extractors, one by one, on any text


def _assert_points_into(units: Sequence[Unit], items: Sequence[Any]) -> None:
    """Every item names a unit that exists, lies inside it, and its text is that slice."""
    texts = {u.id: u.text for u in units}
    for item in items:
        assert item.unit in texts, item
        text = texts[item.unit]
        assert 0 <= item.start <= item.end <= len(text), item
        assert item.text == text[item.start : item.end], item


def _assert_sentence(sentences: Sequence[Sentence], items: Sequence[Any]) -> None:
    for item in items:
        assert 0 <= item.sentence < max(1, len(sentences)), item


unit_text = st.one_of(s.sentence(max_tokens=40), s.body(max_lines=4))


def _unit(text: str, unit_id: str = "p1") -> Unit:
    return Unit(unit_id, UnitKind.PARAGRAPH, text, 1)


@given(text=unit_text)
def test_sentences_and_quotation_spans_stay_inside_the_text(text: str) -> None:
    sentences = split_sentences(_unit(text), LANGUAGE)
    for sentence in sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end].strip() == text[sentence.start : sentence.end]
    assert all(a.end <= b.start for a, b in pairwise(sentences))
    assert [x.index for x in sentences] == list(range(len(sentences)))
    for span in quote_spans(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.inner[0] <= span.inner[1]


# İ is i to a case-insensitive pattern, and "i̇" to casefold(): these crashed the engine.
TURKISH_I = "akhİr Desember lalu, rİbuan warga, lebİh dari 100 orang, seperti dİkutip dari Reuters."


@given(text=unit_text, published=st.sampled_from(PUBLISHED))
@example(text=TURKISH_I, published="2016-12-22")
def test_dates_point_at_their_words(text: str, published: str) -> None:
    one = _unit(text)
    sentences = split_sentences(one, LANGUAGE)
    raws = find_expressions(one, sentences, LANGUAGE)
    mentions = resolve([(one, sentences, raws)], PartialDate.parse(published), LANGUAGE)
    _assert_points_into([one], mentions)
    _assert_sentence(sentences, mentions)
    for mention in mentions:
        assert mention.end > mention.start
        if mention.value is not None:
            assert mention.value.first_day <= mention.value.last_day, mention
        else:
            assert "unresolved" in mention.flags


@given(text=unit_text, published=st.sampled_from(PUBLISHED))
@example(text=TURKISH_I, published="2016-12-22")
def test_figures_point_at_their_words_and_never_inside_a_date(text: str, published: str) -> None:
    one = _unit(text)
    sentences = split_sentences(one, LANGUAGE)
    raws = find_expressions(one, sentences, LANGUAGE)
    dates = resolve([(one, sentences, raws)], PartialDate.parse(published), LANGUAGE)
    blocked = [(d.start, d.end) for d in dates]
    figures = find_figures(one, sentences, LANGUAGE, blocked)
    _assert_points_into([one], figures)
    _assert_sentence(sentences, figures)
    for figure in figures:
        assert figure.end > figure.start
        assert figure.qualifier in QUALIFIERS, figure


@given(texts=st.lists(unit_text, min_size=1, max_size=3))
def test_quotes_point_at_quoted_words_and_registered_speakers(texts: list[str]) -> None:
    units = [_unit(text, f"p{n}") for n, text in enumerate(texts, start=1)]
    sentences = {u.id: split_sentences(u, LANGUAGE) for u in units}
    quotes = find_quotes(units, sentences, context().matcher, LANGUAGE)
    _assert_points_into(units, quotes)
    for quote in quotes:
        _assert_sentence(sentences[quote.unit], [quote])
        assert len(quote.text.split()) >= 3, quote
        assert quote.speaker is None or quote.speaker in _corpus.entities, quote


@given(text=unit_text, credits=st.booleans())
@example(text=TURKISH_I, credits=False)
def test_attributions_point_at_registered_outlets(text: str, credits: bool) -> None:
    one = Unit("m1", UnitKind.MEDIA, text, 1, ((0, len(text) // 2),) if credits else ())
    sentences = split_sentences(one, LANGUAGE)
    found = find_attributions(
        one, sentences, context().matcher, dict(_corpus.outlets), LANGUAGE, one.credits
    )
    _assert_points_into([one], found)
    _assert_sentence(sentences, found)
    assert all(a.outlet in _corpus.outlets for a in found)


@given(text=unit_text)
@example(text="ſebagaİmana dİKutİp evakuasİ oleh Hay'at Tahrİr al-Sham")
def test_names_and_terms_point_at_registered_forms(text: str) -> None:
    matcher = context().matcher
    for spans, registry in (
        (matcher.entities_in(text), _corpus.entities),
        (matcher.outlets_in(text), _corpus.outlets),
    ):
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert span.id in registry
    for start, end in matcher.candidates_in(text, [], frozenset()):
        assert 0 <= start < end <= len(text)
    one = _unit(text)
    terms = context().terms.find(one)
    _assert_points_into([one], terms)
    assert all(t.term in _corpus.terms for t in terms)


# --------------------------------------------------------------------------------------
# The whole engine on cleaned articles


@given(cleaned=cleaned_article())
def test_extraction_points_at_paragraphs_and_captions_that_exist(cleaned: CleanedArticle) -> None:
    extraction = extract_article(cleaned, context())
    units = extraction.units
    assert units == units_of(cleaned)
    paragraphs = {p.id: p.text for p in cleaned.body_paragraphs}
    media = {m.id for m in cleaned.media}
    for unit in units:
        assert unit.id in paragraphs or unit.id in media
        if unit.id in paragraphs:
            assert unit.text == paragraphs[unit.id]
    items = [
        *extraction.dates,
        *extraction.figures,
        *extraction.quotes,
        *extraction.attributions,
        *extraction.mentions,
    ]
    _assert_points_into(units, items)
    _assert_points_into(units, extraction.terms)
    sentences = {(x.unit, x.index) for x in extraction.sentences}
    for item in items:
        assert (item.unit, item.sentence) in sentences or not any(
            x.unit == item.unit for x in extraction.sentences
        ), item
    assert all(m.entity is None or m.entity in _corpus.entities for m in extraction.mentions)
    assert all(t in _corpus.terms for t in extraction.title_terms)
    for warning in extraction.warnings:
        assert warning.path == cleaned.source.path
