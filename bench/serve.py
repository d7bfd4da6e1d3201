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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.rebuild import EDITED_FILE, edit

_LIVERELOAD = re.compile(rb"livereload\((\d+),\s*(\d+)\)")
_START_TIMEOUT_S = 600  # the first build of the 50× site on a busy machine
SETTLE_S = 1.0
OURS, SEARCH_DONE = "Изменения файлов проверяются", "Поиск обновлён"  # our hook's log lines
QUICK = "Сайт обновляется по частям"  # a rebuild by the hook's quick pass, not by MkDocs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 10) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 — our own loopback server
        return response.read()


@dataclass
class LiveSite:
    """A running `mkdocs serve --livereload`: its address and the site version it shows."""

    base: str  # the served site's root, with the site_url's path
    root: str  # the server's root, where its live-reload endpoint is
    epoch: int
    request_id: int
    log: Path

    def wait_for_rebuild(self, timeout: float = 1800) -> None:
        """Return once the site is rebuilt after a change: what an open page waits for. The
        server answers the page's request after a minute even with no new build: asked again."""
        deadline, before = time.monotonic() + timeout, self.epoch
        while self.epoch <= before:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no rebuild within {timeout:.0f} s")
            self.epoch = int(get(f"{self.root}livereload/{before}/{self.request_id}", timeout=120))


    def idle(self, timeout: float = 1800) -> None:
        """Return once the server is idle: its watcher settled and, for our site, the search
        index of every build written (in the background, after the reload): an officer's next
        save comes seconds later, the benchmark's then too."""
        deadline = time.monotonic() + timeout
        while True:
            time.sleep(SETTLE_S)
            log = self.log.read_text(encoding="utf-8", errors="replace")
            # every change the watcher saw has its rebuild started (a large file's save can be
            # seen twice: the second rebuild's reload must not pass for the next edit's)
            started = rebuilds(log) - 1 >= log.count("Detected file changes")
            if OURS not in log or (started and rebuilds(log) <= log.count(SEARCH_DONE)):
                return
            if time.monotonic() > deadline:
                raise RuntimeError("the server's search index was not written")


def rebuilds(log: str) -> int:
    """The rebuilds a server's log tells of: MkDocs' builds and our quick passes."""
    return log.count("Building documentation...") + log.count(QUICK)


def _current_epoch(url: str) -> tuple[int, int]:
    """The live-reload epoch the served page was built at, and its request id."""
    deadline = time.monotonic() + _START_TIMEOUT_S
    while True:
        try:
            m = _LIVERELOAD.search(get(url))
            if m:
                return int(m[1]), int(m[2])
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"mkdocs serve did not come up at {url}")
        time.sleep(0.2)


SERVE_FLAGS = ("--livereload", "--dirty")  # as `make serve` runs it


@contextmanager
def served(project: Path, path: str = "", env: dict[str, str] | None = None, port: int | None = None) -> Iterator[LiveSite]:
    """`project` served by a real `mkdocs serve` as `make serve` runs it until the block
    ends; `path` is the site_url's path the server mounts the site under, `env` variables
    to set for it."""
    root = f"http://127.0.0.1:{port or free_port()}/"
    log_path = project / "serve.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"),
             "--dev-addr", root.removeprefix("http://").rstrip("/"), *SERVE_FLAGS],
            cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
        try:
            epoch, request_id = _current_epoch(root + path)
            yield LiveSite(root + path, root, epoch, request_id, log_path)
        finally:
            server.terminate()
            server.wait(timeout=30)


def measure(project: Path, runs: int, edited: Path = EDITED_FILE, page: str = "2026/plan/") -> dict[str, object]:
    """From saving `edited` to the reloaded `page` showing the edit: the server's rebuild
    (its live-reload request returns), then the page fetched again, as the open tab does."""
    times = []
    with served(project) as live:
        for n in range(runs):
            live.idle()
            start = time.perf_counter()
            mark = edit(project / edited, n)
            live.wait_for_rebuild()
            shown = get(live.base + page, timeout=600).decode("utf-8")
            times.append(time.perf_counter() - start)
            if mark not in shown:
                raise RuntimeError(f"the reloaded {page} does not show the edit «{mark}»")
    return {"median_s": round(statistics.median(times), 3), "runs_s": [round(t, 3) for t in times],
            "edited_file": edited.as_posix()}
