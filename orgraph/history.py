"""History records: events (an operation, its date and what it did).

:class:`Effects`, :class:`Move` and :class:`LineageEdge` are records of the model layer
(:mod:`orgraph.model`), re-exported here; an :class:`Event` holds an operation, so it
sits above the operations.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from orgraph.model import Effects, LineageEdge, Move, Text, dates_written
from orgraph.ops import Operation, Restore

__all__ = ["Effects", "Event", "LineageEdge", "Move"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)


class Event(_Record):
    """One applied operation: its id, the operation, when it took effect and what it did.

    ``undo`` restores the structure as it was just before the event; it lets
    :meth:`orgraph.Org.as_of` rebuild the structure in force on an earlier date.
    """

    id: str
    operation: Operation
    effective: date | None = None
    basis: Text | None = None
    effects: Effects = Effects()
    undo: Restore | None = None

    _event_dates = dates_written("effective")
