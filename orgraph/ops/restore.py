"""``restore``: put records back exactly as they were; the exact inverse of any operation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from orgraph._undo import put_back
from orgraph.errors import Violation
from orgraph.model import Appointment, Id, Link, Person, Post, Unit
from orgraph.ops.base import Context, OperationBase

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["Restore"]


def _is(org: Org, kind: str, ident: str) -> bool:
    if kind == "unit":
        return org.has_unit(ident)
    return org.has_post(ident) if kind == "post" else org.has_person(ident)


class Restore(OperationBase):
    """Replace or remove records so that a touched part of a structure is as it was.

    ``units``, ``posts`` and ``people`` are put back as given (added or replaced);
    ``remove`` lists node ids to delete (with their edges and any lineage that names
    them); appointments and links are removed then added as listed; lineage recorded by
    the events in ``drop_events`` is dropped. Operations' inverses
    and the ``undo`` of history events are ``restore`` operations.
    """

    op: Literal["restore"] = "restore"
    needs_date = False
    units: tuple[Unit, ...] = ()
    posts: tuple[Post, ...] = ()
    people: tuple[Person, ...] = ()
    remove: tuple[Id, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    remove_appointments: tuple[Appointment, ...] = ()
    links: tuple[Link, ...] = ()
    remove_links: tuple[Link, ...] = ()
    drop_events: tuple[str, ...] = ()

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = []
        for appointment in self.remove_appointments:
            present = org.has_person(appointment.person) and appointment in org.appointments(
                person=appointment.person, include_ended=True
            )
            if not present:
                problems.append(
                    self._violation(
                        "unknown_appointment",
                        f"no appointment {appointment.person} -> {appointment.post} to remove",
                        appointment.person,
                        appointment.post,
                    )
                )
        for link in self.remove_links:
            if not org.has_link(link.source, link.target, link.kind):
                problems.append(
                    self._violation(
                        "unknown_link",
                        f"no link {link.kind} {link.source} -> {link.target} to remove",
                        link.source,
                        link.target,
                    )
                )
        return problems + self._dangling(org)

    def _dangling(self, org: Org) -> list[Violation]:
        """References to records that will not exist once the restore is done."""
        removed = set(self.remove)
        given = {
            "unit": {u.id for u in self.units},
            "post": {p.id for p in self.posts},
            "person": {p.id for p in self.people},
        }
        references = [(f"unit {u.id}", "parent", "unit", u.parent) for u in self.units]
        references += [(f"post {p.id}", "unit", "unit", p.unit) for p in self.posts]
        for a in self.appointments:
            item = f"appointment {a.person} -> {a.post}"
            references += [(item, "person", "person", a.person), (item, "post", "post", a.post)]
        for link in self.links:
            item = f"link {link.kind} {link.source} -> {link.target}"
            references += [
                (item, "source", "unit", link.source),
                (item, "target", "unit", link.target),
            ]
        problems = []
        for item, role, kind, ident in references:
            if ident is None or ident in given[kind]:
                continue
            if ident in removed or not _is(org, kind, ident):
                problems.append(
                    self._violation(
                        "dangling_reference", f"{item}: {role} {ident!r} does not exist", ident
                    )
                )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        put_back(ctx.store, self)
        ctx.changed.extend(u.id for u in self.units)
