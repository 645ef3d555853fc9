"""The glossary: Indonesian→English with definitions and occurrences, and English→Indonesian."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..markup import html_text, md_link, md_text, weighted
from ..model import Term
from ..paths import GLOSSARY, GLOSSARY_EN, article_page, md_link_target
from . import LIST_LIMIT, TITLE_WEIGHT, RenderContext, front_matter


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


def _headword(term: Term, lang: str) -> str:
    """What an entry is listed under: the Indonesian term, or in the English edition its
    first English equivalent."""
    return term.en[0] if lang == "en" and term.en else term.term


def render_glossary(ctx: RenderContext) -> str:
    """Every term with its definitions and occurrences, led by the reader's language
    (Indonesian → English in the Indonesian edition, English → Indonesian in the English
    one); entries keep the term's id as anchor, so links into the glossary work in both."""
    here = GLOSSARY
    terms = sorted(
        ctx.archive.corpus.terms.values(), key=lambda t: _headword(t, ctx.lang).casefold()
    )
    lines = [
        # The page has its own index of letters; Material's table of contents of every
        # term would cost a phone a third of a second of script at every load.
        front_matter(ctx.t("glossary.title"), hide=["toc"]),
        md_text(ctx.t("glossary.intro")),
        "",
        f"{md_text(ctx.t('glossary.other_direction'))}: "
        f"{md_link(ctx.t('glossary.title_other'), md_link_target(here, GLOSSARY_EN))}",
        "",
    ]
    lines += _letters([_headword(t, ctx.lang) for t in terms], ctx)
    current = None
    for term in terms:
        letter = _letter(_headword(term, ctx.lang))
        if letter != current:
            current = letter
            lines += [f"## {md_text(letter)} {{ #huruf-{letter.lower()} }}", ""]
        lines += _entry(term, here, ctx)
    return "\n".join(lines)


def _entry(term: Term, here: str, ctx: RenderContext) -> list[str]:
    other = ctx.other_lang
    if ctx.lang == "en":
        # Listed under its English word; the Indonesian term is what the articles say.
        heading = md_text(_headword(term, "en"))
        shown = f'<span lang="id">{weighted(md_text(term.term), TITLE_WEIGHT)}</span>'
        if len(term.en) > 1:
            shown += f" ({md_text(', '.join(term.en[1:]))})"
    else:
        heading = md_text(term.term)
        english = ", ".join(term.en)
        shown = f'<span lang="en">{weighted(md_text(english), TITLE_WEIGHT)}</span>'
    lines = [
        f"### {heading} {{ #{term.id} }}",
        "",
        f"**{shown}** · "
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
    # The most recent articles first, and only so many: a term of a large archive occurs
    # in thousands of articles, and every article page lists its own terms.
    listed, more = ctx.capped(list(by_article.values())[::-1], LIST_LIMIT, "list.more_articles")
    for items in listed:
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
    if more:
        lines.append(f"- *{md_text(more)}*")
    lines.append("")
    return lines


def render_glossary_en(ctx: RenderContext) -> str:
    """The other direction, as a short list: English → Indonesian in the Indonesian
    edition, Indonesian → English in the English one."""
    here = GLOSSARY_EN
    terms = ctx.archive.corpus.terms.values()
    if ctx.lang == "en":
        pairs = sorted(((t.term, t) for t in terms), key=lambda p: p[0].casefold())
    else:
        pairs = sorted(
            ((english, term) for term in terms for english in term.en),
            key=lambda p: (p[0].casefold(), p[1].term),
        )
    lines = [
        front_matter(ctx.t("glossary.title_other"), hide=["toc"]),
        md_text(ctx.t("glossary.intro_other")),
        "",
        f"{md_text(ctx.t('glossary.other_direction'))}: "
        f"{md_link(ctx.t('glossary.title'), md_link_target(here, GLOSSARY))}",
        "",
    ]
    lines += _letters([word for word, _ in pairs], ctx)
    current = None
    for word, term in pairs:
        letter = _letter(word)
        if letter != current:
            current = letter
            lines += [f"## {md_text(letter)} {{ #huruf-{letter.lower()} }}", ""]
        target = md_link_target(here, GLOSSARY, term.id)
        if ctx.lang == "en":
            lines.append(
                f'- <span lang="id">{md_link(term.term, target)}</span> → '
                f'<span lang="en">{md_text(", ".join(term.en))}</span> — '
                f"{md_text(term.definition.get(ctx.lang))}"
            )
        else:
            lines.append(
                f'- <span lang="en">{md_text(word)}</span> → '
                f"{md_link(term.term, target)} — {md_text(term.definition.get(ctx.lang))}"
            )
    lines.append("")
    return "\n".join(lines)
