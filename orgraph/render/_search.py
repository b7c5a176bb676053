"""Choosing the layout: box sizes, list shapes and the row width that suit the goal.

The goal is an aspect ratio (√2 landscape by default) with little empty space, or on a
page the largest print scale. Each list shape gives a :class:`~orgraph.render._tree.Tree`;
each row width is tried on it, and the best few are tuned list by list.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from orgraph.render._content import (
    CELL_GAP,
    Grid,
    box_entries_sizes,
    entry_size,
    list_grid,
)
from orgraph.render._layout import Box, Chart
from orgraph.render._style import style_of
from orgraph.render._tree import Gaps, Tree

__all__ = ["HEADER_GAP", "MARGIN", "Sizes", "Trial", "score", "search", "tree_of"]

#: Around the drawing (points).
MARGIN = 12.0
#: Title/legend to the first box.
HEADER_GAP = 18.0
#: Weight of empty space against distance from the aimed aspect (log units).
COMPACT = 0.35
#: Lists are tuned one by one (a column more or fewer) in charts up to this size.
REFINE_LISTS = 60
REFINE_BOXES = 800

# ------------------------------------------------------------------ sizes


def _unit_size(box: Box) -> tuple[float, float]:
    w, h = entry_size(box.entries[0])
    border = style_of(box.status).width
    return w + 2 * border, h + 2 * border


class Sizes:
    """Box sizes; a list box's depends on how many items a column holds."""

    def __init__(self, chart: Chart, align: bool) -> None:
        self.fixed = {b.node: _unit_size(b) for b in chart.boxes if b.kind != "list"}
        self.lists = [b for b in chart.boxes if b.kind == "list"]
        self.align = align
        self.depth = {b.node: b.depth for b in chart.boxes}

        self.cells = {b.node: box_entries_sizes(b) for b in self.lists}

    def grids(self, rows: int) -> dict[str, Grid]:
        """Every list with at most ``rows`` items a column."""
        out = {}
        for node, cells in self.cells.items():
            out[node] = list_grid(cells, -(-len(cells) // max(1, rows)))
        return out

    def grids_within(self, width: float) -> dict[str, Grid]:
        """Every list with as many columns as fit in ``width`` (at least 3 items a column)."""
        out = {}
        for node, cells in self.cells.items():
            cell = max(w for w, _ in cells) + CELL_GAP
            columns = max(1, min(int(width // cell), -(-len(cells) // 3)))
            out[node] = list_grid(cells, columns)
        return out

    def sizes(self, grids: Mapping[str, Grid]) -> dict[str, tuple[float, float]]:
        out = dict(self.fixed)
        out.update({n: (g.width, g.height) for n, g in grids.items()})
        if self.align:
            tallest: dict[int, float] = {}
            for node, (_, h) in out.items():
                d = self.depth[node]
                tallest[d] = max(tallest.get(d, 0.0), h)
            # Boxes of one level share a height, so the levels line up across branches.
            out = {n: (w, tallest[self.depth[n]]) for n, (w, _) in out.items()}
        return out


# ------------------------------------------------------------------ tree


def tree_of(chart: Chart) -> tuple[list[str], dict[str, list[str]], dict[str, list[str]]]:
    nodes = {b.node: b for b in chart.boxes}
    below = {k for kids in chart.children.values() for k in kids}
    roots = [b.node for b in chart.boxes if b.node not in below]
    kids: dict[str, list[str]] = {}
    staff: dict[str, list[str]] = {}
    for parent, children in chart.children.items():
        for child in children:
            side = nodes[child].staff and chart.settings.direction == "TB"
            (staff if side else kids).setdefault(parent, []).append(child)
    return roots, kids, staff


def score(
    width: float,
    height: float,
    aspect: float,
    page: tuple[float, float] | None,
    filled: float = 0.0,
) -> float:
    """Lower is better: the print scale on a page, else the aspect and then compactness."""
    if page is not None:
        return -min(page[0] / width, page[1] / height)  # the largest print scale wins
    empty = math.log(width * height / filled) if filled else 0.0
    return abs(math.log((width / height) / aspect)) + COMPACT * empty


def _limits(widest: float, natural: float) -> list[float]:
    if natural <= widest:
        return [natural]
    steps = 18
    ratio = (natural / widest) ** (1 / steps)
    return [widest * ratio**i for i in range(steps + 1)]


@dataclass(slots=True)
class Trial:
    score: float
    limit: float
    rows: int
    tree: Tree | None  # None: the LR outline
    grids: dict[str, Grid]
    sizes: dict[str, tuple[float, float]]


@dataclass(slots=True)
class _Goal:
    aspect: float
    page: tuple[float, float] | None
    header: tuple[float, float]
    filled: float = 0.0  # area of the boxes (of a typical trial)

    def score(self, width: float, height: float) -> float:
        return score(
            max(width, self.header[0]) + 2 * MARGIN,
            height + self.header[1] + HEADER_GAP + 2 * MARGIN,
            self.aspect,
            self.page,
            self.filled,
        )


def _refine(best: Trial, sizer: Sizes, shape: _Shape, goal: _Goal) -> Trial:
    """Give each list one column more or fewer while that brings the chart nearer its goal."""
    order = sorted(sizer.cells, key=lambda n: -best.grids[n].height)
    for _ in range(3):
        better = False
        for node in order:
            cells = sizer.cells[node]
            for step in (1, -1):
                columns = best.grids[node].columns + step
                if columns < 1 or columns > len(cells):
                    continue
                grids = dict(best.grids)
                grids[node] = list_grid(cells, columns)
                if grids[node].columns == best.grids[node].columns:
                    continue
                sizes = sizer.sizes(grids)
                tree = Tree(*shape, sizes, GAPS)
                score = goal.score(*tree.measure(best.limit))
                if score < best.score - 1e-9:
                    best = Trial(score, best.limit, best.rows, tree, grids, sizes)
                    better = True
        if not better:
            break
    return best


_Shape = tuple[list[str], dict[str, list[str]], dict[str, list[str]]]
GAPS = Gaps()


def search(
    chart: Chart,
    sizer: Sizes,
    aspect: float,
    page: tuple[float, float] | None,
    header: tuple[float, float],
    list_rows: int | None,
) -> Trial:
    shape = tree_of(chart)
    goal = _Goal(aspect, page, header)
    big = len(chart.boxes) > REFINE_BOXES or len(sizer.cells) > REFINE_LISTS
    if list_rows:
        row_choices = [list_rows]
    elif not sizer.cells:
        row_choices = [8]
    elif big:
        row_choices = [6, 10, 16]
    else:
        row_choices = [3, 4, 5, 6, 8, 10, 13, 16, 24]
    if chart.settings.direction == "LR":
        grids = sizer.grids(row_choices[0])
        sizes = sizer.sizes(grids)
        return Trial(0.0, math.inf, row_choices[0], None, grids, sizes)
    trees = {}
    for rows in row_choices:
        grids = sizer.grids(rows)
        sizes = sizer.sizes(grids)
        trees[rows] = (Tree(*shape, sizes, GAPS), grids, sizes)
    start = trees[row_choices[len(row_choices) // 2]][0]
    goal.filled = sum(w * h for w, h in start.size.values())
    natural = start.natural_width
    widest = max(w for w, _ in start.size.values())
    # Aligned levels need one row per level: no wrapping.
    limits = [math.inf] if sizer.align else [*_limits(widest, natural)[:-1], math.inf]
    trials: list[Trial] = []
    for limit in limits:
        for rows, (tree, grids, sizes) in trees.items():
            trials.append(Trial(goal.score(*tree.measure(limit)), limit, rows, tree, grids, sizes))
        if big or list_rows or not sizer.cells or limit == math.inf:
            continue
        # Lists as wide as a share of the row: their columns follow the limit.
        for fraction in (0.2, 0.35, 0.5, 0.8):
            grids = sizer.grids_within(fraction * limit)
            sizes = sizer.sizes(grids)
            tree = Tree(*shape, sizes, GAPS)
            trials.append(Trial(goal.score(*tree.measure(limit)), limit, 0, tree, grids, sizes))
    trials.sort(key=lambda t: t.score)
    best = trials[0]
    if sizer.cells and not big:
        # The few best starting points, each with its lists tuned one by one.
        starts: list[Trial] = []
        for trial in trials:
            if all(trial.limit != t.limit for t in starts):
                starts.append(trial)
            if len(starts) == 4:
                break
        best = min((_refine(t, sizer, shape, goal) for t in starts), key=lambda t: t.score)
    return best
