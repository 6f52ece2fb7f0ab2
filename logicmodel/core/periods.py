"""The day a period ends, read from the words people (and Fingertips) write periods in.

A measurement or a period of delivery is recorded with its period as written ("2022/23", "Q2 2025/26",
"2024") and the day it ends, which sorts. Importers call ``period_end`` to fill in the day; a period it cannot
read gives ``None``, and the importer asks for the day rather than guessing one.

Financial years run from April to March (the UK public sector's year): "2022/23" ends on 31 March 2023, and
its quarters are April-June (Q1) to January-March (Q4). A year written alone is a calendar year, and its
quarters are January-March (Q1) to October-December (Q4). A span of years ("2020 - 22", "2018/19 - 20/21")
ends when its last year does; Fingertips writes a span of calendar years with a spaced hyphen ("2020 - 22")
and a financial year with a slash ("2022/23"), and so does this ("2022-23", unspaced, is a financial year).

>>> period_end("2022/23")
'2023-03-31'
>>> period_end("Q2 2025/26")
'2025-09-30'
>>> period_end("2024")
'2024-12-31'
>>> period_end("2025/26 Q4")
'2026-03-31'
>>> period_end("2020 - 22")
'2022-12-31'
>>> period_end("March 2024")
'2024-03-31'
>>> period_end("last year") is None
True
"""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = ["period_end"]

_MONTHS = {
    **{name.lower(): number for number, name in enumerate(calendar.month_name) if name},
    **{name.lower(): number for number, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}

_YEAR = r"(?P<year>(?:19|20)\d{2})"
_FINANCIAL = rf"(?:fy\s*)?{_YEAR}(?:\s*/\s*|-)(?P<next>\d{{2}}|\d{{4}})"
"""A financial year: "2022/23", "2022/2023", "FY 2022-23" (a hyphen with spaces, "2020 - 22", is Fingertips'
span of calendar years)."""
_LAST = r"(?P<last>\d{2}|\d{4})"
_QUARTER = r"q(?:uarter)?\s*(?P<quarter>[1-4])"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"^{pattern}$", re.IGNORECASE))
    for kind, pattern in (
        ("financial quarter", rf"{_QUARTER}\s*,?\s*{_FINANCIAL}"),
        ("financial quarter", rf"{_FINANCIAL}\s*,?\s*{_QUARTER}"),
        ("financial span", rf"{_FINANCIAL}\s*(?:-|to|–)\s*{_LAST}\s*/\s*(?P<lastnext>\d{{2}}|\d{{4}})"),
        ("financial year", _FINANCIAL),
        ("calendar span", rf"{_YEAR}\s*(?:-|to|–)\s*{_LAST}"),
        ("calendar quarter", rf"{_QUARTER}\s*,?\s*{_YEAR}"),
        ("calendar quarter", rf"{_YEAR}\s*,?\s*{_QUARTER}"),
        ("month", rf"(?P<month>[a-z]{{3,9}})\.?\s*{_YEAR}"),
        ("calendar year", rf"(?:calendar\s+year\s+)?{_YEAR}"),
    )
)


def period_end(text: str) -> str | None:
    """The ISO date a period ends, e.g. ``'2023-03-31'`` for "2022/23", or None when it is not a period this
    reads (it never guesses: "last year", "2022/24", "Q5 2024" give None).

    >>> period_end("FY 2024-25")
    '2025-03-31'
    >>> period_end("2023/2024")
    '2024-03-31'
    >>> period_end("Q3 2024")
    '2024-09-30'
    >>> period_end("2018/19 - 20/21")
    '2021-03-31'
    >>> period_end("2022/24") is None
    True
    >>> period_end("2022 - 20") is None
    True
    """
    words = " ".join(text.split())
    for kind, pattern in _PATTERNS:
        match = pattern.match(words)
        end = _end(kind, match) if match else None
        if end is not None:
            return end
    return None


def _end(kind: str, match: re.Match[str]) -> str | None:
    year = int(match["year"])
    parts = match.groupdict()
    if "next" in parts and parts["next"] is not None and not _follows(year, parts["next"]):
        return None
    if kind == "financial year":
        return date(year + 1, 3, 31).isoformat()
    if kind == "financial quarter":
        quarter = int(match["quarter"])
        return _month_end(year + 1, 3) if quarter == 4 else _month_end(year, 3 + 3 * quarter)
    if kind == "calendar year":
        return date(year, 12, 31).isoformat()
    if kind == "calendar quarter":
        return _month_end(year, 3 * int(match["quarter"]))
    if kind == "month":
        month = _MONTHS.get(match["month"].lower())
        return None if month is None else _month_end(year, month)
    last = _full_year(year, match["last"])
    if last > year + _LONGEST_SPAN:
        return None
    if kind == "calendar span":
        return date(last, 12, 31).isoformat()
    if not _follows(last, match["lastnext"]):  # financial span
        return None
    return date(last + 1, 3, 31).isoformat()


def _follows(year: int, written: str) -> bool:
    """Whether ``written`` ("23" or "2023") is the year after ``year``: "2022/24" is no financial year."""
    return _full_year(year, written) == year + 1


_LONGEST_SPAN = 10
"""Most years a span may cover: "2020 - 19" is a mistake, not a century."""


def _full_year(year: int, written: str) -> int:
    """A later year written in two or four digits, read in the century of ``year`` (or the next)."""
    if len(written) == 4:
        return int(written)
    full = year - year % 100 + int(written)
    return full if full > year else full + 100


def _month_end(year: int, month: int) -> str:
    return date(year, month, calendar.monthrange(year, month)[1]).isoformat()
