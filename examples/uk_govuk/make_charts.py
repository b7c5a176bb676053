"""Charts of the UK's public bodies from the GOV.UK organisations snapshot.

Run from the repository root (needs Graphviz)::

    python examples/uk_govuk/make_charts.py

Every count in the titles is computed from the structure.
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

from orgraph.datasets.uk_govuk import organisations
from orgraph.render import ChartWarning, render

OUT = Path(__file__).parent / "charts"


def main() -> list[Path]:
    org = organisations()
    OUT.mkdir(exist_ok=True)
    warnings.simplefilter("ignore", ChartWarning)
    written = []
    dwp = "department-for-work-pensions"
    bodies = len(org.children(dwp))
    path = OUT / "dwp.png"
    render(
        org,
        path,
        root=dwp,
        direction="LR",
        title=f"{org.unit(dwp).name} and its {bodies} bodies, {org.date:%d %B %Y}",
    )
    written.append(path)
    # Closed bodies are drawn as they were on their last day: the Department for Education
    # on 1 January 2015, with the bodies that closed since.
    day = date(2015, 1, 1)
    then = org.as_of(day)
    dfe = "department-for-education"
    closed_since = [u.id for u in then.children(dfe) if org.unit(u.id).ended is not None]
    path = OUT / "dfe-2015.png"
    render(
        then,
        path,
        root=dfe,
        direction="LR",
        title=f"{then.unit(dfe).name} on {day.day} {day:%B %Y}: {len(then.children(dfe))} bodies, "
        f"{len(closed_since)} of them closed by {org.date:%d %B %Y}",
    )
    written.append(path)
    for path in written:
        print(f"wrote {path}")
    return written


if __name__ == "__main__":
    main()
