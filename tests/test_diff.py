"""diff(): units, posts and holders, matched by id and by lineage."""

from __future__ import annotations

from datetime import date
from typing import Any

from orgraph import Org, Quota, Unit, apply
from orgraph.diff import diff
from tests.test_metrics import district


def after(*operations: dict[str, Any]) -> Org:
    return apply(district(), [{"effective": "2020-06-01", **op} for op in operations])


def test_same_structure_has_no_differences() -> None:
    d = diff(district(), district())
    assert d.empty
    assert d.units_added == [] and d.units_ended == []


def test_merge_is_reported_with_its_successor() -> None:
    d = diff(
        district(),
        after({"op": "merge", "sources": ["o1", "o2"], "into": {"id": "o12", "name": "Gộp"}}),
    )
    assert [(u.id, u.change, u.successors, u.removed) for u in d.units_ended] == [
        ("o1", "merge", ["o12"], False),
        ("o2", "merge", ["o12"], False),
    ]
    assert [u.summary for u in d.units_ended] == ["merged into o12", "merged into o12"]
    [added] = d.units_added
    assert (added.id, added.parent, added.predecessors) == ("o12", "d", ["o1", "o2"])
    assert {(p.id, p.old_unit, p.new_unit) for p in d.posts_moved} == {
        ("o1.head", "o1", "o12"),
        ("o1.spec", "o1", "o12"),
        ("o2.head", "o2", "o12"),
    }
    # Holders move with their posts: no appointment starts or ends.
    assert d.appointments_started == [] and d.appointments_ended == []
    assert d.posts_added == [] and d.posts_abolished == []


def test_absorb_and_dissolve() -> None:
    d = diff(
        district(),
        after(
            {"op": "absorb", "sources": ["o2"], "into": "o1"},
            {"op": "dissolve", "unit": "v2"},
        ),
    )
    assert {u.id: u.summary for u in d.units_ended} == {
        "o2": "absorbed into o1",
        "v2": "dissolved",
    }
    # o1 took o2's quota: 3 + 2 civil servants, 1 contract.
    [change] = d.quota_changed
    assert change.id == "o1"
    assert change.old == Quota(civil_servants=3)
    assert change.new == Quota(civil_servants=5, contracts=1)


def test_chained_lineage_ends_at_active_units() -> None:
    d = diff(
        district(),
        after(
            {"op": "merge", "sources": ["o1", "o2"], "into": {"id": "o12", "name": "Gộp"}},
            {"op": "absorb", "sources": ["o12"], "into": "o3"},
        ),
    )
    assert {u.id: u.successors for u in d.units_ended} == {"o1": ["o3"], "o2": ["o3"]}
    assert {u.id: u.change for u in d.units_ended} == {"o1": "merge", "o2": "merge"}
    # o12 came and went: it is neither added nor ended.
    assert d.units_added == []


def test_split_lists_every_part() -> None:
    d = diff(
        district(),
        after(
            {
                "op": "split",
                "source": "o3",
                "into": [
                    {"id": "o3a", "name": "A", "quota": {"civil_servants": 4}},
                    {"id": "o3b", "name": "B", "quota": {"public_employees": 1}},
                ],
            }
        ),
    )
    [ended] = d.units_ended
    assert (ended.change, ended.successors) == ("split", ["o3a", "o3b"])
    assert ended.summary == "split into o3a, o3b"
    assert [(u.id, u.predecessors) for u in d.units_added] == [("o3a", ["o3"]), ("o3b", ["o3"])]


def test_attribute_changes() -> None:
    d = diff(
        district(),
        after(
            {"op": "rename", "unit": "o1", "name": "Phòng Nội vụ mới"},
            {"op": "reparent", "unit": "v2", "parent": "d"},
            {"op": "change_funding", "unit": "o2", "funding": "self"},
            {"op": "set_quota", "unit": "c", "civil_servants": 8},
        ),
    )
    assert [(c.id, c.old, c.new) for c in d.units_renamed] == [
        ("o1", "Phòng Nội vụ", "Phòng Nội vụ mới")
    ]
    assert [(c.id, c.old, c.new) for c in d.units_moved] == [("v2", "c", "d")]
    assert [(c.id, c.old, c.new) for c in d.funding_changed] == [("o2", "partial", "self")]
    assert [(c.id, c.old.civil_servants, c.new.civil_servants) for c in d.quota_changed] == [
        ("c", 10, 8)
    ]
    assert not d.units_added and not d.units_ended


def test_posts_and_holders() -> None:
    d = diff(
        district(),
        after(
            {
                "op": "create_post",
                "post": {"id": "o2.deputy", "unit": "o2", "title": "Phó", "role": "deputy"},
            },
            {"op": "appoint", "person": "p6", "post": "o2.deputy"},
            {"op": "abolish_post", "post": "o1.head"},
            {"op": "concurrent_role", "primary": "c.secretary", "secondary": "c.chair"},
        ),
    )
    assert d.posts_added == ["o2.deputy"]
    assert d.posts_abolished == ["o1.head"]
    started = {(a.person, a.post, a.start) for a in d.appointments_started}
    assert started == {
        ("p6", "o2.deputy", date(2020, 6, 1)),
        ("p3", "c.chair", date(2020, 6, 1)),
    }
    ended = {(a.person, a.post, a.end) for a in d.appointments_ended}
    assert ended == {("p1", "o1.head", date(2020, 6, 1)), ("p4", "c.chair", date(2020, 6, 1))}


def test_structures_without_shared_history() -> None:
    a = Org.create(
        name="a",
        units=[
            Unit(id="d", name="D", kind="district", level="district"),
            Unit(id="x", name="X", kind="office", level="district", parent="d"),
        ],
    )
    b = Org.create(
        name="b",
        units=[
            Unit(id="d", name="D", kind="district", level="district"),
            Unit(id="y", name="Y", kind="office", level="district", parent="d"),
        ],
    )
    d = diff(a, b)
    [ended] = d.units_ended
    assert (ended.id, ended.removed, ended.successors, ended.summary) == ("x", True, [], "removed")
    [added] = d.units_added
    assert (added.id, added.predecessors) == ("y", [])


def test_json() -> None:
    d = diff(
        district(),
        after({"op": "merge", "sources": ["o1", "o2"], "into": {"id": "o12", "name": "Gộp"}}),
    )
    data = d.model_dump(mode="json")
    assert data["units_ended"][0] == {
        "id": "o1",
        "name": "Phòng Nội vụ",
        "level": "district",
        "parent": "d",
        "change": "merge",
        "successors": ["o12"],
        "removed": False,
    }


def test_moves_to_and_from_the_top_level_are_reported() -> None:
    to_top = after({"op": "reparent", "unit": "c", "parent": None})
    assert [(c.id, c.old, c.new) for c in diff(district(), to_top).units_moved] == [
        ("c", "d", None)
    ]
    assert [(c.id, c.old, c.new) for c in diff(to_top, district()).units_moved] == [
        ("c", None, "d")
    ]
