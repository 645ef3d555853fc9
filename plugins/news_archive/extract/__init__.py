"""The extraction engine: dates, figures, quotes, attributions and names in cleaned text.

Pure functions over the cleaned article and the registries; `extract_article` runs them in
order (dates first, since a date's numbers are not figures).
"""

from __future__ import annotations

from .engine import ExtractionContext, extract_article

__all__ = ["ExtractionContext", "extract_article"]
