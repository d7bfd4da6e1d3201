"""The same segments as a spreadsheet, for a translator without a CAT tool: one row a text,
the columns of the XLIFF (id, context, source, hash, known Kazakh, terms), the translation in
the last column, and the glossary on its own sheet."""

from __future__ import annotations

from pathlib import Path
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from vakr.translation.exchange import COLUMNS, Outgoing, Returned
from vakr.translation.glossary import Term

SHEET, GLOSSARY_SHEET = "Перевод", "Глоссарий"
_WIDTHS = (34, 16, 28, 60, 18, 40, 30, 60)
_TARGET_FILL = PatternFill("solid", fgColor="FFF2CC")  # the one column the translator fills


def write(path: Path, rows: list[Outgoing], terms: list[Term]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(COLUMNS)
    for row in rows:
        s = row.segment
        sheet.append([s.id, s.document, s.context, s.markup, s.hash, row.known or "",
                      "\n".join(t.line() for t in row.terms), None])
    _layout(sheet, _WIDTHS)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=len(COLUMNS), max_col=len(COLUMNS)):
        cell.fill = _TARGET_FILL
    glossary = book.create_sheet(GLOSSARY_SHEET)
    glossary.append(("Русский термин", "Казахский термин", "Не использовать", "Примечание"))
    for term in terms:
        glossary.append((term.ru, term.kk, ", ".join(term.avoid_kk), term.note))
    _layout(glossary, (40, 40, 30, 60))
    book.save(path)


def _layout(sheet, widths: tuple[int, ...]) -> None:  # type: ignore[no-untyped-def]
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def read(path: Path) -> list[Returned]:
    """Rows of the translation sheet, found by its column headings (a translator may move or
    add columns); blank rows are skipped."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile) as err:
        raise ValueError(f"это не таблица Excel .xlsx: {err}") from None
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = [str(v).strip() if v is not None else "" for v in next(lines, ())]
    missing = [name for name in (COLUMNS[0], COLUMNS[3], COLUMNS[4], COLUMNS[-1]) if name not in header]
    if missing:
        raise ValueError(f"{path.name}: на листе «{sheet.title}» нет столбцов: {', '.join(missing)}")
    col = {name: header.index(name) for name in COLUMNS if name in header}
    out = []
    for number, values in enumerate(lines, start=2):
        row = {name: _text(values, index) for name, index in col.items()}
        if not row[COLUMNS[0]]:
            continue
        out.append(Returned(id=row[COLUMNS[0]].strip(), hash=(row[COLUMNS[4]] or "").strip() or None,
                            source=row[COLUMNS[3]] or "", target=row[COLUMNS[-1]], where=f"строка {number}"))
    book.close()
    return out


def _text(values: tuple, index: int) -> str | None:
    value = values[index] if index < len(values) else None
    return None if value is None else str(value)
