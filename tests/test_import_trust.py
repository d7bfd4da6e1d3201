"""The importer on inputs that used to corrupt data silently (issue «Trust the input»,
findings 7–11): nothing is written unless the whole of data/ passes with the new file, the
file keeps its mode, and each refusal says what to do in Russian."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from test_import import PLAN_SEED, ROOT, run, target


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
