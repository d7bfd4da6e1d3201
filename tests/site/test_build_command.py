"""`make build` (`python -m vakr build`) tells the web team when the site address is not
set: the sitemap, the feeds and the canonical links would point at the review server."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.workspace import project_copy
from vakr.cli import SITE_URL_UNSET, main


@pytest.mark.parametrize("site_url", [None, "https://example.kz/anticorruption/"])
def test_build_warns_only_without_a_site_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str], site_url: str | None) -> None:
    if site_url is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", site_url)
    root = project_copy(tmp_path / "project")
    assert main(["--root", str(root), "build", "--site-dir", str(tmp_path / "site")]) == 0
    warned = SITE_URL_UNSET in capsys.readouterr().err
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert warned == (site_url is None) == ("http://127.0.0.1:8000/" in sitemap)
