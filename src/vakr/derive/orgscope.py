"""One organization's part of the data, for the site a subsidiary (ДЗО) publishes on its own
website (schedule items 9 and 12: «на официальном интернет-ресурсе Общества и его ДЗО»).

The part is a selection, never a rewrite: its risks (its row of the cartogram), its plan items
(those it executes, itself or through its units, and the measures against its risks) with their
reports, its positions; the documents of the whole ВАКР (the schedule, the announcements it
orders, the report, the originals) stay whole, as approved. Every page and download is then rendered from the
selection by the same code as the Company's site, so nothing is written twice."""

from __future__ import annotations

from dataclasses import replace

from vakr.derive.cartogram import top_level
from vakr.domain.model import Organization, Plan, Publications
from vakr.domain.site import Cycle, Scope, SiteData
from vakr.ingest.history import History

ORG_ENV = "VAKR_ORG"  # how `vakr build --org` tells the MkDocs hook whose site it builds
SITE_KINDS = ("company", "subsidiary")  # a department publishes on its organization's site


class UnknownOrganization(ValueError):
    """An organization id on the command line that has no site of its own (message in Russian)."""


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
