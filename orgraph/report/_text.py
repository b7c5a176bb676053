"""How the writers print a cell: numbers with a sign for changes, dates ISO, text NFC."""

from __future__ import annotations

import unicodedata
from datetime import date

from orgraph.labels import LANGUAGES, label
from orgraph.report._model import Cell

__all__ = ["cell_text", "is_change_column"]


_VI_DIGITS = str.maketrans({",": ".", ".": ","})
_CHANGE = frozenset(label("head.change", lang) for lang in LANGUAGES)


def is_change_column(header: str) -> bool:
    """Columns named ``Change`` (``Thay đổi``) hold differences, printed with a sign."""
    return header in _CHANGE


def cell_text(value: Cell, *, change: bool = False, lang: str = "en") -> str:
    """``value`` as text: ``+3``/``-2``/``0`` in change columns, ``1,234`` for large numbers.

    Vietnamese (``lang="vi"``) writes numbers the Vietnamese way: ``1.234`` and ``5,214``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return label("report.yes" if value else "report.no", lang)
    if isinstance(value, int | float):
        if isinstance(value, float) and value.is_integer() and abs(value) >= 1000:
            value = int(value)
        text = f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
        if lang == "vi":
            text = text.translate(_VI_DIGITS)
        if change and value > 0:
            return "+" + text
        return text
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFC", value)
