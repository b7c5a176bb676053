"""Building a ``graphviz.Digraph`` (DOT text) from a structure; no Graphviz binary needed."""

from __future__ import annotations

import itertools
import warnings
from typing import TYPE_CHECKING, Unpack

import graphviz

from orgraph.render._layout import Box, Chart, Entry, layout
from orgraph.render._style import EDGE_LEGEND, FONT, STATUS_STYLES, StatusStyle, style_of
from orgraph.render._text import html_text, plain_text, tooltip_text
from orgraph.render.options import ChartOptions, ChartWarning, page_size, settings

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["chart", "diff_chart", "to_dot"]

#: Layout fallbacks, simplest last: 0 full; 1 no right-angle edges; 2 also no sibling-order
#: chains; 3 also no bloc clusters.
SIMPLEST = 3
#: Right-angle (``splines=ortho``) edges up to this many boxes: slow and fragile beyond.
ORTHO_MAX = 150
#: A list box wraps into a new column after this many units.
LIST_ROWS = 8


def _warn(problems: list[str]) -> None:
    warnings.warn(ChartWarning(problems), stacklevel=4)


def _attrs(style: StatusStyle) -> str:
    parts = [f'COLOR="{style.color}"', f'BGCOLOR="{style.fill}"']
    if style.border:
        parts.append(f'STYLE="{style.border}"')
    return " ".join(parts)


def _rows(entry: Entry, *, struck: bool) -> str:
    name = html_text(entry.name)
    name = f"<S>{name}</S>" if struck else name
    rows = [f"<TR><TD><B>{name}</B></TD></TR>"]
    for badge in entry.badges:
        rows.append(f'<TR><TD><FONT POINT-SIZE="9"><B>{html_text(badge)}</B></FONT></TD></TR>')
    for line in entry.lines:
        port = f' PORT="{line.port}"' if line.port else ""
        text = html_text(line.text)
        if line.role == "more":
            text = f"<I>{text}</I>"
        rows.append(f'<TR><TD{port}><FONT POINT-SIZE="9">{text}</FONT></TD></TR>')
    return "".join(rows)


def _struck(entry: Entry) -> bool:
    return bool(entry.status) and entry.status[0] in ("merged", "split", "dissolved")


def _label(box: Box) -> str:
    if box.kind == "list":
        cells = []
        for entry in box.entries:
            style = style_of(entry.status)
            inner = (
                '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
                f"{_rows(entry, struck=_struck(entry))}</TABLE>"
            )
            cells.append(
                f'<TD PORT="{entry.port}" BORDER="{style.width}" {_attrs(style)}>{inner}</TD>'
            )
        # Long lists wrap into columns (filled top to bottom) so no rank gets too tall.
        columns = -(-len(cells) // LIST_ROWS)
        height = -(-len(cells) // columns)
        rows = []
        for r in range(height):
            row = [cells[c * height + r] for c in range(columns) if c * height + r < len(cells)]
            rows.append(f"<TR>{''.join(row)}</TR>")
        return (
            '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="3" CELLPADDING="3">'
            f"{''.join(rows)}</TABLE>>"
        )
    entry = box.entries[0]
    style = style_of(box.status)
    return (
        f'<<TABLE BORDER="{style.width}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2" '
        f"{_attrs(style)}>{_rows(entry, struck=_struck(entry))}</TABLE>>"
    )


def _title(chart: Chart) -> str:
    rows = [f'<TR><TD><FONT POINT-SIZE="18"><B>{html_text(chart.title)}</B></FONT></TD></TR>']
    if chart.date_text is not None:
        rows.append(f"<TR><TD>{html_text(chart.date_text)}</TD></TR>")
    legend = _legend(chart)
    if legend:
        rows.append(f"<TR><TD>{legend}</TD></TR>")
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">{"".join(rows)}</TABLE>>'


def _legend(chart: Chart) -> str:
    rows = []
    if chart.diff:
        present = {s for b in chart.boxes for e in b.entries for s in e.status} | {
            s for b in chart.boxes for s in b.status
        }
        for name, style in STATUS_STYLES.items():
            if name not in present or name == "kept":
                continue
            rows.append(
                f'<TR><TD BORDER="{style.width}" {_attrs(style)}><FONT POINT-SIZE="9"><B>'
                f"{style.badge}</B></FONT></TD>"
                f'<TD ALIGN="LEFT"><FONT POINT-SIZE="9">{html_text(style.meaning)}</FONT></TD></TR>'
            )
    kinds = {e.kind for e in chart.edges}
    for kind, text in EDGE_LEGEND.items():
        if kind in kinds:
            rows.append(
                f'<TR><TD></TD><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{html_text(text)}'
                "</FONT></TD></TR>"
            )
    if not rows:
        return ""
    return (
        f'<TABLE BORDER="1" COLOR="#999999" CELLBORDER="0" CELLSPACING="2">{"".join(rows)}</TABLE>'
    )


def _classes(box: Box) -> str:
    statuses = " ".join(f"status-{s}" for s in box.status)
    return f"{box.kind} {statuses}".strip() if box.kind != "unit" else f"unit {statuses}".strip()


_EDGE_STYLE = {
    "parent": {"arrowhead": "none", "color": "#555555"},
    "concurrent": {
        "style": "dashed",
        "constraint": "false",
        "dir": "both",
        "arrowhead": "none",
        "arrowtail": "none",
        "color": "#1f5fa8",
        "penwidth": "1.4",
    },
    "link": {"style": "dotted", "constraint": "false", "color": "#777777"},
    "lineage": {
        "style": "bold",
        "constraint": "false",
        "color": "#a04a00",
        "fontsize": "8",
        "fontcolor": "#a04a00",
    },
}


def render_chart(chart: Chart, *, level: int = 0) -> graphviz.Digraph:
    """Write a :class:`Chart` as a ``graphviz.Digraph``; ``level`` > 0 drops risky settings."""
    settings_ = chart.settings
    clusters = settings_.blocs and level < SIMPLEST
    ortho = level == 0 and len(chart.boxes) <= ORTHO_MAX
    graph = graphviz.Digraph(
        "orgraph",
        graph_attr={
            "rankdir": settings_.direction,
            "nodesep": "0.25",
            "ranksep": "0.45",
            "fontname": FONT,
            "label": _title(chart),
            "labelloc": "t",
            "bgcolor": "white",
            "pad": "0.2",
            **({"splines": "ortho"} if ortho else {}),
            **({"size": page_size(settings_.page)} if settings_.page else {}),
        },
        node_attr={"shape": "plain", "fontname": FONT, "fontsize": "10"},
        # Declaring arrowtail up front works around a dot 2.42 bug: flat edges between
        # ports otherwise read another attribute as the arrow type ("Arrow type unknown").
        edge_attr={"arrowhead": "normal", "arrowtail": "normal", "fontname": FONT},
    )
    by_bloc: dict[str | None, list[Box]] = {}
    for box in chart.boxes:
        # Units outside any bloc (below the top) get an invisible cluster of their own:
        # dot places loose nodes before all clusters, whatever the sibling chain says.
        key = (box.bloc or "") if clusters and box.depth > 0 else None
        by_bloc.setdefault(key, []).append(box)

    cluster_of = {box.node: key for key, boxes in by_bloc.items() for box in boxes}
    # Without newrank dot ranks each cluster on its own, which pushes a cluster down when
    # a unit in it hangs from a unit in another cluster (a unit moved across blocs).
    # newrank fixes that but, with sibling chains, dot 2.42 aborts or hangs when a
    # constraint=false edge touches a chained node: then those nodes stay unchained.
    crossing = any(
        e.kind == "parent"
        and cluster_of[e.tail] is not None
        and cluster_of[e.tail] != cluster_of[e.head]
        for e in chart.edges
    )
    if crossing:
        graph.attr(newrank="true")
    loose = {n for e in chart.edges if e.kind != "parent" for n in (e.tail, e.head)}
    # Keep sibling order with an invisible edge chain in a rank=same group (level 0).
    # A chain is cut where it would cross into another cluster (rank=same does not span
    # clusters without newrank) and between a pair that a constraint=false edge also
    # joins (dot 2.42 aborts in merge_chain on that).
    joined = {frozenset((e.tail, e.head)) for e in chart.edges if e.kind != "parent"}
    runs: dict[str | None, list[list[str]]] = {}
    if level < 2:
        for kids in chart.children.values():
            run: list[str] = []
            for kid in kids:
                if crossing and kid in loose:
                    continue
                if run and (
                    cluster_of[kid] != cluster_of[run[-1]] or frozenset((run[-1], kid)) in joined
                ):
                    runs.setdefault(cluster_of[run[-1]], []).append(run)
                    run = []
                run.append(kid)
            if run:
                runs.setdefault(cluster_of[run[-1]], []).append(run)

    def add_chains(target: graphviz.Digraph, key: str | None) -> None:
        for run in runs.get(key, []):
            if len(run) < 2:
                continue
            with target.subgraph() as same:
                same.attr(rank="same")
                for a, b in itertools.pairwise(run):
                    same.edge(a, b, style="invis")

    def add_node(target: graphviz.Digraph, box: Box) -> None:
        target.node(
            box.node,
            label=_label(box),
            tooltip=tooltip_text(
                box.entries[0].tooltip
                if box.kind != "list"
                else "; ".join(e.name for e in box.entries)
            ),
            **{"class": _classes(box)},
        )

    for index, (bloc, boxes) in enumerate(by_bloc.items()):
        if bloc is None:
            for box in boxes:
                add_node(graph, box)
            add_chains(graph, None)
            continue
        with graph.subgraph(name=f"cluster_b{index}") as sub:
            if bloc:
                sub.attr(
                    label=plain_text(bloc),
                    labelloc="b",
                    style="rounded,dashed",
                    color="#999999",
                    fontcolor="#666666",
                    fontsize="10",
                    **{"class": "bloc"},
                )
            else:
                sub.attr(label="", style="invis", **{"class": "no-bloc"})
            for box in boxes:
                add_node(sub, box)
            add_chains(sub, bloc)

    order = {box.node: index for index, box in enumerate(chart.boxes)}
    for edge in chart.edges:
        if edge.tail == edge.head and not ortho:
            continue  # a loop inside a list box reads well only with right-angle edges
        tail = f"{edge.tail}:{edge.tail_port}" if edge.tail_port else edge.tail
        head = f"{edge.head}:{edge.head_port}" if edge.head_port else edge.head
        attrs = dict(_EDGE_STYLE[edge.kind])
        if edge.kind != "parent" and order[edge.tail] > order[edge.head]:
            # Loose edges all run from earlier to later boxes, drawn backwards where
            # needed: dot 2.42 can loop forever on a cycle of them inside clusters.
            tail, head = head, tail
            attrs["dir"] = "both" if attrs.get("dir") == "both" else "back"
        if edge.tooltip:
            attrs["tooltip"] = tooltip_text(edge.tooltip)
        if edge.label:
            attrs["xlabel"] = plain_text(edge.label)
        attrs["class"] = edge.kind + (f" link-{edge.style}" if edge.kind == "link" else "")
        graph.edge(tail, head, **attrs)

    return graph


def chart(org: Org, **options: Unpack[ChartOptions]) -> graphviz.Digraph:
    """The org chart of ``org`` as a ``graphviz.Digraph`` (pure: no Graphviz binary needed).

    Parameters
    ----------
    org
        The structure to draw.
    **options
        See :class:`~orgraph.render.ChartOptions`: ``root``, ``depth``, ``posts``,
        ``people``, ``quota``, ``blocs``, ``direction``, ``title``, ``collapse``,
        ``links``, ``stack``, ``page``.

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
