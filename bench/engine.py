"""Engine benchmark: reading, validating and checking frameworks of 100 to 10,000 boxes.

Prints, for each size, the best time to read and validate a framework file
(``logicmodel.loads``) and to run every completeness check on it, beside the
floor measured in the same run: ``json.loads`` plus a bare
``networkx.DiGraph`` of the same boxes and links. Targets: 10,000 boxes in
under 0.5 s, and no more than 4 times the floor.

Run: ``.venv/bin/python bench/engine.py`` (or ``make bench``).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from logicmodel import check, loads
from logicmodel.synthetic import synthetic_data

SIZES = (100, 1_000, 10_000)
REPEATS = 9


def best_ms(run: Callable[[], object], repeats: int = REPEATS) -> float:
    """Best processor time of ``run`` in milliseconds, after one warm-up.

    Processor time of this process, and the best of several runs as
    ``timeit`` advises: on a shared 2-core machine, wall time and slower runs
    measure the other processes, not this code.
    """
    run()
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times) * 1000


def floor(text: str) -> nx.DiGraph:
    """The least any reader must do: parse the JSON and build the graph."""
    data = json.loads(text)
    graph = nx.DiGraph()
    graph.add_nodes_from(node["id"] for node in data["nodes"])
    graph.add_edges_from((link["source"], link["target"]) for link in data["links"])
    return graph


def measure(n: int) -> dict[str, float]:
    text = json.dumps(synthetic_data(n))
    data = json.loads(text)
    fw = loads(text)
    return {
        "boxes": n,
        "links": len(data["links"]),
        "kb": len(text) / 1024,
        "floor": best_ms(lambda: floor(text)),
        "read": best_ms(lambda: loads(text)),
        "check": best_ms(lambda: check(fw.model_copy())),  # a copy forgets the cached graph
        "total": best_ms(lambda: check(loads(text))),
    }


def main() -> None:
    print(
        f"Engine benchmark: {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.machine()}, processor time, best of {REPEATS}"
    )
    header = (
        f"{'boxes':>7} {'links':>7} {'file KB':>8} {'floor ms':>9} {'read+validate ms':>17} "
        f"{'checks ms':>10} {'total ms':>9} {'x floor':>8}  target"
    )
    print(header)
    print("-" * len(header))
    for n in SIZES:
        row = measure(n)
        ratio = row["total"] / row["floor"]
        verdict = ""
        if n == 10_000:
            verdict = "met" if row["total"] < 500 and ratio <= 4 else "MISSED (< 500 ms and <= 4x floor)"
        print(
            f"{row['boxes']:>7,} {row['links']:>7,} {row['kb']:>8,.0f} {row['floor']:>9.1f} {row['read']:>17.1f} "
            f"{row['check']:>10.1f} {row['total']:>9.1f} {ratio:>8.2f}  {verdict}"
        )


if __name__ == "__main__":
    main()
