"""Questions about a structure's past read from its history: names, functions, posts.

- :func:`name_history`: the names a unit or a person has had, each with its dates;
- :func:`fact_history` and :func:`unit_history`: the values a unit's name, parent, kind
  and funding have had, each with its dates and the event that set it;
- :func:`function_history`: every unit that held a function, from when to when, and
  through which event it came and went;
- :func:`post_lineage`: the posts a post continued as (``continue_post``).

Each event's undo record keeps what the records it touched were just before it, so the
states of a record are those undo records in order, then the record as it is now.
Dates follow the convention of :meth:`orgraph.Org.as_of`: a spell runs from ``start``
(included) to ``end`` (the first day it no longer holds; None: it still does).

Examples
--------
>>> from datetime import date
>>> from orgraph import Org, Unit, apply
>>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
...     Unit(id="a", name="Office A", kind="office", level="district", functions={"tax"}),
...     Unit(id="b", name="Office B", kind="office", level="district"),
... ])
>>> later = apply(org, [
...     {"op": "rename", "unit": "a", "name": "Revenue Office", "effective": "2021-05-01"},
...     {"op": "transfer_function", "function": "tax", "source": "a", "target": "b",
...      "effective": "2022-01-01"},
... ])
>>> [(s.name, s.start, s.end) for s in name_history(later, "a")]
[('Office A', None, datetime.date(2021, 5, 1)), ('Revenue Office', datetime.date(2021, 5, 1), None)]
>>> [(s.unit, s.start, s.end, s.left_by) for s in function_history(later, "tax")]
[('a', None, datetime.date(2022, 1, 1), 'e2'), ('b', datetime.date(2022, 1, 1), None, None)]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from orgraph.errors import UnknownIdError
from orgraph.model import nfc
from orgraph.org import Org

__all__ = [
    "FACTS",
    "FactSpell",
    "FunctionSpell",
    "NameSpell",
    "fact_history",
    "function_history",
    "name_history",
    "post_lineage",
    "unit_history",
]

Fact = Literal["name", "parent", "kind", "funding"]
FACTS: tuple[Fact, ...] = ("name", "parent", "kind", "funding")
"""The dated facts of a unit that :func:`fact_history` follows."""


@dataclass(frozen=True, slots=True)
class NameSpell:
    """One name a unit or person had, from ``start`` until ``end`` (None: open)."""

    name: str
    start: date | None
    end: date | None
    event: str | None
    """The event that gave this name (None: the first known name)."""


@dataclass(frozen=True, slots=True)
class FactSpell:
    """One value a fact of a unit had, from ``start`` until ``end`` (None: open or unknown).

    ``value`` is the name, the parent's id, the kind code or the funding regime (None
    for no parent or no funding regime recorded).
    """

    fact: str
    value: str | None
    start: date | None
    end: date | None
    event: str | None
    """The event that set this value (None: the first known value)."""
    change: str | None
    """The operation (``op`` tag) of ``event``."""


@dataclass(frozen=True, slots=True)
class FunctionSpell:
    """A unit held a function from ``start`` until ``end``; the events it came and went by."""

    unit: str
    start: date | None
    end: date | None
    came_by: str | None
    left_by: str | None
    came_through: str | None = None
    """The operation (``op`` tag) of ``came_by``."""
    left_through: str | None = None
    """The operation (``op`` tag) of ``left_by``."""


def _states(org: Org, id: str, kind: str) -> list[tuple[Any, Any | None]]:
    """(record before, event) for each event that touched ``id``, then (record now, None)."""
    found: list[tuple[Any, Any | None]] = []
    for event in org.history:
        undo = event.undo
        if undo is None:
            continue
        records = undo.units if kind == "unit" else undo.people
        before = next((r for r in records if r.id == id), None)
        if before is not None:
            found.append((before, event))
        elif id in undo.remove and not found:
            found.append((None, event))  # the event made the record
    current = org.unit(id) if kind == "unit" else org.person(id)
    found.append((current, None))
    return found


def name_history(org: Org, id: str) -> list[NameSpell]:
    """The names of unit or person ``id`` with their dates, oldest first.

    A unit's first spell starts on its founding date (None when unknown) and its last
    one ends on its end date. Raises :class:`~orgraph.UnknownIdError` for an unknown id.
    """
    id = nfc(id)
    if org.has_unit(id):
        kind = "unit"
    elif org.has_person(id):
        kind = "person"
    else:
        raise UnknownIdError(id, expected="unit or person")
    return [
        NameSpell(str(s.value), s.start, s.end, s.event) for s in _spells(org, id, kind, "name")
    ]


def fact_history(org: Org, id: str, fact: Fact) -> list[FactSpell]:
    """The values fact ``fact`` of unit ``id`` has had, with their dates, oldest first.

    ``fact`` is one of :data:`FACTS`. A spell runs from the event that set the value
    (the first from the unit's founding date, None when unknown) until the event that
    changed it (the last until the unit's end date). Raises
    :class:`~orgraph.UnknownIdError` for an unknown unit and ``ValueError`` for an
    unknown fact.

    Examples
    --------
    >>> from datetime import date
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
    ...     Unit(id="top", name="Top", kind="ministry", level="national"),
    ...     Unit(id="b", name="Board", kind="board", level="national"),
    ...     Unit(id="a", name="Agency", kind="agency", level="national", parent="top"),
    ... ])
    >>> later = apply(org, [{"op": "reparent", "unit": "a", "parent": "b",
    ...                      "effective": "2021-03-01"}])
    >>> [(s.value, str(s.start), str(s.end), s.change)
    ...  for s in fact_history(later, "a", "parent")]
    [('top', 'None', '2021-03-01', None), ('b', '2021-03-01', 'None', 'reparent')]
    """
    if fact not in FACTS:
        raise ValueError(f"unknown fact {fact!r}: expected one of {', '.join(FACTS)}")
    if not org.has_unit(id):
        raise UnknownIdError(id, expected="unit")
    return _spells(org, id, "unit", fact)


def unit_history(org: Org, id: str) -> dict[str, list[FactSpell]]:
    """:func:`fact_history` of every fact in :data:`FACTS`, keyed by fact."""
    return {fact: fact_history(org, id, fact) for fact in FACTS}


_UNSET = object()


def _spells(org: Org, id: str, kind: str, fact: str) -> list[FactSpell]:
    states = _states(org, id, kind)
    spells: list[FactSpell] = []
    previous: Any = _UNSET
    for index, (record, _) in enumerate(states):
        if record is None:
            continue
        made_by = states[index - 1][1] if index else None
        value = getattr(record, fact)
        if value == previous:
            continue
        event = made_by.id if made_by is not None else None
        change = made_by.operation.op if made_by is not None else None
        if spells:
            last = spells[-1]
            when = made_by.effective if made_by is not None else None
            spells[-1] = _until(last, when)
            spells.append(FactSpell(fact, value, when, None, event, change))
        else:
            start = getattr(record, "founded", None)
            if start is None and made_by is not None:
                start = made_by.effective
            spells.append(FactSpell(fact, value, start, None, event, change))
        previous = value
    ended = getattr(states[-1][0], "ended", None)
    if spells and ended is not None:
        spells[-1] = _until(spells[-1], ended)
    return spells


def _until(spell: FactSpell, end: date | None) -> FactSpell:
    return FactSpell(spell.fact, spell.value, spell.start, end, spell.event, spell.change)


def _held(record: Any, code: str) -> bool:
    return record is not None and record.ended is None and code in record.functions


def function_history(org: Org, code: str) -> list[FunctionSpell]:
    """Every unit that held function ``code``, from when to when, oldest first.

    A spell starts when the unit got the function (or was founded with it) and ends
    when it lost it or ended; ``came_by`` and ``left_by`` name the events, None for a
    unit that had it before the history starts (or still has it).
    """
    code = nfc(code)
    spells: list[FunctionSpell] = []
    for unit in org.units(include_ended=True):
        states = _states(org, unit.id, "unit")
        start: date | None = None
        came: Any | None = None
        holding = False
        for index, (record, _) in enumerate(states):
            made_by = states[index - 1][1] if index else None
            # A unit that ended by its record alone (no event) held it until then.
            now = _held(record, code) or (
                len(states) == 1 and record is not None and code in record.functions
            )
            if now and not holding:
                came = made_by
                start = made_by.effective if made_by is not None else record.founded
            elif holding and not now:
                left = made_by
                end = left.effective if left is not None else None
                spells.append(_spell(unit.id, start, end, came, left))
            holding = now
        if holding:
            spells.append(_spell(unit.id, start, None, came, None))
    # An ended unit keeps its functions in its record: its spell ends with it.
    for index, spell in enumerate(spells):
        ended = org.unit(spell.unit).ended
        if spell.end is None and ended is not None:
            spells[index] = FunctionSpell(
                spell.unit, spell.start, ended, spell.came_by, None, spell.came_through
            )
    spells.sort(key=lambda s: (s.start or date.min, s.unit))
    return spells


def _spell(
    unit: str, start: date | None, end: date | None, came: Any | None, left: Any | None
) -> FunctionSpell:
    return FunctionSpell(
        unit,
        start,
        end,
        came.id if came is not None else None,
        left.id if left is not None else None,
        came.operation.op if came is not None else None,
        left.operation.op if left is not None else None,
    )


def post_lineage(
    org: Org, post: str, *, direction: Literal["forward", "backward", "both"] = "forward"
) -> list[tuple[str, str, date | None, str]]:
    """(post, continued as, date, event) for each ``continue_post`` from ``post`` on.

    ``direction="backward"`` gives the posts ``post`` continues instead (what it came
    from, every generation), and ``"both"`` gives both; rows are in history order.
    """
    post = nfc(post)
    org.post(post)
    moves = [
        (op.post, op.into if isinstance(op.into, str) else op.into.id, event.effective, event.id)
        for event in org.history
        if (op := event.operation).op == "continue_post"
    ]
    found: set[int] = set()
    if direction in ("forward", "both"):
        current = {post}
        for index, (source, target, _, _) in enumerate(moves):
            if source in current:
                found.add(index)
                current.add(target)
    if direction in ("backward", "both"):
        current = {post}
        for index in range(len(moves) - 1, -1, -1):
            source, target, _, _ = moves[index]
            if target in current:
                found.add(index)
                current.add(source)
    return [moves[index] for index in sorted(found)]
