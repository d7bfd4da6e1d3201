"""Every Kazakh UI text against the glossary (src/vakr/publish/glossary.yml) and two grammar rules;
planted misuses prove the check can fail. Organization names on Kazakh pages."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml

from conftest import ROOT, copy_data
from vakr.publish import glossary
from vakr.publish import strings
from vakr.domain.model import Organization

ENTRY = re.compile(r'^\s*"([^"\\]+)"\s*:\s*"((?:[^"\\]|\\.)*)"\s*,?\s*$', re.M)
MATERIAL_RU = Path(material.__file__).parent / "templates" / "partials" / "languages" / "ru.html"
NOT_TEXT = ("language", "direction", "search.config.")

Text = tuple[str, str, str]  # where, Kazakh, Russian counterpart


def _theme() -> list[Text]:
    kk = dict(ENTRY.findall((ROOT / "overrides/partials/languages/kk.html").read_text(encoding="utf-8")))
    ru = dict(ENTRY.findall(MATERIAL_RU.read_text(encoding="utf-8")))
    return [(f"kk.html: {key}", value, ru.get(key, ""))
            for key, value in kk.items() if not key.startswith(NOT_TEXT)]


def _data_labels(node: object, where: str) -> list[Text]:
    """Every {ru, kk} pair in a data file, wherever it sits."""
    if isinstance(node, dict):
        own = [(where, node["kk"], str(node.get("ru", "")))] if isinstance(node.get("kk"), str) else []
        return own + [t for key, value in node.items() for t in _data_labels(value, f"{where}.{key}")]
    if isinstance(node, list):
        return [t for i, value in enumerate(node) for t in _data_labels(value, f"{where}[{i}]")]
    return []


def _officer_labels(data: Path) -> list[Text]:
    """The labels the officer writes in a cycle's files: the titles of the links and evidence in
    monitoring.yml. Not the approved documents' texts (schedule.yml, plan.yml, risks.yml and the
    orders' words in history.yml, published verbatim), nor a unit's report text, published as sent."""
    return [t for path in sorted(data.glob("*/monitoring.yml"))
            for t in _data_labels(yaml.safe_load(path.read_text(encoding="utf-8")), path.relative_to(data).as_posix())
            if t[0].endswith(".title")]


def kazakh_texts(data: Path = ROOT / "data") -> dict[str, list[Text]]:
    """The Kazakh UI texts of the site by source, each with its Russian counterpart."""
    docs = [(path.name, path.read_text(encoding="utf-8"),
             path.with_name(path.name.replace(".kk.md", ".md")).read_text(encoding="utf-8"))
            for path in sorted((ROOT / "docs").glob("*.kk.md"))]
    data_labels = [t for path in sorted(data.glob("*.yml"))
                   for t in _data_labels(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)]
    data_labels += _officer_labels(data)
    ui = [(f"strings.yml: {key}", value["kk"], value["ru"]) for key, value in strings.catalog().items()]
    return {"strings": ui, "theme": _theme(), "docs": docs, "data": data_labels}


def check(texts: list[Text]) -> list[str]:
    return [f"{where}: {problem}" for where, kk, ru in texts for problem in glossary.problems(kk, ru)]


def test_every_kazakh_ui_text_follows_the_glossary() -> None:
    texts = kazakh_texts()
    assert len(texts["strings"]) > 300 and len(texts["theme"]) > 40 and texts["docs"] and len(texts["data"]) > 10
    found = check([t for group in texts.values() for t in group])
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("kk", "ru", "expected"), [
    ("Кезең", "Цикл", "«кезең»"),                                              # the archive column
    ("Өткізу кезеңі", "Период проведения", "«кезең»"),
    ("Жолақ — кезең, нүкте — күн. «Күн сайын» кезеңдерінің күні жоқ.",
     "Полоса — период, точка — дата. Этапы «ежедневно» не имеют даты.", "«кезең»"),  # one stage, two «кезең»
    ("subsidiary — еншілес ұйым", "subsidiary — ДЗО", "«еншілес ұйым»"),
    ("ВАКР ұсыныстары", "Рекомендации ВАКР", "«ұсыныс»"),
    ("Сайт жинағы", "Сборка сайта", "«жинағ»"),
    ("Іс-шаралар жоспары: {total} тармақтың {done} орындалды.", "исполнено {done} из {total}", "родительного"),
    ("Іс-шаралар жоспары: 38 тармақтың 0 орындалды.", "исполнено 0 из 38", "родительного"),
    ("Бағыттар: {all_directions} бағыттың {directions}.", "Направлений: {directions} из {all_directions}.",
     "родительного"),
    ("{start} бастап тұрақты", "постоянно, с {start}", "бастап"),
    ("01.07.2026 бастап тұрақты", "постоянно, с 01.07.2026", "бастап"),
    ("30.03.2026 бекітілген жұмыс кестесі", "План-график работ, утверждённый 30.03.2026", "бекітілген"),
    ("{date} жағдай бойынша", "по состоянию на {date}", "жағдай"),
    ("«Алматы» ӘКК» АҚ мен оның ұйымдары", "АО «СПК «Алматы» и его организации", "АҚ және"),
])
def test_a_planted_misuse_is_found(kk: str, ru: str, expected: str) -> None:
    texts = kazakh_texts()["strings"] + [("planted", kk, ru)]
    found = check(texts)
    assert len(found) == 1 and found[0].startswith("planted: ") and expected in found[0], found


def test_the_officers_kazakh_labels_in_a_cycles_files_are_checked_too(tmp_path: Path) -> None:
    """A link title in monitoring.yml is the officer's wording (not an approved document's), so
    the glossary applies to it; a unit's report text is published as sent, so it is not checked."""
    data = copy_data(tmp_path)
    labels = [where for where, _, _ in kazakh_texts(data)["data"] if where.startswith("2026/monitoring.yml")]
    assert labels and all(where.endswith(".title") for where in labels)
    assert check(kazakh_texts(data)["data"]) == []
    path = data / "2026" / "monitoring.yml"
    text = path.read_text(encoding="utf-8")
    assert "kk: 30.03.2026 ж. бекітілген жұмыс кестесі" in text and text.endswith("\nplan:\n")
    path.write_text(text.replace("kk: 30.03.2026 ж. бекітілген жұмыс кестесі", "kk: 30.03.2026 бекітілген жұмыс кестесі")
                    + "  1:\n  - date: 30.06.2026\n    status: done\n"  # under the file's last line, «plan:»
                      "    text: {ru: Исполнено в этом периоде, kk: Осы кезеңде орындалды}\n", encoding="utf-8")
    found = check(kazakh_texts(data)["data"])
    assert len(found) == 1 and found[0].startswith("2026/monitoring.yml.schedule.1.links[0].title: "), found


@pytest.mark.parametrize(("kk", "ru"), [
    ("Ағымдағы кезең", "Текущий этап"),
    ("Барлық кезеңдер мен мерзімдер: {page}.", "Все этапы и сроки: {page}."),
    ("ескертулер мен ұсыныстар", "замечания и предложения"),
    ("Іс-шаралар жоспары: {total} тармақтың {done} тармағы орындалды.", "исполнено {done} из {total}"),
    ("Тәуекелдер {rows} ұйымның {orgs} ұйымында анықталды.", "Организаций: {orgs} из {rows}."),
    ("Бағалауды күтетін тәуекелдер: {count} (барлығы {total}).", "Ожидают оценки: {count} из {total}."),
    ("{start} ж. бастап тұрақты", "постоянно, с {start}"),
    ("30.03.2026 ж. бекітілген жұмыс кестесі", "План-график работ, утверждённый 30.03.2026"),
    ("«Алматы» ӘКК» АҚ және оның ұйымдары", "АО «СПК «Алматы» и его организации"),
    ("жұмыс кестесі мен іс-шаралар жоспары", "план-график и план мероприятий"),
    ("{number}-тармақтың орындалуы", "исполнение пункта {number}"),
])
def test_correct_kazakh_passes(kk: str, ru: str) -> None:
    assert glossary.problems(kk, ru) == []


def test_the_glossary_names_the_concepts_of_the_issue() -> None:
    terms = {term.id: term for term in glossary.glossary().terms}
    for concept in ("vakr", "cycle", "period", "stage", "dzo", "recommendation", "measure", "responsible",
                    "deadline", "analytical_report", "cartogram", "positions_list", "draft", "schedule", "plan"):
        assert concept in terms
    assert terms["stage"].kk == "кезең"
    assert "кезең" in terms["cycle"].avoid_kk and "кезең" in terms["period"].avoid_kk
    assert terms["dzo"].kk == "еншілес және тәуелді ұйымдар"


def test_a_glossary_term_cannot_avoid_itself() -> None:
    with pytest.raises(ValueError, match="входит в сам термин"):
        glossary.Glossary.model_validate(
            {"terms": [{"id": "stage", "ru": "этап", "kk": "кезең", "avoid_kk": ["кезең"]}]})


def test_kazakh_pages_keep_russian_organization_names_marked_russian(built) -> None:
    """No made-up translation: a name without `kk` in data/organizations.yml is shown in
    Russian and marked lang="ru"; a name with `kk` is shown in Kazakh."""
    orgs = yaml.safe_load((ROOT / "data/organizations.yml").read_text(encoding="utf-8"))["organizations"]
    without_kk = [o["name"]["ru"] for o in orgs if o["kind"] == "subsidiary" and "kk" not in o["name"]
                  and "kk" not in (o.get("short_name") or {})]
    assert without_kk
    page = built.page("kk/2026/cartogram/")
    heads = page.select("table th[scope=col] a")
    shown = {a.get_text(strip=True): a for a in heads}
    for name in without_kk:
        assert name in shown, (name, sorted(shown))
        assert shown[name].select_one('[lang="ru"]') is not None or shown[name].get("lang") == "ru"
    assert "«Алматы» ӘКК» АҚ" in shown and shown["«Алматы» ӘКК» АҚ"].select_one("[lang]") is None


def test_an_organization_label_is_kazakh_where_the_data_has_a_kazakh_name() -> None:
    full_kk = Organization.model_validate({"id": "hr", "kind": "department", "short_name": {"ru": "ДУЧР"},
                                           "name": {"ru": "Департамент", "kk": "Департаменті"}})
    assert (full_kk.label.ru, full_kk.label.kk) == ("ДУЧР", "Департаменті")
    russian_only = Organization.model_validate({"id": "x", "kind": "subsidiary", "name": {"ru": "ТОО «X»"}})
    assert russian_only.label.kk is None  # shown in Russian, marked lang="ru"; never a made-up name
