"""The ``render`` command: org charts as SVG, PNG, PDF, DOT or Mermaid, or the HTML viewer."""

from __future__ import annotations

import warnings
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orgraph.cli._app import (
    FileArg,
    InPlaceOpt,
    check_output,
    command,
    fail,
    ident,
    progress,
    say,
)
from orgraph.cli.planning import LangOpt, Language, scenario_error_line
from orgraph.errors import ScenarioError, UsageError
from orgraph.io import load
from orgraph.io._files import atomic_write
from orgraph.io.scenario import load_scenario
from orgraph.render import ChartWarning, format_of, render_bytes
from orgraph.render.options import page_size

__all__ = ["render"]


class ChartFormat(StrEnum):
    """The chart formats ``render`` writes."""

    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    mmd = "mmd"
    html = "html"


class Direction(StrEnum):
    TB = "TB"
    LR = "LR"


@command("render")
def render(
    org: FileArg,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="Chart file: .svg, .png, .pdf, .dot, .mmd (Mermaid) or .html (the viewer).",
        ),
    ],
    format: Annotated[
        ChartFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="The chart format (default: from -o's suffix; html is the viewer).",
        ),
    ] = None,
    root: Annotated[str | None, typer.Option(help="Start from this unit id.")] = None,
    depth: Annotated[int | None, typer.Option(min=0, help="Levels below the root to draw.")] = None,
    posts: Annotated[bool, typer.Option("--posts", help="List each unit's posts.")] = False,
    people: Annotated[bool, typer.Option("--people", help="Name the post holders.")] = False,
    quota: Annotated[bool, typer.Option("--quota", help="Add a staff-quota row.")] = False,
    blocs: Annotated[bool, typer.Option("--blocs", help="One cluster per bloc.")] = False,
    direction: Annotated[
        Direction, typer.Option(case_sensitive=False, help="TB (top-down) or LR.")
    ] = Direction.TB,
    title: Annotated[str | None, typer.Option(help="Chart title (default: the name).")] = None,
    collapse: Annotated[
        list[str] | None,
        typer.Option(
            help="Fold units of this level or kind, or from this depth (a number), into a "
            "count per parent (repeatable)."
        ),
    ] = None,
    no_links: Annotated[
        bool, typer.Option("--no-links", help="Leave out links between units.")
    ] = False,
    no_stack: Annotated[
        bool, typer.Option("--no-stack", help="One box per leaf unit instead of lists.")
    ] = False,
    page: Annotated[
        str | None,
        typer.Option(
            help="Fit a sheet, A4 to A0 (rows and columns chosen for text of 6 pt or more)."
        ),
    ] = None,
    landscape: Annotated[
        bool | None,
        typer.Option("--landscape/--portrait", help="Sheet orientation (default landscape)."),
    ] = None,
    pages: Annotated[
        bool,
        typer.Option("--pages", help="A multi-page PDF: an overview, then a page per subtree."),
    ] = False,
    staff: Annotated[
        list[str] | None,
        typer.Option(help="Unit kind drawn beside its parent's line (repeatable)."),
    ] = None,
    align: Annotated[
        bool, typer.Option("--align", help="Line up the levels across branches, with bands.")
    ] = False,
    max_list: Annotated[
        int, typer.Option(min=2, help="Longest list of leaf units before '+N more'.")
    ] = 100,
    scenario: Annotated[
        Path | None,
        typer.Option(help="Apply this scenario and draw a before/after (diff) chart."),
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=1, max=86_400, help="Seconds Graphviz may run (at most a day).")
    ] = 60.0,
    history: Annotated[
        bool, typer.Option("--history", help="HTML viewer: add a timeline over the history.")
    ] = False,
    lang: LangOpt = Language.en,
    in_place: InPlaceOpt = False,
) -> None:
    """Draw an org chart (a before/after chart with --scenario); .html writes the viewer."""
    if _is_html(output, format.value if format else None):
        check_output(output, org, scenario, in_place=in_place)
        _viewer(
            org,
            output,
            scenario=scenario,
            history=history,
            depth=depth,
            root=root,
            title=title,
            lang=lang.value,
        )
        return
    if history:
        raise fail("--history needs an HTML output (-o chart.html)", code=2)
    try:
        kind = format_of(str(output), format.value if format else None)
        if format is not None and "." in output.name:
            try:
                named: str | None = format_of(str(output))
            except ValueError:
                named = None  # an unknown suffix: the format says what it is
            if named is not None and named != kind:
                raise ValueError(f"-o {output} names a .{named} file but --format is {kind}")
        if landscape is not None:
            page = f"{(page or 'A4').split('-')[0]}-{'landscape' if landscape else 'portrait'}"
        if page is not None:
            page_size(page)
        if pages and kind != "pdf":
            raise ValueError("--pages writes a PDF: use a .pdf output")
    except ValueError as exc:
        raise fail(f"{exc} (see 'orgraph render --help')", code=2) from None
    check_output(output, org, scenario, in_place=in_place)
    structure = load(org)
    root = ident(root)
    levels = sorted({u.level for u in structure.units(include_ended=True)})
    kinds = {u.kind for u in structure.units(include_ended=True)}
    for level in collapse or []:
        # A level or kind code folds those units; a number folds from that depth.
        if level not in levels and level not in kinds and not level.isdigit():
            raise UsageError(
                f"--collapse {level!r}: {org} has levels {', '.join(levels)} "
                "(or give a kind, or a depth)"
            )
    before = None
    if scenario is not None:
        from orgraph.engine import apply

        plan = load_scenario(scenario)
        try:
            before, structure = structure, apply(structure, plan)
        except ScenarioError as exc:
            raise fail(scenario_error_line(scenario, exc), code=exc.exit_code) from None
        # The structure's name describes the baseline: a before/after chart is the plan's.
        title = plan.name if title is None else title
    options = {
        "root": root,
        "depth": depth,
        "posts": posts,
        "people": people,
        "quota": quota,
        "blocs": blocs,
        "direction": direction.value,
        "title": title,
        "collapse": collapse or None,
        "links": not no_links,
        "stack": not no_stack,
        "page": page,
        "staff": staff or None,
        "align": align,
        "max_list": max_list,
        "lang": lang.value,
    }
    if pages:
        from orgraph.render import render_pages

        with progress("drawing the pages"), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ChartWarning)
            render_pages(structure, output, before=before, timeout=timeout, **options)  # type: ignore[arg-type]
        _warnings(caught)
        say(f"wrote {output} (pdf, pages)")
        return
    with progress("drawing the chart"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ChartWarning)
        data = render_bytes(structure, kind, before=before, timeout=timeout, **options)  # type: ignore[arg-type]
    _warnings(caught)
    atomic_write(output, data)
    say(f"wrote {output} ({kind}{', before/after' if before is not None else ''})")


def _warnings(caught: list[warnings.WarningMessage]) -> None:
    for warning in caught:
        if isinstance(warning.message, ChartWarning):
            better = ChartWarning(
                warning.message.problems, advice="--depth N, --root ID or --collapse LEVEL"
            )
            typer.echo(f"orgraph: warning: {better}", err=True)


def _is_html(output: Path, format: str | None) -> bool:
    if format is not None:
        return format.lower().lstrip(".") in ("html", "htm")
    return output.suffix.lower() in (".html", ".htm")


def _viewer(
    org: Path,
    output: Path,
    *,
    scenario: Path | None,
    history: bool,
    depth: int | None,
    root: str | None,
    title: str | None,
    lang: str,
) -> None:
    from orgraph.render.html import viewer_html

    structure = load(org)
    before = None
    if scenario is not None:
        from orgraph.engine import apply

        before, structure = structure, apply(structure, load_scenario(scenario))
    try:
        text = viewer_html(
            structure,
            before=before,
            history=history,
            depth=depth,
            root=root,
            title=title,
            lang=lang,
        )
    except ValueError as exc:
        raise fail(f"{org}: {exc}") from None
    atomic_write(output, text.encode("utf-8"))
    extra = ", before/after" if before is not None else ""
    extra += ", timeline" if history else ""
    say(f"wrote {output} (html viewer{extra})")
