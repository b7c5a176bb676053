"""Planning commands: apply a scenario, trace lineage, measure, compare scenarios, diff."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from orgraph.cli._app import (
    FileArg,
    InPlaceOpt,
    ScenarioArg,
    check_output,
    command,
    emit_csv,
    emit_json,
    fail,
    ident,
    progress,
    say,
    terminal_text,
)
from orgraph.cli._app import console as make_console
from orgraph.compare import Comparison, evaluate
from orgraph.diff import diff
from orgraph.engine import apply
from orgraph.errors import ScenarioError
from orgraph.history_queries import function_history, post_lineage
from orgraph.io import load, save
from orgraph.io._files import file_format
from orgraph.io.scenario import load_scenario
from orgraph.labels import change_word, label, operation_word
from orgraph.metrics import metrics
from orgraph.org import Org
from orgraph.summaries import (
    LINEAGE_COLUMNS,
    TableData,
    apply_summary,
    changes_lines,
    comparison_rows,
    diff_lines,
    lineage_rows,
    metrics_tables,
)


class Language(StrEnum):
    """Languages of the labels in tables and reports."""

    en = "en"
    vi = "vi"


LangOpt = Annotated[
    Language,
    typer.Option(
        "--lang", help="Labels in neutral English (en) or Vietnamese (vi: đầu mối, biên chế)."
    ),
]

__all__ = ["apply_command", "compare_command", "diff_command", "lineage", "metrics_command"]

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _table(data: TableData) -> Table:
    table = Table(title=Text(data.title))
    for index, column in enumerate(data.columns):
        table.add_column(Text(column), justify="right" if index in data.numeric else "left")
    for row in data.rows:
        table.add_row(*(Text(terminal_text(cell)) for cell in row))
    return table


# ---------------------------------------------------------------------------- apply
def scenario_error_line(path: Path, exc: ScenarioError) -> str:
    """One line: the scenario file, the operation's number and kind, each problem and ids."""
    problems = []
    for violation in exc.violations:
        text = " ".join(violation.message.split())
        if violation.ids:
            text += f" [{', '.join(violation.ids)}]"
        problems.append(text)
    detail = "; ".join(problems) or "invalid operation"
    return f"{path}: operation {exc.index} ({exc.op or 'unknown'}): {detail}"


@command("apply")
def apply_command(
    org_file: FileArg,
    scenario_file: ScenarioArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the new structure here (.json, .yaml)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and summarise; write nothing.")
    ] = False,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Name of the new structure (default: the input's)."),
    ] = None,
    lang: LangOpt = Language.en,
    in_place: InPlaceOpt = False,
) -> None:
    """Apply a scenario to a structure and write the result (atomically).

    Nothing is written when any operation is invalid: the error names the operation.
    """
    if output is None and not dry_run:
        raise fail("give -o/--output FILE (or --dry-run) (see 'orgraph apply --help')", code=2)
    if name is not None and not name.strip():
        raise fail("--name must not be empty (see 'orgraph apply --help')", code=2)
    if output is not None and not dry_run:
        file_format(output)  # an unknown extension fails before any work
        check_output(output, org_file, scenario_file, in_place=in_place)
    if str(org_file) == str(scenario_file) == "-":
        raise fail("only one of FILE and SCENARIO can be '-' (standard input)", code=2)
    with progress("applying the scenario"):
        org = load(org_file)
        scenario = load_scenario(scenario_file)
        try:
            after = apply(org, scenario, name=name)
        except ScenarioError as exc:
            raise fail(scenario_error_line(scenario_file, exc), code=exc.exit_code) from None
        summary = apply_summary(org, after, scenario=scenario.name).lines(lang.value)
        if dry_run:
            summary.append("dry run: nothing written")
        else:
            assert output is not None
            save(after, output)
            summary.append(f"wrote {output}")
    for line in summary:
        say(line)


# ---------------------------------------------------------------------------- lineage
@command()
def lineage(
    file: FileArg,
    csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    json_: JsonOpt = False,
    unit: Annotated[
        str | None,
        typer.Option(
            help="Trace one unit: an old unit's successors, a current unit's predecessors."
        ),
    ] = None,
    function: Annotated[
        str | None,
        typer.Option(
            "--function",
            metavar="CODE",
            help="Where did a function go: every unit that held it, when, and by which event.",
        ),
    ] = None,
    post: Annotated[
        str | None,
        typer.Option(
            "--post",
            metavar="ID",
            help="Trace one post: the posts it continued as, and those it continues.",
        ),
    ] = None,
    lang: LangOpt = Language.en,
) -> None:
    """List lineage: which units became (part of) which, when and how.

    ``--lang`` words the table (CSV and JSON keep their columns and codes)."""
    if csv and json_:
        raise typer.BadParameter("choose one of --csv and --json")
    org = load(file)
    unit = ident(unit)
    if function is not None:
        _function_history(org, function, csv=csv, json_=json_, lang=lang.value)
        return
    if post is not None:
        _post_lineage(org, ident(post) or post, csv=csv, json_=json_, lang=lang.value)
        return
    rows = lineage_rows(org, unit)
    if csv:
        emit_csv(LINEAGE_COLUMNS, [row.values() for row in rows])
    elif json_:
        emit_json([row.as_json() for row in rows])
    else:
        words = lang.value
        title = label("lineage.title", words, name=org.name)
        title += label("lineage.of", words, unit=unit) if unit else ""
        table = Table(title=Text(terminal_text(title)))
        for column in ("predecessor", "successor", "change", "effective", "event"):
            table.add_column(Text(label(f"lineage.{column}", words)))
        for row in rows:
            table.add_row(
                Text(terminal_text(f"{row.predecessor_name} [{row.predecessor_id}]")),
                Text(terminal_text(f"{row.successor_name} [{row.successor_id}]")),
                Text(change_word(row.change, words)),
                Text(row.effective_text or ""),
                Text(row.event),
            )
        console = make_console()
        console.print(table)
        if not rows:
            console.print(Text(label("lineage.none", words)))


FUNCTION_COLUMNS = (
    "unit_id",
    "unit_name",
    "start",
    "end",
    "came_by",
    "came_through",
    "left_by",
    "left_through",
)


def _json_rows(
    columns: tuple[str, ...], rows: Sequence[tuple[object, ...]]
) -> list[dict[str, str | None]]:
    """Each row as a JSON object of text (dates and events as written), None kept."""
    return [
        {c: None if v is None else str(v) for c, v in zip(columns, row, strict=True)}
        for row in rows
    ]


def _function_history(org: Org, code: str, *, csv: bool, json_: bool, lang: str) -> None:
    rows = [
        (
            s.unit,
            org.unit(s.unit).name,
            s.start,
            s.end,
            s.came_by,
            s.came_through,
            s.left_by,
            s.left_through,
        )
        for s in function_history(org, code)
    ]
    if csv:
        emit_csv(FUNCTION_COLUMNS, rows)
        return
    if json_:
        emit_json(_json_rows(FUNCTION_COLUMNS, rows))
        return
    table = Table(
        title=Text(terminal_text(label("function.title", lang, name=org.name, code=code)))
    )
    for column in ("unit", "from", "until", "came_by", "left_by"):
        table.add_column(Text(label(f"function.{column}", lang)))
    for uid, name, start, end, came, came_op, left, left_op in rows:
        table.add_row(
            Text(terminal_text(f"{name} [{uid}]")),
            Text(str(start or "")),
            Text(str(end or "")),
            Text(
                f"{came} ({operation_word(came_op, lang) if came_op else came_op})" if came else ""
            ),
            Text(
                f"{left} ({operation_word(left_op, lang) if left_op else left_op})" if left else ""
            ),
        )
    console = make_console()
    console.print(table)
    if not rows:
        console.print(Text(terminal_text(label("function.none", lang, code=code))))


POST_COLUMNS = (
    "post_id",
    "post_title",
    "continued_as_id",
    "continued_as_title",
    "effective",
    "event",
)


def _post_lineage(org: Org, post: str, *, csv: bool, json_: bool, lang: str) -> None:
    rows = [
        (source, org.post(source).title, target, org.post(target).title, when, event)
        for source, target, when, event in post_lineage(org, post, direction="both")
    ]
    if csv:
        emit_csv(POST_COLUMNS, rows)
        return
    if json_:
        emit_json(_json_rows(POST_COLUMNS, rows))
        return
    title = label("post_lineage.title", lang, name=org.name, post=post)
    table = Table(title=Text(terminal_text(title)))
    for column in ("post", "continued_as", "effective", "event"):
        table.add_column(Text(label(f"post_lineage.{column}", lang)))
    for source, source_title, target, target_title, when, event in rows:
        table.add_row(
            Text(terminal_text(f"{source_title} [{source}]")),
            Text(terminal_text(f"{target_title} [{target}]")),
            Text(str(when or "")),
            Text(event),
        )
    console = make_console()
    console.print(table)
    if not rows:
        console.print(Text(terminal_text(label("post_lineage.none", lang, post=post))))


# ---------------------------------------------------------------------------- metrics
@command("metrics")
def metrics_command(
    file: FileArg,
    json_: JsonOpt = False,
    root: Annotated[str | None, typer.Option(help="Measure only the subtree of this unit.")] = None,
    lang: LangOpt = Language.en,
) -> None:
    """Headline numbers: active units, posts, people, concurrency, quota, funding, span."""
    org = load(file)
    root = ident(root)
    m = metrics(org, root=root)
    if json_:
        emit_json(m.model_dump(mode="json"))
        return
    title = org.name + (f": {org.unit(root).name} [{root}]" if root else "")
    console = make_console()
    for table in metrics_tables(m, title=title, lang=lang.value):
        console.print(_table(table))


# ---------------------------------------------------------------------------- compare
@command("compare")
def compare_command(
    base: Annotated[
        Path, typer.Argument(metavar="BASE", help="The baseline structure file (.json, .yaml).")
    ],
    scenarios: Annotated[
        list[Path],
        typer.Argument(
            metavar="SCENARIO", help="One or more scenario files, each applied to BASE."
        ),
    ],
    json_: JsonOpt = False,
    root: Annotated[str | None, typer.Option(help="Measure only the subtree of this unit.")] = None,
    lang: LangOpt = Language.en,
) -> None:
    """Apply each scenario to the same baseline; show metrics side by side and what changed."""
    org = load(base)
    root = ident(root)
    loaded = [(path, load_scenario(path)) for path in scenarios]
    baseline = metrics(org, root=root)
    results = []
    for path, scenario in loaded:
        try:
            results.append(evaluate(org, scenario, baseline=baseline, root=root))
        except ScenarioError as exc:
            raise fail(scenario_error_line(path, exc), code=exc.exit_code) from None
    result = Comparison(baseline=baseline, scenarios=results)
    if json_:
        emit_json(result.model_dump(mode="json"))
        return
    console = make_console()
    console.print(_table(comparison_rows(result, lang.value)))
    for column in result.scenarios:
        console.print(Text(terminal_text(f"{column.name}:"), style="bold"))
        for line in changes_lines(column.changes, lang.value):
            console.print(Text(terminal_text(line)))


# ---------------------------------------------------------------------------- diff
@command("diff")
def diff_command(
    a: Annotated[Path, typer.Argument(metavar="A", help="The structure before.")],
    b: Annotated[Path, typer.Argument(metavar="B", help="The structure after.")],
    json_: JsonOpt = False,
    lang: LangOpt = Language.en,
) -> None:
    """Show what differs from structure A to structure B (units, posts, holders)."""
    before, after = load(a), load(b)
    d = diff(before, after)
    if json_:
        emit_json(d.model_dump(mode="json"))
        return
    console = make_console()
    for line in diff_lines(d, after, lang.value):
        console.print(Text(terminal_text(line)))
