"""The :func:`operations` and :func:`scenarios` strategies."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import timedelta
from typing import Any

from hypothesis import strategies as st

from orgraph.engine import apply
from orgraph.ops import (
    OperationBase,
)
from orgraph.org import Org
from orgraph.testing._checks import _check_int, _check_interval, _check_kinds, _check_org
from orgraph.testing._drawers import _BUILDERS
from orgraph.testing._view import _View

__all__ = ["_scenarios", "operations", "scenarios"]


@st.composite
def _operations(
    draw: Callable[..., Any],
    org: Org,
    kinds: tuple[str, ...],
    *,
    region: set[str] | None = None,
    tag: str = "",
    conserving: bool = False,
) -> OperationBase:
    view = _View(org, region=region, tag=tag)
    when = view.last + timedelta(days=draw(st.integers(0, 400)))
    # Each kind first with equal chance; when it does not fit, the next ones in turn.
    # (A small st.integers range favours its ends; the remainder of a wide one does not.)
    first = draw(st.integers(0, 2**16)) % len(kinds)
    for kind in kinds[first:] + kinds[:first]:
        op = _BUILDERS[kind](draw, view, when, conserving)
        if op is not None:
            return op
    from hypothesis import reject

    reject()  # none of the kinds asked for fits this structure


def operations(org: Org, *, kinds: Collection[str] | None = None) -> st.SearchStrategy[Any]:
    """A strategy for one operation that is valid for ``org``.

    Over many draws every kind of operation comes up (:data:`OPERATION_KINDS`), as far
    as the structure allows: ``release`` needs a current appointment, ``merge`` two
    active units. Each operation has an ``effective`` date no earlier than anything
    already dated in ``org``, so history stays in date order. ``restore`` operations are
    drawn only in forms that keep the structure valid (renaming units, re-recording
    appointments, adding people).

    Parameters
    ----------
    org : Org
        The structure the operation must be valid for.
    kinds : collection of str, optional
        Only these operation tags (default: all). If none of them fits ``org``, the
        draw is rejected, so keep ``establish`` or ``restore`` in the set when unsure.

    Returns
    -------
    SearchStrategy[Operation]

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from orgraph import Org, Unit
    >>> org = Org.create(name="Demo", units=[
    ...     Unit(id="a", name="A", kind="office", level="district"),
    ...     Unit(id="b", name="B", kind="office", level="district"),
    ... ])
    >>> @settings(max_examples=5, database=None, derandomize=True)
    ... @given(operations(org, kinds={"merge", "absorb"}))
    ... def test_drawn_operations_are_valid(op):
    ...     assert op.op in {"merge", "absorb"} and op.validate(org) == []
    >>> test_drawn_operations_are_valid()
    """
    _check_org(org)
    return _operations(org, _check_kinds(kinds))


@st.composite
def _scenarios(
    draw: Callable[..., Any],
    org: Org,
    min_size: int,
    max_size: int,
    kinds: tuple[str, ...],
) -> list[OperationBase]:
    size = draw(st.integers(min_size, max_size))
    ops: list[OperationBase] = []
    current = org
    for _ in range(size):
        op = draw(_operations(current, kinds))
        current = apply(current, [op])
        ops.append(op)
    return ops


def scenarios(
    org: Org,
    *,
    min_size: int = 1,
    max_size: int = 8,
    kinds: Collection[str] | None = None,
) -> st.SearchStrategy[list[Any]]:
    """A strategy for lists of operations that apply to ``org`` one after another.

    Each operation is valid for the structure the previous ones produce, and dates never
    go backwards, so ``orgraph.apply(org, ops)`` succeeds and the result has a dated
    history in order (which :meth:`orgraph.Org.as_of` needs).

    Parameters
    ----------
    org : Org
        The structure the scenario starts from.
    min_size, max_size : int
        Bounds on the number of operations.
    kinds : collection of str, optional
        Only these operation tags (see :func:`operations`).

    Returns
    -------
    SearchStrategy[list[Operation]]

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from orgraph import apply
    >>> from orgraph.testing import orgs
    >>> @settings(max_examples=5, database=None)
    ... @given(orgs(max_units=5).flatmap(lambda org: st.tuples(st.just(org), scenarios(org))))
    ... def test_scenario_keeps_structure_valid(case):
    ...     org, ops = case
    ...     assert apply(org, ops).check() == []
    >>> test_scenario_keeps_structure_valid()
    """
    _check_org(org)
    _check_int(min_size, "min_size", minimum=0)
    _check_int(max_size, "max_size", minimum=0)
    _check_interval(min_size, max_size, "min_size", "max_size")
    return _scenarios(org, min_size, max_size, _check_kinds(kinds))
