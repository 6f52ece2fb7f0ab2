"""The coverage summary: shares a manager reads at a glance."""

import pytest
from builder_data import new_forest_data
from factories import link, minimal, node

from logicmodel import from_data
from logicmodel.analysis.coverage import GROUP_TITLES, Share, coverage


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
        "Indicators with a baseline",
        "Indicators with a target",
        "Indicators with a source",
        "Activities with a cost",
        "Activities with a reach",
        "Outcomes with evidence (on the box or a link into it)",
        "Public Health: outcomes an activity leads to",
        "Adult Social Care: outcomes an activity leads to",
    ]


def test_a_templates_example_boxes_never_count_towards_coverage():
    from logicmodel.core import samples
    from logicmodel.editing import edit

    fw = samples.start_from(samples.find("sport-england"), "Active Swindon")
    before = coverage(fw)
    assert before.activities_reaching.total == 0  # the example activity is not an activity of this framework yet
    assert before.outcomes_with_indicator.total == 5  # the five strategic outcomes, not the example outcome
    renamed = edit.update_node(fw, "act-example", label="Walking football for men over 50")
    after = coverage(renamed)
    assert after.activities_reaching.total == 1
    assert after.activities_reaching.count == 0  # its only route runs through the example outcome


def readiness_framework() -> dict:
    """Two activities, one with a cost and one with a reach; three indicators; evidence on a box and a link."""
    return minimal(
        [
            node("walk", cost={"amount": 5000}),
            node("swim", reach=120),
            node("mid", "intermediate", evidence=[{"title": "Walking groups: a review"}]),
            node(
                "goal",
                "strategic",
                indicators=[
                    {"name": "Inactive adults", "source": "Active Lives", "baseline": 24.5, "target": 22},
                    {"name": "Falls", "target": "down 5%"},
                    {"name": "Wellbeing"},
                ],
            ),
            node("other", "strategic", indicators=[{"name": "Loneliness", "source": "PHOF B19"}]),
        ],
        [
            link("walk", "mid"),
            link("swim", "mid"),
            link("mid", "goal", evidence=[{"title": "Activity and falls: a trial"}]),
            link("mid", "other"),
        ],
    )


def test_readiness_shares_have_known_answers():
    summary = coverage(from_data(readiness_framework()))
    assert summary.indicators_with_baseline == Share(1, 4)
    assert summary.indicators_with_target == Share(2, 4)
    assert summary.indicators_with_source == Share(2, 4)
    assert summary.activities_with_cost == Share(1, 2)
    assert summary.activities_with_reach == Share(1, 2)
    # 'mid' has evidence on the box, 'goal' on the link into it; 'other' has none
    assert summary.outcomes_with_evidence == Share(2, 3)


def test_a_framework_with_no_baselines_is_not_shown_as_complete():
    """The logic can be whole (every activity reaches, every outcome measured) while nothing is ready."""
    data = minimal(
        [node("a"), node("b", "strategic", indicators=[{"name": "Inactive adults"}])],
        [link("a", "b", strength="moderate")],
    )
    summary = coverage(from_data(data))
    assert (summary.activities_reaching, summary.outcomes_with_indicator) == (Share(1, 1), Share(1, 1))
    assert summary.indicators_with_baseline == Share(0, 1)
    assert summary.activities_with_cost == Share(0, 1)
    assert summary.outcomes_with_evidence == Share(0, 1)


def test_readiness_never_counts_a_templates_example_boxes():
    from logicmodel.core import samples

    fw = samples.start_from(samples.find("sport-england"), "Active Swindon")
    summary = coverage(fw)
    examples = {n.id for n in fw.nodes if n.id.endswith("-example")}
    assert examples
    real = [n for n in fw.nodes if n.id not in examples]
    assert summary.activities_with_cost.total == 0  # the only activity is the template's example
    assert summary.indicators_with_baseline.total == sum(len(n.indicators) for n in real)
    assert summary.outcomes_with_evidence.total == 5  # the five strategic outcomes, not the example outcome


def test_swindon_is_honest_about_baselines_and_evidence():
    """The richest sample reaches every strategic outcome but gives no baseline and cites no evidence."""
    from logicmodel.core import samples

    summary = coverage(samples.find("swindon").load())
    assert summary.activities_reaching.ratio == 1
    assert summary.indicators_with_baseline == Share(0, 30)
    assert summary.outcomes_with_evidence.count == 0


def test_grouped_rows_follow_the_check_groups():
    rows = coverage(from_data(new_forest_data())).grouped_rows()
    assert [group for group, _, _ in rows] == ["logic"] * 3 + ["ready"] * 6 + ["commissioners"] * 2
    assert set(GROUP_TITLES) == {group for group, _, _ in rows}


def test_the_groups_of_measures_are_the_checks_groups():
    """Coverage's groups are titled by the checks (one title each), in the checks' order, then the commissioners'."""
    from logicmodel.analysis.checks import GROUPS

    assert list(GROUP_TITLES) == [*GROUPS, "commissioners"]
    assert {group: GROUP_TITLES[group] for group in GROUPS} == {group: kind.title for group, kind in GROUPS.items()}
