"""The organization's name as a site shows it: a subsidiary's site is titled with its own name
(in the page's language where the data has it, else the Russian one marked `lang="ru"`) and
links to the Company's full site (vakr.derive.orgscope cuts its data)."""

from __future__ import annotations

from markupsafe import Markup, escape

from vakr.domain.model import DEFAULT_LANGUAGE, Organization
from vakr.domain.site import SiteData
from vakr.publish import strings


def org_name(org: Organization, lang: str) -> str:
    """The organization's name for its site's header: in `lang` where the data gives it, else
    in Russian (organizations.yml: a Kazakh name only as registered, never translated)."""
    label = org.label
    return getattr(label, lang) or label.ru


def org_name_html(org: Organization, lang: str) -> Markup:
    """`org_name` as HTML: the Russian name stands in a Kazakh page marked `lang="ru"`, so a
    screen reader reads it in Russian."""
    own = getattr(org.label, lang)
    return escape(own) if own else Markup('<span lang="{}">{}</span>').format(DEFAULT_LANGUAGE, org.label.ru)


def site_names(site: SiteData, lang: str) -> tuple[str, str]:
    """The site's name and copyright line in `lang`: the Company's, or the subsidiary's own."""
    if site.scope is None:
        return strings.t(lang, "site.name"), strings.t(lang, "site.copyright")
    name = org_name(site.scope.org, lang)
    return strings.t(lang, "site.name.org", name=name), strings.t(lang, "site.copyright.org", name=name)


def home_title(site: SiteData, lang: str) -> str | None:
    """The home page's heading (HTML) on a subsidiary's site, in place of the Company's: its own
    name, marked Russian where the data has no name in `lang`; None on the Company's site."""
    if site.scope is None:
        return None
    return str(escape(strings.template(lang, "site.name.org")).format(name=org_name_html(site.scope.org, lang)))


def company_link(site: SiteData, address: str | None, lang: str) -> str | None:
    """The Company's full site in `lang` (its address from mkdocs.yml `extra.vakr_company_site`,
    COMPANY_SITE_URL), linked from every page of a subsidiary's site; None on the Company's own."""
    if site.scope is None or not address:
        return None
    base = address if address.endswith("/") else address + "/"
    return base if lang == DEFAULT_LANGUAGE else f"{base}{lang}/"
