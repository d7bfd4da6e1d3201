"""`vakr forms`: one report form (.xlsx) per responsible organization and one for the whole
plan, so the compliance service can send each unit exactly its items and read back what it
fills in (`vakr reports`). The approved texts are locked; the status is a drop-down."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from vakr.publish import strings
from vakr.intake.layout import COLUMNS, LANGS, META, WHOLE_PLAN, approved_cells, both, meta_label, status_label
from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import REPORT_STATUSES, Organization, PlanItem

HEADER_ROW = 7  # rows 1–6: title, organization, code, cycle, date made, hint
FIRST_ITEM_ROW = HEADER_ROW + 1
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")  # grey: approved, not to be edited
_HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
_BODY = Font(size=10)


def form_name(year: str, code: str) -> str:
    return f"vakr-{year}-{code}.xlsx"


def responsible(site: SiteData, cycle: Cycle) -> list[Organization]:
    """The organizations named as executors of the cycle's plan, in the directory's order."""
    assert cycle.plan is not None
    named = {org for item in cycle.plan.items for org in item.executor.organizations}
    return [org for org_id, org in site.organizations.items() if org_id in named]


def items_of(cycle: Cycle, code: str) -> list[PlanItem]:
    assert cycle.plan is not None
    return [i for i in cycle.plan.items if code == WHOLE_PLAN or code in i.executor.organizations]


def write_forms(site: SiteData, cycle: Cycle, out: Path, made: dt.date) -> list[Path]:
    """Write every form of `cycle` into `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    targets: list[tuple[str, str]] = [(WHOLE_PLAN, both("forms.whole_plan"))]
    targets += [(org.id, org.name.ru) for org in responsible(site, cycle)]
    for code, name in targets:
        path = out / form_name(cycle.year, code)
        _workbook(cycle, code, name, made).save(path)
        written.append(path)
    return written


def _workbook(cycle: Cycle, code: str, name: str, made: dt.date) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = f"ВАКР {cycle.year}"
    _title(sheet, cycle.year, code, name, made)
    _header(sheet)
    items = items_of(cycle, code)
    for row, item in enumerate(items, start=FIRST_ITEM_ROW):
        _item_row(sheet, row, item)
    last = FIRST_ITEM_ROW + len(items) - 1
    _validations(sheet, last)
    _print_setup(sheet, last)
    sheet.protection.sheet = True  # no password: the lock is a guard, the reader checks the text
    sheet.protection.formatRows = sheet.protection.formatColumns = False  # rows may grow
    book.properties.title = strings.t("ru", "forms.title", year=cycle.year)
    return book


def _title(sheet: Worksheet, year: str, code: str, name: str, made: dt.date) -> None:
    """Title, then a row per fact: its label over the № and recommendation columns, its
    value over the next three (the reader finds them by the labels)."""
    span = len(COLUMNS)
    sheet.append([both("forms.title", year=year)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=span)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.row_dimensions[1].height = 22
    for row, (key, value) in enumerate(zip(META, (name, code, year, made.strftime("%d.%m.%Y"))), start=2):
        label = sheet.cell(row, 1, meta_label(key))
        label.font, label.alignment = Font(bold=True), _WRAP
        sheet.row_dimensions[row].height = _height([(label.value, (COLUMNS[0].width + COLUMNS[1].width) * 0.8)])
        sheet.cell(row, 3, value).alignment = Alignment(vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=5)
    hint = HEADER_ROW - 1
    sheet.cell(hint, 1, " ".join(strings.t(lang, "forms.hint") for lang in LANGS)).font = Font(italic=True)
    sheet.merge_cells(start_row=hint, start_column=1, end_row=hint, end_column=span)
    sheet.cell(hint, 1).alignment = _WRAP
    sheet.row_dimensions[hint].height = 30


def _header(sheet: Worksheet) -> None:
    for col, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, col, column.header())
        cell.font = Font(bold=True, size=10)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(col)].width = column.width
    bold = 0.8  # bold text is wider
    sheet.row_dimensions[HEADER_ROW].height = _height([(c.header(), c.width * bold) for c in COLUMNS])
    sheet.freeze_panes = sheet.cell(FIRST_ITEM_ROW, 2)


def _item_row(sheet: Worksheet, row: int, item: PlanItem) -> None:
    values = {"number": item.number, **approved_cells(item)}
    # room for the approved text and at least three handwritten lines
    sheet.row_dimensions[row].height = max(_height([(values.get(c.key), c.width) for c in COLUMNS]), 3 * _LINE)
    for col, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row, col, values.get(column.key))
        cell.font = _BODY
        cell.alignment = _WRAP
        cell.border = _BORDER
        if column.locked:
            cell.fill = _LOCKED_FILL
        else:
            cell.protection = Protection(locked=False)
        if column.key == "date":
            cell.number_format = "DD.MM.YYYY"
        if column.key in ("text_ru", "text_kk", "reason_ru", "reason_kk", "evidence"):
            cell.number_format = "@"  # text: Excel must not turn «1/2» or «45-П» into a date


_LINE = 13.0  # points per line of 10-point text


def _height(cells: list[tuple[object, float]]) -> float:
    """A row height that shows all of its wrapped text: spreadsheet programs do not grow a
    row to its text when they open a file, so the form says how tall each row is."""
    def lines(text: object, width: float) -> int:
        per_line = max(1, int(width * 1.1))  # characters of 10-point text in a column this wide
        return sum(max(1, -(-len(part) // per_line)) for part in str(text or "").split("\n"))
    return _LINE * max(lines(text, width) for text, width in cells) + 4


def _validations(sheet: Worksheet, last: int) -> None:
    """The status drop-down in the item rows (dates are checked on import: a date rule
    would refuse 30.06.2026 typed on a computer set to another date format)."""
    if last < FIRST_ITEM_ROW:
        return
    col = {c.key: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    choices = ",".join(status_label(s) for s in REPORT_STATUSES)
    status = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showDropDown=False,
                            promptTitle=both("monitoring.item.status"), prompt=both("forms.status.prompt"),
                            errorTitle=both("monitoring.item.status"), error=both("forms.status.error"))
    status.showInputMessage = status.showErrorMessage = True
    status.add(f"{col['status']}{FIRST_ITEM_ROW}:{col['status']}{last}")
    sheet.add_data_validation(status)


def _print_setup(sheet: Worksheet, last: int) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the items need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{get_column_letter(len(COLUMNS))}{max(last, HEADER_ROW)}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
