"""The ``orgraph render`` command."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from orgraph import Org, Unit, save
from orgraph.cli import app
from tests.render.orgs import small_chart_org, svg_classes, svg_texts
from tests.render.test_diff_chart import OPERATIONS

runner = CliRunner()


@pytest.fixture
def org_file(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    save(small_chart_org(), path)
    return path


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "scenario.yaml"
    data = {"format_version": 1, "name": "Test plan", "operations": OPERATIONS}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _run(*args: object):
    return runner.invoke(app, ["render", *map(str, args)])


def test_dot_with_options(org_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.dot"
    result = _run(
        org_file,
        "-o",
        out,
        "--people",
        "--quota",
        "--blocs",
        "--direction",
        "LR",
        "--title",
        "Chart <1>",
        "--collapse",
        "village",
        "--root",
        "d",
        "--depth",
        "2",
        "--page",
        "a4-portrait",
    )
    assert result.exit_code == 0, result.output
    source = out.read_text(encoding="utf-8")
    assert "rankdir=LR" in source and "bloc: " in source and "Chart &lt;1&gt;" in source
    assert "2 × village" in source and "Secretary: Nguyễn Văn X" in source
    assert "Quota 3: 3 civil servants" in source
    assert 'size="7.1,10.5"' in source


def test_mermaid_by_suffix_and_format_option(org_file: Path, tmp_path: Path) -> None:
    assert _run(org_file, "-o", tmp_path / "c.mmd").exit_code == 0
    assert "flowchart TD" in (tmp_path / "c.mmd").read_text(encoding="utf-8")
    assert _run(org_file, "-o", tmp_path / "c.txt", "--format", "mmd").exit_code == 0
    assert "flowchart TD" in (tmp_path / "c.txt").read_text(encoding="utf-8")


@pytest.mark.dot
@pytest.mark.parametrize(
    ("suffix", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")]
)
def test_binary_formats(org_file: Path, tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"c.{suffix}"
    result = _run(org_file, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


@pytest.mark.dot
def test_scenario_diff_chart(org_file: Path, scenario_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "diff.svg"
    result = _run(org_file, "-o", out, "--scenario", scenario_file, "--no-stack")
    assert result.exit_code == 0, result.output
    svg = out.read_bytes()
    assert any("status-new" in c for c in svg_classes(svg))
    assert "MERGED into Board One-Two" in svg_texts(svg)
    # The title is the plan's (the structure's name describes the baseline).
    assert "Test plan" in svg_texts(svg) and "Test district" not in svg_texts(svg)


def test_bad_root_is_one_line_exit_1(org_file: Path, tmp_path: Path) -> None:
    result = _run(org_file, "-o", tmp_path / "c.dot", "--root", "nope")
    assert result.exit_code == 1
    assert result.stderr.strip() == "orgraph: error: no unit with id 'nope'"
    assert not (tmp_path / "c.dot").exists()


def test_unreadable_file_exit_2(tmp_path: Path) -> None:
    result = _run(tmp_path / "missing.yaml", "-o", tmp_path / "c.dot")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "file not found" in result.stderr


def test_bad_scenario_exit_1(org_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format_version: 1\nname: x\noperations:\n  - {op: dissolve, unit: zz}\n")
    result = _run(org_file, "-o", tmp_path / "c.dot", "--scenario", bad)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "zz" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["-o", "c.gif"], ["-o", "c.svg", "--format", "jpg"], ["-o", "c.svg", "--page", "B5"]],
)
def test_bad_format_exit_2(org_file: Path, tmp_path: Path, args: list[str]) -> None:
    result = _run(org_file, *[str(tmp_path / a) if a.startswith("c.") else a for a in args])
    assert result.exit_code == 2
    assert result.stderr.startswith("orgraph: error:") and "Traceback" not in result.output


def test_bad_depth_and_direction_are_usage_errors(org_file: Path, tmp_path: Path) -> None:
    assert _run(org_file, "-o", tmp_path / "c.dot", "--depth", "-1").exit_code == 2
    assert _run(org_file, "-o", tmp_path / "c.dot", "--direction", "RL").exit_code == 2


def test_unwritable_output(org_file: Path, tmp_path: Path) -> None:
    result = _run(org_file, "-o", tmp_path / "missing" / "c.dot")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_warning_for_a_large_chart(tmp_path: Path) -> None:
    units = [Unit(id="r", name="Root", kind="x", level="x")]
    units += [Unit(id=f"u{i}", name=f"U{i}", kind="x", level="x", parent="r") for i in range(45)]
    path = tmp_path / "wide.yaml"
    save(Org.create(name="Wide", units=units), path)
    result = _run(path, "-o", tmp_path / "c.dot")
    assert result.exit_code == 0
    warning = [line for line in result.stderr.splitlines() if "orgraph: warning" in line]
    assert len(warning) == 1
    assert "45 sub-units side by side" in warning[0] and "--depth" in warning[0]
    assert "--collapse" in warning[0]


def test_page_orientation_pages_and_staff(org_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.dot"
    result = _run(org_file, "-o", out, "--page", "A2", "--portrait", "--staff", "office")
    assert result.exit_code == 0, result.output
    source = out.read_text(encoding="utf-8")
    assert 'size="15.3,22.2"' in source
    assert 'class="unit staff"' in source
    bad = _run(org_file, "-o", tmp_path / "c.svg", "--pages")
    assert bad.exit_code == 2 and "--pages writes a PDF" in bad.stderr
    wrong = _run(org_file, "-o", tmp_path / "c.svg", "--page", "B5")
    assert wrong.exit_code == 2 and "A0-A4" in wrong.stderr
