"""Data files kept parsed and validated between the rebuilds of one `mkdocs serve` and, on
disk, between builds (`vakr.cachedir`): reading and validating ten years of cycles was most of
the load (at 50× the data, a tenth of a build), and a save changes one file. A file is parsed
again when its bytes differ, or the code that parses and validates it (any module of `vakr`,
PyYAML, pydantic, Python); outside a `reused()` block nothing is kept."""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

from vakr.atomicfile import write_atomic
from vakr.cachedir import CACHE_ROOT, writable
from vakr.ingest.validate import parse
from vakr.ingest.yamlsource import Source, load

M = TypeVar("M")


@dataclass
class _Kept:
    raw: bytes
    source: Source
    models: dict[type, Any] = field(default_factory=dict)  # the source validated against each model
    stored: Path | None = None  # its file on disk
    saved: bool = False  # the file holds all of it


_Key = tuple[str, str | None, str | None]
_previous: dict[_Key, _Kept] = {}  # what the last block read
_current: dict[_Key, _Kept] | None = None  # what this block read; None outside a block
_by_source: dict[int, _Kept] = {}  # this block's files by their Source object


@contextmanager
def reused(store: bool = True) -> Iterator[None]:
    """Within the block, `cached_load` and `cached_parse` reuse what an earlier block made of
    the same bytes: a build (`store`) reads back what earlier builds stored on disk and stores
    what it parsed, keeping nothing in memory afterwards (a build loads once); `mkdocs serve`
    keeps this block's files in memory for its next rebuild and writes nothing (writing
    would delay the page's reload after a save). Files the block does not read are forgotten."""
    global _current, _previous
    _current = {}
    _by_source.clear()
    try:
        yield
    finally:
        if store:
            for kept in _current.values():
                _save(kept)
            _prune()
        _previous, _current = ({} if store else _current), None
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
        stored = _stored(key, raw)
        kept = _restored(stored, raw) or _Kept(raw, load(path, display, within), stored=stored)
    _current[key] = _by_source[id(kept.source)] = kept
    return kept.source


def cached_parse(source: Source, model: type[M], display: str) -> M:
    """`validate.parse`, which reuses the validation of a source `cached_load` reused."""
    kept = _by_source.get(id(source))
    if kept is None or kept.source is not source:
        return parse(source, model, display)
    if model not in kept.models:
        kept.models[model] = parse(source, model, display)
        kept.saved = False
    return kept.models[model]  # type: ignore[no-any-return]


STORE = CACHE_ROOT / "vakr-data"
KEEP_UNUSED_S = 7 * 24 * 3600  # a stored file no build has read for a week is removed


@cache
def _code() -> bytes:
    """What the parse of a file depends on besides its bytes."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (platform.python_version(), yaml.__version__, pydantic.VERSION):
        digest.update(part.encode())
    package = Path(__file__).resolve().parents[1]
    for module in sorted(package.rglob("*.py")):
        digest.update(module.read_bytes())
    return digest.digest()


def _stored(key: _Key, raw: bytes) -> Path | None:
    folder = writable(STORE)
    if folder is None:
        return None
    name = hashlib.blake2b(_code() + repr(key).encode() + raw, digest_size=20).hexdigest()
    return folder / f"{name}.pickle"


def _restored(stored: Path | None, raw: bytes) -> _Kept | None:
    """What an earlier build stored for these bytes (written by this code only), if readable."""
    if stored is None:
        return None
    try:
        source, models = pickle.loads(stored.read_bytes())  # noqa: S301 — our own cache folder
        os.utime(stored)  # read: kept another week
    except Exception:  # missing, or written by a build that was killed: parsed again
        return None
    return _Kept(raw, source, models, stored, saved=True)


def _save(kept: _Kept) -> None:
    if kept.stored is None or kept.saved:
        return
    try:
        write_atomic(kept.stored, pickle.dumps((kept.source, kept.models), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # a full disk: the next build parses again
        return
    kept.saved = True


def _prune() -> None:
    folder = writable(STORE)
    if folder is None:
        return
    old = time.time() - KEEP_UNUSED_S
    for stored in folder.glob("*.pickle"):
        try:
            if stored.stat().st_mtime < old:
                stored.unlink()
        except OSError:
            continue
