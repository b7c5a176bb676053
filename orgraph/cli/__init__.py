"""The ``orgraph`` command line: one typer app, commands in small modules."""

from __future__ import annotations

import sys

# Importing a command module registers its commands on the app.
from orgraph.cli import charts, core, data, datasets, demo, planning, plans  # noqa: F401
from orgraph.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``orgraph`` command."""
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    app()
