"""Completeness checks: the framework is usable, but has gaps a commissioner would spot.

Each finding has a stable ``code`` (safe to filter on in scripts), the ids of
the nodes it concerns and a plain-English message. Every check is one pass
over the framework or one search of its graph, so all of them together stay
linear in its size.

>>> from logicmodel.models import Framework
>>> fw = Framework.model_validate({
...     "schema_version": 1, "meta": {"title": "T"},
...     "nodes": [{"id": "swim", "level": "activity", "label": "Free summer swimming"}],
...     "links": []})
>>> [f.code for f in check(fw)]
['unlinked-node', 'no-route-to-strategic']
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from logicmodel.bulk import gc_paused
from logicmodel.graph import activity_ids, last_level_ids, reached_from, reaching, to_graph
from logicmodel.models import Framework

__all__ = ["CHECKS", "GROUPS", "Finding", "WarningKind", "check", "warnings_table"]


class Finding(NamedTuple):
    """A gap in a framework: ``code``, the ``nodes`` it concerns and a ``message``."""

    code: str
    nodes: tuple[str, ...]
    message: str


class WarningKind(NamedTuple):
    """One kind of warning, defined once: the Check page, the fixes, ``validate`` and docs/format.md read it.

    ``code`` is stable (scripts filter on it); ``title`` heads its list on the Check page; ``boxes`` says
    which boxes a finding names; ``description`` says when it is raised and ``fix`` how to fix it, in plain
    words; ``group`` is the verdict it counts towards (``GROUPS``); ``fixed_in`` is where Build opens to fix
    it: ``"links"`` (a new link from the box), ``"link"`` (the link named) or ``"box"`` (the box's form).
    """

    code: str
    title: str
    boxes: str
    description: str
    fix: str
    group: Literal["logic"]
    fixed_in: Literal["links", "link", "box"]


GROUPS = {"logic": "The logic"}
"""The groups of warnings, each one verdict on the Check page, in order."""

CHECKS: dict[str, WarningKind] = {
    kind.code: kind
    for kind in (
        WarningKind(
            "unlinked-node",
            "Boxes with no links",
            "the box",
            "A box with no links at all.",
            "Link it to what it leads to or to what leads to it, or delete it if it is not part of the logic.",
            "logic",
            "links",
        ),
        WarningKind(
            "no-route-to-strategic",
            "Activities that lead to no strategic outcome",
            "the activity",
            "An activity from which no chain of links reaches a box of the last level.",
            "Link it on towards an outcome it serves, or ask why it is funded.",
            "logic",
            "links",
        ),
        WarningKind(
            "no-contributing-activity",
            "Strategic outcomes no activity leads to",
            "the outcome",
            "A box of the last level that no activity reaches.",
            "Link the activities that deliver it (through their outputs and outcomes), or drop it.",
            "logic",
            "box",
        ),
        WarningKind(
            "outcome-without-indicator",
            "Outcomes without an indicator",
            "the outcome",
            "A box at an outcome level with no indicator.",
            "Add an indicator, from the library or your own, that would show a commissioner it has changed.",
            "logic",
            "box",
        ),
        WarningKind(
            "level-skip",
            "Links that skip a level",
            "source and target",
            "A link that jumps over a level that has boxes in it. Outputs are optional: a framework with no "
            "outputs at all can link activities straight to intermediate outcomes without a warning.",
            "Add the missing step between the two boxes, or keep the link if the jump is real.",
            "logic",
            "link",
        ),
    )
}
"""Every kind of warning by its code, in the order findings are listed."""


def warnings_table() -> str:
    """The warnings as the Markdown table in docs/format.md (a test keeps the two the same).

    >>> warnings_table().splitlines()[0]
    '| code | group | boxes | when | how to fix it |'
    """
    rows = ["| code | group | boxes | when | how to fix it |", "|---|---|---|---|---|"]
    rows += [f"| `{k.code}` | `{k.group}` | {k.boxes} | {k.description} | {k.fix} |" for k in CHECKS.values()]
    return "\n".join(rows) + "\n"


@gc_paused
def check(fw: Framework) -> list[Finding]:
    """Every completeness finding of ``fw``, grouped by kind in the order of ``CHECKS``."""
    return (
        _unlinked(fw)
        + _no_route_to_strategic(fw)
        + _no_contributing_activity(fw)
        + _outcome_without_indicator(fw)
        + _level_skips(fw)
    )


def _quote(fw: Framework, node_id: str) -> str:
    return f"'{fw.node_by_id[node_id].label}'"


def _unlinked(fw: Framework) -> list[Finding]:
    graph = to_graph(fw)
    succ, pred = graph.succ, graph.pred
    return [
        Finding("unlinked-node", (n.id,), f"'{n.label}' has no links: connect it or remove it.")
        for n in fw.nodes
        if not succ[n.id] and not pred[n.id]
    ]


def _no_route_to_strategic(fw: Framework) -> list[Finding]:
    last_label = fw.levels[-1].label.lower()
    reach = reaching(fw, last_level_ids(fw))
    return [
        Finding(
            "no-route-to-strategic",
            (node_id,),
            f"{_quote(fw, node_id)} does not lead to any of the {last_label}: "
            "link it to an outcome, or ask why it is funded.",
        )
        for node_id in activity_ids(fw)
        if node_id not in reach
    ]


def _no_contributing_activity(fw: Framework) -> list[Finding]:
    reached = reached_from(fw, activity_ids(fw))
    return [
        Finding(
            "no-contributing-activity",
            (node_id,),
            f"No activity leads to {_quote(fw, node_id)}: say what delivers it, or drop it.",
        )
        for node_id in last_level_ids(fw)
        if node_id not in reached
    ]


def _outcome_without_indicator(fw: Framework) -> list[Finding]:
    kinds = fw.level_kinds
    return [
        Finding(
            "outcome-without-indicator",
            (n.id,),
            f"'{n.label}' has no indicator: how would a commissioner know it has changed?",
        )
        for n in fw.nodes
        if kinds.get(n.level) == "outcome" and not n.indicators
    ]


def _level_skips(fw: Framework) -> list[Finding]:
    node_rank = fw.node_rank
    used = sorted(set(node_rank.values()))
    position = {r: i for i, r in enumerate(used)}
    step = {node_id: position[r] for node_id, r in node_rank.items()}
    return [
        _level_skip(fw, source, target, used[step[source] + 1 : step[target]])
        for source, target in fw.link_pairs
        if step[target] - step[source] > 1
    ]


def _level_skip(fw: Framework, source: str, target: str, skipped_ranks: list[int]) -> Finding:
    skipped = " and ".join(fw.levels[r].label.lower() for r in skipped_ranks)
    return Finding(
        "level-skip",
        (source, target),
        f"The link from {_quote(fw, source)} to {_quote(fw, target)} skips {skipped}: is a step missing?",
    )
