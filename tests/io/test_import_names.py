"""``name=`` given to an importer is checked as Org.name checks a name, never dropped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import orgraph
from orgraph import InvalidOrgError, export
from orgraph.cli import app
from orgraph.io.history_tables import collect_history, read_history
from tests.helpers import small_org

HISTORY = Path(__file__).parents[2] / "examples" / "history_tables" / "mapping.yaml"


def _written(tmp_path: Path, suffix: str, **options: Any) -> Path:
    path = tmp_path / f"org{suffix}"
    export(small_org(), path, **options)
    return path


READERS: dict[str, Callable[[Path, Any], orgraph.Org]] = {
    "csv": lambda tmp, name: orgraph.import_(_written(tmp, ".csv"), name=name),
    "xlsx": lambda tmp, name: orgraph.import_(_written(tmp, ".xlsx"), name=name),
    "graphml": lambda tmp, name: orgraph.import_(_written(tmp, ".graphml"), name=name),
    "popolo": lambda tmp, name: orgraph.import_(_written(tmp, ".popolo.json"), name=name),
    "turtle": lambda tmp, name: orgraph.import_(_written(tmp, ".ttl"), name=name),
    "frames": lambda tmp, name: orgraph.from_frames(small_org().to_frames(), name=name),
    "history": lambda tmp, name: collect_history(HISTORY, name=name)[0],
}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("name", "problem"),
    [("", "at least 1 character"), ("bad\x07name", "control characters")],
    ids=["empty", "control"],
)
def test_a_bad_name_is_refused(tmp_path: Path, reader: str, name: str, problem: str) -> None:
    if reader == "frames":
        pytest.importorskip("pandas")
    with pytest.raises(InvalidOrgError) as caught:
        READERS[reader](tmp_path, name)
    (violation,) = caught.value.violations
    assert violation.code == "invalid_name"
    assert problem in violation.message


@pytest.mark.parametrize("reader", READERS)
def test_a_good_name_is_taken(tmp_path: Path, reader: str) -> None:
    if reader == "frames":
        pytest.importorskip("pandas")
    assert READERS[reader](tmp_path, "Huyện Thử").name == "Huyện Thử"


def test_read_history_refuses_an_empty_name() -> None:
    with pytest.raises(InvalidOrgError):
        read_history(HISTORY, name="")


@pytest.mark.parametrize("name", ["", "  "])
def test_the_command_line_refuses_an_empty_name(tmp_path: Path, name: str) -> None:
    source = _written(tmp_path, ".csv")
    result = CliRunner().invoke(
        app, ["import", str(source), "--name", name, "-o", str(tmp_path / "out.yaml")]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "orgraph: error: --name must not be empty (see 'orgraph import --help')"
    ]
    assert not (tmp_path / "out.yaml").exists()
