"""The financial case (issue 23): known answers worked by hand, the working written beside each, and properties
that hold for any valuation. Every figure here is illustrative, made up for a test: not a confirmed unit cost."""

from __future__ import annotations

import json

import pytest
from factories import link, minimal, node
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from logicmodel.analysis.appraisal import FIGURES, NOT_SAID, RULE, appraise, outcome_case
from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Node, Proxy, Valuation
from logicmodel.core.readwrite import from_data

STAKEHOLDERS = [
    {"id": "ph", "name": "Public Health", "role": "commissioner"},
    {"id": "asc", "name": "Adult Social Care", "role": "commissioner"},
    {"id": "se", "name": "Sport England", "role": "funder"},
    {"id": "icb", "name": "Integrated care board", "role": "partner"},
    {"id": "club", "name": "Leisure provider", "role": "provider"},
]


def valuation(**figures):
    """A valuation document: every figure given unless overridden (None leaves it out)."""
    full = {
        "quantity": 20,
        "proxy": {"amount": 500, "source": "illustrative figure for a test"},
        "deadweight": 0.25,
        "displacement": 0.1,
        "attribution": 0.2,
        "drop_off": 0.5,
        "duration": 3,
    }
    full.update(figures)
    return {k: v for k, v in full.items() if v is not None}


def one_outcome(rate=0.25, **figures):
    """Two activities (£250 a month; a £1,000 set-up) leading to one valued outcome."""
    return from_data(
        minimal(
            [
                node("classes", cost={"amount": 250, "period": "monthly"}, stakeholders=["ph"]),
                node("setup", cost={"amount": 1000, "period": "set-up"}, stakeholders=["ph"]),
                node("falls", "strategic", label="Fewer falls", valuation=valuation(**figures)),
            ],
            [link("classes", "falls"), link("setup", "falls")],
            stakeholders=STAKEHOLDERS,
            appraisal={"discount_rate": rate},
        )
    )


def test_one_outcome_over_three_years_fades_and_is_discounted():
    case = appraise(one_outcome())
    (falls,) = case.outcomes
    # First year: 20 × £500 = £10,000; × (1 − 0.25) = £7,500; × (1 − 0.1) = £6,750; × (1 − 0.2) = £5,400.
    assert falls.first_year == pytest.approx(5400)
    # Drop-off 0.5: year 1 £5,400, year 2 £5,400 × 0.5 = £2,700, year 3 £5,400 × 0.5² = £1,350.
    assert falls.years == pytest.approx((5400, 2700, 1350))
    # Discount rate 25%: 1/1.25 = 0.8, 1/1.25² = 0.64, 1/1.25³ = 0.512.
    assert falls.discount_factors == pytest.approx((0.8, 0.64, 0.512))
    # Present value: 5,400 × 0.8 + 2,700 × 0.64 + 1,350 × 0.512 = 4,320 + 1,728 + 691.20 = £6,739.20.
    assert falls.present_value == pytest.approx(6739.2)
    assert falls.counted and falls.missing == () and falls.problem is None
    # Investment: £250 a month × 12 = £3,000 a year, plus the £1,000 set-up (one-off) at year 0 = £4,000.
    assert case.yearly_cost == pytest.approx(3000)
    assert case.one_off_cost == pytest.approx(1000)
    assert case.investment == pytest.approx(4000)
    # NPV = 6,739.20 − 4,000 = £2,739.20; ratio = 6,739.20 ÷ 4,000 = 1.6848.
    assert case.present_value == pytest.approx(6739.2)
    assert case.npv == pytest.approx(2739.2)
    assert case.ratio == pytest.approx(1.6848)
    assert case.missing == () and case.double_counting == ()


def test_the_green_book_rate_when_the_framework_says_none():
    fw = from_data(minimal([node("falls", "strategic", valuation=valuation(duration=1))]))
    case = appraise(fw)
    assert case.discount_rate == 0.035 and case.price_year is None
    # One year: £5,400 ÷ 1.035 = £5,217.39.
    assert case.present_value == pytest.approx(5400 / 1.035)
    assert case.investment is None and case.ratio is None and case.npv is None
    assert "‘Fewer falls’" not in " ".join(case.missing)  # the outcome counts; what is missing is the cost
    assert any("no costs recorded" in m for m in case.missing)


def shared():
    """Three activities paid by two commissioners, a funder and nobody said; three outcomes saved by the ICB,
    adult social care and nobody said. Discount rate 0, so each year's value is as it is."""
    return from_data(
        minimal(
            [
                # £9,000 a year shared by ph, asc and se (the provider does not pay): £3,000 each.
                node("classes", cost={"amount": 9000, "period": "a year"}, stakeholders=["ph", "asc", "se", "club"]),
                # £2,000 a year paid by ph alone.
                node("walks", cost={"amount": 2000, "period": "a year"}, stakeholders=["ph"]),
                # £1,500 one-off with only a provider: paid by "not said".
                node("kit", cost={"amount": 1500, "period": "one-off"}, stakeholders=["club"]),
                node(
                    "falls",
                    "strategic",
                    label="Fewer falls",
                    valuation=valuation(
                        quantity=10,
                        proxy={"amount": 1000},
                        deadweight=0.5,
                        displacement=0,
                        attribution=0.2,
                        drop_off=None,
                        duration=1,
                        beneficiary="icb",
                    ),
                ),
                node(
                    "care",
                    "strategic",
                    label="Fewer care packages",
                    valuation=valuation(
                        quantity=4,
                        proxy={"amount": 2500},
                        deadweight=0,
                        displacement=0.5,
                        attribution=0,
                        drop_off=0.5,
                        duration=2,
                        beneficiary="asc",
                    ),
                ),
                node(
                    "wellbeing",
                    "strategic",
                    label="Better wellbeing",
                    valuation=valuation(
                        quantity=100,
                        proxy={"amount": 10},
                        deadweight=0.1,
                        displacement=0,
                        attribution=0,
                        drop_off=None,
                        duration=1,
                    ),
                ),
            ],
            [link("classes", "falls"), link("walks", "care"), link("kit", "wellbeing")],
            stakeholders=STAKEHOLDERS,
            appraisal={"discount_rate": 0, "price_year": 2025},
        )
    )


def test_several_outcomes_and_activities_with_costs_shared_between_two_commissioners_and_a_funder():
    case = appraise(shared())
    pv = {o.box.id: o.present_value for o in case.outcomes}
    # falls: 10 × £1,000 × (1 − 0.5) × (1 − 0) × (1 − 0.2) = £4,000, one year, rate 0.
    # care: 4 × £2,500 × 1 × (1 − 0.5) × 1 = £5,000; years £5,000 and £2,500 = £7,500.
    # wellbeing: 100 × £10 × (1 − 0.1) = £900, one year.
    assert pv == pytest.approx({"falls": 4000, "care": 7500, "wellbeing": 900})
    # Present value £4,000 + £7,500 + £900 = £12,400; investment £9,000 + £2,000 + £1,500 = £12,500.
    assert case.present_value == pytest.approx(12400)
    assert case.investment == pytest.approx(12500)
    assert case.yearly_cost == pytest.approx(11000) and case.one_off_cost == pytest.approx(1500)
    assert case.npv == pytest.approx(-100)
    assert case.ratio == pytest.approx(0.992)  # 12,400 ÷ 12,500
    rows = {s.name: (round(s.pays, 6), round(s.saves, 6)) for s in case.shares}
    # Pays: ph £3,000 + £2,000 = £5,000; asc £3,000; se £3,000; not said £1,500 (the kit). Saves: icb £4,000;
    # asc £7,500; not said £900 (wellbeing has no beneficiary).
    assert rows == {
        "Public Health": (5000, 0),
        "Adult Social Care": (3000, 7500),
        "Sport England": (3000, 0),
        "Integrated care board": (0, 4000),
        NOT_SAID: (1500, 900),
    }
    # In the stakeholders' order, "not said" last.
    assert [s.stakeholder for s in case.shares] == ["ph", "asc", "se", "icb", None]
    fair = {s.name: s.fair_share for s in case.shares}
    # Fair share = investment × saves ÷ present value: asc 12,500 × 7,500 ÷ 12,400 = £7,560.48;
    # icb 12,500 × 4,000 ÷ 12,400 = £4,032.26; not said 12,500 × 900 ÷ 12,400 = £907.26; payers who save nothing £0.
    assert fair == pytest.approx(
        {
            "Public Health": 0,
            "Adult Social Care": 7560.483870967742,
            "Sport England": 0,
            "Integrated care board": 4032.258064516129,
            NOT_SAID: 907.258064516129,
        }
    )
    asc = next(s for s in case.shares if s.stakeholder == "asc")
    assert asc.net == pytest.approx(4500)  # saves £7,500 − pays £3,000
    assert sum(s.pays for s in case.shares) == pytest.approx(case.investment)
    assert sum(s.saves for s in case.shares) == pytest.approx(case.present_value)
    cautions = " ".join(case.cautions)
    assert "‘Better wellbeing’: beneficiary not said" in cautions
    assert "‘Kit’: no commissioner or funder" in cautions


def test_one_off_costs_count_once_at_year_zero_and_unreadable_costs_are_listed_not_added():
    fw = from_data(
        minimal(
            [
                node("pilot", label="Pilot", cost={"amount": 10000, "period": "pilot"}),
                node("euro", label="Euro grant", cost={"amount": 700, "currency": "EUR", "period": "a year"}),
                node("odd", label="Sessions", cost={"amount": 40, "period": "per session"}),
                node("paint", label="Painting"),
                node("falls", "strategic", label="Fewer falls", valuation=valuation(duration=1)),
            ],
            [link("pilot", "falls"), link("euro", "falls"), link("odd", "falls"), link("paint", "falls")],
            appraisal={"discount_rate": 0.25},
        )
    )
    case = appraise(fw)
    # Only the £10,000 pilot counts: a one-off, at year 0, not discounted and not repeated.
    assert case.yearly_cost is None
    assert case.one_off_cost == pytest.approx(10000)
    assert case.investment == pytest.approx(10000)
    # Value: £5,400 in year 1 × 0.8 = £4,320; ratio 4,320 ÷ 10,000 = 0.432.
    assert case.ratio == pytest.approx(0.432)
    missing = " ".join(case.missing)
    assert "‘Euro grant’: cost" in missing and "in EUR, not added to GBP" in missing
    assert "‘Sessions’: cost" in missing and "per session" in missing
    assert "‘Painting’: no cost recorded" in missing


def test_missing_figures_are_listed_in_words_and_never_counted_as_zero():
    fw = from_data(
        minimal(
            [
                node("walks", cost={"amount": 1000, "period": "a year"}),
                node("falls", "strategic", label="Fewer falls", valuation=valuation(proxy=None, deadweight=None)),
                node("long", "strategic", label="Longer lives", valuation=valuation(drop_off=None, duration=5)),
                node("one", "strategic", label="One year", valuation=valuation(drop_off=None, duration=1)),
                node("euro", "strategic", label="Euro", valuation=valuation(proxy={"amount": 9, "currency": "EUR"})),
            ],
            [link("walks", "falls")],
            appraisal={"discount_rate": 0},
        )
    )
    case = appraise(fw)
    by_id = {o.box.id: o for o in case.outcomes}
    assert by_id["falls"].missing == ("proxy", "deadweight")
    assert by_id["falls"].present_value is None and by_id["falls"].first_year is None
    assert by_id["long"].missing == ("drop_off",)  # five years need a drop-off
    assert by_id["long"].present_value is None
    assert by_id["one"].missing == () and by_id["one"].counted  # one year needs none
    assert by_id["euro"].problem == "proxy in EUR, not added to GBP"
    assert not by_id["euro"].counted
    # Only "one" counts: £5,400 at rate 0; nothing else is added as zero or as anything.
    assert case.present_value == pytest.approx(5400)
    assert case.missing == (
        "‘Fewer falls’: no proxy, no deadweight",
        "‘Longer lives’: no drop-off",
        "‘Euro’: proxy in EUR, not added to GBP",
    )


def test_nothing_counted_gives_no_present_value_rather_than_zero():
    fw = from_data(
        minimal(
            [
                node("walks", cost={"amount": 1000, "period": "a year"}),
                node("falls", "strategic", label="Fewer falls", valuation={"quantity": 5}),
            ],
            [link("walks", "falls")],
        )
    )
    case = appraise(fw)
    assert case.present_value is None and case.npv is None and case.ratio is None
    assert case.missing == ("‘Fewer falls’: no proxy, no deadweight, no displacement, no attribution, no duration",)
    assert case.to_json()["present_value"] is None


def test_zero_duration_is_refused_by_the_model_and_in_a_file():
    with pytest.raises(ValidationError):
        Valuation(duration=0)
    with pytest.raises(FrameworkError) as caught:
        from_data(minimal([node("falls", "strategic", valuation=valuation(duration=0))]))
    assert any("duration" in p.path for p in caught.value.problems)


def test_a_valued_box_leading_to_another_valued_box_is_flagged_as_double_counting_and_both_count():
    fw = from_data(
        minimal(
            [
                node("walks", cost={"amount": 1000, "period": "a year"}),
                node("active", "intermediate", label="More active", valuation=valuation(duration=1)),
                node("fit", "intermediate", label="Fitter", valuation=valuation(duration=1)),
                node("falls", "strategic", label="Fewer falls", valuation=valuation(duration=1)),
                node("apart", "strategic", label="Apart", valuation=valuation(duration=1)),
            ],
            [link("walks", "active"), link("active", "fit"), link("fit", "falls"), link("walks", "apart")],
            appraisal={"discount_rate": 0},
        )
    )
    case = appraise(fw)
    pairs = [(a.id, b.id) for a, b in case.double_counting]
    # active → fit → falls: active reaches fit and falls, fit reaches falls; "apart" reaches no valued box.
    assert pairs == [("active", "fit"), ("active", "falls"), ("fit", "falls")]
    assert case.present_value == pytest.approx(4 * 5400)  # all four still counted
    assert any("‘More active’ leads to ‘Fewer falls’" in c and "double counting" in c for c in case.cautions)
    assert case.to_json()["double_counting"] == [list(p) for p in pairs]


def test_a_templates_example_box_is_not_valued():
    from logicmodel.analysis.placeholders import placeholder_texts

    example = sorted(placeholder_texts())[0]
    fw = from_data(
        minimal(
            [
                node("x-example", "strategic", label=example, valuation=valuation(duration=1)),
                node("real", "strategic", label="Real", valuation=valuation(duration=1)),
            ],
            [],
        )
    )
    assert [o.box.id for o in appraise(fw).outcomes] == ["real"]


def test_to_json_gives_plain_types_per_outcome_and_totals():
    data = appraise(shared()).to_json()
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    first = data["outcomes"][0]
    assert {"id", "label", "first_year", "present_value", "missing", "beneficiary"} <= set(first)
    assert first["id"] == "falls" and first["first_year"] == pytest.approx(4000)
    for key in ("present_value", "investment", "npv", "ratio", "discount_rate", "price_year", "currency"):
        assert key in data
    assert data["price_year"] == 2025 and data["currency"] == "GBP"
    assert {p["name"]: p["pays"] for p in data["payers"]} == pytest.approx(
        {"Public Health": 5000, "Adult Social Care": 3000, "Sport England": 3000, NOT_SAID: 1500}
    )
    assert {b["stakeholder"]: b["saves"] for b in data["beneficiaries"]} == pytest.approx(
        {"asc": 7500, "icb": 4000, None: 900}
    )
    assert data["rule"] == RULE


def test_the_rule_states_the_arithmetic():
    for words in ("(1 − deadweight)", "(1 − displacement)", "(1 − attribution)", "(1 − drop-off)^(n − 1)"):
        assert words in RULE
    assert "(1 + discount rate)^n" in RULE and "year 0" in RULE and "never counted as zero" in RULE


def test_the_case_is_worked_out_once_per_framework():
    fw = shared()
    assert appraise(fw) is appraise(fw)


# Properties, for any valuation.

fractions = st.floats(0, 1, allow_nan=False)
amounts = st.floats(0, 1e6, allow_nan=False)
BOX = Node(id="o", level="strategic", label="Outcome")


@st.composite
def valuations(draw):
    return Valuation(
        quantity=draw(amounts),
        proxy=Proxy(amount=draw(amounts)),
        deadweight=draw(fractions),
        displacement=draw(fractions),
        attribution=draw(fractions),
        drop_off=draw(fractions),
        duration=draw(st.integers(1, 100)),
    )


@given(valuations(), fractions, fractions, st.floats(0, 1))
def test_the_present_value_never_rises_as_deadweight_rises(v, a, b, rate):
    low, high = sorted((a, b))
    pv_low = outcome_case(BOX, v.model_copy(update={"deadweight": low}), rate, "GBP").present_value
    pv_high = outcome_case(BOX, v.model_copy(update={"deadweight": high}), rate, "GBP").present_value
    assert pv_high <= pv_low + 1e-9 * max(1.0, pv_low)


@given(valuations())
def test_with_no_drop_off_and_no_discount_the_present_value_is_duration_times_the_first_year(v):
    case = outcome_case(BOX, v.model_copy(update={"drop_off": 0.0}), 0.0, "GBP")
    assert case.present_value == pytest.approx(v.duration * case.first_year)


@given(valuations(), st.floats(0, 1), st.sampled_from(FIGURES))
def test_any_figure_left_out_is_listed_and_nothing_is_counted(v, rate, figure):
    assume(figure != "drop_off" or v.duration > 1)
    case = outcome_case(BOX, v.model_copy(update={figure: None}), rate, "GBP")
    assert figure in case.missing
    assert case.present_value is None and not case.counted


@settings(max_examples=50)
@given(st.lists(valuations(), min_size=1, max_size=4), st.lists(st.floats(1, 1e5), min_size=1, max_size=3))
def test_pays_add_up_to_the_investment_and_saves_to_the_present_value(values, costs):
    nodes = [node(f"a{i}", cost={"amount": c, "period": "a year"}, stakeholders=["ph", "se"][: i % 3]) for i, c in
             enumerate(costs)]  # fmt: skip
    nodes += [
        node(f"o{i}", "strategic", valuation=v.model_dump(exclude_none=True) | {"beneficiary": ["icb", "asc"][i % 2]})
        for i, v in enumerate(values)
    ]
    case = appraise(from_data(minimal(nodes, [], stakeholders=STAKEHOLDERS)))
    assert sum(s.pays for s in case.shares) == pytest.approx(case.investment)
    assert sum(s.saves for s in case.shares) == pytest.approx(case.present_value)
