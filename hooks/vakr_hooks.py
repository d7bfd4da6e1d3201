"""MkDocs adapter for the `vakr` package: load the data once per change, write the page
stubs, render the data pages into them. All domain logic lives in `vakr`; moving to another
generator replaces only this file."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from types import CodeType
from urllib.parse import urlsplit
from typing import Any

from jinja2 import Environment
from jinja2.bccache import BytecodeCache, Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from vakr import strings
from vakr.coverage import coverage_lines
from vakr.errors import DataErrors
from vakr.load import SiteData, load_site
from vakr.model import DEFAULT_LANGUAGE
from vakr.navigation import site_nav
from vakr.pages import VIEWS, page_url, write_stubs
from vakr.render import Heading, render

log = logging.getLogger("mkdocs.hooks.vakr")

_cache: dict[str, Any] = {"signature": None, "site": None}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _signature(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    stats = ((p, p.stat()) for p in sorted(data_dir.rglob("*")) if p.is_file())
    return tuple((str(p), st.st_mtime_ns, st.st_size) for p, st in stats)


def _site(config: MkDocsConfig) -> SiteData:
    """The validated data, reloaded only when a file under data/ changed: both language
    builds and unchanged `serve` rebuilds reuse it."""
    data_dir = _root(config) / "data"
    signature = _signature(data_dir)
    if signature != _cache["signature"]:
        try:
            site = load_site(data_dir)
        except DataErrors as err:
            _cache["signature"] = None
            raise PluginError(str(err)) from None
        _cache.update(signature=signature, site=site)
        for line in coverage_lines(site):
            log.info(line)
    return _cache["site"]


def _language(config: MkDocsConfig) -> str:
    i18n = config.plugins["i18n"]
    return i18n.current_language or i18n.default_language  # type: ignore[attr-defined]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site = _site(config)
    lang = _language(config)
    write_stubs(Path(config.docs_dir), site)
    config.site_name = strings.t(lang, "site.name")
    config.copyright = strings.t(lang, "site.copyright")
    config.nav = site_nav(site, Path(config.docs_dir), lang)
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    view_name = page.meta.get("vakr_view")
    if view_name is None:
        return html
    site = _site(config)
    year = page.meta["vakr_cycle"]
    embedded = year == "current"  # the home page shows the current cycle under its own text
    cycle = site.current if embedded else site.cycle(year)
    lang = _language(config)

    def link_to(path: str) -> str:
        return get_relative_url(page_url(path, lang), page.url)

    rendered = render(VIEWS[view_name], site, cycle, lang, link_to, embedded)
    if rendered.toc:
        page.toc = get_toc([_token(h) for h in rendered.toc])
    return html + rendered.html


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """The i18n plugin gives the home pages' language links as absolute paths (`/kk/`),
    which break when the site is opened from another base path; make them site-relative
    so Material's `url` filter turns them into page-relative links like every other."""
    base = urlsplit(config.site_url or "").path
    # the plugin assigns `config.extra.alternate` as an attribute, which shadows the key
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate", []):
        link = alternate["link"]
        if link.startswith("/"):
            alternate["link"] = link.removeprefix(base.rstrip("/")).lstrip("/") or "./"
    return context


_HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Material's script fetches `sitemap.xml` under every `<link rel="alternate">` of the
    head; with per-page language links that is a 404 on every page view. The language
    alternates stay in the switcher (`<a hreflang>`) and in sitemap.xml (xhtml:link)."""
    return _without_head_alternates(output)


_SWITCHER_LINK = re.compile(r'<a href="[^"]*" hreflang="([a-z]+)" class="md-select__link">')


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page comes from a theme template, not a page (both found by `make bench`):
    its head alternates cost two failed requests for `sitemap.xml` on every view, and the
    i18n plugin leaves its language links pointing at whichever page it handled last.
    A missing page has no translation: the switcher leads to each language's home page."""
    if template_name != "404.html":
        return output
    base = urlsplit(config.site_url or "").path.rstrip("/")

    def home(match: re.Match[str]) -> str:
        lang = match.group(1)
        path = f"{base}/" if lang == DEFAULT_LANGUAGE else f"{base}/{lang}/"
        return f'<a href="{path}" hreflang="{lang}" class="md-select__link">'

    return _SWITCHER_LINK.sub(home, _without_head_alternates(output))


def _without_head_alternates(output: str) -> str:
    head, _, body = output.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + "</head>" + body


def _token(heading: Heading) -> dict[str, Any]:
    return {"level": heading.level, "id": heading.id, "name": heading.name,
            "children": [_token(c) for c in heading.children]}


class _CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per process instead of once per build: the i18n
    plugin builds each language, and `mkdocs serve` each rebuild, with a fresh Jinja
    environment, and compiling Material's templates was the largest part of a rebuild
    (found by `make bench`). Keyed on each template's source checksum: an edited override
    is compiled again."""

    def __init__(self) -> None:
        self._code: dict[tuple[str, str], CodeType] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self._code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[(bucket.key, bucket.checksum)] = bucket.code


_compiled_templates = _CompiledTemplates()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _compiled_templates
    return env
