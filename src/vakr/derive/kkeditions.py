"""Which documents of a cycle have an approved Kazakh edition (date and signatory) and which
not yet: one list for the coverage line of `make check` and the cycle's documents-and-data page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vakr.domain.model import ApprovalText, KkEdition, NewsAnnouncement
from vakr.domain.site import Cycle


@dataclass(frozen=True)
class KkEditionState:
    """One document: `name` is its page (schedule, plan, discussion, report, positions,
    announcement); `ident` the news item's id."""

    name: str
    document: KkEdition
    ident: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name}/{self.ident}" if self.ident else self.name

    @property
    def approved_on(self) -> dt.date | None:
        return self.document.kk_approved_on

    @property
    def signatory(self) -> ApprovalText | None:
        return self.document.kk_signatory


def cycle_editions(cycle: Cycle) -> list[KkEditionState]:
    """The cycle's documents that have texts a Kazakh edition translates, in the site's order."""
    pubs = cycle.publications
    found: list[KkEditionState] = [KkEditionState(name, doc) for name, doc in (
        ("schedule", cycle.schedule), ("plan", cycle.plan),
        ("discussion", pubs and pubs.discussion), ("report", pubs and pubs.report),
        ("positions", pubs and pubs.positions)) if doc is not None]
    if pubs is not None:
        found += [KkEditionState("announcement", a, a.id)
                  for a in pubs.announcements if isinstance(a, NewsAnnouncement)]
    return [state for state in found if _has_texts(state.document.model_dump(exclude_none=True))]


def _has_texts(value: object) -> bool:
    """Some {ru: …} text below (the approval blocks and column headings aside): a document with
    nothing to translate has no Kazakh edition to approve."""
    if isinstance(value, dict):
        return "ru" in value or any(_has_texts(v) for k, v in value.items()
                                    if k not in ("approval", "kk_approved", "columns"))
    if isinstance(value, list):
        return any(_has_texts(v) for v in value)
    return False
