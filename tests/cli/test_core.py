"""The read-only commands: validate, units, posts, show, tree, schema."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgraph import save
from orgraph.cli import app
from tests.helpers import small_org

runner = CliRunner()


@pytest.fixture
def org_file(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    save(small_org(), path)
    return path


def test_validate_ok(org_file: Path) -> None:
    result = runner.invoke(app, ["validate", str(org_file)])
    assert result.exit_code == 0
    assert "valid (5 active units, 4 posts, 3 people)" in result.stdout


def test_validate_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "format_version: 1\nname: x\nunits:\n"
        "- {id: a, name: A, kind: k, level: l, parent: x1}\n"
        "- {id: b, name: B, kind: k, level: l, parent: x2}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{path}: unit a: parent 'x1' does not exist",
        f"{path}: unit b: parent 'x2' does not exist",
        f"{path}: 2 problem(s)",
    ]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("", 2),
        ("format_version: 3\nname: x\n", 1),
        ("format_version: 1\nname: !!python/name:os.system\n", 2),
        (
            "format_version: 1\nname: x\n"
            "units: [{id: a, name: A, kind: k, level: l, quota: {contracts: -1}}]\n",
            1,
        ),
    ],
)
@pytest.mark.parametrize("command", ["validate", "units", "posts", "tree"])
def test_bad_input_is_one_line_without_traceback(tmp_path: Path, content, code, command) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, [command, str(path)])
    assert result.exit_code == code
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    if command == "validate" and code == 1 and len(lines) > 1:
        # validate lists each problem on its own line, then a count when there are several.
        assert lines[-1] == f"{path}: {len(lines) - 1} problem(s)"
        lines = lines[:-1]
    assert len(lines) == 1
    assert str(path) in lines[0]


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["units", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"orgraph: error: {tmp_path / 'nope.yaml'}: file not found"


def test_units_csv(org_file: Path) -> None:
    result = runner.invoke(app, ["units", str(org_file), "--csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["d", "a", "b", "s", "c"]
    assert rows[4]["name"] == "Xã Quảng Lâm"
    assert rows[4]["parent_id"] == "d"
    assert rows[1]["civil_servants"] == "3"
    assert {"id", "name", "kind", "level", "parent_id", "code"} <= set(rows[0])


def test_units_filters_and_json(org_file: Path) -> None:
    result = runner.invoke(app, ["units", str(org_file), "--json", "--level", "commune"])
    assert result.exit_code == 0
    assert [u["id"] for u in json.loads(result.stdout)] == ["c"]


def test_units_all_includes_ended(tmp_path: Path) -> None:
    from orgraph import apply

    org = apply(small_org(), [{"op": "absorb", "sources": ["b"], "into": "a"}])
    path = tmp_path / "after.json"
    save(org, path)
    active = runner.invoke(app, ["units", str(path), "--csv"]).stdout
    everything = runner.invoke(app, ["units", str(path), "--csv", "--all"]).stdout
    assert ",b," not in "".join(active.splitlines()[1:]) and "\nb," not in active
    row = next(r for r in csv.DictReader(io.StringIO(everything)) if r["id"] == "b")
    assert row["ended"] == "2020-01-01"


def test_posts_csv_has_holders(org_file: Path) -> None:
    result = runner.invoke(app, ["posts", str(org_file), "--csv"])
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["c.chair"]["holder_ids"] == "p3"
    assert rows["b.head"]["holder_ids"] == ""
    assert rows["c.chair"]["unit_id"] == "c"


def test_csv_neutralises_formulas(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "format_version: 1\nname: x\nunits: [{id: a, name: '=HYPERLINK(1)', kind: k, level: l}]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["units", str(path), "--csv"])
    assert "'=HYPERLINK(1)" in result.stdout


def test_show_and_tree(org_file: Path) -> None:
    shown = runner.invoke(app, ["show", str(org_file), "c"])
    assert shown.exit_code == 0
    assert "Xã Quảng Lâm" in shown.stdout
    assert "Lê Văn Cường [p3]" in shown.stdout
    tree = runner.invoke(app, ["tree", str(org_file), "--root", "a"])
    assert tree.exit_code == 0
    assert "Phòng Tài chính" in tree.stdout and "Trường Tiểu học" in tree.stdout
    assert "Xã Quảng Lâm" not in tree.stdout
    shallow = runner.invoke(app, ["tree", str(org_file), "--depth", "0"])
    assert "... 3 sub-unit(s)" in shallow.stdout


def test_names_are_not_rich_markup(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "format_version: 1\nname: x\n"
        "units: [{id: a, name: '[bold]Ban[/bold] [red]X', kind: k, level: l}]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["tree", str(path)])
    assert result.exit_code == 0
    assert "[bold]Ban[/bold] [red]X" in result.stdout


def test_show_unknown_id(org_file: Path) -> None:
    result = runner.invoke(app, ["show", str(org_file), "zz"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "orgraph: error: no unit with id 'zz'"


def test_schema_prints_json() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["properties"]["format_version"]["const"] == 1
    scenario = json.loads(runner.invoke(app, ["schema", "--scenario"]).stdout)
    assert "operations" in scenario["properties"]
