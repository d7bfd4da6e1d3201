"""The built site in a real browser (Debian's Chromium): pages load cleanly, stay on this
host, fit a phone screen, and the language switcher keeps the reader on the same page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from browser import chromium, serve

PAGES = ["", "2026/", "2026/schedule/", "2026/plan/", "2026/cartogram/", "2026/risks/", "2026/organizations/spk/"]
ALL_PAGES = PAGES + [f"kk/{url}" for url in PAGES]


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.mark.parametrize("url", ALL_PAGES)
def test_page_loads_cleanly_from_this_host_only(browser: Browser, base_url: str, url: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    failed: list[str] = []
    host = urlsplit(base_url).netloc
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(base_url + url, wait_until="networkidle")
    page.close()
    assert not errors and not foreign and not failed, (errors, foreign, failed)


@pytest.mark.parametrize("url", ALL_PAGES)
def test_phone_width_has_no_horizontal_scroll(browser: Browser, base_url: str, url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base_url + url)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.close()
    assert overflow <= 0, f"{url}: page body scrolls sideways by {overflow}px at 360px"


@pytest.mark.parametrize("url", ALL_PAGES)
def test_switcher_click_lands_on_same_page_in_other_language(browser: Browser, base_url: str, url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + url)
    other = "ru" if url.startswith("kk/") else "kk"
    page.click(".md-header .md-select button")
    page.click(f'a.md-select__link[hreflang="{other}"]')
    page.wait_for_load_state()
    expected = url.removeprefix("kk/") if other == "ru" else f"kk/{url}"
    assert page.url == base_url + expected
    assert page.evaluate("document.documentElement.lang") == other
    page.close()


@pytest.mark.parametrize("url", ["2026/plan/", "kk/2026/schedule/"])
def test_content_is_there_without_javascript(browser: Browser, base_url: str, url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + url)
    assert page.locator("table.vakr-table tbody tr[id]").count() >= 12
    assert page.locator("table.vakr-table th[scope=col]").count() >= 4
    context.close()
