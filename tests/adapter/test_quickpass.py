"""`make serve`'s quick pass (`vakr.adapter.quickpass`, `vakr.adapter.spliced`): a request for a
page never gets its old file while the pass has it to write, and a page's new content goes
into its written HTML only where nothing else of the page changed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from vakr.adapter.quickpass import Outcome, QuickPass
from vakr.adapter.spliced import SplicedPages


def test_a_request_waits_for_the_page_being_written() -> None:
    """The background pass has taken the page and is writing it: the request waits for it
    (it used to find the page no longer stale and get the old file)."""
    quick, writing, release, written = QuickPass(), threading.Event(), threading.Event(), []

    def slow() -> None:
        writing.set()
        release.wait(5)
        written.append("plan")

    quick.start({"2026/plan/": slow}, lambda: None, lambda: None)
    assert writing.wait(5)
    served = threading.Thread(target=quick.ensure, args=("2026/plan/",))
    served.start()
    time.sleep(0.2)
    assert served.is_alive() and written == []  # still waiting
    release.set()
    served.join(5)
    assert written == ["plan"]
    quick.wait()


def test_a_requested_page_is_written_first() -> None:
    quick, order, gate = QuickPass(), [], threading.Event()
    pages = {"a/": lambda: (gate.wait(5), order.append("a/")), "b/": lambda: order.append("b/"),
             "c/": lambda: order.append("c/")}
    quick.start(pages, lambda: order.append("done"), lambda: None)
    asker = threading.Thread(target=quick.ensure, args=("c/",))
    asker.start()
    gate.set()
    asker.join(5)
    quick.wait()
    assert order.index("c/") < order.index("b/") and order[-1] == "done"


def test_the_open_page_asking_just_after_the_rebuild_is_not_held_behind_another() -> None:
    """The server says the rebuild is done as the pass starts, and the open page's request
    comes a moment later: it used to wait for whichever page the pass had taken first."""
    quick, order = QuickPass(), []
    pages = {"a/": lambda: (time.sleep(0.5), order.append("a/")), "b/": lambda: order.append("b/")}
    quick.start(pages, lambda: order.append("done"), lambda: None)
    time.sleep(0.05)  # the reload's request, after the live-reload answer
    quick.ensure("b/")
    assert order == ["b/"]
    quick.wait()
    assert order == ["b/", "a/", "done"]


def test_the_pass_counts_what_changed_and_leaves_to_mkdocs_what_it_could_not_write() -> None:
    quick = QuickPass()
    pages = {"a/": lambda: Outcome.SAME, "b/": lambda: Outcome.WRITTEN, "c/": lambda: Outcome.LEFT}
    quick.start(pages, lambda: None, lambda: None)
    quick.ensure("c/")  # a reader's page is recorded like the others
    quick.wait()
    assert (quick.changed, quick.left) == (2, {"c/"})
    assert quick.took_pages_left() and not quick.took_pages_left()  # once, by the build that renders them


def test_only_the_content_is_replaced_and_only_where_the_shape_is_the_same(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    output = "<head>x</head><article><p>old</p></article>\r\n"
    page.write_bytes(output.encode("utf-8"))
    spliced = SplicedPages()
    spliced.record("p/", output, "<p>old</p>", "toc-1", "<h1>P</h1>")
    assert not spliced.replace(page, "p/", "<p>new</p>", "toc-2")  # headings changed: the theme renders it
    assert spliced.replace(page, "p/", "<p>новый</p>", "toc-1")
    assert page.read_bytes().decode("utf-8") == "<head>x</head><article><p>новый</p></article>\r\n"
    assert spliced.replace(page, "p/", "<p>third</p>", "toc-1")  # the spot follows the new content
    assert page.read_bytes().decode("utf-8") == "<head>x</head><article><p>third</p></article>\r\n"
    page.write_text("changed by someone else", encoding="utf-8")
    assert not spliced.replace(page, "p/", "<p>4</p>", "toc-1")
    assert page.read_text(encoding="utf-8") == "changed by someone else"


def test_content_that_is_not_once_in_the_page_is_never_spliced(tmp_path: Path) -> None:
    spliced = SplicedPages()
    spliced.record("p/", "<p>a</p><p>a</p>", "<p>a</p>", "s", "")
    (tmp_path / "index.html").write_text("<p>a</p><p>a</p>", encoding="utf-8")
    assert not spliced.replace(tmp_path / "index.html", "p/", "<p>b</p>", "s")
