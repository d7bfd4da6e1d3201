"""Render the pages of a cycle to HTML in one language, with our templates (autoescaped:
see `vakr.publish.templating`)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup, escape

from vakr.ingest import history
from vakr.derive import originals, publications
from vakr.publish import strings
from vakr.derive.cartogram import Cartogram
from vakr.derive.kkeditions import KkEditionState, cycle_editions
from vakr.ingest.history import HISTORY_FIELDS, History
from vakr.publish.history_view import ChangeNames
from vakr.domain.site import Cycle, SiteData
from vakr.derive import drafts
from vakr.domain.model import DEFAULT_LANGUAGE, MAPS, BulletList, Contacts, Deadline, KkEdition, PlanItem, Rich, ScheduleItem, ScheduleRow, Text
from vakr.publish.opendata import ORGANIZATION_FIELDS, PLAN_FIELDS, REPORT_FIELDS, RISK_FIELDS, SCHEDULE_FIELDS, Download, downloads
from vakr.derive.home import HomeCycles, home_cycles
from vakr.publish.routes import (ANNOUNCEMENT, CYCLE, HOME, ORGANIZATION, SCHEDULE, SITE_PAGES, VIEWS, WHOLE_CYCLE,
                                 LinkTo, Urls, View, download_name, entry_title, item_id)
from vakr.publish.render_monitoring import CycleStatus, StatusView
from vakr.domain.statedate import StateDate, build_day, state_date
from vakr.publish.templating import environment, markup

T = TypeVar("T")


@dataclass
class Heading:
    """A table-of-contents entry: the renderer knows the ids it writes."""

    level: int
    id: str
    name: str
    children: list[Heading] = field(default_factory=list)


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: list[Heading]
    lead: str = ""  # HTML the page shows right under its title (the home page's status block)
    description: str = ""  # plain text for the page's meta description


def format_date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


def _untranslated(tag: str, lang: str, body: Markup) -> Markup:
    """Text shown in its own language on a page of another (`lang`: a code of ours, not
    data): marked with its language, and left out of the search index, where the page in
    that language has it (one hit per text, in the language of the text)."""
    return Markup(f'<{tag} lang="{lang}" data-search-exclude>{body}</{tag}>')


@cache
def _time(value: dt.date) -> Markup:
    """A date as the pages show it (dates repeat in every table: made once each)."""
    return markup('<time datetime="{}">{}</time>', value.isoformat(), format_date(value))


@cache
def _label(lang: str, key: str) -> Markup:
    return escape(strings.template(lang, key)).format()


class _Helpers:
    """The functions templates call, bound to one page language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def t(self, key: str, **values: object) -> Markup:
        """A UI string; values are escaped unless they are already markup (e.g. a <time>)."""
        if not values:  # a label: the same on every page, and tables repeat it in every row
            return _label(self.lang, key)
        return markup(escape(strings.template(self.lang, key)), **values)

    def _pick(self, text: Text | Rich) -> tuple[object, str | None]:
        """The text in the page language, or the Russian original marked with its language."""
        own = getattr(text, self.lang)
        if own is not None:
            return own, None
        return text.ru, DEFAULT_LANGUAGE

    def translated(self, items: list[PlanItem]) -> list[PlanItem]:
        return [item for item in items if item.is_translated(self.lang)]

    def text(self, text: Text) -> Markup:
        value, fallback = self._pick(text)
        if fallback:
            return _untranslated("span", fallback, escape(value))
        return escape(value)

    def russian(self, value: str) -> Markup:
        """Data written only in Russian (an order's number and date) inside a sentence of the
        page: marked with its language on a page in another, after a label, never inflected."""
        if self.lang == DEFAULT_LANGUAGE:
            return escape(value)
        return _untranslated("span", DEFAULT_LANGUAGE, escape(value))

    def plain(self, text: Text) -> str:
        """The text in the page language (or Russian) without markup: for attributes."""
        return str(self._pick(text)[0])

    def rich(self, text: Rich) -> Markup:
        value, fallback = self._pick(text)
        body = markup("<p>{}</p>", value) if isinstance(value, str) else Markup("").join(
            markup('<ul class="vakr-dashes">{}</ul>', Markup("").join(markup("<li>{}</li>", li) for li in block.ul))
            if isinstance(block, BulletList) else markup("<p>{}</p>", block.p)
            for block in value  # type: ignore[union-attr]
        )
        if fallback:
            return _untranslated("div", fallback, body)
        return body

    def kk_draft(self, document: KkEdition | None) -> bool:
        """This page shows Kazakh texts of an edition nobody approved yet (only `make serve`
        gets them: the publishable build removed them, see drafts.py)."""
        return self.lang != DEFAULT_LANGUAGE and drafts.kk_draft(document)

    def time(self, value: dt.date) -> Markup:
        return _time(value)

    def deadline_dates(self, deadline: Deadline) -> dict[str, Markup]:
        """The dates of a deadline as <time> elements, by the names its strings use."""
        return {name: self.time(day) for name, day in deadline.dates.items()}

    def deadline_short(self, deadline: Deadline) -> Markup:
        """The deadline in the page language only, for lists that link to the document."""
        return self.t(f"deadline.{deadline.kind}", **self.deadline_dates(deadline))

    def deadline(self, deadline: Deadline) -> Markup:
        """The deadline in the page language; the approved wording follows it."""
        out = markup('<span class="vakr-deadline vakr-deadline--{}">{}</span>',
                     deadline.kind, self.deadline_short(deadline))
        if deadline.source is not None:
            out += markup('<span class="vakr-source"><span class="vakr-source__label">{}</span> {}</span>',
                          self.t("deadline.source"), self.text(deadline.source))
        return out


def section_id(number: int) -> str:
    return f"section-{number}"


_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


def _toc(view: View, cycle: Cycle, helpers: _Helpers, page: str) -> list[Heading]:
    """The h2/h3 headings with ids that the template wrote (h3 nested under its h2). Read
    with a pattern, not an HTML parser: our templates write headings in this one form, and
    parsing every page was a tenth of the build."""
    if view is SCHEDULE and cycle.schedule is not None:
        return [Heading(2, section_id(n), str(helpers.text(section.title)))
                for n, section in enumerate(cycle.schedule.sections, 1)]
    toc: list[Heading] = []
    for level, anchor, inner in _HEADING.findall(page):
        text = " ".join(html.unescape(_TAG.sub("", inner)).split())
        heading = Heading(int(level), anchor, html.escape(text, quote=False))  # the theme inserts it as HTML
        if heading.level == 3 and toc and toc[-1].level == 2:
            toc[-1].children.append(heading)
        else:
            toc.append(heading)
    return toc


# what the page of a per-key view is about, by view: the template's name for it, and the lookup
_SUBJECTS: dict[str, tuple[str, Callable[[SiteData, Cycle, str], Any]]] = {
    ANNOUNCEMENT.name: ("entry", lambda site, cycle, key: publications.find_entry(cycle, key)),
    ORGANIZATION.name: ("org", lambda site, cycle, key: site.organizations[key]),
}


def _values(view: View, site: SiteData, cycle: Cycle, lang: str, link_to: LinkTo, embedded: bool,
            key: str | None, context: BuildContext) -> dict[str, Any]:
    """What every template of `view` may use."""
    helpers = _Helpers(lang)
    values = dict(
        h=helpers, t=helpers.t, site=site, cycle=cycle, lang=lang, url_for=Urls(lang, link_to, cycle.year),
        views=VIEWS, section_id=section_id, item_id=item_id, embedded=embedded, maps=MAPS,
        pub=_Publications(site, cycle, lang, context), link=_link, code=_code,
        cg=context.cartogram(site, cycle) if cycle.risks is not None and view.cartogram else None,
        status=StatusView(context.status(site, cycle), lang, link_to),
        hist=context.history or History((), False), names=ChangeNames(site, lang), entry=None, org=None,
    )
    if key:
        name, find = _SUBJECTS[view.name]
        values[name] = find(site, cycle, key)
    return values


def render(view: View, site: SiteData, cycle: Cycle, lang: str, link_to: LinkTo, embedded: bool = False,
           key: str | None = None, context: BuildContext | None = None) -> Rendered:
    """Render `view` of `cycle` in `lang`; `embedded` when it is a part of another page (a
    cycle's overview on the home page), which then needs its own heading; `key` names the
    page of a per-key view (an announcement, an organization)."""
    context = context or BuildContext()
    values = _values(view, site, cycle, lang, link_to, embedded, key, context)
    html = environment().get_template(f"{view.name}.html.j2").render(**values)
    if site.scope is not None and view.scoped:  # a subsidiary's own site: which part this is
        html = environment().get_template("_scope.html.j2").render(**values) + html
    if cycle.info.draft:  # every page of a draft cycle, the home page showing it too
        html = _draft_banner(values["h"]) + html
    lead = environment().get_template("_status.html.j2").render(**values) if embedded else ""
    description = _plain(environment().get_template("_description.html.j2").render(view=view, **values))
    return Rendered(html=html, toc=[] if embedded else _toc(view, cycle, values["h"], html), lead=lead,
                    description=description)


def _plain(markup: str) -> str:
    """Rendered HTML as one line of text."""
    return " ".join(html.unescape(_TAG.sub("", markup)).split())


def render_page(site: SiteData, view_name: str, year: str, key: str | None, lang: str, link_to: LinkTo,
                context: BuildContext) -> Rendered:
    """A data page as its page file names it (`routes.PageSpec`): a view, a cycle's year, or
    `HOME` for the home page and `SITE_PAGES` for a page of the whole site, and a key."""
    if year == HOME:
        return render_home(site, lang, link_to, context)
    cycle = site.current if year == SITE_PAGES else site.cycle(year)
    return render(VIEWS[view_name], site, cycle, lang, link_to, False, key, context)


def render_home(site: SiteData, lang: str, link_to: LinkTo, context: BuildContext) -> Rendered:
    """The data part of the home page (`vakr.derive.home`): under the title the status of every cycle
    in progress or still monitored, newest first, then the cycles announced; after the
    hand-written text each shown cycle's overview, then the latest announcements. Its
    description is the newest shown cycle's."""
    home = context.home(site)
    parts = [render(CYCLE, site, cycle, lang, link_to, True, None, context) for cycle in home.shown]
    values = _values(CYCLE, site, home.shown[0], lang, link_to, True, None, context)
    announced = environment().get_template("_announced.html.j2").render(**values, announced=home.announced)
    latest = environment().get_template("_latest.html.j2").render(**values)
    return Rendered(html="".join(p.html for p in parts) + latest, toc=[],
                    lead="".join(p.lead for p in parts) + announced, description=parts[0].description)


# --- publications -----------------------------------------------------------------------


def _link(href: str, text: str, translate: bool = True) -> Markup:
    """A link for a UI sentence; `translate=False` for names no language translates (eotinish.kz)."""
    return markup('<a href="{}"{}>{}</a>', href, Markup("") if translate else Markup(' translate="no"'), text)


def _code(text: str) -> Markup:
    """A machine name (a file, a column) inside a sentence: the same in every language."""
    return markup('<code translate="no">{}</code>', text)


def _draft_banner(helpers: _Helpers) -> str:
    return environment().get_template("_draft_banner.html.j2").render(t=helpers.t)


@dataclass(frozen=True)
class BuildContext:
    """What the pages need from the build: the docs/ folder (attached files and their sizes)
    and SOURCE_DATE_EPOCH (the calendar's time stamp, so sizes match the files); and what is
    derived from one load of the data once, not for every page that shows it (generating
    the downloads for each page was a fifth of a large build)."""

    docs_dir: Path | None = None
    source_date_epoch: str | None = None  # from `statedate.build_epoch`: None dates the build today
    history: History | None = None  # the edition history, read from git once per build
    _derived: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def _once(self, kind: str, cycle: Cycle, derive: Callable[[], T]) -> T:
        key = (kind, cycle.year)
        if key not in self._derived:
            self._derived[key] = derive()
        return self._derived[key]  # type: ignore[no-any-return]

    def downloads(self, site: SiteData, cycle: Cycle) -> list[Download]:
        changes = history.records(self.history, cycle.year) if self.history is not None else None
        return self._once("downloads", cycle, lambda: downloads(
            cycle, site, self.source_date_epoch, originals.records(self.originals(cycle)), changes))

    def originals(self, cycle: Cycle) -> list[originals.OriginalFile]:
        """The cycle's signed originals, each file read (size, SHA-256) once per build."""
        return self._once("originals", cycle, lambda: originals.cycle_originals(cycle, self.docs_dir))

    def cartogram(self, site: SiteData, cycle: Cycle) -> Cartogram:
        return self._once("cartogram", cycle, lambda: Cartogram(site, cycle))

    def state(self, site: SiteData) -> StateDate:
        """The state date of this build (`vakr.domain.statedate`), decided once."""
        if "state" not in self._derived:
            self._derived["state"] = state_date(site, build_day(self.source_date_epoch))
        return self._derived["state"]  # type: ignore[no-any-return]

    def status(self, site: SiteData, cycle: Cycle) -> CycleStatus:
        return self._once("status", cycle, lambda: CycleStatus(site, cycle, self.state(site).of(cycle)))

    def home(self, site: SiteData) -> HomeCycles:
        """The cycles the home page shows, in both languages the same."""
        if "home" not in self._derived:
            self._derived["home"] = home_cycles(site, self.state(site).of, lambda c: self.status(site, c).plan)
        return self._derived["home"]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class KkEditionRow:
    state: KkEditionState  # its `name` is the page's view, its `ident` the news item's key
    title: str


class _Publications:
    """The publication data a template asks for, derived in Python rather than in Jinja."""

    E_OTINISH = "https://eotinish.kz"

    def __init__(self, site: SiteData, cycle: Cycle, lang: str, context: BuildContext) -> None:
        self.site, self.cycle, self.lang, self.context = site, cycle, lang, context
        self.data = cycle.publications

    def item(self, number: int) -> ScheduleItem | None:
        return publications.schedule_item(self.cycle, number)

    def risks_kk_draft(self) -> bool:
        """A Kazakh risk description on this page quotes a Kazakh edition not yet approved."""
        return self.lang != DEFAULT_LANGUAGE and drafts.risks_kk_draft(self.cycle)

    def row(self, number: int) -> ScheduleRow | None:
        """The dated row of schedule item `number`, or its first row."""
        item = self.item(number)
        return publications.dated_row(item) or (item.rows[0] if item else None)

    def entries(self) -> list[publications.Entry]:
        return publications.cycle_entries(self.cycle)

    def latest(self, count: int = 3) -> list[publications.Entry]:
        return publications.site_entries(self.site)[:count]

    def by_cycle(self) -> list[tuple[str, list[publications.Entry]]]:
        """Every announcement of the site, newest first, under its cycle (newest first)."""
        entries = publications.site_entries(self.site)
        return [(c.year, own) for c in self.site.cycles if (own := [e for e in entries if e.cycle is c])]

    def title(self, entry: publications.Entry) -> str:
        return entry_title(entry, self.lang)

    def document(self, path: str | None) -> publications.Document | None:
        return publications.document(self.context.docs_dir, path)

    def originals(self, key: str) -> list[originals.OriginalFile]:
        """The signed originals of one document of the cycle (`plan`, `announcement/start`)."""
        return originals.of_document(self.context.originals(self.cycle), key, self.lang)

    def quoted_from(self, key: str, text: Rich) -> list[originals.OriginalFile]:
        """The signed originals a text quoted from them comes from: those in the language
        the page shows it in (Russian where the text has no Kazakh)."""
        shown = self.lang if getattr(text, self.lang) is not None else DEFAULT_LANGUAGE
        return [o for o in self.originals(key) if o.original.lang == shown]

    def all_originals(self) -> list[originals.OriginalFile]:
        return self.context.originals(self.cycle)

    def original_title(self, key: str) -> str:
        """The document's name for the data page's list of originals."""
        if key.startswith(originals.ANNOUNCEMENT):
            return self.title(publications.find_entry(self.cycle, key.removeprefix(originals.ANNOUNCEMENT)))
        return strings.t(self.lang, f"page.{key}")

    def kk_editions(self) -> list[KkEditionRow]:
        """The data page's overview: each document of the cycle and whether its Kazakh edition is approved."""
        return [KkEditionRow(state, self.original_title(state.label)) for state in cycle_editions(self.cycle)]

    def size(self, size: int) -> str:
        return publications.human_size(size)

    def downloads(self) -> list[Download]:
        return self.context.downloads(self.site, self.cycle)

    def downloads_for(self, document: str) -> list[Download]:
        """The downloads that hold `document` ("schedule" or "plan"): its CSV (and calendar), the JSON."""
        return [d for d in self.downloads() if d.document in (document, WHOLE_CYCLE)]

    def home(self) -> HomeCycles:
        """The cycles the home page shows as current and as announced (`vakr.derive.home`)."""
        return self.context.home(self.site)

    def contacts(self) -> Contacts | None:
        return self.site.contacts

    def service(self) -> Text | None:
        contacts = self.site.contacts
        org = self.site.organizations.get(contacts.service) if contacts else None
        return org.heading(self.lang) if org else None

    def fields(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(file, [(column, description)]) for the field documentation of the data page."""
        out = []
        files = (("schedule", SCHEDULE_FIELDS, self.cycle.schedule), ("plan", PLAN_FIELDS, self.cycle.plan),
                 ("risks", RISK_FIELDS, self.cycle.risks), ("reports", REPORT_FIELDS, self.cycle.monitoring),
                 ("history", HISTORY_FIELDS, self.context.history),
                 ("organizations", ORGANIZATION_FIELDS, self.site.organizations))
        for name, fields, present in files:
            if present is None:
                continue
            out.append((download_name(self.cycle.year, name, "CSV"), [(field, self._about(field)) for field in fields]))
        return out

    def _about(self, field: str) -> str:
        base, _, lang = field.rpartition("_")
        if lang in ("ru", "kk") and f"field.{base}" in strings.catalog():
            return strings.t(self.lang, "field.lang", about=strings.t(self.lang, f"field.{base}"),
                             language=strings.t(self.lang, f"field.lang.{lang}"))
        return strings.t(self.lang, f"field.{field}")
