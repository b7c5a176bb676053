"""Building a structure from pandas DataFrames, validated like a file.

The tables are those of :meth:`orgraph.Org.to_frames` (see :data:`orgraph._frames.TABLES`);
any of them may be left out, and a table may leave out optional columns. Missing values
(``NaN``, ``NaT``, ``<NA>``, ``None``) mean "not given".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from orgraph._frames import DERIVED, TABLES, Frames, pandas
from orgraph.errors import FileError
from orgraph.io._files import validation_problems
from orgraph.io.document import OrgDocument, from_document
from orgraph.io.interchange import given_name
from orgraph.model import QUOTA_FIELDS
from orgraph.org import Org

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SOURCE", "from_frames"]

SOURCE = "<frames>"
"""What errors name as the file when the structure came from frames."""

_RECORD_TABLES = ("units", "posts", "people", "appointments", "links", "lineage")


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    pd = pandas()
    return value is pd.NA or value is pd.NaT


def _plain(value: Any, table: str, row: int, column: str) -> Any:
    """A cell as a plain Python value (numpy numbers, timestamps and the like unwrapped)."""
    pd = pandas()
    if isinstance(value, pd.Timestamp | datetime):
        moment = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
        if moment.time() != datetime.min.time() or moment.tzinfo is not None:
            raise FileError(
                f"{column}: a date is expected, not a time of day ({value})",
                path=SOURCE,
                item=f"{table} row {row}",
            )
        return moment.date()
    if isinstance(value, date | str | bool | int | float | dict | list):
        return value
    item = getattr(value, "item", None)  # numpy scalars
    return item() if callable(item) else value


def _rows(table: str, frame: pd.DataFrame) -> list[dict[str, Any]]:
    known = TABLES[table]
    unknown = [str(c) for c in frame.columns if c not in known]
    if unknown:
        raise FileError(
            f"unknown column {unknown[0]!r} (the columns are {', '.join(known)})",
            path=SOURCE,
            item=table,
        )
    columns = [c for c in frame.columns if c not in DERIVED]
    rows = []
    for number, values in enumerate(frame[columns].itertuples(index=False, name=None)):
        rows.append(
            {
                column: _plain(value, table, number, column)
                for column, value in zip(columns, values, strict=True)
                if not _missing(value)
            }
        )
    return rows


def _count(value: Any) -> Any:
    """A quota cell: pandas holds whole numbers as floats in a column with gaps (5.0 with
    NaN), so a whole float is the count; anything else goes to the model to refuse."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _units(rows: list[dict[str, Any]], functions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    held: dict[str, list[Any]] = {}
    for row in functions:
        held.setdefault(str(row.get("unit")), []).append(row.get("function"))
    units = []
    for row in rows:
        quota = {name: _count(row.pop(name)) for name in QUOTA_FIELDS if name in row}
        if quota:
            row["quota"] = quota
        ident = row.get("id")
        if ident is not None and str(ident) in held:
            row["functions"] = held.pop(str(ident))
        units.append(row)
    if held:
        stray = next(iter(held))
        raise FileError(f"refers to unknown unit {stray!r}", path=SOURCE, item="functions")
    return units


def from_frames(
    frames: Frames | Mapping[str, pd.DataFrame],
    *,
    name: str | None = None,
    date: date | None = None,
) -> Org:
    """Build a structure from DataFrames and check it as :func:`orgraph.load` checks a file.

    ``frames`` is what :meth:`orgraph.Org.to_frames` returns, or a mapping from table
    name (``units``, ``functions``, ``posts``, ``people``, ``appointments``, ``links``,
    ``lineage``) to a frame; ``name`` and ``date`` default to those of a
    :class:`~orgraph.Frames`. The ``events`` table, a summary of the history, is not read
    back: the structure built has no history. Raises :class:`~orgraph.FileError` naming
    the table, row and problem when the tables do not make a valid structure.

    Examples
    --------
    >>> import orgraph
    >>> org = orgraph.load("examples/dam_ha/org.yaml")
    >>> again = orgraph.from_frames(org.to_frames())
    >>> again.equivalent(org)
    True
    """
    if isinstance(frames, Frames):
        name = frames.name if name is None else name
        date = frames.date if date is None else date
        tables = frames.tables()
    else:
        tables = dict(frames)
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise FileError(
            f"unknown table {unknown[0]!r} (the tables are {', '.join(TABLES)})", path=SOURCE
        )
    if name is None:
        raise FileError("no name: give name= for a structure built from frames", path=SOURCE)
    name = given_name(name)
    rows = {table: _rows(table, frame) for table, frame in tables.items() if table != "events"}
    data: dict[str, Any] = {"format_version": 1, "name": name, "as_of": date}
    for table in _RECORD_TABLES:
        data[table] = rows.get(table, [])
    data["units"] = _units(data["units"], rows.get("functions", []))
    try:
        document = OrgDocument.model_validate(data)
    except ValidationError as exc:
        raise FileError.of(validation_problems(exc, data), path=SOURCE) from None
    org, problems = from_document(document)
    if problems:
        raise FileError.of(problems, path=SOURCE)
    return org
