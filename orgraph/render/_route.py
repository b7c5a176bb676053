"""Orthogonal routes for the lines that are not tree edges (links, lineage, concurrent roles).

A route leaves its first box at the edge (side, top or bottom), runs through free space
and meets the second box at its edge; it never passes through another box, nor through
the other items of a list box it starts in. Candidates with one to four bends are tried,
shortest first (a bend costs as much as 40 points); the lanes are the gutters beside the
two boxes and the gaps between levels. ``None`` when nothing is free.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

__all__ = ["Obstacles", "Rect", "route"]

Rect = tuple[float, float, float, float]  # x, y, width, height
Point = tuple[float, float]

_BUCKET = 160.0
_MARGIN = 2.0
_BEND = 40.0


class Obstacles:
    """Boxes that lines must avoid, bucketed on a coarse grid for quick segment tests."""

    def __init__(self, rects: Iterable[tuple[str, Rect]]) -> None:
        self.rects: list[tuple[str, Rect]] = list(rects)
        self.grid: dict[tuple[int, int], list[int]] = {}
        for index, (_, (x, y, w, h)) in enumerate(self.rects):
            for gx in range(int(x // _BUCKET), int((x + w) // _BUCKET) + 1):
                for gy in range(int(y // _BUCKET), int((y + h) // _BUCKET) + 1):
                    self.grid.setdefault((gx, gy), []).append(index)

    def blocked(self, a: Point, b: Point, skip: frozenset[str]) -> bool:
        """True if the axis-parallel segment a-b touches a box not owned by ``skip``."""
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        seen: set[int] = set()
        for gx in range(int(x0 // _BUCKET), int(x1 // _BUCKET) + 1):
            for gy in range(int(y0 // _BUCKET), int(y1 // _BUCKET) + 1):
                for index in self.grid.get((gx, gy), ()):
                    if index in seen:
                        continue
                    seen.add(index)
                    owner, (x, y, w, h) = self.rects[index]
                    if owner in skip:
                        continue
                    if (
                        x1 > x - _MARGIN
                        and x0 < x + w + _MARGIN
                        and y1 > y - _MARGIN
                        and y0 < y + h + _MARGIN
                    ):
                        return True
        return False


def _cost(points: Sequence[Point]) -> float:
    length = sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in itertools.pairwise(points))
    return length + _BEND * (len(points) - 2)


def _exits(rect: Rect, y: float, lane: float) -> list[tuple[Point, Point]]:
    """Ways out of a box: (point on its edge, first point outside, ``lane`` away)."""
    x, top, w, h = rect
    return [
        ((x + w, y), (x + w + lane, y)),
        ((x, y), (x - lane, y)),
        ((x + w * 0.75, top), (x + w * 0.75, top - lane)),
        ((x + w * 0.25, top + h), (x + w * 0.25, top + h + lane)),
    ]


def route(
    a: Rect,
    b: Rect,
    ya: float,
    yb: float,
    obstacles: Obstacles,
    skip_a: frozenset[str],
    skip_b: frozenset[str],
    lanes_y: Sequence[float],
    *,
    sides: tuple[bool, bool] = (False, False),
) -> list[Point] | None:
    """The cheapest free orthogonal route from box ``a`` (row at ``ya``) to ``b`` (``yb``).

    ``sides``: leave ``a`` / reach ``b`` only through a side, at ``ya`` / ``yb`` (a line
    that names one row of the box, such as a person's post).
    """
    skip = skip_a | skip_b
    best: list[Point] | None = None
    best_cost = float("inf")

    def consider(points: list[Point]) -> None:
        nonlocal best, best_cost
        cost = _cost(points)
        if cost >= best_cost:
            return
        for p, q in itertools.pairwise(points):
            if p != q and obstacles.blocked(p, q, skip):
                return
        best, best_cost = points, cost

    exits_a = _exits(a, ya, 6.0)[: 2 if sides[0] else 4]
    exits_b = _exits(b, yb, 6.0)[: 2 if sides[1] else 4]
    for (ea, oa), (eb, ob) in itertools.product(exits_a, exits_b):
        a_side = ea[1] == oa[1]
        b_side = eb[1] == ob[1]
        if a_side and b_side:
            # Side to side: one vertical run, at a gutter or between the two.
            for x in {oa[0], ob[0], (oa[0] + ob[0]) / 2}:
                consider([ea, (x, ea[1]), (x, eb[1]), eb])
            # Or down/up to a lane between levels.
            for y in lanes_y:
                consider([ea, oa, (oa[0], y), (ob[0], y), ob, eb])
        elif not a_side and not b_side:
            for y in {oa[1], ob[1], *lanes_y}:
                consider([ea, (ea[0], y), (eb[0], y), eb])
        elif a_side:
            consider([ea, (eb[0], ea[1]), eb])
        else:
            consider([ea, (ea[0], eb[1]), eb])
    return _simplify(best) if best is not None else None


def _simplify(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for point in points:
        if out and point == out[-1]:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (x0 == x1 == point[0]) or (y0 == y1 == point[1]):
                out[-1] = point
                continue
        out.append(point)
    return out
