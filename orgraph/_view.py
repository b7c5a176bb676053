"""A sealed, read-only view of a networkx graph: what :attr:`orgraph.Org.graph` hands out.

``nx.freeze`` alone blocks structural changes only: ``G.nodes[n]`` would still be the
real attribute dict, so ``nx.set_node_attributes`` or ``G.nodes[n]["obj"] = ...`` would
change the structure behind every copy that shares it. Here every level networkx reads
(nodes, adjacency, edge keys, attributes) is a read-only mapping over the real one, made
as it is looked up, so building the view costs the same at any size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import networkx as nx

__all__ = ["sealed_view"]


class _ReadOnly(Mapping[Any, Any]):
    """A mapping over ``data`` that hands out each value through ``wrap``; no writes."""

    __slots__ = ("_data", "_wrap")

    def __init__(self, data: Mapping[Any, Any], wrap: Callable[[Any], Any]) -> None:
        self._data = data
        self._wrap = wrap

    def __getitem__(self, key: Any) -> Any:
        return self._wrap(self._data[key])

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"

    def copy(self) -> dict[Any, Any]:
        """A plain, changeable copy (one level), as ``dict.copy`` gives."""
        return dict(self.items())


def _keys(keys: Mapping[str, Any]) -> _ReadOnly:
    return _ReadOnly(keys, MappingProxyType)


def _neighbours(neighbours: Mapping[str, Any]) -> _ReadOnly:
    return _ReadOnly(neighbours, _keys)


def sealed_view(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A frozen view of ``graph`` whose node, edge and graph attributes are read-only."""
    view: nx.MultiDiGraph[str] = nx.graphviews.generic_graph_view(graph)
    view.graph = MappingProxyType(graph.graph)
    view._node = _ReadOnly(graph._node, MappingProxyType)
    view._succ = view._adj = _ReadOnly(graph._succ, _neighbours)
    view._pred = _ReadOnly(graph._pred, _neighbours)
    return nx.freeze(view)
