"""Damaged data must be reported to the compliance officer, never crash the build.

Each case copies the real `data/` folder, breaks one file with one small textual edit, and
checks that `load_site` raises `DataErrors` naming the file, the 1-based line (computed
from the edited text, not hard-coded), the field path and the problem in Russian.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import copy_data, load_errors
from vakr.domain.errors import DataError, DataErrors
from vakr.ingest.load import load_site

DATA = Path(__file__).resolve().parents[2] / "data"

PLAN, SCHEDULE, CYCLE, ORGS = "2026/plan.yml", "2026/schedule.yml", "2026/cycle.yml", "organizations.yml"
RISKS, DIRECTIONS, MATRIX = "2026/risks.yml", "directions.yml", "risk-matrix.yml"
RISK6 = "  - id: R06\n"  # `risks[5]`: organizations, direction, plan_items, description

# Plan item 4 is `items[4]` (positions count from 1); its lines, in order: number, recommendation (+ru), measure
# (+ru), executor, executor.ru, executor.organizations, deadline, kind, date, source.
ITEM4 = "\n- number: 4\n"
ITEM4_EXECUTOR_RU = "    ru: Курирующие руководителям и структурные подразделения ДУЧР АО «СПК «Алматы» и ДЗО\n"
ITEM4_ORGS = "[spk, spk-hr, almaty-finance, mfo-almaty, almaty-renovation, industrial-zone]"
# Schedule item 4 (`sections[1].items[0]`) has the only `range` deadline and rich text.
SCHEDULE_ITEM4_ROW = "sections[2].items[1].rows[1]"

Edit = Callable[[str], str]
LineOf = Callable[[str], int]
Words = tuple["str | Callable[[str], str]", ...]  # callables get the edited text

DELETE = "delete the file"


# --- building the cases -----------------------------------------------------------------


def replace(old: str, new: str, *, after: str | None = None) -> Edit:
    """Replace the first `old` found after the first `after` (the whole text if None)."""

    def edit(text: str) -> str:
        start = _index(text, after, 0) if after else 0
        at = _index(text, old, start)
        return text[:at] + new + text[at + len(old):]

    return edit


def chain(*edits: Edit) -> Edit:
    def edit(text: str) -> str:
        for step in edits:
            text = step(text)
        return text

    return edit


def line_of(needle: str, *, after: str | None = None, nth: int = 1) -> LineOf:
    """The 1-based line where the `nth` occurrence of `needle` (after `after`) starts."""

    def find(text: str) -> int:
        pos = _index(text, needle, _index(text, after, 0) if after else 0)
        for _ in range(nth - 1):
            pos = _index(text, needle, pos + 1)
        return text.count("\n", 0, pos) + 1

    return find


def first_line(_: str) -> int:
    return 1


def first_non_ascii_line(text: str) -> int:
    pos = next(i for i, ch in enumerate(text) if ord(ch) > 127)
    return text.count("\n", 0, pos) + 1


def _index(text: str, needle: str, start: int) -> int:
    at = text.find(needle, start)
    assert at >= 0, f"test data changed: {needle!r} not found; update the case"
    return at


@dataclass(frozen=True)
class Case:
    id: str
    file: str  # relative to data/
    edit: Edit | str  # a text edit, or DELETE
    line: LineOf  # computed from the edited text
    field: str | None
    words: Words  # all must occur in the message (callables get the edited text)
    encoding: str = "utf-8"  # how the edited text is written back
    only: bool = False  # this must be the one and only error reported

    def param(self):  # type: ignore[no-untyped-def]
        return pytest.param(self, id=self.id)


CASES = [
    # --- YAML syntax --------------------------------------------------------------------
    Case(
        "yaml-syntax-bad-indentation", PLAN,
        replace("    date: 01.08.2026\n", "     date: 01.08.2026\n", after=ITEM4),
        line_of("     date: 01.08.2026"), None, ("ошибка синтаксиса YAML",),
    ),
    Case(
        "yaml-syntax-unclosed-quote", PLAN,
        replace(ITEM4_EXECUTOR_RU, ITEM4_EXECUTOR_RU.replace("ru: ", "ru: '"), after=ITEM4),
        line_of("    ru: 'Курирующие"), None, ("ошибка синтаксиса YAML", "кавычк"),
    ),
    Case(
        "yaml-syntax-unclosed-bracket", PLAN,
        replace(ITEM4_ORGS, ITEM4_ORGS.rstrip("]"), after=ITEM4),
        line_of("    organizations: [spk, spk-hr,", after=ITEM4), None, ("ошибка синтаксиса YAML", "скобк"),
    ),
    Case(
        "yaml-syntax-colon-in-text", PLAN,
        replace(ITEM4_EXECUTOR_RU, ITEM4_EXECUTOR_RU.replace("ru: ", "ru: Исполнитель: "), after=ITEM4),
        line_of("    ru: Исполнитель: "), None, ("ошибка синтаксиса YAML", "кавычк"),
    ),
    Case(
        "yaml-syntax-tab-indent", PLAN,
        replace("    kind: date\n", "\tkind: date\n", after=ITEM4),
        line_of("\tkind: date"), None, ("ошибка синтаксиса YAML", "табуляц"),
    ),
    Case(
        "empty-file", CYCLE, lambda text: "# пусто\n",
        first_line, None, ("файл пуст",),
    ),
    # --- wrong types --------------------------------------------------------------------
    Case(
        "list-where-text-expected", PLAN,
        replace(ITEM4_EXECUTOR_RU, "    ru:\n    - Курирующие руководители\n    - ДЗО\n", after=ITEM4),
        line_of("    ru:\n    - Курирующие руководители"), "items[4].executor.ru", ("ожидался текст",),
    ),
    Case(
        "text-where-number-expected", PLAN,
        replace(ITEM4, "\n- number: четыре\n"),
        line_of("- number: четыре"), "items[4].number", ("ожидалось целое число", "«четыре»"),
    ),
    Case(
        "number-below-one", PLAN,
        replace(ITEM4, "\n- number: 0\n"),
        line_of("- number: 0\n"), "items[4].number", ("не меньше 1",),
    ),
    Case(
        "text-where-list-expected", PLAN,
        replace(ITEM4_ORGS, "spk-hr", after=ITEM4),
        line_of("    organizations: spk-hr\n"), "items[4].executor.organizations", ("ожидался список",),
    ),
    Case(
        "mapping-where-rich-text-expected", PLAN,
        replace("  recommendation:\n    ru: ", "  recommendation:\n    ru:\n      p: ", after=ITEM4),
        line_of("    ru:\n      p: "), "items[4].recommendation.ru",
        ("ожидался текст или список абзацев (p) и списков (ul)",),
    ),
    Case(
        "text-where-deadline-mapping-expected", PLAN,
        replace("  deadline:\n    kind: date\n    date: 01.08.2026\n    source:\n      ru: 01.08.2026г.\n",
                "  deadline: 01.08.2026\n", after=ITEM4),
        line_of("  deadline: 01.08.2026"), "items[4].deadline", ("ожидался набор полей",),
    ),
    # --- unknown keys -------------------------------------------------------------------
    Case(
        "unknown-key-misspelt", PLAN,
        replace("  recommendation:", "  recomendation:", after=ITEM4),
        line_of("  recomendation:"), "items[4].recomendation",
        ("неизвестное поле «recomendation»",
         "допустимые поля: number, recommendation, measure, completion_form, executor, deadline"),
    ),
    Case(
        "unknown-key-top-level", PLAN,
        replace("\ntitle:\n", "\ntitel:\n"),
        line_of("titel:"), "titel",
        ("неизвестное поле «titel»", "допустимые поля: kk_approved, approval, title, columns, items, control"),
    ),
    Case(
        "unknown-key-in-rich-text-block", SCHEDULE,
        replace("- p: '1) Анализ документов:'", "- q: '1) Анализ документов:'"),
        line_of("- q: '1) Анализ документов:'"), f"{SCHEDULE_ITEM4_ROW}.work.ru[1].q",
        ("неизвестное поле «q»", "допустимые поля: p, ul"),
        only=True,
    ),
    # --- references to organizations ----------------------------------------------------
    Case(
        "unknown-organization-in-plan", PLAN,
        replace("[spk, spk-hr,", "[spk, spk-hrr,", after=ITEM4),
        line_of("    organizations: [spk, spk-hrr,"), "items[4].executor.organizations[2]",
        ("неизвестная организация «spk-hrr»", "spk-hr", "data/organizations.yml"),
    ),
    Case(
        "unknown-organization-in-schedule", SCHEDULE,
        replace("compliance, almaty-finance, mfo-almaty,", "compliance, almaty-finance, mfo-almatyy,"),
        line_of("mfo-almatyy"), "sections[1].items[1].rows[1].responsible.organizations[3]",
        ("неизвестная организация «mfo-almatyy»",),
    ),
    Case(
        "unknown-organization-in-yaml-anchor-reported-once", SCHEDULE,
        chain(replace("organizations: [compliance, almaty-finance, mfo-almaty,",
                      "organizations: &orgs [compliance, almaty-finance, mfo-almatyy,"),
              replace("organizations: [compliance, almaty-finance, mfo-almaty, almaty-renovation, industrial-zone]",
                      "organizations: *orgs", after="number: 2")),
        line_of("mfo-almatyy"), "sections[1].items[1].rows[1].responsible.organizations[3]",
        ("неизвестная организация «mfo-almatyy»",),
        only=True,
    ),
    Case(
        "unknown-parent-organization", ORGS,
        replace("parent: almaty-finance\n", "parent: almaty-financ\n"),
        line_of("parent: almaty-financ\n"), "organizations[12].parent",
        ("неизвестная организация «almaty-financ»",),
    ),
    Case(
        "duplicate-organization-id", ORGS,
        replace("id: spk-assets\n", "id: spk-hr\n"),
        line_of("id: spk-hr\n", nth=2), "organizations[11].id", ("повторяющийся id «spk-hr»",),
    ),
    Case(
        "wrong-organization-kind", ORGS,
        replace("kind: department\n", "kind: departament\n"),
        line_of("kind: departament"), "organizations[6].kind",
        ("ожидалось одно из значений: company, subsidiary, department", "«departament»"),
    ),
    # --- item numbers -------------------------------------------------------------------
    Case(
        "duplicate-number-in-plan", PLAN,
        replace("\n- number: 5\n", "\n- number: 4\n"),
        line_of("- number: 4\n", nth=2), "items[5].number",
        ("номер пункта 4 уже использован",
         lambda text: f"в строке {line_of('- number: 4' + chr(10))(text)}"),
    ),
    Case(
        "duplicate-number-in-schedule", SCHEDULE,
        replace("\n  - number: 5\n", "\n  - number: 4\n"),
        line_of("  - number: 4\n", nth=2), "sections[2].items[2].number",
        ("номер пункта 4 уже использован",
         lambda text: f"в строке {line_of('  - number: 4' + chr(10))(text)}"),
    ),
    # --- dates and deadlines ------------------------------------------------------------
    Case(
        "impossible-date", PLAN,
        replace("    date: 01.08.2026\n", "    date: 30.02.2026\n", after=ITEM4),
        line_of("    date: 30.02.2026"), "items[4].deadline.date", ("такой даты не существует", "30.02.2026"),
    ),
    Case(
        "impossible-iso-date", PLAN,
        replace("    date: 01.08.2026\n", "    date: 2026-02-30\n", after=ITEM4),
        line_of("    date: 2026-02-30"), "items[4].deadline.date", ("такой даты не существует", "2026-02-30"),
    ),
    Case(
        "badly-formatted-date", PLAN,
        replace("    date: 01.08.2026\n", "    date: 1 августа 2026\n", after=ITEM4),
        line_of("    date: 1 августа 2026"), "items[4].deadline.date", ("ожидалась дата в виде ДД.ММ.ГГГГ",),
    ),
    Case(
        "impossible-approval-date", PLAN,
        replace("  date: 13.05.2026\n", "  date: 31.04.2026\n"),
        line_of("  date: 31.04.2026"), "approval.date", ("такой даты не существует", "31.04.2026"),
    ),
    Case(
        "range-end-before-start", SCHEDULE,
        replace("        end: 26.05.2026\n", "        end: 01.04.2026\n"),
        line_of("      deadline:\n        kind: range"), f"{SCHEDULE_ITEM4_ROW}.deadline",
        ("конец периода (end) раньше его начала (start)",),
    ),
    Case(
        "range-missing-end", SCHEDULE,
        replace("        end: 26.05.2026\n", ""),
        line_of("      deadline:\n        kind: range"), f"{SCHEDULE_ITEM4_ROW}.deadline.end",
        ("обязательное поле отсутствует",),
    ),
    Case(
        "cycle-period-end-before-start", CYCLE,
        replace("  end: 26.05.2026\n", "  end: 01.04.2026\n"),
        line_of("period:"), "period", ("конец периода (end) раньше его начала (start)",),
    ),
    Case(
        "unknown-deadline-kind", PLAN,
        replace("    kind: date\n", "    kind: weekly\n", after=ITEM4),
        line_of("    kind: weekly"), "items[4].deadline.kind",
        ("неизвестное значение «weekly»", "date, range, permanent, daily, immediately, none"),
    ),
    Case(
        "missing-deadline-kind", PLAN,
        replace("    kind: date\n", "", after=ITEM4),
        line_of("  deadline:", after=ITEM4), "items[4].deadline.kind", ("не указано поле «kind»",),
    ),
    # --- required and empty text --------------------------------------------------------
    Case(
        "missing-russian-text-rich", SCHEDULE,
        replace("        ru: Утверждение графика проведения внутреннего анализа коррупционных рисков\n", ""),
        line_of("    - work:"), "sections[1].items[1].rows[1].work.ru", ("обязательное поле отсутствует",),
    ),
    Case(
        "missing-russian-text-plain", SCHEDULE,
        replace("    ru: Подготовка к проведению внутреннего анализа коррупционных рисков\n", ""),
        line_of("- title:"), "sections[1].title.ru", ("обязательное поле отсутствует",),
    ),
    Case(
        "missing-required-field", PLAN,
        replace("  measure:\n    ru: ", "  completion_form:\n    ru: ", after=ITEM4),
        line_of(ITEM4.strip("\n") + "\n"), "items[4].measure", ("обязательное поле отсутствует",),
    ),
    Case(
        "empty-text", PLAN,
        replace(ITEM4_EXECUTOR_RU, "    ru: ''\n", after=ITEM4),
        line_of("    ru: ''"), "items[4].executor.ru", ("текст не может быть пустым",),
    ),
    Case(
        "blank-text", PLAN,
        replace(ITEM4_EXECUTOR_RU, "    ru:\n", after=ITEM4),
        line_of("    ru:\n", after=ITEM4), "items[4].executor.ru", ("ожидался текст",),
    ),
    Case(
        "empty-paragraph-in-rich-text", SCHEDULE,
        replace("- p: '1) Анализ документов:'", "- p: ''"),
        line_of("- p: ''"), f"{SCHEDULE_ITEM4_ROW}.work.ru[1].p", ("текст не может быть пустым",),
        only=True,
    ),
    # --- encoding and duplicate keys ----------------------------------------------------
    Case(
        "not-utf8", PLAN, lambda text: text,
        first_non_ascii_line, None, ("UTF-8",),
        encoding="cp1251",
    ),
    Case(
        "duplicate-key", PLAN,
        replace("    date: 01.08.2026\n", "    date: 01.08.2026\n    date: 02.08.2026\n", after=ITEM4),
        line_of("    date: 02.08.2026"), "items[4].deadline.date", ("поле указано дважды",),
    ),
    Case(
        "duplicate-key-top-level", CYCLE,
        replace("  end: 26.05.2026\n", "  end: 26.05.2026\n  start: 14.04.2026\n"),
        line_of("  start: 14.04.2026"), "period.start", ("поле указано дважды",),
    ),
    # --- missing files ------------------------------------------------------------------
    Case(
        "missing-cycle-file", CYCLE, DELETE,
        first_line, None, ("файл не найден", "cycle.yml"),
        only=True,
    ),
    Case(
        "missing-organizations-file", ORGS, DELETE,
        first_line, None, ("файл не найден", "справочник организаций"),
        only=True,
    ),
    # --- cartogram ----------------------------------------------------------------------
    Case(
        "risk-unknown-direction", RISKS,
        replace("    direction: personnel\n", "    direction: hr\n", after=RISK6),
        line_of("    direction: hr"), "risks[6].direction", ("неизвестное направление «hr»", "personnel"),
    ),
    Case(
        "risk-unknown-organization", RISKS,
        replace("[almaty-finance]", "[almaty-financ]", after=RISK6),
        line_of("[almaty-financ]"), "risks[6].organizations[1]", ("неизвестная организация «almaty-financ»",),
    ),
    Case(
        "risk-unknown-plan-item", RISKS,
        replace("    plan_items: [6]\n", "    plan_items: [6, 99]\n", after=RISK6),
        line_of("[6, 99]"), "risks[6].plan_items[2]", ("нет пункта 99", "1–38"),
    ),
    Case(
        "risk-score-outside-scale", RISKS,
        replace("    plan_items: [6]\n", "    plan_items: [6]\n    likelihood: 6\n    impact: 2\n", after=RISK6),
        line_of("    likelihood: 6"), "risks[6].likelihood", ("оценка 6 вне шкалы", "от 1 до 5"),
    ),
    Case(
        "risk-likelihood-without-impact", RISKS,
        replace("    plan_items: [6]\n", "    plan_items: [6]\n    likelihood: 3\n", after=RISK6),
        line_of("- id: R06"), "risks[6]", ("вероятность (likelihood) и влияние (impact) указываются вместе",),
    ),
    Case(
        "risk-duplicate-id", RISKS,
        replace("  - id: R07\n", "  - id: R06\n"),
        line_of("  - id: R06", nth=2), "risks[7].id", ("id риска «R06» уже использован",),
    ),
    Case(
        "risk-impossible-update-date", RISKS,
        replace("updated: 21.11.2026", "updated: 31.11.2026"),
        line_of("updated: 31.11.2026"), "updated", ("такой даты не существует",),
    ),
    Case(
        "direction-unknown-map", DIRECTIONS,
        replace("    map: npa\n", "    map: legal\n"),
        line_of("    map: legal"), "directions[1].map", ("ожидалось одно из значений", "npa"),
    ),
    Case(
        "matrix-unknown-level", MATRIX,
        replace("  5: [medium, high,   high,   critical, critical]", "  5: [medium, high,   high,   critical, severe]"),
        line_of("  5: [medium"), "grid[5]", ("неизвестные уровни в grid: severe",),
    ),
    Case(
        "matrix-short-row", MATRIX,
        replace("  3: [low,    medium, medium, high,     high]", "  3: [low,    medium, medium, high]"),
        line_of("  3: [low"), "grid[3]", ("в строке grid 3 должно быть 5 уровней",),
    ),
]

# pydantic's own (English) wording must never reach the officer.
PYDANTIC_ENGLISH = re.compile(
    r"Input should|Field required|Extra inputs|Value error|should have|Keys should|"
    r"Unable to extract|does not match|Assertion failed|validation error",
)


# --- helpers ----------------------------------------------------------------------------


def _damage(data: Path, case: Case) -> str:
    """Apply the case's edit; return the edited text ('' for a deleted file)."""
    path = data / case.file
    if case.edit == DELETE:
        path.unlink()
        return ""
    assert callable(case.edit)
    text = case.edit(path.read_text(encoding="utf-8"))
    path.write_bytes(text.encode(case.encoding))
    return text


def _listing(errors: list[DataError]) -> str:
    return "\n".join(f"  {e.file!r} {e.line} {e.field!r}: {e.message}" for e in errors)


def _expect(errors: list[DataError], file: str, line: int, field: str | None, words: list[str]) -> DataError:
    """The error at file/line/field whose message holds every word; fail with the list."""
    here = [e for e in errors if (e.file, e.line, e.field) == (file, line, field)]
    assert here, f"no error at {file}, line {line}, field {field!r}; got:\n{_listing(errors)}"
    for e in here:
        if all(word in e.message for word in words):
            return e
    raise AssertionError(f"no message at {file}:{line} {field!r} contains all of {words}; got:\n{_listing(here)}")


# --- the table --------------------------------------------------------------------------


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_damaged_data_is_reported(tmp_path: Path, case: Case) -> None:
    data = copy_data(tmp_path)
    text = _damage(data, case)
    errors = load_errors(data)

    file = f"data/{case.file}"
    words = [w(text) if callable(w) else w for w in case.words]
    error = _expect(errors, file, case.line(text), case.field, words)

    if case.only:
        assert errors == [error], f"expected exactly one error; got:\n{_listing(errors)}"
    for e in errors:
        assert e.file.startswith("data/"), e
        assert e.line >= 1, e
        assert not PYDANTIC_ENGLISH.search(e.message), f"pydantic's English wording: {e}"
    where = f"{file}, строка {case.line(text)}"
    assert str(error) == (f"{where}, поле «{case.field}»: " if case.field else f"{where}: ") + error.message


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


def test_each_edit_changes_its_file() -> None:
    """Guard the table itself: an edit that silently does nothing would test nothing."""
    for case in CASES:
        if case.edit == DELETE:
            assert (DATA / case.file).exists(), case.id
            continue
        assert callable(case.edit)
        original = (DATA / case.file).read_text(encoding="utf-8")
        edited = case.edit(original)
        assert edited != original or case.encoding != "utf-8", case.id


# --- the real data, several errors, formatting ------------------------------------------


def test_unmodified_data_loads() -> None:
    site = load_site(DATA)
    assert [c.year for c in site.cycles] == ["2026"]
    cycle = site.current
    assert cycle.plan is not None and cycle.schedule is not None
    assert len(cycle.plan.items) == 38
    assert len(cycle.schedule.items()) == 12
    assert [i.number for i in cycle.plan.items] == list(range(1, 39))
    assert [i.number for i in cycle.schedule.items()] == list(range(1, 13))
    assert "spk" in site.organizations


def test_unmodified_copy_loads(tmp_path: Path) -> None:
    """The copy the cases start from is itself valid: every error comes from the edit."""
    site = load_site(copy_data(tmp_path))
    assert len(site.current.plan.items) == 38  # type: ignore[union-attr]


def test_several_errors_in_one_file_are_reported_at_once(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / PLAN
    text = chain(
        replace("    date: 01.08.2026\n", "    date: 30.02.2026\n", after=ITEM4),
        replace("  measure:", "  mesure:", after="\n- number: 7\n"),
        replace("\n- number: 9\n", "\n- number: девять\n"),
        replace("  recommendation:\n    ru: ", "  recommendation:\n    ru: ''\n    x: ", after="\n- number: 20\n"),
    )(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    errors = load_errors(data)

    file = f"data/{PLAN}"
    _expect(errors, file, line_of("    date: 30.02.2026")(text), "items[4].deadline.date", ["такой даты не существует"])
    _expect(errors, file, line_of("  mesure:")(text), "items[7].mesure", ["неизвестное поле «mesure»"])
    _expect(errors, file, line_of("- number: 7\n")(text), "items[7].measure", ["обязательное поле отсутствует"])
    _expect(errors, file, line_of("- number: девять")(text), "items[9].number", ["ожидалось целое число"])
    _expect(errors, file, line_of("    ru: ''")(text), "items[20].recommendation.ru", ["текст не может быть пустым"])
    _expect(errors, file, line_of("    x: ")(text), "items[20].recommendation.x", ["неизвестное поле «x»"])
    # reported in file order, so the officer can work down the file
    assert [e.line for e in errors] == sorted(e.line for e in errors)
    assert "Ошибки в данных (" in str(DataErrors(errors))


def test_errors_in_several_files_are_reported_at_once(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edits = {
        PLAN: replace("    date: 01.08.2026\n", "    date: 30.02.2026\n", after=ITEM4),
        SCHEDULE: replace("\n  - number: 5\n", "\n  - number: 4\n"),
        ORGS: replace("parent: almaty-finance\n", "parent: almaty-financ\n"),
        CYCLE: replace("  start: 13.04.2026\n", "  start: 13.4.2026\n"),
    }
    texts = {}
    for name, edit in edits.items():
        texts[name] = edit((data / name).read_text(encoding="utf-8"))
        (data / name).write_text(texts[name], encoding="utf-8")
    errors = load_errors(data)

    _expect(errors, f"data/{PLAN}", line_of("    date: 30.02.2026")(texts[PLAN]), "items[4].deadline.date", ["такой даты"])
    _expect(errors, f"data/{SCHEDULE}", line_of("  - number: 4\n", nth=2)(texts[SCHEDULE]),
            "sections[2].items[2].number", ["номер пункта 4"])
    _expect(errors, f"data/{ORGS}", line_of("parent: almaty-financ\n")(texts[ORGS]), "organizations[12].parent",
            ["неизвестная организация"])
    _expect(errors, f"data/{CYCLE}", line_of("  start: 13.4.2026")(texts[CYCLE]), "period.start",
            ["ожидалась дата"])
    assert [e.file for e in errors] == sorted(e.file for e in errors)


def test_model_and_cross_checks_are_reported_together(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / PLAN
    text = chain(
        replace("    date: 01.08.2026\n", "    date: 30.02.2026\n", after=ITEM4),
        replace("\n- number: 9\n", "\n- number: 8\n"),
        replace("[spk, spk-hr,", "[spk, spk-hrr,", after=ITEM4),
    )(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    errors = load_errors(data)

    file = f"data/{PLAN}"
    _expect(errors, file, line_of("    date: 30.02.2026")(text), "items[4].deadline.date", ["такой даты не существует"])
    _expect(errors, file, line_of("- number: 8\n", nth=2)(text), "items[9].number", ["номер пункта 8 уже использован"])
    _expect(errors, file, line_of("[spk, spk-hrr,")(text), "items[4].executor.organizations[2]",
            ["неизвестная организация «spk-hrr»"])


def test_missing_cycle_file_does_not_hide_planload_errors(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / CYCLE).unlink()
    path = data / PLAN
    text = replace("    date: 01.08.2026\n", "    date: 30.02.2026\n", after=ITEM4)(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    errors = load_errors(data)

    _expect(errors, f"data/{CYCLE}", 1, None, ["файл не найден"])
    _expect(errors, f"data/{PLAN}", line_of("    date: 30.02.2026")(text), "items[4].deadline.date", ["такой даты"])


def test_str_of_data_error_names_file_line_and_field(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / PLAN
    text = replace("    date: 01.08.2026\n", "    date: 30.02.2026\n", after=ITEM4)(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    (error,) = load_errors(data)
    line = line_of("    date: 30.02.2026")(text)
    assert str(error) == (f"data/2026/plan.yml, строка {line}, поле «items[4].deadline.date»: "
                          "такой даты не существует: «30.02.2026»")


def test_str_of_data_error_without_field(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / CYCLE).unlink()
    (error,) = load_errors(data)
    assert str(error).startswith("data/2026/cycle.yml, строка 1: файл не найден")


def test_str_of_data_errors_lists_every_error() -> None:
    errors = [
        DataError("data/2026/plan.yml", 72, "items[4].deadline.date", "такой даты не существует: «30.02.2026»"),
        DataError("data/2026/cycle.yml", 1, None, "файл пуст"),
    ]
    text = str(DataErrors(errors))
    lines = text.splitlines()
    assert lines[0].startswith("Ошибки в данных (2)")
    # sorted by file, then line
    assert lines[1:] == [
        "  data/2026/cycle.yml, строка 1: файл пуст",
        "  data/2026/plan.yml, строка 72, поле «items[4].deadline.date»: такой даты не существует: «30.02.2026»",
    ]


def test_risks_without_directions_file_are_reported(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / DIRECTIONS).unlink()
    _expect(load_errors(data), f"data/{RISKS}", 1, None, ["для картограммы нужен файл data/directions.yml"])


def test_text_without_its_language_says_to_add_ru(tmp_path: Path) -> None:
    """Contacts' hours written as a bare string: the message says to put it under `ru:`,
    with the officer's own text, instead of «ожидался набор полей»."""
    data = copy_data(tmp_path)
    with (data / "contacts.yml").open("a", encoding="utf-8") as file:
        file.write("hours: пн–пт, 9:00–18:00\n")
    line = (data / "contacts.yml").read_text(encoding="utf-8").count("\n")
    error = _expect(load_errors(data), "data/contacts.yml", line, "hours", ["поставьте «ru:»"])
    assert "«hours: {ru: пн–пт, 9:00–18:00}»" in error.message
