"""Put a finished build at site/ so that a reader, a copy by the web team or a killed build
never finds a half site there: the build is written into a sibling folder, given the modes a
web server needs, and exchanged with site/ in one step (Linux's renameat2 RENAME_EXCHANGE:
both folders stay real folders, so `cp -a site/. …` and `rsync -a site/ …` work as always).
Folders left by a killed build are removed by the next one."""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
DIR_MODE, FILE_MODE = 0o755, 0o644  # what nginx, running as its own user, must be able to read


def write_if_changed(path: Path, text: str) -> bool:
    """Write only a changed file, so `mkdocs serve` does not rebuild in a loop (page stubs) nor rewrite
    unchanged pages (embeds). A link to a
    hand-written file at that path is replaced, never written through."""
    if path.is_symlink():
        path.unlink()
    elif path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def staging(site_dir: Path) -> Path:
    """A new empty folder beside `site_dir` for this build, after removing the folders of
    builds that were killed (their process is gone)."""
    for stale in site_dir.parent.glob(f"{site_dir.name}.build-*"):
        if not _alive(stale.name.rsplit("-", 1)[-1]):
            shutil.rmtree(stale, ignore_errors=True)
    folder = site_dir.with_name(f"{site_dir.name}.build-{os.getpid()}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's running process
        return True
    return True


def web_modes(folder: Path) -> None:
    """Folders 0755, files 0644, whatever the umask of the build: the folder is copied with
    its modes (`cp -a`, `rsync -a`) and served by a user that is not its owner."""
    os.chmod(folder, DIR_MODE)
    for parent, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), DIR_MODE)
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def publish(built: Path, site_dir: Path) -> None:
    """Make `built` the site at `site_dir` in one step and remove the site it replaces."""
    web_modes(built)
    if not os.path.lexists(site_dir):
        os.rename(built, site_dir)
        return
    _exchange(built, site_dir)
    shutil.rmtree(built)  # now the previous site


def _exchange(first: Path, second: Path) -> None:
    """Swap two paths atomically (renameat2, Linux 3.15+, glibc 2.28+)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{os.strerror(code)} (renameat2 RENAME_EXCHANGE)", str(second))
