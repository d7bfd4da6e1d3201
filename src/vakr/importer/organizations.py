"""Which organizations of data/organizations.yml a responsible-executor wording names, so an
imported item is linked the way an officer would link it: by the names as the documents
write them (quotes and brackets vary: «Almaty Finance (Алматы финанс)» and «Almaty Finance»
(Алматы финанс) are one company), «ДЗО» alone meaning every subsidiary."""

from __future__ import annotations

import re

from vakr.domain.model import Organization

_KIND_ORDER = {"company": 0, "department": 1, "subsidiary": 2}
_ALL_SUBSIDIARIES = "дзо"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[«»“”„\"'()]", " ", text)).strip().lower()


def _find(needle: str, haystack: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack):
        if not any(match.start() < end and start < match.end() for start, end in taken):
            spans.append(match.span())
    return spans


def match_organizations(text: str, organizations: dict[str, Organization]) -> list[str]:
    """Ids named in `text`: longest names first, each part of the text used once (the
    company's name inside a department's name does not name the company too)."""
    haystack = _norm(text)
    names = sorted(((_norm(label.ru), org) for org in organizations.values()
                    for label in (org.name, org.short_name) if label is not None),
                   key=lambda pair: -len(pair[0]))
    taken: list[tuple[int, int]] = []
    found: set[str] = set()
    for name, org in names:
        for start, end in _find(name, haystack, taken):
            if org.kind == "subsidiary" and haystack[:start].endswith(_ALL_SUBSIDIARIES + " "):
                start -= len(_ALL_SUBSIDIARIES) + 1  # «ДЗО ТОО «…»» names one subsidiary
            taken.append((start, end))
            found.add(org.id)
    if _find(_ALL_SUBSIDIARIES, haystack, taken):
        found.update(org.id for org in organizations.values() if org.kind == "subsidiary")
    order = list(organizations)
    return sorted(found, key=lambda oid: (_KIND_ORDER[organizations[oid].kind], order.index(oid)))
