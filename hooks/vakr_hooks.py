"""MkDocs adapter for the `vakr` package: load the data once per change, write the page
stubs, render the data pages into them. All domain logic lives in `vakr`; moving to another
generator replaces only this file."""

from __future__ import annotations

import atexit
import html
from html import escape  # where a hook's `html` argument hides the module
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from copy import deepcopy
from dataclasses import replace
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
from mkdocs.utils import clean_directory, get_relative_url

from vakr.cli import CHECKED_ENV
from vakr.derive import consistency
from vakr.publish import rebuild, strings
from vakr.ingest import sourcecache
from vakr.derive.cartogram import levels_css
from vakr.derive.coverage import coverage_lines
from vakr.derive.drafts import draft_files, published
from vakr.domain.errors import DataErrors
from vakr.publish.feed import atom, history_atom
from vakr.ingest.history import read_history
from vakr.publish.liveindex import LiveIndex
from vakr.domain.site import SiteData
from vakr.ingest.load import load_site
from vakr.domain.model import DEFAULT_LANGUAGE, LANGUAGES
from vakr.publish.navigation import site_nav
from vakr.derive.orgscope import ORG_ENV, UnknownOrganization, for_organization, history_for
from vakr.publish.orgnames import company_link, home_title, site_names
from vakr.publish.embed import snippets, write_embeds
from vakr.publish.routes import HOME, OPEN_DATA, feed_path, page_url
from vakr.adapter import heap
from vakr.adapter.quickpass import Outcome, QuickPass
from vakr.adapter.spliced import SplicedPages, digest
from vakr.adapter.stubs import link_pages, write_stubs
from vakr.publish.sitedir import write_if_changed
from vakr.publish.stylesheet import COMBINED as COMBINED_CSS, LEVELS as LEVELS_CSS, combined
from vakr.publish.render import BuildContext, Heading, Rendered, render_page
from vakr.publish.serve_error import error_page
from vakr.domain.statedate import build_day, build_epoch, today_in_almaty
from vakr.publish.templating import compiled_templates

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.vakr")

_cache: dict[str, Any] = {"signature": None, "loaded": None, "site": None, "all": None, "drafts": False,
                         "error": None, "serve": False, "dirty": False, "inputs": None, "rendered": {}, "years": None}
_fingerprints = rebuild.Fingerprints()  # what each page showed when last rendered (`mkdocs serve --dirty`)
_search = LiveIndex()  # the search index under `mkdocs serve`
_downloads: dict[tuple[Path, str], set[Path]] = {}  # the download files of each site and cycle, last build
# `make serve`'s quick rebuild (see _quick_rebuild): each page's own content, content and shape as the
# theme got them, until it is written (`on_post_page`); then where its content is in the written file
_themed: dict[str, tuple[str, str, str]] = {}
_spliced = SplicedPages()
_quick = QuickPass()


def on_startup(command: str, dirty: bool) -> None:
    """Drafts are shown only while officers review with `mkdocs serve` (or when VAKR_DRAFTS=1
    asks for such a preview build); `mkdocs build`, hence `make build`, publishes none.
    Each process builds from its own pages folder (see `on_config`)."""
    drafts = command == "serve" or os.environ.get("VAKR_DRAFTS") == "1"
    if drafts != _cache["drafts"]:
        _cache["loaded"] = None
    _cache.update(drafts=drafts, serve=command == "serve", signature=None, inputs=None)
    _cache["dirty"] = command == "serve" and dirty  # `make serve`: rebuild only what a save changed
    if _cache["dirty"]:
        logging.getLogger("mkdocs.commands.build").addFilter(_dirty_notices)


def _dirty_notices(record: logging.LogRecord) -> bool:
    """MkDocs warns on every dirty build that its menus and links may be stale, and notes the
    site's folder has files from before: the hook sees to both (`_plan_rebuild`, `_titles`)."""
    return not record.getMessage().startswith(("A 'dirty' build is being performed", "The directory contains stale"))


def _pages() -> Path:
    """This process's pages folder, made on its first build (also when MkDocs' build() is
    called without on_startup) and removed when the process ends."""
    if "pages" not in _cache:
        for left in Path(tempfile.gettempdir()).glob("vakr-pages-*-*"):  # of a server stopped by a signal
            if not _running(int(left.name.split("-")[2])):
                shutil.rmtree(left, ignore_errors=True)
        _cache["pages"] = Path(tempfile.mkdtemp(prefix=f"vakr-pages-{os.getpid()}-"))
        atexit.register(shutil.rmtree, _cache["pages"], True)
    return _cache["pages"]


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _signature(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    stats = ((p, p.stat()) for p in sorted(data_dir.rglob("*")) if p.is_file())
    return tuple((str(p), st.st_mtime_ns, st.st_size) for p, st in stats)


def _site(root: Path, docs_dir: Path) -> SiteData:
    """The validated data, reloaded only when a file under data/ changed: both language
    builds, unchanged `serve` rebuilds and every organization's site of `vakr sites` reuse it;
    the build's context (its state date) made again when the data or the build's day changed."""
    data = _signature(root / "data")
    organization = os.environ.get(ORG_ENV)  # a subsidiary's own site (`vakr build --org`)
    if data != _cache.get("dated"):  # git asked once per data change, not per language or organization
        _cache.update(dated=data, epoch=build_epoch(root))  # as `vakr build` dates it: review and build agree
    epoch, note = _cache["epoch"]
    # under `mkdocs serve` a build dated today is dated anew after midnight (`_follow_the_day`);
    # a build keeps one date for all its languages
    day = _cache["today"] = build_day(epoch) if command_is_serve() and epoch is None else None
    if (data, organization, day) != _cache["signature"]:
        try:
            if data != _cache["loaded"]:
                with sourcecache.reused(store=not _cache["serve"]):
                    everything = load_site(root / "data")
                whole = everything if _cache["drafts"] else published(everything)
                # git is read once per data change, not per page nor per organization
                _cache.update(loaded=data, all=everything, whole=whole, history=read_history(root, whole))
            site = for_organization(_cache["whole"], organization) if organization else _cache["whole"]
        except (DataErrors, UnknownOrganization) as err:
            _cache.update(signature=None, error=str(err))  # `serve` shows it in the browser too
            raise PluginError(str(err)) from None
        context = BuildContext(docs_dir, epoch, history_for(_cache["history"], site))
        _cache.update(signature=(data, organization, day), site=site, context=context)
        if os.environ.get(CHECKED_ENV) != "1":  # `vakr build` printed these before building
            _notes(site, note, context)
    return _cache["site"]


def _notes(site: SiteData, note: str | None, context: BuildContext) -> None:
    """What the data is and which date it is shown for, in `mkdocs serve`'s (or a plain
    `mkdocs build`'s) log."""
    for line in [*coverage_lines(site), *filter(None, [note]), *context.state(site).notes(site)]:
        log.info(line)
    report = log.warning if command_is_serve() else log.info  # a warning would fail a strict build
    for warning in consistency.warnings(site):
        report(warning)


def command_is_serve() -> bool:
    return bool(_cache.get("serve"))


def _language(config: MkDocsConfig) -> str:
    i18n = config.plugins["i18n"]
    return i18n.current_language or i18n.default_language  # type: ignore[attr-defined]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Build from this process's pages folder: links to docs/ and the generated stubs (a
    `make build` beside `mkdocs serve` used to remove the files the server was reading)."""
    pages = _pages()
    if Path(config.docs_dir) != pages:  # the default language's build: take docs/ as it is now
        _cache["docs"] = Path(config.docs_dir)
        link_pages(_cache["docs"], pages)
        config.docs_dir = str(pages)
    site = _site(_root(config), pages)
    lang = _language(config)
    stubs_changed = bool(write_stubs(pages, site))
    write_if_changed(pages / LEVELS_CSS, levels_css(site.risk_matrix))
    write_if_changed(pages / COMBINED_CSS, combined(lambda path: (pages / path).read_text(encoding="utf-8")))
    if lang == DEFAULT_LANGUAGE:  # the first of the languages' builds: plan for both
        _cache.update(root=_root(config), site_dir=Path(config.site_dir), site_url=config.site_url or "/")
        _plan_rebuild(config, site, stubs_changed)
    config.site_name, config.copyright = site_names(site, lang)
    config.extra["vakr_company"] = company_link(site, config.extra.get("vakr_company_site"), lang)
    config.site_description = strings.t(lang, "site.description")  # pages without data of their own: the 404
    config.nav = site_nav(site, Path(config.docs_dir), lang)
    # one 404 page for both languages, written by the default language's build (see
    # on_post_template); the other builds do not render it at all
    if lang == DEFAULT_LANGUAGE:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    return config


_H1 = re.compile(r"(<h1[^>]*>).*?</h1>", re.S)


def _render_into(page: Page, config: MkDocsConfig) -> None:
    """Put the page's data part into its content, with its table of contents and description,
    just before the theme renders it (`on_page_context`): MkDocs holds every page's content from
    the first page's rendering to the last page's writing, and the data pages are most of the
    site (at 50× their HTML was 40% of a build's memory). Dropped again once written."""
    lang, html = _language(config), page.content or ""
    # loaded (and its files checked for changes) once per build, in on_config; a page the
    # rebuild's plan has rendered already is not rendered again
    rendered = (_cache["rendered"].pop(page.url, None)
                or _render_page(page.meta, lang, page.url, config.site_url or "/"))
    page.content = _content(html, page.meta, rendered, lang)
    if _cache["dirty"]:
        _fingerprints.update(page.url, rendered)
        _themed[page.url] = (html, page.content, _shape(rendered))  # for a quick rebuild (see on_post_page)
    if rendered.toc:
        page.toc = get_toc([_token(h) for h in rendered.toc])
    page.meta["description"] = escape(rendered.description)  # the theme writes it into the head unescaped


def _content(html: str, meta: dict[str, Any], rendered: Rendered, lang: str) -> str:
    """The page's content: its own (the stub's heading) with the data part rendered into it."""
    if meta["vakr_cycle"] == HOME and (title := home_title(_cache["site"], lang)):
        html = _H1.sub(lambda found: f"{found[1]}{title}</h1>", html, 1)  # a subsidiary's site: its own name
    if rendered.lead:  # what the reader must see first goes right under the page title
        html = html.replace("</h1>", "</h1>" + rendered.lead, 1) if "</h1>" in html else rendered.lead + html
    return html + rendered.html


def _shape(rendered: Rendered) -> str:
    """What the theme makes of a page besides its content: its table of contents and description."""
    return digest(rendered.toc, rendered.description)


def _render_page(meta: dict[str, Any], lang: str, url: str, site_url: str) -> Rendered:
    """The data part of the page at `url` whose front matter is `meta`."""
    site = _cache["site"]
    year = meta["vakr_cycle"]

    def link_to(path: str) -> str:
        """A page path (`2026/plan.md`) in this language, or a file (`2026/data/x.csv`, the same for both)."""
        return get_relative_url(page_url(path, lang) if path.endswith(".md") else path, url)

    rendered = render_page(site, meta["vakr_view"], year, meta.get("vakr_key"), lang, link_to, _cache["context"])
    if meta["vakr_view"] == OPEN_DATA.name:  # the embeds of the cycle, with the code to paste (vakr.publish.embed)
        extra = snippets(site, year, lang, site_url, url)
        heading = [Heading(2, "embed", strings.t(lang, "embed.heading"))] if extra else []
        rendered = replace(rendered, html=rendered.html + extra, toc=[*rendered.toc, *heading])
    return rendered


HOME_META = {"vakr_view": "index", "vakr_cycle": HOME}  # docs/index.md and index.kk.md


def _plan_rebuild(config: MkDocsConfig, site: SiteData, stubs_changed: bool) -> None:
    """Under `mkdocs serve --dirty` (`make serve`), decide what this rebuild writes again
    (`vakr.publish.rebuild`). MkDocs' dirty build renders a page only when its output file is older
    than its source or missing: the output of a page whose content changed is removed;
    a change that may reach every page empties the site, as a full build does."""
    _cache["rendered"], _cache["years"] = {}, None
    if not _cache["dirty"]:
        _search.wait()  # a plain `mkdocs serve` empties the site now: not while its index is written
        return
    inputs = rebuild.signature(_root(config))
    context = _cache["context"]
    reach_all = (context.state(site).on, context.history)  # the state date and the edition history
    years = rebuild.changed_cycles(_cache["inputs"], inputs)
    if stubs_changed or reach_all != _cache.get("reach_all"):  # pages, titles or the menu changed
        years = None
    _cache.update(inputs=inputs, reach_all=reach_all, years=years)
    site_dir = Path(config.site_dir)
    if years is None:
        _search.wait()
        clean_directory(str(site_dir))
        _fingerprints.clear()
        _spliced.clear()
        log.info("Сайт собирается целиком")
        return
    if not years:  # nothing the build reads has changed (the save of an unchanged file)
        return
    changed = 0
    for path, meta in _reached_pages(site, years):
        for lang in LANGUAGES:
            url = page_url(path, lang)
            rendered = _cache["rendered"][url] = _render_page(meta, lang, url, config.site_url or "/")
            if _fingerprints.update(url, rendered):
                (site_dir / url / "index.html").unlink(missing_ok=True)
                changed += 1
    log.info("Пересобираются только изменившиеся страницы: %d (изменения в data/%s)", changed,
             ", data/".join(sorted(years)))


def _reached_pages(site: SiteData, years: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """The pages (path, front matter) a save in the cycles `years` may have changed."""
    return [("index.md", HOME_META), *((page.path, {"vakr_view": page.view.name, "vakr_cycle": page.year,
                                                    "vakr_key": page.key})
                                       for page in rebuild.candidates(site, years))]


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """The i18n plugin gives the home pages' language links as absolute paths (`/kk/`),
    which break when the site is opened from another base path; make them site-relative
    so Material's `url` filter turns them into page-relative links like every other. A data
    page gets its data part here (`_render_into`)."""
    _site_relative_alternates(config)
    if page.meta.get("vakr_view") is not None:
        _render_into(page, config)
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
    output = _HEAD_ALTERNATE.sub("", head) + _feed_link(page, config) + "</head>" + body
    if page.url in _themed:  # as MkDocs writes it (the i18n plugin's own step after this one changes nothing)
        own, content, shape = _themed.pop(page.url)
        _spliced.record(page.url, output, content, shape, own)
    if page.meta.get("vakr_view") is not None:
        page.content = None  # written: not held until the build's end (see _render_into)
    return output


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
    site, lang, root = _cache["site"], _language(config), Path(config.site_dir)
    look = _cache["embed_look"] = (_stylesheets(root, config), dict(config.theme["palette"]))
    write_embeds(site, lang, root, _cache["context"], *look, rebuild.reached(_cache["years"]))
    if _cache["serve"] and lang == LANGUAGES[-1]:
        _update_search(root)
    if lang == DEFAULT_LANGUAGE:
        _write_site_files(site, root, config.site_url or "/", _cache["years"])


def _update_search(root: Path) -> None:
    """Under `mkdocs serve`, the last of a rebuild's work: then its garbage is collected too."""
    _search.update(root, _searchable)


def _searchable(count: int) -> None:
    heap.settle()
    log.info("Поиск обновлён: %d результатов", count)


def _write_site_files(site: SiteData, root: Path, site_url: str, years: set[str] | None) -> None:
    """The feeds of both languages and the downloads of the cycles `years` (None: of all)."""
    for lang in LANGUAGES:
        (root / feed_path(lang)).write_bytes(atom(site, lang, site_url))
        history = _cache["context"].history
        (root / feed_path(lang, "changes")).write_bytes(history_atom(site, history, lang, site_url))
    for cycle in site.cycles:
        if years is not None and cycle.year not in years:
            continue  # a rebuild under `make serve`: this cycle's files are as they were
        written = {root / download.path: download.content
                   for download in _cache["context"].downloads(site, cycle)}
        for target, content in written.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        # one the data no longer gives; by site folder too, as `vakr sites` builds one per organization
        for gone in _downloads.get((root, cycle.year), set()) - written.keys():
            gone.unlink(missing_ok=True)
        _downloads[(root, cycle.year)] = set(written)


def _stylesheets(root: Path, config: MkDocsConfig) -> list[str]:
    """The stylesheets every page loads, site-relative, in the pages' order (for the embeds)."""
    theme = sorted(p.relative_to(root).as_posix() for p in (root / "assets" / "stylesheets").glob("*.min.css"))
    return [*theme, *map(str, config.extra_css)]


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The one 404 page at the site root, for both languages (only the default language's
    build renders it: see on_config): no `<link rel="alternate">` for Material to fetch under."""
    if template_name != "404.html":
        return output
    head, _, body = output.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + "</head>" + body


def _token(heading: Heading) -> dict[str, Any]:
    return {"level": heading.level, "id": heading.id, "name": heading.name,
            "children": [_token(c) for c in heading.children]}


SERVE_POLL_S = 0.2


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    """Look for saved files every 0.2 s instead of MkDocs' 0.5 s: waiting for the next look
    was a third of the time from an officer's save to the reloaded page (`make bench`).
    The server's watcher has not started yet; the paths it watches move to a new one, with
    docs/ itself (MkDocs watches the pages folder, whose new hand-written files appear only
    when a rebuild links them)."""
    from watchdog.observers.polling import PollingObserver  # only `serve` needs it: not imported by builds

    paths = list(server._watched_paths)  # noqa: SLF001 — MkDocs 1.6 (pinned) keeps no public list
    for path in paths:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=SERVE_POLL_S)
    for path in [*paths, str(_cache["docs"])]:
        server.watch(path)
    log.info("Изменения файлов проверяются каждые %s с", SERVE_POLL_S)
    _data_errors_in_browser(server, config)
    return server


def _follow_the_day(server: LiveReloadServer) -> None:
    """A review server dated today (data not committed) rebuilds once the day has turned in
    Almaty, as a save would, so its state date is the date `make build` gives: checked on every
    request, the open pages' live-reload polls (each minute at most) included. The request waits
    for that rebuild, as for one after a save; an open page reloads when it is done."""
    day = _cache.get("today")
    if day is None or today_in_almaty() == day:
        return
    _cache["today"] = None  # asked once: the rebuild's own date is compared next
    log.info("Наступил новый день: сайт пересобирается на дату %s", today_in_almaty().strftime("%d.%m.%Y"))
    _want_rebuild(server)


def _want_rebuild(server: LiveReloadServer) -> None:
    """Make the server rebuild, as after a save."""
    # MkDocs 1.6 (pinned): what its file watcher does on a save, and what a request waits for
    with server._epoch_cond:  # noqa: SLF001
        server._wanted_epoch = round(time.monotonic() * 1000)  # noqa: SLF001 — its clock, as the build loop sets it
    with server._rebuild_cond:  # noqa: SLF001
        server._want_rebuild = True  # noqa: SLF001
        server._rebuild_cond.notify_all()  # noqa: SLF001


def _data_errors_in_browser(server: LiveReloadServer, config: MkDocsConfig) -> None:
    """While the data cannot be built, every page answers with the terminal's message (MkDocs
    would hold every request until a build succeeds: a page that never loads); the failed
    build counts as done, so the open page reloads to the message, and again once mended."""
    build, serve_request = server.builder, server.serve_request
    mount = urlsplit(config.site_url or "/").path

    def builder() -> None:
        _quick.wait()
        _cache["error"] = None
        if _quick_rebuild(server):
            return
        try:
            build()
        except Exception:  # MkDocs has printed the message; any other failure stays MkDocs' own
            if _cache["error"] is None:
                raise

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        _follow_the_day(server)
        path = environ["PATH_INFO"]
        if path.startswith(mount):  # a page the running quick rebuild has not written yet is written now
            _quick.ensure(path.removeprefix(mount).removesuffix("index.html"))
        if _cache.get("error") is None or environ["PATH_INFO"].startswith("/livereload/"):
            return serve_request(environ, start_response)
        # MkDocs 1.6 (pinned): the live-reload script its own pages get
        page = server._inject_js_into_html(error_page(_cache["error"]), server._visible_epoch)  # noqa: SLF001
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                     ("Content-Length", str(len(page)))])
        return [page]

    server.builder = builder  # type: ignore[method-assign]
    server.set_app(app)


def _quick_rebuild(server: LiveReloadServer) -> bool:
    """After a save under cycle folders only (`make serve`): load the data and leave the pages
    it may have changed to a quick pass (`vakr.adapter.quickpass`), which writes each one's new
    data part into the page the theme wrote (`vakr.adapter.spliced`): the server reloads the
    open pages at once. False where MkDocs must build: no earlier build, another file changed,
    a page came or went (or its title), the state date or the edition history changed, or the
    data has errors (the build reports them); and after a quick pass that left pages to MkDocs."""
    if not _cache["dirty"] or _cache["inputs"] is None or _quick.took_pages_left():
        return False
    inputs = rebuild.signature(_cache["root"])
    years = rebuild.changed_cycles(_cache["inputs"], inputs)
    if years is None:
        return False
    try:
        site = _site(_cache["root"], _pages())
    except PluginError:
        return False
    context = _cache["context"]
    if write_stubs(_pages(), site) or (context.state(site).on, context.history) != _cache["reach_all"]:
        _cache["inputs"] = None  # the build that follows is whole
        return False
    _cache.update(inputs=inputs, years=years)
    log.info("Сайт обновляется по частям: %s", ", ".join(f"data/{y}" for y in sorted(years)) or "данные не изменились")
    urls = [(page_url(path, lang), meta, lang) for path, meta in (_reached_pages(site, years) if years else [])
            for lang in LANGUAGES]
    pages = {url: partial(_refresh, url, meta, lang) for url, meta, lang in urls}
    _quick.start(pages, partial(_quick_done, server, site, years), partial(_quick_failed, server))
    return True


def _refresh(url: str, meta: dict[str, Any], lang: str) -> Outcome:
    """Render the page at `url` from the new data; write its data part into its file if it
    changed, or leave the page to MkDocs where more than that changed."""
    rendered = _render_page(meta, lang, url, _cache["site_url"])
    if not _fingerprints.update(url, rendered):
        return Outcome.SAME
    own = _spliced.own(url)
    if own is None or not _spliced.replace(_cache["site_dir"] / url / "index.html", url,
                                           _content(own, meta, rendered, lang), _shape(rendered)):
        return Outcome.LEFT
    return Outcome.WRITTEN


def _quick_done(server: LiveReloadServer, site: SiteData, years: set[str]) -> None:
    """After the quick pass's pages: the embeds and downloads of the cycles changed, the feeds,
    the search index; a page whose headings or description changed is rendered by MkDocs (a
    dirty build renders the pages whose file is missing)."""
    root = _cache["site_dir"]
    for lang in LANGUAGES:
        write_embeds(site, lang, root, _cache["context"], *_cache["embed_look"], rebuild.reached(years))
    _write_site_files(site, root, _cache["site_url"], years)
    for url in _quick.left:
        (root / url / "index.html").unlink(missing_ok=True)
        _spliced.forget(url)
    _update_search(root)
    if years:
        log.info("Пересобираются только изменившиеся страницы: %d (изменения в data/%s)",
                 _quick.changed, ", data/".join(sorted(years)))
    if _quick.left:
        _want_rebuild(server)


def _quick_failed(server: LiveReloadServer) -> None:
    _cache["inputs"] = None
    _want_rebuild(server)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Compiled templates kept between builds; our UI strings for the theme's partials that
    are ours (the search box), `{placeholders}` left for its script to fill."""
    env.bytecode_cache = compiled_templates()
    env.globals["vakr_t"] = partial(strings.template, _language(config))
    if _cache["dirty"]:
        _titles(files, config)
    return env


def _titles(files: Files, config: MkDocsConfig) -> None:
    """A dirty build reads only the pages it renders again; the others' front matter (their
    titles, for the menu, the footer and the 404 page) is read here, as a full build has it."""
    for file in files.documentation_pages():
        if file.page is not None and file.page.markdown is None:
            file.page.read_source(config)


def on_build_error(error: Exception) -> None:
    """After a failed build the next one is whole: what this one removed or wrote is unknown."""
    _cache["inputs"] = None


def on_shutdown() -> None:
    _quick.wait()
    _search.wait()  # the search index being written, before `mkdocs serve` removes its site
