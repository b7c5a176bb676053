"""The report as Markdown (GitHub tables); charts are in the HTML and PDF editions."""

from __future__ import annotations

from orgraph.report._model import Report, Table
from orgraph.report._text import cell_text, is_change_column

__all__ = ["to_markdown"]


def _escape(text: str) -> str:
    for char in ("\\", "|", "*", "_", "`", "<", "[", "]"):
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def _table(table: Table, level: str = "###") -> list[str]:
    lines = [f"{level} {_escape(table.title)}", ""]
    if not table.rows:
        return [*lines, "None.", ""]
    changes = {i for i, h in enumerate(table.header) if is_change_column(h)}
    lines.append("| " + " | ".join(_escape(h) for h in table.header) + " |")
    lines.append(
        "|"
        + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.header)))
        + "|"
    )
    for row in table.rows:
        cells = [_escape(cell_text(v, change=i in changes)) for i, v in enumerate(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def to_markdown(report: Report) -> str:
    """The report as Markdown text."""
    when = report.baseline_date.isoformat() if report.baseline_date else "undated"
    lines = [
        f"# {_escape(report.title)}",
        "",
        f"Baseline: {_escape(report.baseline)}, as of {when}.",
        "",
    ]
    lines += ["## Scenarios", ""]
    for name, description in report.scenarios:
        lines.append(
            f"- **{_escape(name)}**" + (f": {_escape(description)}" if description else "")
        )
    lines.append("")
    lines += _table(report.headline, "##")
    if report.cost is not None:
        lines += _table(report.cost, "##")
    for section in report.sections:
        lines += [f"## {_escape(section.name)}", ""]
        if section.description:
            lines += [_escape(section.description), ""]
        for table in section.tables:
            lines += _table(table)
        if section.chart_svg:
            lines += ["The before/after chart is in the HTML and PDF editions of this report.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
