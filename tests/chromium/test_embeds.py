"""Embeds for a CMS (issue 17): the Company's site, served by nginx with the shipped
configuration, gives for each organization a chrome-less cartogram and plan-status page in
both languages; pasted as the data page's snippet into a page of another origin (a
subsidiary's corporate site), the frame takes the height of its content and its links open in
the top window; nginx lets exactly the configured hosts frame the embeds and no other page."""

from __future__ import annotations

import re
import shutil
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser import serve
from conftest import Site, build_site
from nginx import EMBED_HEADERS, free_port, nginx
from test_accessibility import PHONE, violations
from test_org_sites import SUBSIDIARIES, YEAR, own_items, own_risks

ORGS = ["spk", *SUBSIDIARIES]
KINDS = ("cartogram", "plan")
HOSTS_LINE = 'set $vakr_embed_hosts "";'


@pytest.fixture(scope="module")
def port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def site_dir(port: int) -> Iterator[Path]:
    """The Company's site built for the address nginx serves it at (the snippets carry it), in a
    folder nginx's own user can enter (as /var/www)."""
    www = Path(tempfile.mkdtemp(prefix="vakr-embeds-"))
    www.chmod(0o755)
    result = build_site(www / "site", env={"SITE_URL": f"http://127.0.0.1:{port}/anticorruption/"})
    assert result.returncode == 0, result.stdout + result.stderr
    yield www / "site"
    shutil.rmtree(www, ignore_errors=True)


@pytest.fixture(scope="module")
def cms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder served as another origin (localhost, not 127.0.0.1): the subsidiary's CMS."""
    folder = tmp_path_factory.mktemp("cms")
    with serve(folder) as url:
        yield folder, url.replace("127.0.0.1", "localhost")


def _headers(tmp: Path, hosts: str) -> Path:
    """The shipped embed headers with the web team's list of hosts written in."""
    text = EMBED_HEADERS.read_text(encoding="utf-8")
    assert HOSTS_LINE in text
    path = tmp / "embed-headers.conf"
    path.write_text(text.replace(HOSTS_LINE, f'set $vakr_embed_hosts "{hosts}";'), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def allowed(site_dir: Path, port: int, cms: tuple[Path, str],
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site under nginx with the CMS's origin in the list of hosts."""
    origin = cms[1].rstrip("/")
    with nginx(site_dir, port, _headers(tmp_path_factory.mktemp("conf"), origin)) as base:
        yield base


def _snippet(site: Site, org: str, kind: str, lang: str = "") -> str:
    code = site.page(f"{lang}{YEAR}/data/").select_one(f"#embed-{org}-{kind} ~ pre.vakr-snippet code")
    assert code is not None
    return code.get_text()


def _cms_page(cms: tuple[Path, str], name: str, snippet: str) -> str:
    folder, url = cms
    (folder / f"{name}.html").write_text(
        "<!doctype html><html lang='ru'><head><meta charset='utf-8'><title>CMS</title>"
        "<link rel='icon' href='data:,'></head><body>"
        f"<h1>Сайт ДЗО</h1><p>До вставки.</p>{snippet}<p>После вставки.</p></body></html>", encoding="utf-8")
    return f"{url}{name}.html"


def test_every_organization_has_both_embeds_in_both_languages(site_dir: Path) -> None:
    site = Site(site_dir)
    for org in ORGS:
        for kind in KINDS:
            for lang in ("", "kk/"):
                page = site.page(f"{lang}embed/{YEAR}/{org}/{kind}/")
                assert page.html["lang"] == (lang.rstrip("/") or "ru")
                assert not page.select(".md-header, .md-sidebar, nav, .md-footer"), "no header or menu"
                outward = [a for a in page.select("a[href]") if not a["href"].startswith("#")]
                assert outward and all(a.get("target") == "_top" for a in outward), f"{lang}{org}/{kind}"
                assert _snippet(site, org, kind, lang).count(f"/anticorruption/{lang}embed/{YEAR}/{org}/{kind}/") == 1


@pytest.mark.parametrize("org", SUBSIDIARIES)
def test_an_embed_shows_its_organizations_part_only(site_dir: Path, org: str) -> None:
    site = Site(site_dir)
    cartogram = site.page(f"embed/{YEAR}/{org}/cartogram/")
    risks = sorted(tag["id"].removeprefix("risk-") for tag in cartogram.select("tr[id^=risk-]"))
    assert risks == sorted(own_risks(org))
    assert cartogram.select_one("table.vakr-matrix tfoot td").get_text(strip=True) == str(len(risks))
    plan = site.page(f"embed/{YEAR}/{org}/plan/")
    numbers = [int(th.get_text(strip=True)) for th in plan.select("table.vakr-table--embed-plan tbody th")]
    assert numbers == own_items(org)


def test_the_embeds_pass_axe_and_fit_a_phone(browser: Browser, site_dir: Path) -> None:
    problems: list[str] = []
    with serve(site_dir) as base:
        for viewport in ({"width": 1280, "height": 900}, PHONE):
            page = browser.new_page(viewport=viewport)
            page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
            for url in [f"{lang}embed/{YEAR}/{org}/{kind}/" for lang in ("", "kk/") for org in ("spk", "mfo-almaty")
                        for kind in KINDS]:
                page.goto(base + url, wait_until="networkidle")
                problems += [f"{url} {viewport['width']}px: {line}" for line in violations(page)]
                if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
                    problems.append(f"{url} {viewport['width']}px scrolls sideways")
            page.close()
    assert not problems, "\n".join(problems)


def _frame_height(page: Page) -> int:
    page.wait_for_function("document.querySelector('iframe').style.height !== '600px'", timeout=15000)
    return int(page.evaluate("document.querySelector('iframe').getBoundingClientRect().height"))


@pytest.mark.parametrize(("org", "kind", "lang", "width"), [
    ("almaty-finance", "cartogram", "", 1280), ("almaty-finance", "plan", "kk/", 360), ("spk", "plan", "", 1280)])
def test_a_pasted_snippet_fits_the_frame_to_its_content_and_opens_links_on_top(
        browser: Browser, site_dir: Path, allowed: str, cms: tuple[Path, str], org: str, kind: str, lang: str,
        width: int) -> None:
    url = _cms_page(cms, f"{org}-{kind}-{lang.strip('/') or 'ru'}", _snippet(Site(site_dir), org, kind, lang))
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="networkidle")
    height = _frame_height(page)
    frame = page.frames[1]
    content = frame.evaluate("Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)")
    assert height == content > 600, (height, content)
    assert frame.evaluate("document.documentElement.scrollHeight <= innerHeight + 1"), "no scroll bar inside"
    page.set_viewport_size({"width": 360 if width > 360 else 1280, "height": 900})  # it follows a new width
    page.wait_for_function(f"document.querySelector('iframe').getBoundingClientRect().height !== {height}")
    link = frame.locator(".vakr-embed__full a")
    href = link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(href)
    assert page.url.startswith(allowed) and "/embed/" not in page.url, page.url
    assert not errors, errors
    page.close()


def _header(url: str, name: str) -> str | None:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return response.headers.get(name)


def test_nginx_lets_the_listed_hosts_frame_the_embeds_only(allowed: str, cms: tuple[Path, str]) -> None:
    origin = cms[1].rstrip("/")
    embed = _header(f"{allowed}embed/{YEAR}/spk/cartogram/", "Content-Security-Policy")
    kk = _header(f"{allowed}kk/embed/{YEAR}/spk/plan/", "Content-Security-Policy")
    assert embed == kk and re.search(rf"frame-ancestors 'self' {re.escape(origin)};", embed or ""), embed
    assert _header(f"{allowed}embed/{YEAR}/spk/cartogram/", "X-Frame-Options") is None
    for page in ("", f"{YEAR}/cartogram/", f"kk/{YEAR}/plan/"):  # every other page: this site only
        assert "frame-ancestors 'self';" in (_header(allowed + page, "Content-Security-Policy") or ""), page
        assert _header(allowed + page, "X-Frame-Options") == "SAMEORIGIN"


def test_by_default_no_other_site_can_frame_an_embed(
        browser: Browser, site_dir: Path, cms: tuple[Path, str], tmp_path: Path) -> None:
    port = free_port()
    snippet = _snippet(Site(site_dir), "almaty-finance", "cartogram")
    with nginx(site_dir, port) as base:  # the shipped embed-headers.conf, its list empty
        csp = _header(f"{base}embed/{YEAR}/almaty-finance/cartogram/", "Content-Security-Policy") or ""
        assert re.search(r"frame-ancestors 'self'\s*;", csp), csp
        # the snippet points at the fixture's port: this server's embed instead
        url = _cms_page(cms, "refused", snippet.replace(re.search(r"http://127\.0\.0\.1:\d+/", snippet)[0],
                                                        f"http://127.0.0.1:{port}/"))
        page = browser.new_page()
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(500)
        assert page.evaluate("document.querySelector('iframe').style.height") == "600px"
        assert not page.frames[1].url.startswith("http://127.0.0.1"), "the browser refused to show it"
        page.close()
