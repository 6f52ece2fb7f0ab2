"""The day a period ends (``logicmodel.core.periods``), by known answers worked out by hand: financial years
end on 31 March, their quarters start in April, calendar quarters in January, and nothing is guessed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logicmodel.core.periods import period_end


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("2022/23", "2023-03-31"),
        ("2022/2023", "2023-03-31"),
        ("2022-23", "2023-03-31"),
        ("FY 2024-25", "2025-03-31"),
        ("fy2024/25", "2025-03-31"),
        ("1999/00", "2000-03-31"),
        ("Q1 2025/26", "2025-06-30"),
        ("Q2 2025/26", "2025-09-30"),
        ("Q3 2025/26", "2025-12-31"),
        ("Q4 2025/26", "2026-03-31"),
        ("2025/26 Q2", "2025-09-30"),
        ("Quarter 2 2025/26", "2025-09-30"),
        ("2024", "2024-12-31"),
        ("Calendar year 2024", "2024-12-31"),
        ("Q1 2024", "2024-03-31"),
        ("2024 Q4", "2024-12-31"),
        ("February 2024", "2024-02-29"),
        ("Feb 2023", "2023-02-28"),
        ("Sept 2024", "2024-09-30"),
        ("2020 - 22", "2022-12-31"),
        ("2020-2022", "2022-12-31"),
        ("2018/19 - 20/21", "2021-03-31"),
        ("  2022/23 ", "2023-03-31"),
    ],
)
def test_a_period_as_people_write_it_ends_on_the_day_worked_out_by_hand(period, end):
    assert period_end(period) == end


@pytest.mark.parametrize(
    "period",
    ["", "last year", "2022/24", "2022/21", "Q5 2024", "Q0 2024/25", "Smarch 2024", "2020 - 19", "2000 - 2040", "24"],
)
def test_a_period_it_cannot_read_gives_no_day_rather_than_a_guess(period):
    assert period_end(period) is None


@given(st.integers(1950, 2090))
def test_a_financial_year_ends_three_months_after_the_calendar_year_it_starts_in(year):
    written = f"{year}/{(year + 1) % 100:02d}"
    assert period_end(written) == f"{year + 1}-03-31"
    assert period_end(f"Q3 {written}") == period_end(str(year)) == f"{year}-12-31"
    quarters = [period_end(f"Q{q} {written}") for q in (1, 2, 3, 4)]
    assert quarters == sorted(quarters) and quarters[-1] == period_end(written)


@given(st.text(max_size=40))
def test_any_text_gives_an_iso_day_or_none(text):
    end = period_end(text)
    assert end is None or (len(end) == 10 and end[4] == "-" and end[7] == "-")
