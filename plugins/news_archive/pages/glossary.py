"""The glossary: Indonesian→English with definitions and occurrences, and English→Indonesian."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..markup import html_text, md_link, md_text
from ..model import Term
from ..paths import GLOSSARY, GLOSSARY_EN, article_page, md_link_target
from . import RenderContext, front_matter


def _letter(word: str) -> str:
    first = word.strip()[:1].upper()
    return first if first.isalpha() else "#"


def _letters(words: list[str], ctx: RenderContext) -> list[str]:
    letters = sorted({_letter(w) for w in words})
    jumps = " · ".join(f"[{letter}](#huruf-{letter.lower()})" for letter in letters)
    return [f"{md_text(ctx.t('glossary.letters'))}: {jumps}", ""]


def _sorted(terms: list[Term]) -> list[Term]:
    # Both languages use the Latin alphabet without accents here: case-folded order is right.
    return sorted(terms, key=lambda t: t.term.casefold())


def render_glossary(ctx: RenderContext) -> str:
    """Indonesian → English."""
    here = GLOSSARY
    terms = _sorted(list(ctx.archive.corpus.terms.values()))
    lines = [
        front_matter(ctx.t("glossary.title")),
        md_text(ctx.t("glossary.intro")),
        "",
        f"{md_text(ctx.t('glossary.other_direction'))}: "
        f"{md_link(ctx.t('glossary.title_en'), md_link_target(here, GLOSSARY_EN))}",
        "",
    ]
    lines += _letters([t.term for t in terms], ctx)
    current = None
    for term in terms:
        letter = _letter(term.term)
        if letter != current:
            current = letter
            lines += [f"## {md_text(letter)} {{ #huruf-{letter.lower()} }}", ""]
        lines += _entry(term, here, ctx)
    return "\n".join(lines)


def _entry(term: Term, here: str, ctx: RenderContext) -> list[str]:
    other = ctx.other_lang
    english = ", ".join(term.en)
    lines = [
        f"### {md_text(term.term)} {{ #{term.id} }}",
        "",
        f'**<span lang="en">{html_text(english)}</span>** · '
        f"{md_text(ctx.t('glossary.category'))}: {md_text(ctx.t(f'category.{term.category}'))}",
        "",
        md_text(term.definition.get(ctx.lang)),
        "",
        f'<p lang="{other}" class="na-other-lang">{html_text(term.definition.get(other))}</p>',
        "",
    ]
    if term.notes:
        lines += [f"*{md_text(ctx.t('glossary.notes'))}:* {md_text(term.notes.get(ctx.lang))}", ""]
    forms = [f for f in term.forms if f.casefold() != term.term.casefold()]
    if forms:
        lines += [
            f"*{md_text(ctx.t('glossary.forms'))}:* {', '.join(md_text(f) for f in forms)}",
            "",
        ]
    if term.see:
        terms = ctx.archive.corpus.terms
        links = ", ".join(f"[{md_text(terms[s].term)}](#{s})" for s in term.see)
        lines += [f"*{md_text(ctx.t('glossary.see'))}:* {links}", ""]
    occurrences = ctx.indexes.term_occurrences.get(term.id, ())
    if not occurrences:
        return [*lines, f"*{md_text(ctx.t('glossary.occurs_none'))}*", ""]
    lines += [md_text(ctx.t("glossary.occurs", count=len(occurrences))), ""]
    by_article: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    for article, occurrence in occurrences:
        by_article[article.id].append((article, occurrence))
    for items in by_article.values():
        article = items[0][0]
        units = Counter(o.unit for _, o in items)
        places = ", ".join(
            md_link(unit, md_link_target(here, article_page(article.id), unit))
            + (f" ({n}×)" if n > 1 else "")
            for unit, n in units.items()
        )
        lines.append(
            f"- {md_link(article.title, md_link_target(here, article_page(article.id)))}: {places}"
        )
    lines.append("")
    return lines


def render_glossary_en(ctx: RenderContext) -> str:
    """English → Indonesian."""
    here = GLOSSARY_EN
    pairs = sorted(
        ((english, term) for term in ctx.archive.corpus.terms.values() for english in term.en),
        key=lambda p: (p[0].casefold(), p[1].term),
    )
    lines = [
        front_matter(ctx.t("glossary.title_en")),
        md_text(ctx.t("glossary.intro_en")),
        "",
        f"{md_text(ctx.t('glossary.other_direction'))}: "
        f"{md_link(ctx.t('glossary.title'), md_link_target(here, GLOSSARY))}",
        "",
    ]
    lines += _letters([english for english, _ in pairs], ctx)
    current = None
    for english, term in pairs:
        letter = _letter(english)
        if letter != current:
            current = letter
            lines += [f"## {md_text(letter)} {{ #huruf-{letter.lower()} }}", ""]
        target = md_link_target(here, GLOSSARY, term.id)
        lines.append(
            f'- <span lang="en">{html_text(english)}</span> → '
            f"{md_link(term.term, target)} — {md_text(term.definition.get(ctx.lang))}"
        )
    lines.append("")
    return "\n".join(lines)
