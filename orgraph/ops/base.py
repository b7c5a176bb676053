"""What every operation shares: common fields, the apply context and helper checks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from orgraph._store import _Store
from orgraph.errors import Violation
from orgraph.model import (
    _NO_QUOTA,
    Appointment,
    Attrs,
    Code,
    CodeSet,
    DatePrecision,
    FrozenDict,
    Funding,
    Id,
    Link,
    Quota,
    Text,
    Unit,
    UnitCode,
    dates_written,
    reduced_dates,
)

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["UNDO", "Context", "OperationBase", "UnitSpec", "unit_or_none"]


class _Undo:
    """Where the default :meth:`OperationBase.inverse` gets an operation's exact undo.

    Applying an operation is the engine's job, a layer above the operations; the engine
    puts its ``undo_of`` here when it is imported (``import orgraph`` does), so that no
    import points up.
    """

    __slots__ = ("of",)

    def __init__(self) -> None:
        self.of: Callable[[Org, OperationBase], Any] | None = None


UNDO = _Undo()


class OperationBase(BaseModel):
    """Fields and protocol shared by every operation.

    Subclasses set the ``op`` tag, implement :meth:`validate` (every violation, never
    only the first) and ``_apply`` (which may assume :meth:`validate` returned nothing).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    #: Whether applying the operation needs a date (it ends or starts something).
    needs_date: ClassVar[bool] = True

    effective: date | None = None
    basis: Text | None = None
    note: Text | None = None
    #: How much of ``effective`` is known (``"1996"`` and ``"1996-05"`` are read as their
    #: first day): its lineage, and the units it founds or ends that day, keep it.
    effective_precision: DatePrecision = "day"

    op: str

    _operation_dates = dates_written("effective")

    @model_validator(mode="before")
    @classmethod
    def _reduced_precision(cls, data: Any) -> Any:
        return reduced_dates(data, ("effective",))

    @model_serializer(mode="wrap")
    def _tag_first(self, handler: SerializerFunctionWrapHandler) -> Any:
        # The tag must survive exclude_defaults/exclude_unset, or the file would not load.
        data = handler(self)
        if isinstance(data, dict):
            return {"op": self.op, **{k: v for k, v in data.items() if k != "op"}}
        return data

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        """Every reason this operation cannot be applied to ``org`` (empty when it can)."""
        raise NotImplementedError

    def _apply(self, org: Org, ctx: Context) -> None:
        raise NotImplementedError

    def _validate_and_apply(self, org: Org, ctx: Context) -> list[Violation]:
        """Apply when valid; otherwise return every problem and change nothing.

        What the engine calls. An operation whose checks look up what applying it needs
        (merge) overrides this to do both from one look-up.
        """
        problems = self.validate(org)
        if not problems:
            self._apply(org, ctx)
        return problems

    def inverse(self, before: Org) -> list[Any]:
        """Operations that turn the result of applying this to ``before`` back into ``before``.

        The default is an exact :class:`~orgraph.ops.Restore` of everything the operation
        touched, which only applying it can tell: the engine computes it (see
        :data:`UNDO`); simple operations return their natural opposite instead.
        """
        if UNDO.of is None:  # pragma: no cover - orgraph imports the engine
            raise RuntimeError("import orgraph (its engine computes inverses)")
        return [UNDO.of(before, self)]

    def _violation(self, code: str, message: str, *ids: str) -> Violation:
        return Violation(code, message, tuple(ids), self.op)

    def __repr_args__(self) -> Any:
        # Leave out unset fields so that a repr is short and valid Python to replay.
        for name, value in super().__repr_args__():
            if name == "op" or (name is not None and name in self.model_fields_set):
                yield name, value


class UnitSpec(BaseModel):
    """A unit to create inside an operation; fields left out are derived from the sources.

    ``founded`` defaults to the operation's effective date.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    id: Id
    name: Text
    kind: Code | None = None
    level: Code | None = None
    bloc: Code | None = None
    parent: Id | None = None
    code: UnitCode | None = None
    functions: CodeSet | None = None
    quota: Quota | None = None
    funding: Funding | None = None
    attrs: Attrs = Field(default_factory=FrozenDict, json_schema_extra={"default": {}})
    #: The new unit's founding date when it is not the operation's date (a successor
    #: founded a few days before or after its predecessors end).
    founded: date | None = None
    founded_precision: DatePrecision = "day"

    @model_validator(mode="before")
    @classmethod
    def _reduced_precision(cls, data: Any) -> Any:
        return reduced_dates(data, ("founded",))

    _spec_dates = dates_written("founded")

    def to_unit(self, *, founded: date | None, **defaults: Any) -> Unit:
        """The unit this spec describes, with ``defaults`` for the fields it leaves out."""
        return Unit.model_validate(self._unit_values(founded, defaults))

    def _unit_values(self, founded: date | None, defaults: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = {k: v for k, v in defaults.items() if v is not None}
        spec = self.__dict__
        # Fields left out hold None (attrs: {}), so "given and not None" is "not None".
        for name in _SPEC_FIELDS:
            value = spec[name]
            if value is not None:
                data[name] = value
        if not data["attrs"]:
            del data["attrs"]
        data.setdefault("founded", founded)
        return data

    def _to_unit(
        self, founded: date | None, defaults: dict[str, Any], fixed: dict[str, Any] | None = None
    ) -> Unit:
        """:meth:`to_unit` with ``fixed`` values winning over the spec's (a merge gives the
        new unit the sum of the sources' quota and the union of their functions).

        Always validated: pydantic's validator builds a unit quicker than
        ``model_construct`` would, so trusting the values would buy nothing.
        """
        return Unit.model_validate({**self._unit_values(founded, defaults), **(fixed or {})})


_SPEC_FIELDS = tuple(UnitSpec.model_fields)


class Context:
    """Collects what an operation does while it is applied."""

    __slots__ = (
        "abolished_posts",
        "appointed",
        "changed",
        "created_posts",
        "ended",
        "established",
        "event",
        "lineage",
        "links_dropped",
        "moved",
        "quota_cut",
        "released",
        "store",
        "when",
    )

    def __init__(self, when: date | None, event: str, store: _Store) -> None:
        # Written out rather than a dataclass's default factories: one Context is made
        # per operation, and list literals cost a third of factory calls.
        #: Where the operation makes its changes: the private copy being changed.
        self.store = store
        self.when = when
        self.event = event
        self.established: list[str] = []
        self.ended: list[str] = []
        self.moved: list[dict[str, Any]] = []
        self.changed: list[str] = []
        self.created_posts: list[str] = []
        self.abolished_posts: list[str] = []
        self.appointed: list[Appointment] = []
        self.released: list[Appointment] = []
        self.links_dropped: list[Link] = []
        self.quota_cut = _NO_QUOTA  # frozen: shared safely, replaced when a cut adds up
        self.lineage: list[tuple[str, str, str]] = []

    def move(self, what: str, id: str, source: str | None, target: str | None) -> None:
        self.moved.append({"what": what, "id": id, "source": source, "target": target})


def unit_or_none(org: Org, ident: str) -> Unit | None:
    """The unit with this id, or None when no unit has it."""
    return org.unit(ident) if org.has_unit(ident) else None


def unknown_or_ended(
    org: Org, op: OperationBase, ids: Sequence[str], *, role: str = "unit"
) -> list[Violation]:
    """Violations for each id that is not an active unit of ``org``."""
    problems = []
    for ident in ids:
        unit = unit_or_none(org, ident)
        if unit is None:
            problems.append(
                op._violation("unknown_unit", f"{role} {ident!r} does not exist", ident)
            )
        elif unit.ended is not None:
            problems.append(
                op._violation("ended_unit", f"{role} {ident!r} ended on {unit.ended}", ident)
            )
    return problems


def unknown_post(org: Org, op: OperationBase, ident: str, *, role: str = "post") -> list[Violation]:
    """A violation if ``ident`` is not an active post."""
    if not org.has_post(ident):
        return [op._violation("unknown_post", f"{role} {ident!r} does not exist", ident)]
    ended = org.post(ident).ended
    if ended is not None:
        return [op._violation("ended_post", f"{role} {ident!r} was abolished on {ended}", ident)]
    return []
