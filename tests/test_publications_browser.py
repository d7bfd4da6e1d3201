"""The schedule and plan printed to PDF in Chromium (every page's loading and phone width
are checked by test_browser.py): they must
read like the signed documents (approval block top right, every column, headers repeated
on every page, item numbers kept, no navigation, search, header or footer)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser


def _pdf_pages(browser: Browser, url: str, tmp_path: Path) -> list[str]:
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext (Debian's poppler-utils) is needed: make test installs it")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


@pytest.mark.parametrize("url, heading, numbers, first_header, last_header", [
    ("2026/plan/", "«УТВЕРЖДАЮ»", 38, "Мероприятие", "Ответственный"),
    ("kk/2026/schedule/", "«БЕКІТЕМІН»", 12, "Жұмыс түрі", "Орындалу мерзімі"),
])
def test_document_prints_like_the_signed_paper(browser: Browser, base_url: str, tmp_path: Path, url: str,
                                               heading: str, numbers: int, first_header: str, last_header: str) -> None:
    pages = _pdf_pages(browser, base_url + url, tmp_path)
    assert len(pages) >= 2
    first = pages[0].splitlines()
    approval = next(line for line in first if heading in line)
    assert first.index(approval) < 3, "the approval block must open the document"
    assert approval.index(heading) > len(approval) / 3, "the approval block stands at the top right"
    for number, text in enumerate(pages, 1):
        assert first_header in text and last_header in text, f"page {number}: the table headers are not repeated"
    everything = "\n".join(pages)
    for chrome in ("Поиск", "Іздеу", "© АО", "Назад", "Вперед", "Келесі", "Алдыңғы", "vakr-2026"):
        assert chrome not in everything, chrome
    found = {int(n) for n in re.findall(r"^\s{0,6}(\d{1,2})\s", everything, flags=re.M)}
    assert set(range(1, numbers + 1)) <= found, set(range(1, numbers + 1)) - found
