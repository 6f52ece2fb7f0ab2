"""Measurements, delivery and the area code (additions within format v1): what a file may hold, the one-line
problem naming the place when it holds something else, and round trips through the canonical writer."""

from __future__ import annotations

import json

import pytest
from factories import minimal, node
from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT

from logicmodel.core.errors import FrameworkError
from logicmodel.core.limits import MAX_DELIVERY, MAX_MEASUREMENTS
from logicmodel.core.readwrite import dumps, from_data, loads, to_data

FIXTURE = ROOT / "tests" / "fixtures" / "v1" / "additions" / "measurements.json"
MEASURED = {"period": "2022/23", "period_end": "2023-03-31", "value": 22.1}


def problems(data):
    with pytest.raises(FrameworkError) as caught:
        from_data(data)
    return [(p.path, p.message) for p in caught.value.problems]


def indicator(**fields):
    return {"name": "Percentage of physically inactive adults", **fields}


def with_indicator(**fields):
    return minimal([node("a"), node("b", "strategic", indicators=[indicator(**fields)])])


def test_the_fixture_reads_every_added_field():
    fw = loads(FIXTURE.read_bytes())
    assert fw.meta.area_code == "E06000030"
    measured = fw.node_by_id["active"].indicators[0]
    assert measured.fingertips_id == 93015
    assert [m.period for m in measured.measurements] == ["2022/23", "2023/24"]
    first = measured.measurements[0]
    assert (first.lower_ci, first.upper_ci, first.count, first.denominator) == (23.1, 25.9, 490, 2000)
    delivered = fw.node_by_id["walks"].delivery
    assert [(d.period, d.participants, d.spent, d.currency) for d in delivered] == [
        ("2023/24", 280, 19500, "GBP"),
        ("Q1 2024/25", 90, 5000.5, "GBP"),
    ]


def test_a_framework_without_them_writes_exactly_as_before():
    data = with_indicator(baseline=25, target=22)
    text = dumps(from_data(data))
    for added in ("area_code", "fingertips_id", "measurements", "delivery"):
        assert added not in text


def test_the_added_fields_are_written_in_the_format_order_and_read_back_equal():
    fw = loads(FIXTURE.read_bytes())
    assert loads(dumps(fw)) == fw
    written = to_data(fw)["nodes"][1]["indicators"][0]
    assert list(written)[-2:] == ["fingertips_id", "measurements"]
    assert list(written["measurements"][0]) == [
        "period", "period_end", "value", "lower_ci", "upper_ci", "count", "denominator", "note", "source",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "path", "message"),
    [
        ({"fingertips_id": 0}, "fingertips_id", "should be at least 1"),
        ({"fingertips_id": "93015"}, "fingertips_id", "should be a whole number"),
        ({"fingertips_id": 9.5}, "fingertips_id", "should be a whole number"),
        ({"measurements": MEASURED}, "measurements", "should be a list"),
        ({"measurements": [MEASURED, MEASURED | {"value": "22%"}]}, "measurements[1].value", "should be a number"),
        ({"measurements": [MEASURED | {"value": 1e16}]}, "measurements[0].value", "at most"),
        ({"measurements": [{"period": "2022/23", "value": 1}]}, "measurements[0].period_end", "required"),
        ({"measurements": [MEASURED | {"period_end": "31/03/2023"}]}, "measurements[0].period_end", "2023-03-31"),
        ({"measurements": [MEASURED | {"period_end": "2023-3-31"}]}, "measurements[0].period_end", "ISO 8601"),
        ({"measurements": [MEASURED | {"period_end": "2023-02-30"}]}, "measurements[0].period_end", "ISO 8601"),
        ({"measurements": [MEASURED | {"period": " "}]}, "measurements[0].period", "should not be blank"),
        ({"measurements": [MEASURED | {"count": -1}]}, "measurements[0].count", "should be at least 0"),
        ({"measurements": [MEASURED | {"denominator": 2.5}]}, "measurements[0].denominator", "whole number"),
        ({"measurements": [MEASURED | {"lower_ci": 25, "upper_ci": 20}]}, "measurements[0]", "lower_ci"),
        ({"measurements": [MEASURED | {"colour": "red"}]}, "measurements[0].colour", "unknown field 'colour'"),
        ({"measurements": [MEASURED] * (MAX_MEASUREMENTS + 1)}, "measurements", f"at most {MAX_MEASUREMENTS}"),
    ],
)
def test_a_bad_measurement_is_one_line_naming_its_place(fields, path, message):
    [(where, said)] = problems(with_indicator(**fields))
    assert where == f"nodes[1].indicators[0].{path}"
    assert message in said


DELIVERED = {"period": "2024/25", "period_end": "2025-03-31", "participants": 280, "spent": 19500}


@pytest.mark.parametrize(
    ("delivery", "path", "message"),
    [
        ([DELIVERED | {"participants": -3}], "delivery[0].participants", "should be at least 0"),
        ([DELIVERED | {"participants": 1.5}], "delivery[0].participants", "whole number"),
        ([DELIVERED | {"spent": -1}], "delivery[0].spent", "should be at least 0"),
        ([DELIVERED | {"currency": "pounds"}], "delivery[0].currency", "three-letter currency code"),
        ([{"period": "2024/25", "participants": 3}], "delivery[0].period_end", "required"),
        ([DELIVERED] * (MAX_DELIVERY + 1), "delivery", f"at most {MAX_DELIVERY}"),
    ],
)
def test_a_bad_period_of_delivery_is_one_line_naming_its_place(delivery, path, message):
    [(where, said)] = problems(minimal([node("a", delivery=delivery)]))
    assert where == f"nodes[0].{path}"
    assert message in said


@pytest.mark.parametrize("code", ["E06000030", "W06000015", "S12000036", "N09000003", "E92000001"])
def test_an_ons_area_code_is_read(code):
    assert from_data(minimal() | {"meta": {"title": "T", "area_code": code}}).meta.area_code == code


@pytest.mark.parametrize("code", ["", "E0600003", "e06000030", "E06000030 ", "Swindon", "X06000030", "E060000301"])
def test_anything_else_as_an_area_code_says_what_one_looks_like(code):
    [(where, said)] = problems(minimal() | {"meta": {"title": "T", "area_code": code}})
    assert where == "meta.area_code"
    assert "E06000030" in said


def test_an_older_copy_of_the_tool_refusing_unknown_fields_is_what_an_addition_means():
    """The published schema knows the added fields (files using them validate against it)."""
    schema = json.loads((ROOT / "schema" / "framework-v1.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert {"period", "period_end", "value"} <= set(defs["Measurement"]["properties"])
    assert set(defs["Measurement"]["required"]) == {"period", "period_end", "value"}
    assert "delivery" in defs["Node"]["properties"]
    assert "area_code" in defs["Meta"]["properties"]


numbers = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
measurements = st.builds(
    lambda period, end, value, ci, count, note: {
        "period": period,
        "period_end": end.isoformat(),
        "value": value,
        **({"lower_ci": value - ci, "upper_ci": value + ci} if ci is not None else {}),
        **({"count": count, "denominator": count * 2} if count is not None else {}),
        **({"note": note} if note else {}),
    },
    st.sampled_from(["2022/23", "Q2 2025/26", "2024", "2019 - 21"]),
    st.dates(),
    numbers,
    st.none() | st.floats(0, 1e3),
    st.none() | st.integers(0, 10**9),
    st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=30).filter(str.strip),
)


@given(st.lists(measurements, max_size=8))
def test_measurements_round_trip_through_the_canonical_writer(written):
    fw = from_data(with_indicator(measurements=written))
    again = loads(dumps(fw))
    assert again == fw
    assert len(again.nodes[1].indicators[0].measurements) == len(written)
    assert dumps(again) == dumps(fw)
