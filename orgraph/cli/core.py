"""Commands that read one structure: validate, units, posts, show, tree, schema."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from orgraph.cli._app import FileArg, command, emit_csv, emit_json
from orgraph.errors import UnknownIdError
from orgraph.history_queries import name_history
from orgraph.io import load, validate_file
from orgraph.io._files import atomic_write
from orgraph.model import Unit
from orgraph.org import Org
from orgraph.schema import SCHEMA_DIR, json_schemas

__all__ = ["posts", "schema", "show", "tree", "units", "validate"]

CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _console() -> Console:
    # Piped output is not cut to 80 columns: names are long and must stay whole.
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=250)
    return console


def _format_choice(csv: bool, json_: bool) -> str:
    if csv and json_:
        raise typer.BadParameter("choose one of --csv and --json")
    return "csv" if csv else "json" if json_ else "table"


@command()
def validate(file: FileArg) -> None:
    """Check a structure file; list every problem with its item. Exit 0 valid, 1 invalid."""
    problems = validate_file(file)
    if not problems:
        org = load(file)
        typer.echo(
            f"{file}: valid ({len(org.units())} active units, {len(org.posts())} posts, "
            f"{len(org.people())} people)"
        )
        return
    for problem in problems:
        typer.echo(f"{file}: {problem}", err=True)
    typer.echo(f"{file}: {len(problems)} problem(s)", err=True)
    raise typer.Exit(1)


_UNIT_COLUMNS = (
    "id",
    "name",
    "kind",
    "level",
    "bloc",
    "parent_id",
    "code",
    "civil_servants",
    "public_employees",
    "contracts",
    "funding",
    "functions",
    "founded",
    "ended",
)


def _unit_row(unit: Unit) -> list[object]:
    return [
        unit.id,
        unit.name,
        unit.kind,
        unit.level,
        unit.bloc,
        unit.parent,
        unit.code,
        unit.quota.civil_servants,
        unit.quota.public_employees,
        unit.quota.contracts,
        unit.funding,
        " ".join(sorted(unit.functions)),
        unit.founded,
        unit.ended,
    ]


@command()
def units(
    file: FileArg,
    csv: CsvOpt = False,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    level: Annotated[str | None, typer.Option(help="Only units of this level.")] = None,
    kind: Annotated[str | None, typer.Option(help="Only units of this kind.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include ended units.")] = False,
) -> None:
    """List units (active ones unless --all)."""
    output = _format_choice(csv, json_)
    org = load(file)
    found = org.units(level=level, kind=kind, include_ended=all_)
    if output == "csv":
        emit_csv(_UNIT_COLUMNS, (_unit_row(u) for u in found))
    elif output == "json":
        emit_json([u.model_dump(mode="json") for u in found])
    else:
        table = Table(title=f"{org.name}: {len(found)} unit(s)")
        for column in ("id", "name", "kind", "level", "parent", "quota"):
            table.add_column(column)
        for u in found:
            table.add_row(
                Text(u.id),
                Text(u.name + (f" (ended {u.ended})" if u.ended else "")),
                Text(u.kind),
                Text(u.level),
                Text(u.parent or ""),
                Text(str(u.quota.total) if not u.quota.is_empty() else ""),
            )
        _console().print(table)


@command()
def posts(
    file: FileArg,
    csv: CsvOpt = False,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    unit: Annotated[str | None, typer.Option(help="Only the posts of this unit.")] = None,
) -> None:
    """List current posts with their holders."""
    output = _format_choice(csv, json_)
    org = load(file)
    found = org.posts(unit)
    rows = [
        [p.id, p.unit, p.title, p.role, p.leadership, " ".join(h.id for h in org.holders(p.id))]
        for p in found
    ]
    if output == "csv":
        emit_csv(("id", "unit_id", "title", "role", "leadership", "holder_ids"), rows)
    elif output == "json":
        emit_json(
            [
                {**p.model_dump(mode="json"), "holders": [h.id for h in org.holders(p.id)]}
                for p in found
            ]
        )
    else:
        table = Table(title=f"{org.name}: {len(found)} post(s)")
        for column in ("id", "unit", "title", "role", "holders"):
            table.add_column(column)
        for p in found:
            names = ", ".join(h.name for h in org.holders(p.id)) or "(vacant)"
            table.add_row(Text(p.id), Text(p.unit), Text(p.title), Text(p.role), Text(names))
        _console().print(table)


def _unit_label(org: Org, unit: Unit) -> Text:
    label = Text(unit.name, style="bold")
    label.append(f"  [{unit.id}]", style="dim")
    head = org.head(unit.id) if unit.ended is None else None
    if head is not None:
        holders = ", ".join(h.name for h in org.holders(head.id)) or "vacant"
        label.append(f"  {head.title}: {holders}", style="italic")
    if unit.ended is not None:
        label.append(f"  (ended {unit.ended})", style="red")
    return label


@command()
def show(
    file: FileArg, id: Annotated[str, typer.Argument(metavar="ID", help="A unit id.")]
) -> None:
    """Show a unit with its posts, holders, children, links and lineage."""
    org = load(file)
    unit = org.unit(id)
    console = _console()
    console.print(_unit_label(org, unit))
    facts = [
        ("kind", unit.kind),
        ("level", unit.level),
        ("bloc", unit.bloc),
        ("code", unit.code),
        ("parent", f"{org.unit(unit.parent).name} [{unit.parent}]" if unit.parent else None),
        ("functions", ", ".join(sorted(unit.functions)) or None),
        ("quota", _quota_text(unit)),
        ("funding", unit.funding),
        ("founded", unit.founded),
        ("ended", unit.ended),
    ]
    for name, value in facts:
        if value is not None:
            console.print(Text(f"  {name}: {value}"))
    for spell in name_history(org, id)[:-1]:
        console.print(
            Text(f"  former name: {spell.name} ({spell.start or '?'} to {spell.end or '?'})")
        )
    for heading, records in (
        ("posts", [(p.id, p.title, org.holders(p.id)) for p in org.posts(id)]),
    ):
        console.print(Text(f"  {heading}:"))
        for post_id, title, holders in records:
            names = ", ".join(f"{h.name} [{h.id}]" for h in holders) or "(vacant)"
            console.print(Text(f"    {title} [{post_id}]: {names}"))
    children = org.children(id)
    if children:
        console.print(Text(f"  sub-units ({len(children)}):"))
        for child in children:
            console.print(Text(f"    {child.name} [{child.id}]"))
    for link in org.links(unit=id):
        console.print(Text(f"  link {link.kind}: {link.source} -> {link.target}"))
    for edge in org.lineage:
        if id in (edge.predecessor, edge.successor):
            console.print(
                Text(
                    f"  lineage: {edge.predecessor} -> {edge.successor} "
                    f"({edge.change}, {edge.effective})"
                )
            )


def _quota_text(unit: Unit) -> str | None:
    if unit.quota.is_empty():
        return None
    q = unit.quota
    parts = [
        f"{label} {value}"
        for label, value in (
            ("civil servants", q.civil_servants),
            ("public employees", q.public_employees),
            ("contracts", q.contracts),
        )
        if value is not None
    ]
    return ", ".join(parts)


@command()
def tree(
    file: FileArg,
    root: Annotated[str | None, typer.Option(help="Start at this unit.")] = None,
    depth: Annotated[int | None, typer.Option(min=0, help="Levels below the root to show.")] = None,
) -> None:
    """Print the structure as a tree (current units)."""
    org = load(file)
    roots = [org.unit(root)] if root is not None else org.roots()
    if root is not None and org.unit(root).ended is not None:
        raise UnknownIdError(root, expected="active unit")
    console = _console()
    top = Tree(Text(f"{org.name}" + (f" (as of {org.date})" if org.date else ""), style="bold"))
    for unit in roots:
        _grow(org, top, unit, depth)
    console.print(top)


def _grow(org: Org, branch: Tree, unit: Unit, depth: int | None) -> None:
    node = branch.add(_unit_label(org, unit))
    if depth is not None and depth <= 0:
        hidden = len(org.children(unit.id))
        if hidden:
            node.add(Text(f"... {hidden} sub-unit(s)", style="dim"))
        return
    for child in org.children(unit.id):
        _grow(org, node, child, None if depth is None else depth - 1)


@command()
def schema(
    scenario: Annotated[bool, typer.Option("--scenario", help="The scenario file schema.")] = False,
    write: Annotated[
        bool, typer.Option("--write", help=f"Rewrite the shipped schema files in {SCHEMA_DIR}.")
    ] = False,
) -> None:
    """Print the JSON Schema of the structure file format (or of scenario files)."""
    schemas = json_schemas()
    if write:
        for name, document in schemas.items():
            atomic_write(
                SCHEMA_DIR / name, json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            )
            typer.echo(f"wrote {SCHEMA_DIR / name}")
        return
    emit_json(schemas["scenario.schema.json" if scenario else "org.schema.json"])
