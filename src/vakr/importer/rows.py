"""Table rows → items: numbers in sequence, rows broken by a page break joined back to their
item, the executor and the deadline split when they share one cell. Shared by the plan and
the schedule; each says what a continuation row means for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from vakr.domain.errors import DataError
from vakr.importer.deadlines import DeadlineError, parse_deadline
from vakr.importer.edition import Edition, is_section, item_number
from vakr.importer.report import Report
from vakr.importer.table import Block, Cell, Document, Line
from vakr.importer.text import join_blocks


@dataclass
class Draft:
    """An item as read: its number, its first line and, per column after «№», the blocks of
    each of its rows (a schedule item may have several rows; a plan item has one)."""

    number: int
    line: int
    section: int  # index of the section title above it (-1: none)
    rows: list[list[tuple[Block, ...]]] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)


@dataclass
class Context:
    doc: Document
    report: Report
    words: set[str]  # whole words, for a word cut by a page break
    field_names: list[str]  # the columns after «№», as the officer knows them
    deadline: int  # index of the deadline column among the row's cells


def own(cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """The row's cells as its own: a cell merged down from the row above reads empty."""
    return tuple(Cell() if c.merged_above else c for c in cells)


def _report_shared(ctx: Context, number: int, cells: tuple[Cell, ...], line: Line) -> None:
    """A Word cell merged down over this item's row: its text belongs to this item too (the
    approved documents repeat a shared executor or deadline in every item's row)."""
    for i, cell in enumerate(cells[1:]):
        if cell.merged_above and not cell.empty:
            ctx.report.merge(ctx.doc.name, line.number, f"пункт {number}, «{ctx.field_names[i]}»: ячейка "
                             f"объединена по вертикали с ячейкой выше; её текст «{cell.text}» отнесён и к "
                             "этой строке")


def _check_row_of_its_own(ctx: Context, current: Draft, cells: tuple[Cell, ...], line: Line) -> None:
    """A row without a number whose every column is filled is a further row of the item
    (schedule item 4), unless its deadline is a cell merged down from the row above while the
    row has text of its own: then it may as well be the row above continued after a page
    break, with the deadline stretched over both parts. Guessing would either invent a row
    or glue two works into one, so the officer is asked."""
    deadline = cells[ctx.deadline]
    if deadline.merged_above and any(not c.empty and not c.merged_above for c in cells[1:]):
        column = ctx.field_names[ctx.deadline - 1]
        raise DataError(ctx.doc.name, line.number, column, f"пункт {current.number}: в строке без номера "
                        f"ячейка «{column}» объединена по вертикали со строкой выше, а остальные столбцы "
                        "заполнены: непонятно, это ещё одна строка пункта с тем же сроком или продолжение "
                        "строки выше после разрыва страницы. Разделите ячейку (Макет → Разделить ячейки): "
                        "для отдельной строки впишите в неё срок, для продолжения оставьте её пустой")


def _ref(ctx: Context, number: int, lead: str = "") -> str:
    """« (строка 21)» for a text export, whose lines the officer finds by number; nothing for
    a Word document, whose place in the message already names the item."""
    return "" if ctx.doc.word else f" ({lead}строке {number})" if lead else f" (строка {number})"


def _split_pair(cells: tuple[Cell, ...], width: int) -> tuple[Cell, ...] | None:
    """A row one cell short whose last cell holds two paragraphs, the second a deadline:
    the executor and the deadline typed into one cell (plan items 29–31)."""
    if len(cells) != width - 1:
        return None
    last = cells[-1]
    if len(last.blocks) != 2 or any(b.is_list for b in last.blocks):
        return None
    try:
        parsed = parse_deadline(last.blocks[1].text)
    except DeadlineError:
        return None
    if parsed.kind == "none" and parsed.warning:
        return None
    return (*cells[:-1], Cell(blocks=last.blocks[:1]), Cell(blocks=last.blocks[1:]))


def _row_cells(ctx: Context, line: Line, width: int, number: int | None, current: Draft | None) -> tuple[Cell, ...]:
    """The row's cells, `width` of them: a continuation row may end early (its last cells
    were empty), a numbered row may carry the executor and deadline in one cell."""
    assert line.cells is not None
    cells = line.cells
    if len(cells) == width:
        return cells
    if len(cells) < width and number is None:
        return cells + (Cell(),) * (width - len(cells))  # a continuation ends early: the rest is empty
    pair = _split_pair(cells, width)
    if pair is not None:
        ctx.report.merge(ctx.doc.name, line.number, f"пункт {number or (current.number if current else '?')}: «{ctx.field_names[-2]}» и «{ctx.field_names[-1]}» "
                         "в одной ячейке (два абзаца) — разделены")
        return pair
    expected = ", ".join(["№", *ctx.field_names])
    problem = "не хватает столбца" if len(cells) < width else "лишний столбец"
    raise DataError(ctx.doc.name, line.number, None, f"{problem}: в строке {len(cells)} ячеек, ожидалось {width} ({expected}); "
                    "проверьте, что в строке таблицы есть все столбцы")


def _join_row(ctx: Context, draft: Draft, row: list[tuple[Block, ...]], cells: tuple[Cell, ...],
              line: Line) -> list[str]:
    """Append each non-empty cell to the same column of `row`; the columns joined."""
    joined = []
    for i, cell in enumerate(cells[1:]):
        if cell.empty:
            continue
        if i + 1 == ctx.deadline and row[i]:
            ctx.report.warn(ctx.doc.name, line.number, f"пункт {draft.number}, «{ctx.field_names[i]}» "
                            f"продолжен в строке без номера («{cell.text}»); проверьте, что это один срок, "
                            "а не срок другого пункта")
        row[i], word = join_blocks(row[i], cell.blocks, ctx.words)
        joined.append(ctx.field_names[i])
        if word and " " in word:
            ctx.report.warn(ctx.doc.name, line.number, f"пункт {draft.number}, «{ctx.field_names[i]}»: текст после "
                            f"разрыва страницы присоединён через пробел: «{word}»; если это одно слово, "
                            "уберите пробел в файле данных")
        elif word:
            ctx.report.warn(ctx.doc.name, line.number, f"пункт {draft.number}, «{ctx.field_names[i]}»: слово разорвано "
                            f"переносом страницы и соединено без пробела: «{word}»")
    return joined


def read_items(ctx: Context, edition: Edition, width: int, *, sections: bool,
               continuation_is_row: bool) -> tuple[list[Draft], list[Line]]:
    """Items of one edition, and its section title rows (only where `sections`).
    A row with an empty «№» continues the item above (a row broken by a page break). Where
    `continuation_is_row` and it fills every column, it is a further row of that item (the
    schedule's item 4). A continuation with its own deadline after an item that has one,
    followed by a numbered row without a deadline, is the head of that next item: its number
    was printed on the next page (the plan's item 4)."""
    drafts: list[Draft] = []
    titles: list[Line] = []
    head: tuple[Line, tuple[Cell, ...]] | None = None
    body = edition.body
    for index, line in enumerate(body):
        assert line.cells is not None
        if all(c.empty for c in own(line.cells)):
            continue  # nothing of its own (a merged cell's text is placed where the merge starts)
        if is_section(line):
            if not sections:
                raise DataError(ctx.doc.name, line.number, None, "строка-заголовок раздела (жирный текст на всю строку) "
                                "там, где разделов не бывает; ожидалась строка пункта с номером")
            if head is not None:
                raise DataError(ctx.doc.name, head[0].number, None, "строка без номера перед заголовком раздела: "
                                "непонятно, к какому пункту она относится")
            titles.append(line)
            continue
        number = item_number(line.cells[0])
        if not line.cells[0].empty and number is None:
            raise DataError(ctx.doc.name, line.number, "№", f"ожидался номер пункта (например, «{len(drafts) + 1}.»), "
                            f"в документе: «{line.cells[0].text}»")
        ctx.report.rows += 1
        current = drafts[-1] if drafts else None
        cells = _row_cells(ctx, line, width, number, current)
        mine = own(cells)  # without the text of cells merged down from the row above
        ctx.report.cells_read += sum(not c.empty for c in mine[1:])
        if number is not None:
            expected = drafts[-1].number + 1 if drafts else 1
            if number != expected:
                raise DataError(ctx.doc.name, line.number, "№", f"номер пункта вне последовательности: ожидался {expected}, "
                                f"в документе {number}")
            if sections and not titles:
                raise DataError(ctx.doc.name, line.number, None, "пункт до первого раздела: ожидалась строка-заголовок "
                                "раздела (жирный текст) над первым пунктом")
            draft = Draft(number, line.number, len(titles) - 1)
            row: list[tuple[Block, ...]] = [c.blocks for c in cells[1:]]
            draft.rows.append(row)
            draft.row_lines.append(line.number)
            ctx.report.cells_placed += sum(not c.empty for c in mine[1:])
            _report_shared(ctx, number, cells, line)
            if head is not None:
                head_line, head_cells = head
                if not mine[ctx.deadline].empty:
                    column = ctx.field_names[ctx.deadline - 1]
                    raise DataError(ctx.doc.name, head_line.number, None,
                                    f"строка без номера со своим «{column}», а у следующего пункта {number}"
                                    f"{_ref(ctx, line.number)} он тоже указан: непонятно, к какому пункту она "
                                    "относится")
                draft.rows[0] = [c.blocks for c in head_cells[1:]]
                joined = _join_row(ctx, draft, draft.rows[0], mine, line)
                draft.line = head_line.number
                number_at = _ref(ctx, line.number, "номер — в ")
                ctx.report.merge(ctx.doc.name, head_line.number, f"пункт {number}: начало пункта стоит перед "
                                 f"его номером{number_at}; соединено: {', '.join(joined)}")
                head = None
            drafts.append(draft)
            continue
        if head is not None:
            raise DataError(ctx.doc.name, line.number, None, "две строки без номера подряд перед пунктом: "
                            "непонятно, к какому пункту они относятся")
        ctx.report.cells_placed += sum(not c.empty for c in mine[1:])
        if current is None or (not mine[ctx.deadline].empty and current.rows[-1][ctx.deadline - 1]
                               and _next_has_no_deadline(body, index, ctx.deadline)):
            if _next_numbered(body, index) is None:
                raise DataError(ctx.doc.name, line.number, "№", "строка без номера, за которой нет пункта с номером")
            head = (line, cells)
            continue
        if continuation_is_row and all(not c.empty for c in cells[1:]):
            _check_row_of_its_own(ctx, current, cells, line)
            _report_shared(ctx, current.number, cells, line)
            current.rows.append([c.blocks for c in cells[1:]])
            current.row_lines.append(line.number)
            if line.after_break and not ctx.doc.word:  # a text export's blank line: a page break before it
                ctx.report.warn(ctx.doc.name, line.number, f"пункт {current.number}: строка без номера после "
                                "разрыва страницы заполнена во всех столбцах и принята как ещё одна строка "
                                "пункта; если это продолжение строки выше, перенесите её текст в ту строку")
            ctx.report.merge(ctx.doc.name, line.number, f"пункт {current.number}: строка без номера со всеми столбцами — "
                             f"ещё одна строка пункта (строк в пункте: {len(current.rows)})")
            continue
        joined = _join_row(ctx, current, current.rows[-1], mine, line)
        if not line.after_break:
            ctx.report.warn(ctx.doc.name, line.number, f"строка без номера не после разрыва страницы присоединена к "
                            f"пункту {current.number}; если это отдельный пункт, впишите его номер в «№»")
        ctx.report.merge(ctx.doc.name, line.number, f"пункт {current.number}: продолжение после разрыва "
                         f"страницы{_ref(ctx, current.row_lines[-1])}; соединено: {', '.join(joined)}")
    if head is not None:
        raise DataError(ctx.doc.name, head[0].number, "№", "строка без номера, за которой нет пункта с номером")
    return drafts, titles


def _next_numbered(body: list[Line], index: int) -> Line | None:
    for line in body[index + 1:]:
        assert line.cells is not None
        if item_number(line.cells[0]) is not None:
            return line
        if is_section(line):
            return None
    return None


def _next_has_no_deadline(body: list[Line], index: int, deadline: int) -> bool:
    line = _next_numbered(body, index)
    return (line is not None and line.cells is not None and len(line.cells) > deadline
            and own(line.cells)[deadline].empty)
