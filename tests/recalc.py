"""Recalculate a workbook with Debian's headless LibreOffice Calc and read back the figures its formulas give.

openpyxl writes formulas but never works them out, so a test of a workbook's formulas needs a spreadsheet
program: ``recalculated(path)`` runs ``soffice --headless --convert-to xlsx`` on a copy in a temporary folder
with a user profile of its own (so tests in parallel processes never share LibreOffice's lock or settings),
told to recalculate every formula on load, and returns each sheet's values as read by openpyxl with
``data_only=True``: ``{sheet title: rows of cell values}``. ``cell(sheets, "Case", "B3")`` picks one value;
``formula_errors(sheets)`` lists the cells holding a spreadsheet error such as ``#DIV/0!``.

LibreOffice comes from ``scripts/ensure-libreoffice.sh`` (``make test`` runs it as root). When ``soffice``
cannot be found or does not finish in time, ``RecalculationFailed`` says so in one line: the tests fail rather
than skip, since a workbook whose formulas were never worked out has not been checked.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter

__all__ = ["RecalculationFailed", "cell", "find_soffice", "formula_errors", "recalculated"]

Sheets = dict[str, list[list[object]]]

# The error values a spreadsheet writes in place of a figure it could not work out.
ERROR_VALUES = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "Err:502", "Err:504"})

# Calc's setting "Recalculation on file load" for Excel 2007 and newer files: 0 = always. Without it Calc may
# keep a value cached in the file instead of working out the formula again.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


# Where Debian puts soffice, for when /usr/bin is not on PATH.
_FALLBACK = Path("/usr/lib/libreoffice/program/soffice")


class RecalculationFailed(RuntimeError):
    """The workbook could not be recalculated; the message says why in one line."""


def find_soffice() -> str:
    """The path of LibreOffice's ``soffice`` ($SOFFICE first), or ``RecalculationFailed`` saying how to get it."""
    for candidate in (os.environ.get("SOFFICE"), shutil.which("soffice"), shutil.which("libreoffice")):
        if candidate and Path(candidate).is_file():
            return candidate
    if _FALLBACK.is_file():
        return str(_FALLBACK)
    raise RecalculationFailed(
        "LibreOffice (soffice) is not installed, so the workbook's formulas cannot be recalculated: "
        "run `make test` as root or `sh scripts/ensure-libreoffice.sh` (installs libreoffice-calc-nogui)"
    )


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run ``command`` in its own process group, killing the whole group (soffice.bin too) on timeout."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise RecalculationFailed(
                f"LibreOffice did not finish recalculating within {timeout:g} s and was stopped"
            ) from None
        return subprocess.CompletedProcess(command, process.returncode, out, err)


def recalculated(path: Path, *, timeout: float = 120.0) -> Sheets:
    """Every sheet of the workbook at ``path`` with its formulas worked out by LibreOffice: title -> rows."""
    soffice = find_soffice()
    path = Path(path)
    if not path.is_file():
        raise RecalculationFailed(f"no workbook at {path}")
    with tempfile.TemporaryDirectory(prefix="logicmodel-recalc-") as folder:
        work = Path(folder)
        profile = work / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
        source = work / "in" / "workbook.xlsx"
        source.parent.mkdir()
        shutil.copyfile(path, source)
        out = work / "out"
        done = _run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
            timeout,
        )  # fmt: skip
        result = out / "workbook.xlsx"
        if done.returncode or not result.is_file():
            said = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise RecalculationFailed(
                f"LibreOffice could not recalculate {path.name} (exit {done.returncode}): {said[0]}"
            )
        book = openpyxl.load_workbook(result, data_only=True, read_only=True)
        try:
            return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book}
        finally:
            book.close()


def cell(sheets: Sheets, sheet: str, reference: str) -> object:
    """The recalculated value of one cell, e.g. ``cell(sheets, "Case", "B3")``; None when empty."""
    row, column = coordinate_to_tuple(reference)
    rows = sheets[sheet]
    if row > len(rows) or column > len(rows[row - 1]):
        return None
    return rows[row - 1][column - 1]


def formula_errors(sheets: Sheets) -> list[str]:
    """The cells holding a spreadsheet error value, as ``Sheet!B3: #DIV/0!``, in sheet and reading order."""
    return [
        f"{title}!{get_column_letter(c)}{r}: {value}"
        for title, rows in sheets.items()
        for r, row in enumerate(rows, start=1)
        for c, value in enumerate(row, start=1)
        if isinstance(value, str) and value in ERROR_VALUES
    ]
