"""One language's edition of an approved document: the approval block («УТВЕРЖДАЮ» /
«БЕКІТЕМІН», position, name, date), the title, the table (heading row, body rows) and the
closing lines. A file may hold several editions (the schedule: Russian, then Kazakh)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from vakr.domain.errors import DataError
from vakr.importer.heading import heading as table_heading
from vakr.importer.table import Cell, Document, Line

_HEADINGS = {"утверждаю": "ru", "бекітемін": "kk"}
_APPROVAL_DATE = re.compile(r"^«?\s*(\d{1,2})\s*»?\s*(\d{1,2})\s+(\d{4})\s*(?:г|ж)?\.?$", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d{1,3})\s*[.)]?$")


@dataclass
class Edition:
    lang: str
    heading: Line
    approval_lines: list[str]
    date_line: Line
    date: dt.date
    title: str
    header: Line  # one cell per column, also when the document's heading takes two rows
    body: list[Line] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)
    header_rows: list[Line] = field(default_factory=list)  # the heading's rows as in the document

    @property
    def columns(self) -> list[str]:
        assert self.header.cells is not None
        return [c.text for c in self.header.cells]


def _language(line: Line) -> str | None:
    return _HEADINGS.get(line.text.strip("«»\"“” ").lower()) if not line.is_row else None


def editions(doc: Document) -> list[Edition]:
    """Split the document at each approval heading and read each part."""
    starts = [i for i, line in enumerate(doc.lines) if _language(line)]
    if not starts:
        first = next((line for line in doc.lines if line.text or line.is_row), None)
        raise DataError(doc.name, first.number if first else 1, None,
                        "не найден гриф утверждения: ожидалась строка «УТВЕРЖДАЮ» (или «БЕКІТЕМІН») перед таблицей")
    bounds = [*starts, len(doc.lines)]
    return [_edition(doc, doc.lines[a:b]) for a, b in zip(bounds, bounds[1:])]


def _edition(doc: Document, lines: list[Line]) -> Edition:
    heading = lines[0]
    lang = _language(heading) or "ru"
    header_at = next((i for i, line in enumerate(lines) if line.is_row), None)
    if header_at is None:
        raise DataError(doc.name, heading.number, None, f"после грифа «{heading.text}» не найдена таблица "
                        "(строки таблицы в текстовой выгрузке разделены знаками табуляции)")
    preamble = [line for line in lines[1:header_at] if line.text]
    date_at = next((i for i, line in enumerate(preamble) if _APPROVAL_DATE.match(line.text)), None)
    if date_at is None:
        raise DataError(doc.name, heading.number, None, "не найдена дата утверждения после грифа: "
                        "ожидалась строка вида «30» 03 2026 г.")
    date_line = preamble[date_at]
    day, month, year = (int(g) for g in _APPROVAL_DATE.match(date_line.text).groups())  # type: ignore[union-attr]
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise DataError(doc.name, date_line.number, None, f"нечитаемая дата утверждения «{date_line.text}»: такой даты нет") from None
    approval_lines = [line.text for line in preamble[:date_at]]
    if not approval_lines:
        raise DataError(doc.name, heading.number, None, "после грифа нет должности и имени утвердившего")
    title_lines = preamble[date_at + 1:]
    if not title_lines:
        raise DataError(doc.name, date_line.number, None, "не найдено название документа между датой утверждения и таблицей")
    below = next((line for line in lines[header_at + 1:header_at + 2] if line.is_row), None)
    header, header_rows = table_heading(doc.name, lines[header_at], _subheading_candidate(below))
    edition = Edition(lang, heading, approval_lines, date_line, date, " ".join(l.text for l in title_lines),
                      header, header_rows=header_rows)
    rest = lines[header_at + len(header_rows):]
    end = next((i for i, line in enumerate(rest) if not line.is_row and line.text), len(rest))
    edition.body = [line for line in rest[:end] if line.is_row and not _repeats_header(line, edition)]
    edition.closing = [line for line in rest[end:] if line.text or line.is_row]
    stray = next((line for line in edition.closing if line.is_row), None)
    if stray is not None:
        raise DataError(doc.name, stray.number, None, "строка таблицы после текста, завершающего таблицу: "
                        "в документе ожидалась одна таблица на каждую языковую редакцию")
    return edition


def _subheading_candidate(line: Line | None) -> Line | None:
    """The row under the heading row, unless it is an item or a section title."""
    if line is None or line.cells is None or item_number(line.cells[0]) is not None or is_section(line):
        return None
    return line


def _repeats_header(line: Line, edition: Edition) -> bool:
    """A row that only labels the columns: a heading row repeated on a new page, or the row
    of column numbers «1 2 3 …» Word tables often have under the heading."""
    assert line.cells is not None
    texts = [c.text.strip().rstrip(".") for c in line.cells]
    numbers = [str(n) for n in range(1, len(texts) + 1)]
    headings = [edition.header, *edition.header_rows]
    return (any(texts == [c.text.strip().rstrip(".") for c in row.cells or ()] for row in headings)
            or (len(texts) > 1 and texts == numbers))


def item_number(cell: Cell) -> int | None:
    """«12.» → 12; None if the cell is not an item number."""
    match = _NUMBER.match(cell.text.strip())
    return int(match.group(1)) if match else None


def is_section(line: Line) -> bool:
    """A section title, by its layout: text in one cell only, bold, and not an item number —
    whether Word merged it across the row (one cell) or typed it in any one column."""
    assert line.cells is not None
    filled = [c for c in line.cells if not c.empty and not c.merged_above]
    return len(filled) == 1 and filled[0].bold and item_number(filled[0]) is None


def section_title(line: Line) -> str:
    """The text of a section title row (see `is_section`)."""
    assert line.cells is not None
    return next(c.text for c in line.cells if not c.empty and not c.merged_above)
