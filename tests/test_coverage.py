"""The coverage summary: shares a manager reads at a glance."""

import pytest
from builder_data import new_forest_data
from factories import link, minimal, node

from logicmodel import from_data
from logicmodel.coverage import Share, coverage


def test_complete_framework_is_fully_covered():
    summary = coverage(from_data(new_forest_data()))
    assert summary.activities_reaching == Share(2, 2)
    assert summary.outcomes_with_indicator == Share(2, 2)
    assert summary.links_with_strength == Share(2, 4)
    assert [(c.name, c.share) for c in summary.commissioners] == [
        ("Public Health", Share(1, 1)),
        ("Adult Social Care", Share(1, 1)),
    ]


def test_gaps_show_in_the_shares():
    data = minimal(
        [
            node("a"),
            node("b"),
            node("mid", "intermediate", stakeholders=["ph"]),
            node("goal", "strategic", stakeholders=["ph"], indicators=[{"name": "Inactive adults"}]),
        ],
        [link("a", "goal", strength="weak")],
        stakeholders=[
            {"id": "ph", "name": "Public Health", "role": "commissioner"},
            {"id": "club", "name": "Swim club", "role": "provider"},
        ],
    )
    summary = coverage(from_data(data))
    assert summary.activities_reaching == Share(1, 2)
    assert summary.outcomes_with_indicator == Share(1, 2)
    assert summary.links_with_strength == Share(1, 1)
    assert [(c.id, c.share) for c in summary.commissioners] == [("ph", Share(1, 2))]  # providers are not listed


def test_empty_framework_has_nothing_to_count():
    summary = coverage(from_data(minimal()))
    assert summary.activities_reaching.ratio is None
    assert str(summary.outcomes_with_indicator) == "none to count"


@pytest.mark.parametrize(("share", "text"), [(Share(1, 3), "1 of 3 (33%)"), (Share(0, 4), "0 of 4 (0%)")])
def test_share_reads_as_count_and_percentage(share, text):
    assert str(share) == text


def test_rows_list_every_measure_with_commissioners_last():
    rows = coverage(from_data(new_forest_data())).rows()
    assert [label for label, _ in rows] == [
        "Activities that lead to strategic outcomes",
        "Outcomes with an indicator",
        "Links with a stated strength of evidence",
        "Public Health: outcomes an activity leads to",
        "Adult Social Care: outcomes an activity leads to",
    ]


def test_a_templates_example_boxes_never_count_towards_coverage():
    from logicmodel import edit, samples

    fw = samples.start_from(samples.find("sport-england"), "Active Swindon")
    before = coverage(fw)
    assert before.activities_reaching.total == 0  # the example activity is not an activity of this framework yet
    assert before.outcomes_with_indicator.total == 5  # the five strategic outcomes, not the example outcome
    renamed = edit.update_node(fw, "act-example", label="Walking football for men over 50")
    after = coverage(renamed)
    assert after.activities_reaching.total == 1
    assert after.activities_reaching.count == 0  # its only route runs through the example outcome
