"""Our measurements and delivery tables: a CSV file, or the sheets named Measurements and Delivery of a workbook.

For local figures a lead has no download for (session registers, a survey of their own). Its columns are the
Measurements sheet's of our workbook (``parts_layout.SHEETS``): ``box`` (the box's id or label), ``indicator``
(the indicator's name), ``period``, ``value``, and optionally ``period end`` (read from the period where left
empty), ``lower ci``, ``upper ci``, ``count``, ``denominator``, ``note`` and ``source``. A row is read as the
workbook's Measurements sheet reads it (``parts_layout.period_fields``), so the two cannot disagree. Headers
are matched without case; columns in any order; other columns are refused by name only when they hold text
under no header (as the workbook's are).

A delivery table (session registers: what an activity delivered) has the Delivery sheet's columns: ``box``,
``period``, ``participants`` and/or ``spent``, and optionally ``period end``, ``currency`` and ``note``. A CSV
file is one table or the other, told by its first row; a workbook may have both sheets, and both are read, as
are the measurements.csv and delivery.csv of our zip of CSV files (``csv_files``).

``read_tables`` (``read_measurements`` for the measurements alone) gives each row checked by the format's model;
every problem is named by file, row and column, and all are raised together (``FrameworkError``): a table with
one bad row brings nothing in. Matching a row's box and indicator to the framework is ``logicmodel.formats.bring_in``'s.

>>> rows = read_measurements(b"box,indicator,period,value\\nwalks,Sessions run,2024/25,48\\n", "register.csv")
>>> [(r.box, r.indicator, r.measurement.period, r.measurement.period_end, r.measurement.value) for r in rows]
[('walks', 'Sessions run', '2024/25', '2025-03-31', 48.0)]
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from logicmodel.core.errors import MAX_SHOWN, FrameworkError, Problem, quoted, validation_problems
from logicmodel.core.models import Delivery, Measurement
from logicmodel.formats.box_table import Table, Tally, text
from logicmodel.formats.csv_files import _cells as csv_cells
from logicmodel.formats.csv_files import _members as csv_members
from logicmodel.formats.parts_layout import SHEETS, Part, period_fields
from logicmodel.formats.xlsx_workbook import _cells as sheet_cells
from logicmodel.formats.xlsx_workbook import _open as open_book

__all__ = [
    "COLUMNS",
    "DELIVERY_COLUMNS",
    "DELIVERY_NEEDED",
    "DELIVERY_SHEET",
    "NEEDED",
    "NO_FILE",
    "NO_SHEET",
    "SHEET",
    "DeliveryRow",
    "TableRow",
    "Tables",
    "is_delivery_header",
    "is_measurements_header",
    "is_workbook",
    "read_measurements",
    "read_tables",
    "sheet_names",
    "zipped_tables",
]

SHEET = "Measurements"
"""The sheet of a workbook read, and the part of our layout whose columns the table has."""

DELIVERY_SHEET = "Delivery"
"""The sheet of delivery (a period a row: participants reached, money spent), read beside Measurements."""

COLUMNS = tuple(column for column, _ in SHEETS[SHEET])
"""The table's columns, in our workbook's order."""

DELIVERY_COLUMNS = tuple(column for column, _ in SHEETS[DELIVERY_SHEET])
"""A delivery table's columns, in our workbook's order."""

NEEDED = ("box", "indicator", "period", "value")
"""The columns a measurements table must have."""

DELIVERY_NEEDED = ("box", "period")
"""The columns a delivery table must have, with ``participants`` or ``spent`` (or both)."""

XLSX_MAGIC = b"PK\x03\x04"

NO_SHEET = f"an Excel workbook with no sheet named {SHEET!r} or {DELIVERY_SHEET!r}"

NO_FILE = "a zip with no measurements.csv or delivery.csv"


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of the table: where it is ("register.csv, row 4"), the box and indicator as written, and the
    measurement it records, checked."""

    where: str
    box: str
    indicator: str
    measurement: Measurement


@dataclass(frozen=True, slots=True)
class DeliveryRow:
    """One row of a delivery table: where it is, the box as written, and the period of delivery, checked."""

    where: str
    box: str
    delivery: Delivery


@dataclass(frozen=True)
class Tables:
    """What a file's tables hold: its measurements, and its delivery (a workbook may have both sheets)."""

    measurements: list[TableRow]
    delivery: list[DeliveryRow]
    rows: int
    """The rows read, of both."""


def _headers(cells: list[Any]) -> set[str]:
    return {text(cell).lower() for cell in cells}


def is_measurements_header(cells: list[Any]) -> bool:
    """True when a first row has the needed columns (``NEEDED``), in any case and order."""
    return all(column in _headers(cells) for column in NEEDED)


def is_delivery_header(cells: list[Any]) -> bool:
    """True when a first row is a delivery table's: box, period, and participants or spent; no indicator."""
    headers = _headers(cells)
    return (
        all(column in headers for column in DELIVERY_NEEDED)
        and bool(headers & {"participants", "spent"})
        and "indicator" not in headers
    )


def sheet_names(data: bytes) -> list[str]:
    """The sheets of a workbook, for saying what a file is; ``FrameworkError`` when it is not one."""
    book, _ = open_book(data)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _named_sheet(titles: list[str], wanted: str) -> str | None:
    return next((title for title in titles if title.strip().lower() == wanted.lower()), None)


def _parts(data: bytes, name: str) -> list[Part]:
    """The file's tables as our Measurements and Delivery parts, their places named as a person finds them: a
    workbook's sheets of those names (at least one), or a CSV file's one table, told by its first row."""
    tally = Tally(lambda row, column: "")
    if data.startswith(XLSX_MAGIC) and not is_workbook(data):
        return _zipped_parts(data, name, tally)
    if data.startswith(XLSX_MAGIC):
        try:
            book, merged = open_book(data)
        except FrameworkError as exc:
            raise _named(exc, name) from None
        try:
            parts = []
            for ours in (SHEET, DELIVERY_SHEET):
                found = _named_sheet(book.sheetnames, ours)
                if found is None:
                    continue
                try:
                    cells = sheet_cells(book[found], merged, tally)
                except FrameworkError as exc:
                    raise _named(exc, name) from None
                parts.append(_sheet_part(ours, found, cells, name))
            if not parts:
                shown = ", ".join(quoted(t) for t in book.sheetnames[:8]) or "none"
                raise FrameworkError([Problem(name, f"{NO_SHEET} (its sheets: {shown})")])
        finally:
            book.close()
        return parts
    try:
        cells = csv_cells(name, data, tally)
    except FrameworkError as exc:
        raise _named(exc, name) from None
    ours = DELIVERY_SHEET if cells and is_delivery_header(cells[0]) else SHEET
    return [
        Part(
            ours,
            cells,
            lambda row, column: f"{name}, row {row + 1}" + (f", column {quoted(column)}" if column else ""),
            from_text=True,
        )
    ]


def is_workbook(data: bytes) -> bool:
    """True when a zip is an Excel workbook (it holds xl/workbook.xml), not our zip of CSV files."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(n.lstrip("/").lower() == "xl/workbook.xml" for n in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return True  # let the workbook reader say what is wrong with it


def zipped_tables(data: bytes) -> list[str]:
    """The names of the CSV files in our zip of CSV files (``csv_files``), lower case; ``FrameworkError`` when it
    is not a zip that can be read."""
    return sorted(csv_members(data))


def _zipped_parts(data: bytes, name: str, tally: Tally) -> list[Part]:
    """Our zip of CSV files' measurements.csv and delivery.csv (at least one), as parts."""
    try:
        found = csv_members(data)
    except FrameworkError as exc:
        raise _named(exc, name) from None
    parts = []
    for ours in (SHEET, DELIVERY_SHEET):
        file = f"{ours.lower()}.csv"
        if file not in found:
            continue
        try:
            cells = csv_cells(file, found[file], tally)
        except FrameworkError as exc:
            raise _named(exc, name) from None
        parts.append(
            Part(
                ours,
                cells,
                lambda row, column, file=file: (
                    f"{name}, {file}, row {row + 1}" + (f", column {quoted(column)}" if column else "")
                ),
                from_text=True,
            )
        )
    if not parts:
        shown = ", ".join(quoted(f) for f in sorted(found)[:8]) or "no CSV file"
        raise FrameworkError([Problem(name, f"{NO_FILE} (it holds {shown})")])
    return parts


def _sheet_part(ours: str, title: str, cells: list[list[Any]], name: str) -> Part:
    part = Part(
        ours, cells, lambda row, column: f"{name}, " + Table(title, []).where(row, part.columns.get(column), column)
    )
    return part


def _named(exc: FrameworkError, name: str) -> FrameworkError:
    """The reader's problems, each naming the file first."""
    return FrameworkError(
        [p._replace(path=f"{name}, {p.path}" if p.path and not p.path.startswith(name) else name) for p in exc.problems]
    )


def read_measurements(data: bytes, name: str) -> list[TableRow]:
    """Each row of a measurements table (a CSV file, or a workbook's Measurements sheet), its measurement checked
    (``read_tables``' measurements)."""
    return read_tables(data, name).measurements


def read_tables(data: bytes, name: str) -> Tables:
    """Each row of a measurements table and of a delivery table (a CSV file of either, or a workbook's sheets
    named Measurements and Delivery), each checked by the format's model.

    Raises ``FrameworkError``, each problem one line naming the file, row and column: an empty table, a needed
    column missing, a cell under no header, a value that is not a number, a period whose end cannot be read
    and is not given, a confidence interval out of order. No row is kept when any is wrong.
    """
    problems: list[Problem] = []
    measurements: list[TableRow] = []
    delivery: list[DeliveryRow] = []
    rows = 0
    parts = _parts(data, name)
    for part in parts:
        if not part.columns and len(parts) > 1:  # a workbook's empty Delivery sheet beside its Measurements
            continue
        rows += len(part.rows)
        _check_columns(part, name)
        problems.extend(part.unheaded)
        for r, values in part.rows:
            entry, places = period_fields(part, values, r)
            box = text(values.get("box"))
            indicator = text(values.get("indicator"))
            asked = ("box", "indicator") if part.name == SHEET else ("box",)
            for column in asked:
                if not text(values.get(column)):
                    problems.append(Problem(part.where(r, column), f"no {column}: say which {column} it is for"))
            if "period_end" not in entry and "period" in entry:
                problems.append(
                    Problem(
                        part.where(r, "period"),
                        f"the period {quoted(str(entry['period']))} is not one whose end can be read: "
                        "give its last day in a 'period end' column (e.g. 2023-03-31)",
                    )
                )
                continue
            model = Measurement if part.name == SHEET else Delivery
            try:
                checked = model.model_validate(entry)
            except ValidationError as exc:
                for problem in validation_problems(exc):
                    field = problem.path.split(".")[0].split("[")[0]
                    where = places.get(field, part.where(r)) if field else part.where(r)
                    problems.append(Problem(where, _worded(field, problem.message)))
                continue
            if isinstance(checked, Measurement) and box and indicator:
                measurements.append(TableRow(part.where(r), box, indicator, checked))
            elif isinstance(checked, Delivery) and box:
                delivery.append(DeliveryRow(part.where(r), box, checked))
            if len(problems) > MAX_SHOWN:
                break
    if problems:
        raise FrameworkError(problems)
    return Tables(measurements, delivery, rows)


def _check_columns(part: Part, name: str) -> None:
    """The part has its needed columns, or ``FrameworkError`` in one line naming those missing."""
    if not part.columns:
        raise FrameworkError([Problem(name, "the table is empty: nothing to bring in")])
    needed = NEEDED if part.name == SHEET else DELIVERY_NEEDED
    missing = [column for column in needed if column not in part.columns]
    what = "measurements table" if part.name == SHEET else "delivery table"
    if missing:
        has = ", ".join(quoted(c) for c in list(part.columns)[:8])
        where = name if part.name == SHEET or not name.lower().endswith(".xlsx") else f"{name}, sheet {part.name!r}"
        raise FrameworkError(
            [
                Problem(
                    where,
                    f"not a {what}: it has no {', '.join(map(repr, missing))} "
                    f"column{'s' if len(missing) > 1 else ''} (its first row has {has})",
                )
            ]
        )


def _worded(field: str, message: str) -> str:
    """A model's message about a field, saying which column it is ("value: should be a number")."""
    column = {"period_end": "period end", "lower_ci": "lower ci", "upper_ci": "upper ci"}.get(field, field)
    return f"{column}: {message}" if column and not message.startswith(column) else message
