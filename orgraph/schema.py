"""JSON Schemas of the file formats, generated from the models and shipped with the package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orgraph.io.document import OrgDocument
from orgraph.scenario import Scenario

__all__ = ["SCHEMA_DIR", "json_schemas"]

SCHEMA_DIR = Path(__file__).parent / "schemas"
"""Where the shipped ``org.schema.json`` and ``scenario.schema.json`` live."""


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schemas (validation mode) keyed by their shipped file name."""
    result = {}
    for name, model in (("org.schema.json", OrgDocument), ("scenario.schema.json", Scenario)):
        document = model.model_json_schema(mode="validation")
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        result[name] = document
    return result
