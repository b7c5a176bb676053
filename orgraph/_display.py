"""How an :class:`~orgraph.Org` shows itself in Jupyter, without importing what draws it.

The drawing code sits in a higher layer (:mod:`orgraph.render`), which registers its
functions here when it is imported (``import orgraph`` imports it). ``Org._repr_svg_``
and ``Org._repr_html_`` ask :func:`show`; with nothing registered for a MIME type they
give None, and Jupyter falls back to the text repr.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["register", "show"]

_SHOWERS: dict[str, Callable[[Any], str | None]] = {}


def register(mime: str, shower: Callable[[Any], str | None]) -> None:
    """Show structures as ``mime`` (``image/svg+xml``, ``text/html``) with ``shower``."""
    _SHOWERS[mime] = shower


def show(mime: str, obj: Any) -> str | None:
    """``obj`` as ``mime`` text, or None when nothing can show it that way."""
    shower = _SHOWERS.get(mime)
    return None if shower is None else shower(obj)
