"""Every operation: what it does, what it refuses, and its inverse."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from orgraph import (
    InvalidOrgError,
    OperationError,
    Org,
    Quota,
    ScenarioError,
    apply,
    parse_operation,
)
from orgraph.engine import apply_one
from orgraph.lineage import became, came_from
from tests.helpers import small_org

D = date(2020, 1, 1)


def run(*ops: dict[str, Any], org: Org | None = None) -> Org:
    return apply(org or small_org(), list(ops))


def problems(op: dict[str, Any], org: Org | None = None) -> list[str]:
    return [v.code for v in parse_operation(op).validate(org or small_org())]


def active_quota(org: Org) -> Quota:
    total = Quota()
    for unit in org.units():
        total = total + unit.quota
    return total


def current(org: Org) -> set[tuple[str, str]]:
    return {(a.person, a.post) for a in org.appointments()}


# --------------------------------------------------------------------- establish
def test_establish() -> None:
    org = run(
        {
            "op": "establish",
            "unit": {
                "id": "n",
                "name": "Trung tâm mới",
                "kind": "service_unit",
                "level": "district",
                "parent": "d",
            },
        }
    )
    assert org.unit("n").founded == D
    assert "n" in [u.id for u in org.children("d")]
    assert org.history[-1].effects.established == ("n",)


@pytest.mark.parametrize(
    ("unit", "code"),
    [
        ({"id": "a", "name": "x", "kind": "k", "level": "l"}, "id_taken"),
        ({"id": "n", "name": "x", "kind": "k", "level": "l", "parent": "zz"}, "unknown_unit"),
    ],
)
def test_establish_refuses(unit, code) -> None:
    assert code in problems({"op": "establish", "unit": unit})


# --------------------------------------------------------------------- merge
def test_merge_moves_everything_and_ends_sources() -> None:
    before = apply(small_org(), [{"op": "appoint", "person": "p2", "post": "b.head"}])
    org = run(
        {"op": "merge", "sources": ["a", "b"], "into": {"id": "ab", "name": "Phòng TC-KH"}},
        org=before,
    )
    ab = org.unit("ab")
    assert (ab.parent, ab.kind, ab.level, ab.bloc) == ("d", "office", "district", "state")
    assert ab.functions == {"finance", "planning", "statistics"}
    assert ab.quota == Quota(civil_servants=5, contracts=1)
    assert org.unit("a").ended == D and org.unit("b").ended == D
    assert [u.id for u in org.children("ab")] == ["s"]
    assert {p.id for p in org.posts("ab")} == {"a.head", "b.head"}
    assert current(org) == current(before)
    assert {(e.predecessor, e.successor, e.change) for e in org.lineage} == {
        ("a", "ab", "merge"),
        ("b", "ab", "merge"),
    }
    assert [u.id for u in came_from(org, "ab")] == ["a", "b"]
    assert [u.id for u in became(org, "a")] == ["ab"]
    # the link a -> b joins the merged unit to itself, so it is dropped and recorded
    assert org.links() == []
    assert len(org.history[-1].effects.links_dropped) == 1
    assert org.check() == []


def test_merging_a_unit_with_its_own_sub_unit() -> None:
    # Folding 'a' first moves 's' into the new unit; 's' must then end there, not go back.
    into = {"id": "as", "name": "Phòng mới", "kind": "office", "parent": "d"}
    org = run({"op": "merge", "sources": ["a", "s"], "into": into})
    assert org.unit("s").parent == "as"
    assert org.unit("s").ended == D
    assert org.children("as") == []
    assert org.check() == []


@pytest.mark.parametrize(
    "op",
    [
        {"op": "merge", "sources": ["a", "b"], "into": {"id": "ab", "name": "X", "code": ""}},
        {"op": "rename", "unit": "a", "name": "X", "code": ""},
        {"op": "rename", "unit": "a", "name": "X", "code": "1" * 101},
    ],
)
def test_unit_codes_in_operations_are_checked_like_unit_codes(op) -> None:
    # Before, the merge failed with a bare pydantic error and the rename made a unit that
    # could not be saved and loaded again.
    with pytest.raises(ScenarioError, match=rf"operation 1 \({op['op']}\): .*code"):
        run(op)


def test_merge_with_smaller_quota_records_the_cut() -> None:
    org = run(
        {
            "op": "merge",
            "sources": ["a", "b"],
            "into": {"id": "ab", "name": "X", "quota": {"civil_servants": 4, "contracts": 0}},
        }
    )
    assert org.unit("ab").quota == Quota(civil_servants=4, contracts=0)
    assert org.history[-1].effects.quota_cut == Quota(civil_servants=1, contracts=1)


@pytest.mark.parametrize(
    ("op", "code"),
    [
        ({"op": "merge", "sources": ["a", "zz"], "into": {"id": "n", "name": "N"}}, "unknown_unit"),
        ({"op": "merge", "sources": ["a", "a"], "into": {"id": "n", "name": "N"}}, "duplicate"),
        ({"op": "merge", "sources": ["a", "b"], "into": {"id": "c", "name": "N"}}, "id_taken"),
        ({"op": "merge", "sources": ["a", "s"], "into": {"id": "n", "name": "N"}}, "no_parent"),
        ({"op": "merge", "sources": ["a", "c"], "into": {"id": "n", "name": "N"}}, "ambiguous"),
        (
            {"op": "merge", "sources": ["a", "b"], "into": {"id": "n", "name": "N", "parent": "s"}},
            "cycle",
        ),
    ],
)
def test_merge_refuses(op, code) -> None:
    assert code in problems(op)


def test_merge_needs_two_sources() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        parse_operation({"op": "merge", "sources": ["a"], "into": {"id": "n", "name": "N"}})


# --------------------------------------------------------------------- absorb
def test_absorb() -> None:
    org = run({"op": "absorb", "sources": ["b"], "into": "a"})
    assert org.unit("a").functions == {"finance", "planning", "statistics"}
    assert org.unit("a").quota == Quota(civil_servants=5, contracts=1)
    assert org.unit("b").ended == D
    assert org.post("b.head").unit == "a"
    assert [(e.predecessor, e.successor, e.change) for e in org.lineage] == [("b", "a", "absorb")]


@pytest.mark.parametrize(
    ("op", "code"),
    [
        ({"op": "absorb", "sources": ["a"], "into": "s"}, "cycle"),
        ({"op": "absorb", "sources": ["a"], "into": "zz"}, "unknown_unit"),
    ],
)
def test_absorb_refuses(op, code) -> None:
    assert code in problems(op)


# --------------------------------------------------------------------- dissolve
def test_dissolve_without_successor_cuts_and_releases() -> None:
    org = run({"op": "dissolve", "unit": "c"})
    assert org.unit("c").ended == D
    assert org.post("c.chair").ended == D
    assert org.holders("c.chair") == []
    ended = [a for a in org.appointments(include_ended=True) if a.end == D]
    assert {(a.person, a.post) for a in ended} == {("p2", "c.secretary"), ("p3", "c.chair")}
    effects = org.history[-1].effects
    assert effects.quota_cut == Quota(civil_servants=10)
    assert set(effects.abolished_posts) == {"c.secretary", "c.chair"}
    assert org.check() == []


def test_dissolve_with_successor_moves() -> None:
    org = run({"op": "dissolve", "unit": "a", "successor": "b"})
    assert [u.id for u in org.children("b")] == ["s"]
    assert org.unit("b").quota == Quota(civil_servants=5, contracts=1)
    assert org.holders("a.head")[0].id == "p1"
    assert org.lineage[0].change == "dissolve"


def test_dissolve_with_children_needs_a_successor() -> None:
    op = parse_operation({"op": "dissolve", "unit": "a"})
    found = op.validate(small_org())
    assert [v.code for v in found] == ["has_children"]
    assert "s" in found[0].ids
    assert "move them first or name a successor" in found[0].message


# --------------------------------------------------------------------- split
SPLIT = {
    "op": "split",
    "source": "b",
    "into": [
        {
            "id": "b1",
            "name": "Phòng Kế hoạch",
            "functions": ["planning"],
            "posts": ["b.head"],
            "quota": {"civil_servants": 1, "contracts": 1},
            "links": ["a"],
        },
        {
            "id": "b2",
            "name": "Chi cục Thống kê",
            "functions": ["statistics"],
            "quota": {"civil_servants": 1},
        },
    ],
}


def test_split() -> None:
    org = run(SPLIT)
    assert org.unit("b").ended == D
    assert org.unit("b1").functions == {"planning"} and org.unit("b2").functions == {"statistics"}
    assert org.unit("b1").parent == "d" and org.unit("b1").kind == "office"
    assert org.post("b.head").unit == "b1"
    assert [(link.source, link.target) for link in org.links()] == [("a", "b1")]
    assert active_quota(org) == active_quota(small_org())
    assert {e.successor for e in org.lineage} == {"b1", "b2"}


def test_split_lists_what_is_left_over() -> None:
    op = {
        "op": "split",
        "source": "b",
        "into": [
            {"id": "b1", "name": "x", "functions": ["planning", "nope"]},
            {"id": "b2", "name": "y", "functions": ["planning"]},
        ],
    }
    found = parse_operation(op).validate(small_org())
    codes = [v.code for v in found]
    assert "left_over" in codes and "given_twice" in codes and "not_in_source" in codes
    messages = " | ".join(v.message for v in found)
    assert "function statistics not given to any part" in messages
    # b.head is vacant: a split abolishes it when no part takes it (issue 17, item 5)
    assert "post b.head" not in messages
    assert "quota civil_servants: the source has 2, the parts take 0" in messages


# --------------------------------------------------------------------- attributes
def test_reparent_rename_transfer_funding_quota() -> None:
    org = run(
        {"op": "reparent", "unit": "s", "parent": "b"},
        {"op": "rename", "unit": "a", "name": "Phòng Tài chính - Kế hoạch", "code": "TCKH"},
        {"op": "transfer_function", "function": "statistics", "source": "b", "target": "a"},
        {"op": "change_funding", "unit": "b", "funding": "self"},
        {"op": "set_quota", "unit": "c", "civil_servants": 7},
    )
    assert org.unit("s").parent == "b"
    assert (org.unit("a").name, org.unit("a").code) == ("Phòng Tài chính - Kế hoạch", "TCKH")
    assert org.unit("a").functions == {"finance", "statistics"}
    assert org.unit("b").funding == "self"
    assert org.unit("c").quota.civil_servants == 7
    assert org.history[-1].effects.quota_cut == Quota(civil_servants=3)


@pytest.mark.parametrize(
    ("op", "code"),
    [
        ({"op": "reparent", "unit": "a", "parent": "s"}, "cycle"),
        ({"op": "reparent", "unit": "a", "parent": "a"}, "cycle"),
        ({"op": "transfer_function", "function": "x", "source": "a", "target": "b"}, "no_function"),
        (
            {"op": "transfer_function", "function": "finance", "source": "a", "target": "a"},
            "same_unit",
        ),
        ({"op": "rename", "unit": "zz", "name": "x"}, "unknown_unit"),
    ],
)
def test_attribute_ops_refuse(op, code) -> None:
    assert code in problems(op)


def test_set_quota_needs_a_field() -> None:
    with pytest.raises(ValueError, match="at least one"):
        parse_operation({"op": "set_quota", "unit": "a"})


# --------------------------------------------------------------------- posts and people
def test_post_ops() -> None:
    org = run(
        {
            "op": "create_post",
            "post": {"id": "a.deputy", "unit": "a", "title": "Phó phòng", "role": "deputy"},
        },
        {"op": "appoint", "person": {"id": "p9", "name": "Hoàng Văn Nam"}, "post": "a.deputy"},
        {"op": "appoint", "person": "p2", "post": "b.head", "acting": True},
        {"op": "rotate", "person": "p3", "from_post": "c.chair", "to_post": "c.secretary"},
        {"op": "release", "person": "p2", "post": "c.secretary"},
        {"op": "abolish_post", "post": "c.chair"},
    )
    assert org.post("a.deputy").leadership is True
    assert org.person("p9").name == "Hoàng Văn Nam"
    assert current(org) == {
        ("p1", "a.head"),
        ("p9", "a.deputy"),
        ("p2", "b.head"),
        ("p3", "c.secretary"),
    }
    assert next(a for a in org.appointments() if a.post == "b.head").acting is True
    assert org.post("c.chair").ended == D
    assert [p.id for p in org.posts("c")] == ["c.secretary"]
    assert org.check() == []


def test_concurrent_role() -> None:
    org = run({"op": "concurrent_role", "primary": "c.secretary", "secondary": "c.chair"})
    assert current(org) == {("p1", "a.head"), ("p2", "c.secretary"), ("p2", "c.chair")}
    effects = org.history[-1].effects
    assert [(a.person, a.post) for a in effects.released] == [("p3", "c.chair")]
    assert [(a.person, a.post) for a in effects.appointed] == [("p2", "c.chair")]


@pytest.mark.parametrize(
    ("op", "code"),
    [
        ({"op": "concurrent_role", "primary": "b.head", "secondary": "a.head"}, "vacant"),
        ({"op": "concurrent_role", "primary": "a.head", "secondary": "a.head"}, "same_post"),
        ({"op": "concurrent_role", "primary": "a.head", "secondary": "zz"}, "unknown_post"),
        ({"op": "appoint", "person": "zz", "post": "a.head"}, "unknown_person"),
        ({"op": "appoint", "person": "p1", "post": "a.head"}, "already_holds"),
        ({"op": "appoint", "person": {"id": "a", "name": "X"}, "post": "b.head"}, "id_taken"),
        ({"op": "release", "person": "p1", "post": "b.head"}, "not_holder"),
        (
            {"op": "rotate", "person": "p1", "from_post": "b.head", "to_post": "c.chair"},
            "not_holder",
        ),
        (
            {"op": "create_post", "post": {"id": "x", "unit": "zz", "title": "t", "role": "r"}},
            "unknown_unit",
        ),
        ({"op": "abolish_post", "post": "zz"}, "unknown_post"),
    ],
)
def test_post_ops_refuse(op, code) -> None:
    assert code in problems(op)


# --------------------------------------------------------------------- inverses
ALL_OPS = [
    {"op": "establish", "unit": {"id": "n", "name": "N", "kind": "k", "level": "l", "parent": "d"}},
    {"op": "merge", "sources": ["a", "b"], "into": {"id": "ab", "name": "AB"}},
    {"op": "absorb", "sources": ["b"], "into": "a"},
    {"op": "dissolve", "unit": "c"},
    {"op": "dissolve", "unit": "a", "successor": "b"},
    SPLIT,
    {"op": "reparent", "unit": "s", "parent": "b"},
    {"op": "rename", "unit": "a", "name": "New"},
    {"op": "rename", "unit": "c", "name": "Phường Quảng Lâm", "kind": "ward", "code": "06898"},
    {"op": "transfer_function", "function": "finance", "source": "a", "target": "b"},
    {"op": "change_funding", "unit": "b", "funding": "partial"},
    {"op": "set_quota", "unit": "c", "civil_servants": 1, "contracts": None},
    {"op": "create_post", "post": {"id": "x", "unit": "a", "title": "X", "role": "r"}},
    {"op": "abolish_post", "post": "c.chair"},
    {"op": "appoint", "person": {"id": "p9", "name": "New person"}, "post": "b.head"},
    {"op": "release", "person": "p3", "post": "c.chair"},
    {"op": "concurrent_role", "primary": "c.secretary", "secondary": "c.chair"},
    {"op": "rotate", "person": "p1", "from_post": "a.head", "to_post": "b.head"},
]


@pytest.mark.parametrize("raw", ALL_OPS, ids=lambda o: o["op"])
def test_inverse_restores_an_equivalent_org(raw) -> None:
    before = small_org()
    op = parse_operation(raw)
    after = apply(before, [op])
    assert not after.equivalent(before)
    restored = apply(after, op.inverse(before))
    assert restored.equivalent(before)
    assert restored.check() == []


@pytest.mark.parametrize("raw", ALL_OPS, ids=lambda o: o["op"])
def test_every_operation_keeps_the_org_valid_and_is_recorded(raw) -> None:
    after = run(raw)
    assert after.check() == []
    event = after.history[-1]
    assert event.operation.op == raw["op"]
    assert event.effective == D
    assert event.id == "e1"


@pytest.mark.parametrize("raw", ALL_OPS, ids=lambda o: o["op"])
def test_repr_replays(raw) -> None:
    import orgraph

    op = parse_operation(raw)
    namespace = {name: getattr(orgraph, name) for name in orgraph.__all__}
    namespace["datetime"] = __import__("datetime")
    assert eval(repr(op), namespace) == op


# --------------------------------------------------------------------- apply
def test_apply_is_atomic_and_names_the_operation() -> None:
    org = small_org()
    snapshot = small_org()
    with pytest.raises(ScenarioError) as info:
        apply(
            org,
            [
                {"op": "rename", "unit": "a", "name": "X"},
                {"op": "dissolve", "unit": "a"},
                {"op": "rename", "unit": "b", "name": "Y"},
            ],
        )
    error = info.value
    assert error.index == 2
    assert error.operation.op == "dissolve"
    assert [v.code for v in error.violations] == ["has_children"]
    assert str(error).startswith("operation 2 (dissolve): 'a' still has 1 sub-unit(s) (s)")
    assert org == snapshot


def test_apply_reports_malformed_operations() -> None:
    with pytest.raises(ScenarioError) as info:
        apply(small_org(), [{"op": "rename", "unit": "a", "name": "X"}, {"op": "explode"}])
    assert info.value.index == 2
    assert "explode" in str(info.value)


def test_failed_operation_changes_nothing_in_place() -> None:
    org = small_org()
    work = org._copy()
    with pytest.raises(OperationError):
        apply_one(work, parse_operation({"op": "dissolve", "unit": "a"}))
    assert work == org


def test_operations_need_a_date_when_nothing_gives_one() -> None:
    org = small_org(when=None)
    with pytest.raises(ScenarioError, match="no effective date"):
        apply(org, [{"op": "dissolve", "unit": "c"}])
    # ... unless the scenario or the operation gives one
    assert apply(org, [{"op": "dissolve", "unit": "c"}], effective=D).unit("c").ended == D


def test_as_of_rebuilds_earlier_structures() -> None:
    org = apply(
        small_org(),
        [
            {"op": "absorb", "sources": ["b"], "into": "a", "effective": "2020-03-01"},
            {"op": "rename", "unit": "a", "name": "Renamed", "effective": "2021-01-01"},
        ],
    )
    mid = org.as_of(date(2020, 6, 1))
    assert mid.unit("a").name == "Phòng Tài chính" and mid.unit("b").ended == date(2020, 3, 1)
    assert len(mid.history) == 1
    start = org.as_of(date(2020, 1, 15))
    assert start.equivalent(small_org())
    assert start.lineage == ()
    assert start.check() == []


def test_transitive_lineage() -> None:
    org = run(
        {"op": "absorb", "sources": ["b"], "into": "a"},
        {
            "op": "merge",
            "sources": ["a", "c"],
            "into": {"id": "ac", "name": "AC", "kind": "k", "level": "l"},
        },
    )
    assert [u.id for u in became(org, "b")] == ["a"]
    assert [u.id for u in became(org, "b", transitive=True)] == ["a", "ac"]
    assert {u.id for u in came_from(org, "ac", transitive=True)} == {"a", "b", "c"}


def test_merge_keeps_a_shared_funding_regime() -> None:
    org = run(
        {"op": "change_funding", "unit": "a", "funding": "state"},
        {"op": "merge", "sources": ["a", "b"], "into": {"id": "ab", "name": "AB"}},
    )
    assert org.unit("ab").funding == "state"
    mixed = run(
        {
            "op": "merge",
            "sources": ["a", "c"],
            "into": {"id": "ac", "name": "AC", "kind": "k", "level": "l"},
        }
    )
    assert mixed.unit("ac").funding is None


def test_rotate_with_replace_releases_the_holder() -> None:
    org = run(
        {
            "op": "rotate",
            "person": "p2",
            "from_post": "c.secretary",
            "to_post": "c.chair",
            "replace": True,
        }
    )
    assert [h.id for h in org.holders("c.chair")] == ["p2"]
    assert org.holders("c.secretary") == []
    plain = run({"op": "rotate", "person": "p2", "from_post": "c.secretary", "to_post": "c.chair"})
    assert {h.id for h in plain.holders("c.chair")} == {"p2", "p3"}


def test_links_are_added_and_removed() -> None:
    org = run(
        {"op": "add_link", "source": "c", "target": "a", "kind": "guidance", "note": "chỉ đạo"}
    )
    assert [(link.source, link.kind, link.note) for link in org.links(unit="c")] == [
        ("c", "guidance", "chỉ đạo")
    ]
    assert "link_exists" in problems(
        {"op": "add_link", "source": "a", "target": "b", "kind": "coordination"}
    )
    assert "no_link" in problems(
        {"op": "remove_link", "source": "b", "target": "a", "kind": "coordination"}
    )
    assert "unknown_unit" in problems(
        {"op": "add_link", "source": "a", "target": "zz", "kind": "x"}
    )
    assert (
        run({"op": "remove_link", "source": "a", "target": "b", "kind": "coordination"}).links()
        == []
    )


def test_rename_reclassifies() -> None:
    org = run(
        {
            "op": "rename",
            "unit": "c",
            "name": "Phường Quảng Lâm",
            "kind": "ward",
            "level": "commune",
        }
    )
    unit = org.unit("c")
    assert (unit.name, unit.kind, unit.level) == ("Phường Quảng Lâm", "ward", "commune")


def test_apply_can_name_the_result() -> None:
    org = apply(small_org(), [{"op": "rename", "unit": "a", "name": "X"}], name="Huyện Thử, 2020")
    assert org.name == "Huyện Thử, 2020"
    assert small_org().name == "Test district"
    with pytest.raises(InvalidOrgError):
        apply(small_org(), [], name="")


def test_restore_refuses_references_to_records_that_will_not_exist() -> None:
    # A hand-written restore may name a parent, unit, person, post or link end that is
    # neither in the structure (or is removed by it) nor put back by it.
    org = small_org()
    restore = {
        "op": "restore",
        "remove": ["b"],
        "units": [
            {"id": "n1", "name": "N1", "kind": "office", "level": "district", "parent": "zz"},
            {"id": "n2", "name": "N2", "kind": "office", "level": "district", "parent": "b"},
            {"id": "n3", "name": "N3", "kind": "office", "level": "district", "parent": "n2"},
        ],
        "posts": [{"id": "n2.head", "unit": "qq", "title": "Head", "role": "head"}],
        "appointments": [{"person": "nobody", "post": "n2.head"}],
        "links": [{"source": "a", "target": "gone", "kind": "guides"}],
    }
    with pytest.raises(ScenarioError) as info:
        apply(org, [restore])
    problems = {(v.code, v.ids, v.message) for v in info.value.violations}
    assert problems == {
        ("dangling_reference", ("zz",), "unit n1: parent 'zz' does not exist"),
        ("dangling_reference", ("b",), "unit n2: parent 'b' does not exist"),
        ("dangling_reference", ("qq",), "post n2.head: unit 'qq' does not exist"),
        (
            "dangling_reference",
            ("nobody",),
            "appointment nobody -> n2.head: person 'nobody' does not exist",
        ),
        ("dangling_reference", ("gone",), "link guides a -> gone: target 'gone' does not exist"),
    }
    assert org == small_org()
