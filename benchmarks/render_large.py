"""Benchmark: org charts of 1,000 / 3,000 / 10,000 units, layout apart from Graphviz.

Builds synthetic trees (a root, 25 departments, 8 offices each, leaf units under the
offices) and times, for each: the layout (the chart model and the placement, pure
Python), writing the DOT text, and Graphviz drawing it (``neato -n2 -Tsvg``: positions
are pinned, so Graphviz only draws). Two ways: leaf units stacked into list boxes (the
default) and one box per unit (``stack=False``).

Targets (issue 18): 3,000 units to SVG in under 5 s, 10,000 in under 20 s.

Run: ``.venv/bin/python benchmarks/render_large.py`` (needs Graphviz for the SVG column).
"""

from __future__ import annotations

import shutil
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from orgraph import Org, Unit
from orgraph.render import ChartWarning, run_dot
from orgraph.render._layout import layout
from orgraph.render.dot import placement_of, render_chart
from orgraph.render.options import settings

SIZES = (1000, 3000, 10000)
TARGETS = {3000: 5.0, 10000: 20.0}
T = TypeVar("T")


def synthetic(size: int) -> Org:
    """A tree of ``size`` units: root, 25 departments, 8 offices each, leaves below."""
    units = [Unit(id="root", name="Tỉnh Thử nghiệm", kind="province", level="province")]
    departments = [f"dep{i}" for i in range(25)]
    offices = [f"{d}.off{j}" for d in departments for j in range(8)]
    for ident in departments:
        units.append(Unit(id=ident, name=f"Sở {ident}", kind="dept", level="dept", parent="root"))
    for ident in offices:
        parent = ident.split(".")[0]
        units.append(
            Unit(id=ident, name=f"Phòng {ident}", kind="office", level="office", parent=parent)
        )
    index = 0
    while len(units) < size:
        parent = offices[index % len(offices)]
        units.append(
            Unit(
                id=f"{parent}.u{index}",
                name=f"Đơn vị {index}",
                kind="unit",
                level="unit",
                parent=parent,
            )
        )
        index += 1
    return Org.create(name=f"Synthetic {size}", units=units[:size])


def _time(function: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[float, T]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> int:
    has_dot = shutil.which("neato") is not None
    header = (
        f"{'units':>6} | {'mode':>7} | {'boxes':>6} | {'layout':>7} | {'DOT':>6} | "
        f"{'Graphviz':>8} | {'total':>7} | {'size (pt)':>13} | target"
    )
    print(header)
    print("-" * len(header))
    warnings.simplefilter("ignore", ChartWarning)
    failed = False
    for size in SIZES:
        org = synthetic(size)
        for label, options in {"stacked": {}, "boxes": {"stack": False}}.items():
            start = time.perf_counter()
            chart = layout(org, settings(options))  # type: ignore[arg-type]
            placement = placement_of(chart)
            laid = time.perf_counter() - start
            dot_time, graph = _time(render_chart, chart, placement=placement)
            source = graph.source
            if has_dot:
                drawn, _ = _time(run_dot, source, "svg", timeout=300, pinned=True)
                drawn_text = f"{drawn:7.2f}s"
            else:
                drawn, drawn_text = 0.0, "no dot".rjust(8)
            total = laid + dot_time + drawn
            target = TARGETS.get(size)
            verdict = (
                "-" if target is None else ("ok" if total < target else f"SLOW (<{target:g}s)")
            )
            failed = failed or verdict.startswith("SLOW")
            extent = f"{placement.width:.0f}x{placement.height:.0f}"
            print(
                f"{size:>6} | {label:>7} | {len(chart.boxes):>6} | {laid:6.2f}s | "
                f"{dot_time:5.2f}s | {drawn_text} | {total:6.2f}s | {extent:>13} | {verdict}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
