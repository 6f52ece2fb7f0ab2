"""Statuses counted by level and by commissioner (``status_counts``), and delivery in words, by known answers
worked out by hand from the illustrative fixture (``tests/fixtures/progress/illustrative.json``: every
figure in it is made up to give each status once)."""

from __future__ import annotations

import pytest
from factories import minimal, node
from paths import ROOT

from logicmodel.analysis.progress import STATUSES, delivery_against_plan, indicator_progress, status_counts
from logicmodel.core.readwrite import from_data, load

FIXTURE = ROOT / "tests" / "fixtures" / "progress" / "illustrative.json"


def nonzero(count):
    return {status: n for status, n in count.counts.items() if n}


def test_the_fixture_has_one_indicator_of_each_status():
    """The known answers below rest on this: if the rule changed, this says so first."""
    assert sorted(j.status for j in indicator_progress(load(FIXTURE))) == sorted(STATUSES)


def test_counted_by_level_in_the_order_of_levels_leaving_out_levels_without_indicators():
    counts = status_counts(load(FIXTURE), by="level")
    assert [(c.id, c.name) for c in counts] == [
        ("output", "Outputs"),
        ("intermediate", "Intermediate outcomes"),
        ("strategic", "Strategic outcomes"),
    ]  # Activities have no indicator: not listed
    assert [nonzero(c) for c in counts] == [
        {"improving": 1},
        {"met": 1, "worsening": 1, "no target": 1},
        {"no change": 1, "no data": 1},
    ]
    assert [c.total for c in counts] == [1, 3, 2]
    assert all(list(c.counts) == list(STATUSES) for c in counts)  # every status, in the rule's order


def test_counted_by_commissioner_from_the_outcomes_they_own_with_none_listed_as_none():
    counts = status_counts(load(FIXTURE), by="commissioner")
    # the provider is no commissioner; the output's indicator belongs to no one
    assert [c.name for c in counts] == ["Public Health", "Adult Social Care", "Children's Services"]
    assert [nonzero(c) for c in counts] == [
        {"met": 1, "worsening": 1, "no target": 1},
        {"no change": 1, "no data": 1},
        {},
    ]
    assert [c.in_words() for c in counts] == [
        "3 indicators: 1 met, 1 worsening, 1 no target",
        "2 indicators: 1 no change, 1 no data",
        "no indicators",
    ]


def test_a_commissioner_on_an_output_is_not_counted_as_owning_it():
    """The offer's definition: a commissioner owns outcomes; an output they are attached to is not theirs."""
    data = minimal([node("o", level="output", stakeholders=["ph"], indicators=[{"name": "Sessions", "target": 5}])])
    data["stakeholders"] = [{"id": "ph", "name": "Public Health", "role": "commissioner"}]
    [ph] = status_counts(from_data(data), by="commissioner")
    assert ph.total == 0


def test_a_framework_without_indicators_counts_nothing():
    fw = from_data(minimal([node("walks")]))
    assert status_counts(fw, by="level") == []
    assert status_counts(fw, by="commissioner") == []


def test_counting_by_anything_else_is_refused():
    with pytest.raises(ValueError, match="level"):
        status_counts(load(FIXTURE), by="box")  # type: ignore[arg-type]


def test_delivery_in_words_beside_the_plan():
    [year] = delivery_against_plan(load(FIXTURE))
    assert year.year == "2024/25" and year.periods == ("Q1 2024/25", "Q2 2024/25")
    assert year.reached() == "330 participants of 500 planned a year"  # 150 + 180
    assert year.spending() == "spent £7,200 of £15,000 planned a year"  # 3,000 + 4,200


def test_delivery_in_words_without_a_plan_or_a_figure():
    delivered = [{"period": "2024/25", "period_end": "2025-03-31", "participants": 1}]
    [year] = delivery_against_plan(from_data(minimal([node("walks", delivery=delivered)])))
    assert year.reached() == "1 participant"
    assert year.spending() == "spending not recorded"
