"""The state date never hides saved data (`vakr.domain.statedate`): a report dated after the last
commit is shown on the built site, with and without SOURCE_DATE_EPOCH; the build says in
Russian which date it shows and why; a dated publication (news, the signed report, the
approved positions, a signed original) or the cartogram's update moves it the same way;
review (the hook's own date, as in `mkdocs serve`) and `vakr build` agree; an explicit
`as_of:` earlier than a saved report or publication is refused."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from bench.workspace import project_copy
from conftest import Site, build_site, copy_data, load_errors
from vakr.cli import SITE_URL_UNSET as SITE_URL_NOTE
from vakr.ingest.load import load_site
from vakr.domain.statedate import build_day, build_epoch, reports_date, state_date

DATA = Path(__file__).resolve().parents[2] / "data"
COMMIT_DAY = "2026-11-22T12:00:00+05:00"
COMMIT_EPOCH = "1795330800"  # the same moment
REPORT = """  7:
  - date: 30.11.2026
    status: in_progress
    text: {ru: Проект приказа направлен на согласование}
"""


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMIT_DAY, "GIT_COMMITTER_DATE": COMMIT_DAY,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.kz",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.kz"}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True, env=env).stdout


def add_report(root: Path) -> None:
    """As README tells the officer: the report's lines at the end of monitoring.yml."""
    with (root / "data" / "2026" / "monitoring.yml").open("a", encoding="utf-8") as file:
        file.write(REPORT)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A git checkout of the project whose last commit is dated 22.11.2026."""
    root = project_copy(tmp_path / "vakr")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "published")
    return root


def item_7(site: Path) -> str:
    page = lxml_html.parse(str(site / "2026" / "execution" / "index.html")).getroot()
    status = page.xpath('//section[@id="item-7"]//dd[@class="vakr-item-status"]')[0]
    return " ".join(status.text_content().split())


def as_of_line(site: Path) -> str:
    page = lxml_html.parse(str(site / "2026" / "execution" / "index.html")).getroot()
    return " ".join(page.xpath('//p[@class="vakr-as-of"]')[0].text_content().split())


def environ_without_epoch() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}


def test_report_after_the_commit_with_source_date_epoch(checkout: Path) -> None:
    """SOURCE_DATE_EPOCH of the commit day, a report dated after it: the state date moves
    to the report's day and the build says so."""
    add_report(checkout)
    result = build_site(checkout / "site", root=checkout, env={"SOURCE_DATE_EPOCH": COMMIT_EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    log = result.stdout + result.stderr
    assert "Дата состояния перенесена с даты сборки 22.11.2026 на 30.11.2026" in log
    assert "отчёт по пункту 7 плана мероприятий 2026" in log
    assert item_7(checkout / "site").startswith("◐ в работе"), item_7(checkout / "site")
    assert as_of_line(checkout / "site").startswith(
        "Состояние на 30.11.2026. Сведения об исполнении — на 30.11.2026 (дата самого нового отчёта). Статусы")


def test_committed_report_dated_after_its_commit_without_source_date_epoch(checkout: Path) -> None:
    """`make build` in a clean checkout dates the build by the last commit (22.11): the
    report of 30.11 committed then still shows, and the build says why the date moved."""
    add_report(checkout)
    git(checkout, "commit", "-qam", "report for item 7")
    result = subprocess.run([sys.executable, "-m", "vakr", "--root", str(checkout), "build", "--site-dir",
                             str(checkout / "site")], capture_output=True, text=True, check=False,
                            env=environ_without_epoch())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "время последнего коммита" in result.stdout
    assert "перенесена с даты сборки 22.11.2026 на 30.11.2026" in result.stdout
    assert item_7(checkout / "site").startswith("◐ в работе")


def test_uncommitted_report_dates_the_build_today_and_review_agrees(checkout: Path) -> None:
    """An uncommitted report: never the older commit's date. `vakr check` says the build is
    dated today; the hook's own date (what `mkdocs serve` shows) is the same state date."""
    add_report(checkout)
    env = environ_without_epoch()
    check = subprocess.run([sys.executable, "-m", "vakr", "--root", str(checkout), "check"],
                           capture_output=True, text=True, check=False, env=env)
    assert check.returncode == 0, check.stderr
    assert "изменения после последнего коммита, поэтому дата сборки — сегодняшняя" in check.stdout
    expected = max(build_day(None), dt.date(2026, 11, 30)).strftime("%d.%m.%Y")
    assert f"на {expected}" in check.stdout
    review = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(checkout / "review")],
                            cwd=checkout, capture_output=True, text=True, check=False,
                            env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert review.returncode == 0, review.stderr
    assert as_of_line(checkout / "review").startswith(f"Состояние на {expected}.")
    assert item_7(checkout / "review").startswith("◐ в работе")


def test_build_epoch_is_the_commit_only_while_data_is_committed(checkout: Path) -> None:
    assert build_epoch(checkout, {}) [0] == COMMIT_EPOCH
    assert build_epoch(checkout, {"SOURCE_DATE_EPOCH": "1790000000"})[0] == "1790000000"
    add_report(checkout)
    epoch, note = build_epoch(checkout, {})
    assert epoch is None and note is not None and "сегодняшняя" in note
    shutil.rmtree(checkout / ".git")
    assert build_epoch(checkout, {}) == (None, None)


def test_build_day_is_the_day_in_almaty() -> None:
    assert build_day("1790000000") == dt.date(2026, 9, 21)
    now = dt.datetime(2026, 11, 21, 20, 0, tzinfo=dt.timezone.utc)  # already the 22nd in Almaty
    assert build_day(None, now) == dt.date(2026, 11, 22)


def test_state_date_moves_only_forward_and_reports_date_follows_it(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    add_report(tmp_path)
    site = load_site(data)
    cycle = site.cycle("2026")
    later = state_date(site, dt.date(2026, 12, 5))
    assert later.on == dt.date(2026, 12, 5) and later.moved_by is None
    assert later.notes(site) == ["Состояние исполнения показано на 05.12.2026 (дата сборки)."]
    earlier = state_date(site, dt.date(2026, 11, 22))
    assert earlier.on == earlier.of(cycle) == dt.date(2026, 11, 30)
    assert reports_date(cycle, earlier.on) == dt.date(2026, 11, 30)
    # stage 8's done mark (the plan's approval, 13.05) is no execution report: no reports date before 30.11
    assert reports_date(cycle, dt.date(2026, 11, 29)) is None


def test_explicit_as_of_before_a_saved_report_is_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    add_report(tmp_path)
    path = data / "2026" / "monitoring.yml"
    path.write_text(path.read_text(encoding="utf-8") + "as_of: 01.09.2026\n", encoding="utf-8")
    error = next(e for e in load_errors(data) if e.field == "as_of")
    assert error.file == "data/2026/monitoring.yml"
    assert "дата состояния 01.09.2026 раньше, чем отчёт по пункту 7 плана мероприятий 2026 от 30.11.2026" in error.message
    assert "Удалите as_of" in error.message


def test_a_cycle_with_its_own_as_of_is_named_in_the_notes(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    add_report(tmp_path)
    path = data / "2026" / "monitoring.yml"
    path.write_text("as_of: 01.12.2026\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    site = load_site(data)
    state = state_date(site, dt.date(2026, 11, 22))
    assert state.on == dt.date(2026, 11, 22) and state.of(site.cycle("2026")) == dt.date(2026, 12, 1)
    assert state.notes(site)[1] == "ВАКР 2026: состояние показано на 01.12.2026 (as_of в 2026/monitoring.yml)."


@pytest.mark.parametrize("lang,label", [("", "Сведения об исполнении"), ("kk/", "ең соңғы есептің күні")])
def test_reports_date_counts_execution_reports_only(built: Site, lang: str, label: str) -> None:
    """The 2026 data marks stages 1 and 8 done (13.05.2026: the plan's approval) and holds no
    execution report: no page gives a reports date, so none passes a done mark off as a report."""
    for page in ("", "2026/", "2026/monitoring/", "2026/execution/", "2026/timeline/"):
        lines = [" ".join(p.get_text(" ").split()) for p in built.page(f"{lang}{page}").select(".vakr-as-of")]
        assert lines and not [line for line in lines if label in line or "13.05.2026" in line], (page, lines)


# --- publications and the cartogram: dated entries too --------------------------------------

NEWS = """- kind: news
  id: itogi-2026
  date: 30.11.2026
  title: {ru: Итоги ВАКР 2026}
  body: {ru: Текст новости.}
"""


def add_news(root: Path) -> None:
    """A news item dated 30.11.2026, as README tells the officer: at the end of publications.yml."""
    with (root / "data" / "2026" / "publications.yml").open("a", encoding="utf-8") as file:
        file.write(NEWS)


def add_original(root: Path, file: str) -> None:
    """The signed record of the public discussion, dated 30.11.2026."""
    (root / "docs" / file).parent.mkdir(parents=True, exist_ok=True)
    (root / "docs" / file).write_bytes(b"%PDF-1.4 discussion\n")
    _edit(root / "data/2026/publications.yml", "  schedule_item: 6\n",
          f"  schedule_item: 6\n  originals:\n  - {{lang: ru, file: {file}, date: 30.11.2026}}\n")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PUBLICATION_DATES = {
    "news": (add_news, "новость itogi-2026 в 2026/publications.yml"),
    "report": (lambda root: _edit(root / "data/2026/publications.yml", "  schedule_item: 9\n",
                                  "  schedule_item: 9\n  signed: 30.11.2026\n"),
               "подпись аналитической справки (signed в 2026/publications.yml)"),
    "positions": (lambda root: _edit(root / "data/2026/publications.yml", "  schedule_item: 11\n",
                                     "  schedule_item: 11\n  approved: 30.11.2026\n"),
                  "утверждение перечня должностей (approved в 2026/publications.yml)"),
    "original": (lambda root: add_original(root, "documents/2026/discussion-ru.pdf"),
                 "подписанный оригинал documents/2026/discussion-ru.pdf в 2026/publications.yml"),
    "cartogram": (lambda root: _edit(root / "data/2026/risks.yml", "updated: 21.11.2026", "updated: 30.11.2026"),
                  "дата обновления картограммы ВАКР 2026 (updated в 2026/risks.yml)"),
}


@pytest.mark.parametrize("kind", PUBLICATION_DATES)
def test_a_publication_dated_after_the_build_day_moves_the_state_date(tmp_path: Path, kind: str) -> None:
    """A news item, the report's signature, the list's approval, a signed original, the
    cartogram's update: each dated 30.11 moves a build of 22.11 to 30.11, and the notes say which."""
    data = copy_data(tmp_path)
    edit, what = PUBLICATION_DATES[kind]
    edit(tmp_path)
    site = load_site(data)
    state = state_date(site, dt.date(2026, 11, 22))
    assert state.on == dt.date(2026, 11, 30) and state.moved_by is not None
    assert state.moved_by.what == what
    assert state.notes(site)[0].startswith("Дата состояния перенесена с даты сборки 22.11.2026 на 30.11.2026")
    assert state_date(site, dt.date(2026, 12, 5)).moved_by is None  # a later build day stays


@pytest.mark.parametrize("kind", ["news", "cartogram"])
def test_explicit_as_of_before_a_publication_is_refused(tmp_path: Path, kind: str) -> None:
    data = copy_data(tmp_path)
    PUBLICATION_DATES[kind][0](tmp_path)
    path = data / "2026" / "monitoring.yml"
    path.write_text(path.read_text(encoding="utf-8") + "as_of: 25.11.2026\n", encoding="utf-8")
    error = next(e for e in load_errors(data) if e.field == "as_of")
    assert error.file == "data/2026/monitoring.yml"
    assert error.message.startswith(f"дата состояния 25.11.2026 раньше, чем {PUBLICATION_DATES[kind][1]} от 30.11.2026")


def announcement_line(site: Path, lang: str = "") -> str:
    page = lxml_html.parse(str(site / lang / "2026" / "announcements" / "itogi-2026" / "index.html")).getroot()
    return " ".join(page.xpath("//article//h1|//main//h1")[0].text_content().split())


def test_news_after_the_commit_with_source_date_epoch(checkout: Path) -> None:
    """A news item saved after the commit, built with the commit's SOURCE_DATE_EPOCH: it is
    published and every status line is dated no earlier than it."""
    add_news(checkout)
    result = build_site(checkout / "site", root=checkout, env={"SOURCE_DATE_EPOCH": COMMIT_EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    log = result.stdout + result.stderr
    assert ("Дата состояния перенесена с даты сборки 22.11.2026 на 30.11.2026 — дату самой новой записи "
            "(новость itogi-2026 в 2026/publications.yml)") in log
    assert announcement_line(checkout / "site") == "Итоги ВАКР 2026"
    assert as_of_line(checkout / "site").startswith("Состояние на 30.11.2026.")


def test_committed_cartogram_update_after_its_commit_without_source_date_epoch(checkout: Path) -> None:
    """`make build` of a clean checkout (dated by its commit, 22.11) whose cartogram says it
    was updated on 30.11: the state moves to 30.11 and the build says so, no warning."""
    PUBLICATION_DATES["cartogram"][0](checkout)
    git(checkout, "commit", "-qam", "cartogram updated")
    result = subprocess.run([sys.executable, "-m", "vakr", "--root", str(checkout), "build", "--site-dir",
                             str(checkout / "site")], capture_output=True, text=True, check=False,
                            env=environ_without_epoch())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "перенесена с даты сборки 22.11.2026 на 30.11.2026" in result.stdout
    assert "дата обновления картограммы ВАКР 2026" in result.stdout
    assert "Внимание" not in result.stderr.replace(SITE_URL_NOTE, "")
    assert as_of_line(checkout / "site").startswith("Состояние на 30.11.2026.")
