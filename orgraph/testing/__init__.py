"""Hypothesis strategies for property-based tests of code that uses orgraph.

Three strategies, modelled on ``hypothesis.extra.pandas``: :func:`orgs` draws valid
structures of varied shape, :func:`operations` draws one operation valid for a given
structure and :func:`scenarios` draws a list of operations each valid for the structure
the previous ones produce. Arguments are keyword-only and checked when the strategy is
built, so a mistake raises :class:`hypothesis.errors.InvalidArgument` at once.

This package needs ``hypothesis`` (the ``testing`` extra); the rest of orgraph never
imports it.

Examples
--------
>>> from hypothesis import given, settings
>>> from orgraph.testing import orgs, scenarios
>>> @settings(max_examples=5, database=None)
... @given(orgs(max_units=6))
... def test_valid(org):
...     assert org.check() == []
>>> test_valid()
"""

from __future__ import annotations

from orgraph.testing._sequences import operations, scenarios
from orgraph.testing._structures import orgs
from orgraph.testing._vocabulary import DEFAULT_BLOCS, DEFAULT_LEVELS, OPERATION_KINDS

__all__ = [
    "DEFAULT_BLOCS",
    "DEFAULT_LEVELS",
    "OPERATION_KINDS",
    "operations",
    "orgs",
    "scenarios",
]
