"""An interactive org chart in one self-contained HTML file.

:func:`viewer_html` returns the page: pan and zoom, expand and collapse, accent-insensitive
search, a details panel with posts, holders and lineage, a before/after toggle with the
diff chart's statuses, a timeline over the history, export to SVG and PNG. The page needs
no network: data, script and style are inline and a Content-Security-Policy forbids
fetching anything.

Examples
--------
>>> from orgraph import Org, Unit
>>> from orgraph.render.html import viewer_html
>>> org = Org.create(name="Demo", units=[Unit(id="d", name="Đầm Hà", kind="x", level="x")])
>>> page = viewer_html(org)
>>> page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
True
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import TYPE_CHECKING

from orgraph.labels import check_lang, label
from orgraph.render.html._data import Payload
from orgraph.render.html._page import page, script_json
from orgraph.render.options import Settings

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["AUTO_DEPTH_UNITS", "REPR_LARGE", "Viewer", "repr_html", "script_json", "viewer_html"]

#: With more units than this and no ``depth``, the viewer opens two levels deep.
AUTO_DEPTH_UNITS = 300
_ALL = 1 << 30
#: A Jupyter cell shows a summary and a collapsed viewer beyond this many units.
REPR_LARGE = 300


def viewer_html(
    org: Org,
    *,
    before: Org | None = None,
    history: bool = False,
    depth: int | None = None,
    root: str | None = None,
    title: str | None = None,
    lang: str = "en",
) -> str:
    """The viewer page for ``org``, as one HTML document.

    Parameters
    ----------
    org
        The structure to show (the "after" one when ``before`` is given).
    before
        The structure before a scenario: adds before, after and changes views, the last
        with the diff chart's statuses and legend.
    history
        Add a timeline: one view per date of ``org``'s history (``org.as_of(date)``).
        ``ValueError`` if the history has no dated event.
    depth
        Levels open when the page opens (0: the roots alone); default all, or 2 for
        structures of more than :data:`AUTO_DEPTH_UNITS` units.
    root
        Show the subtree of this unit only.
    title
        Page title; default: the structure's name.
    lang
        Language of the page's own words (buttons, panel, legend, badges): ``"en"``
        (default) or ``"vi"``. ``ValueError`` for another.

    Examples
    --------
    >>> from datetime import date
    >>> from orgraph import Org, Unit, apply
    >>> org = Org.create(name="Demo", date=date(2020, 1, 1), units=[
    ...     Unit(id="d", name="Huyện Đầm Hà", kind="district", level="district"),
    ...     Unit(id="a", name="Phòng A", kind="office", level="district", parent="d"),
    ... ])
    >>> after = apply(org, [{"op": "rename", "unit": "a", "name": "Phòng B",
    ...                      "effective": "2020-06-01"}])
    >>> page = viewer_html(after, before=org, history=True, depth=1)
    >>> page.count("<script"), "Phòng B" in page  # the data and the viewer's script
    (2, True)
    """
    check_lang(lang)
    if depth is not None and (isinstance(depth, bool) or depth < 0):
        raise ValueError(f"depth must be a whole number >= 0, not {depth!r}")
    if depth is None and len(org.units()) > AUTO_DEPTH_UNITS:
        depth = 2
    # Every unit gets its own item, however long a list: the viewer zooms, paper does not.
    settings = Settings(root=root, max_list=_ALL, lang=lang)
    name = title if title is not None else org.name
    data = Payload(title=name, depth=depth, lang=lang)
    initial = 0
    drawn: dict[int, int] = {}  # id of a structure -> its view, so none is laid out twice
    if before is None:
        initial = data.add_view("current", _label("view.current", org, lang), org, settings)
    else:
        first = data.add_view("before", _label("view.before", before, lang), before, settings)
        data.add_view("after", _label("view.after", org, lang), org, settings)
        changes = label("view.changes", lang)
        initial = data.add_view("changes", changes, org, settings, before=before)
        data.compare = [first, first + 1, initial]
        drawn[id(before)] = first
    drawn[id(org)] = initial if before is None else initial - 1
    if history:
        data.timeline = []
        for when, state in _timeline(org, before):
            index = drawn.get(id(state))
            if index is None:
                index = data.add_view(f"t{when.isoformat()}", when.isoformat(), state, settings)
            data.timeline.append([when.isoformat(), index])
        if before is None:
            initial = data.timeline[-1][1]
    wanted = data.neighbours(org, data.drawn())
    if before is not None:
        data.know(before, wanted)
    data.know(org, wanted)
    payload = data.finish(org)
    payload["initial"] = initial
    return page(payload, title=name, lang=lang)


def _timeline(org: Org, before: Org | None) -> list[tuple[date, Org]]:
    """The structure as of each date of the history, and just before its first event."""
    events = org.history
    dates = sorted({e.effective for e in events if e.effective is not None})
    if not dates:
        raise ValueError("the structure has no dated history to show on a timeline")
    start = before.date if before is not None and before.date is not None else None
    if start is None or start >= dates[0]:
        start = dates[0] - timedelta(days=1)
    # Known states need no rebuilding: the newest is ``org`` itself, and the first is
    # ``before`` when ``org`` is ``before`` with later-dated events applied.
    first: Org | None = None
    if before is not None:
        done = len(before.history)
        rest = events[done:]
        if events[:done] == before.history and all(
            e.effective is not None and e.effective > start for e in rest
        ):
            first = before
    states = [(start, first if first is not None else org.as_of(start))]
    states += [(when, org.as_of(when)) for when in dates[:-1]]
    states.append((dates[-1], org))
    return states


def _label(key: str, org: Org, lang: str) -> str:
    word = label(key, lang)
    return f"{word} ({org.date.isoformat()})" if org.date else word


def repr_html(org: Org) -> str:
    """HTML for Jupyter: a one-line summary and the viewer in a sandboxed frame.

    A structure of more than :data:`REPR_LARGE` units opens collapsed to one level.

    The page keeps its own Content-Security-Policy inside the frame (``srcdoc``); the frame
    may run scripts and start downloads, nothing else.
    """
    units = len(org.units())
    large = units > REPR_LARGE
    document = viewer_html(org, depth=1 if large else None)
    frame = (
        f'<iframe srcdoc="{html.escape(document, quote=True)}" '
        'sandbox="allow-scripts allow-downloads" '
        'style="width:100%;height:560px;border:1px solid #bbb" '
        f'title="{html.escape(org.name, quote=True)}"></iframe>'
    )
    levels: dict[str, int] = {}
    for unit in org.units():
        levels[unit.level] = levels.get(unit.level, 0) + 1
    summary = (
        f"<strong>{html.escape(org.name)}</strong>"
        + (f" as of {org.date.isoformat()}" if org.date else "")
        + f": {units} units ("
        + ", ".join(f"{count} {html.escape(level)}" for level, count in levels.items())
        + f"), {len(org.posts())} posts, {len(org.people())} people"
    )
    if large:
        summary += " (the viewer opens one level deep)"
    return f"<div>{summary}{frame}</div>"


class Viewer:
    """A structure shown by the viewer in Jupyter: ``Viewer(org)`` as a cell's last line.

    An :class:`~orgraph.Org` shows the same by itself (``Org._repr_html_``, registered by
    :mod:`orgraph.render`).
    """

    def __init__(self, org: Org) -> None:
        self.org = org

    def _repr_html_(self) -> str:
        return repr_html(self.org)
