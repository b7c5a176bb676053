"""Planning commands: apply a scenario, trace lineage, measure, compare scenarios, diff."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from orgraph.cli._app import FileArg, ScenarioArg, command, emit_csv, emit_json, fail
from orgraph.compare import Comparison, ScenarioChanges, changes, evaluate
from orgraph.diff import Diff, diff
from orgraph.engine import apply
from orgraph.errors import ScenarioError
from orgraph.history import LineageEdge
from orgraph.history_queries import function_history
from orgraph.io import load, save
from orgraph.io._files import file_format
from orgraph.lineage import edges_of
from orgraph.metrics import Metrics, QuotaTotals, flatten, metrics
from orgraph.model import Quota
from orgraph.org import Org
from orgraph.scenario import load_scenario

__all__ = ["apply_command", "compare_command", "diff_command", "lineage", "metrics_command"]

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _console() -> Console:
    # Piped output is not cut to 80 columns: names are long and must stay whole.
    console = Console(highlight=False, emoji=False)
    if not console.is_terminal:
        console = Console(highlight=False, emoji=False, width=250)
    return console


def _signed(value: float) -> str:
    if isinstance(value, float):
        value = round(value, 3)
    return f"+{value}" if value > 0 else str(value)


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


def _quota_text(quota: QuotaTotals) -> str:
    return (
        f"{quota.total} (civil servants {quota.civil_servants}, "
        f"public employees {quota.public_employees}, contracts {quota.contracts})"
    )


def apply_summary(before: Org, after: Org, *, scenario: str) -> list[str]:
    """The lines ``orgraph apply`` prints about what a scenario did."""
    events = after.history[len(before.history) :]
    done = changes(before, after, events)
    released = sum(len(e.effects.released) for e in events)
    appointed = sum(len(e.effects.appointed) for e in events)
    focal_before, focal_after = len(before.units()), len(after.units())
    return [
        f"scenario: {scenario}",
        f"operations applied: {len(events)}",
        f"units: {len(done.units_established)} established, {len(done.units_removed)} ended",
        f"posts: {len(done.posts_created)} created, {len(done.posts_abolished)} abolished",
        f"people: {released} released, {appointed} appointed",
        f"quota cut: {_quota_text(done.quota_cut)}",
        f"focal points: {focal_before} -> {focal_after} ({_signed(focal_after - focal_before)})",
    ]


@command("apply")
def apply_command(
    org_file: FileArg,
    scenario_file: ScenarioArg,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the new structure here (.json, .yaml)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and summarise; write nothing.")
    ] = False,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Name of the new structure (default: the input's)."),
    ] = None,
) -> None:
    """Apply a scenario to a structure and write the result (atomically).

    Nothing is written when any operation is invalid: the error names the operation.
    """
    if out is None and not dry_run:
        raise fail("give -o/--out FILE (or --dry-run)", code=2)
    if out is not None and not dry_run:
        file_format(out)  # an unknown extension fails before any work
    org = load(org_file)
    scenario = load_scenario(scenario_file)
    try:
        after = apply(org, scenario, name=name)
    except ScenarioError as exc:
        raise fail(scenario_error_line(scenario_file, exc), code=exc.exit_code) from None
    summary = apply_summary(org, after, scenario=scenario.name)
    if dry_run:
        summary.append("dry run: nothing written")
    else:
        assert out is not None
        save(after, out)
        summary.append(f"wrote {out}")
    for line in summary:
        typer.echo(line)


# ---------------------------------------------------------------------------- lineage
LINEAGE_COLUMNS = (
    "predecessor_id",
    "predecessor_name",
    "successor_id",
    "successor_name",
    "change",
    "effective",
    "event",
)


def _name(org: Org, ident: str) -> str:
    return org.unit(ident).name if org.has_unit(ident) else ""


def _lineage_rows(org: Org, edges: Iterable[LineageEdge]) -> list[list[object]]:
    return [
        [
            e.predecessor,
            _name(org, e.predecessor),
            e.successor,
            _name(org, e.successor),
            e.change,
            e.effective,
            e.event,
        ]
        for e in edges
    ]


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
) -> None:
    """List lineage: which units became (part of) which, when and how."""
    if csv and json_:
        raise typer.BadParameter("choose one of --csv and --json")
    org = load(file)
    if function is not None:
        _function_history(org, function, csv=csv, json_=json_)
        return
    rows = _lineage_rows(org, edges_of(org, unit))
    if csv:
        emit_csv(LINEAGE_COLUMNS, rows)
    elif json_:
        emit_json([_row_json(row) for row in rows])
    else:
        title = f"{org.name}: lineage" + (f" of {unit}" if unit else "")
        table = Table(title=Text(title))
        for column in ("predecessor", "successor", "change", "effective", "event"):
            table.add_column(column)
        for pid, pname, sid, sname, change, effective, event in rows:
            table.add_row(
                Text(f"{pname} [{pid}]"),
                Text(f"{sname} [{sid}]"),
                Text(str(change)),
                Text(str(effective or "")),
                Text(str(event)),
            )
        console = _console()
        console.print(table)
        if not rows:
            console.print(Text("no lineage recorded"))


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


def _function_history(org: Org, code: str, *, csv: bool, json_: bool) -> None:
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
        emit_json(
            [
                {
                    c: None if v is None else str(v)
                    for c, v in zip(FUNCTION_COLUMNS, row, strict=True)
                }
                for row in rows
            ]
        )
        return
    table = Table(title=Text(f"{org.name}: units that held {code}"))
    for column in ("unit", "from", "until", "came by", "left by"):
        table.add_column(column)
    for uid, name, start, end, came, came_op, left, left_op in rows:
        table.add_row(
            Text(f"{name} [{uid}]"),
            Text(str(start or "")),
            Text(str(end or "")),
            Text(f"{came} ({came_op})" if came else ""),
            Text(f"{left} ({left_op})" if left else ""),
        )
    console = _console()
    console.print(table)
    if not rows:
        console.print(Text(f"no unit held {code}"))


def _row_json(row: Sequence[object]) -> dict[str, object]:
    return {
        column: (value if value is None or isinstance(value, str) else str(value))
        for column, value in zip(LINEAGE_COLUMNS, row, strict=True)
    }


# ---------------------------------------------------------------------------- metrics
def _counts_table(title: str, counts: dict[str, int] | dict[int, int]) -> Table:
    table = Table(title=Text(title))
    table.add_column("")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(Text(str(key)), Text(str(value)))
    return table


def metrics_tables(m: Metrics, *, title: str) -> list[Table]:
    """Rich tables showing every figure of ``m``."""
    summary = Table(title=Text(title))
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    for label, value in (
        ("focal points (active units)", m.focal_points.total),
        ("posts", m.posts.total),
        ("leadership posts", m.posts.leadership),
        ("vacant posts", m.posts.vacant),
        ("people", m.people.total),
        ("people holding a post", m.people.holding),
        ("people holding 2+ posts", m.concurrency.total),
        ("depth (levels below the top)", m.depth),
        ("span of control: max", m.span_of_control.max),
        ("span of control: mean", m.span_of_control.mean),
    ):
        summary.add_row(Text(label), Text(str(value)))
    quota = Table(title=Text("quota (biên chế)"))
    for column in ("level", "civil servants", "public employees", "contracts", "total"):
        quota.add_column(column, justify="left" if column == "level" else "right")
    for level, q in [*m.quota_by_level.items(), ("all", m.quota)]:
        quota.add_row(
            *(
                Text(str(v))
                for v in (level, q.civil_servants, q.public_employees, q.contracts, q.total)
            )
        )
    tables = [
        summary,
        _counts_table("focal points by level", m.focal_points.by_level),
        _counts_table("focal points by kind", m.focal_points.by_kind),
        _counts_table("focal points by bloc", m.focal_points.by_bloc),
        _counts_table("focal points by depth", m.focal_points.by_depth),
        quota,
        _counts_table("funding regime", m.funding),
    ]
    if m.concurrency.holders:
        concurrent = Table(title=Text("concurrent posts"))
        for column in ("person", "posts"):
            concurrent.add_column(column)
        for holder in m.concurrency.holders:
            concurrent.add_row(
                Text(f"{holder.name} [{holder.person}]"), Text(", ".join(holder.posts))
            )
        tables += [_counts_table("concurrency by roles", m.concurrency.by_roles), concurrent]
    return tables


@command("metrics")
def metrics_command(
    file: FileArg,
    json_: JsonOpt = False,
    root: Annotated[str | None, typer.Option(help="Measure only the subtree of this unit.")] = None,
) -> None:
    """Headline numbers: focal points, posts, people, concurrency, quota, funding, span."""
    org = load(file)
    m = metrics(org, root=root)
    if json_:
        emit_json(m.model_dump(mode="json"))
        return
    title = org.name + (f": {org.unit(root).name} [{root}]" if root else "")
    console = _console()
    for table in metrics_tables(m, title=title):
        console.print(table)


# ---------------------------------------------------------------------------- compare
def comparison_table(result: Comparison) -> Table:
    """One row per figure; the baseline, then each scenario's value and delta."""
    table = Table(title=Text("scenarios against the baseline"))
    table.add_column("metric")
    table.add_column("baseline", justify="right")
    for scenario in result.scenarios:
        table.add_column(Text(scenario.name), justify="right")
    base = flatten(result.baseline)
    values = [flatten(s.metrics) for s in result.scenarios]
    keys = list(dict.fromkeys([*base, *(k for v in values for k in v)]))
    for key in keys:
        cells = [Text(key), Text(str(base.get(key, 0)))]
        for scenario, value in zip(result.scenarios, values, strict=True):
            delta = scenario.deltas.get(key, 0)
            text = str(value.get(key, 0)) + (f" ({_signed(delta)})" if delta else "")
            cells.append(Text(text))
        table.add_row(*cells)
    return table


def _by(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


def changes_lines(done: ScenarioChanges) -> list[str]:
    """What one scenario changed, as indented lines."""
    lines = [f"  operations: {done.operations}"]
    lines.append(
        f"  units removed: {len(done.units_removed)} (by level: {_by(done.removed_by_level)}; "
        f"by parent: {_by(done.removed_by_parent)})"
    )
    for unit in done.units_removed:
        how = unit.change or "ended"
        into = f" into {', '.join(unit.successors)}" if unit.successors else ""
        lines.append(f"    - {unit.name} [{unit.id}]: {how}{into}")
    lines.append(
        f"  units established: {len(done.units_established)} "
        f"(by level: {_by(done.established_by_level)}; "
        f"by parent: {_by(done.established_by_parent)})"
    )
    for unit in done.units_established:
        source = f" from {', '.join(unit.predecessors)}" if unit.predecessors else ""
        lines.append(f"    + {unit.name} [{unit.id}] under {unit.parent or '(root)'}{source}")
    lines.append(f"  quota cut: {_quota_text(done.quota_cut)}")
    lines.append(f"  quota change: {_signed(done.quota_change.total)}")
    lines.append(f"  made concurrent: {len(done.made_concurrent)}")
    for holder in done.made_concurrent:
        lines.append(f"    {holder.name} [{holder.person}]: {', '.join(holder.posts)}")
    lines.append(f"  people moved: {len(done.people_moved)}")
    for move in done.people_moved:
        left = ", ".join(move.released) or "-"
        took = ", ".join(move.appointed) or "-"
        lines.append(f"    {move.name} [{move.person}]: {left} -> {took}")
    return lines


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
) -> None:
    """Apply each scenario to the same baseline; show metrics side by side and what changed."""
    org = load(base)
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
    console = _console()
    console.print(comparison_table(result))
    for column in result.scenarios:
        console.print(Text(f"{column.name}:", style="bold"))
        for line in changes_lines(column.changes):
            console.print(Text(line))


# ---------------------------------------------------------------------------- diff
def diff_lines(d: Diff, a: Org, b: Org) -> list[str]:
    """The differences, grouped by kind, one per line."""
    if d.empty:
        return ["no differences"]

    def section(title: str, items: Sequence[str]) -> list[str]:
        return [f"{title} ({len(items)}):", *(f"  {item}" for item in items)] if items else []

    def name(org: Org, ident: str) -> str:
        return f"{org.unit(ident).name} [{ident}]" if org.has_unit(ident) else f"[{ident}]"

    def quota(q: Quota) -> str:
        parts = [f"{k} {v}" for k, v in q.model_dump().items() if v is not None]
        return ", ".join(parts) or "unknown"

    return [
        *section(
            "units ended",
            [f"{u.name} [{u.id}]: {u.summary}" for u in d.units_ended],
        ),
        *section(
            "units added",
            [
                f"{u.name} [{u.id}] under {u.parent or '(root)'}"
                + (f" from {', '.join(u.predecessors)}" if u.predecessors else "")
                for u in d.units_added
            ],
        ),
        *section("units renamed", [f"[{c.id}] {c.old} -> {c.new}" for c in d.units_renamed]),
        *section(
            "units moved",
            [f"{name(b, c.id)}: {c.old} -> {c.new}" for c in d.units_moved],
        ),
        *section(
            "quota changed",
            [f"{name(b, c.id)}: {quota(c.old)} -> {quota(c.new)}" for c in d.quota_changed],
        ),
        *section(
            "funding changed",
            [
                f"{name(b, c.id)}: {c.old or 'unknown'} -> {c.new or 'unknown'}"
                for c in d.funding_changed
            ],
        ),
        *section("posts added", [f"{p} in {b.post(p).unit}" for p in d.posts_added]),
        *section("posts abolished", list(d.posts_abolished)),
        *section("posts moved", [f"{p.id}: {p.old_unit} -> {p.new_unit}" for p in d.posts_moved]),
        *section(
            "appointments started",
            [f"{x.person} -> {x.post} from {x.start or '?'}" for x in d.appointments_started],
        ),
        *section(
            "appointments ended",
            [f"{x.person} -> {x.post} until {x.end or '?'}" for x in d.appointments_ended],
        ),
    ]


@command("diff")
def diff_command(
    a: Annotated[Path, typer.Argument(metavar="A", help="The structure before.")],
    b: Annotated[Path, typer.Argument(metavar="B", help="The structure after.")],
    json_: JsonOpt = False,
) -> None:
    """Show what differs from structure A to structure B (units, posts, holders)."""
    before, after = load(a), load(b)
    d = diff(before, after)
    if json_:
        emit_json(d.model_dump(mode="json"))
        return
    console = _console()
    for line in diff_lines(d, before, after):
        console.print(Text(line))
