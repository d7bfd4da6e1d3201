"""The pages of a built site, found in the build itself rather than listed by hand, so the
trust checks (browser, axe, CSP, XSS) cover every page kind added later without an edit."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

LANGUAGES = ("ru", "kk")
OTHER_LANGUAGE_PREFIX = "kk/"
_YEAR = re.compile(r"^\d{4}$")
OUTPUT_SUFFIXES = (".html", ".xml", ".json", ".csv", ".ics", ".txt", ".atom", ".rss")


def pages(site: Path) -> list[str]:
    """Site-relative URLs of every page (`""`, `2026/plan/`, `kk/2026/plan/`...), sorted."""
    urls = []
    for index in site.rglob("index.html"):
        folder = index.parent.relative_to(site).as_posix()
        if folder.startswith(("assets", "pagefind", "embed/", "kk/embed/")):  # embeds: test_embeds.py
            continue
        urls.append("" if folder == "." else folder + "/")
    return sorted(urls)


def language(url: str) -> str:
    return "kk" if url.startswith(OTHER_LANGUAGE_PREFIX) else "ru"


def counterpart(url: str) -> str:
    """The same page in the other language."""
    return url.removeprefix(OTHER_LANGUAGE_PREFIX) if language(url) == "kk" else OTHER_LANGUAGE_PREFIX + url


def page_type(url: str) -> str:
    """The kind of a page from its URL: years become `{year}`; below the first named folder
    every further level is one item of a list (`{year}/organizations/*`)."""
    parts = [p for p in url.removeprefix(OTHER_LANGUAGE_PREFIX).split("/") if p]
    kind: list[str] = []
    named = False
    for part in parts:
        if named:
            kind.append("*")
        elif _YEAR.match(part):
            kind.append("{year}")
        else:
            kind.append(part)
            named = True
    return "/".join(kind) or "home"


def one_per_type(site: Path) -> list[str]:
    """The first Russian page of each type and its Kazakh counterpart (when it exists)."""
    all_pages = pages(site)
    chosen: dict[str, str] = {}
    for url in all_pages:
        if language(url) == "ru":
            chosen.setdefault(page_type(url), url)
    present = set(all_pages)
    out = []
    for url in chosen.values():
        out.append(url)
        if counterpart(url) in present:
            out.append(counterpart(url))
    return out


def output_files(site: Path) -> list[Path]:
    """Every page, feed, map, index and download of the site (not the theme's scripts and
    styles): what the XSS check scans."""
    return sorted(p for p in site.rglob("*") if p.is_file() and p.name.endswith(OUTPUT_SUFFIXES)
                  and not p.relative_to(site).as_posix().startswith(("assets/javascripts/", "assets/stylesheets/")))


@cache
def _plan() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((Path(__file__).resolve().parents[1] / "data/2026/plan.yml").read_text(encoding="utf-8"))


def recommendation(number: int) -> list[str]:
    """The paragraphs and list items of plan item `number`'s recommendation, as in the YAML."""
    text = next(i for i in _plan()["items"] if i["number"] == number)["recommendation"]["ru"]
    if isinstance(text, str):
        return [text]
    return [line for block in text for line in (block["ul"] if "ul" in block else [block["p"]])]


def squeeze(text: str) -> str:
    return " ".join(text.split())
