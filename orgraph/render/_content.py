"""What a box holds, row by row, and its measured size: shared by the layout and writers.

Every row has a fixed height and every box a fixed width, computed here from real font
metrics (:mod:`orgraph.render._measure`); the DOT writer passes those sizes to Graphviz
as ``FIXEDSIZE`` table cells, so the boxes Graphviz draws are exactly the ones placed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from orgraph.render._layout import Box, Entry
from orgraph.render._measure import LINE_HEIGHT, text_width
from orgraph.render._style import style_of
from orgraph.render._text import clean

__all__ = [
    "BORDER",
    "CELL_GAP",
    "NAME_SIZE",
    "SMALL_SIZE",
    "Grid",
    "Row",
    "box_entries_sizes",
    "entry_rows",
    "entry_size",
    "list_grid",
    "wrap",
]

NAME_SIZE = 10.0
SMALL_SIZE = 9.0
#: Longest line before a name or row wraps (points).
WRAP = 170.0
#: Padding inside a box, each side (points).
PAD = 2
#: Border width of a box; list cells sit this far apart.
BORDER = 1
CELL_GAP = 3
MIN_WIDTH = 56.0


RowRole = Literal["name", "badge", "head", "post", "quota", "more"]


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a box: wrapped lines of one size and style, and its height."""

    lines: tuple[str, ...]
    size: float
    role: RowRole
    port: str | None
    height: float
    width: float


def wrap(text: str, size: float, *, bold: bool = False, limit: float = WRAP) -> list[str]:
    """Break ``text`` at spaces into lines no wider than ``limit`` where possible."""
    out: list[str] = []
    for para in clean(text).split("\n"):
        line = ""
        for word in para.split(" "):
            trial = f"{line} {word}" if line else word
            if line and text_width(trial, size, bold=bold) > limit:
                out.append(line)
                line = word
            else:
                line = trial
        out.append(line)
    return out


def _row(text: str, size: float, role: RowRole, port: str | None) -> Row:
    bold = role in ("name", "badge")
    lines = tuple(wrap(text, size, bold=bold))
    width = max(text_width(line, size, bold=bold) for line in lines)
    # Italic ("more") rows run a little wider than the upright metrics.
    width *= 1.06 if role == "more" else 1.0
    return Row(lines, size, role, port, math.ceil(len(lines) * size * LINE_HEIGHT + 2), width)


def entry_rows(entry: Entry) -> list[Row]:
    """The rows of one unit: bold name, badges, then head/post/quota/more lines."""
    rows = [_row(entry.name, NAME_SIZE, "name", None)]
    rows += [_row(badge, SMALL_SIZE, "badge", None) for badge in entry.badges]
    rows += [_row(line.text, SMALL_SIZE, line.role, line.port) for line in entry.lines]
    return rows


def entry_size(entry: Entry) -> tuple[float, float]:
    """Inner width and height of one entry (rows, padding; no border)."""
    rows = entry_rows(entry)
    width = max(row.width for row in rows) + 2 * PAD
    return float(max(MIN_WIDTH, math.ceil(width))), float(sum(r.height for r in rows) + 2 * PAD)


@dataclass(frozen=True, slots=True)
class Grid:
    """A list box as a grid filled column by column: column widths and row heights."""

    columns: int
    rows: int
    widths: tuple[float, ...]
    heights: tuple[float, ...]

    @property
    def width(self) -> float:
        """Outer width: cells, gaps and the frame."""
        return sum(self.widths) + CELL_GAP * (self.columns + 1) + 2 * BORDER

    @property
    def height(self) -> float:
        """Outer height: cells, gaps and the frame."""
        return sum(self.heights) + CELL_GAP * (self.rows + 1) + 2 * BORDER

    def cell(self, index: int) -> tuple[float, float, float, float]:
        """``(x, y, width, height)`` of entry ``index`` inside the box (with its border)."""
        column, row = divmod(index, self.rows)
        x = BORDER + CELL_GAP * (column + 1) + sum(self.widths[:column])
        y = BORDER + CELL_GAP * (row + 1) + sum(self.heights[:row])
        return x, y, self.widths[column], self.heights[row]


def list_grid(sizes: list[tuple[float, float]], columns: int) -> Grid:
    """Lay ``sizes`` (each entry's outer size) out in ``columns`` columns, top to bottom."""
    columns = max(1, min(columns, len(sizes)))
    rows = -(-len(sizes) // columns)
    columns = -(-len(sizes) // rows)
    widths = [0.0] * columns
    heights = [0.0] * rows
    for index, (w, h) in enumerate(sizes):
        column, row = divmod(index, rows)
        widths[column] = max(widths[column], w)
        heights[row] = max(heights[row], h)
    return Grid(columns, rows, tuple(widths), tuple(heights))


def box_entries_sizes(box: Box) -> list[tuple[float, float]]:
    """Outer size of each entry of a box as a list cell (inner size plus its border)."""
    out = []
    for entry in box.entries:
        w, h = entry_size(entry)
        border = style_of(entry.status).width
        out.append((w + 2 * border, h + 2 * border))
    return out
