"""Two builds of the same sources with the same SOURCE_DATE_EPOCH are byte-identical, every
file included (pages, sitemaps, search index, feeds, downloads), even when they run in other
folders, in another time zone, with another hash seed and on another day (faketime moves the
clock of the second build by 400 days). So the web team can rebuild the published site from
a commit and compare it with what is online."""

from __future__ import annotations

import datetime as dt
import difflib
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.workspace import project_copy
from conftest import ROOT, build_site

EPOCH = "1778630400"  # 2026-05-13 00:00:00 UTC, the approval date of the plan


def faketime() -> str:
    path = shutil.which("faketime")
    if path is None:
        raise RuntimeError("faketime not found: install Debian's `faketime` (make test does it as root)")
    return path


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(name: str, a: bytes, b: bytes) -> str:
    if name.endswith(".gz"):
        a, b = gzip.decompress(a), gzip.decompress(b)
        if a == b:
            return f"{name}: same content, different gzip header (mtime?)"
    diff = difflib.unified_diff(a.decode(errors="replace").splitlines(), b.decode(errors="replace").splitlines(),
                                lineterm="", n=0)
    return f"{name}:\n  " + "\n  ".join(list(diff)[2:8])


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first = project_copy(tmp_path_factory.mktemp("checkout-a") / "vakr")
    second = project_copy(tmp_path_factory.mktemp("checkout-b") / "elsewhere" / "vakr-site")
    a = build_site(first / "site", root=first, env={"SOURCE_DATE_EPOCH": EPOCH, "TZ": "UTC", "PYTHONHASHSEED": "1"})
    assert a.returncode == 0, a.stdout + a.stderr
    b = subprocess.run(
        [faketime(), "-f", "+400d", sys.executable, "-m", "vakr", "--root", str(second),
         "build", "--site-dir", str(tmp_path_factory.mktemp("out") / "site")],
        capture_output=True, text=True, check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "TZ": "Asia/Almaty", "PYTHONHASHSEED": "2"},
    )
    assert b.returncode == 0, b.stdout + b.stderr
    return first / "site", Path(b.args[-1])


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    a, b = (files(site) for site in two_builds)
    assert sorted(a) == sorted(b), set(a) ^ set(b)
    differing = [first_difference(name, a[name], b[name]) for name in a if a[name] != b[name]]
    assert not differing, f"{len(differing)} of {len(a)} files differ:\n" + "\n".join(differing)
    assert {"sitemap.xml", "sitemap.xml.gz", "pagefind/pagefind-entry.json", "index.html", "kk/index.html"} <= set(a)


def test_dates_in_the_build_come_from_source_date_epoch(two_builds: tuple[Path, Path]) -> None:
    """Not vacuous: the builds ran 400 days apart; both carry the date of SOURCE_DATE_EPOCH."""
    sitemap = (two_builds[1] / "sitemap.xml").read_text(encoding="utf-8")
    day = dt.datetime.fromtimestamp(int(EPOCH), dt.timezone.utc).date().isoformat()
    assert f"<lastmod>{day}</lastmod>" in sitemap
    assert dt.date.today().isoformat() not in sitemap


def test_build_of_a_git_checkout_takes_the_commit_time(build: subprocess.CompletedProcess[str]) -> None:
    """`make build` without SOURCE_DATE_EPOCH: the date of the last commit, not of today."""
    log = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=False)
    if log.returncode != 0:
        pytest.skip("not a git checkout")  # a source tarball: nothing to take the time from
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or log.stdout.strip()
    day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    site = Path(build.args[build.args.index("--site-dir") + 1])
    assert f"<lastmod>{day}</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")
