"""Typed operations: the only way a structure changes.

``Operation`` is a pydantic discriminated union on the field ``op``; validate a mapping
with :data:`OPERATION_ADAPTER` (built once, reused) or :func:`parse_operation`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from orgraph.ops.attributes import ChangeFunding, Rename, Reparent, SetQuota, TransferFunction
from orgraph.ops.base import OperationBase, UnitSpec
from orgraph.ops.functions import AddFunction, RemoveFunction
from orgraph.ops.identity import LeaveScope, Reestablish, Replace
from orgraph.ops.links import AddLink, RemoveLink
from orgraph.ops.parts import Share, SpinOff, SplitOnto
from orgraph.ops.people import RenamePerson
from orgraph.ops.post_moves import ContinuePost, MovePost
from orgraph.ops.posts import AbolishPost, Appoint, ConcurrentRole, CreatePost, Release, Rotate
from orgraph.ops.restore import Restore
from orgraph.ops.structure import Absorb, Dissolve, Establish, Merge, Split, SplitPart

__all__ = [
    "OPERATION_ADAPTER",
    "AbolishPost",
    "Absorb",
    "AddFunction",
    "AddLink",
    "Appoint",
    "ChangeFunding",
    "ConcurrentRole",
    "ContinuePost",
    "CreatePost",
    "Dissolve",
    "Establish",
    "LeaveScope",
    "Merge",
    "MovePost",
    "Operation",
    "OperationBase",
    "Reestablish",
    "Release",
    "RemoveFunction",
    "RemoveLink",
    "Rename",
    "RenamePerson",
    "Reparent",
    "Replace",
    "Restore",
    "Rotate",
    "SetQuota",
    "Share",
    "SpinOff",
    "Split",
    "SplitOnto",
    "SplitPart",
    "TransferFunction",
    "UnitSpec",
    "parse_operation",
]

Operation = Annotated[
    Establish
    | Merge
    | Absorb
    | Dissolve
    | Split
    | Reparent
    | Rename
    | TransferFunction
    | ChangeFunding
    | SetQuota
    | CreatePost
    | AbolishPost
    | Appoint
    | Release
    | ConcurrentRole
    | Rotate
    | AddLink
    | RemoveLink
    | SpinOff
    | SplitOnto
    | Replace
    | LeaveScope
    | Reestablish
    | AddFunction
    | RemoveFunction
    | MovePost
    | ContinuePost
    | RenamePerson
    | Restore,
    Field(discriminator="op"),
]
"""Any operation, told apart by its ``op`` tag."""

OPERATION_ADAPTER: TypeAdapter[Operation] = TypeAdapter(Operation)


def parse_operation(data: Any) -> Operation:
    """Validate a mapping such as ``{"op": "rename", "unit": "x", "name": "X"}``."""
    return OPERATION_ADAPTER.validate_python(data)
