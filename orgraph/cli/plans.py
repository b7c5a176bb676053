"""Planners' commands: rebase a scenario, combine two, write a decision report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orgraph.cli._app import FileArg, ScenarioArg, check_output, command, emit_json, fail
from orgraph.cli.planning import LangOpt, Language
from orgraph.errors import ScenarioError
from orgraph.io import load
from orgraph.io._files import file_format
from orgraph.io.scenario import load_scenario, save_scenario
from orgraph.rebasing import RebaseConflictError, RebaseResult, combine, rebase
from orgraph.report import FORMATS, build_report, load_costs, write_report
from orgraph.scenario import Scenario

__all__ = ["combine_command", "rebase_command", "report_command"]


class OnConflict(StrEnum):
    stop = "stop"
    skip = "skip"


OnConflictOpt = Annotated[
    OnConflict,
    typer.Option(
        "--on-conflict",
        help="stop: write nothing at the first conflict; skip: drop the operation, report it.",
    ),
]
OutOpt = Annotated[
    Path, typer.Option("--out", "-o", help="Write the scenario here (.yaml, .json).")
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print the adaptations and conflicts as JSON.")
]


def _print(result: RebaseResult, *, what: str, out: Path, as_json: bool) -> None:
    if as_json:
        emit_json(
            {
                "scenario": result.scenario.name,
                "operations": len(result.scenario.operations),
                "adaptations": [a.model_dump(mode="json") for a in result.adaptations],
                "conflicts": [c.model_dump(mode="json") for c in result.conflicts],
                "wrote": str(out),
            }
        )
        return
    typer.echo(f"{what}: {result.scenario.name}")
    typer.echo(f"operations kept: {len(result.scenario.operations)}")
    for a in result.adaptations:
        cause = a.cause
        since = f" (baseline {cause.event}, {cause.effective})" if cause.event else ""
        typer.echo(f"adapted: operation {a.index} ({a.op}): {a.message}{since}")
    for c in result.conflicts:
        typer.echo(f"dropped: {c}")
        if c.cause.basis:
            typer.echo(f"  basis: {c.cause.basis}")
        for option in c.options:
            typer.echo(f"  - {option}")
    typer.echo(f"wrote {out}")


def _stop(path: Path, exc: RebaseConflictError) -> typer.Exit:
    """The first conflict on one line, what to do below it; nothing was written."""
    exit_ = fail(f"{path}: {exc.conflict}; nothing written", code=exc.exit_code)
    for option in exc.conflict.options:
        typer.echo(f"  - {option}", err=True)
    typer.echo("  (--on-conflict skip drops conflicting operations and reports them)", err=True)
    return exit_


@command("rebase")
def rebase_command(
    scenario_file: ScenarioArg,
    old_file: Annotated[
        Path, typer.Option("--from", help="The baseline the scenario was drafted on.")
    ],
    new_file: Annotated[Path, typer.Option("--onto", help="The newer baseline to carry it to.")],
    out: OutOpt,
    on_conflict: OnConflictOpt = OnConflict.stop,
    as_json: JsonOpt = False,
) -> None:
    """Carry a scenario drafted on one baseline over to a newer one.

    Merged or absorbed units become their successors; moved and renamed units stay as the
    new baseline has them. Each conflict names the operation, the baseline event (date,
    basis) that caused it and what to do. Nothing is written when the run stops.
    """
    file_format(out)
    check_output(out, scenario_file, old_file, new_file)
    scenario = load_scenario(scenario_file)
    old, new = load(old_file), load(new_file)
    try:
        result = rebase(scenario, old, new, on_conflict=on_conflict.value)
    except RebaseConflictError as exc:
        raise _stop(scenario_file, exc) from None
    save_scenario(result.scenario, out)
    _print(result, what="rebased", out=out, as_json=as_json)


@command("combine")
def combine_command(
    first: Annotated[Path, typer.Argument(metavar="A", help="The scenario applied first.")],
    second: Annotated[Path, typer.Argument(metavar="B", help="The scenario applied after A.")],
    base_file: Annotated[Path, typer.Option("--base", help="The baseline both were drafted on.")],
    out: OutOpt,
    on_conflict: OnConflictOpt = OnConflict.stop,
    as_json: JsonOpt = False,
) -> None:
    """Combine two scenarios drafted on the same baseline: A, then B rebased onto it.

    Conflicts are B's operations that clash with what A did, reported as for rebase.
    """
    file_format(out)
    check_output(out, first, second, base_file)
    a, b = load_scenario(first), load_scenario(second)
    base = load(base_file)
    try:
        result = combine(a, b, base, on_conflict=on_conflict.value)
    except ScenarioError as exc:
        raise fail(
            f"{first}: operation {exc.index} ({exc.op}): {exc}", code=exc.exit_code
        ) from None
    except RebaseConflictError as exc:
        raise _stop(second, exc) from None
    save_scenario(result.scenario, out)
    _print(result, what="combined", out=out, as_json=as_json)


@command("report")
def report_command(
    base_file: FileArg,
    scenario_files: Annotated[
        list[Path], typer.Argument(metavar="SCENARIO...", help="One or more scenario files.")
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="report.html, .pdf (headless chromium), .xlsx or .md"),
    ],
    title: Annotated[str | None, typer.Option("--title", help="The report's title.")] = None,
    costs: Annotated[
        Path | None,
        typer.Option("--costs", help="A staff cost table (.yaml, .json): adds the cost section."),
    ] = None,
    charts: Annotated[
        bool, typer.Option("--charts/--no-charts", help="Draw each scenario's before/after chart.")
    ] = True,
    lang: LangOpt = Language.en,
) -> None:
    """Write one decision report comparing scenarios on a baseline.

    Headline figures side by side with their changes; per scenario the units ended,
    created and moved, posts, people, quota cut, operations with legal basis and dates,
    and its before/after chart.
    """
    kind = out.suffix.lower().lstrip(".")
    kind = {"markdown": "md", "htm": "html"}.get(kind, kind)
    if kind not in FORMATS:
        raise fail(f"{out}: unknown report format: use .html, .pdf, .xlsx or .md", code=2)
    check_output(out, base_file, costs, *scenario_files)
    base = load(base_file)
    scenarios: list[Scenario] = [load_scenario(p) for p in scenario_files]
    table = load_costs(costs) if costs is not None else None
    try:
        report = build_report(
            base, scenarios, title=title, costs=table, charts=charts, lang=lang.value
        )
    except ScenarioError as exc:
        where = next(
            (p for p, s in zip(scenario_files, scenarios, strict=True) if s.name == exc.scenario),
            None,
        )
        raise fail(f"{where or 'scenario'}: {exc}", code=exc.exit_code) from None
    write_report(report, out, format=kind)
    typer.echo(f"wrote {out}")
