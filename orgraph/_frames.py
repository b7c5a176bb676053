"""Records as pandas DataFrames, and back: the typed tables behind ``Org.to_frames``.

pandas is an optional extra (``orgraph[pandas]``): it is imported only when a frame is
asked for, and a missing install gives :class:`~orgraph.DependencyError` with the
command that fixes it.

Every table is tidy (one row per record, one value per cell) and typed:

* ids, names and codes are pandas strings (missing: ``NaN``);
* dates are ``datetime64[s]`` (missing: ``NaT``; ``.dt.date`` gives :class:`datetime.date`),
  which holds any year from 1 to 9999;
* quota parts and counts are nullable integers (``Int64``; unknown: ``<NA>``);
* flags are booleans, and ``attrs`` is a column of plain dicts.

A unit's functions, which are a set, get a table of their own (``functions``: one row
per unit and function) rather than a list in a cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from orgraph.errors import DependencyError
from orgraph.model import QUOTA_FIELDS, Appointment, Effects, LineageEdge, Link, Person, Post, Unit

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TABLES", "Frames", "build_frames", "number_frame", "pandas"]

_INSTALL = "pip install 'orgraph[pandas]'"

DATE = "datetime64[s]"
INT = "Int64"
TEXT = "str"
BOOL = "bool"
OBJECT = "object"

TABLES: dict[str, dict[str, str]] = {
    "units": {
        "id": TEXT,
        "name": TEXT,
        "kind": TEXT,
        "level": TEXT,
        "bloc": TEXT,
        "parent": TEXT,
        "code": TEXT,
        "funding": TEXT,
        **dict.fromkeys(QUOTA_FIELDS, INT),
        "founded": DATE,
        "ended": DATE,
        "founded_precision": TEXT,
        "ended_precision": TEXT,
        "active": BOOL,
        "attrs": OBJECT,
    },
    "functions": {"unit": TEXT, "function": TEXT},
    "posts": {
        "id": TEXT,
        "unit": TEXT,
        "title": TEXT,
        "role": TEXT,
        "leadership": BOOL,
        "ended": DATE,
        "active": BOOL,
        "attrs": OBJECT,
    },
    "people": {"id": TEXT, "name": TEXT, "attrs": OBJECT},
    "appointments": {
        "person": TEXT,
        "post": TEXT,
        "start": DATE,
        "end": DATE,
        "start_precision": TEXT,
        "end_precision": TEXT,
        "acting": BOOL,
        "active": BOOL,
    },
    "links": {"source": TEXT, "target": TEXT, "kind": TEXT, "note": TEXT},
    "lineage": {
        "predecessor": TEXT,
        "successor": TEXT,
        "change": TEXT,
        "event": TEXT,
        "effective": DATE,
        "effective_precision": TEXT,
    },
    "events": {
        "event": TEXT,
        "op": TEXT,
        "effective": DATE,
        "basis": TEXT,
        "note": TEXT,
        "established": INT,
        "ended": INT,
        "moved": INT,
        "created_posts": INT,
        "abolished_posts": INT,
        "appointed": INT,
        "released": INT,
        **{f"quota_cut_{name}": INT for name in QUOTA_FIELDS},
    },
}
"""Each table's columns and their pandas dtypes, in order."""

DERIVED: frozenset[str] = frozenset({"active"})
"""Columns computed from others (``active``: no end date); ignored when reading frames."""


def pandas() -> Any:
    """The pandas module, or :class:`~orgraph.DependencyError` saying how to install it."""
    try:
        import pandas as pd
    except ImportError:
        raise DependencyError(f"pandas is not installed: {_INSTALL}") from None
    return pd


@dataclass(frozen=True)
class Frames:
    """A structure as tidy, typed :class:`pandas.DataFrame` tables.

    ``units``, ``functions``, ``posts``, ``people``, ``appointments``, ``links`` and
    ``lineage`` hold the records (ended ones too, with ``active`` false); ``events``
    sums up the history, one row per applied operation. ``name`` and ``date`` are the
    structure's. :func:`orgraph.from_frames` builds a structure back from the record
    tables (a history cannot be rebuilt from its summary).
    """

    name: str
    date: date | None
    units: pd.DataFrame
    functions: pd.DataFrame
    posts: pd.DataFrame
    people: pd.DataFrame
    appointments: pd.DataFrame
    links: pd.DataFrame
    lineage: pd.DataFrame
    events: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in :data:`TABLES` order."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in TABLES}


def _frame(table: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    pd = pandas()
    columns = TABLES[table]
    listed = list(rows)
    data = {
        name: pd.Series([row[name] for row in listed], dtype=dtype, name=name)
        for name, dtype in columns.items()
    }
    return pd.DataFrame(data, columns=list(columns))


def _unit_row(unit: Unit) -> dict[str, Any]:
    return {
        **{name: getattr(unit, name) for name in TABLES["units"] if name in Unit.model_fields},
        **{name: getattr(unit.quota, name) for name in QUOTA_FIELDS},
        "active": unit.ended is None,
        "attrs": dict(unit.attrs),
    }


class _Operation(Protocol):
    @property
    def op(self) -> str: ...
    @property
    def note(self) -> str | None: ...


class _Event(Protocol):
    """What a table row reads of a history event (:class:`orgraph.Event`, which sits in
    a layer above this one since it holds an operation)."""

    @property
    def id(self) -> str: ...
    @property
    def operation(self) -> _Operation: ...
    @property
    def effective(self) -> date | None: ...
    @property
    def basis(self) -> str | None: ...
    @property
    def effects(self) -> Effects: ...


def _event_row(event: _Event) -> dict[str, Any]:
    effects = event.effects
    counted = ("established", "ended", "moved", "created_posts", "abolished_posts")
    return {
        "event": event.id,
        "op": event.operation.op,
        "effective": event.effective,
        "basis": event.basis,
        "note": event.operation.note,
        **{name: len(getattr(effects, name)) for name in counted},
        "appointed": len(effects.appointed),
        "released": len(effects.released),
        **{f"quota_cut_{name}": getattr(effects.quota_cut, name) for name in QUOTA_FIELDS},
    }


def build_frames(
    *,
    name: str,
    when: date | None,
    units: Sequence[Unit],
    posts: Sequence[Post],
    people: Sequence[Person],
    appointments: Sequence[Appointment],
    links: Sequence[Link],
    lineage: Sequence[LineageEdge],
    events: Sequence[_Event],
) -> Frames:
    """The :class:`Frames` of a structure's records (see :meth:`orgraph.Org.to_frames`)."""
    return Frames(
        name=name,
        date=when,
        units=_frame("units", (_unit_row(u) for u in units)),
        functions=_frame(
            "functions",
            ({"unit": u.id, "function": f} for u in units for f in sorted(u.functions)),
        ),
        posts=_frame("posts", ({**p.model_dump(), "active": p.ended is None} for p in posts)),
        people=_frame(
            "people", ({"id": p.id, "name": p.name, "attrs": dict(p.attrs)} for p in people)
        ),
        appointments=_frame(
            "appointments", ({**a.model_dump(), "active": a.end is None} for a in appointments)
        ),
        links=_frame("links", (link.model_dump() for link in links)),
        lineage=_frame("lineage", (edge.model_dump() for edge in lineage)),
        events=_frame("events", (_event_row(e) for e in events)),
    )


def number_frame(
    rows: Mapping[str, Mapping[str, int | float]], *, missing: int | None = None
) -> pd.DataFrame:
    """Named rows of numbers keyed by metric, as a frame with one column per metric.

    The index, named ``structure``, holds the row names; columns are the metrics in the
    order first seen. A metric missing from a row is ``missing`` (``<NA>`` by default).
    A column whose numbers are all whole is ``Int64``, any other ``Float64``.
    """
    pd = pandas()
    keys: dict[str, None] = {}
    for values in rows.values():
        keys.update(dict.fromkeys(values))
    data = {}
    for key in keys:
        numbers = [values.get(key, missing) for values in rows.values()]
        whole = all(isinstance(n, int) or n is None for n in numbers)
        data[key] = pd.array(numbers, dtype=INT if whole else "Float64")
    index = pd.Index(list(rows), name="structure", dtype=TEXT)
    return pd.DataFrame(data, index=index, columns=list(keys))
