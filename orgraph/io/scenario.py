"""Scenario files: load and save :class:`~orgraph.Scenario` as JSON or YAML."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from orgraph.errors import FileError
from orgraph.io._files import (
    atomic_write,
    dump_document,
    file_format,
    read_document,
    validation_problems,
)
from orgraph.scenario import Scenario

__all__ = ["load_scenario", "save_scenario"]


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
