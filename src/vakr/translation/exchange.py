"""What goes out to the translator and what comes back, the same for XLIFF and spreadsheets."""

from __future__ import annotations

from dataclasses import dataclass

from vakr.translation.glossary import Term, terms_in
from vakr.translation.segments import Segment, to_markup

COLUMNS = ("id", "Документ", "Контекст", "Русский текст (источник)", "Хеш источника",
           "Известный казахский текст", "Термины глоссария", "Казахский перевод")


@dataclass(frozen=True)
class Outgoing:
    """One text to translate, with everything the translator needs beside it."""

    segment: Segment
    known: str | None        # the Kazakh of the same Russian text elsewhere in the data
    terms: tuple[Term, ...]  # the glossary terms it uses


@dataclass(frozen=True)
class Returned:
    """One row or unit of a translated file."""

    id: str
    hash: str | None     # as exported; None when the tool dropped it (then the source is compared)
    source: str          # the source markup in the file
    target: str | None   # the Kazakh markup; None or blank when not translated
    where: str           # for messages: `строка 12` or `trans-unit 2026/plan/items/1/measure`


def outgoing(segments: list[Segment], terms: list[Term]) -> list[Outgoing]:
    """The translatable segments without Kazakh, each with the Kazakh already known for the
    same Russian (an organization's official Kazakh name too)."""
    known = {to_markup(s.source): to_markup(s.target) for s in segments if s.target is not None}
    return [Outgoing(s, known.get(s.markup), tuple(terms_in(s.markup, terms)))
            for s in segments if s.target is None and s.translatable]
