"""Page weight as a visitor's phone gets it: each page of the built site is opened in
Debian's Chromium (no cache) and every request it makes is recorded; sizes are the served
files, raw and gzipped. Every script run by a page is traced to the theme or to this
project; anything else is flagged."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import material
from bs4 import BeautifulSoup

from bench.workspace import ROOT
from tests.browser import chromium, serve

THEME_DIR = Path(material.__file__).parent / "templates"
OWN_DIRS = (ROOT / "docs", ROOT / "overrides", ROOT / "src" / "vakr" / "templates")
_JS_TYPES = ("", "text/javascript", "application/javascript", "module")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_type(url: str) -> str:
    """The kind of page a site-relative URL is, the same for every language and cycle:
    `kk/2026/plan/` → `{year}/plan/`; the named kinds get their usual names."""
    path = url.removeprefix("kk/")
    pattern = "/".join("{year}" if re.fullmatch(r"\d{4}", part) else part for part in path.split("/"))
    return {"": "home", "{year}/": "cycle overview", "{year}/schedule/": "schedule",
            "{year}/plan/": "plan", "404.html": "404"}.get(pattern, pattern)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a site-relative URL."""
    urls = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        urls.append(rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return urls


@dataclass
class Weight:
    url: str
    kind: str
    html_bytes: int
    html_gz: int
    requests: int
    css_bytes: int = 0
    css_gz: int = 0
    js_bytes: int = 0
    js_gz: int = 0
    other_bytes: int = 0  # the search index, images
    other_gz: int = 0
    failed: list[str] = field(default_factory=list)  # requests for files the site does not have
    scripts: list[str] = field(default_factory=list)  # "theme: …", "own: …"
    foreign: list[str] = field(default_factory=list)  # scripts or hosts that are neither


class _Origins:
    """Where a script comes from: Material's templates, this project's files, or neither."""

    def __init__(self) -> None:
        self.theme_text = "\n".join(_read_all(THEME_DIR, (".html", ".js")))
        self.own_text = "\n".join(t for d in OWN_DIRS for t in _read_all(d, (".html", ".j2", ".md", ".js")))

    def of_file(self, rel: str) -> str | None:
        if (THEME_DIR / rel).is_file():
            return "theme"
        if any((d / rel).is_file() for d in OWN_DIRS):
            return "own"
        return None

    def of_inline(self, code: str) -> str | None:
        """An inline script is the theme's (or ours) when its opening is in the template
        source; template expressions inside the script vary per page, the opening does not."""
        opening = re.split(r"[\"'{]", code.strip(), maxsplit=1)[0][:60]
        if not opening:
            return None
        if opening in self.theme_text:
            return "theme"
        if opening in self.own_text:
            return "own"
        return None


def _read_all(folder: Path, suffixes: tuple[str, ...]) -> Iterable[str]:
    for path in folder.rglob("*"):
        if path.suffix in suffixes and path.is_file():
            yield path.read_text(encoding="utf-8", errors="replace")


def measure(site: Path) -> list[Weight]:
    """Open every page of `site` in Chromium and weigh it."""
    origins = _Origins()
    weights = []
    with serve(site) as base, chromium() as browser:
        host = urlsplit(base).netloc
        for url in site_pages(site):
            # a fresh context per page: an empty cache, as on a first visit
            context = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="block")
            page = context.new_page()
            requests: list[tuple[str, str]] = []
            page.on("request", lambda r: requests.append((r.url, r.resource_type)))
            page.goto(base + url, wait_until="networkidle")
            context.close()
            weights.append(_weigh(site, url, requests, host, origins))
    return weights


def _html(site: Path, url: str) -> bytes:
    return (site / (url + "index.html" if url.endswith("/") or not url else url)).read_bytes()


def html_gz(site: Path, url: str) -> int:
    return gz(_html(site, url))


def _weigh(site: Path, url: str, requests: list[tuple[str, str]], host: str, origins: _Origins) -> Weight:
    html = _html(site, url)
    weight = Weight(url=url or "./", kind=page_type(url), html_bytes=len(html), html_gz=gz(html), requests=len(requests))
    for request_url, kind in requests[1:]:  # the first is the page itself
        parts = urlsplit(request_url)
        if parts.netloc != host:
            weight.foreign.append(f"{kind} from {parts.netloc or request_url}")
            continue
        rel = unquote(parts.path).lstrip("/")
        path = site / rel
        data = path.read_bytes() if path.is_file() else b""
        if not data:
            weight.failed.append(rel)
        if rel.endswith(".css"):
            weight.css_bytes += len(data)
            weight.css_gz += gz(data)
        elif rel.endswith(".js"):  # page scripts, the search worker and what it imports
            weight.js_bytes += len(data)
            weight.js_gz += gz(data)
            origin = origins.of_file(rel)
            (weight.scripts if origin else weight.foreign).append(f"{origin or 'unknown'}: {rel}")
        else:
            weight.other_bytes += len(data)
            weight.other_gz += gz(data)
    for script in BeautifulSoup(html, "html.parser").find_all("script", src=False):
        if script.get("type", "").lower() not in _JS_TYPES:
            continue  # data, e.g. Material's JSON configuration
        origin = origins.of_inline(script.string or "")
        label = (script.string or "").strip()[:40]
        (weight.scripts if origin else weight.foreign).append(f"{origin or 'unknown'}: inline «{label}…»")
    return weight


NAMED_KINDS = ("home", "cycle overview", "schedule", "plan", "404")


def by_kind(weights: list[Weight]) -> dict[str, Weight]:
    """The heaviest page (gzipped HTML) of each kind: the named kinds first, then the
    kinds found by URL pattern."""
    heaviest: dict[str, Weight] = {}
    for w in weights:
        if w.kind not in heaviest or w.html_gz > heaviest[w.kind].html_gz:
            heaviest[w.kind] = w
    order = {kind: i for i, kind in enumerate(NAMED_KINDS)}
    return dict(sorted(heaviest.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def as_dicts(weights: Iterable[Weight]) -> list[dict[str, object]]:
    return [asdict(w) for w in weights]
