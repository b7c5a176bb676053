"""The records a rebase returns: adaptations, conflicts, the result and its error."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from orgraph.errors import OrgraphError
from orgraph.ops import OperationBase
from orgraph.rebasing._baseline import BaselineChange, UnitFate
from orgraph.scenario import Scenario

__all__ = [
    "Adaptation",
    "AdaptationKind",
    "Conflict",
    "ConflictKind",
    "OnConflict",
    "RebaseConflictError",
    "RebaseResult",
    "fate_conflict",
    "past",
]

OnConflict = Literal["stop", "skip"]

past = {"merge": "merged", "absorb": "absorbed"}
"""How each change reads in a sentence."""

ConflictKind = Literal[
    "unit_dissolved",
    "unit_split",
    "post_abolished",
    "holder_released",
    "quota_changed",
    "id_taken",
    "sources_merged",
    "invalid",
]
"""Why an operation could not be carried over."""

AdaptationKind = Literal["successor", "moved", "renamed", "already_done"]
"""How an operation was carried over: a unit replaced by its successor; a unit the
baseline moved or renamed acted on where and as it now is; or the operation left out
because the baseline already did exactly it."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Adaptation(_Record):
    """Operation ``index`` (1-based, of kind ``op``) now reads ``id`` as ``to``.

    For ``successor`` ``to`` is the unit that replaced ``id`` in the operation; for
    ``moved`` the unit's new parent (None: a root); for ``renamed`` its new name.
    """

    index: int
    op: str
    kind: AdaptationKind
    id: str
    to: str | None
    was: str | None = None
    cause: BaselineChange
    message: str


class Conflict(_Record):
    """Operation ``index`` (1-based, of kind ``op``) cannot be carried over.

    ``ids`` are the records at issue, ``cause`` the baseline event behind it, ``message``
    one line on what happened and ``options`` what the planner can do.
    """

    index: int
    op: str
    kind: ConflictKind
    ids: tuple[str, ...]
    cause: BaselineChange
    message: str
    options: tuple[str, ...]

    def __str__(self) -> str:
        where = f"operation {self.index} ({self.op})"
        event = self.cause.event
        when = self.cause.effective
        because = f" [baseline {event or 'record'}{f', {when}' if when else ''}]"
        return f"{where}: {self.message}{because if event or when else ''}"


class RebaseResult(_Record):
    """The rebased scenario, what was adapted and what was dropped as a conflict."""

    scenario: Scenario
    adaptations: tuple[Adaptation, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


class RebaseConflictError(OrgraphError, ValueError):
    """A rebase (or combine) asked to stop at the first conflict met one.

    ``conflict`` is that conflict; ``result`` what had been carried over before it.
    """

    def __init__(self, conflict: Conflict, *, result: RebaseResult) -> None:
        self.conflict = conflict
        self.result = result
        super().__init__(f"{result.scenario.name}: {conflict} (skipping conflicts drops it)")


def fate_conflict(index: int, op: OperationBase, unit: str, fate: UnitFate) -> Conflict:
    if fate.change == "split" or len(fate.successors) > 1:
        parts = ", ".join(fate.successors) or "no active unit"
        return Conflict(
            index=index,
            op=op.op,
            kind="unit_split",
            ids=(unit, *fate.successors),
            cause=fate.cause,
            message=f"unit {unit!r} was split into {parts}",
            options=(
                f"point the operation at one of {parts}",
                "drop the operation",
            ),
        )
    successor = fate.successors[0] if fate.successors else None
    how = "dissolved" if fate.change in (None, "dissolve") else f"ended ({fate.change})"
    options = ["drop the operation", "point the operation at another unit"]
    if successor:
        options.insert(1, f"point the operation at {successor!r}, which took over its work")
    return Conflict(
        index=index,
        op=op.op,
        kind="unit_dissolved",
        ids=(unit, *fate.successors),
        cause=fate.cause,
        message=f"unit {unit!r} was {how}"
        + (f"; its work went to {successor!r}" if successor else ""),
        options=tuple(options),
    )
