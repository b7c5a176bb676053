"""The command's entry points and what they rely on from typer."""

from __future__ import annotations

import ast
from pathlib import Path

import typer

from orgraph.cli import _app

PACKAGE = Path(__file__).parents[2] / "orgraph"


def test_no_module_imports_a_private_part_of_typer_or_click() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] in ("typer", "click") and any(p.startswith("_") for p in parts):
                    found.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert found == []


def test_the_usage_errors_caught_are_those_typer_raises() -> None:
    # Whichever click typer runs on (the package, or its own private copy).
    assert issubclass(typer.BadParameter, _app._UsageError)
    assert issubclass(_app._UsageError, _app._ClickException)
    assert _app._UsageError.__name__ == "UsageError"
