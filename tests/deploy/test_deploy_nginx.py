"""The site as the web team deploys it: built with `site_url` under /anticorruption/, served by
a real nginx with the shipped deploy/nginx/ configuration. Every page and asset is reachable
(no 404), every response carries the security headers, and in Chromium no page breaks the
Content-Security-Policy, and search still works under it."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from conftest import build_site
from nginx import HEADERS, SUB_PATH, copy_as_readme_says, free_port, nginx
from sitepages import pages

pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")

REQUIRED_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")
CSP_MARKER = "__vakrCsp"
RECORD_CSP = f"""
window.{CSP_MARKER} = [];
document.addEventListener("securitypolicyviolation", e =>
  window.{CSP_MARKER}.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber));
"""


@dataclass(frozen=True)
class Deployed:
    site: Path
    base: str  # http://127.0.0.1:<port>/anticorruption/


@pytest.fixture(scope="module")
def deployed() -> Iterator[Deployed]:
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="vakr-deployed-"))
    www = Path(tempfile.mkdtemp(prefix="vakr-www-"))
    www.chmod(0o755)  # the web server's own folder (/var/www), which its user can enter
    umask = os.umask(0o077)  # a build by someone whose files are private by default
    try:
        result = build_site(folder / "site", env={"SITE_URL": f"http://127.0.0.1:{port}{SUB_PATH}"})
        os.umask(umask)
        assert result.returncode == 0, result.stdout + result.stderr
        site = copy_as_readme_says(folder / "site", www)
        with nginx(site, port) as base:
            yield Deployed(site, base)
    finally:
        os.umask(umask)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(www, ignore_errors=True)


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str) -> Fetched:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
            return Fetched(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as err:
        return Fetched(err.code, {k.lower(): v for k, v in err.headers.items()}, err.read())


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def links_in(url: str, fetched: Fetched) -> set[str]:
    """Every URL a page, stylesheet or sitemap refers to, made absolute."""
    kind = fetched.headers.get("content-type", "")
    text = fetched.body.decode("utf-8", errors="replace")
    found: set[str] = set()
    if "text/html" in kind:
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup.find_all(True):
            for attribute in ("href", "src"):
                if tag.get(attribute):
                    found.add(tag[attribute])
    elif "css" in kind:
        found |= {u for u in _CSS_URL.findall(text) if not u.startswith("data:")}
    elif "xml" in kind and "<urlset" in text:
        soup = BeautifulSoup(text, "html.parser")
        found |= {loc.get_text(strip=True) for loc in soup.find_all("loc")}
        found |= {link["href"] for link in soup.find_all("xhtml:link")}
    return {urldefrag(urljoin(url, link)).url for link in found if not link.startswith(("#", "mailto:", "tel:", "data:"))}


@pytest.fixture(scope="module")
def crawl(deployed: Deployed) -> dict[str, Fetched]:
    """Every same-host URL reachable from the home page and the sitemap (what a reader and a
    search engine reach), and the search's entry file, fetched once each."""
    host = urlsplit(deployed.base).netloc
    queue = [deployed.base, deployed.base + "sitemap.xml", deployed.base + "pagefind/pagefind-entry.json"]
    seen: dict[str, Fetched] = {}
    while queue:
        url = queue.pop()
        if url in seen or urlsplit(url).netloc != host:
            continue
        seen[url] = fetched = fetch(url)
        if fetched.status == 200:
            queue.extend(links_in(url, fetched) - seen.keys())
    return seen


def test_crawl_finds_no_broken_link_and_stays_under_the_sub_path(deployed: Deployed, crawl: dict[str, Fetched]) -> None:
    broken = sorted(f"{f.status} {url}" for url, f in crawl.items() if f.status != 200)
    outside = sorted(url for url in crawl if not urlsplit(url).path.startswith(SUB_PATH))
    assert not broken, "broken links:\n" + "\n".join(broken)
    assert not outside, "links leaving /anticorruption/ on the same host:\n" + "\n".join(outside)
    crawled_pages = {urlsplit(url).path.removeprefix(SUB_PATH) for url in crawl}
    missing = [url for url in pages(deployed.site) if url not in crawled_pages]
    assert not missing, f"pages no link or sitemap entry reaches: {missing}"
    assert len(crawl) >= len(pages(deployed.site)) + 5  # pages plus assets, sitemap, index


# what a browser or spreadsheet needs to open each kind of file right (nosniff forbids guessing)
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8", ".json": "application/json; charset=utf-8",
    ".xml": "text/xml; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
    ".csv": "text/csv; charset=utf-8", ".ics": "text/calendar; charset=utf-8", ".txt": "text/plain; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8", ".rss": "application/rss+xml; charset=utf-8",
}


def test_every_built_file_is_served_with_its_type(deployed: Deployed) -> None:
    """Downloads, feeds, maps and the search worker too, not only what a page links to."""
    files = [p.relative_to(deployed.site).as_posix() for p in deployed.site.rglob("*") if p.is_file()]
    failed = []
    for name in files:
        fetched = fetch(deployed.base + name)
        expected = CONTENT_TYPES.get(Path(name).suffix)
        if fetched.status != 200:
            failed.append(f"{fetched.status} {name}")
        elif expected and fetched.headers.get("content-type", "").lower() != expected:
            failed.append(f"{name}: Content-Type {fetched.headers.get('content-type')!r}, expected {expected!r}")
    assert not failed, "\n".join(failed)


def test_every_response_carries_the_security_headers(deployed: Deployed, crawl: dict[str, Fetched]) -> None:
    shipped = HEADERS.read_text(encoding="utf-8")
    lacking = sorted(url for url, f in crawl.items() if any(h not in f.headers for h in REQUIRED_HEADERS))
    assert not lacking, f"responses without {REQUIRED_HEADERS}: {lacking}"
    home = crawl[deployed.base].headers
    assert home["x-content-type-options"] == "nosniff"
    csp = home["content-security-policy"]
    assert csp in shipped
    assert "'unsafe-eval'" not in csp and "*" not in csp and "default-src 'none'" in csp
    # the site's own files only, nothing inline; WebAssembly (the search) compiled, no eval
    assert directive(csp, "script-src") == ["'self'", "'wasm-unsafe-eval'"]


def directive(csp: str, name: str) -> list[str]:
    """The sources of one directive of a Content-Security-Policy."""
    for part in csp.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


def test_no_inline_script_or_style_needs_the_policy_relaxed(deployed: Deployed, crawl: dict[str, Fetched]) -> None:
    """Executable inline code would be blocked by the policy; JSON data blocks are not code.
    Inline styles too, as long as the shipped policy does not allow them (style-src)."""
    csp = crawl[deployed.base].headers["content-security-policy"]
    styles_allowed = "'unsafe-inline'" in directive(csp, "style-src")
    offenders = []
    for url, fetched in crawl.items():
        if "text/html" not in fetched.headers.get("content-type", ""):
            continue
        soup = BeautifulSoup(fetched.body.decode("utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if not script.get("src") and script.get("type") != "application/json":
                offenders.append(f"{url}: <script> {script.get_text()[:60]}")
        if not styles_allowed:
            offenders += [f"{url}: <style>" for _ in soup.find_all("style")]
            offenders += [f"{url}: style= on <{t.name}> (use a class in docs/assets/vakr.css)" for t in soup.find_all(style=True)]
        offenders += [f"{url}: {a} on <{t.name}>" for t in soup.find_all(True) for a in t.attrs if a.startswith("on")]
    assert not offenders, "\n".join(offenders)


def test_unknown_address_gets_the_sites_own_404_page(deployed: Deployed) -> None:
    fetched = fetch(deployed.base + "no-such-page/")
    assert fetched.status == 404
    soup = BeautifulSoup(fetched.body.decode("utf-8"), "html.parser")
    assert soup.select_one(".md-header") is not None
    assert soup.html["lang"] == "ru" and soup.select_one('section[lang="kk"] a[href]') is not None  # both languages
    homes = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
    assert homes == {"ru": SUB_PATH, "kk": SUB_PATH + "kk/"}, "the language links lead to the home pages"
    assert "Not found" not in soup.get_text()
    stylesheets = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert stylesheets and all(fetch(urljoin(deployed.base + "no-such-page/", href)).status == 200 for href in stylesheets)



def test_every_page_runs_under_the_policy_in_chromium(browser: Browser, deployed: Deployed) -> None:
    """Every page in both languages and the 404 page: no CSP violation, no console error, no
    failed request, and Material's scripts ran."""
    problems: list[str] = []
    context = browser.new_context()
    context.add_init_script(RECORD_CSP)
    missing = "no-such-page/"  # the site's 404 page, as a reader who follows a stale link sees it
    for url in [*pages(deployed.site), missing]:
        page = context.new_page()
        seen: list[str] = []
        page.on("console", lambda m, seen=seen: seen.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning") and not m.location.get("url", "").endswith(missing) else None)
        page.on("pageerror", lambda e, seen=seen: seen.append(f"error: {e}"))
        page.on("requestfailed", lambda r, seen=seen: seen.append(f"failed: {r.url}"))
        page.on("response", lambda r, seen=seen: seen.append(f"{r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith(missing) else None)
        page.goto(deployed.base + url, wait_until="networkidle")
        seen += [f"CSP: {v}" for v in page.evaluate(f"window.{CSP_MARKER}")]
        if not page.evaluate("typeof __md_scope === 'object' && document.body.dataset.mdColorScheme === 'default'"):
            seen.append("Material's scripts did not run")
        problems += [f"{url}: {p}" for p in seen]
        page.close()
    context.close()
    assert not problems, "\n".join(problems)


# the text of what a result names: its row with the rows that continue it (a schedule item broken
# over a page boundary in the document), or the page's content when it names a whole page
UNIT_TEXT = """id => { const first = id && document.getElementById(id);
  if (!first) return document.querySelector("article").innerText;
  let text = first.innerText;
  for (let row = first.nextElementSibling; row && !row.id; row = row.nextElementSibling) text += " " + row.innerText;
  return text; }"""


@pytest.mark.parametrize(("start", "query", "expected"), [
    ("", "закупок", "2026/"),  # Russian, inflected (a plan item, or a risk that quotes it)
    ("kk/", "сатып алу", "kk/2026/schedule/#item-"),  # Kazakh, two words
    ("kk/", "әлеуметтік", "kk/2026/"),  # Kazakh letter ә (in the Company's name: many pages)
    ("kk/2026/", "құқықтық", "kk/2026/"),  # Kazakh letters қ, ұ (the schedule, and the announcement quoting it)
    ("kk/2026/plan/", "күнделікті", "kk/2026/schedule/#item-"),  # ү, і
])
def test_search_finds_the_word_and_opens_its_row(browser: Browser, deployed: Deployed, start: str, query: str, expected: str) -> None:
    """Typed into the search box as a reader would, under the CSP and the sub-path: Pagefind's
    script, WebAssembly and index load, and the first result leads to the row it names."""
    context = browser.new_context()
    context.add_init_script(RECORD_CSP)
    page = context.new_page()
    page.goto(deployed.base + start, wait_until="networkidle")
    page.click(".vakr-search__open")
    page.keyboard.type(query, delay=20)
    page.wait_for_selector(".vakr-search__results[aria-busy=false] a", state="attached", timeout=10_000)
    first = page.locator(".vakr-search__results a").first
    target = urlsplit(urljoin(page.url, first.get_attribute("href")))
    assert (target.path.removeprefix(SUB_PATH) + "#" + target.fragment).startswith(expected), target
    first.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == target.path and page.evaluate("location.hash") == f"#{target.fragment}".rstrip("#")
    row = page.evaluate(UNIT_TEXT, target.fragment).lower()
    assert all(word in row for word in query.split()), f"«{query}» not in {page.url}"
    assert page.evaluate(f"window.{CSP_MARKER}") == []
    context.close()


@pytest.mark.parametrize("path", ["", "kk/2026/plan/", "assets/vakr.css", "assets/fonts/fonts.css", "pagefind/pagefind.js"])
def test_text_is_sent_compressed(deployed: Deployed, path: str) -> None:
    """Pages, styles and the search script travel gzipped to a browser that accepts it."""
    request = urllib.request.Request(deployed.base + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get("Content-Encoding") == "gzip", dict(response.headers)
