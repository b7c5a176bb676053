"""The planning commands: apply, lineage, metrics, compare, diff."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgraph import Scenario, load, save, save_scenario
from orgraph.cli import app
from tests.test_metrics import district

runner = CliRunner()

MERGE = {"op": "merge", "sources": ["o1", "o2"], "into": {"id": "o12", "name": "Phòng gộp"}}


@pytest.fixture
def org_file(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    save(district(), path)
    return path


def scenario_file(tmp_path: Path, name: str, *operations: dict[str, object]) -> Path:
    path = tmp_path / f"{name}.yaml"
    save_scenario(
        Scenario.model_validate(
            {"name": name, "effective": "2020-06-01", "operations": list(operations)}
        ),
        path,
    )
    return path


@pytest.fixture
def merge_file(tmp_path: Path) -> Path:
    return scenario_file(tmp_path, "merge", MERGE)


@pytest.fixture
def after_file(tmp_path: Path, org_file: Path, merge_file: Path) -> Path:
    out = tmp_path / "after.yaml"
    result = runner.invoke(app, ["apply", str(org_file), str(merge_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


# ---------------------------------------------------------------------------- apply
def test_apply_writes_and_summarises(tmp_path: Path, org_file: Path) -> None:
    scenario = scenario_file(
        tmp_path,
        "streamline",
        MERGE,
        {"op": "dissolve", "unit": "o3"},
        {"op": "concurrent_role", "primary": "c.secretary", "secondary": "c.chair"},
    )
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["apply", str(org_file), str(scenario), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "operations applied: 3" in lines
    # merge: +o12, -o1 -o2; dissolve: -o3.
    assert "units: 1 established, 3 ended" in lines
    # o3's only post was already abolished; p4 leaves the chair, p3 takes it.
    assert "posts: 0 created, 0 abolished" in lines
    assert "people: 1 released, 1 appointed" in lines
    assert "quota cut: 5 (civil servants 4, public employees 1, contracts 0)" in lines
    assert "active units: 7 -> 5 (-2)" in lines
    after = load(out)
    assert after.has_unit("o12") and after.unit("o3").ended is not None
    assert len(after.history) == 3


def test_apply_dry_run_writes_nothing(tmp_path: Path, org_file: Path, merge_file: Path) -> None:
    out = tmp_path / "out.yaml"
    result = runner.invoke(
        app, ["apply", str(org_file), str(merge_file), "-o", str(out), "--dry-run"]
    )
    assert result.exit_code == 0
    assert "active units: 7 -> 6 (-1)" in result.stdout
    assert "dry run" in result.stdout
    assert not out.exists()


def test_apply_needs_out(org_file: Path, merge_file: Path) -> None:
    result = runner.invoke(app, ["apply", str(org_file), str(merge_file)])
    assert result.exit_code == 2
    assert "-o" in result.stderr
    assert "Traceback" not in result.output


def test_apply_invalid_operation_is_one_line_and_writes_nothing(
    tmp_path: Path, org_file: Path
) -> None:
    bad = scenario_file(
        tmp_path,
        "bad",
        {"op": "dissolve", "unit": "o3"},
        {"op": "merge", "sources": ["o1", "nope", "o4"], "into": {"id": "x", "name": "X"}},
    )
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["apply", str(org_file), str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"orgraph: error: {bad}: operation 2 (merge): ")
    assert "'nope' does not exist [nope]" in line
    assert "o4" in line  # the ended source is a second problem on the same line
    assert not out.exists()
    assert {p.name for p in tmp_path.iterdir()} == {"org.yaml", "bad.yaml"}


def test_apply_does_not_overwrite_output_on_failure(tmp_path: Path, org_file: Path) -> None:
    bad = scenario_file(tmp_path, "bad", {"op": "dissolve", "unit": "nope"})
    out = tmp_path / "out.yaml"
    out.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["apply", str(org_file), str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "keep me"


def test_apply_missing_scenario_file(tmp_path: Path, org_file: Path) -> None:
    result = runner.invoke(
        app, ["apply", str(org_file), str(tmp_path / "none.yaml"), "-o", str(tmp_path / "o.yaml")]
    )
    assert result.exit_code == 2
    assert "file not found" in result.stderr
    assert "Traceback" not in result.output


def test_apply_bad_output_extension(org_file: Path, merge_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["apply", str(org_file), str(merge_file), "-o", str(out)])
    assert result.exit_code != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_apply_output_folder_missing(tmp_path: Path, org_file: Path, merge_file: Path) -> None:
    out = tmp_path / "missing" / "out.yaml"
    result = runner.invoke(app, ["apply", str(org_file), str(merge_file), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "output folder does not exist" in result.stderr
    assert not out.parent.exists()


# ---------------------------------------------------------------------------- lineage
def test_lineage_csv(after_file: Path) -> None:
    result = runner.invoke(app, ["lineage", str(after_file), "--csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    columns = ("predecessor_id", "successor_id", "change", "effective")
    assert [tuple(r[c] for c in columns) for r in rows] == [
        ("o1", "o12", "merge", "2020-06-01"),
        ("o2", "o12", "merge", "2020-06-01"),
    ]
    assert rows[0]["predecessor_name"] == "Phòng Nội vụ"
    assert rows[0]["successor_name"] == "Phòng gộp"
    assert rows[0]["event"] == "e1"


def test_lineage_unit_follows_chains(tmp_path: Path, org_file: Path) -> None:
    chain = scenario_file(
        tmp_path,
        "chain",
        MERGE,
        {"op": "absorb", "sources": ["o12"], "into": "o3"},
    )
    out = tmp_path / "chain-after.yaml"  # not the scenario itself: that is refused
    assert runner.invoke(app, ["apply", str(org_file), str(chain), "-o", str(out)]).exit_code == 0

    def edges(unit: str) -> set[tuple[str, str]]:
        result = runner.invoke(app, ["lineage", str(out), "--unit", unit, "--json"])
        assert result.exit_code == 0
        return {(e["predecessor_id"], e["successor_id"]) for e in json.loads(result.stdout)}

    # An old unit: its successors until an active unit.
    assert edges("o1") == {("o1", "o12"), ("o12", "o3")}
    # A current unit: all its predecessors.
    assert edges("o3") == {("o12", "o3"), ("o1", "o12"), ("o2", "o12")}
    assert edges("c") == set()


def test_lineage_table_and_unknown_unit(after_file: Path) -> None:
    result = runner.invoke(app, ["lineage", str(after_file)])
    assert result.exit_code == 0
    assert "Phòng Nội vụ [o1]" in result.stdout
    assert "Phòng gộp [o12]" in result.stdout
    result = runner.invoke(app, ["lineage", str(after_file), "--unit", "nope"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "orgraph: error: no unit with id 'nope'"


# ---------------------------------------------------------------------------- metrics
def test_metrics_json(org_file: Path) -> None:
    result = runner.invoke(app, ["metrics", str(org_file), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["quota"] == {
        "civil_servants": 19,
        "public_employees": 1,
        "contracts": 1,
        "total": 21,
    }
    assert data["focal_points"]["total"] == 7
    assert data["concurrency"]["by_roles"] == {"cell_secretary+village_head": 1}


def test_metrics_root(org_file: Path) -> None:
    result = runner.invoke(app, ["metrics", str(org_file), "--json", "--root", "c"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["focal_points"]["total"] == 3
    result = runner.invoke(app, ["metrics", str(org_file), "--root", "nope"])
    assert result.exit_code == 1
    assert "nope" in result.stderr


def test_metrics_table(org_file: Path) -> None:
    result = runner.invoke(app, ["metrics", str(org_file)])
    assert result.exit_code == 0
    out = result.stdout
    assert "active units" in out and "staff quota" in out
    assert "focal points" not in out and "biên chế" not in out  # neutral English by default
    assert "Huyện Thử" in out
    assert "cell_secretary+village_head" in out
    assert "Người 5 [p5]" in out


def test_names_are_not_markup(tmp_path: Path) -> None:
    org = district()
    path = tmp_path / "org.json"
    save(org, path)
    text = path.read_text(encoding="utf-8").replace("Người 5", "[bold]Người[/bold] :smile:")
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["metrics", str(path)])
    assert result.exit_code == 0
    assert "[bold]Người[/bold] :smile: [p5]" in result.stdout


# ---------------------------------------------------------------------------- compare
def test_compare_table(tmp_path: Path, org_file: Path, merge_file: Path) -> None:
    dissolve = scenario_file(tmp_path, "giải thể", {"op": "dissolve", "unit": "o3"})
    result = runner.invoke(app, ["compare", str(org_file), str(merge_file), str(dissolve)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "giải thể" in out
    row = next(line for line in out.splitlines() if "focal_points.total " in line)
    assert "7" in row and "6 (-1)" in row
    quota_row = next(line for line in out.splitlines() if "quota.total " in line)
    assert "21" in quota_row and "16 (-5)" in quota_row
    assert "Phòng Nội vụ [o1]: merge into o12" in out
    assert "Phòng Dân tộc [o3]: dissolve" in out
    assert "quota cut: 5 (civil servants 4, public employees 1, contracts 0)" in out


def test_compare_json(tmp_path: Path, org_file: Path, merge_file: Path) -> None:
    concurrent = scenario_file(
        tmp_path,
        "concurrent",
        {"op": "concurrent_role", "primary": "c.secretary", "secondary": "c.chair"},
    )
    result = runner.invoke(
        app, ["compare", str(org_file), str(merge_file), str(concurrent), "--json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["baseline"]["focal_points"]["total"] == 7
    merge, conc = data["scenarios"]
    assert merge["deltas"]["focal_points.total"] == -1
    assert merge["deltas"]["quota.total"] == 0
    assert conc["deltas"]["concurrency.total"] == 1
    assert conc["changes"]["made_concurrent"][0]["posts"] == ["c.secretary", "c.chair"]


def test_compare_root(tmp_path: Path, org_file: Path) -> None:
    concurrent = scenario_file(
        tmp_path,
        "concurrent",
        {"op": "concurrent_role", "primary": "c.secretary", "secondary": "c.chair"},
    )
    result = runner.invoke(
        app, ["compare", str(org_file), str(concurrent), "--root", "c", "--json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["baseline"]["root"] == "c"
    assert data["baseline"]["focal_points"]["total"] == 3
    assert data["scenarios"][0]["deltas"]["concurrency.total"] == 1


def test_compare_invalid_scenario(tmp_path: Path, org_file: Path, merge_file: Path) -> None:
    bad = scenario_file(tmp_path, "bad", {"op": "absorb", "sources": ["o1"], "into": "zz"})
    result = runner.invoke(app, ["compare", str(org_file), str(merge_file), str(bad)])
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"orgraph: error: {bad}: operation 1 (absorb): ")
    assert "[zz]" in line


def test_compare_needs_a_scenario(org_file: Path) -> None:
    result = runner.invoke(app, ["compare", str(org_file)])
    assert result.exit_code == 2


# ---------------------------------------------------------------------------- diff
def test_diff_text(org_file: Path, after_file: Path) -> None:
    result = runner.invoke(app, ["diff", str(org_file), str(after_file)])
    assert result.exit_code == 0
    out = result.stdout
    assert "units ended (2):" in out
    assert "Phòng Nội vụ [o1]: merged into o12" in out
    assert "units added (1):" in out
    assert "Phòng gộp [o12] under d from o1, o2" in out
    assert "o1.head: o1 -> o12" in out


def test_diff_json(org_file: Path, after_file: Path) -> None:
    result = runner.invoke(app, ["diff", str(org_file), str(after_file), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [u["successors"] for u in data["units_ended"]] == [["o12"], ["o12"]]
    assert data["units_added"][0]["predecessors"] == ["o1", "o2"]


def test_diff_same(org_file: Path) -> None:
    result = runner.invoke(app, ["diff", str(org_file), str(org_file)])
    assert result.exit_code == 0
    assert result.stdout.strip() == "no differences"


def test_apply_names_the_result(tmp_path: Path) -> None:
    out = tmp_path / "after.yaml"
    result = runner.invoke(
        app,
        [
            "apply",
            "examples/dam_ha/org.yaml",
            "examples/dam_ha/streamlining.yaml",
            "-o",
            str(out),
            "--name",
            "Đầm Hà, mid-2020",
        ],
    )
    assert result.exit_code == 0, result.output
    assert load(out).name == "Đầm Hà, mid-2020"
    bad = runner.invoke(
        app,
        [
            "apply",
            "examples/dam_ha/org.yaml",
            "examples/dam_ha/streamlining.yaml",
            "-o",
            str(tmp_path / "x.yaml"),
            "--name",
            "",
        ],
    )
    assert bad.exit_code == 2  # an option's value: a usage error
    assert bad.stderr.startswith("orgraph: error: --name must not be empty")
    assert not (tmp_path / "x.yaml").exists()


def test_metrics_and_apply_speak_vietnamese_with_lang_vi(org_file: Path, merge_file: Path) -> None:
    result = runner.invoke(app, ["metrics", str(org_file), "--lang", "vi"])
    assert result.exit_code == 0
    for word in ("đầu mối", "biên chế", "công chức", "viên chức"):
        assert word in result.stdout
    result = runner.invoke(
        app, ["apply", str(org_file), str(merge_file), "--dry-run", "--lang", "vi"]
    )
    assert "đầu mối: 7 -> 6 (-1)" in result.stdout
    assert runner.invoke(app, ["metrics", str(org_file), "--lang", "fr"]).exit_code == 2
