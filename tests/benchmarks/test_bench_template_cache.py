"""The theme's templates and ours are compiled once and kept between builds, like Python's
.pyc (found by `make bench`: compiling them again for each language and each build was a
third of a rebuild); an edited template is compiled again."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from bench.workspace import project_copy
from conftest import ROOT
from vakr.publish import templating
from vakr.publish.templating import compiled_templates

PAGES = ("main.html", "base.html", "404.html", "partials/header.html", "partials/nav.html", "partials/footer.html")


@pytest.fixture
def compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Template compilations by name, with the cache in an empty folder of the test's own."""
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setattr(templating, "CACHE_DIR", tmp_path / "tmp" / "templates")
    compiled_templates.cache_clear()
    counts: Counter[str] = Counter()
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        counts[name or "<string>"] += 1
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    yield counts
    compiled_templates.cache_clear()


def _build(project: Path, site: Path) -> None:
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site)))


def test_both_languages_and_the_next_builds_compile_each_template_once(compiled: Counter[str], tmp_path: Path) -> None:
    for _ in range(2):  # a build, then the next one (`mkdocs serve` after a change, or another `make build`)
        _build(ROOT, tmp_path / "site")
    assert (tmp_path / "site" / "kk" / "index.html").exists()
    # the page templates; the i18n plugin also reads Material's language partials through
    # environments of its own, which the hook does not see
    assert {name: compiled[name] for name in PAGES} == dict.fromkeys(PAGES, 1)
    assert any((tmp_path / "tmp").rglob("*.cache"))  # on disk: the next process reads them too


def test_an_edited_template_is_compiled_again(compiled: Counter[str], tmp_path: Path) -> None:
    project = project_copy(tmp_path / "project")
    _build(project, tmp_path / "site")
    override = project / "overrides" / "404.html"
    text = override.read_text(encoding="utf-8")
    override.write_text(text.replace("{% block content %}", "{% block content %}<!-- edited -->", 1), encoding="utf-8")
    _build(project, tmp_path / "site")
    assert compiled["404.html"] == 2
    assert "<!-- edited -->" in (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
