"""Where each box of a chart goes: the print layout's placement, as the viewer draws it.

:func:`geometry` is the one place the viewer asks for positions: it calls
:func:`orgraph.render.place.place`, so the interactive chart and the printed one share
every box, list cell and connector. Points, origin top-left, y down; rows of text come
pre-wrapped with the same font metrics the placement measured.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from orgraph.render._content import entry_rows
from orgraph.render._style import style_of
from orgraph.render.place import place

if TYPE_CHECKING:
    from orgraph.render._layout import Chart, Entry

__all__ = ["LARGE", "LIST_ROWS", "Geometry", "Wire", "border", "geometry", "rows"]

Rect = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Wire:
    """A connector: an orthogonal polyline between two boxes."""

    kind: str
    tail: str
    head: str
    points: tuple[tuple[float, float], ...]
    arrow: bool = False


@dataclass(slots=True)
class Geometry:
    """Every box's rectangle (and list items' cells), and every connector."""

    width: float
    height: float
    boxes: dict[str, Rect] = field(default_factory=dict)
    cells: dict[str, dict[str, Rect]] = field(default_factory=dict)
    wires: list[Wire] = field(default_factory=list)
    #: Labelled stubs for lines not drawn in full: (node, x, y, width, height, label, note).
    markers: list[tuple[str, float, float, float, float, str, str]] = field(default_factory=list)


def rows(entry: Entry) -> list[list[Any]]:
    """An entry's rows as placed: ``[role, font size, height, text with line breaks]``."""
    return [[r.role, r.size, r.height, "\n".join(r.lines)] for r in entry_rows(entry)]


def border(status: tuple[str, ...]) -> int:
    """Border width of a box or list item with this status."""
    return style_of(status).width


#: Above this many boxes the list shapes are fixed instead of searched for.
LARGE = 400
#: Items per list column then.
LIST_ROWS = 8


def geometry(chart: Chart) -> Geometry:
    """Positions for every box of ``chart``: the print chart's placement.

    The placement tries many list shapes to reach the page's proportions; for a chart of
    more than :data:`LARGE` boxes (thousands of units, never printed on one page) that
    search takes seconds per thousand units, so the lists get :data:`LIST_ROWS` rows each.
    """
    large = len(chart.boxes) > LARGE
    placed = place(chart, list_rows=LIST_ROWS) if large else place(chart)
    result = Geometry(width=placed.width, height=placed.height)
    for node, box in placed.boxes.items():
        result.boxes[node] = box.rect
        if box.cells:
            result.cells[node] = dict(box.cells)
    result.wires = [
        Wire(c.kind, c.tail, c.head, tuple(c.points), c.arrow) for c in placed.connectors
    ]
    result.markers = [
        (m.node, m.x, m.y, m.width, m.height, m.label, m.note) for m in placed.markers
    ]
    return result
