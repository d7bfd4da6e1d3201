"""`make build` while a review server runs: each builds from a pages folder of its own, so
neither removes or rewrites a page file the other is reading (it used to crash the server
with FileNotFoundError), and docs/ holds only hand-written files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.serve import get, served
from bench.workspace import project_copy

PLAN = Path("data/2026/plan.yml")
OLD = "обеспечить полноту размещения"  # plan item 1's recommendation


def test_make_build_repeatedly_while_the_review_server_rebuilds(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    plan = project / PLAN
    source = plan.read_text(encoding="utf-8")
    hand_written = sorted(p.relative_to(project / "docs") for p in (project / "docs").rglob("*"))
    with served(project) as live:
        for run in range(1, 4):
            changed = f"{OLD} (правка {run})"
            plan.write_text(source.replace(OLD, changed, 1), encoding="utf-8")  # the server rebuilds…
            build = subprocess.run(  # …while the site is built: the command `make build` runs
                [sys.executable, "-m", "vakr", "build", "--site-dir", "site"],
                cwd=project, capture_output=True, text=True, check=False)
            assert build.returncode == 0, build.stdout + build.stderr
            live.wait_for_rebuild()
            assert changed in (project / "site" / "2026" / "plan" / "index.html").read_text(encoding="utf-8")
            assert changed in get(f"{live.base}2026/plan/").decode("utf-8")
            assert changed in get(f"{live.base}kk/2026/plan/").decode("utf-8")
    log = live.log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log and "Error" not in log, log[-3000:]
    assert sorted(p.relative_to(project / "docs") for p in (project / "docs").rglob("*")) == hand_written
