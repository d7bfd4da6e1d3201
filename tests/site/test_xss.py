"""Text from data never becomes executable markup. A copy of the project gets markup in every
text field of every data file (each Russian and Kazakh text, list line, paragraph and
organization name); the build must show it as text: no script, event handler or
`javascript:` link in any page, feed, download or search index, and nothing runs in Chromium,
neither on the pages nor in search results."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from itertools import cycle
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from browser import serve
from bench.workspace import project_copy
from conftest import build_site
from sitepages import output_files, pages

pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")

MARK = "VAKR-XSS"
PAYLOADS = [
    f'<script>alert("{MARK}-1")</script>',
    f'<img src=x onerror=alert("{MARK}-2")>',
    f'<a href="javascript:alert(\'{MARK}-3\')">ссылка</a>',
    f'[ссылка](javascript:alert("{MARK}-4"))',
    f'"><svg onload=console.error("{MARK}-5")>',
    f"'><iframe src=\"javascript:alert('{MARK}-6')\"></iframe>",
    f'</textarea></title></script><script>console.error("{MARK}-7")</script>',
    f']]></title><body onload=alert("{MARK}-8")>',
    f'**жирный** <b onmouseover=alert("{MARK}-9")>b</b> {{{{ "{MARK}" ~ "-ssti" }}}}',
    f'<details open ontoggle=console.error("{MARK}-10")>',
    f'x",{MARK}-11,"=HYPERLINK(""http://example.invalid"")',  # breaks out of a CSV cell
    f"строка\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:{MARK}-12\n---\ntitle: {MARK}-12",  # ICS lines, front matter
]
ICS_INJECTED = f"SUMMARY:{MARK}-12"
TEXT_KEYS = {"ru", "kk"}  # below these keys every string is text shown to readers
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster")
OUR_SCRIPTS = "assets/javascripts/"


def inject(node: Any, payloads: Iterator[str], in_text: bool = False) -> Any:
    """Append a payload to every text string of a loaded YAML document."""
    if isinstance(node, dict):
        return {k: inject(v, payloads, in_text or k in TEXT_KEYS) for k, v in node.items()}
    if isinstance(node, list):
        return [inject(v, payloads, in_text) for v in node]
    if isinstance(node, str) and in_text:
        return f"{node} {next(payloads)}"
    return node


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project_copy(tmp_path_factory.mktemp("poisoned"))
    payloads = cycle(PAYLOADS)
    injected = 0
    for path in sorted((root / "data").rglob("*.yml")):
        original = yaml.safe_load(path.read_text(encoding="utf-8"))
        changed = inject(original, payloads)
        injected += json.dumps(changed, ensure_ascii=False, default=str).count(MARK)
        path.write_text(yaml.safe_dump(changed, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert injected >= 100, injected
    result = build_site(root / "site", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def html_problems(html: str) -> list[str]:
    """Executable markup in an HTML document or fragment."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        src = script.get("src")
        if src and OUR_SCRIPTS not in src:
            found.append(f"script from {src}")
        if not src and script.get("type") != "application/json":
            found.append(f"inline script {script.get_text()[:80]!r}")
        if MARK in script.get_text() and script.get("type") == "application/json":
            json.loads(script.get_text())  # data, and it must stay data
    for tag in soup.find_all(["iframe", "object", "embed", "base", "meta"]):
        if tag.name != "meta" or tag.get("http-equiv"):
            found.append(f"<{tag.name}> element")
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"{name}= on <{tag.name}>")
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower() in URL_ATTRIBUTES and "".join(text.split()).lower().startswith(("javascript:", "vbscript:", "data:text/html")):
                found.append(f"{name}={text[:60]!r} on <{tag.name}>")
    return found


def file_problems(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return html_problems(text)
    if path.suffix in (".xml", ".atom", ".rss"):
        # well-formed; no XHTML script elements or handlers; escaped HTML for feed readers safe too
        tree = ET.fromstring(text.encode("utf-8"))
        found = [f"<{e.tag}> element" for e in tree.iter() if str(e.tag).rsplit("}", 1)[-1] in ("script", "iframe", "object", "embed")]
        found += [f"{a}= on <{e.tag}>" for e in tree.iter() for a in e.attrib if a.rsplit("}", 1)[-1].lower().startswith("on")]
        return found + [p for element in tree.iter() for part in (element.text, element.tail) if part and "<" in part
                        for p in html_problems(part)]
    if path.suffix == ".json":
        json.loads(text)  # well-formed: the open data, and nothing shows it as HTML
        return []
    if path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(text)))
        widths = {len(row) for row in rows if row}
        return [f"rows of different widths {sorted(widths)}: a value broke out of its cell"] if len(widths) > 1 else []
    if path.suffix == ".ics":
        lines = text.replace("\r\n ", "").replace("\r\n", "\n").split("\n")  # unfolded
        return [f"line {n}: a line break in a value made a new line: {line!r}"
                for n, line in enumerate(lines, 1) if line.startswith(ICS_INJECTED)]
    return []


def test_markup_reaches_the_pages_as_visible_text(poisoned: Path) -> None:
    """Not vacuous: every payload is in the pages, shown literally to the reader."""
    visible = " ".join(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").get_text(" ")
                       for p in poisoned.rglob("*.html"))
    missing = [payload for payload in PAYLOADS if payload not in visible]
    assert not missing, missing
    assert f"{MARK}-ssti" not in visible  # data is never evaluated as a template


def test_no_output_file_carries_executable_markup(poisoned: Path) -> None:
    files = output_files(poisoned)
    assert {p.suffix for p in files} >= {".html", ".xml", ".json"}
    report = [f"{p.relative_to(poisoned)}: {problem}" for p in files for problem in file_problems(p)]
    assert not report, "\n".join(report[:50])


def test_the_checks_catch_executable_markup() -> None:
    """Guards the scanner itself with the markup the site must never produce."""
    for payload in PAYLOADS[:3] + PAYLOADS[4:10]:  # [3] is Markdown: text unless rendered
        assert html_problems(payload), payload
    assert not html_problems('<p>&lt;script&gt;alert(1)&lt;/script&gt; <a href="../plan/">план</a></p>')



def test_nothing_runs_in_chromium_on_pages_or_in_search(browser: Browser, poisoned: Path) -> None:
    fired: list[str] = []
    with serve(poisoned) as base:
        page = browser.new_page()
        page.on("dialog", lambda d: (fired.append(f"dialog {d.message} on {page.url}"), d.dismiss()))
        page.on("console", lambda m: fired.append(f"console {m.text} on {page.url}") if MARK in m.text else None)
        for url in pages(poisoned):
            page.goto(base + url, wait_until="load")
            page.hover("article")
        for query in ("onerror", "ontoggle", "onload"):
            page.goto(base, wait_until="networkidle")
            page.click(".vakr-search__open")
            page.keyboard.type(query)
            page.wait_for_selector(".vakr-search__results[aria-busy=false] a", state="attached", timeout=20_000)
            page.locator(".vakr-search__results a").first.hover()
            injected = page.evaluate(
                "document.querySelectorAll('.vakr-search__dialog img, .vakr-search__dialog script, "
                ".vakr-search__dialog iframe, .vakr-search__dialog svg[onload], .vakr-search__dialog [onerror]').length")
            if injected:
                fired.append(f"search «{query}»: {injected} injected elements in the results")
        page.close()
    assert not fired, "\n".join(fired)
