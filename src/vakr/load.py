"""Load the whole `data/` folder once, validate it completely, and hand out the model.
Nothing is rendered from data that has not passed every check here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vakr.errors import DataError, DataErrors, Index, field_path
from vakr.files import ORIGINAL_SUFFIXES, docs_errors, named_file_problem
from vakr.model import (Contacts, CycleInfo, Direction, Directions, EditionHistory, Monitoring, Organization,
                        Organizations, Plan, Publications, RiskMatrix, Risks, Schedule)
from vakr.provenance import quote_problem
from vakr.sourcecache import cached_load, cached_parse
from vakr.statedate import as_of_conflict
from vakr.yamlsource import Source

ORGANIZATIONS_FILE = "organizations.yml"
CYCLE_FILE, SCHEDULE_FILE, PLAN_FILE = "cycle.yml", "schedule.yml", "plan.yml"
DIRECTIONS_FILE, MATRIX_FILE, RISKS_FILE = "directions.yml", "risk-matrix.yml", "risks.yml"
PUBLICATIONS_FILE, CONTACTS_FILE = "publications.yml", "contacts.yml"
MONITORING_FILE = "monitoring.yml"
HISTORY_FILE = "history.yml"
if TYPE_CHECKING:
    from vakr.orgscope import Scope

_CYCLE_DIR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Cycle:
    """One year's ВАКР: its folder name is its id; the schedule and plan appear once approved."""

    year: str
    info: CycleInfo
    schedule: Schedule | None
    plan: Plan | None
    risks: Risks | None = None
    publications: Publications | None = None
    monitoring: Monitoring | None = None  # execution reports and done steps, once recorded
    edition: EditionHistory | None = None  # formal amendments and editorial notes (history.yml)


@dataclass(frozen=True)
class SiteData:
    organizations: dict[str, Organization]
    cycles: list[Cycle] = field(default_factory=list)  # newest first
    directions: dict[str, Direction] = field(default_factory=dict)
    risk_matrix: RiskMatrix | None = None
    contacts: Contacts | None = None
    scope: Scope | None = None  # one subsidiary's site (vakr.orgscope); None: the Company's full site

    @property
    def current(self) -> Cycle:
        return self.cycles[0]

    def cycle(self, year: str) -> Cycle:
        return next(c for c in self.cycles if c.year == year)

    def shows(self, org: Organization) -> bool:
        """The site has a cartogram row and a page for `org`: a subsidiary's site only its own."""
        return self.scope is None or self.scope.org.id == org.id


def load_site(data_dir: Path) -> SiteData:
    """Read and check every file; raise DataErrors with all problems found."""
    errors: list[DataError] = []
    organizations = _organizations(data_dir, errors)
    reference = _Reference(organizations, *_cartogram_reference(data_dir, errors))
    cycles: list[Cycle] = []
    for folder in sorted((p for p in data_dir.iterdir() if p.is_dir() and _CYCLE_DIR.match(p.name)), reverse=True):
        cycle = _cycle(data_dir, folder, reference, errors)
        if cycle is not None:
            cycles.append(cycle)
    if not cycles and not errors:
        errors.append(DataError(str(data_dir), 1, None, "нет ни одной папки цикла ВАКР (например, data/2026/ с файлом cycle.yml)"))
    contacts = _contacts(data_dir, organizations, errors)
    if (data_dir.parent / "docs").is_dir():  # what the site copies as it is: no link out, no fake PDF
        errors.extend(docs_errors(data_dir.parent / "docs"))
    if errors:
        raise DataErrors(errors)
    return SiteData(organizations=organizations or {}, cycles=cycles, contacts=contacts,
                    directions=reference.directions or {}, risk_matrix=reference.matrix)


def _display(data_dir: Path, path: Path) -> str:
    """The path as the officer knows it: `data/2026/plan.yml`."""
    return f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"


def _read(data_dir: Path, path: Path, model, errors: list[DataError]):  # type: ignore[no-untyped-def]
    """Parse one file; on failure record its errors. Returns (model, source): the model is
    None if the file is invalid, the source is None only if it is not readable YAML, so the
    cross-checks can still run on the raw data of a file with other errors."""
    display = _display(data_dir, path)
    try:
        source = cached_load(path, display, within=data_dir)  # parsed again only if changed, under serve
    except DataError as err:
        errors.append(err)
        return None, None
    try:
        return cached_parse(source, model, display), source
    except DataErrors as errs:
        errors.extend(errs.errors)
        return None, source


def _read_optional(data_dir: Path, path: Path, model, errors: list[DataError]):  # type: ignore[no-untyped-def]
    """`_read` for a file a site or cycle may not have yet: (None, None) when it is absent."""
    return _read(data_dir, path, model, errors) if path.exists() else (None, None)


def _organizations(data_dir: Path, errors: list[DataError]) -> dict[str, Organization] | None:
    path = data_dir / ORGANIZATIONS_FILE
    if not path.exists():
        errors.append(DataError(_display(data_dir, path), 1, None, "файл не найден: нужен справочник организаций"))
        return None
    orgs, source = _read(data_dir, path, Organizations, errors)
    if orgs is None:
        return None
    display, before = _display(data_dir, path), len(errors)
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


def _cartogram_reference(data_dir: Path, errors: list[DataError]) -> tuple[dict[str, Direction] | None, RiskMatrix | None]:
    """The directions and the scoring matrix: optional until a cycle publishes risks."""
    directions = None
    parsed, source = _read_optional(data_dir, data_dir / DIRECTIONS_FILE, Directions, errors)
    if parsed is not None:
        directions = {d.id: d for d in parsed.directions}
        _check_unique(_raw(source.data, "directions", "*", "id"), source, errors, str, _unique_id("id направления"))
    matrix, source = _read_optional(data_dir, data_dir / MATRIX_FILE, RiskMatrix, errors)
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


def _cycle(data_dir: Path, folder: Path, reference: _Reference, errors: list[DataError]) -> Cycle | None:
    orgs = reference.organizations
    info_path = folder / CYCLE_FILE
    info = None
    if info_path.exists():
        info, _ = _read(data_dir, info_path, CycleInfo, errors)
    else:  # still check the schedule and the plan, so all their errors come out now too
        errors.append(DataError(_display(data_dir, info_path), 1, None, "файл не найден: у каждого цикла ВАКР должен быть cycle.yml с периодом проведения"))
    schedule = plan = None
    numbers: set[int] | None = set()  # schedule item numbers, None if the schedule is unreadable
    known: dict[str, set[int] | None] = {"plan": None, "schedule": None}  # item numbers read, for monitoring.yml
    if (folder / SCHEDULE_FILE).exists():
        schedule, source = _read(data_dir, folder / SCHEDULE_FILE, Schedule, errors)
        numbers = None
        if source is not None:
            numbers = known["schedule"] = _item_numbers(_raw(source.data, "sections", "*", "items", "*", "number"))
            _check_numbers(_raw(source.data, "sections", "*", "items", "*", "number"), source, errors)
            _check_refs(_raw(source.data, "sections", "*", "items", "*", "rows", "*", "responsible",
                             "organizations", "*"), source, orgs, errors)
    if (folder / PLAN_FILE).exists():
        plan, source = _read(data_dir, folder / PLAN_FILE, Plan, errors)
        if source is not None:
            known["plan"] = _item_numbers(_raw(source.data, "items", "*", "number"))
            _check_numbers(_raw(source.data, "items", "*", "number"), source, errors)
            _check_refs(_raw(source.data, "items", "*", "executor", "organizations", "*"), source, orgs, errors)
    publications, source = _read_optional(data_dir, folder / PUBLICATIONS_FILE, Publications, errors)
    if source is not None:
        _check_publications(data_dir, source, numbers, orgs, errors)
    risks = _risks(data_dir, folder, reference, plan, schedule, errors)
    monitoring = _monitoring(data_dir, folder, known, orgs, errors)
    edition, _ = _read_optional(data_dir, folder / HISTORY_FILE, EditionHistory, errors)
    if info is None:
        return None
    return Cycle(year=folder.name, info=info, schedule=schedule, plan=plan, risks=risks,
                 publications=publications, monitoring=monitoring, edition=edition)


def _risks(data_dir: Path, folder: Path, reference: _Reference, plan: Plan | None, schedule: Schedule | None,
           errors: list[DataError]) -> Risks | None:
    """The cycle's identified risks, checked against the organizations, the directions, the
    scale of the matrix and the items of the same cycle's plan; a description must quote
    the document it names verbatim."""
    risks, source = _read_optional(data_dir, folder / RISKS_FILE, Risks, errors)
    if source is None:
        return None
    for needed, name in ((reference.directions, DIRECTIONS_FILE), (reference.matrix, MATRIX_FILE)):
        if needed is None and not (data_dir / name).exists():
            errors.append(DataError(source.name, 1, None, f"для картограммы нужен файл data/{name}: он не найден"))
    _check_unique(_raw(source.data, "risks", "*", "id"), source, errors, str, _unique_id("id риска"))
    _check_refs(_raw(source.data, "risks", "*", "organizations", "*"), source, reference.organizations, errors)
    if reference.directions is not None:
        for location, ref in _raw(source.data, "risks", "*", "direction"):
            if isinstance(ref, str) and ref not in reference.directions:
                errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                        f"неизвестное направление «{ref}»; известны: {', '.join(reference.directions)} (см. data/{DIRECTIONS_FILE})"))
    if reference.matrix is not None:
        scale = reference.matrix.scale
        for name in ("likelihood", "impact"):
            for location, value in _raw(source.data, "risks", "*", name):
                if isinstance(value, int) and not isinstance(value, bool) and not 1 <= value <= scale:
                    errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                            f"оценка {value} вне шкалы: ожидалось целое число от 1 до {scale} (см. data/{MATRIX_FILE})"))
    if plan is None and not (folder / PLAN_FILE).exists():
        errors.append(DataError(source.name, 1, None, "риски ссылаются на пункты плана мероприятий, но plan.yml этого цикла нет"))
    elif plan is not None:
        numbers = {item.number for item in plan.items}
        for location, ref in _raw(source.data, "risks", "*", "plan_items", "*"):
            if isinstance(ref, int) and not isinstance(ref, bool) and ref not in numbers:
                errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                        f"в плане мероприятий нет пункта {ref}; есть пункты {min(numbers)}–{max(numbers)}"))
    for i, risk in enumerate(risks.risks if risks else []):
        problem = quote_problem(risk.description, risk.source, plan, schedule) if risk.description and risk.source else None
        if problem is not None:
            location = ("risks", Index(i), "description")
            errors.append(DataError(source.name, source.line_of(location), field_path(location), problem))
    return risks


def _monitoring(data_dir: Path, folder: Path, known: dict[str, set[int] | None],
                orgs: dict[str, Organization] | None, errors: list[DataError]) -> Monitoring | None:
    """The officers' monitoring file; each item number it names must exist in the plan or
    the schedule of the same cycle (`known`: their numbers as read raw, so a broken plan
    still gets these checks; None where the file is absent or unreadable)."""
    monitoring, source = _read_optional(data_dir, folder / MONITORING_FILE, Monitoring, errors)
    if source is None:
        return monitoring
    hidden = as_of_conflict(monitoring, folder.name) if monitoring is not None else None
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
                                        f"в {what} ({folder.name}/{data_file}) нет пункта {number}; {listed}"))
    plan = source.data.get("plan") if isinstance(source.data, dict) else None
    for number, reports in (plan.items() if isinstance(plan, dict) else ()):
        _check_refs(_raw(reports, "*", "organization", at=("plan", number)), source, orgs, errors)
    return monitoring


def _item_numbers(values: Iterable[tuple[Location, Any]]) -> set[int]:
    return {n for _, n in values if isinstance(n, int) and not isinstance(n, bool)}


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
                yield from _raw(child, *rest, at=(*at, Index(i)))
    elif isinstance(node, dict) and head in node:
        yield from _raw(node[head], *rest, at=(*at, head))


def _check_numbers(numbers: Iterable[tuple[Location, Any]], source: Source, errors: list[DataError]) -> None:
    """Item numbers are the public anchors (#item-17): each must be unique."""
    _check_unique(numbers, source, errors, int, lambda n, line: (
        f"номер пункта {n} уже использован в строке {line}; номера должны быть уникальными"))


def _check_unique(values: Iterable[tuple[Location, Any]], source: Source, errors: list[DataError],
                  kind: type, message: Callable[[Any, int], str]) -> None:
    """Report every repeat of a value of `kind` with the line of its first use; values of
    another type are left to validation."""
    first_seen: dict[Any, int] = {}
    for location, value in values:
        if not isinstance(value, kind) or isinstance(value, bool):
            continue
        line = source.line_of(location)
        if value in first_seen:
            errors.append(DataError(source.name, line, field_path(location), message(value, first_seen[value])))
        else:
            first_seen[value] = line


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


def _contacts(data_dir: Path, orgs: dict[str, Organization] | None, errors: list[DataError]) -> Contacts | None:
    contacts, source = _read_optional(data_dir, data_dir / CONTACTS_FILE, Contacts, errors)
    if source is not None:
        _check_refs(_raw(source.data, "service"), source, orgs, errors)
    return contacts


def _check_publications(data_dir: Path, source: Source, numbers: set[int] | None,
                        orgs: dict[str, Organization] | None, errors: list[DataError]) -> None:
    """The items named must exist in the schedule (unless the schedule itself is unreadable),
    the ids be unique, the report file exist."""
    refs = [*_raw(source.data, "announcements", "*", "schedule_item"), *_raw(source.data, "announcements", "*", "about_item"),
            *(found for part in ("schedule", "plan", "cartogram", "discussion", "report", "positions")
               for found in _raw(source.data, part, "schedule_item"))]
    for location, number in refs if numbers is not None else []:
        if isinstance(number, int) and not isinstance(number, bool) and number not in numbers:
            known = ", ".join(map(str, sorted(numbers))) or "план-график этого цикла ещё не внесён (schedule.yml)"
            errors.append(DataError(source.name, source.line_of(location), field_path(location),
                                    f"в плане-графике нет пункта {number}; есть пункты: {known}"))
    _check_unique(_raw(source.data, "announcements", "*", "id"), source, errors, str, lambda ident, line: (
        f"id «{ident}» уже использован в строке {line}: у каждого объявления свой адрес"))
    files = [(found, (".pdf",)) for found in _raw(source.data, "report", "file")]
    files += [(found, ORIGINAL_SUFFIXES) for found in _original_files(source.data)]
    for (location, file), suffixes in files:
        problem = named_file_problem(data_dir.parent / "docs", file, suffixes) if isinstance(file, str) else None
        if problem is not None:
            errors.append(DataError(source.name, source.line_of(location), field_path(location), problem))
    _check_refs(_raw(source.data, "positions", "items", "*", "organization"), source, orgs, errors)


def _original_files(data: Any) -> Iterator[tuple[Location, Any]]:
    """Every `originals[].file` of publications.yml, in whichever document it is given."""
    for part in ("schedule", "plan", "cartogram", "discussion", "report", "positions"):
        yield from _raw(data, part, "originals", "*", "file")
    yield from _raw(data, "announcements", "*", "originals", "*", "file")
