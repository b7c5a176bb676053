"""``orgraph dataset``: write a real-world structure or scenario shipped as data."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orgraph.cli._app import command, progress, say
from orgraph.io import save
from orgraph.io._files import file_format
from orgraph.io.scenario import save_scenario

__all__ = ["dataset"]


class DatasetName(StrEnum):
    """The datasets orgraph can write."""

    vn_2024 = "vn-2024"
    vn_2025 = "vn-2025"
    vn_2025_reform = "vn-2025-reform"
    uk_govuk = "uk-govuk"


@command()
def dataset(
    name: Annotated[DatasetName, typer.Argument(metavar="NAME", help="Which dataset to write.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (.json/.yaml).")],
) -> None:
    """Write a dataset: Vietnam's units in 2024 or 2025, the 2025 reform as a scenario, or
    the UK's public bodies as GOV.UK lists them, with their closures as history.

    The Vietnam datasets need the 'vn' extra (pip install 'orgraph[vn]'). uk-govuk
    contains public sector information licensed under the Open Government Licence v3.0.
    """
    file_format(output)  # a bad suffix fails before the slow build
    if name is DatasetName.uk_govuk:
        from orgraph.datasets import uk_govuk

        org = uk_govuk.organisations()
        save(org, output)
        typer.echo(
            f"wrote {output}: {org.name}, {len(org.units(include_ended=True))} units, "
            f"{len(org.history)} events"
        )
        typer.echo(uk_govuk.ATTRIBUTION)
        return
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
