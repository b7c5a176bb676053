"""Changes of identity and of scope: replace, leave_scope, reestablish.

``replace`` ends a body and carries its contents on in another with its own id (GOV.UK's
``replaced`` and ``changed_name``); ``leave_scope`` ends a body that goes on outside the
structure (devolved to another government, or no longer part of government);
``reestablish`` brings an ended body back under its own id.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from orgraph.errors import Violation
from orgraph.model import _NO_QUOTA, CodeSet, Id, Quota, Text
from orgraph.ops._transfer import cut_unit, fold_into, in_subtree
from orgraph.ops.base import Context, OperationBase, UnitSpec, unknown_or_ended

if TYPE_CHECKING:
    from orgraph.model import Unit
    from orgraph.org import Org

__all__ = ["LeaveScope", "Reestablish", "Replace", "new_unit_problems", "spec_to_unit"]

_INHERITED = ("parent", "kind", "level", "bloc", "funding")


def new_unit_problems(
    org: Org, op: OperationBase, spec: UnitSpec, parent: str | None, inside: list[str]
) -> list[Violation]:
    """Problems with a unit ``op`` creates from ``spec`` under ``parent``.

    ``inside`` lists the units whose subtrees the parent must not lie in (they end or
    move under the new unit).
    """
    problems = []
    if spec.id in org:
        problems.append(op._violation("id_taken", f"id {spec.id!r} is already used", spec.id))
    if parent is not None:
        problems += unknown_or_ended(org, op, [parent], role="parent")
        if not problems:
            within = in_subtree(org, parent, inside)
            if within is not None:
                problems.append(
                    op._violation(
                        "cycle",
                        f"parent {parent!r} lies inside {within!r}",
                        parent,
                        within,
                    )
                )
    return problems


def spec_to_unit(spec: UnitSpec, source: Unit, founded: date | None, **fixed: object) -> Unit:
    """The unit ``spec`` describes, with the fields it leaves out taken from ``source``."""
    defaults = {name: getattr(source, name) for name in _INHERITED}
    unit = spec.to_unit(founded=founded, **defaults)
    return unit.model_copy(update=dict(fixed)) if fixed else unit


class Replace(OperationBase):
    """A body ends and another with its own id carries it on (change of identity).

    ``by`` is a new unit (fields left out come from the old one; its ``founded`` may
    differ from the effective date, on which the old one ends) or an active unit. Sub-units,
    current posts with their holders, links, functions and quota move to it, and
    lineage of kind ``replace`` is recorded. ``reason`` says whether the body was
    replaced or only took a new name under a new identity (GOV.UK's ``changed_name``);
    use ``rename`` for the same body under a new name.
    """

    op: Literal["replace"] = "replace"
    unit: Id
    by: Id | UnitSpec
    reason: Literal["replaced", "renamed"] = "replaced"

    @property
    def by_id(self) -> str:
        return self.by if isinstance(self.by, str) else self.by.id

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.unit])
        if problems:
            return problems
        if isinstance(self.by, str):
            problems += unknown_or_ended(org, self, [self.by], role="successor")
            if not problems and in_subtree(org, self.by, [self.unit]) is not None:
                problems.append(
                    self._violation(
                        "cycle",
                        f"successor {self.by!r} lies inside {self.unit!r}",
                        self.by,
                        self.unit,
                    )
                )
            return problems
        parent = self.by.parent or org.unit(self.unit).parent
        return new_unit_problems(org, self, self.by, parent, [self.unit])

    def _apply(self, org: Org, ctx: Context) -> None:
        old = org.unit(self.unit)
        if isinstance(self.by, UnitSpec):
            functions = old.functions | (self.by.functions or frozenset())
            quota = self.by.quota if self.by.quota is not None else old.quota
            new = spec_to_unit(self.by, old, ctx.when, functions=functions, quota=quota)
            ctx.store.put_unit(new)
            ctx.established.append(new.id)
            fold_into(org, ctx, old, new.id, change="replace", merge_attributes=False)
        else:
            fold_into(org, ctx, old, self.by, change="replace")


class LeaveScope(OperationBase):
    """A body leaves the structure's scope and goes on outside it.

    ``reason`` is ``devolved`` (to another government or level) or ``left`` (no longer
    part of government). With ``to`` (a unit of the structure that takes it over, such
    as a devolved government listed in the same data), its sub-units, posts, links,
    functions and quota go there and lineage of kind ``devolved`` or ``left_scope`` is
    recorded; without it the body must have no current sub-units, its posts are
    abolished (holders released), links dropped and quota cut, and no lineage is
    recorded. ``destination`` names where it went when that is outside the structure.
    """

    op: Literal["leave_scope"] = "leave_scope"
    unit: Id
    reason: Literal["devolved", "left"]
    to: Id | None = None
    destination: Text | None = None

    @property
    def change(self) -> str:
        """The lineage kind this records: ``devolved`` or ``left_scope``."""
        return "devolved" if self.reason == "devolved" else "left_scope"

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.unit])
        if self.to is not None:
            problems += unknown_or_ended(org, self, [self.to], role="to")
        if problems:
            return problems
        if self.to is not None:
            if in_subtree(org, self.to, [self.unit]) is not None:
                problems.append(
                    self._violation(
                        "cycle", f"{self.to!r} lies inside {self.unit!r}", self.to, self.unit
                    )
                )
        elif org.has_children(self.unit):
            ids = [c.id for c in org.children(self.unit)]
            problems.append(
                self._violation(
                    "has_children",
                    f"{self.unit!r} still has {len(ids)} sub-unit(s) "
                    f"({', '.join(ids[:5])}{', ...' if len(ids) > 5 else ''}): "
                    "move them first or name 'to'",
                    self.unit,
                    *ids,
                )
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        unit = org.unit(self.unit)
        if self.to is not None:
            fold_into(org, ctx, unit, self.to, change=self.change)
        else:
            cut_unit(org, ctx, unit)


class Reestablish(OperationBase):
    """Bring an ended unit back under its own id (a body re-established later).

    The unit keeps its id and first founding date; ``name``, ``parent``, ``functions``
    and ``quota`` are what it has now (name: its last one unless given; parent: its last
    one unless given, which must then be active; functions and quota: none unless
    given, since others took them over when it ended). Its old posts stay abolished.
    With ``from_units``, lineage of kind ``reestablish`` is recorded from each of them.
    """

    op: Literal["reestablish"] = "reestablish"
    unit: Id
    name: Text | None = None
    parent: Id | None = None
    functions: CodeSet = frozenset()
    quota: Quota | None = None
    from_units: list[Id] = []

    def _parent(self, org: Org) -> str | None:
        if "parent" in self.model_fields_set:
            return self.parent
        return org.unit(self.unit).parent

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        if not org.has_unit(self.unit):
            return [
                self._violation("unknown_unit", f"unit {self.unit!r} does not exist", self.unit)
            ]
        problems = []
        ended = org.unit(self.unit).ended
        if ended is None:
            problems.append(
                self._violation("active_unit", f"unit {self.unit!r} has not ended", self.unit)
            )
        elif self.effective is not None and self.effective <= ended:
            # A comeback comes after the end: on the day it ended the unit is no longer
            # active, and only a later day can see it back (and tell it came back).
            problems.append(
                self._violation(
                    "date_order",
                    f"unit {self.unit!r} ended on {ended}: it can be re-established "
                    "only after that day",
                    self.unit,
                )
            )
        parent = self._parent(org)
        if parent is not None:
            problems += unknown_or_ended(org, self, [parent], role="parent")
            if not problems and in_subtree(org, parent, [self.unit]) is not None:
                problems.append(
                    self._violation(
                        "cycle", f"parent {parent!r} lies inside {self.unit!r}", parent, self.unit
                    )
                )
        for ident in self.from_units:
            if not org.has_unit(ident) or ident == self.unit:
                problems.append(
                    self._violation(
                        "unknown_unit", f"from unit {ident!r} is not another unit", ident
                    )
                )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        unit = org.unit(self.unit)
        update: dict[str, object] = {
            "ended": None,
            "ended_precision": "day",
            "parent": self._parent(org),
            "functions": self.functions,
            "quota": self.quota if self.quota is not None else _NO_QUOTA,
        }
        if self.name is not None:
            update["name"] = self.name
        ctx.store.put_unit(unit.model_copy(update=update))
        ctx.changed.append(self.unit)
        for function in sorted(self.functions):
            ctx.move("function", function, None, self.unit)
        for ident in self.from_units:
            ctx.lineage.append((ident, self.unit, "reestablish"))
