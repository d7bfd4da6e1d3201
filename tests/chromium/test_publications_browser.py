"""The schedule and plan printed to PDF in Chromium (every page's loading and phone width
are checked by test_browser.py): they must
read like the signed documents (approval block top right, every column, headers repeated
on every page that holds table rows, item numbers kept, no navigation, search, header or footer,
nothing after the document's last line: no open data, no edition history)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from vakr.publish import strings


# what the document has after its table (the closing line on who controls execution), as one line
AFTER_TABLE = """[...document.querySelectorAll("article .vakr-table-wrap ~ *")]
  .map(e => e.innerText).join(" ").replace(/\\s+/g, " ")"""


def _pdf_pages(browser: Browser, url: str, tmp_path: Path) -> tuple[list[str], str]:
    """The printed pages' text, and the text that follows the table."""
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    after_table = page.evaluate(AFTER_TABLE)
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext (Debian's poppler-utils) is needed: make test installs it")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()], after_table


def _headed(text: str, *headers: str, first: bool = False) -> bool:
    """The page opens with the table's column headers (a header may wrap over two lines); the
    first page has the approval block and the title above them."""
    top = " ".join(text.splitlines()[:None if first else 6])
    return all(word in top for header in headers for word in header.split())


def _holds_rows(text: str, after_table: str) -> bool:
    """A printed page holds table rows unless all it has is text that follows the table."""
    return any(" ".join(line.split()) not in after_table for line in text.splitlines() if line.strip())


@pytest.mark.parametrize("url, heading, numbers, first_header, last_header", [
    ("2026/plan/", "«УТВЕРЖДАЮ»", 38, "Мероприятие", "Ответственный"),
    ("kk/2026/schedule/", "«БЕКІТЕМІН»", 12, "Жұмыс түрі", "Орындалу мерзімі"),
])
def test_document_prints_like_the_signed_paper(browser: Browser, base_url: str, tmp_path: Path, url: str,
                                               heading: str, numbers: int, first_header: str, last_header: str) -> None:
    pages, after_table = _pdf_pages(browser, base_url + url, tmp_path)
    assert len(pages) >= 2
    first = pages[0].splitlines()
    approval = next(line for line in first if heading in line)
    assert first.index(approval) < 3, "the approval block must open the document"
    assert approval.index(heading) > len(approval) / 3, "the approval block stands at the top right"
    for number, text in enumerate(pages, 1):
        if _holds_rows(text, after_table):
            assert _headed(text, first_header, last_header, first=number == 1), f"page {number}: the table headers are not repeated"
        else:
            assert number == len(pages), f"page {number} of {len(pages)}: no table rows before the table's end"
    everything = "\n".join(pages)
    # the site's words around the document: the reading of a deadline, the links, the edition history
    web_only = [strings.t(lang, key) for lang in ("ru", "kk")
                for key in ("deadline.source", "monitoring.item.link", "page.history", "history.none")]
    for chrome in ("Поиск", "Іздеу", "© АО", "Назад", "Вперед", "Келесі", "Алдыңғы", "vakr-2026", *web_only):
        assert chrome not in everything, chrome
    found = {int(n) for n in re.findall(r"^\s{0,6}(\d{1,2})\s", everything, flags=re.M)}
    assert set(range(1, numbers + 1)) <= found, set(range(1, numbers + 1)) - found


# A4 less the 10 mm side margins of @page: the width a printed page lays its content out in
PRINTED_WIDTH = round(190 / 25.4 * 96)


@pytest.mark.parametrize("url", ["2026/plan/", "kk/2026/plan/", "kk/2026/schedule/"])
def test_printed_tables_keep_their_right_border_on_the_paper(browser: Browser, base_url: str, url: str) -> None:
    """The signed documents' table as wide as the page lost its right border at the paper's edge
    (half of a collapsed border lies outside the table box)."""
    page = browser.new_page(viewport={"width": PRINTED_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    page.goto(base_url + url, wait_until="load")
    page.evaluate("document.fonts.ready")
    edges = page.evaluate('[...document.querySelectorAll("article table")].map(t => t.getBoundingClientRect().right)')
    page.close()
    assert edges and all(edge <= PRINTED_WIDTH - 1 for edge in edges), (PRINTED_WIDTH, edges)


@pytest.mark.parametrize("lang, total", [("", "Всего рисков"), ("kk/", "Барлығы")])
def test_printed_cartogram_gives_its_totals_once(browser: Browser, base_url: str, tmp_path: Path,
                                                  lang: str, total: str) -> None:
    """The matrix spans two sheets; its totals row follows its last row, not the foot of each sheet."""
    pages, _ = _pdf_pages(browser, base_url + lang + "2026/cartogram/", tmp_path)
    rows = re.findall(rf"^\s*{total}(?:\s+\d+){{5,}}\s*$", "\n".join(pages), flags=re.M)
    assert len(pages) >= 2 and len(rows) == 1, rows
