"""What `make bench` found on the 404 page (a theme template, which the page hooks do not
reach): failed requests for sitemap.xml, and language links to an unrelated page."""

from __future__ import annotations

from conftest import Site


def test_404_head_has_no_language_alternates(built: Site) -> None:
    """Material fetches sitemap.xml beside every head alternate: two 404s per view."""
    head = built.page("404.html").head
    assert head is not None
    assert head.find_all("link", rel="alternate") == []


def test_404_language_switcher_leads_to_each_language_home(built: Site) -> None:
    links = {a["hreflang"]: a["href"] for a in built.page("404.html").select("a.md-select__link")}
    assert links == {"ru": "/", "kk": "/kk/"}
