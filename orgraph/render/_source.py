"""The tree a chart draws: one structure, or the union of a before/after pair."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgraph.labels import label
from orgraph.render.diff import UnitStatus, unit_statuses

if TYPE_CHECKING:
    from orgraph.model import Unit
    from orgraph.org import Org

__all__ = ["Source", "count_below", "holding", "quota_text"]


class Source:
    """The tree to draw: one structure, or the union of a before/after pair."""

    def __init__(self, org: Org, before: Org | None) -> None:
        self.org = org
        self.before = before
        self.changes: dict[str, UnitStatus] | None = None
        if before is None:
            self.units = {u.id: u for u in org.units()}
            self.kids: dict[str, list[str]] = {
                i: [c.id for c in org.children(i)] for i in self.units
            }
            self.parents = {u.id: u.parent for u in self.units.values()}
        else:
            self.changes = unit_statuses(before, org)
            self.units = {i: c.unit for i, c in self.changes.items()}
            self.parents = {i: c.parent for i, c in self.changes.items()}
            self.kids = {i: [] for i in self.units}
            for ident, parent in self.parents.items():
                if parent in self.kids:
                    self.kids[parent].append(ident)

        self._reorder()

    def _reorder(self) -> None:
        """Units created from siblings (merge, split, ...) take their predecessors' place:
        right after the last of them, not at the end of the list."""
        came_from: dict[str, list[str]] = {}
        for edge in self.org.lineage:
            if edge.change == "transfer":
                continue  # a part moved between bodies that both went on
            if edge.successor in self.parents:
                came_from.setdefault(edge.successor, []).append(edge.predecessor)
        if not came_from:
            return
        for parent, kids in self.kids.items():
            everyone = kids
            if self.before is None:
                everyone = [c.id for c in self.org.children(parent, include_ended=True)]
            index = {ident: i for i, ident in enumerate(everyone)}
            follows: dict[str, list[str]] = {}
            movers = set()
            for kid in kids:
                spots = [index[p] for p in came_from.get(kid, ()) if p in index and p != kid]
                if spots:
                    follows.setdefault(everyone[max(spots)], []).append(kid)
                    movers.add(kid)
            if not movers:
                continue
            active = set(kids)
            ordered: list[str] = []
            for ident in everyone:
                if ident in active and ident not in movers:
                    ordered.append(ident)
                ordered.extend(follows.get(ident, ()))
            self.kids[parent] = list(dict.fromkeys(ordered + kids))

    def roots(self) -> list[str]:
        return [i for i, p in self.parents.items() if p is None or p not in self.units]

    def org_of(self, ident: str) -> Org:
        """The structure whose posts describe the unit (before, for an ended unit)."""
        if self.changes is not None and self.before is not None and self.changes[ident].ended:
            return self.before
        return self.org


def count_below(source: Source, ident: str) -> int:
    total, stack = 0, list(source.kids[ident])
    while stack:
        current = stack.pop()
        total += 1
        stack.extend(source.kids[current])
    return total


def holding(org: Org) -> dict[str, list[str]]:
    held: dict[str, list[str]] = {}
    for appointment in org.appointments():
        held.setdefault(appointment.person, []).append(appointment.post)
    return held


def quota_text(unit: Unit, lang: str = "en") -> str | None:
    """``Quota 12: 10 civil servants, 2 contracts`` (``Biên chế 12: 10 công chức, ...``)."""
    quota = unit.quota
    if quota.is_empty():
        return None
    parts = [
        f"{value} {label(noun if value == 1 else noun + '_n', lang)}"
        for value, noun in (
            (quota.civil_servants, "civil_servant"),
            (quota.public_employees, "public_employee"),
            (quota.contracts, "contract"),
        )
        if value
    ]
    head = label("quota_row", lang, total=quota.total)
    return head + (f": {', '.join(parts)}" if parts else "")
