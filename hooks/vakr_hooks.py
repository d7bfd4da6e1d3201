"""MkDocs adapter for the `vakr` package: load the data once per change, write the page
stubs, render the data pages into them. All domain logic lives in `vakr`; moving to another
generator replaces only this file."""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Callable
from copy import deepcopy
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from vakr import strings
from vakr.cartogram import levels_css
from vakr.coverage import coverage_lines
from vakr.drafts import draft_files, published
from vakr.errors import DataErrors
from vakr.feed import atom, feed_path
from vakr.load import SiteData, load_site
from vakr.model import DEFAULT_LANGUAGE, LANGUAGES
from vakr.navigation import site_nav
from vakr.pages import VIEWS, page_url, write_if_changed, write_stubs
from vakr.render import BuildContext, Heading, render
from vakr.search import write_index
from vakr.templating import compiled_templates

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.vakr")

LEVELS_CSS = "assets/generated/levels.css"  # listed in mkdocs.yml extra_css

_cache: dict[str, Any] = {"signature": None, "site": None, "all": None, "drafts": False, "serve": False}


def on_startup(command: str, dirty: bool) -> None:
    """Drafts are shown only while officers review with `mkdocs serve` (or when VAKR_DRAFTS=1
    asks for such a preview build); `mkdocs build`, hence `make build`, publishes none."""
    _cache["drafts"] = command == "serve" or os.environ.get("VAKR_DRAFTS") == "1"
    _cache["serve"] = command == "serve"
    _cache["signature"] = None


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
            everything = load_site(data_dir)
            site = everything if _cache["drafts"] else published(everything)
        except DataErrors as err:
            _cache["signature"] = None
            raise PluginError(str(err)) from None
        context = BuildContext(Path(config.docs_dir), os.environ.get("SOURCE_DATE_EPOCH"))
        _cache.update(signature=signature, site=site, all=everything, context=context)
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
    write_if_changed(Path(config.docs_dir) / LEVELS_CSS, levels_css(site.risk_matrix))
    config.site_name = strings.t(lang, "site.name")
    config.copyright = strings.t(lang, "site.copyright")
    config.nav = site_nav(site, Path(config.docs_dir), lang)
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    view_name = page.meta.get("vakr_view")
    if view_name is None:
        return html
    site = _cache["site"]  # loaded (and its files checked for changes) once per build, in on_config
    year = page.meta["vakr_cycle"]
    embedded = year == "current"  # the home page shows the current cycle under its own text
    cycle = site.current if embedded or year == "site" else site.cycle(year)
    lang = _language(config)

    def link_to(path: str) -> str:
        """A page path (`2026/plan.md`) in this language, or a file (`2026/data/x.csv`, the same for both)."""
        return get_relative_url(page_url(path, lang) if path.endswith(".md") else path, page.url)

    rendered = render(VIEWS[view_name], site, cycle, lang, link_to, embedded, page.meta.get("vakr_key"), _cache["context"])
    if rendered.toc:
        page.toc = get_toc([_token(h) for h in rendered.toc])
    if rendered.lead:  # what the reader must see first goes right under the page title
        html = html.replace("</h1>", "</h1>" + rendered.lead, 1) if "</h1>" in html else rendered.lead + html
    return html + rendered.html


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """The i18n plugin gives the home pages' language links as absolute paths (`/kk/`),
    which break when the site is opened from another base path; make them site-relative
    so Material's `url` filter turns them into page-relative links like every other."""
    _site_relative_alternates(config)
    return context


def _site_relative_alternates(config: MkDocsConfig) -> None:
    base = urlsplit(config.site_url or "").path
    # the plugin assigns `config.extra.alternate` as an attribute, which shadows the key
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate", []):
        link = alternate["link"]
        if link.startswith("/"):
            alternate["link"] = link.removeprefix(base.rstrip("/")).lstrip("/") or "./"


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The 404 page belongs to no page: its language links lead to each language's home page
    (the i18n plugin leaves there the links of the last page it built, in the other language
    a page that has nothing to do with the address the reader mistyped). They stay absolute
    like every other link of this page, which is served at any address."""
    if template_name == "404.html":
        homes = deepcopy(config.plugins["i18n"].extra_alternate)  # type: ignore[attr-defined]
        config.extra.alternate = homes
        home = {alternate["lang"]: alternate["link"] for alternate in homes}
        context["vakr_notfound"] = [
            {"lang": lang, "title": strings.t(lang, "notfound.title"), "text": strings.t(lang, "notfound.text"),
             "home": home[lang], "home_label": strings.t(lang, "notfound.home")}
            for lang in LANGUAGES
        ]
    return context


_HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Material's script fetches `sitemap.xml` under every `<link rel="alternate">` of the
    head; with per-page language links that is a 404 on every page view. The language
    alternates stay in the switcher (`<a hreflang>`) and in sitemap.xml (xhtml:link)."""
    head, _, body = output.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + _feed_link(page, config) + "</head>" + body


def _feed_link(page: Page, config: MkDocsConfig) -> str:
    """The announcements feed of the page's language, added after the alternates are removed
    (so it is kept); its folder (the site root) has the sitemap.xml Material fetches."""
    lang = _language(config)
    href = get_relative_url(feed_path(lang), page.url)
    title = html.escape(strings.t(lang, "announce.feed"))
    return f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">\n'


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """In the publishable build, files under docs/ that only drafts use (a draft report's
    PDF) are not copied into the site."""
    if not _cache["drafts"]:
        for path in draft_files(_cache["all"]):
            file = files.get_file_from_path(path)
            if file is not None:
                files.remove(file)
    return files


def on_post_build(config: MkDocsConfig) -> None:
    """Write the feeds and the open-data downloads once, into the root of the site, from
    the same data as the pages (the other language's build runs after this one). Under
    `mkdocs serve`, index the site for search once the last language is built (`vakr
    build` does it after the whole build)."""
    if _cache["serve"] and _language(config) == LANGUAGES[-1]:
        write_index(Path(config.site_dir))
    if _language(config) != DEFAULT_LANGUAGE:
        return
    site = _cache["site"]
    root = Path(config.site_dir)
    for lang in LANGUAGES:
        (root / feed_path(lang)).write_bytes(atom(site, lang, config.site_url or "/"))
    for cycle in site.cycles:
        for download in _cache["context"].downloads(site, cycle):
            target = root / download.path(cycle.year)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(download.content)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """One 404 page at the site root, for both languages: the default language's build writes
    it (the other builds write into the same folder and would replace it: an empty output
    makes MkDocs skip the file). No `<link rel="alternate">` for Material to fetch under."""
    if template_name != "404.html":
        return output
    if _language(config) != DEFAULT_LANGUAGE:
        return ""
    head, _, body = output.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + "</head>" + body


def _token(heading: Heading) -> dict[str, Any]:
    return {"level": heading.level, "id": heading.id, "name": heading.name,
            "children": [_token(c) for c in heading.children]}


SERVE_POLL_S = 0.2


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    """Look for saved files every 0.2 s instead of MkDocs' 0.5 s: waiting for the next look
    was a third of the time from an officer's save to the reloaded page (`make bench`).
    The server's watcher has not started yet; the paths it watches move to a new one."""
    from watchdog.observers.polling import PollingObserver  # only `serve` needs it: not imported by builds

    paths = list(server._watched_paths)  # noqa: SLF001 — MkDocs 1.6 (pinned) keeps no public list
    for path in paths:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=SERVE_POLL_S)
    for path in paths:
        server.watch(path)
    log.info("Изменения файлов проверяются каждые %s с", SERVE_POLL_S)
    return server


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Compiled templates kept between builds; our UI strings for the theme's partials that
    are ours (the search box), `{placeholders}` left for its script to fill."""
    env.bytecode_cache = compiled_templates()
    env.globals["vakr_t"] = partial(strings.template, _language(config))
    return env
