"""The error tree drawn in orgraph/errors.py, and how each error is built."""

from __future__ import annotations

from pathlib import Path

import pytest

import orgraph
from orgraph import (
    DependencyError,
    FileAccessError,
    FileError,
    GraphvizNotFoundError,
    InvalidOrgError,
    OperationError,
    OrgraphError,
    RenderError,
    ScenarioError,
    UnknownIdError,
    UnreadableFileError,
    UsageError,
    Violation,
)
from tests.helpers import small_org

V = Violation("code", "it is wrong", ("a",), "units[0]")


@pytest.mark.parametrize(
    ("error", "builtin", "exit_code"),
    [
        (FileError("bad", path="f.yaml"), ValueError, 1),
        (InvalidOrgError([V]), ValueError, 1),
        (OperationError([V], op="merge"), ValueError, 1),
        (ScenarioError([V], index=2, operation={"op": "merge"}), ValueError, 1),
        (UnknownIdError("x"), LookupError, 1),
        (FileAccessError("cannot write", path="out/"), OSError, 2),
        (UsageError("format must be 'json' or 'yaml'"), ValueError, 2),
        (DependencyError("pip install orgraph[xlsx]"), RuntimeError, 2),
        (RenderError("dot failed"), RuntimeError, 1),
        (GraphvizNotFoundError("install graphviz"), RuntimeError, 2),
    ],
)
def test_every_error_is_an_orgraph_error_and_its_builtin(error, builtin, exit_code) -> None:
    assert isinstance(error, OrgraphError) and isinstance(error, builtin)
    assert error.exit_code == exit_code
    # every __init__ hands its one-line message to the base class
    assert error.args == (str(error),) and "\n" not in str(error)


def test_file_access_and_file_content_are_two_branches() -> None:
    assert UnreadableFileError is FileAccessError
    assert not issubclass(FileAccessError, FileError)
    assert not issubclass(FileError, OSError)
    error = FileAccessError("file not found", path="x.yaml")
    assert (error.path, error.problem, str(error)) == (
        "x.yaml",
        "file not found",
        "x.yaml: file not found",
    )


def test_messages_and_fields() -> None:
    error = ScenarioError([V, V], index=3, operation={"op": "absorb"}, scenario="plan")
    assert str(error) == "plan: operation 3 (absorb): it is wrong; it is wrong"
    assert (error.index, error.op, error.scenario, error.violations) == (
        3,
        "absorb",
        "plan",
        (V, V),
    )
    assert str(OperationError([V], op="merge")) == "merge: it is wrong"
    assert str(InvalidOrgError([V, V])) == "units[0]: it is wrong (and 1 more)"
    assert str(FileError.of([V, V], path="f.yaml")) == (
        "f.yaml: units[0]: it is wrong (and 1 more problem(s); run 'orgraph validate')"
    )
    assert isinstance(FileAccessError.of([V], path="f"), FileAccessError)


def test_reading_a_missing_file_and_a_bad_format_argument(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError) as info:
        orgraph.load(tmp_path / "missing.yaml")
    assert info.value.exit_code == 2
    with pytest.raises(UsageError, match="format must be"):
        orgraph.dumps(small_org(), format="xml")
