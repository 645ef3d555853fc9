"""news_archive: turn captured news articles into a cross-linked, citable archive.

The package is a pure core (reading, cleaning, extraction, indexing, rendering: plain
Python over plain data, no MkDocs import) and one thin MkDocs adapter, `plugin.py`.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
