"""The engine that applies operations: atomic scenarios, history events, lineage, undo."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from orgraph._gc import paused_gc
from orgraph._records import EMPTY, replace, trusted
from orgraph._store import Journal, _Store
from orgraph._validation import first_error_line
from orgraph.errors import OperationError, ScenarioError, Violation
from orgraph.history import Effects, Event, LineageEdge, Move
from orgraph.model import Appointment, Link, Person, Post, Unit
from orgraph.ops import OPERATION_ADAPTER, OperationBase, Restore
from orgraph.ops._dated import by_record_dates
from orgraph.ops.base import Context
from orgraph.org import Org, _valid_name

if TYPE_CHECKING:
    from orgraph.scenario import Scenario

__all__ = ["apply", "apply_one", "as_of", "undo_of"]


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
    from orgraph.scenario import Scenario

    if name is not None:
        name = _valid_name(name)
    scenario = None
    if isinstance(operations, Scenario):
        scenario = operations.name
        effective = effective or operations.effective
        operations = operations.operations
    with paused_gc():
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
        op = replace(op, {"effective": when}, exact=True)
    if op.needs_date and when is None:
        no_date = Violation(
            "no_date",
            "no effective date: give 'effective' on the operation or the scenario",
            (),
            op.op,
        )
        raise OperationError([*op.validate(org), no_date], op=op.op)
    store = _store_of(org)
    event_id = f"e{len(store.history) + 1}"
    ctx = Context(when=when, event=event_id, store=store)
    store.begin()
    try:
        problems = op._validate_and_apply(org, ctx)
    except BaseException:
        _roll_back(org, store, event_id)
        raise
    journal = store.end()
    undo = _restore_from_journal(store, journal, drop_events=[event_id])
    if not problems:
        problems = _dates_out_of_order(store, ctx)
    if problems:
        # Put back whatever the operation touched before it was refused (it may have
        # ended units before finding they began later), then refuse.
        undo._apply(org, Context(when=None, event=event_id, store=store))
        raise OperationError(problems, op=op.op)
    if when is not None and (store.date is None or when > store.date):
        # The structure now describes the latest date it has changed on; later undated
        # operations default to it.
        store.date = when
    if isinstance(op, Restore):
        dropped = set(op.drop_events)
        store.set_lineage([e for e in store.lineage if e.event not in dropped])
    if ctx.lineage:
        store.add_lineage(_lineage_edges(ctx.lineage, event_id, when))
    event = _event(event_id, op, when, ctx, undo)
    store.history.append(event)
    return event


def _roll_back(org: Org, store: _Store, event_id: str) -> None:
    """Put back what the journal kept: an operation failed half way."""
    undo = _restore_from_journal(store, store.end(), drop_events=[event_id])
    undo._apply(org, Context(when=None, event=event_id, store=store))


def _store_of(org: Org) -> _Store:
    """The store an ``Org`` reads: the engine is the one writer of private copies."""
    return org._store


def _lineage_edges(
    links: list[tuple[str, str, str]], event: str, effective: date | None
) -> list[LineageEdge]:
    """The lineage records of the (predecessor, successor, change) links one event made."""
    return [
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
    ]


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
    # are out of order must still be undone (see _dates_out_of_order).
    values: dict[str, Any] = {
        "effective": None,
        "basis": None,
        "note": None,
        "op": "restore",
        "units": units or EMPTY,
        "posts": posts or EMPTY,
        "people": people or EMPTY,
        "remove": remove or EMPTY,
        "appointments": add_appointments or EMPTY,
        "remove_appointments": drop_appointments or EMPTY,
        "links": add_links or EMPTY,
        "remove_links": drop_links or EMPTY,
        "drop_events": drop_events,
    }
    return trusted(Restore, values, _RESTORE_GIVEN)


# Shared by every undo record, as trusted() shares its default (see there).
_RESTORE_GIVEN = set(Restore.model_fields) - set(OperationBase.model_fields)


def _event(
    event_id: str, op: OperationBase, when: date | None, ctx: Context, undo: Restore
) -> Event:
    """The history event of an applied operation, built from values already valid."""
    # Empty lists are the one shared EMPTY: most effects of most events are empty.
    effects = {
        "established": ctx.established or EMPTY,
        "ended": ctx.ended or EMPTY,
        "moved": [trusted(Move, move) for move in ctx.moved] if ctx.moved else EMPTY,
        "changed": ctx.changed or EMPTY,
        "created_posts": ctx.created_posts or EMPTY,
        "abolished_posts": ctx.abolished_posts or EMPTY,
        "appointed": ctx.appointed or EMPTY,
        "released": ctx.released or EMPTY,
        "links_dropped": ctx.links_dropped or EMPTY,
        "quota_cut": ctx.quota_cut,
    }
    return trusted(
        Event,
        {
            "id": event_id,
            "operation": op,
            "effective": when,
            "basis": op.basis,
            "effects": trusted(Effects, effects),
            "undo": undo,
        },
    )


def _dates_out_of_order(store: _Store, ctx: Context) -> list[Violation]:
    """Units and appointments the operation ended before they began (dated too early).

    Only an ending can come before a start: every other record an operation makes is
    validated, and every unit it ends and appointment it releases is in ``ctx``.
    """
    problems = []
    for ident in ctx.ended:
        unit = store.unit_or_none(ident)
        if unit is not None and unit.ended and unit.founded and unit.ended < unit.founded:
            problems.append(
                Violation(
                    "date_order",
                    f"unit {ident!r} was founded on {unit.founded}: it cannot end on {unit.ended}",
                    (ident,),
                    f"unit {ident}",
                )
            )
    for appointment in ctx.released:
        if appointment.end and appointment.start and appointment.end < appointment.start:
            person, post = appointment.person, appointment.post
            problems.append(
                Violation(
                    "date_order",
                    f"{person!r} was appointed to {post!r} on {appointment.start}: "
                    f"the appointment cannot end on {appointment.end}",
                    (person, post),
                    f"appointment {person} -> {post}",
                )
            )
    return problems


def undo_of(before: Org, op: OperationBase) -> Restore:
    """The :class:`Restore` that turns ``before`` with ``op`` applied back into ``before``."""
    scratch = before._copy()
    event = apply_one(scratch, op)
    assert event.undo is not None
    return replace(event.undo, {"effective": event.effective, "drop_events": []}, exact=True)


def as_of(org: Org, when: date) -> Org:
    """The structure in force on ``when``: events dated after it are undone, then the
    records' own dates apply (a unit is active on D when ``founded <= D`` and (no
    ``ended``, or ``D < ended``); appointments likewise by ``start`` and ``end``).
    """
    history = _store_of(org).history
    cut = next(
        (i for i, e in enumerate(history) if e.effective is not None and e.effective > when),
        len(history),
    )
    later = history[cut:]
    undated = [e.id for e in later if e.effective is None or e.effective <= when]
    if undated:
        raise OperationError(
            [
                Violation(
                    "history_order",
                    f"events {', '.join(undated)} are undated or out of date order after "
                    f"{history[cut].id}: cannot rebuild the structure as of {when}",
                    tuple(undated),
                    "history",
                )
            ],
            op="as_of",
        )
    result = org._copy()
    store = _store_of(result)
    for event in reversed(later):
        if event.undo is None:
            raise OperationError(
                [
                    Violation(
                        "no_undo", f"event {event.id} has no undo record", (event.id,), "history"
                    )
                ],
                op="as_of",
            )
        ctx = Context(when=event.effective, event=event.id, store=store)
        event.undo._apply(result, ctx)
    dropped = {e.id for e in later}
    store.history = history[:cut]
    store.set_lineage([e for e in store.lineage if e.event not in dropped])
    # Then the records' own dates (founded, ended, appointments' start and end), which a
    # structure without history (or with only part of it) carries.
    dated = by_record_dates(result, when)
    if dated is not None:
        dated._apply(result, Context(when=None, event="as_of", store=store))
    store.date = when
    return result
