"""The stock site the real one is compared with: the same MkDocs + Material + static-i18n
configuration without our hooks, and the same pages written by hand as plain Markdown.

Each page is made from the real built page: its visible content (headings, paragraphs,
lists, table rows as list items) becomes a Markdown file at the same path in the same
language, so both sites have the same number of pages with the same amount of text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from bench.workspace import ROOT
from vakr.publish.routes import EMBED_DIR

DROPPED_KEYS = ("hooks", "watch")  # our hooks, and serve's watch list of data/ and src/
_LANG_PREFIX = "kk/"


def config_without_hooks(text: str) -> str:
    """mkdocs.yml with the top-level `hooks:` and `watch:` blocks removed, everything
    else (theme, plugins, Markdown extensions, validation) byte for byte the same."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        top_level = re.match(r"^([A-Za-z_]+):", line)
        if top_level:
            skipping = top_level.group(1) in DROPPED_KEYS
        if not skipping:
            out.append(line)
    return "".join(out)


def _text(node: Tag | NavigableString) -> str:
    text = " ".join(node.get_text(" ").split()) if isinstance(node, Tag) else " ".join(str(node).split())
    return text.replace("<", "&lt;")


def _blocks(node: Tag) -> list[str]:
    """The node's content as Markdown blocks."""
    blocks: list[str] = []
    for child in node.children:
        if isinstance(child, NavigableString):
            if child.strip() and type(child) is NavigableString:
                blocks.append(_text(child))
            continue
        if not isinstance(child, Tag) or child.name in ("script", "style"):
            continue
        name = child.name
        if re.fullmatch(r"h[1-6]", name):
            blocks.append("#" * int(name[1]) + " " + _text(child))
        elif name in ("ul", "ol"):
            blocks.append("\n".join(f"- {_text(li)}" for li in child.find_all("li", recursive=False)))
        elif name == "table":
            rows = child.find_all("tr")
            blocks.append("\n".join("- " + " — ".join(_text(c) for c in row.find_all(["th", "td"])) for row in rows))
        elif name == "dl":
            blocks.extend(_text(part) for part in child.find_all(["dt", "dd"]))
        elif name in ("div", "section", "article", "header", "footer", "nav", "figure"):
            blocks.extend(_blocks(child))
        elif _text(child):
            blocks.append(_text(child))
    return [b for b in blocks if b.strip()]


def page_markdown(html: str) -> str:
    article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    if article is None:
        raise ValueError("no Material article in the page")
    return "\n\n".join(_blocks(article)) + "\n"


def source_path(url: str) -> str:
    """The docs/ file that MkDocs + static-i18n (suffix structure) turns into `url`:
    `kk/2026/plan/` → `2026/plan.kk.md`, `2026/` → `2026/index.md`."""
    lang = ""
    if url.startswith(_LANG_PREFIX):
        lang, url = ".kk", url.removeprefix(_LANG_PREFIX)
    stem = url.strip("/")
    if not stem:
        return f"index{lang}.md"
    return f"{stem}{lang}.md" if "/" in stem or not stem.isdigit() else f"{stem}/index{lang}.md"


def write_stock_site(real_site: Path, target: Path) -> list[str]:
    """A stock project in `target` with one Markdown page per page of `real_site`.
    Returns the page paths written."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(config_without_hooks((ROOT / "mkdocs.yml").read_text(encoding="utf-8")),
                                       encoding="utf-8")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    written = []
    for page in sorted(real_site.rglob("index.html")):
        url = page.relative_to(real_site).parent.as_posix()
        url = "" if url == "." else url + "/"
        if url.startswith("search/") or url.removeprefix(_LANG_PREFIX).startswith(f"{EMBED_DIR}/"):
            continue  # not MkDocs pages: the search's, and the embeds the hook writes after the build
        path = source_path(url)
        dest = target / "docs" / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(page_markdown(page.read_text(encoding="utf-8")), encoding="utf-8")
        written.append(path)
    return written
