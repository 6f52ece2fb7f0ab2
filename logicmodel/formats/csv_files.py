"""A framework as a zip of CSV files, one for each part of our layout, with a README.txt saying what each holds.

The files are the workbook's sheets (``logicmodel.formats.parts_layout``: the same columns, read by the same
rules), for people who keep their tables as CSV: ``framework.csv``, ``levels.csv``, ``stakeholders.csv``,
``boxes.csv``, ``links.csv``, ``indicators.csv``, ``evidence.csv``, ``sources.csv``, ``stories.csv``,
``measurements.csv``, ``delivery.csv`` and ``valuations.csv`` (the appraisal's discount rate and price year are
rows of ``framework.csv``). It carries the whole of format v1. Only ``boxes.csv`` must be there (a zip
written before a part had its file reads as before); files are found by their names (in any folder of the zip),
never unpacked to disk. Each file is read as the one-table CSV is: a byte-order mark, Windows (cp1252) text
and ';' or tab delimiters. A zip is untrusted: its file count and unpacked size are bounded before anything is
read, and every problem names the file, row and column, e.g. ``links.csv, row 4, column 'to'``.

>>> from logicmodel.core.samples import find
>>> fw = find("enfield").load()
>>> FORMAT.read(FORMAT.write(fw, Choices())) == fw
True
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from logicmodel.core.errors import FrameworkError, Problem, quoted
from logicmodel.core.limits import MAX_FILE_BYTES, MAX_UNPACKED
from logicmodel.core.models import Framework
from logicmodel.core.spreadsheet import csv_bytes
from logicmodel.formats.box_table import Tally
from logicmodel.formats.building import Document, finish, quote_cell, some_labels
from logicmodel.formats.csv_table import decode, sniff_rows
from logicmodel.formats.parts_layout import CARRIES, NUMBERS, SHEETS, Part, number, part_rows, read_parts
from logicmodel.formats.registry import Choices, Format, Reading

__all__ = ["FILES", "FORMAT", "MAX_FILES", "README"]

FILES = {f"{part.lower()}.csv": part for part in SHEETS}
"""Each file's name and the part it holds: ``boxes.csv`` holds ``Boxes``."""

README = "README.txt"

MAX_FILES = 50
"""Most files a zip may hold: ours has fourteen; a zip of thousands of files is not a framework."""

_WHEN = (1980, 1, 1, 0, 0, 0)
"""Every file's date in the zip: the same framework makes the same bytes."""


def readme() -> str:
    """README.txt: what the files are, how to fill them in, and what each column is for (from ``SHEETS``)."""
    lines = [
        "This zip is a logic model (outcomes framework) from Logic Model Builder, format v1: a CSV file for each part.",
        "",
        "Change or fill in any file in a spreadsheet, save it as CSV (UTF-8 or Windows text, ',' or ';' between",
        "cells) and import the zip again. The first row of each file holds its headers; keep them as they are.",
        "Only boxes.csv must be there. A list in one cell (tags, cohorts, stakeholders, assumptions, a step's boxes)",
        "is one item a line, or separated by ';'. A box is named by its id, or by its label.",
        "In the number columns (reach, cost, benefit, baseline, target, a valuation's figures) a number is a number;",
        "to write a baseline or target as words that look like a number, put a single quote in front: '5.",
        "A share (deadweight, displacement, attribution, drop-off, the discount rate) is from 0 to 1: 0.3, or 30%.",
        "",
    ]
    for part, columns in SHEETS.items():
        lines.append(f"{part.lower()}.csv ({part})")
        width = max(len(name) for name, _ in columns)
        lines += [f"  {name:<{width}}  {meaning}" for name, meaning in columns]
        lines.append("")
    return "\r\n".join(lines)


def _cell(part: str, column: str, value: Any) -> Any:
    """A value as its CSV cell: guarded as a spreadsheet needs, a text that looks like a number behind a quote."""
    if value is None or value == "":
        return ""
    cell = quote_cell(value)
    if isinstance(cell, str) and column in NUMBERS.get(part, ()) and number(cell) is not None:
        return "'" + cell
    return cell


def _write(fw: Framework, choices: Choices) -> bytes:
    rows = part_rows(fw)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(README, _WHEN), ("\ufeff" + readme()).encode("utf-8"), zipfile.ZIP_DEFLATED)
        for name, part in FILES.items():
            columns = [column for column, _ in SHEETS[part]]
            cells = [
                [_cell(part, column, value) for column, value in zip(columns, row, strict=True)] for row in rows[part]
            ]
            archive.writestr(zipfile.ZipInfo(name, _WHEN), csv_bytes(columns, cells), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    """The zip's CSV files by their names (lower case, without folders), or ``FrameworkError`` in one line:
    not a zip, too many files, unpacks too large, a file over the size limit, two files of one name, a damaged
    or encrypted file (``logicmodel.formats.zipped``)."""
    from logicmodel.formats.zipped import member_bytes, open_zip

    with open_zip(data, "a zip of CSV files") as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_FILES:
            raise FrameworkError([Problem("", f"the zip holds {len(members):,} files: at most {MAX_FILES} are read")])
        if sum(m.file_size for m in members) > MAX_UNPACKED:
            raise FrameworkError([Problem("", f"the zip unpacks to more than {MAX_UNPACKED:,} bytes")])
        found: dict[str, bytes] = {}
        for member in members:
            path = member.filename.replace("\\", "/")
            name = " ".join(path.rsplit("/", 1)[-1].lower().split())  # a name in a message is one line
            if not name.endswith(".csv") or name.startswith(".") or path.startswith("__MACOSX/"):
                continue  # README.txt, a Mac's ._ files: nothing of the framework
            if name in found:
                raise FrameworkError([Problem(name, "the zip holds two files of this name: keep one")])
            found[name] = member_bytes(archive, member, name, MAX_FILE_BYTES)
    return found


def _cells(name: str, data: bytes, tally: Tally) -> list[list[Any]]:
    """A CSV file's rows, decoded as ``csv_table`` decodes (BOM, cp1252, ',' ';' or tab); problems name the file."""
    if b"\x00" in data[:4096]:
        raise FrameworkError([Problem(name, "not a CSV file (it holds binary data: a spreadsheet saved as .csv?)")])
    try:
        return sniff_rows(decode(data), tally)
    except FrameworkError as exc:
        raise FrameworkError(
            [Problem(f"{name}, {p.path}" if p.path else name, p.message) for p in exc.problems]
        ) from None


def _where(name: str, row: int, column: str | None) -> str:
    return f"{name}, row {row + 1}" + (f", column {quoted(column)}" if column else "")


def _parse(data: bytes, reading: Reading) -> Document:
    found = _members(data)
    if "boxes.csv" not in found:
        names = some_labels(sorted(found)) or "no CSV file"
        raise FrameworkError([Problem("", f"no boxes.csv in the zip (it holds {names}): boxes.csv lists the boxes")])

    tally = Tally(lambda row, column: "")  # every file's cells counted together

    def part(name: str) -> Part:
        file = f"{name.lower()}.csv"
        cells = _cells(file, found[file], tally) if file in found else None
        return Part(name, cells, lambda row, column: _where(file, row, column), from_text=True)

    doc = read_parts(part, reading, "Imported from CSV files")
    for name in sorted(set(found) - set(FILES)):
        doc.left_out.append(Problem(name, "a file this builder does not read"))
    return doc


FORMAT = Format(
    name="csv-files",
    extension=".zip",
    media_type="application/zip",
    description="a zip of CSV files, one for each part (boxes, links, indicators, valuations ...), to fill in",
    button="CSV files to fill in, one for each part (zip)",
    write=_write,
    read=lambda data: finish(_parse(data, Reading())),
    parse=_parse,
    reads_levels=True,
    carries=CARRIES,  # the whole of format v1, as the workbook
    zipped=True,
)
