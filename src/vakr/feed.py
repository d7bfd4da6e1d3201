"""The Atom feed of announcements, one per language, with absolute links under the
configured site address (a feed reader has no page to resolve relative links against)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

from vakr import strings
from vakr.load import SiteData
from vakr.model import DEFAULT_LANGUAGE
from vakr.statedate import ALMATY  # announcements are dated in Almaty time, like the status
from vakr.opendata import flat
from vakr.pages import entry_title, page_url
from vakr.publications import site_entries
from vakr.templating import environment


def feed_path(lang: str) -> str:
    """`feed.xml` and `feed.kk.xml`, both at the site root: Material fetches `sitemap.xml`
    beside every `<link rel="alternate">` of a page, and the root one exists."""
    return "feed.xml" if lang == DEFAULT_LANGUAGE else f"feed.{lang}.xml"


def _stamp(date: dt.date) -> str:
    return dt.datetime.combine(date, dt.time(), tzinfo=ALMATY).isoformat()


def atom(site: SiteData, lang: str, site_url: str) -> bytes:
    """The feed of every announcement of every cycle, newest first, in `lang`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    entries = []
    for entry in site_entries(site):
        source = entry.source
        if source.kind == "news":
            summary = flat(source.body, lang) or flat(source.body, DEFAULT_LANGUAGE)
        else:
            summary = strings.t(lang, f"announce.{source.kind}.lead")
        entries.append({"id": f"urn:vakr:{entry.cycle.year}:announcement:{entry.id}", "title": entry_title(entry, lang),
                        "link": urljoin(base, page_url(entry.path, lang)),
                        "updated": _stamp(entry.date or entry.cycle.info.period.start), "summary": summary})
    newest = max((e["updated"] for e in entries), default=_stamp(site.current.info.period.start))
    home = urljoin(base, page_url("index.md", lang))
    text = environment().get_template("feed.xml.j2").render(lang=lang, id=f"urn:vakr:announcements:{lang}", title=strings.t(lang, "feed.title"),
                              author=strings.t(lang, "feed.author"), self_link=urljoin(base, feed_path(lang)),
                              home=home, updated=newest, entries=entries)
    return (text + "\n").encode("utf-8")
