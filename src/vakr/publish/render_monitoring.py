"""What the monitoring templates need about one cycle: the derived status (once per build,
only when a template asks), and in one language on one page, item links and labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import Any

from vakr.publish import strings
from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import Evidence, ScheduleItem
from vakr.derive.monitoring import ItemStatus, PlanMonitoring, Stage, Step, plan_monitoring, schedule_steps, stage
from vakr.domain.statedate import reports_date
from vakr.derive.timeline import Layout, layout


class CycleStatus:
    """A cycle's execution status on its state date `on` (`vakr.domain.statedate`): the same on
    every page and in every language, so it is derived once per build."""

    def __init__(self, site: SiteData, cycle: Cycle, on: dt.date) -> None:
        self.site, self.cycle, self.on = site, cycle, on

    @cached_property
    def reports_on(self) -> dt.date | None:
        """«Сведения на»: the day of the newest execution report known on the state date."""
        return reports_date(self.cycle, self.on)

    @cached_property
    def plan(self) -> PlanMonitoring | None:
        return plan_monitoring(self.site, self.cycle, self.on)

    @cached_property
    def steps(self) -> list[Step]:
        return schedule_steps(self.cycle, self.on)

    @cached_property
    def stage(self) -> Stage:
        return stage(self.steps, self.on)

    @cached_property
    def timeline(self) -> Layout:
        return layout(self.steps, self.on)


class StatusView:
    """A cycle's status as one page shows it: in its language, with links relative to it."""

    def __init__(self, derived: CycleStatus, lang: str, link_to: Callable[[str], str]) -> None:
        self.derived, self.cycle, self.lang, self.link_to = derived, derived.cycle, lang, link_to

    def __getattr__(self, name: str) -> Any:
        """The derived status itself (`on`, `reports_on`, `plan`, `steps`, `stage`, `timeline`): the
        same in every language, derived once per cycle; this view adds only what is worded."""
        return getattr(self.derived, name)

    def status(self, number: int) -> ItemStatus:
        assert self.plan is not None
        return self.plan.statuses[number]

    def evidence_href(self, evidence: Evidence) -> str | None:
        """A web address as it is; a site path relative to the page (works under a sub-path)."""
        url = evidence.url
        if url is None or url.startswith(("http://", "https://")):
            return url
        return self.link_to(url.lstrip("/"))

    def month(self, day: dt.date) -> str:
        names = strings.t(self.lang, "monitoring.months").split()
        return strings.t(self.lang, "monitoring.month", month=names[day.month - 1], year=day.year)

    def label(self, item: ScheduleItem) -> str:
        """A step's first line of work, in the page language (or Russian)."""
        work = item.rows[0].work
        text = getattr(work, self.lang) or work.ru
        if isinstance(text, str):
            return text
        first = text[0]
        return getattr(first, "p", None) or first.ul[0]  # type: ignore[union-attr]

