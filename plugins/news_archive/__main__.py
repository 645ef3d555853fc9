"""Command line: `python -m news_archive new|check|generate|eval|synth`.

new FILE [--outlet ID] [--url URL] [--id ID]
                     make a raw capture (text copied from a browser) into a draft source
                     under sources/articles/, its text kept byte for byte and every guessed
                     field listed under `guessed:` for review
check                validate sources, registries and the explainers' citations (both
                     editions); print path:line: field: message; exit status 1 on errors
generate --out DIR [--edit-url URL]
                     write the generated Markdown pages (the same the plugin builds, with
                     the dates of git history)
synth --articles N --out DIR [--seed S]
                     write a synthetic sources tree for benchmarks (not for the site)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from .archive import Archive
from .capture import draft_source, write_draft
from .citations import check_citations, read_explainers
from .errors import ArchiveError, Problem, Severity
from .evaluate import evaluate, load_gold, report
from .history import article_dates
from .pages import SourceHistory
from .paths import EDITIONS
from .pipeline import build_archive, render_explainers, render_site, write_pages
from .report import contributor_report
from .sources import ARTICLES_DIR, load_corpus
from .synth import write_corpus


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m news_archive",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="project root, holding mkdocs.yml (default: current folder)",
    )
    parser.add_argument(
        "--sources", type=Path, default=None, help="sources folder (default: ROOT/sources)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser(
        "new", help="make a raw text capture into a draft source file, for review"
    )
    new.add_argument("capture", type=Path, help="the text as copied from the browser (UTF-8)")
    new.add_argument(
        "--outlet",
        default=None,
        help="outlet id from sources/outlets.yml (default: read from copyright and dateline "
        "lines; when given, those lines are checked against it)",
    )
    new.add_argument("--url", default=None, help="the article's address, if known")
    new.add_argument(
        "--id", dest="article_id", default=None, help="the id (default: outlet, date and title)"
    )
    generate = commands.add_parser(
        "generate", help="write the generated Markdown pages to a folder"
    )
    generate.add_argument("--out", type=Path, required=True, help="folder to write into")
    generate.add_argument("--lang", default="id", choices=("id", "en"), help="edition language")
    generate.add_argument(
        "--edit-url",
        default=None,
        help="address the project root is edited at (https://…/edit/main/): article pages "
        "link their source file there, as the plugin does from repo_url and edit_uri",
    )
    commands.add_parser("check", help="validate everything; print path:line: problems")
    evaluate = commands.add_parser("eval", help="precision and recall against hand-written gold")
    evaluate.add_argument(
        "--gold",
        type=Path,
        default=None,
        help="folder of gold annotations (default: ROOT/tests/gold)",
    )
    evaluate.add_argument("--verbose", "-v", action="store_true", help="list every miss and extra")
    synth = commands.add_parser(
        "synth", help="write a synthetic sources tree (articles and registries) for benchmarks"
    )
    synth.add_argument("--articles", type=int, required=True, help="number of articles")
    synth.add_argument("--out", type=Path, required=True, help="new or empty folder to write")
    synth.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    return parser


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(f"{problem.severity}: {problem}", file=sys.stderr)


def _new(args: argparse.Namespace, root: Path, sources: Path) -> int:
    capture: Path = args.capture
    try:
        corpus = load_corpus(sources, root=root, today=dt.date.today(), articles_too=False)
        draft = draft_source(
            capture,
            corpus,
            root=root,
            sources=sources,
            today=dt.date.today(),
            outlet=args.outlet,
            url=args.url,
            article_id=args.article_id,
        )
        target = write_draft(draft, sources, root)
    except ArchiveError as exc:
        _print_problems(exc.problems)
        print(f"{len(exc.problems)} error(s): nothing was written.", file=sys.stderr)
        return 1
    try:
        shown = target.relative_to(root).as_posix()
    except ValueError:
        shown = target.as_posix()
    lines = draft.body.count(b"\n") + (not draft.body.endswith(b"\n"))
    print(f"Wrote {shown}: the capture's {len(draft.body):,} bytes ({lines} lines) unchanged.")
    if draft.dropped_bom:
        print("The capture's byte-order mark was left out: it marks the encoding, not text.")
    print(f"Review these fields against the capture ({len(draft.guessed)} guessed):")
    for entry in draft.guessed:
        print(f"  - {entry}")
    print(
        "Correct what is wrong, delete each entry under `guessed:` once checked, then run\n"
        "  python3 dev.py run python -m news_archive check"
    )
    return 0


def _check_other_editions(root: Path, archive: Archive) -> list[Problem]:
    """Citations in the other editions' hand-written pages (content/en/), which the
    archive built for the Indonesian edition does not read."""
    problems: list[Problem] = []
    for folder in EDITIONS.values():
        content = root / "content" / folder
        if content.is_dir():
            explainers, found = read_explainers(content, root)
            problems += found + check_citations(explainers, archive)
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root: Path = args.root.resolve()
    sources: Path = (args.sources or root / "sources").resolve()
    if args.command == "new":
        return _new(args, root, sources)
    if args.command == "synth":  # needs no archive: it only reads the registries and seeds
        try:
            count = write_corpus(args.out, args.articles, args.seed, sources)
        except (FileExistsError, ValueError) as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"Wrote {count} synthetic article(s) and the registries to {args.out}.")
        return 0
    # The hand-written pages of the edition: content/ for Indonesian, content/en/ for English.
    lang = getattr(args, "lang", "id")
    content = root / "content" / EDITIONS[lang] if lang in EDITIONS else root / "content"
    skip = () if lang in EDITIONS else None
    try:
        archive = build_archive(
            sources,
            root=root,
            content=content if args.command != "eval" else None,
            content_skip=skip,
        )
    except ArchiveError as exc:
        _print_problems(exc.problems)
        print(f"{len(exc.problems)} error(s).", file=sys.stderr)
        return 1
    _print_problems(archive.warnings)
    if args.command == "eval":
        gold = load_gold(args.gold or root / "tests" / "gold")
        try:
            scores = evaluate(archive.extractions, gold)
        except KeyError as exc:
            print(exc.args[0], file=sys.stderr)
            return 1
        print(f"Extraction scored against {len(gold)} hand-annotated article(s):")
        for line in report(scores, verbose=args.verbose):
            print(line)
        return 0
    if args.command == "generate":
        paths = {a.source.id: root / a.source.path for a in archive.articles}
        history = SourceHistory(article_dates(sources / ARTICLES_DIR, paths), args.edit_url)
        pages = render_site(archive, args.lang, history) + render_explainers(
            archive, content, args.lang
        )
        write_pages(pages, args.out)
        print(f"Wrote {len(pages)} pages to {args.out}.")
        return 0
    # check reads every edition's explainers; a build reads its own edition's only.
    other = _check_other_editions(root, archive)
    errors = [p for p in other if p.severity is Severity.ERROR]
    _print_problems([p for p in other if p.severity is Severity.WARNING])
    if errors:
        _print_problems(errors)
        print(f"{len(errors)} error(s).", file=sys.stderr)
        return 1
    for found in contributor_report(archive):
        if found.unknown_names:
            names = ", ".join(f"{name} ({n}×)" for name, n in found.unknown_names)
            print(f"{found.path}: names not in sources/entities.yml: {names}")
        if found.unglossed_words:
            words = ", ".join(f"{word} ({n}×)" for word, n in found.unglossed_words)
            print(f"{found.path}: frequent words not in sources/glossary.yml: {words}")
    count = len(archive.articles)
    warnings = len(archive.warnings) + len(other)
    print(f"{count} article(s) checked: no errors, {warnings} warning(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
