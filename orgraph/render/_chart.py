"""The neutral chart model: boxes, their rows, child order and lines, before any syntax.

Built by :func:`orgraph.render._layout.layout`; the placement, the DOT and Mermaid writers
and the HTML viewer read it. Text here is raw: each writer escapes it for its own syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from orgraph.labels import label
from orgraph.render.options import Settings

__all__ = ["Box", "Chart", "Edge", "Entry", "Line"]

_Date = date  # the Chart field named ``date`` hides the class in its body


@dataclass(slots=True)
class Line:
    """One row under a unit's name."""

    text: str
    role: Literal["head", "post", "quota", "badge", "more"]
    port: str | None = None


@dataclass(slots=True)
class Entry:
    """A unit as drawn: alone in a box, or as one item of a list box."""

    unit: str
    name: str
    lines: list[Line]
    status: tuple[str, ...] = ()
    badges: list[str] = field(default_factory=list)
    tooltip: str = ""
    port: str | None = None
    folded: tuple[str, ...] = ()  # a "+N more" item: the unit ids it stands for
    folded_names: tuple[str, ...] = ()  # ... and their names, in order


@dataclass(slots=True)
class Box:
    """A node of the chart: one unit, a list of leaf units, or a count of folded units."""

    node: str
    kind: Literal["unit", "list", "count"]
    entries: list[Entry]
    bloc: str | None
    depth: int
    label: str = ""
    status: tuple[str, ...] = ()
    staff: bool = False  # a staff/advisory unit: drawn beside its parent's line
    level: str = ""  # the level code of its (first) unit


@dataclass(slots=True)
class Edge:
    """A line between two boxes (``port``: a row or list item inside the box)."""

    tail: str
    head: str
    kind: Literal["parent", "concurrent", "link", "lineage"]
    tail_port: str | None = None
    head_port: str | None = None
    tooltip: str = ""
    label: str = ""
    style: str = ""


@dataclass(slots=True)
class Chart:
    """Everything a writer needs: boxes in drawing order, child order, edges, title."""

    title: str
    date: date | None
    boxes: list[Box]
    children: dict[str, list[str]]
    edges: list[Edge]
    diff: bool
    settings: Settings
    warnings: list[str] = field(default_factory=list)
    before_date: _Date | None = None

    @property
    def date_text(self) -> str | None:
        """``as of 2018-01-01``, or ``2018-01-01 → 2020-01-01`` for a before/after chart
        (in the chart's language)."""
        lang = self.settings.lang
        if self.diff and self.before_date is not None and self.before_date != self.date:
            after = self.date.isoformat() if self.date else label("after", lang)
            return f"{self.before_date.isoformat()} → {after}"
        return label("as_of", lang, date=self.date.isoformat()) if self.date else None

    @property
    def unit_count(self) -> int:
        """Units drawn (each list item counts)."""
        return sum(len(b.entries) for b in self.boxes)
