"""Direct quotations and who said them.

A quotation is text in double quotes of at least three words (one or two quoted words are
scare quotes: "neraka"). Its speaker is found, in this order, from the attribution right
after it ("…," kata Assad; "…," tulis keterangan Tentara Suriah), from the clause before
it (Araghchi mengatakan, "…"), from the quotation it continues, or from the paragraph
before when that one ends "… mengatakan kepada Reuters,".

A speaker phrase becomes a speaker the way a reader would take it: a registered person or
organisation; else a person's name without its titles and institutions ("Direktur
Pelindungan WNI Kemlu Rahmat Hidayat" → Rahmat Hidayat); a short second mention
("Al-Jalali", "Erdogan") stands for the full name given earlier; "ia", "katanya",
"tambahnya" point back to the last speaker, or to the person a sentence since then was
about; "Komando itu" points back to the last speaker called a komando.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..model import EntityKind
from .language import Language, alternation
from .model import Quote, Sentence, Unit
from .names import NameMatcher
from .text import QuoteSpan, quote_spans, sentence_at

_WINDOW_STOP = re.compile(
    r"\s+(?:kepada|dalam|saat|ketika|seperti|sebagaimana|melalui|pada|usai|setelah|sebelum|"
    r"yang|dikutip|dilansir|sambil|di hadapan)\b|[,;:.!?\"“”]|\((?![A-Z]{2,8}\))",
    re.IGNORECASE,
)
_DESCRIPTORS = re.compile(
    r"^(?:bunyi\s+)?(?:keterangan|pernyataan|rilis|siaran pers)(?:\s+(?:dari|resmi))?\s+",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"ia", "dia", "beliau"})
_ANAPHORA = re.compile(
    r"^(?P<head>[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)\s+(?:itu|tersebut)$", re.IGNORECASE
)
_TRAILING = re.compile(
    r"\s+(?:juga|pun|pula|sendiri|bahkan|lalu|kemudian|kembali|sempat|"
    r"telah|sudah|akan|tidak|tak|kini|pernah)$",
    re.IGNORECASE,
)
# A capitalised name right after one of these words is a place ("seorang warga Ras al-Ain").
_PLACE_BEFORE = re.compile(
    r"\b(?:warga|penduduk|di|dari|asal|kota|desa|kamp|distrik|provinsi|"
    r"wilayah|kawasan|negara|kabupaten)\s+$",
    re.IGNORECASE,
)
_PARTICLE = re.compile(r"^(?:al|el|ad|as|ar|an|ash|asy|bin|ibn)-[A-Z]")
_PARENTHETICAL = re.compile(
    r"^(?:yang|dalam|di|pada|dari|kepada|seperti|saat|ketika|"
    r"sebagaimana|menurut|melalui|usai|setelah)\b",
    re.IGNORECASE,
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
    verb_like: re.Pattern[str]


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
            rf"^\s*,?\s*(?P<np>[A-Z][^,.;:!?\"“”]{{1,80}}?)\s+(?:{before_verbs})\b"
        ),
        before_after_verb=re.compile(
            rf"(?:^|[\s,])(?:(?:{after_verbs})|[Mm]enurut)\s+(?P<np>[^,:\"“”]{{2,80}}?)"
            rf"(?:\s*,\s*[^,:\"“”]{{2,60}}?)?\s*[,:]\s*$"
        ),
        reported=re.compile(rf"\b(?:{before_verbs})\b", re.IGNORECASE),
        openers=re.compile(
            rf"^(?:(?:{alternation(language.clause_openers)})\b[\s,]*)+", re.IGNORECASE
        ),
        verb_like=re.compile(
            rf"\s(?:me[mnlrwy]?\w|ber\w|di\w{{3}}|ter\w|{before_verbs}|{after_verbs})",
            re.IGNORECASE,
        ),
    )


@dataclass
class _Resolver:
    """Who is speaking, as an article goes on."""

    matcher: NameMatcher
    language: Language
    patterns: _Patterns
    last: Speaker | None = None
    history: list[Speaker] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    """Full names (two words or more) met so far, for short second mentions."""
    subject: Speaker | None = None
    """A person a sentence was about since the last speaker (for "katanya")."""

    def spoke(self, speaker: Speaker | None) -> None:
        if speaker is not None:
            self.last = speaker
            self.history.append(speaker)
            self.subject = None

    def meet_names(self, text: str) -> None:
        for name in self._names_in(text):
            if len(name.split()) > 1 and name not in self.names:
                self.names.append(name)

    def pronoun(self) -> Speaker | None:
        return self.subject or self.last

    def _names_in(self, text: str) -> list[str]:
        taken = [
            (s.start, s.end) for s in self.matcher.entities_in(text) + self.matcher.outlets_in(text)
        ]
        found = []
        # A word met before as part of a full name is a name even where it opens a sentence.
        known = frozenset(token for name in self.names for token in name.split())
        for start, end in self.matcher.candidates_in(text, taken, known):
            name = self._trim(text[start:end])
            if name:
                found.append(name)
        return found

    def _trim(self, run: str) -> str | None:
        """The person's name at the end of a capitalised run: after the last title,
        institution or acronym ("Pelindungan WNI Kemlu Rahmat Hidayat" → Rahmat Hidayat)."""
        tokens = run.split()
        cut = 0
        for index, token in enumerate(tokens):
            bare = token.strip(",.()")
            if (
                bare in self.language.titles
                or bare in self.language.institutions
                or bare in self.language.common_words
                or (bare.isupper() and len(bare) > 1 and bare.isalpha())
            ):
                cut = index + 1
        name = " ".join(tokens[cut:])
        return name or None

    def _full_name(self, short: str) -> str | None:
        wanted = short.casefold()
        for name in reversed(self.names):
            if wanted in (token.casefold() for token in name.split()):
                return name
        return None

    def resolve(self, phrase: str) -> Speaker | None:
        """The speaker a phrase names (see the module docstring)."""
        text = " ".join(phrase.split()).strip(" ,.;:")
        text = _DESCRIPTORS.sub("", text)
        while True:
            shorter = _TRAILING.sub("", text)
            if shorter == text:
                break
            text = shorter
        if not text:
            return None
        if text.casefold() in _PRONOUNS:
            return self.pronoun()
        anaphora = _ANAPHORA.match(text)
        if anaphora:
            head = anaphora.group("head").casefold()
            for earlier in reversed(self.history):
                named = self._display(earlier).casefold()
                if head in named or any(word in named for word in head.split()):
                    return earlier
            return self.last
        spans = self.matcher.entities_in(text)
        head = text.split(" di ")[0]
        if not spans and head != text and all(word[:1].isupper() for word in head.split()):
            # "Stoltenberg di Roma": where someone spoke is not who spoke.
            text = head
        if not spans and len(text.split()) <= 2 and (text[:1].isupper() or _PARTICLE.match(text)):
            full = self._full_name(text.split()[-1])
            if full:
                return Speaker(None, full)
        kinds = {s.id: self.matcher.entities[s.id].kind for s in spans}
        people = [s for s in spans if kinds[s.id] is EntityKind.PERSON]
        if people:
            return Speaker(people[-1].id, text)
        names = [n for n in self._names_in(text) if not _PLACE_BEFORE.search(text[: text.find(n)])]
        if names:
            name = names[-1]
            if len(name.split()) > 1:
                return Speaker(None, name)
            full = self._full_name(name)
            if full:
                return Speaker(None, full)
            if name == text:
                return Speaker(None, name)
        organisations = [s for s in spans if kinds[s.id] is EntityKind.ORGANIZATION]
        if organisations:
            return Speaker(organisations[0].id, text)
        if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(text):
            return Speaker(spans[0].id, text)
        return Speaker(None, text)

    def _display(self, speaker: Speaker) -> str:
        if speaker.entity and speaker.entity in self.matcher.entities:
            entity = self.matcher.entities[speaker.entity]
            return " ".join((entity.names.id, entity.names.en, speaker.text or ""))
        return speaker.text or ""

    def subject_of(self, before: str) -> str:
        """The subject of a clause ending just before its speech verb: the last comma-separated
        part that does not start in lower case, since those are relative clauses, adverbials
        and descriptions ("Abu Mahmoud, pengungsi asal Idlib …, mengatakan")."""
        chunks = [c.strip() for c in before.split(",") if c.strip()] or [""]
        while len(chunks) > 1 and (
            _PARENTHETICAL.match(chunks[-1])
            or (chunks[-1][:1].islower() and self._is_name(chunks[-2]))
        ):
            chunks.pop()
        return self.patterns.openers.sub("", chunks[-1]).strip()

    def _is_name(self, chunk: str) -> bool:
        """Capitalised words only, not opening with a verb ("Abu Mahmoud", not "Dilansir X")."""
        words = self.patterns.openers.sub("", chunk).split()
        return (
            0 < len(words) <= 5
            and all(w[:1].isupper() or _PARTICLE.match(w) for w in words)
            and not self.patterns.verb_like.match(" " + words[0])
        )

    def sentence_topic(self, sentence: str) -> None:
        """Remember the person a sentence opens with ("Pemimpin HTS Abu Mohammed al-Julani,
        …, tiba di …"), for a "katanya" that follows."""
        head = self.patterns.openers.sub("", sentence.strip()).split(",")[0]
        verb = self.patterns.verb_like.search(head)
        if verb:
            head = head[: verb.start()]
        spans = [
            s
            for s in self.matcher.entities_in(head)
            if self.matcher.entities[s.id].kind is EntityKind.PERSON
        ]
        names = []
        for name in self._names_in(head):
            full = name if len(name.split()) > 1 else self._full_name(name)
            if full:
                names.append(full)
        if len(spans) + len(names) == 1:
            self.subject = Speaker(spans[0].id, head.strip()) if spans else Speaker(None, names[0])


def _window_after(rest: str) -> str:
    """The speaker phrase after a speech verb. When it stops at a comma and the next part
    names someone ("kata juru bicara Kementerian …, Mayjen Igor Konashenkov, seperti …"),
    the two parts are one phrase."""
    stop = _WINDOW_STOP.search(rest)
    if stop is None:
        return rest
    window = rest[: stop.start()]
    if stop.group().strip() == ",":
        tail = rest[stop.end() :]
        follow = _WINDOW_STOP.search(tail)
        appositive = tail[: follow.start()] if follow else tail
        if re.match(r"\s*[A-Z]", appositive) and len(appositive.split()) <= 6:
            return f"{window} {appositive}"
    return window


def find_quotes(
    units: Sequence[Unit],
    sentences: dict[str, list[Sentence]],
    matcher: NameMatcher,
    language: Language,
) -> list[Quote]:
    resolver = _Resolver(matcher, language, _patterns(language))
    quotes: list[Quote] = []
    previous_unit: Unit | None = None
    previous_speaker: Speaker | None = None
    for unit in units:
        text = unit.text
        spans_all = quote_spans(text)
        spans = [q for q in spans_all if len(text[q.inner[0] : q.inner[1]].split()) >= 3]
        events: list[tuple[int, int, str, object]] = [(q.start, 1, "quote", q) for q in spans]
        for match in resolver.patterns.reported.finditer(text):
            if not any(q.start <= match.start() < q.end for q in spans_all):
                events.append((match.start(), 2, "speech", match))
        for sentence in sentences[unit.id]:
            events.append((sentence.start, 0, "sentence", sentence))
        events.sort(key=lambda e: (e[0], e[1]))
        unit_quotes: list[Quote] = []
        ending: Speaker | None = None
        for position, _, kind, item in events:
            if kind == "sentence":
                assert isinstance(item, Sentence)
                sentence_text = text[item.start : item.end]
                if not any(q.start <= item.start < q.end for q in spans_all):
                    resolver.sentence_topic(sentence_text)
                resolver.meet_names(sentence_text)
                continue
            if kind == "speech":
                assert isinstance(item, re.Match)
                sentence = sentences[unit.id][sentence_at(sentences[unit.id], position)]
                subject = resolver.subject_of(text[sentence.start : position])
                found = resolver.resolve(subject) if subject else None
                if found and (found.entity or 0 < len((found.text or "").split()) <= 12):
                    resolver.spoke(found)
                    ending = found
                continue
            assert isinstance(item, QuoteSpan)
            speaker, cue = _resolve(
                item,
                unit,
                sentences[unit.id],
                resolver,
                unit_quotes,
                previous_unit,
                previous_speaker,
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
                resolver.spoke(speaker)
                ending = speaker
        quotes.extend(unit_quotes)
        previous_unit = unit
        previous_speaker = ending
    return quotes


def _resolve(
    span: QuoteSpan,
    unit: Unit,
    sentences: Sequence[Sentence],
    resolver: _Resolver,
    unit_quotes: list[Quote],
    previous_unit: Unit | None,
    previous_speaker: Speaker | None,
) -> tuple[Speaker | None, str]:
    text = unit.text
    patterns = resolver.patterns
    after = text[span.end :]
    found = patterns.after.match(after)
    if found:
        if found.group("nya"):
            return resolver.pronoun(), "pronoun"
        speaker = resolver.resolve(_window_after(found.group("rest")))
        if speaker is not None:
            return speaker, "after"
    # '"…," Konashenkov menambahkan' — only when the quotation does not end its sentence.
    continues = text[span.end - 2 : span.end - 1] == "," or after.lstrip().startswith(",")
    found_np = patterns.after_np.match(after) if continues else None
    if found_np:
        speaker = resolver.resolve(found_np.group("np"))
        if speaker is not None:
            return speaker, "after"
    sentence = sentences[sentence_at(sentences, span.start)]
    before = text[sentence.start : span.start]
    if before.strip():
        found_before = patterns.before_after_verb.search(before)
        if found_before:
            speaker = resolver.resolve(found_before.group("np"))
            if speaker is not None:
                return speaker, "before"
        # The subject of the last speech verb before the quotation in its sentence:
        # 'Araghchi mengatakan, "…"' and 'Presiden menyebut langkah itu "…" dalam pidato'.
        verbs = list(patterns.reported.finditer(before))
        if verbs:
            subject = resolver.subject_of(before[: verbs[-1].start()])
            speaker = resolver.resolve(subject) if subject else None
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
