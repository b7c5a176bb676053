"""Operations on links between units: add_link, remove_link."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import model_validator

from orgraph.errors import Violation
from orgraph.model import Code, Id, Link, Text
from orgraph.ops.base import Context, OperationBase, unknown_or_ended

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["AddLink", "RemoveLink"]


class _LinkOp(OperationBase):
    needs_date = False
    source: Id
    target: Id
    kind: Code

    @model_validator(mode="after")
    def _two_units(self) -> Any:
        if self.source == self.target:
            raise ValueError("a link joins two different units")
        return self

    def _exists(self, org: Org) -> bool:
        return org.has_link(self.source, self.target, self.kind)


class AddLink(_LinkOp):
    """Add a typed link (dotted-line reporting, guidance, coordination) between two units."""

    op: Literal["add_link"] = "add_link"
    note: Text | None = None

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.source, self.target])
        if not problems and self._exists(org):
            problems.append(
                self._violation(
                    "link_exists",
                    f"link {self.kind} from {self.source!r} to {self.target!r} already exists",
                    self.source,
                    self.target,
                )
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        link = Link(source=self.source, target=self.target, kind=self.kind, note=self.note)
        ctx.store.add_link(link)
        ctx.changed.extend((self.source, self.target))

    def inverse(self, before: Org) -> list[Any]:
        return [RemoveLink(source=self.source, target=self.target, kind=self.kind)]


class RemoveLink(_LinkOp):
    """Remove a link between two units."""

    op: Literal["remove_link"] = "remove_link"

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        if not self._exists(org):
            return [
                self._violation(
                    "no_link",
                    f"there is no link {self.kind} from {self.source!r} to {self.target!r}",
                    self.source,
                    self.target,
                )
            ]
        return []

    def _apply(self, org: Org, ctx: Context) -> None:
        link = org.link(self.source, self.target, self.kind)
        ctx.store.remove_link(link)
        ctx.links_dropped.append(link)

    def inverse(self, before: Org) -> list[Any]:
        link = before.link(self.source, self.target, self.kind)
        return [AddLink(source=link.source, target=link.target, kind=link.kind, note=link.note)]
