"""What a contributor should look at after adding an article: names the entity registry
does not know, and frequent words the glossary does not explain."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .archive import Archive

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MIN_LENGTH = 5
MIN_COUNT = 2
LIMIT = 12


@dataclass(frozen=True)
class ArticleReport:
    article: str
    path: str
    unknown_names: tuple[tuple[str, int], ...]
    unglossed_words: tuple[tuple[str, int], ...]


def contributor_report(archive: Archive) -> list[ArticleReport]:
    corpus = archive.corpus
    glossed = {form.casefold() for term in corpus.terms.values() for form in term.surface_forms}
    named = {
        word.casefold()
        for registry in (corpus.entities.values(), corpus.outlets.values())
        for item in registry
        for name in getattr(item, "surface_forms", getattr(item, "names", ()))
        for word in _WORD.findall(name)
    }
    reports = []
    for cleaned in archive.articles:
        extraction = archive.extractions.get(cleaned.source.id)
        if extraction is None:
            continue
        language = corpus.languages[cleaned.source.language.split("-")[0]]
        common = (
            language.counted_stop
            | language.not_before
            | language.after_verbs
            | language.before_verbs
        )
        names = Counter(m.text for m in extraction.mentions if m.entity is None)
        words: Counter[str] = Counter()
        for unit in extraction.units:
            for word in _WORD.findall(unit.text):
                folded = word.casefold()
                if (
                    len(folded) >= MIN_LENGTH
                    and folded not in glossed
                    and folded not in named
                    and folded not in common
                    and word[0].islower()
                ):
                    words[folded] += 1
        frequent = [(w, n) for w, n in words.most_common() if n >= MIN_COUNT][:LIMIT]
        reports.append(
            ArticleReport(
                cleaned.source.id, cleaned.source.path, tuple(names.most_common()), tuple(frequent)
            )
        )
    return reports
