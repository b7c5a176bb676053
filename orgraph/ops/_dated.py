"""The records' own dates on a day: what ``as_of`` applies after undoing later events.

A structure read from a table of units with ``founded`` and ``ended`` columns has no
history to undo, yet its records say when each unit, post and appointment existed.
The convention everywhere: a record is **active on D** when ``start <= D`` and (no end,
or ``D < end``); the end date is the first day it no longer exists.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from orgraph.model import Appointment, Post, Unit
from orgraph.ops.restore import Restore

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["by_record_dates"]


def by_record_dates(org: Org, when: date) -> Restore | None:
    """The restore that makes ``org`` what its records' dates say it was on ``when``.

    Units founded after ``when`` are removed (with their posts and the appointments to
    them; a sub-unit of one becomes a root); units, posts and appointments that ended
    after ``when`` are open again; appointments that start after it are removed. None
    when nothing changes.
    """
    units = org.units(include_ended=True)
    future = {u.id for u in units if u.founded is not None and u.founded > when}
    put_units: list[Unit] = []
    for unit in units:
        if unit.id in future:
            continue
        update: dict[str, object] = {}
        if unit.ended is not None and unit.ended > when:
            update["ended"] = None
        if unit.parent in future:
            update["parent"] = None
        if update:
            put_units.append(unit.model_copy(update=update))
    remove = set(future)
    put_posts: list[Post] = []
    for post in org.posts(include_ended=True):
        if post.unit in future:
            remove.add(post.id)
        elif post.ended is not None and post.ended > when:
            put_posts.append(post.model_copy(update={"ended": None}))
    add: list[Appointment] = []
    drop: list[Appointment] = []
    for appointment in org.appointments(include_ended=True):
        if appointment.post in remove:
            continue
        if appointment.start is not None and appointment.start > when:
            drop.append(appointment)
        elif appointment.end is not None and appointment.end > when:
            drop.append(appointment)
            add.append(appointment.model_copy(update={"end": None}))
    if not (remove or put_units or put_posts or drop):
        return None
    return Restore(
        units=put_units,
        posts=put_posts,
        remove=sorted(remove),
        appointments=add,
        remove_appointments=drop,
    )
