"""Scenarios: named lists of operations that planners write, apply and compare.

Reading and writing scenario files is :mod:`orgraph.io.scenario`'s job
(:func:`orgraph.load_scenario`, :func:`orgraph.save_scenario`).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from orgraph.model import Text, dates_written
from orgraph.ops import Operation

__all__ = ["Scenario"]


class Scenario(BaseModel):
    """A named list of operations, applied in order by :func:`orgraph.apply`.

    ``effective`` is the date used by operations that do not give their own.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", title="orgraph scenario, format version 1"
    )

    format_version: Literal[1] = 1
    name: Text
    description: Text | None = None
    effective: date | None = None
    operations: list[Operation] = []

    _scenario_dates = dates_written("effective")
