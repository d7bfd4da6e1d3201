"""What the schedule says must be published, on the real build of the 2026 data: the
announcements and their Atom feeds, the open-data downloads (CSV, JSON, iCalendar) against
the pages, and the honest empty states of what the 2026 data does not have yet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import ROOT, proper_names

pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")

STRINGS = yaml.safe_load((ROOT / "src/vakr/publish/strings.yml").read_text(encoding="utf-8"))
SCHEDULE = yaml.safe_load((ROOT / "data/2026/schedule.yml").read_text(encoding="utf-8"))
PLAN = yaml.safe_load((ROOT / "data/2026/plan.yml").read_text(encoding="utf-8"))
PUBLICATIONS = yaml.safe_load((ROOT / "data/2026/publications.yml").read_text(encoding="utf-8"))
LANGS = ["ru", "kk"]
PUBLICATION_PAGES = ["announcements/", "2026/announcements/", "2026/announcements/start/", "2026/announcements/public-discussion/",
                     "2026/discussion/", "2026/report/", "2026/positions/", "2026/data/", "archive/", "contacts/"]


def prefix(lang: str) -> str:
    return "" if lang == "ru" else "kk/"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def schedule_item(number: int) -> dict:
    return next(i for s in SCHEDULE["sections"] for i in s["items"] if i["number"] == number)


def flat(value: object) -> str:
    """The data's text as plain text, written independently of the code under test."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return "\n".join(block["p"] if "p" in block else "\n".join(block["ul"]) for block in value)  # type: ignore[union-attr]


def iso(value: str) -> str:
    d, m, y = value.split(".")
    return f"{y}-{m}-{d}"


# --- pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("url", ["", "2026/", "2026/schedule/", "2026/plan/", *PUBLICATION_PAGES])
def test_pages_exist_in_both_languages_with_feed_link(built, url: str, lang: str) -> None:
    page = built.page(prefix(lang) + url)
    assert page.html["lang"] == lang
    link = page.select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert link is not None, "the feed is not linked from the page"
    feed = (built.root / (prefix(lang) + url) / link["href"]).resolve()
    assert feed == (built.root / ("feed.xml" if lang == "ru" else "feed.kk.xml")).resolve() and feed.is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_announcements_index_lists_newest_first_with_dates(built, lang: str) -> None:
    page = built.page(prefix(lang) + "2026/announcements/")
    items = page.select("ul.vakr-news > li")
    dates = [li.time["datetime"] for li in items]
    assert len(items) == len(PUBLICATIONS["announcements"]) and dates == sorted(dates, reverse=True)
    # the schedule's announcements are dated by the schedule items that order them (3, 5)
    expected = sorted((iso(schedule_item(a["schedule_item"])["rows"][0]["deadline"]["date"]) for a in PUBLICATIONS["announcements"]), reverse=True)
    assert dates == expected


@pytest.mark.parametrize("lang", LANGS)
def test_schedule_announcement_reads_dates_and_who_from_the_schedule(built, lang: str) -> None:
    page = built.page(prefix(lang) + "2026/announcements/public-discussion/")
    about = schedule_item(6)["rows"][0]  # the public discussion itself
    text = norm(page.select_one("article.vakr-announcement").get_text(" "))
    assert about["deadline"]["date"] in text and about["responsible"][lang] in text
    assert norm(about["work"][lang]) in text
    announce = schedule_item(5)["rows"][0]
    assert page.select_one(".vakr-announcement__date time")["datetime"] == iso(announce["deadline"]["date"])
    hrefs = [a["href"] for a in page.select("article a")]
    assert any(h.rstrip("/").endswith("discussion") for h in hrefs)  # how to take part


# --- feeds -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_feed_parses_and_lists_every_announcement_with_absolute_links(built, lang: str) -> None:
    raw = (built.root / ("feed.xml" if lang == "ru" else "feed.kk.xml")).read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.language == lang
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    base = urljoin(self_link, "./")
    assert urlsplit(base).scheme in ("http", "https")
    ids = {e.id.rsplit(":", 1)[1] for e in feed.entries}
    assert ids == {a["id"] for a in PUBLICATIONS["announcements"]}
    for entry in feed.entries:
        assert entry.link.startswith(base), entry.link
        path = entry.link.removeprefix(base)
        assert (built.root / path / "index.html").is_file(), path
        assert entry.title and entry.updated_parsed and entry.summary
    updated = [e.updated for e in feed.entries]
    assert updated == sorted(updated, reverse=True)


# --- downloads ---------------------------------------------------------------------------


def _csv(site: Path, name: str) -> list[dict[str, str]]:
    raw = (site / "2026/data" / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _cell_text(cell) -> str:  # type: ignore[no-untyped-def]
    for source in cell.select(".vakr-source"):
        source.decompose()
    return norm(cell.get_text(" "))


def test_plan_csv_and_json_round_trip_every_item_with_the_page_text(built) -> None:
    rows = _csv(built.root, "vakr-2026-plan.csv")
    data = json.loads((built.root / "2026/data/vakr-2026.json").read_text(encoding="utf-8"))
    page = built.page("2026/plan/")
    assert [int(r["number"]) for r in rows] == [i["number"] for i in PLAN["items"]] == [int(r["number"]) for r in data["plan"]]
    for item, row, record in zip(PLAN["items"], rows, data["plan"]):
        assert row == record  # the JSON has the same records as the CSV
        cells = page.select(f"tr#item-{item['number']} td")
        for field, index in (("recommendation", 0), ("measure", 1), ("executor", 3)):
            assert row[f"{field}_ru"] == flat(item[field]["ru"])
            assert norm(row[f"{field}_ru"]) == _cell_text(cells[index]), (item["number"], field)
            assert row[f"{field}_kk"] == flat(item[field].get("kk"))
        assert row["deadline_kind"] == item["deadline"]["kind"]
        source = item["deadline"].get("source") or {}
        assert row["deadline_source_ru"] == source.get("ru", "")


@pytest.mark.parametrize("lang", LANGS)
def test_schedule_csv_round_trips_every_row_with_the_page_text(built, lang: str) -> None:
    rows = _csv(built.root, "vakr-2026-schedule.csv")
    data = json.loads((built.root / "2026/data/vakr-2026.json").read_text(encoding="utf-8"))
    assert rows == data["schedule"]
    page = built.page(prefix(lang) + "2026/schedule/")
    expected = [(i["number"], r, row) for s in SCHEDULE["sections"] for i in s["items"] for r, row in enumerate(i["rows"], 1)]
    assert [(int(r["number"]), int(r["row"])) for r in rows] == [(n, r) for n, r, _ in expected]
    trs = page.select("table.vakr-table--schedule tbody tr:not(.vakr-section)")
    assert len(trs) == len(rows)
    for tr, row, (number, _, source) in zip(trs, rows, expected):
        assert row[f"work_{lang}"] == flat(source["work"][lang])
        assert norm(row[f"work_{lang}"]) == _cell_text(tr.select("td")[0]), number
        assert norm(row[f"responsible_{lang}"]) == _cell_text(tr.select("td")[2])


def test_ics_has_one_event_per_dated_schedule_item(built) -> None:
    calendar = Calendar.from_ical((built.root / "2026/data/vakr-2026-schedule.ics").read_bytes())
    events = calendar.walk("VEVENT")
    dated = {i["number"]: next(r["deadline"] for r in i["rows"] if r["deadline"]["kind"] in ("date", "range"))
             for s in SCHEDULE["sections"] for i in s["items"]
             if any(r["deadline"]["kind"] in ("date", "range") for r in i["rows"])}
    assert len(events) == len(dated) and len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        number = int(str(event["UID"]).rsplit("-", 1)[1])
        deadline = dated[number]
        start = event.decoded("DTSTART")
        last = event.decoded("DTEND") - dt.timedelta(days=1)  # DTEND of an all-day event is exclusive
        if deadline["kind"] == "date":
            assert start.isoformat() == iso(deadline["date"]) and last == start
        else:  # a range is one multi-day event
            assert (start.isoformat(), last.isoformat()) == (iso(deadline["start"]), iso(deadline["end"]))
        assert str(event["SUMMARY"]).startswith(f"{number}. ")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("url, names", [("2026/schedule/", ["vakr-2026-schedule.csv", "vakr-2026-schedule.ics", "vakr-2026.json"]),
                                        ("2026/plan/", ["vakr-2026-plan.csv", "vakr-2026.json"])])
def test_downloads_are_linked_from_their_pages(built, url: str, names: list[str], lang: str) -> None:
    page = built.page(prefix(lang) + url)
    links = page.select(".vakr-downloads a[download]")
    assert [a.get_text() for a in links] == names
    for a in links:
        assert (built.root / (prefix(lang) + url) / a["href"]).resolve().is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_data_page_documents_every_column(built, lang: str) -> None:
    page = built.page(prefix(lang) + "2026/data/")
    documented = {code.get_text() for code in page.select("table.vakr-table--fields code")}
    for name in ("vakr-2026-schedule.csv", "vakr-2026-plan.csv", "vakr-2026-organizations.csv"):
        header = set(_csv(built.root, name)[0])
        assert header <= documented, header - documented
    assert {"recommendation_ru", "recommendation_kk"} <= documented
    files = [a.get_text() for a in page.select("table.vakr-table--downloads a[download]")]
    assert sorted(files) == sorted(p.name for p in (built.root / "2026/data").iterdir() if p.suffix != ".html")


# --- empty states ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("url, keys", [
    ("2026/discussion/", ["discussion.format.missing", "discussion.results.missing"]),
    ("2026/report/", ["report.signed.missing", "report.file.missing", "report.summary.missing"]),
    ("2026/positions/", ["positions.preparing"]),
    ("contacts/", ["contacts.missing"]),
])
def test_missing_information_is_said_plainly(built, url: str, keys: list[str], lang: str) -> None:
    """The 2026 sources give no contacts, report, results or positions: nothing is invented."""
    page = built.page(prefix(lang) + url)
    shown = [norm(e.get_text(" ")) for e in page.select(".vakr-empty-state")]
    assert shown == [STRINGS[k][lang] for k in keys]
    assert not page.select('a[href^="tel:"], a[href^="mailto:"], table.vakr-table--positions')


@pytest.mark.parametrize("lang", LANGS)
def test_discussion_names_the_appeals_system_without_loading_it(built, lang: str) -> None:
    page = built.page(prefix(lang) + "2026/discussion/")
    assert page.select_one('a[href="https://eotinish.kz"]') is not None
    assert not page.select('[src^="http"]')  # nothing is fetched from another host


@pytest.mark.parametrize("url", [u for u in PUBLICATION_PAGES if u != "2026/data/"])
def test_kazakh_publication_pages_have_no_latin_interface_words(built, url: str) -> None:
    """The data page is left out: file formats and column names are machine names."""
    page = built.page(f"kk/{url}")
    for element in page.select('[lang="ru"], script, style, .md-select, [translate="no"]'):
        element.decompose()
    latin = sorted(set(re.findall(r"\b[A-Za-z]{3,}\b", page.get_text(" "))) - proper_names())
    assert not latin, latin


def test_archive_lists_every_cycle(built) -> None:
    page = built.page("archive/")
    years = sorted((p.name for p in (ROOT / "data").iterdir() if (p / "cycle.yml").is_file()), reverse=True)
    rows = page.select("table.vakr-table--archive tbody tr")
    assert [row.th.a.get_text() for row in rows] == [f"ВАКР {y}" for y in years]


@pytest.mark.parametrize("lang", LANGS)
def test_all_announcements_page_lists_each_cycles_announcements_and_the_home_page_links_it(built, lang: str) -> None:
    page = built.page(prefix(lang) + "announcements/")
    assert [h.get_text(strip=True) for h in page.select("article h2")] == ["ВАКР 2026"]

    def entries(p: BeautifulSoup) -> list[tuple[str, str]]:
        return [(li.time["datetime"], li.a.get_text(strip=True)) for li in p.select("ul.vakr-news > li")]

    listed = entries(page)
    assert len(listed) == len(PUBLICATIONS["announcements"]) and listed == entries(built.page(prefix(lang) + "2026/announcements/"))
    for link in page.select("ul.vakr-news a"):
        assert (built.root / prefix(lang) / "announcements" / link["href"] / "index.html").resolve().is_file()
    home = built.page(prefix(lang))
    assert [a["href"] for a in home.select("article a") if a.get_text(strip=True) == STRINGS["page.announcements.all"][lang]] == ["announcements/"]


@pytest.mark.parametrize("lang", LANGS)
def test_contacts_are_headed_by_the_service_name_in_the_page_language(built, lang: str) -> None:
    """The full name where the language has it, else the short one (the Kazakh documents
    give the service only a short name)."""
    orgs = {o["id"]: o for o in yaml.safe_load((ROOT / "data/organizations.yml").read_text(encoding="utf-8"))["organizations"]}
    service = orgs[yaml.safe_load((ROOT / "data/contacts.yml").read_text(encoding="utf-8"))["service"]]
    expected = service["name"].get(lang) or service["short_name"].get(lang)
    assert expected and built.page(prefix(lang) + "contacts/").select_one("h2#service").get_text(strip=True) == expected


def test_home_lists_the_latest_announcements(built) -> None:
    page = built.page("")
    links = [a["href"] for a in page.select("ul.vakr-news a")]
    assert links and all("announcements/" in href for href in links)
