"""Our measurements table: a CSV file, or the sheet named Measurements of an Excel workbook, a measurement a row.

For local figures a lead has no download for (session registers, a survey of their own). Its columns are the
Measurements sheet's of our workbook (``parts_layout.SHEETS``): ``box`` (the box's id or label), ``indicator``
(the indicator's name), ``period``, ``value``, and optionally ``period end`` (read from the period where left
empty), ``lower ci``, ``upper ci``, ``count``, ``denominator``, ``note`` and ``source``. A row is read as the
workbook's Measurements sheet reads it (``parts_layout.period_fields``), so the two cannot disagree. Headers
are matched without case; columns in any order; other columns are refused by name only when they hold text
under no header (as the workbook's are).

``read_measurements`` gives each row with its measurement checked by the format's model; every problem is
named by file, row and column, and all are raised together (``FrameworkError``): a table with one bad row
brings nothing in. Matching a row's box and indicator to the framework is ``logicmodel.formats.bring_in``'s.

>>> rows = read_measurements(b"box,indicator,period,value\\nwalks,Sessions run,2024/25,48\\n", "register.csv")
>>> [(r.box, r.indicator, r.measurement.period, r.measurement.period_end, r.measurement.value) for r in rows]
[('walks', 'Sessions run', '2024/25', '2025-03-31', 48.0)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from logicmodel.core.errors import MAX_SHOWN, FrameworkError, Problem, quoted, validation_problems
from logicmodel.core.models import Measurement
from logicmodel.formats.box_table import Table, Tally, text
from logicmodel.formats.csv_files import _cells as csv_cells
from logicmodel.formats.parts_layout import SHEETS, Part, period_fields
from logicmodel.formats.xlsx_workbook import _cells as sheet_cells
from logicmodel.formats.xlsx_workbook import _open as open_book

__all__ = ["COLUMNS", "NEEDED", "SHEET", "TableRow", "is_measurements_header", "read_measurements", "sheet_names"]

SHEET = "Measurements"
"""The sheet of a workbook read, and the part of our layout whose columns the table has."""

COLUMNS = tuple(column for column, _ in SHEETS[SHEET])
"""The table's columns, in our workbook's order."""

NEEDED = ("box", "indicator", "period", "value")
"""The columns a measurements table must have."""

XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of the table: where it is ("register.csv, row 4"), the box and indicator as written, and the
    measurement it records, checked."""

    where: str
    box: str
    indicator: str
    measurement: Measurement


def is_measurements_header(cells: list[Any]) -> bool:
    """True when a first row has the needed columns (``NEEDED``), in any case and order."""
    headers = {text(cell).lower() for cell in cells}
    return all(column in headers for column in NEEDED)


def sheet_names(data: bytes) -> list[str]:
    """The sheets of a workbook, for saying what a file is; ``FrameworkError`` when it is not one."""
    book, _ = open_book(data)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _part(data: bytes, name: str) -> Part:
    """The table's cells as our Measurements part, its places named as a person finds them."""
    tally = Tally(lambda row, column: "")
    if data.startswith(XLSX_MAGIC):
        try:
            book, merged = open_book(data)
        except FrameworkError as exc:
            raise _named(exc, name) from None
        try:
            found = next((title for title in book.sheetnames if title.strip().lower() == SHEET.lower()), None)
            if found is None:
                shown = ", ".join(quoted(t) for t in book.sheetnames[:8]) or "none"
                raise FrameworkError(
                    [Problem(name, f"an Excel workbook with no sheet named {SHEET!r} (its sheets: {shown})")]
                )
            try:
                cells = sheet_cells(book[found], merged, tally)
            except FrameworkError as exc:
                raise _named(exc, name) from None
        finally:
            book.close()
        part = Part(
            SHEET,
            cells,
            lambda row, column: f"{name}, " + Table(found, []).where(row, part.columns.get(column), column),
        )
        return part
    try:
        cells = csv_cells(name, data, tally)
    except FrameworkError as exc:
        raise _named(exc, name) from None
    return Part(
        SHEET,
        cells,
        lambda row, column: f"{name}, row {row + 1}" + (f", column {quoted(column)}" if column else ""),
        from_text=True,
    )


def _named(exc: FrameworkError, name: str) -> FrameworkError:
    """The reader's problems, each naming the file first."""
    return FrameworkError(
        [p._replace(path=f"{name}, {p.path}" if p.path and not p.path.startswith(name) else name) for p in exc.problems]
    )


def read_measurements(data: bytes, name: str) -> list[TableRow]:
    """Each row of a measurements table (a CSV file, or a workbook's Measurements sheet), its measurement checked.

    Raises ``FrameworkError``, each problem one line naming the file, row and column: an empty table, a needed
    column missing, a cell under no header, a value that is not a number, a period whose end cannot be read
    and is not given, a confidence interval out of order. No row is kept when any is wrong.
    """
    part = _part(data, name)
    if not part.columns:
        raise FrameworkError([Problem(name, "the table is empty: nothing to bring in")])
    missing = [column for column in NEEDED if column not in part.columns]
    if missing:
        has = ", ".join(quoted(c) for c in list(part.columns)[:8])
        raise FrameworkError(
            [
                Problem(
                    name,
                    f"not a measurements table: it has no {', '.join(map(repr, missing))} "
                    f"column{'s' if len(missing) > 1 else ''} (its first row has {has})",
                )
            ]
        )
    problems: list[Problem] = list(part.unheaded)
    rows: list[TableRow] = []
    for r, values in part.rows:
        entry, places = period_fields(part, values, r)
        box, indicator = text(values.get("box")), text(values.get("indicator"))
        for column, found in (("box", box), ("indicator", indicator)):
            if not found:
                problems.append(Problem(part.where(r, column), f"no {column}: say which {column} it measures"))
        if "period_end" not in entry and "period" in entry:
            problems.append(
                Problem(
                    part.where(r, "period"),
                    f"the period {quoted(str(entry['period']))} is not one whose end can be read: "
                    "give its last day in a 'period end' column (e.g. 2023-03-31)",
                )
            )
            continue
        try:
            measurement = Measurement.model_validate(entry)
        except ValidationError as exc:
            for problem in validation_problems(exc):
                field = problem.path.split(".")[0].split("[")[0]
                where = places.get(field, part.where(r)) if field else part.where(r)
                problems.append(Problem(where, _worded(field, problem.message)))
            continue
        if box and indicator:
            rows.append(TableRow(part.where(r), box, indicator, measurement))
        if len(problems) > MAX_SHOWN:
            break
    if problems:
        raise FrameworkError(problems)
    return rows


def _worded(field: str, message: str) -> str:
    """A model's message about a field, saying which column it is ("value: should be a number")."""
    column = {"period_end": "period end", "lower_ci": "lower ci", "upper_ci": "upper ci"}.get(field, field)
    return f"{column}: {message}" if column and not message.startswith(column) else message
