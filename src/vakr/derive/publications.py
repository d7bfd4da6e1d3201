"""What the schedule says must be published, derived from the data: the announcements (the
schedule's own ones read their dates and wording from the schedule items), and the attached
documents. Plain Python, shared by the pages, the feeds and the open-data writer."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import NewsAnnouncement, ScheduleAnnouncement, ScheduleItem, ScheduleRow



def schedule_item(cycle: Cycle, number: int) -> ScheduleItem | None:
    if cycle.schedule is None:
        return None
    return next((item for item in cycle.schedule.items() if item.number == number), None)


def first_date(item: ScheduleItem | None) -> dt.date | None:
    """The first date the item's rows give (a date, or the start of a range)."""
    return next((row.deadline.span[0] for row in (item.rows if item else ()) if row.deadline.span), None)


def dated_row(item: ScheduleItem | None) -> ScheduleRow | None:
    """The row whose deadline is a date or a range: the one a calendar or an announcement shows."""
    return next((row for row in (item.rows if item else ()) if row.deadline.span), None)


@dataclass(frozen=True)
class Entry:
    """One announcement as published: its date, its page, and the schedule items it uses."""

    cycle: Cycle
    source: NewsAnnouncement | ScheduleAnnouncement
    date: dt.date | None
    basis: ScheduleItem | None = None  # the item that orders the announcement
    about: ScheduleItem | None = None  # the item announced (when, who conducts)

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def draft(self) -> bool:
        return self.source.draft or self.cycle.info.draft


def _entry(cycle: Cycle, source: NewsAnnouncement | ScheduleAnnouncement) -> Entry:
    if isinstance(source, NewsAnnouncement):
        return Entry(cycle, source, source.date)
    basis = schedule_item(cycle, source.schedule_item)
    return Entry(cycle, source, first_date(basis), basis, schedule_item(cycle, source.about_item))


def _newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.date or dt.date.min, e.cycle.year, e.id), reverse=True)


def cycle_entries(cycle: Cycle) -> list[Entry]:
    """The cycle's announcements, newest first."""
    sources = cycle.publications.announcements if cycle.publications else []
    return _newest_first([_entry(cycle, source) for source in sources])


def site_entries(site: SiteData) -> list[Entry]:
    """Every announcement of every cycle, newest first: the feed and the home page list."""
    return _newest_first([entry for cycle in site.cycles for entry in cycle_entries(cycle)])


def find_entry(cycle: Cycle, ident: str) -> Entry:
    return next(entry for entry in cycle_entries(cycle) if entry.id == ident)


@dataclass(frozen=True)
class Document:
    """A file under docs/ offered for download: its type, size and SHA-256 (so a reader can
    prove the copy they hold is the one published) are shown beside the link."""

    path: str  # inside docs/, as in the data
    size: int
    sha256: str

    @property
    def kind(self) -> str:
        return Path(self.path).suffix.lstrip(".").upper() or "—"


def document(docs_dir: Path | None, path: str | None) -> Document | None:
    if path is None or docs_dir is None:
        return None
    file = docs_dir / path
    if not file.is_file():
        return None
    content = file.read_bytes()
    return Document(path, len(content), hashlib.sha256(content).hexdigest())


def human_size(size: int) -> str:
    """`1,2 МБ`: a decimal comma and the units Russian and Kazakh both write (байт, КБ, МБ)."""
    units = ("байт", "КБ", "МБ")
    if size < 1024:
        return f"{size} {units[0]}"
    value, unit = (size / 1024, units[1]) if size < 1024 * 1024 else (size / 1024 / 1024, units[2])
    return f"{value:.1f}".replace(".", ",") + f" {unit}"
