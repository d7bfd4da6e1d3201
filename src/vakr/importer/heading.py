"""The table's heading as one row of column names, also when it takes two rows in Word: a
heading wrapped into a second row («Ответственный исполнитель,» over «соисполнители»), or a
heading row over a sub-heading row, where one cell of the top row spans the columns named
below it and the others are merged down over both rows. Each column's name is its heading
text from top to bottom, as the document writes it."""

from __future__ import annotations

from dataclasses import replace

from vakr.domain.errors import DataError
from vakr.importer.table import Block, Cell, Line

_LONGEST = 100  # characters: a heading cell holds a few words; a longer text is an item's


def _own(cell: Cell) -> bool:
    return not cell.empty and not cell.merged_above


def is_subheading(line: Line) -> bool:
    """Whether a row under the heading row, with no item number and not a section title,
    goes on with the heading: short texts only, and either two cells or more of its own or
    cells merged down from the heading row (a section title has one cell of text)."""
    assert line.cells is not None
    own = [c for c in line.cells if _own(c)]
    if not own or any(len(c.text) > _LONGEST for c in own):
        return False
    return len(own) >= 2 or any(c.merged_above for c in line.cells)


def _grid(cells: tuple[Cell, ...]) -> list[Cell]:
    """A row's cells one per column of the table: a cell merged across columns in each."""
    return [cell for cell in cells for _ in range(cell.span)]


def _spans(name: str, top: Line, bottom: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """The top row's cells with their spans. A .docx gives them; a text export does not show
    merges, so a top row shorter than the one below has one group cell over the run of the
    columns that have sub-headings (the others are merged down and read empty)."""
    assert top.cells is not None
    cells = top.cells
    width = sum(c.span for c in bottom)
    extra = width - sum(c.span for c in cells)
    if extra <= 0:
        return cells
    named = [i for i, c in enumerate(_grid(bottom)) if _own(c)]
    one_run = len(named) == extra + 1 and named == list(range(named[0], named[0] + extra + 1))
    if not one_run or named[0] >= len(cells):
        raise DataError(name, top.number, None, "заголовок таблицы в двух строках: ячеек в верхней "
                        f"строке — {len(cells)}, в нижней — {width}, и не видно, над какими столбцами стоит "
                        "объединённая ячейка; импортируйте документ .docx (в нём объединения видны) или "
                        "впишите заголовок одной строкой")
    group = named[0]
    return (*cells[:group], replace(cells[group], span=extra + 1), *cells[group + 1:])


def heading(name: str, first: Line, second: Line | None) -> tuple[Line, list[Line]]:
    """The heading row `first` with the row under it, `second` (None: an item or a section
    title), read into it when it is a sub-heading; also the rows the heading was read from."""
    if second is None or not is_subheading(second):
        return first, [first]
    assert second.cells is not None
    top = _grid(_spans(name, first, second.cells))
    bottom = _grid(second.cells)
    bottom += [Cell()] * (len(top) - len(bottom))  # a text export drops a row's empty last cells
    names = []
    for upper, lower in zip(top, bottom):
        if not _own(lower) or lower.text == upper.text:
            names.append(upper.text)
        elif not upper.text:
            names.append(lower.text)
        else:  # a group's name and the column's, or a name wrapped into the second row
            names.append(f"{upper.text}: {lower.text}" if upper.span > 1 else f"{upper.text} {lower.text}")
    cells = tuple(Cell(blocks=(Block(text=text),) if text else ()) for text in names)
    return Line(first.number, cells=cells), [first, second]
