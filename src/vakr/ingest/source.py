"""Where the loader reads a data tree from. Every path is relative to the tree's root
(`2026/plan.yml`), so `load_site` needs no file system: a folder on disk today; the data
of an earlier git revision or a filtered selection (one organization's build) tomorrow,
each a small class with these methods."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from vakr.domain.errors import DataError
from vakr.ingest.files import docs_errors, named_file_problem
from vakr.ingest.sourcecache import cached_load
from vakr.ingest.textlayer import text_layer
from vakr.ingest.yamlsource import Source

_CYCLE_DIR = re.compile(r"^\d{4}$")


class DataSource(Protocol):
    """A data tree and the published files (docs/) its data names."""

    @property
    def location(self) -> str:
        """The tree as a whole, for an error about it (no cycle at all)."""

    def display(self, path: str) -> str:
        """The path as the officer knows it: `data/2026/plan.yml`."""

    def cycle_years(self) -> Iterable[str]:
        """The cycle folders (`2026`), in any order."""

    def exists(self, path: str) -> bool: ...

    def read(self, path: str) -> Source:
        """The parsed YAML of a file; DataError if it cannot be read as YAML."""

    def docs_errors(self) -> list[DataError]:
        """Problems of the files the site copies as they are (no link out, no fake PDF)."""

    def file_problem(self, file: str, suffixes: tuple[str, ...]) -> str | None:
        """What is wrong with a file the data names (`docs/2026/report.pdf`), if anything."""

    def text_layer(self, file: str) -> str | None:
        """The text of a file the data names (checked by `file_problem`); None for a scan.
        Raises TextLayerError when it cannot be read."""


@dataclass(frozen=True)
class Folder:
    """The data folder on disk (`data/`), with the project's docs/ folder beside it."""

    root: Path

    @property
    def location(self) -> str:
        return str(self.root)

    @property
    def _docs(self) -> Path:
        return self.root.parent / "docs"

    def display(self, path: str) -> str:
        return f"{self.root.name}/{path}"

    def cycle_years(self) -> list[str]:
        return [p.name for p in self.root.iterdir() if p.is_dir() and _CYCLE_DIR.match(p.name)]

    def exists(self, path: str) -> bool:
        return (self.root / path).exists()

    def read(self, path: str) -> Source:
        # parsed again only if changed, under `mkdocs serve` (vakr.ingest.sourcecache)
        return cached_load(self.root / path, self.display(path), within=self.root)

    def docs_errors(self) -> list[DataError]:
        return docs_errors(self._docs) if self._docs.is_dir() else []

    def file_problem(self, file: str, suffixes: tuple[str, ...]) -> str | None:
        return named_file_problem(self._docs, file, suffixes)

    def text_layer(self, file: str) -> str | None:
        return text_layer(self._docs / file)
