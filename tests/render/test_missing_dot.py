"""Without the dot binary: DOT and Mermaid work, the rest raise one clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgraph import GraphvizNotFoundError, Org, RenderError, save
from orgraph.cli import app
from orgraph.render import render, render_bytes, run_dot, to_dot, to_mermaid


@pytest.fixture
def no_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")


@pytest.mark.parametrize("format", ["svg", "png", "pdf"])
def test_binary_formats_raise(org: Org, no_dot: None, format: str) -> None:
    with pytest.raises(GraphvizNotFoundError) as info:
        render_bytes(org, format)
    message = str(info.value)
    assert "\n" not in message
    assert "Graphviz" in message
    assert "apt-get install graphviz" in message and "brew install graphviz" in message
    assert isinstance(info.value, RenderError) and info.value.exit_code == 2


def test_run_dot_raises(no_dot: None) -> None:
    with pytest.raises(GraphvizNotFoundError):
        run_dot("digraph {}", "svg")


def test_text_formats_still_work(org: Org, no_dot: None, tmp_path: Path) -> None:
    assert to_dot(org).startswith("digraph")
    assert "flowchart TD" in to_mermaid(org)
    assert render_bytes(org, "dot").startswith(b"digraph")
    assert render(org, tmp_path / "c.mmd").read_text(encoding="utf-8").startswith("---")


def test_repr_svg_is_none(org: Org, no_dot: None) -> None:
    assert org._repr_svg_() is None


def test_cli_without_dot(org: Org, no_dot: None, tmp_path: Path) -> None:
    source = tmp_path / "org.yaml"
    save(org, source)
    runner = CliRunner()
    result = runner.invoke(app, ["render", str(source), "-o", str(tmp_path / "c.svg")])
    assert result.exit_code == 2
    assert result.stderr.startswith("orgraph: error: Graphviz")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "c.svg").exists()
    ok = runner.invoke(app, ["render", str(source), "-o", str(tmp_path / "c.dot")])
    assert ok.exit_code == 0 and (tmp_path / "c.dot").read_text().startswith("digraph")
