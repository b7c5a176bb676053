"""Charts too big for one sheet: a multi-page PDF, one page per subtree.

:func:`render_pages` first tries the whole chart on the page (text printed at 6 points
or more). When it does not fit, page 1 is an overview (the top unit and its sub-units)
and every sub-unit with more below it gets pages of its own, split again the same way if
needed. Each box whose subtree goes on elsewhere says "continued on page N", and each
such page's title says where it came from. The pages are drawn by Graphviz one by one
and joined with ``pdfunite`` (poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from orgraph.errors import RenderError
from orgraph.labels import label
from orgraph.render._layout import Chart, Line, layout
from orgraph.render.dot import _warn, placement_of, render_chart
from orgraph.render.options import ChartOptions, page_points, settings
from orgraph.render.place import SMALLEST_TEXT, Placement
from orgraph.render.run import DEFAULT_TIMEOUT, run_dot

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["MIN_PRINTED", "pages", "printed_size", "render_pages"]

MIN_PRINTED = 6.0
"""Smallest printed text (points) a page may have."""


def printed_size(placement: Placement, page: str) -> float:
    """The smallest text of ``placement`` once scaled onto ``page``, in points."""
    width, height = page_points(page)
    scale = min(1.0, width / placement.width, height / placement.height)
    return SMALLEST_TEXT * scale


def _chart(org: Org, before: Org | None, options: dict[str, Any]) -> Chart:
    return layout(org, settings(options), before=before)  # type: ignore[arg-type]


def pages(org: Org, *, before: Org | None = None, **options: Unpack[ChartOptions]) -> list[Chart]:
    """The charts of a multi-page print, in page order (see the module docstring).

    ``page`` (in ``options``) defaults to ``"A4"``.
    """
    page = options.get("page") or "A4"
    base: dict[str, Any] = {**options, "page": page}
    base.pop("depth", None)
    out: list[Chart] = []

    def fits(chart: Chart) -> bool:
        return printed_size(placement_of(chart), page) >= MIN_PRINTED

    def plan(root: str | None, title: str | None) -> None:
        here = {**base, "root": root}
        if title is not None:
            here["title"] = title
        whole = _chart(org, before, here)
        if fits(whole) or not whole.children:
            out.append(whole)
            return
        below_any = {k for kids in whole.children.values() for k in kids}
        tops = [b for b in whole.boxes if b.node not in below_any]
        if root is None and len(tops) == 1 and tops[0].kind == "unit":
            root = tops[0].entries[0].unit  # one root: no page with just its box
            here["root"] = root
        # Roots alone when there are several; else the unit and its sub-units.
        top = _chart(org, before, {**here, "depth": 0 if root is None else 1})
        out.append(top)
        number = len(out)
        leaves = {b.node for b in top.boxes if b.node not in top.children}
        for box in top.boxes:
            if box.kind != "unit" or box.node not in leaves:
                continue
            entry = box.entries[0]
            below = _chart(org, before, {**base, "root": entry.unit, "depth": 1})
            if not below.children:
                continue
            lang = whole.settings.lang
            entry.lines.append(Line(label("continued_on", lang, n=len(out) + 1), "more"))
            plan(entry.unit, label("continued_from", lang, name=entry.name, n=number))

    plan(options.get("root"), options.get("title"))
    return out


def render_pages(
    org: Org,
    path: str | Path,
    *,
    before: Org | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    **options: Unpack[ChartOptions],
) -> Path:
    """Write a multi-page PDF of ``org`` on ``page`` sheets (default A4); returns the path.

    Options as for :func:`~orgraph.render.chart`.

    Raises
    ------
    RenderError
        Graphviz failed, or ``pdfunite`` (poppler-utils) is missing for several pages.
    """
    from orgraph.io._files import atomic_write

    path = Path(path)
    charts = pages(org, before=before, **options)
    for chart in charts:
        if chart.warnings:
            _warn(chart.warnings)
            break
    sheets = [run_dot(render_chart(c).source, "pdf", timeout=timeout, pinned=True) for c in charts]
    if len(sheets) == 1:
        atomic_write(path, sheets[0])
        return path
    unite = shutil.which("pdfunite")
    if unite is None:
        raise RenderError(f"{len(sheets)} pages need pdfunite to be joined: install poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for index, data in enumerate(sheets, 1):
            name = Path(tmp) / f"page-{index:04d}.pdf"
            name.write_bytes(data)
            names.append(str(name))
        joined = Path(tmp) / "all.pdf"
        done = subprocess.run(
            [unite, *names, str(joined)], capture_output=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            raise RenderError(f"pdfunite failed: {done.stderr.decode('utf-8', 'replace')[:200]}")
        atomic_write(path, joined.read_bytes())
    return path
