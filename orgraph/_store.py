"""Private storage under :class:`orgraph.Org`: the graph, typed node access and the
mutation primitives that operations use (each one journals what it touches, so that any
operation can be undone exactly).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import networkx as nx

from orgraph._records import trusted
from orgraph.errors import UnknownIdError
from orgraph.history import Event, LineageEdge
from orgraph.model import Appointment, Link, Person, Post, Unit

__all__: list[str] = []

_UNIT, _POST, _PERSON = "unit", "post", "person"
_NOTHING: tuple[tuple[()], tuple[()], tuple[()]] = ((), (), ())


def _holds_key(appointment: Appointment) -> str:
    return f"holds:{appointment.start.isoformat() if appointment.start else ''}"


def _link_key(link: Link) -> str:
    return f"link:{link.kind}"


class _Store:
    """The graph and its bookkeeping; only operations call the mutation methods."""

    __slots__ = ("_active", "_g", "_history", "_journal", "_lineage")

    def __init__(self) -> None:
        self._g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        self._history: list[Event] = []
        self._lineage: list[LineageEdge] = []
        # How many active sub-units each unit has (absent: none), kept by _put_unit and
        # _remove_node: "has it active sub-units?" is then one look-up, not a scan of
        # every sub-unit it ever had.
        self._active: dict[str, int] = {}
        # While an operation is applied: the record each touched node and (u, v, key)
        # edge had before it was first touched (None: it did not exist).
        self._journal: tuple[dict[str, Any], dict[tuple[str, str, str], Any]] | None = None

    # ------------------------------------------------------------------ node access
    def _copy_graph(self) -> nx.MultiDiGraph[str]:
        """A copy of the graph that shares the node and edge attribute dicts.

        The store never changes an attribute dict in place (it puts a new one instead;
        see :meth:`_put_node` and :meth:`_put_edge`), so a copy only needs its own
        adjacency maps. Several times faster than ``MultiDiGraph.copy()``, which copies
        every dict through the generic add-nodes and add-edges paths. As in networkx's own
        structures, the successor and predecessor maps share each edge's key dict.
        """
        old = self._g
        new: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        new.graph.update(old.graph)
        new._node.update(old._node)
        succ, pred = new._succ, new._pred
        for n in old._node:
            succ[n] = {}
            pred[n] = {}
        for u, neighbours in old._succ.items():
            out = succ[u]
            for v, keys in neighbours.items():
                copied = keys.copy()
                out[v] = copied
                pred[v][u] = copied
        return new

    def _put_node(self, id: str, kind: str, record: Any) -> dict[str, Any] | None:
        """Put a record at a node (new or replaced); the node's previous attribute dict.

        The dict is replaced, never changed, so that copies can share it. The first time
        an operation touches the node, the journal keeps the record it had.
        """
        g = self._g
        old: dict[str, Any] | None = g._node.get(id)
        if self._journal is not None:
            self._journal_node(id, old)
        g._node[id] = {"type": kind, "obj": record}
        if old is None:
            g._succ.setdefault(id, {})
            g._pred.setdefault(id, {})
        return old

    def _put_edge(self, u: str, v: str, key: str, data: dict[str, Any]) -> None:
        """Add or replace the edge ``u -> v`` with ``key``; ``data`` must be a new dict.

        networkx's ``add_edge`` updates an existing edge's dict in place, which copies
        share (see :meth:`_copy_graph`); this puts the new dict instead, and skips the
        checks that do not apply here.
        """
        succ = self._g._succ
        if u not in succ or v not in succ:
            self._g.add_edge(u, v, key=key, **data)  # creates the missing node, as networkx does
            return
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = self._g._pred[v][u] = {}
        keys[key] = data

    def _is(self, id: str, kind: str) -> bool:
        data = self._g._node.get(id)
        return data is not None and data["type"] == kind

    def _obj(self, id: str, kind: str) -> Any:
        data = self._g._node.get(id)
        if data is None or data["type"] != kind:
            raise UnknownIdError(id, expected=kind)
        return data["obj"]

    def _unit_or_none(self, id: str) -> Unit | None:
        """The unit with this id, or None (one lookup, for checks on hot paths)."""
        data = self._g._node.get(id)
        return data["obj"] if data is not None and data["type"] == _UNIT else None

    def _attached(
        self, id: str, *, children: bool = True
    ) -> tuple[Sequence[Unit], Sequence[Post], Sequence[Link]]:
        """A unit's active sub-units, current posts and links, in one pass over its edges.

        The same records, in the same order, as ``children``, ``posts`` and ``links(unit=)``.
        With ``children`` false the sub-units are skipped (and the list left empty), which
        spares reading the record of every sub-unit the unit ever had.
        """
        succ, pred = self._g._succ[id], self._g._pred[id]
        if not succ and len(pred) <= 1:
            keys = next(iter(pred.values()), None)
            if keys is None or (len(keys) == 1 and "parent" in keys):
                return _NOTHING  # nothing below it, no links: most units in a large reform
        node = self._g._node
        found: list[Unit] = []
        posts: list[Post] = []
        links: list[Link] = []
        for other, keys in succ.items():
            for key, data in keys.items():
                if key == "parent":
                    if children:
                        child = node[other]["obj"]
                        if child.ended is None:
                            found.append(child)
                elif key == "post":
                    post = node[other]["obj"]
                    if post.ended is None:
                        posts.append(post)
                elif data["kind"] == "link":
                    links.append(data["obj"])
        for keys in pred.values():
            for data in keys.values():
                if data["kind"] == "link":
                    links.append(data["obj"])
        return found, posts, links

    def _records(self, kind: str) -> Iterator[Any]:
        for data in self._g._node.values():
            if data["type"] == kind:
                yield data["obj"]

    def _edges(self, kind: str) -> Iterator[Any]:
        for _, _, data in self._g.edges(data=True):
            if data["kind"] == kind:
                yield data["obj"]

    def _count_active(self, unit: Unit, step: int) -> None:
        """Count ``unit`` in (step 1) or out of (-1) its parent's active sub-units."""
        parent = unit.parent
        if parent is not None and unit.ended is None:
            count = self._active.get(parent, 0) + step
            if count:
                self._active[parent] = count
            else:
                del self._active[parent]

    def _has_active_children(self, id: str) -> bool:
        return id in self._active

    def _put_unit(self, unit: Unit) -> None:
        """Add or replace a unit, keeping its parent edge in step with ``unit.parent``."""
        old = self._put_node(unit.id, _UNIT, unit)
        if old is not None:
            previous: Unit = old["obj"]
            if previous.parent == unit.parent:
                if previous.ended is None and unit.ended is not None:
                    self._count_active(previous, -1)
                elif previous.ended is not None and unit.ended is None:
                    self._count_active(unit, 1)
                return
            self._count_active(previous, -1)
            g = self._g
            if previous.parent is not None and g.has_edge(previous.parent, unit.id, "parent"):
                g.remove_edge(previous.parent, unit.id, "parent")
        self._count_active(unit, 1)
        if unit.parent is not None:
            self._put_edge(unit.parent, unit.id, "parent", {"kind": "parent"})

    def _remove_node(self, id: str) -> None:
        data = self._g._node.get(id)
        if data is not None and data["type"] == _UNIT:
            self._count_active(data["obj"], -1)
        if self._journal is not None:
            self._journal_node(id, data)
            for u, v, key, data in [
                *self._g.in_edges(id, keys=True, data=True),
                *self._g.out_edges(id, keys=True, data=True),
            ]:
                if data["kind"] in ("holds", "link"):
                    self._touch(u, v, key)
        self._g.remove_node(id)

    def _put_post(self, post: Post) -> None:
        g = self._g
        old = self._put_node(post.id, _POST, post)
        if old is not None:
            previous: Post = old["obj"]
            if previous.unit == post.unit and g.has_edge(post.unit, post.id, "post"):
                return
            if g.has_edge(previous.unit, post.id, "post"):
                g.remove_edge(previous.unit, post.id, "post")
        self._put_edge(post.unit, post.id, "post", {"kind": "post"})

    def _put_person(self, person: Person) -> None:
        self._put_node(person.id, _PERSON, person)

    def _journal_node(self, id: str, data: dict[str, Any] | None) -> None:
        """Keep the record a node had (``data``: its attribute dict) when first touched."""
        assert self._journal is not None
        nodes = self._journal[0]
        if id not in nodes:
            nodes[id] = None if data is None else data["obj"]

    def _touch(self, u: str, v: str, key: str) -> None:
        if self._journal is not None and (u, v, key) not in self._journal[1]:
            data = self._g.get_edge_data(u, v, key)
            self._journal[1][(u, v, key)] = None if data is None else data["obj"]

    def _add_appointment(self, appointment: Appointment) -> None:
        self._touch(appointment.person, appointment.post, _holds_key(appointment))
        self._put_edge(
            appointment.person,
            appointment.post,
            _holds_key(appointment),
            {"kind": "holds", "obj": appointment},
        )

    def _remove_appointment(self, appointment: Appointment) -> None:
        self._touch(appointment.person, appointment.post, _holds_key(appointment))
        self._g.remove_edge(appointment.person, appointment.post, _holds_key(appointment))

    def _add_link(self, link: Link) -> None:
        self._touch(link.source, link.target, _link_key(link))
        self._put_edge(link.source, link.target, _link_key(link), {"kind": "link", "obj": link})

    def _remove_link(self, link: Link) -> None:
        self._touch(link.source, link.target, _link_key(link))
        self._g.remove_edge(link.source, link.target, _link_key(link))

    def _rebuild_lineage_edges(self) -> None:
        g = self._g
        stale = [
            (u, v, k) for u, v, k, kind in g.edges(keys=True, data="kind") if kind == "lineage"
        ]
        g.remove_edges_from(stale)
        edges, self._lineage = self._lineage, []
        self._add_lineage(edges)

    def _add_lineage(self, edges: Iterable[LineageEdge]) -> None:
        """Record lineage edges: in the list, and in the graph where both units are present.

        Takes many at once: a large reform records one per unit it ends.
        """
        node, succ, pred = self._g._node, self._g._succ, self._g._pred
        append = self._lineage.append
        for edge in edges:
            append(edge)
            u, v = edge.predecessor, edge.successor
            if u in node and v in node:
                # _put_edge, written out: both ends are present
                keys = succ[u].get(v)
                if keys is None:
                    keys = succ[u][v] = pred[v][u] = {}
                keys[f"lineage:{edge.event}:{edge.change}"] = {"kind": "lineage", "obj": edge}

    def _record_lineage(
        self, links: list[tuple[str, str, str]], event: str, effective: date | None
    ) -> None:
        """Record the (predecessor, successor, change) links one event made."""
        self._add_lineage(
            trusted(
                LineageEdge,
                {
                    "predecessor": predecessor,
                    "successor": successor,
                    "change": change,
                    "event": event,
                    "effective": effective,
                },
            )
            for predecessor, successor, change in links
        )
