"""Data files kept parsed and validated between the rebuilds of one `mkdocs serve`: reading
and validating ten years of cycles was most of the load (at 50× the data), and a save changes
one file. A file is parsed again when its bytes differ; outside a `reused()` block (a build)
nothing is kept."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from vakr.ingest.validate import parse
from vakr.ingest.yamlsource import Source, load

M = TypeVar("M")


@dataclass
class _Kept:
    raw: bytes
    source: Source
    models: dict[type, Any] = field(default_factory=dict)  # the source validated against each model


_Key = tuple[str, str | None, str | None]
_previous: dict[_Key, _Kept] = {}  # what the last block read
_current: dict[_Key, _Kept] | None = None  # what this block read; None outside a block
_by_source: dict[int, _Kept] = {}  # this block's files by their Source object


@contextmanager
def reused() -> Iterator[None]:
    """Within the block, `cached_load` and `cached_parse` reuse what the previous block made
    of the same bytes; files the block does not read are forgotten."""
    global _current, _previous
    _current = {}
    _by_source.clear()
    try:
        yield
    finally:
        _previous, _current = _current, None
        _by_source.clear()


def cached_load(path: Path, display: str | None = None, within: Path | None = None) -> Source:
    """`yamlsource.load`, which reuses the parse of the same bytes inside a `reused()` block.
    A file that is not a plain file inside `within` always goes to `load`, which refuses it."""
    resolved = path.resolve()
    outside = within is not None and not resolved.is_relative_to(within.resolve())
    if _current is None or outside or not resolved.is_file():
        return load(path, display, within)
    key = (str(path), display, str(within))
    raw = resolved.read_bytes()
    kept = _current.get(key) or _previous.get(key)
    if kept is None or kept.raw != raw:
        kept = _Kept(raw, load(path, display, within))
    _current[key] = _by_source[id(kept.source)] = kept
    return kept.source


def cached_parse(source: Source, model: type[M], display: str) -> M:
    """`validate.parse`, which reuses the validation of a source `cached_load` reused."""
    kept = _by_source.get(id(source))
    if kept is None or kept.source is not source:
        return parse(source, model, display)
    if model not in kept.models:
        kept.models[model] = parse(source, model, display)
    return kept.models[model]  # type: ignore[no-any-return]
