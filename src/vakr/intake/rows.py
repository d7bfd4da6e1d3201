"""Check each row of a returned form and turn it into a report on a plan item, or say in
Russian why it is refused. Nothing here writes: `store` merges only a fully valid import."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vakr.domain.errors import DataError
from vakr.intake.layout import (APPROVED, COLUMNS, KEYS, META, WHOLE_PLAN, approved_cells, meta_label,
                                normalize, status_choices)
from vakr.intake.sheet import Cell, Table
from vakr.domain.site import SiteData
from vakr.domain.model import Plan, PlanItem, Report

_DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$")
# A document on this site (docs/…) or on the web becomes a link; any other text is an order.
_LINK = re.compile(r"^(https?://\S+|[A-Za-z0-9_][A-Za-z0-9_\-./]*/[A-Za-z0-9_\-.]+\.[A-Za-z0-9]+)$")
# A file name without its folder («prikaz-45.pdf»): looked for in docs/documents/<year>/ (README's
# convention), never taken for an order's text.
_BARE_FILE = re.compile(r"^[^\s/\\]+\.[A-Za-z][A-Za-z0-9]{1,4}$")
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\-.]*$")
DOCUMENTS = "documents"  # the folder under docs/ where cited documents are put, one folder a year
_FILL = tuple(c.key for c in COLUMNS if not c.locked)


@dataclass(frozen=True)
class Refusal:
    file: str
    row: int
    item: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}, строка {self.row}" + (f", пункт {self.item}" if self.item is not None else "")
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Incoming:
    """One valid report read from a row, with where it came from."""

    file: str
    row: int
    item: int
    report: dict[str, Any]  # as it is written into monitoring.yml

    @property
    def date(self) -> dt.date:
        return Report.model_validate(self.report).date


@dataclass
class FormRows:
    file: str
    cycle: str
    reports: list[Incoming] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    blank: int = 0  # item rows with nothing filled in


def read_form(table: Table, site: SiteData, year: str | None, docs: Path, today: dt.date) -> FormRows:
    """Read one form of cycle `year` (or the cycle its title names). `docs` is the site's
    docs/ folder, where a document given by its path must exist."""
    meta, header_at = _meta(table)
    cycle_year = year or meta.get("cycle")
    if cycle_year is None:
        raise DataError(table.name, header_at, None,
                        "в файле нет строки «Цикл ВАКР»: укажите год, например --cycle 2026")
    if year is not None and meta.get("cycle") not in (None, year):
        raise DataError(table.name, 1, None, f"форма цикла {meta['cycle']}, а импорт — в цикл {year}")
    cycle = next((c for c in site.cycles if c.year == cycle_year), None)
    if cycle is None or cycle.plan is None:
        raise DataError(table.name, 1, None,
                        f"нет утверждённого плана мероприятий цикла {cycle_year} (data/{cycle_year}/plan.yml)")
    code = meta.get("code")
    if code is not None and code != WHOLE_PLAN and code not in site.organizations:
        raise DataError(table.name, 1, None,
                        f"неизвестный код организации «{code}»: его нет в data/organizations.yml")
    form = FormRows(table.name, cycle_year)
    checker = _RowChecker(table.name, site, cycle.plan, cycle_year, code, today, docs)
    for number, cells in table.rows:
        if number <= header_at:
            continue
        values = dict(zip(KEYS, [*cells, *[None] * len(KEYS)]))
        outcome = checker.check(number, values)
        if isinstance(outcome, Refusal):
            form.refused.append(outcome)
        elif outcome is None:
            form.blank += 1
        else:
            form.reports.append(outcome)
    return form


def _meta(table: Table) -> tuple[dict[str, str], int]:
    """The title rows' values by key, and the number of the header row."""
    labels = {normalize(meta_label(key)).casefold(): key for key in META}
    meta: dict[str, str] = {}
    for number, cells in table.rows:
        first = _text(cells[0] if cells else None)
        if first.casefold() in labels:
            _pairs(cells, labels, meta)
        elif first.startswith("№"):
            _check_header(table.name, number, cells)
            return meta, number
    raise DataError(table.name, 1, None, "не найдена строка заголовков формы (первая ячейка «№»): "
                    "это не форма отчёта, сформированная командой make forms")


def _pairs(cells: list[Cell], labels: dict[str, str], meta: dict[str, str]) -> None:
    """A title row holds label, value[, …, label, value]."""
    for i, cell in enumerate(cells):
        key = labels.get(_text(cell).casefold())
        value = next((_text(v) for v in cells[i + 1:] if _text(v)), "")
        if key is not None and value:
            meta[key] = value


def _check_header(file: str, row: int, cells: list[Cell]) -> None:
    for i, column in enumerate(COLUMNS):
        found = _text(cells[i]) if i < len(cells) else ""
        if found != normalize(column.header()):
            expected = column.header().replace("\n", " / ")
            found = found.replace("\n", " / ")
            raise DataError(file, row, None, f"столбец {i + 1}: ожидался заголовок «{expected}», получен «{found}»: "
                            "столбцы формы нельзя переставлять и удалять")


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, dt.date):
        return cell.strftime("%d.%m.%Y")
    return normalize(str(cell))


class _RowChecker:
    """Checks the rows of one form of organization `code` (None: any) against `plan` of cycle `year`."""

    def __init__(self, file: str, site: SiteData, plan: Plan, year: str, code: str | None, today: dt.date,
                 docs: Path) -> None:
        self.file, self.site, self.year, self.code, self.today, self.docs = file, site, year, code, today, docs
        self.items: dict[int, PlanItem] = {item.number: item for item in plan.items}
        self.approved = plan.approval.date
        self.statuses = status_choices()

    def check(self, row: int, values: dict[str, Cell]) -> Incoming | Refusal | None:
        number_text = _text(values["number"])
        if not number_text.isdigit() or int(number_text) not in self.items:
            return self._refuse(row, None, f"неизвестный пункт плана «{number_text}»: номер пункта нельзя менять")
        number = int(number_text)
        item = self.items[number]
        if self.code not in (None, WHOLE_PLAN) and self.code not in item.executor.organizations:
            org = self.site.organizations[self.code].label.ru  # type: ignore[index]
            return self._refuse(row, number, f"пункт {number} не поручен организации «{org}» "
                                f"(исполнитель: {item.executor.ru}); отчёт по нему присылает его исполнитель")
        approved = approved_cells(item)
        for key in APPROVED:
            if _text(values[key]) != normalize(approved[key]):
                header = COLUMNS[KEYS.index(key)].header().split("\n")[0]
                return self._refuse(row, number, f"изменён утверждённый текст в столбце «{header}»: "
                                    "его менять нельзя, верните текст из плана мероприятий")
        if not any(_text(values[key]) for key in _FILL):
            return None
        problem = self._problem(values)
        if problem:
            return self._refuse(row, number, problem)
        return Incoming(self.file, row, number, self._report(values))

    def _refuse(self, row: int, item: int | None, reason: str) -> Refusal:
        return Refusal(self.file, row, item, reason)

    def _problem(self, values: dict[str, Cell]) -> str | None:
        status = _text(values["status"])
        if self._status(status) is None:
            listed = "; ".join(sorted({k for k in self.statuses if " / " in k}))
            return (f"неизвестный статус «{status}»: выберите из списка ({listed})" if status
                    else "не указан статус исполнения: выберите его из списка")
        problem = self._date_problem(values["date"])
        if problem:
            return problem
        if not _text(values["text_ru"]):
            return "не заполнено «Что сделано (на русском языке)»: без него отчёт не публикуется"
        if self._status(status) == "not_done" and not _text(values["reason_ru"]):
            return "статус «не исполнено» без причины: заполните «Причина, если не исполнено (на русском языке)»"
        for evidence in _split(_text(values["evidence"])):
            entry = self._evidence(evidence)
            if isinstance(entry, str):
                return entry
        return None

    def _evidence(self, text: str) -> dict[str, str] | str:
        """A supporting document as monitoring.yml holds it (a link or an order), or why not."""
        if _LINK.match(text):
            if text.startswith("http") or (self.docs / text).is_file():
                return {"url": text}
            return (f"подтверждающий документ «{text}» не найден в docs/: "
                    "положите файл туда или укажите номер приказа")
        if _BARE_FILE.match(text):
            folder = f"{DOCUMENTS}/{self.year}"
            if _SAFE_NAME.match(text) and (self.docs / folder / text).is_file():
                return {"url": f"{folder}/{text}"}
            return (f"подтверждающий документ «{text}» — имя файла без папки, и в docs/{folder}/ его нет: "
                    f"положите файл в docs/{folder}/ (имя — латинские буквы, цифры, дефисы) и напишите путь "
                    f"к нему, например «{folder}/prikaz-45.pdf», или номер и дату приказа, например "
                    "«№ 45-П от 30.06.2026»")
        return {"order": text}

    def _status(self, text: str) -> str | None:
        return self.statuses.get(re.sub(r"\s*/\s*", " / ", text).casefold())

    def _date_problem(self, cell: Cell) -> str | None:
        day = _date(cell)
        if isinstance(day, str):
            return day
        if day > self.today:
            return f"дата отчёта {day:%d.%m.%Y} ещё не наступила (сегодня {self.today:%d.%m.%Y})"
        if day < self.approved:
            return f"дата отчёта {day:%d.%m.%Y} раньше утверждения плана мероприятий ({self.approved:%d.%m.%Y})"
        return None

    def _report(self, values: dict[str, Cell]) -> dict[str, Any]:
        day = _date(values["date"])
        assert isinstance(day, dt.date)
        status = self._status(_text(values["status"]))
        report: dict[str, Any] = {"date": day.strftime("%d.%m.%Y"), "status": status, "text": _bilingual(values, "text")}
        if _text(values["reason_ru"]):
            report["reason"] = _bilingual(values, "reason")
        evidence = [self._evidence(e) for e in _split(_text(values["evidence"]))]
        if evidence:
            report["evidence"] = evidence
        if self.code not in (None, WHOLE_PLAN):
            report["organization"] = self.code  # who reported, where several share the item
        Report.model_validate(report)  # the model agrees, or this is a bug of the reader
        return report


def _bilingual(values: dict[str, Cell], key: str) -> dict[str, str]:
    text = {"ru": _text(values[f"{key}_ru"])}
    if _text(values[f"{key}_kk"]):
        text["kk"] = _text(values[f"{key}_kk"])
    return text


def _split(text: str) -> list[str]:
    """Several documents: one a line or separated by «;»."""
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


def _date(cell: Cell) -> dt.date | str:
    """The report date, or what is wrong with it."""
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    if not text:
        return "не указана дата отчёта"
    match = _DATE.match(text)
    if not match:
        return f"дата отчёта «{text}» не по образцу ДД.ММ.ГГГГ (например, 30.06.2026)"
    d, m, y, iy, im, iday = match.groups()
    try:
        return dt.date(int(y or iy), int(m or im), int(d or iday))
    except ValueError:
        return f"такой даты не существует: «{text}»"
