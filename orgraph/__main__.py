"""``python -m orgraph``: the ``orgraph`` command."""

from __future__ import annotations

__all__: list[str] = []

if __name__ == "__main__":
    from orgraph.cli import main

    try:
        main()
    except KeyboardInterrupt:  # before the command's own handling starts
        import sys

        sys.stderr.write("orgraph: error: interrupted\n")
        raise SystemExit(130) from None
