"""Time a full `mkdocs build` in a child process and read its peak memory, the way an
officer runs it: a fresh interpreter, both languages, the same flags for every site."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BUILD_FLAGS = ("--strict",)
# `python -m mkdocs ARGS` that writes its own peak resident memory (VmHWM, kB) to a file as
# it exits. Not the parent's ru_maxrss of the child: Linux counts in it the memory the child
# had before exec, i.e. this (larger) benchmark process it was forked from.
_REPORT_PEAK = """
import atexit, re, runpy, sys
def report(path=sys.argv[1]):
    status = open("/proc/self/status").read()
    open(path, "w").write(re.search(r"VmHWM:\\s+(\\d+) kB", status)[1])
atexit.register(report)
sys.argv = ["mkdocs", *sys.argv[2:]]
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""
_BUILT_IN = re.compile(rb"Documentation built in ([0-9.]+) seconds")


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock of the whole process: start-up, imports, both languages
    peak_mb: float  # the build process's peak resident memory (VmHWM)
    build_seconds: float  # MkDocs' own "Documentation built in" figure: the build without start-up
    cpu_seconds: float  # user + system CPU time of the process: what another busy process cannot inflate much


def build_once(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> Run:
    """One `python -m mkdocs build` of `project` into `site_dir` (`env`: variables to set
    for it); raises if it fails."""
    peak_file = project / "build.peak"
    command = [sys.executable, "-c", _REPORT_PEAK, str(peak_file), "build", "--config-file", str(project / "mkdocs.yml"),
               "--site-dir", str(site_dir), *BUILD_FLAGS]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    log = project / "build.log"
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"build of {project} failed ({proc.returncode}):\n{log.read_text(encoding='utf-8')[-3000:]}")
    built = _BUILT_IN.findall(log.read_bytes())  # the i18n plugin's last language build reports the total
    return Run(seconds=seconds, peak_mb=int(peak_file.read_text()) / 1024, build_seconds=float(built[-1]) if built else float("nan"),
               cpu_seconds=usage.ru_utime + usage.ru_stime)


@dataclass(frozen=True)
class Series:
    runs: list[Run]

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu_median(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def build_median(self) -> float:
        return statistics.median(r.build_seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)

    def as_dict(self) -> dict[str, object]:
        return {"median_s": round(self.median, 3), "runs_s": [round(r.seconds, 3) for r in self.runs],
                "build_median_s": round(self.build_median, 3), "cpu_median_s": round(self.cpu_median, 3),
                "peak_mb": round(self.peak_mb, 1)}


def interleaved(projects: dict[str, Path], runs: int, work: Path) -> dict[str, Series]:
    """Build each project `runs` times, alternating between them (in turn first), so a
    load spike from another process on the machine hits all of them alike."""
    results: dict[str, list[Run]] = {name: [] for name in projects}
    names = list(projects)
    for n in range(runs):
        for name in names if n % 2 == 0 else reversed(names):  # neither always goes first
            results[name].append(build_once(projects[name], work / f"site-{name}"))
    return {name: Series(r) for name, r in results.items()}
