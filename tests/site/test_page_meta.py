"""What every page tells a search engine, a link preview and a screen reader before its content:
a meta description of its own, in its language, from its data, and a named search dialog (the
skip link is tried with the keyboard in test_accessibility.py). Read from the built HTML of every page (tests/sitepages.py)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import Site
from sitepages import counterpart, language, pages
from vakr.publish import strings

KAZAKH_LETTERS = set("әғқңөұүһі")


def _description(built: Site, url: str) -> str:
    meta = built.page(url).find("meta", attrs={"name": "description"})
    return meta["content"] if meta else ""


def test_every_page_describes_itself_in_its_language(built: Site, site: Path) -> None:
    found = {url: _description(built, url) for url in pages(site)}
    wrong = [f"{url or '/'}: no description" for url, text in found.items() if len(text) < 40]
    wrong += [f"{url or '/'}: the site's description, not the page's" for url, text in found.items()
              if text == strings.t(language(url), "site.description")]
    wrong += [f"{url or '/'}: not in Kazakh: {text}" for url, text in found.items()
              if language(url) == "kk" and not KAZAKH_LETTERS & set(text.lower())]
    wrong += [f"{url or '/'}: the same as {counterpart(url) or '/'}" for url, text in found.items()
              if text == found.get(counterpart(url))]
    assert not wrong, "\n".join(wrong)
    assert len(set(found.values())) >= len(found) // 2 - 2, "descriptions are mostly copies of each other"


def test_descriptions_carry_the_pages_data(built: Site) -> None:
    """The plan's approval date and number of items; the cartogram's number of risks."""
    plan = built.page("kk/2026/plan/")
    rows = len(plan.select("table.vakr-table tbody tr[id]"))
    assert f"{rows}" in _description(built, "kk/2026/plan/") and "13.05.2026" in _description(built, "kk/2026/plan/")
    risks = len(built.page("2026/risks/").select("table.vakr-table--risks tbody tr[id^=risk-]"))
    assert f": {risks}." in _description(built, "2026/cartogram/")


def test_the_404_page_has_a_description(built: Site) -> None:
    assert _description(built, "404.html") == strings.t("ru", "site.description")


def test_every_search_dialog_is_named(built: Site, site: Path) -> None:
    unnamed = [url or "/" for url in [*pages(site), "404.html"]
               if not (built.page(url).select_one("dialog.vakr-search__dialog") or {}).get("aria-label")]
    assert not unnamed, unnamed


def _local(built: Site, url: str, address: str) -> Path:
    """The built file a page's address names (the 404 page's are from the root: the site's is `/`)."""
    if address.startswith("/"):
        folder = built.root
    else:
        folder = (built.root / url).parent if url.endswith(".html") else built.root / url
    return (folder / address.split("?")[0].lstrip("/")).resolve()


def test_nothing_but_stylesheets_holds_back_the_first_paint(built: Site, site: Path) -> None:
    """What Lighthouse counts as render-blocking (`make audit`): a page's head links Material's two
    stylesheets and the site's one (the typeface's faces in it, no preloaded font competing with
    them), and, for a reader without JavaScript only, the one that applies the typeface; every script
    runs after the page is parsed (`defer` or a module), and each is there."""
    wrong = []
    for url in [*pages(site), "404.html"]:
        page = built.page(url)
        noscript = [link["href"] for link in page.select('noscript link[rel="stylesheet"]')]
        sheets = [link["href"] for link in page.select('link[rel="stylesheet"]')
                  if link["href"] not in noscript]
        if len(sheets) != 3 or not sheets[-1].endswith("assets/generated/site.css"):
            wrong.append(f"{url or '/'}: stylesheets {sheets}")
        if len(noscript) != 1 or not noscript[0].endswith("assets/fonts/fonts-noscript.css"):
            wrong.append(f"{url or '/'}: stylesheets without JavaScript {noscript}")
        sheets += noscript
        wrong += [f"{url or '/'}: preloads {link['href']}" for link in page.select('link[rel="preload"]')]
        for script in page.select("script[src]"):
            if not (script.has_attr("defer") or script.get("type") == "module"):
                wrong.append(f"{url or '/'}: {script['src']} blocks the parser")
            if not _local(built, url, script["src"]).is_file():
                wrong.append(f"{url or '/'}: {script['src']} is not in the site")
        wrong += [f"{url or '/'}: {href} is not in the site" for href in sheets
                  if not _local(built, url, href).is_file()]
    assert not wrong, "\n".join(wrong[:20])


def test_the_one_stylesheet_holds_every_source(built: Site) -> None:
    """The faces of the typeface, one file each (a page fetches at most four, which arrive
    together: one layout, not one per script subset; their files found from the combined file's
    folder), the site's rules, the risk levels' colours from data/risk-matrix.yml and the search
    dialog's rules."""
    css = (built.root / "assets/generated/site.css").read_text(encoding="utf-8")
    rules = [rule for rule in re.findall(r"@font-face \{([^}]*)\}", css) if ".woff2" in rule]
    faces = [(re.search(r'font-family: "([^"]+)"; font-style: (\w+); font-weight: (\d+)', rule).groups(),
              re.search(r"url\(([^)]+\.woff2)\)", rule)[1]) for rule in rules]
    assert {face for face, _ in faces} >= {("Roboto", "normal", "300"), ("Roboto", "normal", "400"),
                                           ("Roboto", "italic", "400"), ("Roboto", "normal", "700")}
    assert len({face for face, _ in faces}) == len(faces), "a face in more than one file"
    assert not [rule for rule in rules if "unicode-range" in rule], "a face split by unicode-range"
    assert all((built.root / "assets/generated" / file).resolve().is_file() for _, file in faces)
    assert all(rule in css for rule in (".vakr-skip", ".vakr-level--", ".vakr-search__dialog", "@media print"))
