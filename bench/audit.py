"""`make audit`: Lighthouse (npm `lighthouse`, pinned in bench/lighthouse/, run by Node on Debian's
Chromium) on the site as the web team serves it: built for /anticorruption/ and served by Debian's
nginx with the shipped deploy/nginx/ configuration (gzip on). Mobile profile (Lighthouse's
default: a mid-range phone, slow 4G, simulated), the pages of the issue in both languages.
Prints a Markdown table and what each page misses; exits 1 when a page is below a target.
`python -m bench.audit kk/2026/plan/ ...` audits only the pages named; `--keep DIR` keeps each page's
JSON report there (`kk-2026-plan.json`) to read its long tasks, requests and the rest."""

from __future__ import annotations

import argparse
import json
import os
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
    """One page's Lighthouse report (JSON)."""
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new"])
    subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                    f"--only-categories={','.join(TARGETS)}", f"--chrome-flags={flags}"],
                   check=True, env={**os.environ, "CHROME_PATH": chromium_path()})
    return json.loads(report.read_text(encoding="utf-8"))


def row(page: str, result: dict) -> tuple[str, list[str]]:
    """The table row of a page and the audits it fails (score below 1, weighted in a category)."""
    scores = {key: round(result["categories"][key]["score"] * 100) for key in TARGETS}
    audits = result["audits"]
    metrics = [audits[key]["displayValue"] for key in METRICS]
    marks = [f"{scores[key]}" + ("" if scores[key] >= target else " ✗") for key, target in TARGETS.items()]
    failing = sorted({ref["id"] for key in TARGETS for ref in result["categories"][key]["auditRefs"]
                      if ref["weight"] and (audits[ref["id"]].get("score") is not None) and audits[ref["id"]]["score"] < 1})
    return f"| /{page} | " + " | ".join(marks + metrics) + " |", failing


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*",
                        help="pages to audit (default: the pages of the issue, both languages)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep each page's JSON report in DIR")
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
        print("Lighthouse is not installed: run `make audit` (it runs npm ci in bench/lighthouse/)", file=sys.stderr)
        return 2
    port = free_port()
    base = f"http://127.0.0.1:{port}{SUB_PATH}"
    lines = ["| page | " + " | ".join(TARGETS) + " | " + " | ".join(METRICS.values()) + " |",
             "| --- " * (1 + len(TARGETS) + len(METRICS)) + "|"]
    notes, missed = [], False
    with tempfile.TemporaryDirectory(prefix="vakr-audit-") as tmp:
        os.chmod(tmp, 0o755)  # nginx's workers run as nobody: a private folder was a 403 on every page
        site = Path(tmp) / "site"
        build(site, base)
        with nginx(site, port):
            for page in args.pages or PAGES + ["kk/" + p for p in PAGES]:
                line, failing = row(page, lighthouse(base + page, report_path(tmp, args.keep, page)))
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
