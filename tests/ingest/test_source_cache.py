"""Parsed data kept on disk between builds (`vakr.ingest.sourcecache`): a build reads back what
an earlier one parsed from the same bytes, parses again a file whose bytes changed, and never
trusts a stored file it cannot read. The site's data is the same either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_data
from vakr.domain.errors import DataErrors
from vakr.ingest import sourcecache, yamlsource
from vakr.ingest.load import load_site


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own, and no parse kept in memory."""
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(sourcecache, "STORE", folder)
    monkeypatch.setattr(sourcecache, "_previous", {})
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed from their bytes (not read back from the cache)."""
    seen: list[str] = []
    original = yamlsource.load

    def counted(path: Path, display: str | None = None, within: Path | None = None) -> yamlsource.Source:
        seen.append(path.name)
        return original(path, display, within)

    monkeypatch.setattr(sourcecache, "load", counted)
    return seen


def _load(data: Path):  # type: ignore[no-untyped-def]
    sourcecache._previous = {}  # a new process: nothing in memory
    with sourcecache.reused():
        return load_site(data)


def test_a_second_build_reads_back_what_the_first_parsed(store: Path, parses: list[str], tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    first = _load(data)
    assert "plan.yml" in parses and list(store.glob("*.pickle"))
    parses.clear()
    assert _load(data) == first
    assert parses == []


def test_a_changed_file_is_parsed_again(store: Path, parses: list[str], tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    _load(data)
    plan = data / "2026" / "plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("обеспечить полноту размещения",
                                                             "обеспечить ПОЛНОТУ размещения", 1), encoding="utf-8")
    parses.clear()
    site = _load(data)
    assert parses == ["plan.yml"]
    assert "ПОЛНОТУ" in repr(site.cycle("2026").plan)


def test_an_unreadable_stored_file_is_parsed_again(store: Path, parses: list[str], tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    first = _load(data)
    for stored in store.glob("*.pickle"):
        stored.write_bytes(b"half a file")
    parses.clear()
    assert _load(data) == first
    assert "plan.yml" in parses


def test_a_file_with_errors_is_never_stored(store: Path, tmp_path: Path) -> None:
    data = copy_data(tmp_path / "data")
    plan = data / "2026" / "plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("number: 1\n", "number: один\n", 1), encoding="utf-8")
    for _ in range(2):  # the second time too: the error comes from the file, not from a cache
        with pytest.raises(DataErrors, match="plan.yml"):
            _load(data)
