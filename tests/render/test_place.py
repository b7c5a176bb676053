"""The placement API (no Graphviz): contract, staff units, order, alignment, aspect."""

from __future__ import annotations

import itertools
import math
from datetime import date

import pytest

from orgraph import Org, Unit, apply
from orgraph.render import Placement, place
from orgraph.render._layout import layout
from orgraph.render.dot import placement_of
from orgraph.render.options import settings
from tests.render.orgs import small_chart_org


def _placed(org: Org, before: Org | None = None, **options: object) -> Placement:
    return placement_of(layout(org, settings(options), before=before))  # type: ignore[arg-type]


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_contract_shape() -> None:
    placement = _placed(small_chart_org(), people=True)
    assert placement.width > 0 and placement.height > 0
    for node, box in placement.boxes.items():
        assert box.node == node == box.box.node
        assert box.x >= 0 and box.x + box.width <= placement.width
        assert box.y >= 0 and box.y + box.height <= placement.height
    for a, b in itertools.combinations(placement.boxes.values(), 2):
        assert not _overlap(a.rect, b.rect)
    kinds = {c.kind for c in placement.connectors}
    assert "parent" in kinds
    for line in placement.connectors:
        assert len(line.points) >= 2
        assert line.tail in placement.boxes and line.head in placement.boxes
        for (x0, y0), (x1, y1) in itertools.pairwise(line.points):
            assert x0 == x1 or y0 == y1  # orthogonal


def test_same_placement_twice() -> None:
    assert _placed(small_chart_org()) == _placed(small_chart_org())


def test_concurrent_line_ends_on_the_persons_row() -> None:
    placement = _placed(small_chart_org(), people=True)
    line = next(c for c in placement.connectors if c.kind == "concurrent")
    assert line.edge is not None and line.edge.tail_port and line.edge.head_port
    for node, port, point in (
        (line.tail, line.edge.tail_port, line.points[0]),
        (line.head, line.edge.head_port, line.points[-1]),
    ):
        _, y, _, h = placement.boxes[node].cells[port]
        assert y <= point[1] <= y + h  # at the height of the row that names the person


def _committee(staff_attr: bool) -> Org:
    attrs = {"staff": True} if staff_attr else {}
    units = [
        Unit(id="c", name="Committee", kind="committee", level="x"),
        Unit(
            id="o",
            name="Office of the committee",
            kind="office",
            level="x",
            parent="c",
            attrs=attrs,
        ),
    ]
    for i in range(4):
        units.append(Unit(id=f"d{i}", name=f"Department {i}", kind="dept", level="x", parent="c"))
        units.append(Unit(id=f"d{i}u", name="Unit", kind="unit", level="x", parent=f"d{i}"))
    return Org.create(name="Staff", date=date(2020, 1, 1), units=units)


@pytest.mark.parametrize("how", ["attr", "kind"])
def test_staff_unit_sits_beside_the_line(how: str) -> None:
    org = _committee(how == "attr")
    placement = _placed(org, **({"staff": "office"} if how == "kind" else {}))
    boxes = {b.box.entries[0].name: b for b in placement.boxes.values()}
    office, committee = boxes["Office of the committee"], boxes["Committee"]
    departments = [b for n, b in boxes.items() if n.startswith("Department")]
    assert office.box.staff
    # Between the committee and the departments, off the trunk, joined by a side line.
    assert committee.y + committee.height < office.y < min(d.y for d in departments)
    line = next(c for c in placement.connectors if c.head == office.node)
    assert line.points[-1][1] == line.points[-2][1]  # ends horizontally at its side
    plain = _placed(org) if how == "kind" else None
    if plain is not None:
        office_plain = next(
            b for b in plain.boxes.values() if b.box.entries[0].name.startswith("Office")
        )
        assert not office_plain.box.staff


def test_new_unit_takes_the_place_of_what_it_replaced() -> None:
    units = [Unit(id="r", name="Root", kind="x", level="x")]
    units += [Unit(id=k, name=k.upper(), kind="x", level="x", parent="r") for k in "abcde"]
    org = Org.create(name="Order", date=date(2020, 1, 1), units=units)
    after = apply(org, [{"op": "merge", "sources": ["b", "c"], "into": {"id": "bc", "name": "BC"}}])
    placement = _placed(after, stack=False)
    xs = {b.box.entries[0].name: b.x for b in placement.boxes.values()}
    assert xs["A"] < xs["BC"] < xs["D"] < xs["E"]
    diff = layout(after, settings({"stack": False}), before=org)
    names = {b.node: b.entries[0].name for b in diff.boxes}
    order = [names[n] for n in diff.children["n0"]]
    assert order == ["A", "B", "C", "BC", "D", "E"]


def test_align_gives_bands_per_level() -> None:
    units = [Unit(id="r", name="Root", kind="x", level="top")]
    units += [
        Unit(id=f"m{i}", name=f"Middle {i}" * (i + 1), kind="x", level="middle", parent="r")
        for i in range(3)
    ]
    units += [
        Unit(id=f"m{i}l", name="Leaf", kind="x", level="leaf", parent=f"m{i}") for i in range(3)
    ]
    placement = _placed(Org.create(name="Levels", units=units), align=True, stack=False)
    middles = [b for b in placement.boxes.values() if b.box.level == "middle"]
    assert len({(b.y, b.height) for b in middles}) == 1
    assert [band.label for band in placement.bands] == ["top", "middle", "leaf"]


def test_aspect_is_aimed_at() -> None:
    units = [Unit(id="r", name="Root", kind="x", level="x")]
    for i in range(30):
        units.append(Unit(id=f"a{i}", name=f"Agency {i}", kind="x", level="x", parent="r"))
        units.append(Unit(id=f"a{i}u", name="Unit", kind="x", level="x", parent=f"a{i}"))
    org = Org.create(name="Wide", units=units)
    chart = layout(org, settings({}))
    wide = place(chart, aspect=3.0)
    tall = place(chart, aspect=0.7)
    assert wide.aspect > tall.aspect
    assert abs(math.log(wide.aspect / 3.0)) < 0.5 and abs(math.log(tall.aspect / 0.7)) < 0.5
