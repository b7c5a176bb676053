"""What the summaries share: signed numbers, quota in words, tables and sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from orgraph.labels import label

if TYPE_CHECKING:
    from orgraph.metrics import QuotaTotals

__all__ = ["Section", "TableData", "number_text", "quota_text", "signed"]


def number_text(text: str, lang: str = "en") -> str:
    """A number as printed (``str`` or :func:`signed`) in ``lang``: Vietnamese writes a
    decimal comma (``5,214``), so ``5.214`` is not read as five thousand."""
    return text.replace(".", ",") if lang == "vi" else text


def signed(value: float) -> str:
    """``+3``, ``-2`` or ``0``; floats rounded to three places."""
    if isinstance(value, float):
        value = round(value, 3)
    return f"+{value}" if value > 0 else str(value)


def quota_text(quota: QuotaTotals, lang: str = "en") -> str:
    """A quota total with its three parts, in words (in ``lang``)."""
    return label(
        "quota_parts",
        lang,
        total=quota.total,
        civil_servants=quota.civil_servants,
        public_employees=quota.public_employees,
        contracts=quota.contracts,
    )


@dataclass(frozen=True, slots=True)
class TableData:
    """A titled table: column names, rows of cells, and which columns (by index) hold
    numbers, to be right-aligned."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of one-line items."""

    title: str
    items: tuple[str, ...]
