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

import math

from orgraph.render._content import (
    wrap,
)
from orgraph.render._layout import Chart
from orgraph.render._legend import legend_size, title_size
from orgraph.render._lines import (
    bands,
    cells,
    marker,
    other_lines,
    outline_lines,
    parent_lines,
    ranges,
)
from orgraph.render._measure import LINE_HEIGHT, text_width
from orgraph.render._placed import (
    MARKER_HEIGHT,
    MARKER_SIZE,
    NOTE_WIDTH,
    SMALLEST_TEXT,
    Band,
    Connector,
    Marker,
    PlacedBox,
    Placement,
    note_columns,
    shown_notes,
)
from orgraph.render._route import Rect
from orgraph.render._search import HEADER_GAP, MARGIN, Sizes, score, search, tree_of
from orgraph.render._tree import Arrangement, outline

__all__ = [
    "MARKER_HEIGHT",
    "MARKER_SIZE",
    "NOTE_WIDTH",
    "SMALLEST_TEXT",
    "Band",
    "Connector",
    "Marker",
    "PlacedBox",
    "Placement",
    "place",
]

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
    sizer = Sizes(chart, align)
    first = _attempt(chart, sizer, aspect, page, align, list_rows, 0.0)
    if first.footer is None:
        return first
    # Lines listed under the chart take room the search did not know of: search again
    # with that room kept, and keep the better of the two.
    second = _attempt(chart, sizer, aspect, page, align, list_rows, first.footer[3] + 6)
    scores = [score(p.width, p.height, aspect, page) for p in (first, second)]
    return first if scores[0] <= scores[1] else second


def _attempt(
    chart: Chart,
    sizer: Sizes,
    aspect: float,
    page: tuple[float, float] | None,
    align: bool,
    list_rows: int | None,
    extra: float,
) -> Placement:
    head = title_size(chart)
    legend = legend_size(chart)
    header = (head[0] + (legend[0] + 24 if legend[0] else 0), max(head[1], legend[1]))
    trial = search(chart, sizer, aspect, page, (header[0], header[1] + extra), list_rows)
    if trial.tree is None:
        roots, kids, _ = tree_of(chart)
        arr = outline(roots, kids, trial.sizes)
    else:
        arr = trial.tree.arrange(trial.limit)
    width = max(arr.width, header[0]) + 2 * MARGIN
    dx = MARGIN + (width - 2 * MARGIN - arr.width) / 2
    dy = MARGIN + header[1] + HEADER_GAP
    boxes: dict[str, PlacedBox] = {}
    for box in chart.boxes:
        x, y = arr.corner[box.node]
        w, h = trial.sizes[box.node]
        grid = trial.grids.get(box.node)
        x, y = round(x + dx, 2), round(y + dy, 2)
        boxes[box.node] = PlacedBox(box.node, x, y, w, h, box, grid, cells(box, x, y, grid))
    moved = Arrangement(
        arr.width,
        arr.height,
        {},
        {p: t + dx for p, t in arr.trunk.items()},
        {p: [(y + dy, row) for y, row in rows] for p, rows in arr.buses.items()},
        arr.staff,
    )
    if chart.settings.direction == "LR":
        lines = outline_lines(moved, boxes, chart)
    else:
        lines = parent_lines(moved, boxes)
    lanes = sorted({y + off for rows in moved.buses.values() for y, _ in rows for off in (-5, 5)})
    lanes += [dy - 8, dy + arr.height + 10]
    outline_ = chart.settings.direction == "LR"
    others, notes, labels, notes_of = other_lines(chart, boxes, lanes, outline_)
    drawn = lines + others
    taken = [b.rect for b in boxes.values()]
    markers = [
        marker(boxes[node], ranges(found), "; ".join(notes_of[node]), outline_, drawn, taken)
        for node, found in labels.items()
    ]
    height = arr.height + header[1] + HEADER_GAP + 2 * MARGIN
    footer: Rect | None = None
    if notes:
        texts = shown_notes(notes)
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
        bands=bands(chart, boxes) if align else (),
        notes=tuple(notes),
        limit=trial.limit,
        footer=footer,
        markers=tuple(markers),
    )
