"""Import: every returned target is checked against the data as it is now, the accepted ones
go into the `kk` fields, the whole data/ is validated with them, and only then are the files
replaced (atomically). Nothing is written when the result would not load."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from vakr.ingest.load import load_site
from vakr.translation import glossary
from vakr.translation.checks import language_problem, parse_target
from vakr.translation.exchange import Returned
from vakr.translation.segments import NOT_TRANSLATED_FILES, Segment, collect
from vakr.atomicfile import write_atomic
from vakr.translation.yamledit import set_kk


@dataclass
class Summary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    untranslated: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)   # (where and id, reason)
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Добавлено переводов: {len(self.added)}", f"Обновлено переводов: {len(self.updated)}",
               f"Без изменений: {self.unchanged}", f"Не переведено в файле (пропущено): {self.untranslated}",
               f"Отклонено: {len(self.refused)}"]
        out += [f"  {where}: {reason}" for where, reason in self.refused]
        out += [f"Внимание: {w}" for w in self.warnings]
        out += [f"Записан файл: {f}" for f in self.files] or ["Данные не изменены."]
        return out


def segments_for(root: Path, ids: list[str]) -> dict[str, Segment]:
    """The data's segments of every cycle the file's ids name (and the site-wide ones)."""
    cycles = sorted({i.split("/", 1)[0] for i in ids if i[:4].isdigit()}) or [_newest(root)]
    return {s.id: s for cycle in cycles for s in collect(root, cycle)}


def _newest(root: Path) -> str:
    years = sorted(p.name for p in (root / "data").iterdir() if p.is_dir() and p.name.isdigit())
    return years[-1] if years else "0000"


def check(root: Path, rows: list[Returned]) -> tuple[dict[str, tuple[Segment, object]], Summary]:
    """Accepted targets by id (segment, new value) and the summary of what was refused."""
    summary = Summary()
    known = segments_for(root, [r.id for r in rows])
    terms = glossary.load()
    accepted: dict[str, tuple[Segment, object]] = {}
    seen: set[str] = set()
    for row in rows:
        segment = known.get(row.id)
        where = f"{row.where} ({row.id})" if row.id not in row.where else row.where
        if segment is None:
            summary.refused.append((where, "неизвестный id: такого текста в данных нет"))
            continue
        if not segment.translatable:
            summary.refused.append((where, NOT_TRANSLATED_FILES[segment.kind]))
            continue
        if row.id in seen:
            summary.refused.append((where, "id повторяется в файле"))
            continue
        seen.add(row.id)
        if not (row.target or "").strip():
            summary.untranslated += 1
            continue
        if _stale(row, segment):
            summary.refused.append((where, "русский текст изменился после выгрузки: перевод устарел, "
                                           "выгрузите файл заново"))
            continue
        value, problem = parse_target(segment.source, row.target or "")
        problem = problem or language_problem(segment.source, value)
        if problem:
            summary.refused.append((where, problem))
            continue
        for term in terms:
            used = [w for w in term.avoid_kk if w.lower() in str(value).lower()]
            if used and term.used_in(segment.markup):
                summary.warnings.append(f"{row.id}: «{', '.join(used)}» — глоссарий: {term.line()}")
        if segment.target == value:
            summary.unchanged += 1
            continue
        (summary.added if segment.target is None else summary.updated).append(row.id)
        accepted[row.id] = (segment, value)
    return accepted, summary


def _stale(row: Returned, segment: Segment) -> bool:
    """The source changed since the export: by the exported hash, or by the source text the
    file carries when a tool dropped the hash."""
    return row.hash != segment.hash if row.hash else row.source != segment.markup


def apply(root: Path, accepted: dict[str, tuple[Segment, object]], summary: Summary) -> None:
    """Write the accepted targets; DataErrors (nothing written) when data/ would not load."""
    texts: dict[str, str] = {}
    for segment, value in accepted.values():
        old = texts.get(segment.file) or (root / segment.file).read_text(encoding="utf-8")
        texts[segment.file] = set_kk(old, segment.path, value)
    if not texts:
        return
    with tempfile.TemporaryDirectory(prefix="vakr-translation-") as temp:
        shutil.copytree(root / "data", Path(temp) / "data")
        for rel, text in texts.items():
            (Path(temp) / rel).write_text(text, encoding="utf-8")
        load_site(Path(temp) / "data")  # raises DataErrors: the officer sees them, data/ untouched
    for rel, text in texts.items():
        write_atomic(root / rel, text.encode("utf-8"))
        summary.files.append(rel)
