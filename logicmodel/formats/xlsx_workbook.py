"""A framework as an Excel workbook (openpyxl): a sheet for each part, with headers a person can fill in.

Sheets: ``Read me`` (what each sheet and column is for), then a sheet for each part of our layout
(``logicmodel.formats.parts_layout``, which the zip of CSV files shares): ``Framework``, ``Levels``,
``Stakeholders``, ``Boxes``, ``Links``, ``Indicators``, ``Evidence``, ``Sources``, ``Stories``,
``Measurements``, ``Delivery`` and ``Valuations`` (a box's valuation a row; the appraisal's discount rate and
price year are rows of ``Framework``).

Reading takes this workbook, and also a workbook of the tables people keep (``logicmodel.formats.box_table``:
a stage column, or one column per level) in its first sheet; Excel's merged cells count once (a merged
header names every column it spans). Every problem names the sheet, row and column. A workbook is a zip of
XML, untrusted: its unpacked size is bounded, a damaged or encrypted part is named in one line
(``logicmodel.formats.zipped``), XML declaring entities (a "billion laughs") is refused in any encoding
(``logicmodel.formats.xml_text``), and merged ranges are counted, with the cells they cover, from the sheet's
XML before openpyxl reads it. openpyxl then reads each sheet row by row (its read-only mode, which makes no
object for a merged or empty cell), and the rows are counted as they come (``box_table.Tally``): a sheet of
millions of cells, or of one long text used in every row, stops at the first limit.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from datetime import UTC, datetime
from typing import Any

import openpyxl
from openpyxl.cell import _writer as _cell_writer
from openpyxl.utils import get_column_letter, range_boundaries

from logicmodel.core.errors import FrameworkError, Problem, quoted
from logicmodel.core.limits import MAX_CELLS, MAX_MERGED, MAX_UNPACKED
from logicmodel.core.models import Framework
from logicmodel.core.wording import authors_line
from logicmodel.formats.box_table import Table, Tally, add_links, is_link_table, read_table
from logicmodel.formats.building import Document, finish, quote_cell
from logicmodel.formats.parts_layout import CARRIES, SHEETS, Part, part_rows, read_parts
from logicmodel.formats.registry import Choices, Format, Reading
from logicmodel.formats.xml_text import xml_text
from logicmodel.formats.zipped import member_bytes, open_zip, reason

_openpyxl_string = _cell_writer.safe_string


def _exact(value: object) -> str:
    """A cell's value as openpyxl writes it into the sheet's XML, but a float in full (its shortest exact form,
    as ``repr`` gives it): openpyxl's own ``"%.16g"`` drops a float's seventeenth significant digit, so a
    deadweight of 0.30000000000000004 came back from the workbook as 0.3, and bringing back a workbook nobody
    had edited changed the figure. Every workbook the builder writes (this, the appraisal's) goes through it."""
    if isinstance(value, float) and math.isfinite(value):
        return float.__repr__(value)  # numpy's float64 too, whose own repr is "np.float64(0.1)"
    return _openpyxl_string(value)


_cell_writer.safe_string = _exact

warnings.filterwarnings("ignore", module=r"openpyxl(\..*)?$")
"""openpyxl warns of what it skips in a workbook (``UserWarning: Unknown extension is not supported``, data
validation, conditional formatting) on the terminal, with its own path: a reader lists what it leaves out in
its own words, and the terminal stays free of library warnings."""

__all__ = ["FORMAT", "MAX_PARTS", "MAX_UNPACKED", "SHEETS"]

MAX_PARTS = 1_000
"""Most files a workbook's zip may hold: ours has a dozen; a workbook of thousands of sheets is no framework."""

_CELL_OR_ROW = re.compile(r"<(?:[\w.-]+:)?(?:c|row)[\s>/]")
"""A cell or a row in a sheet's XML (``<c r="B2" ...>``, ``<row r="2">``): counted before openpyxl reads one."""
_MERGED = re.compile(r"""<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")


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


Merged = list[tuple[int, int, int, int]]
"""A sheet's merged ranges, each as (first column, first row, last column, last row), from 1."""


def _merged(text: str, name: str) -> Merged:
    """The merged ranges in a sheet's XML, or ``FrameworkError`` when there are more than ``MAX_MERGED`` or they
    cover more than ``MAX_MERGED`` cells: counted before any cell is made (openpyxl would make one for each)."""
    ranges: Merged = []
    covered = 0
    for found in _MERGED.finditer(text):
        try:
            min_col, min_row, max_col, max_row = range_boundaries(found.group(1))
        except (ValueError, TypeError):
            continue  # not a range: nothing is merged
        if None in (min_col, min_row, max_col, max_row):
            continue
        covered += (max_col - min_col + 1) * (max_row - min_row + 1)
        ranges.append((min_col, min_row, max_col, max_row))
        if len(ranges) > MAX_MERGED or covered > MAX_MERGED:
            raise FrameworkError(
                [Problem(name, f"merged cells cover more than {MAX_MERGED:,} cells: too many for a logic model")]
            )
    return ranges


def _open(data: bytes) -> tuple[Any, dict[str, Merged]]:
    """The workbook (read-only: close it after use) and each sheet's merged ranges by its path in the zip, or
    ``FrameworkError`` in one line: not a zip, unpacks too large, a damaged part, XML with entities, too many
    merged cells, or not Excel's."""
    merged: dict[str, Merged] = {}
    cells = 0
    with open_zip(data, "an Excel workbook (.xlsx)") as archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise FrameworkError([Problem("", f"the workbook holds {len(members):,} files: at most {MAX_PARTS:,}")])
        if sum(m.file_size for m in members) > MAX_UNPACKED:
            raise FrameworkError([Problem("", f"the workbook unpacks to more than {MAX_UNPACKED:,} bytes")])
        for member in members:
            if member.filename.endswith((".xml", ".rels")):  # each unpacked once, its checksum checked here
                text = xml_text(member_bytes(archive, member, member.filename, MAX_UNPACKED), member.filename)
                if "mergeCell" in text:
                    merged[member.filename.lstrip("/")] = _merged(text, member.filename)
                if "sheetData" in text:
                    cells += sum(1 for _ in _CELL_OR_ROW.finditer(text))
                    if cells > MAX_CELLS:
                        raise FrameworkError(
                            [Problem(member.filename, f"more than {MAX_CELLS:,} cells and rows: too large")]
                        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; none may become a traceback
        raise FrameworkError(
            [Problem("", f"not an Excel workbook (.xlsx) openpyxl can read ({type(exc).__name__}: {reason(exc)})")]
        ) from None
    return book, merged


def _cells(ws: Any, merged: dict[str, Merged], tally: Tally, fill_header: bool = False) -> list[list[Any]]:
    """A sheet's values, row by row as read, counted as they come (with the other sheets'); a merged range's
    value once, in its first cell (across the header row when asked)."""
    ws.reset_dimensions()  # a sheet's own <dimension> is not trusted: each row is as long as its last cell
    tally.table(lambda row, column: Table(ws.title, []).where(row, column))
    rows: list[list[Any]] = []
    try:
        for row in ws.iter_rows(values_only=True):
            tally.add(len(rows), row)
            rows.append(list(row))
    except FrameworkError:
        raise
    except Exception as exc:  # XML openpyxl cannot read, a number it cannot convert ...
        raise FrameworkError(
            [Problem(f"sheet {quoted(ws.title)}", f"cannot be read ({type(exc).__name__}: {reason(exc)})")]
        ) from None
    if fill_header and rows:
        path = str(getattr(ws, "_worksheet_path", "")).lstrip("/")
        header = rows[0]
        for min_col, min_row, max_col, _ in merged.get(path, []):
            if min_row == 1 and min_col <= len(header):
                value = header[min_col - 1]
                header.extend([None] * (max_col - len(header)))
                header[min_col - 1 : max_col] = [value] * (max_col - min_col + 1)
    return rows


def _parse(data: bytes, reading: Reading) -> Document:
    book, merged = _open(data)
    try:
        return _read_book(book, merged, reading)
    finally:
        book.close()


def _read_book(book: Any, merged: dict[str, Merged], reading: Reading) -> Document:
    tally = Tally(lambda row, column: "")
    if "Boxes" in book.sheetnames:
        return read_parts(lambda name: _part(book, merged, tally, name), reading, "Imported from Excel")
    sheets = [ws for ws in book.worksheets if ws.title.lower() not in ("read me", "readme")]
    if not sheets:
        raise FrameworkError([Problem("", "the workbook has no sheet of boxes")])
    first = sheets[0]
    doc = read_table(
        Table(first.title, _cells(first, merged, tally, fill_header=True)),
        reading.level_map,
        reading.title or "Imported from Excel",
    )
    for ws in sheets[1:]:
        table = Table(ws.title, _cells(ws, merged, tally))
        if is_link_table(table):
            add_links(doc, table)
        elif any(any(cell is not None for cell in row) for row in table.rows):
            doc.left_out.append(Problem(f"sheet {quoted(ws.title)}", "a sheet this builder does not read"))
    return doc


def _part(book: Any, merged: dict[str, Merged], tally: Tally, name: str) -> Part:
    """One of our sheets (``parts_layout.SHEETS``), its places told as ``sheet 'Links', row 4, column B 'to'``."""
    cells = _cells(book[name], merged, tally) if name in book.sheetnames else None
    part = Part(name, cells, lambda row, column: Table(name, []).where(row, part.columns.get(column), column))
    return part


FORMAT = Format(
    name="xlsx",
    extension=".xlsx",
    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    description="an Excel workbook, a sheet for boxes, links, indicators, measurements, valuations ..., to fill in",
    button="Workbook to fill in (Excel)",
    write=_write,
    read=lambda data: finish(_parse(data, Reading())),
    parse=_parse,
    reads_levels=True,
    carries=CARRIES,  # the whole of format v1
    zipped=True,
)
