"""The one change model (orgraph.changes.between), checked against hand-worked cases.

The baseline is ``district()`` from tests/test_metrics.py: d above o1..o3 (o4 ended
earlier) and commune c, which holds villages v1 and v2.
"""

from __future__ import annotations

from typing import Any

from orgraph import Org, apply
from orgraph.changes import between
from orgraph.compare import changes as scenario_changes
from orgraph.diff import diff
from orgraph.lineage import edges_of, final_successors
from orgraph.render import unit_statuses
from tests.test_metrics import district


def after(*operations: dict[str, Any]) -> Org:
    return apply(district(), [{"effective": "2020-06-01", **op} for op in operations])


def test_nothing_changed() -> None:
    done = between(district(), district())
    assert done.ended == () and done.established == ()
    assert [k.id for k in done.kept] == ["d", "o1", "o2", "o3", "c", "v1", "v2"]  # o4 ended before
    assert done.renamed == done.moved == done.quota_changed == done.funding_changed == ()
    assert done.posts_created == done.posts_abolished == done.posts_moved == ()
    assert done.appointments_started == done.appointments_ended == ()


def test_merge_then_merge_again_traces_final_successors() -> None:
    later = after(
        {"op": "merge", "sources": ["o1", "o2"], "into": {"id": "o12", "name": "Gộp"}},
        {"op": "merge", "sources": ["o12", "o3"], "into": {"id": "all", "name": "Chung"}},
    )
    done = between(district(), later)
    assert [(e.id, e.change, e.successors, e.final_successors) for e in done.ended] == [
        ("o1", "merge", ("o12",), ("all",)),
        ("o2", "merge", ("o12",), ("all",)),
        ("o3", "merge", ("all",), ("all",)),
    ]
    assert not any(e.removed for e in done.ended)
    # o12 came and went: only "all" is established; it came from o12 and o3 directly,
    # and from o1, o2, o3 as far as the baseline knows.
    [new] = done.established
    assert new.id == "all"
    assert new.predecessors == ("o12", "o3")
    assert sorted(new.known_predecessors) == ["o1", "o2", "o3"]
    assert final_successors(later, "o1") == (["all"], "merge")


def test_dissolve_has_no_successor_but_a_change() -> None:
    [ended] = between(district(), after({"op": "dissolve", "unit": "v2"})).ended
    assert (ended.id, ended.change, ended.successors, ended.final_successors) == (
        "v2",
        "dissolve",
        (),
        (),
    )


def test_moved_to_and_from_the_top_level() -> None:
    to_top = after({"op": "reparent", "unit": "c", "parent": None})
    [moved] = between(district(), to_top).moved
    assert (moved.id, moved.before.parent, moved.after.parent) == ("c", "d", None)
    back = between(to_top, district())
    assert [(k.id, k.before.parent, k.after.parent) for k in back.moved] == [("c", None, "d")]


def test_rename_quota_and_funding_are_flags_of_kept_units() -> None:
    later = after(
        {"op": "rename", "unit": "o1", "name": "Phòng mới"},
        {"op": "set_quota", "unit": "o2", "civil_servants": 9},
    )
    done = between(district(), later)
    assert [k.id for k in done.renamed] == ["o1"]
    assert [k.id for k in done.quota_changed] == ["o2"]
    assert done.moved == () and done.funding_changed == ()


def test_a_unit_the_later_structure_does_not_know_is_removed() -> None:
    base = district()
    smaller = Org.create(
        name="Smaller", units=[u for u in base.units() if u.id not in ("v1", "v2")]
    )
    removed = {e.id: e.removed for e in between(base, smaller).ended}
    assert removed == {"v1": True, "v2": True}


def test_every_report_reads_the_same_model() -> None:
    before = district()
    later = after(
        {"op": "absorb", "sources": ["o2"], "into": "o1"},
        {"op": "reparent", "unit": "v1", "parent": None},
    )
    done = between(before, later)
    assert [u.id for u in diff(before, later).units_ended] == [e.id for e in done.ended]
    assert [u.id for u in scenario_changes(before, later).units_removed] == ["o2"]
    statuses = unit_statuses(before, later)
    assert statuses["o2"].status == ("merged",) and statuses["o2"].successors == ("o1",)
    assert statuses["v1"].status == ("moved",)
    assert [c.id for c in diff(before, later).units_moved] == ["v1"]


def test_lineage_edges_trace_one_unit_both_ways() -> None:
    later = after(
        {"op": "merge", "sources": ["o1", "o2"], "into": {"id": "o12", "name": "Gộp"}},
        {"op": "merge", "sources": ["o12", "o3"], "into": {"id": "all", "name": "Chung"}},
    )
    forward = [(e.predecessor, e.successor) for e in edges_of(later, "o1")]
    assert forward == [("o1", "o12"), ("o12", "all")]
    backward = {(e.predecessor, e.successor) for e in edges_of(later, "all")}
    assert backward == {("o12", "all"), ("o3", "all"), ("o1", "o12"), ("o2", "o12")}
    assert len(edges_of(later)) == 4
