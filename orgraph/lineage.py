"""Lineage: which units became which, the one traversal every lineage question goes through.

Operations that end a unit record :class:`~orgraph.LineageEdge` records (``predecessor``
became, or became part of, ``successor``), kept in order as ``org.lineage``. This
module answers every question about them, for one unit or for many:

- :func:`came_from` and :func:`became`: the units a unit came from or became, one
  generation or all of them;
- :func:`final_successors`: the active units an ended unit lives on in;
- :func:`edges_of`: the edges that trace one unit;
- :class:`LineageIndex`: the same questions asked many times of one structure, each
  answered in time proportional to what it visits.

The names are not networkx's ``predecessors``/``successors``, which on ``org.graph``
mean graph neighbours.

Examples
--------
>>> from datetime import date
>>> from orgraph import Org, Unit, apply, became, came_from
>>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
...     Unit(id="a", name="A", kind="office", level="district"),
...     Unit(id="b", name="B", kind="office", level="district"),
... ])
>>> after = apply(org, [{"op": "absorb", "sources": ["b"], "into": "a"}])
>>> [u.id for u in became(after, "b")], [u.id for u in came_from(after, "a")]
(['a'], ['b'])
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from orgraph.model import LineageEdge, Unit, nfc
from orgraph.org import Org

__all__ = ["LineageIndex", "became", "came_from", "edges_of", "final_successors"]


class LineageIndex:
    """Lineage of one structure, indexed both ways, for asking many questions of it.

    Building it reads ``org.lineage`` (or only ``edges`` of it) once; each question then
    visits only the edges it follows. The functions of this module each build one and
    ask it a single question.
    """

    __slots__ = ("_ended_by", "_in", "_out", "org")

    def __init__(self, org: Org, *, edges: Iterable[LineageEdge] | None = None) -> None:
        self.org = org
        self._out: dict[str, list[LineageEdge]] = {}
        self._in: dict[str, list[LineageEdge]] = {}
        # ``edges``: only these of the structure's lineage (a diff reads those recorded
        # between its two structures).
        for edge in org.lineage if edges is None else edges:
            self._out.setdefault(edge.predecessor, []).append(edge)
            self._in.setdefault(edge.successor, []).append(edge)
        self._ended_by: dict[str, str] | None = None

    # ------------------------------------------------------------------ the traversal
    def _walk(
        self,
        start: str,
        *,
        backward: bool,
        transitive: bool,
        stop: Callable[[str], bool] = lambda _: False,
    ) -> tuple[list[str], list[LineageEdge]]:
        """Breadth first from ``start`` along lineage edges (backward: against them).

        Returns the units reached (in the order first reached, ``start`` left out) and the
        edges followed, each once. With ``transitive`` false only one generation is
        followed; the walk never goes on past a unit for which ``stop`` is true.
        """
        adjacency = self._in if backward else self._out
        found: list[str] = []
        edges: list[LineageEdge] = []
        seen = {start}
        frontier = deque([start])
        while frontier:
            current = frontier.popleft()
            for edge in adjacency.get(current, ()):
                edges.append(edge)
                other = edge.predecessor if backward else edge.successor
                if other in seen:
                    continue
                seen.add(other)
                found.append(other)
                if transitive and not stop(other):
                    frontier.append(other)
        return found, edges

    def _units(self, ids: Iterable[str]) -> list[Unit]:
        org = self.org
        return [org.unit(i) for i in ids if org.has_unit(i)]

    # ------------------------------------------------------------------ questions
    def came_from(self, id: str, *, transitive: bool = False) -> list[Unit]:
        """See :func:`came_from`."""
        id = nfc(id)
        self.org.unit(id)
        return self._units(self._walk(id, backward=True, transitive=transitive)[0])

    def became(self, id: str, *, transitive: bool = False) -> list[Unit]:
        """See :func:`became`."""
        id = nfc(id)
        self.org.unit(id)
        return self._units(self._walk(id, backward=False, transitive=transitive)[0])

    def final_successors(self, id: str) -> tuple[list[str], str | None]:
        """See :func:`final_successors`."""
        id = nfc(id)
        first = self._out.get(id, [])
        change = first[0].change if first else self._ending_operation(id)
        reached, _ = self._walk(id, backward=False, transitive=True, stop=self._settled)
        return [i for i in reached if self._is_active(i)], change

    def edges_of(self, unit: str | None = None) -> list[LineageEdge]:
        """See :func:`edges_of`."""
        if unit is None:
            return list(self.org.lineage)
        unit = nfc(unit)
        if self.org.unit(unit).ended is None:
            return self._walk(unit, backward=True, transitive=True)[1]
        return self._walk(unit, backward=False, transitive=True, stop=self._is_active)[1]

    def _is_active(self, id: str) -> bool:
        org = self.org
        return org.has_unit(id) and org.unit(id).ended is None

    def _settled(self, id: str) -> bool:
        """A unit a search for successors goes no further from: active, or not there."""
        return not self.org.has_unit(id) or self._is_active(id)

    def _ending_operation(self, id: str) -> str | None:
        if self._ended_by is None:
            self._ended_by = {
                ident: event.operation.op
                for event in self.org.history
                for ident in event.effects.ended
            }
        return self._ended_by.get(id)


def came_from(org: Org, id: str, *, transitive: bool = False) -> list[Unit]:
    """The units that became (part of) unit ``id``; every generation with ``transitive``.

    Nearest first, each once. Raises :class:`~orgraph.UnknownIdError` for an unknown unit.

    Examples
    --------
    >>> from datetime import date
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
    ...     Unit(id="a", name="A", kind="office", level="district"),
    ...     Unit(id="b", name="B", kind="office", level="district"),
    ...     Unit(id="c", name="C", kind="office", level="district"),
    ... ])
    >>> after = apply(org, [
    ...     {"op": "absorb", "sources": ["b"], "into": "a"},
    ...     {"op": "merge", "sources": ["a", "c"], "into": {"id": "ac", "name": "AC"}},
    ... ])
    >>> [u.id for u in came_from(after, "ac")]
    ['a', 'c']
    >>> [u.id for u in came_from(after, "ac", transitive=True)]
    ['a', 'c', 'b']
    """
    return LineageIndex(org).came_from(id, transitive=transitive)


def became(org: Org, id: str, *, transitive: bool = False) -> list[Unit]:
    """The units unit ``id`` became (part of); every generation with ``transitive``.

    Nearest first, each once. Raises :class:`~orgraph.UnknownIdError` for an unknown unit.

    Examples
    --------
    >>> from datetime import date
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
    ...     Unit(id="a", name="A", kind="office", level="district"),
    ...     Unit(id="b", name="B", kind="office", level="district"),
    ...     Unit(id="c", name="C", kind="office", level="district"),
    ... ])
    >>> after = apply(org, [
    ...     {"op": "absorb", "sources": ["b"], "into": "a"},
    ...     {"op": "merge", "sources": ["a", "c"], "into": {"id": "ac", "name": "AC"}},
    ... ])
    >>> [u.id for u in became(after, "b")], [u.id for u in became(after, "b", transitive=True)]
    (['a'], ['a', 'ac'])
    """
    return LineageIndex(org).became(id, transitive=transitive)


def final_successors(org: Org, id: str) -> tuple[list[str], str | None]:
    """The active units ``id`` lives on in, following lineage, and how it first ended.

    Follows successor edges until it reaches units that are still active. The change is
    that of the first lineage edge, else the last operation that ended the unit
    (``dissolve`` without successor), else None.

    Examples
    --------
    >>> from datetime import date
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
    ...     Unit(id="a", name="A", kind="office", level="district"),
    ...     Unit(id="b", name="B", kind="office", level="district"),
    ... ])
    >>> after = apply(org, [{"op": "absorb", "sources": ["b"], "into": "a"},
    ...                     {"op": "dissolve", "unit": "a"}])
    >>> final_successors(after, "b"), final_successors(after, "a")
    (([], 'absorb'), ([], 'dissolve'))
    """
    return LineageIndex(org).final_successors(id)


def edges_of(org: Org, unit: str | None = None) -> list[LineageEdge]:
    """Lineage edges of the structure, or those that trace one unit.

    For an ended unit: the edges leading to its successors, followed until units that
    are still active. For an active unit: the edges from all its predecessors,
    transitively. Each edge once, nearest first.

    Examples
    --------
    >>> from datetime import date
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
    ...     Unit(id="a", name="A", kind="office", level="district"),
    ...     Unit(id="b", name="B", kind="office", level="district"),
    ... ])
    >>> after = apply(org, [{"op": "absorb", "sources": ["b"], "into": "a"}])
    >>> [(e.predecessor, e.successor, e.change) for e in edges_of(after, "b")]
    [('b', 'a', 'absorb')]
    """
    return LineageIndex(org).edges_of(unit)
