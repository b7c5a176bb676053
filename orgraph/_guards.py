"""What the engine checks around each operation so that ``apply`` stays closed: it never
returns a structure that :meth:`orgraph.Org.check` flags or :func:`orgraph.load` refuses.

- :func:`date_order`: an operation may not be dated before the latest event;
- :func:`ended_before_begun`: what an operation ended must not end before it began;
- :func:`lineage_cycles`: the lineage an operation records must not close a cycle;
- :func:`replay_problems`: a history whose undo records cannot be replayed (what
  :func:`orgraph.load` refuses).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from orgraph._store import MAY_CYCLE, _Store
from orgraph.errors import Violation

__all__ = ["date_order", "ended_before_begun", "history_order", "latest_date", "lineage_cycles"]


def latest_date(history: Sequence[Any]) -> tuple[date, str] | None:
    """The date and id of the latest dated event (events are kept in date order)."""
    for event in reversed(history):
        if event.effective is not None:
            return event.effective, event.id
    return None


def history_order(history: Sequence[Any]) -> list[Violation]:
    """A violation when the events are not in date order: an event dated before an
    earlier one, or undated after a dated one (``apply`` makes neither, and
    :meth:`orgraph.Org.as_of` could not rebuild the dates in between)."""
    latest: tuple[date, str] | None = None
    for event in history:
        if latest is not None and (event.effective is None or event.effective < latest[0]):
            when = "undated" if event.effective is None else f"dated {event.effective}"
            return [
                Violation(
                    "history_order",
                    f"event {event.id} is {when} but comes after {latest[1]}, dated "
                    f"{latest[0]}: events are kept in date order",
                    (event.id, latest[1]),
                    f"history {event.id}",
                )
            ]
        if event.effective is not None:
            latest = (event.effective, event.id)
    return []


def date_order(store: _Store, op: str, when: date | None) -> list[Violation]:
    """A violation when an operation dated ``when`` comes before the latest event."""
    if when is None:  # an undated operation cannot come too early (nor scan the history)
        return []
    latest = latest_date(store.history)
    if latest is None or when >= latest[0]:
        return []
    day, event = latest
    return [
        Violation(
            "date_order",
            f"{op} dated {when} comes before the latest event in the history "
            f"({event}, dated {day}): operations apply in date order",
            (),
            op,
        )
    ]


def ended_before_begun(
    store: _Store, ended: Iterable[str], released: Iterable[Any]
) -> list[Violation]:
    """Units and appointments an operation ended before they began (dated too early).

    Only an ending can come before a start: every other record an operation makes is
    validated, and every unit it ends and appointment it releases is in ``ended`` and
    ``released``.
    """
    problems = []
    for ident in ended:
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
    for appointment in released:
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


def lineage_cycles(store: _Store, links: Iterable[tuple[str, str, str]]) -> list[Violation]:
    """A violation for each new (predecessor, successor, change) link that would close a
    cycle in the lineage already recorded (a unit brought back by ``restore`` and then
    absorbing what it became, say). ``rename`` links do not count, as in the check."""
    problems = []
    # As in the check: transfers between bodies that go on, a comeback's lineage and any
    # cycle through a unit that came back under its own id are allowed. Skipping units
    # only removes paths, so the comebacks (a scan of the whole history) are looked up
    # only once a path has been found: per operation the check stays linear in the
    # lineage it walks, not in the length of the history.
    comebacks: set[str] | None = None
    for predecessor, successor, change in links:
        if change in MAY_CYCLE or _lineage_path(store, successor, predecessor) is None:
            continue
        if comebacks is None:
            comebacks = store.reestablished()
        if predecessor in comebacks or successor in comebacks:
            continue
        path = _lineage_path(store, successor, predecessor, comebacks)
        if path is not None:
            cycle = [predecessor, *path]
            problems.append(
                Violation(
                    "lineage_cycle",
                    "lineage would have a cycle: " + " -> ".join(cycle),
                    tuple(cycle[:-1]),
                    "lineage",
                )
            )
    return problems


def _lineage_path(
    store: _Store, start: str, goal: str, skip: set[str] | frozenset[str] = frozenset()
) -> list[str] | None:
    """The units from ``start`` to ``goal`` along recorded lineage, or None."""
    came: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier:
        current = frontier.pop()
        if current == goal:
            path = [current]
            while (before := came[path[-1]]) is not None:
                path.append(before)
            return path[::-1]
        if not store.contains(current):
            continue
        for edge in store.out_edges(current, "lineage"):
            if (
                edge.change not in MAY_CYCLE
                and edge.successor not in came
                and edge.successor not in skip
            ):
                came[edge.successor] = current
                frontier.append(edge.successor)
    return None
