"""The cartogram of corruption risks, checked on real builds: the 2026 data (unscored) and a
clearly synthetic scored copy with an earlier cycle, so every map, level and change shows."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from bench.workspace import project_copy
from conftest import ROOT, Site, build_site
from searchindex import results
from sitepages import recommendation, squeeze
from vakr.derive.cartogram import contrast

LANGS = ("", "kk/")
ORGS = yaml.safe_load((ROOT / "data/organizations.yml").read_text(encoding="utf-8"))["organizations"]
DIRECTIONS = yaml.safe_load((ROOT / "data/directions.yml").read_text(encoding="utf-8"))["directions"]
RISKS = yaml.safe_load((ROOT / "data/2026/risks.yml").read_text(encoding="utf-8"))
PLAN = yaml.safe_load((ROOT / "data/2026/plan.yml").read_text(encoding="utf-8"))
ROWS = [o["id"] for o in ORGS if o["kind"] != "department"]


def top_level(org_id: str) -> str:
    org = next(o for o in ORGS if o["id"] == org_id)
    return org_id if org["kind"] != "department" else top_level(org["parent"])


def expected_cells(risks: list[dict]) -> Counter[tuple[str, str]]:
    """(direction, organization row) → number of risks, computed here from the YAML."""
    cells: Counter[tuple[str, str]] = Counter()
    for risk in risks:
        for org in {top_level(o) for o in risk["organizations"]}:
            cells[(risk["direction"], org)] += 1
    return cells


def matrix_cells(page: BeautifulSoup) -> dict[tuple[str, str], str]:
    """(direction id, organization id) → the cell's text, read from the built matrix."""
    table = page.select_one("table.vakr-matrix")
    for hidden in table.select(".vakr-sr-only"):
        hidden.decompose()  # the visible text only ("—", not "— рисков не выявлено")
    orgs = [a["href"].rstrip("/").split("/")[-1] for a in table.select("thead th a")]
    out = {}
    for row in table.select("tbody tr"):
        link = row.select_one('th[scope="row"] a')
        if link is None:
            continue  # a map's group heading
        direction = link["href"].split("#dir-")[1]
        for org, cell in zip(orgs, row.select("td.vakr-cell")):
            out[(direction, org)] = " ".join(cell.get_text(" ").split())
    return out


# --- the 2026 data ------------------------------------------------------------------------


def test_every_plan_item_is_addressed_by_a_risk_and_every_risk_by_a_plan_item() -> None:
    numbers = {item["number"] for item in PLAN["items"]}
    linked = {n for risk in RISKS["risks"] for n in risk["plan_items"]}
    assert linked == numbers
    directions = {d["id"] for d in DIRECTIONS}
    for risk in RISKS["risks"]:
        assert risk["plan_items"] and risk["organizations"] and risk["direction"] in directions, risk["id"]
        assert "likelihood" not in risk and "impact" not in risk, "the 2026 sources give no scores"


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_counts_every_risk_in_its_organization_and_direction(built: Site, lang: str) -> None:
    cells = matrix_cells(built.page(f"{lang}2026/cartogram/"))
    expected = expected_cells(RISKS["risks"])
    assert {org for _, org in cells} == set(ROWS)
    assert {d for d, _ in cells} == {d["id"] for d in DIRECTIONS}
    for key, text in cells.items():
        assert text == (str(expected[key]) if expected[key] else "—"), key


@pytest.mark.parametrize("lang", LANGS)
def test_matrix_is_an_accessible_table(built: Site, lang: str) -> None:
    for url in (f"{lang}2026/cartogram/", f"{lang}2026/organizations/spk/"):
        table = built.page(url).select_one("table.vakr-matrix")
        assert table.caption.get_text(strip=True)
        assert all(th.get("scope") == "col" for th in table.select("thead th"))
        assert all(th.get("scope") in ("row", "rowgroup") for th in table.select("tbody th, tfoot th"))
        for cell in table.select("td"):
            assert cell.get_text(strip=True), f"{url}: an empty cell says nothing to a screen reader"
            assert cell.get("style") is None
        region = table.find_parent("div")
        assert region["role"] == "region" and region["tabindex"] == "0" and region["aria-label"]


def _target(built: Site, page_url: str, href: str) -> tuple[Path, str]:
    path, _, anchor = href.partition("#")
    target = (built.root / page_url / path).resolve() if path else (built.root / page_url).resolve()
    return (target if target.is_file() else target / "index.html"), anchor


@pytest.mark.parametrize("lang", LANGS)
def test_risk_measures_show_no_execution_status_the_data_does_not_give(built: Site, lang: str) -> None:
    """2026 has no execution reports: a measure is pending or past its deadline, never done."""
    states = {state["class"][1] for state in built.page(f"{lang}2026/risks/").select(".vakr-state")}
    assert states and states <= {"vakr-state--pending", "vakr-state--overdue", "vakr-state--ongoing"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_cartogram_link_lands_on_an_existing_anchor(built: Site, lang: str) -> None:
    pages = [f"{lang}2026/cartogram/", f"{lang}2026/risks/", *(f"{lang}2026/organizations/{o}/" for o in ROWS)]
    checked = 0
    for url in pages:
        for link in built.page(url).select("article a[href]"):
            href = link["href"]
            if href.startswith(("http", "mailto:")):
                continue
            file, anchor = _target(built, url, href)
            assert file.exists(), f"{url}: {href} → no page"
            if anchor:
                target = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
                assert target.find(id=anchor), f"{url}: {href} → no #{anchor}"
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("lang", LANGS)
def test_risk_list_shows_every_risk_with_its_measures(built: Site, lang: str) -> None:
    page = built.page(f"{lang}2026/risks/")
    rows = page.select('tr[id^="risk-"]')
    assert [r["id"] for r in rows] != [] and len(rows) == len(RISKS["risks"])
    by_id = {r["id"]: r for r in rows}
    for risk in RISKS["risks"]:
        row = by_id[f"risk-{risk['id']}"]
        cells = row.select("td")
        assert "description" not in risk  # the 2026 documents give no risk descriptions
        quoted = cells[1].select(".vakr-quote")  # so each risk quotes the recommendations it was derived from
        assert [(q["data-source-document"], int(q["data-source-item"])) for q in quoted] == [
            ("plan", n) for n in risk["plan_items"]]
        for quote, number in zip(quoted, risk["plan_items"]):
            assert [squeeze(e.get_text()) for e in quote.select("p, li")] == [squeeze(b) for b in recommendation(number)]
        level = cells[2].get_text(strip=True)
        assert level == ("не оценён" if not lang else "бағаланбаған")
        links = [a["href"] for a in cells[3].select("a")]
        assert links == [f"../execution/#item-{n}" for n in risk["plan_items"]]  # each item: status, reports
        assert len(cells[3].select(".vakr-state")) == len(risk["plan_items"])
        section = row.find_previous("h3")
        assert section["id"] == f"dir-{risk['direction']}"


@pytest.mark.parametrize("lang", LANGS)
def test_organization_page_shows_its_risks_and_plan_items(built: Site, lang: str) -> None:
    for org in ROWS:
        page = built.page(f"{lang}2026/organizations/{org}/")
        own = [r["id"] for r in RISKS["risks"] if org in {top_level(o) for o in r["organizations"]}]
        assert sorted(r["id"].removeprefix("risk-") for r in page.select('tr[id^="risk-"]')) == sorted(own)
        items = [i["number"] for i in PLAN["items"]
                 if org in {top_level(o) for o in i["executor"]["organizations"]}]
        shown = [int(a.get_text()) for a in page.select("table.vakr-table--org-plan th.vakr-number a")]
        assert shown == items, org


@pytest.mark.parametrize("lang", LANGS)
def test_organization_page_names_it_once_and_its_full_name_when_the_title_is_short(built: Site, lang: str) -> None:
    """The full name under the title only where it says more (the Company's), never the title again."""
    full = {}
    for org in ROWS:
        page = built.page(f"{lang}2026/organizations/{org}/")
        title = page.select_one("article h1").get_text(strip=True)
        said = [p.get_text(strip=True) for p in page.select("article > p")]
        assert title not in said, org
        full[org] = next(o for o in ORGS if o["id"] == org)["name"]["ru"] in said
    assert full == {org: org == "spk" for org in ROWS}


def test_search_finds_each_risk_on_the_risk_list_not_again_per_organization(built: Site) -> None:
    """Organization pages are filtered views of the risk list: they stay out of the search
    index, so each risk is one hit (and the index phones download stays smaller)."""
    index = results(built.root)
    assert [r.url for r in index if "/organizations/" in r.url] == []
    risk_list = " ".join(r.text for r in index if r.url.startswith("2026/risks/"))
    for risk in RISKS["risks"]:  # in Russian: on the Russian list (the Kazakh one shows them untranslated)
        for number in risk["plan_items"]:
            assert all(html.escape(squeeze(b), quote=False) in risk_list for b in recommendation(number)), risk["id"]
    assert built.page("2026/organizations/spk/").select('tr[id^="risk-"]')  # the pages themselves are built


@pytest.mark.parametrize("lang", LANGS)
def test_heat_maps_are_not_drawn_without_scores(built: Site, lang: str) -> None:
    page = built.page(f"{lang}2026/cartogram/")
    assert page.select("table.vakr-heatmap") == []
    note = page.select_one("#maps").find_next("p").get_text()
    assert "37" in note and ("не опубликованы" in note if not lang else "жарияланбаған" in note)


@pytest.mark.parametrize("url", ["2026/cartogram/", "2026/risks/", "2026/organizations/mfo-almaty/"])
@pytest.mark.parametrize("lang", LANGS)
def test_pages_state_the_cycle_and_the_update_date(built: Site, lang: str, url: str) -> None:
    meta = built.page(lang + url).select_one(".vakr-meta")
    assert "ВАКР 2026" in meta.get_text() and meta.time["datetime"] == "2026-11-21"


def test_level_colours_are_generated_from_the_matrix_with_readable_text(built: Site) -> None:
    css = (built.root / "assets/generated/levels.css").read_text(encoding="utf-8")
    rules = re.findall(r"vakr-level--([a-z-]+) \{ background-color: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", css)
    matrix = yaml.safe_load((ROOT / "data/risk-matrix.yml").read_text(encoding="utf-8"))
    assert [r[0] for r in rules] == [level["id"] for level in matrix["levels"]]
    for _, background, text in rules:
        assert contrast(background, text) >= 4.5


# --- a synthetic, scored dataset with an earlier cycle ----------------------------------

SCORES = {"R01": (5, 5), "R15": (1, 1), "R23": (3, 4), "R06": (2, 3)}  # synthetic, for the test only


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = project_copy(tmp_path_factory.mktemp("scored"))
    risks = root / "data/2026/risks.yml"
    text = risks.read_text(encoding="utf-8")
    for rid, (likelihood, impact) in SCORES.items():
        text = re.sub(rf"(  - id: {rid}\n(?:    .*\n)*?    plan_items: .*\n)",
                      rf"\g<1>    likelihood: {likelihood}\n    impact: {impact}\n", text, count=1)
    risks.write_text(text, encoding="utf-8")
    earlier = root / "data/2025"
    earlier.mkdir()
    (earlier / "cycle.yml").write_text("period: {start: 14.04.2025, end: 27.05.2025}\n", encoding="utf-8")
    (earlier / "plan.yml").write_text((ROOT / "data/2026/plan.yml").read_text(encoding="utf-8"), encoding="utf-8")
    before = RISKS["risks"][:-1] + [{"id": "R99", "organizations": ["spk"], "direction": "financial",
                                     "plan_items": [33]}]
    before[0] = {**before[0], "likelihood": 2, "impact": 2}
    (earlier / "risks.yml").write_text(yaml.safe_dump({"updated": "01.06.2025", "risks": before}, allow_unicode=True),
                                       encoding="utf-8")
    result = build_site(root / "site", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(root / "site")


def _heat_cell(page: BeautifulSoup, name: str, likelihood: int, impact: int):  # type: ignore[no-untyped-def]
    table = page.select_one(f"#map-{name}").find_next("table")
    row = table.select("tbody tr")[5 - likelihood]
    assert row.th.get_text(strip=True).endswith(str(likelihood))
    return row.select("td")[impact - 1]


@pytest.mark.parametrize("lang", LANGS)
def test_each_scored_risk_lands_in_its_heat_map_cell(scored: Site, lang: str) -> None:
    page = scored.page(f"{lang}2026/cartogram/")
    where = {"R01": "organizational", "R06": "organizational", "R15": "npa", "R23": "npa"}
    for name in ("npa", "organizational"):
        for likelihood in range(1, 6):
            for impact in range(1, 6):
                cell = _heat_cell(page, name, likelihood, impact)
                inside = [rid for rid, score in SCORES.items() if score == (likelihood, impact) and where[rid] == name]
                assert cell.get_text(" ").split()[0] == str(len(inside))
                assert cell.select_one(".vakr-cell__level").get_text(strip=True)  # the level as a word
                if inside:
                    listed = page.select_one(cell.a["href"]).get_text()
                    assert all(rid in listed for rid in inside)


@pytest.mark.parametrize("lang,words", [("", ("критический", "средний", "высокий")), ("kk/", ("сыни", "орташа", "жоғары"))])
def test_levels_come_from_the_matrix(scored: Site, lang: str, words: tuple[str, str, str]) -> None:
    critical, medium, high = words
    page = scored.page(f"{lang}2026/cartogram/")
    cell = _heat_cell(page, "organizational", 5, 5)
    assert "vakr-level--critical" in cell["class"] and critical in cell.get_text()
    cells = matrix_cells(page)
    assert cells[("organizational", "almaty-finance")] == f"2 {critical}"  # R01 (5×5) is the highest
    assert cells[("personnel", "almaty-finance")] == f"5 {medium}"  # R06 (2×3)
    row = scored.page(f"{lang}2026/risks/").select_one("tr#risk-R23")
    assert high in row.get_text() and "12" in row.get_text()
    counts = page.select_one("#map-npa").find_next("p").get_text()
    assert "2" in counts and str(sum(1 for r in RISKS["risks"] if r["direction"] == "internal-documents") - 2) in counts


def test_changes_since_the_previous_cycle_are_listed(scored: Site) -> None:
    page = scored.page("2026/cartogram/")
    assert page.select_one("#changes").get_text().endswith("ВАКР 2025")
    added = page.select_one("#changes-added").find_next("ul").get_text()
    removed = page.select_one("#changes-removed").find_next("ul").get_text()
    relevelled = page.select_one("#changes-relevelled").find_next("ul")
    assert "R37" in added and "R99" not in added
    assert "R99" in removed and "пункты 33" in removed
    changed = {li.a.get_text(): " ".join(li.get_text(" ").split()) for li in relevelled.select("li")}
    assert sorted(changed) == ["R01", "R06", "R15", "R23"]
    assert changed["R01"].endswith("низкий → критический")
    assert changed["R23"].endswith("не оценён → высокий")  # from "not assessed" to a level
    assert scored.page("2025/cartogram/").select_one("#changes") is None  # nothing older to compare


def test_risks_download_round_trips_every_risk_and_is_linked_from_the_list(built: Site) -> None:
    import csv
    import io
    import json

    raw = (built.root / "2026/data/vakr-2026-risks.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads the Cyrillic as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["risk_id"] for r in rows] == [r["id"] for r in RISKS["risks"]]
    page = built.page("2026/risks/")
    for row, risk in zip(rows, RISKS["risks"]):
        assert (row["description_ru"], row["description_kk"], row["description_source"]) == ("", "", "")
        assert page.select_one(f"tr#risk-{risk['id']}")  # the list shows the risk, with its recommendations
        assert row["plan_items"] == ";".join(map(str, risk["plan_items"]))
        assert (row["likelihood"], row["impact"], row["score"], row["level"]) == ("", "", "", "")  # no scores given
    data = json.loads((built.root / "2026/data/vakr-2026.json").read_text(encoding="utf-8"))
    assert data["risks"] == rows and data["reports"] == []
    for lang in LANGS:
        links = [a["href"] for a in built.page(f"{lang}2026/risks/").select(".vakr-downloads a")]
        assert any(href.endswith("data/vakr-2026-risks.csv") for href in links)
