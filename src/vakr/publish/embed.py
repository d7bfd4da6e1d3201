"""Embeds for a CMS: pages without header or menu that a subsidiary's webmaster pastes into an
<iframe> of its corporate site (schedule item 12: the cartogram kept «на официальном
интернет-ресурсе Общества и его ДЗО»). For each organization (and the Company) and cycle: its
cartogram (matrix and list of risks) and its plan items with their status, in each language.

They are rendered by the same templates as the site's pages, from the organization's part of
the data (vakr.derive.orgscope), in the site's typeface and colours; every link opens the full page
in the top window (`target="_top"`); a few lines of our own script tell the embedding page
their height (`postMessage`), and the data page gives a snippet to paste for each."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from vakr.publish import strings
from vakr.domain.site import Cycle, SiteData
from vakr.derive.orgscope import for_organization, site_organizations
from vakr.publish.orgnames import org_name, org_name_html
from vakr.publish.routes import CARTOGRAM, EXECUTION, View, embed_path, page_url, relative_url
from vakr.publish.sitedir import write_if_changed
from vakr.publish.render import BuildContext, render
from vakr.publish.templating import environment

SCRIPT = "assets/javascripts/vakr-embed.js"
ICON = "assets/favicon.svg"  # mkdocs.yml's theme.favicon: without one the browser asks for /favicon.ico
MESSAGE = "vakr-embed-height"  # the postMessage the embed sends and the snippet listens for
KINDS = {"cartogram": View("embed_cartogram", "page.cartogram", cartogram=True),
         "plan": View("embed_plan", "page.execution")}
FULL_PAGE = {"cartogram": CARTOGRAM.path, "plan": EXECUTION.path}  # where «the full page» leads


@dataclass(frozen=True)
class Embed:
    """One embeddable page: `kind` of organization `org` in cycle `year`."""

    org: str
    year: str
    kind: str

    def url(self, lang: str) -> str:
        """Site-relative, in `lang`: `embed/2026/almaty-finance/cartogram/` (Kazakh: `kk/…`)."""
        return page_url(embed_path(self.year, self.org, self.kind), lang)


def embeds(site: SiteData) -> list[Embed]:
    """The embeds a site publishes: on the Company's, the Company's and each subsidiary's; on a
    subsidiary's own site, its own. A cartogram only for a cycle with risks, a plan once approved;
    none for a draft cycle (its pages carry a banner an embed has no place for)."""
    orgs = [site.scope.org] if site.scope is not None else site_organizations(site)
    return [Embed(org.id, cycle.year, kind) for cycle in site.cycles if not cycle.info.draft for org in orgs
            for kind, present in (("cartogram", cycle.risks), ("plan", cycle.plan)) if present is not None]


_LINK = re.compile(r'<a (?=[^>]*href="(?!#))')  # a link out of the page, not to an anchor in it


def render_embed(embed: Embed, own: SiteData, lang: str, context: BuildContext,
                 stylesheets: list[str], palette: dict[str, str]) -> str:
    """The whole HTML page of `embed` in `lang`: its organization's part of the data (`own`, with
    its build `context`: see `_parts`) rendered by its template, links to the full pages opened in
    the top window. `stylesheets` are site-relative, as the pages load them."""
    cycle: Cycle = own.cycle(embed.year)
    here = embed.url(lang)

    def link_to(path: str) -> str:
        return relative_url(page_url(path, lang) if path.endswith(".md") else path, here)

    view = KINDS[embed.kind]
    rendered = render(view, own, cycle, lang, link_to, False, None, context)
    org = own.organizations[embed.org]
    return environment().get_template("embed.html.j2").render(
        lang=lang, title=strings.t(lang, view.title_key), org_plain=org_name(org, lang),
        org_name=org_name_html(org, lang),
        body=Markup(_LINK.sub('<a target="_top" ', rendered.html)),
        full=link_to(FULL_PAGE[embed.kind](embed.year)),
        full_label=strings.t(lang, "embed.full"), stylesheets=[relative_url(sheet, here) for sheet in stylesheets],
        script=relative_url(SCRIPT, here), icon=relative_url(ICON, here), palette=palette,
    )


def _part(site: SiteData, org_id: str, context: BuildContext) -> tuple[SiteData, BuildContext]:
    """What an organization's embeds show, with the build context they are rendered in: on a
    subsidiary's site or for the Company, the site's own data and context; the Company's site
    embedding a subsidiary's part, that part with a fresh context (counts and status of that
    part only). Made once per organization: every cycle's embeds share it."""
    if site.scope is not None:
        return site, context
    own = for_organization(site, org_id)
    if own is site:
        return site, context
    return own, BuildContext(context.docs_dir, context.source_date_epoch, context.history)


def write_embeds(site: SiteData, lang: str, root: Path, context: BuildContext, stylesheets: list[str],
                 palette: dict[str, str], cycles: Callable[[str], bool] = lambda year: True) -> None:
    """Write the embeds of `site` in `lang` under the site's root folder `root`: those of the
    `cycles` asked for (a rebuild under `make serve` asks for those its save may have changed)."""
    parts: dict[str, tuple[SiteData, BuildContext]] = {}
    for embed in (e for e in embeds(site) if cycles(e.year)):
        if embed.org not in parts:
            parts[embed.org] = _part(site, embed.org, context)
        own, own_context = parts[embed.org]
        # unchanged files kept: the server's rebuild may rewrite them
        write_if_changed(root / embed.url(lang) / "index.html",
                         render_embed(embed, own, lang, own_context, stylesheets, palette))


def snippets(site: SiteData, year: str, lang: str, site_url: str, here: str) -> str:
    """The data page's section (HTML) for webmasters: each embed of cycle `year`, a link to see it
    from page folder `here`, and the code to paste, with the site's address (SITE_URL)."""
    items = []
    for embed in (e for e in embeds(site) if e.year == year):
        org = site.organizations[embed.org]
        what = strings.t(lang, KINDS[embed.kind].title_key)
        title = Markup(escape(strings.template(lang, "embed.item"))).format(org=org_name_html(org, lang), what=what)
        items.append({"id": f"{embed.org}-{embed.kind}", "preview": relative_url(embed.url(lang), here), "title": title,
                      "code": snippet(embed, lang, site_url, f"{what} — {org_name(org, lang)}")})
    if not items:
        return ""
    return environment().get_template("_embeds.html.j2").render(
        items=items, t=lambda key: strings.t(lang, key))


def snippet(embed: Embed, lang: str, site_url: str, title: str) -> str:
    """What a webmaster pastes into the CMS: the frame and the few lines that set its height
    from the embed's message (only from that frame's own window)."""
    return environment().get_template("_embed_snippet.txt.j2").render(
        src=site_url.rstrip("/") + "/" + embed.url(lang), title=title, message=MESSAGE).strip()
