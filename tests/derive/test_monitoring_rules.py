"""The officer's monitoring file: bad reports are reported with file, line, field and what
was expected; and the rules of the derived status (deadline kinds, as-of date, stage)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import copy_data, load_errors
from vakr.domain.errors import DataError
from vakr.ingest.load import load_site
from vakr.domain.model import Deadline
from vakr.derive.monitoring import due_date, item_status, plan_status, schedule_steps, stage
from pydantic import TypeAdapter

DATA = Path(__file__).resolve().parents[2] / "data"
FILE = "data/2026/monitoring.yml"
GOOD_REPORT = "  1:\n  - date: 20.06.2026\n    status: done\n    text: {ru: Исполнено}\n"


def errors_for(tmp_path: Path, text: str) -> list[DataError]:
    data = copy_data(tmp_path)
    (data / "2026" / "monitoring.yml").write_text(text, encoding="utf-8")
    return load_errors(data)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(("body", "needle", "field", "words"), [
    ("plan:\n  99:\n  - date: 20.06.2026\n    status: done\n    text: {ru: Исполнено}\n",
     "99:", "plan[99]", ("нет пункта 99", "1–38")),
    ("schedule:\n  13:\n    done: 30.03.2026\n", "13:", "schedule[13]", ("плана-графика", "нет пункта 13", "1–12")),
    ("plan:\n  1:\n  - date: 20.06.2026\n    status: выполнено\n    text: {ru: Исполнено}\n",
     "status:", "plan[1][1].status", ("not_started, in_progress, done, not_done", "«выполнено»")),
    ("plan:\n  1:\n  - date: 20.06.2026\n    status: not_done\n    text: {ru: Не исполнено}\n",
     "- date:", "plan[1][1]", ("причину", "reason")),
    ("plan:\n  1:\n  - date: 31.06.2026\n    status: done\n    text: {ru: Исполнено}\n",
     "date:", "plan[1][1].date", ("такой даты не существует", "31.06.2026")),
    ("plan:\n  1:\n  - date: 20.06.2026\n    status: done\n    text: {ru: Исполнено}\n    evidence:\n    - url: 'javascript:alert(1)'\n",
     "url:", "plan[1][1].evidence[1].url", ("не подходит под формат",)),
    ("plan:\n  1:\n  - date: 20.06.2026\n    status: done\n    text: {ru: Исполнено}\n    evidence:\n    - title: {ru: Приказ}\n",
     "- title:", "plan[1][1].evidence[1]", ("url", "order")),
    ("plan:\n  1:\n  - date: 20.06.2026\n    status: done\n", "- date:", "plan[1][1].text", ("обязательное поле",)),
    ("as_of: вчера\n", "as_of:", "as_of", ("ожидалась дата",)),
], ids=["unknown-plan-item", "unknown-schedule-item", "status-not-in-list", "reason-missing-for-not-done",
        "date-invalid", "evidence-scheme", "evidence-empty", "text-missing", "as-of-invalid"])
def test_bad_report_is_reported_with_line_and_field(tmp_path: Path, body: str, needle: str, field: str,
                                                    words: tuple[str, ...]) -> None:
    errors = errors_for(tmp_path, body)
    assert len(errors) == 1, errors
    (error,) = errors
    assert (error.file, error.line, error.field) == (FILE, line_of(body, needle), field), str(error)
    for word in words:
        assert word in error.message, error.message


def test_a_good_report_loads(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / "2026" / "monitoring.yml").write_text("plan:\n" + GOOD_REPORT, encoding="utf-8")
    cycle = load_site(data).current
    assert cycle.monitoring is not None and cycle.monitoring.plan[1][0].status == "done"


def test_a_cycle_without_monitoring_file_still_loads(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / "2026" / "monitoring.yml").unlink()
    assert load_site(data).current.monitoring is None


# --- when a deadline has passed -----------------------------------------------------------

APPROVED = dt.date(2026, 5, 13)


def deadline(**fields: object) -> Deadline:
    return TypeAdapter(Deadline).validate_python(fields)


@pytest.mark.parametrize(("fields", "due"), [
    ({"kind": "date", "date": "01.07.2026"}, dt.date(2026, 7, 1)),
    ({"kind": "range", "start": "13.04.2026", "end": "26.05.2026"}, dt.date(2026, 5, 26)),
    ({"kind": "immediately"}, APPROVED),
    ({"kind": "permanent", "start": "01.07.2026"}, None),
    ({"kind": "daily"}, None),
    ({"kind": "none"}, None),
], ids=["date", "range-end", "immediately-approval-day", "permanent", "daily", "none"])
def test_due_date_per_deadline_kind(fields: dict[str, object], due: dt.date | None) -> None:
    assert due_date(deadline(**fields), APPROVED) == due


def test_deadline_day_itself_is_still_on_time() -> None:
    cycle = load_site(DATA).current
    item = cycle.plan.items[0]  # due 01.07.2026, no report
    assert item_status(cycle, item, dt.date(2026, 7, 1)).state == "pending"
    assert item_status(cycle, item, dt.date(2026, 7, 2)).state == "overdue"


def test_permanent_item_before_its_start_has_no_report_yet() -> None:
    cycle = load_site(DATA).current
    item = next(i for i in cycle.plan.items if i.number == 21)  # permanent from 01.07.2026
    assert item_status(cycle, item, dt.date(2026, 6, 30)).state == "pending"
    assert item_status(cycle, item, dt.date(2026, 7, 1)).state == "ongoing"
    assert item_status(cycle, item, dt.date(2030, 1, 1)).state == "ongoing"  # never "overdue"


@pytest.mark.parametrize(("day", "current", "upcoming"), [
    (dt.date(2026, 3, 1), [], [1, 3]),
    (dt.date(2026, 4, 1), [], [2]),
    (dt.date(2026, 5, 15), [4], [9]),  # 9 on 18.05 comes before the discussion (6) on 19.05
    (dt.date(2026, 5, 27), [10, 11, 12], []),
], ids=["before-all", "between-steps", "during-analysis", "after-analysis"])
def test_stage_of_the_vakr(day: dt.date, current: list[int], upcoming: list[int]) -> None:
    cycle = load_site(DATA).current
    where = stage(schedule_steps(cycle, day), day)
    assert [s.number for s in where.current] == current
    assert [s.number for s in where.next] == upcoming


def test_plan_status_for_other_pages() -> None:
    site = load_site(DATA)
    status = plan_status(site, "2026", 21, dt.date(2026, 8, 1))
    assert status is not None and status.state == "ongoing" and status.report is None
    assert plan_status(site, "2026", 99) is None and plan_status(site, "1999", 1) is None
