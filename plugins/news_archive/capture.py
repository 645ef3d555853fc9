"""A raw capture (the text of an article copied from a browser) made into a draft source.

The draft's front matter holds what the capture itself shows, and every field that had to be
guessed is listed under `guessed:` with the line the guess came from, for a person to
confirm. Nothing here reads text in a new way: the cleaning rules of `sources/cleaning.yml`
tell datelines, date lines and copyright lines from the article's text, the extraction
engine's date grammar reads the dates in those lines, and the outlet registry's names and
aliases say which outlet they name. The text itself is never touched: the draft's body is
the capture's bytes (a byte-order mark, an encoding signature rather than text, is left
out, as the loader does).
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .cleaning import (
    CleanedArticle,
    Segment,
    SegmentKind,
    StructuralRule,
    clean_article,
    is_title_like,
    lines_of,
)
from .errors import ArchiveError, Problem
from .extract.dates import find_expressions, resolve
from .extract.language import Language
from .extract.model import Basis, DateMention, Unit, UnitKind
from .extract.names import NameMatcher
from .extract.text import split_sentences
from .model import ArticleSource, Origin, PartialDate
from .paths import RESERVED_IDS
from .schema import schema
from .sources import ARTICLES_DIR, Corpus, read_text_file

LANGUAGE = "id"
"""The language of the archive's sources; a capture in another one says so in review."""
ID_LENGTH = 72
"""Longest id `new` makes (the schema allows 120): outlet, date and the title's first words."""
HEADLINE_WORDS = 25
"""A first line of at most this many words, without a full stop, is taken for the headline
(longer than the cleaning's title_max_words: a headline stands first, it need not be short)."""
TITLE_LENGTH = 200
"""A title taken from a sentence is cut at a word boundary after this many characters."""
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Draft:
    """A source file ready to be written: front matter, then the capture byte for byte."""

    id: str
    front_matter: str
    body: bytes
    guessed: tuple[str, ...]
    """`<field>: how it was guessed`, as written under `guessed:`."""
    dropped_bom: bool = False

    @property
    def content(self) -> bytes:
        return self.front_matter.encode("utf-8") + self.body


@dataclass(frozen=True, slots=True)
class _Found:
    """Something read in one line of the capture: an outlet id or a date, and the line."""

    value: str
    line: int
    text: str


def draft_source(
    capture: Path,
    corpus: Corpus,
    *,
    root: Path,
    today: dt.date,
    outlet: str | None = None,
    url: str | None = None,
    article_id: str | None = None,
    sources: Path,
) -> Draft:
    """The draft source of the capture at `capture`, for the registries of `corpus`, whose
    articles are not needed (their files under `sources` say which ids are taken). Raises
    ArchiveError (with the file, the line and the option concerned) for a capture that
    cannot become a source."""
    shown = _display(capture, root)
    text = read_text_file(capture, root=root)
    with capture.open("rb") as handle:
        dropped_bom = handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8
    _check_capture(text, shown)
    _check_options(shown, corpus, outlet, url, article_id)
    language = corpus.languages.get(LANGUAGE)
    if language is None:
        raise ArchiveError(
            [Problem(shown, None, None, f"sources/language-{LANGUAGE}.yml is missing")]
        )

    title_line, title, supplied = _title(text, corpus)
    if not title:
        raise ArchiveError(
            [
                Problem(
                    shown,
                    1,
                    None,
                    "every line is page furniture or metadata (by sources/cleaning.yml): "
                    "there is no article text",
                    hint="capture the article's text, not only the page around it",
                )
            ]
        )
    cleaned = _clean(text, title, supplied, outlet, corpus, shown, today)
    metadata = _metadata(cleaned)
    guessed: list[str] = []
    notes: list[str] = []

    if supplied:
        guessed.append(
            f"title: the capture shows no headline; this is the first sentence of text line "
            f"{title_line}: write a short title (title_supplied: true says the archive wrote it)"
        )
        notes.append("The capture shows no headline; the title was written by the archive.")
    else:
        guessed.append(
            f"title: the first line of the capture (text line {title_line}); "
            "check that it is the headline as published"
        )
        notes.append(f"The title is the first line of the capture (text line {title_line}).")

    outlet, outlet_guess, outlet_note = _outlet(outlet, metadata, corpus, language)
    if outlet_guess:
        guessed.append(outlet_guess)
    notes.append(outlet_note)

    dates = [found for segment in metadata for found in _explicit_dates(segment, language, today)]
    published, date_guess, date_note = _published(dates, cleaned, language, today)
    guessed.append(date_guess)
    notes.append(date_note)

    guessed.append(
        f"language: {LANGUAGE} (Indonesian) is assumed; change it if the text is in "
        "another language"
    )
    if url is None:
        notes.append("The capture gives no address, so url is unknown.")
        guessed.append(
            "url: null, since none was given with --url; write the address if you have it, "
            "copied from the browser, never reconstructed"
        )
    notes.append(f"Capture file: {capture.name}.")
    guessed.append(
        "notes: drafted from the guesses above; say how the metadata was established and "
        "what is unknown"
    )

    final_id = article_id or _make_id(outlet, published, title, capture.stem)
    if article_id is None:
        guessed.insert(
            0,
            "id: made from the outlet, the date and the title; it becomes the page address, "
            "so change it now (with the file name) or never",
        )
    taken = _existing_ids(sources, root)
    # The same file is refused when it is written ("already exists"); another file with
    # this id, in a subfolder, is refused here.
    if final_id in taken and taken[final_id] != _display(_target(sources, final_id), root):
        raise ArchiveError(
            [
                Problem(
                    shown,
                    None,
                    "id",
                    f"the id '{final_id}' is already used by {taken[final_id]}",
                    hint="if this is another article, choose an id with --id",
                )
            ]
        )
    fields: dict[str, object] = {"id": final_id, "title": title}
    if supplied:
        fields["title_supplied"] = True
    fields.update(
        {
            "outlet": outlet,
            "published": published.iso if published else None,
            "language": LANGUAGE,
            "url": url,
            "notes": " ".join(notes),
            "guessed": guessed,
        }
    )
    return Draft(final_id, _front_matter(fields), text.encode("utf-8"), tuple(guessed), dropped_bom)


def write_draft(draft: Draft, sources: Path, root: Path) -> Path:
    """Write the draft to `sources/articles/<id>.md`; never over an existing file."""
    target = _target(sources, draft.id)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("xb") as out:
            out.write(draft.content)
    except FileExistsError:
        raise ArchiveError(
            [
                Problem(
                    _display(target, root),
                    None,
                    None,
                    "already exists and was not overwritten",
                    hint="if this is another article, choose an id with --id",
                )
            ]
        ) from None
    return target


# --------------------------------------------------------------------------------------
# Checks


def _target(sources: Path, article_id: str) -> Path:
    return sources / ARTICLES_DIR / f"{article_id}.md"


def _existing_ids(sources: Path, root: Path) -> dict[str, str]:
    """Ids taken by the files under `sources/articles/` (an id is its file's name), read
    without parsing them, so that a draft with a mistake does not stop the next one."""
    folder = sources / ARTICLES_DIR
    paths = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    return {path.stem: _display(path, root) for path in paths}


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _check_capture(text: str, shown: str) -> None:
    if not text.strip():
        raise ArchiveError(
            [
                Problem(
                    shown,
                    1,
                    None,
                    "the capture holds no text",
                    hint="copy the article's text from the browser into the file again",
                )
            ]
        )
    if re.match(r"---[ \t]*\r?\n", text):
        raise ArchiveError(
            [
                Problem(
                    shown,
                    1,
                    None,
                    "starts with a front matter line (---): it looks like a source file, "
                    "not a raw capture",
                    hint="give `new` the text as copied from the browser",
                )
            ]
        )


def _check_options(
    shown: str, corpus: Corpus, outlet: str | None, url: str | None, article_id: str | None
) -> None:
    problems: list[Problem] = []
    if outlet is not None and outlet not in corpus.outlets:
        close = difflib.get_close_matches(outlet, list(corpus.outlets), n=1)
        problems.append(
            Problem(
                shown,
                None,
                "--outlet",
                f"unknown outlet '{outlet}'",
                hint=f"did you mean '{close[0]}'?"
                if close
                else "use an id from sources/outlets.yml, or add the outlet there first",
            )
        )
    properties = schema("article")["properties"]
    if url is not None and (
        not re.fullmatch(properties["url"]["pattern"], url)
        or len(url) > properties["url"]["maxLength"]
    ):
        problems.append(
            Problem(
                shown,
                None,
                "--url",
                f"'{url[:80]}' is not an http(s) address",
                hint="copy the address from the browser's address bar",
            )
        )
    if article_id is not None and (
        not _ID.fullmatch(article_id)
        or len(article_id) > properties["id"]["maxLength"]
        or article_id in RESERVED_IDS
    ):
        problems.append(
            Problem(
                shown,
                None,
                "--id",
                f"'{article_id[:80]}' is not a valid id",
                hint=properties["id"]["x-hint"],
            )
        )
    if problems:
        raise ArchiveError(problems)


# --------------------------------------------------------------------------------------
# Reading the capture


def _title(text: str, corpus: Corpus) -> tuple[int, str, bool]:
    """(text line, title, supplied): the first line that is not a date line, a cookie
    notice or other page furniture the cleaning rules know; when it reads as a sentence
    rather than a headline, its first sentence, marked as supplied."""
    rules = [rule for rule in corpus.rules.rules if rule.outlets is None]
    candidates = (
        (number, " ".join(raw.split())) for number, raw in enumerate(lines_of(text), start=1)
    )
    number, first = next(
        (
            (number, line)
            for number, line in candidates
            if line and not any(rule.pattern.fullmatch(line) for rule in rules)
        ),
        (1, ""),
    )
    if is_title_like(first, HEADLINE_WORDS):
        return number, first, False
    language = corpus.languages[LANGUAGE]
    sentences = split_sentences(Unit("t", UnitKind.PARAGRAPH, first, number), language)
    sentence = first[sentences[0].start : sentences[0].end] if sentences else first
    if len(sentence) > TITLE_LENGTH:
        sentence = sentence[:TITLE_LENGTH].rsplit(" ", 1)[0] + " …"
    return number, sentence, True


def _clean(
    text: str,
    title: str,
    supplied: bool,
    outlet: str | None,
    corpus: Corpus,
    shown: str,
    today: dt.date,
) -> CleanedArticle:
    provisional = ArticleSource(
        id="draft",
        title=title,
        outlet=outlet,
        published=PartialDate.of(today),
        language=LANGUAGE,
        url=None,
        body=text,
        origin=Origin(shown, 1),
        body_line=1,
        title_supplied=supplied,
    )
    return clean_article(provisional, corpus.rules, corpus.outlets)


def _metadata(cleaned: CleanedArticle) -> list[Segment]:
    """Lines and pieces of lines that cleaning took for metadata: datelines, date lines,
    copyright lines. Short lines above the text (header-line) are left out: they may be a
    subtitle, which can name a date that is not the publication's."""
    return [
        segment
        for segment in cleaned.segments
        if segment.kind is SegmentKind.METADATA
        and segment.rule != StructuralRule.HEADER_LINE
        and segment.text
    ]


def _outlet(
    given: str | None, metadata: Sequence[Segment], corpus: Corpus, language: Language
) -> tuple[str | None, str | None, str]:
    """(outlet, guessed entry or None, sentence for notes)."""
    matcher = NameMatcher({}, corpus.outlets, language)
    named: dict[str, _Found] = {}
    for segment in metadata:
        for span in matcher.outlets_in(segment.text):
            named.setdefault(span.id, _Found(span.id, segment.line, segment.text))
    where = {
        key: f"“{_short(found.text)}” (text line {found.line})" for key, found in named.items()
    }
    listed = ", ".join(f"{key} in {text}" for key, text in where.items())
    if given is not None:
        if given in named:
            return given, None, f"The outlet is named in the line {where[given]}."
        if named:
            return (
                given,
                f"outlet: {given} was given with --outlet, but the capture names {listed}: "
                "check which outlet published it",
                f"The outlet was given by the contributor; the capture names {listed}.",
            )
        return given, None, "The outlet was given by the contributor."
    if len(named) == 1:
        (key,) = named
        return (
            key,
            f"outlet: {key}, named in the metadata line {where[key]}",
            f"The outlet is taken from the line {where[key]}.",
        )
    if named:
        return (
            None,
            f"outlet: null; the capture names several outlets ({listed}): write the one that "
            "published it, or keep null and say why in notes",
            f"The capture names several outlets: {listed}.",
        )
    return (
        None,
        "outlet: null; no copyright line or dateline names an outlet of sources/outlets.yml: "
        "use --outlet if you know it, or keep null and say in notes what the capture shows",
        "No copyright line or dateline in the capture names its outlet, so it is unknown.",
    )


def _explicit_dates(segment: Segment, language: Language, today: dt.date) -> list[_Found]:
    """Dates written out in full in one piece of text ("Senin, 2 Desember 2024"), with the
    year: a partial date ("Kamis (22/12)") needs a year the capture does not give."""
    unit = Unit(f"l{segment.line}", UnitKind.PARAGRAPH, segment.text, segment.line)
    sentences = split_sentences(unit, language)
    raws = find_expressions(unit, sentences, language)
    found: list[_Found] = []
    for mention in resolve([(unit, sentences, raws)], PartialDate.of(today), language):
        if _is_explicit(mention):
            assert mention.value is not None
            note = " (its weekday does not match)" if "weekday-mismatch" in mention.flags else ""
            found.append(_Found(mention.value.start.iso, segment.line, mention.text + note))
    return found


def _is_explicit(mention: DateMention) -> bool:
    return (
        mention.value is not None
        and mention.value.end is None
        and mention.basis is Basis.EXPLICIT
        and mention.relation is None
    )


def _published(
    dates: Sequence[_Found], cleaned: CleanedArticle, language: Language, today: dt.date
) -> tuple[PartialDate | None, str, str]:
    """(date, guessed entry, sentence for notes): the first date of a dateline or date line;
    None when there is none (the contributor writes it; nothing else is guessed)."""
    if dates:
        first = dates[0]
        others = sorted({d.value for d in dates[1:] if d.value != first.value})
        also = f"; the metadata also gives {', '.join(others)}" if others else ""
        return (
            PartialDate.parse(first.value),
            f"published: {first.value}, read from “{_short(first.text)}” in the metadata "
            f"line “{_short(_line_text(cleaned, first.line))}” (text line {first.line}){also}",
            f"The date is taken from the line “{_short(_line_text(cleaned, first.line))}” "
            f"(text line {first.line}).",
        )
    mentioned: list[_Found] = []
    for paragraph in cleaned.segments:
        if paragraph.kind is SegmentKind.PARAGRAPH and len(mentioned) < 3:
            mentioned += _explicit_dates(paragraph, language, today)
    seen = ", ".join(f"{d.value} (“{_short(d.text)}”, text line {d.line})" for d in mentioned[:3])
    evidence = f"; the text mentions {seen}, which only bound it" if seen else ""
    return (
        None,
        "published: null; no dateline or date line gives the publication date: write "
        f"YYYY-MM-DD, YYYY-MM or YYYY as far as the capture shows it{evidence}",
        "No dateline or date line gives the publication date.",
    )


def _line_text(cleaned: CleanedArticle, line: int) -> str:
    return " ".join(lines_of(cleaned.source.body)[line - 1].split())


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --------------------------------------------------------------------------------------
# Writing


def _slug_words(text: str) -> list[str]:
    # Accents go ("Déjà" → "deja"); any other character, a dash included, parts words.
    letters = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )
    return re.findall(r"[a-z0-9]+", letters.lower())


def _make_id(outlet: str | None, published: PartialDate | None, title: str, stem: str) -> str:
    """`<outlet>-<date>-<title words>`, as the archive's ids are made, within ID_LENGTH."""
    head = [part for part in (outlet, published.iso if published else None) if part]
    words: list[str] = []
    for word in _slug_words(title) or _slug_words(stem):
        if words and len("-".join([*head, *words, word])) > ID_LENGTH:
            break
        words.append(word)
    made = "-".join([*head, *words])[:ID_LENGTH].strip("-") or "artikel"
    return f"{made}-artikel" if made in RESERVED_IDS else made


class _Folded(str):
    """A long text written as a folded YAML block (`notes: >-`), as the archive's files do."""

    __slots__ = ()


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Folded,
    lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">"),
)


def _front_matter(fields: dict[str, object]) -> str:
    if isinstance(fields.get("notes"), str):
        fields = {**fields, "notes": _Folded(fields["notes"])}
    dumped = yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=92)
    # A date is written the way the archive's files write it, without quotes.
    dumped = re.sub(r"^published: '([0-9-]+)'$", r"published: \1", dumped, flags=re.M)
    return f"---\n{dumped}---\n"
