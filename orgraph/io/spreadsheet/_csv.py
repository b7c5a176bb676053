"""CSV: a folder of CSV files (one per sheet), or one CSV file of units."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from orgraph.errors import FileError, UnreadableFileError
from orgraph.io._cells import column_key, neutralise, text_cell
from orgraph.io._files import atomic_write, read_bytes
from orgraph.io.spreadsheet._columns import (
    COLUMNS,
    Sheet,
    build,
    check_mapping,
    headers,
    sheet_title,
    tables,
)
from orgraph.org import Org

__all__ = ["export_csv", "import_csv"]


def _csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([text_cell(v) for v in row])
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
    checked = check_mapping(mapping)
    rows_of = tables(org)
    target = Path(path)
    if target.suffix.lower() == ".csv":
        atomic_write(target, _csv_text(headers("units", checked), rows_of["units"]))
        return
    texts = {s: _csv_text(headers(s, checked), rows) for s, rows in rows_of.items()}
    if target.exists() and not target.is_dir():
        raise UnreadableFileError("exists and is not a folder", path=path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UnreadableFileError("the output folder does not exist", path=path)
    created = not target.exists()
    try:
        target.mkdir(exist_ok=True)
        # Every file is written in a scratch folder first, then moved in one by one.
        scratch = Path(tempfile.mkdtemp(dir=target, prefix=".orgraph-"))
        try:
            files = {f"{sheet_title(s, checked)}.csv": text for s, text in texts.items()}
            for file, text in files.items():
                (scratch / file).write_bytes(text.encode("utf-8"))
            for file in files:
                os.replace(scratch / file, target / file)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    except BaseException as exc:
        if created:  # a failed export leaves nothing behind
            shutil.rmtree(target, ignore_errors=True)
        if isinstance(exc, OSError):
            raise UnreadableFileError(f"cannot write: {exc.strerror or exc}", path=path) from None
        raise


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


def _read_csv(path: Path, name: str, encoding: str | None = None) -> Sheet:
    text = _decode(path, encoding)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error as exc:  # a cell longer than the csv module reads (131,072 characters)
        problem = str(exc)
        if problem.startswith("field larger than field limit"):
            problem = f"a cell is longer than {csv.field_size_limit():,} characters"
        raise FileError(
            f"not readable as CSV: {problem}",
            path=path,
            item=f"line {reader.line_num}",
        ) from None
    return Sheet(name, path, rows, book=False)


def import_csv(
    path: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    name: str | None = None,
    encoding: str | None = None,
    fixed: Mapping[str, str] | None = None,
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
    fixed : mapping of str to str, optional
        Values for cells (or whole columns) the file leaves empty: ``{"kind": "office",
        "units.level": "commune"}`` (the ``--set`` of ``orgraph import``).

    Raises
    ------
    FileError
        Naming the file, row and column of the first bad cell, missing column or
        reference to an unknown id.
    """
    checked = check_mapping(mapping)
    target = Path(path)
    if target.is_dir():
        files = {column_key(f.stem): f for f in sorted(target.glob("*.csv")) if f.is_file()}
        sheets = {}
        for sheet in (*COLUMNS, "about"):
            file = files.get(column_key(sheet_title(sheet, checked)))
            if file is not None:
                sheets[sheet] = _read_csv(file, sheet, encoding)
        if "units" not in sheets:
            units = sheet_title("units", checked)
            raise UnreadableFileError(f"no {units}.csv in this folder", path=path)
    else:
        sheets = {"units": _read_csv(target, "units", encoding)}
    return build(path, sheets, checked, name, fixed)
