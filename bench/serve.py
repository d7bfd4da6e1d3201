"""Rebuild after a data edit, end to end through a real `mkdocs serve`: from writing the
file to the moment the server tells the open page to reload (its live-reload request
returns once the rebuilt site is in place). This counts what `bench/rebuild.py` leaves
out: the file watcher and serve's short wait for more changes."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.rebuild import EDITED_FILE, edit

_LIVERELOAD = re.compile(rb"livereload\((\d+),\s*(\d+)\)")
_START_TIMEOUT_S = 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 — our own loopback server
        return response.read()


def _current_epoch(base: str) -> tuple[int, int]:
    """The live-reload epoch the served page was built at, and its request id."""
    deadline = time.monotonic() + _START_TIMEOUT_S
    while True:
        try:
            m = _LIVERELOAD.search(_get(base, timeout=10))
            if m:
                return int(m[1]), int(m[2])
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"mkdocs serve did not come up at {base}")
        time.sleep(0.2)


def measure(project: Path, runs: int) -> dict[str, object]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (project / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"),
         "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        epoch, request_id = _current_epoch(base)
        times = []
        for n in range(runs):
            time.sleep(0.5)  # let the watcher settle after the previous build
            start = time.perf_counter()
            edit(project / EDITED_FILE, n)
            epoch = int(_get(f"{base}livereload/{epoch}/{request_id}", timeout=120))
            times.append(time.perf_counter() - start)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return {"median_s": round(statistics.median(times), 3), "runs_s": [round(t, 3) for t in times]}
