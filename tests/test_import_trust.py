"""The importer on inputs that used to corrupt data silently (issue «Trust the input»,
findings 7–11): nothing is written unless the whole of data/ passes with the new file, the
file keeps its mode, and each refusal says what to do in Russian."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

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
                   f"  data/2026/risks.yml, строка {line}, поле «risks[36].plan_items[0]»: в плане мероприятий нет "
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
        f"  {PLAN_SEED}, строка 1: это не казахская редакция: нет грифа «БЕКІТЕМІН» (в файле — «УТВЕРЖДАЮ»); "
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
    warning = (f"    {source}: пункт 38: срок «{typed.strip()} постоянно.» — {year} год, а цикл ВАКР 2026; проверьте "
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
