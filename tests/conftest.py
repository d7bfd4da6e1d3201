"""The shared helpers and fixtures of every test folder: a copy of the data to edit, its
load errors, a build by the real command; one real, strict build of the site for the whole
session."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from browser import chromium, serve
from vakr.domain.errors import DataError, DataErrors
from vakr.ingest.load import load_site

ROOT = Path(__file__).resolve().parents[1]


def build_site(site_dir: Path, root: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the same command as `make build`, into `site_dir`; `env` adds variables (SITE_URL,
    VAKR_DRAFTS=1 for the preview `make serve` shows: never taken from the caller's shell)."""
    inherited = {name: value for name, value in os.environ.items() if name != "VAKR_DRAFTS"}
    return subprocess.run(
        [sys.executable, "-m", "vakr", "--root", str(root), "build", "--site-dir", str(site_dir)],
        capture_output=True, text=True, check=False, env={**inherited, **(env or {})},
    )


def built_ok(site_dir: Path, root: Path = ROOT, env: dict[str, str] | None = None) -> Path:
    """`build_site` that must succeed; its output is kept beside the site (`build.log`)."""
    result = build_site(site_dir, root, env)
    assert result.returncode == 0, result.stdout + result.stderr
    (site_dir / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return site_dir


def copy_data(target: Path) -> Path:
    """A copy of the project's data/ to edit, at `target/data`."""
    data = target / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def load_errors(data: Path) -> list[DataError]:
    """Every error `load_site` reports for `data`; the test fails if the data loads."""
    with pytest.raises(DataErrors) as caught:
        load_site(data)
    errors = caught.value.errors
    assert errors and all(isinstance(e, DataError) for e in errors)
    return errors


def commented_example(text: str, title: str) -> str:
    """The commented example under the comment line holding `title` (its lines: «# » then a
    space, a dash or a field), uncommented as README tells the officer («# » removed)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#") and title in line) + 1
    example = []
    for line in lines[start:]:
        if not re.match(r"# [ a-z-]", line):
            break
        example.append(line[2:])
    assert example, f"no example under «{title}»"
    return "\n".join(example) + "\n"


def proper_names() -> set[str]:
    """Latin words of the organizations' names (e.g. «Almaty Finance»): names, not UI text;
    they appear unmarked where a name stands in a title or the navigation."""
    text = (ROOT / "data" / "organizations.yml").read_text(encoding="utf-8")
    return set(re.findall(r"\b[A-Za-z]{3,}\b", "\n".join(re.findall(r"^\s+(?:ru|kk): (.*)$", text, re.M))))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project folder for the importer: the reference data and the 2026 cycle, but no
    plan or schedule (the import writes them)."""
    (tmp_path / "data" / "2026").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "organizations.yml", tmp_path / "data")
    shutil.copy(ROOT / "data" / "2026" / "cycle.yml", tmp_path / "data" / "2026")
    return tmp_path


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    result = build_site(tmp_path_factory.mktemp("build") / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def site(build: subprocess.CompletedProcess[str]) -> Path:
    return Path(build.args[build.args.index("--site-dir") + 1])


class Site:
    """Read pages of a built site as parsed HTML."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def page(self, url: str) -> BeautifulSoup:
        path = self.root / url.strip("/") / "index.html" if not url.endswith(".html") else self.root / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).parent.as_posix() + "/" for p in self.root.rglob("index.html"))


@pytest.fixture(scope="session")
def built(site: Path) -> Site:
    return Site(site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian Chromium for every browser test of the session."""
    with chromium() as b:
        yield b


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The session's build served on 127.0.0.1."""
    with serve(site) as url:
        yield url
