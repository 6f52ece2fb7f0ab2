"""The narrative's "what has happened since": measurements judged by the progress rule and delivery against
plan, in plain words, per commissioner or for the whole framework; nothing when nothing was recorded."""

from __future__ import annotations

import copy

import pytest

from logicmodel.analysis.narrative import since, since_words
from logicmodel.analysis.progress import RULE, judge
from logicmodel.core.models import Indicator
from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import samples


def _measured(period, end, value, lower=None, upper=None, **extra):
    return {"period": period, "period_end": end, "value": value, "lower_ci": lower, "upper_ci": upper, **extra}


DATA = {
    "schema_version": 1,
    "meta": {"title": "Borough"},
    "stakeholders": [
        {"id": "ph", "name": "Public Health", "role": "commissioner"},
        {"id": "asc", "name": "Adult Social Care", "role": "commissioner"},
    ],
    "nodes": [
        {
            "id": "walk",
            "level": "activity",
            "label": "Walking groups",
            "reach": 400,
            "cost": {"amount": 20000, "period": "a year"},
            "delivery": [
                {"period": "Q1 2024/25", "period_end": "2024-06-30", "participants": 90, "spent": 4000},
                {"period": "Q2 2024/25", "period_end": "2024-09-30", "participants": 110, "spent": 6000},
                {
                    "period": "2025/26",
                    "period_end": "2026-03-31",
                    "participants": 420,
                    "spent": 19500,
                    "note": "Session registers",
                },
            ],
        },
        {"id": "falls-class", "level": "activity", "label": "Strength and balance classes"},
        {
            "id": "active",
            "level": "strategic",
            "label": "Fewer inactive adults",
            "stakeholders": ["ph"],
            "indicators": [
                {
                    "name": "Physically inactive adults",
                    "unit": "%",
                    "baseline": 25,
                    "target": 22,
                    "measurements": [
                        _measured("2022/23", "2023-03-31", 24.4, 23.0, 25.8),
                        _measured("2023/24", "2024-03-31", 23.5, 22.1, 24.9, source="Fingertips download"),
                    ],
                },
                {
                    "name": "Physically active adults",
                    "unit": "%",
                    "baseline": 62.0,
                    "target": "increase",
                    "measurements": [_measured("2023/24", "2024-03-31", 63.1, 61.5, 64.7)],
                },
                {"name": "Active travel", "target": "increase"},
            ],
        },
        {
            "id": "falls",
            "level": "strategic",
            "label": "Fewer falls",
            "stakeholders": ["asc"],
            "indicators": [
                {
                    "name": "Emergency admissions due to falls, 65+",
                    "unit": "per 100,000",
                    "baseline": 2100,
                    "target": "reduce",
                    "measurements": [_measured("2023/24", "2024-03-31", 2250)],
                }
            ],
        },
    ],
    "links": [
        {"source": "walk", "target": "active", "strength": "moderate"},
        {"source": "falls-class", "target": "falls", "strength": "strong"},
    ],
}


def test_an_indicator_is_told_with_its_baseline_latest_source_status_and_target():
    fw = from_data(DATA)
    assert since_words(judge(fw.node_by_id["active"].indicators[0])) == (
        "Physically inactive adults: 25% at the baseline, 23.5% in 2023/24 (Fingertips download), improving "
        "(beyond the 95% confidence interval); target 22%."
    )


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        (  # the baseline is inside the interval: no change, however the figure moved
            {
                "name": "Active adults",
                "unit": "%",
                "baseline": 62,
                "target": "increase",
                "measurements": [_measured("2023/24", "2024-03-31", 63.1, 61.5, 64.7)],
            },
            "Active adults: 62% at the baseline, 63.1% in 2023/24, no change (the change is inside the 95% "
            "confidence interval); target increase.",
        ),
        (  # no interval: the move is told, and that chance cannot be ruled out is said
            {
                "name": "Falls",
                "unit": "per 100,000",
                "baseline": 2100,
                "target": "reduce",
                "measurements": [_measured("2023/24", "2024-03-31", 2250)],
            },
            "Falls: 2,100 per 100,000 at the baseline, 2,250 per 100,000 in 2023/24, worsening (no confidence "
            "interval recorded); target reduce.",
        ),
        (
            {
                "name": "Inactive",
                "unit": "%",
                "baseline": 25,
                "target": 22,
                "measurements": [_measured("2024/25", "2025-03-31", 21.5, note="Provisional")],
            },
            "Inactive: 25% at the baseline, 21.5% in 2024/25 (Provisional), met; target 22%.",
        ),
        (  # no baseline: nothing is invented, the status says why it cannot be judged
            {
                "name": "Inactive",
                "unit": "%",
                "target": "reduce",
                "measurements": [
                    _measured(
                        "2024",
                        "2024-12-31",
                        23.5,
                        source="Illustrative figures, not a measurement",
                        note="Illustrative figures, not a measurement.",
                    )
                ],
            },
            "Inactive: no baseline yet, 23.5% in 2024 (Illustrative figures, not a measurement), no data (no "
            "baseline written as a number to compare the latest measurement with); target reduce.",
        ),
        (
            {
                "name": "Visits",
                "unit": "visits",
                "baseline": 300,
                "measurements": [_measured("Q1 2025/26", "2025-06-30", 340)],
            },
            "Visits: 300 visits at the baseline, 340 visits in Q1 2025/26, no target (none is set).",
        ),
        (
            {
                "name": "Visits",
                "baseline": 300,
                "target": 300,
                "measurements": [_measured("Q1 2025/26", "2025-06-30", 300)],
            },
            "Visits: 300 at the baseline, 300 in Q1 2025/26, no target (the target does not say which way is "
            "better); target 300.",
        ),
    ],
)
def test_each_status_is_told_in_words_worked_out_by_hand(indicator, expected):
    assert since_words(judge(Indicator.model_validate(indicator))) == expected


def test_the_whole_framework_counts_statuses_tells_each_measured_box_names_the_unmeasured_and_delivery():
    paragraphs = since(from_data(DATA))
    assert paragraphs[0] == (
        "Since the baseline, 3 of 4 indicators have been measured: 1 improving, 1 no change and 1 worsening. "
        "1 indicator has no measurement yet."
    )
    assert paragraphs[1].startswith("Fewer inactive adults. Physically inactive adults: 25% at the baseline")
    assert "Physically active adults: 62% at the baseline, 63.1% in 2023/24, no change" in paragraphs[1]
    assert paragraphs[2].startswith("Fewer falls. Emergency admissions due to falls, 65+: 2,100 per 100,000")
    assert paragraphs[3] == "No measurement yet: Active travel (“Fewer inactive adults”)."
    assert paragraphs[4] == (
        "Walking groups. 2024/25 (Q1 2024/25, Q2 2024/25): 200 participants (added up over 2 periods) against a "
        "plan of 400 people a year; £10,000 spent against £20,000 a year planned. 2025/26: 420 participants "
        "against a plan of 400 people a year; £19,500 spent against £20,000 a year planned (Session registers)."
    )
    assert paragraphs[5] == f"How a status is judged: {RULE}"
    assert len(paragraphs) == 6


def test_a_commissioner_hears_only_what_stands_on_the_pathways_into_their_outcomes():
    fw = from_data(DATA)
    social_care = "\n".join(since(fw, "asc", rule=False))
    assert "Emergency admissions due to falls" in social_care
    assert "Physically inactive adults" not in social_care and "Walking groups" not in social_care
    assert social_care.startswith("Since the baseline, 1 of 1 indicator has been measured: 1 worsening.")
    public_health = since(fw, "ph", rule=False)
    assert "Walking groups. 2024/25" in public_health[-1]
    assert not any("falls" in p for p in public_health)
    assert not any(p.startswith("How a status is judged") for p in public_health)


def test_delivery_alone_is_told_without_statuses_or_the_rule():
    data = copy.deepcopy(DATA)
    for box in data["nodes"]:
        for indicator in box.get("indicators", []):
            indicator.pop("measurements", None)
    paragraphs = since(from_data(data), "ph")
    assert paragraphs[0] == "No indicator has been measured since the baseline yet (3 indicators)."
    assert paragraphs[1].startswith("Walking groups. 2024/25")
    assert len(paragraphs) == 2


def test_nothing_is_said_when_nothing_was_measured_or_delivered():
    data = copy.deepcopy(DATA)
    for box in data["nodes"]:
        box.pop("delivery", None)
        for indicator in box.get("indicators", []):
            indicator.pop("measurements", None)
    fw = from_data(data)
    assert since(fw) == []
    assert since(fw, "ph") == []


def test_an_unknown_commissioner_is_refused_by_name():
    with pytest.raises(KeyError, match="nobody"):
        since(from_data(DATA), "nobody")


@pytest.mark.parametrize("sample", samples(), ids=lambda s: s.name)
def test_every_sample_is_told_and_every_illustrative_figure_says_so(sample):
    fw = sample.load()
    text = "\n".join(since(fw))
    latest = [max(i.measurements, key=lambda m: m.period_end) for n in fw.nodes for i in n.indicators if i.measurements]
    for m in latest:  # each latest figure is told with where it came from: illustrative, in the samples
        assert f"in {m.period} ({m.source}; {m.note.rstrip('.')})" in text
    assert bool(text) == (any(n.delivery for n in fw.nodes) or bool(latest))
