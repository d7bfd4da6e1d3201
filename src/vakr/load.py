"""Load the whole `data/` folder once, validate it completely, and hand out the model.
Nothing is rendered from data that has not passed every check here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vakr.errors import DataError, DataErrors, field_path
from vakr.model import CycleInfo, Monitoring, Organization, Organizations, Plan, Schedule
from vakr.validate import parse
from vakr.yamlsource import Source, load

ORGANIZATIONS_FILE = "organizations.yml"
CYCLE_FILE, SCHEDULE_FILE, PLAN_FILE = "cycle.yml", "schedule.yml", "plan.yml"
MONITORING_FILE = "monitoring.yml"
_CYCLE_DIR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Cycle:
    """One year's ВАКР: its folder name is its id; the schedule and plan appear once approved."""

    year: str
    info: CycleInfo
    schedule: Schedule | None
    plan: Plan | None
    monitoring: Monitoring | None = None  # execution reports and done steps, once recorded


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
    """Parse one file; on failure record its errors. Returns (model, source): the model is
    None if the file is invalid, the source is None only if it is not readable YAML, so the
    cross-checks can still run on the raw data of a file with other errors."""
    display = _display(data_dir, path)
    try:
        source = load(path, display)
    except DataError as err:
        errors.append(err)
        return None, None
    try:
        return parse(source, model, display), source
    except DataErrors as errs:
        errors.extend(errs.errors)
        return None, source


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
    info = None
    if info_path.exists():
        info, _ = _read(data_dir, info_path, CycleInfo, errors)
    else:  # still check the schedule and the plan, so all their errors come out now too
        errors.append(DataError(_display(data_dir, info_path), 1, None, "файл не найден: у каждого цикла ВАКР должен быть cycle.yml с периодом проведения"))
    schedule = plan = None
    if (folder / SCHEDULE_FILE).exists():
        schedule, source = _read(data_dir, folder / SCHEDULE_FILE, Schedule, errors)
        if source is not None:
            _check_numbers(_raw(source.data, "sections", "*", "items", "*", "number"), source, errors)
            _check_refs(_raw(source.data, "sections", "*", "items", "*", "rows", "*", "responsible",
                             "organizations", "*"), source, orgs, errors)
    if (folder / PLAN_FILE).exists():
        plan, source = _read(data_dir, folder / PLAN_FILE, Plan, errors)
        if source is not None:
            _check_numbers(_raw(source.data, "items", "*", "number"), source, errors)
            _check_refs(_raw(source.data, "items", "*", "executor", "organizations", "*"), source, orgs, errors)
    monitoring = _monitoring(data_dir, folder, errors)
    if info is None:
        return None
    return Cycle(year=folder.name, info=info, schedule=schedule, plan=plan, monitoring=monitoring)


def _monitoring(data_dir: Path, folder: Path, errors: list[DataError]) -> Monitoring | None:
    """The officers' monitoring file; each item number it names must exist in the plan or
    the schedule of the same cycle (read raw, so a broken plan still gets these checks)."""
    path = folder / MONITORING_FILE
    if not path.exists():
        return None
    monitoring, source = _read(data_dir, path, Monitoring, errors)
    if source is None:
        return monitoring
    for key, data_file, pattern in (("plan", PLAN_FILE, ("items", "*", "number")),
                                    ("schedule", SCHEDULE_FILE, ("sections", "*", "items", "*", "number"))):
        known = _known_numbers(folder / data_file, pattern)
        section = source.data.get(key) if isinstance(source.data, dict) else None
        if known is None or not isinstance(section, dict):
            continue
        for number in section:
            if isinstance(number, int) and number not in known:
                what = "плана мероприятий" if key == "plan" else "плана-графика"
                listed = f"есть пункты {min(known)}–{max(known)}" if known else "в нём нет пунктов"
                errors.append(DataError(source.name, source.line_of((key, number)), field_path((key, number)),
                                        f"в {what} ({folder.name}/{data_file}) нет пункта {number}; {listed}"))
    return monitoring


def _known_numbers(path: Path, pattern: tuple[str, ...]) -> set[int] | None:
    """Item numbers of a plan or schedule file, or None if it is absent or unreadable (its
    own errors are reported where it is read)."""
    if not path.exists():
        return None
    try:
        source = load(path)
    except DataError:
        return None
    return {n for _, n in _raw(source.data, *pattern) if isinstance(n, int) and not isinstance(n, bool)}


Location = tuple[str | int, ...]


def _raw(node: Any, *pattern: str, at: Location = ()) -> Iterator[tuple[Location, Any]]:
    """(location, value) of every value at `pattern` in the raw YAML data, "*" meaning each
    list element. Parts of the wrong shape are skipped: validation reports those. Working on
    the raw data lets these checks run even when the file has other errors."""
    if not pattern:
        yield at, node
        return
    head, *rest = pattern
    if head == "*":
        if isinstance(node, list):
            for i, child in enumerate(node):
                yield from _raw(child, *rest, at=(*at, i))
    elif isinstance(node, dict) and head in node:
        yield from _raw(node[head], *rest, at=(*at, head))


def _check_numbers(numbers: Iterable[tuple[Location, Any]], source: Source, errors: list[DataError]) -> None:
    """Item numbers are the public anchors (#item-17): each must be unique."""
    first_seen: dict[int, int] = {}
    for location, number in numbers:
        if not isinstance(number, int) or isinstance(number, bool):
            continue  # not a number: validation reports it
        line = source.line_of(location)
        if number in first_seen:
            errors.append(DataError(source.name, line, field_path(location),
                                    f"номер пункта {number} уже использован в строке {first_seen[number]}; номера должны быть уникальными"))
        else:
            first_seen[number] = line


def _check_refs(refs: Iterable[tuple[Location, Any]], source: Source, orgs: dict[str, Organization] | None,
                errors: list[DataError]) -> None:
    if orgs is None:
        return  # the organizations file itself is broken: that error is already reported
    reported: set[tuple[int, str]] = set()
    for location, ref in refs:
        if not isinstance(ref, str) or ref in orgs:
            continue
        line = source.line_of(location)
        if (line, ref) in reported:
            continue  # one list reused through a YAML anchor (&id001 / *id001): report it once
        reported.add((line, ref))
        errors.append(DataError(source.name, line, field_path(location), _unknown_org(ref, orgs)))
