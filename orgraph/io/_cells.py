"""Cells: formula neutralising (shared with the CLI's CSV), typed cell values, safe text.

Text that a spreadsheet program would run as a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a leading ``'``, which
:func:`restore` removes again, so round trips are exact.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from orgraph.model import QUOTA_FIELDS, Appointment, DatePrecision, Unit, date_text

__all__ = [
    "UNIT_COLUMNS",
    "appointment_dates",
    "cell_value",
    "column_key",
    "date_cell",
    "neutralise",
    "ooxml_escape",
    "ooxml_unescape",
    "restore",
    "terminal_text",
    "text_cell",
    "unit_row",
]

UNIT_COLUMNS: tuple[str, ...] = (
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
)
"""The columns of a unit row, in the order they are written (spreadsheets and the CLI)."""

_REDUCED_DATE = re.compile(r"\d{4}(-\d{2})?")
_DANGER = ("=", "+", "-", "@", "\t", "\r")
_TRUE = {"true", "yes", "y", "1", "x", "có"}
_FALSE = {"false", "no", "n", "0", "không"}
_OOXML_LITERAL = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Control characters, and the format characters (bidi controls, zero widths) that change
# how a terminal shows the text around them.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def unit_row(unit: Unit) -> list[Any]:
    """A unit as typed cells in :data:`UNIT_COLUMNS` order (functions space-separated)."""
    quota = [getattr(unit.quota, part) for part in QUOTA_FIELDS]
    functions = " ".join(sorted(unit.functions)) or None
    attrs = json.dumps(unit.attrs, ensure_ascii=False) if unit.attrs else None
    head = [unit.id, unit.name, unit.kind, unit.level, unit.bloc, unit.parent, unit.code]
    founded = date_cell(unit.founded, unit.founded_precision)
    ended = date_cell(unit.ended, unit.ended_precision)
    return [*head, functions, *quota, unit.funding, founded, ended, attrs]


def date_cell(value: date | None, precision: DatePrecision) -> date | str | None:
    """A date cell: the date, or ``1996`` / ``1996-05`` text when known only that far."""
    return value if precision == "day" else date_text(value, precision)


def appointment_dates(appointment: Appointment) -> tuple[date | str | None, date | str | None]:
    """An appointment's start and end cells (see :func:`unit_row`)."""
    return (
        date_cell(appointment.start, appointment.start_precision),
        date_cell(appointment.end, appointment.end_precision),
    )


def terminal_text(text: str) -> str:
    """Text safe to print on a terminal: control and bidi characters shown as escapes.

    Examples
    --------
    >>> terminal_text("Phòng\\nfake line")
    'Phòng\\\\nfake line'
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


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


def ooxml_escape(value: Any) -> Any:
    # XML turns a carriage return into a new line; OOXML writes it as _x000D_, and a
    # literal "_x....", as Excel does, with its underscore escaped.
    if not isinstance(value, str):
        return value
    return _OOXML_LITERAL.sub("_x005F_", value).replace("\r", "_x000D_")


def ooxml_unescape(value: Any) -> Any:
    if not isinstance(value, str) or "_x" not in value:
        return value
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)


def column_key(header: Any) -> str:
    """How a header or sheet name is matched: restored, NFC, stripped, case-folded."""
    text = "" if header is None else str(restore(header))
    return unicodedata.normalize("NFC", text).strip().casefold()


def text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(neutralise(value))


def cell_value(raw: Any, kind: str) -> Any:
    """A cell read as ``kind`` (text, code, int, date, bool, codes, json); ValueError if not."""
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
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if is_number and value == int(value) and 1000 <= value <= 9999:
            return str(int(value))  # a year typed in a spreadsheet
        text = str(value).strip()
        if _REDUCED_DATE.fullmatch(text):
            return text  # known to the year or the month: the record reads it
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(
                f"expected a date as YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}"
            ) from None
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
