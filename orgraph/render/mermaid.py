"""Mermaid ``flowchart`` text from a structure: for Markdown pages that render Mermaid.

Mermaid has no org-chart diagram, so units are flowchart nodes, lists of leaf units and
blocs are ``subgraph`` s, and every label is quoted with Mermaid entity codes
(``#35;`` for ``#``) so that no name can change the syntax.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Unpack

from orgraph.render._layout import Box, Chart, Entry, layout
from orgraph.render._style import STATUS_STYLES
from orgraph.render._text import mermaid_text, one_line
from orgraph.render.dot import _warn
from orgraph.render.options import ChartOptions, settings

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["mermaid_source", "to_mermaid"]

_ARROWS = {"parent": "---", "concurrent": "-.-", "link": "-.->", "lineage": "==>"}


def _entry_label(entry: Entry) -> str:
    name = f"<b>{mermaid_text(entry.name)}</b>"
    if entry.status and entry.status[0] in ("merged", "split", "dissolved"):
        name = f"<s>{name}</s>"
    parts = [name]
    parts += [f"<i>{mermaid_text(b)}</i>" for b in entry.badges]
    parts += [f"<small>{mermaid_text(line.text)}</small>" for line in entry.lines]
    return f'["{"<br>".join(parts)}"]'


def _css(name: str) -> str:
    style = STATUS_STYLES[name]
    dash = {"dashed": ",stroke-dasharray:6 3", "dotted": ",stroke-dasharray:2 2"}.get(
        style.border, ""
    )
    return f"fill:{style.fill},stroke:{style.color},stroke-width:{style.width}px{dash}"


def mermaid_source(chart: Chart) -> str:
    """Write a laid-out chart as Mermaid flowchart text."""
    direction = "TD" if chart.settings.direction == "TB" else "LR"
    title = one_line(chart.title) + (f" ({chart.date_text})" if chart.date_text else "")
    # A JSON string is a YAML double-quoted scalar that no name can break out of.
    quoted = json.dumps(title, ensure_ascii=False).replace("\u2028", "\\u2028")
    quoted = quoted.replace("\u2029", "\\u2029")
    lines = ["---", f"title: {quoted}", "---", f"flowchart {direction}"]
    ids: dict[tuple[str, str | None], str] = {}
    classes: dict[str, list[str]] = {}

    def box_lines(box: Box, indent: str) -> list[str]:
        out = []
        if box.kind == "list":
            out.append(f'{indent}subgraph {box.node}[" "]')
            out.append(f"{indent}  direction TB")
            for index, entry in enumerate(box.entries):
                ident = f"{box.node}_{index}"
                ids[(box.node, entry.port)] = ident
                out.append(f"{indent}  {ident}{_entry_label(entry)}")
                if entry.status:
                    classes.setdefault(entry.status[0], []).append(ident)
            out.append(f"{indent}end")
        else:
            out.append(f"{indent}{box.node}{_entry_label(box.entries[0])}")
            if box.status:
                classes.setdefault(box.status[0], []).append(box.node)
        ids.setdefault((box.node, None), box.node)
        return out

    clustered = chart.settings.blocs
    groups: dict[str | None, list[Box]] = {}
    for box in chart.boxes:
        groups.setdefault(box.bloc if clustered and box.depth > 0 else None, []).append(box)
    for index, (bloc, boxes) in enumerate(groups.items()):
        if bloc is None:
            for box in boxes:
                lines += box_lines(box, "  ")
        else:
            lines.append(f'  subgraph bloc{index}["{mermaid_text(bloc)}"]')
            for box in boxes:
                lines += box_lines(box, "    ")
            lines.append("  end")

    dashed: list[int] = []
    for number, edge in enumerate(chart.edges):
        tail = ids.get((edge.tail, edge.tail_port), edge.tail)
        head = ids.get((edge.head, edge.head_port), edge.head)
        arrow = _ARROWS[edge.kind]
        if edge.kind == "lineage" and edge.label:
            arrow = f"{arrow}|{mermaid_text(edge.label)}|"
        if edge.kind == "concurrent":
            dashed.append(number)
        lines.append(f"  {tail} {arrow} {head}")
    if dashed:
        lines.append(f"  linkStyle {','.join(map(str, dashed))} stroke-dasharray:6 4")
    for name, members in classes.items():
        if name in STATUS_STYLES:
            lines.append(f"  classDef {name} {_css(name)}")
            lines.append(f"  class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"


def to_mermaid(org: Org, *, before: Org | None = None, **options: Unpack[ChartOptions]) -> str:
    """The chart of ``org`` as Mermaid ``flowchart`` text (``before``: a before/after chart).

    Options as for :func:`~orgraph.render.chart`. Names are written with Mermaid entity
    codes for every character that could end a label.

    Examples
    --------
    >>> from orgraph import Org, Unit
    >>> org = Org.create(name="Demo", units=[
    ...     Unit(id="d", name='District "A"', kind="district", level="district"),
    ... ])
    >>> print(to_mermaid(org))
    ---
    title: "Demo"
    ---
    flowchart TD
      n0["<b>District #34;A#34;</b>"]
    <BLANKLINE>
    """
    return mermaid_source(layout(org, settings(options), before=before, warn=_warn))
