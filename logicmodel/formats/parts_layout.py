"""Our layout of a framework as tables: a table for each part, with headers a person can fill in by hand.

The Excel workbook (``xlsx_workbook``: a sheet a part) and the zip of CSV files (``csv_files``: a file a part)
share it: the same parts and columns (``SHEETS``), the same rows written (``part_rows``) and the same rules
for reading rows back (``read_parts``), so the two say and read the same thing. Parts: ``Framework`` (title
and details, a field a row), ``Levels``, ``Stakeholders``, ``Boxes``, ``Links``, ``Indicators``, ``Evidence``
(on a box, or on the link to a box), ``Sources`` (where it was adapted from), ``Stories`` (a step a row),
``Measurements`` (what an indicator measured, a period a row) and ``Delivery`` (what an activity delivered, a
period a row; both with the day the period ends, filled in from the period where it is left empty and the
period reads as one: ``logicmodel.core.periods``) and ``Valuations`` (what an outcome is worth a year, for the
appraisal: a box a row; the appraisal's discount rate and price year are rows of the ``Framework`` part).
A list in one cell (tags, cohorts, a box's stakeholders, assumptions) is one item a line, or separated by ';'.

>>> part = Part("Links", [["from", "to"], ["walks", "fitter"]], lambda row, column: f"row {row + 1}")
>>> part.rows
[(1, {'from': 'walks', 'to': 'fitter'})]
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Literal

from openpyxl.utils import get_column_letter

from logicmodel.core.errors import Problem, quoted
from logicmodel.core.ids import Taken, new_id
from logicmodel.core.level_names import LevelNames
from logicmodel.core.limits import ID_PATTERN
from logicmodel.core.models import FORMAT_VERSION, Evidence, Framework, Level, Link, Stakeholder, Valuation
from logicmodel.core.periods import period_end
from logicmodel.formats.box_table import join_list, split_list, text
from logicmodel.formats.building import Document, count_problem, resolve_levels
from logicmodel.formats.registry import Reading

__all__ = ["CARRIES", "CHOICES", "NUMBERS", "SHEETS", "Part", "number", "part_rows", "period_fields", "read_parts"]

SHEETS: dict[str, tuple[tuple[str, str], ...]] = {
    "Framework": (
        (
            "field",
            "title, organisation, area, area code, description, authors, created, updated, tags; and for the "
            "appraisal, discount rate (e.g. 0.035) and price year (e.g. 2025)",
        ),
        ("value", "its value; a list one item a line"),
    ),
    "Levels": (
        ("id", "a short id: letters, digits, '-', '_' or '.'"),
        ("label", "as shown, e.g. Activities"),
        ("kind", "input, activity, output or outcome (optional)"),
    ),
    "Stakeholders": (
        ("id", "a short id"),
        ("name", "the organisation"),
        ("role", "commissioner, provider, partner, funder or community"),
    ),
    "Boxes": (
        ("id", "a short id; left empty, one is made from the label"),
        ("level", "a level's id or label"),
        ("label", "the box's words"),
        ("description", "optional"),
        ("stakeholders", "stakeholder ids, one a line"),
        ("cohorts", "who it is for, one a line"),
        ("tags", "one a line"),
        ("reach", "participants a year"),
        ("cost", "an amount"),
        ("currency", "e.g. GBP"),
        ("cost period", "e.g. a year"),
        ("benefit", "an estimated saving or value, an amount"),
        ("benefit currency", "e.g. GBP"),
        ("benefit period", "e.g. a year"),
        ("benefit basis", "how the benefit was estimated, in words (needed with a benefit)"),
    ),
    "Links": (
        ("from", "the id (or label) of the box that contributes"),
        ("to", "the box it contributes to"),
        ("rationale", "why (optional)"),
        ("strength", "strong, moderate, weak or unknown"),
        ("assumptions", "one a line"),
    ),
    "Indicators": (
        ("box", "the box's id (or label)"),
        ("name", "what is measured"),
        ("source", "the dataset"),
        ("baseline", "a number or short text"),
        ("target", "a number or short text"),
        ("unit", "e.g. %"),
        ("frequency", "e.g. annual"),
        ("fingertips id", "the number Fingertips gives the indicator, e.g. 93015 (optional)"),
    ),
    "Evidence": (
        ("box", "the box's id (or label)"),
        ("title", "the study or report"),
        ("url", "a web address"),
        ("strength", "strong, moderate, weak or unknown"),
        ("leads to", "for evidence behind a link: the box the link leads to (box: where it starts)"),
    ),
    "Sources": (
        ("title", "a framework this one was adapted from"),
        ("organisation", "whose it was"),
        ("date", "when it was taken, e.g. 2026-11-23"),
    ),
    "Stories": (
        ("story", "a short id for the story; its steps are the rows with the same id, in order"),
        ("story title", "the story's title (on its first row)"),
        ("step title", "optional"),
        ("boxes", "the ids (or labels) of the step's boxes, one a line"),
        ("note", "what to say at this step (optional)"),
    ),
    "Measurements": (
        ("box", "the box's id (or label)"),
        ("indicator", "the indicator's name, as on the Indicators sheet"),
        ("period", "as people write it, e.g. 2022/23, Q2 2025/26 or 2024"),
        ("period end", "the day the period ends, e.g. 2023-03-31; left empty, read from the period"),
        ("value", "the figure measured, a number"),
        ("lower ci", "the lower limit of the 95% confidence interval (optional)"),
        ("upper ci", "the upper limit of the 95% confidence interval (optional)"),
        ("count", "the number counted (optional)"),
        ("denominator", "the number it was counted out of (optional)"),
        ("note", "optional"),
        ("source", "where the figure came from (optional)"),
    ),
    "Delivery": (
        ("box", "the activity's id (or label)"),
        ("period", "as people write it, e.g. 2024/25 or Q1 2025/26"),
        ("period end", "the day the period ends, e.g. 2025-03-31; left empty, read from the period"),
        ("participants", "people reached in the period"),
        ("spent", "money spent in the period, an amount"),
        ("currency", "e.g. GBP"),
        ("note", "optional"),
    ),
    "Valuations": (
        ("box", "the outcome box's id (or label): one row a box"),
        ("quantity", "people or units a year achieving the outcome"),
        ("proxy amount", "the financial proxy: what one unit is worth, an amount"),
        ("currency", "the proxy's currency, e.g. GBP"),
        ("unit", "what one unit is, e.g. a fall avoided"),
        ("source", "where the proxy comes from, with its year and price base"),
        ("deadweight", "the share that would have happened anyway, from 0 to 1 (e.g. 0.3, or 30%)"),
        ("displacement", "the share that merely moved elsewhere, from 0 to 1"),
        ("attribution", "the share others' work brought about, from 0 to 1"),
        ("drop-off", "how much the benefit fades each year after the first, from 0 to 1"),
        ("duration", "years the benefit lasts, a whole number from 1"),
        ("beneficiary", "the id of the stakeholder who gains or saves, as on the Stakeholders sheet"),
    ),
}
"""Our parts (sheets, or files) and their columns, each with what to write in it (the Read me says the same)."""

_META_LISTS = ("authors", "tags")
_META_FIELDS = ("title", "organisation", "area", "area_code", "description", "authors", "created", "updated", "tags")
"""The fields of the Framework part, a row each, named as the models name them ("area code" for area_code)."""

CARRIES = frozenset(
    {
        *(f"meta.{name}" for name in ("title", "organisation", "area", "description", "authors", "created")),
        *(f"meta.{name}" for name in ("updated", "tags", "area_code")),  # the Framework part, a field a row
        *("meta.provenance.title", "meta.provenance.organisation", "meta.provenance.date"),  # Sources
        *("levels.id", "levels.label", "levels.kind", "stakeholders.id", "stakeholders.name", "stakeholders.role"),
        *(f"nodes.{name}" for name in ("id", "level", "label", "description", "stakeholders", "cohorts", "tags")),
        *("nodes.reach", "nodes.cost.amount", "nodes.cost.currency", "nodes.cost.period"),  # Boxes
        *("nodes.benefit.amount", "nodes.benefit.currency", "nodes.benefit.period", "nodes.benefit.basis"),
        *(f"nodes.indicators.{name}" for name in ("name", "source", "baseline", "target", "unit", "frequency")),
        "nodes.indicators.fingertips_id",
        *(f"nodes.indicators.measurements.{name}" for name in ("period", "period_end", "value", "lower_ci")),
        *(f"nodes.indicators.measurements.{name}" for name in ("upper_ci", "count", "denominator", "note", "source")),
        *(f"nodes.delivery.{name}" for name in ("period", "period_end", "participants", "spent", "currency", "note")),
        *(f"nodes.valuation.{name}" for name in ("quantity", "deadweight", "attribution", "displacement")),
        *(f"nodes.valuation.{name}" for name in ("drop_off", "duration", "beneficiary")),  # Valuations
        *(f"nodes.valuation.proxy.{name}" for name in ("amount", "currency", "unit", "source")),
        *("appraisal.discount_rate", "appraisal.price_year"),  # the Framework part, a field a row
        *("nodes.evidence.title", "nodes.evidence.url", "nodes.evidence.strength"),  # Evidence
        *("links.source", "links.target", "links.rationale", "links.strength", "links.assumptions"),  # Links
        *("links.evidence.title", "links.evidence.url", "links.evidence.strength"),  # Evidence, with "leads to"
        *("stories.id", "stories.title", "stories.steps.nodes", "stories.steps.title", "stories.steps.note"),
    }
)
"""The fields ``part_rows`` writes, part by part: the whole of format v1 today. A field added to the models is
left out (and ``Format.cannot_carry`` says so) until it has a column here and in ``part_rows``."""

NUMBERS: dict[str, tuple[str, ...]] = {
    "Boxes": ("reach", "cost", "benefit"),
    "Indicators": ("baseline", "target", "fingertips id"),
    "Measurements": ("value", "lower ci", "upper ci", "count", "denominator"),
    "Delivery": ("participants", "spent"),
    "Valuations": ("quantity", "proxy amount", "deadweight", "displacement", "attribution", "drop-off", "duration"),
}
"""The columns that hold a number (a baseline or target: a number or a short text). In a CSV file every cell
is text: there, a number written in one of these columns is read as a number, and a text that looks like a
number (a baseline of "5" as words) is written behind a single quote, as a person types it in Excel: '5."""

_ID = re.compile(ID_PATTERN)


def _choices(model: Any, field: str) -> frozenset[str]:
    """The words a field of the models allows (a ``Literal``'s values), read from the model itself."""
    found: set[str] = set()
    pending = [model.model_fields[field].annotation]
    while pending:
        annotation = pending.pop()
        if typing.get_origin(annotation) is Literal:
            found.update(str(arg) for arg in typing.get_args(annotation))
        else:
            pending.extend(typing.get_args(annotation))
    return frozenset(found)


CHOICES: dict[str, dict[str, frozenset[str]]] = {
    "Levels": {"kind": _choices(Level, "kind")},
    "Stakeholders": {"role": _choices(Stakeholder, "role")},
    "Links": {"strength": _choices(Link, "strength")},
    "Evidence": {"strength": _choices(Evidence, "strength")},
}
"""The columns that hold one of a few words, and those words (from the models): a word in any case is that
word ("Moderate" is moderate, as a person types it in Excel); any other text is left for the loader to name."""
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def number(cell: str) -> int | float | None:
    """The number a cell's text writes, or None: ``"12"`` is 12, ``"0.5"`` is 0.5, ``"12 people"`` is None.

    >>> number("12"), number(" -0.5 "), number("1e3"), number("12 people"), number("nan")
    (12, -0.5, 1000.0, None, None)
    """
    cell = cell.strip()
    if not _NUMBER.fullmatch(cell):
        return None
    try:
        return int(cell)
    except ValueError:
        return float(cell)


def part_rows(fw: Framework) -> dict[str, list[list[Any]]]:
    """Each part's rows, in ``SHEETS``' columns: text, numbers, or "" for an empty cell."""
    meta = fw.meta
    return {
        "Framework": [
            [name.replace("_", " "), join_list(value) if name in _META_LISTS else value]
            for name in _META_FIELDS
            if (value := getattr(meta, name))
        ]
        + _appraisal_rows(fw),
        "Levels": [[level.id, level.label, level.kind or ""] for level in fw.levels],
        "Stakeholders": [[s.id, s.name, s.role] for s in fw.stakeholders],
        "Boxes": [
            [
                n.id,
                n.level,
                n.label,
                n.description or "",
                join_list(n.stakeholders),
                join_list(n.cohorts),
                join_list(n.tags),
                n.reach,
                n.cost.amount if n.cost else None,
                n.cost.currency if n.cost else "",
                (n.cost.period or "") if n.cost else "",
                n.benefit.amount if n.benefit else None,
                n.benefit.currency if n.benefit else "",
                (n.benefit.period or "") if n.benefit else "",
                n.benefit.basis if n.benefit else "",
            ]
            for n in fw.nodes
        ],
        "Links": [[k.source, k.target, k.rationale or "", k.strength, join_list(k.assumptions)] for k in fw.links],
        "Indicators": [
            [n.id, i.name, i.source or "", i.baseline, i.target, i.unit or "", i.frequency or "", i.fingertips_id]
            for n in fw.nodes
            for i in n.indicators
        ],
        "Measurements": [
            [n.id, i.name, m.period, m.period_end, m.value, m.lower_ci, m.upper_ci, m.count, m.denominator, *_said(m)]
            for n in fw.nodes
            for i in n.indicators
            for m in i.measurements
        ],
        "Delivery": [
            [n.id, d.period, d.period_end, d.participants, d.spent, d.currency, d.note or ""]
            for n in fw.nodes
            for d in n.delivery
        ],
        "Valuations": [_valuation_row(n.id, n.valuation) for n in fw.nodes if n.valuation is not None],
        "Evidence": [[n.id, e.title, e.url or "", e.strength, ""] for n in fw.nodes for e in n.evidence]
        + [[k.source, e.title, e.url or "", e.strength, k.target] for k in fw.links for e in k.evidence],
        "Sources": [[p.title, p.organisation or "", p.date or ""] for p in meta.provenance],
        "Stories": [
            [story.id, story.title if i == 0 else "", step.title or "", join_list(step.nodes), step.note or ""]
            for story in fw.stories
            for i, step in enumerate(story.steps)
        ],
    }


def _appraisal_rows(fw: Framework) -> list[list[Any]]:
    """The appraisal as rows of the Framework part: its discount rate always (an appraisal said with the Green
    Book's rate is still said), its price year when there is one; none without an appraisal."""
    if fw.appraisal is None:
        return []
    rows: list[list[Any]] = [["discount rate", fw.appraisal.discount_rate]]
    if fw.appraisal.price_year is not None:
        rows.append(["price year", fw.appraisal.price_year])
    return rows


def _valuation_row(box: str, v: Valuation) -> list[Any]:
    """A box's valuation in the Valuations part's columns, "" or None for an empty cell."""
    p = v.proxy
    proxy = [p.amount, p.currency, p.unit or "", p.source or ""] if p is not None else [None, "", "", ""]
    figures = [v.deadweight, v.displacement, v.attribution, v.drop_off, v.duration]
    return [box, v.quantity, *proxy, *figures, v.beneficiary or ""]


def _said(measured: Any) -> list[str]:
    """A measurement's note and source, "" for an empty cell."""
    return [measured.note or "", measured.source or ""]


def _value(cell: Any) -> Any:
    """A cell for the framework: numbers as numbers, dates as ISO text, text trimmed and unguarded."""
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)):
        return int(cell) if isinstance(cell, float) and cell.is_integer() else cell
    if cell is None:
        return None
    raw = str(cell)  # as written: text() or split_list() trims it and takes off the formula guard, once
    return raw if raw.strip() else None


Where = Callable[[int, "str | None"], str]
"""Where a cell is, told as a person finds it: ``where(3, "to")`` is ``sheet 'Links', row 4, column B 'to'``
in a workbook, ``links.csv, row 4, column 'to'`` in a CSV file (rows from 0, the headers' row being 0)."""


class Part:
    """One part's table (a sheet, or a CSV file): its rows as dicts by our column names, and where each cell is.

    ``cells`` are the table's rows, the first the headers (None: the part is not there). ``from_text`` says
    every cell is text (a CSV file): then a number in a number column (``NUMBERS``) is read as a number.
    """

    def __init__(self, name: str, cells: list[list[Any]] | None, where: Where, from_text: bool = False):
        self.name = name
        self.rows: list[tuple[int, dict[str, Any]]] = []
        self.columns: dict[str, int] = {}
        self.unheaded: list[Problem] = []
        """Cells with text under no header, each named (row and column): left out, never dropped silently."""
        self.present = cells is not None
        """Whether the file has the part at all (a workbook written before the part had a sheet has not)."""
        self._where = where
        if not cells:
            return
        headers = [text(h).lower() for h in cells[0]]
        self.columns = {h: i for i, h in enumerate(headers) if h}
        numeric = set(NUMBERS.get(name, ())) if from_text else set()
        for r, row in enumerate(cells[1:], start=1):
            for i, value in enumerate(row):
                if (i >= len(headers) or not headers[i]) and text(value):
                    count_problem(
                        self.unheaded,
                        Problem(
                            where(r, None),
                            f"column {get_column_letter(i + 1)}: a cell {quoted(text(value))} under no header: "
                            "head its column",
                        ),
                    )
            values = {h: _value(row[i]) for h, i in self.columns.items() if i < len(row)}
            for column in numeric & values.keys():
                values[column] = _from_text(values[column])
            if any(v is not None for v in values.values()):
                self.rows.append((r, values))

    def where(self, row: int, column: str | None = None) -> str:
        return self._where(row, column if column in self.columns else None)


def _from_text(cell: Any) -> Any:
    """A number column's text as a number; a number behind a single quote as its text ('5 is the text "5")."""
    if not isinstance(cell, str):
        return cell
    found = number(cell)
    if found is not None:
        return found
    if cell.startswith("'") and number(cell[1:]) is not None:
        return cell[1:]
    return cell


def _fields(
    sheet: Part,
    values: dict[str, Any],
    path: str,
    places: dict[str, str],
    row: int,
    lists: tuple[str, ...] = (),
    renamed: dict[str, str] | None = None,
    skip: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The cells of a row as an object's fields: lists split, empty cells left out, places noted."""
    renamed = renamed or {}
    out: dict[str, Any] = {}
    places[path] = sheet.where(row)
    for column in sheet.columns:  # an empty cell too: "required, but missing" points at it
        places[f"{path}.{renamed.get(column, column)}"] = sheet.where(row, column)
    for column, value in values.items():
        if value is None or column in skip:
            continue
        field = renamed.get(column, column)
        out[field] = split_list(value) if field in lists else (text(value) if isinstance(value, str) else value)
        allowed = CHOICES.get(sheet.name, {}).get(column)
        if allowed and isinstance(out[field], str) and out[field].lower() in allowed:
            out[field] = out[field].lower()
        places[f"{path}.{field}"] = sheet.where(row, column)
    return out


def read_parts(part: Callable[[str], Part], reading: Reading, title: str) -> Document:
    """The framework document in our parts, ``part(name)`` giving each (``SHEETS``' names); ``title`` for
    parts that name none. Every place is noted, so that the loader's problems name the part, row and column."""
    places: dict[str, str] = {}
    doc = Document({"schema_version": FORMAT_VERSION})
    part_named = part
    unheaded: list[Problem] = []

    def part(name: str) -> Part:  # each part's cells under no header are listed as left out
        found = part_named(name)
        unheaded.extend(found.unheaded)
        return found

    framework = part("Framework")
    meta: dict[str, Any] = {}
    appraisal: dict[str, Any] = {}
    for r, values in framework.rows:
        name = text(values.get("field")).lower()
        name = "area_code" if name == "area code" else name
        value = values.get("value")
        if name in _APPRAISAL_ROWS:  # the appraisal's figures, said where the framework's details are
            field = _APPRAISAL_ROWS[name]
            if value is None:
                continue
            appraisal[field] = _figure(value, share=field == "discount_rate")
            places[f"appraisal.{field}"] = framework.where(r, "value")
            places.setdefault("appraisal", framework.where(r, "field"))
        elif name and value is not None:
            meta[name] = (
                split_list(value) if name in _META_LISTS else (text(value) if isinstance(value, str) else value)
            )
            places[f"meta.{name}"] = framework.where(r, "value")
    sources = part("Sources")
    provenance = [_fields(sources, v, f"meta.provenance[{i}]", places, r) for i, (r, v) in enumerate(sources.rows)]
    if provenance:
        meta["provenance"] = provenance
    doc["meta"] = meta or {"title": reading.title or title}
    if appraisal:
        doc["appraisal"] = appraisal
    level_sheet = part("Levels")
    levels = [_fields(level_sheet, v, f"levels[{i}]", places, r) for i, (r, v) in enumerate(level_sheet.rows)]
    for level in levels:
        if isinstance(level.get("id"), (int, float)):
            level["id"] = str(level["id"])
    boxes = part("Boxes")
    level_names = [text(v.get("level")) for _, v in boxes.rows if v.get("level") is not None]
    if not levels:
        levels, level_of = resolve_levels(level_names, reading.level_map)
    else:
        names = LevelNames.from_names((str(level.get("id", "")), str(level.get("label", ""))) for level in levels)
        mapped = dict(reading.level_map)  # a box's level as people write it: "Intermediate outcome", "strategic"
        level_of = {n: mapped.get(n) or names.find(n) or n for n in level_names}
    if levels:
        doc["levels"] = levels
    doc.own_levels = bool(level_sheet.rows)  # its levels are named in the file: none to ask about
    stakeholder_sheet = part("Stakeholders")
    stakeholders = [
        _fields(stakeholder_sheet, v, f"stakeholders[{i}]", places, r)
        for i, (r, v) in enumerate(stakeholder_sheet.rows)
    ]
    if stakeholders:
        doc["stakeholders"] = stakeholders
    nodes: list[dict[str, Any]] = []
    for i, (r, values) in enumerate(boxes.rows):
        node = _fields(
            boxes,
            values,
            f"nodes[{i}]",
            places,
            r,
            ("stakeholders", "cohorts", "tags"),
            skip=("cost", "currency", "cost period", "benefit", "benefit currency", "benefit period", "benefit basis"),
        )
        for key in ("id", "label", "level", "description"):
            if isinstance(node.get(key), (int, float)) and not isinstance(node.get(key), bool):
                node[key] = str(node[key])
        if "level" in node:
            node["level"] = level_of.get(node["level"], node["level"])
        if values.get("cost") is not None:
            cost = {"amount": values["cost"]}
            if values.get("currency"):
                cost["currency"] = _words(values["currency"])
            if values.get("cost period"):
                cost["period"] = _words(values["cost period"])
            node["cost"] = cost
            places[f"nodes[{i}].cost"] = boxes.where(r, "cost")
        if any(values.get(column) is not None for column in ("benefit", "benefit basis")):
            benefit = {"amount": values.get("benefit"), "basis": _words(values.get("benefit basis"))}
            for column, field in (("benefit currency", "currency"), ("benefit period", "period")):
                if values.get(column):
                    benefit[field] = _words(values[column])
            node["benefit"] = {field: value for field, value in benefit.items() if value is not None}
            places[f"nodes[{i}].benefit"] = boxes.where(r, "benefit")
            for column, field in (("benefit", "amount"), ("benefit basis", "basis")):
                places[f"nodes[{i}].benefit.{field}"] = boxes.where(r, column)
        nodes.append(node)
    taken = Taken(n["id"] for n in nodes if isinstance(n.get("id"), str))
    for node in nodes:
        if "id" not in node:
            node["id"] = new_id(str(node.get("label", "")), taken)
    ids = {n["id"] for n in nodes}
    by_label = {}
    for n in nodes:
        by_label.setdefault(str(n.get("label", "")).lower(), n["id"])

    def box(value: Any) -> Any:
        value = text(value)
        return value if value in ids else by_label.get(value.lower(), value)

    on_links: list[tuple[Part, int, dict[str, Any]]] = []  # evidence behind a link: once the links are read
    for name, key in (("Indicators", "indicators"), ("Evidence", "evidence")):
        sheet = part(name)
        positions = {n["id"]: i for i, n in enumerate(nodes)}
        for r, values in sheet.rows:
            if key == "evidence" and values.get("leads to") is not None:
                on_links.append((sheet, r, values))
                continue
            owner = box(values.get("box"))
            if owner not in positions:  # a box deleted from its sheet: every such row named, left out by a repair
                what = "an indicator" if key == "indicators" else "evidence"
                count_problem(
                    doc.left_out,
                    Problem(sheet.where(r, "box"), f"{what} of {quoted(str(owner))}: no box has that id or label"),
                )
                continue
            node = nodes[positions[owner]]
            entries = node.setdefault(key, [])
            path = f"nodes[{positions[owner]}].{key}[{len(entries)}]"
            entries.append(_fields(sheet, values, path, places, r, skip=("box", "leads to")))
            for field in ("name", "title", "source", "unit", "frequency"):
                if isinstance(entries[-1].get(field), (int, float)) and not isinstance(entries[-1].get(field), bool):
                    entries[-1][field] = str(entries[-1][field])
            if "fingertips id" in entries[-1]:
                entries[-1]["fingertips_id"] = entries[-1].pop("fingertips id")
                places[f"{path}.fingertips_id"] = sheet.where(r, "fingertips id")
    _measurements(part("Measurements"), nodes, box, places, doc.left_out)
    delivery = part("Delivery")
    _delivery(delivery, nodes, box, places, doc.left_out)
    valuations = part("Valuations")
    _valuations(valuations, nodes, box, places, doc.left_out)
    unsaid = set()  # a workbook or zip from before a part had its sheet says nothing of that part
    if not delivery.present:
        unsaid.add("delivery")
    if not valuations.present:
        unsaid |= {"valuation"} if appraisal else {"valuation", "appraisal"}
    doc.unsaid = frozenset(unsaid)
    link_sheet = part("Links")
    links = []
    for r, values in link_sheet.rows:
        link = _fields(
            link_sheet,
            values,
            f"links[{len(links)}]",
            places,
            r,
            ("assumptions",),
            renamed={"from": "source", "to": "target"},
        )
        for end, column in (("source", "from"), ("target", "to")):
            if end in link:
                link[end] = box(link[end])
                if link[end] not in ids and not _ID.fullmatch(link[end]):  # a label, not an id: no box is called it
                    doc.left_out.append(
                        Problem(
                            link_sheet.where(r, column),
                            f"a link {column} {quoted(link[end])}: no box has that id or label",
                        )
                    )
                    break
        else:
            links.append(link)
    at = {(link.get("source"), link.get("target")): i for i, link in enumerate(links)}
    for sheet, r, values in on_links:
        pair = (box(values.get("box")), box(values.get("leads to")))
        if pair not in at:
            count_problem(
                doc.left_out,
                Problem(
                    sheet.where(r, "leads to"),
                    f"evidence of a link from {quoted(str(pair[0]))} to {quoted(str(pair[1]))}: there is no such link",
                ),
            )
            continue
        entries = links[at[pair]].setdefault("evidence", [])
        path = f"links[{at[pair]}].evidence[{len(entries)}]"
        entries.append(_fields(sheet, values, path, places, r, skip=("box", "leads to")))
    doc["nodes"] = nodes
    doc["links"] = links
    stories = _stories(part("Stories"), box, places)
    if stories:
        doc["stories"] = stories
    doc.places.update(places)
    doc.left_out.extend(unheaded)
    return doc


def _stories(sheet: Part, box: Any, places: dict[str, str]) -> list[dict[str, Any]]:
    """The Stories sheet: a step a row, rows with the same story id in order; the title on a story's first row."""
    stories: dict[str, dict[str, Any]] = {}
    for r, values in sheet.rows:
        story_id = text(values.get("story"))
        i = list(stories).index(story_id) if story_id in stories else len(stories)
        story = stories.setdefault(story_id, {"id": story_id, "steps": []})
        places.setdefault(f"stories[{i}]", sheet.where(r))
        places.setdefault(f"stories[{i}].id", sheet.where(r, "story"))
        if values.get("story title") is not None and "title" not in story:
            story["title"] = text(values["story title"])
            places[f"stories[{i}].title"] = sheet.where(r, "story title")
        step: dict[str, Any] = {"nodes": [box(v) for v in split_list(values.get("boxes") or "")]}
        path = f"stories[{i}].steps[{len(story['steps'])}]"
        for column, field in (("step title", "title"), ("note", "note")):
            if values.get(column) is not None:
                step[field] = text(values[column])
            places[f"{path}.{field}"] = sheet.where(r, column)
        places[path] = places[f"{path}.nodes"] = sheet.where(r, "boxes")
        story["steps"].append(step)
    return list(stories.values())


_PERIOD_COLUMNS = {"period end": "period_end", "lower ci": "lower_ci", "upper ci": "upper_ci"}


def _period_row(sheet: Part, values: dict[str, Any], path: str, places: dict[str, str], r: int) -> dict[str, Any]:
    """A row of Measurements or Delivery as its fields: a period typed as a number (2024) is its text, and
    an empty period end is read from the period where it reads as one (else the loader says it is missing)."""
    entry = _fields(sheet, values, path, places, r, renamed=_PERIOD_COLUMNS, skip=("box", "indicator"))
    for field in ("period", "note", "source"):
        if isinstance(entry.get(field), (int, float)) and not isinstance(entry.get(field), bool):
            entry[field] = str(entry[field])
    if "period_end" not in entry and isinstance(entry.get("period"), str):
        end = period_end(entry["period"])
        if end is not None:
            entry["period_end"] = end
    return entry


def period_fields(sheet: Part, values: dict[str, Any], row: int) -> tuple[dict[str, Any], dict[str, str]]:
    """A row of Measurements or Delivery as its model's fields, and where each field is (by field name; ``""``:
    the row): the one way such a row is read, for the workbook, the CSV files and a measurements table brought
    in (``logicmodel.formats.measurements_table``)."""
    places: dict[str, str] = {}
    entry = _period_row(sheet, values, "", places, row)
    return entry, {key.lstrip("."): where for key, where in places.items()}


def _owner(sheet: Part, r: int, owner: str, positions: dict[str, int], left_out: list[Problem]) -> int | None:
    """The position of the box a row of Measurements, Delivery or Valuations names, or None with the row named
    in ``left_out``: a box deleted from its sheet has every row that names it told at once, as an indicator's
    is, and a repair ("Open anyway") leaves out only those rows."""
    if owner not in positions:
        count_problem(left_out, Problem(sheet.where(r, "box"), f"no box has the id or label {quoted(owner)}"))
        return None
    return positions[owner]


def _measurements(
    sheet: Part, nodes: list[dict[str, Any]], box: Any, places: dict[str, str], left_out: list[Problem]
) -> None:
    """The Measurements sheet: each row added to the indicator of its box with the name it gives (the first,
    if a box has two of one name)."""
    positions = {n["id"]: i for i, n in enumerate(nodes)}
    for r, values in sheet.rows:
        at = _owner(sheet, r, str(box(values.get("box"))), positions, left_out)
        if at is None:
            continue
        name = text(values.get("indicator"))
        indicators = nodes[at].get("indicators", [])
        found = next((k for k, i in enumerate(indicators) if text(i.get("name")) == name), None)
        if found is None:
            count_problem(
                left_out, Problem(sheet.where(r, "indicator"), f"the box has no indicator called {quoted(name)}")
            )
            continue
        entries = indicators[found].setdefault("measurements", [])
        path = f"nodes[{at}].indicators[{found}].measurements[{len(entries)}]"
        entries.append(_period_row(sheet, values, path, places, r))


def _delivery(
    sheet: Part, nodes: list[dict[str, Any]], box: Any, places: dict[str, str], left_out: list[Problem]
) -> None:
    """The Delivery sheet: each row added to its box's delivery, in order."""
    positions = {n["id"]: i for i, n in enumerate(nodes)}
    for r, values in sheet.rows:
        at = _owner(sheet, r, str(box(values.get("box"))), positions, left_out)
        if at is None:
            continue
        entries = nodes[at].setdefault("delivery", [])
        entries.append(_period_row(sheet, values, f"nodes[{at}].delivery[{len(entries)}]", places, r))


_APPRAISAL_ROWS = {"discount rate": "discount_rate", "price year": "price_year"}
"""The Framework part's rows that are the appraisal's fields, by the names written in the ``field`` column."""

_SHARES = ("deadweight", "displacement", "attribution", "drop_off")
"""A valuation's fields that are shares from 0 to 1, which a person may write as a percentage ("30%")."""
_PERCENT = re.compile(r"\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%\s*")


def _figure(cell: Any, share: bool = False) -> Any:
    """A figure's cell as its number: a number as it is, text that writes one (a CSV file's "0.3") as that
    number, a share written as a percentage ("30%", as Excel saves a percentage cell as CSV) as its fraction, a
    whole number written as "3.0" as 3; anything else (the words "lots") as written, for the loader to name."""
    if isinstance(cell, str):
        found = number(cell)
        if found is None and share and (percent := _PERCENT.fullmatch(cell)):
            found = float(percent.group(1)) / 100
        cell = text(cell) if found is None else found
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
        return int(cell)
    return cell


def _valuations(
    sheet: Part, nodes: list[dict[str, Any]], box: Any, places: dict[str, str], left_out: list[Problem]
) -> None:
    """The Valuations sheet: each row the valuation of its box (one a box), its proxy from the four proxy
    columns; every field's place noted, so that a bad figure is named by its sheet, row and column. A row
    naming no box, or a box valued on an earlier row, is named in ``left_out`` (a repair leaves the row out)."""
    positions = {n["id"]: i for i, n in enumerate(nodes)}
    first: dict[int, int] = {}
    for r, values in sheet.rows:
        at = _owner(sheet, r, str(box(values.get("box"))), positions, left_out)
        if at is None:
            continue
        if at in first:
            count_problem(
                left_out,
                Problem(
                    sheet.where(r, "box"),
                    f"a second valuation of {quoted(str(nodes[at]['id']))} (the first is on row {first[at] + 1}): "
                    "a box has one valuation, one row",
                ),
            )
            continue
        first[at] = r
        path = f"nodes[{at}].valuation"
        places[path] = sheet.where(r)
        valuation: dict[str, Any] = {}
        for column, field in _VALUATION_COLUMNS.items():
            where = f"{path}.proxy.{field.removeprefix('proxy ')}" if field.startswith("proxy ") else f"{path}.{field}"
            places[where] = sheet.where(r, column)
            value = values.get(column)
            if value is None:
                continue
            if field in ("proxy unit", "proxy source", "proxy currency", "beneficiary"):
                value = text(value) if isinstance(value, str) else str(value) if _plain_number(value) else value
            else:
                value = _figure(value, share=field in _SHARES)
            if field.startswith("proxy "):
                valuation.setdefault("proxy", {})[field.removeprefix("proxy ")] = value
            else:
                valuation[field] = value
        if "proxy" in valuation:
            places[f"{path}.proxy"] = sheet.where(r, "proxy amount")
        nodes[at]["valuation"] = valuation


_VALUATION_COLUMNS = {
    "quantity": "quantity",
    "proxy amount": "proxy amount",
    "currency": "proxy currency",
    "unit": "proxy unit",
    "source": "proxy source",
    "deadweight": "deadweight",
    "displacement": "displacement",
    "attribution": "attribution",
    "drop-off": "drop_off",
    "duration": "duration",
    "beneficiary": "beneficiary",
}
"""The Valuations part's columns and the fields they fill ("proxy ...": the proxy's own)."""


def _plain_number(value: Any) -> bool:
    """A number a cell holds where words are wanted (a beneficiary id typed as 12): read as its text."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _words(value: Any) -> Any:
    """A cell of words as typed (trimmed, its formula guard taken off); anything else as it is, for the loader
    to name if it is wrong."""
    return text(value) if isinstance(value, str) else value
