"""The package's layers, as import-linter contracts in pyproject.toml.

``lint-imports`` must pass on the package, and the contract must really see every kind of
import: a planted upward import (module-level, function-local or under ``TYPE_CHECKING``)
in a copy of the package breaks it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"

_RUN = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))\n"
)


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports with the project's contracts on the ``orgraph`` found in ``cwd``."""
    pytest.importorskip("importlinter", reason="import-linter is in the dev extra")
    return subprocess.run(
        [sys.executable, "-c", _RUN, str(PYPROJECT)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_contract_counts_every_import_and_every_module() -> None:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert config["exclude_type_checking_imports"] is False
    (layers,) = [c for c in config["contracts"] if c["id"] == "layers"]
    assert layers["type"] == "layers"
    assert layers["containers"] == ["orgraph"]
    assert layers["exhaustive"] is True
    assert layers["layers"][:2] == ["__main__", "cli"]  # python -m orgraph runs the CLI
    assert layers["layers"][-1] == "model | errors | _validation"


def test_lint_imports_passes() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


PLANTED = {
    "module_level": "from orgraph.cli import app as _planted\n",
    "function_local": "def _planted():\n    from orgraph.cli import app\n    return app\n",
    "type_checking": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from orgraph.cli import app\n"
    ),
}


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_an_upward_import_of_any_kind_breaks_the_contract(tmp_path: Path, kind: str) -> None:
    copy = tmp_path / "orgraph"
    shutil.copytree(ROOT / "orgraph", copy, ignore=shutil.ignore_patterns("__pycache__"))
    metrics = copy / "metrics.py"
    metrics.write_text(metrics.read_text(encoding="utf-8") + "\n" + PLANTED[kind])
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "orgraph.metrics is not allowed to import orgraph.cli" in result.stdout


def test_an_unplaced_module_breaks_the_contract(tmp_path: Path) -> None:
    copy = tmp_path / "orgraph"
    shutil.copytree(ROOT / "orgraph", copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "stray.py").write_text('"""A module no layer names."""\n')
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "orgraph.stray" in result.stdout
