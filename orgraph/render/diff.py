"""What changed for each unit between two structures: the statuses a diff chart shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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


def _key(edge: object) -> str:
    return edge.model_dump_json()  # type: ignore[attr-defined, no-any-return]


def unit_statuses(before: Org, after: Org) -> dict[str, UnitStatus]:
    """Every unit active in ``before`` or ``after``, with its status, in drawing order.

    Ended units come from ``before``; their successors from the lineage ``after``
    recorded since ``before``. New units are placed just after their first predecessor.

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
    old_lineage = {_key(e) for e in before.lineage}
    new_lineage = [e for e in after.lineage if _key(e) not in old_lineage]
    successors: dict[str, list[tuple[str, str]]] = {}
    predecessors: dict[str, list[str]] = {}
    for edge in new_lineage:
        successors.setdefault(edge.predecessor, []).append((edge.successor, edge.change))
        predecessors.setdefault(edge.successor, []).append(edge.predecessor)

    was = {u.id: u for u in before.units()}
    now = {u.id: u for u in after.units()}
    order: dict[str, float] = {}
    for index, unit in enumerate(after.units(include_ended=True)):
        if unit.id in was or unit.id in now:
            order[unit.id] = float(index)
    for index, unit in enumerate(before.units()):
        order.setdefault(unit.id, len(order) + index + 0.0)
    for ident in now:
        if ident not in was:
            first = [order[p] for p in predecessors.get(ident, []) if p in order]
            if first:
                order[ident] = min(first) + 0.5 + order[ident] * 1e-9

    changes: dict[str, UnitStatus] = {}
    for ident in sorted(order, key=order.__getitem__):
        old, new = was.get(ident), now.get(ident)
        if new is None:
            assert old is not None
            nexts = tuple(dict.fromkeys(s for s, _ in successors.get(ident, [])))
            verbs = [c for _, c in successors.get(ident, [])]
            change = verbs[0] if verbs else None
            if not nexts:
                status: tuple[str, ...] = ("dissolved",)
            elif change == "split":
                status = ("split",)
            else:
                status = ("merged",)
            changes[ident] = UnitStatus(ident, status, old, old, None, old.parent, nexts, change)
            continue
        if old is None:
            status = ("new",)
        else:
            flags = []
            if old.name != new.name:
                flags.append("renamed")
            if old.parent != new.parent:
                flags.append("moved")
            if old.quota != new.quota:
                flags.append("quota")
            status = tuple(flags) or ("kept",)
        changes[ident] = UnitStatus(ident, status, new, old, new, new.parent)
    return changes
