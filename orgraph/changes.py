"""What changed between two structures, computed once.

:func:`between` matches the units, posts and appointments of two structures by id and
reads what became of ended units from the later structure's lineage. Everything that
reports change reads this one model: :func:`orgraph.diff`, :func:`orgraph.compare.changes`
and the statuses of a diff chart (:func:`orgraph.render.unit_statuses`).

Lineage is read through :mod:`orgraph.lineage`, the one traversal, built once per
structure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgraph.lineage import LineageIndex

if TYPE_CHECKING:
    from orgraph.model import Appointment, LineageEdge, Unit
    from orgraph.org import Org

__all__ = [
    "Changes",
    "EndedUnit",
    "EstablishedUnit",
    "KeptUnit",
    "PostMove",
    "between",
]


def _edge_key(edge: LineageEdge) -> tuple[object, ...]:
    return (edge.predecessor, edge.successor, edge.change, edge.event, edge.effective)


class _Lineage:
    """The one door through which analysis reads a structure's lineage."""

    def __init__(self, org: Org, since: Org | None = None) -> None:
        self._org = org
        edges = None
        if since is not None:
            # What ``since`` already records happened before it: not a change between them.
            known = {_edge_key(e) for e in since.lineage}
            edges = [e for e in org.lineage if _edge_key(e) not in known]
        self._index = LineageIndex(org, edges=edges)
        # What an ended unit became follows its endings only: a transfer (spin_off,
        # transfer_function) moved a part of a body that went on at the time.
        ending = [e for e in (org.lineage if edges is None else edges) if e.change != "transfer"]
        self._ending = LineageIndex(org, edges=ending)

    def became(self, id: str) -> list[str]:
        if not self._org.has_unit(id):
            return []
        return [u.id for u in self._ending.became(id)]

    def final(self, id: str) -> tuple[list[str], str | None]:
        if not self._org.has_unit(id):
            return [], None
        return self._ending.final_successors(id)

    def came_from(self, id: str, *, transitive: bool = False) -> list[str]:
        if not self._org.has_unit(id):
            return []
        return [u.id for u in self._index.came_from(id, transitive=transitive)]


@dataclass(frozen=True, slots=True)
class EndedUnit:
    """A unit active before and not after.

    ``unit`` is its record before. ``successors`` are the units its lineage edges lead to
    directly, in the order recorded, and ``change`` how it ended: the verb of its first
    lineage edge (``merge``, ``absorb``, ``split``), else the operation that ended it
    (``dissolve``), else None. ``final_successors`` are the active units it lives on in,
    following lineage. ``removed``: the later structure has no record of it at all.
    """

    unit: Unit
    change: str | None = None
    successors: tuple[str, ...] = ()
    final_successors: tuple[str, ...] = ()
    removed: bool = False

    @property
    def id(self) -> str:
        """The unit's id."""
        return self.unit.id


@dataclass(frozen=True, slots=True)
class EstablishedUnit:
    """A unit active after and not before.

    ``unit`` is its record after; ``predecessors`` the units it came from directly (from
    the later structure's lineage) and ``known_predecessors`` those of every generation
    that the earlier structure has a record of.
    """

    unit: Unit
    predecessors: tuple[str, ...] = ()
    known_predecessors: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The unit's id."""
        return self.unit.id


@dataclass(frozen=True, slots=True)
class KeptUnit:
    """A unit active both before and after, with its two records."""

    before: Unit
    after: Unit

    @property
    def id(self) -> str:
        """The unit's id."""
        return self.after.id

    @property
    def renamed(self) -> bool:
        """True if the name differs."""
        return self.before.name != self.after.name

    @property
    def moved(self) -> bool:
        """True if the parent differs (including to or from the top level)."""
        return self.before.parent != self.after.parent

    @property
    def quota_changed(self) -> bool:
        """True if the staff quota differs."""
        return self.before.quota != self.after.quota

    @property
    def funding_changed(self) -> bool:
        """True if the funding regime differs."""
        return self.before.funding != self.after.funding


@dataclass(frozen=True, slots=True)
class PostMove:
    """A post active before and after that belongs to another unit after."""

    id: str
    old_unit: str
    new_unit: str


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed from one structure to another (active records only).

    Units ended and kept come in the earlier structure's order, units established in the
    later one's. Appointments are matched by (person, post, start); an ended one is
    the later structure's record of it (which carries its end) where there is one.
    """

    ended: tuple[EndedUnit, ...] = ()
    established: tuple[EstablishedUnit, ...] = ()
    kept: tuple[KeptUnit, ...] = ()
    posts_created: tuple[str, ...] = ()
    posts_abolished: tuple[str, ...] = ()
    posts_moved: tuple[PostMove, ...] = ()
    appointments_started: tuple[Appointment, ...] = ()
    appointments_ended: tuple[Appointment, ...] = ()

    @property
    def renamed(self) -> tuple[KeptUnit, ...]:
        """Kept units whose name differs."""
        return tuple(k for k in self.kept if k.renamed)

    @property
    def moved(self) -> tuple[KeptUnit, ...]:
        """Kept units whose parent differs."""
        return tuple(k for k in self.kept if k.moved)

    @property
    def quota_changed(self) -> tuple[KeptUnit, ...]:
        """Kept units whose staff quota differs."""
        return tuple(k for k in self.kept if k.quota_changed)

    @property
    def funding_changed(self) -> tuple[KeptUnit, ...]:
        """Kept units whose funding regime differs."""
        return tuple(k for k in self.kept if k.funding_changed)


def _appointment_key(a: Appointment) -> tuple[str, str, str]:
    return (a.person, a.post, a.start.isoformat() if a.start else "")


def _record_in(org: Org, appointment: Appointment) -> Appointment:
    """``org``'s record of an appointment (which carries its end), else the appointment."""
    if not org.has_post(appointment.post):
        return appointment
    key = _appointment_key(appointment)
    return next(
        (
            x
            for x in org.appointments(post=appointment.post, include_ended=True)
            if _appointment_key(x) == key
        ),
        appointment,
    )


def _ended(
    before: Sequence[Unit], active_after: set[str], after: Org, lineage: _Lineage
) -> list[EndedUnit]:
    ended = []
    for unit in before:
        if unit.id in active_after:
            continue
        final, change = lineage.final(unit.id)
        ended.append(
            EndedUnit(
                unit=unit,
                change=change,
                successors=tuple(lineage.became(unit.id)),
                final_successors=tuple(final),
                removed=not after.has_unit(unit.id),
            )
        )
    return ended


def between(before: Org, after: Org) -> Changes:
    """What changed from ``before`` to ``after``.

    Examples
    --------
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", units=[
    ...     Unit(id="d", name="District", kind="district", level="district"),
    ...     Unit(id="a", name="A", kind="office", level="district", parent="d"),
    ...     Unit(id="b", name="B", kind="office", level="district", parent="d"),
    ... ])
    >>> after = apply(org, [{"op": "merge", "sources": ["a", "b"],
    ...                      "into": {"id": "ab", "name": "AB"}, "effective": "2020-01-01"}])
    >>> done = between(org, after)
    >>> [(e.id, e.change, e.final_successors) for e in done.ended]
    [('a', 'merge', ('ab',)), ('b', 'merge', ('ab',))]
    >>> [(e.id, e.predecessors) for e in done.established]
    [('ab', ('a', 'b'))]
    """
    old = {u.id: u for u in before.units()}
    new = {u.id: u for u in after.units()}
    lineage = _Lineage(after, since=before)
    established = [
        EstablishedUnit(
            unit=unit,
            predecessors=tuple(lineage.came_from(ident)),
            known_predecessors=tuple(
                p for p in lineage.came_from(ident, transitive=True) if before.has_unit(p)
            ),
        )
        for ident, unit in new.items()
        if ident not in old
    ]
    old_posts = {p.id: p for p in before.posts()}
    new_posts = {p.id: p for p in after.posts()}
    old_appointments = {_appointment_key(x): x for x in before.appointments()}
    new_appointments = {_appointment_key(x): x for x in after.appointments()}
    return Changes(
        ended=tuple(_ended(list(old.values()), set(new), after, lineage)),
        established=tuple(established),
        kept=tuple(KeptUnit(unit, new[i]) for i, unit in old.items() if i in new),
        posts_created=tuple(i for i in new_posts if i not in old_posts),
        posts_abolished=tuple(i for i in old_posts if i not in new_posts),
        posts_moved=tuple(
            PostMove(id=i, old_unit=p.unit, new_unit=new_posts[i].unit)
            for i, p in old_posts.items()
            if i in new_posts and new_posts[i].unit != p.unit
        ),
        appointments_started=tuple(
            x for k, x in new_appointments.items() if k not in old_appointments
        ),
        appointments_ended=tuple(
            _record_in(after, x) for k, x in old_appointments.items() if k not in new_appointments
        ),
    )
