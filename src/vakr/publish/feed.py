"""The Atom feed of announcements, one per language, with absolute links under the
configured site address (a feed reader has no page to resolve relative links against)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

from vakr.publish import strings
from vakr.domain.site import SiteData
from vakr.domain.model import DEFAULT_LANGUAGE
from vakr.domain.statedate import ALMATY  # announcements are dated in Almaty time, like the status
from vakr.publish.opendata import flat
from vakr.ingest.history import History
from vakr.publish.history_view import ChangeNames
from vakr.publish.routes import ANNOUNCEMENT, CHANGES, HISTORY, Urls, entry_title, feed_path, page_url
from vakr.derive.publications import site_entries
from vakr.publish.templating import environment


def _urls(lang: str, base: str, year: str) -> Urls:
    """Addresses under the site address: a feed reader has no page to resolve links against."""
    return Urls(lang, lambda path: urljoin(base, page_url(path, lang)), year)


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
                        "link": _urls(lang, base, entry.cycle.year)(ANNOUNCEMENT, key=entry.id),
                        "updated": _stamp(entry.date or entry.cycle.info.period.start), "summary": summary})
    return _feed(site, lang, base, "announcements", strings.t(lang, "feed.title"), feed_path(lang), "index.md", entries)


def _feed(site: SiteData, lang: str, base: str, name: str, title: str, path: str, home: str,
          entries: list[dict[str, str]]) -> bytes:
    newest = max((e["updated"] for e in entries), default=_stamp(site.current.info.period.start))
    text = environment().get_template("feed.xml.j2").render(
        lang=lang, id=f"urn:vakr:{name}:{lang}", title=title, author=strings.t(lang, "feed.author"),
        self_link=urljoin(base, path), home=urljoin(base, page_url(home, lang)), updated=newest, entries=entries)
    return (text + "\n").encode("utf-8")


def history_atom(site: SiteData, history: History, lang: str, site_url: str) -> bytes:
    """The feed of every change of a published document, newest first, in `lang`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    entries = []
    names = ChangeNames(site, lang)
    for change in history.changes:
        link = _urls(lang, base, change.year)(HISTORY, anchor=change.anchor)
        summary = names.outcome(change) if change.kind != "changed" else strings.t(
            lang, "history.summary", old=change.old or "—", new=change.new or "—")
        entries.append({"id": f"urn:vakr:{change.year}:{change.anchor}", "title": names.title(change),
                        "link": link, "updated": _stamp(change.date), "summary": summary})
    return _feed(site, lang, base, "changes", strings.t(lang, "history.feed.title"), feed_path(lang, "changes"),
                 CHANGES.path(), entries)
