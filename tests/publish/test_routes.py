"""The router (`vakr.publish.routes`): every address a page links to comes from `Urls`, the
templates' `url_for`; a rendered page's links go through it, the stubs carry its pages."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import ROOT
from vakr.ingest.load import load_site
from vakr.publish.render import BuildContext, render_page
from vakr.publish.routes import (EXECUTION, HOME, SITE_PAGES, VIEWS, WHOLE_CYCLE, Urls, all_pages, download_path,
                                 feed_path, page_url, plan_item_url)


def urls(lang: str = "ru", year: str = "2026") -> Urls:
    """Addresses as site paths (the adapter's link_to left out), so each can be read whole."""
    return Urls(lang, lambda path: path, year)


@pytest.mark.parametrize("call,expected", [
    (lambda u: u("plan"), "2026/plan.md"),
    (lambda u: u("plan", item=17), "2026/plan.md#item-17"),
    (lambda u: u("index", year="2027"), "2027/index.md"),
    (lambda u: u("organization", key="almaty-finance"), "2026/organizations/almaty-finance.md"),
    (lambda u: u("risks", anchor="risk-R03"), "2026/risks.md#risk-R03"),
    (lambda u: u(EXECUTION, item=4), "2026/execution.md#item-4"),
    (lambda u: u("contacts"), "contacts.md"),
    (lambda u: u("all_announcements"), "announcements.md"),
    (lambda u: u("feed"), "feed.xml"),
    (lambda u: u("feed", key="changes"), "changes.xml"),
    (lambda u: u(SimpleNamespace(path="2026/report.pdf")), "2026/report.pdf"),
])
def test_url_for_gives_every_kind_of_address(call, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert call(urls()) == expected


def test_feeds_have_a_file_per_language_and_files_are_the_same_in_both() -> None:
    assert urls("kk")("feed") == feed_path("kk") == "feed.kk.xml"
    assert urls("kk")("feed", key="changes") == "changes.kk.xml"
    assert urls("kk")(SimpleNamespace(path="2026/report.pdf")) == "2026/report.pdf"


def test_urls_pass_through_the_adapters_link_to() -> None:
    """The adapter makes a site path relative to the page; the fragment is added after it."""
    seen: list[str] = []
    relative = Urls("kk", lambda path: seen.append(path) or "../plan/", "2026")
    assert relative("plan", item=3) == "../plan/#item-3"
    assert seen == ["2026/plan.md"]


def test_site_relative_urls_follow_the_language_and_directory_layout() -> None:
    assert page_url("2026/plan.md", "ru") == "2026/plan/"
    assert page_url("2026/plan.md", "kk") == "kk/2026/plan/"
    assert page_url("2026/index.md", "kk") == "kk/2026/"
    assert plan_item_url("2026", 17, "kk") == "kk/2026/execution/#item-17"


def test_downloads_are_named_by_document() -> None:
    assert download_path("2026", "plan", "CSV") == "2026/data/vakr-2026-plan.csv"
    assert download_path("2026", "schedule", "iCalendar") == "2026/data/vakr-2026-schedule.ics"
    assert download_path("2026", WHOLE_CYCLE, "JSON") == "2026/data/vakr-2026.json"


def test_every_page_of_the_data_has_its_own_path() -> None:
    pages = all_pages(load_site(ROOT / "data"))
    paths = [page.path for page in pages]
    assert len(paths) == len(set(paths))
    assert {"2026/plan.md", "2026/execution.md", "contacts.md", "announcements.md"} <= set(paths)
    assert {page.view.name for page in pages} == set(VIEWS)


def test_a_rendered_page_links_only_through_the_router() -> None:
    """Every href of the rendered plan that is not an anchor of the page itself went through
    `link_to` (here: marks it), so no template made an address of its own."""
    site = load_site(ROOT / "data")
    rendered = render_page(site, "plan", "2026", None, "ru", lambda path: f"ROUTED:{path}", BuildContext())
    hrefs = [part.split('"', 1)[0] for part in rendered.html.split(' href="')[1:]]
    assert hrefs and all(h.startswith(("ROUTED:", "#", "https://", "mailto:", "tel:")) for h in hrefs), hrefs
    assert "ROUTED:2026/execution.md#item-1" in hrefs


def test_special_years_name_the_home_page_and_the_pages_of_the_whole_site() -> None:
    site = load_site(ROOT / "data")
    context = BuildContext()
    home = render_page(site, "index", HOME, None, "ru", lambda path: path, context)
    contacts = render_page(site, "contacts", SITE_PAGES, None, "ru", lambda path: path, context)
    assert 'id="vakr-cycle-2026"' in home.html and 'id="vakr-key-2026"' in home.lead  # each cycle under way
    assert "vakr-cycle-" not in contacts.html and not contacts.lead and contacts.html
