"""Value for money: costs a year, per participant, behind each strategic outcome, and benefits, on hand-made
frameworks with known answers; the optional ``benefit`` of the file format."""

from __future__ import annotations

import json

import jsonschema
import pytest

from logicmodel.errors import FrameworkError
from logicmodel.readwrite import dumps, from_data, loads
from logicmodel.schema import json_schema
from logicmodel.value import money, read_period, summary


def _fw(nodes, links, **extra):
    return from_data({"schema_version": 1, "meta": {"title": "Value"}, "nodes": nodes, "links": links, **extra})


# "walk" (£12,000 a year) reaches both strategic outcomes: £6,000 each. "swim" (£1,000 a month = £12,000 a year)
# reaches only "weight". "paint" has no cost. "pilot" is one-off. "odd" costs "per session": not converted.
NODES = [
    {"id": "walk", "level": "activity", "label": "Walks", "reach": 200, "cost": {"amount": 12000, "period": "a year"}},
    {"id": "swim", "level": "activity", "label": "Swims", "reach": 100, "cost": {"amount": 1000, "period": "monthly"}},
    {"id": "paint", "level": "activity", "label": "Paint"},
    {"id": "pilot", "level": "activity", "label": "Pilot", "cost": {"amount": 5000, "period": "pilot, 6 months"}},
    {"id": "odd", "level": "activity", "label": "Odd", "reach": 10, "cost": {"amount": 4, "period": "per session"}},
    {"id": "active", "level": "intermediate", "label": "Active"},
    {
        "id": "falls",
        "level": "strategic",
        "label": "Fewer falls",
        "benefit": {"amount": 30000, "period": "a year", "basis": "avoided admissions at an illustrative unit cost"},
    },
    {"id": "weight", "level": "strategic", "label": "Healthy weight"},
]
LINKS = [
    {"source": "walk", "target": "active"},
    {"source": "active", "target": "falls"},
    {"source": "active", "target": "weight"},
    {"source": "swim", "target": "weight"},
    {"source": "paint", "target": "weight"},
    {"source": "pilot", "target": "falls"},
    {"source": "odd", "target": "falls"},
]


def test_total_a_year_converts_periods_and_keeps_one_offs_apart():
    s = summary(_fw(NODES, LINKS))
    assert s.cost_a_year == 24000  # 12,000 + 12 x 1,000
    assert s.one_off_total == 5000
    assert [f.node.id for f in s.unreadable] == ["odd"]
    assert s.unreadable[0].reading.why == "period “per session” not understood"


def test_cost_per_participant_counts_boxes_with_both_figures():
    per, reach, boxes = summary(_fw(NODES, LINKS)).per_participant
    assert (reach, boxes) == (300, 2)
    assert per == pytest.approx(80.0)  # 24,000 / 300


def test_shared_activity_cost_is_split_equally_between_strategic_outcomes():
    by = {o.outcome.id: o for o in summary(_fw(NODES, LINKS)).outcomes}
    assert by["falls"].cost_a_year == 6000
    assert by["weight"].cost_a_year == 18000  # half of walks and all of swims
    assert [n.id for n in by["weight"].uncosted] == ["paint"]
    assert [f.node.id for f in by["falls"].one_off] == ["pilot"]


def test_benefit_and_ratio_are_shown_where_both_exist():
    s = summary(_fw(NODES, LINKS))
    assert s.benefit_a_year == 30000
    assert s.ratio == pytest.approx(1.25)
    by = {o.outcome.id: o for o in s.outcomes}
    assert by["falls"].ratio == pytest.approx(5.0)
    assert by["weight"].ratio is None and by["weight"].benefit is None


def test_missing_figures_are_said_never_zero():
    nodes = [{"id": "a", "level": "activity", "label": "A"}, {"id": "s", "level": "strategic", "label": "S"}]
    s = summary(_fw(nodes, [{"source": "a", "target": "s"}]))
    assert s.cost_a_year is None and s.per_participant is None and s.ratio is None and s.benefit_a_year is None
    assert s.outcomes[0].cost_a_year is None
    assert s.missing() == [
        "no costs recorded",
        "no cost recorded for 1 activity",
        "no reach recorded for 1 box with a cost or activity",
        "no benefits estimated",
    ]


def test_costs_in_another_currency_are_not_added():
    nodes = [
        {"id": "a", "level": "activity", "label": "A", "cost": {"amount": 10, "period": "a year"}},
        {"id": "b", "level": "activity", "label": "B", "cost": {"amount": 20, "period": "a year"}},
        {"id": "c", "level": "activity", "label": "C", "cost": {"amount": 99, "currency": "EUR", "period": "a year"}},
    ]
    s = summary(_fw(nodes, []))
    assert s.currency == "GBP" and s.cost_a_year == 30
    assert s.unreadable[0].reading.why == "in EUR, not added to GBP"
    assert [f.node.id for f in s.unshared] == ["a", "b"]  # they lead to no strategic outcome


@pytest.mark.parametrize(
    ("period", "kind", "per_year"),
    [
        ("a year", "yearly", 1),
        ("per annum", "yearly", 1),
        ("Annual", "yearly", 1),
        ("a year (illustrative)", "yearly", 1),
        ("quarterly", "yearly", 4),
        ("a month", "yearly", 12),
        ("each week", "yearly", 52),
        ("over 4 years", "yearly", 0.25),
        ("one-off", "one-off", None),
        ("pilot evaluation (illustrative)", "one-off", None),
        ("capital", "one-off", None),
        ("per session", "unknown", None),
        (None, "unknown", None),
    ],
)
def test_periods_read(period, kind, per_year):
    reading = read_period(period)
    assert reading.kind == kind and reading.per_year == per_year


def test_money_reads_as_people_write_it():
    assert money(1234567.4, "GBP") == "£1,234,567"
    assert money(80, "GBP") == "£80"
    assert money(1.25, "GBP") == "£1.25"
    assert money(5, "SEK") == "5 SEK"


BENEFIT = {"amount": 30000, "currency": "EUR", "period": "a year", "basis": "avoided admissions for falls"}


def _with_benefit(benefit):
    return {
        "schema_version": 1,
        "meta": {"title": "B"},
        "nodes": [{"id": "falls", "level": "strategic", "label": "Fewer falls", "benefit": benefit}],
        "links": [],
    }


def test_benefit_round_trips_and_satisfies_the_schema():
    data = _with_benefit(BENEFIT)
    fw = from_data(data)
    text = dumps(fw)
    assert loads(text) == fw and dumps(loads(text)) == text
    assert json.loads(text)["nodes"][0]["benefit"] == BENEFIT
    jsonschema.validate(json.loads(text), json_schema())


def test_files_without_benefit_still_load():
    fw = from_data(_with_benefit(None) | {"nodes": [{"id": "a", "level": "activity", "label": "A"}]})
    assert fw.nodes[0].benefit is None and "benefit" not in dumps(fw)


@pytest.mark.parametrize(
    "benefit",
    [{"amount": 5}, {"amount": -1, "basis": "x"}, {"amount": 5, "basis": "x", "currency": "pounds"}],
)
def test_bad_benefits_are_refused_by_reader_and_schema(benefit):
    with pytest.raises(FrameworkError):
        from_data(_with_benefit(benefit))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_with_benefit(benefit), json_schema())
