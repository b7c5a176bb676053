"""Rebase and combine: adaptations, conflicts, the Đầm Hà case and the laws."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

import orgraph
from orgraph import Appointment, Org, Person, Post, Scenario, Unit, apply
from orgraph.rebasing import RebaseConflictError, combine, rebase
from orgraph.testing import OPERATION_KINDS, orgs, scenarios
from tests.property._support import active_subtree

try:  # the strategies' private generator, as tests/property/test_laws.py uses it
    from orgraph.testing._sequences import _operations  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - before the testing package split
    from orgraph.testing import _operations  # type: ignore[attr-defined,no-redef]

DAM_HA = Path(__file__).resolve().parent.parent / "examples" / "dam_ha"
D = date(2020, 1, 1)


def _office(ident: str, parent: str | None = "d", **fields: object) -> Unit:
    return Unit(
        id=ident, name=ident.upper(), kind="office", level="district", parent=parent, **fields
    )


@pytest.fixture
def old() -> Org:
    return Org.create(
        name="Demo",
        date=D,
        units=[
            Unit(id="d", name="District", kind="district", level="district"),
            _office("a", quota={"civil_servants": 5}),
            _office("b", quota={"civil_servants": 3}),
            _office("c", quota={"civil_servants": 2}),
            _office("e"),
        ],
        posts=[
            Post(id="a.head", unit="a", title="Head of A", role="head"),
            Post(id="b.head", unit="b", title="Head of B", role="head"),
        ],
        people=[Person(id="p1", name="Nguyễn Văn An"), Person(id="p2", name="Lê Thị Bình")],
        appointments=[
            Appointment(person="p1", post="a.head", start=D),
            Appointment(person="p2", post="b.head", start=D),
        ],
    )


def _plan(*ops: dict[str, object]) -> Scenario:
    return Scenario(name="plan", effective=date(2020, 6, 1), operations=list(ops))


BASIS = "Quyết định số 7/QĐ-UBND"


def _baseline(org: Org, *ops: dict[str, object]) -> Org:
    return apply(org, [{**op, "effective": "2020-03-01", "basis": BASIS} for op in ops])


# ---------------------------------------------------------------------------- adaptations
@pytest.mark.parametrize("change", ["absorb", "merge"])
def test_a_merged_or_absorbed_unit_becomes_its_successor(old: Org, change: str) -> None:
    if change == "absorb":
        new = _baseline(old, {"op": "absorb", "sources": ["b"], "into": "c"})
        successor = "c"
    else:
        new = _baseline(
            old, {"op": "merge", "sources": ["b", "e"], "into": {"id": "be", "name": "BE"}}
        )
        successor = "be"
    plan = _plan({"op": "rename", "unit": "b", "name": "Phòng Mới"})
    result = rebase(plan, old, new)
    assert result.conflicts == ()
    assert [op.unit for op in result.scenario.operations] == [successor]
    (adaptation,) = result.adaptations
    assert (adaptation.index, adaptation.op, adaptation.kind, adaptation.id, adaptation.to) == (
        1,
        "rename",
        "successor",
        "b",
        successor,
    )
    assert (adaptation.cause.event, adaptation.cause.op) == ("e1", change)
    assert adaptation.cause.effective == date(2020, 3, 1) and adaptation.cause.basis == BASIS
    assert apply(new, result.scenario).unit(successor).name == "Phòng Mới"


def test_a_moved_unit_keeps_its_new_parent_and_a_renamed_one_its_new_name(old: Org) -> None:
    new = _baseline(
        old,
        {"op": "reparent", "unit": "e", "parent": "c"},
        {"op": "rename", "unit": "e", "name": "Phòng E mới"},
    )
    plan = _plan({"op": "change_funding", "unit": "e", "funding": "partial"})
    result = rebase(plan, old, new)
    assert result.scenario.operations == plan.operations
    assert [(a.kind, a.was, a.to, a.cause.event) for a in result.adaptations] == [
        ("moved", "d", "c", "e1"),
        ("renamed", "E", "Phòng E mới", "e2"),
    ]
    after = apply(new, result.scenario)
    assert (after.unit("e").parent, after.unit("e").name) == ("c", "Phòng E mới")


def test_an_operation_that_renames_the_unit_itself_wins(old: Org) -> None:
    new = _baseline(old, {"op": "rename", "unit": "e", "name": "Baseline name"})
    result = rebase(_plan({"op": "rename", "unit": "e", "name": "Tên của kế hoạch"}), old, new)
    assert result.adaptations == () and result.conflicts == ()
    assert apply(new, result.scenario).unit("e").name == "Tên của kế hoạch"


# ---------------------------------------------------------------------------- conflicts
def _only_conflict(plan: Scenario, old: Org, new: Org):
    result = rebase(plan, old, new, on_conflict="skip")
    (conflict,) = result.conflicts
    assert result.scenario.operations == []
    return conflict


def test_dissolved_unit(old: Org) -> None:
    new = _baseline(old, {"op": "dissolve", "unit": "e"})
    conflict = _only_conflict(
        _plan({"op": "change_funding", "unit": "e", "funding": "self"}), old, new
    )
    assert (conflict.index, conflict.op, conflict.kind, conflict.ids) == (
        1,
        "change_funding",
        "unit_dissolved",
        ("e",),
    )
    assert (conflict.cause.event, conflict.cause.op, conflict.cause.basis) == (
        "e1",
        "dissolve",
        BASIS,
    )
    assert "drop the operation" in conflict.options


def test_split_unit(old: Org) -> None:
    new = _baseline(
        old,
        {
            "op": "split",
            "source": "e",
            "into": [{"id": "c1", "name": "C1"}, {"id": "c2", "name": "C2"}],
        },
    )
    conflict = _only_conflict(_plan({"op": "rename", "unit": "e", "name": "E!"}), old, new)
    assert (conflict.kind, conflict.ids, conflict.cause.op) == (
        "unit_split",
        ("e", "c1", "c2"),
        "split",
    )


def test_abolished_post(old: Org) -> None:
    new = _baseline(old, {"op": "abolish_post", "post": "b.head"})
    conflict = _only_conflict(_plan({"op": "release", "person": "p2", "post": "b.head"}), old, new)
    assert (conflict.kind, conflict.ids, conflict.cause.op) == (
        "post_abolished",
        ("b.head",),
        "abolish_post",
    )


def test_released_holder(old: Org) -> None:
    new = _baseline(
        old,
        {"op": "release", "person": "p1", "post": "a.head"},
        {"op": "appoint", "person": "p2", "post": "a.head"},
    )
    plan = _plan({"op": "rotate", "person": "p1", "from_post": "a.head", "to_post": "b.head"})
    conflict = _only_conflict(plan, old, new)
    assert (conflict.kind, conflict.ids, conflict.cause.event) == (
        "holder_released",
        ("p1", "a.head"),
        "e1",
    )
    assert any("p2" in option for option in conflict.options)


def test_quota_changed_under_set_quota(old: Org) -> None:
    new = _baseline(old, {"op": "set_quota", "unit": "a", "civil_servants": 4})
    conflict = _only_conflict(
        _plan({"op": "set_quota", "unit": "a", "civil_servants": 3}), old, new
    )
    assert (conflict.kind, conflict.ids, conflict.cause.op) == (
        "quota_changed",
        ("a",),
        "set_quota",
    )
    assert "5 -> 4" in conflict.message


def test_a_change_to_another_quota_part_is_no_conflict(old: Org) -> None:
    new = _baseline(old, {"op": "set_quota", "unit": "a", "contracts": 2})
    result = rebase(_plan({"op": "set_quota", "unit": "a", "civil_servants": 3}), old, new)
    assert result.conflicts == ()


def test_taken_id(old: Org) -> None:
    new = _baseline(
        old,
        {
            "op": "establish",
            "unit": {"id": "x", "name": "X", "kind": "office", "level": "district", "parent": "d"},
        },
    )
    plan = _plan(
        {"op": "establish", "unit": {"id": "x", "name": "Y", "kind": "office", "level": "district"}}
    )
    conflict = _only_conflict(plan, old, new)
    assert (conflict.kind, conflict.ids, conflict.cause.op) == ("id_taken", ("x",), "establish")


def test_an_operation_built_on_a_dropped_one_no_longer_applies(old: Org) -> None:
    new = _baseline(old, {"op": "dissolve", "unit": "e"})
    plan = _plan(
        {"op": "merge", "sources": ["c", "e"], "into": {"id": "ce", "name": "CE"}},
        {"op": "rename", "unit": "a", "name": "A2"},
        {"op": "rename", "unit": "ce", "name": "CE2"},
    )
    result = rebase(plan, old, new, on_conflict="skip")
    assert [(c.index, c.kind) for c in result.conflicts] == [(1, "unit_dissolved"), (3, "invalid")]
    assert [op.op for op in result.scenario.operations] == ["rename"]
    assert "'ce' does not exist" in result.conflicts[1].message


def test_stop_raises_at_the_first_conflict_with_what_came_before(old: Org) -> None:
    new = _baseline(old, {"op": "dissolve", "unit": "e"})
    plan = _plan(
        {"op": "rename", "unit": "a", "name": "A2"},
        {"op": "rename", "unit": "e", "name": "E2"},
        {"op": "rename", "unit": "e", "name": "E3"},
    )
    with pytest.raises(RebaseConflictError) as caught:
        rebase(plan, old, new)
    assert caught.value.conflict.index == 2
    assert len(caught.value.result.scenario.operations) == 1
    assert str(caught.value) == (
        "plan: operation 2 (rename): unit 'e' was dissolved [baseline e1, 2020-03-01] "
        "(skipping conflicts drops it)"
    )


def test_without_shared_history_the_state_decides_and_the_record_dates_it(old: Org) -> None:
    new = _baseline(old, {"op": "dissolve", "unit": "e"})
    # A structure built without history: the dissolved unit is simply ended.
    ended = Org.create(
        name="Demo",
        date=D,
        units=[*(u for u in new.units(include_ended=True))],
        posts=list(new.posts(include_ended=True)),
        people=new.people(),
        appointments=new.appointments(include_ended=True),
    )
    conflict = _only_conflict(_plan({"op": "rename", "unit": "e", "name": "E2"}), old, ended)
    assert conflict.kind == "unit_dissolved"
    assert (conflict.cause.event, conflict.cause.effective) == (None, date(2020, 3, 1))


# ---------------------------------------------------------------------------- combine
def test_combine_applies_a_then_b_rebased_onto_it(old: Org) -> None:
    a = Scenario(
        name="A",
        effective=date(2020, 5, 1),
        operations=[{"op": "absorb", "sources": ["b"], "into": "c"}],
    )
    b = Scenario(
        name="B",
        effective=date(2020, 6, 1),
        operations=[
            {"op": "rename", "unit": "b", "name": "Phòng B"},
            {"op": "set_quota", "unit": "b", "civil_servants": 1},
        ],
    )
    result = combine(a, b, old, on_conflict="skip")
    assert result.scenario.name == "A + B"
    assert [(x.index, x.kind, x.to, x.cause.op) for x in result.adaptations] == [
        (1, "successor", "c", "absorb"),
    ]
    assert [(c.index, c.kind) for c in result.conflicts] == [(2, "quota_changed")]
    after = apply(old, result.scenario)
    assert after.unit("c").name == "Phòng B" and not after.unit("b").active


# ---------------------------------------------------------------------------- Đầm Hà
def test_dam_ha_2020_onto_a_baseline_with_a_dissolved_office_and_a_renamed_one() -> None:
    old = orgraph.load(DAM_HA / "org.yaml")
    plan = orgraph.load_scenario(DAM_HA / "streamlining.yaml")
    new = apply(
        old,
        [
            {
                "op": "dissolve",
                "unit": "thanh-tra",
                "effective": "2018-03-01",
                "basis": "Quyết định giải thể Thanh tra huyện",
            },
            {
                "op": "rename",
                "unit": "phong-kinh-te-ha-tang",
                "name": "Phòng Kinh tế, Hạ tầng và Đô thị",
                "effective": "2018-03-15",
                "basis": "Quyết định đổi tên phòng",
            },
        ],
    )
    ops = plan.operations
    # From the scenario file: the merge of UBKT with Thanh tra, the concurrent role that
    # makes the head of UBKT chief inspector, and the one operation on the renamed office.
    merge = next(i for i, op in enumerate(ops, 1) if op.op == "merge" and "thanh-tra" in op.sources)
    role = next(
        i
        for i, op in enumerate(ops, 1)
        if op.op == "concurrent_role" and op.secondary == "thanh-tra.head"
    )
    quota = [
        i for i, op in enumerate(ops, 1) if getattr(op, "unit", None) == "phong-kinh-te-ha-tang"
    ]
    assert len(quota) == 1
    result = rebase(plan, old, new, on_conflict="skip")
    assert [(c.index, c.op, c.kind, c.ids) for c in result.conflicts] == [
        (merge, "merge", "unit_dissolved", ("thanh-tra",)),
        (role, "concurrent_role", "post_abolished", ("thanh-tra.head",)),
    ]
    for conflict in result.conflicts:
        assert (conflict.cause.event, conflict.cause.op) == ("e1", "dissolve")
        assert conflict.cause.effective == date(2018, 3, 1)
        assert conflict.cause.basis == "Quyết định giải thể Thanh tra huyện"
    assert [
        (a.index, a.op, a.kind, a.id, a.was, a.to, a.cause.event) for a in result.adaptations
    ] == [
        (
            quota[0],
            "set_quota",
            "renamed",
            "phong-kinh-te-ha-tang",
            "Phòng Kinh tế - Hạ tầng",
            "Phòng Kinh tế, Hạ tầng và Đô thị",
            "e2",
        ),
    ]
    kept = [op for i, op in enumerate(ops, 1) if i not in (merge, role)]
    assert result.scenario.operations == kept
    after = apply(new, result.scenario)
    assert after.check() == []
    assert after.unit("phong-kinh-te-ha-tang").name == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert not after.has_unit("co-quan-ubkt-thanh-tra")


# ---------------------------------------------------------------------------- laws
SMALL = {"min_units": 2, "max_units": 8, "max_depth": 3}


@given(st.data())
def test_law_rebasing_onto_the_same_baseline_changes_nothing(data: st.DataObject) -> None:
    org = data.draw(orgs(**SMALL), label="org")
    ops = data.draw(scenarios(org, min_size=0, max_size=5), label="ops")
    plan = Scenario(name="plan", operations=ops)
    result = rebase(plan, org, org)
    assert result.scenario == plan
    assert result.adaptations == () and result.conflicts == ()


@given(st.data())
def test_law_a_rebased_scenario_always_applies_to_the_new_baseline(data: st.DataObject) -> None:
    old = data.draw(orgs(**SMALL), label="old")
    ops = data.draw(scenarios(old, min_size=1, max_size=5), label="ops")
    baseline_ops = data.draw(scenarios(old, min_size=1, max_size=4), label="baseline")
    new = apply(old, baseline_ops)
    result = rebase(Scenario(name="plan", operations=ops), old, new, on_conflict="skip")
    for conflict in result.conflicts:
        event(conflict.kind)
    after = apply(new, result.scenario)
    assert after.check() == []
    dropped = {c.index for c in result.conflicts}
    done = {a.index for a in result.adaptations if a.kind == "already_done"}
    assert not dropped & done
    assert len(result.scenario.operations) + len(dropped) + len(done) == len(ops)


# Planners' operations: a restore is the engine's undo record, and an empty one drawn on
# both sides is the same no-op, which a rebase rightly reports as already done.
_PLAN_KINDS = tuple(kind for kind in OPERATION_KINDS if kind != "restore")


def _draw_in(data: st.DataObject, org: Org, region: set[str], tag: str, label: str) -> list:
    ops, current, region = [], org, set(region)
    for _ in range(data.draw(st.integers(1, 3), label=f"{label} size")):
        op = data.draw(_operations(current, _PLAN_KINDS, region=region, tag=tag), label=label)
        event_ = apply(current, [op])
        region |= {u for e in event_.history[len(current.history) :] for u in e.effects.established}
        current = event_
        ops.append(op)
    return ops


@given(st.data())
def test_law_disjoint_changes_rebased_equal_applying_both(data: st.DataObject) -> None:
    old = data.draw(orgs(min_units=3, max_units=10, max_depth=3), label="old")
    active = [u.id for u in old.units()]
    assume(len(active) >= 2)
    a, b = data.draw(st.lists(st.sampled_from(active), min_size=2, max_size=2, unique=True))
    region_a, region_b = active_subtree(old, a), active_subtree(old, b)
    assume(not region_a & region_b)
    assume(
        not any(
            {link.source, link.target} & region_a and {link.source, link.target} & region_b
            for link in old.links()
        )
    )
    plan_ops = _draw_in(data, old, region_a, "a·", "plan")
    baseline_ops = _draw_in(data, old, region_b, "b·", "baseline")
    new = apply(old, baseline_ops)
    # The plan comes after the baseline's changes (operations apply in date order).
    shift = max(op.effective for op in baseline_ops) - min(op.effective for op in plan_ops)
    if shift.days > 0:
        plan_ops = [op.model_copy(update={"effective": op.effective + shift}) for op in plan_ops]
    result = rebase(Scenario(name="plan", operations=plan_ops), old, new)
    assert result.conflicts == ()
    assert result.scenario.operations == plan_ops
    assert apply(new, result.scenario).equivalent(apply(old, [*baseline_ops, *plan_ops]))


def test_units_the_baseline_merged_together_cannot_be_named_apart(old: Org) -> None:
    new = _baseline(old, {"op": "merge", "sources": ["c", "e"], "into": {"id": "ce", "name": "CE"}})
    plan = _plan({"op": "add_link", "source": "c", "target": "e", "kind": "coordination"})
    conflict = _only_conflict(plan, old, new)
    assert (conflict.kind, conflict.ids, conflict.cause.op) == (
        "sources_merged",
        ("c", "e"),
        "merge",
    )


def test_an_operation_the_baseline_already_did_is_left_out(old: Org) -> None:
    new = _baseline(old, {"op": "rename", "unit": "e", "name": "Phòng E"})
    plan = _plan(
        {"op": "rename", "unit": "e", "name": "Phòng E", "note": "same act, other words"},
        {"op": "rename", "unit": "a", "name": "A2"},
    )
    result = rebase(plan, old, new)
    assert [(a.index, a.kind, a.cause.event) for a in result.adaptations] == [
        (1, "already_done", "e1")
    ]
    assert [op.unit for op in result.scenario.operations] == ["a"]


def test_combine_the_dam_ha_plans_reports_where_the_alternative_departs() -> None:
    base = orgraph.load(DAM_HA / "org.yaml")
    reported = orgraph.load_scenario(DAM_HA / "streamlining.yaml")
    alternative = orgraph.load_scenario(DAM_HA / "alternative.yaml")
    result = combine(reported, alternative, base, on_conflict="skip")
    ops = alternative.operations
    # From the files: the reported plan merges UBKT with Thanh tra and Ban Tổ chức with
    # Phòng Nội vụ; the alternative absorbs the same pairs instead.
    absorbs = [
        i
        for i, op in enumerate(ops, 1)
        if op.op == "absorb"
        and (list(op.sources), op.into)
        in ((["thanh-tra"], "ubkt"), (["phong-noi-vu"], "ban-to-chuc"))
    ]
    assert len(absorbs) == 2
    merged = {c.index: c for c in result.conflicts if c.kind == "sources_merged"}
    assert sorted(merged) == absorbs
    assert merged[absorbs[0]].cause.op == "merge"
    # The front-bloc merger is in both files word for word (dates and notes aside).
    assert ops[0].op == "merge" and ops[0].sources == reported.operations[0].sources
    assert (1, "already_done") in [(a.index, a.kind) for a in result.adaptations]
    after = apply(base, result.scenario)
    assert after.check() == []


def test_an_operation_dated_before_the_new_baseline_is_a_conflict(old: Org) -> None:
    new = _baseline(old, {"op": "rename", "unit": "e", "name": "E2"})
    plan = Scenario(
        name="plan",
        effective=date(2020, 2, 1),
        operations=[{"op": "rename", "unit": "a", "name": "A2"}],
    )
    conflict = _only_conflict(plan, old, new)
    assert (conflict.kind, conflict.ids, conflict.cause.event) == ("dated_too_early", ("e1",), "e1")
    assert conflict.options[0] == "date the operation on or after 2020-03-01"
