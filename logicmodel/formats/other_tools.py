"""What the readers of other theory-of-change tools (ToC-Maker, PRSM, a logframe) share: levels in the file's
own order with the kind their names say, a tally of what a framework has no place for, and text made plain.

A tool that draws its levels left to right (ToC-Maker's sections) or top to bottom (a logframe's rows) says
their order itself, so its order is kept; a level's kind (input, activity, output, outcome) is read from its
name's words (``logicmodel.core.level_names``), so that "Outputs" is never taken for the activities of a file that
has none. What the file holds and a framework cannot (a PRSM vote, a logframe's milestones) is named once,
with how many times it occurs, in the import's list of what it leaves out (``building.Document.left_out``).

>>> levels, level_of = file_levels(["Inputs", "Outputs", "Outcomes", "End Goal"])
>>> [(level["id"], level.get("kind")) for level in levels]
[('inputs', 'input'), ('output', 'output'), ('outcomes', 'outcome'), ('end-goal', 'outcome')]
>>> [level.get("kind") for level in file_levels(["Activities", "Outputs", "Outcomes"])[0]]
[None, None, None]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from logicmodel.core.errors import Problem, quoted
from logicmodel.core.level_names import KIND_WORDS, level_meaning, name_key
from logicmodel.core.limits import MAX_ITEMS, MAX_SHORT
from logicmodel.core.models import Level, level_kinds
from logicmodel.formats.building import resolve_levels

__all__ = ["NotRead", "file_levels", "kind_of", "order_by_links", "plain", "sentences"]


def kind_of(name: str) -> str:
    """The kind a level's name says it holds: "Key activities" activity, "Outputs" output, "Resources" input,
    anything else (outcomes, impact, goal, vision, mission) outcome.

    >>> [kind_of(n) for n in ("Key activities", "OUTPUTS", "Resources", "End Mission", "Purpose")]
    ['activity', 'output', 'input', 'outcome', 'outcome']

    The words are the one matcher's (``level_meaning``), so a ToC-Maker section "Strategies" or "Interventions"
    holds activities here as it does in a Kumu map; a name that says two things ("Activities and outputs") is
    read by its first kind word.

    >>> [kind_of(n) for n in ("Strategies", "Interventions", "act", "Deliverables", "Activities and outputs")]
    ['activity', 'activity', 'activity', 'output', 'activity']
    """
    meaning = level_meaning(name)
    if meaning is not None:
        return meaning.kind
    words = name_key(name).split()
    for kind in ("input", "activity", "output"):
        if any(KIND_WORDS.get(word) == kind for word in words):
            return kind
    return "outcome"


def file_levels(
    names: Iterable[str], level_map: Sequence[tuple[str, str]] = (), keep_order: bool = True
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The levels for a file's level names and each name's level id (``building.resolve_levels``), in the
    order the file names them when ``keep_order``, each with the kind its name says where the framework would
    otherwise infer another (a file of Outputs and Outcomes has no activities: Outputs stay outputs)."""
    names = list(dict.fromkeys(names))
    levels, level_of = resolve_levels(names, level_map)
    if keep_order:
        first = {}
        for position, name in enumerate(names):
            first.setdefault(level_of[name], position)
        levels.sort(key=lambda level: first.get(level["id"], len(names)))
    inferred = level_kinds([Level.model_construct(**level) for level in levels])  # the loader checks them, later
    meant = {level["id"]: level.get("kind") or kind_of(level["label"]) for level in levels}
    if meant != inferred:  # said for every level: the framework's own inference then changes none of them
        for level in levels:
            level["kind"] = meant[level["id"]]
    return levels, level_of


def order_by_links(levels: list[dict[str, Any]], nodes: list[dict[str, Any]], links: list[dict[str, Any]]) -> None:
    """Put levels whose names say no order (a systems map's "Focal factor", "Policy actions") in the order their
    links run: a level most links leave comes before the levels they reach (each pair of levels counted by the
    way most of its links run), ties in the order the file names them. In place.

    >>> levels = [{"id": "focal"}, {"id": "policy"}]
    >>> order_by_links(levels, [{"id": "a", "level": "focal"}, {"id": "b", "level": "policy"}],
    ...                [{"source": "b", "target": "a"}])
    >>> [level["id"] for level in levels]
    ['policy', 'focal']
    """
    import networkx as nx

    level_of = {node.get("id"): node.get("level") for node in nodes}
    runs: dict[tuple[str, str], int] = {}
    for link in links:
        pair = (level_of.get(link.get("source")), level_of.get(link.get("target")))
        if None not in pair and pair[0] != pair[1]:
            runs[pair] = runs.get(pair, 0) + 1  # type: ignore[index]
    position = {level["id"]: i for i, level in enumerate(levels)}
    graph = nx.DiGraph()
    graph.add_nodes_from(position)
    for (a, b), count in runs.items():
        if count > runs.get((b, a), 0) or (count == runs.get((b, a), 0) and position[a] < position[b]):
            graph.add_edge(a, b)
    while not nx.is_directed_acyclic_graph(graph):  # a loop of levels: its weakest step gives way
        cycle = nx.find_cycle(graph)
        graph.remove_edge(*min(cycle, key=lambda edge: runs.get(edge[:2], 0)))
    order = list(nx.lexicographical_topological_sort(graph, key=lambda level_id: position[level_id]))
    levels.sort(key=lambda level: order.index(level["id"]))


def plain(value: Any) -> str:
    """A field's text, trimmed; "" for anything else (a number is not a label)."""
    return value.strip() if isinstance(value, str) else ""


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def sentences(text: str, most: int = MAX_SHORT, limit: int = MAX_ITEMS + 1) -> list[str]:
    """A paragraph as the one-line items a framework keeps (assumptions, evidence): one a line, and a line
    longer than ``most`` characters split at its sentences; at most ``limit`` items (one more than a list may
    hold, so that the loader says there are too many, without a hostile file's millions being made).

    >>> sentences("Staff stay. Venues open on time.\\n- Weather allows", most=20)
    ['Staff stay.', 'Venues open on time.', 'Weather allows']
    >>> len(sentences("Walks. " * 1000, most=20))
    101
    """
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip().lstrip("-•*").strip()
        if not line:
            continue
        if len(line) <= most:
            out.append(line)
        else:
            start = 0
            for end in _SENTENCE_END.finditer(line):
                out.append(line[start : end.start()].strip())
                start = end.end()
                if len(out) >= limit:
                    break
            else:
                out.append(line[start:].strip())
        if len(out) >= limit:
            break
    return [part for part in out if part][:limit]


class NotRead:
    """What of a file a framework has no place for, each kind named once with how many times it occurs:
    "the field 'thumbUp' (and 4 more factors): a framework has no place for it"."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str, str], list[str]] = {}

    def add(self, what: str, where: str, name: str, kind: str = "field") -> None:
        """``name``, a ``kind`` of thing (a field, a column, an attribute), found at ``where`` in a part of the
        file called ``what`` (factors, rows)."""
        self.found.setdefault((what, name, kind), []).append(where)

    def fields(
        self, what: str, where: str, fields: dict[str, Any], read: Iterable[str], ignored: Iterable[str]
    ) -> None:
        """Each field of ``fields`` that is neither read nor ignored (drawing details: positions, colours)
        and holds something."""
        known = set(read) | set(ignored)
        for key, value in fields.items():
            if key not in known and value not in (None, "", [], {}, False):
                self.add(what, where, key)

    def problems(self) -> list[Problem]:
        out = []
        for (what, name, kind), places in self.found.items():
            if len(places) == 2:  # "and 1 more indicator", "and 1 more activity"
                what = what[:-3] + "y" if what.endswith("ies") else what.removesuffix("s")
            more = f" (and {len(places) - 1:,} more {what})" if len(places) > 1 else ""
            shown = name if name.isprintable() and len(name) <= 60 else repr(name)[:60]
            out.append(Problem(places[0], f"the {kind} {quoted(shown)}{more}: a framework has no place for it"))
        return out
