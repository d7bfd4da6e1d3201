"""Publish the JSON Schema of every data file, generated from the model, so an editor (VS
Code's YAML extension reads the `# yaml-language-server: $schema=…` line at the top of each
file) completes and checks fields while the officer types."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from vakr.domain.model import (Contacts, CycleInfo, Directions, EditionHistory, Monitoring, Organizations, Plan, Publications,
                               RiskMatrix, Risks, Schedule)

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "organizations": (Organizations, "Справочник организаций (data/organizations.yml)"),
    "cycle": (CycleInfo, "Сведения о цикле ВАКР (data/<год>/cycle.yml)"),
    "schedule": (Schedule, "План-график работ ВАКР (data/<год>/schedule.yml)"),
    "plan": (Plan, "План мероприятий по итогам ВАКР (data/<год>/plan.yml)"),
    "directions": (Directions, "Направления выявления коррупционных рисков (data/directions.yml)"),
    "risk-matrix": (RiskMatrix, "Матрица оценки коррупционных рисков (data/risk-matrix.yml)"),
    "risks": (Risks, "Перечень коррупционных рисков цикла (data/<год>/risks.yml)"),
    "publications": (Publications, "Публикации ВАКР: объявления, обсуждение, справка, перечень должностей (data/<год>/publications.yml)"),
    "contacts": (Contacts, "Контакты антикоррупционной комплаенс-службы (data/contacts.yml)"),
    "monitoring": (Monitoring, "Мониторинг исполнения ВАКР (data/<год>/monitoring.yml)"),
    "history": (EditionHistory, "История редакций: приказы об изменениях и редакционные отметки (data/<год>/history.yml)"),
}


def schema_text(name: str) -> str:
    model, title = SCHEMAS[name]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema(), "title": title}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write(Path(sys.argv[1] if len(sys.argv) > 1 else "schema")):
        print(written)
