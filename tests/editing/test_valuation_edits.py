"""Editing the financial case (``logicmodel.editing.valuation``): a box's valuation and the appraisal settings,
from values or as typed in the Case page's forms. Each edit is a new checked framework that the file format
keeps; a wrong value is refused in one line naming the box and the field, the framework given unchanged; and
every other edit keeps the appraisal (it once dropped it)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT

from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Appraisal
from logicmodel.core.readwrite import dumps, from_data, load, loads
from logicmodel.core.wording import problem_lines
from logicmodel.editing import edit
from logicmodel.editing.valuation import (
    appraisal_summary,
    read_amount,
    read_share,
    read_years,
    set_appraisal,
    set_appraisal_typed,
    set_valuation,
    set_valuation_typed,
    valuation_summary,
)

FIXTURE = ROOT / "tests" / "fixtures" / "v1" / "additions" / "appraisal.json"


@pytest.fixture
def fw():
    return from_data(
        {
            "schema_version": 1,
            "meta": {"title": "Falls pathway (illustrative)"},
            "stakeholders": [
                {"id": "ph", "name": "Public Health", "role": "commissioner"},
                {"id": "icb", "name": "Integrated care board", "role": "commissioner"},
            ],
            "nodes": [
                {"id": "classes", "level": "activity", "label": "Strength and balance classes", "stakeholders": ["ph"]},
                {"id": "falls", "level": "strategic", "label": "Fewer falls"},
            ],
            "links": [{"source": "classes", "target": "falls"}],
        }
    )


def refused(change, *args, **kwargs) -> list[str]:
    """Why the edit was refused, as the screen's lines."""
    with pytest.raises(FrameworkError) as caught:
        change(*args, **kwargs)
    return problem_lines(caught.value.found, caught.value.hidden)


FALLS = {
    "quantity": "40",
    "proxy_amount": "£1,650",
    "proxy_currency": "gbp",
    "proxy_unit": "a fall avoided",
    "proxy_source": "illustrative figure for a test",
    "deadweight": "30%",
    "displacement": "0",
    "attribution": "0.2",
    "drop_off": "50%",
    "duration": "3",
    "beneficiary": "icb",
}


def test_a_valuation_typed_in_the_form_is_kept_as_figures_and_saved_in_the_file(fw):
    valued = set_valuation_typed(fw, "falls", FALLS)
    v = valued.node_by_id["falls"].valuation
    assert (v.quantity, v.proxy.amount, v.proxy.currency, v.proxy.unit, v.proxy.source) == (
        40.0,
        1650.0,
        "GBP",
        "a fall avoided",
        "illustrative figure for a test",
    )
    assert (v.deadweight, v.displacement, v.attribution, v.drop_off, v.duration, v.beneficiary) == (
        0.3,
        0.0,
        0.2,
        0.5,
        3,
        "icb",
    )
    assert loads(dumps(valued)) == valued  # the file keeps every figure
    assert fw.node_by_id["falls"].valuation is None  # the framework given is untouched


def test_blank_fields_are_not_said_never_zero_and_an_all_blank_form_takes_the_valuation_off(fw):
    valued = set_valuation_typed(fw, "falls", {"quantity": "40", "deadweight": " "})
    v = valued.node_by_id["falls"].valuation
    assert v.quantity == 40 and v.deadweight is None and v.proxy is None and v.duration is None
    cleared = set_valuation_typed(valued, "falls", dict.fromkeys(FALLS, ""))
    assert cleared.node_by_id["falls"].valuation is None
    assert set_valuation(valued, "falls", None).node_by_id["falls"].valuation is None


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ({"deadweight": "1.5"}, "box 'Fewer falls', deadweight: should be at most 1 (a share from 0 to 1: 0.2 or 20%)"),
        ({"attribution": "120%"}, "box 'Fewer falls', attribution: should be at most 1"),
        ({"drop_off": "-5%"}, "box 'Fewer falls', drop-off: should be at least 0"),
        ({"displacement": "some"}, "box 'Fewer falls', displacement: 'some' is not a number"),
        ({"duration": "0"}, "box 'Fewer falls', duration: should be at least 1"),
        ({"duration": "2.5"}, "box 'Fewer falls', duration: '2.5' is not a whole number"),
        ({"quantity": "lots"}, "box 'Fewer falls', quantity: 'lots' is not an amount"),
        ({"quantity": "-3"}, "box 'Fewer falls', quantity: '-3' is not an amount"),
        ({"proxy_amount": "5", "proxy_currency": "pounds"}, "box 'Fewer falls', proxy currency: should be a three"),
        ({"proxy_source": "PSSRU"}, "box 'Fewer falls', proxy amount: give the proxy's amount, or clear its unit"),
        ({"beneficiary": "nhs"}, "box 'Fewer falls', beneficiary: 'nhs' is not one of the stakeholders (Public Health"),
    ],
)
def test_a_wrong_value_is_refused_in_one_line_naming_the_box_and_the_field(fw, typed, line):
    lines = refused(set_valuation_typed, fw, "falls", {"quantity": "40", **typed})
    assert len(lines) == 1 and lines[0].startswith(line), lines


def test_a_refused_edit_leaves_the_valuation_there_as_it_was(fw):
    valued = set_valuation_typed(fw, "falls", FALLS)
    before = dumps(valued)
    refused(set_valuation_typed, valued, "falls", {**FALLS, "deadweight": "1.5"})
    assert dumps(valued) == before


def test_an_unknown_box_is_refused():
    fw = load(FIXTURE)
    assert refused(set_valuation, fw, "nowhere", {"quantity": 1}) == ["no box has the id 'nowhere'"]


def test_the_appraisal_is_set_typed_as_a_percentage_and_a_blank_rate_is_the_green_books(fw):
    set_ = set_appraisal_typed(fw, {"discount_rate": "1.5%", "price_year": "2025"})
    assert set_.appraisal == Appraisal(discount_rate=0.015, price_year=2025)
    assert set_appraisal_typed(fw, {"discount_rate": "", "price_year": "2024"}).appraisal.discount_rate == 0.035
    assert loads(dumps(set_)) == set_
    assert set_appraisal(fw) is fw  # the defaults on a framework without an appraisal change nothing


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ({"discount_rate": "150%"}, "discount rate: should be at most 1"),
        ({"discount_rate": "-1"}, "discount rate: should be at least 0"),
        ({"price_year": "next year"}, "price year: 'next year' is not a number: write a whole year such as 2025"),
        ({"price_year": "99999"}, "price year: should be at most"),
    ],
)
def test_a_wrong_appraisal_setting_is_refused_in_one_line_naming_it(fw, typed, line):
    lines = refused(set_appraisal_typed, fw, typed)
    assert len(lines) == 1 and lines[0].startswith(line), lines


def test_every_other_edit_keeps_the_appraisal_and_the_valuations():
    fw = load(FIXTURE)
    assert fw.appraisal is not None
    edited = edit.update_meta(fw, title="Renamed")
    edited = edit.update_node(edited, "walks", label="Classes")
    edited = edit.add_stakeholder(edited, {"id": "asc", "name": "Adult Social Care", "role": "commissioner"})
    assert edited.appraisal == fw.appraisal
    assert edited.node_by_id["falls"].valuation == fw.node_by_id["falls"].valuation


def test_deleting_the_beneficiary_leaves_the_valuation_with_none_and_says_so_first():
    fw = load(FIXTURE)
    assert edit.delete_stakeholder_impact(fw, "nhs") == (
        "Deleting 'Integrated care board' changes no boxes: none is attached to it. 'Fewer falls needing hospital "
        "care' then has no beneficiary in its valuation."
    )
    deleted = edit.delete_stakeholder(fw, "nhs")
    falls = deleted.node_by_id["falls"].valuation
    assert falls.beneficiary is None and falls.quantity == fw.node_by_id["falls"].valuation.quantity


def test_the_summaries_say_what_changed_for_the_history(fw):
    valued = set_valuation_typed(fw, "falls", FALLS)
    assert valuation_summary(fw, valued, "falls") == "Valued 'Fewer falls'"
    changed = set_valuation_typed(valued, "falls", {**FALLS, "deadweight": "20%", "duration": "5"})
    said = valuation_summary(valued, changed, "falls")
    assert said == "Changed the valuation of 'Fewer falls' (deadweight, duration)"
    assert valuation_summary(valued, set_valuation(valued, "falls", None), "falls") == (
        "Took the valuation off 'Fewer falls'"
    )
    assert appraisal_summary(set_appraisal(fw, discount_rate=0.035, price_year=2025)) == (
        "Appraisal: discount rate 3.5%, prices of 2025"
    )


@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_a_share_reads_the_same_typed_as_a_fraction_or_a_percentage(share):
    assert read_share(repr(share)) == share
    assert read_share(f"{share * 100!r}%") == pytest.approx(share, abs=1e-12)


@given(st.integers(min_value=0, max_value=10**12))
def test_money_reads_with_or_without_its_symbol_and_commas(amount):
    assert read_amount(f"£{amount:,}") == read_amount(str(amount)) == amount


def test_years_are_whole():
    assert read_years("3") == 3 and read_years(" ") is None
