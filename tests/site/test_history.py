"""Edition history (issue 15), on a scratch git repository: commits that change a plan
deadline, a measure text and a risk show up on the document pages, the cycle's history page,
the site-wide page and the Atom feeds, with old and new text, newest first, in both
languages; a draft cycle's change never does; a build without git says so."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bench.workspace import project_copy
from conftest import Site, build_site
from vakr.ingest.history import word_diff

LANGS = ("", "kk/")
ATOM = "{http://www.w3.org/2005/Atom}"
MEASURE_OLD = "провести анализ и осуществить соответствующие мероприятия"
MEASURE_NEW = "провести проверку и осуществить соответствующие мероприятия"


def commit(root: Path, message: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Офицер", "-c", "user.email=o@example.kz", "add", "-A"],
                   check=True, env=env)
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Офицер", "-c", "user.email=o@example.kz", "commit", "-q",
                    "-m", message], check=True, env=env)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = project_copy(tmp_path_factory.mktemp("history") / "project")
    (root / ".gitignore").write_text("site/\ndocs/2026/\ndocs/2027/\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "init", "-q"], check=True)
    commit(root, "Опубликованы документы ВАКР 2026", "2026-05-20T10:00:00+05:00")
    plan = root / "data/2026/plan.yml"
    edit(plan, "    date: 01.07.2026\n    source:\n      ru: 01.07.2026г.\n",
         "    date: 01.09.2026\n    source:\n      ru: 01.09.2026г.\n")  # item 1, the first with this deadline
    (root / "data/2026/history.yml").write_text(
        "amendments:\n- order: № 45-П\n  date: 09.06.2026\n  document: plan\n  items: ['1']\n"
        "  changed: {ru: Перенесён срок пункта 1, kk: 1-тармақтың мерзімі ауыстырылды}\n"
        "editorial:\n- date: 20.06.2026\n  document: plan\n  items: ['5']\n  note: typo\n", encoding="utf-8")
    commit(root, "Срок пункта 1 перенесён приказом № 45-П", "2026-06-10T10:00:00+05:00")
    edit(plan, MEASURE_OLD, MEASURE_NEW)  # item 5's measure (item 4 words it differently)
    commit(root, "Исправлена опечатка в мероприятии пункта 5", "2026-06-20T10:00:00+05:00")
    edit(root / "data/2026/risks.yml", "  - id: R06\n    organizations: [almaty-finance]\n",
         "  - id: R06\n    organizations: [almaty-finance, mfo-almaty]\n")
    commit(root, "Риск R06 относится и к МФО", "2026-07-01T10:00:00+05:00")
    draft = root / "data/2027"
    draft.mkdir()
    (draft / "cycle.yml").write_text("period: {start: 13.04.2027, end: 26.05.2027}\ndraft: true\n", encoding="utf-8")
    (draft / "plan.yml").write_text(plan.read_text(encoding="utf-8"), encoding="utf-8")
    commit(root, "Черновик ВАКР 2027", "2026-07-05T10:00:00+05:00")
    edit(draft / "plan.yml", MEASURE_NEW, "черновая формулировка мероприятия")
    commit(root, "Правка черновика 2027", "2026-07-06T10:00:00+05:00")
    result = build_site(root / "site", root=root, env={"SITE_URL": "https://example.kz/anticorruption/"})
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(root / "site")


def changes(site: Site, url: str) -> list[dict[str, str]]:
    return [{**li.attrs, "text": " ".join(li.get_text(" ").split())}
            for li in site.page(url).select("li.vakr-change")]


@pytest.mark.parametrize("lang", LANGS)
def test_cycle_history_lists_each_change_newest_first_with_old_and_new_text(history_site: Site, lang: str) -> None:
    found = changes(history_site, f"{lang}2026/history/")
    assert [(c["data-document"], c["data-item"], c["data-field"]) for c in found] == [
        ("risks", "R06", "organizations"), ("plan", "5", "measure"), ("plan", "1", "deadline")]
    risk, measure, deadline = found
    assert "almaty-finance, mfo-almaty" in risk["text"] and "01.07.2026" in risk["text"]
    assert "01.07.2026г." in deadline["text"] and "01.09.2026г." in deadline["text"] and "№ 45-П" in deadline["text"]
    assert ("исправлена опечатка" if not lang else "қате түзетілді") in measure["text"]
    item = history_site.page(f"{lang}2026/history/").select_one('li[data-item="5"]')
    assert [d.get_text() for d in item.select(".vakr-change__texts dd")][0].count(MEASURE_OLD) == 1
    assert [e.get_text() for e in item.select(".vakr-diff del")] == [("удалено: " if not lang else "алынып тасталды: ") + "анализ"]
    assert [e.get_text() for e in item.select(".vakr-diff ins")] == [("добавлено: " if not lang else "қосылды: ") + "проверку"]
    orders = history_site.page(f"{lang}2026/history/").select_one("#amendments").find_next("ul").get_text()
    assert "№ 45-П" in orders and "09.06.2026" in orders


@pytest.mark.parametrize("lang", LANGS)
def test_each_document_page_lists_its_own_changes(history_site: Site, lang: str) -> None:
    for page, expected in (("plan", [("5", "measure"), ("1", "deadline")]), ("risks", [("R06", "organizations")]),
                           ("schedule", [])):
        found = changes(history_site, f"{lang}2026/{page}/")
        assert [(c["data-item"], c["data-field"]) for c in found] == expected, page
    link = history_site.page(f"{lang}2026/plan/").select_one('li[data-item="1"] a')
    assert link["href"] == "./#item-1"  # the item on the same page


def test_a_draft_cycle_never_appears_in_the_history(history_site: Site) -> None:
    for url in ("changes/", "kk/changes/"):
        assert [c["data-item"] for c in changes(history_site, url)] == ["R06", "5", "1"]
    for name in ("changes.xml", "changes.kk.xml"):
        assert "черновая формулировка" not in (history_site.root / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name,lang", [("changes.xml", "ru"), ("changes.kk.xml", "kk")])
def test_the_feed_is_valid_atom_with_one_entry_per_change(history_site: Site, name: str, lang: str) -> None:
    feed = ET.parse(history_site.root / name).getroot()
    assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3 and len({e.findtext(f"{ATOM}id") for e in entries}) == 3
    assert [e.findtext(f"{ATOM}updated")[:10] for e in entries] == ["2026-07-01", "2026-06-20", "2026-06-10"]
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith(
            "https://example.kz/anticorruption/" + ("" if lang == "ru" else "kk/") + "2026/history/#change-")
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}summary")


def test_a_build_without_git_says_so_and_shows_the_amendments(tmp_path: Path) -> None:
    root = project_copy(tmp_path / "project")
    (root / "data/2026/history.yml").write_text(
        "amendments:\n- order: № 45-П\n  date: 09.06.2026\n  document: plan\n  items: ['1']\n"
        "  changed: {ru: Перенесён срок пункта 1}\n", encoding="utf-8")
    result = build_site(root / "site", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    page = Site(root / "site").page("2026/history/")
    assert "без истории изменений файлов (git)" in page.select_one(".vakr-note").get_text()
    assert "№ 45-П" in page.select_one("#amendments").find_next("ul").get_text()
    assert page.select("li.vakr-change") == []


def test_word_diff_keeps_every_word_in_order() -> None:
    diff = word_diff("срок до 01.07.2026г. включительно", "срок до 01.09.2026г. включительно")
    assert diff == [("equal", "срок до"), ("delete", "01.07.2026г."), ("insert", "01.09.2026г."), ("equal", "включительно")]


def test_open_data_carries_the_history(history_site: Site) -> None:
    import csv
    import io
    import json

    rows = list(csv.DictReader(io.StringIO((history_site.root / "2026/data/vakr-2026-history.csv").read_text("utf-8-sig"))))
    assert [(r["changed_on"], r["document"], r["item"], r["field"]) for r in rows] == [
        ("2026-07-01", "risks", "R06", "organizations"), ("2026-06-20", "plan", "5", "measure"),
        ("2026-06-10", "plan", "1", "deadline")]
    assert (rows[2]["old_text"], rows[2]["new_text"], rows[2]["order"]) == ("01.07.2026г.", "01.09.2026г.", "№ 45-П")
    assert rows[1]["note"] == "typo"
    assert json.loads((history_site.root / "2026/data/vakr-2026.json").read_text("utf-8"))["history"] == rows
