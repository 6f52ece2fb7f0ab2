"""The status rule (``logicmodel.analysis.progress``) by known answers worked out by hand, both ways of
better, targets in words, confidence intervals and missing baselines or targets; and properties: turning
every figure upside down turns which way is better over and keeps the status, opposite words swap improving
and worsening, and only a number is ever met."""

from __future__ import annotations

import pytest
from factories import minimal, node
from hypothesis import given
from hypothesis import strategies as st

from logicmodel.analysis.progress import (
    RULE,
    STATUSES,
    delivery_against_plan,
    direction,
    indicator_progress,
    judge,
    level,
)
from logicmodel.core.models import Indicator
from logicmodel.core.readwrite import from_data


def measured(value, period_end="2024-03-31", lower=None, upper=None, period="2023/24"):
    found = {"period": period, "period_end": period_end, "value": value}
    if lower is not None:
        found |= {"lower_ci": lower, "upper_ci": upper}
    return found


def status(baseline, target, *measurements):
    fields = {"name": "I", "baseline": baseline, "target": target, "measurements": list(measurements)}
    return judge(Indicator.model_validate({k: v for k, v in fields.items() if v is not None})).status


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "expected"),
    [
        # fewer is better: inactive adults from 25% towards 22%
        (25, 22, measured(23.5), "improving"),
        (25, 22, measured(22), "met"),
        (25, 22, measured(21.4), "met"),
        (25, 22, measured(26), "worsening"),
        (25, 22, measured(25), "no change"),
        # more is better: active adults from 61.2% towards 65%
        (61.2, 65, measured(63), "improving"),
        (61.2, 65, measured(65.1), "met"),
        (61.2, 65, measured(60), "worsening"),
        # the confidence interval: a move inside it is no change, beyond it counts
        (25, 22, measured(23.5, lower=22.0, upper=25.0), "no change"),
        (25, 22, measured(23.5, lower=22.0, upper=24.9), "improving"),
        (25, 22, measured(26.5, lower=25.0, upper=28.0), "no change"),
        (25, 22, measured(26.5, lower=25.1, upper=28.0), "worsening"),
        # a target reached is met even inside the interval
        (25, 22, measured(21.9, lower=20, upper=26), "met"),
        # targets in text that state a level
        ("25%", "no more than 22%", measured(23), "improving"),
        (None, "at least 65% by 2028", measured(66), "met"),
        ("2,100", "reduce to 1,900 by 2030", measured(1800), "met"),
        # targets in words: never met
        (2100, "reduce", measured(1500), "improving"),
        (2100, "fewer falls", measured(2300), "worsening"),
        (2100, "reduce", measured(2100), "no change"),
        (40, "increase participation", measured(45), "improving"),
        (40, "increase participation", measured(35), "worsening"),
        # missing baseline, target or data
        (None, 22, measured(23), "no data"),
        (None, "reduce", measured(23), "no data"),
        ("not known yet", 22, measured(23), "no data"),
        (25, None, measured(23), "no target"),
        (None, None, measured(23), "no target"),
        (25, 22, None, "no data"),
        # a target that does not say which way is better
        (30, 30, measured(28), "no target"),
        (30, "improve", measured(28), "no target"),
        (30, "maintain", measured(28), "no target"),
        (30, "down 2 points by 2028", measured(28), "improving"),
    ],
)
def test_the_status_of_an_indicator_worked_out_by_hand(baseline, target, latest, expected):
    assert status(baseline, target, *([latest] if latest else [])) == expected


def test_the_latest_is_the_measurement_whose_period_ends_last_whatever_the_order_written():
    found = judge(
        Indicator.model_validate(
            {
                "name": "Inactive adults",
                "baseline": 25,
                "target": 22,
                "measurements": [
                    measured(23, "2024-03-31", period="2023/24"),
                    measured(26, "2025-03-31", period="2024/25"),
                    measured(21, "2023-03-31", period="2022/23"),
                ],
            }
        )
    )
    assert (found.status, found.latest.period) == ("worsening", "2024/25")
    assert found.why == "up 1 from the baseline of 25"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("61.2%", 61.2),
        ("at least 65%", 65.0),
        ("no more than 1,200 a year", 1200.0),
        ("65% by 2028/29", 65.0),
        ("reduce by 5%", None),
        ("down 2 points", None),
        ("from 30 to 25", None),
        ("30 to 35%", None),
        ("none", None),
        ("2 points lower", None),
        ("20 or fewer", None),
    ],
)
def test_a_number_is_read_out_of_a_text_only_when_it_states_one_level(text, found):
    assert level(text) == found


def test_the_rule_names_every_status_once_and_says_words_are_never_met():
    assert set(STATUSES) == {"met", "improving", "no change", "worsening", "no data", "no target"}
    for name in STATUSES:
        assert RULE.count(f"{name.capitalize()}:") == 1
    assert "never met" in RULE and "95% confidence interval" in RULE


def test_every_indicator_of_a_framework_is_judged_in_the_order_of_its_boxes():
    fw = from_data(
        minimal(
            [
                node("walks", indicators=[{"name": "Walkers", "target": 300}]),
                node("active", "strategic", indicators=[{"name": "A", "baseline": 25, "target": 22}, {"name": "B"}]),
            ]
        )
    )
    rows = [j.row for j in indicator_progress(fw)]
    assert [(r["box"], r["indicator"], r["status"]) for r in rows] == [
        ("walks", "Walkers", "no data"),
        ("active", "A", "no data"),
        ("active", "B", "no target"),
    ]


def test_delivery_is_added_up_by_financial_year_beside_the_plan():
    delivered = [
        {"period": "Q1 2024/25", "period_end": "2024-06-30", "participants": 80, "spent": 5000},
        {"period": "Q2 2024/25", "period_end": "2024-09-30", "participants": 70, "spent": 4500.5},
        {"period": "2025/26", "period_end": "2026-03-31", "participants": 310},
    ]
    cost = {"amount": 40000, "period": "over 2 years"}
    fw = from_data(minimal([node("walks", reach=300, cost=cost, delivery=delivered)]))
    years = delivery_against_plan(fw)
    assert [(y.year, y.periods, y.participants, y.spent, y.planned_reach, y.planned_cost) for y in years] == [
        ("2024/25", ("Q1 2024/25", "Q2 2024/25"), 150, 9500.5, 300, 20000.0),
        ("2025/26", ("2025/26",), 310, None, 300, 20000.0),
    ]


def test_a_plan_in_another_currency_or_a_period_that_does_not_read_as_yearly_is_not_set_beside_spending():
    delivered = [{"period": "2024/25", "period_end": "2025-03-31", "spent": 100, "currency": "EUR"}]
    for cost in ({"amount": 1000, "period": "a year"}, {"amount": 1000, "currency": "EUR", "period": "pilot"}):
        [year] = delivery_against_plan(from_data(minimal([node("walks", cost=cost, delivery=delivered)])))
        assert year.planned_cost is None and year.spent == 100 and year.currency == "EUR"


figures = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@given(figures, figures, figures, st.none() | st.floats(0, 1e3))
def test_turning_every_figure_upside_down_turns_the_better_way_over_and_keeps_the_status(
    baseline, target, value, half_width
):
    def indicator(sign):
        latest = {"period": "2024", "period_end": "2024-12-31", "value": sign * value}
        if half_width is not None:
            latest |= {"lower_ci": sign * value - half_width, "upper_ci": sign * value + half_width}
        return Indicator.model_validate(
            {"name": "I", "baseline": sign * baseline, "target": sign * target, "measurements": [latest]}
        )

    up, down = judge(indicator(1)).status, judge(indicator(-1)).status
    assert up == down  # the better way turns over with the figures: better is still better
    if target != baseline:
        assert {direction(indicator(1)), direction(indicator(-1))} == {"up", "down"}


@given(figures, figures, st.sampled_from(["reduce", "increase", "fewer falls", "more people active"]))
def test_a_target_in_words_is_never_met_and_the_opposite_words_swap_improving_and_worsening(baseline, value, word):
    opposite = {"reduce": "increase", "increase": "reduce", "fewer falls": "more people active"}
    opposite["more people active"] = "fewer falls"
    latest = [{"period": "2024", "period_end": "2024-12-31", "value": value}]
    one = judge(Indicator(name="I", baseline=baseline, target=word, measurements=latest)).status
    other = judge(Indicator(name="I", baseline=baseline, target=opposite[word], measurements=latest)).status
    assert "met" not in (one, other)
    swap = {"improving": "worsening", "worsening": "improving"}
    assert swap.get(one, one) == other


@given(figures, figures, figures)
def test_the_same_indicator_with_its_target_in_words_is_never_met(baseline, target, value):
    latest = [{"period": "2024", "period_end": "2024-12-31", "value": value}]
    words = "reduce" if target < baseline else "increase"
    numeric = judge(Indicator(name="I", baseline=baseline, target=target, measurements=latest)).status
    worded = judge(Indicator(name="I", baseline=baseline, target=words, measurements=latest)).status
    assert worded != "met"
    if numeric in ("improving", "worsening") and target != baseline:
        assert worded == numeric
