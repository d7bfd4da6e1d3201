"""Edition history (issue 15), on a scratch git repository: commits that change a plan
deadline, a measure text, a risk, a schedule item, an announcement, the analytical report,
the public discussion and the list of positions show up on the document pages, the cycle's
history page, the site-wide page, the Atom feeds and the open data, with old and new text,
newest first, in both languages; a draft cycle's change, a draft announcement's change and a
new announcement never do; a build without git says so."""

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
DRAFT_TEXT = "черновой текст объявления"
# what the scratch repository's commits changed: (document, item, field), newest first
EXPECTED = [("discussion", "", "format"), ("positions", "2", "title"), ("positions", "3", "item"),
            ("schedule", "3", "work"), ("announcements", "vstrecha-2026", "body"),
            ("announcements", "vstrecha-2026", "title"), ("report", "", "summary"),
            ("risks", "R06", "organizations"), ("plan", "5", "measure"), ("plan", "1", "deadline")]
# publications.yml as first published: two news, the discussion's format, the report, the list
KK_APPROVED = "kk_approved: {date: 01.06.2026, kk: {heading: БЕКІТЕМІН, lines: [Тест қол қоюшы], date: 01.06.2026 ж.}}"
NEWS = """- kind: news
  id: vstrecha-2026
  date: 02.06.2026
  """ + KK_APPROVED + """
  title: {ru: Встреча с работниками, kk: Қызметкерлермен кездесу}
  body: {ru: 'Встреча с работниками состоится 5 июня в 10:00.', kk: 'Кездесу 5 маусымда сағат 10:00-де өтеді.'}
- kind: news
  id: obrashcheniya-2026
  date: 03.06.2026
  title: {ru: Приём обращений}
  body: {ru: Обращения принимаются по телефону.}
"""
POSITIONS = """  approved: 01.06.2026
  items:
  - organization: almaty-finance
    title: {ru: Начальник отдела кадров}
  - organization: mfo-almaty
    unit: {ru: Кредитный отдел}
    title: {ru: Кредитный специалист}
"""


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
    pubs = root / "data/2026/publications.yml"
    edit(pubs, "  about_item: 6\n", "  about_item: 6\n" + NEWS)
    edit(pubs, "  schedule_item: 6\n", "  schedule_item: 6\n  format: {ru: 'Очно, в актовом зале Общества'}\n")
    edit(pubs, "  schedule_item: 9\n", f"  schedule_item: 9\n  signed: 25.05.2026\n  {KK_APPROVED}\n"
         "  summary: {ru: Выявлено 37 коррупционных рисков., kk: 37 сыбайлас жемқорлық тәуекелі анықталды.}\n")
    edit(pubs, "  schedule_item: 11\n", "  schedule_item: 11\n" + POSITIONS)
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
    edit(root / "data/2026/schedule.yml", "в СМИ и социальных сетях", "в СМИ и в социальных сетях")  # item 3
    edit(pubs, "состоится 5 июня", "состоится 8 июня")
    edit(pubs, "kk: Қызметкерлермен кездесу}", "kk: Қызметкерлермен жиналыс}")
    edit(pubs, "Выявлено 37 коррупционных рисков.", "Выявлено 37 коррупционных рисков в пяти организациях.")
    commit(root, "Уточнены объявление, справка и пункт 3 плана-графика", "2026-07-02T10:00:00+05:00")
    edit(pubs, "Кредитный специалист", "Главный кредитный специалист")
    edit(pubs, "'Очно, в актовом зале Общества'", "'Очно и онлайн'")
    edit(pubs, "    title: {ru: Главный кредитный специалист}\n", "    title: {ru: Главный кредитный специалист}\n"
         "  - organization: almaty-renovation\n    title: {ru: Главный бухгалтер}\n")  # after the last position
    commit(root, "Перечень должностей и формат обсуждения", "2026-07-03T10:00:00+05:00")
    edit(pubs, "  body: {ru: Обращения принимаются по телефону.}\n",
         f"  body: {{ru: {DRAFT_TEXT}}}\n  draft: true\n")  # a published announcement edited as a draft
    edit(pubs, "  about_item: 6\n", "  about_item: 6\n- kind: news\n  id: novoe-2026\n  date: 04.07.2026\n"
         "  title: {ru: Новое объявление}\n  body: {ru: Текст нового объявления.}\n")
    commit(root, "Черновик правки объявления; новое объявление", "2026-07-04T10:00:00+05:00")
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
    assert [(c["data-document"], c["data-item"], c["data-field"]) for c in found] == EXPECTED
    risk, measure, deadline = found[-3:]
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
                           ("schedule", [("3", "work")]), ("report", [("", "summary")]),
                           ("discussion", [("", "format")]), ("positions", [("2", "title"), ("3", "item")]),
                           ("announcements/vstrecha-2026", [("vstrecha-2026", "body"), ("vstrecha-2026", "title")]),
                           ("announcements/start", [("3", "work")]),  # the schedule item it quotes
                           ("announcements/novoe-2026", [])):
        found = changes(history_site, f"{lang}2026/{page}/")
        assert [(c["data-item"], c["data-field"]) for c in found] == expected, page
    link = history_site.page(f"{lang}2026/plan/").select_one('li[data-item="1"] a')
    assert link["href"] == "./#item-1"  # the item on the same page
    assert history_site.page(f"{lang}2026/cartogram/").select_one('a[href="../risks/#history"]')  # the risks' history


def test_a_draft_cycle_never_appears_in_the_history(history_site: Site) -> None:
    for url in ("changes/", "kk/changes/"):
        assert [(c["data-document"], c["data-item"], c["data-field"]) for c in changes(history_site, url)] == EXPECTED
    for name in ("changes.xml", "changes.kk.xml", "2026/data/vakr-2026-history.csv"):
        assert "черновая формулировка" not in (history_site.root / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name,lang", [("changes.xml", "ru"), ("changes.kk.xml", "kk")])
def test_the_feed_is_valid_atom_with_one_entry_per_change(history_site: Site, name: str, lang: str) -> None:
    feed = ET.parse(history_site.root / name).getroot()
    assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(EXPECTED) and len({e.findtext(f"{ATOM}id") for e in entries}) == len(EXPECTED)
    assert [e.findtext(f"{ATOM}updated")[:10] for e in entries] == ["2026-07-03"] * 3 + ["2026-07-02"] * 4 + [
        "2026-07-01", "2026-06-20", "2026-06-10"]
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
    assert [(r["document"], r["item"], r["field"]) for r in rows] == EXPECTED
    assert [r["changed_on"] for r in rows[-3:]] == ["2026-07-01", "2026-06-20", "2026-06-10"]
    assert (rows[-1]["old_text"], rows[-1]["new_text"], rows[-1]["order"]) == ("01.07.2026г.", "01.09.2026г.", "№ 45-П")
    assert rows[-2]["note"] == "typo"
    title = rows[EXPECTED.index(("announcements", "vstrecha-2026", "title"))]
    assert (title["language"], title["old_text"], title["new_text"]) == (
        "kk", "Қызметкерлермен кездесу", "Қызметкерлермен жиналыс")
    assert json.loads((history_site.root / "2026/data/vakr-2026.json").read_text("utf-8"))["history"] == rows


@pytest.mark.parametrize("lang", LANGS)
def test_publications_show_their_changes_with_old_and_new_text(history_site: Site, lang: str) -> None:
    """An announcement, the report, the discussion and the list of positions: each change
    with its old and new text and a link to where the text stands today."""
    page = history_site.page(f"{lang}2026/announcements/vstrecha-2026/")
    body = page.select_one('li[data-field="body"]')
    assert [dd.get_text() for dd in body.select(".vakr-change__texts dd")] == [
        "Встреча с работниками состоится 5 июня в 10:00.", "Встреча с работниками состоится 8 июня в 10:00."]
    assert [e.get_text() for e in body.select(".vakr-diff ins")] == [("добавлено: " if not lang else "қосылды: ") + "8"]
    title = page.select_one('li[data-field="title"]')
    assert [dd.get_text() for dd in title.select(".vakr-change__texts dd")] == [
        "Қызметкерлермен кездесу", "Қызметкерлермен жиналыс"]
    assert title.select_one(".vakr-change__texts dd")["lang"] == "kk"
    report = history_site.page(f"{lang}2026/report/").select_one('li[data-field="summary"]')
    assert "в пяти организациях" in report.select(".vakr-change__texts dd")[1].get_text()
    positions = history_site.page(f"{lang}2026/positions/")
    changed = positions.select_one('li[data-item="2"]')
    assert [dd.get_text() for dd in changed.select(".vakr-change__texts dd")] == [
        "Кредитный специалист", "Главный кредитный специалист"]
    assert changed.select_one("a")["href"] == "./#position-2"
    assert "Главный кредитный специалист" in positions.select_one("#position-2").get_text()
    added = positions.select_one('li[data-item="3"]').get_text(" ")
    assert ("Должность добавлена в перечень." if not lang else "Лауазым тізімге қосылды.") in added
    cycle = history_site.page(f"{lang}2026/history/")
    head = " ".join(cycle.select_one('li[data-document="announcements"] .vakr-change__head').get_text(" ").split())
    assert ("Объявления, «Встреча с работниками»" if not lang else "Хабарландырулар, «Қызметкерлермен жиналыс»") in head
    link = cycle.select_one('li[data-document="announcements"] .vakr-change__head a')["href"]
    assert link == "../announcements/vstrecha-2026/"
    fmt = cycle.select_one('li[data-document="discussion"]')
    assert [dd.get_text() for dd in fmt.select(".vakr-change__texts dd")] == ["Очно, в актовом зале Общества", "Очно и онлайн"]


def test_a_draft_announcement_and_a_new_one_are_no_changes(history_site: Site) -> None:
    """A published announcement edited as a draft keeps its published text, and no change
    shows; a new announcement is a publication (the announcements' feed), not a change."""
    for name in ("changes.xml", "changes.kk.xml", "2026/data/vakr-2026-history.csv", "2026/history/index.html",
                 "kk/2026/history/index.html", "changes/index.html"):
        text = (history_site.root / name).read_text(encoding="utf-8")
        assert DRAFT_TEXT not in text and "obrashcheniya-2026" not in text and "novoe-2026" not in text, name


def test_kazakh_texts_count_from_the_approval_of_the_kazakh_edition(tmp_path: Path) -> None:
    """Kazakh texts of a document whose Kazakh edition nobody approved are a draft (the site
    shows Russian): their edits never appear; after `kk_approved` they do."""
    from vakr.ingest.history import git_changes

    root = tmp_path / "repo"
    (root / "data/2026").mkdir(parents=True)
    plan = root / "data/2026/plan.yml"
    plan.write_text((Path(__file__).parents[2] / "data/2026/plan.yml").read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "init", "-q"], check=True)
    commit(root, "План", "2026-05-20T10:00:00+05:00")
    edit(plan, "      ru: 01.07.2026г.\n- number: 2\n", "      ru: 01.07.2026г.\n      kk: 01.07.2026ж. (жоба)\n- number: 2\n")
    commit(root, "Черновой перевод срока пункта 1", "2026-05-21T10:00:00+05:00")
    edit(plan, "(жоба)", "(жоба, түзетілген)")
    commit(root, "Правка чернового перевода", "2026-05-22T10:00:00+05:00")
    edit(plan, "title:\n", "kk_approved:\n  date: 01.08.2026\n  kk: {heading: БЕКІТЕМІН, lines: [Басқарма Төрағасы], "
         "date: 01.08.2026}\ntitle:\n")
    commit(root, "Казахская редакция утверждена", "2026-08-01T10:00:00+05:00")
    edit(plan, "01.07.2026ж. (жоба, түзетілген)", "01.07.2026ж.")
    commit(root, "Срок пункта 1 на казахском", "2026-08-02T10:00:00+05:00")
    found = git_changes(root)
    assert found is not None
    assert [(c.date.isoformat(), c.item, c.field, c.lang, c.old, c.new) for c in found] == [
        ("2026-08-02", "1", "deadline", "kk", "01.07.2026ж. (жоба, түзетілген)", "01.07.2026ж.")]


def test_kazakh_texts_of_a_news_item_count_from_the_approval_of_its_kazakh_edition(tmp_path: Path) -> None:
    """The same for a news item of publications.yml (issue 23: every document the translation
    import writes into): its draft Kazakh never appears in the history, its approved edits do."""
    from vakr.ingest.history import git_changes

    root = tmp_path / "repo"
    (root / "data/2026").mkdir(parents=True)
    pubs = root / "data/2026/publications.yml"
    pubs.write_text((Path(__file__).parents[2] / "data/2026/publications.yml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    edit(pubs, "  about_item: 6\n", "  about_item: 6\n" + NEWS.replace(f"  {KK_APPROVED}\n", ""))
    subprocess.run(["git", "-C", str(root), "init", "-q"], check=True)
    commit(root, "Новость", "2026-06-02T10:00:00+05:00")
    edit(pubs, "kk: Қызметкерлермен кездесу}", "kk: Қызметкерлермен кездесу (жоба)}")
    commit(root, "Правка чернового перевода", "2026-06-03T10:00:00+05:00")
    edit(pubs, "  date: 02.06.2026\n", f"  date: 02.06.2026\n  {KK_APPROVED}\n")
    commit(root, "Казахская редакция утверждена", "2026-06-04T10:00:00+05:00")
    edit(pubs, "kk: Қызметкерлермен кездесу (жоба)}", "kk: Қызметкерлермен жиналыс}")
    commit(root, "Заголовок на казахском", "2026-06-05T10:00:00+05:00")
    found = git_changes(root)
    assert found is not None
    assert [(c.date.isoformat(), c.item, c.field, c.lang, c.old, c.new) for c in found if c.lang == "kk"] == [
        ("2026-06-05", "vstrecha-2026", "title", "kk", "Қызметкерлермен кездесу (жоба)", "Қызметкерлермен жиналыс")]


def test_kazakh_history_names_an_order_by_a_label_then_the_russian_data(history_site: Site) -> None:
    """«Бұйрық: № 45-П, 09.06.2026» and «бұйрық: № 45-П»: the Russian number of the order is
    marked lang="ru" after a Kazakh label, never inflected into a Kazakh phrase («… бұйрық»)."""
    page = history_site.page("kk/2026/history/")
    amendment = page.select_one("#amendments").find_next("ul").li
    assert " ".join(amendment.get_text().split()).startswith("Бұйрық: № 45-П, 09.06.2026 — ")
    assert [(s["lang"], s.get_text()) for s in amendment.select("[lang]")] == [("ru", "№ 45-П")]
    head = page.select_one('li[data-item="1"][data-field="deadline"] .vakr-change__head')
    assert " ".join(head.get_text().split()).endswith("; бұйрық: № 45-П")
    assert head.select_one('span[lang="ru"]').get_text() == "№ 45-П"
    russian = history_site.page("2026/history/").select_one("#amendments").find_next("ul").li
    assert " ".join(russian.get_text().split()).startswith("Приказ № 45-П от 09.06.2026 — ")
    assert not russian.select("[lang]")
