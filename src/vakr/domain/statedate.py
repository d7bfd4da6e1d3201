"""The two dates the site shows about execution, decided here and nowhere else.

- **State date** («Состояние на …»): the day every status (overdue, pending, current step) is
  derived for. A cycle's `as_of:` in monitoring.yml sets it for that cycle. Otherwise it is the
  build's own day: SOURCE_DATE_EPOCH when set (a reproducible build), else today in Almaty.
  `vakr build` and `mkdocs serve` both take SOURCE_DATE_EPOCH from `build_epoch`: the last
  commit's time only while data/ and docs/ are exactly what was committed, so an older commit
  never dates newer data, and review and build agree.
- **Nothing saved is shown as missing.** A report, a done mark or a dated publication (a
  news item, the signed report, the approved positions, a signed original, the cartogram's
  `updated:`) dated after the build's day moves the state date to the newest such day (the
  build says so, in Russian); one dated after an explicit `as_of:` is an error (the officer
  chose that day, the build refuses rather than hide what was saved).
- **Reports date** («Сведения на …»): the day of the newest execution report known on the
  state date — how fresh the execution information is, shown beside the state date. A done
  mark of a schedule stage is not a report (stage 8's is the plan's approval): it never counts.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from vakr.domain.model import Monitoring, NewsAnnouncement, Publications, Risks
from vakr.domain.site import Cycle, SiteData

ALMATY = dt.timezone(dt.timedelta(hours=5))  # the date of the status is the publisher's date
COMMITTED_FOLDERS = ("data", "docs")  # what a build is made of besides the code


def _day(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def build_epoch(root: Path, environ: Mapping[str, str] = os.environ) -> tuple[str | None, str | None]:
    """(SOURCE_DATE_EPOCH for this build or None for «today», a Russian note on where the
    build's date comes from). Set in the environment: taken as is. Else, in a git checkout
    whose data/ and docs/ hold no uncommitted change: the time of the last commit (two builds
    of a commit are identical). Uncommitted changes: None, so the build is dated today."""
    if environ.get("SOURCE_DATE_EPOCH", "").strip():
        epoch = environ["SOURCE_DATE_EPOCH"].strip()
        return epoch, f"Дата сборки {_day(build_day(epoch))} задана SOURCE_DATE_EPOCH."
    try:
        git = ["git", "-C", str(root)]
        log = subprocess.run([*git, "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True)
        changes = subprocess.run([*git, "status", "--porcelain", "--", *COMMITTED_FOLDERS],
                                 capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None, None  # not a git checkout: the build is dated today
    if changes.stdout.strip():
        return None, ("В data/ или docs/ есть изменения после последнего коммита, поэтому дата сборки — "
                      "сегодняшняя. Сделайте коммит, чтобы сборку можно было воспроизвести.")
    epoch = log.stdout.strip() or None
    return epoch, epoch and (f"Дата сборки {_day(build_day(epoch))} — время последнего коммита "
                             "(data/ и docs/ не менялись после него).")


def today_in_almaty() -> dt.date:
    """Today where the publisher is: the date on a form or a build, whatever the machine's zone."""
    return dt.datetime.now(ALMATY).date()


def build_day(epoch: str | None, now: dt.datetime | None = None) -> dt.date:
    """The build's own day in Almaty: from SOURCE_DATE_EPOCH when given, else today."""
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), ALMATY).date()
    return now.astimezone(ALMATY).date() if now else today_in_almaty()


@dataclass(frozen=True)
class Dated:
    """An entry of the data with a date: what a person would call it, and its day."""

    day: dt.date
    what: str


def monitoring_entries(monitoring: Monitoring | None, year: str) -> Iterator[Dated]:
    """Every report and done mark of a cycle."""
    if monitoring is None:
        return
    for number, reports in monitoring.plan.items():
        for report in reports:
            yield Dated(report.date, f"отчёт по пункту {number} плана мероприятий {year}")
    for number, mark in monitoring.schedule.items():
        yield Dated(mark.done, f"отметка о выполнении пункта {number} плана-графика {year}")


def publication_entries(publications: Publications | None, risks: Risks | None, year: str) -> Iterator[Dated]:
    """Every dated publication of a cycle (a news item, the signed report, the approved list
    of positions, a signed original) and the cartogram's `updated:`: a page must never show
    one of them while its status line says the day before it happened. The schedule's own
    announcements are dated by the schedule's deadlines, a plan, not a record: left out."""
    if risks is not None:
        yield Dated(risks.updated, f"дата обновления картограммы ВАКР {year} (updated в {year}/risks.yml)")
    if publications is None:
        return
    where = f"{year}/publications.yml"
    for announcement in publications.announcements:
        if isinstance(announcement, NewsAnnouncement):
            yield Dated(announcement.date, f"новость {announcement.id} в {where}")
    if publications.report is not None and publications.report.signed is not None:
        yield Dated(publications.report.signed, f"подпись аналитической справки (signed в {where})")
    if publications.positions is not None and publications.positions.approved is not None:
        yield Dated(publications.positions.approved, f"утверждение перечня должностей (approved в {where})")
    parts = (publications.schedule, publications.plan, publications.cartogram, *publications.announcements,
             publications.discussion, publications.report, publications.positions)
    for part in parts:
        for original in part.originals if part is not None else ():
            yield Dated(original.date, f"подписанный оригинал {original.file} в {where}")


def dated_entries(cycle: Cycle) -> Iterator[Dated]:
    """Every dated entry of a cycle the state date must not come before."""
    yield from monitoring_entries(cycle.monitoring, cycle.year)
    yield from publication_entries(cycle.publications, cycle.risks, cycle.year)


def as_of_conflict(monitoring: Monitoring, year: str, others: Iterable[Dated] = ()) -> str | None:
    """Why a cycle's explicit `as_of:` would hide saved data (its reports and marks, and
    `others`: its publications), or None when it does not."""
    if monitoring.as_of is None:
        return None
    latest = max([*monitoring_entries(monitoring, year), *others], key=lambda d: d.day, default=None)
    if latest is None or latest.day <= monitoring.as_of:
        return None
    return (f"дата состояния {_day(monitoring.as_of)} раньше, чем {latest.what} от {_day(latest.day)}: "
            f"сайт показал бы сохранённое как неопубликованное. Удалите as_of (дата состояния станет "
            f"датой сборки) или укажите дату не раньше {_day(latest.day)}")


@dataclass(frozen=True)
class StateDate:
    """The state date of the site, decided once per build from the data and the build day."""

    build_day: dt.date
    on: dt.date  # the build day, or the newest dated entry when that is later
    moved_by: Dated | None  # the entry the state date was moved to, if it was

    def of(self, cycle: Cycle) -> dt.date:
        """The state date of one cycle: its own `as_of:` if set, else the site's."""
        explicit = cycle.monitoring.as_of if cycle.monitoring is not None else None
        return explicit or self.on

    def notes(self, site: SiteData, built: bool = True) -> list[str]:
        """What the build says about the dates it shows, in Russian; `built=False`: what a
        build would show (`vakr check`, and `vakr build` before it builds)."""
        shown = "показано на" if built else "будет показано на"
        if self.moved_by is None:
            out = [f"Состояние исполнения {shown} {_day(self.on)} (дата сборки)."]
        else:
            out = [f"Дата состояния перенесена с даты сборки {_day(self.build_day)} на {_day(self.on)} — дату "
                   f"самой новой записи ({self.moved_by.what}), чтобы сайт не показал её неопубликованной."]
        return out + [f"ВАКР {c.year}: состояние {shown} {_day(self.of(c))} "
                      f"(as_of в {c.year}/monitoring.yml)." for c in site.cycles if self.of(c) != self.on]


def state_date(site: SiteData, day: dt.date) -> StateDate:
    """The site's state date for a build on `day` (cycles with `as_of:` keep their own)."""
    latest = max((d for c in site.cycles if not (c.monitoring and c.monitoring.as_of)
                  for d in dated_entries(c)), key=lambda d: d.day, default=None)
    if latest is not None and latest.day > day:
        return StateDate(day, latest.day, latest)
    return StateDate(day, day, None)


def reports_date(cycle: Cycle, on: dt.date) -> dt.date | None:
    """«Сведения на»: the newest execution report of the plan known on `on`; None when there
    is none (a schedule stage's done mark is no report on the plan's execution)."""
    if cycle.monitoring is None:
        return None
    return max((r.date for reports in cycle.monitoring.plan.values() for r in reports if r.date <= on), default=None)
