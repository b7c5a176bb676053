"""Operations that give a unit a function or take one away: add_function, remove_function."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from orgraph.errors import Violation
from orgraph.model import Code, Id
from orgraph.ops.base import Context, OperationBase, unknown_or_ended

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["AddFunction", "RemoveFunction"]


class _FunctionOp(OperationBase):
    needs_date = False
    unit: Id
    function: Code

    def _has(self, org: Org) -> bool:
        return self.function in org.unit(self.unit).functions


class AddFunction(_FunctionOp):
    """Give a unit a new function (giao chức năng), which it did not have."""

    op: Literal["add_function"] = "add_function"

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.unit])
        if not problems and self._has(org):
            problems.append(
                self._violation(
                    "has_function",
                    f"{self.unit!r} already has function {self.function!r}",
                    self.unit,
                )
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        unit = org.unit(self.unit)
        ctx.store.put_unit(unit.model_copy(update={"functions": unit.functions | {self.function}}))
        ctx.move("function", self.function, None, self.unit)

    def inverse(self, before: Org) -> list[Any]:
        return [RemoveFunction(unit=self.unit, function=self.function)]


class RemoveFunction(_FunctionOp):
    """Take a function away from a unit: nobody holds it afterwards."""

    op: Literal["remove_function"] = "remove_function"

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.unit])
        if not problems and not self._has(org):
            problems.append(
                self._violation(
                    "no_function", f"{self.unit!r} has no function {self.function!r}", self.unit
                )
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        unit = org.unit(self.unit)
        ctx.store.put_unit(unit.model_copy(update={"functions": unit.functions - {self.function}}))
        ctx.move("function", self.function, self.unit, None)

    def inverse(self, before: Org) -> list[Any]:
        return [AddFunction(unit=self.unit, function=self.function)]
