"""Drafts: officers review with `mkdocs serve`; the publishable build (`make build`) sees the
data with every draft removed, so a draft never becomes a page, a feed entry, a download, a
search entry or a sitemap line. The Kazakh texts of a document whose Kazakh edition is not
approved (no `kk_approved`) are a draft too: the published pages show its Russian text. The
documents: the schedule, the plan, each publication part and news item, and the contacts; a
risk's description is a quote, so its Kazakh follows the approval of the document it quotes.
(The monitoring reports are published in the languages their executors sent them in.)"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from vakr.domain.errors import DataError, DataErrors
from vakr.domain.site import Cycle, SiteData
from vakr.derive.originals import declared
from vakr.domain.model import KkEdition, NewsAnnouncement, Risks, Text

Edition = TypeVar("Edition", bound=KkEdition)


def published(site: SiteData) -> SiteData:
    """`site` without draft cycles, draft announcements and draft publications."""
    cycles = [_published_cycle(cycle) for cycle in site.cycles if not cycle.info.draft]
    if not cycles:
        raise DataErrors([DataError("data/", 1, None, "все циклы ВАКР отмечены как черновики (draft: true в cycle.yml): публиковать нечего")])
    return dataclasses.replace(site, cycles=cycles, contacts=approved_kk(site.contacts))


def _published_cycle(cycle: Cycle) -> Cycle:
    cycle = dataclasses.replace(cycle, plan=approved_kk(cycle.plan), schedule=approved_kk(cycle.schedule),
                                risks=_risks_kk(cycle))
    pubs = cycle.publications
    if pubs is None:
        return cycle
    update: dict[str, object] = {}
    for name in ("discussion", "report", "positions"):
        part = getattr(pubs, name)
        if part is not None and part.draft:  # keep what the schedule says, drop the draft content
            update[name] = type(part)(schedule_item=part.schedule_item)
        else:
            update[name] = approved_kk(part)
    update["announcements"] = [approved_kk(a) if isinstance(a, NewsAnnouncement) else a
                               for a in pubs.announcements if not a.draft]
    return dataclasses.replace(cycle, publications=pubs.model_copy(update=update))


def approved_kk(document: Edition | None) -> Edition | None:
    """The document without its Kazakh texts while its Kazakh edition is not approved."""
    if document is None or document.kk_approved_on is not None:
        return document
    return type(document).model_validate(_without_kk(document.model_dump(exclude_none=True)))


def _risks_kk(cycle: Cycle) -> Risks | None:
    """A risk's description in Kazakh only where the document it quotes has an approved
    Kazakh edition: the quote is of that edition."""
    risks = cycle.risks
    if risks is None:
        return None
    sources = {"plan": cycle.plan, "schedule": cycle.schedule}
    kept = [risk if risk.description is None or risk.source is None or _approved(sources[risk.source.document])
            else risk.model_copy(update={"description": Text(ru=risk.description.ru)}) for risk in risks.risks]
    return risks.model_copy(update={"risks": kept})


def risks_kk_draft(cycle: Cycle) -> bool:
    """Some risk description has Kazakh that `make build` leaves out (see `_risks_kk`)."""
    return cycle.risks is not None and _risks_kk(cycle) != cycle.risks


def _approved(document: KkEdition | None) -> bool:
    return document is not None and document.kk_approved_on is not None


def has_kk_texts(document: KkEdition) -> bool:
    data = document.model_dump(exclude_none=True)
    return _without_kk(data) != data


def kk_draft(document: KkEdition | None) -> bool:
    """Kazakh texts nobody approved yet: only the review build (`make serve`) still has them."""
    return document is not None and document.kk_approved_on is None and has_kk_texts(document)


def _without_kk(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_kk(v) for k, v in value.items() if not (k == "kk" and "ru" in value)}
    if isinstance(value, list):
        return [_without_kk(v) for v in value]
    return value


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
