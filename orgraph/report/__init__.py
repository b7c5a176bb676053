"""Decision reports: the headline figures and each scenario's changes, in one document.

:func:`build_report` turns a baseline and scenarios into a :class:`Report` (every figure
from :func:`orgraph.compare.evaluate`, :func:`orgraph.diff` and
:func:`orgraph.metrics.metrics`); :func:`write_report` writes it as HTML, Markdown, XLSX
or PDF (the HTML printed by headless Chromium).

Examples
--------
>>> import orgraph
>>> from orgraph.report import build_report, to_markdown
>>> base = orgraph.load("examples/dam_ha/org.yaml")
>>> plan = orgraph.load_scenario("examples/dam_ha/streamlining.yaml")
>>> report = build_report(base, [plan], charts=False)
>>> report.headline.rows[0][:2], report.headline.rows[0][3]
(('Active units', 81), -7)
>>> to_markdown(report).splitlines()[0]
'# Đầm Hà district (baseline, early 2018): 1 scenario(s) compared'
>>> vi = build_report(base, [plan], charts=False, lang="vi")
>>> vi.headline.rows[0][:2], vi.headline.header[:2]
(('Đầu mối', 81), ('Chỉ tiêu', 'Hiện trạng'))
"""

from __future__ import annotations

from pathlib import Path

from orgraph.errors import UsageError
from orgraph.io._files import atomic_write
from orgraph.report._costs import CostTable, cost_of, load_costs
from orgraph.report._html import to_html
from orgraph.report._markdown import to_markdown
from orgraph.report._model import Cell, Report, ScenarioSection, Table, build_report
from orgraph.report._pdf import html_to_pdf
from orgraph.report._xlsx import to_xlsx

__all__ = [
    "FORMATS",
    "Cell",
    "CostTable",
    "Report",
    "ScenarioSection",
    "Table",
    "build_report",
    "cost_of",
    "load_costs",
    "report_bytes",
    "to_html",
    "to_markdown",
    "to_xlsx",
    "write_report",
]

FORMATS: tuple[str, ...] = ("html", "md", "xlsx", "pdf")
"""The formats :func:`write_report` writes, named by the file's suffix."""


def report_bytes(report: Report, format: str) -> bytes:
    """The report in ``format`` (``html``, ``md``, ``xlsx`` or ``pdf``) as bytes."""
    match format:
        case "html":
            return to_html(report).encode("utf-8")
        case "md":
            return to_markdown(report).encode("utf-8")
        case "xlsx":
            return to_xlsx(report)
        case "pdf":
            return html_to_pdf(to_html(report))
    raise UsageError(f"unknown report format {format!r}: use one of {', '.join(FORMATS)}")


def write_report(report: Report, path: str | Path, *, format: str | None = None) -> Path:
    """Write ``report`` to ``path`` (format from the suffix unless given), atomically."""
    path = Path(path)
    kind = format or path.suffix.lower().lstrip(".")
    kind = {"markdown": "md", "htm": "html"}.get(kind, kind)
    atomic_write(path, report_bytes(report, kind))
    return path
