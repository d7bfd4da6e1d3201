"""Throw-away copies of the project to build in, so the benchmark never writes into the
repository's data/, docs/ or site/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_PROJECT = ("mkdocs.yml", "hooks", "overrides", "docs")
_GENERATED_STUBS = re.compile(r"^\d{4}$")  # docs/<year>/ is written by the hook at build time


def project_copy(target: Path, data: Path | None = None) -> Path:
    """A copy of the site project in `target` with `data` (default: the real data/) as its
    data folder. The Python code (src/, on the venv's path) is shared, not copied."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in _PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name,
                            ignore=lambda d, names: [n for n in names if Path(d) == ROOT / "docs" and _GENERATED_STUBS.match(n)])
        else:
            shutil.copy2(source, target / name)
    (target / "src").symlink_to(ROOT / "src")  # mkdocs.yml watches it; the code itself runs from the venv's path
    shutil.copytree(data or ROOT / "data", target / "data")
    return target
