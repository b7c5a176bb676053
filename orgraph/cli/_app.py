"""The typer application and what every command shares: errors, exit codes, output."""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from orgraph.errors import OrgraphError
from orgraph.io.spreadsheet import neutralise

__all__ = [
    "FileArg",
    "ScenarioArg",
    "app",
    "command",
    "emit_csv",
    "emit_json",
    "fail",
]

app = typer.Typer(
    name="orgraph",
    help="Model, change, measure and chart the structure of public bodies.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])

FileArg = Annotated[
    Path, typer.Argument(metavar="FILE", help="A structure file (.json, .yaml or .yml).")
]
"""A structure file argument, shared by the commands that read one."""

ScenarioArg = Annotated[
    Path, typer.Argument(metavar="SCENARIO", help="A scenario file (.json, .yaml or .yml).")
]
"""A scenario file argument."""


def fail(message: str, *, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the exit to raise."""
    typer.echo(f"orgraph: error: {message}", err=True)
    return typer.Exit(code)


def command(name: str | None = None, **options: Any) -> Callable[[F], F]:
    """Register a command whose :class:`OrgraphError` becomes one line and an exit code."""

    def register(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except OrgraphError as exc:
                raise fail(str(exc), code=exc.exit_code) from None
            except (BrokenPipeError, KeyboardInterrupt):
                raise typer.Exit(130) from None

        app.command(name, **options)(wrapper)
        return function

    return register


def emit_json(data: Any) -> None:
    """Print JSON (UTF-8, not escaped) on stdout."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def emit_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Print CSV on stdout; cells that would run as spreadsheet formulas are neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    sys.stdout.write(buffer.getvalue())
