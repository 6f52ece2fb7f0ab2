"""LibreOffice recalculates a workbook's formulas and the helper reads back the figures (tests/recalc.py).

The appraisal workbook's test (issue 23) compares the recalculated workbook with the tool's figures; these
tests make sure the recalculation itself gives the answers worked by hand, so a wrong figure there is the
workbook's fault, not the helper's. The figures are illustrative, not real proxies.
"""

from __future__ import annotations

import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest
from recalc import RecalculationFailed, cell, formula_errors, recalculated


def _workbook(path: Path) -> Path:
    """A small case with formulas openpyxl cannot work out: products, a sum, discounting, a cross-sheet total."""
    book = openpyxl.Workbook()
    case = book.active
    case.title = "Case"
    case["A1"], case["B1"], case["C1"] = 120, 45.5, "=A1*B1"  # people a year x £ proxy
    case["A2"], case["A3"], case["A4"], case["A5"] = 100, 250.25, 649.75, "=SUM(A2:A4)"
    case["B2"] = "=1/(1+0.035)^2"  # Green Book discount factor for year 2
    # One outcome over two years: deadweight 0.25, drop-off 0.2, discounted at 3.5%.
    case["D1"], case["E1"] = 0.25, 0.2
    case["F1"] = "=C1*(1-D1)"  # first year's value
    case["F2"] = "=F1*(1-E1)"  # second year's value after drop-off
    case["G1"] = "=F1/(1+0.035)^1"
    case["G2"] = "=F2/(1+0.035)^2"
    case["G3"] = "=SUM(G1:G2)"  # present value
    totals = book.create_sheet("Totals")
    totals["A1"] = 5000  # investment at year 0
    totals["B1"] = "=Case!G3/A1"  # ratio of benefits to investment
    totals["C1"] = "=Case!G3-A1"  # net present value
    totals["D1"] = "=A1/0"  # an error the helper must report, not hide
    book.save(path)
    return path


def test_recalculated_values_equal_the_answers_worked_by_hand(tmp_path: Path) -> None:
    sheets = recalculated(_workbook(tmp_path / "case.xlsx"))

    # 120 people x £45.50 = £5,460.
    assert cell(sheets, "Case", "C1") == pytest.approx(5460)
    # 100 + 250.25 + 649.75 = 1,000.
    assert cell(sheets, "Case", "A5") == pytest.approx(1000)
    # 1.035^2 = 1.071225; 1 / 1.071225 = 0.93351070...
    assert cell(sheets, "Case", "B2") == pytest.approx(0.9335107003664, abs=1e-12)
    # First year: 5,460 x (1 - 0.25) = 4,095. Second year: 4,095 x (1 - 0.2) = 3,276.
    assert cell(sheets, "Case", "F1") == pytest.approx(4095)
    assert cell(sheets, "Case", "F2") == pytest.approx(3276)
    # Discounted: 4,095 / 1.035 = 3,956.5217391...; 3,276 / 1.071225 = 3,058.1810544...
    assert cell(sheets, "Case", "G1") == pytest.approx(3956.5217391304, abs=1e-9)
    assert cell(sheets, "Case", "G2") == pytest.approx(3058.1810544003, abs=1e-9)
    # Present value 3,956.5217391 + 3,058.1810544 = 7,014.7027935; to the penny £7,014.70.
    assert round(cell(sheets, "Case", "G3"), 2) == 7014.70
    # Across sheets: ratio 7,014.7027935 / 5,000 = 1.4029405587; net present value £2,014.70.
    assert cell(sheets, "Totals", "B1") == pytest.approx(1.4029405587, abs=1e-10)
    assert round(cell(sheets, "Totals", "C1"), 2) == 2014.70
    # Plain values come back as written; a division by zero is reported by cell.
    assert cell(sheets, "Totals", "A1") == 5000
    assert formula_errors(sheets) == ["Totals!D1: #DIV/0!"]


def test_a_stale_figure_cached_in_the_file_is_worked_out_again(tmp_path: Path) -> None:
    """A workbook may carry a cached result (Excel writes one); the helper must not trust it."""
    written = tmp_path / "written.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"], book.active["C1"] = 5, "=A1*3"
    book.save(written)
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(stale, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>A1*3</f><v></v>", b"<f>A1*3</f><v>6</v>")  # as if A1 had been 2
                assert b"<v>6</v>" in data
            target.writestr(name, data)
    assert openpyxl.load_workbook(stale, data_only=True).active["C1"].value == 6

    # 5 x 3 = 15, not the cached 6.
    assert cell(recalculated(stale), "Sheet", "C1") == 15


def test_two_recalculations_at_once_do_not_clash(tmp_path: Path) -> None:
    """Each run has its own LibreOffice profile, so tests in parallel processes cannot block each other."""
    first = _workbook(tmp_path / "first.xlsx")
    second = _workbook(tmp_path / "second.xlsx")
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(recalculated, [first, second]))
    assert [cell(sheets, "Case", "C1") for sheets in results] == [pytest.approx(5460)] * 2


def test_a_recalculation_that_runs_too_long_is_stopped_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(RecalculationFailed, match=r"did not finish recalculating within 0\.01 s"):
        recalculated(_workbook(tmp_path / "case.xlsx"), timeout=0.01)


def test_a_missing_workbook_or_missing_libreoffice_is_said_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(RecalculationFailed, match="no workbook at"):
        recalculated(tmp_path / "absent.xlsx")
    monkeypatch.setenv("SOFFICE", str(tmp_path / "no-soffice"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("recalc._FALLBACK", tmp_path / "no-soffice")
    with pytest.raises(RecalculationFailed, match=r"not installed.*scripts/ensure-libreoffice\.sh"):
        recalculated(_workbook(tmp_path / "case.xlsx"))
