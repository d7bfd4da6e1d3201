"""Warnings where the site would contradict itself: it publishes the result of a schedule
stage (the approved schedule, the plan, the signed report, the approved list of positions)
while the stage has no mark of completion, so the timeline calls it missed; or the
cartogram is dated after the day the state is shown for. Not errors: the data is valid,
and only the officers can record the date from the document."""

from __future__ import annotations

from collections.abc import Iterator

from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import DocumentOriginals
from vakr.domain.statedate import StateDate


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


def warnings(site: SiteData, state: StateDate) -> list[str]:
    out = []
    for cycle in site.cycles:
        marks = cycle.monitoring.schedule if cycle.monitoring else {}
        for number, what in published_results(cycle):
            if number not in marks:
                out.append(f"data/{cycle.year}/monitoring.yml: пункт {number} плана-графика не отмечен выполненным, "
                           f"хотя сайт публикует его результат ({what}): укажите в schedule дату выполнения по "
                           f"документу (done) и ссылку на него (links), иначе сайт покажет пункт пропущенным")
        shown = state.of(cycle)
        if cycle.risks is not None and cycle.risks.updated > shown:
            out.append(f"data/{cycle.year}/risks.yml: дата обновления картограммы (updated: "
                       f"{cycle.risks.updated:%d.%m.%Y}) позже даты, на которую сайт показывает состояние "
                       f"({shown:%d.%m.%Y}): проверьте updated или as_of в monitoring.yml")
    return out
