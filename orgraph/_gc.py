"""Pausing Python's cyclic garbage collector around bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with the cyclic collector off (restored afterwards).

    Loading or applying creates many records that all live on; the collector would rescan
    the whole structure again and again, so cost would grow faster than the work.
    Nothing orgraph builds has reference cycles that need collecting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
