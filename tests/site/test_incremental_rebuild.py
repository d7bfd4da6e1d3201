"""A save under `make serve` re-renders only what it changed (`vakr.publish.rebuild`): after each
edit of a table (a plan text, a deadline, a risk, an organization's name, a new cycle
folder, a deleted file) the site a running `mkdocs serve --dirty` serves is, byte for byte,
the site a fresh server builds whole from the same data, search index included. The edits
are applied one after the other to one server, as an officer saves them."""

from __future__ import annotations

import filecmp
import gzip
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.serve import LiveSite, rebuilds, served
from bench.workspace import project_copy
from vakr.publish.rebuild import changed_cycles

SEARCH_DONE = "Поиск обновлён"
QUIET_S = 3
# the same day and time for every build: MkDocs dates the sitemap (and its gzip header) with it
ENV = {"SOURCE_DATE_EPOCH": "1785000000"}


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _new_cycle(project: Path) -> None:
    folder = project / "data" / "2027"
    folder.mkdir()
    (folder / "cycle.yml").write_text("period:\n  start: 12.04.2027\n  end: 25.05.2027\n", encoding="utf-8")


def _delete(path: str) -> Callable[[Path], None]:
    return lambda project: (project / path).unlink()


PART, WHOLE = "Пересобираются только изменившиеся страницы", "Сайт собирается целиком"  # the hook's log
# (name, the edit, how the server rebuilds after it)
EDITS: list[tuple[str, Callable[[Path], None], str]] = [
    ("plan text", _replace("data/2026/plan.yml", "обеспечить полноту размещения", "обеспечить ПОЛНОТУ размещения"), PART),
    ("deadline", _replace("data/2026/plan.yml", "    date: 01.07.2026\n    source:\n      ru: 01.07.2026г.",
                          "    date: 02.07.2026\n    source:\n      ru: 02.07.2026г."), PART),
    ("risk", _replace("data/2026/risks.yml", "  - id: R02\n    organizations: [spk, almaty-finance",
                      "  - id: R02\n    organizations: [spk"), PART),
    ("organization name", _replace("data/organizations.yml", "ТОО «Almaty Finance (Алматы финанс)»",
                                   "ТОО «Almaty Finance (Алматы Финанс)»"), WHOLE),
    ("new cycle folder", _new_cycle, WHOLE),
    ("deleted file", _delete("data/2026/monitoring.yml"), PART),
]


def _site_dir(tmp: Path) -> Path:
    """The folder `mkdocs serve` builds into (its temporary folder, under TMPDIR)."""
    (site,) = tmp.glob("mkdocs_*")
    return site


def _settled(live: LiveSite, timeout: float = 300) -> None:
    """Wait until every build the server started is done, its search index (written in the
    background) too, and no other build follows within a few seconds (a save that adds or
    removes pages makes the server build once more, with nothing left to change)."""
    deadline, seen, quiet_since = time.monotonic() + timeout, None, time.monotonic()
    while True:
        log = live.log.read_text(encoding="utf-8", errors="replace")
        # the live-reload server logs «Reloading browsers» after each rebuild it started has ended,
        # the first build aside (MkDocs' own «Documentation built in» is at times held back by the
        # i18n plugin's log filter)
        built = log.count("Reloading browsers") + 1
        counts = (rebuilds(log), built, log.count(SEARCH_DONE))
        if counts != seen:
            seen, quiet_since = counts, time.monotonic()
        elif len(set(counts)) == 1 and time.monotonic() - quiet_since > QUIET_S:
            return
        assert time.monotonic() < deadline, log[-3000:]
        time.sleep(0.2)


def _snapshot(site: Path, to: Path) -> Path:
    shutil.copytree(site, to)
    return to


def _differences(ours: Path, whole: Path, address: tuple[str, str]) -> list[str]:
    """Files that differ, are missing or are extra in `ours` against `whole`; `address`: the
    two servers' own addresses, the one thing in the pages that may differ."""
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    mine, theirs = files(ours), files(whole)
    out = [f"only incremental: {p}" for p in sorted(mine - theirs)] + [f"only whole: {p}" for p in sorted(theirs - mine)]
    for path in sorted(mine & theirs):
        if filecmp.cmp(ours / path, whole / path, shallow=False):
            continue
        a, b = (ours / path).read_bytes(), (whole / path).read_bytes()
        if path.endswith(".gz"):  # the address is inside the compressed text; the header has the time
            a, b = a[:10] + gzip.decompress(a), b[:10] + gzip.decompress(b)
        if a.replace(address[0].encode(), address[1].encode()) != b:
            out.append(f"differs: {path}")
    return out


@pytest.fixture(scope="module")
def incremental(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[tuple[Path, str]]]:
    """The original project, the server's address, and one `make serve` session's site after
    each edit in turn, with what the server logged for that edit."""
    work = tmp_path_factory.mktemp("incremental")
    original = project_copy(work / "original")
    project = project_copy(work / "project")
    (work / "tmp").mkdir()
    snapshots = []
    with served(project, env={**ENV, "TMPDIR": str(work / "tmp")}) as live:
        _settled(live)
        for n, (_, edit, _) in enumerate(EDITS, 1):
            logged = len(live.log.read_text(encoding="utf-8"))
            edit(project)
            live.wait_for_rebuild()
            _settled(live)
            snapshots.append((_snapshot(_site_dir(work / "tmp"), work / f"after-{n}"),
                              live.log.read_text(encoding="utf-8")[logged:]))
        log = live.log.read_text(encoding="utf-8")
        address = live.root
    assert "Traceback" not in log and rebuilds(log) > len(EDITS), log[-3000:]
    return original, address, snapshots


@pytest.mark.parametrize("step", range(len(EDITS)), ids=[name for name, _, _ in EDITS])
def test_a_save_rebuilds_the_site_a_whole_build_makes(incremental: tuple[Path, str, list[tuple[Path, str]]],
                                                      step: int, tmp_path: Path) -> None:
    original, address, snapshots = incremental
    ours, logged = snapshots[step]
    expected = EDITS[step][2]
    assert expected in logged and ({PART, WHOLE} - {expected}).pop() not in logged, logged
    project = project_copy(tmp_path / "project", original / "data")
    for _, edit, _ in EDITS[: step + 1]:
        edit(project)
    (tmp_path / "tmp").mkdir()
    with served(project, env={**ENV, "TMPDIR": str(tmp_path / "tmp")}) as live:
        _settled(live)
        whole = _snapshot(_site_dir(tmp_path / "tmp"), tmp_path / "whole")
        whole_address = live.root
    assert (whole / "pagefind" / "pagefind-entry.json").is_file() and (whole / "kk" / "2026" / "plan" / "index.html").is_file()
    assert _differences(ours, whole, (address, whole_address)) == []


def test_only_a_save_inside_cycle_folders_is_rebuilt_in_part() -> None:
    """Which saves `make serve` rebuilds in part (those cycles), and which whole (None)."""
    before = {"data/2026/plan.yml": (1, 10), "data/2025/plan.yml": (1, 10), "data/organizations.yml": (1, 5),
              "src/vakr/publish/strings.yml": (1, 7)}
    assert changed_cycles(before, {**before, "data/2026/plan.yml": (2, 11)}) == {"2026"}
    assert changed_cycles(before, {**before, "data/2026/risks.yml": (2, 3)}) == {"2026"}  # a new file
    assert changed_cycles(before, {k: v for k, v in before.items() if k != "data/2025/plan.yml"}) == {"2025"}
    assert changed_cycles(before, dict(before)) == set()
    assert changed_cycles(before, {**before, "data/organizations.yml": (2, 5)}) is None
    assert changed_cycles(before, {**before, "src/vakr/publish/strings.yml": (2, 7), "data/2026/plan.yml": (2, 11)}) is None
    assert changed_cycles(None, before) is None  # the first build
