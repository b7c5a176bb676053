"""The chart's title block and legend: what they say and how much room they take."""

from __future__ import annotations

import math
from dataclasses import dataclass

from orgraph.render._layout import Chart
from orgraph.render._measure import LINE_HEIGHT, text_width
from orgraph.render._style import bloc_colours, bloc_style, edge_legend, status_styles

__all__ = [
    "LegendRow",
    "legend_grid",
    "legend_row",
    "legend_rows",
    "legend_size",
    "swatch_width",
    "title_lines",
    "title_size",
]

TITLE_SIZE = 18.0
DATE_SIZE = 10.0
LEGEND_SIZE = 9.0
SWATCH = 64.0
ROW = 16.0
#: Vietnamese capitals stack two marks (Ấ, Ể): their badges need a taller row.
ROW_STACKED = 18.0


@dataclass(frozen=True, slots=True)
class LegendRow:
    """One legend row: a box swatch (fill, border colour and style, badge) or a line sample."""

    kind: str  # "status", "bloc" or an edge kind
    text: str
    fill: str = "#ffffff"
    color: str = "#555555"
    border: str = ""
    width: int = 1
    badge: str = ""


def legend_rows(chart: Chart) -> list[LegendRow]:
    """Statuses (diff charts), bloc colours (``blocs``) and line kinds that appear."""
    rows: list[LegendRow] = []
    if chart.diff:
        present = {s for b in chart.boxes for e in b.entries for s in e.status}
        present |= {s for b in chart.boxes for s in b.status}
        for name, style in status_styles(chart.settings.lang).items():
            if name in present and name != "kept":
                rows.append(
                    LegendRow(
                        "status",
                        style.meaning,
                        style.fill,
                        style.color,
                        style.border,
                        style.width,
                        style.badge,
                    )
                )
    elif chart.settings.blocs:
        for bloc in bloc_colours(chart):
            shade = bloc_style(chart, bloc)
            assert shade is not None
            rows.append(
                LegendRow("bloc", shade.meaning, shade.fill, shade.color, shade.border, 1, bloc)
            )
    kinds = {e.kind for e in chart.edges}
    for kind, text in edge_legend(chart.settings.lang).items():
        if kind in kinds:
            rows.append(LegendRow(kind, text))
    return rows


def legend_row(chart: Chart) -> float:
    """Height of one legend row (cell spacing included) for the chart's language."""
    return ROW_STACKED if chart.settings.lang == "vi" else ROW


def swatch_width(rows: list[LegendRow]) -> float:
    """Width of the swatch column: room for the widest badge."""
    badge = max(text_width(r.badge, LEGEND_SIZE, bold=True) for r in rows)
    return float(math.ceil(max(SWATCH, badge + 12)))


#: Legend rows per column: more rows wrap into another column.
LEGEND_ROWS = 3


def legend_grid(rows: list[LegendRow]) -> tuple[int, int, float, float]:
    """Columns, rows, swatch width and text width of the legend table."""
    columns = -(-len(rows) // LEGEND_ROWS)
    height = -(-len(rows) // columns)
    widest = max(text_width(r.text, LEGEND_SIZE) for r in rows)
    return columns, height, swatch_width(rows), float(math.ceil(widest) + 4)


def legend_size(chart: Chart) -> tuple[float, float]:
    """Width and height of the legend table (0, 0 without one)."""
    rows = legend_rows(chart)
    if not rows:
        return (0.0, 0.0)
    columns, height, swatch, text = legend_grid(rows)
    # Table: a 1-point frame, 2 points between cells, each row legend_row - 2 high.
    return (
        2 + 2 * (2 * columns + 1) + columns * (swatch + text),
        2 + 2 * (height + 1) + (legend_row(chart) - 2) * height,
    )


def title_lines(chart: Chart) -> list[tuple[str, float]]:
    """(text, size) of the title and the date line."""
    lines = [(chart.title, TITLE_SIZE)]
    if chart.date_text is not None:
        lines.append((chart.date_text, DATE_SIZE))
    return lines


def title_size(chart: Chart) -> tuple[float, float]:
    """Width and height of the title block."""
    lines = title_lines(chart)
    width = max(text_width(t, s, bold=s == TITLE_SIZE) for t, s in lines) + 8
    return (math.ceil(width), sum(math.ceil(s * LINE_HEIGHT + 4) for _, s in lines) + 4)
