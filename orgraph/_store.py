"""Private storage under :class:`orgraph.Org`: the graph, typed node access and the
mutation primitives that operations use (each one journals what it touches, so that any
operation can be undone exactly).

An :class:`~orgraph.Org` holds a store and only reads it; the engine copies a store,
hands it to operations through their context, and wraps the result in a new ``Org``.

Copies share almost everything. Records are frozen; the dicts networkx keeps for each
node's attributes, each edge's attributes and each pair of nodes' edge keys are replaced,
never changed in place; and a node's successor and predecessor dicts are copied the first
time a copy changes them (:meth:`_Store._own`). So copying fills three look-up tables
whatever the size of the structure, and a copy then copies only what it changes. Every
change to the graph goes through the methods here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import networkx as nx

from orgraph.errors import UnknownIdError
from orgraph.model import Appointment, LineageEdge, Link, Person, Post, Unit

__all__: list[str] = []

UNIT, POST, PERSON = "unit", "post", "person"
_NOTHING: tuple[tuple[()], tuple[()], tuple[()]] = ((), (), ())

Journal = tuple[dict[str, Any], dict[tuple[str, str, str], Any]]
"""What a journal keeps: each touched node's record and each touched edge's record, as
they were before the first touch (None: it did not exist)."""


MAY_CYCLE = frozenset({"rename", "transfer", "reestablish"})
"""Lineage kinds that may close a cycle: functions move back and forth between bodies
that go on, a body keeps its id through a rename, and a comeback's lineage points back."""


def holds_key(appointment: Appointment) -> str:
    """The edge key of an appointment (person -> post)."""
    return f"holds:{appointment.start.isoformat() if appointment.start else ''}"


def link_key(kind: str) -> str:
    """The edge key of a link of ``kind`` (source -> target)."""
    return f"link:{kind}"


class _Store:
    """The graph and its bookkeeping; only the engine and operations change it."""

    __slots__ = ("_active", "_g", "_journal", "_mine", "date", "history", "lineage")

    def __init__(self, date: date | None = None) -> None:
        self._g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        #: The date the structure describes; later undated operations default to it.
        self.date = date
        # The events (orgraph.history.Event) that made the structure, oldest first. The
        # store does not name their type: an event holds an operation, a layer above.
        self.history: list[Any] = []
        self.lineage: list[LineageEdge] = []
        # How many active sub-units each unit has (absent: none), kept by put_unit and
        # remove_node: "has it active sub-units?" is then one look-up, not a scan of
        # every sub-unit it ever had.
        self._active: dict[str, int] = {}
        # While an operation is applied: the record each touched node and (u, v, key)
        # edge had before it was first touched.
        self._journal: Journal | None = None
        # The nodes whose successor dict, and those whose predecessor dict, this store
        # may change in place; None: all of them (a store never copied nor copied from).
        self._mine: tuple[set[str], set[str]] | None = None

    # ------------------------------------------------------------------ copying
    def copy(self) -> _Store:
        """A copy that shares this store's dicts until either changes them.

        Both stores then own none of the shared adjacency dicts: each copies a node's
        before its first change there (see :meth:`_own`). The copy only fills three
        look-up tables (nodes, successors, predecessors), which is why it is fast at any
        size. As in networkx's own structures, each pair's edge-key dict is the same
        object in the successor and the predecessor map.
        """
        other = _Store(self.date)
        old, new = self._g, other._g
        new.graph.update(old.graph)
        new._node.update(old._node)
        new._succ.update(old._succ)
        new._pred.update(old._pred)
        self._mine = (set(), set())
        other._mine = (set(), set())
        other.history = self.history.copy()
        other.lineage = self.lineage.copy()
        other._active = self._active.copy()
        return other

    @property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The graph itself, for the read-only view :class:`~orgraph.Org` builds."""
        return self._g

    # ------------------------------------------------------------------ reading
    def contains(self, id: str) -> bool:
        return id in self._g._node

    def is_(self, id: str, kind: str) -> bool:
        data = self._g._node.get(id)
        return data is not None and data["type"] == kind

    def kind_of(self, id: str) -> str | None:
        """``unit``, ``post`` or ``person``; None when no node has this id."""
        data = self._g._node.get(id)
        return None if data is None else str(data["type"])

    def obj(self, id: str, kind: str) -> Any:
        data = self._g._node.get(id)
        if data is None or data["type"] != kind:
            raise UnknownIdError(id, expected=kind)
        return data["obj"]

    def unit_or_none(self, id: str) -> Unit | None:
        """The unit with this id, or None (one lookup, for checks on hot paths)."""
        data = self._g._node.get(id)
        return data["obj"] if data is not None and data["type"] == UNIT else None

    def count(self) -> dict[str, int]:
        """How many units, posts and people there are."""
        counts = {UNIT: 0, POST: 0, PERSON: 0}
        for data in self._g._node.values():
            counts[data["type"]] += 1
        return counts

    def records(self, kind: str) -> Iterator[Any]:
        """Every node record of ``kind``, in the order the nodes were added."""
        for data in self._g._node.values():
            if data["type"] == kind:
                yield data["obj"]

    def edges(self, kind: str) -> Iterator[Any]:
        """Every edge record of ``kind`` (``holds``, ``link``, ``lineage``)."""
        for _, _, data in self._g.edges(data=True):
            if data["kind"] == kind:
                yield data["obj"]

    def below(self, id: str, key: str) -> Iterator[Any]:
        """The records at the ends of ``id``'s outgoing edges with ``key`` (``parent``:
        sub-units, ``post``: posts), in the order the edges were added."""
        node = self._g._node
        for other, keys in self._g._succ[id].items():
            if key in keys:
                yield node[other]["obj"]

    def out_edges(self, id: str, kind: str) -> Iterator[Any]:
        """The records of ``id``'s outgoing edges of ``kind``."""
        for keys in self._g._succ[id].values():
            for data in keys.values():
                if data["kind"] == kind:
                    yield data["obj"]

    def in_edges(self, id: str, kind: str) -> Iterator[Any]:
        """The records of ``id``'s incoming edges of ``kind``."""
        for keys in self._g._pred[id].values():
            for data in keys.values():
                if data["kind"] == kind:
                    yield data["obj"]

    def has_edge(self, u: str, v: str, key: str) -> bool:
        keys = self._g._succ.get(u, {}).get(v)
        return keys is not None and key in keys

    def edge(self, u: str, v: str, key: str) -> Any:
        """The record of the edge ``u -> v`` with ``key``; None when there is none."""
        keys = self._g._succ.get(u, {}).get(v)
        data = None if keys is None else keys.get(key)
        return None if data is None else data.get("obj")

    def attached(
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

    def has_active_children(self, id: str) -> bool:
        return id in self._active

    def any_has_active_children(self, ids: Iterable[str]) -> bool:
        return not self._active.keys().isdisjoint(ids)

    def active_children_counts(self) -> dict[str, int]:
        """A copy of the count of active sub-units per unit (for tests of the count)."""
        return self._active.copy()

    # ------------------------------------------------------------------ the journal
    def begin(self) -> None:
        """Start journaling: from now on the first touch of each record is remembered."""
        self._journal = ({}, {})

    def end(self) -> Journal:
        """Stop journaling and give what the journal kept."""
        journal, self._journal = self._journal, None
        assert journal is not None
        return journal

    def _journal_node(self, id: str, data: dict[str, Any] | None) -> None:
        """Keep the record a node had (``data``: its attribute dict) when first touched."""
        assert self._journal is not None
        nodes = self._journal[0]
        if id not in nodes:
            nodes[id] = None if data is None else data["obj"]

    def _touch(self, u: str, v: str, key: str) -> None:
        if self._journal is not None and (u, v, key) not in self._journal[1]:
            self._journal[1][(u, v, key)] = self.edge(u, v, key)

    # ------------------------------------------------------------------ the graph
    def _own(self, u: str, v: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The successors of ``u`` and the predecessors of ``v``, made this store's own
        (copied the first time after a copy) so that the edge ``u -> v`` can change.
        """
        g = self._g
        out, into = g._succ[u], g._pred[v]
        if self._mine is not None:
            successors, predecessors = self._mine
            if u not in successors:
                out = g._succ[u] = out.copy()
                successors.add(u)
            if v not in predecessors:
                into = g._pred[v] = into.copy()
                predecessors.add(v)
        return out, into

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
            g._succ[id] = {}
            g._pred[id] = {}
            if self._mine is not None:  # new dicts: this store's own
                self._mine[0].add(id)
                self._mine[1].add(id)
        return old

    def _put_edge(self, u: str, v: str, key: str, data: dict[str, Any]) -> None:
        """Add or replace the edge ``u -> v`` with ``key``; ``data`` must be a new dict.

        Both ends must be nodes. The pair's key dict is replaced with a new one (copies
        share it), as is the edge's attribute dict.
        """
        out, into = self._own(u, v)
        keys = out.get(v)
        out[v] = into[u] = {key: data} if keys is None else {**keys, key: data}

    def _drop_edge(self, u: str, v: str, key: str) -> None:
        """Remove the edge ``u -> v`` with ``key`` (it must exist); the pair's key dict is
        replaced, not changed, as in :meth:`_put_edge`.
        """
        keys = self._g._succ[u][v]
        if key not in keys:
            raise KeyError((u, v, key))
        out, into = self._own(u, v)
        if len(keys) == 1:
            del out[v], into[u]
        else:
            rest = keys.copy()
            del rest[key]
            out[v] = into[u] = rest

    def _count_active(self, unit: Unit, step: int) -> None:
        """Count ``unit`` in (step 1) or out of (-1) its parent's active sub-units."""
        parent = unit.parent
        if parent is not None and unit.ended is None:
            count = self._active.get(parent, 0) + step
            if count:
                self._active[parent] = count
            else:
                del self._active[parent]

    # ------------------------------------------------------------------ building
    def add_new(self, id: str, kind: str, record: Any) -> None:
        """Add a node that is not there yet, without its edges (for building a store)."""
        self._put_node(id, kind, record)

    def connect(self, units: Iterable[Unit], posts: Iterable[Post]) -> None:
        """Give nodes added with :meth:`add_new` their parent and post edges, where the
        other end is there (what is not is for the structure's check to report)."""
        for unit in units:
            if unit.parent is not None and self.is_(unit.parent, UNIT):
                self._put_edge(unit.parent, unit.id, "parent", {"kind": "parent"})
            self._count_active(unit, 1)
        for post in posts:
            if self.is_(post.unit, UNIT):
                self._put_edge(post.unit, post.id, "post", {"kind": "post"})

    # ------------------------------------------------------------------ changing
    def put_unit(self, unit: Unit) -> None:
        """Add or replace a unit, keeping its parent edge in step with ``unit.parent``."""
        old = self._put_node(unit.id, UNIT, unit)
        if old is not None:
            previous: Unit = old["obj"]
            if previous.parent == unit.parent:
                if previous.ended is None and unit.ended is not None:
                    self._count_active(previous, -1)
                elif previous.ended is not None and unit.ended is None:
                    self._count_active(unit, 1)
                return
            self._count_active(previous, -1)
            if previous.parent is not None and self.has_edge(previous.parent, unit.id, "parent"):
                self._drop_edge(previous.parent, unit.id, "parent")
        self._count_active(unit, 1)
        if unit.parent is not None:
            self._put_edge(unit.parent, unit.id, "parent", {"kind": "parent"})

    def remove_node(self, id: str) -> None:
        """Remove a unit, post or person and every edge that touches it."""
        data = self._g._node.get(id)
        if data is not None and data["type"] == UNIT:
            self._count_active(data["obj"], -1)
        g = self._g
        succ, pred = g._succ, g._pred
        if self._journal is not None:
            self._journal_node(id, data)
            for u, v, key, edge in [
                *g.in_edges(id, keys=True, data=True),
                *g.out_edges(id, keys=True, data=True),
            ]:
                if edge["kind"] in ("holds", "link"):
                    self._touch(u, v, key)
        for other in list(succ[id]):
            _, into = self._own(id, other)
            del into[id]
        for other in list(pred[id]):
            out, _ = self._own(other, id)
            del out[id]
        del succ[id], pred[id], g._node[id]

    def put_post(self, post: Post) -> None:
        """Add or replace a post, keeping its edge from its unit in step."""
        old = self._put_node(post.id, POST, post)
        if old is not None:
            previous: Post = old["obj"]
            if previous.unit == post.unit and self.has_edge(post.unit, post.id, "post"):
                return
            if self.has_edge(previous.unit, post.id, "post"):
                self._drop_edge(previous.unit, post.id, "post")
        self._put_edge(post.unit, post.id, "post", {"kind": "post"})

    def put_person(self, person: Person) -> None:
        self._put_node(person.id, PERSON, person)

    def add_appointment(self, appointment: Appointment) -> None:
        self._touch(appointment.person, appointment.post, holds_key(appointment))
        self._put_edge(
            appointment.person,
            appointment.post,
            holds_key(appointment),
            {"kind": "holds", "obj": appointment},
        )

    def remove_appointment(self, appointment: Appointment) -> None:
        self._touch(appointment.person, appointment.post, holds_key(appointment))
        self._drop_edge(appointment.person, appointment.post, holds_key(appointment))

    def add_link(self, link: Link) -> None:
        key = link_key(link.kind)
        self._touch(link.source, link.target, key)
        self._put_edge(link.source, link.target, key, {"kind": "link", "obj": link})

    def remove_link(self, link: Link) -> None:
        key = link_key(link.kind)
        self._touch(link.source, link.target, key)
        self._drop_edge(link.source, link.target, key)

    # ------------------------------------------------------------------ lineage
    def reestablished(self) -> set[str]:
        """The units the history brought back under their own id (``reestablish``)."""
        return {e.operation.unit for e in self.history if e.operation.op == "reestablish"}

    def set_lineage(self, edges: Iterable[LineageEdge]) -> None:
        """Replace every lineage edge (in the list and in the graph) with ``edges``."""
        g = self._g
        stale = [
            (u, v, k) for u, v, k, kind in g.edges(keys=True, data="kind") if kind == "lineage"
        ]
        for u, v, k in stale:
            self._drop_edge(u, v, k)
        self.lineage = []
        self.add_lineage(edges)

    def add_lineage(self, edges: Iterable[LineageEdge]) -> None:
        """Record lineage edges: in the list, and in the graph where both units are present.

        Takes many at once: a large reform records one per unit it ends.
        """
        node = self._g._node
        append = self.lineage.append
        for edge in edges:
            append(edge)
            u, v = edge.predecessor, edge.successor
            if u in node and v in node:
                key = f"lineage:{edge.event}:{edge.change}"
                self._put_edge(u, v, key, {"kind": "lineage", "obj": edge})
