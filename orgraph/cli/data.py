"""Commands that move structures in and out of other tools: import and export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from orgraph.cli._app import FileArg, command
from orgraph.io import load, save
from orgraph.io.interchange import FORMATS, export, guess_format, import_, normal_format

__all__ = ["export_cmd", "import_cmd", "parse_mapping"]

FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help=f"One of {', '.join(FORMATS)}; default: from the suffix (a folder is CSV).",
    ),
]
MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="COLUMN=HEADER,...",
        help="Spreadsheet column names, e.g. 'id=Mã,name=Tên đơn vị,parent_id=Trực thuộc' "
        "(a 'posts.' prefix limits a name to one sheet; 'units=Đơn vị' renames a sheet). "
        "Repeatable.",
    ),
]


def parse_mapping(values: list[str] | None) -> dict[str, str]:
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
                raise typer.BadParameter(
                    f"{entry.strip()!r} is not COLUMN=HEADER", param_hint="--map"
                )
            mapping[column.strip()] = header.strip()
    return mapping


def _options(kind: str, mapping: dict[str, str]) -> dict[str, object]:
    if not mapping:
        return {}
    if kind not in ("csv", "xlsx"):
        raise typer.BadParameter("--map applies to CSV and XLSX only", param_hint="--map")
    return {"mapping": mapping}


def _kind(path: Path, format: str | None) -> str:
    if format is None:
        return guess_format(path)
    try:
        return normal_format(format)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None


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
    name: Annotated[str | None, typer.Option(help="Name the structure.")] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="CSV only: the files' encoding if not UTF-8 (e.g. cp1258)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="history only: data defects are errors.")
    ] = False,
) -> None:
    """Read a structure from another tool's file and save it as a structure file.

    With -f history, FILE is a mapping file naming change tables (see "Histories from
    tables"); with -f govuk, the GOV.UK organisations API's JSON.
    """
    kind = _kind(file, format)
    if output.suffix.lower() not in (".json", ".yaml", ".yml"):
        raise typer.BadParameter("must end in .yaml, .yml or .json", param_hint="--output")
    options = _options(kind, parse_mapping(map))
    if name is not None:
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
        org = import_(file, format=kind, **options)
    except ValueError as exc:
        if type(exc) is ValueError:  # a bad mapping or encoding; OrgraphErrors pass through
            raise typer.BadParameter(str(exc)) from None
        raise
    save(org, output)
    typer.echo(
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
) -> None:
    """Write a structure in another tool's format (CSV, XLSX, GraphML, Turtle, JSON-LD, Popolo)."""
    kind = _kind(output, format)
    options = _options(kind, parse_mapping(map))
    if base is not None:
        if kind not in ("turtle", "json-ld"):
            raise typer.BadParameter("--base applies to Turtle and JSON-LD only")
        options["base"] = base
    org = load(file)
    try:
        export(org, output, format=kind, **options)
    except ValueError as exc:
        if type(exc) is ValueError:
            raise typer.BadParameter(str(exc), param_hint="--map") from None
        raise
    only = " units only" if kind == "csv" and output.suffix.lower() == ".csv" else ""
    typer.echo(f"wrote {output} ({kind}{only})")
