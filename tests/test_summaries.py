"""orgraph.summaries: what the CLI prints, as data, checked against hand counts.

The baseline is ``district()`` from tests/test_metrics.py (7 active units).
"""

from __future__ import annotations

from typing import Any

from orgraph import Org, Scenario, apply
from orgraph.compare import compare
from orgraph.diff import diff
from orgraph.metrics import metrics
from orgraph.summaries import (
    LINEAGE_COLUMNS,
    apply_summary,
    comparison_rows,
    diff_lines,
    diff_sections,
    lineage_rows,
    metrics_tables,
    signed,
)
from tests.test_metrics import district

MERGE = {"op": "merge", "sources": ["o1", "o2"], "into": {"id": "o12", "name": "Phòng gộp"}}


def after(*operations: dict[str, Any]) -> Org:
    return apply(district(), [{"effective": "2020-06-01", **op} for op in operations])


def test_signed() -> None:
    assert [signed(3), signed(-2), signed(0), signed(0.12345)] == ["+3", "-2", "0", "+0.123"]


def test_apply_summary_counts() -> None:
    later = after(MERGE, {"op": "dissolve", "unit": "v2"})
    summary = apply_summary(district(), later, scenario="s")
    assert (summary.operations, summary.established, summary.ended) == (2, 1, 3)
    assert (summary.focal_before, summary.focal_after) == (7, 5)
    assert summary.lines()[0] == "scenario: s"
    assert summary.lines()[2] == "units: 1 established, 3 ended"
    assert summary.lines()[-1] == "active units: 7 -> 5 (-2)"
    assert summary.lines("vi")[-1] == "đầu mối: 7 -> 5 (-2)"


def test_lineage_rows_carry_names() -> None:
    rows = lineage_rows(after(MERGE))
    assert [(r.predecessor_id, r.successor_id, r.successor_name) for r in rows] == [
        ("o1", "o12", "Phòng gộp"),
        ("o2", "o12", "Phòng gộp"),
    ]
    [first, _] = rows
    assert len(first.values()) == len(LINEAGE_COLUMNS)
    assert first.as_json()["effective"] == "2020-06-01"
    assert first.as_json()["change"] == "merge"


def test_metrics_tables_start_with_the_summary() -> None:
    tables = metrics_tables(metrics(district()), title="T")
    summary = tables[0]
    assert summary.title == "T" and summary.columns == ("measure", "value")
    assert summary.rows[0] == ("active units", "7")
    assert summary.numeric == (1,)
    quota = next(t for t in tables if t.title == "staff quota")
    assert quota.rows[-1][0] == "all" and quota.numeric == (1, 2, 3, 4)


def test_comparison_rows_show_value_and_delta() -> None:
    scenario = Scenario.model_validate(
        {"name": "merge", "effective": "2020-06-01", "operations": [MERGE]}
    )
    table = comparison_rows(compare(district(), [scenario]))
    assert table.columns == ("metric", "baseline", "merge")
    row = next(r for r in table.rows if r[0] == "focal_points.total")
    assert row == ("focal_points.total", "7", "6 (-1)")


def test_diff_sections_and_lines() -> None:
    later = after(MERGE, {"op": "reparent", "unit": "v1", "parent": None})
    d = diff(district(), later)
    titles = [s.title for s in diff_sections(d, later)]
    assert titles == ["units ended", "units added", "units moved", "posts moved"]
    lines = diff_lines(d, later)
    assert lines[0] == "units ended (2):"
    assert "  Thôn 1 [v1]: c -> None" in lines
    assert diff_lines(diff(district(), district()), district()) == ["no differences"]


def test_metrics_tables_in_vietnamese() -> None:
    tables = metrics_tables(metrics(district()), title="T", lang="vi")
    assert tables[0].rows[0] == ("đầu mối", "7")
    quota = next(t for t in tables if t.title == "biên chế")
    assert quota.columns[1:3] == ("công chức", "viên chức")
