"""The report as Markdown (GitHub tables); charts are in the HTML and PDF editions."""

from __future__ import annotations

from orgraph.labels import label
from orgraph.report._model import Report, Table
from orgraph.report._text import cell_text, is_change_column

__all__ = ["to_markdown"]


def _escape(text: str) -> str:
    for char in ("\\", "|", "*", "_", "`", "<", "[", "]"):
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def _table(table: Table, lang: str, level: str = "###") -> list[str]:
    lines = [f"{level} {_escape(table.title)}", ""]
    if not table.rows:
        return [*lines, label("report.none", lang), ""]
    changes = {i for i, h in enumerate(table.header) if is_change_column(h)}
    lines.append("| " + " | ".join(_escape(h) for h in table.header) + " |")
    lines.append(
        "|"
        + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.header)))
        + "|"
    )
    for row in table.rows:
        cells = [_escape(cell_text(v, change=i in changes, lang=lang)) for i, v in enumerate(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def to_markdown(report: Report) -> str:
    """The report as Markdown text."""
    lang = report.lang
    when = report.baseline_date.isoformat() if report.baseline_date else None
    baseline = label(
        "report.baseline_line",
        lang,
        name=_escape(report.baseline),
        date=when or label("report.undated", lang),
    )
    lines = [f"# {_escape(report.title)}", "", baseline, ""]
    lines += [f"## {label('report.scenarios', lang)}", ""]
    for name, description in report.scenarios:
        lines.append(
            f"- **{_escape(name)}**" + (f": {_escape(description)}" if description else "")
        )
    lines.append("")
    lines += _table(report.headline, lang, "##")
    if report.cost is not None:
        lines += _table(report.cost, lang, "##")
    for section in report.sections:
        lines += [f"## {_escape(section.name)}", ""]
        if section.description:
            lines += [_escape(section.description), ""]
        for table in section.tables:
            lines += _table(table, lang)
        if section.chart_svg:
            lines += [label("report.chart_elsewhere", lang), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
