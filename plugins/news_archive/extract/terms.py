"""Glossary terms in text: every form of every term, whole-word, in any case."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..model import Term
from .language import alternation, fold
from .model import TermOccurrence, Unit


class TermMatcher:
    def __init__(self, terms: Mapping[str, Term]) -> None:
        self._owner = {
            fold(form): term.id for term in terms.values() for form in term.surface_forms
        }
        forms = list(self._owner)
        self._pattern = (
            re.compile(
                rf"(?<![\w-])(?:{alternation(forms, ignore_case=True)})(?![\w-])",
                re.IGNORECASE,
            )
            if forms
            else None
        )

    def find(self, unit: Unit) -> list[TermOccurrence]:
        if self._pattern is None:
            return []
        return [
            TermOccurrence(unit.id, m.start(), m.end(), m.group(), self._owner[fold(m.group())])
            for m in self._pattern.finditer(unit.text)
        ]
