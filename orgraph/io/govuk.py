"""Read the JSON of the GOV.UK organisations API: ``orgraph import FILE -f govuk``.

The rules (administrative parent, closures as typed operations, dates) are those of
:mod:`orgraph.govuk`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from orgraph.errors import UnreadableFileError
from orgraph.govuk import SNAPSHOT, GovukReport, build_govuk
from orgraph.io._files import read_bytes
from orgraph.org import Org

__all__ = ["SNAPSHOT", "GovukReport", "import_govuk", "read_govuk"]


def read_govuk(
    source: str | Path | list[Any], *, name: str = "GOV.UK organisations"
) -> tuple[Org, GovukReport]:
    """A structure, with its history of closures, from a GOV.UK organisations JSON file.

    ``source`` is the path of the file or its parsed list. Returns the structure and a
    report of the defects worked round. A file that is missing, not JSON or not a list
    of organisations raises a one-line :class:`~orgraph.FileError`.
    """
    path: str | Path | None = None
    data: Any = source
    if isinstance(source, str | Path):
        path = source
        try:
            data = json.loads(read_bytes(source).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UnreadableFileError(f"not JSON: {exc}", path=path) from None
    return build_govuk(data, name=name, path=path)


def import_govuk(path: str | Path, *, name: str = "GOV.UK organisations") -> Org:
    """:func:`read_govuk` for ``orgraph import -f govuk``: the structure only."""
    org, _ = read_govuk(path, name=name)
    return org
