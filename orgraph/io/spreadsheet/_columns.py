"""The column model: which sheets and columns exist, and how rows become records.

Export turns a structure into rows of typed cells (:func:`tables`); import turns sheets
into records (:func:`build`), one problem per bad cell, naming its sheet, row and column.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from orgraph.errors import FileError, Violation
from orgraph.io._cells import (
    UNIT_COLUMNS,
    appointment_dates,
    cell_value,
    column_key,
    restore,
    unit_row,
)
from orgraph.io._files import plain_message
from orgraph.io.interchange import file_error, finish_org, given_name, parse_date
from orgraph.model import QUOTA_FIELDS, Appointment, Link, Person, Post, Unit
from orgraph.org import Org

__all__ = [
    "COLUMNS",
    "Sheet",
    "build",
    "check_fixed",
    "check_mapping",
    "headers",
    "sheet_title",
    "tables",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "units": UNIT_COLUMNS,
    "posts": ("id", "unit_id", "title", "role", "leadership", "ended", "attrs"),
    "people": ("id", "name", "attrs"),
    "appointments": ("person_id", "post_id", "start", "end", "acting"),
    "links": ("source_id", "target_id", "kind", "note"),
}
"""The columns of each sheet, in the order they are written."""

_REQUIRED = {
    "units": ("id", "name", "kind", "level"),
    "posts": ("id", "unit_id", "title", "role"),
    "people": ("id", "name"),
    "appointments": ("person_id", "post_id"),
    "links": ("source_id", "target_id", "kind"),
}
# Model field -> column, where they differ.
_FIELD_COLUMNS = {"parent": "parent_id", "unit": "unit_id", "person": "person_id"}
_FIELD_COLUMNS |= {"post": "post_id", "source": "source_id", "target": "target_id"}


def tables(org: Org) -> dict[str, list[list[Any]]]:
    """The sheets as rows of typed cells (str, int, bool, date or None)."""
    units = [unit_row(u) for u in org.units(include_ended=True)]
    posts = [
        [p.id, p.unit, p.title, p.role, p.leadership, p.ended, _json(p.attrs)]
        for p in org.posts(include_ended=True)
    ]
    people = [[p.id, p.name, _json(p.attrs)] for p in org.people()]
    appointments = [
        [a.person, a.post, *appointment_dates(a), a.acting]
        for a in org.appointments(include_ended=True)
    ]
    links = [[k.source, k.target, k.kind, k.note] for k in org.links()]
    about: list[list[Any]] = [["name", org.name], ["as_of", org.date]]
    return {
        "units": units,
        "posts": posts,
        "people": people,
        "appointments": appointments,
        "links": links,
        "about": about,
    }


def _json(attrs: Mapping[str, Any]) -> str | None:
    return json.dumps(attrs, ensure_ascii=False) if attrs else None


def headers(sheet: str, mapping: Mapping[str, str]) -> list[str]:
    columns = COLUMNS.get(sheet, ("key", "value"))
    return [mapping.get(f"{sheet}.{c}", mapping.get(c, c)) for c in columns]


def sheet_title(sheet: str, mapping: Mapping[str, str]) -> str:
    return mapping.get(sheet, sheet)


def check_mapping(mapping: Mapping[str, str] | None) -> dict[str, str]:
    known = {c for columns in COLUMNS.values() for c in columns}
    checked = {}
    for key, header in (mapping or {}).items():
        if not isinstance(header, str) or not header.strip():
            raise ValueError(f"the mapping gives {key!r} an empty name")
        if key in (*COLUMNS, "about"):
            # A sheet's name: also a CSV file's name, so Excel's rules for both.
            if len(header) > 31 or re.search(r"[\[\]:*?/\\]", header):
                raise ValueError(
                    f"{header!r} cannot name a sheet (at most 31 characters, none of []:*?/\\)"
                )
        else:
            sheet, _, column = key.rpartition(".")
            if (sheet and sheet not in COLUMNS) or column not in COLUMNS.get(sheet, known):
                raise ValueError(f"unknown column or sheet {key!r} in the mapping")
        checked[key] = header
    return checked


class Sheet:
    """One sheet being read: where it is, its header and its rows (1-based numbers)."""

    def __init__(
        self,
        name: str,
        path: str | Path,
        rows: Sequence[Sequence[Any]],
        *,
        book: bool,
        title: str | None = None,
    ) -> None:
        self.name = name
        self.title = title or name
        self.path = path
        self.book = book
        self.header = [column_key(h) for h in rows[0]] if rows else []
        self.rows = rows[1:]

    def where(self, row: int, column: str | None = None) -> str:
        place = f"sheet {self.title!r}, row {row}" if self.book else f"row {row}"
        return place + (f", column {column!r}" if column else "")


_KINDS = {
    "units": dict.fromkeys(("id", "kind", "level", "bloc", "parent_id", "code", "funding"), "code")
    | {"name": "text", "functions": "codes", "founded": "date", "ended": "date", "attrs": "json"}
    | dict.fromkeys(QUOTA_FIELDS, "int"),
    "posts": {"id": "code", "unit_id": "code", "title": "text", "role": "code"}
    | {"leadership": "bool", "ended": "date", "attrs": "json"},
    "people": {"id": "code", "name": "text", "attrs": "json"},
    "appointments": {"person_id": "code", "post_id": "code", "start": "date", "end": "date"}
    | {"acting": "bool"},
    "links": {"source_id": "code", "target_id": "code", "kind": "code", "note": "text"},
}
_MODELS: dict[str, type[BaseModel]] = {
    "units": Unit,
    "posts": Post,
    "people": Person,
    "appointments": Appointment,
    "links": Link,
}


class _Reader:
    """Turns sheets into records, collecting one problem per bad cell."""

    def __init__(self, mapping: Mapping[str, str], fixed: Mapping[str, str]) -> None:
        self.mapping = mapping
        self.fixed = fixed
        self.problems: list[Violation] = []
        self.paths: list[str | Path] = []
        self.rows: dict[tuple[str, str], tuple[Sheet, int]] = {}

    def problem(self, sheet: Sheet, message: str, row: int, column: str | None = None) -> None:
        shown = None
        if column is not None:
            shown = headers(sheet.name, self.mapping)[COLUMNS[sheet.name].index(column)]
        self.problems.append(Violation("invalid_cell", message, (), sheet.where(row, shown)))
        self.paths.append(sheet.path)

    def fixed_value(self, sheet: str, column: str) -> str | None:
        """The ``--set`` value of a column: ``units.kind=office`` or ``kind=office``."""
        return self.fixed.get(f"{sheet}.{column}", self.fixed.get(column))

    def records(self, sheet: Sheet) -> Iterator[tuple[int, BaseModel]]:
        index: dict[str, int] = {}
        for position, key in enumerate(sheet.header):
            if key and key in sheet.header[:position]:
                self.problem(sheet, f"the header {key!r} is written twice", 1)
        for column, header in zip(
            COLUMNS[sheet.name], headers(sheet.name, self.mapping), strict=True
        ):
            if column_key(header) in sheet.header:
                index[column] = sheet.header.index(column_key(header))
            elif (
                column in _REQUIRED[sheet.name]
                and sheet.header
                and self.fixed_value(sheet.name, column) is None
            ):
                self.problem(sheet, "missing column (name it with --map, or give --set)", 1, column)
        if not sheet.header and sheet.name == "units":
            self.problem(sheet, "the sheet is empty: it needs a header row", 1)
        required = _REQUIRED[sheet.name]
        if not sheet.header or any(
            c not in index and self.fixed_value(sheet.name, c) is None for c in required
        ):
            return
        width = len(sheet.header)
        while width and not sheet.header[width - 1]:
            width -= 1  # trailing empty header cells (a spreadsheet's blank columns)
        for number, row in enumerate(sheet.rows, start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue
            extra = [v for v in row[width:] if v is not None and str(v).strip()]
            if extra:
                self.problem(sheet, f"{len(extra)} cell(s) beyond the last header", number)
                continue
            record = self._record(sheet, index, row, number)
            if record is not None:
                yield number, record

    def _record(
        self, sheet: Sheet, index: dict[str, int], row: Sequence[Any], number: int
    ) -> BaseModel | None:
        values: dict[str, Any] = {}
        ok = True
        for column, kind in _KINDS[sheet.name].items():
            try:
                position = index.get(column)
                raw = row[position] if position is not None and position < len(row) else None
                value = cell_value(raw, kind)
            except ValueError as exc:
                self.problem(sheet, str(exc), number, column)
                ok = False
                continue
            if value is None and self.fixed_value(sheet.name, column) is not None:
                value = cell_value(self.fixed_value(sheet.name, column), kind)
            if value is None:
                if column in _REQUIRED[sheet.name]:
                    empty = "this cell must not be empty"
                    if sheet.book:
                        empty += (
                            " (a formula cell shows its value only once a spreadsheet saved it)"
                        )
                    self.problem(sheet, empty, number, column)
                    ok = False
                continue
            field = next((f for f, c in _FIELD_COLUMNS.items() if c == column), column)
            if column in QUOTA_FIELDS:
                values.setdefault("quota", {})[column] = value
            else:
                values[field] = value
        if not ok:
            return None
        try:
            return _MODELS[sheet.name].model_validate(values)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = [str(p) for p in error["loc"]]
                at = loc[-1] if loc and loc[0] == "quota" else (loc[0] if loc else None)
                message = plain_message(error)
                self.problem(sheet, message, number, _FIELD_COLUMNS.get(at or "", at))
            return None


def check_fixed(fixed: Mapping[str, str] | None) -> dict[str, str]:
    """``--set`` values: each names a known column (a ``sheet.`` prefix as for mappings)."""
    known = {c for columns in COLUMNS.values() for c in columns}
    checked = {}
    for key, value in (fixed or {}).items():
        sheet, _, column = key.rpartition(".")
        if (sheet and sheet not in COLUMNS) or column not in COLUMNS.get(sheet, known):
            raise ValueError(f"unknown column {key!r} to set")
        checked[key] = value
    return checked


def build(
    path: str | Path,
    sheets: dict[str, Sheet],
    mapping: Mapping[str, str],
    name: str | None,
    fixed: Mapping[str, str] | None = None,
) -> Org:
    reader = _Reader(mapping, check_fixed(fixed))
    parsed: dict[str, list[tuple[int, Any]]] = {}
    for sheet_name in COLUMNS:
        sheet = sheets.get(sheet_name)
        parsed[sheet_name] = list(reader.records(sheet)) if sheet else []
    kinds = {"units": "unit", "posts": "post", "people": "person"}
    ids: dict[str, str] = {}
    for sheet_name, kind in kinds.items():
        for number, record in parsed[sheet_name]:
            if record.id in ids:
                other = ids[record.id]
                reader.problem(
                    sheets[sheet_name], f"id {record.id!r} is used by another {other}", number, "id"
                )
            ids.setdefault(record.id, kind)
            reader.rows.setdefault((kind, record.id), (sheets[sheet_name], number))
    if reader.problems:  # a missing column would make every reference to its sheet fail
        raise file_error(reader.paths[0], reader.problems, item=reader.problems[0].item)
    refs = {
        "units": (("parent", "parent_id", "unit"),),
        "posts": (("unit", "unit_id", "unit"),),
        "appointments": (("person", "person_id", "person"), ("post", "post_id", "post")),
        "links": (("source", "source_id", "unit"), ("target", "target_id", "unit")),
    }
    for sheet_name, checks in refs.items():
        for number, record in parsed[sheet_name]:
            key = (record.person, record.post) if sheet_name == "appointments" else None
            if sheet_name == "links":
                key = (record.source, record.target)
            if key:
                reader.rows[(sheet_name, "->".join(key))] = (sheets[sheet_name], number)
            for field, column, kind in checks:
                ident = getattr(record, field)
                if ident is not None and ids.get(ident) != kind:
                    found = f"a {ids[ident]}, not a {kind}" if ident in ids else "not found"
                    reader.problem(
                        sheets[sheet_name], f"unknown {kind} {ident!r} ({found})", number, column
                    )
    about = sheets.get("about")
    meta = {column_key(r[0]): r[1] for r in about.rows if len(r) >= 2} if about else {}
    if reader.problems:
        raise file_error(reader.paths[0], reader.problems, item=reader.problems[0].item)
    try:
        as_of = parse_date(meta.get("as_of"))
    except (ValueError, TypeError):
        where = about.path if about else path
        raise FileError("as_of must be a date as YYYY-MM-DD", path=where, item="about") from None

    def locate(problem: Violation) -> str | None:
        kind, _, rest = (problem.item or "").partition(" ")
        rest = rest.replace(" -> ", "->")
        found = reader.rows.get((kind, rest)) or reader.rows.get((kind + "s", rest))
        return found[0].where(found[1]) if found else None

    return finish_org(
        path,
        name=given_name(name) or str(restore(meta.get("name")) or "") or Path(path).stem,
        as_of=as_of,
        units=[r for _, r in parsed["units"]],
        posts=[r for _, r in parsed["posts"]],
        people=[r for _, r in parsed["people"]],
        appointments=[r for _, r in parsed["appointments"]],
        links=[r for _, r in parsed["links"]],
        locate=locate,
    )
