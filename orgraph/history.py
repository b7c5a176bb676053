"""History records: events, what each one did (effects) and lineage between units."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from orgraph.model import Appointment, Code, Id, Link, Quota, Text
from orgraph.ops import Operation, Restore

__all__ = ["Effects", "Event", "LineageEdge", "Move"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)


class LineageEdge(_Record):
    """``predecessor`` became (part of) ``successor`` through ``change`` in event ``event``."""

    predecessor: Id
    successor: Id
    change: Code
    event: str
    effective: date | None = None


class Move(_Record):
    """Something that went from one unit to another (``target`` None: it was dropped)."""

    what: Literal["unit", "post", "function", "link", "quota"]
    id: str
    source: Id | None = None
    target: Id | None = None


class Effects(_Record):
    """What one operation established, ended, moved, released and cut."""

    established: list[Id] = []
    ended: list[Id] = []
    moved: list[Move] = []
    changed: list[Id] = []
    created_posts: list[Id] = []
    abolished_posts: list[Id] = []
    appointed: list[Appointment] = []
    released: list[Appointment] = []
    links_dropped: list[Link] = []
    quota_cut: Quota = Quota()


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
