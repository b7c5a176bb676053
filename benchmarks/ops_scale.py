"""Per-operation cost of ``orgraph.apply`` as the structure grows (10k, 100k, 1M units).

The same 10,000 operations (rename, set_quota, change_funding, establish, create_post +
appoint, absorb, reparent, merge) are applied to structures of growing size. ``apply``
copies the structure once (so that the input never changes) and then applies each
operation in time proportional to what it touches; the table separates the two. The
same changes done by hand on a bare networkx graph give the ratio.

The cost must not grow with the history either: the last columns give the cost per
operation over the first and the last tenth of the run, when the history holds few
events and when it holds nearly all of them (a check that scans the history on every
operation shows there as a last tenth many times dearer than the first).

Run: ``python benchmarks/ops_scale.py [--sizes 10000,100000,1000000] [--ops 10000]``.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from _synthetic import synthetic_org

import orgraph
from orgraph.engine import apply_one


def make_operations(org: orgraph.Org, count: int, *, seed: int = 7) -> list[dict[str, Any]]:
    """``count`` operations valid in sequence, each touching a few leaf units."""
    rng = random.Random(seed)
    leaves = [u.id for u in org.units() if not org.children(u.id) and u.parent]
    rng.shuffle(leaves)
    parents = sorted({org.unit(u).parent for u in leaves})
    # Half the leaves are touched in place; the other half, grouped by parent, are
    # consumed by absorb and merge.
    stable, spare = leaves[::2], leaves[1::2]
    by_parent: dict[str, list[str]] = {}
    for unit in spare:
        by_parent.setdefault(org.unit(unit).parent, []).append(unit)
    pairs = [group for group in by_parent.values() if len(group) >= 2]
    ops: list[dict[str, Any]] = []
    cursor = 0

    def leaf() -> str:
        nonlocal cursor
        cursor += 1
        return stable[cursor % len(stable)]

    k = 0
    while len(ops) < count:
        kind = k % 8
        k += 1
        if kind == 0:
            ops.append({"op": "rename", "unit": leaf(), "name": f"Tên mới {k}"})
        elif kind == 1:
            ops.append({"op": "set_quota", "unit": leaf(), "civil_servants": k % 5})
        elif kind == 2:
            ops.append({"op": "change_funding", "unit": leaf(), "funding": "partial"})
        elif kind == 3:
            parent = rng.choice(parents)
            unit = {"id": f"new{k}", "name": f"Mới {k}", "kind": "x", "level": "x"}
            ops.append({"op": "establish", "unit": {**unit, "parent": parent}})
        elif kind == 4:
            post = {"id": f"post{k}", "unit": leaf(), "title": "T", "role": "deputy"}
            ops.append({"op": "create_post", "post": post})
            person = {"id": f"person{k}", "name": "Người"}
            ops.append({"op": "appoint", "person": person, "post": f"post{k}"})
        elif kind in (5, 7):
            pairs = [group for group in pairs if len(group) >= 2]
            if not pairs:
                continue
            group = pairs[k % len(pairs)]
            source, other = group.pop(), group.pop()
            if kind == 5:
                ops.append({"op": "absorb", "sources": [source], "into": other})
                group.append(other)
            else:
                into = {"id": f"m{k}", "name": "Hợp nhất"}
                ops.append({"op": "merge", "sources": [source, other], "into": into})
                group.append(f"m{k}")
        else:
            ops.append({"op": "reparent", "unit": leaf(), "parent": rng.choice(parents)})
    return ops[:count]


def bare_replay(graph: nx.MultiDiGraph, ops: list[dict[str, Any]]) -> None:
    """The same structural changes on a bare graph: attributes and edges only."""
    for op in ops:
        kind = op["op"]
        if kind in ("rename", "set_quota", "change_funding"):
            graph.nodes[op["unit"]].update({k: v for k, v in op.items() if k not in ("op", "unit")})
        elif kind == "establish":
            unit = op["unit"]
            graph.add_node(unit["id"], **unit)
            graph.add_edge(unit["parent"], unit["id"], key="parent")
        elif kind == "create_post":
            post = op["post"]
            graph.add_node(post["id"], **post)
            graph.add_edge(post["unit"], post["id"], key="post")
        elif kind == "appoint":
            graph.add_node(op["person"]["id"], **op["person"])
            graph.add_edge(op["person"]["id"], op["post"], key="holds")
        elif kind in ("absorb", "merge"):
            target = op["into"] if kind == "absorb" else op["into"]["id"]
            if kind == "merge":
                parent = next(iter(graph.pred[op["sources"][0]]))
                graph.add_node(target, name=op["into"]["name"])
                graph.add_edge(parent, target, key="parent")
            for source in op["sources"]:
                for child, keys in list(graph.succ[source].items()):
                    for key in list(keys):
                        graph.remove_edge(source, child, key)
                        graph.add_edge(target, child, key=key)
                graph.nodes[source]["ended"] = "2024-01-01"
                graph.add_edge(source, target, key="lineage")
        elif kind == "reparent":
            old = [p for p, keys in graph.pred[op["unit"]].items() if "parent" in keys]
            for p in old:
                graph.remove_edge(p, op["unit"], "parent")
            graph.add_edge(op["parent"], op["unit"], key="parent")


def run(sizes: list[int], count: int) -> None:
    print(f"{count:,} operations per size.\n")
    print(
        "| units | copy s | ops s | µs per op | bare µs per op | ratio "
        "| first 10% µs per op | last 10% µs per op |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        org = synthetic_org(n)
        ops = make_operations(org, count)
        parsed = [orgraph.parse_operation(o) for o in ops]
        # apply() is a copy then apply_one per operation; time the two parts separately.
        # Both sides run with the collector on, as users run them.
        gc.collect()
        start = time.perf_counter()
        work = org._copy()
        copy_time = time.perf_counter() - start
        tenth = max(1, count // 10)
        stamps = []
        start = time.perf_counter()
        for index, op in enumerate(parsed):
            if index % tenth == 0:
                stamps.append(time.perf_counter())
            apply_one(work, op)
        ops_time = time.perf_counter() - start
        stamps.append(start + ops_time)
        first = (stamps[1] - stamps[0]) / tenth * 1e6
        last = (stamps[-1] - stamps[-2]) / (count - tenth * (len(stamps) - 2)) * 1e6
        assert len(work.history) == count and work.check() == []
        graph = nx.MultiDiGraph(org.graph)
        gc.collect()
        start = time.perf_counter()
        bare_replay(graph, ops)
        bare = time.perf_counter() - start
        per_op = ops_time / count * 1e6
        print(
            f"| {n:,} | {copy_time:.2f} | {ops_time:.2f} | {per_op:.0f} "
            f"| {bare / count * 1e6:.1f} | {per_op / (bare / count * 1e6):.0f}x "
            f"| {first:.0f} | {last:.0f} |",
            flush=True,
        )
        del org, work, graph
        gc.collect()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--ops", type=int, default=10000)
    arguments = parser.parse_args()
    run([int(s) for s in arguments.sizes.split(",")], arguments.ops)
