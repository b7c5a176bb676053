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
from typing import Any

import networkx as nx
from pydantic import TypeAdapter, ValidationError

from orgraph._check import check_store
from orgraph._display import show
from orgraph._files import plain_message
from orgraph._frames import Frames, build_frames
from orgraph._org_records import _RecordQueries
from orgraph._org_tree import _TreeQueries
from orgraph._store import PERSON, POST, UNIT, _Store, holds_key, link_key
from orgraph._undo import rewind
from orgraph._view import sealed_view
from orgraph.errors import InvalidOrgError, Violation
from orgraph.model import Appointment, LineageEdge, Link, Person, Post, Text, Unit, nfc

__all__ = ["Org"]

_TEXT: TypeAdapter[str] = TypeAdapter(Text)


def _valid_name(name: str) -> str:
    """A structure's name checked like any text (non-empty, NFC, no control characters)."""
    try:
        return _TEXT.validate_python(name)
    except ValidationError as exc:
        message = plain_message(exc.errors(include_url=False)[0])
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


class Org(_RecordQueries, _TreeQueries):
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

        Returns
        -------
        str
            Assigning one validates it (:class:`InvalidOrgError` when it is not valid text).

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.name
        'Đầm Hà district (baseline, early 2018)'
        """
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        self._name = _valid_name(value)

    @property
    def date(self) -> dt.date | None:
        """The date the structure describes (the file's ``as_of``), if known.

        Returns
        -------
        datetime.date or None
            Operations without a date of their own take this one; :func:`orgraph.apply`
            moves it forward to the latest date it changed on.

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.date
        datetime.date(2018, 1, 1)
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

        Parameters
        ----------
        name : str
            Text like any other (non-empty, NFC, no control characters).
        date : datetime.date, optional
            The date the structure describes (the default date of operations).
        units, posts, people, appointments, links : iterable of records
            What the structure is made of; references between them must resolve.

        Returns
        -------
        Org
            A valid structure: :meth:`check` finds nothing wrong with it.

        Examples
        --------
        >>> from datetime import date
        >>> from orgraph import Org, Unit
        >>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
        ...     Unit(id="d", name="District", kind="district", level="district"),
        ...     Unit(id="a", name="Office A", kind="office", level="district", parent="d"),
        ... ])
        >>> [u.id for u in org.children("d")], org.date
        (['a'], datetime.date(2020, 1, 1))
        >>> Org.create(name="Broken", units=[
        ...     Unit(id="a", name="A", kind="office", level="district", parent="zz"),
        ... ])
        Traceback (most recent call last):
        ...
        orgraph.errors.InvalidOrgError: unit a: parent 'zz' does not exist
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
        history: Iterable[Any] = (),
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
        return isinstance(id, str) and self._store.contains(nfc(id))

    # ------------------------------------------------------------------ queries
    @property
    def graph(self) -> nx.MultiDiGraph[str]:
        """A sealed, read-only view of the underlying graph, for networkx algorithms.

        Returns
        -------
        networkx.MultiDiGraph
            A frozen view: structural changes raise :class:`networkx.NetworkXError`;
            node, edge and graph attributes are read-only mappings (writing raises
            :class:`TypeError`). ``graph.copy()`` gives a graph of your own.

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> g = org.graph
        >>> g.nodes["ubkt"]["type"], g.nodes["ubkt"]["obj"].name
        ('unit', 'Ủy ban Kiểm tra Huyện ủy')
        >>> g.nodes["ubkt"]["type"] = "post"
        Traceback (most recent call last):
        ...
        TypeError: 'mappingproxy' object does not support item assignment
        """
        return sealed_view(self._store.graph)

    @property
    def history(self) -> tuple[Any, ...]:
        """The events that produced this structure from its baseline, oldest first.

        Returns
        -------
        tuple of Event
            Each is an :class:`orgraph.Event` (typed ``Any`` here: an event holds an
            operation, and operations sit in a layer above ``Org``).

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> after = orgraph.apply(org, [{"op": "dissolve", "unit": "phong-dan-toc"}])
        >>> [(e.id, e.operation.op, e.effects.ended) for e in after.history]
        [('e1', 'dissolve', ('phong-dan-toc',))]
        """
        return tuple(self._store.history)

    @property
    def lineage(self) -> tuple[LineageEdge, ...]:
        """Predecessor-to-successor edges recorded by operations, in the order recorded.

        Returns
        -------
        tuple of LineageEdge
            Questions about them (what a unit came from or became) are answered by
            :mod:`orgraph.lineage`.

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> absorb = {"op": "absorb", "sources": ["tt-dan-so"], "into": "tt-y-te"}
        >>> after = orgraph.apply(org, [absorb])
        >>> [(e.predecessor, e.successor, e.change) for e in after.lineage]
        [('tt-dan-so', 'tt-y-te', 'absorb')]
        """
        return tuple(self._store.lineage)

    def as_of(self, when: dt.date | str) -> Org:
        """The structure in force on ``when``, rebuilt by undoing the events dated after it.

        Parameters
        ----------
        when : datetime.date or str
            The day wanted (a date, or ISO text such as ``"2020-01-01"``); the events of
            that day are kept.

        Returns
        -------
        Org
            A new structure dated ``when``; raises :class:`~orgraph.OperationError` when the
            history after ``when`` is undated or out of date order.

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> from datetime import date
        >>> after = orgraph.apply(org, [{"op": "dissolve", "unit": "phong-dan-toc",
        ...                              "effective": "2019-01-01"}])
        >>> after.as_of(date(2018, 12, 31)).unit("phong-dan-toc").ended is None
        True
        >>> after.as_of(date(2019, 1, 1)).unit("phong-dan-toc").ended
        datetime.date(2019, 1, 1)
        """
        if isinstance(when, str):
            try:
                when = dt.date.fromisoformat(when.strip())
            except ValueError:
                raise ValueError(f"as_of needs a date (YYYY-MM-DD), not {when!r}") from None
        elif isinstance(when, dt.datetime) or not isinstance(when, dt.date):
            raise TypeError(f"as_of needs a date, not {type(when).__name__}")
        return Org._wrap(rewind(self._store, when), self._name)

    def check(self) -> list[Violation]:
        """Every invariant this structure breaks; an empty list when it is valid.

        Returns
        -------
        list of Violation

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.check()
        []
        """
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
        """Same units, posts, people, appointments and links, ignoring name, history and lineage.

        Parameters
        ----------
        other : Org
            The structure to compare with.

        Returns
        -------
        bool

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> after = orgraph.apply(org, [], name="Another name")
        >>> after.equivalent(org), after == org
        (True, False)
        """
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
        return show("image/svg+xml", self)

    def _repr_html_(self) -> str | None:
        """An HTML view for Jupyter, when one is registered (see :mod:`orgraph._display`)."""
        return show("text/html", self)

    def __repr__(self) -> str:
        counts = self._store.count()
        return (
            f"<Org {self.name!r}: {counts[UNIT]} units, {counts[POST]} posts, "
            f"{counts[PERSON]} people>"
        )

    def _copy(self) -> Org:
        """A private copy for operations to change (records are immutable and shared)."""
        return Org._wrap(self._store.copy(), self._name)
