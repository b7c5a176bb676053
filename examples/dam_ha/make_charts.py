"""Redraw the charts committed under ``examples/dam_ha/charts/`` (needs Graphviz ``dot``).

Run from the repository root::

    python examples/dam_ha/make_charts.py

Each chart is written as SVG and as a PNG beside it (for pages that cannot show SVG).
Same charts as ``orgraph demo`` writes: before (2018), after (mid-2020) and diff of the
streamlining; after and diff of the 2025 reform. Villages are folded into a count per
commune so the charts stay readable. ``diff-2020-vi`` is the streamlining's diff chart
with Vietnamese labels (``lang="vi"``: MỚI, HỢP NHẤT, Biên chế...).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from figures import load_example  # noqa: E402

from orgraph.cli.demo import CHART_OPTIONS, write_charts  # noqa: E402
from orgraph.render import render  # noqa: E402


def main() -> int:
    """Write the SVG charts, a PNG beside each, and print their paths."""
    ex = load_example(HERE)
    charts = write_charts(
        HERE / "charts", ex.base, ex.streamlined, ex.reform, formats=("svg", "png")
    )
    for suffix in ("svg", "png"):
        path = HERE / "charts" / f"diff-2020-vi.{suffix}"
        render(ex.streamlined, path, before=ex.base, lang="vi", **CHART_OPTIONS)  # type: ignore[arg-type]
        charts.append(path)
    for path in charts:
        print(path.relative_to(HERE.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
