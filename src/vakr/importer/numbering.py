"""Word's automatic numbers as Word shows them, for a «№» cell whose number is not in its text:
one count per list (Word's abstract numbering and level) over the whole document, going on
from table to table, as when a table is split in two; a numbering instance with a start
override (Word's «Начать заново») starts it again."""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(element: Any, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return found.get(f"{_W}val") if found is not None else None


def _num_pr(paragraph: Any) -> tuple[str, str] | None:
    """(numId, ilvl) of a paragraph: its own, or its style's (and the styles it is based on)."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        if ppr is not None and ppr.numPr is not None:
            num_id = _val(ppr.numPr, f"{_W}numId")
            return (num_id, _val(ppr.numPr, f"{_W}ilvl") or "0") if num_id not in (None, "0") else None
    return None


class Numbering:
    """The counts of one document's lists, advanced in the order its paragraphs come."""

    def __init__(self, document: Any) -> None:
        try:
            self._numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering part: no automatic numbers
            self._numbering = None
        self._counts: dict[tuple[str, str], int] = {}
        self._restarted: set[tuple[str, str]] = set()

    def paragraph(self, paragraph: Any) -> int | None:
        """The number Word shows before `paragraph`, or None; every numbered paragraph of the
        document must come here in order, as each one advances its list."""
        found = _num_pr(paragraph)
        return self._advance(*found) if found is not None and self._numbering is not None else None

    def _advance(self, num_id: str, level: str) -> int | None:
        num = self._numbering.find(f"{_W}num[@{_W}numId='{num_id}']")
        abstract = _val(num, f"{_W}abstractNumId")
        if abstract is None:
            return None
        key = (abstract, level)
        override = _val(num.find(f"{_W}lvlOverride[@{_W}ilvl='{level}']"), f"{_W}startOverride")
        if override is not None and (num_id, level) not in self._restarted:
            self._restarted.add((num_id, level))
            self._counts[key] = int(override) - 1
        elif key not in self._counts:
            path = f"{_W}abstractNum[@{_W}abstractNumId='{abstract}']/{_W}lvl[@{_W}ilvl='{level}']"
            lvl = self._numbering.find(path)
            self._counts[key] = int(_val(lvl, f"{_W}start") or 1) - 1
        self._counts[key] += 1
        return self._counts[key]
