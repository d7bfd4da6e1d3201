"""The geometry of the schedule's timeline, computed at build time so the page carries a
plain inline SVG (no script). Dated steps sit on a time axis: a range as a bar, a single
day as a point; undated steps ("daily", "immediately", none) get no position they do not
have and are written out in words in their row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vakr.derive.monitoring import Step

WIDTH, LEFT, RIGHT, TOP, ROW, BOTTOM = 760, 52, 24, 44, 30, 12
PAD = dt.timedelta(days=3)


@dataclass(frozen=True)
class Mark:
    step: Step
    y: float
    x1: float | None  # None for an undated step
    x2: float | None


@dataclass(frozen=True)
class Tick:
    x: float
    day: dt.date


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    left: int
    right: int  # x of the axis end
    top: int
    marks: list[Mark]
    ticks: list[Tick]
    as_of_x: float | None  # None: the as-of day is off the axis
    as_of_after: bool  # the as-of day lies after the axis end (marked at the right edge)


def layout(steps: list[Step], on: dt.date) -> Layout:
    dated = [s for s in steps if s.start is not None]
    first = min((s.start for s in dated), default=on) - PAD  # type: ignore[type-var, operator]
    last = max((s.end for s in dated), default=on) + PAD  # type: ignore[type-var, operator]
    if first <= on <= last + dt.timedelta(days=14):  # a day just after the end widens the axis a little
        last = max(last, on + dt.timedelta(days=1))
    span = (last - first).days or 1
    end = WIDTH - RIGHT

    def x(day: dt.date) -> float:
        return round(LEFT + (end - LEFT) * (day - first).days / span, 1)

    marks = [Mark(s, TOP + ROW * i + ROW / 2, x(s.start) if s.start else None, x(s.end) if s.end else None)
             for i, s in enumerate(steps)]
    return Layout(
        width=WIDTH, height=TOP + ROW * len(steps) + BOTTOM, left=LEFT, right=end, top=TOP, marks=marks,
        ticks=[Tick(x(day), day) for day in _ticks(first, last)],
        as_of_x=x(on) if first <= on <= last else None, as_of_after=on > last,
    )


def _ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    """Mondays for a short axis, the first of each month for a long one."""
    if (last - first).days <= 120:
        day = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        step = dt.timedelta(days=7)
        out = []
        while day <= last:
            out.append(day)
            day += step
        return out
    out, day = [], first.replace(day=1)
    while day <= last:
        if day >= first:
            out.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out
