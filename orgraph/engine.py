"""The engine that applies operations: atomic scenarios, history events, lineage, undo."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError

from orgraph._check import check_store
from orgraph._guards import date_order, ended_before_begun, history_order, lineage_cycles
from orgraph._store import Journal, _Store, holds_key
from orgraph._undo import put_back
from orgraph._validation import first_error_line
from orgraph.errors import OperationError, ScenarioError, Violation
from orgraph.history import Effects, Event, LineageEdge, Move
from orgraph.model import Appointment, DatePrecision, Link, Person, Post, Unit
from orgraph.ops import OPERATION_ADAPTER, OperationBase, Restore
from orgraph.ops.base import UNDO, Context
from orgraph.org import Org, _valid_name
from orgraph.scenario import Scenario

__all__ = ["apply", "apply_one", "as_of", "replay_problems", "undo_of"]


def apply(
    org: Org,
    operations: Scenario | Iterable[OperationBase | Mapping[str, Any]],
    *,
    effective: date | None = None,
    name: str | None = None,
) -> Org:
    """Apply operations in order and return the new structure; ``org`` is never changed.

    Atomic: if operation *k* is invalid, :class:`~orgraph.ScenarioError` names *k*
    (1-based), the operation and every violation, and nothing is returned. An operation
    without ``effective`` takes ``effective`` given here, else the scenario's, else the
    structure's date. The result's date is the latest date it changed on; it keeps the
    input's name unless ``name`` gives a new one.

    Examples
    --------
    >>> from orgraph import Org, Unit, apply
    >>> a = Unit(id="a", name="A", kind="office", level="district")
    >>> org = Org.create(name="Demo", units=[a])
    >>> new = apply(org, [{"op": "rename", "unit": "a", "name": "Office A"}])
    >>> new.unit("a").name, org.unit("a").name
    ('Office A', 'A')
    """
    if name is not None:
        name = _valid_name(name)
    scenario = None
    if isinstance(operations, Scenario):
        scenario = operations.name
        effective = effective or operations.effective
        operations = operations.operations
    result = _apply_all(org, operations, effective=effective, name=scenario)
    return result if name is None else Org._wrap(_store_of(result), name)


def _apply_all(
    org: Org,
    operations: Iterable[OperationBase | Mapping[str, Any]],
    *,
    effective: date | None,
    name: str | None,
) -> Org:
    result = org._copy()
    for index, raw in enumerate(operations, start=1):
        try:
            op = _as_operation(raw)
        except ValidationError as exc:
            problems = [Violation("invalid", first_error_line(exc), (), "operation")]
            raise ScenarioError(problems, index=index, operation=raw, scenario=name) from None
        try:
            apply_one(result, op, effective=effective)
        except OperationError as exc:
            raise ScenarioError(exc.violations, index=index, operation=op, scenario=name) from None
    return result


def _as_operation(raw: OperationBase | Mapping[str, Any]) -> OperationBase:
    if isinstance(raw, OperationBase):
        return raw
    return OPERATION_ADAPTER.validate_python(raw)


def apply_one(org: Org, op: OperationBase, *, effective: date | None = None) -> Event:
    """Apply one operation to ``org`` **in place** and return its history event.

    For internal use on private copies; :func:`apply` is the public entry point. Raises
    :class:`~orgraph.OperationError` (and changes nothing) when the operation is invalid.
    """
    when = op.effective or effective or org.date
    if op.effective is None and when is not None:
        op = op.model_copy(update={"effective": when})
    if op.needs_date and when is None:
        no_date = Violation(
            "no_date",
            "no effective date: give 'effective' on the operation or the scenario",
            (),
            op.op,
        )
        raise OperationError([*op.validate(org), no_date], op=op.op)
    store = _store_of(org)
    late = date_order(store, op.op, when)
    if late:
        raise OperationError([*op.validate(org), *late], op=op.op)
    event_id = f"e{len(store.history) + 1}"
    ctx = Context(when=when, event=event_id, store=store)
    lineage = store.lineage  # a restore replaces the list (it is never changed in place)
    store.begin()
    try:
        problems = op._validate_and_apply(org, ctx)
        if not problems and op.effective_precision != "day":
            _keep_precision(store, ctx, when, op.effective_precision)
    except ValueError as exc:
        # A record the operation built is invalid although each input was valid (a
        # merged quota over the bound, say): refused like any other violation.
        _roll_back(org, store, event_id, lineage)
        message = first_error_line(exc) if isinstance(exc, ValidationError) else str(exc)
        result = Violation("invalid_result", message, (), op.op)
        raise OperationError([result], op=op.op) from None
    except BaseException:
        _roll_back(org, store, event_id, lineage)
        raise
    journal = store.end()
    undo = _restore_from_journal(store, journal, drop_events=[event_id])
    if not problems:
        problems = ended_before_begun(store, ctx.ended, ctx.released)
    if not problems and ctx.lineage:
        problems = lineage_cycles(store, ctx.lineage)
    if not problems and isinstance(op, Restore):
        # A restore puts back records as given: only the whole structure's check can say
        # it made no cycle, dangling reference or active unit under an ended one.
        dropped = set(op.drop_events)
        store.set_lineage([e for e in store.lineage if e.event not in dropped])
        problems = check_store(store)
    if problems:
        # Put back whatever the operation touched before it was refused (it may have
        # ended units before finding they began later), then refuse.
        undo._apply(org, Context(when=None, event=event_id, store=store))
        if isinstance(op, Restore):
            store.set_lineage(lineage)
        raise OperationError(problems, op=op.op)
    if when is not None and (store.date is None or when > store.date):
        # The structure now describes the latest date it has changed on; later undated
        # operations default to it.
        store.date = when
    if ctx.lineage:
        store.add_lineage(_lineage_edges(ctx.lineage, event_id, when, op.effective_precision))
    event = _event(event_id, op, when, ctx, undo)
    store.history.append(event)
    return event


def _roll_back(org: Org, store: _Store, event_id: str, lineage: list[LineageEdge]) -> None:
    """Put back what the journal kept, and the lineage: an operation failed half way."""
    undo = _restore_from_journal(store, store.end(), drop_events=[event_id])
    undo._apply(org, Context(when=None, event=event_id, store=store))
    if store.lineage is not lineage:
        store.set_lineage(lineage)


def _store_of(org: Org) -> _Store:
    """The store an ``Org`` reads: the engine is the one writer of private copies."""
    return org._store


def _lineage_edges(
    links: list[tuple[str, str, str]],
    event: str,
    effective: date | None,
    precision: DatePrecision,
) -> list[LineageEdge]:
    """The lineage records of the (predecessor, successor, change) links one event made."""
    return [
        LineageEdge(
            predecessor=predecessor,
            successor=successor,
            change=change,
            event=event,
            effective=effective,
            effective_precision=precision,
        )
        for predecessor, successor, change in links
    ]


def _keep_precision(
    store: _Store, ctx: Context, when: date | None, precision: DatePrecision
) -> None:
    """Give the units an operation dated ``1996`` (or ``1996-05``) founded or ended on that
    date, and the appointments it made or ended on it, the same precision (a date of their
    own keeps its own)."""
    for ident, field in [(i, "founded") for i in ctx.established] + [
        (i, "ended") for i in ctx.ended
    ]:
        unit = store.unit_or_none(ident)
        if unit is not None and getattr(unit, field) == when:
            store.put_unit(unit.model_copy(update={f"{field}_precision": precision}))
    for made, field in ((ctx.appointed, "start"), (ctx.released, "end")):
        for index, appointment in enumerate(made):
            if getattr(appointment, field) == when:
                made[index] = appointment.model_copy(update={f"{field}_precision": precision})
                if store.has_edge(appointment.person, appointment.post, holds_key(appointment)):
                    store.add_appointment(made[index])


def _restore_from_journal(store: _Store, journal: Journal, *, drop_events: list[str]) -> Restore:
    nodes, edges = journal
    units: list[Unit] = []
    posts: list[Post] = []
    people: list[Person] = []
    remove: list[str] = []
    for ident, record in nodes.items():
        if record is None:
            if store.contains(ident):
                remove.append(ident)
        elif isinstance(record, Unit):
            units.append(record)
        else:
            (posts if isinstance(record, Post) else people).append(record)
    add_appointments: list[Appointment] = []
    add_links: list[Link] = []
    drop_appointments: list[Appointment] = []
    drop_links: list[Link] = []
    for (u, v, key), record in edges.items():
        now = store.edge(u, v, key)
        if now is not None and u not in remove and v not in remove:
            (drop_appointments if isinstance(now, Appointment) else drop_links).append(now)
        if record is not None:
            (add_appointments if isinstance(record, Appointment) else add_links).append(record)
    # Built unchecked: the records are the structure's own, and an operation whose dates
    # are out of order (an appointment released before it began) must still be undone.
    return Restore.model_construct(
        set(_UNDO_FIELDS),
        effective=None,
        basis=None,
        note=None,
        op="restore",
        units=tuple(units),
        posts=tuple(posts),
        people=tuple(people),
        remove=tuple(remove),
        appointments=tuple(add_appointments),
        remove_appointments=tuple(drop_appointments),
        links=tuple(add_links),
        remove_links=tuple(drop_links),
        drop_events=tuple(drop_events),
    )


_EVENT_FIELDS = frozenset(Event.model_fields)
_UNDO_FIELDS = frozenset(Restore.model_fields) - frozenset(OperationBase.model_fields)
"""What an undo record counts as given: what it restores, not the common fields."""


def _event(
    event_id: str, op: OperationBase, when: date | None, ctx: Context, undo: Restore
) -> Event:
    """The history event of an applied operation.

    The effects are validated (pydantic's validator is quicker than ``model_construct``
    for them); the event itself is built from values already valid, since validating
    its operation against the union of every kind costs more than building it.
    """
    effects = Effects(
        established=tuple(ctx.established),
        ended=tuple(ctx.ended),
        moved=tuple(Move(**move) for move in ctx.moved),
        changed=tuple(ctx.changed),
        created_posts=tuple(ctx.created_posts),
        abolished_posts=tuple(ctx.abolished_posts),
        appointed=tuple(ctx.appointed),
        released=tuple(ctx.released),
        links_dropped=tuple(ctx.links_dropped),
        quota_cut=ctx.quota_cut,
    )
    return Event.model_construct(
        set(_EVENT_FIELDS),
        id=event_id,
        operation=op,  # type: ignore[arg-type]  # any operation is one of them
        effective=when,
        basis=op.basis,
        effects=effects,
        undo=undo,
    )


def replay_problems(org: Org) -> list[Violation]:
    """Why the history's undo records cannot be replayed back to its first structure.

    Empty when they can. :func:`as_of` replays them; :func:`orgraph.load` refuses a file
    whose history could not be, rather than leave ``as_of`` to fail later. Each undo
    record is validated like any ``restore`` against the structure it is replayed on.
    """
    history = _store_of(org).history
    if not history:
        return []
    unordered = history_order(history)
    if unordered:
        return unordered
    work = org._copy()
    store = _store_of(work)
    for event in reversed(history):
        if event.undo is None:
            continue
        try:
            problems = event.undo.validate(work)
            if not problems:
                # What the undo record's own _apply does, less the lineage: replayability
                # does not depend on it, and pruning it once per event is quadratic.
                put_back(store, event.undo, prune_lineage=False)
        except (LookupError, ValueError) as exc:  # a record the checks did not foresee
            problems = [Violation("invalid", str(exc) or type(exc).__name__)]
        if problems:
            return [
                Violation(
                    "history_not_replayable",
                    f"the undo record of event {event.id} cannot be replayed: "
                    f"{problems[0].message}",
                    (event.id, *problems[0].ids),
                    f"history {event.id}",
                )
            ]
    return []


def undo_of(before: Org, op: OperationBase) -> Restore:
    """The :class:`Restore` that turns ``before`` with ``op`` applied back into ``before``."""
    scratch = before._copy()
    event = apply_one(scratch, op)
    assert event.undo is not None
    return event.undo.model_copy(update={"effective": event.effective, "drop_events": ()})


def as_of(org: Org, when: date) -> Org:
    """The structure in force on ``when``: events dated after it are undone.

    The same as :meth:`orgraph.Org.as_of`, kept here beside :func:`apply`.
    """
    return org.as_of(when)


UNDO.of = undo_of  # the default inverse of every operation (see orgraph.ops.base.UNDO)
