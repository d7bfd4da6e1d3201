"""Where the execution of a ВАКР cycle stands on a given day, derived from the recorded
reports only: no report means no report, never "done" and never "violated".

The status of a plan item, relative to the "as of" date:
- reports dated after the as-of date are not yet known and are ignored;
- a permanent ("постоянно, с …") or daily item is *ongoing*, shown with its last report; it
  is *pending* only while a permanent one has not started and has no report;
- otherwise the latest report gives the status (not_started, in_progress, done, not_done);
- with no report, the item is *overdue* ("deadline passed, no report on execution published")
  once its deadline has passed, else *pending* ("no report yet").

When a deadline has passed (`due_date`): a date deadline after that day, a range after its
last day; "immediately" means no grace at all, so after the day the document that sets it
was approved; permanent, daily and "no deadline" never pass.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import Deadline, PlanItem, Report, ScheduleItem, StepDone
from vakr.domain.statedate import build_day, state_date

# Display order of the derived states; every plan item is in exactly one.
STATES = ("done", "in_progress", "not_started", "not_done", "overdue", "pending", "ongoing")
ONGOING_KINDS = ("permanent", "daily")


def due_date(deadline: Deadline, approved: dt.date) -> dt.date | None:
    """The last day on which the deadline is still met; None if it never passes.
    `approved` is the approval date of the document that sets the deadline."""
    if deadline.span:
        return deadline.span[1]
    if deadline.kind == "immediately":
        return approved
    return None


@dataclass(frozen=True)
class ItemStatus:
    number: int
    state: str  # one of STATES
    history: tuple[Report, ...]  # reports known on the as-of date, newest first
    due: dt.date | None
    late: bool  # the deadline has passed and the latest report is still open

    @property
    def report(self) -> Report | None:
        return self.history[0] if self.history else None


def item_status(cycle: Cycle, item: PlanItem, on: dt.date) -> ItemStatus:
    """The derived status of one plan item on the day `on` (see the module docstring)."""
    assert cycle.plan is not None
    recorded = cycle.monitoring.plan.get(item.number, []) if cycle.monitoring else []
    known = [r for r in recorded if r.date <= on]
    # newest first; on the same day the report written later in the file wins
    history = tuple(r for _, r in sorted(enumerate(known), key=lambda p: (p[1].date, p[0]), reverse=True))
    due = due_date(item.deadline, cycle.plan.approval.date)
    passed = due is not None and on > due
    kind = item.deadline.kind
    if kind in ONGOING_KINDS:
        started = kind == "daily" or on >= item.deadline.start  # type: ignore[union-attr]
        state = "ongoing" if history or started else "pending"
    elif history:
        state = history[0].status
    else:
        state = "overdue" if passed else "pending"
    late = passed and state in ("not_started", "in_progress")
    return ItemStatus(item.number, state, history, due, late)


def plan_status(site: SiteData, year: str, number: int, on: dt.date | None = None) -> ItemStatus | None:
    """The status of plan item `number` of cycle `year` on `on` (default: the state date of
    a build now), for other pages, e.g. the cartogram; None if the cycle has no such item."""
    cycle = next((c for c in site.cycles if c.year == year), None)
    item = next((i for i in cycle.plan.items if i.number == number), None) if cycle and cycle.plan else None
    return None if cycle is None or item is None else item_status(
        cycle, item, on or state_date(site, build_day(os.environ.get("SOURCE_DATE_EPOCH"))).of(cycle))


@dataclass(frozen=True)
class Progress:
    """How the items of one organization (or of the whole plan) stand."""

    organization: str | None  # id in organizations.yml; None for the whole plan
    items: tuple[ItemStatus, ...]

    @property
    def total(self) -> int:
        return len(self.items)

    def count(self, state: str) -> int:
        return sum(1 for s in self.items if s.state == state)

    @property
    def done(self) -> int:
        return self.count("done")

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def counts(self) -> list[tuple[str, int]]:
        return [(state, self.count(state)) for state in STATES]


@dataclass(frozen=True)
class DeadlineGroup:
    """Plan items sharing a deadline month (`kind` "month", `month` its first day), or a
    deadline kind without a month (permanent, daily, immediately, none)."""

    kind: str
    month: dt.date | None
    items: tuple[ItemStatus, ...]


@dataclass(frozen=True)
class PlanMonitoring:
    """Everything the monitoring pages show about a cycle's plan on one day."""

    on: dt.date
    statuses: dict[int, ItemStatus]
    whole: Progress
    organizations: list[Progress]
    groups: list[DeadlineGroup]
    overdue: list[ItemStatus]
    latest: list[tuple[int, Report]]  # newest reports first, with their item numbers


def plan_monitoring(site: SiteData, cycle: Cycle, on: dt.date, latest: int = 10) -> PlanMonitoring | None:
    if cycle.plan is None:
        return None
    items = cycle.plan.items
    statuses = {item.number: item_status(cycle, item, on) for item in items}
    by_org: dict[str, list[ItemStatus]] = {}
    for item in items:
        for org in dict.fromkeys(item.executor.organizations):
            by_org.setdefault(org, []).append(statuses[item.number])
    order = list(site.organizations)
    organizations = [Progress(org, tuple(by_org[org])) for org in sorted(by_org, key=order.index)]
    reports = [(s.number, r) for s in statuses.values() for r in s.history]
    reports.sort(key=lambda p: (p[1].date, -p[0]), reverse=True)
    return PlanMonitoring(
        on=on, statuses=statuses, whole=Progress(None, tuple(statuses.values())),
        organizations=organizations, groups=_groups(items, statuses),
        overdue=[s for s in statuses.values() if s.state == "overdue"], latest=reports[:latest],
    )


def _groups(items: list[PlanItem], statuses: dict[int, ItemStatus]) -> list[DeadlineGroup]:
    months: dict[dt.date, list[ItemStatus]] = {}
    kinds: dict[str, list[ItemStatus]] = {}
    for item in items:
        deadline = item.deadline
        if deadline.span:
            day = deadline.span[1]
            months.setdefault(day.replace(day=1), []).append(statuses[item.number])
        else:
            kinds.setdefault(deadline.kind, []).append(statuses[item.number])
    out = [DeadlineGroup("month", month, tuple(months[month])) for month in sorted(months)]
    out += [DeadlineGroup(kind, None, tuple(kinds[kind])) for kind in ("permanent", "daily", "immediately", "none") if kind in kinds]
    return out


# --- the schedule -----------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A schedule item on the time axis: dated (a day or a range of days) or not."""

    item: ScheduleItem
    kind: str  # "date" or "range" when dated; else the kind of its deadline
    start: dt.date | None
    end: dt.date | None
    done: StepDone | None
    state: str  # done, current, upcoming, passed (no done mark published), undated

    @property
    def number(self) -> int:
        return self.item.number


def schedule_steps(cycle: Cycle, on: dt.date) -> list[Step]:
    if cycle.schedule is None:
        return []
    marks = cycle.monitoring.schedule if cycle.monitoring else {}
    steps = []
    for item in cycle.schedule.items():
        days = [d for row in item.rows if row.deadline.span for d in row.deadline.span]
        ranged = any(row.deadline.kind == "range" for row in item.rows)
        done = marks.get(item.number)
        done = done if done is not None and done.done <= on else None
        if days:
            start, end = min(days), max(days)
            kind = "range" if ranged or start != end else "date"
            state = "done" if done else "upcoming" if on < start else "current" if on <= end else "passed"
        else:
            start = end = None
            kind = item.rows[0].deadline.kind
            state = "done" if done else "undated"
        steps.append(Step(item, kind, start, end, done, state))
    return steps


@dataclass(frozen=True)
class Stage:
    """Where the ВАКР stands: the steps under way and the next dated step(s)."""

    current: list[Step]
    next: list[Step]


def stage(steps: list[Step], on: dt.date) -> Stage:
    """Steps under way: dated steps whose period includes `on`; failing those, the undated
    steps (daily, immediately, no deadline) not marked done whose every earlier dated step
    has begun. Next: the not-done dated steps with the nearest start after `on`."""
    current = [s for s in steps if s.state == "current"]
    if not current:
        for step in steps:
            earlier = [s for s in steps if s.number < step.number and s.start is not None]
            if step.state == "undated" and earlier and all(s.start <= on for s in earlier):  # type: ignore[operator]
                current.append(step)
    upcoming = [s for s in steps if s.state == "upcoming"]
    first = min((s.start for s in upcoming), default=None)  # type: ignore[type-var]
    return Stage(current=current, next=[s for s in upcoming if s.start == first])
