"""The translation round trip's other paths (issue 23): the officer's make commands, a target
that replaces Kazakh already in the data (a draft or an approved edition), a stale segment in
a spreadsheet, a reference name refused, and an import whose result would not load, refused
with nothing written in any of its files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from translate.storage import xliff

from bench.workspace import project_copy
from conftest import ROOT
from vakr.translation.exchange import COLUMNS
from vakr.translation.segments import collect

SHEET = "Перевод"


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The officer's make command, run in a project copy with this checkout's venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", "-f", str(ROOT / "Makefile"), "-o", ".venv/.installed",
                           f"BIN={ROOT / '.venv/bin'}", *args], cwd=project, capture_output=True, text=True,
                          check=False, env=env)


def vakr_import(project: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vakr", "--root", str(project), "translation", "import", str(path)],
                          capture_output=True, text=True, check=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return project_copy(tmp_path / "project")


def _sheet(path: Path, rows: dict[str, str], project: Path) -> Path:
    """A translator's spreadsheet: `rows` (id → Kazakh) for segments of the data as it is now,
    whether or not they already have Kazakh (an export made before they had it)."""
    segments = {s.id: s for s in collect(project, "2026")}
    book = load_workbook(path)
    sheet = book[SHEET]
    sheet.delete_rows(2, sheet.max_row)
    for uid, target in rows.items():
        s = segments[uid]
        sheet.append([s.id, s.document, s.context, s.markup, s.hash, None, None, target])
    book.save(path)
    return path


@pytest.mark.parametrize(("fmt", "name"), [("xliff", "vakr-2026-ru-kk.xlf"), ("xlsx", "vakr-2026-ru-kk.xlsx")])
def test_make_translation_writes_the_file_for_the_translator(project: Path, fmt: str, name: str) -> None:
    result = make(project, "translation", "CYCLE=2026", f"FORMAT={fmt}")
    assert result.returncode == 0, result.stdout + result.stderr
    out = project / "translation" / name
    assert f"Файл для переводчика: {out}" in result.stdout
    expected = [s.id for s in collect(project, "2026") if s.target is None and s.translatable]
    if fmt == "xliff":
        ids = [u.xmlelement.get("id") for u in xliff.xlifffile.parsestring(out.read_bytes()).units]
    else:
        ids = [row[0] for row in load_workbook(out)[SHEET].iter_rows(min_row=2, values_only=True)]
    assert ids == expected and len(ids) > 38 * 4


def test_make_without_a_cycle_or_a_file_says_what_to_type(project: Path) -> None:
    assert make(project, "translation").stderr == "Укажите год: make translation CYCLE=2026 (FORMAT=xliff или xlsx)\n"
    result = make(project, "translation-import")
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr == "Укажите файл перевода: make translation-import SOURCE=vakr-2026-ru-kk.xlf (или .xlsx)\n"


def test_a_target_replaces_draft_and_approved_kazakh_and_says_so(project: Path) -> None:
    out = project / "translation/vakr-2026-ru-kk.xlsx"
    assert make(project, "translation", "CYCLE=2026", "FORMAT=xlsx").returncode == 0
    first = make(project, "translation-import",
                 f"SOURCE={_sheet(out, {'2026/plan/items/1/measure': 'Тест: бірінші нұсқа.'}, project)}")
    assert "Добавлено переводов: 1" in first.stdout, first.stdout + first.stderr
    schedule = project / "data/2026/schedule.yml"
    approved = yaml.safe_load(schedule.read_text(encoding="utf-8"))["sections"][0]["items"][0]["rows"][0]["work"]
    assert approved["kk"]  # the schedule's Kazakh edition is approved with the Russian one
    again = _sheet(out, {
        "2026/plan/items/1/measure": "Тест: екінші нұсқа.",            # replaces the draft
        "2026/schedule/sections/1/items/1/rows/1/work": "Тест: бекітілген мәтіннің орнына.",  # replaces approved
    }, project)
    result = make(project, "translation-import", f"SOURCE={again}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Добавлено переводов: 0" in result.stdout and "Обновлено переводов: 2" in result.stdout
    plan = yaml.safe_load((project / "data/2026/plan.yml").read_text(encoding="utf-8"))
    assert plan["items"][0]["measure"]["kk"] == "Тест: екінші нұсқа."
    work = yaml.safe_load(schedule.read_text(encoding="utf-8"))["sections"][0]["items"][0]["rows"][0]["work"]
    assert work == {"ru": approved["ru"], "kk": "Тест: бекітілген мәтіннің орнына."}
    assert "Казахская редакция data/2026/plan.yml не утверждена" in result.stdout
    assert "Внимание: казахская редакция data/2026/schedule.yml уже утверждена (30.03.2026)" in result.stdout


def test_a_stale_segment_in_a_spreadsheet_is_refused(project: Path) -> None:
    out = project / "translation/vakr-2026-ru-kk.xlsx"
    assert make(project, "translation", "CYCLE=2026", "FORMAT=xlsx").returncode == 0
    plan = project / "data/2026/plan.yml"  # the officer corrects item 2's measure after the export
    text = plan.read_text(encoding="utf-8")
    measure = yaml.safe_load(text)["items"][1]["measure"]["ru"]
    plan.write_text(text.replace(measure, measure + " (исправлено)", 1), encoding="utf-8")
    book = load_workbook(out)
    rows = {row[0].value: row for row in book[SHEET].iter_rows(min_row=2)}
    rows["2026/plan/items/2/measure"][-1].value = "Тест: ескірген аударма."
    rows["2026/plan/items/3/measure"][-1].value = "Тест: үшінші іс-шара."
    book.save(out)
    before = plan.read_bytes()
    result = vakr_import(project, out)
    assert result.returncode == 1 and "Добавлено переводов: 1" in result.stdout and "Отклонено: 1" in result.stdout
    line = next(line for line in result.stdout.splitlines() if "items/2/measure" in line)
    assert line.startswith("  строка ") and "перевод устарел, выгрузите файл заново" in line
    items = yaml.safe_load(plan.read_text(encoding="utf-8"))["items"]
    assert "kk" not in items[1]["measure"] and items[2]["measure"]["kk"] == "Тест: үшінші іс-шара."
    assert plan.read_bytes() != before


def test_a_reference_name_and_an_executors_report_are_refused_with_the_reason(project: Path) -> None:
    assert make(project, "translation", "CYCLE=2026", "FORMAT=xlsx").returncode == 0
    sheet = _sheet(project / "translation/vakr-2026-ru-kk.xlsx", {
        "organizations/almaty-finance/name": "Тест: «Алматы финанс» ЖШС",
        "2026/monitoring/schedule/1/links/1/title": "Тест: жұмыс кестесі",
    }, project)
    before = {p: p.read_bytes() for p in (project / "data").rglob("*.yml")}
    result = vakr_import(project, sheet)
    assert result.returncode == 1 and "Отклонено: 2" in result.stdout
    assert "вносится только из устава или государственного реестра" in result.stdout
    assert "публикуется на языках, на которых его прислал исполнитель" in result.stdout
    assert {p: p.read_bytes() for p in (project / "data").rglob("*.yml")} == before


def test_an_import_that_would_not_load_writes_none_of_its_files(project: Path) -> None:
    """A risk description quotes plan item 1; its Kazakh must quote the plan's Kazakh edition.
    A file with a good plan target and a risk target that quotes nothing: neither is written."""
    data = project / "data"
    plan = yaml.safe_load((data / "2026/plan.yml").read_text(encoding="utf-8"))
    risks = data / "2026/risks.yml"
    risks.write_text(risks.read_text(encoding="utf-8").replace(
        "  - id: R01\n", f"  - id: R01\n    description:\n      ru: {plan['items'][0]['recommendation']['ru']}\n"
                         "    source: {document: plan, item: 1}\n", 1), encoding="utf-8")
    assert make(project, "translation", "CYCLE=2026", "FORMAT=xlsx").returncode == 0
    sheet = _sheet(project / "translation/vakr-2026-ru-kk.xlsx", {
        "2026/plan/items/2/measure": "Тест: екінші іс-шара.",
        "2026/risks/R01/description": "Тест: жоспарда жоқ сипаттама.",
    }, project)
    before = {p: p.read_bytes() for p in data.rglob("*.yml")}
    result = vakr_import(project, sheet)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Импорт перевода не выполнен, data/ не изменён:")
    assert "data/2026/risks.yml" in result.stderr and "не найден дословно в пункте 1" in result.stderr
    assert {p: p.read_bytes() for p in data.rglob("*.yml")} == before
    assert not [p for p in data.rglob(".*") if p.is_file()]  # no temporary left
