"""Cleaning with an audit trail: every piece of every captured line gets exactly one place.

A captured article is a sequence of lines. Each line is cut into one or more *segments*
(most lines are one segment; a dateline in front of a paragraph or a credit glued to a
caption makes two). Each segment gets a kind, and the kind decides where it is shown:

- the article text (paragraphs and subheadings);
- the block of captions and credits (photo and video captions are real content);
- the "removed" block, listing each removed piece with the rule that removed it.

Nothing is deleted, and the segments of a line always concatenate back to the line:
`check_partition` proves it, and the tests run it on every source.

Rules come in two families. Pattern rules live in `sources/cleaning.yml`, where
contributors extend them. Structural rules are code: the headline, duplicates, captions
beside credits, photo-gallery slides, video titles, subheadings, and short lines that
repeat across one outlet's articles.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .model import ArticleSource, Bilingual, Origin, Outlet, OutletKind


class Place(enum.StrEnum):
    BODY = "body"
    MEDIA = "media"
    REMOVED = "removed"


class SegmentKind(enum.StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    CAPTION = "caption"
    CREDIT = "credit"
    HEADLINE = "headline"
    METADATA = "metadata"
    FURNITURE = "furniture"
    DUPLICATE = "duplicate"

    @property
    def place(self) -> Place:
        if self in (SegmentKind.PARAGRAPH, SegmentKind.HEADING):
            return Place.BODY
        if self in (SegmentKind.CAPTION, SegmentKind.CREDIT):
            return Place.MEDIA
        return Place.REMOVED


class Scope(enum.StrEnum):
    LINE = "line"
    PREFIX = "prefix"
    SUFFIX = "suffix"
    INLINE = "inline"


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern rule from `sources/cleaning.yml`."""

    id: str
    kind: SegmentKind
    scope: Scope
    pattern: re.Pattern[str]
    label: Bilingual
    origin: Origin
    outlets: frozenset[str] | None = None

    def applies_to(self, outlet: str | None) -> bool:
        return self.outlets is None or outlet in self.outlets

    def finds(self, text: str) -> bool:
        """Whether the rule would move something out of `text` (used to check examples)."""
        stripped = text.strip()
        if self.scope is Scope.LINE:
            return self.pattern.fullmatch(stripped) is not None
        if self.scope is Scope.PREFIX:
            found = self.pattern.match(text)
            return found is not None and found.end() > 0
        if self.scope is Scope.SUFFIX:
            return _suffix_match(self.pattern, text, 0, len(text)) is not None
        return any(m.end() > m.start() for m in self.pattern.finditer(text))


@dataclass(frozen=True, slots=True)
class Structure:
    """Thresholds of the structural detectors (see cleaning.schema.json)."""

    title_max_words: int = 10
    duplicate_min_words: int = 5
    repeated_min_articles: int = 3
    repeated_max_words: int = 15


@dataclass(frozen=True, slots=True)
class CleaningRules:
    rules: tuple[Rule, ...]
    structure: Structure = field(default_factory=Structure)

    def by_id(self) -> dict[str, Rule]:
        return {rule.id: rule for rule in self.rules}


class StructuralRule(enum.StrEnum):
    """Rules implemented in code; their labels are in the catalog (`rule.<value>`)."""

    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"
    HEADLINE = "headline"
    DUPLICATE = "duplicate"
    REPEATED_IN_OUTLET = "repeated-in-outlet"
    OUTLET_NAME_ALONE = "outlet-name-alone"
    CAPTION_BESIDE_CREDIT = "caption-beside-credit"
    CAPTION_BEFORE_CREDIT = "caption-before-credit"
    CAPTION_WITH_CREDIT = "caption-with-credit"
    HEADER_LINE = "header-line"
    GALLERY_SLIDE = "gallery-slide"
    VIDEO_TITLE = "video-title"


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of one captured line, with the kind that decides where it is shown."""

    line: int
    """1-based line number in the article body."""
    start: int
    end: int
    raw: str
    """The characters of the line from start to end, unchanged."""
    kind: SegmentKind
    rule: str
    """Id of the pattern rule or structural rule that gave the segment its kind."""
    note: str = ""
    """Extra detail for the audit, e.g. the line a duplicate repeats."""

    @property
    def text(self) -> str:
        return " ".join(self.raw.split())

    @property
    def place(self) -> Place:
        return self.kind.place


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A unit of the article text, with its stable anchor (`p3`, or `h1` for a subheading)."""

    id: str
    kind: SegmentKind
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class MediaItem:
    """A photo or video caption with its credits, as one block (`m2`)."""

    id: str
    segments: tuple[Segment, ...]

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(sorted({s.line for s in self.segments}))

    @property
    def captions(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind is SegmentKind.CAPTION)

    @property
    def credits(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind is SegmentKind.CREDIT)


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    source: ArticleSource
    segments: tuple[Segment, ...]
    paragraphs: tuple[Paragraph, ...]
    media: tuple[MediaItem, ...]

    @property
    def removed(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.place is Place.REMOVED)

    @property
    def body_paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.kind is SegmentKind.PARAGRAPH)


# --------------------------------------------------------------------------------------
# Text helpers


_CLOSING = ".,;:!?\"”’'»)…-–—"
_QUOTES = "\"'“”‘’«»"


def normalize(text: str) -> str:
    """Comparison form of a line: case-folded, spaces collapsed."""
    return " ".join(text.casefold().split())


def _title_key(text: str) -> str:
    return normalize(text).strip(_CLOSING + _QUOTES + " ")


def word_count(text: str) -> int:
    return len(text.split())


def is_title_like(text: str, max_words: int) -> bool:
    """A short line without closing punctuation: a headline, a slide title, a subheading."""
    words = text.split()
    if not words or len(words) > max_words or len(text) > 12 * max_words:
        return False
    if text[-1] in ".,;:":
        return False
    if text[0] in _QUOTES and text[-1] in _QUOTES:
        return False  # a short quotation standing alone is text, not a title
    first = text.lstrip(_QUOTES)[:1]
    return first.isupper() or first.isdigit()


def lines_of(body: str) -> list[str]:
    """The captured lines, split on LF only (a CR before it is not part of the line)."""
    return [line[:-1] if line.endswith("\r") else line for line in body.split("\n")]


def _suffix_match(
    pattern: re.Pattern[str], text: str, start: int, end: int
) -> re.Match[str] | None:
    """The leftmost match of `pattern` that ends exactly at `end` (ignoring trailing spaces)."""
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    for match in pattern.finditer(text, start, stop):
        if match.end() == stop and match.end() > match.start():
            return match
    return None


# --------------------------------------------------------------------------------------
# Detectors that look across articles


def find_repeated_lines(
    articles: Iterable[ArticleSource], structure: Structure
) -> dict[str | None, frozenset[str]]:
    """Short lines that occur in at least `repeated_min_articles` articles of one outlet.

    Outlets print the same boilerplate under every article (a slogan, an app prompt) in
    forms no rule foresaw. Long lines are left alone: outlets also reuse background
    paragraphs verbatim, and those are content. Articles of no known outlet share no
    template, so they are not compared with one another.
    """
    counts: dict[str | None, Counter[str]] = {}
    for article in articles:
        if article.outlet is None:
            continue
        seen = {
            normalize(line)
            for line in lines_of(article.body)
            if line.strip() and word_count(line) <= structure.repeated_max_words
        }
        counts.setdefault(article.outlet, Counter()).update(seen)
    return {
        outlet: frozenset(k for k, n in counter.items() if n >= structure.repeated_min_articles)
        for outlet, counter in counts.items()
    }


# --------------------------------------------------------------------------------------
# The cleaner


_CREDIT_OUTLET_KINDS = {
    OutletKind.NEWS_AGENCY,
    OutletKind.PHOTO_AGENCY,
    OutletKind.BROADCASTER,
    OutletKind.PLATFORM,
}
_PHOTO_CREDIT = re.compile(r"[•·*\-\s]*(?i:foto|photo|video|ilustrasi|dok)\b")


@dataclass
class _Piece:
    start: int
    end: int
    kind: SegmentKind | None = None
    rule: str = ""
    note: str = ""


@dataclass
class _Line:
    number: int
    raw: str
    pieces: list[_Piece]

    @property
    def blank(self) -> bool:
        return not self.raw.strip()

    def text_pieces(self) -> list[_Piece]:
        return [p for p in self.pieces if p.kind is None and self.raw[p.start : p.end].strip()]

    @property
    def text(self) -> str:
        """The unclassified text of the line, spaces collapsed."""
        return " ".join(" ".join(self.raw[p.start : p.end].split()) for p in self.text_pieces())

    @property
    def is_text(self) -> bool:
        return bool(self.text_pieces())

    def all_kind(self, kind: SegmentKind) -> bool:
        visible = [p for p in self.pieces if self.raw[p.start : p.end].strip()]
        return bool(visible) and all(p.kind is kind for p in visible)

    def has_rule(self, rule: str) -> bool:
        return any(p.rule == rule for p in self.pieces)

    def classify_text(self, kind: SegmentKind, rule: str, note: str = "") -> None:
        for piece in self.text_pieces():
            piece.kind, piece.rule, piece.note = kind, rule, note

    def split(self, piece: _Piece, start: int, end: int, kind: SegmentKind, rule: str) -> None:
        """Give [start, end) inside `piece` its own kind, keeping the rest unclassified."""
        index = self.pieces.index(piece)
        parts = []
        if start > piece.start:
            parts.append(_Piece(piece.start, start))
        parts.append(_Piece(start, end, kind, rule))
        if end < piece.end:
            parts.append(_Piece(end, piece.end))
        self.pieces[index : index + 1] = parts


def clean_article(
    source: ArticleSource,
    rules: CleaningRules,
    outlets: Mapping[str, Outlet],
    repeated: frozenset[str] = frozenset(),
) -> CleanedArticle:
    """Classify every piece of every line of `source.body` (see the module docstring)."""
    structure = rules.structure
    lines = [
        _Line(n, raw, [_Piece(0, len(raw))] if raw.strip() else [])
        for n, raw in enumerate(lines_of(source.body), start=1)
    ]
    active = [rule for rule in rules.rules if rule.applies_to(source.outlet)]
    for line in lines:
        _apply_pattern_rules(line, active)
    _mark_outlet_names(lines, outlets)
    _mark_repeated(lines, repeated, structure)
    if not source.title_supplied:
        _mark_headline(lines, source.title)
    _mark_duplicates(lines, structure)
    _mark_captions(lines, structure)
    _mark_body(lines, structure)
    segments = tuple(_segments(lines))
    check_partition(source.body, segments)
    return CleanedArticle(source, segments, _paragraphs(segments), _media(lines, segments))


def _apply_pattern_rules(line: _Line, rules: Sequence[Rule]) -> None:
    if line.blank:
        return
    raw = line.raw
    # A rule for the whole line wins over rules that split pieces off it: "Baca juga: …"
    # alone on its line is a related link, not a glued one.
    if _match_line_rules(line, line.pieces[0], rules):
        return
    for rule in rules:
        if rule.scope is Scope.LINE:
            continue
        for piece in list(line.pieces):
            if piece.kind is not None:
                continue
            if rule.scope is Scope.PREFIX:
                if piece.start != 0:
                    continue
                found = rule.pattern.match(raw, piece.start, piece.end)
                if found and found.end() > found.start():
                    line.split(piece, found.start(), found.end(), rule.kind, rule.id)
            elif rule.scope is Scope.SUFFIX:
                if piece.end != len(raw):
                    continue
                found = _suffix_match(rule.pattern, raw, piece.start, piece.end)
                if found:
                    line.split(piece, found.start(), piece.end, rule.kind, rule.id)
            else:
                spans = [
                    (m.start(), m.end())
                    for m in rule.pattern.finditer(raw, piece.start, piece.end)
                    if m.end() > m.start()
                ]
                for start, end in reversed(spans):
                    current = next(p for p in line.pieces if p.start <= start < p.end)
                    line.split(current, start, end, rule.kind, rule.id)
    for piece in line.pieces:
        if piece.kind is None:
            _match_line_rules(line, piece, rules)


def _match_line_rules(line: _Line, piece: _Piece, rules: Sequence[Rule]) -> bool:
    text = line.raw[piece.start : piece.end].strip()
    if not text:
        return False
    for rule in rules:
        if rule.scope is Scope.LINE and rule.pattern.fullmatch(text):
            piece.kind, piece.rule = rule.kind, rule.id
            return True
    return False


def _mark_outlet_names(lines: list[_Line], outlets: Mapping[str, Outlet]) -> None:
    """A line that is only the name of an agency ("Reuters") credits a photo."""
    names: dict[str, Outlet] = {}
    for outlet in outlets.values():
        for name in outlet.names:
            names.setdefault(normalize(name), outlet)
    for line in lines:
        visible = [p for p in line.pieces if line.raw[p.start : p.end].strip()]
        if len(visible) != 1 or visible[0].kind is not None:
            continue
        named = names.get(_title_key(line.text))
        if named is None:
            continue
        kind = SegmentKind.CREDIT if named.kind in _CREDIT_OUTLET_KINDS else SegmentKind.METADATA
        line.classify_text(kind, StructuralRule.OUTLET_NAME_ALONE)


def _mark_repeated(lines: list[_Line], repeated: frozenset[str], structure: Structure) -> None:
    if not repeated:
        return
    for line in lines:
        if (
            line.is_text
            and word_count(line.raw) <= structure.repeated_max_words
            and normalize(line.raw) in repeated
        ):
            line.classify_text(SegmentKind.FURNITURE, StructuralRule.REPEATED_IN_OUTLET)


def _mark_headline(lines: list[_Line], title: str) -> None:
    """The first text line that repeats the title is the headline (shown as the page title)."""
    wanted = _title_key(title)
    for line in [line for line in lines if line.is_text][:3]:
        if _title_key(line.text) == wanted:
            line.classify_text(SegmentKind.HEADLINE, StructuralRule.HEADLINE)
            return


def _mark_duplicates(lines: list[_Line], structure: Structure) -> None:
    first_seen: dict[str, int] = {}
    for line in lines:
        if line.has_rule(StructuralRule.HEADLINE):
            first_seen.setdefault(normalize(line.raw), line.number)
            continue
        if not line.is_text:
            continue
        key = normalize(line.text)
        if key in first_seen and word_count(key) >= structure.duplicate_min_words:
            line.classify_text(
                SegmentKind.DUPLICATE, StructuralRule.DUPLICATE, note=str(first_seen[key])
            )
        else:
            first_seen.setdefault(key, line.number)


def _neighbours(lines: list[_Line], index: int, step: int) -> _Line | None:
    """The next non-blank line before (-1) or after (+1) lines[index]."""
    probe = index + step
    while 0 <= probe < len(lines):
        if not lines[probe].blank:
            return lines[probe]
        probe += step
    return None


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = [[]]
    for line in lines:
        if line.blank:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [block for block in blocks if block]


def _mark_captions(lines: list[_Line], structure: Structure) -> None:
    max_words = structure.title_max_words
    blocks = _blocks(lines)
    # Text laid out in blank-line-separated blocks keeps a caption and its credit in one
    # small block; text with one line per paragraph puts the caption just above "Foto: …".
    blocked = len(blocks) > 1
    position = {id(line): i for i, line in enumerate(lines)}

    for i, line in enumerate(lines):
        # "Harapan Pupus di Aleppo" above "01:03": the title of an embedded video.
        following = _neighbours(lines, i, +1)
        if (
            line.is_text
            and following is not None
            and following.has_rule("video-duration")
            and is_title_like(line.text, max_words)
        ):
            line.classify_text(SegmentKind.CAPTION, StructuralRule.VIDEO_TITLE)
        # "… para militan. Sumber: Ruptly TV / YouTube": a caption carrying its credit.
        if line.is_text and any(p.kind is SegmentKind.CREDIT for p in line.pieces):
            line.classify_text(SegmentKind.CAPTION, StructuralRule.CAPTION_WITH_CREDIT)

    if blocked:
        for block in blocks:
            if len(block) <= 4 and any(line.all_kind(SegmentKind.CREDIT) for line in block):
                for line in block:
                    if line.is_text:
                        line.classify_text(
                            SegmentKind.CAPTION, StructuralRule.CAPTION_BESIDE_CREDIT
                        )
        return

    slides = 0
    last_credit = -1
    for i, line in enumerate(lines):
        if not (line.all_kind(SegmentKind.CREDIT) and _is_photo_credit(line)):
            continue
        caption = _neighbours(lines, i, -1)
        if caption is None or not caption.is_text:
            continue
        caption.classify_text(SegmentKind.CAPTION, StructuralRule.CAPTION_BEFORE_CREDIT)
        title = _neighbours(lines, position[id(caption)], -1)
        if title is not None and title.is_text and is_title_like(title.text, max_words):
            title.classify_text(SegmentKind.CAPTION, StructuralRule.GALLERY_SLIDE)
        slides += 1
        last_credit = i

    # A gallery's last slide often lost its credit in the capture: a title and one caption
    # after the last credit, closing the text.
    if slides >= 2:
        tail = [line for line in lines[last_credit + 1 :] if not line.blank]
        if (
            len(tail) == 2
            and all(line.is_text for line in tail)
            and is_title_like(tail[0].text, max_words)
        ):
            for line in tail:
                line.classify_text(SegmentKind.CAPTION, StructuralRule.GALLERY_SLIDE)


def _is_photo_credit(line: _Line) -> bool:
    return bool(_PHOTO_CREDIT.match(line.raw)) or line.has_rule("agency-slash-credit")


def _mark_body(lines: list[_Line], structure: Structure) -> None:
    max_words = structure.title_max_words
    # Above the first sentence of the article, short lines are the page's header (an
    # author's name, a section label), not subheadings.
    first_sentence = next(
        (
            i
            for i, line in enumerate(lines)
            if line.is_text and not is_title_like(line.text, max_words)
        ),
        len(lines),
    )
    for i, line in enumerate(lines):
        if not line.is_text:
            continue
        following = _neighbours(lines, i, +1)
        if i < first_sentence:
            line.classify_text(SegmentKind.METADATA, StructuralRule.HEADER_LINE)
        elif is_title_like(line.text, max_words) and following is not None and following.is_text:
            line.classify_text(SegmentKind.HEADING, StructuralRule.SUBHEADING)
        else:
            line.classify_text(SegmentKind.PARAGRAPH, StructuralRule.PARAGRAPH)


# --------------------------------------------------------------------------------------
# From classified lines to segments, paragraphs and media items


def _segments(lines: list[_Line]) -> Iterable[Segment]:
    for line in lines:
        pieces = [p for p in line.pieces if p.kind is not None]
        # Spaces left between classified pieces belong to the piece before them (or to
        # the first piece), so the segments of a line still concatenate to the line.
        merged: list[_Piece] = []
        for piece in line.pieces:
            if piece.kind is None:
                if merged:
                    merged[-1].end = piece.end
                elif pieces:
                    pieces[0].start = piece.start
                continue
            if merged and merged[-1].end != piece.start:
                merged[-1].end = piece.start
            merged.append(piece)
        for piece in merged:
            assert piece.kind is not None
            yield Segment(
                line.number,
                piece.start,
                piece.end,
                line.raw[piece.start : piece.end],
                piece.kind,
                piece.rule,
                piece.note,
            )


def _paragraphs(segments: Sequence[Segment]) -> tuple[Paragraph, ...]:
    by_line: dict[int, list[Segment]] = {}
    for segment in segments:
        if segment.place is Place.BODY:
            by_line.setdefault(segment.line, []).append(segment)
    paragraphs: list[Paragraph] = []
    counts = {SegmentKind.PARAGRAPH: 0, SegmentKind.HEADING: 0}
    for number, parts in sorted(by_line.items()):
        kind = parts[0].kind
        counts[kind] += 1
        prefix = "p" if kind is SegmentKind.PARAGRAPH else "h"
        text = " ".join(part.text for part in parts if part.text)
        paragraphs.append(Paragraph(f"{prefix}{counts[kind]}", kind, text, number))
    return tuple(paragraphs)


def _media(lines: list[_Line], segments: Sequence[Segment]) -> tuple[MediaItem, ...]:
    """Group captions and credits of neighbouring lines into one item per photo or video.

    In blank-line-separated text a block is one item, whatever the order of caption and
    credit. In text with one line per paragraph a credit closes its item (the layout of
    photo galleries: title, caption, credit, title, caption, credit …).
    """
    by_line: dict[int, list[Segment]] = {}
    for segment in segments:
        if segment.place is Place.MEDIA:
            by_line.setdefault(segment.line, []).append(segment)
    blocked = len(_blocks(lines)) > 1
    groups: list[list[Segment]] = []
    open_group = False
    after_credit = False
    for line in lines:
        parts = by_line.get(line.number)
        if not parts:
            open_group = False  # a blank, body or removed line ends the item
            continue
        if not open_group or (
            not blocked and after_credit and parts[0].kind is SegmentKind.CAPTION
        ):
            groups.append([])
        groups[-1].extend(parts)
        open_group = True
        after_credit = parts[-1].kind is SegmentKind.CREDIT
    return tuple(MediaItem(f"m{i}", tuple(group)) for i, group in enumerate(groups, start=1))


def check_partition(body: str, segments: Sequence[Segment]) -> None:
    """Prove that the segments cover every non-blank line exactly, in order, once."""
    by_line: dict[int, list[Segment]] = {}
    for segment in segments:
        by_line.setdefault(segment.line, []).append(segment)
    for number, raw in enumerate(lines_of(body), start=1):
        parts = by_line.pop(number, [])
        if not raw.strip():
            if parts:
                raise AssertionError(f"blank line {number} has segments")
            continue
        if "".join(p.raw for p in parts) != raw or parts[0].start != 0:
            raise AssertionError(f"line {number} is not covered exactly by its segments")
        if any(a.end != b.start for a, b in pairwise(parts)):
            raise AssertionError(f"segments of line {number} overlap or leave a gap")
    if by_line:
        raise AssertionError(f"segments point at lines that do not exist: {sorted(by_line)}")
