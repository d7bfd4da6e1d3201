"""`vakr import`: read the document (and its Kazakh edition), build the data, merge it with
the existing file, check it against the model and the whole of data/ with it, and only then
write it, in one step. A document the importer cannot place entirely, or data/ the site would
refuse with it, stops it with the line to fix; data/ is then left as it was."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from vakr.atomicfile import write_atomic
from vakr.domain.errors import DataError
from vakr.importer.edition import Edition, editions
from vakr.importer.merge import header_of, merge, new_header, render
from vakr.importer.plan import build_plan
from vakr.importer.report import Report
from vakr.importer.rows import Context
from vakr.importer.schedule import build_schedule
from vakr.importer.table import Document, read_source
from vakr.importer.text import vocabulary
from vakr.importer.where import describe, relocate
from vakr.ingest.load import load_site
from vakr.domain.model import Organization, Organizations, Plan, Schedule
from vakr.ingest.validate import parse
from vakr.ingest.yamlsource import load

KINDS = {"plan": (Plan, build_plan, 6, 5), "schedule": (Schedule, build_schedule, 4, 2)}  # model, builder, columns, deadline column


def _organizations(data_dir: Path) -> dict[str, Organization]:
    path = data_dir / "organizations.yml"
    if not path.exists():
        raise DataError(f"{data_dir.name}/organizations.yml", 1, None, "файл не найден: нужен справочник организаций")
    orgs = parse(load(path, f"{data_dir.name}/organizations.yml"), Organizations, f"{data_dir.name}/organizations.yml")
    return {org.id: org for org in orgs.organizations}


def _context(doc: Document, edition: Edition, width: int, deadline: int, report: Report,
             organizations: dict[str, Organization]) -> Context:
    columns = edition.columns
    if len(columns) != width:
        problem = "не хватает столбца" if len(columns) < width else "лишний столбец"
        other = next((f"; похоже на {name}: --kind {kind}" for kind, name in (("plan", "план мероприятий"),
                      ("schedule", "план-график")) if KINDS[kind][2] == len(columns)), "")
        raise DataError(doc.name, edition.header.number, None, f"{problem} в заголовке таблицы: {len(columns)} вместо {width} "
                        f"(в документе: {' | '.join(columns)}){other}")
    cells = [cell for line in doc.lines if line.cells for cell in line.cells]
    names = [text for org in organizations.values() for name in (org.name, org.short_name) if name
             for text in (name.ru, name.kk) if text]
    return Context(doc, report, vocabulary(cells, names), columns[1:], deadline)


def _read(source: Path, docs: list[Document]) -> tuple[Document, list[Edition]]:
    """Read a document and its editions, its places named as the officer finds them."""
    doc = read_source(source)
    docs.append(doc)
    found = editions(doc)
    describe(doc, found)
    return doc, found


def _editions(source: Path, kk_source: Path | None,
              docs: list[Document]) -> tuple[Document, Edition, Document | None, Edition | None]:
    doc, found = _read(source, docs)
    ru = next((e for e in found if e.lang == "ru"), None)
    if ru is None:
        raise DataError(doc.name, found[0].heading.number, None, "не найдена русская редакция: ожидался гриф «УТВЕРЖДАЮ»")
    kk = next((e for e in found if e.lang == "kk"), None)
    kk_doc = doc if kk else None
    if kk_source is not None:
        if kk is not None:
            raise DataError(str(kk_source), 1, None, f"казахская редакция уже есть в {doc.name} "
                            f"({doc.at(kk.heading.number)}); укажите --kk только для отдельного файла")
        kk_doc, kk_found = _read(kk_source, docs)
        kk = next((e for e in kk_found if e.lang == "kk"), None)
        if kk is None:
            raise DataError(kk_doc.name, kk_found[0].heading.number, None, "это не казахская редакция: нет "
                            "грифа «БЕКІТЕМІН» (в файле — «УТВЕРЖДАЮ»); в --kk укажите файл казахской редакции")
    if kk is not None and kk_doc is not None:
        _check_kazakh(kk_doc, kk)
    return doc, ru, kk_doc, kk


_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
KAZAKH_SHARE = 0.01  # of Cyrillic letters: Kazakh text has about 15 %, Russian none


def _check_kazakh(doc: Document, edition: Edition) -> None:
    """The Kazakh edition's table must be in Kazakh: a Russian text under a «БЕКІТЕМІН»
    heading would replace every translation with Russian."""
    text = " ".join([edition.title, *(c.text for line in edition.body for c in line.cells or ())])
    letters = len(_CYRILLIC.findall(text))
    if letters and len(_KAZAKH_LETTERS.findall(text)) / letters < KAZAKH_SHARE:
        raise DataError(doc.name, edition.heading.number, None, "казахская редакция написана не по-казахски: в её "
                        "таблице нет букв ә, ғ, қ, ң, ө, ұ, ү, һ, і; проверьте, тот ли файл указан в --kk")


def run_import(root: Path, source: Path, cycle: str, kind: str, kk_source: Path | None = None) -> Report:
    """Import `source` into data/<cycle>/<kind>.yml under `root`; the report of what was done.
    A problem in the document is told at its place there (see where.py)."""
    docs: list[Document] = []
    try:
        return _run_import(root, source, cycle, kind, kk_source, docs)
    except DataError as err:
        raise relocate(err, docs) from None


def _run_import(root: Path, source: Path, cycle: str, kind: str, kk_source: Path | None,
                docs: list[Document]) -> Report:
    model, build, width, deadline = KINDS[kind]
    data_dir = root / "data"
    target = data_dir / cycle / f"{kind}.yml"
    display = f"data/{cycle}/{kind}.yml"
    report = Report(source=str(source), target=display)
    organizations = _organizations(data_dir)
    doc, ru, kk_doc, kk = _editions(source, kk_source, docs)
    report.places = {read.name: read.places for read in docs}
    ctx = _context(doc, ru, width, deadline, report, organizations)
    kk_ctx = _context(kk_doc, kk, width, deadline, report, organizations) if kk and kk_doc else None
    for read in {id(d): d for d in (doc, kk_doc) if d is not None}.values():
        for line, what in read.warnings:
            report.warn(read.name, line, what)
    data = build(ctx, ru, kk, kk_ctx, organizations)
    if cycle.isdigit():
        _warn_far_deadlines(data, int(cycle), doc, report, ctx.field_names[deadline - 1])
    if report.cells_placed != report.cells_read:  # a guard on this program, not on the document
        raise DataError(doc.name, ru.header.number, None, f"прочитано непустых ячеек {report.cells_read}, "
                        f"а размещено {report.cells_placed}: импорт остановлен, чтобы не потерять текст")
    header = new_header(kind, cycle, data["approval"]["date"], kk is not None)
    if target.exists():
        old = load(target, display)
        data = merge(data, old.data, report)
        header = header_of(target.read_text(encoding="utf-8")) or header
    _write_checked(root, target, display, render(data, header), model)
    return report


def _warn_far_deadlines(data: dict, year: int, doc: Document, report: Report, column: str) -> None:
    """A deadline outside the cycle's year ± 1 is most likely a typo (2062 or 2024 in a 2026
    plan): it is kept as written and named in the warnings."""
    items = data.get("items") or [item for section in data.get("sections", []) for item in section["items"]]
    for item in items:
        for deadline in [item["deadline"]] if "deadline" in item else [row["deadline"] for row in item["rows"]]:
            years = sorted({int(deadline[key][-4:]) for key in ("date", "start", "end") if key in deadline})
            far = [found for found in years if abs(found - year) > 1]
            if far:
                wording = deadline["source"]["ru"]
                report.warn(doc.name, None, f"пункт {item['number']}, «{column}»: «{wording}» — {far[0]} год, "
                            f"а цикл ВАКР {year}; проверьте год (ожидался {year - 1}–{year + 1})")


def _write_checked(root: Path, target: Path, display: str, text: str, model: type) -> None:
    """Write `text` only if it passes the model's checks and, with it in place, the whole of
    data/ passes the site's checks (on a copy); otherwise leave the old file as it was."""
    with tempfile.TemporaryDirectory(prefix="vakr-import-") as folder:
        data = Path(folder) / "data"
        shutil.copytree(root / "data", data, symlinks=True)
        if (root / "docs").exists():
            (Path(folder) / "docs").symlink_to((root / "docs").resolve())  # the files data names
        candidate = data / target.relative_to(root / "data")
        candidate.parent.mkdir(parents=True, exist_ok=True)
        candidate.write_text(text, encoding="utf-8", newline="\n")
        parse(load(candidate, display), model, display)
        if (candidate.parent / "cycle.yml").exists():  # else there is no cycle to check it in
            load_site(data)
    write_atomic(target, text.encode("utf-8"))
