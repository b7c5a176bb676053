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

__all__ = [
    "OrgDocument",
    "dumps",
    "from_document",
    "load",
    "save",
    "to_document",
    "validate_file",
]
