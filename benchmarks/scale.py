"""Load, check and save cost as structures grow: 10k, 100k and 1M units.

Each figure is compared with raw networkx doing the same work on the same machine in the
same run: parsing the JSON and building a bare ``networkx.MultiDiGraph`` (load), a cycle
check of the parent tree with networkx (check) and ``json.dump`` of the parsed document
(save). Cost must grow linearly: the per-unit time should stay flat across sizes.

Run: ``python benchmarks/scale.py [--sizes 10000,100000,1000000]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from _synthetic import synthetic_org

import orgraph


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def _timed(function, *args):
    gc.collect()
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def _bare_load(path: Path) -> nx.MultiDiGraph:
    data = json.loads(path.read_text(encoding="utf-8"))
    graph = nx.MultiDiGraph()
    for unit in data["units"]:
        graph.add_node(unit["id"], **unit)
    for unit in data["units"]:
        if "parent" in unit:
            graph.add_edge(unit["parent"], unit["id"], key="parent")
    for post in data["posts"]:
        graph.add_node(post["id"], **post)
        graph.add_edge(post["unit"], post["id"], key="post")
    for person in data["people"]:
        graph.add_node(person["id"], **person)
    for appointment in data["appointments"]:
        graph.add_edge(appointment["person"], appointment["post"], key="holds", **appointment)
    return graph


def _bare_check(graph: nx.MultiDiGraph) -> bool:
    tree = nx.DiGraph((u, v) for u, v, k in graph.edges(keys=True) if k == "parent")
    return nx.is_directed_acyclic_graph(tree)


def _bare_save(path: Path, target: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def run(sizes: list[int]) -> None:
    header = "| units | load s | load µs/unit | vs bare | check s | vs bare | save s | vs bare |"
    print(header + " MB/1k units |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            path = Path(folder) / f"org{n}.json"
            orgraph.save(synthetic_org(n), path)
            gc.collect()
            before = _rss_mb()
            t_load, org = _timed(orgraph.load, path)
            memory = _rss_mb() - before
            t_bare_load, graph = _timed(_bare_load, path)
            t_check, problems = _timed(org.check)
            assert problems == []
            t_bare_check, _ = _timed(_bare_check, graph)
            t_save, _ = _timed(orgraph.save, org, Path(folder) / "out.json")
            t_bare_save, _ = _timed(_bare_save, path, Path(folder) / "bare.json")
            print(
                f"| {n:,} | {t_load:.2f} | {t_load / n * 1e6:.1f} | {t_load / t_bare_load:.1f}x "
                f"| {t_check:.2f} | {t_check / t_bare_check:.1f}x | {t_save:.2f} "
                f"| {t_save / t_bare_save:.1f}x | {memory / n * 1000:.2f} |",
                flush=True,
            )
            del org, graph
            gc.collect()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    arguments = parser.parse_args()
    run([int(s) for s in arguments.sizes.split(",")])
