"""The data part of a served page, written again in place (`make serve`'s quick rebuild, see
`vakr.adapter.quickpass`). The theme writes a page's content into its HTML verbatim; where
only that content changed (not the page's headings, which make its table of contents, nor its
meta description), the file the theme wrote with the new content in the old one's place is,
byte for byte, what the theme would write. Anything else is left to MkDocs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Spot:
    """Where a page's content sits in its written file, and what the rest of it depends on."""

    start: int  # in characters of the page's text
    length: int
    content: str  # digest of the content there
    shape: str  # digest of what the theme made of the page outside its content (headings, description)
    own: str  # the page's own content (its stub's heading), into which its data part is rendered


class SplicedPages:
    """The spots of the pages the theme last wrote, by page URL."""

    def __init__(self) -> None:
        self._spots: dict[str, Spot] = {}

    def clear(self) -> None:
        self._spots.clear()

    def record(self, url: str, output: str, content: str, shape: str, own: str) -> None:
        """The theme wrote `output` for the page at `url`, with `content` (made from `own`) in it."""
        start = output.find(content)
        if start < 0 or output.find(content, start + 1) >= 0:  # not there once: never spliced
            self._spots.pop(url, None)
            return
        self._spots[url] = Spot(start, len(content), digest(content), shape, own)

    def own(self, url: str) -> str | None:
        """The page's own content, if its file can be spliced."""
        spot = self._spots.get(url)
        return spot.own if spot else None

    def forget(self, url: str) -> None:
        self._spots.pop(url, None)

    def replace(self, path: Path, url: str, content: str, shape: str) -> bool:
        """Write `content` into the page file `path` in place of its old content; False (the
        file untouched) where the theme must render the page: its shape changed, or the file is
        not the one recorded."""
        spot = self._spots.get(url)
        if spot is None or spot.shape != shape:
            return False
        try:
            text = path.read_bytes().decode("utf-8")  # as written: no newline translated
        except FileNotFoundError:
            return False
        end = spot.start + spot.length
        if digest(text[spot.start:end]) != spot.content:
            return False
        path.write_bytes((text[:spot.start] + content + text[end:]).encode("utf-8"))
        self._spots[url] = Spot(spot.start, len(content), digest(content), shape, spot.own)
        return True
