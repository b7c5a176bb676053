"""The ``orgraph`` command's entry point, outside the package on purpose.

Starting the command imports orgraph and its dependencies (pydantic, networkx, rich),
which takes a second or two. A console script inside the package could not catch a Ctrl-C
during that time: the package is imported before any of its code can run. This module
imports nothing until :func:`main` runs, so an interrupt at any moment of start-up ends
as every other interrupt does, with one line and exit code 130, never a traceback.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def _interrupted() -> None:
    try:
        sys.stderr.write("orgraph: error: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed: the exit code still says it
        pass
    raise SystemExit(130)


def main() -> None:
    """Run the ``orgraph`` command (what ``python -m orgraph`` runs too)."""
    try:
        from orgraph.cli import main as run
    except KeyboardInterrupt:
        _interrupted()
    try:
        run()
    except KeyboardInterrupt:  # before or after the command's own handling
        _interrupted()


if __name__ == "__main__":
    main()
