"""The rules that look across a whole framework: a file that breaks one cannot be used.

Each rule returns problems rather than raising, so that the reader, the
builder's edits and the command line all report every problem at once.
All rules together run in time linear in the size of the framework.

Which links are allowed is written here once (``link_refusal``), with the words a refusal and a loop are told in
(``new_link_words``, ``target_words``, ``loop_route``): the reader, every edit (``logicmodel.editing.edit``), every grid
(``logicmodel.editing.grid``) and repair ask it, so they allow the same links and name the same boxes.

>>> from logicmodel.core.readwrite import loads
>>> from logicmodel.core.models import Framework
>>> fw = Framework.model_validate({
...     "schema_version": 1, "meta": {"title": "T"},
...     "nodes": [{"id": "a", "level": "activity", "label": "Walking"}],
...     "links": [{"source": "a", "target": "b"}]})
>>> [str(p) for p in find_problems(fw)]
["links[0].target: no box has the id 'b'"]
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Literal

import networkx as nx

from logicmodel.core.errors import Box, Part, Problem, Where
from logicmodel.core.graph import reaching, to_graph
from logicmodel.core.limits import MAX_PROBLEMS
from logicmodel.core.models import Framework

__all__ = [
    "EARLIER_TO_LATER",
    "Refusal",
    "checked_problems",
    "comes_before",
    "find_loop",
    "find_problems",
    "link_refusal",
    "loop_of",
    "loop_route",
    "new_link_problem",
    "new_link_refusal",
    "new_link_words",
    "target_words",
]

# --- which links are allowed: the rule, written once -----------------------------------------------

EARLIER_TO_LATER = "links run from earlier levels to later ones"
"""Why a link may not run backwards, in the words every refusal of one ends with."""

Refusal = Literal["itself", "backwards", "exists", "loop"]
"""Why a link is not allowed: to the box itself, to an earlier level, there already, or closing a loop."""


def link_refusal(
    rank: Mapping[str, int],
    source: str,
    target: str,
    linked: Collection[tuple[str, str]] = (),
    upstream: Collection[str] = (),
) -> Refusal | None:
    """Why a link from ``source`` to ``target`` is not allowed, or None when it is: the one rule for which links
    are allowed, asked by the reader, every edit and every grid.

    Not from a box to itself; not from a later level to an earlier one (``rank``: each box's level position);
    not a link ``linked`` already holds; not to a box in ``upstream`` (the boxes that already lead to
    ``source``), which would close a loop. The reader asks it of each link of a file without ``linked`` or
    ``upstream`` (it finds repeats and loops in the whole file at once); an edit asks it of a new link.

    >>> rank = {"walks": 0, "falls": 3, "active": 2, "fitter": 2}
    >>> [link_refusal(rank, s, t) for s, t in [("walks", "walks"), ("falls", "walks"), ("walks", "falls")]]
    ['itself', 'backwards', None]
    >>> link_refusal(rank, "walks", "falls", linked={("walks", "falls")})
    'exists'
    >>> link_refusal(rank, "fitter", "active", upstream={"active", "fitter"})  # active already leads to fitter
    'loop'
    """
    if source == target:
        return "itself"
    if rank.get(target, 0) < rank.get(source, 0):
        return "backwards"
    if (source, target) in linked:
        return "exists"
    if target in upstream:
        return "loop"
    return None


def find_loop(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """One loop the links ``pairs`` make, as its links in order (empty when they make none): one search.

    >>> find_loop([("a", "b"), ("b", "c"), ("c", "a")]), find_loop([("a", "b")])
    ([('a', 'b'), ('b', 'c'), ('c', 'a')], [])
    """
    try:
        return [(edge[0], edge[1]) for edge in nx.find_cycle(nx.DiGraph(list(pairs)))]
    except nx.NetworkXNoCycle:
        return []


def loop_route(fw: Framework, boxes: Sequence[str]) -> tuple[Part, ...]:
    """A loop through the boxes of ``fw`` with ids ``boxes`` (in order), as ``loop_of`` says it."""
    return loop_of([_box(fw, node_id) for node_id in boxes])


def loop_of(boxes: Sequence[Box], arrow: str = " → ") -> tuple[Part, ...]:
    """A loop through ``boxes`` (in order) as every message describes one, back to where it started:
    'A' → 'B' → 'A'. Each box stays a ``Box``, named by id or label where the message is shown.

    >>> from logicmodel.core.errors import Problem
    >>> Problem.worded("", *loop_of([Box("a", "Walks"), Box("b", "Fitter")])).message
    "'Walks' → 'Fitter' → 'Walks'"
    """
    route: list[Part] = []
    for box in [*boxes, boxes[0]]:
        route += [arrow, box] if route else [box]
    return tuple(route)


def comes_before(fw: Framework, source: str, target: str) -> tuple[Part, ...]:
    """Why a link from ``source`` to ``target`` runs backwards: 'Fewer falls' (Strategic outcomes) comes before
    'Health walks' (Activities)."""
    nodes = fw.node_by_id
    return (
        _box(fw, target),
        f" ({fw.level_label(nodes[target].level)}) comes before ",
        _box(fw, source),
        f" ({fw.level_label(nodes[source].level)})",
    )


def new_link_words(fw: Framework, refusal: Refusal, source: str, target: str) -> tuple[Part, ...]:
    """Why a new link is refused, as an edit says it (the loop named by its boxes, the shortest way round)."""
    s, t = _box(fw, source), _box(fw, target)
    if refusal == "itself":
        return (s, " cannot lead to itself")
    if refusal == "exists":
        return ("the link ", s, " → ", t, " already exists")
    if refusal == "backwards":
        return (*comes_before(fw, source, target), ": " + EARLIER_TO_LATER)
    back = nx.shortest_path(to_graph(fw), target, source)
    return ("the link ", s, " → ", t, " would make a loop: ", *loop_route(fw, [source, *back[:-1]]))


def target_words(fw: Framework, refusal: Refusal, source: str, target: str) -> tuple[Part, ...]:
    """Why a box is not offered as the end of a new link from ``source``, said of the box (the grey cell, the
    list of boxes not offered)."""
    if refusal == "itself":
        return ("it is the box itself",)
    if refusal == "backwards":
        return (f"it is at an earlier level ({fw.level_label(fw.node_by_id[target].level)}): {EARLIER_TO_LATER}",)
    if refusal == "exists":
        return ("the link already exists",)
    return ("it already leads to ", _box(fw, source), ", so the link would make a loop")


def new_link_refusal(fw: Framework, source: str, target: str) -> Refusal | None:
    """Why a new link from ``source`` to ``target`` (both boxes of ``fw``) is not allowed, or None."""
    return link_refusal(fw.node_rank, source, target, set(fw.link_pairs), reaching(fw, [source]))


def new_link_problem(fw: Framework, source: str, target: str, path: str = "") -> Problem | None:
    """The problem a new link from ``source`` to ``target`` (both boxes of ``fw``) would be, or None when it is
    allowed: at the new link, naming its boxes, whichever edit asks (one link added, or a box's links ticked)."""
    refusal = new_link_refusal(fw, source, target)
    if refusal is None:
        return None
    where = Where("new link", len(fw.links), (_box(fw, source), _box(fw, target)))
    return Problem.about(path, *new_link_words(fw, refusal, source, target), where=where)


# --- the reader's rules ------------------------------------------------------------------------------


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
        beneficiary = node.valuation.beneficiary if node.valuation else None
        if beneficiary is not None and beneficiary not in stakeholders:
            known = _some(sorted(stakeholders)) or "none declared"
            problems.append(
                Problem.about(
                    f"nodes[{i}].valuation.beneficiary",
                    f"unknown stakeholder '{beneficiary}' as beneficiary (stakeholders: {known})",
                    where=Where("box", i, (Box(node.id, node.label),), "valuation.beneficiary"),
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
            continue
        refusal = link_refusal(node_rank, source, target)  # repeats and loops: over the whole file, below
        if refusal == "itself":
            problems.append(
                Problem.about(
                    f"links[{i}]", _box(fw, source, nodes), " links to itself", where=_at_link(fw, i, "", nodes)
                )
            )
        elif refusal == "backwards":
            problems.append(
                Problem.about(
                    f"links[{i}]",
                    "goes backwards: ",
                    *comes_before(fw, source, target),
                    "; " + EARLIER_TO_LATER,
                    where=_at_link(fw, i, "", nodes),
                )
            )
    if len(set(fw.link_pairs)) < len(fw.link_pairs):
        problems += _duplicate_links(fw)
    return problems


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
    cycle = find_loop(inside) if inside else []
    if not cycle:
        return []
    i = {pair: i for i, pair in enumerate(fw.link_pairs)}[cycle[-1]]
    return [
        Problem.about(f"links[{i}]", "makes a loop: ", *loop_route(fw, [s for s, _ in cycle]), where=_at_link(fw, i))
    ]
