"""Where the build keeps what it may reuse in the next one (compiled templates, parsed data):
in the virtual environment, beside the installed packages' .pyc files, kept over a reboot
(which empties the temporary folder) and over a checkout; not under src/, which `mkdocs
serve` watches."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_ROOT = Path(sys.prefix, "var", "cache")


def writable(folder: Path) -> Path | None:
    """`folder` (under CACHE_ROOT), made if needed; None outside a virtual environment that
    can be written (a system Python)."""
    if sys.prefix == sys.base_prefix:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None
