"""Load the whole `data/` folder once, validate it completely, and hand out the model.
Nothing is rendered from data that has not passed every check here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vakr.errors import DataError, DataErrors, field_path
from vakr.model import CycleInfo, Organization, Organizations, Plan, Responsible, Schedule
from vakr.validate import parse
from vakr.yamlsource import Source, load

ORGANIZATIONS_FILE = "organizations.yml"
CYCLE_FILE, SCHEDULE_FILE, PLAN_FILE = "cycle.yml", "schedule.yml", "plan.yml"
_CYCLE_DIR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Cycle:
    """One year's ВАКР: its folder name is its id; the schedule and plan appear once approved."""

    year: str
    info: CycleInfo
    schedule: Schedule | None
    plan: Plan | None


@dataclass(frozen=True)
class SiteData:
    organizations: dict[str, Organization]
    cycles: list[Cycle] = field(default_factory=list)  # newest first

    @property
    def current(self) -> Cycle:
        return self.cycles[0]

    def cycle(self, year: str) -> Cycle:
        return next(c for c in self.cycles if c.year == year)


def load_site(data_dir: Path) -> SiteData:
    """Read and check every file; raise DataErrors with all problems found."""
    errors: list[DataError] = []
    organizations = _organizations(data_dir, errors)
    cycles: list[Cycle] = []
    for folder in sorted((p for p in data_dir.iterdir() if p.is_dir() and _CYCLE_DIR.match(p.name)), reverse=True):
        cycle = _cycle(data_dir, folder, organizations, errors)
        if cycle is not None:
            cycles.append(cycle)
    if not cycles and not errors:
        errors.append(DataError(str(data_dir), 1, None, "нет ни одной папки цикла ВАКР (например, data/2026/ с файлом cycle.yml)"))
    if errors:
        raise DataErrors(errors)
    return SiteData(organizations=organizations or {}, cycles=cycles)


def _display(data_dir: Path, path: Path) -> str:
    """The path as the officer knows it: `data/2026/plan.yml`."""
    return f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"


def _read(data_dir: Path, path: Path, model, errors: list[DataError]):  # type: ignore[no-untyped-def]
    """Parse one file; on failure record its errors and return (None, None)."""
    display = _display(data_dir, path)
    try:
        source = load(path, display)
        return parse(source, model, display), source
    except DataError as err:
        errors.append(err)
    except DataErrors as errs:
        errors.extend(errs.errors)
    return None, None


def _organizations(data_dir: Path, errors: list[DataError]) -> dict[str, Organization] | None:
    path = data_dir / ORGANIZATIONS_FILE
    if not path.exists():
        errors.append(DataError(_display(data_dir, path), 1, None, "файл не найден: нужен справочник организаций"))
        return None
    orgs, source = _read(data_dir, path, Organizations, errors)
    if orgs is None:
        return None
    display = _display(data_dir, path)
    by_id: dict[str, Organization] = {}
    for i, org in enumerate(orgs.organizations):
        if org.id in by_id:
            errors.append(DataError(display, source.line_of(("organizations", i, "id")), f"organizations[{i}].id",
                                    f"повторяющийся id «{org.id}»: id организации должен быть уникальным"))
        by_id[org.id] = org
    for i, org in enumerate(orgs.organizations):
        if org.parent is not None and org.parent not in by_id:
            errors.append(DataError(display, source.line_of(("organizations", i, "parent")), f"organizations[{i}].parent",
                                    _unknown_org(org.parent, by_id)))
    return by_id


def _unknown_org(ref: str, known: dict[str, Organization]) -> str:
    return f"неизвестная организация «{ref}»; известны: {', '.join(sorted(known))} (см. data/{ORGANIZATIONS_FILE})"


def _cycle(data_dir: Path, folder: Path, orgs: dict[str, Organization] | None,
           errors: list[DataError]) -> Cycle | None:
    info_path = folder / CYCLE_FILE
    if not info_path.exists():
        errors.append(DataError(_display(data_dir, info_path), 1, None, "файл не найден: у каждого цикла ВАКР должен быть cycle.yml с периодом проведения"))
        return None
    info, _ = _read(data_dir, info_path, CycleInfo, errors)
    schedule = plan = None
    if (folder / SCHEDULE_FILE).exists():
        schedule, source = _read(data_dir, folder / SCHEDULE_FILE, Schedule, errors)
        if schedule is not None:
            items = [(("sections", s, "items", i), item.number)
                     for s, section in enumerate(schedule.sections) for i, item in enumerate(section.items)]
            _check_numbers(items, source, errors)
            _check_refs(_schedule_refs(schedule), source, orgs, errors)
    if (folder / PLAN_FILE).exists():
        plan, source = _read(data_dir, folder / PLAN_FILE, Plan, errors)
        if plan is not None:
            _check_numbers([(("items", i), item.number) for i, item in enumerate(plan.items)], source, errors)
            _check_refs(((("items", i, "executor"), item.executor) for i, item in enumerate(plan.items)),
                        source, orgs, errors)
    if info is None:
        return None
    return Cycle(year=folder.name, info=info, schedule=schedule, plan=plan)


def _schedule_refs(schedule: Schedule) -> Iterator[tuple[tuple[str | int, ...], Responsible]]:
    for s, section in enumerate(schedule.sections):
        for i, item in enumerate(section.items):
            for r, row in enumerate(item.rows):
                yield ("sections", s, "items", i, "rows", r, "responsible"), row.responsible


def _check_numbers(numbered: list[tuple[tuple[str | int, ...], int]], source: Source,
                   errors: list[DataError]) -> None:
    """Item numbers are the public anchors (#item-17): each must be unique."""
    first_seen: dict[int, int] = {}
    for location, number in numbered:
        line = source.line_of((*location, "number"))
        if number in first_seen:
            errors.append(DataError(source.name, line,
                                    _field(location, "number"),
                                    f"номер пункта {number} уже использован в строке {first_seen[number]}; номера должны быть уникальными"))
        else:
            first_seen[number] = line


def _check_refs(refs, source: Source, orgs: dict[str, Organization] | None,  # type: ignore[no-untyped-def]
                errors: list[DataError]) -> None:
    if orgs is None:
        return  # the organizations file itself is broken: that error is already reported
    for location, responsible in refs:
        for k, ref in enumerate(responsible.organizations):
            if ref not in orgs:
                where = (*location, "organizations", k)
                errors.append(DataError(source.name, source.line_of(where),
                                        _field(location, "organizations", k), _unknown_org(ref, orgs)))


def _field(location: tuple[str | int, ...], *more: str | int) -> str:
    return field_path((*location, *more))
