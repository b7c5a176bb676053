"""Operations on people themselves: rename_person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from orgraph.errors import Violation
from orgraph.model import Id, Text
from orgraph.ops.base import Context, OperationBase

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["RenamePerson"]


class RenamePerson(OperationBase):
    """A person's name changes from the effective date (a title taken, a new surname).

    The person keeps their id and appointments; the history keeps the earlier name
    (see :func:`orgraph.history_queries.name_history`).
    """

    op: Literal["rename_person"] = "rename_person"
    person: Id
    name: Text

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        if not org.has_person(self.person):
            return [
                self._violation(
                    "unknown_person", f"person {self.person!r} does not exist", self.person
                )
            ]
        if org.person(self.person).name == self.name:
            return [
                self._violation(
                    "same_name", f"{self.person!r} is already called {self.name!r}", self.person
                )
            ]
        return []

    def _apply(self, org: Org, ctx: Context) -> None:
        ctx.store.put_person(org.person(self.person).model_copy(update={"name": self.name}))

    def inverse(self, before: Org) -> list[Any]:
        return [RenamePerson(person=self.person, name=before.person(self.person).name)]
