"""Escaping of untrusted text for the two contexts generated pages use.

Article text, titles and registry fields are data, never markup. Generated pages are
Markdown with raw HTML blocks, so every untrusted string goes through one of these:

- `html_text` for raw HTML (article paragraphs, captions, the removed-lines table) and for
  page titles, which MkDocs and Material print into their templates without escaping;
- `md_text` for Markdown inline contexts (table cells, link texts, list items): every
  character that Markdown or an extension could read as syntax becomes a character
  reference, so nothing in the text can open a link, an emphasis, an HTML tag, an
  attribute list or a list item.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Characters with a meaning in Markdown, Python-Markdown extensions (attr_list, abbr,
# footnotes, tables) or pymdown-extensions (mark, caret, tilde, critic, emoji, keys).
_MARKDOWN_SYNTAX = set("\\`*_{}[]()#+!|~^=:<>&\"'$@%")
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in _MARKDOWN_SYNTAX}
_LEADING_ORDINAL = re.compile(r"^(\d+)([.)])")


def html_text(text: str) -> str:
    """Text for raw HTML content and attribute values (quotes escaped too)."""
    return html.escape(text, quote=True)


def md_text(text: str) -> str:
    """Text for a Markdown inline context, shown literally, on one line."""
    flat = " ".join(text.split())
    escaped = flat.translate(_ESCAPES)
    # "1. " or "1) " at the start of a list item would start a nested list.
    escaped = _LEADING_ORDINAL.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", escaped)
    if escaped[:1] in {"-", "+", "*"}:
        escaped = f"&#{ord(escaped[0])};{escaped[1:]}"
    return escaped


def not_indexed(markdown: str) -> str:
    """Words shown on a page but left out of its search index: words copied from an
    article (a report's sentence on an event page, a mention on an entity page), so that a
    search finds them on the article rather than on every page that repeats them, and
    lists of links to other pages, which are found by their own words."""
    return f"<span data-pagefind-ignore>{markdown}</span>"


NOT_INDEXED = '{ data-pagefind-ignore="index" }'
"""attr_list for a Markdown heading or paragraph that search should not index."""


def weighted(markdown: str, weight: float) -> str:
    """Words that say what a page is about (an article's outlet and date, a glossary
    headword's English), counted `weight` times by the search index."""
    return f'<span data-pagefind-weight="{weight:g}">{markdown}</span>'


def md_link(text: str, target: str) -> str:
    """A Markdown link to a page of the site (`target` is a generated, safe path)."""
    return f"[{md_text(text)}]({target})"


def external_link(text: str, url: str) -> str:
    """A raw HTML link to another site; the URL was validated as http(s) by the loader."""
    return f'<a href="{html_text(url)}" rel="noopener">{html_text(text)}</a>'


@dataclass(frozen=True, slots=True)
class Mark:
    """An element to wrap around text[start:end], e.g. a date span or an entity link."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()

    def open(self) -> str:
        attrs = "".join(f' {name}="{html_text(value)}"' for name, value in self.attrs)
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def marked_html(text: str, marks: Iterable[Mark]) -> str:
    """`text` escaped for HTML, with marks as nested elements.

    Marks nest when one lies inside another (a date inside a quotation). A mark that would
    cross the boundary of one already open is left out rather than producing broken HTML;
    marks of zero length are ignored.
    """
    out: list[str] = []
    stack: list[Mark] = []
    position = 0
    for mark in sorted((m for m in marks if m.end > m.start), key=lambda m: (m.start, -m.end)):
        while stack and stack[-1].end <= mark.start:
            top = stack.pop()
            out.append(html_text(text[position : top.end]) + top.close())
            position = top.end
        if stack and mark.end > stack[-1].end:
            continue
        out.append(html_text(text[position : mark.start]) + mark.open())
        position = mark.start
        stack.append(mark)
    while stack:
        top = stack.pop()
        out.append(html_text(text[position : top.end]) + top.close())
        position = top.end
    out.append(html_text(text[position:]))
    return "".join(out)
