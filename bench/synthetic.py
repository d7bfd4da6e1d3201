"""Synthetic `data/` folders at a multiple of the real 2026 cycle, for the scale benchmark.

The texts are the real ones (so pages have real text lengths and real Cyrillic), cycled and
marked with a suffix so every item is distinct. 1× is the real 2026 cycle unchanged; 50× is
about 1,900 plan items with their risks and execution reports, 250 organizations and 10
cycles. One function per file kind (see `CYCLE_FILES`); a per-cycle file with no generator
yet (an optional file added by another feature) is copied from the real data with its dates
moved to the cycle's year, so the output stays valid while the data model grows. The
site-wide settings (directions, the risk matrix, contacts) are the same at any scale.
"""

from __future__ import annotations

import copy
import math
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.workspace import ROOT
from vakr.ingest.load import CYCLE_FILE, MONITORING_FILE, ORGANIZATIONS_FILE, PLAN_FILE, RISKS_FILE, SCHEDULE_FILE
from vakr.ingest.yamlsource import load

REAL_YEAR = 2026
CYCLES_PER_SCALE = 5  # one more cycle (year) for every 5× of data, at least one
ORGANIZATIONS_PER_SCALE = 5  # 50× → 250 organizations and units


@dataclass(frozen=True)
class Real:
    """The real data the synthetic data is made of (raw YAML values, dates as text)."""

    root: Path  # the real data/ folder
    organizations: dict[str, Any]
    cycle: dict[str, Any]
    schedule: dict[str, Any]
    plan: dict[str, Any]
    risks: dict[str, Any]
    monitoring: dict[str, Any]

    @classmethod
    def read(cls, data_dir: Path) -> Real:
        folder = data_dir / str(REAL_YEAR)
        return cls(root=data_dir, organizations=load(data_dir / ORGANIZATIONS_FILE).data,
                   cycle=load(folder / CYCLE_FILE).data, schedule=load(folder / SCHEDULE_FILE).data,
                   plan=load(folder / PLAN_FILE).data, risks=load(folder / RISKS_FILE).data,
                   monitoring=load(folder / MONITORING_FILE).data)


@dataclass(frozen=True)
class Shape:
    """How much data a scale means: the counts grow linearly with `scale`."""

    scale: int
    cycles: int
    plan_items: int  # per cycle
    schedule_items: int  # per cycle
    organizations: int

    @classmethod
    def of(cls, scale: int, real: Real) -> Shape:
        if scale < 1:
            raise ValueError("scale must be a positive integer")
        cycles = math.ceil(scale / CYCLES_PER_SCALE)
        real_orgs = len(real.organizations["organizations"])
        real_schedule = sum(len(s["items"]) for s in real.schedule["sections"])
        return cls(scale=scale, cycles=cycles,
                   plan_items=round(len(real.plan["items"]) * scale / cycles),
                   schedule_items=round(real_schedule * scale / cycles),
                   organizations=max(real_orgs, ORGANIZATIONS_PER_SCALE * scale))

    def years(self) -> list[int]:
        return [REAL_YEAR - i for i in range(self.cycles)]


# --- helpers ----------------------------------------------------------------------------

_DATE = re.compile(rf"^(\d{{2}}\.\d{{2}}\.)({REAL_YEAR}|{REAL_YEAR + 1})$|^({REAL_YEAR}|{REAL_YEAR + 1})(-\d{{2}}-\d{{2}})$")


def shift_dates(node: Any, year: int) -> Any:
    """Move every date value (a whole `01.07.2026` or `2026-07-01`) by `year - 2026` years;
    free text is left as written."""
    if isinstance(node, dict):
        return {key: shift_dates(value, year) for key, value in node.items()}
    if isinstance(node, list):
        return [shift_dates(value, year) for value in node]
    if isinstance(node, str):
        m = _DATE.match(node)
        if m:
            if m.group(1):
                return f"{m.group(1)}{int(m.group(2)) - REAL_YEAR + year}"
            return f"{int(m.group(3)) - REAL_YEAR + year}{m.group(4)}"
    return node


def suffixed(text: Any, suffix: str) -> Any:
    """A text cell ({ru, kk}) with `suffix` after its last sentence in every language; a
    rich text gets it on its last paragraph or list item."""
    if not suffix:
        return copy.deepcopy(text)
    out = copy.deepcopy(text)
    for lang in ("ru", "kk"):
        value = out.get(lang)
        if isinstance(value, str):
            out[lang] = value + suffix
        elif isinstance(value, list) and value:
            block = value[-1]
            if "p" in block:
                block["p"] += suffix
            else:
                block["ul"][-1] += suffix
    return out


def _cycled(items: list[Any], count: int, year: int = REAL_YEAR) -> Iterator[tuple[int, Any, str]]:
    """(1-based position, real item, suffix) for `count` items made from `items` in turn;
    the first round of the real year is the real text unchanged, every other is marked."""
    for i in range(count):
        yield i + 1, items[i % len(items)], _round_suffix(i // len(items), year)


def _unit_id(n: int) -> str:
    return f"unit-{n:04d}"


# --- one function per file kind ----------------------------------------------------------


def organizations(real: Real, shape: Shape) -> dict[str, Any]:
    """The real organizations, then synthetic units under the Company up to the count."""
    orgs = copy.deepcopy(real.organizations["organizations"])
    company = next(o["id"] for o in orgs if o["kind"] == "company")
    for n, org, _ in _cycled(real.organizations["organizations"], shape.organizations - len(orgs)):
        orgs.append({"id": _unit_id(n), "kind": "department", "parent": company,
                     "name": suffixed(org["name"], f" (подразделение {n})")})
    return {"organizations": orgs}


def cycle_info(real: Real, shape: Shape, year: int) -> dict[str, Any]:
    return shift_dates(real.cycle, year)


def schedule(real: Real, shape: Shape, year: int) -> dict[str, Any]:
    """The real sections repeated in order until the cycle has its share of items."""
    out = {key: copy.deepcopy(value) for key, value in real.schedule.items() if key != "sections"}
    flat = [(section, item) for section in real.schedule["sections"] for item in section["items"]]
    sections: list[dict[str, Any]] = []
    current = None
    for n, (section, item), suffix in _cycled(flat, shape.schedule_items, year):
        if current is not section or item is section["items"][0]:
            current = section
            sections.append({"title": suffixed(section["title"], suffix), "items": []})
        rows = [{**copy.deepcopy(row), "work": suffixed(row["work"], suffix)} for row in item["rows"]]
        sections[-1]["items"].append({"number": n, "rows": rows})
    out["sections"] = sections
    return shift_dates(out, year)


def plan(real: Real, shape: Shape, year: int) -> dict[str, Any]:
    """The real items cycled and renumbered; each synthetic one also names a synthetic unit,
    so references to the organizations grow with the data."""
    out = {key: copy.deepcopy(value) for key, value in real.plan.items() if key != "items"}
    units = shape.organizations - len(real.organizations["organizations"])
    items = []
    for n, item, suffix in _cycled(real.plan["items"], shape.plan_items, year):
        new = copy.deepcopy(item)
        new["number"] = n
        for key in ("recommendation", "measure", "executor"):
            new[key] = suffixed(item[key], suffix)
        if suffix and units:
            new["executor"]["organizations"] = [*item["executor"].get("organizations", []), _unit_id(1 + n % units)]
        items.append(new)
    out["items"] = items
    return shift_dates(out, year)


def _round_suffix(round_: int, year: int) -> str:
    """The mark `_cycled` gives the items of a round: none on the real ones."""
    return "" if round_ == 0 and year == REAL_YEAR else f" (синт. {year}-{round_ + 1})"


def risks(real: Real, shape: Shape, year: int) -> dict[str, Any]:
    """The real risks again for every round of plan items, against the same items of that
    round (so every item has its risk, as in the real data); a synthetic risk also names the
    item's synthetic unit and has a made-up score (changing from year to year), so the heat
    maps and the changes since the previous cycle are drawn. The real ones stay unscored."""
    per_round = len(real.plan["items"])
    units = shape.organizations - len(real.organizations["organizations"])
    out = []
    for round_ in range(math.ceil(shape.plan_items / per_round)):
        suffix = _round_suffix(round_, year)
        for risk in real.risks["risks"]:
            numbers = [round_ * per_round + k for k in risk["plan_items"] if round_ * per_round + k <= shape.plan_items]
            if not numbers:
                continue
            new = {**copy.deepcopy(risk), "id": f"{risk['id']}-{round_ + 1}" if round_ else risk["id"],
                   "plan_items": numbers}
            if suffix:
                if units:
                    new["organizations"] = [*risk["organizations"], _unit_id(1 + numbers[0] % units)]
                new["likelihood"], new["impact"] = 1 + numbers[0] % 5, 1 + (numbers[0] + year) % 5
            out.append(new)
    return shift_dates({**real.risks, "risks": out}, year)


_REPORTS = ("not_started", "in_progress", "done", "not_done")


def monitoring(real: Real, shape: Shape, year: int) -> dict[str, Any]:
    """Reports on every second synthetic plan item (one to three, the statuses in turn, the
    last one the item's status) and the first half of the schedule's steps done; the real
    items keep the real record (steps done by the documents themselves, no reports yet)."""
    reports: dict[int, list[dict[str, Any]]] = {}
    for n, _, suffix in _cycled(real.plan["items"], shape.plan_items, year):
        if not suffix or n % 2:
            continue
        reports[n] = [{
            "date": f"{10 + k:02d}.{6 + k:02d}.{year}",
            "status": status,
            "text": {"ru": f"Отчёт {k + 1} об исполнении пункта {n}{suffix}"},
            **({"reason": {"ru": f"Причина неисполнения{suffix}"}} if status == "not_done" else {}),
            "evidence": [{"order": f"№ {n}-{k + 1}-П от {10 + k:02d}.{6 + k:02d}.{year}"}],
        } for k, status in enumerate(_REPORTS[: 1 + n // 2 % 3])]
    real_steps = (real.monitoring.get("schedule") or {}) if year == REAL_YEAR else {}
    steps = copy.deepcopy(real_steps) | {n: {"done": f"01.03.{year}"} for n, _, suffix in _cycled(
        [item for section in real.schedule["sections"] for item in section["items"]], shape.schedule_items // 2, year)
        if suffix}
    return {"plan": reports, "schedule": steps}


CycleGenerator = Callable[[Real, Shape, int], dict[str, Any]]
CYCLE_FILES: dict[str, CycleGenerator] = {
    CYCLE_FILE: cycle_info,
    SCHEDULE_FILE: schedule,
    PLAN_FILE: plan,
    RISKS_FILE: risks,
    MONITORING_FILE: monitoring,
}
"""Per-cycle files that scale with the data; add one function here per new file kind."""


# --- writing -----------------------------------------------------------------------------


def _dump(path: Path, data: Any, schema: str) -> None:
    header = f"# yaml-language-server: $schema=../../schema/{schema}.schema.json\n# synthetic benchmark data\n"
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000),
                    encoding="utf-8")


def _copy(source: Path, dest: Path, year: int) -> None:
    """A file with no generator: YAML with its dates moved to `year`, anything else as is."""
    if source.is_dir():
        shutil.copytree(source, dest)
    elif source.suffix == ".yml":
        first = source.read_text(encoding="utf-8").split("\n", 1)[0]
        header = first + "\n" if first.startswith("# yaml-language-server") else ""
        dest.write_text(header + yaml.safe_dump(shift_dates(load(source).data, year), allow_unicode=True,
                                                sort_keys=False, width=1_000_000), encoding="utf-8")
    else:
        shutil.copy2(source, dest)


def generate(real_data: Path, target: Path, scale: int) -> tuple[Shape, list[str]]:
    """Write a data folder at `scale`× into `target` (which must not be the real data/).
    Returns the shape and the files copied without scaling (no generator for them yet)."""
    real_data, target = real_data.resolve(), target.resolve()
    if target == real_data or real_data in target.parents or target in real_data.parents:
        raise ValueError(f"refusing to write synthetic data into or around {real_data}")
    real = Real.read(real_data)
    shape = Shape.of(scale, real)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    copied: list[str] = []
    _dump(target / ORGANIZATIONS_FILE, organizations(real, shape), "organizations")
    for path in sorted(real_data.iterdir()):  # site-wide settings (directions, the matrix, contacts): one at any scale
        if path.is_file() and path.name != ORGANIZATIONS_FILE:
            shutil.copy2(path, target / path.name)
    real_folder = real_data / str(REAL_YEAR)
    for year in shape.years():
        folder = target / str(year)
        folder.mkdir()
        for name, generator in CYCLE_FILES.items():
            if (real_folder / name).exists():
                _dump(folder / name, generator(real, shape, year), Path(name).stem)
        for path in sorted(real_folder.iterdir()):
            if path.name not in CYCLE_FILES:
                _copy(path, folder / path.name, year)
                if year == REAL_YEAR:
                    copied.append(f"{REAL_YEAR}/{path.name}")
    return shape, copied


if __name__ == "__main__":  # python -m bench.synthetic OUT_DIR SCALE: e.g. to try `mkdocs serve` at 50×
    out, scale = Path(sys.argv[1]), int(sys.argv[2])
    made, unscaled = generate(ROOT / "data", out, scale)
    print(f"{out}: {made}" + (f"; copied unscaled: {', '.join(unscaled)}" if unscaled else ""))
