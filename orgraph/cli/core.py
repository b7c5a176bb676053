"""Commands that read one structure: validate, units, posts, show, tree, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from orgraph.cli._app import FileArg, command, emit_csv, emit_json, fail, ident, terminal_text
from orgraph.cli._app import console as make_console
from orgraph.cli.planning import LangOpt, Language
from orgraph.errors import ScenarioError, UnknownIdError, UsageError, Violation
from orgraph.history_queries import FactSpell, unit_history
from orgraph.io import load
from orgraph.io._cells import UNIT_COLUMNS, unit_row
from orgraph.io._files import read_document, validation_problems
from orgraph.io.document import OrgDocument, from_document
from orgraph.io.scenario import load_scenario
from orgraph.labels import change_word, label, level_word
from orgraph.model import Unit, date_text
from orgraph.org import Org
from orgraph.scenario import Scenario
from orgraph.schema import json_schemas

__all__ = ["posts", "schema", "show", "tree", "units", "validate"]

CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _format_choice(csv: bool, json_: bool) -> str:
    if csv and json_:
        raise typer.BadParameter("choose one of --csv and --json")
    return "csv" if csv else "json" if json_ else "table"


def _problem_json(problem: Violation) -> dict[str, object]:
    return {"item": problem.item, "code": problem.code, "message": problem.message}


def _structure_problems(file: Path) -> tuple[Org | None, list[Violation]]:
    """A structure file's problems, reading it once (a scenario file is told apart)."""
    data = read_document(file, what="structure or scenario file")
    if "operations" in data and "units" not in data:
        return None, _scenario_problems(file, data)
    try:
        document = OrgDocument.model_validate(data)
    except ValidationError as exc:
        return None, validation_problems(exc, data)
    org, problems = from_document(document)
    return (None if problems else org), problems


def _scenario_problems(file: Path, data: dict[str, object]) -> list[Violation]:
    try:
        Scenario.model_validate(data)
    except ValidationError as exc:
        return validation_problems(exc, data)
    return []


def _against(file: Path, base: Path) -> list[Violation]:
    """Every operation of a scenario checked against a structure, in order; an invalid one
    is skipped (the later ones see the structure without it). Nothing is written."""
    from orgraph.engine import apply

    scenario = load_scenario(file)
    current = load(base)
    problems = []
    for index, operation in enumerate(scenario.operations, start=1):
        try:
            current = apply(current, [operation], effective=scenario.effective)
        except ScenarioError as exc:
            for violation in exc.violations:
                text = " ".join(violation.message.split())
                if violation.ids:
                    text += f" [{', '.join(violation.ids)}]"
                problems.append(
                    Violation(violation.code, text, violation.ids, f"operation {index} ({exc.op})")
                )
    return problems


@command()
def validate(
    file: FileArg,
    json_: JsonOpt = False,
    against: Annotated[
        Path | None,
        typer.Option(
            metavar="ORG", help="For a scenario: check every operation against this structure."
        ),
    ] = None,
) -> None:
    """Check a structure or scenario file; list every problem with its item.

    Exit 0 valid, 1 invalid. A scenario is checked on its own, or with --against ORG
    operation by operation against a structure (nothing is written).
    """
    if against is not None:
        org, problems = None, _against(file, against)
        kind = "scenario"
    else:
        org, problems = _structure_problems(file)
        kind = "structure" if org is not None or problems else "scenario"
    if json_:
        found = [_problem_json(p) for p in problems]
        result: dict[str, object] = {"file": str(file), "valid": not problems, "problems": found}
        if org is not None:
            result["units"] = len(org.units())
        emit_json(result)
        if problems:
            raise fail(f"{file}: {len(problems)} problem(s)")
        return
    if problems:
        for problem in problems:
            typer.echo(f"{file}: {problem}", err=True)
        if len(problems) > 1:
            typer.echo(f"{file}: {len(problems)} problem(s)", err=True)
        raise typer.Exit(1)
    if org is None:
        typer.echo(f"{file}: valid {kind}" + (f" against {against}" if against else ""))
        return
    typer.echo(
        f"{file}: valid ({len(org.units())} active units, {len(org.posts())} posts, "
        f"{len(org.people())} people)"
    )


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
    level, kind = ident(level), ident(kind)
    found = org.units(level=level, kind=kind, include_ended=all_)
    for option, value, field in (("--level", level, "level"), ("--kind", kind, "kind")):
        present = sorted({getattr(u, field) for u in org.units(include_ended=True)})
        if value is not None and value not in present:
            raise UsageError(f"{option} {value!r}: {file} has {field}s {', '.join(present)}")
    if output == "csv":
        emit_csv(UNIT_COLUMNS, (unit_row(u) for u in found))
    elif output == "json":
        emit_json([u.model_dump(mode="json") for u in found])
    else:
        table = Table(title=f"{org.name}: {len(found)} unit(s)")
        for column in ("id", "name", "kind", "level", "parent", "quota"):
            table.add_column(column)
        for u in found:
            table.add_row(
                Text(terminal_text(u.id)),
                Text(terminal_text(u.name) + (f" (ended {_ended(u)})" if u.ended else "")),
                Text(u.kind),
                Text(u.level),
                Text(u.parent or ""),
                Text(str(u.quota.total) if not u.quota.is_empty() else ""),
            )
        make_console().print(table)


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
    unit = ident(unit)
    if unit is not None:
        org.unit(unit)  # an unknown unit is an error, not an empty list
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
            cells = (p.id, p.unit, p.title, p.role, names)
            table.add_row(*(Text(terminal_text(c)) for c in cells))
        make_console().print(table)


def _unit_label(org: Org, unit: Unit, lang: str = "en") -> Text:
    text = Text(terminal_text(unit.name), style="bold")
    text.append(f"  [{terminal_text(unit.id)}]", style="dim")
    head = org.head(unit.id) if unit.ended is None else None
    if head is not None:
        holders = ", ".join(h.name for h in org.holders(head.id)) or label("show.vacant", lang)
        text.append(terminal_text(f"  {head.title}: {holders}"), style="italic")
    if unit.ended is not None:
        text.append(
            "  " + label("show.ended_on", lang, date=date_text(unit.ended, unit.ended_precision)),
            style="red",
        )
    return text


def _unit_json(org: Org, unit: Unit) -> dict[str, object]:
    """A unit with its posts and holders, sub-units, links and lineage, as JSON data."""
    return {
        **unit.model_dump(mode="json"),
        "posts": [
            {**p.model_dump(mode="json"), "holders": [h.id for h in org.holders(p.id)]}
            for p in org.posts(unit.id)
        ],
        "children": [c.id for c in org.children(unit.id)],
        "links": [link.model_dump(mode="json") for link in org.links(unit=unit.id)],
        "lineage": [
            e.model_dump(mode="json")
            for e in org.lineage
            if unit.id in (e.predecessor, e.successor)
        ],
        "history": {
            fact: [_spell_json(s) for s in spells]
            for fact, spells in unit_history(org, unit.id).items()
        },
    }


def _spell_json(spell: FactSpell) -> dict[str, object]:
    return {
        "value": spell.value,
        "from": None if spell.start is None else spell.start.isoformat(),
        "until": None if spell.end is None else spell.end.isoformat(),
        "event": spell.event,
        "change": spell.change,
    }


def _former_lines(org: Org, unit: Unit, words: str = "en") -> list[str]:
    """One line per former name, parent, kind and funding of ``unit``, with its dates."""
    lines = []
    for fact, spells in unit_history(org, unit.id).items():
        for spell in spells[:-1]:
            value = spell.value
            if fact == "parent" and value is not None and org.has_unit(value):
                value = f"{org.unit(value).name} [{value}]"
            shown = label("show.none", words) if value is None else value
            start, end = spell.start or "?", spell.end or "?"
            if fact == "name":
                line = label("show.former_name", words, name=shown, start=start, end=end)
            else:
                fact_word = label("show." + fact, words)
                line = label(
                    "show.former_fact", words, fact=fact_word, value=shown, start=start, end=end
                )
            lines.append(f"  {line}")
    return lines


@command()
def show(
    file: FileArg,
    id: Annotated[str, typer.Argument(metavar="ID", help="A unit id.")],
    json_: JsonOpt = False,
    lang: LangOpt = Language.en,
) -> None:
    """Show a unit with its posts, holders, children, links and lineage."""
    org = load(file)
    id = ident(id) or id
    unit = org.unit(id)
    if json_:
        emit_json(_unit_json(org, unit))
        return
    words = lang.value
    console = make_console()
    console.print(_unit_label(org, unit, words))
    facts = [
        ("kind", unit.kind),
        ("level", level_word(unit.level, words)),
        ("bloc", unit.bloc),
        ("code", unit.code),
        ("parent", f"{org.unit(unit.parent).name} [{unit.parent}]" if unit.parent else None),
        ("functions", ", ".join(sorted(unit.functions)) or None),
        ("quota", _quota_text(unit, words)),
        ("funding", unit.funding),
        ("founded", date_text(unit.founded, unit.founded_precision)),
        ("ended", date_text(unit.ended, unit.ended_precision)),
    ]
    for name, value in facts:
        if value is not None:
            console.print(Text(terminal_text(f"  {label('show.' + name, words)}: {value}")))
    for former in _former_lines(org, unit, words):
        console.print(Text(terminal_text(former)))
    console.print(Text("  " + label("show.posts", words)))
    vacant = f"({label('show.vacant', words)})"
    for post in org.posts(id):
        names = ", ".join(f"{h.name} [{h.id}]" for h in org.holders(post.id)) or vacant
        console.print(Text(terminal_text(f"    {post.title} [{post.id}]: {names}")))
    children = org.children(id)
    if children:
        console.print(Text("  " + label("show.sub_units", words, n=len(children))))
        for child in children:
            console.print(Text(terminal_text(f"    {child.name} [{child.id}]")))
    for link in org.links(unit=id):
        line = label("show.link", words, kind=link.kind, source=link.source, target=link.target)
        console.print(Text(terminal_text(f"  {line}")))
    for edge in org.lineage:
        if id in (edge.predecessor, edge.successor):
            ends = f"{edge.predecessor} -> {edge.successor}"
            change = change_word(edge.change, words)
            line = label(
                "show.lineage",
                words,
                ends=ends,
                change=change,
                date=date_text(edge.effective, edge.effective_precision),
            )
            console.print(Text(terminal_text(f"  {line}")))


def _ended(unit: Unit) -> str | None:
    return date_text(unit.ended, unit.ended_precision)


def _quota_text(unit: Unit, lang: str = "en") -> str | None:
    if unit.quota.is_empty():
        return None
    q = unit.quota
    parts = [
        label(f"quota.{name}", lang, n=value)
        for name, value in (
            ("civil_servants", q.civil_servants),
            ("public_employees", q.public_employees),
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
    json_: JsonOpt = False,
    lang: LangOpt = Language.en,
) -> None:
    """Print the structure as a tree (current units)."""
    org = load(file)
    root = ident(root)
    roots = [org.unit(root)] if root is not None else org.roots()
    if root is not None and org.unit(root).ended is not None:
        raise UnknownIdError(root, expected="active unit")
    if json_:
        emit_json(_tree_json(org, roots, depth))
        return
    words = lang.value
    as_of = label("tree.as_of", words, date=org.date) if org.date else ""
    title = terminal_text(org.name) + as_of
    top = Tree(Text(title, style="bold"))
    # An explicit stack, not recursion: a chain of any depth prints.
    stack: list[tuple[Tree, Unit, int]] = [(top, u, 0) for u in reversed(roots)]
    deepest = 0
    while stack:
        branch, unit, level = stack.pop()
        deepest = max(deepest, level)
        node = branch.add(_unit_label(org, unit, words))
        children = org.children(unit.id)
        if depth is not None and level >= depth:
            if children:
                node.add(Text(label("tree.more", words, n=len(children)), style="dim"))
            continue
        stack.extend((node, child, level + 1) for child in reversed(children))
    # rich draws a tree with a stack, not recursion; piped, each line is as wide as it needs.
    make_console(width=250 + 4 * deepest).print(top)


def _tree_json(org: Org, roots: list[Unit], depth: int | None) -> list[dict[str, object]]:
    """The units in the order the tree shows them, each with its parent and depth (flat,
    so a chain of any depth stays shallow JSON)."""
    result: list[dict[str, object]] = []
    stack: list[tuple[Unit, int]] = [(u, 0) for u in roots[::-1]]
    while stack:
        unit, level = stack.pop()
        result.append(
            {"id": unit.id, "name": unit.name, "level": unit.level}
            | {"parent": unit.parent, "depth": level}
        )
        if depth is None or level < depth:
            stack.extend((c, level + 1) for c in org.children(unit.id)[::-1])
    return result


@command()
def schema(
    scenario: Annotated[bool, typer.Option("--scenario", help="The scenario file schema.")] = False,
) -> None:
    """Print the JSON Schema of the structure file format (or of scenario files)."""
    emit_json(json_schemas()["scenario.schema.json" if scenario else "org.schema.json"])
