"""Which pages each ВАКР cycle has, and the small stub files that make MkDocs (and the i18n
plugin's language switcher) know about them. The stubs carry no content: it is rendered
from data at build time, so editing data never rewrites them. They are written into a
pages folder of the build process's own (`link_pages`), never into docs/."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from vakr import strings
from vakr.load import Cycle, SiteData
from vakr.model import DEFAULT_LANGUAGE, LANGUAGES
from vakr.publications import ANNOUNCEMENTS_DIR, Entry, cycle_entries

STUB_MARK = "vakr_generated: true"


@dataclass(frozen=True)
class View:
    name: str  # the template, and the page's file name inside the cycle folder
    title_key: str
    hide_toc: bool = False
    folder: str | None = None  # a view with one page per key: <year>/<folder>/<key>.md
    searchable: bool = True  # False: a filtered view of pages the search index already holds

    def path(self, year: str, key: str | None = None) -> str:
        return f"{year}/{self.folder}/{key}.md" if self.folder else f"{year}/{self.name}.md"


@dataclass(frozen=True)
class SiteView(View):
    """A page of the whole site rather than of one cycle (archive, contacts)."""

    file: str | None = None  # its page's file name, where it is not the view's name

    def path(self, year: str = "", key: str | None = None) -> str:
        return f"{self.file or self.name}.md"


CYCLE = View("index", "cycle.title")
SCHEDULE = View("schedule", "page.schedule")
PLAN = View("plan", "page.plan", hide_toc=True)
# publications: what the schedule says must be published
ANNOUNCEMENTS = View("announcements", "page.announcements")
DISCUSSION = View("discussion", "page.discussion")
REPORT = View("report", "page.report")
POSITIONS = View("positions", "page.positions")
OPEN_DATA = View("data", "page.data")
HISTORY = View("history", "page.history")  # every change of the cycle's published documents
ANNOUNCEMENT = View("announcement", "page.announcements", folder=ANNOUNCEMENTS_DIR)  # one page per announcement
ALL_ANNOUNCEMENTS = SiteView("all_announcements", "page.announcements.all", file=ANNOUNCEMENTS_DIR)  # every cycle's
ARCHIVE = SiteView("archive", "page.archive")
CONTACTS = SiteView("contacts", "page.contacts")
CHANGES = SiteView("changes", "page.changes")  # every change of every cycle, newest first
# the cartogram of corruption risks
CARTOGRAM = View("cartogram", "page.cartogram", hide_toc=True)  # the matrix needs the width
RISKS = View("risks", "page.risks")
# one page per organization: its column of the cartogram, its risks and measures, all of
# them on the list of risks and the execution page already; out of the search index, so a
# search finds each risk once (not again for each organization) and the index stays light
ORGANIZATION = View("organization", "page.organization", folder="organizations", searchable=False)
# monitoring of execution
TIMELINE = View("timeline", "page.timeline")
MONITORING = View("monitoring", "page.monitoring")
EXECUTION = View("execution", "page.execution")  # every plan item's status and reports, one section each

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
    return page_url(EXECUTION.path(year), lang) + "#" + item_id(number)


def all_pages(site: SiteData) -> list[PageSpec]:
    cycles = [page for cycle in site.cycles
              for page in (*cycle_pages(cycle), *cartogram_pages(site, cycle), *announcement_pages(cycle))]
    return [*cycles, *(_fixed(view, "site") for view in SITE_VIEWS)]


def localized_name(path: str, lang: str) -> str:
    """`2026/plan.md` → `2026/plan.kk.md` for a non-default language (suffix structure)."""
    return path if lang == DEFAULT_LANGUAGE else path.removesuffix(".md") + f".{lang}.md"


def page_url(path: str, lang: str) -> str:
    """The site-relative URL of a page path in `lang`: `2026/plan.md` → `kk/2026/plan/`."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    stem = path.removesuffix(".md")
    return prefix + (stem.removesuffix("index") if stem.endswith("index") else stem + "/")


def stub_text(page: PageSpec, lang: str) -> str:
    """The front matter of a generated page. MkDocs and the theme put a page title into the
    HTML unescaped (<title>, the heading, the menu), so a title from data is escaped here."""
    title = html.escape(page.titles[lang], quote=False)
    lines = ["---", STUB_MARK, f"title: {json.dumps(title, ensure_ascii=False)}",
             f"vakr_view: {page.view.name}", f'vakr_cycle: "{page.year}"']
    if page.key is not None:
        lines.append(f'vakr_key: "{page.key}"')
    if page.view.hide_toc:
        lines.append("hide: [toc]")
    if not page.view.searchable:
        lines.append("search: {exclude: true}")
    return "\n".join([*lines, "---", ""])


def write_if_changed(path: Path, text: str) -> bool:
    """Write only a changed file, so `mkdocs serve` does not rebuild in a loop. A link to a
    hand-written file at that path is replaced, never written through."""
    if path.is_symlink():
        path.unlink()
    elif path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


GENERATED_DIRS = ("assets/generated",)  # written by the build (levels.css), not by hand


def _generated(docs_dir: Path, path: Path) -> bool:
    """A file an earlier version of the build wrote into docs/ (page stubs, generated CSS)."""
    relative = path.relative_to(docs_dir).as_posix()
    if relative.startswith(tuple(f"{d}/" for d in GENERATED_DIRS)):
        return True
    return path.suffix == ".md" and STUB_MARK in path.read_text(encoding="utf-8", errors="replace")


def link_pages(docs_dir: Path, pages_dir: Path) -> None:
    """Make `pages_dir` — one process's own pages folder — hold a link to every hand-written
    file of docs/ and, of docs/, nothing else. The generated stubs are written beside the
    links, so `mkdocs serve` and `make build` never write, nor remove, a page file the other
    is reading; an edit of a hand-written page is seen through its link."""
    wanted = set()
    for path in sorted(docs_dir.rglob("*")):
        if path.is_dir() or _generated(docs_dir, path):
            continue
        link = pages_dir / path.relative_to(docs_dir)
        wanted.add(link)
        if not link.is_symlink() and not link.exists():  # a generated page of that name wins
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(path.resolve())
    for link in pages_dir.rglob("*"):
        if link.is_symlink() and link not in wanted:
            link.unlink()


def write_stubs(docs_dir: Path, site: SiteData) -> list[Path]:
    """Write the stub pages of every cycle and of the site, and remove stubs of pages that
    are gone."""
    wanted = {docs_dir / localized_name(page.path, lang): stub_text(page, lang)
              for page in all_pages(site) for lang in LANGUAGES}
    changed = [path for path, text in wanted.items() if write_if_changed(path, text)]
    for stale in [*docs_dir.glob("[0-9][0-9][0-9][0-9]/**/*.md"), *docs_dir.glob("*.md")]:
        if stale not in wanted and STUB_MARK in stale.read_text(encoding="utf-8"):
            stale.unlink()
            changed.append(stale)
    return changed


def entry_title(entry: Entry, lang: str) -> str:
    """An announcement's title: the officer's own, or the schedule announcement's UI title."""
    source = entry.source
    if source.kind == "news":
        return getattr(source.title, lang) or source.title.ru
    return strings.t(lang, f"announce.{source.kind}.title", year=entry.cycle.year)
