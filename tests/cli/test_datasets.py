"""``orgraph dataset``: the Vietnam datasets from the command line."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orgraph
from orgraph.cli import app
from orgraph.datasets import vietnam
from orgraph.datasets.vietnam import _reform, _source, _units

pytest.importorskip("vietnamadminunits")
runner = CliRunner()


def test_writes_the_2025_units(tmp_path: Path) -> None:
    out = tmp_path / "vn2025.json"
    result = runner.invoke(app, ["dataset", "vn-2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    org = orgraph.load(out)
    assert len(org.units(level="province")) == 34
    assert len(org.units(level="commune")) == 3321
    assert org.units(level="district") == []


def test_writes_the_reform_as_a_scenario(tmp_path: Path) -> None:
    out = tmp_path / "reform.yaml"
    result = runner.invoke(app, ["dataset", "vn-2025-reform", "-o", str(out)])
    assert result.exit_code == 0, result.output
    scenario = orgraph.load_scenario(out)
    assert scenario == vietnam.reform_2025()


def test_bad_suffix_and_unknown_name(tmp_path: Path) -> None:
    result = runner.invoke(app, ["dataset", "vn-2024", "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2
    assert "unknown file type" in result.stderr
    assert runner.invoke(app, ["dataset", "vn-1999", "-o", str(tmp_path / "x.json")]).exit_code == 2


def _clear_caches() -> None:
    for module in (_reform, _source, _units):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def test_missing_extra_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "vietnamadminunits" else real(name, *a),
    )
    _clear_caches()
    try:
        result = runner.invoke(app, ["dataset", "vn-2024", "-o", str(tmp_path / "x.json")])
    finally:
        monkeypatch.undo()
        _clear_caches()
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "orgraph: error: the Vietnam datasets need the 'vn' extra: pip install 'orgraph[vn]'"
    ]
    assert not (tmp_path / "x.json").exists()
