"""Lineage questions on the UK's public bodies (GOV.UK organisations snapshot).

Run from the repository root::

    python examples/uk_govuk/lineage.py

Prints where a few closed bodies went, what a department came from, and how many
bodies closed in each way.
"""

from __future__ import annotations

from collections import Counter

from orgraph.datasets.uk_govuk import ATTRIBUTION, organisations
from orgraph.lineage import became, came_from, final_successors


def main() -> None:
    org = organisations()
    for slug in (
        "department-for-international-development",
        "department-for-digital-culture-media-sport",
        "department-for-business-energy-and-industrial-strategy",
    ):
        unit = org.unit(slug)
        went = ", ".join(u.name for u in became(org, slug))
        print(f"{unit.name} (ended {unit.ended}) became: {went}")
    fcdo = "foreign-commonwealth-development-office"
    print(f"{org.unit(fcdo).name} came from:", ", ".join(u.name for u in came_from(org, fcdo)))
    active, _ = final_successors(org, "department-for-education-and-skills")
    print("The Department for Education and Skills lives on in:", ", ".join(sorted(active)))
    ways = Counter(e.change for e in org.lineage)
    print("lineage edges by kind:", dict(sorted(ways.items())))
    print(ATTRIBUTION)


if __name__ == "__main__":
    main()
