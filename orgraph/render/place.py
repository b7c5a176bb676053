"""Where every box and line of a chart goes: the one placement every writer draws.

:func:`place` turns a :class:`~orgraph.render._layout.Chart` into a :class:`Placement`.
The DOT writer hands these positions to Graphviz (``neato -n2``) and the HTML viewer
draws the same ones, so a chart looks the same everywhere.

The contract (stable: fields may be added, none renamed or removed):

- Units are points (1/72 inch); the origin is the top-left corner and y grows downwards.
- ``Placement.width``/``height``: the whole drawing, title and legend included.
- ``Placement.boxes``: box node id (``Box.node``, e.g. ``"n3"``) -> :class:`PlacedBox`
  with its top-left ``x``, ``y``, its ``width``, ``height`` and the :class:`Box` itself;
  list boxes also give ``grid`` (columns, rows) and ``cells``: port -> ``(x, y, w, h)``
  of each list item (absolute), and unit boxes the rows that carry a port (post rows).
- ``Placement.connectors``: :class:`Connector` s, each an orthogonal polyline
  (``points``, at least two, consecutive points share x or y) with its ``kind``
  (``parent``, ``link``, ``lineage``, ``concurrent``) and the box ids it joins (``tail``
  -> ``head``; for ``parent``, tail is the parent). A line starts and ends on the edge
  of its boxes (or of the list item / post row it names) and crosses no other box.
- ``Placement.title`` and ``legend``: rectangles ``(x, y, w, h)`` kept free for them;
  ``bands``: level bands (with ``align``).
- A line that would ladder across the chart (a long detour) or finds no free route is
  not drawn in full: a labelled :class:`Marker` (``L1``, ``C1``, ``M1``) sits on each of
  its two boxes and ``notes`` says what it joins; ``footer`` is where notes are listed.
- The same chart and options always give the same placement.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from orgraph.render._content import (
    CELL_GAP,
    PAD,
    Grid,
    box_entries_sizes,
    entry_rows,
    entry_size,
    list_grid,
    wrap,
)
from orgraph.render._layout import Box, Chart, Edge
from orgraph.render._legend import legend_size, title_size
from orgraph.render._measure import LINE_HEIGHT, text_width
from orgraph.render._route import Obstacles, Rect, route
from orgraph.render._style import style_of
from orgraph.render._tree import Arrangement, Gaps, arrange, outline

__all__ = ["Band", "Connector", "Marker", "PlacedBox", "Placement", "place"]

#: Around the drawing (points).
MARGIN = 12.0
#: Title/legend to the first box.
HEADER_GAP = 18.0
#: Smallest text drawn (points), to check printed sizes against.
SMALLEST_TEXT = 9.0
#: Lines not drawn in full are listed under the chart, this many at most.
NOTES_SHOWN = 40
MARKER_SIZE = 9.0
#: Lists are tuned one by one (a column more or fewer) in charts up to this size.
REFINE_LISTS = 60
REFINE_BOXES = 800
#: Notes under the chart wrap at this width (points).
NOTE_WIDTH = 520.0
#: Links and concurrent-role lines longer than this become markers (points).
LONGEST_LINK = 360.0
MARKER_HEIGHT = 12.0
_PREFIX = {"link": "L", "concurrent": "C", "lineage": "M"}

Kind = Literal["parent", "concurrent", "link", "lineage"]


@dataclass(frozen=True, slots=True)
class PlacedBox:
    """A box where it is drawn: top-left corner, size, and for lists the item grid."""

    node: str
    x: float
    y: float
    width: float
    height: float
    box: Box
    grid: Grid | None = None
    cells: Mapping[str, Rect] = field(default_factory=dict)

    @property
    def rect(self) -> Rect:
        """``(x, y, width, height)``."""
        return (self.x, self.y, self.width, self.height)

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the box."""
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True, slots=True)
class Connector:
    """One line: an orthogonal polyline from box ``tail`` to box ``head``."""

    kind: Kind
    tail: str
    head: str
    points: tuple[tuple[float, float], ...]
    edge: Edge | None = None
    arrow: bool = False  # an arrowhead at the last point


@dataclass(frozen=True, slots=True)
class Marker:
    """A short labelled stub on a box for a line not drawn in full (see ``notes``)."""

    x: float
    y: float
    width: float
    height: float
    label: str  # "L1": the same label sits on both boxes, and starts its note
    node: str
    note: str


@dataclass(frozen=True, slots=True)
class Band:
    """A horizontal band behind one level of the chart (``align``)."""

    y: float
    height: float
    label: str


@dataclass(frozen=True, slots=True)
class Placement:
    """Every box and line of a chart, in points, origin top-left, y down (see module doc)."""

    width: float
    height: float
    boxes: Mapping[str, PlacedBox]
    connectors: tuple[Connector, ...]
    title: Rect = (0.0, 0.0, 0.0, 0.0)
    legend: Rect | None = None
    bands: tuple[Band, ...] = ()
    notes: tuple[str, ...] = ()
    limit: float = 0.0  # the row width the layout chose
    footer: Rect | None = None  # where the notes are listed
    markers: tuple[Marker, ...] = ()

    @property
    def notes_shown(self) -> list[str]:
        """The notes as listed in the footer (the first few, then a count)."""
        return _shown(self.notes)

    @property
    def note_columns(self) -> list[list[str]]:
        """:attr:`notes_shown` split into the footer's columns."""
        if self.footer is None:
            return []
        shown = self.notes_shown
        width = min(max(text_width(t, SMALLEST_TEXT) for t in shown), NOTE_WIDTH) + 16
        return note_columns(shown, max(1, round(self.footer[2] / width)))

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height if self.height else 1.0


def _shown(notes: Sequence[str]) -> list[str]:
    head = list(notes[:NOTES_SHOWN])
    if len(notes) > NOTES_SHOWN:
        head.append(f"... and {len(notes) - NOTES_SHOWN} more (see the tooltips)")
    return head


# ------------------------------------------------------------------ sizes


def _unit_size(box: Box) -> tuple[float, float]:
    w, h = entry_size(box.entries[0])
    border = style_of(box.status).width
    return w + 2 * border, h + 2 * border


class _Sizes:
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


def _tree(chart: Chart) -> tuple[list[str], dict[str, list[str]], dict[str, list[str]]]:
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


def _score(width: float, height: float, aspect: float, page: tuple[float, float] | None) -> float:
    if page is not None:
        return -min(page[0] / width, page[1] / height)  # the largest print scale wins
    return abs(math.log((width / height) / aspect)) + 1e-9 * width * height


def _limits(widest: float, natural: float) -> list[float]:
    if natural <= widest:
        return [natural]
    steps = 18
    ratio = (natural / widest) ** (1 / steps)
    return [widest * ratio**i for i in range(steps + 1)]


@dataclass(slots=True)
class _Trial:
    score: float
    limit: float
    rows: int
    arrangement: Arrangement
    grids: dict[str, Grid]
    sizes: dict[str, tuple[float, float]]


def _refine(
    best: _Trial,
    sizer: _Sizes,
    roots: list[str],
    kids: dict[str, list[str]],
    staff: dict[str, list[str]],
    gaps: Gaps,
    aspect: float,
    page: tuple[float, float] | None,
    header: tuple[float, float],
) -> _Trial:
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
                arrangement = arrange(roots, kids, staff, sizes, best.limit, gaps)
                width = max(arrangement.width, header[0]) + 2 * MARGIN
                height = arrangement.height + header[1] + HEADER_GAP + 2 * MARGIN
                score = _score(width, height, aspect, page)
                if score < best.score - 1e-9:
                    best = _Trial(score, best.limit, best.rows, arrangement, grids, sizes)
                    better = True
        if not better:
            break
    return best


def _search(
    chart: Chart,
    sizer: _Sizes,
    aspect: float,
    page: tuple[float, float] | None,
    header: tuple[float, float],
    list_rows: int | None,
) -> _Trial:
    roots, kids, staff = _tree(chart)
    best: _Trial | None = None
    if list_rows:
        row_choices = [list_rows]
    elif len(chart.boxes) > 1500:
        row_choices = [8, 16]  # large charts: fewer trials, each costs a full layout
    else:
        row_choices = [3, 4, 5, 6, 8, 10, 13, 16, 24]
    gaps = Gaps()
    lr = chart.settings.direction == "LR"
    start = sizer.sizes(sizer.grids(8))
    natural = arrange(roots, kids, staff, start, math.inf, gaps)
    widest = max(w for w, _ in start.values())
    limits = [math.inf] if lr else [*_limits(widest, natural.width)[:-1], math.inf]
    fractions = [] if list_rows else [0.2, 0.35, 0.5, 0.8]
    by_rows = {rows: sizer.grids(rows) for rows in row_choices}
    trials: list[_Trial] = []
    for limit in limits:
        choices = [(rows, grids) for rows, grids in by_rows.items()]
        if limit != math.inf:
            choices += [(0, sizer.grids_within(f * limit)) for f in fractions]
        for rows, grids in choices:
            sizes = sizer.sizes(grids)
            if lr:
                arrangement = outline(roots, kids, sizes)
            else:
                arrangement = arrange(roots, kids, staff, sizes, limit, gaps)
            width = max(arrangement.width, header[0]) + 2 * MARGIN
            height = arrangement.height + header[1] + HEADER_GAP + 2 * MARGIN
            score = _score(width, height, aspect, page)
            trials.append(_Trial(score, limit, rows, arrangement, grids, sizes))
    trials.sort(key=lambda t: t.score)
    best = trials[0]
    if (
        not lr
        and sizer.cells
        and len(sizer.cells) <= REFINE_LISTS
        and len(chart.boxes) <= REFINE_BOXES
    ):
        # The few best starting points, each with its lists tuned one by one.
        starts: list[_Trial] = []
        for trial in trials:
            if all(trial.limit != t.limit for t in starts):
                starts.append(trial)
            if len(starts) == 4:
                break
        tuned = [_refine(t, sizer, roots, kids, staff, gaps, aspect, page, header) for t in starts]
        best = min(tuned, key=lambda t: t.score)
    assert best is not None
    return best


# ------------------------------------------------------------------ lines


def _parent_lines(arr: Arrangement, boxes: Mapping[str, PlacedBox]) -> list[Connector]:
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


def _outline_lines(
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


def _name_at(placed: PlacedBox, port: str | None) -> str:
    for entry in placed.box.entries:
        if port is not None and entry.port == port:
            return entry.name
    return placed.box.entries[0].name


def _detour(points: Sequence[tuple[float, float]], a: Rect, b: Rect) -> bool:
    """True if a route is long or a detour: a dotted line across the chart only ladders."""
    length = sum(abs(p[0] - q[0]) + abs(p[1] - q[1]) for p, q in itertools.pairwise(points))
    direct = abs((a[0] + a[2] / 2) - (b[0] + b[2] / 2)) + abs((a[1] + a[3] / 2) - (b[1] + b[3] / 2))
    return length > min(1.3 * direct + 60, LONGEST_LINK)


def _other_lines(
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
        points = route(ra, rb, ya, yb, obstacles, skip_a, skip_b, near)
        # A lineage arrow is worth a detour; a long dotted line only ladders.
        if points is not None and (edge.kind == "lineage" or not _detour(points, ra, rb)):
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
        what = edge.tooltip or edge.kind
        arrow = "→" if edge.kind == "lineage" else "⋯"
        note = f"{label}: {_name_at(a, edge.tail_port)} {arrow} {_name_at(b, edge.head_port)}"
        note += f" ({what})" if edge.kind != "concurrent" else f" — {what}"
        notes.append(note)
        mark(a, label, note)
        mark(b, label, note)
    return lines, notes, labels, notes_of


def _ranges(labels: list[str]) -> str:
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


def _marker(
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


def _cells(placed_box: Box, x: float, y: float, grid: Grid | None) -> dict[str, Rect]:
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


def _bands(chart: Chart, boxes: Mapping[str, PlacedBox]) -> tuple[Band, ...]:
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


# ------------------------------------------------------------------ place


def place(
    chart: Chart,
    *,
    aspect: float = 2**0.5,
    page: tuple[float, float] | None = None,
    align: bool = False,
    list_rows: int | None = None,
) -> Placement:
    """Place every box and line of ``chart`` (see the module docstring for the contract).

    ``aspect``: the width/height the layout aims for (√2, a landscape page, by default);
    ``page``: a drawing area ``(width, height)`` in points to fit instead (the layout then
    maximises the print scale); ``align``: boxes of one level share a height and a row
    where the rows allow, with level bands; ``list_rows``: items per list column (default:
    chosen with the rest).
    """
    sizer = _Sizes(chart, align)
    first = _attempt(chart, sizer, aspect, page, align, list_rows, 0.0)
    if first.footer is None:
        return first
    # Lines listed under the chart take room the search did not know of: search again
    # with that room kept, and keep the better of the two.
    second = _attempt(chart, sizer, aspect, page, align, list_rows, first.footer[3] + 6)
    scores = [_score(p.width, p.height, aspect, page) for p in (first, second)]
    return first if scores[0] <= scores[1] else second


def _attempt(
    chart: Chart,
    sizer: _Sizes,
    aspect: float,
    page: tuple[float, float] | None,
    align: bool,
    list_rows: int | None,
    extra: float,
) -> Placement:
    head = title_size(chart)
    legend = legend_size(chart)
    header = (head[0] + (legend[0] + 24 if legend[0] else 0), max(head[1], legend[1]))
    trial = _search(chart, sizer, aspect, page, (header[0], header[1] + extra), list_rows)
    arr = trial.arrangement
    width = max(arr.width, header[0]) + 2 * MARGIN
    dx = MARGIN + (width - 2 * MARGIN - arr.width) / 2
    dy = MARGIN + header[1] + HEADER_GAP
    boxes: dict[str, PlacedBox] = {}
    for box in chart.boxes:
        x, y = arr.corner[box.node]
        w, h = trial.sizes[box.node]
        grid = trial.grids.get(box.node)
        x, y = round(x + dx, 2), round(y + dy, 2)
        boxes[box.node] = PlacedBox(box.node, x, y, w, h, box, grid, _cells(box, x, y, grid))
    moved = Arrangement(
        arr.width,
        arr.height,
        {},
        {p: t + dx for p, t in arr.trunk.items()},
        {p: [(y + dy, row) for y, row in rows] for p, rows in arr.buses.items()},
        arr.staff,
    )
    if chart.settings.direction == "LR":
        lines = _outline_lines(moved, boxes, chart)
    else:
        lines = _parent_lines(moved, boxes)
    lanes = sorted({y + off for rows in moved.buses.values() for y, _ in rows for off in (-5, 5)})
    lanes += [dy - 8, dy + arr.height + 10]
    outline_ = chart.settings.direction == "LR"
    others, notes, labels, notes_of = _other_lines(chart, boxes, lanes, outline_)
    drawn = lines + others
    taken = [b.rect for b in boxes.values()]
    markers = [
        _marker(boxes[node], _ranges(found), "; ".join(notes_of[node]), outline_, drawn, taken)
        for node, found in labels.items()
    ]
    height = arr.height + header[1] + HEADER_GAP + 2 * MARGIN
    footer: Rect | None = None
    if notes:
        texts = _shown(notes)
        room = width - 2 * MARGIN
        columns = max(1, min(len(texts), int(room // (NOTE_WIDTH + 16))))
        split = note_columns(texts, columns)
        fw = min(max(text_width(t, SMALLEST_TEXT) for t in texts), NOTE_WIDTH) + 16
        count = max(sum(len(wrap(t, SMALLEST_TEXT, limit=NOTE_WIDTH)) for t in c) for c in split)
        fh = float(math.ceil(count * (SMALLEST_TEXT * LINE_HEIGHT + 2) + 4))
        fw = fw * len(split)
        footer = (MARGIN, height - MARGIN + 6, math.ceil(fw), fh)
        width = max(width, fw + 2 * MARGIN)
        height += fh + 6
    title_rect = (MARGIN, MARGIN, head[0], head[1])
    legend_rect = (width - MARGIN - legend[0], MARGIN, legend[0], legend[1]) if legend[0] else None
    return Placement(
        width=round(width, 2),
        height=round(height, 2),
        boxes=boxes,
        connectors=tuple(lines + others),
        title=title_rect,
        legend=legend_rect,
        bands=_bands(chart, boxes) if align else (),
        notes=tuple(notes),
        limit=trial.limit,
        footer=footer,
        markers=tuple(markers),
    )


def note_columns(texts: Sequence[str], columns: int) -> list[list[str]]:
    """Notes split into ``columns`` runs of about the same number of lines, in order."""
    sizes = [len(wrap(t, SMALLEST_TEXT, limit=NOTE_WIDTH)) for t in texts]
    target = sum(sizes) / columns
    out: list[list[str]] = [[]]
    running = 0
    for text, size in zip(texts, sizes, strict=True):
        if out[-1] and running + size / 2 > target * len(out) and len(out) < columns:
            out.append([])
        out[-1].append(text)
        running += size
    return out
