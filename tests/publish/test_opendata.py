"""The open-data downloads (`vakr.publish.opendata`) built from the loaded data, without a
site build: each file known by its document, its columns and rows from the data, its bytes
reproducible."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import ROOT
from vakr.domain.site import SiteData
from vakr.ingest.load import load_site
from vakr.publish import strings
from vakr.publish.opendata import PLAN_FIELDS, SCHEDULE_FIELDS, Download, downloads
from vakr.publish.routes import WHOLE_CYCLE

EPOCH = "1764547200"


@pytest.fixture(scope="module")
def site() -> SiteData:
    return load_site(ROOT / "data")


def _files(site: SiteData, epoch: str = EPOCH) -> dict[tuple[str, str], Download]:
    return {(d.document, d.format): d for d in downloads(site.current, site, epoch)}


def _rows(download: Download) -> list[dict[str, str]]:
    text = download.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the Cyrillic right
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_each_download_is_known_by_its_document_and_described_in_both_languages(site: SiteData) -> None:
    files = _files(site)
    assert {("schedule", "CSV"), ("schedule", "iCalendar"), ("plan", "CSV"), ("organizations", "CSV"),
            (WHOLE_CYCLE, "JSON")} <= set(files)
    names = [d.name for d in files.values()]
    assert len(names) == len(set(names))
    for download in files.values():
        assert download.path == f"2026/data/{download.name}"
        for lang in ("ru", "kk"):
            assert strings.t(lang, download.about_key)


def test_plan_csv_has_a_row_per_item_with_the_deadline_days_of_the_data(site: SiteData) -> None:
    rows = _rows(_files(site)[("plan", "CSV")])
    items = site.current.plan.items  # type: ignore[union-attr]
    assert list(rows[0]) == PLAN_FIELDS and [r["number"] for r in rows] == [str(i.number) for i in items]
    for row, item in zip(rows, items):
        days = item.deadline.dates
        assert row["deadline_kind"] == item.deadline.kind
        for name in ("date", "start", "end"):
            assert row[f"deadline_{name}"] == (days[name].isoformat() if name in days else "")


def test_schedule_csv_gives_a_range_its_first_and_last_day(site: SiteData) -> None:
    rows = _rows(_files(site)[("schedule", "CSV")])
    assert list(rows[0]) == SCHEDULE_FIELDS
    ranges = [r for r in rows if r["deadline_kind"] == "range"]
    assert ranges and all(r["deadline_start"] < r["deadline_end"] and not r["deadline_date"] for r in ranges)


def test_the_json_holds_the_cycle_and_the_same_epoch_gives_the_same_bytes(site: SiteData) -> None:
    first, again, later = _files(site), _files(site), _files(site, str(int(EPOCH) + 86400))
    assert {key: d.content for key, d in first.items()} == {key: d.content for key, d in again.items()}
    assert json.loads(first[(WHOLE_CYCLE, "JSON")].content)  # readable JSON
    changed = {key for key in first if first[key].content != later[key].content}
    assert changed == {("schedule", "iCalendar")}  # only the calendar carries the time stamp
