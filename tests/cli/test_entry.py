"""The command's entry points and what they rely on from typer."""

from __future__ import annotations

import ast
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
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


# ------------------------------------------------------------- Ctrl-C during start-up
# A sitecustomize (test-only, outside the package) that holds the import of the package at
# ``orgraph.model``: it marks a file, then waits for the test's SIGINT.
_HOLD = """
import os, sys, time

class _Hold:
    def find_spec(self, name, path=None, target=None):
        if name == os.environ.get("ORGRAPH_TEST_HOLD_AT"):
            open(os.environ["ORGRAPH_TEST_READY"], "w").close()
            time.sleep(60)
        return None

sys.meta_path.insert(0, _Hold())
"""


def _interrupt_while_importing(command: list[str], tmp_path: Path, hold_at: str) -> tuple[int, str]:
    (tmp_path / "sitecustomize.py").write_text(_HOLD, encoding="utf-8")
    ready = tmp_path / "ready"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]),
        "ORGRAPH_TEST_HOLD_AT": hold_at,
        "ORGRAPH_TEST_READY": str(ready),
    }
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the import never reached the hold"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, stderr


def _script() -> str:
    found = shutil.which("orgraph", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the orgraph console script is not installed next to this Python")
    return found


@pytest.mark.parametrize("hold_at", ["orgraph.model", "orgraph.cli._app"])
def test_ctrl_c_while_the_package_imports_is_one_line_and_130(tmp_path: Path, hold_at: str) -> None:
    code, stderr = _interrupt_while_importing([_script(), "--version"], tmp_path, hold_at)
    assert "Traceback" not in stderr
    assert stderr.splitlines() == ["orgraph: error: interrupted"]
    assert code == 130


def test_the_console_script_is_the_entry_module() -> None:
    text = Path(_script()).read_text(encoding="utf-8")
    assert "from _orgraph_entry import main" in text


def test_python_dash_m_orgraph_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "orgraph", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("orgraph ")
    assert result.stderr == ""
