"""The command line against hostile input: each traceback once reachable, privacy of outputs,
conventions (one-line usage errors, --version, -h, pipes, Ctrl-C)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgraph import Scenario, load, save, save_scenario
from orgraph.cli import app
from tests.helpers import small_org

runner = CliRunner()
EXAMPLES = Path(__file__).parent.parent.parent / "examples" / "dam_ha"


@pytest.fixture
def org_file(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    save(small_org(), path)
    return path


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    operation = {"op": "rename", "unit": "a", "name": "Phòng Tài chính mới"}
    save_scenario(Scenario.model_validate({"name": "p", "operations": [operation]}), path)
    return path


def one_error(result: object, code: int) -> str:
    """The single stderr line of a failed command (and its exit code)."""
    assert result.exit_code == code, result.output  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    assert lines[0].startswith("orgraph: error: ")
    return lines[0]


# ---------------------------------------------------------------------------- tracebacks
def test_demo_into_an_existing_file_or_below_one(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("x", encoding="utf-8")
    assert "exists and is not a folder" in one_error(
        runner.invoke(app, ["demo", "-o", str(taken)]), 2
    )
    assert "cannot create the folder" in one_error(
        runner.invoke(app, ["demo", "-o", str(taken / "below")]), 2
    )
    assert taken.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("timeout", ["inf", "1e10", "nan"])
def test_render_timeout_out_of_range(tmp_path: Path, org_file: Path, timeout: str) -> None:
    result = runner.invoke(
        app, ["render", str(org_file), "-o", str(tmp_path / "x.dot"), "--timeout", timeout]
    )
    assert "--timeout" in one_error(result, 2)
    assert not (tmp_path / "x.dot").exists()


@pytest.mark.parametrize("base", ["http://ex.org/a b/", "not a uri", "http://x/<y>/"])
def test_export_refuses_a_base_that_is_not_an_iri(tmp_path: Path, org_file: Path, base: str):
    result = runner.invoke(
        app, ["export", str(org_file), "-o", str(tmp_path / "b.ttl"), "--base", base]
    )
    assert "is not the start of an IRI" in one_error(result, 2)
    assert not (tmp_path / "b.ttl").exists()


def test_import_csv_with_a_huge_cell(tmp_path: Path) -> None:
    source = tmp_path / "units.csv"
    source.write_text("id,name,kind,level\na," + "x" * 140_000 + ",k,l\n", encoding="utf-8")
    line = one_error(runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "o.yaml")]), 1)
    assert line.endswith("line 2: not readable as CSV: a cell is longer than 131,072 characters")


def _chain(tmp_path: Path, depth: int) -> Path:
    lines = ["format_version: 1", "name: chain", "units:"]
    for i in range(depth):
        parent = f", parent: u{i - 1}" if i else ""
        lines.append(f"  - {{id: u{i}, name: U{i}, kind: k, level: l{parent}}}")
    path = tmp_path / "chain.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_tree_of_a_deep_chain(tmp_path: Path) -> None:
    path = _chain(tmp_path, 1000)
    result = runner.invoke(app, ["tree", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].strip().endswith("U999  [u999]")
    result = runner.invoke(app, ["tree", str(path), "--json"])
    assert result.exit_code == 0
    assert '"id": "u999"' in result.stdout


def test_ctrl_c_while_apply_saves(
    tmp_path: Path, org_file: Path, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import orgraph.cli.planning as planning

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(planning, "save", interrupted)
    result = runner.invoke(
        app, ["apply", str(org_file), str(plan_file), "-o", str(tmp_path / "o.yaml")]
    )
    assert one_error(result, 130) == "orgraph: error: interrupted"
    assert not (tmp_path / "o.yaml").exists()


def test_as_of_with_an_undo_that_names_a_missing_unit(tmp_path: Path) -> None:
    from orgraph import OrgraphError, apply

    unit = {"id": "new", "name": "Mới", "kind": "office", "level": "district", "parent": "d"}
    after = tmp_path / "after.yaml"
    operation = {"op": "establish", "unit": unit, "effective": "2021-01-01"}
    save(apply(small_org(), [operation]), after)
    text = after.read_text(encoding="utf-8")
    undo = text.index("undo:")
    assert "- new\n" in text[undo:]
    broken = tmp_path / "broken.yaml"
    broken.write_text(text[:undo] + text[undo:].replace("- new\n", "- nothere\n", 1), "utf-8")
    try:
        org = load(broken)
        org.as_of(org.history[0].effective.replace(year=1900))
    except OrgraphError:
        pass  # a named error is fine; a KeyError (a traceback on the command line) is not


# ---------------------------------------------------------------------------- outputs
def test_output_that_is_an_input_needs_in_place(org_file: Path, plan_file: Path) -> None:
    before = plan_file.read_bytes()
    line = one_error(
        runner.invoke(app, ["apply", str(org_file), str(plan_file), "-o", str(plan_file)]), 2
    )
    assert "--in-place" in line
    assert plan_file.read_bytes() == before
    result = runner.invoke(
        app, ["apply", str(org_file), str(plan_file), "-o", str(org_file), "--in-place"]
    )
    assert result.exit_code == 0, result.output
    assert load(org_file).unit("a").name == "Phòng Tài chính mới"


def test_an_output_symlink_is_written_through(tmp_path: Path, org_file: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    save(small_org(), link)
    assert link.is_symlink()
    assert load(real).name == small_org().name


def test_new_files_follow_the_umask_and_old_files_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        save(small_org(), tmp_path / "new.yaml")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o600
    kept = tmp_path / "kept.yaml"
    kept.write_text("x", encoding="utf-8")
    kept.chmod(0o640)
    save(small_org(), kept)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failed_csv_export_leaves_no_folder(tmp_path: Path, monkeypatch) -> None:
    import orgraph.io.spreadsheet._csv as csv_module

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_module.os, "replace", broken)
    from orgraph import UnreadableFileError
    from orgraph.io.spreadsheet import export_csv

    with pytest.raises(UnreadableFileError, match="No space left on device"):
        export_csv(small_org(), tmp_path / "out")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------- conventions
def test_version_and_short_help() -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.startswith("orgraph ")
    assert runner.invoke(app, ["-h"]).stdout.startswith("Usage: orgraph")
    assert runner.invoke(app, ["tree", "-h"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["validate"], "Missing argument 'FILE'. (see 'orgraph validate --help')"),
        (["tree", "x.yaml", "--depth", "-1"], "(see 'orgraph tree --help')"),
        (["nosuch"], "No such command 'nosuch'. (see 'orgraph --help')"),
        (["--errors", "some", "validate", "x.yaml"], "'some' is not a number above 0"),
    ],
)
def test_usage_errors_are_one_line_with_a_help_hint(args: list[str], expected: str) -> None:
    assert expected in one_error(runner.invoke(app, args), 2)


def test_a_closed_pipe_is_quiet() -> None:
    command = [sys.executable, "-c", "from orgraph.cli import main; main()"]
    args = ["compare", str(EXAMPLES / "org.yaml"), str(EXAMPLES / "streamlining.yaml")]
    shell = subprocess.run(
        f"{' '.join(command[:2])} '{command[2]}' {' '.join(args)} | head -c 10 >/dev/null; "
        "echo ${PIPESTATUS[0]} >&2",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shell.stderr.strip() == "141"


def test_unknown_filters_say_what_the_file_has(tmp_path: Path, org_file: Path) -> None:
    line = one_error(runner.invoke(app, ["units", str(org_file), "--level", "bogus"]), 2)
    assert line.endswith("has levels commune, district")
    line = one_error(runner.invoke(app, ["units", str(org_file), "--kind", "Bad Kind!"]), 2)
    assert "has kinds" in line
    result = runner.invoke(
        app, ["render", str(org_file), "-o", str(tmp_path / "x.dot"), "--collapse", "nolevel"]
    )
    assert "has levels commune, district" in one_error(result, 2)


def test_render_format_must_match_the_suffix(tmp_path: Path, org_file: Path) -> None:
    result = runner.invoke(
        app, ["render", str(org_file), "-o", str(tmp_path / "x.svg"), "-f", "png"]
    )
    assert "names a .svg file but --format is png" in one_error(result, 2)
    assert not (tmp_path / "x.svg").exists()


def test_ids_on_the_command_line_are_normalised(org_file: Path) -> None:
    org = small_org()
    nfc = "Huyện"
    assert unicodedata.normalize("NFD", nfc) != nfc
    result = runner.invoke(
        app, ["show", str(org_file), unicodedata.normalize("NFD", "d"), "--json"]
    )
    assert result.exit_code == 0
    assert org.unit("d").name in result.stdout


def test_names_cannot_fake_lines_in_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "format_version: 1\nname: t\nunits:\n"
        '  - {id: a, name: "A\\n└── fake", kind: k, level: l}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["tree", str(path)])
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 2
    assert "A\\n└── fake" in result.stdout


def test_show_tree_validate_speak_json(org_file: Path) -> None:
    import json

    shown = json.loads(runner.invoke(app, ["show", str(org_file), "a", "--json"]).stdout)
    assert shown["id"] == "a" and shown["parent"] == "d"
    tree = json.loads(runner.invoke(app, ["tree", str(org_file), "--json"]).stdout)
    assert tree[0] == {
        "id": "d",
        "name": "Huyện Thử",
        "level": "district",
        "parent": None,
        "depth": 0,
    }
    assert {(u["id"], u["parent"], u["depth"]) for u in tree} >= {("a", "d", 1), ("b", "d", 1)}
    valid = json.loads(runner.invoke(app, ["validate", str(org_file), "--json"]).stdout)
    assert valid == {"file": str(org_file), "valid": True, "problems": [], "units": 5}


def test_quiet_prints_only_errors(tmp_path: Path, org_file: Path, plan_file: Path) -> None:
    result = runner.invoke(
        app, ["--quiet", "apply", str(org_file), str(plan_file), "-o", str(tmp_path / "o.yaml")]
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert (tmp_path / "o.yaml").exists()


def test_max_input_option(org_file: Path) -> None:
    line = one_error(runner.invoke(app, ["--max-input", "100", "validate", str(org_file)]), 2)
    assert "larger than the input limit of 100 bytes" in line


def test_standard_input(org_file: Path) -> None:
    result = runner.invoke(app, ["validate", "-"], input=org_file.read_bytes())
    assert result.exit_code == 0, result.output
    assert "valid (5 active units" in result.stdout


def test_errors_all_lists_every_problem(tmp_path: Path) -> None:
    source = tmp_path / "units.csv"
    rows = "".join(f"u{i},U{i},k,l,nowhere\n" for i in range(6))
    source.write_text("id,name,kind,level,parent_id\n" + rows, encoding="utf-8")
    out = str(tmp_path / "o.yaml")
    line = one_error(runner.invoke(app, ["import", str(source), "-o", out]), 1)
    assert line.endswith("(and 5 more problem(s); --errors all lists them)")
    result = runner.invoke(app, ["--errors", "all", "import", str(source), "-o", out])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 6
    result = runner.invoke(app, ["--errors", "2", "import", str(source), "-o", out])
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .endswith("and 4 more problem(s); --errors all lists them")
    )


def test_validate_knows_a_scenario_and_checks_it_against_a_structure(
    tmp_path: Path, org_file: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format_version: 1\nname: p\noperations:\n"
        "  - {op: rename, unit: nowhere, name: X}\n"
        "  - {op: rename, unit: a, name: Y}\n"
        "  - {op: dissolve, unit: gone}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(plan)])
    assert result.exit_code == 0 and result.stdout.strip() == f"{plan}: valid scenario"
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(app, ["validate", str(plan), "--against", str(org_file)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{plan}: operation 1 (rename): ")
    assert lines[1].startswith(f"{plan}: operation 3 (dissolve): ")
    assert lines[-1] == f"{plan}: 2 problem(s)"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_messages_name_the_file_without_jargon(tmp_path: Path, org_file: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "format_version: 1\nname: Tên kế hoạch\noperations:\n  - {op: dissolve, unit: nowhere}\n",
        encoding="utf-8",
    )
    line = one_error(runner.invoke(app, ["apply", str(org_file), str(plan), "-o", str(folder)]), 2)
    assert line == f"orgraph: error: {folder}: is a folder: give a file name"
    result = runner.invoke(
        app, ["render", str(org_file), "--scenario", str(plan), "-o", str(tmp_path / "c.dot")]
    )
    assert one_error(result, 1).startswith(f"orgraph: error: {plan}: operation 1 (dissolve)")
    plan.write_text(
        "format_version: 1\nname: p\noperations:\n  - {op: teleport}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", str(plan)])
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()  # validate's report: FILE: ITEM: PROBLEM
    assert line.startswith(f"{plan}: operation 1 (op=teleport): unknown operation 'teleport'")
    assert "discriminator" not in line


def test_an_xlsx_formula_without_a_value_is_explained(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "units"
    sheet.append(["id", "name", "kind", "level"])
    sheet.append(["a", '=B1&"x"', "office", "district"])
    source = tmp_path / "book.xlsx"
    book.save(source)
    line = one_error(runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "o.yaml")]), 1)
    assert "a formula cell shows its value only once a spreadsheet saved it" in line


def test_metrics_of_a_deep_chain(tmp_path: Path) -> None:
    import json

    result = runner.invoke(app, ["metrics", str(_chain(tmp_path, 3000)), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["depth"] == 2999
