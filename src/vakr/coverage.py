"""How much of each document exists in each language, reported on every data load so the
compliance service sees what still awaits translation."""

from __future__ import annotations

from vakr.load import SiteData
from vakr.model import DEFAULT_LANGUAGE, LANGUAGES


def coverage_lines(site: SiteData) -> list[str]:
    """E.g. `ВАКР 2026, kk: 0/38 plan items translated, 12/12 schedule items translated`."""
    out = []
    for cycle in site.cycles:
        for lang in LANGUAGES:
            if lang == DEFAULT_LANGUAGE:
                continue
            parts = []
            if cycle.plan is not None:
                done = sum(item.is_translated(lang) for item in cycle.plan.items)
                parts.append(f"{done}/{len(cycle.plan.items)} plan items translated")
            if cycle.schedule is not None:
                items = cycle.schedule.items()
                done = sum(item.is_translated(lang) for item in items)
                parts.append(f"{done}/{len(items)} schedule items translated")
            if parts:
                out.append(f"ВАКР {cycle.year}, {lang}: " + ", ".join(parts))
    return out
