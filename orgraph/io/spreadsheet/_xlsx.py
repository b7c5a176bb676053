"""XLSX: one workbook with a sheet per record type (needs ``openpyxl``)."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path

from orgraph.errors import FileError, UnreadableFileError
from orgraph.io._cells import column_key, neutralise, ooxml_escape, ooxml_unescape
from orgraph.io._files import atomic_write, read_bytes
from orgraph.io.interchange import require
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

__all__ = ["export_xlsx", "import_xlsx"]

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def export_xlsx(org: Org, path: str | Path, *, mapping: Mapping[str, str] | None = None) -> None:
    """Write the structure as one XLSX workbook with a sheet per record type.

    Needs ``openpyxl`` (``pip install 'orgraph[xlsx]'``). ``mapping`` renames columns as
    for :func:`export_csv`. Dates are date cells, numbers number cells.
    """
    openpyxl = require("openpyxl", extra="xlsx", what="XLSX export")
    checked = check_mapping(mapping)
    book = openpyxl.Workbook()
    book.remove(book.active)
    bold = openpyxl.styles.Font(bold=True)
    for sheet, rows in tables(org).items():
        ws = book.create_sheet(sheet_title(sheet, checked))
        ws.append([ooxml_escape(neutralise(h)) for h in headers(sheet, checked)])
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
            ws.append([ooxml_escape(neutralise(v)) for v in row])
        for cell in ws[1]:
            ws.column_dimensions[cell.column_letter].width = 16
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(path, buffer.getvalue())


def import_xlsx(
    path: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    name: str | None = None,
    fixed: Mapping[str, str] | None = None,
) -> Org:
    """Read a structure from an XLSX workbook with sheets as :func:`export_xlsx` writes.

    Needs ``openpyxl``. Sheet names match without regard to case; only ``units`` is
    required. Options and errors are those of :func:`import_csv`; cells holding formulas
    give the value Excel last computed.
    """
    openpyxl = require("openpyxl", extra="xlsx", what="XLSX import")
    checked = check_mapping(mapping)
    data = read_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFileError(f"not an XLSX workbook ({exc})", path=path) from None
    try:
        titles = {column_key(t): t for t in reversed(book.sheetnames)}
        sheets = {}
        for sheet in (*COLUMNS, "about"):
            title = titles.get(column_key(sheet_title(sheet, checked)))
            if title is not None:
                rows = [
                    [ooxml_unescape(v) for v in r] for r in book[title].iter_rows(values_only=True)
                ]
                sheets[sheet] = Sheet(sheet, path, rows, book=True, title=title)
    finally:
        book.close()
    if "units" not in sheets:
        units = sheet_title("units", checked)
        raise FileError(f"the workbook has no {units!r} sheet", path=path)
    return build(path, sheets, checked, name, fixed)
