"""Chart options shared by every render function, and the warning for unreadable charts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any, Literal, TypedDict

__all__ = [
    "FORMATS",
    "ChartOptions",
    "ChartWarning",
    "Direction",
    "Format",
    "Settings",
    "format_of",
    "page_size",
    "settings",
]

Direction = Literal["TB", "LR"]
Format = Literal["svg", "png", "pdf", "dot", "mmd"]

FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot", "mmd")
"""Output formats, named by file suffix; ``dot`` and ``mmd`` need no Graphviz binary."""

_SUFFIXES = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "gv": "dot", "mmd": "mmd"}

#: Beyond these a chart is hard to read on paper: the render functions warn.
MAX_BOXES = 300
MAX_SIBLINGS = 40


class ChartWarning(UserWarning):
    """A chart will be hard to read (too many boxes or siblings); draw less of it.

    ``problems`` lists what is wrong, one short phrase each.
    """

    def __init__(self, problems: list[str], *, advice: str = "depth=, root= or collapse=") -> None:
        self.problems = list(problems)
        super().__init__(
            f"the chart will be hard to read ({'; '.join(self.problems[:3])}): "
            f"draw less with {advice}"
        )


class ChartOptions(TypedDict, total=False):
    """Keyword options accepted by every chart function (all optional).

    root
        Id of the unit to start from; default: every root of the structure.
    depth
        Levels below the root to draw (0: the root alone); default: all.
    posts
        List each unit's current posts.
    people
        Name the holders (of the head post, or of every post with ``posts``).
    quota
        Add a staff-quota row to each unit.
    blocs
        Draw one cluster per bloc (party, state, front, ...).
    direction
        ``"TB"`` (top-down, default) or ``"LR"`` (left to right).
    title
        Chart title; default: the structure's name.
    collapse
        Level code(s) whose units are folded into one count per parent (``"commune"``).
    links
        Draw links between units (dotted, default true).
    stack
        Stack a parent's leaf units into one list box (default true): much narrower.
    page
        Scale the chart down to fit a paper size: ``"A4"``, ``"A3"`` (landscape) or
        ``"A4-portrait"``, ``"A3-portrait"``; default: natural size.
    """

    root: str | None
    depth: int | None
    posts: bool
    people: bool
    quota: bool
    blocs: bool
    direction: Direction
    title: str | None
    collapse: str | Iterable[str] | None
    links: bool
    stack: bool
    page: str | None


@dataclass(frozen=True, slots=True)
class Settings:
    """Validated :class:`ChartOptions`."""

    root: str | None = None
    depth: int | None = None
    posts: bool = False
    people: bool = False
    quota: bool = False
    blocs: bool = False
    direction: Direction = "TB"
    title: str | None = None
    collapse: frozenset[str] = frozenset()
    links: bool = True
    stack: bool = True
    page: str | None = None


#: Drawing area (inches, landscape) for the paper sizes ``page`` accepts: the paper less
#: the margin Graphviz adds (about half an inch a side), so the output fits the sheet.
PAGES: dict[str, tuple[float, float]] = {"a4": (10.5, 7.1), "a3": (15.4, 10.5)}


def page_size(page: str) -> str:
    """The Graphviz ``size`` for a paper name such as ``"A4"`` or ``"A3-portrait"``.

    Examples
    --------
    >>> page_size("A4"), page_size("a4-portrait")
    ('10.5,7.1', '7.1,10.5')
    """
    name, _, orientation = page.lower().partition("-")
    if name not in PAGES or orientation not in ("", "portrait", "landscape"):
        raise ValueError(f"page must be A4, A3, A4-portrait or A3-portrait, not {page!r}")
    width, height = PAGES[name]
    if orientation == "portrait":
        width, height = height, width
    return f"{width:g},{height:g}"


_NAMES = frozenset(f.name for f in fields(Settings))


def settings(options: ChartOptions) -> Settings:
    """Check chart options and fill in the defaults; ``TypeError``/``ValueError`` if wrong."""
    unknown = sorted(set(options) - _NAMES)
    if unknown:
        raise TypeError(f"unknown chart option(s): {', '.join(unknown)}")
    values: dict[str, Any] = dict(options)
    direction = values.get("direction", "TB")
    if direction not in ("TB", "LR"):
        raise ValueError(f"direction must be 'TB' or 'LR', not {direction!r}")
    depth = values.get("depth")
    if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or depth < 0):
        raise ValueError(f"depth must be a whole number >= 0, not {depth!r}")
    if values.get("page") is not None:
        page_size(values["page"])
    collapse = values.get("collapse")
    if collapse is None:
        values["collapse"] = frozenset()
    elif isinstance(collapse, str):
        values["collapse"] = frozenset([collapse])
    else:
        values["collapse"] = frozenset(collapse)
    return Settings(**values)


def format_of(path: str, format: str | None = None) -> Format:
    """The output format: ``format`` if given, else from the file suffix.

    Examples
    --------
    >>> format_of("chart.PDF"), format_of("x.out", "mmd")
    ('pdf', 'mmd')
    """
    if format is not None:
        name = format.lower().lstrip(".")
        if name not in _SUFFIXES:
            raise ValueError(f"unknown chart format {format!r}: use {', '.join(FORMATS)}")
        return _SUFFIXES[name]  # type: ignore[return-value]
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if suffix not in _SUFFIXES:
        raise ValueError(
            f"cannot tell the chart format from {path!r}: use a suffix "
            f"({', '.join('.' + f for f in FORMATS)}) or give the format"
        )
    return _SUFFIXES[suffix]  # type: ignore[return-value]
