"""The search as a reader on a phone meets it: Debian's Chromium with the CPU slowed 4×
(CDP Emulation.setCPUThrottlingRate), an empty cache, 360 px wide. The page is opened and
left to settle (it must request nothing of the search), then the reader opens the search and
types a word; measured: the bytes fetched from opening the search until its results are
shown (gzip where it helps: Pagefind's index files come compressed already) and the time
from the last keystroke to the first result on screen."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bench.weight import gz
from tests.browser import chromium, serve
from vakr.publish.search import OUTPUT, write_index

CPU_SLOWDOWN = 4
TYPING_DELAY_MS = 100  # between keystrokes, a quick reader on a phone
# a page and a word per language: the plan of the newest cycle and a common word of the data
QUERIES = {"ru": ("{year}/plan/", "Микрофинансовая"), "kk": ("kk/{year}/plan/", "тәуекел")}

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


def _sent(site: Path, url: str) -> int:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    data = path.read_bytes() if path.is_file() else b""
    return min(len(data), gz(data))


def measure(site: Path, year: str) -> list[Search]:
    found = []
    with serve(site) as base, chromium() as browser:
        for lang, (page_url, query) in QUERIES.items():
            context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
            page = context.new_page()
            page.set_default_timeout(180_000)  # a slowed-down page on a busy machine: the figure says how slow
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            requests: list[str] = []
            page.on("request", lambda r, requests=requests: requests.append(r.url))
            url = page_url.format(year=year)
            page.goto(base + url, wait_until="networkidle")
            before = [u for u in requests if f"/{OUTPUT}/" in u]
            loaded = len(requests)
            page.evaluate(_WATCH, query)
            opened = time.perf_counter()
            page.click(".vakr-search__open")
            page.keyboard.type(query, delay=TYPING_DELAY_MS)
            page.wait_for_function("window.__vakrShown !== undefined", timeout=60_000)
            opened_to_result = time.perf_counter() - opened
            shown, typed = page.evaluate("[window.__vakrShown, window.__vakrTyped]")
            page.wait_for_load_state("networkidle")
            fetched = requests[loaded:]
            found.append(Search(lang, url, query, page.locator(".vakr-search__results a").count(),
                                (shown - typed) / 1000, opened_to_result, sum(_sent(site, u) for u in fetched),
                                len(fetched), before))
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
