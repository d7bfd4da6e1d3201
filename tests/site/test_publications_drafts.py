"""Drafts and filled-in publications on a copy of the project: a draft is shown with a banner
in both languages while officers review (`mkdocs serve`, or a preview build with
VAKR_DRAFTS=1) and is absent from the publishable build (`python -m vakr build`, what `make
build` runs): no page, feed entry, download, search entry, sitemap line or attached file.
The same data and SOURCE_DATE_EPOCH give byte-identical feeds and downloads."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from bench.serve import free_port
from bench.workspace import project_copy
from conftest import ROOT, built_ok
from searchindex import results

STRINGS = yaml.safe_load((ROOT / "src/vakr/publish/strings.yml").read_text(encoding="utf-8"))
SITE_URL = "https://example.kz/anticorruption/"
EPOCH = "1779000000"
SECRET = "ЧЕРНОВИКМАРКЕР"  # appears only in draft content
PDF = b"%PDF-1.4\n% test file standing for the signed report\n%%EOF\n"

PUBLICATIONS = f"""\
announcements:
- kind: start
  id: start
  schedule_item: 3
  about_item: 4
- kind: discussion
  id: public-discussion
  schedule_item: 5
  about_item: 6
- kind: news
  id: meeting
  date: 02.06.2026
  kk_approved: {{date: 02.06.2026, kk: {{heading: БЕКІТЕМІН, lines: [Тест қол қоюшы], date: 02.06.2026 ж.}}}}
  title:
    ru: Тестовая новость
    kk: Сынақ жаңалығы
  body:
    ru: Текст тестовой новости.
    kk: Сынақ жаңалығының мәтіні.
- kind: news
  id: draft-news
  date: 03.06.2026
  draft: true
  title:
    ru: Черновик новости
  body:
    ru: {SECRET} в новости.
discussion:
  schedule_item: 6
  draft: true
  results:
    ru: {SECRET} в итогах.
report:
  schedule_item: 9
  draft: true
  signed: 12.05.2026
  summary:
    ru: {SECRET} в справке.
  file: documents/2026/analytical-report.pdf
positions:
  schedule_item: 11
  approved: 01.06.2026
  items:
  - organization: almaty-finance
    title:
      ru: Тестовая должность
"""


def _drafts_project(root: Path) -> Path:
    """The project with publications filled in, an earlier cycle and a draft one."""
    project_copy(root)
    (root / "data/2026/publications.yml").write_text(PUBLICATIONS, encoding="utf-8")
    (root / "data/2025").mkdir()  # an earlier cycle, nothing published for it but its period
    (root / "data/2025/cycle.yml").write_text("period:\n  start: 14.04.2025\n  end: 27.05.2025\n", encoding="utf-8")
    (root / "data/2027").mkdir()
    (root / "data/2027/cycle.yml").write_text("draft: true\nperiod:\n  start: 12.04.2027\n  end: 25.05.2027\n", encoding="utf-8")
    (root / "docs/documents/2026").mkdir(parents=True)
    (root / "docs/documents/2026/analytical-report.pdf").write_bytes(PDF)
    schedule = root / "data/2026/schedule.yml"  # the officer moves the date of item 3
    text = schedule.read_text(encoding="utf-8")
    marker = "        date: 30.03.2026\n        source:\n          ru: 30.03.26г.\n          kk: 30.03.26ж.\n"
    assert text.count(marker) == 2  # items 1 and 3
    head, _, tail = text.partition("  - number: 3\n")
    schedule.write_text(head + "  - number: 3\n" + tail.replace("date: 30.03.2026", "date: 31.03.2026", 1), encoding="utf-8")
    return root


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", **extra}
    env.pop("VAKR_DRAFTS", None)
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _drafts_project(tmp_path_factory.mktemp("drafts"))


@pytest.fixture(scope="module")
def published(project: Path) -> Path:
    return built_ok(project / "site", project, _env())


@pytest.fixture(scope="module")
def preview(project: Path, published: Path) -> Path:
    return built_ok(project / "preview", project, _env(VAKR_DRAFTS="1"))


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _texts(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv", ".ics")}


# --- the publishable build ---------------------------------------------------------------


def test_publishable_build_has_no_trace_of_drafts(published: Path) -> None:
    found = [name for name, text in _texts(published).items() if SECRET in text or "draft-news" in text]
    assert not found, found
    assert not (published / "2027").exists() and not (published / "kk/2027").exists()
    assert not (published / "2026/announcements/draft-news").exists()
    assert not list(published.rglob("*.pdf")), "a draft report's PDF was published"
    sitemap = (published / "sitemap.xml").read_text(encoding="utf-8")
    search = " ".join(f"{r.url} {r.title} {r.text}" for r in results(published))
    assert "/2027/" not in sitemap and "2027/" not in search and "draft-news" not in sitemap
    assert "vakr-draft-banner" not in "".join(_texts(published).values())
    archive = page(published, "archive")
    assert [row.th.a.get_text() for row in archive.select("tbody tr")] == ["ВАКР 2026", "ВАКР 2025"]


def test_all_announcements_page_lists_the_published_ones_and_in_preview_the_drafts_too(published: Path, preview: Path) -> None:
    def listed(site: Path) -> list[tuple[str, bool]]:
        return [(li.a["href"].strip("/").split("/")[-1], li.select_one(".vakr-draft-tag") is not None)
                for li in page(site, "announcements").select("ul.vakr-news > li")]

    assert listed(published) == [("meeting", False), ("public-discussion", False), ("start", False)]
    assert listed(preview) == [("draft-news", True), ("meeting", False), ("public-discussion", False), ("start", False)]
    assert [h.get_text(strip=True) for h in page(published, "announcements").select("article h2")] == ["ВАКР 2026"]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_feed_under_a_sub_path_lists_published_announcements_only(published: Path, lang: str) -> None:
    feed = feedparser.parse((published / ("feed.xml" if lang == "ru" else "feed.kk.xml")).read_bytes())
    assert not feed.bozo
    links = [e.link for e in feed.entries]
    assert all(link.startswith(SITE_URL) for link in links), links
    assert {link.removeprefix(SITE_URL).rstrip("/").rsplit("/", 1)[1] for link in links} == {"start", "public-discussion", "meeting"}
    for link in links:
        assert (published / link.removeprefix(SITE_URL) / "index.html").is_file()
    assert feed.entries[0].title == ("Тестовая новость" if lang == "ru" else "Сынақ жаңалығы")


def test_changed_schedule_date_changes_the_announcement(published: Path) -> None:
    start = page(published, "2026/announcements/start")
    assert start.select_one(".vakr-announcement__date time")["datetime"] == "2026-03-31"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_draft_publications_fall_back_to_empty_states(published: Path, lang: str) -> None:
    prefix = "" if lang == "ru" else "kk/"
    report = page(published, prefix + "2026/report")
    assert [e.get_text(strip=True) for e in report.select(".vakr-empty-state")] == [
        STRINGS[key][lang] for key in ("report.signed.missing", "report.file.missing", "report.summary.missing")]
    assert report.select_one("dl.vakr-facts time") is not None  # the schedule's date is still there
    discussion = page(published, prefix + "2026/discussion")
    assert STRINGS["discussion.results.missing"][lang] in discussion.get_text(" ")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_approved_positions_are_listed_by_organization(published: Path, lang: str) -> None:
    positions = page(published, ("" if lang == "ru" else "kk/") + "2026/positions")
    rows = positions.select("table.vakr-table--positions tbody tr")
    assert len(rows) == 1 and "Тестовая должность" in rows[0].get_text() and "Almaty Finance" in rows[0].get_text()
    assert not positions.select(".vakr-empty-state")
    assert positions.select_one("time")["datetime"] == "2026-06-01"


def test_calendar_is_stamped_with_the_epoch_not_the_clock(published: Path) -> None:
    """That the same data gives the same bytes is checked for every file by test_reproducible.py."""
    ics = (published / "2026/data/vakr-2026-schedule.ics").read_bytes()
    stamp = dt.datetime.fromtimestamp(int(EPOCH), tz=dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    assert ics.count(f"DTSTAMP:{stamp}\r\n".encode()) == ics.count(b"BEGIN:VEVENT") > 0  # the epoch, not the clock


# --- the preview (what officers review) -------------------------------------------------


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("url", ["2026/announcements/draft-news", "2026/report", "2026/discussion", "2027", "2027/schedule", ""])
def test_preview_shows_drafts_with_a_banner_in_the_page_language(preview: Path, url: str, lang: str) -> None:
    html = page(preview, ("" if lang == "ru" else "kk/") + url)
    banner = html.select_one(".vakr-draft-banner")
    assert banner is not None and STRINGS["draft.banner"][lang] in banner.get_text(" ")


def test_preview_report_offers_the_signed_pdf_with_type_and_size(preview: Path) -> None:
    report = page(preview, "2026/report")
    link = report.select_one("a[download]")
    assert link is not None and (preview / "2026/report" / link["href"]).resolve().read_bytes() == PDF
    assert f"PDF, {len(PDF)} байт" in link.get_text()
    assert SECRET in report.get_text() and report.select_one("time[datetime='2026-05-12']") is not None


def test_preview_feed_and_archive_include_drafts(preview: Path) -> None:
    assert "draft-news" in (preview / "feed.xml").read_text(encoding="utf-8")
    assert "ВАКР 2027" in page(preview, "archive").get_text()


def test_mkdocs_serve_shows_drafts(project: Path, published: Path) -> None:
    """The real review command, not the VAKR_DRAFTS preview switch."""
    port = free_port()
    env = _env()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        html = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/anticorruption/2026/announcements/draft-news/", timeout=5) as r:
                    html = r.read().decode("utf-8")
                break
            except OSError:
                time.sleep(1)
        assert "vakr-draft-banner" in html and SECRET in html
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_an_earlier_cycle_is_archived_with_honest_empty_pages(published: Path, lang: str) -> None:
    prefix = "" if lang == "ru" else "kk/"
    for url, key in (("2025/discussion", "discussion.missing"), ("2025/report", "report.missing"),
                     ("2025/positions", "positions.preparing"), ("2025/announcements", "announce.empty"),
                     ("2025/schedule", "schedule.missing")):
        states = [e.get_text(strip=True) for e in page(published, prefix + url).select(".vakr-empty-state")]
        assert states == [STRINGS[key][lang]], url
    files = sorted(p.name for p in (published / "2025/data").iterdir() if p.suffix != ".html")
    assert files == ["vakr-2025-organizations.csv", "vakr-2025.json"]  # no schedule, no plan: no such files
