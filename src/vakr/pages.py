"""Which pages each ВАКР cycle has, and the small stub files that make MkDocs (and the i18n
plugin's language switcher) know about them. The stubs carry no content: it is rendered
from data at build time, so editing data never rewrites them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from vakr import strings
from vakr.load import SiteData
from vakr.model import DEFAULT_LANGUAGE, LANGUAGES
from vakr.publications import Entry, cycle_entries

STUB_MARK = "vakr_generated: true"


@dataclass(frozen=True)
class View:
    name: str  # the template, and the page's file name inside the cycle folder
    title_key: str
    hide_toc: bool = False

    def path(self, year: str) -> str:
        return f"{year}/{self.name}.md"


@dataclass(frozen=True)
class SiteView(View):
    """A page of the whole site rather than of one cycle (archive, contacts)."""

    def path(self, year: str = "") -> str:
        return f"{self.name}.md"


CYCLE = View("index", "cycle.title")
SCHEDULE = View("schedule", "page.schedule")
PLAN = View("plan", "page.plan", hide_toc=True)
# publications: what the schedule says must be published
ANNOUNCEMENTS = View("announcements", "page.announcements")
DISCUSSION = View("discussion", "page.discussion")
REPORT = View("report", "page.report")
POSITIONS = View("positions", "page.positions")
OPEN_DATA = View("data", "page.data")
ANNOUNCEMENT = View("announcement", "page.announcements")  # one page per announcement
ARCHIVE = SiteView("archive", "page.archive")
CONTACTS = SiteView("contacts", "page.contacts")
PUBLICATION_VIEWS = (ANNOUNCEMENTS, DISCUSSION, REPORT, POSITIONS, OPEN_DATA)
SITE_VIEWS = (ARCHIVE, CONTACTS)
CYCLE_VIEWS = (CYCLE, SCHEDULE, PLAN, *PUBLICATION_VIEWS)
VIEWS = {view.name: view for view in (*CYCLE_VIEWS, ANNOUNCEMENT, *SITE_VIEWS)}


def localized_name(path: str, lang: str) -> str:
    """`2026/plan.md` → `2026/plan.kk.md` for a non-default language (suffix structure)."""
    return path if lang == DEFAULT_LANGUAGE else path.removesuffix(".md") + f".{lang}.md"


def page_url(path: str, lang: str) -> str:
    """The site-relative URL of a page path in `lang`: `2026/plan.md` → `kk/2026/plan/`."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    stem = path.removesuffix(".md")
    return prefix + (stem.removesuffix("index") if stem.endswith("index") else stem + "/")


def stub_text(view: View, year: str, lang: str, title: str | None = None, entry: str | None = None) -> str:
    lines = [
        "---",
        STUB_MARK,
        f"title: {json.dumps(title or strings.t(lang, view.title_key, year=year), ensure_ascii=False)}",
        f"vakr_view: {view.name}",
        f'vakr_cycle: "{year}"',
    ]
    if entry is not None:
        lines.append(f'vakr_entry: "{entry}"')
    if view.hide_toc:
        lines.append("hide: [toc]")
    return "\n".join([*lines, "---", ""])


def write_stubs(docs_dir: Path, site: SiteData) -> list[Path]:
    """Write the stub pages of every cycle, touching only files whose text changes (so
    `mkdocs serve` does not rebuild in a loop), and remove stubs of cycles that are gone."""
    wanted: dict[Path, str] = {}
    for cycle in site.cycles:
        for view in CYCLE_VIEWS:
            for lang in LANGUAGES:
                wanted[docs_dir / localized_name(view.path(cycle.year), lang)] = stub_text(view, cycle.year, lang)
    for view in SITE_VIEWS:
        for lang in LANGUAGES:
            wanted[docs_dir / localized_name(view.path(), lang)] = stub_text(view, "site", lang)
    for cycle in site.cycles:
        for entry in cycle_entries(cycle):
            for lang in LANGUAGES:
                title = entry_title(entry, lang)
                wanted[docs_dir / localized_name(entry.path, lang)] = stub_text(ANNOUNCEMENT, cycle.year, lang, title, entry.id)
    changed = []
    for path, text in wanted.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    stubs = [*docs_dir.glob("[0-9][0-9][0-9][0-9]/**/*.md"), *docs_dir.glob("*.md")]
    for stale in stubs:
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
