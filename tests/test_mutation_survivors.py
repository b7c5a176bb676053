"""Behaviours that mutants of the operations survived under the fast test subset.

Mutation testing (mutmut over engine, store and operations, with tests/test_ops.py,
tests/test_blind_spots.py and tests/test_org.py) left these alive; each test here kills
some of them. The baseline is ``district()`` from tests/test_metrics.py: commune c
(10 civil servants) holds villages v1 and v2 and posts c.secretary and c.chair; office
o3 has 4 civil servants and 1 public employee.
"""

from __future__ import annotations

from typing import Any

import pytest

from orgraph import Quota, ScenarioError, apply
from tests.test_metrics import district

WHEN = "2020-06-01"


def _split(*parts: dict[str, Any]) -> dict[str, Any]:
    return {"op": "split", "source": "c", "effective": WHEN, "into": list(parts)}


def _part(ident: str, children: list[str], posts: list[str], cs: int) -> dict[str, Any]:
    return {
        "id": ident,
        "name": f"Xã {ident}",
        "children": children,
        "posts": posts,
        "quota": {"civil_servants": cs},
    }


def test_split_gives_each_part_its_children_posts_and_quota() -> None:
    after = apply(
        district(),
        [_split(_part("c1", ["v1"], ["c.secretary"], 6), _part("c2", ["v2"], ["c.chair"], 4))],
    )
    assert (after.unit("v1").parent, after.unit("v2").parent) == ("c1", "c2")
    assert (after.post("c.secretary").unit, after.post("c.chair").unit) == ("c1", "c2")
    assert after.unit("c1").quota == Quota(civil_servants=6)
    assert str(after.unit("c").ended) == WHEN
    [event] = after.history[-1:]
    assert event.effects.established == ("c1", "c2")
    moved = {(m.what, m.id, m.source, m.target) for m in event.effects.moved}
    assert {("unit", "v1", "c", "c1"), ("unit", "v2", "c", "c2")} <= moved
    assert {(e.predecessor, e.successor, e.change) for e in after.lineage} == {
        ("c", "c1", "split"),
        ("c", "c2", "split"),
    }


def _codes(op: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    with pytest.raises(ScenarioError) as info:
        apply(district(), [op])
    return [(v.code, v.ids) for v in info.value.violations]


def test_split_names_children_given_twice_left_over_or_foreign() -> None:
    assert _codes(
        _split(_part("c1", ["v1", "v2"], ["c.secretary"], 6), _part("c2", ["v2", "o1"], [], 4))
    )[:2] == [("given_twice", ("v2",)), ("not_in_source", ("c", "o1"))]
    assert _codes(_split(_part("c1", [], ["c.secretary"], 6), _part("c2", ["v2"], [], 4)))[0] == (
        "left_over",
        ("c", "v1"),
    )


def test_dissolve_ends_the_unit_and_cuts_its_quota() -> None:
    after = apply(district(), [{"op": "dissolve", "unit": "o3", "effective": WHEN}])
    assert str(after.unit("o3").ended) == WHEN
    cut = after.history[-1].effects.quota_cut
    assert (cut.civil_servants, cut.public_employees) == (4, 1)
    assert "o3" in after.history[-1].effects.ended


def test_establish_keeps_a_given_founding_date_and_defaults_to_the_effective_one() -> None:
    unit = {"id": "n", "name": "N", "kind": "office", "level": "district", "parent": "d"}
    given = apply(
        district(),
        [{"op": "establish", "unit": {**unit, "founded": "2019-01-01"}, "effective": WHEN}],
    )
    assert str(given.unit("n").founded) == "2019-01-01"
    default = apply(district(), [{"op": "establish", "unit": unit, "effective": WHEN}])
    assert str(default.unit("n").founded) == WHEN


def test_dissolve_of_a_unit_with_sub_units_names_them() -> None:
    [(code, ids)] = _codes({"op": "dissolve", "unit": "c", "effective": WHEN})
    assert (code, ids) == ("has_children", ("c", "v1", "v2"))
