"""Load the whole data tree once, validate it completely, and hand out the model. The tree
is read through a `DataSource` (a folder today; a git revision or a filtered selection
tomorrow): this module touches no file itself. Nothing is rendered from data that has not
passed every check here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from vakr.domain.errors import DataError, DataErrors, Index, field_path
from vakr.domain.model import (Contacts, CycleInfo, Direction, Directions, EditionHistory, Monitoring, Organization,
                               Organizations, Plan, Publications, Report, RiskMatrix, Risks, Schedule)
from vakr.domain.site import Cycle, SiteData
from vakr.ingest.files import ORIGINAL_SUFFIXES
from vakr.ingest.provenance import quote_problem
from vakr.ingest.signedtext import signed_text_problems
from vakr.ingest.source import DataSource, Folder
from vakr.domain.statedate import Dated, as_of_conflict, publication_entries
from vakr.ingest.sourcecache import cached_parse
from vakr.ingest.validate import models_in
from vakr.ingest.yamlsource import Source

ORGANIZATIONS_FILE = "organizations.yml"
CYCLE_FILE, SCHEDULE_FILE, PLAN_FILE = "cycle.yml", "schedule.yml", "plan.yml"
DIRECTIONS_FILE, MATRIX_FILE, RISKS_FILE = "directions.yml", "risk-matrix.yml", "risks.yml"
PUBLICATIONS_FILE, CONTACTS_FILE = "publications.yml", "contacts.yml"
MONITORING_FILE = "monitoring.yml"
HISTORY_FILE = "history.yml"


def load_site(source: DataSource | Path) -> SiteData:
    """Read and check every file of `source` (a path: that data folder); raise DataErrors
    with all problems found."""
    data = Folder(source) if isinstance(source, Path) else source
    errors: list[DataError] = []
    organizations = _organizations(data, errors)
    reference = _Reference(organizations, *_cartogram_reference(data, errors))
    cycles: list[Cycle] = []
    for year in sorted(data.cycle_years(), reverse=True):
        cycle = _cycle(data, year, reference, errors)
        if cycle is not None:
            cycles.append(cycle)
    if not cycles and not errors:
        errors.append(DataError(data.location, 1, None, "нет ни одной папки цикла ВАКР (например, data/2026/ с файлом cycle.yml)"))
    contacts = _contacts(data, organizations, errors)
    errors.extend(data.docs_errors())  # what the site copies as it is: no link out, no fake PDF
    if errors:
        raise DataErrors(errors)
    return SiteData(organizations=organizations or {}, cycles=cycles, contacts=contacts,
                    directions=reference.directions or {}, risk_matrix=reference.matrix)


def _read(data: DataSource, path: str, model, errors: list[DataError]):  # type: ignore[no-untyped-def]
    """Parse one file; on failure record its errors. Returns (model, source): the model is
    None if the file is invalid, the source is None only if it is not readable YAML, so the
    cross-checks can still run on the raw data of a file with other errors."""
    display = data.display(path)
    try:
        source = data.read(path)
    except DataError as err:
        errors.append(err)
        return None, None
    try:
        return cached_parse(source, model, display), source
    except DataErrors as errs:
        errors.extend(errs.errors)
        return None, source


def _read_optional(data: DataSource, path: str, model, errors: list[DataError]):  # type: ignore[no-untyped-def]
    """`_read` for a file a site or cycle may not have yet: (None, None) when it is absent."""
    return _read(data, path, model, errors) if data.exists(path) else (None, None)


def _organizations(data: DataSource, errors: list[DataError]) -> dict[str, Organization] | None:
    path = ORGANIZATIONS_FILE
    if not data.exists(path):
        errors.append(DataError(data.display(path), 1, None, "файл не найден: нужен справочник организаций"))
        return None
    orgs, source = _read(data, path, Organizations, errors)
    if orgs is None:
        return None
    display, before = data.display(path), len(errors)
    by_id: dict[str, Organization] = {}
    for i, org in enumerate(orgs.organizations):
        if org.id in by_id:
            location = ("organizations", Index(i), "id")
            errors.append(DataError(display, source.line_of(location), field_path(location),
                                    f"повторяющийся id «{org.id}»: id организации должен быть уникальным"))
        by_id[org.id] = org
    for i, org in enumerate(orgs.organizations):
        if org.parent is not None and org.parent not in by_id:
            location = ("organizations", Index(i), "parent")
            errors.append(DataError(display, source.line_of(location), field_path(location),
                                    _unknown_org(org.parent, by_id)))
    # A broken list is the root cause: references to it are not checked, so its one error is not
    # buried under «unknown organization» for every place that names the lost or doubled id.
    return by_id if len(errors) == before else None


def _unknown_org(ref: str, known: dict[str, Organization]) -> str:
    return f"неизвестная организация «{ref}»; известны: {', '.join(sorted(known))} (см. data/{ORGANIZATIONS_FILE})"


@dataclass(frozen=True)
class _Reference:
    """The site-wide lists that cycle files refer to; None where that file is broken."""

    organizations: dict[str, Organization] | None
    directions: dict[str, Direction] | None
    matrix: RiskMatrix | None


def _cartogram_reference(data: DataSource, errors: list[DataError]) -> tuple[dict[str, Direction] | None, RiskMatrix | None]:
    """The directions and the scoring matrix: optional until a cycle publishes risks."""
    directions = None
    parsed, source = _read_optional(data, DIRECTIONS_FILE, Directions, errors)
    if parsed is not None:
        directions = {d.id: d for d in parsed.directions}
        _check_unique(_raw(source.data, Directions, "directions", "*", "id"), source, errors, str,
                      _unique_id("id направления"))
    matrix, source = _read_optional(data, MATRIX_FILE, RiskMatrix, errors)
    if matrix is not None and not _matrix_is_square(matrix, source, errors):
        matrix = None
    return directions, matrix


def _matrix_is_square(matrix: RiskMatrix, source: Source, errors: list[DataError]) -> bool:
    """Every likelihood 1…N has a row of N known levels (impact 1…N)."""
    size, known, before = len(matrix.grid), [level.id for level in matrix.levels], len(errors)
    if sorted(matrix.grid) != list(range(1, size + 1)):
        errors.append(DataError(source.name, source.line_of(("grid",)), "grid",
                                f"ключи grid должны быть вероятностями от 1 до {size} без пропусков, указаны: "
                                f"{', '.join(map(str, sorted(matrix.grid)))}"))
    for likelihood, row in matrix.grid.items():
        location = ("grid", likelihood)
        if len(row) != size:
            errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                    f"в строке grid {likelihood} должно быть {size} уровней (влияние от 1 до {size}), указано {len(row)}"))
        unknown = [level for level in row if level not in known]
        if unknown:
            errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                    f"неизвестные уровни в grid: {', '.join(unknown)}; известны: {', '.join(known)}"))
    return len(errors) == before


def _cycle(data: DataSource, year: str, reference: _Reference, errors: list[DataError]) -> Cycle | None:
    orgs = reference.organizations
    info_path = f"{year}/{CYCLE_FILE}"
    info = None
    if data.exists(info_path):
        info, _ = _read(data, info_path, CycleInfo, errors)
    else:  # still check the schedule and the plan, so all their errors come out now too
        errors.append(DataError(data.display(info_path), 1, None, "файл не найден: у каждого цикла ВАКР должен быть cycle.yml с периодом проведения"))
    schedule = plan = None
    numbers: set[int] | None = set()  # schedule item numbers, None if the schedule is unreadable
    known: dict[str, set[int] | None] = {"plan": None, "schedule": None}  # item numbers read, for monitoring.yml
    if data.exists(f"{year}/{SCHEDULE_FILE}"):
        schedule, source = _read(data, f"{year}/{SCHEDULE_FILE}", Schedule, errors)
        numbers = None
        if source is not None:
            item_numbers = _raw(source.data, Schedule, "sections", "*", "items", "*", "number")
            numbers = known["schedule"] = _item_numbers(item_numbers)
            _check_numbers(_raw(source.data, Schedule, "sections", "*", "items", "*", "number"), source, errors)
            _check_refs(_raw(source.data, Schedule, "sections", "*", "items", "*", "rows", "*", "responsible",
                             "organizations", "*"), source, orgs, errors)
    if data.exists(f"{year}/{PLAN_FILE}"):
        plan, source = _read(data, f"{year}/{PLAN_FILE}", Plan, errors)
        if source is not None:
            known["plan"] = _item_numbers(_raw(source.data, Plan, "items", "*", "number"))
            _check_numbers(_raw(source.data, Plan, "items", "*", "number"), source, errors)
            _check_refs(_raw(source.data, Plan, "items", "*", "executor", "organizations", "*"), source, orgs, errors)
    publications, source = _read_optional(data, f"{year}/{PUBLICATIONS_FILE}", Publications, errors)
    if source is not None:
        before = len(errors)
        _check_publications(data, source, numbers, orgs, errors)
        if publications is not None and len(errors) == before:  # the files it names are there
            for location, problem in signed_text_problems(publications, plan, schedule, data.text_layer):
                errors.append(DataError(source.name, source.line_of(location), field_path(location), problem))
    risks = _risks(data, year, reference, plan, schedule, errors)
    published = list(publication_entries(publications, risks, year))
    monitoring = _monitoring(data, year, known, orgs, errors, published)
    edition, _ = _read_optional(data, f"{year}/{HISTORY_FILE}", EditionHistory, errors)
    if info is None:
        return None
    return Cycle(year=year, info=info, schedule=schedule, plan=plan, risks=risks,
                 publications=publications, monitoring=monitoring, edition=edition)


def _risks(data: DataSource, year: str, reference: _Reference, plan: Plan | None, schedule: Schedule | None,
           errors: list[DataError]) -> Risks | None:
    """The cycle's identified risks, checked against the organizations, the directions, the
    scale of the matrix and the items of the same cycle's plan; a description must quote
    the document it names verbatim."""
    risks, source = _read_optional(data, f"{year}/{RISKS_FILE}", Risks, errors)
    if source is None:
        return None
    for needed, name in ((reference.directions, DIRECTIONS_FILE), (reference.matrix, MATRIX_FILE)):
        if needed is None and not data.exists(name):
            errors.append(DataError(source.name, 1, None, f"для картограммы нужен файл data/{name}: он не найден"))
    _check_unique(_raw(source.data, Risks, "risks", "*", "id"), source, errors, str, _unique_id("id риска"))
    _check_refs(_raw(source.data, Risks, "risks", "*", "organizations", "*"), source, reference.organizations, errors)
    if reference.directions is not None:
        for location, ref in _raw(source.data, Risks, "risks", "*", "direction"):
            if isinstance(ref, str) and ref not in reference.directions:
                errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                        f"неизвестное направление «{ref}»; известны: {', '.join(reference.directions)} (см. data/{DIRECTIONS_FILE})"))
    if reference.matrix is not None:
        scale = reference.matrix.scale
        for name in ("likelihood", "impact"):
            for location, value in _raw(source.data, Risks, "risks", "*", name):
                if isinstance(value, int) and not isinstance(value, bool) and not 1 <= value <= scale:
                    errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                            f"оценка {value} вне шкалы: ожидалось целое число от 1 до {scale} (см. data/{MATRIX_FILE})"))
    if plan is None and not data.exists(f"{year}/{PLAN_FILE}"):
        errors.append(DataError(source.name, 1, None, "риски ссылаются на пункты плана мероприятий, но plan.yml этого цикла нет"))
    elif plan is not None:
        numbers = {item.number for item in plan.items}
        for location, ref in _raw(source.data, Risks, "risks", "*", "plan_items", "*"):
            if isinstance(ref, int) and not isinstance(ref, bool) and ref not in numbers:
                errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                        f"в плане мероприятий нет пункта {ref}; есть пункты {min(numbers)}–{max(numbers)}"))
    for i, risk in enumerate(risks.risks if risks else []):
        problem = quote_problem(risk.description, risk.source, plan, schedule) if risk.description and risk.source else None
        if problem is not None:
            location = ("risks", Index(i), "description")
            errors.append(DataError(source.name, source.line_of(location), field_path(location), problem))
    return risks


def _monitoring(data: DataSource, year: str, known: dict[str, set[int] | None],
                orgs: dict[str, Organization] | None, errors: list[DataError],
                published: list[Dated]) -> Monitoring | None:
    """The officers' monitoring file; each item number it names must exist in the plan or
    the schedule of the same cycle (`known`: their numbers as read raw, so a broken plan
    still gets these checks; None where the file is absent or unreadable); its `as_of:`
    must not come before a report of its own or a dated publication of the cycle (`published`)."""
    monitoring, source = _read_optional(data, f"{year}/{MONITORING_FILE}", Monitoring, errors)
    if source is None:
        return monitoring
    hidden = as_of_conflict(monitoring, year, published) if monitoring is not None else None
    if hidden is not None:
        errors.append(DataError(source.name, source.line_of(("as_of",)), "as_of", hidden))
    for key, data_file in (("plan", PLAN_FILE), ("schedule", SCHEDULE_FILE)):
        numbers = known[key]
        section = source.data.get(key) if isinstance(source.data, dict) else None
        if numbers is None or not isinstance(section, dict):
            continue
        for number in section:
            if isinstance(number, int) and number not in numbers:
                what = "плана мероприятий" if key == "plan" else "плана-графика"
                listed = f"есть пункты {min(numbers)}–{max(numbers)}" if numbers else "в нём нет пунктов"
                errors.append(DataError(source.name, source.line_of((key, number)), field_path((key, number)),
                                        f"в {what} ({year}/{data_file}) нет пункта {number}; {listed}"))
    plan = source.data.get("plan") if isinstance(source.data, dict) else None
    for number, reports in (plan.items() if isinstance(plan, dict) else ()):
        _check_refs(_raw(reports, Report, "*", "organization", at=("plan", number)), source, orgs, errors)
    return monitoring


def _item_numbers(values: Iterable[tuple[Location, Any]]) -> set[int]:
    return {n for _, n in values if isinstance(n, int) and not isinstance(n, bool)}


Location = tuple[str | int, ...]


def _raw(node: Any, model: type[BaseModel], *pattern: str, at: Location = ()) -> list[tuple[Location, Any]]:
    """(location, value) of every value at `pattern` in the raw YAML data of a `model`, "*"
    meaning each list element. Working on the raw data lets these checks run even when the
    file has other errors; the pattern is checked against the model first, so a field renamed
    in the model fails every load at once instead of leaving a check with nothing to check."""
    _check_pattern(model, pattern)
    return _walk(node, pattern, at)


@cache
def _check_pattern(model: type[BaseModel], pattern: tuple[str, ...]) -> None:
    current = [model]
    for i, part in enumerate(pattern):
        if part == "*":
            continue
        fields = [c.model_fields[part] for c in current if part in c.model_fields]
        if not fields:
            raise TypeError(f"{model.__name__} has no field {'.'.join(pattern[:i + 1])}: a cross-file check is stale")
        current = [m for f in fields for m in models_in(f.annotation)]


def _walk(node: Any, pattern: tuple[str, ...], at: Location) -> list[tuple[Location, Any]]:
    """The values of `_raw`, in document order; parts of the wrong shape are skipped: validation
    reports those. Level by level, not recursively: at 50× the data a recursive generator per
    value was a third of reloading the data after a save."""
    found: list[tuple[Location, Any]] = [(at, node)]
    for head in pattern:
        if head == "*":
            found = [((*location, Index(i)), child) for location, value in found if isinstance(value, list)
                     for i, child in enumerate(value)]
        else:
            found = [((*location, head), value[head]) for location, value in found
                     if isinstance(value, dict) and head in value]
    return found


def _check_numbers(numbers: Iterable[tuple[Location, Any]], source: Source, errors: list[DataError]) -> None:
    """Item numbers are the public anchors (#item-17): each must be unique."""
    _check_unique(numbers, source, errors, int, lambda n, line: (
        f"номер пункта {n} уже использован в строке {line}; номера должны быть уникальными"))


def _check_unique(values: Iterable[tuple[Location, Any]], source: Source, errors: list[DataError],
                  kind: type, message: Callable[[Any, int], str]) -> None:
    """Report every repeat of a value of `kind` with the line of its first use; values of
    another type are left to validation."""
    first_seen: dict[Any, Location] = {}
    for location, value in values:
        if not isinstance(value, kind) or isinstance(value, bool):
            continue
        if value in first_seen:
            errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                    message(value, source.line_of(first_seen[value]))))
        else:
            first_seen[value] = location


def _unique_id(what: str) -> Callable[[Any, int], str]:
    return lambda value, line: f"{what} «{value}» уже использован в строке {line}; он должен быть уникальным"


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


# --- publications -----------------------------------------------------------------------


def _contacts(data: DataSource, orgs: dict[str, Organization] | None, errors: list[DataError]) -> Contacts | None:
    contacts, source = _read_optional(data, CONTACTS_FILE, Contacts, errors)
    if source is not None:
        _check_refs(_raw(source.data, Contacts, "service"), source, orgs, errors)
    return contacts


def _check_publications(data: DataSource, source: Source, numbers: set[int] | None,
                        orgs: dict[str, Organization] | None, errors: list[DataError]) -> None:
    """The items named must exist in the schedule (unless the schedule itself is unreadable),
    the ids be unique, the report file exist."""
    refs = [*_raw(source.data, Publications, "announcements", "*", "schedule_item"),
            *_raw(source.data, Publications, "announcements", "*", "about_item"),
            *(found for part in ("schedule", "plan", "cartogram", "discussion", "report", "positions")
               for found in _raw(source.data, Publications, part, "schedule_item"))]
    for location, number in refs if numbers is not None else []:
        if isinstance(number, int) and not isinstance(number, bool) and number not in numbers:
            known = ", ".join(map(str, sorted(numbers))) or "план-график этого цикла ещё не внесён (schedule.yml)"
            errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                    f"в плане-графике нет пункта {number}; есть пункты: {known}"))
    _check_unique(_raw(source.data, Publications, "announcements", "*", "id"), source, errors, str, lambda ident, line: (
        f"id «{ident}» уже использован в строке {line}: у каждого объявления свой адрес"))
    files = [(found, (".pdf",)) for found in _raw(source.data, Publications, "report", "file")]
    files += [(found, ORIGINAL_SUFFIXES) for found in _original_files(source.data)]
    for (location, file), suffixes in files:
        problem = data.file_problem(file, suffixes) if isinstance(file, str) else None
        if problem is not None:
            errors.append(DataError(source.name, source.line_of(location), field_path(location), problem))
    _check_refs(_raw(source.data, Publications, "positions", "items", "*", "organization"), source, orgs, errors)


def _original_files(data: Any) -> Iterator[tuple[Location, Any]]:
    """Every `originals[].file` of publications.yml, in whichever document it is given."""
    for part in ("schedule", "plan", "cartogram", "discussion", "report", "positions"):
        yield from _raw(data, Publications, part, "originals", "*", "file")
    yield from _raw(data, Publications, "announcements", "*", "originals", "*", "file")
