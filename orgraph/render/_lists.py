"""The full lists behind "+N more" items: a small HTML page a chart links to.

A list box shows at most ``max_list`` units; the rest fold into one "+N more" item
whose tooltip names as many as fit. :func:`render` writes every folded list in full to
``<chart>.lists.html`` beside the chart and links each "+N more" item to its place there.
"""

from __future__ import annotations

import html

from orgraph.labels import label
from orgraph.render._chart import Chart
from orgraph.render._text import one_line

__all__ = ["anchor", "folded_groups", "lists_page"]


def anchor(node: str, port: str | None) -> str:
    """The page anchor of one "+N more" item."""
    return f"{node}-{port or 'box'}"


def folded_groups(chart: Chart) -> list[tuple[str, str, list[str]]]:
    """``(anchor, heading, names)`` of every "+N more" item, in drawing order."""
    groups = []
    lang = chart.settings.lang
    for box in chart.boxes:
        shown = [e.name for e in box.entries if not e.folded]
        for entry in box.entries:
            if not entry.folded:
                continue
            heading = (
                label("list_after", lang, name=entry.name, previous=shown[-1])
                if shown
                else entry.name
            )
            groups.append((anchor(box.node, entry.port), heading, list(entry.folded_names)))
    return groups


def lists_page(chart: Chart) -> str:
    """An HTML page with every folded list in full (names escaped)."""
    title = html.escape(one_line(chart.title))
    lang = chart.settings.lang
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{html.escape(label('full_lists', lang, title=one_line(chart.title)))}</title>",
        "<style>body{font-family:'Noto Sans','DejaVu Sans',sans-serif;max-width:60em;"
        "margin:2em auto}ol{columns:3}</style></head><body>",
        f"<h1>{title}</h1>",
    ]
    for name, heading, names in folded_groups(chart):
        parts.append(f'<h2 id="{html.escape(name)}">{html.escape(one_line(heading))}</h2><ol>')
        parts += [f"<li>{html.escape(one_line(n))}</li>" for n in names]
        parts.append("</ol>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
