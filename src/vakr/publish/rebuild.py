"""What a rebuild under `mkdocs serve` must render again after a save (the dependency map).

A save under `data/<year>/` can change only that cycle's pages, the later cycles' pages
(a cartogram shows what changed since the cycles before it) and the pages of the whole site
(home status, archive, announcements, changes): those are the candidates. Each candidate
is rendered from the new data and compared with what it showed before (`Fingerprints`), so
only the pages whose content changed are written again. Anything else that changed (the
organizations, directions or risk matrix, UI strings, templates, theme, hand-written
pages, the configuration) may reach every page: the site is rebuilt whole."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from vakr.domain.site import SiteData
from vakr.publish.routes import SITE_PAGES, PageSpec, all_pages

# what `mkdocs serve` watches (mkdocs.yml `watch:`, docs/, the config) and what the build reads
WATCHED = ("data", "docs", "overrides", "src", "hooks", "mkdocs.yml")
_CYCLE_FILE = re.compile(r"^data/(\d{4})/")

Signature = dict[str, tuple[int, int]]  # project-relative path → (modification time in ns, size)


def signature(root: Path) -> Signature:
    """Every file the build reads, with its time and size (compiled bytecode left out)."""
    found: Signature = {}
    for name in WATCHED:
        top = root / name
        if top.is_file():
            paths: Iterable[str] = [str(top)]
        else:
            paths = (os.path.join(folder, f) for folder, dirs, files in os.walk(top, followlinks=True)
                     if "__pycache__" not in folder for f in files)
        for path in paths:
            try:
                st = os.stat(path)
            except FileNotFoundError:  # removed while we looked: the next save's rebuild sees it
                continue
            found[Path(path).relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_size)
    return found


def changed_cycles(before: Signature | None, after: Signature) -> set[str] | None:
    """The cycles (years) whose own files changed, or None when the change may reach every
    page (a file outside a cycle folder, or no earlier build to compare with)."""
    if before is None:
        return None
    years = set()
    for path in before.keys() | after.keys():
        if before.get(path) != after.get(path):
            match = _CYCLE_FILE.match(path)
            if match is None:
                return None
            years.add(match[1])
    return years


def reached(years: set[str] | None) -> Callable[[str], bool]:
    """Whether a cycle's pages may show a change of the cycles `years` (None: a change that may
    reach every page): those cycles' and every later cycle's (a cartogram shows what changed
    since the cycles before it)."""
    if years is None:
        return lambda year: True
    oldest = min(years, default=None)
    return lambda year: oldest is not None and year >= oldest


def candidates(site: SiteData, years: set[str]) -> list[PageSpec]:
    """The generated pages a change of `years` may reach: those of the cycles it `reached` and
    the pages of the whole site (the home page is not a generated page: the caller adds it)."""
    if not years:
        return []
    cycle_reached = reached(years)
    return [page for page in all_pages(site) if page.year == SITE_PAGES or cycle_reached(page.year)]


class Fingerprints:
    """What each page (by its URL) showed at its last rendering, as a digest."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def clear(self) -> None:
        self._seen.clear()

    def update(self, url: str, content: object) -> bool:
        """Record the page's new content (its `repr` is compared); True if it differs from
        what the page showed before, or the page is new."""
        digest = hashlib.blake2b(repr(content).encode("utf-8"), digest_size=16).hexdigest()
        changed = self._seen.get(url) != digest
        self._seen[url] = digest
        return changed
