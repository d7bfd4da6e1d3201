"""The round trip of execution reports: `vakr forms` writes a form per responsible
organization (read back here with openpyxl: items, locks, drop-down, headers, print setup);
the forms are filled as a unit would (texts in Russian and Kazakh), `vakr reports` merges
them into monitoring.yml, refuses a bad row of each kind without touching the file, and the
built execution page shows the reports word for word. A CSV saved from a filled form gives
the same result. Expected values come from the data files and strings.yml, not from the code."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from playwright.sync_api import Browser

from bench.workspace import project_copy
from browser import serve
from conftest import build_site, built_ok, commented_example
from vakr.cli import main
from vakr.ingest.load import load_site
from vakr.intake.store import NEW_HEADER
from vakr.intake.layout import rich_text
from vakr.domain.model import Rich
from vakr.domain.statedate import today_in_almaty

ROOT = Path(__file__).resolve().parents[2]
PLAN = yaml.safe_load((ROOT / "data" / "2026" / "plan.yml").read_text(encoding="utf-8"))
ORGS = yaml.safe_load((ROOT / "data" / "organizations.yml").read_text(encoding="utf-8"))["organizations"]
STRINGS = yaml.safe_load((ROOT / "src" / "vakr" / "publish" / "strings.yml").read_text(encoding="utf-8"))
MADE = today_in_almaty().strftime("%d.%m.%Y")
HEADER_ROW = 7
STATUS = {key: f"{STRINGS[f'monitoring.state.{key}']['ru']} / {STRINGS[f'monitoring.state.{key}']['kk']}"
          for key in ("not_started", "in_progress", "done", "not_done")}


def items_of(org: str) -> list[int]:
    return [item["number"] for item in PLAN["items"] if org in item["executor"]["organizations"]]


RESPONSIBLE = [o["id"] for o in ORGS if items_of(o["id"])]


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("forms")
    assert main(["--root", str(ROOT), "forms", "--cycle", "2026", "--out", str(out)]) == 0
    return out


def rows_by_item(sheet) -> dict[int, int]:  # type: ignore[no-untyped-def]
    return {int(sheet.cell(r, 1).value): r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}


# --- forms out ---------------------------------------------------------------------------


def test_a_form_for_every_responsible_organization_and_the_whole_plan(forms: Path) -> None:
    expected = {f"vakr-2026-{code}.xlsx" for code in [*RESPONSIBLE, "plan"]}
    assert {p.name for p in forms.iterdir()} == expected
    assert {"spk", "almaty-finance", "mfo-almaty", "almaty-renovation", "industrial-zone"} <= set(RESPONSIBLE)


@pytest.mark.parametrize("code", [*RESPONSIBLE, "plan"])
def test_each_form_holds_its_items_verbatim_and_locked(forms: Path, code: str) -> None:
    sheet = load_workbook(forms / f"vakr-2026-{code}.xlsx").active
    numbers = list(rows_by_item(sheet))
    assert numbers == ([i["number"] for i in PLAN["items"]] if code == "plan" else items_of(code))
    assert sheet.protection.sheet
    by_number = {i["number"]: i for i in PLAN["items"]}
    for number, row in rows_by_item(sheet).items():
        item = by_number[number]
        if isinstance(item["recommendation"]["ru"], str):
            assert sheet.cell(row, 2).value == item["recommendation"]["ru"]
        if isinstance(item["measure"]["ru"], str):
            assert sheet.cell(row, 3).value == item["measure"]["ru"]
        assert sheet.cell(row, 4).value == item["executor"]["ru"]
        assert sheet.cell(row, 5).value == item["deadline"]["source"]["ru"]
        assert all(sheet.cell(row, col).protection.locked for col in range(1, 6))
        assert not any(sheet.cell(row, col).protection.locked for col in range(6, 13))


def test_a_cell_with_paragraphs_and_a_list_is_one_line_each_word_for_word() -> None:
    """No 2026 item has one, but a plan imported from Word may: the form has no markup."""
    rich = Rich.model_validate({"ru": [{"p": "1) Анализ документов:"}, {"ul": ["– Проведение анализа ВНД;", "– отчёт."]}]})
    assert rich_text(rich) == "1) Анализ документов:\n– Проведение анализа ВНД;\n– отчёт."


@pytest.mark.parametrize("code", ["almaty-finance", "spk-food-trade", "plan"])
def test_headers_title_drop_down_and_print_setup(forms: Path, code: str) -> None:
    sheet = load_workbook(forms / f"vakr-2026-{code}.xlsx").active
    headers = [sheet.cell(HEADER_ROW, col).value for col in range(1, 13)]
    for key, header in zip(["recommendation", "measure", "executor", "deadline", "status", "date", "text_ru",
                            "text_kk", "reason_ru", "reason_kk", "evidence"], headers[1:]):
        assert header == f"{STRINGS[f'forms.col.{key}']['ru']}\n{STRINGS[f'forms.col.{key}']['kk']}"
    assert "Рекомендация" in headers[1] and "ұсыным" in headers[1]
    title = " ".join(str(c.value) for row in sheet.iter_rows(max_row=HEADER_ROW - 1) for c in row if c.value)
    name = next((o["name"]["ru"] for o in ORGS if o["id"] == code), "Весь план мероприятий")
    assert name in title and "2026" in title and MADE in title
    (status,) = sheet.data_validations.dataValidation
    assert status.type == "list"
    assert status.formula1.strip('"').split(",") == list(STATUS.values())
    last = HEADER_ROW + len(rows_by_item(sheet))
    assert str(status.sqref) == f"F{HEADER_ROW + 1}:F{last}"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"  # the header row on every page
    assert sheet.cell(HEADER_ROW + 1, 3).alignment.wrap_text and sheet.page_setup.fitToWidth == 1


# --- reports in --------------------------------------------------------------------------

# Realistic reports of two units, in both languages (item: status, date, ru, kk, reason, evidence)
FINANCE = {
    1: ("done", dt.date(2026, 6, 30), "Раздел «Противодействие коррупции» на интернет-ресурсе ТОО обновлён, "
        "размещены сведения по пункту 8 статьи 16 Закона «О доступе к информации».",
        "ЖШС интернет-ресурсындағы «Сыбайлас жемқорлыққа қарсы іс-қимыл» бөлімі жаңартылды.",
        None, "№ 45-П от 30.06.2026"),
    6: ("in_progress", "20.07.2026", "Проект изменений в Правила кредитования направлен на согласование.",
        None, None, "documents/2026/pravila-proekt.pdf"),
    7: ("not_done", "01.09.2026", "Мероприятие не исполнено.", "Іс-шара орындалмады.",
        ("Реорганизация департамента кредитования", "Кредиттеу департаментін қайта ұйымдастыру"), None),
}
FOOD = {
    next(iter(items_of("spk-food-trade"))): ("done", "10.08.2026", "Приказом утверждён регламент согласования "
                                             "договоров поставки;\nответственные работники ознакомлены.",
                                             "Жеткізу шарттарын келісу регламенті бұйрықпен бекітілді.",
                                             None, "https://example.kz/docs/prikaz-12.pdf"),
}


def fill(form: Path, target: Path, reports: dict, edit=None) -> Path:  # type: ignore[no-untyped-def]
    book = load_workbook(form)
    sheet = book.active
    rows = rows_by_item(sheet)
    for number, (status, day, text_ru, text_kk, reason, evidence) in reports.items():
        row = rows[number]
        sheet.cell(row, 6).value = STATUS[status] if status in STATUS else status
        sheet.cell(row, 7).value = day
        sheet.cell(row, 8).value, sheet.cell(row, 9).value = text_ru, text_kk
        if reason:
            sheet.cell(row, 10).value, sheet.cell(row, 11).value = reason
        sheet.cell(row, 12).value = evidence
    if edit:
        edit(sheet, rows)
    book.save(target)
    return target


def project(tmp_path: Path) -> Path:
    """A copy of the project to import into and build, with a document the units cite."""
    root = project_copy(tmp_path / "project")
    (root / "docs" / "documents" / "2026").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "documents" / "2026" / "pravila-proekt.pdf").write_bytes(b"%PDF-1.4\n")
    return root


@pytest.fixture(name="project")
def project_fixture(tmp_path: Path) -> Path:
    return project(tmp_path)


def monitoring(root: Path) -> Path:
    return root / "data" / "2026" / "monitoring.yml"


def reports(root: Path, *files: Path, dry_run: bool = False) -> int:
    return main(["--root", str(root), "reports", *map(str, files), *(["--dry-run"] if dry_run else [])])


@pytest.fixture
def filled(forms: Path, tmp_path: Path) -> list[Path]:
    return [fill(forms / "vakr-2026-almaty-finance.xlsx", tmp_path / "finance.xlsx", FINANCE),
            fill(forms / "vakr-2026-spk-food-trade.xlsx", tmp_path / "food.xlsx", FOOD)]


def test_filled_forms_become_reports_in_monitoring_yml(project: Path, filled: list[Path], capsys) -> None:  # type: ignore[no-untyped-def]
    before = monitoring(project).read_text(encoding="utf-8")
    os.chmod(monitoring(project), 0o640)
    assert reports(project, *filled) == 0
    out = capsys.readouterr().out
    text = monitoring(project).read_text(encoding="utf-8")
    header = [line for line in before.splitlines() if line.startswith("#")]
    assert text.splitlines()[:len(header)] == header  # the header comments are kept
    assert oct(monitoring(project).stat().st_mode & 0o777) == oct(0o640)
    data = yaml.safe_load(text)
    assert list(data) == ["schedule", "plan"]  # the file's fixed order: a report is appended at the end
    food = next(iter(FOOD))
    assert sorted(data["plan"]) == sorted([1, 6, 7, food])
    assert data["plan"][1] == [{"date": "30.06.2026", "status": "done", "text": {"ru": FINANCE[1][2], "kk": FINANCE[1][3]},
                                "evidence": [{"order": "№ 45-П от 30.06.2026"}], "organization": "almaty-finance"}]
    assert data["plan"][food][0]["organization"] == "spk-food-trade"
    assert data["plan"][6][0]["evidence"] == [{"url": "documents/2026/pravila-proekt.pdf"}]
    assert "kk" not in data["plan"][6][0]["text"]
    assert data["plan"][7][0]["reason"] == {"ru": FINANCE[7][4][0], "kk": FINANCE[7][4][1]}
    assert data["plan"][food][0]["text"]["ru"] == FOOD[food][2]  # the line break kept
    assert data["plan"][food][0]["evidence"] == [{"url": "https://example.kz/docs/prikaz-12.pdf"}]
    assert "Обновлено пунктов: 4" in out and "Отклонено: 0" in out
    assert "пункт 7: отчёт от 01.09.2026 — не исполнено (" in out
    assert main(["--root", str(project), "check"]) == 0


def test_the_same_report_twice_is_not_duplicated(project: Path, filled: list[Path], capsys) -> None:  # type: ignore[no-untyped-def]
    assert reports(project, *filled) == 0
    first = monitoring(project).read_bytes()
    capsys.readouterr()
    assert reports(project, *filled) == 0
    assert monitoring(project).read_bytes() == first
    out = capsys.readouterr().out
    assert "Обновлено пунктов: 0" in out and "Без изменений (такой отчёт уже есть): 4" in out


def test_an_older_report_joins_the_history_but_not_the_status(project: Path, forms: Path, filled: list[Path],
                                                             tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert reports(project, *filled) == 0
    older = {1: ("in_progress", "15.06.2026", "Начата актуализация раздела интернет-ресурса.", None, None, None)}
    assert reports(project, fill(forms / "vakr-2026-almaty-finance.xlsx", tmp_path / "older.xlsx", older)) == 0
    out = capsys.readouterr().out
    history = yaml.safe_load(monitoring(project).read_text(encoding="utf-8"))["plan"][1]
    assert [(r["date"], r["status"]) for r in history] == [("15.06.2026", "in_progress"), ("30.06.2026", "done")]
    assert "статус остаётся по более позднему отчёту от 30.06.2026" in out


def test_dry_run_shows_the_changes_and_writes_nothing(project: Path, filled: list[Path], capsys) -> None:  # type: ignore[no-untyped-def]
    before = monitoring(project).read_bytes()
    assert reports(project, *filled, dry_run=True) == 0
    assert monitoring(project).read_bytes() == before
    out = capsys.readouterr().out
    assert "пункт 1: отчёт от 30.06.2026 — исполнено" in out and "--dry-run" in out


FUTURE = (today_in_almaty() + dt.timedelta(days=40)).strftime("%d.%m.%Y")
# One bad row of each kind, in the almaty-finance form (the row of the item in the key).
BAD = {
    2: ("done", "31.06.2026", "Проведено обучение.", None, None, None),  # impossible date
    3: ("done", FUTURE, "Проведён анализ текучести кадров.", None, None, None),  # future date
    4: ("выполнено", "01.08.2026", "Практика проанализирована.", None, None, None),  # unknown status
    5: ("not_done", "01.08.2026", "Не исполнено.", "Орындалмады.", None, None),  # not done, no reason
}


def edit_bad_rows(sheet, rows) -> None:  # type: ignore[no-untyped-def]
    sheet.cell(rows[29], 3).value += " (в редакции ТОО)"  # approved wording changed
    sheet.cell(rows[29], 6).value = STATUS["done"]
    sheet.cell(rows[34], 1).value = 99  # no such item
    sheet.cell(rows[35], 1).value = 8  # an item of another organization
    sheet.cell(rows[35], 6).value = STATUS["done"]


def test_each_kind_of_bad_row_is_refused_and_the_file_is_untouched(project: Path, forms: Path, tmp_path: Path,
                                                                  capsys) -> None:  # type: ignore[no-untyped-def]
    assert 8 not in items_of("almaty-finance")
    good_and_bad = fill(forms / "vakr-2026-almaty-finance.xlsx", tmp_path / "bad.xlsx", {**FINANCE, **BAD}, edit_bad_rows)
    rows = rows_by_item(load_workbook(forms / "vakr-2026-almaty-finance.xlsx").active)
    before, stamp = monitoring(project).read_bytes(), monitoring(project).stat().st_mtime_ns
    assert reports(project, good_and_bad) == 1
    assert monitoring(project).read_bytes() == before and monitoring(project).stat().st_mtime_ns == stamp
    out = capsys.readouterr().out
    refused = {line.strip() for line in out.split("Отклонено: 7\n")[1].splitlines() if line.startswith("  ")}
    where = f"{good_and_bad}, строка"
    expected = [
        f"{where} {rows[2]}, пункт 2: такой даты не существует: «31.06.2026»",
        f"{where} {rows[3]}, пункт 3: дата отчёта {FUTURE} ещё не наступила",
        f"{where} {rows[4]}, пункт 4: неизвестный статус «выполнено»",
        f"{where} {rows[5]}, пункт 5: статус «не исполнено» без причины",
        f"{where} {rows[29]}, пункт 29: изменён утверждённый текст в столбце «Мероприятие»",
        f"{where} {rows[34]}: неизвестный пункт плана «99»",
        f"{where} {rows[35]}, пункт 8: пункт 8 не поручен организации «ТОО «Almaty Finance (Алматы финанс)»»",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in refused), (start, refused)
    assert "Обновлено пунктов: 3" in out  # the good rows are listed, but not written
    assert "Файл data/2026/monitoring.yml не изменён" in out


# More kinds of bad row, in the whole plan's form (items of any organization).
BAD_MORE = {
    9: ("done", "01.05.2026", "Проведено совещание.", None, None, None),  # before the plan's approval
    10: ("in_progress", "01.08.2026", None, "Жұмыс басталды.", None, None),  # no «what was done» in Russian
    11: ("done", "01.08.2026", "Регламент утверждён.", None, None, "documents/2026/net-takogo.pdf"),  # not in docs/
    12: ("done", "01.08.2026", "Приказ издан.", None, None, "prikaz-45.pdf"),  # a bare file name, not in docs/
}


def test_a_date_before_approval_no_text_a_missing_or_bare_document_are_refused(project: Path, forms: Path,
                                                                              tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    approved = PLAN["approval"]["date"]
    assert dt.datetime.strptime(approved, "%d.%m.%Y").date() > dt.date(2026, 5, 1)
    form = fill(forms / "vakr-2026-plan.xlsx", tmp_path / "plan.xlsx", BAD_MORE)
    rows = rows_by_item(load_workbook(forms / "vakr-2026-plan.xlsx").active)
    before = monitoring(project).read_bytes()
    assert reports(project, form) == 1
    assert monitoring(project).read_bytes() == before
    out = capsys.readouterr().out
    refused = [line.strip() for line in out.split("Отклонено: 4\n")[1].splitlines() if line.startswith("  ")]
    where = f"{form}, строка"
    assert refused == [
        f"{where} {rows[9]}, пункт 9: дата отчёта 01.05.2026 раньше утверждения плана мероприятий ({approved})",
        f"{where} {rows[10]}, пункт 10: не заполнено «Что сделано (на русском языке)»: без него отчёт не публикуется",
        f"{where} {rows[11]}, пункт 11: подтверждающий документ «documents/2026/net-takogo.pdf» не найден в docs/: "
        "положите файл туда или укажите номер приказа",
        f"{where} {rows[12]}, пункт 12: подтверждающий документ «prikaz-45.pdf» — имя файла без папки, и в "
        "docs/documents/2026/ его нет: положите файл в docs/documents/2026/ (имя — латинские буквы, цифры, "
        "дефисы) и напишите путь к нему, например «documents/2026/prikaz-45.pdf», или номер и дату приказа, "
        "например «№ 45-П от 30.06.2026»",
    ]


def test_a_bare_file_name_is_found_in_the_cycles_documents_folder(project: Path, forms: Path, tmp_path: Path) -> None:
    """«prikaz-45.pdf» in the evidence cell is the file the README says to put in
    docs/documents/<year>/, not the text of an order."""
    (project / "docs" / "documents" / "2026" / "prikaz-45.pdf").write_bytes(b"%PDF-1.4\n")
    report = {12: ("done", "01.08.2026", "Приказ издан.", None, None, "prikaz-45.pdf; № 45-П от 30.07.2026")}
    assert reports(project, fill(forms / "vakr-2026-plan.xlsx", tmp_path / "plan.xlsx", report)) == 0
    data = yaml.safe_load(monitoring(project).read_text(encoding="utf-8"))
    assert data["plan"][12][0]["evidence"] == [{"url": "documents/2026/prikaz-45.pdf"},
                                               {"order": "№ 45-П от 30.07.2026"}]


def csv_of(xlsx: Path, target: Path, delimiter: str, bom: bool) -> Path:
    """What Excel's «Save as CSV» writes: every row, dates as the cell shows them."""
    sheet = load_workbook(xlsx).active
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in sheet.iter_rows(values_only=True):
        writer.writerow(["" if v is None else v.strftime("%d.%m.%Y") if isinstance(v, dt.datetime) else v for v in row])
    target.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))
    return target


@pytest.mark.parametrize(("delimiter", "bom"), [(",", True), (";", False)])
def test_a_csv_saved_from_a_filled_form_imports_to_the_same_result(project: Path, filled: list[Path], tmp_path: Path,
                                                                   delimiter: str, bom: bool) -> None:
    assert reports(project, *filled) == 0
    expected = monitoring(project).read_bytes()
    shutil.copy(ROOT / "data" / "2026" / "monitoring.yml", monitoring(project))
    csvs = [csv_of(path, tmp_path / f"{path.stem}.csv", delimiter, bom) for path in filled]
    assert reports(project, *csvs) == 0
    assert monitoring(project).read_bytes() == expected


def test_a_file_that_is_not_a_form_is_refused(project: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.csv"
    other.write_text("Пункт;Статус\n1;исполнено\n", encoding="cp1251")
    assert reports(project, other) == 1
    assert "не в кодировке UTF-8" in capsys.readouterr().out


@pytest.fixture(scope="module")
def imported(forms: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built like `make build` after the two filled forms were imported."""
    tmp = tmp_path_factory.mktemp("imported")
    root = project(tmp)
    filled = [fill(forms / "vakr-2026-almaty-finance.xlsx", tmp / "finance.xlsx", FINANCE),
              fill(forms / "vakr-2026-spk-food-trade.xlsx", tmp / "food.xlsx", FOOD)]
    assert reports(root, *filled) == 0
    result = build_site(root / "site", root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.mark.parametrize(("lang", "column"), [("", 2), ("kk/", 3)])
def test_the_execution_page_shows_the_imported_reports_word_for_word(imported: Path, lang: str, column: int) -> None:
    page = BeautifulSoup((imported / lang / "2026" / "execution" / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = page.select_one("section#item-1")
    report = section.select("table.vakr-history tbody td")[1].get_text()
    assert FINANCE[1][column] in report and "№ 45-П от 30.06.2026" in report
    assert section.select_one(".vakr-report-org").get_text() == "ТОО «Almaty Finance (Алматы финанс)»"  # who reported
    assert section.select_one("table.vakr-history tbody th time")["datetime"] == "2026-06-30"
    link = page.select_one("section#item-6 .vakr-evidence a")
    assert (imported / lang / "2026" / "execution" / link["href"]).resolve() == \
        (imported / "documents" / "2026" / "pravila-proekt.pdf").resolve()
    assert FINANCE[7][4][column - 2] in page.select_one("section#item-7 .vakr-reason").get_text()
    food = next(iter(FOOD))
    assert FOOD[food][column].split("\n")[0] in page.select_one(f"section#item-{food} table.vakr-history").get_text()


NEWEST = "01.09.2026"  # the newest report of FINANCE and FOOD (item 7)
OLDER = {2: ("in_progress", "15.07.2026", "Начато обучение работников по порядку рассмотрения обращений.",
             None, None, None)}


@pytest.fixture(scope="module")
def imported_older(imported: Path, forms: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same project after a form with an older report was imported too, built again."""
    tmp = tmp_path_factory.mktemp("older")
    root = imported.parent
    assert reports(root, fill(forms / "vakr-2026-almaty-finance.xlsx", tmp / "older.xlsx", OLDER)) == 0
    return built_ok(root / "site-older", root)


def reports_line(site: Path, lang: str, page: str) -> BeautifulSoup:
    html = (site / lang / "2026" / page / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("p.vakr-as-of")


@pytest.mark.parametrize("lang", ["", "kk/"])
def test_the_newest_imported_report_dates_the_execution_information(imported: Path, imported_older: Path,
                                                                    lang: str) -> None:
    """«Сведения об исполнении — на …» on the dashboard and the execution page is the date of
    the newest report imported; a report imported later but dated earlier does not move it."""
    dates = [dt.datetime.strptime(r[1], "%d.%m.%Y").date() if isinstance(r[1], str) else r[1]
             for r in [*FINANCE.values(), *FOOD.values()]]
    assert max(dates).strftime("%d.%m.%Y") == NEWEST
    sentence = STRINGS["monitoring.reports_on"]["kk" if lang else "ru"].format(date=NEWEST)
    for site in (imported, imported_older):
        for page in ("monitoring", "execution"):
            line = reports_line(site, lang, page)
            assert sentence in line.get_text(), (site.name, page)
            assert f'datetime="{dt.datetime.strptime(NEWEST, "%d.%m.%Y").date().isoformat()}"' in str(line)
    execution = (imported_older / lang / "2026" / "execution" / "index.html").read_text(encoding="utf-8")
    history = BeautifulSoup(execution, "html.parser").select_one("section#item-2 table.vakr-history")
    assert OLDER[2][2] in history.get_text()  # the older report was imported, and shown in its history


@pytest.mark.parametrize("lang", ["", "kk/"])
def test_on_a_phone_a_report_reads_full_width_under_its_date(imported: Path, browser: Browser, lang: str) -> None:
    """Three or four columns squeezed the report into a strip a word wide at 360 px."""
    rows = {"2026/execution/": "section#item-7 table.vakr-history tbody tr",
            "2026/monitoring/": "table.vakr-latest tbody tr[data-item='7']"}
    with serve(imported) as base:
        page = browser.new_page(viewport={"width": 360, "height": 800})
        for url, selector in rows.items():
            page.goto(f"{base}/{lang}{url}", wait_until="networkidle")
            row = page.locator(selector)
            date = row.locator(":scope > *").first.bounding_box()
            report = row.locator(":scope > td").last.bounding_box()
            assert report["y"] >= date["y"] + date["height"] - 1, url  # under the date, not beside it
            assert report["width"] > 0.8 * row.bounding_box()["width"], url
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
        page.close()


HAND_WRITTEN = """# yaml-language-server: $schema=../../schema/monitoring.schema.json
# Отчёты об исполнении: можно дописывать вручную или импортировать формы (make reports).

as_of: 01.12.2026
plan:
  1:
  - date: 2026-06-01            # written by hand, ISO date
    status: not_started
    text: {ru: Работа не начата}
schedule:
  5:
    done: 12.05.2026
    links:
    - url: 2026/announcements/discussion/
      title: {ru: Объявление о публичном обсуждении}

# Пример отчёта (скопируйте под номер пункта):
#   - date: 30.06.2026
#     status: done
"""


def test_a_hand_written_file_keeps_its_comments_settings_and_reports(project: Path, filled: list[Path]) -> None:
    monitoring(project).write_text(HAND_WRITTEN, encoding="utf-8")
    assert reports(project, *filled) == 0
    text = monitoring(project).read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN.split("as_of")[0])
    assert text.endswith(HAND_WRITTEN[HAND_WRITTEN.index("\n# Пример"):])
    data = yaml.safe_load(text)
    assert list(data) == ["as_of", "schedule", "plan"]
    assert data["as_of"] == "01.12.2026"
    assert data["schedule"] == yaml.safe_load(HAND_WRITTEN)["schedule"]
    assert [r["status"] for r in data["plan"][1]] == ["not_started", "done"]
    assert main(["--root", str(project), "check"]) == 0


def test_a_monitoring_yml_the_import_creates_has_the_example_to_append(project: Path, filled: list[Path]) -> None:
    """No monitoring.yml yet: the import writes one with the header of a new cycle's file,
    its commented example report included; that example, uncommented at the end of the file
    (as README says), is read as the report of its item."""
    monitoring(project).unlink()
    assert reports(project, *filled) == 0
    text = monitoring(project).read_text(encoding="utf-8")
    assert text.startswith(NEW_HEADER.format(year="2026") + "schedule:\nplan:\n")
    example = commented_example(text, "Пример отчёта")
    assert example.startswith("  17:") and "  - date: 20.06.2026" in example
    taken = yaml.safe_load(text)["plan"]
    number = next(n for n in range(2, 39) if n not in taken)  # an item without a report yet
    with monitoring(project).open("a", encoding="utf-8") as file:
        file.write(example.replace("  17:", f"  {number}:", 1))
    cycle = load_site(project / "data").cycle("2026")
    assert cycle.monitoring is not None and cycle.monitoring.plan[number][0].text.ru == (
        "Проект приказа направлен на согласование")
    assert sorted(cycle.monitoring.plan) == sorted([*taken, number])


def test_a_report_naming_an_unknown_organization_stops_the_check(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    monitoring(project).write_text("plan:\n  1:\n  - date: 30.06.2026\n    status: done\n    text: {ru: Исполнено}\n"
                                   "    organization: almaty-financ\n", encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    assert ("data/2026/monitoring.yml, строка 6, поле «plan[1][1].organization»: неизвестная организация "
            "«almaty-financ»") in capsys.readouterr().err


def test_a_csv_of_the_same_columns_without_title_rows_needs_the_cycle(project: Path, filled: list[Path],
                                                                      tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    full = csv_of(filled[0], tmp_path / "full.csv", ";", True).read_text(encoding="utf-8-sig")
    bare = tmp_path / "bare.csv"
    bare.write_text(full[full.index("\"№"):], encoding="utf-8")  # from the header row on
    assert reports(project, bare) == 1
    assert "нет строки «Цикл ВАКР»: укажите год, например --cycle 2026" in capsys.readouterr().out
    assert main(["--root", str(project), "reports", str(bare), "--cycle", "2026"]) == 0
    data = yaml.safe_load(monitoring(project).read_text(encoding="utf-8"))
    assert sorted(data["plan"]) == sorted(FINANCE)
    assert "organization" not in data["plan"][1][0]  # a bare CSV does not say who sent it


def make(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A make command as the officer types it, in a copy of the project, with this checkout's venv."""
    venv = ROOT / ".venv"
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", f"VENV={venv}", "-o", f"{venv}/.installed", *args], cwd=root,
                          capture_output=True, text=True, check=False, env=env)


def test_make_forms_then_make_reports_the_whole_round_trip(project: Path) -> None:
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    made = make(project, "forms", "CYCLE=2026")
    assert made.returncode == 0, made.stdout + made.stderr
    written = sorted(p.name for p in (project / "forms" / "2026").iterdir())
    assert written == sorted(f"vakr-2026-{code}.xlsx" for code in [*RESPONSIBLE, "plan"])
    assert made.stdout.startswith(f"Формы отчётов об исполнении плана мероприятий ВАКР 2026: {len(written)} в forms/2026\n")
    assert "  vakr-2026-almaty-finance.xlsx\n" in made.stdout and made.stderr == ""
    fill(project / "forms" / "2026" / "vakr-2026-almaty-finance.xlsx", project / "finance.xlsx", FINANCE)
    fill(project / "forms" / "2026" / "vakr-2026-spk-food-trade.xlsx", project / "food.xlsx", FOOD)
    imported = make(project, "reports", "SOURCE=finance.xlsx food.xlsx")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Обновлено пунктов: 4" in imported.stdout and "Отклонено: 0" in imported.stdout
    assert "Записано в data/2026/monitoring.yml: новых отчётов 4." in imported.stdout and imported.stderr == ""
    data = yaml.safe_load(monitoring(project).read_text(encoding="utf-8"))
    assert sorted(data["plan"]) == sorted([*FINANCE, *FOOD])
