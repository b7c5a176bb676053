"""Eager checks of strategy arguments: a mistake raises ``InvalidArgument`` at once."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from hypothesis.errors import InvalidArgument

from orgraph.org import Org
from orgraph.testing._vocabulary import _CODE, OPERATION_KINDS

__all__ = [
    "_check_bool",
    "_check_codes",
    "_check_int",
    "_check_interval",
    "_check_kinds",
    "_check_org",
]


def _check_bool(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True or False")


def _check_int(value: object, name: str, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an integer")
    if value < minimum:
        raise InvalidArgument(f"{name}={value!r} must be at least {minimum}")


def _check_interval(low: int, high: int, low_name: str, high_name: str) -> None:
    if low > high:
        raise InvalidArgument(f"{low_name}={low!r} is greater than {high_name}={high!r}")


def _check_codes(value: object, name: str, *, allow_empty: bool) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgument(f"{name}={value!r} must be a sequence of codes such as ('district',)")
    codes = tuple(value)
    if not codes and not allow_empty:
        raise InvalidArgument(f"{name} must not be empty")
    for code in codes:
        if not isinstance(code, str) or not _CODE.match(code) or len(code) > 100:
            raise InvalidArgument(
                f"{name} contains {code!r}, which is not a code (ASCII letters, digits, _.-)"
            )
    if len(set(codes)) != len(codes):
        raise InvalidArgument(f"{name}={codes!r} lists a code twice")
    return codes


def _check_org(org: object) -> None:
    if not isinstance(org, Org):
        raise InvalidArgument(f"org={org!r} must be an orgraph.Org, not {type(org).__name__}")


def _check_kinds(kinds: object) -> tuple[str, ...]:
    if kinds is None:
        return OPERATION_KINDS
    if isinstance(kinds, str) or not isinstance(kinds, Collection):
        raise InvalidArgument(f"kinds={kinds!r} must be a collection of operation tags")
    unknown = sorted(set(kinds) - set(OPERATION_KINDS))
    if unknown:
        raise InvalidArgument(f"kinds contains unknown operation(s) {unknown}")
    if not kinds:
        raise InvalidArgument("kinds must not be empty")
    return tuple(k for k in OPERATION_KINDS if k in kinds)
