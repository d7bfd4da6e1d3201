"""One organization's part of the data, for the site a subsidiary (ДЗО) publishes on its own
website (schedule items 9 and 12: «на официальном интернет-ресурсе Общества и его ДЗО»).

The part is a selection, never a rewrite: its risks (its row of the cartogram), its plan items
(those it executes, itself or through its units, and the measures against its risks) with their
reports, its positions; the documents of the whole ВАКР (the schedule, the announcements it
orders, the report, the originals) stay whole, as approved. Every page and download is then rendered from the
selection by the same code as the Company's site, so nothing is written twice."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

from vakr import strings
from vakr.cartogram import top_level
from vakr.history import History
from vakr.load import Cycle, SiteData
from vakr.model import DEFAULT_LANGUAGE, Organization, Plan, Publications

ORG_ENV = "VAKR_ORG"  # how `vakr build --org` tells the MkDocs hook whose site it builds
SITE_KINDS = ("company", "subsidiary")  # a department publishes on its organization's site


class UnknownOrganization(ValueError):
    """An organization id on the command line that has no site of its own (message in Russian)."""


@dataclass(frozen=True)
class Scope:
    """What a subsidiary's site is cut from: the organization, and the Company's whole data, so
    its pages can say how much of the Company's plan and cartogram they show."""

    org: Organization
    whole: SiteData

    def plan_total(self, year: str) -> int:
        plan = self.whole.cycle(year).plan
        return len(plan.items) if plan else 0

    def risks_total(self, year: str) -> int:
        risks = self.whole.cycle(year).risks
        return len(risks.risks) if risks else 0


def site_organizations(site: SiteData) -> list[Organization]:
    """The organizations that can have a site of their own, in the order of organizations.yml."""
    return [org for org in site.organizations.values() if org.kind in SITE_KINDS]


def check_organization(site: SiteData, org_id: str) -> Organization:
    """The organization `org_id` names, or an error that lists those that have a site."""
    known = ", ".join(org.id for org in site_organizations(site))
    org = site.organizations.get(org_id)
    if org is None:
        raise UnknownOrganization(f"в data/organizations.yml нет организации с id «{org_id}»; "
                                  f"сайт собирается для: {known}")
    if org.kind not in SITE_KINDS:
        raise UnknownOrganization(f"«{org_id}» в data/organizations.yml — подразделение: его пункты "
                                  f"публикуются на сайте организации «{org.parent}»; сайт собирается для: {known}")
    return org


def for_organization(site: SiteData, org_id: str) -> SiteData:
    """The data of `org_id`'s site: the whole site for the Company (it publishes everything),
    else the organization's part of every cycle."""
    org = check_organization(site, org_id)
    if org.kind == "company":
        return site
    return replace(site, scope=Scope(org, site), cycles=[_cycle(site, cycle, org.id) for cycle in site.cycles])


def belongs(site: SiteData, refs: list[str], org_id: str) -> bool:
    """Some of `refs` (organization ids) is the organization or one of its units."""
    orgs = site.organizations
    return any(ref in orgs and top_level(orgs[ref], orgs).id == org_id for ref in refs)


def _cycle(site: SiteData, cycle: Cycle, org_id: str) -> Cycle:
    risks = cycle.risks
    if risks is not None:
        own_risks = [r for r in risks.risks if belongs(site, r.organizations, org_id)]
        risks = risks.model_copy(update={"risks": own_risks})
    measures = {n for risk in (risks.risks if risks else []) for n in risk.plan_items}
    plan = _plan(site, cycle.plan, org_id, measures)
    numbers = {item.number for item in plan.items} if plan else set()
    monitoring = cycle.monitoring
    if monitoring is not None:
        own = {n: reports for n, reports in monitoring.plan.items() if n in numbers}
        monitoring = monitoring.model_copy(update={"plan": own})
    return replace(cycle, plan=plan, risks=risks, monitoring=monitoring,
                   publications=_publications(site, cycle.publications, org_id))


def _plan(site: SiteData, plan: Plan | None, org_id: str, measures: set[int]) -> Plan | None:
    """The approved plan with the organization's items only: those it executes and the measures
    against its risks (none at all: its pages say so, never that the plan is not approved)."""
    if plan is None:
        return None
    items = [item for item in plan.items
             if belongs(site, item.executor.organizations, org_id) or item.number in measures]
    return plan.model_copy(update={"items": items})


def _publications(site: SiteData, publications: Publications | None, org_id: str) -> Publications | None:
    if publications is None or publications.positions is None:
        return publications
    positions = publications.positions
    own = [p for p in positions.items if belongs(site, [p.organization], org_id)]
    return publications.model_copy(update={"positions": positions.model_copy(update={"items": own})})


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
    return html.escape(strings.template(lang, "site.name.org")).format(name=org_name_html(site.scope.org, lang))


def company_link(site: SiteData, address: str | None, lang: str) -> str | None:
    """The Company's full site in `lang` (its address from mkdocs.yml `extra.vakr_company_site`,
    COMPANY_SITE_URL), linked from every page of a subsidiary's site; None on the Company's own."""
    if site.scope is None or not address:
        return None
    base = address if address.endswith("/") else address + "/"
    return base if lang == DEFAULT_LANGUAGE else f"{base}{lang}/"


def history_for(history: History, site: SiteData) -> History:
    """The edition history a site shows: on a subsidiary's, the changes of the shared schedule
    and of its own plan items and risks only (another organization's texts stay off it)."""
    if site.scope is None:
        return history
    own = {(cycle.year, "schedule", None) for cycle in site.cycles}
    for cycle in site.cycles:
        own.update((cycle.year, "plan", str(item.number)) for item in (cycle.plan.items if cycle.plan else []))
        own.update((cycle.year, "risks", risk.id) for risk in (cycle.risks.risks if cycle.risks else []))
    changes = tuple(c for c in history.changes
                    if (c.year, c.document, None if c.document == "schedule" else c.item) in own)
    return replace(history, changes=changes)
