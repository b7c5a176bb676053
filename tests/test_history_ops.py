"""The history operations: spin_off, split_onto, replace, leave_scope, reestablish,
add/remove_function, move_post, continue_post, rename_person."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from orgraph import Org, Quota, ScenarioError, apply, load, parse_operation, save
from orgraph.lineage import became, came_from
from tests.helpers import small_org

D = date(2020, 3, 1)


def run(*ops: dict[str, Any], org: Org | None = None) -> Org:
    return apply(org or small_org(), list(ops), effective=D)


def codes(op: dict[str, Any], org: Org | None = None) -> list[str]:
    return [v.code for v in parse_operation({"effective": D, **op}).validate(org or small_org())]


def lineage(org: Org) -> list[tuple[str, str, str, date | None]]:
    return [(e.predecessor, e.successor, e.change, e.effective) for e in org.lineage]


def test_spin_off_to_a_new_unit_keeps_the_source_and_records_a_transfer():
    after = run(
        {
            "op": "spin_off",
            "source": "b",
            "into": {"id": "stats", "name": "Statistics office", "founded": "2020-02-27"},
            "functions": ["statistics"],
            "posts": ["b.head"],
            "quota": {"civil_servants": 1},
        }
    )
    b, stats = after.unit("b"), after.unit("stats")
    assert b.ended is None and b.functions == {"planning"}
    assert b.quota == Quota(civil_servants=1, contracts=1)
    assert stats.functions == {"statistics"} and stats.quota == Quota(civil_servants=1)
    assert (stats.parent, stats.kind, stats.founded) == ("d", "office", date(2020, 2, 27))
    assert after.post("b.head").unit == "stats"
    assert lineage(after) == [("b", "stats", "transfer", D)]
    assert [u.id for u in became(after, "b")] == ["stats"]


def test_spin_off_to_an_existing_unit_moves_holders_and_children():
    after = run(
        {"op": "spin_off", "source": "a", "into": "b", "posts": ["a.head"], "children": ["s"]}
    )
    assert after.unit("s").parent == "b"
    assert [p.id for p in after.holders("a.head")] == ["p1"]
    assert after.post("a.head").unit == "b"
    assert after.unit("a").ended is None


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        ({"source": "a", "into": "a", "functions": ["finance"]}, ["same_unit"]),
        ({"source": "a", "into": "b", "functions": ["planning"]}, ["not_in_source"]),
        ({"source": "a", "into": "b", "quota": {"civil_servants": 9}}, ["quota_exceeded"]),
        ({"source": "a", "into": "s", "children": ["s"]}, ["cycle"]),
        (
            {"source": "a", "into": {"id": "b", "name": "X"}, "posts": ["b.head", "b.head"]},
            ["id_taken", "not_in_source", "given_twice"],
        ),
    ],
)
def test_spin_off_refuses_with_every_reason(op, expected):
    assert codes({"op": "spin_off", **op}) == expected


def test_spin_off_naming_nothing_records_only_the_lineage():
    after = run({"op": "spin_off", "source": "a", "into": "b"})
    assert lineage(after) == [("a", "b", "transfer", D)]
    assert after.equivalent(small_org())


def test_transfer_function_records_transfer_lineage():
    after = run({"op": "transfer_function", "function": "finance", "source": "a", "target": "b"})
    assert lineage(after) == [("a", "b", "transfer", D)]


def test_split_onto_existing_units_abolishes_vacant_posts_and_cuts_what_is_left():
    after = run(
        {
            "op": "split_onto",
            "source": "b",
            "onto": [
                {"unit": "a", "functions": ["planning"], "links": ["a"]},
                {"unit": "c", "functions": ["statistics"], "quota": {"civil_servants": 2}},
            ],
        }
    )
    assert after.unit("b").ended == D
    assert after.unit("a").functions == {"finance", "planning"}
    assert after.unit("c").quota == Quota(civil_servants=12)
    assert after.post("b.head").ended == D  # vacant, given to no share
    event = after.history[-1]
    assert list(event.effects.abolished_posts) == ["b.head"]
    assert event.effects.quota_cut == Quota(contracts=1)
    assert after.links() == []  # the a-b link would join a to itself
    assert lineage(after) == [("b", "a", "split", D), ("b", "c", "split", D)]


def test_split_onto_refuses_held_posts_left_over():
    problems = codes({"op": "split_onto", "source": "c", "onto": [{"unit": "a"}]})
    assert problems == ["left_over"]


def test_replace_with_a_new_unit_founded_on_another_day():
    after = run(
        {
            "op": "replace",
            "unit": "a",
            "by": {"id": "a2", "name": "Phòng Tài chính - Kế hoạch", "founded": "2020-03-04"},
            "reason": "renamed",
        }
    )
    assert after.unit("a").ended == D and after.unit("a2").founded == date(2020, 3, 4)
    assert after.unit("s").parent == "a2"
    assert after.unit("a2").functions == {"finance"}
    assert [p.id for p in after.holders("a.head")] == ["p1"]
    assert lineage(after) == [("a", "a2", "replace", D)]
    assert [u.id for u in came_from(after, "a2")] == ["a"]


def test_leave_scope_records_its_own_kind():
    devolved = run({"op": "leave_scope", "unit": "b", "reason": "devolved", "to": "c"})
    assert lineage(devolved) == [("b", "c", "devolved", D)]
    left = run({"op": "leave_scope", "unit": "b", "reason": "left", "destination": "A company"})
    assert left.unit("b").ended == D and left.lineage == ()
    assert left.history[-1].operation.reason == "left"
    assert codes({"op": "leave_scope", "unit": "a", "reason": "left"}) == ["has_children"]


def test_reestablish_brings_a_body_back_and_as_of_sees_the_gap():
    org = apply(
        small_org(),
        [
            {"op": "absorb", "sources": ["b"], "into": "a", "effective": "2020-03-01"},
            {
                "op": "reestablish",
                "unit": "b",
                "effective": "2022-01-01",
                "functions": ["statistics"],
                "from_units": ["a"],
            },
            {"op": "absorb", "sources": ["b"], "into": "a", "effective": "2023-01-01"},
            {"op": "reestablish", "unit": "b", "effective": "2024-01-01"},
        ],
    )
    assert org.check() == []  # the lineage circle through b is allowed
    for day, active in [
        ("2020-02-29", True),
        ("2020-03-01", False),
        ("2021-12-31", False),
        ("2022-01-01", True),
        ("2023-01-01", False),
        ("2024-01-01", True),
    ]:
        assert (org.as_of(date.fromisoformat(day)).unit("b").ended is None) is active, day
    assert org.unit("b").functions == frozenset()
    assert codes({"op": "reestablish", "unit": "a"}) == ["active_unit"]


def test_functions_can_be_added_and_removed():
    after = run(
        {"op": "add_function", "unit": "c", "function": "land"},
        {"op": "remove_function", "unit": "a", "function": "finance"},
    )
    assert after.unit("c").functions == {"land"} and after.unit("a").functions == frozenset()
    assert codes({"op": "add_function", "unit": "a", "function": "finance"}) == ["has_function"]
    assert codes({"op": "remove_function", "unit": "a", "function": "x"}) == ["no_function"]


def test_move_post_keeps_its_holders():
    after = run({"op": "move_post", "post": "a.head", "unit": "c"})
    assert after.post("a.head").unit == "c"
    assert [p.id for p in after.holders("a.head")] == ["p1"]
    assert codes({"op": "move_post", "post": "a.head", "unit": "a"}) == ["same_unit"]


def test_continue_post_carries_holders_on_and_keeps_attrs(tmp_path):
    after = run(
        {
            "op": "continue_post",
            "post": "a.head",
            "into": {
                "id": "a.director",
                "unit": "a",
                "title": "Giám đốc",
                "role": "director",
                "attrs": {"rank": 1, "portfolio": "Finance"},
            },
        }
    )
    assert after.post("a.head").ended == D
    assert [p.id for p in after.holders("a.director")] == ["p1"]
    assert after.post("a.director").attrs == {"rank": 1, "portfolio": "Finance"}
    (ended,) = [a for a in after.appointments(include_ended=True) if a.post == "a.head"]
    assert ended.end == D
    save(after, tmp_path / "org.json")
    assert load(tmp_path / "org.json") == after


def test_rename_person_keeps_the_person():
    after = run({"op": "rename_person", "person": "p1", "name": "Nguyễn Văn An (Sir)"})
    assert after.person("p1").name == "Nguyễn Văn An (Sir)"
    assert after.as_of(date(2020, 2, 29)).person("p1").name == "Nguyễn Văn An"
    assert codes({"op": "rename_person", "person": "zz", "name": "X"}) == ["unknown_person"]


def test_an_invalid_history_operation_changes_nothing():
    org = small_org()
    with pytest.raises(ScenarioError) as info:
        run({"op": "spin_off", "source": "a", "into": "a"}, org=org)
    assert info.value.index == 1 and org == small_org()


def test_merge_and_split_take_founding_dates_of_their_own():
    merged = run(
        {
            "op": "merge",
            "sources": ["a", "b"],
            "into": {"id": "ab", "name": "AB", "founded": "2020-03-02"},
        }
    )
    assert merged.unit("ab").founded == date(2020, 3, 2) and merged.unit("a").ended == D
    assert [e.effective for e in merged.lineage] == [D, D]  # lineage keeps the event's date
    assert merged.as_of(date(2020, 3, 1)).has_unit("ab") is False  # the gap day
    assert merged.as_of(date(2020, 3, 2)).unit("ab").ended is None


def test_split_abolishes_vacant_posts_given_to_no_part():
    after = run(
        {
            "op": "split",
            "source": "b",
            "into": [
                {
                    "id": "b1",
                    "name": "x",
                    "functions": ["planning"],
                    "links": ["a"],
                    "quota": {"civil_servants": 2, "contracts": 1},
                },
                {"id": "b2", "name": "y", "functions": ["statistics"]},
            ],
        }
    )
    assert after.post("b.head").ended == D  # vacant in small_org
    assert list(after.history[-1].effects.abolished_posts) == ["b.head"]
    held = {
        "op": "split",
        "source": "c",
        "into": [{"id": "c1", "name": "x"}, {"id": "c2", "name": "y"}],
    }
    codes_found = codes(held)
    assert "left_over" in codes_found  # its posts are held: they must go to a part
