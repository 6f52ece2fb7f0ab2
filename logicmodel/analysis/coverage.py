"""The coverage summary: how complete a framework is, in a few shares a manager reads at a glance.

Two groups of measures, as the checks have (``logicmodel.analysis.checks.GROUPS``). The logic: the share of
activities that lead to a last-level (strategic) outcome, of outcomes with an indicator, of links with a
stated strength of evidence. Ready to show a commissioner: the share of indicators with a baseline, a
target and a source; of activities with a cost and a reach; of outcomes that evidence supports (on the box
or on a link into it). Then, for each commissioner, the share of their outcomes that some activity leads
to. Each is a count out of a total, so "3 of 4" can be shown beside "75%". Two searches of the framework's
graph and one pass over its boxes and links, so linear in its size.

A box whose label is still a template's example text (``logicmodel.analysis.placeholders``) is not counted, nor are
its indicators, the links to and from it, or routes through it: "Example activity: what you will deliver" does
not make a framework complete. The checks leave out the same boxes, so each figure agrees with its list of
gaps (``logicmodel.analysis.checks.WarningKind.measure`` names the pairs).

>>> from logicmodel.core.models import Framework
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
>>> str(summary.indicators_with_baseline), str(summary.activities_with_cost), str(summary.outcomes_with_evidence)
('0 of 1 (0%)', '0 of 2 (0%)', '0 of 1 (0%)')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TypeVar

from logicmodel.analysis.checks import GROUPS
from logicmodel.analysis.placeholders import counted_links, placeholder_boxes
from logicmodel.core.graph import activity_ids, last_level_ids, reached_from, reaching
from logicmodel.core.models import Framework

T = TypeVar("T")

__all__ = ["GROUP_TITLES", "MEASURES", "CommissionerCoverage", "Coverage", "Share", "coverage"]

GROUP_TITLES = {group: kind.title for group, kind in GROUPS.items()} | {
    "commissioners": "Commissioners: their outcomes an activity leads to",
}
"""The title of each group of measures, as :meth:`Coverage.grouped_rows` names them: the checks' groups
(``logicmodel.analysis.checks.GROUPS``, titled there once), then each commissioner's share."""


MEASURES = {
    "activities_reaching": ("logic", "Activities that lead to {last}"),
    "outcomes_with_indicator": ("logic", "Outcomes with an indicator"),
    "links_with_strength": ("logic", "Links with a stated strength of evidence"),
    "indicators_with_baseline": ("ready", "Indicators with a baseline"),
    "indicators_with_target": ("ready", "Indicators with a target"),
    "indicators_with_source": ("ready", "Indicators with a source"),
    "activities_with_cost": ("ready", "Activities with a cost"),
    "activities_with_reach": ("ready", "Activities with a reach"),
    "outcomes_with_evidence": ("ready", "Outcomes with evidence (on the box or a link into it)"),
}
"""Each measure of the whole framework by its field of ``Coverage``: its group and what it measures, in the
order a chart shows them (``{last}`` is the last level's label). A check names the one it pairs with
(``logicmodel.analysis.checks.WarningKind.measure``)."""


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
    indicators_with_baseline: Share
    indicators_with_target: Share
    indicators_with_source: Share
    activities_with_cost: Share
    activities_with_reach: Share
    outcomes_with_evidence: Share

    def grouped_rows(self, last_level_label: str = "strategic outcomes") -> list[tuple[str, str, Share]]:
        """Every measure as ``(group, what it measures, share)``, group by group, in the order a chart shows them.

        The group is a key of ``GROUP_TITLES``: "logic", "ready" or "commissioners". A commissioner's measure
        is named by the commissioner alone (their group's title says what is counted), so that a long name such
        as "Integrated care board (formerly the clinical commissioning group)" fits beside its bar.
        """
        rows = [
            (group, label.format(last=last_level_label), getattr(self, name))
            for name, (group, label) in MEASURES.items()
        ]
        rows += [("commissioners", c.name, c.share) for c in self.commissioners]
        return rows

    def rows(self, last_level_label: str = "strategic outcomes") -> list[tuple[str, Share]]:
        """Every measure as ``(what it measures, share)``, in the order of :meth:`grouped_rows`, each label
        whole without its group ("Public Health: outcomes an activity leads to")."""
        return [
            (f"{label}: outcomes an activity leads to" if group == "commissioners" else label, share)
            for group, label, share in self.grouped_rows(last_level_label)
        ]


def coverage(fw: Framework) -> Coverage:
    """The coverage summary of ``fw``, computed once per framework object."""
    return fw.cached("coverage", _coverage)


def _coverage(fw: Framework) -> Coverage:
    examples = placeholder_boxes(fw)  # a template's example box is not yet part of the framework
    activities = [a for a in activity_ids(fw) if a not in examples]
    leads_to_last = reaching(fw, last_level_ids(fw), avoiding=examples)
    kinds = fw.level_kinds
    outcomes = [n for n in fw.nodes if kinds.get(n.level) == "outcome" and n.id not in examples]
    links = counted_links(fw)
    by_id = fw.node_by_id
    indicators = [i for n in fw.nodes if n.id not in examples for i in n.indicators]
    backed = {k.target for k in links if k.evidence}  # outcomes a link's evidence supports
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
        indicators_with_baseline=_share(indicators, lambda i: i.baseline is not None),
        indicators_with_target=_share(indicators, lambda i: i.target is not None),
        indicators_with_source=_share(indicators, lambda i: i.source is not None),
        activities_with_cost=Share(sum(1 for a in activities if by_id[a].cost is not None), len(activities)),
        activities_with_reach=Share(sum(1 for a in activities if by_id[a].reach is not None), len(activities)),
        outcomes_with_evidence=Share(sum(1 for n in outcomes if n.evidence or n.id in backed), len(outcomes)),
    )


def _share(items: list[T], counts: Callable[[T], bool]) -> Share:
    """The share of ``items`` that ``counts``."""
    return Share(sum(1 for item in items if counts(item)), len(items))
