"""``orgraph dataset``: write a real-world structure or scenario shipped as data."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orgraph.cli._app import command, progress, say
from orgraph.io import save
from orgraph.io._files import file_format
from orgraph.scenario import save_scenario

__all__ = ["dataset"]


class DatasetName(StrEnum):
    """The datasets orgraph can write."""

    vn_2024 = "vn-2024"
    vn_2025 = "vn-2025"
    vn_2025_reform = "vn-2025-reform"


@command()
def dataset(
    name: Annotated[DatasetName, typer.Argument(metavar="NAME", help="Which dataset to write.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (.json/.yaml).")],
) -> None:
    """Write a dataset: Vietnam's units in 2024 or 2025, or the 2025 reform as a scenario.

    Needs the 'vn' extra (pip install 'orgraph[vn]').
    """
    file_format(output)  # a bad suffix fails before the slow build
    from orgraph.datasets import vietnam

    if name is DatasetName.vn_2025_reform:
        with progress(f"building {name.value}"):
            scenario = vietnam.reform_2025()
            save_scenario(scenario, output)
        say(f"wrote {output}: scenario '{scenario.name}', {len(scenario.operations)} operations")
        return
    with progress(f"building {name.value}"):
        build = (
            vietnam.admin_units_2024 if name is DatasetName.vn_2024 else vietnam.admin_units_2025
        )
        org = build()
        save(org, output)
    say(f"wrote {output}: {org.name}, {len(org.units())} units")
