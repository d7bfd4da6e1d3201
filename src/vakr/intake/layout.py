"""The layout of a report form, shared by the writer (`forms`) and the reader (`reports`), so
a filled form is read back by the same columns and the same approved texts it was made with.

A form is one sheet: title rows (the organization with its id, the cycle, the day the form
was made), a header row, then one row per plan item. The first five columns hold the
approved text of the item and are locked; the officer fills in the others."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vakr.publish import strings
from vakr.domain.model import REPORT_STATUSES, Deadline, PlanItem, Rich

WHOLE_PLAN = "plan"  # the form's organization code for the whole plan (no organization check)
LANGS = ("ru", "kk")


@dataclass(frozen=True)
class Column:
    key: str
    width: float  # in Excel's character units
    locked: bool

    def header(self) -> str:
        """Russian above Kazakh in one cell: the form is for both."""
        return "\n".join(strings.t(lang, f"forms.col.{self.key}") for lang in LANGS)


COLUMNS = (
    Column("number", 5, True),
    Column("recommendation", 30, True),
    Column("measure", 30, True),
    Column("executor", 18, True),
    Column("deadline", 12, True),
    Column("status", 15, False),
    Column("date", 14, False),  # room for the bold «(ДД.ММ.ГГГГ)» of its header
    Column("text_ru", 28, False),
    Column("text_kk", 28, False),
    Column("reason_ru", 20, False),
    Column("reason_kk", 20, False),
    Column("evidence", 20, False),
)
KEYS = tuple(c.key for c in COLUMNS)
APPROVED = tuple(c.key for c in COLUMNS if c.locked and c.key != "number")

# The title rows: a label cell, then its value; the reader finds them by their labels.
META = ("organization", "code", "cycle", "made")


def both(key: str, **values: object) -> str:
    """A UI string in Russian and Kazakh in one cell: «исполнено / орындалды»."""
    return " / ".join(strings.t(lang, key, **values) for lang in LANGS)


def meta_label(key: str) -> str:
    return both(f"forms.meta.{key}")


def status_label(status: str) -> str:
    """A status as the drop-down shows it."""
    return both(f"monitoring.state.{status}")


def status_choices() -> dict[str, str]:
    """Every spelling the reader accepts for a status, normalized, to its code: the
    drop-down's label, either language alone, or the code itself."""
    out: dict[str, str] = {}
    for status in REPORT_STATUSES:
        names = [strings.t(lang, f"monitoring.state.{status}") for lang in LANGS]
        for spelling in (status, status_label(status), *names):
            out[normalize(spelling).casefold()] = status
    return out


def normalize(text: str) -> str:
    """A cell's text with line endings and spaces as the form wrote them: spreadsheet
    programs and CSV export turn \\n into \\r\\n and may add trailing spaces."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def rich_text(value: Rich | None) -> str:
    """An approved text cell in Russian as plain text: paragraphs and list items one a line,
    word for word (the form has no markup)."""
    if value is None:
        return ""
    text = value.ru
    if isinstance(text, str):
        return text
    lines: list[str] = []
    for block in text:
        lines.extend([block.p] if hasattr(block, "p") else block.ul)  # type: ignore[union-attr]
    return "\n".join(lines)


def deadline_text(deadline: Deadline) -> str:
    """The deadline as the document words it; its structured form where it has no wording."""
    if deadline.source is not None:
        return deadline.source.ru
    dates = {name: getattr(deadline, name).strftime("%d.%m.%Y") for name in ("date", "start", "end")
             if isinstance(getattr(deadline, name, None), dt.date)}
    return strings.t("ru", f"deadline.{deadline.kind}", **dates)


def approved_cells(item: PlanItem) -> dict[str, str]:
    """The locked cells of an item's row, by column key."""
    return {
        "recommendation": rich_text(item.recommendation),
        "measure": rich_text(item.measure),
        "executor": item.executor.ru,
        "deadline": deadline_text(item.deadline),
    }
