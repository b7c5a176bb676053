"""Scenarios: named lists of operations that planners write, apply and compare."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from orgraph._files import (
    atomic_write,
    dump_document,
    file_format,
    read_document,
    validation_problems,
)
from orgraph.errors import FileError
from orgraph.model import Text
from orgraph.ops import Operation

__all__ = ["Scenario", "load_scenario", "save_scenario"]


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


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario from a ``.json``, ``.yaml`` or ``.yml`` file.

    Errors name the file, the operation (``operations[3] (op=merge)``) and the problem.
    """
    data = read_document(path, what="scenario file")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise FileError.of(validation_problems(exc, data), path=path) from None


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write a scenario to ``.json`` or ``.yaml`` atomically."""
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    data = {"format_version": 1, **data}
    atomic_write(path, dump_document(data, file_format(path)))
