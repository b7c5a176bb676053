"""Charts of one province before and after Vietnam's 2025 reorganisation.

Run from the repository root (needs the ``vn`` extra and Graphviz)::

    python examples/vietnam_2025/make_charts.py [PROVINCE_CODE]

The default province is Quảng Ninh (code 22). Every count in the titles is computed from
the structures, and the "after" structure is the 2024 one with the reform applied.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import orgraph
from orgraph.datasets.vietnam import admin_units_2024, reform_2025
from orgraph.render import ChartWarning, render

OUT = Path(__file__).parent / "charts"


def main(code: str = "22") -> list[Path]:
    before = admin_units_2024()
    after = orgraph.apply(before, reform_2025())
    root = f"p-{code}"
    name = before.unit(root).name
    districts = before.children(root)
    communes_before = sum(len(before.children(d.id)) for d in districts)
    communes_after = len(after.children(root))
    OUT.mkdir(exist_ok=True)
    written = []
    charts = [
        (
            before,
            f"{name} on {before.date:%d %B %Y}: {len(districts)} districts, "
            f"{communes_before} communes",
            "before",
            None,
        ),
        (
            after,
            f"{name} from {after.date:%d %B %Y}: {communes_after} communes, no districts",
            "after",
            None,
        ),
        (after, f"{name}: the 2025 reorganisation", "diff", before),
    ]
    # A province has hundreds of communes: the layout wraps them into rows near a page's
    # shape; the PNG beside each SVG is for pages that cannot show SVG.
    warnings.simplefilter("ignore", ChartWarning)
    for org, title, kind, base in charts:
        for suffix in ("svg", "png"):
            path = OUT / f"province-{code}-{kind}.{suffix}"
            render(org, path, root=root, title=title, before=base)
            written.append(path)
            print(f"wrote {path}")
    return written


if __name__ == "__main__":
    main(*sys.argv[1:2])
