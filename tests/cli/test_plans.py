"""The planners' commands: rebase, combine, report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgraph
from orgraph.cli import app

runner = CliRunner()
DAM_HA = Path(__file__).resolve().parents[2] / "examples" / "dam_ha"
STREAMLINING = str(DAM_HA / "streamlining.yaml")
ORG = str(DAM_HA / "org.yaml")


@pytest.fixture
def new_base(tmp_path: Path) -> Path:
    old = orgraph.load(ORG)
    new = orgraph.apply(
        old,
        [
            {
                "op": "dissolve",
                "unit": "thanh-tra",
                "effective": "2018-03-01",
                "basis": "Quyết định giải thể Thanh tra huyện",
            },
        ],
    )
    path = tmp_path / "new.yaml"
    orgraph.save(new, path)
    return path


def test_rebase_stops_at_the_first_conflict_and_writes_nothing(tmp_path, new_base) -> None:
    out = tmp_path / "rebased.yaml"
    result = runner.invoke(
        app, ["rebase", STREAMLINING, "--from", ORG, "--onto", str(new_base), "-o", str(out)]
    )
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first == (
        f"orgraph: error: {STREAMLINING}: operation 8 (merge): unit 'thanh-tra' was dissolved "
        "[baseline e1, 2018-03-01]; nothing written"
    )
    assert not out.exists()


def test_rebase_skip_drops_and_reports(tmp_path, new_base) -> None:
    out = tmp_path / "rebased.yaml"
    result = runner.invoke(
        app,
        [
            "rebase",
            STREAMLINING,
            "--from",
            ORG,
            "--onto",
            str(new_base),
            "-o",
            str(out),
            "--on-conflict",
            "skip",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(c["index"], c["kind"]) for c in data["conflicts"]] == [
        (8, "unit_dissolved"),
        (9, "post_abolished"),
    ]
    assert data["conflicts"][0]["cause"]["basis"] == "Quyết định giải thể Thanh tra huyện"
    rebased = orgraph.load_scenario(out)
    assert len(rebased.operations) == len(orgraph.load_scenario(STREAMLINING).operations) - 2
    orgraph.apply(orgraph.load(new_base), rebased)


def test_combine_writes_a_then_b(tmp_path) -> None:
    out = tmp_path / "ab.yaml"
    result = runner.invoke(
        app,
        ["combine", STREAMLINING, str(DAM_HA / "reconciled.yaml"), "--base", ORG, "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    combined = orgraph.load_scenario(out)
    assert combined.name.endswith("+ Đầm Hà streamlining, reconciled to 10 (ASSUMPTION)")
    after = orgraph.apply(orgraph.load(ORG), combined)
    assert not after.unit("dai-truyen-thanh").active


def test_report_markdown(tmp_path) -> None:
    out = tmp_path / "report.md"
    result = runner.invoke(
        app,
        [
            "report",
            ORG,
            STREAMLINING,
            str(DAM_HA / "alternative.yaml"),
            "-o",
            str(out),
            "--no-charts",
            "--title",
            "Báo cáo Đầm Hà",
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Báo cáo Đầm Hà\n")
    assert "## Đầm Hà 2018-2020, planner's alternative" in text


def test_report_with_costs(tmp_path) -> None:
    costs = tmp_path / "costs.yaml"
    rates = "{district: 100, commune: 80, village: 10}"
    costs.write_text(
        f"format_version: 1\ncurrency: VND\nper_year:\n  civil_servants: {rates}\n"
        f"  public_employees: {rates}\n  contracts: {rates}\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    result = runner.invoke(
        app, ["report", ORG, STREAMLINING, "-o", str(out), "--no-charts", "--costs", str(costs)]
    )
    assert result.exit_code == 0, result.output
    assert "Annual staff cost (VND)" in out.read_text(encoding="utf-8")


def test_report_bad_cost_table_is_one_line(tmp_path) -> None:
    costs = tmp_path / "costs.yaml"
    costs.write_text(
        "format_version: 1\ncurrency: VND\nper_year: {salaries: 3}\n", encoding="utf-8"
    )
    result = runner.invoke(
        app,
        [
            "report",
            ORG,
            STREAMLINING,
            "-o",
            str(tmp_path / "r.md"),
            "--no-charts",
            "--costs",
            str(costs),
        ],
    )
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(costs) in result.stderr


def test_report_unknown_format_is_a_usage_error(tmp_path) -> None:
    result = runner.invoke(app, ["report", ORG, STREAMLINING, "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 2
    assert "unknown report format" in result.stderr


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium")
def test_report_pdf(tmp_path) -> None:
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", ORG, STREAMLINING, "-o", str(out), "--no-charts"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")


def test_an_output_that_is_an_input_is_refused(tmp_path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(Path(STREAMLINING).read_bytes())
    before = plan.read_bytes()
    result = runner.invoke(
        app, ["rebase", str(plan), "--from", ORG, "--onto", ORG, "-o", str(plan)]
    )
    assert result.exit_code == 2
    assert "the output is the input file" in result.stderr
    assert plan.read_bytes() == before
