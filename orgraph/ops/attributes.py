"""Operations that change one unit in place: reparent, rename, functions, funding, quota."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import model_validator

from orgraph.errors import Violation
from orgraph.model import QUOTA_FIELDS, Code, Funding, Id, Quota, QuotaCount, Text, UnitCode
from orgraph.ops._transfer import in_subtree
from orgraph.ops.base import Context, OperationBase, unknown_or_ended

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["ChangeFunding", "Rename", "Reparent", "SetQuota", "TransferFunction"]


class Reparent(OperationBase):
    """Move a unit (with everything below it) under another parent; ``None`` makes it a root."""

    op: Literal["reparent"] = "reparent"
    needs_date = False
    unit: Id
    parent: Id | None

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.unit])
        if self.parent is not None:
            problems += unknown_or_ended(org, self, [self.parent], role="parent")
        if not problems and self.parent is not None and in_subtree(org, self.parent, [self.unit]):
            problems.append(
                self._violation(
                    "cycle",
                    f"{self.parent!r} lies inside {self.unit!r}: that would make a cycle",
                    self.unit,
                    self.parent,
                )
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        unit = org.unit(self.unit)
        ctx.store.put_unit(unit.model_copy(update={"parent": self.parent}))
        ctx.move("unit", self.unit, unit.parent, self.parent)

    def inverse(self, before: Org) -> list[Any]:
        return [Reparent(unit=self.unit, parent=before.unit(self.unit).parent)]


def _nulls_to_clear(data: Any, fields: tuple[str, ...]) -> Any:
    """Input where ``fields`` are given as null, said the explicit way: listed in ``clear``.

    Files have always said "make this unknown" with a null; the operation itself says it
    with ``clear``, so that what it does never depends on which fields were typed.
    """
    if not isinstance(data, dict) or "clear" in data:
        return data  # said the explicit way (a full dump has every part, null or not)
    nulls = [name for name in fields if name in data and data[name] is None]
    if not nulls:
        return data
    rest = {k: v for k, v in data.items() if k not in nulls}
    rest["clear"] = tuple(nulls)
    return rest


class Rename(OperationBase):
    """Give a unit a new name, and optionally a new official code, kind or level.

    A new ``kind`` or ``level`` reclassifies the unit in place (a town that becomes a
    commune, or a district body re-homed at province level, keeps its identity, posts
    and history). ``clear: [code]`` (or ``code: null``) removes the official code.
    """

    op: Literal["rename"] = "rename"
    needs_date = False
    unit: Id
    name: Text
    code: UnitCode | None = None
    kind: Code | None = None
    level: Code | None = None
    clear: tuple[Literal["code"], ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _null_code_means_clear(cls, data: Any) -> Any:
        return _nulls_to_clear(data, ("code",))

    @model_validator(mode="after")
    def _set_or_cleared(self) -> Rename:
        if self.code is not None and self.clear:
            raise ValueError("code is both given and cleared")
        return self

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        return unknown_or_ended(org, self, [self.unit])

    def _apply(self, org: Org, ctx: Context) -> None:
        update: dict[str, Any] = {"name": self.name}
        for name in ("code", "kind", "level"):
            if getattr(self, name) is not None:
                update[name] = getattr(self, name)
        if self.clear:
            update["code"] = None
        ctx.store.put_unit(org.unit(self.unit).model_copy(update=update))
        ctx.changed.append(self.unit)

    def inverse(self, before: Org) -> list[Any]:
        unit = before.unit(self.unit)
        fields: dict[str, Any] = {"unit": self.unit, "name": unit.name}
        if self.code is not None or self.clear:
            fields.update({"code": unit.code} if unit.code is not None else {"clear": ("code",)})
        for name in ("kind", "level"):
            if getattr(self, name) is not None:
                fields[name] = getattr(unit, name)
        return [Rename(**fields)]


class TransferFunction(OperationBase):
    """Move one function (chuyển chức năng) from a unit to another."""

    op: Literal["transfer_function"] = "transfer_function"
    needs_date = False
    function: Code
    source: Id
    target: Id

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.source], role="source")
        problems += unknown_or_ended(org, self, [self.target], role="target")
        if problems:
            return problems
        if self.source == self.target:
            problems.append(
                self._violation("same_unit", "source and target are the same unit", self.source)
            )
        if self.function not in org.unit(self.source).functions:
            problems.append(
                self._violation(
                    "no_function",
                    f"{self.source!r} has no function {self.function!r}",
                    self.source,
                )
            )
        if self.function in org.unit(self.target).functions:
            problems.append(
                self._violation(
                    "has_function",
                    f"{self.target!r} already has function {self.function!r}",
                    self.target,
                )
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        source, target = org.unit(self.source), org.unit(self.target)
        ctx.store.put_unit(
            source.model_copy(update={"functions": source.functions - {self.function}})
        )
        ctx.store.put_unit(
            target.model_copy(update={"functions": target.functions | {self.function}})
        )
        ctx.move("function", self.function, self.source, self.target)
        ctx.lineage.append((self.source, self.target, "transfer"))

    def inverse(self, before: Org) -> list[Any]:
        return [TransferFunction(function=self.function, source=self.target, target=self.source)]


class ChangeFunding(OperationBase):
    """Change a unit's funding regime (chuyển đổi cơ chế tự chủ)."""

    op: Literal["change_funding"] = "change_funding"
    needs_date = False
    unit: Id
    funding: Funding | None

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        return unknown_or_ended(org, self, [self.unit])

    def _apply(self, org: Org, ctx: Context) -> None:
        ctx.store.put_unit(org.unit(self.unit).model_copy(update={"funding": self.funding}))
        ctx.changed.append(self.unit)

    def inverse(self, before: Org) -> list[Any]:
        return [ChangeFunding(unit=self.unit, funding=before.unit(self.unit).funding)]


QuotaPart = Literal["civil_servants", "public_employees", "contracts"]
"""A part of a quota that ``set_quota`` can clear."""


class SetQuota(OperationBase):
    """Set parts of a unit's staff quota (tinh giản biên chế when it goes down).

    Only the parts given change; the parts listed in ``clear`` become unknown (a part
    given as ``null`` in a file is read as listed in ``clear``).
    """

    op: Literal["set_quota"] = "set_quota"
    needs_date = False
    unit: Id
    civil_servants: QuotaCount | None = None
    public_employees: QuotaCount | None = None
    contracts: QuotaCount | None = None
    clear: tuple[QuotaPart, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _null_means_clear(cls, data: Any) -> Any:
        return _nulls_to_clear(data, QUOTA_FIELDS)

    @model_validator(mode="after")
    def _something_to_set(self) -> SetQuota:
        given = [name for name in QUOTA_FIELDS if getattr(self, name) is not None]
        if not given and not self.clear:
            raise ValueError("give at least one of civil_servants, public_employees, contracts")
        both = sorted(set(given) & set(self.clear))
        if both:
            raise ValueError(f"{', '.join(both)} given and cleared at once")
        return self

    def _changes(self) -> dict[str, int | None]:
        """The new value of each part this operation changes (None: unknown)."""
        changes: dict[str, int | None] = {
            name: getattr(self, name) for name in QUOTA_FIELDS if getattr(self, name) is not None
        }
        changes.update(dict.fromkeys(self.clear))
        return changes

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        return unknown_or_ended(org, self, [self.unit])

    def _apply(self, org: Org, ctx: Context) -> None:
        unit = org.unit(self.unit)
        given = self._changes()
        quota = unit.quota.model_copy(update=given)
        ctx.store.put_unit(unit.model_copy(update={"quota": quota}))
        ctx.changed.append(self.unit)
        cut = {
            name: (getattr(unit.quota, name) or 0) - (value or 0)
            for name, value in given.items()
            if (getattr(unit.quota, name) or 0) > (value or 0)
        }
        if cut:
            ctx.quota_cut = ctx.quota_cut + Quota(**cut)

    def inverse(self, before: Org) -> list[Any]:
        old = before.unit(self.unit).quota
        parts = {name: getattr(old, name) for name in self._changes()}
        values = {name: value for name, value in parts.items() if value is not None}
        clear = tuple(name for name, value in parts.items() if value is None)
        return [SetQuota(unit=self.unit, **values, clear=clear)]
