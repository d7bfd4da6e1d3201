"""The site's search index (Pagefind), written after the site is built: one chunked index per
page language, so a reader's browser fetches only the parts of the index its words need, and
a Russian page searches Russian text, a Kazakh page Kazakh text.

Each row the site gives an anchor to (a plan or schedule item, a risk, an item's execution
section: marked `data-search-unit` in the templates) is a result of its own, titled with what
it is ("Пункт 23 — План мероприятий · 2026") and linked to that anchor; the rest of a page is
one more result. Text marked `data-search-exclude` (Russian text shown untranslated on a
Kazakh page) is left out: the Russian page finds it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from vakr.publish import strings
from vakr.publish.routes import VIEWS

OUTPUT = "pagefind"  # the index's folder in the site
UNIT = "data-search-unit"
EXCLUDE = "data-search-exclude"
_YEAR = re.compile(r"(?:^|/)(\d{4})/")
# filtered views of pages the index already holds (organization pages): left out
_NOT_SEARCHABLE = tuple(f"/{view.folder}/" for view in VIEWS.values() if not view.searchable)
# what Pagefind writes that this site does not use (its ready-made UIs; ours is vakr-search.js)
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


@dataclass(frozen=True)
class Document:
    """One search result: its URL (site-relative, with the anchor), language and HTML."""

    url: str
    lang: str
    html: str


def _url(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def searchable(url: str) -> bool:
    return not url.startswith("404") and not any(part in "/" + url for part in _NOT_SEARCHABLE)


def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _doc(lang: str, url: str, title: str, body: list[HtmlElement]) -> str:
    """A small page for Pagefind: the result's address and title (not repeated in its
    snippet), and the body its words and snippet come from."""
    meta = lxml.html.Element("span", {"data-pagefind-meta": "title[data-title], url[data-url]",
                                      "data-title": title, "data-url": url})
    parts = [lxml.html.tostring(meta, encoding="unicode")]
    parts += [lxml.html.tostring(element, encoding="unicode", with_tail=False) for element in body]
    head = f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head>'
    return f'{head}<body>{"".join(parts)}</body></html>'


_GLUED = re.compile(r"^\w")


def _spaced(article: HtmlElement) -> None:
    """A space after every element that a word follows without one: the page sets them apart
    by layout (a deadline, then «в документе: …» on its own line), and Pagefind would read
    «01.07.2026в» as one word, and show it so in a snippet."""
    for element in article.iter():
        if isinstance(element.tag, str) and element.tail and _GLUED.match(element.tail):
            element.tail = " " + element.tail
        elif isinstance(element.tag, str) and element.tail is None and element.getnext() is not None:
            element.tail = " "


def _rows(unit: HtmlElement) -> list[HtmlElement]:
    """A unit's elements: itself, or for a table row, it and the rows after it that have no
    anchor of their own (a schedule item of several rows)."""
    rows = [unit]
    while unit.tag == "tr" and (following := rows[-1].getnext()) is not None:
        if following.xpath("descendant-or-self::*[@id]"):
            break
        rows.append(following)
    return rows


def _blocks(rows: list[HtmlElement]) -> list[HtmlElement]:
    """Table rows' cells as blocks (a `<td>` outside its table would be dropped as HTML)."""
    if rows[0].tag != "tr":
        return rows
    blocks = []
    for cell in (cell for row in rows for cell in row):
        block = lxml.html.Element("div")
        block.text = cell.text
        block.extend(list(cell))
        blocks.append(block)
    return blocks


def page_documents(url: str, html: str) -> Iterator[Document]:
    """The results of one built page: each marked unit, then the rest of its content."""
    root = lxml.html.document_fromstring(html)
    lang = root.get("lang", "ru")
    # the theme's content: the page's first <article> (ours are inside it); a class search over
    # the whole page took a tenth of the indexing at 50×
    article = next(root.iter("article"), None)
    if article is None or "md-content__inner" not in article.get("class", ""):
        return
    units = article.xpath(f".//*[@{UNIT}]")
    # a row shown (partly) untranslated is found with its page: on its own it would be a
    # result with nothing of its text in the page's language but its number and status
    untranslated = {unit for unit in units if unit.xpath(f"descendant-or-self::*[@{EXCLUDE}]")}
    for hidden in article.xpath(f".//*[@{EXCLUDE}] | .//*[@aria-hidden='true'] | .//script | .//style"):
        hidden.drop_tree()
    _spaced(article)
    heading = article.find(".//h1")
    page_title = _text(heading) if heading is not None else ""
    year = _YEAR.search(url)
    if year and year.group(1) not in page_title:
        page_title = strings.t(lang, "search.page_in_cycle", page=page_title, year=year.group(1))
    if heading is not None:
        heading.drop_tree()
    for unit in units:
        if unit in untranslated:
            continue
        title = strings.t(lang, "search.unit_on_page", unit=unit.get(UNIT), page=page_title)
        anchor = unit.get("id")
        rows = _rows(unit)
        yield Document(f"{url}#{anchor}", lang, _doc(lang, f"{url}#{anchor}", title, _blocks(rows)))
        for row in rows:
            row.drop_tree()
    if _text(article):
        yield Document(url, lang, _doc(lang, url, page_title, [article]))


def site_pages(site: Path) -> Iterator[tuple[str, Path]]:
    """The built pages to index, in a fixed order, with their site-relative URLs."""
    for page in sorted(site.rglob("*.html")):
        url = _url(site, page)
        if not url.startswith(OUTPUT + "/") and searchable(url):
            yield url, page


def site_documents(site: Path) -> Iterator[Document]:
    for url, page in site_pages(site):
        yield from page_documents(url, page.read_text(encoding="utf-8"))


def write_index(site: Path) -> int:
    """Write the search index of the built site in `site` into `site/pagefind/`; return the
    number of results it holds. Replaces an index written before.

    Each result is written as a small page into a temporary folder that Pagefind's own
    program indexes: its Python API answered ten requests a second (it waits 0.1 s before
    reading each answer), a minute for the plan of one cycle. A result's address is in its
    `url` meta (site-relative, with the anchor), which the search dialog links to."""
    shutil.rmtree(site / OUTPUT, ignore_errors=True)
    return index_documents(list(site_documents(site)), site / OUTPUT)


def index_documents(documents: list[Document], output: Path) -> int:
    """Write the index of `documents` into the folder `output` (see `write_index`)."""
    with tempfile.TemporaryDirectory(prefix="vakr-search-") as folder:
        for number, document in enumerate(documents):
            Path(folder, f"{number:06d}.html").write_text(document.html, encoding="utf-8")
        command = [sys.executable, "-m", "pagefind", "--site", folder, "--output-path", str(output), "--silent"]
        subprocess.run(command, check=True)
    for name in _UNUSED:
        (output / name).unlink(missing_ok=True)
    _sort_languages(output / "pagefind-entry.json")
    return len(documents)


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in a hash map's order, which changes from
    run to run: sorted, the same data gives the same bytes (reproducible builds)."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
