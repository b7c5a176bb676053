"""The decision report: its figures against compare, and each format's output."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from pathlib import Path

import pytest

import orgraph
from orgraph.compare import compare
from orgraph.errors import UsageError
from orgraph.metrics import flatten
from orgraph.model import QUOTA_FIELDS
from orgraph.report import (
    CostTable,
    build_report,
    to_html,
    to_markdown,
    to_xlsx,
    write_report,
)
from tests.helpers import need_module

DAM_HA = Path(__file__).resolve().parents[2] / "examples" / "dam_ha"


@pytest.fixture(scope="module")
def base() -> orgraph.Org:
    return orgraph.load(DAM_HA / "org.yaml")


@pytest.fixture(scope="module")
def plans() -> list[orgraph.Scenario]:
    return [
        orgraph.load_scenario(DAM_HA / "streamlining.yaml"),
        orgraph.load_scenario(DAM_HA / "alternative.yaml"),
    ]


@pytest.fixture(scope="module")
def report(base, plans):
    return build_report(base, plans, charts=False)


def _table(section, key):
    return next(t for t in section.tables if t.key == key)


def test_headline_figures_are_those_of_compare(base, plans, report) -> None:
    expected = compare(base, plans)
    baseline = flatten(expected.baseline)
    table = report.headline
    assert table.header == ("Figure", "Baseline", plans[0].name, "Change", plans[1].name, "Change")
    for key, row in zip(table.row_keys, table.rows, strict=True):
        assert row[1] == baseline.get(key, 0), key
        for i, result in enumerate(expected.scenarios):
            assert row[2 + 2 * i] == flatten(result.metrics).get(key, 0), key
            assert row[3 + 2 * i] == result.deltas.get(key, 0), key
    for key in (
        "focal_points.total",
        "posts.leadership",
        "quota.civil_servants",
        "quota.public_employees",
        "quota.contracts",
        "concurrency.total",
        "span_of_control.max",
        "span_of_control.mean",
        "depth",
    ):
        assert key in table.row_keys
    levels = {k for k in baseline if k.startswith("focal_points.by_level.")}
    blocs = {k for k in baseline if k.startswith("focal_points.by_bloc.")}
    assert levels and blocs and levels | blocs <= set(table.row_keys)


def test_each_scenario_lists_what_compare_says_it_changed(base, plans, report) -> None:
    expected = compare(base, plans)
    for section, result, plan in zip(report.sections, expected.scenarios, plans, strict=True):
        done = result.changes
        ended = _table(section, "units_ended").rows
        assert [r[0] for r in ended] == [f"{u.name} ({u.id})" for u in done.units_removed]
        assert [r[2] for r in ended] == [u.change for u in done.units_removed]
        created = _table(section, "units_created").rows
        assert [r[0] for r in created] == [f"{u.name} ({u.id})" for u in done.units_established]
        posts = _table(section, "posts").rows
        assert sum(r[0] == "abolished" for r in posts) == len(done.posts_abolished)
        assert sum(r[0] == "created" for r in posts) == len(done.posts_created)
        assert sum(r[0] == "concurrent" for r in posts) == len(done.made_concurrent)
        people = _table(section, "people").rows
        assert [r[0] for r in people] == [f"{m.name} ({m.person})" for m in done.people_moved]
        cut = _table(section, "quota_cut").rows
        assert cut[-1][:2] == ("all", "all")
        change = done.quota_change
        assert list(cut[-1][2:]) == [-getattr(change, n) for n in (*QUOTA_FIELDS, "total")]
        ops = _table(section, "operations").rows
        assert len(ops) == len(plan.operations)
        for row, op in zip(ops, plan.operations, strict=True):
            assert (row[1], row[2], row[4]) == (op.op, op.effective or plan.effective, op.basis)


def test_dam_ha_figures_from_the_files(base, plans, report) -> None:
    # Read off the scenario file: three merges of two schools and Phòng Dân tộc dissolved.
    rows = _table(report.sections[0], "units_ended").rows
    assert ("Phòng Dân tộc (phong-dan-toc)", "district", "dissolve", "") in rows
    assert any(r[0].startswith("Trường Tiểu học Quảng An 1") and r[2] == "merge" for r in rows)
    people = _table(report.sections[0], "people").rows
    rotated = [r for r in people if r[1] == "rotated"]
    assert any(r[0].endswith("(p-do-quang-huy)") for r in rotated)


def test_no_cost_table_no_cost_section(report) -> None:
    assert report.cost is None
    assert "staff cost" not in to_html(report).lower()
    assert "staff cost" not in to_markdown(report).lower()


def test_staff_cost_per_category_and_level_with_a_unit_override(base, plans) -> None:
    rates = {"district": 100.0, "commune": 80.0, "village": 10.0}
    table = CostTable(
        currency="triệu đồng",
        per_year={"civil_servants": rates, "public_employees": rates, "contracts": rates},
        units={"tt-y-te": {"public_employees": 150.0}},
    )
    report = build_report(base, plans[:1], costs=table, charts=False)
    after = orgraph.apply(base, plans[0])

    def expected(org: orgraph.Org) -> float:
        total = 0.0
        for unit in org.units():
            for name in QUOTA_FIELDS:
                rate = rates[unit.level]
                if unit.id == "tt-y-te" and name == "public_employees":
                    rate = 150.0
                total += (getattr(unit.quota, name) or 0) * rate
        return total

    total = next(r for r in report.cost.rows if r[0] == "Total")
    assert total == ("Total", expected(base), expected(after), expected(after) - expected(base))
    assert "Annual staff cost (triệu đồng)" in to_html(report)


def test_a_cost_table_missing_a_rate_is_refused(base, plans) -> None:
    table = CostTable(currency="VND", per_year={"civil_servants": {"district": 1.0}})
    with pytest.raises(orgraph.FileError, match="no cost for"):
        build_report(base, plans[:1], costs=table, charts=False)


# ---------------------------------------------------------------------------- formats
def test_html_is_escaped_nfc_and_has_inline_charts(base, plans) -> None:
    odd = plans[0].model_copy(update={"name": "Kế hoạch <b>&</b>", "description": "Mô tả"})
    report = build_report(base, [odd], chart={"depth": 1})
    html = to_html(report)
    assert "Kế hoạch &lt;b&gt;&amp;&lt;/b&gt;" in html and "<b>&" not in html
    assert unicodedata.is_normalized("NFC", html)
    assert html.count("<svg") == 1 and "<?xml" not in html
    # English labels: the page says so (Vietnamese labels give lang="vi", see test_lang).
    assert '<html lang="en">' in html and '<meta charset="utf-8">' in html


def test_markdown_tables(report) -> None:
    text = to_markdown(report)
    assert "| Figure | Baseline |" in text
    assert "| Active units | 81 | 74 | -7 |" in text
    assert "Phòng Dân tộc (phong-dan-toc)" in text


def test_xlsx_one_sheet_per_table_frozen_filtered_no_formulas(base, plans) -> None:
    openpyxl = need_module("openpyxl")
    evil = plans[0].model_copy(update={"name": '=HYPERLINK("http://x")'})
    report = build_report(base, [evil], charts=False)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))
    assert book.sheetnames == [
        "About",
        "Headline figures",
        "Units ended",
        "Units created",
        "Units moved",
        "Posts abolished, created and ma",
        "People affected",
        "Quota cut by bloc and level (be",
        "Operations",
    ]
    for ws in book.worksheets[1:]:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == ws.dimensions
    headline = book["Headline figures"]
    assert headline["C1"].value == '\'=HYPERLINK("http://x")'
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    ended = book["Units ended"]
    assert ended["A1"].value == "Scenario"
    names = [c.value for c in ended["B"]]
    assert "Phòng Dân tộc (phong-dan-toc)" in names


@pytest.mark.usefixtures("pdf_tools")
def test_pdf_keeps_the_vietnamese_text(tmp_path, base, plans) -> None:
    report = build_report(base, plans[:1], charts=False)
    path = write_report(report, tmp_path / "report.pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    text = unicodedata.normalize("NFC", text)
    for phrase in (
        "Đầm Hà streamlining 2018-2020",
        "Phòng Dân tộc",
        "Trường Tiểu học Quảng An",
        "Headline figures",
    ):
        assert phrase in text
    assert not list(tmp_path.glob("*.tmp*"))


def test_writing_an_unknown_format_is_refused(tmp_path, report) -> None:
    with pytest.raises(UsageError, match="unknown report format"):
        write_report(report, tmp_path / "report.docx")
    assert not (tmp_path / "report.docx").exists()
