"""`python -m bench` (what `make bench` runs): overhead against a stock site, scale, rebuild
and weight, printed as a Markdown report and written to bench/results.md and .json.

BENCH_RUNS (default 5) sets the timed runs per measurement, BENCH_SCALES (default
"1 10 20 50") the data multiples: e.g. `BENCH_RUNS=1 BENCH_SCALES="1 10" make bench` while
developing."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import search, serve, stock, synthetic, timing, weight
from bench.report import KB, Target, write
from bench.workspace import ROOT, project_copy
from vakr.publish.templating import CACHE_DIR

OVERHEAD_MAX = FIRST_BUILD_MAX = 1.2
REBUILD_MAX_S = 0.5  # from a saved edit of the current cycle's plan to the reloaded page, at 1×
BIG_SCALE, BIG_PEAK_MAX_MB = 50, 500.0
BIG_OVERHEAD_MAX, BIG_REBUILD_MAX_S = 1.3, 1.5  # at 50×: full build against the stock one; a save's rebuild
STOCK_EDITED = Path("docs") / "2026" / "plan.md"  # the stock site's page of the current cycle's plan
HTML_GZ_MAX = 60 * KB
LINEAR_SLACK = 1.5  # the cost of one more 1× of data at the largest scale, against the next smaller
SEARCH_SCALES, SEARCH_TRANSFER_MAX, SEARCH_RESULT_MAX_S = (1, BIG_SCALE), 300 * KB, 1.0


def _pages(site: Path) -> tuple[int, int]:
    pages = [p for p in site.rglob("*.html")]
    return len(pages), sum(p.stat().st_size for p in pages)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _busy(*loads: str) -> bool:
    """Other processes competed for the CPUs: a 1-minute load average above the CPU count."""
    return any(float(load.split()[0]) > (os.cpu_count() or 1) for load in loads)


FIRST_BUILD = "ours, first build"
FRESH_CLONE = "ours, fresh clone"


def _first_build(project: Path, site_dir: Path, tmp: Path, clone: bool = False) -> timing.Run:
    """A build with an empty temporary folder: the first build after a reboot or a checkout
    (compiled templates are kept in the virtual environment, `vakr.templating.CACHE_DIR`); with `clone`,
    with no compiled template either: the very first build of a fresh clone."""
    shutil.rmtree(tmp, ignore_errors=True)  # an earlier benchmark's
    tmp.mkdir()
    if clone:
        shutil.rmtree(CACHE_DIR, ignore_errors=True)
    return timing.build_once(project, site_dir, env={"TMPDIR": str(tmp)})


def overhead(work: Path, runs: int) -> tuple[dict[str, Any], Path]:
    """Our site and the stock site of the same pages, built alternately. Returns the
    results and the built real site (for the weight)."""
    real = project_copy(work / "real")
    first = timing.build_once(real, work / "site-real")  # warm-up; its site is the model of the stock pages
    stock_project = work / "stock"
    stock.write_stock_site(work / "site-real", stock_project)
    series = timing.interleaved({"ours": real, "stock": stock_project}, runs, work)
    series[FIRST_BUILD] = timing.Series([_first_build(real, work / f"site-{FIRST_BUILD}", work / f"tmp-{n}") for n in range(runs)])
    series[FRESH_CLONE] = timing.Series([_first_build(real, work / f"site-{FRESH_CLONE}", work / f"tmp-clone-{n}", clone=True)
                                         for n in range(runs)])
    sites = {}
    for name, s in series.items():
        pages, html_bytes = _pages(work / f"site-{name}")
        sites[name] = {**s.as_dict(), "pages": pages, "html_bytes": html_bytes}
    return {"sites": sites, "ratio": series["ours"].median / series["stock"].median,
            "first_build_ratio": series[FIRST_BUILD].median / series["stock"].median,
            "fresh_clone_ratio": series[FRESH_CLONE].median / series["stock"].median,
            "build_ratio": series["ours"].build_median / series["stock"].build_median,
            "flags": " ".join(timing.BUILD_FLAGS), "warm_up_s": round(first.seconds, 3)}, work / "site-real"


def scale(work: Path, scales: list[int], runs: int) -> tuple[list[dict[str, Any]], list[str]]:
    """Our site at each scale; at the largest the stock site of the same pages too, built
    alternately with ours."""
    rows, copied = [], []
    for k in scales:
        shape, copied = synthetic.generate(ROOT / "data", work / f"data-{k}x", k)
        project = project_copy(work / f"scale-{k}x", work / f"data-{k}x")
        site = work / f"site-{k}x"
        stock_row = {}
        if k == BIG_SCALE:
            timing.build_once(project, site)  # its pages are the model of the stock site's
            stock.write_stock_site(site, work / f"stock-{k}x")
            both = timing.interleaved({f"{k}x": project, f"stock-{k}x": work / f"stock-{k}x"}, runs, work)
            series, stock_row = both[f"{k}x"], {"stock": both[f"stock-{k}x"].as_dict()}
        else:
            series = timing.Series([timing.build_once(project, site) for _ in range(runs)])
        pages, _ = _pages(site)
        heaviest = max(weight.site_pages(site), key=lambda url: weight.html_gz(site, url))
        rows.append({"scale": k, "cycles": shape.cycles, "plan_items": shape.plan_items * shape.cycles,
                     "schedule_items": shape.schedule_items * shape.cycles, "organizations": shape.organizations,
                     "pages": pages, **series.as_dict(), **stock_row,
                     "heaviest_page": heaviest, "heaviest_html_gz": weight.html_gz(site, heaviest)})
    for prev, row in zip([None, *rows], rows):  # what one more 1× costs from the scale before: near-constant if linear
        row["from_scale"] = prev["scale"] if prev else None
        for key, of in (("per_extra_scale_s", "median_s"), ("per_extra_scale_cpu_s", "cpu_median_s")):
            row[key] = (row[of] - prev[of]) / (row["scale"] - prev["scale"]) if prev else None
    return rows, copied


def search_at_scale(work: Path, scales: list[int]) -> list[dict[str, Any]]:
    """The search of the sites the scale step built (1× and 50×), indexed as `vakr build`
    does, in the newest cycle's pages, on a slowed-down phone."""
    rows = []
    for k in (k for k in scales if k in SEARCH_SCALES):
        site = work / f"site-{k}x"
        year = max(p.name for p in site.iterdir() if p.name.isdigit())
        rows.append({"scale": k, **search.index_and_measure(site, year)})
    return rows


def rebuild(work: Path, runs: int, scales: list[int]) -> dict[str, Any]:
    """At 1×: through the build API in a child process, then end to end through `mkdocs serve`
    as `make serve` runs it, ours and the stock site's (one page edited); the same end to end
    at the largest scale. Uses the stock sites and the data the other steps wrote."""
    project = project_copy(work / "rebuild")
    out = subprocess.run([sys.executable, "-m", "bench.rebuild", str(project), str(runs)], cwd=ROOT,
                         capture_output=True, text=True, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    results = json.loads(out.stdout.strip().splitlines()[-1])
    results["serve"] = serve.measure(project_copy(work / "serve"), runs)
    results["stock_serve"] = serve.measure(work / "stock", runs, STOCK_EDITED)
    if BIG_SCALE in scales:
        results["big"] = {"scale": BIG_SCALE,
                          "serve": serve.measure(project_copy(work / f"serve-{BIG_SCALE}x", work / f"data-{BIG_SCALE}x"), runs),
                          "stock_serve": serve.measure(work / f"stock-{BIG_SCALE}x", runs, STOCK_EDITED)}
    return results


def targets(results: dict[str, Any]) -> list[Target]:
    found: list[Target] = []
    o = results["overhead"]
    cpu_ratio = o["sites"]["ours"]["cpu_median_s"] / o["sites"]["stock"]["cpu_median_s"]
    sites = o["sites"]
    found.append(Target("overhead ratio at 1× (ours / stock), build after build",
                        f"{o['ratio']:.2f} ({sites['ours']['median_s']:.2f} s / stock {sites['stock']['median_s']:.2f} s; "
                        f"CPU time: {cpu_ratio:.2f})", f"≤ {OVERHEAD_MAX}", o["ratio"] <= OVERHEAD_MAX))
    found.append(Target("the first build at 1× after a reboot or a checkout (empty temporary folder) / stock",
                        f"{o['first_build_ratio']:.2f} ({sites[FIRST_BUILD]['median_s']:.2f} s / stock "
                        f"{sites['stock']['median_s']:.2f} s; a fresh clone, no template compiled yet: "
                        f"{o['fresh_clone_ratio']:.2f})", f"≤ {FIRST_BUILD_MAX}", o["first_build_ratio"] <= FIRST_BUILD_MAX))
    r = results["rebuild"]  # its build-API figure is MkDocs' dirty build, now the fallback: in the table only
    serves = [(1, r["serve"], r["stock_serve"], REBUILD_MAX_S)]
    if "big" in r:
        serves.append((r["big"]["scale"], r["big"]["serve"], r["big"]["stock_serve"], BIG_REBUILD_MAX_S))
    for k, ours, theirs, limit in serves:
        found.append(Target(f"{k}×: from a saved edit of the current cycle's plan to the reloaded page, end to end in "
                            "`mkdocs serve --dirty` (watcher, rebuild, page fetched)",
                            f"{ours['median_s']:.2f} s (stock site, one page edited: {theirs['median_s']:.2f} s)",
                            f"≤ {limit} s", ours["median_s"] <= limit))
    big = next((s for s in results["scale"] if s["scale"] == BIG_SCALE), None)
    if big:
        theirs = big["stock"]
        ratio = big["median_s"] / theirs["median_s"]
        # no fixed number of seconds: the same build took 13 s or 31 s as the machine was shared; the stock
        # site built alternately with ours on the same machine is the yardstick (issue 18)
        found.append(Target(f"{BIG_SCALE}× full build / stock, built alternately",
                            f"{ratio:.2f} ({big['median_s']:.2f} s / stock {theirs['median_s']:.2f} s; CPU "
                            f"{big['cpu_median_s'] / theirs['cpu_median_s']:.2f})", f"≤ {BIG_OVERHEAD_MAX}", ratio <= BIG_OVERHEAD_MAX))
        found.append(Target(f"{BIG_SCALE}× peak memory", f"{big['peak_mb']:.0f} MB (stock {theirs['peak_mb']:.0f} MB)",
                            f"≤ {BIG_PEAK_MAX_MB:.0f} MB and below stock",
                            big["peak_mb"] <= BIG_PEAK_MAX_MB and big["peak_mb"] < theirs["peak_mb"]))
    # From 10× on every synthetic cycle has the same shape (only their number grows), so the
    # last two steps compare like with like; in CPU time, which other processes do not bend.
    steps = [s for s in results["scale"] if s["per_extra_scale_cpu_s"] is not None and s["scale"] > 10]
    if len(steps) >= 2:
        last, before = steps[-1]["per_extra_scale_cpu_s"], steps[-2]["per_extra_scale_cpu_s"]
        found.append(Target(f"near-linear growth: CPU time of one more 1× from {steps[-1]['from_scale']}× to "
                            f"{steps[-1]['scale']}× / from {steps[-2]['from_scale']}× to {steps[-2]['scale']}×",
                            f"{last:.3f} s / {before:.3f} s", f"≤ {LINEAR_SLACK}×", last <= LINEAR_SLACK * max(before, 1e-9)))
    for w in results["weight"]["by_kind"]:
        found.append(Target(f"gzipped HTML, {w['kind']} ({w['url']})", f"{w['html_gz'] / KB:.1f} KB",
                            f"≤ {HTML_GZ_MAX // KB} KB", w["html_gz"] <= HTML_GZ_MAX))
    for row in results["search"]:
        for q in row["searches"]:
            what = f"search at {row['scale']}×, {q['lang']} «{q['query']}» on a phone (CPU 4× slower)"
            found.append(Target(f"{what}: transferred from opening the search to its results",
                                f"{q['transfer_bytes'] / KB:.0f} KB in {q['requests']} requests",
                                f"≤ {SEARCH_TRANSFER_MAX // KB} KB", q["transfer_bytes"] <= SEARCH_TRANSFER_MAX))
            found.append(Target(f"{what}: from the last keystroke to the results on screen",
                                f"{q['first_result_s']:.2f} s", f"≤ {SEARCH_RESULT_MAX_S:.0f} s",
                                0 < q["first_result_s"] <= SEARCH_RESULT_MAX_S))
            found.append(Target(f"{what}: requests for the search before the reader opens it",
                                ", ".join(q["before_open"]) or "none", "none", not q["before_open"]))
    foreign = sorted({f for w in results["weight"]["pages"] for f in w["foreign"]})
    found.append(Target("scripts or hosts not the theme's or ours, on any page", ", ".join(foreign) or "none",
                        "none", not foreign))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    parser.add_argument("--scales", default=os.environ.get("BENCH_SCALES", "1 10 20 50"))
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="scratch folder (git-ignored)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    args = parser.parse_args(argv)
    args.work, args.out = args.work.resolve(), args.out.resolve()
    scales = sorted({int(s) for s in args.scales.replace(",", " ").split()})
    started, load_before = time.perf_counter(), _load()
    args.work.mkdir(parents=True, exist_ok=True)

    def step(name: str) -> None:
        print(f"bench: {name} ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)

    step("overhead: our site and the stock site")
    overhead_results, weight_site = overhead(args.work, args.runs)
    step("scale: " + ", ".join(f"{k}×" for k in scales))
    scale_rows, copied = scale(args.work, scales, args.runs)
    step("search at " + ", ".join(f"{k}×" for k in scales if k in SEARCH_SCALES))
    search_rows = search_at_scale(args.work, scales)
    step("rebuild after a data edit")
    rebuild_results = rebuild(args.work, args.runs, scales)
    load_after = _load()  # after the timings: the browser of the weight step is no other process's load
    step("weight in Chromium")
    pages = weight.measure(weight_site)
    results = {
        "environment": {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cpus": os.cpu_count(),
                        "load_before": load_before, "load_after": load_after, "busy": _busy(load_before, load_after), "python": platform.python_version(),
                        "runs": args.runs, "total_s": time.perf_counter() - started},
        "overhead": overhead_results,
        "scale": scale_rows,
        "scale_copied": copied,
        "rebuild": rebuild_results,
        "search": search_rows,
        "weight": {"by_kind": weight.as_dicts(weight.by_kind(pages).values()), "pages": weight.as_dicts(pages)},
    }
    found = targets(results)
    print(write(args.out, results, found))
    print(f"Written to {args.out / 'results.md'} and results.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
