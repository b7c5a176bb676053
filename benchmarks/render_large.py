"""Benchmark: org charts of 1,000 / 2,000 / 5,000 units.

Builds synthetic trees (a root, 25 departments, offices under them and leaf units under
the offices), then times building the DOT text (pure Python) and running ``dot -Tsvg``
on it, three ways: leaf units stacked into list boxes (the default), one box per unit
(``stack=False``), and the leaf level folded into counts (``collapse="unit"``).

Run: ``.venv/bin/python benchmarks/render_large.py`` (needs Graphviz for the SVG columns).
"""

from __future__ import annotations

import shutil
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from orgraph import Org, Unit
from orgraph.render import ChartWarning, render_bytes, to_dot

SIZES = (1000, 2000, 5000)
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
    has_dot = shutil.which("dot") is not None
    header = f"{'units':>6} | {'mode':>8} | {'DOT build':>9} | {'to SVG':>9} | {'SVG width':>10}"
    print(header)
    print("-" * len(header))
    warnings.simplefilter("ignore", ChartWarning)
    for size in SIZES:
        org = synthetic(size)
        modes: dict[str, dict[str, object]] = {
            "stacked": {},
            "boxes": {"stack": False},
            "collapse": {"collapse": "unit"},
        }
        for label, options in modes.items():
            build, _ = _time(to_dot, org, **options)
            if has_dot:
                seconds, svg = _time(render_bytes, org, "svg", timeout=300, **options)
                width_attr = svg.split(b'width="', 1)[1].split(b'"', 1)[0].decode()
                render_text = f"{seconds:8.2f}s"
            else:
                render_text, width_attr = "no dot".rjust(9), "-"
            print(f"{size:>6} | {label:>8} | {build:8.3f}s | {render_text} | {width_attr:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
