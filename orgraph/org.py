"""The :class:`Org`: a structure of units, posts and people held in one networkx graph.

Nodes are units, posts and people (each node stores its frozen record under ``obj``).
Edges are typed by their key and their ``kind`` attribute:

========== ======================= =====================================
kind       direction               key
========== ======================= =====================================
parent     parent unit -> child    ``"parent"``
post       unit -> post            ``"post"``
holds      person -> post          ``"holds:<start>"`` (an appointment)
link       source unit -> target   ``"link:<kind>"``
lineage    predecessor -> successor ``"lineage:<event>:<change>"``
========== ======================= =====================================

An ``Org`` holds a private store (:mod:`orgraph._store`) and only reads it. Users get a
sealed, read-only view of the graph; only operations change a structure, and they work
on a private copy of the store (see :func:`orgraph.apply`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx
from pydantic import TypeAdapter, ValidationError

from orgraph._check import check_store
from orgraph._frames import Frames, build_frames
from orgraph._store import PERSON, POST, UNIT, _Store, holds_key, link_key
from orgraph._validation import first_error
from orgraph._view import sealed_view
from orgraph.errors import InvalidOrgError, UnknownIdError, Violation
from orgraph.model import Appointment, Link, Person, Post, Text, Unit

if TYPE_CHECKING:
    from orgraph.history import Event, LineageEdge

__all__ = ["Org"]

_TEXT: TypeAdapter[str] = TypeAdapter(Text)


def _valid_name(name: str) -> str:
    """A structure's name checked like any text (non-empty, NFC, no control characters)."""
    try:
        return _TEXT.validate_python(name)
    except ValidationError as exc:
        message = first_error(exc).message
        raise InvalidOrgError([Violation("invalid_name", message, (), "name")]) from None


def _add_appointment_checked(
    store: _Store, appointment: Appointment, problems: list[Violation]
) -> None:
    item = f"appointment {appointment.person} -> {appointment.post}"
    missing = []
    if not store.is_(appointment.person, PERSON):
        missing.append(("person", appointment.person))
    if not store.is_(appointment.post, POST):
        missing.append(("post", appointment.post))
    if missing:
        for what, ident in missing:
            problems.append(
                Violation(
                    "dangling_reference",
                    f"refers to unknown {what} {ident!r}",
                    (ident,),
                    item,
                )
            )
        return
    if store.has_edge(appointment.person, appointment.post, holds_key(appointment)):
        problems.append(
            Violation(
                "duplicate_appointment",
                "the same appointment (person, post, start) is given twice",
                (appointment.person, appointment.post),
                item,
            )
        )
        return
    store.add_appointment(appointment)


class Org:
    """A public body's structure: units, posts, people, appointments, links and history.

    Build one with :func:`orgraph.load` or :meth:`Org.create`; change it only through
    operations (:func:`orgraph.apply`), which return a new ``Org``.

    Examples
    --------
    >>> from orgraph import Org, Unit
    >>> org = Org.create(name="Demo", units=[
    ...     Unit(id="d", name="District", kind="district", level="district"),
    ...     Unit(id="c1", name="Commune 1", kind="commune", level="commune", parent="d"),
    ... ])
    >>> [u.id for u in org.children("d")]
    ['c1']
    >>> org.check()
    []
    """

    __slots__ = ("_name", "_store")

    def __init__(self, *, name: str, date: dt.date | None = None) -> None:
        self._name = _valid_name(name)
        self._store = _Store(date)

    @classmethod
    def _wrap(cls, store: _Store, name: str) -> Org:
        """An ``Org`` over ``store`` (for the engine, which builds stores by operations)."""
        org = cls.__new__(cls)
        org._name = name
        org._store = store
        return org

    @property
    def name(self) -> str:
        """The structure's name: text like any other (non-empty, NFC, no control characters).

        Assigning one validates it (:class:`InvalidOrgError` when it is not valid text).
        """
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        self._name = _valid_name(value)

    @property
    def date(self) -> dt.date | None:
        """The date the structure describes (the file's ``as_of``), if known.

        Operations without a date of their own take this one; :func:`orgraph.apply`
        moves it forward to the latest date it changed on.
        """
        return self._store.date

    # ------------------------------------------------------------------ building
    @classmethod
    def create(
        cls,
        *,
        name: str,
        date: dt.date | None = None,
        units: Iterable[Unit] = (),
        posts: Iterable[Post] = (),
        people: Iterable[Person] = (),
        appointments: Iterable[Appointment] = (),
        links: Iterable[Link] = (),
    ) -> Org:
        """Build a structure from records; raise :class:`InvalidOrgError` if it breaks a rule.

        The name is text like any other (non-empty, NFC, no control characters).
        """
        name = _valid_name(name)
        org, problems = cls._build(
            name=name,
            date=date,
            units=units,
            posts=posts,
            people=people,
            appointments=appointments,
            links=links,
        )
        problems += org.check()
        if problems:
            raise InvalidOrgError(problems)
        return org

    @classmethod
    def _build(
        cls,
        *,
        name: str,
        date: dt.date | None,
        units: Iterable[Unit],
        posts: Iterable[Post],
        people: Iterable[Person],
        appointments: Iterable[Appointment],
        links: Iterable[Link],
        history: Iterable[Event] = (),
        lineage: Iterable[LineageEdge] = (),
    ) -> tuple[Org, list[Violation]]:
        """Build without checking invariants; return the org and the records it had to skip."""
        org = cls(name=name, date=date)
        store = org._store
        problems: list[Violation] = []
        unit_list = list(units)
        placed: dict[str, list[Any]] = {UNIT: [], POST: []}
        for kind, records in ((UNIT, unit_list), (POST, posts), (PERSON, people)):
            for record in records:
                other = store.kind_of(record.id)
                if other is not None:
                    problems.append(
                        Violation(
                            "duplicate_id",
                            f"id {record.id!r} is used by another {other}",
                            (record.id,),
                            f"{kind} {record.id}",
                        )
                    )
                    continue
                store.add_new(record.id, kind, record)
                placed.get(kind, []).append(record)
        store.connect(placed[UNIT], placed[POST])
        for appointment in appointments:
            _add_appointment_checked(store, appointment, problems)
        for link in links:
            if store.is_(link.source, UNIT) and store.is_(link.target, UNIT):
                if store.has_edge(link.source, link.target, link_key(link.kind)):
                    problems.append(
                        Violation(
                            "duplicate_link",
                            f"link {link.kind} from {link.source!r} to {link.target!r} "
                            "is given twice",
                            (link.source, link.target),
                            "links",
                        )
                    )
                    continue
                store.add_link(link)
            else:
                missing = [i for i in (link.source, link.target) if not store.is_(i, UNIT)]
                problems.append(
                    Violation(
                        "dangling_reference",
                        f"link {link.kind} refers to unknown unit {missing[0]!r}",
                        tuple(missing),
                        f"link {link.source} -> {link.target}",
                    )
                )
        store.history.extend(history)
        store.add_lineage(lineage)
        return org, problems

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and self._store.contains(id)

    def has_unit(self, id: str) -> bool:
        """True if a unit (active or ended) has this id."""
        return self._store.is_(id, UNIT)

    def has_post(self, id: str) -> bool:
        """True if a post has this id."""
        return self._store.is_(id, POST)

    def has_person(self, id: str) -> bool:
        """True if a person has this id."""
        return self._store.is_(id, PERSON)

    def has_children(self, id: str) -> bool:
        """True if the unit has active sub-units (one look-up, whatever their number)."""
        self.unit(id)
        return self._store.has_active_children(id)

    def has_link(self, source: str, target: str, kind: str) -> bool:
        """True if a link of ``kind`` runs from unit ``source`` to unit ``target``."""
        return self._store.has_edge(source, target, link_key(kind))

    # ------------------------------------------------------------------ queries
    def unit(self, id: str) -> Unit:
        """The unit with this id; :class:`UnknownIdError` if there is none."""
        return self._store.obj(id, UNIT)  # type: ignore[no-any-return]

    def units(
        self,
        *,
        level: str | None = None,
        kind: str | None = None,
        bloc: str | None = None,
        include_ended: bool = False,
    ) -> list[Unit]:
        """Units in file order, filtered by level, kind and bloc; active only unless asked."""
        return [
            u
            for u in self._store.records(UNIT)
            if (include_ended or u.ended is None)
            and (level is None or u.level == level)
            and (kind is None or u.kind == kind)
            and (bloc is None or u.bloc == bloc)
        ]

    def post(self, id: str) -> Post:
        """The post with this id; :class:`UnknownIdError` if there is none."""
        return self._store.obj(id, POST)  # type: ignore[no-any-return]

    def posts(self, unit: str | None = None, *, include_ended: bool = False) -> list[Post]:
        """All posts, or the posts of one unit (current ones unless ``include_ended``)."""
        if unit is None:
            found: Iterable[Post] = self._store.records(POST)
        else:
            self.unit(unit)
            found = self._store.below(unit, "post")
        return [p for p in found if include_ended or p.ended is None]

    def person(self, id: str) -> Person:
        """The person with this id; :class:`UnknownIdError` if there is none."""
        return self._store.obj(id, PERSON)  # type: ignore[no-any-return]

    def people(self) -> list[Person]:
        """All people."""
        return list(self._store.records(PERSON))

    def appointments(
        self,
        *,
        person: str | None = None,
        post: str | None = None,
        include_ended: bool = False,
    ) -> list[Appointment]:
        """Appointments (current ones unless ``include_ended``), of one person or post if given."""
        found: Iterable[Appointment]
        if person is not None:
            self.person(person)
            found = self._store.out_edges(person, "holds")
        elif post is not None:
            self.post(post)
            found = self._store.in_edges(post, "holds")
        else:
            found = self._store.edges("holds")
        result = [a for a in found if include_ended or a.end is None]
        if person is not None and post is not None:
            result = [a for a in result if a.post == post]
        return result

    def links(self, *, kind: str | None = None, unit: str | None = None) -> list[Link]:
        """Links between units, optionally of one kind or touching one unit."""
        found: Iterable[Link]
        if unit is None:
            found = self._store.edges("link")
        else:
            self.unit(unit)
            found = [*self._store.out_edges(unit, "link"), *self._store.in_edges(unit, "link")]
        return [link for link in found if kind is None or link.kind == kind]

    def link(self, source: str, target: str, kind: str) -> Link:
        """The link of ``kind`` from ``source`` to ``target``; :class:`UnknownIdError` if none."""
        found = self._store.edge(source, target, link_key(kind))
        if found is None:
            raise UnknownIdError(f"{kind}:{source}->{target}", expected="link")
        return found  # type: ignore[no-any-return]

    def children(self, id: str, *, include_ended: bool = False) -> list[Unit]:
        """Direct sub-units of a unit (active only unless asked)."""
        self.unit(id)
        return [u for u in self._store.below(id, "parent") if include_ended or u.ended is None]

    def parent(self, id: str) -> Unit | None:
        """The administrative parent of a unit, or None for a root."""
        unit = self.unit(id)
        return None if unit.parent is None else self.unit(unit.parent)

    def ancestors(self, id: str) -> list[Unit]:
        """Parent, grandparent, ... up to the root, nearest first."""
        found: list[Unit] = []
        seen = {id}
        current = self.unit(id).parent
        while current is not None and current not in seen:
            unit = self._store.unit_or_none(current)
            if unit is None:
                break
            seen.add(current)
            found.append(unit)
            current = unit.parent
        return found

    def subtree(self, id: str, *, include_ended: bool = False) -> list[Unit]:
        """The unit and every unit below it, depth first in file order."""
        root = self.unit(id)
        found: list[Unit] = []
        stack = [root]
        seen: set[str] = set()
        while stack:
            unit = stack.pop()
            if unit.id in seen:
                continue
            seen.add(unit.id)
            found.append(unit)
            stack.extend(reversed(self.children(unit.id, include_ended=include_ended)))
        return found

    def depth(self, id: str) -> int:
        """Number of ancestors of a unit (0 for a root)."""
        return len(self.ancestors(id))

    def roots(self, *, include_ended: bool = False) -> list[Unit]:
        """Units without a parent."""
        return [u for u in self.units(include_ended=include_ended) if u.parent is None]

    def holders(self, post: str) -> list[Person]:
        """People currently holding a post."""
        return [self.person(a.person) for a in self.appointments(post=post)]

    def posts_of(self, person: str) -> list[Post]:
        """Posts a person currently holds."""
        return [self.post(a.post) for a in self.appointments(person=person)]

    def head(self, unit: str) -> Post | None:
        """The unit's post with role ``head`` (or, failing that, its first leadership post)."""
        posts = self.posts(unit)
        for post in posts:
            if post.role == "head":
                return post
        return next((p for p in posts if p.leadership), None)

    @property
    def graph(self) -> nx.MultiDiGraph[str]:
        """A sealed, read-only view of the underlying graph, for networkx algorithms.

        Structural changes raise :class:`networkx.NetworkXError`; node, edge and graph
        attributes are read-only mappings (writing to one raises :class:`TypeError`).
        """
        return sealed_view(self._store.graph)

    @property
    def history(self) -> tuple[Event, ...]:
        """The events that produced this structure from its baseline, oldest first."""
        return tuple(self._store.history)

    @property
    def lineage(self) -> tuple[LineageEdge, ...]:
        """Predecessor-to-successor edges recorded by operations, in the order recorded.

        Questions about them (what a unit came from or became) are answered by
        :mod:`orgraph.lineage`.
        """
        return tuple(self._store.lineage)

    def as_of(self, when: dt.date) -> Org:
        """The structure in force on ``when``, rebuilt by undoing the events dated after it.

        The records' own dates count too, so a structure without a history (read from
        a table with ``founded``/``ended`` columns) gives the right one: a unit, post or
        appointment is active on D when its start <= D and (no end, or D < end); the end
        is the first day it no longer exists. Needs a dated history in date order;
        raises :class:`~orgraph.OperationError` otherwise.
        """
        from orgraph.engine import as_of

        return as_of(self, when)

    def check(self) -> list[Violation]:
        """Every invariant this structure breaks; an empty list when it is valid."""
        return check_store(self._store)

    # ------------------------------------------------------------------ comparison
    def _content(self, *, with_history: bool) -> tuple[Any, ...]:
        def dump(records: Iterable[Any]) -> list[Any]:
            return sorted(r.model_dump_json() for r in records)

        store = self._store
        parts: tuple[Any, ...] = (
            dump(store.records(UNIT)),
            dump(store.records(POST)),
            dump(store.records(PERSON)),
            dump(store.edges("holds")),
            dump(store.edges("link")),
        )
        if with_history:
            parts += (
                self.name,
                self.date,
                [e.model_dump_json() for e in store.history],
                dump(store.lineage),
            )
        return parts

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Org):
            return NotImplemented
        return self._content(with_history=True) == other._content(with_history=True)

    __hash__ = None  # type: ignore[assignment]

    def equivalent(self, other: Org) -> bool:
        """Same units, posts, people, appointments and links, ignoring name, history and lineage."""
        return self._content(with_history=False) == other._content(with_history=False)

    def to_frames(self) -> Frames:
        """The structure as tidy, typed pandas DataFrames (needs ``orgraph[pandas]``).

        Returns a :class:`~orgraph.Frames` with one table per kind of record: ``units``,
        ``functions``, ``posts``, ``people``, ``appointments``, ``links``, ``lineage``,
        and ``events`` (the history, one row per operation). Ended records are included,
        with ``active`` false. Dates are ``datetime64[s]``, quota parts nullable integers.
        :func:`orgraph.from_frames` builds a structure back.

        Examples
        --------
        >>> import orgraph
        >>> frames = orgraph.load("examples/dam_ha/org.yaml").to_frames()
        >>> frames.units.set_index("id").loc["ubkt", "level"]
        'district'
        >>> str(frames.units["civil_servants"].dtype), str(frames.units["founded"].dtype)
        ('Int64', 'datetime64[s]')
        """
        return build_frames(
            name=self.name,
            when=self.date,
            units=self.units(include_ended=True),
            posts=self.posts(include_ended=True),
            people=self.people(),
            appointments=self.appointments(include_ended=True),
            links=self.links(),
            lineage=self.lineage,
            events=self.history,
        )

    def _repr_svg_(self) -> str | None:
        """An SVG org chart for Jupyter (None when Graphviz is not installed)."""
        from orgraph.render import repr_svg

        return repr_svg(self)

    def __repr__(self) -> str:
        counts = self._store.count()
        return (
            f"<Org {self.name!r}: {counts[UNIT]} units, {counts[POST]} posts, "
            f"{counts[PERSON]} people>"
        )

    def _copy(self) -> Org:
        """A private copy for operations to change (records are immutable and shared)."""
        return Org._wrap(self._store.copy(), self._name)
