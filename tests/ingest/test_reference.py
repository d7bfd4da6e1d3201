"""README's reference of the data files is generated from the data model
(`vakr.ingest.reference`): it fails here as soon as a field is added, renamed or re-described
without `make schema`, and every field must carry a meaning."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from vakr.domain.model import Text
from vakr.ingest.reference import reference, replaced, rows
from vakr.ingest.schema import SCHEMAS

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_reference_is_up_to_date() -> None:
    text = README.read_text(encoding="utf-8")
    assert replaced(text) == text, "README's «Справочник полей» is out of date: run `make schema`"


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_field_of_every_file_is_in_the_reference(name: str) -> None:
    model = SCHEMAS[name][0]
    paths = {row.path for row in rows(model)}
    assert set(model.model_fields) <= paths
    section = reference().split(f"schema/{name}.schema.json")[1].split("####")[0]
    for path in paths:
        assert f"| `{path}` |" in section


def test_texts_say_they_need_ru_and_show_an_example() -> None:
    by_path = {row.path: row for row in rows(SCHEMAS["contacts"][0])}
    assert by_path["hours"].langs.startswith("ru: обязательно")
    assert "ru:" in by_path["hours"].example and by_path["phone"].example == "`+7 727 000 00 00`"
    positions = {row.path: row for row in rows(SCHEMAS["publications"][0])}
    assert {"positions.items[].unit", "positions.items[].title", "positions.items[].organization"} <= set(positions)


def test_a_field_without_a_meaning_is_refused() -> None:
    class Undocumented(BaseModel):
        name: Text

    with pytest.raises(ValueError, match="Undocumented.name"):
        list(rows(Undocumented))
