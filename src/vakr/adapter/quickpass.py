"""The pages a save may have changed, brought up to date after the server has told the open
pages to reload (`make serve` on a large archive: rendering every page a save may reach took
longer than an officer should wait). A page a reader asks for is rendered first, while the
request waits; the others in turn, in a background thread; then what the whole pass writes
once (the cycle's downloads, the embeds, the search index). The next rebuild starts only once
this pass is over, so two never write the same file."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from enum import Enum

log = logging.getLogger("mkdocs.hooks.vakr")


class Outcome(Enum):
    """What bringing a page up to date did to its file."""

    SAME = "same"  # the page shows what it showed
    WRITTEN = "written"  # its new content is in its file
    LEFT = "left"  # more than its content changed: left to a MkDocs build


Refresh = Callable[[], Outcome]
_YIELD_S = 0.005  # how often the background pass looks whether a request is waiting
# How long the background pass lets the open pages ask first: they reload once the server says
# the rebuild is done, just after the pass starts, and a page's request used to wait for the
# page the pass had taken first (at 50× the data, a tenth of the time from a save to the reload).
_GRACE_S = 0.3


class QuickPass:
    def __init__(self) -> None:
        self._lock = threading.Lock()  # one page rendered at a time
        self._stale: dict[str, Refresh] = {}  # page URL (site-relative) → what brings it up to date
        self._waiting = 0  # requests waiting for their page
        self._count = threading.Lock()
        self._thread: threading.Thread | None = None
        self._running = False  # a pass has pages left or is writing one
        self._asked = threading.Event()  # a request came since the pass started
        self.changed = 0  # the pass's pages that show something new
        self.left: set[str] = set()  # those of them left to a MkDocs build

    def start(self, pages: dict[str, Refresh], finish: Callable[[], None], failed: Callable[[], None]) -> None:
        """Bring `pages` up to date in the background, then `finish()`; `failed()` after an
        error (logged), which leaves the remaining pages to a build."""
        self.wait()
        with self._lock:
            self._stale = dict(pages)
        self.changed, self.left = 0, set()
        self._asked.clear()
        self._running = True
        self._thread = threading.Thread(target=self._run, args=(finish, failed), daemon=True)
        self._thread.start()

    def ensure(self, url: str) -> None:
        """Return once the page at `url` is up to date (a request for it waits). While a pass
        runs, the lock is taken even for a page no longer stale: it may be the one being
        written."""
        if not self._running:
            return
        with self._count:
            self._waiting += 1
        self._asked.set()
        try:
            with self._lock:
                refresh = self._stale.pop(url, None)
                if refresh is not None:
                    self._record(url, refresh())
        finally:
            with self._count:
                self._waiting -= 1

    def _record(self, url: str, outcome: Outcome) -> None:
        """Called with the lock held, as the refresh that gave `outcome`."""
        self.changed += outcome is not Outcome.SAME
        if outcome is Outcome.LEFT:
            self.left.add(url)

    def took_pages_left(self) -> bool:
        """Whether the last pass left pages to MkDocs; asked once, by the build that renders them."""
        left, self.left = bool(self.left), set()
        return left

    def wait(self) -> None:
        """Return once no pass is running."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self, finish: Callable[[], None], failed: Callable[[], None]) -> None:
        try:
            if self._stale:
                self._asked.wait(_GRACE_S)
            while True:
                while self._waiting:  # a reader's page goes first
                    time.sleep(_YIELD_S)
                with self._lock:
                    if not self._stale:
                        self._running = False
                        break
                    url = next(iter(self._stale))
                    self._record(url, self._stale.pop(url)())
            finish()
        except Exception:
            log.exception("Страницы не обновлены: сайт будет собран заново")
            with self._lock:
                self._stale.clear()
                self._running = False
            failed()
