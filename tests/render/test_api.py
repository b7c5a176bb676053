"""The public surface of orgraph.render."""

from __future__ import annotations

import importlib
import inspect

import pytest

# ``orgraph.render`` is also the name of the re-exported function: get the package itself.
render_package = importlib.import_module("orgraph.render")

MODULES = ["_layout", "_style", "_text", "diff", "dot", "mermaid", "options", "run"]


def test_public_names() -> None:
    assert len(set(render_package.__all__)) == len(render_package.__all__)
    for name in render_package.__all__:
        assert hasattr(render_package, name)


@pytest.mark.parametrize("module", MODULES)
def test_every_module_has_all(module: str) -> None:
    mod = importlib.import_module(f"orgraph.render.{module}")
    assert isinstance(mod.__all__, list)
    for name in mod.__all__:
        assert hasattr(mod, name)


@pytest.mark.parametrize(
    "function",
    [
        render_package.chart,
        render_package.diff_chart,
        render_package.to_dot,
        render_package.to_mermaid,
        render_package.render,
        render_package.render_bytes,
    ],
)
def test_options_are_keyword_only(function) -> None:
    parameters = inspect.signature(function).parameters.values()
    positional = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert len(positional) <= 2
    assert "Examples" in (function.__doc__ or "")
