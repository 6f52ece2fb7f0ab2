"""The Fingertips data download reader (``logicmodel.formats.fingertips``): the rows a lead's area takes for the
indicators a framework measures, with known answers from small files written as the site, the API and
fingertipsR write them; an account of what was left in plain words; anything else refused in one line."""

from __future__ import annotations

import contextlib
import io
import tracemalloc
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import ROOT

from logicmodel.core.errors import FrameworkError
from logicmodel.formats import fingertips
from logicmodel.formats.fingertips import FingertipsRow, period_end, read_rows, select

FIXTURES = ROOT / "tests" / "fixtures" / "fingertips"
SWINDON = "E06000030"
REAL = Path("/work/shared/real-files/fingertips/jargonautical_data-dev/indicators-CountyUA.data.csv")
HEADER = (
    "Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,"
    "Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator,Value note,Time period Sortable"
)


def rows_of(name: str) -> list[FingertipsRow]:
    return list(read_rows((FIXTURES / name).read_bytes()))


def values(found: fingertips.IndicatorRows) -> dict[str, float | None]:
    return {period: row.value for period, row in found.by_period.items()}


def refusal(data: bytes) -> str:
    with pytest.raises(FrameworkError) as caught:
        list(read_rows(data))
    return str(caught.value)


# The site's download -------------------------------------------------------------------------------------------


def test_the_sites_download_takes_swindons_persons_rows_by_period_in_time_order():
    chosen = select(rows_of("site-swindon.csv"), [93015, 90280, 93356, 93014, 99999], "e06000030")
    inactive = chosen.indicators[93015]
    # 2021/22 has no value (suppressed); 2020/21 is in the file twice with the same value and taken once.
    assert values(inactive) == {"2019/20": 24.1, "2020/21": 26.3, "2022/23": 22.5}
    assert inactive.indicator_name == "Percentage of physically inactive adults"  # the line break is dropped
    latest = inactive.by_period["2022/23"]
    assert (latest.lower_ci, latest.upper_ci, latest.count, latest.denominator) == (20.5, 24.5, 120.0, 500.0)
    assert (latest.period_end, latest.period_sortable, latest.row) == (date(2023, 3, 31), 20220000, 5)
    assert (chosen.area_name, chosen.matched, chosen.unmatched) == ("Swindon", (93015, 90280, 93356), (93014, 99999))


def test_the_standard_age_band_is_all_ages_or_else_the_widest_and_the_account_says_so():
    chosen = select(rows_of("site-swindon.csv"), [90280, 93356], SWINDON)
    assert (chosen.indicators[93356].age, values(chosen.indicators[93356])) == (
        "All ages",
        {"2016": 110.5, "2017": 110.5},
    )
    social = chosen.indicators[90280]
    # 18+ beside 65+: the widest is taken; 2022/23 has two 18+ values in the file, so neither is taken.
    assert (social.age, social.ages, values(social)) == ("18+ yrs", ("18+ yrs", "65+ yrs"), {"2021/22": 45.1})
    lines = chosen.lines()
    assert "the widest, 18+ yrs, was taken" in lines[1]
    assert "'All ages' was taken" in lines[2]
    assert any("rows 13 and 16 give 2022/23 two values (46.1 and 47.9): neither taken" in line for line in lines)


def test_each_row_left_is_counted_by_its_reason_with_row_numbers_a_spreadsheet_shows():
    chosen = select(rows_of("site-swindon.csv"), [93015, 90280, 93356, 93014], SWINDON)
    assert chosen.left == {
        "another area": 3,
        "another sex": 2,
        "a category": 1,
        "no value": 1,
        "repeated": 3,
        "another age": 4,
    }
    text = "\n".join(chosen.lines())
    assert "row 6 (Male); row 7 (Female)" in text
    assert "row 8 (Ethnic groups: White)" in text
    assert "row 4 (2021/22: 'Value suppressed: fewer than 100 respondents')" in text
    assert "row 9 (2020/21 again, the same value as row 3)" in text
    assert "93014: nothing taken: the file has it for other areas, not E06000030." in text


def test_asking_for_another_sex_or_age_takes_those_rows():
    rows = rows_of("site-swindon.csv")
    assert values(select(rows, [93015], SWINDON, sex="male").indicators[93015]) == {"2022/23": 21.0}
    older = select(rows, [90280], SWINDON, age="65+ yrs").indicators[90280]
    assert (older.age, values(older), older.age_chosen_because) == ("65+ yrs", {"2021/22": 43.0, "2022/23": 44.0}, "")
    missing = select(rows, [90280], SWINDON, age="16+ yrs").indicators[90280]
    assert not missing.matched
    assert missing.why_none == "it has no '16+ yrs' rows for E06000030 (it has 18+ yrs, 65+ yrs)"


def test_an_indicator_with_no_persons_row_is_not_guessed_and_the_sexes_it_has_are_named():
    data = (
        HEADER
        + "\r\n"
        + "\r\n".join(
            f"90366,Life expectancy at birth,E06000030,Swindon,UA,{sex},All ages,,,2020 - 22,{v},,,,,,20200000"
            for sex, v in (("Male", "79.1"), ("Female", "82.9"))
        )
    )
    found = select(read_rows(data.encode()), [90366], SWINDON).indicators[90366]
    assert not found.matched
    assert (
        found.why_none
        == "it has no 'Persons' rows for E06000030 without a category (it has Male, Female: ask for one of those)"
    )


def test_a_file_of_another_area_takes_nothing_and_says_which_area_it_holds():
    chosen = select(rows_of("other-area.csv"), [93015], SWINDON)
    assert (chosen.matched, chosen.left, chosen.area_name) == ((), {"another area": 2}, "")
    assert (
        chosen.lines()[1] == "The file has no rows of these indicators for E06000030: they are for E06000054 Wiltshire."
    )


def test_bringing_the_same_rows_twice_takes_each_period_once():
    rows = rows_of("site-swindon.csv")
    once = select(rows, [93015, 93356], SWINDON)
    twice = select(rows + rows, [93015, 93356], SWINDON)
    assert {i: values(f) for i, f in twice.indicators.items()} == {i: values(f) for i, f in once.indicators.items()}
    # Row 9 (2020/21 again) twice, and each of the five periods taken (3 + 2) once more.
    assert (once.left["repeated"], twice.left["repeated"]) == (1, 7)


def test_other_indicators_in_the_file_are_counted_by_id():
    chosen = select(rows_of("site-swindon.csv"), [93356], SWINDON)
    assert chosen.other_indicators == {93015: 10, 90280: 5, 93014: 1}
    assert "for indicators the framework does not measure: 93015 (10 rows), 90280 (5 rows), 93014 (1 row)" in (
        "\n".join(chosen.lines())
    )


# The API's and R's files ---------------------------------------------------------------------------------------

PERIODS = {
    "2019": date(2019, 12, 31),
    "2020 - 22": date(2022, 12, 31),
    "2018/19 - 20/21": date(2021, 3, 31),
    "2022/23": date(2023, 3, 31),
    "2023/24 Q2": date(2023, 9, 30),
    "April 2020": date(2020, 4, 30),
    "2021 (provisional)": date(2021, 12, 31),  # not a form read: from Time period Sortable and range
    "2022/23 Q1 - Q3": date(2022, 12, 31),
}


def test_the_apis_file_gives_each_period_form_its_end_date_and_orders_by_it():
    rows = rows_of("api-periods.csv")
    assert {r.period: r.period_end for r in rows} == PERIODS
    found = select(rows, [22401], SWINDON).indicators[22401]
    assert list(found.by_period) == [
        "2019",
        "April 2020",
        "2018/19 - 20/21",
        "2021 (provisional)",
        "2020 - 22",
        "2022/23 Q1 - Q3",
        "2022/23",
        "2023/24 Q2",
    ]
    assert found.by_period["2023/24 Q2"].period_sortable == 20230200


@pytest.mark.parametrize(
    ("text", "sortable", "span", "end"),
    [
        ("2015", None, "", date(2015, 12, 31)),
        ("2019/20", None, "", date(2020, 3, 31)),
        ("1999/00", None, "", date(2000, 3, 31)),
        ("2019/2020", None, "", date(2020, 3, 31)),
        ("2016 - 18", None, "", date(2018, 12, 31)),
        ("2016 – 18", None, "", date(2018, 12, 31)),
        ("1998 - 00", None, "", date(2000, 12, 31)),
        ("2014/15 - 16/17", None, "", date(2017, 3, 31)),
        ("2023/24 Q1", None, "", date(2023, 6, 30)),
        ("2023/24 Q3", None, "", date(2023, 12, 31)),
        ("2023/24 Q4", None, "", date(2024, 3, 31)),
        ("Q2 2025/26", None, "", date(2025, 9, 30)),
        ("2023 Q1", None, "", date(2023, 3, 31)),
        ("Feb 2024", None, "", date(2024, 2, 29)),
        ("Sept 2022", None, "", date(2022, 9, 30)),
        ("Apr 2020 - Mar 2021", None, "", date(2021, 3, 31)),
        ("2019/21", None, "", None),  # not consecutive years: not a financial year
        ("Later", 20200300, "1q", date(2020, 12, 31)),  # sortable: 2020/21 Q3
        ("Later", 20200011, "1m", date(2020, 11, 30)),
        ("Later", 20180000, "3y", date(2020, 12, 31)),
        ("Later", None, "", None),
        ("Later", 0, "", None),
        ("0000", None, "", None),
        ("9999/00", None, "", None),
        ("Feb 0000", None, "", None),
        ("Later", 99990400, "1m", None),
        ("Later", 99980000, "100y", date(9999, 12, 31)),
    ],
)
def test_period_end_known_answers(text: str, sortable: int | None, span: str, end: date | None):
    assert period_end(text, sortable, span) == end


PERIOD_TEXT = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"(Q[0-9] )?[0-9]{1,4}(/[0-9]{2,4})?( Q[0-9])?( - [0-9/Q ]{1,8})?", fullmatch=True),
    st.from_regex(r"[A-Za-z]{3,9} [0-9]{4}( - [A-Za-z]{3} [0-9]{4})?", fullmatch=True),
)


@settings(max_examples=500, deadline=None)
@given(PERIOD_TEXT, st.one_of(st.none(), st.integers(0, 999_999_999_999)), st.text(max_size=5))
def test_any_period_has_an_end_date_or_none_never_an_error(text: str, sortable: int | None, span: str):
    end = period_end(text, sortable, span)
    assert end is None or isinstance(end, date)


def test_fingertipsr_headers_without_spaces_and_r_na_cells_read():
    (row,) = rows_of("fingertipsr-headers.csv")
    assert (row.indicator_id, row.value, row.lower_ci, row.upper_ci, row.count, row.category_type) == (
        93088,
        66.2,
        63.1,
        69.2,
        None,
        "",
    )
    assert values(select([row], [93088], SWINDON).indicators[93088]) == {"2022/23": 66.2}


def test_a_download_saved_again_as_windows_text_reads():
    data = HEADER + "\r\n93015,Inactive adults – 19+,E06000030,Swindon,UA,Persons,19+ yrs,,,2022/23,22.5,,,,,,\r\n"
    (row,) = read_rows(data.encode("cp1252"))
    assert (row.indicator_name, row.value, row.period_sortable) == ("Inactive adults – 19+", 22.5, None)


@pytest.mark.skipif(not REAL.exists(), reason="the shared real Fingertips download is not on this machine")
def test_the_real_site_download_gives_swindons_campylobacter_rates():
    chosen = select(read_rows(REAL.open("rb")), [93356], SWINDON)
    found = chosen.indicators[93356]
    assert (found.age, list(found.by_period)) == ("All ages", ["2015", "2016", "2017"])
    first = found.by_period["2015"]
    assert (first.row, first.value, first.count, first.denominator) == (62, 121.108859826856, 263.0, 217160.0)
    assert chosen.rows_read == 852 and chosen.left == {"another area": 847, "another age": 2}


# Refusals ------------------------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_fingertips_download_is_refused_naming_what_it_lacks():
    message = refusal(b"id,level,label\r\nwalk,activity,Health walks\r\n")
    assert message == (
        "not a Fingertips data download: it has no 'Indicator ID', 'Area Code', 'Sex', 'Age', 'Time period' or "
        "'Value' column (its first line has 'id', 'level', 'label')"
    )
    assert refusal(HEADER.replace("Time period,", "Period,").encode()).startswith(
        "not a Fingertips data download: it has no 'Time period' column"
    )
    assert refusal(b"") == "the file is empty: not a Fingertips data download"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("93015,x,E06000030,S,UA,Persons,19+ yrs,,,2022/23,n/a,,,,,,", "row 3: Value 'n/a' is not a number"),
        (
            "93015,x,E06000030,S,UA,Persons,19+ yrs,,,2022/23,1,inf,,,,,",
            "row 3: Lower CI 95.0 limit 'inf' is not a number",
        ),
        ("C17b,x,E06000030,S,UA,Persons,19+ yrs,,,2022/23,1,,,,,,", "row 3: Indicator ID 'C17b' is not a whole number"),
        (",x,E06000030,S,UA,Persons,19+ yrs,,,2022/23,1,,,,,,", "row 3: Indicator ID '' is not a whole number"),
        ("93015,x,E06000030,S,UA,Persons,19+ yrs,,,2022/23,1,,,,,,2022", None),
        (
            "93015,x,E06000030,S,UA,Persons,19+ yrs,,,2022/23,1,,,,,,2022-23",
            "row 3: Time period Sortable '2022-23' is not a whole number",
        ),
        ("93015" + ",x" * 250, "row 3: 251 cells, more than the 200 a row may have"),
    ],
)
def test_a_bad_row_is_named_by_its_number(row: str, message: str | None):
    good = "93015,x,E06000030,S,UA,Persons,19+ yrs,,,2021/22,1,,,,,,"
    data = f"{HEADER}\r\n{good}\r\n{row}\r\n".encode()
    if message is None:
        assert len(list(read_rows(data))) == 2
    else:
        assert refusal(data) == message


def test_a_row_number_counts_records_not_lines_when_a_name_holds_a_line_break():
    first = '93015,"two\nlines",E06000030,S,UA,Persons,19+ yrs,,,2021/22,1,,,,,,'
    data = f"{HEADER}\r\n{first}\r\n93015,x,E,S,UA,P,A,,,p,bad,,,,,,\r\n"
    assert refusal(data.encode()) == "row 3: Value 'bad' is not a number"


def test_the_limits_refuse_in_one_line(monkeypatch: pytest.MonkeyPatch):
    row = "93015,x,E06000030,S,UA,Persons,19+ yrs,,,2021/22,1,,,,,,\r\n"
    assert refusal(f"{HEADER}\r\n{row.replace(',x,', ',' + 'x' * 50_001 + ',')}".encode()) == (
        "row 2: a cell of 50,001 characters (at most 50,000)"
    )
    monkeypatch.setattr(fingertips, "MAX_DATA_CELLS", 40)
    assert (
        refusal(f"{HEADER}\r\n{row * 3}".encode()) == "the file has more than 40 cells (the most a download may have)"
    )
    monkeypatch.setattr(fingertips, "MAX_DATA_BYTES", 300)
    assert refusal(f"{HEADER}\r\n{row * 3}".encode()).startswith("the file is larger than")


def test_a_quote_never_closed_or_lone_carriage_returns_are_refused_in_words():
    row = "93015,x,E06000030,S,UA,Persons,19+ yrs,,,2021/22,1,,,,,,"
    assert refusal(f'{HEADER}\r\n{row}\r\n93015,"open\r\n'.encode() + b"x" * 200_000) == (
        "row 3: a cell longer than 131,072 characters (a quote never closed?)"
    )
    assert refusal(f"{HEADER}\r{row}\r".encode()).endswith(
        "a line ends in a carriage return alone (not how Fingertips writes): save the file again as CSV"
    )


def test_more_rows_for_the_area_than_a_real_download_has_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fingertips, "MAX_DATA_KEPT", 10)
    with pytest.raises(FrameworkError) as caught:
        select(rows_of("site-swindon.csv"), [93015, 90280, 93356], SWINDON)
    assert str(caught.value) == (
        "row 14: more than 10 rows for E06000030 of the indicators asked for (a real download has a few thousand)"
    )


def test_a_workbook_or_other_binary_file_is_refused_in_one_line():
    message = refusal(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\x81\x8d\x90" + bytes(range(256)) * 4)
    assert "\n" not in message and message.startswith(("not a", "the file"))


def test_reading_is_a_row_at_a_time():
    """A national file is not read whole before the first row comes: memory stays one row's."""
    data = (f"{HEADER}\r\n" + "93015,x,E06000030,S,UA,Persons,19+ yrs,,,2021/22,1,,,,,,\r\n" * 50_000).encode()
    stream = io.BytesIO(data)
    rows = read_rows(stream)
    next(rows)
    assert stream.tell() < len(data) // 100


def test_selecting_one_area_does_not_hold_the_other_areas_rows():
    """Rows of other areas are counted and let go: a national download is selected in one area's memory."""

    def national() -> Iterator[FingertipsRow]:
        for i in range(20_000):
            code = SWINDON if i % 1_000 == 0 else f"E07{i:06d}"
            yield FingertipsRow(
                i + 2, 93015, "x" * 100, code, "", "", "Persons", "19+ yrs", "", "", f"{2000 + i // 1_000}",
                None, None, 1.0, None, None, None, None, "",
            )  # fmt: skip

    tracemalloc.start()
    try:
        chosen = select(national(), [93015], SWINDON)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(chosen.indicators[93015].by_period) == 20
    assert chosen.left == {"another area": 19_980}
    assert peak < 2_000_000  # the 20,000 rows held would take some 8 MB


# Any bytes -----------------------------------------------------------------------------------------------------


def read_or_refuse(data: bytes) -> None:
    try:
        for row in read_rows(data):
            assert isinstance(row, FingertipsRow)
    except FrameworkError as exc:
        assert str(exc) and "\n" not in str(exc) and "Traceback" not in str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2_000))
def test_any_bytes_are_read_or_refused_in_one_line(data: bytes):
    read_or_refuse(data)


CELL = st.one_of(
    st.sampled_from(["", "93015", "E06000030", "Persons", "19+ yrs", "2022/23", "22.5", "NA", "1e400", '"', "\n"]),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELL, max_size=20), max_size=8), st.sampled_from(["\r\n", "\n", "\r"]))
def test_any_rows_under_a_fingertips_header_are_read_or_refused_in_one_line(rows: list[list[str]], end: str):
    data = (HEADER + end + end.join(",".join(cells) for cells in rows)).encode("utf-8", "surrogatepass")
    read_or_refuse(data)
    with contextlib.suppress(FrameworkError):
        select(read_rows(data), [93015], SWINDON).lines()
