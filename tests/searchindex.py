"""The built site's search index (Pagefind) as the tests read it: every result it can give,
with its URL, language, title and text, from the index files a reader's browser fetches."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

SIGNATURE = b"pagefind_dcd"  # what every index file starts with once unzipped


@dataclass(frozen=True)
class Result:
    url: str  # site-relative, with the anchor: `2026/plan/#item-23`
    lang: str
    title: str
    text: str


def results(site: Path) -> list[Result]:
    found = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE))
        meta = data["meta"]
        found.append(Result(meta["url"], path.name.split("_")[0], meta["title"], data["content"]))
    return found
