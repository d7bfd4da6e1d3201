"""The benchmark's generators keep up with the data model: synthetic data at 1× and at a
small multiple loads through the real loader, 1× is the real cycle, and the stock site's
configuration is ours minus the hooks. (No timings here: those are `make bench`.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bench.stock import config_without_hooks, source_path
from bench.synthetic import Real, Shape, generate, shift_dates
from vakr.ingest.load import load_site

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


def _counts(data_dir: Path) -> tuple[int, int, int, int]:
    site = load_site(data_dir)
    return (len(site.cycles), sum(len(c.plan.items) for c in site.cycles if c.plan),
            sum(len(c.schedule.items()) for c in site.cycles if c.schedule), len(site.organizations))


def test_1x_is_the_real_2026_cycle(tmp_path: Path) -> None:
    generate(DATA, tmp_path / "data", 1)
    real, synthetic = load_site(DATA), load_site(tmp_path / "data")
    assert [c.year for c in synthetic.cycles] == ["2026"]
    assert synthetic.current.plan == real.current.plan
    assert synthetic.current.schedule == real.current.schedule
    assert synthetic.current.risks == real.current.risks
    assert synthetic.current.monitoring == real.current.monitoring
    assert synthetic.organizations == real.organizations


@pytest.mark.parametrize("scale", [3, 7])
def test_a_multiple_loads_and_grows_linearly(tmp_path: Path, scale: int) -> None:
    real = _counts(DATA)
    shape, _ = generate(DATA, tmp_path / "data", scale)
    cycles, plan_items, schedule_items, organizations = _counts(tmp_path / "data")
    assert cycles == shape.cycles == (1 if scale <= 5 else 2)
    assert plan_items == real[1] * scale
    assert schedule_items == real[2] * scale
    assert organizations == max(real[3], 5 * scale)
    texts = [item.recommendation.ru for c in load_site(tmp_path / "data").cycles for item in c.plan.items]
    assert len(set(map(str, texts))) == len(texts), "every synthetic item has its own text"


def test_risks_and_reports_grow_with_the_plan(tmp_path: Path) -> None:
    """Every synthetic plan item has its risk (as every real one has), a synthetic risk is
    scored so the heat maps are drawn, and every second synthetic item has reports."""
    generate(DATA, tmp_path / "data", 7)
    site = load_site(tmp_path / "data")
    real_items = len(load_site(DATA).current.plan.items)
    for cycle in site.cycles:
        addressed = {n for risk in cycle.risks.risks for n in risk.plan_items}
        assert addressed == {item.number for item in cycle.plan.items}, cycle.year
        first_synthetic = 1 if cycle.year != "2026" else real_items + 1
        synthetic = [r for r in cycle.risks.risks if min(r.plan_items) >= first_synthetic]
        assert synthetic and all(r.likelihood and r.impact for r in synthetic)
        reported = set(cycle.monitoring.plan)
        assert reported == {n for n in range(first_synthetic, len(cycle.plan.items) + 1) if n % 2 == 0}
    real_year = site.cycle("2026")
    assert [r for r in real_year.risks.risks if r.likelihood] == [r for r in real_year.risks.risks
                                                                  if min(r.plan_items) > real_items]


def test_50x_is_the_size_the_issue_names() -> None:
    shape = Shape.of(50, Real.read(DATA))
    assert (shape.cycles, shape.plan_items * shape.cycles, shape.organizations) == (10, 1900, 250)


def test_a_data_file_without_a_generator_is_copied_with_its_dates_moved(tmp_path: Path) -> None:
    real = tmp_path / "real"
    shutil.copytree(DATA, real)
    (real / "2026" / "extra.yml").write_text("date: 18.05.2026\nnote: «13» 05 2026г.\n", encoding="utf-8")
    _, copied = generate(real, tmp_path / "data", 6)
    assert "2026/extra.yml" in copied
    assert yaml.safe_load((tmp_path / "data" / "2025" / "extra.yml").read_text(encoding="utf-8")) == {
        "date": "18.05.2025", "note": "«13» 05 2026г."}


def test_dates_move_but_text_does_not() -> None:
    assert shift_dates({"a": ["01.07.2026", "2027-01-31", "до 01.07.2026"]}, 2020) == {
        "a": ["01.07.2020", "2021-01-31", "до 01.07.2026"]}


def test_never_writes_into_the_real_data() -> None:
    with pytest.raises(ValueError):
        generate(DATA, DATA / "2026", 1)
    with pytest.raises(ValueError):
        generate(DATA, DATA, 1)


def test_stock_config_is_ours_without_the_hooks() -> None:
    ours = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    stock = config_without_hooks(ours)
    assert "\nhooks:" in ours and "\nhooks:" not in stock and "- hooks/vakr_hooks.py" not in stock
    assert "\nwatch:" not in stock
    kept = [line for line in ours.splitlines() if line.strip() and line not in ("hooks:", "watch:")
            and line.strip() not in ("- hooks/vakr_hooks.py", "- data", "- src")]
    assert [line for line in stock.splitlines() if line.strip()] == kept


def test_stock_pages_land_at_the_urls_of_ours() -> None:
    assert [source_path(u) for u in ("", "kk/", "2026/", "kk/2026/plan/", "about/")] == [
        "index.md", "index.kk.md", "2026/index.md", "2026/plan.kk.md", "about.md"]
