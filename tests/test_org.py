"""The Org query API and its invariants."""

from __future__ import annotations

import unicodedata
from datetime import date

import networkx as nx
import pytest
from pydantic import ValidationError

from orgraph import (
    Appointment,
    InvalidOrgError,
    Link,
    Org,
    Person,
    Post,
    Quota,
    Unit,
    UnknownIdError,
)
from tests.helpers import small_org


def test_queries_on_a_small_org() -> None:
    org = small_org()
    assert [u.id for u in org.units()] == ["d", "a", "b", "s", "c"]
    assert [u.id for u in org.units(level="commune")] == ["c"]
    assert [u.id for u in org.units(kind="office")] == ["a", "b"]
    assert [u.id for u in org.children("d")] == ["a", "b", "c"]
    assert org.parent("s") is not None and org.parent("s").id == "a"
    assert org.parent("d") is None
    assert [u.id for u in org.ancestors("s")] == ["a", "d"]
    assert [u.id for u in org.subtree("d")] == ["d", "a", "s", "b", "c"]
    assert [p.id for p in org.posts("c")] == ["c.secretary", "c.chair"]
    assert [h.id for h in org.holders("c.chair")] == ["p3"]
    assert org.holders("b.head") == []
    assert [p.id for p in org.posts_of("p1")] == ["a.head"]
    assert org.head("a") is not None and org.head("a").id == "a.head"
    assert org.depth("s") == 2
    appointments = org.appointments()
    assert {(a.person, a.post) for a in appointments} == {
        ("p1", "a.head"),
        ("p2", "c.secretary"),
        ("p3", "c.chair"),
    }
    assert appointments[0].start == date(2016, 1, 1)
    assert [(link.source, link.target) for link in org.links()] == [("a", "b")]
    assert org.check() == []


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda o: o.unit("nope"), "unit"),
        (lambda o: o.post("a"), "post"),
        (lambda o: o.person("a.head"), "person"),
        (lambda o: o.children("p1"), "unit"),
    ],
)
def test_unknown_ids_raise_lookup_errors(call, expected) -> None:
    with pytest.raises(UnknownIdError) as info:
        call(small_org())
    assert isinstance(info.value, LookupError)
    assert info.value.expected == expected
    assert str(info.value).startswith(f"no {expected} with id")


def test_graph_is_read_only_view() -> None:
    org = small_org()
    graph = org.graph
    assert nx.is_frozen(graph)
    with pytest.raises(nx.NetworkXError):
        graph.add_node("x")
    kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
    assert kinds == {"parent", "post", "holds", "link"}
    tree = nx.DiGraph((u, v) for u, v, d in graph.edges(data=True) if d["kind"] == "parent")
    assert nx.is_arborescence(tree)


def test_equality_and_equivalence() -> None:
    assert small_org() == small_org()
    other = small_org()
    other.name = "Another name"
    assert other != small_org()
    assert other.equivalent(small_org())


def test_names_are_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Xã Quảng Lâm")
    unit = Unit(id="c", name=decomposed, kind="commune", level="commune")
    assert unit.name == unicodedata.normalize("NFC", "Xã Quảng Lâm")
    assert unit.name != decomposed


def _units(*extra: Unit) -> list[Unit]:
    return [Unit(id="d", name="D", kind="district", level="district"), *extra]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        (
            {"units": [*_units(), Unit(id="d", name="again", kind="x", level="y")]},
            "duplicate_id",
        ),
        (
            {
                "units": _units(),
                "posts": [Post(id="d", unit="d", title="t", role="head")],
            },
            "duplicate_id",
        ),
        (
            {"units": _units(Unit(id="x", name="X", kind="k", level="l", parent="zz"))},
            "dangling_reference",
        ),
        (
            {
                "units": [
                    Unit(id="x", name="X", kind="k", level="l", parent="y"),
                    Unit(id="y", name="Y", kind="k", level="l", parent="x"),
                ]
            },
            "cycle",
        ),
        (
            {
                "units": [
                    Unit(id="d", name="D", kind="k", level="l", ended=date(2019, 1, 1)),
                    Unit(id="x", name="X", kind="k", level="l", parent="d"),
                ]
            },
            "ended_parent",
        ),
        (
            {"units": _units(), "posts": [Post(id="p", unit="nope", title="t", role="r")]},
            "dangling_reference",
        ),
        (
            {
                "units": [Unit(id="d", name="D", kind="k", level="l", ended=date(2019, 1, 1))],
                "posts": [Post(id="p", unit="d", title="t", role="r")],
            },
            "post_on_ended_unit",
        ),
        (
            {
                "units": _units(),
                "posts": [Post(id="p", unit="d", title="t", role="r")],
                "appointments": [Appointment(person="ghost", post="p")],
            },
            "dangling_reference",
        ),
        (
            {
                "units": _units(),
                "posts": [Post(id="p", unit="d", title="t", role="r", ended=date(2019, 1, 1))],
                "people": [Person(id="x", name="X")],
                "appointments": [Appointment(person="x", post="p")],
            },
            "appointment_on_ended_post",
        ),
        (
            {"units": _units(), "links": [Link(source="d", target="zz", kind="guidance")]},
            "dangling_reference",
        ),
        (
            {
                "units": _units(
                    Unit(id="e", name="E", kind="k", level="l", ended=date(2019, 1, 1))
                ),
                "links": [Link(source="d", target="e", kind="guidance")],
            },
            "link_to_ended_unit",
        ),
    ],
)
def test_invariant_violations_are_reported(kwargs, code) -> None:
    with pytest.raises(InvalidOrgError) as info:
        Org.create(name="bad", **kwargs)
    codes = [v.code for v in info.value.violations]
    assert code in codes
    assert isinstance(info.value, ValueError)


def test_check_reports_every_problem_not_the_first() -> None:
    with pytest.raises(InvalidOrgError) as info:
        Org.create(
            name="bad",
            units=[
                Unit(id="a", name="A", kind="k", level="l", parent="x1"),
                Unit(id="b", name="B", kind="k", level="l", parent="x2"),
            ],
        )
    assert {v.ids for v in info.value.violations} == {("a", "x1"), ("b", "x2")}


@pytest.mark.parametrize(
    "data",
    [
        {"id": "x", "name": "X", "kind": "k", "level": "l", "quota": {"civil_servants": -1}},
        {"id": "x", "name": "X", "kind": "k", "level": "l", "colour": "red"},
        {"id": "x y", "name": "X", "kind": "k", "level": "l"},
        {"id": "x", "name": "", "kind": "k", "level": "l"},
        {"id": "x", "name": "X", "kind": "Bad Code", "level": "l"},
        {"id": "x", "name": "X", "kind": "k", "level": "l", "funding": "maybe"},
        {"id": "x", "name": "X", "kind": "k", "level": "l", "parent": "x"},
        {
            "id": "x",
            "name": "X",
            "kind": "k",
            "level": "l",
            "founded": "2020-01-01",
            "ended": "2019-01-01",
        },
    ],
)
def test_unit_shape_is_validated(data) -> None:
    with pytest.raises(ValidationError):
        Unit.model_validate(data)


def test_records_are_frozen() -> None:
    unit = Unit(id="x", name="X", kind="k", level="l")
    with pytest.raises(ValidationError):
        unit.name = "Y"  # type: ignore[misc]


def test_post_leadership_defaults_from_role_but_can_be_set() -> None:
    assert Post(id="p", unit="u", title="t", role="head").leadership is True
    assert Post(id="p", unit="u", title="t", role="accountant").leadership is False
    assert Post(id="p", unit="u", title="t", role="head", leadership=False).leadership is False


def test_quota_arithmetic() -> None:
    total = Quota(civil_servants=3) + Quota(civil_servants=2, contracts=1)
    assert total == Quota(civil_servants=5, contracts=1)
    assert total.total == 6
    assert Quota().is_empty() and not total.is_empty()


def test_appointment_must_end_after_start() -> None:
    with pytest.raises(ValidationError):
        Appointment(person="p", post="q", start=date(2020, 1, 2), end=date(2020, 1, 1))
