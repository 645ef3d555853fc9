"""Citations in hand-written pages: `[[src:<article>#p4]]`, `[[entity:<id>]]`,
`[[term:<id>]]`, `[[event:<id>]]`, `[[outlet:<id>]]`, each optionally with a label:
`[[entity:x|the army]]`.

A source citation becomes a numbered note at the foot of the page that names the outlet,
the article, its date and the paragraph, and quotes the paragraph's opening words; the
other kinds become links. Every citation is checked against the archive with its file and
line, and a page whose front matter says `citations: required` must cite a source in
every paragraph of text (a paragraph ending in `{: .na-meta }` is about the archive itself
and is exempt).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .cleaning import CleanedArticle
from .errors import Problem, Severity
from .formatting import format_partial_date
from .markup import md_link, md_text, not_indexed
from .paths import GLOSSARY, article_page, entity_page, event_page, md_link_target, outlet_page
from .sources import Corpus, decode_source, split_front_matter
from .yamlio import YamlError, load_yaml

if TYPE_CHECKING:
    from .archive import Archive

CITATION = re.compile(
    r"\[\[(?P<kind>src|entity|term|event|outlet):(?P<target>[a-z0-9-]+)"
    r"(?:#(?P<anchor>[a-z]+[0-9]+))?(?:\|(?P<label>[^\]\n]+))?\]\]"
)
_SRC_ANCHOR = re.compile(r"[phm][0-9]+")
# What a contributor meant as a citation, well formed or not: `[[entity:Aleppo]]` would
# otherwise be shown as typed, and the mistake go unnoticed.
_CITATION_LIKE = re.compile(r"\[\[(?:src|entity|term|event|outlet):[^\]\n]*\]\]")
META_MARK = "{: .na-meta }"


@dataclass(frozen=True, slots=True)
class Citation:
    kind: str
    target: str
    anchor: str | None
    label: str | None
    line: int


@dataclass(frozen=True, slots=True)
class Explainer:
    """A hand-written page that cites the archive."""

    page: str
    """Docs-relative path, e.g. `penjelasan/pertempuran-aleppo.md`."""
    path: str
    """The file as contributors see it, e.g. `content/penjelasan/pertempuran-aleppo.md`."""
    title: str
    citations: tuple[Citation, ...]
    uncited: tuple[int, ...] = ()
    """Lines of text paragraphs without a source citation, on pages that require them."""


def read_explainers(
    content: Path, display_root: Path, skip: Iterable[str] = ()
) -> tuple[list[Explainer], list[Problem]]:
    """Every page under `content` that uses the citation syntax or requires citations,
    leaving out the folders in `skip` (another edition's pages)."""
    explainers: list[Explainer] = []
    problems: list[Problem] = []
    skipped = tuple(content / folder for folder in skip)
    for file in sorted(content.rglob("*.md")):
        if any(file.is_relative_to(folder) for folder in skipped):
            continue
        try:
            shown = file.resolve().relative_to(display_root.resolve()).as_posix()
        except ValueError:
            shown = file.as_posix()
        text = decode_source(file.read_bytes(), shown)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        if "[[" not in text and "citations:" not in text:
            continue
        meta: dict[str, object] = {}
        body, first_line = text, 1
        try:
            parts = split_front_matter(text)
        except ValueError:
            parts = None
            problems.append(Problem(shown, 1, None, "the front matter is not closed"))
        if parts is not None:
            front, body, first_line = parts
            try:
                loaded = load_yaml(front, shown, first_line=2).data
            except YamlError as exc:
                problems.extend(exc.problems)
                loaded = None
            meta = loaded if isinstance(loaded, dict) else {}
        title = str(meta.get("title") or _first_heading(body) or file.stem)
        citations = tuple(
            Citation(
                m["kind"],
                m["target"],
                m["anchor"],
                m["label"],
                first_line + body.count("\n", 0, m.start()),
            )
            for m in _citations(body)
        )
        problems += _malformed(body, first_line, shown)
        uncited = tuple(_uncited(body, first_line)) if meta.get("citations") == "required" else ()
        explainers.append(
            Explainer(file.relative_to(content).as_posix(), shown, title, citations, uncited)
        )
    return explainers, problems


_CODE = re.compile(
    r"^(?P<fence>```|~~~)[^\n]*\n.*?^(?P=fence)[ \t]*$|(?P<ticks>`+)[^`].*?(?P=ticks)", re.M | re.S
)


def _in_code(text: str) -> list[tuple[int, int]]:
    """Spans of fenced blocks and inline code, where `[[...]]` is an example, not a citation."""
    return [m.span() for m in _CODE.finditer(text)]


def _citations(text: str) -> Iterable[re.Match[str]]:
    code = _in_code(text)
    return (m for m in CITATION.finditer(text) if not any(a <= m.start() < b for a, b in code))


def _malformed(body: str, first_line: int, shown: str) -> list[Problem]:
    code = _in_code(body)
    return [
        Problem(
            shown,
            first_line + body.count("\n", 0, m.start()),
            "citation",
            f"{m.group()}: not a citation the archive can read",
            hint="write [[src:<article>#p4]] or [[entity:<id>]], [[term:<id>]], "
            "[[event:<id>]], [[outlet:<id>]], ids in lower case, an optional |label",
        )
        for m in _CITATION_LIKE.finditer(body)
        if not any(a <= m.start() < b for a, b in code) and not CITATION.fullmatch(m.group())
    ]


def _first_heading(body: str) -> str | None:
    found = re.search(r"^#\s+(.+?)\s*$", body, re.M)
    return found.group(1) if found else None


def _uncited(body: str, first_line: int) -> Iterable[int]:
    """Lines where a paragraph of text, or a list item, has no source citation."""
    blocks: list[list[tuple[int, str]]] = [[]]
    fenced = False
    for index, text in enumerate(body.split("\n")):
        if text.strip().startswith("```"):
            fenced = not fenced
            blocks.append([])
            continue
        if fenced or not text.strip():
            blocks.append([])
        else:
            blocks[-1].append((index, text))
    for block in blocks:
        if not block:
            continue
        opening = block[0][1].strip()
        if opening[0] in "#<|>!:" or opening.startswith(("???", "---", "*[", "[^")):
            continue
        if any(META_MARK in text for _, text in block):
            continue
        starts: list[int] = []
        texts: list[str] = []
        for index, text in block:
            if not texts or re.match(r"\s*(?:[-*+]|\d+\.)\s", text):
                starts.append(index)
                texts.append(text)
            else:
                texts[-1] += "\n" + text
        for index, text in zip(starts, texts, strict=True):
            if "[[src:" not in text:
                yield first_line + index


def check_citations(explainers: Sequence[Explainer], archive: Archive) -> list[Problem]:
    """Unknown ids and paragraphs are errors; uncited paragraphs are warnings."""
    corpus = archive.corpus
    articles = {a.source.id: a for a in archive.articles}
    registries: Mapping[str, Mapping[str, object]] = {
        "entity": corpus.entities,
        "term": corpus.terms,
        "event": corpus.events,
        "outlet": corpus.outlets,
    }
    problems: list[Problem] = []
    for explainer in explainers:
        for citation in explainer.citations:
            where = (
                f"[[{citation.kind}:{citation.target}"
                + (f"#{citation.anchor}" if citation.anchor else "")
                + "]]"
            )
            if citation.kind == "src":
                article = articles.get(citation.target)
                if article is None:
                    problems.append(
                        Problem(
                            explainer.path,
                            citation.line,
                            "citation",
                            f"{where}: no article has the id '{citation.target}'",
                            hint="ids are the file names in sources/articles/",
                        )
                    )
                    continue
                anchors = {p.id for p in article.paragraphs} | {m.id for m in article.media}
                if citation.anchor is None or citation.anchor not in anchors:
                    problems.append(
                        Problem(
                            explainer.path,
                            citation.line,
                            "citation",
                            f"{where}: the article has no paragraph '{citation.anchor or ''}'"
                            f" (it has {_describe(anchors)})",
                            hint="cite a paragraph as [[src:<article>#p4]]",
                        )
                    )
            elif citation.target not in registries[citation.kind]:
                problems.append(
                    Problem(
                        explainer.path,
                        citation.line,
                        "citation",
                        f"{where}: unknown {citation.kind} '{citation.target}'",
                    )
                )
        for line in explainer.uncited:
            problems.append(
                Problem(
                    explainer.path,
                    line,
                    "citation",
                    "this paragraph states facts without citing a source paragraph",
                    hint="add [[src:<article>#p4]], or end it with {: .na-meta } "
                    "if it is about the archive itself",
                    severity=Severity.WARNING,
                )
            )
    return problems


def _describe(anchors: set[str]) -> str:
    paragraphs = sorted((a for a in anchors if a.startswith("p")), key=lambda a: int(a[1:]))
    return f"p1–{paragraphs[-1]}" if paragraphs else "no paragraphs"


def cited_in(explainers: Iterable[Explainer]) -> dict[tuple[str, str], list[Explainer]]:
    """(article id, paragraph) → the pages citing it."""
    found: dict[tuple[str, str], list[Explainer]] = defaultdict(list)
    for explainer in explainers:
        for citation in explainer.citations:
            if citation.kind == "src" and citation.anchor:
                key = (citation.target, citation.anchor)
                if explainer not in found[key]:
                    found[key].append(explainer)
    return found


def render_citations(
    markdown: str, page: str, archive: Archive, lang: str, t: Callable[[str], str]
) -> str:
    """The page's Markdown with citations resolved (run on checked pages only)."""
    corpus = archive.corpus
    articles = {a.source.id: a for a in archive.articles}
    numbers: dict[tuple[str, str], int] = {}
    notes: list[str] = []

    def replace(match: re.Match[str]) -> str:
        kind, target, anchor, label = (
            match["kind"],
            match["target"],
            match["anchor"],
            match["label"],
        )
        if kind == "entity":
            entity = corpus.entities[target]
            return md_link(
                label or entity.names.get(lang), md_link_target(page, entity_page(target))
            )
        if kind == "term":
            term = corpus.terms[target]
            return md_link(label or term.term, md_link_target(page, GLOSSARY, target))
        if kind == "event":
            event = corpus.events[target]
            return md_link(label or event.title.get(lang), md_link_target(page, event_page(target)))
        if kind == "outlet":
            return md_link(
                label or corpus.outlets[target].name, md_link_target(page, outlet_page(target))
            )
        key = (target, anchor)
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            notes.append(_note(numbers[key], articles[target], anchor, page, corpus, lang, t))
        reference = f"[^src-{numbers[key]}]"
        if label:
            target_link = md_link_target(page, article_page(target), anchor)
            return f"{md_link(label, target_link)}{reference}"
        return reference

    code = _in_code(markdown)

    def replace_outside_code(match: re.Match[str]) -> str:
        if any(a <= match.start() < b for a, b in code):
            return match.group(0)
        return replace(match)

    resolved = CITATION.sub(replace_outside_code, markdown)
    if not notes:
        return resolved
    return (
        resolved.rstrip("\n")
        + f"\n\n## {md_text(t('explainer.notes'))} {{ #sumber-kutipan }}\n\n"
        + "\n".join(notes)
        + "\n"
    )


def _note(
    number: int,
    article: CleanedArticle,
    anchor: str,
    page: str,
    corpus: Corpus,
    lang: str,
    t: Callable[[str], str],
) -> str:
    source = article.source
    known = source.outlet is not None and source.outlet in corpus.outlets
    outlet = (
        corpus.outlets[source.outlet].name
        if known and source.outlet
        else t("explainer.outlet_unknown")
    )
    units = {p.id: p.text for p in article.paragraphs}
    units.update({m.id: " ".join(s.text for s in m.captions) for m in article.media})
    words = units.get(anchor, "").split()
    excerpt = " ".join(words[:16]) + (" …" if len(words) > 16 else "")
    link = md_link(source.title, md_link_target(page, article_page(source.id), anchor))
    date = format_partial_date(source.published, lang, weekday=False)
    return (
        f"[^src-{number}]: {md_text(outlet)}, {link}, {md_text(date)}, "
        f"{md_text(t('explainer.paragraph'))} {anchor}: " + not_indexed(f"“{md_text(excerpt)}”")
    )
