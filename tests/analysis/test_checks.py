"""Completeness checks: each warning fires when its gap is there, and only then."""

from collections import Counter

import pytest
from factories import link, minimal, node, ready_walking, sport_england_with_own_boxes, walking
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT

from logicmodel import CHECKS, check, from_data
from logicmodel.analysis.checks import GROUPS, warnings_table
from logicmodel.analysis.coverage import MEASURES, coverage
from logicmodel.analysis.placeholders import placeholder_boxes
from logicmodel.core import samples
from logicmodel.core.readwrite import to_data
from logicmodel.editing import edit

OUTCOME = {"indicators": [{"name": "An indicator"}]}


def codes(data, group="logic"):
    """The findings of one group (the logic, by default) as ``(code, nodes)``."""
    return [(f.code, f.nodes) for f in check(from_data(data)) if CHECKS[f.code].group == group]


def test_complete_framework_has_no_warnings():
    assert codes(walking()) == []
    assert check(from_data(ready_walking())) == []  # nor, with all a commissioner asks for, any of the other group


def test_unlinked_node():
    assert ("unlinked-node", ("lonely",)) in codes(minimal([node("lonely", "output")]))


def test_activity_with_no_route_to_strategic():
    data = minimal([node("a"), node("b"), node("i", "intermediate", **OUTCOME), node("s", "strategic", **OUTCOME)])
    data["links"] = [link("a", "i"), link("i", "s"), link("b", "i")]
    assert codes(data) == []
    data["links"] = [link("a", "i"), link("i", "s")]
    data["nodes"].append(node("dead-end-output", "output"))
    data["links"].append(link("b", "dead-end-output"))
    assert [c for c in codes(data) if c[0] == "no-route-to-strategic"] == [
        ("no-route-to-strategic", ("b",)),
        ("no-route-to-strategic", ("dead-end-output",)),
    ]


def test_an_output_that_leads_nowhere_is_flagged_even_when_its_activity_reaches_an_outcome():
    boxes = [node("a"), node("leaflets", "output", label="Leaflets printed"), node("walks", "output")]
    boxes += [node("i", "intermediate", **OUTCOME), node("s", "strategic", **OUTCOME)]
    data = minimal(boxes, [link("a", "walks"), link("walks", "i"), link("i", "s"), link("a", "leaflets")])
    assert codes(data) == [("no-route-to-strategic", ("leaflets",))]
    [finding] = [f for f in check(from_data(data)) if f.code == "no-route-to-strategic"]
    assert finding.message.startswith("'Leaflets printed' does not lead to any of the strategic outcomes")


def test_strategic_outcome_no_activity_reaches():
    data = minimal(
        [node("a"), node("i", "intermediate", **OUTCOME), node("s", "strategic", **OUTCOME)],
        [link("i", "s"), link("a", "i")],
    )
    assert codes(data) == []
    data["nodes"] += [node("orphan-source", "intermediate", **OUTCOME), node("s2", "strategic", **OUTCOME)]
    data["links"].append(link("orphan-source", "s2"))
    assert ("no-contributing-activity", ("s2",)) in codes(data)
    assert ("no-contributing-activity", ("s",)) not in codes(data)


def test_outcome_without_indicator_only_above_outputs():
    data = minimal([node("a"), node("o", "output"), node("i", "intermediate")], [link("a", "o"), link("o", "i")])
    assert [c for c in codes(data) if c[0] == "outcome-without-indicator"] == [("outcome-without-indicator", ("i",))]


def test_level_skip_counts_only_levels_in_use():
    # Outputs are optional: with no outputs at all, activity -> intermediate skips nothing.
    data = minimal([node("a"), node("i", "intermediate", **OUTCOME), node("s", "strategic", **OUTCOME)])
    data["links"] = [link("a", "i"), link("i", "s")]
    assert codes(data) == []
    data["links"].append(link("a", "s"))
    [finding] = [f for f in check(from_data(data)) if f.code == "level-skip"]
    assert finding.nodes == ("a", "s")
    assert "skips intermediate outcomes" in finding.message


def test_findings_follow_the_order_of_checks():
    data = minimal(
        [
            *(node("a"), node("b"), node("u", "output"), node("o", "output"), node("i", "intermediate")),
            *(node("s", "strategic", **OUTCOME), node("s2", "strategic", **OUTCOME)),
        ],
        [link("a", "s"), link("b", "o"), link("i", "s2")],
    )
    order = [f.code for f in check(from_data(data))]
    assert order == sorted(order, key=list(CHECKS).index)
    assert {code for code in order if CHECKS[code].group == "logic"} == {
        code for code, kind in CHECKS.items() if kind.group == "logic"
    }


@pytest.mark.parametrize("code", list(CHECKS))
def test_every_kind_of_warning_is_defined_in_full(code):
    kind = CHECKS[code]
    assert kind.code == code and kind.group in GROUPS
    assert kind.title and kind.boxes and kind.description.endswith(".") and kind.fix.endswith(".")
    assert "|" not in "".join(v for v in kind if v)  # it is a row of the docs' table


def test_the_docs_table_of_warnings_is_the_engines():
    docs = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert warnings_table() in docs, (
        "regenerate the table in docs/format.md from logicmodel.analysis.checks.warnings_table()"
    )


def test_messages_use_labels_not_ids():
    [finding] = [f for f in check(from_data(minimal([node("x1", label="Free swimming")]))) if f.code == "unlinked-node"]
    assert "'Free swimming'" in finding.message


# Ready to show a commissioner: each gap on a small hand-made framework, and only when it is there.

READY = {
    "stakeholders": [{"id": "ph", "name": "Public Health", "role": "commissioner"}],
}
EVIDENCE = [{"title": "Evaluation of the scheme"}]


def ready(nodes, links=()):
    data = minimal(list(nodes), list(links))
    data.update(READY)
    return data


def complete_box(node_id, level="activity", **fields):
    """A box with everything a commissioner asks for at its level."""
    if level == "activity":
        fields = {"cost": {"amount": 1000}, "reach": 50} | fields
    else:
        indicator = {"name": "Inactive adults", "source": "Active Lives", "baseline": 24.5, "target": 22}
        fields = {"indicators": [indicator], "evidence": EVIDENCE, "stakeholders": ["ph"]} | fields
    return node(node_id, level, **fields)


def test_a_framework_with_everything_a_commissioner_asks_for_is_ready():
    data = ready([complete_box("a"), complete_box("s", "strategic")], [link("a", "s", strength="moderate")])
    assert codes(data, "ready") == [] and codes(data) == []


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("baseline", "indicator-without-baseline"),
        ("target", "indicator-without-target"),
        ("source", "indicator-without-source"),
    ],
)
def test_each_indicator_gap_is_one_warning_on_its_box(field, code):
    indicator = {"name": "Inactive adults", "source": "Active Lives", "baseline": 24.5, "target": 22}
    whole = complete_box("s", "strategic", label="Fewer inactive adults")
    gap = complete_box(
        "s", "strategic", label="Fewer inactive adults", indicators=[indicator, {**indicator, field: None}]
    )
    gap["indicators"][1].pop(field)
    assert codes(ready([complete_box("a"), whole], [link("a", "s", strength="weak")]), "ready") == []
    assert codes(ready([complete_box("a"), gap], [link("a", "s", strength="weak")]), "ready") == [(code, ("s",))]
    [finding] = check(from_data(ready([complete_box("a"), gap], [link("a", "s", strength="weak")])))
    assert finding.message.startswith("'Fewer inactive adults': the indicator 'Inactive adults'")


def test_a_link_of_unknown_strength_is_named_by_both_ends():
    data = ready([complete_box("a"), complete_box("s", "strategic")], [link("a", "s")])
    assert codes(data, "ready") == [("link-strength-unstated", ("a", "s"))]


def test_an_outcome_is_supported_by_evidence_on_it_or_on_a_link_into_it():
    bare = complete_box("s", "strategic", evidence=[])
    assert codes(ready([complete_box("a"), bare], [link("a", "s", strength="weak")]), "ready") == [
        ("outcome-without-evidence", ("s",))
    ]
    backed = link("a", "s", strength="weak", evidence=EVIDENCE)
    assert codes(ready([complete_box("a"), bare], [backed]), "ready") == []


def test_an_activity_says_what_it_costs_and_whom_it_reaches():
    data = ready([node("a"), complete_box("s", "strategic")], [link("a", "s", strength="weak")])
    assert codes(data, "ready") == [("activity-without-cost", ("a",)), ("activity-without-reach", ("a",))]


def test_a_strategic_outcome_needs_a_commissioner_not_just_any_stakeholder():
    data = ready(
        [complete_box("a"), complete_box("s", "strategic", stakeholders=["club"])], [link("a", "s", strength="weak")]
    )
    data["stakeholders"].append({"id": "club", "name": "Swimming club", "role": "provider"})
    assert codes(data, "ready") == [("strategic-outcome-without-commissioner", ("s",))]


@pytest.mark.parametrize("template", samples.templates(), ids=lambda t: t.name)
def test_every_example_box_of_every_template_is_placeholder_text_until_replaced(template):
    fw = samples.start_from(template, "Our framework")
    examples = {n.id for n in fw.nodes if n.id.endswith("-example")}
    flagged = {f.nodes[0] for f in check(fw) if f.code == "placeholder-text" and len(f.nodes) == 1}
    assert examples and flagged == examples
    for node_id in examples:  # the lead writes their own words: the warning goes
        fw = edit.update_node(fw, node_id, label=f"Our own {node_id}", description=None)
    fw = edit.update_meta(fw)  # unchanged meta: still checked
    leftover = [f for f in check(fw) if f.code == "placeholder-text"]
    assert all(len(f.nodes) == 2 for f in leftover), leftover  # only reasons on links between examples remain


# Check's numbers agree: each coverage figure beside the list of gaps that counts the same things the other way.


def _agreement(fw) -> dict[str, tuple[int, int]]:
    """For each kind of warning paired with a coverage figure (``WarningKind.measure``): (what the figure
    leaves uncounted, how many findings the list holds)."""
    summary, found = coverage(fw), Counter(f.code for f in check(fw))
    return {
        code: (getattr(summary, kind.measure).total - getattr(summary, kind.measure).count, found[code])
        for code, kind in CHECKS.items()
        if kind.measure
    }


def test_the_pairs_of_figure_and_gap_list_are_the_checks_own_and_name_real_figures():
    paired = {code: kind.measure for code, kind in CHECKS.items() if kind.measure}
    assert set(paired.values()) <= set(MEASURES)  # each names a figure the Check page shows
    assert len(set(paired.values())) == len(paired)  # one list a figure
    assert {"activity-without-cost", "link-strength-unstated", "indicator-without-baseline"} <= set(paired)


@pytest.mark.parametrize("item", samples.templates() + samples.samples(), ids=lambda s: s.name)
def test_on_a_new_framework_every_coverage_figure_agrees_with_its_list_of_gaps(item):
    fw = samples.start_from(item, "Active Anywhere")
    agreement = _agreement(fw)
    assert all(uncounted == listed for uncounted, listed in agreement.values()), agreement


@pytest.mark.parametrize("item", samples.templates(), ids=lambda s: s.name)
def test_a_templates_example_boxes_are_only_template_text_until_renamed(item):
    fw = samples.start_from(item, "Active Anywhere")
    examples = placeholder_boxes(fw)
    assert examples
    named = [f for f in check(fw) if examples.intersection(f.nodes)]
    assert named and {f.code for f in named} == {"placeholder-text"}
    # renamed, an example box is the lead's own: its gaps count in the figures and the lists alike
    box = next(n for n in fw.nodes if n.id in examples and fw.level_kinds.get(fw.node_by_id[n.id].level) == "activity")
    renamed = edit.update_node(fw, box.id, label="Walking football for men over 50")
    codes_now = {f.code for f in check(renamed) if box.id in f.nodes}
    assert {"activity-without-cost", "activity-without-reach"} <= codes_now
    assert coverage(renamed).activities_with_cost.total == 1
    agreement = _agreement(renamed)
    assert all(uncounted == listed for uncounted, listed in agreement.values()), agreement


def test_the_issues_new_framework_shows_two_of_three_costed_beside_one_without():
    """Sport England's template with three activities of the lead's own (two costed) and thirteen links,
    beside the template's example boxes and their two links: the example boxes count in neither."""
    fw = from_data(sport_england_with_own_boxes())
    summary, found = coverage(fw), Counter(f.code for f in check(fw))
    assert summary.activities_with_cost == (2, 3) and found["activity-without-cost"] == 1
    assert summary.links_with_strength == (0, 13) and found["link-strength-unstated"] == 13
    assert found["placeholder-text"] == 5  # the two example boxes' label and description, one link's reason


@st.composite
def _template_with_own_boxes(draw):
    """A new framework from a template, with the lead's own boxes (each with or without a cost, a reach,
    indicators with or without a baseline, target and source, evidence) linked forwards to any box, examples
    included, and perhaps some example boxes renamed."""
    item = draw(st.sampled_from(samples.templates()))
    data = to_data(samples.start_from(item, "Active Anywhere"))
    levels = [lv["id"] for lv in data["levels"]]
    rank = {lv: i for i, lv in enumerate(levels)}
    for i in range(draw(st.integers(0, 8))):
        extra = {}
        if draw(st.booleans()):
            extra["cost"] = {"amount": draw(st.integers(0, 50_000)), "period": "year"}
        if draw(st.booleans()):
            extra["reach"] = draw(st.integers(0, 500))
        if draw(st.booleans()):
            extra["evidence"] = [{"title": "A review"}]
        indicators = [
            {"name": f"Indicator {j}"} | {f: 1 for f in ("baseline", "target") if draw(st.booleans())}
            for j in range(draw(st.integers(0, 2)))
        ]
        data["nodes"].append(node(f"own{i}", draw(st.sampled_from(levels)), indicators=indicators, **extra))
    ids = [(n["id"], rank[n["level"]]) for n in data["nodes"]]
    pairs = {(a, b) for a, ra in ids for b, rb in ids if ra < rb}
    existing = {(k["source"], k["target"]) for k in data["links"]}
    chosen = (
        draw(st.lists(st.sampled_from(sorted(pairs - existing)), unique=True, max_size=10)) if pairs - existing else []
    )
    for a, b in chosen:
        data["links"].append(
            link(a, b, strength=draw(st.sampled_from(["unknown", "weak", "strong"])))
            | ({"evidence": [{"title": "A trial"}]} if draw(st.booleans()) else {})
        )
    for n in data["nodes"]:
        if n["id"].endswith("-example") and draw(st.booleans()):
            n["label"] = f"Our own {n['id']}"
    return from_data(data)


@given(_template_with_own_boxes())
@settings(max_examples=60, deadline=None)
def test_whatever_a_lead_adds_to_a_template_every_figure_agrees_with_its_list_of_gaps(fw):
    agreement = _agreement(fw)
    assert all(uncounted == listed for uncounted, listed in agreement.values()), agreement
    examples = placeholder_boxes(fw)
    assert all(f.code == "placeholder-text" for f in check(fw) if examples.intersection(f.nodes))


def test_a_kind_of_warning_is_defined_once_in_checks(monkeypatch):
    """The checks' lists of findings are made from ``CHECKS``: a kind moved to the other group, or a new kind,
    changes no other list of codes (a literal list of the logic's codes once raised ``KeyError`` when a kind
    was added or moved and the list forgotten), and the findings keep the order ``CHECKS`` gives."""
    from logicmodel.analysis import checks
    from logicmodel.analysis.checks import WarningKind

    fw = from_data(minimal([node("a"), node("o", "intermediate"), node("s", "strategic")], [link("a", "s")]))
    before = check(fw)
    assert {CHECKS[f.code].group for f in before} == {"logic", "ready"}
    swapped = {
        code: kind._replace(group="ready" if kind.group == "logic" else "logic") for code, kind in CHECKS.items()
    }
    new = WarningKind("new-kind", "A new kind", "the box", "When it is raised.", "How to fix it.", "ready", "box")
    reordered = dict(reversed([("new-kind", new), *swapped.items()]))
    monkeypatch.setattr(checks, "CHECKS", reordered)
    after = check(fw)
    assert sorted(after) == sorted(before)
    assert [f.code for f in after] == sorted((f.code for f in before), key=list(reordered).index)
