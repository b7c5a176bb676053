"""The bad-input corpus (tests/corpus) against every command that reads files.

Each file's name starts with the exit code it must give: 1 invalid content, 2 unreadable.
``structure/`` files run through every command that reads a structure, ``scenario/`` files
through every command that reads a scenario, ``import/`` files through ``orgraph import``.
A few inputs cannot be stored in git (a FIFO, a link to a device, a file over the size
limit, a 140,000-character CSV cell) and are made in a temporary folder.

Every run must print exactly one line on stderr, exit with the file's code, show no
traceback, leave the input's bytes (and its folder) unchanged, and leave no output.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

from orgraph import Scenario, save, save_scenario
from orgraph.cli import app
from tests.helpers import small_org

CORPUS = Path(__file__).parent / "corpus"

#: The commands run against each kind of input. ``{f}`` is the bad file, ``{o}`` an empty
#: output folder, ``{org}`` a valid structure and ``{plan}`` a valid scenario.
COMMANDS: dict[str, list[str]] = {
    "structure": [
        "validate {f}",
        "validate --json {f}",
        "units {f}",
        "posts {f} --csv",
        "show {f} a",
        "tree {f}",
        "metrics {f}",
        "lineage {f}",
        "render {f} -o {o}/chart.dot",
        "export {f} -o {o}/out.graphml",
        "export {f} -o {o}/csv",
        "apply {f} {plan} -o {o}/after.yaml",
        "diff {f} {org}",
        "diff {org} {f}",
        "compare {f} {plan}",
        "import {f} -o {o}/copy.yaml",
    ],
    "scenario": [
        "validate {f} --against {org}",
        "apply {org} {f} -o {o}/after.yaml",
        "apply {org} {f} --dry-run",
        "compare {org} {f}",
        "render {org} --scenario {f} -o {o}/chart.dot",
    ],
    "import": ["import {f} -o {o}/imported.yaml"],
}


def _special(kind: str, folder: Path) -> Path:
    """The inputs that cannot live in git, made in ``folder``."""
    if kind == "fifo":
        path = folder / "2-fifo.yaml"
        os.mkfifo(path)
    elif kind == "device":
        path = folder / "2-device.yaml"
        path.symlink_to("/dev/zero")
    elif kind == "huge-cell":
        path = folder / "1-huge-cell.csv"
        path.write_text("id,name,kind,level\na," + "x" * 140_000 + ",k,l\n", encoding="utf-8")
    else:  # over the size limit given with --max-input
        path = folder / "2-too-big.yaml"
        path.write_text("format_version: 1\nname: t\n" + "#" * 50_000 + "\n", encoding="utf-8")
    return path


CASES = [
    pytest.param(kind, str(path.relative_to(CORPUS)), command, id=f"{path.name}:{command}")
    for kind in COMMANDS
    for path in sorted((CORPUS / kind).iterdir())
    for command in COMMANDS[kind]
    if path.name[0] in "12"
]
CASES += [
    pytest.param(
        "structure" if special != "huge-cell" else "import",
        f"special:{special}",
        command,
        id=f"{special}:{command}",
    )
    for special in ("fifo", "device", "too-big", "huge-cell")
    for command in COMMANDS["structure" if special != "huge-cell" else "import"]
]


@pytest.fixture(scope="module")
def runner() -> Iterator[CliRunner]:
    """A runner that builds the click command once: typer builds it anew on every invoke,
    which is most of the time of a run here."""
    command = typer.main.get_command(app)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lambda _: command)
        yield CliRunner()


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("good")
    save(small_org(), folder / "org.yaml")
    operation = {"op": "rename", "unit": "a", "name": "X"}
    plan = Scenario.model_validate({"name": "p", "operations": [operation]})
    save_scenario(plan, folder / "plan.yaml")
    return {"org": folder / "org.yaml", "plan": folder / "plan.yaml"}


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        p.name: (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
        for p in folder.iterdir()
    }


@pytest.mark.parametrize(("kind", "name", "command"), CASES)
def test_bad_input_gives_one_line_and_leaves_everything_as_it_was(
    tmp_path: Path,
    runner: CliRunner,
    good: dict[str, Path],
    kind: str,
    name: str,
    command: str,
) -> None:
    if name.startswith("special:"):
        source = tmp_path / "in"
        source.mkdir()
        path = _special(name.partition(":")[2], source)
    else:
        path = CORPUS / name
    out = tmp_path / "out"
    out.mkdir()
    args = [
        word.format(f=path, o=out, org=good["org"], plan=good["plan"]) for word in command.split()
    ]
    if path.name == "2-too-big.yaml":
        args = ["--max-input", "20k", *args]  # the valid inputs are far smaller
    before = _snapshot(path.parent)
    result = runner.invoke(app, args)
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert len(lines) == 1, lines
    assert result.exit_code == int(path.name[0]), lines
    assert lines[0].startswith(("orgraph: error: ", f"{path}: ")), lines
    assert str(path) in lines[0], lines  # it names the file
    for jargon in ("discriminator", "String should match pattern", "Value error,", "Input should"):
        assert jargon not in lines[0], lines
    assert _snapshot(path.parent) == before  # the input, and its folder, unchanged
    assert list(out.iterdir()) == []  # nothing written
