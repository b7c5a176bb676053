"""The records' own dates on a day: what ``as_of`` applies after undoing later events.

A structure read from a table of units with ``founded`` and ``ended`` columns has no
history to undo, yet its records say when each unit, post and appointment existed. The
convention everywhere: a record is **active on D** when ``start <= D`` and (no end, or
``D < end``); the end date is the first day it no longer exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from orgraph._store import POST, UNIT, _Store

__all__ = ["RecordDates", "by_record_dates"]


@dataclass
class RecordDates:
    """What to change, with the fields of a ``restore`` (read by ``_undo.put_back``)."""

    units: list[Any] = field(default_factory=list)
    posts: list[Any] = field(default_factory=list)
    people: list[Any] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    appointments: list[Any] = field(default_factory=list)
    remove_appointments: list[Any] = field(default_factory=list)
    links: list[Any] = field(default_factory=list)
    remove_links: list[Any] = field(default_factory=list)


def by_record_dates(store: _Store, when: date) -> RecordDates | None:
    """What makes ``store`` what its records' dates say it was on ``when`` (None: nothing).

    Units founded after ``when`` are removed (with their posts and the appointments to
    them; a sub-unit of one becomes a root); units, posts and appointments that ended
    after ``when`` are open again; appointments that start after it are removed.
    """
    units = list(store.records(UNIT))
    future = {u.id for u in units if u.founded is not None and u.founded > when}
    change = RecordDates()
    for unit in units:
        if unit.id in future:
            continue
        update: dict[str, Any] = {}
        if unit.ended is not None and unit.ended > when:
            update["ended"] = None
            update["ended_precision"] = "day"
        if unit.parent in future:
            update["parent"] = None
        if update:
            change.units.append(unit.model_copy(update=update))
    remove = set(future)
    for post in store.records(POST):
        if post.unit in future:
            remove.add(post.id)
        elif post.ended is not None and post.ended > when:
            change.posts.append(post.model_copy(update={"ended": None}))
    for appointment in store.edges("holds"):
        if appointment.post in remove:
            continue
        if appointment.start is not None and appointment.start > when:
            change.remove_appointments.append(appointment)
        elif appointment.end is not None and appointment.end > when:
            change.remove_appointments.append(appointment)
            reopened = {"end": None, "end_precision": "day"}
            change.appointments.append(appointment.model_copy(update=reopened))
    change.remove = sorted(remove)
    if not (remove or change.units or change.posts or change.remove_appointments):
        return None
    return change
