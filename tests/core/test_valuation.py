"""Valuations and the appraisal (additions within format v1, issue 23): what a file may hold, the one-line
problem naming the place when it holds something else, and round trips through JSON."""

from __future__ import annotations

import json

import jsonschema
import pytest
from factories import minimal, node
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT

from logicmodel.core.errors import FrameworkError
from logicmodel.core.readwrite import dumps, from_data, loads, to_data
from logicmodel.core.schema import json_schema

FIXTURE = ROOT / "tests" / "fixtures" / "v1" / "additions" / "appraisal.json"
STAKEHOLDERS = [
    {"id": "ph", "name": "Public Health", "role": "commissioner"},
    {"id": "nhs", "name": "Integrated care board", "role": "partner"},
]
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def problems(data):
    with pytest.raises(FrameworkError) as caught:
        from_data(data)
    return [(p.path, p.message) for p in caught.value.problems]


def valued(valuation, **extra):
    return minimal([node("a"), node("b", "strategic", valuation=valuation)], stakeholders=STAKEHOLDERS, **extra)


def test_the_fixture_reads_every_added_field():
    fw = loads(FIXTURE.read_bytes())
    assert fw.appraisal is not None
    assert fw.appraisal.discount_rate == 0.035  # the Green Book's rate, the default: left out when written
    assert fw.appraisal.price_year == 2025
    falls = fw.node_by_id["falls"].valuation
    assert falls.quantity == 12
    assert falls.proxy.amount == 1000
    assert falls.proxy.currency == "GBP"
    assert falls.proxy.unit == "a fall avoided"
    assert "illustrative" in falls.proxy.source
    assert (falls.deadweight, falls.attribution, falls.displacement, falls.drop_off) == (0.3, 0.2, 0.0, 0.5)
    assert falls.duration == 3
    assert falls.beneficiary == "nhs"
    partial = fw.node_by_id["wellbeing"].valuation
    assert partial.proxy is None and partial.deadweight is None  # missing, not zero
    VALIDATOR.validate(json.loads(FIXTURE.read_text(encoding="utf-8")))


def test_a_framework_without_them_writes_without_them():
    fw = from_data(minimal([node("a")]))
    assert fw.appraisal is None
    assert fw.nodes[0].valuation is None
    assert "appraisal" not in to_data(fw)
    assert "valuation" not in to_data(fw)["nodes"][0]


@pytest.mark.parametrize(
    ("valuation", "path", "message_part"),
    [
        ({"deadweight": 1.5}, "nodes[1].valuation.deadweight", "1"),
        ({"attribution": -0.1}, "nodes[1].valuation.attribution", "0"),
        ({"drop_off": 2}, "nodes[1].valuation.drop_off", "1"),
        ({"duration": 0}, "nodes[1].valuation.duration", "1"),
        ({"quantity": -3}, "nodes[1].valuation.quantity", "0"),
        ({"proxy": {"amount": 5, "currency": "pounds"}}, "nodes[1].valuation.proxy.currency", "currency"),
        ({"beneficiary": "nobody"}, "nodes[1].valuation.beneficiary", "unknown stakeholder 'nobody'"),
    ],
)
def test_a_bad_valuation_is_one_line_naming_its_place(valuation, path, message_part):
    found = problems(valued(valuation))
    assert len(found) == 1
    assert found[0][0] == path
    assert message_part in found[0][1]
    assert "\n" not in found[0][1]


@pytest.mark.parametrize(
    ("appraisal", "path"),
    [({"discount_rate": 3.5}, "appraisal.discount_rate"), ({"price_year": "2025"}, "appraisal.price_year")],
)
def test_a_bad_appraisal_is_one_line_naming_its_place(appraisal, path):
    found = problems(valued({}, appraisal=appraisal))
    assert [p for p, _ in found] == [path]


def test_the_schema_refuses_what_the_reader_refuses():
    assert not VALIDATOR.is_valid(valued({"deadweight": 1.5}))
    assert not VALIDATOR.is_valid(valued({"duration": 0}))
    assert not VALIDATOR.is_valid(valued({}, appraisal={"discount_rate": -0.1}))
    assert VALIDATOR.is_valid(valued({"quantity": 3, "beneficiary": "nhs"}, appraisal={"price_year": 2025}))


fractions = st.none() | st.floats(0, 1, allow_nan=False)
valuations = st.builds(
    lambda quantity, proxy, deadweight, attribution, displacement, drop_off, duration, beneficiary: {
        key: value
        for key, value in {
            "quantity": quantity,
            "proxy": proxy,
            "deadweight": deadweight,
            "attribution": attribution,
            "displacement": displacement,
            "drop_off": drop_off,
            "duration": duration,
            "beneficiary": beneficiary,
        }.items()
        if value is not None
    },
    st.none() | st.floats(0, 1e9, allow_nan=False),
    st.none()
    | st.builds(
        lambda amount, unit, source: {"amount": amount, "unit": unit, "source": source},
        st.floats(0, 1e6, allow_nan=False),
        st.sampled_from(["a fall avoided", "a person a year"]),
        st.sampled_from(["illustrative, made up for a test", "a unit cost database (illustrative)"]),
    ),
    fractions,
    fractions,
    fractions,
    fractions,
    st.none() | st.integers(1, 100),
    st.none() | st.sampled_from(["ph", "nhs"]),
)


@given(valuations, st.none() | st.floats(0, 1, allow_nan=False), st.none() | st.integers(1900, 2200))
def test_valuations_round_trip_through_json(valuation, rate, year):
    appraisal = {k: v for k, v in {"discount_rate": rate, "price_year": year}.items() if v is not None}
    fw = from_data(valued(valuation, appraisal=appraisal))
    again = loads(dumps(fw))
    assert again == fw
    assert again.nodes[1].valuation == fw.nodes[1].valuation
    assert again.appraisal == fw.appraisal
    assert dumps(again) == dumps(fw)
