"""A site per organization (issue 17): `vakr sites` builds the Company's full site and each
subsidiary's own in one run; each subsidiary's shows exactly its plan items and risks (read
here from data/ directly, not through the code under test), its name, the shared documents
and a link to the Company's site; the browser finds no WCAG violation, no sideways scroll at
phone width and no console error on its home, plan and cartogram pages."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from browser import serve
from conftest import ROOT, Site
from test_accessibility import PHONE, violations

DATA = ROOT / "data"
YEAR = "2026"


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


ORGS = {org["id"]: org for org in _yaml(DATA / "organizations.yml")["organizations"]}
SUBSIDIARIES = [oid for oid, org in ORGS.items() if org["kind"] == "subsidiary"]
PLAN = _yaml(DATA / YEAR / "plan.yml")["items"]
RISKS = _yaml(DATA / YEAR / "risks.yml")["risks"]


def members(org_id: str) -> set[str]:
    """The organization and its units, at any depth."""
    found = {org_id}
    while grown := {oid for oid, org in ORGS.items() if org.get("parent") in found} - found:
        found |= grown
    return found


def own_items(org_id: str) -> list[int]:
    """The items it executes and the measures against its risks."""
    measures = {n for risk in RISKS if risk["id"] in own_risks(org_id) for n in risk["plan_items"]}
    return [item["number"] for item in PLAN
            if members(org_id) & set(item["executor"]["organizations"]) or item["number"] in measures]


def own_risks(org_id: str) -> list[str]:
    return [risk["id"] for risk in RISKS if members(org_id) & set(risk["organizations"])]


def sites_command(out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vakr", "--root", str(ROOT), "sites", "--out", str(out)],
                          capture_output=True, text=True, check=False, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sites") / "sites"
    result = sites_command(out, env={"SITE_URL": "https://example.kz/{org}/anticorruption/"})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def ids(page: BeautifulSoup, prefix: str) -> list[str]:
    """The plan items (`item-17`) or risks (`risk-R01`) a page has a section or row for."""
    pattern = re.compile(re.escape(prefix) + r"(R?\d+)")
    return sorted({found[1] for tag in page.find_all(id=True) if (found := pattern.fullmatch(tag["id"]))})


def test_make_sites_builds_the_company_and_every_subsidiary(sites: Path) -> None:
    assert sorted(p.name for p in sites.iterdir()) == sorted(["spk", *SUBSIDIARIES])
    assert len(SUBSIDIARIES) == 4
    for org in ["spk", *SUBSIDIARIES]:
        assert (sites / org / "index.html").is_file() and (sites / org / "kk" / "index.html").is_file()
        assert (sites / org / "pagefind").is_dir(), "each site has its own search index"
        canonical = Site(sites / org).page("").select_one("link[rel=canonical]")["href"]
        assert canonical == f"https://example.kz/{org}/anticorruption/", "SITE_URL's {org} is each site's id"


@pytest.mark.parametrize("org", SUBSIDIARIES)
@pytest.mark.parametrize("lang", ["", "kk/"])
def test_a_subsidiary_shows_exactly_its_plan_items_and_risks(sites: Path, org: str, lang: str) -> None:
    site = Site(sites / org)
    items = sorted(f"{n}" for n in own_items(org))
    risks = sorted(own_risks(org))
    assert items and risks
    assert ids(site.page(f"{lang}{YEAR}/plan/"), "item-") == items
    assert ids(site.page(f"{lang}{YEAR}/execution/"), "item-") == items
    assert ids(site.page(f"{lang}{YEAR}/risks/"), "risk-") == risks
    cartogram = site.page(f"{lang}{YEAR}/cartogram/")
    columns = cartogram.select("table.vakr-matrix thead th[scope=col] a")
    assert [a.get_text(" ", strip=True) for a in columns] == [_label(org, lang)], "its own column only"
    assert cartogram.select_one("table.vakr-matrix tfoot td").get_text(strip=True) == str(len(risks))
    # the Company's cartogram counts the same number in this organization's column
    company = Site(sites / "spk").page(f"{lang}{YEAR}/cartogram/")
    heads = [th.get_text(" ", strip=True) for th in company.select("table.vakr-matrix thead th[scope=col]")]
    totals = [td.get_text(strip=True) for td in company.select("table.vakr-matrix tfoot td")]
    assert totals[heads.index(_label(org, lang)) - 1] == str(len(risks))
    assert [p.name for p in (sites / org / lang / YEAR / "organizations").iterdir()] == [org]


def _label(org_id: str, lang: str) -> str:
    org = ORGS[org_id]
    short = org.get("short_name") or org["name"]
    return short.get("kk" if lang else "ru") or short["ru"]


@pytest.mark.parametrize("org", SUBSIDIARIES)
def test_a_subsidiarys_open_data_holds_its_part_only(sites: Path, org: str) -> None:
    folder = sites / org / YEAR / "data"
    with (folder / f"vakr-{YEAR}-plan.csv").open(encoding="utf-8-sig") as f:
        assert sorted(int(row["number"]) for row in csv.DictReader(f)) == own_items(org)
    with (folder / f"vakr-{YEAR}-risks.csv").open(encoding="utf-8-sig") as f:
        assert sorted(row["risk_id"] for row in csv.DictReader(f)) == sorted(own_risks(org))
    data = json.loads((folder / f"vakr-{YEAR}.json").read_text(encoding="utf-8"))
    assert sorted(int(item["number"]) for item in data["plan"]) == own_items(org)
    assert len(data["schedule"]) == len(json.loads((sites / "spk" / YEAR / "data" / f"vakr-{YEAR}.json")
                                               .read_text(encoding="utf-8"))["schedule"]), "the schedule is shared"


@pytest.mark.parametrize("org", SUBSIDIARIES)
@pytest.mark.parametrize("lang", ["", "kk/"])
def test_a_subsidiarys_name_heads_its_site_and_every_page_links_the_company(sites: Path, org: str,
                                                                           lang: str) -> None:
    site = Site(sites / org)
    name = ORGS[org]["name"]["ru"]  # no Kazakh name in organizations.yml: shown as registered
    for url in [lang, f"{lang}{YEAR}/plan/", f"{lang}{YEAR}/cartogram/", f"{lang}{YEAR}/schedule/"]:
        page = site.page(url)
        assert name in page.title.get_text(), url
        assert name in page.select_one(".md-header__topic").get_text(), url
        link = page.select_one(".vakr-company a")
        assert link is not None and link["href"].endswith(f"spk/{lang}"), url
    home = site.page(lang)
    assert name in home.h1.get_text()
    if lang:
        assert home.h1.find("span", lang="ru").get_text() == name, "a Russian name on a Kazakh page is marked"
    assert site.page(f"{lang}{YEAR}/schedule/").select("[id^=item-]"), "the schedule is shown whole"


def test_the_company_gets_the_full_site(sites: Path) -> None:
    site = Site(sites / "spk")
    assert ids(site.page(f"{YEAR}/plan/"), "item-") == sorted(str(item["number"]) for item in PLAN)
    assert ids(site.page(f"{YEAR}/risks/"), "risk-") == sorted(risk["id"] for risk in RISKS)
    home = site.page("")
    assert home.select_one(".vakr-company") is None and home.select_one(".vakr-scope") is None
    assert "АО «СПК «Алматы»" in home.select_one(".md-header__topic").get_text()


def test_a_subsidiarys_history_shows_no_other_organizations_item(sites: Path) -> None:
    with (sites / "almaty-finance" / YEAR / "data" / f"vakr-{YEAR}-history.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    own = {"plan": {str(n) for n in own_items("almaty-finance")}, "risks": set(own_risks("almaty-finance"))}
    assert all(row["item"] in own[row["document"]] for row in rows if row["document"] in own), rows


def test_a_risk_shared_with_another_organization_brings_its_measures(tmp_path: Path) -> None:
    """R06 (plan item 6, executed by Almaty Finance) made a risk of the МФО too: the МФО's part
    holds the risk and the measure its list quotes, and no other item of Almaty Finance."""
    from vakr.ingest.load import load_site
    from vakr.derive.orgscope import for_organization

    shutil.copytree(DATA, tmp_path / "data")
    risks = tmp_path / "data" / YEAR / "risks.yml"
    text = risks.read_text(encoding="utf-8")
    old = "  - id: R06\n    organizations: [almaty-finance]\n"
    assert old in text
    risks.write_text(text.replace(old, "  - id: R06\n    organizations: [almaty-finance, mfo-almaty]\n"), encoding="utf-8")
    part = for_organization(load_site(tmp_path / "data"), "mfo-almaty").cycle(YEAR)
    assert [r.id for r in part.risks.risks] == sorted([*own_risks("mfo-almaty"), "R06"])
    assert [item.number for item in part.plan.items] == sorted([*own_items("mfo-almaty"), 6])


@pytest.mark.parametrize("org", ["compliance", "no-such-org"])
def test_an_organization_without_a_site_of_its_own_is_refused(tmp_path: Path, org: str) -> None:
    result = subprocess.run([sys.executable, "-m", "vakr", "--root", str(ROOT), "build", "--org", org,
                             "--site-dir", str(tmp_path / "site")], capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "сайт собирается для: spk, almaty-finance, mfo-almaty, almaty-renovation, industrial-zone" in result.stderr
    assert not (tmp_path / "site").exists()


def test_an_organization_with_nothing_to_show_says_so_in_both_languages(tmp_path: Path) -> None:
    from bench.workspace import project_copy

    root = project_copy(tmp_path / "project")
    with (root / "data" / "organizations.yml").open("a", encoding="utf-8") as f:
        f.write("  - id: new-dzo\n    kind: subsidiary\n    parent: spk\n    name:\n      ru: ТОО «Новая»\n")
    site_dir = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "vakr", "--root", str(root), "build", "--org", "new-dzo",
                             "--site-dir", str(site_dir)], capture_output=True, text=True, check=False,
                            env={**os.environ, "COMPANY_SITE_URL": "https://spk.example.kz/anticorruption"})
    assert result.returncode == 0, result.stdout + result.stderr
    site = Site(site_dir)
    assert site.page("kk/").select_one(".vakr-company a")["href"] == "https://spk.example.kz/anticorruption/kk/"
    for url, text in [(f"{YEAR}/plan/", "В ВАКР 2026 для этой организации нет ни пунктов плана мероприятий, "
                                        "ни выявленных рисков."),
                      (f"kk/{YEAR}/plan/", "2026 жылғы ВАКР-да бұл ұйым үшін іс-шаралар жоспарының тармақтары да, "
                                           "анықталған тәуекелдер де жоқ.")]:
        page = site.page(url)
        assert text in page.select_one(".vakr-scope").get_text(" ", strip=True)
        assert not ids(page, "item-")
    assert not ids(site.page(f"{YEAR}/risks/"), "risk-")


@pytest.fixture(scope="module")
def served(sites: Path) -> Any:
    with serve(sites) as url:
        yield url


@pytest.mark.parametrize("org", SUBSIDIARIES)
def test_a_subsidiarys_pages_in_the_browser(browser: Browser, served: str, org: str) -> None:
    """Home, plan and cartogram in both languages: axe at desktop and phone width, no sideways
    scroll on a phone, no console error, no request to another host."""
    problems: list[str] = []
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page = browser.new_page(viewport=viewport)
        page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"error: {e}"))
        page.on("request", lambda r: problems.append(f"foreign: {r.url}")
                if not r.url.startswith((served, "data:")) else None)
        for url in ["", f"{YEAR}/plan/", f"{YEAR}/cartogram/", "kk/", f"kk/{YEAR}/plan/", f"kk/{YEAR}/cartogram/"]:
            page.goto(f"{served}{org}/{url}", wait_until="networkidle")
            problems += [f"{url or '/'} {viewport['width']}px: {line}" for line in violations(page)]
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems.append(f"{url or '/'} {viewport['width']}px scrolls sideways by {overflow}px")
        page.close()
    assert not problems, "\n".join(problems)


def test_the_company_link_reaches_the_companys_site_next_to_it(browser: Browser, served: str) -> None:
    """Without COMPANY_SITE_URL the link leads to the Company's folder beside the subsidiary's
    (sites/spk/), from any depth, in the page's language."""
    page = browser.new_page()
    landed = {}
    for lang in ("", "kk/"):
        page.goto(f"{served}almaty-finance/{lang}{YEAR}/plan/")
        page.click(".vakr-company a")
        landed[lang] = page.url
    page.close()
    assert landed == {"": f"{served}spk/", "kk/": f"{served}spk/kk/"}
