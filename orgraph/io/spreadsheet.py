"""Spreadsheets in the id / parent-id shape HR and org-design tools use: CSV and XLSX.

One sheet (or CSV file) per record type, one row per record:

================ ==========================================================================
sheet            columns
================ ==========================================================================
``units``        id, name, kind, level, bloc, parent_id, code, functions, civil_servants,
                 public_employees, contracts, funding, founded, ended, attrs
``posts``        id, unit_id, title, role, leadership, ended
``people``       id, name, attrs
``appointments`` person_id, post_id, start, end, acting
``links``        source_id, target_id, kind, note
``about``        key, value (rows ``name`` and ``as_of``)
================ ==========================================================================

``functions`` is a list of codes separated by spaces, commas or semicolons; ``attrs`` is
a JSON object; dates are ``YYYY-MM-DD``; booleans are ``true``/``false``. Text that a
spreadsheet program would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``) is
written with a leading ``'``, which reading removes again, so round trips are exact.
History and lineage are not carried.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from orgraph.errors import FileError, UnreadableFileError, Violation
from orgraph.io._files import atomic_write, read_bytes
from orgraph.io.interchange import (
    file_error,
    finish_org,
    parse_date,
    require,
)
from orgraph.model import QUOTA_FIELDS, Appointment, Link, Person, Post, Unit
from orgraph.org import Org

__all__ = [
    "COLUMNS",
    "export_csv",
    "export_xlsx",
    "import_csv",
    "import_xlsx",
    "neutralise",
    "restore",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "units": (
        "id",
        "name",
        "kind",
        "level",
        "bloc",
        "parent_id",
        "code",
        "functions",
        *QUOTA_FIELDS,
        "funding",
        "founded",
        "ended",
        "attrs",
    ),
    "posts": ("id", "unit_id", "title", "role", "leadership", "ended"),
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
_DANGER = ("=", "+", "-", "@", "\t", "\r")
_TRUE = {"true", "yes", "y", "1", "x", "có"}
_FALSE = {"false", "no", "n", "0", "không"}
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_OOXML_LITERAL = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


# ---------------------------------------------------------------------------- cells
def _needs_quote(text: str) -> bool:
    return text[:1] in _DANGER or (text[:1] == "'" and _needs_quote(text[1:]))


def neutralise(value: Any) -> Any:
    """Prefix ``'`` to text a spreadsheet program would run as a formula.

    Text that already starts with ``'`` before such a character gets one more, so
    :func:`restore` undoes exactly what this did.

    Examples
    --------
    >>> neutralise("=SUM(A1)"), neutralise("-5"), neutralise("a"), neutralise(5)
    ("'=SUM(A1)", "'-5", 'a', 5)
    >>> restore(neutralise("'=x")) == "'=x"
    True
    """
    if isinstance(value, str) and _needs_quote(value):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """Undo :func:`neutralise`."""
    if isinstance(value, str) and value[:1] == "'" and _needs_quote(value[1:]):
        return value[1:]
    return value


def _ooxml_escape(value: Any) -> Any:
    # XML turns a carriage return into a new line; OOXML writes it as _x000D_, and a
    # literal "_x....", as Excel does, with its underscore escaped.
    if not isinstance(value, str):
        return value
    return _OOXML_LITERAL.sub("_x005F_", value).replace("\r", "_x000D_")


def _ooxml_unescape(value: Any) -> Any:
    if not isinstance(value, str) or "_x" not in value:
        return value
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)


def _tables(org: Org) -> dict[str, list[list[Any]]]:
    """The sheets as rows of typed cells (str, int, bool, date or None)."""
    units = []
    for u in org.units(include_ended=True):
        quota = [getattr(u.quota, part) for part in QUOTA_FIELDS]
        functions = " ".join(sorted(u.functions)) or None
        attrs = json.dumps(u.attrs, ensure_ascii=False) if u.attrs else None
        head = [u.id, u.name, u.kind, u.level, u.bloc, u.parent, u.code, functions]
        units.append([*head, *quota, u.funding, u.founded, u.ended, attrs])
    posts = [
        [p.id, p.unit, p.title, p.role, p.leadership, p.ended]
        for p in org.posts(include_ended=True)
    ]
    people = [
        [p.id, p.name, json.dumps(p.attrs, ensure_ascii=False) if p.attrs else None]
        for p in org.people()
    ]
    appointments = [
        [a.person, a.post, a.start, a.end, a.acting] for a in org.appointments(include_ended=True)
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


def _headers(sheet: str, mapping: Mapping[str, str]) -> list[str]:
    columns = COLUMNS.get(sheet, ("key", "value"))
    return [mapping.get(f"{sheet}.{c}", mapping.get(c, c)) for c in columns]


def _sheet_title(sheet: str, mapping: Mapping[str, str]) -> str:
    return mapping.get(sheet, sheet)


def _check_mapping(mapping: Mapping[str, str] | None) -> dict[str, str]:
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


# ---------------------------------------------------------------------------- export
def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(neutralise(value))


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([_text_cell(v) for v in row])
    # A byte-order mark makes Excel read the file as UTF-8 rather than the ANSI code page.
    return "\ufeff" + buffer.getvalue()


def export_csv(org: Org, path: str | Path, *, mapping: Mapping[str, str] | None = None) -> None:
    """Write the structure as CSV files (UTF-8 with a byte-order mark, for Excel).

    Parameters
    ----------
    org : Org
        The structure.
    path : str or Path
        A folder (created if missing) that receives ``units.csv``, ``posts.csv``,
        ``people.csv``, ``appointments.csv``, ``links.csv`` and ``about.csv``; or a
        ``.csv`` file, which receives the units only.
    mapping : mapping of str to str, optional
        Column headers to write instead of ours: ``{"id": "Mã", "units.name": "Tên"}``
        (a ``sheet.`` prefix limits an entry to one sheet); a sheet's name as key renames
        the sheet (``{"units": "Đơn vị"}`` writes ``Đơn vị.csv``).

    Examples
    --------
    >>> import orgraph, tempfile, pathlib
    >>> org = orgraph.load("examples/dam_ha/org.yaml")
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "dam_ha"
    >>> export_csv(org, folder)
    >>> sorted(p.name for p in folder.iterdir())[:3]
    ['about.csv', 'appointments.csv', 'links.csv']
    >>> import_csv(folder).equivalent(org)
    True
    """
    checked = _check_mapping(mapping)
    tables = _tables(org)
    target = Path(path)
    if target.suffix.lower() == ".csv":
        atomic_write(target, _csv_text(_headers("units", checked), tables["units"]))
        return
    texts = {s: _csv_text(_headers(s, checked), rows) for s, rows in tables.items()}
    if target.exists() and not target.is_dir():
        raise UnreadableFileError("exists and is not a folder", path=path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UnreadableFileError("the output folder does not exist", path=path)
    try:
        target.mkdir(exist_ok=True)
        # Every file is written in a scratch folder first, then moved in one by one.
        scratch = Path(tempfile.mkdtemp(dir=target, prefix=".orgraph-"))
        try:
            files = {f"{_sheet_title(s, checked)}.csv": text for s, text in texts.items()}
            for file, text in files.items():
                (scratch / file).write_bytes(text.encode("utf-8"))
            for file in files:
                os.replace(scratch / file, target / file)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    except OSError as exc:
        raise UnreadableFileError(f"cannot write: {exc.strerror or exc}", path=path) from None


def export_xlsx(org: Org, path: str | Path, *, mapping: Mapping[str, str] | None = None) -> None:
    """Write the structure as one XLSX workbook with a sheet per record type.

    Needs ``openpyxl`` (``pip install 'orgraph[xlsx]'``). ``mapping`` renames columns as
    for :func:`export_csv`. Dates are date cells, numbers number cells.
    """
    openpyxl = require("openpyxl", extra="xlsx", what="XLSX export")
    checked = _check_mapping(mapping)
    book = openpyxl.Workbook()
    book.remove(book.active)
    bold = openpyxl.styles.Font(bold=True)
    for sheet, rows in _tables(org).items():
        ws = book.create_sheet(_sheet_title(sheet, checked))
        ws.append([_ooxml_escape(neutralise(h)) for h in _headers(sheet, checked)])
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        for number, row in enumerate(rows, start=2):
            for value in row:
                if isinstance(value, str) and _XML_ILLEGAL.search(value):
                    raise FileError(
                        f"{value!r} has a control character, which XLSX cannot store",
                        path=path,
                        item=f"sheet {sheet!r}, row {number}",
                    )
            ws.append([_ooxml_escape(neutralise(v)) for v in row])
        for cell in ws[1]:
            ws.column_dimensions[cell.column_letter].width = 16
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, buffer.getvalue())


# ---------------------------------------------------------------------------- import
class _Sheet:
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
        self.header = [_key(h) for h in rows[0]] if rows else []
        self.rows = rows[1:]

    def where(self, row: int, column: str | None = None) -> str:
        place = f"sheet {self.title!r}, row {row}" if self.book else f"row {row}"
        return place + (f", column {column!r}" if column else "")


def _key(header: Any) -> str:
    text = "" if header is None else str(restore(header))
    return unicodedata.normalize("NFC", text).strip().casefold()


def _decode(path: Path, encoding: str | None) -> str:
    raw = read_bytes(path)
    if encoding is None and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # Excel's "Unicode Text"
    try:
        return raw.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = "" if encoding else "; save it as CSV UTF-8, or give its encoding (e.g. cp1258)"
        raise UnreadableFileError(
            f"not {encoding or 'UTF-8'} text (byte {exc.start}){hint}", path=path
        ) from None
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None


def _read_csv(path: Path, name: str, encoding: str | None = None) -> _Sheet:
    text = _decode(path, encoding)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return _Sheet(name, path, rows, book=False)


def _cell(sheet: _Sheet, index: dict[str, int], row: Sequence[Any], column: str, kind: str) -> Any:
    position = index.get(column)
    raw = row[position] if position is not None and position < len(row) else None
    value = restore(raw)
    if value is None or (isinstance(value, str) and value.strip() == "" and kind != "text"):
        return None
    if value == "":
        return None
    if kind == "text":
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return value if isinstance(value, str) else str(value)
    if kind == "code":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()
    if kind == "int":
        if isinstance(value, bool):
            raise ValueError(f"expected a whole number, not {value!r}")
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ValueError(f"expected a whole number, not {text!r}")
        return int(text)
    if kind == "date":
        if isinstance(value, datetime | date):
            return value.date() if isinstance(value, datetime) else value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"expected a date as YYYY-MM-DD, not {value!r}") from None
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().casefold()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ValueError(f"expected true or false, not {value!r}")
    if kind == "codes":
        return frozenset(c for c in re.split(r"[\s,;]+", str(value)) if c)
    # kind == "json"
    try:
        data = json.loads(str(value))
    except json.JSONDecodeError as exc:
        raise ValueError(f"expected a JSON object: {exc.msg}") from None
    if not isinstance(data, dict):
        raise ValueError('expected a JSON object such as {"source": "decree"}')
    return data


_KINDS = {
    "units": dict.fromkeys(("id", "kind", "level", "bloc", "parent_id", "code", "funding"), "code")
    | {"name": "text", "functions": "codes", "founded": "date", "ended": "date", "attrs": "json"}
    | dict.fromkeys(QUOTA_FIELDS, "int"),
    "posts": {"id": "code", "unit_id": "code", "title": "text", "role": "code"}
    | {"leadership": "bool", "ended": "date"},
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

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self.mapping = mapping
        self.problems: list[Violation] = []
        self.paths: list[str | Path] = []
        self.rows: dict[tuple[str, str], tuple[_Sheet, int]] = {}

    def problem(self, sheet: _Sheet, message: str, row: int, column: str | None = None) -> None:
        shown = None
        if column is not None:
            shown = _headers(sheet.name, self.mapping)[COLUMNS[sheet.name].index(column)]
        self.problems.append(Violation("invalid_cell", message, (), sheet.where(row, shown)))
        self.paths.append(sheet.path)

    def records(self, sheet: _Sheet) -> Iterator[tuple[int, BaseModel]]:
        index: dict[str, int] = {}
        for column, header in zip(
            COLUMNS[sheet.name], _headers(sheet.name, self.mapping), strict=True
        ):
            if _key(header) in sheet.header:
                index[column] = sheet.header.index(_key(header))
            elif column in _REQUIRED[sheet.name] and sheet.header:
                self.problem(sheet, "missing column", 1, column)
        if not sheet.header and sheet.name == "units":
            self.problem(sheet, "the sheet is empty: it needs a header row", 1)
        if not sheet.header or any(c not in index for c in _REQUIRED[sheet.name]):
            return
        for number, row in enumerate(sheet.rows, start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue
            record = self._record(sheet, index, row, number)
            if record is not None:
                yield number, record

    def _record(
        self, sheet: _Sheet, index: dict[str, int], row: Sequence[Any], number: int
    ) -> BaseModel | None:
        values: dict[str, Any] = {}
        ok = True
        for column, kind in _KINDS[sheet.name].items():
            try:
                value = _cell(sheet, index, row, column, kind)
            except ValueError as exc:
                self.problem(sheet, str(exc), number, column)
                ok = False
                continue
            if value is None:
                if column in _REQUIRED[sheet.name]:
                    self.problem(sheet, "this cell must not be empty", number, column)
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
                message = error["msg"].removeprefix("Value error, ")
                self.problem(sheet, message, number, _FIELD_COLUMNS.get(at or "", at))
            return None


def _build(
    path: str | Path, sheets: dict[str, _Sheet], mapping: Mapping[str, str], name: str | None
) -> Org:
    reader = _Reader(mapping)
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
    meta = {_key(r[0]): r[1] for r in about.rows if len(r) >= 2} if about else {}
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
        name=name or str(restore(meta.get("name")) or "") or Path(path).stem,
        as_of=as_of,
        units=[r for _, r in parsed["units"]],
        posts=[r for _, r in parsed["posts"]],
        people=[r for _, r in parsed["people"]],
        appointments=[r for _, r in parsed["appointments"]],
        links=[r for _, r in parsed["links"]],
        locate=locate,
    )


def import_csv(
    path: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    name: str | None = None,
    encoding: str | None = None,
) -> Org:
    """Read a structure from a folder of CSV files, or the units from a single CSV file.

    Parameters
    ----------
    path : str or Path
        A folder with ``units.csv`` and optionally ``posts.csv``, ``people.csv``,
        ``appointments.csv``, ``links.csv`` and ``about.csv``; or one CSV file of units.
    mapping : mapping of str to str, optional
        The headers the file uses for our columns: ``{"id": "Mã", "parent_id": "Trực
        thuộc"}``; a ``sheet.`` prefix limits an entry to one sheet, and a sheet's own
        name as key renames it (``{"units": "Đơn vị"}`` reads ``Đơn vị.csv``). Headers
        and sheet names match without regard to case. Other columns are ignored.
    name : str, optional
        The structure's name (default: ``about.csv``, else the file name).
    encoding : str, optional
        The files' encoding when it is not UTF-8 (with or without a byte-order mark) or
        UTF-16 with one, e.g. ``"cp1258"`` for a CSV that Excel saved on a Vietnamese
        Windows.

    Raises
    ------
    FileError
        Naming the file, row and column of the first bad cell, missing column or
        reference to an unknown id.
    """
    checked = _check_mapping(mapping)
    target = Path(path)
    if target.is_dir():
        files = {_key(f.stem): f for f in sorted(target.glob("*.csv")) if f.is_file()}
        sheets = {}
        for sheet in (*COLUMNS, "about"):
            file = files.get(_key(_sheet_title(sheet, checked)))
            if file is not None:
                sheets[sheet] = _read_csv(file, sheet, encoding)
        if "units" not in sheets:
            units = _sheet_title("units", checked)
            raise UnreadableFileError(f"no {units}.csv in this folder", path=path)
    else:
        sheets = {"units": _read_csv(target, "units", encoding)}
    return _build(path, sheets, checked, name)


def import_xlsx(
    path: str | Path, *, mapping: Mapping[str, str] | None = None, name: str | None = None
) -> Org:
    """Read a structure from an XLSX workbook with sheets as :func:`export_xlsx` writes.

    Needs ``openpyxl``. Sheet names match without regard to case; only ``units`` is
    required. Options and errors are those of :func:`import_csv`; cells holding formulas
    give the value Excel last computed.
    """
    openpyxl = require("openpyxl", extra="xlsx", what="XLSX import")
    checked = _check_mapping(mapping)
    data = read_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFileError(f"not an XLSX workbook ({exc})", path=path) from None
    try:
        titles = {_key(t): t for t in reversed(book.sheetnames)}
        sheets = {}
        for sheet in (*COLUMNS, "about"):
            title = titles.get(_key(_sheet_title(sheet, checked)))
            if title is not None:
                rows = [
                    [_ooxml_unescape(v) for v in r] for r in book[title].iter_rows(values_only=True)
                ]
                sheets[sheet] = _Sheet(sheet, path, rows, book=True, title=title)
    finally:
        book.close()
    if "units" not in sheets:
        units = _sheet_title("units", checked)
        raise FileError(f"the workbook has no {units!r} sheet", path=path)
    return _build(path, sheets, checked, name)
