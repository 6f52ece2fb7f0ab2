"""The two tables people keep a logic model in, read from a CSV file or a spreadsheet's sheet.

- One row per box: a column for the level (``level``, ``stage``, ``type``), one for the box (``label``,
  ``title``, ``box``, ``name``), and optionally ``id``, ``description``, ``tags`` and ``leads to`` (the ids or
  labels of the boxes it contributes to, one a line or separated by ';'). This is also what our CSV writes.
- One column per level: the first row names the levels (Activities, Outputs, Outcomes ...), each cell below is
  a box of that level; there are no links.

Every problem names the row and column (and the sheet, in a spreadsheet). A column this builder does not read,
and a cell under no header, is listed as left out, so that the import is refused naming it and a repair leaves
it out, listed. A table is counted as it is read (``Tally``): rows, columns, cells and characters each stop the
reading at their limit (``logicmodel.core.limits``), before the next row is kept.

>>> doc = read_table(Table(None, [["stage", "title"], ["activity", "Walks"], ["output", "Walkers"]]))
>>> [(n["id"], n["level"]) for n in doc["nodes"]]
[('walks', 'activity'), ('walkers', 'output')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from logicmodel.core.errors import FrameworkError, Problem, quoted
from logicmodel.core.ids import Taken, new_id
from logicmodel.core.level_names import name_key
from logicmodel.core.limits import (
    ID_PATTERN,
    MAX_CELL,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_LEVELS,
    MAX_LINKS,
    MAX_NODES,
    MAX_UNPACKED,
)
from logicmodel.formats.building import (
    Document,
    count_problem,
    document,
    level_rank,
    resolve_levels,
    some_labels,
    unquote_cell,
    usual_rank,
)

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "Table",
    "Tally",
    "add_links",
    "is_link_table",
    "join_list",
    "read_table",
    "split_list",
]

MAX_ROWS = MAX_NODES + MAX_LINKS
"""Most rows with anything in them one table may have: a row a box, or a row a link."""


class Tally:
    """A table counted as it is read, row by row: ``FrameworkError`` at the first limit it passes, naming where.

    ``where(row, column)`` tells a 0-based row and column as a person finds them (``sheet 'Boxes', row 5,
    column C``). Empty rows count as cells (a million blank lines are refused), not as rows. One tally counts
    every table of a file (a workbook's sheets, a zip's CSV files): ``table`` starts the next one.
    """

    def __init__(self, where: Callable[[int, int | None], str]) -> None:
        self.where = where
        self.rows = 0
        self.cells = 0
        self.characters = 0

    def table(self, where: Callable[[int, int | None], str]) -> Tally:
        """Count the file's next table (its rows on their own, its cells and characters with the others')."""
        self.where = where
        self.rows = 0
        return self

    def add(self, index: int, cells: Sequence[Any]) -> None:
        """Count row ``index``'s cells, before the row is kept."""
        if len(cells) > MAX_COLUMNS:
            raise FrameworkError(
                [Problem(self.where(index, None), f"{len(cells):,} columns: a table has at most {MAX_COLUMNS}")]
            )
        self.cells += max(1, len(cells))
        if self.cells > MAX_CELLS:
            raise FrameworkError([Problem(self.where(index, None), f"more than {MAX_CELLS:,} cells: too large")])
        filled = False
        for column, value in enumerate(cells):
            if value is None or value == "":
                continue
            filled = True
            if isinstance(value, str):
                if len(value) > MAX_CELL:
                    raise FrameworkError(
                        [
                            Problem(
                                self.where(index, column),
                                f"{len(value):,} characters: a cell holds at most {MAX_CELL:,}",
                            )
                        ]
                    )
                self.characters += len(value)
        if self.characters > MAX_UNPACKED:
            raise FrameworkError(
                [Problem(self.where(index, None), f"more than {MAX_UNPACKED:,} characters in all: too large")]
            )
        if filled:
            self.rows += 1
            if self.rows > MAX_ROWS + 1:  # and the headers' row
                raise FrameworkError(
                    [Problem(self.where(index, None), f"more than {MAX_ROWS:,} rows: too large for a framework")]
                )


COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "box id", "ref", "reference", "element_id", "element id"),
    "level": ("level", "stage", "type", "column", "element type", "element_type"),
    "label": ("label", "title", "box", "name", "text"),
    "description": ("description", "details"),
    "tags": ("tags", "tag"),
    "leads to": ("leads to", "links to", "contributes to", "to", "next"),
}
"""Our column names, and the headers people use for each (any case)."""

_ID = re.compile(ID_PATTERN)


@dataclass
class Table:
    """A sheet's or a CSV file's cells, row by row (``None`` for an empty cell), and the sheet's name."""

    sheet: str | None
    rows: list[list[Any]]

    def where(self, row: int, column: int | None = None, header: str | None = None) -> str:
        """``sheet 'Boxes', row 5, column C 'title'`` for the 0-based row and column."""
        parts = [f"sheet {quoted(self.sheet)}"] if self.sheet is not None else []
        parts.append(f"row {row + 1}")
        if column is not None:
            parts.append(f"column {get_column_letter(column + 1)}" + (f" {quoted(header)}" if header else ""))
        return ", ".join(parts)


def text(value: Any) -> str:
    """A cell as text, trimmed, its formula guard taken off (``building.unquote_cell``); '' when empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unquote_cell(str(value).strip())


def split_list(value: Any) -> list[str]:
    """A list in one cell: one item a line, or separated by ';' when on one line.

    >>> split_list("a; b"), split_list("a; b\\n"), split_list("x\\ny"), split_list(None)
    (['a', 'b'], ['a; b'], ['x', 'y'], [])
    """
    cell = "" if value is None else unquote_cell(str(value))  # the formula guard is on the cell, not each item
    parts = cell.split("\n") if "\n" in cell else cell.split(";")
    return [part.strip() for part in parts if part.strip()]


def join_list(items: Sequence[str]) -> str:
    """A list for one cell, one item a line (a single item holding ';' ends in a line break, so it stays one)."""
    joined = "\n".join(items)
    return joined + "\n" if len(items) == 1 and ";" in items[0] else joined


def _header_row(table: Table) -> int | None:
    """The first row with any text: the headers."""
    return next((i for i, row in enumerate(table.rows) if any(text(cell) for cell in row)), None)


def _columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        lowered = header.lower()
        for ours, names in COLUMNS.items():
            if lowered in names and ours not in found:
                found[ours] = index
    return found


def read_table(table: Table, level_map: Sequence[tuple[str, str]] = (), title: str = "Imported framework") -> Document:
    """The framework document in a table of either layout, or ``FrameworkError`` naming where to look."""
    top = _header_row(table)
    if top is None:
        raise FrameworkError([Problem(table.where(0), "no boxes: the table is empty")])
    if len(table.rows) - top - 1 > MAX_NODES:  # refused before a box is made of any row
        raise FrameworkError(
            [
                Problem(
                    table.where(top), f"{len(table.rows) - top - 1:,} rows: a framework has at most {MAX_NODES:,} boxes"
                )
            ]
        )
    headers = [text(cell) for cell in table.rows[top]]
    if len(headers) > MAX_LEVELS * 20:
        raise FrameworkError([Problem(table.where(top), f"{len(headers):,} columns: too many to be a logic model")])
    columns = _columns(headers)
    if "level" in columns and "label" in columns:
        return _rows_layout(table, top, headers, columns, level_map, title)
    named = [h for h in headers if h]
    mapped = {name_key(name) for name, _ in level_map}
    levels = [h for h in named if usual_rank(h) is not None or level_rank(h) is not None or name_key(h) in mapped]
    if named and (level_map or len(levels) == len(named)):
        return _columns_layout(table, top, headers, level_map, title)
    meant = [h for h in levels if level_rank(h) is not None or name_key(h) in mapped]  # by whole words
    if len(meant) >= 2 and 2 * len(meant) > len(named):  # a column per level and a column more (notes): named
        return _columns_layout(table, top, headers, level_map, title, set(meant))
    raise FrameworkError(
        [
            Problem(
                table.where(top),
                "the headers name no level and box: use a column 'level' (or 'stage') and a column 'label' "
                "(or 'title'), one row a box; or one column per level headed Activities, Outputs, Outcomes, "
                f"Impact (the {len(named)} headers are: {some_labels(named, 12) or 'none'})",
            )
        ]
    )


def _rows_layout(
    table: Table,
    top: int,
    headers: list[str],
    columns: dict[str, int],
    level_map: Sequence[tuple[str, str]],
    title: str,
) -> Document:
    known = set(columns.values())
    extra = [(i, h) for i, h in enumerate(headers) if h and i not in known]
    rows = [(r, row) for r, row in enumerate(table.rows[top + 1 :], start=top + 1) if any(text(c) for c in row)]

    def cell(row: list[Any], name: str) -> Any:
        index = columns.get(name)
        return row[index] if index is not None and index < len(row) else None

    levels, level_of = resolve_levels(
        [text(cell(row, "level")) for _, row in rows if text(cell(row, "level"))], level_map
    )
    given = {text(cell(row, "id")) for _, row in rows} - {""}
    taken = Taken(given)
    nodes: list[dict[str, Any]] = []
    by_label: dict[str, str] = {}
    sources: list[tuple[int, str, list[str]]] = []
    doc_places: dict[str, str] = {}
    left_out: list[Problem] = []
    targets_read = 0
    for r, row in rows:
        label = text(cell(row, "label"))
        box_id = text(cell(row, "id")) or new_id(label, taken)
        node: dict[str, Any] = {"id": box_id}
        level = text(cell(row, "level"))
        if level:
            node["level"] = level_of[level]
        node["label"] = label
        description = text(cell(row, "description"))
        if description:
            node["description"] = description
        tags = split_list(cell(row, "tags"))
        if tags:
            node["tags"] = tags
        path = f"nodes[{len(nodes)}]"
        doc_places[path] = table.where(r)
        for ours, index in columns.items():
            field = {"leads to": None}.get(ours, ours)
            if field:
                doc_places[f"{path}.{field}"] = table.where(r, index, headers[index])
        nodes.append(node)
        by_label.setdefault(label.lower(), box_id)
        targets = split_list(cell(row, "leads to"))
        if targets:
            targets_read += len(targets)
            if targets_read > MAX_LINKS:
                where = table.where(r, columns["leads to"], headers[columns["leads to"]])
                raise FrameworkError([Problem(where, f"more than {MAX_LINKS:,} links: a framework has at most that")])
            sources.append((r, box_id, targets))
        for index, value in enumerate(row):
            if (index >= len(headers) or not headers[index]) and text(value):
                count_problem(
                    left_out,
                    Problem(table.where(r, index), f"a cell {quoted(text(value))} under no header: head its column"),
                )
    links: list[dict[str, Any]] = []
    ids = {node["id"] for node in nodes}
    for r, source, targets in sources:
        for target in targets:
            resolved = target if target in ids else by_label.get(target.lower())
            if resolved is None:
                resolved = target if _ID.match(target) else new_id(target, set())
            place = table.where(r, columns["leads to"], headers[columns["leads to"]])
            doc_places[f"links[{len(links)}]"] = place
            links.append({"source": source, "target": resolved})
    doc = document(title, levels, nodes, links)
    doc.places.update(doc_places)
    for index, header in extra:
        doc.left_out.append(Problem(table.where(top, index, header), "a column this builder does not read"))
    doc.left_out.extend(left_out)
    return doc


LINK_COLUMNS = {
    "from": ("from", "from_id", "from id", "source", "source id"),
    "to": ("to", "to_id", "to id", "target", "target id"),
    "rationale": ("rationale", "description", "why"),
}


def is_link_table(table: Table) -> bool:
    """Whether a table's headers name the two ends of a link (from/to, source/target)."""
    top = _header_row(table)
    headers = [text(h).lower() for h in table.rows[top]] if top is not None else []
    return any(h in LINK_COLUMNS["from"] for h in headers) and any(h in LINK_COLUMNS["to"] for h in headers)


def add_links(doc: Document, table: Table) -> None:
    """The links of a table with from and to columns (ids or labels of the document's boxes) added to ``doc``."""
    top = _header_row(table) or 0
    headers = [text(h) for h in table.rows[top]]
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        for ours, names in LINK_COLUMNS.items():
            if header.lower() in names and ours not in columns:
                columns[ours] = index
    for index, header in enumerate(headers):
        if header and index not in columns.values():
            doc.left_out.append(Problem(table.where(top, index, header), "a column this builder does not read"))
    ids = {node["id"] for node in doc["nodes"]}
    by_label = {str(node.get("label", "")).lower(): node["id"] for node in reversed(doc["nodes"])}
    for r, row in enumerate(table.rows[top + 1 :], start=top + 1):
        if not any(text(c) for c in row):
            continue
        link: dict[str, Any] = {}
        for ours in ("from", "to"):
            value = text(row[columns[ours]]) if columns[ours] < len(row) else ""
            resolved = value if value in ids else by_label.get(value.lower(), value)
            link["source" if ours == "from" else "target"] = (
                resolved if _ID.match(resolved or "-") else new_id(resolved, set())
            )
        if "rationale" in columns and columns["rationale"] < len(row) and text(row[columns["rationale"]]):
            link["rationale"] = text(row[columns["rationale"]])
        doc.places[f"links[{len(doc['links'])}]"] = table.where(r)
        doc["links"].append(link)


def _columns_layout(
    table: Table,
    top: int,
    headers: list[str],
    level_map: Sequence[tuple[str, str]],
    title: str,
    levels_only: set[str] | None = None,
) -> Document:
    """One column per level: Excel's merged header cells were filled across by the reader. With
    ``levels_only``, the columns whose headers are not among them name no level: each is listed as left out."""
    named = [(i, h) for i, h in enumerate(headers) if h and (levels_only is None or h in levels_only)]
    other = [(i, h) for i, h in enumerate(headers) if h and levels_only is not None and h not in levels_only]
    levels, level_of = resolve_levels([h for _, h in named], level_map)
    taken = Taken()
    nodes: list[dict[str, Any]] = []
    doc_places: dict[str, str] = {}
    for r, row in enumerate(table.rows[top + 1 :], start=top + 1):
        for index, header in named:
            label = text(row[index]) if index < len(row) else ""
            if not label:
                continue
            doc_places[f"nodes[{len(nodes)}]"] = table.where(r, index, header)
            nodes.append({"id": new_id(label, taken), "level": level_of[header], "label": label})
    unheaded: list[Problem] = []  # every box under no level named at once, left out by a repair
    for r, row in enumerate(table.rows[top + 1 :], start=top + 1):
        for index, value in enumerate(row):
            if text(value) and (index >= len(headers) or not headers[index]):
                count_problem(
                    unheaded,
                    Problem(table.where(r, index), f"a box {quoted(text(value))} under no level: head the column"),
                )
    doc = document(title, levels, nodes, [])
    doc.places.update(doc_places)
    for index, header in other:
        filled = sum(1 for row in table.rows[top + 1 :] if index < len(row) and text(row[index]))
        doc.left_out.append(
            Problem(
                table.where(top, index, header),
                f"the column {quoted(header)} and its {filled} cell{'s' * (filled != 1)}: it names no level (the "
                f'other columns do); if it is one, say which with --level-map "{header}=activity"',
            )
        )
    doc.left_out.extend(unheaded)
    return doc
