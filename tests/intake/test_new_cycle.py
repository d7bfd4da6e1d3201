"""`vakr new-cycle 2027` (`make cycle`): the files a cycle starts with load, build and are
announced on the home page (not shown as current before the period); each takes an entry
appended at its end, as README tells the officer (its own commented example, uncommented);
a folder that exists, a wrong date or a wrong year is refused in Russian with nothing written."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bench.workspace import project_copy
from conftest import Site, build_site, commented_example, copy_data
from vakr.cli import main
from vakr.ingest.load import load_site

EPOCH_2026_12_01 = "1796065200"  # 01.12.2026 06:00 in Almaty
PERIOD = ["--start", "13.04.2027", "--end", "26.05.2027"]


def new_cycle(root: Path, year: str = "2027", period: list[str] = PERIOD) -> int:
    return main(["--root", str(root), "new-cycle", year, *period])


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def test_the_new_cycles_files_load_in_their_appendable_form(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    copy_data(tmp_path)
    assert new_cycle(tmp_path) == 0
    out = capsys.readouterr().out
    assert out.startswith("Создана папка data/2027/: cycle.yml, monitoring.yml, publications.yml.")
    assert "Ошибок в data/ нет: циклов ВАКР 2" in out
    folder = tmp_path / "data" / "2027"
    assert sorted(p.name for p in folder.iterdir()) == ["cycle.yml", "monitoring.yml", "publications.yml"]
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "{}" not in text.replace("{ru:", "").replace("}}", "")  # no `plan: {}` to trip over
        assert text.startswith(f"# yaml-language-server: $schema=../../schema/{path.stem}.schema.json\n")
    sections = [line.split(":")[0] for line in (folder / "publications.yml").read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")]
    assert sections == ["schedule", "plan", "discussion", "report", "positions", "announcements"]
    cycle = load_site(tmp_path / "data").cycle("2027")
    assert (cycle.info.period.start.isoformat(), cycle.info.period.end.isoformat()) == ("2027-04-13", "2027-05-26")
    assert not cycle.info.draft and cycle.publications is not None and cycle.monitoring is not None


def test_an_entry_appended_at_the_end_of_each_file_is_read(tmp_path: Path) -> None:
    """The officer copies each file's commented example to its end and removes the «#»."""
    copy_data(tmp_path)
    assert new_cycle(tmp_path) == 0
    folder = tmp_path / "data" / "2027"
    for name, title in (("cycle.yml", "Необязательно"), ("monitoring.yml", "Пример отчёта"),
                        ("publications.yml", "Пример новости")):
        path = folder / name
        append(path, commented_example(path.read_text(encoding="utf-8"), title))
    cycle = load_site(tmp_path / "data").cycle("2027")
    assert cycle.info.draft and cycle.info.monitored_months == 12  # the lines under the period: both settings
    assert cycle.monitoring is not None and [r.text.ru for r in cycle.monitoring.plan[17]] == [
        "Проект приказа направлен на согласование"]
    assert cycle.publications is not None and [a.id for a in cycle.publications.announcements] == ["vstrecha-2027"]


@pytest.mark.parametrize(("year", "period", "message"), [
    ("2026", PERIOD, "Папка цикла не создана: папка data/2026/ уже есть: её файлы не изменены."),
    ("2028", ["--start", "31.02.2028", "--end", "26.05.2028"],
     "Папка цикла не создана:\n  data/2028/cycle.yml, строка 4, поле «period.start»: такой даты не существует: «31.02.2028»"),
    ("2028", ["--start", "26.05.2028", "--end", "13.04.2028"], "конец периода (end) раньше его начала (start)"),
    ("27", PERIOD, "Папка цикла не создана: «27» — не год: укажите четыре цифры, например 2027."),
])
def test_refused_with_nothing_written(tmp_path: Path, capsys, year: str, period: list[str],  # type: ignore[no-untyped-def]
                                      message: str) -> None:
    data = copy_data(tmp_path)
    before = {p: p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}
    assert new_cycle(tmp_path, year, period) == 1
    assert message in capsys.readouterr().err
    assert {p: p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()} == before
    assert sorted(p.name for p in data.iterdir() if p.is_dir()) == ["2026"]  # no half-made folder left


def test_make_cycle_asks_for_the_year_and_the_period() -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(["make", "--no-print-directory", "cycle", "YEAR=2027"], cwd=root, capture_output=True,
                            text=True, check=False, env={**os.environ, "MAKEFLAGS": ""})
    assert result.returncode != 0
    assert result.stderr.strip() == ("Укажите год и период ВАКР по плану-графику: "
                                     "make cycle YEAR=2027 START=13.04.2027 END=26.05.2027")
    assert not (root / "data" / "2027").exists()


@pytest.mark.parametrize(("lang", "announced", "stage"), [
    ("", "Предстоящий ВАКР 2027", "На каком этапе ВАКР 2026"),
    ("kk/", "Алдағы ВАКР 2027", "ВАКР 2026 қазір қай кезеңде"),
])
def test_the_site_announces_the_new_cycle(tmp_path_factory: pytest.TempPathFactory, lang: str, announced: str,
                                          stage: str) -> None:
    site = _built_with_2027(tmp_path_factory)
    page = site.page(lang)
    assert [" ".join(h.get_text().split()) for h in page.select("section.vakr-stage h2")] == [stage]
    notice = page.select_one("section.vakr-announced")
    assert notice is not None and " ".join(notice.h2.get_text().split()) == announced
    assert site.page(f"{lang}2027/").select_one("h1") is not None


_BUILT: dict[str, Site] = {}


def _built_with_2027(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """One build (of both languages) for the parameters: `make cycle`, then `make build`."""
    if "site" not in _BUILT:
        root = project_copy(tmp_path_factory.mktemp("new-cycle") / "vakr")
        assert new_cycle(root) == 0
        result = build_site(root / "site", root, env={"SOURCE_DATE_EPOCH": EPOCH_2026_12_01})
        assert result.returncode == 0, result.stdout + result.stderr
        _BUILT["site"] = Site(root / "site")
    return _BUILT["site"]
