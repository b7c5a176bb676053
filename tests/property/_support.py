"""Helpers shared by the property tests: replaying reprs, totals and invalid operations."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

import orgraph
from orgraph import Org
from orgraph.model import QUOTA_FIELDS

MISSING = "∅missing"
"""An id no strategy ever draws, so no structure has it."""


def replay_namespace() -> dict[str, Any]:
    """The names a printed operation needs to be evaluated again."""
    namespace = {name: getattr(orgraph, name) for name in orgraph.__all__}
    namespace["datetime"] = datetime
    return namespace


def quota_totals(org: Org) -> dict[str, int]:
    """Each quota part summed over the active units (unknown parts count as 0)."""
    return {
        name: sum(getattr(unit.quota, name) or 0 for unit in org.units()) for name in QUOTA_FIELDS
    }


def function_set(org: Org) -> frozenset[str]:
    """Every function some active unit has."""
    return frozenset().union(*(unit.functions for unit in org.units()))


def holdings(org: Org) -> set[tuple[str, str]]:
    """The current (person, post) appointments."""
    return {(a.person, a.post) for a in org.appointments()}


def active_subtree(org: Org, ident: str) -> set[str]:
    return {u.id for u in org.subtree(ident)}


@st.composite
def invalid_operations(draw: Any, org: Org) -> Any:
    """An operation (or a raw mapping) that is not valid for ``org``, whatever it holds."""
    units = [u.id for u in org.units(include_ended=True)]
    ended = [u.id for u in org.units(include_ended=True) if u.ended is not None]
    nodes = units + [p.id for p in org.posts(include_ended=True)] + [p.id for p in org.people()]
    choices: list[Any] = [
        orgraph.Rename(unit=MISSING, name="Không có"),
        orgraph.Dissolve(unit=MISSING),
        orgraph.Appoint(person=MISSING, post=MISSING),
        orgraph.AbolishPost(post=MISSING),
        {"op": "no_such_operation", "unit": "x"},
        {"op": "rename", "unit": "x"},
        {"op": "merge", "sources": ["x"], "into": {"id": "y", "name": "Y"}},
    ]
    if units:
        unit = draw(st.sampled_from(units))
        choices += [
            orgraph.Reparent(unit=unit, parent=unit),
            orgraph.TransferFunction(function="finance", source=unit, target=unit),
            orgraph.Merge(sources=[unit, unit], into=orgraph.UnitSpec(id=MISSING, name="M")),
        ]
    if nodes:
        taken = draw(st.sampled_from(nodes))
        choices.append(
            orgraph.Establish(
                unit=orgraph.Unit(id=taken, name="Trùng", kind="office", level="district")
            )
        )
    if ended:
        choices.append(orgraph.SetQuota(unit=draw(st.sampled_from(ended)), civil_servants=1))
    return draw(st.sampled_from(choices))


def difference(a: Org, b: Org) -> str:
    """The first part of two structures' content that differs, for assertion messages."""
    names = ("units", "posts", "people", "appointments", "links", "name", "date", "history")
    for name, x, y in zip(
        (*names, "lineage"),
        a._content(with_history=True),
        b._content(with_history=True),
        strict=False,
    ):
        if x != y:
            if isinstance(x, list) and isinstance(y, list):
                only_a = [r for r in x if r not in y][:3]
                only_b = [r for r in y if r not in x][:3]
                return f"{name} differ:\n  only in first: {only_a}\n  only in second: {only_b}"
            return f"{name} differ: {x!r} != {y!r}"
    return "no difference"


def raw_graph(org: Org) -> tuple[Any, ...]:
    """Everything in a structure's graph, read from networkx's own maps, as plain values.

    Copies share records and dicts with the structure they came from, so a change made in
    place to a shared one shows here on both sides.
    """
    g = org._store.graph
    nodes = {n: dict(d) for n, d in g._node.items()}

    def edges(adjacency: dict[str, Any]) -> list[Any]:
        return sorted(
            (u, v, k, sorted(d.items(), key=str))
            for u, neighbours in adjacency.items()
            for v, keys in neighbours.items()
            for k, d in keys.items()
        )

    return nodes, edges(g._succ), edges(g._pred)


def assert_graph_consistent(org: Org) -> None:
    """The successor and predecessor maps mirror each other, as networkx requires:
    the same nodes, and one edge-key dict for each pair, seen from both ends."""
    g = org._store.graph
    assert set(g._succ) == set(g._pred) == set(g._node)
    for u, neighbours in g._succ.items():
        for v, keys in neighbours.items():
            assert keys, (u, v)
            assert g._pred[v][u] is keys, (u, v)
    for v, neighbours in g._pred.items():
        for u, keys in neighbours.items():
            assert g._succ[u][v] is keys, (u, v)
