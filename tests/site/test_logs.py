"""What `make check` and `make build` print is true, read from their real output: check says
what it checked and, on errors, that it did not pass (never that a site was or was not built);
a build prints each note once, dates itself where the date comes from, and has no theme warning
(«Template skipped: '404.html' generated empty output» was printed by every build)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from bench.workspace import ROOT, project_copy


def make_project(target: Path) -> Path:
    """A project copy `make` runs in, with the repository's set-up venv."""
    root = project_copy(target)
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, root / name)
    (root / ".venv").symlink_to(ROOT / ".venv")
    return root


def make(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "MAKEFLAGS", "SITE_URL")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=root, capture_output=True, text=True,
                          check=False, env=env)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("logs") / "vakr")


def test_make_check_on_good_data_says_what_it_checked(project: Path) -> None:
    result = make(project, "check")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ВАКР 2026, kk: переведено пунктов плана")
    assert re.fullmatch(r"Состояние исполнения будет показано на \d\d\.\d\d\.\d{4} \(дата сборки\)\.", lines[-2])
    assert lines[-1] == "Ошибок в data/ нет: циклов ВАКР 1, организаций 12"
    assert "собран" not in result.stdout  # nothing was built, nothing is said about a site


def test_make_check_on_broken_data_lists_the_errors_and_says_it_did_not_pass(project: Path) -> None:
    cycle = project / "data" / "2026" / "cycle.yml"
    good = cycle.read_text(encoding="utf-8")
    cycle.write_text(good.replace("start: 13.04.2026", "start: 31.04.2026"), encoding="utf-8")
    try:
        result = make(project, "check")
    finally:
        cycle.write_text(good, encoding="utf-8")
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "Ошибки в данных (1):",
        "  data/2026/cycle.yml, строка 4, поле «period.start»: такой даты не существует: «31.04.2026»",
        "Проверка data/ не пройдена: исправьте ошибки выше и запустите make check снова "
        "(сайт с такими данными не соберётся).",
    ]


def test_make_build_log_says_each_thing_once_and_has_no_theme_warning(project: Path) -> None:
    result = make(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    log = result.stdout + result.stderr
    assert "WARNING" not in log and "Template skipped" not in log, log
    for line in ("ВАКР 2026, kk: переведено пунктов плана", "Состояние исполнения", "Ошибок в data/ нет"):
        assert log.count(line) == 1, (line, log)
    assert "SOURCE_DATE_EPOCH" not in log  # not set: the build never says it was
    assert "Состояние исполнения будет показано на" in log and f"Сайт собран: {project / 'site'}" in log
