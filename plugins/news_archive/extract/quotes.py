"""Direct quotations and who said them.

A quotation is text in double quotes of at least three words (one or two quoted words are
scare quotes: "neraka"). Its speaker is found, in this order, from the attribution right
after it ("…," kata Assad; "…," tulis keterangan Tentara Suriah), from the clause before
it (Araghchi mengatakan, "…"), from a pronoun pointing back ("…," katanya), from the
quotation it continues, or from the paragraph before when that one ends "… mengatakan
kepada Reuters,". Speakers resolve to registered entities when the registry knows them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..model import EntityKind
from .language import Language, alternation
from .model import Quote, Sentence, Unit
from .names import NameMatcher
from .text import QuoteSpan, quote_spans, sentence_at

_SPEAKER_KINDS = {EntityKind.PERSON, EntityKind.ORGANIZATION}
_WINDOW_STOP = re.compile(
    r"\s+(?:kepada|dalam|saat|ketika|seperti|sebagaimana|melalui|pada|usai|setelah|sebelum|"
    r"yang dikutip|dikutip|dilansir|sambil)\b|[,;:.!?\"“”(]",
    re.IGNORECASE,
)
_DESCRIPTORS = re.compile(
    r"^(?:keterangan|pernyataan|rilis|siaran pers)(?:\s+(?:dari|resmi))?\s+", re.IGNORECASE
)


@dataclass(frozen=True)
class Speaker:
    entity: str | None
    text: str | None


@dataclass(frozen=True)
class _Patterns:
    after: re.Pattern[str]
    after_np: re.Pattern[str]
    before_after_verb: re.Pattern[str]
    reported: re.Pattern[str]
    openers: re.Pattern[str]


@cache
def _patterns(language: Language) -> _Patterns:
    after_verbs = alternation(language.after_verbs)
    before_verbs = alternation(language.before_verbs)
    return _Patterns(
        after=re.compile(
            rf"^\s*[,.]?\s*(?:demikian\s+)?(?P<verb>{after_verbs})(?P<nya>nya)?\b(?P<rest>[^\n]*)",
            re.IGNORECASE,
        ),
        after_np=re.compile(
            rf"^\s*[,.]?\s*(?P<np>[A-Z][^,.;:!?\"“”]{{1,80}}?)\s+(?:{before_verbs})\b"
        ),
        before_after_verb=re.compile(
            rf"(?:^|[\s,])(?:(?:{after_verbs})|[Mm]enurut)\s+(?P<np>[^,:\"“”]{{2,80}}?)\s*[,:]\s*$"
        ),
        reported=re.compile(rf"\b(?:{before_verbs})\b", re.IGNORECASE),
        openers=re.compile(
            rf"^(?:(?:{alternation(language.clause_openers)})\b[\s,]*)+", re.IGNORECASE
        ),
    )


def _speaker(
    window: str, matcher: NameMatcher, *, allow_place_alone: bool = True
) -> Speaker | None:
    """The speaker named in `window`: a person, else an organisation, else the words."""
    text = " ".join(window.split()).strip(" ,.;:")
    text = _DESCRIPTORS.sub("", text)
    if not text:
        return None
    spans = matcher.entities_in(text)
    people = [s for s in spans if matcher.entities[s.id].kind is EntityKind.PERSON]
    organisations = [s for s in spans if matcher.entities[s.id].kind is EntityKind.ORGANIZATION]
    if people:
        return Speaker(people[-1].id, text)
    if organisations:
        return Speaker(organisations[0].id, text)
    if allow_place_alone and len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(text):
        return Speaker(spans[0].id, text)
    return Speaker(None, text)


def _subject(before: str, language: Language, patterns: _Patterns) -> str:
    """The subject of a clause ending just before its speech verb."""
    chunks = [c for c in before.split(",") if c.strip()] or [""]
    while len(chunks) > 1 and chunks[-1].strip().casefold().startswith("yang"):
        chunks.pop()
    return patterns.openers.sub("", chunks[-1].strip()).strip()


def _window_after(rest: str) -> str:
    stop = _WINDOW_STOP.search(rest)
    return rest[: stop.start()] if stop else rest


def find_quotes(
    units: Sequence[Unit],
    sentences: dict[str, list[Sentence]],
    matcher: NameMatcher,
    language: Language,
) -> list[Quote]:
    patterns = _patterns(language)
    quotes: list[Quote] = []
    last: Speaker | None = None
    previous_unit: Unit | None = None
    previous_unit_speaker: Speaker | None = None
    for unit in units:
        text = unit.text
        spans = [q for q in quote_spans(text) if len(text[q.inner[0] : q.inner[1]].split()) >= 3]
        events: list[tuple[int, str, object]] = [(q.start, "quote", q) for q in spans]
        for match in patterns.reported.finditer(text):
            if not any(q.start <= match.start() < q.end for q in quote_spans(text)):
                events.append((match.start(), "speech", match))
        events.sort(key=lambda e: e[0])
        unit_quotes: list[Quote] = []
        ending_speaker: Speaker | None = None
        for position, kind, item in events:
            if kind == "speech":
                assert isinstance(item, re.Match)
                sentence = sentences[unit.id][sentence_at(sentences[unit.id], position)]
                subject = _subject(text[sentence.start : position], language, patterns)
                found = _speaker(subject, matcher) if subject else None
                if found and (found.entity or 0 < len(subject.split()) <= 12):
                    last = found
                    ending_speaker = found
                continue
            assert isinstance(item, QuoteSpan)
            speaker, cue = _resolve(
                item,
                unit,
                sentences[unit.id],
                matcher,
                language,
                patterns,
                last,
                unit_quotes,
                previous_unit,
                previous_unit_speaker,
            )
            inner_start, inner_end = item.inner
            inner = text[inner_start:inner_end]
            offset = len(inner) - len(inner.lstrip())
            body = inner.strip()
            quote = Quote(
                unit.id,
                sentence_at(sentences[unit.id], item.start),
                inner_start + offset,
                inner_start + offset + len(body),
                body,
                speaker.entity if speaker else None,
                speaker.text if speaker else None,
                cue,
                () if item.closed else ("unclosed",),
            )
            unit_quotes.append(quote)
            if speaker is not None:
                last = speaker
                ending_speaker = speaker
        quotes.extend(unit_quotes)
        previous_unit = unit
        previous_unit_speaker = ending_speaker
    return quotes


def _resolve(
    span: QuoteSpan,
    unit: Unit,
    sentences: Sequence[Sentence],
    matcher: NameMatcher,
    language: Language,
    patterns: _Patterns,
    last: Speaker | None,
    unit_quotes: list[Quote],
    previous_unit: Unit | None,
    previous_speaker: Speaker | None,
) -> tuple[Speaker | None, str]:
    text = unit.text
    after = text[span.end :]
    found = patterns.after.match(after)
    if found:
        if found.group("nya"):
            return last, "pronoun"
        speaker = _speaker(_window_after(found.group("rest")), matcher)
        if speaker is not None:
            return speaker, "after"
    found_np = patterns.after_np.match(after)
    if found_np:
        speaker = _speaker(found_np.group("np"), matcher)
        if speaker is not None:
            return speaker, "after"
    sentence = sentences[sentence_at(sentences, span.start)]
    before = text[sentence.start : span.start]
    if before.strip():
        found_before = patterns.before_after_verb.search(before)
        if found_before:
            speaker = _speaker(found_before.group("np"), matcher)
            if speaker is not None:
                return speaker, "before"
        # The subject of the last speech verb before the quotation in its sentence:
        # "Araghchi mengatakan, "…"" and "Presiden menyebut langkah itu "…" dalam pidato".
        verbs = list(patterns.reported.finditer(before))
        if verbs:
            subject = _subject(before[: verbs[-1].start()], language, patterns)
            speaker = _speaker(subject, matcher) if subject else None
            if speaker is not None:
                return speaker, "before"
    if unit_quotes and unit_quotes[-1].speaker_text is not None:
        previous = unit_quotes[-1]
        return Speaker(previous.speaker, previous.speaker_text), "continuation"
    opens_unit = not text[: span.start].strip()
    if (
        opens_unit
        and previous_unit is not None
        and previous_speaker is not None
        and previous_unit.text.rstrip().endswith((",", ":"))
    ):
        return previous_speaker, "previous-unit"
    return None, "none"
