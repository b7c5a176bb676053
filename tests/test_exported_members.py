"""The public surface is exactly what orgraph/__init__.py lists in __all__."""

import types

import orgraph


def test_all_lists_exactly_the_public_objects() -> None:
    public = {
        name
        for name in dir(orgraph)
        if not name.startswith("_") and not isinstance(getattr(orgraph, name), types.ModuleType)
    }
    assert set(orgraph.__all__) - {"__version__"} == public


def test_all_is_sorted() -> None:
    names = [n for n in orgraph.__all__ if n != "__version__"]
    assert names == sorted(names)


def test_lineage_questions_live_in_the_lineage_module() -> None:
    import orgraph.lineage

    assert orgraph.lineage.__all__ == [
        "LineageIndex",
        "became",
        "came_from",
        "edges_of",
        "final_successors",
    ]
    assert orgraph.came_from is orgraph.lineage.came_from
    assert orgraph.became is orgraph.lineage.became
    # networkx's predecessors/successors mean graph neighbours; Org does not reuse them.
    for old in ("predecessors", "successors", "_lineage_walk"):
        assert not hasattr(orgraph.Org, old)
