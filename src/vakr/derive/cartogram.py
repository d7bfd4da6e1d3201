"""The cartogram of corruption risks derived from a cycle's data: the organization ×
direction matrix, the likelihood × impact heat maps, and what changed since the previous
cycle. Pure derivation: the templates only lay out what is computed here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import MAPS, Direction, Organization, PlanItem, Risk, RiskLevel, RiskMatrix


@dataclass(frozen=True)
class RatedRisk:
    """A risk with its references resolved and, where scored, its score and level."""

    risk: Risk
    direction: Direction
    organizations: tuple[Organization, ...]
    rows: frozenset[str]  # the ids of the matrix rows it is counted in (units rolled up)
    level: RiskLevel | None
    score: int | None

    @property
    def id(self) -> str:
        return self.risk.id


@dataclass(frozen=True)
class Cell:
    risks: tuple[RatedRisk, ...]
    highest: RiskLevel | None  # the highest level among the scored risks of the cell

    @property
    def count(self) -> int:
        return len(self.risks)


@dataclass(frozen=True)
class HeatMap:
    """One likelihood × impact map (НПА/ВНД or organizational-management)."""

    map: str
    scale: int
    cells: dict[tuple[int, int], tuple[RatedRisk, ...]]  # (likelihood, impact) → risks
    unscored: int

    @property
    def scored(self) -> int:
        return sum(len(risks) for risks in self.cells.values())

    def cell_id(self, likelihood: int, impact: int) -> str:
        return f"map-{self.map}-{likelihood}-{impact}"


@dataclass(frozen=True)
class Changes:
    """Risks added, removed or re-levelled since the previous cycle's cartogram (by risk id)."""

    previous_year: str
    added: tuple[RatedRisk, ...]
    removed: tuple[RatedRisk, ...]
    relevelled: tuple[tuple[RatedRisk, RatedRisk], ...]  # (before, now)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.relevelled)


def top_level(org: Organization, organizations: dict[str, Organization]) -> Organization:
    """The Company or the ДЗО a department belongs to: the row it is counted in."""
    while org.kind == "department" and org.parent in organizations:
        org = organizations[org.parent]
    return org


@dataclass
class Cartogram:
    site: SiteData
    cycle: Cycle
    risks: list[RatedRisk] = field(init=False)

    def __post_init__(self) -> None:
        assert self.cycle.risks is not None, "a cartogram needs the cycle's risks.yml"
        self.risks = [_rate(risk, self.site) for risk in self.cycle.risks.risks]

    @property
    def updated(self) -> dt.date:
        return self.cycle.risks.updated  # type: ignore[union-attr]

    @property
    def matrix(self) -> RiskMatrix | None:
        return self.site.risk_matrix

    @cached_property
    def rows(self) -> list[Organization]:
        """The Company and every ДЗО, in the order of organizations.yml, even those where no
        risk was found: an empty row is a finding too. A subsidiary's own site: its row only."""
        return [org for org in self.site.organizations.values()
                if org.kind != "department" and self.site.shows(org)]

    @cached_property
    def directions(self) -> list[Direction]:
        return list(self.site.directions.values())

    @property
    def rows_with_risks(self) -> list[Organization]:
        return [org for org in self.rows if self.risks_of(org)]

    @property
    def directions_with_risks(self) -> list[Direction]:
        return [d for d in self.directions if self.risks_of(direction=d)]

    def risks_of(self, org: Organization | None = None, direction: Direction | None = None) -> list[RatedRisk]:
        return [r for r in self.risks
                if (org is None or org.id in r.rows) and (direction is None or r.direction.id == direction.id)]

    def cell(self, org: Organization, direction: Direction) -> Cell:
        risks = tuple(self.risks_of(org, direction))
        return Cell(risks, self.highest(risks))

    def highest(self, risks: tuple[RatedRisk, ...] | list[RatedRisk]) -> RiskLevel | None:
        levels = [r.level for r in risks if r.level is not None]
        if not levels or self.matrix is None:
            return None
        order = [level.id for level in self.matrix.levels]
        return max(levels, key=lambda level: order.index(level.id))

    @property
    def scored(self) -> int:
        return sum(r.level is not None for r in self.risks)

    @cached_property
    def heat_maps(self) -> list[HeatMap]:
        scale = self.matrix.scale if self.matrix else 0
        maps = []
        for name in MAPS:
            own = [r for r in self.risks if r.direction.map == name]
            cells = {(li, im): tuple(r for r in own if (r.risk.likelihood, r.risk.impact) == (li, im))
                     for li in range(scale, 0, -1) for im in range(1, scale + 1)}
            maps.append(HeatMap(name, scale, cells, unscored=sum(r.level is None for r in own)))
        return maps

    def plan_items_of(self, org: Organization) -> list[PlanItem]:
        """The plan items whose executors include the organization or one of its units."""
        if self.cycle.plan is None:
            return []
        orgs = self.site.organizations
        return [item for item in self.cycle.plan.items
                if any(ref in orgs and top_level(orgs[ref], orgs).id == org.id for ref in item.executor.organizations)]

    @cached_property
    def _plan_items(self) -> dict[int, PlanItem]:
        return {item.number: item for item in self.cycle.plan.items} if self.cycle.plan else {}

    def plan_item(self, number: int) -> PlanItem | None:
        return self._plan_items.get(number)

    def untranslated(self, risks: list[RatedRisk], lang: str) -> bool:
        """Some text these risks show (a description, else the recommendations quoted) has no
        `lang` edition yet and is shown in Russian."""
        def shown(risk: RatedRisk) -> list[object]:
            if risk.risk.description is not None:
                return [risk.risk.description]
            return [item.recommendation for n in risk.risk.plan_items if (item := self.plan_item(n)) is not None]
        return any(getattr(text, lang) is None for risk in risks for text in shown(risk))

    @cached_property
    def changes(self) -> Changes | None:
        """None for the first cycle with a cartogram: there is nothing to compare with."""
        older = [c for c in self.site.cycles if c.year < self.cycle.year and c.risks is not None]
        if not older:
            return None
        before = {r.id: r for r in Cartogram(self.site, older[0]).risks}
        now = {r.id: r for r in self.risks}
        return Changes(
            previous_year=older[0].year,
            added=tuple(r for rid, r in now.items() if rid not in before),
            removed=tuple(r for rid, r in before.items() if rid not in now),
            relevelled=tuple((before[rid], r) for rid, r in now.items()
                             if rid in before and _level_id(before[rid]) != _level_id(r)),
        )


def _level_id(risk: RatedRisk) -> str | None:
    return risk.level.id if risk.level else None


def _rate(risk: Risk, site: SiteData) -> RatedRisk:
    level = score = None
    if risk.likelihood is not None and risk.impact is not None and site.risk_matrix is not None:
        level = site.risk_matrix.level(risk.likelihood, risk.impact)
        score = risk.likelihood * risk.impact
    organizations = tuple(site.organizations[ref] for ref in risk.organizations)
    return RatedRisk(
        risk=risk,
        direction=site.directions[risk.direction],
        organizations=organizations,
        rows=frozenset(top_level(org, site.organizations).id for org in organizations),
        level=level,
        score=score,
    )


def _luminance(colour: str) -> float:
    """WCAG relative luminance of `#rrggbb`."""
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on `background` (at least 4.58:1 either way)."""
    return "#000000" if contrast(background, "#000000") >= contrast(background, "#ffffff") else "#ffffff"


def levels_css(matrix: RiskMatrix | None) -> str:
    """The level colours as a stylesheet: colours come from data, and a stylesheet keeps
    them out of inline styles (so a strict Content-Security-Policy holds)."""
    lines = ["/* Generated from data/risk-matrix.yml: colours of the risk levels. Do not edit. */"]
    for level in matrix.levels if matrix else []:
        lines.append(f".md-typeset .vakr-level--{level.id} {{ background-color: {level.color}; "
                     f"color: {text_colour(level.color)}; }}")
    return "\n".join(lines) + "\n"
