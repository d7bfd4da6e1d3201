"""The built site in a real browser (Debian's Chromium): pages load cleanly, stay on this
host, fit a phone screen, and the language switcher keeps the reader on the same page.
The pages are found in the build (tests/sitepages.py), so new page kinds are covered."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from browser import FRAMES, TYPEFACE_APPLIED
from sitepages import counterpart, language, one_per_type, pages




def test_the_site_has_pages_of_several_types_in_both_languages(site: Path) -> None:
    """Guards the discovery the other checks loop over."""
    found = pages(site)
    assert {"", "2026/", "2026/schedule/", "2026/plan/"} <= set(found)
    assert all(counterpart(url) in found for url in found), "every page exists in both languages"
    assert len(one_per_type(site)) >= 8


def test_every_page_loads_cleanly_from_this_host_only(browser: Browser, base_url: str, site: Path) -> None:
    host = urlsplit(base_url).netloc
    problems: list[str] = []
    page = browser.new_page()
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.on("request", lambda r: problems.append(f"foreign: {r.url}")
            if urlsplit(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
    # a request the next page's navigation cut short (the search worker, a font still loading on
    # a busy machine) is not a failure of the site; a missing file is a 404 below
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} ({r.failure})")
            if r.failure != "net::ERR_ABORTED" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for url in [*pages(site), "404.html"]:
        before = len(problems)
        page.goto(base_url + url, wait_until="networkidle")
        problems[before:] = [f"{url or '/'}: {p}" for p in problems[before:]]
    page.close()
    assert not problems, "\n".join(problems)


# tables wider than their column that neither scroll themselves nor sit in a box that does
UNCONTAINED_TABLES = """[...document.querySelectorAll("article table")].filter(t =>
  t.scrollWidth > t.parentElement.clientWidth + 1 && ![...function* up(e) { do yield e; while ((e = e.parentElement)); }(t)]
    .some(e => ["auto", "scroll"].includes(getComputedStyle(e).overflowX))).length"""


# boxes that scroll sideways but a keyboard cannot reach (no tab stop) or that carry no name
UNREACHABLE_SCROLLERS = """[...document.querySelectorAll("article *")].filter(e =>
  ["auto", "scroll"].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1
  && (e.tabIndex < 0 || !(e.getAttribute("aria-label") || e.getAttribute("aria-labelledby"))))
  .map(e => e.className || e.tagName)"""


def test_phone_width_has_no_horizontal_scroll(browser: Browser, base_url: str, site: Path) -> None:
    """At 360px the page body never scrolls sideways; a wide table scrolls in its own box, which
    a keyboard can reach and which says what it holds."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    wide = []
    for url in pages(site):
        page.goto(base_url + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append(f"{url or '/'}: page body scrolls sideways by {overflow}px at 360px")
        if tables := page.evaluate(UNCONTAINED_TABLES):
            wide.append(f"{url or '/'}: {tables} wide table(s) not in a scrolling container")
        if boxes := page.evaluate(UNREACHABLE_SCROLLERS):
            wide.append(f"{url or '/'}: scrolls sideways, out of the keyboard's reach or unnamed: {boxes}")
    page.close()
    assert not wide, "\n".join(wide)


# cells of a phone card (a table row shown as a card) narrower than the card: a column width
# meant for the desktop table squeezing one field into a strip
NARROW_CARD_FIELDS = """[...document.querySelectorAll("article table.vakr-table tr")].flatMap(row =>
  [...row.children].filter(cell => cell.getBoundingClientRect().width < 0.9 * row.getBoundingClientRect().width)
    .map(cell => (row.id || "row") + ": " + (cell.dataset.label || cell.tagName) + " " +
         Math.round(cell.getBoundingClientRect().width) + "px of " + Math.round(row.getBoundingClientRect().width)))"""


def test_phone_cards_give_every_field_the_full_width(browser: Browser, base_url: str, site: Path) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    narrow = []
    for url in pages(site):
        page.goto(base_url + url)
        narrow += [f"{url or '/'}: {field}" for field in page.evaluate(NARROW_CARD_FIELDS)]
    page.close()
    assert not narrow, "\n".join(narrow[:20])


# columns cut off: a table whose right edge runs past what its scroll box (or the article) shows;
# 1px of slack for sub-pixel widths, no more: a clipped column is tens of pixels
CLIPPED_TABLES = """[...document.querySelectorAll("article table")].flatMap(t => {
  let box = t.parentElement;
  while (box !== document.body && !["auto", "scroll", "hidden"].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
  if (box === document.body) box = t.closest("article");
  const cut = Math.max(t.getBoundingClientRect().right - box.getBoundingClientRect().right, box.scrollWidth - box.clientWidth);
  return cut > 1 ? [(t.querySelector("caption")?.textContent.trim() || t.className) + ": " + Math.round(cut) + "px cut"] : [];
})"""


def test_every_table_fits_a_desktop_screen(browser: Browser, base_url: str, site: Path) -> None:
    """At 1280px every column of every table is in view without scrolling (the cartogram's
    totals, the last column of the risk tables), whatever fonts the machine has."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    clipped = []
    for url in pages(site):
        page.goto(base_url + url, wait_until="load")
        clipped += [f"{url or '/'}: {table}" for table in page.evaluate(CLIPPED_TABLES)]
    page.close()
    assert not clipped, "\n".join(clipped)


# words a table cell breaks in the middle: a column narrower than its longest word (links the theme
# lets break anywhere squeezed an organization's status column to «отчё/та» and a file name to
# «organizations.cs/v»); words split where a line may end (spaces, hyphens, dashes, slashes); a
# visually hidden header (a phone's cards) does not count
BROKEN_WORDS = """[...document.querySelectorAll("article :is(td, th)")].filter(cell => {
  for (let e = cell; e; e = e.parentElement) if (getComputedStyle(e).clip !== "auto") return false;
  return true;
}).flatMap(cell => {
  const broken = [], walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node; (node = walk.nextNode());) {
    for (const word of node.data.matchAll(/[^\\s\\-‐–—\\/]+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
      if (lines.size > 1) broken.push(word[0]);
    }
  }
  return broken;
})"""


def test_no_word_in_a_table_is_broken_at_desktop_width(browser: Browser, base_url: str, site: Path) -> None:
    """At 1280px every column is at least as wide as its longest word, in both languages."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    broken = []
    for url in pages(site):
        page.goto(base_url + url, wait_until="load")
        page.evaluate("document.fonts.ready")
        if words := page.evaluate(BROKEN_WORDS):
            broken.append(f"{url or '/'}: {len(words)} word(s) broken, e.g. {sorted(set(words))[:5]}")
    page.close()
    assert not broken, "\n".join(broken)


# dates of the timeline struck through by its as-of line (it was drawn over «12.05»): the line is
# moved onto each date in turn, wherever the state date falls, and the date must stay on top
STRUCK_DATES = """[...document.querySelectorAll("article svg.vakr-timeline__svg")].flatMap(svg => {
  const line = svg.querySelector(".vakr-tl-as-of line"), struck = [];
  if (!line) return ["no as-of line"];
  svg.scrollIntoView({block: "center"});
  for (const date of svg.querySelectorAll(".vakr-tl-date")) {
    const x = date.getBBox().x + Math.min(4, date.getBBox().width / 2);
    line.setAttribute("x1", x);
    line.setAttribute("x2", x);
    const at = line.getBoundingClientRect(), r = date.getBoundingClientRect();
    const top = document.elementFromPoint(at.left + at.width / 2, r.top + r.height / 2);
    if (!top || !date.contains(top)) struck.push(date.textContent.trim() + " under " + (top && top.tagName));
  }
  return struck;
})"""


@pytest.mark.parametrize("url", ["2026/timeline/", "kk/2026/timeline/"])
def test_timeline_dates_are_never_struck_through(browser: Browser, base_url: str, url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base_url + url, wait_until="load")
    dates = page.locator(".vakr-tl-date").count()
    struck = page.evaluate(STRUCK_DATES)
    page.close()
    assert dates >= 5 and not struck, struck


# side-menu links a reader cannot reach: each brought into view the way a reader scrolls (the menu
# within its box, the page: a long Kazakh menu is taller than 800 px, and the menu "scrolls or
# fits"), after the theme has fitted the menu to the new scroll position (it does so on the next
# frames), still cut off by the menu's box or the screen, or under something else (the sticky
# header or title); a box that cannot scroll does not count as scrolled; links of collapsed
# sections are not shown anyway
HIDDEN_MENU_LINKS = """async () => {
  const frames = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const hidden = [];
  for (const a of document.querySelectorAll(".md-sidebar--primary .md-nav__link")) {
    if (!a.checkVisibility({visibilityProperty: true}) || !a.getBoundingClientRect().height) continue;
    const wrap = a.closest(".md-sidebar__scrollwrap");
    for (let i = 0; i < 2; i++) { a.scrollIntoView({block: "nearest"}); await frames(); }
    const r = a.getBoundingClientRect(), box = wrap.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
    if ((wrap.scrollTop > 0 && !/auto|scroll/.test(getComputedStyle(wrap).overflowY))
        || r.bottom > Math.min(innerHeight, box.bottom) + 1 || r.top < Math.max(0, box.top) - 1
        || !top || !(a.contains(top) || top.contains(a))) hidden.push(a.textContent.trim());
  }
  return hidden;
}"""


# the side menu as a page opens (the theme has scrolled it to the current entry): entries cut off
# at the top of its box (a first line half hidden), and the current entry if not wholly in view
CUT_MENU_LINKS = """async () => {
  await document.fonts.ready;
  for (let i = 0; i < 3; i++) await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const wrap = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
  const box = wrap.getBoundingClientRect();
  return [...wrap.querySelectorAll(".md-nav__link")].filter(a => a.checkVisibility({visibilityProperty: true}))
    .filter(a => {
      const r = a.getBoundingClientRect();
      return r.height && (r.top < box.top - 1 && r.bottom > box.top
        || a.matches(".md-nav__link--active") && (r.top < box.top - 1 || r.bottom > box.bottom + 1));
    }).map(a => a.textContent.trim());
}"""


def test_side_menu_shows_every_entry_on_a_laptop_screen(browser: Browser, base_url: str, site: Path) -> None:
    """At 1280×800 every entry of the side menu can be brought into sight (the menu fits or scrolls
    within its box) and is not covered, on every kind of page; as the page opens, the menu's first
    line and the current entry are whole (the theme scrolled a menu a little taller than the
    screen so that its first entries were cut off mid-line)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    hidden = []
    for url in one_per_type(site):
        page.goto(base_url + url, wait_until="load")
        if cut := page.evaluate(CUT_MENU_LINKS):
            hidden.append(f"{url or '/'}: cut off as the page opens: {cut}")
        if links := page.evaluate(HIDDEN_MENU_LINKS):
            hidden.append(f"{url or '/'}: {links}")
    page.close()
    assert not hidden, "\n".join(hidden)


@pytest.mark.parametrize("url", ["", "kk/"])
def test_home_page_shows_what_was_found_first_on_a_phone(browser: Browser, base_url: str, url: str) -> None:
    """The cartogram's key figures and the way to it are on a phone's first screen, one tap away."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(base_url + url + "2026/risks/")
    risks = page.locator("table.vakr-table--risks tbody tr[id^=risk-]").count()
    page.goto(base_url + url)
    figures = page.locator(".vakr-key dd").all_inner_texts()
    link = page.locator(".vakr-key a[href$='cartogram/']")
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 740, box
    assert figures[0] == str(risks) and len(figures) == 4, figures
    link.click()
    page.wait_for_load_state()
    assert page.url == base_url + url + "2026/cartogram/"
    page.close()


def test_switcher_click_lands_on_same_page_in_other_language(browser: Browser, base_url: str, site: Path) -> None:
    wrong = []
    page = browser.new_page()
    for url in one_per_type(site):
        page.goto(base_url + url)
        other = "ru" if language(url) == "kk" else "kk"
        page.click(".md-header .md-select button")
        page.click(f'a.md-select__link[hreflang="{other}"]')
        page.wait_for_load_state()
        lang = page.evaluate("document.documentElement.lang")
        if page.url != base_url + counterpart(url) or lang != other:
            wrong.append(f"{url or '/'}: switcher to {other} opened {page.url} (lang={lang})")
    page.close()
    assert not wrong, "\n".join(wrong)


def test_every_page_has_its_content_without_javascript(browser: Browser, base_url: str, site: Path) -> None:
    """Content, tables with headers and links are in the HTML, not put there by a script."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    empty = []
    for url in pages(site):
        page.goto(base_url + url)
        if not page.locator("article h1").count() or not page.locator("article a[href]").count():
            empty.append(f"{url or '/'}: no heading or links")
        tables = page.locator("article table")
        for i in range(tables.count()):
            if not tables.nth(i).locator("th").count():
                empty.append(f"{url or '/'}: table {i + 1} without header cells")
    context.close()
    assert not empty, "\n".join(empty)


@pytest.mark.parametrize("url", ["2026/plan/", "kk/2026/schedule/"])
def test_content_is_there_without_javascript(browser: Browser, base_url: str, url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + url)
    assert page.locator("table.vakr-table tbody tr[id]").count() >= 12
    assert page.locator("table.vakr-table th[scope=col]").count() >= 4
    context.close()


def _faces(page: Page, selector: str) -> set[str]:
    """The fonts Chromium really drew the element's own text with (not what CSS asked for)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    node = cdp.send("DOM.querySelector", {"nodeId": cdp.send("DOM.getDocument")["root"]["nodeId"], "selector": selector})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    cdp.detach()
    return {f["familyName"] + ("" if f["isCustomFont"] else " (system)") for f in fonts}


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "noscript"])
@pytest.mark.parametrize("url", ["", "kk/", "kk/2026/cartogram/", "kk/2026/plan/"])
def test_text_is_set_in_the_shipped_typeface(browser: Browser, base_url: str, url: str,
                                             javascript: bool) -> None:
    """Headings (the light weight too), text and table headers in both languages, Kazakh letters
    included, are drawn with the site's own Roboto, whatever fonts the machine has: once
    vakr-fonts.js has loaded it after the first paint, or from the start without JavaScript."""
    page = browser.new_context(java_script_enabled=javascript).new_page()
    page.goto(base_url + url, wait_until="networkidle")
    if javascript:  # without it, the faces were requested and loaded before the network went idle
        page.wait_for_function(TYPEFACE_APPLIED)
        page.evaluate("document.fonts.ready")
    drawn = {selector: _faces(page, selector) for selector in ("article h1", "article p", "article h2", "article th",
                                                              ".md-header__topic") if page.locator(selector).count()}
    page.context.close()
    assert {"article h1", "article p"} <= set(drawn), drawn
    assert all(face.startswith("Roboto") and not face.endswith("(system)")  # "Roboto Light" is its 300
               for faces in drawn.values() for face in faces), drawn


# when the page's first contentful paint and each of its font files started, in the page's own clock
PAINT_AND_FONTS = """[performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
  performance.getEntriesByType("resource").filter(r => r.name.endsWith(".woff2")).map(r => r.startTime)]"""


@pytest.mark.parametrize("url", ["", "kk/2026/plan/"])
def test_the_typeface_is_fetched_only_after_the_first_paint(browser: Browser, base_url: str,
                                                            url: str) -> None:
    """No font file holds back the first paint (Lighthouse counted them, `make audit`); the four
    Roboto faces come after it, all of them, and the next page of the visit has them at once."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    page.goto(base_url + url, wait_until="networkidle")
    page.wait_for_function(TYPEFACE_APPLIED)
    paint, fonts = page.evaluate(PAINT_AND_FONTS)
    assert paint is not None and len(fonts) >= 4, (paint, fonts)
    assert min(fonts) > paint, f"a font requested at {min(fonts):.0f} ms, before the first paint ({paint:.0f} ms)"
    page.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
      window.vakrFontsAtParse = document.documentElement.classList.contains("vakr-fonts"); });""")
    page.goto(base_url + "2026/schedule/", wait_until="load")
    assert page.evaluate("window.vakrFontsAtParse"), "the next page waited for a frame to apply the typeface"
    context.close()


# whether a row's content is rendered (not skipped by the row's content-visibility)
RENDERED = "id => document.getElementById(id).cells[0].checkVisibility({contentVisibilityAuto: true})"
PLAN_ROWS = """[...document.querySelectorAll("table.vakr-table tbody tr[id]")].map(row => row.id)"""


def test_a_phone_lays_out_the_rows_in_sight_and_a_link_lands_on_its_row(browser: Browser,
                                                                        base_url: str) -> None:
    """The plan's rows out of sight are not laid out for the first paint (vakr.css), all are soon
    after loading (vakr-layout.js), and an address naming a row halfway or further down lands on it
    though the rows above were never shown (without vakr.css's `:has(:target)` rule a Kazakh row
    landed 1200-2200px below the top)."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.add_init_script(f"""document.addEventListener("DOMContentLoaded", () => {{
      const rows = ({PLAN_ROWS});
      window.vakrAtParse = [({RENDERED})(rows[0]), ({RENDERED})(rows.at(-1))]; }});""")
    page.goto(base_url + "2026/plan/", wait_until="load")
    rows = page.evaluate(PLAN_ROWS)
    first, last = page.evaluate("window.vakrAtParse")
    assert len(rows) > 20 and first, "the first row was not laid out"
    assert not last, f"{rows[-1]}, out of sight, was laid out with the first paint"
    # then vakr-layout.js lays out the rest, a slice at a time, once the typeface is in
    page.wait_for_function(f"({PLAN_ROWS}).every(id => ({RENDERED})(id) && "
                           "document.getElementById(id).classList.contains('vakr-laid-out'))")
    wrong = []
    for url in ["2026/plan/", "kk/2026/plan/"]:
        for row in (rows[len(rows) // 2], rows[3 * len(rows) // 4]):
            page.goto(base_url + "2026/")
            page.goto(base_url + url + f"#{row}", wait_until="load")
            page.wait_for_function(TYPEFACE_APPLIED)
            page.evaluate(FRAMES)
            top = page.evaluate(f"document.getElementById('{row}').getBoundingClientRect().top")
            if not 0 <= top < 740 / 2:
                wrong.append(f"{url}#{row} is {top:.0f}px from the top of a 740px screen")
    page.close()
    assert not wrong, "\n".join(wrong)
