"""The report as an XLSX workbook: one sheet per table, frozen headers, filters.

Scenario tables get a first ``Scenario`` column, so one sheet holds a table for every
scenario. Every text cell goes through the formula-neutralising cell helper: nothing
from the data ever runs as a formula.
"""

from __future__ import annotations

import io
import re
from typing import Any

from orgraph.io._cells import neutralise, ooxml_escape
from orgraph.io.interchange import require
from orgraph.labels import label
from orgraph.report._model import Cell, Report

__all__ = ["to_xlsx"]


def _cell(value: Cell) -> Cell:
    # The spreadsheet export's own cell helpers: formulas neutralised, OOXML escapes kept
    # literal. Report text is model text, which has no control characters to refuse.
    result: Cell = ooxml_escape(neutralise(value))
    return result


def to_xlsx(report: Report) -> bytes:
    """The workbook's bytes (needs ``openpyxl``: ``pip install 'orgraph[xlsx]'``)."""
    openpyxl = require("openpyxl", extra="xlsx", what="XLSX reports")
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    lang = report.lang
    about = book.active
    about.title = label("report.about", lang)
    when = report.baseline_date
    about.append([_cell(label("report.report", lang)), _cell(report.title)])
    about.append([_cell(label("report.baseline", lang)), _cell(report.baseline)])
    about.append([_cell(label("report.baseline_date", lang)), when])
    scenario_word = label("report.scenario", lang)
    for name, description in report.scenarios:
        about.append([_cell(scenario_word), _cell(name), _cell(description)])
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 60
    bold = openpyxl.styles.Font(bold=True)
    sheets: dict[str, Any] = {}
    for scenario, table in report.tables():
        title = table.title if len(table.title) <= 31 else table.title[:31]
        title = re.sub(r"[\[\]:*?/\\]", " ", title).strip()
        header = list(table.header) if scenario is None else [scenario_word, *table.header]
        ws = sheets.get(table.key)
        if ws is None:
            ws = book.create_sheet(title)
            sheets[table.key] = ws
            ws.append([_cell(h) for h in header])
            for cell in ws[1]:
                cell.font = bold
            ws.freeze_panes = "A2"
            for i in range(1, len(header) + 1):
                ws.column_dimensions[get_column_letter(i)].width = 14 if i > 1 else 36
        for row in table.rows:
            values = list(row) if scenario is None else [scenario, *row]
            ws.append([_cell(v) for v in values])
    for ws in sheets.values():
        ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
