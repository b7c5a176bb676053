"""Org charts: SVG, PNG, PDF, DOT and Mermaid from a structure, and before/after charts.

Building a chart is pure (:func:`chart`, :func:`diff_chart`, :func:`to_dot`,
:func:`to_mermaid` need no Graphviz binary); :func:`render` and :func:`render_bytes`
hand Graphviz the positions :func:`place` computed (``neato -n2``, with a hard timeout)
for SVG, PNG and PDF, and :func:`render_pages` writes a multi-page PDF.
:func:`viewer_html` writes the interactive viewer: one self-contained HTML page.

Examples
--------
>>> from orgraph import Org, Unit
>>> from orgraph.render import to_dot
>>> org = Org.create(name="Demo", units=[Unit(id="d", name="D", kind="x", level="x")])
>>> "digraph" in to_dot(org)
True
"""

from __future__ import annotations

from orgraph._display import register
from orgraph.render.diff import STATUSES, UnitStatus, unit_statuses
from orgraph.render.dot import chart, diff_chart, to_dot
from orgraph.render.html import Viewer, viewer_html
from orgraph.render.mermaid import to_mermaid
from orgraph.render.options import FORMATS, ChartOptions, ChartWarning, format_of
from orgraph.render.pages import render_pages
from orgraph.render.place import Placement, place
from orgraph.render.run import DEFAULT_TIMEOUT, render, render_bytes, repr_svg, run_dot

__all__ = [
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "STATUSES",
    "ChartOptions",
    "ChartWarning",
    "Placement",
    "UnitStatus",
    "Viewer",
    "chart",
    "diff_chart",
    "format_of",
    "place",
    "render",
    "render_bytes",
    "render_pages",
    "repr_svg",
    "run_dot",
    "to_dot",
    "to_mermaid",
    "unit_statuses",
    "viewer_html",
]

register("image/svg+xml", repr_svg)
