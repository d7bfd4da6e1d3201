"""`vakr forms` and `vakr reports`: the round trip of execution reports. Reports are written
into monitoring.yml only when every row of every file is valid; the summary, in Russian,
says what was added, what was already there and which rows were refused and why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from vakr.publish import strings
from vakr.domain.errors import DataError, DataErrors
from vakr.intake.forms import write_forms
from vakr.intake.rows import FormRows, Incoming, Refusal, read_form
from vakr.domain.statedate import today_in_almaty
from vakr.intake.sheet import read_table
from vakr.atomicfile import write_atomic
from vakr.intake.store import Merge, merge
from vakr.ingest.load import MONITORING_FILE, load_site


def run_forms(root: Path, year: str, out: Path, made: dt.date | None = None) -> int:
    try:
        site = load_site(root / "data")
    except DataErrors as err:
        print(err)
        return 1
    cycle = next((c for c in site.cycles if c.year == year), None)
    if cycle is None or cycle.plan is None:
        print(f"Формы не созданы: нет утверждённого плана мероприятий цикла {year} (data/{year}/plan.yml).")
        return 1
    written = write_forms(site, cycle, out, made or today_in_almaty())
    print(f"Формы отчётов об исполнении плана мероприятий ВАКР {year}: {len(written)} в {out}")
    for path in written:
        print(f"  {path.name}")
    print("Отправьте каждой организации её форму; заполненные импортируйте: make reports SOURCE=\"…\"")
    return 0


def run_reports(root: Path, files: list[Path], year: str | None, dry_run: bool,
                today: dt.date | None = None) -> int:
    """Read, check and merge; print the summary. Exit 1 if anything was refused."""
    try:
        site = load_site(root / "data")
    except DataErrors as err:
        print(err)
        return 1
    today = today or today_in_almaty()
    forms: list[FormRows] = []
    refused: list[Refusal] = []
    for path in files:
        try:
            form = read_form(read_table(path), site, year, root / "docs", today)
        except DataError as err:
            refused.append(Refusal(err.file, err.line, None, err.message))
            continue
        forms.append(form)
        refused += form.refused
    years = {f.cycle for f in forms}
    if len(years) > 1:
        print(f"Импорт не выполнен: формы разных циклов ({', '.join(sorted(years))}); "
              "импортируйте их по отдельности.")
        return 1
    cycle_year = year or next(iter(years), None)
    incoming = [r for f in forms for r in f.reports]
    if cycle_year is None:
        _refused(refused)
        print("Импорт не выполнен: ни одна форма не прочитана.")
        return 1
    path = root / "data" / cycle_year / MONITORING_FILE
    display = f"data/{cycle_year}/{MONITORING_FILE}"
    try:
        result = merge(path, display, cycle_year, incoming)
    except DataError as err:
        print(f"Импорт не выполнен: {err}")
        return 1
    _summary(display, forms, incoming, result, refused)
    if refused:
        print(f"Файл {display} не изменён: исправьте отклонённые строки и повторите импорт (всех файлов сразу).")
        return 1
    if not result.changed:
        print(f"Новых отчётов нет: {display} не изменён.")
        return 0
    if dry_run:
        print(f"Пробный запуск (--dry-run): {display} не изменён; без --dry-run в него будут добавлены "
              f"отчёты: {len(result.added)}.")
        return 0
    write_atomic(path, result.text.encode("utf-8"))
    print(f"Записано в {display}: новых отчётов {len(result.added)}. "
          "Проверьте сайт: make serve; опубликуйте: make build.")
    return 0


def _summary(display: str, forms: list[FormRows], incoming: list[Incoming], result: Merge,
             refused: list[Refusal]) -> None:
    blank = sum(f.blank for f in forms)
    print(f"Импорт отчётов об исполнении в {display}")
    print(f"Прочитано файлов: {len(forms)}; строк с отчётом: {len(incoming)}; пунктов без отчёта: {blank}.")
    items = sorted({c.incoming.item for c in result.added})
    print(f"Обновлено пунктов: {len(items)}" + (f" ({', '.join(map(str, items))})" if items else ""))
    for change in result.added:
        r = change.incoming
        line = f"  пункт {r.item}: отчёт от {r.report['date']} — {_state(r.report['status'])}"
        if not change.latest:
            line += f"; добавлен в историю, статус остаётся по более позднему отчёту от {change.previous}"
        print(f"{line} ({r.file}, строка {r.row})")
    print(f"Без изменений (такой отчёт уже есть): {len(result.duplicates)}")
    for r in result.duplicates:
        print(f"  пункт {r.item}: отчёт от {r.report['date']} ({r.file}, строка {r.row})")
    _refused(refused)


def _refused(refused: list[Refusal]) -> None:
    print(f"Отклонено: {len(refused)}")
    for refusal in refused:
        print(f"  {refusal}")


def _state(status: str) -> str:
    return strings.t("ru", f"monitoring.state.{status}")
