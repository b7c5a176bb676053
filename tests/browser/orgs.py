"""Structures for the viewer tests: Đầm Hà, hostile names, a synthetic 10,000 units."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import orgraph
from orgraph import Appointment, Link, Org, Person, Post, Unit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DAM_HA = EXAMPLES / "dam_ha"

HOSTILE = "<img src=x onerror=alert(1)>"
CLOSER = "</script><!-- Đầm Hà"

_DATA = re.compile(r'<script type="application/json" id="orgraph-data">(.*?)</script>', re.S)


def payload(page: str) -> dict[str, Any]:
    """The viewer's data, read back out of a page."""
    found = _DATA.search(page)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def dam_ha() -> tuple[Org, Org]:
    """The Đầm Hà baseline and the structure after its 2018-2020 streamlining."""
    before = orgraph.load(DAM_HA / "org.yaml")
    return before, orgraph.apply(before, orgraph.load_scenario(DAM_HA / "streamlining.yaml"))


def hostile_org() -> Org:
    """Names, titles, notes and ids that would be markup or close the script if not escaped."""
    units = [
        Unit(id="root", name=HOSTILE, kind="district", level="district", code="<b>1</b>"),
        Unit(id="a", name=CLOSER, kind="office", level="district", parent="root"),
        Unit(id="b", name="Ủy ban ' \" & <x>", kind="office", level="district", parent="root"),
        Unit(
            id="c-1",
            name="Phòng <svg onload=alert(2)>",
            kind="office",
            level="district",
            parent="a",
        ),
    ]
    posts = [
        Post(id="a.head", unit="a", title="<script>alert(3)</script>", role="head"),
        Post(id="a.deputy", unit="a", title="Phó <i>", role="deputy"),
        Post(id="b.head", unit="b", title="Trưởng", role="head"),
    ]
    people = [
        Person(id="p1", name="<img src=y onerror=alert(4)>"),
        Person(id="p2", name="Nguyễn Văn An"),
    ]
    appointments = [
        Appointment(person="p1", post="a.head", start=date(2020, 1, 1)),
        Appointment(person="p1", post="b.head", start=date(2020, 1, 1), acting=True),
    ]
    links = [Link(source="b", target="a", kind="guidance", note="</script><b>note</b>")]
    return Org.create(
        name=f"Hostile {HOSTILE}",
        date=date(2020, 1, 1),
        units=units,
        posts=posts,
        people=people,
        appointments=appointments,
        links=links,
    )


def synthetic(n: int = 10_000) -> Org:
    """``n`` units: a ministry, three levels of ten offices each, communes below the last."""
    units = [Unit(id="u0", name="Bộ Nội vụ", kind="ministry", level="central")]
    frontier, index = ["u0"], 1
    for level in ("province", "district", "office"):
        below = []
        for parent in frontier:
            for _ in range(10):
                if index >= n:
                    break
                units.append(
                    Unit(
                        id=f"u{index}",
                        name=f"Ủy ban số {index} Đầm Hà",
                        kind="office",
                        level=level,
                        parent=parent,
                        code=f"C{index:05d}",
                    )
                )
                below.append(f"u{index}")
                index += 1
        frontier = below
    turn = 0
    while index < n:
        units.append(
            Unit(
                id=f"u{index}",
                name=f"Xã Quảng Lâm {index}",
                kind="commune",
                level="commune",
                parent=frontier[turn % len(frontier)],
                code=f"C{index:05d}",
            )
        )
        turn += 1
        index += 1
    return Org.create(name=f"Synthetic structure of {n:,} units", units=units)
