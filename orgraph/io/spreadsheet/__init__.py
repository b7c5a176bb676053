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

from orgraph.io._cells import neutralise, restore
from orgraph.io.spreadsheet._columns import COLUMNS
from orgraph.io.spreadsheet._csv import export_csv, import_csv
from orgraph.io.spreadsheet._xlsx import export_xlsx, import_xlsx

__all__ = [
    "COLUMNS",
    "export_csv",
    "export_xlsx",
    "import_csv",
    "import_xlsx",
    "neutralise",
    "restore",
]
