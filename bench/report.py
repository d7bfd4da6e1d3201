"""The benchmark's results as a Markdown report (printed and written to a file) and as
JSON, each target with its measured value and whether it is met."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KB = 1024


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    limit: str
    met: bool

    def row(self) -> str:
        return f"| {self.name} | {self.measured} | {self.limit} | {'met' if self.met else '**missed**'} |"


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(str(c) for c in row) + " |" for row in rows)]


def _kb(n: int) -> str:
    return f"{n / KB:.1f}"


def _per(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f} s"


def _requests(search: dict[str, Any]) -> str:
    """A search's request count, and how many of them were not Pagefind's files (a font the dialog
    needs, or the page still fetching when it was opened): counted in its bytes, and said so."""
    others = len(search.get("not_search", []))
    return f"{search['requests']} ({others} not the search's)" if others else str(search["requests"])


def _serves(rebuild: dict[str, Any]) -> list[tuple[int, str, dict[str, Any]]]:
    """(scale, site, timing) of each end-to-end `mkdocs serve` measurement."""
    out = [(1, "ours", rebuild["serve"]), (1, "stock", rebuild["stock_serve"])]
    if "big" in rebuild:
        out += [(rebuild["big"]["scale"], "ours", rebuild["big"]["serve"]),
                (rebuild["big"]["scale"], "stock", rebuild["big"]["stock_serve"])]
    return out


def markdown(results: dict[str, Any], targets: list[Target]) -> str:
    env, overhead, rebuild = results["environment"], results["overhead"], results["rebuild"]
    lines = [
        "# ВАКР site benchmark",
        "",
        f"{env['date']} · {env['cpus']} CPUs · load average {env['load_before']} before, {env['load_after']} after the timings · "
        f"Python {env['python']} · {env['runs']} runs per timing (median) · total {env['total_s']:.0f} s",
        "",
        *([f"**The machine was busy** (load average above its {env['cpus']} CPUs): wall-clock times are inflated "
           "by other processes; the CPU times beside them are the better guide. Rerun on a quiet machine.", ""]
          if env["busy"] else []),
        "## Targets",
        "",
        "| check | measured | target | result |",
        "|---|---|---|---|",
        *(t.row() for t in targets),
        "",
        "## Overhead: our site against a stock MkDocs site of the same pages (1×, real data)",
        "",
        *_table(["site", "pages", "HTML", "build median", "runs", "of which MkDocs' build()", "CPU time", "peak memory"], [
            [name, s["pages"], f"{s['html_bytes'] / KB:.0f} KB", f"{s['median_s']:.2f} s",
             " ".join(f"{r:.2f}" for r in s["runs_s"]), f"{s['build_median_s']:.2f} s", f"{s['cpu_median_s']:.2f} s", f"{s['peak_mb']:.0f} MB"]
            for name, s in overhead["sites"].items()
        ]),
        "",
        f"Ratio (ours / stock): **{overhead['ratio']:.2f}** for the whole command, {overhead['build_ratio']:.2f} for "
        f"MkDocs' build() alone (without interpreter start-up, imports and configuration). Both: "
        f"`mkdocs build {overhead['flags']}` in a fresh process, both languages, built alternately.",
        "",
        f"Our builds keep compiled templates (the theme's and ours) beside the package's .pyc files "
        f"(`.venv/var/cache/vakr-templates/`), so a reboot or a checkout keeps them; the stock site compiles them "
        f"in every build. The first build after a reboot (row «ours, first build», each run with an empty "
        f"temporary folder): ratio **{overhead['first_build_ratio']:.2f}**; the very first build of a fresh clone, "
        f"which compiles every template (row «ours, fresh clone»): **{overhead['fresh_clone_ratio']:.2f}**.",
        "",
        "## Scale: synthetic data at multiples of the 2026 cycle",
        "",
        *_table(["scale", "cycles", "plan items", "schedule items", "organizations", "pages", "build median",
                 "per extra 1×", "CPU time", "CPU per extra 1×", "peak memory", "heaviest page (HTML gz)"], [
            [f"{s['scale']}×", s["cycles"], s["plan_items"], s["schedule_items"], s["organizations"], s["pages"],
             f"{s['median_s']:.2f} s", _per(s["per_extra_scale_s"]), f"{s['cpu_median_s']:.2f} s",
             _per(s["per_extra_scale_cpu_s"]), f"{s['peak_mb']:.0f} MB",
             f"{s['heaviest_page'] or './'} ({_kb(s['heaviest_html_gz'])} KB)"]
            for s in results["scale"]
        ]),
        "",
        *([f"Copied unscaled (no generator for them yet): {', '.join(results['scale_copied'])}.", ""]
          if results.get("scale_copied") else []),
        "## Rebuild after a data edit (both languages, as `make serve`: `mkdocs serve --dirty`)",
        "",
        "The edit changes plan item 1's recommendation in " + rebuild["edited_file"] + " (the stock site: a "
        "paragraph added to its plan page, served with the same flags). End to end: from writing the file to the "
        "plan page fetched again after the server's live-reload signal.",
        "",
        *_table(["measured", "first build", "after the edit", "runs", "CPU time", "rebuild, data unchanged"], [[
            "1×, MkDocs' dirty build (build API; `make serve` falls back to it where a page's headings change)", f"{rebuild['first_build_s']:.2f} s", f"{rebuild['median_s']:.2f} s",
            " ".join(f"{r:.2f}" for r in rebuild["runs_s"]), f"{rebuild['cpu_median_s']:.2f} s",
            f"{rebuild['unchanged_data_median_s']:.2f} s",
        ], *([f"{k}×, {name}, end to end", "—", f"{run['median_s']:.2f} s", " ".join(f"{r:.2f}" for r in run["runs_s"]),
              "—", "—"] for k, name, run in _serves(rebuild))]),
        "",
        "## Search (Pagefind) at scale, on a slowed-down phone",
        "",
        "The newest cycle's plan page, 360 px wide, CPU 4× slower (CDP Emulation.setCPUThrottlingRate), empty "
        "cache; once the page has settled (laid out, its fonts loaded, its scripts idle, no request for 1 s: "
        "on the slowed CPU the page's fonts and the theme's sitemap request come seconds after the load event), "
        "the reader opens the search and types the word (0.1 s between keys). Transferred: every request "
        "from opening the search until the results are shown, gzipped where that is smaller (Pagefind's index "
        "files come compressed). Time: from the last keystroke to the results on screen (150 ms of it is the "
        "dialog waiting for the reader to stop typing).",
        "",
        *_table(["scale", "results indexed", "index on disk", "indexing time", "language", "query", "results shown",
                 "transferred", "requests", "last keystroke → results", "opened → results"], [
            [f"{row['scale']}×", row["results_indexed"], f"{row['index_bytes'] / KB / KB:.1f} MB", f"{row['index_s']:.1f} s",
             q["lang"], q["query"], q["results"], f"{q['transfer_bytes'] / KB:.0f} KB", _requests(q),
             f"{q['first_result_s']:.2f} s", f"{q['opened_to_result_s']:.2f} s"]
            for row in results.get("search", []) for q in row["searches"]
        ]),
        "",
        "## Weight per page type (1×, heaviest page of each type, Chromium, empty cache)",
        "",
        *_table(["page type", "page", "HTML", "HTML gz", "requests", "CSS (gz)", "JS (gz)", "other (gz)",
                 "failed requests", "scripts not the theme's or ours"], [
            [w["kind"], w["url"], f"{_kb(w['html_bytes'])} KB", f"{_kb(w['html_gz'])} KB", w["requests"],
             f"{_kb(w['css_bytes'])} ({_kb(w['css_gz'])}) KB", f"{_kb(w['js_bytes'])} ({_kb(w['js_gz'])}) KB",
             f"{_kb(w['other_bytes'])} ({_kb(w['other_gz'])}) KB", ", ".join(w["failed"]) or "none",
             ", ".join(w["foreign"]) or "none"]
            for w in results["weight"]["by_kind"]
        ]),
        "",
        "Scripts run: " + "; ".join(sorted({s for w in results["weight"]["pages"] for s in w["scripts"]
                                             if "inline" not in s})) + "; inline: Material's.",
        "",
    ]
    return "\n".join(lines)


def write(out_dir: Path, results: dict[str, Any], targets: list[Target]) -> str:
    """Write results.md and results.json into `out_dir`; return the Markdown."""
    out_dir.mkdir(parents=True, exist_ok=True)
    text = markdown(results, targets)
    (out_dir / "results.md").write_text(text, encoding="utf-8")
    payload = {**results, "targets": [t.__dict__ for t in targets]}
    (out_dir / "results.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    return text
