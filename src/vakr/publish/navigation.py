"""The site navigation: home, then for each ВАКР cycle (newest first) its cartogram (what
the Company must keep up to date on its site: one top-level entry, one label) and its pages in
the order of the work, then any other hand-written pages. Built from data, so a new cycle
folder appears in the menu without a configuration change."""

from __future__ import annotations

from pathlib import Path

from vakr.publish import strings
from vakr.domain.site import SiteData
from vakr.domain.model import LANGUAGES
from vakr.publish.routes import CARTOGRAM, ORGANIZATION, cartogram_pages, cycle_pages

HOME = "index.md"


def site_nav(site: SiteData, docs_dir: Path, lang: str) -> list[object]:
    nav: list[object] = [HOME]
    for cycle in site.cycles:
        entries: list[object] = [page.path for page in cycle_pages(cycle)]
        # organization pages are reached from the cartogram: listing every one in the menu of
        # every page made the menu, and the build, grow with organizations × cycles
        for page in cartogram_pages(site, cycle):
            if page.view is CARTOGRAM:
                nav.append({strings.t(lang, "nav.cartogram", year=cycle.year): page.path})
            elif page.view is not ORGANIZATION:  # the list of risks
                entries.append(page.path)
        nav.append({strings.t(lang, "cycle.short", year=cycle.year): entries})
    nav.extend(_hand_written(docs_dir))
    return nav


def _hand_written(docs_dir: Path) -> list[str]:
    """Top-level pages other than the home page, in their default-language file names."""
    suffixes = tuple(f".{lang}.md" for lang in LANGUAGES)
    return sorted(p.name for p in docs_dir.glob("*.md") if p.name != HOME and not p.name.endswith(suffixes))
