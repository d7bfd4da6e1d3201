"""Python's collector of reference cycles under `mkdocs serve`. Its full collection walks every
object alive; the served site's (ten years of data, the pages' parts) outlive each rebuild, so
at 50× the data a full collection cost about half a second, and it came in the middle of the
rebuild after a save, before the page reloaded (`make bench`). Once a rebuild's work is done,
its garbage is collected and what stays alive is frozen (`gc.freeze`): the next rebuild's
collections walk only what that rebuild makes, and what it frees is collected after its pages
reloaded, in the background."""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect all garbage, the formerly frozen objects' included, and freeze what stays."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
