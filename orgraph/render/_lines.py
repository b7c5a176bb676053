"""The lines of a placed chart: tree connectors, routed links and arrows, and markers."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

from orgraph.render._content import (
    PAD,
    Grid,
    entry_rows,
    entry_size,
)
from orgraph.render._layout import Box, Chart
from orgraph.render._measure import text_width
from orgraph.render._placed import MARKER_HEIGHT, MARKER_SIZE, Band, Connector, Marker, PlacedBox
from orgraph.render._route import Obstacles, Rect, route
from orgraph.render._style import style_of
from orgraph.render._tree import Arrangement

__all__ = ["bands", "cells", "marker", "other_lines", "outline_lines", "parent_lines", "ranges"]

#: Links and concurrent-role lines longer than this become markers (points).
LONGEST_LINK = 360.0
LONGEST_ARROW = 900.0
_PREFIX = {"link": "L", "concurrent": "C", "lineage": "M"}

# ------------------------------------------------------------------ lines


def parent_lines(arr: Arrangement, boxes: Mapping[str, PlacedBox]) -> list[Connector]:
    lines: list[Connector] = []
    for parent, tx in arr.trunk.items():
        top = boxes[parent]
        bottom = top.y + top.height
        for bus, row in arr.buses.get(parent, []):
            for child in row:
                c = boxes[child]
                cx = c.x + c.width / 2
                pts = [(tx, bottom), (tx, bus), (cx, bus), (cx, c.y)]
                lines.append(Connector("parent", parent, child, _clean(pts)))
        for child in arr.staff.get(parent, []):
            c = boxes[child]
            y = c.y + min(c.height, 40.0) / 2
            edge = c.x + c.width if c.x + c.width <= tx else c.x
            lines.append(Connector("parent", parent, child, ((tx, bottom), (tx, y), (edge, y))))
    return lines


def outline_lines(
    arr: Arrangement, boxes: Mapping[str, PlacedBox], chart: Chart
) -> list[Connector]:
    lines = []
    for parent, kids in chart.children.items():
        tx = arr.trunk[parent]
        top = boxes[parent]
        for child in kids:
            c = boxes[child]
            y = c.y + min(c.height, 30.0) / 2
            pts = ((tx, top.y + top.height), (tx, y), (c.x, y))
            lines.append(Connector("parent", parent, child, pts))
    return lines


def _clean(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    out: list[tuple[float, float]] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 1e-6 and abs(p[1] - out[-1][1]) < 1e-6:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (x0 == x1 == p[0]) or (y0 == y1 == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def _end(placed: PlacedBox, port: str | None) -> tuple[Rect, float, frozenset[str]]:
    """The rectangle a line meets, the y it meets it at, and the obstacles it may touch."""
    if port is not None and port in placed.cells:
        x, y, w, h = placed.cells[port]
        if placed.box.kind == "list":
            return (x, y, w, h), y + min(h, 24.0) / 2, frozenset({f"{placed.node}:{port}"})
        return placed.rect, y + h / 2, frozenset({placed.node})
    return placed.rect, placed.y + min(placed.height, 30.0) / 2, frozenset({placed.node})


def _on_row(placed: PlacedBox, port: str | None) -> bool:
    """True if a line must meet this unit box at one of its rows (a post)."""
    return placed.box.kind != "list" and port is not None and port in placed.cells


def _name_at(placed: PlacedBox, port: str | None) -> str:
    for entry in placed.box.entries:
        if port is not None and entry.port == port:
            return entry.name
    return placed.box.entries[0].name


def _detour(points: Sequence[tuple[float, float]], a: Rect, b: Rect, kind: str) -> bool:
    """True if a route is long or a detour: a dotted line across the chart only ladders.

    Lineage arrows may run further (they carry the story of a diff chart), not across it.
    """
    length = sum(abs(p[0] - q[0]) + abs(p[1] - q[1]) for p, q in itertools.pairwise(points))
    direct = abs((a[0] + a[2] / 2) - (b[0] + b[2] / 2)) + abs((a[1] + a[3] / 2) - (b[1] + b[3] / 2))
    if kind == "lineage":
        return length > min(2.0 * direct + 200, LONGEST_ARROW)
    return length > min(1.3 * direct + 60, LONGEST_LINK)


def other_lines(
    chart: Chart, boxes: Mapping[str, PlacedBox], lanes: Sequence[float], outline_: bool
) -> tuple[list[Connector], list[str], dict[str, list[str]], dict[str, list[str]]]:
    rects: list[tuple[str, Rect]] = []
    for placed in boxes.values():
        if placed.box.kind == "list":
            rects.extend((f"{placed.node}:{port}", r) for port, r in placed.cells.items())
        else:
            rects.append((placed.node, placed.rect))
    obstacles = Obstacles(rects)
    lines: list[Connector] = []
    notes: list[str] = []
    labels: dict[str, list[str]] = {}
    notes_of: dict[str, list[str]] = {}

    def mark(placed: PlacedBox, label: str, note: str) -> None:
        labels.setdefault(placed.node, []).append(label)
        notes_of.setdefault(placed.node, []).append(note)

    for edge in chart.edges:
        if edge.kind == "parent" or edge.tail == edge.head:
            continue
        a, b = boxes[edge.tail], boxes[edge.head]
        ra, ya, skip_a = _end(a, edge.tail_port)
        rb, yb, skip_b = _end(b, edge.head_port)
        middle = (ya + yb) / 2
        near = sorted(lanes, key=lambda y: abs(y - middle))[:24]
        sides = (_on_row(a, edge.tail_port), _on_row(b, edge.head_port))
        points = route(ra, rb, ya, yb, obstacles, skip_a, skip_b, near, sides=sides)
        # A lineage arrow is worth a detour; a long dotted line only ladders.
        if points is not None and not _detour(points, ra, rb, edge.kind):
            lines.append(
                Connector(
                    edge.kind,
                    edge.tail,
                    edge.head,
                    tuple(points),
                    edge,
                    arrow=edge.kind == "lineage",
                )
            )
            continue
        label = f"{_PREFIX[edge.kind]}{len(notes) + 1}"
        what = (edge.label if edge.kind == "lineage" else edge.tooltip) or edge.kind
        arrow = "→" if edge.kind == "lineage" else "⋯"
        note = f"{label}: {_name_at(a, edge.tail_port)} {arrow} {_name_at(b, edge.head_port)}"
        note += f" ({what})" if edge.kind != "concurrent" else f" — {what}"
        notes.append(note)
        mark(a, label, note)
        mark(b, label, note)
    return lines, notes, labels, notes_of


def ranges(labels: list[str]) -> str:
    """``L1, L2, L3, C1`` -> ``L1–3, C1``: one short marker per box."""
    runs: list[tuple[str, int, int]] = []
    for label in labels:
        prefix, number = label[0], int(label[1:])
        if runs and runs[-1][0] == prefix and runs[-1][2] + 1 == number:
            runs[-1] = (prefix, runs[-1][1], number)
        else:
            runs.append((prefix, number, number))
    return ", ".join(f"{p}{a}" if a == b else f"{p}{a}–{b}" for p, a, b in runs)


def _hits(rect: Rect, lines: Sequence[Connector], taken: Sequence[Rect]) -> bool:
    x, y, w, h = rect
    for other in taken:
        ox, oy, ow, oh = other
        if x < ox + ow + 1 and ox < x + w + 1 and y < oy + oh + 1 and oy < y + h + 1:
            return True
    for line in lines:
        for (x0, y0), (x1, y1) in itertools.pairwise(line.points):
            if (
                max(x0, x1) > x - 2
                and min(x0, x1) < x + w + 2
                and max(y0, y1) > y - 2
                and min(y0, y1) < y + h + 2
            ):
                return True
    return False


def marker(
    placed: PlacedBox,
    label: str,
    note: str,
    outline_: bool,
    lines: Sequence[Connector],
    taken: list[Rect],
) -> Marker:
    """A marker just outside the box (above its top-right corner), clear of every line."""
    w = float(math.ceil(text_width(label, MARKER_SIZE, bold=True) + 6))
    h = MARKER_HEIGHT
    if outline_:
        spots = [(placed.x + placed.width + 3 + 4 * i, placed.y + 2) for i in range(40)]
    else:
        top = placed.y - h
        right = placed.x + placed.width - w
        spots = [(right - 4 * i, top) for i in range(int(max(0, right - placed.x) // 4) + 1)]
        spots += [(placed.x + placed.width + 2 + 4 * i, top) for i in range(6)]
    for x, y in spots:
        if not _hits((x, y, w, h), lines, taken):
            break
    else:
        x, y = spots[0]
    taken.append((x, y, w, h))
    return Marker(x, y, w, h, label, placed.node, note)


def cells(placed_box: Box, x: float, y: float, grid: Grid | None) -> dict[str, Rect]:
    cells: dict[str, Rect] = {}
    if grid is not None:
        for index, entry in enumerate(placed_box.entries):
            cx, cy, w, h = grid.cell(index)
            if entry.port:
                cells[entry.port] = (x + cx, y + cy, w, h)
        return cells
    border = style_of(placed_box.status).width
    top = y + border + PAD
    width, _ = entry_size(placed_box.entries[0])
    for row in entry_rows(placed_box.entries[0]):
        if row.port:
            cells[row.port] = (x + border, top, width, row.height)
        top += row.height
    return cells


# ------------------------------------------------------------------ bands


def bands(chart: Chart, boxes: Mapping[str, PlacedBox]) -> tuple[Band, ...]:
    spans: dict[int, tuple[float, float]] = {}
    for placed in boxes.values():
        d = placed.box.depth
        lo, hi = spans.get(d, (math.inf, -math.inf))
        spans[d] = (min(lo, placed.y), max(hi, placed.y + placed.height))
    ordered = sorted(spans.items())
    for (_, (_, hi)), (_, (lo, _)) in itertools.pairwise(ordered):
        if lo < hi:
            return ()  # wrapped rows mix levels: no bands
    labels = {b.depth: b.level for b in chart.boxes if b.level}
    return tuple(Band(lo - 6, hi - lo + 12, labels.get(d, f"level {d}")) for d, (lo, hi) in ordered)
