"""A framework as one CSV table, one row per box: what a spreadsheet user fills in by hand.

Columns: ``id``, ``level`` (the level's label), ``label``, ``description``, ``tags`` and ``leads to`` (the ids
of the boxes it contributes to, one a line). Reading also takes the tables people keep already
(``logicmodel.formats.box_table``): a stage column (``stage,title,description``, as the NHS logic model tool
imports), or one column per level; a byte-order mark, Windows (cp1252) text and ';' or tab delimiters.

>>> from logicmodel.core.samples import find
>>> fw = find("enfield").load()
>>> back = FORMAT.read(FORMAT.write(fw, Choices()))
>>> [n.label for n in back.nodes] == [n.label for n in fw.nodes], len(back.links) == len(fw.links)
(True, True)
"""

from __future__ import annotations

import csv
import io

from logicmodel.core.errors import FrameworkError, Problem
from logicmodel.core.models import Framework
from logicmodel.core.spreadsheet import csv_bytes
from logicmodel.formats.box_table import Table, Tally, join_list, read_table
from logicmodel.formats.building import Document, finish, quote_cell
from logicmodel.formats.registry import Choices, Format, Reading
from logicmodel.formats.zipped import text_kind

__all__ = ["FORMAT", "decode", "sniff_rows"]

HEADERS = ("id", "level", "label", "description", "tags", "leads to")
CARRIES = frozenset(
    {
        "levels.label",
        "nodes.id",
        "nodes.level",
        "nodes.label",
        "nodes.description",
        "nodes.tags",
        "links.source",  # a row's "leads to"
        "links.target",
    }
)
"""The fields ``_write`` writes, column by column: the rest of a framework is left out (``Format.cannot_carry``)."""


def _write(fw: Framework, choices: Choices) -> bytes:
    rank = fw.level_rank
    targets: dict[str, list[str]] = {}
    for link in fw.links:
        targets.setdefault(link.source, []).append(link.target)
    rows = [
        [
            quote_cell(value)
            for value in (
                node.id,
                fw.level_label(node.level),
                node.label,
                node.description or "",
                join_list(node.tags),
                join_list(targets.get(node.id, [])),
            )
        ]
        for node in sorted(fw.nodes, key=lambda n: rank.get(n.level, 0))
    ]
    return csv_bytes(HEADERS, rows)


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without a byte-order mark), else Windows' cp1252 as Excel saves."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise FrameworkError([Problem("", f"not UTF-8 or Windows text (bad byte at position {exc.start})")]) from None


def sniff_rows(text: str, tally: Tally | None = None) -> list[list[str]]:
    """The rows of CSV text, delimited by ',', ';' or a tab (whichever the first line uses most), counted as
    they are read (by ``tally``, with the file's other tables, or on their own): a table past a limit is
    refused before its next row is kept."""
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def where(row: int, column: int | None) -> str:
        return f"line {reader.line_num}" + (f", column {column + 1}" if column is not None else "")

    tally = tally.table(where) if tally is not None else Tally(where)
    rows: list[list[str]] = []
    try:
        for row in reader:
            tally.add(len(rows), row)
            rows.append(row)
    except csv.Error as exc:
        raise FrameworkError([Problem(f"line {reader.line_num}", f"not a CSV table ({exc})")]) from None
    return rows


def _parse(data: bytes, reading: Reading) -> Document:
    if b"\x00" in data[:4096]:
        raise FrameworkError([Problem("", "not a CSV file (it holds binary data: a spreadsheet? use xlsx)")])
    other = text_kind(data)
    if other is not None:
        raise FrameworkError([Problem("", f"not a CSV table: {other}")])
    rows = sniff_rows(decode(data))
    return read_table(Table(None, rows), reading.level_map, title=reading.title or "Imported from a CSV table")


FORMAT = Format(
    name="csv",
    extension=".csv",
    media_type="text/csv",
    description="one row per box (level, label, description, leads to) for a spreadsheet; reads stage columns too",
    button="Boxes and links as a table (CSV)",
    write=_write,
    read=lambda data: finish(_parse(data, Reading())),
    parse=_parse,
    reads_levels=True,
    carries=CARRIES,
    also_leaves_out=("empty levels",),  # a level is written only in a box's row
)
