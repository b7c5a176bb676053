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

Users get a read-only view of the graph; only operations change a structure, and they
work on a private copy (see :func:`orgraph.apply`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import networkx as nx
from pydantic import TypeAdapter, ValidationError

from orgraph._frames import Frames, build_frames
from orgraph._store import _PERSON, _POST, _UNIT, _holds_key, _link_key, _Store
from orgraph.errors import InvalidOrgError, Violation
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
        message = exc.errors()[0]["msg"]
        raise InvalidOrgError([Violation("invalid_name", f"name: {message}", (), "name")]) from None


class Org(_Store):
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

    __slots__ = ("date", "name")

    def __init__(self, *, name: str, date: date | None = None) -> None:
        super().__init__()
        self.name = name
        #: The date the structure describes (the file's ``as_of``), if known.
        self.date = date

    # ------------------------------------------------------------------ building
    @classmethod
    def create(
        cls,
        *,
        name: str,
        date: date | None = None,
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
        date: date | None,
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
        problems: list[Violation] = []
        g = org._g
        unit_list = list(units)
        for kind, records in ((_UNIT, unit_list), (_POST, posts), (_PERSON, people)):
            for record in records:
                if record.id in g:
                    other = g.nodes[record.id]["type"]
                    problems.append(
                        Violation(
                            "duplicate_id",
                            f"id {record.id!r} is used by another {other}",
                            (record.id,),
                            f"{kind} {record.id}",
                        )
                    )
                    continue
                g.add_node(record.id, type=kind, obj=record)
        for unit in unit_list:
            if (
                unit.parent is not None
                and org._is(unit.parent, _UNIT)
                and (g.nodes[unit.id]["obj"] is unit)
            ):
                g.add_edge(unit.parent, unit.id, key="parent", kind="parent")
        for unit in unit_list:
            if g.nodes[unit.id]["obj"] is unit:
                org._count_active(unit, 1)
        for node, data in list(g.nodes(data=True)):
            if data["type"] == _POST and org._is(data["obj"].unit, _UNIT):
                g.add_edge(data["obj"].unit, node, key="post", kind="post")
        for appointment in appointments:
            if not org._add_appointment_checked(appointment, problems):
                continue
        for link in links:
            if org._is(link.source, _UNIT) and org._is(link.target, _UNIT):
                if g.has_edge(link.source, link.target, _link_key(link)):
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
                org._add_link(link)
            else:
                missing = [i for i in (link.source, link.target) if not org._is(i, _UNIT)]
                problems.append(
                    Violation(
                        "dangling_reference",
                        f"link {link.kind} refers to unknown unit {missing[0]!r}",
                        tuple(missing),
                        f"link {link.source} -> {link.target}",
                    )
                )
        org._history.extend(history)
        org._add_lineage(lineage)
        return org, problems

    def _add_appointment_checked(self, appointment: Appointment, problems: list[Violation]) -> bool:
        item = f"appointment {appointment.person} -> {appointment.post}"
        missing = []
        if not self._is(appointment.person, _PERSON):
            missing.append(("person", appointment.person))
        if not self._is(appointment.post, _POST):
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
            return False
        if self._g.has_edge(appointment.person, appointment.post, _holds_key(appointment)):
            problems.append(
                Violation(
                    "duplicate_appointment",
                    "the same appointment (person, post, start) is given twice",
                    (appointment.person, appointment.post),
                    item,
                )
            )
            return False
        self._add_appointment(appointment)
        return True

    def __contains__(self, id: object) -> bool:
        return id in self._g

    def has_unit(self, id: str) -> bool:
        """True if a unit (active or ended) has this id."""
        return self._is(id, _UNIT)

    def has_post(self, id: str) -> bool:
        """True if a post has this id."""
        return self._is(id, _POST)

    def has_person(self, id: str) -> bool:
        """True if a person has this id."""
        return self._is(id, _PERSON)

    # ------------------------------------------------------------------ queries
    def unit(self, id: str) -> Unit:
        """The unit with this id; :class:`UnknownIdError` if there is none."""
        return self._obj(id, _UNIT)  # type: ignore[no-any-return]

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
            for u in self._records(_UNIT)
            if (include_ended or u.ended is None)
            and (level is None or u.level == level)
            and (kind is None or u.kind == kind)
            and (bloc is None or u.bloc == bloc)
        ]

    def post(self, id: str) -> Post:
        """The post with this id; :class:`UnknownIdError` if there is none."""
        return self._obj(id, _POST)  # type: ignore[no-any-return]

    def posts(self, unit: str | None = None, *, include_ended: bool = False) -> list[Post]:
        """All posts, or the posts of one unit (current ones unless ``include_ended``)."""
        if unit is None:
            found: Iterable[Post] = self._records(_POST)
        else:
            self.unit(unit)
            found = (
                self._g._node[n]["obj"] for n, keys in self._g._succ[unit].items() if "post" in keys
            )
        return [p for p in found if include_ended or p.ended is None]

    def person(self, id: str) -> Person:
        """The person with this id; :class:`UnknownIdError` if there is none."""
        return self._obj(id, _PERSON)  # type: ignore[no-any-return]

    def people(self) -> list[Person]:
        """All people."""
        return list(self._records(_PERSON))

    def appointments(
        self,
        *,
        person: str | None = None,
        post: str | None = None,
        include_ended: bool = False,
    ) -> list[Appointment]:
        """Appointments (current ones unless ``include_ended``), of one person or post if given."""
        if person is not None:
            self.person(person)
            edges: Iterable[dict[str, Any]] = (
                d for keys in self._g._succ[person].values() for d in keys.values()
            )
        elif post is not None:
            self.post(post)
            edges = (
                d
                for keys in self._g._pred[post].values()
                for d in keys.values()
                if d["kind"] == "holds"
            )
        else:
            edges = (d for _, _, d in self._g.edges(data=True) if d["kind"] == "holds")
        found = [d["obj"] for d in edges if include_ended or d["obj"].end is None]
        if person is not None and post is not None:
            found = [a for a in found if a.post == post]
        return found

    def links(self, *, kind: str | None = None, unit: str | None = None) -> list[Link]:
        """Links between units, optionally of one kind or touching one unit."""
        found: Iterable[Link]
        if unit is None:
            found = self._edges("link")
        else:
            self.unit(unit)
            found = [
                d["obj"]
                for adj in (self._g._succ[unit], self._g._pred[unit])
                for keys in adj.values()
                for d in keys.values()
                if d["kind"] == "link"
            ]
        return [
            link
            for link in found
            if (kind is None or link.kind == kind)
            and (unit is None or unit in (link.source, link.target))
        ]

    def children(self, id: str, *, include_ended: bool = False) -> list[Unit]:
        """Direct sub-units of a unit (active only unless asked)."""
        self.unit(id)
        found = [
            self._g._node[n]["obj"] for n, keys in self._g._succ[id].items() if "parent" in keys
        ]
        return [u for u in found if include_ended or u.ended is None]

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
            unit = self._unit_or_none(current)
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
        """A read-only view of the underlying graph, for networkx algorithms."""
        return self._g.copy(as_view=True)

    @property
    def history(self) -> tuple[Event, ...]:
        """The events that produced this structure from its baseline, oldest first."""
        return tuple(self._history)

    @property
    def lineage(self) -> tuple[LineageEdge, ...]:
        """Predecessor-to-successor edges recorded by operations, in the order recorded.

        Questions about them (what a unit came from or became) are answered by
        :mod:`orgraph.lineage`.
        """
        return tuple(self._lineage)

    def as_of(self, when: date) -> Org:
        """The structure in force on ``when``, rebuilt by undoing the events dated after it.

        Needs a dated history in date order; raises :class:`~orgraph.OperationError`
        otherwise.
        """
        from orgraph.engine import as_of

        return as_of(self, when)

    def check(self) -> list[Violation]:
        """Every invariant this structure breaks; an empty list when it is valid."""
        from orgraph._check import check_org

        return check_org(self)

    # ------------------------------------------------------------------ comparison
    def _content(self, *, with_history: bool) -> tuple[Any, ...]:
        def dump(records: Iterable[Any]) -> list[Any]:
            return sorted(r.model_dump_json() for r in records)

        parts: tuple[Any, ...] = (
            dump(self._records(_UNIT)),
            dump(self._records(_POST)),
            dump(self._records(_PERSON)),
            dump(self._edges("holds")),
            dump(self._edges("link")),
        )
        if with_history:
            parts += (
                self.name,
                self.date,
                [e.model_dump_json() for e in self._history],
                dump(self._lineage),
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
        counts = {_UNIT: 0, _POST: 0, _PERSON: 0}
        for data in self._g._node.values():
            counts[data["type"]] += 1
        return (
            f"<Org {self.name!r}: {counts[_UNIT]} units, {counts[_POST]} posts, "
            f"{counts[_PERSON]} people>"
        )

    def _copy(self) -> Org:
        """A private copy for operations to change (records are immutable and shared)."""
        new = Org(name=self.name, date=self.date)
        self._share_graph(new)
        new._history = list(self._history)
        new._lineage = list(self._lineage)
        new._active = self._active.copy()
        return new
