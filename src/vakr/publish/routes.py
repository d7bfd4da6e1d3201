"""The router: which pages each ВАКР cycle has (`all_pages`, with their titles) and the
address of every page and file (`Urls`, the templates' `url_for`). The generator's adapter
turns the pages into its own files (`vakr.adapter.stubs` for MkDocs)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from vakr.publish import strings
from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import DEFAULT_LANGUAGE, LANGUAGES
from vakr.derive.publications import Entry, cycle_entries

ANNOUNCEMENTS_DIR = "announcements"  # one page per announcement: <year>/announcements/<id>.md
DATA_DIR = "data"  # the folder of a cycle's open-data downloads
DOWNLOAD_SUFFIXES = {"CSV": "csv", "JSON": "json", "iCalendar": "ics"}
WHOLE_CYCLE = "cycle"  # the download that holds every document of the cycle (the JSON)
SITE_PAGES = "site"  # the `year` of a page of the whole site (archive, contacts)
HOME = "current"  # the `year` of the home page (docs/index.md names it): the cycles under way
FEED = "feed"  # the announcements' Atom feed, the name of its file
EMBED_DIR = "embed"  # the chrome-less pages for a CMS's <iframe>: embed/<year>/<org>/<kind>/


@dataclass(frozen=True)
class View:
    name: str  # the template, and the page's file name inside the cycle folder
    title_key: str
    hide_toc: bool = False
    folder: str | None = None  # a view with one page per key: <year>/<folder>/<key>.md
    searchable: bool = True  # False: a filtered view of pages the search index already holds
    cartogram: bool = False  # the page shows the cartogram: its matrix is derived for it
    scoped: bool = False  # a subsidiary's site shows its part of it (and says so), not a shared document

    def path(self, year: str, key: str | None = None) -> str:
        return f"{year}/{self.folder}/{key}.md" if self.folder else f"{year}/{self.name}.md"


@dataclass(frozen=True)
class SiteView(View):
    """A page of the whole site rather than of one cycle (archive, contacts)."""

    file: str | None = None  # its page's file name, where it is not the view's name

    def path(self, year: str = "", key: str | None = None) -> str:
        return f"{self.file or self.name}.md"


CYCLE = View("index", "cycle.title", cartogram=True, scoped=True)
SCHEDULE = View("schedule", "page.schedule")
PLAN = View("plan", "page.plan", hide_toc=True, scoped=True)
# publications: what the schedule says must be published
ANNOUNCEMENTS = View("announcements", "page.announcements")
DISCUSSION = View("discussion", "page.discussion")
REPORT = View("report", "page.report")
POSITIONS = View("positions", "page.positions", scoped=True)
OPEN_DATA = View("data", "page.data", scoped=True)
HISTORY = View("history", "page.history")  # every change of the cycle's published documents
ANNOUNCEMENT = View("announcement", "page.announcements", folder=ANNOUNCEMENTS_DIR)  # one page per announcement
ALL_ANNOUNCEMENTS = SiteView("all_announcements", "page.announcements.all", file=ANNOUNCEMENTS_DIR)  # every cycle's
ARCHIVE = SiteView("archive", "page.archive")
CONTACTS = SiteView("contacts", "page.contacts")
CHANGES = SiteView("changes", "page.changes")  # every change of every cycle, newest first
# the cartogram of corruption risks
CARTOGRAM = View("cartogram", "page.cartogram", hide_toc=True, cartogram=True, scoped=True)  # the matrix needs the width
RISKS = View("risks", "page.risks", cartogram=True, scoped=True)
# one page per organization: its column of the cartogram, its risks and measures, all of
# them on the list of risks and the execution page already; out of the search index, so a
# search finds each risk once (not again for each organization) and the index stays light
ORGANIZATION = View("organization", "page.organization", folder="organizations", searchable=False, cartogram=True)
# monitoring of execution
TIMELINE = View("timeline", "page.timeline")
MONITORING = View("monitoring", "page.monitoring", scoped=True)
EXECUTION = View("execution", "page.execution", scoped=True)  # every plan item's status and reports, one section each

PUBLICATION_VIEWS = (ANNOUNCEMENTS, DISCUSSION, REPORT, POSITIONS, OPEN_DATA, HISTORY)
SITE_VIEWS = (ALL_ANNOUNCEMENTS, ARCHIVE, CHANGES, CONTACTS)
CYCLE_VIEWS = (CYCLE, SCHEDULE, TIMELINE, PLAN, MONITORING, EXECUTION, *PUBLICATION_VIEWS)
CARTOGRAM_VIEWS = (CARTOGRAM, RISKS)
VIEWS = {view.name: view for view in (*CYCLE_VIEWS, ANNOUNCEMENT, *SITE_VIEWS, *CARTOGRAM_VIEWS, ORGANIZATION)}


@dataclass(frozen=True)
class PageSpec:
    """One generated page, with its title in every language; `year` is "site" for a page
    of the whole site, `key` names the page of a per-key view."""

    view: View
    year: str
    titles: dict[str, str]
    key: str | None = None

    @property
    def path(self) -> str:
        return self.view.path(self.year, self.key)


def _fixed(view: View, year: str) -> PageSpec:
    return PageSpec(view, year, {lang: strings.t(lang, view.title_key, year=year) for lang in LANGUAGES})


def cycle_pages(cycle: Cycle) -> list[PageSpec]:
    return [_fixed(view, cycle.year) for view in CYCLE_VIEWS]


def cartogram_pages(site: SiteData, cycle: Cycle) -> list[PageSpec]:
    """The cartogram, the list of risks and one page per organization row: only for a cycle
    that has published its risks."""
    if cycle.risks is None:
        return []
    pages = [_fixed(view, cycle.year) for view in CARTOGRAM_VIEWS]
    for org in site.organizations.values():
        if org.kind != "department" and site.shows(org):  # a subsidiary's site: its own
            label = org.label
            titles = {lang: getattr(label, lang) or label.ru for lang in LANGUAGES}
            pages.append(PageSpec(ORGANIZATION, cycle.year, titles, key=org.id))
    return pages


def announcement_pages(cycle: Cycle) -> list[PageSpec]:
    return [PageSpec(ANNOUNCEMENT, cycle.year, {lang: entry_title(entry, lang) for lang in LANGUAGES}, key=entry.id)
            for entry in cycle_entries(cycle)]


def item_id(number: int) -> str:
    """The public anchor of a plan or schedule item: `#item-17`."""
    return f"item-{number}"


def plan_item_url(year: str, number: int, lang: str) -> str:
    """Where a plan item's status and reports are, in `lang`: `2026/execution/#item-17`.
    One page per cycle rather than one per item: a page per item made a large plan's build
    grow by thousands of pages (found by `make bench` at 50× the data)."""
    return Urls(lang, lambda path: page_url(path, lang), year)(EXECUTION, item=number)


def all_pages(site: SiteData) -> list[PageSpec]:
    cycles = [page for cycle in site.cycles
              for page in (*cycle_pages(cycle), *cartogram_pages(site, cycle), *announcement_pages(cycle))]
    return [*cycles, *(_fixed(view, SITE_PAGES) for view in SITE_VIEWS)]


def page_url(path: str, lang: str) -> str:
    """The site-relative URL of a page path in `lang`: `2026/plan.md` → `kk/2026/plan/`."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    stem = path.removesuffix(".md")
    return prefix + (stem.removesuffix("index") if stem.endswith("index") else stem + "/")


def embed_path(year: str, org: str, kind: str) -> str:
    """An embed's page path: `embed/2026/almaty-finance/cartogram.md` (vakr.publish.embed)."""
    return f"{EMBED_DIR}/{year}/{org}/{kind}.md"


def relative_url(target: str, here: str) -> str:
    """A site-relative URL (`2026/risks/`, a file, `assets/x.css`) as seen from page folder `here`:
    for pages the adapter does not render (the embeds)."""
    path = posixpath.relpath("/" + target, "/" + here.rstrip("/") or "/")
    return path + "/" if target.endswith("/") and not path.endswith("/") else path


def download_name(year: str, document: str, format: str) -> str:
    """`vakr-2026-plan.csv`; the JSON of the whole cycle is `vakr-2026.json`."""
    stem = f"vakr-{year}" if document == WHOLE_CYCLE else f"vakr-{year}-{document}"
    return f"{stem}.{DOWNLOAD_SUFFIXES[format]}"


def download_path(year: str, document: str, format: str) -> str:
    """An open-data file of a cycle, beside its "documents and open data" page."""
    return f"{year}/{DATA_DIR}/{download_name(year, document, format)}"


def feed_path(lang: str, name: str = FEED) -> str:
    """`feed.xml` and `feed.kk.xml` (`changes.xml`… for the edition history), all at the site
    root: Material fetches `sitemap.xml` beside every `<link rel="alternate">` of a page, and
    the root one exists."""
    return f"{name}.xml" if lang == DEFAULT_LANGUAGE else f"{name}.{lang}.xml"


class Addressed(Protocol):
    """A file of the site, by its path in it: the same in every language (an attached document
    or a signed original: its path inside docs/; an open-data download)."""

    path: str


LinkTo = Callable[[str], str]
"""Maps a site path (`2026/plan.md` a page, `2026/data/x.csv` a file) to a URL relative to
the page being rendered: the adapter's, which alone knows where that page is."""


class Urls:
    """Every address one page links to, as its `link_to` makes it (relative to the page; absolute
    in a feed): the pages by view, with the page's own cycle unless another is named, a key,
    an item or an anchor (`url_for('plan', item=17)`); the feeds (`url_for('feed')`,
    `url_for('feed', key='changes')`); the files (`Addressed`: downloads, documents, originals).
    Templates call it as `url_for`; no template and no other module builds a path."""

    def __init__(self, lang: str, link_to: LinkTo, year: str) -> None:
        self.lang, self.link_to, self.year = lang, link_to, year

    def __call__(self, target: str | View | Addressed, year: str | None = None, key: str | None = None,
                 item: int | None = None, anchor: str | None = None) -> str:
        if target == FEED:  # `key` names another feed than the announcements': `changes`
            path = feed_path(self.lang, key or FEED)
        elif isinstance(target, (str, View)):
            view = VIEWS[target] if isinstance(target, str) else target
            path = view.path(year or self.year, key)
        else:
            path = target.path
        fragment = item_id(item) if item is not None else anchor
        return self.link_to(path) + (f"#{fragment}" if fragment else "")


def entry_title(entry: Entry, lang: str) -> str:
    """An announcement's title: the officer's own, or the schedule announcement's UI title."""
    source = entry.source
    if source.kind == "news":
        return getattr(source.title, lang) or source.title.ru
    return strings.t(lang, f"announce.{source.kind}.title", year=entry.cycle.year)
