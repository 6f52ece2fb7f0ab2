"""A Fingertips data download, read a row at a time, and the rows one area's indicators take from it.

Fingertips (OHID, formerly PHE) exports data as CSV, from the site ("Download") and from its API
(``/api/all_data/csv/...``), with columns ``Indicator ID, Indicator Name, Parent Code, Parent Name, Area Code,
Area Name, Area Type, Sex, Age, Category Type, Category, Time period, Value, Lower CI 95.0 limit, Upper CI 95.0
limit, Lower CI 99.8 limit, Upper CI 99.8 limit, Count, Denominator, Value note, Recent Trend, Compared to England
value or percentiles, ..., Time period Sortable, New data, Compared to goal`` (the API adds ``Time period range``).
Headers are matched without case, spaces or punctuation, so the same columns renamed by fingertipsR
(``LowerCI95.0limit``, ``TimeperiodSortable``, written by R with "NA" in empty cells) or fingertips_py
(``LowerCi95_0Limit``) read too. A row may have fewer cells than the header (the site leaves off an empty last
cell); a cell may hold a line break in quotes (the site writes one at the end of some indicator names); a
byte-order mark and Windows text are taken. ``docs/fingertips.md`` says it all for users.

``read_rows`` yields each data row as a ``FingertipsRow``; ``select`` keeps, for the indicators a framework
measures and one area, the all-persons, all-categories rows of each indicator's standard age band, and says in
plain words which indicators matched and which rows were left and why (``Selection.lines``).

Not a registered format (``logicmodel.formats.registry``): a registered format reads and writes a whole
framework, and a Fingertips download holds no framework, only measurements to add to one (``logicmodel
measure``), so it is read here and nothing here writes.

>>> data = (b"Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,"
...         b"Time period,Value,Time period Sortable\\r\\n"
...         b"93015,Physically inactive adults,E06000030,Swindon,UA,Persons,19+ yrs,,,2022/23,22.5,20220000\\r\\n")
>>> [(r.indicator_id, r.period, r.period_end.isoformat(), r.value) for r in read_rows(data)]
[(93015, '2022/23', '2023-03-31', 22.5)]
>>> select(read_rows(data), {93015}, "E06000030").lines()[1]
'93015 Physically inactive adults: 1 period taken for Swindon (Persons, 19+ yrs): 2022/23.'
"""

from __future__ import annotations

import calendar
import csv
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import BinaryIO, Literal

from logicmodel.core.errors import FrameworkError, Problem, excerpt, quoted
from logicmodel.core.limits import MAX_CELL, MAX_COLUMNS, MAX_DATA_BYTES, MAX_DATA_CELLS, MAX_DATA_KEPT

__all__ = [
    "PERSONS",
    "REASONS",
    "FingertipsRow",
    "IndicatorRows",
    "Selection",
    "period_end",
    "read_rows",
    "select",
]

PERSONS = "Persons"
"""The sex Fingertips gives figures for everyone under."""

ALL_AGES = "All ages"

Reason = Literal[
    "another indicator", "another area", "another sex", "another age", "a category", "no value", "repeated"
]
REASONS: tuple[Reason, ...] = (
    "another indicator",
    "another area",
    "another sex",
    "another age",
    "a category",
    "no value",
    "repeated",
)
"""Why a row was left, in the order ``Selection.lines`` reports them."""

# The columns read, by their key: the header without case, spaces or punctuation.
REQUIRED = {
    "indicatorid": "Indicator ID",
    "areacode": "Area Code",
    "sex": "Sex",
    "age": "Age",
    "timeperiod": "Time period",
    "value": "Value",
}
OPTIONAL = {
    "indicatorname": "Indicator Name",
    "areaname": "Area Name",
    "areatype": "Area Type",
    "categorytype": "Category Type",
    "category": "Category",
    "lowerci950limit": "Lower CI 95.0 limit",
    "upperci950limit": "Upper CI 95.0 limit",
    "count": "Count",
    "denominator": "Denominator",
    "valuenote": "Value note",
    "timeperiodsortable": "Time period Sortable",
    "timeperiodrange": "Time period range",
}

MAX_LINE = MAX_COLUMNS * MAX_CELL
"""Most bytes read as one line: a longer one cannot be a row within the limits."""


@dataclass(frozen=True, slots=True)
class FingertipsRow:
    """One row of a Fingertips download, typed: numbers as floats (None where the cell is empty), text stripped.

    ``period`` is as Fingertips writes it ("2022/23", "2020 - 22"); ``period_sortable`` is its ``Time period
    Sortable`` (the start year, quarter and month as YYYYQQMM: 20220000 for 2022/23, 20230200 for 2023/24 Q2);
    ``period_end`` the last day the period covers (``period_end``), None when neither says. ``row`` is the row's
    number as a spreadsheet shows the file (the header is row 1).
    """

    row: int
    indicator_id: int
    indicator_name: str
    area_code: str
    area_name: str
    area_type: str
    sex: str
    age: str
    category_type: str
    category: str
    period: str
    period_sortable: int | None
    period_end: date | None
    value: float | None
    lower_ci: float | None
    upper_ci: float | None
    count: float | None
    denominator: float | None
    value_note: str

    def order(self) -> tuple[date, int, str]:
        """The key that puts rows in time order: end date, then Fingertips' sortable number, then the text."""
        return (self.period_end or date.min, self.period_sortable or 0, self.period)


# Periods ------------------------------------------------------------------------------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_YEAR = re.compile(r"(\d{4})$")
_FINANCIAL = re.compile(r"(\d{4})\s*/\s*(\d{2}|\d{4})$")
_FINANCIAL_QUARTER = re.compile(r"(\d{4})\s*/\s*(\d{2}|\d{4})\s+Q([1-4])$", re.I)
_QUARTER_FIRST = re.compile(r"Q([1-4])\s+(\d{4})\s*/\s*(\d{2}|\d{4})$", re.I)
_CALENDAR_QUARTER = re.compile(r"(\d{4})\s+Q([1-4])$", re.I)
_MONTH = re.compile(r"([A-Za-z]+)\.?\s+(\d{4})$")
_RANGE = re.compile(r"(.+?)\s+-\s+(.+)$|(.+?)\s*[–—]\s*(.+)$")
_SHORT_YEAR = re.compile(r"(\d{2})$")
_SHORT_FINANCIAL = re.compile(r"(\d{2})\s*/\s*(\d{2})$")
_SHORT_QUARTER = re.compile(r"Q([1-4])$", re.I)
_SPAN = re.compile(r"(\d+)\s*([ymq])$", re.I)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _financial_year(first: str, second: str) -> int | None:
    """The year a financial year "2022/23" ends in (2023), or None when the two halves are not consecutive."""
    start = int(first)
    end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
    if len(second) == 2 and end < start:
        end += 100
    return end if end == start + 1 else None


def _financial_quarter_end(start_year: int, quarter: int) -> date:
    """The last day of a financial year's quarter: Q1 April to June ... Q4 January to March."""
    return _month_end(start_year + (quarter == 4), (3, 6, 9, 12, 3)[quarter])


def _one_period(text: str) -> date | None:
    if m := _YEAR.match(text):
        return date(int(m[1]), 12, 31)
    if m := _FINANCIAL.match(text):
        end = _financial_year(m[1], m[2])
        return date(end, 3, 31) if end else None
    if m := _FINANCIAL_QUARTER.match(text):
        return _financial_quarter_end(int(m[1]), int(m[3])) if _financial_year(m[1], m[2]) else None
    if m := _QUARTER_FIRST.match(text):
        return _financial_quarter_end(int(m[2]), int(m[1])) if _financial_year(m[2], m[3]) else None
    if m := _CALENDAR_QUARTER.match(text):
        return _month_end(int(m[1]), 3 * int(m[2]))
    if (m := _MONTH.match(text)) and m[1].lower() in _MONTHS:
        return _month_end(int(m[2]), _MONTHS[m[1].lower()])
    return None


def _range_end(start: str, end: str) -> date | None:
    """The end of a range "2020 - 22", "2018/19 - 20/21", "2022/23 Q1 - Q3": the end written short is read
    in the start's century and year."""
    first = re.search(r"\d{4}", start)
    if first is None:
        return _one_period(end)
    year = int(first[0])
    if m := _SHORT_YEAR.match(end):
        full = (year // 100) * 100 + int(m[1])
        return date(full + 100 if full < year else full, 12, 31)
    if m := _SHORT_FINANCIAL.match(end):
        century = (year // 100) * 100
        full = century + int(m[1])
        return _one_period(f"{full + 100 if full < year else full}/{m[2]}")
    if (m := _SHORT_QUARTER.match(end)) and _FINANCIAL_QUARTER.match(start):
        return _financial_quarter_end(year, int(m[1]))
    if (m := _SHORT_QUARTER.match(end)) and _CALENDAR_QUARTER.match(start):
        return _month_end(year, 3 * int(m[1]))
    return _one_period(end)


def period_end(text: str, sortable: int | None = None, span: str = "") -> date | None:
    """The last day a Fingertips period covers, for putting periods in order and on a chart's time axis.

    Read from the period as written: a calendar year ("2019": 31 December), a financial year ("2022/23": 31
    March 2023; an academic year is written the same way and is given the same end), a financial quarter
    ("2023/24 Q2": 30 September 2023, "Q2 2023/24" as people write it too), a calendar quarter ("2023 Q1"), a
    month ("April 2020", "Apr 2020") and a range of any of these ("2020 - 22", "2018/19 - 20/21"). Where the text
    is none of these, from ``Time period Sortable`` (YYYYQQMM: the start year, financial quarter and month) and
    ``Time period range`` ("3y", "1q", "1m"); None when neither says.

    >>> [period_end(p).isoformat() for p in ("2019", "2022/23", "2020 - 22", "2018/19 - 20/21", "2023/24 Q2")]
    ['2019-12-31', '2023-03-31', '2022-12-31', '2021-03-31', '2023-09-30']
    >>> period_end("2021 (provisional)", 20210000, "1y"), period_end("Winter", None)
    (datetime.date(2021, 12, 31), None)
    """
    text = " ".join(text.split())
    try:
        end = _one_period(text)
        if end is None and (m := _RANGE.match(text)):
            start, last = (m[1], m[2]) if m[1] else (m[3], m[4])
            end = _range_end(start.strip(), last.strip())
        if end is None and sortable:
            end = _from_sortable(sortable, span)
    except (ValueError, OverflowError):  # a year no calendar has ("0000", "9999/00")
        return None
    return end


def _from_sortable(sortable: int, span: str) -> date | None:
    year, quarter, month = sortable // 10000, (sortable // 100) % 100, sortable % 100
    if not 1 <= year <= 9998:
        return None
    length = _SPAN.match(span.strip())
    count, unit = (int(length[1]), length[2].lower()) if length else (1, "y")
    count = max(1, min(count, 100))
    if 1 <= month <= 12:
        last = (year * 12 + month - 1) + (count - 1 if unit == "m" else 0)
        return _month_end(min(last // 12, 9999), last % 12 + 1) if last // 12 <= 9999 else None
    if 1 <= quarter <= 4:
        return _financial_quarter_end(year, quarter) if count == 1 else None
    return date(min(year + (count - 1 if unit == "y" else 0), 9999), 12, 31)


# Reading ------------------------------------------------------------------------------------------------------


def _key(header: str) -> str:
    return re.sub(r"[^0-9a-z]", "", header.lower())


def _lines(stream: BinaryIO) -> Iterator[str]:
    """The file's lines as text (line endings kept, for csv): UTF-8, a first line's byte-order mark dropped, or
    Windows' cp1252 where a line is not UTF-8 (a download opened and saved again in Excel), held to the limits."""
    read = 0
    first = True
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        read += len(line)
        if read > MAX_DATA_BYTES:
            raise _refused(f"the file is larger than {MAX_DATA_BYTES // 1_000_000} MB (the most a download may be)")
        if len(line) > MAX_LINE:
            raise _refused(f"a line is longer than {MAX_LINE:,} bytes: not a Fingertips data download")
        if first:
            first = False
            if line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield line.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise _refused("not a text file (it holds bytes that are neither UTF-8 nor Windows text)") from exc


def _refused(message: str, where: str = "") -> FrameworkError:
    return FrameworkError([Problem(where, message)])


def _columns(header: list[str]) -> dict[str, int]:
    """Each column read, by its key, at its place in the header; refused in one line naming what is missing."""
    places: dict[str, int] = {}
    for i, name in enumerate(header):
        places.setdefault(_key(name), i)
    missing = [name for key, name in REQUIRED.items() if key not in places]
    if missing:
        shown = ", ".join(quoted(h) for h in header[:8] if h.strip()) or "nothing"
        more = f" and {len(header) - 8} more" if len(header) > 8 else ""
        raise _refused(
            f"not a Fingertips data download: it has no {_listed(missing)} column (its first line has {shown}{more})"
        )
    return {key: places[key] for key in (*REQUIRED, *OPTIONAL) if key in places}


def _listed(names: list[str]) -> str:
    words = [f"'{n}'" for n in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _number(text: str, name: str, row: int) -> float | None:
    """A number cell: None where empty (or R's "NA"); a bad row where anything but a finite number."""
    if not text or text.isspace() or text == "NA":
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise _refused(f"{name} {quoted(text.strip())} is not a number", f"row {row}")
    return number


def _whole(text: str, name: str, row: int, *, required: bool) -> int | None:
    text = text.strip()
    if (not text or text == "NA") and not required:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        raise _refused(f"{name} {quoted(text)} is not a whole number", f"row {row}")
    return int(text)


def read_rows(source: bytes | BinaryIO) -> Iterator[FingertipsRow]:
    """Each data row of a Fingertips download, in the file's order, read a row at a time.

    Refused with ``FrameworkError`` in one line: a file that is not a Fingertips download (naming the columns
    it lacks), or is over the limits (``MAX_DATA_BYTES``, ``MAX_DATA_CELLS``, ``MAX_COLUMNS``, ``MAX_CELL``); a
    bad row is named by its number ("row 12: Value 'n/a' is not a number"). Blank lines are skipped.
    """
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    reader = csv.reader(_lines(stream))
    row = 0  # the rows read so far; the header is row 1, as a spreadsheet numbers them
    try:
        header = next(reader, None)
        row = 1
        if header is None:
            raise _refused("the file is empty: not a Fingertips data download")
        if len(header) > MAX_COLUMNS:
            raise _refused(f"the first line has {len(header):,} columns: not a Fingertips data download")
        places = _columns(header)
        width = len(header)
        cells = width
        # A column the file lacks is read from one empty cell added after the row's last.
        cells_of = itemgetter(*(places.get(key, width) for key in (*REQUIRED, *OPTIONAL)))
        periods: dict[tuple[str, str, str], tuple[int | None, date | None]] = {}
        ids: dict[str, int] = {}
        for cells_of_row in reader:
            row += 1
            n = len(cells_of_row)
            if n <= 1 and (not n or not cells_of_row[0].strip()):
                continue
            cells += n
            if n > MAX_COLUMNS:
                raise _refused(f"{n:,} cells, more than the {MAX_COLUMNS} a row may have", f"row {row}")
            if cells > MAX_DATA_CELLS:
                raise _refused(f"the file has more than {MAX_DATA_CELLS:,} cells (the most a download may have)")
            if (longest := max(map(len, cells_of_row))) > MAX_CELL:
                raise _refused(f"a cell of {longest:,} characters (at most {MAX_CELL:,})", f"row {row}")
            cells_of_row += [""] * (width + 1 - n)
            (
                indicator_id, area_code, sex, age, period, value,
                indicator_name, area_name, area_type, category_type, category,
                lower_ci, upper_ci, count, denominator, value_note, sortable_text, span,
            ) = cells_of(cells_of_row)  # fmt: skip
            indicator = ids.get(indicator_id)
            if indicator is None:
                indicator = _whole(indicator_id, "Indicator ID", row, required=True) or 0
                if len(ids) < 100_000:
                    ids[indicator_id] = indicator
            period = period.strip()
            known = periods.get((period, sortable_text, span))
            if known is None:
                sortable = _whole(sortable_text, "Time period Sortable", row, required=False)
                known = (sortable, period_end(period, sortable, span))
                if len(periods) < 100_000:
                    periods[(period, sortable_text, span)] = known
            try:
                numbers = [
                    float(x) if x and x != "NA" else None for x in (value, lower_ci, upper_ci, count, denominator)
                ]
                if not all(x is None or x - x == 0 for x in numbers):  # inf and nan are not numbers here
                    raise ValueError
            except ValueError:
                numbers = [
                    _number(value, "Value", row),
                    _number(lower_ci, "Lower CI 95.0 limit", row),
                    _number(upper_ci, "Upper CI 95.0 limit", row),
                    _number(count, "Count", row),
                    _number(denominator, "Denominator", row),
                ]
            yield FingertipsRow(
                row,
                indicator,
                indicator_name.strip(),
                area_code.strip(),
                area_name.strip(),
                area_type.strip(),
                sex.strip(),
                age.strip(),
                _text(category_type),
                _text(category),
                period,
                known[0],
                known[1],
                *numbers,
                _text(value_note),
            )
    except csv.Error as exc:
        raise _refused(_csv_problem(str(exc)), f"row {row + 1}") from None


def _csv_problem(message: str) -> str:
    """What the csv module found wrong, in the words of someone who saved the file."""
    if "new-line character" in message:
        return "a line ends in a carriage return alone (not how Fingertips writes): save the file again as CSV"
    if "field larger than field limit" in message:
        return f"a cell longer than {csv.field_size_limit():,} characters (a quote never closed?)"
    return f"not readable as CSV ({message})"


def _text(cell: str) -> str:
    """A text cell stripped; R's "NA" (fingertipsR's data written with ``write.csv``) read as empty."""
    if not cell:
        return cell
    cell = cell.strip()
    return "" if cell == "NA" else cell


# Selecting ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRows:
    """What one wanted indicator took from the file for the area: its rows by period, in time order.

    ``ages`` are the age bands the file has for it (all persons, no category) and ``age`` the one taken;
    ``why_none`` says, when nothing was taken, why in plain words.
    """

    indicator_id: int
    indicator_name: str
    sex: str
    age: str
    ages: tuple[str, ...]
    by_period: dict[str, FingertipsRow]
    why_none: str = ""
    age_chosen_because: str = ""

    @property
    def matched(self) -> bool:
        return bool(self.by_period)


@dataclass(frozen=True)
class Selection:
    """The rows a framework's indicators take from a download for one area, and an account of the rest.

    ``indicators`` holds one entry per wanted id, matched or not; ``left`` counts the rows left by reason
    (``REASONS``), ``examples`` gives a few row numbers and details for each reason, and ``other_indicators``
    counts the rows of each indicator the framework did not ask for.
    """

    area_code: str
    area_name: str
    rows_read: int
    indicators: dict[int, IndicatorRows]
    left: dict[Reason, int]
    examples: dict[Reason, tuple[str, ...]]
    other_indicators: dict[int, int] = field(default_factory=dict)
    other_areas: dict[str, str] = field(default_factory=dict)
    """The codes (and names) of the other areas the wanted indicators' rows were for: the first 1,000."""

    @property
    def matched(self) -> tuple[int, ...]:
        return tuple(i for i, found in self.indicators.items() if found.matched)

    @property
    def unmatched(self) -> tuple[int, ...]:
        return tuple(i for i, found in self.indicators.items() if not found.matched)

    def lines(self) -> list[str]:
        """The account in plain words, a line each: what was read, each indicator's outcome, what was left."""
        place = self.area_name or self.area_code
        rows = f"{self.rows_read:,} row{'' if self.rows_read == 1 else 's'}"
        out = [f"Read {rows} of a Fingertips data download for area {self.area_code}."]
        if not self.area_name and self.other_areas:
            codes = list(self.other_areas.items())
            named = ", ".join(f"{excerpt(code)} {excerpt(name)}".strip() for code, name in codes[:3])
            more = f" and {len(codes) - 3:,} more" if len(codes) > 3 else ""
            out.append(f"The file has no rows of these indicators for {self.area_code}: they are for {named}{more}.")
        for found in self.indicators.values():
            name = f"{found.indicator_id} {excerpt(found.indicator_name, MAX_NAME)}".strip()
            if found.matched:
                periods = list(found.by_period)
                span = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
                plural = "period" if len(periods) == 1 else "periods"
                why = f" {found.age_chosen_because}" if found.age_chosen_because else ""
                taken = f"{len(periods)} {plural} taken for {place} ({found.sex}, {found.age})"
                out.append(f"{name}: {taken}: {span}.{why}")
            else:
                out.append(f"{name}: nothing taken: {found.why_none}.")
        words = {
            "another indicator": "for indicators the framework does not measure",
            "another area": "for other areas",
            "another sex": f"for another sex than the one taken ('{PERSONS}' is everyone)",
            "another age": "for other age bands than the one taken",
            "a category": "breaking a figure down by a category (such as deprivation decile or ethnic group)",
            "no value": "with no value (Fingertips leaves it empty where it is suppressed or not available)",
            "repeated": "repeating a period already taken, or giving it a second value",
        }
        for reason in REASONS:
            count = self.left.get(reason, 0)
            if not count:
                continue
            detail = ""
            if reason == "another indicator":
                ids = ", ".join(
                    f"{i} ({n:,} row{'' if n == 1 else 's'})" for i, n in list(self.other_indicators.items())[:5]
                )
                detail = f": {ids}" + (" and more" if len(self.other_indicators) > 5 else "")
            elif self.examples.get(reason):
                shown = self.examples[reason]
                more = count - len(shown) if reason != "repeated" else 0
                detail = ": " + "; ".join(shown) + (f"; and {more:,} more" if more > 0 else "")
            out.append(f"Left {count:,} row{'' if count == 1 else 's'} {words[reason]}{detail}.")
        return out


def _age_band(age: str) -> tuple[float, float] | None:
    """The years an age band covers ("18+ yrs": 18 to 200, "0-9 yrs": 0 to 9), None when not written so."""
    if m := re.match(r"(\d+)\s*\+", age):
        return (float(m[1]), 200.0)
    if m := re.match(r"(\d+)\s*-\s*(\d+)", age):
        return (float(m[1]), float(m[2]))
    if m := re.match(r"<\s*(\d+)", age):
        return (0.0, float(m[1]))
    return None


def _standard_age(ages: list[str]) -> tuple[str, str]:
    """The age band taken where none is asked for, and why in words when there was a choice: the only one;
    else "All ages"; else the widest band written as years (the one Fingertips headlines, such as "18+ yrs"
    beside "65+ yrs"); else the first in the file."""
    if len(ages) == 1:
        return ages[0], ""
    others = ", ".join(map(excerpt, ages[:10])) + (f" and {len(ages) - 10} more" if len(ages) > 10 else "")
    if ALL_AGES in ages:
        return ALL_AGES, f"The file also has {_others(ages, ALL_AGES)}; '{ALL_AGES}' was taken."
    bands = [(band, a) for a in ages if (band := _age_band(a))]
    if bands:
        widest = max(bands, key=lambda b: (b[0][1] - b[0][0], -b[0][0]))[1]
        return (
            widest,
            f"The file has ages {others}; the widest, {excerpt(widest)}, was taken (ask for another to change it).",
        )
    return ages[
        0
    ], f"The file has ages {others}; the first, {excerpt(ages[0])}, was taken (ask for another to change it)."


def _others(ages: list[str], taken: str) -> str:
    return ", ".join(excerpt(a) for a in ages[:10] if a != taken)


MAX_EXAMPLES = 3
"""Rows named as examples of each reason a row was left; the rest are counted."""

MAX_NAME = 160
"""Most characters of an indicator's name in the account (Fingertips' longest names are some 150)."""


def select(
    rows: Iterable[FingertipsRow],
    wanted: Iterable[int],
    area_code: str,
    *,
    sex: str = PERSONS,
    age: str | None = None,
) -> Selection:
    """For each wanted indicator id and one area, the rows of one sex, no category and one age band, by period.

    Takes ``sex`` ("Persons" unless told otherwise) and ``age`` (unless told, each indicator's standard band:
    the only one, "All ages", or the widest written in years); leaves, and counts by reason, rows of other
    indicators, areas, sexes and ages, category breakdowns ("Category Type" not empty), rows with no value and
    rows repeating a period already taken (the same value twice is taken once; a period given two different
    values is taken from neither and said). Rows of other areas are counted and not kept, so a national file
    is read in little memory; more than ``MAX_DATA_KEPT`` rows for the area is refused in one line (as
    ``read_rows`` refuses). Text is compared without case or surrounding spaces.
    """
    ids = list(dict.fromkeys(int(i) for i in wanted))
    want = set(ids)
    area = area_code.strip().upper()
    area_code = area
    other_areas: dict[str, str] = {}
    sex_wanted = sex.strip().lower()
    left: Counter[Reason] = Counter()
    examples: dict[Reason, list[str]] = {r: [] for r in REASONS}
    other_indicators: Counter[int] = Counter()
    seen_ids: set[int] = set()
    kept: list[FingertipsRow] = []
    read = 0
    area_name = ""

    def leave(reason: Reason, detail: str) -> None:
        left[reason] += 1
        if len(examples[reason]) < MAX_EXAMPLES:
            examples[reason].append(detail)

    for r in rows:
        read += 1
        if r.indicator_id not in want:
            left["another indicator"] += 1
            other_indicators[r.indicator_id] += 1
            continue
        seen_ids.add(r.indicator_id)
        if r.area_code.upper() != area:
            left["another area"] += 1
            if len(other_areas) < 1_000:
                other_areas.setdefault(r.area_code, r.area_name)
            continue
        area_name = area_name or r.area_name
        kept.append(r)
        if len(kept) > MAX_DATA_KEPT:
            raise _refused(
                f"more than {MAX_DATA_KEPT:,} rows for {area_code} of the indicators asked for "
                "(a real download has a few thousand)",
                f"row {r.row}",
            )

    found: dict[int, IndicatorRows] = {}
    for indicator in ids:
        mine = [r for r in kept if r.indicator_id == indicator]
        name = next((r.indicator_name for r in mine), "")
        if not mine:
            why = (
                "it is not in this file"
                if indicator not in seen_ids
                else f"the file has it for other areas, not {area_code}"
            )
            found[indicator] = IndicatorRows(indicator, name, sex, age or "", (), {}, why)
            continue
        plain = []
        for r in mine:
            if r.category_type or r.category:
                leave("a category", f"row {r.row} ({excerpt(r.category_type or 'category')}: {excerpt(r.category)})")
            else:
                plain.append(r)
        sexes = list(dict.fromkeys(r.sex for r in plain))
        of_sex = [r for r in plain if r.sex.lower() == sex_wanted]
        for r in plain:
            if r.sex.lower() != sex_wanted:
                leave("another sex", f"row {r.row} ({excerpt(r.sex)})")
        ages = list(dict.fromkeys(r.age for r in of_sex))
        if not of_sex:
            why = f"it has no '{sex}' rows for {area_code} without a category" + (
                f" (it has {', '.join(map(excerpt, sexes[:5]))}: ask for one of those)" if sexes else ""
            )
            found[indicator] = IndicatorRows(indicator, name, sex, age or "", (), {}, why)
            continue
        because = ""
        if age is None:
            taken_age, because = _standard_age(ages)
        else:
            taken_age = next((a for a in ages if a.lower() == age.strip().lower()), age)
        chosen = []
        for r in of_sex:
            if r.age != taken_age:
                leave("another age", f"row {r.row} ({excerpt(r.age)})")
            elif r.value is None:
                note = f": {quoted(r.value_note)}" if r.value_note else ""
                leave("no value", f"row {r.row} ({excerpt(r.period)}{note})")
            else:
                chosen.append(r)
        if not any(r.age == taken_age for r in of_sex):
            why = f"it has no {quoted(taken_age)} rows for {area_code} (it has {', '.join(map(excerpt, ages[:10]))})"
            found[indicator] = IndicatorRows(indicator, name, sex, taken_age, tuple(ages), {}, why)
            continue
        by_period: dict[str, FingertipsRow] = {}
        clashing: set[str] = set()
        for r in sorted(chosen, key=FingertipsRow.order):
            before = by_period.get(r.period)
            if before is None:
                if r.period not in clashing:
                    by_period[r.period] = r
                else:
                    leave("repeated", f"row {r.row} ({excerpt(r.period)} again)")
                continue
            if before.value == r.value:
                leave("repeated", f"row {r.row} ({excerpt(r.period)} again, the same value as row {before.row})")
            else:
                leave(
                    "repeated",
                    f"rows {before.row} and {r.row} give {excerpt(r.period)} two values ({before.value:g} and "
                    f"{r.value:g}): neither taken",
                )
                left["repeated"] += 1
                del by_period[r.period]
                clashing.add(r.period)
        why = "" if by_period else f"every '{taken_age}' row for {area_code} has no value or two values"
        found[indicator] = IndicatorRows(
            indicator, name, sex, taken_age, tuple(ages), by_period, why, because if by_period else ""
        )
    return Selection(
        area_code=area_code,
        area_name=area_name,
        rows_read=read,
        indicators=found,
        left=dict(left),
        examples={r: tuple(e) for r, e in examples.items() if e},
        other_indicators=dict(other_indicators),
        other_areas=other_areas,
    )
