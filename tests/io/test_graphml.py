"""GraphML: flat scalar attributes that Gephi and yEd read, and a way back."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from orgraph import FileError, Org, Unit, UnreadableFileError, load
from orgraph.io.graphml import export_graphml, import_graphml, to_graph
from tests.io.helpers import EXAMPLE, history_org


def test_every_attribute_is_a_scalar(tmp_path: Path) -> None:
    export_graphml(load(EXAMPLE), tmp_path / "org.graphml")
    g = nx.read_graphml(tmp_path / "org.graphml", force_multigraph=True)
    for _, data in [*g.nodes(data=True), *((None, d) for _, _, d in g.edges(data=True))]:
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    ubkt = g.nodes["ubkt"]
    assert ubkt["type"] == "unit"
    assert ubkt["label"] == ubkt["name"] == "Ủy ban Kiểm tra Huyện ủy"
    assert (ubkt["kind"], ubkt["level"], ubkt["bloc"]) == (
        "inspection_committee",
        "district",
        "party",
    )
    assert ubkt["civil_servants"] == 6 and ubkt["quota_total"] == 6
    assert ubkt["functions"] == "party_complaints party_discipline party_inspection"
    assert g.nodes["ubkt.head"]["type"] == "post" and g.nodes["ubkt.head"]["leadership"] is True
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert kinds == {"parent", "post", "holds", "link"}


def test_edges_carry_their_kind_and_details() -> None:
    g = to_graph(history_org())
    holds = [d for _, _, d in g.edges(data=True) if d["kind"] == "holds"]
    assert {"start"} <= set(holds[0])
    lineage = [(u, v, d) for u, v, d in g.edges(data=True) if d["kind"] == "lineage"]
    assert {(u, v) for u, v, _ in lineage} == {("a", "ab"), ("b", "ab")}
    assert all(d["change"] == "merged_into" or d["change"] for _, _, d in lineage)
    assert g.graph["name"] == "Test district" and "history" in g.graph


def test_a_file_edited_in_a_graph_tool_takes_parents_from_edges(tmp_path: Path) -> None:
    g = to_graph(history_org())
    for node in ("a", "ab", "c"):
        g.nodes[node].pop("parent", None)
    g.nodes["c.chair"].pop("unit")
    g.graph.pop("history")
    g.graph.pop("lineage")
    nx.write_graphml(g, tmp_path / "edited.graphml")
    again = import_graphml(tmp_path / "edited.graphml")
    assert again.equivalent(history_org())
    assert again.history == ()


def test_control_characters_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    # The model refuses control characters; build the record unchecked, as a careless
    # importer might, to show the exporter still refuses to write broken XML.
    unit = Unit.model_construct(id="u", name="a\x0bb", kind="k", level="l")
    org = Org.create(name="x", units=[unit])
    with pytest.raises(FileError, match="control character") as info:
        export_graphml(org, tmp_path / "org.graphml")
    assert info.value.item == "node u"
    assert not (tmp_path / "org.graphml").exists()


def test_not_graphml(tmp_path: Path) -> None:
    (tmp_path / "x.graphml").write_text("<html>", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="not GraphML"):
        import_graphml(tmp_path / "x.graphml")


def test_an_invalid_node_names_itself(tmp_path: Path) -> None:
    g = to_graph(history_org())
    g.nodes["c"]["civil_servants"] = -4
    nx.write_graphml(g, tmp_path / "bad.graphml")
    with pytest.raises(FileError) as info:
        import_graphml(tmp_path / "bad.graphml")
    assert info.value.item == "node c"
    assert "quota.civil_servants: must be at least 0, not -4" in str(info.value)


def test_a_dangling_edge_is_reported(tmp_path: Path) -> None:
    g = to_graph(history_org())
    g.nodes["a.head"]["unit"] = "nowhere"
    nx.write_graphml(g, tmp_path / "bad.graphml")
    with pytest.raises(FileError, match="nowhere"):
        import_graphml(tmp_path / "bad.graphml")


def test_a_bad_graph_date_is_a_file_error(tmp_path: Path) -> None:
    g = to_graph(history_org())
    g.graph["as_of"] = "last year"
    nx.write_graphml(g, tmp_path / "bad.graphml")
    with pytest.raises(FileError, match="Invalid isoformat") as info:
        import_graphml(tmp_path / "bad.graphml")
    assert info.value.item == "graph"
