"""What changed between two baselines, and the event of the newer one that explains it.

The facts come from the two structures themselves, matched by id, with the newer one's
lineage for where ended units went; this works whether or not the two histories share a
prefix. The explaining event is looked for among the events the newer baseline added:
those after the older one's history when that history is a prefix of the newer one's,
otherwise every event of the newer baseline that the older one does not have.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pydantic import BaseModel, ConfigDict

from orgraph.history import Event
from orgraph.lineage import LineageIndex
from orgraph.model import QUOTA_FIELDS, Quota
from orgraph.org import Org

__all__ = ["Baseline", "BaselineChange", "UnitFate"]


class BaselineChange(BaseModel):
    """The event of the new baseline that caused an adaptation or a conflict.

    ``event`` is None when no event of the new baseline records the change (a structure
    loaded from a file without history); ``effective`` is then the record's own date.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    event: str | None = None
    op: str | None = None
    effective: date | None = None
    basis: str | None = None


class UnitFate(BaseModel):
    """What became of a unit that is active in the old baseline but not in the new one.

    ``change`` is how it ended (``merge``, ``absorb``, ``dissolve``, ``split``, or None
    when the new baseline does not say), ``successors`` the active units it lives on in.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    change: str | None
    successors: tuple[str, ...]
    cause: BaselineChange


def added_events(old: Org, new: Org) -> tuple[Event, ...]:
    """The events of ``new`` that ``old`` does not have (see the module's docstring)."""
    before, after = old.history, new.history
    if after[: len(before)] == before:
        return after[len(before) :]
    known = {e.model_dump_json(exclude={"id"}) for e in before}
    return tuple(e for e in after if e.model_dump_json(exclude={"id"}) not in known)


class Baseline:
    """The old and new baselines of a rebase, with questions about what changed."""

    def __init__(self, old: Org, new: Org) -> None:
        self.old = old
        self.new = new
        self.events = added_events(old, new)
        self._lineage = LineageIndex(new)

    # ------------------------------------------------------------------ causes
    def _cause(self, found: Callable[[Event], bool], fallback: date | None) -> BaselineChange:
        for event in reversed(self.events):
            if found(event):
                return BaselineChange(
                    event=event.id,
                    op=event.operation.op,
                    effective=event.effective,
                    basis=event.basis,
                )
        return BaselineChange(effective=fallback)

    def _touches(self, unit: str) -> Callable[[Event], bool]:
        def touches(event: Event) -> bool:
            effects = event.effects
            return (
                unit in effects.changed
                or unit in effects.established
                or any(unit in (m.source, m.target) for m in effects.moved)
            )

        return touches

    # ------------------------------------------------------------------ units
    def active_in_old(self, unit: str) -> bool:
        return self.old.has_unit(unit) and self.old.unit(unit).ended is None

    def fate(self, unit: str) -> UnitFate | None:
        """None while ``unit`` is still active in the new baseline."""
        new = self.new
        if new.has_unit(unit) and new.unit(unit).ended is None:
            return None
        ended = new.unit(unit).ended if new.has_unit(unit) else None
        cause = self._cause(lambda e: unit in e.effects.ended, ended)
        if not new.has_unit(unit):
            return UnitFate(change=None, successors=(), cause=cause)
        successors, change = self._lineage.final_successors(unit)
        return UnitFate(change=change, successors=tuple(successors), cause=cause)

    def renamed(self, unit: str) -> tuple[str, str, BaselineChange] | None:
        """The old and new name of a unit active in both, if the new baseline renamed it."""
        if not self.new.has_unit(unit):
            return None
        before, after = self.old.unit(unit).name, self.new.unit(unit).name
        if before == after:
            return None

        def renames(event: Event) -> bool:
            return event.operation.op == "rename" and getattr(event.operation, "unit", "") == unit

        return before, after, self._cause(renames, None)

    def moved(self, unit: str) -> tuple[str | None, str | None, BaselineChange] | None:
        """The old and new parent of a unit active in both, if the new baseline moved it."""
        if not self.new.has_unit(unit):
            return None
        before, after = self.old.unit(unit).parent, self.new.unit(unit).parent
        if before == after:
            return None

        def moves(event: Event) -> bool:
            return any(m.what == "unit" and m.id == unit for m in event.effects.moved)

        return before, after, self._cause(moves, None)

    def quota_change(self, unit: str, target: str, fields: set[str]) -> tuple[Quota, Quota] | None:
        """Old quota of ``unit`` and new quota of ``target`` if they differ in ``fields``."""
        if not self.new.has_unit(target):
            return None
        before, after = self.old.unit(unit).quota, self.new.unit(target).quota
        if all(getattr(before, f) == getattr(after, f) for f in QUOTA_FIELDS if f in fields):
            return None
        return before, after

    def quota_cause(self, unit: str) -> BaselineChange:
        return self._cause(self._touches(unit), None)

    # ------------------------------------------------------------------ posts, people, ids
    def abolished(self, post: str) -> BaselineChange | None:
        """The cause, if ``post`` is current in the old baseline and not in the new one."""
        old, new = self.old, self.new
        if not old.has_post(post) or old.post(post).ended is not None:
            return None
        if new.has_post(post) and new.post(post).ended is None:
            return None
        ended = new.post(post).ended if new.has_post(post) else None
        return self._cause(lambda e: post in e.effects.abolished_posts, ended)

    def _holds(self, org: Org, person: str, post: str) -> bool:
        return org.has_person(person) and any(
            a.post == post for a in org.appointments(person=person)
        )

    def released(self, person: str, post: str) -> BaselineChange | None:
        """The cause, if ``person`` holds ``post`` in the old baseline and not in the new."""
        if not self._holds(self.old, person, post) or self._holds(self.new, person, post):
            return None
        ends = (
            [
                a.end
                for a in self.new.appointments(person=person, include_ended=True)
                if a.post == post and a.end is not None
            ]
            if self.new.has_person(person)
            else []
        )

        def releases(event: Event) -> bool:
            return any(a.person == person and a.post == post for a in event.effects.released)

        return self._cause(releases, max(ends, default=None))

    def holders(self, org: Org, post: str) -> list[str]:
        if not org.has_post(post):
            return []
        return [p.id for p in org.holders(post)]

    def taken(self, ident: str) -> BaselineChange | None:
        """The cause, if ``ident`` is free in the old baseline and used in the new one."""
        if ident in self.old or ident not in self.new:
            return None

        def creates(event: Event) -> bool:
            effects = event.effects
            return (
                ident in effects.established
                or ident in effects.created_posts
                or any(a.person == ident for a in effects.appointed)
            )

        return self._cause(creates, None)
