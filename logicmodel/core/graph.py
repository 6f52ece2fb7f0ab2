"""The framework as a directed graph, and the questions the pages ask of it.

The graph is built once per framework object and cached on it. Graph words
(node, edge, descendants) stay in this module; callers ask in the domain's
words: what an activity contributes to, what contributes to an outcome.

>>> from logicmodel.core.models import Framework
>>> fw = Framework.model_validate({
...     "schema_version": 1, "meta": {"title": "T"},
...     "nodes": [
...         {"id": "walk", "level": "activity", "label": "Walking groups"},
...         {"id": "active", "level": "intermediate", "label": "More older people active"},
...         {"id": "falls", "level": "strategic", "label": "Fewer falls"}],
...     "links": [{"source": "walk", "target": "active"}, {"source": "active", "target": "falls"}]})
>>> sorted(contributes_to(fw, "walk"))
['active', 'falls']
>>> sorted(contributors(fw, "falls"))
['active', 'walk']
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

import networkx as nx

from logicmodel.core.models import Framework, Node

__all__ = [
    "activity_ids",
    "cohorts",
    "contributes_to",
    "contributors",
    "is_last_level",
    "last_level_ids",
    "leading_into",
    "nodes_at_level",
    "nodes_for_cohort",
    "nodes_for_stakeholder",
    "pathway",
    "pathway_links",
    "reached_from",
    "reaching",
    "routes_to",
    "to_graph",
]


def to_graph(fw: Framework) -> nx.DiGraph:
    """A ``networkx.DiGraph`` of node ids, one edge per link; built once per framework."""
    return fw.cached("graph", _build)


def _build(fw: Framework) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(node.id for node in fw.nodes)
    graph.add_edges_from(fw.link_pairs)
    return graph


def _require(fw: Framework, node_id: str) -> None:
    if node_id not in fw.node_by_id:
        raise KeyError(f"no node has the id '{node_id}'")


def contributes_to(fw: Framework, node_id: str) -> set[str]:
    """Everything ``node_id`` leads to, up to the strategic outcomes it serves."""
    _require(fw, node_id)
    return nx.descendants(to_graph(fw), node_id)


def contributors(fw: Framework, node_id: str) -> set[str]:
    """Everything that leads to ``node_id``: the activities and outcomes that contribute to it."""
    _require(fw, node_id)
    return nx.ancestors(to_graph(fw), node_id)


def pathway(fw: Framework, node_id: str) -> set[str]:
    """The whole pathway through ``node_id``: what contributes to it, it, and what it contributes to."""
    return contributors(fw, node_id) | {node_id} | contributes_to(fw, node_id)


def pathway_links(fw: Framework, node_id: str) -> list[tuple[str, str]]:
    """The links along the pathway through ``node_id`` (those that carry change to or from it).

    A link between two nodes of the pathway is on it only when it runs
    upstream-to-upstream, upstream-to-node, node-to-downstream or
    downstream-to-downstream; a side link between two of the node's
    contributors that bypasses it is kept too, since it is part of the route.
    """
    up = contributors(fw, node_id) | {node_id}
    down = contributes_to(fw, node_id) | {node_id}
    return [
        (link.source, link.target)
        for link in fw.links
        if (link.source in up and link.target in up) or (link.source in down and link.target in down)
    ]


def nodes_at_level(fw: Framework, level_id: str) -> list[Node]:
    """The nodes of one level, in the framework's order."""
    return [node for node in fw.nodes if node.level == level_id]


def nodes_for_stakeholder(fw: Framework, stakeholder_id: str) -> list[Node]:
    """The nodes a stakeholder (e.g. a commissioner) is attached to."""
    return [node for node in fw.nodes if stakeholder_id in node.stakeholders]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def nodes_for_cohort(fw: Framework, cohort: str) -> list[Node]:
    """The nodes that serve a cohort; "Older People" and "older people" are one cohort."""
    wanted = _fold(cohort)
    return [node for node in fw.nodes if any(_fold(c) == wanted for c in node.cohorts)]


def cohorts(fw: Framework) -> list[str]:
    """Every cohort named in the framework, each once (first spelling wins), sorted."""
    seen: dict[str, str] = {}
    for node in fw.nodes:
        for cohort in node.cohorts:
            seen.setdefault(_fold(cohort), cohort)
    return sorted(seen.values(), key=_fold)


def activity_ids(fw: Framework) -> list[str]:
    """Ids of the nodes at activity levels."""
    kinds = fw.level_kinds
    return [node.id for node in fw.nodes if kinds.get(node.level) == "activity"]


def last_level_ids(fw: Framework) -> list[str]:
    """Ids of the nodes at the last level (the strategic outcomes, by default)."""
    last = fw.levels[-1].id
    return [node.id for node in fw.nodes if node.level == last]


def is_last_level(fw: Framework, node_id: str) -> bool:
    """Whether a box is at the last level (a strategic outcome, by default): a look-up, not a walk."""
    return node_id in fw.cached("last_level_set", lambda f: frozenset(last_level_ids(f)))


def reached_from(fw: Framework, start: Iterable[str], avoiding: Collection[str] = ()) -> set[str]:
    """Every node some path reaches from any of ``start`` (``start`` included), by paths that pass through
    none of ``avoiding``: one search, linear."""
    return _search(fw.cached("successors", lambda f: _adjacency(f, 0)), start, avoiding)


def reaching(fw: Framework, ends: Iterable[str], avoiding: Collection[str] = ()) -> set[str]:
    """Every node from which some path reaches any of ``ends`` (``ends`` included), by paths that pass
    through none of ``avoiding``: one search, linear."""
    return _search(fw.cached("predecessors", lambda f: _adjacency(f, 1)), ends, avoiding)


def leading_into(fw: Framework, ends: Iterable[str]) -> set[str]:
    """Every node with a path of one link or more to any of ``ends`` (an end in a loop included): one search,
    linear, where asking ``contributes_to`` of each end in turn is quadratic."""
    predecessors = fw.cached("predecessors", lambda f: _adjacency(f, 1))
    return _search(predecessors, [p for end in ends for p in predecessors.get(end, ())])


def _adjacency(fw: Framework, start: int) -> dict[str, list[str]]:
    """Each node's successors (``start=0``) or predecessors (``start=1``) as plain lists.

    A fifth of the time of building the networkx graph, which the searches of the checks and the
    coverage then need not build at all.
    """
    adjacency: dict[str, list[str]] = {node.id: [] for node in fw.nodes}
    end = 1 - start
    for pair in fw.link_pairs:
        adjacency.setdefault(pair[start], []).append(pair[end])
    return adjacency


def _search(adjacency: dict[str, list[str]], start: Iterable[str], avoiding: Collection[str] = ()) -> set[str]:
    """Depth-first search over plain adjacency lists, never entering a node of ``avoiding``."""
    seen = set(start).difference(avoiding)
    stack = list(seen)
    blocked = seen.union(avoiding)
    while stack:
        for nxt in adjacency.get(stack.pop(), ()):
            if nxt not in blocked:
                blocked.add(nxt)
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _upstream_first(fw: Framework) -> list[str]:
    """Node ids in an order where every link runs forward (by level where a broken file has a loop)."""
    try:
        return list(nx.topological_sort(to_graph(fw)))
    except nx.NetworkXUnfeasible:
        rank = fw.node_rank
        return sorted(to_graph(fw).nodes, key=lambda n: rank.get(n, 0))


def routes_to(
    fw: Framework, end: str, grade: Callable[[str, str], int], avoiding: Collection[str] = ()
) -> dict[str, list[str]]:
    """For every node that leads to ``end``, its best route there (``end`` last): the route whose lowest
    ``grade(source, target)`` is highest, then the shortest, by routes that pass through none of ``avoiding``.
    One pass, linear in the part that leads there.

    >>> from logicmodel.core.models import Framework
    >>> fw = Framework.model_validate({"schema_version": 1, "meta": {"title": "T"},
    ...     "nodes": [{"id": i, "level": "activity", "label": i} for i in "abcd"],
    ...     "links": [{"source": "a", "target": "b"}, {"source": "b", "target": "d"}, {"source": "a", "target": "c"},
    ...               {"source": "c", "target": "d"}]})
    >>> routes_to(fw, "d", lambda s, t: 0 if (s, t) == ("a", "b") else 1)["a"]
    ['a', 'c', 'd']
    """
    _require(fw, end)
    upstream = reaching(fw, [end], avoiding)
    succ = to_graph(fw)._succ
    best: dict[str, tuple[float, int, str | None]] = {end: (float("inf"), 0, None)}
    position = fw.cached("upstream_position", lambda f: {n: i for i, n in enumerate(_upstream_first(f))})
    for node in sorted(upstream, key=position.__getitem__, reverse=True):  # the part upstream only: a report
        if node == end:  # asks this of every outcome, and a walk over the whole framework each time is quadratic
            continue
        choice: tuple[float, int, str | None] | None = None
        for nxt in succ[node]:
            if nxt in best:
                low, steps, _ = best[nxt]
                candidate = (min(low, grade(node, nxt)), steps + 1, nxt)
                if choice is None or (candidate[0], -candidate[1]) > (choice[0], -choice[1]):
                    choice = candidate
        if choice is not None:
            best[node] = choice
    routes: dict[str, list[str]] = {}
    for start in best:
        route, at = [start], best[start][2]
        while at is not None:
            route.append(at)
            at = best[at][2]
        routes[start] = route
    return routes
