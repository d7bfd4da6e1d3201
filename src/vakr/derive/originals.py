"""The signed originals (PDF, DOCX, scans) of a cycle's documents, as the pages, the data
page and the JSON download list them: which document, language, date, format, size and
SHA-256. The files are read through `publications.document`, like the analytical report's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vakr.domain.site import Cycle
from vakr.domain.model import Original
from vakr.derive.publications import Document, document

ANNOUNCEMENT = "announcement/"  # key prefix: `announcement/<id>`
DOCUMENTS = ("schedule", "plan", "cartogram", "discussion", "report", "positions")


@dataclass(frozen=True)
class OriginalFile:
    key: str  # the document: one of DOCUMENTS or `announcement/<id>`
    original: Original
    file: Document


def declared(cycle: Cycle) -> list[tuple[str, Original]]:
    """(document key, original) for every original the cycle's publications.yml names, in
    the order of DOCUMENTS, then the announcements in file order."""
    pubs = cycle.publications
    if pubs is None:
        return []
    out = [(key, o) for key in DOCUMENTS if (part := getattr(pubs, key)) is not None for o in part.originals]
    out += [(ANNOUNCEMENT + a.id, o) for a in pubs.announcements for o in a.originals]
    return out


def cycle_originals(cycle: Cycle, docs_dir: Path | None) -> list[OriginalFile]:
    """Every original of the cycle whose file is there (the loader has checked it is)."""
    out = []
    for key, original in declared(cycle):
        file = document(docs_dir, original.file)
        if file is not None:
            out.append(OriginalFile(key, original, file))
    return out


def of_document(originals: list[OriginalFile], key: str, lang: str) -> list[OriginalFile]:
    """The originals of one document, the page language's first."""
    own = [o for o in originals if o.key == key]
    return sorted(own, key=lambda o: o.original.lang != lang)


def records(originals: list[OriginalFile]) -> list[dict[str, str]]:
    """The originals as open data rows."""
    return [{"document": o.key, "lang": o.original.lang, "date": o.original.date.isoformat(), "file": o.file.path,
             "format": o.file.kind, "size": str(o.file.size), "sha256": o.file.sha256} for o in originals]
