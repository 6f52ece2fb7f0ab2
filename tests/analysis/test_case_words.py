"""The financial case in words (``logicmodel.analysis.case_words``), on the framework worked out by hand in
``tests/case_fixture.py`` (its docstring has the working), and on frameworks without valuations (nothing is said,
nothing breaks)."""

from __future__ import annotations

import copy

import case_fixture
import pytest
from case_fixture import HAND
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.analysis import case_words
from logicmodel.analysis.appraisal import appraise
from logicmodel.analysis.narrative import commissioner_story, outcome_story
from logicmodel.core.readwrite import from_data
from logicmodel.core.samples import samples


def _seen(text: str | None) -> str:
    """The text as a reader sees it: the word joiner that keeps a minus sign to its amount is invisible."""
    return (text or "").replace("\u2060", "")


@pytest.fixture
def hand():
    return case_fixture.hand()


def test_the_headline_says_who_puts_in_and_who_saves_for_each_pound(hand):
    assert case_words.headline(hand) == (
        "For every £1 Public Health and Adult Social Care put in, NHS (ICB) saves £0.93 over two years and "
        "Adult Social Care saves £0.13 over one year, discounted at 25% a year."
    )


def test_one_payer_reads_in_the_singular_and_a_community_gains_value():
    data = copy.deepcopy(HAND)
    data["nodes"][1]["stakeholders"] = ["ph"]  # Public Health alone pays for both activities
    data["nodes"][3]["valuation"]["beneficiary"] = "people"
    said = case_words.headline(from_data(data))
    assert said is not None and said.startswith("For every £1 Public Health puts in, NHS (ICB) saves £0.93 over two")
    assert "Older residents gain £0.13 of value over one year" in said


def test_with_many_payers_the_headline_names_the_one_that_pays_most_and_counts_the_others():
    fw = case_fixture.valued_swindon()
    said = case_words.headline(fw)
    largest = max((s for s in appraise(fw).shares if s.stakeholder), key=lambda s: s.pays)
    named = [s for s in appraise(fw).shares if s.pays > 0 and s.stakeholder is not None]
    assert said is not None  # Swindon's outreach sessions name no commissioner or funder: their cost is "not said"
    assert said.startswith(
        f"For every £1 {largest.name}, {len(named) - 1} other payers and funders not yet named put in"
    )
    assert largest.name == "Adult Social Care"  # £39,000 a year, the most of Swindon's payers


def test_the_totals_give_present_value_investment_npv_ratio_and_the_price_base(hand):
    assert case_words.totals(appraise(hand)) == (
        "Present value of the benefits: £12,800, against an investment of £12,000 (a year's cost and the one-off "
        "costs, at the start): a net present value of £800, £1.07 for each £1 invested; in 2025 prices, "
        "discounted at 25% a year."
    )


def test_a_net_present_value_below_zero_has_its_sign_and_no_price_year_is_said():
    data = copy.deepcopy(HAND)
    data["nodes"][0]["cost"]["amount"] = 18000  # investment 22,000: NPV 12,800 − 22,000 = −9,200; 0.5818…
    del data["appraisal"]["price_year"]
    said = _seen(case_words.totals(appraise(from_data(data))))
    assert "a net present value of −£9,200, £0.58 for each £1 invested; price base not said" in said


def test_what_is_missing_is_said_and_never_counted_as_zero(hand):
    said = case_words.missing_words(appraise(hand))
    assert said is not None and said.startswith("Not counted, never as zero: ")
    assert "Better wellbeing" in said
    assert case_words.outcome_words(hand, "wellbeing") == (
        "Valued for the financial case, but not counted until its figures are complete: no proxy, no deadweight, "
        "no displacement, no attribution, no duration."
    )


def test_each_outcome_is_worth_its_first_year_and_present_value_with_its_figures(hand):
    assert case_words.outcome_words(hand, "falls") == (
        "Worth £10,000 in its first year and a present value of £11,200 to NHS (ICB), discounted at 25% a year: "
        "10 a year × £2,000 a fall avoided (source: illustrative, made up for a test); less deadweight 50%, "
        "displacement 0% and attribution 0%; drop-off 50% a year over two years."
    )
    assert "Worth £2,000 in its first year and a present value of £1,600 to Adult Social Care" in (
        case_words.outcome_words(hand, "care") or ""
    )
    assert case_words.outcome_words(hand, "classes") is None  # an activity carries no valuation


def test_each_commissioner_is_told_what_it_pays_and_what_it_saves(hand):
    assert case_words.share_words(hand, "ph") == (
        "Public Health puts in £10,000 of the £12,000 invested and saves nothing counted."
    )
    assert _seen(case_words.share_words(hand, "asc")) == (
        "Adult Social Care puts in £2,000 of the £12,000 invested and saves £1,600 in present value (net −£400); "
        "were the cost shared by what each saves, it would put in £1,500."
    )
    assert case_words.share_words(hand, "icb") == (
        "NHS (ICB) pays for none of the activities and saves £11,200 in present value; were the cost "
        "shared by what each saves, it would put in £10,500."
    )


def test_who_pays_and_who_saves_rows_add_up(hand):
    rows = {r[0]: tuple(_seen(cell) for cell in r[1:]) for r in case_words.shares_rows(appraise(hand))}
    assert rows["Public Health"] == ("£10,000", "£0", "−£10,000", "£0")
    assert rows["NHS (ICB)"] == ("£0", "£11,200", "£11,200", "£10,500")
    assert rows["Adult Social Care"] == ("£2,000", "£1,600", "−£400", "£1,500")


def test_double_counting_is_warned_naming_both_outcomes():
    data = copy.deepcopy(HAND)
    data["links"].append({"source": "falls", "target": "care"})  # fewer falls leads to fewer care home moves
    said = case_words.cautions_words(appraise(from_data(data)))
    assert said is not None and said.startswith("To look at: ")
    assert "‘Fewer falls’ leads to ‘Fewer care home moves’" in said and "double counting" in said
    assert case_words.cautions_words(appraise(from_data(copy.deepcopy(HAND)))) is None
    assert said in case_words.paragraphs(from_data(data))


def test_the_narrative_tells_each_valued_outcomes_worth_and_each_commissioners_share(hand):
    story = outcome_story(hand, "falls")
    assert story.paragraphs[-1].startswith("Worth £10,000 in its first year and a present value of £11,200")
    opening = commissioner_story(hand, "asc")[0].paragraphs
    case = [_seen(p) for p in opening if p.startswith("The financial case: ")]
    assert case == [
        "The financial case: Adult Social Care puts in £2,000 of the £12,000 invested and saves £1,600 in present "
        "value (net −£400); were the cost shared by what each saves, it would put in £1,500. "
        + case_words.headline(hand)
    ]


def test_a_commissioner_who_pays_but_owns_no_outcome_is_told_its_share_all_the_same(hand):
    """Public Health owns no outcome here but pays £10,000: the wrong pocket, which its offer must show."""
    opening = commissioner_story(hand, "ph")[0].paragraphs
    assert opening[0].startswith("Public Health is not named on any outcome yet")
    assert opening[1].startswith("The financial case: Public Health puts in £10,000 of the £12,000 invested")
    data = copy.deepcopy(HAND)
    data["stakeholders"].append({"id": "se", "name": "Sport England", "role": "funder"})
    assert len(commissioner_story(from_data(data), "se")[0].paragraphs) == 1  # neither pays nor saves: not said


def test_no_outcome_counted_and_no_cost_each_say_why_there_is_no_ratio():
    data = copy.deepcopy(HAND)
    for node in data["nodes"]:
        node.pop("cost", None)
    said = case_words.headline(from_data(data))
    assert said is not None and "£12,800 in present value, but no cost is recorded" in said
    data = copy.deepcopy(HAND)
    for node in data["nodes"]:
        if "valuation" in node:
            node["valuation"] = {"beneficiary": "icb"}
    assert case_words.headline(from_data(data)) == (
        "No outcome's value can be counted yet: figures are missing (below), and none is counted as zero."
    )


def test_a_framework_without_valuations_says_nothing_of_a_case():
    data = copy.deepcopy(HAND)
    for node in data["nodes"]:
        node.pop("valuation", None)
    del data["appraisal"]
    fw = from_data(data)
    assert not case_words.has_case(fw)
    assert case_words.paragraphs(fw) == []
    assert case_words.headline(fw) is None
    assert case_words.share_words(fw, "ph") is None
    assert case_words.outcome_words(fw, "falls") is None
    said = "\n".join(p for s in commissioner_story(fw, "asc") for p in s.paragraphs)
    assert "financial case" not in said and "present value" not in said


@pytest.mark.parametrize("item", samples(), ids=lambda s: s.name)
def test_every_sample_tells_its_stories_whether_or_not_it_has_valuations(item):
    fw = item.load()
    said = case_words.paragraphs(fw)
    assert bool(said) == case_words.has_case(fw)
    for s in fw.stakeholders:
        story = commissioner_story(fw, s.id)
        opening = "\n".join(story[0].paragraphs)
        owns = not opening.startswith(f"{s.name} is not named on any outcome yet")
        in_the_case = case_words.share_of(appraise(fw), s.id) is not None
        assert ("The financial case: " in opening) == (case_words.has_case(fw) and (owns or in_the_case))


@pytest.mark.parametrize(
    ("value", "said"), [(0.035, "3.5%"), (0.3, "30%"), (0.0, "0%"), (1.0, "100%"), (0.125, "12.5%")]
)
def test_percentages_read_as_people_write_them(value, said):
    assert case_words.percent(value) == said


def test_money_for_each_pound_keeps_its_pence():
    assert case_words.per_pound(2.4, "GBP") == "£2.40"
    assert case_words.per_pound(3.91, "GBP") == "£3.91"
    assert case_words.per_pound(1, "GBP") == "£1.00"
    assert case_words.per_pound(0.5, "EUR") == "€0.50"
    assert case_words.per_pound(2.5, "SEK") == "2.50 SEK"
    assert case_words.amount(-5600, "GBP") == "−\u2060£5,600"  # no line breaks between the sign and the amount
    assert case_words.years(1) == "one year" and case_words.years(5) == "five years"
    assert case_words.years(12) == "12 years"


def test_outcomes_worth_nothing_once_deadweight_is_taken_off_are_said_so_not_a_crash():
    data = copy.deepcopy(HAND)
    for node in data["nodes"]:
        if "valuation" in node:
            node["valuation"]["deadweight"] = 1.0  # all of it would have happened anyway
    said = case_words.headline(from_data(data))
    assert said == (
        "For every £1 Public Health and Adult Social Care put in, the outcomes counted are worth £0.00 in present "
        "value."
    )


_FRACTION = st.one_of(st.none(), st.sampled_from([0.0, 0.1, 0.35, 0.5, 1.0]))


@settings(max_examples=60, deadline=None)
@given(
    valuations=st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "quantity": st.sampled_from([0, 1, 12.5, 300]),
                "proxy": st.fixed_dictionaries(
                    {"amount": st.sampled_from([0, 1.5, 2000])},
                    optional={"currency": st.sampled_from(["GBP", "EUR"])},
                ),
                "deadweight": _FRACTION,
                "attribution": _FRACTION,
                "displacement": _FRACTION,
                "drop_off": _FRACTION,
                "duration": st.integers(min_value=1, max_value=15),
                "beneficiary": st.sampled_from(["ph", "icb", "asc", "people"]),
            },
        ).map(lambda d: {k: v for k, v in d.items() if v is not None}),
        min_size=1,
        max_size=3,
    ),
    costs=st.lists(st.sampled_from([None, 0, 500, 8000]), min_size=2, max_size=2),
    rate=st.sampled_from([0.0, 0.035, 0.25]),
)
def test_any_valuations_are_said_in_words_without_a_crash(valuations, costs, rate):
    """Whatever is given or left out, every sentence is made, each valued box is said and only those, what stops
    an outcome counting is named, and the headline gives a ratio only when there is a cost to set it against."""
    data = copy.deepcopy(HAND)
    data["appraisal"]["discount_rate"] = rate
    valued = [n for n in data["nodes"] if "valuation" in n]
    for node, valuation in zip(valued, valuations, strict=False):
        node["valuation"] = valuation
    for node, cost in zip(data["nodes"][:2], costs, strict=True):
        if cost is None:
            node.pop("cost", None)
        else:
            node["cost"]["amount"] = cost
    fw = from_data(data)
    case = appraise(fw)
    said = case_words.paragraphs(fw)
    assert said and all(isinstance(p, str) and p for p in said)
    for node in data["nodes"]:
        words = case_words.outcome_words(fw, node["id"])
        assert (words is not None) == ("valuation" in node)
    for s in fw.stakeholders:
        assert case_words.share_words(fw, s.id)
    if not case.investment or case.present_value is None:
        assert "For every" not in said[0]
    for o in case.outcomes:
        if not o.counted:
            assert case_words.not_counted(o)  # what stops it counting is named
