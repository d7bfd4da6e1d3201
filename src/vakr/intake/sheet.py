"""Read a returned form as rows of cells, whether it came back as the .xlsx we sent or as a
CSV saved from it (UTF-8 with or without BOM, comma or semicolon): the reader of reports
then sees one shape. Row numbers are the spreadsheet's, so errors point where the officer looks."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from vakr.domain.errors import DataError

Cell = str | int | float | dt.date | None


@dataclass(frozen=True)
class Table:
    name: str  # the file as given on the command line
    rows: list[tuple[int, list[Cell]]]  # (row number, cells), blank rows left out


def read_table(path: Path) -> Table:
    name = str(path)
    if not path.exists():
        raise DataError(name, 1, None, "файл не найден")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return Table(name, _xlsx_rows(path, name))
    if suffix == ".csv":
        return Table(name, _csv_rows(path.read_bytes(), name))
    raise DataError(name, 1, None, f"ожидался файл формы .xlsx или .csv, получен «{path.suffix or path.name}»"
                    + (" (сохраните его в Excel как «Книга Excel (.xlsx)»)" if suffix in (".xls", ".ods") else ""))


def _xlsx_rows(path: Path, name: str) -> list[tuple[int, list[Cell]]]:
    try:
        book = load_workbook(path, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a file that is not a workbook
        raise DataError(name, 1, None, f"не удалось прочитать книгу Excel: {err}") from None
    sheet = book.worksheets[0]
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell(v) for v in values]
        if any(c not in (None, "") for c in cells):
            rows.append((number, cells))
    return rows


def _cell(value: object) -> Cell:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (str, int, float, dt.date)) or value is None:
        return value
    return str(value)


def _csv_rows(data: bytes, name: str) -> list[tuple[int, list[Cell]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(name, 1, None, "файл не в кодировке UTF-8: в Excel сохраните его как «CSV UTF-8 "
                        "(разделитель — запятая)» или отправьте саму форму .xlsx") from None
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    rows = []
    for number, values in enumerate(reader, start=1):
        cells: list[Cell] = [v if v.strip() else None for v in values]
        if any(c is not None for c in cells):
            rows.append((number, cells))
    return rows


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Comma or semicolon (Excel writes «;» where the comma is the decimal separator)."""
    try:
        return csv.Sniffer().sniff(text[:20000], delimiters=",;")
    except csv.Error:
        first = text.split("\n", 1)[0]
        return csv.excel if first.count(",") >= first.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"
