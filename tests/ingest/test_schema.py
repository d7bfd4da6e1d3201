"""The published JSON Schemas are the model's own, and they accept the real data files (so
an editor using them shows no false errors) and reject what the build rejects."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from vakr.ingest.schema import SCHEMAS, schema_text
from vakr.ingest.yamlsource import load

ROOT = Path(__file__).resolve().parents[2]


def data_files(name: str) -> list[Path]:
    """The files a schema describes: `data/<name>.yml` or `data/<year>/<name>.yml`."""
    return sorted([*ROOT.glob(f"data/{name}.yml"), *ROOT.glob(f"data/[0-9]*/{name}.yml")])


@pytest.mark.parametrize("name", SCHEMAS)
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), "run `make schema` and commit schema/"


@pytest.mark.parametrize("name", SCHEMAS)
def test_data_files_point_to_their_schema_and_pass_it(name: str) -> None:
    schema = json.loads(schema_text(name))
    assert data_files(name)
    for path in data_files(name):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(f"schema/{name}.schema.json")
        assert (path.parent / first.split("=", 1)[1]).resolve() == ROOT / "schema" / f"{name}.schema.json"
        jsonschema.validate(load(path).data, schema)


def test_schema_rejects_unknown_keys_and_bad_dates() -> None:
    schema = json.loads(schema_text("cycle"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load("period: {start: 13.04.2026, end: 26.05.2026}\nextra: 1"), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"period": {"start": "13/04/2026", "end": "26.05.2026"}}, schema)
