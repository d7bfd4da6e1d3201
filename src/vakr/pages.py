"""Which pages each ВАКР cycle has, and the small stub files that make MkDocs (and the i18n
plugin's language switcher) know about them. The stubs carry no content: it is rendered
from data at build time, so editing data never rewrites them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vakr import strings
from vakr.load import SiteData
from vakr.model import DEFAULT_LANGUAGE, LANGUAGES

STUB_MARK = "vakr_generated: true"


@dataclass(frozen=True)
class View:
    name: str  # the template, and the page's file name inside the cycle folder
    title_key: str
    hide_toc: bool = False

    def path(self, year: str) -> str:
        return f"{year}/{self.name}.md"


CYCLE = View("index", "cycle.title")
SCHEDULE = View("schedule", "page.schedule")
PLAN = View("plan", "page.plan", hide_toc=True)
TIMELINE = View("timeline", "page.timeline")
MONITORING = View("monitoring", "page.monitoring")
CYCLE_VIEWS = (CYCLE, SCHEDULE, TIMELINE, PLAN, MONITORING)
PLAN_ITEM = View("plan_item", "page.plan_item", hide_toc=True)  # one page per plan item, not in the menu
VIEWS = {view.name: view for view in (*CYCLE_VIEWS, PLAN_ITEM)}


def localized_name(path: str, lang: str) -> str:
    """`2026/plan.md` → `2026/plan.kk.md` for a non-default language (suffix structure)."""
    return path if lang == DEFAULT_LANGUAGE else path.removesuffix(".md") + f".{lang}.md"


def page_url(path: str, lang: str) -> str:
    """The site-relative URL of a page path in `lang`: `2026/plan.md` → `kk/2026/plan/`."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    stem = path.removesuffix(".md")
    return prefix + (stem.removesuffix("index") if stem.endswith("index") else stem + "/")


def plan_item_path(year: str, number: int) -> str:
    """The page of one plan item (its status, deadline and reports): `2026/plan/17.md`."""
    return f"{year}/plan/{number}.md"


def plan_item_url(year: str, number: int, lang: str) -> str:
    """Its site-relative URL in `lang`: `2026/plan/17/`, `kk/2026/plan/17/`."""
    return page_url(plan_item_path(year, number), lang)


def stub_text(view: View, year: str, lang: str, item: int | None = None) -> str:
    lines = [
        "---",
        STUB_MARK,
        f"title: {strings.t(lang, view.title_key, year=year, number=item)}",
        f"vakr_view: {view.name}",
        f'vakr_cycle: "{year}"',
    ]
    if item is not None:
        lines.append(f"vakr_item: {item}")
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
        for item in cycle.plan.items if cycle.plan else ():
            for lang in LANGUAGES:
                path = plan_item_path(cycle.year, item.number)
                wanted[docs_dir / localized_name(path, lang)] = stub_text(PLAN_ITEM, cycle.year, lang, item.number)
    changed = []
    for path, text in wanted.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    for stale in [*docs_dir.glob("[0-9][0-9][0-9][0-9]/*.md"), *docs_dir.glob("[0-9][0-9][0-9][0-9]/plan/*.md")]:
        if stale not in wanted and STUB_MARK in stale.read_text(encoding="utf-8"):
            stale.unlink()
            changed.append(stale)
    return changed
