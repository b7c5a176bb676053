"""The typer application and what every command shares: errors, exit codes, output.

Conventions (docs/cli.md): exit 0 success, 1 invalid content, 2 usage or an unreadable or
unwritable file, 130 interrupted, 141 a closed pipe (quietly, as Unix tools do). Every
error is one line on stderr, never a traceback.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import functools
import io
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from typer.core import TyperGroup

from orgraph.errors import FileError, OrgraphError, UsageError
from orgraph.io._cells import neutralise, terminal_text
from orgraph.io._files import STDIN, input_limit, parse_size

__all__ = [
    "FileArg",
    "InPlaceOpt",
    "ScenarioArg",
    "app",
    "check_output",
    "command",
    "console",
    "emit_csv",
    "emit_json",
    "fail",
    "ident",
    "progress",
    "say",
    "terminal_text",
]

_QUIET: ContextVar[bool] = ContextVar("orgraph_quiet", default=False)
_ERRORS: ContextVar[int | None] = ContextVar("orgraph_errors", default=1)


def _closed_pipe() -> int:
    """Stop writing to a reader that went away; the exit code of a process killed by SIGPIPE."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 141


def _click_error(name: str) -> type[Exception]:
    """Click's exception class ``name``, from the click that typer runs on.

    Older typers use the ``click`` package; newer ones run on a copy of click they ship as
    a private module, whose exceptions are other classes than ``click``'s (catching
    ``click.UsageError`` would miss them). Both raise the public ``typer.BadParameter``,
    whose bases are that click's ``UsageError`` and ``ClickException``.
    """
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == name)


_UsageError = _click_error("UsageError")
_ClickException = _click_error("ClickException")


class _Group(TyperGroup):
    """The orgraph command group: every failure of the command line is one line on stderr."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args=args,
                prog_name=prog_name or "orgraph",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except _UsageError as exc:
            error: Any = exc
            if type(exc).__name__ == "NoArgsIsHelpError":  # a group run bare: its help
                error.show()
            else:
                where = error.ctx.command_path if error.ctx else "orgraph"
                text = str(error.format_message()).replace("Value error, ", "")
                _error(f"{' '.join(text.split())} (see '{where} --help')")
            code = 2
        except _ClickException as exc:
            failure: Any = exc
            _error(" ".join(str(failure.format_message()).split()))
            code = failure.exit_code
        except (typer.Abort, KeyboardInterrupt):
            _error("interrupted")
            code = 130
        except BrokenPipeError:
            code = _closed_pipe()
        except OSError as exc:  # typer's own broken-pipe handling lets nothing else out
            if exc.errno != errno.EPIPE:
                raise
            code = _closed_pipe()
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="orgraph",
    cls=_Group,
    help="Model, change, measure and chart the structure of public bodies.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        try:
            number = version("orgraph")
        except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
            number = "unknown"
        typer.echo(f"orgraph {number}")
        raise typer.Exit()


def _size(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.callback()
def _options(
    ctx: typer.Context,
    version_: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only errors and the data asked for.")
    ] = False,
    errors: Annotated[
        str,
        typer.Option(
            "--errors",
            metavar="N|all",
            help="How many problems to list when a file has several (default 1, with a count).",
        ),
    ] = "1",
    max_input: Annotated[
        str | None,
        typer.Option(
            "--max-input",
            metavar="SIZE",
            help="Refuse input files larger than this (default 1G, or $ORGRAPH_MAX_INPUT).",
        ),
    ] = None,
) -> None:
    """Model, change, measure and chart the structure of public bodies."""
    token = _QUIET.set(quiet)
    ctx.call_on_close(lambda: _QUIET.reset(token))
    if errors != "all" and not (errors.isdigit() and int(errors) > 0):
        raise typer.BadParameter(f"{errors!r} is not a number above 0 or 'all'")
    shown = _ERRORS.set(None if errors == "all" else int(errors))
    ctx.call_on_close(lambda: _ERRORS.reset(shown))
    limit = _size(max_input)
    if limit is not None:
        ctx.with_resource(input_limit(limit))


F = TypeVar("F", bound=Callable[..., Any])

FileArg = Annotated[
    Path,
    typer.Argument(
        metavar="FILE", help="A structure file (.json, .yaml or .yml; '-' reads standard input)."
    ),
]
"""A structure file argument, shared by the commands that read one."""

ScenarioArg = Annotated[
    Path, typer.Argument(metavar="SCENARIO", help="A scenario file (.json, .yaml or .yml).")
]
"""A scenario file argument."""

InPlaceOpt = Annotated[
    bool,
    typer.Option("--in-place", help="Allow the output to replace one of the input files."),
]
"""The flag that allows ``-o`` to name one of the inputs."""


def ident(value: str | None) -> str | None:
    """An id given on the command line, NFC-normalised as ids read from files are."""
    return None if value is None else unicodedata.normalize("NFC", value)


def _error(message: str) -> None:
    typer.echo(f"orgraph: error: {message}", err=True)


def fail(message: str, *, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the exit to raise."""
    _error(message)
    return typer.Exit(code)


def say(message: str) -> None:
    """Print a progress or summary line on stdout, unless ``--quiet``."""
    if not _QUIET.get():
        typer.echo(message)


@contextlib.contextmanager
def progress(description: str) -> Iterator[None]:
    """A spinner on a terminal's stderr while slow work runs (nothing when piped or quiet)."""
    if _QUIET.get() or not sys.stderr.isatty():
        yield
        return
    with Console(stderr=True).status(description):
        yield


class _Console(Console):
    """rich's console, except that a closed pipe is left to the command (exit 141, quiet)."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError(errno.EPIPE, "broken pipe")


def console(*, width: int = 250) -> Console:
    """The console commands print on: piped output is not cut to 80 columns (names are long
    and must stay whole), and a closed pipe ends the command quietly."""
    terminal = _Console(highlight=False, emoji=False)
    if terminal.is_terminal:
        return terminal
    return _Console(highlight=False, emoji=False, width=width)


def _same_file(a: Path, b: Path) -> bool:
    if str(a) == STDIN or str(b) == STDIN:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_output(output: Path | None, *inputs: Path | None, in_place: bool = False) -> None:
    """Refuse an output that is one of the inputs, unless ``--in-place`` was given."""
    if output is None or in_place:
        return
    for source in inputs:
        if source is not None and _same_file(output, source):
            raise UsageError(
                f"{output}: the output is the input file {source}; "
                "give --in-place to replace it, or another -o/--output"
            )


def _report(exc: OrgraphError) -> None:
    """One line per problem, as many as ``--errors`` asks (one by default, with a count)."""
    problems = getattr(exc, "violations", ())
    limit = _ERRORS.get()
    if not isinstance(exc, FileError) or len(problems) < 2:
        _error(str(exc))
        return
    if limit == 1:
        text = str(exc)
        _error(text[:-1] + "; --errors all lists them)" if text.endswith(")") else text)
        return
    head = f"{exc.path}: " if exc.path else ""
    for problem in problems[:limit]:
        _error(f"{head}{problem}")
    if limit is not None and len(problems) > limit:
        _error(f"{head}and {len(problems) - limit} more problem(s); --errors all lists them")


def command(name: str | None = None, **options: Any) -> Callable[[F], F]:
    """Register a command whose :class:`OrgraphError` becomes one line and an exit code."""

    def register(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except OrgraphError as exc:
                _report(exc)
                raise typer.Exit(exc.exit_code) from None
            except KeyboardInterrupt:
                raise fail("interrupted", code=130) from None
            except BrokenPipeError:
                raise typer.Exit(_closed_pipe()) from None

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
