"""Staff cost tables: a yearly cost per quota category and level, overridable per unit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from orgraph.errors import FileError
from orgraph.io._files import read_document, validation_problems
from orgraph.model import QUOTA_FIELDS, Text
from orgraph.org import Org

__all__ = ["CostTable", "cost_of", "load_costs"]

_Amount = Annotated[float, Field(ge=0)]


class _Rates(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    civil_servants: dict[str, _Amount] = {}
    public_employees: dict[str, _Amount] = {}
    contracts: dict[str, _Amount] = {}


class _UnitRates(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    civil_servants: _Amount | None = None
    public_employees: _Amount | None = None
    contracts: _Amount | None = None


class CostTable(BaseModel):
    """What one quota place costs a year, by category and level, with per-unit overrides.

    ``per_year[category][level]`` is the yearly cost of one place of ``category``
    (``civil_servants``, ``public_employees``, ``contracts``) in a unit of ``level``;
    ``units[unit_id][category]`` overrides it for one unit.

    Examples
    --------
    >>> table = CostTable(currency="VND", per_year={"civil_servants": {"district": 100}})
    >>> table.rate("civil_servants", level="district", unit="x")
    100.0
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    format_version: Literal[1] = 1
    currency: Text
    per_year: _Rates
    units: dict[str, _UnitRates] = {}

    def rate(self, category: str, *, level: str, unit: str) -> float | None:
        """The yearly cost of one place of ``category`` in ``unit`` (None: not given)."""
        override = self.units.get(unit)
        if override is not None and getattr(override, category) is not None:
            value: float = getattr(override, category)
            return value
        rates: dict[str, float] = getattr(self.per_year, category)
        return rates.get(level)


def load_costs(path: str | Path) -> CostTable:
    """Read a cost table from a ``.yaml`` or ``.json`` file (errors name file and item)."""
    data = read_document(path, what="cost table")
    try:
        return CostTable.model_validate(data)
    except ValidationError as exc:
        raise FileError.of(validation_problems(exc, data), path=path, hint=None) from None


def cost_of(org: Org, table: CostTable) -> dict[str, float]:
    """Yearly staff cost of the active units of ``org``, by quota category and in total.

    Raises :class:`~orgraph.FileError` when a unit has quota in a category the table
    gives no cost for (at its level, or for the unit itself).
    """
    sums = dict.fromkeys(QUOTA_FIELDS, 0.0)
    for unit in org.units():
        for category in QUOTA_FIELDS:
            places = getattr(unit.quota, category) or 0
            if not places:
                continue
            rate = table.rate(category, level=unit.level, unit=unit.id)
            if rate is None:
                raise FileError(
                    f"no cost for {category} at level {unit.level!r} "
                    f"(unit {unit.id!r} has {places}): add per_year.{category}.{unit.level}",
                    item="cost table",
                    hint=None,
                )
            sums[category] += places * rate
    sums["total"] = sum(sums[c] for c in QUOTA_FIELDS)
    return sums
