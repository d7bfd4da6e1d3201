"""The Kazakh edition's round trip (issue 23): export every text without Kazakh as XLIFF 1.2
and .xlsx, read them back with the same libraries, import a translator's file with exactly the
expected refusals, and see the imported texts only in the review build until the Kazakh edition
is approved."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree
from openpyxl import load_workbook
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as inline

from bench.workspace import project_copy
from conftest import built_ok
from vakr.publish.strings import catalog
from vakr.translation import command, glossary

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "tests/fixtures/translation/glossary.yml"
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
# Kazakh made for the tests (marked «тест»): never the Company's translation.
KK = {
    "2026/plan/items/1/recommendation": "Тест: бірінші ұсынымның қазақша аудармасы.",
    "2026/plan/items/2/measure": "Тест: екінші іс-шараның қазақша аудармасы.",
    "2026/plan/items/3/executor": "Тест: жауапты орындаушы.",
}
RICH = [{"p": "Тест абзацы:"}, {"ul": ["– бірінші тармақ;", "– екінші тармақ;", "– үшінші тармақ."]}]
RICH_KK = ["Тест: абзац қазақша", ["– бірінші тест;", "– екінші тест;", "– үшінші тест."]]


def _untranslated(root: Path, cycle: str) -> set[tuple[str, str]]:
    """Counted independently of the exporter: every {ru: …} without kk in the data files."""
    found = set()

    def walk(node, where):  # type: ignore[no-untyped-def]
        if isinstance(node, dict):
            if "ru" in node and where.rsplit("/", 1)[-1] not in ("columns", "approval"):
                if node.get("kk") is None:
                    found.add((where, yaml.safe_dump(node["ru"], allow_unicode=True)))
                return
            for key, value in node.items():
                if key not in ("approval", "kk_approved"):
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    # names copied from where they are official, executors' reports in their own languages: never translated
    reference = {"organizations.yml", "directions.yml", "risk-matrix.yml", "monitoring.yml"}
    for path in [*(root / "data" / cycle).glob("*.yml"), *(root / "data").glob("*.yml")]:
        if path.name not in reference:
            walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    return found


def _export(root: Path, fmt: str, out: Path, monkeypatch: pytest.MonkeyPatch | None = None) -> Path:
    assert command.export(root, "2026", fmt, out) == 0
    return out


@pytest.fixture
def with_glossary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glossary, "GLOSSARY_FILE", GLOSSARY)


def test_both_formats_hold_every_text_without_kazakh_with_stable_ids(tmp_path: Path, with_glossary: None) -> None:
    expected = _untranslated(ROOT, "2026")
    first = _export(ROOT, "xliff", tmp_path / "a.xlf")
    store = xliff.xlifffile.parsestring(first.read_bytes())
    units = [u for u in store.units if u.istranslatable()]
    assert len(units) == len(expected) > 38 * 4
    assert store.document.getroot().nsmap[None] == XLIFF_12 and store.document.getroot().get("version") == "1.2"
    ids = [u.xmlelement.get("id") for u in units]
    assert len(set(ids)) == len(ids)
    assert {"2026/plan/items/1/recommendation", "2026/plan/items/38/deadline/source", "2026/plan/control"} <= set(ids)
    assert not any(i.startswith(("organizations/", "directions/", "risk-matrix/")) for i in ids)
    assert not any(i.startswith("2026/schedule/sections/1/items/1/") for i in ids)  # translated in the source
    measure = next(u for u in units if u.xmlelement.get("id") == "2026/plan/items/1/measure")
    assert measure.source.startswith("Курирующим руководителям, а также")  # verbatim
    assert len(measure.xmlelement.get("extradata")) == 16
    assert measure.getnotes("developer") == "2026/plan: пункт 1; столбец «Мероприятие»"
    assert "курирующий руководитель → тест-жетекші (не: тест-басшы). тестовый термин" in measure.getnotes("glossary")
    known = next(u for u in units if u.xmlelement.get("id") == "2026/plan/items/20/executor")
    assert [alt.target for alt in known.getalttrans()] == ["«Алматы» ӘКК» АҚ"]  # the short name's Kazakh

    book = load_workbook(_export(ROOT, "xlsx", tmp_path / "a.xlsx"))
    rows = list(book["Перевод"].iter_rows(values_only=True))
    assert rows[0][0] == "id" and rows[0][-1] == "Казахский перевод"
    assert [r[0] for r in rows[1:]] == ids  # the same segments, the same order
    assert {r[4] for r in rows[1:]} == {u.xmlelement.get("extradata") for u in units}
    assert all(r[-1] is None for r in rows[1:])
    assert [r[:2] for r in book["Глоссарий"].iter_rows(values_only=True)][1] == ("курирующий руководитель", "тест-жетекші")

    again = _export(ROOT, "xliff", tmp_path / "b.xlf")
    assert again.read_bytes() == first.read_bytes()


def test_xliff_round_trips_through_translate_toolkit_unchanged(tmp_path: Path) -> None:
    exported = _export(ROOT, "xliff", tmp_path / "a.xlf").read_bytes()
    store = xliff.xlifffile.parsestring(exported)
    assert bytes(store) == exported
    rich = next(u for u in store.units if u.xmlelement.get("id") == "2026/plan/items/1/recommendation")
    assert rich.source
    translated = tmp_path / "t.xlf"
    for unit in store.units:
        unit.target = "Тест мәтіні"
    translated.write_bytes(bytes(store))
    assert bytes(xliff.xlifffile.parsestring(translated.read_bytes())) == translated.read_bytes()


def _rich_plan(project: Path) -> None:
    """Test fixture: plan items 5–7 get a Russian paragraph and a list (as schedule item 4
    has), so that lists and tags travel in the file."""
    path = project / "data/2026/plan.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in data["items"][4:7]:
        item["measure"]["ru"] = [{"p": "Тестовый абзац:"}, {"ul": ["– первый пункт;", "– второй пункт;", "– третий пункт."]}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


def _g(paragraph: str, items: list[str]) -> list[StringElem]:
    lis = [inline.G(id=f"li2-{i}", sub=[StringElem(li)]) for i, li in enumerate(items, start=1)]
    return [StringElem([inline.G(id="p1", sub=[StringElem(paragraph)]), inline.G(id="ul2", sub=lis)])]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project_copy(tmp_path_factory.mktemp("translation") / "project")
    _rich_plan(root)
    return root


@pytest.fixture(scope="module")
def imported(project: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """A translator's XLIFF: three good targets, one stale, one Russian, one list short of an
    item, one list without its tags, one good list, one unknown id."""
    exported = project / "out.xlf"
    assert command.export(project, "2026", "xliff", exported) == 0
    plan = project / "data/2026/plan.yml"  # the officer edits item 3 after the export
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "ru: Курирующие руководителям и структурные подразделения ДУЧР АО «СПК «Алматы» и ДЗО\n",
        "ru: Курирующие руководители и структурные подразделения ДУЧР АО «СПК «Алматы» и ДЗО\n", 1), encoding="utf-8")
    os.chmod(plan, 0o640)
    store = xliff.xlifffile.parsestring(exported.read_bytes())
    units = {u.xmlelement.get("id"): u for u in store.units}
    for uid, text in KK.items():
        units[uid].target = text
    units["2026/plan/items/4/measure"].target = units["2026/plan/items/4/recommendation"].source  # Russian
    units["2026/plan/items/5/measure"].rich_target = _g(RICH_KK[0], RICH_KK[1][:2])
    units["2026/plan/items/6/measure"].target = "Тест: тегтері жоғалған аударма, тізімі жоқ."
    units["2026/plan/items/7/measure"].rich_target = _g(*RICH_KK)
    unknown = store.UnitClass("Нет такого текста")
    store.addunit(unknown)
    unknown.setid("2026/plan/items/99/measure")
    unknown.target = "Тест: мұндай мәтін жоқ."
    translated = project / "translated.xlf"
    translated.write_bytes(bytes(store))
    result = subprocess.run([sys.executable, "-m", "vakr", "--root", str(project), "translation", "import", str(translated)],
                            capture_output=True, text=True, check=False)
    return result, translated


def test_import_takes_good_targets_and_refuses_exactly_the_bad_ones(imported, project: Path) -> None:
    result, _ = imported
    assert result.returncode == 1, result.stdout + result.stderr  # something was refused
    lines = result.stdout.splitlines()
    assert "Добавлено переводов: 3" in lines and "Обновлено переводов: 0" in lines and "Отклонено: 5" in lines
    refused = {line.split(" (")[0].strip().removeprefix("trans-unit ").split(":")[0]: line
               for line in lines if line.startswith("  trans-unit")}
    assert set(refused) == {"2026/plan/items/3/executor", "2026/plan/items/4/measure", "2026/plan/items/5/measure",
                            "2026/plan/items/6/measure", "2026/plan/items/99/measure"}
    assert "перевод устарел" in refused["2026/plan/items/3/executor"]
    assert "на русском, а не на казахском" in refused["2026/plan/items/4/measure"]
    assert "в оригинале абзац, список из 3 пунктов, в переводе абзац, список из 2 пунктов" in refused["2026/plan/items/5/measure"]
    assert "разметка утеряна" in refused["2026/plan/items/6/measure"]
    assert "неизвестный id" in refused["2026/plan/items/99/measure"]
    assert "Казахская редакция data/2026/plan.yml не утверждена" in result.stdout

    plan = project / "data/2026/plan.yml"
    items = yaml.safe_load(plan.read_text(encoding="utf-8"))["items"]
    assert items[0]["recommendation"]["kk"] == KK["2026/plan/items/1/recommendation"]
    assert items[1]["measure"]["kk"] == KK["2026/plan/items/2/measure"]
    assert items[6]["measure"]["kk"] == [{"p": RICH_KK[0]}, {"ul": RICH_KK[1]}]
    assert all("kk" not in items[i]["measure"] for i in (3, 4, 5)) and "kk" not in items[2]["executor"]
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert not [p for p in plan.parent.iterdir() if p.name.startswith(".plan.yml.")]  # no temporary left


def test_importing_the_same_file_again_changes_nothing(imported, project: Path) -> None:
    _, translated = imported
    before = (project / "data/2026/plan.yml").read_bytes()
    again = subprocess.run([sys.executable, "-m", "vakr", "--root", str(project), "translation", "import", str(translated)],
                           capture_output=True, text=True, check=False)
    assert "Добавлено переводов: 0" in again.stdout and "Без изменений: 3" in again.stdout
    assert (project / "data/2026/plan.yml").read_bytes() == before


def test_spreadsheet_round_trip(tmp_path: Path, with_glossary: None) -> None:
    root = project_copy(tmp_path / "project")
    out = _export(root, "xlsx", tmp_path / "t.xlsx")
    book = load_workbook(out)
    sheet = book["Перевод"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    rows["2026/plan/items/8/measure"][-1].value = "Тест: жетекші басшыға бақылауды қамтамасыз ету."
    rows["2026/plan/items/9/measure"][-1].value = "Тест-басшыға бақылауды қамтамасыз ету тест."  # an avoided term
    rows["2026/plan/items/10/measure"][-1].value = "Председателю обеспечить контроль за реализацией рекомендаций."
    book.save(out)
    result = subprocess.run([sys.executable, "-m", "vakr", "--root", str(root), "translation", "import", str(out)],
                            capture_output=True, text=True, check=False, env={**os.environ})
    assert "Добавлено переводов: 2" in result.stdout and "Отклонено: 1" in result.stdout, result.stdout + result.stderr
    assert "строка" in next(line for line in result.stdout.splitlines() if "items/10/measure" in line)
    items = yaml.safe_load((root / "data/2026/plan.yml").read_text(encoding="utf-8"))["items"]
    assert items[7]["measure"]["kk"] == "Тест: жетекші басшыға бақылауды қамтамасыз ету."


def test_avoided_glossary_term_is_reported(tmp_path: Path, with_glossary: None) -> None:
    from vakr.translation import merge
    from vakr.translation.exchange import Returned
    from vakr.translation.segments import collect

    root = project_copy(tmp_path / "project")
    segment = next(s for s in collect(root, "2026") if s.id == "2026/plan/items/9/measure")
    row = Returned(segment.id, segment.hash, segment.markup, "Тест-басшыға бақылауды қамтамасыз ету тест.", "строка 2")
    accepted, summary = merge.check(root, [row])
    assert list(accepted) == [segment.id] and "тест-басшы" in " ".join(summary.warnings)


def _plan(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "kk/2026/plan/index.html").read_text(encoding="utf-8"), "html.parser")


def test_unapproved_kazakh_is_only_in_the_review_build_then_published_once_approved(imported, project: Path) -> None:
    kazakh = KK["2026/plan/items/1/recommendation"]
    published = built_ok(project / "site", project)
    page = _plan(published)
    cell = page.select("tr#item-1 td")[0]
    assert kazakh not in page.get_text() and cell.select_one('[lang="ru"]') is not None
    assert not any(kazakh in p.read_text(encoding="utf-8", errors="replace") for p in published.rglob("*") if p.is_file())
    assert page.select_one(".vakr-draft-banner") is None
    assert "не утверждена (казахские тексты — черновик, пока нет kk_approved): plan" in (published / "build.log").read_text()

    preview = built_ok(project / "preview", project, {"VAKR_DRAFTS": "1"})  # what `make serve` shows
    page = _plan(preview)
    assert kazakh in page.select("tr#item-1 td")[0].get_text()
    banner = page.select_one(".vakr-draft-banner")
    assert banner is not None and catalog()["edition.kk.draft"]["kk"] in banner.get_text()
    assert BeautifulSoup((preview / "2026/plan/index.html").read_text(encoding="utf-8"),
                         "html.parser").select_one(".vakr-draft-banner") is None  # the Russian edition is approved

    plan = project / "data/2026/plan.yml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("title:\n", "kk_approved:\n  date: 01.12.2026\n  kk:\n    heading: «БЕКІТЕМІН»\n"
                                 "    lines:\n    - Тест қол қоюшы\n    date: «01» 12 2026 ж.\ntitle:\n", 1), encoding="utf-8")
    approved = built_ok(project / "approved", project)
    page = _plan(approved)
    assert kazakh in page.select("tr#item-1 td")[0].get_text() and page.select_one(".vakr-draft-banner") is None
    block = page.select_one(".vakr-approval")
    assert "Тест қол қоюшы" in block.get_text() and block.select_one("time[datetime='2026-12-01']") is not None
    assert not block.has_attr("lang")
    note = catalog()["edition.kk.approved"]["kk"].split("{date}")[0]
    assert note in page.select_one(".vakr-note").get_text()
    assert catalog()["plan.translation.pending"]["kk"] not in page.get_text()  # "being prepared" no more
    assert "утверждена: schedule (30.03.2026), plan (01.12.2026)" in (approved / "build.log").read_text()


def test_cat_tool_segment_markers_pass_and_new_placeholders_are_refused(tmp_path: Path) -> None:
    """memoQ and Trados wrap targets in <mrk mtype="seg">: unwrapped. A placeholder the source
    never had (<x/>) is refused."""
    from vakr.translation import merge
    from vakr.translation import xliff as ours

    store = xliff.xlifffile.parsestring(_export(ROOT, "xliff", tmp_path / "a.xlf").read_bytes())
    units = {u.xmlelement.get("id"): u for u in store.units}
    seg = '<mrk xmlns="urn:oasis:names:tc:xliff:document:1.2" mtype="seg" mid="1">{}</mrk>'
    for uid, inner in (("2026/plan/items/1/measure", "Тест: жетекші басшыларға &amp; бөлімшелерге."),
                       ("2026/plan/items/2/measure", 'Тест: бақылау <x xmlns="urn:oasis:names:tc:xliff:document:1.2" id="1"/> қамтамасыз ету.')):
        units[uid].target = "x"
        target = units[uid].xmlelement.find(f"{{{XLIFF_12}}}target")
        target.text = None
        target.append(etree.fromstring(seg.format(inner)))
    (tmp_path / "t.xlf").write_bytes(bytes(store))
    rows = [r for r in ours.read(tmp_path / "t.xlf") if r.target]
    accepted, summary = merge.check(ROOT, rows)
    assert accepted["2026/plan/items/1/measure"][1] == "Тест: жетекші басшыларға & бөлімшелерге."
    assert summary.refused == [("trans-unit 2026/plan/items/2/measure", "в переводе появились теги, которых нет в оригинале")]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("t.xlf", "не XML", "это не файл XLIFF"),
    ("t.xlf", '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>', "нет элемента <file>"),
    ("t.xlsx", "не таблица", "это не таблица Excel"),
    ("t.txt", "что-то", "ожидался файл XLIFF"),
])
def test_a_file_that_is_not_a_translation_is_refused_in_russian(tmp_path: Path, name: str, content: str,
                                                                message: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "vakr", "--root", str(ROOT), "translation", "import",
                             str(tmp_path / name)], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Импорт перевода не выполнен, data/ не изменён" in result.stderr and message in result.stderr
