"""Value for money: costs a year, per participant, behind each strategic outcome, and benefits, on hand-made
frameworks with known answers; the optional ``benefit`` of the file format."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from logicmodel.analysis.value import money, read_period, summary
from logicmodel.core.errors import FrameworkError
from logicmodel.core.readwrite import dumps, from_data, loads
from logicmodel.core.schema import json_schema


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


# Every way people write a period, each with how many times a year it comes round, worked by hand.
PERIODS_BY_HAND = [
    # a year
    ("year", 1),
    ("Year", 1),
    ("a year", 1),
    ("per year", 1),
    ("each year", 1),
    ("every year", 1),
    ("once a year", 1),
    ("yearly", 1),
    ("annual", 1),
    ("annually", 1),
    ("per annum", 1),
    ("annum", 1),
    ("pa", 1),
    ("p.a.", 1),
    ("p.a", 1),
    ("PA", 1),
    ("p/a", 1),
    ("/yr", 1),
    ("/ year", 1),
    ("per yr", 1),
    ("yr", 1),
    ("12 months", 1),
    ("twelve months", 1),
    ("12-month", 1),
    ("52 weeks", 1),
    ("4 quarters", 1),
    ("per financial year", 1),
    ("a calendar year", 1),
    ("2025/26", 1),
    ("2025-26", 1),
    ("2025–26", 1),
    ("2025/2026", 1),
    ("FY2025/26", 1),
    ("FY 2025-26", 1),
    ("2099/00", 1),
    ("2025", 1),
    ("a year (illustrative)", 1),
    # twice a year
    ("twice a year", 2),
    ("half-yearly", 2),
    ("six-monthly", 2),
    ("every 6 months", 2),
    # a quarter
    ("quarter", 4),
    ("a quarter", 4),
    ("per quarter", 4),
    ("quarterly", 4),
    ("/qtr", 4),
    ("every 3 months", 4),
    ("4 times a year", 4),
    # a month
    ("month", 12),
    ("a month", 12),
    ("per month", 12),
    ("monthly", 12),
    ("per calendar month", 12),
    ("pcm", 12),
    ("p.c.m.", 12),
    ("pm", 12),
    ("p.m.", 12),
    ("/month", 12),
    ("/mth", 12),
    ("£/mo", 12),
    # a fortnight
    ("fortnightly", 26),
    ("every 2 weeks", 26),
    ("a fortnight", 26),
    # a week
    ("week", 52),
    ("a week", 52),
    ("per week", 52),
    ("weekly", 52),
    ("pw", 52),
    ("p.w.", 52),
    ("/wk", 52),
    # more than a year: spread over it
    ("over 4 years", 1 / 4),
    ("over 3 years", 1 / 3),
    ("for 2 years", 1 / 2),
    ("across three years", 1 / 3),
    ("18 months", 12 / 18),
    ("36 months", 1 / 3),
    ("2025/26 to 2027/28", 1 / 3),
    ("a year, for 3 years", 1),  # "a year" says the amount is each year's
]


@pytest.mark.parametrize(("period", "per_year"), PERIODS_BY_HAND)
def test_every_way_of_writing_a_period_is_read_with_its_yearly_factor(period, per_year):
    reading = read_period(period)
    assert reading.kind == "yearly", reading.why
    assert reading.per_year == pytest.approx(per_year)


@pytest.mark.parametrize(
    ("period", "why"),
    [
        ("6 months", "period “6 months” is shorter than a year: say whether it repeats (“every …”) or is a one-off"),
        ("a day", "period “a day” is by the day: say what it costs a year, or a week"),
        ("2025-2028", "period “2025-2028” not understood"),  # three years or four?
        ("spa", "period “spa” not understood"),
        ("per session", "period “per session” not understood"),
    ],
)
def test_a_period_that_cannot_be_read_for_certain_says_why_as_typed(period, why):
    reading = read_period(period)
    assert (reading.kind, reading.per_year, reading.why) == ("unknown", None, why)


@pytest.mark.parametrize("period", ["pilot, 12 months", "one-off", "set-up 2025/26", "capital, over 3 years"])
def test_a_one_off_stays_a_one_off_whatever_period_it_names(period):
    assert read_period(period).kind == "one-off"


_NOTES = st.sampled_from(["", " (illustrative)", " (estimate)", " (from the budget)", "  "])
_CASES = st.sampled_from([str, str.upper, str.lower, str.title])


@given(row=st.sampled_from(PERIODS_BY_HAND), note=_NOTES, case=_CASES, pad=st.sampled_from(["", " ", "\t"]))
def test_a_period_reads_the_same_in_any_case_spacing_or_with_a_note(row, note, case, pad):
    period, per_year = row
    reading = read_period(pad + case(period) + note + pad)
    assert reading.kind == "yearly" and reading.per_year == pytest.approx(per_year)


_SPANS_BY_HAND = {"year": 1, "years": 1, "month": 12, "months": 12, "week": 52, "weeks": 52, "quarter": 4}


@given(n=st.integers(1, 60), span=st.sampled_from(sorted(_SPANS_BY_HAND)), each=st.sampled_from(["every", "per"]))
def test_every_n_spans_comes_round_that_many_times_fewer(n, span, each):
    assert read_period(f"{each} {n} {span}").per_year == pytest.approx(_SPANS_BY_HAND[span] / n)


@given(n=st.integers(1, 30), word=st.sampled_from(["over", "for", "across", ""]))
def test_a_cost_over_n_years_is_spread_over_them(n, word):
    assert read_period(f"{word} {n} years").per_year == pytest.approx(1 / n)


@given(start=st.integers(1990, 2098), short=st.booleans())
def test_any_financial_year_is_one_year(start, short):
    end = f"{(start + 1) % 100:02d}" if short else str(start + 1)
    assert read_period(f"{start}/{end}").per_year == 1


@given(text=st.text(max_size=80))
def test_any_text_is_read_without_error_and_a_yearly_factor_is_a_positive_number(text):
    reading = read_period(text)
    assert reading.kind in ("yearly", "one-off", "unknown")
    if reading.kind == "yearly":
        assert reading.per_year is not None and 0 < reading.per_year < 10_000
    elif reading.kind == "unknown":
        assert reading.why and (not text.strip() or text in reading.why)


@given(costs=st.lists(st.tuples(st.integers(0, 10_000_000), st.sampled_from(PERIODS_BY_HAND)), min_size=1, max_size=12))
def test_the_yearly_total_adds_every_cost_at_its_factor(costs):
    nodes = [
        {"id": f"a{i}", "level": "activity", "label": f"A{i}", "cost": {"amount": amount, "period": period}}
        for i, (amount, (period, _)) in enumerate(costs)
    ]
    s = summary(_fw(nodes, []))
    assert s.unreadable == []
    assert s.cost_a_year == pytest.approx(sum(amount * per_year for amount, (_, per_year) in costs))


THREE_YEARLY = [
    {"id": "walk", "level": "activity", "label": "Walks", "reach": 100, "cost": {"amount": 12000, "period": "year"}},
    {"id": "swim", "level": "activity", "label": "Swims", "reach": 50, "cost": {"amount": 6000, "period": "year"}},
    {"id": "gym", "level": "activity", "label": "Gym", "reach": 150, "cost": {"amount": 9000, "period": "year"}},
    {"id": "well", "level": "strategic", "label": "Wellbeing"},
    {"id": "fit", "level": "strategic", "label": "Fitness"},
]
THREE_LINKS = [
    {"source": "walk", "target": "well"},
    {"source": "swim", "target": "well"},
    {"source": "gym", "target": "well"},
    {"source": "gym", "target": "fit"},
]


def test_three_activities_costing_so_much_a_year_come_to_their_sum_each_outcome_and_participant():
    s = summary(_fw(THREE_YEARLY, THREE_LINKS))
    assert s.cost_a_year == 27000 and s.unreadable == []
    assert s.per_participant == (90.0, 300, 3)  # 27,000 / 300
    by = {o.outcome.id: o.cost_a_year for o in s.outcomes}
    assert by == {"well": 22500, "fit": 4500}  # 12,000 + 6,000 + half of 9,000; the other half


def test_a_templates_example_boxes_count_nowhere_in_the_value_figures_until_renamed():
    """As on Check: the example activity's missing cost is no gap, and a cost typed on it before it is renamed
    is not added; once renamed it is the lead's own activity and counts."""
    from logicmodel.core import samples
    from logicmodel.editing import edit

    fw = samples.start_from(samples.find("sport-england"), "Active Swindon")
    s = summary(fw)
    assert s.uncosted == [] and s.no_reach == [] and s.missing() == ["no costs recorded", "no benefits estimated"]
    costed = edit.update_node(fw, "act-example", cost={"amount": 5000, "period": "year"})
    assert summary(costed).cost_a_year is None
    renamed = edit.update_node(costed, "act-example", label="Walking football")
    assert summary(renamed).cost_a_year == 5000
    by = {o.outcome.id: o.cost_a_year for o in summary(renamed).outcomes}
    assert by["sf-physical-wellbeing"] is None  # its only route runs through the example intermediate outcome
    both = edit.update_node(renamed, "int-example", label="More adults active")
    assert {o.outcome.id: o.cost_a_year for o in summary(both).outcomes}["sf-physical-wellbeing"] == 5000
