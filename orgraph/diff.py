"""What differs between two structures: units, posts and holders, matched by id and lineage.

A report over the one change model, :func:`orgraph.changes.between`.

A unit of ``a`` that has ended in ``b`` is reported with the units it lives on in,
following ``b``'s lineage ("merged into X"), not merely as removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from orgraph.changes import between
from orgraph.model import Appointment, Funding, Quota

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = [
    "AddedUnit",
    "Diff",
    "EndedUnit",
    "FieldChange",
    "FundingChange",
    "MovedPost",
    "QuotaChange",
    "diff",
]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AddedUnit(_Record):
    """A unit active in ``b`` but not in ``a``, with the units of ``a`` it came from."""

    id: str
    name: str
    level: str
    parent: str | None = None
    predecessors: list[str] = []


class EndedUnit(_Record):
    """A unit active in ``a`` but not in ``b``.

    ``change`` is how it ended (``merge``, ``absorb``, ``dissolve``, ``split``; None when
    ``b`` records no lineage for it) and ``successors`` the active units of ``b`` it
    lives on in. ``removed`` is true when ``b`` has no record of the unit at all.
    """

    id: str
    name: str
    level: str
    parent: str | None = None
    change: str | None = None
    successors: list[str] = []
    removed: bool = False

    @property
    def summary(self) -> str:
        """``merged into X``, ``dissolved``, ``split into X, Y`` or ``removed``."""
        verbs = {"merge": "merged", "absorb": "absorbed", "dissolve": "dissolved", "split": "split"}
        verb = verbs.get(self.change or "", self.change or ("removed" if self.removed else "ended"))
        if self.successors:
            return f"{verb} into {', '.join(self.successors)}"
        return verb


class FieldChange(_Record):
    """One field of a unit or post that differs: ``old`` in ``a``, ``new`` in ``b``."""

    id: str
    old: str | None = None
    new: str | None = None


class QuotaChange(_Record):
    """A unit whose staff quota differs."""

    id: str
    old: Quota
    new: Quota


class FundingChange(_Record):
    """A unit whose funding regime differs."""

    id: str
    old: Funding | None = None
    new: Funding | None = None


class MovedPost(_Record):
    """A post active in both that belongs to another unit in ``b``."""

    id: str
    old_unit: str
    new_unit: str


class Diff(_Record):
    """Differences from structure ``a`` to structure ``b`` (active records only)."""

    units_added: list[AddedUnit] = []
    units_ended: list[EndedUnit] = []
    units_renamed: list[FieldChange] = []
    units_moved: list[FieldChange] = []
    quota_changed: list[QuotaChange] = []
    funding_changed: list[FundingChange] = []
    posts_added: list[str] = []
    posts_abolished: list[str] = []
    posts_moved: list[MovedPost] = []
    appointments_started: list[Appointment] = []
    appointments_ended: list[Appointment] = []

    @property
    def empty(self) -> bool:
        """True when ``a`` and ``b`` have the same active units, posts and holders."""
        return not any(getattr(self, name) for name in type(self).model_fields)


def diff(a: Org, b: Org) -> Diff:
    """The differences from ``a`` to ``b``.

    Units and posts are matched by id; what counts is whether they are active. A unit
    active in ``a`` and ended (or missing) in ``b`` is reported with its successors
    from ``b``'s lineage; a unit new in ``b`` with its predecessors that ``a`` knows.
    Appointments are matched by (person, post, start).

    Examples
    --------
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", units=[
    ...     Unit(id="d", name="District", kind="district", level="district"),
    ...     Unit(id="a", name="A", kind="office", level="district", parent="d"),
    ...     Unit(id="b", name="B", kind="office", level="district", parent="d"),
    ... ])
    >>> after = apply(org, [{"op": "absorb", "sources": ["b"], "into": "a",
    ...                      "effective": "2020-01-01"}])
    >>> [u.summary for u in diff(org, after).units_ended]
    ['absorbed into a']
    """
    done = between(a, b)
    return Diff(
        units_added=[
            AddedUnit(
                id=e.id,
                name=e.unit.name,
                level=e.unit.level,
                parent=e.unit.parent,
                predecessors=list(e.known_predecessors),
            )
            for e in done.established
        ],
        units_ended=[
            EndedUnit(
                id=e.id,
                name=e.unit.name,
                level=e.unit.level,
                parent=e.unit.parent,
                change=e.change,
                successors=list(e.final_successors),
                removed=e.removed,
            )
            for e in done.ended
        ],
        units_renamed=[
            FieldChange(id=k.id, old=k.before.name, new=k.after.name) for k in done.renamed
        ],
        units_moved=[
            FieldChange(id=k.id, old=k.before.parent, new=k.after.parent) for k in done.moved
        ],
        quota_changed=[
            QuotaChange(id=k.id, old=k.before.quota, new=k.after.quota) for k in done.quota_changed
        ],
        funding_changed=[
            FundingChange(id=k.id, old=k.before.funding, new=k.after.funding)
            for k in done.funding_changed
        ],
        posts_added=list(done.posts_created),
        posts_abolished=list(done.posts_abolished),
        posts_moved=[
            MovedPost(id=m.id, old_unit=m.old_unit, new_unit=m.new_unit) for m in done.posts_moved
        ],
        appointments_started=list(done.appointments_started),
        appointments_ended=list(done.appointments_ended),
    )
