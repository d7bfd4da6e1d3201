"""`vakr translation export|import`: the officer's two steps of the round trip."""

from __future__ import annotations

import sys
from pathlib import Path

from vakr.domain.errors import DataErrors
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
    for note in draft_notes(root, {segment.file for segment, _ in accepted.values()}):
        print(note)
    return 1 if summary.refused else 0


def draft_notes(root: Path, files: set[str]) -> list[str]:
    """What becomes of the texts just written: a document's stay a draft until its Kazakh
    edition is approved; the other files have no approval, so their texts go out with the
    next build — the officer is told which."""
    site = load_site(root / "data")
    documents = {f"data/{c.year}/{name}.yml": doc for c in site.cycles
                 for name, doc in (("plan", c.plan), ("schedule", c.schedule)) if doc is not None}
    notes = []
    for rel in sorted(files):
        document = documents.get(rel)
        if document is None:
            notes.append(f"Внимание: у {rel} нет утверждения казахской редакции — записанные тексты будут "
                         "опубликованы при следующей сборке (make build); проверьте их до публикации.")
        elif document.kk_approved_on is None:
            notes.append(f"Казахская редакция {rel} не утверждена: её тексты — черновик (видны в make serve, "
                         "в make build не попадают), пока в файл не записано утверждение kk_approved.")
    return notes
