"""Errors in the data, worded for the compliance officer who edits it: which file, which
line, which field, what was expected."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class Index(int):
    """A position in a list: 0-based in the code (it indexes the data), shown from 1 in
    messages, as a person counts (`items[1]` is the first item). A plain int in a location
    is a key (a plan item's number: `plan[17]`)."""


def field_path(location: Sequence[str | int]) -> str:
    """`('items', Index(3), 'deadline')` → `items[4].deadline`, the way the officer counts."""
    out = ""
    for part in location:
        if isinstance(part, Index):
            out += f"[{part + 1}]"
        elif isinstance(part, int):
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
