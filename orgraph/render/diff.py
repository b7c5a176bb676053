"""What changed for each unit between two structures: the statuses a diff chart shows.

A mapping from the one change model (:func:`orgraph.changes.between`) to statuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgraph.changes import EndedUnit, between

if TYPE_CHECKING:
    from orgraph.model import Unit
    from orgraph.org import Org

__all__ = ["STATUSES", "UnitStatus", "unit_statuses"]

STATUSES: tuple[str, ...] = (
    "new",
    "merged",
    "split",
    "dissolved",
    "renamed",
    "moved",
    "quota",
    "kept",
)
"""Statuses of a unit in a diff chart, most important first.

``new``: active only after. ``merged``/``split``: ended, with successors from lineage
(``merged`` also covers absorb and dissolve into a successor). ``dissolved``: ended with
no successor. ``renamed``, ``moved`` (new parent) and ``quota`` (changed staff quota) can
combine. ``kept``: none of these.
"""


@dataclass(frozen=True, slots=True)
class UnitStatus:
    """How one unit differs between ``before`` and ``after``.

    ``unit`` is the record to draw (the ``after`` one while the unit is active, else the
    ``before`` one); ``parent`` the parent to draw it under; ``successors`` the units an
    ended unit became (part of) and ``change`` the lineage verb (``merge``, ``absorb``,
    ``dissolve``, ``split``).
    """

    id: str
    status: tuple[str, ...]
    unit: Unit
    before: Unit | None
    after: Unit | None
    parent: str | None
    successors: tuple[str, ...] = ()
    change: str | None = None

    @property
    def ended(self) -> bool:
        """True if the unit was active before and is not after."""
        return self.status[0] in ("merged", "split", "dissolved")


def unit_statuses(before: Org, after: Org) -> dict[str, UnitStatus]:
    """Every unit active in ``before`` or ``after``, with its status, in drawing order.

    Ended units come from ``before``; their successors (the units they became directly)
    from ``after``'s lineage. New units are placed just after their first predecessor.

    Examples
    --------
    >>> from datetime import date
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
    ...     Unit(id="d", name="District", kind="district", level="district"),
    ...     Unit(id="a", name="A", kind="office", level="district", parent="d"),
    ...     Unit(id="b", name="B", kind="office", level="district", parent="d"),
    ... ])
    >>> merge = {"op": "merge", "sources": ["a", "b"], "into": {"id": "ab", "name": "A+B"}}
    >>> after = apply(org, [merge])
    >>> {i: c.status for i, c in unit_statuses(org, after).items()}
    {'d': ('kept',), 'a': ('merged',), 'ab': ('new',), 'b': ('merged',)}
    """
    done = between(before, after)
    ended = {e.id: e for e in done.ended}
    established = {e.id: e for e in done.established}
    kept = {k.id: k for k in done.kept}

    # Drawing order: the later structure's file order, then units only the earlier one has;
    # a new unit is drawn just after its first predecessor.
    order: dict[str, float] = {}
    for index, unit in enumerate(after.units(include_ended=True)):
        if unit.id in ended or unit.id in established or unit.id in kept:
            order[unit.id] = float(index)
    for index, unit in enumerate(before.units()):
        order.setdefault(unit.id, len(order) + index + 0.0)
    for ident, new in established.items():
        first = [order[p] for p in new.predecessors if p in order]
        if first:
            order[ident] = min(first) + 0.5 + order[ident] * 1e-9

    statuses: dict[str, UnitStatus] = {}
    for ident in sorted(order, key=order.__getitem__):
        if ident in ended:
            statuses[ident] = _ended_status(ended[ident])
        elif ident in established:
            unit = established[ident].unit
            statuses[ident] = UnitStatus(ident, ("new",), unit, None, unit, unit.parent)
        else:
            k = kept[ident]
            flags = [
                flag
                for flag, changed in (
                    ("renamed", k.renamed),
                    ("moved", k.moved),
                    ("quota", k.quota_changed),
                )
                if changed
            ]
            status = tuple(flags) or ("kept",)
            statuses[ident] = UnitStatus(ident, status, k.after, k.before, k.after, k.after.parent)
    return statuses


def _ended_status(ended: EndedUnit) -> UnitStatus:
    unit, nexts = ended.unit, ended.successors
    change = ended.change if nexts else None
    if not nexts:
        status: tuple[str, ...] = ("dissolved",)
    elif change == "split":
        status = ("split",)
    else:
        status = ("merged",)
    return UnitStatus(ended.id, status, unit, unit, None, unit.parent, nexts, change)
