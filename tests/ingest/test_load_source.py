"""`load_site` reads a data tree only through its source: the same data from memory gives
the same site as from the folder, and the cross-file checks name the model fields they walk."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from vakr.domain.errors import DataError, DataErrors
from vakr.domain.model import Plan
from vakr.ingest.load import _raw, load_site
from vakr.ingest.source import Folder
from vakr.ingest.yamlsource import Source, parse_bytes


class Memory:
    """A data tree held in memory, as a git revision's would be: no file is opened."""

    location = "memory"

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def display(self, path: str) -> str:
        return f"data/{path}"

    def cycle_years(self) -> list[str]:
        return sorted({path.split("/")[0] for path in self.files if "/" in path})

    def exists(self, path: str) -> bool:
        return path in self.files

    def read(self, path: str) -> Source:
        return parse_bytes(self.files[path], self.display(path), Path(path))

    def docs_errors(self) -> list[DataError]:
        return []

    def file_problem(self, file: str, suffixes: tuple[str, ...]) -> str | None:
        return None

    def text_layer(self, file: str) -> str | None:
        return None


def _in_memory() -> dict[str, bytes]:
    data = ROOT / "data"
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*.yml")}


def test_a_source_in_memory_gives_the_same_site_as_the_folder() -> None:
    assert load_site(Memory(_in_memory())) == load_site(Folder(ROOT / "data")) == load_site(ROOT / "data")


def test_errors_name_the_file_as_the_source_shows_it() -> None:
    files = _in_memory()
    files["2026/plan.yml"] = files["2026/plan.yml"].replace(b"[spk, spk-hr,", b"[spk, spk-hrr,", 1)
    with pytest.raises(DataErrors) as caught:
        load_site(Memory(files))
    assert [(e.file, "spk-hrr" in e.message) for e in caught.value.errors] == [("data/2026/plan.yml", True)]


def test_a_cross_file_check_on_a_field_the_model_lacks_fails_at_once() -> None:
    assert list(_raw({"items": [{"number": 4}]}, Plan, "items", "*", "number")) == [(("items", 0, "number"), 4)]
    with pytest.raises(TypeError, match="Plan has no field items.*.executor.orgs"):
        list(_raw({"items": []}, Plan, "items", "*", "executor", "orgs", "*"))
