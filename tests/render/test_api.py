"""The public surface of orgraph.render."""

from __future__ import annotations

import importlib
import inspect

import pytest

import orgraph.render

MODULES = ["_layout", "_style", "_text", "diff", "dot", "mermaid", "options", "run"]


def test_public_names() -> None:
    assert len(set(orgraph.render.__all__)) == len(orgraph.render.__all__)
    for name in orgraph.render.__all__:
        assert hasattr(orgraph.render, name)


@pytest.mark.parametrize("module", MODULES)
def test_every_module_has_all(module: str) -> None:
    mod = importlib.import_module(f"orgraph.render.{module}")
    assert isinstance(mod.__all__, list)
    for name in mod.__all__:
        assert hasattr(mod, name)


@pytest.mark.parametrize(
    "function",
    [
        orgraph.render.chart,
        orgraph.render.diff_chart,
        orgraph.render.to_dot,
        orgraph.render.to_mermaid,
        orgraph.render.render,
        orgraph.render.render_bytes,
    ],
)
def test_options_are_keyword_only(function) -> None:  # type: ignore[no-untyped-def]
    parameters = inspect.signature(function).parameters.values()
    positional = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert len(positional) <= 2
    assert "Examples" in (function.__doc__ or "")
