"""`vakr translation export|import`: the officer's two steps of the round trip."""

from __future__ import annotations

import sys
from pathlib import Path

from vakr.domain.errors import DataErrors
from vakr.domain.model import KkEdition
from vakr.domain.site import SiteData
from vakr.ingest.load import load_site
from vakr.translation import glossary, merge, xliff, xlsx
from vakr.translation.exchange import outgoing
from vakr.translation.segments import collect

FORMATS = {"xliff": ".xlf", "xlsx": ".xlsx"}
_XLIFF_SUFFIXES = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")


def export(root: Path, cycle: str, fmt: str, out: Path | None) -> int:
    if not (root / "data" / cycle).is_dir():
        print(f"Нет папки data/{cycle}: укажите год цикла ВАКР, например CYCLE=2026", file=sys.stderr)
        return 2
    try:
        load_site(root / "data")  # the translator gets texts of data that would build, nothing else
    except DataErrors as err:
        print(f"Выгрузка не выполнена:\n{err}", file=sys.stderr)
        return 1
    terms = glossary.load()
    rows = outgoing(collect(root, cycle), terms)
    out = out or root / "translation" / f"vakr-{cycle}-ru-kk{FORMATS[fmt]}"
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xliff":
        xliff.write(out, rows, original=f"vakr-{cycle}")
    else:
        xlsx.write(out, rows, terms)
    known = sum(row.known is not None for row in rows)
    print(f"Выгружено текстов без казахского перевода: {len(rows)} (из них с известным переводом того же "
          f"русского текста: {known}); терминов глоссария: {len(terms) or 'нет (нет src/vakr/publish/glossary.yml)'}")
    print(f"Файл для переводчика: {out}")
    return 0


def import_file(root: Path, path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix not in (*_XLIFF_SUFFIXES, ".xlsx"):
            raise ValueError(f"ожидался файл XLIFF ({', '.join(_XLIFF_SUFFIXES)}) или таблица .xlsx")
        rows = xliff.read(path) if suffix in _XLIFF_SUFFIXES else xlsx.read(path)
    except (OSError, ValueError) as err:  # unreadable, not XLIFF or xlsx, no translation columns
        print(f"Импорт перевода не выполнен, data/ не изменён:\n  {path}: {err}", file=sys.stderr)
        return 1
    accepted, summary = merge.check(root, rows)
    try:
        merge.apply(root, accepted, summary)
    except DataErrors as err:
        print(f"Импорт перевода не выполнен, data/ не изменён:\n{err}", file=sys.stderr)
        return 1
    for line in summary.lines():
        print(line)
    for note in draft_notes(root, set(accepted)):
        print(note)
    return 1 if summary.refused else 0


def draft_notes(root: Path, ids: set[str]) -> list[str]:
    """What becomes of the texts just written: they stay a draft until their document's Kazakh
    edition is approved; into an approved edition they go out with the next build."""
    site = load_site(root / "data")
    notes: dict[str, None] = {}
    for segment_id in sorted(ids):
        where, document = _edition(site, segment_id)
        if document is None:
            continue
        if document.kk_approved_on is None:
            note = (f"Казахская редакция {where} не утверждена: её тексты — черновик (видны в make serve, в make "
                    "build не попадают), пока в файл не записано утверждение kk_approved.")
        else:
            note = (f"Внимание: казахская редакция {where} уже утверждена ({document.kk_approved_on:%d.%m.%Y}): "
                    "записанные тексты будут опубликованы при следующей сборке (make build); проверьте их и "
                    "запишите в kk_approved утверждение изменённой редакции.")
        notes[note] = None
    return list(notes)


def _edition(site: SiteData, segment_id: str) -> tuple[str, KkEdition | None]:
    """The document whose Kazakh edition a segment belongs to, and how to name it."""
    parts = segment_id.split("/")
    if parts[0] == "contacts":
        return "data/contacts.yml", site.contacts
    cycle = site.cycle(parts[0])
    name, file = parts[1], f"data/{parts[0]}/{parts[1]}.yml"
    if name == "risks" and cycle.risks is not None:  # a description quotes its source document
        risk = next(r for r in cycle.risks.risks if r.id == parts[2])
        if risk.source is None:
            return file, None
        source = risk.source.document
        return f"data/{cycle.year}/{source}.yml (описание риска {risk.id} — цитата из него)", getattr(cycle, source)
    pubs = cycle.publications
    if name == "publications" and pubs is not None:
        if parts[2] == "announcements":
            news = next(a for a in pubs.announcements if a.id == parts[3])
            return f"{file}, объявление {news.id}", news if isinstance(news, KkEdition) else None
        return f"{file}, {parts[2]}", getattr(pubs, parts[2])
    return file, getattr(cycle, name, None)
