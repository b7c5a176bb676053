"""Chart options shared by every render function, and the warning for unreadable charts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any, Literal, TypedDict

from orgraph.labels import check_lang
from orgraph.model import nfc

__all__ = [
    "FORMATS",
    "ChartOptions",
    "ChartWarning",
    "Direction",
    "Format",
    "Settings",
    "format_of",
    "page_points",
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
        Level or kind code(s) whose units are folded into one count per parent
        (``"commune"``), or a depth (``"3"``) from which every unit is folded.
    links
        Draw links between units (dotted, default true).
    stack
        Stack a parent's leaf units into one list box (default true): much narrower.
    staff
        Unit kind(s) drawn as staff/advisory units, beside their parent's line (a unit
        with ``attrs: {staff: true}`` is one too).
    align
        Give the boxes of one level one height and draw level bands where rows allow.
    max_list
        Longest list box (default 100): beyond, the rest folds into "+N more".
    aspect
        Width/height to aim for (default: the page's, else √2 landscape).
    page
        Fit a paper size: ``"A4"`` to ``"A0"`` (landscape), or with ``-portrait`` /
        ``-landscape``; rows and columns are chosen for the largest print, which is then
        scaled to the sheet. Default: natural size.
    lang
        Language of the chart's own words (badges, legend, quota rows, "+N more"):
        ``"en"`` (neutral English, default) or ``"vi"`` (Vietnamese: MỚI, HỢP NHẤT,
        biên chế, công chức...). Names from the data are drawn as they are.
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
    staff: str | Iterable[str] | None
    align: bool
    max_list: int
    aspect: float | None
    lang: str


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
    staff: frozenset[str] = frozenset()
    align: bool = False
    max_list: int = 100
    aspect: float | None = None
    lang: str = "en"


#: Drawing area (inches, landscape) for the paper sizes ``page`` accepts: the paper less
#: the margin Graphviz adds (about 0.6 inch a side), so the output fits the sheet.
PAGES: dict[str, tuple[float, float]] = {
    "a4": (10.5, 7.1),
    "a3": (15.4, 10.5),
    "a2": (22.2, 15.3),
    "a1": (31.9, 22.2),
    "a0": (45.6, 31.9),
}


def _paper(page: str) -> tuple[float, float]:
    name, _, orientation = page.lower().partition("-")
    if name not in PAGES or orientation not in ("", "portrait", "landscape"):
        raise ValueError(
            f"page must be A0-A4, optionally with -portrait or -landscape, not {page!r}"
        )
    width, height = PAGES[name]
    if orientation == "portrait":
        width, height = height, width
    return width, height


def page_size(page: str) -> str:
    """The Graphviz ``size`` for a paper name such as ``"A4"`` or ``"A3-portrait"``.

    Examples
    --------
    >>> page_size("A4"), page_size("a4-portrait"), page_size("A1-landscape")
    ('10.5,7.1', '7.1,10.5', '31.9,22.2')
    """
    width, height = _paper(page)
    return f"{width:g},{height:g}"


def page_points(page: str) -> tuple[float, float]:
    """The drawing area of a paper name in points (width, height)."""
    width, height = _paper(page)
    return width * 72, height * 72


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
    if isinstance(values.get("root"), str):
        values["root"] = nfc(values["root"])  # as the ids it is looked up among
    if values.get("page") is not None:
        page_size(values["page"])
    for name in ("collapse", "staff"):
        given = values.get(name)
        if given is None:
            values[name] = frozenset()
        elif isinstance(given, str):
            values[name] = frozenset([given])
        else:
            values[name] = frozenset(str(g) for g in given)
    longest = values.get("max_list", 100)
    if isinstance(longest, bool) or not isinstance(longest, int) or longest < 2:
        raise ValueError(f"max_list must be a whole number >= 2, not {longest!r}")
    aspect = values.get("aspect")
    if aspect is not None and (not isinstance(aspect, int | float) or not 0.05 < aspect < 20):
        raise ValueError(f"aspect must be a number between 0.05 and 20, not {aspect!r}")
    check_lang(values.get("lang", "en"))
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
