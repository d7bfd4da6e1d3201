"""Cycles overlap on the home page (`vakr.derive.home`): every cycle in progress or still monitored,
newest first; a cycle whose period has not begun is announced, not shown as current; a draft
cycle is never published."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bench.workspace import project_copy
from conftest import Site, build_site
from vakr.derive.drafts import published
from vakr.derive.home import home_cycles, months_after
from vakr.domain.site import SiteData
from vakr.ingest.load import load_site
from vakr.derive.monitoring import plan_monitoring

DATA = Path(__file__).resolve().parents[2] / "data"
CYCLE_2027 = "period:\n  start: 13.04.2027\n  end: 26.05.2027\n"
EPOCH_2026_12_01 = "1796065200"  # 01.12.2026 06:00 in Almaty


def with_2027(target: Path, extra: str = "") -> Path:
    data = target / "data"
    if not data.exists():
        shutil.copytree(DATA, data)
    (data / "2027").mkdir()
    (data / "2027" / "cycle.yml").write_text(CYCLE_2027 + extra, encoding="utf-8")
    return data


def shown(site: SiteData, on: dt.date) -> tuple[list[str], list[str]]:
    home = home_cycles(site, lambda c: on, lambda c: plan_monitoring(site, c, on))
    return [c.year for c in home.shown], [c.year for c in home.announced]


def test_a_cycle_not_begun_is_announced_and_the_monitored_one_stays(tmp_path: Path) -> None:
    site = load_site(with_2027(tmp_path))
    assert shown(site, dt.date(2026, 12, 1)) == (["2026"], ["2027"])
    assert shown(site, dt.date(2027, 4, 13)) == (["2027", "2026"], [])  # both, newest first


def test_a_cycle_stays_while_its_plan_has_open_items(tmp_path: Path) -> None:
    """2026 has no report yet, so its dated items are open long after the 12 months; 2027
    has no plan, so it leaves the home page 12 months after its period."""
    site = load_site(with_2027(tmp_path))
    assert shown(site, dt.date(2028, 6, 1)) == (["2026"], [])
    assert shown(site, dt.date(2028, 5, 26)) == (["2027", "2026"], [])


def test_monitored_months_is_configurable(tmp_path: Path) -> None:
    site = load_site(with_2027(tmp_path, "monitored_months: 1\n"))
    assert shown(site, dt.date(2027, 6, 26)) == (["2027", "2026"], [])
    assert shown(site, dt.date(2027, 6, 27)) == (["2026"], [])


def test_without_any_active_cycle_the_newest_begun_is_shown(tmp_path: Path) -> None:
    data = with_2027(tmp_path)
    shutil.rmtree(data / "2026")
    site = load_site(data)
    assert shown(site, dt.date(2029, 1, 1)) == (["2027"], [])
    assert shown(site, dt.date(2026, 12, 1)) == (["2027"], [])  # none begun: the newest, not also announced


def test_a_draft_cycle_is_left_out_of_the_published_site(tmp_path: Path) -> None:
    site = published(load_site(with_2027(tmp_path, "draft: true\n")))
    assert [c.year for c in site.cycles] == ["2026"]


def test_months_after_keeps_the_day_or_the_months_last() -> None:
    assert months_after(dt.date(2026, 5, 26), 12) == dt.date(2027, 5, 26)
    assert months_after(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


@pytest.fixture(scope="module")
def two_cycles(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = project_copy(tmp_path_factory.mktemp("two-cycles") / "vakr")
    with_2027(root)
    result = build_site(root / "site", root, env={"SOURCE_DATE_EPOCH": EPOCH_2026_12_01})
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(root / "site")


@pytest.mark.parametrize(("lang", "announced", "stage"), [
    ("", "Предстоящий ВАКР 2027", "На каком этапе ВАКР 2026"),
    ("kk/", "Алдағы ВАКР 2027", "ВАКР 2026 қазір қай кезеңде"),
])
def test_home_page_keeps_2026_and_announces_2027(two_cycles: Site, lang: str, announced: str, stage: str) -> None:
    page = two_cycles.page(lang)
    stages = [" ".join(h.get_text().split()) for h in page.select("section.vakr-stage h2")]
    assert stages == [stage]  # 2027 is not shown as the current one
    summary = " ".join(page.select_one("section.vakr-stage .vakr-stage__summary").get_text().split())
    assert "38" in summary  # the 2026 plan's execution is still on the home page
    notice = page.select_one("section.vakr-announced")
    assert notice is not None and " ".join(notice.h2.get_text().split()) == announced
    assert notice.select_one('time[datetime="2027-04-13"]') and notice.select_one('time[datetime="2027-05-26"]')
    assert notice.a["href"].rstrip("/").endswith("2027")
    overviews = [s.get("aria-labelledby") for s in page.select("section.vakr-cycle")]
    assert overviews == ["vakr-cycle-2026"]


def test_archive_marks_the_current_and_the_upcoming_cycle(two_cycles: Site) -> None:
    rows = {" ".join(th.get_text().split()) for th in two_cycles.page("archive/").select("table.vakr-table--archive th[scope=row]")}
    assert rows == {"ВАКР 2027 (предстоящий)", "ВАКР 2026 (текущий)"}


EPOCH_2027_04_20 = "1808182800"  # 20.04.2027 06:00 in Almaty: ВАКР 2027 under way, 2026 still monitored


@pytest.fixture(scope="module")
def review_two_cycles(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The review build (`make serve` shows drafts: VAKR_DRAFTS=1) during ВАКР 2027, a draft cycle."""
    root = project_copy(tmp_path_factory.mktemp("review-two-cycles") / "vakr")
    with_2027(root, "draft: true\n")
    result = build_site(root / "site", root, env={"SOURCE_DATE_EPOCH": EPOCH_2027_04_20, "VAKR_DRAFTS": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(root / "site")


@pytest.mark.parametrize(("lang", "stages"), [
    ("", ["На каком этапе ВАКР 2027", "На каком этапе ВАКР 2026"]),
    ("kk/", ["ВАКР 2027 қазір қай кезеңде", "ВАКР 2026 қазір қай кезеңде"]),
])
def test_home_page_shows_both_cycles_newest_first_and_the_draft_banner(review_two_cycles: Site, lang: str,
                                                                        stages: list[str]) -> None:
    page = review_two_cycles.page(lang)
    assert [" ".join(h.get_text().split()) for h in page.select("section.vakr-stage h2")] == stages
    overviews = page.select("section.vakr-cycle")
    assert [s.get("aria-labelledby") for s in overviews] == ["vakr-cycle-2027", "vakr-cycle-2026"]
    banners = page.select(".vakr-draft-banner")
    assert len(banners) == 1 and banners[0].find_next_sibling("section") is overviews[0]  # over the draft cycle only
    assert ("Черновик" if not lang else "Жоба").lower() in banners[0].get_text().lower()
    assert not page.select_one("section.vakr-announced")  # 2027 has begun: shown, no longer announced
