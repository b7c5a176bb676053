"""The report as one self-contained HTML page (print CSS for the PDF, charts inline)."""

from __future__ import annotations

from html import escape

from orgraph.labels import label
from orgraph.report._model import Report, Table
from orgraph.report._text import cell_text, is_change_column

__all__ = ["to_html"]

_CSS = """
@page { size: A4; margin: 14mm 12mm; }
@page chart { size: A3 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif;
       font-size: 9pt; color: #1b1b1b; line-height: 1.3; margin: 0 auto; max-width: 1100px;
       padding: 0 12px; }
h1 { font-size: 18pt; margin: 0.2em 0 0.3em; }
h2 { font-size: 14pt; margin: 1.2em 0 0.4em; border-bottom: 2px solid #2f5d8a; }
h3 { font-size: 11pt; margin: 1em 0 0.3em; color: #2f5d8a; }
p.meta { color: #555; margin: 0 0 0.8em; }
table { border-collapse: collapse; width: 100%; margin: 0.2em 0 0.8em; font-size: 8pt; }
th, td { border: 1px solid #c9d3dd; padding: 1px 4px; vertical-align: top; text-align: left; }
th { background: #e8eef4; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
td.change { color: #2f5d8a; }
table.figures td:first-child { white-space: nowrap; }
table.figures th { vertical-align: bottom; }
table.operations { font-size: 7.5pt; }
table.figures { font-size: 9pt; }
table.operations td:nth-child(3) { white-space: nowrap; }
table.operations td:nth-child(2) { white-space: nowrap; }
table.units-ended td:nth-child(3) { white-space: nowrap; }
table.operations th:nth-child(4) { width: 34%; }
table.operations th:nth-child(5) { width: 22%; }
table.operations th:nth-child(6) { width: 28%; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
p.empty { color: #777; font-style: italic; margin: 0.2em 0 0.8em; }
section.scenario { break-before: page; }
figure.chart { page: chart; break-before: page; margin: 0; }
figure.chart svg { display: block; margin: 0 auto; width: 100%; height: auto; max-height: 265mm; }
figcaption { font-weight: bold; margin-bottom: 4px; }
dl dt { font-weight: bold; } dl dd { margin: 0 0 0.5em 1.2em; }
"""


def _table(table: Table, *, lang: str, heading: str = "h3") -> str:
    out = [f"<{heading}>{escape(table.title)}</{heading}>"]
    if not table.rows:
        return out[0] + f'<p class="empty">{escape(label("report.none", lang))}</p>'
    changes = {i for i, h in enumerate(table.header) if is_change_column(h)}
    kind = "figures" if table.key in ("headline", "staff_cost") else table.key.replace("_", "-")
    out.append(f'<table class="{kind}"><thead><tr>')
    for i, head in enumerate(table.header):
        cls = ' class="n"' if i in table.numeric else ""
        out.append(f"<th{cls}>{escape(head)}</th>")
    out.append("</tr></thead><tbody>")
    for row in table.rows:
        out.append("<tr>")
        for i, value in enumerate(row):
            classes = []
            if i in table.numeric:
                classes.append("n")
            if i in changes:
                classes.append("change")
            cls = f' class="{" ".join(classes)}"' if classes else ""
            text = escape(cell_text(value, change=i in changes, lang=lang))
            out.append(f"<td{cls}>{text}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def to_html(report: Report) -> str:
    """The report as an HTML document (UTF-8 text, no external resources)."""
    lang = report.lang
    when = report.baseline_date.isoformat() if report.baseline_date else None
    baseline = label(
        "report.baseline_line",
        lang,
        name=report.baseline,
        date=when or label("report.undated", lang),
    )
    parts = [
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{escape(report.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
        f"<h1>{escape(report.title)}</h1>\n",
        f'<p class="meta">{escape(baseline)}</p>\n',
        f"<h2>{escape(label('report.scenarios', lang))}</h2>\n<dl>",
    ]
    for name, description in report.scenarios:
        parts.append(f"<dt>{escape(name)}</dt><dd>{escape(description or '')}</dd>")
    parts.append("</dl>\n")
    parts.append(_table(report.headline, lang=lang, heading="h2") + "\n")
    if report.cost is not None:
        parts.append(_table(report.cost, lang=lang, heading="h2") + "\n")
    for section in report.sections:
        parts.append(f'<section class="scenario">\n<h2>{escape(section.name)}</h2>\n')
        if section.description:
            parts.append(f"<p>{escape(section.description)}</p>\n")
        for table in section.tables:
            parts.append(_table(table, lang=lang) + "\n")
        if section.chart_svg:
            caption = escape(label("report.chart", lang, name=section.name))
            parts.append(
                f'<figure class="chart"><figcaption>{caption}'
                f"</figcaption>\n{section.chart_svg}\n</figure>\n"
            )
        parts.append("</section>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)
