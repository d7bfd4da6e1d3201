"""axe-core (pinned: it ships inside axe-playwright-python) finds no WCAG 2.0/2.1 A or AA
violation on any page of the built site, in both languages, at desktop width on every page
and at phone width on one page of each type."""

from __future__ import annotations

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from browser import lay_out_whole
from sitepages import one_per_type, pages

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
PHONE = {"width": 360, "height": 740}
AXE = Axe()




def violations(page: Page) -> list[str]:
    """axe's violations on the open page, one readable line per rule and element."""
    found = AXE.run(page, options=OPTIONS).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']}\n      at {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}"
            for v in found for node in v["nodes"]]


def check(browser: Browser, base_url: str, urls: list[str], viewport: dict[str, int]) -> list[str]:
    report = []
    page = browser.new_page(viewport=viewport)
    for url in urls:
        page.goto(base_url + url, wait_until="load")
        lay_out_whole(page)
        report += [f"{url or '/'}: {line}" for line in violations(page)]
    page.close()
    return report


def test_every_page_at_desktop_width(browser: Browser, base_url: str, site: Path) -> None:
    urls = pages(site) + ["404.html"]
    report = check(browser, base_url, urls, {"width": 1280, "height": 900})
    assert not report, f"WCAG violations on {len(urls)} pages:\n" + "\n".join(report)


def test_one_page_of_each_type_at_phone_width(browser: Browser, base_url: str, site: Path) -> None:
    urls = one_per_type(site)
    report = check(browser, base_url, urls, PHONE)
    assert not report, "WCAG violations at 360px:\n" + "\n".join(report)


def test_the_first_tab_on_every_kind_of_page_skips_to_its_content(browser: Browser, base_url: str, site: Path) -> None:
    """One skip link, the first thing a keyboard reaches, shown when focused; the next Tab after
    it is in the page's content, not in the menu (23 Tab presses reached the plan's first row)."""
    wrong = []
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    for url in [*one_per_type(site), "404.html"]:
        page.goto(base_url + url, wait_until="load")
        page.keyboard.press("Tab")
        skip = page.evaluate("[document.activeElement.getAttribute('href'), document.activeElement.innerText,"
                             " document.activeElement.getBoundingClientRect().width]")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        inside = page.evaluate("!!document.activeElement.closest('.md-content')")
        if not (skip[0] or "").startswith("#") or not skip[1].strip() or skip[2] < 10 or not inside:
            wrong.append(f"{url or '/'}: first Tab on {skip}, then Tab in the content: {inside}")
    page.close()
    assert not wrong, "\n".join(wrong)


def test_axe_runs_the_wcag_rules_and_catches_a_violation(browser: Browser, base_url: str) -> None:
    """Guards the harness: the rule set is not empty and a real defect is reported."""
    page = browser.new_page()
    page.goto(base_url, wait_until="networkidle")
    page.evaluate(AXE.axe_script)
    rules = page.evaluate(f"axe.getRules({WCAG_TAGS!r}).length")
    assert rules >= 50, rules
    page.evaluate("""document.querySelector("article").insertAdjacentHTML("beforeend",
        '<img src="assets/favicon.svg"><p style="color:#ccc;background:#fff">faint</p>')""")
    found = " ".join(violations(page))
    page.close()
    assert "image-alt" in found and "color-contrast" in found, found
