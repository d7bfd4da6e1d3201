"""Every damaged-data case of test_validation.py, run through the build command the officers
use (`vakr build`, as `make build`): it exits non-zero, prints where to fix what, and the last
good site/ stays byte for byte as it was. And when MkDocs itself fails after the data passed,
the published folder is untouched as well."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from bench.workspace import project_copy
from conftest import build_site
from test_validation import CASES, DATA, Case, _damage
from vakr.cli import main


def digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def published(site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A copy of the session's good build, standing for the site/ already published."""
    folder = tmp_path_factory.mktemp("published") / "site"
    shutil.copytree(site, folder)
    return folder, digest(folder)


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_damaged_data_fails_the_build_and_keeps_the_site(
        tmp_path: Path, published: tuple[Path, dict[str, str]], case: Case,
        capsys: pytest.CaptureFixture[str]) -> None:
    site, before = published
    shutil.copytree(DATA, tmp_path / "data")
    text = _damage(tmp_path / "data", case)

    code = main(["--root", str(tmp_path), "build", "--site-dir", str(site)])

    message = capsys.readouterr().err
    assert code != 0
    assert f"data/{case.file}, строка {case.line(text)}" in message, message
    if case.field:
        assert f"поле «{case.field}»" in message, message
    assert digest(site) == before, "the published site changed"
    assert not list(site.parent.glob("site.build-*")), "a half-built folder was left behind"


def test_failed_mkdocs_build_keeps_the_site(tmp_path: Path, published: tuple[Path, dict[str, str]]) -> None:
    """Valid data, but the strict MkDocs build fails (a broken link in a hand-written page)."""
    site, before = published
    root = project_copy(tmp_path / "project")
    (root / "docs" / "broken.md").write_text("# Страница\n\n[ссылка](no-such-page.md)\n", encoding="utf-8")
    result = build_site(site, root=root)
    assert result.returncode != 0
    assert "no-such-page.md" in result.stdout + result.stderr
    assert digest(site) == before
    assert not list(site.parent.glob("site.build-*"))
