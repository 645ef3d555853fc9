"""The archive at scale: build times with and without the plugin, memory, warm rebuilds,
search download and page sizes, for synthetic corpora of 1,000 and 10,000 articles.

    python3 dev.py run python benchmarks/bench.py                 # N = 1,000 and 10,000
    python3 dev.py run python benchmarks/bench.py --sizes 1000 --runs 3

For each N, in a temporary project with the Indonesian edition only (the English one
doubles both sides alike):
  1. plugin, cold: `mkdocs build` with an empty cache;
  2. MkDocs alone: the same pages written by `python -m news_archive generate`, built with
     the same theme and config but without the plugin;
  3. plugin, warm: `mkdocs build` again after one source file was edited;
and, for reference, 2 once more with Material's search plugin disabled: MkDocs rendering
the pages and nothing else. (The plugin drives the search box with Pagefind and spares
Material's index; without the plugin, Material builds its index, as the config says.)
Every build runs as its own process under /usr/bin/time (wall time, the peak of its
largest process), while the resident memory of the build and all its children together
is sampled every 0.2 s (Pagefind's indexing service runs beside MkDocs); the plugin's own
stages, and the seconds spent writing the search index after the last page, come from its
log. Times are medians of --runs runs; the ratio is the median of the runs' ratios, each run
building with the plugin and then without it, one after the other.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("load", "clean", "extract", "index", "render")
DATA_FILES = (".pf_meta", ".pf_index", ".pf_fragment")


@dataclass
class Run:
    wall: float
    peak_mib: float
    """The largest resident size of one process (GNU time: the build's, or a child's)."""
    total_mib: float = 0.0
    """The largest resident size of the build and its children together, sampled every
    0.2 s: what the machine must have (Pagefind runs beside MkDocs)."""
    stages: dict[str, float] = field(default_factory=dict)
    search_tail: float = 0.0
    """Seconds the build spent writing Pagefind's index after the last page."""
    log: str = ""


def timed(command: list[str], cwd: Path) -> Run:
    """Run a command under GNU time; its wall time, peak memory and the plugin's stages."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(
            ["/usr/bin/time", "-v", *command], cwd=cwd, stdout=subprocess.DEVNULL, stderr=err,
            text=True, env=env,
        )
        total = 0
        while process.poll() is None:
            total = max(total, tree_rss(process.pid))
            time.sleep(0.2)
        wall = time.perf_counter() - started
        err.seek(0)
        stderr = err.read()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    stages = {
        name: float(value)
        for name, value in re.findall(r"\b(load|clean|extract|index|render) ([0-9.]+) s", stderr)
    }
    tail = re.search(r"search index of \d+ page\(s\) written in ([0-9.]+) s", stderr)
    return Run(
        wall, int(peak.group(1)) / 1024 if peak else 0.0, total / 2**20, stages,
        float(tail.group(1)) if tail else 0.0, stderr,
    )


def tree_rss(root: int) -> int:
    """Bytes resident in `root` and all its descendants now (from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grew = {root}, True
    while grew:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        grew, tree = grown != tree, grown
    size = 0
    for pid in tree:
        try:
            size += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
        except OSError:
            continue
    return size


PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.peak_mib for r in runs),
        statistics.median(r.total_mib for r in runs),
        {s: statistics.median(r.stages.get(s, 0.0) for r in runs) for s in STAGES},
        statistics.median(r.search_tail for r in runs),
    )


def project(work: Path, articles: int) -> Path:
    target = work / "project"
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.rmtree(target / "content" / "en")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n      # The English edition.*?\n        en: mkdocs.en.yml\n", "\n", config, flags=re.S)
    config = config.replace("exclude_docs: |\n  /en/\n", "")
    assert "editions" not in config
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "news_archive", "synth", "--articles", str(articles), "--out", str(target / "sources")],
        check=True, cwd=ROOT,
    )
    # The archive's own articles too: the explainers cite them.
    for seed in (ROOT / "sources" / "articles").glob("*.md"):
        shutil.copy2(seed, target / "sources" / "articles" / seed.name)
    return target


def plain_project(target: Path, work: Path) -> Path:
    """The generated Markdown and the hand-written pages, with the plugin taken out."""
    plain = work / "plain"
    shutil.copytree(target / "content", plain / "content")
    shutil.copytree(target / "overrides", plain / "overrides")
    subprocess.run(
        [sys.executable, "-m", "news_archive", "--root", str(target), "generate", "--out", str(plain / "content")],
        check=True, capture_output=True,
    )
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"  - news-archive:\n(      .*\n)+", "", config)
    assert "- news-archive" not in config
    # The plugin marks its pages as reached from the indexes, not the nav; on disk they
    # are ordinary files, which MkDocs would report as missing from the nav.
    config = config.replace("omitted_files: warn", "omitted_files: info")
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")
    bare = config.replace("\n  - search\n", "\n  - search:\n      enabled: false\n")
    assert bare != config
    (plain / "bare.yml").write_text(bare, encoding="utf-8")
    return plain


def largest_page(site: Path) -> tuple[str, int]:
    biggest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return biggest.relative_to(site).as_posix(), biggest.stat().st_size


def search_download(site: Path, query: str = "evakuasi") -> tuple[int, int]:
    """Bytes a reader's browser fetches from Pagefind's folder to show the first results
    of one query, measured in Chromium: (index data, program). Index data is what grows
    with the archive: the metadata, the index chunks the query needs and the fragments of
    the results shown (`.pf_meta`, `.pf_index`, `.pf_fragment`); the program (pagefind.js,
    its WebAssembly, the entry file) is the same size for any archive and cached."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.browser.conftest import serve

    with tempfile.TemporaryDirectory() as www, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=shutil.which("chromium"))
        for served in serve(site, Path(www), "/"):
            page = browser.new_page()
            sizes: dict[bool, int] = {True: 0, False: 0}

            def count(response) -> None:  # type: ignore[no-untyped-def]
                if "/pagefind/" in response.url:
                    data = response.url.split("?")[0].endswith(DATA_FILES)
                    sizes[data] += len(response.body())

            page.on("response", count)
            page.goto(served.url())
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(query)
            page.locator(".md-search-result__item").first.wait_for()
            page.wait_for_timeout(500)
            browser.close()
            return sizes[True], sizes[False]
    return 0, 0


def bench(articles: int, runs: int) -> dict[str, object]:
    """Each run builds with the plugin (cold), then the same pages with MkDocs alone and
    with its search off, one after the other: a machine that speeds up or slows down
    between runs (this one does, by a quarter) moves both sides of a ratio alike."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        target = project(work, articles)
        build = [sys.executable, "-m", "mkdocs", "build", "--strict"]
        cold: list[Run] = []
        alone: list[Run] = []
        bare: list[Run] = []
        plain: Path | None = None
        search = (0, 0)
        for _ in range(runs):
            shutil.rmtree(target / "build", ignore_errors=True)
            cold.append(timed(build, target))
            site = target / "build" / "site"
            if plain is None:
                page, size = largest_page(site)
                site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
                search = search_download(site)
                plain = plain_project(target, work)
            alone.append(timed(build, plain))
            bare.append(timed([*build, "-f", "bare.yml"], plain))
        warm = []
        for index in range(runs):
            edited = sorted((target / "sources" / "articles").rglob("*.md"))[index]
            text = edited.read_text(encoding="utf-8")
            edited.write_text(text + f"\nSunting {index}.\n", encoding="utf-8")
            warm.append(timed(build, target))
    return {
        "cold": median(cold), "alone": median(alone), "warm": median(warm), "bare": median(bare),
        "ratios": [c.wall / a.wall for c, a in zip(cold, alone, strict=True)],
        "largest": (page, size), "site_mib": site_bytes / 2**20,
        "search_kib": search[0] / 1024, "program_kib": search[1] / 1024,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    results = {}
    for n in args.sizes:  # each size's figures as soon as they are known
        r = results[n] = bench(n, args.runs)
        cold, alone, warm, bare = r["cold"], r["alone"], r["warm"], r["bare"]
        assert all(isinstance(x, Run) for x in (cold, alone, warm, bare))
        plugin_cold = sum(cold.stages.values())
        plugin_warm = sum(warm.stages.values())
        print(f"\n== {n:,} articles (median of {args.runs})")
        print(f"plugin, cold        {cold.wall:8.1f} s   peak {cold.peak_mib:7.0f} MiB in one "
              f"process, {cold.total_mib:.0f} MiB with Pagefind's beside it (target <= 2048)")
        print(f"MkDocs alone        {alone.wall:8.1f} s   peak {alone.peak_mib:7.0f} MiB")
        ratios = r["ratios"]
        assert isinstance(ratios, list)
        print(f"ratio cold / alone  {statistics.median(ratios):8.2f}    (target <= 1.10; each run: "
              + ", ".join(f"{x:.2f}" for x in ratios) + ")")
        print(f"MkDocs, no search   {bare.wall:8.1f} s   peak {bare.peak_mib:7.0f} MiB  "
              f"(Material's search off: cold / this = {cold.wall / bare.wall:.2f})")
        print("plugin stages, cold " + ", ".join(f"{s} {cold.stages[s]:.1f} s" for s in STAGES)
              + f"; Pagefind's index written {cold.search_tail:.1f} s after the last page")
        print(f"plugin, warm        {warm.wall:8.1f} s   plugin's own work {plugin_warm:.1f} s "
              f"= {plugin_warm / plugin_cold:.0%} of cold {plugin_cold:.1f} s (target <= 10%)")
        print("plugin stages, warm " + ", ".join(f"{s} {warm.stages[s]:.1f} s" for s in STAGES))
        page, size = r["largest"]  # type: ignore[misc]
        print(f"largest page        {size / 1024:8.0f} KiB  {page}  (target <= 500 KB)")
        print(f"site                {r['site_mib']:8.1f} MiB")
        print(f"first search        {r['search_kib']:8.0f} KiB of index data  (target <= 100 KB)"
              f", and {r['program_kib']:.0f} KiB of Pagefind's program", flush=True)
    if len(results) > 1:
        small, large = min(results), max(results)
        ratio = results[large]["cold"].wall / results[small]["cold"].wall  # type: ignore[union-attr]
        print(f"\nt({large:,}) / t({small:,}) = {ratio:.1f}  (target <= {large / small * 1.1:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
