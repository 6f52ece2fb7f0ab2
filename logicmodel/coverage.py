"""The coverage summary: how complete a framework is, in a few shares a manager reads at a glance.

Four measures: the share of activities that lead to a last-level (strategic)
outcome, of outcomes with an indicator, of links with a stated strength of
evidence, and for each commissioner the share of their outcomes that some
activity leads to. Each is a count out of a total, so "3 of 4" can be shown
beside "75%". Two searches of the framework's graph, so linear in its size.

A box whose label is still a template's example text (``logicmodel.placeholders``) is not counted, nor are
the links to and from it, nor routes through it: "Example activity: what you will deliver" does not make a
framework complete.

>>> from logicmodel.models import Framework
>>> fw = Framework.model_validate({
...     "schema_version": 1, "meta": {"title": "Active Suffolk"},
...     "stakeholders": [{"id": "ph", "name": "Public Health", "role": "commissioner"}],
...     "nodes": [
...         {"id": "walk", "level": "activity", "label": "Walking groups"},
...         {"id": "gym", "level": "activity", "label": "Gym referral"},
...         {"id": "mood", "level": "strategic", "label": "Better mental wellbeing", "stakeholders": ["ph"],
...          "indicators": [{"name": "Self-reported wellbeing"}]}],
...     "links": [{"source": "walk", "target": "mood", "strength": "moderate"}]})
>>> summary = coverage(fw)
>>> str(summary.activities_reaching), str(summary.outcomes_with_indicator), str(summary.links_with_strength)
('1 of 2 (50%)', '1 of 1 (100%)', '1 of 1 (100%)')
>>> [(c.name, str(c.share)) for c in summary.commissioners]
[('Public Health', '1 of 1 (100%)')]
"""

from __future__ import annotations

from typing import NamedTuple

from logicmodel.graph import activity_ids, last_level_ids, reached_from, reaching
from logicmodel.models import Framework
from logicmodel.placeholders import placeholder_boxes

__all__ = ["CommissionerCoverage", "Coverage", "Share", "coverage"]


class Share(NamedTuple):
    """``count`` of ``total``; ``ratio`` is None when there is nothing to count."""

    count: int
    total: int

    @property
    def ratio(self) -> float | None:
        return self.count / self.total if self.total else None

    def __str__(self) -> str:
        if not self.total:
            return "none to count"
        return f"{self.count} of {self.total} ({round(100 * self.count / self.total)}%)"


class CommissionerCoverage(NamedTuple):
    """A commissioner and the share of their outcomes that some activity leads to."""

    id: str
    name: str
    share: Share


class Coverage(NamedTuple):
    """The coverage summary of a framework (see the module's description)."""

    activities_reaching: Share
    outcomes_with_indicator: Share
    links_with_strength: Share
    commissioners: list[CommissionerCoverage]

    def rows(self, last_level_label: str = "strategic outcomes") -> list[tuple[str, Share]]:
        """Every measure as ``(what it measures, share)``, in the order a chart shows them."""
        rows = [
            (f"Activities that lead to {last_level_label}", self.activities_reaching),
            ("Outcomes with an indicator", self.outcomes_with_indicator),
            ("Links with a stated strength of evidence", self.links_with_strength),
        ]
        rows += [(f"{c.name}: outcomes an activity leads to", c.share) for c in self.commissioners]
        return rows


def coverage(fw: Framework) -> Coverage:
    """The coverage summary of ``fw``, computed once per framework object."""
    return fw.cached("coverage", _coverage)


def _coverage(fw: Framework) -> Coverage:
    examples = placeholder_boxes(fw)  # a template's example box is not yet part of the framework
    activities = [a for a in activity_ids(fw) if a not in examples]
    leads_to_last = reaching(fw, last_level_ids(fw), avoiding=examples)
    kinds = fw.level_kinds
    outcomes = [n for n in fw.nodes if kinds.get(n.level) == "outcome" and n.id not in examples]
    links = [k for k in fw.links if k.source not in examples and k.target not in examples]
    reached = reached_from(fw, activities, avoiding=examples)
    commissioners = []
    for stakeholder in fw.stakeholders:
        if stakeholder.role != "commissioner":
            continue
        theirs = [n.id for n in outcomes if stakeholder.id in n.stakeholders]
        share = Share(sum(1 for node_id in theirs if node_id in reached), len(theirs))
        commissioners.append(CommissionerCoverage(stakeholder.id, stakeholder.name, share))
    return Coverage(
        activities_reaching=Share(sum(1 for a in activities if a in leads_to_last), len(activities)),
        outcomes_with_indicator=Share(sum(1 for n in outcomes if n.indicators), len(outcomes)),
        links_with_strength=Share(sum(1 for link in links if link.strength != "unknown"), len(links)),
        commissioners=commissioners,
    )
