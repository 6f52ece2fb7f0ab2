"""Completeness checks: the framework is usable, but has gaps a commissioner would spot.

Each finding has a stable ``code`` (safe to filter on in scripts), the ids of
the nodes it concerns and a plain-English message. Every check is one pass
over the framework or one search of its graph, so all of them together stay
linear in its size.

>>> from logicmodel.core.models import Framework
>>> fw = Framework.model_validate({
...     "schema_version": 1, "meta": {"title": "T"},
...     "nodes": [{"id": "swim", "level": "activity", "label": "Free summer swimming"}],
...     "links": []})
>>> [f.code for f in check(fw)]
['unlinked-node', 'no-route-to-strategic', 'activity-without-cost', 'activity-without-reach']
>>> [CHECKS[f.code].group for f in check(fw)]
['logic', 'logic', 'ready', 'ready']
"""

from __future__ import annotations

import functools
from typing import Literal, NamedTuple

from logicmodel.analysis.placeholders import counted_links, placeholder_boxes, placeholder_texts
from logicmodel.core.bulk import gc_paused
from logicmodel.core.graph import activity_ids, last_level_ids, reached_from, reaching
from logicmodel.core.models import Framework, Node
from logicmodel.core.wording import plural

__all__ = ["CHECKS", "GROUPS", "Finding", "Group", "WarningKind", "check", "verdict", "warnings_table"]


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
    ``measure`` names the coverage figure (a field of ``logicmodel.analysis.coverage.Coverage``) that counts the same
    things the other way round, when one does: its total less its count is this kind's number of findings,
    so "Activities with a cost 1 of 3" stands beside "Activities without a cost (2)".
    """

    code: str
    title: str
    boxes: str
    description: str
    fix: str
    group: Literal["logic", "ready"]
    fixed_in: Literal["links", "link", "box"]
    measure: str | None = None


_found = functools.partial(tuple.__new__, Finding)
"""``_found((code, nodes, message))`` is ``Finding(code, nodes, message)`` made in C: a framework of 10,000 boxes
can have some 40,000 findings, and a NamedTuple's own constructor is a Python call each."""


class Group(NamedTuple):
    """A group of warnings: its ``title``, its verdict when nothing is left (``done``) and when gaps are
    (``gaps``, with ``{gaps}`` for how many), and what it asks, in a sentence."""

    title: str
    done: str
    gaps: str
    description: str


GROUPS = {
    "logic": Group(
        "The logic",
        "The logic holds",
        "The logic has {gaps}",
        "Does every box lead on to a strategic outcome, is every outcome delivered and measured? (Loops and "
        "links that run backwards are refused as they are made.)",
    ),
    "ready": Group(
        "Ready to show a commissioner",
        "Ready to show a commissioner",
        "Not yet ready to show a commissioner: {gaps}",
        "What a commissioner will ask for next: where each indicator starts and aims, and its source; what "
        "each activity costs and whom it reaches; the evidence behind each step; who owns each outcome.",
    ),
}
"""The groups of warnings, each one verdict on the Check page, in order."""


def verdict(group: str, gaps: int) -> str:
    """A group's verdict in words: done, or how many gaps stand in the way.

    >>> verdict("logic", 0), verdict("logic", 1), verdict("ready", 12)
    ('The logic holds', 'The logic has 1 gap', 'Not yet ready to show a commissioner: 12 gaps')
    """
    kind = GROUPS[group]
    return kind.gaps.format(gaps=plural(gaps, "gap")) if gaps else kind.done


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
            "Boxes that lead to no strategic outcome",
            "the box",
            "A box below the last level (an activity, an output, an intermediate outcome) from which no chain "
            "of links reaches a box of the last level, even when the activity that feeds it does by another route.",
            "Link it on towards the outcome it serves; if it serves none, ask why it is there.",
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
            "outcomes_with_indicator",
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
        WarningKind(
            "indicator-without-baseline",
            "Indicators without a baseline",
            "the box",
            "An indicator with no baseline: where things stand before the work starts.",
            "Give where it stands now, the latest figure from its source, as its baseline.",
            "ready",
            "box",
            "indicators_with_baseline",
        ),
        WarningKind(
            "indicator-without-target",
            "Indicators without a target",
            "the box",
            "An indicator with no target: the change the work aims for.",
            "Agree a target with the commissioner, e.g. 'down 2 points by 2028', and give it to the indicator.",
            "ready",
            "box",
            "indicators_with_target",
        ),
        WarningKind(
            "indicator-without-source",
            "Indicators without a source",
            "the box",
            "An indicator that names no source: the dataset or survey that will report it.",
            "Name the dataset, e.g. 'Active Lives Adult survey' or 'Public Health Outcomes Framework C17b'.",
            "ready",
            "box",
            "indicators_with_source",
        ),
        WarningKind(
            "link-strength-unstated",
            "Links that do not say how strong their evidence is",
            "source and target",
            "A link whose strength of evidence is not stated (unknown).",
            "Say whether the evidence for this step is strong, moderate or weak, and cite it on the link.",
            "ready",
            "link",
            "links_with_strength",
        ),
        WarningKind(
            "outcome-without-evidence",
            "Outcomes no evidence supports",
            "the outcome",
            "An outcome with no evidence: none on the box and none on any link into it.",
            "Cite a study or evaluation, on the outcome or on the link that leads to it.",
            "ready",
            "box",
            "outcomes_with_evidence",
        ),
        WarningKind(
            "activity-without-cost",
            "Activities without a cost",
            "the activity",
            "An activity that does not say what it costs.",
            "Give its cost and the period it covers, e.g. 25,000 GBP a year.",
            "ready",
            "box",
            "activities_with_cost",
        ),
        WarningKind(
            "activity-without-reach",
            "Activities without a reach",
            "the activity",
            "An activity that does not say how many people it reaches a year.",
            "Give the number of participants a year, from its monitoring or its plan.",
            "ready",
            "box",
            "activities_with_reach",
        ),
        WarningKind(
            "strategic-outcome-without-commissioner",
            "Strategic outcomes without a commissioner",
            "the outcome",
            "A box of the last level with no commissioner attached: nobody owns it.",
            "Attach the commissioner whose outcome it is (add them under Stakeholders if they are not there).",
            "ready",
            "box",
        ),
        WarningKind(
            "placeholder-text",
            "Template text still in place",
            "the box, or source and target",
            "A box's label or description, or a link's reason, that is still a template's example text.",
            "Replace it with your own words, or delete the example box.",
            "ready",
            "box",
        ),
    )
}
"""Every kind of warning by its code, in the order findings are listed: the one definition of each. A new kind is
an entry here and the few lines that find it (in ``_logic_of_boxes``, ``_level_skips`` or ``_readiness``, each
one pass); every list of findings, the Check page, the fixes, the reports, ``validate --json`` and the table in
docs/format.md (``warnings_table``) follow from it."""


def warnings_table() -> str:
    """The warnings as the Markdown table in docs/format.md (a test keeps the two the same).

    >>> warnings_table().splitlines()[0]
    '| code | group | boxes | when | how to fix it |'
    """
    rows = ["| code | group | boxes | when | how to fix it |", "|---|---|---|---|---|"]
    rows += [f"| `{k.code}` | `{k.group}` | {k.boxes} | {k.description} | {k.fix} |" for k in CHECKS.values()]
    return "\n".join(rows) + "\n"


Found = dict[str, list[Finding]]
"""The findings so far, a list for each kind of warning, by its code: made from ``CHECKS`` (``_lists``), so
that a new kind needs no list of codes written again; a finding whose code ``CHECKS`` does not define is a
``KeyError`` at once."""


@gc_paused
def check(fw: Framework) -> list[Finding]:
    """Every completeness finding of ``fw``, grouped by kind in the order of ``CHECKS``."""
    found = _lists()
    _logic_of_boxes(fw, found)
    _level_skips(fw, found)
    _readiness(fw, found)
    return [finding for findings in found.values() for finding in findings]


def _lists() -> Found:
    """An empty list of findings for each kind of warning, in the order of ``CHECKS``."""
    return {code: [] for code in CHECKS}


def _labels(fw: Framework) -> dict[str, str]:
    """Each box's label by its id: one plain dict, since a look-up through the framework's cache costs more."""
    return fw.cached("labels", lambda f: {n.id: n.label for n in f.nodes})


def _quote(fw: Framework, node_id: str) -> str:
    return f"'{fw.node_by_id[node_id].label}'"


def _logic_of_boxes(fw: Framework, found: Found) -> None:
    """The logic's warnings about boxes (unlinked, no route on, no activity in, no indicator), in one pass
    over the boxes after two searches of the links."""
    last_label = fw.levels[-1].label.lower()
    last_rank, last = len(fw.levels) - 1, fw.levels[-1].id
    rank, kinds = fw.node_rank, fw.level_kinds
    linked = {end for pair in fw.link_pairs for end in pair}  # any link at all, an example's too
    examples = placeholder_boxes(fw)  # counted nowhere but as template text, as coverage counts them
    leads_on = reaching(fw, last_level_ids(fw), avoiding=examples)
    delivered = reached_from(fw, activity_ids(fw), avoiding=examples)
    for n in fw.nodes:
        if n.id in examples:
            continue
        box, kind = (n.id,), kinds.get(n.level)
        if n.id not in linked:
            found["unlinked-node"].append(
                _found(("unlinked-node", box, f"'{n.label}' has no links: connect it or remove it."))
            )
        if rank[n.id] < last_rank and n.id not in leads_on:
            why = "or ask why it is funded." if kind == "activity" else "or ask why it is there."
            found["no-route-to-strategic"].append(
                _found(
                    (
                        "no-route-to-strategic",
                        box,
                        f"'{n.label}' does not lead to any of the {last_label}: link it to an outcome, {why}",
                    )
                )
            )
        if n.level == last and n.id not in delivered:
            found["no-contributing-activity"].append(
                _found(
                    (
                        "no-contributing-activity",
                        box,
                        f"No activity leads to '{n.label}': say what delivers it, or drop it.",
                    )
                )
            )
        if kind == "outcome" and not n.indicators:
            found["outcome-without-indicator"].append(
                _found(
                    (
                        "outcome-without-indicator",
                        box,
                        f"'{n.label}' has no indicator: how would a commissioner know it has changed?",
                    )
                )
            )


def _level_skips(fw: Framework, found: Found) -> None:
    """Links that jump over a level holding boxes; a template's example boxes hold no level, and the links to
    and from them are not counted."""
    node_rank, examples = fw.node_rank, placeholder_boxes(fw)
    ranks = node_rank if not examples else {i: r for i, r in node_rank.items() if i not in examples}
    used = sorted(set(ranks.values()))
    position = {r: i for i, r in enumerate(used)}
    step = {node_id: position[r] for node_id, r in ranks.items()}
    pairs = fw.link_pairs if not examples else [(k.source, k.target) for k in counted_links(fw)]
    found["level-skip"] += [
        _level_skip(fw, source, target, used[step[source] + 1 : step[target]])
        for source, target in pairs
        if step[target] - step[source] > 1
    ]


def _level_skip(fw: Framework, source: str, target: str, skipped_ranks: list[int]) -> Finding:
    skipped = " and ".join(fw.levels[r].label.lower() for r in skipped_ranks)
    return _found(
        (
            "level-skip",
            (source, target),
            f"The link from {_quote(fw, source)} to {_quote(fw, target)} skips {skipped}: is a step missing?",
        )
    )


_INDICATOR_GAPS = (
    ("indicator-without-baseline", "baseline", "has no baseline: where do things stand now?"),
    ("indicator-without-target", "target", "has no target: what change is the work aiming for?"),
    ("indicator-without-source", "source", "names no source: which dataset will report it?"),
)


def _readiness(fw: Framework, found: Found) -> None:
    """Every gap a commissioner would ask about, each in its kind's list.

    One pass over the boxes and one over the links, each finding put in its kind's list: on a large
    framework the checks' time goes on visiting every box, so the readiness checks visit each once.
    """
    links_found: list[Finding] = []  # template text in links' reasons: listed after the boxes'
    kinds, last = fw.level_kinds, fw.levels[-1].id
    commissioners = {s.id for s in fw.stakeholders if s.role == "commissioner"}
    examples = placeholder_texts()  # as the templates wrote them: one look-up a text
    example_boxes = placeholder_boxes(fw)  # counted nowhere but as template text, as coverage counts them
    label = _labels(fw)
    backed = set()  # outcomes a link's evidence supports
    for link in fw.links:
        pair = (link.source, link.target)
        counts = link.source not in example_boxes and link.target not in example_boxes
        if link.evidence and counts:
            backed.add(link.target)
        if link.strength == "unknown" and counts:
            found["link-strength-unstated"].append(
                _found(
                    (
                        "link-strength-unstated",
                        pair,
                        f"The link from '{label[pair[0]]}' to '{label[pair[1]]}' does not say how strong its "
                        "evidence is.",
                    )
                )
            )
        if link.rationale in examples:
            links_found.append(
                _found(
                    (
                        "placeholder-text",
                        pair,
                        f"The reason given for the link from '{label[pair[0]]}' to '{label[pair[1]]}' is still "
                        "the template's example text: say why in your own words.",
                    )
                )
            )
    for n in fw.nodes:
        box = (n.id,)
        if n.id in example_boxes:  # its only gap is that it is still the template's example
            found["placeholder-text"] += _placeholder_findings(n, examples)
            continue
        for i in n.indicators:
            for code, field, words in _INDICATOR_GAPS:
                if getattr(i, field) is None:
                    found[code].append(_found((code, box, f"'{n.label}': the indicator '{i.name}' {words}")))
        kind = kinds.get(n.level)
        if kind == "outcome" and not n.evidence and n.id not in backed:
            found["outcome-without-evidence"].append(
                _found(
                    (
                        "outcome-without-evidence",
                        box,
                        f"No evidence supports '{n.label}': cite a study or evaluation on it or on a link into it.",
                    )
                )
            )
        elif kind == "activity":
            if n.cost is None:
                found["activity-without-cost"].append(
                    _found(("activity-without-cost", box, f"'{n.label}' does not say what it costs."))
                )
            if n.reach is None:
                found["activity-without-reach"].append(
                    _found(
                        ("activity-without-reach", box, f"'{n.label}' does not say how many people it reaches a year.")
                    )
                )
        if n.level == last and not commissioners.intersection(n.stakeholders):
            found["strategic-outcome-without-commissioner"].append(
                _found(
                    (
                        "strategic-outcome-without-commissioner",
                        box,
                        f"No commissioner is attached to '{n.label}': whose outcome is it?",
                    )
                )
            )
        if n.description in examples:
            found["placeholder-text"] += _placeholder_findings(n, examples)
    found["placeholder-text"] += links_found


def _placeholder_findings(n: Node, examples: frozenset[str]) -> list[Finding]:
    """A finding for the box's label and one for its description, each that is still a template's example."""
    return [
        _found(
            (
                "placeholder-text",
                (n.id,),
                f"'{n.label}' still has the template's example text in its {field}: replace it with your own words.",
            )
        )
        for field, text in (("label", n.label), ("description", n.description))
        if text in examples
    ]
