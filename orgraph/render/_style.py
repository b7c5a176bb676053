"""Colours, border styles and badges: each diff status is shown three ways at once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from orgraph.labels import label

if TYPE_CHECKING:
    from orgraph.render._layout import Chart

__all__ = [
    "BLOC_BORDERS",
    "BLOC_FILLS",
    "EDGE_LEGEND",
    "FONT",
    "STATUS_STYLES",
    "StatusStyle",
    "bloc_colours",
    "bloc_style",
    "edge_legend",
    "status_styles",
    "style_of",
]

FONT = "Noto Sans,DejaVu Sans,sans-serif"
"""Font list: the first installed one wins; both cover Vietnamese."""


@dataclass(frozen=True, slots=True)
class StatusStyle:
    """How one status looks: fill, border colour, border style and width, legend text."""

    fill: str
    color: str
    border: str  # "" (solid), "dashed", "dotted" or "rounded"
    width: int
    badge: str
    meaning: str


_LOOKS: dict[str, tuple[str, str, str, int]] = {
    "new": ("#dcefd8", "#1b5e20", "", 3),
    "merged": ("#fde3c8", "#a04a00", "dashed", 2),
    "split": ("#fde3c8", "#a04a00", "dashed", 2),
    "dissolved": ("#f5d0d0", "#8e1b1b", "dotted", 2),
    "renamed": ("#d7e5f5", "#174a8b", "rounded", 2),
    "moved": ("#e7dcf2", "#5b2a86", "rounded", 2),
    "quota": ("#fff1b8", "#7a5c00", "rounded", 2),
    "changed": ("#eeeeee", "#444444", "rounded", 2),
    "kept": ("#ffffff", "#555555", "", 1),
}

STATUS_STYLES: dict[str, StatusStyle] = {
    name: StatusStyle(
        fill,
        color,
        border,
        width,
        label(f"badge.{name}") if name != "kept" else "",
        label(f"meaning.{name}"),
    )
    for name, (fill, color, border, width) in _LOOKS.items()
}
"""Each status's look, with its English badge and meaning (:func:`status_styles`: any
language)."""

PLAIN = StatusStyle("#ffffff", "#444444", "", 1, "", "")


@cache
def status_styles(lang: str = "en") -> dict[str, StatusStyle]:
    """:data:`STATUS_STYLES` with badges and meanings in ``lang`` (``en`` or ``vi``)."""
    return {
        name: replace(
            style,
            badge=label(f"badge.{name}", lang) if style.badge else "",
            meaning=label(f"meaning.{name}", lang),
        )
        for name, style in STATUS_STYLES.items()
    }


def edge_legend(lang: str = "en") -> dict[str, str]:
    """:data:`EDGE_LEGEND` in ``lang``."""
    return {kind: label(f"edge.{kind}", lang) for kind in EDGE_LEGEND}


EDGE_LEGEND: dict[str, str] = {
    kind: label(f"edge.{kind}") for kind in ("lineage", "concurrent", "link")
}
"""The line kinds' legend text in English (:func:`edge_legend`: any language)."""


def style_of(status: tuple[str, ...]) -> StatusStyle:
    """The style of the most important status (the first), or the plain style."""
    return STATUS_STYLES.get(status[0], PLAIN) if status else PLAIN


#: Bloc fills, in order of first appearance: Paul Tol's "pale" colour-blind-safe scheme.
#: In greyscale print the tints look alike, so each bloc also gets its own border pattern
#: (:data:`BLOC_BORDERS`); the legend names both.
BLOC_FILLS: tuple[str, ...] = (
    "#bbccee",  # pale blue
    "#eeeebb",  # pale yellow
    "#ffcccc",  # pale red
    "#cceeff",  # pale cyan
    "#dddddd",  # pale grey
    "#ccddaa",  # pale green
)


BLOC_BORDERS: tuple[str, ...] = ("", "dashed", "dotted", "", "dashed", "dotted")
BLOC_LINES: tuple[str, ...] = ("#335588", "#777733", "#aa4444", "#337788", "#555555", "#667733")


def bloc_style(chart: Chart, bloc: str | None) -> StatusStyle | None:
    """The fill, border colour and pattern of ``bloc`` in ``chart`` (None: plain)."""
    colours = bloc_colours(chart)
    if bloc is None or bloc not in colours:
        return None
    index = list(colours).index(bloc) % len(BLOC_FILLS)
    return StatusStyle(
        BLOC_FILLS[index],
        BLOC_LINES[index],
        BLOC_BORDERS[index],
        1,
        bloc,
        label("meaning.bloc", chart.settings.lang, bloc=bloc),
    )


def bloc_colours(chart: Chart) -> dict[str, str]:
    """Bloc -> fill for a chart drawn with ``blocs`` (empty otherwise, and for diffs)."""
    if not chart.settings.blocs or chart.diff:
        return {}
    blocs = dict.fromkeys(b.bloc for b in chart.boxes if b.bloc)
    return {bloc: BLOC_FILLS[i % len(BLOC_FILLS)] for i, bloc in enumerate(blocs)}
