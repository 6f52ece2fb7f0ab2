"""The offer to a commissioner: their outcomes, every pathway into them, what they watch, the gaps."""

from __future__ import annotations

import pytest

from logicmodel.analysis.offer import offer, offers, outcomes_owned, pathway_into, stakeholders_in_order
from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import samples

# Two activities reach "falls" through "active"; a third, "paint", reaches only "look" (Public Health's).
# "lonely" (Adult Social Care's) has no activity upstream and no indicator. "clubs" and "cafe" are off every
# pathway into Adult Social Care's outcomes.
FW = from_data(
    {
        "schema_version": 1,
        "meta": {"title": "Hand-made"},
        "stakeholders": [
            {"id": "asc", "name": "Adult Social Care", "role": "commissioner"},
            {"id": "ph", "name": "Public Health", "role": "commissioner"},
            {"id": "club", "name": "Clubs", "role": "provider"},
        ],
        "nodes": [
            {"id": "walk", "level": "activity", "label": "Health walks", "stakeholders": ["club"]},
            {"id": "strength", "level": "activity", "label": "Strength and balance classes"},
            {"id": "paint", "level": "activity", "label": "Painted footpaths"},
            {"id": "walks", "level": "output", "label": "Walks delivered"},
            {"id": "classes", "level": "output", "label": "Classes delivered"},
            {"id": "clubs", "level": "output", "label": "Clubs open"},
            {
                "id": "active",
                "level": "intermediate",
                "label": "Older people active",
                "stakeholders": ["asc"],
                "indicators": [{"name": "Active adults"}],
            },
            {"id": "look", "level": "intermediate", "label": "Nicer streets", "stakeholders": ["ph"]},
            {
                "id": "falls",
                "level": "strategic",
                "label": "Fewer falls",
                "stakeholders": ["asc", "ph"],
                "indicators": [{"name": "Falls admissions", "source": "PHOF C29"}],
            },
            {"id": "lonely", "level": "strategic", "label": "Less loneliness", "stakeholders": ["asc"]},
            {"id": "cafe", "level": "strategic", "label": "Busy cafes"},
        ],
        "links": [
            {"source": "walk", "target": "walks", "strength": "strong"},
            {"source": "strength", "target": "classes", "strength": "weak"},
            {"source": "walks", "target": "active", "strength": "moderate"},
            {"source": "classes", "target": "active"},
            {"source": "active", "target": "falls", "strength": "strong"},
            {"source": "paint", "target": "look", "strength": "moderate"},
            {"source": "clubs", "target": "cafe"},
            {"source": "falls", "target": "cafe"},
        ],
    }
)


def test_outcomes_owned_are_outcome_boxes_only():
    assert [n.id for n in outcomes_owned(FW, "asc")] == ["active", "falls", "lonely"]
    assert outcomes_owned(FW, "club") == []  # attached to an activity, owns no outcome


def test_pathway_into_keeps_every_box_and_link_upstream():
    o = offer(FW, "asc")
    assert o.boxes == {"walk", "strength", "walks", "classes", "active", "falls", "lonely"}
    assert [(link.source, link.target) for link in o.links] == [
        ("walk", "walks"),
        ("strength", "classes"),
        ("walks", "active"),
        ("classes", "active"),
        ("active", "falls"),
    ]
    assert [a.id for a in o.activities] == ["walk", "strength"]
    assert "cafe" not in o.boxes and "paint" not in o.boxes  # downstream and elsewhere are left out


def test_indicators_they_would_watch_and_progress_along_the_way():
    o = offer(FW, "asc")
    assert [(n.id, i.name) for n, i in o.indicators] == [("active", "Active adults"), ("falls", "Falls admissions")]
    assert o.progress == []


def test_gaps_name_unreached_weak_unstated_and_unmeasured():
    gaps = offer(FW, "asc").gaps
    assert [n.id for n in gaps.unreached] == ["lonely"]
    assert [(link.source, link.target) for link in gaps.weak] == [("strength", "classes")]
    assert [(link.source, link.target) for link in gaps.unstated] == [("classes", "active")]
    assert [n.id for n in gaps.unmeasured] == ["lonely"]
    assert gaps.count() == 4


def test_a_shared_outcome_is_in_both_offers():
    ph = offer(FW, "ph")
    assert [n.id for n in ph.outcomes] == ["look", "falls"]
    assert {"paint", "walk", "strength"} <= ph.boxes
    assert ph.gaps.unreached == [] and [n.id for n in ph.gaps.unmeasured] == ["look"]


def test_unknown_stakeholder_is_a_key_error():
    with pytest.raises(KeyError, match="no stakeholder has the id 'nobody'"):
        offer(FW, "nobody")


def test_offers_are_the_commissioners_and_the_picker_lists_them_first():
    assert [o.stakeholder.id for o in offers(FW)] == ["asc", "ph"]
    assert [s.id for s in stakeholders_in_order(FW)] == ["asc", "ph", "club"]


def test_pathway_into_nothing_is_empty():
    assert pathway_into(FW, []) == (set(), [])


@pytest.mark.parametrize("sample", samples(), ids=lambda s: s.name)
def test_every_commissioner_of_every_sample_has_linked_pathways(sample):
    """The Diagram's stakeholder filter left Adult Social Care's activities unlinked: the offer never does."""
    fw = sample.load()
    for o in offers(fw):
        for link in o.links:
            assert link.source in o.boxes and link.target in o.boxes
        for activity in o.activities:  # every activity on the pathway has a link leaving it
            assert any(link.source == activity.id for link in o.links)


def test_swindon_adult_social_care_sees_its_pathways():
    from logicmodel.core.samples import find

    o = offer(find("swindon").load(), "adult-social-care")
    assert "act-strength-balance" in {a.id for a in o.activities}
    assert ("out-older-participants", "int-older-strength") in {(link.source, link.target) for link in o.links}
    assert o.reach is not None and o.reach > 0


def test_a_templates_example_boxes_are_on_no_pathway_and_agree_with_checks_commissioner_figure():
    """Public Health attached to Physical wellbeing, which only the template's example boxes lead to: no
    activity delivers it yet, as Check's "Commissioners" figure says, until the lead renames the examples."""
    from logicmodel.analysis.coverage import coverage
    from logicmodel.core import samples
    from logicmodel.editing import edit

    fw = samples.start_from(samples.find("sport-england"), "Active Swindon")
    fw = edit.update_node(fw, "sf-physical-wellbeing", stakeholders=("public-health",))
    o = offer(fw, "public-health")
    assert [n.id for n in o.outcomes] == ["sf-physical-wellbeing"] and o.activities == [] and o.links == []
    assert [n.id for n in o.gaps.unreached] == ["sf-physical-wellbeing"]
    share = next(c.share for c in coverage(fw).commissioners if c.id == "public-health")
    assert (share.count, share.total) == (len(o.outcomes) - len(o.gaps.unreached), len(o.outcomes)) == (0, 1)
    for box, label in (("act-example", "Walking football"), ("int-example", "More adults active")):
        fw = edit.update_node(fw, box, label=label)
    o = offer(fw, "public-health")
    assert [n.label for n in o.activities] == ["Walking football"] and o.gaps.unreached == []
    assert next(c.share for c in coverage(fw).commissioners if c.id == "public-health") == (1, 1)
