"""`make audit`: Lighthouse (npm `lighthouse`, pinned in bench/lighthouse/, run by Node on Debian's
Chromium) on the site as the web team serves it: built for /anticorruption/ and served by Debian's
nginx with the shipped deploy/nginx/ configuration (gzip on). Mobile profile (Lighthouse's
default: a mid-range phone, slow 4G, simulated), the pages of the issue in both languages.
Each page is audited `--runs` times (3 unless told) and its median run by performance is the one
reported, as Lighthouse's own docs advise: two runs of one page differ by up to 9 points (the blocking
time above all). Prints a Markdown table and what each page misses; exits 1 when a page is below a
target. `python -m bench.audit kk/2026/plan/ ...` audits only the pages named; `--keep DIR` keeps each
page's median report there (`kk-2026-plan.json`) to read its long tasks, requests and the rest."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from nginx import SUB_PATH, free_port, nginx  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = ["", "2026/plan/", "2026/schedule/", "2026/cartogram/", "2026/risks/", "2026/monitoring/",
         "2026/organizations/almaty-finance/"]
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS"}


def build(site: Path, base: str) -> None:
    env = {**os.environ, "SITE_URL": base, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "vakr", "--root", str(ROOT), "build", "--site-dir", str(site)],
                   check=True, env=env, capture_output=True, text=True)


def lighthouse(url: str, report: Path) -> dict:
    """One page's Lighthouse report (JSON). A run that Lighthouse itself gives up on (now and then
    «NO_NAVSTART»: its trace of the load came out empty) is run again, once."""
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new"])
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(TARGETS)}", f"--chrome-flags={flags}"]
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    if subprocess.run(command, env=env).returncode:
        subprocess.run(command, check=True, env=env)
    return json.loads(report.read_text(encoding="utf-8"))


def median_run(url: str, runs: int, report: Path) -> tuple[dict, list[int]]:
    """The page's median run by performance score (its report left at `report`) and every run's score."""
    results = []
    for run in range(runs):
        path = report.with_suffix(f".run{run}.json")
        results.append((lighthouse(url, path), path))
    scores = [round(result["categories"]["performance"]["score"] * 100) for result, _ in results]
    median, path = sorted(results, key=lambda rp: rp[0]["categories"]["performance"]["score"])[runs // 2]
    shutil.move(path, report)
    for _, other in results:
        other.unlink(missing_ok=True)
    return median, scores


def row(page: str, result: dict, scores_of_runs: list[int]) -> tuple[str, list[str]]:
    """The table row of a page and the audits it fails (score below 1, weighted in a category)."""
    scores = {key: round(result["categories"][key]["score"] * 100) for key in TARGETS}
    audits = result["audits"]
    metrics = [audits[key]["displayValue"] for key in METRICS]
    marks = [f"{scores[key]}" + ("" if scores[key] >= target else " ✗") for key, target in TARGETS.items()]
    failing = sorted({ref["id"] for key in TARGETS for ref in result["categories"][key]["auditRefs"]
                      if ref["weight"] and audits[ref["id"]].get("score") is not None
                      and audits[ref["id"]]["score"] < 1})
    runs = " ".join(map(str, scores_of_runs))
    return f"| /{page} | " + " | ".join(marks + metrics + [runs]) + " |", failing


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*",
                        help="pages to audit (default: the pages of the issue, both languages)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep each page's JSON report in DIR")
    parser.add_argument("--runs", type=int, default=3, metavar="N",
                        help="runs per page, the median reported (default: 3)")
    return parser.parse_args()


def report_path(tmp: str, keep: Path | None, page: str) -> Path:
    """Where a page's report goes: DIR/<page with dashes>.json with --keep, else one scratch file."""
    if keep is None:
        return Path(tmp) / "report.json"
    keep.mkdir(parents=True, exist_ok=True)
    return keep / ((page.strip("/").replace("/", "-") or "home") + ".json")


def main() -> int:
    args = arguments()
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make audit` (it runs npm ci in bench/lighthouse/)",
              file=sys.stderr)
        return 2
    port = free_port()
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    columns = ["page", *TARGETS, *METRICS.values(), "performance of each run"]
    lines = ["| " + " | ".join(columns) + " |", "| --- " * len(columns) + "|"]
    notes, missed = [], False
    with tempfile.TemporaryDirectory(prefix="vakr-audit-") as tmp:
        os.chmod(tmp, 0o755)  # nginx's workers run as nobody: a private folder was a 403 on every page
        site = Path(tmp) / "site"
        build(site, base)
        with nginx(site, port):
            for page in args.pages or PAGES + ["kk/" + p for p in PAGES]:
                report = report_path(tmp, args.keep, page)
                line, failing = row(page, *median_run(base + page, args.runs, report))
                lines.append(line)
                missed |= "✗" in line
                if failing:
                    notes.append(f"- /{page}: {', '.join(failing)}")
                print(line, file=sys.stderr, flush=True)
    print(f"Lighthouse (mobile), targets: " + ", ".join(f"{k} ≥ {v}" for k, v in TARGETS.items()) + "\n")
    print("\n".join(lines))
    if notes:
        print("\nAudits below full score (weighted ones):\n" + "\n".join(notes))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
