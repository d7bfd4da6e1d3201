"""How much of each document exists in each language, reported on every data load so the
compliance service sees what still awaits translation."""

from __future__ import annotations

from vakr.derive.kkeditions import cycle_editions
from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import DEFAULT_LANGUAGE, LANGUAGES


def coverage_lines(site: SiteData) -> list[str]:
    """E.g. `ВАКР 2026, kk: переведено пунктов плана 0 из 38, пунктов плана-графика 12 из 12`."""
    out = []
    for cycle in site.cycles:
        for lang in LANGUAGES:
            if lang == DEFAULT_LANGUAGE:
                continue
            parts = []
            if cycle.plan is not None:
                done = sum(item.is_translated(lang) for item in cycle.plan.items)
                parts.append(f"пунктов плана {done} из {len(cycle.plan.items)}")
            if cycle.schedule is not None:
                items = cycle.schedule.items()
                done = sum(item.is_translated(lang) for item in items)
                parts.append(f"пунктов плана-графика {done} из {len(items)}")
            if parts:
                out.append(f"ВАКР {cycle.year}, {lang}: переведено " + ", ".join(parts))
        out.append(f"ВАКР {cycle.year}, казахская редакция: " + _approvals(cycle))
    return out


def _approvals(cycle: Cycle) -> str:
    """Which documents have an approved Kazakh edition: only those are published in Kazakh."""
    approved, draft = [], []
    for state in cycle_editions(cycle):
        if state.approved_on is None:
            draft.append(state.label)
        else:
            approved.append(f"{state.label} ({state.approved_on:%d.%m.%Y})")
    parts = [f"утверждена: {', '.join(approved)}"] if approved else []
    if draft:
        parts.append(f"не утверждена (казахские тексты — черновик, пока нет kk_approved): {', '.join(draft)}")
    return "; ".join(parts) or "документов нет"
