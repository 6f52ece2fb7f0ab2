"""Bring measurements into a framework from a file: a Fingertips data download, or our measurements table.

``bring_in(fw, data, name, area=..., kind=...)`` is what ``logicmodel measure`` and the Progress page's upload
call: it reads the file (``kind`` "fingertips" or "table", or told by its first row), matches its rows to the
framework's indicators, and adds the measurements by the one rule of ``logicmodel.editing.measure`` (new
periods added; the same value for a recorded period: already there, unchanged; another value: a conflict,
reported and not overwritten). It returns a ``Brought``: the new framework and the account in plain words
(``Brought.lines()``). A file that cannot be read raises ``FrameworkError``, each problem one line naming the
file, row and column; the framework given is then untouched.

- **Fingertips** (``logicmodel.formats.fingertips``): each indicator with a ``fingertips_id`` takes the rows of
  that id for the area (``area``, else the framework's ``meta.area_code``), all persons, no category, its
  standard age band (``select``); each measurement's source says "Fingertips, indicator N, area NAME", its note
  is the row's Value note.
- **Table** (``logicmodel.formats.measurements_table``): each row's box (its id, else its label, without case)
  and indicator (its name, else its name without case); rows whose box or indicator the framework lacks are
  left and counted.

Not a registered format (it holds no framework: ``logicmodel.formats.registry``).
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from pydantic import ValidationError

from logicmodel.core.errors import FrameworkError, Problem, excerpt, quoted, validation_problems
from logicmodel.core.limits import MAX_SHORT
from logicmodel.core.models import Framework, Measurement
from logicmodel.core.wording import plural
from logicmodel.editing.measure import Brought, Conflict, Incoming, IncomingDelivery, Kind, add_measurements
from logicmodel.formats.fingertips import PERSONS, FingertipsRow, read_rows, select
from logicmodel.formats.measurements_table import (
    DELIVERY_SHEET,
    NEEDED,
    NO_FILE,
    NO_SHEET,
    SHEET,
    XLSX_MAGIC,
    is_delivery_header,
    is_measurements_header,
    is_workbook,
    read_tables,
    sheet_names,
    zipped_tables,
)

__all__ = ["KINDS", "Brought", "Conflict", "bring_in", "kind_of"]

KINDS: tuple[Kind, ...] = ("fingertips", "table")
"""The kinds of file measurements are brought in from, as ``--from`` names them."""

KIND_WORDS: dict[Kind, str] = {"fingertips": "a Fingertips data download", "table": "a measurements table"}

_FINGERTIPS_KEYS = ("indicatorid", "areacode", "timeperiod", "value")
"""Columns (without case, spaces or punctuation) that make a first line a Fingertips download's."""

MAX_EXAMPLES = 3
"""Rows named as examples of each reason a table's row was left."""


def bring_in(
    fw: Framework,
    data: bytes,
    name: str,
    *,
    area: str | None = None,
    kind: str | None = None,
    sex: str = PERSONS,
    age: str | None = None,
) -> Brought:
    """The framework with the file's measurements added, and the account (``Brought``).

    ``name`` is the file's name as the user knows it (every problem names it). ``kind``: "fingertips", "table",
    or None to tell from the first row (``kind_of``). ``area``: the ONS area code a Fingertips download's rows
    are taken for; the framework's ``meta.area_code`` when not given. ``sex`` and ``age``: a download's rows of
    that sex ("Persons", everyone, unless told) and age band (unless told, each indicator's standard band:
    ``fingertips.select``). Raises ``FrameworkError`` in one line a
    problem, naming the file (and row and column): a file of neither kind (saying what it is), an empty file, a
    bad row, a Fingertips download with no area to take.
    """
    if kind is None:
        kind = kind_of(data, name)
    if kind == "fingertips":
        return _fingertips(fw, data, name, area, sex, age)
    if kind == "table":
        return _table(fw, data, name)
    raise FrameworkError([Problem(name, f"cannot bring in {quoted(str(kind))}: say 'fingertips' or 'table'")])


def kind_of(data: bytes, name: str) -> Kind:
    """What kind of measurements file ``data`` is, told from its first row: "fingertips" when it has a Fingertips
    download's columns, "table" when it has a measurements table's (or is a workbook with a Measurements sheet).
    Anything else raises ``FrameworkError`` in one line saying what the file is."""
    if not data or data.isspace():  # no copy of a large file made to look
        raise FrameworkError([Problem(name, "the file is empty: nothing to bring in")])
    if data.startswith(XLSX_MAGIC) and not is_workbook(data):
        try:
            files = zipped_tables(data)
        except FrameworkError:
            raise FrameworkError([Problem(name, f"a zip file that cannot be read, not {_either()}")]) from None
        if any(f in ("measurements.csv", "delivery.csv") for f in files):
            return "table"
        shown = ", ".join(quoted(f) for f in files[:8]) or "no CSV file"
        raise FrameworkError([Problem(name, f"{NO_FILE} (it holds {shown}), not {_either()}")])
    if data.startswith(XLSX_MAGIC):
        try:
            sheets = sheet_names(data)
        except FrameworkError as exc:  # a workbook too large, damaged, or not one: the reader's own words
            raise _named(exc, name) from None
        if any(s.strip().lower() in (SHEET.lower(), DELIVERY_SHEET.lower()) for s in sheets):
            return "table"
        shown = ", ".join(quoted(s) for s in sheets[:8]) or "none"
        raise FrameworkError([Problem(name, f"{NO_SHEET} (its sheets: {shown})")])
    what = _what_else(data)
    if what:
        raise FrameworkError([Problem(name, f"{what}, not {_either()}")])
    first = _first_row(data)
    keys = {"".join(ch for ch in cell.lower() if ch.isalnum()) for cell in first}
    if all(key in keys for key in _FINGERTIPS_KEYS):
        return "fingertips"
    if is_measurements_header(first) or is_delivery_header(first):
        return "table"
    filled = [cell for cell in first if cell.strip()]
    shown = ", ".join(quoted(cell) for cell in filled[:8]) or "nothing"
    more = f" and {len(filled) - 8} more" if len(filled) > 8 else ""
    what = f"a table whose first row has {shown}{more}" if len(filled) > 1 else f"a text whose first line is {shown}"
    raise FrameworkError(
        [
            Problem(
                name,
                f"{what}: not {_either()} "
                f"(a download has 'Indicator ID', 'Area Code', 'Time period' and 'Value'; "
                f"a measurements table has {', '.join(map(repr, NEEDED))}; a delivery table 'box', 'period' and "
                "'participants' or 'spent')",
            )
        ]
    )


def _named(exc: FrameworkError, name: str) -> FrameworkError:
    """A reader's problems, each naming the file first."""
    return FrameworkError([p._replace(path=f"{name}, {p.path}" if p.path else name) for p in exc.problems])


def _either() -> str:
    return " or ".join(KIND_WORDS.values())


def _what_else(data: bytes) -> str:
    """What a file that is plainly neither kind is, in a few words; "" when it may be a CSV table."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Excel workbook (.xls: save it as .xlsx or CSV)"
    if head.startswith((b"{", b"[")):
        return "a JSON file (if it is a framework, open it as one)"
    if head.startswith(b"<"):
        return "an HTML or XML file"
    if b"\x00" in head:
        return "not a text file"
    return ""


def _first_row(data: bytes) -> list[str]:
    """The first non-blank line's cells, split on the delimiter it uses most (',' ';' or tab)."""
    text = data[:65536].decode("utf-8-sig", errors="replace")
    for line in text.splitlines():
        if line.strip():
            delimiter = max(",;\t", key=line.count)
            return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    return []


# Fingertips ----------------------------------------------------------------------------------------------------


def _fingertips(fw: Framework, data: bytes, name: str, area: str | None, sex: str, age: str | None) -> Brought:
    area = (area or fw.meta.area_code or "").strip()
    if not area:
        raise FrameworkError(
            [
                Problem(
                    name,
                    "the framework has no area code: give the ONS code of the area to take rows for "
                    "(e.g. E06000030 for Swindon), or set it in the framework's details",
                )
            ]
        )
    wanted: dict[int, list[tuple[str, int]]] = {}
    for node in fw.nodes:
        for i, indicator in enumerate(node.indicators):
            if indicator.fingertips_id is not None:
                wanted.setdefault(indicator.fingertips_id, []).append((node.id, i))
    try:
        selection = select(read_rows(data), wanted, area, sex=sex, age=age)
    except FrameworkError as exc:
        raise FrameworkError([p._replace(path=f"{name}, {p.path}" if p.path else name) for p in exc.problems]) from None
    incoming: list[Incoming] = []
    left: Counter[str] = Counter({reason: count for reason, count in selection.left.items() if count})
    invalid: list[str] = []
    for found in selection.indicators.values():
        if not found.matched:
            continue
        source = excerpt(
            f"Fingertips, indicator {found.indicator_id}, area {selection.area_name or selection.area_code}",
            MAX_SHORT - 1,
        )
        for row in found.by_period.values():
            measurement, why = _measured(row, source)
            if measurement is None:
                left["not a measurement the framework can hold"] += 1
                if len(invalid) < MAX_EXAMPLES:
                    invalid.append(f"row {row.row} ({why})")
                continue
            for box, index in wanted[found.indicator_id]:
                incoming.append(Incoming(box, index, measurement, f"row {row.row}"))
    read = selection.lines()
    if not wanted:
        read.insert(
            1,
            "No indicator of the framework has a Fingertips id: give an indicator the number Fingertips gives it "
            "(its fingertips id, e.g. 93015) to bring its figures in.",
        )
    if invalid:
        count = left["not a measurement the framework can hold"]
        read.append(f"Left {plural(count, 'row')} the framework cannot hold as a measurement: {'; '.join(invalid)}.")
    return add_measurements(fw, incoming, unmatched=dict(left), read=read, kind="fingertips")


def _whole(value: float | None) -> int | None:
    """A count or denominator as the format holds it, a whole number; None when the file's is not whole."""
    if value is None or not float(value).is_integer() or value < 0:
        return None
    return int(value)


def _measured(row: FingertipsRow, source: str) -> tuple[Measurement | None, str]:
    """A Fingertips row as a measurement, or None and why it cannot be one."""
    if row.period_end is None:
        return None, f"the period {quoted(row.period)} has no end Fingertips or this can read"
    fields = {
        "period": excerpt(row.period, MAX_SHORT - 1),  # cut with its "…", within the limit
        "period_end": row.period_end.isoformat(),
        "value": row.value,
        "lower_ci": row.lower_ci,
        "upper_ci": row.upper_ci,
        "count": _whole(row.count),
        "denominator": _whole(row.denominator),
        "note": excerpt(" ".join(row.value_note.split()), MAX_SHORT - 1) or None,
        "source": source,
    }
    try:
        return Measurement.model_validate({k: v for k, v in fields.items() if v is not None}), ""
    except ValidationError as exc:
        return None, "; ".join(str(p) for p in validation_problems(exc))


# Our measurements table ----------------------------------------------------------------------------------------


def _table(fw: Framework, data: bytes, name: str) -> Brought:
    tables = read_tables(data, name)
    ids = {node.id: node for node in fw.nodes}
    labels: dict[str, str] = {}
    for node in fw.nodes:
        labels.setdefault(" ".join(node.label.split()).lower(), node.id)
    left: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}

    def leave(reason: str, where: str, detail: str) -> None:
        left[reason] += 1
        shown = examples.setdefault(reason, [])
        if len(shown) < MAX_EXAMPLES:
            shown.append(f"{where} ({detail})")

    def box_of(written: str, where: str) -> str | None:
        box = written if written in ids else labels.get(" ".join(written.split()).lower())
        if box is None:
            leave("no box has that id or label", where, quoted(written))
        return box

    incoming: list[Incoming] = []
    for row in tables.measurements:
        box = box_of(row.box, row.where)
        if box is None:
            continue
        indicators = ids[box].indicators
        index = next((i for i, ind in enumerate(indicators) if ind.name == row.indicator), None)
        if index is None:
            wanted = " ".join(row.indicator.split()).lower()
            index = next((i for i, ind in enumerate(indicators) if " ".join(ind.name.split()).lower() == wanted), None)
        if index is None:
            detail = f"{quoted(row.indicator)} on {quoted(ids[box].label)}"
            leave("the box has no indicator of that name", row.where, detail)
            continue
        incoming.append(Incoming(box, index, row.measurement, row.where))
    delivery = [
        IncomingDelivery(box, row.delivery, row.where)
        for row in tables.delivery
        if (box := box_of(row.box, row.where)) is not None
    ]
    what = "a measurements table" if not tables.delivery else "a delivery table"
    if tables.measurements and tables.delivery:
        what = "measurements and delivery tables"
    read = [f"Read {plural(tables.rows, 'row')} of {what} ({excerpt(name)})."]
    for reason, count in left.items():
        more = f"; and {count - len(examples[reason]):,} more" if count > len(examples[reason]) else ""
        read.append(f"Left {plural(count, 'row')}: {reason}: {'; '.join(examples[reason])}{more}.")
    return add_measurements(fw, incoming, unmatched=dict(left), read=read, kind="table", delivery=delivery)
