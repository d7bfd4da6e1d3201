"""README's picture of a report form (readme/report-form.png), made again from a form that
`vakr forms` writes now, so the picture cannot drift from the code.

    .venv/bin/python .ci/form_picture.py readme/report-form.png

The form of ТОО «Almaty Finance (Алматы финанс)» is written, one report is filled in as a unit
would (item 1), the workbook is read back with openpyxl and its first rows are drawn as the
sheet lays them out (column widths, row heights, merged cells, fills, fonts, wrapping) in
Chromium, the browser the tests use. No office suite is needed on the machine."""

from __future__ import annotations

import datetime as dt
import html
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from playwright.sync_api import sync_playwright

from vakr.domain.statedate import today_in_almaty
from vakr.ingest.load import load_site
from vakr.intake.forms import FIRST_ITEM_ROW, HEADER_ROW, write_forms
from vakr.intake.layout import KEYS, status_label

ROOT = Path(__file__).resolve().parents[1]
ORG = "almaty-finance"
ITEM_ROWS = 3  # item rows shown under the header
REPORT = {  # item 1, as the unit would fill it in
    "status": status_label("done"),
    "date": dt.datetime(2026, 6, 30),
    "text_ru": "Раздел «Противодействие коррупции» на интернет-ресурсе ТОО обновлён, размещены сведения "
               "по пункту 8 статьи 16 Закона «О доступе к информации».",
    "text_kk": "ЖШС интернет-ресурсындағы «Сыбайлас жемқорлыққа қарсы іс-қимыл» бөлімі жаңартылды.",
    "evidence": "№ 45-П от 30.06.2026",
}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def filled_form(out: Path) -> Worksheet:
    site = load_site(ROOT / "data")
    cycle = next(c for c in site.cycles if c.year == "2026")
    (path,) = [p for p in write_forms(site, cycle, out, today_in_almaty()) if p.stem.endswith(ORG)]
    book = load_workbook(path)
    sheet = book.active
    for key, value in REPORT.items():
        sheet.cell(FIRST_ITEM_ROW, KEYS.index(key) + 1).value = value
    book.save(path)
    return load_workbook(path).active  # drawn from the file as saved, not from memory


def _px_width(chars: float) -> int:
    return round(chars * 7 + 5)  # a spreadsheet column's width in characters, in pixels


def _style(cell: Cell) -> str:
    rules = [f"font-size:{(cell.font.sz or 11) * 4 / 3:.1f}px"]
    if cell.font.b:
        rules.append("font-weight:bold")
    if cell.font.i:
        rules.append("font-style:italic")
    if cell.fill.fill_type == "solid":
        rules.append(f"background:#{cell.fill.fgColor.rgb[-6:]}")
    if cell.border.left.style:
        rules.append("border:1px solid #808080")
    vertical = {"center": "middle", "bottom": "bottom"}.get(cell.alignment.vertical or "", "top")
    numeric = isinstance(cell.value, (int, dt.date))  # a spreadsheet aligns numbers and dates right
    rules.append(f"vertical-align:{vertical}")
    rules.append(f"text-align:{cell.alignment.horizontal or ('right' if numeric else 'left')}")
    rules.append("white-space:pre-wrap" if cell.alignment.wrap_text else "white-space:pre")
    return ";".join(rules)


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(value)


def sheet_html(sheet: Worksheet, last_row: int) -> str:
    """The sheet's rows 1..last_row as an HTML table laid out like the spreadsheet."""
    spans = {(r.min_row, r.min_col): r.max_col - r.min_col + 1 for r in sheet.merged_cells.ranges}
    covered = {(r.min_row, c) for r in sheet.merged_cells.ranges for c in range(r.min_col + 1, r.max_col + 1)}
    columns = range(1, sheet.max_column + 1)
    widths = [_px_width(sheet.column_dimensions[get_column_letter(col)].width) for col in columns]
    out = [f'<table style="width:{sum(widths)}px"><colgroup>']
    out += [f'<col style="width:{w}px">' for w in widths]
    out.append("</colgroup>")
    for row in range(1, last_row + 1):
        height = (sheet.row_dimensions[row].height or 15) * 4 / 3
        out.append(f'<tr style="height:{height:.0f}px">')
        for col in columns:
            if (row, col) in covered:
                continue
            cell = sheet.cell(row, col)
            span = spans.get((row, col), 1)
            out.append(f'<td colspan="{span}" style="{_style(cell)}">{html.escape(_text(cell.value))}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


PAGE = """<!doctype html><meta charset="utf-8"><style>
body {{ margin: 12px; background: #fff; font-family: "DejaVu Sans", sans-serif; font-stretch: condensed; }}
table {{ border-collapse: collapse; table-layout: fixed; }}
td {{ padding: 2px 3px; overflow: hidden; overflow-wrap: anywhere; line-height: 1.25; }}
</style>{table}"""


def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sheet = filled_form(Path(tmp))
        page_html = PAGE.format(table=sheet_html(sheet, HEADER_ROW + ITEM_ROWS))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 800, "height": 600})
        page.set_content(page_html)
        page.locator("table").screenshot(path=str(target))
        browser.close()
    print(f"{target}: the {ORG} form, title, header and {ITEM_ROWS} items")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "readme" / "report-form.png")
