"""The ``demo`` command: the Đầm Hà example end to end, from the files shipped in the repo.

:func:`run_demo` does the work and returns the files it wrote; the command only calls it.
Steps: validate the baseline, apply the 2018-2020 streamlining (saved), apply the 2025
reform to that (saved), print headline metrics before and after, compare the reported
scenario with a planner's alternative, write the article-vs-model figures, and draw the
before, after and diff charts (DOT and Mermaid instead when Graphviz is missing).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer

import orgraph
from orgraph.cli._app import command, say
from orgraph.compare import compare
from orgraph.errors import InvalidOrgError, UnreadableFileError, UsageError
from orgraph.io import load, save, validate_file
from orgraph.io._files import atomic_write
from orgraph.io.scenario import load_scenario
from orgraph.metrics import flatten, metrics
from orgraph.org import Org

__all__ = ["HEADLINE", "NAMES", "demo", "example_dir", "run_demo", "write_charts"]

#: Metrics printed for each state (flattened keys of :func:`orgraph.metrics.metrics`).
HEADLINE: tuple[tuple[str, str], ...] = (
    ("focal points (units)", "focal_points.total"),
    ("  district level", "focal_points.by_level.district"),
    ("  commune level", "focal_points.by_level.commune"),
    ("  village level", "focal_points.by_level.village"),
    ("leadership posts", "posts.leadership"),
    ("people holding 2+ posts", "concurrency.total"),
    ("civil-servant quota", "quota.civil_servants"),
    ("public-employee quota", "quota.public_employees"),
    ("labour contracts", "quota.contracts"),
)

#: The names the results of the two scenarios take (charts and saved files show them).
NAMES: dict[str, str] = {
    "streamlining": "Đầm Hà district (mid-2020)",
    "reform": "Former Đầm Hà district (from 1 July 2025)",
}

#: Chart options: villages folded into a count per commune keeps the charts readable.
CHART_OPTIONS: dict[str, object] = {
    "collapse": ["village"],
    # Offices of a committee and advisory bodies sit beside their parent's line.
    "staff": ["office", "party_office", "advisory_office", "inspection_committee"],
}


def example_dir() -> Path:
    """The Đầm Hà example folder shipped next to the package (``examples/dam_ha``)."""
    return Path(orgraph.__file__).resolve().parent.parent / "examples" / "dam_ha"


def _figures_module(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("dam_ha_figures", folder / "figures.py")
    if spec is None or spec.loader is None:
        raise UnreadableFileError("cannot import the figures script", path=folder / "figures.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(spec.name, None)
        raise
    return module


def _table(states: dict[str, Org]) -> str:
    values = {name: flatten(metrics(org)) for name, org in states.items()}
    width = max(len(label) for label, _ in HEADLINE)
    header = f"{'':{width}}" + "".join(f"{name:>14}" for name in states)
    lines = [header]
    for label, key in HEADLINE:
        cells = "".join(f"{values[name].get(key, 0):>14}" for name in states)
        lines.append(f"{label:{width}}{cells}")
    return "\n".join(lines)


def write_charts(
    out: Path,
    before: Org,
    after: Org,
    reform: Org,
    *,
    formats: tuple[str, ...] | None = None,
    echo: Callable[[str], None] = print,
) -> list[Path]:
    """Before, after and diff charts of the streamlining, and of the 2025 reform.

    ``formats`` defaults to SVG, or DOT and Mermaid when Graphviz ``dot`` is missing.
    """
    from orgraph.render import render

    charts = (
        ("before", before, None),
        ("after-2020", after, None),
        ("diff-2020", after, before),
        ("after-2025", reform, None),
        ("diff-2025", reform, after),
    )
    if formats is None:
        if shutil.which("dot") is None:
            echo(
                "Graphviz 'dot' is not installed: writing DOT and Mermaid sources instead of "
                "SVG (install graphviz, e.g. apt-get install graphviz, for SVG/PNG)."
            )
            formats = ("dot", "mmd")
        else:
            formats = ("svg",)
    written = []
    for name, org, base in charts:
        for suffix in formats:
            path = out / f"{name}.{suffix}"
            render(org, path, before=base, **CHART_OPTIONS)  # type: ignore[arg-type]
            written.append(path)
    return written


def run_demo(out: Path, *, echo: Callable[[str], None] = print) -> list[Path]:
    """Run the Đầm Hà example end to end; write every output into ``out``; return the files.

    Raises :class:`~orgraph.UnreadableFileError` when the example files are not there
    (an installed package without the repository's ``examples`` folder).
    """
    folder = example_dir()
    baseline_file = folder / "org.yaml"
    if not baseline_file.is_file():
        raise UnreadableFileError(
            "the Đầm Hà example is not shipped with this installation "
            "(run from a checkout of the repository)",
            path=folder,
        )
    (out / "charts").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def keep(path: Path) -> Path:
        written.append(path)
        return path

    # 1. validate
    problems = validate_file(baseline_file)
    if problems:
        raise InvalidOrgError(problems)
    base = load(baseline_file)
    echo(f"1. {baseline_file.name}: valid ({len(base.units())} units, as of {base.date})")

    # 2. the 2018-2020 streamlining
    streamlining = load_scenario(folder / "streamlining.yaml")
    after_2020 = orgraph.apply(base, streamlining, name=NAMES["streamlining"])
    save(after_2020, keep(out / "after-2020.yaml"))
    echo(f"2. applied {streamlining.name!r}: {len(streamlining.operations)} operations")

    # 3. the 2025 reform, on the 2020 result
    reform = load_scenario(folder / "reform-2025.yaml")
    after_2025 = orgraph.apply(after_2020, reform, name=NAMES["reform"])
    save(after_2025, keep(out / "after-2025.yaml"))
    new = ", ".join(u.name for u in after_2025.units(level="commune"))
    echo(f"3. applied {reform.name!r}: communes now {new}")

    # 4. metrics before and after
    table = _table({"2018": base, "mid-2020": after_2020, "July 2025": after_2025})
    atomic_write(keep(out / "metrics.txt"), table + "\n")
    echo("4. metrics\n" + table)

    # 5. compare the reported measures with the planner's alternative
    alternative = load_scenario(folder / "alternative.yaml")
    comparison = compare(base, [streamlining, alternative])
    lines = ["5. compare (change against the 2018 baseline)"]
    for label, key in HEADLINE:
        deltas = "".join(f"{s.deltas.get(key, 0):>+14}" for s in comparison.scenarios)
        lines.append(f"   {label:26}{deltas}")
    lines.append("   columns: " + " | ".join(s.name for s in comparison.scenarios))
    atomic_write(keep(out / "compare.txt"), "\n".join(lines[1:]) + "\n")
    echo("\n".join(lines))

    # 6. the article's figures beside the model's
    figures = _figures_module(folder)
    report = figures.report()
    atomic_write(keep(out / "figures.md"), report + "\n")
    echo("6. the article's figures beside orgraph's: figures.md")

    # 7. charts
    charts = write_charts(out / "charts", base, after_2020, after_2025, echo=echo)
    written += charts
    echo(f"7. charts: {', '.join(p.name for p in charts)}")

    echo(f"outputs in {out}:")
    for path in written:
        echo(f"  {path}")
    return written


@command("demo")
def demo(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Folder for the outputs (created if missing)."),
    ] = Path("out/demo"),
) -> None:
    """Run the Đầm Hà example end to end: validate, apply, measure, compare, chart."""
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output}: exists and is not a folder (see 'orgraph demo --help')")
    try:
        (output / "charts").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot create the folder: {exc.strerror}", path=output
        ) from None
    run_demo(output, echo=say)
