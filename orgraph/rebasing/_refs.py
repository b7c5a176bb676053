"""What an operation refers to and creates, and the same operation with units replaced.

Each operation kind lists the paths of its fields that hold unit, post and person ids
(``sources[]`` is every item of a list, ``into[].parent`` a field of every item). The
rebase reads and rewrites operations through these paths only, so a new operation kind
needs one line here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orgraph.ops import OPERATION_ADAPTER, OperationBase

__all__ = ["created_ids", "person_refs", "post_refs", "substitute_units", "unit_refs"]

_UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "establish": ("unit.parent",),
    "merge": ("sources[]", "into.parent"),
    "absorb": ("sources[]", "into"),
    "dissolve": ("unit", "successor"),
    "split": ("source", "into[].parent", "into[].children[]", "into[].links[]"),
    "reparent": ("unit", "parent"),
    "rename": ("unit",),
    "change_funding": ("unit",),
    "set_quota": ("unit",),
    "transfer_function": ("source", "target"),
    "create_post": ("post.unit",),
    "add_link": ("source", "target"),
    "remove_link": ("source", "target"),
}
_POST_PATHS: dict[str, tuple[str, ...]] = {
    "split": ("into[].posts[]",),
    "abolish_post": ("post",),
    "appoint": ("post",),
    "release": ("post",),
    "concurrent_role": ("primary", "secondary"),
    "rotate": ("from_post", "to_post"),
}
_PERSON_PATHS: dict[str, tuple[str, ...]] = {
    "appoint": ("person",),
    "release": ("person",),
    "rotate": ("person",),
}
_CREATED_PATHS: dict[str, tuple[str, ...]] = {
    "establish": ("unit.id",),
    "merge": ("into.id",),
    "split": ("into[].id",),
    "create_post": ("post.id",),
    "appoint": ("person.id",),
}


def _dump(op: OperationBase) -> dict[str, Any]:
    data: dict[str, Any] = op.model_dump(mode="json", exclude_unset=True)
    return data


def _get(data: Any, steps: list[str]) -> list[str]:
    if not steps:
        return [data] if isinstance(data, str) else []
    step, rest = steps[0], steps[1:]
    if step.endswith("[]"):
        items = data.get(step[:-2], []) if isinstance(data, dict) else []
        return (
            [found for item in items for found in _get(item, rest)]
            if rest
            else [i for i in items if isinstance(i, str)]
        )
    if not isinstance(data, dict) or data.get(step) is None:
        return []
    return _get(data[step], rest)


def _set(data: Any, steps: list[str], mapping: Mapping[str, str]) -> None:
    if not isinstance(data, dict):
        return
    step, rest = steps[0], steps[1:]
    key = step[:-2] if step.endswith("[]") else step
    value = data.get(key)
    if value is None:
        return
    if step.endswith("[]"):
        if rest:
            for item in value:
                _set(item, rest, mapping)
        else:
            data[key] = [mapping.get(i, i) if isinstance(i, str) else i for i in value]
    elif rest:
        _set(value, rest, mapping)
    elif isinstance(value, str):
        data[key] = mapping.get(value, value)


def _ids(op: OperationBase, table: Mapping[str, tuple[str, ...]]) -> list[str]:
    data = _dump(op)
    found: list[str] = []
    for path in table.get(op.op, ()):
        found += _get(data, path.split("."))
    return list(dict.fromkeys(found))


def unit_refs(op: OperationBase) -> list[str]:
    """The ids of the existing units ``op`` acts on or names (each once, in field order)."""
    return _ids(op, _UNIT_PATHS)


def post_refs(op: OperationBase) -> list[str]:
    """The ids of the existing posts ``op`` acts on."""
    return _ids(op, _POST_PATHS)


def person_refs(op: OperationBase) -> list[str]:
    """The ids of the people ``op`` acts on (an appointed newcomer included)."""
    data = _dump(op)
    found = _ids(op, _PERSON_PATHS)
    return found + _get(data, ["person", "id"]) if op.op == "appoint" else found


def created_ids(op: OperationBase) -> list[str]:
    """The ids of the units, posts and people ``op`` creates."""
    return _ids(op, _CREATED_PATHS)


def substitute_units(op: OperationBase, mapping: Mapping[str, str]) -> OperationBase:
    """``op`` with every unit id it refers to replaced as ``mapping`` says.

    The fields the operation was given stay exactly those it was given, so defaults
    (``set_quota``'s parts left out) keep their meaning.
    """
    if not mapping or not set(unit_refs(op)) & set(mapping):
        return op
    data = _dump(op)
    for path in _UNIT_PATHS.get(op.op, ()):
        _set(data, path.split("."), mapping)
    new: OperationBase = OPERATION_ADAPTER.validate_python(data)
    return new
