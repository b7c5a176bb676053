"""Building a ``graphviz.Digraph`` (DOT text) from a structure; no Graphviz binary needed."""

from __future__ import annotations

import itertools
import re
import warnings
from typing import TYPE_CHECKING, Unpack

import graphviz

from orgraph.labels import label
from orgraph.render._content import wrap
from orgraph.render._draw import box_label, legend_label, title_label
from orgraph.render._layout import Box, Chart, layout
from orgraph.render._style import FONT
from orgraph.render._text import html_text, plain_text, tooltip_text
from orgraph.render.options import ChartOptions, ChartWarning, page_points, page_size, settings
from orgraph.render.place import MARKER_SIZE, NOTE_WIDTH, Placement, place

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["chart", "diff_chart", "placement_of", "render_chart", "to_dot"]

#: Kept for callers of the old fallback loop: positions are pinned, nothing to simplify.
SIMPLEST = 0
#: Arrowheads are this long (points) at ``arrowsize=1``.
ARROW = 10.0


def _warn(problems: list[str]) -> None:
    warnings.warn(ChartWarning(problems), stacklevel=4)


def _classes(box: Box) -> str:
    statuses = " ".join(f"status-{s}" for s in box.status)
    extra = " staff" if box.staff else ""
    return f"{box.kind}{extra} {statuses}".strip()


_EDGE_STYLE = {
    "parent": {"color": "#555555"},
    "concurrent": {"style": "dashed", "color": "#1f5fa8", "penwidth": "1.4"},
    "link": {"style": "dotted", "color": "#666666", "penwidth": "1.2"},
    "lineage": {"style": "bold", "color": "#a04a00", "arrowhead": "normal"},
}


def _spline(points: tuple[tuple[float, float], ...], height: float, arrow: bool) -> str:
    """A Graphviz edge ``pos``: straight cubic pieces through the polyline (y flipped)."""
    pts = list(points)
    tip = None
    if arrow and len(pts) >= 2:
        (x0, y0), (x1, y1) = pts[-2], pts[-1]
        length = abs(x1 - x0) + abs(y1 - y0)
        cut = min(ARROW, length * 0.8)
        dx = (x1 > x0) - (x1 < x0)
        dy = (y1 > y0) - (y1 < y0)
        tip = pts[-1]
        pts[-1] = (x1 - dx * cut, y1 - dy * cut)
    flat = [pts[0]]
    for a, b in itertools.pairwise(pts):
        flat += [a, b, b]
    text = " ".join(f"{x:.2f},{height - y:.2f}" for x, y in flat)
    if tip is not None:
        text = f"e,{tip[0]:.2f},{height - tip[1]:.2f} {text}"
    return text


def _pos(x: float, y: float, height: float) -> str:
    return f"{x:.2f},{height - y:.2f}"


def _inches(points: float) -> str:
    return f"{points / 72:.4f}"


def placement_of(chart: Chart) -> Placement:
    """Place ``chart`` as its settings ask (page, aspect, alignment)."""
    settings_ = chart.settings
    page = page_points(settings_.page) if settings_.page else None
    aspect = settings_.aspect or (page[0] / page[1] if page else 2**0.5)
    return place(chart, aspect=aspect, page=page, align=settings_.align)


def render_chart(
    chart: Chart,
    *,
    level: int = 0,
    placement: Placement | None = None,
    lists: str | None = None,
) -> graphviz.Digraph:
    """Write a placed :class:`Chart` as a ``graphviz.Digraph`` with pinned positions.

    Draw it with ``neato -n2`` (as :func:`~orgraph.render.render` does): every node has
    its ``pos`` and every edge its spline, so Graphviz only draws. ``level`` is ignored
    (it chose fallbacks when dot did the layout). ``lists``: the page with the full
    folded lists, which "+N more" items link to.
    """
    del level
    settings_ = chart.settings
    placed = placement or placement_of(chart)
    height = placed.height
    graph_attr = {
        "comment": "positions are pinned: draw with neato -n2 (as orgraph render does)",
        "fontname": FONT,
        "bgcolor": "white",
        "pad": "0.1",
        "outputorder": "edgesfirst",
        "bb": f"0,0,{placed.width:.2f},{height:.2f}",
        "splines": "true",
        "rankdir": settings_.direction,
        **({"size": page_size(settings_.page)} if settings_.page else {}),
    }
    graph = graphviz.Digraph(
        "orgraph",
        graph_attr=graph_attr,
        node_attr={"shape": "plain", "fontname": FONT, "fontsize": "10"},
        edge_attr={"arrowhead": "none", "arrowtail": "none", "fontname": FONT},
    )
    # Two invisible corners keep Graphviz's bounding box the placement's.
    for name, (x, y) in (("corner0", (0.0, 0.0)), ("corner1", (placed.width, height))):
        graph.node(name, "", shape="point", width="0.01", style="invis", pos=_pos(x, y, height))
    for index, band in enumerate(placed.bands):
        graph.node(
            f"band{index}",
            plain_text(band.label),
            shape="box",
            style="filled",
            fillcolor="#f4f4f4" if index % 2 == 0 else "#ffffff",
            color="#f4f4f4" if index % 2 == 0 else "#ffffff",
            fontcolor="#777777",
            fontsize="9",
            labeljust="l",
            fixedsize="true",
            width=_inches(placed.width - 4),
            height=_inches(band.height),
            pos=_pos(placed.width / 2, band.y + band.height / 2, height),
            **{"class": "band"},
        )
    tx, ty, tw, th = placed.title
    graph.node(
        "title",
        title_label(chart, placed),
        pos=_pos(tx + tw / 2, ty + th / 2, height),
        **{"class": "title"},
    )
    if placed.legend is not None:
        lx, ly, lw, lh = placed.legend
        graph.node(
            "legend",
            legend_label(chart, placed),
            pos=_pos(lx + lw / 2, ly + lh / 2, height),
            **{"class": "legend"},
        )
    if placed.notes:
        _notes(graph, placed, height, settings_.lang)
    for index, marker in enumerate(placed.markers):
        graph.node(
            f"marker{index}",
            plain_text(marker.label),
            shape="box",
            style="rounded,filled",
            fillcolor="#ffffff",
            color="#666666",
            fontsize=f"{MARKER_SIZE:g}",
            fixedsize="true",
            width=_inches(marker.width),
            height=_inches(marker.height),
            margin="0",
            tooltip=tooltip_text(marker.note),
            pos=_pos(marker.x + marker.width / 2, marker.y + marker.height / 2, height),
            **{"class": "marker"},
        )
    for box in chart.boxes:
        spot = placed.boxes[box.node]
        cx, cy = spot.centre
        tooltip = (
            box.entries[0].tooltip if box.kind != "list" else "; ".join(e.name for e in box.entries)
        )
        graph.node(
            box.node,
            label=box_label(chart, spot, lists),
            tooltip=tooltip_text(tooltip),
            pos=_pos(cx, cy, height),
            width=_inches(spot.width),
            height=_inches(spot.height),
            **{"class": _classes(box)},
        )
    for line in placed.connectors:
        attrs = dict(_EDGE_STYLE[line.kind])
        edge = line.edge
        if edge is not None and edge.tooltip:
            attrs["tooltip"] = tooltip_text(edge.tooltip)
        attrs["class"] = line.kind + (
            f" link-{edge.style}" if edge is not None and line.kind == "link" else ""
        )
        attrs["pos"] = _spline(line.points, height, line.arrow)
        if not line.arrow:
            attrs.pop("arrowhead", None)
        graph.edge(line.tail, line.head, **attrs)
    return graph


#: The placement's last footer line when it lists only the first notes (in English).
_MORE_NOTES = re.compile(r"\.\.\. and (\d+) more \(see the tooltips\)")


def _note(text: str, lang: str) -> str:
    """A footer note in ``lang``: the notes are data, but "... and N more" is ours."""
    more = _MORE_NOTES.fullmatch(text)
    return label("notes_more", lang, n=more[1]) if more else text


def _notes(graph: graphviz.Digraph, placed: Placement, height: float, lang: str) -> None:
    assert placed.footer is not None
    x, y, w, h = placed.footer
    cells = []
    for column in placed.note_columns:
        lines = [html_text(t) for n in column for t in wrap(_note(n, lang), 9.0, limit=NOTE_WIDTH)]
        cells.append(
            f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP"><FONT POINT-SIZE="9">'
            f"{'<BR/>'.join(lines)}</FONT></TD>"
        )
    rows = f"<TR>{''.join(cells)}</TR>"
    graph.node(
        "notes",
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" '
        f'FIXEDSIZE="TRUE" WIDTH="{int(w)}" HEIGHT="{int(h)}">{rows}</TABLE>>',
        pos=_pos(x + w / 2, y + h / 2, height),
        **{"class": "notes"},
    )


def chart(org: Org, **options: Unpack[ChartOptions]) -> graphviz.Digraph:
    """The org chart of ``org`` as a ``graphviz.Digraph`` (pure: no Graphviz binary needed).

    Parameters
    ----------
    org
        The structure to draw.
    **options
        See :class:`~orgraph.render.ChartOptions`: ``root``, ``depth``, ``posts``,
        ``people``, ``quota``, ``blocs``, ``direction``, ``title``, ``collapse``,
        ``links``, ``stack``, ``page``, ``lang`` (``"vi"``: Vietnamese labels).

    Warns
    -----
    ChartWarning
        When the chart has more than 300 units or a unit more than 40 sub-units side by side.

    Examples
    --------
    >>> from orgraph import Org, Unit
    >>> org = Org.create(name="Demo", units=[
    ...     Unit(id="d", name="District", kind="district", level="district"),
    ...     Unit(id="c", name="Commune <1>", kind="commune", level="commune", parent="d"),
    ... ])
    >>> graph = chart(org, direction="LR")
    >>> "Commune &lt;1&gt;" in graph.source
    True
    """
    return render_chart(layout(org, settings(options), warn=_warn))


def diff_chart(before: Org, after: Org, **options: Unpack[ChartOptions]) -> graphviz.Digraph:
    """One union chart of ``before`` and ``after``, each unit marked with its status.

    New units, ended units (bold arrows to their successors, from lineage), renamed,
    moved and quota-changed units each get a colour, a border style and a text badge
    (see :data:`~orgraph.render.STATUSES`), and the title carries a legend. Options as
    for :func:`chart`.

    Examples
    --------
    >>> from datetime import date
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
    ...     Unit(id="d", name="District", kind="district", level="district"),
    ...     Unit(id="a", name="Office A", kind="office", level="district", parent="d"),
    ... ])
    >>> after = apply(org, [{"op": "rename", "unit": "a", "name": "Office B"}])
    >>> "RENAMED, was: Office A" in diff_chart(org, after).source
    True
    """
    return render_chart(layout(after, settings(options), before=before, warn=_warn))


def to_dot(org: Org, *, before: Org | None = None, **options: Unpack[ChartOptions]) -> str:
    """The DOT source of the chart of ``org`` (of ``before`` → ``org`` if ``before`` is given).

    Examples
    --------
    >>> from orgraph import Org, Unit
    >>> org = Org.create(name="Demo", units=[Unit(id="d", name="D", kind="x", level="x")])
    >>> to_dot(org).startswith("digraph orgraph {")
    True
    """
    return str(render_chart(layout(org, settings(options), before=before, warn=_warn)).source)
