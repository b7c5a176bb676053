"""What differs between two structures: units, posts and holders, matched by id and lineage.

A unit of ``a`` that has ended in ``b`` is reported with the units it lives on in,
following ``b``'s lineage ("merged into X"), not merely as removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from orgraph.lineage import LineageIndex
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


def _appointment_key(a: Appointment) -> tuple[str, str, str]:
    return (a.person, a.post, a.start.isoformat() if a.start else "")


def _record_in(org: Org, appointment: Appointment) -> Appointment:
    """``org``'s record of an appointment (which carries its end), else the appointment."""
    if not org.has_post(appointment.post):
        return appointment
    key = _appointment_key(appointment)
    return next(
        (
            x
            for x in org.appointments(post=appointment.post, include_ended=True)
            if _appointment_key(x) == key
        ),
        appointment,
    )


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
    old_units = {u.id: u for u in a.units()}
    new_units = {u.id: u for u in b.units()}
    index = LineageIndex(b)
    added = []
    for ident, unit in new_units.items():
        if ident in old_units:
            continue
        predecessors = []
        if b.has_unit(ident):
            predecessors = [
                p.id for p in index.came_from(ident, transitive=True) if a.has_unit(p.id)
            ]
        added.append(
            AddedUnit(
                id=ident,
                name=unit.name,
                level=unit.level,
                parent=unit.parent,
                predecessors=predecessors,
            )
        )
    ended = []
    for ident, unit in old_units.items():
        if ident in new_units:
            continue
        successors, change = index.final_successors(ident) if b.has_unit(ident) else ([], None)
        ended.append(
            EndedUnit(
                id=ident,
                name=unit.name,
                level=unit.level,
                parent=unit.parent,
                change=change,
                successors=successors,
                removed=not b.has_unit(ident),
            )
        )
    both = [(old_units[i], new_units[i]) for i in old_units if i in new_units]
    old_posts = {p.id: p for p in a.posts()}
    new_posts = {p.id: p for p in b.posts()}
    old_appointments = {_appointment_key(x): x for x in a.appointments()}
    new_appointments = {_appointment_key(x): x for x in b.appointments()}
    ended_appointments = [
        _record_in(b, x) for k, x in old_appointments.items() if k not in new_appointments
    ]
    return Diff(
        units_added=added,
        units_ended=ended,
        units_renamed=[
            FieldChange(id=o.id, old=o.name, new=n.name) for o, n in both if o.name != n.name
        ],
        units_moved=[
            FieldChange(id=o.id, old=o.parent, new=n.parent)
            for o, n in both
            if o.parent != n.parent
        ],
        quota_changed=[
            QuotaChange(id=o.id, old=o.quota, new=n.quota) for o, n in both if o.quota != n.quota
        ],
        funding_changed=[
            FundingChange(id=o.id, old=o.funding, new=n.funding)
            for o, n in both
            if o.funding != n.funding
        ],
        posts_added=[i for i in new_posts if i not in old_posts],
        posts_abolished=[i for i in old_posts if i not in new_posts],
        posts_moved=[
            MovedPost(id=i, old_unit=p.unit, new_unit=new_posts[i].unit)
            for i, p in old_posts.items()
            if i in new_posts and new_posts[i].unit != p.unit
        ],
        appointments_started=[x for k, x in new_appointments.items() if k not in old_appointments],
        appointments_ended=ended_appointments,
    )
