"""Every text cell of the approved documents appears verbatim on the built site, in its
language, in the row of its own item. The sources are read here independently of the
project's data files, straight from the text exports in fixtures/seeds."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
SCHEDULE_SEED = SEEDS / "000_b3ad90fed6332446.txt"
PLAN_SEED = SEEDS / "001_2eafa07e1a830079.txt"

# The plan's item 4 is split by a page break before its number: its first half is the
# unnumbered line just above "4." (all other continuation lines follow their item).
PLAN_HEAD_FRAGMENTS = {"АО «СПК «Алматы» и ДЗО обеспечить единообразие и прозрачность дисциплинарной": 4}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fragments(cell: str) -> list[str]:
    """The text pieces of a cell: HTML tags of the export separate them."""
    return [norm(html.unescape(piece)) for piece in re.split(r"<[^>]+>", cell) if norm(piece)]


@dataclass
class SeedCell:
    line: int
    item: int
    text: str


def table_cells(lines: list[str], start: int, stop: int, head: dict[str, int] | None = None) -> list[SeedCell]:
    """Cells of the table rows in lines[start:stop], each attributed to its item number."""
    out: list[SeedCell] = []
    current = None
    for number, line in enumerate(lines[start:stop], start + 1):
        if "\t" not in line or line.startswith("<b>"):
            continue
        cells = line.split("\t")
        if cells[0].strip():
            current = int(cells[0].strip().rstrip("."))
        for cell in cells[1:]:
            for text in fragments(cell):
                item = (head or {}).get(norm(cells[1]), current)
                out.append(SeedCell(number, item, text))
    return out


def item_text(page: BeautifulSoup, number: int) -> str:
    """The text of an item's rows (a schedule item may span several rows)."""
    row = page.find("tr", id=f"item-{number}")
    assert isinstance(row, Tag), f"no row #item-{number}"
    parts = [row.get_text(" ")]
    for sibling in row.find_next_siblings("tr"):
        if sibling.get("id") or "vakr-section" in (sibling.get("class") or []):
            break
        parts.append(sibling.get_text(" "))
    return norm(" ".join(parts))


def page_text(page: BeautifulSoup) -> str:
    return norm(page.find("article", class_="md-content__inner").get_text(" "))


SCHEDULE_LINES = SCHEDULE_SEED.read_text(encoding="utf-8").split("\n")
PLAN_LINES = PLAN_SEED.read_text(encoding="utf-8").split("\n")
SCHEDULE = {"ru": (SCHEDULE_LINES[:37], "2026/schedule/"), "kk": (SCHEDULE_LINES[37:], "kk/2026/schedule/")}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_schedule_cells_verbatim_in_their_item(built, lang: str) -> None:
    lines, url = SCHEDULE[lang]
    page = built.page(url)
    header = next(i for i, line in enumerate(lines) if line.startswith("№ п/п"))
    cells = table_cells(lines, header + 1, len(lines))
    assert len({c.item for c in cells}) == 12
    missing = [c for c in cells if c.text not in item_text(page, c.item)]
    assert not missing, "\n".join(f"line {c.line}, item {c.item}: {c.text[:90]}" for c in missing)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_schedule_document_parts_verbatim(built, lang: str) -> None:
    """Approval block, title, column headings and section titles of each language's edition."""
    lines, url = SCHEDULE[lang]
    text = page_text(built.page(url))
    header = next(i for i, line in enumerate(lines) if line.startswith("№ п/п"))
    expected = [norm(line) for line in lines[:header] if norm(line)]
    expected += [norm(cell) for cell in lines[header].split("\t")]
    expected += [f for line in lines[header:] if line.startswith("<b>") for f in fragments(line)]
    assert len(expected) >= 12
    missing = [e for e in expected if e not in text]
    assert not missing, missing


@pytest.mark.parametrize("url", ["2026/plan/", "kk/2026/plan/"])
def test_plan_cells_verbatim_in_their_item(built, url: str) -> None:
    """The plan has only a Russian edition: both language pages carry its Russian text."""
    page = built.page(url)
    header = next(i for i, line in enumerate(PLAN_LINES) if line.startswith("№\t"))
    closing = next(i for i, line in enumerate(PLAN_LINES) if line.startswith("Контроль"))
    cells = table_cells(PLAN_LINES, header + 1, closing, PLAN_HEAD_FRAGMENTS)
    assert len({c.item for c in cells}) == 38
    missing = [c for c in cells if c.text not in item_text(page, c.item)]
    assert not missing, "\n".join(f"line {c.line}, item {c.item}: {c.text[:90]}" for c in missing)


def test_plan_document_parts_verbatim(built) -> None:
    text = page_text(built.page("2026/plan/"))
    header = next(i for i, line in enumerate(PLAN_LINES) if line.startswith("№\t"))
    expected = [norm(line) for line in PLAN_LINES[:header] if norm(line)]
    expected += [norm(cell) for cell in PLAN_LINES[header].split("\t")]
    expected += [norm(line) for line in PLAN_LINES if line.startswith("Контроль")]
    missing = [e for e in expected if e not in text]
    assert not missing, missing


def test_plan_rows_split_by_page_breaks_are_joined() -> None:
    """Guard for the test itself: the seed still has the continuation lines it handles."""
    continuation_items = {c.item for c in table_cells(PLAN_LINES, 15, 69, PLAN_HEAD_FRAGMENTS)
                          if not PLAN_LINES[c.line - 1].split("\t")[0].strip()}
    assert continuation_items == {4, 9, 21, 25, 28, 31, 36}


@pytest.mark.parametrize("url", ["2026/plan/", "kk/2026/plan/", "2026/schedule/", "kk/2026/schedule/"])
def test_source_html_becomes_structure_not_text(built, url: str) -> None:
    """The export's <p>/<ul>/<li>/<b> fragments are rendered as elements, never shown as tags."""
    page = built.page(url)
    text = page_text(page)
    assert not re.search(r"</?(p|ul|li|b)\b", text)
    if "schedule" in url:
        assert page.select(".vakr-table ul.vakr-dashes li")


def test_kazakh_plan_page_marks_russian_text_and_says_why(built) -> None:
    page = built.page("kk/2026/plan/")
    notice = page.select_one(".admonition[role=note]")
    assert notice is not None and "бекітілген құжаттың тілінде — орыс тілінде жарияланады" in notice.get_text()
    cells = page.select("tr#item-17 td")
    assert cells[0].select_one('[lang="ru"]') is not None
    assert page.find("html")["lang"] == "kk"
