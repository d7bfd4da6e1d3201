"""Which ВАКР cycles the home page shows. Cycles overlap: the 2027 analysis starts while the
2026 plan is still being executed, so the home page shows every cycle in progress or still
being monitored, newest first, and announces a cycle whose period has not begun without
presenting it as the current one.

A cycle is *in progress* from the first day of its period to the last; it is *still
monitored* while its plan has an item with a deadline that is not closed by a report
(done or not done) — a permanent or daily item is never closed and does not count — or for
`monitored_months` (cycle.yml, default 12) after its period. When no cycle is either, the
home page shows the newest cycle that has begun (or, before any has begun, the newest)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from vakr.domain.site import Cycle, SiteData
from vakr.derive.monitoring import PlanMonitoring

OPEN_STATES = ("not_started", "in_progress", "overdue", "pending")  # a report may still close them


@dataclass(frozen=True)
class HomeCycles:
    shown: list[Cycle]  # newest first, each with its status and overview
    announced: list[Cycle]  # not begun yet, newest first


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def home_cycles(site: SiteData, state_of: Callable[[Cycle], dt.date],
                plan_of: Callable[[Cycle], PlanMonitoring | None]) -> HomeCycles:
    """The cycles of the home page; `state_of` gives a cycle's state date and `plan_of` its
    plan's status on that day (derived once per build by the caller)."""
    announced = [c for c in site.cycles if state_of(c) < c.info.period.start]
    begun = [c for c in site.cycles if c not in announced]
    shown = [c for c in begun if _active(c, state_of(c), plan_of(c))]
    if not shown:
        fallback = begun[0] if begun else site.cycles[0]
        shown = [fallback]
        announced = [c for c in announced if c is not fallback]
    return HomeCycles(shown=shown, announced=announced)


def _active(cycle: Cycle, on: dt.date, plan: PlanMonitoring | None) -> bool:
    if on <= months_after(cycle.info.period.end, cycle.info.monitored_months):
        return True
    return plan is not None and any(s.state in OPEN_STATES for s in plan.statuses.values())
