"""Entity pages (`entitas/<id>/`) and the index of entities by kind."""

from __future__ import annotations

from collections import Counter

from ..extract.model import Mention
from ..markup import NOT_INDEXED, external_link, html_text, md_link, md_text, not_indexed
from ..model import ArticleSource, Entity, EntityKind
from ..paths import ENTITIES_INDEX, article_page, entity_page, md_link_target
from . import DERIVED, LIST_LIMIT, LISTING, RenderContext, front_matter


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_entities_index(ctx: RenderContext) -> str:
    here = ENTITIES_INDEX
    entities = ctx.archive.corpus.entities
    lines = [
        front_matter(ctx.t("entities.title"), search_weight=LISTING),
        md_text(ctx.t("entities.intro")),
        "",
    ]
    for kind in EntityKind:
        members = sorted(
            (e for e in entities.values() if e.kind is kind),
            key=lambda e: e.names.get(ctx.lang).casefold(),
        )
        if not members:
            continue
        lines += [
            f"## {md_text(ctx.t(f'entity.kind.{kind}'))}",
            "",
            _row(
                [
                    md_text(ctx.t(k))
                    for k in (
                        "entities.col_name",
                        "entities.col_other",
                        "entities.col_mentions",
                        "entities.col_articles",
                    )
                ]
            ),
            "|---|---|---|---|",
        ]
        for entity in members:
            mentions = ctx.indexes.mentions.get(entity.id, ())
            lines.append(
                _row(
                    [
                        md_link(
                            entity.names.get(ctx.lang), md_link_target(here, entity_page(entity.id))
                        ),
                        md_text(entity.names.get(ctx.other_lang)),
                        str(len(mentions)),
                        str(len({article.id for article, _ in mentions})),
                    ]
                )
            )
        lines.append("")
    return "\n".join(lines)


def render_entity(entity: Entity, ctx: RenderContext) -> str:
    here = entity_page(entity.id)
    other = ctx.other_lang
    entities = ctx.archive.corpus.entities
    lines = [
        front_matter(entity.names.get(ctx.lang), search_weight=DERIVED),
        '<div class="na-card" markdown>',
        "",
    ]
    facts = [
        (ctx.t("entity.kind"), md_text(ctx.t(f"entity.one.{entity.kind}"))),
        (
            ctx.t("entity.other_name"),
            f'<span lang="{other}">{md_text(entity.names.get(other))}</span>',
        ),
    ]
    aliases = [a for a in entity.aliases if a not in (entity.names.id, entity.names.en)]
    if aliases:
        facts.append((ctx.t("entity.aliases"), ", ".join(md_text(a) for a in aliases)))
    if entity.wikidata:
        facts.append(
            (
                ctx.t("entity.wikidata"),
                external_link(entity.wikidata, f"https://www.wikidata.org/wiki/{entity.wikidata}"),
            )
        )
    relations = [_relation(entity, r.type, r.target, here, ctx) for r in entity.relations]
    # Relations pointing here, read from the other side: "Hayat Tahrir al-Sham: formerly".
    relations += [
        f"{md_link(source.names.get(ctx.lang), md_link_target(here, entity_page(source.id)))}: "
        f"{md_text(ctx.t(f'relation.{r.type}'))}"
        for source in entities.values()
        for r in source.relations
        if r.target == entity.id
    ]
    if relations:
        facts.append((ctx.t("entity.relations"), "<br>".join(relations)))
    for term, value in facts:
        lines += [md_text(term), f":   {value}", ""]
    lines += ["</div>", ""]
    if entity.description:
        lines += [
            md_text(entity.description.get(ctx.lang)),
            "",
            f'<p lang="{other}" class="na-other-lang">'
            f"{html_text(entity.description.get(other))}</p>",
            "",
        ]
    lines += _mentions(entity, here, ctx)
    return "\n".join(lines)


def _relation(entity: Entity, kind: str, target: str, here: str, ctx: RenderContext) -> str:
    label = md_text(ctx.t(f"relation.{kind}"))
    entities = ctx.archive.corpus.entities
    if target in entities:
        name = entities[target].names.get(ctx.lang)
        return f"{label} {md_link(name, md_link_target(here, entity_page(target)))}"
    return f"{label} {ctx.outlet_link(here, target)}"


def _mentions(entity: Entity, here: str, ctx: RenderContext) -> list[str]:
    mentions = ctx.indexes.mentions.get(entity.id, ())
    lines = [f"## {md_text(ctx.t('entity.mentions'))}", ""]
    if not mentions:
        return [*lines, md_text(ctx.t("entity.mentions_none")), ""]
    # The latest articles first, and only so many (see LIST_LIMIT); the counts below and
    # the mentions export (data/mentions.json) cover them all. Mentions come article by
    # article (`build_indexes`), so the last ones are those of the latest articles: an
    # entity named in every article is not regrouped whole for a dozen of them.
    articles = len({article.id for article, _ in mentions})
    listed: list[list[tuple[ArticleSource, Mention]]] = []
    for article, mention in reversed(mentions):
        if listed and listed[-1][0][0].id == article.id:
            listed[-1].append((article, mention))
        elif len(listed) < LIST_LIMIT:
            listed.append([(article, mention)])
        else:
            break
    for items in listed:
        items.reverse()
    more = (
        ctx.t("list.more_articles", count=articles - LIST_LIMIT) if articles > LIST_LIMIT else None
    )
    for items in listed:
        article = items[0][0]
        outlet = ctx.outlet(article.outlet)
        outlet_name = outlet.name if outlet else ctx.t("article.outlet_unknown")
        source = f"{outlet_name}, {ctx.date(article.published)}"
        lines += [
            f"### {md_link(article.title, md_link_target(here, article_page(article.id)))} "
            + NOT_INDEXED,
            "",
            f"*{md_text(source)}*",
            NOT_INDEXED,
            "",
        ]
        seen: set[tuple[str, int]] = set()
        for _, mention in items:
            key = (mention.unit, mention.sentence)
            if key in seen:
                continue
            seen.add(key)
            sentence = ctx.indexes.sentences.get(
                (article.id, mention.unit, mention.sentence), mention.text
            )
            target = md_link_target(here, article_page(article.id), mention.unit)
            lines.append(f"- {not_indexed(md_text(sentence))} ({md_link(mention.unit, target)})")
        lines.append("")
    if more:
        lines += [f"*{md_text(more)}*", ""]
    quotes = ctx.indexes.quotes_by_speaker.get(entity.id, ())
    if quotes:
        lines += [f"## {md_text(ctx.t('entity.quotes'))}", ""]
        latest, more = ctx.capped(quotes[::-1], LIST_LIMIT, "list.more_quotes")
        for article, quote in latest:
            target = md_link_target(here, article_page(article.id), ctx.indexes.anchor(quote))
            lines.append(
                f"- {not_indexed(f'“{md_text(quote.text)}”')} ({md_link(article.title, target)})"
            )
        if more:
            lines.append(f"- *{md_text(more)}*")
        lines.append("")
    outlets = Counter(article.outlet for article, _ in mentions)
    lines += [f"## {md_text(ctx.t('entity.outlets'))}", ""]
    lines += [
        f"- {not_indexed(ctx.outlet_link(here, o))} {md_text(ctx.t('card.times', count=n))}"
        for o, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0] or ""))
    ]
    together = ctx.indexes.co_mentions.get(entity.id)
    if together:
        entities = ctx.archive.corpus.entities
        lines += ["", f"## {md_text(ctx.t('entity.together'))}", ""]
        for other_id, count in sorted(together.items(), key=lambda kv: (-kv[1], kv[0]))[:10]:
            name = entities[other_id].names.get(ctx.lang)
            lines.append(
                f"- {not_indexed(md_link(name, md_link_target(here, entity_page(other_id))))} "
                f"({md_text(ctx.t('entity.paragraphs', count=count))})"
            )
    lines.append("")
    return lines
