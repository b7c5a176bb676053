"""The simple things on a chain of units 20,000 deep: load, check, metrics, tree, lineage.

A chain is the worst shape for anything that recurses or walks to the root from every
unit (quadratic in depth). Each figure should stay within a small multiple of loading the
file; none may hit a recursion limit.

Run: ``python benchmarks/deep_chain.py [--depth 20000]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from typer.testing import CliRunner

import orgraph
from orgraph.cli import app
from orgraph.metrics import metrics


def _chain(depth: int) -> orgraph.Org:
    units = [
        orgraph.Unit(
            id=f"u{i}",
            name=f"Unit {i}",
            kind="office",
            level="district",
            parent=f"u{i - 1}" if i else None,
        )
        for i in range(depth)
    ]
    return orgraph.Org.create(name="chain", units=units)


def _timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--depth", type=int, default=20_000)
    depth = parser.parse_args().depth
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chain.json"
        orgraph.save(_chain(depth), path)
        rows = []
        load_s, org = _timed(orgraph.load, path)
        rows.append(("load", load_s))
        rows.append(("check()", _timed(org.check)[0]))
        rows.append(("metrics()", _timed(metrics, org)[0]))
        for args in (["tree", str(path), "--json"], ["metrics", str(path), "--json"]):
            with contextlib.redirect_stdout(io.StringIO()):
                seconds, result = _timed(runner.invoke, app, args)
            assert result.exit_code == 0, result.output[-300:]
            rows.append((f"orgraph {args[0]} --json (with load)", seconds))
    print(f"| chain {depth:,} deep | seconds | x load |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / load_s:.1f}x |")


if __name__ == "__main__":
    main()
