"""Putting records back and rewinding a store to an earlier date: the mechanics under the
``restore`` operation, undo records and :meth:`orgraph.Org.as_of`.

An undo record is a ``restore`` operation (:class:`orgraph.Restore`); this module reads
only its fields, so that ``Org.as_of`` needs nothing from the layers above ``Org``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from orgraph._record_dates import by_record_dates
from orgraph._store import _Store
from orgraph.errors import OperationError, Violation

__all__ = ["put_back", "rewind"]


def put_back(store: _Store, record: Any, *, prune_lineage: bool = True) -> set[str]:
    """Do what a restore record says: remove, then put back, records exactly as given.

    ``record`` has the fields of :class:`orgraph.Restore` (``remove_appointments``,
    ``remove_links``, ``remove``, ``units``, ``people``, ``posts``, ``appointments``,
    ``links``); lineage naming a removed node is dropped. A caller that puts back many
    records in a row (:func:`rewind`) passes ``prune_lineage=False`` and prunes once at
    the end, so that the lineage is not filtered once per record. Returns the ids
    removed.
    """
    for appointment in record.remove_appointments:
        store.remove_appointment(appointment)
    for link in record.remove_links:
        store.remove_link(link)
    removed = {ident for ident in record.remove if store.contains(ident)}
    for ident in removed:
        store.remove_node(ident)
    if removed and prune_lineage:
        store.lineage = [
            e for e in store.lineage if e.predecessor not in removed and e.successor not in removed
        ]
    # Nodes first, then the edges derived from them: a parent may come later in the list.
    for unit in record.units:
        present = store.unit_or_none(unit.id)
        parent = None if present is None else present.parent
        store.put_unit(unit.model_copy(update={"parent": parent}))
    for unit in record.units:
        store.put_unit(unit)
    for person in record.people:
        store.put_person(person)
    for post in record.posts:
        store.put_post(post)
    for appointment in record.appointments:
        store.add_appointment(appointment)
    for link in record.links:
        store.add_link(link)
    return removed


def rewind(store: _Store, when: date) -> _Store:
    """A copy of ``store`` as it was on ``when``: the events dated after it undone, then
    the records' own dates applied (a unit is active on D when ``founded <= D`` and (no
    ``ended``, or ``D < ended``); appointments likewise by ``start`` and ``end``).

    Raises :class:`~orgraph.OperationError` when the history is not in date order after
    the cut, or an event to undo has no undo record.
    """
    history = store.history
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
    result = store.copy()
    removed: set[str] = set()
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
        removed |= put_back(result, event.undo, prune_lineage=False)
    dropped = {e.id for e in later}
    result.history = history[:cut]
    result.set_lineage(
        [
            e
            for e in result.lineage
            if e.event not in dropped
            and e.predecessor not in removed
            and e.successor not in removed
        ]
    )
    # Then the records' own dates (founded, ended, appointments' start and end), which a
    # structure without history (or with only part of it) carries.
    dated = by_record_dates(result, when)
    if dated is not None:
        put_back(result, dated)
    result.date = when
    return result
