"""Drafts: officers review with `mkdocs serve`; the publishable build (`make build`) sees the
data with every draft removed, so a draft never becomes a page, a feed entry, a download, a
search entry or a sitemap line."""

from __future__ import annotations

import dataclasses

from vakr.errors import DataError, DataErrors
from vakr.load import Cycle, SiteData
from vakr.originals import declared


def published(site: SiteData) -> SiteData:
    """`site` without draft cycles, draft announcements and draft publications."""
    cycles = [_published_cycle(cycle) for cycle in site.cycles if not cycle.info.draft]
    if not cycles:
        raise DataErrors([DataError("data/", 1, None, "все циклы ВАКР отмечены как черновики (draft: true в cycle.yml): публиковать нечего")])
    return dataclasses.replace(site, cycles=cycles)


def _published_cycle(cycle: Cycle) -> Cycle:
    pubs = cycle.publications
    if pubs is None:
        return cycle
    update: dict[str, object] = {}
    for name in ("discussion", "report", "positions"):
        part = getattr(pubs, name)
        if part is not None and part.draft:  # keep what the schedule says, drop the draft content
            update[name] = type(part)(schedule_item=part.schedule_item)
    update["announcements"] = [a for a in pubs.announcements if not a.draft]
    return dataclasses.replace(cycle, publications=pubs.model_copy(update=update))


def draft_files(site: SiteData) -> set[str]:
    """Files under docs/ that only drafts use (the PDF of a draft report): left out of the build."""
    files = set()
    for cycle in site.cycles:
        pubs = cycle.publications
        if pubs is None:
            continue
        parts = [pubs.discussion, pubs.report, pubs.positions, *pubs.announcements]
        for part in parts:
            if part is not None and (part.draft or cycle.info.draft):
                files.update(o.file for o in part.originals)
        if pubs.report is not None and pubs.report.file and (pubs.report.draft or cycle.info.draft):
            files.add(pubs.report.file)
        if cycle.info.draft:
            files.update(o.file for _, o in declared(cycle))
    return files
