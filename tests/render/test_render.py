"""Running dot: SVG parsed back, PNG and PDF, files, the example, timeouts and retries."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import orgraph
from orgraph import Org, RenderError
from orgraph.render import render, render_bytes, run_dot
from orgraph.render import run as run_module
from tests.render.orgs import svg_classes, svg_texts

EXAMPLE = Path(__file__).parents[2] / "examples" / "dam_ha" / "org.yaml"


@pytest.mark.dot
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"blocs": True},
        {"people": True, "posts": True, "quota": True},
        {"direction": "LR"},
        {"stack": False, "blocs": True, "people": True},
    ],
)
def test_svg_has_every_unit_name_as_text(org: Org, options: dict[str, Any]) -> None:
    texts = svg_texts(render_bytes(org, "svg", **options))
    for unit in org.units():
        assert unit.name in texts
    assert "Test district" in texts and "as of 2020-01-01" in texts


@pytest.mark.dot
def test_svg_classes(org: Org) -> None:
    classes = svg_classes(render_bytes(org, "svg", people=True))
    assert {"node", "unit"} in classes
    assert {"node", "list"} in classes


@pytest.mark.dot
def test_png_and_pdf(org: Org) -> None:
    assert render_bytes(org, "png").startswith(b"\x89PNG\r\n\x1a\n")
    assert render_bytes(org, "pdf").startswith(b"%PDF")


@pytest.mark.dot
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_pdf_text_keeps_vietnamese(tmp_path: Path) -> None:
    org = orgraph.load(EXAMPLE)
    pdf = render(org, tmp_path / "dam_ha.pdf", collapse="village", people=True)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    drawn = [u for u in org.units() if u.level != "village"]
    vietnamese = [u.name for u in drawn if not u.name.isascii()]
    assert vietnamese
    for name in vietnamese:
        assert name in text


@pytest.mark.dot
def test_example_svg_has_every_name(tmp_path: Path) -> None:
    org = orgraph.load(EXAMPLE)
    path = render(org, tmp_path / "dam_ha.svg", blocs=True, people=True)
    texts = svg_texts(path.read_bytes())
    for unit in org.units():
        assert unit.name in texts


@pytest.mark.parametrize(
    ("name", "format", "start"),
    [
        ("c.dot", None, b"digraph"),
        ("c.gv", None, b"digraph"),
        ("c.mmd", None, b"---"),
        ("c.txt", "dot", b"digraph"),
        ("c.svg", "mmd", b"---"),
    ],
)
def test_render_picks_the_format(org: Org, tmp_path: Path, name: str, format, start) -> None:
    path = render(org, tmp_path / name, format=format)
    assert path.read_bytes().startswith(start)


@pytest.mark.parametrize(("name", "format"), [("c.gif", None), ("chart", None), ("c.svg", "jpg")])
def test_unknown_format(org: Org, tmp_path: Path, name: str, format: str | None) -> None:
    with pytest.raises(ValueError, match=r"svg, \.?png, \.?pdf, \.?dot"):
        render(org, tmp_path / name, format=format)
    assert not (tmp_path / name).exists()


def test_missing_folder(org: Org, tmp_path: Path) -> None:
    with pytest.raises(orgraph.UnreadableFileError):
        render(org, tmp_path / "no" / "c.dot")


@pytest.mark.dot
def test_run_dot() -> None:
    assert b"<svg" in run_dot("digraph { a -> b }", "svg")
    with pytest.raises(RenderError, match="syntax error"):
        run_dot("digraph { a -> }", "svg")
    with pytest.raises(ValueError):
        run_dot("digraph {}", "gif")


def _fake_run(results: list[object]):
    calls: list[str] = []

    def fake(binary: str, source: str, format: str, timeout: float) -> bytes:
        calls.append(source)
        result = results[len(calls) - 1]
        if isinstance(result, Exception):
            raise result
        return result  # type: ignore[return-value]

    return fake, calls


def test_crash_is_retried_with_simpler_settings(org: Org, monkeypatch) -> None:
    fake, calls = _fake_run([run_module._Crash("crashed (signal 6)"), b"<svg/>"])
    monkeypatch.setattr(run_module, "_run", fake)
    monkeypatch.setattr(run_module, "_dot_binary", lambda: "dot")
    assert render_bytes(org, "svg", blocs=True) == b"<svg/>"
    assert len(calls) == 2
    assert "splines=ortho" in calls[0] and "splines=ortho" not in calls[1]
    assert "rank=same" in calls[1]


def test_crash_at_every_level(org: Org, monkeypatch) -> None:
    fake, calls = _fake_run([run_module._Crash("Graphviz dot crashed (signal 6)")] * 4)
    monkeypatch.setattr(run_module, "_run", fake)
    monkeypatch.setattr(run_module, "_dot_binary", lambda: "dot")
    with pytest.raises(RenderError, match=r"crashed .*simplest layout") as info:
        render_bytes(org, "svg", blocs=True)
    assert "\n" not in str(info.value)
    assert len(calls) == 4
    assert "rank=same" in calls[1] and "rank=same" not in calls[2]
    assert "cluster" in calls[2] and "cluster" not in calls[3]


def test_timeout_is_a_render_error(org: Org, monkeypatch) -> None:
    def slow(*args: object, **kwargs: object) -> object:
        raise subprocess.TimeoutExpired(cmd="dot", timeout=kwargs["timeout"])  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "_dot_binary", lambda: "dot")
    monkeypatch.setattr(subprocess, "run", slow)
    with pytest.raises(RenderError, match="did not finish within 2 s"):
        render_bytes(org, "svg", timeout=2)


def test_negative_return_code_means_retry(org: Org, monkeypatch) -> None:
    results = iter([(-6, b""), (0, b"<svg/>")])

    def fake(*args: object, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        code, out = next(results)
        return subprocess.CompletedProcess(["dot"], code, out, b"Assertion failed")

    monkeypatch.setattr(run_module, "_dot_binary", lambda: "dot")
    monkeypatch.setattr(subprocess, "run", fake)
    assert render_bytes(org, "svg") == b"<svg/>"


@pytest.mark.dot
def test_repr_svg(org: Org) -> None:
    svg = org._repr_svg_()
    assert svg is not None and "Party Committee" in svg_texts(svg)
