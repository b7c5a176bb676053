"""Files: the orgraph structure format (JSON or YAML) and its JSON Schema."""

from __future__ import annotations

from orgraph.io.document import (
    OrgDocument,
    dumps,
    from_document,
    load,
    save,
    to_document,
    validate_file,
)
from orgraph.io.scenario import load_scenario, save_scenario

__all__ = [
    "OrgDocument",
    "dumps",
    "from_document",
    "load",
    "load_scenario",
    "save",
    "save_scenario",
    "to_document",
    "validate_file",
]
