"""An officer's review loop in a real `mkdocs serve` with live reload: a saved data file
reaches the open page in both languages; a broken save is reported (file and line) in the
terminal and, on every page asked for, in the browser, which reloads to it and answers at
once (MkDocs alone would hold every request until the data is mended); the next good save
is shown again."""

from __future__ import annotations

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
