"""The search as a reader on a phone meets it: Debian's Chromium with the CPU slowed 4×
(CDP Emulation.setCPUThrottlingRate), an empty cache, 360 px wide. The page is opened and
left to settle (it must request nothing of the search; on the slowed CPU its fonts and the
theme's sitemap request come seconds after the load event: they are the page's, not the
search's), then the reader opens the search and types a word; measured: the bytes fetched
from opening the search until its results are shown (gzip where it helps: Pagefind's index
files come compressed already) and the time from the last keystroke to the first result on
screen."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Page, Request

from bench.weight import gz
from tests.browser import chromium, serve
from vakr.publish.search import OUTPUT, write_index

CPU_SLOWDOWN = 4
TYPING_DELAY_MS = 100  # between keystrokes, a quick reader on a phone
# a page and a word per language: the plan of the newest cycle and a common word of the data
QUERIES = {"ru": ("{year}/plan/", "Микрофинансовая"), "kk": ("kk/{year}/plan/", "тәуекел")}

QUIET_S = 1.0  # no request for this long, with the page idle before and after: it has settled
# laid out (which requests the fonts its text needs), those fonts loaded, and the page's main
# thread idle (on a slowed CPU the theme's script runs long after the load event, then fetches)
_IDLE = """async () => {
  document.body.getBoundingClientRect();
  await document.fonts.ready;
  await new Promise(resolve => requestIdleCallback(resolve));
}"""

# in the page: when the last keystroke came, and when the results of the whole word were shown
_WATCH = """query => {
  const list = document.querySelector('.vakr-search__results');
  const input = document.querySelector('.vakr-search__input');
  input.addEventListener('input', () => { window.__vakrTyped = performance.now(); });
  new MutationObserver((_, observer) => {
    if (input.value === query && list.getAttribute('aria-busy') === 'false' && list.querySelector('a')) {
      observer.disconnect();
      window.__vakrShown = performance.now();
    }
  }).observe(list, {attributes: true, childList: true});
}"""


@dataclass
class Search:
    lang: str
    page: str
    query: str
    results: int
    first_result_s: float  # from the last keystroke to the first result on screen
    opened_to_result_s: float  # from opening the search (Pagefind not loaded yet) to the same
    transfer_bytes: int  # what the search fetched, as sent (gzip where smaller)
    requests: int
    before_open: list[str]  # requests for the search before the reader opened it: none expected
    not_search: list[str]  # requests after it was opened for other than the search's files: none expected


def _sent(site: Path, url: str) -> int:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    data = path.read_bytes() if path.is_file() else b""
    return min(len(data), gz(data))


class _Requests:
    """What a page requests, in order, and which of those are not answered yet."""

    def __init__(self, page: Page) -> None:
        self.urls: list[str] = []
        self.pending: set[Request] = set()
        page.on("request", self._sent)
        page.on("requestfinished", self._answered)
        page.on("requestfailed", self._answered)

    def _sent(self, request: Request) -> None:
        self.urls.append(request.url)
        self.pending.add(request)

    def _answered(self, request: Request) -> None:
        self.pending.discard(request)

    def quiet(self, page: Page) -> None:
        """Wait until the page is idle, nothing is pending and nothing new was asked for
        `QUIET_S`: a load state reached once (networkidle) is not waited for again."""
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:
            page.evaluate(_IDLE)
            seen = len(self.urls)
            page.wait_for_timeout(QUIET_S * 1000)
            page.evaluate(_IDLE)
            if not self.pending and len(self.urls) == seen:
                return
        raise TimeoutError(f"the page kept fetching: {self.urls[-3:]}")


def measure(site: Path, year: str) -> list[Search]:
    found = []
    with serve(site) as base, chromium() as browser:
        for lang, (page_url, query) in QUERIES.items():
            context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
            page = context.new_page()
            page.set_default_timeout(180_000)  # a slowed-down page on a busy machine: the figure says how slow
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            requests = _Requests(page)
            url = page_url.format(year=year)
            page.goto(base + url, wait_until="networkidle")
            requests.quiet(page)  # what comes after the search is opened is the search's
            before = [u for u in requests.urls if f"/{OUTPUT}/" in u]
            loaded = len(requests.urls)
            page.evaluate(_WATCH, query)
            opened = time.perf_counter()
            page.click(".vakr-search__open")
            page.keyboard.type(query, delay=TYPING_DELAY_MS)
            page.wait_for_function("window.__vakrShown !== undefined", timeout=60_000)
            opened_to_result = time.perf_counter() - opened
            shown, typed = page.evaluate("[window.__vakrShown, window.__vakrTyped]")
            requests.quiet(page)
            fetched = requests.urls[loaded:]
            found.append(Search(lang, url, query, page.locator(".vakr-search__results a").count(),
                                (shown - typed) / 1000, opened_to_result, sum(_sent(site, u) for u in fetched),
                                len(fetched), before, [u for u in fetched if f"/{OUTPUT}/" not in u]))
            context.close()
    return found


def index_and_measure(site: Path, year: str) -> dict[str, object]:
    """Index a site built by `mkdocs build` as `vakr build` does, then measure its search."""
    started = time.perf_counter()
    results = write_index(site)
    index_s = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (site / OUTPUT).rglob("*") if p.is_file())
    return {"index_s": index_s, "results_indexed": results, "index_bytes": size,
            "searches": [asdict(s) for s in measure(site, year)]}
