"""A framework as an Excel workbook (openpyxl): a sheet for each part, with headers a person can fill in.

Sheets: ``Read me`` (what each sheet and column is for), then a sheet for each part of our layout
(``logicmodel.formats.parts_layout``, which the zip of CSV files shares): ``Framework``, ``Levels``,
``Stakeholders``, ``Boxes``, ``Links``, ``Indicators``, ``Evidence``, ``Sources`` and ``Stories``.

Reading takes this workbook, and also a workbook of the tables people keep (``logicmodel.formats.box_table``:
a stage column, or one column per level) in its first sheet; Excel's merged cells count once (a merged
header names every column it spans). Every problem names the sheet, row and column. A workbook is a zip of
XML: its unpacked size is bounded and XML declaring entities (a "billion laughs") is refused before openpyxl
reads it.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from logicmodel.errors import FrameworkError, Problem, quoted
from logicmodel.formats.box_table import Table, add_links, is_link_table, read_table
from logicmodel.formats.building import Document, finish, quote_cell
from logicmodel.formats.parts_layout import SHEETS, Part, part_rows, read_parts
from logicmodel.formats.registry import Choices, Format, Reading
from logicmodel.limits import MAX_FILE_BYTES, MAX_LINKS, MAX_NODES
from logicmodel.models import Framework
from logicmodel.wording import authors_line

__all__ = ["FORMAT", "MAX_UNPACKED", "SHEETS"]

MAX_UNPACKED = 5 * MAX_FILE_BYTES
"""Most bytes a workbook may unpack to: a small zip can hold gigabytes of XML (a "zip bomb")."""


def _write(fw: Framework, choices: Choices) -> bytes:
    book = openpyxl.Workbook()
    readme = book.active
    readme.title = "Read me"
    readme.append(["This workbook is a logic model (outcomes framework) from Logic Model Builder, format v1."])
    readme.append(["Fill in or change any sheet, then import the workbook again. Headers are in the first row."])
    readme.append([])
    readme.append(["sheet", "column", "what to write"])
    for sheet, columns in SHEETS.items():
        for column, meaning in columns:
            readme.append([sheet, column, meaning])
    readme.column_dimensions["C"].width = 70
    rows = part_rows(fw)
    for sheet, columns in SHEETS.items():
        ws = book.create_sheet(sheet)
        ws.append([name for name, _ in columns])
        for row in rows[sheet]:
            ws.append([quote_cell(value) if value != "" else None for value in row])
        for index, (name, _) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = 40 if name in ("label", "description") else 16
        ws.freeze_panes = "A2"
    _properties(book, fw)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _properties(book: Any, fw: Framework) -> None:
    """The workbook's properties (File > Info): the framework's title and authors and the moment it was
    written, in place of openpyxl's own name."""
    props = book.properties
    props.title = props.subject = fw.meta.title
    props.creator = props.lastModifiedBy = authors_line(fw.meta.authors, fw.meta.organisation)
    props.description = f"Made with Logic Model Builder from the framework “{fw.meta.title}”."
    props.created = props.modified = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    props.language = "en-GB"


def _open(data: bytes) -> Any:
    """The workbook, or ``FrameworkError``: not a zip, unpacks too large, XML with entities, or not Excel's."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(m.file_size for m in members) > MAX_UNPACKED:
                raise FrameworkError([Problem("", f"the workbook unpacks to more than {MAX_UNPACKED:,} bytes")])
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    head = archive.read(member)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise FrameworkError(
                            [Problem(member.filename, "declares XML entities, which a workbook never needs")]
                        )
    except zipfile.BadZipFile:
        raise FrameworkError([Problem("", "not an Excel workbook (.xlsx): it is not a zip file")]) from None
    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; none may become a traceback
        raise FrameworkError(
            [Problem("", f"not an Excel workbook (.xlsx) openpyxl can read ({type(exc).__name__})")]
        ) from None


def _cells(ws: Worksheet, fill_header: bool = False) -> list[list[Any]]:
    """A sheet's values; a merged range's value once, in its first cell (across the header row when asked)."""
    if ws.max_row > MAX_NODES + MAX_LINKS or ws.max_column > 200:
        raise FrameworkError(
            [Problem(f"sheet {quoted(ws.title)}", f"too large ({ws.max_row:,} rows, {ws.max_column:,} columns)")]
        )
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    if fill_header:
        for merged in ws.merged_cells.ranges:
            if merged.min_row == 1 and rows:
                value = rows[0][merged.min_col - 1]
                for column in range(merged.min_col, merged.max_col + 1):
                    rows[0][column - 1] = value
    return rows


def _parse(data: bytes, reading: Reading) -> Document:
    book = _open(data)
    if "Boxes" in book.sheetnames:
        return read_parts(lambda name: _part(book, name), reading, "Imported from Excel")
    sheets = [ws for ws in book.worksheets if ws.title.lower() not in ("read me", "readme")]
    if not sheets:
        raise FrameworkError([Problem("", "the workbook has no sheet of boxes")])
    first = sheets[0]
    doc = read_table(
        Table(first.title, _cells(first, fill_header=True)), reading.level_map, reading.title or "Imported from Excel"
    )
    for ws in sheets[1:]:
        table = Table(ws.title, _cells(ws))
        if is_link_table(table):
            add_links(doc, table)
        elif any(any(cell is not None for cell in row) for row in table.rows):
            doc.left_out.append(Problem(f"sheet {quoted(ws.title)}", "a sheet this builder does not read"))
    return doc


def _part(book: Any, name: str) -> Part:
    """One of our sheets (``parts_layout.SHEETS``), its places told as ``sheet 'Links', row 4, column B 'to'``."""
    cells = _cells(book[name]) if name in book.sheetnames else None
    part = Part(name, cells, lambda row, column: Table(name, []).where(row, part.columns.get(column), column))
    return part


FORMAT = Format(
    name="xlsx",
    extension=".xlsx",
    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    description="an Excel workbook, a sheet for boxes, links, indicators, stakeholders and levels, to fill in",
    button="Workbook to fill in (Excel)",
    write=_write,
    read=lambda data: finish(_parse(data, Reading())),
    parse=_parse,
    reads_levels=True,
    cannot_carry="",  # the whole of format v1
)
