"""The importer on inputs that used to corrupt data silently (issue «Trust the input»,
findings 7–11): nothing is written unless the whole of data/ passes with the new file, the
file keeps its mode, and each refusal says what to do in Russian."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
import stat
from pathlib import Path

import docx
import pytest

from test_import import PLAN_SEED, ROOT, SCHEDULE_SEED, imported, run, target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The whole real data/ (risks name plan items), as in the officers' repository."""
    shutil.copytree(ROOT / "data", tmp_path / "project" / "data")
    return tmp_path / "project"


def _without_item_38(tmp_path: Path) -> Path:
    text = PLAN_SEED.read_text(encoding="utf-8")
    start = text.index("\n38.\t")
    source = tmp_path / "plan-without-38.txt"
    source.write_text(text[:start] + text[text.index("\n", start + 1):], encoding="utf-8")
    return source


def test_a_plan_the_site_would_refuse_is_not_written(project: Path, tmp_path: Path, capsys) -> None:
    """Item 38 is gone from the document, but risks.yml names it: the import stops before
    writing, and says so truthfully."""
    plan = target(project, "plan")
    plan.chmod(0o640)
    before = plan.read_bytes()

    assert run(project, _without_item_38(tmp_path), "plan") == 1

    err = capsys.readouterr().err
    line = next(n for n, text in enumerate((project / "data/2026/risks.yml").read_text(encoding="utf-8")
                                           .splitlines(), 1) if text == "    plan_items: [38]")
    assert err == ("Импорт не выполнен, data/ не изменён:\n"
                   f"  data/2026/risks.yml, строка {line}, поле «risks[37].plan_items[1]»: в плане мероприятий нет "
                   "пункта 38; есть пункты 1–37\n"), err
    assert plan.read_bytes() == before
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert sorted(p.name for p in plan.parent.iterdir()) == sorted(p.name for p in (ROOT / "data/2026").iterdir())


@pytest.mark.parametrize("mode", [0o640, 0o664, 0o600])
def test_a_written_file_keeps_its_mode(project: Path, mode: int, capsys) -> None:
    plan = target(project, "plan")
    plan.write_text(plan.read_text(encoding="utf-8").replace("обеспечить полноту", "обеспечить ПОЛНОТУ", 1),
                    encoding="utf-8")
    plan.chmod(mode)
    assert run(project, PLAN_SEED, "plan") == 0, capsys.readouterr().err
    assert plan.read_bytes() == (ROOT / "data/2026/plan.yml").read_bytes()
    assert stat.S_IMODE(plan.stat().st_mode) == mode


# --- a --kk file that is not Kazakh (finding 8) --------------------------------------------


def test_the_russian_plan_given_as_kazakh_is_refused(project: Path, capsys) -> None:
    plan = target(project, "plan")
    before = plan.read_bytes()
    assert run(project, PLAN_SEED, "plan", "--kk", str(PLAN_SEED)) == 1
    assert capsys.readouterr().err == (
        "Импорт не выполнен, data/ не изменён:\n"
        f"  {PLAN_SEED}, строка 5: это не казахская редакция: нет грифа «БЕКІТЕМІН» (в файле — «УТВЕРЖДАЮ»); "
        "в --kk укажите файл казахской редакции\n")
    assert plan.read_bytes() == before


def test_russian_text_under_a_kazakh_heading_is_refused(project: Path, tmp_path: Path, capsys) -> None:
    """The schedule's Russian edition with «БЕКІТЕМІН» typed over its heading: the real
    Kazakh texts of schedule.yml must stay."""
    lines = SCHEDULE_SEED.read_text(encoding="utf-8").split("\n")
    ru, fake = tmp_path / "schedule-ru.txt", tmp_path / "schedule-kk.txt"
    ru.write_text("\n".join(lines[:37]), encoding="utf-8")
    fake.write_text("\n".join(lines[:37]).replace("УТВЕРЖДАЮ", "БЕКІТЕМІН"), encoding="utf-8")
    heading = next(n for n, line in enumerate(lines, 1) if "УТВЕРЖДАЮ" in line)
    schedule = target(project, "schedule")
    before = schedule.read_bytes()
    assert run(project, ru, "schedule", "--kk", str(fake)) == 1
    assert capsys.readouterr().err == (
        "Импорт не выполнен, data/ не изменён:\n"
        f"  {fake}, строка {heading}: казахская редакция написана не по-казахски: в её таблице нет букв ә, ғ, қ, ң, "
        "ө, ұ, ү, һ, і; проверьте, тот ли файл указан в --kk\n")
    assert schedule.read_bytes() == before


# --- deadlines far from the cycle's year (finding 10) ---------------------------------------


@pytest.mark.parametrize(("typed", "year"), [("01.07.2062г.", 2062), ("01.07.2025г. ", None), ("01.07.2024г.", 2024)])
def test_a_deadline_outside_the_cycles_year_is_warned(root: Path, tmp_path: Path, capsys, typed: str,
                                                      year: int | None) -> None:
    """Item 38's deadline retyped: 2025 is the year before the 2026 cycle (allowed), 2024
    and 2062 are not."""
    text = PLAN_SEED.read_text(encoding="utf-8")
    start = text.index("\n38.\t")
    source = tmp_path / "plan.txt"
    source.write_text(text[:start] + text[start:].replace("01.07.2026г. постоянно.", typed.strip() + " постоянно.", 1),
                      encoding="utf-8")
    assert run(root, source, "plan") == 0
    out = capsys.readouterr().out
    warning = (f"    {source}: пункт 38, «Срок исполнения»: «{typed.strip()} постоянно.» — {year} год, а цикл ВАКР 2026; проверьте "
               "год (ожидался 2025–2027)")
    assert (warning in out.splitlines()) == (year is not None), out


# --- a word cut by a page break (finding 9) ------------------------------------------------


def test_the_same_word_cut_twice_is_joined_twice_and_each_join_is_reported(root: Path, tmp_path: Path,
                                                                           capsys) -> None:
    """Item 9's executor cut like item 36's («Микрофинансова» | «я организация…»): the
    halves now occur twice, which must not make them words."""
    lines = PLAN_SEED.read_text(encoding="utf-8").split("\n")
    head, tail = lines[25].split("\t"), lines[27].split("\t")  # item 9 and its continuation
    assert head[4] == "ДЗО ТОО «Микрофинансовая организация «Almaty»" and tail[4] == ""
    head[4], tail[4] = "ДЗО ТОО «Микрофинансова", "я организация «Almaty»"
    lines[25], lines[27] = "\t".join(head), "\t".join(tail)
    source = tmp_path / "plan.txt"
    source.write_text("\n".join(lines), encoding="utf-8")

    assert run(root, source, "plan") == 0
    items = {i["number"]: i for i in imported(root, "plan")["items"]}
    for number in (9, 36):
        assert items[number]["executor"]["ru"] == "ДЗО ТОО «Микрофинансовая организация «Almaty»"
        assert items[number]["executor"]["organizations"] == ["mfo-almaty"]
    out = capsys.readouterr().out.splitlines()
    executor = "«Ответственный исполнитель, соисполнители»"
    for line, number in ((28, 9), (66, 36)):
        assert (f"    {source}, строка {line}: пункт {number}, {executor}: слово разорвано переносом страницы и "
                "соединено без пробела: «Микрофинансовая»") in out
    assert (f"    {source}, строка 28: пункт 9, «Рекомендации по итогам внутреннего анализа коррупционных рисков»: "
            "текст после разрыва страницы присоединён через пробел: «соответствие действующим»; если это одно "
            "слово, уберите пробел в файле данных") in out


# --- structure read from the layout (finding 10) -------------------------------------------

SECTION_2 = "<b>Проведение внутреннего анализа коррупционных рисков</b>\t\t\t"


def test_a_section_row_typed_in_another_column_is_a_section(root: Path, tmp_path: Path, capsys) -> None:
    """The second section's title in the «Виды работ» column, «№» empty: a section still,
    never glued into item 3 above it."""
    source = tmp_path / "schedule.txt"
    source.write_text(SCHEDULE_SEED.read_text(encoding="utf-8").replace(SECTION_2, "\t" + SECTION_2[:-1], 1),
                      encoding="utf-8")
    assert run(root, source, "schedule") == 0, capsys.readouterr().err
    assert target(root, "schedule").read_bytes() == (ROOT / "data/2026/schedule.yml").read_bytes()


def test_line_breaks_in_a_cell_stay_paragraphs(root: Path, tmp_path: Path, capsys) -> None:
    """Item 38's measure typed as three lines with Shift+Enter (<br> in the export)."""
    text = PLAN_SEED.read_text(encoding="utf-8")
    measure = ("Председателю Правления и курирующему руководителю ДЗО ТОО «Almaty Renovation» обеспечить контроль "
               "за исполнением структурными подразделениями мероприятий в соответствии с указанными рекомендациями "
               "на постоянной основе.")
    assert text.count(measure) == 1
    source = tmp_path / "plan.txt"
    source.write_text(text.replace(measure, "<p>Первый абзац.<br>Второй абзац.<br/>Третий абзац.</p>"), encoding="utf-8")
    assert run(root, source, "plan") == 0, capsys.readouterr().err
    item = imported(root, "plan")["items"][37]
    assert item["measure"]["ru"] == [{"p": "Первый абзац."}, {"p": "Второй абзац."}, {"p": "Третий абзац."}]


def test_docx_line_breaks_and_bold_from_a_style(root: Path, tmp_path: Path, capsys) -> None:
    """In Word: a w:br inside a cell's paragraph, and section titles bold by their paragraph
    style (the runs say nothing) — the data of the text export all the same."""
    from docx.enum.style import WD_STYLE_TYPE

    from test_import_docx import docx_from_export

    word = tmp_path / "schedule.docx"
    docx_from_export(SCHEDULE_SEED, word)
    document = docx.Document(str(word))
    heading = document.styles.add_style("Раздел", WD_STYLE_TYPE.PARAGRAPH)
    heading.font.bold = True
    titles = 0
    for table in document.tables:
        for row in table.rows:
            paragraph = row.cells[0].paragraphs[0]
            if paragraph.runs and paragraph.runs[0].bold:
                paragraph.style = heading
                for piece in paragraph.runs:
                    piece.bold = None
                titles += 1
    first = document.tables[0].rows[2].cells[1].paragraphs[0]  # item 1's work: one paragraph
    words = first.runs[0].text
    cut = words.index(" ", len(words) // 2)
    first.runs[0].text = words[:cut]
    first.runs[0].add_break()
    first.add_run(words[cut + 1:])
    document.save(str(word))
    assert titles == 4

    assert run(root, word, "schedule") == 0, capsys.readouterr().err
    item = imported(root, "schedule")["sections"][0]["items"][0]
    assert item["rows"][0]["work"]["ru"] == [{"p": words[:cut]}, {"p": words[cut + 1:]}]
    assert [s["title"]["ru"] for s in imported(root, "schedule")["sections"]] == [
        "Подготовка к проведению внутреннего анализа коррупционных рисков",
        "Проведение внутреннего анализа коррупционных рисков"]


# --- tables as Word makes them (finding 11) --------------------------------------------------


def test_column_numbers_and_repeated_heading_rows_are_not_items(root: Path, tmp_path: Path, capsys) -> None:
    """A «1 2 3 4 5 6» row under the heading, and the heading repeated where item 21 goes on
    after a page break: the same data as the document without them."""
    lines = PLAN_SEED.read_text(encoding="utf-8").split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("№\t"))
    page_break = next(i for i, line in enumerate(lines) if line.startswith("21.\t")) + 1
    assert lines[page_break] == ""
    lines[page_break + 1:page_break + 1] = [lines[heading]]
    lines[heading + 1:heading + 1] = ["\t".join(map(str, range(1, 7)))]
    source = tmp_path / "plan.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    assert run(root, source, "plan") == 0, capsys.readouterr().err
    assert target(root, "plan").read_bytes() == (ROOT / "data/2026/plan.yml").read_bytes()


def test_docx_with_words_automatic_numbering(root: Path, tmp_path: Path, capsys) -> None:
    """«№» numbered by Word (a numbered list style: no number in the cell's text)."""
    from test_import_docx import docx_from_export

    word = tmp_path / "plan.docx"
    docx_from_export(PLAN_SEED, word)
    document = docx.Document(str(word))
    numbered = 0
    for row in document.tables[0].rows:
        paragraph = row.cells[0].paragraphs[0]
        if re.fullmatch(r"\d+\.", paragraph.text):
            for piece in paragraph.runs:
                piece.text = ""
            paragraph.style = "List Number"
            numbered += 1
    document.save(str(word))
    assert numbered == 38
    assert run(root, word, "plan") == 0, capsys.readouterr().err
    assert target(root, "plan").read_bytes() == (ROOT / "data/2026/plan.yml").read_bytes()


# --- the command line speaks Russian (finding 11) -------------------------------------------


@pytest.mark.parametrize(("args", "problem"), [
    (["import", "plan.txt"], "не указано обязательное: --cycle, --kind"),
    (["import", "plan.txt", "--cycle", "2026", "--kind", "план"], "«план» не подходит для --kind; можно: plan, schedule"),
    (["check", "--force"], "лишнее в команде: --force"),
])
def test_a_mistyped_command_is_explained_in_russian(args: list[str], problem: str) -> None:
    result = subprocess.run([sys.executable, "-m", "vakr", *args], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    prog = "vakr import" if args[0] == "import" else "vakr"
    assert result.stderr == f"Команда не понята: {problem}\nСправка: {prog} --help\n"


def test_help_is_in_russian() -> None:
    result = subprocess.run([sys.executable, "-m", "vakr", "import", "--help"], capture_output=True, text=True,
                            check=True)
    assert result.stdout.startswith("Запуск: vakr import [-h] --cycle ГОД --kind {plan,schedule} [--kk ФАЙЛ]")
    assert not re.search(r"\b(usage|options|positional arguments|show this help)\b", result.stdout)


def test_angle_quotes_typed_as_less_and_greater_signs_are_kept(root: Path, tmp_path: Path, capsys) -> None:
    text = PLAN_SEED.read_text(encoding="utf-8")
    source = tmp_path / "plan.txt"
    source.write_text(text.replace("\tДЗО ТОО «Almaty Finance» (Алматы финанс)", "\tДЗО ТОО <<Almaty Finance>> "
                                   "(Алматы финанс)", 1), encoding="utf-8")
    assert run(root, source, "plan") == 0, capsys.readouterr().err
    item = imported(root, "plan")["items"][33]  # item 34's recommendation
    assert item["recommendation"]["ru"].startswith("ДЗО ТОО <<Almaty Finance>> (Алматы финанс) ")


def test_a_row_without_number_that_follows_no_page_break_is_reported(root: Path, tmp_path: Path, capsys) -> None:
    """«38.» forgotten in the last row: it is not a row continued on a new page (no break
    before it), so joining it to item 37 is said, not done silently."""
    lines = PLAN_SEED.read_text(encoding="utf-8").split("\n")
    last = next(i for i, line in enumerate(lines) if line.startswith("38.\t"))
    lines[last] = lines[last].removeprefix("38.")
    source = tmp_path / "plan.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    assert run(root, source, "plan") == 0, capsys.readouterr().err
    assert (f"    {source}, строка {last + 1}: строка без номера не после разрыва страницы присоединена к пункту 37; "
            "если это отдельный пункт, впишите его номер в «№»") in capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(("args", "message"), [
    (["import", "SOURCE=nowhere.txt", "KIND=plan", "CYCLE=2026"],
     "Импорт не выполнен, data/ не изменён:\n  nowhere.txt, строка 1: файл не найден\n"),
    (["import"], "Укажите документ, вид и год: make import SOURCE=план.docx KIND=plan CYCLE=2026 (KIND: plan или "
                 "schedule; KK=казахская редакция, если она в отдельном файле)\n"),
    (["forms"], "Укажите год: make forms CYCLE=2026\n"),
    (["reports", "SOURCE=nowhere.xlsx", "DRY=1"], None),
])
def test_make_shows_our_message_and_no_noise_of_its_own(args: list[str], message: str | None) -> None:
    """A make command that fails: the officer reads our Russian message and nothing else (no
    «make: *** [Makefile:…] Error 1» under it); the exit status says it failed."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}  # as typed
    result = subprocess.run(["make", "-o", ".venv/.installed", *args], cwd=ROOT, capture_output=True,
                            text=True, check=False, env=env)
    if message is None:  # the command's own message, whatever its words: make adds nothing
        output = result.stdout + result.stderr
        assert result.returncode != 0 and "nowhere.xlsx" in output and "make:" not in output
        return
    assert result.returncode != 0
    assert (result.stdout, result.stderr) == ("", message)


def test_a_full_row_without_number_after_a_page_break_is_reported(root: Path, tmp_path: Path, capsys) -> None:
    """Schedule item 4's second row fills every column, so it is a row of its own; after a
    page break it might be the first row continued: taken as a row, and said so."""
    lines = SCHEDULE_SEED.read_text(encoding="utf-8").split("\n")
    second = next(i for i, line in enumerate(lines) if line.startswith("\t<p>2) Выявление"))
    assert lines[second - 1].startswith("4.\t")
    assert run(root, SCHEDULE_SEED, "schedule") == 0
    assert "предупреждений нет" in capsys.readouterr().out  # no page break before it in the approved document
    lines[second:second] = [""]
    source = tmp_path / "schedule.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    assert run(root, source, "schedule") == 0, capsys.readouterr().err
    assert (f"    {source}, строка {second + 2}: пункт 4: строка без номера после разрыва страницы заполнена во всех "
            "столбцах и принята как ещё одна строка пункта; если это продолжение строки выше, перенесите её текст в "
            "ту строку") in capsys.readouterr().out.splitlines()
    assert target(root, "schedule").read_bytes() == (ROOT / "data/2026/schedule.yml").read_bytes()


@pytest.mark.parametrize(("code", "said"), [(errno.EACCES, "нет прав доступа к файлу или папке"),
                                            (errno.EIO, "ошибка чтения или записи диска")])
def test_a_file_the_system_cannot_read_is_explained_in_russian(root: Path, tmp_path: Path, capsys, code: int,
                                                               said: str, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "plan.txt"
    shutil.copy(PLAN_SEED, source)
    read_bytes = Path.read_bytes

    def refused(self: Path) -> bytes:
        if self == source:
            raise OSError(code, os.strerror(code), str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refused)
    assert run(root, source, "plan") == 1
    assert capsys.readouterr().err == f"Импорт не выполнен, data/ не изменён:\n  {source}: {said}\n"
