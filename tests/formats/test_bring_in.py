"""Bringing measurements in from a file (``logicmodel.formats.bring_in``): a Fingertips download matched by each
indicator's Fingertips id and the area, our measurements table by box and indicator; the account in words; the
same file twice changing nothing; a conflict reported and not written; anything else refused in one line that
names the file and says what it is."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import ROOT

from logicmodel.core.errors import FrameworkError
from logicmodel.core.models import Framework
from logicmodel.core.readwrite import loads
from logicmodel.formats.bring_in import bring_in, kind_of
from logicmodel.testing import worst_cases

FIXTURES = ROOT / "tests" / "fixtures"
DOWNLOAD = (FIXTURES / "fingertips" / "site-swindon.csv").read_bytes()
REGISTER = (FIXTURES / "measure" / "register.csv").read_bytes()
REAL = Path("/work/shared/real-files/fingertips/jargonautical_data-dev/indicators-CountyUA.data.csv")
HEADER = (
    "Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,"
    "Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator,Value note,Time period Sortable"
)


def framework(**meta) -> Framework:
    """The test framework: Swindon (E06000030); 'More adults active' measures 93015 (2019/20 recorded as 24.1),
    93356 and 99999 (in no file); 'Health walks' has 'Walkers a week', with no Fingertips id."""
    data = json.loads((FIXTURES / "measure" / "framework.json").read_text(encoding="utf-8"))
    data["meta"] |= meta
    return loads(json.dumps(data))


def measured(fw: Framework, box: str, indicator: int = 0) -> dict[str, float]:
    found = next(n for n in fw.nodes if n.id == box).indicators[indicator]
    return {m.period: m.value for m in found.measurements}


def refusal(data: bytes, name: str = "data.csv", **options) -> str:
    with pytest.raises(FrameworkError) as refused:
        bring_in(framework(), data, name, **options)
    (problem,) = refused.value.problems
    return str(problem)


# A Fingertips download ---------------------------------------------------------------------------------------


def test_a_download_adds_the_areas_persons_rows_of_each_indicator_by_its_fingertips_id():
    brought = bring_in(framework(), DOWNLOAD, "site-swindon.csv")
    assert brought.kind == "fingertips"
    # 93015: 2019/20 was recorded already; 2021/22 has no value; the Male, Female, category and Wiltshire rows left
    assert measured(brought.framework, "active") == {"2019/20": 24.1, "2020/21": 26.3, "2022/23": 22.5}
    assert measured(brought.framework, "active", 1) == {"2016": 110.5, "2017": 110.5}  # All ages, not 0-9 yrs
    assert (brought.added, brought.already, brought.conflicts) == (4, 1, ())
    latest = brought.framework.nodes[1].indicators[0].measurements[-1]
    assert latest.model_dump(exclude_none=True) == {
        "period": "2022/23",
        "period_end": "2023-03-31",
        "value": 22.5,
        "lower_ci": 20.5,
        "upper_ci": 24.5,
        "count": 120,
        "denominator": 500,
        "source": "Fingertips, indicator 93015, area Swindon",
    }
    assert brought.unmatched == {
        "another indicator": 6,
        "another area": 2,
        "another sex": 2,
        "another age": 2,
        "a category": 1,
        "no value": 1,
        "repeated": 1,
    }
    lines = brought.lines()
    assert (
        "93015 Percentage of physically inactive adults: 3 periods taken for Swindon (Persons, 19+ yrs): "
        "2019/20 to 2022/23." in lines
    )
    assert (
        "'More adults active': Physically inactive adults: 2 measurements added (2020/21 to 2022/23), "
        "1 already recorded." in lines
    )
    assert "Left 2 rows for other areas." in lines
    assert lines[-1] == "Added 4 measurements; 1 already recorded with the same value (unchanged)."


def test_an_indicator_whose_id_is_not_in_the_file_takes_nothing_and_the_account_says_why():
    brought = bring_in(framework(), DOWNLOAD, "site-swindon.csv")
    assert measured(brought.framework, "active", 2) == {}
    assert "99999: nothing taken: it is not in this file." in brought.lines()


def test_a_download_of_another_area_adds_nothing_and_names_the_area_it_is_for():
    data = (FIXTURES / "fingertips" / "other-area.csv").read_bytes()
    brought = bring_in(framework(), data, "other-area.csv")
    assert (brought.added, brought.unmatched) == (0, {"another area": 2})
    assert brought.framework == framework()
    assert "The file has no rows of these indicators for E06000030: they are for E06000054 Wiltshire." in (
        brought.lines()
    )
    wiltshire = bring_in(framework(), data, "other-area.csv", area="e06000054")  # told the area: its rows taken
    assert measured(wiltshire.framework, "active") == {"2019/20": 24.1, "2021/22": 20.0, "2022/23": 20.0}


def test_bringing_the_same_download_in_twice_changes_nothing():
    once = bring_in(framework(), DOWNLOAD, "site-swindon.csv")
    twice = bring_in(once.framework, DOWNLOAD, "site-swindon.csv")
    assert (twice.added, twice.already, twice.conflicts) == (0, 5, ())
    assert twice.framework == once.framework
    assert twice.lines()[-1] == "Added 0 measurements; 5 already recorded with the same value (unchanged)."


def test_a_period_recorded_with_another_value_is_reported_by_box_indicator_and_period_and_kept():
    fw = bring_in(framework(), DOWNLOAD, "site-swindon.csv").framework
    revised = DOWNLOAD.replace(b"2022/23,22.5,20.5,24.5", b"2022/23,23.0,21.0,25.0")
    brought = bring_in(fw, revised, "revised.csv")
    assert brought.added == 0
    assert measured(brought.framework, "active")["2022/23"] == 22.5
    (conflict,) = brought.conflicts
    assert (conflict.label, conflict.indicator, conflict.period, conflict.recorded, conflict.brought) == (
        "More adults active",
        "Physically inactive adults",
        "2022/23",
        22.5,
        23.0,
    )
    assert (
        "Conflict: 'More adults active', Physically inactive adults, 2022/23: recorded as 22.5, the file (row 5) "
        "says 23; kept 22.5 (change it by hand if the file is right)."
    ) in brought.lines()


def test_a_count_that_is_not_a_whole_number_is_left_out_and_the_value_kept():
    data = f"{HEADER}\n93015,Inactive,E06000030,Swindon,UA,Persons,19+ yrs,,,2023/24,21.5,20,23,96.4,480,,20230000\n"
    brought = bring_in(framework(), data.encode(), "modelled.csv")
    latest = brought.framework.nodes[1].indicators[0].measurements[-1]
    assert (latest.period, latest.value, latest.count, latest.denominator) == ("2023/24", 21.5, None, 480)


def test_a_row_the_format_cannot_hold_is_left_and_said():
    data = f"{HEADER}\n93015,Inactive,E06000030,Swindon,UA,Persons,19+ yrs,,,2023/24,21.5,25,20,,,,20230000\n"
    brought = bring_in(framework(), data.encode(), "odd.csv")
    assert brought.added == 0
    assert brought.unmatched["not a measurement the framework can hold"] == 1
    assert any(
        line.startswith("Left 1 row the framework cannot hold as a measurement: row 2 (") for line in brought.lines()
    )


def test_a_framework_with_no_area_code_asks_for_one_in_one_line():
    fw = framework()
    fw = fw.model_copy(update={"meta": fw.meta.model_copy(update={"area_code": None})})
    with pytest.raises(FrameworkError) as refused:
        bring_in(fw, DOWNLOAD, "site-swindon.csv")
    assert str(refused.value).startswith("site-swindon.csv: the framework has no area code")


def test_a_framework_with_no_fingertips_ids_is_told_how_to_give_one():
    fw = loads((ROOT / "logicmodel" / "sample_frameworks" / "swindon.json").read_bytes())
    fw = fw.model_copy(  # the sample's library indicators carry their ids: take them off
        update={
            "nodes": tuple(
                n.model_copy(
                    update={"indicators": tuple(i.model_copy(update={"fingertips_id": None}) for i in n.indicators)}
                )
                for n in fw.nodes
            )
        }
    )
    brought = bring_in(fw, DOWNLOAD, "site-swindon.csv", area="E06000030")
    assert brought.added == 0
    assert brought.lines()[1].startswith("No indicator of the framework has a Fingertips id")


def test_a_bad_row_of_a_download_is_refused_naming_the_file_and_row():
    data = f"{HEADER}\n93015,Inactive,E06000030,Swindon,UA,Persons,19+ yrs,,,2023/24,n/a,,,,,,\n"
    assert refusal(data.encode(), "bad.csv").startswith("bad.csv, row 2: ")


@pytest.mark.skipif(not REAL.exists(), reason="the shared real Fingertips download is not on this machine")
def test_the_real_site_download_brings_in_swindons_three_years():
    brought = bring_in(framework(), REAL.read_bytes(), REAL.name)
    assert list(measured(brought.framework, "active", 1)) == ["2015", "2016", "2017"]
    assert brought.unmatched == {"another area": 847, "another age": 2}


# Our measurements table --------------------------------------------------------------------------------------


def test_a_table_matches_a_box_by_id_or_label_and_an_indicator_by_name_and_counts_the_rest():
    brought = bring_in(framework(), REGISTER, "register.csv")
    assert brought.kind == "table"
    assert measured(brought.framework, "walks") == {"Q1 2025/26": 40, "Q2 2025/26": 48}
    second = brought.framework.nodes[0].indicators[0].measurements[1]
    assert (second.period_end, second.note, second.source) == ("2025-09-30", "summer", "session registers")
    assert brought.unmatched == {"no box has that id or label": 1, "the box has no indicator of that name": 1}
    lines = brought.lines()
    assert "Left 1 row: no box has that id or label: register.csv, row 4 ('swims')." in lines
    assert "Left 1 row: the box has no indicator of that name: register.csv, row 5 ('Steps' on 'Health walks')." in (
        lines
    )


def test_bringing_the_same_table_in_twice_changes_nothing():
    once = bring_in(framework(), REGISTER, "register.csv")
    twice = bring_in(once.framework, REGISTER, "register.csv")
    assert (twice.added, twice.already, twice.framework == once.framework) == (0, 2, True)


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbooks_measurements_sheet_is_read_beside_its_other_sheets():
    data = workbook(
        {
            "Read me": [["Fill in the Measurements sheet"]],
            "Measurements": [
                ["Box", "Indicator", "Period", "Value", "Lower CI", "Upper CI"],
                ["active", "Physically inactive adults", "2023/24", 21.9, 20.1, 23.7],
                ["walks", "Walkers a week", 2024, 35],  # a year typed as a number
            ],
        }
    )
    brought = bring_in(framework(), data, "book.xlsx")
    assert brought.kind == "table" and brought.added == 2
    assert measured(brought.framework, "active") == {"2019/20": 24.1, "2023/24": 21.9}
    assert measured(brought.framework, "walks") == {"2024": 35}
    assert brought.framework.nodes[0].indicators[0].measurements[0].period_end == "2024-12-31"


def test_a_bad_cell_of_a_workbook_is_named_by_file_sheet_row_and_column():
    data = workbook(
        {"Measurements": [["box", "indicator", "period", "value"], ["walks", "Walkers a week", "2024", "lots"]]}
    )
    assert refusal(data, "book.xlsx").startswith("book.xlsx, sheet 'Measurements', row 2, column D 'value': value: ")


def test_a_workbook_without_a_measurements_sheet_is_refused_naming_its_sheets():
    data = workbook({"Boxes": [["id"]], "Links": [["from", "to"]]})
    assert refusal(data, "book.xlsx") == (
        "book.xlsx: an Excel workbook with no sheet named 'Measurements' or 'Delivery' (its sheets: 'Boxes', 'Links')"
    )


def test_a_bad_table_row_is_refused_naming_the_file_row_and_column_and_nothing_is_brought():
    bad = b"box,indicator,period,value\nwalks,Walkers a week,2024,n/a\nwalks,Walkers a week,Winter,3\n"
    with pytest.raises(FrameworkError) as refused:
        bring_in(framework(), bad, "register.csv")
    lines = [str(p) for p in refused.value.problems]
    assert lines[0].startswith("register.csv, row 2, column 'value': value: ")
    assert lines[1] == (
        "register.csv, row 3, column 'period': the period 'Winter' is not one whose end can be read: give its last "
        "day in a 'period end' column (e.g. 2023-03-31)"
    )


def test_a_period_end_given_is_taken_for_a_period_that_does_not_read():
    table = b"box,indicator,period,period end,value\nwalks,Walkers a week,Winter 2024,2025-02-28,31\n"
    brought = bring_in(framework(), table, "winter.csv")
    assert brought.framework.nodes[0].indicators[0].measurements[0].period_end == "2025-02-28"


def test_a_semicolon_table_as_excel_saves_it_in_some_places_reads():
    table = "box;indicator;period;value\nwalks;Walkers a week;2024;12\n".encode("cp1252")
    assert measured(bring_in(framework(), table, "semi.csv").framework, "walks") == {"2024": 12}


# Neither kind ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"", "data.csv: the file is empty: nothing to bring in"),
        (b"\r\n\r\n", "data.csv: the file is empty: nothing to bring in"),
        (
            b'{"schema_version": 1}',
            "data.csv: a JSON file (if it is a framework, open it as one), not a Fingertips data "
            "download or a measurements table",
        ),
        (b"%PDF-1.7\n", "data.csv: a PDF document, not a Fingertips data download or a measurements table"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "data.csv: an old Excel workbook (.xls: save it as .xlsx or CSV), not "
            "a Fingertips data download or a measurements table",
        ),
        (
            b"PK\x03\x04 cut short",
            "data.csv: not an Excel workbook (.xlsx): it is damaged, perhaps cut short in a download: open it and "
            "save it again",
        ),
        (
            b"id,level,label\nwalk,activity,Health walks\n",
            "data.csv: a table whose first row has 'id', 'level', "
            "'label': not a Fingertips data download or a measurements table (a download has 'Indicator ID', 'Area "
            "Code', 'Time period' and 'Value'; a measurements table has 'box', 'indicator', 'period', 'value'; "
            "a delivery table 'box', 'period' and 'participants' or 'spent')",
        ),
    ],
)
def test_a_file_of_neither_kind_is_refused_in_one_line_saying_what_it_is(data, said):
    assert refusal(data) == said


def test_the_kind_is_told_from_the_first_row_and_can_be_forced():
    assert kind_of(DOWNLOAD, "a.csv") == "fingertips"
    assert kind_of(REGISTER, "b.csv") == "table"
    assert refusal(REGISTER, "b.csv", kind="fingertips").startswith("b.csv: not a Fingertips data download: it has no")
    assert refusal(DOWNLOAD, "a.csv", kind="table").startswith("a.csv: not a measurements table: it has no 'box'")
    assert refusal(DOWNLOAD, "a.csv", kind="pdf") == "a.csv: cannot bring in 'pdf': say 'fingertips' or 'table'"


def test_the_example_in_the_docs_is_what_bringing_in_prints():
    """docs/measure.md shows a whole account: it is the one this code gives for the same files."""
    doc = (ROOT / "docs" / "measure.md").read_text(encoding="utf-8")
    shown = [
        line[4:] for line in doc.split("with 2020/21 recorded as 26.1:\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    ]
    data = json.loads((FIXTURES / "measure" / "framework.json").read_text(encoding="utf-8"))
    data["nodes"][1]["indicators"][0]["measurements"].append(
        {"period": "2020/21", "period_end": "2021-03-31", "value": 26.1}
    )
    assert bring_in(loads(json.dumps(data)), DOWNLOAD, "site-swindon.csv").lines() == shown


# A delivery table --------------------------------------------------------------------------------------------

DELIVERY = (FIXTURES / "measure" / "delivery.csv").read_bytes()


def delivered(fw: Framework, box: str = "walks") -> dict[str, tuple]:
    found = next(n for n in fw.nodes if n.id == box)
    return {d.period: (d.participants, d.spent, d.currency) for d in found.delivery}


def test_a_delivery_table_adds_each_boxs_periods_and_counts_a_box_it_lacks():
    brought = bring_in(framework(), DELIVERY, "delivery.csv")
    assert brought.kind == "table" and (brought.added, brought.delivered) == (0, 2)
    assert delivered(brought.framework) == {"2024/25": (280, 19500, "GBP"), "Q1 2025/26": (75, 5000, "GBP")}
    assert brought.framework.nodes[0].delivery[1].note == "from the registers"
    assert brought.unmatched == {"no box has that id or label": 1}
    lines = brought.lines()
    assert lines[0] == "Read 3 rows of a delivery table (delivery.csv)."
    assert "'Health walks': delivery: 2 periods added (2024/25 to Q1 2025/26)." in lines
    assert lines[-1] == "Added 2 periods of delivery."


def test_a_delivery_table_twice_changes_nothing_and_other_figures_are_conflicts_kept_as_recorded():
    once = bring_in(framework(), DELIVERY, "delivery.csv")
    twice = bring_in(once.framework, DELIVERY, "delivery.csv")
    assert (twice.delivered, twice.already, twice.framework == once.framework) == (0, 2, True)
    revised = bring_in(once.framework, DELIVERY.replace(b"280,19500", b"290,19500"), "delivery.csv")
    (conflict,) = revised.conflicts
    assert (conflict.label, conflict.indicator, conflict.period, conflict.recorded, conflict.brought) == (
        "Health walks",
        "participants",
        "2024/25",
        280,
        290,
    )
    assert delivered(revised.framework)["2024/25"] == (280, 19500, "GBP")


def test_a_workbook_with_measurements_and_delivery_sheets_brings_both_in():
    data = workbook(
        {
            "Measurements": [["box", "indicator", "period", "value"], ["walks", "Walkers a week", "2024", 35]],
            "Delivery": [["box", "period", "participants", "spent"], ["walks", "2024/25", 280, 19500.5]],
        }
    )
    brought = bring_in(framework(), data, "book.xlsx")
    assert (brought.added, brought.delivered) == (1, 1)
    assert delivered(brought.framework) == {"2024/25": (280, 19500.5, "GBP")}
    assert brought.lines()[-1] == "Added 1 measurement and 1 period of delivery."


def test_a_bad_delivery_cell_is_named_by_file_row_and_column():
    bad = b"box,period,participants\nwalks,2024/25,lots\n"
    assert refusal(bad, "register.csv").startswith("register.csv, row 2, column 'participants': participants: ")


# Our own exports, brought back -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["xlsx", "csv-files"])
def test_our_workbook_and_zip_of_csv_files_brought_back_into_their_framework_change_nothing(name):
    """A lead exports the workbook (or the CSV files), adds rows to Measurements and Delivery, and brings it in:
    what was there is already recorded, and only the new rows are added."""
    from logicmodel import formats

    fw = loads((FIXTURES / "v1" / "additions" / "measurements.json").read_bytes())
    exported = formats.get(name).write(fw, formats.Choices())
    brought = bring_in(fw, exported, f"export{formats.get(name).extension}")
    assert (brought.added, brought.delivered, brought.already, brought.conflicts) == (0, 0, 5, ())
    assert brought.framework is fw


def test_a_bad_cell_in_our_zip_of_csv_files_is_named_by_zip_file_row_and_column():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("measurements.csv", "box,indicator,period,value\nwalks,Walkers a week,2024,lots\n")
    assert refusal(out.getvalue(), "export.zip").startswith(
        "export.zip, measurements.csv, row 2, column 'value': value: "
    )
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("boxes.csv", "id,level,label\n")
    assert refusal(empty.getvalue(), "export.zip") == (
        "export.zip: a zip with no measurements.csv or delivery.csv (it holds 'boxes.csv'), not a Fingertips data "
        "download or a measurements table"
    )


# Hostile files -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reader", "case"),
    [(reader, case) for reader in ("xlsx", "csv-files", "csv") for case in worst_cases.cases_for(reader)],
)
def test_every_worst_case_of_a_workbook_zip_or_table_is_brought_in_or_refused_in_one_line(reader, case):
    """The generated worst files of the readers whose files a lead may upload here end in an account or in one
    line a problem, naming the file; never a traceback."""
    data = worst_cases.cases_for(reader)[case]()
    try:
        brought = bring_in(framework(), data, "upload")
    except FrameworkError as exc:
        lines = [str(p) for p in exc.problems]
        assert lines and all(line.startswith("upload") and "\n" not in line for line in lines), lines[:3]
    else:
        assert brought.lines()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [
                    "walks",
                    "Health walks",
                    "Walkers a week",
                    "2024",
                    "Q5 2024",
                    "-1",
                    "1e400",
                    "",
                    '"',
                    "\r",
                    "=1+1",
                    "nan",
                    "12",
                    "0.5",
                    "2023-02-30",
                ]
            ),
            min_size=4,
            max_size=6,
        ),
        max_size=6,
    ),
    st.sampled_from(["measurements", "delivery"]),
)
def test_any_table_is_brought_in_or_refused_in_one_line_a_problem(rows, which):
    header = "box,indicator,period,value" if which == "measurements" else "box,period,participants,spent"
    data = "\n".join([header, *(",".join(row) for row in rows)]).encode()
    try:
        brought = bring_in(framework(), data, "t.csv")
    except FrameworkError as exc:
        assert all(str(p).startswith("t.csv") and "\n" not in str(p) for p in exc.problems)
    else:
        assert brought.added + brought.delivered + brought.already + sum(brought.unmatched.values()) <= len(rows) + 1


def test_a_long_value_note_is_cut_to_what_a_measurement_holds_and_the_row_still_taken():
    note = "Value suppressed: " + "fewer than 100 respondents; " * 20
    data = f'{HEADER}\n93015,Inactive,E06000030,Swindon,UA,Persons,19+ yrs,,,2023/24,21.5,20,23,,,"{note}",20230000\n'
    brought = bring_in(framework(), data.encode(), "noted.csv")
    latest = brought.framework.nodes[1].indicators[0].measurements[-1]
    assert brought.added == 1 and len(latest.note) == 200 and latest.note.endswith("…")


def test_another_age_band_or_sex_is_taken_when_asked_for():
    young = bring_in(framework(), DOWNLOAD, "site-swindon.csv", age="0-9 yrs")
    assert measured(young.framework, "active", 1) == {"2016": 150.25, "2017": 150.25}
    assert (
        "93015 Percentage of physically inactive adults: nothing taken: it has no '0-9 yrs' rows for E06000030 "
        "(it has 19+ yrs)." in young.lines()
    )
    men = bring_in(framework(), DOWNLOAD, "site-swindon.csv", sex="Male")
    assert measured(men.framework, "active") == {"2019/20": 24.1, "2022/23": 21.0}


def test_a_text_of_words_is_named_by_its_first_line_not_called_a_table():
    assert refusal(b"# Notes from the steering group\n\nWalks went well.\n", "notes.md").startswith(
        "notes.md: a text whose first line is '# Notes from the steering group': not a Fingertips data download"
    )
