"""The swap of a finished build into site/ (issue «Trust the input», finding 5): killed at
every line it runs, including inside the removal of the old site, it leaves at site/ either
the whole old site or the whole new one; the next build removes what the killed one left;
the published tree has the modes a web server needs whatever the umask."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from vakr.publish import sitedir

# Run in a child: publish `built` at `site`, SIGKILLed when it reaches its `n`-th line
# (counting the lines of vakr/publish/sitedir.py and of shutil, where the old site is removed).
CHILD = """
import os, signal, sys
from pathlib import Path
from vakr.publish import sitedir

limit, seen = int(sys.argv[3]), 0

def tracer(frame, event, arg):
    global seen
    name = frame.f_code.co_filename
    if event == "line" and (name == sitedir.__file__ or name.endswith("shutil.py")):
        seen += 1
        if seen == limit:
            os.kill(os.getpid(), signal.SIGKILL)
    return tracer

sys.settrace(tracer)
sitedir.publish(Path(sys.argv[1]), Path(sys.argv[2]))
sys.settrace(None)
print(seen)
"""


def _tree(folder: Path, version: str) -> None:
    (folder / "2026" / "plan").mkdir(parents=True)
    for name in ("index.html", "2026/plan/index.html", "2026/vakr.csv", "404.html"):
        (folder / name).write_text(f"{version}: {name}\n", encoding="utf-8")


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(built: Path, site: Path, limit: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CHILD, str(built), str(site), str(limit)],
                          capture_output=True, text=True, check=False, timeout=60)


def _prepare(tmp_path: Path) -> tuple[Path, Path, dict[str, str], dict[str, str]]:
    site = tmp_path / "site"
    _tree(site, "old")
    built = sitedir.staging(site)
    _tree(built, "new")
    return site, built, _digest(site), _digest(built)


def test_a_kill_at_any_line_leaves_a_whole_site_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    site, built, _, _ = _prepare(tmp_path / "count")
    finished = _run(built, site, 0)
    lines = int(finished.stdout)
    assert finished.returncode == 0 and lines > 20, finished.stderr
    outcomes = set()
    for limit in range(1, lines + 1):
        site, built, old, new = _prepare(tmp_path / str(limit))
        killed = _run(built, site, limit)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        found = _digest(site)
        assert found in (old, new), f"killed at line {limit}: site/ is neither the old nor the new site"
        outcomes.add("new" if found == new else "old")

        after = sitedir.staging(site)  # the next build
        assert sorted(p.name for p in site.parent.iterdir()) == ["site", after.name], f"killed at line {limit}"
    assert outcomes == {"old", "new"}  # the kills fell both before and after the exchange


def test_first_publish_and_republish(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for version in ("first", "second"):
        built = sitedir.staging(site)
        _tree(built, version)
        sitedir.publish(built, site)
        assert (site / "index.html").read_text(encoding="utf-8") == f"{version}: index.html\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_running_builds_folder_is_left_alone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = tmp_path / f"site.build-{running.pid}"
        theirs.mkdir()
        sitedir.staging(site)
        assert theirs.is_dir()
    finally:
        running.kill()
        running.wait()


@pytest.mark.parametrize("umask", [0o077, 0o027, 0o002])
def test_published_tree_is_readable_by_the_web_server_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    site = tmp_path / "site"
    previous = os.umask(umask)
    try:
        built = sitedir.staging(site)
        _tree(built, "new")
        (built / "2026" / "vakr.csv").chmod(0o600)
        sitedir.publish(built, site)
    finally:
        os.umask(previous)
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")]}
    assert modes == {"site": 0o755, "site/2026": 0o755, "site/2026/plan": 0o755, "site/index.html": 0o644,
                     "site/404.html": 0o644, "site/2026/plan/index.html": 0o644, "site/2026/vakr.csv": 0o644}
