"""Where each box of a framework goes on the page: a layered layout, left to right.

Every level is a band of columns, in the framework's level order. A level
whose boxes link to each other (a chain of intermediate outcomes) gets more
than one column, so that each box sits right of the boxes that lead to it.
Inside each column the boxes are ordered to cross as few links as possible
(the layered method of Sugiyama, Tagawa and Toda): a link that skips columns
gets a bend point in each column it passes, then barycentre and median
sweeps run down and up the columns and the order with the fewest crossings
is kept. Nodes can be kept together by stakeholder or cohort.

Pure Python and deterministic: the same framework and options always give the
same layout. One sweep takes time near-linear in the number of boxes and
links (sorting by barycentre, counting crossings as inversions with a
Fenwick tree). The step that then swaps neighbouring boxes costs more on
densely linked columns, so it runs only within a budget of work in
proportion to the boxes and links; a framework too big or too dense for it
is drawn without it (or with it cut short), and ``Layout.shortcuts`` says so,
as it does when the sweeps run out of their own budget or long links are left
without bend points.

>>> from logicmodel.core.models import Framework
>>> fw = Framework.model_validate({
...     "schema_version": 1, "meta": {"title": "T"},
...     "nodes": [
...         {"id": "swim", "level": "activity", "label": "Free summer swimming"},
...         {"id": "walk", "level": "activity", "label": "Walking groups"},
...         {"id": "sessions", "level": "output", "label": "Sessions run"},
...         {"id": "fit", "level": "intermediate", "label": "Children fitter"},
...         {"id": "weight", "level": "intermediate", "label": "Fewer overweight children"},
...         {"id": "health", "level": "strategic", "label": "Healthier borough"}],
...     "links": [
...         {"source": "swim", "target": "sessions"}, {"source": "walk", "target": "sessions"},
...         {"source": "sessions", "target": "fit"}, {"source": "fit", "target": "weight"},
...         {"source": "weight", "target": "health"}]})
>>> result = layout(fw)
>>> [result.column[n] for n in ("swim", "sessions", "fit", "weight", "health")]
[0, 1, 2, 3, 4]
>>> [(band.level, band.first, band.count) for band in result.bands]
[('activity', 0, 1), ('output', 1, 1), ('intermediate', 2, 2), ('strategic', 4, 1)]
>>> result.crossings
0
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from logicmodel.core.models import Framework, Node

__all__ = [
    "GROUP_BY",
    "LINKS_STRAIGHT",
    "SWAPS_CUT_SHORT",
    "SWAPS_SKIPPED",
    "SWEEPS_CUT_SHORT",
    "Band",
    "Layout",
    "count_crossings",
    "group_keys",
    "layout",
]

GROUP_BY = ("stakeholder", "cohort")
"""What boxes can be grouped by inside their columns."""

KEEP_ORDERS = 2
"""Column orders kept per framework object: the diagram's and the poster's for the filters in use, and the
last ones before. An order of a framework near the format's limits holds a few hundred thousand bend points,
so a session keeps no more than it reuses."""

SWEEP_WORK = 12
"""The sweeps may look at vertices and links (bend points included) at most this many times the boxes and
links of the framework (plus ``SWEEP_FLOOR``): each sweep looks at each once. Ordinary frameworks get every
sweep; one whose long links need many more bend points than it has boxes and links gets fewer."""
SWEEP_FLOOR = 200_000

TRANSPOSE_LIMIT = 1500
"""Largest layout (boxes and bend points) that gets the neighbour-swapping pass after the sweeps."""
TRANSPOSE_WORK = 4
"""The neighbour-swapping pass may look at links at most this many times the boxes and links laid out
(plus ``TRANSPOSE_FLOOR``): one pass looks at each link about four times, so a framework of ordinary
density gets every pass it needs, and a dense one gets one pass or part of one."""
TRANSPOSE_FLOOR = 250_000

SWEEPS_CUT_SHORT = "sweeps cut short"
"""A ``Layout.shortcuts`` entry: the sweeps that order each column ran out of their budget of work."""
LINKS_STRAIGHT = "long links drawn straight"
"""A ``Layout.shortcuts`` entry: some long links got no bend points and are drawn straight across columns."""
SWAPS_SKIPPED = "neighbour swaps skipped"
"""A ``Layout.shortcuts`` entry: too many boxes for the pass that swaps neighbouring boxes; it did not run."""
SWAPS_CUT_SHORT = "neighbour swaps cut short"
"""A ``Layout.shortcuts`` entry: the pass that swaps neighbouring boxes ran out of its budget of work."""

Size = Callable[[Node], tuple[float, float]]
_Vertex = int


@dataclass(frozen=True)
class Band:
    """The columns of one level: ``first`` column, ``count`` columns, from ``left`` to ``right``."""

    level: str
    label: str
    first: int
    count: int
    left: float
    right: float


@dataclass(frozen=True)
class Layout:
    """Where every box goes.

    ``x`` and ``y`` are box centres (y grows downwards, from 0); ``width`` and
    ``height`` the box sizes; ``columns`` the node ids of each column, top to
    bottom; ``routes`` the bend points of each link that skips columns (in
    order from source to target); ``crossings`` the link crossings of this
    order and ``input_crossings`` those of the framework's own order;
    ``shortcuts`` names the passes skipped or cut short to stay fast on a big or
    densely linked framework (``SWAPS_SKIPPED``, ``SWAPS_CUT_SHORT``), empty
    when every pass ran.
    """

    column: dict[str, int]
    row: dict[str, int]
    x: dict[str, float]
    y: dict[str, float]
    width: dict[str, float]
    height: dict[str, float]
    columns: list[list[str]]
    bands: list[Band]
    links: list[tuple[str, str]]
    routes: dict[tuple[str, str], list[tuple[float, float]]]
    group: dict[str, str]
    total_width: float
    total_height: float
    crossings: int
    input_crossings: int
    column_left: list[float] = field(default_factory=list)
    column_width: list[float] = field(default_factory=list)
    shortcuts: tuple[str, ...] = ()


def group_keys(fw: Framework, nodes: Iterable[Node], group_by: str | None) -> tuple[dict[str, str], dict[str, int]]:
    """Each node's group (its first stakeholder or cohort, "" for none) and the order of the groups.

    >>> from logicmodel.core.models import Framework
    >>> fw = Framework.model_validate({"schema_version": 1, "meta": {"title": "T"},
    ...     "nodes": [{"id": "a", "level": "activity", "label": "A", "cohorts": ["Young people"]},
    ...               {"id": "b", "level": "activity", "label": "B"}], "links": []})
    >>> group_keys(fw, fw.nodes, "cohort")
    ({'a': 'young people', 'b': ''}, {'young people': 0, '': 1})
    """
    nodes = list(nodes)
    if group_by is None:
        return {node.id: "" for node in nodes}, {"": 0}
    if group_by == "stakeholder":
        keys = {node.id: node.stakeholders[0] if node.stakeholders else "" for node in nodes}
        ordered = [s.id for s in fw.stakeholders]
    elif group_by == "cohort":
        keys = {node.id: " ".join(node.cohorts[0].casefold().split()) if node.cohorts else "" for node in nodes}
        ordered = sorted({key for key in keys.values() if key})
    else:
        raise ValueError(f"cannot group by '{group_by}': choose one of {', '.join(GROUP_BY)}")
    rank = {key: i for i, key in enumerate(ordered)}
    rank.setdefault("", len(rank))
    for key in keys.values():  # a stakeholder id a broken file did not declare: after the known ones
        rank.setdefault(key, len(rank))
    return keys, rank


def count_crossings(order: list[list[int]], succs: list[list[int]]) -> int:
    """Link crossings between neighbouring columns, counted as inversions: O(E log V) a column pair.

    ``order`` holds the vertices of each column top to bottom, ``succs`` each
    vertex's successors in the next column.

    >>> count_crossings([[0, 1], [2, 3]], [[3], [2], [], []])
    1
    >>> count_crossings([[0, 1], [2, 3]], [[2], [3], [], []])
    0
    """
    total = 0
    pos = [0] * len(succs)
    at = pos.__getitem__
    for i in range(len(order) - 1):
        below = order[i + 1]
        for k, v in enumerate(below):
            pos[v] = k
        rows = [list(map(at, succs[v])) for v in order[i] if succs[v]]
        links = sum(map(len, rows))
        if len(rows) * len(below) <= 32 * links:
            total += _crossings_dense(rows, len(below))
        elif links <= 12_000:
            total += _crossings_few(rows)
        else:
            total += _crossings_sparse(rows, len(below))
    return total


def _crossings_few(rows: list[list[int]]) -> int:
    """Inversions by insertion into a sorted list: quadratic, but in C and fastest for a few thousand links."""
    total = 0
    seen: list[int] = []
    for row in rows:
        for x in row:
            total += len(seen) - bisect_right(seen, x)
        for x in row:
            insort(seen, x)
    return total


def _crossings_dense(rows: list[list[int]], width: int) -> int:
    """Inversions when there are many links a vertex: a running count of links a position, summed in C."""
    total = seen = 0
    count = [0] * width
    for row in rows:
        at_or_above = list(itertools.accumulate(count))
        total += seen * len(row) - sum(map(at_or_above.__getitem__, row))
        for x in row:
            count[x] += 1
        seen += len(row)
    return total


def _crossings_sparse(rows: list[list[int]], width: int) -> int:
    """Inversions with a Fenwick tree of links a position: O(log V) a link."""
    total = seen = 0
    tree = [0] * (width + 1)
    for row in rows:
        for x in row:
            i = x + 1
            at_or_above = 0
            while i:
                at_or_above += tree[i]
                i &= i - 1
            total += seen - at_or_above
        for x in row:
            i = x + 1
            while i <= width:
                tree[i] += 1
                i += i & -i
        seen += len(row)
    return total


def _depths(nodes: list[Node], links: list[tuple[str, str]], level_of: dict[str, str]) -> dict[str, int]:
    """The sub-column of each node in its level's band: the longest chain of same-level links leading to it."""
    inside: dict[str, list[str]] = {}
    indegree = {node.id: 0 for node in nodes}
    for source, target in links:
        if level_of[source] == level_of[target]:
            inside.setdefault(source, []).append(target)
            indegree[target] += 1
    depth = dict.fromkeys(indegree, 0)
    ready = [node.id for node in nodes if indegree[node.id] == 0]
    while ready:  # Kahn's order; nodes on a loop (refused by the rules) stay at depth 0
        source = ready.pop()
        for target in inside.get(source, ()):
            depth[target] = max(depth[target], depth[source] + 1)
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return depth


def layout(
    fw: Framework,
    *,
    node_ids: Iterable[str] | None = None,
    levels: Iterable[str] | None = None,
    group_by: Literal["stakeholder", "cohort"] | None = None,
    size: Size | tuple[float, float] = (180.0, 60.0),
    column_gap: float = 90.0,
    band_gap: float = 40.0,
    row_gap: float = 24.0,
    bend_height: float = 8.0,
    sweeps: int = 6,
    max_bends: int | None = None,
    together: frozenset[str] | None = None,
) -> Layout:
    """Lay out the boxes of ``fw`` (or only ``node_ids``, or only those at ``levels``).

    ``together`` (instead of ``group_by``) keeps those boxes together at the top of each column, the
    others below: a story's pathway, framed on screen a few boxes at a time, with the rest still there.

    ``size`` is a box's (width, height), or a function giving it for a node.
    ``group_by`` keeps the boxes of one stakeholder (their first) or one cohort
    together inside each column. Links that skip columns get bend points, at
    most ``max_bends`` in all (by default 1,000 more than the boxes and links
    together, or than 20 a box if that is fewer): past that, the longest links
    are left out of the crossing count and drawn straight, and
    ``Layout.shortcuts`` says so (``LINKS_STRAIGHT``).

    The order of the boxes does not depend on their sizes, so it is kept on the
    framework object (the last ``KEEP_ORDERS``): trying a few box widths, as the
    diagram and the poster do, orders the columns once.
    """
    wanted_levels = list(fw.level_ids) if levels is None else [lv for lv in fw.level_ids if lv in set(levels)]
    wanted = None if node_ids is None else frozenset(node_ids)
    budgets = (SWEEP_WORK, SWEEP_FLOOR, TRANSPOSE_WORK, TRANSPOSE_FLOOR, TRANSPOSE_LIMIT)
    key = (wanted, tuple(wanted_levels), group_by, sweeps, max_bends, budgets, together)
    orders: dict = fw.cached("layout_orders", lambda _fw: {})
    if key not in orders:
        orders[key] = _order(fw, wanted, wanted_levels, group_by, sweeps, max_bends, together)
        while len(orders) > KEEP_ORDERS:
            del orders[next(iter(orders))]
    return _coordinates(fw, orders[key], size, column_gap, band_gap, row_gap, bend_height)


@dataclass(frozen=True)
class _Order:
    """The part of a layout that box sizes do not change: columns, bend points, order in each column."""

    nodes: list[Node]
    ids: list[str]
    order: list[list[_Vertex]]
    vcolumn: list[int]
    preds: list[list[_Vertex]]
    succs: list[list[_Vertex]]
    chains: dict[tuple[str, str], list[_Vertex]]
    keys: dict[str, str]
    column: dict[str, int]
    links: list[tuple[str, str]]
    wanted_levels: list[str]
    band_count: dict[str, int]
    first: dict[str, int]
    crossings: int
    input_crossings: int
    shortcuts: tuple[str, ...]


def _order(
    fw: Framework,
    wanted: frozenset[str] | None,
    wanted_levels: list[str],
    group_by: str | None,
    sweeps: int,
    max_bends: int | None,
    together: frozenset[str] | None = None,
) -> _Order:
    """Columns, bend points and the order in each column with few crossings."""
    keep = set(wanted_levels)
    nodes = [n for n in fw.nodes if n.level in keep and (wanted is None or n.id in wanted)]
    seen_ids: set[str] = set()
    nodes = [n for n in nodes if not (n.id in seen_ids or seen_ids.add(n.id))]
    level_of = {n.id: n.level for n in nodes}
    links = list(dict.fromkeys((s, t) for s, t in fw.link_pairs if s in level_of and t in level_of and s != t))
    depth = _depths(nodes, links, level_of)
    band_count = dict.fromkeys(wanted_levels, 1)
    for node in nodes:
        band_count[node.level] = max(band_count[node.level], depth[node.id] + 1)
    first: dict[str, int] = {}
    n_columns = 0
    for level in wanted_levels:
        first[level] = n_columns
        n_columns += band_count[level]
    column = {n.id: first[n.level] + depth[n.id] for n in nodes}
    links = [(s, t) for s, t in links if column[s] < column[t]]  # only a loop could break this

    # Vertices: boxes 0..N-1 in the framework's order, then bend points.
    ids = [n.id for n in nodes]
    index = {node_id: i for i, node_id in enumerate(ids)}
    keys, group_rank = group_keys(fw, nodes, group_by)
    if together is not None:
        keys, group_rank = {i: "" if i in together else "others" for i in ids}, {"": 0, "others": 1}
        group_by = "together"
    vcolumn = [column[node_id] for node_id in ids]
    vgroup = [group_rank[keys[node_id]] for node_id in ids]
    succs: list[list[_Vertex]] = [[] for _ in ids]
    preds: list[list[_Vertex]] = [[] for _ in ids]
    chains: dict[tuple[str, str], list[_Vertex]] = {}
    budget = min(20 * len(ids), len(ids) + len(links)) + 1000 if max_bends is None else max_bends
    straight = False
    for s, t in sorted(links, key=lambda link: column[link[1]] - column[link[0]]):
        span = column[t] - column[s]
        if span - 1 > budget:
            straight = True
            continue
        budget -= span - 1
        chain = [index[s]]
        for c in range(column[s] + 1, column[t]):
            chain.append(len(vcolumn))
            vcolumn.append(c)
            vgroup.append(vgroup[index[s]])
            succs.append([])
            preds.append([])
        chain.append(index[t])
        for u, v in itertools.pairwise(chain):
            succs[u].append(v)
            preds[v].append(u)
        if span > 1:
            chains[(s, t)] = chain[1:-1]

    order: list[list[_Vertex]] = [[] for _ in range(n_columns)]
    for v in range(len(ids)):
        order[vcolumn[v]].append(v)
    input_order = _place_bends(order, vcolumn, preds, len(ids), lambda v: 0)
    input_crossings = count_crossings(input_order, succs)
    if group_by is None:
        start, start_crossings = input_order, input_crossings
    else:
        start = _place_bends(order, vcolumn, preds, len(ids), vgroup.__getitem__)
        start = [sorted(col, key=lambda v: vgroup[v]) for col in start]  # stable: groups together
        start_crossings = count_crossings(start, succs)
    size_of_layout = len(vcolumn) + sum(map(len, succs))
    work = SWEEP_FLOOR + SWEEP_WORK * (len(ids) + len(links)) - size_of_layout * (1 if group_by is None else 2)
    best, crossings, shortcuts = _minimise(start, start_crossings, preds, succs, vgroup, sweeps, work)
    shortcuts = ((LINKS_STRAIGHT,) if straight else ()) + shortcuts
    return _Order(
        nodes, ids, best, vcolumn, preds, succs, chains, keys, column, links, wanted_levels, band_count, first,
        crossings, input_crossings, shortcuts,
    )  # fmt: skip


def _place_bends(
    order: list[list[_Vertex]], vcolumn: list[int], preds: list[list[_Vertex]], n_boxes: int, group: Callable
) -> list[list[_Vertex]]:
    """The framework's own order, with each bend point put level with the link it carries."""
    bends: list[list[_Vertex]] = [[] for _ in order]
    for v in range(n_boxes, len(vcolumn)):
        bends[vcolumn[v]].append(v)
    placed: list[list[_Vertex]] = []
    for c, boxes in enumerate(order):
        if not bends[c]:
            placed.append(list(boxes))
            continue
        prev = {v: k / max(1, len(placed[c - 1]) - 1) for k, v in enumerate(placed[c - 1])} if c else {}
        key = {v: (group(v), k / max(1, len(boxes) - 1), 0) for k, v in enumerate(boxes)}
        for v in bends[c]:
            key[v] = (group(v), prev.get(preds[v][0], 0.0), 1)
        placed.append(sorted(boxes + bends[c], key=key.__getitem__))
    return placed


def _minimise(
    start: list[list[_Vertex]],
    start_crossings: int,
    preds: list[list[_Vertex]],
    succs: list[list[_Vertex]],
    vgroup: list[int],
    sweeps: int,
    work: int,
) -> tuple[list[list[_Vertex]], int, tuple[str, ...]]:
    """Sweep down and up the columns, barycentres then medians; keep the order with fewest crossings.

    Each sweep costs the vertices and links it looks at from ``work``; then neighbours are swapped,
    within a budget of their own. The third value names what was skipped or cut short.
    """
    best = [list(col) for col in start]
    fewest = start_crossings
    current = [list(col) for col in start]
    stale = 0
    pos = [0.0] * len(succs)
    at = pos.__getitem__
    cost = len(succs) + sum(map(len, succs))
    cut_short = False
    for sweep in range(sweeps):
        if fewest == 0:
            break
        work -= cost
        if work < 0:
            cut_short = True
            break
        down = sweep % 2 == 0
        use_median = sweep >= sweeps // 2
        columns = range(1, len(current)) if down else range(len(current) - 2, -1, -1)
        for c in columns:
            ref = current[c - 1] if down else current[c + 1]
            scale = max(1, len(ref) - 1)
            for k, v in enumerate(ref):
                pos[v] = k / scale
            own = max(1, len(current[c]) - 1)
            keyed = []
            for k, v in enumerate(current[c]):
                nbrs = preds[v] if down else succs[v]
                if not nbrs:
                    keyed.append((vgroup[v], k / own, k, v))
                elif use_median and len(nbrs) > 2:
                    values = sorted(map(at, nbrs))
                    mid = len(values) // 2
                    centre = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
                    keyed.append((vgroup[v], centre, k, v))
                else:
                    keyed.append((vgroup[v], sum(map(at, nbrs)) / len(nbrs), k, v))
            keyed.sort()
            current[c] = [item[3] for item in keyed]
        crossings = count_crossings(current, succs)
        if crossings < fewest:
            stale = stale + 1 if crossings > fewest * 0.99 else 0  # under 1% better: nearly settled
            best, fewest = [list(col) for col in current], crossings
        else:
            stale += 1
            if stale >= 4:
                break
    shortcuts: tuple[str, ...] = (SWEEPS_CUT_SHORT,) if cut_short else ()
    if fewest:
        vertices = sum(map(len, best))
        if vertices > TRANSPOSE_LIMIT:
            shortcuts += (SWAPS_SKIPPED,)
        else:
            budget = TRANSPOSE_FLOOR + TRANSPOSE_WORK * (vertices + sum(map(len, succs)))
            swapped, finished = _transpose(best, preds, succs, vgroup, budget)
            crossings = count_crossings(swapped, succs)
            if crossings < fewest:
                best, fewest = swapped, crossings
            shortcuts += () if finished else (SWAPS_CUT_SHORT,)
    return best, fewest, shortcuts


def _pair_crossings(a: list[int], b: list[int]) -> tuple[int, int]:
    """Crossings between the links of u and of v with u above v, then with v above u.

    ``a`` and ``b`` are the sorted positions of u's and v's neighbours in one
    column; a shared neighbour crosses neither way. O(min log max).

    >>> _pair_crossings([0, 2], [1])
    (1, 1)
    >>> _pair_crossings([2, 3], [0, 1, 3])  # 2 and 3 each cross 0 and 1; 2 crosses 3; 3 meets 3
    (4, 1)
    """
    above = below = 0
    if len(a) <= len(b):
        for x in a:
            above += bisect_left(b, x)
            below += len(b) - bisect_right(b, x)
    else:
        for y in b:
            above += len(a) - bisect_right(a, y)
            below += bisect_left(a, y)
    return above, below


def _transpose(
    order: list[list[_Vertex]],
    preds: list[list[_Vertex]],
    succs: list[list[_Vertex]],
    vgroup: list[int],
    budget: int,
) -> tuple[list[list[_Vertex]], bool]:
    """Swap neighbours in a column while that removes crossings (the transposition step of the layered method).

    Each neighbour list looked at costs its length from ``budget``; the second
    value says whether the step finished before the budget ran out.
    """
    order = [list(col) for col in order]
    pos: dict[_Vertex, int] = {v: k for col in order for k, v in enumerate(col)}
    for _ in range(8):
        improved = False
        for col in order:
            for k in range(len(col) - 1):
                u, v = col[k], col[k + 1]
                if vgroup[u] != vgroup[v]:
                    continue
                budget -= len(preds[u]) + len(preds[v]) + len(succs[u]) + len(succs[v]) + 1
                if budget < 0:
                    return order, False
                before = after = 0
                for nbrs in (preds, succs):
                    stay, swap = _pair_crossings(sorted([pos[w] for w in nbrs[u]]), sorted([pos[w] for w in nbrs[v]]))
                    before += stay
                    after += swap
                if after < before:
                    col[k], col[k + 1] = v, u
                    pos[u], pos[v] = k + 1, k
                    improved = True
        if not improved:
            break
    return order, True


def _align(
    order: list[list[_Vertex]],
    gaps: list[list[float]],
    vy: list[float],
    preds: list[list[_Vertex]],
    succs: list[list[_Vertex]],
    passes: int = 4,
) -> None:
    """Move each column's boxes towards the boxes they link to, keeping their order and spacing.

    Each pass sets a column's heights as close as possible (least squares, weighted by links) to the
    mean height of each box's neighbours in the column before (or after), subject to the order and
    gaps found: an isotonic regression, solved exactly by pooling adjacent violators in linear time.
    The last pass looks both ways.
    """
    both = [p + s for p, s in zip(preds, succs, strict=True)]
    for sweep in range(passes + 1):
        down = sweep % 2 == 0
        nbrs_of = both if sweep == passes else (preds if down else succs)
        columns = range(len(order)) if down else range(len(order) - 1, -1, -1)
        for c in columns:
            col = order[c]
            if not col:
                continue
            offsets = list(itertools.accumulate(gaps[c]))
            sums: list[float] = []
            weights: list[float] = []
            counts: list[int] = []
            for v, offset in zip(col, offsets, strict=True):
                nbrs = nbrs_of[v]
                if nbrs:
                    weight = float(len(nbrs))
                    total = sum([vy[w] for w in nbrs]) - offset * weight
                else:
                    weight = 0.5
                    total = (vy[v] - offset) * weight
                count = 1
                while sums and sums[-1] * weight >= total * weights[-1]:  # previous mean >= this one: pool
                    total += sums.pop()
                    weight += weights.pop()
                    count += counts.pop()
                sums.append(total)
                weights.append(weight)
                counts.append(count)
            k = 0
            for total, weight, count in zip(sums, weights, counts, strict=True):
                level = total / weight
                for _ in range(count):
                    vy[col[k]] = level + offsets[k]
                    k += 1


def _coordinates(
    fw: Framework,
    ordered: _Order,
    size: Size | tuple[float, float],
    column_gap: float,
    band_gap: float,
    row_gap: float,
    bend_height: float,
) -> Layout:
    """Turn column orders into centres: columns side by side, each column's stack centred vertically."""
    nodes, ids, order, vcolumn = ordered.nodes, ordered.ids, ordered.order, ordered.vcolumn
    preds, succs, chains, keys, column = ordered.preds, ordered.succs, ordered.chains, ordered.keys, ordered.column
    wanted_levels, band_count, first = ordered.wanted_levels, ordered.band_count, ordered.first
    sizer: Size = (lambda _node, fixed=size: fixed) if isinstance(size, tuple) else size
    width: dict[str, float] = {}
    height: dict[str, float] = {}
    for node in nodes:
        width[node.id], height[node.id] = sizer(node)
    n_boxes = len(ids)
    col_width = [max((width[ids[v]] for v in col if v < n_boxes), default=0.0) for col in order]
    default_width = size[0] if isinstance(size, tuple) else max(width.values(), default=120.0)
    col_width = [w or default_width * 0.5 for w in col_width]
    band_of_column = {}
    for level in wanted_levels:
        for c in range(first[level], first[level] + band_count[level]):
            band_of_column[c] = level
    left: list[float] = []
    cursor = 0.0
    for c, w in enumerate(col_width):
        if c:
            cursor += column_gap + (band_gap if band_of_column[c] != band_of_column[c - 1] else 0.0)
        left.append(cursor)
        cursor += w
    total_width = cursor
    vy = [0.0] * len(vcolumn)
    half = [0.0] * len(vcolumn)
    gaps: list[list[float]] = []
    for col in order:
        y = 0.0
        prev_group: str | None = None
        col_gaps = []
        for k, v in enumerate(col):
            gap = 0.0
            if v < n_boxes:
                group = keys[ids[v]]
                if prev_group is not None and group != prev_group:
                    gap += row_gap
                prev_group = group
                h = height[ids[v]]
            else:
                h = bend_height
            if k:
                gap += row_gap if v < n_boxes or col[k - 1] < n_boxes else row_gap / 3
                gap += half[col[k - 1]] + h / 2
            half[v] = h / 2
            y += gap
            vy[v] = y
            col_gaps.append(gap)
        gaps.append(col_gaps)
    tallest = max((vy[col[-1]] + half[col[-1]] + half[col[0]] for col in order if col), default=0.0)
    for col in order:
        if col:
            shift = (tallest - (vy[col[-1]] + half[col[-1]] + half[col[0]])) / 2 + half[col[0]]
            for v in col:
                vy[v] += shift
    _align(order, gaps, vy, preds, succs, passes=4 if len(vy) <= 2000 else 2)
    top = min((y - h for y, h in zip(vy, half, strict=True)), default=0.0)
    vy = [y - top for y in vy]
    total_height = max((y + h for y, h in zip(vy, half, strict=True)), default=0.0)
    x = {node_id: left[column[node_id]] + col_width[column[node_id]] / 2 for node_id in ids}
    y = {node_id: vy[i] for i, node_id in enumerate(ids)}
    routes = {
        link: [(left[vcolumn[v]] + col_width[vcolumn[v]] / 2, vy[v]) for v in chain] for link, chain in chains.items()
    }
    columns = [[ids[v] for v in col if v < n_boxes] for col in order]
    row = {node_id: k for col in columns for k, node_id in enumerate(col)}
    bands = [
        Band(
            level=level,
            label=fw.level_label(level),
            first=first[level],
            count=band_count[level],
            left=left[first[level]],
            right=left[first[level] + band_count[level] - 1] + col_width[first[level] + band_count[level] - 1],
        )
        for level in wanted_levels
    ]
    return Layout(
        column=dict(column),
        row=row,
        x=x,
        y=y,
        width=width,
        height=height,
        columns=columns,
        bands=bands,
        links=list(ordered.links),
        routes=routes,
        group=dict(keys),
        total_width=total_width,
        total_height=total_height,
        crossings=ordered.crossings,
        input_crossings=ordered.input_crossings,
        column_left=left,
        column_width=col_width,
        shortcuts=ordered.shortcuts,
    )
