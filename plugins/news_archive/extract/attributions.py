"""Attributions: which outlets, agencies and channels an article says it took information
from, and how ("seperti dikutip RT", "dikabarkan Sputnik", "kepada Reuters", "Sumber:
Ruptly TV / YouTube"). Names resolve through the outlets registry."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache

from ..model import Outlet
from .language import Language, alternation, fold
from .model import Attribution, Sentence, Unit
from .names import NameMatcher, NameSpan
from .text import sentence_at

# Cue words that describe the source rather than say how it was used ("kantor berita",
# "laporan"): when a verb cue stands just before them ("dikutip kantor berita Suriah SANA",
# "menurut laporan Al Jazeera"), the verb says how.
_DESCRIPTORS = frozenset(
    {
        "kantor berita",
        "media",
        "laporan",
        "stasiun televisi",
        "televisi",
        "jurnalis",
        "wartawan",
        "koresponden",
    }
)
# Descriptors that can also name what the news is about ("kantor berita SANA diretas"):
# without a verb cue before them they count only when a reporting verb follows the name.
_SUBJECT_DESCRIPTORS = frozenset({"kantor berita", "media", "stasiun televisi", "televisi"})
_REACH = re.compile(r"(?:[\s:/,]+[\w.'’-]+){0,3}?[\s:/,]*$")


@cache
def _patterns(
    language: Language, names: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    credit_cues = [c for c, how in language.attribution_before.items() if how == "credit"]
    cues = alternation(c for c, how in language.attribution_before.items() if how != "credit")
    # A credit cue needs its colon ("Sumber: Reuters"): "video dari jurnalis RT" is no credit.
    cue = re.compile(
        rf"(?<![\w])(?:(?P<cue>{cues})|(?P<credit>{alternation(credit_cues)})\s*:)", re.IGNORECASE
    )
    # "SANA melaporkan", "SANA, melaporkan", "SANA bahkan menyebut": a reporting verb after
    # the name, with at most a comma and one adverb between.
    after = re.compile(
        rf"^\s*,?\s*(?:(?:bahkan|juga|pun|kemudian|lalu|sebelumnya|pada)\s+)?"
        rf"(?:{alternation(language.attribution_after)})\b",
        re.IGNORECASE,
    )
    glued_cues = alternation(
        c for c, how in language.attribution_before.items() if c[-1].isalpha() and how != "credit"
    )
    glued = re.compile(
        rf"(?<![\w])(?P<cue>(?i:{glued_cues}))(?P<name>{alternation(names)})(?![\w])"
    )
    return cue, after, glued


OutletNames = tuple[tuple[str, ...], dict[str, str]]
"""Every name of the outlets, sorted, and the outlet each one names."""


def outlet_names(outlets: Mapping[str, Outlet]) -> OutletNames:
    names = tuple(sorted({name for outlet in outlets.values() for name in outlet.names}))
    return names, {name: outlet.id for outlet in outlets.values() for name in outlet.names}


def find_attributions(
    unit: Unit,
    sentences: Sequence[Sentence],
    matcher: NameMatcher,
    outlets: Mapping[str, Outlet],
    language: Language,
    credit_spans: Sequence[tuple[int, int]] = (),
    table: OutletNames | None = None,
) -> list[Attribution]:
    """Outlets a unit names as its sources, and how. `table`: the outlets' names, when the
    caller has it (`outlet_names(outlets)`), so that it is not worked out for every unit."""
    text = unit.text
    names, owner = table or outlet_names(outlets)
    if not names:
        return []
    before, after, glued = _patterns(language, names)
    spans: list[tuple[NameSpan, int, str | None]] = []
    for match in glued.finditer(text):
        spans.append(
            (
                NameSpan(match.start("name"), match.end("name"), owner[match.group("name")]),
                match.start(),
                language.attribution_before[fold(match.group("cue"))],
            )
        )
    taken = [(s.start, s.end) for s, _, _ in spans]
    for span in matcher.outlets_in(text):
        if any(s <= span.start < e for s, e in taken):
            continue
        spans.append((span, span.start, None))
    found: list[Attribution] = []
    for span, start, how in sorted(spans, key=lambda item: item[0].start):
        if how is None:
            start, how = _how(text, span, sentences, before, after, language, credit_spans)
        if how is None:
            continue
        found.append(
            Attribution(
                unit.id,
                sentence_at(sentences, span.start),
                start,
                span.end,
                text[start : span.end],
                span.id,
                how,
            )
        )
    return found


def _how(
    text: str,
    span: NameSpan,
    sentences: Sequence[Sentence],
    before: re.Pattern[str],
    after: re.Pattern[str],
    language: Language,
    credit_spans: Sequence[tuple[int, int]],
) -> tuple[int, str | None]:
    if any(s <= span.start < e for s, e in credit_spans):
        return span.start, "credit"
    sentence = sentences[sentence_at(sentences, span.start)]
    left_start = max(sentence.start, span.start - 80)
    left = text[left_start : span.start]
    # Cues within reach of the name: at most three words between them.
    reachable = [m for m in before.finditer(left) if _REACH.fullmatch(left, m.end())]
    reports = bool(after.match(text[span.end :]))
    if reachable:
        chosen = reachable[-1]
        cue = fold(chosen.group("cue")) if chosen.group("cue") else None
        if cue in _DESCRIPTORS and len(reachable) > 1:
            chosen = reachable[-2]
        elif cue in _SUBJECT_DESCRIPTORS and not reports:
            # "Situs kantor berita SANA sempat tidak dapat diakses": the agency is what the
            # news is about, not where it came from.
            return span.start, None
        how = (
            "credit"
            if chosen.group("credit")
            else language.attribution_before[fold(chosen.group("cue"))]
        )
        return left_start + chosen.start(), how
    if reports:
        return span.start, "reported"
    if text[span.start - 1 : span.start] == "(" and text[span.end : span.end + 1] == ")":
        return span.start - 1, "reported"
    return span.start, None
