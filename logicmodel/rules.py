"""The rules that look across a whole framework: a file that breaks one cannot be used.

Each rule returns problems rather than raising, so that the reader, the
builder's edits and the command line all report every problem at once.
All rules together run in time linear in the size of the framework.

>>> from logicmodel.readwrite import loads
>>> from logicmodel.models import Framework
>>> fw = Framework.model_validate({
...     "schema_version": 1, "meta": {"title": "T"},
...     "nodes": [{"id": "a", "level": "activity", "label": "Walking"}],
...     "links": [{"source": "a", "target": "b"}]})
>>> [str(p) for p in find_problems(fw)]
["links[0].target: no box has the id 'b'"]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from logicmodel.errors import Box, Problem, Where
from logicmodel.limits import MAX_PROBLEMS
from logicmodel.models import Framework

__all__ = ["checked_problems", "find_problems"]


def find_problems(fw: Framework) -> list[Problem]:
    """Every cross-reference problem of ``fw``: ids, levels, stakeholders, links and cycles."""
    problems = _level_problems(fw) + _stakeholder_id_problems(fw) + _node_problems(fw)
    link_problems = _link_problems(fw)
    problems += link_problems
    if not link_problems:
        problems += _cycle_problems(fw)
    return problems + _story_problems(fw)


def _some(ids: list[str], shown: int = 10) -> str:
    """The first few of a list of ids, and how many more: a message stays one short line.

    >>> _some([f"s{i}" for i in range(500)], 3)
    's0, s1, s2 and 497 more'
    """
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


def checked_problems(fw: Framework) -> list[Problem]:
    """``find_problems``, remembered on the framework: frameworks are immutable, so one checked by the reader
    or by an edit is not checked again when the library saves it (a copy with changes is checked afresh)."""
    return fw.cached("problems", find_problems)


def _duplicates(ids: list[str], path: str, what: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for i, item in enumerate(ids):
        if item in seen:
            problems.append(Problem(f"{path}[{i}].id", f"duplicate {what} id '{item}'"))
        seen.add(item)
    return problems


def _level_problems(fw: Framework) -> list[Problem]:
    return _duplicates(fw.level_ids, "levels", "level")


def _stakeholder_id_problems(fw: Framework) -> list[Problem]:
    return _duplicates([s.id for s in fw.stakeholders], "stakeholders", "stakeholder")


def _node_problems(fw: Framework) -> list[Problem]:
    problems = []
    if len(fw.node_by_id) < len(fw.nodes):
        seen: set[str] = set()
        for i, node in enumerate(fw.nodes):
            if node.id in seen:
                box = Box(node.id, node.label)
                problems.append(
                    Problem.about(f"nodes[{i}].id", "duplicate box id ", box, where=Where("box", i, (box,), "id"))
                )
            seen.add(node.id)
    ranks = fw.level_rank
    stakeholders = {s.id for s in fw.stakeholders}
    known_levels = ", ".join(fw.level_ids)
    for i, node in enumerate(fw.nodes):
        if node.level not in ranks:
            problems.append(
                Problem.about(
                    f"nodes[{i}].level",
                    f"unknown level '{node.level}' (levels: {known_levels})",
                    where=Where("box", i, (Box(node.id, node.label),), "level"),
                )
            )
        for j, sid in enumerate(node.stakeholders):
            if sid not in stakeholders:
                known = _some(sorted(stakeholders)) or "none declared"
                problems.append(
                    Problem.about(
                        f"nodes[{i}].stakeholders[{j}]",
                        f"unknown stakeholder '{sid}' (stakeholders: {known})",
                        where=Where("box", i, (Box(node.id, node.label),), f"stakeholders[{j}]"),
                    )
                )
    return problems


def _box(fw: Framework, node_id: str, nodes: dict[str, Any] | None = None) -> Box:
    """A box by its id, with its label when the framework has it (``nodes``: its ``node_by_id``, when the
    caller has it already: a file of 100,000 bad links asks for it 200,000 times)."""
    node = (fw.node_by_id if nodes is None else nodes).get(node_id)
    return Box(node_id, node.label if node else "")


def _at_link(fw: Framework, i: int, field: str = "", nodes: dict[str, Any] | None = None) -> Where:
    link = fw.links[i]
    source, target = link.source, link.target
    return Where("link", i, (_box(fw, source, nodes), _box(fw, target, nodes)), field)


def _story_problems(fw: Framework) -> list[Problem]:
    """Stories: unique ids, and every step naming boxes that exist, e.g.
    ``stories[0].steps[2].nodes[0]: no box 'falls-clinic'``."""
    problems = _duplicates([story.id for story in fw.stories], "stories", "story")
    nodes = fw.node_by_id
    for i, story in enumerate(fw.stories):
        for j, step in enumerate(story.steps):
            problems += [
                Problem.about(f"stories[{i}].steps[{j}].nodes[{k}]", "no box ", Box(node_id))
                for k, node_id in enumerate(step.nodes)
                if node_id not in nodes
            ]
    return problems


def _link_problems(fw: Framework) -> list[Problem]:
    nodes = fw.node_by_id
    node_rank = fw.node_rank
    problems = []
    for i, (source, target) in enumerate(fw.link_pairs):
        if source not in nodes or target not in nodes:
            for end, node_id in (("source", source), ("target", target)):
                if node_id in nodes:
                    continue
                if len(problems) >= MAX_PROBLEMS:  # the same words, without the boxes as data: never shown
                    problems.append(Problem(f"links[{i}].{end}", f"no box has the id '{node_id}'"))
                    continue
                problems.append(
                    Problem.about(
                        f"links[{i}].{end}", "no box has the id ", Box(node_id), where=_at_link(fw, i, end, nodes)
                    )
                )
        elif source == target:
            problems.append(
                Problem.about(
                    f"links[{i}]", _box(fw, source, nodes), " links to itself", where=_at_link(fw, i, "", nodes)
                )
            )
        elif node_rank.get(target, 0) < node_rank.get(source, 0):
            problems.append(
                Problem.about(f"links[{i}]", *_backwards(fw, source, target), where=_at_link(fw, i, "", nodes))
            )
    if len(set(fw.link_pairs)) < len(fw.link_pairs):
        problems += _duplicate_links(fw)
    return problems


def _backwards(fw: Framework, source: str, target: str) -> tuple[str | Box, ...]:
    nodes = fw.node_by_id
    return (
        "goes backwards: ",
        _box(fw, target),
        f" ({fw.level_label(nodes[target].level)}) comes before ",
        _box(fw, source),
        f" ({fw.level_label(nodes[source].level)}); links run from earlier levels to later ones",
    )


def _duplicate_links(fw: Framework) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    problems = []
    nodes = fw.node_by_id
    for i, pair in enumerate(fw.link_pairs):
        if pair in seen:
            source, target = _box(fw, pair[0], nodes), _box(fw, pair[1], nodes)
            problems.append(
                Problem.about(
                    f"links[{i}]",
                    "duplicate link from ",
                    source,
                    " to ",
                    target,
                    where=Where("link", i, (source, target)),
                )
            )
        seen.add(pair)
    return problems


def _cycle_problems(fw: Framework) -> list[Problem]:
    """A loop of links, if there is one.

    Links between levels only run forwards (backward links are refused), so a
    loop can only be made of links inside one level: only those are searched.
    """
    rank = fw.node_rank
    inside = [(s, t) for s, t in fw.link_pairs if rank.get(s, -1) == rank.get(t, -1)]
    if not inside:
        return []
    try:
        cycle = nx.find_cycle(nx.DiGraph(inside))
    except nx.NetworkXNoCycle:
        return []
    route: list[str | Box] = []
    for node_id in [u for u, _ in cycle] + [cycle[0][0]]:
        route += [" → ", _box(fw, node_id)] if route else [_box(fw, node_id)]
    i = {pair: i for i, pair in enumerate(fw.link_pairs)}[cycle[-1]]
    return [Problem.about(f"links[{i}]", "makes a loop: ", *route, where=_at_link(fw, i))]
