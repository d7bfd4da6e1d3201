"""Monitoring of execution on real builds: a synthetic monitoring file (every status, late and
on time, permanent deadlines) with a fixed as-of date, checked
figure by figure on the built pages; and the 2026 build, which has no reports, showing none.
Expected figures are worked out by hand from the plan's deadlines, not by the code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from browser import serve
from bench.workspace import project_copy
from conftest import ROOT, Site, build_site

FIXTURE = Path(__file__).parents[1] / "fixtures" / "monitoring" / "monitoring.yml"
AS_OF = "15.08.2026"
LANGS = ("", "kk/")

# Plan 2026 deadlines: July 1,2,3,6,7,8,9,10,13,15,16,19,29,31,32; August 4,5,11,12,14,17,18;
# September 24,33; October 20,23,25,26,27,28,30; permanent from 01.07: 21,22,34–38.
EXPECTED = {
    "done": [1, 5],  # 5 was reported done after its deadline: still simply done
    "in_progress": [2, 20],  # 2 late, 20 on time
    "not_started": [3, 23],  # 3 late, 23 on time
    "not_done": [4],
    "overdue": [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 29, 31, 32],
    "pending": [24, 25, 26, 27, 28, 30, 33],
    "ongoing": [21, 22, 34, 35, 36, 37, 38],
}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The project with the test monitoring file, built like `make build` into a temp dir."""
    root = project_copy(tmp_path_factory.mktemp("monitoring-project"))
    shutil.copy(FIXTURE, root / "data" / "2026" / "monitoring.yml")
    # its `as_of:` must not come before a dated publication: the cartogram as it stood that day
    risks = root / "data" / "2026" / "risks.yml"
    risks.write_text(re.sub(r"^updated: .*$", f"updated: {AS_OF}", risks.read_text(encoding="utf-8"), count=1,
                            flags=re.M), encoding="utf-8")
    result = build_site(root / "site", root)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(root / "site")


def words(node) -> str:  # type: ignore[no-untyped-def]
    return " ".join(node.get_text().split())


def numbers(cell) -> list[int]:  # type: ignore[no-untyped-def]
    return [int(a.get_text()) for a in cell.select("a")]


# --- the dashboard ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_counts_each_status_with_its_items(synthetic: Site, lang: str) -> None:
    page = synthetic.page(f"{lang}2026/monitoring/")
    rows = {tr["data-state"]: tr for tr in page.select("table.vakr-counts tbody tr")}
    assert list(rows) == list(EXPECTED)
    for state, items in EXPECTED.items():
        assert int(rows[state].select_one("td.vakr-num").get_text()) == len(items), state
        assert numbers(rows[state].select_one("td.vakr-numbers")) == items, state
    assert page.select_one("table.vakr-counts tfoot td.vakr-num").get_text() == "38"


@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_progress_per_organization_is_written_next_to_the_bar(synthetic: Site, lang: str) -> None:
    page = synthetic.page(f"{lang}2026/monitoring/")
    rows = {tr["data-organization"]: tr for tr in page.select("table.vakr-orgs tbody tr")}
    # items naming each organization: spk 1–5, 20, 21; almaty-finance 1–7, 29, 34, 35;
    # mfo-almaty 1–5, 8–11, 30, 36; spk-hr 3–5; spk-projects 23, 28, 32
    expected = {"spk": (2, 7, 29), "almaty-finance": (2, 10, 20), "mfo-almaty": (2, 11, 18),
                "spk-hr": (1, 3, 33), "spk-projects": (0, 3, 0)}
    for org, (done, total, percent) in expected.items():
        text = words(rows[org].select_one(".vakr-progress"))
        assert re.findall(r"\d+", text) == ([str(done), str(total), str(percent)] if not lang else
                                            [str(total), str(done), str(percent)]), (org, text)
        bar = rows[org].select_one("svg.vakr-bar")
        assert bar["aria-hidden"] == "true"  # decorative: the numbers are the text
        assert float(bar.select_one(".vakr-bar__done")["width"]) == percent
    if not lang:  # the rest of the items, by status: 23 not started, 32 overdue, 28 pending
        assert words(rows["spk-projects"].select_one(".vakr-breakdown")) == (
            "не начато: 1; срок истёк, отчёт об исполнении не опубликован: 1; отчёта пока нет, срок не наступил: 1")


@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_groups_items_by_deadline_month(synthetic: Site, lang: str) -> None:
    page = synthetic.page(f"{lang}2026/monitoring/")
    groups = {tr["data-group"]: tr for tr in page.select("table.vakr-months tbody tr")}
    assert list(groups) == ["2026-07", "2026-08", "2026-09", "2026-10", "permanent"]
    expected = {"2026-07": (15, 1), "2026-08": (7, 1), "2026-09": (2, 0), "2026-10": (7, 0), "permanent": (7, 0)}
    for key, (count, done) in expected.items():
        cells = groups[key].select("td.vakr-num")
        assert [int(c.get_text()) for c in cells] == [count, done], key
        assert len(numbers(groups[key].select_one("td.vakr-numbers"))) == count
    assert numbers(groups["permanent"].select_one("td.vakr-numbers")) == EXPECTED["ongoing"]
    month = words(groups["2026-07"].th)
    assert month == ("июль 2026" if not lang else "2026 ж. шілде")


@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_lists_deadlines_passed_without_report(synthetic: Site, lang: str) -> None:
    page = synthetic.page(f"{lang}2026/monitoring/")
    items = [int(li["data-item"]) for li in page.select("ul.vakr-overdue li")]
    assert items == EXPECTED["overdue"]
    first = page.select_one("ul.vakr-overdue li")
    assert first.select_one("time")["datetime"] == "2026-07-01"  # item 6 was due on 01.07.2026


def test_dashboard_latest_reports_newest_first(synthetic: Site) -> None:
    page = synthetic.page("2026/monitoring/")
    rows = page.select("table.vakr-latest tbody tr")
    assert [int(r["data-item"]) for r in rows] == [5, 20, 23, 21, 4, 2, 1, 1, 3]
    assert [r.select_one("time")["datetime"] for r in rows][:2] == ["2026-08-10", "2026-08-01"]
    # text from data stays text
    assert not page.select("table.vakr-latest b")
    assert "<b>разметка</b> остаётся текстом" in words(page)


# --- each plan item's section on the execution page ---------------------------------------


def item(site: Site, lang: str, number: int):  # type: ignore[no-untyped-def]
    """The section of plan item `number` on the cycle's execution page."""
    return site.page(f"{lang}2026/execution/").select_one(f"section#item-{number}")


def status_of(site: Site, lang: str, number: int) -> str:
    return item(site, lang, number).select_one(".vakr-item-status .vakr-state")["class"][1].removeprefix("vakr-state--")


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_shows_its_derived_status(synthetic: Site, lang: str) -> None:
    assert len(synthetic.page(f"{lang}2026/execution/").select("section.vakr-item")) == 38
    for state, items in EXPECTED.items():
        for number in items:
            assert status_of(synthetic, lang, number) == state, number


def test_late_open_items_say_the_deadline_passed_and_on_time_ones_do_not(synthetic: Site) -> None:
    for number, late in ((2, True), (3, True), (20, False), (23, False), (1, False), (5, False), (4, False)):
        marker = item(synthetic, "", number).select_one(".vakr-item-status .vakr-late")
        assert (marker is not None) == late, number
    assert words(item(synthetic, "", 2).select_one(".vakr-late")) == "срок истёк 01.07.2026"


def test_item_history_evidence_and_reason(synthetic: Site) -> None:
    page = item(synthetic, "", 1)
    rows = page.select("table.vakr-history tbody tr")
    assert [r.select_one("time")["datetime"] for r in rows] == ["2026-06-30", "2026-06-20"]
    assert [r.select_one(".vakr-state")["class"][1] for r in rows] == ["vakr-state--done", "vakr-state--in_progress"]
    link = rows[0].select_one(".vakr-evidence a")
    assert link["href"] == "https://example.kz/docs/prikaz-45.pdf" and words(link) == "Приказ № 45"
    assert "приказ № 45-П от 30.06.2026" in words(rows[0])
    kk = item(synthetic, "kk/", 1).select_one("table.vakr-history tbody tr")
    assert "Бұйрық бекітілді" in words(kk) and "№ 45 бұйрық" in words(kk)
    not_done = item(synthetic, "", 4)
    assert "Причина: Реорганизация подразделения" in words(not_done.select_one(".vakr-reason"))
    # a site path in the evidence resolves relative to the page
    for lang in ("", "kk/"):
        href = item(synthetic, lang, 4).select_one(".vakr-evidence a")["href"]
        url = f"{lang}2026/execution/"
        assert not href.startswith("/") and (synthetic.root / url / href).resolve() == (synthetic.root / "2026/plan").resolve()


def test_permanent_items_are_ongoing_with_their_last_report(synthetic: Site) -> None:
    with_report = item(synthetic, "", 21).select_one(".vakr-item-status")
    assert "исполняется постоянно" in words(with_report)
    assert words(with_report.select_one(".vakr-last")) == "последний отчёт от 20.07.2026: в работе"
    without = item(synthetic, "", 22).select_one(".vakr-item-status")
    assert words(without.select_one(".vakr-last")) == "отчётов об исполнении не опубликовано"


@pytest.mark.parametrize("lang", LANGS)
def test_plan_page_links_each_item_to_its_execution_section(synthetic: Site, lang: str) -> None:
    page = synthetic.page(f"{lang}2026/plan/")
    rows = page.select("table.vakr-table--plan tbody tr[id]")
    assert len(rows) == 38
    for row in rows:
        number = row["id"].removeprefix("item-")
        link = row.select_one("a.vakr-item-page")
        path, _, anchor = link["href"].partition("#")
        assert (synthetic.root / f"{lang}2026/plan/" / path).resolve() == (synthetic.root / f"{lang}2026/execution").resolve()
        assert anchor == f"item-{number}"
        assert re.search(rf"\b{number}\b", words(link))  # the link says which item, to a screen reader too
        assert row.select_one(f'th a[href="#item-{number}"]')  # the number still links to its anchor


def test_item_url_function_matches_the_built_pages(synthetic: Site) -> None:
    from vakr.publish.routes import plan_item_url

    for lang in ("ru", "kk"):
        path, _, anchor = plan_item_url("2026", 17, lang).partition("#")
        page = BeautifulSoup((synthetic.root / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert page.find(id=anchor) is not None
    assert plan_item_url("2026", 17, "kk") == "kk/2026/execution/#item-17"


# --- the as-of date, the home block, the timeline ---------------------------------------

STATUS_PAGES = ["", "2026/", "2026/monitoring/", "2026/timeline/", "2026/execution/"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("url", STATUS_PAGES)
def test_as_of_date_is_printed_on_every_status_page(synthetic: Site, lang: str, url: str) -> None:
    stamp = synthetic.page(lang + url).select_one(".vakr-as-of time")
    assert stamp is not None and stamp["datetime"] == "2026-08-15" and stamp.get_text() == AS_OF


@pytest.mark.parametrize("lang", LANGS)
def test_home_block_shows_stage_next_step_and_key_figures(synthetic: Site, lang: str) -> None:
    page = synthetic.page(lang)
    block = page.select_one("section.vakr-stage")
    # the block comes right after the page title and the cartogram's key figures, before the introduction
    before = block.find_previous_sibling()
    if "vakr-key" in before.get("class", []):
        before = before.find_previous_sibling()
    assert before is page.select_one("article h1")
    # on 15.08.2026 every dated step has begun: the undated steps 10–12 are under way
    assert [int(li["data-item"]) for li in block.select(".vakr-stage__current li")] == [10, 11, 12]
    assert not block.select(".vakr-stage__next li")
    summary = block.select_one(".vakr-stage__summary")
    assert summary["data-phase"] == "after"  # the analysis ran 13.04–26.05.2026
    if not lang:
        assert words(summary) == ("ВАКР 2026 проведён с 13.04.2026 по 26.05.2026. План мероприятий: исполнено 2 из 38 "
                                  "пунктов. Срок истёк, отчёт об исполнении не опубликован: 17.")
    figures = {li["data-state"]: int(li.select_one(".vakr-figure").get_text()) for li in block.select(".vakr-figures li")}
    assert figures == {state: len(items) for state, items in EXPECTED.items()}


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_has_one_mark_per_schedule_step_and_a_table(synthetic: Site, lang: str) -> None:
    page = synthetic.page(f"{lang}2026/timeline/")
    svg = page.select_one("figure.vakr-timeline svg[role=img]")
    assert svg.select_one("title").get_text()
    marks = svg.select("g.vakr-tl-step")
    assert [int(g["data-item"]) for g in marks] == list(range(1, 13))
    kinds = {int(g["data-item"]): g["data-kind"] for g in marks}
    assert kinds[4] == "range" and kinds[6] == "date"
    assert (kinds[10], kinds[11], kinds[12]) == ("daily", "immediately", "none")
    assert len(svg.select("g[data-kind=range] rect")) == 1 and len(svg.select("circle")) == 8
    assert not any(g.select("rect, circle") for g in svg.select("g[data-kind=daily], g[data-kind=immediately], g[data-kind=none]"))
    done = [int(g["data-item"]) for g in marks if "vakr-tl-step--done" in g["class"]]
    assert done == [1, 3]
    assert svg.select_one(".vakr-tl-as-of text")  # 15.08 is after the axis: marked at its edge
    rows = page.select("table.vakr-timeline-table tbody tr")
    assert [int(r["data-item"]) for r in rows] == list(range(1, 13))
    states = {int(r["data-item"]): r["data-state"] for r in rows}
    assert states[1] == "done" and states[2] == "passed" and states[10] == "undated"
    assert rows[0].select_one("time")["datetime"] == "2026-03-30"
    assert rows[0].select_one(".vakr-evidence a")


@pytest.mark.parametrize("lang", LANGS)
def test_links_on_status_pages_lead_to_existing_pages_and_anchors(synthetic: Site, lang: str) -> None:
    """The data pages' HTML is not checked by MkDocs' link validation: check it here."""
    for url in [*STATUS_PAGES, "2026/plan/"]:
        for a in synthetic.page(lang + url).select("article a[href]"):
            href = a["href"]
            if href.startswith(("https://", "http://")):
                continue
            path, _, anchor = href.partition("#")
            target = (synthetic.root / (lang + url) / path).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), f"{lang}{url}: {href}"
            if anchor:
                html = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                assert html.find(id=anchor), f"{lang}{url}: {href}"


# --- the real 2026 data has no reports ----------------------------------------------------

REPORT_STATES = ("done", "in_progress", "not_started", "not_done")


@pytest.mark.parametrize("lang", LANGS)
def test_2026_build_shows_no_status_the_data_does_not_give(built: Site, lang: str) -> None:
    page = built.page(f"{lang}2026/monitoring/")
    rows = {tr["data-state"]: tr for tr in page.select("table.vakr-counts tbody tr")}
    for state in REPORT_STATES:
        assert rows[state].select_one("td.vakr-num").get_text() == "0", state
    assert not page.select("table.vakr-latest")
    execution = built.page(f"{lang}2026/execution/")
    sections = execution.select("section.vakr-item")
    assert len(sections) == 38
    for section in sections:
        state = section.select_one(".vakr-item-status .vakr-state")["class"][1].removeprefix("vakr-state--")
        assert state in ("overdue", "pending", "ongoing"), section["id"]
        assert not section.select("table.vakr-history, .vakr-evidence")
    timeline = built.page(f"{lang}2026/timeline/")
    marked = set(yaml.safe_load((ROOT / "data/2026/monitoring.yml").read_text(encoding="utf-8"))["schedule"])
    done = {int(step["data-item"]) for step in timeline.select(".vakr-tl-step--done, tr[data-state=done]")}
    assert done == marked == {1, 8}  # only the stages the documents themselves mark done (their approvals)
    home = built.page(lang)
    assert {li["data-state"]: li.select_one(".vakr-figure").get_text() for li in home.select(".vakr-figures li")}["done"] == "0"


# --- phones -------------------------------------------------------------------------------



@pytest.mark.parametrize("lang", LANGS)
def test_phone_pages_fit_and_home_status_is_on_the_first_screen(synthetic: Site, browser: Browser, lang: str) -> None:
    with serve(synthetic.root) as base:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        for url in ["", "2026/", "2026/monitoring/", "2026/timeline/", "2026/execution/"]:
            page.goto(base + lang + url, wait_until="networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{lang}{url}: {overflow}px"
        assert not problems, problems
        page.goto(base + lang)
        box = page.locator(".vakr-stage h2").bounding_box()
        assert box is not None and box["y"] + box["height"] < 740
        # the timeline's table replaces the SVG on a phone
        page.goto(base + lang + "2026/timeline/")
        assert not page.locator("figure.vakr-timeline").is_visible()
        assert page.locator("table.vakr-timeline-table").is_visible()
        page.close()


@pytest.mark.parametrize("url", STATUS_PAGES)
def test_kazakh_status_pages_have_no_russian_interface_text(synthetic: Site, url: str) -> None:
    from vakr.publish import strings

    page = synthetic.page(f"kk/{url}")
    for element in page.select('[lang="ru"], script, style, .md-select'):
        element.decompose()  # the approved Russian text, marked as such, is allowed
    visible = " ".join(page.get_text(" ").split())
    russian = {max(re.split(r"\{[^}]*\}", values["ru"]), key=len).strip(" :.,")
               for key, values in strings.catalog().items()
               if key.startswith(("monitoring.", "stage.", "timeline.", "page.")) and values["ru"] != values["kk"]}
    found = sorted(text for text in russian if len(text) > 5 and text in visible)
    assert not found, found


@pytest.mark.parametrize("lang", ["", "kk/"])
def test_home_block_names_the_public_discussion_with_its_date(built, lang: str) -> None:
    """The next public event readers look for: the discussion of the results (schedule item 6)."""
    line = built.page(lang).select_one(".vakr-stage__public")
    assert line.time["datetime"] == "2026-05-19"
    assert line.a["href"] == "2026/discussion/"
    assert (built.root / lang / "2026/discussion/index.html").exists()


def test_kazakh_sentence_names_the_order_after_a_label_and_marks_the_russian_data(synthetic: Site) -> None:
    """«бұйрық: № 45-П от 30.06.2026» — a label, then the Russian data marked lang="ru";
    never the Russian number and date inflected into a Kazakh phrase («… от … бұйрық»)."""
    evidence = item(synthetic, "kk/", 1).select_one(".vakr-evidence")
    assert "бұйрық: № 45-П от 30.06.2026" in words(evidence)
    marked = evidence.select_one('span[lang="ru"]')
    assert marked is not None and marked.get_text() == "№ 45-П от 30.06.2026"
    russian = item(synthetic, "", 1).select_one(".vakr-evidence")
    assert "приказ № 45-П от 30.06.2026" in words(russian) and not russian.select('span[lang="ru"]')


def test_every_column_heading_begins_with_a_capital_letter(built: Site) -> None:
    """A heading that reuses a status word («исполнено», «орындалды») is capitalised like the rest."""
    lower = {(url, th.get_text(" ", strip=True)) for url in built.pages() for th in built.page(url).select("th[scope=col]")
             if th.get_text(strip=True)[:1].islower()}
    assert not lower, sorted(lower)
