"""Warnings where the site would contradict itself: it publishes the result of a schedule
stage (the approved schedule, the plan, the signed report, the approved list of positions)
while the stage has no mark of completion, so the timeline calls it missed. Not errors: the
data is valid, and only the officers can record the date from the document. (A cartogram
dated after the state date moves the state date: vakr.domain.statedate.)"""

from __future__ import annotations

from collections.abc import Iterator

from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import DocumentOriginals


def published_results(cycle: Cycle) -> Iterator[tuple[int, str]]:
    """(schedule item, what the site publishes as its result). The announcements are left
    out: the site writes them itself from the schedule, so a page proves nothing of when the
    Company announced; what counts is a document with its own approval or signature."""
    pubs = cycle.publications
    if pubs is None:
        return
    documents: list[tuple[DocumentOriginals | None, object, str]] = [
        (pubs.schedule, cycle.schedule, "утверждённый план-график"),
        (pubs.plan, cycle.plan, "утверждённый план мероприятий")]
    for entry, document, what in documents:
        if entry is not None and entry.schedule_item is not None and document is not None:
            yield entry.schedule_item, what
    if pubs.report is not None and (pubs.report.signed or pubs.report.file):
        yield pubs.report.schedule_item, "подписанная аналитическая справка"
    if pubs.positions is not None and pubs.positions.approved:
        yield pubs.positions.schedule_item, "утверждённый перечень должностей"


def warnings(site: SiteData) -> list[str]:
    out = []
    for cycle in site.cycles:
        marks = cycle.monitoring.schedule if cycle.monitoring else {}
        for number, what in published_results(cycle):
            if number not in marks:
                out.append(f"data/{cycle.year}/monitoring.yml: пункт {number} плана-графика не отмечен выполненным, "
                           f"хотя сайт публикует его результат ({what}): укажите в schedule дату выполнения по "
                           f"документу (done) и ссылку на него (links), иначе сайт покажет пункт пропущенным")
    return out
