"""The small stub files that make MkDocs (and the i18n plugin's language switcher) know
about the router's pages (`vakr.publish.routes.all_pages`). The stubs carry no content: it
is rendered from data at build time, so editing data never rewrites them. They are written
into a pages folder of the build process's own (`link_pages`), never into docs/. MkDocs'
and Material's conventions (front matter, `search: exclude`, the i18n plugin's file
suffixes) are known here and in hooks/, nowhere else."""

from __future__ import annotations

import html
import json
from pathlib import Path

from vakr.domain.model import DEFAULT_LANGUAGE, LANGUAGES
from vakr.domain.site import SiteData
from vakr.publish.routes import PageSpec, all_pages
from vakr.publish.sitedir import write_if_changed

STUB_MARK = "vakr_generated: true"


def localized_name(path: str, lang: str) -> str:
    """`2026/plan.md` → `2026/plan.kk.md` for a non-default language (suffix structure)."""
    return path if lang == DEFAULT_LANGUAGE else path.removesuffix(".md") + f".{lang}.md"


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
