"""The placement's records: boxes, lines, markers, bands (the contract: see place.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from orgraph.render._content import (
    Grid,
    wrap,
)
from orgraph.render._layout import Box, Edge
from orgraph.render._measure import text_width
from orgraph.render._route import Rect

__all__ = [
    "MARKER_HEIGHT",
    "MARKER_SIZE",
    "NOTE_WIDTH",
    "SMALLEST_TEXT",
    "Band",
    "Connector",
    "Marker",
    "PlacedBox",
    "Placement",
    "note_columns",
    "shown_notes",
]

#: Smallest text drawn (points), to check printed sizes against.
SMALLEST_TEXT = 9.0
#: Lines not drawn in full are listed under the chart, this many at most.
NOTES_SHOWN = 40
MARKER_SIZE = 9.0
#: Notes under the chart wrap at this width (points).
NOTE_WIDTH = 520.0
MARKER_HEIGHT = 12.0

Kind = Literal["parent", "concurrent", "link", "lineage"]


@dataclass(frozen=True, slots=True)
class PlacedBox:
    """A box where it is drawn: top-left corner, size, and for lists the item grid."""

    node: str
    x: float
    y: float
    width: float
    height: float
    box: Box
    grid: Grid | None = None
    cells: Mapping[str, Rect] = field(default_factory=dict)

    @property
    def rect(self) -> Rect:
        """``(x, y, width, height)``."""
        return (self.x, self.y, self.width, self.height)

    @property
    def centre(self) -> tuple[float, float]:
        """The middle of the box."""
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True, slots=True)
class Connector:
    """One line: an orthogonal polyline from box ``tail`` to box ``head``."""

    kind: Kind
    tail: str
    head: str
    points: tuple[tuple[float, float], ...]
    edge: Edge | None = None
    arrow: bool = False  # an arrowhead at the last point


@dataclass(frozen=True, slots=True)
class Marker:
    """A short labelled stub on a box for a line not drawn in full (see ``notes``)."""

    x: float
    y: float
    width: float
    height: float
    label: str  # "L1": the same label sits on both boxes, and starts its note
    node: str
    note: str


@dataclass(frozen=True, slots=True)
class Band:
    """A horizontal band behind one level of the chart (``align``)."""

    y: float
    height: float
    label: str


@dataclass(frozen=True, slots=True)
class Placement:
    """Every box and line of a chart, in points, origin top-left, y down (see module doc)."""

    width: float
    height: float
    boxes: Mapping[str, PlacedBox]
    connectors: tuple[Connector, ...]
    title: Rect = (0.0, 0.0, 0.0, 0.0)
    legend: Rect | None = None
    bands: tuple[Band, ...] = ()
    notes: tuple[str, ...] = ()
    limit: float = 0.0  # the row width the layout chose
    footer: Rect | None = None  # where the notes are listed
    markers: tuple[Marker, ...] = ()

    @property
    def notes_shown(self) -> list[str]:
        """The notes as listed in the footer (the first few, then a count)."""
        return shown_notes(self.notes)

    @property
    def note_columns(self) -> list[list[str]]:
        """:attr:`notes_shown` split into the footer's columns."""
        if self.footer is None:
            return []
        shown = self.notes_shown
        width = min(max(text_width(t, SMALLEST_TEXT) for t in shown), NOTE_WIDTH) + 16
        return note_columns(shown, max(1, round(self.footer[2] / width)))

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height if self.height else 1.0


def shown_notes(notes: Sequence[str]) -> list[str]:
    head = list(notes[:NOTES_SHOWN])
    if len(notes) > NOTES_SHOWN:
        head.append(f"... and {len(notes) - NOTES_SHOWN} more (see the tooltips)")
    return head


def note_columns(texts: Sequence[str], columns: int) -> list[list[str]]:
    """Notes split into ``columns`` runs of about the same number of lines, in order."""
    sizes = [len(wrap(t, SMALLEST_TEXT, limit=NOTE_WIDTH)) for t in texts]
    target = sum(sizes) / columns
    out: list[list[str]] = [[]]
    running = 0
    for text, size in zip(texts, sizes, strict=True):
        if out[-1] and running + size / 2 > target * len(out) and len(out) < columns:
            out.append([])
        out[-1].append(text)
        running += size
    return out
