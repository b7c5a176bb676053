"""Commands that move structures in and out of other tools: import and export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orgraph.cli._app import FileArg, InPlaceOpt, check_output, command, fail, progress, say
from orgraph.errors import OrgraphError
from orgraph.io import load, save
from orgraph.io.interchange import FORMATS, export, guess_format, import_, normal_format

__all__ = ["export_cmd", "import_cmd", "parse_mapping"]

Format = StrEnum("Format", {name.replace("-", "_"): name for name in FORMATS})  # type: ignore[misc]
"""The interchange formats, as a list of choices for --format."""

FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "-f", help="Default: from the suffix (a folder is CSV)."),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="FIELD=VALUE",
        help="A value for a field the file leaves empty or lacks, e.g. 'kind=office' "
        "(a 'posts.' prefix limits it to one sheet). Repeatable.",
    ),
]
MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="COLUMN=HEADER,...",
        help="Spreadsheet column names, e.g. 'id=Mã,name=Tên đơn vị,parent_id=Trực thuộc' "
        "(a 'posts.' prefix limits a name to one sheet; 'units=Đơn vị' renames a sheet); "
        "for another tool's GraphML, the node attributes (id, name, kind, level, parent) "
        "and 'edges=child->parent'. Repeatable.",
    ),
]


def parse_mapping(values: list[str] | None, *, option: str = "--map") -> dict[str, str]:
    """``["id=Mã,name=Tên"]`` -> ``{"id": "Mã", "name": "Tên"}``.

    Examples
    --------
    >>> parse_mapping(["id=Mã, name=Tên đơn vị", "posts.title=Chức danh"])
    {'id': 'Mã', 'name': 'Tên đơn vị', 'posts.title': 'Chức danh'}
    """
    mapping: dict[str, str] = {}
    for value in values or []:
        for entry in value.split(","):
            if not entry.strip():
                continue
            column, sep, header = entry.partition("=")
            if not sep or not column.strip() or not header.strip():
                shape = "COLUMN=HEADER" if option == "--map" else "FIELD=VALUE"
                raise typer.BadParameter(f"{entry.strip()!r} is not {shape}", param_hint=option)
            mapping[column.strip()] = header.strip()
    return mapping


def _options(
    kind: str, mapping: dict[str, str], *, reading: bool, fixed: dict[str, str] | None = None
) -> dict[str, object]:
    options: dict[str, object] = {}
    allowed = ("csv", "xlsx", "graphml") if reading else ("csv", "xlsx")
    if mapping:
        if kind not in allowed:
            where = "CSV, XLSX and GraphML" if reading else "CSV and XLSX"
            raise typer.BadParameter(f"--map applies to {where} only", param_hint="--map")
        options["mapping"] = mapping
    if fixed:
        if kind not in ("csv", "xlsx", "graphml"):
            raise typer.BadParameter("applies to CSV, XLSX and GraphML only", param_hint="--set")
        options["fixed"] = fixed
    return options


def _kind(path: Path, format: Format | None) -> str:
    return guess_format(path) if format is None else normal_format(format.value)


@command("import")
def import_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A CSV folder or file, .xlsx, .graphml, .ttl, .jsonld or .popolo.json file.",
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The structure file to write (.yaml, .json).")
    ],
    format: FormatOpt = None,
    map: MapOpt = None,
    set_: SetOpt = None,
    name: Annotated[str | None, typer.Option(help="Name the structure.")] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="CSV only: the files' encoding if not UTF-8 (e.g. cp1258)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="history only: data defects are errors.")
    ] = False,
    in_place: InPlaceOpt = False,
) -> None:
    """Read a structure from another tool's file and save it as a structure file.

    With -f history, FILE is a mapping file naming change tables (see "Histories from
    tables"); with -f govuk, the GOV.UK organisations API's JSON.
    """
    kind = _kind(file, format)
    if output.suffix.lower() not in (".json", ".yaml", ".yml"):
        raise typer.BadParameter("must end in .yaml, .yml or .json", param_hint="--output")
    check_output(output, file, in_place=in_place)
    fixed = parse_mapping(set_, option="--set")
    options = _options(kind, parse_mapping(map), reading=True, fixed=fixed)
    if name is not None:
        if not name.strip():
            raise fail("--name must not be empty (see 'orgraph import --help')", code=2)
        options["name"] = name
    if encoding is not None:
        if kind != "csv":
            raise typer.BadParameter("applies to CSV only", param_hint="--encoding")
        options["encoding"] = encoding
    if strict:
        if kind != "history":
            raise typer.BadParameter("applies to -f history only", param_hint="--strict")
        options["strict"] = True
    try:
        with progress(f"reading {file}"):
            org = import_(file, format=kind, **options)
    except ValueError as exc:
        if not isinstance(exc, OrgraphError):  # a bad mapping or encoding; ours pass through
            raise typer.BadParameter(str(exc)) from None
        raise
    save(org, output)
    say(
        f"wrote {output} ({len(org.units(include_ended=True))} units, "
        f"{len(org.posts(include_ended=True))} posts, {len(org.people())} people)"
    )


@command("export")
def export_cmd(
    file: FileArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The file (or CSV folder) to write; its suffix chooses the format.",
        ),
    ],
    format: FormatOpt = None,
    map: MapOpt = None,
    base: Annotated[
        str | None, typer.Option(help="RDF only: the prefix of the IRIs minted for records.")
    ] = None,
    in_place: InPlaceOpt = False,
) -> None:
    """Write a structure in another tool's format (CSV, XLSX, GraphML, Turtle, JSON-LD, Popolo)."""
    kind = _kind(output, format)
    check_output(output, file, in_place=in_place)
    options = _options(kind, parse_mapping(map), reading=False)
    if base is not None:
        if kind not in ("turtle", "json-ld"):
            raise typer.BadParameter("--base applies to Turtle and JSON-LD only")
        options["base"] = base
    org = load(file)
    try:
        with progress(f"writing {output}"):
            export(org, output, format=kind, **options)
    except ValueError as exc:
        if not isinstance(exc, OrgraphError):
            raise typer.BadParameter(str(exc), param_hint="--map") from None
        raise
    only = " units only" if kind == "csv" and output.suffix.lower() == ".csv" else ""
    say(f"wrote {output} ({kind}{only})")
