"""HTML-like labels with fixed sizes: each box drawn exactly as big as it was placed.

Every table and cell has ``FIXEDSIZE="TRUE"`` with the width and height that
:mod:`orgraph.render._content` measured, so Graphviz puts the text where the layout
expects it and a box never grows under its neighbours.
"""

from __future__ import annotations

import html
import math

from orgraph.render._content import BORDER, CELL_GAP, PAD, Row, entry_rows, entry_size
from orgraph.render._layout import Box, Chart, Entry
from orgraph.render._legend import (
    LEGEND_SIZE,
    legend_grid,
    legend_row,
    legend_rows,
    title_lines,
)
from orgraph.render._lists import anchor
from orgraph.render._measure import LINE_HEIGHT
from orgraph.render._style import StatusStyle, bloc_style, style_of
from orgraph.render._text import html_text
from orgraph.render.place import PlacedBox, Placement

__all__ = ["box_label", "legend_label", "struck", "title_label"]


def _fix(width: float, height: float) -> str:
    return f'FIXEDSIZE="TRUE" WIDTH="{math.ceil(width)}" HEIGHT="{math.ceil(height)}"'


def _attrs(style: StatusStyle) -> str:
    parts = [f'COLOR="{style.color}"', f'BGCOLOR="{style.fill}"']
    if style.border:
        parts.append(f'STYLE="{style.border}"')
    return " ".join(parts)


def struck(entry: Entry) -> bool:
    """True for an ended unit (its name is struck through)."""
    return bool(entry.status) and entry.status[0] in ("merged", "split", "dissolved")


def _styled(line: str, row: Row, *, struck_name: bool) -> str:
    text = html_text(line)
    if row.role == "name":
        text = f"<B>{text}</B>"
        return f"<S>{text}</S>" if struck_name else text
    if row.role == "badge":
        return f'<FONT POINT-SIZE="{row.size:g}"><B>{text}</B></FONT>'
    text = f"<I>{text}</I>" if row.role == "more" else text
    return f'<FONT POINT-SIZE="{row.size:g}">{text}</FONT>'


def _row(row: Row, width: float, *, struck_name: bool) -> str:
    port = f' PORT="{row.port}"' if row.port else ""
    if len(row.lines) == 1:
        text = _styled(row.lines[0], row, struck_name=struck_name)
        return f"<TR><TD{port} {_fix(width, row.height)}>{text}</TD></TR>"
    # One cell per wrapped line, so the lines keep their leading (see WRAPPED_LINE_HEIGHT).
    line_height = (row.height - 2) / len(row.lines)
    cells = (_styled(line, row, struck_name=struck_name) for line in row.lines)
    lines = "".join(f"<TR><TD {_fix(width, line_height)}>{cell}</TD></TR>" for cell in cells)
    table = (
        f'<TABLE ALIGN="CENTER" BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f"{lines}</TABLE>"
    )
    return f"<TR><TD{port} {_fix(width, row.height)}>{table}</TD></TR>"


def _rows(entry: Entry, width: float) -> str:
    pad = f"<TR><TD {_fix(width, PAD)}></TD></TR>"
    inner = "".join(_row(r, width, struck_name=struck(entry)) for r in entry_rows(entry))
    return pad + inner + pad


def _style(chart: Chart, box: Box, status: tuple[str, ...]) -> StatusStyle:
    if not chart.diff:
        bloc = bloc_style(chart, box.bloc)
        if bloc is not None:
            return bloc
    return style_of(status)


def box_label(chart: Chart, placed: PlacedBox, lists: str | None = None) -> str:
    """The fixed-size HTML-like label of one placed box.

    ``lists``: the page with the full folded lists; "+N more" items link to it.
    """
    box = placed.box
    if placed.grid is None:
        entry = box.entries[0]
        style = _style(chart, box, box.status)
        width, _ = entry_size(entry)
        return (
            f'<<TABLE BORDER="{style.width}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" '
            f"{_fix(placed.width, placed.height)} {_attrs(style)}>{_rows(entry, width)}</TABLE>>"
        )
    grid = placed.grid
    rows = []
    for r in range(grid.rows):
        cells = []
        for c in range(grid.columns):
            index = c * grid.rows + r
            w, h = grid.widths[c], grid.heights[r]
            if index >= len(box.entries):
                cells.append(f'<TD BORDER="0" {_fix(w, h)}></TD>')
                continue
            entry = box.entries[index]
            style = _style(chart, box, entry.status)
            inner_w = w - 2 * style.width
            inner = (
                '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
                f"{_rows(entry, inner_w)}</TABLE>"
            )
            link = ""
            if entry.folded and lists is not None:
                target = html.escape(f"{lists}#{anchor(box.node, entry.port)}", quote=True)
                link = f' HREF="{target}" TARGET="_blank"'
            cells.append(
                f'<TD PORT="{entry.port}" BORDER="{style.width}" {_attrs(style)} {_fix(w, h)}'
                f"{link}>{inner}</TD>"
            )
        rows.append(f"<TR>{''.join(cells)}</TR>")
    return (
        f'<<TABLE BORDER="{BORDER}" COLOR="#aaaaaa" CELLBORDER="0" CELLSPACING="{CELL_GAP}" '
        f'CELLPADDING="0">{"".join(rows)}</TABLE>>'
    )


def title_label(chart: Chart, placement: Placement) -> str:
    """Title and date line, left-aligned in the space the placement kept for them."""
    _, _, w, h = placement.title
    rows = []
    for text, size in title_lines(chart):
        body = html_text(text)
        body = f"<B>{body}</B>" if size > 12 else body
        rows.append(
            f'<TR><TD ALIGN="LEFT" {_fix(w, size * LINE_HEIGHT + 4)}>'
            f'<FONT POINT-SIZE="{size:g}">{body}</FONT></TD></TR>'
        )
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" {_fix(w, h)}>'
        f"{''.join(rows)}</TABLE>>"
    )


def legend_label(chart: Chart, placement: Placement) -> str:
    """The legend: a swatch (box style or line sample) and its meaning on each row."""
    assert placement.legend is not None
    _, _, w, h = placement.legend
    found = legend_rows(chart)
    columns, height, swatch_w, text_w = legend_grid(found)
    high = legend_row(chart) - 2
    cells: list[str] = []
    for row in found:
        if row.kind in ("status", "bloc"):
            style = f'COLOR="{row.color}" BGCOLOR="{row.fill}"'
            style += f' STYLE="{row.border}"' if row.border else ""
            swatch = (
                f'<TD BORDER="{row.width}" {style} {_fix(swatch_w, high)}>'
                f'<FONT POINT-SIZE="{LEGEND_SIZE:g}"><B>{html_text(row.badge)}</B></FONT></TD>'
            )
        else:
            sample = {"link": "· · · · ·", "concurrent": "- - - - -", "lineage": "━━━▶"}
            swatch = (
                f'<TD {_fix(swatch_w, high)}><FONT POINT-SIZE="{LEGEND_SIZE:g}">'
                f"{html_text(sample.get(row.kind, ''))}</FONT></TD>"
            )
        cells.append(
            f'{swatch}<TD ALIGN="LEFT" {_fix(text_w, high)}>'
            f'<FONT POINT-SIZE="{LEGEND_SIZE:g}">{html_text(row.text)}</FONT></TD>'
        )
    blank = f"<TD {_fix(swatch_w, high)}></TD><TD {_fix(text_w, high)}></TD>"
    rows = []
    for r in range(height):
        line = [
            cells[c * height + r] if c * height + r < len(cells) else blank for c in range(columns)
        ]
        rows.append(f"<TR>{''.join(line)}</TR>")
    return (
        f'<<TABLE BORDER="1" COLOR="#999999" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0" '
        f"{_fix(w, h)}>{''.join(rows)}</TABLE>>"
    )
