"""The narrative: plain English from the model, in the framework's own words, saying what is missing."""

from __future__ import annotations

import pytest

from logicmodel.analysis.narrative import commissioner_story, indicator_words, outcome_stories, outcome_story
from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import samples

DATA = {
    "schema_version": 1,
    "meta": {"title": "Enfield"},
    "stakeholders": [{"id": "ph", "name": "Public Health", "role": "commissioner"}],
    "nodes": [
        {
            "id": "swim",
            "level": "activity",
            "label": "Free summer swimming for children found overweight by the NCMP",
            "reach": 120,
            "cost": {"amount": 12000, "period": "a year"},
        },
        {"id": "invite", "level": "activity", "label": "Invite families"},
        {"id": "active", "level": "intermediate", "label": "More children active for 60 minutes a day"},
        {
            "id": "weight",
            "level": "strategic",
            "label": "Fewer Year 6 children with excess weight",
            "stakeholders": ["ph"],
            "indicators": [{"name": "Year 6 prevalence of overweight", "source": "NCMP", "target": "Fewer"}],
            "benefit": {"amount": 24000, "period": "a year", "basis": "illustrative savings"},
        },
    ],
    "links": [
        {
            "source": "swim",
            "target": "active",
            "strength": "moderate",
            "assumptions": ["Families take up the offer."],
        },
        {"source": "invite", "target": "active"},
        {"source": "active", "target": "weight", "strength": "weak"},
    ],
}


def _text(story):
    return "\n".join(story.paragraphs)


def test_outcome_story_tells_each_route_with_evidence_assumptions_and_figures():
    text = _text(outcome_story(from_data(DATA), "weight"))
    assert (
        "Free summer swimming for children found overweight by the NCMP (120 people a year; £12,000 a year). "
        "We expect it to lead to: More children active for 60 minutes a day (moderate evidence; assumption: "
        "Families take up the offer.); and so to Fewer Year 6 children with excess weight (weak evidence)."
    ) in text
    assert "Owned by Public Health." in text
    assert "Measured by Year 6 prevalence of overweight (NCMP; no baseline yet; target Fewer)." in text


def test_weakest_and_unstated_links_are_named():
    text = _text(outcome_story(from_data(DATA), "weight"))
    assert (
        "Weakest links on the way (weak evidence): from “More children active for 60 minutes a day” to "
        "“Fewer Year 6 children with excess weight”."
    ) in text
    assert "Strength of evidence not stated yet: from “Invite families” to “More children active" in text


def test_missing_cost_reach_and_baseline_are_said():
    text = _text(outcome_story(from_data(DATA), "weight"))
    assert "Invite families (reach not recorded; no cost recorded)." in text
    assert "no baseline yet" in text
    assert "No cost recorded for “Invite families”." in text


def test_value_and_the_estimate_are_stated_and_the_simple_benefit_is_labelled_a_rough_estimate():
    text = _text(outcome_story(from_data(DATA), "weight"))
    assert "Cost standing behind it: £12,000 a year, its share of the costs of 1 activity (each" in text
    assert "Cost standing behind it: £12,000 a year" in text
    assert "Estimated benefit: £24,000 a year (a rough estimate; basis: illustrative savings)." in text
    assert "an estimated £2 of benefit for each £1 of cost (a rough estimate, not the appraisal)." in text
    assert "present value" not in text  # no valuation: nothing said of a financial case


def test_the_story_changes_when_the_model_does():
    data = {**DATA, "nodes": [dict(n) for n in DATA["nodes"]]}
    data["nodes"][0]["label"] = "Free summer physical activity"
    text = _text(outcome_story(from_data(data), "weight"))
    assert "Free summer physical activity (120 people a year" in text and "swimming" not in text


def test_an_outcome_no_activity_reaches_says_so():
    data = {**DATA, "links": []}
    text = _text(outcome_story(from_data(data), "weight"))
    assert "No activity leads to it yet." in text


def test_commissioner_story_opens_with_their_outcomes_cost_reach_and_gaps():
    stories = commissioner_story(from_data(DATA), "ph")
    opening = _text(stories[0])
    assert "Public Health owns 1 outcome here: Fewer Year 6 children with excess weight." in opening
    assert "2 activities stand behind them, reaching 120 people a year, costing £12,000 a year in all." in opening
    assert "Gaps: 1 link with weak evidence; 1 link of unstated strength." in opening
    assert [s.heading for s in stories] == ["Public Health", "Fewer Year 6 children with excess weight"]


def test_a_commissioner_with_no_outcomes_is_told_how_to_attach_them():
    data = {**DATA, "stakeholders": [*DATA["stakeholders"], {"id": "asc", "name": "ASC", "role": "commissioner"}]}
    (story,) = commissioner_story(from_data(data), "asc")
    assert "ASC is not named on any outcome yet" in story.paragraphs[0]


def test_indicator_words_with_figures_and_unit():
    from logicmodel.core.models import Indicator

    assert indicator_words(Indicator(name="Inactive", baseline=22.5, target=20, unit="%")) == (
        "Inactive (baseline 22.5 %; target 20 %)"
    )


@pytest.mark.parametrize("sample", samples(), ids=lambda s: s.name)
def test_every_sample_tells_every_strategic_outcome_in_its_own_words(sample):
    fw = sample.load()
    stories = outcome_stories(fw)
    labels = {n.label for n in fw.nodes if n.level == fw.levels[-1].id}
    assert {s.heading for s in stories} == labels
    for story in stories:
        assert story.paragraphs[0].startswith(story.heading + ".")


def test_a_commissioner_is_told_when_their_activities_serve_others_too():
    data = {
        **DATA,
        "nodes": [*DATA["nodes"], {"id": "fun", "level": "strategic", "label": "More fun"}],
        "links": [*DATA["links"], {"source": "active", "target": "fun"}],
    }
    opening = commissioner_story(from_data(data), "ph")[0].paragraphs[1]
    assert "costing £12,000 a year in all." in opening
    assert "Some of that cost also stands behind outcomes they do not own" in opening
    assert "also stands behind" not in commissioner_story(from_data(DATA), "ph")[0].paragraphs[1]
