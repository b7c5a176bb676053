"""compare(): scenarios applied to one baseline, checked against hand counts.

The baseline is ``district()`` from tests/test_metrics.py: 7 focal points, quota
19 civil servants + 1 public employee + 1 contract = 21, one concurrent holder (p5).
"""

from __future__ import annotations

import pytest

from orgraph import Scenario, ScenarioError
from orgraph.compare import compare, evaluate
from tests.test_metrics import district

EFFECTIVE = "2020-06-01"


def scenario(name: str, *operations: dict[str, object]) -> Scenario:
    return Scenario.model_validate(
        {"name": name, "effective": EFFECTIVE, "operations": list(operations)}
    )


MERGE = scenario(
    "merge o1 and o2",
    {"op": "merge", "sources": ["o1", "o2"], "into": {"id": "o12", "name": "Phòng Nội vụ"}},
)
CONCURRENT = scenario(
    "secretary chairs the committee",
    {"op": "concurrent_role", "primary": "c.secretary", "secondary": "c.chair"},
)
DISSOLVE = scenario("dissolve o3", {"op": "dissolve", "unit": "o3"})


def test_merge_two_offices() -> None:
    result = compare(district(), [MERGE])
    assert result.baseline.focal_points.total == 7
    [merged] = result.scenarios
    assert merged.name == "merge o1 and o2"
    assert merged.metrics.focal_points.total == 6
    assert merged.deltas["focal_points.total"] == -1
    assert merged.deltas["focal_points.by_level.district"] == -1
    assert merged.deltas["focal_points.by_kind.office"] == -1
    # The merged office keeps the sum of the quotas: 3 + 2 civil servants, 1 contract.
    assert merged.deltas["quota.total"] == 0
    assert merged.metrics.quota.total == 21
    done = merged.changes
    assert done.operations == 1
    assert [(u.id, u.change, u.successors) for u in done.units_removed] == [
        ("o1", "merge", ["o12"]),
        ("o2", "merge", ["o12"]),
    ]
    assert done.removed_by_level == {"district": 2}
    assert done.removed_by_parent == {"d": 2}
    [new] = done.units_established
    assert (new.id, new.parent, new.predecessors) == ("o12", "d", ["o1", "o2"])
    assert done.established_by_level == {"district": 1}
    assert done.established_by_parent == {"d": 1}
    assert done.quota_cut.total == 0
    assert done.quota_change.total == 0
    # Posts move with their holders: nobody is released or appointed.
    assert done.people_moved == []
    assert done.made_concurrent == []


def test_concurrent_role() -> None:
    [result] = compare(district(), [CONCURRENT]).scenarios
    assert result.deltas["focal_points.total"] == 0
    assert result.deltas["concurrency.total"] == 1
    assert result.deltas["concurrency.by_roles.party_secretary+committee_chair"] == 1
    assert result.deltas["people.holding"] == -1
    [holder] = result.changes.made_concurrent
    assert (holder.person, holder.posts) == ("p3", ["c.secretary", "c.chair"])
    moves = {m.person: (m.released, m.appointed) for m in result.changes.people_moved}
    assert moves == {"p4": (["c.chair"], []), "p3": ([], ["c.chair"])}


def test_dissolve_cuts_quota() -> None:
    [result] = compare(district(), [DISSOLVE]).scenarios
    done = result.changes
    assert [(u.id, u.change, u.successors) for u in done.units_removed] == [("o3", "dissolve", [])]
    # o3 had 4 civil servants and 1 public employee.
    assert (done.quota_cut.civil_servants, done.quota_cut.public_employees) == (4, 1)
    assert done.quota_cut.total == 5
    assert done.quota_change.total == -5
    assert result.deltas["quota.total"] == -5
    assert result.metrics.quota.total == 16
    assert result.deltas["focal_points.total"] == -1


def test_set_quota_cut_and_totals_agree() -> None:
    cut = scenario(
        "cut",
        {"op": "set_quota", "unit": "c", "civil_servants": 7},
        {"op": "set_quota", "unit": "o2", "contracts": 0},
    )
    [result] = compare(district(), [cut]).scenarios
    # 10 -> 7 civil servants in c, 1 -> 0 contracts in o2.
    assert result.changes.quota_cut.civil_servants == 3
    assert result.changes.quota_cut.contracts == 1
    assert result.changes.quota_cut.total == 4
    assert result.changes.quota_change.total == -4
    assert result.deltas["quota_by_level.commune.civil_servants"] == -3


def test_scenarios_each_start_from_the_baseline() -> None:
    base = district()
    result = compare(base, [MERGE, CONCURRENT, DISSOLVE])
    assert [s.name for s in result.scenarios] == [
        "merge o1 and o2",
        "secretary chairs the committee",
        "dissolve o3",
    ]
    assert [s.metrics.focal_points.total for s in result.scenarios] == [6, 7, 6]
    assert [s.changes.operations for s in result.scenarios] == [1, 1, 1]
    assert base == district()  # the baseline is never changed


def test_combined_scenario() -> None:
    both = scenario(
        "merge then absorb",
        {"op": "merge", "sources": ["o1", "o2"], "into": {"id": "o12", "name": "Phòng gộp"}},
        {"op": "absorb", "sources": ["o3"], "into": "o12"},
    )
    [result] = compare(district(), [both]).scenarios
    assert result.deltas["focal_points.total"] == -2
    assert result.metrics.quota.total == 21
    assert {u.id: u.successors for u in result.changes.units_removed} == {
        "o1": ["o12"],
        "o2": ["o12"],
        "o3": ["o12"],
    }


def test_established_then_merged_within_a_scenario() -> None:
    chain = scenario(
        "chain",
        {"op": "merge", "sources": ["o1", "o2"], "into": {"id": "o12", "name": "Phòng gộp"}},
        {"op": "merge", "sources": ["o12", "o3"], "into": {"id": "all", "name": "Phòng chung"}},
    )
    [result] = compare(district(), [chain]).scenarios
    done = result.changes
    # o12 came and went inside the scenario: only "all" counts as established.
    assert [u.id for u in done.units_established] == ["all"]
    assert {u.id: u.successors for u in done.units_removed} == {
        "o1": ["all"],
        "o2": ["all"],
        "o3": ["all"],
    }
    assert result.deltas["focal_points.total"] == -2


def test_invalid_scenario_raises() -> None:
    bad = scenario(
        "bad",
        {"op": "dissolve", "unit": "o3"},
        {"op": "merge", "sources": ["o1", "nope"], "into": {"id": "x", "name": "X"}},
    )
    with pytest.raises(ScenarioError) as info:
        compare(district(), [MERGE, bad])
    assert info.value.index == 2
    assert info.value.scenario == "bad"
    assert any("nope" in v.ids for v in info.value.violations)


def test_evaluate_matches_compare() -> None:
    base = district()
    assert evaluate(base, MERGE) == compare(base, [MERGE]).scenarios[0]


def test_subtree_comparison() -> None:
    result = compare(district(), [CONCURRENT], root="c")
    assert result.baseline.focal_points.total == 3
    assert result.scenarios[0].deltas["concurrency.total"] == 1


def test_json() -> None:
    data = compare(district(), [MERGE]).model_dump(mode="json")
    assert data["baseline"]["quota"]["total"] == 21
    assert data["scenarios"][0]["deltas"]["focal_points.total"] == -1
    assert data["scenarios"][0]["changes"]["units_removed"][0]["successors"] == ["o12"]
