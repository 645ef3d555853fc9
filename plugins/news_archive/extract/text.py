"""Units, quotation marks and sentences of an article's cleaned text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..cleaning import CleanedArticle, SegmentKind, StructuralRule, is_title_like
from .language import Language
from .model import Sentence, Unit, UnitKind

_TITLE_RULES = {StructuralRule.GALLERY_SLIDE, StructuralRule.VIDEO_TITLE}
_OPENING = {"“": "”", "«": "»", "„": "”"}
_CLOSING = {"”", "»"}
_STRAIGHT = '"'
_BEFORE_OPENING = set(" \t\n([{—–-/:")
_QUOTE_MARK = re.compile(f"[{re.escape(''.join([*_OPENING, *_CLOSING, _STRAIGHT]))}]")


def units_of(article: CleanedArticle) -> tuple[Unit, ...]:
    """Paragraphs (not subheadings) and photo/video items, in reading order."""
    source = article.source
    units = [
        Unit(p.id, UnitKind.PARAGRAPH, p.text, source.file_line(p.line))
        for p in article.body_paragraphs
    ]
    for item in article.media:
        pieces: list[str] = []
        credits: list[tuple[int, int]] = []
        titles: list[tuple[int, int]] = []
        position = 0
        # Segments are joined by a line break, which ends a sentence: a slide title, its
        # caption and its credit are separate sentences.
        for segment in item.segments:
            if not segment.text:
                continue
            if pieces:
                position += 1
            if segment.kind is SegmentKind.CREDIT:
                credits.append((position, position + len(segment.text)))
            elif segment.rule in _TITLE_RULES and is_title_like(segment.text, 10):
                titles.append((position, position + len(segment.text)))
            pieces.append(segment.text)
            position += len(segment.text)
        units.append(
            Unit(
                item.id,
                UnitKind.MEDIA,
                "\n".join(pieces),
                source.file_line(item.lines[0]),
                tuple(credits),
                tuple(titles),
            )
        )
    return tuple(units)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A top-level quotation: `start` is the opening mark, `end` is after the closing mark."""

    start: int
    end: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end


def quote_spans(text: str) -> list[QuoteSpan]:
    """Top-level double quotations, with nested ones ("… yang "terjebak" demi …") inside.

    A straight quote opens when it follows a space or bracket and precedes a letter, and
    closes when it follows a letter or punctuation; curly quotes say which they are. A
    quotation left open runs to the end of the unit (multi-paragraph quotes do that).
    """
    spans: list[QuoteSpan] = []
    stack: list[str] = []
    start = 0
    for mark in _QUOTE_MARK.finditer(text):
        i = mark.start()
        char = mark.group()
        if char in _OPENING:
            opens = True
        elif char in _CLOSING:
            opens = False
        else:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before in _BEFORE_OPENING and not after.isspace():
                opens = True
            elif not before.isspace():
                opens = False
            else:
                opens = not stack
        if opens:
            if not stack:
                start = i
            stack.append(char)
        elif stack:
            stack.pop()
            if not stack:
                spans.append(QuoteSpan(start, i + 1, True))
    if stack:
        spans.append(QuoteSpan(start, len(text), False))
    return spans


_BOUNDARY = re.compile(r"(?:[.!?]+|…)[\"”’»)\]]*(?=\s+\S)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def split_sentences(unit: Unit, language: Language) -> list[Sentence]:
    """Sentences of a unit. Abbreviations ("Mayjen", "Dr."), initials ("A. Ismail"),
    numbers ("8.461", "2,5", "22/12") and quotations stay whole: a quotation that runs over
    several sentences stays one sentence with its attribution."""
    text = unit.text
    quotes = quote_spans(text)

    def inside_quote(position: int) -> bool:
        return any(q.start < position < q.end for q in quotes)

    cuts: list[int] = [m.start() for m in re.finditer("\n", text)]
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if inside_quote(end):
            continue
        nxt = text[end:].lstrip()[:1]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“«'‘(["):
            continue
        if text[match.start()] == ".":
            before = _WORD_BEFORE.search(text, 0, match.start())
            word = before.group(1).rstrip(".") if before else ""
            if word in language.abbreviations or (len(word) == 1 and word.isupper()):
                continue
        cuts.append(end)
    sentences: list[Sentence] = []
    begin = 0
    for cut in [*sorted(set(cuts)), len(text)]:
        chunk = text[begin:cut]
        stripped = chunk.strip()
        if stripped:
            offset = begin + (len(chunk) - len(chunk.lstrip()))
            sentences.append(Sentence(unit.id, len(sentences), offset, offset + len(stripped)))
        begin = cut
    return sentences


def sentence_at(sentences: Sequence[Sentence], position: int) -> int:
    """Index of the sentence holding `position` (the last one that starts at or before it)."""
    index = 0
    for sentence in sentences:
        if sentence.start <= position:
            index = sentence.index
    return index


def search_at_end(
    pattern: re.Pattern[str], text: str, end: int, words: int = 1
) -> re.Match[str] | None:
    """`pattern.search(text[:end])` for a pattern anchored at the end (`$`) whose match
    spans at most `words` whitespace-separated words. The search starts that many words
    before `end`: started at the beginning of the text, it would try every position there,
    for every expression of a paragraph."""
    start = end
    for _ in range(words):
        while start > 0 and text[start - 1].isspace():
            start -= 1
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    return pattern.search(text, start, end)
