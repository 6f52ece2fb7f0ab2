"""Measurements and delivery travel through the framework file, the workbook (a sheet each) and the zip of CSV
files (a file each) and come back the same; a row a person leaves without its period's end gets it from the
period, and a row for an indicator the box does not have is one line naming the sheet and row."""

from __future__ import annotations

import io
import zipfile

import pytest
from factories import minimal, node
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from logicmodel import formats
from logicmodel.core.errors import FrameworkError
from logicmodel.core.readwrite import from_data, to_data
from logicmodel.editing.repair import repair
from logicmodel.jobs.tasks import bring_back

TABLES = ("json", "xlsx", "csv-files")

numbers = st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 6))
words = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), max_size=20).filter(str.strip)
periods = st.sampled_from(["2022/23", "Q2 2025/26", "2024", "2019 - 21", "March 2024"])
measurements = st.builds(
    lambda period, end, value, ci, count, note: {
        "period": period,
        "period_end": end.isoformat(),
        "value": value,
        **({"lower_ci": round(value - ci, 6), "upper_ci": round(value + ci, 6)} if ci is not None else {}),
        **({"count": count, "denominator": count + 1} if count is not None else {}),
        **({"note": note.strip()} if note else {}),
    },
    periods,
    st.dates(),
    numbers,
    st.none() | st.floats(0, 100).map(lambda x: round(x, 3)),
    st.none() | st.integers(0, 10**9),
    st.none() | words,
)
delivery = st.builds(
    lambda period, end, participants, spent, currency: {
        "period": period,
        "period_end": end.isoformat(),
        **({"participants": participants} if participants is not None else {}),
        **({"spent": spent} if spent is not None else {}),
        "currency": currency,
    },
    periods,
    st.dates(),
    st.none() | st.integers(0, 10**9),
    st.none() | st.floats(0, 1e9).map(lambda x: round(x, 2)),
    st.sampled_from(["GBP", "EUR"]),
)


def framework(measured, delivered, fingertips_id):
    indicators = [
        {"name": "Inactive adults", "baseline": 25, "target": 22, "fingertips_id": fingertips_id}
        | {"measurements": measured},
        {"name": "Falls", "target": "reduce"},
    ]
    return from_data(
        minimal(
            [node("walks", delivery=delivered), node("active", "strategic", indicators=indicators)],
            [{"source": "walks", "target": "active"}],
        )
        | {"meta": {"title": "Test", "area_code": "E06000030"}}
    )


@pytest.mark.parametrize("name", TABLES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    measured=st.lists(measurements, max_size=5),
    delivered=st.lists(delivery, max_size=4),
    fingertips_id=st.integers(1, 10**9),
)
def test_measurements_and_delivery_come_back_the_same_through_every_table_format(
    name, measured, delivered, fingertips_id
):
    fw = framework(measured, delivered, fingertips_id)
    fmt = formats.get(name)
    back = formats.read(fmt, fmt.write(fw, formats.Choices()))
    assert back.meta.area_code == "E06000030"
    assert back.nodes[1].indicators == fw.nodes[1].indicators
    assert back.nodes[0].delivery == fw.nodes[0].delivery


def _csv_files(fw, change):
    """The zip of CSV files of ``fw`` with ``change(files)`` made to its texts."""
    written = formats.get("csv-files").write(fw, formats.Choices())
    with zipfile.ZipFile(io.BytesIO(written)) as z:
        files = {name: z.read(name).decode("utf-8-sig") for name in z.namelist()}
    change(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return out.getvalue()


def test_a_period_left_without_its_end_gets_the_day_it_ends_from_the_period():
    fw = framework([], [], 93015)

    def add(files):
        files["measurements.csv"] += "active,Inactive adults,Q2 2025/26,,21.5,,,,,,\r\n"
        files["delivery.csv"] += "walks,2024/25,,120,3000,GBP,\r\n"

    back = formats.read(formats.get("csv-files"), _csv_files(fw, add))
    [measured] = back.nodes[1].indicators[0].measurements
    assert (measured.period, measured.period_end, measured.value) == ("Q2 2025/26", "2025-09-30", 21.5)
    [delivered] = back.nodes[0].delivery
    assert (delivered.period_end, delivered.participants, delivered.spent) == ("2025-03-31", 120, 3000)


def test_a_period_that_does_not_read_as_one_and_has_no_end_is_named_where_it_is():
    def add(files):
        files["measurements.csv"] += "active,Inactive adults,last year,,21.5,,,,,,\r\n"

    with pytest.raises(FrameworkError) as caught:
        formats.read(formats.get("csv-files"), _csv_files(framework([], [], 93015), add))
    [problem] = caught.value.problems
    assert problem.place == "measurements.csv, row 2, column 'period end'"
    assert "missing" in problem.message


def test_a_measurement_of_an_indicator_the_box_lacks_is_one_line_naming_the_sheet_and_row():
    fw = framework([{"period": "2024", "period_end": "2024-12-31", "value": 3}], [], 93015)
    written = formats.get("xlsx").write(fw, formats.Choices())
    book = load_workbook(io.BytesIO(written))
    book["Measurements"]["B2"] = "Physically active children"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(FrameworkError) as caught:
        formats.read(formats.get("xlsx"), out.getvalue())
    [problem] = caught.value.problems
    assert "Measurements" in str(problem) and "row 2" in str(problem)
    assert "no indicator called 'Physically active children'" in problem.message


def test_a_box_deleted_from_the_boxes_sheet_has_its_measurement_and_delivery_rows_named_at_once_and_repairable():
    """A person deletes a box and forgets its rows on the other sheets: every such row is named in the one
    refusal (not the first alone, one try at a time), and "Open anyway" leaves out just those rows."""
    data = to_data(framework([{"period": "2024", "period_end": "2024-12-31", "value": 3}], [], 93015))
    data["nodes"][1]["delivery"] = [{"period": "2024/25", "period_end": "2025-03-31", "participants": 9}]
    fw = from_data(data)

    def drop(files):
        lines = files["boxes.csv"].split("\r\n")
        files["boxes.csv"] = "\r\n".join(line for line in lines if not line.startswith("active,"))

    with pytest.raises(FrameworkError) as caught:
        formats.read(formats.get("csv-files"), _csv_files(fw, drop))
    said = [str(p) for p in caught.value.problems]
    for file in ("indicators.csv", "measurements.csv", "delivery.csv"):
        assert any(line.startswith(f"{file}, row 2") and "'active'" in line for line in said), (file, said)
    assert caught.value.repairable
    doc = formats.get("csv-files").parse(_csv_files(fw, drop), formats.Reading())
    repaired, _ = repair(doc)
    assert [n.id for n in repaired.nodes] == ["walks"]


def test_a_workbook_from_before_the_delivery_sheet_brought_back_keeps_the_open_versions_delivery():
    """It says nothing of delivery (no sheet for it): the open version's periods of delivery are kept."""
    fw = framework([], [{"period": "2024/25", "period_end": "2025-03-31", "participants": 9, "currency": "GBP"}], 1)
    book = load_workbook(io.BytesIO(formats.get("xlsx").write(fw, formats.Choices())))
    del book["Delivery"]
    out = io.BytesIO()
    book.save(out)
    done = bring_back(fw, "old.xlsx", out.getvalue()).update
    assert done.framework.nodes[0].delivery == fw.nodes[0].delivery and done.diff.is_empty()
