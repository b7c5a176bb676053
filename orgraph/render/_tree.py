"""The org-chart tree engine: subtrees as blocks, wide levels wrapped into rows on a bus.

A tidy tree in the manner of Walker/Buchheim and d3-flextree, with variable box sizes:
each subtree is laid out bottom-up, once, relative to its own corner; the parent is
centred over its children (the midpoint of the first and last child), siblings keep
their order and never overlap. Unlike a plain tidy tree a level may wrap: children go
into rows no wider than ``limit``, split left and right of a vertical trunk that drops
from the parent through every row to the row's horizontal bus. Staff units sit beside
the trunk just below the parent, as assistants do. Several roots form a grid.

Pure arithmetic on sizes; :mod:`orgraph.render.place` chooses ``limit``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Arrangement", "Gaps", "Tree", "arrange", "outline"]


@dataclass(frozen=True, slots=True)
class Gaps:
    """Spacing in points."""

    sibling: float = 12.0  # between sibling subtrees in a row
    level: float = 28.0  # parent (or staff) bottom to the top of a child row; bus in the middle
    trunk: float = 30.0  # free lane for the trunk through wrapped rows
    staff: float = 12.0  # trunk to a staff box; also above each staff row
    roots: float = 36.0  # between root subtrees of the grid


@dataclass(slots=True)
class Arrangement:
    """Where everything went: box corners (top-left), and each parent's trunk and buses."""

    width: float
    height: float
    corner: dict[str, tuple[float, float]]
    trunk: dict[str, float] = field(default_factory=dict)  # parent -> trunk x
    buses: dict[str, list[tuple[float, list[str]]]] = field(default_factory=dict)
    staff: dict[str, list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class _Block:
    width: float
    height: float
    anchor: float  # x of the box centre (trunk), from the block's left
    places: list[tuple[str, float, float]]  # child, dx, dy (child block corner)
    buses: list[tuple[float, list[str]]]  # bus y (block frame), children of that row


def _rows(widths: Sequence[float], limit: float, gap: float) -> list[int]:
    """How many children go in each row: balanced rows no wider than ``limit``."""
    total = sum(widths) + gap * (len(widths) - 1)
    count, used = 1, -gap
    for w in widths:
        if used + gap + w > limit and used > 0:
            count, used = count + 1, w
        else:
            used += gap + w
    if count == 1:
        return [len(widths)]
    target = total / count
    sizes: list[int] = []
    current, running = 0, 0.0
    for index, w in enumerate(widths):
        left = len(widths) - index
        rows_left = count - len(sizes)
        if current and (running + w / 2 > target * (len(sizes) + 1) or left < rows_left):
            sizes.append(current)
            current = 0
        current += 1
        running += w + gap
    sizes.append(current)
    return sizes


def _pack(blocks: list[tuple[str, _Block]], gap: float) -> tuple[list[float], float]:
    """Left x of each block laid side by side, and the row's width."""
    xs, x = [], 0.0
    for _, block in blocks:
        xs.append(x)
        x += block.width + gap
    return xs, max(0.0, x - gap)


def _block(
    node: str,
    size: tuple[float, float],
    kids: list[tuple[str, _Block]],
    staff: list[tuple[str, _Block]],
    limit: float,
    gaps: Gaps,
    *,
    boxless: bool = False,
) -> _Block:
    """One subtree, in a frame whose x = 0 is the trunk, then moved to start at x = 0."""
    bw, bh = size
    places: list[tuple[str, float, float]] = []
    buses: list[tuple[float, list[str]]] = []
    spans = [(-bw / 2, bw / 2)]
    y = bh
    # Staff: pairs left and right of the trunk, a row per pair.
    for i in range(0, len(staff), 2):
        top = y + gaps.staff
        pair = staff[i : i + 2]
        for side, (child, block) in zip((-1, 1), pair, strict=False):
            # A staff box's own subtree hangs below it; its trunk side faces ours.
            x = -gaps.staff - block.width if side < 0 else gaps.staff
            places.append((child, x, top))
            spans.append((x, x + block.width))
        y = top + max(block.height for _, block in pair)
    if kids:
        counts = _rows([b.width for _, b in kids], limit, gaps.sibling)
        top = y + gaps.level
        start = 0
        reach = (0.0, 0.0)  # widest part so far left and right of the trunk
        single = len(counts) == 1 and not boxless
        for count in counts:
            row = kids[start : start + count]
            start += count
            if boxless:
                xs, width = _pack(row, gaps.sibling)
                xs = [x - width / 2 for x in xs]
            elif single:
                xs, width = _pack(row, gaps.sibling)
                first = xs[0] + row[0][1].anchor
                last = xs[-1] + row[-1][1].anchor
                middle = (first + last) / 2
                xs = [x - middle for x in xs]
            else:
                # Split the row where its running width crosses half, around the trunk.
                total = sum(b.width for _, b in row) + gaps.sibling * (len(row) - 1)
                cut, running = len(row), 0.0
                for index, (_, block) in enumerate(row):
                    if index and running + block.width / 2 > total / 2:
                        cut = index
                        break
                    running += block.width + gaps.sibling
                if len(row) == 1 and reach[1] < reach[0]:
                    cut = 0  # a lone child goes to the side with more room so far
                left_xs, left_w = _pack(row[:cut], gaps.sibling)
                right_xs, right_w = _pack(row[cut:], gaps.sibling)
                reach = (max(reach[0], left_w), max(reach[1], right_w))
                xs = [x - left_w - gaps.trunk / 2 for x in left_xs]
                xs += [x + gaps.trunk / 2 for x in right_xs]
            for (child, block), x in zip(row, xs, strict=True):
                places.append((child, x, top))
                spans.append((x, x + block.width))
            buses.append((top - gaps.level / 2, [c for c, _ in row]))
            top += max(b.height for _, b in row) + (gaps.roots if boxless else gaps.level)
        y = top - (gaps.roots if boxless else gaps.level)
    left = min(a for a, _ in spans)
    right = max(b for _, b in spans)
    blocks = dict(kids + staff)
    height = max([bh] + [dy + blocks[c].height for c, _, dy in places])
    return _Block(
        right - left,
        height,
        -left,
        [(c, dx - left, dy) for c, dx, dy in places],
        buses,
    )


class Tree:
    """A tree with fixed box sizes, laid out for any row width ``limit``.

    The natural layout (no wrapping) is computed once; a subtree no wider than ``limit``
    lays out the same under any such limit, so :meth:`measure` and :meth:`arrange`
    redo only the wide subtrees near the top.
    """

    def __init__(
        self,
        roots: Sequence[str],
        kids: Mapping[str, Sequence[str]],
        staff: Mapping[str, Sequence[str]],
        size: Mapping[str, tuple[float, float]],
        gaps: Gaps = Gaps(),
    ) -> None:
        self.roots, self.kids, self.staff, self.size, self.gaps = roots, kids, staff, size, gaps
        order: list[str] = []
        stack = list(reversed(roots))
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed(list(kids.get(node, ())) + list(staff.get(node, ()))))
        self.order = order
        self.natural = self._blocks(order, math.inf, {})

    @property
    def natural_width(self) -> float:
        """Width with no row wrapped."""
        return self.measure(math.inf)[0]

    def _blocks(
        self, nodes: Sequence[str], limit: float, base: Mapping[str, _Block]
    ) -> dict[str, _Block]:
        blocks: dict[str, _Block] = {}
        for node in reversed(nodes):
            blocks[node] = _block(
                node,
                self.size[node],
                [(k, blocks.get(k) or base[k]) for k in self.kids.get(node, ())],
                [(s, blocks.get(s) or base[s]) for s in self.staff.get(node, ())],
                limit,
                self.gaps,
            )
        return blocks

    def _solve(self, limit: float) -> tuple[_Block, dict[str, _Block]]:
        wide = [n for n in self.order if self.natural[n].width > limit]
        blocks = dict(self.natural)
        blocks.update(self._blocks(wide, limit, self.natural))
        top = _block(
            "",
            (0.0, 0.0),
            [(r, blocks[r]) for r in self.roots],
            [],
            limit,
            self.gaps,
            boxless=True,
        )
        return top, blocks

    def measure(self, limit: float) -> tuple[float, float]:
        """Width and height of the layout under ``limit``."""
        top, _ = self._solve(limit)
        return top.width, top.height - self.gaps.level

    def arrange(self, limit: float) -> Arrangement:
        """Every box's corner, trunk and buses under ``limit``."""
        top, blocks = self._solve(limit)
        gaps, size, staff = self.gaps, self.size, self.staff
        result = Arrangement(top.width, top.height - gaps.level, {})
        origin: dict[str, tuple[float, float]] = {}
        for root, dx, dy in top.places:
            origin[root] = (dx, dy - gaps.level)
        for node in self.order:
            ox, oy = origin[node]
            block = blocks[node]
            w, _ = size[node]
            result.corner[node] = (ox + block.anchor - w / 2, oy)
            for child, dx, dy in block.places:
                origin[child] = (ox + dx, oy + dy)
            if block.places:
                result.trunk[node] = ox + block.anchor
                result.buses[node] = [(oy + bus, row) for bus, row in block.buses]
                if staff.get(node):
                    result.staff[node] = list(staff[node])
        return result


def arrange(
    roots: Sequence[str],
    kids: Mapping[str, Sequence[str]],
    staff: Mapping[str, Sequence[str]],
    size: Mapping[str, tuple[float, float]],
    limit: float,
    gaps: Gaps = Gaps(),
) -> Arrangement:
    """Place every box below ``roots``: rows no wider than ``limit`` where possible."""
    return Tree(roots, kids, staff, size, gaps).arrange(limit)


def outline(
    roots: Sequence[str],
    kids: Mapping[str, Sequence[str]],
    size: Mapping[str, tuple[float, float]],
    *,
    indent: float = 24.0,
    gap: float = 8.0,
) -> Arrangement:
    """An indented outline (``direction="LR"``): each child below and right of its parent."""
    result = Arrangement(0.0, 0.0, {})
    stack = [(r, 0) for r in reversed(roots)]
    y = 0.0
    while stack:
        node, depth = stack.pop()
        w, h = size[node]
        result.corner[node] = (depth * indent, y)
        result.width = max(result.width, depth * indent + w)
        y += h + gap
        children = list(kids.get(node, ()))
        if children:
            result.trunk[node] = depth * indent + indent / 2
        stack.extend((k, depth + 1) for k in reversed(children))
    result.height = max(0.0, y - gap)
    return result
