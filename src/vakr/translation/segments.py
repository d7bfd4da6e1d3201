"""Segments: one per text of the data that a translator translates, with an id that does not
change between exports (document, item, field), so a file sent out weeks ago still finds its
place, and a hash of the Russian source, so a text edited since then is not overwritten."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import yaml

from vakr.ingest.load import (CONTACTS_FILE, DIRECTIONS_FILE, MATRIX_FILE, MONITORING_FILE, ORGANIZATIONS_FILE,
                              PLAN_FILE, PUBLICATIONS_FILE, RISKS_FILE, SCHEDULE_FILE)

SITE_FILES = (ORGANIZATIONS_FILE, DIRECTIONS_FILE, CONTACTS_FILE, MATRIX_FILE)
CYCLE_FILES = (SCHEDULE_FILE, PLAN_FILE, RISKS_FILE, PUBLICATIONS_FILE, MONITORING_FILE)
# Files a translator never fills (a file with no approval of its own must not take Kazakh that
# would go out unapproved): reference names, whose Kazakh is copied from where it is official,
# and the executors' reports, in the languages they sent. Their texts are read only so that a
# known Kazakh text is offered to the translator as a hint.
NOT_TRANSLATED_FILES = {
    ORGANIZATIONS_FILE[:-4]: "казахское наименование организации вносится только из устава или государственного "
                             "реестра (data/organizations.yml), не переводом",
    DIRECTIONS_FILE[:-4]: "наименования направлений берутся из пункта 4 плана-графика на обоих языках "
                          "(data/directions.yml), не переводом",
    MATRIX_FILE[:-4]: "уровни риска называются по утверждённой методике (data/risk-matrix.yml), не переводом",
    MONITORING_FILE[:-4]: "отчёт об исполнении публикуется на языках, на которых его прислал исполнитель (в форме "
                          "отчёта есть столбец на казахском языке); monitoring.yml переводом не заполняется",
}
# The approval blocks are copied from the signed documents, never translated.
_NOT_TRANSLATED = {"approval", "kk_approved"}
# Which column of the approved document a field is printed in (index into `columns.ru`).
_COLUMNS = {"schedule": {"work": 1, "deadline": 2, "responsible": 3},
            "plan": {"recommendation": 1, "measure": 2, "completion_form": 3, "executor": 4, "deadline": 5}}

Value = Any  # a text as the YAML holds it: a string, or a list of {p: …} / {ul: […]} blocks
Path_ = tuple[Any, ...]  # keys and list indexes from the file's top to the text's mapping


@dataclass(frozen=True)
class Segment:
    id: str            # e.g. 2026/plan/items/12/measure
    document: str      # 2026/plan, organizations
    file: str          # data/2026/plan.yml
    path: Path_        # where its {ru, kk} mapping is in that file
    source: Value      # the Russian text, verbatim
    target: Value      # the Kazakh text in the data, None when there is none
    context: str       # what the translator sees beside it: item, column

    @property
    def kind(self) -> str:
        """The file's name without the cycle: plan, monitoring, organizations."""
        return self.document.rsplit("/", 1)[-1]

    @property
    def translatable(self) -> bool:
        return self.kind not in NOT_TRANSLATED_FILES

    @property
    def markup(self) -> str:
        return to_markup(self.source)

    @property
    def hash(self) -> str:
        return source_hash(self.source)


def source_hash(value: Value) -> str:
    """Short, but long enough that an edit of the source never keeps its hash."""
    return hashlib.sha256(to_markup(value).encode()).hexdigest()[:16]


# --- rich text as markup: <p>…</p><ul><li>…</li></ul> ---------------------------------

def to_markup(value: Value) -> str:
    """A plain text as it is; paragraphs and lists as tags, so a CAT tool or a spreadsheet
    keeps the structure visible and the import can tell whether it survived."""
    if isinstance(value, str):
        return value
    parts = []
    for block in value:
        if "p" in block:
            parts.append(f"<p>{escape(block['p'])}</p>")
        else:
            parts.append("<ul>" + "".join(f"<li>{escape(li)}</li>" for li in block["ul"]) + "</ul>")
    return "".join(parts)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class MarkupError(ValueError):
    """The target's tags are not the paragraphs and lists the import understands."""


def from_markup(text: str) -> list[dict[str, Any]]:
    """Blocks back from markup; MarkupError when a tag is broken, unknown or misplaced."""
    try:
        root = ElementTree.fromstring(f"<r>{text}</r>")
    except ElementTree.ParseError as err:
        raise MarkupError(f"разметка повреждена ({err})") from None
    if (root.text or "").strip() or any((el.tail or "").strip() for el in root):
        raise MarkupError("текст вне абзацев <p> и списков <ul>")
    blocks: list[dict[str, Any]] = []
    for el in root:
        if _leaf(el, "p"):
            blocks.append({"p": el.text or ""})
        elif el.tag == "ul" and not (el.text or "").strip() and all(_leaf(li, "li") for li in el):
            blocks.append({"ul": [li.text or "" for li in el]})
        else:
            raise MarkupError(f"неизвестный или вложенный тег <{el.tag}>")
    return blocks


def _leaf(el: ElementTree.Element, tag: str) -> bool:
    """`<tag>` holding text only, nothing after it but blanks (inside a list)."""
    return el.tag == tag and not len(el) and not (el.tail or "").strip()


def shape(value: Value) -> list[str]:
    """The structure only, for comparing source and target: ['p', 'ul×3']."""
    if isinstance(value, str):
        return ["text"]
    return ["p" if "p" in block else f"ul×{len(block['ul'])}" for block in value]


# --- collecting the segments of data/ ------------------------------------------------

def data_files(root: Path, cycle: str) -> list[tuple[str, str]]:
    """(document name, path relative to root) of every data file that exists, cycle first."""
    found = [(f"{cycle}/{name[:-4]}", f"data/{cycle}/{name}") for name in CYCLE_FILES]
    found += [(name[:-4], f"data/{name}") for name in SITE_FILES]
    return [(doc, rel) for doc, rel in found if (root / rel).exists()]


def collect(root: Path, cycle: str) -> list[Segment]:
    """Every text of the cycle's files and of the site-wide files, in file order."""
    out = []
    for document, rel in data_files(root, cycle):
        data = yaml.safe_load((root / rel).read_text(encoding="utf-8")) or {}
        columns = (data.get("columns") or {}).get("ru") or []
        kind = document.rsplit("/", 1)[-1]
        for path, names, item, mapping in _texts(data, (), (), None):
            field = str(path[-2] if path[-1] == "source" else path[-1])  # deadline.source: deadline column
            column = _COLUMNS.get(kind, {}).get(field)
            if names[0] == kind:  # organizations.yml holds `organizations:`: one word in the id
                names = names[1:]
            out.append(Segment(
                id="/".join([document, *names]), document=document, file=rel, path=path, source=mapping["ru"],
                target=mapping.get("kk"), context=_context(item, column, columns, field)))
    return out


Found = tuple[Path_, tuple[str, ...], str | None, dict]  # path, id parts, item, the {ru, kk} mapping


def _texts(node: Any, path: Path_, names: tuple[str, ...], item: str | None) -> Iterator[Found]:
    """Walk the file; name list entries by their number or id where they have one, so an id
    survives reordering and insertion of other entries."""
    if isinstance(node, dict):
        if isinstance(node.get("ru"), (str, list)) and path and path[-1] != "columns":
            yield path, names, item, node
            return
        if "number" in node:
            item = f"пункт {node['number']}"
        elif isinstance(node.get("id"), str):
            item = node["id"]
        for key, value in node.items():
            if key not in _NOT_TRANSLATED and key != "columns":
                yield from _texts(value, (*path, key), (*names, str(key)), item)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            name = str(index + 1)
            if isinstance(value, dict) and ("number" in value or isinstance(value.get("id"), str)):
                name = str(value.get("number", value.get("id")))
            yield from _texts(value, (*path, index), (*names, name), item)


def _context(item: str | None, column: int | None, columns: list[str], field: str) -> str:
    where = [item] if item else []
    if column is not None and column < len(columns):
        heading = " ".join(columns[column].split())
        where.append(f"столбец «{heading}»")
    else:
        where.append(f"поле {field}")
    return "; ".join(where)
