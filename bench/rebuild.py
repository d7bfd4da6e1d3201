"""Rebuild after a data edit through MkDocs' dirty build, as `mkdocs serve --dirty` runs it
where our quick pass does not (`bench/serve.py` measures the quick pass end to end): one
long-lived process, the configuration reloaded for every rebuild (so our hook module, and
its caches, stay loaded), then a build of both languages that writes again only the pages
the edit changed (`vakr.publish.rebuild`).

Run in a child process by the benchmark (`python -m bench.rebuild PROJECT RUNS`); prints
JSON. What is not counted: serve's file watcher noticing the save (watchdog events, well
under the build time) and the browser's reload."""

from __future__ import annotations

import json
import logging
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

EDITED_FILE = Path("data") / "2026" / "plan.yml"  # the current cycle's plan, at every scale
_FIRST_TEXT = re.compile(r"^(  recommendation:\n    ru: .*?)(?: — правка \d+)?$", re.M)


def edit(path: Path, n: int) -> str:
    """Save the file with plan item 1's recommendation changed (a word an officer fixes: the
    plan page and the pages quoting it change); returns the changed text, which the reloaded
    page must show. A Markdown page (the stock site's) gets the same text as a paragraph."""
    text, mark = path.read_text(encoding="utf-8"), f"правка {n}"
    if path.suffix == ".md":
        path.write_text(text + f"\n{mark}\n", encoding="utf-8")
    else:
        path.write_text(_FIRST_TEXT.sub(lambda m: f"{m[1]} — {mark}", text, count=1), encoding="utf-8")
    return mark


def measure(project: Path, runs: int) -> dict[str, object]:
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config_file = str(project / "mkdocs.yml")
    site_dir = tempfile.mkdtemp(prefix="bench-serve-")
    serve_url = "http://127.0.0.1:8102/"

    def get_config():  # as mkdocs.commands.serve.serve's get_config
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = serve_url
        return config

    config = get_config()
    sys.argv.append("--dirty")  # as `make serve` runs it: the i18n plugin reads it there
    config.plugins.on_startup(command="serve", dirty=True)
    start = time.perf_counter()
    build(config, serve_url=serve_url, dirty=True)  # serve's first build
    first = time.perf_counter() - start
    edit_times, edit_cpu, touch_free_times = [], [], []
    for n in range(runs):
        edit(project / EDITED_FILE, n)
        start, cpu = time.perf_counter(), time.process_time()
        build(get_config(), serve_url=serve_url, dirty=True)  # serve's builder() after a change
        edit_times.append(time.perf_counter() - start)
        edit_cpu.append(time.process_time() - cpu)
        start = time.perf_counter()
        build(get_config(), serve_url=serve_url, dirty=True)  # the same with the data unchanged
        touch_free_times.append(time.perf_counter() - start)
    config.plugins.on_shutdown()
    shutil.rmtree(site_dir, ignore_errors=True)
    return {
        "edited_file": EDITED_FILE.as_posix(),
        "first_build_s": round(first, 3),
        "median_s": round(statistics.median(edit_times), 3),
        "runs_s": [round(t, 3) for t in edit_times],
        "cpu_median_s": round(statistics.median(edit_cpu), 3),
        "unchanged_data_median_s": round(statistics.median(touch_free_times), 3),
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), int(sys.argv[2]))))
