"""Errors in the data, worded for the compliance officer who edits it: which file, which
line, which field, what was expected."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def field_path(location: Sequence[str | int]) -> str:
    """`('items', 3, 'deadline')` → `items[3].deadline`, the way the officer sees the file."""
    out = ""
    for part in location:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class DataError(Exception):
    """One problem in one data file."""

    def __init__(self, file: str, line: int, field: str | None, message: str) -> None:
        self.file, self.line, self.field, self.message = file, line, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}, строка {self.line}"
        if self.field:
            where += f", поле «{self.field}»"
        return f"{where}: {self.message}"


class DataErrors(Exception):
    """Every problem found in one pass, so the officer can fix them all before rebuilding."""

    def __init__(self, errors: Iterable[DataError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.file, e.line))
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.errors)
        head = f"Ошибки в данных ({count}):"  # the command says what it did not do (check builds nothing)
        return "\n".join([head, *(f"  {e}" for e in self.errors)])
