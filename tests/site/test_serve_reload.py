"""An officer's review loop in a real `mkdocs serve` with live reload: a saved data file
reaches the open page in both languages; a broken save is reported (file and line) in the
terminal and, on every page asked for, in the browser, which reloads to it and answers at
once (MkDocs alone would hold every request until the data is mended); the next good save
is shown again; after midnight the server dates its pages anew, as a build would."""

from __future__ import annotations

import datetime as dt
import glob
import time
import urllib.error
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

from bench.serve import LiveSite, get, served
from bench.workspace import project_copy

PLAN = Path("data/2026/plan.yml")
OLD = "обеспечить полноту размещения"  # plan item 1's recommendation
NEW = "обеспечить ПОЛНОТУ РАЗМЕЩЕНИЯ"


def _plan_pages(live: LiveSite) -> list[str]:
    return [get(f"{live.base}{prefix}2026/plan/").decode("utf-8") for prefix in ("", "kk/")]


MESSAGE = ("data/2026/plan.yml, строка 23: ошибка синтаксиса YAML: квадратная скобка «[» открыта, "
           "но не закрыта «]»")


def _error_page(url: str) -> tuple[int, BeautifulSoup]:
    """The answer of the server while the data is broken (an error status: urlopen raises)."""
    try:
        urllib.request.urlopen(url, timeout=30)  # noqa: S310 — our own loopback server
    except urllib.error.HTTPError as err:
        return err.code, BeautifulSoup(err.read(), "html.parser")
    raise AssertionError(f"{url} answered 200 while the data is broken")


def _wait_for_log(live: LiveSite, text: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = live.log.read_text(encoding="utf-8", errors="replace")
        if text in log:
            return log
        time.sleep(0.2)
    raise AssertionError(f"«{text}» not in the serve log:\n{log[-3000:]}")


def test_saved_data_reaches_the_open_page_and_a_broken_save_is_reported(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    plan = project / PLAN
    source = plan.read_text(encoding="utf-8")
    with served(project) as live:
        assert all(OLD in page for page in _plan_pages(live))

        plan.write_text(source.replace(OLD, NEW, 1), encoding="utf-8")
        live.wait_for_rebuild()
        assert all(NEW in page and OLD not in page for page in _plan_pages(live))

        plan.write_text(source.replace("- number: 1\n", "- number: [1\n", 1), encoding="utf-8")
        live.wait_for_rebuild()  # the open page reloads: to the error
        log = _wait_for_log(live, MESSAGE)
        assert "An error happened during the rebuild" not in log
        for path in ("", "2026/plan/", "kk/2026/schedule/", "assets/vakr.css", "no/such/page/"):
            status, page = _error_page(live.base + path)
            assert status == 500
            assert page.select_one("html")["lang"] == "ru"
            assert page.h1.get_text() == "Сайт не собран: ошибка в данных"
            assert page.pre.get_text() == f"Ошибки в данных (1):\n  {MESSAGE}"
            assert "livereload" in str(page.script)  # it reloads itself once the file is mended

        plan.write_text(source, encoding="utf-8")
        live.wait_for_rebuild()
        assert all(OLD in page and NEW not in page for page in _plan_pages(live))
    assert "Изменения файлов проверяются каждые 0.2 с" in live.log.read_text(encoding="utf-8")


# the review server's clock (faketime): 23:58:30 in Almaty, 90 s before the day turns
BEFORE_MIDNIGHT = dt.datetime(2026, 12, 1, 23, 58, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))


def _as_of(live: LiveSite, prefix: str = "") -> str:
    page = BeautifulSoup(get(f"{live.base}{prefix}2026/execution/", timeout=300), "html.parser")
    return " ".join(page.select_one("p.vakr-as-of").get_text().split())


def libfaketime() -> str:
    """Debian's libfaketime (the `faketime` package), preloaded into the server itself: the
    `faketime` wrapper would leave the server running when the test stops it."""
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketimeMT.so.1"))
    assert found, "libfaketime not found: install Debian's `faketime` (make test does it as root)"
    return found[0]


def test_the_review_servers_state_date_follows_the_day(tmp_path: Path) -> None:
    """Uncommitted data is dated today: a server started before midnight shows 01.12.2026;
    after midnight, with no file saved, the next request rebuilds it for 02.12.2026, as a
    `make build` then would (MkDocs alone kept the old date until the next save)."""
    project = project_copy(tmp_path / "project")  # no git: the build is dated today
    started = time.monotonic()
    clock = BEFORE_MIDNIGHT.astimezone(dt.timezone.utc).strftime("@%Y-%m-%d %H:%M:%S")
    # the wall clock only: MkDocs' waits (and the 90 s the test waits) run on the real monotonic one
    env = {"TZ": "UTC", "LD_PRELOAD": libfaketime(), "FAKETIME": clock, "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
    with served(project, env=env) as live:
        assert time.monotonic() - started < 80, "the server came up after midnight: nothing was tested"
        assert _as_of(live).startswith("Состояние на 01.12.2026.")
        time.sleep(max(0.0, 92 - (time.monotonic() - started)))  # past midnight on the server's clock
        # the first request after midnight waits for the new day's build
        assert _as_of(live).startswith("Состояние на 02.12.2026.")
        assert _as_of(live, "kk/").startswith("02.12.2026")
        live.wait_for_rebuild(timeout=5)  # and the open pages were told to reload
    log = live.log.read_text(encoding="utf-8")
    assert "Наступил новый день: сайт пересобирается на дату 02.12.2026" in log
    assert "Состояние исполнения показано на 02.12.2026 (дата сборки)." in log
    assert "WARNING" not in log and "Template skipped" not in log, log  # the review server's log is true too
