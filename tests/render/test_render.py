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
    flat = " ".join(text.split())  # long names wrap onto two lines in their box
    for name in vietnamese:
        assert name in flat


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

    def fake(binary: str, source: str, format: str, timeout: float, **kwargs: object) -> bytes:
        calls.append(source)
        result = results[len(calls) - 1]
        if isinstance(result, Exception):
            raise result
        return result  # type: ignore[return-value]

    return fake, calls


def test_pinned_source_goes_to_neato_n2(org: Org, monkeypatch) -> None:
    seen: list[list[str]] = []

    def fake(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        seen.append(args)
        return subprocess.CompletedProcess(args, 0, b"<svg/>", b"")

    monkeypatch.setattr(run_module, "_dot_binary", lambda name="dot": name)
    monkeypatch.setattr(subprocess, "run", fake)
    assert render_bytes(org, "svg", blocs=True) == b"<svg/>"
    assert seen == [["neato", "-n2", "-Tsvg"]]


def test_crash_is_one_render_error(org: Org, monkeypatch) -> None:
    # Positions are pinned, so there is no simpler layout to retry with.
    fake, calls = _fake_run([run_module._Crash("Graphviz dot crashed (signal 6)")] * 4)
    monkeypatch.setattr(run_module, "_run", fake)
    monkeypatch.setattr(run_module, "_dot_binary", lambda name="dot": name)
    with pytest.raises(RenderError, match=r"crashed \(signal 6\)") as info:
        render_bytes(org, "svg", blocs=True)
    assert "\n" not in str(info.value)
    assert len(calls) == 1


def test_timeout_is_a_render_error(org: Org, monkeypatch) -> None:
    def slow(*args: object, **kwargs: object) -> object:
        raise subprocess.TimeoutExpired(cmd="dot", timeout=kwargs["timeout"])  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "_dot_binary", lambda name="dot": name)
    monkeypatch.setattr(subprocess, "run", slow)
    with pytest.raises(RenderError, match="did not finish within 2 s"):
        render_bytes(org, "svg", timeout=2)


def test_negative_return_code_is_a_render_error(org: Org, monkeypatch) -> None:
    def fake(*args: object, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        return subprocess.CompletedProcess(["neato"], -6, b"", b"Assertion failed")

    monkeypatch.setattr(run_module, "_dot_binary", lambda name="dot": name)
    monkeypatch.setattr(subprocess, "run", fake)
    with pytest.raises(RenderError, match="signal 6"):
        render_bytes(org, "svg")


@pytest.mark.dot
def test_repr_svg(org: Org) -> None:
    svg = org._repr_svg_()
    assert svg is not None and "Party Committee" in svg_texts(svg)
