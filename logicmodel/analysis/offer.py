"""The offer to one commissioner: the outcomes they own, every pathway into them, what they would watch, the gaps.

A stakeholder *owns* the outcome boxes they are attached to (``Node.stakeholders`` on a box of an outcome
level). The pathways into those outcomes are every box upstream of them and every link between those boxes:
never a filter that drops the links in between, so an adviser sees how each activity gets there. A template's
example box, while it keeps its example words, is on no pathway and is no one's outcome, as on Check
(``logicmodel.analysis.placeholders``): a brief never offers "Example activity: what you will deliver".

>>> from logicmodel.core.readwrite import from_data
>>> fw = from_data({
...     "schema_version": 1, "meta": {"title": "T"},
...     "stakeholders": [{"id": "asc", "name": "Adult Social Care", "role": "commissioner"}],
...     "nodes": [
...         {"id": "walk", "level": "activity", "label": "Walking groups"},
...         {"id": "walks", "level": "output", "label": "Weekly walks"},
...         {"id": "falls", "level": "strategic", "label": "Fewer falls", "stakeholders": ["asc"]}],
...     "links": [{"source": "walk", "target": "walks", "strength": "strong"}, {"source": "walks", "target": "falls"}]})
>>> o = offer(fw, "asc")
>>> [n.id for n in o.outcomes], sorted(o.boxes), [n.id for n in o.gaps.unmeasured]
(['falls'], ['falls', 'walk', 'walks'], ['falls'])
>>> [(link.source, link.target) for link in o.gaps.unstated]
[('walks', 'falls')]
"""

from __future__ import annotations

from dataclasses import dataclass

from logicmodel.analysis.placeholders import placeholder_boxes
from logicmodel.core.graph import activity_ids, reached_from, reaching
from logicmodel.core.models import Framework, Indicator, Link, Node, Stakeholder

__all__ = [
    "STRENGTH_RANK",
    "Gaps",
    "Offer",
    "is_outcome",
    "offer",
    "offers",
    "outcomes_owned",
    "pathway_into",
    "stakeholders_in_order",
]

STRENGTH_RANK = {"unknown": 0, "weak": 1, "moderate": 2, "strong": 3}
"""Strength of evidence in order; unstated counts lowest, as nothing backs it yet."""


def is_outcome(fw: Framework, node: Node) -> bool:
    """Whether a box is an outcome (its level holds outcomes), not an input, activity or output."""
    return fw.level_kinds.get(node.level) == "outcome"


def _is_activity(fw: Framework, node: Node) -> bool:
    return fw.level_kinds.get(node.level) == "activity"


def outcomes_owned(fw: Framework, stakeholder_id: str) -> list[Node]:
    """The outcome boxes a stakeholder is attached to, in the framework's order (a template's example box is
    no one's yet)."""
    examples = placeholder_boxes(fw)
    return [n for n in fw.nodes if stakeholder_id in n.stakeholders and is_outcome(fw, n) and n.id not in examples]


def pathway_into(fw: Framework, node_ids: list[str] | set[str]) -> tuple[set[str], list[Link]]:
    """Every box upstream of ``node_ids`` (them included) and every link between those boxes.

    The boxes upstream of a box are closed under "what leads here", so a link is on the pathway exactly when
    its target is. A template's example box, and so what leads on only through it, is on no pathway.
    """
    boxes = reaching(fw, [i for i in node_ids if i in fw.node_by_id], avoiding=placeholder_boxes(fw))
    if len(boxes) * 8 > len(fw.node_by_id):  # most of the framework: one pass over the links is quicker
        # (an example box is in no pathway, so no link to or from one is either)
        return boxes, [link for link in fw.links if link.target in boxes and link.source in boxes]
    into = fw.cached("links_into", _links_into)  # a few boxes: only the links into them, not every link each time
    found = sorted(i for box in boxes for i in into.get(box, ()))
    links = fw.links
    return boxes, [links[i] for i in found if links[i].source in boxes]


def _links_into(fw: Framework) -> dict[str, list[int]]:
    """The positions of the links into each box, in the framework's order."""
    into: dict[str, list[int]] = {}
    for i, (_, target) in enumerate(fw.link_pairs):
        into.setdefault(target, []).append(i)
    return into


@dataclass(frozen=True)
class Gaps:
    """What stands between a commissioner and a convincing offer."""

    unreached: list[Node]
    """Their outcomes that no activity leads to."""
    weak: list[Link]
    """Links on the pathways with weak evidence."""
    unstated: list[Link]
    """Links on the pathways whose strength of evidence is not stated."""
    unmeasured: list[Node]
    """Their outcomes without an indicator."""

    def count(self) -> int:
        """How many gaps in all."""
        return len(self.unreached) + len(self.weak) + len(self.unstated) + len(self.unmeasured)


@dataclass(frozen=True)
class Offer:
    """What a framework offers one stakeholder (usually a commissioner)."""

    stakeholder: Stakeholder
    outcomes: list[Node]
    """The outcomes they own."""
    boxes: set[str]
    """Every box on a pathway into their outcomes, the outcomes included."""
    links: list[Link]
    """Every link on those pathways, in the framework's order."""
    activities: list[Node]
    """The activities on those pathways, in the framework's order."""
    indicators: list[tuple[Node, Indicator]]
    """What they would watch: the indicators of their outcomes, with the outcome each measures."""
    progress: list[tuple[Node, Indicator]]
    """Indicators of the other boxes on the pathways: progress along the way."""
    gaps: Gaps

    @property
    def reach(self) -> int | None:
        """Participants a year across the activities that record a reach; None when none does."""
        known = [a.reach for a in self.activities if a.reach is not None]
        return sum(known) if known else None


def offer(fw: Framework, stakeholder_id: str) -> Offer:
    """The offer to one stakeholder. Raises ``KeyError`` for an unknown stakeholder id."""
    who = next((s for s in fw.stakeholders if s.id == stakeholder_id), None)
    if who is None:
        raise KeyError(f"no stakeholder has the id '{stakeholder_id}'")
    outcomes = outcomes_owned(fw, stakeholder_id)
    owned = {n.id for n in outcomes}
    boxes, links = pathway_into(fw, owned)
    on_path = [n for n in fw.nodes if n.id in boxes]
    activities = [n for n in on_path if _is_activity(fw, n)]
    reached = reached_from(fw, activity_ids(fw), avoiding=placeholder_boxes(fw))
    unreached = [o for o in outcomes if o.id not in reached]
    gaps = Gaps(
        unreached=unreached,
        weak=[link for link in links if link.strength == "weak"],
        unstated=[link for link in links if link.strength == "unknown"],
        unmeasured=[o for o in outcomes if not o.indicators],
    )
    return Offer(
        stakeholder=who,
        outcomes=outcomes,
        boxes=boxes,
        links=links,
        activities=activities,
        indicators=[(o, i) for o in outcomes for i in o.indicators],
        progress=[(n, i) for n in on_path if n.id not in owned for i in n.indicators],
        gaps=gaps,
    )


def stakeholders_in_order(fw: Framework) -> list[Stakeholder]:
    """Commissioners first, then the other stakeholders, each group in the framework's order."""
    return sorted(fw.stakeholders, key=lambda s: s.role != "commissioner")


def offers(fw: Framework) -> list[Offer]:
    """The offer to each commissioner, in the framework's order (what a report sets out)."""
    return [offer(fw, s.id) for s in fw.stakeholders if s.role == "commissioner"]
