"""Read a government's history from change tables: ``orgraph import MAPPING.yaml -f history``.

A small YAML mapping names the tables (CSV files, or sheets of an XLSX workbook, with
paths relative to the mapping file), their columns, values fixed for every row (``set``)
and the vocabulary of link types::

    format: history
    units:   {file: organisations.csv, id: id, name: name, founded: start_date,
              ended: end_date, set: {kind: department, level: national}}
    links:   {file: links.csv, predecessor: predecessor_id, successor: successor_id,
              type: type, date: link_date,
              types: {Merger: merge, Demerger: split, Name change: replace,
                      Transfer of functions: transfer}}
    posts:   {file: posts.csv, id: id, unit: organisation_id, title: name, attrs: [rank]}
    people:  {file: people.csv, id: id, name: name, from: start_date, until: end_date}
    appointments: {file: appointments.csv, person: person_id, post: post_id,
                   start: start_date, end: end_date}

Only ``units`` is required. How the tables become a history of typed operations is in
:mod:`orgraph.io._history_build`; the docs page "Histories from tables" walks through
an example with every case.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from orgraph.errors import FileError, UnreadableFileError
from orgraph.io._files import read_bytes
from orgraph.io.interchange import given_name
from orgraph.model import DatePrecision
from orgraph.org import Org

__all__ = [
    "DataWarning",
    "HistoryMapping",
    "Row",
    "Tables",
    "collect_history",
    "import_history",
    "parse_date",
    "read_history",
    "read_tables",
]

LinkKind = Literal["merge", "absorb", "split", "replace", "transfer", "dissolve"]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    file: str
    sheet: str | None = None
    set: dict[str, str | int | bool] = {}


class UnitsMap(_Table):
    id: str
    name: str
    founded: str | None = None
    ended: str | None = None
    parent: str | None = None
    kind: str | None = None
    level: str | None = None


class LinksMap(_Table):
    predecessor: str
    successor: str
    type: str
    date: str | None = None
    types: dict[str, LinkKind]


class PostsMap(_Table):
    id: str
    unit: str
    title: str
    role: str | None = None
    attrs: list[str] = []


class PeopleMap(_Table):
    id: str
    name: str
    from_: str | None = Field(None, alias="from")
    until: str | None = None


class AppointmentsMap(_Table):
    person: str
    post: str
    start: str | None = None
    end: str | None = None
    acting: str | None = None


class HistoryMapping(BaseModel):
    """The mapping file: which tables, which columns, fixed values and link types."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["history"]
    name: str | None = None
    units: UnitsMap
    links: LinksMap | None = None
    posts: PostsMap | None = None
    people: PeopleMap | None = None
    appointments: AppointmentsMap | None = None


@dataclass(frozen=True)
class Row:
    """One row of a table: where it is (``file``, ``row``, 1 being the header) and its values."""

    file: str
    row: int
    values: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.file} row {self.row}"


@dataclass
class Tables:
    """The rows of each table, with the mapping that says what their columns mean."""

    mapping: HistoryMapping
    rows: dict[str, list[Row]] = field(default_factory=dict)


def parse_date(text: str) -> tuple[date, DatePrecision] | None:
    """A date and its precision from ``1996-03-04``, ``1996-03`` or ``1996`` (None: empty).

    A date known only to the month or the year stands for its first day; the precision
    (``day``, ``month`` or ``year``) says how much of it is known. ValueError otherwise.
    """
    text = text.strip()
    if not text:
        return None
    parts = text[:10].split("-")
    if len(parts) == 1 and len(parts[0]) == 4:
        return date(int(parts[0]), 1, 1), "year"
    if len(parts) == 2:
        return date(int(parts[0]), int(parts[1]), 1), "month"
    return date.fromisoformat(text[:10]), "day"


def _read_csv(path: Path, shown: str) -> Iterator[tuple[int, dict[str, str]]]:
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFileError("not UTF-8 text", path=shown) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for number, record in enumerate(reader, start=2):
        yield number, {k.strip(): (v or "").strip() for k, v in record.items() if k is not None}


def _read_sheet(path: Path, sheet: str, shown: str) -> Iterator[tuple[int, dict[str, str]]]:
    from orgraph.io.interchange import require

    openpyxl = require("openpyxl", extra="xlsx", what="reading XLSX workbooks")
    read_bytes(path)  # one-line errors for a missing file
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    if sheet not in book.sheetnames:
        raise FileError(f"no sheet {sheet!r}", path=shown)
    rows = book[sheet].iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    for number, values in enumerate(rows, start=2):
        cells = [
            "" if v is None else (v.isoformat()[:10] if hasattr(v, "isoformat") else str(v))
            for v in values
        ]
        yield number, {h: c.strip() for h, c in zip(header, cells, strict=False) if h}


def _rows(base: Path, table: _Table, columns: list[str]) -> list[Row]:
    path = base / table.file
    shown = table.file if table.sheet is None else f"{table.file}[{table.sheet}]"
    if path.suffix.lower() == ".xlsx":
        found = _read_sheet(path, table.sheet or "Sheet1", shown)
    else:
        found = _read_csv(path, shown)
    rows = []
    for number, values in found:
        if not any(values.values()):
            continue
        if number == 2:
            missing = [c for c in columns if c not in values]
            if missing:
                raise FileError(f"no column {missing[0]!r}", path=shown)
        rows.append(Row(shown, number, values))
    return rows


def _columns(table: _Table) -> list[str]:
    skip = {"file", "sheet", "set", "types", "attrs"}
    names = [v for k, v in table.__dict__.items() if k not in skip and isinstance(v, str)]
    return names + list(getattr(table, "attrs", []))


def read_tables(path: str | Path) -> Tables:
    """Read the mapping file and every table it names (no history built yet)."""
    source = Path(path)
    try:
        data: Any = yaml.safe_load(read_bytes(source).decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UnreadableFileError(f"not a YAML mapping: {exc}".splitlines()[0], path=path) from None
    try:
        mapping = HistoryMapping.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise FileError(f"{where}: {error['msg']}", path=path) from None
    tables = Tables(mapping)
    for name in ("units", "links", "posts", "people", "appointments"):
        table = getattr(mapping, name)
        if table is not None:
            tables.rows[name] = _rows(source.parent, table, _columns(table))
    return tables


class DataWarning(UserWarning):
    """A defect in change tables that :func:`read_history` worked round (file and row said)."""


def collect_history(
    path: str | Path, *, strict: bool = False, name: str | None = None
) -> tuple[Org, list[str]]:
    """:func:`read_history`, returning the warnings as a list instead of issuing them."""
    from orgraph.io._history_build import build

    name = given_name(name)
    tables = read_tables(path)
    return build(tables, name=name or tables.mapping.name or Path(path).stem, strict=strict)


def read_history(path: str | Path, *, strict: bool = False, name: str | None = None) -> Org:
    """A structure with its whole history from the change tables a mapping file names.

    Returns the structure as of its last change, every change an event, so that
    ``as_of`` gives any earlier date. Each data defect worked round is issued as a
    :class:`DataWarning` naming the file and row; with ``strict``, the first one raises
    :class:`~orgraph.FileError` instead. See the docs page "Histories from tables".

    Examples
    --------
    >>> import warnings
    >>> from datetime import date
    >>> with warnings.catch_warnings(record=True):
    ...     org = read_history("examples/history_tables/mapping.yaml")
    >>> [u.id for u in org.as_of(date(2000, 1, 2)).units() if u.id in "ABC"]
    ['C']
    """
    import warnings

    org, found = collect_history(path, strict=strict, name=name)
    for text in found:
        warnings.warn(text, DataWarning, stacklevel=2)
    return org


def import_history(path: str | Path, *, strict: bool = False, name: str | None = None) -> Org:
    """:func:`read_history` for ``orgraph import -f history``: warnings printed to stderr."""
    import sys

    org, found = collect_history(path, strict=strict, name=name)
    for text in found:
        print(f"warning: {text}", file=sys.stderr)
    return org
