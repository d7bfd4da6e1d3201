"""`make serve`'s cycle collector (`vakr.adapter.heap`): what outlives a rebuild is frozen, and
what a later rebuild frees of it is still collected (no serve session grows without bound)."""

from __future__ import annotations

import gc
import weakref

from vakr.adapter.heap import settle


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_what_stays_is_frozen_and_what_is_dropped_later_is_collected() -> None:
    try:
        kept = _Node()
        settle()
        assert gc.get_freeze_count() > 0
        alive = weakref.ref(kept)
        del kept  # the site of the rebuild before: frozen, then dropped by the next rebuild
        settle()
        assert alive() is None
    finally:
        gc.unfreeze()
