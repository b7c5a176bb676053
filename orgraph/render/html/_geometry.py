"""Where each box of a chart goes: the viewer's single source of positions.

:func:`geometry` is the one place the viewer asks for positions, so the interactive chart
and the printed one can share a layout. Points, origin top-left, y down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orgraph.render._layout import Box, Chart

__all__ = ["Geometry", "Rect", "Wire", "geometry"]

#: Estimated text metrics (points) of the viewer's font at its base size.
_CHAR = 6.2
_LINE = 14.0
_PAD = 8.0
_MIN_WIDTH = 90.0
_MAX_WIDTH = 240.0
_GAP_X = 18.0
_GAP_Y = 36.0


@dataclass(frozen=True, slots=True)
class Rect:
    """A box's place: top-left corner and size."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Wire:
    """A connector: an orthogonal polyline between two boxes."""

    kind: str
    tail: str
    head: str
    points: tuple[tuple[float, float], ...]


@dataclass(slots=True)
class Geometry:
    """The chart's size and every box's rectangle and connector."""

    width: float
    height: float
    boxes: dict[str, Rect] = field(default_factory=dict)
    wires: list[Wire] = field(default_factory=list)


def _size(box: Box) -> tuple[float, float]:
    rows = 0
    longest = 0
    for entry in box.entries:
        texts = [entry.name, *entry.badges, *(line.text for line in entry.lines)]
        rows += len(texts)
        longest = max(longest, *(len(t) for t in texts))
    width = min(_MAX_WIDTH, max(_MIN_WIDTH, longest * _CHAR + 2 * _PAD))
    # Long texts wrap at word boundaries: count the extra lines they take, generously.
    per_line = max(1, int((width - 2 * _PAD) / (_CHAR * 1.2)))
    extra = sum(
        max(0, -(-len(t) // per_line) - 1)
        for entry in box.entries
        for t in [entry.name, *entry.badges, *(line.text for line in entry.lines)]
    )
    entry_pad = 4.0 * len(box.entries) if box.kind == "list" else 0.0
    return width, (rows + extra) * _LINE + 2 * _PAD + entry_pad


def geometry(chart: Chart) -> Geometry:
    """Positions for every box of ``chart``: a top-down tidy tree, parents over children."""
    sizes = {box.node: _size(box) for box in chart.boxes}
    has_parent = {kid for kids in chart.children.values() for kid in kids}
    roots = [box.node for box in chart.boxes if box.node not in has_parent]
    depth_of: dict[str, int] = {}
    order: list[str] = []  # pre-order, with an explicit stack (trees may be deep)
    stack = [(root, 0) for root in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        depth_of[node] = depth
        order.append(node)
        stack.extend((kid, depth + 1) for kid in reversed(chart.children.get(node, [])))
    row_height: dict[int, float] = {}
    for node, depth in depth_of.items():
        row_height[depth] = max(row_height.get(depth, 0.0), sizes[node][1])
    row_top: dict[int, float] = {}
    top = 0.0
    for depth in sorted(row_height):
        row_top[depth] = top
        top += row_height[depth] + _GAP_Y
    span: dict[str, float] = {}
    for node in reversed(order):
        kids = chart.children.get(node, [])
        inner = sum(span[k] for k in kids) + _GAP_X * max(0, len(kids) - 1)
        span[node] = max(sizes[node][0], inner)
    result = Geometry(width=0.0, height=max(top - _GAP_Y, 0.0))
    left: dict[str, float] = {}
    cursor = 0.0
    for root in roots:
        left[root] = cursor
        cursor += span[root] + _GAP_X
    for node in order:
        width, height = sizes[node]
        start = left[node]
        kids = chart.children.get(node, [])
        inner = sum(span[k] for k in kids) + _GAP_X * max(0, len(kids) - 1)
        result.boxes[node] = Rect(
            start + (span[node] - width) / 2, row_top[depth_of[node]], width, height
        )
        x = start + (span[node] - inner) / 2
        for kid in kids:
            left[kid] = x
            x += span[kid] + _GAP_X
    result.width = max(cursor - _GAP_X, 0.0)
    for edge in chart.edges:
        a, b = result.boxes.get(edge.tail), result.boxes.get(edge.head)
        if a is None or b is None:
            continue
        ax, bx = a.x + a.width / 2, b.x + b.width / 2
        points: tuple[tuple[float, float], ...]
        if edge.kind == "parent":
            bottom, mid = a.y + a.height, b.y - _GAP_Y / 2
            points = ((ax, bottom), (ax, mid), (bx, mid), (bx, b.y))
        else:
            ay, by = a.y + a.height / 2, b.y + b.height / 2
            points = ((ax, ay), (bx, ay), (bx, by))
        result.wires.append(Wire(edge.kind, edge.tail, edge.head, points))
    return result
