"""Throw-away copies of the project to build in, for the benchmark and the tests, so neither
ever writes into the repository's data/, docs/ or site/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from vakr.adapter.stubs import STUB_MARK

ROOT = Path(__file__).resolve().parents[1]
_PROJECT = ("mkdocs.yml", "hooks", "overrides", "docs")
_YEAR = re.compile(r"^\d{4}$")


def _generated(folder: str, names: list[str]) -> list[str]:
    """What the build writes under docs/: the cycles' page stubs (docs/<year>/, and the
    site pages' stubs beside the hand-written pages) and docs/assets/generated/."""
    here = Path(folder)
    return [name for name in names
            if (here == ROOT / "docs" and _YEAR.match(name)) or (here == ROOT / "docs" / "assets" and name == "generated")
            or (name.endswith(".md") and STUB_MARK in (here / name).read_text(encoding="utf-8"))]


def project_copy(target: Path, data: Path | None = None) -> Path:
    """A copy of the site project in `target` (emptied first) with `data` (default: the
    real data/) as its data folder. The Python code (src/, on the venv's path) is shared,
    not copied."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in _PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=_generated if name == "docs" else None)
        else:
            shutil.copy2(source, target / name)
    (target / "src").symlink_to(ROOT / "src")  # mkdocs.yml watches it; the code itself runs from the venv's path
    shutil.copytree(data or ROOT / "data", target / "data")
    return target
