"""The search index while officers review with `mkdocs serve`: the same index `vakr build`
writes (`vakr.search`), brought up to date after each rebuild in the background, without
holding up the page's reload (indexing the 50× site took longer than its rebuild). Only the
pages rebuilt since the last index are read again; the new index replaces the old one in one
step (a search in between still finds the previous text)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from vakr.publish.search import OUTPUT, Document, index_documents, page_documents, site_pages

_NEW, _OLD = f".{OUTPUT}-new", f".{OUTPUT}-old"  # hidden: MkDocs' cleaning of the site leaves them


class LiveIndex:
    def __init__(self) -> None:
        self._read: dict[str, tuple[tuple[int, int], list[Document]]] = {}  # page file → (time, size), results
        self._thread: threading.Thread | None = None
        self._indexed: list[str] | None = None  # the pages and stamps of the index in place

    def documents(self, site: Path) -> list[Document]:
        """The search results of the built `site`, each page parsed again only if its file
        changed (a page removed meanwhile by the next rebuild is left to that one's index)."""
        read: dict[str, tuple[tuple[int, int], list[Document]]] = {}
        out: list[Document] = []
        for url, page in site_pages(site):
            try:
                st = page.stat()
                stamp = (st.st_mtime_ns, st.st_size)
                kept = self._read.get(str(page))
                if kept is None or kept[0] != stamp:
                    kept = (stamp, list(page_documents(url, page.read_text(encoding="utf-8"))))
            except FileNotFoundError:
                continue
            read[str(page)] = kept
            out.extend(kept[1])
        self._read = read
        return out

    def update(self, site: Path, done: Callable[[int], None]) -> None:
        """Index the built `site` in the background, after the index being written, if any;
        `done(results)` once the new index is in place."""
        self._thread = threading.Thread(target=self._write, args=(site, done, self._thread), daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Return once no index is being written (before the site folder is emptied)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _write(self, site: Path, done: Callable[[int], None], before: threading.Thread | None) -> None:
        """Runs in its own thread, one after the other: the last one indexes the site as the
        last rebuild left it."""
        if before is not None:
            before.join()
        documents = self.documents(site)
        pages = sorted(f"{page}:{stamp}" for page, (stamp, _) in self._read.items())
        if pages == self._indexed and (site / OUTPUT).is_dir():  # no page changed: the index is up to date
            done(len(documents))
            return
        new, old = site / _NEW, site / _OLD
        shutil.rmtree(new, ignore_errors=True)
        count = index_documents(documents, new)
        if (site / OUTPUT).exists():
            (site / OUTPUT).rename(old)
        new.rename(site / OUTPUT)
        shutil.rmtree(old, ignore_errors=True)
        self._indexed = pages
        done(count)
