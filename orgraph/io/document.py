"""The orgraph file format (version 1): load, save and validate structures."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from orgraph.engine import replay_problems
from orgraph.errors import FileError, UnreadableFileError, UsageError, Violation
from orgraph.history import Event, LineageEdge
from orgraph.io._files import (
    atomic_write,
    dump_document,
    file_format,
    read_document,
    validation_problems,
)
from orgraph.model import Appointment, Link, Person, Post, Text, Unit, dates_written
from orgraph.org import Org

__all__ = [
    "OrgDocument",
    "dumps",
    "from_document",
    "load",
    "save",
    "to_document",
    "validate_file",
]


class OrgDocument(BaseModel):
    """The top level of an orgraph structure file."""

    model_config = ConfigDict(
        extra="forbid",
        title="orgraph structure, format version 1",
        coerce_numbers_to_str=True,
    )

    format_version: Literal[1]
    name: Text
    as_of: date | None = None
    units: list[Unit] = []
    posts: list[Post] = []
    people: list[Person] = []
    appointments: list[Appointment] = []
    links: list[Link] = []
    history: list[Event] = []
    lineage: list[LineageEdge] = []

    _document_dates = dates_written("as_of")


def _parse(path: str | Path) -> tuple[OrgDocument, dict[str, Any]]:
    data = read_document(path, what="structure file")
    try:
        return OrgDocument.model_validate(data), data
    except ValidationError as exc:
        raise FileError.of(validation_problems(exc, data), path=path) from None


def from_document(document: OrgDocument) -> tuple[Org, list[Violation]]:
    """Build the structure a document describes and list every problem with it."""
    org, problems = Org._build(
        name=document.name,
        date=document.as_of,
        units=document.units,
        posts=document.posts,
        people=document.people,
        appointments=document.appointments,
        links=document.links,
        history=document.history,
        lineage=document.lineage,
    )
    problems += org.check()
    if not problems:
        problems = replay_problems(org)
    return org, problems


def validate_file(path: str | Path) -> list[Violation]:
    """Every problem with a structure file (empty when valid).

    Unreadable files still raise :class:`~orgraph.UnreadableFileError`; a document
    whose fields are malformed gives one violation per field.
    """
    try:
        document, _ = _parse(path)
    except UnreadableFileError:
        raise
    except FileError as exc:
        return list(exc.violations) or [Violation("invalid", exc.problem, (), exc.item)]
    return from_document(document)[1]


def load(path: str | Path) -> Org:
    """Load a structure from a ``.json``, ``.yaml`` or ``.yml`` file.

    Raises :class:`~orgraph.FileError` naming the file, the item and the problem when the
    file is not a valid structure (:class:`~orgraph.UnreadableFileError` when it cannot
    be read at all).

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/dam_ha/org.yaml")
    >>> org.unit("ubkt").level
    'district'
    """
    document, _ = _parse(path)
    org, problems = from_document(document)
    if problems:
        raise FileError.of(problems, path=path)
    return org


def to_document(org: Org) -> dict[str, Any]:
    """The structure as a plain mapping in file format version 1 (stable key order)."""

    def dump(records: Any) -> list[dict[str, Any]]:
        return [r.model_dump(mode="json", exclude_defaults=True) for r in records]

    document: dict[str, Any] = {"format_version": 1, "name": org.name}
    if org.date is not None:
        document["as_of"] = org.date.isoformat()
    document["units"] = dump(org.units(include_ended=True))
    document["posts"] = dump(org.posts(include_ended=True))
    document["people"] = dump(org.people())
    document["appointments"] = dump(org.appointments(include_ended=True))
    # Links sorted: their order in the graph depends on when each edge was added, which a
    # reload would not reproduce.
    document["links"] = dump(
        sorted(org.links(), key=lambda link: (link.source, link.target, link.kind))
    )
    if org.history:
        document["history"] = dump(org.history)
    if org.lineage:
        document["lineage"] = dump(org.lineage)
    return document


def dumps(org: Org, *, format: str = "yaml") -> str:
    """The structure as JSON or YAML text."""
    if format not in ("json", "yaml"):
        raise UsageError(f"format must be 'json' or 'yaml', not {format!r}")
    return dump_document(to_document(org), format)


def save(org: Org, path: str | Path) -> None:
    """Write a structure to ``.json`` or ``.yaml`` atomically (temporary file + rename)."""
    atomic_write(path, dumps(org, format=file_format(path)))
