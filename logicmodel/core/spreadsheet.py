r"""Cells for spreadsheets: text that a spreadsheet would run as a formula is written as plain text.

A box labelled ``=HYPERLINK("https://evil.example", "Click")`` is data, but Excel, LibreOffice and
Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after a tab or carriage
return, any of those) as a formula. As OWASP recommends against CSV injection, every text cell that
starts with one of those six characters gets a single quote in front, which spreadsheets show as text
and hide. Numbers stay numbers, negative ones included. Every CSV or Excel writer goes through
``safe_cell`` (``csv_text`` does).

>>> safe_cell("=1+1"), safe_cell("-5"), safe_cell(-5), safe_cell("Walks")
("'=1+1", "'-5", -5, 'Walks')
>>> csv_text(["Box", "Links in"], [["+Walks, weekly", 3]]).splitlines()
['Box,Links in', '"\'+Walks, weekly",3']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

__all__ = ["FORMULA_STARTS", "csv_bytes", "csv_text", "safe_cell"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a text cell may start that a spreadsheet could take for a formula (OWASP's list)."""


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet should get it: text that could start a formula behind a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV table (RFC 4180: comma-separated, quoted where needed, CRLF line ends) of safe cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; quotes a field holding \r or \n
    writer.writerow([safe_cell(c) for c in columns])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return out.getvalue()


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """``csv_text`` as UTF-8 with a byte-order mark, so that Excel reads accents and symbols right."""
    return ("\ufeff" + csv_text(columns, rows)).encode("utf-8")
