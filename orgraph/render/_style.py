"""Colours, border styles and badges: each diff status is shown three ways at once."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EDGE_LEGEND", "FONT", "STATUS_STYLES", "StatusStyle", "style_of"]

FONT = "Noto Sans,DejaVu Sans,sans-serif"
"""Font list: the first installed one wins; both cover Vietnamese."""


@dataclass(frozen=True, slots=True)
class StatusStyle:
    """How one status looks: fill, border colour, border style and width, legend text."""

    fill: str
    color: str
    border: str  # "" (solid), "dashed", "dotted" or "rounded"
    width: int
    badge: str
    meaning: str


STATUS_STYLES: dict[str, StatusStyle] = {
    "new": StatusStyle("#dcefd8", "#1b5e20", "", 3, "NEW", "new unit (thick border)"),
    "merged": StatusStyle(
        "#fde3c8",
        "#a04a00",
        "dashed",
        2,
        "MERGED",
        "ended: went into the unit its badge names",
    ),
    "split": StatusStyle(
        "#fde3c8",
        "#a04a00",
        "dashed",
        2,
        "SPLIT",
        "ended: split into the units its badge names",
    ),
    "dissolved": StatusStyle(
        "#f5d0d0", "#8e1b1b", "dotted", 2, "DISSOLVED", "ended with no successor (dotted border)"
    ),
    "renamed": StatusStyle("#d7e5f5", "#174a8b", "rounded", 2, "RENAMED", "new name"),
    "moved": StatusStyle("#e7dcf2", "#5b2a86", "rounded", 2, "MOVED", "new parent unit"),
    "quota": StatusStyle("#fff1b8", "#7a5c00", "rounded", 2, "QUOTA", "staff quota changed"),
    "changed": StatusStyle("#eeeeee", "#444444", "rounded", 2, "CHANGED", "some units changed"),
    "kept": StatusStyle("#ffffff", "#555555", "", 1, "", "unchanged"),
}

PLAIN = StatusStyle("#ffffff", "#444444", "", 1, "", "")

EDGE_LEGEND: dict[str, str] = {
    "lineage": "bold arrow: became (part of)",
    "concurrent": "dashed line: one person holds both posts",
    "link": "dotted line: link (guidance, coordination, ...)",
}


def style_of(status: tuple[str, ...]) -> StatusStyle:
    """The style of the most important status (the first), or the plain style."""
    return STATUS_STYLES.get(status[0], PLAIN) if status else PLAIN
