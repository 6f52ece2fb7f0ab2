"""Generated frameworks of any size, for benchmarks and tests.

The shape is a plausible logic model: a fifth activities, a fifth outputs,
two fifths intermediate outcomes, a fifth strategic outcomes; about two
links a node, each running to a later level (or along a chain inside the
intermediate level); outcomes carry an indicator. Deterministic for a seed.

>>> data = synthetic_data(100)
>>> len(data["nodes"]), len(data["links"]) > 150
(100, True)
"""

from __future__ import annotations

import random
from typing import Any

from logicmodel.core.limits import MAX_LINKS

__all__ = ["HOSTILE", "dense_data", "hostile_text", "synthetic_data"]

_SHARE = (("activity", 0.2), ("output", 0.2), ("intermediate", 0.4), ("strategic", 0.2))
_COHORTS = ("older people", "inactive adults", "young people", "people with long-term conditions")


_DENSE_LEVELS = ("activity", "output", "intermediate", "strategic")


def dense_data(per_level: int = 350, n_links: int = MAX_LINKS, seed: int = 0) -> dict[str, Any]:
    """Four levels of ``per_level`` boxes and ``n_links`` random links from each level to the next: by
    default 1,400 boxes and the most links the format allows, the worst case for drawing and layout.

    >>> data = dense_data(10, 50)
    >>> len(data["nodes"]), len(data["links"])
    (40, 50)
    """
    rng = random.Random(seed)
    ids = [[f"{level[:3]}-{k}" for k in range(per_level)] for level in _DENSE_LEVELS]
    links: set[tuple[str, str]] = set()
    while len(links) < n_links:
        step = rng.randrange(len(_DENSE_LEVELS) - 1)
        links.add((rng.choice(ids[step]), rng.choice(ids[step + 1])))
    return {
        "schema_version": 1,
        "meta": {"title": f"Dense framework of {per_level * len(_DENSE_LEVELS)} boxes and {n_links} links"},
        "nodes": [
            {"id": node_id, "level": level, "label": f"{level.title()} {k}"}
            for level, column in zip(_DENSE_LEVELS, ids, strict=True)
            for k, node_id in enumerate(column)
        ],
        "links": [{"source": s, "target": t} for s, t in sorted(links)],
    }


def synthetic_data(n_nodes: int, links_per_node: float = 2.0, seed: int = 0) -> dict[str, Any]:
    """A valid framework document of ``n_nodes`` boxes as plain data (``from_data`` reads it)."""
    rng = random.Random(seed)
    by_level: list[list[str]] = []
    nodes: list[dict[str, Any]] = []
    start = 0
    for i, (level, share) in enumerate(_SHARE):
        count = max(1, round(n_nodes * share)) if i < len(_SHARE) - 1 else max(1, n_nodes - start)
        ids = [f"{level[:3]}-{k}" for k in range(count)]
        by_level.append(ids)
        for k, node_id in enumerate(ids):
            node: dict[str, Any] = {"id": node_id, "level": level, "label": f"{level.title()} {k}"}
            if level in ("intermediate", "strategic"):
                node["indicators"] = [{"name": f"Indicator for {node_id}", "source": "Illustrative"}]
            if rng.random() < 0.5:
                node["cohorts"] = [rng.choice(_COHORTS)]
            nodes.append(node)
        start += count
    links: set[tuple[str, str]] = set()
    target_links = int(n_nodes * links_per_node)
    for li, ids in enumerate(by_level[:-1]):
        for node_id in ids:  # every node links forward at least once
            links.add((node_id, rng.choice(by_level[li + 1])))
    inter = by_level[2]
    for _ in range(target_links * 20):  # small frameworks may have fewer possible links than asked for
        if len(links) >= target_links:
            break
        li = rng.randrange(len(by_level) - 1)
        source = rng.choice(by_level[li])
        if li == 2 and len(inter) > 1 and rng.random() < 0.2:  # a chain inside the intermediate level, forward only
            a, b = sorted(rng.sample(range(len(inter)), 2))
            links.add((inter[a], inter[b]))
        else:
            links.add((source, rng.choice(by_level[li + 1])))
    return {
        "schema_version": 1,
        "meta": {"title": f"Generated framework of {n_nodes} boxes", "description": "Illustrative, generated."},
        "nodes": nodes,
        "links": [{"source": s, "target": t} for s, t in sorted(links)],
    }


_HEAD = '{"schema_version": 1, "meta": {"title": "T"}, '

HOSTILE = {
    "876,000 unknown keys": lambda: (
        _HEAD
        + '"links": [], "nodes": [{"id": "a", "level": "activity", "label": "Walks", '
        + ",".join(f'"{i:06x}":0' for i in range(876_000))
        + "}]}"
    ),
    "one unknown key of 9 MB": lambda: _HEAD + '"nodes": [], "links": [], "' + "a" * 9_000_000 + '": 0}',
    "3,000,000 empty boxes": lambda: _HEAD + '"links": [], "nodes": [' + ",".join(["{}"] * 3_000_000) + "]}",
    "20,000 boxes of 100 bad tags": lambda: (
        _HEAD
        + '"links": [], "nodes": ['
        + ",".join(
            f'{{"id": "n{i}", "level": "activity", "label": "x", "tags": [{",".join(["0"] * 100)}]}}'
            for i in range(20_000)
        )
        + "]}"
    ),
}
"""Small files that would cost a lot to refuse (each under the 10 MB limit): a reader that collected every
problem took 0.1 to 4 GB of memory for them, or wrote a 9-million-character message."""


def hostile_text(name: str) -> str:
    """The text of one of the ``HOSTILE`` files, e.g. ``hostile_text("one unknown key of 9 MB")``."""
    return HOSTILE[name]()
