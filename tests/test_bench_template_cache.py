"""The theme's templates are compiled once per process (found by `make bench`: compiling
them again for each language and each `mkdocs serve` rebuild was most of a rebuild)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT


def test_both_languages_and_a_rebuild_compile_each_template_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: Counter[str] = Counter()
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled[name or "<string>"] += 1
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    for _ in range(2):  # a build, then what `mkdocs serve` does after a change
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        build(config)
    assert (tmp_path / "site" / "kk" / "index.html").exists()
    # the page templates; the i18n plugin also reads Material's language partials through
    # environments of its own, which the hook does not see
    pages = ("main.html", "base.html", "404.html", "partials/header.html", "partials/nav.html", "partials/footer.html")
    assert {name: compiled[name] for name in pages} == dict.fromkeys(pages, 1)
