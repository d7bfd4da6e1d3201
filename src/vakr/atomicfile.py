"""Replace a file in one step, keeping its mode: a reader (the site build, `mkdocs serve`,
an editor) sees the old file or the new one, never half of one, and an officer's file stays
as readable as it was (a temporary file is created 0600)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(target: Path, content: bytes) -> None:
    """Write `content` to `target` through a temporary file beside it and one rename; the
    mode is the old file's, or what the umask gives a new file."""
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        os.unlink(temp)
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
