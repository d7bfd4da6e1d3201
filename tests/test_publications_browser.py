"""The publication pages in Chromium, and the schedule and plan printed to PDF: they must
read like the signed documents (approval block top right, every column, headers repeated
on every page, item numbers kept, no navigation, search, header or footer)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser


PAGES = ["2026/announcements/", "2026/announcements/start/", "2026/discussion/", "2026/report/",
         "2026/positions/", "2026/data/", "archive/", "contacts/"]
ALL_PAGES = PAGES + [f"kk/{url}" for url in PAGES]




@pytest.mark.parametrize("url", ALL_PAGES)
def test_page_loads_from_this_host_only_and_fits_a_phone(browser: Browser, base_url: str, url: str) -> None:
    """The feed's <link rel="alternate"> makes Material fetch sitemap.xml beside the feed:
    it must exist (no 404), and nothing may come from another host."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    problems: list[str] = []
    host = urlsplit(base_url).netloc
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: problems.append(r.url) if urlsplit(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(base_url + url, wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.close()
    assert not problems and overflow <= 0, (problems, overflow)


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
