"""A .docx's body made readable before its text is taken, so no text is lost unseen: python-docx
reads paragraphs, runs and tables, but not what Word wraps around them (content controls, smart
tags, custom XML, simple fields: their text is unwrapped in place), nor tracked changes, nor a
table inside a cell (both refused with what to do: the importer must not choose for the officer
which text of a document under review is the approved one)."""

from __future__ import annotations

from typing import Any

from vakr.domain.errors import DataError

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# elements that only wrap paragraphs, tables or runs: their content is the document's text
_WRAPPERS = ("sdt", "smartTag", "customXml", "fldSimple")
_TRACKED = ("ins", "del", "moveFrom", "moveTo")


def _tag(name: str) -> str:
    return f"{{{_W}}}{name}"


def _unwrap(body: Any) -> None:
    """Replace each wrapper by its content (an sdt's is in its w:sdtContent), innermost last."""
    for wrapper in list(body.iter(*(_tag(name) for name in _WRAPPERS))):
        parent = wrapper.getparent()
        if parent is None:
            continue
        content = wrapper.find(_tag("sdtContent")) if wrapper.tag == _tag("sdt") else wrapper
        children = [] if content is None else [c for c in content if c.tag not in (_tag("sdtPr"), _tag("sdtEndPr"))]
        index = parent.index(wrapper)
        parent.remove(wrapper)
        for offset, child in enumerate(children):
            parent.insert(index + offset, child)


def prepare(body: Any, name: str) -> None:
    """Check and unwrap the document body `body` (python-docx's `document.element.body`)."""
    tracked = next(body.iter(*(_tag(name) for name in _TRACKED)), None)
    if tracked is not None:
        raise DataError(name, 1, None, "в документе есть непринятые исправления (режим «Рецензирование»): "
                        "неизвестно, какой текст утверждён; примите или отклоните все исправления "
                        "(Рецензирование → Принять → Принять все исправления) и сохраните документ")
    while next(body.iter(*(_tag(name) for name in _WRAPPERS)), None) is not None:
        _unwrap(body)  # a wrapper inside a wrapper's content is unwrapped on the next pass
    for table in body.iter(_tag("tbl")):
        if next(table.iterancestors(_tag("tbl")), None) is not None:
            text = "".join(t.text or "" for t in table.iter(_tag("t"))).strip()
            raise DataError(name, 1, None, f"в ячейке таблицы вложенная таблица («{text[:60]}»): импорт читает "
                            "одну таблицу без вложенных; перенесите её текст в ячейку или в строки основной "
                            "таблицы")
