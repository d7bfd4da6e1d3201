"""The data of the whole site as the later steps see it: validated, one `Cycle` per year.
Made by `vakr.ingest.load` (from a folder today; from a git revision or a filtered
selection tomorrow) and read by every step after it, so they need not import the loader."""

from __future__ import annotations

from dataclasses import dataclass, field

from vakr.domain.model import (Contacts, CycleInfo, Direction, EditionHistory, Monitoring, Organization, Plan,
                               Publications, RiskMatrix, Risks, Schedule)


@dataclass(frozen=True)
class Cycle:
    """One year's ВАКР: its folder name is its id; the schedule and plan appear once approved."""

    year: str
    info: CycleInfo
    schedule: Schedule | None
    plan: Plan | None
    risks: Risks | None = None
    publications: Publications | None = None
    monitoring: Monitoring | None = None  # execution reports and done steps, once recorded
    edition: EditionHistory | None = None  # formal amendments and editorial notes (history.yml)


@dataclass(frozen=True)
class SiteData:
    organizations: dict[str, Organization]
    cycles: list[Cycle] = field(default_factory=list)  # newest first
    directions: dict[str, Direction] = field(default_factory=dict)
    risk_matrix: RiskMatrix | None = None
    contacts: Contacts | None = None
    scope: Scope | None = None  # one subsidiary's site (vakr.derive.orgscope); None: the Company's full site

    @property
    def current(self) -> Cycle:
        return self.cycles[0]

    def cycle(self, year: str) -> Cycle:
        return next(c for c in self.cycles if c.year == year)

    def shows(self, org: Organization) -> bool:
        """The site has a cartogram row and a page for `org`: a subsidiary's site only its own."""
        return self.scope is None or self.scope.org.id == org.id


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
