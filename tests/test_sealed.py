"""The law of sealed data: nothing a user can reach changes a structure, except an operation.

For every public way in (the graph view, records, history, lineage, query results,
metrics and diff results) an attempted change either raises or leaves every structure
(the input, the result of ``apply`` and a second copy of it) exactly as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any

import networkx as nx
import pytest
from pydantic import ValidationError

from orgraph import InvalidOrgError, Org, Unit, apply, diff, load, metrics, save
from orgraph.io import to_document
from tests.helpers import small_org
from tests.property._support import raw_graph

OPS: list[dict[str, Any]] = [
    {
        "op": "establish",
        "unit": {
            "id": "n",
            "name": "New",
            "kind": "office",
            "level": "district",
            "parent": "d",
            "attrs": {"tags": ["x", {"deep": [1]}]},
        },
    },
    {
        "op": "create_post",
        "post": {
            "id": "n.head",
            "unit": "n",
            "title": "Head",
            "role": "head",
            "attrs": {"rank": {"grade": [1]}},
        },
    },
    {"op": "absorb", "sources": ["b"], "into": "a", "effective": "2020-03-01"},
    {
        "op": "merge",
        "sources": ["a", "n"],
        "into": {"id": "an", "name": "AN"},
        "effective": "2020-06-01",
    },
]

OTHER = Unit(id="zz", name="Intruder", kind="office", level="district")


def _attempts(org: Org, after: Org) -> dict[str, Callable[[], object]]:
    g = after.graph
    event = after.history[-1]
    absorb = after.history[1]
    edge = next((u, v, k) for u, v, k in g.edges(keys=True))
    lineage = after.lineage[0]
    unit = after.unit("an")
    m = metrics(after)
    d = diff(org, after)
    return {
        # the graph view
        "set node attribute": lambda: g.nodes["a"].__setitem__("obj", OTHER),
        "delete node attribute": lambda: g.nodes["a"].__delitem__("type"),
        "update node attributes": lambda: g.nodes["a"].update(type="post"),  # type: ignore[attr-defined]
        "nx.set_node_attributes": lambda: nx.set_node_attributes(g, OTHER, "obj"),
        "nx.set_edge_attributes": lambda: nx.set_edge_attributes(g, "parent", "kind"),
        "edge attribute via edges": lambda: g.edges[edge].__setitem__("kind", "link"),
        "edge attribute via adj": lambda: g.adj[edge[0]][edge[1]][edge[2]].__setitem__("k", 1),
        "edge attribute via get_edge_data": lambda: g.get_edge_data(*edge).__setitem__("k", 1),
        "edge keys via succ": lambda: g.succ[edge[0]][edge[1]].__setitem__("new", {}),
        "neighbours via pred": lambda: g.pred[edge[1]].__setitem__("zz", {}),
        "graph attribute": lambda: g.graph.__setitem__("name", "x"),
        "add node": lambda: g.add_node("zz", type="unit", obj=OTHER),
        "remove node": lambda: g.remove_node("a"),
        "add edge": lambda: g.add_edge("d", "c", key="parent"),
        "remove edge": lambda: g.remove_edge(*edge),
        "clear": lambda: g.clear(),
        # records
        "record field": lambda: setattr(unit, "name", "X"),
        "record attrs": lambda: after.unit("n").attrs.__setitem__("k", 1),
        "nested attrs": lambda: after.unit("n").attrs["tags"][1].__setitem__("deep", 2),
        "nested attrs list": lambda: after.unit("n").attrs["tags"].append(1),  # type: ignore[attr-defined]
        "record functions": lambda: unit.functions.add("x"),  # type: ignore[attr-defined]
        "post attrs": lambda: after.post("n.head").attrs.__setitem__("k", 1),
        "nested post attrs": lambda: after.post("n.head").attrs["rank"]["grade"].append(2),  # type: ignore[attr-defined]
        "quota": lambda: setattr(unit.quota, "civil_servants", 99),
        # history
        "history list": lambda: after.history.append(event),  # type: ignore[attr-defined]
        "effects list": lambda: absorb.effects.ended.append("FAKE"),  # type: ignore[attr-defined]
        "moved list": lambda: absorb.effects.moved.append(absorb.effects.moved[0]),  # type: ignore[attr-defined]
        "event field": lambda: setattr(event, "effective", date(1999, 1, 1)),
        "operation list": lambda: event.operation.sources.append("c"),  # type: ignore[union-attr]
        "undo list": lambda: event.undo.units.append(OTHER),  # type: ignore[union-attr]
        # lineage
        "lineage list": lambda: after.lineage.append(lineage),  # type: ignore[attr-defined]
        "lineage record": lambda: setattr(lineage, "successor", "c"),
        # the structure itself
        "name": lambda: setattr(after, "name", ""),
        "name with control characters": lambda: setattr(after, "name", "a\x00b"),
        "date": lambda: setattr(after, "date", date(1999, 1, 1)),
        # query, metrics and diff results are the caller's own
        "units list": lambda: after.units().append(OTHER),
        "children list": lambda: after.children("d").clear(),
        "metrics": lambda: m.focal_points.by_level.__setitem__("district", 0),
        "metrics holders": lambda: m.concurrency.holders.clear(),
        "diff list": lambda: d.units_ended.clear(),
        "diff record": lambda: setattr(d.units_ended[0], "id", "x"),
    }


REFUSALS = (TypeError, AttributeError, ValidationError, nx.NetworkXError, InvalidOrgError)


def _state(*orgs: Org) -> list[Any]:
    return [(to_document(o), raw_graph(o), o.check()) for o in orgs]


@pytest.mark.parametrize("way", list(_attempts(small_org(), apply(small_org(), OPS))))
def test_no_way_in_changes_a_structure(way: str, tmp_path: Any) -> None:
    org = small_org()
    after = apply(org, OPS)
    twin = apply(org, OPS)
    before = _state(org, after, twin)
    attempt = _attempts(org, after)[way]
    with contextlib.suppress(REFUSALS):
        attempt()
    assert _state(org, after, twin) == before
    assert after.check() == [] and after.name == twin.name
    path = tmp_path / "after.json"
    save(after, path)
    assert load(path) == after == twin


def test_the_graph_view_refuses_writes_and_still_reads() -> None:
    org = small_org()
    g = org.graph
    with pytest.raises(TypeError):
        g.nodes["a"]["obj"] = OTHER
    with pytest.raises(TypeError):
        del g.nodes["a"]["type"]
    with pytest.raises(TypeError):
        nx.set_node_attributes(g, 1, "k")
    with pytest.raises(nx.NetworkXError):
        g.add_node("x")
    # reading is as networkx users expect, and copies are theirs to change
    assert g.nodes["a"]["obj"] == org.unit("a")
    assert dict(g.nodes(data="type"))["p1"] == "person"
    assert sorted(g.successors("d")) == ["a", "b", "c"]
    assert nx.is_directed_acyclic_graph(g)
    mine = g.copy()
    mine.nodes["a"]["obj"] = OTHER
    mine.add_node("x")
    assert org.unit("a").name == "Phòng Tài chính" and "x" not in org
    sub = g.subgraph(["d", "a"])
    with pytest.raises(TypeError):
        sub.nodes["a"]["type"] = "post"


def test_a_name_is_validated_when_assigned() -> None:
    org = small_org()
    with pytest.raises(InvalidOrgError, match="name"):
        org.name = ""
    org.name = "Huyện Đầm Hà"
    assert org.name == "Huyện Đầm Hà"
    assert small_org().name == "Test district"
